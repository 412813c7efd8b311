/*
 * fn_regex.c — PostgreSQL 15's regular-expression functions and operators
 * on the regex engine (regex.h): ~ ~* !~ !~* (text and char(n) on the left),
 * SIMILAR TO's similar_to_escape / similar_escape, substring(text, text)
 * and substring(text, text, text) (SUBSTRING … FROM, SIMILAR … ESCAPE),
 * regexp_replace, regexp_count, regexp_instr, regexp_like, regexp_substr.
 * The array and set forms (regexp_match, regexp_matches, regexp_split_*)
 * are in fn_regex_sets.c.
 *
 * Positions and lengths count characters; the engine works in bytes of the
 * UTF-8 text, converted here.
 */
#include <string.h>

#include "../common/buf.h"
#include "fn_tables.h"
#include "regex.h"

/* Byte offset of character k (0-based) of s, or s.len + (k - chars) past the
 * end: callers compare it with s.len to see "beyond the string". */
static int64_t char_to_byte(OmStr s, int64_t k)
{
    uint32_t off = 0;
    while (k > 0 && off < s.len) {
        off += (uint32_t)fn_utf8_len((unsigned char)s.ptr[off]);
        k--;
    }
    return (int64_t)off + k;
}

static int64_t byte_to_char(OmStr s, int64_t off)
{
    return (int64_t)type_utf8_strlen(s.ptr, (size_t)off);
}

static int compile(OmStr pat, int cflags, RxRegex **re, OmError *err)
{
    return rx_compile(pat.ptr, pat.len, cflags, re, err);
}

/* Flags for a function that refuses 'g'. */
static int flags_no_glob(const OmStr *opt, const char *fname, RxFlags *f, OmError *err)
{
    if (rx_parse_flags(opt ? opt->ptr : NULL, opt ? opt->len : 0, f, err) < 0) return -1;
    if (f->glob)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s does not support the \"global\" option", fname);
    return 0;
}

static int bad_param(OmError *err, const char *name, int32_t v)
{
    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": %d", name, v);
}

/* The next search position after match m (PostgreSQL: the match's end, one
 * character further for an empty match); > s.len ends the search. */
static int64_t next_start(OmStr s, const RxMatch *m)
{
    if (m->so != m->eo) return m->eo;
    return m->eo < (int64_t)s.len ? m->eo + fn_utf8_len((unsigned char)s.ptr[m->eo]) : m->eo + 1;
}

/* ---- operators ------------------------------------------------------------- */

static int match_op(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, int cflags,
                    bool neg)
{
    const OmStr *s = a[0]->data, *p = a[1]->data;
    uint8_t *r = o->data;
    SEL_LOOP {
        RxRegex *re;
        if (compile(p[i], cflags, &re, fc->err) < 0) return -1;
        int m = rx_test(re, s[i].ptr, s[i].len, fc->err);
        if (m < 0) return -1;
        r[i] = (uint8_t)(m != neg);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_regexeq(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return match_op(fc, a, o, sel, n, RX_ADVANCED, false);
}

static int fn_regexne(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return match_op(fc, a, o, sel, n, RX_ADVANCED, true);
}

static int fn_icregexeq(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return match_op(fc, a, o, sel, n, RX_ADVANCED | RX_ICASE, false);
}

static int fn_icregexne(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return match_op(fc, a, o, sel, n, RX_ADVANCED | RX_ICASE, true);
}

/* ---- SIMILAR TO ------------------------------------------------------------ */

int rx_similar_escape(MemCtx *ctx, OmStr pat, const OmStr *esc, OmStr *out, OmError *err)
{
    const char *e = "\\";
    size_t elen = 1;
    if (esc) {
        e = esc->ptr;
        elen = esc->len;
        if (elen == 0) e = NULL;
        else if (elen > 1 && type_utf8_strlen(esc->ptr, esc->len) > 1) {
            err_set(err, ERRCODE_INVALID_ESCAPE_SEQUENCE, "invalid escape string");
            err_hint(err, "Escape string must be empty or one character.");
            return -1;
        }
    }
    /* ^(?: … )$, with the parts around escape-double-quotes as
     * (?:part1){1,1}?(part2){1,1}(?:part3): see PostgreSQL's
     * similar_escape_internal for why. */
    OmBuf r;
    buf_init(&r, ctx, 23 + 3 * (size_t)pat.len);
    buf_append_str(&r, "^(?:");
    bool afterescape = false, incharclass = false;
    int nquotes = 0;
    for (size_t i = 0; i < pat.len;) {
        char pc = pat.ptr[i];
        int mblen = fn_utf8_len((unsigned char)pc);
        if (elen > 1 && mblen > 1) {
            /* A multibyte character with a multibyte escape. */
            if (afterescape) {
                buf_append_char(&r, '\\');
                buf_append(&r, pat.ptr + i, (size_t)mblen);
                afterescape = false;
            } else if (e && elen == (size_t)mblen && !memcmp(e, pat.ptr + i, elen)) {
                afterescape = true;
            } else {
                buf_append(&r, pat.ptr + i, (size_t)mblen);
            }
            i += (size_t)mblen;
            continue;
        }
        if (afterescape) {
            if (pc == '"' && !incharclass) {
                if (nquotes == 0) buf_append_str(&r, "){1,1}?(");
                else if (nquotes == 1) buf_append_str(&r, "){1,1}(?:");
                else
                    return err_set(err, ERRCODE_INVALID_USE_OF_ESCAPE_CHARACTER,
                                   "SQL regular expression may not contain more than two escape-double-quote separators");
                nquotes++;
            } else {
                buf_append_char(&r, '\\');
                buf_append_char(&r, pc);
            }
            afterescape = false;
        } else if (e && pc == *e) {
            afterescape = true;
        } else if (incharclass) {
            if (pc == '\\') buf_append_char(&r, '\\');
            buf_append_char(&r, pc);
            if (pc == ']') incharclass = false;
        } else if (pc == '[') {
            buf_append_char(&r, pc);
            incharclass = true;
        } else if (pc == '%') {
            buf_append_str(&r, ".*");
        } else if (pc == '_') {
            buf_append_char(&r, '.');
        } else if (pc == '(') {
            buf_append_str(&r, "(?:");
        } else if (pc == '\\' || pc == '.' || pc == '^' || pc == '$') {
            buf_append_char(&r, '\\');
            buf_append_char(&r, pc);
        } else {
            buf_append_char(&r, pc);
        }
        i++;
    }
    buf_append_str(&r, ")$");
    out->ptr = r.data;
    out->len = (uint32_t)r.len;
    return 0;
}

/* similar_to_escape(pattern [, escape]) (strict). */
static int fn_similar_to_escape(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *p = a[0]->data;
    SEL_LOOP {
        OmStr r;
        if (rx_similar_escape(fc->var, p[i], fc->nargs > 1 ? &((const OmStr *)a[1]->data)[i] : NULL, &r, fc->err) < 0)
            return -1;
        fn_set_str(o, i, r.ptr, r.len);
    }
    return 0;
}

/* similar_escape(pattern, escape): the pre-13 form, not strict — a NULL
 * escape means the default one. */
static int fn_similar_escape(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *p = a[0]->data, *e = a[1]->data;
    SEL_LOOP {
        if (om_vec_is_null(a[0], i)) {
            om_vec_set_null(o, i, true);
            continue;
        }
        OmStr r;
        if (rx_similar_escape(fc->var, p[i], om_vec_is_null(a[1], i) ? NULL : &e[i], &r, fc->err) < 0) return -1;
        fn_set_str(o, i, r.ptr, r.len);
    }
    return 0;
}

/* ---- substring ----------------------------------------------------------------- */

/* textregexsubstr: the first parenthesized subexpression's match, or the
 * whole match when there is none; NULL when either did not match. */
static int regex_substr(FnCall *fc, OmStr s, OmStr pat, OmVector *o, int row)
{
    RxRegex *re;
    if (compile(pat, RX_ADVANCED, &re, fc->err) < 0) return -1;
    RxMatch m[2];
    int r = rx_search(re, s.ptr, s.len, 0, 2, m, fc->err);
    if (r < 0) return -1;
    int k = rx_nsub(re) > 0 ? 1 : 0;
    if (!r || m[k].so < 0) om_vec_set_null(o, row, true);
    else fn_set_str(o, row, s.ptr + m[k].so, (size_t)(m[k].eo - m[k].so));
    return 0;
}

static int fn_substring_re(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data;
    SEL_LOOP if (regex_substr(fc, s[i], p[i], o, i) < 0) return -1;
    return 0;
}

/* substring(text, text, text): SUBSTRING(s SIMILAR p ESCAPE e) and
 * SUBSTRING(s FROM p FOR e), PostgreSQL's SQL function over similar_escape. */
static int fn_substring_similar(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data, *e = a[2]->data;
    SEL_LOOP {
        OmStr pat;
        if (rx_similar_escape(fc->var, p[i], &e[i], &pat, fc->err) < 0 || regex_substr(fc, s[i], pat, o, i) < 0)
            return -1;
    }
    return 0;
}

/* ---- regexp_replace --------------------------------------------------------- */

/* The replacement with \1..\9 and \& substituted (\\ is one backslash, any
 * other backslash is copied). */
static void append_replacement(OmBuf *b, OmStr s, OmStr rep, const RxMatch *m)
{
    const char *p = rep.ptr, *end = rep.ptr + rep.len;
    while (p < end) {
        const char *bs = memchr(p, '\\', (size_t)(end - p));
        if (!bs) bs = end;
        buf_append(b, p, (size_t)(bs - p));
        if (bs >= end) break;
        p = bs + 1;
        if (p >= end) {
            buf_append_char(b, '\\');
            break;
        }
        int k;
        if (*p >= '1' && *p <= '9') k = *p - '0';
        else if (*p == '&') k = 0;
        else {
            buf_append_char(b, '\\');
            if (*p == '\\') p++;
            continue;
        }
        p++;
        if (m[k].so >= 0) buf_append(b, s.ptr + m[k].so, (size_t)(m[k].eo - m[k].so));
    }
}

/* replace_text_regexp: replace the n-th match (0 = every match) at or after
 * character search_start. */
static int replace(FnCall *fc, OmStr s, OmStr pat, OmStr rep, int cflags, int32_t search_start, int32_t nth,
                   OmVector *o, int row)
{
    RxRegex *re;
    if (compile(pat, cflags, &re, fc->err) < 0) return -1;
    int64_t pos = char_to_byte(s, search_start);
    OmBuf b;
    bool started = false;
    int64_t copied = 0;
    int count = 0;
    RxMatch m[10];
    while (pos <= (int64_t)s.len) {
        int r = rx_search(re, s.ptr, s.len, (size_t)pos, 10, m, fc->err);
        if (r < 0) return -1;
        if (!r) break;
        count++;
        if (nth > 0 && count < nth) {
            pos = next_start(s, &m[0]);
            continue;
        }
        if (!started) {
            buf_init(&b, fc->var, s.len + rep.len + 16);
            started = true;
        }
        buf_append(&b, s.ptr + copied, (size_t)(m[0].so - copied));
        append_replacement(&b, s, rep, m);
        copied = m[0].eo;
        if (b.len + (s.len - copied) > FN_MAX_ALLOC)
            return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        if (nth > 0) break;
        pos = next_start(s, &m[0]);
    }
    if (!started) {
        fn_set_str(o, row, s.ptr, s.len);
        return 0;
    }
    buf_append(&b, s.ptr + copied, s.len - (size_t)copied);
    fn_set_str(o, row, b.data, b.len);
    return 0;
}

/* regexp_replace(src, pat, rep): the first match. */
static int fn_replace3(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data, *r = a[2]->data;
    SEL_LOOP if (replace(fc, s[i], p[i], r[i], RX_ADVANCED, 0, 1, o, i) < 0) return -1;
    return 0;
}

/* regexp_replace(src, pat, rep, flags). */
static int fn_replace_flags(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data, *r = a[2]->data, *f = a[3]->data;
    SEL_LOOP {
        /* An unknown 4th argument resolves to this form: a flags string that
         * starts with a digit was probably meant as a start position. */
        if (f[i].len > 0 && f[i].ptr[0] >= '0' && f[i].ptr[0] <= '9') {
            err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid regular expression option: \"%.*s\"",
                    fn_utf8_len((unsigned char)f[i].ptr[0]), f[i].ptr);
            err_hint(fc->err, "If you meant to use regexp_replace() with a start parameter, cast the fourth "
                              "argument to integer explicitly.");
            return -1;
        }
        RxFlags fl;
        if (rx_parse_flags(f[i].ptr, f[i].len, &fl, fc->err) < 0) return -1;
        if (replace(fc, s[i], p[i], r[i], fl.cflags, 0, fl.glob ? 0 : 1, o, i) < 0) return -1;
    }
    return 0;
}

/* regexp_replace(src, pat, rep, start [, n [, flags]]). */
static int fn_replace_ext(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data, *r = a[2]->data;
    const int32_t *st = a[3]->data;
    SEL_LOOP {
        if (st[i] <= 0) return bad_param(fc->err, "start", st[i]);
        int32_t nth = 0;
        if (fc->nargs > 4) {
            nth = ((const int32_t *)a[4]->data)[i];
            if (nth < 0) return bad_param(fc->err, "n", nth);
        }
        RxFlags fl;
        const OmStr *f = fc->nargs > 5 ? &((const OmStr *)a[5]->data)[i] : NULL;
        if (rx_parse_flags(f ? f->ptr : NULL, f ? f->len : 0, &fl, fc->err) < 0) return -1;
        if (fc->nargs <= 4) nth = fl.glob ? 0 : 1;
        if (replace(fc, s[i], p[i], r[i], fl.cflags, st[i] - 1, nth, o, i) < 0) return -1;
    }
    return 0;
}

/* ---- regexp_count, regexp_instr, regexp_like, regexp_substr ------------------ */

/* Optional arguments of the PG15 functions, by position (absent: default). */
static int32_t opt_int(FnCall *fc, const OmVector *const *a, int k, int row, int32_t dflt)
{
    return fc->nargs > k ? ((const int32_t *)a[k]->data)[row] : dflt;
}

static const OmStr *opt_str(FnCall *fc, const OmVector *const *a, int k, int row)
{
    return fc->nargs > k ? &((const OmStr *)a[k]->data)[row] : NULL;
}

/* Find the nth match (1-based) searching from character start-1; *found
 * false when there are fewer. */
static int nth_match(FnCall *fc, RxRegex *re, OmStr s, int32_t start, int32_t nth, RxMatch *m, int nm, bool *found)
{
    int64_t pos = char_to_byte(s, (int64_t)start - 1);
    *found = false;
    for (int32_t c = 0; pos <= (int64_t)s.len;) {
        int r = rx_search(re, s.ptr, s.len, (size_t)pos, nm, m, fc->err);
        if (r < 0) return -1;
        if (!r) break;
        if (++c == nth) {
            *found = true;
            break;
        }
        pos = next_start(s, &m[0]);
    }
    return 0;
}

/* regexp_count(src, pat [, start [, flags]]). */
static int fn_regexp_count(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data;
    int32_t *res = o->data;
    SEL_LOOP {
        int32_t start = opt_int(fc, a, 2, i, 1);
        if (start <= 0) return bad_param(fc->err, "start", start);
        RxFlags fl;
        RxRegex *re;
        if (flags_no_glob(opt_str(fc, a, 3, i), "regexp_count()", &fl, fc->err) < 0 ||
            compile(p[i], fl.cflags, &re, fc->err) < 0)
            return -1;
        int64_t pos = char_to_byte(s[i], (int64_t)start - 1);
        int32_t count = 0;
        RxMatch m;
        while (pos <= (int64_t)s[i].len) {
            int r = rx_search(re, s[i].ptr, s[i].len, (size_t)pos, 1, &m, fc->err);
            if (r < 0) return -1;
            if (!r) break;
            count++;
            pos = next_start(s[i], &m);
        }
        res[i] = count;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* regexp_instr(src, pat [, start [, n [, endoption [, flags [, subexpr]]]]]). */
static int fn_regexp_instr(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data;
    int32_t *res = o->data;
    SEL_LOOP {
        int32_t start = opt_int(fc, a, 2, i, 1), nth = opt_int(fc, a, 3, i, 1), endopt = opt_int(fc, a, 4, i, 0),
                sub = opt_int(fc, a, 6, i, 0);
        if (start <= 0) return bad_param(fc->err, "start", start);
        if (nth <= 0) return bad_param(fc->err, "n", nth);
        if (endopt != 0 && endopt != 1) return bad_param(fc->err, "endoption", endopt);
        RxFlags fl;
        RxRegex *re;
        if (flags_no_glob(opt_str(fc, a, 5, i), "regexp_instr()", &fl, fc->err) < 0) return -1;
        if (sub < 0) return bad_param(fc->err, "subexpr", sub);
        if (compile(p[i], fl.cflags, &re, fc->err) < 0) return -1;
        /* PostgreSQL: without subexpressions, subexpr 1 means the whole match. */
        int ns = rx_nsub(re);
        if (sub > 0 && ns == 0) sub = sub > 1 ? -1 : 0;
        else if (sub > ns) sub = -1;
        res[i] = 0;
        om_vec_set_null(o, i, false);
        if (sub < 0) continue;
        RxMatch m[10];
        RxMatch *mm = m;
        if (sub >= 10) mm = mem_alloc(fc->var, sizeof *mm * (size_t)(sub + 1));
        bool found;
        if (nth_match(fc, re, s[i], start, nth, mm, sub + 1, &found) < 0) return -1;
        if (found && mm[sub].so >= 0)
            res[i] = (int32_t)byte_to_char(s[i], endopt ? mm[sub].eo : mm[sub].so) + 1;
    }
    return 0;
}

/* regexp_like(src, pat [, flags]). */
static int fn_regexp_like(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data;
    uint8_t *res = o->data;
    SEL_LOOP {
        RxFlags fl;
        RxRegex *re;
        if (flags_no_glob(opt_str(fc, a, 2, i), "regexp_like()", &fl, fc->err) < 0 ||
            compile(p[i], fl.cflags, &re, fc->err) < 0)
            return -1;
        int m = rx_test(re, s[i].ptr, s[i].len, fc->err);
        if (m < 0) return -1;
        res[i] = (uint8_t)m;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* regexp_substr(src, pat [, start [, n [, flags [, subexpr]]]]). */
static int fn_regexp_substr(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    const OmStr *s = a[0]->data, *p = a[1]->data;
    SEL_LOOP {
        int32_t start = opt_int(fc, a, 2, i, 1), nth = opt_int(fc, a, 3, i, 1), sub = opt_int(fc, a, 5, i, 0);
        if (start <= 0) return bad_param(fc->err, "start", start);
        if (nth <= 0) return bad_param(fc->err, "n", nth);
        RxFlags fl;
        RxRegex *re;
        if (flags_no_glob(opt_str(fc, a, 4, i), "regexp_substr()", &fl, fc->err) < 0) return -1;
        if (sub < 0) return bad_param(fc->err, "subexpr", sub);
        if (compile(p[i], fl.cflags, &re, fc->err) < 0) return -1;
        int ns = rx_nsub(re);
        if (sub > 0 && ns == 0) sub = sub > 1 ? -1 : 0;
        else if (sub > ns) sub = -1;
        om_vec_set_null(o, i, true);
        if (sub < 0) continue;
        RxMatch m[10];
        RxMatch *mm = m;
        if (sub >= 10) mm = mem_alloc(fc->var, sizeof *mm * (size_t)(sub + 1));
        bool found;
        if (nth_match(fc, re, s[i], start, nth, mm, sub + 1, &found) < 0) return -1;
        if (found && mm[sub].so >= 0) fn_set_str(o, i, s[i].ptr + mm[sub].so, (size_t)(mm[sub].eo - mm[sub].so));
    }
    return 0;
}

#define T OM_T_TEXT
#define BP OM_T_BPCHAR
#define I4 OM_T_INT4
#define B OM_T_BOOL

static const FnDesc descs[] = {
    /* Operators; char(n) on the left keeps its blanks (bpcharregexeq). */
    {"~", 2, {T, T}, B, FN_STRICT, fn_regexeq},
    {"!~", 2, {T, T}, B, FN_STRICT, fn_regexne},
    {"~*", 2, {T, T}, B, FN_STRICT, fn_icregexeq},
    {"!~*", 2, {T, T}, B, FN_STRICT, fn_icregexne},
    {"~", 2, {BP, T}, B, FN_STRICT, fn_regexeq},
    {"!~", 2, {BP, T}, B, FN_STRICT, fn_regexne},
    {"~*", 2, {BP, T}, B, FN_STRICT, fn_icregexeq},
    {"!~*", 2, {BP, T}, B, FN_STRICT, fn_icregexne},
    {"similar_to_escape", 1, {T}, T, FN_STRICT, fn_similar_to_escape},
    {"similar_to_escape", 2, {T, T}, T, FN_STRICT, fn_similar_to_escape},
    {"similar_escape", 2, {T, T}, T, 0, fn_similar_escape},
    {"substring", 2, {T, T}, T, FN_STRICT, fn_substring_re},
    {"substring", 3, {T, T, T}, T, FN_STRICT, fn_substring_similar},
    {"regexp_replace", 3, {T, T, T}, T, FN_STRICT, fn_replace3},
    {"regexp_replace", 4, {T, T, T, T}, T, FN_STRICT, fn_replace_flags},
    {"regexp_replace", 4, {T, T, T, I4}, T, FN_STRICT, fn_replace_ext},
    {"regexp_replace", 5, {T, T, T, I4, I4}, T, FN_STRICT, fn_replace_ext},
    {"regexp_replace", 6, {T, T, T, I4, I4, T}, T, FN_STRICT, fn_replace_ext},
    {"regexp_count", 2, {T, T}, I4, FN_STRICT, fn_regexp_count},
    {"regexp_count", 3, {T, T, I4}, I4, FN_STRICT, fn_regexp_count},
    {"regexp_count", 4, {T, T, I4, T}, I4, FN_STRICT, fn_regexp_count},
    {"regexp_instr", 2, {T, T}, I4, FN_STRICT, fn_regexp_instr},
    {"regexp_instr", 3, {T, T, I4}, I4, FN_STRICT, fn_regexp_instr},
    {"regexp_instr", 4, {T, T, I4, I4}, I4, FN_STRICT, fn_regexp_instr},
    {"regexp_instr", 5, {T, T, I4, I4, I4}, I4, FN_STRICT, fn_regexp_instr},
    {"regexp_instr", 6, {T, T, I4, I4, I4, T}, I4, FN_STRICT, fn_regexp_instr},
    {"regexp_instr", 7, {T, T, I4, I4, I4, T, I4}, I4, FN_STRICT, fn_regexp_instr},
    {"regexp_like", 2, {T, T}, B, FN_STRICT, fn_regexp_like},
    {"regexp_like", 3, {T, T, T}, B, FN_STRICT, fn_regexp_like},
    {"regexp_substr", 2, {T, T}, T, FN_STRICT, fn_regexp_substr},
    {"regexp_substr", 3, {T, T, I4}, T, FN_STRICT, fn_regexp_substr},
    {"regexp_substr", 4, {T, T, I4, I4}, T, FN_STRICT, fn_regexp_substr},
    {"regexp_substr", 5, {T, T, I4, I4, T}, T, FN_STRICT, fn_regexp_substr},
    {"regexp_substr", 6, {T, T, I4, I4, T, I4}, T, FN_STRICT, fn_regexp_substr},
};

const FnTable fn_regex_table = {descs, sizeof descs / sizeof descs[0]};
