/*
 * pushdown.c — predicate pushdown and inner-join ordering (optimizer.h).
 *
 * Conditions travel down as a list of conjuncts. A conjunct may go below
 * an operator only if every column it uses that the operator's subtree
 * produces comes from the side it goes to (columns of enclosing queries are
 * constants here). Inner joins take the conditions that span both sides;
 * an outer join keeps the conditions that touch its NULL-extended side
 * above it (WHERE) or in it (ON); anything that cannot go further is put
 * back as a Filter where it stopped. Volatile conditions stay where they
 * were written.
 */
#include <string.h>

#include "../functions/functions.h"
#include "opt_int.h"

/* The conjuncts of e (e itself unless an AND). */
void opt_conjuncts(OCtx *oc, BoundExpr *e, List *out)
{
    if (e->kind == BE_AND) {
        for (int i = 0; i < e->nargs; i++) opt_conjuncts(oc, e->args[i], out);
        return;
    }
    if (out->n == out->cap) {
        int nc = out->cap ? out->cap * 2 : 8;
        out->e = mem_realloc(oc->ctx, out->e, sizeof(BoundExpr *) * (size_t)out->cap, sizeof(BoundExpr *) * (size_t)nc);
        out->cap = nc;
    }
    out->e[out->n++] = e;
}

static bool in_list(const List *l, const BoundExpr *e)
{
    for (int i = 0; i < l->n; i++)
        if (node_expr_equal(l->e[i], e)) return true;
    return false;
}

/* (A AND B) OR (A AND C) is A AND (B OR C) (also under three-valued logic):
 * the conjuncts every branch of an OR has are pulled out, so they can
 * become join keys or scan filters (TPC-H q19's p_partkey = l_partkey).
 * Returns false when nothing is common. */
static bool factor_or(OCtx *oc, List *l, BoundExpr *e)
{
    List *br = mem_new_array(oc->ctx, List, e->nargs);
    for (int i = 0; i < e->nargs; i++) opt_conjuncts(oc, e->args[i], &br[i]);
    List common = {0};
    for (int k = 0; k < br[0].n; k++) {
        bool all = true;
        for (int i = 1; i < e->nargs && all; i++) all = in_list(&br[i], br[0].e[k]);
        if (all && !in_list(&common, br[0].e[k])) opt_conjuncts(oc, br[0].e[k], &common);
    }
    if (common.n == 0) return false;
    BoundExpr *rest = mem_new(oc->ctx, BoundExpr);
    *rest = *e;
    rest->args = mem_new_array(oc->ctx, BoundExpr *, e->nargs);
    bool some_empty = false;
    for (int i = 0; i < e->nargs; i++) {
        List left = {0};
        for (int k = 0; k < br[i].n; k++)
            if (!in_list(&common, br[i].e[k])) opt_conjuncts(oc, br[i].e[k], &left);
        if (left.n == 0) {
            some_empty = true; /* that branch is just the common part: the OR adds nothing */
            break;
        }
        if (left.n == 1) {
            rest->args[i] = left.e[0];
        } else {
            BoundExpr *a = mem_new(oc->ctx, BoundExpr);
            a->kind = BE_AND;
            a->type = e->type;
            a->location = -1;
            a->nargs = left.n;
            a->args = left.e;
            rest->args[i] = a;
        }
    }
    for (int k = 0; k < common.n; k++) opt_list_add(oc, l, common.e[k]);
    if (!some_empty) opt_list_add(oc, l, rest);
    return true;
}

void opt_list_add(OCtx *oc, List *l, BoundExpr *e)
{
    if (e->kind == BE_AND) {
        for (int i = 0; i < e->nargs; i++) opt_list_add(oc, l, e->args[i]);
        return;
    }
    if (e->kind == BE_OR && e->nargs >= 2 && !e->eager && factor_or(oc, l, e)) return;
    if (l->n == l->cap) {
        int nc = l->cap ? l->cap * 2 : 8;
        l->e = mem_realloc(oc->ctx, l->e, sizeof(BoundExpr *) * (size_t)l->cap, sizeof(BoundExpr *) * (size_t)nc);
        l->cap = nc;
    }
    l->e[l->n++] = e;
}

bool opt_set_has(const Set *s, int b)
{
    for (int i = 0; i < s->n; i++)
        if (s->b[i] == b) return true;
    return false;
}

/* The bindings an operator's output carries. */
Set opt_out_set(OCtx *oc, const LogicalOp *op)
{
    ColBinding *cb;
    OmType *ts;
    int n = lop_outputs(oc->ctx, op, &cb, &ts);
    Set s = {0, mem_new_array(oc->ctx, int, n > 0 ? n : 1)};
    for (int i = 0; i < n; i++)
        if (!opt_set_has(&s, cb[i].binding)) s.b[s.n++] = cb[i].binding;
    return s;
}

/* Does e use only columns of side among those of all? */
bool opt_within(const BoundExpr *e, const Set *all, const Set *side)
{
    if (!e) return true;
    if (e->kind == BE_COLUMN && e->binding >= 0 && opt_set_has(all, e->binding) && !opt_set_has(side, e->binding)) return false;
    for (int i = 0; i < e->nargs; i++)
        if (!opt_within(e->args[i], all, side)) return false;
    return true;
}

bool opt_movable(const BoundExpr *e)
{
    if (!e) return true;
    if (e->kind == BE_SUBQUERY) return false;
    if (e->kind == BE_FUNC && e->fn && (e->fn->flags & FN_VOLATILE)) return false;
    for (int i = 0; i < e->nargs; i++)
        if (!opt_movable(e->args[i])) return false;
    return true;
}

LogicalOp *opt_wrap(OCtx *oc, LogicalOp *op, List *l)
{
    if (l->n == 0) return op;
    LogicalOp *f = mem_new(oc->ctx, LogicalOp);
    f->kind = LOP_FILTER;
    f->nchildren = 1;
    f->children = mem_new_array(oc->ctx, LogicalOp *, 1);
    f->children[0] = op;
    f->binding = f->agg_binding = -1;
    f->nconds = l->n;
    f->conds = l->e;
    return f;
}

LogicalOp *opt_new_join(OCtx *oc, JoinType jt, LogicalOp *l, LogicalOp *r, List *conds)
{
    LogicalOp *j = mem_new(oc->ctx, LogicalOp);
    j->kind = LOP_JOIN;
    j->join_type = jt;
    j->binding = j->agg_binding = -1;
    j->nchildren = 2;
    j->children = mem_new_array(oc->ctx, LogicalOp *, 2);
    j->children[0] = l;
    j->children[1] = r;
    j->nconds = conds->n;
    j->conds = conds->e;
    return j;
}

static LogicalOp *push(OCtx *oc, LogicalOp *op, List *pending);

/* Does every column e uses (binding >= 0) belong to s? */
bool opt_expr_only(const BoundExpr *e, const Set *s)
{
    if (!e) return true;
    if (e->kind == BE_SUBQUERY) return false;
    if (e->kind == BE_COLUMN && e->binding >= 0 && !opt_set_has(s, e->binding)) return false;
    for (int i = 0; i < e->nargs; i++)
        if (!opt_expr_only(e->args[i], s)) return false;
    return true;
}

bool opt_refs_only(BoundExpr **es, int n, const Set *s)
{
    for (int i = 0; i < n; i++)
        if (!opt_expr_only(es[i], s)) return false;
    return true;
}

/* ---- inner join clusters ---------------------------------------------------- */

/* A lateral join is not part of the cluster: its right side depends on its
 * left one, so it stays one leaf with its sides in place. */
static bool inner(const LogicalOp *op) { return op->kind == LOP_JOIN && op->join_type == JOIN_INNER && !op->lateral; }

static void flatten(OCtx *oc, LogicalOp *op, LogicalOp ***leaves, int *n, int *cap, List *conds)
{
    if (inner(op)) {
        for (int i = 0; i < op->nconds; i++) opt_list_add(oc, conds, op->conds[i]);
        flatten(oc, op->children[0], leaves, n, cap, conds);
        flatten(oc, op->children[1], leaves, n, cap, conds);
        return;
    }
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 8;
        *leaves = mem_realloc(oc->ctx, *leaves, sizeof(LogicalOp *) * (size_t)*cap, sizeof(LogicalOp *) * (size_t)nc);
        *cap = nc;
    }
    (*leaves)[(*n)++] = op;
}

/* Is there a condition joining leaf (set ls) to the relations in cur? */
static bool connects(const List *conds, const Set *all, const Set *cur, const Set *ls)
{
    for (int i = 0; i < conds->n; i++) {
        const BoundExpr *c = conds->e[i];
        if (c->kind != BE_OP || c->op != BOP_EQ || c->nargs != 2) continue;
        for (int s = 0; s < 2; s++)
            if (opt_within(c->args[s], all, cur) && !opt_within(c->args[s], all, ls) && opt_within(c->args[1 - s], all, ls) &&
                !opt_within(c->args[1 - s], all, cur))
                return true;
    }
    return false;
}

Set opt_set_union(OCtx *oc, const Set *a, const Set *b)
{
    Set s = {0, mem_new_array(oc->ctx, int, a->n + b->n + 1)};
    for (int i = 0; i < a->n; i++) s.b[s.n++] = a->b[i];
    for (int i = 0; i < b->n; i++)
        if (!opt_set_has(&s, b->b[i])) s.b[s.n++] = b->b[i];
    return s;
}

/* The order to join an inner-join cluster's relations in, left-deep.
 * Up to JOIN_DP_MAX relations: the order of least cost over every subset
 * (dynamic programming, as PostgreSQL's standard join search), the cost of
 * a plan being the rows of every join it makes plus the rows of each hash
 * table it builds (the smaller side), from the cardinality estimates. A
 * relation joins the ones before it by a condition whenever some relation
 * can (cross products only where nothing connects). Beyond that size, the
 * FROM order with each next relation the first one a condition connects. */
#define JOIN_DP_MAX 10

static int *join_order(OCtx *oc, LogicalOp **rels, const Set *ls, int n, const Set *all, const List *conds)
{
    int *order = mem_new_array(oc->ctx, int, n);
    if (n <= JOIN_DP_MAX) {
        int maxb = 0;
        for (int k = 0; k < n; k++)
            for (int i = 0; i < ls[k].n; i++)
                if (ls[k].b[i] >= maxb) maxb = ls[k].b[i] + 1;
        bool **bset = mem_new_array(oc->ctx, bool *, n);
        for (int k = 0; k < n; k++) {
            bset[k] = mem_new_array(oc->ctx, bool, maxb + 1);
            for (int i = 0; i < ls[k].n; i++) bset[k][ls[k].b[i]] = true;
        }
        double *rows = mem_new_array(oc->ctx, double, n);
        for (int k = 0; k < n; k++) rows[k] = opt_est_rows(rels[k]);
        unsigned *cmask = mem_new_array(oc->ctx, unsigned, conds->n + 1);
        double *csel = mem_new_array(oc->ctx, double, conds->n + 1);
        for (int i = 0; i < conds->n; i++) {
            int first = -1, second = -1, cnt = 0;
            for (int k = 0; k < n; k++)
                if (expr_uses_bindings(conds->e[i], bset[k], maxb + 1)) {
                    cmask[i] |= 1u << k;
                    if (cnt == 0) first = k;
                    else if (cnt == 1) second = k;
                    cnt++;
                }
            csel[i] = cnt == 2 ? opt_join_cond_sel(rels[first], rows[first], rels[second], rows[second], conds->e[i])
                               : 1.0 / 3.0;
        }
        unsigned full = (1u << n) - 1;
        double *srows = mem_new_array(oc->ctx, double, (size_t)full + 1);
        double *cost = mem_new_array(oc->ctx, double, (size_t)full + 1);
        signed char *last = mem_new_array(oc->ctx, signed char, (size_t)full + 1);
        for (unsigned S = 1; S <= full; S++) {
            double r = 1;
            for (int k = 0; k < n; k++)
                if (S >> k & 1) r *= rows[k];
            for (int i = 0; i < conds->n; i++)
                if (cmask[i] && (cmask[i] & ~S) == 0 && (cmask[i] & (cmask[i] - 1))) r *= csel[i];
            srows[S] = r < 1 ? 1 : r;
            if ((S & (S - 1)) == 0) {
                cost[S] = 0;
                for (int k = 0; k < n; k++)
                    if (S == 1u << k) last[S] = (signed char)k;
                continue;
            }
            /* Is some split of S connected by a condition? */
            bool any_connected = false;
            for (int k = 0; k < n && !any_connected; k++) {
                if (!(S >> k & 1)) continue;
                unsigned rest = S & ~(1u << k);
                for (int i = 0; i < conds->n && !any_connected; i++)
                    any_connected = (cmask[i] & ~S) == 0 && (cmask[i] >> k & 1) && (cmask[i] & rest);
            }
            cost[S] = -1;
            /* From the last relation down, so that on equal costs the FROM order wins. */
            for (int k = n - 1; k >= 0; k--) {
                if (!(S >> k & 1)) continue;
                unsigned rest = S & ~(1u << k);
                if (any_connected) {
                    bool conn = false;
                    for (int i = 0; i < conds->n && !conn; i++)
                        conn = (cmask[i] & ~S) == 0 && (cmask[i] >> k & 1) && (cmask[i] & rest);
                    if (!conn) continue;
                }
                double build = srows[rest] < rows[k] ? srows[rest] : rows[k];
                double c = cost[rest] + srows[S] + build;
                if (cost[S] < 0 || c < cost[S]) {
                    cost[S] = c;
                    last[S] = (signed char)k;
                }
            }
        }
        unsigned S = full;
        for (int pos = n - 1; pos >= 0; pos--) {
            order[pos] = last[S];
            S &= ~(1u << last[S]);
        }
        return order;
    }
    bool *used = mem_new_array(oc->ctx, bool, n);
    order[0] = 0;
    used[0] = true;
    Set cur = ls[0];
    for (int k = 1; k < n; k++) {
        int pick = -1;
        for (int i = 0; i < n && pick < 0; i++)
            if (!used[i] && connects(conds, all, &cur, &ls[i])) pick = i;
        for (int i = 0; i < n && pick < 0; i++)
            if (!used[i]) pick = i;
        used[pick] = true;
        order[k] = pick;
        cur = opt_set_union(oc, &cur, &ls[pick]);
    }
    return order;
}

static LogicalOp *push_inner(OCtx *oc, LogicalOp *op, List *pending)
{
    LogicalOp **leaves = NULL;
    int nl = 0, cap = 0;
    List conds = {0};
    for (int i = 0; i < pending->n; i++) opt_list_add(oc, &conds, pending->e[i]);
    flatten(oc, op, &leaves, &nl, &cap, &conds);
    Set all = opt_out_set(oc, op);
    Set *ls = mem_new_array(oc->ctx, Set, nl);
    for (int i = 0; i < nl; i++) ls[i] = opt_out_set(oc, leaves[i]);
    /* Conditions of one leaf filter it wherever it lands; push them first,
     * so the order can be chosen on the filtered leaves' estimates. */
    List *own = mem_new_array(oc->ctx, List, nl);
    List multi = {0}, keep = {0};
    for (int i = 0; i < conds.n; i++) {
        BoundExpr *c = conds.e[i];
        if (!opt_movable(c)) {
            opt_list_add(oc, &keep, c);
            continue;
        }
        int placed = -1;
        for (int k = 0; k < nl && placed < 0; k++)
            if (opt_within(c, &all, &ls[k])) placed = k;
        if (placed >= 0) opt_list_add(oc, &own[placed], c);
        else opt_list_add(oc, &multi, c);
    }
    LogicalOp **pushed = mem_new_array(oc->ctx, LogicalOp *, nl);
    for (int k = 0; k < nl; k++) pushed[k] = push(oc, leaves[k], &own[k]);
    int *order = join_order(oc, pushed, ls, nl, &all, &multi);
    /* Each multi-relation condition goes to the lowest join that has its columns. */
    List *join_conds = mem_new_array(oc->ctx, List, nl);
    Set *prefix = mem_new_array(oc->ctx, Set, nl);
    prefix[0] = ls[order[0]];
    for (int k = 1; k < nl; k++) prefix[k] = opt_set_union(oc, &prefix[k - 1], &ls[order[k]]);
    for (int i = 0; i < multi.n; i++) {
        BoundExpr *c = multi.e[i];
        int at = nl - 1;
        for (int k = 1; k < nl; k++)
            if (opt_within(c, &all, &prefix[k])) {
                at = k;
                break;
            }
        opt_list_add(oc, &join_conds[at], c);
    }
    LogicalOp *t = pushed[order[0]];
    for (int k = 1; k < nl; k++) t = opt_new_join(oc, JOIN_INNER, t, pushed[order[k]], &join_conds[k]);
    return opt_wrap(oc, t, &keep);
}

/* ---- the walk --------------------------------------------------------------------- */

static LogicalOp *push_outer(OCtx *oc, LogicalOp *op, List *pending)
{
    /* LEFT: the right side is NULL-extended; RIGHT: the left. */
    JoinType jt = op->join_type;
    int keep_side = jt == JOIN_LEFT ? 0 : 1; /* the preserved side */
    Set all = opt_out_set(oc, op);
    Set pres = opt_out_set(oc, op->children[keep_side]);
    Set nul = opt_out_set(oc, op->children[1 - keep_side]);
    List down_pres = {0}, down_nul = {0}, above = {0}, on = {0};
    for (int i = 0; i < pending->n; i++) {
        BoundExpr *c = pending->e[i];
        if (jt != JOIN_FULL && opt_movable(c) && opt_within(c, &all, &pres)) opt_list_add(oc, &down_pres, c);
        else opt_list_add(oc, &above, c);
    }
    for (int i = 0; i < op->nconds; i++) {
        BoundExpr *c = op->conds[i];
        /* An ON condition on the NULL-extended side alone filters that side. */
        if (jt != JOIN_FULL && opt_movable(c) && opt_within(c, &all, &nul)) opt_list_add(oc, &down_nul, c);
        else opt_list_add(oc, &on, c);
    }
    op->nconds = on.n;
    op->conds = on.e;
    op->children[keep_side] = push(oc, op->children[keep_side], &down_pres);
    op->children[1 - keep_side] = push(oc, op->children[1 - keep_side], &down_nul);
    return opt_wrap(oc, op, &above);
}

static LogicalOp *push_semi(OCtx *oc, LogicalOp *op, List *pending)
{
    Set all = opt_out_set(oc, op);
    Set left = opt_out_set(oc, op->children[0]);
    Set right = opt_out_set(oc, op->children[1]);
    Set both = opt_set_union(oc, &left, &right);
    List down_l = {0}, down_r = {0}, above = {0}, on = {0};
    for (int i = 0; i < pending->n; i++) {
        BoundExpr *c = pending->e[i];
        if (opt_movable(c) && opt_within(c, &all, &left)) opt_list_add(oc, &down_l, c);
        else opt_list_add(oc, &above, c);
    }
    for (int i = 0; i < op->nconds; i++) {
        BoundExpr *c = op->conds[i];
        if (opt_movable(c) && opt_within(c, &both, &right)) opt_list_add(oc, &down_r, c);
        else opt_list_add(oc, &on, c);
    }
    op->nconds = on.n;
    op->conds = on.e;
    op->children[0] = push(oc, op->children[0], &down_l);
    op->children[1] = push(oc, op->children[1], &down_r);
    return opt_wrap(oc, op, &above);
}

/* A lateral join (INNER or LEFT): its right side runs per left row, so the
 * sides keep their order. Conditions from above on the left side alone go
 * down into it; the rest stay above, and the join keeps its own ON. */
static LogicalOp *push_lateral(OCtx *oc, LogicalOp *op, List *pending)
{
    LogicalOp *plain = opt_decorrelate_lateral(oc, op);
    if (plain) return push(oc, plain, pending);
    Set all = opt_out_set(oc, op);
    Set left = opt_out_set(oc, op->children[0]);
    List down = {0}, above = {0}, none = {0};
    for (int i = 0; i < pending->n; i++) {
        BoundExpr *c = pending->e[i];
        if (opt_movable(c) && opt_within(c, &all, &left)) opt_list_add(oc, &down, c);
        else opt_list_add(oc, &above, c);
    }
    op->children[0] = push(oc, op->children[0], &down);
    op->children[1] = push(oc, op->children[1], &none);
    return opt_wrap(oc, op, &above);
}

static LogicalOp *push(OCtx *oc, LogicalOp *op, List *pending)
{
    switch (op->kind) {
    case LOP_FILTER: {
        List l = {0};
        for (int i = 0; i < pending->n; i++) opt_list_add(oc, &l, pending->e[i]);
        for (int i = 0; i < op->nconds; i++) opt_list_add(oc, &l, op->conds[i]);
        /* Subqueries that can be joins become joins first. */
        LogicalOp *child = op->children[0];
        List rest = {0};
        for (int i = 0; i < l.n; i++) {
            LogicalOp *j = opt_decorrelate_semi(oc, child, l.e[i]);
            if (j) {
                child = j;
                continue;
            }
            /* A conjunct may hold several scalar subqueries: one join each. */
            BoundExpr *c = l.e[i], *r;
            while ((j = opt_decorrelate_scalar(oc, child, c, &r))) {
                child = j;
                c = r;
            }
            opt_list_add(oc, &rest, c);
        }
        return push(oc, child, &rest);
    }
    case LOP_JOIN:
        if (op->lateral) return push_lateral(oc, op, pending);
        if (op->join_type == JOIN_INNER) return push_inner(oc, op, pending);
        if (op->join_type == JOIN_LEFT || op->join_type == JOIN_RIGHT || op->join_type == JOIN_FULL)
            return push_outer(oc, op, pending);
        if (op->join_type == JOIN_SEMI || op->join_type == JOIN_ANTI) return push_semi(oc, op, pending);
        break;
    default:
        break;
    }
    for (int i = 0; i < op->nchildren; i++) {
        List none = {0};
        op->children[i] = push(oc, op->children[i], &none);
    }
    return opt_wrap(oc, op, pending);
}

int opt_optimize(MemCtx *ctx, LogicalOp **root, OmError *err)
{
    OCtx oc = {ctx, err};
    List none = {0};
    if (opt_fold(&oc, root) < 0) return -1;
    *root = push(&oc, *root, &none);
    return 0;
}
