/*
 * lidx.c — the learned index interface: build (with the measured choice
 * between RMI and PGM), exact lookups through the model's window, and the
 * composite-key layer over 64-bit prefixes.
 *
 * A built index is sealed and then opened through lidx_open like any image
 * read from disk, so a fresh build and a reopened file run the same code and
 * the build's own output passes the same validation.
 *
 * Interface: lidx.h.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "index/lidx_int.h"

const char *lidx_kind_name(LidxKind kind)
{
    switch (kind) {
    case LIDX_RMI: return "rmi";
    case LIDX_PGM: return "pgm";
    default: return "auto";
    }
}

static int build_kind(MemCtx *ctx, const uint64_t *keys, size_t n, LidxKind kind,
                      const LidxOptions *opt, LidxIndex **out, OmError *err)
{
    uint8_t *img;
    size_t len;
    int rc = kind == LIDX_RMI
        ? lidx_rmi_build(ctx, keys, n, opt, &img, &len, err)
        : lidx_pgm_build(ctx, keys, n, opt->pgm_eps ? opt->pgm_eps : 32, &img, &len, err);
    if (rc) return -1;
    lidx_image_seal(img, len);
    return lidx_open(ctx, img, len, keys, n, out, err);
}

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

uint64_t *lidx_sample_probes(MemCtx *ctx, const uint64_t *keys, size_t n, size_t count)
{
    uint64_t *probe = mem_new_array(ctx, uint64_t, count ? count : 1);
    for (size_t i = 0; i < count; i++)
        probe[i] = n ? keys[(size_t)((i * 0x9E3779B97F4A7C15ull) >> 11) % n] : 0;
    return probe;
}

/* Three rounds; in each, every index runs one pass over a slice of the
 * sample no other pass uses (a repeated slice would find the lines it just
 * touched in cache and flatter a large model), and the indexes take turns,
 * so a burst of a neighbour's memory traffic hits them alike rather than
 * whichever was being timed (one after the other, a 47x worse model once won
 * a build on this 2-core machine). out[i]: median ns per pass. */
void lidx_time_many(const LidxIndex *const *ix, size_t k, const uint64_t *probe, size_t m,
                    double *out)
{
    volatile size_t sink = 0;
    double t[LIDX_TIME_MAX][3];
    for (int r = 0; r < 3; r++)
        for (size_t c = 0; c < k; c++) {
            const uint64_t *p = probe + ((size_t)r * k + c) * m;
            double t0 = now_ns();
            size_t s = 0;
            for (size_t i = 0; i < m; i++) s += lidx_lower_bound(ix[c], p[i]);
            t[c][r] = now_ns() - t0;
            sink += s;
        }
    (void)sink;
    for (size_t c = 0; c < k; c++) {
        double lo = t[c][0] < t[c][1] ? t[c][0] : t[c][1], hi = t[c][0] < t[c][1] ? t[c][1] : t[c][0];
        out[c] = t[c][2] < lo ? lo : t[c][2] > hi ? hi : t[c][2];
    }
}

int lidx_build(MemCtx *ctx, const uint64_t *keys, size_t n, const LidxOptions *opt,
               LidxIndex **out, OmError *err)
{
    LidxOptions def = {0};
    if (!opt) opt = &def;
    *out = NULL;
    for (size_t i = 1; i < n; i++)
        if (keys[i] < keys[i - 1]) {
            err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "learned index keys are not sorted");
            err_detail(err, "key %zu is smaller than key %zu", i, i - 1);
            return -1;
        }
    if (opt->rmi_root > 3)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "unknown learned index RMI root %u",
                       (unsigned)opt->rmi_root);
    if (opt->kind == LIDX_RMI || opt->kind == LIDX_PGM)
        return build_kind(ctx, keys, n, opt->kind, opt, out, err);
    if (opt->kind != LIDX_AUTO)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "unknown learned index kind %d",
                       (int)opt->kind);

    if ((uint64_t)n >> LIDX_LEAF_START_BITS) /* beyond the RMI's positions */
        return build_kind(ctx, keys, n, LIDX_PGM, opt, out, err);
    /* AUTO: both models, each in its own context so the loser is freed. */
    MemCtx *cr = mem_ctx_create(ctx, "lidx rmi"), *cp = mem_ctx_create(ctx, "lidx pgm");
    LidxIndex *rmi, *pgm;
    if (build_kind(cr, keys, n, LIDX_RMI, opt, &rmi, err) ||
        build_kind(cp, keys, n, LIDX_PGM, opt, &pgm, err)) {
        mem_ctx_delete(cr);
        mem_ctx_delete(cp);
        return -1;
    }
    /* Scattered probes, so neither model profits from a warm path. */
    size_t m = opt->sample ? opt->sample : 32768;
    MemCtx *tmp = mem_ctx_create(ctx, "lidx sample");
    uint64_t *probe = lidx_sample_probes(tmp, keys, n, 6 * m);
    const LidxIndex *both[2] = { rmi, pgm };
    double tt[2];
    lidx_time_many(both, 2, probe, m, tt);
    double tr = tt[0], tp = tt[1];
    mem_ctx_delete(tmp);
    bool take_rmi = lidx_auto_takes_rmi(n, rmi->image_len, pgm->image_len, tr, tp);
    LidxIndex *win = take_rmi ? rmi : pgm;
    /* Re-home the winner: copy its image into ctx and open it there. */
    uint8_t *img = mem_alloc(ctx, win->image_len);
    memcpy(img, win->image, win->image_len);
    int rc = lidx_open(ctx, img, win->image_len, keys, n, out, err);
    if (rc == 0) {
        size_t l = strlen((*out)->desc);
        snprintf((*out)->desc + l, sizeof (*out)->desc - l, " (auto: rmi %.0f ns, pgm %.0f ns)",
                 m ? tr / (double)m : 0.0, m ? tp / (double)m : 0.0);
    }
    mem_ctx_delete(cr);
    mem_ctx_delete(cp);
    return rc;
}

const void *lidx_image(const LidxIndex *ix, size_t *len)
{
    *len = ix->image_len;
    return ix->image;
}

size_t lidx_size_bytes(const LidxIndex *ix) { return ix->image_len; }
size_t lidx_nkeys(const LidxIndex *ix) { return ix->n; }
LidxKind lidx_kind(const LidxIndex *ix) { return ix->kind; }
const char *lidx_describe(const LidxIndex *ix) { return ix->desc; }

void lidx_window(const LidxIndex *ix, uint64_t key, size_t *lo, size_t *hi)
{
    if (ix->kind == LIDX_RMI) lidx_rmi_window(ix, key, lo, hi);
    else lidx_pgm_window(ix, key, lo, hi);
}

size_t lidx_lower_bound(const LidxIndex *ix, uint64_t key)
{
    size_t lo, hi;
    lidx_window(ix, key, &lo, &hi);
    const uint64_t *k = ix->keys;
    size_t r = lidx_search(k, lo, hi, key);
    /* The answer is proven only if the window's neighbours agree; the stored
     * bounds make this always so, and a damaged model merely costs time. */
    if ((r == lo && lo > 0 && k[lo - 1] >= key) || (r == hi && hi < ix->n && k[hi] < key))
        r = lidx_search(k, 0, ix->n, key);
    return r;
}

bool lidx_lookup(const LidxIndex *ix, uint64_t key, size_t *pos)
{
    size_t r = lidx_lower_bound(ix, key);
    if (r < ix->n && ix->keys[r] == key) {
        *pos = r;
        return true;
    }
    return false;
}

uint64_t lidx_prefix_bytes(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint64_t v = 0;
    for (size_t i = 0; i < 8; i++) v = v << 8 | (i < len ? b[i] : 0);
    return v;
}

size_t lidx_lower_bound_cmp(const LidxIndex *ix, uint64_t prefix, LidxCmpFn cmp, void *arg)
{
    size_t a = lidx_lower_bound(ix, prefix);
    size_t b = prefix == UINT64_MAX ? ix->n : lidx_lower_bound(ix, prefix + 1);
    /* [a, b) holds the keys sharing the prefix: search them by full key. */
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (cmp(arg, mid) < 0) a = mid + 1; else b = mid;
    }
    return a;
}

bool lidx_lookup_cmp(const LidxIndex *ix, uint64_t prefix, LidxCmpFn cmp, void *arg, size_t *pos)
{
    size_t r = lidx_lower_bound_cmp(ix, prefix, cmp, arg);
    if (r < ix->n && ix->keys[r] == prefix && cmp(arg, r) == 0) {
        *pos = r;
        return true;
    }
    return false;
}
