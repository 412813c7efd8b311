/*
 * fn_agg_stats.c — the statistical aggregates and sum / avg of intervals,
 * with PostgreSQL 15's signatures and arithmetic:
 *   stddev, stddev_samp, stddev_pop, variance, var_samp, var_pop
 *     (int2 | int4 | int8 | numeric) → numeric: exact sums of x and x² in
 *     numeric, then numeric_stddev_internal (types/numeric_stats.c);
 *     NaN or an infinity among the inputs gives NaN
 *     (float4 | float8) → double precision: the Youngs-Cramer running
 *     N, Sx, Sxx of float8_accum, with its overflow rule (22003 when Sxx
 *     becomes infinite from finite inputs; NaN when an input is infinite)
 *   corr, covar_pop, covar_samp, regr_sxx, regr_syy, regr_sxy, regr_avgx,
 *   regr_avgy, regr_slope, regr_intercept, regr_r2 (float8, float8) → double
 *   precision, regr_count → bigint: float8_regr_accum's six sums (Y is the
 *   first argument), rows with a NULL in either argument skipped
 *   sum(interval) → interval (22008 interval out of range), avg(interval):
 *   the sum divided by N as interval_div does
 * Empty input gives NULL (regr_count 0: it is count-like in PostgreSQL too,
 * its transition is int8inc_float8_float8 with initial value 0).
 *
 * No combine functions: nothing merges partial states yet.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../types/numeric_arith.h"
#include "fn_agg.h"
#include "fn_tables.h"

#define STATE(T) T *s = (T *)(states + (size_t)gids[k] * sizeof(T))
#define ROWK (sel ? sel[k] : k)

/* ---- exact numeric sums ------------------------------------------------------------- */

/* A numeric sum: coef / 10^scale while it fits 128 bits, else the text in
 * cur. Past 128 bits each addition writes into next and the two swap, so a
 * long run of big values reuses two buffers instead of allocating per row. */
typedef struct NumAcc {
    __int128 coef;
    int32_t scale;
    bool big;
    OmBuf cur, next;
} NumAcc;

static const __int128 ACC_LIMIT = (__int128)1 << 124;

static OmStr i128_text(MemCtx *ctx, __int128 v, int scale)
{
    OmBuf b;
    buf_init(&b, ctx, 48);
    fn_num_render(&b, v, scale);
    return (OmStr){b.data, (uint32_t)b.len};
}

static OmStr buf_str(const OmBuf *b) { return (OmStr){b->data, (uint32_t)b->len}; }

/* x / 10^scale as text in tmp (TMP_TEXT bytes) when it fits there: 40
 * digits, a sign, a point and the zeros of a long scale; else allocated. */
#define TMP_TEXT 128
static OmStr small_text(FnAggCall *c, __int128 x, int scale, char *tmp)
{
    if (scale + 45 > TMP_TEXT) return i128_text(c->ctx, x, scale);
    OmBuf b = {.data = tmp, .cap = TMP_TEXT};
    fn_num_render(&b, x, scale);
    return buf_str(&b);
}

/* The sum's text (for the final: allocated when the sum is small). */
static OmStr acc_text(FnAggCall *c, const NumAcc *a)
{
    return a->big ? buf_str(&a->cur) : i128_text(c->ctx, a->coef, a->scale);
}

static int acc_add_text(FnAggCall *c, NumAcc *a, OmStr v)
{
    if (!a->big) {
        buf_init(&a->cur, c->ctx, 64);
        buf_init(&a->next, c->ctx, 64);
        fn_num_render(&a->cur, a->coef, a->scale);
        a->big = true;
    }
    buf_reset(&a->next);
    if (type_numeric_binop(OM_NUM_ADD, buf_str(&a->cur), v, &a->next, c->err) < 0) return -1;
    OmBuf t = a->cur;
    a->cur = a->next;
    a->next = t;
    return 0;
}

static bool scale_up(__int128 *v, int n)
{
    for (int i = 0; i < n; i++) {
        if (*v >= ACC_LIMIT || *v <= -ACC_LIMIT) return false;
        *v *= 10;
    }
    return true;
}

/* a += x / 10^xs. */
static int acc_add(FnAggCall *c, NumAcc *a, __int128 x, int32_t xs)
{
    if (!a->big) {
        __int128 acc = a->coef, y = x;
        int32_t sc = a->scale;
        bool ok = true;
        if (xs > sc) {
            ok = scale_up(&acc, xs - sc);
            sc = xs;
        } else if (xs < sc) {
            ok = scale_up(&y, sc - xs);
        }
        if (ok && acc < ACC_LIMIT && acc > -ACC_LIMIT && y < ACC_LIMIT && y > -ACC_LIMIT) {
            a->coef = acc + y;
            a->scale = sc;
            return 0;
        }
    }
    char tmp[TMP_TEXT];
    return acc_add_text(c, a, small_text(c, x, xs, tmp));
}

/* ---- variance of integers and numerics -------------------------------------------- */

typedef struct NumVar {
    int64_t n, nan, pinf, ninf;
    NumAcc sx, sx2;
    OmBuf sq; /* x² of a value past 64 bits, reused */
} NumVar;

static void init_numvar(void *st) { memset(st, 0, sizeof(NumVar)); }

/* sum(x²) += v * v, through the state's reused buffer. */
static int square_add(FnAggCall *c, NumVar *s, OmStr v)
{
    if (!s->sq.ctx) buf_init(&s->sq, c->ctx, 96);
    buf_reset(&s->sq);
    if (type_numeric_binop(OM_NUM_MUL, v, v, &s->sq, c->err) < 0) return -1;
    return acc_add_text(c, &s->sx2, buf_str(&s->sq));
}

static int numvar_add(FnAggCall *c, NumVar *s, __int128 x, int32_t xs)
{
    s->n++;
    if (acc_add(c, &s->sx, x, xs) < 0) return -1;
    /* x² at twice the scale, as do_numeric_accum's mul_var. */
    if (x < ((__int128)1 << 62) && x > -((__int128)1 << 62)) return acc_add(c, &s->sx2, x * x, xs * 2);
    char tmp[TMP_TEXT];
    return square_add(c, s, small_text(c, x, xs, tmp));
}

static int numvar_add_text(FnAggCall *c, NumVar *s, OmStr v)
{
    if (v.len == 3 && !memcmp(v.ptr, "NaN", 3)) return (void)s->nan++, 0;
    if (v.len == 8 && !memcmp(v.ptr, "Infinity", 8)) return (void)s->pinf++, 0;
    if (v.len == 9 && !memcmp(v.ptr, "-Infinity", 9)) return (void)s->ninf++, 0;
    __int128 x;
    int32_t xs;
    if (fn_num_small(v, 36, &x, &xs)) return numvar_add(c, s, x, xs);
    s->n++;
    if (acc_add_text(c, &s->sx, v) < 0) return -1;
    return square_add(c, s, v);
}

static int numvar_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    const OmVector *a = args[0];
    for (int k = 0; k < n; k++) {
        STATE(NumVar);
        int r = ROWK;
        int rc;
        switch (a->phys) {
        case OM_PHYS_I16: rc = numvar_add(c, s, ((const int16_t *)a->data)[r], 0); break;
        case OM_PHYS_I32: rc = numvar_add(c, s, ((const int32_t *)a->data)[r], 0); break;
        case OM_PHYS_I64: rc = numvar_add(c, s, ((const int64_t *)a->data)[r], 0); break;
        default: rc = numvar_add_text(c, s, ((const OmStr *)a->data)[r]); break;
        }
        if (rc < 0) return -1;
    }
    return 0;
}

static int numvar_final(FnAggCall *c, const void *st, OmVector *out, int row, bool sample, bool stddev)
{
    const NumVar *s = st;
    int64_t special = s->nan + s->pinf + s->ninf, total = s->n + special;
    if (total == 0 || (sample && total <= 1)) {
        om_vec_set_null(out, row, true);
        return 0;
    }
    if (special) {
        ((OmStr *)out->data)[row] = (OmStr){"NaN", 3};
        om_vec_set_null(out, row, false);
        return 0;
    }
    OmBuf b;
    buf_init(&b, c->ctx, 48);
    if (type_numeric_variance(acc_text(c, &s->sx), acc_text(c, &s->sx2), s->n, sample, stddev, &b, c->err) < 0)
        return -1;
    ((OmStr *)out->data)[row] = (OmStr){b.data, (uint32_t)b.len};
    om_vec_set_null(out, row, false);
    return 0;
}

static int numvar_samp(FnAggCall *c, const void *st, OmVector *o, int r) { return numvar_final(c, st, o, r, true, false); }
static int numvar_pop(FnAggCall *c, const void *st, OmVector *o, int r) { return numvar_final(c, st, o, r, false, false); }
static int numstd_samp(FnAggCall *c, const void *st, OmVector *o, int r) { return numvar_final(c, st, o, r, true, true); }
static int numstd_pop(FnAggCall *c, const void *st, OmVector *o, int r) { return numvar_final(c, st, o, r, false, true); }

/* ---- variance of floats (float8_accum) --------------------------------------------- */

typedef struct FltVar {
    double n, sx, sxx;
} FltVar;

static void init_fltvar(void *st) { memset(st, 0, sizeof(FltVar)); }

static int overflow(FnAggCall *c) { return err_set(c->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow"); }

static int fltvar_add(FnAggCall *c, FltVar *s, double x)
{
    double n0 = s->n, sx0 = s->sx;
    s->n += 1.0;
    s->sx += x;
    if (n0 > 0.0) {
        double tmp = x * s->n - s->sx;
        s->sxx += tmp * tmp / (s->n * n0);
        /* Overflow from finite inputs is an error; an infinite input makes
         * Sxx NaN (the variance of infinities is undefined). */
        if (isinf(s->sx) || isinf(s->sxx)) {
            if (!isinf(sx0) && !isinf(x)) return overflow(c);
            s->sxx = NAN;
        }
    } else if (isnan(x) || isinf(x)) {
        s->sxx = NAN;
    }
    return 0;
}

static double flt_at(const OmVector *v, int r)
{
    return v->phys == OM_PHYS_F32 ? (double)((const float *)v->data)[r] : ((const double *)v->data)[r];
}

static int fltvar_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    for (int k = 0; k < n; k++) {
        STATE(FltVar);
        if (fltvar_add(c, s, flt_at(args[0], ROWK)) < 0) return -1;
    }
    return 0;
}

static int set_f8(OmVector *out, int row, bool null, double v)
{
    om_vec_set_null(out, row, null);
    if (!null) ((double *)out->data)[row] = v;
    return 0;
}

static int fltvar_samp(FnAggCall *c, const void *st, OmVector *o, int r)
{
    const FltVar *s = st;
    return set_f8(o, r, s->n <= 1.0, s->sxx / (s->n - 1.0));
}

static int fltvar_pop(FnAggCall *c, const void *st, OmVector *o, int r)
{
    const FltVar *s = st;
    return set_f8(o, r, s->n == 0.0, s->sxx / s->n);
}

static int fltstd_samp(FnAggCall *c, const void *st, OmVector *o, int r)
{
    const FltVar *s = st;
    return set_f8(o, r, s->n <= 1.0, sqrt(s->sxx / (s->n - 1.0)));
}

static int fltstd_pop(FnAggCall *c, const void *st, OmVector *o, int r)
{
    const FltVar *s = st;
    return set_f8(o, r, s->n == 0.0, sqrt(s->sxx / s->n));
}

/* ---- two-variable statistics (float8_regr_accum) ------------------------------------ */

typedef struct Regr {
    double n, sx, sxx, sy, syy, sxy;
} Regr;

static void init_regr(void *st) { memset(st, 0, sizeof(Regr)); }

static int regr_add(FnAggCall *c, Regr *s, double y, double x)
{
    double n0 = s->n, sx0 = s->sx, sy0 = s->sy;
    s->n += 1.0;
    s->sx += x;
    s->sy += y;
    if (n0 > 0.0) {
        double tx = x * s->n - s->sx, ty = y * s->n - s->sy, scale = 1.0 / (s->n * n0);
        s->sxx += tx * tx * scale;
        s->syy += ty * ty * scale;
        s->sxy += tx * ty * scale;
        if (isinf(s->sx) || isinf(s->sxx) || isinf(s->sy) || isinf(s->syy) || isinf(s->sxy)) {
            if (((isinf(s->sx) || isinf(s->sxx)) && !isinf(sx0) && !isinf(x)) ||
                ((isinf(s->sy) || isinf(s->syy)) && !isinf(sy0) && !isinf(y)) ||
                (isinf(s->sxy) && !isinf(sx0) && !isinf(x) && !isinf(sy0) && !isinf(y)))
                return overflow(c);
            if (isinf(s->sxx)) s->sxx = NAN;
            if (isinf(s->syy)) s->syy = NAN;
            if (isinf(s->sxy)) s->sxy = NAN;
        }
    } else {
        if (isnan(x) || isinf(x)) s->sxx = s->sxy = NAN;
        if (isnan(y) || isinf(y)) s->syy = s->sxy = NAN;
    }
    return 0;
}

static int regr_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                       const uint16_t *sel, int n)
{
    const double *y = args[0]->data, *x = args[1]->data;
    for (int k = 0; k < n; k++) {
        STATE(Regr);
        int r = ROWK;
        if (regr_add(c, s, y[r], x[r]) < 0) return -1;
    }
    return 0;
}

static int regr_count_final(FnAggCall *c, const void *st, OmVector *o, int r)
{
    ((int64_t *)o->data)[r] = (int64_t)((const Regr *)st)->n;
    om_vec_set_null(o, r, false);
    return 0;
}

#define REGR_FINAL(fname, cond, expr)                                    \
    static int fname(FnAggCall *c, const void *st, OmVector *o, int r)  \
    {                                                                    \
        const Regr *s = st;                                              \
        if (s->n < 1.0 || (cond)) return set_f8(o, r, true, 0);          \
        return set_f8(o, r, false, (expr));                              \
    }

REGR_FINAL(regr_sxx_final, false, s->sxx)
REGR_FINAL(regr_syy_final, false, s->syy)
REGR_FINAL(regr_sxy_final, false, s->sxy)
REGR_FINAL(regr_avgx_final, false, s->sx / s->n)
REGR_FINAL(regr_avgy_final, false, s->sy / s->n)
REGR_FINAL(covar_pop_final, false, s->sxy / s->n)
REGR_FINAL(covar_samp_final, s->n < 2.0, s->sxy / (s->n - 1.0))
/* Vertical and horizontal lines have no correlation (NULL, per spec). */
REGR_FINAL(corr_final, s->sxx == 0 || s->syy == 0, s->sxy / sqrt(s->sxx * s->syy))
/* A horizontal line fits perfectly: 1. */
REGR_FINAL(regr_r2_final, s->sxx == 0, s->syy == 0 ? 1.0 : (s->sxy * s->sxy) / (s->sxx * s->syy))
REGR_FINAL(regr_slope_final, s->sxx == 0, s->sxy / s->sxx)
REGR_FINAL(regr_intercept_final, s->sxx == 0, (s->sy - s->sx * s->sxy / s->sxx) / s->n)

/* ---- sum / avg of intervals -------------------------------------------------------- */

typedef struct IvSum {
    OmInterval sum;
    int64_t n;
} IvSum;

static void init_ivsum(void *st) { memset(st, 0, sizeof(IvSum)); }

static int ivsum_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                        const uint16_t *sel, int n)
{
    const OmInterval *v = args[0]->data;
    for (int k = 0; k < n; k++) {
        STATE(IvSum);
        const OmInterval *x = &v[ROWK];
        OmInterval r;
        if (__builtin_add_overflow(s->sum.months, x->months, &r.months) ||
            __builtin_add_overflow(s->sum.days, x->days, &r.days) ||
            __builtin_add_overflow(s->sum.usec, x->usec, &r.usec))
            return err_set(c->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
        s->sum = r;
        s->n++;
    }
    return 0;
}

static int ivsum_final(FnAggCall *c, const void *st, OmVector *o, int r)
{
    const IvSum *s = st;
    om_vec_set_null(o, r, s->n == 0);
    if (s->n) ((OmInterval *)o->data)[r] = s->sum;
    return 0;
}

static int ivavg_final(FnAggCall *c, const void *st, OmVector *o, int r)
{
    const IvSum *s = st;
    om_vec_set_null(o, r, s->n == 0);
    if (s->n && fn_interval_scale(c->err, s->sum, (double)s->n, true, &((OmInterval *)o->data)[r]) < 0) return -1;
    return 0;
}

/* ---- the table ---------------------------------------------------------------------- */

#define NUMV(name, t, fin) {name, t, OM_T_NUMERIC, sizeof(NumVar), true, init_numvar, numvar_update, NULL, fin, FN_AGG_PLAIN, 1, {t}}
#define FLTV(name, t, fin) {name, t, OM_T_FLOAT8, sizeof(FltVar), true, init_fltvar, fltvar_update, NULL, fin, FN_AGG_PLAIN, 1, {t}}
#define VARFAM(name, nfin, ffin)                                                                       \
    NUMV(name, OM_T_INT2, nfin), NUMV(name, OM_T_INT4, nfin), NUMV(name, OM_T_INT8, nfin),             \
        NUMV(name, OM_T_NUMERIC, nfin), FLTV(name, OM_T_FLOAT4, ffin), FLTV(name, OM_T_FLOAT8, ffin)
#define REGR(name, ret, fin)                                                                            \
    {name, OM_T_FLOAT8, ret, sizeof(Regr), true, init_regr, regr_update, NULL, fin, FN_AGG_PLAIN, 2, \
     {OM_T_FLOAT8, OM_T_FLOAT8}}

const FnAggDesc fn_agg_stats_descs[] = {
    VARFAM("stddev", numstd_samp, fltstd_samp),
    VARFAM("stddev_samp", numstd_samp, fltstd_samp),
    VARFAM("stddev_pop", numstd_pop, fltstd_pop),
    VARFAM("variance", numvar_samp, fltvar_samp),
    VARFAM("var_samp", numvar_samp, fltvar_samp),
    VARFAM("var_pop", numvar_pop, fltvar_pop),
    REGR("corr", OM_T_FLOAT8, corr_final),
    REGR("covar_pop", OM_T_FLOAT8, covar_pop_final),
    REGR("covar_samp", OM_T_FLOAT8, covar_samp_final),
    REGR("regr_count", OM_T_INT8, regr_count_final),
    REGR("regr_sxx", OM_T_FLOAT8, regr_sxx_final),
    REGR("regr_syy", OM_T_FLOAT8, regr_syy_final),
    REGR("regr_sxy", OM_T_FLOAT8, regr_sxy_final),
    REGR("regr_avgx", OM_T_FLOAT8, regr_avgx_final),
    REGR("regr_avgy", OM_T_FLOAT8, regr_avgy_final),
    REGR("regr_slope", OM_T_FLOAT8, regr_slope_final),
    REGR("regr_intercept", OM_T_FLOAT8, regr_intercept_final),
    REGR("regr_r2", OM_T_FLOAT8, regr_r2_final),
    {"sum", OM_T_INTERVAL, OM_T_INTERVAL, sizeof(IvSum), true, init_ivsum, ivsum_update, NULL, ivsum_final,
     FN_AGG_PLAIN, 1, {OM_T_INTERVAL}},
    {"avg", OM_T_INTERVAL, OM_T_INTERVAL, sizeof(IvSum), true, init_ivsum, ivsum_update, NULL, ivavg_final,
     FN_AGG_PLAIN, 1, {OM_T_INTERVAL}},
};
const int fn_agg_stats_n = (int)(sizeof fn_agg_stats_descs / sizeof fn_agg_stats_descs[0]);
