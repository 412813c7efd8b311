/*
 * btree.c — static cache-conscious B+tree for the benchmark (btree.h).
 *
 * Nodes are implicit: the children of inner node i at a level are nodes
 * 16i .. 16i+15 of the level below, so inner nodes hold only separators (the
 * first key of children 1..15; missing ones are UINT64_MAX). Descending
 * counts the separators < q: the leftmost child that can hold lower_bound(q).
 */
#include <stdlib.h>
#include <string.h>

#include "btree.h"
#include "hugemem.h"

#define FAN 16

typedef struct { uint64_t sep[FAN - 1]; uint64_t pad; } Inner;          /* 128 bytes */
typedef struct { uint64_t key[FAN]; uint64_t val[FAN]; } Leaf;          /* 256 bytes */

struct BenchBtree {
    size_t n, nleaves, nlevels;
    Leaf *leaves;
    Inner *level[16];   /* level[0] is the root */
    size_t count[16];
    size_t bytes;
};

static void *xalloc(size_t sz) { return hm_alloc(sz); } /* aligned, maybe huge pages */

BenchBtree *bt_build(const uint64_t *keys, size_t n)
{
    BenchBtree *t = calloc(1, sizeof *t);
    t->n = n;
    t->nleaves = n ? (n + FAN - 1) / FAN : 1;
    t->leaves = xalloc(t->nleaves * sizeof(Leaf));
    t->bytes = t->nleaves * sizeof(Leaf);
    uint64_t *first = malloc(t->nleaves * sizeof *first); /* first key per node */
    for (size_t i = 0; i < t->nleaves; i++) {
        for (size_t j = 0; j < FAN; j++) {
            size_t p = i * FAN + j;
            t->leaves[i].key[j] = p < n ? keys[p] : UINT64_MAX;
            t->leaves[i].val[j] = p < n ? p : n;
        }
        first[i] = t->leaves[i].key[0];
    }
    /* Inner levels bottom-up, then reversed so level[0] is the root. */
    Inner *lv[16];
    size_t cnt[16], nl = 0, below = t->nleaves;
    while (below > 1) {
        size_t m = (below + FAN - 1) / FAN;
        Inner *a = xalloc(m * sizeof(Inner));
        for (size_t i = 0; i < m; i++) {
            for (size_t j = 1; j < FAN; j++) {
                size_t c = i * FAN + j;
                a[i].sep[j - 1] = c < below ? first[c] : UINT64_MAX;
            }
            a[i].pad = 0;
            first[i] = first[i * FAN];
        }
        t->bytes += m * sizeof(Inner);
        lv[nl] = a;
        cnt[nl++] = m;
        below = m;
    }
    free(first);
    t->nlevels = nl;
    for (size_t l = 0; l < nl; l++) {
        t->level[l] = lv[nl - 1 - l];
        t->count[l] = cnt[nl - 1 - l];
    }
    return t;
}

void bt_free(BenchBtree *t)
{
    for (size_t l = 0; l < t->nlevels; l++) hm_free(t->level[l], t->count[l] * sizeof(Inner));
    hm_free(t->leaves, t->nleaves * sizeof(Leaf));
    free(t);
}

size_t bt_bytes(const BenchBtree *t) { return t->bytes; }

/* Leaf index and slot of lower_bound(q); slot may be FAN (then: next leaf). */
static inline size_t bt_find(const BenchBtree *t, uint64_t q, size_t *slot)
{
    size_t node = 0;
    for (size_t l = 0; l < t->nlevels; l++) {
        const uint64_t *s = t->level[l][node].sep;
        size_t c = 0;
        for (int j = 0; j < FAN - 1; j++) c += s[j] < q;
        node = node * FAN + c;
    }
    const uint64_t *k = t->leaves[node].key;
    size_t c = 0;
    for (int j = 0; j < FAN; j++) c += k[j] < q;
    *slot = c;
    return node;
}

uint64_t bt_lower_bound(const BenchBtree *t, uint64_t q)
{
    size_t slot, leaf = bt_find(t, q, &slot);
    if (slot == FAN) {
        if (leaf + 1 >= t->nleaves) return t->n;
        leaf++;
        slot = 0;
    }
    return t->leaves[leaf].val[slot];
}

uint64_t bt_lookup(const BenchBtree *t, uint64_t q)
{
    size_t slot, leaf = bt_find(t, q, &slot);
    if (slot == FAN) {
        if (leaf + 1 >= t->nleaves) return UINT64_MAX;
        leaf++;
        slot = 0;
    }
    const Leaf *lf = &t->leaves[leaf];
    return lf->key[slot] == q ? lf->val[slot] : UINT64_MAX;
}

uint64_t bt_range_sum(const BenchBtree *t, uint64_t q, size_t cnt)
{
    size_t slot, leaf = bt_find(t, q, &slot);
    uint64_t sum = 0;
    size_t pos = leaf * FAN + slot;
    for (size_t i = 0; i < cnt && pos < t->n; i++, pos++)
        sum += t->leaves[pos / FAN].val[pos % FAN];
    return sum;
}
