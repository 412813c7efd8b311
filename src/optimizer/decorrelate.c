/*
 * decorrelate.c — subqueries in WHERE that become joins (opt_int.h).
 *
 * Semi / anti joins. A conjunct EXISTS (...), NOT EXISTS (...) or
 * x IN (SELECT y ...) becomes a SEMI / ANTI join of the filtered input with
 * the subquery's FROM tree when the subquery is a plain SELECT ... FROM ...
 * WHERE (no aggregate, LIMIT, set-returning function): its WHERE conjuncts
 * that use the input (plain, subquery-free ones) are the join's condition
 * (plus x = y for IN), the others filter the FROM tree first. Exactly
 * PostgreSQL's answers: a comparison that is NULL is no match. NOT IN is
 * left alone (its NULL rules are not an anti join's).
 *
 * Scalar aggregates. A conjunct that uses (SELECT f(agg(...)) FROM ...
 * WHERE inner_k = outer_k AND local ...) — an aggregate without GROUP BY,
 * correlated only through equalities — reads the subquery's value from a
 * LEFT JOIN with that aggregate grouped by the inner keys: one pass over
 * the inner table instead of one per outer row (TPC-H q17, q20). The value
 * is the same for every outer row: the group of rows with inner_k = v is
 * the subquery's input for outer_k = v (the keys' type has one equality,
 * the grouping's), and an outer row without a group gets what the
 * aggregates give over no rows (NULL; count 0, by COALESCE). Because every
 * group is computed, not only those an outer row asks for, the inner
 * conditions and aggregate arguments must be unable to raise an error
 * (columns, constants, comparisons, numeric + - *): otherwise a row the
 * subquery never read could fail the statement.
 */
#include <string.h>

#include "../functions/functions.h"
#include "../functions/fn_agg.h"
#include "opt_int.h"

/* UPDATE / DELETE need each row's storage key, which joins do not carry:
 * their subqueries stay per-row. */
static bool reads_keys(const LogicalOp *op)
{
    if (op->kind == LOP_GET && op->want_keys) return true;
    for (int i = 0; i < op->nchildren; i++)
        if (reads_keys(op->children[i])) return true;
    return false;
}

/* A membership array for the bindings of s. */
static bool *mark_of(OCtx *oc, const Set *s, int *n)
{
    int maxb = 0;
    for (int i = 0; i < s->n; i++) maxb = s->b[i] + 1 > maxb ? s->b[i] + 1 : maxb;
    bool *m = mem_new_array(oc->ctx, bool, maxb > 0 ? maxb : 1);
    for (int i = 0; i < s->n; i++) m[s->b[i]] = true;
    *n = maxb;
    return m;
}

/* The subquery's FROM tree under its WHERE conjuncts (Project → Filter* →
 * Get / Join); NULL for any other shape. */
static LogicalOp *from_tree(OCtx *oc, LogicalOp *op, List *conds)
{
    while (op->kind == LOP_FILTER) {
        for (int i = 0; i < op->nconds; i++) opt_list_add(oc, conds, op->conds[i]);
        op = op->children[0];
    }
    return op->kind == LOP_GET || op->kind == LOP_JOIN ? op : NULL;
}

LogicalOp *opt_decorrelate_semi(OCtx *oc, LogicalOp *input, BoundExpr *c)
{
    if (reads_keys(input)) return NULL;
    bool neg = false;
    BoundExpr *sq = c;
    if (c->kind == BE_NOT && c->nargs == 1 && c->args[0]->kind == BE_SUBQUERY) {
        neg = true;
        sq = c->args[0];
    }
    if (sq->kind != BE_SUBQUERY) return NULL;
    if (sq->sublink != SUBLINK_EXISTS && !(sq->sublink == SUBLINK_ANY && !neg)) return NULL;
    if (sq->sublink == SUBLINK_ANY) {
        if (sq->nargs != 2) return NULL; /* a row (a, b) IN (...) stays a subquery */
        const BoundExpr *cmp = sq->args[1];
        if (cmp->kind != BE_OP || cmp->op != BOP_EQ || cmp->nargs != 2) return NULL;
        /* the bound comparison must be slot 1 (left) = slot 0 (subquery), uncast */
        if (cmp->args[0]->kind != BE_COLUMN || cmp->args[0]->col != 1 || cmp->args[1]->kind != BE_COLUMN ||
            cmp->args[1]->col != 0)
            return NULL;
    }
    LogicalOp *top = sq->subplan;
    if (top->kind == LOP_ORDER && sq->sublink == SUBLINK_EXISTS) top = top->children[0];
    if (top->kind != LOP_PROJECT) return NULL;
    List conds = {0};
    LogicalOp *from = from_tree(oc, top->children[0], &conds);
    if (!from) return NULL;
    Set in = opt_out_set(oc, input), fs = opt_out_set(oc, from);
    Set both = opt_set_union(oc, &in, &fs);
    int nmark;
    bool *mark = mark_of(oc, &in, &nmark);
    /* The FROM tree itself must not see the input (no nested correlation). */
    if (lop_uses_bindings(from, mark, nmark)) return NULL;
    /* Conditions on the input are the join's: plain columns of the input
     * or the subquery (none of a level further out), nothing volatile.
     * The others stay with the FROM tree, subqueries and all. */
    List on = {0}, local = {0};
    for (int i = 0; i < conds.n; i++) {
        BoundExpr *e = conds.e[i];
        if (expr_has_volatile(e)) return NULL;
        if (!expr_uses_bindings(e, mark, nmark)) {
            opt_list_add(oc, &local, e);
            continue;
        }
        if (!opt_movable(e) || !opt_refs_only(&e, 1, &both)) return NULL;
        opt_list_add(oc, &on, e);
    }
    if (sq->sublink == SUBLINK_ANY) {
        if (!opt_refs_only(&sq->args[0], 1, &in) || !opt_refs_only(&top->exprs[0], 1, &fs)) return NULL;
        BoundExpr *eq = mem_new(oc->ctx, BoundExpr);
        *eq = *sq->args[1];
        eq->args = mem_new_array(oc->ctx, BoundExpr *, 2);
        eq->args[0] = sq->args[0];
        eq->args[1] = top->exprs[0];
        opt_list_add(oc, &on, eq);
    }
    return opt_new_join(oc, neg ? JOIN_ANTI : JOIN_SEMI, input, opt_wrap(oc, from, &local), &on);
}

/* ---- scalar aggregate subqueries ------------------------------------------------ */

/* Can evaluating e over any row raise an error? Only forms that cannot are
 * accepted (see the header). */
static bool cannot_raise(const BoundExpr *e)
{
    if (!e) return true;
    switch (e->kind) {
    case BE_CONST:
    case BE_COLUMN:
    case BE_PARAM: return true;
    case BE_AND:
    case BE_OR:
    case BE_NOT:
    case BE_NULLTEST:
    case BE_BOOLTEST:
    case BE_COALESCE: break;
    case BE_CAST:
        if (e->cmp_cast) break; /* a comparison's date / timestamp operand saturates */
        return false;
    case BE_OP:
        if (e->op >= BOP_EQ && e->op <= BOP_GE) break;
        if (e->op == BOP_IS_DISTINCT || e->op == BOP_IS_NOT_DISTINCT) break;
        if ((e->op == BOP_ADD || e->op == BOP_SUB || e->op == BOP_MUL) && e->type.id == OM_T_NUMERIC) break;
        return false;
    default: return false;
    }
    for (int i = 0; i < e->nargs; i++)
        if (!cannot_raise(e->args[i])) return false;
    return true;
}

/* Key types whose '=' is exactly the grouping's equality. */
static bool groupable(OmTypeId t)
{
    switch (t) {
    case OM_T_BOOL:
    case OM_T_INT2:
    case OM_T_INT4:
    case OM_T_INT8:
    case OM_T_NUMERIC:
    case OM_T_TEXT:
    case OM_T_VARCHAR:
    case OM_T_DATE:
    case OM_T_TIMESTAMP:
    case OM_T_TIMESTAMPTZ:
    case OM_T_UUID: return true;
    default: return false;
    }
}

/* The first scalar subquery in e, outside nested subqueries. */
static BoundExpr **find_scalar(BoundExpr **e)
{
    if (!*e) return NULL;
    if ((*e)->kind == BE_SUBQUERY) return (*e)->sublink == SUBLINK_SCALAR ? e : NULL;
    for (int i = 0; i < (*e)->nargs; i++) {
        BoundExpr **f = find_scalar(&(*e)->args[i]);
        if (f) return f;
    }
    return NULL;
}

/* e with the node at `at` replaced by with (copies along the path). */
static BoundExpr *replace(OCtx *oc, BoundExpr *e, BoundExpr **at, BoundExpr *with, bool *done)
{
    if (*done || !e) return e;
    for (int i = 0; i < e->nargs; i++) {
        if (&e->args[i] == at) {
            BoundExpr *c = mem_new(oc->ctx, BoundExpr);
            *c = *e;
            c->args = mem_new_array(oc->ctx, BoundExpr *, e->nargs);
            memcpy(c->args, e->args, sizeof(BoundExpr *) * (size_t)e->nargs);
            c->args[i] = with;
            *done = true;
            return c;
        }
        BoundExpr *r = replace(oc, e->args[i], at, with, done);
        if (*done) {
            BoundExpr *c = mem_new(oc->ctx, BoundExpr);
            *c = *e;
            c->args = mem_new_array(oc->ctx, BoundExpr *, e->nargs);
            memcpy(c->args, e->args, sizeof(BoundExpr *) * (size_t)e->nargs);
            c->args[i] = r;
            return c;
        }
    }
    return e;
}

/* The subquery's expression over the joined aggregate: a count's column
 * (0 over no rows) read through COALESCE, since an outer row with no group
 * sees NULL there. NULL when an aggregate's empty value is not known. */
static BoundExpr *over_join(OCtx *oc, const BoundExpr *e, const LogicalOp *agg)
{
    if (!e) return NULL;
    BoundExpr *c = mem_new(oc->ctx, BoundExpr);
    *c = *e;
    if (e->kind == BE_SUBQUERY) return NULL;
    if (e->kind == BE_COLUMN && e->binding == agg->agg_binding) {
        const BoundAgg *a = &agg->aggs[e->col];
        const char *nm = a->fn->name;
        if (!strcmp(nm, "count")) {
            BoundExpr *zero = node_make_const(oc->ctx, a->type, false);
            *(int64_t *)zero->cval.data = 0;
            BoundExpr *co = mem_new(oc->ctx, BoundExpr);
            co->kind = BE_COALESCE;
            co->type = a->type;
            co->location = -1;
            co->nargs = 2;
            co->args = mem_new_array(oc->ctx, BoundExpr *, 2);
            co->args[0] = c;
            co->args[1] = zero;
            return co;
        }
        static const char *const null_on_empty[] = {"sum", "avg", "min", "max", "bool_and", "bool_or", "every"};
        for (size_t k = 0; k < sizeof null_on_empty / sizeof *null_on_empty; k++)
            if (!strcmp(nm, null_on_empty[k])) return c;
        return NULL;
    }
    if (e->nargs) {
        c->args = mem_new_array(oc->ctx, BoundExpr *, e->nargs);
        for (int i = 0; i < e->nargs; i++) {
            if (!e->args[i]) continue;
            c->args[i] = over_join(oc, e->args[i], agg);
            if (!c->args[i]) return NULL;
        }
    }
    return c;
}

static bool agg_raises(const BoundExpr *e, void *arg)
{
    (void)arg;
    return !cannot_raise(e);
}

LogicalOp *opt_decorrelate_scalar(OCtx *oc, LogicalOp *input, BoundExpr *c, BoundExpr **rest)
{
    if (reads_keys(input)) return NULL;
    BoundExpr **at = find_scalar(&c);
    if (!at) return NULL;
    BoundExpr *sq = *at;
    LogicalOp *top = sq->subplan;
    if (top->kind != LOP_PROJECT || top->nexprs < 1) return NULL;
    LogicalOp *agg = top->children[0];
    if (agg->kind != LOP_AGGREGATE || agg->nexprs != 0 || agg->naggs == 0 || agg->ngsets > 0) return NULL;
    List conds = {0};
    LogicalOp *from = from_tree(oc, agg->children[0], &conds);
    if (!from) return NULL;
    Set in = opt_out_set(oc, input), fs = opt_out_set(oc, from);
    int nmark;
    bool *mark = mark_of(oc, &in, &nmark);
    if (lop_uses_bindings(from, mark, nmark) || lop_has_volatile(from)) return NULL;
    /* Aggregate arguments and filters: not correlated, cannot raise. */
    if (lop_any_expr(agg, agg_raises, NULL)) return NULL;
    for (int i = 0; i < agg->naggs; i++) {
        for (int k = 0; k < agg->aggs[i].nargs; k++)
            if (expr_uses_bindings(agg->aggs[i].args[k], mark, nmark)) return NULL;
        if (agg->aggs[i].filter && expr_uses_bindings(agg->aggs[i].filter, mark, nmark)) return NULL;
    }
    /* Split the WHERE: inner_k = outer_k equalities correlate; everything
     * else must be the subquery's own. */
    List keys_in = {0}, keys_out = {0}, eqs = {0}, local = {0};
    for (int i = 0; i < conds.n; i++) {
        BoundExpr *e = conds.e[i];
        if (!cannot_raise(e)) return NULL;
        if (!expr_uses_bindings(e, mark, nmark)) {
            opt_list_add(oc, &local, e);
            continue;
        }
        if (e->kind != BE_OP || e->op != BOP_EQ || e->nargs != 2) return NULL;
        int s;
        for (s = 0; s < 2; s++)
            if (opt_expr_only(e->args[s], &fs) && !expr_uses_bindings(e->args[s], mark, nmark) &&
                !opt_expr_only(e->args[1 - s], &fs) && opt_expr_only(e->args[1 - s], &in))
                break;
        if (s == 2) return NULL;
        if (e->args[0]->type.id != e->args[1]->type.id || !groupable(e->args[0]->type.id)) return NULL;
        opt_list_add(oc, &keys_in, e->args[s]);
        opt_list_add(oc, &keys_out, e->args[1 - s]);
        opt_list_add(oc, &eqs, e);
    }
    if (keys_in.n == 0) return NULL;
    /* The value, over the join's columns. */
    BoundExpr *val = over_join(oc, top->exprs[0], agg);
    if (!val) return NULL;

    /* The aggregate, grouped by the inner keys, over the local conditions. */
    LogicalOp *g = mem_new(oc->ctx, LogicalOp);
    *g = *agg;
    g->children = mem_new_array(oc->ctx, LogicalOp *, 1);
    g->children[0] = opt_wrap(oc, from, &local);
    g->nexprs = keys_in.n;
    g->exprs = keys_in.e;
    g->est_rows = 0;
    List on = {0};
    for (int i = 0; i < eqs.n; i++) {
        BoundExpr *eq = mem_new(oc->ctx, BoundExpr);
        *eq = *eqs.e[i];
        eq->args = mem_new_array(oc->ctx, BoundExpr *, 2);
        eq->args[0] = keys_out.e[i];
        BoundExpr *ref = mem_new(oc->ctx, BoundExpr);
        ref->kind = BE_COLUMN;
        ref->type = keys_in.e[i]->type;
        ref->location = -1;
        ref->binding = g->binding;
        ref->col = i;
        eq->args[1] = ref;
        opt_list_add(oc, &on, eq);
    }
    bool done = false;
    *rest = at == &c ? val : replace(oc, c, at, val, &done);
    return opt_new_join(oc, JOIN_LEFT, input, g, &on);
}
