/*
 * exec_subquery.c — subqueries in expressions, PostgreSQL's SubPlan:
 *   (SELECT ...)        the one value, NULL on no row, 21000 on a second
 *   EXISTS (...)        true at the first row
 *   x op ANY (...)      true if some comparison is true, else NULL if some
 *                       is NULL, else false (empty: false)
 *   x op ALL (...)      false if some comparison is false, else NULL if
 *                       some is NULL, else true (empty: true)
 * A subquery without outer columns runs once per statement (its value, or
 * for ANY / ALL its rows, kept). A correlated one runs per outer row, with
 * the outer values as its parameters, in a context reset after each run.
 * ANY / ALL compare a vector at a time: the subquery's column beside the
 * left value repeated, through the bound comparison (args[1]).
 */
#include "exec_int.h"

typedef struct ExecSub {
    const BoundExpr *e;
    ExprState **psrc;     /* parameter sources over the outer batch */
    OmBatch *params;      /* one row */
    MemCtx *runctx;
    bool correlated;
    bool cached;          /* uncorrelated: value or rows kept */
    OmVector cval;        /* scalar / EXISTS: the value (1 row) */
    ExecStore store;      /* uncorrelated ANY / ALL: the rows */
    OmBatch *probe;       /* ANY / ALL: slot 0 the subquery's value, slot 1 the left one */
    MemCtx *var;
    MemCtx *keep;         /* an uncorrelated scalar's value lives here */
    /* one run's outcome */
    int nrows;
    int verdict;          /* ANY / ALL: 1 true, 0 false, -1 NULL so far (-2 undecided) */
    bool saw_null;
} ExecSub;

struct ExecSub *exec_sub_build(MemCtx *ctx, const BoundExpr *e, MemCtx *var, const ExecQuery *q)
{
    ExecSub *s = mem_new(ctx, ExecSub);
    s->e = e;
    if (!e->subphys || !q) return s; /* not planned (a constant context): refused at evaluation */
    s->var = var;
    s->correlated = e->nparams > 0;
    s->psrc = mem_new_array(ctx, ExprState *, e->nparams > 0 ? e->nparams : 1);
    OmPhysType *ph = mem_new_array(ctx, OmPhysType, e->nparams > 0 ? e->nparams : 1);
    for (int i = 0; i < e->nparams; i++) {
        s->psrc[i] = exec_expr_build(ctx, e->param_src[i], var, q);
        ph[i] = type_phys(e->param_src[i]->type.id);
    }
    s->params = om_batch_create(ctx, e->nparams, ph, false);
    s->params->count = 1;
    s->runctx = mem_ctx_create(ctx, "subquery-run");
    s->keep = mem_ctx_create(ctx, "subquery-value");
    s->cval.phys = type_phys(e->type.id);
    s->cval.data = mem_zalloc(ctx, om_phys_size(s->cval.phys) * 2);
    s->cval.nulls = mem_new_array(ctx, uint64_t, 1);
    if (e->sublink == SUBLINK_ANY || e->sublink == SUBLINK_ALL) {
        /* n compared columns: the probe holds a subquery row in slots
         * 0..n-1 and the left operands in n..2n-1. The store keeps the
         * array: not on the stack. */
        int nc = e->nargs - 1;
        OmPhysType *pp = mem_new_array(ctx, OmPhysType, 2 * nc);
        for (int i = 0; i < nc; i++) {
            pp[i] = type_phys(e->subphys->types[i].id);
            pp[nc + i] = type_phys(e->args[i]->type.id);
        }
        s->probe = om_batch_create(ctx, 2 * nc, pp, false);
        exec_store_init(&s->store, mem_ctx_create(ctx, "subquery-rows"), nc, pp, false);
        exec_store_budget(&s->store, q, "Subquery");
    }
    return s;
}

/* Fold one batch of subquery rows into the run's outcome; 1 = decided. */
static int take_batch(ExprState *st, ExecSub *s, const OmBatch *b, int orow, OmError *err)
{
    const BoundExpr *e = s->e;
    int live = om_batch_live(b);
    if (live == 0) return 0;
    switch (e->sublink) {
    case SUBLINK_EXISTS:
        s->nrows += live;
        return 1;
    case SUBLINK_SCALAR:
        if (s->nrows + live > 1)
            return err_set(err, ERRCODE_CARDINALITY_VIOLATION, "more than one row returned by a subquery used as an expression");
        exec_copy_value(&b->cols[0], om_batch_row(b, 0), &s->cval, 0, s->correlated ? s->var : s->keep);
        s->nrows += live;
        return 0;
    default: {
        /* The comparison over the batch: slots 0..n-1 its values, n..2n-1
         * the outer row's left values repeated. */
        int nc = e->nargs - 1;
        for (int i = 0; i < nc; i++) {
            const OmVector *lv = &st->args[i]->out;
            s->probe->cols[i] = b->cols[i];
            for (int k = 0; k < live; k++)
                exec_copy_value(lv, orow, &s->probe->cols[nc + i], om_batch_row(b, k), NULL);
        }
        s->probe->count = b->count;
        ExprState *cmp = st->args[nc];
        const uint16_t *bsel = b->has_sel ? b->sel : NULL;
        if (exec_expr_eval(cmp, s->probe, bsel, live, err) < 0) return -1;
        bool any = e->sublink == SUBLINK_ANY;
        for (int k = 0; k < live; k++) {
            int r = om_batch_row(b, k);
            if (om_vec_is_null(&cmp->out, r)) {
                s->saw_null = true;
                continue;
            }
            bool v = ((const uint8_t *)cmp->out.data)[r];
            if (any && v) {
                s->verdict = 1;
                return 1;
            }
            if (!any && !v) {
                s->verdict = 0;
                return 1;
            }
        }
        s->nrows += live;
        return 0;
    }
    }
}

/* Run the subquery for outer row orow (params filled), folding its rows
 * (or, when keep, storing them). */
static int run(ExprState *st, ExecSub *s, int orow, bool keep, OmError *err)
{
    const BoundExpr *e = s->e;
    for (int p = 0; p < e->nparams; p++) exec_copy_value(&s->psrc[p]->out, orow, &s->params->cols[p], 0, NULL);
    ExecQuery sq = *st->q;
    sq.ctx = s->runctx;
    sq.params = s->params;
    sq.timing = false;
    ExecNode *root;
    int rc = exec_build(&sq, e->subphys, &root);
    OmBatch *b;
    while (rc == 0) {
        int r = exec_next(root, &b);
        if (r < 0) rc = -1;
        if (r <= 0) break;
        if (keep) {
            if (exec_store_append(&s->store, b, b->cols, err) < 0) rc = -1;
            continue;
        }
        int t = take_batch(st, s, b, orow, err);
        if (t < 0) rc = -1;
        if (t != 0) break;
    }
    if (rc == 0) exec_end(root);
    mem_ctx_reset(s->runctx);
    return rc;
}

static void set_bool(OmVector *o, int row, int verdict)
{
    om_vec_set_null(o, row, verdict < 0);
    if (verdict >= 0) ((uint8_t *)o->data)[row] = (uint8_t)verdict;
}

int exec_eval_subquery(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    ExecSub *s = st->sub;
    const BoundExpr *e = s->e;
    OmVector *o = &st->out;
    if (!st->q || !e->subphys)
        return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "a subquery in this position is not supported yet");
    for (int p = 0; p < e->nparams; p++)
        if (exec_expr_eval(s->psrc[p], in, sel, n, err) < 0) return -1;
    bool cmp = e->sublink == SUBLINK_ANY || e->sublink == SUBLINK_ALL;
    for (int i = 0; cmp && i < e->nargs - 1; i++)
        if (exec_expr_eval(st->args[i], in, sel, n, err) < 0) return -1;
    for (int k = 0; k < n; k++) {
        int row = sel ? sel[k] : k;
        if (!s->correlated && s->cached && !cmp) {
            exec_copy_value(&s->cval, 0, o, row, NULL);
            continue;
        }
        s->nrows = 0;
        s->saw_null = false;
        s->verdict = -2;
        if (e->sublink == SUBLINK_SCALAR) om_vec_set_null(&s->cval, 0, true);
        if (cmp && !s->correlated) {
            if (!s->cached && run(st, s, row, true, err) < 0) return -1;
            s->cached = true;
            for (int bi = 0; bi < s->store.nbatches && s->verdict == -2; bi++)
                if (take_batch(st, s, s->store.batches[bi], row, err) < 0) return -1;
        } else if (run(st, s, row, false, err) < 0) {
            return -1;
        }
        switch (e->sublink) {
        case SUBLINK_EXISTS:
            om_vec_set_null(&s->cval, 0, false);
            ((uint8_t *)s->cval.data)[0] = s->nrows > 0;
            exec_copy_value(&s->cval, 0, o, row, NULL);
            break;
        case SUBLINK_SCALAR: exec_copy_value(&s->cval, 0, o, row, NULL); break;
        default:
            if (s->verdict == -2) s->verdict = s->saw_null ? -1 : e->sublink == SUBLINK_ALL;
            set_bool(o, row, s->verdict);
        }
        if (!s->correlated) s->cached = true;
        if ((k & 63) == 63 && om_intr_check(err) < 0) return -1;
    }
    return 0;
}
