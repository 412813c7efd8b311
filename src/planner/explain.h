/*
 * explain.h — EXPLAIN's rendering of a physical plan (explain.c).
 */
#ifndef OM_EXPLAIN_H
#define OM_EXPLAIN_H

#include "../common/buf.h"
#include "../executor/executor.h"
#include "../nodes/nodes.h"

/* The plan as lines of text, or (json) one JSON document; exec, when not
 * NULL, is the executed tree of EXPLAIN ANALYZE (its counters are printed)
 * and total_ms the statement's execution time. Lines are in ctx. */
int explain_render(MemCtx *ctx, const Plan *plan, const ExecNode *exec, bool json, double total_ms, char ***lines,
                   int *nlines);

#endif
