/*
 * executor.h — vectorized execution of physical plans.
 *
 * Every operator produces batches (OmBatch, up to OM_BATCH_SIZE rows) on
 * demand: exec_next(node, &batch) returns 1 with a batch, 0 at the end, -1 on
 * error. A returned batch is valid until the next call on the same node.
 * Expressions are evaluated a whole vector at a time by kernels
 * (exec_expr.c), over a selection of rows.
 *
 * Memory: node state lives in the query context; strings made while
 * processing a batch live in the node's per-batch context, reset before the
 * node produces its next batch.
 */
#ifndef OM_EXECUTOR_H
#define OM_EXECUTOR_H

#include <stdatomic.h>

#include "../common/interrupt.h"

#include "../nodes/nodes.h"
#include "../storage/storage.h"

typedef struct ExecQuery {
    MemCtx *ctx;
    bool timing;           /* EXPLAIN ANALYZE: time each operator's next() */
    size_t mem_limit;      /* work_mem: bytes one operator may hold (0 = no limit) */
    StorTxn *txn;
    OmError *err;
    const char *sql;     /* for error positions */
    uint64_t processed;  /* rows inserted / updated / deleted */
    StorEnv *env;          /* for sequence functions */
    struct FnSeqSession *seqs; /* the session's currval/lastval */
    const OmBatch *params; /* a subquery's run: its outer values (BE_PARAM), one row */
    struct ExecCte *ctes;  /* CTEs and worktables in scope (exec_int.h) */
} ExecQuery;

/*
 * A physical operator at run time. Each kind has an init routine (building
 * state; exec_build calls it after building the children), next (the next
 * batch), rescan (start over, for the inner side of a nested loop; NULL:
 * the operator cannot, and the parent materialises instead) and end
 * (release what outlives the query context, NULL if nothing). Counters are
 * kept for EXPLAIN ANALYZE.
 */
typedef struct ExecNode ExecNode;
struct ExecNode {
    const PhysNode *plan;
    ExecNode *child;       /* children[0] */
    int nchildren;
    ExecNode **children;
    ExecQuery *q;
    int (*next)(ExecNode *n, OmBatch **out);
    int (*rescan)(ExecNode *n);
    void (*end)(ExecNode *n);
    void *state;
    uint64_t rows;         /* rows returned (live rows of returned batches) */
    uint64_t batches;
    uint64_t time_ns;      /* inclusive time in next(), when timing */
};

/* Build the run-time tree for a plan. */
int exec_build(ExecQuery *q, const PhysNode *plan, ExecNode **out);
int exec_next_timed(ExecNode *n, OmBatch **out);
static inline int exec_next(ExecNode *n, OmBatch **out)
{
    /* Checked once per batch here; kernels that can run long within one
     * batch check on their own (common/interrupt.h). */
    if (om_intr_check(n->q->err) < 0) return -1;
    if (n->q->timing) return exec_next_timed(n, out);
    int rc = n->next(n, out);
    if (rc > 0) {
        n->batches++;
        n->rows += (uint64_t)om_batch_live(*out);
    }
    return rc;
}
/* Start n over (the inner side of a nested loop). */
int exec_rescan(ExecNode *n);
/* Release run-time resources of the tree (cursors; idempotent). */
void exec_end(ExecNode *root);
/* Run a plan that returns no rows (INSERT/UPDATE/DELETE) to completion. */
int exec_run(ExecNode *root);

/* ---- expressions ---- */

typedef struct ExprState ExprState;
typedef struct ExecLike ExecLike;
struct ExprState {
    const BoundExpr *e;
    OmVector out;        /* result, at the physical rows evaluated */
    ExprState **args;
    uint16_t *sel_a;     /* scratch selections */
    uint16_t *sel_b;
    uint8_t *flags;      /* scratch per-row flags */
    MemCtx *var;         /* strings made by this expression tree */
    const char *sql;
    struct FnCall *call; /* BE_FUNC: the kernel's call context */
    const OmVector **argv; /* BE_FUNC: argument vectors for the kernel */
    ExecLike *like;      /* BE_OP LIKE family: the compiled pattern (exec_like.c) */
    const ExecQuery *q;  /* BE_PARAM / BE_SUBQUERY: the query evaluating it */
    struct ExecSub *sub; /* BE_SUBQUERY: run-time state (exec_subquery.c) */
};

/* Build evaluation state for e; strings it makes go to var. q gives the
 * query's environment (may be NULL for constant expressions). */
ExprState *exec_expr_build(MemCtx *ctx, const BoundExpr *e, MemCtx *var, const ExecQuery *q);
/* Evaluate over the rows sel[0..n) of in (sel NULL: rows 0..n-1). */
int exec_expr_eval(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err);

/* Evaluate an expression without column references into out (1 row). */
int exec_eval_const(MemCtx *ctx, const BoundExpr *e, OmVector *out, bool *isnull, OmError *err);
/* The same within a running statement q (so planned subqueries in e run:
 * LIMIT (SELECT ...)). */
int exec_eval_once(MemCtx *ctx, const BoundExpr *e, const ExecQuery *q, OmVector *out, bool *isnull, OmError *err);

/* Copy value at src row sr into dst row dr (strings copied into ctx if
 * ctx != NULL, else shared). */
void exec_copy_value(const OmVector *src, int sr, OmVector *dst, int dr, MemCtx *ctx);

/* Render a value's text form into buf (for error details); "null" for NULL. */
void exec_render_value(OmType t, const OmVector *v, int row, char *buf, size_t size);

/* Compare two non-null values of the same type (for sorting): <0, 0, >0. */
int exec_compare_values(OmType t, const OmVector *a, int ra, const OmVector *b, int rb);

#endif
