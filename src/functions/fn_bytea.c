/*
 * fn_bytea.c — functions and operators over bytea (PostgreSQL 15's
 * varlena.c byte forms): lengths, substring/substr, position, overlay,
 * get_byte/set_byte/get_bit/set_bit, bit_count, btrim/ltrim/rtrim, and the
 * operators || (byteacat), ~~ and !~~ (bytealike: LIKE byte by byte).
 *
 * The binder sends bytea's ||, LIKE and NOT LIKE here as operator calls
 * (bind_binary); comparison needs nothing of its own, as every STR value
 * compares as memcmp-then-length, which is byteacmp. The SQL forms
 * SUBSTRING(b FROM s FOR l), POSITION(a IN b), TRIM(BOTH x FROM b) and
 * OVERLAY(…) arrive as the pg_catalog calls the grammar makes of them.
 * Everything counts bytes, never characters.
 */
#include <string.h>

#include "fn_tables.h"

static int err_negative_length(OmError *err)
{
    return err_set(err, ERRCODE_SUBSTRING_ERROR, "negative substring length not allowed");
}

/* ---- lengths --------------------------------------------------------------------- */

static int fn_octet_length(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        r[i] = (int32_t)s[i].len;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_bit_length(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        /* PostgreSQL multiplies in int32 (and values stay below 1 GB). */
        r[i] = (int32_t)(s[i].len * 8u);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_bit_count(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int64_t *r = out->data;
    SEL_LOOP {
        int64_t c = 0;
        for (uint32_t j = 0; j < s[i].len; j++) c += __builtin_popcount((unsigned char)s[i].ptr[j]);
        r[i] = c;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- substring, overlay, position ------------------------------------------------ */

/* bytea_substring: start s (1-based, may be < 1), length l (has_len false:
 * to the end). Negative l is 22011; s + l past INT32_MAX runs to the end. */
static int substring(OmStr v, int32_t s, int32_t l, bool has_len, OmStr *out, OmError *err)
{
    int64_t s1 = s > 1 ? s : 1, e;
    if (!has_len) {
        e = INT64_MAX;
    } else {
        if (l < 0) return err_negative_length(err);
        e = (int64_t)s + l;
        if (e > INT32_MAX) e = INT64_MAX;
        else if (e < 1) e = 1;
    }
    int64_t from = s1 - 1 < (int64_t)v.len ? s1 - 1 : (int64_t)v.len;
    int64_t to = e - 1 < (int64_t)v.len ? e - 1 : (int64_t)v.len;
    if (to < from) to = from;
    out->ptr = v.ptr + from;
    out->len = (uint32_t)(to - from);
    return 0;
}

static int substr_rows(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                       bool has_len)
{
    const OmStr *s = args[0]->data;
    const int32_t *st = args[1]->data;
    SEL_LOOP {
        OmStr r = {0};
        if (substring(s[i], st[i], has_len ? ((const int32_t *)args[2]->data)[i] : 0, has_len, &r, fc->err) < 0)
            return -1;
        fn_set_str(out, i, r.ptr, r.len);
    }
    return 0;
}

static int fn_substr2(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return substr_rows(fc, a, o, sel, n, false);
}

static int fn_substr3(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return substr_rows(fc, a, o, sel, n, true);
}

/* byteaoverlay: head (sp - 1 bytes) || replacement || rest from sp + sl. */
static int overlay_rows(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                        bool has_len)
{
    const OmStr *s = args[0]->data, *t = args[1]->data;
    const int32_t *p = args[2]->data;
    SEL_LOOP {
        int32_t sp = p[i], sl = has_len ? ((const int32_t *)args[3]->data)[i] : (int32_t)t[i].len, end;
        if (sp <= 0) return err_negative_length(fc->err);
        if (__builtin_add_overflow(sp, sl, &end))
            return err_set(fc->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        OmStr head = {0}, tail = {0};
        if (substring(s[i], 1, sp - 1, true, &head, fc->err) < 0) return -1;
        substring(s[i], end, 0, false, &tail, fc->err);
        if (fn_set_concat3(fc, out, i, head, t[i], tail) < 0) return -1;
    }
    return 0;
}

static int fn_overlay3(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return overlay_rows(fc, a, o, sel, n, false);
}

static int fn_overlay4(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return overlay_rows(fc, a, o, sel, n, true);
}

/* byteapos(haystack, needle): 1-based, 0 when absent, 1 for an empty needle. */
static int fn_position(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *h = args[0]->data, *nd = args[1]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        int32_t pos = 0;
        if (nd[i].len == 0) {
            pos = 1;
        } else if (nd[i].len <= h[i].len) {
            const char *f = memmem(h[i].ptr, h[i].len, nd[i].ptr, nd[i].len);
            if (f) pos = (int32_t)(f - h[i].ptr) + 1;
        }
        r[i] = pos;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- bytes and bits --------------------------------------------------------------- */

static int err_index(OmError *err, int64_t idx, int64_t max)
{
    return err_set(err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "index %lld out of valid range, 0..%lld", (long long)idx,
                   (long long)max);
}

static int fn_get_byte(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int32_t *idx = args[1]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        if (idx[i] < 0 || (int64_t)idx[i] >= (int64_t)s[i].len) return err_index(fc->err, idx[i], (int64_t)s[i].len - 1);
        r[i] = (unsigned char)s[i].ptr[idx[i]];
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* A copy of v in the batch's memory, to change one byte of. */
static char *copy_bytes(FnCall *fc, OmStr v)
{
    char *p = mem_alloc(fc->var, (size_t)v.len + 1);
    memcpy(p, v.ptr, v.len);
    return p;
}

static int fn_set_byte(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int32_t *idx = args[1]->data, *val = args[2]->data;
    SEL_LOOP {
        if (idx[i] < 0 || (int64_t)idx[i] >= (int64_t)s[i].len) return err_index(fc->err, idx[i], (int64_t)s[i].len - 1);
        char *p = copy_bytes(fc, s[i]);
        p[idx[i]] = (char)(unsigned char)val[i]; /* the low byte, as PostgreSQL stores it */
        fn_set_str(out, i, p, s[i].len);
    }
    return 0;
}

/* Bits are numbered from the least significant bit of the first byte. */
static int fn_get_bit(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int64_t *idx = args[1]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        int64_t nbits = (int64_t)s[i].len * 8;
        if (idx[i] < 0 || idx[i] >= nbits) return err_index(fc->err, idx[i], nbits - 1);
        r[i] = ((unsigned char)s[i].ptr[idx[i] / 8] >> (idx[i] % 8)) & 1;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_set_bit(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int64_t *idx = args[1]->data;
    const int32_t *bit = args[2]->data;
    SEL_LOOP {
        int64_t nbits = (int64_t)s[i].len * 8;
        if (idx[i] < 0 || idx[i] >= nbits) return err_index(fc->err, idx[i], nbits - 1);
        if (bit[i] != 0 && bit[i] != 1) return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "new bit must be 0 or 1");
        char *p = copy_bytes(fc, s[i]);
        unsigned char m = (unsigned char)(1u << (idx[i] % 8));
        if (bit[i]) p[idx[i] / 8] = (char)((unsigned char)p[idx[i] / 8] | m);
        else p[idx[i] / 8] = (char)((unsigned char)p[idx[i] / 8] & ~m);
        fn_set_str(out, i, p, s[i].len);
    }
    return 0;
}

/* ---- trim ---------------------------------------------------------------------------- */

/* dobyteatrim: drop leading and/or trailing bytes that occur in set. */
static int trim_rows(const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool left, bool right)
{
    const OmStr *s = args[0]->data, *set = args[1]->data;
    SEL_LOOP {
        const char *p = s[i].ptr;
        uint32_t b = 0, e = s[i].len;
        if (set[i].len > 0) {
            while (left && b < e && memchr(set[i].ptr, p[b], set[i].len)) b++;
            while (right && e > b && memchr(set[i].ptr, p[e - 1], set[i].len)) e--;
        }
        fn_set_str(out, i, p + b, e - b);
    }
    return 0;
}

static int fn_btrim(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return trim_rows(a, o, sel, n, true, true);
}

static int fn_ltrim(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return trim_rows(a, o, sel, n, true, false);
}

static int fn_rtrim(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return trim_rows(a, o, sel, n, false, true);
}

/* ---- operators ------------------------------------------------------------------------ */

static int fn_cat(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *a = args[0]->data, *b = args[1]->data;
    SEL_LOOP {
        size_t len = (size_t)a[i].len + b[i].len;
        /* palloc's limit, reported as PostgreSQL's elog does */
        if (len > FN_MAX_ALLOC)
            return err_set(fc->err, ERRCODE_INTERNAL_ERROR, "invalid memory alloc request size %zu", len + 4);
        char *r = mem_alloc(fc->var, len + 1);
        memcpy(r, a[i].ptr, a[i].len);
        memcpy(r + a[i].len, b[i].ptr, b[i].len);
        fn_set_str(out, i, r, len);
    }
    return 0;
}

/*
 * LIKE over bytes (PostgreSQL's single-byte matcher): % any run, _ one byte,
 * esc quotes the next byte (esc < 0: no escape). Iterative, remembering only
 * the last %, which is exact for these patterns and never recurses.
 * Returns 1/0, or -1 when the pattern ends in the escape while text is left
 * (PostgreSQL's 22025), or -2 when interrupted: the worst case is O(n·m),
 * seconds for a long value, so every 64K restarts check (common/interrupt.h).
 */
static int like_bytes(const unsigned char *s, const unsigned char *se, const unsigned char *p,
                      const unsigned char *pe, int esc)
{
    const unsigned char *star_p = NULL, *star_s = NULL;
    unsigned restarts = 0;
    for (;;) {
        if (p < pe) {
            unsigned char c = *p;
            if (c == '%') {
                while (p < pe && *p == '%') p++;
                if (p == pe) return 1;
                star_p = p;
                star_s = s;
                continue;
            }
            if (s < se) {
                if ((int)c == esc) {
                    if (p + 1 >= pe) return -1;
                    if (*s == p[1]) {
                        s++;
                        p += 2;
                        continue;
                    }
                } else if (c == '_' || *s == c) {
                    s++;
                    p++;
                    continue;
                }
            }
        } else if (s == se) {
            return 1;
        }
        if (!star_p || star_s >= se) return 0;
        if ((++restarts & 65535) == 0 && om_intr_check(NULL) < 0) return -2;
        s = ++star_s;
        p = star_p;
    }
}

static int like_rows(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool neg)
{
    const OmStr *a = args[0]->data, *b = args[1]->data;
    uint8_t *r = out->data;
    SEL_LOOP {
        int esc = '\\';
        if (fc->nargs > 2) {
            OmStr e = ((const OmStr *)args[2]->data)[i];
            if (e.len > 1) return err_set(fc->err, ERRCODE_INVALID_ESCAPE_SEQUENCE, "invalid escape string");
            esc = e.len ? (unsigned char)e.ptr[0] : -1;
        }
        const unsigned char *s = (const unsigned char *)a[i].ptr, *p = (const unsigned char *)b[i].ptr;
        int m = like_bytes(s, s + a[i].len, p, p + b[i].len, esc);
        if (m == -2) return om_intr_check(fc->err);
        if (m < 0)
            return err_set(fc->err, ERRCODE_INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
        r[i] = (uint8_t)(neg ? !m : m);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_like(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return like_rows(fc, a, o, sel, n, false);
}

static int fn_notlike(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return like_rows(fc, a, o, sel, n, true);
}

/* ---- the table ------------------------------------------------------------------------ */

#define B OM_T_BYTEA
#define I4 OM_T_INT4
#define I8 OM_T_INT8

static const FnDesc descs[] = {
    {"length", 1, {B}, I4, FN_STRICT, fn_octet_length},
    {"octet_length", 1, {B}, I4, FN_STRICT, fn_octet_length},
    {"bit_length", 1, {B}, I4, FN_STRICT, fn_bit_length},
    {"bit_count", 1, {B}, I8, FN_STRICT, fn_bit_count},
    {"substr", 2, {B, I4}, B, FN_STRICT, fn_substr2},
    {"substr", 3, {B, I4, I4}, B, FN_STRICT, fn_substr3},
    {"substring", 2, {B, I4}, B, FN_STRICT, fn_substr2},
    {"substring", 3, {B, I4, I4}, B, FN_STRICT, fn_substr3},
    {"overlay", 3, {B, B, I4}, B, FN_STRICT, fn_overlay3},
    {"overlay", 4, {B, B, I4, I4}, B, FN_STRICT, fn_overlay4},
    {"position", 2, {B, B}, I4, FN_STRICT, fn_position},
    {"get_byte", 2, {B, I4}, I4, FN_STRICT, fn_get_byte},
    {"set_byte", 3, {B, I4, I4}, B, FN_STRICT, fn_set_byte},
    {"get_bit", 2, {B, I8}, I4, FN_STRICT, fn_get_bit},
    {"set_bit", 3, {B, I8, I4}, B, FN_STRICT, fn_set_bit},
    {"btrim", 2, {B, B}, B, FN_STRICT, fn_btrim},
    {"ltrim", 2, {B, B}, B, FN_STRICT, fn_ltrim},
    {"rtrim", 2, {B, B}, B, FN_STRICT, fn_rtrim},
    {"||", 2, {B, B}, B, FN_STRICT, fn_cat},
    {"~~", 2, {B, B}, OM_T_BOOL, FN_STRICT, fn_like},
    {"!~~", 2, {B, B}, OM_T_BOOL, FN_STRICT, fn_notlike},
    /* LIKE … ESCAPE e (the escape as text, see bind_aexpr) */
    {"~~", 3, {B, B, OM_T_TEXT}, OM_T_BOOL, FN_STRICT, fn_like},
    {"!~~", 3, {B, B, OM_T_TEXT}, OM_T_BOOL, FN_STRICT, fn_notlike},
};

const FnTable fn_bytea_table = {descs, sizeof descs / sizeof descs[0]};
