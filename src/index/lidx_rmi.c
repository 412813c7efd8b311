/*
 * lidx_rmi.c — the two-stage recursive model index (Kraska et al., "The Case
 * for Learned Index Structures", 2018): a linear root model routes a key to
 * one of L linear leaf models; each leaf stores the largest error measured on
 * its own training points, so the last-mile window is as narrow as that leaf
 * allows. L is chosen from the data: four counts within the size budget are
 * trained; on small models the smallest mean search window (log2) wins, on
 * large ones the fastest lookups on a timed sample (memory, not the window,
 * decides there).
 * The root is linear (Kraska's) or a radix table (lidx_int.h): a line routes
 * skewed keys (lognormal, zipf gaps) into few leaves with errors of
 * thousands, the table follows the CDF bucket by bucket. Both are tried with
 * every leaf count and the cost model picks.
 *
 * Interface: lidx_rmi_build (write an image), lidx_rmi_window (predict).
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include "index/lidx_int.h"

/* Welford running means and co-moment of (x offset, y): numerically stable
 * where sums of squares of 64-bit offsets would cancel. */
typedef struct {
    double n, mx, my, cxy, mxx;
} Fit;

static inline void fit_add(Fit *f, double x, double y)
{
    f->n += 1.0;
    double dx = x - f->mx;
    f->mx += dx / f->n;
    f->my += (y - f->my) / f->n;
    f->cxy += dx * (y - f->my);
    f->mxx += dx * (x - f->mx);
}

/* slope and intercept at offset 0 of the least-squares line; slope >= 0 so
 * the prediction stays monotone (a sorted array's true slope is never
 * negative; rounding could make it so). */
static void fit_line(const Fit *f, double *slope, double *icpt)
{
    double s = f->mxx > 0.0 ? f->cxy / f->mxx : 0.0;
    if (!(s >= 0.0) || !isfinite(s)) s = 0.0;
    *slope = s;
    *icpt = f->my - s * f->mx;
}

/* Fill leaves[0..L] (sentinel included) for a given root; returns the mean
 * log2 window over the points. Two passes: fit, then measure errors with the
 * stored (single-precision) coefficients. */
static double rmi_fit_leaves(MemCtx *scratch, const uint64_t *keys, size_t n,
                             const LidxRmiRoot *root, const double *tab, size_t L,
                             LidxRmiLeaf *leaves)
{
    Fit *fits = mem_new_array(scratch, Fit, L);
    unsigned char *used = mem_zalloc(scratch, L);
    uint64_t *start = mem_new_array(scratch, uint64_t, L + 1);
    uint64_t *errs = mem_zalloc(scratch, L * sizeof *errs);
    LidxPoints it;
    uint64_t x, y;

    lidx_points_init(&it, keys, n);
    while (lidx_points_next(&it, &x, &y)) {
        size_t j = lidx_rmi_route(root, tab, L, x);
        if (!used[j]) {
            used[j] = 1;
            leaves[j].key0 = x;
            start[j] = y;
        }
        fit_add(&fits[j], (double)(x - leaves[j].key0), (double)y);
    }
    /* Empty leaves take the start of the next used one: a key routed there
     * lies between their neighbours, so its lower_bound is that start. */
    start[L] = n;
    leaves[L] = (LidxRmiLeaf){ UINT64_MAX, 0.0f, 0.0f, (uint64_t)n << 24 };
    for (size_t j = L; j-- > 0;) {
        float sl = 0.0f, ic = 0.0f;
        if (!used[j]) {
            leaves[j].key0 = 0;
            start[j] = start[j + 1];
        } else {
            double slope, icpt;
            fit_line(&fits[j], &slope, &icpt);
            sl = slope < (double)FLT_MAX ? (float)slope : FLT_MAX;
            double rel = icpt - (double)start[j];
            rel = rel > -1e30 ? rel : -1e30; /* keep the float finite */
            ic = rel < 1e30 ? (float)rel : 1e30f;
        }
        leaves[j].slope = sl;
        leaves[j].icpt = ic;
        leaves[j].se = (uint64_t)start[j] << 24;
    }
    lidx_points_init(&it, keys, n);
    double npts = 0.0, cost = 0.0;
    while (lidx_points_next(&it, &x, &y)) {
        size_t j = lidx_rmi_route(root, tab, L, x);
        uint64_t p = lidx_leaf_predict(&leaves[j], x);
        uint64_t e = p > y ? p - y : y - p;
        if (e > errs[j]) errs[j] = e;
        npts += 1.0;
    }
    /* Cost: every point pays log2 of its leaf's window. */
    for (size_t j = 0; j < L; j++) {
        uint64_t e = errs[j] < LIDX_LEAF_ERR_SAT ? errs[j] : LIDX_LEAF_ERR_SAT;
        leaves[j].se |= e;
        double w = e == LIDX_LEAF_ERR_SAT ? (double)(start[j + 1] - start[j]) : 2.0 * (double)e;
        cost += fits[j].n * log2(w + 2.0);
    }
    return npts > 0.0 ? cost / npts : 0.0;
}

/* Buckets a radix root with these bits and shift needs to reach offset xmax. */
uint64_t lidx_radix_nbuckets(uint64_t xmax, unsigned bits, unsigned shift)
{
    double frac;
    return lidx_radix_bucket(xmax, bits, shift, &frac) + 1;
}

uint64_t lidx_radix_params(uint64_t xmax, uint64_t budget, bool plain, unsigned *bits_out,
                           unsigned *shift_out)
{
    unsigned bits = 0, shift = 0;
    if (plain) {
        /* the least shift whose buckets (xmax >> shift) + 1 fit the budget */
        while (shift < 63 && (xmax >> shift) >= budget) shift++; /* not +1 >: xmax may be 2^64-1 */
        uint64_t top = xmax >> shift;
        while (bits < LIDX_RADIX_MAX_BITS && (1ull << bits) <= top) bits++;
    } else {
        while (bits < LIDX_RADIX_MAX_BITS && lidx_radix_nbuckets(xmax, bits + 1, 0) <= budget) bits++;
    }
    *bits_out = bits;
    *shift_out = shift;
    return lidx_radix_nbuckets(xmax, bits, shift);
}

/* A radix root for L leaves within about a quarter of the leaves' count of
 * buckets (the image grows by at most 5%): log-spread (shift 0, the most
 * bits that fit) or plain (the top bits of xmax). Then
 * tab[b] = L * lower_bound(start of bucket b) / (n + 1), tab[nb] = L. */
static double *radix_root(MemCtx *scratch, const uint64_t *keys, size_t n, uint64_t xmin,
                          uint64_t xmax, size_t L, bool plain, LidxRmiRoot *root)
{
    uint64_t budget = L / 4 > 64 ? L / 4 : 64;
    unsigned bits, shift;
    uint64_t nb = lidx_radix_params(xmax, budget, plain, &bits, &shift);
    double *tab = mem_new_array(scratch, double, nb + 1);
    double scale = (double)L / (double)(n + 1);
    LidxPoints it;
    uint64_t x, y, filled = 0;
    double frac;
    lidx_points_init(&it, keys, n);
    while (lidx_points_next(&it, &x, &y)) {
        uint64_t b = lidx_radix_bucket(x - xmin, bits, shift, &frac);
        while (filled <= b && filled < nb) tab[filled++] = (double)y * scale;
    }
    while (filled < nb) tab[filled++] = 0.0; /* n == 0 only */
    tab[nb] = (double)L;
    memset(root, 0, sizeof *root);
    root->key0 = xmin;
    root->type = LIDX_ROOT_RADIX;
    root->bits = bits;
    root->shift = shift;
    root->nbuckets = nb;
    return tab;
}

/* One trained candidate: a root and its leaves, in a context of its own so a
 * loser's memory goes at once. */
typedef struct {
    MemCtx *mc;
    LidxRmiRoot root;
    const double *tab;
    LidxRmiLeaf *leaves;
    size_t L;
    double cost; /* mean log2 window */
} RmiCand;

/* Models this small stay in cache whatever their leaf count: the cost model
 * alone chooses, and the build stays deterministic. */
#define RMI_CACHED_BYTES (256u << 10)

int lidx_rmi_build(MemCtx *ctx, const uint64_t *keys, size_t n, const LidxOptions *opt,
                   uint8_t **image, size_t *len, OmError *err)
{
    if ((uint64_t)n >> LIDX_LEAF_START_BITS)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                       "learned index RMI is limited to 2^40 keys");
    MemCtx *scratch = mem_ctx_create(ctx, "lidx rmi build");
    LidxPoints it;
    uint64_t x, y, xmax = 0;
    Fit root_fit = {0};
    uint64_t xmin = n ? keys[0] : 0;

    lidx_points_init(&it, keys, n);
    while (lidx_points_next(&it, &x, &y)) {
        fit_add(&root_fit, (double)(x - xmin), (double)y);
        xmax = x - xmin;
    }
    double rslope, ricpt;
    fit_line(&root_fit, &rslope, &ricpt);

    /* Candidate leaf counts: the budget — n/160 leaves of 24 bytes plus a
     * radix table of at most a quarter as many 8-byte buckets, about 0.16
     * byte per key, under 1% of a packed B+tree's 16.5 — and three smaller
     * ones, which may win by staying in cache. */
    size_t cand[4];
    int ncand = 0;
    if (opt->rmi_leaves) {
        cand[ncand++] = opt->rmi_leaves;
    } else {
        size_t top = n / 160 ? n / 160 : 1;
        for (size_t L = top; ncand < 4; L /= 4) {
            cand[ncand++] = L ? L : 1;
            if (L <= 1) break;
        }
    }

    /* Which candidate wins. While the largest model fits in cache
     * (RMI_CACHED_BYTES) the cost model decides, deterministically: per
     * leaf count the linear root is tried first and a radix table must save
     * a third of a search step; across counts a larger model must too.
     * Above that, memory decides and the build times every candidate's
     * lookups on a sample, taking turns (lidx_time_many), smallest first, a
     * later one kept only when 3% faster: a model that stays in cache with wider windows can beat one
     * that misses (100M uniform keys: 1.3 MB of leaves, 178 ns a lookup;
     * 15.6 MB, 224 ns), and a radix root's narrower windows can pay for its
     * table where the window count says otherwise (10M burst: 165 against
     * 189 ns; docs/learned-index.md). */
    bool timed = ncand > 1 && (size_t)(sizeof(LidxRmiLeaf) * 1.25 * (double)cand[0]) > RMI_CACHED_BYTES;
    RmiCand all[LIDX_TIME_MAX], best = { 0 };
    size_t k = 0;
    for (int c = ncand - 1; c >= 0; c--) {
        for (uint32_t rk = 1; rk <= 3; rk++) { /* linear, radix log, radix plain */
            if (opt->rmi_root && rk != opt->rmi_root) continue;
            RmiCand t = { .mc = mem_ctx_create(scratch, "lidx rmi candidate"), .L = cand[c] };
            if (rk == 1) {
                double scale = (double)t.L / (double)(n + 1);
                t.root.key0 = xmin;
                t.root.slope = rslope * scale;
                t.root.icpt = ricpt * scale;
                t.root.type = LIDX_ROOT_LINEAR;
            } else {
                t.tab = radix_root(t.mc, keys, n, xmin, xmax, t.L, rk == 3, &t.root);
            }
            t.leaves = mem_new_array(t.mc, LidxRmiLeaf, t.L + 1);
            MemCtx *fitctx = mem_ctx_create(t.mc, "lidx rmi fit");
            t.cost = rmi_fit_leaves(fitctx, keys, n, &t.root, t.tab, t.L, t.leaves);
            mem_ctx_delete(fitctx);
            if (timed) { /* all kept (at most 12, ~4 MB per million keys), timed below */
                all[k++] = t;
            } else if (!best.mc || t.cost < best.cost - 0.33) {
                if (best.mc) mem_ctx_delete(best.mc);
                best = t;
            } else {
                mem_ctx_delete(t.mc);
            }
        }
    }
    if (timed) {
        size_t m = opt->sample ? opt->sample : 16384;
        uint64_t *probe = lidx_sample_probes(scratch, keys, n, 3 * k * m);
        LidxIndex ixs[LIDX_TIME_MAX];
        const LidxIndex *ptr[LIDX_TIME_MAX];
        double tt[LIDX_TIME_MAX];
        for (size_t c = 0; c < k; c++) {
            ixs[c] = (LidxIndex){ .keys = keys, .n = n, .kind = LIDX_RMI, .root = &all[c].root,
                                  .rtab = all[c].tab, .leaves = all[c].leaves, .nleaves = all[c].L };
            ptr[c] = &ixs[c];
        }
        lidx_time_many(ptr, k, probe, m, tt);
        size_t pick = 0;
        for (size_t c = 1; c < k; c++)
            if (tt[c] < tt[pick] * 0.97) pick = c;
        best = all[pick];
    }
    size_t tab_bytes = best.tab ? sizeof(double) * (best.root.nbuckets + 1) : 0;
    size_t head = sizeof(LidxHeader) + sizeof(LidxRmiRoot) + tab_bytes;
    size_t total = head + sizeof(LidxRmiLeaf) * (best.L + 1);
    uint8_t *img = mem_zalloc(ctx, total);
    lidx_header_fill((LidxHeader *)img, LIDX_RMI, total, keys, n, best.L, 0);
    memcpy(img + sizeof(LidxHeader), &best.root, sizeof best.root);
    if (best.tab) memcpy(img + sizeof(LidxHeader) + sizeof(LidxRmiRoot), best.tab, tab_bytes);
    memcpy(img + head, best.leaves, sizeof(LidxRmiLeaf) * (best.L + 1));
    mem_ctx_delete(scratch);
    *image = img;
    *len = total;
    return 0;
}

void lidx_rmi_window(const LidxIndex *ix, uint64_t key, size_t *lo, size_t *hi)
{
    size_t j = lidx_rmi_route(ix->root, ix->rtab, ix->nleaves, key);
    const LidxRmiLeaf *lf = &ix->leaves[j];
    uint64_t start = lidx_leaf_start(lf), end = lidx_leaf_start(lf + 1);
    uint64_t p = lidx_leaf_predict(lf, key);
    uint64_t e = lidx_leaf_err(lf);
    e = e == LIDX_LEAF_ERR_SAT ? UINT64_MAX : e; /* saturated: the whole leaf */
    *lo = p - start > e ? p - e : start;
    *hi = end - p > e ? p + e : end;
}
