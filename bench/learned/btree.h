/*
 * btree.h — the benchmark's in-memory B+tree baseline: static, bulk-loaded
 * from the sorted keys like a segment index would be, 16 keys per node laid
 * out on cache lines (inner node: 15 separators in 128 bytes; leaf: 16 keys
 * and 16 values in 256 bytes), branch-free search inside a node. Values are
 * the keys' positions, so the tree is a full key→row index.
 */
#ifndef OM_BENCH_BTREE_H
#define OM_BENCH_BTREE_H

#include <stddef.h>
#include <stdint.h>

typedef struct BenchBtree BenchBtree;

BenchBtree *bt_build(const uint64_t *keys, size_t n);
void bt_free(BenchBtree *t);
size_t bt_bytes(const BenchBtree *t);
/* Value (position) of the first entry with key >= q; n if none. */
uint64_t bt_lower_bound(const BenchBtree *t, uint64_t q);
/* Value (position) of q, or UINT64_MAX when absent: the key compare is in the leaf. */
uint64_t bt_lookup(const BenchBtree *t, uint64_t q);
/* Sum of the values of up to cnt entries from lower_bound(q). */
uint64_t bt_range_sum(const BenchBtree *t, uint64_t q, size_t cnt);

#endif
