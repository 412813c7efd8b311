/*
 * err.h — errors as PostgreSQL reports them.
 *
 * Functions that can fail return int (0 ok, -1 error) and record the failure
 * in an OmError owned by the caller (the query or session). The first error
 * recorded wins: later err_set calls on an error that is already set are
 * ignored, so the root cause reaches the client.
 *
 * SQLSTATE constants (ERRCODE_*) are generated from errcodes.txt into
 * errcodes.h; they are 5-character string literals.
 */
#ifndef OM_ERR_H
#define OM_ERR_H

#include <stdbool.h>
#include "errcodes.h"

typedef enum {
    OM_SEV_ERROR = 0, /* statement fails, session survives */
    OM_SEV_FATAL,     /* session ends */
    OM_SEV_PANIC
} OmSeverity;

#define OM_ERR_MSG_MAX 1024

typedef struct OmError {
    bool set;
    OmSeverity severity;
    char sqlstate[6];
    char message[OM_ERR_MSG_MAX];
    char detail[OM_ERR_MSG_MAX];
    char hint[OM_ERR_MSG_MAX];
    int position;      /* 1-based character position in the query text, 0 = none */
    const char *file;  /* where it was raised */
    int line;
} OmError;

/* Record an error (no-op if err is NULL or already set). Returns -1 so callers
 * can write `return err_set(...)`. */
int err_set_at(OmError *err, const char *file, int line, const char *sqlstate,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define err_set(err, sqlstate, ...) err_set_at((err), __FILE__, __LINE__, (sqlstate), __VA_ARGS__)

/* Add detail / hint / position to the error that is set (ignored if not set
 * or if the field is already filled). */
void err_detail(OmError *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_hint(OmError *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void err_position(OmError *err, int position);

void err_clear(OmError *err);

/* Severity word as sent on the wire ("ERROR", "FATAL", "PANIC"). */
const char *err_severity_name(OmSeverity sev);

#endif
