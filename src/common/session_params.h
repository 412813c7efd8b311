/*
 * session_params.h — the session settings that lower layers (types, functions)
 * need while formatting and parsing values: the parts of PostgreSQL's GUCs
 * that change what a value looks like.
 *
 * Like PostgreSQL's per-backend GUC variables, these are reached through a
 * thread-local pointer: the session thread points it at its session's
 * parameters before running a statement (server/exec.c). A thread that never
 * set it sees the defaults.
 */
#ifndef OM_SESSION_PARAMS_H
#define OM_SESSION_PARAMS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum { OM_DATESTYLE_ISO = 0, OM_DATESTYLE_SQL, OM_DATESTYLE_POSTGRES, OM_DATESTYLE_GERMAN } OmDateStyle;
typedef enum { OM_DATEORDER_MDY = 0, OM_DATEORDER_DMY, OM_DATEORDER_YMD } OmDateOrder;
typedef enum { OM_INTERVAL_POSTGRES = 0, OM_INTERVAL_POSTGRES_VERBOSE, OM_INTERVAL_SQL_STANDARD, OM_INTERVAL_ISO_8601 } OmIntervalStyle;

typedef struct OmSessionParams {
    int extra_float_digits;      /* -15 .. 3, default 1 */
    OmDateStyle date_style;
    OmDateOrder date_order;
    OmIntervalStyle interval_style;
    bool bytea_output_hex;       /* bytea_output = hex (default) / escape */
    char timezone[128];          /* TimeZone as SHOW prints it: a zoneinfo name or POSIX spec */
    int64_t txn_start_us;        /* now(): transaction start, µs since 2000-01-01 UTC; 0 = unset (use the clock) */
    int64_t stmt_start_us;       /* statement_timestamp(): when the query message arrived; 0 = unset */
} OmSessionParams;

/* The defaults (TimeZone from the server's own default). */
const OmSessionParams *om_params_default(void);
/* This thread's current parameters (never NULL). */
const OmSessionParams *om_params(void);
/* Point this thread at p (NULL = defaults). */
void om_params_use(const OmSessionParams *p);

#endif
