/*
 * memlat.c — what one random memory access costs on this machine, the figure
 * that bounds every index in this bench: a dependent chain of loads through a
 * random cyclic permutation (latency) and the same number of independent
 * loads at random places (what out-of-order execution overlaps), over arrays
 * from 512 KB to 800 MB, on 2 MB huge pages or 4 KB pages.
 *
 *   memlat [--huge 0|1] [--loads M] [BYTES...]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen.h"
#include "hugemem.h"

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void measure(size_t bytes, size_t loads)
{
    size_t n = bytes / sizeof(uint64_t);
    if (n < 2) return;
    uint64_t *a = hm_alloc(n * sizeof *a);
    uint64_t s = 0x9E3779B97F4A7C15ull;
    /* Sattolo's shuffle: one cycle through every slot, so the chain never
     * settles in a small loop that would stay cached. */
    for (size_t i = 0; i < n; i++) a[i] = i;
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = gen_rand(&s) % i;
        uint64_t t = a[i]; a[i] = a[j]; a[j] = t;
    }
    uint64_t p = 0;
    for (size_t i = 0; i < n / 4; i++) p = a[p]; /* warm the page tables */
    double t0 = now_ns();
    for (size_t i = 0; i < loads; i++) p = a[p];
    double dep = (now_ns() - t0) / (double)loads;
    uint64_t *idx = malloc(loads * sizeof *idx);
    for (size_t i = 0; i < loads; i++) idx[i] = gen_rand(&s) % n;
    uint64_t sum = 0;
    t0 = now_ns();
    for (size_t i = 0; i < loads; i++) sum += a[idx[i]];
    double ind = (now_ns() - t0) / (double)loads;
    printf("%12zu bytes  huge %-3s dependent %7.1f ns  independent %6.1f ns  (%llu)\n", bytes,
           hm_huge ? "yes" : "no", dep, ind, (unsigned long long)((p ^ sum) & 1));
    free(idx);
    hm_free(a, n * sizeof *a);
}

int main(int argc, char **argv)
{
    size_t loads = 2000000, sizes[32], ns = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--huge") && i + 1 < argc) hm_huge = atoi(argv[++i]) != 0;
        else if (!strcmp(argv[i], "--loads") && i + 1 < argc) loads = strtoull(argv[++i], NULL, 10);
        else if (ns < 32) sizes[ns++] = strtoull(argv[i], NULL, 10);
    }
    if (ns == 0) {
        static const size_t def[] = { 512u << 10, 1u << 20, 2u << 20, 4u << 20, 8u << 20,
                                      16u << 20, 80000000, 800000000 };
        for (size_t i = 0; i < sizeof def / sizeof def[0]; i++) sizes[ns++] = def[i];
    }
    for (size_t i = 0; i < ns; i++) measure(sizes[i], loads);
    return 0;
}
