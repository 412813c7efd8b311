/*
 * fn_array.c — array functions and operators (PostgreSQL 15's
 * array_userfuncs.c / arrayfuncs.c): dimensions, concatenation, search,
 * removal and replacement, conversion to and from text, containment.
 *
 * Arrays are whole values per row, so these kernels go row by row over the
 * stored form (types/array.h). Element equality is the element type's
 * ordering (type_compare) == 0, as PostgreSQL's default btree/hash opclass
 * equality.
 */
#include <stdio.h>
#include <string.h>

#include "../types/array.h"
#include "fn_tables.h"

static OmStr str_at(const OmVector *v, int i) { return ((const OmStr *)v->data)[i]; }

static void view_arg(FnCall *fc, const OmVector *const *args, int a, int i, OmArr *out)
{
    arr_view(fc->arg_types[a].id, str_at(args[a], i), out);
}

static void set_int(OmVector *out, int i, int32_t v)
{
    ((int32_t *)out->data)[i] = v;
    om_vec_set_null(out, i, false);
}

static void set_arr(OmVector *out, int i, OmStr s)
{
    ((OmStr *)out->data)[i] = s;
    om_vec_set_null(out, i, false);
}

/* ---- dimensions ----------------------------------------------------------------------- */

/* array_length / array_lower / array_upper (array, dim): NULL outside the
 * array's dimensions. */
static int dim_fn(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, int which)
{
    SEL_LOOP {
        OmArr a;
        view_arg(fc, args, 0, i, &a);
        int32_t d = ((const int32_t *)args[1]->data)[i];
        if (d < 1 || d > a.ndim) {
            om_vec_set_null(out, i, true);
            continue;
        }
        int64_t v = which == 0 ? a.dims[d - 1] : which == 1 ? a.lbs[d - 1] : (int64_t)a.lbs[d - 1] + a.dims[d - 1] - 1;
        set_int(out, i, (int32_t)v);
    }
    return 0;
}
static int fn_array_length(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return dim_fn(fc, a, o, sel, n, 0);
}
static int fn_array_lower(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return dim_fn(fc, a, o, sel, n, 1);
}
static int fn_array_upper(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return dim_fn(fc, a, o, sel, n, 2);
}

static int fn_array_ndims(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmArr a;
        view_arg(fc, args, 0, i, &a);
        if (a.ndim == 0) om_vec_set_null(out, i, true);
        else set_int(out, i, a.ndim);
    }
    return 0;
}

static int fn_cardinality(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmArr a;
        view_arg(fc, args, 0, i, &a);
        set_int(out, i, a.nitems);
    }
    return 0;
}

static int fn_array_dims(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmArr a;
        view_arg(fc, args, 0, i, &a);
        if (a.ndim == 0) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmBuf b;
        buf_init(&b, fc->var, 32);
        for (int d = 0; d < a.ndim; d++) buf_printf(&b, "[%d:%d]", a.lbs[d], (int)((int64_t)a.lbs[d] + a.dims[d] - 1));
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

/* ---- building new arrays ---------------------------------------------------------------- */

static void add_all(ArrBuild *b, const OmArr *a)
{
    OmSlot s;
    om_slot_init(&s, a->phys);
    ArrIter it;
    arr_iter_init(&it, a);
    while (arr_iter_next(&it, &s.v, 0)) arr_build_add(b, &s.v, 0);
}

static int too_big(FnCall *fc)
{
    return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                   (int)OM_ARR_MAXITEMS);
}

/* array_append / array_prepend: one-dimensional arrays only; the new
 * element goes after the upper bound (or before the lower one). */
static int push_fn(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool append)
{
    int ai = append ? 0 : 1, ei = append ? 1 : 0;
    OmTypeId at = fc->arg_types[ai].id;
    SEL_LOOP {
        OmArr a = {0};
        bool anull = om_vec_is_null(args[ai], i);
        if (!anull) arr_view(at, str_at(args[ai], i), &a);
        if (a.ndim > 1)
            return err_set(fc->err, ERRCODE_DATA_EXCEPTION, "argument must be empty or one-dimensional array");
        ArrBuild b;
        arr_build_init(&b, (OmTypeId)type_array_elem(at), fc->var);
        if (!append) arr_build_add(&b, args[ei], i);
        if (!anull) add_all(&b, &a);
        if (append) arr_build_add(&b, args[ei], i);
        /* Both keep the lower bound (PostgreSQL 15's array_prepend too). */
        int lb = a.ndim ? a.lbs[0] : 1;
        if (append && a.ndim && (int64_t)a.lbs[0] + a.dims[0] > INT32_MAX)
            return err_set(fc->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        int dim = b.n;
        set_arr(out, i, arr_build_finish(&b, 1, &dim, &lb, fc->var));
    }
    return 0;
}
static int fn_array_append(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return push_fn(fc, a, o, sel, n, true);
}
static int fn_array_prepend(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return push_fn(fc, a, o, sel, n, false);
}

/* array_cat: NULL or empty sides give the other; equal dimensions stack
 * along the first one; an N-1-dimensional side becomes one more element. */
static int fn_array_cat(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    OmTypeId at = fc->ret_type.id;
    SEL_LOOP {
        bool n0 = om_vec_is_null(args[0], i), n1 = om_vec_is_null(args[1], i);
        if (n0 && n1) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmArr a = {0}, b = {0};
        if (!n0) arr_view(at, str_at(args[0], i), &a);
        if (!n1) arr_view(at, str_at(args[1], i), &b);
        if (n1 || b.ndim == 0) {
            set_arr(out, i, n0 ? str_at(args[1], i) : str_at(args[0], i));
            continue;
        }
        if (n0 || a.ndim == 0) {
            set_arr(out, i, str_at(args[1], i));
            continue;
        }
        int dims[OM_ARR_MAXDIM], lbs[OM_ARR_MAXDIM], ndim;
        if (a.ndim == b.ndim) {
            for (int d = 1; d < a.ndim; d++)
                if (a.dims[d] != b.dims[d] || a.lbs[d] != b.lbs[d]) goto mismatch;
            ndim = a.ndim;
            memcpy(dims, a.dims, sizeof dims);
            memcpy(lbs, a.lbs, sizeof lbs);
            dims[0] = a.dims[0] + b.dims[0];
        } else if (a.ndim == b.ndim - 1 || b.ndim == a.ndim - 1) {
            const OmArr *big = a.ndim > b.ndim ? &a : &b, *small = a.ndim > b.ndim ? &b : &a;
            for (int d = 0; d < small->ndim; d++)
                if (small->dims[d] != big->dims[d + 1]) goto mismatch;
            ndim = big->ndim;
            memcpy(dims, big->dims, sizeof dims);
            memcpy(lbs, big->lbs, sizeof lbs);
            dims[0]++;
            if (big == &b) lbs[0] = b.lbs[0]; /* prepending keeps b's bounds in PostgreSQL */
        } else {
            goto mismatch;
        }
        if (arr_nitems(ndim, dims) < 0) return too_big(fc);
        ArrBuild bld;
        arr_build_init(&bld, a.elem, fc->var);
        add_all(&bld, &a);
        add_all(&bld, &b);
        set_arr(out, i, arr_build_finish(&bld, ndim, dims, lbs, fc->var));
        continue;
    mismatch:
        err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "cannot concatenate incompatible arrays");
        if (a.ndim == b.ndim)
            err_detail(fc->err, "Arrays with differing element dimensions are not compatible for concatenation.");
        else if (a.ndim == b.ndim - 1 || b.ndim == a.ndim - 1)
            err_detail(fc->err, "Arrays with differing dimensions are not compatible for concatenation.");
        else
            err_detail(fc->err, "Arrays of %d and %d dimensions are not compatible for concatenation.", a.ndim,
                       b.ndim);
        return -1;
    }
    return 0;
}

/* ---- search -------------------------------------------------------------------------- */

/* Is element (s, row 0) equal to v[i]?  NULL equals NULL here (IS NOT
 * DISTINCT FROM), as array_position and array_remove compare. */
static bool same(OmType et, const OmVector *s, const OmVector *v, int i)
{
    bool a = om_vec_is_null(s, 0), b = om_vec_is_null(v, i);
    if (a || b) return a && b;
    return type_compare(et, s, 0, v, i) == 0;
}

static int position_fn(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool all)
{
    OmTypeId at = fc->arg_types[0].id;
    OmType et = om_type((OmTypeId)type_array_elem(at));
    SEL_LOOP {
        if (om_vec_is_null(args[0], i) || (fc->nargs > 2 && om_vec_is_null(args[2], i))) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmArr a;
        arr_view(at, str_at(args[0], i), &a);
        if (a.ndim > 1)
            return err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                           "searching for elements in multidimensional arrays is not supported");
        int lb = a.ndim ? a.lbs[0] : 1;
        int64_t start = lb;
        if (fc->nargs > 2) start = ((const int32_t *)args[2]->data)[i];
        ArrBuild b;
        arr_build_init(&b, OM_T_INT4, fc->var);
        OmSlot s, pos;
        om_slot_init(&s, a.phys);
        om_slot_init(&pos, OM_PHYS_I32);
        ArrIter it;
        arr_iter_init(&it, &a);
        bool found = false;
        for (int64_t idx = lb; arr_iter_next(&it, &s.v, 0); idx++) {
            if (idx < start || !same(et, &s.v, args[1], i)) continue;
            pos.val.i32 = (int32_t)idx;
            if (!all) {
                set_int(out, i, (int32_t)idx);
                found = true;
                break;
            }
            arr_build_add(&b, &pos.v, 0);
        }
        if (all) set_arr(out, i, arr_build_list(&b, fc->var));
        else if (!found) om_vec_set_null(out, i, true);
    }
    return 0;
}
static int fn_array_position(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return position_fn(fc, a, o, sel, n, false);
}
static int fn_array_positions(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return position_fn(fc, a, o, sel, n, true);
}

/* array_remove(a, x) / array_replace(a, x, y). */
static int replace_fn(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool remove)
{
    OmTypeId at = fc->arg_types[0].id;
    OmType et = om_type((OmTypeId)type_array_elem(at));
    SEL_LOOP {
        if (om_vec_is_null(args[0], i)) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmArr a;
        arr_view(at, str_at(args[0], i), &a);
        if (remove && a.ndim > 1)
            return err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                           "removing elements from multidimensional arrays is not supported");
        ArrBuild b;
        arr_build_init(&b, a.elem, fc->var);
        OmSlot s;
        om_slot_init(&s, a.phys);
        ArrIter it;
        arr_iter_init(&it, &a);
        while (arr_iter_next(&it, &s.v, 0)) {
            bool hit = same(et, &s.v, args[1], i);
            if (!hit) arr_build_add(&b, &s.v, 0);
            else if (!remove) arr_build_add(&b, args[2], i);
        }
        if (remove) {
            int dim = b.n, lb = a.ndim ? a.lbs[0] : 1;
            set_arr(out, i, b.n == a.nitems ? str_at(args[0], i) : arr_build_finish(&b, 1, &dim, &lb, fc->var));
        } else {
            set_arr(out, i, arr_build_finish(&b, a.ndim, a.dims, a.lbs, fc->var));
        }
    }
    return 0;
}
static int fn_array_remove(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return replace_fn(fc, a, o, sel, n, true);
}
static int fn_array_replace(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return replace_fn(fc, a, o, sel, n, false);
}

/* ---- containment ----------------------------------------------------------------------- */

/* Does every non-NULL element of b occur in a?  (array_contain_compare: a
 * NULL element never matches.) 1 / 0, or -1 with err set when interrupted:
 * the search is quadratic, and two arrays of a million elements take hours. */
static int contains(OmType et, const OmArr *a, const OmArr *b, bool any, OmError *err)
{
    unsigned outer = 0;
    OmSlot x, y;
    om_slot_init(&x, a->phys);
    om_slot_init(&y, b->phys);
    ArrIter ib;
    arr_iter_init(&ib, b);
    while (arr_iter_next(&ib, &y.v, 0)) {
        bool found = false;
        if ((++outer & 63) == 0 && om_intr_check(err) < 0) return -1;
        if (!om_vec_is_null(&y.v, 0)) {
            ArrIter ia;
            arr_iter_init(&ia, a);
            while (!found && arr_iter_next(&ia, &x.v, 0))
                found = !om_vec_is_null(&x.v, 0) && type_compare(et, &x.v, 0, &y.v, 0) == 0;
        }
        if (any && found) return true;
        if (!any && !found) return false;
    }
    return !any;
}

static int contain_fn(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, int mode)
{
    OmTypeId at = fc->arg_types[0].id;
    OmType et = om_type((OmTypeId)type_array_elem(at));
    SEL_LOOP {
        OmArr a, b;
        view_arg(fc, args, 0, i, &a);
        view_arg(fc, args, 1, i, &b);
        int r = mode == 0 ? contains(et, &a, &b, false, fc->err) : mode == 1 ? contains(et, &b, &a, false, fc->err)
                                                                           : contains(et, &a, &b, true, fc->err);
        if (r < 0) return -1;
        ((uint8_t *)out->data)[i] = (uint8_t)r;
        om_vec_set_null(out, i, false);
    }
    return 0;
}
static int fn_contains(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return contain_fn(fc, a, o, sel, n, 0);
}
static int fn_contained(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return contain_fn(fc, a, o, sel, n, 1);
}
static int fn_overlap(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return contain_fn(fc, a, o, sel, n, 2);
}

/* ---- text ------------------------------------------------------------------------------ */

static int fn_array_to_string(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    OmTypeId at = fc->arg_types[0].id;
    OmType et = om_type((OmTypeId)type_array_elem(at));
    SEL_LOOP {
        if (om_vec_is_null(args[0], i) || om_vec_is_null(args[1], i)) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmArr a;
        arr_view(at, str_at(args[0], i), &a);
        OmStr delim = str_at(args[1], i);
        bool has_nullstr = fc->nargs > 2 && !om_vec_is_null(args[2], i);
        OmBuf b;
        buf_init(&b, fc->var, 64);
        OmSlot s;
        om_slot_init(&s, a.phys);
        ArrIter it;
        arr_iter_init(&it, &a);
        bool first = true;
        while (arr_iter_next(&it, &s.v, 0)) {
            bool null = om_vec_is_null(&s.v, 0);
            if (null && !has_nullstr) continue;
            if (!first) buf_append(&b, delim.ptr, delim.len);
            first = false;
            if (null) {
                OmStr ns = str_at(args[2], i);
                buf_append(&b, ns.ptr, ns.len);
            } else {
                type_out(et, &s.v, 0, &b);
            }
        }
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

/* string_to_array(s, delim [, null_string]): NULL delim splits into
 * characters; an empty delim gives the whole string. */
static int fn_string_to_array(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        if (om_vec_is_null(args[0], i)) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmStr s = str_at(args[0], i);
        bool dnull = om_vec_is_null(args[1], i);
        OmStr d = dnull ? (OmStr){"", 0} : str_at(args[1], i);
        bool has_ns = fc->nargs > 2 && !om_vec_is_null(args[2], i);
        OmStr ns = has_ns ? str_at(args[2], i) : (OmStr){"", 0};
        ArrBuild b;
        arr_build_init(&b, OM_T_TEXT, fc->var);
        OmSlot e;
        om_slot_init(&e, OM_PHYS_STR);
        uint32_t p = 0;
        while (s.len > 0 && p <= s.len) {
            uint32_t q;
            if (dnull) q = p + (uint32_t)fn_utf8_len((unsigned char)s.ptr[p]);
            else if (d.len == 0) q = s.len;
            else {
                q = p;
                while (q + d.len <= s.len && memcmp(s.ptr + q, d.ptr, d.len) != 0) q++;
                if (q + d.len > s.len) q = s.len;
            }
            e.val.s.ptr = s.ptr + p;
            e.val.s.len = q - p;
            bool isnull = has_ns && e.val.s.len == ns.len && memcmp(e.val.s.ptr, ns.ptr, ns.len) == 0;
            e.nullw = isnull ? 1 : 0;
            arr_build_add(&b, &e.v, 0);
            if (dnull || d.len == 0) {
                if (q >= s.len) break;
                p = q;
            } else {
                if (q >= s.len) break;
                p = q + d.len;
            }
        }
        set_arr(out, i, arr_build_list(&b, fc->var));
    }
    return 0;
}

/* ---- construction -------------------------------------------------------------------- */

static int fn_array_fill(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        if (om_vec_is_null(args[1], i) || (fc->nargs > 2 && om_vec_is_null(args[2], i)))
            return err_set(fc->err, ERRCODE_NULL_VALUE_NOT_ALLOWED, "dimension array or low bound array cannot be null");
        OmArr da, la = {0};
        arr_view(OM_T_ARR_INT4, str_at(args[1], i), &da);
        if (fc->nargs > 2) arr_view(OM_T_ARR_INT4, str_at(args[2], i), &la);
        if (da.ndim > 1 || la.ndim > 1)
            return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        if (da.nulls || la.nulls)
            return err_set(fc->err, ERRCODE_NULL_VALUE_NOT_ALLOWED, "dimension values cannot be null");
        if (fc->nargs > 2 && la.nitems != da.nitems)
            return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        if (da.nitems > OM_ARR_MAXDIM)
            return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                           "number of array dimensions (%d) exceeds the maximum allowed (%d)", da.nitems, OM_ARR_MAXDIM);
        int dims[OM_ARR_MAXDIM], lbs[OM_ARR_MAXDIM];
        for (int d = 0; d < da.nitems; d++) {
            memcpy(&dims[d], da.data + 4 * d, 4);
            if (fc->nargs > 2) memcpy(&lbs[d], la.data + 4 * d, 4);
            else lbs[d] = 1;
            if (dims[d] < 0)
                return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                               (int)OM_ARR_MAXITEMS);
        }
        int64_t total = arr_nitems(da.nitems, dims);
        if (total < 0 || total > 100000000) return too_big(fc);
        ArrBuild b;
        arr_build_init(&b, (OmTypeId)type_array_elem(fc->ret_type.id), fc->var);
        for (int64_t k2 = 0; k2 < total; k2++) {
            if ((k2 & 65535) == 65535 && om_intr_check(fc->err) < 0) return -1;
            arr_build_add(&b, args[0], i);
        }
        set_arr(out, i, arr_build_finish(&b, total ? da.nitems : 0, dims, lbs, fc->var));
    }
    return 0;
}

static int fn_trim_array(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    OmTypeId at = fc->arg_types[0].id;
    SEL_LOOP {
        OmArr a;
        arr_view(at, str_at(args[0], i), &a);
        int32_t k2 = ((const int32_t *)args[1]->data)[i];
        int len = a.ndim ? a.dims[0] : 0;
        if (k2 < 0 || k2 > len)
            return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "number of elements to trim must be between 0 and %d",
                           len);
        int per = len ? a.nitems / len : 0;
        int keep = (len - k2) * per;
        ArrBuild b;
        arr_build_init(&b, a.elem, fc->var);
        OmSlot s;
        om_slot_init(&s, a.phys);
        ArrIter it;
        arr_iter_init(&it, &a);
        for (int j = 0; j < keep && arr_iter_next(&it, &s.v, 0); j++) arr_build_add(&b, &s.v, 0);
        int dims[OM_ARR_MAXDIM];
        memcpy(dims, a.dims, sizeof dims);
        if (a.ndim) dims[0] = len - k2;
        set_arr(out, i, arr_build_finish(&b, a.ndim, dims, a.lbs, fc->var));
    }
    return 0;
}

/* width_bucket(operand, thresholds): how many thresholds are <= operand,
 * found by PostgreSQL's binary search (width_bucket_array), which assumes a
 * sorted array; an unsorted one gives the same answer as there. */
static int fn_width_bucket_arr(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    OmTypeId at = fc->arg_types[1].id;
    OmType et = om_type((OmTypeId)type_array_elem(at));
    SEL_LOOP {
        OmArr a;
        arr_view(at, str_at(args[1], i), &a);
        if (a.ndim > 1)
            return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "thresholds must be one-dimensional array");
        if (a.nulls)
            for (int k = 0; k < a.nitems; k++)
                if (arr_elem_null(&a, k))
                    return err_set(fc->err, ERRCODE_NULL_VALUE_NOT_ALLOWED, "thresholds array must not contain NULLs");
        OmSlot *el = a.nitems ? mem_alloc(fc->var, (size_t)a.nitems * sizeof *el) : NULL;
        ArrIter it;
        arr_iter_init(&it, &a);
        for (int k = 0; k < a.nitems; k++) {
            om_slot_init(&el[k], a.phys);
            arr_iter_next(&it, &el[k].v, 0);
        }
        int left = 0, right = a.nitems;
        while (left < right) {
            int mid = (left + right) / 2;
            if (type_compare(et, args[0], i, &el[mid].v, 0) < 0) right = mid;
            else left = mid + 1;
        }
        set_int(out, i, left);
    }
    return 0;
}

#define AA FN_ANYARRAY
#define AE FN_ANYELEM
#define I4 OM_T_INT4

static const FnDesc descs[] = {
    {"array_length", 2, {AA, I4}, I4, FN_STRICT, fn_array_length},
    {"array_lower", 2, {AA, I4}, I4, FN_STRICT, fn_array_lower},
    {"array_upper", 2, {AA, I4}, I4, FN_STRICT, fn_array_upper},
    {"array_ndims", 1, {AA}, I4, FN_STRICT, fn_array_ndims},
    {"array_dims", 1, {AA}, OM_T_TEXT, FN_STRICT, fn_array_dims},
    {"cardinality", 1, {AA}, I4, FN_STRICT, fn_cardinality},
    {"array_append", 2, {AA, AE}, AA, 0, fn_array_append},
    {"array_prepend", 2, {AE, AA}, AA, 0, fn_array_prepend},
    {"array_cat", 2, {AA, AA}, AA, 0, fn_array_cat},
    {"||", 2, {AA, AA}, AA, 0, fn_array_cat},
    {"||", 2, {AA, AE}, AA, 0, fn_array_append},
    {"||", 2, {AE, AA}, AA, 0, fn_array_prepend},
    {"array_position", 2, {AA, AE}, I4, 0, fn_array_position},
    {"array_position", 3, {AA, AE, I4}, I4, 0, fn_array_position},
    {"array_positions", 2, {AA, AE}, OM_T_ARR_INT4, 0, fn_array_positions},
    {"array_remove", 2, {AA, AE}, AA, 0, fn_array_remove},
    {"array_replace", 3, {AA, AE, AE}, AA, 0, fn_array_replace},
    {"@>", 2, {AA, AA}, OM_T_BOOL, FN_STRICT, fn_contains},
    {"<@", 2, {AA, AA}, OM_T_BOOL, FN_STRICT, fn_contained},
    {"&&", 2, {AA, AA}, OM_T_BOOL, FN_STRICT, fn_overlap},
    {"array_to_string", 2, {AA, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_array_to_string},
    {"array_to_string", 3, {AA, OM_T_TEXT, OM_T_TEXT}, OM_T_TEXT, FN_STABLE, fn_array_to_string},
    {"string_to_array", 2, {OM_T_TEXT, OM_T_TEXT}, OM_T_ARR_TEXT, 0, fn_string_to_array},
    {"string_to_array", 3, {OM_T_TEXT, OM_T_TEXT, OM_T_TEXT}, OM_T_ARR_TEXT, 0, fn_string_to_array},
    {"array_fill", 2, {AE, OM_T_ARR_INT4}, AA, 0, fn_array_fill},
    {"array_fill", 3, {AE, OM_T_ARR_INT4, OM_T_ARR_INT4}, AA, 0, fn_array_fill},
    {"trim_array", 2, {AA, I4}, AA, FN_STRICT, fn_trim_array},
    {"width_bucket", 2, {AE, AA}, I4, FN_STRICT, fn_width_bucket_arr},
};

const FnTable fn_array_table = {descs, (int)(sizeof descs / sizeof descs[0])};
