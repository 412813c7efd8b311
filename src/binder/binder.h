/*
 * binder.h — parse tree → bound tree with PostgreSQL's typing.
 *
 * The binder resolves table and column names against the catalog (inside
 * the statement's storage transaction), types every expression the way
 * PostgreSQL's parse analysis does (unknown-literal resolution, implicit
 * casts, operator resolution among the supported types), folds casts of
 * literals (so '12a'::int fails here, with the literal's position, as in
 * PostgreSQL) and checks what this version supports (0A000 otherwise).
 *
 * Memory: the bound tree lives in the query context passed in.
 */
#ifndef OM_BINDER_H
#define OM_BINDER_H

#include <stdbool.h>
#include <pg_query/pg_query.pb-c.h>

#include "../catalog/catalog.h"
#include "../common/err.h"
#include "../common/mem.h"
#include "../storage/storage.h"
#include "../types/types.h"
#include "../nodes/nodes.h"

/* Bound expressions, aggregates and the logical operators bind_stmt
 * produces are the engine's shared node types (nodes/nodes.h). */

typedef enum {
    BS_SELECT, BS_INSERT, BS_UPDATE, BS_DELETE,
    BS_CREATE_TABLE, BS_DROP_TABLE, BS_CREATE_SEQUENCE, BS_DROP_SEQUENCE, BS_ALTER_SEQUENCE,
    BS_CREATE_VIEW, BS_DROP_VIEW,
    BS_ANALYZE,               /* ANALYZE, and VACUUM (with or without ANALYZE) */
    BS_BEGIN, BS_COMMIT, BS_ROLLBACK,
    BS_EMPTY
} BoundStmtKind;

typedef struct BoundStmt {
    BoundStmtKind kind;
    BoundQuery *query;        /* BS_SELECT; a write's RETURNING (its root reads dml's rows) */
    bool want_returning;      /* binding a write inside WITH: RETURNING allowed */
    LogicalOp *dml;           /* BS_INSERT / BS_UPDATE / BS_DELETE: the LOP_INSERT/UPDATE/DELETE tree */
    CatTable *table;          /* target of INSERT/UPDATE/DELETE/DROP; new table for CREATE */
    bool if_exists;           /* DROP IF EXISTS / CREATE IF NOT EXISTS */
    int ndrop;                /* DROP TABLE: tables found ... */
    CatTable **drops;
    int nmissing;             /* ... and names missing under IF EXISTS (NOTICE) */
    char **missing;
    CatSequence *seq;         /* CREATE SEQUENCE */
    CatSequence **col_seqs;   /* CREATE TABLE: per column, the serial/identity sequence to create */
    bool seq_restart;         /* ALTER SEQUENCE ... RESTART [WITH v] */
    int64_t seq_restart_value;
    int nseq_drops;           /* DROP SEQUENCE */
    CatSequence **seq_drops;
    CatView *view;            /* CREATE VIEW */
    bool replace;             /* CREATE OR REPLACE */
    bool cascade;             /* DROP ... CASCADE */
    int nview_drops;          /* DROP VIEW */
    CatView **view_drops;
    int nanalyze;             /* ANALYZE / VACUUM: the tables, each with its columns (NULL = all) */
    CatTable **analyze;
    bool **analyze_cols;
    int nanalyze_skipped;     /* views and sequences named (skipped with a WARNING) */
    char **analyze_skipped;
    bool vacuum, do_analyze, verbose;
    bool chain;
    bool start_form;          /* START TRANSACTION (its own command tag) */
    size_t ntxn_options;      /* BEGIN's options (DefElem nodes of the parse tree) */
    PgQuery__Node **txn_options;
} BoundStmt;

typedef struct BindCtx {
    MemCtx *ctx;
    StorTxn *txn;
    const char *db;
    const char *sql;          /* whole query string (for positions) */
    OmError *err;
    int depth;                /* expression nesting while binding */
    bool keep_unknown;        /* the next query level leaves untyped outputs unknown: INSERT's SELECT (the columns decide) and set-operation branches (the common type does) */
    int next_binding;         /* bindings handed out so far in this statement */
    int nreads;               /* oids of the tables and views the statement reads (CREATE VIEW's dependencies) */
    uint32_t *reads;
    int view_depth;           /* views being expanded inside each other */
    int query_depth;          /* nesting of the query level being bound (1: the statement's own SELECT) */
    int sublink_depth;        /* nesting of subqueries in expressions */
} BindCtx;

/* Deepest expression accepted (54001 beyond): keeps binder and executor
 * recursion far inside a session thread's stack. */
#define BIND_MAX_DEPTH 1000

/* Bind one statement. Returns 0 or -1 with bc->err set (with position). */
int bind_stmt(BindCtx *bc, PgQuery__Node *node, BoundStmt **out);

/* Does the statement write (needs the write transaction)? Decided from the
 * parse tree before binding, so the right transaction can be opened. */
bool bind_stmt_writes(PgQuery__Node *node);

/* Command tag for a transaction statement node kind etc. helpers. */
BoundExpr *bind_make_const(MemCtx *ctx, OmType t, bool is_null);

#endif
