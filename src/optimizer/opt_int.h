/*
 * opt_int.h — the optimizer's internals shared by its rule files:
 * conjunct lists, binding sets and the small tree constructors.
 */
#ifndef OM_OPT_INT_H
#define OM_OPT_INT_H

#include "optimizer.h"

/* A list of conjuncts (ANDs flattened). */
typedef struct List {
    int n, cap;
    BoundExpr **e;
} List;

/* A set of bindings (small: a linear array). */
typedef struct Set {
    int n;
    int *b;
} Set;

typedef struct OCtx {
    MemCtx *ctx;
    OmError *err;
} OCtx;

/* pushdown.c */
void opt_conjuncts(OCtx *oc, BoundExpr *e, List *out);
/* Add e's conjuncts to l (an OR's common conjuncts pulled out). */
void opt_list_add(OCtx *oc, List *l, BoundExpr *e);
bool opt_set_has(const Set *s, int b);
Set opt_set_union(OCtx *oc, const Set *a, const Set *b);
/* The bindings op's output carries. */
Set opt_out_set(OCtx *oc, const LogicalOp *op);
/* Does e use only columns of side among those of all? (Not subqueries' outer references.) */
bool opt_within(const BoundExpr *e, const Set *all, const Set *side);
/* May e move to another operator (no subquery, nothing volatile)? */
bool opt_movable(const BoundExpr *e);
/* Does every column e uses (binding >= 0) belong to s? False with a subquery. */
bool opt_expr_only(const BoundExpr *e, const Set *s);
bool opt_refs_only(BoundExpr **es, int n, const Set *s);
/* op under a Filter of l's conjuncts (op itself when l is empty). */
LogicalOp *opt_wrap(OCtx *oc, LogicalOp *op, List *l);
LogicalOp *opt_new_join(OCtx *oc, JoinType jt, LogicalOp *l, LogicalOp *r, List *conds);

/* fold.c: PostgreSQL's constant folding over the whole tree (first rule). */
int opt_fold(OCtx *oc, LogicalOp **root);

/* cardinality.c: the selectivity of conjuncts over rel (rel_rows its
 * estimated rows), and of one join condition between two subtrees. */
double opt_conds_sel(const LogicalOp *rel, BoundExpr *const *conds, int n, double rel_rows);
double opt_join_cond_sel(const LogicalOp *left, double lrows, const LogicalOp *right, double rrows, const BoundExpr *c);

/* decorrelate.c: conjunct c of a Filter over input as a join of input with
 * the subquery's tree; NULL when c is not such a subquery. The scalar form
 * also returns the rewritten conjunct in *rest (the subquery replaced by
 * the joined aggregate). */
LogicalOp *opt_decorrelate_semi(OCtx *oc, LogicalOp *input, BoundExpr *c);
LogicalOp *opt_decorrelate_scalar(OCtx *oc, LogicalOp *input, BoundExpr *c, BoundExpr **rest);

/* lateral.c: a lateral join (INNER / LEFT) whose right side is a plain
 * SELECT correlated only in its WHERE, as an ordinary join; NULL when op
 * is not one. */
LogicalOp *opt_decorrelate_lateral(OCtx *oc, LogicalOp *op);

#endif
