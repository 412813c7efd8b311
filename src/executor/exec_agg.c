/*
 * exec_agg.c — Agg without grouping: count(*) and count(expr) over the
 * whole input, one output row. (GROUP BY and the other aggregates arrive
 * with the aggregates issue.)
 */
#include "exec_int.h"

typedef struct AggState {
    ExprState **args;
    int64_t *counts;
    bool done;
    OmBatch *out;
    MemCtx *var;
} AggState;

static int agg_next(ExecNode *n, OmBatch **out)
{
    AggState *s = n->state;
    const PhysNode *p = n->plan;
    if (s->done) return 0;
    OmBatch *b;
    int rc;
    while ((rc = exec_next(n->child, &b)) > 0) {
        mem_ctx_reset(s->var);
        int live = om_batch_live(b);
        const uint16_t *sel = b->has_sel ? b->sel : NULL;
        for (int a = 0; a < p->naggs; a++) {
            if (p->aggs[a].star) {
                s->counts[a] += live;
                continue;
            }
            if (exec_expr_eval(s->args[a], b, sel, live, n->q->err) < 0) return -1;
            for (int k = 0; k < live; k++)
                if (!om_vec_is_null(&s->args[a]->out, om_batch_row(b, k))) s->counts[a]++;
        }
    }
    if (rc < 0) return -1;
    om_batch_clear(s->out);
    for (int a = 0; a < p->naggs; a++) ((int64_t *)s->out->cols[a].data)[0] = s->counts[a];
    s->out->count = 1;
    s->done = true;
    *out = s->out;
    return 1;
}

int exec_agg_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    AggState *s = mem_new(ctx, AggState);
    s->var = mem_ctx_create(ctx, "agg-var");
    s->args = mem_new_array(ctx, ExprState *, p->naggs);
    s->counts = mem_new_array(ctx, int64_t, p->naggs);
    for (int a = 0; a < p->naggs; a++)
        if (!p->aggs[a].star) s->args[a] = exec_expr_build(ctx, p->aggs[a].args[0], s->var, n->q);
    s->out = om_batch_create(ctx, p->ncols, exec_phys_types(ctx, p), false);
    n->state = s;
    n->next = agg_next;
    return 0;
}
