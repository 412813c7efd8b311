/*
 * session.h — one client session and the way a statement is run for it.
 *
 * The wire layer (or HTTP) owns the connection; it creates a SrvSession after
 * the startup packet and calls srv_exec_simple for each simple Query message.
 * Results flow back through a SrvSink, which the wire layer implements
 * (RowDescription, DataRow, CommandComplete, ErrorResponse, NoticeResponse).
 *
 * Transaction state is PostgreSQL's: idle, in a block (BEGIN), or failed (an
 * error inside a block; every statement but ROLLBACK/COMMIT gets 25P02).
 */
#ifndef OM_SESSION_H
#define OM_SESSION_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include "../common/err.h"
#include "../common/interrupt.h"
#include "../common/mem.h"
#include "../common/vector.h"
#include "../storage/storage.h"
#include "../types/types.h"

typedef struct SrvServer SrvServer;

typedef enum { SRV_TXN_IDLE = 0, SRV_TXN_BLOCK, SRV_TXN_FAILED } SrvTxnState;

/* One output column, as RowDescription needs it. */
typedef struct SrvColumn {
    const char *name;
    uint32_t table_oid;  /* 0 unless a plain table column */
    int16_t attnum;      /* 0 unless a plain table column */
    OmType type;
} SrvColumn;

/* Where results go. Every callback returns 0, or -1 if the client is gone
 * (the statement then stops). */
typedef struct SrvSink {
    void *arg;
    int (*row_desc)(void *arg, int ncols, const SrvColumn *cols);
    /* A batch of result rows: live rows of b, columns as in row_desc. */
    int (*rows)(void *arg, const OmBatch *b, int ncols, const SrvColumn *cols);
    int (*complete)(void *arg, const char *tag);
    int (*empty)(void *arg);                      /* EmptyQueryResponse */
    int (*error)(void *arg, const OmError *e);
    /* NOTICE / WARNING: severity word, SQLSTATE, message. */
    int (*notice)(void *arg, const char *severity, const char *sqlstate, const char *msg);
    /* A reported setting changed (ParameterStatus). May be NULL. */
    int (*param_status)(void *arg, const char *name, const char *value);
} SrvSink;

typedef struct SrvSession {
    MemCtx *ctx;          /* lives as long as the session */
    StorEnv *env;
    uint32_t pid;         /* BackendKeyData process id */
    uint32_t secret;      /* BackendKeyData secret */
    char *user;
    char *database;
    char *application_name;
    SrvTxnState txn_state;
    StorTxn *wtxn;        /* write txn held inside a block, or NULL */
    MemCtx *txn_ctx;      /* per transaction block, child of ctx */
    /* Set by other threads to stop the running statement (common/interrupt.h);
     * the connection's, attached to the session thread. NULL = never. */
    OmInterrupt *interrupt;
    SrvServer *server;    /* for waking its watchdog (statement_timeout); may be NULL */
    struct SrvSettings *settings; /* SET / SHOW values (settings.h) */
    struct FnSeqSession *seqs;    /* currval / lastval state (functions.h) */
    bool txn_read_only;   /* BEGIN READ ONLY / SET TRANSACTION READ ONLY */
} SrvSession;

/* Create a session for user/database (already checked by the caller with
 * srv_check_login). */
SrvSession *srv_session_create(MemCtx *parent, StorEnv *env, const char *user,
                               const char *database, const char *application_name);
/* End the session: rolls back an open transaction. */
void srv_session_destroy(SrvSession *s);

/* FATAL checks at startup: 28000 role "x" does not exist, 3D000 database
 * "x" does not exist. Returns 0 or -1 with err set. */
int srv_check_login(StorEnv *env, const char *user, const char *database, OmError *err);

/* Run every statement in sql (simple Query protocol). Errors are reported
 * through sink->error; the return is -1 only if the client is gone. */
int srv_exec_simple(SrvSession *s, const char *sql, const SrvSink *sink);

/* 'I', 'T' or 'E' for ReadyForQuery. */
char srv_txn_status(const SrvSession *s);

#endif
