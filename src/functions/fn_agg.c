/*
 * fn_agg.c — count, sum, avg, min, max, bool_and / bool_or / every with
 * PostgreSQL 15's signatures and result types:
 *   count(*), count(any) → bigint
 *   sum(int2 | int4) → bigint, sum(int8 | numeric) → numeric, sum(float4) → real,
 *   sum(float8) → double precision
 *   avg(int2 | int4 | int8 | numeric) → numeric, avg(float4 | float8) → double precision
 *   min / max(any ordered type) → that type (varchar as text)
 * Integer sums accumulate in 64 or 128 bits; numeric sums in a 128-bit
 * scaled coefficient while the values fit 38 digits, and through the
 * numeric library (types/numeric_arith.h) beyond. avg divides with
 * numeric's own division, as PostgreSQL's numeric_avg does.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../types/numeric_arith.h"
#include "fn_agg.h"

#define STATE(T) T *s = (T *)(states + (size_t)gids[k] * sizeof(T))
#define ROWK (sel ? sel[k] : k)

/* ---- count ------------------------------------------------------------------ */

static void init_zero8(void *st) { *(int64_t *)st = 0; }

static int count_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                        const uint16_t *sel, int n)
{
    for (int k = 0; k < n; k++) {
        STATE(int64_t);
        (*s)++;
    }
    return 0;
}

static int count_combine(FnAggCall *c, void *dst, const void *src)
{
    *(int64_t *)dst += *(const int64_t *)src;
    return 0;
}

static int count_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    ((int64_t *)out->data)[row] = *(const int64_t *)st;
    om_vec_set_null(out, row, false);
    return 0;
}

/* ---- integer sums / averages -------------------------------------------------- */

typedef struct IntSum {
    __int128 sum;
    int64_t count;
} IntSum;

static void init_intsum(void *st) { memset(st, 0, sizeof(IntSum)); }

static int intsum_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    const OmVector *a = args[0];
    for (int k = 0; k < n; k++) {
        STATE(IntSum);
        int r = ROWK;
        switch (a->phys) {
        case OM_PHYS_I16: s->sum += ((const int16_t *)a->data)[r]; break;
        case OM_PHYS_I32: s->sum += ((const int32_t *)a->data)[r]; break;
        default: s->sum += ((const int64_t *)a->data)[r]; break;
        }
        s->count++;
    }
    return 0;
}

static int intsum_combine(FnAggCall *c, void *dst, const void *src)
{
    IntSum *d = dst;
    const IntSum *s = src;
    d->sum += s->sum;
    d->count += s->count;
    return 0;
}

void fn_num_render(OmBuf *b, __int128 v, int scale)
{
    char tmp[64];
    int n = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? -(unsigned __int128)v : (unsigned __int128)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    while (n <= scale) tmp[n++] = '0';
    if (neg) buf_append_char(b, '-');
    for (int i = n - 1; i >= 0; i--) {
        buf_append_char(b, tmp[i]);
        if (i == scale && scale > 0) buf_append_char(b, '.');
    }
}

static void set_str(FnAggCall *c, OmVector *out, int row, const OmBuf *b)
{
    ((OmStr *)out->data)[row] = (OmStr){b->data, (uint32_t)b->len};
    om_vec_set_null(out, row, false);
}

/* sum(int2 | int4) → bigint */
static int sum_int_bigint_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const IntSum *s = st;
    if (!s->count) {
        om_vec_set_null(out, row, true);
        return 0;
    }
    if (s->sum > INT64_MAX || s->sum < INT64_MIN) return err_set(c->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
    ((int64_t *)out->data)[row] = (int64_t)s->sum;
    om_vec_set_null(out, row, false);
    return 0;
}

/* sum(int8) → numeric */
static int sum_int_numeric_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const IntSum *s = st;
    if (!s->count) {
        om_vec_set_null(out, row, true);
        return 0;
    }
    OmBuf b;
    buf_init(&b, c->ctx, 48);
    fn_num_render(&b, s->sum, 0);
    set_str(c, out, row, &b);
    return 0;
}

static int numeric_div_count(FnAggCall *c, OmStr sum, int64_t count, OmVector *out, int row)
{
    char cnt[32];
    int cl = snprintf(cnt, sizeof cnt, "%lld", (long long)count);
    OmBuf b;
    buf_init(&b, c->ctx, 48);
    if (type_numeric_binop(OM_NUM_DIV, sum, (OmStr){cnt, (uint32_t)cl}, &b, c->err) < 0) return -1;
    set_str(c, out, row, &b);
    return 0;
}

/* avg(int2 | int4 | int8) → numeric */
static int avg_int_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const IntSum *s = st;
    if (!s->count) {
        om_vec_set_null(out, row, true);
        return 0;
    }
    OmBuf b;
    buf_init(&b, c->ctx, 48);
    fn_num_render(&b, s->sum, 0);
    return numeric_div_count(c, (OmStr){b.data, (uint32_t)b.len}, s->count, out, row);
}

/* ---- numeric sums / averages -------------------------------------------------- */

typedef struct NumSum {
    __int128 coef;      /* the sum is coef / 10^scale while !big */
    int32_t scale;
    int32_t special;    /* 0; 1 NaN; 2 +Infinity; 3 -Infinity */
    int64_t count;
    bool big;           /* past 38 digits: text holds the sum */
    OmStr text;
} NumSum;

static void init_numsum(void *st) { memset(st, 0, sizeof(NumSum)); }

static const __int128 I128_MAX = (__int128)(((unsigned __int128)1 << 127) - 1);

bool fn_num_small(OmStr v, int maxdigits, __int128 *coef, int32_t *scale)
{
    const char *p = v.ptr, *end = v.ptr + v.len;
    bool neg = false;
    if (p < end && (*p == '-' || *p == '+')) neg = *p++ == '-';
    __int128 c = 0;
    int digits = 0, sc = 0;
    bool frac = false;
    for (; p < end; p++) {
        if (*p == '.') {
            frac = true;
            continue;
        }
        if (*p < '0' || *p > '9') return false;
        if (c || *p != '0') digits++;
        if (digits > maxdigits) return false;
        c = c * 10 + (*p - '0');
        if (frac) sc++;
    }
    *coef = neg ? -c : c;
    *scale = sc;
    return true;
}

static bool mul_pow10(__int128 *v, int n)
{
    for (int i = 0; i < n; i++)
        if (__builtin_mul_overflow(*v, (__int128)10, v)) return false;
    return true;
}

static int special_of(OmStr v)
{
    if (v.len == 3 && !memcmp(v.ptr, "NaN", 3)) return 1;
    if (v.len == 8 && !memcmp(v.ptr, "Infinity", 8)) return 2;
    if (v.len == 9 && !memcmp(v.ptr, "-Infinity", 9)) return 3;
    return 0;
}

static OmStr numsum_text(FnAggCall *c, const NumSum *s)
{
    if (s->big) return s->text;
    OmBuf b;
    buf_init(&b, c->ctx, 48);
    fn_num_render(&b, s->coef, s->scale);
    return (OmStr){b.data, (uint32_t)b.len};
}

static int numsum_add_text(FnAggCall *c, NumSum *s, OmStr v)
{
    OmStr cur = numsum_text(c, s);
    OmBuf b;
    buf_init(&b, c->ctx, cur.len + v.len + 8);
    if (type_numeric_binop(OM_NUM_ADD, cur, v, &b, c->err) < 0) return -1;
    s->big = true;
    s->text = (OmStr){b.data, (uint32_t)b.len};
    return 0;
}

static int numsum_add(FnAggCall *c, NumSum *s, OmStr v)
{
    s->count++;
    int sp = special_of(v);
    if (sp || s->special) {
        /* NaN absorbs; +Infinity + -Infinity is NaN. */
        if (sp == 1 || s->special == 1) s->special = 1;
        else if (sp && s->special && sp != s->special) s->special = 1;
        else if (sp) s->special = sp;
        return 0;
    }
    __int128 x;
    int32_t xs;
    if (!s->big && fn_num_small(v, 37, &x, &xs)) {
        __int128 acc = s->coef;
        bool ok = true;
        int32_t sc = s->scale;
        if (xs > sc) {
            ok = mul_pow10(&acc, xs - sc);
            sc = xs;
        } else if (xs < sc) {
            ok = mul_pow10(&x, sc - xs);
        }
        __int128 r;
        if (ok && !__builtin_add_overflow(acc, x, &r) && r < I128_MAX / 10 && r > -(I128_MAX / 10)) {
            s->coef = r;
            s->scale = sc;
            return 0;
        }
    }
    return numsum_add_text(c, s, v);
}

static int numsum_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    const OmStr *v = args[0]->data;
    for (int k = 0; k < n; k++) {
        STATE(NumSum);
        if (numsum_add(c, s, v[ROWK]) < 0) return -1;
    }
    return 0;
}

static int numsum_combine(FnAggCall *c, void *dst, const void *src)
{
    NumSum *d = dst;
    const NumSum *s = src;
    if (!s->count) return 0;
    int64_t cnt = d->count + s->count;
    if (s->special) {
        static const char *const sp[] = {"", "NaN", "Infinity", "-Infinity"};
        if (numsum_add(c, d, (OmStr){sp[s->special], (uint32_t)strlen(sp[s->special])}) < 0) return -1;
    }
    if (numsum_add(c, d, numsum_text(c, s)) < 0) return -1;
    d->count = cnt;
    return 0;
}

static OmStr numsum_result(FnAggCall *c, const NumSum *s)
{
    static const char *const sp[] = {"", "NaN", "Infinity", "-Infinity"};
    if (s->special) return (OmStr){sp[s->special], (uint32_t)strlen(sp[s->special])};
    return numsum_text(c, s);
}

static int sum_numeric_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const NumSum *s = st;
    if (!s->count) {
        om_vec_set_null(out, row, true);
        return 0;
    }
    OmStr r = numsum_result(c, s);
    ((OmStr *)out->data)[row] = r;
    om_vec_set_null(out, row, false);
    return 0;
}

static int avg_numeric_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const NumSum *s = st;
    if (!s->count) {
        om_vec_set_null(out, row, true);
        return 0;
    }
    return numeric_div_count(c, numsum_result(c, s), s->count, out, row);
}

/* ---- float sums / averages ---------------------------------------------------- */

typedef struct FltSum {
    double sum;
    int64_t count;
} FltSum;

static void init_fltsum(void *st) { memset(st, 0, sizeof(FltSum)); }

static int overflow(FnAggCall *c) { return err_set(c->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow"); }

/* float4 sums add in single precision (float4pl), float8 and the averages
 * in double (float8pl / float8_accum), each with PostgreSQL's overflow check. */
static int fltsum_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    const OmVector *a = args[0];
    bool single = a->phys == OM_PHYS_F32 && c->ret_type.id == OM_T_FLOAT4;
    for (int k = 0; k < n; k++) {
        STATE(FltSum);
        int r = ROWK;
        double x = a->phys == OM_PHYS_F32 ? (double)((const float *)a->data)[r] : ((const double *)a->data)[r];
        double res;
        if (single) {
            float fr = (float)s->sum + (float)x;
            if (isinf(fr) && !isinf((float)s->sum) && !isinf((float)x)) return overflow(c);
            res = fr;
        } else {
            res = s->sum + x;
            if (isinf(res) && !isinf(s->sum) && !isinf(x)) return overflow(c);
        }
        s->sum = res;
        s->count++;
    }
    return 0;
}

static int fltsum_combine(FnAggCall *c, void *dst, const void *src)
{
    FltSum *d = dst;
    const FltSum *s = src;
    d->sum += s->sum;
    d->count += s->count;
    return 0;
}

static int sum_float_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const FltSum *s = st;
    om_vec_set_null(out, row, !s->count);
    if (!s->count) return 0;
    if (out->phys == OM_PHYS_F32) ((float *)out->data)[row] = (float)s->sum;
    else ((double *)out->data)[row] = s->sum;
    return 0;
}

static int avg_float_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const FltSum *s = st;
    om_vec_set_null(out, row, !s->count);
    if (s->count) ((double *)out->data)[row] = s->sum / (double)s->count;
    return 0;
}

/* ---- min / max ------------------------------------------------------------------ */

typedef struct MinMax {
    bool has;
    uint32_t cap;       /* bytes owned at val.s.ptr (strings) */
    union {
        uint8_t b;
        int16_t i16;
        int32_t i32;
        int64_t i64;
        float f32;
        double f64;
        OmStr s;
        OmInterval iv;
    } val;
} MinMax;

static void init_minmax(void *st) { memset(st, 0, sizeof(MinMax)); }

static size_t phys_bytes(OmPhysType p) { return om_phys_size(p); }

static void minmax_store(FnAggCall *c, MinMax *s, const OmVector *a, int r)
{
    if (a->phys != OM_PHYS_STR) {
        memcpy(&s->val, (const uint8_t *)a->data + (size_t)r * phys_bytes(a->phys), phys_bytes(a->phys));
        s->has = true;
        return;
    }
    OmStr v = ((const OmStr *)a->data)[r];
    if (v.len > s->cap) {
        uint32_t nc = v.len < 16 ? 16 : v.len;
        s->val.s.ptr = mem_alloc(c->ctx, nc);
        s->cap = nc;
    }
    if (v.len) memcpy((char *)s->val.s.ptr, v.ptr, v.len);
    s->val.s.len = v.len;
    s->has = true;
}

static int minmax_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n, int want)
{
    const OmVector *a = args[0];
    uint64_t nonull = 0;
    OmVector cur = {.phys = a->phys, .nulls = &nonull};
    for (int k = 0; k < n; k++) {
        STATE(MinMax);
        int r = ROWK;
        if (s->has) {
            cur.data = &s->val;
            int cmp = type_compare(c->arg_type, a, r, &cur, 0);
            if (!(want < 0 ? cmp < 0 : cmp > 0)) continue;
        }
        minmax_store(c, s, a, r);
    }
    return 0;
}

static int min_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                      const uint16_t *sel, int n)
{
    return minmax_update(c, states, gids, args, sel, n, -1);
}

static int max_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                      const uint16_t *sel, int n)
{
    return minmax_update(c, states, gids, args, sel, n, 1);
}

static int minmax_combine_dir(FnAggCall *c, void *dst, const void *src, int want)
{
    MinMax *d = dst;
    const MinMax *s = src;
    if (!s->has) return 0;
    uint64_t nonull = 0;
    OmVector sv = {.phys = type_phys(c->arg_type.id), .data = (void *)&s->val, .nulls = &nonull};
    if (d->has) {
        OmVector dv = {.phys = sv.phys, .data = &d->val, .nulls = &nonull};
        int cmp = type_compare(c->arg_type, &sv, 0, &dv, 0);
        if (!(want < 0 ? cmp < 0 : cmp > 0)) return 0;
    }
    minmax_store(c, d, &sv, 0);
    return 0;
}

static int min_combine(FnAggCall *c, void *dst, const void *src) { return minmax_combine_dir(c, dst, src, -1); }
static int max_combine(FnAggCall *c, void *dst, const void *src) { return minmax_combine_dir(c, dst, src, 1); }

static int minmax_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const MinMax *s = st;
    om_vec_set_null(out, row, !s->has);
    if (!s->has) return 0;
    if (out->phys == OM_PHYS_STR) {
        /* The state's buffer may be overwritten later: hand out a copy. */
        char *p = mem_alloc(c->ctx, s->val.s.len ? s->val.s.len : 1);
        if (s->val.s.len) memcpy(p, s->val.s.ptr, s->val.s.len);
        ((OmStr *)out->data)[row] = (OmStr){p, s->val.s.len};
        return 0;
    }
    memcpy((uint8_t *)out->data + (size_t)row * phys_bytes(out->phys), &s->val, phys_bytes(out->phys));
    return 0;
}

/* ---- bool_and / bool_or --------------------------------------------------------- */

typedef struct BoolAgg {
    bool has;
    bool v;
} BoolAgg;

static void init_bool(void *st) { memset(st, 0, sizeof(BoolAgg)); }

static void bool_fold(BoolAgg *s, bool v, bool is_and)
{
    s->v = !s->has ? v : is_and ? (s->v && v) : (s->v || v);
    s->has = true;
}

static int bool_update(uint8_t *states, const uint32_t *gids, const OmVector *const *args, const uint16_t *sel, int n,
                       bool is_and)
{
    const uint8_t *a = args[0]->data;
    for (int k = 0; k < n; k++) {
        STATE(BoolAgg);
        bool_fold(s, a[ROWK], is_and);
    }
    return 0;
}

static int booland_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                          const uint16_t *sel, int n)
{
    return bool_update(states, gids, args, sel, n, true);
}

static int boolor_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    return bool_update(states, gids, args, sel, n, false);
}

static int booland_combine(FnAggCall *c, void *dst, const void *src)
{
    const BoolAgg *s = src;
    if (s->has) bool_fold(dst, s->v, true);
    return 0;
}

static int boolor_combine(FnAggCall *c, void *dst, const void *src)
{
    const BoolAgg *s = src;
    if (s->has) bool_fold(dst, s->v, false);
    return 0;
}

static int bool_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const BoolAgg *s = st;
    om_vec_set_null(out, row, !s->has);
    if (s->has) ((uint8_t *)out->data)[row] = s->v;
    return 0;
}

/* ---- the table ------------------------------------------------------------------- */

#define INTSUM(name, a, r, fin) {name, a, r, sizeof(IntSum), true, init_intsum, intsum_update, intsum_combine, fin}
#define NUMSUM(name, fin) {name, OM_T_NUMERIC, OM_T_NUMERIC, sizeof(NumSum), true, init_numsum, numsum_update, numsum_combine, fin}
#define FLTSUM(name, a, r, fin) {name, a, r, sizeof(FltSum), true, init_fltsum, fltsum_update, fltsum_combine, fin}

static const FnAggDesc aggs[] = {
    {"count", -1, OM_T_INT8, sizeof(int64_t), true, init_zero8, count_update, count_combine, count_final},
    INTSUM("sum", OM_T_INT4, OM_T_INT8, sum_int_bigint_final),
    INTSUM("sum", OM_T_INT2, OM_T_INT8, sum_int_bigint_final),
    INTSUM("sum", OM_T_INT8, OM_T_NUMERIC, sum_int_numeric_final),
    NUMSUM("sum", sum_numeric_final),
    FLTSUM("sum", OM_T_FLOAT4, OM_T_FLOAT4, sum_float_final),
    FLTSUM("sum", OM_T_FLOAT8, OM_T_FLOAT8, sum_float_final),
    INTSUM("avg", OM_T_INT2, OM_T_NUMERIC, avg_int_final),
    INTSUM("avg", OM_T_INT4, OM_T_NUMERIC, avg_int_final),
    INTSUM("avg", OM_T_INT8, OM_T_NUMERIC, avg_int_final),
    NUMSUM("avg", avg_numeric_final),
    FLTSUM("avg", OM_T_FLOAT4, OM_T_FLOAT8, avg_float_final),
    FLTSUM("avg", OM_T_FLOAT8, OM_T_FLOAT8, avg_float_final),
    {"min", -1, -1, sizeof(MinMax), true, init_minmax, min_update, min_combine, minmax_final},
    {"max", -1, -1, sizeof(MinMax), true, init_minmax, max_update, max_combine, minmax_final},
    {"bool_and", OM_T_BOOL, OM_T_BOOL, sizeof(BoolAgg), true, init_bool, booland_update, booland_combine, bool_final},
    {"every", OM_T_BOOL, OM_T_BOOL, sizeof(BoolAgg), true, init_bool, booland_update, booland_combine, bool_final},
    {"bool_or", OM_T_BOOL, OM_T_BOOL, sizeof(BoolAgg), true, init_bool, boolor_update, boolor_combine, bool_final},
};

static const FnAggDesc count_star = {"count", -1, OM_T_INT8, sizeof(int64_t), false, init_zero8, count_update,
                                     count_combine, count_final};

/* The other files' tables, by name: a fixed array of pointers per name is
 * enough (a handful of signatures each). */
#define MAX_CANDIDATES 8

const FnAggDesc *const *fn_agg_candidates(const char *name, int *n)
{
    static _Thread_local const FnAggDesc *found[MAX_CANDIDATES];
    const FnAggDesc *tabs[] = {fn_agg_collect_descs, fn_agg_stats_descs, fn_agg_ordered_descs};
    const int ns[] = {fn_agg_collect_n, fn_agg_stats_n, fn_agg_ordered_n};
    int k = 0;
    for (int t = 0; t < 3; t++)
        for (int i = 0; i < ns[t] && k < MAX_CANDIDATES; i++)
            if (!strcmp(tabs[t][i].name, name)) found[k++] = &tabs[t][i];
    *n = k;
    return k ? found : NULL;
}

bool fn_agg_classic(const char *name)
{
    for (size_t i = 0; i < sizeof aggs / sizeof aggs[0]; i++)
        if (!strcmp(aggs[i].name, name)) return true;
    return false;
}

bool fn_agg_exists(const char *name)
{
    for (size_t i = 0; i < sizeof aggs / sizeof aggs[0]; i++)
        if (!strcmp(aggs[i].name, name)) return true;
    int n;
    return fn_agg_candidates(name, &n) != NULL;
}

/* min / max: types with a btree order (not json, not the pseudo types). */
static bool orderable(OmTypeId t)
{
    /* PostgreSQL 15 has no min / max for boolean, uuid, bytea, json(b). */
    return t != OM_T_JSON && t != OM_T_ARR_JSON && t != OM_T_JSONB && t != OM_T_ARR_JSONB && t != OM_T_BOOL &&
           t != OM_T_ARR_BOOL && t != OM_T_UUID && t != OM_T_BYTEA && t != OM_T_VOID && t != OM_T_NULL &&
           t != OM_T_UNKNOWN && t != OM_T_REGTYPE;
}

int fn_agg_arg_type(const char *name, OmTypeId arg)
{
    for (size_t i = 0; i < sizeof aggs / sizeof aggs[0]; i++) {
        const FnAggDesc *d = &aggs[i];
        if (strcmp(d->name, name)) continue;
        if (d->arg < 0) {
            if (!strcmp(name, "count")) return (int)arg;
            if (!orderable(arg)) return -1;
            return arg == OM_T_VARCHAR ? OM_T_TEXT : arg == OM_T_ARR_VARCHAR ? OM_T_ARR_TEXT : (int)arg;
        }
        if (d->arg == (int)arg) return (int)arg;
    }
    /* No exact signature: PostgreSQL's implicit casts pick the next one up. */
    if (arg == OM_T_UNKNOWN && (!strcmp(name, "bool_and") || !strcmp(name, "bool_or") || !strcmp(name, "every")))
        return OM_T_BOOL;
    return -1;
}

const FnAggDesc *fn_agg_lookup(const char *name, OmTypeId arg, bool star)
{
    if (star) return !strcmp(name, "count") ? &count_star : NULL;
    for (size_t i = 0; i < sizeof aggs / sizeof aggs[0]; i++) {
        const FnAggDesc *d = &aggs[i];
        if (strcmp(d->name, name)) continue;
        if (d->arg < 0 || d->arg == (int)arg) return d;
    }
    return NULL;
}
