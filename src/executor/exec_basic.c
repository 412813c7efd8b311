/*
 * exec_basic.c — the streaming operators: Values, Filter, Project, Limit.
 *
 * Filter narrows its child's batch by rewriting the selection vector in
 * place; Project points its output vectors at the expression results (a
 * column reference costs nothing); Limit trims selections.
 */
#include "exec_int.h"

OmPhysType *exec_phys_types(MemCtx *ctx, const PhysNode *p)
{
    OmPhysType *ph = mem_new_array(ctx, OmPhysType, p->ncols > 0 ? p->ncols : 1);
    for (int i = 0; i < p->ncols; i++) ph[i] = type_phys(p->types[i].id);
    return ph;
}

/* ---- Values ------------------------------------------------------------------ */

typedef struct ValuesState {
    int row;
    OmBatch *batch;
    OmBatch *dummy;
    ExprState ***exprs; /* [row][col], built lazily for non-constant cells */
    MemCtx *var;
    MemCtx *var_exprs;  /* strings made by those expressions */
} ValuesState;

static int values_next(ExecNode *n, OmBatch **out)
{
    ValuesState *s = n->state;
    const PhysNode *p = n->plan;
    if (s->row >= p->nrows) return 0;
    om_batch_clear(s->batch);
    mem_ctx_reset(s->var_exprs);
    int k = 0;
    for (; s->row < p->nrows && k < OM_BATCH_SIZE; s->row++, k++) {
        uint16_t at = (uint16_t)k;
        for (int c = 0; c < p->ncols; c++) {
            const BoundExpr *e = p->rows[s->row][c];
            if (e->kind == BE_CONST) {
                exec_copy_value(&e->cval, 0, &s->batch->cols[c], k, NULL);
                continue;
            }
            /* Non-constant cells (1 + 2, casts of columns-free expressions)
             * get evaluation state on first use. */
            ExprState **es = &s->exprs[s->row][c];
            if (!*es) *es = exec_expr_build(n->q->ctx, e, s->var_exprs, n->q);
            if (exec_expr_eval(*es, s->dummy, &at, 1, n->q->err) < 0) return -1;
            exec_copy_value(&(*es)->out, k, &s->batch->cols[c], k, s->batch->var_ctx);
        }
    }
    s->batch->count = k;
    *out = s->batch;
    return 1;
}

int exec_values_init(ExecNode *n)
{
    const PhysNode *p = n->plan;
    MemCtx *ctx = n->q->ctx;
    ValuesState *s = mem_new(ctx, ValuesState);
    s->batch = om_batch_create(ctx, p->ncols, exec_phys_types(ctx, p), false);
    s->dummy = om_batch_create(ctx, 0, NULL, false);
    s->dummy->count = OM_BATCH_SIZE;
    s->var = s->batch->var_ctx;
    s->var_exprs = mem_ctx_create(ctx, "values-var");
    s->exprs = mem_new_array(ctx, ExprState **, p->nrows);
    for (int r = 0; r < p->nrows; r++) s->exprs[r] = mem_new_array(ctx, ExprState *, p->ncols > 0 ? p->ncols : 1);
    n->state = s;
    n->next = values_next;
    return 0;
}

/* ---- Filter ------------------------------------------------------------------- */

typedef struct FilterState {
    ExprState *pred;
    MemCtx *var;
} FilterState;

static int filter_next(ExecNode *n, OmBatch **out)
{
    FilterState *s = n->state;
    /* A condition folded to a constant FALSE or NULL (optimizer/fold.c) is
     * PostgreSQL's one-time filter: the input is not read at all. */
    const BoundExpr *p = n->plan->pred;
    if (p && p->kind == BE_CONST && (p->is_null || !((const bool *)p->cval.data)[0])) return 0;
    for (;;) {
        OmBatch *b;
        int rc = exec_next(n->child, &b);
        if (rc <= 0) return rc;
        mem_ctx_reset(s->var);
        int live = om_batch_live(b);
        if (exec_expr_eval(s->pred, b, b->has_sel ? b->sel : NULL, live, n->q->err) < 0) return -1;
        const OmVector *r = &s->pred->out;
        int m = 0;
        for (int k = 0; k < live; k++) {
            int i = om_batch_row(b, k);
            if (!om_vec_is_null(r, i) && ((const uint8_t *)r->data)[i]) b->sel[m++] = (uint16_t)i;
        }
        b->has_sel = true;
        b->nsel = m;
        if (m > 0) {
            *out = b;
            return 1;
        }
    }
}

int exec_filter_init(ExecNode *n)
{
    FilterState *s = mem_new(n->q->ctx, FilterState);
    s->var = mem_ctx_create(n->q->ctx, "filter-var");
    s->pred = exec_expr_build(n->q->ctx, n->plan->pred, s->var, n->q);
    n->state = s;
    n->next = filter_next;
    return 0;
}

/* ---- Project ------------------------------------------------------------------- */

typedef struct ProjectState {
    ExprState **exprs;
    OmBatch out;
    MemCtx *var;
} ProjectState;

static int project_next(ExecNode *n, OmBatch **out)
{
    ProjectState *s = n->state;
    OmBatch *b;
    int rc = exec_next(n->child, &b);
    if (rc <= 0) return rc;
    mem_ctx_reset(s->var);
    int live = om_batch_live(b);
    const uint16_t *sel = b->has_sel ? b->sel : NULL;
    for (int c = 0; c < n->plan->nexprs; c++) {
        if (exec_expr_eval(s->exprs[c], b, sel, live, n->q->err) < 0) return -1;
        s->out.cols[c] = s->exprs[c]->out;
    }
    s->out.count = b->count;
    s->out.has_sel = b->has_sel;
    s->out.nsel = b->nsel;
    s->out.sel = b->sel;
    s->out.keys = b->keys;
    *out = &s->out;
    return 1;
}

int exec_project_init(ExecNode *n)
{
    const PhysNode *p = n->plan;
    ProjectState *s = mem_new(n->q->ctx, ProjectState);
    s->var = mem_ctx_create(n->q->ctx, "project-var");
    s->exprs = mem_new_array(n->q->ctx, ExprState *, p->nexprs > 0 ? p->nexprs : 1);
    for (int c = 0; c < p->nexprs; c++) s->exprs[c] = exec_expr_build(n->q->ctx, p->exprs[c], s->var, n->q);
    s->out.ncols = p->nexprs;
    s->out.cols = mem_new_array(n->q->ctx, OmVector, p->nexprs > 0 ? p->nexprs : 1);
    s->out.var_ctx = s->var;
    n->state = s;
    n->next = project_next;
    return 0;
}

/* ---- Limit ---------------------------------------------------------------------- */

typedef struct LimitState {
    int64_t skip;  /* rows still to skip */
    int64_t left;  /* rows still to return, -1 = no limit */
    /* WITH TIES: the last counted row's keys, once the count is reached */
    OmBatch *last;
    bool saved;
    bool finished;
    uint16_t *keep;
} LimitState;

/* FETCH ... WITH TIES: after the counted rows, those equal to the last of
 * them on the ORDER BY keys (NULLs equal, as PostgreSQL's tie test). */
static bool tied(const PhysNode *p, const LimitState *s, const OmBatch *b, int r)
{
    for (int i = 0; i < p->ntie_keys; i++) {
        const BoundExpr *k = p->tie_keys[i].expr;
        if (!exec_keys_equal(k->type, &b->cols[k->col], r, &s->last->cols[i], 0)) return false;
    }
    return true;
}

/* OFFSET: the first live row of this batch to keep, or -1 when the
 * whole batch is still being skipped. */
static int offset_start(LimitState *s, int live)
{
    if (s->skip <= 0) return 0;
    if (s->skip >= live) {
        s->skip -= live;
        return -1;
    }
    int start = (int)s->skip;
    s->skip = 0;
    return start;
}

static int limit_ties_next(ExecNode *n, OmBatch **out)
{
    LimitState *s = n->state;
    const PhysNode *p = n->plan;
    for (;;) {
        if (s->finished) return 0;
        OmBatch *b;
        int rc = exec_next(n->child, &b);
        if (rc <= 0) return rc;
        int live = om_batch_live(b);
        int start = offset_start(s, live);
        if (start < 0) continue;
        int nk = 0;
        for (int k = start; k < live; k++) {
            int r = om_batch_row(b, k);
            if (s->left != 0) {
                s->keep[nk++] = (uint16_t)r;
                if (s->left > 0 && --s->left == 0) {
                    om_batch_clear(s->last);
                    for (int i = 0; i < p->ntie_keys; i++)
                        exec_copy_value(&b->cols[p->tie_keys[i].expr->col], r, &s->last->cols[i], 0, s->last->var_ctx);
                    s->last->count = 1;
                    s->saved = true;
                }
            } else if (s->saved && tied(p, s, b, r)) {
                s->keep[nk++] = (uint16_t)r;
            } else {
                s->finished = true;
                break;
            }
        }
        memcpy(b->sel, s->keep, sizeof(uint16_t) * (size_t)nk);
        b->has_sel = true;
        b->nsel = nk;
        if (nk == 0) continue;
        *out = b;
        return 1;
    }
}

static int limit_next(ExecNode *n, OmBatch **out)
{
    LimitState *s = n->state;
    for (;;) {
        if (s->left == 0) return 0;
        OmBatch *b;
        int rc = exec_next(n->child, &b);
        if (rc <= 0) return rc;
        int live = om_batch_live(b);
        int start = offset_start(s, live);
        if (start < 0) continue;
        int take = live - start;
        if (s->left >= 0 && take > s->left) take = (int)s->left;
        if (!b->has_sel) {
            for (int k = 0; k < take; k++) b->sel[k] = (uint16_t)(start + k);
        } else {
            memmove(b->sel, b->sel + start, sizeof(uint16_t) * (size_t)take);
        }
        b->has_sel = true;
        b->nsel = take;
        if (s->left > 0) s->left -= take;
        if (take == 0) continue;
        *out = b;
        return 1;
    }
}

static int limit_value(ExecNode *n, const BoundExpr *e, const char *what, const char *code, int64_t *out)
{
    OmVector v;
    int64_t val = 0;
    uint64_t nb = 0;
    v.phys = OM_PHYS_I64;
    v.data = &val;
    v.nulls = &nb;
    bool isnull;
    if (exec_eval_once(n->q->ctx, e, n->q, &v, &isnull, n->q->err) < 0) return -1;
    if (isnull) {
        *out = -1;
        return 0;
    }
    if (val < 0) return err_set(n->q->err, code, "%s must not be negative", what);
    *out = val;
    return 0;
}

int exec_limit_init(ExecNode *n)
{
    LimitState *s = mem_new(n->q->ctx, LimitState);
    s->left = -1;
    if (n->plan->offset) {
        if (limit_value(n, n->plan->offset, "OFFSET", ERRCODE_INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, &s->skip) < 0)
            return -1;
        if (s->skip < 0) s->skip = 0;
    }
    if (n->plan->limit &&
        limit_value(n, n->plan->limit, "LIMIT", ERRCODE_INVALID_ROW_COUNT_IN_LIMIT_CLAUSE, &s->left) < 0)
        return -1;
    n->state = s;
    n->next = limit_next;
    if (n->plan->with_ties) {
        const PhysNode *p = n->plan;
        OmPhysType *ph = mem_new_array(n->q->ctx, OmPhysType, p->ntie_keys > 0 ? p->ntie_keys : 1);
        for (int i = 0; i < p->ntie_keys; i++) ph[i] = type_phys(p->tie_keys[i].expr->type.id);
        s->last = om_batch_create(n->q->ctx, p->ntie_keys, ph, false);
        s->keep = mem_new_array(n->q->ctx, uint16_t, OM_BATCH_SIZE);
        n->next = limit_ties_next;
    }
    return 0;
}

/* ---- Append (UNION ALL) ------------------------------------------------------------- */

typedef struct AppendState {
    int cur;
} AppendState;

static int append_next(ExecNode *n, OmBatch **out)
{
    AppendState *s = n->state;
    while (s->cur < n->nchildren) {
        int rc = exec_next(n->children[s->cur], out);
        if (rc != 0) return rc;
        s->cur++;
    }
    return 0;
}

int exec_append_init(ExecNode *n)
{
    n->state = mem_new(n->q->ctx, AppendState);
    n->next = append_next;
    return 0;
}
