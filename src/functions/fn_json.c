/*
 * fn_json.c — json and jsonb operators and functions: -> ->> @> <@ ? || -,
 * jsonb_typeof/json_typeof, to_jsonb/to_json, the build functions,
 * array length, jsonb_pretty, strip_nulls and the extract_path family
 * (PostgreSQL 15's json.c, jsonb.c, jsonfuncs.c semantics and errors).
 *
 * Operators other than the comparisons are resolved like functions named
 * by the operator (binder/bind_expr.c sends them here). The text[] forms
 * (#> #>> ?| ?& - text[] #- jsonb_set jsonb_insert) are C functions in
 * types/json.h, wired where arrays live. Values are rendered to JSON by
 * fn_json_value (fn_json_int.h), shared with the set-returning functions.
 */
#include <stdio.h>
#include <string.h>

#include "../types/array.h"
#include "../types/datetime.h"
#include "../types/json.h"
#include "fn_json_int.h"
#include "fn_tables.h"

#define T OM_T_TEXT
#define J OM_T_JSON
#define JB OM_T_JSONB
#define I4 OM_T_INT4
#define B OM_T_BOOL

static inline OmStr arg_str(const OmVector *v, int i) { return ((const OmStr *)v->data)[i]; }

static void set_buf(OmVector *out, int i, const OmBuf *b) { fn_set_str(out, i, b->data, b->len); }

/* ---- rendering SQL values as JSON ------------------------------------------------- */

/* JsonEncodeDateTime: ISO text with 'T' between date and time, and a zone
 * always as +hh:mm. */
static void put_datetime(OmTypeId t, int64_t x, OmBuf *out)
{
    char buf[96];
    int n = dt_format(t, x, buf);
    buf[n] = '\0';
    if (t != OM_T_DATE && dt_ts_finite(x)) {
        char *sp = strchr(buf, ' ');
        if (sp) *sp = 'T';
        if (t == OM_T_TIMESTAMPTZ) {
            /* the zone follows the seconds: "+05" gets ":00" */
            char *z = sp ? sp + 1 : buf;
            while (*z && *z != '+' && *z != '-') z++;
            if (*z && strlen(z) == 3) {
                char *bc = strstr(buf, " BC");
                if (!bc) {
                    memcpy(z + 3, ":00", 4);
                    n += 3;
                }
            }
        }
        n = (int)strlen(buf);
    }
    json_escape(out, buf, (size_t)n);
}

/* array_to_json: nested JSON arrays following the dimensions, NULL as null. */
static bool array_json(OmType t, OmStr s, bool for_jsonb, OmBuf *out, MemCtx *ctx, OmError *err)
{
    OmArr a;
    arr_view(t.id, s, &a);
    if (a.nitems == 0) {
        buf_append_str(out, "[]");
        return true;
    }
    OmSlot e;
    om_slot_init(&e, a.phys);
    ArrIter it;
    arr_iter_init(&it, &a);
    OmType et = {a.elem, t.typmod};
    for (int d = 0; d < a.ndim; d++) buf_append_char(out, '[');
    for (int i = 0; arr_iter_next(&it, &e.v, 0); i++) {
        if (i > 0) {
            int closed = arr_closed_before(&a, i);
            for (int k = 0; k < closed; k++) buf_append_char(out, ']');
            buf_append_char(out, ',');
            for (int k = 0; k < closed; k++) buf_append_char(out, '[');
        }
        if (om_vec_is_null(&e.v, 0)) {
            buf_append_str(out, "null");
            continue;
        }
        int k;
        if (!fn_json_value(et, &e.v, 0, for_jsonb, false, out, ctx, err, &k)) return false;
    }
    for (int d = 0; d < a.ndim; d++) buf_append_char(out, ']');
    return true;
}

bool fn_json_value(OmType t, const OmVector *v, int row, bool for_jsonb, bool key, OmBuf *out, MemCtx *ctx,
                   OmError *err, int *kind)
{
    (void)ctx;
    (void)err;
    *kind = JSON_STRING;
    OmBuf tmp;
    switch (t.id) {
    case OM_T_BOOL:
        *kind = JSON_BOOL;
        buf_append_str(out, ((const uint8_t *)v->data)[row] ? "true" : "false");
        return true;
    case OM_T_INT2:
    case OM_T_INT4:
    case OM_T_INT8:
    case OM_T_FLOAT4:
    case OM_T_FLOAT8:
    case OM_T_NUMERIC: {
        buf_init(&tmp, ctx, 32);
        type_out(t, v, row, &tmp);
        char c = tmp.data[0];
        bool special = c == 'N' || c == 'I' || (c == '-' && tmp.data[1] == 'I');
        if (special) {
            json_escape(out, tmp.data, tmp.len);
        } else {
            *kind = JSON_NUMBER;
            buf_append(out, tmp.data, tmp.len);
        }
        return true;
    }
    case OM_T_DATE:
        put_datetime(t.id, ((const int32_t *)v->data)[row], out);
        return true;
    case OM_T_TIMESTAMP:
    case OM_T_TIMESTAMPTZ:
        put_datetime(t.id, ((const int64_t *)v->data)[row], out);
        return true;
    case OM_T_JSON:
    case OM_T_JSONB:
        *kind = JSON_OBJECT; /* "json": not allowed as a key */
        if (t.id == OM_T_JSON) buf_append(out, arg_str(v, row).ptr, arg_str(v, row).len);
        else jsonb_out(arg_str(v, row), out);
        return true;
    default:
        if (type_is_array(t.id)) {
            *kind = JSON_ARRAY;
            return array_json(t, arg_str(v, row), for_jsonb, out, ctx, err);
        }
        buf_init(&tmp, ctx, 32);
        type_out(t, v, row, &tmp);
        json_escape(out, tmp.data, tmp.len);
        return true;
    }
}

/* A SQL value as a jsonb tree node (datum_to_jsonb). */
JsonNode *fn_jsonb_node(OmType t, const OmVector *v, int row, MemCtx *ctx, OmError *err)
{
    JsonNode *n = mem_new(ctx, JsonNode);
    if (om_vec_is_null(v, row)) {
        n->kind = JSON_NULL;
        return n;
    }
    if (t.id == OM_T_JSONB) {
        n->bin = jsonb_root(arg_str(v, row));
        n->kind = (uint8_t)jsonb_kind(n->bin);
        return n;
    }
    if (t.id == OM_T_JSON) {
        OmStr s = arg_str(v, row);
        JsonNode *tree;
        if (json_parse(s.ptr, s.len, JSON_PARSE_JSONB, ctx, &tree, err) < 0) return NULL;
        return tree;
    }
    if (type_is_string(t.id) || t.id == OM_T_UNKNOWN) {
        OmStr s = arg_str(v, row);
        n->kind = JSON_STRING;
        n->str = s.ptr;
        n->len = s.len;
        return n;
    }
    OmBuf b;
    buf_init(&b, ctx, 32);
    int kind;
    fn_json_value(t, v, row, true, false, &b, ctx, err, &kind);
    if (kind == JSON_BOOL) {
        n->kind = JSON_BOOL;
        n->bval = b.data[0] == 't';
    } else if (kind == JSON_NUMBER) {
        OmStr num;
        if (type_numeric_in(b.data, b.len, -1, &num, ctx, err) < 0) return NULL;
        n->kind = JSON_NUMBER;
        n->str = num.ptr;
        n->len = num.len;
    } else {
        /* a quoted string: parse it back to get it unescaped */
        JsonNode *s;
        if (json_parse(b.data, b.len, JSON_PARSE_TREE, ctx, &s, err) < 0) return NULL;
        return s;
    }
    return n;
}

/* ---- -> and ->> ------------------------------------------------------------------ */

/* jsonb field / element: the node, or NULL. */
static const uint8_t *jsonb_get(OmStr jb, const OmVector *key, OmTypeId kt, int i)
{
    const uint8_t *r = jsonb_root(jb);
    if (kt == T) {
        OmStr k = arg_str(key, i);
        return r[0] == 'O' ? jsonb_find_key(r, k.ptr, k.len) : NULL;
    }
    int32_t idx = ((const int32_t *)key->data)[i];
    if (r[0] == 'O') return NULL;
    if (r[0] != 'A') return idx == 0 || idx == -1 ? r : NULL; /* a raw scalar is an array of one */
    uint32_t n = jsonb_count(r);
    if (idx < 0) {
        if ((uint32_t)(-(int64_t)idx) > n) return NULL;
        idx += (int32_t)n;
    }
    return (uint32_t)idx < n ? jsonb_elem(r, (uint32_t)idx) : NULL;
}

static int jsonb_arrow(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool text)
{
    OmTypeId kt = fc->arg_types[1].id;
    SEL_LOOP {
        const uint8_t *v = jsonb_get(arg_str(args[0], i), args[1], kt, i);
        if (!v) {
            om_vec_set_null(out, i, true);
            continue;
        }
        if (!text) {
            OmStr s = jsonb_from_node(v, fc->var);
            fn_set_str(out, i, s.ptr, s.len);
            continue;
        }
        OmBuf b;
        buf_init(&b, fc->var, 32);
        bool isnull;
        jsonb_node_text(v, &b, &isnull);
        if (isnull) om_vec_set_null(out, i, true);
        else set_buf(out, i, &b);
    }
    return 0;
}

static int fn_jsonb_arrow(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return jsonb_arrow(fc, a, o, sel, n, false);
}

static int fn_jsonb_arrow_text(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return jsonb_arrow(fc, a, o, sel, n, true);
}

/* json -> / ->>: the path of one element through json_path_get. */
static int json_arrow(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool text)
{
    OmTypeId kt = fc->arg_types[1].id;
    SEL_LOOP {
        OmStr js = arg_str(args[0], i), elem, res;
        char nb[16];
        if (kt == T) {
            elem = arg_str(args[1], i);
        } else {
            int l = snprintf(nb, sizeof nb, "%d", ((const int32_t *)args[1]->data)[i]);
            elem = (OmStr){nb, (uint32_t)l};
        }
        /* An integer never matches an object key, nor a text key an array index. */
        bool found = false;
        const char *p = js.ptr;
        uint32_t k = 0;
        while (k < js.len && (p[k] == ' ' || p[k] == '\t' || p[k] == '\n' || p[k] == '\r')) k++;
        char first = k < js.len ? p[k] : 0;
        if ((kt == T && first == '{') || (kt != T && first == '[')) {
            if (json_path_get(js, &elem, 1, text, fc->var, &res, &found, fc->err) < 0) return -1;
        } else if (json_parse(js.ptr, js.len, JSON_PARSE_TREE, fc->var, NULL, fc->err) < 0) {
            return -1;
        }
        if (!found) om_vec_set_null(out, i, true);
        else fn_set_str(out, i, res.ptr, res.len);
    }
    return 0;
}

static int fn_json_arrow(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return json_arrow(fc, a, o, sel, n, false);
}

static int fn_json_arrow_text(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return json_arrow(fc, a, o, sel, n, true);
}

/* ---- jsonb operators ---------------------------------------------------------------- */

static int fn_jsonb_contains(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        ((uint8_t *)o->data)[i] = jsonb_contains(arg_str(a[0], i), arg_str(a[1], i));
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_jsonb_contained(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        ((uint8_t *)o->data)[i] = jsonb_contains(arg_str(a[1], i), arg_str(a[0], i));
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_jsonb_exists(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr k = arg_str(a[1], i);
        ((uint8_t *)o->data)[i] = jsonb_exists(arg_str(a[0], i), k.ptr, k.len);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* jsonb_concat (IteratorConcat). */
static int concat_one(OmStr x, OmStr y, MemCtx *ctx, OmStr *out, OmError *err)
{
    const uint8_t *a = jsonb_root(x), *b = jsonb_root(y);
    bool ao = a[0] == 'O', bo = b[0] == 'O';
    bool as = !ao && a[0] != 'A', bs = !bo && b[0] != 'A';
    if (ao == bo) {
        if (!as && !bs && !ao && jsonb_count(a) == 0) return *out = y, 0;
        if (jsonb_count(a) == 0 && !bs && !as) return *out = y, 0;
        if (jsonb_count(b) == 0 && !as && !bs) return *out = x, 0;
    }
    JsonNode *t = mem_new(ctx, JsonNode);
    if (ao && bo) {
        JsonNode *l = jsonb_node_tree(a, ctx), *r = jsonb_node_tree(b, ctx);
        t->kind = JSON_OBJECT;
        t->n = l->n + r->n;
        t->items = mem_alloc(ctx, sizeof *t->items * (t->n + 1));
        t->keys = mem_alloc(ctx, sizeof *t->keys * (t->n + 1));
        t->klens = mem_alloc(ctx, sizeof *t->klens * (t->n + 1));
        for (uint32_t i = 0; i < l->n; i++) t->items[i] = l->items[i], t->keys[i] = l->keys[i], t->klens[i] = l->klens[i];
        for (uint32_t i = 0; i < r->n; i++)
            t->items[l->n + i] = r->items[i], t->keys[l->n + i] = r->keys[i], t->klens[l->n + i] = r->klens[i];
        return jsonb_from_tree(t, ctx, out, err);
    }
    /* Arrays (a raw scalar is an array of one; an object is one element). */
    const uint8_t *parts[2] = {a, b};
    uint32_t total = 0;
    for (int p = 0; p < 2; p++) total += parts[p][0] == 'A' ? jsonb_count(parts[p]) : 1;
    t->kind = JSON_ARRAY;
    t->items = mem_alloc(ctx, sizeof *t->items * (total + 1));
    for (int p = 0; p < 2; p++) {
        const uint8_t *c = parts[p];
        uint32_t cn = c[0] == 'A' ? jsonb_count(c) : 1;
        for (uint32_t i = 0; i < cn; i++) {
            JsonNode *e = mem_new(ctx, JsonNode);
            e->bin = c[0] == 'A' ? jsonb_elem(c, i) : c;
            e->kind = (uint8_t)jsonb_kind(e->bin);
            t->items[t->n++] = e;
        }
    }
    return jsonb_from_tree(t, ctx, out, err);
}

static int fn_jsonb_concat(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr r;
        if (concat_one(arg_str(a[0], i), arg_str(a[1], i), fc->var, &r, fc->err) < 0) return -1;
        fn_set_str(o, i, r.ptr, r.len);
    }
    return 0;
}

static int fn_jsonb_delete(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr r, k = arg_str(a[1], i);
        if (jsonb_delete_keys(arg_str(a[0], i), &k, 1, fc->var, &r, fc->err) < 0) return -1;
        fn_set_str(o, i, r.ptr, r.len);
    }
    return 0;
}

static int fn_jsonb_delete_idx(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr jb = arg_str(a[0], i);
        const uint8_t *r = jsonb_root(jb);
        if (r[0] == 'O')
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot delete from object using integer index");
        if (r[0] != 'A') return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot delete from scalar");
        int64_t idx = ((const int32_t *)a[1]->data)[i], cnt = jsonb_count(r);
        if (idx < 0) idx = -idx > cnt ? cnt : cnt + idx;
        if (idx >= cnt) {
            fn_set_str(o, i, jb.ptr, jb.len);
            continue;
        }
        JsonNode *t = jsonb_node_tree(r, fc->var);
        memmove(&t->items[idx], &t->items[idx + 1], sizeof t->items[0] * (size_t)(cnt - idx - 1));
        t->n--;
        OmStr res;
        if (jsonb_from_tree(t, fc->var, &res, fc->err) < 0) return -1;
        fn_set_str(o, i, res.ptr, res.len);
    }
    return 0;
}

/* ---- inspection --------------------------------------------------------------------- */

static const char *kind_name(JsonKind k)
{
    switch (k) {
    case JSON_NULL: return "null";
    case JSON_STRING: return "string";
    case JSON_NUMBER: return "number";
    case JSON_BOOL: return "boolean";
    case JSON_ARRAY: return "array";
    default: return "object";
    }
}

static int fn_jsonb_typeof(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        const char *s = kind_name(jsonb_kind(jsonb_root(arg_str(a[0], i))));
        fn_set_str(o, i, s, strlen(s));
    }
    return 0;
}

static int fn_json_typeof(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr js = arg_str(a[0], i);
        JsonNode *t;
        if (json_parse(js.ptr, js.len, JSON_PARSE_TREE, fc->var, &t, fc->err) < 0) return -1;
        const char *s = kind_name((JsonKind)t->kind);
        fn_set_str(o, i, s, strlen(s));
    }
    return 0;
}

static int fn_jsonb_array_length(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        const uint8_t *r = jsonb_root(arg_str(a[0], i));
        if (r[0] == 'O')
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot get array length of a non-array");
        if (r[0] != 'A') return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot get array length of a scalar");
        ((int32_t *)o->data)[i] = (int32_t)jsonb_count(r);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_json_array_length(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr js = arg_str(a[0], i);
        JsonNode *t;
        if (json_parse(js.ptr, js.len, JSON_PARSE_TREE, fc->var, &t, fc->err) < 0) return -1;
        if (t->kind == JSON_OBJECT)
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot get array length of a non-array");
        if (t->kind != JSON_ARRAY)
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot get array length of a scalar");
        ((int32_t *)o->data)[i] = (int32_t)t->n;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_jsonb_pretty(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmBuf b;
        buf_init(&b, fc->var, arg_str(a[0], i).len * 2 + 16);
        jsonb_node_out(jsonb_root(arg_str(a[0], i)), true, &b);
        set_buf(o, i, &b);
    }
    return 0;
}

/* ---- strip_nulls ------------------------------------------------------------------ */

static JsonNode *strip_jsonb(const uint8_t *node, MemCtx *ctx)
{
    JsonNode *t = jsonb_node_tree(node, ctx);
    if (t->kind != JSON_ARRAY && t->kind != JSON_OBJECT) {
        t = mem_new(ctx, JsonNode);
        t->kind = (uint8_t)jsonb_kind(node);
        t->bin = node;
        return t;
    }
    uint32_t m = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        JsonNode *c = t->items[i];
        if (t->kind == JSON_OBJECT && c->kind == JSON_NULL) continue;
        if (c->kind == JSON_ARRAY || c->kind == JSON_OBJECT) c = strip_jsonb(c->bin, ctx);
        t->items[m] = c;
        if (t->keys) t->keys[m] = t->keys[i], t->klens[m] = t->klens[i];
        m++;
    }
    t->n = m;
    return t;
}

static int fn_jsonb_strip_nulls(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr r;
        if (jsonb_from_tree(strip_jsonb(jsonb_root(arg_str(a[0], i)), fc->var), fc->var, &r, fc->err) < 0) return -1;
        fn_set_str(o, i, r.ptr, r.len);
    }
    return 0;
}

/* json_strip_nulls re-emits the tokens without whitespace. */
static void strip_json(const JsonNode *t, OmBuf *b)
{
    switch (t->kind) {
    case JSON_STRING: json_escape(b, t->str, t->len); return;
    case JSON_ARRAY:
    case JSON_OBJECT: {
        bool obj = t->kind == JSON_OBJECT, first = true;
        buf_append_char(b, obj ? '{' : '[');
        for (uint32_t i = 0; i < t->n; i++) {
            if (obj && t->items[i]->kind == JSON_NULL) continue;
            if (!first) buf_append_char(b, ',');
            first = false;
            if (obj) {
                json_escape(b, t->keys[i], t->klens[i]);
                buf_append_char(b, ':');
            }
            strip_json(t->items[i], b);
        }
        buf_append_char(b, obj ? '}' : ']');
        return;
    }
    default: buf_append(b, t->raw, t->rawlen); return;
    }
}

static int fn_json_strip_nulls(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr js = arg_str(a[0], i);
        JsonNode *t;
        if (json_parse(js.ptr, js.len, JSON_PARSE_TREE, fc->var, &t, fc->err) < 0) return -1;
        OmBuf b;
        buf_init(&b, fc->var, js.len + 8);
        strip_json(t, &b);
        set_buf(o, i, &b);
    }
    return 0;
}

/* ---- extract_path (variadic text) ------------------------------------------------------ */

static int extract_path(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool text)
{
    bool jb = fc->arg_types[0].id == JB;
    int np = fc->nargs - 1;
    OmStr *path = mem_alloc(fc->var, sizeof *path * (size_t)(np ? np : 1));
    for (int k = 0, i; k < n && ((i = sel[k]), 1); k++) {
        if (om_vec_is_null(a[0], i)) {
            om_vec_set_null(o, i, true);
            continue;
        }
        bool null_elem = false;
        for (int p = 0; p < np; p++) {
            if (om_vec_is_null(a[p + 1], i)) null_elem = true;
            else path[p] = arg_str(a[p + 1], i);
        }
        OmStr r;
        bool found = false;
        if (!null_elem) {
            if (jb) {
                if (jsonb_path_get(arg_str(a[0], i), path, np, fc->var, &r, &found, fc->err) < 0) return -1;
                if (found && text) {
                    OmBuf b;
                    buf_init(&b, fc->var, r.len + 8);
                    jsonb_node_text(jsonb_root(r), &b, &null_elem);
                    r = (OmStr){b.data, (uint32_t)b.len};
                    found = !null_elem;
                }
            } else if (json_path_get(arg_str(a[0], i), path, np, text, fc->var, &r, &found, fc->err) < 0) {
                return -1;
            }
        }
        if (!found) om_vec_set_null(o, i, true);
        else fn_set_str(o, i, r.ptr, r.len);
    }
    return 0;
}

static int fn_extract_path(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return extract_path(fc, a, o, sel, n, false);
}

static int fn_extract_path_text(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return extract_path(fc, a, o, sel, n, true);
}

/* ---- construction ------------------------------------------------------------------ */

static int fn_to_json(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmBuf b;
        buf_init(&b, fc->var, 32);
        int kind;
        fn_json_value(fc->arg_types[0], a[0], i, false, false, &b, fc->var, fc->err, &kind);
        set_buf(o, i, &b);
    }
    return 0;
}

static int fn_to_jsonb(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    SEL_LOOP {
        JsonNode *t = fn_jsonb_node(fc->arg_types[0], a[0], i, fc->var, fc->err);
        OmStr r;
        if (!t || jsonb_from_tree(t, fc->var, &r, fc->err) < 0) return -1;
        fn_set_str(o, i, r.ptr, r.len);
    }
    return 0;
}

/* The text of a key (datum_to_json(b) with key_scalar): not NULL, not json
 * or an array. */
static int key_text(FnCall *fc, const OmVector *v, int argno, int i, bool jsonb, OmStr *out)
{
    OmType t = fc->arg_types[argno];
    if (om_vec_is_null(v, i) || t.id == OM_T_NULL) {
        if (jsonb) return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "argument %d: key must not be null", argno + 1);
        err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "argument %d cannot be null", argno + 1);
        err_hint(fc->err, "Object keys should be text.");
        return -1;
    }
    if (json_is_json(t.id) || type_is_array(t.id))
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "key value must be scalar, not array, composite, or json");
    if (type_is_string(t.id) || t.id == OM_T_UNKNOWN) {
        *out = arg_str(v, i);
        return 0;
    }
    OmBuf b;
    buf_init(&b, fc->var, 32);
    int kind;
    fn_json_value(t, v, i, jsonb, true, &b, fc->var, fc->err, &kind);
    if (kind == JSON_STRING) {
        JsonNode *s;
        if (json_parse(b.data, b.len, JSON_PARSE_TREE, fc->var, &s, fc->err) < 0) return -1;
        *out = (OmStr){s->str, s->len};
    } else {
        *out = (OmStr){b.data, (uint32_t)b.len};
    }
    return 0;
}

static int build(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool jsonb, bool obj)
{
    if (obj && fc->nargs % 2) {
        err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "argument list must have even number of elements");
        err_hint(fc->err, "The arguments of %s() must consist of alternating keys and values.",
                 jsonb ? "jsonb_build_object" : "json_build_object");
        return -1;
    }
    SEL_LOOP {
        if (jsonb) {
            JsonNode *t = mem_new(fc->var, JsonNode);
            int m = obj ? fc->nargs / 2 : fc->nargs;
            t->kind = obj ? JSON_OBJECT : JSON_ARRAY;
            t->items = mem_alloc(fc->var, sizeof *t->items * (size_t)(m + 1));
            if (obj) {
                t->keys = mem_alloc(fc->var, sizeof *t->keys * (size_t)(m + 1));
                t->klens = mem_alloc(fc->var, sizeof *t->klens * (size_t)(m + 1));
            }
            for (int p = 0; p < fc->nargs; p++) {
                if (obj && p % 2 == 0) {
                    OmStr k;
                    if (key_text(fc, a[p], p, i, true, &k) < 0) return -1;
                    t->keys[t->n] = k.ptr;
                    t->klens[t->n] = k.len;
                    continue;
                }
                JsonNode *v = fn_jsonb_node(fc->arg_types[p], a[p], i, fc->var, fc->err);
                if (!v) return -1;
                t->items[t->n++] = v;
            }
            OmStr r;
            if (jsonb_from_tree(t, fc->var, &r, fc->err) < 0) return -1;
            fn_set_str(o, i, r.ptr, r.len);
            continue;
        }
        OmBuf b;
        buf_init(&b, fc->var, 64);
        buf_append_char(&b, obj ? '{' : '[');
        for (int p = 0; p < fc->nargs; p++) {
            if (obj && p % 2 == 0) {
                OmStr k;
                if (key_text(fc, a[p], p, i, false, &k) < 0) return -1;
                if (p) buf_append(&b, ", ", 2);
                json_escape(&b, k.ptr, k.len);
                buf_append(&b, " : ", 3);
                continue;
            }
            if (!obj && p) buf_append(&b, ", ", 2);
            int kind;
            if (om_vec_is_null(a[p], i) || fc->arg_types[p].id == OM_T_NULL) buf_append_str(&b, "null");
            else if (type_is_string(fc->arg_types[p].id) || fc->arg_types[p].id == OM_T_UNKNOWN)
                json_escape(&b, arg_str(a[p], i).ptr, arg_str(a[p], i).len);
            else fn_json_value(fc->arg_types[p], a[p], i, false, false, &b, fc->var, fc->err, &kind);
        }
        buf_append_char(&b, obj ? '}' : ']');
        set_buf(o, i, &b);
    }
    return 0;
}

static int fn_jsonb_build_object(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return build(fc, a, o, sel, n, true, true);
}

static int fn_json_build_object(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return build(fc, a, o, sel, n, false, true);
}

static int fn_jsonb_build_array(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return build(fc, a, o, sel, n, true, false);
}

static int fn_json_build_array(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return build(fc, a, o, sel, n, false, false);
}

static const FnDesc descs[] = {
    {"->", 2, {JB, T}, JB, FN_STRICT, fn_jsonb_arrow},
    {"->", 2, {JB, I4}, JB, FN_STRICT, fn_jsonb_arrow},
    {"->", 2, {J, T}, J, FN_STRICT, fn_json_arrow},
    {"->", 2, {J, I4}, J, FN_STRICT, fn_json_arrow},
    {"->>", 2, {JB, T}, T, FN_STRICT, fn_jsonb_arrow_text},
    {"->>", 2, {JB, I4}, T, FN_STRICT, fn_jsonb_arrow_text},
    {"->>", 2, {J, T}, T, FN_STRICT, fn_json_arrow_text},
    {"->>", 2, {J, I4}, T, FN_STRICT, fn_json_arrow_text},
    {"@>", 2, {JB, JB}, B, FN_STRICT, fn_jsonb_contains},
    {"<@", 2, {JB, JB}, B, FN_STRICT, fn_jsonb_contained},
    {"?", 2, {JB, T}, B, FN_STRICT, fn_jsonb_exists},
    {"||", 2, {JB, JB}, JB, FN_STRICT, fn_jsonb_concat},
    {"-", 2, {JB, T}, JB, FN_STRICT, fn_jsonb_delete},
    {"-", 2, {JB, I4}, JB, FN_STRICT, fn_jsonb_delete_idx},
    {"jsonb_typeof", 1, {JB}, T, FN_STRICT, fn_jsonb_typeof},
    {"json_typeof", 1, {J}, T, FN_STRICT, fn_json_typeof},
    {"jsonb_array_length", 1, {JB}, I4, FN_STRICT, fn_jsonb_array_length},
    {"json_array_length", 1, {J}, I4, FN_STRICT, fn_json_array_length},
    {"jsonb_pretty", 1, {JB}, T, FN_STRICT, fn_jsonb_pretty},
    {"jsonb_strip_nulls", 1, {JB}, JB, FN_STRICT, fn_jsonb_strip_nulls},
    {"json_strip_nulls", 1, {J}, J, FN_STRICT, fn_json_strip_nulls},
    {"jsonb_extract_path", 2, {JB, T}, JB, FN_VARIADIC, fn_extract_path},
    {"jsonb_extract_path_text", 2, {JB, T}, T, FN_VARIADIC, fn_extract_path_text},
    {"json_extract_path", 2, {J, T}, J, FN_VARIADIC, fn_extract_path},
    {"json_extract_path_text", 2, {J, T}, T, FN_VARIADIC, fn_extract_path_text},
    {"to_json", 1, {FN_ANY}, J, FN_STRICT | FN_STABLE, fn_to_json},
    {"to_jsonb", 1, {FN_ANY}, JB, FN_STRICT | FN_STABLE, fn_to_jsonb},
    {"jsonb_build_object", 0, {0}, JB, FN_STABLE, fn_jsonb_build_object},
    {"jsonb_build_object", 1, {FN_ANY}, JB, FN_VARIADIC | FN_STABLE, fn_jsonb_build_object},
    {"json_build_object", 0, {0}, J, FN_STABLE, fn_json_build_object},
    {"json_build_object", 1, {FN_ANY}, J, FN_VARIADIC | FN_STABLE, fn_json_build_object},
    {"jsonb_build_array", 0, {0}, JB, FN_STABLE, fn_jsonb_build_array},
    {"jsonb_build_array", 1, {FN_ANY}, JB, FN_VARIADIC | FN_STABLE, fn_jsonb_build_array},
    {"json_build_array", 0, {0}, J, FN_STABLE, fn_json_build_array},
    {"json_build_array", 1, {FN_ANY}, J, FN_VARIADIC | FN_STABLE, fn_json_build_array},
};

const FnTable fn_json_table = {descs, (int)(sizeof descs / sizeof descs[0])};
