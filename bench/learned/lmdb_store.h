/*
 * lmdb_store.h — the benchmark's LMDB baseline: the keys as 8-byte
 * big-endian LMDB keys (memcmp order), the first position as the value,
 * loaded with MDB_APPEND; lookups with mdb_get in one read transaction.
 */
#ifndef OM_BENCH_LMDB_H
#define OM_BENCH_LMDB_H

#include <stddef.h>
#include <stdint.h>

typedef struct BenchLmdb BenchLmdb;

/* Load keys into a fresh environment under dir (created; removed by close). */
BenchLmdb *lm_build(const char *dir, const uint64_t *keys, size_t n);
void lm_close(BenchLmdb *m);
size_t lm_bytes(const BenchLmdb *m);
/* Position of key, or UINT64_MAX when absent. */
uint64_t lm_get(BenchLmdb *m, uint64_t key);
/* Sum of the values of up to cnt entries from the first key >= q. */
uint64_t lm_range_sum(BenchLmdb *m, uint64_t q, size_t cnt);

#endif
