/*
 * planner_int.h — what the planner's files share.
 */
#ifndef OM_PLANNER_INT_H
#define OM_PLANNER_INT_H

#include "../catalog/catalog.h"
#include "../storage/storage.h"
#include "planner.h"

/* access.c: the primary-key path of scan (a Scan of get) under filter:
 * sets lookup, keyset or the range fields, or leaves a full scan. Returns
 * the index of a condition the path implements exactly (the filter need
 * not check it), or -1. */
int plan_pk_access(MemCtx *ctx, const LogicalOp *get, const LogicalOp *filter, PhysNode *scan);
/* Is order's input (Project over Filters over a Get) already in its key
 * order: the primary key's leading columns, ascending? */
bool plan_order_from_scan(const LogicalOp *order);

#endif
