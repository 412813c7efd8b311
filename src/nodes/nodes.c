/*
 * nodes.c — structural helpers over the shared node types: expression
 * equality (GROUP BY matching, ORDER BY reuse) and the output columns of a
 * logical operator.
 */
#include <string.h>

#include "../functions/functions.h"
#include "nodes.h"

bool node_expr_equal(const BoundExpr *a, const BoundExpr *b)
{
    if (a == b) return true;
    if (!a || !b) return false;
    if (a->kind != b->kind || a->type.id != b->type.id || a->type.typmod != b->type.typmod || a->nargs != b->nargs)
        return false;
    switch (a->kind) {
    case BE_CONST: {
        /* The same constant: the same bytes (1.0 and 1.00 are different
         * expressions, though equal values). */
        if (a->is_null != b->is_null) return false;
        if (a->is_null) return true;
        if (a->cval.phys != b->cval.phys) return false;
        if (a->cval.phys != OM_PHYS_STR) return !memcmp(a->cval.data, b->cval.data, om_phys_size(a->cval.phys));
        const OmStr *x = a->cval.data, *y = b->cval.data;
        return x->len == y->len && (!x->len || !memcmp(x->ptr, y->ptr, x->len));
    }
    case BE_COLUMN:
    case BE_PARAM:
        return a->binding == b->binding && a->col == b->col;
    case BE_SUBQUERY:
        return false;
    default:
        break;
    }
    if (a->op != b->op || a->arg_type.id != b->arg_type.id || a->cctx != b->cctx || a->has_else != b->has_else ||
        a->fn != b->fn || a->fn_data != b->fn_data || a->array_multi != b->array_multi || a->nsubs != b->nsubs ||
        a->is_slice != b->is_slice || a->all != b->all || a->eager != b->eager || a->row_presence != b->row_presence)
        return false;
    if (a->kind == BE_FUNC && a->fn && (a->fn->flags & FN_VOLATILE)) return false;
    for (int i = 0; i < a->nargs; i++)
        if (!node_expr_equal(a->args[i], b->args[i])) return false;
    return true;
}

static void push(ColBinding *out, OmType *types, int *n, int binding, int col, OmType t)
{
    out[*n].binding = binding;
    out[*n].col = col;
    types[*n] = t;
    (*n)++;
}

int lop_count_outputs(const LogicalOp *op)
{
    switch (op->kind) {
    case LOP_GET: return op->table->ncols + (op->key_column ? 1 : 0);
    case LOP_VALUES:
    case LOP_SETOP: return op->ncols;
    case LOP_PROJECT: return op->nexprs;
    case LOP_PROJECT_SET: {
        /* ncols / types: every SRF column, then ordinality */
        return (op->srf_only ? 0 : lop_count_outputs(op->children[0])) + op->ncols;
    }
    case LOP_AGGREGATE: return op->nexprs + op->naggs + op->ngroupings;
    case LOP_JOIN:
        if (op->join_type == JOIN_SEMI || op->join_type == JOIN_ANTI) return lop_count_outputs(op->children[0]);
        return lop_count_outputs(op->children[0]) + lop_count_outputs(op->children[1]);
    case LOP_INSERT:
    case LOP_UPDATE:
    case LOP_DELETE: return op->returning ? op->table->ncols : 0;
    case LOP_CTE_REF:
    case LOP_WORKTABLE:
    case LOP_RECURSIVE_UNION: return op->ncols;
    default: return lop_count_outputs(op->children[0]);
    }
}

/* Fills out/types (room for lop_count_outputs entries) from position *n. */
static void outputs(const LogicalOp *op, ColBinding *out, OmType *types, int *n)
{
    switch (op->kind) {
    case LOP_GET:
        for (int i = 0; i < op->table->ncols; i++) push(out, types, n, op->binding, i, op->table->cols[i].type);
        if (op->key_column) push(out, types, n, op->binding, op->table->ncols, om_type(OM_T_BYTEA));
        return;
    case LOP_VALUES:
    case LOP_SETOP:
    case LOP_CTE_REF:
    case LOP_WORKTABLE:
    case LOP_RECURSIVE_UNION:
        for (int i = 0; i < op->ncols; i++) push(out, types, n, op->binding, i, op->types[i]);
        return;
    case LOP_PROJECT:
        for (int i = 0; i < op->nexprs; i++) push(out, types, n, op->binding, i, op->exprs[i]->type);
        return;
    case LOP_PROJECT_SET:
        if (!op->srf_only) outputs(op->children[0], out, types, n);
        for (int i = 0; i < op->ncols; i++) push(out, types, n, op->binding, i, op->types[i]);
        return;
    case LOP_AGGREGATE:
        for (int i = 0; i < op->nexprs; i++) push(out, types, n, op->binding, i, op->exprs[i]->type);
        for (int i = 0; i < op->naggs; i++) push(out, types, n, op->agg_binding, i, op->aggs[i].type);
        for (int i = 0; i < op->ngroupings; i++) push(out, types, n, op->grouping_binding, i, om_type(OM_T_INT4));
        return;
    case LOP_JOIN:
        outputs(op->children[0], out, types, n);
        if (op->join_type != JOIN_SEMI && op->join_type != JOIN_ANTI) outputs(op->children[1], out, types, n);
        return;
    case LOP_INSERT:
    case LOP_UPDATE:
    case LOP_DELETE:
        for (int i = 0; op->returning && i < op->table->ncols; i++)
            push(out, types, n, op->binding, i, op->table->cols[i].type);
        return;
    default: outputs(op->children[0], out, types, n); return;
    }
}

int lop_outputs(MemCtx *ctx, const LogicalOp *op, ColBinding **out, OmType **types)
{
    int cnt = lop_count_outputs(op);
    *out = mem_new_array(ctx, ColBinding, cnt > 0 ? cnt : 1);
    *types = mem_new_array(ctx, OmType, cnt > 0 ? cnt : 1);
    int n = 0;
    outputs(op, *out, *types, &n);
    return n;
}

bool lop_any_expr(const LogicalOp *op, bool (*fn)(const BoundExpr *e, void *arg), void *arg)
{
    for (int i = 0; i < op->nconds; i++)
        if (fn(op->conds[i], arg)) return true;
    for (int i = 0; i < op->nexprs; i++)
        if (fn(op->exprs[i], arg)) return true;
    for (int i = 0; i < op->naggs; i++) {
        for (int k = 0; k < op->aggs[i].nargs; k++)
            if (fn(op->aggs[i].args[k], arg)) return true;
        if (op->aggs[i].filter && fn(op->aggs[i].filter, arg)) return true;
    }
    for (int i = 0; i < op->nkeys; i++)
        if (fn(op->keys[i].expr, arg)) return true;
    for (int i = 0; i < op->nsrfs; i++)
        if (fn(op->srfs[i], arg)) return true;
    for (int r = 0; op->kind == LOP_VALUES && r < op->nrows; r++)
        for (int c = 0; c < op->ncols; c++)
            if (fn(op->rows[r][c], arg)) return true;
    for (int i = 0; i < op->ntie_keys; i++)
        if (fn(op->tie_keys[i].expr, arg)) return true;
    if (op->limit && fn(op->limit, arg)) return true;
    if (op->offset && fn(op->offset, arg)) return true;
    return false;
}

int lop_map_exprs(LogicalOp *op, int (*fn)(BoundExpr **slot, void *arg), void *arg)
{
    int rc;
#define MAP(slot)                                          \
    do {                                                   \
        if ((slot) && (rc = fn(&(slot), arg)) != 0) return rc; \
    } while (0)
    for (int i = 0; i < op->nconds; i++) MAP(op->conds[i]);
    for (int i = 0; i < op->nexprs; i++) MAP(op->exprs[i]);
    for (int i = 0; i < op->naggs; i++) {
        for (int k = 0; k < op->aggs[i].nargs; k++) MAP(op->aggs[i].args[k]);
        MAP(op->aggs[i].filter);
    }
    for (int i = 0; i < op->nkeys; i++) MAP(op->keys[i].expr);
    for (int i = 0; i < op->nsrfs; i++) MAP(op->srfs[i]);
    for (int r = 0; op->kind == LOP_VALUES && r < op->nrows; r++)
        for (int c = 0; c < op->ncols; c++) MAP(op->rows[r][c]);
    for (int i = 0; i < op->ntie_keys; i++) MAP(op->tie_keys[i].expr);
    MAP(op->limit);
    MAP(op->offset);
#undef MAP
    return 0;
}

static bool volatile_expr(const BoundExpr *e, void *arg)
{
    if (!e) return false;
    if (e->kind == BE_FUNC && e->fn && (e->fn->flags & FN_VOLATILE)) return true;
    if (e->kind == BE_SUBQUERY && lop_has_volatile(e->subplan)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (volatile_expr(e->args[i], arg)) return true;
    return false;
}

bool expr_has_volatile(const BoundExpr *e) { return volatile_expr(e, NULL); }

bool lop_has_volatile(const LogicalOp *op)
{
    if (lop_any_expr(op, volatile_expr, NULL)) return true;
    for (int i = 0; i < op->nchildren; i++)
        if (lop_has_volatile(op->children[i])) return true;
    return false;
}

typedef struct UsesArg {
    const bool *set;
    int nset;
} UsesArg;

static bool expr_uses(const BoundExpr *e, void *arg)
{
    const UsesArg *u = arg;
    if (!e) return false;
    if (e->kind == BE_COLUMN && e->binding >= 0 && e->binding < u->nset && u->set[e->binding]) return true;
    if (e->kind == BE_SUBQUERY && lop_uses_bindings(e->subplan, u->set, u->nset)) return true;
    for (int i = 0; i < e->nargs; i++)
        if (expr_uses(e->args[i], arg)) return true;
    return false;
}

bool expr_uses_bindings(const BoundExpr *e, const bool *set, int nset)
{
    UsesArg u = {set, nset};
    return expr_uses(e, &u);
}

bool lop_uses_bindings(const LogicalOp *op, const bool *set, int nset)
{
    UsesArg u = {set, nset};
    if (lop_any_expr(op, expr_uses, &u)) return true;
    for (int i = 0; i < op->nchildren; i++)
        if (lop_uses_bindings(op->children[i], set, nset)) return true;
    return false;
}

BoundExpr *node_make_const(MemCtx *ctx, OmType t, bool is_null)
{
    BoundExpr *e = mem_new(ctx, BoundExpr);
    e->kind = BE_CONST;
    e->type = t;
    e->location = -1;
    e->is_null = is_null;
    e->cval.phys = type_phys(t.id);
    e->cval.data = mem_zalloc(ctx, om_phys_size(e->cval.phys));
    e->cval.nulls = mem_new_array(ctx, uint64_t, 1);
    om_vec_set_null(&e->cval, 0, is_null);
    return e;
}
