/*
 * lidx_pgm.c — the PGM-index (Ferragina and Vinciguerra, VLDB 2020): the
 * training points are cut into optimal eps-segments (lidx_pla.c); the first
 * keys of those segments are segmented again with a small eps, and so on
 * until one segment remains. A lookup walks the levels top-down, each step a
 * search of a few segment keys around the predicted index, then a search of
 * at most 2*err+1 keys of the array. From LIDX_PGM_TOP_MIN segments on, a
 * radix table over level 0's keys (LidxPgmTop) replaces the walk: one table
 * read and a search of the few segments of the key's bucket.
 *
 * The eps asked for bounds the line's distance before rounding; the error
 * stored per level is measured after rounding with the very arithmetic a
 * lookup uses, so the stored bound is exact.
 *
 * Interface: lidx_pgm_build (write an image), lidx_pgm_window (predict).
 */
#include <math.h>
#include <string.h>

#include "index/lidx_pla.h"

#define PGM_EPS_REC 4 /* upper levels: few keys per segment search */

static bool points_next(void *st, uint64_t *x, uint64_t *y)
{
    return lidx_points_next((LidxPoints *)st, x, y);
}

typedef struct { const LidxPgmSeg *segs; size_t n, i; } SegPoints;

static bool segs_next(void *st, uint64_t *x, uint64_t *y)
{
    SegPoints *s = st;
    if (s->i >= s->n) return false;
    *x = s->segs[s->i].key;
    *y = s->i;
    s->i++;
    return true;
}

/* Prediction of segment s (s[1] is the next segment or the sentinel), within
 * [0, top] and not past where the next segment starts. */
static inline uint64_t seg_predict(const LidxPgmSeg *s, uint64_t key, uint64_t top)
{
    double hi = s[1].icpt;
    if (!(hi >= 0.0)) hi = 0.0;
    if (hi > (double)top) hi = (double)top;
    return lidx_predict(s->key, s->slope, s->icpt, key, 0.0, hi);
}

/* Largest error of a level over its points; segs has count + 1 entries. */
static uint64_t level_error(const LidxPgmSeg *segs, size_t count, uint64_t top, LidxPointFn next,
                            void *st)
{
    uint64_t x, y, e = 0;
    size_t s = 0;
    while (next(st, &x, &y)) {
        while (s + 1 < count && segs[s + 1].key <= x) s++;
        uint64_t p = seg_predict(&segs[s], x, top);
        uint64_t d = p > y ? p - y : y - p;
        if (d > e) e = d;
    }
    return e;
}

/* The radix top over level 0's count segment keys (LidxPgmTop): a table of
 * at most count buckets, plain or log-spread, whichever leaves the shorter
 * searches (mean log2 of the run a segment's bucket holds). One bucket per
 * four segments would keep seq's PGM under 1% of a packed B+tree (1.07%
 * now) but cost 100M zipf 290 -> 358 ns; AUTO weighs the size instead. */
static uint32_t *pgm_top(MemCtx *scratch, const LidxPgmSeg *segs, size_t count, LidxPgmTop *out)
{
    uint64_t key0 = segs[0].key, xmax = segs[count - 1].key - key0;
    uint32_t *best = NULL;
    double best_cost = 0.0;
    for (int plain = 0; plain < 2; plain++) {
        unsigned bits, shift;
        uint64_t nb = lidx_radix_params(xmax, count, plain, &bits, &shift);
        uint32_t *tab = mem_new_array(scratch, uint32_t, nb + 1);
        uint64_t filled = 0;
        double frac;
        for (size_t i = 0; i < count; i++) {
            uint64_t b = lidx_radix_bucket(segs[i].key - key0, bits, shift, &frac);
            while (filled <= b && filled < nb) tab[filled++] = (uint32_t)i;
        }
        while (filled <= nb) tab[filled++] = (uint32_t)count;
        double cost = 0.0;
        for (uint64_t b = 0; b < nb; b++) {
            double c = (double)(tab[b + 1] - tab[b]);
            cost += c * log2(c + 2.0);
        }
        if (!best || cost < best_cost) {
            best = tab;
            best_cost = cost;
            *out = (LidxPgmTop){ key0, bits, shift, nb };
        }
    }
    return best;
}

int lidx_pgm_build(MemCtx *ctx, const uint64_t *keys, size_t n, uint32_t eps,
                   uint8_t **image, size_t *len, OmError *err)
{
    MemCtx *scratch = mem_ctx_create(ctx, "lidx pgm build");
    LidxPgmSeg *segs[LIDX_MAX_LEVELS];
    LidxPgmLevel lv[LIDX_MAX_LEVELS];
    size_t nlv = 0;
    memset(lv, 0, sizeof lv);

    for (;;) {
        size_t count;
        uint64_t top;
        if (nlv == 0) {
            LidxPoints it;
            lidx_points_init(&it, keys, n);
            count = lidx_pla_segment(scratch, eps, points_next, &it, &segs[0]);
            top = n;
        } else {
            SegPoints sp = { segs[nlv - 1], lv[nlv - 1].count, 0 };
            count = lidx_pla_segment(scratch, PGM_EPS_REC, segs_next, &sp, &segs[nlv]);
            top = lv[nlv - 1].count - 1;
        }
        if (count == 0) { /* no keys: one flat segment predicting 0 */
            segs[nlv][0] = (LidxPgmSeg){ 0, 0.0, 0.0 };
            count = 1;
        }
        segs[nlv][count] = (LidxPgmSeg){ UINT64_MAX, 0.0, (double)top };
        lv[nlv].count = count;
        if (nlv == 0) {
            LidxPoints it;
            lidx_points_init(&it, keys, n);
            lv[0].err = level_error(segs[0], count, top, points_next, &it);
        } else {
            SegPoints sp = { segs[nlv - 1], lv[nlv - 1].count, 0 };
            lv[nlv].err = level_error(segs[nlv], count, top, segs_next, &sp);
        }
        nlv++;
        if (count == 1) break;
        if (nlv == LIDX_MAX_LEVELS) {
            mem_ctx_delete(scratch);
            return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "learned index has too many levels");
        }
    }

    size_t total = sizeof(LidxHeader) + nlv * sizeof(LidxPgmLevel);
    for (size_t l = 0; l < nlv; l++) {
        lv[l].offset = total;
        total += (lv[l].count + 1) * sizeof(LidxPgmSeg);
    }
    LidxPgmTop top = {0};
    uint32_t *tab = NULL;
    size_t top_at = total;
    if (lv[0].count >= LIDX_PGM_TOP_MIN && lv[0].count < UINT32_MAX) {
        tab = pgm_top(scratch, segs[0], lv[0].count, &top);
        total += sizeof top + ((top.nbuckets + 1) * sizeof *tab + 7) / 8 * 8;
    }
    uint8_t *img = mem_zalloc(ctx, total);
    lidx_header_fill((LidxHeader *)img, LIDX_PGM, total, keys, n, nlv, eps);
    memcpy(img + sizeof(LidxHeader), lv, nlv * sizeof(LidxPgmLevel));
    for (size_t l = 0; l < nlv; l++)
        memcpy(img + lv[l].offset, segs[l], (lv[l].count + 1) * sizeof(LidxPgmSeg));
    if (tab) {
        memcpy(img + top_at, &top, sizeof top);
        memcpy(img + top_at + sizeof top, tab, (top.nbuckets + 1) * sizeof *tab);
    }
    mem_ctx_delete(scratch);
    *image = img;
    *len = total;
    return 0;
}

/* First i in [lo, hi) with segs[i].key > key, or hi: branch-free halving,
 * as lidx_search. */
static inline size_t seg_upper(const LidxPgmSeg *segs, size_t lo, size_t hi, uint64_t key)
{
    size_t len = hi - lo;
    if (len == 0) return lo;
    const LidxPgmSeg *b = segs + lo;
    while (len > 1) {
        size_t half = len / 2;
        size_t take = -(size_t)(b[half - 1].key <= key); /* a mask: see lidx_search */
        b += half & take;
        len -= half;
    }
    return (size_t)(b - segs) + (b->key <= key);
}

/* Level 0's segment for key through the radix top. A forged table can only
 * pick a wrong segment inside level 0 (the window check of the lookup then
 * falls back), never an index outside it: open validated tab. */
static inline size_t top_segment(const LidxIndex *ix, uint64_t key)
{
    const LidxPgmTop *t = ix->ptop;
    double frac;
    uint64_t b = lidx_radix_bucket(key > t->key0 ? key - t->key0 : 0, t->bits, t->shift, &frac);
    if (b >= t->nbuckets) b = t->nbuckets - 1;
    size_t a = ix->ptab[b], e = ix->ptab[b + 1];
    a = a ? a - 1 : 0;
    size_t ub = seg_upper(ix->segs[0], a, e, key);
    return ub ? ub - 1 : 0;
}

void lidx_pgm_window(const LidxIndex *ix, uint64_t key, size_t *lo, size_t *hi)
{
    size_t idx = 0;
    for (size_t l = ix->ptop ? 0 : ix->nlevels - 1; l > 0; l--) {
        const LidxPgmSeg *down = ix->segs[l - 1];
        size_t cnt = ix->levels[l - 1].count;
        uint64_t e = ix->levels[l].err;
        uint64_t p = seg_predict(&ix->segs[l][idx], key, cnt - 1);
        size_t a = p > e ? p - e : 0;
        size_t b = cnt - p > e + 1 ? p + e + 1 : cnt;
        size_t ub = seg_upper(down, a, b, key);
        /* Outside the promised window: only a damaged model gets here. */
        if ((ub == a && a > 0 && down[a - 1].key > key) || (ub == b && b < cnt && down[b].key <= key))
            ub = seg_upper(down, 0, cnt, key);
        idx = ub ? ub - 1 : 0;
    }
    if (ix->ptop) idx = top_segment(ix, key);
    const LidxPgmSeg *s = &ix->segs[0][idx];
    uint64_t e = ix->levels[0].err, n = ix->n;
    uint64_t p = seg_predict(s, key, n);
    *lo = p > e ? p - e : 0;
    *hi = n - p > e ? p + e : n;
}
