/*
 * fn_agg_ordered.c — ordered-set and hypothetical-set aggregates (WITHIN
 * GROUP), with PostgreSQL 15's signatures and orderedsetaggs.c's rules:
 *   percentile_cont(float8 | float8[]) WITHIN GROUP (ORDER BY float8 |
 *     interval) → that type (or its array): linear interpolation lo +
 *     p·(hi − lo) between rows floor and ceil of p·(N − 1)
 *   percentile_disc(float8 | float8[]) WITHIN GROUP (ORDER BY anyelement):
 *     the first row whose position reaches p·N
 *   mode() WITHIN GROUP (ORDER BY anyelement): the most frequent value, the
 *     first in the sort order on ties
 *   rank / dense_rank → bigint, percent_rank / cume_dist → double precision
 *     (args) WITHIN GROUP (ORDER BY keys): where the hypothetical row args
 *     would fall among the group's rows, sorting before its peers (after
 *     them for cume_dist)
 * The executor (exec_agg_sorted.c) hands over each group's rows sorted by
 * the WITHIN GROUP keys, rows with a NULL key left out except for the
 * hypothetical aggregates, which order NULLs as the keys say. A fraction
 * outside [0, 1] (or NaN) is 22003 "percentile value %g is not between 0 and
 * 1" — for the scalar forms even over no rows, as there; the array forms
 * look at their fractions only when the group has rows. A NULL fraction
 * gives NULL (in an array: a NULL element).
 */
#include <math.h>
#include <string.h>

#include "../common/interrupt.h"
#include "../types/array.h"
#include "fn_agg.h"
#include "fn_tables.h"

static void put_null(OmVector *out, int row) { om_vec_set_null(out, row, true); }

/* A key value into out[row] (strings keep pointing into the sorted store,
 * which outlives the result). */
static void put_value(const OmVector *v, int r, OmVector *out, int row)
{
    if (om_vec_is_null(v, r)) {
        put_null(out, row);
        return;
    }
    size_t w = om_phys_size(v->phys);
    memcpy((uint8_t *)out->data + (size_t)row * w, (const uint8_t *)v->data + (size_t)r * w, w);
    om_vec_set_null(out, row, false);
}

static int bad_fraction(FnAggCall *c, double p)
{
    /* PostgreSQL's own %g spells NaN and the infinities its way. */
    if (isnan(p) || isinf(p))
        return err_set(c->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "percentile value %s is not between 0 and 1",
                       isnan(p) ? "NaN" : p > 0 ? "Infinity" : "-Infinity");
    return err_set(c->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "percentile value %g is not between 0 and 1", p);
}

static bool fraction_ok(double p) { return !(p < 0 || p > 1 || isnan(p)); }

/* ---- percentile_cont --------------------------------------------------------------- */

/* The interpolated value at fraction p of rows (n > 0) into out[row]. */
static int cont_at(FnAggCall *c, const FnAggSorted *rows, double p, OmVector *out, int row)
{
    double pos = p * (double)(rows->n - 1);
    int64_t lo = (int64_t)floor(pos), hi = (int64_t)ceil(pos);
    const OmVector *lv, *hv;
    int lr, hr;
    rows->get(rows, lo, 0, &lv, &lr);
    if (lo == hi) {
        put_value(lv, lr, out, row);
        return 0;
    }
    rows->get(rows, hi, 0, &hv, &hr);
    double prop = pos - (double)lo;
    om_vec_set_null(out, row, false);
    if (lv->phys == OM_PHYS_F64) {
        double a = ((const double *)lv->data)[lr], b = ((const double *)hv->data)[hr];
        ((double *)out->data)[row] = a + prop * (b - a);
        return 0;
    }
    /* interval_lerp: (hi - lo) * prop + lo, each step checked as there. */
    OmInterval a = ((const OmInterval *)lv->data)[lr], b = ((const OmInterval *)hv->data)[hr], d, m, r;
    if (__builtin_sub_overflow(b.months, a.months, &d.months) || __builtin_sub_overflow(b.days, a.days, &d.days) ||
        __builtin_sub_overflow(b.usec, a.usec, &d.usec))
        return err_set(c->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
    if (fn_interval_scale(c->err, d, prop, false, &m) < 0) return -1;
    if (__builtin_add_overflow(m.months, a.months, &r.months) || __builtin_add_overflow(m.days, a.days, &r.days) ||
        __builtin_add_overflow(m.usec, a.usec, &r.usec))
        return err_set(c->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
    ((OmInterval *)out->data)[row] = r;
    return 0;
}

/* The value at fraction p of rows (n > 0), percentile_disc's way. */
static int64_t disc_index(double p, int64_t n)
{
    int64_t k = (int64_t)ceil(p * (double)n);
    return k > 1 ? k - 1 : 0;
}

static int percentile_scalar(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *direct, OmVector *out,
                             int row, bool cont)
{
    if (om_vec_is_null(direct[0], 0)) {
        put_null(out, row);
        return 0;
    }
    double p = ((const double *)direct[0]->data)[0];
    if (!fraction_ok(p)) return bad_fraction(c, p);
    if (rows->n == 0) {
        put_null(out, row);
        return 0;
    }
    if (cont) return cont_at(c, rows, p, out, row);
    const OmVector *v;
    int r;
    rows->get(rows, disc_index(p, rows->n), 0, &v, &r);
    put_value(v, r, out, row);
    return 0;
}

static int percentile_array(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *direct, OmVector *out,
                            int row, bool cont)
{
    if (rows->n == 0 || om_vec_is_null(direct[0], 0)) {
        put_null(out, row);
        return 0;
    }
    OmArr a;
    arr_view(OM_T_ARR_FLOAT8, ((const OmStr *)direct[0]->data)[0], &a);
    OmTypeId et = (OmTypeId)type_array_elem(c->ret_type.id);
    ArrBuild b;
    arr_build_init(&b, et, c->ctx);
    for (int i = 0; i < a.nitems; i++) {
        if (arr_elem_null(&a, i)) continue;
        double p;
        memcpy(&p, a.data + (size_t)i * 8, 8);
        if (!fraction_ok(p)) return bad_fraction(c, p);
    }
    OmBatch *one = om_batch_create(c->ctx, 1, (OmPhysType[]){type_phys(et)}, false);
    for (int i = 0; i < a.nitems; i++) {
        if (arr_elem_null(&a, i)) {
            arr_build_add_null(&b);
            continue;
        }
        double p;
        memcpy(&p, a.data + (size_t)i * 8, 8);
        if (cont) {
            if (cont_at(c, rows, p, &one->cols[0], 0) < 0) return -1;
            arr_build_add(&b, &one->cols[0], 0);
        } else {
            const OmVector *v;
            int r;
            rows->get(rows, disc_index(p, rows->n), 0, &v, &r);
            arr_build_add(&b, v, r);
        }
    }
    ((OmStr *)out->data)[row] = arr_build_finish(&b, a.ndim, a.dims, a.lbs, c->ctx);
    om_vec_set_null(out, row, false);
    return 0;
}

static int cont_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int r)
{
    return percentile_scalar(c, rows, d, o, r, true);
}

static int disc_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int r)
{
    return percentile_scalar(c, rows, d, o, r, false);
}

static int cont_multi_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int r)
{
    return percentile_array(c, rows, d, o, r, true);
}

static int disc_multi_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int r)
{
    return percentile_array(c, rows, d, o, r, false);
}

/* ---- mode ---------------------------------------------------------------------------- */

static int mode_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int row)
{
    if (rows->n == 0) {
        put_null(o, row);
        return 0;
    }
    int64_t best = 0, best_n = 0, run = 0, run_n = 0;
    const OmVector *pv = NULL;
    int pr = 0;
    for (int64_t i = 0; i < rows->n; i++) {
        if ((i & 4095) == 4095 && om_intr_check(c->err) < 0) return -1;
        const OmVector *v;
        int r;
        rows->get(rows, i, 0, &v, &r);
        if (pv && type_compare(c->arg_type, pv, pr, v, r) == 0) {
            run_n++;
        } else {
            run = i;
            run_n = 1;
        }
        /* A later value takes over only with strictly more rows. */
        if (run_n > best_n) {
            best = run;
            best_n = run_n;
        }
        pv = v;
        pr = r;
    }
    const OmVector *v;
    int r;
    rows->get(rows, best, 0, &v, &r);
    put_value(v, r, o, row);
    return 0;
}

/* ---- hypothetical-set aggregates ---------------------------------------------------- */

/* Sorted row i against the hypothetical row, in the keys' order. */
static int hyp_cmp(FnAggCall *c, const FnAggSorted *rows, int64_t i, const OmVector *const *hyp)
{
    for (int k = 0; k < c->nkeys; k++) {
        const OmVector *v;
        int r;
        rows->get(rows, i, k, &v, &r);
        bool nv = om_vec_is_null(v, r), nh = om_vec_is_null(hyp[k], 0);
        int x;
        if (nv || nh) {
            if (nv && nh) continue;
            x = nv ? 1 : -1;
            if (c->key_nulls_first[k]) x = -x;
            return x;
        }
        x = type_compare(c->arg_types[k], v, r, hyp[k], 0);
        if (x) return c->key_desc[k] ? -x : x;
    }
    return 0;
}

static bool rows_equal(FnAggCall *c, const FnAggSorted *rows, int64_t i, int64_t j)
{
    for (int k = 0; k < c->nkeys; k++) {
        const OmVector *a, *b;
        int ra, rb;
        rows->get(rows, i, k, &a, &ra);
        rows->get(rows, j, k, &b, &rb);
        bool na = om_vec_is_null(a, ra), nb = om_vec_is_null(b, rb);
        if (na != nb) return false;
        if (!na && type_compare(c->arg_types[k], a, ra, b, rb) != 0) return false;
    }
    return true;
}

/* Rows sorting before the hypothetical row (with its peers too: after). */
static int count_before(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *hyp, bool peers,
                        int64_t *count)
{
    int64_t i = 0;
    for (; i < rows->n; i++) {
        if ((i & 4095) == 4095 && om_intr_check(c->err) < 0) return -1;
        int x = hyp_cmp(c, rows, i, hyp);
        if (x > 0 || (x == 0 && !peers)) break;
    }
    *count = i;
    return 0;
}

static int set_i8(OmVector *o, int row, int64_t v)
{
    ((int64_t *)o->data)[row] = v;
    om_vec_set_null(o, row, false);
    return 0;
}

static int set_f8(OmVector *o, int row, double v)
{
    ((double *)o->data)[row] = v;
    om_vec_set_null(o, row, false);
    return 0;
}

static int rank_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int row)
{
    int64_t k;
    if (count_before(c, rows, d, false, &k) < 0) return -1;
    return set_i8(o, row, k + 1);
}

static int percent_rank_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int row)
{
    int64_t k;
    if (count_before(c, rows, d, false, &k) < 0) return -1;
    return set_f8(o, row, rows->n == 0 ? 0.0 : (double)k / (double)rows->n);
}

static int cume_dist_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int row)
{
    int64_t k;
    if (count_before(c, rows, d, true, &k) < 0) return -1;
    return set_f8(o, row, (double)(k + 1) / (double)(rows->n + 1));
}

static int dense_rank_final(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *d, OmVector *o, int row)
{
    int64_t k;
    if (count_before(c, rows, d, false, &k) < 0) return -1;
    int64_t distinct = 0;
    for (int64_t i = 0; i < k; i++) {
        if ((i & 4095) == 4095 && om_intr_check(c->err) < 0) return -1;
        if (i == 0 || !rows_equal(c, rows, i - 1, i)) distinct++;
    }
    return set_i8(o, row, distinct + 1);
}

/* ---- the table ---------------------------------------------------------------------- */

/* The executor keeps the rows; the per-group state is unused. */
static void init_none(void *st) { *(uint8_t *)st = 0; }

#define OS(name, direct, key, ret, strict, fin) \
    {name, key, ret, 1, strict, init_none, NULL, NULL, NULL, FN_AGG_ORDERED, 1, {key}, direct, fin}
#define HYP(name, ret, fin) {name, -1, ret, 1, false, init_none, NULL, NULL, NULL, FN_AGG_HYPOTHETICAL, 0, {-1}, 0, fin}

const FnAggDesc fn_agg_ordered_descs[] = {
    OS("percentile_cont", OM_T_FLOAT8, OM_T_FLOAT8, OM_T_FLOAT8, true, cont_final),
    OS("percentile_cont", OM_T_ARR_FLOAT8, OM_T_FLOAT8, OM_T_ARR_FLOAT8, true, cont_multi_final),
    OS("percentile_cont", OM_T_FLOAT8, OM_T_INTERVAL, OM_T_INTERVAL, true, cont_final),
    OS("percentile_cont", OM_T_ARR_FLOAT8, OM_T_INTERVAL, OM_T_ARR_INTERVAL, true, cont_multi_final),
    OS("percentile_disc", OM_T_FLOAT8, -1, -1, true, disc_final),
    OS("percentile_disc", OM_T_ARR_FLOAT8, -1, FN_AGG_RET_ARRAY, true, disc_multi_final),
    OS("mode", FN_AGG_NO_DIRECT, -1, -1, true, mode_final),
    HYP("rank", OM_T_INT8, rank_final),
    HYP("dense_rank", OM_T_INT8, dense_rank_final),
    HYP("percent_rank", OM_T_FLOAT8, percent_rank_final),
    HYP("cume_dist", OM_T_FLOAT8, cume_dist_final),
};
const int fn_agg_ordered_n = (int)(sizeof fn_agg_ordered_descs / sizeof fn_agg_ordered_descs[0]);
