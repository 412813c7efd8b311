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
#include <string.h>

#include "../binder/binder.h"
#include "../catalog/catalog.h"
#include "../common/log.h"
#include "../executor/executor.h"
#include "../parser/parser.h"
#include "../planner/planner.h"
#include "session.h"

typedef struct StmtRun {
    SrvSession *s;
    const SrvSink *sink;
    const char *sql;
    MemCtx *ctx;
    OmError *err;
    bool implicit;       /* part of a multi-statement implicit transaction */
    bool client_gone;
} StmtRun;

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

static int send_rows(StmtRun *r, Plan *plan, ExecNode *root)
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
    snprintf(tag, sizeof tag, "SELECT %llu", (unsigned long long)rows);
    return complete(r, tag);
}

static int run_ddl(StmtRun *r, BoundStmt *st, StorTxn *txn, const char **tag)
{
    *tag = st->kind == BS_CREATE_TABLE ? "CREATE TABLE" : "DROP TABLE";
    if (st->kind == BS_CREATE_TABLE) {
        CatTable *existing;
        int rc = cat_table_lookup(txn, r->ctx, r->s->database, st->table->name, &existing, r->err);
        if (rc < 0) return -1;
        if (rc == 1 && st->if_exists) {
            char msg[300];
            snprintf(msg, sizeof msg, "relation \"%s\" already exists, skipping", st->table->name);
            notice(r, "NOTICE", ERRCODE_DUPLICATE_TABLE, msg);
            return 0;
        }
        return cat_table_create(txn, r->ctx, st->table, r->err);
    }
    for (int i = 0; i < st->nmissing; i++) {
        char msg[300];
        snprintf(msg, sizeof msg, "table \"%s\" does not exist, skipping", st->missing[i]);
        notice(r, "NOTICE", ERRCODE_SUCCESSFUL_COMPLETION, msg);
    }
    for (int i = 0; i < st->ndrop; i++)
        if (cat_table_drop(txn, st->drops[i], r->err) < 0) return -1;
    return 0;
}

static int run_txn_stmt(StmtRun *r, const BoundStmt *st)
{
    SrvSession *s = r->s;
    switch (st->kind) {
    case BS_BEGIN:
        if (s->txn_state != SRV_TXN_IDLE)
            notice(r, "WARNING", ERRCODE_ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress");
        else s->txn_state = SRV_TXN_BLOCK;
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
            return complete(r, "ROLLBACK");
        }
        s->txn_state = SRV_TXN_IDLE;
        if (s->wtxn) {
            StorTxn *t = s->wtxn;
            s->wtxn = NULL;
            if (stor_txn_commit(t, r->err) < 0) return -1;
        }
        return complete(r, "COMMIT");
    default: /* ROLLBACK */
        if (s->txn_state == SRV_TXN_IDLE)
            notice(r, "WARNING", ERRCODE_NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress");
        stor_txn_abort(s->wtxn);
        s->wtxn = NULL;
        s->txn_state = SRV_TXN_IDLE;
        return complete(r, "ROLLBACK");
    }
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
    bool writes = bind_stmt_writes(node);
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
    if (rc == 0 && (st->kind == BS_CREATE_TABLE || st->kind == BS_DROP_TABLE)) {
        rc = run_ddl(r, st, txn, &tag);
    } else if (rc == 0) {
        Plan *plan;
        ExecQuery q = {.ctx = r->ctx, .txn = txn, .err = r->err, .sql = r->sql, .interrupt = s->interrupt};
        ExecNode *root = NULL;
        rc = plan_stmt(r->ctx, st, &plan, r->err);
        if (rc == 0) rc = exec_build(&q, plan->root, &root);
        if (rc == 0 && plan->returns_rows) {
            rc = send_rows(r, plan, root);
        } else if (rc == 0) {
            rc = exec_run(root);
            if (st->kind == BS_INSERT) snprintf(tagbuf, sizeof tagbuf, "INSERT 0 %llu", (unsigned long long)q.processed);
            else snprintf(tagbuf, sizeof tagbuf, "%s %llu", st->kind == BS_UPDATE ? "UPDATE" : "DELETE",
                          (unsigned long long)q.processed);
            tag = tagbuf;
        }
    }
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

int srv_exec_simple(SrvSession *s, const char *sql, const SrvSink *sink)
{
    /* A cancel that arrived while idle does not carry over to this query
     * (termination does). */
    if (s->interrupt) {
        int cancel = SRV_INTERRUPT_CANCEL;
        atomic_compare_exchange_strong(s->interrupt, &cancel, SRV_INTERRUPT_NONE);
    }
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
        } else if (s->txn_state == SRV_TXN_IDLE && s->wtxn) {
            stor_txn_abort(s->wtxn);
            s->wtxn = NULL;
        }
        if (sink->error(sink->arg, &err) < 0) r.client_gone = true;
    } else if (r.implicit && s->wtxn) {
        StorTxn *t = s->wtxn;
        s->wtxn = NULL;
        if (stor_txn_commit(t, &err) < 0 && sink->error(sink->arg, &err) < 0) r.client_gone = true;
    }
    mem_ctx_delete(qctx);
    return r.client_gone ? -1 : 0;
}
