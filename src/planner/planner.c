/*
 * planner.c — physical plans for the statements the binder produces.
 *
 * There is no choice to make yet (one table, no indexes beyond the primary
 * key, no joins); the optimizer issue adds rewrite rules and primary-key
 * lookups here.
 */
#include "../functions/fn_srf.h"
#include "planner.h"

static PlanNode *node(MemCtx *ctx, PlanKind k, PlanNode *child)
{
    PlanNode *n = mem_new(ctx, PlanNode);
    n->kind = k;
    n->child = child;
    if (child) {
        n->ncols = child->ncols;
        n->types = child->types;
    }
    return n;
}

static OmType *table_types(MemCtx *ctx, const CatTable *t)
{
    OmType *ts = mem_new_array(ctx, OmType, t->ncols > 0 ? t->ncols : 1);
    for (int i = 0; i < t->ncols; i++) ts[i] = t->cols[i].type;
    return ts;
}

static PlanNode *scan(MemCtx *ctx, CatTable *t, bool keys)
{
    PlanNode *n = node(ctx, PLAN_SCAN, NULL);
    n->table = t;
    n->want_keys = keys;
    n->ncols = t->ncols;
    n->types = table_types(ctx, t);
    return n;
}

static PlanNode *values(MemCtx *ctx, int nrows, int ncols, BoundExpr ***rows)
{
    PlanNode *n = node(ctx, PLAN_VALUES, NULL);
    n->nrows = nrows;
    n->rows = rows;
    n->ncols = ncols;
    n->types = mem_new_array(ctx, OmType, ncols > 0 ? ncols : 1);
    for (int c = 0; c < ncols && nrows > 0; c++) n->types[c] = rows[0][c]->type;
    return n;
}

static PlanNode *project(MemCtx *ctx, PlanNode *child, int n, BoundExpr **exprs)
{
    PlanNode *p = node(ctx, PLAN_PROJECT, child);
    p->nexprs = n;
    p->exprs = exprs;
    p->ncols = n;
    p->types = mem_new_array(ctx, OmType, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) p->types[i] = exprs[i]->type;
    return p;
}

static PlanNode *project_set(MemCtx *ctx, PlanNode *child, int nsrfs, BoundExpr **srfs, bool srf_only,
                             bool ordinality, const CatTable *desc)
{
    PlanNode *p = node(ctx, PLAN_PROJECT_SET, child);
    p->nsrfs = nsrfs;
    p->srfs = srfs;
    p->srf_only = srf_only;
    p->ordinality = ordinality;
    int base = srf_only ? 0 : child->ncols;
    int n = base + (ordinality ? 1 : 0);
    for (int i = 0; i < nsrfs; i++) n += srfs[i]->fn->srf->nout;
    p->ncols = n;
    p->types = mem_new_array(ctx, OmType, n > 0 ? n : 1);
    for (int i = 0; i < base; i++) p->types[i] = child->types[i];
    if (desc) {
        /* FROM f(...): the synthetic table describes every column. */
        for (int i = 0; i < n; i++) p->types[i] = desc->cols[i].type;
    } else {
        for (int i = 0; i < nsrfs; i++) p->types[base + i] = srfs[i]->type;
    }
    return p;
}

static PlanNode *plan_select(MemCtx *ctx, const BoundSelect *s, int ncols_hint)
{
    PlanNode *n;
    static BoundExpr **one_empty_row[1] = {NULL};
    if (s->nfrom_srfs) {
        n = project_set(ctx, values(ctx, 1, 0, one_empty_row), s->nfrom_srfs, s->from_srfs, true, s->ordinality,
                        s->table);
    } else if (s->table) {
        n = scan(ctx, s->table, false);
    } else if (s->nvalues_rows) {
        n = values(ctx, s->nvalues_rows, s->ntargets ? s->ntargets : ncols_hint, s->values);
        if (!s->projs) return n; /* INSERT ... VALUES: rows are the result */
    } else {
        n = values(ctx, 1, 0, one_empty_row);
    }
    if (s->where) {
        n = node(ctx, PLAN_FILTER, n);
        n->pred = s->where;
    }
    if (s->naggs) {
        PlanNode *a = node(ctx, PLAN_AGG, n);
        a->naggs = s->naggs;
        a->aggs = s->aggs;
        a->ncols = s->naggs;
        a->types = mem_new_array(ctx, OmType, s->naggs);
        for (int i = 0; i < s->naggs; i++) a->types[i] = s->aggs[i].type;
        n = a;
    }
    if (s->nsrfs) n = project_set(ctx, n, s->nsrfs, s->srfs, false, false, NULL);
    n = project(ctx, n, s->nprojs, s->projs);
    if (s->nsort) {
        n = node(ctx, PLAN_SORT, n);
        n->nkeys = s->nsort;
        n->keys = s->sort;
    }
    if (s->limit || s->offset) {
        n = node(ctx, PLAN_LIMIT, n);
        n->limit = s->limit;
        n->offset = s->offset;
    }
    return n;
}

int plan_stmt(MemCtx *ctx, const BoundStmt *st, Plan **out, OmError *err)
{
    Plan *p = mem_new(ctx, Plan);
    *out = p;
    switch (st->kind) {
    case BS_SELECT:
        p->root = plan_select(ctx, st->select, 0);
        p->returns_rows = true;
        p->nvisible = st->select->ntargets;
        p->names = st->select->names;
        p->src_table = st->select->src_table;
        p->src_attnum = st->select->src_attnum;
        return 0;
    case BS_INSERT: {
        PlanNode *src = plan_select(ctx, st->select, st->table->ncols);
        if (st->col_exprs) src = project(ctx, src, st->table->ncols, st->col_exprs);
        PlanNode *n = node(ctx, PLAN_INSERT, src);
        n->table = st->table;
        n->ncols = 0;
        p->root = n;
        return 0;
    }
    case BS_UPDATE:
    case BS_DELETE: {
        PlanNode *n = scan(ctx, st->table, true);
        if (st->where) {
            n = node(ctx, PLAN_FILTER, n);
            n->pred = st->where;
        }
        n = node(ctx, st->kind == BS_UPDATE ? PLAN_UPDATE : PLAN_DELETE, n);
        n->table = st->table;
        n->nexprs = st->kind == BS_UPDATE ? st->table->ncols : 0;
        n->exprs = st->col_exprs;
        n->ncols = 0;
        p->root = n;
        return 0;
    }
    default:
        return err_set(err, ERRCODE_INTERNAL_ERROR, "statement has no plan");
    }
}
