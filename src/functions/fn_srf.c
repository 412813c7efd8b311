/*
 * fn_srf.c — set-returning functions of the core types: generate_series
 * over integers, numeric and timestamps, and unnest over arrays, as
 * PostgreSQL 15's int.c / int8.c / numeric.c / timestamp.c / arrayfuncs.c
 * generate them (including their errors and overflow behaviour: a series
 * stops where the next value would overflow).
 */
#include <string.h>

#include "../types/array.h"
#include "../types/datetime.h"
#include "../types/numeric_arith.h"
#include "fn_srf.h"
#include "fn_tables.h"

static int step_zero(FnCall *fc)
{
    return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "step size cannot equal zero");
}

/* ---- integers ------------------------------------------------------------------------- */

typedef struct IntSeries {
    int64_t cur, stop, step, max;
    bool done;
} IntSeries;

static int64_t int_arg(const OmVector *v, int row)
{
    return v->phys == OM_PHYS_I32 ? ((const int32_t *)v->data)[row] : ((const int64_t *)v->data)[row];
}

static int int_open(FnCall *fc, const OmVector *const *args, int row, void **state)
{
    IntSeries *s = mem_new(fc->state_ctx, IntSeries);
    s->cur = int_arg(args[0], row);
    s->stop = int_arg(args[1], row);
    s->step = fc->nargs > 2 ? int_arg(args[2], row) : 1;
    s->max = args[0]->phys == OM_PHYS_I32 ? INT32_MAX : INT64_MAX;
    if (s->step == 0) return step_zero(fc);
    *state = s;
    return 0;
}

static int int_next(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced)
{
    IntSeries *s = state;
    OmVector *o = outs[0];
    bool i32 = o->phys == OM_PHYS_I32;
    int k = 0;
    while (k < max && !s->done && (s->step > 0 ? s->cur <= s->stop : s->cur >= s->stop)) {
        if (i32) ((int32_t *)o->data)[k] = (int32_t)s->cur;
        else ((int64_t *)o->data)[k] = s->cur;
        om_vec_set_null(o, k, false);
        k++;
        int64_t next;
        /* The value after the last representable one ends the series. */
        if (__builtin_add_overflow(s->cur, s->step, &next) || next > s->max || next < -s->max - 1) s->done = true;
        else s->cur = next;
    }
    *produced = k;
    return 0;
}

/* ---- numeric -------------------------------------------------------------------------- */

typedef struct NumSeries {
    OmStr cur, stop, step;
    bool up;
    MemCtx *ctx;
} NumSeries;

static int num_check(FnCall *fc, OmStr v, const char *what)
{
    if (v.len == 3 && !memcmp(v.ptr, "NaN", 3))
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "%s cannot be NaN", what);
    if ((v.len == 8 && !memcmp(v.ptr, "Infinity", 8)) || (v.len == 9 && !memcmp(v.ptr, "-Infinity", 9)))
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "%s cannot be infinity", what);
    return 0;
}

static OmStr copy_str(MemCtx *ctx, OmStr s)
{
    char *p = mem_alloc(ctx, s.len + 1);
    memcpy(p, s.ptr, s.len);
    p[s.len] = '\0';
    return (OmStr){p, s.len};
}

static int num_open(FnCall *fc, const OmVector *const *args, int row, void **state)
{
    NumSeries *s = mem_new(fc->state_ctx, NumSeries);
    s->ctx = fc->state_ctx;
    OmStr a = ((const OmStr *)args[0]->data)[row], b = ((const OmStr *)args[1]->data)[row];
    OmStr st = fc->nargs > 2 ? ((const OmStr *)args[2]->data)[row] : (OmStr){"1", 1};
    if (num_check(fc, a, "start value") < 0 || num_check(fc, b, "stop value") < 0 ||
        num_check(fc, st, "step size") < 0)
        return -1;
    OmStr zero = {"0", 1};
    int sc = type_numeric_cmp(st, zero);
    if (sc == 0) return step_zero(fc);
    s->up = sc > 0;
    s->cur = copy_str(s->ctx, a);
    s->stop = copy_str(s->ctx, b);
    s->step = copy_str(s->ctx, st);
    *state = s;
    return 0;
}

static int num_next(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced)
{
    NumSeries *s = state;
    OmVector *o = outs[0];
    int k = 0;
    OmBuf b;
    while (k < max) {
        int c = type_numeric_cmp(s->cur, s->stop);
        if (s->up ? c > 0 : c < 0) break;
        ((OmStr *)o->data)[k] = copy_str(fc->var, s->cur);
        om_vec_set_null(o, k, false);
        k++;
        buf_init(&b, s->ctx, 32);
        if (type_numeric_binop(OM_NUM_ADD, s->cur, s->step, &b, fc->err) < 0) return -1;
        s->cur = (OmStr){b.data, (uint32_t)b.len};
    }
    *produced = k;
    return 0;
}

/* ---- timestamps ----------------------------------------------------------------------- */

typedef struct TsSeries {
    int64_t cur, stop;
    OmInterval step;
    bool up, tz, done;
} TsSeries;

static int ts_open(FnCall *fc, const OmVector *const *args, int row, void **state)
{
    TsSeries *s = mem_new(fc->state_ctx, TsSeries);
    s->cur = ((const int64_t *)args[0]->data)[row];
    s->stop = ((const int64_t *)args[1]->data)[row];
    s->step = ((const OmInterval *)args[2]->data)[row];
    s->tz = fc->arg_types[0].id == OM_T_TIMESTAMPTZ;
    OmInterval zero = {0, 0, 0};
    int c = om_interval_cmp(s->step, zero);
    if (c == 0) return step_zero(fc);
    s->up = c > 0;
    *state = s;
    return 0;
}

static int ts_next(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced)
{
    TsSeries *s = state;
    OmVector *o = outs[0];
    int k = 0;
    while (k < max && !s->done && (s->up ? s->cur <= s->stop : s->cur >= s->stop)) {
        ((int64_t *)o->data)[k] = s->cur;
        om_vec_set_null(o, k, false);
        k++;
        int64_t next;
        if (dt_ts_add_interval(s->cur, s->step, s->tz, &next, fc->err) < 0) return -1;
        /* Infinite timestamps do not move: stop rather than repeat. */
        if (next == s->cur) s->done = true;
        s->cur = next;
    }
    *produced = k;
    return 0;
}

/* ---- unnest --------------------------------------------------------------------------- */

typedef struct Unnest {
    OmArr a;
    ArrIter it;
} Unnest;

static int unnest_open(FnCall *fc, const OmVector *const *args, int row, void **state)
{
    Unnest *u = mem_new(fc->state_ctx, Unnest);
    arr_view(fc->arg_types[0].id, ((const OmStr *)args[0]->data)[row], &u->a);
    arr_iter_init(&u->it, &u->a);
    *state = u;
    return 0;
}

static int unnest_next(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced)
{
    Unnest *u = state;
    int k = 0;
    while (k < max && arr_iter_next(&u->it, outs[0], k)) k++;
    *produced = k;
    return 0;
}

#define I4 OM_T_INT4
#define I8 OM_T_INT8
#define NU OM_T_NUMERIC
#define TS OM_T_TIMESTAMP
#define TZ OM_T_TIMESTAMPTZ
#define IV OM_T_INTERVAL

static const FnSrfDesc descs[] = {
    {"generate_series", 2, {I4, I4}, 1, {I4}, {NULL}, FN_STRICT, int_open, int_next},
    {"generate_series", 3, {I4, I4, I4}, 1, {I4}, {NULL}, FN_STRICT, int_open, int_next},
    {"generate_series", 2, {I8, I8}, 1, {I8}, {NULL}, FN_STRICT, int_open, int_next},
    {"generate_series", 3, {I8, I8, I8}, 1, {I8}, {NULL}, FN_STRICT, int_open, int_next},
    {"generate_series", 2, {NU, NU}, 1, {NU}, {NULL}, FN_STRICT, num_open, num_next},
    {"generate_series", 3, {NU, NU, NU}, 1, {NU}, {NULL}, FN_STRICT, num_open, num_next},
    {"generate_series", 3, {TS, TS, IV}, 1, {TS}, {NULL}, FN_STRICT, ts_open, ts_next},
    {"generate_series", 3, {TZ, TZ, IV}, 1, {TZ}, {NULL}, FN_STRICT | FN_STABLE, ts_open, ts_next},
    {"unnest", 1, {FN_ANYARRAY}, 1, {FN_ANYELEM}, {NULL}, FN_STRICT, unnest_open, unnest_next},
};

const FnSrfTable fn_srf_table = {descs, (int)(sizeof descs / sizeof descs[0])};
