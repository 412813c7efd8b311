/*
 * bind_stmt.c — statements: INSERT, UPDATE, DELETE, CREATE TABLE, DROP
 * TABLE, transaction control; everything else is refused with 0A000 naming
 * the statement.
 */
#include <stdio.h>
#include <string.h>

#include "bind_int.h"

int bind_create_sequence(BindCtx *bc, PgQuery__CreateSeqStmt *cs, BoundStmt *st);
int bind_drop_sequence(BindCtx *bc, PgQuery__DropStmt *ds, BoundStmt *st);
int bind_alter_sequence(BindCtx *bc, PgQuery__AlterSeqStmt *as, BoundStmt *st);
int bind_column_sequence(BindCtx *bc, CatTable *t, int col, PgQuery__Node **opts, size_t nopts, CatSequence **out);

static int unsupported(BindCtx *bc, const char *what)
{
    return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported yet", what);
}

/* The value a column gets when the statement does not give one. */
static int column_default(BindCtx *bc, const CatColumn *c, BoundExpr **out)
{
    if (c->default_expr) {
        /* A stored expression (nextval(...), now()): parsed and bound for
         * this statement; evaluated per row. Errors in it carry no position
         * in the user's text. */
        PgQuery__Node *n;
        if (parse_expr(bc->ctx, c->default_expr, &n, bc->err) < 0) return -1;
        BindCtx sub = *bc;
        sub.sql = NULL;
        BindScope sc = {.clause = "DEFAULT expressions"};
        BoundExpr *e;
        if (bind_expr(&sub, &sc, n, &e) < 0) return -1;
        if (bind_coerce(&sub, e, c->type, OM_COERCE_ASSIGNMENT, c->name, out) < 0) return -1;
        bc->err->position = 0;
        return 0;
    }
    if (!c->has_default || !c->default_text) {
        *out = bind_make_const(bc->ctx, c->type, true);
        return 0;
    }
    BoundExpr *e = bind_make_const(bc->ctx, c->type, false);
    if (type_in(c->type, c->default_text, strlen(c->default_text), &e->cval, 0, bc->ctx, bc->err) < 0)
        return -1;
    *out = e;
    return 0;
}

static int find_column(const CatTable *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (!strcmp(t->cols[i].name, name)) return i;
    return -1;
}

static BoundExpr *colref(BindCtx *bc, int binding, OmType t, int col)
{
    return bind_colref(bc, binding, col, t, -1);
}

static LogicalOp *values_op(BindCtx *bc, const CatTable *t, int nrows, BoundExpr ***rows)
{
    LogicalOp *v = bind_lop(bc, LOP_VALUES, 0);
    v->binding = bind_new_binding(bc);
    v->nrows = nrows;
    v->rows = rows;
    v->ncols = t->ncols;
    v->types = mem_new_array(bc->ctx, OmType, t->ncols > 0 ? t->ncols : 1);
    for (int c = 0; c < t->ncols; c++) v->types[c] = t->cols[c].type;
    return v;
}

static LogicalOp *dml_op(BindCtx *bc, LogicalKind k, CatTable *t, LogicalOp *child)
{
    LogicalOp *op = bind_lop(bc, k, 1);
    op->children[0] = child;
    op->table = t;
    return op;
}

/* ---- RETURNING --------------------------------------------------------------- */

/* Finish a write statement: its WITH (ws over parent), and RETURNING: the
 * write then outputs the affected rows under a binding of its own, and a
 * projection of the list over them makes st->query. Without a list the
 * statement returns no rows. */
static bool has_sublink(const BoundExpr *e)
{
    if (!e) return false;
    if (e->kind == BE_SUBQUERY) return true;
    for (int i = 0; i < e->nargs; i++)
        if (has_sublink(e->args[i])) return true;
    return false;
}

static int bind_returning(BindCtx *bc, BindScope *ws, BindScope *parent, CatTable *t, const char *alias,
                          PgQuery__Node **list, size_t n, BoundStmt *st)
{
    LogicalOp *dml = st->dml;
    if (bind_with_finish(bc, ws, parent, &st->dml) < 0) return -1;
    if (!n) return 0;
    dml->returning = true;
    dml->binding = bind_new_binding(bc);
    BindScope sc = {.parent = ws, .clause = "RETURNING"};
    bind_add_table(bc, &sc, t, alias, dml->binding);
    TargetList tl = {0};
    for (size_t i = 0; i < n; i++) {
        PgQuery__ResTarget *rt = list[i]->res_target;
        PgQuery__Node *v = rt->val;
        if (v->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && v->column_ref->n_fields &&
            v->column_ref->fields[v->column_ref->n_fields - 1]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
            PgQuery__ColumnRef *cr = v->column_ref;
            if (cr->n_fields == 2 &&
                bind_check_qualifier(bc, &sc, bind_node_name(cr->fields[0]), cr->location) < 0)
                return -1;
            for (int c = 0; c < t->ncols; c++)
                bind_tl_add(bc, &tl, colref(bc, dml->binding, t->cols[c].type, c), t->cols[c].name, t->oid,
                            (int16_t)(c + 1));
            continue;
        }
        BoundExpr *e;
        if (bind_expr(bc, &sc, v, &e) < 0 || bind_resolve_unknown(bc, e, &e) < 0) return -1;
        /* PostgreSQL's subqueries there read the snapshot from before the
         * statement; ours would see its own writes. */
        if (!st->want_returning && has_sublink(e)) return unsupported(bc, "a subquery in RETURNING");
        bind_tl_add(bc, &tl, e, rt->name && rt->name[0] ? rt->name : bind_figure_colname(v), 0, 0);
    }
    LogicalOp *p = bind_lop(bc, LOP_PROJECT, 1);
    p->children[0] = st->dml;
    p->binding = bind_new_binding(bc);
    p->nexprs = tl.n;
    p->exprs = tl.exprs;
    BoundQuery *q = mem_new(bc->ctx, BoundQuery);
    q->root = p;
    q->ntargets = tl.n;
    q->names = tl.names;
    q->src_table = tl.tab;
    q->src_attnum = tl.att;
    q->types = mem_new_array(bc->ctx, OmType, tl.n > 0 ? tl.n : 1);
    q->locations = mem_new_array(bc->ctx, int, tl.n > 0 ? tl.n : 1);
    for (int i = 0; i < tl.n; i++) {
        q->types[i] = tl.exprs[i]->type;
        q->locations[i] = tl.exprs[i]->location;
    }
    st->query = q;
    return 0;
}

/* ---- INSERT ---------------------------------------------------------------- */

static int bind_insert(BindCtx *bc, BindScope *parent, PgQuery__InsertStmt *ins, BoundStmt *st)
{
    if (ins->on_conflict_clause) return unsupported(bc, "INSERT ... ON CONFLICT");
    BindScope *ws;
    if (bind_with(bc, parent, ins->with_clause, &ws) < 0) return -1;
    CatTable *t;
    if (bind_table_ref(bc, ins->relation, &t) < 0) return -1;
    st->table = t;
    /* Target columns: the list given, or all columns in order. Without a
     * column list, VALUES rows fill the first columns and the rest take their
     * defaults (PostgreSQL truncates the target list to the row length). */
    int ntarget = ins->n_cols ? (int)ins->n_cols : t->ncols;
    PgQuery__SelectStmt *first = ins->select_stmt ? ins->select_stmt->select_stmt : NULL;
    if (!ins->n_cols && first && first->n_values_lists && !first->n_sort_clause &&
        (int)first->values_lists[0]->list->n_items < ntarget)
        ntarget = (int)first->values_lists[0]->list->n_items;
    int *target = mem_new_array(bc->ctx, int, ntarget > 0 ? ntarget : 1);
    bool *given = mem_new_array(bc->ctx, bool, t->ncols > 0 ? t->ncols : 1);
    for (int i = 0; i < ntarget; i++) {
        if (ins->n_cols) {
            PgQuery__ResTarget *rt = ins->cols[i]->res_target;
            int c = find_column(t, rt->name);
            if (c < 0) {
                err_set(bc->err, ERRCODE_UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                        rt->name, t->name);
                return bind_error_at(bc, rt->location);
            }
            if (given[c]) {
                err_set(bc->err, ERRCODE_DUPLICATE_COLUMN, "column \"%s\" specified more than once", rt->name);
                return bind_error_at(bc, rt->location);
            }
            given[c] = true;
            target[i] = c;
        } else {
            target[i] = i;
            given[i] = true;
        }
    }
    /* GENERATED ALWAYS identity columns take no value from the statement
     * unless OVERRIDING SYSTEM VALUE (PostgreSQL checks every VALUES item,
     * DEFAULT excepted). */
    if (ins->override != PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE) {
        PgQuery__SelectStmt *vs = ins->select_stmt ? ins->select_stmt->select_stmt : NULL;
        for (int i = 0; i < ntarget; i++) {
            int c = target[i];
            if (t->cols[c].identity != 'a') continue;
            /* INSERT ... SELECT without a column list: how many columns it
             * fills is known once the query is bound (below). */
            if (!ins->n_cols && vs && !vs->n_values_lists) continue;
            bool explicit_value = !vs || !vs->n_values_lists;
            for (size_t r = 0; vs && r < vs->n_values_lists && !explicit_value; r++) {
                PgQuery__List *l = vs->values_lists[r]->list;
                if ((int)l->n_items > i && l->items[i]->node_case != PG_QUERY__NODE__NODE_SET_TO_DEFAULT)
                    explicit_value = true;
            }
            if (!vs) explicit_value = false;
            if (explicit_value) {
                err_set(bc->err, ERRCODE_GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \"%s\"",
                        t->cols[c].name);
                err_detail(bc->err, "Column \"%s\" is an identity column defined as GENERATED ALWAYS.", t->cols[c].name);
                err_hint(bc->err, "Use OVERRIDING SYSTEM VALUE to override.");
                return -1;
            }
        }
    }
    PgQuery__SelectStmt *sel = ins->select_stmt ? ins->select_stmt->select_stmt : NULL;
    if (!sel) {
        /* INSERT ... DEFAULT VALUES: one row of defaults. */
        BoundExpr ***rows = mem_new_array(bc->ctx, BoundExpr **, 1);
        rows[0] = mem_new_array(bc->ctx, BoundExpr *, t->ncols > 0 ? t->ncols : 1);
        for (int c = 0; c < t->ncols; c++)
            if (column_default(bc, &t->cols[c], &rows[0][c]) < 0) return -1;
        st->dml = dml_op(bc, LOP_INSERT, t, values_op(bc, t, 1, rows));
    } else if (sel->n_values_lists && !sel->n_sort_clause && !sel->limit_count && !sel->limit_offset) {
        /* VALUES rows: each expression is assigned to its column directly
         * (PostgreSQL's transformInsertRow), not through a common type. */
        int nrows = (int)sel->n_values_lists;
        BoundExpr ***rows = mem_new_array(bc->ctx, BoundExpr **, nrows);
        BindScope sc = {.parent = ws, .clause = "VALUES"};
        for (int r = 0; r < nrows; r++) {
            PgQuery__List *l = sel->values_lists[r]->list;
            if (r > 0 && l->n_items != sel->values_lists[0]->list->n_items) {
                err_set(bc->err, ERRCODE_SYNTAX_ERROR, "VALUES lists must all be the same length");
                return bind_error_at(bc, l->n_items ? bind_node_location(l->items[0]) : -1);
            }
            if ((int)l->n_items > ntarget) {
                err_set(bc->err, ERRCODE_SYNTAX_ERROR, "INSERT has more expressions than target columns");
                PgQuery__Node *x = l->items[ntarget];
                /* PostgreSQL points at the first surplus expression. */
                return bind_error_at(bc, bind_node_location(x));
            }
            if ((int)l->n_items < ntarget) {
                err_set(bc->err, ERRCODE_SYNTAX_ERROR, "INSERT has more target columns than expressions");
                int loc = -1;
                if (ins->n_cols) loc = ins->cols[l->n_items]->res_target->location;
                return bind_error_at(bc, loc);
            }
            BoundExpr **row = mem_new_array(bc->ctx, BoundExpr *, t->ncols > 0 ? t->ncols : 1);
            for (int c = 0; c < t->ncols; c++)
                if (!given[c] && column_default(bc, &t->cols[c], &row[c]) < 0) return -1;
            for (int i = 0; i < ntarget; i++) {
                int c = target[i];
                PgQuery__Node *x = l->items[i];
                if (x->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
                    if (column_default(bc, &t->cols[c], &row[c]) < 0) return -1;
                    continue;
                }
                if (t->cols[c].identity == 'd' && ins->override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE) {
                    if (column_default(bc, &t->cols[c], &row[c]) < 0) return -1;
                    continue;
                }
                BoundExpr *e;
                if (bind_expr(bc, &sc, x, &e) < 0) return -1;
                if (bind_coerce(bc, e, t->cols[c].type, OM_COERCE_ASSIGNMENT, t->cols[c].name, &row[c]) < 0)
                    return -1;
            }
            rows[r] = row;
        }
        st->dml = dml_op(bc, LOP_INSERT, t, values_op(bc, t, nrows, rows));
    } else {
        /* INSERT ... SELECT: coerce the query's outputs to the columns. */
        BoundQuery *q;
        bc->keep_unknown = true;
        int rc = bind_select(bc, ws, sel, &q);
        bc->keep_unknown = false;
        if (rc < 0) return -1;
        if (q->ntargets > ntarget) {
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "INSERT has more expressions than target columns");
            return -1;
        }
        if (q->ntargets < ntarget && ins->n_cols) {
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "INSERT has more target columns than expressions");
            return -1;
        }
        if (q->ntargets < ntarget) {
            /* No column list: the query fills the first columns, the rest
             * take their defaults (PostgreSQL truncates the target list). */
            for (int i = q->ntargets; i < ntarget; i++) given[target[i]] = false;
            ntarget = q->ntargets;
        }
        if (!ins->n_cols && ins->override != PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE)
            for (int i = 0; i < ntarget; i++)
                if (t->cols[target[i]].identity == 'a') {
                    const char *cn = t->cols[target[i]].name;
                    err_set(bc->err, ERRCODE_GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \"%s\"", cn);
                    err_detail(bc->err, "Column \"%s\" is an identity column defined as GENERATED ALWAYS.", cn);
                    err_hint(bc->err, "Use OVERRIDING SYSTEM VALUE to override.");
                    return -1;
                }
        /* A projection over the query's output row makes the table's row. */
        BoundExpr **cols = mem_new_array(bc->ctx, BoundExpr *, t->ncols > 0 ? t->ncols : 1);
        for (int c = 0; c < t->ncols; c++)
            if (!given[c] && column_default(bc, &t->cols[c], &cols[c]) < 0) return -1;
        ColBinding *outs;
        OmType *otypes;
        lop_outputs(bc->ctx, q->root, &outs, &otypes);
        for (int i = 0; i < ntarget; i++) {
            int c = target[i];
            BoundExpr *ref = colref(bc, outs[i].binding, q->types[i], outs[i].col);
            ref->location = q->locations[i];
            if (bind_coerce(bc, ref, t->cols[c].type, OM_COERCE_ASSIGNMENT, t->cols[c].name, &cols[c]) < 0)
                return -1;
        }
        LogicalOp *p = bind_lop(bc, LOP_PROJECT, 1);
        p->children[0] = q->root;
        p->binding = bind_new_binding(bc);
        p->nexprs = t->ncols;
        p->exprs = cols;
        st->dml = dml_op(bc, LOP_INSERT, t, p);
    }
    return bind_returning(bc, ws, parent, t, ins->relation->alias ? ins->relation->alias->aliasname : NULL,
                          ins->returning_list, ins->n_returning_list, st);
}

/* ---- UPDATE / DELETE ------------------------------------------------------- */

/* WHERE of UPDATE / DELETE in sc (the target, and the FROM / USING items). */
static int bind_where(BindCtx *bc, BindScope *sc, PgQuery__Node *w, BoundExpr **out)
{
    if (!w) return 0;
    const char *clause = sc->clause;
    sc->clause = "WHERE";
    BoundExpr *e;
    int rc = bind_expr(bc, sc, w, &e);
    sc->clause = clause;
    if (rc < 0) return -1;
    if (e->type.id == OM_T_UNKNOWN) {
        if (bind_coerce(bc, e, om_type(OM_T_BOOL), OM_COERCE_IMPLICIT, NULL, &e) < 0) return -1;
    } else if (e->type.id != OM_T_BOOL) {
        char tb[64];
        err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "argument of WHERE must be type boolean, not type %s",
                type_name(e->type, tb, sizeof tb));
        return bind_error_at(bc, e->location);
    }
    *out = e;
    return 0;
}

/* The rows UPDATE / DELETE read: the target (with its storage keys) under
 * WHERE, or, with FROM / USING (from: their joined items), the target
 * joined to them, its storage key riding along as a column (joins carry
 * columns, not keys); op then names the target's binding and the key
 * column, and the executor touches each target row once however many rows
 * it joined. */
static LogicalOp *dml_source(BindCtx *bc, CatTable *t, int b, LogicalOp *from, BoundExpr *w, LogicalKind k)
{
    LogicalOp *src = bind_lop_get(bc, t, b, true);
    if (from) {
        src->key_column = true;
        LogicalOp *j = bind_lop(bc, LOP_JOIN, 2);
        j->children[0] = src;
        j->children[1] = from;
        j->join_type = JOIN_INNER;
        src = j;
    }
    if (w) src = bind_lop_filter(bc, src, w);
    LogicalOp *op = dml_op(bc, k, t, src);
    if (from) {
        op->key_column = true;
        op->binding = b;
    }
    return op;
}

static int bind_update(BindCtx *bc, BindScope *parent, PgQuery__UpdateStmt *up, BoundStmt *st)
{
    /* RETURNING names the returned rows by the operator's binding, which
     * the FROM form uses for the target's key column. */
    if (up->n_from_clause && up->n_returning_list) return unsupported(bc, "RETURNING with UPDATE ... FROM");
    BindScope *ws;
    if (bind_with(bc, parent, up->with_clause, &ws) < 0) return -1;
    CatTable *t;
    if (bind_table_ref(bc, up->relation, &t) < 0) return -1;
    const char *alias = up->relation->alias ? up->relation->alias->aliasname : NULL;
    st->table = t;
    int b = bind_new_binding(bc);
    BoundExpr **col_exprs = mem_new_array(bc->ctx, BoundExpr *, t->ncols > 0 ? t->ncols : 1);
    BindRtable rtable = {0};
    BindScope sc = {.parent = ws, .clause = "UPDATE", .rtable = &rtable};
    bind_add_table(bc, &sc, t, alias, b);
    /* FROM: its items join the target's scope (SET and WHERE see them). */
    LogicalOp *from = NULL;
    if (up->n_from_clause && bind_from(bc, &sc, up->from_clause, up->n_from_clause, &from) < 0) return -1;
    for (size_t i = 0; i < up->n_target_list; i++) {
        PgQuery__ResTarget *rt = up->target_list[i]->res_target;
        PgQuery__Node *val = rt->val;
        BoundExpr *multi = NULL;
        if (val && val->node_case == PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF) {
            /* SET (a, b) = ROW(...) is one item per column; (SELECT x, y ...)
             * a scalar subquery per column (its rows are the same each time:
             * nothing volatile is allowed there). */
            PgQuery__MultiAssignRef *m = val->multi_assign_ref;
            int k = m->colno - 1;
            if (m->source->node_case == PG_QUERY__NODE__NODE_ROW_EXPR) {
                if ((int)m->source->row_expr->n_args != m->ncolumns) {
                    err_set(bc->err, ERRCODE_SYNTAX_ERROR, "number of columns does not match number of values");
                    return bind_error_at(bc, m->source->row_expr->location);
                }
                val = m->source->row_expr->args[k];
            } else if (m->source->node_case == PG_QUERY__NODE__NODE_SUB_LINK &&
                       m->source->sub_link->subselect->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
                PgQuery__SubLink *sl = m->source->sub_link;
                BoundQuery *q;
                if (bind_select(bc, &sc, sl->subselect->select_stmt, &q) < 0) return -1;
                if (q->ntargets != m->ncolumns) {
                    err_set(bc->err, ERRCODE_SYNTAX_ERROR, "number of columns does not match number of values");
                    return bind_error_at(bc, sl->location);
                }
                if (m->ncolumns > 1 && lop_has_volatile(q->root)) {
                    err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                            "a volatile sub-SELECT in a multiple-column UPDATE is not supported yet");
                    return bind_error_at(bc, sl->location);
                }
                ColBinding *outs;
                OmType *types;
                lop_outputs(bc->ctx, q->root, &outs, &types);
                LogicalOp *p = bind_lop(bc, LOP_PROJECT, 1);
                p->children[0] = q->root;
                p->binding = bind_new_binding(bc);
                p->nexprs = 1;
                p->exprs = mem_new_array(bc->ctx, BoundExpr *, 1);
                p->exprs[0] = bind_colref(bc, outs[k].binding, outs[k].col, q->types[k], -1);
                multi = bind_new_expr(bc, BE_SUBQUERY, q->types[k], sl->location, 0);
                multi->sublink = SUBLINK_SCALAR;
                multi->subplan = p;
            } else {
                err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                        "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression");
                return bind_error_at(bc, bind_node_location(m->source));
            }
        }
        int c = find_column(t, rt->name);
        if (c < 0) {
            err_set(bc->err, ERRCODE_UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist", rt->name,
                    t->name);
            return bind_error_at(bc, rt->location);
        }
        if (col_exprs[c]) {
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "multiple assignments to same column \"%s\"", rt->name);
            return bind_error_at(bc, rt->location);
        }
        BoundExpr *e;
        if (multi) {
            if (t->cols[c].identity == 'a') {
                err_set(bc->err, ERRCODE_GENERATED_ALWAYS, "column \"%s\" can only be updated to DEFAULT", rt->name);
                err_detail(bc->err, "Column \"%s\" is an identity column defined as GENERATED ALWAYS.", rt->name);
                return -1;
            }
            if (bind_coerce(bc, multi, t->cols[c].type, OM_COERCE_ASSIGNMENT, t->cols[c].name, &e) < 0) return -1;
        } else if (val->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
            if (column_default(bc, &t->cols[c], &e) < 0) return -1;
        } else if (t->cols[c].identity == 'a') {
            err_set(bc->err, ERRCODE_GENERATED_ALWAYS, "column \"%s\" can only be updated to DEFAULT", rt->name);
            err_detail(bc->err, "Column \"%s\" is an identity column defined as GENERATED ALWAYS.", rt->name);
            return -1;
        } else if (rt->n_indirection) {
            /* SET a[i] = v: the column's new array with element i replaced. */
            if (bind_array_assign(bc, &sc, colref(bc, b, t->cols[c].type, c), t->cols[c].name, rt->indirection,
                                  (int)rt->n_indirection, val, rt->location, &e) < 0)
                return -1;
        } else {
            if (bind_expr(bc, &sc, val, &e) < 0) return -1;
            if (bind_coerce(bc, e, t->cols[c].type, OM_COERCE_ASSIGNMENT, t->cols[c].name, &e) < 0) return -1;
        }
        col_exprs[c] = e;
    }
    for (int c = 0; c < t->ncols; c++)
        if (!col_exprs[c]) col_exprs[c] = colref(bc, b, t->cols[c].type, c);
    BoundExpr *w = NULL;
    if (bind_where(bc, &sc, up->where_clause, &w) < 0) return -1;
    st->dml = dml_source(bc, t, b, from, w, LOP_UPDATE);
    st->dml->nexprs = t->ncols;
    st->dml->exprs = col_exprs;
    return bind_returning(bc, ws, parent, t, alias, up->returning_list, up->n_returning_list, st);
}

static int bind_delete(BindCtx *bc, BindScope *parent, PgQuery__DeleteStmt *del, BoundStmt *st)
{
    if (del->n_using_clause && del->n_returning_list) return unsupported(bc, "RETURNING with DELETE ... USING");
    BindScope *ws;
    if (bind_with(bc, parent, del->with_clause, &ws) < 0) return -1;
    CatTable *t;
    if (bind_table_ref(bc, del->relation, &t) < 0) return -1;
    st->table = t;
    int b = bind_new_binding(bc);
    BindRtable rtable = {0};
    BindScope sc = {.parent = ws, .clause = "WHERE", .rtable = &rtable};
    bind_add_table(bc, &sc, t, del->relation->alias ? del->relation->alias->aliasname : NULL, b);
    /* USING: more items for WHERE to see, joined to the target. */
    LogicalOp *from = NULL;
    if (del->n_using_clause && bind_from(bc, &sc, del->using_clause, del->n_using_clause, &from) < 0) return -1;
    BoundExpr *w = NULL;
    const char *alias = del->relation->alias ? del->relation->alias->aliasname : NULL;
    if (bind_where(bc, &sc, del->where_clause, &w) < 0) return -1;
    st->dml = dml_source(bc, t, b, from, w, LOP_DELETE);
    return bind_returning(bc, ws, parent, t, alias, del->returning_list, del->n_returning_list, st);
}

int bind_dml_query(BindCtx *bc, BindScope *parent, PgQuery__Node *n, BoundQuery **out)
{
    BoundStmt st = {0};
    st.want_returning = true;
    int rc;
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_INSERT_STMT: rc = bind_insert(bc, parent, n->insert_stmt, &st); break;
    case PG_QUERY__NODE__NODE_UPDATE_STMT: rc = bind_update(bc, parent, n->update_stmt, &st); break;
    default: rc = bind_delete(bc, parent, n->delete_stmt, &st); break;
    }
    if (rc < 0) return -1;
    if (!st.query) {
        /* No RETURNING: a query of no columns over the write. */
        BoundQuery *q = mem_new(bc->ctx, BoundQuery);
        q->root = st.dml;
        q->types = mem_new_array(bc->ctx, OmType, 1);
        q->names = mem_new_array(bc->ctx, char *, 1);
        q->src_table = mem_new_array(bc->ctx, uint32_t, 1);
        q->src_attnum = mem_new_array(bc->ctx, int16_t, 1);
        q->locations = mem_new_array(bc->ctx, int, 1);
        st.query = q;
    }
    *out = st.query;
    return 0;
}

/* ---- CREATE TABLE ------------------------------------------------------------ */

typedef struct KeyList {
    int n;
    int cols[64];
} KeyList;

static int key_columns(BindCtx *bc, CatTable *t, PgQuery__Constraint *con, KeyList *kl)
{
    kl->n = 0;
    for (size_t i = 0; i < con->n_keys; i++) {
        const char *nm = bind_node_name(con->keys[i]);
        int c = nm ? find_column(t, nm) : -1;
        if (c < 0) {
            err_set(bc->err, ERRCODE_UNDEFINED_COLUMN, "column \"%s\" named in key does not exist", nm ? nm : "?");
            return bind_error_at(bc, con->location);
        }
        if (kl->n >= 64) return err_set(bc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "cannot use more than 32 columns in an index");
        kl->cols[kl->n++] = c;
    }
    return 0;
}

static char *key_name(BindCtx *bc, const CatTable *t, const KeyList *kl, const char *suffix)
{
    OmBuf b;
    buf_init(&b, bc->ctx, 64);
    buf_append_str(&b, t->name);
    for (int i = 0; i < kl->n; i++) {
        buf_append_char(&b, '_');
        buf_append_str(&b, t->cols[kl->cols[i]].name);
    }
    buf_append_char(&b, '_');
    buf_append_str(&b, suffix);
    return b.data;
}

static int add_pk(BindCtx *bc, CatTable *t, const KeyList *kl, int location)
{
    if (t->npk) {
        err_set(bc->err, ERRCODE_INVALID_TABLE_DEFINITION, "multiple primary keys for table \"%s\" are not allowed",
                t->name);
        return bind_error_at(bc, location);
    }
    t->npk = kl->n;
    t->pk_cols = mem_new_array(bc->ctx, int, kl->n);
    memcpy(t->pk_cols, kl->cols, sizeof(int) * (size_t)kl->n);
    for (int i = 0; i < kl->n; i++) t->cols[kl->cols[i]].not_null = true;
    t->pk_name = mem_printf(bc->ctx, "%s_pkey", t->name);
    return 0;
}

static void add_unique(BindCtx *bc, CatTable *t, const KeyList *kl, const char *conname)
{
    t->uniq = mem_realloc(bc->ctx, t->uniq, sizeof(CatUnique) * (size_t)t->nuniq, sizeof(CatUnique) * (size_t)(t->nuniq + 1));
    CatUnique *u = &t->uniq[t->nuniq++];
    u->ncols = kl->n;
    u->cols = mem_new_array(bc->ctx, int, kl->n);
    memcpy(u->cols, kl->cols, sizeof(int) * (size_t)kl->n);
    u->name = conname && conname[0] ? mem_strdup(bc->ctx, conname) : key_name(bc, t, kl, "key");
}

static int bind_default(BindCtx *bc, CatColumn *col, PgQuery__Node *raw)
{
    BindScope sc = {.clause = "DEFAULT expressions"};
    BoundExpr *e;
    if (raw->node_case == PG_QUERY__NODE__NODE_SUB_LINK) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot use subquery in DEFAULT expression");
        return bind_error_at(bc, raw->sub_link->location);
    }
    if (raw->node_case == PG_QUERY__NODE__NODE_COLUMN_REF) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot use column reference in DEFAULT expression");
        return bind_error_at(bc, raw->column_ref->location);
    }
    if (bind_expr(bc, &sc, raw, &e) < 0) return -1;
    if (bind_coerce(bc, e, col->type, OM_COERCE_ASSIGNMENT, col->name, &e) < 0) return -1;
    col->has_default = true;
    if (bind_has_volatile(e)) {
        /* Evaluated per row at INSERT time: keep the expression's text. */
        return parse_deparse_expr(bc->ctx, raw, &col->default_expr, bc->err);
    }
    if (e->kind != BE_CONST && bind_eval_const(bc, e, &e) < 0) return -1;
    if (e->is_null) {
        col->default_text = NULL;
    } else {
        OmBuf b;
        buf_init(&b, bc->ctx, 32);
        type_out(col->type, &e->cval, 0, &b);
        col->default_text = b.data;
    }
    return 0;
}

/* A column gets one default: a DEFAULT clause or an identity, not two, and
 * not both (PostgreSQL's three messages). */
static int default_conflict(BindCtx *bc, const CatTable *t, const CatColumn *col, PgQuery__Constraint *con,
                            bool adding_identity)
{
    const char *what = NULL;
    if (col->identity) what = adding_identity ? "multiple identity specifications" : "both default and identity specified";
    else if (col->has_default) what = adding_identity ? "both default and identity specified" : "multiple default values specified";
    if (!what) return 0;
    err_set(bc->err, ERRCODE_SYNTAX_ERROR, "%s for column \"%s\" of table \"%s\"", what, col->name, t->name);
    return bind_error_at(bc, con->location);
}

static int bind_create(BindCtx *bc, PgQuery__CreateStmt *cs, BoundStmt *st)
{
    PgQuery__RangeVar *rv = cs->relation;
    if (rv->relpersistence && rv->relpersistence[0] == 't') return unsupported(bc, "CREATE TEMPORARY TABLE");
    if (rv->relpersistence && rv->relpersistence[0] == 'u') return unsupported(bc, "CREATE UNLOGGED TABLE");
    if (cs->n_inh_relations) return unsupported(bc, "table inheritance");
    if (cs->partspec || cs->partbound) return unsupported(bc, "partitioned tables");
    if (cs->of_typename) return unsupported(bc, "typed tables");
    if (rv->schemaname && rv->schemaname[0] && strcmp(rv->schemaname, "public")) {
        err_set(bc->err, ERRCODE_INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", rv->schemaname);
        return bind_error_at(bc, rv->location);
    }
    CatTable *t = mem_new(bc->ctx, CatTable);
    t->dbname = mem_strdup(bc->ctx, bc->db);
    t->schema = mem_strdup(bc->ctx, "public");
    t->name = mem_strdup(bc->ctx, rv->relname);
    st->table = t;
    st->if_exists = cs->if_not_exists;
    /* Columns first, constraints after (table constraints may name any). */
    int ncols = 0;
    for (size_t i = 0; i < cs->n_table_elts; i++)
        if (cs->table_elts[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) ncols++;
    if (ncols > 1600) return err_set(bc->err, ERRCODE_TOO_MANY_COLUMNS, "tables can have at most 1600 columns");
    t->cols = mem_new_array(bc->ctx, CatColumn, ncols > 0 ? ncols : 1);
    for (size_t i = 0; i < cs->n_table_elts; i++) {
        PgQuery__Node *n = cs->table_elts[i];
        if (n->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE) return unsupported(bc, "CREATE TABLE ... LIKE");
        if (n->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) continue;
        PgQuery__ColumnDef *cd = n->column_def;
        if (find_column(t, cd->colname) >= 0) {
            return err_set(bc->err, ERRCODE_DUPLICATE_COLUMN, "column \"%s\" specified more than once", cd->colname);
        }
        CatColumn *col = &t->cols[t->ncols++];
        col->name = mem_strdup(bc->ctx, cd->colname);
        const char *tn = bind_node_name(cd->type_name->names[cd->type_name->n_names - 1]);
        OmTypeId serial = OM_T_NULL;
        if (tn && cd->type_name->n_names == 1) {
            if (!strcmp(tn, "serial") || !strcmp(tn, "serial4")) serial = OM_T_INT4;
            else if (!strcmp(tn, "bigserial") || !strcmp(tn, "serial8")) serial = OM_T_INT8;
            else if (!strcmp(tn, "smallserial") || !strcmp(tn, "serial2")) serial = OM_T_INT2;
        }
        if (serial != OM_T_NULL) {
            /* serial = integer NOT NULL DEFAULT nextval('<t>_<c>_seq'),
             * with a sequence owned by the column (created by run_ddl). */
            col->type = om_type(serial);
            col->not_null = true;
            if (!st->col_seqs) st->col_seqs = mem_new_array(bc->ctx, CatSequence *, ncols);
            if (bind_column_sequence(bc, t, t->ncols - 1, NULL, 0, &st->col_seqs[t->ncols - 1]) < 0) return -1;
            col->has_default = true;
            col->default_expr = mem_printf(bc->ctx, "nextval('%s'::regclass)", st->col_seqs[t->ncols - 1]->name);
        } else if (bind_typename(bc, cd->type_name, &col->type) < 0) {
            return -1;
        }
        if (col->type.id == OM_T_BPCHAR && col->type.typmod < 0) col->type.typmod = 1; /* char = char(1) */
        if (cd->coll_clause) return unsupported(bc, "COLLATE");
    }
    for (size_t i = 0; i < cs->n_table_elts; i++) {
        PgQuery__Node *n = cs->table_elts[i];
        if (n->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) continue;
        PgQuery__ColumnDef *cd = n->column_def;
        int c = find_column(t, cd->colname);
        CatColumn *col = &t->cols[c];
        bool seen_null = false, seen_notnull = false;
        for (size_t k = 0; k < cd->n_constraints; k++) {
            PgQuery__Constraint *con = cd->constraints[k]->constraint;
            KeyList kl = {.n = 1, .cols = {c}};
            switch (con->contype) {
            case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
                if (seen_null) goto conflict;
                seen_notnull = true;
                col->not_null = true;
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
                if (seen_notnull) goto conflict;
                seen_null = true;
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
                if (default_conflict(bc, t, col, con, false) < 0) return -1;
                if (bind_default(bc, col, con->raw_expr) < 0) return -1;
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
                if (add_pk(bc, t, &kl, con->location) < 0) return -1;
                if (con->conname && con->conname[0]) t->pk_name = mem_strdup(bc->ctx, con->conname);
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
                add_unique(bc, t, &kl, con->conname);
                break;
            case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
                return unsupported(bc, "CHECK constraints");
            case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
                return unsupported(bc, "FOREIGN KEY constraints");
            case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY: {
                OmTypeId ct = col->type.id;
                if (ct != OM_T_INT2 && ct != OM_T_INT4 && ct != OM_T_INT8)
                    return err_set(bc->err, ERRCODE_INVALID_PARAMETER_VALUE,
                                   "identity column type must be smallint, integer, or bigint");
                if (default_conflict(bc, t, col, con, true) < 0) return -1;
                if (!st->col_seqs) st->col_seqs = mem_new_array(bc->ctx, CatSequence *, ncols);
                if (bind_column_sequence(bc, t, c, con->options, con->n_options, &st->col_seqs[c]) < 0) return -1;
                col->identity = con->generated_when && con->generated_when[0] == 'a' ? 'a' : 'd';
                col->not_null = true;
                col->has_default = true;
                col->default_expr = mem_printf(bc->ctx, "nextval('%s'::regclass)", st->col_seqs[c]->name);
                break;
            }
            case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
                return unsupported(bc, "generated columns");
            default:
                break;
            }
            continue;
        conflict:
            err_set(bc->err, ERRCODE_SYNTAX_ERROR,
                    "conflicting NULL/NOT NULL declarations for column \"%s\" of table \"%s\"", col->name, t->name);
            return bind_error_at(bc, con->location);
        }
    }
    for (size_t i = 0; i < cs->n_table_elts + cs->n_constraints; i++) {
        PgQuery__Node *n = i < cs->n_table_elts ? cs->table_elts[i] : cs->constraints[i - cs->n_table_elts];
        if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) continue;
        PgQuery__Constraint *con = n->constraint;
        KeyList kl;
        switch (con->contype) {
        case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
            if (key_columns(bc, t, con, &kl) < 0 || add_pk(bc, t, &kl, con->location) < 0) return -1;
            if (con->conname && con->conname[0]) t->pk_name = mem_strdup(bc->ctx, con->conname);
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
            if (key_columns(bc, t, con, &kl) < 0) return -1;
            add_unique(bc, t, &kl, con->conname);
            break;
        case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
            return unsupported(bc, "CHECK constraints");
        case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
            return unsupported(bc, "FOREIGN KEY constraints");
        default:
            return unsupported(bc, "this table constraint");
        }
    }
    /* PostgreSQL skips a UNIQUE constraint identical to the primary key. */
    return 0;
}

/* ---- DROP TABLE --------------------------------------------------------------- */

static int bind_drop(BindCtx *bc, PgQuery__DropStmt *ds, BoundStmt *st)
{
    if (ds->remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE) return unsupported(bc, "DROP of this object type");
    st->if_exists = ds->missing_ok;
    st->cascade = ds->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    st->drops = mem_new_array(bc->ctx, CatTable *, ds->n_objects);
    st->missing = mem_new_array(bc->ctx, char *, ds->n_objects);
    /* Resolve every name first: a missing one (without IF EXISTS) drops
     * nothing, as in PostgreSQL. */
    for (size_t i = 0; i < ds->n_objects; i++) {
        PgQuery__List *names = ds->objects[i]->list;
        const char *name = bind_node_name(names->items[names->n_items - 1]);
        const char *schema = names->n_items > 1 ? bind_node_name(names->items[names->n_items - 2]) : NULL;
        int rc = 0;
        CatTable *t = NULL;
        if (schema && strcmp(schema, "public")) {
            if (!ds->missing_ok)
                return err_set(bc->err, ERRCODE_INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
        } else {
            rc = cat_table_lookup(bc->txn, bc->ctx, bc->db, name, &t, bc->err);
            if (rc < 0) return -1;
        }
        if (rc == 0 && !(schema && strcmp(schema, "public"))) {
            CatView *v;
            int vrc = cat_view_lookup(bc->txn, bc->ctx, bc->db, name, &v, bc->err);
            if (vrc < 0) return -1;
            if (vrc == 1) {
                err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "\"%s\" is not a table", name);
                err_hint(bc->err, "Use DROP VIEW to remove a view.");
                return -1;
            }
        }
        if (rc == 1) {
            bool dup = false;
            for (int k = 0; k < st->ndrop; k++) dup |= st->drops[k]->oid == t->oid;
            if (!dup) st->drops[st->ndrop++] = t;
        } else if (ds->missing_ok) {
            st->missing[st->nmissing++] = mem_strdup(bc->ctx, name);
        } else {
            return err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "table \"%s\" does not exist", name);
        }
    }
    return 0;
}

/* ---- entry ----------------------------------------------------------------------- */

static const char *stmt_feature(PgQuery__Node *n)
{
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: return "ALTER TABLE";
    case PG_QUERY__NODE__NODE_INDEX_STMT: return "CREATE INDEX";
    case PG_QUERY__NODE__NODE_COPY_STMT: return "COPY";
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT: return "EXPLAIN";
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT: return "TRUNCATE";
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT: return "SET";
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT: return "SHOW";
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: return "CREATE SCHEMA";
    case PG_QUERY__NODE__NODE_CREATEDB_STMT: return "CREATE DATABASE";
    case PG_QUERY__NODE__NODE_DROPDB_STMT: return "DROP DATABASE";
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT: return "CREATE ROLE";
    case PG_QUERY__NODE__NODE_PREPARE_STMT: return "PREPARE";
    case PG_QUERY__NODE__NODE_EXECUTE_STMT: return "EXECUTE";
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT: return "DEALLOCATE";
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: return "CREATE TABLE AS";
    case PG_QUERY__NODE__NODE_VACUUM_STMT: return "VACUUM";
    case PG_QUERY__NODE__NODE_MERGE_STMT: return "MERGE";
    case PG_QUERY__NODE__NODE_LOCK_STMT: return "LOCK";
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT: return "DECLARE CURSOR";
    case PG_QUERY__NODE__NODE_DISCARD_STMT: return "DISCARD";
    case PG_QUERY__NODE__NODE_DO_STMT: return "DO";
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT: return "CREATE FUNCTION";
    case PG_QUERY__NODE__NODE_GRANT_STMT: return "GRANT";
    case PG_QUERY__NODE__NODE_COMMENT_STMT: return "COMMENT";
    case PG_QUERY__NODE__NODE_RENAME_STMT: return "ALTER ... RENAME";
    case PG_QUERY__NODE__NODE_LISTEN_STMT: return "LISTEN";
    case PG_QUERY__NODE__NODE_NOTIFY_STMT: return "NOTIFY";
    case PG_QUERY__NODE__NODE_CHECK_POINT_STMT: return "CHECKPOINT";
    default: return "this statement";
    }
}

/* Does a WITH list hold INSERT / UPDATE / DELETE? */
static bool with_writes(const PgQuery__WithClause *w)
{
    for (size_t i = 0; w && i < w->n_ctes; i++) {
        PgQuery__Node *q = w->ctes[i]->common_table_expr->ctequery;
        if (q && (q->node_case == PG_QUERY__NODE__NODE_INSERT_STMT || q->node_case == PG_QUERY__NODE__NODE_UPDATE_STMT ||
                  q->node_case == PG_QUERY__NODE__NODE_DELETE_STMT))
            return true;
    }
    return false;
}

bool bind_stmt_writes(PgQuery__Node *n)
{
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT: return with_writes(n->select_stmt->with_clause);
    case PG_QUERY__NODE__NODE_INSERT_STMT:
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
    case PG_QUERY__NODE__NODE_DELETE_STMT:
    case PG_QUERY__NODE__NODE_CREATE_STMT:
    case PG_QUERY__NODE__NODE_DROP_STMT:
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
    case PG_QUERY__NODE__NODE_VIEW_STMT:
    case PG_QUERY__NODE__NODE_VACUUM_STMT: /* statistics are written to the catalog */
        return true;
    default:
        return false;
    }
}

int bind_stmt(BindCtx *bc, PgQuery__Node *n, BoundStmt **out)
{
    BoundStmt *st = mem_new(bc->ctx, BoundStmt);
    *out = st;
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
        st->kind = BS_SELECT;
        return bind_select(bc, NULL, n->select_stmt, &st->query);
    case PG_QUERY__NODE__NODE_INSERT_STMT:
        st->kind = BS_INSERT;
        return bind_insert(bc, NULL, n->insert_stmt, st);
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
        st->kind = BS_UPDATE;
        return bind_update(bc, NULL, n->update_stmt, st);
    case PG_QUERY__NODE__NODE_DELETE_STMT:
        st->kind = BS_DELETE;
        return bind_delete(bc, NULL, n->delete_stmt, st);
    case PG_QUERY__NODE__NODE_CREATE_STMT:
        st->kind = BS_CREATE_TABLE;
        return bind_create(bc, n->create_stmt, st);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
        st->kind = BS_CREATE_VIEW;
        return bind_create_view(bc, n->view_stmt, st);
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
        return bind_analyze(bc, n->vacuum_stmt, st);
    case PG_QUERY__NODE__NODE_DROP_STMT:
        if (n->drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW) {
            st->kind = BS_DROP_VIEW;
            return bind_drop_view(bc, n->drop_stmt, st);
        }
        if (n->drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) {
            st->kind = BS_DROP_SEQUENCE;
            return bind_drop_sequence(bc, n->drop_stmt, st);
        }
        st->kind = BS_DROP_TABLE;
        return bind_drop(bc, n->drop_stmt, st);
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
        st->kind = BS_CREATE_SEQUENCE;
        return bind_create_sequence(bc, n->create_seq_stmt, st);
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
        st->kind = BS_ALTER_SEQUENCE;
        return bind_alter_sequence(bc, n->alter_seq_stmt, st);
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT: {
        PgQuery__TransactionStmt *ts = n->transaction_stmt;
        switch (ts->kind) {
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_BEGIN:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
            st->kind = BS_BEGIN;
            st->start_form = ts->kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START;
            st->ntxn_options = ts->n_options;
            st->txn_options = ts->options;
            return 0;
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
            st->kind = BS_COMMIT;
            st->chain = ts->chain;
            return ts->chain ? unsupported(bc, "COMMIT AND CHAIN") : 0;
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
            st->kind = BS_ROLLBACK;
            return ts->chain ? unsupported(bc, "ROLLBACK AND CHAIN") : 0;
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE:
        case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO:
            return unsupported(bc, "SAVEPOINT");
        default:
            return unsupported(bc, "two-phase commit");
        }
    }
    default:
        return unsupported(bc, stmt_feature(n));
    }
}
