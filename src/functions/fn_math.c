/*
 * fn_math.c — mathematical functions (PostgreSQL 15's semantics and errors).
 */
#include <math.h>

#include "fn_tables.h"

#define SEL_LOOP for (int k = 0, i; k < n && ((i = sel[k]), 1); k++)

#define ABS_INT(NAME, T, MINV, MSG)                                                                \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                              \
        const T *x = args[0]->data;                                                                \
        T *r = out->data;                                                                          \
        SEL_LOOP {                                                                                 \
            if (x[i] == (MINV)) return err_set(fc->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, MSG); \
            r[i] = x[i] < 0 ? (T)-x[i] : x[i];                                                     \
            om_vec_set_null(out, i, false);                                                        \
        }                                                                                          \
        return 0;                                                                                  \
    }

ABS_INT(fn_abs_i2, int16_t, INT16_MIN, "smallint out of range")
ABS_INT(fn_abs_i4, int32_t, INT32_MIN, "integer out of range")
ABS_INT(fn_abs_i8, int64_t, INT64_MIN, "bigint out of range")

static int fn_abs_f4(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const float *x = args[0]->data;
    float *r = out->data;
    SEL_LOOP {
        r[i] = fabsf(x[i]);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_abs_f8(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const double *x = args[0]->data;
    double *r = out->data;
    SEL_LOOP {
        r[i] = fabs(x[i]);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static const FnDesc descs[] = {
    {"abs", 1, {OM_T_INT2}, OM_T_INT2, FN_STRICT, fn_abs_i2},
    {"abs", 1, {OM_T_INT4}, OM_T_INT4, FN_STRICT, fn_abs_i4},
    {"abs", 1, {OM_T_INT8}, OM_T_INT8, FN_STRICT, fn_abs_i8},
    {"abs", 1, {OM_T_FLOAT4}, OM_T_FLOAT4, FN_STRICT, fn_abs_f4},
    {"abs", 1, {OM_T_FLOAT8}, OM_T_FLOAT8, FN_STRICT, fn_abs_f8},
};

const FnTable fn_math_table = {descs, sizeof descs / sizeof descs[0]};
