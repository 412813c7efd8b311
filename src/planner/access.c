/*
 * access.c — primary-key access paths for a Scan under a Filter: which
 * keys or key range of the table can hold the rows the filter keeps.
 *
 *   pk = c                    one key (lookup)
 *   pk IN (c1, c2, ...)       those keys (keyset)
 *   k1 = c1 AND ... AND kj op c   (op: = < <= > >=, BETWEEN as two) the
 *                             range of the composite key's leading columns
 *
 * Only an optimisation: the Filter above still checks every condition, so
 * a path must only never miss a row. Constants must have the key column's
 * type (any integer width for integer keys: keys encode every integer in
 * eight bytes) and the column's byte order must be its SQL order (ranges:
 * integers, text in the C collation, date, timestamp[tz]).
 * plan_order_from_scan tells when an ORDER BY over the primary key needs
 * no sort: the scan delivers that order.
 */
#include "planner_int.h"

static bool int_type(OmTypeId t) { return t == OM_T_INT2 || t == OM_T_INT4 || t == OM_T_INT8; }

static bool eq_ok(OmTypeId ct)
{
    return !(ct == OM_T_BPCHAR || ct == OM_T_INTERVAL || ct == OM_T_TIMETZ || ct == OM_T_FLOAT4 ||
             ct == OM_T_FLOAT8 || ct == OM_T_NUMERIC || ct == OM_T_JSON || type_is_array(ct));
}

static bool range_ok(OmTypeId ct)
{
    return int_type(ct) || ct == OM_T_TEXT || ct == OM_T_VARCHAR || ct == OM_T_DATE || ct == OM_T_TIMESTAMP ||
           ct == OM_T_TIMESTAMPTZ;
}

static bool const_for(const BoundExpr *k, OmTypeId ct)
{
    return k->kind == BE_CONST && !k->is_null && (k->type.id == ct || (int_type(k->type.id) && int_type(ct)));
}

/* c as `column col of the Get op constant`: the operator with the column
 * on the left (flipped if needed), or -1. */
static int col_cmp(const BoundExpr *c, const LogicalOp *get, int col, OmTypeId ct, const BoundExpr **k)
{
    if (c->kind != BE_OP || c->nargs != 2 || c->op < BOP_EQ || c->op > BOP_GE || c->op == BOP_NE) return -1;
    for (int s = 0; s < 2; s++) {
        const BoundExpr *a = c->args[s], *b = c->args[1 - s];
        if (a->kind != BE_COLUMN || a->binding != get->binding || a->col != col || !const_for(b, ct)) continue;
        *k = b;
        if (s == 0) return (int)c->op;
        switch (c->op) { /* c op col is col op' c */
        case BOP_LT: return BOP_GT;
        case BOP_LE: return BOP_GE;
        case BOP_GT: return BOP_LT;
        case BOP_GE: return BOP_LE;
        default: return (int)c->op;
        }
    }
    return -1;
}

/* pk IN (c1, ...): an eager OR of pk = ci. */
static bool keyset_of(MemCtx *ctx, const BoundExpr *c, const LogicalOp *get, int col, OmTypeId ct, PhysNode *scan)
{
    if (c->kind != BE_OR || c->nargs < 2) return false;
    BoundExpr **ks = mem_new_array(ctx, BoundExpr *, c->nargs);
    for (int i = 0; i < c->nargs; i++) {
        const BoundExpr *k;
        if (col_cmp(c->args[i], get, col, ct, &k) != BOP_EQ) return false;
        ks[i] = (BoundExpr *)k;
    }
    scan->nkeyset = c->nargs;
    scan->keyset = ks;
    return true;
}

int plan_pk_access(MemCtx *ctx, const LogicalOp *get, const LogicalOp *filter, PhysNode *scan)
{
    const CatTable *t = get->table;
    if (get->kind != LOP_GET || !t || t->desc.npk < 1) return -1;
    int npk = t->desc.npk;
    for (int j = 0; j < npk; j++)
        if (t->desc.key_kinds && t->desc.key_kinds[t->desc.pk_cols[j]] != STOR_KEY_BYTES) return -1;
    BoundExpr **eq = mem_new_array(ctx, BoundExpr *, npk);
    int neq = 0;
    /* Leading key columns fixed to constants. */
    for (; neq < npk; neq++) {
        int col = t->desc.pk_cols[neq];
        OmTypeId ct = t->cols[col].type.id;
        if (!eq_ok(ct)) break;
        const BoundExpr *k = NULL;
        for (int i = 0; i < filter->nconds && !k; i++)
            if (col_cmp(filter->conds[i], get, col, ct, &k) != BOP_EQ) k = NULL;
        if (!k) break;
        eq[neq] = (BoundExpr *)k;
    }
    if (npk == 1 && neq == 1) {
        scan->lookup = eq[0];
        scan->est_rows = 1;
        return -1;
    }
    if (npk == 1 && neq == 0) {
        int col = t->desc.pk_cols[0];
        OmTypeId ct = t->cols[col].type.id;
        for (int i = 0; eq_ok(ct) && i < filter->nconds; i++)
            if (keyset_of(ctx, filter->conds[i], get, col, ct, scan)) {
                /* Exactly the rows of those keys: the condition is done. */
                scan->est_rows = scan->nkeyset;
                return i;
            }
    }
    /* Bounds on the next key column. */
    const BoundExpr *lo = NULL, *hi = NULL;
    bool lo_incl = false, hi_incl = false;
    if (neq < npk) {
        int col = t->desc.pk_cols[neq];
        OmTypeId ct = t->cols[col].type.id;
        for (int i = 0; range_ok(ct) && i < filter->nconds; i++) {
            const BoundExpr *k;
            int op = col_cmp(filter->conds[i], get, col, ct, &k);
            /* One bound of each side is enough to be exact: the first
             * found is used, the Filter applies the others. */
            if ((op == BOP_GT || op == BOP_GE) && !lo) {
                lo = k;
                lo_incl = op == BOP_GE;
            } else if ((op == BOP_LT || op == BOP_LE) && !hi) {
                hi = k;
                hi_incl = op == BOP_LE;
            }
        }
    }
    if (neq == 0 && !lo && !hi) return -1;
    scan->range = true;
    scan->nrange_eq = neq;
    scan->range_eq = eq;
    scan->range_lo = (BoundExpr *)lo;
    scan->range_hi = (BoundExpr *)hi;
    scan->range_lo_incl = lo_incl;
    scan->range_hi_incl = hi_incl;
    double r = get->est_rows > 0 ? get->est_rows : 1000;
    for (int i = 0; i < neq; i++) r /= 10;
    if (lo) r /= 3;
    if (hi) r /= 3;
    scan->est_rows = r < 1 ? 1 : r;
    return -1;
}

/* The Get under a chain of Filters, or NULL. */
static const LogicalOp *get_below(const LogicalOp *op)
{
    while (op->kind == LOP_FILTER) op = op->children[0];
    return op->kind == LOP_GET ? op : NULL;
}

bool plan_order_from_scan(const LogicalOp *order)
{
    const LogicalOp *in = order->children[0];
    const LogicalOp *proj = in->kind == LOP_PROJECT ? in : NULL;
    const LogicalOp *get = get_below(proj ? proj->children[0] : in);
    if (!get || !get->table || get->table->desc.npk < 1 || get->want_keys) return false;
    const CatTable *t = get->table;
    if (order->nkeys > t->desc.npk) return false;
    for (int i = 0; i < order->nkeys; i++) {
        const BoundExpr *e = order->keys[i].expr;
        if (order->keys[i].desc || e->kind != BE_COLUMN) return false;
        if (proj && e->binding == proj->binding) e = proj->exprs[e->col];
        if (e->kind != BE_COLUMN || e->binding != get->binding || e->col != t->desc.pk_cols[i]) return false;
        int col = t->desc.pk_cols[i];
        /* The key's byte order is the column's SQL order only for these. */
        if (!range_ok(t->cols[col].type.id) && t->cols[col].type.id != OM_T_BOOL && t->cols[col].type.id != OM_T_UUID)
            return false;
        if (t->desc.key_kinds && t->desc.key_kinds[col] != STOR_KEY_BYTES) return false;
    }
    return true;
}
