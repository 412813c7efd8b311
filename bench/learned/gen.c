/*
 * gen.c — the benchmark's key distributions (see gen.h). Unsorted ones
 * (lognormal, uniform) are sorted with an LSD radix sort: qsort of 100M keys
 * would dominate the run.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

const char *const gen_dist_names[GEN_NDIST] = { "seq", "burst", "tenant", "zipf", "lognormal", "uniform" };

int gen_dist_find(const char *name)
{
    for (int i = 0; i < GEN_NDIST; i++)
        if (strcmp(name, gen_dist_names[i]) == 0) return i;
    return -1;
}

uint64_t gen_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static double rnd01(uint64_t *s) { return ((double)(gen_rand(s) >> 11) + 0.5) / 9007199254740992.0; }

/* 16 bits per pass, 4 passes; a pass whose digit is constant is skipped. */
static void radix_sort(uint64_t *k, size_t n)
{
    uint64_t *tmp = malloc(n * sizeof *tmp);
    size_t *cnt = malloc(65536 * sizeof *cnt);
    if (!tmp || !cnt) abort();
    for (int shift = 0; shift < 64; shift += 16) {
        memset(cnt, 0, 65536 * sizeof *cnt);
        for (size_t i = 0; i < n; i++) cnt[(k[i] >> shift) & 0xffff]++;
        if (n && cnt[(k[0] >> shift) & 0xffff] == n) continue;
        size_t sum = 0;
        for (size_t d = 0; d < 65536; d++) { size_t c = cnt[d]; cnt[d] = sum; sum += c; }
        for (size_t i = 0; i < n; i++) tmp[cnt[(k[i] >> shift) & 0xffff]++] = k[i];
        memcpy(k, tmp, n * sizeof *k);
    }
    free(tmp);
    free(cnt);
}

void gen_keys(int d, uint64_t *k, size_t n, uint64_t seed)
{
    uint64_t s = seed | 1;
    uint64_t v = 1000000;
    size_t i = 0;
    switch (d) {
    case 0: /* IoT ids: mostly +1, one in a hundred skips up to 1000 */
        for (; i < n; i++) { k[i] = v; v += gen_rand(&s) % 100 == 0 ? 2 + gen_rand(&s) % 1000 : 1; }
        return;
    case 1: /* microsecond timestamps: bursts of 1..1000 events 0..3 us apart
             * (equal stamps happen), idle gaps of 1 s .. 100 s */
        while (i < n) {
            size_t burst = 1 + gen_rand(&s) % 1000;
            for (size_t j = 0; j < burst && i < n; j++) { k[i++] = v; v += gen_rand(&s) % 4; }
            v += 1000000 + gen_rand(&s) % 100000000;
        }
        return;
    case 2: { /* tenants with 1..20000 rows each, ids with small gaps */
        uint64_t t = 1;
        while (i < n) {
            size_t rows = 1 + (size_t)(pow(rnd01(&s), 3.0) * 20000.0);
            for (size_t q = 0; q < rows && i < n; q++) k[i++] = t << 32 | q;
            t += 1 + gen_rand(&s) % 3;
        }
        return;
    }
    case 3: /* gaps with a power-law (zipf-like) tail: mostly small, some huge */
        for (; i < n; i++) {
            k[i] = v;
            double g = pow(rnd01(&s), -1.0 / 1.2);
            v += g > 1e9 ? 1000000000ull : (uint64_t)g;
        }
        return;
    case 4: /* lognormal(0, 2) scaled by 1e9, as in SOSD */
        for (; i < n; i++) {
            double z = sqrt(-2.0 * log(rnd01(&s))) * cos(6.283185307179586 * rnd01(&s));
            double x = exp(2.0 * z) * 1e9;
            k[i] = x >= 1.8e19 ? UINT64_MAX - 1 : (uint64_t)x;
        }
        break;
    default: /* uniform 64-bit */
        for (; i < n; i++) k[i] = gen_rand(&s);
        break;
    }
    radix_sort(k, n);
}
