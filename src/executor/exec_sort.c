/*
 * exec_sort.c — Sort: materialises its input (deep copies in the sort's own
 * context), sorts row references by the keys with PostgreSQL's NULL
 * placement (NULLS LAST for ASC, FIRST for DESC, unless given), then emits
 * batches in order. Stable for equal keys.
 *
 * The sort is our own merge sort rather than qsort_r so that it reaches the
 * interrupt check (common/interrupt.h) every few thousand moves: a sort of
 * millions of rows must stop within milliseconds of a cancel or a
 * statement_timeout. Row references are 64-bit (batch << 16 | row).
 */
#include <stdlib.h>
#include <string.h>

#include "exec_int.h"

typedef struct SortState {
    ExecStore store;
    bool loaded;
    uint64_t *order;   /* (batch << 16) | row */
    long long nrows, pos;
    OmBatch *out;
    const PhysNode *plan;
} SortState;

static int sort_cmp(uint64_t a, uint64_t b, void *arg)
{
    SortState *s = arg;
    const OmBatch *ba = s->store.batches[a >> 16], *bb = s->store.batches[b >> 16];
    int ra = (int)(a & 0xFFFF), rb = (int)(b & 0xFFFF);
    const PhysNode *p = s->plan;
    for (int k = 0; k < p->nkeys; k++) {
        const BoundOrder *key = &p->keys[k];
        int col = key->expr->col;
        const OmVector *va = &ba->cols[col], *vb = &bb->cols[col];
        bool na = om_vec_is_null(va, ra), nb = om_vec_is_null(vb, rb);
        int c;
        if (na || nb) {
            if (na && nb) continue;
            c = na ? 1 : -1; /* NULL is larger ... */
            if (key->nulls_first) c = -c;
            return c;        /* ... and NULL placement ignores DESC */
        }
        c = exec_compare_values(p->types[col], va, ra, vb, rb);
        if (c) return key->desc ? -c : c;
    }
    return (a > b) - (a < b); /* stable */
}

#define SORT_RUN 32          /* insertion-sorted run length */
#define SORT_CHECK_MASK 4095 /* interrupt check every 4096 moves */

int exec_sort_refs(uint64_t *a, long long n, int (*cmp)(uint64_t, uint64_t, void *), void *arg, MemCtx *ctx,
                   OmError *err)
{
    for (long long lo = 0; lo < n; lo += SORT_RUN) {
        long long hi = lo + SORT_RUN < n ? lo + SORT_RUN : n;
        for (long long i = lo + 1; i < hi; i++) {
            uint64_t x = a[i];
            long long j = i;
            while (j > lo && cmp(a[j - 1], x, arg) > 0) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
        if ((lo & SORT_CHECK_MASK) == 0 && om_intr_check(err) < 0) return -1;
    }
    if (n <= SORT_RUN) return 0;
    uint64_t *src = a, *dst = mem_new_array(ctx, uint64_t, n);
    unsigned long long moves = 0;
    for (long long w = SORT_RUN; w < n; w *= 2) {
        for (long long lo = 0; lo < n; lo += 2 * w) {
            long long mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            long long i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                dst[k++] = cmp(src[j], src[i], arg) < 0 ? src[j++] : src[i++];
                if ((++moves & SORT_CHECK_MASK) == 0 && om_intr_check(err) < 0) return -1;
            }
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a) memcpy(a, src, (size_t)n * sizeof *a);
    return 0;
}

static int sort_next(ExecNode *n, OmBatch **out)
{
    SortState *s = n->state;
    if (!s->loaded) {
        OmBatch *b;
        int rc;
        while ((rc = exec_next(n->child, &b)) > 0)
            if (exec_store_append(&s->store, b, b->cols, n->q->err) < 0) return -1;
        if (rc < 0) return -1;
        s->nrows = s->store.rows;
        s->order = mem_new_array(n->q->ctx, uint64_t, s->nrows > 0 ? s->nrows : 1);
        long long k = 0;
        for (int bi = 0; bi < s->store.nbatches; bi++)
            for (int r = 0; r < s->store.batches[bi]->count; r++) s->order[k++] = ((uint64_t)bi << 16) | (uint32_t)r;
        if (exec_sort_refs(s->order, s->nrows, sort_cmp, s, n->q->ctx, n->q->err) < 0) return -1;
        s->loaded = true;
    }
    if (s->pos >= s->nrows) return 0;
    om_batch_clear(s->out);
    int k = 0;
    for (; s->pos < s->nrows && k < OM_BATCH_SIZE; s->pos++, k++) {
        uint64_t ref = s->order[s->pos];
        const OmBatch *src = s->store.batches[ref >> 16];
        for (int c = 0; c < s->out->ncols; c++) exec_copy_value(&src->cols[c], (int)(ref & 0xFFFF), &s->out->cols[c], k, NULL);
    }
    s->out->count = k;
    *out = s->out;
    return 1;
}

int exec_sort_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    SortState *s = mem_new(ctx, SortState);
    s->plan = n->plan;
    OmPhysType *ph = exec_phys_types(ctx, n->plan);
    exec_store_init(&s->store, mem_ctx_create(ctx, "sort"), n->plan->ncols, ph, false);
    exec_store_budget(&s->store, n->q, "Sort");
    s->out = om_batch_create(ctx, n->plan->ncols, ph, false);
    n->state = s;
    n->next = sort_next;
    return 0;
}
