/*
 * exec.c — running a simple-protocol query string for a session:
 * parse → (per statement) transaction choice → bind → plan → execute →
 * results to the sink.
 *
 * Transactions follow PostgreSQL's rules:
 *   - outside a block each statement commits on its own; several statements
 *     in one Query message form one implicit transaction (an error in any
 *     of them rolls back all of them), unless the string itself contains
 *     transaction control;
 *   - BEGIN opens a block; an error in a block makes it failed: every
 *     statement but COMMIT/ROLLBACK gets 25P02 until the block ends, and
 *     COMMIT of a failed block reports ROLLBACK;
 *   - after an error, the rest of the query string is skipped.
 * Writes hold LMDB's single write transaction from the first write of a
 * block to its end (the transactions issue replaces this with MVCC + group
 * commit); reads outside a write use a fresh snapshot per statement (READ
 * COMMITTED).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../binder/binder.h"
#include "../catalog/catalog.h"
#include "../common/log.h"
#include "../executor/executor.h"
#include "../optimizer/optimizer.h"
#include "../parser/parser.h"
#include "../planner/explain.h"
#include "../planner/planner.h"
#include "../types/datetime.h"
#include "server.h"
#include "session.h"
#include "settings.h"

typedef struct StmtRun {
    SrvSession *s;
    const SrvSink *sink;
    const char *sql;
    MemCtx *ctx;
    OmError *err;
    bool implicit;       /* part of a multi-statement implicit transaction */
    bool client_gone;
} StmtRun;

static int exec_simple(SrvSession *s, const char *sql, const SrvSink *sink);

static bool is_txn_control(PgQuery__Node *n)
{
    return n->node_case == PG_QUERY__NODE__NODE_TRANSACTION_STMT;
}

static int notice(StmtRun *r, const char *sev, const char *code, const char *msg)
{
    if (r->sink->notice(r->sink->arg, sev, code, msg) < 0) r->client_gone = true;
    return 0;
}

static int complete(StmtRun *r, const char *tag)
{
    if (r->sink->complete(r->sink->arg, tag) < 0) r->client_gone = true;
    return 0;
}

/* Get the write transaction for this statement (held by the session inside
 * a block or implicit transaction). */
static int write_txn(StmtRun *r, StorTxn **out)
{
    SrvSession *s = r->s;
    if (!s->wtxn && stor_txn_begin(s->env, true, &s->wtxn, r->err) < 0) return -1;
    *out = s->wtxn;
    return 0;
}

/* Send the plan's rows; the command tag is "<verb> <rows>" (SELECT, or the
 * write's own for INSERT / UPDATE / DELETE ... RETURNING). */
static int send_rows(StmtRun *r, Plan *plan, ExecNode *root, const char *verb)
{
    int nv = plan->nvisible;
    SrvColumn *cols = mem_new_array(r->ctx, SrvColumn, nv > 0 ? nv : 1);
    for (int i = 0; i < nv; i++) {
        cols[i].name = plan->names[i];
        cols[i].type = plan->root->types[i];
        cols[i].table_oid = plan->src_table ? plan->src_table[i] : 0;
        cols[i].attnum = plan->src_attnum ? plan->src_attnum[i] : 0;
    }
    if (r->sink->row_desc(r->sink->arg, nv, cols) < 0) {
        r->client_gone = true;
        return -1;
    }
    uint64_t rows = 0;
    OmBatch *b;
    int rc;
    while ((rc = exec_next(root, &b)) > 0) {
        int live = om_batch_live(b);
        if (live == 0) continue;
        rows += (uint64_t)live;
        if (r->sink->rows(r->sink->arg, b, nv, cols) < 0) {
            r->client_gone = true;
            return -1;
        }
    }
    if (rc < 0) return -1;
    char tag[64];
    snprintf(tag, sizeof tag, "%s %llu", verb, (unsigned long long)rows);
    return complete(r, tag);
}

/* The views that read relation `oid` (of `kind` and `name`), directly or
 * through each other, excluding those in skip (being dropped anyway):
 * dropped first under CASCADE (PostgreSQL's NOTICE), else 2BP01 naming
 * them. */
static int drop_dependents(StmtRun *r, StorTxn *txn, uint32_t oid, const char *kind, const char *name, bool cascade,
                           CatView **skip, int nskip)
{
    CatView **found = NULL;
    int nfound = 0;
    const char **via = NULL; /* what each found view depends on, for the DETAIL */
    for (int qi = 0; qi <= nfound; qi++) {
        uint32_t o = qi == 0 ? oid : found[qi - 1]->oid;
        const char *on = qi == 0 ? name : found[qi - 1]->name;
        const char *ok = qi == 0 ? kind : "view";
        CatView **deps;
        int n;
        if (cat_view_dependents(txn, r->ctx, r->s->database, o, &deps, &n, r->err) < 0) return -1;
        for (int k = 0; k < n; k++) {
            bool seen = false;
            for (int j = 0; j < nfound; j++) seen |= found[j]->oid == deps[k]->oid;
            for (int j = 0; j < nskip; j++) seen |= skip[j]->oid == deps[k]->oid;
            if (seen) continue;
            found = mem_realloc(r->ctx, found, sizeof(*found) * (size_t)nfound, sizeof(*found) * (size_t)(nfound + 1));
            via = mem_realloc(r->ctx, via, sizeof(*via) * (size_t)nfound, sizeof(*via) * (size_t)(nfound + 1));
            via[nfound] = mem_printf(r->ctx, "%s %s", ok, on);
            found[nfound++] = deps[k];
        }
    }
    if (nfound == 0) return 0;
    OmBuf detail;
    buf_init(&detail, r->ctx, 128);
    for (int i = 0; i < nfound; i++) {
        char line[300];
        if (cascade) snprintf(line, sizeof line, "%sdrop cascades to view %s", i ? "\n" : "", found[i]->name);
        else snprintf(line, sizeof line, "%sview %s depends on %s", i ? "\n" : "", found[i]->name, via[i]);
        buf_append_str(&detail, line);
    }
    buf_append(&detail, "", 1);
    if (!cascade) {
        err_set(r->err, ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop %s %s because other objects depend on it",
                kind, name);
        err_detail(r->err, "%s", (const char *)detail.data);
        err_hint(r->err, "Use DROP ... CASCADE to drop the dependent objects too.");
        return -1;
    }
    if (nfound == 1) {
        notice(r, "NOTICE", ERRCODE_SUCCESSFUL_COMPLETION, (const char *)detail.data);
    } else {
        char msg[64];
        snprintf(msg, sizeof msg, "drop cascades to %d other objects", nfound);
        notice(r, "NOTICE", ERRCODE_SUCCESSFUL_COMPLETION, msg);
    }
    for (int i = 0; i < nfound; i++)
        if (cat_view_drop(txn, found[i], r->err) < 0) return -1;
    return 0;
}

/* CREATE OR REPLACE VIEW keeps the old columns (PostgreSQL's
 * checkViewTupleDesc): the same names and types, new ones only at the end. */
static int view_replace_check(StmtRun *r, const CatView *old, const CatView *v)
{
    if (v->ncols < old->ncols) return err_set(r->err, ERRCODE_INVALID_TABLE_DEFINITION, "cannot drop columns from view");
    for (int i = 0; i < old->ncols; i++) {
        if (strcmp(old->colnames[i], v->colnames[i])) {
            err_set(r->err, ERRCODE_INVALID_TABLE_DEFINITION, "cannot change name of view column \"%s\" to \"%s\"",
                    old->colnames[i], v->colnames[i]);
            err_hint(r->err, "Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.");
            return -1;
        }
        if (old->coltypes[i].id != v->coltypes[i].id || old->coltypes[i].typmod != v->coltypes[i].typmod) {
            char a[128], b[128];
            return err_set(r->err, ERRCODE_INVALID_TABLE_DEFINITION,
                           "cannot change data type of view column \"%s\" from %s to %s", old->colnames[i],
                           type_name(old->coltypes[i], a, sizeof a), type_name(v->coltypes[i], b, sizeof b));
        }
    }
    return 0;
}

/* ANALYZE / VACUUM (binder/bind_analyze.c): statistics of each table. */
static int run_analyze(StmtRun *r, BoundStmt *st, StorTxn *txn, const char **tag)
{
    char msg[400];
    *tag = st->vacuum ? "VACUUM" : "ANALYZE";
    if (st->vacuum && (r->s->txn_state == SRV_TXN_BLOCK || r->implicit))
        return err_set(r->err, ERRCODE_ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
    for (int i = 0; i < st->nanalyze_skipped; i++) {
        snprintf(msg, sizeof msg, "skipping \"%s\" --- cannot %s non-tables or special system tables",
                 st->analyze_skipped[i], st->vacuum && !st->do_analyze ? "vacuum" : "analyze");
        notice(r, "WARNING", ERRCODE_WARNING, msg);
    }
    if (!st->do_analyze) return 0;
    long long target = 100;
    const char *tv = srv_settings_show(r->s->settings, "default_statistics_target", NULL, r->err);
    if (tv) target = atoll(tv);
    for (int i = 0; i < st->nanalyze; i++) {
        const CatTable *t = st->analyze[i];
        if (st->verbose) {
            snprintf(msg, sizeof msg, "analyzing \"public.%s\"", t->name);
            notice(r, "INFO", ERRCODE_SUCCESSFUL_COMPLETION, msg);
        }
        OptAnalyzeInfo info;
        if (opt_analyze_table(txn, r->ctx, t, st->analyze_cols[i], (int)target, &info, r->err) < 0) return -1;
        if (st->verbose) {
            snprintf(msg, sizeof msg, "\"%s\": %llu rows, %d rows in sample", t->name, (unsigned long long)info.rows,
                     info.sampled);
            notice(r, "INFO", ERRCODE_SUCCESSFUL_COMPLETION, msg);
        }
    }
    return 0;
}

static int run_ddl(StmtRun *r, BoundStmt *st, StorTxn *txn, const char **tag)
{
    char msg[300];
    switch (st->kind) {
    case BS_ANALYZE: return run_analyze(r, st, txn, tag);
    case BS_CREATE_SEQUENCE: {
        *tag = "CREATE SEQUENCE";
        int rc = cat_relation_exists(txn, r->ctx, r->s->database, st->seq->name, r->err);
        if (rc < 0) return -1;
        if (rc == 1 && st->if_exists) {
            snprintf(msg, sizeof msg, "relation \"%s\" already exists, skipping", st->seq->name);
            notice(r, "NOTICE", ERRCODE_DUPLICATE_TABLE, msg);
            return 0;
        }
        return cat_seq_create(txn, r->ctx, st->seq, r->err);
    }
    case BS_ALTER_SEQUENCE: {
        *tag = "ALTER SEQUENCE";
        if (st->nmissing) {
            snprintf(msg, sizeof msg, "relation \"%s\" does not exist, skipping", st->missing[0]);
            notice(r, "NOTICE", ERRCODE_SUCCESSFUL_COMPLETION, msg);
            return 0;
        }
        CatSequence *q = st->seq;
        StorSeqDef def;
        cat_seq_def(q, &def);
        int64_t v = st->seq_restart_value;
        bool called = false;
        int64_t log_cnt;
        if (!st->seq_restart && stor_seq_peek(r->s->env, &def, &v, &log_cnt, &called, r->err) < 0) return -1;
        /* The value the counter will continue from must fit the new bounds
         * (PostgreSQL names it the RESTART value either way). */
        if (v < q->min)
            return err_set(r->err, ERRCODE_INVALID_PARAMETER_VALUE, "RESTART value (%lld) cannot be less than MINVALUE (%lld)",
                           (long long)v, (long long)q->min);
        if (v > q->max)
            return err_set(r->err, ERRCODE_INVALID_PARAMETER_VALUE, "RESTART value (%lld) cannot be greater than MAXVALUE (%lld)",
                           (long long)v, (long long)q->max);
        if (cat_seq_update(txn, r->ctx, q, r->err) < 0) return -1;
        if (st->seq_restart && stor_seq_setval(r->s->env, &def, v, false, r->err) < 0) return -1;
        return 0;
    }
    case BS_DROP_SEQUENCE:
        *tag = "DROP SEQUENCE";
        for (int i = 0; i < st->nmissing; i++) {
            snprintf(msg, sizeof msg, "sequence \"%s\" does not exist, skipping", st->missing[i]);
            notice(r, "NOTICE", ERRCODE_SUCCESSFUL_COMPLETION, msg);
        }
        for (int i = 0; i < st->nseq_drops; i++)
            if (cat_seq_drop(txn, st->seq_drops[i], r->err) < 0) return -1;
        return 0;
    case BS_CREATE_VIEW: {
        *tag = "CREATE VIEW";
        CatView *v = st->view, *old = NULL;
        int rc = cat_view_lookup(txn, r->ctx, r->s->database, v->name, &old, r->err);
        if (rc < 0) return -1;
        if (rc == 1 && st->replace) {
            if (view_replace_check(r, old, v) < 0) return -1;
            v->oid = old->oid;
            return cat_view_put(txn, r->ctx, v, r->err);
        }
        rc = cat_relation_exists(txn, r->ctx, r->s->database, v->name, r->err);
        if (rc < 0) return -1;
        if (rc == 1 && st->replace && !old) return err_set(r->err, ERRCODE_WRONG_OBJECT_TYPE, "\"%s\" is not a view", v->name);
        if (rc == 1) return err_set(r->err, ERRCODE_DUPLICATE_TABLE, "relation \"%s\" already exists", v->name);
        return cat_view_put(txn, r->ctx, v, r->err);
    }
    case BS_DROP_VIEW:
        *tag = "DROP VIEW";
        for (int i = 0; i < st->nmissing; i++) {
            snprintf(msg, sizeof msg, "view \"%s\" does not exist, skipping", st->missing[i]);
            notice(r, "NOTICE", ERRCODE_SUCCESSFUL_COMPLETION, msg);
        }
        for (int i = 0; i < st->nview_drops; i++) {
            CatView *v = st->view_drops[i], *again;
            /* An earlier CASCADE of this statement may have dropped it. */
            int rc = cat_view_lookup(txn, r->ctx, r->s->database, v->name, &again, r->err);
            if (rc < 0) return -1;
            if (rc == 0) continue;
            if (drop_dependents(r, txn, v->oid, "view", v->name, st->cascade, st->view_drops, st->nview_drops) < 0)
                return -1;
            if (cat_view_drop(txn, v, r->err) < 0) return -1;
        }
        return 0;
    case BS_CREATE_TABLE: {
        *tag = "CREATE TABLE";
        CatTable *t = st->table;
        int rc = cat_relation_exists(txn, r->ctx, r->s->database, t->name, r->err);
        if (rc < 0) return -1;
        if (rc == 1 && st->if_exists) {
            snprintf(msg, sizeof msg, "relation \"%s\" already exists, skipping", t->name);
            notice(r, "NOTICE", ERRCODE_DUPLICATE_TABLE, msg);
            return 0;
        }
        /* serial / identity sequences first (their oids go into the table
         * record), then the table, then the sequences' owner. */
        for (int c = 0; st->col_seqs && c < t->ncols; c++) {
            if (!st->col_seqs[c]) continue;
            if (cat_seq_create(txn, r->ctx, st->col_seqs[c], r->err) < 0) return -1;
            if (t->cols[c].identity) t->cols[c].identity_seq = st->col_seqs[c]->oid;
        }
        if (cat_table_create(txn, r->ctx, t, r->err) < 0) return -1;
        for (int c = 0; st->col_seqs && c < t->ncols; c++) {
            if (!st->col_seqs[c]) continue;
            st->col_seqs[c]->owner_table = t->oid;
            if (cat_seq_update(txn, r->ctx, st->col_seqs[c], r->err) < 0) return -1;
        }
        return 0;
    }
    default: /* BS_DROP_TABLE */
        *tag = "DROP TABLE";
        for (int i = 0; i < st->nmissing; i++) {
            snprintf(msg, sizeof msg, "table \"%s\" does not exist, skipping", st->missing[i]);
            notice(r, "NOTICE", ERRCODE_SUCCESSFUL_COMPLETION, msg);
        }
        for (int i = 0; i < st->ndrop; i++) {
            if (drop_dependents(r, txn, st->drops[i]->oid, "table", st->drops[i]->name, st->cascade, NULL, 0) < 0)
                return -1;
            if (cat_table_drop(txn, st->drops[i], r->err) < 0) return -1;
            /* Sequences owned by the table's columns go with it. */
            CatSequence **owned;
            int n;
            if (cat_seq_list_owned(txn, r->ctx, r->s->database, st->drops[i]->oid, &owned, &n, r->err) < 0) return -1;
            for (int k = 0; k < n; k++)
                if (cat_seq_drop(txn, owned[k], r->err) < 0) return -1;
        }
        return 0;
    }
}

/* End of a transaction block (or implicit transaction): settings follow. */
static void txn_finished(SrvSession *s, bool commit)
{
    srv_settings_txn_end(s->settings, commit);
    s->txn_read_only = false;
}

/* Text of a SET argument: constants as written, lists joined by ", ". */
static int set_value_text(StmtRun *r, PgQuery__VariableSetStmt *vs, char **out, bool *numeric)
{
    OmBuf b;
    buf_init(&b, r->ctx, 64);
    *numeric = false;
    for (size_t i = 0; i < vs->n_args; i++) {
        PgQuery__Node *a = vs->args[i];
        if (i) buf_append_str(&b, ", ");
        if (a->node_case != PG_QUERY__NODE__NODE_A_CONST)
            return err_set(r->err, ERRCODE_FEATURE_NOT_SUPPORTED, "SET %s with this kind of value is not supported yet", vs->name);
        PgQuery__AConst *c = a->a_const;
        switch (c->val_case) {
        case PG_QUERY__A__CONST__VAL_IVAL: buf_printf(&b, "%d", c->ival->ival); *numeric = true; break;
        case PG_QUERY__A__CONST__VAL_FVAL: buf_append_str(&b, c->fval->fval); *numeric = true; break;
        case PG_QUERY__A__CONST__VAL_SVAL:
            /* search_path-style lists show identifiers quoted only when needed. */
            buf_append_str(&b, c->sval->sval);
            break;
        case PG_QUERY__A__CONST__VAL_BOOLVAL: buf_append_str(&b, c->boolval->boolval ? "on" : "off"); break;
        default: return err_set(r->err, ERRCODE_SYNTAX_ERROR, "invalid value for SET %s", vs->name);
        }
    }
    *out = b.data;
    return 0;
}

/* BEGIN / SET TRANSACTION options: isolation level and access mode. */
static int txn_options(StmtRun *r, PgQuery__Node **opts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        PgQuery__DefElem *d = opts[i]->def_elem;
        PgQuery__AConst *c = d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_A_CONST ? d->arg->a_const : NULL;
        if (!strcmp(d->defname, "transaction_isolation") && c && c->val_case == PG_QUERY__A__CONST__VAL_SVAL) {
            const char *lvl = c->sval->sval;
            if (strcmp(lvl, "read committed") && strcmp(lvl, "read uncommitted"))
                return err_set(r->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                               "isolation level %s is not supported yet (transactions run at READ COMMITTED)", lvl);
        } else if (!strcmp(d->defname, "transaction_read_only") && c && c->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
            r->s->txn_read_only = c->ival->ival != 0;
        } else if (!strcmp(d->defname, "transaction_deferrable")) {
            /* Only meaningful for SERIALIZABLE READ ONLY; accepted as PostgreSQL does. */
        } else {
            return err_set(r->err, ERRCODE_FEATURE_NOT_SUPPORTED, "transaction option %s is not supported yet", d->defname);
        }
    }
    return 0;
}

static int show_rows_tag(StmtRun *r, int ncols, const char *const *names, int nrows, const char *const *cells,
                         const char *tag);

static int show_rows(StmtRun *r, int ncols, const char *const *names, int nrows, const char *const *cells)
{
    return show_rows_tag(r, ncols, names, nrows, cells, "SHOW");
}

static int show_rows_tag(StmtRun *r, int ncols, const char *const *names, int nrows, const char *const *cells,
                         const char *tag)
{
    SrvColumn *cols = mem_new_array(r->ctx, SrvColumn, ncols);
    OmPhysType *ph = mem_new_array(r->ctx, OmPhysType, ncols);
    for (int c = 0; c < ncols; c++) {
        cols[c].name = names[c];
        cols[c].type = om_type(OM_T_TEXT);
        ph[c] = OM_PHYS_STR;
    }
    if (r->sink->row_desc(r->sink->arg, ncols, cols) < 0) return r->client_gone = true, -1;
    OmBatch *b = om_batch_create(r->ctx, ncols, ph, false);
    for (int row = 0; row < nrows; row++) {
        for (int c = 0; c < ncols; c++) {
            const char *v = cells[row * ncols + c];
            ((OmStr *)b->cols[c].data)[b->count] = (OmStr){v, (uint32_t)strlen(v)};
        }
        if (++b->count == OM_BATCH_SIZE || row == nrows - 1) {
            if (r->sink->rows(r->sink->arg, b, ncols, cols) < 0) return r->client_gone = true, -1;
            b->count = 0;
        }
    }
    return complete(r, tag);
}

static int run_set(StmtRun *r, PgQuery__VariableSetStmt *vs)
{
    SrvSession *s = r->s;
    bool in_block = s->txn_state == SRV_TXN_BLOCK || r->implicit;
    int rc = 0;
    switch (vs->kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE: {
        char *v = NULL;
        bool numeric = false;
        if (set_value_text(r, vs, &v, &numeric) < 0) return -1;
        if (vs->is_local && !in_block)
            notice(r, "WARNING", ERRCODE_NO_ACTIVE_SQL_TRANSACTION, "SET LOCAL can only be used in transaction blocks");
        rc = srv_settings_set(s->settings, vs->name, v, numeric, vs->is_local, in_block, r->err);
        break;
    }
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
        rc = srv_settings_set(s->settings, vs->name, NULL, false, vs->is_local, in_block, r->err);
        break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
        rc = srv_settings_reset_all(s->settings, in_block);
        break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI:
        if (!strcmp(vs->name, "TRANSACTION") || !strcmp(vs->name, "SESSION CHARACTERISTICS")) {
            if (!strcmp(vs->name, "TRANSACTION") && s->txn_state == SRV_TXN_IDLE && !r->implicit)
                notice(r, "WARNING", ERRCODE_NO_ACTIVE_SQL_TRANSACTION, "SET TRANSACTION can only be used in transaction blocks");
            bool ro = s->txn_read_only;
            rc = txn_options(r, vs->args, vs->n_args);
            if (strcmp(vs->name, "TRANSACTION") || s->txn_state == SRV_TXN_IDLE) s->txn_read_only = ro;
            break;
        }
        return err_set(r->err, ERRCODE_FEATURE_NOT_SUPPORTED, "SET %s is not supported yet", vs->name);
    default:
        return err_set(r->err, ERRCODE_FEATURE_NOT_SUPPORTED, "SET FROM CURRENT is not supported yet");
    }
    if (rc < 0) return -1;
    return complete(r, vs->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET ||
                               vs->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL
                           ? "RESET" : "SET");
}

static int run_show(StmtRun *r, PgQuery__VariableShowStmt *sh)
{
    if (!strcmp(sh->name, "all")) {
        int n = srv_settings_count();
        const char **cells = mem_new_array(r->ctx, const char *, n * 3);
        for (int i = 0; i < n; i++) {
            cells[i * 3] = srv_settings_name(i);
            cells[i * 3 + 1] = srv_settings_value(r->s->settings, i);
            cells[i * 3 + 2] = "";
        }
        static const char *const names[] = {"name", "setting", "description"};
        return show_rows(r, 3, names, n, cells);
    }
    const char *canon;
    const char *v = srv_settings_show(r->s->settings, sh->name, &canon, r->err);
    if (!v) return -1;
    if (!strcmp(canon, "transaction_isolation") || !strcmp(canon, "default_transaction_isolation")) canon = sh->name;
    return show_rows(r, 1, &canon, 1, &v);
}

static int run_txn_stmt(StmtRun *r, const BoundStmt *st)
{
    SrvSession *s = r->s;
    switch (st->kind) {
    case BS_BEGIN:
        if (s->txn_state != SRV_TXN_IDLE) {
            notice(r, "WARNING", ERRCODE_ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress");
        } else {
            if (txn_options(r, st->txn_options, st->ntxn_options) < 0) {
                s->txn_read_only = false;
                return -1;
            }
            s->txn_state = SRV_TXN_BLOCK;
        }
        return complete(r, st->start_form ? "START TRANSACTION" : "BEGIN");
    case BS_COMMIT:
        if (s->txn_state == SRV_TXN_IDLE) {
            notice(r, "WARNING", ERRCODE_NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
            return complete(r, "COMMIT");
        }
        if (s->txn_state == SRV_TXN_FAILED) {
            stor_txn_abort(s->wtxn);
            s->wtxn = NULL;
            s->txn_state = SRV_TXN_IDLE;
            txn_finished(s, false);
            return complete(r, "ROLLBACK");
        }
        s->txn_state = SRV_TXN_IDLE;
        if (s->wtxn) {
            StorTxn *t = s->wtxn;
            s->wtxn = NULL;
            if (stor_txn_commit(t, r->err) < 0) {
                txn_finished(s, false);
                return -1;
            }
        }
        txn_finished(s, true);
        return complete(r, "COMMIT");
    default: /* ROLLBACK */
        if (s->txn_state == SRV_TXN_IDLE)
            notice(r, "WARNING", ERRCODE_NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
        stor_txn_abort(s->wtxn);
        s->wtxn = NULL;
        if (s->txn_state != SRV_TXN_IDLE) txn_finished(s, false);
        s->txn_state = SRV_TXN_IDLE;
        return complete(r, "ROLLBACK");
    }
}

/* EXPLAIN's options: ANALYZE and FORMAT TEXT | JSON; the others
 * PostgreSQL has are accepted and change nothing here. */
static int explain_options(StmtRun *r, PgQuery__ExplainStmt *ex, bool *analyze, bool *json)
{
    *analyze = *json = false;
    for (size_t i = 0; i < ex->n_options; i++) {
        PgQuery__DefElem *d = ex->options[i]->def_elem;
        const char *v = NULL;
        bool on = true;
        if (d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_STRING) v = d->arg->string->sval;
        if (d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_A_CONST) {
            PgQuery__AConst *c = d->arg->a_const;
            if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL) v = c->sval->sval;
            else if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL) on = c->ival->ival != 0;
            else if (c->val_case == PG_QUERY__A__CONST__VAL_BOOLVAL) on = c->boolval->boolval;
        }
        if (v && strcmp(d->defname, "format")) on = !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1");
        if (!strcmp(d->defname, "analyze")) {
            *analyze = on;
        } else if (!strcmp(d->defname, "format")) {
            if (v && !strcmp(v, "json")) *json = true;
            else if (!v || strcmp(v, "text"))
                return err_set(r->err, ERRCODE_FEATURE_NOT_SUPPORTED, "EXPLAIN format \"%s\" is not supported yet",
                               v ? v : "?");
        } else if (strcmp(d->defname, "verbose") && strcmp(d->defname, "costs") && strcmp(d->defname, "buffers") &&
                   strcmp(d->defname, "timing") && strcmp(d->defname, "summary") && strcmp(d->defname, "settings") &&
                   strcmp(d->defname, "wal")) {
            return err_set(r->err, ERRCODE_SYNTAX_ERROR, "unrecognized EXPLAIN option \"%s\"", d->defname);
        }
    }
    return 0;
}

/* EXPLAIN [ANALYZE]: the plan (run first, results discarded, for ANALYZE). */
static int run_explain(StmtRun *r, Plan *plan, ExecQuery *q, bool analyze, bool json)
{
    ExecNode *root = NULL;
    double ms = 0;
    if (analyze) {
        q->timing = true;
        long long t0 = om_mono_us();
        if (exec_build(q, plan->root, &root) < 0) return -1;
        int rc;
        if (plan->returns_rows) {
            OmBatch *b;
            while ((rc = exec_next(root, &b)) > 0) {
            }
        } else {
            rc = exec_run(root);
        }
        exec_end(root);
        if (rc < 0) return -1;
        ms = (double)(om_mono_us() - t0) / 1000.0;
    }
    char **lines;
    int n;
    if (explain_render(r->ctx, plan, root, json, ms, &lines, &n) < 0) return -1;
    static const char *const names[] = {"QUERY PLAN"};
    return show_rows_tag(r, 1, names, n, (const char *const *)lines, "EXPLAIN");
}

/* Run one statement. Returns 0, or -1 with r->err set. */
static int run_stmt(StmtRun *r, PgQuery__Node *node)
{
    SrvSession *s = r->s;
    if (s->txn_state == SRV_TXN_FAILED) {
        bool ends = is_txn_control(node) &&
                    (node->transaction_stmt->kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT ||
                     node->transaction_stmt->kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK);
        if (!ends)
            return err_set(r->err, ERRCODE_IN_FAILED_SQL_TRANSACTION,
                           "current transaction is aborted, commands ignored until end of transaction block");
    }
    if (is_txn_control(node)) {
        BindCtx bc = {.ctx = r->ctx, .db = s->database, .sql = r->sql, .err = r->err};
        BoundStmt *st;
        if (bind_stmt(&bc, node, &st) < 0) return -1;
        return run_txn_stmt(r, st);
    }
    if (node->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT) return run_set(r, node->variable_set_stmt);
    if (node->node_case == PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT) return run_show(r, node->variable_show_stmt);
    bool explain = false, analyze = false, json = false;
    if (node->node_case == PG_QUERY__NODE__NODE_EXPLAIN_STMT) {
        if (explain_options(r, node->explain_stmt, &analyze, &json) < 0) return -1;
        explain = true;
        node = node->explain_stmt->query;
        int k = (int)node->node_case;
        if (k != PG_QUERY__NODE__NODE_SELECT_STMT && k != PG_QUERY__NODE__NODE_INSERT_STMT &&
            k != PG_QUERY__NODE__NODE_UPDATE_STMT && k != PG_QUERY__NODE__NODE_DELETE_STMT)
            return err_set(r->err, ERRCODE_FEATURE_NOT_SUPPORTED, "EXPLAIN of this statement is not supported yet");
    }
    bool writes = bind_stmt_writes(node) && (!explain || analyze);
    bool in_txn = s->txn_state == SRV_TXN_BLOCK || r->implicit;
    StorTxn *txn = NULL;
    bool own_read = false, own_write = false;
    if (writes) {
        if (write_txn(r, &txn) < 0) return -1;
        own_write = !in_txn;
    } else if (s->wtxn) {
        txn = s->wtxn; /* read your own writes */
    } else {
        if (stor_txn_begin(s->env, false, &txn, r->err) < 0) return -1;
        own_read = true;
    }
    BindCtx bc = {.ctx = r->ctx, .txn = txn, .db = s->database, .sql = r->sql, .err = r->err};
    BoundStmt *st;
    const char *tag = NULL;
    char tagbuf[64];
    int rc = bind_stmt(&bc, node, &st);
    if (rc == 0 && writes && s->txn_read_only && st->kind != BS_ANALYZE) { /* PostgreSQL analyzes in read-only transactions */
        const char *what = st->kind == BS_INSERT ? "INSERT" : st->kind == BS_UPDATE ? "UPDATE"
                           : st->kind == BS_DELETE ? "DELETE" : st->kind == BS_CREATE_TABLE ? "CREATE TABLE"
                           : st->kind == BS_CREATE_SEQUENCE ? "CREATE SEQUENCE"
                           : st->kind == BS_DROP_SEQUENCE ? "DROP SEQUENCE"
                           : st->kind == BS_ALTER_SEQUENCE ? "ALTER SEQUENCE"
                           : st->kind == BS_CREATE_VIEW    ? "CREATE VIEW"
                           : st->kind == BS_DROP_VIEW      ? "DROP VIEW"
                           : "DROP TABLE";
        rc = err_set(r->err, ERRCODE_READ_ONLY_SQL_TRANSACTION, "cannot execute %s in a read-only transaction", what);
    }
    if (rc == 0 && (st->kind == BS_CREATE_TABLE || st->kind == BS_DROP_TABLE || st->kind == BS_CREATE_SEQUENCE ||
                    st->kind == BS_DROP_SEQUENCE || st->kind == BS_ALTER_SEQUENCE || st->kind == BS_CREATE_VIEW ||
                    st->kind == BS_DROP_VIEW || st->kind == BS_ANALYZE)) {
        rc = run_ddl(r, st, txn, &tag);
    } else if (rc == 0) {
        Plan *plan;
        ExecQuery q = {.ctx = r->ctx, .txn = txn, .err = r->err, .sql = r->sql,
                       .env = s->env, .seqs = s->seqs,
                       .mem_limit = (size_t)srv_settings_kb(s->settings, "work_mem") * 1024};
        ExecNode *root = NULL;
        rc = plan_stmt(r->ctx, st, &plan, r->err);
        if (rc == 0 && explain) {
            rc = run_explain(r, plan, &q, analyze, json);
            goto done;
        }
        if (rc == 0) rc = exec_build(&q, plan->root, &root);
        if (rc == 0 && plan->returns_rows) {
            rc = send_rows(r, plan, root,
                           st->kind == BS_INSERT   ? "INSERT 0"
                           : st->kind == BS_UPDATE ? "UPDATE"
                           : st->kind == BS_DELETE ? "DELETE" : "SELECT");
        } else if (rc == 0) {
            rc = exec_run(root);
            if (st->kind == BS_INSERT) snprintf(tagbuf, sizeof tagbuf, "INSERT 0 %llu", (unsigned long long)q.processed);
            else snprintf(tagbuf, sizeof tagbuf, "%s %llu", st->kind == BS_UPDATE ? "UPDATE" : "DELETE",
                          (unsigned long long)q.processed);
            tag = tagbuf;
        }
        exec_end(root);
    }
done:
    /* Release what this statement owned: the statement context first (its
     * cleanups close cursors), then the transaction. An autocommit write is
     * acknowledged only after its commit is durable. */
    mem_ctx_reset(r->ctx);
    if (own_read) stor_txn_abort(txn);
    if (own_write) {
        s->wtxn = NULL;
        if (rc == 0 && !r->client_gone) rc = stor_txn_commit(txn, r->err);
        else stor_txn_abort(txn);
    }
    if (rc == 0 && tag) complete(r, tag);
    return rc;
}

/* Publish a statement's limits for the watchdog (server/listener.c): it
 * sets OM_INTR_TIMEOUT when statement_timeout passes and OM_INTR_CLIENT_GONE
 * when the client's socket closes while the statement runs. PostgreSQL 13+
 * times each statement of a multi-statement Query separately, and a SET
 * earlier in the string applies to the statements after it. */
static void stmt_arm(SrvSession *s)
{
    OmInterrupt *i = s->interrupt;
    if (!i) return;
    long long ms = srv_settings_ms(s->settings, "statement_timeout");
    i->lock_timeout_ms = (int)srv_settings_ms(s->settings, "lock_timeout");
    long long now = om_mono_us();
    atomic_store(&i->deadline_us, ms > 0 ? now + ms * 1000 : 0);
    atomic_store(&i->started_us, now);
    if (s->server && ms > 0) srv_server_watch(s->server);
}

static void stmt_disarm(SrvSession *s)
{
    OmInterrupt *i = s->interrupt;
    if (!i) return;
    atomic_store(&i->deadline_us, 0);
    atomic_store(&i->started_us, 0);
    i->lock_timeout_ms = 0;
}

int srv_exec_simple(SrvSession *s, const char *sql, const SrvSink *sink)
{
    int rc = exec_simple(s, sql, sink);
    stmt_disarm(s);
    return rc;
}

static int exec_simple(SrvSession *s, const char *sql, const SrvSink *sink)
{
    /* A cancel that arrived while idle does not carry over to this query
     * (termination does). */
    if (s->interrupt) om_intr_clear_statement(s->interrupt);
    stmt_arm(s);
    om_params_use(srv_settings_params(s->settings));
    /* now() is the transaction's start, statement_timestamp() the query
     * message's arrival (the session's own settings object: writable). */
    OmSessionParams *times = (OmSessionParams *)srv_settings_params(s->settings);
    times->stmt_start_us = dt_now_clock();
    MemCtx *qctx = mem_ctx_create(s->ctx, "query");
    OmError err = {0};
    StmtRun r = {.s = s, .sink = sink, .sql = sql, .err = &err};
    ParseResult *pr;
    int rc = 0;
    if (parse_sql(qctx, sql, &pr, &err) < 0) {
        if (s->txn_state == SRV_TXN_BLOCK) s->txn_state = SRV_TXN_FAILED;
        rc = sink->error(sink->arg, &err);
        mem_ctx_delete(qctx);
        return rc;
    }
    if (pr->nstmts == 0) {
        rc = sink->empty(sink->arg);
        mem_ctx_delete(qctx);
        return rc;
    }
    bool has_control = false;
    for (int i = 0; i < pr->nstmts; i++) has_control |= is_txn_control(pr->stmts[i].node);
    r.implicit = pr->nstmts > 1 && !has_control && s->txn_state == SRV_TXN_IDLE;
    bool failed = false;
    for (int i = 0; i < pr->nstmts && !r.client_gone; i++) {
        r.ctx = mem_ctx_create(qctx, "stmt");
        if (i > 0) stmt_arm(s);
        if (s->txn_state == SRV_TXN_IDLE && !(r.implicit && i > 0))
            times->txn_start_us = i == 0 ? times->stmt_start_us : dt_now_clock();
        if (run_stmt(&r, pr->stmts[i].node) < 0) {
            failed = true;
            mem_ctx_delete(r.ctx);
            break;
        }
        mem_ctx_delete(r.ctx);
    }
    if (failed) {
        log_debug("statement_error", "sqlstate=%s", err.sqlstate);
        if (s->txn_state == SRV_TXN_BLOCK) {
            s->txn_state = SRV_TXN_FAILED;
        } else if (s->txn_state == SRV_TXN_IDLE) {
            if (s->wtxn) stor_txn_abort(s->wtxn);
            s->wtxn = NULL;
            if (r.implicit) txn_finished(s, false);
        }
        if (sink->error(sink->arg, &err) < 0) r.client_gone = true;
    } else if (r.implicit) {
        StorTxn *t = s->wtxn;
        s->wtxn = NULL;
        bool ok = !t || stor_txn_commit(t, &err) == 0;
        txn_finished(s, ok);
        if (!ok && sink->error(sink->arg, &err) < 0) r.client_gone = true;
    }
    if (sink->param_status && srv_settings_flush_reports(s->settings, sink->param_status, sink->arg) < 0)
        r.client_gone = true;
    mem_ctx_delete(qctx);
    return r.client_gone ? -1 : 0;
}
