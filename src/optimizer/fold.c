/*
 * fold.c — constant folding, as PostgreSQL's planner does it
 * (eval_const_expressions), run first by opt_optimize.
 *
 * Every expression of the logical tree is simplified bottom-up:
 *   - a strict operator or function with a constant NULL argument is a NULL
 *     constant, whatever its other arguments are (they are never evaluated:
 *     `a / 0 = NULL` reads no row's a and raises nothing);
 *   - an operator, cast or immutable function whose arguments are all
 *     constants is evaluated now; its error, if any, fails the statement
 *     (PostgreSQL raises `SELECT CASE WHEN a > 5 THEN 1 / 0 END` at plan
 *     time too);
 *   - AND / OR drop TRUE / FALSE constants and become FALSE / TRUE on the
 *     first FALSE / TRUE, keeping one NULL constant; arguments are folded in
 *     order and folding stops at that constant;
 *   - CASE drops arms whose condition is constant FALSE or NULL without
 *     folding their result, and ends at an arm whose condition is constant
 *     TRUE; COALESCE drops NULL constants and ends at a non-NULL constant.
 * Conditions (WHERE, HAVING, ON) are then checked like PostgreSQL's
 * pseudo-constant quals: a conjunct that is constant FALSE or NULL makes the
 * whole condition FALSE, so none of its other conjuncts is evaluated, and
 * TRUE conjuncts disappear (a Filter left without any is removed).
 *
 * Subqueries' plans are folded too (their conjuncts may move into the outer
 * tree when decorrelated); folding twice is harmless.
 */
#include <string.h>

#include "../executor/executor.h"
#include "../functions/functions.h"
#include "opt_int.h"

static int fold_expr(OCtx *oc, BoundExpr **slot);
static int fold_tree(OCtx *oc, LogicalOp **op);

static bool is_const_bool(const BoundExpr *e, bool v)
{
    return e->kind == BE_CONST && !e->is_null && e->type.id == OM_T_BOOL && ((const bool *)e->cval.data)[0] == v;
}

static bool is_null_const(const BoundExpr *e) { return e->kind == BE_CONST && e->is_null; }

static BoundExpr *bool_const(OCtx *oc, bool v)
{
    BoundExpr *c = node_make_const(oc->ctx, om_type(OM_T_BOOL), false);
    ((bool *)c->cval.data)[0] = v;
    return c;
}

static BoundExpr *null_const(OCtx *oc, OmType t) { return node_make_const(oc->ctx, t, true); }

static void push(OCtx *oc, List *l, BoundExpr *e)
{
    if (l->n == l->cap) {
        int nc = l->cap ? l->cap * 2 : 8;
        l->e = mem_realloc(oc->ctx, l->e, sizeof(BoundExpr *) * (size_t)l->cap, sizeof(BoundExpr *) * (size_t)nc);
        l->cap = nc;
    }
    l->e[l->n++] = e;
}

/* Replace *slot by its value (all of its arguments are constants). */
static int evaluate(OCtx *oc, BoundExpr **slot)
{
    BoundExpr *e = *slot;
    BoundExpr *c = node_make_const(oc->ctx, e->type, false);
    c->location = e->location;
    bool isnull = false;
    if (exec_eval_const(oc->ctx, e, &c->cval, &isnull, oc->err) < 0) return -1;
    c->is_null = isnull;
    om_vec_set_null(&c->cval, 0, isnull);
    *slot = c;
    return 0;
}

/* Operators that give NULL for a NULL operand (PostgreSQL's operator
 * functions behind them are strict); the tests are not. */
static bool op_strict(BoundOp op)
{
    switch (op) {
    case BOP_ISNULL:
    case BOP_ISNOTNULL:
    case BOP_IS_TRUE:
    case BOP_IS_NOT_TRUE:
    case BOP_IS_FALSE:
    case BOP_IS_NOT_FALSE:
    case BOP_IS_UNKNOWN:
    case BOP_IS_NOT_UNKNOWN:
    case BOP_IS_DISTINCT:
    case BOP_IS_NOT_DISTINCT:
        return false;
    default:
        return true;
    }
}

/* AND / OR: fold in order, flatten nested ones of the same kind. */
static int fold_andor(OCtx *oc, BoundExpr **slot)
{
    BoundExpr *e = *slot;
    bool is_and = e->kind == BE_AND;
    List keep = {0};
    bool have_null = false;
    /* A worklist keeps the order of nested arguments. */
    List work = {0};
    for (int i = e->nargs - 1; i >= 0; i--) push(oc, &work, e->args[i]);
    /* An IN list is PostgreSQL's x = ANY (ARRAY[...]): every element is
     * folded, whatever an earlier one gave. */
    for (int i = 0; e->eager && i < work.n; i++)
        if (fold_expr(oc, &work.e[i]) < 0) return -1;
    while (work.n) {
        BoundExpr *a = work.e[--work.n];
        if (!e->eager && fold_expr(oc, &a) < 0) return -1;
        if (a->kind == e->kind && a->eager == e->eager) {
            for (int i = a->nargs - 1; i >= 0; i--) push(oc, &work, a->args[i]);
            continue;
        }
        if (a->kind == BE_CONST) {
            if (a->is_null) {
                have_null = true;
                continue;
            }
            if (is_const_bool(a, !is_and)) { /* FALSE in AND, TRUE in OR */
                *slot = bool_const(oc, !is_and);
                return 0;
            }
            continue; /* TRUE in AND, FALSE in OR */
        }
        push(oc, &keep, a);
    }
    if (keep.n == 0) {
        *slot = have_null ? null_const(oc, om_type(OM_T_BOOL)) : bool_const(oc, is_and);
        return 0;
    }
    if (have_null) push(oc, &keep, null_const(oc, om_type(OM_T_BOOL)));
    if (keep.n == 1) {
        *slot = keep.e[0];
        return 0;
    }
    BoundExpr *n = mem_new(oc->ctx, BoundExpr);
    *n = *e;
    n->nargs = keep.n;
    n->args = keep.e;
    *slot = n;
    return 0;
}

static int fold_case(OCtx *oc, BoundExpr **slot)
{
    BoundExpr *e = *slot;
    int narms = (e->nargs - (e->has_else ? 1 : 0)) / 2;
    BoundExpr **args = mem_new_array(oc->ctx, BoundExpr *, e->nargs + 1);
    int n = 0;
    BoundExpr *def = NULL;
    bool def_known = false;
    for (int i = 0; i < narms; i++) {
        BoundExpr *c = e->args[2 * i];
        if (fold_expr(oc, &c) < 0) return -1;
        if (c->kind == BE_CONST && !is_const_bool(c, true)) continue; /* FALSE / NULL: never taken */
        BoundExpr *r = e->args[2 * i + 1];
        if (fold_expr(oc, &r) < 0) return -1;
        if (c->kind == BE_CONST) { /* TRUE: the result from here on */
            def = r;
            def_known = true;
            break;
        }
        args[n++] = c;
        args[n++] = r;
    }
    if (!def_known) {
        def = e->has_else ? e->args[e->nargs - 1] : null_const(oc, e->type);
        if (fold_expr(oc, &def) < 0) return -1;
    }
    if (n == 0) {
        *slot = def;
        return 0;
    }
    BoundExpr *c = mem_new(oc->ctx, BoundExpr);
    *c = *e;
    c->has_else = true;
    args[n++] = def;
    c->nargs = n;
    c->args = args;
    *slot = c;
    return 0;
}

static int fold_coalesce(OCtx *oc, BoundExpr **slot)
{
    BoundExpr *e = *slot;
    BoundExpr **args = mem_new_array(oc->ctx, BoundExpr *, e->nargs);
    int n = 0;
    for (int i = 0; i < e->nargs; i++) {
        BoundExpr *a = e->args[i];
        if (fold_expr(oc, &a) < 0) return -1;
        if (is_null_const(a)) continue;
        args[n++] = a;
        if (a->kind == BE_CONST) break; /* never NULL: later arguments are not reached */
    }
    if (n == 0) {
        *slot = null_const(oc, e->type);
        return 0;
    }
    if (n == 1 && args[0]->kind == BE_CONST) {
        *slot = args[0];
        return 0;
    }
    BoundExpr *c = mem_new(oc->ctx, BoundExpr);
    *c = *e;
    c->nargs = n;
    c->args = args;
    *slot = c;
    return 0;
}

static int fold_expr(OCtx *oc, BoundExpr **slot)
{
    BoundExpr *e = *slot;
    switch (e->kind) {
    case BE_CONST:
    case BE_COLUMN:
    case BE_PARAM:
        return 0;
    case BE_SUBQUERY:
        /* Its left operands and comparison are evaluated with the
         * subquery's rows: only the subquery's own plan is folded. */
        return fold_tree(oc, &e->subplan);
    case BE_AND:
    case BE_OR:
        return fold_andor(oc, slot);
    case BE_CASE:
        return fold_case(oc, slot);
    case BE_COALESCE:
        return fold_coalesce(oc, slot);
    default:
        break;
    }
    /* Arguments first (copy-on-write: expressions may be shared). */
    BoundExpr *n = mem_new(oc->ctx, BoundExpr);
    *n = *e;
    if (e->nargs) {
        n->args = mem_new_array(oc->ctx, BoundExpr *, e->nargs);
        memcpy(n->args, e->args, sizeof(BoundExpr *) * (size_t)e->nargs);
    }
    bool all_const = true, null_arg = false;
    for (int i = 0; i < n->nargs; i++) {
        if (!n->args[i]) continue; /* omitted subscript bounds */
        if (fold_expr(oc, &n->args[i]) < 0) return -1;
        all_const &= n->args[i]->kind == BE_CONST;
        null_arg |= is_null_const(n->args[i]);
    }
    *slot = n;
    bool strict = false, foldable = all_const;
    switch (n->kind) {
    case BE_OP:
        strict = op_strict(n->op);
        break;
    case BE_CAST:
        strict = true;
        break;
    case BE_FUNC:
        if (n->fn->srf) return 0;
        strict = (n->fn->flags & FN_STRICT) != 0;
        foldable = all_const && !(n->fn->flags & FN_VOLATILE);
        break;
    case BE_NOT:
        strict = true;
        break;
    default:
        break;
    }
    if (strict && null_arg) {
        *slot = null_const(oc, n->type);
        return 0;
    }
    return foldable && n->nargs > 0 ? evaluate(oc, slot) : 0;
}

static int fold_slot(BoundExpr **slot, void *arg) { return fold_expr(arg, slot); }

/* Conditions (conjuncts): a FALSE or NULL one decides, TRUE ones go. */
static void fold_conds(OCtx *oc, LogicalOp *op)
{
    int n = 0;
    for (int i = 0; i < op->nconds; i++) {
        BoundExpr *c = op->conds[i];
        if (c->kind == BE_CONST && !is_const_bool(c, true)) {
            op->conds[0] = bool_const(oc, false);
            op->nconds = 1;
            return;
        }
        bool decided = false;
        for (int k = 0; c->kind == BE_AND && k < c->nargs; k++) decided |= is_null_const(c->args[k]);
        if (decided) {
            op->conds[0] = bool_const(oc, false);
            op->nconds = 1;
            return;
        }
        if (c->kind == BE_CONST) continue; /* TRUE */
        op->conds[n++] = c;
    }
    op->nconds = n;
}

static int fold_tree(OCtx *oc, LogicalOp **opp)
{
    LogicalOp *op = *opp;
    for (int i = 0; i < op->nchildren; i++)
        if (fold_tree(oc, &op->children[i]) < 0) return -1;
    if (lop_map_exprs(op, fold_slot, oc) != 0) return -1;
    if (op->kind == LOP_FILTER || op->kind == LOP_JOIN) fold_conds(oc, op);
    if (op->kind == LOP_FILTER && op->nconds == 0) *opp = op->children[0];
    return 0;
}

int opt_fold(OCtx *oc, LogicalOp **root) { return fold_tree(oc, root); }
