/*
 * optimizer.h — rewrite rules over the logical operator tree (nodes/nodes.h).
 *
 * Rules today:
 *   - constant folding as PostgreSQL's planner does it (fold.c): strict
 *     calls of a NULL constant are NULL, calls of constants are evaluated,
 *     AND / OR / CASE / COALESCE simplified, constant FALSE / NULL
 *     conditions decide alone;
 *   - predicate pushdown: WHERE / HAVING-free filter conjuncts and inner
 *     join conditions move down to the lowest operator that has all their
 *     columns: into join conditions (where the planner finds equi-joins for
 *     hash joins) and right above scans; never below the NULL-extended side
 *     of an outer join, never past an Aggregate, Project or Limit;
 *   - join order: a cluster of inner joins (comma lists, JOIN ... ON) is
 *     rebuilt left-deep, each next relation one that an equality condition
 *     connects to the ones already joined (cross products last).
 * The tree is rewritten in place (nodes in the statement's context).
 */
#ifndef OM_OPTIMIZER_H
#define OM_OPTIMIZER_H

#include "../common/err.h"
#include "../common/mem.h"
#include "../nodes/nodes.h"

int opt_optimize(MemCtx *ctx, LogicalOp **root, OmError *err);

/* Estimated rows op produces (cardinality.c): statistics where ANALYZE
 * gathered them, PostgreSQL's default selectivities elsewhere. */
double opt_est_rows(const LogicalOp *op);

/* ANALYZE one table (analyze.c): sample up to 300 × target rows, compute
 * the columns' statistics (cols: which ones, NULL = all; the others keep
 * theirs) and store them in the catalog; txn must be a write transaction. */
typedef struct OptAnalyzeInfo {
    uint64_t rows;   /* the table's rows */
    int sampled;     /* rows in the sample */
} OptAnalyzeInfo;
int opt_analyze_table(StorTxn *txn, MemCtx *ctx, const CatTable *t, const bool *cols, int target,
                      OptAnalyzeInfo *info, OmError *err);
/* The statistics alone, in ctx (a read transaction is enough), for a caller
 * that stores them in a later write transaction (server/autoanalyze.c). */
int opt_analyze_compute(StorTxn *txn, MemCtx *ctx, const CatTable *t, const bool *cols, int target,
                        CatTableStats **out, OptAnalyzeInfo *info, OmError *err);

#endif
