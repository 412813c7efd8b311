/*
 * json_cast.c — text input of json/jsonb, and the casts that involve them:
 * PostgreSQL's pg_cast rows (json ↔ jsonb assignment, jsonb → bool and the
 * number types explicit) and the I/O casts with the string types. cast.c and
 * io.c hand these types here.
 *
 * Interface routines: json_type_in, json_can_coerce, json_cast_vec (json.h).
 */
#include <string.h>

#include "json.h"
#include "types_int.h"

int json_type_in(OmTypeId t, const char *s, size_t len, OmStr *out, MemCtx *ctx, OmError *err)
{
    if (type_utf8_check(s, len, err) < 0) return -1;
    if (t == OM_T_JSONB) return jsonb_in(s, len, ctx, out, err);
    if (json_parse(s, len, JSON_PARSE_VALIDATE, ctx, NULL, err) < 0) return -1;
    out->ptr = mem_strndup(ctx, s, len);
    out->len = (uint32_t)len;
    return 0;
}

static bool jsonb_scalar_target(OmTypeId t)
{
    return t == OM_T_BOOL || t == OM_T_INT2 || t == OM_T_INT4 || t == OM_T_INT8 || t == OM_T_FLOAT4 ||
           t == OM_T_FLOAT8 || t == OM_T_NUMERIC;
}

bool json_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled)
{
    *handled = json_is_json(from) || json_is_json(to);
    if (!*handled) return false;
    if (from == to) return true;
    if (from == OM_T_NULL || from == OM_T_UNKNOWN) return to != OM_T_NULL && to != OM_T_UNKNOWN;
    if (json_is_json(from) && json_is_json(to)) return cc >= OM_COERCE_ASSIGNMENT;
    if (from == OM_T_JSONB && jsonb_scalar_target(to)) return cc >= OM_COERCE_EXPLICIT;
    if (type_is_string(to)) return cc >= OM_COERCE_ASSIGNMENT;
    if (type_is_string(from)) return cc >= OM_COERCE_EXPLICIT;
    return false;
}

/* cannotCastJsonbValue */
static int cannot_cast(const uint8_t *root, OmTypeId to, OmError *err)
{
    static const char *const kinds[] = {"null", "string", "numeric", "boolean"};
    JsonKind k = jsonb_kind(root);
    const char *what = k == JSON_ARRAY ? "array" : k == JSON_OBJECT ? "object" : kinds[k];
    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot cast jsonb %s to type %s", what, type_name_be(to));
}

/* jsonb → bool / a number type, as jsonb_bool, jsonb_int4 … (numbers go
 * through numeric's conversions). */
static int jsonb_to_scalar(OmStr jb, OmType to, OmVector *out, int i, MemCtx *ctx, OmError *err)
{
    const uint8_t *r = jsonb_root(jb);
    JsonKind k = jsonb_kind(r);
    if (to.id == OM_T_BOOL) {
        if (k != JSON_BOOL) return cannot_cast(r, to.id, err);
        ((uint8_t *)out->data)[i] = jsonb_bool(r);
        return 0;
    }
    if (k != JSON_NUMBER) return cannot_cast(r, to.id, err);
    uint32_t len;
    const char *s = jsonb_str(r, &len);
    switch (to.id) {
    case OM_T_NUMERIC:
        return type_numeric_in(s, len, to.typmod, &((OmStr *)out->data)[i], ctx, err);
    case OM_T_FLOAT4:
        return ty_parse_float4(s, len, &((float *)out->data)[i], ctx, err);
    case OM_T_FLOAT8:
        return ty_parse_float8(s, len, &((double *)out->data)[i], ctx, err);
    default: {
        OmNum n;
        int64_t v;
        if (ty_num_parse(s, len, &n, ctx, err) < 0 || ty_num_to_int(&n, to.id, &v, err) < 0) return -1;
        if (to.id == OM_T_INT2) ((int16_t *)out->data)[i] = (int16_t)v;
        else if (to.id == OM_T_INT4) ((int32_t *)out->data)[i] = (int32_t)v;
        else ((int64_t *)out->data)[i] = v;
        return 0;
    }
    }
}

int json_cast_vec(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, const uint16_t *sel,
                  int n, MemCtx *ctx, OmError *err)
{
    bool fs = type_is_string(from.id) || from.id == OM_T_UNKNOWN;
    OmBuf b;
    buf_init(&b, ctx, 64);
    for (int k = 0; k < n; k++) {
        int i = sel ? sel[k] : k;
        if (om_vec_is_null(in, i)) continue;
        om_vec_set_null(out, i, false);
        const OmStr src = ((const OmStr *)in->data)[i];
        /* Only string-like targets have an OmStr slot. */
        OmStr *dst = type_phys(to.id) == OM_PHYS_STR ? &((OmStr *)out->data)[i] : NULL;
        if (from.id == to.id) {
            *dst = src;
        } else if (json_is_json(to.id)) {
            const char *s = src.ptr;
            size_t len = src.len;
            if (from.id == OM_T_JSONB) { /* jsonb → json: its text */
                buf_init(&b, ctx, src.len + 16);
                jsonb_out(src, &b);
                s = b.data;
                len = b.len;
            }
            if (!fs && !json_is_json(from.id))
                return err_set(err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s", type_name_be(from.id),
                               type_name_be(to.id));
            if (from.id == OM_T_JSONB) {
                dst->ptr = s;
                dst->len = (uint32_t)len;
            } else if (json_type_in(to.id, s, len, dst, ctx, err) < 0) {
                return -1;
            }
        } else if (type_is_string(to.id)) {
            const char *s = src.ptr;
            size_t len = src.len;
            if (from.id == OM_T_JSONB) {
                buf_init(&b, ctx, src.len + 16);
                jsonb_out(src, &b);
                s = b.data;
                len = b.len;
            }
            size_t keep, pad;
            if (ty_str_fit(to.id, to.typmod, expl, s, len, &keep, &pad, err) < 0) return -1;
            char *p = mem_alloc(ctx, keep + pad + 1);
            memcpy(p, s, keep);
            memset(p + keep, ' ', pad);
            p[keep + pad] = '\0';
            dst->ptr = p;
            dst->len = (uint32_t)(keep + pad);
        } else if (from.id == OM_T_JSONB && jsonb_scalar_target(to.id)) {
            if (jsonb_to_scalar(src, to, out, i, ctx, err) < 0) return -1;
        } else {
            return err_set(err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s", type_name_be(from.id),
                           type_name_be(to.id));
        }
    }
    return 0;
}
