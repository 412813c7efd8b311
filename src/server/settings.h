/*
 * settings.h — a session's settings (GUCs): SET, SET LOCAL, RESET, SHOW,
 * their transactional undo, and ParameterStatus reports.
 */
#ifndef OM_SETTINGS_H
#define OM_SETTINGS_H

#include <stdbool.h>

#include "../common/err.h"
#include "../common/mem.h"
#include "../common/session_params.h"

typedef struct SrvSettings SrvSettings;

/* Defaults for a new session of user. Memory in ctx (the session's). */
SrvSettings *srv_settings_create(MemCtx *ctx, const char *user);

/*
 * SET name = value (value NULL = DEFAULT). numeric: the value was written as
 * a number (SET TIME ZONE 5 means hours). local: SET LOCAL. in_block: inside
 * a transaction block (the change is undone by ROLLBACK; SET LOCAL's at its
 * end). Errors as PostgreSQL: 42704 unrecognized configuration parameter,
 * 55P02 cannot be changed, 22023 invalid value.
 */
int srv_settings_set(SrvSettings *st, const char *name, const char *value, bool numeric, bool local,
                     bool in_block, OmError *err);
/* RESET ALL. */
int srv_settings_reset_all(SrvSettings *st, bool in_block);
/* SHOW name: the value, and the canonical name (SHOW's column name). */
const char *srv_settings_show(const SrvSettings *st, const char *name, const char **canon_name, OmError *err);
/* For SHOW ALL. */
int srv_settings_count(void);
const char *srv_settings_name(int i);
const char *srv_settings_value(const SrvSettings *st, int i);

/* End of a transaction block: keep (commit) or undo (rollback) its SETs;
 * SET LOCALs end either way. */
void srv_settings_txn_end(SrvSettings *st, bool commit);
/* Send a ParameterStatus (through fn) for each reported setting that
 * changed since the last call. */
int srv_settings_flush_reports(SrvSettings *st, int (*fn)(void *arg, const char *name, const char *value), void *arg);

/* Mark every reported setting as changed (the greeting reports them all). */
void srv_settings_mark_all_reported(SrvSettings *st);

/* Values that change how data looks, for types/ (see session_params.h). */
const OmSessionParams *srv_settings_params(const SrvSettings *st);

/* A milliseconds setting's current value (statement_timeout, lock_timeout,
 * idle_in_transaction_session_timeout, idle_session_timeout); 0 = off. */
long long srv_settings_ms(const SrvSettings *st, const char *name);
/* A memory setting (work_mem) in kB. */
long long srv_settings_kb(const SrvSettings *st, const char *name);

#endif
