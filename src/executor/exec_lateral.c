/*
 * exec_lateral.c — the dependent nested loop of a LATERAL join (INNER or
 * LEFT): for each left row the right side's plan is built and run afresh,
 * with the left row's values as its parameters (BE_PARAM), the way a
 * correlated subquery runs (exec_subquery.c); PostgreSQL's Nested Loop
 * with the left side's columns as NestLoopParams.
 *
 * The right side streams: each of its batches is probed with the
 * condition as one vector (the left row repeated beside it, as in
 * exec_join.c) and the matches copied out; when the output batch has no
 * room for a right batch, that batch is kept (it stays valid until the
 * next call on the right side) and probed at the next call. The node
 * holds nothing that grows: each run lives in a context reset when the run
 * ends, and the right side's own operators count their memory against
 * work_mem as usual. A LEFT join emits a left row without matches once,
 * NULL-extended.
 *
 * Interface: exec_lateral_join_init (exec_int.h); exec_build does not
 * build children[1] of this node (it is built per left row here).
 */
#include "exec_int.h"

typedef struct LateralState {
    ExecQuery sq;        /* the runs' query: the statement's, with our parameters and context */
    MemCtx *runctx;      /* one run of the right side; reset after it */
    OmBatch *params;     /* one row: the current left row's parameter values */
    ExprState **psrc;    /* parameter sources over the left batch */
    MemCtx *pvar;        /* their strings (live for one left batch) */
    OmBatch *left;       /* current left batch */
    int lpos, llive;     /* position among its live rows */
    bool left_done;
    ExecNode *run;       /* the right side's run for the current left row, NULL between rows */
    OmBatch *rbatch;     /* a right batch not probed yet (no room in out) */
    bool rdone;          /* the run has no more rows (a LEFT join's NULL row may be owed) */
    bool lmatched;
    OmBatch *probe;      /* left row repeated (columns 0..nl) + a right batch's columns */
    OmBatch *out;
    ExprState *pred;
    MemCtx *var;
    uint16_t *match;
    int nl, nr;
} LateralState;

static void end_run(LateralState *s)
{
    if (s->run) exec_end(s->run);
    s->run = NULL;
    s->rbatch = NULL;
    s->rdone = false;
    mem_ctx_reset(s->runctx);
}

static void lat_end(ExecNode *n)
{
    LateralState *s = n->state;
    end_run(s);
}

/* Start the right side for left row lrow: its parameters, a fresh tree. */
static int start_run(ExecNode *n, LateralState *s, int lrow)
{
    for (int p = 0; p < n->plan->nparams; p++) exec_copy_value(&s->psrc[p]->out, lrow, &s->params->cols[p], 0, NULL);
    s->lmatched = false;
    s->rbatch = NULL;
    s->rdone = false;
    return exec_build(&s->sq, n->plan->children[1], &s->run);
}

static void emit(LateralState *s, int lrow, const OmBatch *rb, int rrow)
{
    OmBatch *o = s->out;
    int d = o->count++;
    for (int c = 0; c < s->nl; c++) exec_copy_value(&s->left->cols[c], lrow, &o->cols[c], d, o->var_ctx);
    for (int c = 0; c < s->nr; c++) {
        if (!rb) om_vec_set_null(&o->cols[s->nl + c], d, true);
        else exec_copy_value(&rb->cols[c], rrow, &o->cols[s->nl + c], d, o->var_ctx);
    }
}

/* Emit the pairs of left row lrow with the live rows of rb that satisfy
 * the condition (out has room for all of rb's rows). */
static int probe(ExecNode *n, LateralState *s, int lrow, const OmBatch *rb)
{
    int live = om_batch_live(rb);
    const uint16_t *sel = rb->has_sel ? rb->sel : NULL;
    int nm = 0;
    if (s->pred) {
        for (int c = 0; c < s->nl; c++)
            for (int k = 0; k < rb->count; k++) exec_copy_value(&s->left->cols[c], lrow, &s->probe->cols[c], k, NULL);
        for (int c = 0; c < s->nr; c++) s->probe->cols[s->nl + c] = rb->cols[c];
        s->probe->count = rb->count;
        mem_ctx_reset(s->var);
        if (exec_expr_eval(s->pred, s->probe, sel, live, n->q->err) < 0) return -1;
        const OmVector *r = &s->pred->out;
        for (int k = 0; k < live; k++) {
            int i = sel ? sel[k] : k;
            if (!om_vec_is_null(r, i) && ((const uint8_t *)r->data)[i]) s->match[nm++] = (uint16_t)i;
        }
    } else {
        for (int k = 0; k < live; k++) s->match[nm++] = (uint16_t)(sel ? sel[k] : k);
    }
    if (nm) s->lmatched = true;
    for (int k = 0; k < nm; k++) emit(s, lrow, rb, s->match[k]);
    return 0;
}

static int lat_next(ExecNode *n, OmBatch **out)
{
    LateralState *s = n->state;
    om_batch_clear(s->out);
    while (!s->left_done) {
        if (!s->left || s->lpos >= s->llive) {
            /* Output rows copy their values: the left batch may go. */
            if (s->out->count > 0) break;
            int rc = exec_next(n->child, &s->left);
            if (rc < 0) return -1;
            if (rc == 0) {
                s->left_done = true;
                break;
            }
            s->llive = om_batch_live(s->left);
            s->lpos = 0;
            mem_ctx_reset(s->pvar);
            const uint16_t *sel = s->left->has_sel ? s->left->sel : NULL;
            for (int p = 0; p < n->plan->nparams; p++)
                if (exec_expr_eval(s->psrc[p], s->left, sel, s->llive, n->q->err) < 0) return -1;
            continue;
        }
        int lrow = om_batch_row(s->left, s->lpos);
        if (!s->run) {
            if (om_intr_check(n->q->err) < 0) return -1;
            if (start_run(n, s, lrow) < 0) {
                end_run(s);
                return -1;
            }
        }
        if (!s->rdone && !s->rbatch) {
            int rc = exec_next(s->run, &s->rbatch);
            if (rc < 0) {
                end_run(s);
                return -1;
            }
            if (rc == 0) s->rdone = true;
        }
        if (s->rdone) {
            /* The right side is done for this row. */
            if (!s->lmatched && n->plan->join_type == JOIN_LEFT) {
                if (s->out->count == OM_BATCH_SIZE) break; /* emitted at the next call */
                emit(s, lrow, NULL, 0);
            }
            end_run(s);
            s->lpos++;
            continue;
        }
        if (s->out->count + s->rbatch->count > OM_BATCH_SIZE) break; /* probed at the next call */
        if (probe(n, s, lrow, s->rbatch) < 0) {
            end_run(s);
            return -1;
        }
        s->rbatch = NULL;
    }
    if (s->out->count == 0) return 0;
    *out = s->out;
    return 1;
}

int exec_lateral_join_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    LateralState *s = mem_new(ctx, LateralState);
    const PhysNode *l = p->children[0], *r = p->children[1];
    s->nl = l->ncols;
    s->nr = r->ncols;
    s->runctx = mem_ctx_create(ctx, "lateral-run");
    s->pvar = mem_ctx_create(ctx, "lateral-params");
    s->psrc = mem_new_array(ctx, ExprState *, p->nparams > 0 ? p->nparams : 1);
    OmPhysType *pph = mem_new_array(ctx, OmPhysType, p->nparams > 0 ? p->nparams : 1);
    for (int i = 0; i < p->nparams; i++) {
        s->psrc[i] = exec_expr_build(ctx, p->param_src[i], s->pvar, n->q);
        pph[i] = type_phys(p->param_src[i]->type.id);
    }
    s->params = om_batch_create(ctx, p->nparams, pph, false);
    s->params->count = 1;
    s->sq = *n->q;
    s->sq.ctx = s->runctx;
    s->sq.params = s->params;
    s->sq.timing = false;
    OmPhysType *ph = mem_new_array(ctx, OmPhysType, s->nl + s->nr + 1);
    for (int c = 0; c < s->nl; c++) ph[c] = type_phys(l->types[c].id);
    for (int c = 0; c < s->nr; c++) ph[s->nl + c] = type_phys(r->types[c].id);
    s->out = om_batch_create(ctx, p->ncols, ph, false);
    s->probe = om_batch_create(ctx, s->nl + s->nr, ph, false);
    s->match = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
    s->var = mem_ctx_create(ctx, "lateral-var");
    if (p->pred) s->pred = exec_expr_build(ctx, p->pred, s->var, n->q);
    n->state = s;
    n->next = lat_next;
    n->end = lat_end;
    return 0;
}
