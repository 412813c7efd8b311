/*
 * bind_array.c — array expressions: ARRAY[...] constructors, subscripts and
 * slices, and `x op ANY/ALL (array)`, typed as PostgreSQL's parse_expr.c /
 * parse_node.c do.
 */
#include <string.h>

#include "bind_int.h"

/* PostgreSQL's transformArrayExpr: a common type of the elements (unknown
 * literals become text, or the hint's element type); elements that are
 * themselves arrays (ARRAY[ARRAY[1], ARRAY[2]], ARRAY[[1], [2]]) make one
 * more dimension. */
int bind_array_expr(BindCtx *bc, BindScope *sc, PgQuery__AArrayExpr *ae, const OmType *hint, BoundExpr **out)
{
    int n = (int)ae->n_elements;
    BoundExpr **es = mem_new_array(bc->ctx, BoundExpr *, n > 0 ? n : 1);
    bool nested = false;
    OmType hint_elem = om_type(OM_T_NULL);
    if (hint && type_is_array(hint->id)) {
        hint_elem.id = (OmTypeId)type_array_elem(hint->id);
        hint_elem.typmod = hint->typmod;
    }
    for (int i = 0; i < n; i++) {
        PgQuery__Node *en = ae->elements[i];
        if (en->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
            /* [..] inside ARRAY[..]: a sub-array, typed like its parent. */
            nested = true;
            if (bind_array_expr(bc, sc, en->a_array_expr, hint, &es[i]) < 0) return -1;
        } else if (bind_expr(bc, sc, en, &es[i]) < 0) {
            return -1;
        }
    }
    OmType elem;
    if (n == 0) {
        if (hint_elem.id == OM_T_NULL) {
            err_set(bc->err, ERRCODE_INDETERMINATE_DATATYPE, "cannot determine type of empty array");
            err_hint(bc->err, "Explicitly cast to the desired type, for example ARRAY[]::integer[].");
            return bind_error_at(bc, ae->location);
        }
        elem = hint_elem;
    } else {
        OmType common;
        if (bind_common_type(bc, es, n, "ARRAY", &common) < 0) return -1;
        if (common.id == OM_T_UNKNOWN || common.id == OM_T_NULL) {
            common = hint_elem.id != OM_T_NULL ? hint_elem : om_type(OM_T_TEXT);
            if (nested && hint && type_is_array(hint->id)) common = *hint;
        }
        if (type_is_array(common.id)) nested = true;
        if (nested && !type_is_array(common.id)) {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "could not find array type for data type %s",
                    type_name_be(common.id));
            return bind_error_at(bc, ae->location);
        }
        elem = nested ? om_type((OmTypeId)type_array_elem(common.id)) : common;
        /* An element typmod survives only when all elements agree (as
         * PostgreSQL's select_common_typmod). */
        elem.typmod = -1;
        OmType target = nested ? om_type(common.id) : elem;
        for (int i = 0; i < n; i++)
            if (bind_coerce(bc, es[i], target, OM_COERCE_IMPLICIT, "ARRAY", &es[i]) < 0) return -1;
    }
    int at = type_array_of(elem.id);
    if (at < 0) {
        err_set(bc->err, ERRCODE_UNDEFINED_OBJECT, "could not find array type for data type %s", type_name_be(elem.id));
        return bind_error_at(bc, ae->location);
    }
    BoundExpr *e = bind_new_expr(bc, BE_ARRAY, om_type((OmTypeId)at), ae->location, n);
    e->array_multi = nested;
    bool all_const = true;
    for (int i = 0; i < n; i++) {
        e->args[i] = es[i];
        all_const &= es[i]->kind == BE_CONST;
    }
    if (all_const) return bind_eval_const(bc, e, out);
    *out = e;
    return 0;
}

/* A subscript: an integer by assignment coercion (so '2' and 1.6 work), as
 * transformArraySubscripts. */
static int bind_subscript(BindCtx *bc, BindScope *sc, PgQuery__Node *n, BoundExpr **out)
{
    BoundExpr *e;
    if (bind_expr(bc, sc, n, &e) < 0) return -1;
    if (!type_can_coerce(e->type.id, OM_T_INT4, OM_COERCE_ASSIGNMENT)) {
        err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "array subscript must have type integer");
        return bind_error_at(bc, bind_node_location(n));
    }
    return bind_coerce(bc, e, om_type(OM_T_INT4), OM_COERCE_ASSIGNMENT, NULL, out);
}

/* jsonb['a'][1]: PostgreSQL's jsonb subscripting is jsonb_get_element over
 * the subscripts as text, which is #> with a text[] path. Each subscript
 * must be an integer or a text (an unknown literal is text). */
static int bind_jsonb_subscripts(BindCtx *bc, BindScope *sc, BoundExpr *base, PgQuery__AIndirection *ind,
                                 BoundExpr **out)
{
    int n = (int)ind->n_indirection;
    BoundExpr *path = bind_new_expr(bc, BE_ARRAY, om_type(OM_T_ARR_TEXT), bind_node_location(ind->arg), n);
    bool all_const = true;
    for (int i = 0; i < n; i++) {
        PgQuery__AIndices *ai = ind->indirection[i]->a_indices;
        if (ai->is_slice) {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "jsonb subscript does not support slices");
            return bind_error_at(bc, bind_node_location(ai->uidx ? ai->uidx : ai->lidx));
        }
        BoundExpr *x;
        if (bind_expr(bc, sc, ai->uidx, &x) < 0) return -1;
        OmTypeId t = x->type.id;
        if (!type_is_integer(t) && !type_is_string(t) && t != OM_T_UNKNOWN && t != OM_T_NULL) {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "subscript type %s is not supported", type_name_be(t));
            err_hint(bc->err, "jsonb subscript must be coercible to either integer or text.");
            return bind_error_at(bc, bind_node_location(ai->uidx));
        }
        if (bind_coerce(bc, x, om_type(OM_T_TEXT), OM_COERCE_EXPLICIT, NULL, &path->args[i]) < 0) return -1;
        all_const &= path->args[i]->kind == BE_CONST;
    }
    if (all_const && bind_eval_const(bc, path, &path) < 0) return -1;
    BoundExpr *args[2] = {base, path};
    return bind_func_call(bc, "#>", args, 2, bind_node_location(ind->arg), true, out);
}

int bind_indirection(BindCtx *bc, BindScope *sc, PgQuery__AIndirection *ind, BoundExpr **out)
{
    BoundExpr *base;
    if (bind_expr(bc, sc, ind->arg, &base) < 0) return -1;
    int nsubs = 0;
    bool slice = false;
    for (size_t i = 0; i < ind->n_indirection; i++) {
        PgQuery__Node *x = ind->indirection[i];
        if (x->node_case != PG_QUERY__NODE__NODE_A_INDICES) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "field selection is not supported yet");
            return bind_error_at(bc, bind_node_location(ind->arg));
        }
        slice |= x->a_indices->is_slice;
        nsubs++;
    }
    if (base->type.id == OM_T_JSONB) return bind_jsonb_subscripts(bc, sc, base, ind, out);
    if (!type_is_array(base->type.id)) {
        if (base->type.id == OM_T_UNKNOWN || base->type.id == OM_T_NULL) {
            if (bind_coerce(bc, base, om_type(OM_T_ARR_TEXT), OM_COERCE_IMPLICIT, NULL, &base) < 0) return -1;
        } else {
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH,
                    "cannot subscript type %s because it does not support subscripting", type_name_be(base->type.id));
            return bind_error_at(bc, bind_node_location(ind->arg));
        }
    }
    if (nsubs > 6) {
        err_set(bc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                "number of array dimensions (%d) exceeds the maximum allowed (%d)", nsubs, 6);
        return bind_error_at(bc, bind_node_location(ind->arg));
    }
    OmType rt = slice ? base->type : (OmType){(OmTypeId)type_array_elem(base->type.id), base->type.typmod};
    BoundExpr *e = bind_new_expr(bc, BE_SUBSCRIPT, rt, bind_node_location(ind->arg), 1 + 2 * nsubs);
    e->args[0] = base;
    e->nsubs = nsubs;
    e->is_slice = slice;
    bool all_const = base->kind == BE_CONST;
    for (int i = 0; i < nsubs; i++) {
        PgQuery__AIndices *ai = ind->indirection[i]->a_indices;
        BoundExpr *lo = NULL, *hi = NULL;
        if (ai->lidx && bind_subscript(bc, sc, ai->lidx, &lo) < 0) return -1;
        if (ai->uidx && bind_subscript(bc, sc, ai->uidx, &hi) < 0) return -1;
        if (!ai->is_slice) {
            /* a[i] in a slice is a[1:i]; alone it is the element i. */
            lo = slice ? NULL : hi;
        }
        e->args[1 + 2 * i] = lo;
        e->args[2 + 2 * i] = hi;
        all_const &= (!lo || lo->kind == BE_CONST) && (!hi || hi->kind == BE_CONST);
    }
    if (all_const) return bind_eval_const(bc, e, out);
    *out = e;
    return 0;
}

int bind_array_assign(BindCtx *bc, BindScope *sc, BoundExpr *col, const char *colname, PgQuery__Node **ind, int nind,
                      PgQuery__Node *val, int location, BoundExpr **out)
{
    if (!type_is_array(col->type.id)) {
        err_set(bc->err, ERRCODE_DATATYPE_MISMATCH,
                "cannot subscript type %s because it does not support subscripting", type_name_be(col->type.id));
        return bind_error_at(bc, location);
    }
    if (nind > 6) {
        err_set(bc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                "number of array dimensions (%d) exceeds the maximum allowed (%d)", nind, 6);
        return bind_error_at(bc, location);
    }
    BoundExpr *e = bind_new_expr(bc, BE_SUBSCRIPT, col->type, location, 2 + 2 * nind);
    e->args[0] = col;
    e->nsubs = nind;
    e->is_assign = true;
    for (int i = 0; i < nind; i++) {
        if (ind[i]->node_case != PG_QUERY__NODE__NODE_A_INDICES || ind[i]->a_indices->is_slice) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "assigning to a slice or a field is not supported yet");
            return bind_error_at(bc, location);
        }
        BoundExpr *x;
        if (bind_subscript(bc, sc, ind[i]->a_indices->uidx, &x) < 0) return -1;
        e->args[1 + 2 * i] = NULL;
        e->args[2 + 2 * i] = x;
    }
    OmType et = {(OmTypeId)type_array_elem(col->type.id), col->type.typmod};
    BoundExpr *v;
    if (bind_expr(bc, sc, val, &v) < 0) return -1;
    if (bind_coerce(bc, v, et, OM_COERCE_ASSIGNMENT, colname, &v) < 0) return -1;
    e->args[1 + 2 * nind] = v;
    *out = e;
    return 0;
}

int bind_any_all(BindCtx *bc, BindScope *sc, PgQuery__AExpr *ae, BoundExpr **out)
{
    bool all = ae->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL;
    const char *opname = ae->n_name ? bind_node_name(ae->name[ae->n_name - 1]) : NULL;
    BoundExpr *l, *r;
    if (bind_expr(bc, sc, ae->lexpr, &l) < 0 || bind_expr(bc, sc, ae->rexpr, &r) < 0) return -1;
    if (r->type.id == OM_T_UNKNOWN || r->type.id == OM_T_NULL) {
        /* An untyped right side is an array of the left side's type. */
        OmTypeId lt = l->type.id == OM_T_UNKNOWN || l->type.id == OM_T_NULL ? OM_T_TEXT : l->type.id;
        int at = type_array_of(lt);
        if (at >= 0 && bind_coerce(bc, r, om_type((OmTypeId)at), OM_COERCE_IMPLICIT, NULL, &r) < 0) return -1;
    }
    if (!type_is_array(r->type.id)) {
        err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side");
        return bind_error_at(bc, ae->location);
    }
    /* Type the operator as `l op element`, with a stand-in for the element. */
    BoundExpr *elem = bind_new_expr(bc, BE_COLUMN, om_type((OmTypeId)type_array_elem(r->type.id)), -1, 0);
    elem->type.typmod = r->type.typmod;
    elem->col = -1;
    elem->binding = -1;
    BoundExpr *op;
    if (bind_binary(bc, opname ? opname : "=", l, elem, ae->location, &op) < 0) return -1;
    if (op->kind != BE_OP || op->nargs != 2 ||
        !((op->op >= BOP_EQ && op->op <= BOP_GE) || (op->op >= BOP_LIKE && op->op <= BOP_NOT_ILIKE))) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "operator %s with ANY/ALL is not supported yet",
                opname ? opname : "?");
        return bind_error_at(bc, ae->location);
    }
    if (op->type.id != OM_T_BOOL) {
        err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires operator to yield boolean");
        return bind_error_at(bc, ae->location);
    }
    OmType cmp = op->op >= BOP_LIKE ? om_type(OM_T_TEXT) : op->arg_type;
    /* bpchar LIKE keeps the padded left side; the elements are text. */
    int at = type_array_of(cmp.id);
    if (at < 0 || bind_coerce(bc, r, om_type((OmTypeId)at), OM_COERCE_IMPLICIT, NULL, &r) < 0) return -1;
    BoundExpr *e = bind_new_expr(bc, BE_ANY_ALL, om_type(OM_T_BOOL), ae->location, 2);
    e->op = op->op;
    e->arg_type = cmp;
    e->all = all;
    e->args[0] = op->args[0];
    e->args[1] = r;
    if (e->args[0]->kind == BE_CONST && r->kind == BE_CONST) return bind_eval_const(bc, e, out);
    *out = e;
    return 0;
}
