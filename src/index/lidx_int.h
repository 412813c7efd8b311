/*
 * lidx_int.h — private to src/index/: the byte layout of an index image, the
 * handle, the training-point stream and the shared prediction arithmetic.
 *
 * Image layout (version 3; host byte order, refused on a host whose order
 * differs because the magic then reads wrong; every field 8-byte aligned):
 *   LidxHeader (64 bytes)
 *   RMI: LidxRmiRoot, then for a radix root double[nbuckets + 1] (the last
 *        is nleaves), then LidxRmiLeaf[nleaves + 1] (the last is a sentinel
 *        whose start is n)
 *   PGM: LidxPgmLevel[nlevels], then per level, bottom first,
 *        LidxPgmSeg[count + 1] (the last a sentinel whose icpt is the number
 *        of targets: n for level 0, the count of the level below otherwise),
 *        then optionally LidxPgmTop and uint32 tab[nbuckets + 1] (padded)
 * The CRC32C covers the whole image except the crc field itself.
 *
 * Training points. A model must place lower_bound(q) for absent q too, and
 * duplicates must map to their first position. So a key array is read as
 * points (x, y): for each distinct key k, (k, first position of k); when the
 * next distinct key k' > k + 1, also (k + 1, first position of k'); after the
 * largest key kmax < UINT64_MAX, (kmax + 1, n). Between two consecutive points
 * of one linear piece the prediction moves monotonically, so any q has its
 * lower_bound within the error measured on the points (README.md).
 */
#ifndef OM_LIDX_INT_H
#define OM_LIDX_INT_H

#include "index/lidx.h"

#define LIDX_MAGIC 0x58494c4fu /* "OLIX" read as a little-endian u32 */
#define LIDX_VERSION 3 /* 2: the RMI root may be a radix table; 3: 24-byte RMI leaves */
#define LIDX_MAX_LEVELS 40

typedef struct LidxHeader {
    uint32_t magic;
    uint16_t version;
    uint16_t kind;       /* LIDX_RMI or LIDX_PGM */
    uint32_t crc;        /* CRC32C of the image with this field as zeros */
    uint32_t header_len; /* sizeof(LidxHeader) */
    uint64_t total_len;  /* bytes of the whole image */
    uint64_t nkeys;
    uint64_t min_key;    /* keys[0], keys[n-1] (0 when n == 0): catch a */
    uint64_t max_key;    /* key array that is not the one indexed */
    uint64_t count;      /* RMI: leaves; PGM: levels */
    uint64_t param;      /* RMI: 0; PGM: the eps asked for */
} LidxHeader;

enum { LIDX_ROOT_LINEAR = 0, LIDX_ROOT_RADIX = 1 };
#define LIDX_RADIX_MAX_BITS 20

/* The root routes a key to a leaf, monotonically (a larger key never goes to
 * an earlier leaf: the leaf bounds rely on it). Linear: one line over the
 * whole key range (Kraska's root). Radix: x' = (key - key0) >> shift is cut
 * into float-like buckets — exact below 2^bits, above it the octave of x''s
 * top bit split into 2^bits equal parts. shift = 0 gives fine buckets to
 * log-spread keys (lognormal); a shift with x' < 2^bits is the plain radix
 * table over the top bits of key - min (zipf-like gaps). tab[b] is the leaf
 * (fractional) where bucket b starts, leaves being handed out in proportion
 * to the keys per bucket, and a key is routed by linear interpolation inside
 * its bucket: a linear spline through the CDF (RadixSpline-like, without the
 * spline search). */
typedef struct LidxRmiRoot {
    uint64_t key0;     /* smallest training x */
    double slope;      /* linear: leaf = slope * (key - key0) + icpt, clamped */
    double icpt;
    uint32_t type;     /* LIDX_ROOT_LINEAR or LIDX_ROOT_RADIX */
    uint32_t bits;     /* radix: mantissa bits, <= LIDX_RADIX_MAX_BITS */
    uint32_t shift;    /* radix: low bits of key - key0 dropped, <= 63 */
    uint32_t pad;
    uint64_t nbuckets; /* radix: buckets (tab has one more entry); linear: 0 */
} LidxRmiRoot;

/* A leaf is 24 bytes (version 3; 40 before): at the same bytes that is 1.7x
 * the leaves, and on keys with jumps (seq, burst) a leaf's error falls
 * faster than its width (mean 77 -> 33 positions at 256 -> 150 keys per
 * leaf on seq). Single-precision slope and intercept lose nothing that
 * matters: the intercept is relative to the leaf's start (a few hundred
 * positions at most for a useful leaf) and the error is measured with the
 * rounded values. key0 stays 64-bit: an offset from a global origin would
 * round away the low bits of dense keys above 2^53 (snowflake-style ids). */
#define LIDX_LEAF_START_BITS 40 /* positions < 2^40: the RMI's key limit */
#define LIDX_LEAF_ERR_SAT 0xFFFFFFu /* err field saturated: the whole leaf */
typedef struct LidxRmiLeaf {
    uint64_t key0; /* first training x routed here (offsets below it are 0) */
    float slope;   /* positions per key unit, >= 0 */
    float icpt;    /* prediction at key0, relative to start */
    uint64_t se;   /* start << 24 | err: the lower_bound of every key routed
                    * here is in [start, next start], within err of the
                    * prediction (max |prediction - y| over the leaf's points) */
} LidxRmiLeaf;

static inline uint64_t lidx_leaf_start(const LidxRmiLeaf *lf) { return lf->se >> 24; }
static inline uint64_t lidx_leaf_err(const LidxRmiLeaf *lf) { return lf->se & LIDX_LEAF_ERR_SAT; }

/* The leaf's prediction for key, clamped to [start, end] (defined below). */
static inline uint64_t lidx_leaf_predict(const LidxRmiLeaf *lf, uint64_t key);

typedef struct LidxPgmLevel {
    uint64_t count;  /* segments, sentinel excluded */
    uint64_t offset; /* byte offset of the segment array in the image */
    uint64_t err;    /* max |prediction - y| measured over the level's points */
    uint64_t pad;
} LidxPgmLevel;

/* PGM radix top (optional; after the last level's segments): a radix table
 * over level 0's segment keys routes a key straight to the few segments its
 * bucket holds, instead of walking the upper levels — each a dependent
 * search, together ~50 ns in cache at 10M keys. tab[b] is the number of
 * level-0 segments whose key lies below bucket b (tab[nb] = count), so the
 * segment holding a key of bucket b is in [tab[b] - 1, tab[b + 1] - 1]. */
typedef struct LidxPgmTop {
    uint64_t key0;     /* offsets are key - key0 (level 0's first key) */
    uint32_t bits;     /* as the RMI's radix root */
    uint32_t shift;
    uint64_t nbuckets; /* uint32 tab[nbuckets + 1] follows, padded to 8 bytes */
} LidxPgmTop;
#define LIDX_PGM_TOP_MIN 64 /* level-0 segments below which the walk is cheap */

typedef struct LidxPgmSeg {
    uint64_t key;   /* first x of the segment */
    double slope;
    double icpt;
} LidxPgmSeg;

struct LidxIndex {
    const uint8_t *image;
    size_t image_len;
    const uint64_t *keys;
    size_t n;
    LidxKind kind;
    /* RMI */
    const LidxRmiRoot *root;
    const double *rtab; /* radix root table (NULL for a linear root) */
    const LidxRmiLeaf *leaves;
    size_t nleaves;
    /* PGM */
    const LidxPgmLevel *levels;
    const LidxPgmSeg *segs[LIDX_MAX_LEVELS];
    size_t nlevels;
    const LidxPgmTop *ptop; /* NULL: walk the levels */
    const uint32_t *ptab;
    char desc[160];
};

/* ---- training points ---- */

typedef struct LidxPoints {
    const uint64_t *keys;
    size_t n;
    size_t i;        /* next key position to read */
    int pending;     /* 1: a gap point (gx, gy) is due before key i */
    uint64_t gx, gy;
} LidxPoints;

static inline void lidx_points_init(LidxPoints *it, const uint64_t *keys, size_t n)
{
    it->keys = keys; it->n = n; it->i = 0; it->pending = 0; it->gx = it->gy = 0;
}

/* Next point; false at the end. */
static inline bool lidx_points_next(LidxPoints *it, uint64_t *x, uint64_t *y)
{
    if (it->pending) {
        it->pending = 0;
        *x = it->gx; *y = it->gy;
        return true;
    }
    if (it->i >= it->n) return false;
    size_t i = it->i;
    uint64_t k = it->keys[i];
    size_t j = i + 1;
    while (j < it->n && it->keys[j] == k) j++;
    it->i = j;
    *x = k; *y = i;
    if (k != UINT64_MAX && (j == it->n || it->keys[j] > k + 1)) {
        it->pending = 1; it->gx = k + 1; it->gy = j;
    }
    return true;
}

/* ---- prediction: the only arithmetic used both to measure and to search ---- */

/* slope * (key - key0) + icpt, offsets below key0 counted as 0, clamped to
 * [lo, hi] before the cast so no out-of-range conversion can happen. */
static inline uint64_t lidx_predict(uint64_t key0, double slope, double icpt, uint64_t key,
                                    double lo, double hi)
{
    double off = key > key0 ? (double)(key - key0) : 0.0;
    double p = slope * off + icpt;
    p = p >= lo ? p : lo;     /* written so that a NaN would become lo */
    p = p <= hi ? p : hi;
    return (uint64_t)p;
}

/* The radix bucket of offset x and x's place inside it, in [0, 1]. */
static inline uint64_t lidx_radix_bucket(uint64_t x, unsigned bits, unsigned shift, double *frac)
{
    uint64_t xs = x >> shift, b;
    unsigned low; /* bits of x below the bucket number */
    if (xs < (1ull << bits)) {
        b = xs;
        low = shift;
    } else {
        unsigned sh = (unsigned)(63 - __builtin_clzll(xs)) - bits;
        b = ((uint64_t)(sh + 1) << bits) | ((xs >> sh) & ((1ull << bits) - 1));
        low = sh + shift; /* <= 63 - bits */
    }
    /* 2^-low built from its exponent bits: exact and without a division */
    union { uint64_t u; double d; } inv = { .u = (uint64_t)(1023 - low) << 52 };
    *frac = (double)(x & ((1ull << low) - 1)) * inv.d;
    return b;
}

/* Buckets needed to reach offset xmax; and the radix parameters within a
 * budget of buckets: plain (the top bits of the offset: shift as small as
 * the budget allows) or log-spread (shift 0, as many bits as fit). Returns
 * the bucket count (lidx_rmi.c; shared by the RMI root and the PGM top). */
uint64_t lidx_radix_nbuckets(uint64_t xmax, unsigned bits, unsigned shift);
uint64_t lidx_radix_params(uint64_t xmax, uint64_t budget, bool plain, unsigned *bits,
                           unsigned *shift);

static inline size_t lidx_rmi_route(const LidxRmiRoot *r, const double *tab, size_t nleaves,
                                    uint64_t key)
{
    if (r->type != LIDX_ROOT_RADIX)
        return (size_t)lidx_predict(r->key0, r->slope, r->icpt, key, 0.0, (double)(nleaves - 1));
    double frac;
    uint64_t b = lidx_radix_bucket(key > r->key0 ? key - r->key0 : 0, r->bits, r->shift, &frac);
    if (b >= r->nbuckets) { /* beyond the last key: the end of the last bucket */
        b = r->nbuckets - 1;
        frac = 1.0;
    }
    double lo = tab[b], hi = tab[b + 1];
    double p = lo + (hi - lo) * frac;
    p = p <= hi ? p : hi;     /* rounding must not pass the next bucket's start */
    double top = (double)(nleaves - 1);
    p = p >= 0.0 ? p : 0.0;
    p = p <= top ? p : top;
    return (size_t)p;
}

static inline uint64_t lidx_leaf_predict(const LidxRmiLeaf *lf, uint64_t key)
{
    uint64_t start = lidx_leaf_start(lf), end = lidx_leaf_start(lf + 1);
    return lidx_predict(lf->key0, (double)lf->slope, (double)start + (double)lf->icpt, key,
                        (double)start, (double)end);
}

/* ---- last mile ---- */

/* First i in [lo, hi) with keys[i] >= key, or hi: branch-free halving (the
 * compare becomes a mask, so no mispredictions in the window).
 * The window's cache lines are fetched first, in parallel: the halving
 * touches them one after another, each a dependent miss otherwise. Up to
 * 32 lines (a window of <= 256 keys: nearly all RMI and PGM windows) all are
 * prefetched — at 10M seq keys that took a lookup from 282 to 204-235 ns
 * against prefetching only windows of <= 4 lines (docs/learned-index.md);
 * a wider window gets its middle and quartiles, the first three probes of
 * the halving. */
static inline size_t lidx_search(const uint64_t *keys, size_t lo, size_t hi, uint64_t key)
{
    size_t len = hi - lo;
    if (len == 0) return lo;
    const uint64_t *b = keys + lo;
    if (len <= 256) {
        for (size_t i = 0; i < len; i += 8) __builtin_prefetch(b + i);
        __builtin_prefetch(b + len - 1);
    } else {
        __builtin_prefetch(b + len / 4);
        __builtin_prefetch(b + len / 2);
        __builtin_prefetch(b + len / 2 + len / 4);
    }
    while (len > 1) {
        size_t half = len / 2;
        /* a mask, not ?: — GCC compiled the ternary to a branch, which
         * mispredicts half the time on random probes */
        size_t take = -(size_t)(b[half - 1] < key);
        b += half & take;
        len -= half;
    }
    return (size_t)(b - keys) + (*b < key);
}

/* Build-side entry points (lidx_rmi.c, lidx_pgm.c): write a complete image
 * (header + body, crc not yet set) into ctx. */
int lidx_rmi_build(MemCtx *ctx, const uint64_t *keys, size_t n, const LidxOptions *opt,
                   uint8_t **image, size_t *len, OmError *err);
int lidx_pgm_build(MemCtx *ctx, const uint64_t *keys, size_t n, uint32_t eps,
                   uint8_t **image, size_t *len, OmError *err);
void lidx_header_fill(LidxHeader *h, LidxKind kind, size_t total, const uint64_t *keys,
                      size_t n, uint64_t count, uint64_t param);
/* Set the crc of a finished image (lidx_layout.c). */
void lidx_image_seal(uint8_t *image, size_t len);

/* Timing (lidx.c), for choices the cost of memory decides: count keys of
 * the array in a scattered order (a multiplicative hash of the probe
 * number); and k indexes (at most LIDX_TIME_MAX) timed in turns over
 * 3 * k disjoint slices of m probes (the sample holds 3 * k * m), the median
 * of each one's three passes in out[], in ns per pass. */
#define LIDX_TIME_MAX 12
uint64_t *lidx_sample_probes(MemCtx *ctx, const uint64_t *keys, size_t n, size_t count);
void lidx_time_many(const LidxIndex *const *ix, size_t k, const uint64_t *probe, size_t m,
                    double *out);

/* AUTO's choice between the two built models: one within the size budget
 * (1% of a packed B+tree's 16.5 bytes per key, plus 1 KB of headers) beats
 * one beyond it; otherwise the faster (ns per sample pass), ties to the
 * smaller image. */
static inline bool lidx_auto_takes_rmi(size_t n, size_t rmi_bytes, size_t pgm_bytes, double t_rmi,
                                       double t_pgm)
{
    double budget = 0.165 * (double)n + 1024.0;
    bool rmi_fits = (double)rmi_bytes <= budget, pgm_fits = (double)pgm_bytes <= budget;
    if (rmi_fits != pgm_fits) return rmi_fits;
    return t_rmi < t_pgm || (t_rmi == t_pgm && rmi_bytes <= pgm_bytes);
}

/* Per-kind lower_bound window and search (lidx_rmi.c, lidx_pgm.c). */
void lidx_rmi_window(const LidxIndex *ix, uint64_t key, size_t *lo, size_t *hi);
void lidx_pgm_window(const LidxIndex *ix, uint64_t key, size_t *lo, size_t *hi);

#endif
