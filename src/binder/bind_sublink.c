/*
 * bind_sublink.c — subqueries in expressions (PostgreSQL's SubLink):
 * (SELECT ...) as a scalar, EXISTS (...), x IN / op ANY / op ALL (...).
 *
 * The subquery is bound as a query level whose scope's parent is the
 * expression's scope, so its names may resolve to enclosing levels
 * (correlated references, kept as BE_COLUMN of the outer binding; the
 * planner turns them into parameters). ANY / ALL keep, as args[1], the
 * comparison of the left operand (args[0]) with the subquery's column,
 * the latter a stand-in column (binding -1, slot 0) that the executor
 * points at each row of the subquery's result.
 */
#include <string.h>

#include "bind_int.h"

/* EXISTS reads no column of its subquery (PostgreSQL's
 * simplify_EXISTS_query): without aggregates, set operations or
 * set-returning functions the select list, DISTINCT and ORDER BY go, so
 * nothing there is evaluated or folded (`EXISTS (SELECT 1 / 0 FROM t)`). */
static LogicalOp *simplify_exists(BindCtx *bc, LogicalOp *root)
{
    LogicalOp *op = root;
    while (op->kind == LOP_ORDER || (op->kind == LOP_DISTINCT && !op->distinct_on)) op = op->children[0];
    if (op->kind != LOP_PROJECT) return root;
    for (LogicalOp *in = op->children[0]; in->kind == LOP_FILTER || in->kind == LOP_AGGREGATE; in = in->children[0])
        if (in->kind == LOP_AGGREGATE && in->naggs > 0) return root;
    if (op->children[0]->kind == LOP_PROJECT_SET) return root;
    LogicalOp *p = mem_new(bc->ctx, LogicalOp);
    *p = *op;
    p->exprs = mem_new_array(bc->ctx, BoundExpr *, op->nexprs > 0 ? op->nexprs : 1);
    for (int i = 0; i < op->nexprs; i++) p->exprs[i] = bind_make_const(bc->ctx, op->exprs[i]->type, true);
    return p;
}

int bind_sublink(BindCtx *bc, BindScope *sc, PgQuery__SubLink *sl, BoundExpr **out)
{
    if (!sl->subselect || sl->subselect->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "this kind of subquery is not supported yet");
        return bind_error_at(bc, sl->location);
    }
    SubLinkKind kind;
    switch (sl->sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: kind = SUBLINK_SCALAR; break;
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK: kind = SUBLINK_EXISTS; break;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK: kind = SUBLINK_ANY; break;
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK: kind = SUBLINK_ALL; break;
    default:
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "this kind of subquery is not supported yet");
        return bind_error_at(bc, sl->location);
    }
    /* The left operands: one, or the fields of a row (a, b) IN (...). */
    int nleft = 0;
    BoundExpr **left = NULL;
    if (kind == SUBLINK_ANY || kind == SUBLINK_ALL) {
        PgQuery__Node *t = sl->testexpr;
        bool row = t && t->node_case == PG_QUERY__NODE__NODE_ROW_EXPR;
        nleft = row ? (int)t->row_expr->n_args : 1;
        left = mem_new_array(bc->ctx, BoundExpr *, nleft > 0 ? nleft : 1);
        for (int i = 0; i < nleft; i++)
            if (bind_expr(bc, sc, row ? t->row_expr->args[i] : t, &left[i]) < 0) return -1;
    }
    /* The subquery's own clauses start over: aggregates and set-returning
     * functions belong to it, not to the enclosing select list. */
    BoundQuery *q;
    bc->sublink_depth++;
    int rc = bind_select(bc, sc, sl->subselect->select_stmt, &q);
    bc->sublink_depth--;
    if (rc < 0) return -1;
    int want = kind == SUBLINK_ANY || kind == SUBLINK_ALL ? nleft : 1;
    if (kind != SUBLINK_EXISTS && q->ntargets != want) {
        if (kind == SUBLINK_SCALAR)
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "subquery must return only one column");
        else
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, q->ntargets > want ? "subquery has too many columns" : "subquery has too few columns");
        return bind_error_at(bc, sl->location);
    }
    BoundExpr *e = bind_new_expr(bc, BE_SUBQUERY, om_type(OM_T_BOOL), sl->location, 0);
    e->sublink = kind;
    e->subplan = kind == SUBLINK_EXISTS ? simplify_exists(bc, q->root) : q->root;
    if (kind == SUBLINK_SCALAR) {
        e->type = q->types[0];
    } else if (kind == SUBLINK_ANY || kind == SUBLINK_ALL) {
        const char *op = "=";
        if (sl->n_oper_name) op = bind_node_name(sl->oper_name[sl->n_oper_name - 1]);
        /* The comparison runs over a probe of 2n columns: slots 0..n-1 a
         * row of the subquery, slots n..2n-1 the left operands. A row
         * compares as PostgreSQL's row comparison (= all, <> any, < <= > >=
         * lexicographic). */
        BoundExpr **subs = mem_new_array(bc->ctx, BoundExpr *, nleft);
        BoundExpr **lefts = mem_new_array(bc->ctx, BoundExpr *, nleft);
        for (int i = 0; i < nleft; i++) {
            BoundExpr *col = bind_new_expr(bc, BE_COLUMN, q->types[i], -1, 0);
            col->binding = -1;
            col->col = i;
            subs[i] = col;
            if ((left[i]->type.id == OM_T_UNKNOWN || left[i]->type.id == OM_T_NULL) &&
                bind_coerce(bc, left[i], q->types[i], OM_COERCE_IMPLICIT, NULL, &left[i]) < 0)
                return -1;
            BoundExpr *lcol = bind_new_expr(bc, BE_COLUMN, left[i]->type, left[i]->location, 0);
            lcol->binding = -1;
            lcol->col = nleft + i;
            lefts[i] = lcol;
        }
        BoundExpr *cmp;
        if (nleft == 1) {
            if (bind_binary(bc, op, lefts[0], subs[0], sl->location, &cmp) < 0) return -1;
        } else if (bind_row_compare_exprs(bc, op, lefts, subs, nleft, sl->location, &cmp) < 0) {
            return -1;
        }
        if (cmp->type.id != OM_T_BOOL) {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "op ANY/ALL (subquery) requires operator to yield boolean");
            return bind_error_at(bc, sl->location);
        }
        /* The comparison sees the left operands as parameters of each
         * evaluation: args[0..n-1] are evaluated over the outer row, args[n]
         * is the comparison. */
        e->nargs = nleft + 1;
        e->args = mem_new_array(bc->ctx, BoundExpr *, nleft + 1);
        for (int i = 0; i < nleft; i++) e->args[i] = left[i];
        e->args[nleft] = cmp;
    }
    *out = e;
    return 0;
}
