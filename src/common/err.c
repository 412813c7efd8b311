/*
 * err.c — recording errors in an OmError; the first error wins.
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set_at(OmError *err, const char *file, int line, const char *sqlstate,
               const char *fmt, ...)
{
    if (!err || err->set) return -1;
    err->set = true;
    err->severity = OM_SEV_ERROR;
    snprintf(err->sqlstate, sizeof err->sqlstate, "%s", sqlstate);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->detail[0] = err->hint[0] = '\0';
    err->position = 0;
    err->file = file;
    err->line = line;
    return -1;
}

void err_detail(OmError *err, const char *fmt, ...)
{
    if (!err || !err->set || err->detail[0]) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->detail, sizeof err->detail, fmt, ap);
    va_end(ap);
}

void err_hint(OmError *err, const char *fmt, ...)
{
    if (!err || !err->set || err->hint[0]) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->hint, sizeof err->hint, fmt, ap);
    va_end(ap);
}

void err_position(OmError *err, int position)
{
    if (err && err->set && err->position == 0) err->position = position;
}

void err_clear(OmError *err)
{
    memset(err, 0, sizeof *err);
}

const char *err_severity_name(OmSeverity sev)
{
    switch (sev) {
    case OM_SEV_FATAL: return "FATAL";
    case OM_SEV_PANIC: return "PANIC";
    default: return "ERROR";
    }
}
