/*
 * bind_plan.c — constructors for the logical operators the binder emits.
 */
#include "bind_int.h"

LogicalOp *bind_lop(BindCtx *bc, LogicalKind k, int nchildren)
{
    LogicalOp *op = mem_new(bc->ctx, LogicalOp);
    op->kind = k;
    op->nchildren = nchildren;
    if (nchildren) op->children = mem_new_array(bc->ctx, LogicalOp *, nchildren);
    op->binding = -1;
    op->agg_binding = -1;
    op->grouping_binding = -1;
    return op;
}

LogicalOp *bind_lop_get(BindCtx *bc, CatTable *t, int binding, bool keys)
{
    LogicalOp *op = bind_lop(bc, LOP_GET, 0);
    op->table = t;
    op->binding = binding;
    op->want_keys = keys;
    /* The row count, for the planner's estimates (0 when unknown). */
    uint64_t rows = 0;
    if (bc->txn && t->oid) {
        OmError e = {0};
        if (stor_table_rows(bc->txn, &t->desc, &rows, &e) == 0) op->est_rows = (double)rows;
        /* Statistics are a hint: a record that cannot be read is none. */
        if (cat_stats_get(bc->txn, bc->ctx, t, &op->stats, &e) != 1) op->stats = NULL;
        op->stats_ctx = bc->ctx;
    }
    return op;
}

/* One row of no columns: the input of SELECT without FROM. */
LogicalOp *bind_lop_one_row(BindCtx *bc)
{
    static BoundExpr **one_empty_row[1] = {NULL};
    LogicalOp *op = bind_lop(bc, LOP_VALUES, 0);
    op->binding = bind_new_binding(bc);
    op->nrows = 1;
    op->rows = one_empty_row;
    op->ncols = 0;
    op->types = mem_new_array(bc->ctx, OmType, 1);
    return op;
}

LogicalOp *bind_lop_filter(BindCtx *bc, LogicalOp *child, BoundExpr *cond)
{
    LogicalOp *op = bind_lop(bc, LOP_FILTER, 1);
    op->children[0] = child;
    op->nconds = 1;
    op->conds = mem_new_array(bc->ctx, BoundExpr *, 1);
    op->conds[0] = cond;
    return op;
}

/* ORDER BY (keys already bound over root's columns), then the statement's
 * LIMIT / OFFSET, over root. */
int bind_order_limit(BindCtx *bc, BindScope *parent, PgQuery__SelectStmt *s, LogicalOp *root, BoundOrder *sort,
                     int nsort, LogicalOp **out)
{
    if (nsort) {
        LogicalOp *o = bind_lop(bc, LOP_ORDER, 1);
        o->children[0] = root;
        o->nkeys = nsort;
        o->keys = sort;
        root = o;
    }
    bool ties = s->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES;
    if (ties && !nsort) {
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "WITH TIES cannot be specified without ORDER BY clause");
        return bind_error_at(bc, bind_node_location(s->limit_count));
    }
    BoundExpr *limit = NULL, *offset = NULL;
    if (bind_limit(bc, parent, s->limit_count, "LIMIT", &limit) < 0 ||
        bind_limit(bc, parent, s->limit_offset, "OFFSET", &offset) < 0)
        return -1;
    if (limit || offset) {
        LogicalOp *l = bind_lop(bc, LOP_LIMIT, 1);
        l->children[0] = root;
        l->limit = limit;
        l->offset = offset;
        /* FETCH ... WITH TIES: rows equal to the last one on the ORDER BY
         * keys follow it (the keys are columns of the Limit's input). */
        if (ties && limit) {
            l->with_ties = true;
            l->ntie_keys = nsort;
            l->tie_keys = sort;
        }
        root = l;
    }
    *out = root;
    return 0;
}
