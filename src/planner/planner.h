/*
 * planner.h — bound statement → tree of physical plan nodes.
 *
 * Plans are read-only during execution; run-time state lives in the
 * executor's ExecNode tree. Shapes built today:
 *   SELECT:  Scan|Values → [Filter] → [Agg] → Project → [Sort] → [Limit]
 *   INSERT:  <SELECT plan or Values> → [Project col_exprs] → Insert
 *   UPDATE:  Scan(with keys) → [Filter] → Update
 *   DELETE:  Scan(with keys) → [Filter] → Delete
 * Memory: nodes are allocated in the query context.
 */
#ifndef OM_PLANNER_H
#define OM_PLANNER_H

#include "../binder/binder.h"

typedef enum {
    PLAN_SCAN, PLAN_VALUES, PLAN_FILTER, PLAN_PROJECT, PLAN_AGG, PLAN_SORT, PLAN_LIMIT,
    PLAN_INSERT, PLAN_UPDATE, PLAN_DELETE,
    PLAN_PROJECT_SET
} PlanKind;

typedef struct PlanNode PlanNode;
struct PlanNode {
    PlanKind kind;
    PlanNode *child;
    int ncols;          /* output columns */
    OmType *types;      /* their types */
    CatTable *table;    /* SCAN source; INSERT/UPDATE/DELETE target */
    bool want_keys;     /* SCAN: fill storage keys (for UPDATE/DELETE) */
    int nrows;          /* VALUES */
    BoundExpr ***rows;
    BoundExpr *pred;    /* FILTER */
    int nexprs;         /* PROJECT; UPDATE new values (per table column) */
    BoundExpr **exprs;
    int naggs;          /* AGG */
    BoundAgg *aggs;
    int nkeys;          /* SORT */
    BoundSortKey *keys;
    BoundExpr *limit;   /* LIMIT */
    BoundExpr *offset;
    /* PROJECT_SET: set-returning calls run in lockstep per input row; the
     * output is the input columns (unless srf_only) then each call's
     * columns, then the ordinality counter. */
    int nsrfs;
    BoundExpr **srfs;
    bool srf_only;
    bool ordinality;
};

typedef struct Plan {
    PlanNode *root;
    bool returns_rows;  /* SELECT: RowDescription + DataRows */
    int nvisible;       /* visible output columns (hidden sort columns follow) */
    char **names;
    uint32_t *src_table;
    int16_t *src_attnum;
} Plan;

/* Plan a SELECT / INSERT / UPDATE / DELETE. */
int plan_stmt(MemCtx *ctx, const BoundStmt *st, Plan **out, OmError *err);

#endif
