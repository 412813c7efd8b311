/*
 * bind_cte.c — WITH (non-recursive): each reference to a CTE is bound as a
 * derived table over the CTE's query, i.e. inlined, which gives
 * PostgreSQL's results for every side-effect-free query whether it would
 * have materialised the CTE or not. A CTE whose query calls a volatile
 * function (nextval, random) must be computed once for all references:
 * not done yet, so 0A000 rather than a different answer; so are RECURSIVE
 * and data-modifying CTEs.
 *
 * WITH makes a scope level of its own holding only the CTEs, between the
 * query and its enclosing level: the CTE bodies are bound under it (they
 * see earlier CTEs and enclosing levels, not the query's FROM items).
 */
#include <string.h>

#include "../functions/functions.h"
#include "bind_int.h"

static int unsupported(BindCtx *bc, const char *what, int location)
{
    err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported yet", what);
    return bind_error_at(bc, location);
}

int bind_with(BindCtx *bc, BindScope *parent, PgQuery__WithClause *w, BindScope **out)
{
    *out = parent;
    if (!w) return 0;
    if (w->recursive) return unsupported(bc, "WITH RECURSIVE", w->location);
    BindScope *ws = mem_new(bc->ctx, BindScope);
    ws->parent = parent;
    ws->ctes = mem_new_array(bc->ctx, BindCte, w->n_ctes > 0 ? w->n_ctes : 1);
    for (size_t i = 0; i < w->n_ctes; i++) {
        PgQuery__CommonTableExpr *c = w->ctes[i]->common_table_expr;
        for (int k = 0; k < ws->nctes; k++)
            if (!strcmp(ws->ctes[k].cte->ctename, c->ctename)) {
                err_set(bc->err, ERRCODE_DUPLICATE_ALIAS, "WITH query name \"%s\" specified more than once", c->ctename);
                return bind_error_at(bc, c->location);
            }
        if (!c->ctequery || c->ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
            return unsupported(bc, "data-modifying statements in WITH", c->location);
        ws->ctes[ws->nctes++].cte = c;
    }
    *out = ws;
    return 0;
}

static bool op_volatile(const LogicalOp *op);

static bool expr_volatile(const BoundExpr *e, void *arg)
{
    if (!e) return false;
    if (e->kind == BE_FUNC && e->fn && (e->fn->flags & FN_VOLATILE)) return true;
    if (e->kind == BE_SUBQUERY && op_volatile(e->subplan)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (expr_volatile(e->args[i], arg)) return true;
    return false;
}

static bool op_volatile(const LogicalOp *op)
{
    if (lop_any_expr(op, expr_volatile, NULL)) return true;
    for (int i = 0; i < op->nchildren; i++)
        if (op_volatile(op->children[i])) return true;
    return false;
}

int bind_cte_ref(BindCtx *bc, BindScope *sc, PgQuery__RangeVar *rv, BindScope *local, LogicalOp **out)
{
    if (rv->schemaname && rv->schemaname[0]) return 0;
    for (BindScope *s = sc; s; s = s->parent)
        for (int i = 0; i < s->nctes; i++) {
            BindCte *c = &s->ctes[i];
            if (c->binding_now || strcmp(c->cte->ctename, rv->relname)) continue;
            /* The body sees the CTEs before it in its list, and enclosing levels. */
            BindScope body = {.parent = s->parent, .ctes = s->ctes, .nctes = i};
            BoundQuery *q;
            c->binding_now = true;
            int rc = bind_select(bc, &body, c->cte->ctequery->select_stmt, &q);
            c->binding_now = false;
            if (rc < 0) return -1;
            if (op_volatile(q->root))
                return unsupported(bc, "a WITH query calling a volatile function", c->cte->location);
            if ((int)c->cte->n_aliascolnames > q->ntargets) {
                err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "WITH query \"%s\" has %d columns available but %d columns specified",
                        c->cte->ctename, q->ntargets, (int)c->cte->n_aliascolnames);
                return bind_error_at(bc, c->cte->location);
            }
            const char *name = rv->alias ? rv->alias->aliasname : c->cte->ctename;
            if (bind_derived(bc, q, name, c->cte->aliascolnames, c->cte->n_aliascolnames, local, out) < 0) return -1;
            if (rv->alias && rv->alias->n_colnames) {
                BindRel *r = local->rels[local->nrels - 1];
                if ((int)rv->alias->n_colnames > r->ncols) {
                    err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "table \"%s\" has %d columns available but %d columns specified",
                            name, r->ncols, (int)rv->alias->n_colnames);
                    return bind_error_at(bc, rv->location);
                }
                for (size_t k = 0; k < rv->alias->n_colnames; k++) r->colnames[k] = bind_node_name(rv->alias->colnames[k]);
            }
            return 1;
        }
    return 0;
}
