/*
 * fn_json_srf.c — json's set-returning functions (fn_srf.h contract):
 * jsonb_array_elements[_text], json_array_elements[_text],
 * jsonb_each[_text], json_each[_text], jsonb_object_keys, json_object_keys,
 * with PostgreSQL 15's errors for the wrong kind of value.
 *
 * open() copies what it needs into fc->state_ctx (the jsonb bytes, or the
 * parsed json tree), so the argument vectors may go away between pieces.
 *
 * Interface routines: fn_srf_json_table (fn_tables.h).
 */
#include <string.h>

#include "fn_json_int.h"
#include "fn_srf.h"
#include "fn_tables.h"

typedef enum { SRF_ELEMS, SRF_EACH, SRF_KEYS } SrfKind;

typedef struct JsonSrf {
    bool jsonb;
    bool text;          /* values as text (the _text forms) */
    SrfKind what;
    const uint8_t *node; /* jsonb: the container */
    JsonNode *tree;     /* json: the parsed container */
    uint32_t n, pos;
} JsonSrf;

static int srf_open(FnCall *fc, const OmVector *const *args, int row, void **state, bool jsonb, bool text,
                    SrfKind what, const char *fname)
{
    JsonSrf *s = mem_new(fc->state_ctx, JsonSrf);
    s->jsonb = jsonb;
    s->text = text;
    s->what = what;
    OmStr v = ((const OmStr *)args[0]->data)[row];
    JsonKind k;
    if (jsonb) {
        char *copy = mem_alloc(fc->state_ctx, v.len ? v.len : 1);
        memcpy(copy, v.ptr, v.len);
        s->node = jsonb_root((OmStr){copy, v.len});
        k = jsonb_kind(s->node);
        s->n = jsonb_count(s->node);
    } else {
        if (json_parse(v.ptr, v.len, JSON_PARSE_TREE, fc->state_ctx, &s->tree, fc->err) < 0) return -1;
        k = (JsonKind)s->tree->kind;
        s->n = s->tree->n;
    }
    bool scalar = k != JSON_ARRAY && k != JSON_OBJECT;
    const char *msg = NULL;
    if (what == SRF_ELEMS && k != JSON_ARRAY) {
        if (jsonb) msg = scalar ? "cannot extract elements from a scalar" : "cannot extract elements from an object";
        else msg = scalar ? "cannot call %s on a scalar" : "cannot call %s on a non-array";
    } else if (what == SRF_EACH && k != JSON_OBJECT) {
        if (jsonb) msg = "cannot call %s on a non-object";
        else msg = scalar ? "cannot deconstruct a scalar" : "cannot deconstruct an array as an object";
    } else if (what == SRF_KEYS && k != JSON_OBJECT) {
        msg = scalar ? "cannot call %s on a scalar" : "cannot call %s on an array";
    }
    if (msg) return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, msg, fname);
    *state = s;
    return 0;
}

static void put_null(OmVector *v, int r) { om_vec_set_null(v, r, true); }

/* One value (element or pair value) into out row r. */
static void put_value(FnCall *fc, JsonSrf *s, uint32_t i, OmVector *out, int r)
{
    if (s->jsonb) {
        const uint8_t *v = s->what == SRF_ELEMS ? jsonb_elem(s->node, i) : jsonb_value(s->node, i);
        if (!s->text) {
            OmStr j = jsonb_from_node(v, fc->var);
            fn_set_str(out, r, j.ptr, j.len);
            return;
        }
        OmBuf b;
        buf_init(&b, fc->var, 16);
        bool isnull;
        jsonb_node_text(v, &b, &isnull);
        if (isnull) put_null(out, r);
        else fn_set_str(out, r, b.data, b.len);
        return;
    }
    JsonNode *v = s->tree->items[i];
    if (s->text && v->kind == JSON_NULL) put_null(out, r);
    else if (s->text && v->kind == JSON_STRING) fn_set_str(out, r, v->str, v->len);
    else fn_set_str(out, r, v->raw, v->rawlen);
}

static int srf_next(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced)
{
    JsonSrf *s = state;
    int r = 0;
    for (; r < max && s->pos < s->n; r++, s->pos++) {
        uint32_t i = s->pos;
        if (s->what == SRF_ELEMS) {
            put_value(fc, s, i, outs[0], r);
            continue;
        }
        const char *k;
        uint32_t kl;
        if (s->jsonb) k = jsonb_str(jsonb_key(s->node, i), &kl);
        else k = s->tree->keys[i], kl = s->tree->klens[i];
        fn_set_str(outs[0], r, k, kl);
        if (s->what == SRF_EACH) put_value(fc, s, i, outs[1], r);
    }
    *produced = r;
    return 0;
}

#define OPEN(NAME, JSONB, TEXT, WHAT)                                                                     \
    static int open_##NAME(FnCall *fc, const OmVector *const *args, int row, void **state)             \
    {                                                                                                  \
        return srf_open(fc, args, row, state, JSONB, TEXT, WHAT, #NAME);                               \
    }
OPEN(jsonb_array_elements, true, false, SRF_ELEMS)
OPEN(jsonb_array_elements_text, true, true, SRF_ELEMS)
OPEN(json_array_elements, false, false, SRF_ELEMS)
OPEN(json_array_elements_text, false, true, SRF_ELEMS)
OPEN(jsonb_each, true, false, SRF_EACH)
OPEN(jsonb_each_text, true, true, SRF_EACH)
OPEN(json_each, false, false, SRF_EACH)
OPEN(json_each_text, false, true, SRF_EACH)
OPEN(jsonb_object_keys, true, true, SRF_KEYS)
OPEN(json_object_keys, false, true, SRF_KEYS)

#define T OM_T_TEXT
#define J OM_T_JSON
#define JB OM_T_JSONB

static const FnSrfDesc srf_descs[] = {
    {"jsonb_array_elements", 1, {JB}, 1, {JB}, {"value"}, FN_STRICT, open_jsonb_array_elements, srf_next},
    {"jsonb_array_elements_text", 1, {JB}, 1, {T}, {"value"}, FN_STRICT, open_jsonb_array_elements_text, srf_next},
    {"json_array_elements", 1, {J}, 1, {J}, {"value"}, FN_STRICT, open_json_array_elements, srf_next},
    {"json_array_elements_text", 1, {J}, 1, {T}, {"value"}, FN_STRICT, open_json_array_elements_text, srf_next},
    {"jsonb_each", 1, {JB}, 2, {T, JB}, {"key", "value"}, FN_STRICT, open_jsonb_each, srf_next},
    {"jsonb_each_text", 1, {JB}, 2, {T, T}, {"key", "value"}, FN_STRICT, open_jsonb_each_text, srf_next},
    {"json_each", 1, {J}, 2, {T, J}, {"key", "value"}, FN_STRICT, open_json_each, srf_next},
    {"json_each_text", 1, {J}, 2, {T, T}, {"key", "value"}, FN_STRICT, open_json_each_text, srf_next},
    {"jsonb_object_keys", 1, {JB}, 1, {T}, {NULL}, FN_STRICT, open_jsonb_object_keys, srf_next},
    {"json_object_keys", 1, {J}, 1, {T}, {NULL}, FN_STRICT, open_json_object_keys, srf_next},
};

const FnSrfTable fn_srf_json_table = {srf_descs, (int)(sizeof srf_descs / sizeof srf_descs[0])};
