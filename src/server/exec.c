/*
 * exec.c — DEVELOPMENT PLACEHOLDER, replaced by the real statement pipeline
 * within this session (parser → binder → planner → executor).
 */
#include "session.h"

int srv_exec_simple(SrvSession *s, const char *sql, const SrvSink *sink)
{
    OmError e = {0};
    err_set(&e, ERRCODE_FEATURE_NOT_SUPPORTED, "statement pipeline not built yet");
    return sink->error(sink->arg, &e);
}
