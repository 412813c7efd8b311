/*
 * planner.h — logical operator tree → physical plan (PhysNode tree).
 *
 * The physical planner picks an operator for each logical one and resolves
 * every (binding, column) reference to a slot of the operator's input
 * batch: a node's input layout is its children's outputs, concatenated for
 * joins. Plans are read-only during execution; run-time state lives in the
 * executor's ExecNode tree.
 * Memory: nodes are allocated in the query context.
 */
#ifndef OM_PLANNER_H
#define OM_PLANNER_H

#include "../binder/binder.h"
#include "../nodes/nodes.h"

/* Plan a bound SELECT / INSERT / UPDATE / DELETE. */
int plan_stmt(MemCtx *ctx, const BoundStmt *st, Plan **out, OmError *err);

#endif
