/*
 * fn_string.c — string functions over text (PostgreSQL 15's semantics in a
 * UTF8 database with the "C" collation: lengths and positions count
 * characters, case mapping touches ASCII letters only).
 *
 * The executor calls these kernels on the rows of a vector (functions.h);
 * the SQL forms SUBSTRING(x FROM a FOR b), POSITION(a IN b), TRIM(…) and
 * OVERLAY(…) reach them as pg_catalog.substring / position / btrim / ltrim /
 * rtrim / overlay calls, as libpg_query's grammar produces them.
 *
 * Functions: length, char_length, character_length, octet_length,
 * bit_length, lower, upper, initcap, substr, substring, overlay, left,
 * right, position, strpos, starts_with (and its operator ^@), btrim,
 * ltrim, rtrim, lpad, rpad, repeat, reverse, replace, translate,
 * split_part.
 */
#include <string.h>

#include "fn_tables.h"

/* Byte offset of character number nchars (0-based) in s, or s.len when the
 * string is shorter; negative nchars give 0 (pg_mbcharcliplen). */
static uint32_t char_offset(OmStr s, int64_t nchars)
{
    uint32_t off = 0;
    while (nchars > 0 && off < s.len) {
        off += (uint32_t)fn_utf8_len((unsigned char)s.ptr[off]);
        nchars--;
    }
    return off < s.len ? off : s.len;
}

static int64_t char_count(OmStr s)
{
    return (int64_t)type_utf8_strlen(s.ptr, s.len);
}

static int err_negative_length(OmError *err)
{
    return err_set(err, ERRCODE_SUBSTRING_ERROR, "negative substring length not allowed");
}

static int err_too_large(OmError *err)
{
    return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "requested length too large");
}

/* ---- lengths ------------------------------------------------------------------------ */

/* length(text), char_length, character_length: characters. */
static int fn_length(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        r[i] = (int32_t)type_utf8_strlen(s[i].ptr, s[i].len);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* length(bpchar): trailing blanks do not count. */
static int fn_length_bpchar(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        r[i] = (int32_t)type_utf8_strlen(s[i].ptr, type_bpchar_trimmed_len(s[i].ptr, s[i].len));
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* octet_length(text), octet_length(bpchar) (blanks count: bpcharoctetlen). */
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
        r[i] = (int32_t)s[i].len * 8;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- case --------------------------------------------------------------------------- */

static inline bool ascii_alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* lower/upper/initcap under the "C" collation: ASCII letters only, as
 * PostgreSQL does in a database with LC_CTYPE=C (asc_tolower, asc_toupper,
 * asc_initcap; any other byte is not alphanumeric for initcap). */
typedef enum { CASE_LOWER, CASE_UPPER, CASE_INITCAP } CaseMode;

static int case_map(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                    CaseMode mode)
{
    const OmStr *s = args[0]->data;
    SEL_LOOP {
        char *p = mem_alloc(fc->var, s[i].len + 1);
        bool wasalnum = false;
        for (uint32_t j = 0; j < s[i].len; j++) {
            char c = s[i].ptr[j];
            bool up = mode == CASE_UPPER || (mode == CASE_INITCAP && !wasalnum);
            if (up && c >= 'a' && c <= 'z') c = (char)(c - 32);
            else if (!up && c >= 'A' && c <= 'Z') c = (char)(c + 32);
            p[j] = c;
            wasalnum = ascii_alnum(c);
        }
        fn_set_str(out, i, p, s[i].len);
    }
    return 0;
}

static int fn_lower(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return case_map(fc, a, o, sel, n, CASE_LOWER);
}

static int fn_upper(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return case_map(fc, a, o, sel, n, CASE_UPPER);
}

static int fn_initcap(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return case_map(fc, a, o, sel, n, CASE_INITCAP);
}

/* ---- substrings --------------------------------------------------------------------- */

/*
 * PostgreSQL's text_substring: characters start .. start+length-1 (1-based);
 * a start before 1 eats into the length; no length = to the end; an end
 * beyond INT_MAX runs to the end. A negative length is 22011.
 */
static int substring(OmStr s, int32_t start, int32_t length, bool has_length, OmStr *res, OmError *err)
{
    int32_t s1 = start < 1 ? 1 : start;
    int64_t l1 = -1; /* -1: to the end */
    if (has_length) {
        if (length < 0) return err_negative_length(err);
        int32_t e;
        if (!__builtin_add_overflow(start, length, &e)) {
            if (e < 1) {
                res->ptr = s.ptr;
                res->len = 0;
                return 0;
            }
            l1 = (int64_t)e - s1;
        }
    }
    uint32_t from = char_offset(s, (int64_t)s1 - 1);
    OmStr rest = {s.ptr + from, s.len - from};
    uint32_t len = l1 < 0 ? rest.len : char_offset(rest, l1);
    res->ptr = rest.ptr;
    res->len = len;
    return 0;
}

static int fn_substr2(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int32_t *st = args[1]->data;
    SEL_LOOP {
        OmStr r;
        substring(s[i], st[i], 0, false, &r, fc->err);
        fn_set_str(out, i, r.ptr, r.len);
    }
    return 0;
}

static int fn_substr3(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int32_t *st = args[1]->data, *ln = args[2]->data;
    SEL_LOOP {
        OmStr r;
        if (substring(s[i], st[i], ln[i], true, &r, fc->err) < 0) return -1;
        fn_set_str(out, i, r.ptr, r.len);
    }
    return 0;
}

/* overlay(s placing t from p [for l]): s's first p-1 characters, t, then s
 * from character p+l on (text_overlay; l defaults to t's length). */
static int overlay(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                   bool has_length)
{
    const OmStr *s = args[0]->data, *t = args[1]->data;
    const int32_t *p = args[2]->data;
    SEL_LOOP {
        int32_t sp = p[i];
        int32_t sl = has_length ? ((const int32_t *)args[3]->data)[i] : (int32_t)char_count(t[i]);
        int32_t end;
        if (sp <= 0) return err_negative_length(fc->err);
        if (__builtin_add_overflow(sp, sl, &end))
            return err_set(fc->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        OmStr head, tail;
        substring(s[i], 1, sp - 1, true, &head, fc->err);
        substring(s[i], end, 0, false, &tail, fc->err);
        if (fn_set_concat3(fc, out, i, head, t[i], tail) < 0) return -1;
    }
    return 0;
}

int fn_set_concat3(FnCall *fc, OmVector *out, int row, OmStr a, OmStr b, OmStr c)
{
    size_t len = (size_t)a.len + b.len + c.len;
    if (len > FN_MAX_ALLOC) return err_too_large(fc->err);
    char *r = mem_alloc(fc->var, len + 1);
    memcpy(r, a.ptr, a.len);
    memcpy(r + a.len, b.ptr, b.len);
    memcpy(r + a.len + b.len, c.ptr, c.len);
    fn_set_str(out, row, r, len);
    return 0;
}

static int fn_overlay3(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return overlay(fc, a, o, sel, n, false);
}

static int fn_overlay4(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return overlay(fc, a, o, sel, n, true);
}

/* left(s, n): the first n characters; n < 0: all but the last -n. */
static int fn_left(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int32_t *c = args[1]->data;
    SEL_LOOP {
        int64_t keep = c[i] >= 0 ? c[i] : char_count(s[i]) + c[i];
        fn_set_str(out, i, s[i].ptr, char_offset(s[i], keep));
    }
    return 0;
}

/* right(s, n): the last n characters; n < 0: all but the first -n. */
static int fn_right(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int32_t *c = args[1]->data;
    SEL_LOOP {
        /* Since 15.20 PostgreSQL negates n without wrapping, so
         * right(s, -2147483648) skips everything (before, '' vs the whole
         * string: -INT_MIN stayed INT_MIN). */
        int64_t skip = c[i] < 0 ? -(int64_t)c[i] : char_count(s[i]) - c[i];
        uint32_t off = char_offset(s[i], skip);
        fn_set_str(out, i, s[i].ptr + off, s[i].len - off);
    }
    return 0;
}

/* ---- searching ---------------------------------------------------------------------- */

/* 1-based character position of needle in hay, 0 if absent, 1 if empty. */
static int32_t text_position(OmStr hay, OmStr needle)
{
    if (needle.len == 0) return 1;
    if (hay.len < needle.len) return 0;
    const char *m = memmem(hay.ptr, hay.len, needle.ptr, needle.len);
    if (!m) return 0;
    return (int32_t)type_utf8_strlen(hay.ptr, (size_t)(m - hay.ptr)) + 1;
}

/* position(haystack, needle) — POSITION(needle IN haystack) — and strpos. */
static int fn_position(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *h = args[0]->data, *nd = args[1]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        r[i] = text_position(h[i], nd[i]);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_starts_with(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data, *p = args[1]->data;
    uint8_t *r = out->data;
    SEL_LOOP {
        r[i] = p[i].len <= s[i].len && (p[i].len == 0 || !memcmp(s[i].ptr, p[i].ptr, p[i].len));
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- trimming ----------------------------------------------------------------------- */

enum { TRIM_LEFT = 1, TRIM_RIGHT = 2, TRIM_BOTH = 3 };

/* Is the character c[0..clen) one of the characters of set? */
static bool in_set(const char *c, int clen, OmStr set)
{
    for (uint32_t j = 0; j < set.len;) {
        int l = fn_utf8_len((unsigned char)set.ptr[j]);
        if (l == clen && !memcmp(set.ptr + j, c, (size_t)clen)) return true;
        j += (uint32_t)l;
    }
    return false;
}

/* Length in bytes of the last character of s[0..len). */
static int last_char_len(const char *s, uint32_t len)
{
    int l = 1;
    while ((uint32_t)l < len && ((unsigned char)s[len - (uint32_t)l] & 0xc0) == 0x80) l++;
    return l;
}

/* PostgreSQL's dotrim: strip characters of set from the chosen ends. */
static OmStr trim(OmStr s, OmStr set, int ends)
{
    if (set.len == 0) return s;
    if (ends & TRIM_LEFT) {
        while (s.len > 0) {
            int l = fn_utf8_len((unsigned char)s.ptr[0]);
            if (!in_set(s.ptr, l, set)) break;
            s.ptr += l;
            s.len -= (uint32_t)l;
        }
    }
    if (ends & TRIM_RIGHT) {
        while (s.len > 0) {
            int l = last_char_len(s.ptr, s.len);
            if (!in_set(s.ptr + s.len - l, l, set)) break;
            s.len -= (uint32_t)l;
        }
    }
    return s;
}

static int trim_kernel(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                       int ends)
{
    const OmStr *s = args[0]->data;
    const OmStr *set = fc->nargs > 1 ? args[1]->data : NULL;
    OmStr space = {" ", 1};
    SEL_LOOP {
        OmStr r = trim(s[i], set ? set[i] : space, ends);
        fn_set_str(out, i, r.ptr, r.len);
    }
    return 0;
}

static int fn_btrim(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return trim_kernel(fc, a, o, sel, n, TRIM_BOTH);
}

static int fn_ltrim(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return trim_kernel(fc, a, o, sel, n, TRIM_LEFT);
}

static int fn_rtrim(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return trim_kernel(fc, a, o, sel, n, TRIM_RIGHT);
}

/* ---- padding and repetition --------------------------------------------------------- */

/* lpad/rpad(s, len [, fill]): s cut or filled to len characters; a negative
 * len is 0, an empty fill pads nothing. PostgreSQL refuses a len whose
 * worst case (4 bytes a character) reaches 1 GB, whatever the strings. */
static int pad(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool left)
{
    const OmStr *s = args[0]->data;
    const int32_t *lens = args[1]->data;
    const OmStr *fills = fc->nargs > 2 ? args[2]->data : NULL;
    OmStr space = {" ", 1};
    SEL_LOOP {
        OmStr fill = fills ? fills[i] : space;
        int64_t len = lens[i] < 0 ? 0 : lens[i];
        int64_t s1len = char_count(s[i]);
        if (s1len > len) s1len = len;
        if (fill.len == 0) len = s1len;
        if (len * 4 + 4 > (int64_t)FN_MAX_ALLOC) return err_too_large(fc->err);
        uint32_t keep = char_offset(s[i], s1len);
        /* m fill characters: whole copies of fill, then a prefix of it. */
        int64_t m = len - s1len, fchars = m > 0 ? char_count(fill) : 1;
        int64_t whole = m / fchars;
        uint32_t part = char_offset(fill, m % fchars);
        size_t fillbytes = (size_t)whole * fill.len + part;
        char *r = mem_alloc(fc->var, keep + fillbytes + 1);
        char *w = r;
        if (!left) {
            memcpy(w, s[i].ptr, keep);
            w += keep;
        }
        for (int64_t c = 0; c < whole; c++, w += fill.len) memcpy(w, fill.ptr, fill.len);
        memcpy(w, fill.ptr, part);
        w += part;
        if (left) {
            memcpy(w, s[i].ptr, keep);
            w += keep;
        }
        fn_set_str(out, i, r, (size_t)(w - r));
    }
    return 0;
}

static int fn_lpad(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return pad(fc, a, o, sel, n, true);
}

static int fn_rpad(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return pad(fc, a, o, sel, n, false);
}

static int fn_repeat(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    const int32_t *c = args[1]->data;
    SEL_LOOP {
        int64_t count = c[i] < 0 ? 0 : c[i];
        int64_t total = count * (int64_t)s[i].len;
        if (total + 4 > (int64_t)FN_MAX_ALLOC) return err_too_large(fc->err);
        char *r = mem_alloc(fc->var, (size_t)total + 1);
        /* One copy, then doubling: a few large memcpys instead of count
         * small ones, with an interrupt check between them. */
        int64_t filled = total > 0 ? s[i].len : 0;
        if (filled) memcpy(r, s[i].ptr, s[i].len);
        while (filled < total) {
            int64_t chunk = filled < total - filled ? filled : total - filled;
            memcpy(r + filled, r, (size_t)chunk);
            filled += chunk;
            if (om_intr_check(fc->err) < 0) return -1;
        }
        fn_set_str(out, i, r, (size_t)total);
    }
    return 0;
}

static int fn_reverse(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    SEL_LOOP {
        char *r = mem_alloc(fc->var, s[i].len + 1);
        uint32_t len = s[i].len;
        for (uint32_t j = 0; j < len;) {
            int l = fn_utf8_len((unsigned char)s[i].ptr[j]);
            memcpy(r + len - j - (uint32_t)l, s[i].ptr + j, (size_t)l);
            j += (uint32_t)l;
        }
        fn_set_str(out, i, r, len);
    }
    return 0;
}

/* ---- replacing and splitting -------------------------------------------------------- */

/* replace(s, from, to): every non-overlapping occurrence, left to right. */
static int fn_replace(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data, *from = args[1]->data, *to = args[2]->data;
    SEL_LOOP {
        if (s[i].len == 0 || from[i].len == 0) {
            fn_set_str(out, i, s[i].ptr, s[i].len);
            continue;
        }
        OmBuf b;
        buf_init(&b, fc->var, s[i].len + 1);
        const char *p = s[i].ptr, *end = s[i].ptr + s[i].len;
        for (;;) {
            const char *m = memmem(p, (size_t)(end - p), from[i].ptr, from[i].len);
            if (!m) break;
            buf_append(&b, p, (size_t)(m - p));
            if (b.len + to[i].len > FN_MAX_ALLOC) return err_too_large(fc->err);
            buf_append(&b, to[i].ptr, to[i].len);
            p = m + from[i].len;
        }
        buf_append(&b, p, (size_t)(end - p));
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

/* translate(s, from, to): each character of s found in from becomes the
 * character at the same index in to, or is dropped when to is shorter. */
static int fn_translate(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data, *from = args[1]->data, *to = args[2]->data;
    SEL_LOOP {
        /* Each character is replaced by at most 4 bytes. */
        char *r = mem_alloc(fc->var, (size_t)s[i].len * 4 + 1);
        size_t w = 0;
        for (uint32_t j = 0; j < s[i].len;) {
            const char *c = s[i].ptr + j;
            int cl = fn_utf8_len((unsigned char)*c);
            j += (uint32_t)cl;
            int64_t idx = 0;
            uint32_t f = 0;
            while (f < from[i].len) {
                int fl = fn_utf8_len((unsigned char)from[i].ptr[f]);
                if (fl == cl && !memcmp(from[i].ptr + f, c, (size_t)cl)) break;
                f += (uint32_t)fl;
                idx++;
            }
            if (f >= from[i].len) {
                memcpy(r + w, c, (size_t)cl);
                w += (size_t)cl;
                continue;
            }
            uint32_t t = char_offset(to[i], idx);
            if (t < to[i].len) {
                int tl = fn_utf8_len((unsigned char)to[i].ptr[t]);
                memcpy(r + w, to[i].ptr + t, (size_t)tl);
                w += (size_t)tl;
            }
        }
        fn_set_str(out, i, r, w);
    }
    return 0;
}

/* split_part(s, delim, n): field n (1-based; negative counts from the end). */
static int fn_split_part(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data, *d = args[1]->data;
    const int32_t *f = args[2]->data;
    SEL_LOOP {
        int32_t fld = f[i];
        if (fld == 0) return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "field position must not be zero");
        OmStr str = s[i], sep = d[i];
        if (str.len == 0) {
            fn_set_str(out, i, str.ptr, 0);
            continue;
        }
        const char *end = str.ptr + str.len;
        const char *first = sep.len ? memmem(str.ptr, str.len, sep.ptr, sep.len) : NULL;
        if (!first) {
            /* No separator: the string is the first and the last field. */
            bool whole = fld == 1 || fld == -1;
            fn_set_str(out, i, str.ptr, whole ? str.len : 0);
            continue;
        }
        if (fld < 0) {
            int64_t nfields = 1;
            const char *p = str.ptr, *hit;
            while ((hit = memmem(p, (size_t)(end - p), sep.ptr, sep.len))) {
                nfields++;
                p = hit + sep.len;
            }
            int64_t pos = (int64_t)fld + nfields + 1;
            if (pos <= 0) {
                fn_set_str(out, i, str.ptr, 0);
                continue;
            }
            fld = (int32_t)pos;
        }
        /* Walk to field fld: it starts after fld-1 separators. */
        const char *start = str.ptr;
        const char *m = first;
        int32_t cur = 1;
        while (cur < fld && m) {
            start = m + sep.len;
            m = memmem(start, (size_t)(end - start), sep.ptr, sep.len);
            cur++;
        }
        if (cur < fld) {
            fn_set_str(out, i, str.ptr, 0);
            continue;
        }
        const char *stop = m ? m : end;
        fn_set_str(out, i, start, (size_t)(stop - start));
    }
    return 0;
}

/* ---- the table ---------------------------------------------------------------------- */

#define T OM_T_TEXT
#define I4 OM_T_INT4

static const FnDesc descs[] = {
    {"length", 1, {T}, I4, FN_STRICT, fn_length},
    {"length", 1, {OM_T_BPCHAR}, I4, FN_STRICT, fn_length_bpchar},
    {"char_length", 1, {T}, I4, FN_STRICT, fn_length},
    {"char_length", 1, {OM_T_BPCHAR}, I4, FN_STRICT, fn_length_bpchar},
    {"character_length", 1, {T}, I4, FN_STRICT, fn_length},
    {"character_length", 1, {OM_T_BPCHAR}, I4, FN_STRICT, fn_length_bpchar},
    {"octet_length", 1, {T}, I4, FN_STRICT, fn_octet_length},
    {"octet_length", 1, {OM_T_BPCHAR}, I4, FN_STRICT, fn_octet_length},
    {"bit_length", 1, {T}, I4, FN_STRICT, fn_bit_length},
    {"lower", 1, {T}, T, FN_STRICT, fn_lower},
    {"upper", 1, {T}, T, FN_STRICT, fn_upper},
    {"initcap", 1, {T}, T, FN_STRICT, fn_initcap},
    {"substr", 2, {T, I4}, T, FN_STRICT, fn_substr2},
    {"substr", 3, {T, I4, I4}, T, FN_STRICT, fn_substr3},
    {"substring", 2, {T, I4}, T, FN_STRICT, fn_substr2},
    {"substring", 3, {T, I4, I4}, T, FN_STRICT, fn_substr3},
    {"overlay", 3, {T, T, I4}, T, FN_STRICT, fn_overlay3},
    {"overlay", 4, {T, T, I4, I4}, T, FN_STRICT, fn_overlay4},
    {"left", 2, {T, I4}, T, FN_STRICT, fn_left},
    {"right", 2, {T, I4}, T, FN_STRICT, fn_right},
    {"position", 2, {T, T}, I4, FN_STRICT, fn_position},
    {"strpos", 2, {T, T}, I4, FN_STRICT, fn_position},
    {"starts_with", 2, {T, T}, OM_T_BOOL, FN_STRICT, fn_starts_with},
    {"^@", 2, {T, T}, OM_T_BOOL, FN_STRICT, fn_starts_with}, /* the operator form */
    {"btrim", 1, {T}, T, FN_STRICT, fn_btrim},
    {"btrim", 2, {T, T}, T, FN_STRICT, fn_btrim},
    {"ltrim", 1, {T}, T, FN_STRICT, fn_ltrim},
    {"ltrim", 2, {T, T}, T, FN_STRICT, fn_ltrim},
    {"rtrim", 1, {T}, T, FN_STRICT, fn_rtrim},
    {"rtrim", 2, {T, T}, T, FN_STRICT, fn_rtrim},
    {"lpad", 2, {T, I4}, T, FN_STRICT, fn_lpad},
    {"lpad", 3, {T, I4, T}, T, FN_STRICT, fn_lpad},
    {"rpad", 2, {T, I4}, T, FN_STRICT, fn_rpad},
    {"rpad", 3, {T, I4, T}, T, FN_STRICT, fn_rpad},
    {"repeat", 2, {T, I4}, T, FN_STRICT, fn_repeat},
    {"reverse", 1, {T}, T, FN_STRICT, fn_reverse},
    {"replace", 3, {T, T, T}, T, FN_STRICT, fn_replace},
    {"translate", 3, {T, T, T}, T, FN_STRICT, fn_translate},
    {"split_part", 3, {T, T, I4}, T, FN_STRICT, fn_split_part},
};

const FnTable fn_string_table = {descs, sizeof descs / sizeof descs[0]};
