/*
 * main.c — learned-index benchmark (issue 4; not a test). For each key
 * distribution: the same sorted keys and the same random probe sequence —
 * hits, misses and 100-key range scans, in random order — against our RMI,
 * our PGM, binary search over the array, a cache-conscious B+tree and LMDB.
 * Single thread; every figure is the median of --runs passes (default 3).
 *
 *   learned_bench --keys N [--dist NAME|all] [--probes M] [--runs R] [--seed S] [--dir D]
 *                 [--huge 0|1]   (1, the default: keys, B+tree and index images on
 *                                 transparent huge pages; hugemem.h)
 *
 * Prints a table per distribution and one line per structure:
 *   csv,<dist>,<keys>,<structure>,<ns_per_hit_lookup>,<build_ms>,<index_bytes>
 * and, for the docs, the miss and range figures:
 *   csvx,<dist>,<keys>,<structure>,<ns_hit>,<ns_miss>,<ns_range100>,<build_ms>,<index_bytes>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "btree.h"
#include "gen.h"
#include "hugemem.h"
#include "index/lidx.h"
#include "lmdb_store.h"

enum { S_RMI, S_PGM, S_BSEARCH, S_BTREE, S_LMDB, S_N };
static const char *const snames[S_N] = { "rmi", "pgm", "bsearch", "btree", "lmdb" };
#define RANGE_LEN 100

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_d);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static size_t bsearch_lb(const uint64_t *k, size_t n, uint64_t q)
{
    size_t lo = 0, len = n;
    while (len > 0) { /* the textbook loop: what "binary search" means in SOSD */
        size_t half = len / 2;
        if (k[lo + half] < q) { lo += half + 1; len -= half + 1; } else len = half;
    }
    return lo;
}

/* Experiment knobs (--rmi-leaves, --rmi-root 1|2|3, --pgm-eps, --only):
 * zero/all by default (see LidxOptions). */
static uint32_t opt_rmi_leaves, opt_pgm_eps, opt_rmi_root;
static unsigned opt_mask = (1u << S_N) - 1;

typedef struct {
    const uint64_t *keys;
    size_t n;
    LidxIndex *rmi, *pgm;
    BenchBtree *bt;
    BenchLmdb *lm;
} Structs;

/* One probe kind (0 hit, 1 miss, 2 range) for one structure; returns a
 * checksum so the work cannot be optimized away and answers can be compared. */
static uint64_t run_probes(const Structs *s, int st, int kind, const uint64_t *q, size_t m)
{
    uint64_t sum = 0;
    const uint64_t *k = s->keys;
    size_t n = s->n, p;
    for (size_t i = 0; i < m; i++) {
        uint64_t key = q[i];
        if (st == S_LMDB) {
            if (kind == 2) sum += lm_range_sum(s->lm, key, RANGE_LEN);
            else { uint64_t v = lm_get(s->lm, key); sum += v == UINT64_MAX ? 1 : v; }
            continue;
        }
        if (st == S_BTREE) {
            if (kind == 2) sum += bt_range_sum(s->bt, key, RANGE_LEN);
            else { uint64_t v = bt_lookup(s->bt, key); sum += v == UINT64_MAX ? 1 : v; }
            continue;
        } else if (st == S_BSEARCH) {
            p = bsearch_lb(k, n, key);
        } else {
            p = lidx_lower_bound(st == S_RMI ? s->rmi : s->pgm, key);
        }
        if (kind == 2) {
            for (size_t j = p; j < p + RANGE_LEN && j < n; j++) sum += k[j];
        } else {
            sum += p < n && k[p] == key ? p : 1;
        }
    }
    return sum;
}

static void usage(void)
{
    fprintf(stderr, "usage: learned_bench --keys N [--dist seq|burst|tenant|zipf|lognormal|uniform|all]\n"
                    "                     [--probes M] [--runs R] [--seed S] [--dir TMPDIR] [--huge 0|1]\n");
    exit(2);
}

static void bench_dist(int d, size_t n, size_t m, int runs, uint64_t seed, const char *dir)
{
    const char *dn = gen_dist_names[d];
    double t0 = now_ms();
    uint64_t *keys = hm_alloc((n ? n : 1) * sizeof *keys);
    gen_keys(d, keys, n, seed + (uint64_t)d);
    fprintf(stderr, "[%s] %zu keys generated in %.0f ms\n", dn, n, now_ms() - t0);

    /* Probes: hits at uniformly random positions; misses random in the key
     * range (or anywhere) and absent; range starts at random keys. */
    uint64_t rs = seed * 31 + 7;
    size_t mr = m / 10 ? m / 10 : 1;
    uint64_t *hit = malloc(m * sizeof *hit), *miss = malloc(m * sizeof *miss), *rng = malloc(mr * sizeof *rng);
    for (size_t i = 0; i < m; i++) hit[i] = keys[gen_rand(&rs) % n];
    for (size_t i = 0; i < m; i++) {
        uint64_t span = keys[n - 1] - keys[0] + 1, q = 0;
        for (int t = 0; t < 64; t++) {
            q = t < 48 && span ? keys[0] + gen_rand(&rs) % span : gen_rand(&rs);
            size_t p = bsearch_lb(keys, n, q);
            if (p == n || keys[p] != q) break;
        }
        miss[i] = q;
    }
    for (size_t i = 0; i < mr; i++) rng[i] = keys[gen_rand(&rs) % n];

    Structs s = { keys, n, NULL, NULL, NULL, NULL };
    double build[S_N] = {0}, bt[5];
    size_t bytes[S_N] = {0};
    int nb = n <= 20000000 ? 3 : 1;
    MemCtx *ctx = mem_ctx_create(NULL, "bench");
    MemCtx *bc[2] = { NULL, NULL };
    OmError err = {0};
    for (int which = 0; which < 2; which++) {
        LidxOptions opt = { .kind = which == 0 ? LIDX_RMI : LIDX_PGM,
                            .rmi_leaves = opt_rmi_leaves, .pgm_eps = opt_pgm_eps,
                            .rmi_root = opt_rmi_root };
        for (int r = 0; r < nb; r++) {
            if (bc[which]) mem_ctx_delete(bc[which]);
            bc[which] = mem_ctx_create(ctx, "index");
            double b0 = now_ms();
            LidxIndex *ix;
            if (lidx_build(bc[which], keys, n, &opt, &ix, &err)) {
                fprintf(stderr, "build failed: %s\n", err.message);
                exit(1);
            }
            bt[r] = now_ms() - b0;
            if (which == 0) s.rmi = ix; else s.pgm = ix;
        }
        build[which] = median(bt, nb);
    }
    bytes[S_RMI] = lidx_size_bytes(s.rmi);
    bytes[S_PGM] = lidx_size_bytes(s.pgm);
    /* Serve lookups from a copy of each image opened in place, as a segment
     * would: in the same (huge-page) memory as the keys and the B+tree. */
    void *img_copy[2];
    size_t img_len[2];
    for (int which = 0; which < 2; which++) {
        const void *im = lidx_image(which == 0 ? s.rmi : s.pgm, &img_len[which]);
        img_copy[which] = hm_alloc(img_len[which]);
        memcpy(img_copy[which], im, img_len[which]);
        LidxIndex *ix;
        if (lidx_open(ctx, img_copy[which], img_len[which], keys, n, &ix, &err)) {
            fprintf(stderr, "open failed: %s\n", err.message);
            exit(1);
        }
        if (which == 0) s.rmi = ix; else s.pgm = ix;
        mem_ctx_delete(bc[which]);
    }
    if (opt_mask == (1u << S_N) - 1) {
        MemCtx *ac = mem_ctx_create(ctx, "auto");
        LidxIndex *ix;
        double b0 = now_ms();
        if (lidx_build(ac, keys, n, NULL, &ix, &err) == 0)
            printf("[%s] auto build chose %s in %.0f ms: %s\n", dn, lidx_kind_name(lidx_kind(ix)),
                   now_ms() - b0, lidx_describe(ix));
        mem_ctx_delete(ac);
    }
    printf("[%s] rmi: %s\n[%s] pgm: %s\n", dn, lidx_describe(s.rmi), dn, lidx_describe(s.pgm));
    for (int r = 0; r < nb && (opt_mask & 1u << S_BTREE); r++) {
        if (s.bt) bt_free(s.bt);
        double b0 = now_ms();
        s.bt = bt_build(keys, n);
        bt[r] = now_ms() - b0;
    }
    build[S_BTREE] = median(bt, nb);
    bytes[S_BTREE] = s.bt ? bt_bytes(s.bt) : 0;
    char path[600];
    snprintf(path, sizeof path, "%s/learned-bench-%d-%s", dir, (int)getpid(), dn);
    double b0 = now_ms();
    s.lm = opt_mask & 1u << S_LMDB ? lm_build(path, keys, n) : NULL;
    build[S_LMDB] = now_ms() - b0;
    bytes[S_LMDB] = s.lm ? lm_bytes(s.lm) : 0;

    /* Runs interleave the structures so background noise hits all alike. */
    double ns[S_N][3][9];
    uint64_t check[S_N][3];
    const uint64_t *pq[3] = { hit, miss, rng };
    size_t pm[3] = { m, m, mr };
    for (int r = 0; r < runs; r++)
        for (int st = 0; st < S_N; st++)
            for (int kind = 0; kind < 3 && (opt_mask & 1u << st); kind++) {
                double a = now_ms();
                check[st][kind] = run_probes(&s, st, kind, pq[kind], pm[kind]);
                ns[st][kind][r] = (now_ms() - a) * 1e6 / (double)pm[kind];
            }
    for (int st = 1; st < S_N; st++)
        for (int kind = 0; kind < 2; kind++)
            if ((opt_mask & 1u << st) && check[st][kind] != check[0][kind])
                fprintf(stderr, "[%s] WARNING: %s disagrees with rmi on %s\n", dn, snames[st],
                        kind ? "misses" : "hits");

    double med[S_N][3];
    for (int st = 0; st < S_N; st++)
        for (int kind = 0; kind < 3; kind++)
            med[st][kind] = opt_mask & 1u << st ? median(ns[st][kind], runs) : 0.0 / 0.0;
    printf("\n%s, %zu keys, %zu probes, median of %d runs\n", dn, n, m, runs);
    printf("%-8s %9s %9s %11s %10s %14s %8s %8s %8s\n", "struct", "hit ns", "miss ns", "range100 ns",
           "build ms", "bytes", "xlmdb", "xbtree", "xbsearch");
    for (int st = 0; st < S_N; st++)
        if (opt_mask & 1u << st)
        printf("%-8s %9.1f %9.1f %11.1f %10.1f %14zu %8.2f %8.2f %8.2f\n", snames[st], med[st][0],
               med[st][1], med[st][2], build[st], bytes[st], med[S_LMDB][0] / med[st][0],
               med[S_BTREE][0] / med[st][0], med[S_BSEARCH][0] / med[st][0]);
    for (int st = 0; st < S_N; st++)
        if (opt_mask & 1u << st)
        printf("csv,%s,%zu,%s,%.1f,%.1f,%zu\n", dn, n, snames[st], med[st][0], build[st], bytes[st]);
    for (int st = 0; st < S_N; st++)
        if (opt_mask & 1u << st)
        printf("csvx,%s,%zu,%s,%.1f,%.1f,%.1f,%.1f,%zu\n", dn, n, snames[st], med[st][0], med[st][1],
               med[st][2], build[st], bytes[st]);
    fflush(stdout);

    fprintf(stderr, "[%s] huge pages: keys %ld of %zu bytes, rmi image %ld of %zu\n", dn,
            hm_huge_bytes(keys, n * sizeof *keys), n * sizeof *keys,
            hm_huge_bytes(img_copy[0], img_len[0]), img_len[0]);
    if (s.lm) lm_close(s.lm);
    if (s.bt) bt_free(s.bt);
    hm_free(img_copy[0], img_len[0]);
    hm_free(img_copy[1], img_len[1]);
    mem_ctx_delete(ctx);
    hm_free(keys, (n ? n : 1) * sizeof *keys);
    free(hit); free(miss); free(rng);
}

int main(int argc, char **argv)
{
    size_t n = 0, m = 1000000;
    int runs = 3, dist = -2;
    uint64_t seed = 42;
    const char *dir = "/tmp";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) usage();
        if (!strcmp(a, "--keys")) n = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--probes")) m = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--runs")) runs = atoi(v);
        else if (!strcmp(a, "--seed")) seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--dir")) dir = v;
        else if (!strcmp(a, "--huge")) hm_huge = atoi(v) != 0;
        else if (!strcmp(a, "--rmi-leaves")) opt_rmi_leaves = (uint32_t)strtoul(v, NULL, 10);
        else if (!strcmp(a, "--rmi-root")) opt_rmi_root = (uint32_t)strtoul(v, NULL, 10);
        else if (!strcmp(a, "--pgm-eps")) opt_pgm_eps = (uint32_t)strtoul(v, NULL, 10);
        else if (!strcmp(a, "--only")) {
            opt_mask = 1u << S_RMI; /* rmi is the reference the others are checked against */
            for (int st = 1; st < S_N; st++)
                if (strstr(v, snames[st])) opt_mask |= 1u << st;
        }
        else if (!strcmp(a, "--dist")) {
            dist = strcmp(v, "all") ? gen_dist_find(v) : -2;
            if (dist == -1) usage();
        } else usage();
        i++;
    }
    if (n == 0 || m == 0 || runs < 1 || runs > 9) usage();
    for (int d = 0; d < GEN_NDIST; d++)
        if (dist == -2 || dist == d) bench_dist(d, n, m, runs, seed, dir);
    return 0;
}
