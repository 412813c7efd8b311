/*
 * fn_bytea2.c — bytea's codecs and digests, and gen_random_uuid:
 * md5(bytea), sha224/256/384/512, encode/decode ('hex', 'base64',
 * 'escape', PostgreSQL 15's encode.c rules and errors), convert,
 * convert_to, convert_from and length(bytea, encoding), and
 * gen_random_uuid() (version 4, from getrandom(2)).
 *
 * Encodings: the database is UTF8. convert* know UTF8, LATIN1 and
 * SQL_ASCII under every name PostgreSQL accepts for them; the other
 * encoding names PostgreSQL knows are recognised (so the error is not
 * "invalid encoding name") but report 0A000 (docs/compatibility.md).
 * Digests use OpenSSL's libcrypto (EVP), as md5(text) does.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include <openssl/evp.h>

#include "../types/bytea.h"
#include "fn_tables.h"

/* ---- digests ------------------------------------------------------------------------ */

static int digest_rows(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                       const EVP_MD *md, bool as_hex_text)
{
    const OmStr *s = args[0]->data;
    SEL_LOOP {
        unsigned char d[EVP_MAX_MD_SIZE];
        unsigned int dl = 0;
        if (!EVP_Digest(s[i].ptr, s[i].len, d, &dl, md, NULL))
            return err_set(fc->err, ERRCODE_OUT_OF_MEMORY, "could not compute the hash");
        if (as_hex_text) {
            OmBuf b;
            buf_init(&b, fc->var, dl * 2 + 1);
            ty_hex_encode(d, dl, &b);
            fn_set_str(out, i, b.data, b.len);
        } else {
            char *r = mem_alloc(fc->var, dl + 1);
            memcpy(r, d, dl);
            fn_set_str(out, i, r, dl);
        }
    }
    return 0;
}

static int fn_md5(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return digest_rows(fc, a, o, sel, n, EVP_md5(), true);
}
static int fn_sha224(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return digest_rows(fc, a, o, sel, n, EVP_sha224(), false);
}
static int fn_sha256(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return digest_rows(fc, a, o, sel, n, EVP_sha256(), false);
}
static int fn_sha384(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return digest_rows(fc, a, o, sel, n, EVP_sha384(), false);
}
static int fn_sha512(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return digest_rows(fc, a, o, sel, n, EVP_sha512(), false);
}

/* ---- encode / decode ------------------------------------------------------------------ */

typedef enum { CODEC_NONE, CODEC_HEX, CODEC_BASE64, CODEC_ESCAPE } Codec;

static Codec codec_of(OmStr name)
{
    static const char *const names[] = {"hex", "base64", "escape"};
    for (int k = 0; k < 3; k++)
        if (name.len == strlen(names[k]) && !strncasecmp(name.ptr, names[k], name.len)) return (Codec)(k + 1);
    return CODEC_NONE;
}

static int err_codec(OmError *err, OmStr name)
{
    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "unrecognized encoding: \"%.*s\"", (int)name.len, name.ptr);
}

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* b64_encode: a newline after every 76 characters of output. */
static void base64_encode(const unsigned char *p, size_t len, OmBuf *b)
{
    size_t line = 0, i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        char q[4] = {b64chars[v >> 18], b64chars[(v >> 12) & 63], b64chars[(v >> 6) & 63], b64chars[v & 63]};
        buf_append(b, q, 4);
        if ((line += 4) >= 76) {
            buf_append_char(b, '\n');
            line = 0;
        }
    }
    if (i < len) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < len ? (uint32_t)p[i + 1] << 8 : 0);
        char q[4] = {b64chars[v >> 18], b64chars[(v >> 12) & 63], i + 1 < len ? b64chars[(v >> 6) & 63] : '=', '='};
        buf_append(b, q, 4);
    }
}

static int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* b64_decode, faithfully: blanks skipped anywhere; '=' is allowed only as
 * the third or fourth symbol of a group and then fixes how many bytes each
 * later group yields; the symbols must end on a group boundary. */
static int base64_decode(const char *s, size_t len, unsigned char *dst, size_t *outlen, OmError *err)
{
    uint32_t acc = 0;
    int pos = 0, end = 0;
    size_t k = 0;
    for (size_t j = 0; j < len; j++) {
        unsigned char c = (unsigned char)s[j];
        int v;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c == '=') {
            if (!end) {
                if (pos == 2) end = 1;
                else if (pos == 3) end = 2;
                else
                    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                                   "unexpected \"=\" while decoding base64 sequence");
            }
            v = 0;
        } else if ((v = b64val(c)) < 0) {
            int l = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
            if ((size_t)l > len - j) l = (int)(len - j);
            return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                           "invalid symbol \"%.*s\" found while decoding base64 sequence", l, s + j);
        }
        acc = acc << 6 | (uint32_t)v;
        if (++pos == 4) {
            dst[k++] = (unsigned char)(acc >> 16);
            if (end == 0 || end > 1) dst[k++] = (unsigned char)(acc >> 8);
            if (end == 0 || end > 2) dst[k++] = (unsigned char)acc;
            acc = 0;
            pos = 0;
        }
    }
    if (pos != 0) {
        err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid base64 end sequence");
        err_hint(err, "Input data is missing padding, is truncated, or is otherwise corrupted.");
        return -1;
    }
    *outlen = k;
    return 0;
}

/* esc_encode: NUL and bytes >= 0x80 as \ooo, backslash doubled. */
static void escape_encode(const unsigned char *p, size_t len, OmBuf *b)
{
    for (size_t j = 0; j < len; j++) {
        unsigned char c = p[j];
        if (c == 0 || c >= 0x80) {
            char o[4] = {'\\', (char)('0' + (c >> 6)), (char)('0' + ((c >> 3) & 7)), (char)('0' + (c & 7))};
            buf_append(b, o, 4);
        } else if (c == '\\') {
            buf_append(b, "\\\\", 2);
        } else {
            buf_append_char(b, (char)c);
        }
    }
}

static int fn_encode(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data, *nm = args[1]->data;
    SEL_LOOP {
        Codec c = codec_of(nm[i]);
        if (c == CODEC_NONE) return err_codec(fc->err, nm[i]);
        const unsigned char *p = (const unsigned char *)s[i].ptr;
        OmBuf b;
        buf_init(&b, fc->var, (size_t)s[i].len * 2 + 8);
        if (c == CODEC_HEX) ty_hex_encode(p, s[i].len, &b);
        else if (c == CODEC_BASE64) base64_encode(p, s[i].len, &b);
        else escape_encode(p, s[i].len, &b);
        if (b.len > FN_MAX_ALLOC)
            return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "result of encoding conversion is too large");
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

static int fn_decode(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data, *nm = args[1]->data;
    SEL_LOOP {
        Codec c = codec_of(nm[i]);
        if (c == CODEC_NONE) return err_codec(fc->err, nm[i]);
        size_t k = 0;
        if (c == CODEC_ESCAPE) {
            /* The escape format is byteain's (without the \x form). */
            OmStr r;
            if (s[i].len >= 2 && s[i].ptr[0] == '\\' && s[i].ptr[1] == 'x') {
                /* \x is not special to decode(..., 'escape'): '\x' is a bad escape */
                return err_set(fc->err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type bytea");
            }
            if (ty_bytea_in(s[i].ptr, s[i].len, &r, fc->var, fc->err) < 0) return -1;
            fn_set_str(out, i, r.ptr, r.len);
            continue;
        }
        unsigned char *d = mem_alloc(fc->var, (size_t)s[i].len + 1);
        int rc = c == CODEC_HEX ? ty_hex_decode(s[i].ptr, s[i].len, d, &k, fc->err)
                                : base64_decode(s[i].ptr, s[i].len, d, &k, fc->err);
        if (rc < 0) return -1;
        fn_set_str(out, i, (const char *)d, k);
    }
    return 0;
}

/* ---- encodings ------------------------------------------------------------------------- */

typedef enum { ENC_OTHER = 0, ENC_UTF8, ENC_LATIN1, ENC_SQL_ASCII } Enc;

/* PostgreSQL's encoding names (pg_encname_tbl: lower case, alphanumerics
 * only) with their official names. */
static const struct { const char *alias, *name; } enc_names[] = {
    {"abc", "WIN1258"}, {"alt", "WIN866"}, {"big5", "BIG5"}, {"euccn", "EUC_CN"},
    {"eucjis2004", "EUC_JIS_2004"}, {"eucjp", "EUC_JP"}, {"euckr", "EUC_KR"}, {"euctw", "EUC_TW"},
    {"gb18030", "GB18030"}, {"gbk", "GBK"}, {"iso88591", "LATIN1"}, {"iso885910", "LATIN6"},
    {"iso885913", "LATIN7"}, {"iso885914", "LATIN8"}, {"iso885915", "LATIN9"}, {"iso885916", "LATIN10"},
    {"iso88592", "LATIN2"}, {"iso88593", "LATIN3"}, {"iso88594", "LATIN4"}, {"iso88595", "ISO_8859_5"},
    {"iso88596", "ISO_8859_6"}, {"iso88597", "ISO_8859_7"}, {"iso88598", "ISO_8859_8"}, {"iso88599", "LATIN5"},
    {"johab", "JOHAB"}, {"koi8", "KOI8R"}, {"koi8r", "KOI8R"}, {"koi8u", "KOI8U"}, {"latin1", "LATIN1"},
    {"latin10", "LATIN10"}, {"latin2", "LATIN2"}, {"latin3", "LATIN3"}, {"latin4", "LATIN4"},
    {"latin5", "LATIN5"}, {"latin6", "LATIN6"}, {"latin7", "LATIN7"}, {"latin8", "LATIN8"},
    {"latin9", "LATIN9"}, {"mskanji", "SJIS"}, {"muleinternal", "MULE_INTERNAL"}, {"shiftjis", "SJIS"},
    {"shiftjis2004", "SHIFT_JIS_2004"}, {"sjis", "SJIS"}, {"sqlascii", "SQL_ASCII"}, {"tcvn", "WIN1258"},
    {"tcvn5712", "WIN1258"}, {"uhc", "UHC"}, {"unicode", "UTF8"}, {"utf8", "UTF8"}, {"vscii", "WIN1258"},
    {"win", "WIN1251"}, {"win1250", "WIN1250"}, {"win1251", "WIN1251"}, {"win1252", "WIN1252"},
    {"win1253", "WIN1253"}, {"win1254", "WIN1254"}, {"win1255", "WIN1255"}, {"win1256", "WIN1256"},
    {"win1257", "WIN1257"}, {"win1258", "WIN1258"}, {"win866", "WIN866"}, {"win874", "WIN874"},
    {"win932", "SJIS"}, {"win936", "GBK"}, {"win949", "UHC"}, {"win950", "BIG5"},
    {"windows1250", "WIN1250"}, {"windows1251", "WIN1251"}, {"windows1252", "WIN1252"},
    {"windows1253", "WIN1253"}, {"windows1254", "WIN1254"}, {"windows1255", "WIN1255"},
    {"windows1256", "WIN1256"}, {"windows1257", "WIN1257"}, {"windows1258", "WIN1258"},
    {"windows866", "WIN866"}, {"windows874", "WIN874"}, {"windows932", "SJIS"}, {"windows936", "GBK"},
    {"windows949", "UHC"}, {"windows950", "BIG5"},
};

/* pg_char_to_encoding: the official name of s, or NULL. The argument is of
 * type name in PostgreSQL (at most 63 bytes; longer is no encoding). */
static const char *enc_lookup(OmStr s, Enc *e)
{
    char key[64];
    size_t k = 0;
    if (s.len == 0 || s.len >= 64) return NULL;
    for (uint32_t j = 0; j < s.len; j++) {
        unsigned char c = (unsigned char)s.ptr[j];
        if (isalnum(c)) key[k++] = (char)tolower(c);
    }
    key[k] = '\0';
    for (size_t j = 0; j < sizeof enc_names / sizeof enc_names[0]; j++) {
        if (strcmp(key, enc_names[j].alias)) continue;
        const char *nm = enc_names[j].name;
        *e = !strcmp(nm, "UTF8") ? ENC_UTF8 : !strcmp(nm, "LATIN1") ? ENC_LATIN1
           : !strcmp(nm, "SQL_ASCII") ? ENC_SQL_ASCII : ENC_OTHER;
        return nm;
    }
    return NULL;
}

/* pg_verify_mbstr for a single-byte encoding: only NUL is invalid. */
static int verify_single(const char *name, OmStr s, OmError *err)
{
    if (s.len && memchr(s.ptr, 0, s.len))
        return err_set(err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"%s\": 0x00",
                       name);
    return 0;
}

static int verify(Enc e, const char *name, OmStr s, OmError *err)
{
    return e == ENC_UTF8 ? type_utf8_check(s.ptr, s.len, err) : verify_single(name, s, err);
}

/* pg_convert: verify s in the source encoding, then convert (a no-op
 * between equal encodings and into SQL_ASCII; out of SQL_ASCII the bytes
 * must already be valid in the target). */
static int convert_one(FnCall *fc, OmStr s, Enc se, const char *sname, Enc de, const char *dname, OmStr *out)
{
    if (se == ENC_OTHER || de == ENC_OTHER)
        return err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "conversion from %s to %s is not supported yet",
                       sname, dname);
    if (verify(se, sname, s, fc->err) < 0) return -1;
    *out = s;
    if (se == de || de == ENC_SQL_ASCII || s.len == 0) return 0;
    if (se == ENC_SQL_ASCII) return verify(de, dname, s, fc->err);
    const unsigned char *p = (const unsigned char *)s.ptr;
    if (se == ENC_LATIN1) { /* → UTF8 */
        char *r = mem_alloc(fc->var, (size_t)s.len * 2 + 1), *q = r;
        for (uint32_t j = 0; j < s.len; j++) {
            if (p[j] < 0x80) {
                *q++ = (char)p[j];
            } else {
                *q++ = (char)(0xc0 | p[j] >> 6);
                *q++ = (char)(0x80 | (p[j] & 0x3f));
            }
        }
        out->ptr = r;
        out->len = (uint32_t)(q - r);
        return 0;
    }
    /* UTF8 → LATIN1: code points up to U+00FF. */
    char *r = mem_alloc(fc->var, (size_t)s.len + 1), *q = r;
    for (uint32_t j = 0; j < s.len;) {
        if (p[j] < 0x80) {
            *q++ = (char)p[j++];
        } else if ((p[j] == 0xc2 || p[j] == 0xc3) && j + 1 < s.len) {
            *q++ = (char)((p[j] & 0x03) << 6 | (p[j + 1] & 0x3f));
            j += 2;
        } else {
            int l = p[j] >= 0xf0 ? 4 : p[j] >= 0xe0 ? 3 : 2;
            char hex[40];
            size_t h = 0;
            for (int b = 0; b < l && j + (uint32_t)b < s.len; b++)
                h += (size_t)snprintf(hex + h, sizeof hex - h, b ? " 0x%02x" : "0x%02x", p[j + (uint32_t)b]);
            return err_set(fc->err, ERRCODE_UNTRANSLATABLE_CHARACTER,
                           "character with byte sequence %s in encoding \"UTF8\" has no equivalent in encoding \"%s\"",
                           hex, dname);
        }
    }
    out->ptr = r;
    out->len = (uint32_t)(q - r);
    return 0;
}

static int err_enc_name(OmError *err, const char *what, OmStr s)
{
    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid %s encoding name \"%.*s\"", what, (int)s.len,
                   s.ptr);
}

/* convert_to(text, dest), convert_from(bytea, src), convert(bytea, src, dest). */
static int convert_rows(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                        int src_arg, int dst_arg)
{
    const OmStr *s = args[0]->data;
    SEL_LOOP {
        Enc se = ENC_UTF8, de = ENC_UTF8;
        const char *sn = "UTF8", *dn = "UTF8";
        if (src_arg >= 0) {
            OmStr a = ((const OmStr *)args[src_arg]->data)[i];
            if (!(sn = enc_lookup(a, &se))) return err_enc_name(fc->err, "source", a);
        }
        if (dst_arg >= 0) {
            OmStr a = ((const OmStr *)args[dst_arg]->data)[i];
            if (!(dn = enc_lookup(a, &de))) return err_enc_name(fc->err, "destination", a);
        }
        OmStr r = {0};
        if (convert_one(fc, s[i], se, sn, de, dn, &r) < 0) return -1;
        fn_set_str(out, i, r.ptr, r.len);
    }
    return 0;
}

static int fn_convert_to(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return convert_rows(fc, a, o, sel, n, -1, 1);
}
static int fn_convert_from(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return convert_rows(fc, a, o, sel, n, 1, -1);
}
static int fn_convert(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return convert_rows(fc, a, o, sel, n, 1, 2);
}

/* length(bytea, encoding): characters of the bytes read in that encoding. */
static int fn_length_enc(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data, *nm = args[1]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        Enc e = ENC_OTHER;
        const char *name = enc_lookup(nm[i], &e);
        if (!name)
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid encoding name \"%.*s\"",
                           (int)nm[i].len, nm[i].ptr);
        if (e == ENC_OTHER)
            return err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "encoding %s is not supported yet", name);
        if (verify(e, name, s[i], fc->err) < 0) return -1;
        r[i] = (int32_t)(e == ENC_UTF8 ? type_utf8_strlen(s[i].ptr, s[i].len) : s[i].len);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- gen_random_uuid ------------------------------------------------------------------- */

static int fn_gen_random_uuid(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    (void)args;
    SEL_LOOP {
        unsigned char *u = mem_alloc(fc->var, 17);
        for (size_t got = 0; got < 16;) {
            ssize_t r = getrandom(u + got, 16 - got, 0);
            if (r < 0) return err_set(fc->err, ERRCODE_INTERNAL_ERROR, "could not generate random values");
            got += (size_t)r;
        }
        u[6] = (unsigned char)((u[6] & 0x0f) | 0x40); /* version 4 */
        u[8] = (unsigned char)((u[8] & 0x3f) | 0x80); /* RFC 4122 variant */
        fn_set_str(out, i, (const char *)u, 16);
    }
    return 0;
}

/* ---- the table ------------------------------------------------------------------------- */

#define B OM_T_BYTEA
#define T OM_T_TEXT

static const FnDesc descs[] = {
    {"md5", 1, {B}, T, FN_STRICT, fn_md5},
    {"sha224", 1, {B}, B, FN_STRICT, fn_sha224},
    {"sha256", 1, {B}, B, FN_STRICT, fn_sha256},
    {"sha384", 1, {B}, B, FN_STRICT, fn_sha384},
    {"sha512", 1, {B}, B, FN_STRICT, fn_sha512},
    {"encode", 2, {B, T}, T, FN_STRICT, fn_encode},
    {"decode", 2, {T, T}, B, FN_STRICT, fn_decode},
    /* PostgreSQL's encoding arguments are of type name; text stands in. */
    {"convert_to", 2, {T, T}, B, FN_STRICT | FN_STABLE, fn_convert_to},
    {"convert_from", 2, {B, T}, T, FN_STRICT | FN_STABLE, fn_convert_from},
    {"convert", 3, {B, T, T}, B, FN_STRICT | FN_STABLE, fn_convert},
    {"length", 2, {B, T}, OM_T_INT4, FN_STRICT | FN_STABLE, fn_length_enc},
    {"gen_random_uuid", 0, {0}, OM_T_UUID, FN_VOLATILE, fn_gen_random_uuid},
};

const FnTable fn_bytea2_table = {descs, sizeof descs / sizeof descs[0]};
