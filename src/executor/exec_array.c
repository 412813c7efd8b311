/*
 * exec_array.c — evaluating array expressions: ARRAY[...], subscripts and
 * slices, and op ANY/ALL (array), with PostgreSQL's NULL and bounds rules
 * (execExprInterp.c ExecEvalArrayExpr / ExecEvalScalarArrayOp,
 * arrayfuncs.c array_get_element / array_get_slice).
 *
 * These go row by row: arrays are variable-sized values and each row's
 * array has its own shape.
 */
#include "../types/array.h"
#include "exec_int.h"

#define ROW(k) (sel ? sel[k] : (k))

static int eval_args(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    for (int a = 0; a < st->e->nargs; a++)
        if (st->args[a] && exec_expr_eval(st->args[a], in, sel, n, err) < 0) return -1;
    return 0;
}

static int build_multi(ExprState *st, int i, OmStr *out, OmError *err)
{
    const BoundExpr *e = st->e;
    OmTypeId at = e->type.id;
    ArrBuild b;
    arr_build_init(&b, (OmTypeId)type_array_elem(at), st->var);
    OmArr first = {0};
    int nsub = 0;
    bool have_empty = false;
    OmSlot slot;
    om_slot_init(&slot, type_phys((OmTypeId)type_array_elem(at)));
    for (int a = 0; a < e->nargs; a++) {
        const OmVector *v = &st->args[a]->out;
        if (om_vec_is_null(v, i)) {
            have_empty = true;
            continue;
        }
        OmArr sub;
        arr_view(at, ((const OmStr *)v->data)[i], &sub);
        if (sub.nitems == 0) {
            have_empty = true;
            continue;
        }
        bool match = nsub == 0 || sub.ndim == first.ndim;
        for (int d = 0; match && nsub && d < sub.ndim; d++)
            match = sub.dims[d] == first.dims[d] && sub.lbs[d] == first.lbs[d];
        if (!match || sub.ndim + 1 > OM_ARR_MAXDIM) {
            if (sub.ndim + 1 > OM_ARR_MAXDIM)
                return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                               "number of array dimensions (%d) exceeds the maximum allowed (%d)", sub.ndim + 1,
                               OM_ARR_MAXDIM);
            return err_set(err, ERRCODE_ARRAY_SUBSCRIPT_ERROR,
                           "multidimensional arrays must have array expressions with matching dimensions");
        }
        if (nsub == 0) first = sub;
        nsub++;
        ArrIter it;
        arr_iter_init(&it, &sub);
        while (arr_iter_next(&it, &slot.v, 0)) arr_build_add(&b, &slot.v, 0);
    }
    if (nsub > 0 && have_empty)
        return err_set(err, ERRCODE_ARRAY_SUBSCRIPT_ERROR,
                       "multidimensional arrays must have array expressions with matching dimensions");
    int dims[OM_ARR_MAXDIM], lbs[OM_ARR_MAXDIM];
    dims[0] = nsub;
    lbs[0] = 1;
    for (int d = 0; nsub && d < first.ndim; d++) {
        dims[d + 1] = first.dims[d];
        lbs[d + 1] = first.lbs[d];
    }
    *out = arr_build_finish(&b, nsub ? first.ndim + 1 : 0, dims, lbs, st->var);
    return 0;
}

int exec_eval_array(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    const BoundExpr *e = st->e;
    if (eval_args(st, in, sel, n, err) < 0) return -1;
    OmVector *o = &st->out;
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        om_vec_set_null(o, i, false);
        OmStr *dst = &((OmStr *)o->data)[i];
        if (e->array_multi) {
            if (build_multi(st, i, dst, err) < 0) return -1;
            continue;
        }
        ArrBuild b;
        arr_build_init(&b, (OmTypeId)type_array_elem(e->type.id), st->var);
        for (int a = 0; a < e->nargs; a++) arr_build_add(&b, &st->args[a]->out, i);
        *dst = arr_build_list(&b, st->var);
    }
    return 0;
}

/* ---- subscripts ------------------------------------------------------------------------- */

static bool sub_value(ExprState *st, int a, int i, int *out)
{
    ExprState *s = st->args[a];
    if (!s) return false;
    *out = ((const int32_t *)s->out.data)[i];
    return true;
}

static bool any_null_sub(ExprState *st, int i)
{
    for (int a = 1; a < 1 + 2 * st->e->nsubs; a++)
        if (st->args[a] && om_vec_is_null(&st->args[a]->out, i)) return true;
    return false;
}

static void fetch_element(ExprState *st, const OmArr *a, int i)
{
    const BoundExpr *e = st->e;
    OmVector *o = &st->out;
    if (a->ndim != e->nsubs) {
        om_vec_set_null(o, i, true);
        return;
    }
    int64_t off = 0;
    for (int d = 0; d < a->ndim; d++) {
        int x = 0;
        sub_value(st, 2 + 2 * d, i, &x);
        int64_t rel = (int64_t)x - a->lbs[d];
        if (rel < 0 || rel >= a->dims[d]) {
            om_vec_set_null(o, i, true);
            return;
        }
        off = off * a->dims[d] + rel;
    }
    ArrIter it;
    arr_iter_init(&it, a);
    for (int64_t j = 0; j <= off; j++) arr_iter_next(&it, o, i);
}

static void fetch_slice(ExprState *st, const OmArr *a, int i)
{
    const BoundExpr *e = st->e;
    int nsubs = e->nsubs;
    OmStr *dst = &((OmStr *)st->out.data)[i];
    om_vec_set_null(&st->out, i, false);
    ArrBuild b;
    arr_build_init(&b, a->elem, st->var);
    int lo[OM_ARR_MAXDIM], hi[OM_ARR_MAXDIM], dims[OM_ARR_MAXDIM], lbs[OM_ARR_MAXDIM];
    bool empty = a->ndim < nsubs || a->ndim == 0;
    for (int d = 0; !empty && d < a->ndim; d++) {
        lo[d] = a->lbs[d];
        hi[d] = (int)((int64_t)a->lbs[d] + a->dims[d] - 1);
        int x;
        if (d < nsubs && sub_value(st, 1 + 2 * d, i, &x) && x > lo[d]) lo[d] = x;
        if (d < nsubs && sub_value(st, 2 + 2 * d, i, &x) && x < hi[d]) hi[d] = x;
        if (lo[d] > hi[d]) empty = true;
        dims[d] = hi[d] - lo[d] + 1;
        lbs[d] = 1;
    }
    if (empty) {
        *dst = arr_build_finish(&b, 0, dims, lbs, st->var);
        return;
    }
    OmSlot slot;
    om_slot_init(&slot, a->phys);
    ArrIter it;
    arr_iter_init(&it, a);
    int idx[OM_ARR_MAXDIM] = {0};
    while (arr_iter_next(&it, &slot.v, 0)) {
        bool in = true;
        for (int d = 0; d < a->ndim && in; d++) {
            int x = a->lbs[d] + idx[d];
            in = x >= lo[d] && x <= hi[d];
        }
        if (in) arr_build_add(&b, &slot.v, 0);
        for (int d = a->ndim - 1; d >= 0; d--) {
            if (++idx[d] < a->dims[d]) break;
            idx[d] = 0;
        }
    }
    *dst = arr_build_finish(&b, a->ndim, dims, lbs, st->var);
}

/* UPDATE SET a[i][j] = v (array_set_element): a NULL or empty array
 * becomes one holding v at those subscripts; a one-dimensional array grows
 * (with NULLs) to reach i; elsewhere the subscripts must be in range. */
static int assign_element(ExprState *st, int i, OmError *err)
{
    const BoundExpr *e = st->e;
    int nsubs = e->nsubs;
    const OmVector *av = &st->args[0]->out, *vv = &st->args[1 + 2 * nsubs]->out;
    OmTypeId at = st->args[0]->e->type.id;
    int idx[OM_ARR_MAXDIM];
    for (int d = 0; d < nsubs; d++) sub_value(st, 2 + 2 * d, i, &idx[d]);
    OmArr a = {0};
    if (!om_vec_is_null(av, i)) arr_view(at, ((const OmStr *)av->data)[i], &a);
    ArrBuild b;
    arr_build_init(&b, (OmTypeId)type_array_elem(at), st->var);
    OmStr *dst = &((OmStr *)st->out.data)[i];
    om_vec_set_null(&st->out, i, false);
    if (a.nitems == 0) {
        int dims[OM_ARR_MAXDIM];
        for (int d = 0; d < nsubs; d++) dims[d] = 1;
        arr_build_add(&b, vv, i);
        *dst = arr_build_finish(&b, nsubs, dims, idx, st->var);
        return 0;
    }
    if (a.ndim != nsubs) return err_set(err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
    OmSlot slot;
    om_slot_init(&slot, a.phys);
    ArrIter it;
    arr_iter_init(&it, &a);
    if (a.ndim == 1) {
        int64_t lb = a.lbs[0], ub = (int64_t)a.lbs[0] + a.dims[0] - 1;
        int64_t nlb = idx[0] < lb ? idx[0] : lb, nub = idx[0] > ub ? idx[0] : ub;
        if (nub - nlb + 1 > OM_ARR_MAXITEMS)
            return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                           (int)OM_ARR_MAXITEMS);
        for (int64_t p = nlb; p <= nub; p++) {
            bool old = p >= lb && p <= ub;
            if (old) arr_iter_next(&it, &slot.v, 0);
            if (p == idx[0]) arr_build_add(&b, vv, i);
            else if (old) arr_build_add(&b, &slot.v, 0);
            else arr_build_add_null(&b);
        }
        int dim = (int)(nub - nlb + 1), nlb32 = (int)nlb;
        *dst = arr_build_finish(&b, 1, &dim, &nlb32, st->var);
        return 0;
    }
    int64_t off = 0;
    for (int d = 0; d < a.ndim; d++) {
        int64_t rel = (int64_t)idx[d] - a.lbs[d];
        if (rel < 0 || rel >= a.dims[d]) return err_set(err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "array subscript out of range");
        off = off * a.dims[d] + rel;
    }
    for (int64_t p = 0; arr_iter_next(&it, &slot.v, 0); p++) {
        if (p == off) arr_build_add(&b, vv, i);
        else arr_build_add(&b, &slot.v, 0);
    }
    *dst = arr_build_finish(&b, a.ndim, a.dims, a.lbs, st->var);
    return 0;
}

int exec_eval_subscript(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    if (eval_args(st, in, sel, n, err) < 0) return -1;
    if (st->e->is_assign) {
        for (int k = 0; k < n; k++) {
            int i = ROW(k);
            if (any_null_sub(st, i))
                return err_set(err, ERRCODE_NULL_VALUE_NOT_ALLOWED, "array subscript in assignment must not be null");
            if (assign_element(st, i, err) < 0) return -1;
        }
        return 0;
    }
    const OmVector *av = &st->args[0]->out;
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        if (om_vec_is_null(av, i) || any_null_sub(st, i)) {
            om_vec_set_null(&st->out, i, true);
            continue;
        }
        OmArr a;
        arr_view(st->args[0]->e->type.id, ((const OmStr *)av->data)[i], &a);
        if (st->e->is_slice) fetch_slice(st, &a, i);
        else fetch_element(st, &a, i);
    }
    return 0;
}

/* ---- op ANY/ALL ------------------------------------------------------------------------- */

int exec_eval_any_all(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    const BoundExpr *e = st->e;
    if (eval_args(st, in, sel, n, err) < 0) return -1;
    const OmVector *lv = &st->args[0]->out, *av = &st->args[1]->out;
    OmVector *o = &st->out;
    bool like = e->op >= BOP_LIKE;
    OmSlot left, elem, res;
    om_slot_init(&left, lv->phys);
    om_slot_init(&elem, type_phys(e->arg_type.id));
    om_slot_init(&res, OM_PHYS_BOOL);
    static const uint16_t row0 = 0;
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        if (om_vec_is_null(av, i)) {
            om_vec_set_null(o, i, true);
            continue;
        }
        OmArr a;
        arr_view(st->args[1]->e->type.id, ((const OmStr *)av->data)[i], &a);
        /* ANY: true if one is true, else NULL if one was NULL, else false;
         * ALL: false if one is false, else NULL if one was NULL, else true. */
        bool result = e->all, saw_null = false;
        if (a.nitems > 0 && om_vec_is_null(lv, i)) saw_null = true;
        else {
            exec_copy_value(lv, i, &left.v, 0, NULL);
            ArrIter it;
            arr_iter_init(&it, &a);
            while (arr_iter_next(&it, &elem.v, 0)) {
                if (om_vec_is_null(&elem.v, 0)) {
                    saw_null = true;
                    continue;
                }
                bool r;
                if (like) {
                    if (exec_kernel_like(e->op, &left.v, &elem.v, NULL, &res.v, &row0, 1, err) < 0) return -1;
                    r = res.val.b;
                } else {
                    r = exec_cmp_holds(e->op, type_compare(e->arg_type, &left.v, 0, &elem.v, 0));
                }
                if (r != e->all) {
                    result = r;
                    saw_null = false;
                    break;
                }
            }
        }
        bool null = saw_null && result == e->all;
        om_vec_set_null(o, i, null);
        if (!null) ((uint8_t *)o->data)[i] = result;
    }
    return 0;
}
