/*
 * session.c — session lifetime and login checks.
 */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "../catalog/catalog.h"
#include "../functions/functions.h"
#include "settings.h"

SrvSession *srv_session_create(MemCtx *parent, StorEnv *env, const char *user,
                               const char *database, const char *application_name)
{
    MemCtx *ctx = mem_ctx_create(parent, "session");
    SrvSession *s = mem_new(ctx, SrvSession);
    s->ctx = ctx;
    s->env = env;
    s->user = mem_strdup(ctx, user);
    s->database = mem_strdup(ctx, database);
    s->application_name = mem_strdup(ctx, application_name ? application_name : "");
    s->txn_state = SRV_TXN_IDLE;
    s->settings = srv_settings_create(ctx, user);
    s->seqs = mem_new(ctx, FnSeqSession);
    s->seqs->ctx = ctx;
    if (application_name && *application_name) {
        OmError ignore = {0};
        srv_settings_set(s->settings, "application_name", application_name, false, false, false, &ignore);
    }
    return s;
}

void srv_session_destroy(SrvSession *s)
{
    if (!s) return;
    if (s->wtxn) stor_txn_abort(s->wtxn);
    s->wtxn = NULL;
    mem_ctx_delete(s->ctx);
}

int srv_check_login(StorEnv *env, const char *user, const char *database, OmError *err)
{
    StorTxn *txn;
    if (stor_txn_begin(env, false, &txn, err) < 0) return -1;
    int rc = 0;
    if (!cat_role_exists(txn, user)) {
        rc = err_set(err, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION, "role \"%s\" does not exist", user);
    } else if (!cat_database_exists(txn, database)) {
        rc = err_set(err, ERRCODE_INVALID_CATALOG_NAME, "database \"%s\" does not exist", database);
    }
    if (rc < 0) err->severity = OM_SEV_FATAL;
    stor_txn_abort(txn);
    return rc;
}

char srv_txn_status(const SrvSession *s)
{
    switch (s->txn_state) {
    case SRV_TXN_BLOCK: return 'T';
    case SRV_TXN_FAILED: return 'E';
    default: return 'I';
    }
}
