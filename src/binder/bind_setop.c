/*
 * bind_setop.c — UNION / INTERSECT / EXCEPT [ALL], as logical operators
 * the engine already runs:
 *   UNION ALL            SetOp (append) of the two branches, each
 *                        projected to the columns' common types
 *                        (select_common_type, "UNION" in messages)
 *   UNION                an Aggregate grouping every column over that
 *   INTERSECT / EXCEPT   the branches tagged 1 / 2 in an extra column,
 *                        appended, grouped on every column with the
 *                        number of rows from each side (count(*) FILTER);
 *                        without ALL a Filter keeps groups present in both
 *                        sides / only in the left; with ALL a ProjectSet of
 *                        generate_series(1, least(l, r)) / (1, l - r)
 *                        repeats each group as often as PostgreSQL does
 * then ORDER BY (result column names or positions only) and LIMIT.
 * NULLs compare equal here, as grouping does.
 */
#include <string.h>

#include "../functions/fn_agg.h"
#include "bind_int.h"

static const char *setop_name(PgQuery__SetOperation op)
{
    return op == PG_QUERY__SET_OPERATION__SETOP_UNION ? "UNION"
           : op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT ? "INTERSECT" : "EXCEPT";
}

/* A branch projected to the result types (and, for INTERSECT / EXCEPT, a
 * tag column). */
int bind_setop_branch(BindCtx *bc, BoundQuery *q, const OmType *types, int n, int tag, LogicalOp **out)
{
    ColBinding *cb;
    OmType *ts;
    lop_outputs(bc->ctx, q->root, &cb, &ts);
    LogicalOp *p = bind_lop(bc, LOP_PROJECT, 1);
    p->children[0] = q->root;
    p->binding = bind_new_binding(bc);
    p->nexprs = n + (tag ? 1 : 0);
    p->exprs = mem_new_array(bc->ctx, BoundExpr *, p->nexprs > 0 ? p->nexprs : 1);
    for (int i = 0; i < n; i++) {
        BoundExpr *c = bind_colref(bc, cb[i].binding, cb[i].col, q->types[i], q->locations[i]);
        if (bind_coerce(bc, c, types[i], OM_COERCE_IMPLICIT, NULL, &p->exprs[i]) < 0) return -1;
    }
    if (tag) {
        BoundExpr *t = bind_make_const(bc->ctx, om_type(OM_T_INT4), false);
        ((int32_t *)t->cval.data)[0] = tag;
        p->exprs[n] = t;
    }
    *out = p;
    return 0;
}

static BoundExpr *int8_const(BindCtx *bc, int64_t v)
{
    BoundExpr *c = bind_make_const(bc->ctx, om_type(OM_T_INT8), false);
    ((int64_t *)c->cval.data)[0] = v;
    return c;
}

int bind_setop(BindCtx *bc, BindScope *parent, PgQuery__SelectStmt *s, BoundQuery **out)
{
    BindScope *outer = parent;
    if (bind_with(bc, outer, s->with_clause, &parent) < 0) return -1;
    const char *what = setop_name(s->op);
    BoundQuery *l, *r;
    /* Untyped branch outputs ('1', NULL) stay unknown until the common
     * type of the column is known (PostgreSQL's transformSetOperationTree). */
    bool keep_unknown = bc->keep_unknown;
    bc->keep_unknown = true;
    int rc = bind_select(bc, parent, s->larg, &l);
    bc->keep_unknown = true;
    if (rc == 0) rc = bind_select(bc, parent, s->rarg, &r);
    bc->keep_unknown = keep_unknown;
    if (rc < 0) return -1;
    if (l->ntargets != r->ntargets) {
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "each %s query must have the same number of columns", what);
        return bind_error_at(bc, r->ntargets ? r->locations[0] : -1);
    }
    int n = l->ntargets;
    OmType *types = mem_new_array(bc->ctx, OmType, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) {
        BoundExpr *pair[2] = {bind_colref(bc, -1, 0, l->types[i], l->locations[i]),
                              bind_colref(bc, -1, 0, r->types[i], r->locations[i])};
        if (bind_common_type(bc, pair, 2, what, &types[i]) < 0) return -1;
        if (types[i].id == OM_T_UNKNOWN || types[i].id == OM_T_NULL) types[i] = om_type(OM_T_TEXT);
        if (types[i].id == OM_T_JSON && !(s->op == PG_QUERY__SET_OPERATION__SETOP_UNION && s->all)) {
            err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an equality operator for type json");
            return bind_error_at(bc, l->locations[i]);
        }
    }
    bool counted = s->op != PG_QUERY__SET_OPERATION__SETOP_UNION;
    LogicalOp *lp, *rp;
    if (bind_setop_branch(bc, l, types, n, counted ? 1 : 0, &lp) < 0 ||
        bind_setop_branch(bc, r, types, n, counted ? 2 : 0, &rp) < 0)
        return -1;
    LogicalOp *u = bind_lop(bc, LOP_SETOP, 2);
    u->children[0] = lp;
    u->children[1] = rp;
    u->binding = bind_new_binding(bc);
    u->setop = SETOP_UNION;
    u->setop_all = true;
    u->ncols = n + (counted ? 1 : 0);
    u->types = mem_new_array(bc->ctx, OmType, u->ncols > 0 ? u->ncols : 1);
    for (int i = 0; i < n; i++) u->types[i] = types[i];
    if (counted) u->types[n] = om_type(OM_T_INT4);
    LogicalOp *root = u;
    int out_binding = u->binding;
    if (!(s->op == PG_QUERY__SET_OPERATION__SETOP_UNION && s->all)) {
        LogicalOp *a = bind_lop(bc, LOP_AGGREGATE, 1);
        a->children[0] = u;
        a->binding = bind_new_binding(bc);
        a->agg_binding = bind_new_binding(bc);
        a->nexprs = n;
        a->exprs = mem_new_array(bc->ctx, BoundExpr *, n > 0 ? n : 1);
        for (int i = 0; i < n; i++) a->exprs[i] = bind_colref(bc, u->binding, i, types[i], -1);
        root = a;
        out_binding = a->binding;
        if (counted) {
            /* rows from each side: count(*) FILTER (WHERE tag = 1 / 2) */
            a->naggs = 2;
            a->aggs = mem_new_array(bc->ctx, BoundAgg, 2);
            for (int k = 0; k < 2; k++) {
                BoundAgg *g = &a->aggs[k];
                g->star = true;
                g->fn = fn_agg_lookup("count", OM_T_NULL, true);
                g->type = om_type(OM_T_INT8);
                BoundExpr *tag = bind_make_const(bc->ctx, om_type(OM_T_INT4), false);
                ((int32_t *)tag->cval.data)[0] = k + 1;
                if (bind_binary(bc, "=", bind_colref(bc, u->binding, n, om_type(OM_T_INT4), -1), tag, -1, &g->filter) < 0)
                    return -1;
            }
            BoundExpr *cl = bind_colref(bc, a->agg_binding, 0, om_type(OM_T_INT8), -1);
            BoundExpr *cr = bind_colref(bc, a->agg_binding, 1, om_type(OM_T_INT8), -1);
            bool intersect = s->op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT;
            if (!s->all) {
                BoundExpr *c1, *c2, *both;
                if (bind_binary(bc, ">", cl, int8_const(bc, 0), -1, &c1) < 0) return -1;
                if (bind_binary(bc, intersect ? ">" : "=", cr, int8_const(bc, 0), -1, &c2) < 0) return -1;
                both = bind_new_expr(bc, BE_AND, om_type(OM_T_BOOL), -1, 2);
                both->args[0] = c1;
                both->args[1] = c2;
                root = bind_lop_filter(bc, root, both);
            } else {
                BoundExpr *times;
                if (intersect) {
                    times = bind_new_expr(bc, BE_MINMAX, om_type(OM_T_INT8), -1, 2);
                    times->op = BOP_LT;
                    times->args[0] = cl;
                    times->args[1] = cr;
                } else if (bind_binary(bc, "-", cl, cr, -1, &times) < 0) {
                    return -1;
                }
                BoundExpr *args[2] = {int8_const(bc, 1), times}, *gs;
                if (bind_func_call(bc, "generate_series", args, 2, -1, false, &gs) < 0) return -1;
                LogicalOp *ps = bind_lop(bc, LOP_PROJECT_SET, 1);
                ps->children[0] = root;
                ps->binding = bind_new_binding(bc);
                ps->nsrfs = 1;
                ps->srfs = mem_new_array(bc->ctx, BoundExpr *, 1);
                ps->srfs[0] = gs;
                ps->ncols = 1;
                ps->types = mem_new_array(bc->ctx, OmType, 1);
                ps->types[0] = gs->type;
                root = ps;
            }
        }
    }
    /* The result's columns, then ORDER BY / LIMIT over them. */
    TargetList tl = {0};
    for (int i = 0; i < n; i++) bind_tl_add(bc, &tl, bind_colref(bc, out_binding, i, types[i], -1), l->names[i], 0, 0);
    BindScope sc = {.parent = parent, .clause = "ORDER BY"};
    const char **names = mem_new_array(bc->ctx, const char *, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) names[i] = l->names[i];
    bind_add_rel(bc, &sc, NULL, out_binding, n, names, types, 0);
    int nsort = (int)s->n_sort_clause;
    BoundOrder *sort = mem_new_array(bc->ctx, BoundOrder, nsort > 0 ? nsort : 1);
    for (int i = 0; i < nsort; i++) {
        int col;
        if (bind_sort_item(bc, &sc, &tl, n, s->sort_clause[i]->sort_by, &col, &sort[i]) < 0 ||
            bind_sort_key_check(bc, &tl, col) < 0)
            return -1;
        if (col >= n) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause");
            err_detail(bc->err, "Only result column names can be used, not expressions or functions.");
            err_hint(bc->err, "Add the expression/function to every SELECT, or move the UNION into a FROM clause.");
            return bind_error_at(bc, bind_node_location(s->sort_clause[i]->sort_by->node));
        }
        sort[i].expr = bind_colref(bc, out_binding, col, types[col], -1);
    }
    LogicalOp *proj = bind_lop(bc, LOP_PROJECT, 1);
    proj->children[0] = root;
    proj->binding = bind_new_binding(bc);
    proj->nexprs = n;
    proj->exprs = tl.exprs;
    root = proj;
    for (int i = 0; i < nsort; i++) sort[i].expr->binding = proj->binding;
    if (bind_order_limit(bc, parent, s, root, sort, nsort, &root) < 0) return -1;
    if (bind_with_finish(bc, parent, outer, &root) < 0) return -1;
    BoundQuery *bq = mem_new(bc->ctx, BoundQuery);
    bq->root = root;
    bq->ntargets = n;
    bq->types = types;
    bq->names = tl.names;
    bq->src_table = mem_new_array(bc->ctx, uint32_t, n > 0 ? n : 1);
    bq->src_attnum = mem_new_array(bc->ctx, int16_t, n > 0 ? n : 1);
    bq->locations = mem_new_array(bc->ctx, int, n > 0 ? n : 1);
    for (int i = 0; i < n; i++) bq->locations[i] = l->locations[i];
    *out = bq;
    return 0;
}
