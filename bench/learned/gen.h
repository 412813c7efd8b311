/*
 * gen.h — key distributions for the learned-index benchmark, as a database
 * sees them (issue 4): seq (ids with gaps), burst (bursty timestamps),
 * tenant ((tenant << 32) | sequence), zipf (zipfian-spaced), lognormal,
 * uniform (64-bit). Deterministic for a given seed; output sorted.
 */
#ifndef OM_BENCH_GEN_H
#define OM_BENCH_GEN_H

#include <stddef.h>
#include <stdint.h>

#define GEN_NDIST 6
extern const char *const gen_dist_names[GEN_NDIST];

/* Index of a distribution name, or -1. */
int gen_dist_find(const char *name);

/* Fill k[0..n) with distribution d, sorted ascending. */
void gen_keys(int d, uint64_t *k, size_t n, uint64_t seed);

/* xorshift64 generator shared by the bench. */
uint64_t gen_rand(uint64_t *state);

#endif
