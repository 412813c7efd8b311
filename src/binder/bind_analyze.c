/*
 * bind_analyze.c — ANALYZE [VERBOSE] [table [(columns)], ...] and
 * VACUUM [options] [table [(columns)], ...]: the tables (and columns) whose
 * planner statistics are gathered.
 *
 * As PostgreSQL: no table means every table of the database; a view or a
 * sequence is skipped with a WARNING; an unknown table is 42P01, an unknown
 * or repeated column 42703 / 42701; options are checked by name (42601
 * "unrecognized ANALYZE option"). VACUUM itself has nothing to reclaim in
 * LMDB (freed pages are reused by the next write transactions), so it only
 * validates its arguments, and with ANALYZE gathers statistics too; it
 * refuses to run inside a transaction block (server/exec.c).
 */
#include <string.h>

#include "bind_int.h"

static const char *const analyze_opts[] = {"verbose", "skip_locked", "buffer_usage_limit", NULL};
static const char *const vacuum_opts[] = {"verbose",        "skip_locked",        "buffer_usage_limit", "analyze",
                                          "full",           "freeze",             "disable_page_skipping",
                                          "index_cleanup",  "process_toast",      "process_main",
                                          "truncate",       "parallel",           "skip_database_stats",
                                          "only_database_stats", NULL};

static bool opt_on(PgQuery__DefElem *d)
{
    if (!d->arg) return true;
    if (d->arg->node_case == PG_QUERY__NODE__NODE_A_CONST) {
        PgQuery__AConst *c = d->arg->a_const;
        if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL) return c->ival->ival != 0;
        if (c->val_case == PG_QUERY__A__CONST__VAL_BOOLVAL) return c->boolval->boolval;
        if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL)
            return !strcmp(c->sval->sval, "true") || !strcmp(c->sval->sval, "on") || !strcmp(c->sval->sval, "1");
    }
    if (d->arg->node_case == PG_QUERY__NODE__NODE_STRING) {
        const char *v = d->arg->string->sval;
        return !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1");
    }
    return true;
}

static int one_relation(BindCtx *bc, PgQuery__VacuumRelation *vr, BoundStmt *st, int *cap)
{
    PgQuery__RangeVar *rv = vr->relation;
    CatTable *t = NULL;
    int rc = -1;
    if (!rv->schemaname || !rv->schemaname[0] || !strcmp(rv->schemaname, "public"))
        rc = cat_table_lookup(bc->txn, bc->ctx, bc->db, rv->relname, &t, bc->err);
    else if (!strcmp(rv->schemaname, "pg_catalog") || !strcmp(rv->schemaname, "information_schema"))
        return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "system catalogs are not supported yet");
    else
        return err_set(bc->err, ERRCODE_INVALID_SCHEMA_NAME, "schema \"%s\" does not exist", rv->schemaname);
    if (rc < 0) return -1;
    if (rc == 0) {
        int other = cat_relation_exists(bc->txn, bc->ctx, bc->db, rv->relname, bc->err);
        if (other < 0) return -1;
        if (!other) return err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "relation \"%s\" does not exist", rv->relname);
        /* A view or a sequence: PostgreSQL skips it with a warning. */
        if (st->nanalyze_skipped % 8 == 0)
            st->analyze_skipped = mem_realloc(bc->ctx, st->analyze_skipped, sizeof(char *) * (size_t)st->nanalyze_skipped,
                                              sizeof(char *) * (size_t)(st->nanalyze_skipped + 8));
        st->analyze_skipped[st->nanalyze_skipped++] = mem_strdup(bc->ctx, rv->relname);
        return 0;
    }
    bool *cols = NULL;
    if (vr->n_va_cols) {
        cols = mem_new_array(bc->ctx, bool, t->ncols);
        for (size_t i = 0; i < vr->n_va_cols; i++) {
            const char *name = bind_node_name(vr->va_cols[i]);
            int c = -1;
            for (int k = 0; name && k < t->ncols && c < 0; k++)
                if (!strcmp(t->cols[k].name, name)) c = k;
            if (c < 0)
                return err_set(bc->err, ERRCODE_UNDEFINED_COLUMN, "column \"%s\" of relation \"%s\" does not exist",
                               name ? name : "?", t->name);
            if (cols[c])
                return err_set(bc->err, ERRCODE_DUPLICATE_COLUMN, "column \"%s\" of relation \"%s\" appears more than once",
                               name, t->name);
            cols[c] = true;
        }
    }
    if (st->nanalyze == *cap) {
        int nc = *cap ? *cap * 2 : 4;
        st->analyze = mem_realloc(bc->ctx, st->analyze, sizeof(CatTable *) * (size_t)*cap, sizeof(CatTable *) * (size_t)nc);
        st->analyze_cols =
            mem_realloc(bc->ctx, st->analyze_cols, sizeof(bool *) * (size_t)*cap, sizeof(bool *) * (size_t)nc);
        *cap = nc;
    }
    st->analyze[st->nanalyze] = t;
    st->analyze_cols[st->nanalyze++] = cols;
    return 0;
}

int bind_analyze(BindCtx *bc, PgQuery__VacuumStmt *vs, BoundStmt *st)
{
    st->kind = BS_ANALYZE;
    st->vacuum = vs->is_vacuumcmd;
    st->do_analyze = !vs->is_vacuumcmd;
    const char *const *known = vs->is_vacuumcmd ? vacuum_opts : analyze_opts;
    for (size_t i = 0; i < vs->n_options; i++) {
        PgQuery__DefElem *d = vs->options[i]->def_elem;
        bool ok = false;
        for (int k = 0; known[k] && !ok; k++) ok = !strcmp(known[k], d->defname);
        if (!ok) {
            err_set(bc->err, ERRCODE_SYNTAX_ERROR, "unrecognized %s option \"%s\"", vs->is_vacuumcmd ? "VACUUM" : "ANALYZE",
                    d->defname);
            return bind_error_at(bc, d->location);
        }
        if (!strcmp(d->defname, "verbose")) st->verbose = opt_on(d);
        if (!strcmp(d->defname, "analyze")) st->do_analyze = opt_on(d);
    }
    int cap = 0;
    for (size_t i = 0; i < vs->n_rels; i++) {
        PgQuery__VacuumRelation *vr = vs->rels[i]->vacuum_relation;
        if (vr->n_va_cols && !st->do_analyze)
            return err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                           "ANALYZE option must be specified when a column list is provided");
        if (one_relation(bc, vr, st, &cap) < 0) return -1;
    }
    if (vs->n_rels == 0) {
        char **names;
        int n;
        if (cat_table_list(bc->txn, bc->ctx, bc->db, &names, &n, bc->err) < 0) return -1;
        for (int i = 0; i < n; i++) {
            PgQuery__RangeVar rv = PG_QUERY__RANGE_VAR__INIT;
            rv.relname = names[i];
            PgQuery__VacuumRelation vr = PG_QUERY__VACUUM_RELATION__INIT;
            vr.relation = &rv;
            if (one_relation(bc, &vr, st, &cap) < 0) return -1;
        }
    }
    return 0;
}
