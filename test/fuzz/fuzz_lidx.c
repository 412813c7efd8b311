/*
 * fuzz_lidx.c — lidx_open (src/index/lidx_layout.c), the reader of learned
 * index images: they come from disk beside a segment, so they are untrusted
 * bytes. The promise under test: a damaged, truncated or forged image is
 * refused with XX001, and one that passes validation may cost time but never
 * gives a wrong answer or reads outside the keys or the image.
 *
 * Input: one flag byte, then the image.
 *   bits 0-2  which fixed key array the image is opened over (below)
 *   bit 3     reseal: recompute the CRC32C, so the fuzzer reaches the
 *             checks behind it (without it nearly every mutation stops there)
 *   bit 4     set the header's key fields (nkeys, first, last) to the array's
 *   bit 5     set the header's total length to the input's
 * The image is copied into a buffer of exactly its size (8-byte aligned, as
 * lidx_open requires; a misaligned one must be refused, tried too).
 *
 * Checked when the image opens: for every key k of the array and k - 1,
 * k + 1, 0, UINT64_MAX and values read from the input, lidx_lower_bound
 * equals a plain binary search and lidx_lookup agrees with it; the window a
 * lookup searches lies inside [0, n]. When it is refused: the error is XX001.
 *
 * Seeds: built with LIDX_SEEDS_MAIN defined, this file is a program that
 * writes valid images of every model kind over every key array
 * (`make fuzz-lidx-seeds`; test/fuzz/README.md).
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "index/lidx.h"

#define NSETS 8
#define HDR_LEN 64

static uint64_t *sets[NSETS];
static size_t set_n[NSETS];
static MemCtx *root;

static uint64_t rnd(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The key arrays: none, one, ids with jumps, lognormal-like, heavy
 * duplicates, the edges of the domain, uniform 64-bit, one at UINT64_MAX. */
static void init(void)
{
    static const size_t sizes[NSETS] = { 0, 1, 700, 700, 700, 300, 3000, 1 };
    uint64_t s = 0x243F6A8885A308D3ull;
    root = mem_ctx_create(NULL, "fuzz lidx");
    for (int d = 0; d < NSETS; d++) {
        size_t n = sizes[d];
        uint64_t *k = mem_alloc(root, (n ? n : 1) * sizeof *k);
        uint64_t v = 1000;
        for (size_t i = 0; i < n; i++) {
            switch (d) {
            case 1: k[i] = 42; break;
            case 2: k[i] = v; v += rnd(&s) % 50 == 0 ? 2 + rnd(&s) % 1000 : 1; break;
            case 3: {
                double u = ((double)(rnd(&s) >> 11) + 0.5) / 9007199254740992.0;
                k[i] = (uint64_t)(exp(6.0 * u * u) * 1e6);
                break;
            }
            case 4: k[i] = rnd(&s) % 40; break;
            case 5: k[i] = i < 150 ? i : UINT64_MAX - (i - 150); break;
            case 6: k[i] = rnd(&s); break;
            default: k[i] = UINT64_MAX; break;
            }
        }
        qsort(k, n, sizeof *k, cmp_u64);
        sets[d] = k;
        set_n[d] = n;
    }
}

static size_t plain_lb(const uint64_t *k, size_t n, uint64_t q)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k[mid] < q) lo = mid + 1; else hi = mid;
    }
    return lo;
}

static void check_probe(const LidxIndex *ix, const uint64_t *k, size_t n, uint64_t q)
{
    size_t lo, hi;
    lidx_window(ix, q, &lo, &hi);
    FUZZ_CHECK(lo <= hi && hi <= n, "window [%zu, %zu] outside [0, %zu]", lo, hi, n);
    size_t want = plain_lb(k, n, q), got = lidx_lower_bound(ix, q);
    FUZZ_CHECK(got == want, "lower_bound(%llu) = %zu, binary search says %zu",
               (unsigned long long)q, got, want);
    size_t pos = 0;
    bool found = lidx_lookup(ix, q, &pos);
    FUZZ_CHECK(found == (want < n && k[want] == q) && (!found || pos == want),
               "lookup(%llu) disagrees with lower_bound", (unsigned long long)q);
}

static void put_u64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!root) init();
    if (size < 1) return 0;
    uint8_t flags = data[0];
    int d = flags & 7;
    const uint64_t *k = sets[d];
    size_t n = set_n[d], len = size - 1;
    uint8_t *buf = malloc(len ? len : 1); /* exactly the image: ASan sees overreads */
    memcpy(buf, data + 1, len);
    if (len >= HDR_LEN && (flags & 0x10)) {
        put_u64(buf + 24, n);
        put_u64(buf + 32, n ? k[0] : 0);
        put_u64(buf + 40, n ? k[n - 1] : 0);
    }
    if (len >= HDR_LEN && (flags & 0x20)) put_u64(buf + 16, len);
    if (len >= 12 && (flags & 0x08)) {
        uint32_t c = lidx_crc32c(0, buf, 8);
        c = lidx_crc32c(c, "\0\0\0\0", 4);
        c = lidx_crc32c(c, buf + 12, len - 12);
        memcpy(buf + 8, &c, 4);
    }

    MemCtx *ctx = mem_ctx_create(root, "fuzz lidx input");
    LidxIndex *ix = NULL;
    OmError err = {0};
    if (lidx_open(ctx, buf, len, k, n, &ix, &err) == 0) {
        for (size_t i = 0; i < n; i++) {
            check_probe(ix, k, n, k[i]);
            check_probe(ix, k, n, k[i] + 1);
            check_probe(ix, k, n, k[i] - 1);
        }
        check_probe(ix, k, n, 0);
        check_probe(ix, k, n, UINT64_MAX);
        for (size_t i = 0; i + 8 <= len && i < 256; i += 8) {
            uint64_t q;
            memcpy(&q, buf + i, 8);
            check_probe(ix, k, n, q);
        }
        FUZZ_CHECK(lidx_nkeys(ix) == n, "opened over %zu keys, says %zu", n, lidx_nkeys(ix));
        FUZZ_CHECK(lidx_size_bytes(ix) == len, "image of %zu bytes, says %zu", len,
                   lidx_size_bytes(ix));
        FUZZ_CHECK(strlen(lidx_describe(ix)) > 0, "no description");
    } else {
        FUZZ_CHECK(strcmp(err.sqlstate, "XX001") == 0, "refused with %s, not XX001: %s",
                   err.sqlstate, err.message);
    }
    /* The same bytes one byte off an 8-byte boundary are always refused. */
    if (len > 0) {
        uint8_t *mis = malloc(len + 1);
        memcpy(mis + 1, buf, len);
        OmError e2 = {0};
        FUZZ_CHECK(lidx_open(ctx, mis + 1, len, k, n, &ix, &e2) == -1, "misaligned image opened");
        free(mis);
    }
    mem_ctx_delete(ctx);
    free(buf);
    return 0;
}

#ifdef LIDX_SEEDS_MAIN
/* Valid images of every kind over every key array: seed-<set>-<kind>. */
int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: lidx_seeds DIR\n");
        return 2;
    }
    init();
    static const LidxOptions kinds[] = {
        { .kind = LIDX_RMI, .rmi_root = 1 }, { .kind = LIDX_RMI, .rmi_root = 2 },
        { .kind = LIDX_RMI, .rmi_root = 3 }, { .kind = LIDX_RMI, .rmi_root = 1, .rmi_leaves = 3 },
        { .kind = LIDX_PGM, .pgm_eps = 4 },  { .kind = LIDX_PGM },
        { .kind = LIDX_PGM, .pgm_eps = 1 }, /* enough segments for a radix top */
    };
    for (int d = 0; d < NSETS; d++)
        for (size_t o = 0; o < sizeof kinds / sizeof kinds[0]; o++) {
            MemCtx *ctx = mem_ctx_create(root, "seed");
            LidxIndex *ix;
            OmError err = {0};
            if (lidx_build(ctx, sets[d], set_n[d], &kinds[o], &ix, &err)) {
                fprintf(stderr, "build failed: %s\n", err.message);
                return 1;
            }
            size_t len;
            const uint8_t *img = lidx_image(ix, &len);
            char path[512];
            snprintf(path, sizeof path, "%s/seed-%d-%zu", argv[1], d, o);
            FILE *f = fopen(path, "wb");
            uint8_t flag = (uint8_t)d;
            if (!f || fwrite(&flag, 1, 1, f) != 1 || fwrite(img, 1, len, f) != len || fclose(f)) {
                perror(path);
                return 1;
            }
            mem_ctx_delete(ctx);
        }
    return 0;
}
#endif
