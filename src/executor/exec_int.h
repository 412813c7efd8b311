/*
 * exec_int.h — executor internals: each operator's init routine (one file
 * per operator) and small shared helpers.
 */
#ifndef OM_EXEC_INT_H
#define OM_EXEC_INT_H

#include <stdio.h>
#include <string.h>

#include "executor.h"

int exec_scan_init(ExecNode *n);
int exec_values_init(ExecNode *n);
int exec_filter_init(ExecNode *n);
int exec_project_init(ExecNode *n);
int exec_agg_init(ExecNode *n);
int exec_gsets_init(ExecNode *n);
int exec_unique_init(ExecNode *n);
int exec_sort_init(ExecNode *n);
int exec_limit_init(ExecNode *n);
int exec_insert_init(ExecNode *n);
int exec_update_init(ExecNode *n);
int exec_delete_init(ExecNode *n);
int exec_project_set_init(ExecNode *n);
int exec_nl_join_init(ExecNode *n);
int exec_hash_join_init(ExecNode *n);
int exec_lateral_join_init(ExecNode *n);
int exec_append_init(ExecNode *n);
int exec_cte_init(ExecNode *n);
int exec_cte_scan_init(ExecNode *n);
int exec_worktable_scan_init(ExecNode *n);
int exec_recursive_union_init(ExecNode *n);
/* A data-modifying CTE's write (PHYS_INSERT / UPDATE / DELETE with
 * cte_writes): read its input if nothing did, then write (exec_modify.c). */
int exec_modify_apply(ExecNode *n);

/* Physical types of a plan node's output columns, allocated in ctx. */
OmPhysType *exec_phys_types(MemCtx *ctx, const PhysNode *p);

/* A growing list of deep-copied batches (Sort, Update materialise input). */
typedef struct ExecStore {
    MemCtx *ctx;
    int ncols;
    OmPhysType *phys;
    bool keys;
    int nbatches, cap;
    OmBatch **batches;
    long long rows;
    size_t limit;      /* work_mem in bytes (0 = none): past it, 53200 */
    const char *what;  /* the operator, for the 53200 message */
} ExecStore;

void exec_store_init(ExecStore *st, MemCtx *ctx, int ncols, OmPhysType *phys, bool keys);
/* Set the store's memory budget from the query (what names the operator). */
void exec_store_budget(ExecStore *st, const ExecQuery *q, const char *what);
/* Append the live rows of b (first ncols columns; its keys if st->keys).
 * -1 with 53200 when the store outgrows its budget. */
int exec_store_append(ExecStore *st, const OmBatch *b, const OmVector *cols, OmError *err);

/* A CTE's rows as its scans see them (exec_cte.c). Entries form a chain
 * from ExecQuery.ctes, pushed by each CTE node and recursive union at
 * init: a subquery's run copies the ExecQuery and so sees the entries of
 * the levels around it, and its own entries do not leak out.
 *   CTE:        producer is the definition, pulled as the first scan
 *               needs more rows; rows = &store, the rows so far
 *   worktable:  producer NULL; rows = the recursive union's store of the
 *               previous iteration's rows */
typedef struct ExecCte {
    int id;
    ExecNode *producer;
    ExecStore store;
    bool done;            /* producer exhausted */
    ExecStore *rows;
    struct ExecCte *next;
} ExecCte;

/* The entry for id, or NULL with an internal error. */
ExecCte *exec_cte_find(const ExecQuery *q, int id);
/* Make view show rows from..to-1 of src (its columns, by reference):
 * view->sel must have room for OM_BATCH_SIZE; view->ncols stays. */
void exec_batch_view(OmBatch *view, const OmBatch *src, int from, int to);
/* Empty a store for refilling (its context reset, its budget kept). */
void exec_store_reset(ExecStore *st);

/* Stable merge sort of the row references a[0..n) by cmp (exec_sort.c),
 * reaching the interrupt check every few thousand moves; the result is
 * left in a. 0, or -1 with err set when interrupted. */
int exec_sort_refs(uint64_t *a, long long n, int (*cmp)(uint64_t, uint64_t, void *), void *arg, MemCtx *ctx,
                   OmError *err);

/* Aggregates that see their rows sorted (exec_agg_sorted.c): agg(x ORDER BY
 * k), agg(DISTINCT x, y), ordered-set aggregates. The Agg operator hands
 * over each batch's (row, group) pairs after FILTER; at the end the rows
 * are sorted by group and keys and fed to the aggregate's update in that
 * order (DISTINCT: equal rows of a group once), or kept for the
 * ordered-set final. The store lives in state_ctx (work_mem). */
typedef struct AggSorted AggSorted;
struct FnAggCall;
AggSorted *exec_aggsort_create(MemCtx *state_ctx, const BoundAgg *agg, struct FnAggCall *call, int nin);
int exec_aggsort_add(AggSorted *s, const OmBatch *b, const OmVector *const *argv, const uint16_t *sel,
                     const uint32_t *gids, int m, OmError *err);
/* Sort; feed update (plain aggregates) into states of ngroups groups. */
int exec_aggsort_finish(AggSorted *s, uint8_t *states, uint32_t ngroups, OmError *err);
/* An ordered-set aggregate's result for group g. */
int exec_aggsort_final(AggSorted *s, uint32_t g, OmVector *out, int row);

/* Key hashing (exec_hash.c): h[k] = h[k] * 31 + hash of row sel[k] (k
 * when sel is NULL), equal values hashing alike; NULLs hash to a constant.
 * exec_keys_equal: grouping equality (NULL equals NULL). */
void exec_hash_column(OmType t, const OmVector *v, const uint16_t *sel, int n, uint64_t *h);
bool exec_keys_equal(OmType t, const OmVector *a, int ra, const OmVector *b, int rb);

/* Numeric arithmetic kernels (exec_numeric.c): + - * / % and unary minus
 * over numeric vectors; result strings go to var. */
int exec_numeric_arith(BoundOp op, const OmVector *a, const OmVector *b, OmVector *o, const uint16_t *sel, int n,
                       MemCtx *var, OmError *err);
int exec_numeric_neg(const OmVector *a, OmVector *o, const uint16_t *sel, int n, MemCtx *var, OmError *err);

/* Does comparison op hold for a three-way result c (<0, 0, >0)? */
static inline bool exec_cmp_holds(BoundOp op, int c)
{
    switch (op) {
    case BOP_EQ: return c == 0;
    case BOP_NE: return c != 0;
    case BOP_LT: return c < 0;
    case BOP_LE: return c <= 0;
    case BOP_GT: return c > 0;
    default: return c >= 0;
    }
}

/* Subqueries in expressions (exec_subquery.c). */
struct ExecSub *exec_sub_build(MemCtx *ctx, const BoundExpr *e, MemCtx *var, const ExecQuery *q);
int exec_eval_subquery(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err);

/* Array expressions (exec_array.c). */
int exec_eval_array(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err);
int exec_eval_subscript(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err);
int exec_eval_any_all(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err);
/* LIKE family over vectors (exec_like.c). exec_like_build compiles a
 * constant pattern of e (BE_OP, a LIKE operator) once; exec_like_eval runs
 * the rows, compiling other patterns as they change. escv may be NULL (the
 * default escape, backslash). exec_kernel_like is the same without kept
 * state (a compile per call: LIKE ANY). */
ExecLike *exec_like_build(MemCtx *ctx, const BoundExpr *e);
int exec_like_eval(ExecLike *lk, BoundOp op, const OmVector *a, const OmVector *b, const OmVector *escv,
                   OmVector *o, const uint16_t *sel, int n, OmError *err);
int exec_kernel_like(BoundOp op, const OmVector *a, const OmVector *b, const OmVector *escv, OmVector *o,
                     const uint16_t *sel, int n, OmError *err);

#endif
