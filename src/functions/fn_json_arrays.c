/*
 * fn_json_arrays.c — the json/jsonb operators and functions that take a
 * text[] (paths and key lists): #> #>> ?| ?& - #- jsonb_set jsonb_insert,
 * json_object / jsonb_object.
 * The work is in types/jsonb_path.c over lists of strings; this file turns
 * the array argument into such a list (a NULL element is {NULL, 0}, which
 * those functions treat as PostgreSQL does).
 */
#include "../types/array.h"
#include "../types/json.h"
#include "fn_tables.h"

/* The elements of a text[] argument as strings in ctx. PostgreSQL walks
 * the array's elements whatever its dimensions. */
static OmStr *text_list(OmStr arr, MemCtx *ctx, int *n)
{
    OmArr a;
    arr_view(OM_T_ARR_TEXT, arr, &a);
    OmStr *items = mem_new_array(ctx, OmStr, a.nitems > 0 ? a.nitems : 1);
    OmSlot s;
    om_slot_init(&s, OM_PHYS_STR);
    ArrIter it;
    arr_iter_init(&it, &a);
    for (int i = 0; arr_iter_next(&it, &s.v, 0); i++)
        items[i] = om_vec_is_null(&s.v, 0) ? (OmStr){NULL, 0} : s.val.s;
    *n = a.nitems;
    return items;
}

static OmStr str_at(const OmVector *v, int i) { return ((const OmStr *)v->data)[i]; }

static void set_str(OmVector *out, int i, OmStr s)
{
    ((OmStr *)out->data)[i] = s;
    om_vec_set_null(out, i, false);
}

/* #> and #>> for jsonb; as_text gives #>>. */
static int jsonb_path_op(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                         bool as_text)
{
    SEL_LOOP {
        int np;
        OmStr *path = text_list(str_at(args[1], i), fc->var, &np);
        OmStr r;
        bool found;
        if (jsonb_path_get(str_at(args[0], i), path, np, fc->var, &r, &found, fc->err) < 0) return -1;
        if (!found) {
            om_vec_set_null(out, i, true);
            continue;
        }
        if (!as_text) {
            set_str(out, i, r);
            continue;
        }
        OmBuf b;
        buf_init(&b, fc->var, 32);
        bool isnull;
        jsonb_node_text(jsonb_root(r), &b, &isnull);
        if (isnull) om_vec_set_null(out, i, true);
        else set_str(out, i, (OmStr){b.data, (uint32_t)b.len});
    }
    return 0;
}
static int fn_jsonb_path(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return jsonb_path_op(fc, a, o, sel, n, false);
}
static int fn_jsonb_path_text(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return jsonb_path_op(fc, a, o, sel, n, true);
}

static int json_path_op(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                        bool as_text)
{
    SEL_LOOP {
        int np;
        OmStr *path = text_list(str_at(args[1], i), fc->var, &np);
        OmStr r;
        bool found;
        if (json_path_get(str_at(args[0], i), path, np, as_text, fc->var, &r, &found, fc->err) < 0) return -1;
        if (found) set_str(out, i, r);
        else om_vec_set_null(out, i, true);
    }
    return 0;
}
static int fn_json_path(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return json_path_op(fc, a, o, sel, n, false);
}
static int fn_json_path_text(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return json_path_op(fc, a, o, sel, n, true);
}

static int exists_op(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool all)
{
    SEL_LOOP {
        int nk;
        OmStr *keys = text_list(str_at(args[1], i), fc->var, &nk);
        OmStr jb = str_at(args[0], i);
        ((uint8_t *)out->data)[i] = all ? jsonb_exists_all(jb, keys, nk) : jsonb_exists_any(jb, keys, nk);
        om_vec_set_null(out, i, false);
    }
    return 0;
}
static int fn_exists_any(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return exists_op(fc, a, o, sel, n, false);
}
static int fn_exists_all(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return exists_op(fc, a, o, sel, n, true);
}

static int fn_delete_keys(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        int nk;
        OmStr *keys = text_list(str_at(args[1], i), fc->var, &nk);
        OmStr r;
        if (jsonb_delete_keys(str_at(args[0], i), keys, nk, fc->var, &r, fc->err) < 0) return -1;
        set_str(out, i, r);
    }
    return 0;
}

static int fn_delete_path(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        int np;
        OmStr *path = text_list(str_at(args[1], i), fc->var, &np);
        OmStr r;
        if (jsonb_delete_path(str_at(args[0], i), path, np, fc->var, &r, fc->err) < 0) return -1;
        set_str(out, i, r);
    }
    return 0;
}

/* jsonb_set(target, path, value [, create_if_missing = true]) and
 * jsonb_insert(target, path, value [, insert_after = false]). */
static int set_op(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool insert)
{
    SEL_LOOP {
        int np;
        OmStr *path = text_list(str_at(args[1], i), fc->var, &np);
        bool flag = fc->nargs > 3 ? ((const uint8_t *)args[3]->data)[i] : !insert;
        OmStr r;
        int rc = insert ? jsonb_insert_path(str_at(args[0], i), path, np, str_at(args[2], i), flag, fc->var, &r, fc->err)
                        : jsonb_set_path(str_at(args[0], i), path, np, str_at(args[2], i), flag, fc->var, &r, fc->err);
        if (rc < 0) return -1;
        set_str(out, i, r);
    }
    return 0;
}
static int fn_jsonb_set(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return set_op(fc, a, o, sel, n, false);
}
static int fn_jsonb_insert(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return set_op(fc, a, o, sel, n, true);
}

/* json_object(text[]) / json_object(keys text[], values text[]) and the
 * jsonb forms: a one-dimensional array of alternating keys and values, a
 * two-column two-dimensional array, or two matching arrays. Values are
 * strings (or null); json prints "k" : "v", jsonb normalizes. */
static int object_op(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool jsonb)
{
    SEL_LOOP {
        OmArr a, b = {0};
        arr_view(OM_T_ARR_TEXT, str_at(args[0], i), &a);
        bool pairs = fc->nargs == 1;
        if (!pairs) arr_view(OM_T_ARR_TEXT, str_at(args[1], i), &b);
        if (pairs) {
            if (a.ndim == 1 && a.nitems % 2)
                return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "array must have even number of elements");
            if (a.ndim == 2 && a.dims[1] != 2)
                return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "array must have two columns");
            if (a.ndim > 2) return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
        } else {
            if (a.ndim > 1 || b.ndim > 1)
                return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "wrong number of array subscripts");
            if (a.nitems != b.nitems) return err_set(fc->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "mismatched array dimensions");
        }
        int nk, nv = 0;
        OmStr *ka = text_list(str_at(args[0], i), fc->var, &nk);
        OmStr *va = pairs ? NULL : text_list(str_at(args[1], i), fc->var, &nv);
        int npairs = pairs ? nk / 2 : nk;
        OmBuf buf;
        buf_init(&buf, fc->var, 64);
        buf_append_char(&buf, '{');
        for (int k = 0; k < npairs; k++) {
            OmStr key = pairs ? ka[2 * k] : ka[k], val = pairs ? ka[2 * k + 1] : va[k];
            if (!key.ptr)
                return err_set(fc->err, ERRCODE_NULL_VALUE_NOT_ALLOWED, "null value not allowed for object key");
            if (k) buf_append_str(&buf, ", ");
            json_escape(&buf, key.ptr, key.len);
            buf_append_str(&buf, " : ");
            if (val.ptr) json_escape(&buf, val.ptr, val.len);
            else buf_append_str(&buf, "null");
        }
        buf_append_char(&buf, '}');
        OmStr r = {buf.data, (uint32_t)buf.len};
        if (jsonb && jsonb_in(buf.data, buf.len, fc->var, &r, fc->err) < 0) return -1;
        set_str(out, i, r);
    }
    return 0;
}
static int fn_json_object(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return object_op(fc, a, o, sel, n, false);
}
static int fn_jsonb_object(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return object_op(fc, a, o, sel, n, true);
}

#define JB OM_T_JSONB
#define JS OM_T_JSON
#define TA OM_T_ARR_TEXT

static const FnDesc descs[] = {
    {"#>", 2, {JB, TA}, JB, FN_STRICT, fn_jsonb_path},
    {"#>>", 2, {JB, TA}, OM_T_TEXT, FN_STRICT, fn_jsonb_path_text},
    {"#>", 2, {JS, TA}, JS, FN_STRICT, fn_json_path},
    {"#>>", 2, {JS, TA}, OM_T_TEXT, FN_STRICT, fn_json_path_text},
    {"?|", 2, {JB, TA}, OM_T_BOOL, FN_STRICT, fn_exists_any},
    {"?&", 2, {JB, TA}, OM_T_BOOL, FN_STRICT, fn_exists_all},
    {"-", 2, {JB, TA}, JB, FN_STRICT, fn_delete_keys},
    {"#-", 2, {JB, TA}, JB, FN_STRICT, fn_delete_path},
    {"jsonb_set", 3, {JB, TA, JB}, JB, FN_STRICT, fn_jsonb_set},
    {"jsonb_set", 4, {JB, TA, JB, OM_T_BOOL}, JB, FN_STRICT, fn_jsonb_set},
    {"jsonb_insert", 3, {JB, TA, JB}, JB, FN_STRICT, fn_jsonb_insert},
    {"jsonb_insert", 4, {JB, TA, JB, OM_T_BOOL}, JB, FN_STRICT, fn_jsonb_insert},
    {"json_object", 1, {TA}, JS, FN_STRICT, fn_json_object},
    {"json_object", 2, {TA, TA}, JS, FN_STRICT, fn_json_object},
    {"jsonb_object", 1, {TA}, JB, FN_STRICT, fn_jsonb_object},
    {"jsonb_object", 2, {TA, TA}, JB, FN_STRICT, fn_jsonb_object},
};

const FnTable fn_json_arrays_table = {descs, (int)(sizeof descs / sizeof descs[0])};
