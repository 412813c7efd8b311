/*
 * bind_select.c — SELECT: FROM (one table or none), WHERE, target list with
 * * expansion, count aggregates, ORDER BY (output names, positions or
 * expressions), LIMIT/OFFSET, and VALUES lists.
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
        err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "relation \"%s\" does not exist", rv->relname);
        return bind_error_at(bc, rv->location);
    }
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

typedef struct TargetList {
    int n, cap;
    BoundExpr **exprs;
    char **names;
    uint32_t *tab;
    int16_t *att;
} TargetList;

static void tl_add(BindCtx *bc, TargetList *tl, BoundExpr *e, const char *name, uint32_t tab, int16_t att)
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

static int bind_values(BindCtx *bc, PgQuery__SelectStmt *s, BoundSelect *bs)
{
    int nrows = (int)s->n_values_lists;
    int ncols = (int)s->values_lists[0]->list->n_items;
    BoundExpr ***rows = mem_new_array(bc->ctx, BoundExpr **, nrows);
    BindScope sc = {.clause = "VALUES"};
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
    /* Each column takes the common type of its rows (select_common_type). */
    bs->ntargets = bs->nprojs = ncols;
    bs->projs = mem_new_array(bc->ctx, BoundExpr *, ncols);
    bs->names = mem_new_array(bc->ctx, char *, ncols);
    bs->src_table = mem_new_array(bc->ctx, uint32_t, ncols);
    bs->src_attnum = mem_new_array(bc->ctx, int16_t, ncols);
    BoundExpr **col = mem_new_array(bc->ctx, BoundExpr *, nrows);
    for (int c = 0; c < ncols; c++) {
        for (int r = 0; r < nrows; r++) col[r] = rows[r][c];
        OmType t;
        if (bind_common_type(bc, col, nrows, "VALUES", &t) < 0) return -1;
        for (int r = 0; r < nrows; r++)
            if (bind_coerce(bc, rows[r][c], t, OM_COERCE_IMPLICIT, "VALUES", &rows[r][c]) < 0) return -1;
        BoundExpr *ref = mem_new(bc->ctx, BoundExpr);
        ref->kind = BE_COLUMN;
        ref->type = t;
        ref->col = c;
        ref->location = -1;
        bs->projs[c] = ref;
        bs->names[c] = mem_printf(bc->ctx, "column%d", c + 1);
    }
    bs->nvalues_rows = nrows;
    bs->values = rows;
    return 0;
}

static int bind_limit(BindCtx *bc, PgQuery__Node *n, const char *what, BoundExpr **out)
{
    if (!n) return 0;
    BindScope sc = {.clause = what};
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
static int bind_sort_item(BindCtx *bc, BindScope *sc, TargetList *tl, int ntargets, PgQuery__SortBy *sb,
                          BoundSortKey *key)
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
        key->col = pos - 1;
        return 0;
    }
    /* A bare name matching an output column name refers to that column
     * (SQL92 rule, which PostgreSQL applies first). */
    if (n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && n->column_ref->n_fields == 1) {
        const char *nm = bind_node_name(n->column_ref->fields[0]);
        int found = -1;
        for (int i = 0; nm && i < ntargets; i++) {
            if (!strcmp(tl->names[i], nm)) {
                if (found >= 0 && !(tl->exprs[i]->kind == BE_COLUMN && tl->exprs[found]->kind == BE_COLUMN &&
                                    tl->exprs[i]->col == tl->exprs[found]->col)) {
                    err_set(bc->err, ERRCODE_AMBIGUOUS_COLUMN, "ORDER BY \"%s\" is ambiguous", nm);
                    return bind_error_at(bc, n->column_ref->location);
                }
                if (found < 0) found = i;
            }
        }
        if (found >= 0) {
            key->col = found;
            return 0;
        }
    }
    BoundExpr *e;
    if (bind_expr(bc, sc, n, &e) < 0) return -1;
    if (bind_resolve_unknown(bc, e, &e) < 0) return -1;
    /* Reuse an identical plain column already projected. */
    for (int i = 0; i < tl->n; i++) {
        if (e->kind == BE_COLUMN && tl->exprs[i]->kind == BE_COLUMN && tl->exprs[i]->col == e->col) {
            key->col = i;
            return 0;
        }
    }
    tl_add(bc, tl, e, "?sort?", 0, 0);
    key->col = tl->n - 1;
    return 0;
}

/* Sort keys need an ordering: json has none (42883, as PostgreSQL). */
static int sort_key_check(BindCtx *bc, const TargetList *tl, const BoundSortKey *key)
{
    const BoundExpr *e = tl->exprs[key->col];
    if (e->type.id != OM_T_JSON) return 0;
    err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an ordering operator for type json");
    err_hint(bc->err, "Use an explicit ordering operator or modify the query.");
    return bind_error_at(bc, e->location);
}

int bind_select(BindCtx *bc, PgQuery__SelectStmt *s, BoundSelect **out)
{
    BoundSelect *bs = mem_new(bc->ctx, BoundSelect);
    *out = bs;
    bool insert_select = bc->insert_select;
    bc->insert_select = false;
    if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE && s->op != 0)
        return unsupported(bc, "UNION, INTERSECT and EXCEPT", -1);
    if (s->with_clause) return unsupported(bc, "WITH", s->with_clause->location);
    if (s->into_clause) return unsupported(bc, "SELECT INTO", -1);
    if (s->n_locking_clause) return unsupported(bc, "FOR UPDATE/SHARE", -1);
    if (s->n_values_lists) {
        if (bind_values(bc, s, bs) < 0) return -1;
    }
    if (s->n_distinct_clause) return unsupported(bc, "DISTINCT", -1);
    if (s->n_group_clause) return unsupported(bc, "GROUP BY", -1);
    if (s->having_clause) return unsupported(bc, "HAVING", -1);
    if (s->n_window_clause) return unsupported(bc, "WINDOW", -1);
    if (s->n_from_clause > 1) return unsupported(bc, "a FROM list with more than one table (joins)", -1);
    if (s->n_from_clause == 1) {
        PgQuery__Node *f = s->from_clause[0];
        if (f->node_case == PG_QUERY__NODE__NODE_JOIN_EXPR) return unsupported(bc, "JOIN", -1);
        if (f->node_case == PG_QUERY__NODE__NODE_RANGE_SUBSELECT) return unsupported(bc, "a subquery in FROM", -1);
        if (f->node_case == PG_QUERY__NODE__NODE_RANGE_FUNCTION) {
            if (bind_range_function(bc, f->range_function, bs) < 0) return -1;
        } else {
            if (f->node_case != PG_QUERY__NODE__NODE_RANGE_VAR) return unsupported(bc, "this kind of FROM item", -1);
            PgQuery__RangeVar *rv = f->range_var;
            if (rv->alias && rv->alias->n_colnames) return unsupported(bc, "column aliases in FROM", rv->location);
            int seq = 0;
            if (bind_table_ref(bc, rv, &bs->table) < 0) {
                if (strcmp(bc->err->sqlstate, "42809") != 0) return -1;
                err_clear(bc->err);
                seq = bind_sequence_from(bc, rv, bs);
                if (seq <= 0) return -1;
            }
            if (rv->alias && !seq) bs->alias = rv->alias->aliasname;
        }
    }
    BindScope sc = {.table = bs->table, .alias = bs->alias};
    if (s->where_clause) {
        sc.clause = "WHERE";
        BoundExpr *w;
        if (bind_expr(bc, &sc, s->where_clause, &w) < 0) return -1;
        if (w->type.id != OM_T_BOOL) {
            if (w->type.id == OM_T_UNKNOWN) {
                if (bind_coerce(bc, w, om_type(OM_T_BOOL), OM_COERCE_IMPLICIT, NULL, &w) < 0) return -1;
            } else {
                char tb[64];
                err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "argument of WHERE must be type boolean, not type %s",
                        type_name(w->type, tb, sizeof tb));
                return bind_error_at(bc, w->location);
            }
        }
        bs->where = w;
    }
    if (bs->nvalues_rows) {
        /* VALUES: ORDER BY / LIMIT over its output columns column1.. —
         * names resolve through a scope describing the VALUES output. */
        if (s->n_sort_clause) {
            CatTable *vt = mem_new(bc->ctx, CatTable);
            vt->name = "*VALUES*";
            vt->ncols = bs->ntargets;
            vt->cols = mem_new_array(bc->ctx, CatColumn, vt->ncols);
            TargetList tl = {0};
            for (int c = 0; c < vt->ncols; c++) {
                vt->cols[c].name = bs->names[c];
                vt->cols[c].type = bs->projs[c]->type;
                tl_add(bc, &tl, bs->projs[c], bs->names[c], 0, 0);
            }
            BindScope vsc = {.table = vt, .clause = "ORDER BY"};
            bs->nsort = (int)s->n_sort_clause;
            bs->sort = mem_new_array(bc->ctx, BoundSortKey, bs->nsort);
            for (int i = 0; i < bs->nsort; i++)
                if (bind_sort_item(bc, &vsc, &tl, bs->ntargets, s->sort_clause[i]->sort_by, &bs->sort[i]) < 0 ||
                    sort_key_check(bc, &tl, &bs->sort[i]) < 0)
                    return -1;
            bs->projs = tl.exprs;
            bs->nprojs = tl.n;
            bs->src_table = tl.tab;
            bs->src_attnum = tl.att;
        }
        return bind_limit(bc, s->limit_count, "LIMIT", &bs->limit) < 0 ||
                       bind_limit(bc, s->limit_offset, "OFFSET", &bs->offset) < 0
                   ? -1 : 0;
    }

    /* Target list. Aggregates are collected into sc; whether bare columns
     * are allowed is only known once all of them are bound (below). */
    TargetList tl = {0};
    sc.clause = "SELECT";
    sc.allow_aggs = true;
    sc.allow_srfs = true;
    sc.srf_base = bs->table ? bs->table->ncols : 0;
    /* A function scan's columns come from no table (RowDescription 0, 0). */
    uint32_t tab_oid = bs->table && !bs->nfrom_srfs ? bs->table->oid : 0;
    for (size_t i = 0; i < s->n_target_list; i++) {
        PgQuery__ResTarget *rt = s->target_list[i]->res_target;
        const char *qual;
        if (is_star(rt->val, &qual)) {
            if (!bs->table) {
                err_set(bc->err, ERRCODE_SYNTAX_ERROR, "SELECT * with no tables specified is not valid");
                return bind_error_at(bc, rt->val->column_ref->location);
            }
            if (qual && bind_check_qualifier(bc, &sc, qual, rt->val->column_ref->location) < 0) return -1;
            for (int c = 0; c < bs->table->ncols; c++) {
                BoundExpr *e = mem_new(bc->ctx, BoundExpr);
                e->kind = BE_COLUMN;
                e->type = bs->table->cols[c].type;
                e->col = c;
                e->location = rt->location;
                tl_add(bc, &tl, e, bs->table->cols[c].name, tab_oid, (int16_t)(tab_oid ? c + 1 : 0));
            }
            continue;
        }
        BoundExpr *e;
        if (bind_expr(bc, &sc, rt->val, &e) < 0) return -1;
        /* PostgreSQL resolves an untyped output to text, except in INSERT's
         * own SELECT, where the target column's type decides. */
        if (!insert_select && bind_resolve_unknown(bc, e, &e) < 0) return -1;
        const char *name = rt->name && rt->name[0] ? rt->name : bind_figure_colname(rt->val);
        uint32_t tab = 0;
        int16_t att = 0;
        if (e->kind == BE_COLUMN && tab_oid) {
            tab = tab_oid;
            att = (int16_t)(e->col + 1);
        }
        tl_add(bc, &tl, e, name, tab, att);
    }
    int ntargets = tl.n;
    /* PostgreSQL's MaxTupleAttributeNumber; also keeps RowDescription's
     * 16-bit column count from wrapping. */
    if (ntargets > 1664)
        return err_set(bc->err, ERRCODE_TOO_MANY_COLUMNS, "target lists can have at most 1664 entries");
    if (s->n_sort_clause) {
        bs->nsort = (int)s->n_sort_clause;
        bs->sort = mem_new_array(bc->ctx, BoundSortKey, bs->nsort);
        BindScope ssc = sc;
        ssc.clause = "ORDER BY";
        for (int i = 0; i < bs->nsort; i++) {
            if (bind_sort_item(bc, &ssc, &tl, ntargets, s->sort_clause[i]->sort_by, &bs->sort[i]) < 0 ||
                sort_key_check(bc, &tl, &bs->sort[i]) < 0)
                return -1;
            sc.naggs = ssc.naggs;
            sc.cap_aggs = ssc.cap_aggs;
            sc.aggs = ssc.aggs;
            sc.nsrfs = ssc.nsrfs;
            sc.cap_srfs = ssc.cap_srfs;
            sc.srfs = ssc.srfs;
        }
    }
    if (sc.naggs > 0) {
        /* With aggregates and no GROUP BY, every column reference must be
         * inside an aggregate: rebind to find the offending one. */
        for (size_t i = 0; i < s->n_target_list; i++) {
            PgQuery__ResTarget *rt = s->target_list[i]->res_target;
            const char *qual;
            if (is_star(rt->val, &qual)) {
                err_set(bc->err, ERRCODE_GROUPING_ERROR,
                        "column \"%s.%s\" must appear in the GROUP BY clause or be used in an aggregate function",
                        bs->table->name, bs->table->cols[0].name);
                return bind_error_at(bc, rt->location);
            }
            BindScope chk = {.table = bs->table, .alias = bs->alias, .allow_aggs = true, .strict_cols = true, .clause = "SELECT"};
            BoundExpr *tmp;
            if (bind_expr(bc, &chk, rt->val, &tmp) < 0) return -1;
        }
        for (int i = 0; i < bs->nsort; i++) {
            PgQuery__SortBy *sb = s->sort_clause[i]->sort_by;
            if (bs->sort[i].col < ntargets) continue;
            BindScope chk = {.table = bs->table, .alias = bs->alias, .allow_aggs = true, .strict_cols = true, .clause = "ORDER BY"};
            BoundExpr *tmp;
            if (bind_expr(bc, &chk, sb->node, &tmp) < 0) return -1;
        }
        if (bs->where && bind_has_agg(bs->where)) {
            err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in WHERE");
            return bind_error_at(bc, bs->where->location);
        }
        bs->naggs = sc.naggs;
        bs->aggs = sc.aggs;
    }
    if (s->where_clause && bs->where && bind_has_agg(bs->where)) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in WHERE");
        return bind_error_at(bc, bs->where->location);
    }
    if (sc.nsrfs > 0) {
        if (bs->naggs > 0) return unsupported(bc, "set-returning functions together with aggregates", -1);
        bs->nsrfs = sc.nsrfs;
        bs->srfs = sc.srfs;
    }
    bs->ntargets = ntargets;
    bs->nprojs = tl.n;
    bs->projs = tl.exprs;
    bs->names = tl.names;
    bs->src_table = tl.tab;
    bs->src_attnum = tl.att;
    if (s->limit_option == PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_WITH_TIES)
        return unsupported(bc, "FETCH ... WITH TIES", -1);
    if (bind_limit(bc, s->limit_count, "LIMIT", &bs->limit) < 0) return -1;
    if (bind_limit(bc, s->limit_offset, "OFFSET", &bs->offset) < 0) return -1;
    return 0;
}
