/*
 * lateral.c — lateral joins that are ordinary joins in disguise (opt_int.h).
 *
 * A LATERAL subquery that is a plain SELECT cols FROM ... WHERE ... (no
 * aggregate, DISTINCT, ORDER BY, LIMIT or set-returning function), whose
 * select list is columns and constants and whose FROM tree does not see the
 * left side, reads the left side only in WHERE conjuncts. Such a join is
 * the join of the left side with the subquery's FROM tree on those
 * conjuncts (PostgreSQL pulls these subqueries up the same way): the
 * subquery's own conjuncts filter its FROM tree first, the correlated ones
 * (plain, subquery-free, over the two sides only) become the join's
 * condition, beside its ON. The select list is computed below the join over
 * every row the own conjuncts keep, which is why it must be unable to fail;
 * the columns the correlated conjuncts read from the FROM tree are added to
 * the projection as hidden outputs, so the condition can see them above it.
 * Everything else keeps the per-row dependent nested loop.
 */
#include <string.h>

#include "opt_int.h"

/* A membership array for the bindings of s. */
static bool *marks(OCtx *oc, const Set *s, int *n)
{
    int maxb = 0;
    for (int i = 0; i < s->n; i++) maxb = s->b[i] + 1 > maxb ? s->b[i] + 1 : maxb;
    bool *m = mem_new_array(oc->ctx, bool, maxb > 0 ? maxb : 1);
    for (int i = 0; i < s->n; i++) m[s->b[i]] = true;
    *n = maxb;
    return m;
}

typedef struct Hoist {
    OCtx *oc;
    const Set *from;   /* bindings of the FROM tree */
    LogicalOp *proj;   /* gets the hidden outputs */
    int first;         /* its first hidden output */
} Hoist;

/* e with every column of the FROM tree replaced by a hidden output of the
 * projection (added once per column). */
static BoundExpr *hoist(Hoist *h, const BoundExpr *e)
{
    BoundExpr *c = mem_new(h->oc->ctx, BoundExpr);
    *c = *e;
    if (e->kind == BE_COLUMN && e->binding >= 0 && opt_set_has(h->from, e->binding)) {
        LogicalOp *p = h->proj;
        int at = -1;
        for (int i = h->first; i < p->nexprs && at < 0; i++)
            if (p->exprs[i]->binding == e->binding && p->exprs[i]->col == e->col) at = i;
        if (at < 0) {
            BoundExpr **ne = mem_new_array(h->oc->ctx, BoundExpr *, p->nexprs + 1);
            memcpy(ne, p->exprs, sizeof(BoundExpr *) * (size_t)p->nexprs);
            ne[p->nexprs] = (BoundExpr *)e;
            p->exprs = ne;
            at = p->nexprs++;
        }
        c->binding = p->binding;
        c->col = at;
        return c;
    }
    if (e->nargs) {
        c->args = mem_new_array(h->oc->ctx, BoundExpr *, e->nargs);
        for (int i = 0; i < e->nargs; i++) c->args[i] = e->args[i] ? hoist(h, e->args[i]) : NULL;
    }
    return c;
}

LogicalOp *opt_decorrelate_lateral(OCtx *oc, LogicalOp *op)
{
    if (op->kind != LOP_JOIN || !op->lateral) return NULL;
    if (op->join_type != JOIN_INNER && op->join_type != JOIN_LEFT) return NULL;
    LogicalOp *proj = op->children[1];
    if (proj->kind != LOP_PROJECT) return NULL;
    List conds = {0};
    LogicalOp *from = proj->children[0];
    while (from->kind == LOP_FILTER) {
        for (int i = 0; i < from->nconds; i++) opt_list_add(oc, &conds, from->conds[i]);
        from = from->children[0];
    }
    if (from->kind != LOP_GET && from->kind != LOP_JOIN) return NULL;
    Set ls = opt_out_set(oc, op->children[0]);
    int nmark;
    bool *mark = marks(oc, &ls, &nmark);
    if (lop_uses_bindings(from, mark, nmark)) return NULL;
    /* Columns and constants only: computed below the join, they cannot fail. */
    for (int i = 0; i < proj->nexprs; i++) {
        const BoundExpr *e = proj->exprs[i];
        if (e->kind != BE_COLUMN && e->kind != BE_CONST) return NULL;
        if (expr_uses_bindings(e, mark, nmark)) return NULL;
    }
    Set fs = opt_out_set(oc, from);
    Set both = opt_set_union(oc, &ls, &fs);
    List corr = {0}, local = {0};
    for (int i = 0; i < conds.n; i++) {
        BoundExpr *c = conds.e[i];
        if (!expr_uses_bindings(c, mark, nmark)) {
            opt_list_add(oc, &local, c);
            continue;
        }
        if (!opt_movable(c) || !opt_refs_only(&c, 1, &both)) return NULL;
        opt_list_add(oc, &corr, c);
    }
    /* Rebuild: Project (with hidden outputs) over the filtered FROM tree. */
    LogicalOp *np = mem_new(oc->ctx, LogicalOp);
    *np = *proj;
    np->children = mem_new_array(oc->ctx, LogicalOp *, 1);
    np->children[0] = opt_wrap(oc, from, &local);
    Hoist h = {oc, &fs, np, np->nexprs};
    List on = {0};
    for (int i = 0; i < corr.n; i++) opt_list_add(oc, &on, hoist(&h, corr.e[i]));
    for (int i = 0; i < op->nconds; i++) opt_list_add(oc, &on, op->conds[i]);
    LogicalOp *j = opt_new_join(oc, op->join_type, op->children[0], np, &on);
    return j;
}
