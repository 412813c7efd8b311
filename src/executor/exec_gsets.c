/*
 * exec_gsets.c — GroupingSets: GROUP BY GROUPING SETS / ROLLUP / CUBE as one
 * aggregation per grouping set (hash aggregation, or plain for the empty
 * set: one row even over no input) over the input, which is read from the
 * child once and kept in a store that counts against work_mem.
 *
 * The sets run one after the other. Each is an Agg (exec_agg.c) over a
 * replay of the store, built when its turn comes in a memory context of its
 * own that is dropped when the next set starts, so one set's hash table
 * lives at a time; its budget is work_mem less what the store holds.
 * PostgreSQL's MixedAggregate fills the hash tables of all sets in one pass
 * instead; the results are the same multiset of rows.
 *
 * Output rows: every key (an all-NULL column where the set does not group
 * by it), the aggregates, then each grouping() call's bitmask, constant
 * within a set. The vectors are the set's Agg output, shared, not copied.
 */
#include "exec_int.h"

typedef struct ReplayState {
    const ExecStore *st;
    int pos;
} ReplayState;

typedef struct GsetsState {
    ExecStore in;        /* the child's rows */
    bool loaded;
    int cur;             /* the set running, -1 before the first */
    MemCtx *set_ctx;     /* its Agg's memory */
    ExecQuery sq;        /* the query as its Agg sees it (ctx, budget) */
    ExecNode *agg;
    ExecNode replay;     /* the Agg's input: the store, batch by batch */
    ReplayState rs;
    PhysNode *plans;     /* per set: its Agg's plan */
    OmVector *nulls;     /* per key: a column of NULLs */
    OmVector *gvals;     /* per grouping() call: the running set's value in every row */
    OmBatch out;
} GsetsState;

static int replay_next(ExecNode *n, OmBatch **out)
{
    ReplayState *r = n->state;
    if (r->pos >= r->st->nbatches) return 0;
    *out = r->st->batches[r->pos++];
    return 1;
}

static bool set_has(const GroupKeySet *gs, int key)
{
    for (int i = 0; i < gs->n; i++)
        if (gs->keys[i] == key) return true;
    return false;
}

/* Build the Agg of set s->cur over a fresh replay of the store. */
static int start_set(ExecNode *n, GsetsState *s)
{
    const PhysNode *p = n->plan;
    if (s->set_ctx) mem_ctx_delete(s->set_ctx);
    s->set_ctx = mem_ctx_create(n->q->ctx, "gsets-set");
    s->sq = *n->q;
    s->sq.ctx = s->set_ctx;
    if (n->q->mem_limit) {
        size_t held = mem_ctx_bytes(s->in.ctx);
        s->sq.mem_limit = held < n->q->mem_limit ? n->q->mem_limit - held : 1;
    }
    s->rs.st = &s->in;
    s->rs.pos = 0;
    memset(&s->replay, 0, sizeof s->replay);
    s->replay.q = &s->sq;
    s->replay.next = replay_next;
    s->replay.state = &s->rs;
    ExecNode *a = mem_new(s->set_ctx, ExecNode);
    a->plan = &s->plans[s->cur];
    a->q = &s->sq;
    a->nchildren = 1;
    a->children = mem_new_array(s->set_ctx, ExecNode *, 1);
    a->children[0] = &s->replay;
    a->child = &s->replay;
    s->agg = NULL;
    if (exec_agg_init(a) < 0) return -1;
    s->agg = a;
    /* grouping(a, b, ...): bit set per argument not grouped, the first
     * argument the most significant. */
    const GroupKeySet *gs = &p->gsets[s->cur];
    for (int j = 0; j < p->ngroupings; j++) {
        int32_t v = 0;
        for (int i = 0; i < p->groupings[j].n; i++) v = (v << 1) | (set_has(gs, p->groupings[j].keys[i]) ? 0 : 1);
        int32_t *d = s->gvals[j].data;
        for (int r = 0; r < OM_BATCH_SIZE; r++) d[r] = v;
    }
    return 0;
}

static void compose(const PhysNode *p, GsetsState *s, const OmBatch *ab)
{
    const GroupKeySet *gs = &p->gsets[s->cur];
    for (int c = 0; c < p->nexprs; c++) s->out.cols[c] = s->nulls[c];
    for (int k = 0; k < gs->n; k++) s->out.cols[gs->keys[k]] = ab->cols[k];
    for (int a = 0; a < p->naggs; a++) s->out.cols[p->nexprs + a] = ab->cols[gs->n + a];
    for (int j = 0; j < p->ngroupings; j++) s->out.cols[p->nexprs + p->naggs + j] = s->gvals[j];
    /* Operators above narrow the selection in place: ours, not the Agg's. */
    s->out.count = ab->count;
    s->out.has_sel = ab->has_sel;
    s->out.nsel = ab->nsel;
    if (ab->has_sel) memcpy(s->out.sel, ab->sel, sizeof(uint16_t) * (size_t)ab->nsel);
    s->out.var_ctx = ab->var_ctx;
}

static int gsets_next(ExecNode *n, OmBatch **out)
{
    GsetsState *s = n->state;
    const PhysNode *p = n->plan;
    if (!s->loaded) {
        OmBatch *b;
        int rc;
        while ((rc = exec_next(n->child, &b)) > 0)
            if (exec_store_append(&s->in, b, b->cols, n->q->err) < 0) return -1;
        if (rc < 0) return -1;
        s->loaded = true;
    }
    for (;;) {
        if (s->agg) {
            OmBatch *ab;
            int rc = exec_next(s->agg, &ab);
            if (rc < 0) return -1;
            if (rc > 0) {
                compose(p, s, ab);
                *out = &s->out;
                return 1;
            }
        }
        if (s->cur + 1 >= p->ngsets) {
            if (s->set_ctx) mem_ctx_delete(s->set_ctx);
            s->set_ctx = NULL;
            s->agg = NULL;
            return 0;
        }
        s->cur++;
        if (start_set(n, s) < 0) return -1;
    }
}

int exec_gsets_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    GsetsState *s = mem_new(ctx, GsetsState);
    const PhysNode *in = p->child;
    exec_store_init(&s->in, mem_ctx_create(ctx, "gsets-input"), in->ncols, exec_phys_types(ctx, in), false);
    exec_store_budget(&s->in, n->q, "GroupingSets");
    s->plans = mem_new_array(ctx, PhysNode, p->ngsets > 0 ? p->ngsets : 1);
    for (int i = 0; i < p->ngsets; i++) {
        const GroupKeySet *gs = &p->gsets[i];
        PhysNode *a = &s->plans[i];
        a->kind = PHYS_AGG;
        a->nexprs = gs->n;
        a->exprs = mem_new_array(ctx, BoundExpr *, gs->n > 0 ? gs->n : 1);
        a->naggs = p->naggs;
        a->aggs = p->aggs;
        a->ncols = gs->n + p->naggs;
        a->types = mem_new_array(ctx, OmType, a->ncols > 0 ? a->ncols : 1);
        for (int k = 0; k < gs->n; k++) {
            a->exprs[k] = p->exprs[gs->keys[k]];
            a->types[k] = p->exprs[gs->keys[k]]->type;
        }
        for (int j = 0; j < p->naggs; j++) a->types[gs->n + j] = p->aggs[j].type;
    }
    size_t words = OM_BATCH_SIZE / 64;
    s->nulls = mem_new_array(ctx, OmVector, p->nexprs > 0 ? p->nexprs : 1);
    for (int c = 0; c < p->nexprs; c++) {
        OmVector *v = &s->nulls[c];
        v->phys = type_phys(p->types[c].id);
        v->data = mem_zalloc(ctx, om_phys_size(v->phys) * OM_BATCH_SIZE);
        v->nulls = mem_new_array(ctx, uint64_t, words);
        memset(v->nulls, 0xff, sizeof(uint64_t) * words);
    }
    s->gvals = mem_new_array(ctx, OmVector, p->ngroupings > 0 ? p->ngroupings : 1);
    for (int j = 0; j < p->ngroupings; j++) {
        OmVector *v = &s->gvals[j];
        v->phys = OM_PHYS_I32;
        v->data = mem_zalloc(ctx, sizeof(int32_t) * OM_BATCH_SIZE);
        v->nulls = mem_new_array(ctx, uint64_t, words);
    }
    s->out.ncols = p->ncols;
    s->out.cols = mem_new_array(ctx, OmVector, p->ncols > 0 ? p->ncols : 1);
    s->out.sel = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
    s->cur = -1;
    n->state = s;
    n->next = gsets_next;
    return 0;
}
