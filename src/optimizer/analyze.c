/*
 * analyze.c — ANALYZE: a sample of a table's rows, and from it the
 * per-column statistics the estimates use (optimizer/cardinality.c),
 * stored in the catalog (catalog/cat_stats.c).
 *
 * PostgreSQL's method (commands/analyze.c), in outline:
 *   - a sample of 300 × statistics target rows (30,000 at the default 100):
 *     here selection sampling (Knuth's Algorithm S) over one scan of the
 *     table, since storage knows the exact row count up front — every row
 *     has the same chance and no row is copied unless it is kept;
 *   - per column: the NULL fraction, the average width, the number of
 *     distinct values from the sample with the Haas–Stokes estimator
 *     (n·d / (n − f1 + f1·n/N), f1 = values seen once), kept as a negative
 *     fraction of the rows when it is more than a tenth of them (it then
 *     scales with the table);
 *   - the most common values: values seen more than once and at least 1.25
 *     times as often as the average value (all of them when the sample holds
 *     every value of the column at least twice), at most `target`;
 *   - an equi-depth histogram of `target` + 1 bounds over the other values.
 * Types without an ordering PostgreSQL could sort (json) get the NULL
 * fraction, the width and the distinct count only.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/buf.h"
#include "../common/interrupt.h"
#include "optimizer.h"

typedef struct Sample {
    int n;            /* rows kept */
    OmVector *cols;   /* per column, n values */
} Sample;

static uint64_t rng_next(uint64_t *s)
{
    /* splitmix64: small, seedable, good enough to pick rows */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void copy_value(MemCtx *ctx, const OmVector *src, int r, OmVector *dst, int d)
{
    if (om_vec_is_null(src, r)) {
        om_vec_set_null(dst, d, true);
        return;
    }
    size_t sz = om_phys_size(src->phys);
    memcpy((char *)dst->data + sz * (size_t)d, (const char *)src->data + sz * (size_t)r, sz);
    if (src->phys == OM_PHYS_STR) {
        OmStr *s = (OmStr *)dst->data + d;
        char *p = mem_alloc(ctx, s->len ? s->len : 1);
        memcpy(p, s->ptr, s->len);
        s->ptr = p;
    }
}

static int take_sample(StorTxn *txn, MemCtx *ctx, const CatTable *t, uint64_t nrows, int want, Sample *out,
                       OmError *err)
{
    OmPhysType *ph = mem_new_array(ctx, OmPhysType, t->ncols ? t->ncols : 1);
    for (int c = 0; c < t->ncols; c++) ph[c] = type_phys(t->cols[c].type.id);
    out->n = 0;
    out->cols = mem_new_array(ctx, OmVector, t->ncols ? t->ncols : 1);
    for (int c = 0; c < t->ncols; c++) {
        out->cols[c].phys = ph[c];
        out->cols[c].data = mem_zalloc(ctx, om_phys_size(ph[c]) * (size_t)(want ? want : 1));
        out->cols[c].nulls = mem_new_array(ctx, uint64_t, (size_t)want / 64 + 1);
    }
    if (want == 0) return 0;
    MemCtx *scan_ctx = mem_ctx_create(ctx, "analyze-scan");
    OmBatch *b = om_batch_create(scan_ctx, t->ncols, ph, false);
    StorScan *scan;
    if (stor_scan_open(txn, &t->desc, scan_ctx, &scan, err) < 0) return -1;
    uint64_t seed = 0x5EEDull ^ t->oid, seen = 0;
    int rc;
    while ((rc = stor_scan_next(scan, b, err)) > 0) {
        if (om_intr_check(err) < 0) return -1;
        for (int r = 0; r < b->count && out->n < want; r++, seen++) {
            /* Algorithm S: keep this row with probability
             * (still wanted) / (rows left). */
            uint64_t left = nrows > seen ? nrows - seen : 1;
            if ((double)(rng_next(&seed) >> 11) * (1.0 / 9007199254740992.0) * (double)left >= (double)(want - out->n))
                continue;
            for (int c = 0; c < t->ncols; c++) copy_value(ctx, &b->cols[c], r, &out->cols[c], out->n);
            out->n++;
        }
        if (out->n >= want) break;
    }
    if (rc < 0) return -1;
    mem_ctx_delete(scan_ctx);
    return 0;
}

typedef struct SortCtx {
    OmType type;
    const OmVector *v;
} SortCtx;

static int cmp_idx(const void *a, const void *b, void *arg)
{
    const SortCtx *sc = arg;
    int x = *(const int *)a, y = *(const int *)b;
    int c = type_compare(sc->type, sc->v, x, sc->v, y);
    return c ? c : (x > y) - (x < y);
}

typedef struct Run {
    int first; /* index into the sorted positions */
    int count;
} Run;

static int cmp_run_desc(const void *a, const void *b)
{
    const Run *x = a, *y = b;
    if (x->count != y->count) return y->count - x->count;
    return x->first - y->first;
}

static char *value_text(MemCtx *ctx, OmType t, const OmVector *v, int r)
{
    OmBuf b;
    buf_init(&b, ctx, 32);
    type_out(t, v, r, &b);
    return mem_strndup(ctx, b.data, b.len);
}

static bool sortable(OmTypeId t) { return t != OM_T_JSON && t != OM_T_ARR_JSON; }

static void column_stats(MemCtx *ctx, OmType type, const OmVector *v, int n, double totalrows, int target,
                         CatColStats *cs)
{
    memset(cs, 0, sizeof *cs);
    cs->present = true;
    int *idx = mem_new_array(ctx, int, n ? n : 1);
    int nn = 0;
    double width = 0;
    for (int r = 0; r < n; r++) {
        if (om_vec_is_null(v, r)) continue;
        idx[nn++] = r;
        width += v->phys == OM_PHYS_STR ? (double)((const OmStr *)v->data)[r].len : (double)om_phys_size(v->phys);
    }
    cs->null_frac = n ? (double)(n - nn) / n : 0;
    cs->avg_width = nn ? width / nn : 0;
    if (nn == 0) return;
    if (!sortable(type.id)) {
        cs->n_distinct = 0; /* unknown */
        return;
    }
    SortCtx sc = {type, v};
    qsort_r(idx, (size_t)nn, sizeof *idx, cmp_idx, &sc);
    Run *runs = mem_new_array(ctx, Run, nn);
    int nruns = 0, f1 = 0;
    for (int i = 0; i < nn; i++) {
        if (i == 0 || type_compare(type, v, idx[i - 1], v, idx[i]) != 0) runs[nruns++] = (Run){i, 0};
        runs[nruns - 1].count++;
    }
    for (int i = 0; i < nruns; i++) f1 += runs[i].count == 1;
    /* Distinct values (PostgreSQL's compute_scalar_stats). */
    double d = nruns, nd;
    double total_nonnull = totalrows * (1 - cs->null_frac);
    if (f1 == nn) {
        nd = -1.0 * (1 - cs->null_frac); /* every sampled value unique: assume a unique column */
    } else if (f1 == 0 || (double)nn >= total_nonnull) {
        nd = d;                          /* every value seen twice (or the whole table): all values are in the sample */
    } else {
        double numer = (double)nn * d, denom = (double)(nn - f1) + (double)f1 * (double)nn / total_nonnull;
        nd = numer / denom;
        if (nd < d) nd = d;
        if (nd > total_nonnull) nd = total_nonnull;
        nd = (double)(long long)(nd + 0.5);
    }
    if (nd > 0 && totalrows > 0 && nd > 0.1 * totalrows) nd = -(nd / totalrows);
    cs->n_distinct = nd;
    /* Most common values. */
    Run *byfreq = mem_new_array(ctx, Run, nruns);
    memcpy(byfreq, runs, sizeof(Run) * (size_t)nruns);
    qsort(byfreq, (size_t)nruns, sizeof(Run), cmp_run_desc);
    int nm = 0;
    if (f1 == 0 && nruns <= target) {
        nm = nruns;
    } else {
        double avg = (double)nn / (nd > 0 ? nd : -nd * totalrows > 0 ? -nd * totalrows : nruns);
        double mincount = avg * 1.25;
        if (mincount < 2) mincount = 2;
        while (nm < nruns && nm < target && byfreq[nm].count >= mincount) nm++;
    }
    cs->nmcv = nm;
    cs->mcv_text = mem_new_array(ctx, char *, nm + 1);
    cs->mcv_freq = mem_new_array(ctx, double, nm + 1);
    bool *in_mcv = mem_new_array(ctx, bool, nn);
    for (int i = 0; i < nm; i++) {
        cs->mcv_text[i] = value_text(ctx, type, v, idx[byfreq[i].first]);
        cs->mcv_freq[i] = (double)byfreq[i].count / n;
        for (int k = 0; k < byfreq[i].count; k++) in_mcv[byfreq[i].first + k] = true;
    }
    /* Histogram over what the MCVs leave. */
    int *rest = mem_new_array(ctx, int, nn);
    int nrest = 0, rest_distinct = 0;
    for (int i = 0; i < nn; i++)
        if (!in_mcv[i]) {
            if (nrest == 0 || type_compare(type, v, rest[nrest - 1], v, idx[i]) != 0) rest_distinct++;
            rest[nrest++] = idx[i];
        }
    int nh = rest_distinct < 2 ? 0 : rest_distinct < target + 1 ? rest_distinct : target + 1;
    cs->nhist = nh;
    cs->hist_text = mem_new_array(ctx, char *, nh + 1);
    for (int i = 0; i < nh; i++) {
        long long pos = (long long)((double)i * (double)(nrest - 1) / (double)(nh - 1) + 0.5);
        cs->hist_text[i] = value_text(ctx, type, v, rest[pos]);
    }
}

/* The statistics record keeps the columns ANALYZE did not look at this
 * time (ANALYZE t (a) leaves b's statistics as they were). */
static void keep_previous(MemCtx *ctx, const CatTable *t, int c, CatTableStats *prev, CatColStats *cs)
{
    memset(cs, 0, sizeof *cs);
    if (!prev || !prev->cols[c].present) return;
    CatColStats *p = &prev->cols[c];
    *cs = *p;
    if (!cat_col_stats_values(p, t->cols[c].type, ctx)) {
        cs->nmcv = cs->nhist = 0;
        return;
    }
    cs->mcv_text = mem_new_array(ctx, char *, p->nmcv + 1);
    cs->hist_text = mem_new_array(ctx, char *, p->nhist + 1);
    for (int i = 0; i < p->nmcv; i++) cs->mcv_text[i] = value_text(ctx, t->cols[c].type, &p->mcv, i);
    for (int i = 0; i < p->nhist; i++) cs->hist_text[i] = value_text(ctx, t->cols[c].type, &p->hist, i);
}

int opt_analyze_compute(StorTxn *txn, MemCtx *ctx, const CatTable *t, const bool *cols, int target,
                        CatTableStats **out, OptAnalyzeInfo *info, OmError *err)
{
    if (target < 1) target = 1;
    uint64_t nrows = 0;
    if (stor_table_rows(txn, &t->desc, &nrows, err) < 0) return -1;
    int want = nrows < (uint64_t)(300 * target) ? (int)nrows : 300 * target;
    Sample s;
    if (take_sample(txn, ctx, t, nrows, want, &s, err) < 0) return -1;
    CatTableStats *prev = NULL;
    if (cols && cat_stats_get(txn, ctx, t, &prev, err) < 0) return -1;
    CatTableStats *st = mem_new(ctx, CatTableStats);
    st->reltuples = (double)nrows;
    st->ncols = t->ncols;
    st->cols = mem_new_array(ctx, CatColStats, t->ncols ? t->ncols : 1);
    for (int c = 0; c < t->ncols; c++) {
        if (om_intr_check(err) < 0) return -1;
        if (cols && !cols[c]) keep_previous(ctx, t, c, prev, &st->cols[c]);
        else column_stats(ctx, t->cols[c].type, &s.cols[c], s.n, (double)nrows, target, &st->cols[c]);
    }
    if (info) {
        info->rows = nrows;
        info->sampled = s.n;
    }
    *out = st;
    return 0;
}

int opt_analyze_table(StorTxn *txn, MemCtx *parent, const CatTable *t, const bool *cols, int target,
                      OptAnalyzeInfo *info, OmError *err)
{
    MemCtx *ctx = mem_ctx_create(parent, "analyze");
    CatTableStats *st;
    int rc = opt_analyze_compute(txn, ctx, t, cols, target, &st, info, err);
    if (rc == 0) rc = cat_stats_put(txn, ctx, t->dbname, t->oid, st, err);
    mem_ctx_delete(ctx);
    return rc < 0 ? -1 : 0;
}
