/*
 * bind_view.c — CREATE [OR REPLACE] VIEW, DROP VIEW, and views in FROM.
 *
 * CREATE VIEW binds its query once (so every error shows then), fixes the
 * column names and types, records the relations the query read (the binder
 * collects them in BindCtx.reads) and stores the query as SQL deparsed from
 * its parse tree (catalog/cat_view.c). A view in FROM is its query bound
 * again, as a derived table named after the view: the optimizer sees
 * through it as through any subquery in FROM. The query is bound without
 * the referencing statement's scopes (no outer columns, no CTEs of the
 * statement), as PostgreSQL's stored rule is.
 *
 * Interface routines: bind_create_view, bind_drop_view, bind_view_ref.
 */
#include <string.h>

#include "bind_int.h"

/* Views nested deeper than this are a cycle (made by CREATE OR REPLACE). */
#define VIEW_MAX_NESTING 100

void bind_note_read(BindCtx *bc, uint32_t oid)
{
    for (int i = 0; i < bc->nreads; i++)
        if (bc->reads[i] == oid) return;
    bc->reads = mem_realloc(bc->ctx, bc->reads, sizeof(uint32_t) * (size_t)bc->nreads,
                            sizeof(uint32_t) * (size_t)(bc->nreads + 1));
    bc->reads[bc->nreads++] = oid;
}

static int unsupported(BindCtx *bc, const char *what)
{
    return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported yet", what);
}

int bind_create_view(BindCtx *bc, PgQuery__ViewStmt *vs, BoundStmt *st)
{
    PgQuery__RangeVar *rv = vs->view;
    if (rv->relpersistence && !strcmp(rv->relpersistence, "t")) return unsupported(bc, "CREATE TEMPORARY VIEW");
    if (vs->n_options) return unsupported(bc, "CREATE VIEW with options");
    if (vs->with_check_option > PG_QUERY__VIEW_CHECK_OPTION__NO_CHECK_OPTION)
        return unsupported(bc, "WITH CHECK OPTION");
    if (rv->schemaname && rv->schemaname[0] && strcmp(rv->schemaname, "public")) {
        err_set(bc->err, ERRCODE_INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", rv->schemaname);
        return bind_error_at(bc, rv->location);
    }
    if (vs->query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return unsupported(bc, "this view query");
    BoundQuery *q;
    bc->nreads = 0;
    if (bind_select(bc, NULL, vs->query->select_stmt, &q) < 0) return -1;
    if ((int)vs->n_aliases > q->ntargets)
        return err_set(bc->err, ERRCODE_SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
    CatView *v = mem_new(bc->ctx, CatView);
    v->dbname = mem_strdup(bc->ctx, bc->db);
    v->schema = mem_strdup(bc->ctx, "public");
    v->name = mem_strdup(bc->ctx, rv->relname);
    v->ncols = q->ntargets;
    v->colnames = mem_new_array(bc->ctx, char *, v->ncols ? v->ncols : 1);
    v->coltypes = mem_new_array(bc->ctx, OmType, v->ncols ? v->ncols : 1);
    for (int i = 0; i < v->ncols; i++) {
        const char *name = i < (int)vs->n_aliases ? bind_node_name(vs->aliases[i]) : q->names[i];
        v->colnames[i] = mem_strdup(bc->ctx, name ? name : "?column?");
        /* PostgreSQL 10+: an untyped column of a view is text. */
        v->coltypes[i] = q->types[i].id == OM_T_UNKNOWN ? om_type(OM_T_TEXT) : q->types[i];
        for (int k = 0; k < i; k++)
            if (!strcmp(v->colnames[k], v->colnames[i]))
                return err_set(bc->err, ERRCODE_DUPLICATE_COLUMN, "column \"%s\" specified more than once",
                               v->colnames[i]);
    }
    if (v->ncols == 0) return unsupported(bc, "a view without columns");
    v->ndeps = bc->nreads;
    v->deps = bc->reads;
    if (parse_deparse_stmt(bc->ctx, vs->query, &v->query, bc->err) < 0) return -1;
    st->view = v;
    st->replace = vs->replace;
    return 0;
}

int bind_drop_view(BindCtx *bc, PgQuery__DropStmt *ds, BoundStmt *st)
{
    st->if_exists = ds->missing_ok;
    st->cascade = ds->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
    st->view_drops = mem_new_array(bc->ctx, CatView *, ds->n_objects);
    st->missing = mem_new_array(bc->ctx, char *, ds->n_objects);
    for (size_t i = 0; i < ds->n_objects; i++) {
        PgQuery__List *names = ds->objects[i]->list;
        const char *name = bind_node_name(names->items[names->n_items - 1]);
        const char *schema = names->n_items > 1 ? bind_node_name(names->items[names->n_items - 2]) : NULL;
        CatView *v = NULL;
        int rc = 0;
        if (schema && strcmp(schema, "public")) {
            if (!ds->missing_ok)
                return err_set(bc->err, ERRCODE_INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", schema);
        } else {
            rc = cat_view_lookup(bc->txn, bc->ctx, bc->db, name, &v, bc->err);
            if (rc < 0) return -1;
        }
        if (rc == 1) {
            bool dup = false;
            for (int k = 0; k < st->nview_drops; k++) dup |= st->view_drops[k]->oid == v->oid;
            if (!dup) st->view_drops[st->nview_drops++] = v;
            continue;
        }
        if (rc == 0 && !(schema && strcmp(schema, "public"))) {
            CatTable *t;
            int trc = cat_table_lookup(bc->txn, bc->ctx, bc->db, name, &t, bc->err);
            if (trc < 0) return -1;
            if (trc == 1) {
                err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "\"%s\" is not a view", name);
                err_hint(bc->err, "Use DROP TABLE to remove a table.");
                return -1;
            }
        }
        if (!ds->missing_ok) return err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "view \"%s\" does not exist", name);
        st->missing[st->nmissing++] = mem_strdup(bc->ctx, name);
    }
    return 0;
}

int bind_view_ref(BindCtx *bc, PgQuery__RangeVar *rv, BindScope *local, LogicalOp **out)
{
    if (rv->schemaname && rv->schemaname[0] && strcmp(rv->schemaname, "public")) return 0;
    CatView *v;
    int rc = cat_view_lookup(bc->txn, bc->ctx, bc->db, rv->relname, &v, bc->err);
    if (rc <= 0) return rc;
    if (bc->view_depth >= VIEW_MAX_NESTING) {
        err_set(bc->err, ERRCODE_INVALID_OBJECT_DEFINITION, "infinite recursion detected in rules for relation \"%s\"",
                rv->relname);
        return bind_error_at(bc, rv->location);
    }
    bind_note_read(bc, v->oid);
    ParseResult *pr;
    if (parse_sql(bc->ctx, v->query, &pr, bc->err) < 0) return -1;
    if (pr->nstmts != 1 || pr->stmts[0].node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
        return err_set(bc->err, ERRCODE_DATA_CORRUPTED, "corrupt query of view \"%s\"", v->name);
    /* The stored query's own positions mean nothing in this statement. */
    const char *sql = bc->sql;
    bc->sql = v->query;
    bc->view_depth++;
    BoundQuery *q;
    rc = bind_select(bc, NULL, pr->stmts[0].node->select_stmt, &q);
    bc->view_depth--;
    bc->sql = sql;
    if (rc < 0) return -1;
    bool same = q->ntargets == v->ncols;
    for (int i = 0; same && i < v->ncols; i++)
        same = q->types[i].id == v->coltypes[i].id ||
               (q->types[i].id == OM_T_UNKNOWN && v->coltypes[i].id == OM_T_TEXT);
    if (!same)
        return err_set(bc->err, ERRCODE_INTERNAL_ERROR, "view \"%s\" no longer matches the tables it reads", v->name);
    BoundQuery *named = mem_new(bc->ctx, BoundQuery);
    *named = *q;
    named->names = v->colnames;
    named->types = v->coltypes;
    PgQuery__Alias *al = rv->alias;
    if (bind_derived(bc, named, al ? al->aliasname : v->name, al ? al->colnames : NULL, al ? al->n_colnames : 0,
                     local, out) < 0)
        return bind_error_at(bc, rv->location);
    return 1;
}
