/*
 * fn_numeric.c — the numeric forms of the math functions and the numeric ^
 * and @ operators: abs, sign, ceil/ceiling, floor, round, trunc, mod, div,
 * gcd, lcm, sqrt, exp, ln, log, log10, power/pow, scale, min_scale,
 * trim_scale, width_bucket, factorial (PostgreSQL 15's semantics and errors).
 *
 * Each kernel maps its rows through types/numeric_arith.c and lays the
 * result texts out in one buffer in fc->var. The registry lists this table
 * first, so these signatures win over the placeholders fn_math.c and
 * fn_math2.c registered for resolution before numeric arithmetic existed.
 */
#include "../types/numeric_arith.h"
#include "fn_tables.h"

/* Results are appended to one buffer that may move as it grows: rows record
 * offsets, fixed into pointers once all are done. */
typedef struct NumOut {
    OmBuf buf;
    OmVector *out;
} NumOut;

static void nout_init(NumOut *o, FnCall *fc, OmVector *out, int n)
{
    buf_init(&o->buf, fc->var, (size_t)n * 24 + 64);
    o->out = out;
}

static void nout_mark(NumOut *o, int row, size_t off)
{
    OmStr *r = o->out->data;
    r[row].ptr = (const char *)(uintptr_t)off;
    r[row].len = (uint32_t)(o->buf.len - off);
    om_vec_set_null(o->out, row, false);
}

static void nout_finish(NumOut *o, const uint16_t *sel, int n)
{
    OmStr *r = o->out->data;
    SEL_LOOP {
        if (!om_vec_is_null(o->out, i)) r[i].ptr = o->buf.data + (uintptr_t)r[i].ptr;
    }
}

/* Mark every row of the selection NULL after a failure, so the vector never
 * holds offsets posing as pointers. */
static int nout_fail(NumOut *o, const uint16_t *sel, int n)
{
    SEL_LOOP om_vec_set_null(o->out, i, true);
    return -1;
}

/* ---- one-argument functions ------------------------------------------------------------ */

static int unop_kernel(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                       OmNumUnOp op)
{
    const OmStr *x = args[0]->data;
    NumOut o;
    nout_init(&o, fc, out, n);
    SEL_LOOP {
        size_t off = o.buf.len;
        if (type_numeric_unop(op, x[i], &o.buf, fc->err) < 0) return nout_fail(&o, sel, n);
        nout_mark(&o, i, off);
    }
    nout_finish(&o, sel, n);
    return 0;
}

#define UNOP(NAME, OP)                                                                                   \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                                    \
        return unop_kernel(fc, args, out, sel, n, OP);                                                   \
    }

UNOP(fn_num_abs, OM_NUM_ABS)
UNOP(fn_num_sign, OM_NUM_SIGN)
UNOP(fn_num_ceil, OM_NUM_CEIL)
UNOP(fn_num_floor, OM_NUM_FLOOR)
UNOP(fn_num_sqrt, OM_NUM_SQRT)
UNOP(fn_num_exp, OM_NUM_EXP)
UNOP(fn_num_ln, OM_NUM_LN)
UNOP(fn_num_log10, OM_NUM_LOG10)
UNOP(fn_num_trim_scale, OM_NUM_TRIM_SCALE)

/* ---- two-argument functions ------------------------------------------------------------ */

static int binop_kernel(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                        OmNumBinOp op)
{
    const OmStr *x = args[0]->data, *y = args[1]->data;
    NumOut o;
    nout_init(&o, fc, out, n);
    SEL_LOOP {
        size_t off = o.buf.len;
        if (type_numeric_binop(op, x[i], y[i], &o.buf, fc->err) < 0) return nout_fail(&o, sel, n);
        nout_mark(&o, i, off);
    }
    nout_finish(&o, sel, n);
    return 0;
}

#define BINOP(NAME, OP)                                                                                  \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                                    \
        return binop_kernel(fc, args, out, sel, n, OP);                                                  \
    }

BINOP(fn_num_mod, OM_NUM_MOD)
BINOP(fn_num_div, OM_NUM_DIV_TRUNC)
BINOP(fn_num_power, OM_NUM_POWER)
BINOP(fn_num_log, OM_NUM_LOG)
BINOP(fn_num_gcd, OM_NUM_GCD)
BINOP(fn_num_lcm, OM_NUM_LCM)

/* ---- rounding -------------------------------------------------------------------------- */

static int round_kernel(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                        bool truncate)
{
    const OmStr *x = args[0]->data;
    const int32_t *s = fc->nargs > 1 ? args[1]->data : NULL;
    NumOut o;
    nout_init(&o, fc, out, n);
    SEL_LOOP {
        size_t off = o.buf.len;
        if (type_numeric_round(x[i], s ? s[i] : 0, truncate, &o.buf, fc->err) < 0) return nout_fail(&o, sel, n);
        nout_mark(&o, i, off);
    }
    nout_finish(&o, sel, n);
    return 0;
}

static int fn_num_round(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    return round_kernel(fc, args, out, sel, n, false);
}

static int fn_num_trunc(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    return round_kernel(fc, args, out, sel, n, true);
}

/* ---- scale, min_scale ------------------------------------------------------------------ */

static int scale_kernel(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                        bool min_scale)
{
    const OmStr *x = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        bool ok = type_numeric_value_scale(x[i], min_scale, &r[i]);
        om_vec_set_null(out, i, !ok); /* NaN and infinities have no scale */
    }
    return 0;
}

static int fn_num_scale(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    return scale_kernel(fc, args, out, sel, n, false);
}

static int fn_num_min_scale(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    return scale_kernel(fc, args, out, sel, n, true);
}

/* ---- width_bucket ---------------------------------------------------------------------- */

static int fn_num_width_bucket(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *op = args[0]->data, *b1 = args[1]->data, *b2 = args[2]->data;
    const int32_t *cnt = args[3]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        if (type_numeric_width_bucket(op[i], b1[i], b2[i], cnt[i], &r[i], fc->err) < 0) return -1;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- factorial ------------------------------------------------------------------------ */

static int fn_num_factorial(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const int64_t *x = args[0]->data;
    NumOut o;
    nout_init(&o, fc, out, n);
    SEL_LOOP {
        size_t off = o.buf.len;
        if (type_numeric_factorial(x[i], &o.buf, fc->err) < 0) return nout_fail(&o, sel, n);
        nout_mark(&o, i, off);
    }
    nout_finish(&o, sel, n);
    return 0;
}

/* ---- the table ------------------------------------------------------------------------- */

#define NU OM_T_NUMERIC
#define I4 OM_T_INT4

static const FnDesc descs[] = {
    {"abs", 1, {NU}, NU, FN_STRICT, fn_num_abs},
    {"@", 1, {NU}, NU, FN_STRICT, fn_num_abs},
    {"sign", 1, {NU}, NU, FN_STRICT, fn_num_sign},
    {"ceil", 1, {NU}, NU, FN_STRICT, fn_num_ceil},
    {"ceiling", 1, {NU}, NU, FN_STRICT, fn_num_ceil},
    {"floor", 1, {NU}, NU, FN_STRICT, fn_num_floor},
    {"round", 1, {NU}, NU, FN_STRICT, fn_num_round},
    {"round", 2, {NU, I4}, NU, FN_STRICT, fn_num_round},
    {"trunc", 1, {NU}, NU, FN_STRICT, fn_num_trunc},
    {"trunc", 2, {NU, I4}, NU, FN_STRICT, fn_num_trunc},
    {"mod", 2, {NU, NU}, NU, FN_STRICT, fn_num_mod},
    {"div", 2, {NU, NU}, NU, FN_STRICT, fn_num_div},
    {"gcd", 2, {NU, NU}, NU, FN_STRICT, fn_num_gcd},
    {"lcm", 2, {NU, NU}, NU, FN_STRICT, fn_num_lcm},
    {"sqrt", 1, {NU}, NU, FN_STRICT, fn_num_sqrt},
    {"exp", 1, {NU}, NU, FN_STRICT, fn_num_exp},
    {"ln", 1, {NU}, NU, FN_STRICT, fn_num_ln},
    {"log", 1, {NU}, NU, FN_STRICT, fn_num_log10},
    {"log10", 1, {NU}, NU, FN_STRICT, fn_num_log10},
    {"log", 2, {NU, NU}, NU, FN_STRICT, fn_num_log},
    {"power", 2, {NU, NU}, NU, FN_STRICT, fn_num_power},
    {"pow", 2, {NU, NU}, NU, FN_STRICT, fn_num_power},
    {"^", 2, {NU, NU}, NU, FN_STRICT, fn_num_power},
    {"scale", 1, {NU}, I4, FN_STRICT, fn_num_scale},
    {"min_scale", 1, {NU}, I4, FN_STRICT, fn_num_min_scale},
    {"trim_scale", 1, {NU}, NU, FN_STRICT, fn_num_trim_scale},
    {"width_bucket", 4, {NU, NU, NU, I4}, I4, FN_STRICT, fn_num_width_bucket},
    {"factorial", 1, {OM_T_INT8}, NU, FN_STRICT, fn_num_factorial},
};

const FnTable fn_numeric_table = {descs, sizeof descs / sizeof descs[0]};
