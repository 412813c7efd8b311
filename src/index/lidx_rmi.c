/*
 * lidx_rmi.c — the two-stage recursive model index (Kraska et al., "The Case
 * for Learned Index Structures", 2018): a linear root model routes a key to
 * one of L linear leaf models; each leaf stores the largest error measured on
 * its own training points, so the last-mile window is as narrow as that leaf
 * allows. L is chosen from the data: a few counts within the size budget are
 * tried and the one with the smallest mean search window (log2) is kept.
 * The root is linear (Kraska's) or a radix table (lidx_int.h): a line routes
 * skewed keys (lognormal, zipf gaps) into few leaves with errors of
 * thousands, the table follows the CDF bucket by bucket. Both are tried with
 * every leaf count and the cost model picks.
 *
 * Interface: lidx_rmi_build (write an image), lidx_rmi_window (predict).
 */
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
 * log2 window over the points. Two passes: fit, then measure errors. */
static double rmi_fit_leaves(MemCtx *scratch, const uint64_t *keys, size_t n,
                             const LidxRmiRoot *root, const double *tab, size_t L,
                             LidxRmiLeaf *leaves)
{
    Fit *fits = mem_new_array(scratch, Fit, L);
    unsigned char *used = mem_zalloc(scratch, L);
    LidxPoints it;
    uint64_t x, y;

    lidx_points_init(&it, keys, n);
    while (lidx_points_next(&it, &x, &y)) {
        size_t j = lidx_rmi_route(root, tab, L, x);
        if (!used[j]) {
            used[j] = 1;
            leaves[j].key0 = x;
            leaves[j].start = y;
        }
        fit_add(&fits[j], (double)(x - leaves[j].key0), (double)y);
    }
    /* Empty leaves take the start of the next used one: a key routed there
     * lies between their neighbours, so its lower_bound is that start. */
    leaves[L].start = n;
    leaves[L].key0 = UINT64_MAX;
    leaves[L].slope = 0.0;
    leaves[L].icpt = (double)n;
    leaves[L].err = 0;
    for (size_t j = L; j-- > 0;) {
        if (!used[j]) {
            leaves[j].key0 = 0;
            leaves[j].start = leaves[j + 1].start;
            leaves[j].slope = 0.0;
            leaves[j].icpt = (double)leaves[j].start;
        } else {
            fit_line(&fits[j], &leaves[j].slope, &leaves[j].icpt);
        }
        leaves[j].err = 0;
    }
    lidx_points_init(&it, keys, n);
    double npts = 0.0, cost = 0.0;
    while (lidx_points_next(&it, &x, &y)) {
        size_t j = lidx_rmi_route(root, tab, L, x);
        LidxRmiLeaf *lf = &leaves[j];
        uint64_t p = lidx_predict(lf->key0, lf->slope, lf->icpt, x, (double)lf->start,
                                  (double)leaves[j + 1].start);
        uint64_t e = p > y ? p - y : y - p;
        if (e > lf->err) lf->err = e;
        npts += 1.0;
    }
    /* Cost: every point pays log2 of its leaf's window. */
    for (size_t j = 0; j < L; j++)
        cost += fits[j].n * log2(2.0 * (double)leaves[j].err + 2.0);
    return npts > 0.0 ? cost / npts : 0.0;
}

/* Buckets a radix root with these bits and shift needs to reach offset xmax. */
static uint64_t radix_nbuckets(uint64_t xmax, unsigned bits, unsigned shift)
{
    double frac;
    return lidx_radix_bucket(xmax, bits, shift, &frac) + 1;
}

/* A radix root for L leaves within about a quarter of the leaves' count of
 * buckets (the image grows by at most 5%): log-spread (shift 0, the most
 * bits that fit) or plain (the top bits of xmax). Then
 * tab[b] = L * lower_bound(start of bucket b) / (n + 1), tab[nb] = L. */
static double *radix_root(MemCtx *scratch, const uint64_t *keys, size_t n, uint64_t xmin,
                          uint64_t xmax, size_t L, bool plain, LidxRmiRoot *root)
{
    uint64_t budget = L / 4 > 64 ? L / 4 : 64;
    unsigned bits = 0, shift = 0;
    if (plain) {
        /* the least shift whose buckets (xmax >> shift) + 1 fit the budget */
        while (shift < 63 && (xmax >> shift) + 1 > budget) shift++;
        uint64_t top = xmax >> shift;
        while (bits < LIDX_RADIX_MAX_BITS && (1ull << bits) <= top) bits++;
    } else {
        while (bits < LIDX_RADIX_MAX_BITS && radix_nbuckets(xmax, bits + 1, 0) <= budget) bits++;
    }
    uint64_t nb = radix_nbuckets(xmax, bits, shift);
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

int lidx_rmi_build(MemCtx *ctx, const uint64_t *keys, size_t n, uint32_t want_leaves,
                   uint32_t root_kind, uint8_t **image, size_t *len, OmError *err)
{
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

    /* Candidate leaf counts: the budget (n/256 leaves, 40 bytes each: about
     * 0.16 byte per key) and three smaller ones. */
    size_t cand[4];
    int ncand = 0;
    if (want_leaves) {
        cand[ncand++] = want_leaves;
    } else {
        size_t top = n / 256 ? n / 256 : 1;
        for (size_t L = top; ncand < 4; L /= 4) {
            cand[ncand++] = L ? L : 1;
            if (L <= 1) break;
        }
    }

    LidxRmiLeaf *best = NULL;
    LidxRmiRoot best_root = {0};
    const double *best_tab = NULL;
    size_t best_L = 0;
    double best_cost = 0.0;
    for (int c = 0; c < ncand; c++) {
        for (uint32_t rk = 1; rk <= 3; rk++) { /* linear, radix log, radix plain */
            if (root_kind && rk != root_kind) continue;
            size_t L = cand[c];
            LidxRmiRoot root = {0};
            const double *tab = NULL;
            if (rk == 1) {
                double scale = (double)L / (double)(n + 1);
                root.key0 = xmin;
                root.slope = rslope * scale;
                root.icpt = ricpt * scale;
                root.type = LIDX_ROOT_LINEAR;
            } else {
                tab = radix_root(scratch, keys, n, xmin, xmax, L, rk == 3, &root);
            }
            LidxRmiLeaf *leaves = mem_new_array(scratch, LidxRmiLeaf, L + 1);
            double cost = rmi_fit_leaves(scratch, keys, n, &root, tab, L, leaves);
            /* A smaller model is preferred unless a larger one saves a third
             * of a search step: it is cheaper to keep in cache. The linear
             * root is tried first, so the radix table must earn its bytes. */
            if (!best || cost < best_cost - 0.33) {
                best = leaves; best_cost = cost; best_L = L; best_root = root; best_tab = tab;
            }
        }
    }

    size_t tab_bytes = best_tab ? sizeof(double) * (best_root.nbuckets + 1) : 0;
    size_t head = sizeof(LidxHeader) + sizeof(LidxRmiRoot) + tab_bytes;
    size_t total = head + sizeof(LidxRmiLeaf) * (best_L + 1);
    uint8_t *img = mem_zalloc(ctx, total);
    lidx_header_fill((LidxHeader *)img, LIDX_RMI, total, keys, n, best_L, 0);
    memcpy(img + sizeof(LidxHeader), &best_root, sizeof best_root);
    if (best_tab) memcpy(img + sizeof(LidxHeader) + sizeof(LidxRmiRoot), best_tab, tab_bytes);
    memcpy(img + head, best, sizeof(LidxRmiLeaf) * (best_L + 1));
    mem_ctx_delete(scratch);
    *image = img;
    *len = total;
    (void)err;
    return 0;
}

void lidx_rmi_window(const LidxIndex *ix, uint64_t key, size_t *lo, size_t *hi)
{
    size_t j = lidx_rmi_route(ix->root, ix->rtab, ix->nleaves, key);
    const LidxRmiLeaf *lf = &ix->leaves[j];
    uint64_t start = lf->start, end = lf[1].start;
    uint64_t p = lidx_predict(lf->key0, lf->slope, lf->icpt, key, (double)start, (double)end);
    *lo = p - start > lf->err ? p - lf->err : start;
    *hi = end - p > lf->err ? p + lf->err : end;
}
