/*
 * bind_select.c — one SELECT block as a logical operator tree:
 *   FROM tree (bind_from.c) → [Filter WHERE] → [Aggregate (bind_grouping.c)]
 *   → [Filter HAVING] → [ProjectSet] → Project (targets, then hidden sort
 *   columns) → [DISTINCT: Aggregate | DISTINCT ON: Order → Distinct
 *   (bind_distinct.c)] → [Order] → [Limit]
 * and VALUES lists (a Values operator).
 *
 * ORDER BY expressions that are not output columns become hidden projection
 * columns after the visible ones (PostgreSQL's resjunk entries).
 */
#include <stdio.h>
#include <string.h>

#include "bind_int.h"

int bind_table_ref(BindCtx *bc, PgQuery__RangeVar *rv, CatTable **out)
{
    if (rv->schemaname && rv->schemaname[0] && strcmp(rv->schemaname, "public")) {
        if (!strcmp(rv->schemaname, "pg_catalog") || !strcmp(rv->schemaname, "information_schema"))
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "system catalogs are not supported yet");
        else
            err_set(bc->err, ERRCODE_INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", rv->schemaname);
        return bind_error_at(bc, rv->location);
    }
    int rc = cat_table_lookup(bc->txn, bc->ctx, bc->db, rv->relname, out, bc->err);
    if (rc < 0) return -1;
    if (rc == 0) {
        /* A sequence is a relation PostgreSQL reads but does not write
         * through INSERT/UPDATE/DELETE (SELECT reads it: bind_select). */
        CatSequence *seq;
        int src = cat_seq_lookup(bc->txn, bc->ctx, bc->db, rv->relname, &seq, bc->err);
        if (src < 0) return -1;
        if (src == 1) return err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "cannot change sequence \"%s\"", rv->relname);
        /* A view: FROM binds it (bind_view_ref); writing through one is
         * not there yet (PostgreSQL's automatically updatable views). */
        CatView *v;
        int vrc = cat_view_lookup(bc->txn, bc->ctx, bc->db, rv->relname, &v, bc->err);
        if (vrc < 0) return -1;
        if (vrc == 1) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "writing to view \"%s\" is not supported yet", rv->relname);
            return bind_error_at(bc, rv->location);
        }
        err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "relation \"%s\" does not exist", rv->relname);
        return bind_error_at(bc, rv->location);
    }
    bind_note_read(bc, (*out)->oid);
    return 0;
}

static bool is_star(PgQuery__Node *n, const char **qual)
{
    *qual = NULL;
    if (n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF) return false;
    PgQuery__ColumnRef *cr = n->column_ref;
    if (cr->n_fields == 0 || cr->fields[cr->n_fields - 1]->node_case != PG_QUERY__NODE__NODE_A_STAR) return false;
    if (cr->n_fields >= 2) *qual = bind_node_name(cr->fields[cr->n_fields - 2]);
    return true;
}

static int unsupported(BindCtx *bc, const char *what, int location)
{
    err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported yet", what);
    return bind_error_at(bc, location);
}

void bind_tl_add(BindCtx *bc, TargetList *tl, BoundExpr *e, const char *name, uint32_t tab, int16_t att)
{
    if (tl->n == tl->cap) {
        int nc = tl->cap ? tl->cap * 2 : 8;
        tl->exprs = mem_realloc(bc->ctx, tl->exprs, sizeof(*tl->exprs) * (size_t)tl->cap, sizeof(*tl->exprs) * (size_t)nc);
        tl->names = mem_realloc(bc->ctx, tl->names, sizeof(*tl->names) * (size_t)tl->cap, sizeof(*tl->names) * (size_t)nc);
        tl->tab = mem_realloc(bc->ctx, tl->tab, sizeof(*tl->tab) * (size_t)tl->cap, sizeof(*tl->tab) * (size_t)nc);
        tl->att = mem_realloc(bc->ctx, tl->att, sizeof(*tl->att) * (size_t)tl->cap, sizeof(*tl->att) * (size_t)nc);
        tl->cap = nc;
    }
    tl->exprs[tl->n] = e;
    tl->names[tl->n] = mem_strdup(bc->ctx, name);
    tl->tab[tl->n] = tab;
    tl->att[tl->n] = att;
    tl->n++;
}

/* VALUES (...), (...): each column takes the common type of its rows
 * (select_common_type); the result is a Values operator over binding b. */
static int bind_values(BindCtx *bc, BindScope *parent, PgQuery__SelectStmt *s, LogicalOp **out, TargetList *tl)
{
    int nrows = (int)s->n_values_lists;
    int ncols = (int)s->values_lists[0]->list->n_items;
    BoundExpr ***rows = mem_new_array(bc->ctx, BoundExpr **, nrows);
    BindScope sc = {.clause = "VALUES", .parent = parent};
    for (int r = 0; r < nrows; r++) {
        PgQuery__List *l = s->values_lists[r]->list;
        if ((int)l->n_items != ncols) {
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "VALUES lists must all be the same length");
            return bind_error_at(bc, l->n_items ? bind_node_location(l->items[0]) : -1);
        }
        rows[r] = mem_new_array(bc->ctx, BoundExpr *, ncols);
        for (int c = 0; c < ncols; c++) {
            if (l->items[c]->node_case == PG_QUERY__NODE__NODE_SET_TO_DEFAULT) {
                err_set(bc->err, ERRCODE_SYNTAX_ERROR, "DEFAULT is not allowed in this context");
                return bind_error_at(bc, l->items[c]->set_to_default->location);
            }
            if (bind_expr(bc, &sc, l->items[c], &rows[r][c]) < 0) return -1;
        }
    }
    LogicalOp *v = bind_lop(bc, LOP_VALUES, 0);
    v->binding = bind_new_binding(bc);
    v->nrows = nrows;
    v->rows = rows;
    v->ncols = ncols;
    v->types = mem_new_array(bc->ctx, OmType, ncols > 0 ? ncols : 1);
    BoundExpr **col = mem_new_array(bc->ctx, BoundExpr *, nrows);
    for (int c = 0; c < ncols; c++) {
        for (int r = 0; r < nrows; r++) col[r] = rows[r][c];
        OmType t;
        if (bind_common_type(bc, col, nrows, "VALUES", &t) < 0) return -1;
        for (int r = 0; r < nrows; r++)
            if (bind_coerce(bc, rows[r][c], t, OM_COERCE_IMPLICIT, "VALUES", &rows[r][c]) < 0) return -1;
        v->types[c] = t;
        char *name = mem_printf(bc->ctx, "column%d", c + 1);
        bind_tl_add(bc, tl, bind_colref(bc, v->binding, c, t, -1), name, 0, 0);
    }
    *out = v;
    return 0;
}

int bind_limit(BindCtx *bc, BindScope *parent, PgQuery__Node *n, const char *what, BoundExpr **out)
{
    if (!n) return 0;
    BindScope sc = {.clause = what, .parent = parent};
    BoundExpr *e;
    if (bind_expr(bc, &sc, n, &e) < 0) return -1;
    if (e->kind == BE_CONST && e->is_null && e->type.id == OM_T_UNKNOWN) {
        *out = NULL; /* LIMIT NULL / LIMIT ALL: no limit */
        return 0;
    }
    if (bind_coerce(bc, e, om_type(OM_T_INT8), OM_COERCE_ASSIGNMENT, NULL, &e) < 0) {
        if (strcmp(bc->err->sqlstate, ERRCODE_DATATYPE_MISMATCH) == 0) {
            char tb[64];
            err_clear(bc->err);
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "argument of %s must be type bigint, not type %s",
                    what, type_name(e->type, tb, sizeof tb));
            return bind_error_at(bc, e->location);
        }
        return -1;
    }
    *out = e;
    return 0;
}

/* Resolve one ORDER BY item to a projection column, adding a hidden one if
 * needed. */
int bind_sort_item(BindCtx *bc, BindScope *sc, TargetList *tl, int ntargets, PgQuery__SortBy *sb,
                          int *col, BoundOrder *key)
{
    PgQuery__Node *n = sb->node;
    key->desc = sb->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    if (sb->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) return unsupported(bc, "ORDER BY USING", sb->location);
    key->nulls_first = sb->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
                       (sb->sortby_nulls != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST && key->desc);
    /* ORDER BY <integer constant>: output column position. */
    if (n->node_case == PG_QUERY__NODE__NODE_A_CONST && n->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
        int pos = n->a_const->ival->ival;
        if (pos < 1 || pos > ntargets) {
            err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "ORDER BY position %d is not in select list", pos);
            return bind_error_at(bc, n->a_const->location);
        }
        *col = pos - 1;
        return 0;
    }
    /* A bare name matching an output column name refers to that column
     * (SQL92 rule, which PostgreSQL applies first). */
    if (n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && n->column_ref->n_fields == 1) {
        const char *nm = bind_node_name(n->column_ref->fields[0]);
        int found = -1;
        for (int i = 0; nm && i < ntargets; i++) {
            if (!strcmp(tl->names[i], nm)) {
                if (found >= 0 && !node_expr_equal(tl->exprs[i], tl->exprs[found])) {
                    err_set(bc->err, ERRCODE_AMBIGUOUS_COLUMN, "ORDER BY \"%s\" is ambiguous", nm);
                    return bind_error_at(bc, n->column_ref->location);
                }
                if (found < 0) found = i;
            }
        }
        if (found >= 0) {
            *col = found;
            return 0;
        }
    }
    BoundExpr *e;
    if (bind_expr(bc, sc, n, &e) < 0) return -1;
    if (bind_resolve_unknown(bc, e, &e) < 0) return -1;
    /* Reuse an equal expression already projected (PostgreSQL matches the
     * target list by equal(); volatile calls never match). */
    for (int i = 0; i < tl->n; i++) {
        if (node_expr_equal(tl->exprs[i], e)) {
            *col = i;
            return 0;
        }
    }
    bind_tl_add(bc, tl, e, "?sort?", 0, 0);
    *col = tl->n - 1;
    return 0;
}

/* Sort keys need an ordering: json has none (42883, as PostgreSQL). */
int bind_sort_key_check(BindCtx *bc, const TargetList *tl, int col)
{
    const BoundExpr *e = tl->exprs[col];
    if (e->type.id != OM_T_JSON) return 0;
    err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an ordering operator for type json");
    err_hint(bc->err, "Use an explicit ordering operator or modify the query.");
    return bind_error_at(bc, e->location);
}

static int where_bool(BindCtx *bc, BoundExpr **w, const char *what)
{
    if ((*w)->type.id == OM_T_BOOL) return 0;
    if ((*w)->type.id == OM_T_UNKNOWN) return bind_coerce(bc, *w, om_type(OM_T_BOOL), OM_COERCE_IMPLICIT, NULL, w);
    char tb[64];
    err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "argument of %s must be type boolean, not type %s", what,
            type_name((*w)->type, tb, sizeof tb));
    return bind_error_at(bc, (*w)->location);
}

/* Star expansion: the FROM list's columns in order (bind_from keeps them),
 * or one FROM item's. */
static int expand_star(BindCtx *bc, BindScope *sc, const char *qual, int location, TargetList *tl)
{
    if (!qual) {
        if (sc->nstar == 0 && sc->nrels == 0) {
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "SELECT * with no tables specified is not valid");
            return bind_error_at(bc, location);
        }
        for (int i = 0; i < sc->nstar; i++) {
            BoundExpr *e = mem_new(bc->ctx, BoundExpr);
            *e = *sc->star[i].expr;
            e->location = location;
            bind_tl_add(bc, tl, e, sc->star[i].name, sc->star[i].table_oid, sc->star[i].attnum);
        }
        return 0;
    }
    if (bind_check_qualifier(bc, sc, qual, location) < 0) return -1;
    for (BindScope *s = sc; s; s = s->parent)
        for (int k = 0; k < s->nrels; k++) {
            BindRel *r = s->rels[k];
            if (r->in_join_only || !r->name || strcmp(r->name, qual)) continue;
            for (int i = 0; i < r->ncols; i++) {
                BoundExpr *e = mem_new(bc->ctx, BoundExpr);
                *e = *r->colexprs[i];
                e->location = location;
                bind_tl_add(bc, tl, e, r->colnames[i], r->table_oid, (int16_t)(r->table_oid ? i + 1 : 0));
            }
            return 0;
        }
    return 0;
}

static int bind_select_level(BindCtx *bc, BindScope *parent, PgQuery__SelectStmt *s, BoundQuery **out)
{
    BoundQuery *bq = mem_new(bc->ctx, BoundQuery);
    *out = bq;
    bool keep_unknown = bc->keep_unknown;
    bc->keep_unknown = false;
    if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE && s->op != 0) return bind_setop(bc, parent, s, out);
    BindScope *outer = parent;
    if (bind_with(bc, outer, s->with_clause, &parent) < 0) return -1;
    if (s->into_clause) return unsupported(bc, "SELECT INTO", -1);
    if (s->n_locking_clause) return unsupported(bc, "FOR UPDATE/SHARE", -1);
    bool distinct = s->n_distinct_clause == 1 &&
                    (!s->distinct_clause[0] || s->distinct_clause[0]->node_case == PG_QUERY__NODE__NODE__NOT_SET);
    bool distinct_on = s->n_distinct_clause && !distinct;
    if (s->n_window_clause) return unsupported(bc, "WINDOW", -1);
    BindRtable rtable = {0};
    BindScope sc = {.parent = parent, .rtable = &rtable};
    TargetList tl = {0};
    LogicalOp *root;
    int first_binding = bc->next_binding;
    if (s->n_values_lists) {
        if (bind_values(bc, parent, s, &root, &tl) < 0) return -1;
        /* ORDER BY over VALUES: its columns answer to column1, column2 ... */
        const char **names = mem_new_array(bc->ctx, const char *, tl.n > 0 ? tl.n : 1);
        for (int c = 0; c < tl.n; c++) names[c] = tl.names[c];
        bind_add_rel(bc, &sc, "*VALUES*", root->binding, tl.n, names, root->types, 0);
    } else if (s->n_from_clause) {
        if (bind_from(bc, &sc, s->from_clause, s->n_from_clause, &root) < 0) return -1;
    } else {
        root = bind_lop_one_row(bc);
    }
    int level_end = bc->next_binding;
    LogicalOp *from_tree = root;
    if (s->where_clause) {
        sc.clause = "WHERE";
        BoundExpr *w;
        if (bind_expr(bc, &sc, s->where_clause, &w) < 0) return -1;
        if (where_bool(bc, &w, "WHERE") < 0) return -1;
        root = bind_lop_filter(bc, root, w);
    }
    /* Target list. Aggregates are collected into sc as (agg_binding, k). */
    sc.clause = "SELECT";
    sc.allow_aggs = true;
    sc.agg_binding = bind_new_binding(bc);
    sc.grouping_binding = bind_new_binding(bc);
    sc.allow_srfs = true;
    sc.srf_binding = bind_new_binding(bc);
    if (!s->n_values_lists) {
        for (size_t i = 0; i < s->n_target_list; i++) {
            PgQuery__ResTarget *rt = s->target_list[i]->res_target;
            const char *qual;
            if (is_star(rt->val, &qual)) {
                if (expand_star(bc, &sc, qual, rt->val->column_ref->location, &tl) < 0) return -1;
                continue;
            }
            BoundExpr *e;
            if (bind_expr(bc, &sc, rt->val, &e) < 0) return -1;
            /* PostgreSQL resolves an untyped output to text, except in INSERT's
             * own SELECT, where the target column's type decides. */
            if (!keep_unknown && bind_resolve_unknown(bc, e, &e) < 0) return -1;
            const char *name = rt->name && rt->name[0] ? rt->name : bind_figure_colname(rt->val);
            uint32_t tab = 0;
            int16_t att = 0;
            /* RowDescription names a plain table column's source. */
            for (int k = 0; e->kind == BE_COLUMN && k < sc.nrels; k++) {
                BindRel *r = sc.rels[k];
                if (!r->table_oid) continue;
                for (int c = 0; c < r->ncols; c++)
                    if (r->colexprs[c]->kind == BE_COLUMN && r->colexprs[c]->binding == e->binding &&
                        r->colexprs[c]->col == e->col) {
                        tab = r->table_oid;
                        att = (int16_t)(c + 1);
                    }
            }
            bind_tl_add(bc, &tl, e, name, tab, att);
        }
    }
    int ntargets = tl.n;
    /* PostgreSQL's MaxTupleAttributeNumber; also keeps RowDescription's
     * 16-bit column count from wrapping. */
    if (ntargets > 1664)
        return err_set(bc->err, ERRCODE_TOO_MANY_COLUMNS, "target lists can have at most 1664 entries");
    int nsort = (int)s->n_sort_clause;
    BoundOrder *sort = mem_new_array(bc->ctx, BoundOrder, nsort > 0 ? nsort : 1);
    int *sortcol = mem_new_array(bc->ctx, int, nsort > 0 ? nsort : 1);
    sc.clause = "ORDER BY";
    for (int i = 0; i < nsort; i++)
        if (bind_sort_item(bc, &sc, &tl, ntargets, s->sort_clause[i]->sort_by, &sortcol[i], &sort[i]) < 0 ||
            bind_sort_key_check(bc, &tl, sortcol[i]) < 0)
            return -1;
    BindDistinctOn don;
    if (distinct_on && bind_distinct_on_items(bc, &sc, s, &tl, ntargets, sortcol, nsort, &don) < 0) return -1;
    BindGroupBy gb;
    if (bind_group_clause(bc, &sc, s, &tl, ntargets, &gb) < 0) return -1;
    BoundExpr *having = NULL;
    if (s->having_clause) {
        sc.clause = "HAVING";
        if (bind_expr(bc, &sc, s->having_clause, &having) < 0 || where_bool(bc, &having, "HAVING") < 0) return -1;
    }
    if (sc.naggs > 0 || s->n_group_clause || having || sc.ngroupings > 0) {
        if (bind_grouped_query(bc, &sc, &gb, from_tree, root, first_binding, level_end, &tl, &having, &root) < 0)
            return -1;
        if (having) root = bind_lop_filter(bc, root, having);
    }
    if (sc.nsrfs > 0) {
        if (sc.naggs > 0) return unsupported(bc, "set-returning functions together with aggregates", -1);
        LogicalOp *ps = bind_lop(bc, LOP_PROJECT_SET, 1);
        ps->children[0] = root;
        ps->binding = sc.srf_binding;
        ps->nsrfs = sc.nsrfs;
        ps->srfs = sc.srfs;
        ps->ncols = sc.nsrfs;
        ps->types = mem_new_array(bc->ctx, OmType, sc.nsrfs);
        for (int i = 0; i < sc.nsrfs; i++) ps->types[i] = sc.srfs[i]->type;
        root = ps;
    }
    LogicalOp *proj = bind_lop(bc, LOP_PROJECT, 1);
    proj->children[0] = root;
    proj->binding = bind_new_binding(bc);
    proj->nexprs = tl.n;
    proj->exprs = tl.exprs;
    root = proj;
    bool ties = s->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES;
    if (bind_distinct_plan(bc, &tl, ntargets, distinct_on ? &don : NULL, distinct, ties, sort, sortcol, &nsort, &root) <
        0)
        return -1;
    if (bind_order_limit(bc, parent, s, root, sort, nsort, &root) < 0) return -1;
    if (bind_with_finish(bc, parent, outer, &root) < 0) return -1;
    bq->root = root;
    bq->ntargets = ntargets;
    bq->names = tl.names;
    bq->src_table = tl.tab;
    bq->src_attnum = tl.att;
    bq->types = mem_new_array(bc->ctx, OmType, ntargets > 0 ? ntargets : 1);
    bq->locations = mem_new_array(bc->ctx, int, ntargets > 0 ? ntargets : 1);
    for (int i = 0; i < ntargets; i++) {
        bq->types[i] = tl.exprs[i]->type;
        bq->locations[i] = tl.exprs[i]->location;
    }
    return 0;
}

/* The query depth (BindCtx.query_depth) tells a recursive CTE's reference
 * whether it sits in a subquery of its recursive term. */
int bind_select(BindCtx *bc, BindScope *parent, PgQuery__SelectStmt *s, BoundQuery **out)
{
    bc->query_depth++;
    int rc = bind_select_level(bc, parent, s, out);
    bc->query_depth--;
    return rc;
}
