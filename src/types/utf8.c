/*
 * utf8.c — UTF-8 validation and character counting, as PostgreSQL does them
 * for a UTF8 database (pg_verify_mbstr, pg_utf8_islegal, pg_mbstrlen,
 * pg_mbcharcliplen), and the error texts of the input functions.
 *
 * Every string that enters as text (type_in, casts from unknown) is checked
 * here; after that, strings in vectors are known to be valid UTF-8.
 *
 * Interface routines: type_utf8_check, type_utf8_valid, type_utf8_strlen,
 * type_utf8_clip (types.h); ty_err_syntax, ty_err_range_value (types_int.h).
 */
#include <stdio.h>
#include <string.h>

#include "types_int.h"

#define HIGH_BITS 0x8080808080808080ULL
#define LOW_BITS 0x0101010101010101ULL

/* pg_utf_mblen: the length the lead byte announces (1 for invalid leads). */
static inline int utf8_mblen(unsigned char c)
{
    if (c < 0x80) return 1;
    if ((c & 0xe0) == 0xc0) return 2;
    if ((c & 0xf0) == 0xe0) return 3;
    if ((c & 0xf8) == 0xf0) return 4;
    return 1;
}

/* pg_utf8_islegal for a sequence of length l (1..4). */
static bool utf8_legal(const unsigned char *s, int l)
{
    unsigned char a;
    switch (l) {
    case 4:
        a = s[3];
        if (a < 0x80 || a > 0xbf) return false;
        /* fall through */
    case 3:
        a = s[2];
        if (a < 0x80 || a > 0xbf) return false;
        /* fall through */
    case 2:
        a = s[1];
        switch (s[0]) {
        case 0xe0: if (a < 0xa0 || a > 0xbf) return false; break;
        case 0xed: if (a < 0x80 || a > 0x9f) return false; break;
        case 0xf0: if (a < 0x90 || a > 0xbf) return false; break;
        case 0xf4: if (a < 0x80 || a > 0x8f) return false; break;
        default: if (a < 0x80 || a > 0xbf) return false; break;
        }
        /* fall through */
    case 1:
        a = s[0];
        if (a >= 0x80 && a < 0xc2) return false;
        if (a > 0xf4) return false;
        break;
    default:
        return false;
    }
    return true;
}

/* Offset of the first invalid byte sequence (or NUL), len if none. */
static size_t utf8_first_bad(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        /* 8 ASCII, non-NUL bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w & HIGH_BITS) || ((w - LOW_BITS) & ~w & HIGH_BITS)) break;
            i += 8;
        }
        if (i >= len) break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) return i;
            i++;
            continue;
        }
        int l = utf8_mblen(c);
        if ((size_t)l > len - i || !utf8_legal(s + i, l)) return i;
        i += (size_t)l;
    }
    return len;
}

bool type_utf8_valid(const char *s, size_t len) { return utf8_first_bad(s, len) == len; }

int type_utf8_check(const char *s, size_t len, OmError *err)
{
    size_t bad = utf8_first_bad(s, len);
    if (bad == len) return 0;
    /* report_invalid_encoding: the bytes of the offending character, as far
     * as its lead byte announces and the string goes (at most 8). */
    const unsigned char *p = (const unsigned char *)s + bad;
    size_t l = (size_t)utf8_mblen(*p), rest = len - bad;
    if (l > rest) l = rest;
    if (l > 8) l = 8;
    char buf[8 * 5 + 1];
    size_t n = 0;
    for (size_t j = 0; j < l; j++) n += (size_t)snprintf(buf + n, sizeof buf - n, j ? " 0x%02x" : "0x%02x", p[j]);
    return err_set(err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": %s",
                   buf);
}

size_t type_utf8_strlen(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t n = 0, i = 0;
    /* Count the bytes that are not continuation bytes (10xxxxxx). */
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = w & ~(w << 1) & HIGH_BITS; /* bit7 set, bit6 clear */
        n += 8 - (size_t)__builtin_popcountll(cont);
    }
    for (; i < len; i++) n += (s[i] & 0xc0) != 0x80;
    return n;
}

size_t type_utf8_clip(const char *str, size_t len, size_t nchars)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len && nchars > 0) {
        size_t l = (size_t)utf8_mblen(s[i]);
        i += l;
        nchars--;
    }
    return i < len ? i : len;
}

/* ---- input error texts --------------------------------------------------------------- */

const char *ty_input_name(OmTypeId t)
{
    switch (t) {
    case OM_T_BOOL: return "boolean";
    case OM_T_INT2: return "smallint";
    case OM_T_INT4: return "integer";
    case OM_T_INT8: return "bigint";
    case OM_T_FLOAT4: return "real";
    case OM_T_FLOAT8: return "double precision";
    case OM_T_NUMERIC: return "numeric";
    default: return "text";
    }
}

int ty_err_syntax(const char *tname, const char *s, size_t len, OmError *err)
{
    if (type_utf8_check(s, len, err) < 0) return -1;
    return err_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type %s: \"%.*s\"", tname,
                   (int)len, s);
}

int ty_err_range_value(const char *tname, const char *s, size_t len, OmError *err)
{
    if (type_utf8_check(s, len, err) < 0) return -1;
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value \"%.*s\" is out of range for type %s", (int)len,
                   s, tname);
}
