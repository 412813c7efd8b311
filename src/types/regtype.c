/*
 * regtype.c — the regtype OID alias type (what pg_typeof returns): input
 * of a type name (or a numeric OID), output as format_type_be prints it,
 * and its casts with the string types.
 *
 * Interface routines: ty_regtype_in, ty_regtype_out, reg_can_coerce,
 * reg_cast_vec (types_int.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "types_int.h"

/* Multi-word names format_type prints, which type_lookup spells otherwise. */
static const struct { const char *name, *as; } long_names[] = {
    {"timestamp without time zone", "timestamp"}, {"timestamp with time zone", "timestamptz"},
    {"time without time zone", "time"},           {"time with time zone", "timetz"},
    {"bit varying", "varbit"},
};

/* regtypein: "integer", "int4", "pg_catalog.int4", "character varying(10)",
 * "text[]", or a numeric OID (taken as it is, as PostgreSQL does). */
int ty_regtype_in(const char *s, size_t len, int32_t *out, OmError *err)
{
    while (len && isspace((unsigned char)*s)) s++, len--;
    while (len && isspace((unsigned char)s[len - 1])) len--;
    char name[128];
    if (len == 1 && s[0] == '-') {
        *out = 0; /* InvalidOid, as regtypeout prints it */
        return 0;
    }
    if (len == 0) return err_set(err, ERRCODE_SYNTAX_ERROR, "invalid type name \"\"");
    if (len >= sizeof name) goto missing;
    bool digits = true;
    for (size_t i = 0; i < len; i++) digits &= isdigit((unsigned char)s[i]) != 0;
    if (digits) {
        unsigned long long v = 0;
        for (size_t i = 0; i < len && v <= 0xFFFFFFFFull; i++) v = v * 10 + (unsigned)(s[i] - '0');
        if (v > 0xFFFFFFFFull) return ty_err_range_value("oid", s, len, err);
        *out = (int32_t)(uint32_t)v;
        return 0;
    }
    /* Lower case outside double quotes; drop a pg_catalog. qualifier and a
     * typmod; remember [] suffixes. */
    size_t n = 0;
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        name[n++] = quoted ? c : (char)tolower((unsigned char)c);
    }
    name[n] = '\0';
    bool array = false;
    while (n >= 2 && !strcmp(name + n - 2, "[]")) {
        array = true;
        n -= 2;
        name[n] = '\0';
        while (n && name[n - 1] == ' ') name[--n] = '\0';
    }
    char *paren = strchr(name, '(');
    if (paren) {
        *paren = '\0';
        n = (size_t)(paren - name);
        while (n && name[n - 1] == ' ') name[--n] = '\0';
    }
    const char *lookup = name;
    if (!strncmp(lookup, "pg_catalog.", 11)) lookup += 11;
    for (size_t i = 0; i < sizeof long_names / sizeof long_names[0]; i++)
        if (!strcmp(lookup, long_names[i].name)) lookup = long_names[i].as;
    OmType t;
    OmError e2 = {0};
    if (type_lookup_mods(lookup, NULL, 0, &t, &e2) < 0) goto missing;
    if (array) {
        int at = type_array_of(t.id);
        if (at < 0) goto missing;
        t.id = (OmTypeId)at;
    }
    *out = (int32_t)type_oid(t.id);
    return 0;
missing:
    return err_set(err, ERRCODE_UNDEFINED_OBJECT, "type \"%.*s\" does not exist", (int)len, s);
}

/* regtypeout: format_type_be's name, or the number for an unknown OID. */
void ty_regtype_out(int32_t oid, OmBuf *out)
{
    if (oid == 0) {
        buf_append_char(out, '-');
        return;
    }
    int t = type_from_oid((uint32_t)oid);
    if (t == OM_T_UNKNOWN) t = OM_T_NULL;
    if (t < 0) {
        buf_printf(out, "%u", (uint32_t)oid);
        return;
    }
    if (type_array_elem((OmTypeId)t) == OM_T_BPCHAR) buf_append_str(out, "character[]");
    else buf_append_str(out, type_name_be((OmTypeId)t));
}

bool reg_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled)
{
    *handled = from == OM_T_REGTYPE || to == OM_T_REGTYPE;
    if (!*handled) return false;
    if (from == to || from == OM_T_NULL || from == OM_T_UNKNOWN) return true;
    /* pg_cast: integers → regtype implicitly (through oid), back by assignment. */
    if (to == OM_T_REGTYPE && (from == OM_T_INT4 || from == OM_T_INT8 || from == OM_T_INT2)) return true;
    if (from == OM_T_REGTYPE && (to == OM_T_INT4 || to == OM_T_INT8)) return cc >= OM_COERCE_ASSIGNMENT;
    if (type_is_string(to)) return cc >= OM_COERCE_ASSIGNMENT;
    if (type_is_string(from)) return cc >= OM_COERCE_EXPLICIT;
    return false;
}

/* Through the text forms, a row at a time (a rare cast). */
int reg_cast_vec(OmType from, OmType to, OmCoerceCtx cc, const OmVector *in, OmVector *out, const uint16_t *sel,
                 int n, MemCtx *ctx, OmError *err)
{
    for (int k = 0; k < n; k++) {
        int i = sel ? sel[k] : k;
        bool null = from.id == OM_T_NULL || om_vec_is_null(in, i);
        om_vec_set_null(out, i, null);
        if (null) continue;
        if (type_is_integer(from.id)) {
            /* int8 → oid: 0 .. 2^32-1, negatives down to -2^31 wrap (oid's rule). */
            int64_t v = from.id == OM_T_INT8 ? ((const int64_t *)in->data)[i]
                        : from.id == OM_T_INT4 ? ((const int32_t *)in->data)[i]
                                               : ((const int16_t *)in->data)[i];
            if (v < INT32_MIN || v > (int64_t)UINT32_MAX)
                return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "OID out of range");
            ((int32_t *)out->data)[i] = (int32_t)(uint32_t)v;
            continue;
        }
        if (type_is_integer(to.id)) {
            uint32_t oid = (uint32_t)((const int32_t *)in->data)[i];
            if (to.id == OM_T_INT8) ((int64_t *)out->data)[i] = oid;
            else ((int32_t *)out->data)[i] = (int32_t)oid;
            continue;
        }
        if (to.id == OM_T_REGTYPE) {
            OmStr s = ((const OmStr *)in->data)[i];
            if (ty_regtype_in(s.ptr, s.len, &((int32_t *)out->data)[i], err) < 0) return -1;
            continue;
        }
        OmBuf b;
        buf_init(&b, ctx, 32);
        ty_regtype_out(((const int32_t *)in->data)[i], &b);
        OmStr *dst = &((OmStr *)out->data)[i];
        *dst = (OmStr){b.data, (uint32_t)b.len};
        if (to.id != OM_T_TEXT && to.typmod >= 0) {
            /* varchar(n) / char(n): the string cast applies the length. */
            uint64_t nw = 0;
            OmVector src = {OM_PHYS_STR, dst, &nw};
            OmStr res;
            uint64_t rn = 0;
            OmVector dv = {OM_PHYS_STR, &res, &rn};
            if (type_cast_vec(om_type(OM_T_TEXT), to, cc, &src, &dv, NULL, 1, ctx, err) < 0) return -1;
            *dst = res;
        }
    }
    return 0;
}
