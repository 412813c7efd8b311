/*
 * exec_sort.c — Sort: materialises its input (deep copies in the sort's own
 * context), sorts row references by the keys with PostgreSQL's NULL
 * placement (NULLS LAST for ASC, FIRST for DESC, unless given), then emits
 * batches in order. Stable for equal keys.
 */
#include <stdlib.h>

#include "exec_int.h"

typedef struct SortState {
    ExecStore store;
    bool loaded;
    uint32_t *order;   /* (batch << 16) | row */
    long long nrows, pos;
    OmBatch *out;
    const PlanNode *plan;
} SortState;

static int sort_cmp(const void *pa, const void *pb, void *arg)
{
    SortState *s = arg;
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    const OmBatch *ba = s->store.batches[a >> 16], *bb = s->store.batches[b >> 16];
    int ra = (int)(a & 0xFFFF), rb = (int)(b & 0xFFFF);
    const PlanNode *p = s->plan;
    for (int k = 0; k < p->nkeys; k++) {
        const BoundSortKey *key = &p->keys[k];
        const OmVector *va = &ba->cols[key->col], *vb = &bb->cols[key->col];
        bool na = om_vec_is_null(va, ra), nb = om_vec_is_null(vb, rb);
        int c;
        if (na || nb) {
            if (na && nb) continue;
            c = na ? 1 : -1; /* NULL is larger ... */
            if (key->nulls_first) c = -c;
            return c;        /* ... and NULL placement ignores DESC */
        }
        c = exec_compare_values(p->types[key->col], va, ra, vb, rb);
        if (c) return key->desc ? -c : c;
    }
    return (a > b) - (a < b); /* stable */
}

static int sort_next(ExecNode *n, OmBatch **out)
{
    SortState *s = n->state;
    if (!s->loaded) {
        OmBatch *b;
        int rc;
        while ((rc = exec_next(n->child, &b)) > 0) exec_store_append(&s->store, b, b->cols);
        if (rc < 0) return -1;
        s->nrows = s->store.rows;
        s->order = mem_new_array(n->q->ctx, uint32_t, s->nrows > 0 ? s->nrows : 1);
        long long k = 0;
        for (int bi = 0; bi < s->store.nbatches; bi++)
            for (int r = 0; r < s->store.batches[bi]->count; r++) s->order[k++] = ((uint32_t)bi << 16) | (uint32_t)r;
        qsort_r(s->order, (size_t)s->nrows, sizeof(uint32_t), sort_cmp, s);
        s->loaded = true;
    }
    if (s->pos >= s->nrows) return 0;
    om_batch_clear(s->out);
    int k = 0;
    for (; s->pos < s->nrows && k < OM_BATCH_SIZE; s->pos++, k++) {
        uint32_t ref = s->order[s->pos];
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
    s->out = om_batch_create(ctx, n->plan->ncols, ph, false);
    n->state = s;
    n->next = sort_next;
    return 0;
}
