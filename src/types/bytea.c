/*
 * bytea.c — the bytea and uuid types: PostgreSQL 15's byteain / byteaout
 * (hex and escape formats, bytea_output) and uuid_in / uuid_out, and the
 * casts that involve them (cast.c hands every such cast over).
 *
 * io.c's type_in / type_out call the input and output routines; casts from
 * the string types run the same input routines, casts to them the output
 * routines, exactly as PostgreSQL's CoerceViaIO does.
 *
 * Interface routines: ty_bytea_in, ty_bytea_out, ty_hex_decode,
 * ty_hex_encode, ty_uuid_in, ty_uuid_out, by_can_coerce, by_cast_vec
 * (bytea.h).
 */
#include <string.h>

#include "../common/session_params.h"
#include "bytea.h"
#include "types_int.h"

static const char hexdig[] = "0123456789abcdef";

static inline int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* ---- hex ------------------------------------------------------------------------- */

/* get_hex's error quotes the whole (multibyte) character at p. */
static int err_hex_digit(const char *p, const char *end, OmError *err)
{
    unsigned char c = (unsigned char)*p;
    int l = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 1;
    if (l > end - p) l = (int)(end - p);
    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid hexadecimal digit: \"%.*s\"", l, p);
}

int ty_hex_decode(const char *s, size_t len, unsigned char *dst, size_t *outlen, OmError *err)
{
    const char *p = s, *end = s + len;
    size_t k = 0;
    while (p < end) {
        /* Only these four separate pairs (not \v or \f, unlike isspace). */
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            p++;
            continue;
        }
        int hi = hexval((unsigned char)*p);
        if (hi < 0) return err_hex_digit(p, end, err);
        p++;
        if (p >= end)
            return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
        int lo = hexval((unsigned char)*p);
        if (lo < 0) return err_hex_digit(p, end, err);
        p++;
        dst[k++] = (unsigned char)(hi << 4 | lo);
    }
    *outlen = k;
    return 0;
}

void ty_hex_encode(const unsigned char *p, size_t len, OmBuf *out)
{
    buf_reserve(out, len * 2);
    char *d = out->data + out->len;
    for (size_t i = 0; i < len; i++) {
        d[2 * i] = hexdig[p[i] >> 4];
        d[2 * i + 1] = hexdig[p[i] & 15];
    }
    out->len += len * 2;
    out->data[out->len] = '\0';
}

/* ---- bytea ------------------------------------------------------------------------ */

static inline bool is_oct(char c) { return c >= '0' && c <= '7'; }

int ty_bytea_in(const char *s, size_t len, OmStr *out, MemCtx *ctx, OmError *err)
{
    if (type_utf8_check(s, len, err) < 0) return -1;
    if (len >= 2 && s[0] == '\\' && s[1] == 'x') {
        unsigned char *d = mem_alloc(ctx, (len - 2) / 2 + 1);
        size_t n;
        if (ty_hex_decode(s + 2, len - 2, d, &n, err) < 0) return -1;
        out->ptr = (const char *)d;
        out->len = (uint32_t)n;
        return 0;
    }
    /* The escape format: validate and count first, as byteain does. */
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        if (s[i] != '\\') i++;
        else if (i + 3 < len && s[i + 1] >= '0' && s[i + 1] <= '3' && is_oct(s[i + 2]) && is_oct(s[i + 3])) i += 4;
        else if (i + 1 < len && s[i + 1] == '\\') i += 2;
        else return err_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
    }
    char *d = mem_alloc(ctx, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] != '\\') d[k++] = s[i++];
        else if (s[i + 1] == '\\') d[k++] = '\\', i += 2;
        else {
            d[k++] = (char)(((s[i + 1] - '0') << 6) | ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
            i += 4;
        }
    }
    out->ptr = d;
    out->len = (uint32_t)k;
    return 0;
}

void ty_bytea_out(const char *p, size_t len, OmBuf *out)
{
    const unsigned char *u = (const unsigned char *)p;
    if (om_params()->bytea_output_hex) {
        buf_append(out, "\\x", 2);
        ty_hex_encode(u, len, out);
        return;
    }
    /* escape: backslash doubled, non-printable ASCII and high bytes as \ooo */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = u[i];
        if (c == '\\') {
            buf_append(out, "\\\\", 2);
        } else if (c < 0x20 || c > 0x7e) {
            char o[4] = {'\\', (char)('0' + (c >> 6)), (char)('0' + ((c >> 3) & 7)), (char)('0' + (c & 7))};
            buf_append(out, o, 4);
        } else {
            buf_append_char(out, (char)c);
        }
    }
}

/* ---- uuid ------------------------------------------------------------------------- */

int ty_uuid_in(const char *s, size_t len, OmStr *out, MemCtx *ctx, OmError *err)
{
    unsigned char *d = mem_alloc(ctx, 17);
    size_t i = 0;
    bool braces = len > 0 && s[0] == '{';
    if (braces) i++;
    for (int b = 0; b < 16; b++) {
        if (i + 1 >= len) return ty_err_syntax("uuid", s, len, err);
        int hi = hexval((unsigned char)s[i]), lo = hexval((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0) return ty_err_syntax("uuid", s, len, err);
        d[b] = (unsigned char)(hi << 4 | lo);
        i += 2;
        /* string_to_uuid: one hyphen may follow any group of four digits
         * but the last. */
        if (i < len && s[i] == '-' && (b & 1) && b < 15) i++;
    }
    if (braces) {
        if (i >= len || s[i] != '}') return ty_err_syntax("uuid", s, len, err);
        i++;
    }
    if (i != len) return ty_err_syntax("uuid", s, len, err);
    out->ptr = (const char *)d;
    out->len = 16;
    return 0;
}

void ty_uuid_out(const char *p, size_t len, OmBuf *out)
{
    const unsigned char *u = (const unsigned char *)p;
    for (size_t b = 0; b < len; b++) {
        if (b == 4 || b == 6 || b == 8 || b == 10) buf_append_char(out, '-');
        char h[2] = {hexdig[u[b] >> 4], hexdig[u[b] & 15]};
        buf_append(out, h, 2);
    }
}

/* ---- casts ------------------------------------------------------------------------ */

bool by_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled)
{
    *handled = by_is_mine(from) || by_is_mine(to);
    if (!*handled) return false;
    if (from == to) return true;
    if (from == OM_T_NULL || from == OM_T_UNKNOWN) return to != OM_T_NULL && to != OM_T_UNKNOWN;
    /* find_coercion_pathway's CoerceViaIO; pg_cast has no rows for these. */
    if (type_is_string(to)) return cc >= OM_COERCE_ASSIGNMENT;
    if (type_is_string(from)) return cc >= OM_COERCE_EXPLICIT;
    return false;
}

int by_cast_vec(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, const uint16_t *sel, int n,
                MemCtx *ctx, OmError *err)
{
    const OmStr *src = (const OmStr *)in->data;
    OmStr *dst = (OmStr *)out->data;
    bool to_str = type_is_string(to.id) || to.id == OM_T_UNKNOWN;
    OmBuf b;
    if (to_str) buf_init(&b, ctx, 64);
    for (int k = 0; k < n; k++) {
        int i = sel ? sel[k] : k;
        if (om_vec_is_null(in, i)) continue;
        OmStr s = src[i];
        if (from.id == to.id) {
            dst[i] = s;
        } else if (to.id == OM_T_BYTEA || to.id == OM_T_UUID) {
            /* From a string type: its output text is the input (char(n)
             * keeps its padding, as bpcharout prints it). */
            int rc = to.id == OM_T_BYTEA ? ty_bytea_in(s.ptr, s.len, &dst[i], ctx, err)
                                         : ty_uuid_in(s.ptr, s.len, &dst[i], ctx, err);
            if (rc < 0) return -1;
        } else if (to_str) {
            buf_reset(&b);
            if (from.id == OM_T_BYTEA) ty_bytea_out(s.ptr, s.len, &b);
            else ty_uuid_out(s.ptr, s.len, &b);
            size_t keep, pad;
            if (ty_str_fit(to.id, to.typmod, expl, b.data, b.len, &keep, &pad, err) < 0) return -1;
            char *p = mem_alloc(ctx, keep + pad + 1);
            memcpy(p, b.data, keep);
            memset(p + keep, ' ', pad);
            p[keep + pad] = '\0';
            dst[i].ptr = p;
            dst[i].len = (uint32_t)(keep + pad);
        } else {
            return err_set(err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s", type_name_be(from.id),
                           type_name_be(to.id));
        }
    }
    return 0;
}
