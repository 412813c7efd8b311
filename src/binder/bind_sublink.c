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
    BoundExpr *left = NULL;
    if (kind == SUBLINK_ANY || kind == SUBLINK_ALL) {
        if (sl->testexpr && sl->testexpr->node_case == PG_QUERY__NODE__NODE_ROW_EXPR) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "row comparisons with subqueries are not supported yet");
            return bind_error_at(bc, sl->location);
        }
        if (bind_expr(bc, sc, sl->testexpr, &left) < 0) return -1;
    }
    /* The subquery's own clauses start over: aggregates and set-returning
     * functions belong to it, not to the enclosing select list. */
    BoundQuery *q;
    bc->sublink_depth++;
    int rc = bind_select(bc, sc, sl->subselect->select_stmt, &q);
    bc->sublink_depth--;
    if (rc < 0) return -1;
    if (kind != SUBLINK_EXISTS && q->ntargets != 1) {
        if (kind == SUBLINK_SCALAR)
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "subquery must return only one column");
        else
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, q->ntargets > 1 ? "subquery has too many columns" : "subquery has too few columns");
        return bind_error_at(bc, sl->location);
    }
    BoundExpr *e = bind_new_expr(bc, BE_SUBQUERY, om_type(OM_T_BOOL), sl->location, 0);
    e->sublink = kind;
    e->subplan = q->root;
    if (kind == SUBLINK_SCALAR) {
        e->type = q->types[0];
    } else if (kind == SUBLINK_ANY || kind == SUBLINK_ALL) {
        const char *op = "=";
        if (sl->n_oper_name) op = bind_node_name(sl->oper_name[sl->n_oper_name - 1]);
        /* The comparison runs over a two-column probe: slot 0 the
         * subquery's value, slot 1 the left operand's. */
        BoundExpr *col = bind_new_expr(bc, BE_COLUMN, q->types[0], -1, 0);
        col->binding = -1;
        col->col = 0;
        if ((left->type.id == OM_T_UNKNOWN || left->type.id == OM_T_NULL) &&
            bind_coerce(bc, left, q->types[0], OM_COERCE_IMPLICIT, NULL, &left) < 0)
            return -1;
        BoundExpr *lcol = bind_new_expr(bc, BE_COLUMN, left->type, left->location, 0);
        lcol->binding = -1;
        lcol->col = 1;
        BoundExpr *cmp;
        if (bind_binary(bc, op, lcol, col, sl->location, &cmp) < 0) return -1;
        if (cmp->type.id != OM_T_BOOL) {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "op ANY/ALL (subquery) requires operator to yield boolean");
            return bind_error_at(bc, sl->location);
        }
        /* The comparison sees the left operand as a parameter of each
         * evaluation: args[0] is evaluated over the outer row. */
        e->nargs = 2;
        e->args = mem_new_array(bc->ctx, BoundExpr *, 2);
        e->args[0] = left;
        e->args[1] = cmp;
    }
    *out = e;
    return 0;
}
