/*
 * fn_operators.c — operators that behave like functions of their operand
 * types (PostgreSQL's pg_operator entries backed by these procedures):
 * bitwise & | # ~ << >> on integers, and ^ @ |/ ||/ on double precision.
 * They are registered under the operator's symbol; the binder resolves
 * them with the function rules and reports "operator does not exist".
 * Arithmetic and comparison stay in the executor's own kernels.
 */
#include <math.h>

#include "fn_tables.h"

#define SEL_LOOP for (int k = 0, i; k < n && ((i = sel[k]), 1); k++)

/* Shifts reproduce PostgreSQL on x86-64: the count is taken modulo the
 * width (C's << on a 32-bit int uses the low 5 bits there). */
#define BITOPS(SUF, T, UT, BITS)                                                                          \
    static int fn_and_##SUF(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n) \
    {                                                                                                      \
        const T *x = a[0]->data, *y = a[1]->data;                                                          \
        T *r = o->data;                                                                                    \
        SEL_LOOP { r[i] = (T)(x[i] & y[i]); om_vec_set_null(o, i, false); }                                \
        return 0;                                                                                          \
    }                                                                                                      \
    static int fn_or_##SUF(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)  \
    {                                                                                                      \
        const T *x = a[0]->data, *y = a[1]->data;                                                          \
        T *r = o->data;                                                                                    \
        SEL_LOOP { r[i] = (T)(x[i] | y[i]); om_vec_set_null(o, i, false); }                                \
        return 0;                                                                                          \
    }                                                                                                      \
    static int fn_xor_##SUF(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n) \
    {                                                                                                      \
        const T *x = a[0]->data, *y = a[1]->data;                                                          \
        T *r = o->data;                                                                                    \
        SEL_LOOP { r[i] = (T)(x[i] ^ y[i]); om_vec_set_null(o, i, false); }                                \
        return 0;                                                                                          \
    }                                                                                                      \
    static int fn_not_##SUF(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n) \
    {                                                                                                      \
        const T *x = a[0]->data;                                                                           \
        T *r = o->data;                                                                                    \
        SEL_LOOP { r[i] = (T)~x[i]; om_vec_set_null(o, i, false); }                                        \
        return 0;                                                                                          \
    }                                                                                                      \
    static int fn_shl_##SUF(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n) \
    {                                                                                                      \
        const T *x = a[0]->data;                                                                           \
        const int32_t *y = a[1]->data;                                                                     \
        T *r = o->data;                                                                                    \
        SEL_LOOP { r[i] = (T)((UT)x[i] << ((unsigned)y[i] & (BITS - 1))); om_vec_set_null(o, i, false); }  \
        return 0;                                                                                          \
    }                                                                                                      \
    static int fn_shr_##SUF(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n) \
    {                                                                                                      \
        const T *x = a[0]->data;                                                                           \
        const int32_t *y = a[1]->data;                                                                     \
        T *r = o->data;                                                                                    \
        SEL_LOOP { r[i] = (T)(x[i] >> ((unsigned)y[i] & (BITS - 1))); om_vec_set_null(o, i, false); }      \
        return 0;                                                                                          \
    }

/* int2 shifts happen in int (C promotion), then are cut to 16 bits, as
 * PostgreSQL's int2shl does. */
BITOPS(i2, int16_t, uint32_t, 32)
BITOPS(i4, int32_t, uint32_t, 32)
BITOPS(i8, int64_t, uint64_t, 64)

static int fn_pow_f8(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const double *x = a[0]->data, *y = a[1]->data;
    double *r = o->data;
    SEL_LOOP {
        double b = x[i], e = y[i];
        if (b == 0 && e < 0)
            return err_set(fc->err, ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION, "zero raised to a negative power is undefined");
        if (b < 0 && floor(e) != e)
            return err_set(fc->err, ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                           "a negative number raised to a non-integer power yields a complex result");
        double v = pow(b, e);
        if (isinf(v) && !isinf(b) && !isinf(e))
            return err_set(fc->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        if (v == 0 && b != 0 && !isinf(e))
            return err_set(fc->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        r[i] = v;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_sqrt_f8(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const double *x = a[0]->data;
    double *r = o->data;
    SEL_LOOP {
        if (x[i] < 0)
            return err_set(fc->err, ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number");
        r[i] = sqrt(x[i]);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_cbrt_f8(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const double *x = a[0]->data;
    double *r = o->data;
    SEL_LOOP { r[i] = cbrt(x[i]); om_vec_set_null(o, i, false); }
    return 0;
}

#define ABSOP(SUF, T, MINV, MSG)                                                                          \
    static int fn_abs_op_##SUF(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n) \
    {                                                                                                      \
        const T *x = a[0]->data;                                                                           \
        T *r = o->data;                                                                                    \
        SEL_LOOP {                                                                                         \
            if (x[i] == (MINV)) return err_set(fc->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, MSG);          \
            r[i] = x[i] < 0 ? (T)-x[i] : x[i];                                                             \
            om_vec_set_null(o, i, false);                                                                  \
        }                                                                                                  \
        return 0;                                                                                          \
    }
ABSOP(i2, int16_t, INT16_MIN, "smallint out of range")
ABSOP(i4, int32_t, INT32_MIN, "integer out of range")
ABSOP(i8, int64_t, INT64_MIN, "bigint out of range")

static int fn_abs_op_f4(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const float *x = a[0]->data;
    float *r = o->data;
    SEL_LOOP { r[i] = fabsf(x[i]); om_vec_set_null(o, i, false); }
    return 0;
}

static int fn_abs_op_f8(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const double *x = a[0]->data;
    double *r = o->data;
    SEL_LOOP { r[i] = fabs(x[i]); om_vec_set_null(o, i, false); }
    return 0;
}

#define I2 OM_T_INT2
#define I4 OM_T_INT4
#define I8 OM_T_INT8
#define F8 OM_T_FLOAT8
static const FnDesc descs[] = {
    {"&", 2, {I2, I2}, I2, FN_STRICT, fn_and_i2}, {"&", 2, {I4, I4}, I4, FN_STRICT, fn_and_i4},
    {"&", 2, {I8, I8}, I8, FN_STRICT, fn_and_i8},
    {"|", 2, {I2, I2}, I2, FN_STRICT, fn_or_i2}, {"|", 2, {I4, I4}, I4, FN_STRICT, fn_or_i4},
    {"|", 2, {I8, I8}, I8, FN_STRICT, fn_or_i8},
    {"#", 2, {I2, I2}, I2, FN_STRICT, fn_xor_i2}, {"#", 2, {I4, I4}, I4, FN_STRICT, fn_xor_i4},
    {"#", 2, {I8, I8}, I8, FN_STRICT, fn_xor_i8},
    {"~", 1, {I2}, I2, FN_STRICT, fn_not_i2}, {"~", 1, {I4}, I4, FN_STRICT, fn_not_i4},
    {"~", 1, {I8}, I8, FN_STRICT, fn_not_i8},
    {"<<", 2, {I2, I4}, I2, FN_STRICT, fn_shl_i2}, {"<<", 2, {I4, I4}, I4, FN_STRICT, fn_shl_i4},
    {"<<", 2, {I8, I4}, I8, FN_STRICT, fn_shl_i8},
    {">>", 2, {I2, I4}, I2, FN_STRICT, fn_shr_i2}, {">>", 2, {I4, I4}, I4, FN_STRICT, fn_shr_i4},
    {">>", 2, {I8, I4}, I8, FN_STRICT, fn_shr_i8},
    {"^", 2, {F8, F8}, F8, FN_STRICT, fn_pow_f8},
    {"|/", 1, {F8}, F8, FN_STRICT, fn_sqrt_f8},
    {"||/", 1, {F8}, F8, FN_STRICT, fn_cbrt_f8},
    {"@", 1, {I2}, I2, FN_STRICT, fn_abs_op_i2}, {"@", 1, {I4}, I4, FN_STRICT, fn_abs_op_i4},
    {"@", 1, {I8}, I8, FN_STRICT, fn_abs_op_i8}, {"@", 1, {OM_T_FLOAT4}, OM_T_FLOAT4, FN_STRICT, fn_abs_op_f4},
    {"@", 1, {F8}, F8, FN_STRICT, fn_abs_op_f8},
};

const FnTable fn_operator_table = {descs, sizeof descs / sizeof descs[0]};
