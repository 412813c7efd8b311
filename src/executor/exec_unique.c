/*
 * exec_unique.c — Unique: SELECT DISTINCT ON (exprs), over input sorted so
 * that rows of equal keys are adjacent (the binder puts a Sort below it).
 * The first row of each run of equal keys passes — grouping equality, NULL
 * equal to NULL, as PostgreSQL's Unique — and the rest are taken out of the
 * selection vector in place. Only the last passed row's keys are kept.
 */
#include "exec_int.h"

typedef struct UniqueState {
    ExprState **keys;
    MemCtx *var;         /* strings of the keys evaluated over a batch */
    OmVector *prev;      /* keys of the last row passed (row 0 of each) */
    MemCtx *prev_ctx;    /* their strings */
    bool have_prev;
} UniqueState;

static int unique_next(ExecNode *n, OmBatch **out)
{
    UniqueState *s = n->state;
    const PhysNode *p = n->plan;
    for (;;) {
        OmBatch *b;
        int rc = exec_next(n->child, &b);
        if (rc <= 0) return rc;
        mem_ctx_reset(s->var);
        int live = om_batch_live(b);
        const uint16_t *sel = b->has_sel ? b->sel : NULL;
        for (int c = 0; c < p->nexprs; c++)
            if (exec_expr_eval(s->keys[c], b, sel, live, n->q->err) < 0) return -1;
        int m = 0;
        for (int k = 0; k < live; k++) {
            int row = om_batch_row(b, k);
            bool same = s->have_prev;
            for (int c = 0; c < p->nexprs && same; c++)
                same = exec_keys_equal(p->exprs[c]->type, &s->prev[c], 0, &s->keys[c]->out, row);
            if (same) continue;
            mem_ctx_reset(s->prev_ctx);
            for (int c = 0; c < p->nexprs; c++) exec_copy_value(&s->keys[c]->out, row, &s->prev[c], 0, s->prev_ctx);
            s->have_prev = true;
            b->sel[m++] = (uint16_t)row;
        }
        b->has_sel = true;
        b->nsel = m;
        if (m > 0) {
            *out = b;
            return 1;
        }
    }
}

int exec_unique_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    UniqueState *s = mem_new(ctx, UniqueState);
    s->var = mem_ctx_create(ctx, "unique-var");
    s->prev_ctx = mem_ctx_create(ctx, "unique-prev");
    s->keys = mem_new_array(ctx, ExprState *, p->nexprs > 0 ? p->nexprs : 1);
    s->prev = mem_new_array(ctx, OmVector, p->nexprs > 0 ? p->nexprs : 1);
    for (int c = 0; c < p->nexprs; c++) {
        s->keys[c] = exec_expr_build(ctx, p->exprs[c], s->var, n->q);
        s->prev[c].phys = type_phys(p->exprs[c]->type.id);
        s->prev[c].data = mem_zalloc(ctx, om_phys_size(s->prev[c].phys));
        s->prev[c].nulls = mem_new_array(ctx, uint64_t, 1);
    }
    n->state = s;
    n->next = unique_next;
    return 0;
}
