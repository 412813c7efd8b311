/*
 * bind_cte.c — WITH, as PostgreSQL 12+ plans it:
 *   - every CTE body is bound once, when the WITH is (errors in an unread
 *     CTE are reported too); each reference in FROM is a LOP_CTE_REF;
 *   - once the query under the WITH is bound (bind_with_finish), a CTE
 *     read exactly once, free of side effects (no volatile call, not
 *     data-modifying, not recursive) and not MATERIALIZED is inlined: its
 *     reference becomes a projection over the body, so the optimizer sees
 *     through it; every other read CTE is computed once per statement by a
 *     LOP_CTE over the query, its rows buffered for each reference; an
 *     unread CTE is not computed, unless it writes (PostgreSQL runs a
 *     data-modifying CTE to completion whether read or not);
 *   - NOT MATERIALIZED binds the body again at each reference (inlined),
 *     unless it has side effects (PostgreSQL computes those once anyway);
 *   - WITH RECURSIVE: a body that reads itself must be `non-recursive term
 *     UNION [ALL] recursive term`, the reference appearing once, in the
 *     recursive term's own FROM (not in a subquery or on the NULL side of an
 *     outer join, no aggregate there), with PostgreSQL's 42P19 messages; the
 *     non-recursive term's types are the columns' types (42804 when the
 *     union's common type differs). The body becomes a LOP_RECURSIVE_UNION
 *     whose recursive term reads a LOP_WORKTABLE.
 *
 * WITH makes a scope level of its own holding only the CTEs, between the
 * query and its enclosing level: a body sees the CTEs before it (and, with
 * RECURSIVE, itself) and enclosing levels, not the query's FROM items.
 */
#include <string.h>

#include "../functions/fn_agg.h"
#include "../functions/functions.h"
#include "bind_int.h"

static int unsupported(BindCtx *bc, const char *what, int location)
{
    err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported yet", what);
    return bind_error_at(bc, location);
}

static int rec_error(BindCtx *bc, const char *msg, const char *name, int location)
{
    err_set(bc->err, ERRCODE_INVALID_RECURSION, msg, name);
    return bind_error_at(bc, location);
}

static bool is_dml(const PgQuery__Node *n)
{
    return n && (n->node_case == PG_QUERY__NODE__NODE_INSERT_STMT || n->node_case == PG_QUERY__NODE__NODE_UPDATE_STMT ||
                 n->node_case == PG_QUERY__NODE__NODE_DELETE_STMT);
}

static bool dml_returns(const PgQuery__Node *n)
{
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_INSERT_STMT: return n->insert_stmt->n_returning_list > 0;
    case PG_QUERY__NODE__NODE_UPDATE_STMT: return n->update_stmt->n_returning_list > 0;
    default: return n->delete_stmt->n_returning_list > 0;
    }
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
    if (op->kind == LOP_INSERT || op->kind == LOP_UPDATE || op->kind == LOP_DELETE) return true;
    if (lop_any_expr(op, expr_volatile, NULL)) return true;
    for (int i = 0; i < op->nchildren; i++)
        if (op_volatile(op->children[i])) return true;
    return false;
}

/* The location of the first aggregate call in a target list or HAVING
 * (for the recursive-term error), -1 if none is found. */
static int agg_location(PgQuery__Node *n)
{
    if (!n) return -1;
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_FUNC_CALL: {
        PgQuery__FuncCall *fc = n->func_call;
        const char *name = fc->n_funcname ? bind_node_name(fc->funcname[fc->n_funcname - 1]) : NULL;
        if (name && fn_agg_exists(name)) return fc->location;
        for (size_t i = 0; i < fc->n_args; i++) {
            int l = agg_location(fc->args[i]);
            if (l >= 0) return l;
        }
        return -1;
    }
    case PG_QUERY__NODE__NODE_RES_TARGET: return agg_location(n->res_target->val);
    case PG_QUERY__NODE__NODE_A_EXPR: {
        int l = agg_location(n->a_expr->lexpr);
        return l >= 0 ? l : agg_location(n->a_expr->rexpr);
    }
    case PG_QUERY__NODE__NODE_TYPE_CAST: return agg_location(n->type_cast->arg);
    default: return -1;
    }
}

static bool has_aggregate(const LogicalOp *op)
{
    if (op->kind == LOP_AGGREGATE && op->naggs > 0) return true;
    for (int i = 0; i < op->nchildren; i++)
        if (has_aggregate(op->children[i])) return true;
    return false;
}

/* The worktable reference under the NULL-extended side of an outer join:
 * its location, or -1. */
static int wt_outer_join(const LogicalOp *op, int wt_id, bool nullable)
{
    if (op->kind == LOP_WORKTABLE && op->cte_id == wt_id) return nullable ? (op->location >= 0 ? op->location : 0) : -1;
    for (int i = 0; i < op->nchildren; i++) {
        bool nul = nullable;
        if (op->kind == LOP_JOIN)
            nul = nul || op->join_type == JOIN_FULL || (op->join_type == JOIN_LEFT && i == 1) ||
                  (op->join_type == JOIN_RIGHT && i == 0);
        int l = wt_outer_join(op->children[i], wt_id, nul);
        if (l >= 0) return l;
    }
    return -1;
}

static bool same_type(OmType a, OmType b) { return a.id == b.id && a.typmod == b.typmod; }

/* A WITH RECURSIVE body. A body that does not read itself binds as any
 * query. */
static int bind_recursive(BindCtx *bc, BindScope *body, BindCte *c, BoundQuery **out)
{
    PgQuery__SelectStmt *s = c->cte->ctequery->select_stmt;
    const char *name = c->cte->ctename;
    if (s->op != PG_QUERY__SET_OPERATION__SETOP_UNION) {
        c->self = CTE_SELF_FORM;
        int rc = bind_select(bc, body, s, out);
        c->self = CTE_SELF_HIDDEN;
        return rc;
    }
    BoundQuery *l, *r;
    c->self = CTE_SELF_NONREC;
    int rc = bind_select(bc, body, s->larg, &l);
    c->self = CTE_SELF_HIDDEN;
    if (rc < 0) return -1;
    if ((int)c->cte->n_aliascolnames > l->ntargets) {
        err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "WITH query \"%s\" has %d columns available but %d columns specified",
                name, l->ntargets, (int)c->cte->n_aliascolnames);
        return bind_error_at(bc, c->cte->location);
    }
    c->wt_id = bind_new_binding(bc);
    c->wt_ncols = l->ntargets;
    c->wt_types = l->types;
    c->wt_names = mem_new_array(bc->ctx, const char *, l->ntargets > 0 ? l->ntargets : 1);
    for (int i = 0; i < l->ntargets; i++)
        c->wt_names[i] = i < (int)c->cte->n_aliascolnames ? bind_node_name(c->cte->aliascolnames[i]) : l->names[i];
    c->self = CTE_SELF_WORKTABLE;
    c->nself = 0;
    c->rec_depth = bc->sublink_depth;
    bool keep_unknown = bc->keep_unknown;
    bc->keep_unknown = true;
    rc = bind_select(bc, body, s->rarg, &r);
    bc->keep_unknown = keep_unknown;
    c->self = CTE_SELF_HIDDEN;
    if (rc < 0) return -1;
    if (c->nself == 0) return bind_select(bc, body, s, out); /* not recursive after all */
    c->recursive = true;
    if (s->n_sort_clause) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "ORDER BY in a recursive query is not implemented");
        return bind_error_at(bc, bind_node_location(s->sort_clause[0]->sort_by->node));
    }
    if (s->limit_offset) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "OFFSET in a recursive query is not implemented");
        return bind_error_at(bc, bind_node_location(s->limit_offset));
    }
    if (s->limit_count) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "LIMIT in a recursive query is not implemented");
        return bind_error_at(bc, bind_node_location(s->limit_count));
    }
    if (s->with_clause) return unsupported(bc, "WITH inside a recursive query", c->cte->location);
    int oj = wt_outer_join(r->root, c->wt_id, false);
    if (oj >= 0) return rec_error(bc, "recursive reference to query \"%s\" must not appear within an outer join", name, oj);
    if (has_aggregate(r->root)) {
        PgQuery__SelectStmt *rs = s->rarg;
        int loc = -1;
        for (size_t i = 0; i < rs->n_target_list && loc < 0; i++) loc = agg_location(rs->target_list[i]);
        if (loc < 0) loc = agg_location(rs->having_clause);
        err_set(bc->err, ERRCODE_INVALID_RECURSION, "aggregate functions are not allowed in a recursive query's recursive term");
        return bind_error_at(bc, loc);
    }
    if (l->ntargets != r->ntargets) {
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "each UNION query must have the same number of columns");
        return bind_error_at(bc, r->ntargets ? r->locations[0] : -1);
    }
    int n = l->ntargets;
    for (int i = 0; i < n; i++) {
        BoundExpr *pair[2] = {bind_colref(bc, -1, 0, l->types[i], l->locations[i]),
                              bind_colref(bc, -1, 0, r->types[i], r->locations[i])};
        OmType t;
        if (bind_common_type(bc, pair, 2, "UNION", &t) < 0) return -1;
        if (t.id == OM_T_UNKNOWN || t.id == OM_T_NULL) t = l->types[i];
        if (!same_type(t, l->types[i])) {
            char a[64], b[64];
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH,
                    "recursive query \"%s\" column %d has type %s in non-recursive term but type %s overall", name, i + 1,
                    type_name(l->types[i], a, sizeof a), type_name(t, b, sizeof b));
            err_hint(bc->err, "Cast the output of the non-recursive term to the correct type.");
            return bind_error_at(bc, l->locations[i]);
        }
        if (!s->all && (t.id == OM_T_JSON || t.id == OM_T_ARR_JSON)) {
            err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an equality operator for type json");
            return bind_error_at(bc, l->locations[i]);
        }
    }
    LogicalOp *u = bind_lop(bc, LOP_RECURSIVE_UNION, 2);
    if (bind_setop_branch(bc, l, l->types, n, 0, &u->children[0]) < 0 ||
        bind_setop_branch(bc, r, l->types, n, 0, &u->children[1]) < 0)
        return -1;
    u->binding = bind_new_binding(bc);
    u->ncols = n;
    u->types = l->types;
    u->setop_all = s->all;
    u->cte_id = c->wt_id;
    u->cte_name = name;
    BoundQuery *q = mem_new(bc->ctx, BoundQuery);
    q->root = u;
    q->ntargets = n;
    q->types = l->types;
    q->names = l->names;
    q->src_table = mem_new_array(bc->ctx, uint32_t, n > 0 ? n : 1);
    q->src_attnum = mem_new_array(bc->ctx, int16_t, n > 0 ? n : 1);
    q->locations = l->locations;
    *out = q;
    return 0;
}

/* Bind CTE i of ws (its body sees the CTEs before it, itself under
 * RECURSIVE, and enclosing levels). */
static int bind_body(BindCtx *bc, BindScope *ws, int i, bool recursive)
{
    BindCte *c = &ws->ctes[i];
    BindScope body = {.parent = ws->parent, .ctes = ws->ctes, .nctes = recursive ? i + 1 : i};
    PgQuery__Node *qn = c->cte->ctequery;
    int rc;
    c->binding_now = true;
    if (c->writes) {
        if (bc->query_depth > 1) {
            c->binding_now = false;
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                    "WITH clause containing a data-modifying statement must be at the top level");
            return bind_error_at(bc, c->cte->location);
        }
        rc = bind_dml_query(bc, &body, qn, &c->q);
    } else if (recursive) {
        rc = bind_recursive(bc, &body, c, &c->q);
    } else {
        rc = bind_select(bc, &body, qn->select_stmt, &c->q);
    }
    c->binding_now = false;
    if (rc < 0) return -1;
    if ((int)c->cte->n_aliascolnames > c->q->ntargets) {
        err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "WITH query \"%s\" has %d columns available but %d columns specified",
                c->cte->ctename, c->q->ntargets, (int)c->cte->n_aliascolnames);
        return bind_error_at(bc, c->cte->location);
    }
    return 0;
}

int bind_with(BindCtx *bc, BindScope *parent, PgQuery__WithClause *w, BindScope **out)
{
    *out = parent;
    if (!w) return 0;
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
        if (c->search_clause || c->cycle_clause)
            return unsupported(bc, c->search_clause ? "SEARCH" : "CYCLE", c->location);
        BindCte *e = &ws->ctes[ws->nctes++];
        e->cte = c;
        e->id = bind_new_binding(bc);
        e->writes = is_dml(c->ctequery);
        e->has_returning = e->writes && dml_returns(c->ctequery);
        if (!e->writes && (!c->ctequery || c->ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT))
            return unsupported(bc, "this statement in WITH", c->location);
    }
    /* Bodies in list order: a body sees the CTEs before it. NOT
     * MATERIALIZED ones free of side effects are bound again at each
     * reference (inlined copies); PostgreSQL computes a volatile,
     * writing or recursive one once all the same. */
    for (int i = 0; i < ws->nctes; i++) {
        BindCte *c = &ws->ctes[i];
        if (bind_body(bc, ws, i, w->recursive) < 0) return -1;
        c->copies = !c->writes && !c->recursive &&
                    c->cte->ctematerialized == PG_QUERY__CTEMATERIALIZE__CTEMaterializeNever && !op_volatile(c->q->root);
    }
    *out = ws;
    return 0;
}

/* A FROM item reading CTE c: its column names (CTE aliases, then the
 * reference's own). */
static int add_ref_rel(BindCtx *bc, BindScope *local, PgQuery__RangeVar *rv, const char *name, int binding, int ncols,
                       const char **basenames, const OmType *types, BindCte *c)
{
    const char **names = mem_new_array(bc->ctx, const char *, ncols > 0 ? ncols : 1);
    for (int k = 0; k < ncols; k++)
        names[k] = k < (int)c->cte->n_aliascolnames ? bind_node_name(c->cte->aliascolnames[k]) : basenames[k];
    BindRel *r = bind_add_rel(bc, local, name, binding, ncols, names, types, 0);
    if (rv->alias && rv->alias->n_colnames) {
        if ((int)rv->alias->n_colnames > r->ncols) {
            err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "table \"%s\" has %d columns available but %d columns specified",
                    name, r->ncols, (int)rv->alias->n_colnames);
            return bind_error_at(bc, rv->location);
        }
        for (size_t k = 0; k < rv->alias->n_colnames; k++) r->colnames[k] = bind_node_name(rv->alias->colnames[k]);
    }
    return 0;
}

/* A reference to a recursive CTE inside its own recursive term. */
static int worktable_ref(BindCtx *bc, BindCte *c, PgQuery__RangeVar *rv, BindScope *local, LogicalOp **out)
{
    const char *cn = c->cte->ctename;
    if (c->self == CTE_SELF_FORM)
        return rec_error(bc, "recursive query \"%s\" does not have the form non-recursive-term UNION [ALL] recursive-term",
                         cn, c->cte->location);
    if (c->self == CTE_SELF_NONREC)
        return rec_error(bc, "recursive reference to query \"%s\" must not appear within its non-recursive term", cn,
                         rv->location);
    if (bc->sublink_depth != c->rec_depth)
        return rec_error(bc, "recursive reference to query \"%s\" must not appear within a subquery", cn, rv->location);
    if (++c->nself > 1)
        return rec_error(bc, "recursive reference to query \"%s\" must not appear more than once", cn, rv->location);
    LogicalOp *wt = bind_lop(bc, LOP_WORKTABLE, 0);
    wt->binding = bind_new_binding(bc);
    wt->ncols = c->wt_ncols;
    wt->types = c->wt_types;
    wt->cte_id = c->wt_id;
    wt->cte_name = cn;
    wt->location = rv->location;
    const char *name = rv->alias ? rv->alias->aliasname : cn;
    if (add_ref_rel(bc, local, rv, name, wt->binding, wt->ncols, c->wt_names, wt->types, c) < 0) return -1;
    *out = wt;
    return 1;
}

int bind_cte_ref(BindCtx *bc, BindScope *sc, PgQuery__RangeVar *rv, BindScope *local, LogicalOp **out)
{
    if (rv->schemaname && rv->schemaname[0]) return 0;
    for (BindScope *s = sc; s; s = s->parent)
        for (int i = 0; i < s->nctes; i++) {
            BindCte *c = &s->ctes[i];
            if (strcmp(c->cte->ctename, rv->relname)) continue;
            if (c->binding_now) {
                if (c->self == CTE_SELF_HIDDEN) continue;
                return worktable_ref(bc, c, rv, local, out);
            }
            const char *name = rv->alias ? rv->alias->aliasname : c->cte->ctename;
            if (c->copies) {
                /* NOT MATERIALIZED: this reference's own copy of the body. */
                BindScope body = {.parent = s->parent, .ctes = s->ctes, .nctes = i};
                BoundQuery *q;
                c->binding_now = true;
                int rc = bind_select(bc, &body, c->cte->ctequery->select_stmt, &q);
                c->binding_now = false;
                if (rc < 0) return -1;
                if ((int)c->cte->n_aliascolnames > q->ntargets) {
                    err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE,
                            "WITH query \"%s\" has %d columns available but %d columns specified", c->cte->ctename,
                            q->ntargets, (int)c->cte->n_aliascolnames);
                    return bind_error_at(bc, c->cte->location);
                }
                if (bind_derived(bc, q, name, c->cte->aliascolnames, c->cte->n_aliascolnames, local, out) < 0) return -1;
                BindRel *r = local->rels[local->nrels - 1];
                if (rv->alias && rv->alias->n_colnames) {
                    if ((int)rv->alias->n_colnames > r->ncols) {
                        err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE,
                                "table \"%s\" has %d columns available but %d columns specified", name, r->ncols,
                                (int)rv->alias->n_colnames);
                        return bind_error_at(bc, rv->location);
                    }
                    for (size_t k = 0; k < rv->alias->n_colnames; k++) r->colnames[k] = bind_node_name(rv->alias->colnames[k]);
                }
                return 1;
            }
            if (c->writes && !c->has_returning) {
                err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "WITH query \"%s\" does not have a RETURNING clause",
                        c->cte->ctename);
                return bind_error_at(bc, rv->location);
            }
            LogicalOp *ref = bind_lop(bc, LOP_CTE_REF, 0);
            ref->binding = bind_new_binding(bc);
            ref->ncols = c->q->ntargets;
            ref->types = c->q->types;
            ref->cte_id = c->id;
            ref->cte_name = c->cte->ctename;
            ref->location = rv->location;
            if (add_ref_rel(bc, local, rv, name, ref->binding, ref->ncols, (const char **)c->q->names, ref->types, c) < 0)
                return -1;
            c->nrefs++;
            c->ref = ref;
            *out = ref;
            return 1;
        }
    return 0;
}

/* Inline the one reference of c: it becomes a projection of the body's
 * visible columns under the reference's binding. */
static void inline_ref(BindCtx *bc, BindCte *c)
{
    LogicalOp *ref = c->ref;
    ColBinding *outs;
    OmType *types;
    lop_outputs(bc->ctx, c->q->root, &outs, &types);
    LogicalOp *p = bind_lop(bc, LOP_PROJECT, 1);
    p->children[0] = c->q->root;
    p->binding = ref->binding;
    p->nexprs = c->q->ntargets;
    p->exprs = mem_new_array(bc->ctx, BoundExpr *, p->nexprs > 0 ? p->nexprs : 1);
    for (int k = 0; k < p->nexprs; k++) p->exprs[k] = bind_colref(bc, outs[k].binding, outs[k].col, c->q->types[k], -1);
    *ref = *p;
}

int bind_with_finish(BindCtx *bc, BindScope *ws, BindScope *parent, LogicalOp **root)
{
    if (ws == parent || !ws) return 0;
    for (int i = ws->nctes - 1; i >= 0; i--) {
        BindCte *c = &ws->ctes[i];
        if (c->copies) continue;             /* NOT MATERIALIZED: inlined at each reference */
        if (!c->writes && c->nrefs == 0) continue;
        bool always = c->cte->ctematerialized == PG_QUERY__CTEMATERIALIZE__CTEMaterializeAlways;
        if (!c->writes && !c->recursive && !always && c->nrefs == 1 && !op_volatile(c->q->root)) {
            inline_ref(bc, c);
            continue;
        }
        LogicalOp *w = bind_lop(bc, LOP_CTE, 2);
        w->children[0] = *root;
        w->children[1] = c->q->root;
        w->cte_id = c->id;
        w->cte_name = c->cte->ctename;
        w->cte_writes = c->writes;
        w->ncols = c->q->ntargets;
        *root = w;
    }
    return 0;
}
