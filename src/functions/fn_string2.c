/*
 * fn_string2.c — string functions that render or quote values: concat,
 * concat_ws, format, quote_ident, quote_literal, quote_nullable, and the
 * code-point and digest functions chr, ascii, to_hex, md5 (PostgreSQL 15's
 * semantics and errors, UTF8 database).
 *
 * concat, concat_ws and format take PostgreSQL's VARIADIC "any": every
 * argument is printed with its type's output function (type_out), so
 * concat(1.50::float8, true) is '1.5t' as in PostgreSQL. They are not strict:
 * their kernels check NULLs themselves.
 *
 * md5 uses OpenSSL's libcrypto (EVP); functions/ is, with wire/, a folder
 * allowed to include OpenSSL headers.
 *
 * Interface routines: fn_quote_ident, fn_quote_literal (fn_tables.h).
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "fn_tables.h"

/* ---- quoting ------------------------------------------------------------------------ */

/* Keywords PostgreSQL 15 does not leave unquoted (every category but
 * unreserved: pg_get_keywords() where catcode <> 'U'), sorted. */
static const char *const quoted_keywords[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check",
    "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
    "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct",
    "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
    "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
    "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull",
    "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
    "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
    "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position",
    "precision", "primary", "real", "references", "returning", "right", "row", "select", "session_user",
    "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then",
    "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using",
    "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes",
    "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
    "xmlserialize", "xmltable",
};

static bool is_quoted_keyword(const char *s, size_t len)
{
    int lo = 0, hi = (int)(sizeof quoted_keywords / sizeof quoted_keywords[0]) - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const char *k = quoted_keywords[mid];
        size_t kl = strlen(k);
        int c = memcmp(s, k, len < kl ? len : kl);
        if (c == 0) c = (len > kl) - (len < kl);
        if (c == 0) return true;
        if (c < 0) hi = mid - 1;
        else lo = mid + 1;
    }
    return false;
}

/* PostgreSQL's quote_identifier: unquoted only when made of [a-z0-9_], not
 * starting with a digit, and not a keyword that needs quoting. */
void fn_quote_ident(OmBuf *out, const char *s, size_t len)
{
    bool safe = len > 0 && ((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_');
    for (size_t j = 0; j < len && safe; j++) {
        char c = s[j];
        safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
    if (safe && !is_quoted_keyword(s, len)) {
        buf_append(out, s, len);
        return;
    }
    buf_append_char(out, '"');
    for (size_t j = 0; j < len; j++) {
        if (s[j] == '"') buf_append_char(out, '"');
        buf_append_char(out, s[j]);
    }
    buf_append_char(out, '"');
}

/* PostgreSQL's quote_literal_cstr: quotes doubled; with a backslash the
 * literal becomes E'…' and backslashes are doubled too. */
void fn_quote_literal(OmBuf *out, const char *s, size_t len)
{
    if (memchr(s, '\\', len)) buf_append_char(out, 'E');
    buf_append_char(out, '\'');
    for (size_t j = 0; j < len; j++) {
        if (s[j] == '\'' || s[j] == '\\') buf_append_char(out, s[j]);
        buf_append_char(out, s[j]);
    }
    buf_append_char(out, '\'');
}

static int fn_quote_ident_k(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    SEL_LOOP {
        OmBuf b;
        buf_init(&b, fc->var, s[i].len + 3);
        fn_quote_ident(&b, s[i].ptr, s[i].len);
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

/* The text form of argument a at row i (type_out; text-like values as they are). */
static OmStr render(FnCall *fc, const OmVector *const *args, int a, int i, OmBuf *scratch)
{
    const OmVector *v = args[a];
    OmType t = fc->arg_types[a];
    if (v->phys == OM_PHYS_STR && t.id != OM_T_NUMERIC) return ((const OmStr *)v->data)[i];
    buf_reset(scratch);
    type_out(t, v, i, scratch);
    OmStr r = {scratch->data, (uint32_t)scratch->len};
    return r;
}

/* quote_literal / quote_nullable over text and the other types
 * (PostgreSQL's anyelement forms, SQL functions quoting $1::text: the cast
 * to text, which is the output function except for boolean). quote_nullable
 * is not strict: NULL gives the word NULL. */
static int quote_literal_kernel(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel,
                                int n, bool nullable)
{
    OmBuf scratch;
    buf_init(&scratch, fc->var, 32);
    SEL_LOOP {
        if (nullable && om_vec_is_null(args[0], i)) {
            fn_set_str(out, i, "NULL", 4);
            continue;
        }
        OmStr s;
        if (fc->arg_types[0].id == OM_T_BOOL) {
            /* The anyelement forms cast to text: true is 'true', not 't'. */
            bool v = ((const uint8_t *)args[0]->data)[i];
            s.ptr = v ? "true" : "false";
            s.len = v ? 4 : 5;
        } else {
            s = render(fc, args, 0, i, &scratch);
        }
        OmBuf b;
        buf_init(&b, fc->var, s.len + 3);
        fn_quote_literal(&b, s.ptr, s.len);
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

static int fn_quote_literal_k(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return quote_literal_kernel(fc, a, o, sel, n, false);
}

static int fn_quote_nullable_k(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return quote_literal_kernel(fc, a, o, sel, n, true);
}

/* ---- concat ------------------------------------------------------------------------- */

/* concat(VARIADIC "any"): the arguments' text forms, NULLs skipped. */
static int fn_concat(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    OmBuf scratch;
    buf_init(&scratch, fc->var, 32);
    SEL_LOOP {
        OmBuf b;
        buf_init(&b, fc->var, 32);
        for (int a = 0; a < fc->nargs; a++) {
            if (om_vec_is_null(args[a], i)) continue;
            OmStr s = render(fc, args, a, i, &scratch);
            if (b.len + s.len > FN_MAX_ALLOC)
                return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "out of memory");
            buf_append(&b, s.ptr, s.len);
        }
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

/* concat_ws(sep, VARIADIC "any"): NULL separator → NULL; NULL arguments are
 * skipped together with their separator. */
static int fn_concat_ws(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    OmBuf scratch;
    buf_init(&scratch, fc->var, 32);
    const OmStr *seps = args[0]->data;
    SEL_LOOP {
        if (om_vec_is_null(args[0], i)) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmBuf b;
        buf_init(&b, fc->var, 32);
        bool first = true;
        for (int a = 1; a < fc->nargs; a++) {
            if (om_vec_is_null(args[a], i)) continue;
            OmStr s = render(fc, args, a, i, &scratch);
            if (b.len + seps[i].len + s.len > FN_MAX_ALLOC)
                return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "out of memory");
            if (!first) buf_append(&b, seps[i].ptr, seps[i].len);
            buf_append(&b, s.ptr, s.len);
            first = false;
        }
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

/* ---- format ------------------------------------------------------------------------- */

#define FORMAT_HINT "For a single \"%%\" use \"%%%%\"."

static int format_unterminated(OmError *err)
{
    err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "unterminated format() type specifier");
    err_hint(err, FORMAT_HINT);
    return -1;
}

/* Digits at *p (PostgreSQL's text_format_parse_digits): 0 none, 1 found,
 * -1 error (overflow, or the string ends inside them). */
static int format_digits(const char **p, const char *end, int32_t *val, OmError *err)
{
    const char *cp = *p;
    int32_t v = 0;
    bool found = false;
    while (*cp >= '0' && *cp <= '9') {
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *cp - '0', &v))
            return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
        if (++cp >= end) return format_unterminated(err);
        found = true;
    }
    *p = cp;
    *val = v;
    return found;
}

typedef struct FormatSpec {
    int32_t argpos;   /* -1 none, else 1-based */
    int32_t widthpos; /* -1 no '*', 0 '*' (next argument), else 1-based */
    bool minus;
    int32_t width;
} FormatSpec;

/* The optional parts of a conversion after '%' (text_format_parse_format):
 * [n$][-...][width | * | *n$]. Leaves *p at the type character. */
static int format_parse_spec(const char **p, const char *end, FormatSpec *f, OmError *err)
{
    const char *cp = *p;
    int32_t v;
    f->argpos = -1;
    f->widthpos = -1;
    f->minus = false;
    f->width = 0;
    int rc = format_digits(&cp, end, &v, err);
    if (rc < 0) return -1;
    if (rc) {
        if (*cp != '$') {
            f->width = v;
            *p = cp;
            return 0;
        }
        if (v == 0)
            return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                           "format specifies argument 0, but arguments are numbered from 1");
        f->argpos = v;
        if (++cp >= end) return format_unterminated(err);
    }
    while (*cp == '-') {
        f->minus = true;
        if (++cp >= end) return format_unterminated(err);
    }
    if (*cp == '*') {
        if (++cp >= end) return format_unterminated(err);
        rc = format_digits(&cp, end, &v, err);
        if (rc < 0) return -1;
        if (rc) {
            if (*cp != '$')
                return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "width argument position must be ended by \"$\"");
            if (v == 0)
                return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                               "format specifies argument 0, but arguments are numbered from 1");
            f->widthpos = v;
            if (++cp >= end) return format_unterminated(err);
        } else {
            f->widthpos = 0;
        }
    } else {
        rc = format_digits(&cp, end, &v, err);
        if (rc < 0) return -1;
        if (rc) f->width = v;
    }
    *p = cp;
    return 0;
}

/* appendStringInfoSpaces' limit: a value may not reach 1 GB. */
static int format_room(OmBuf *b, int64_t more, OmError *err)
{
    if ((uint64_t)more >= FN_MAX_ALLOC - b->len) {
        err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "out of memory");
        err_detail(err, "Cannot enlarge string buffer containing %zu bytes by %lld more bytes.", b->len,
                   (long long)more);
        return -1;
    }
    return 0;
}

/* text_format_append_string: s padded to width characters (negative width
 * or the '-' flag: left-aligned). */
static int format_append(OmBuf *b, const char *s, size_t len, bool minus, int32_t width, OmError *err)
{
    if (width == 0) {
        if (format_room(b, (int64_t)len, err) < 0) return -1;
        buf_append(b, s, len);
        return 0;
    }
    bool left = minus;
    if (width < 0) {
        if (width == INT32_MIN) return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range");
        width = -width;
        left = true;
    }
    int64_t pad = (int64_t)width - (int64_t)type_utf8_strlen(s, len);
    if (left && format_room(b, (int64_t)len, err) < 0) return -1;
    if (left) buf_append(b, s, len);
    if (pad > 0) {
        if (format_room(b, pad, err) < 0) return -1;
        buf_reserve(b, (size_t)pad);
        memset(b->data + b->len, ' ', (size_t)pad);
        b->len += (size_t)pad;
        b->data[b->len] = '\0';
    }
    if (!left && format_room(b, (int64_t)len, err) < 0) return -1;
    if (!left) buf_append(b, s, len);
    return 0;
}

/* The width taken from argument a (the '*' forms): int2/int4 directly,
 * other types through their text form and integer input; NULL is 0. */
static int format_width_arg(FnCall *fc, const OmVector *const *args, int a, int i, OmBuf *scratch, int32_t *w)
{
    const OmVector *v = args[a];
    if (om_vec_is_null(v, i)) {
        *w = 0;
        return 0;
    }
    switch (fc->arg_types[a].id) {
    case OM_T_INT2: *w = ((const int16_t *)v->data)[i]; return 0;
    case OM_T_INT4: *w = ((const int32_t *)v->data)[i]; return 0;
    default: break;
    }
    OmStr s = render(fc, args, a, i, scratch);
    int32_t data[1];
    uint64_t nulls[1] = {0};
    OmVector iv = {OM_PHYS_I32, data, nulls};
    if (type_in(om_type(OM_T_INT4), s.ptr, s.len, &iv, 0, fc->var, fc->err) < 0) return -1;
    *w = data[0];
    return 0;
}

/* One conversion: %s, %I or %L of argument a at row i. */
static int format_convert(FnCall *fc, const OmVector *const *args, int a, int i, char conv, const FormatSpec *f,
                          int32_t width, OmBuf *b, OmBuf *scratch)
{
    if (om_vec_is_null(args[a], i)) {
        if (conv == 'I')
            return err_set(fc->err, ERRCODE_NULL_VALUE_NOT_ALLOWED, "null values cannot be formatted as an SQL identifier");
        return conv == 'L' ? format_append(b, "NULL", 4, f->minus, width, fc->err)
                           : format_append(b, "", 0, f->minus, width, fc->err);
    }
    OmStr s = render(fc, args, a, i, scratch);
    if (conv == 's') return format_append(b, s.ptr, s.len, f->minus, width, fc->err);
    OmBuf q;
    buf_init(&q, fc->var, s.len + 3);
    if (conv == 'I') fn_quote_ident(&q, s.ptr, s.len);
    else fn_quote_literal(&q, s.ptr, s.len);
    return format_append(b, q.data, q.len, f->minus, width, fc->err);
}

/* format(fmt, VARIADIC "any") — PostgreSQL's text_format: %s %I %L %%, an
 * argument position n$, the '-' flag, and a width given directly or by an
 * argument (* or *n$). NULL format → NULL. */
static int fn_format(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    OmBuf scratch;
    buf_init(&scratch, fc->var, 32);
    const OmStr *fmts = args[0]->data;
    int nargs = fc->nargs;
    SEL_LOOP {
        if (om_vec_is_null(args[0], i)) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmBuf b;
        buf_init(&b, fc->var, fmts[i].len + 16);
        const char *cp = fmts[i].ptr, *end = cp + fmts[i].len;
        int arg = 1; /* next argument to print */
        for (; cp < end; cp++) {
            if (*cp != '%') {
                const char *pct = memchr(cp, '%', (size_t)(end - cp));
                const char *stop = pct ? pct : end;
                buf_append(&b, cp, (size_t)(stop - cp));
                cp = stop - 1;
                continue;
            }
            if (++cp >= end) return format_unterminated(fc->err);
            if (*cp == '%') {
                buf_append_char(&b, '%');
                continue;
            }
            FormatSpec f;
            if (format_parse_spec(&cp, end, &f, fc->err) < 0) return -1;
            if (!strchr("sIL", *cp) || *cp == '\0') {
                int l = fn_utf8_len((unsigned char)*cp);
                err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "unrecognized format() type specifier \"%.*s\"", l, cp);
                err_hint(fc->err, FORMAT_HINT);
                return -1;
            }
            int32_t width = f.width;
            if (f.widthpos >= 0) {
                if (f.widthpos > 0) arg = f.widthpos;
                if (arg >= nargs) return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "too few arguments for format()");
                if (format_width_arg(fc, args, arg, i, &scratch, &width) < 0) return -1;
                arg++;
            }
            if (f.argpos > 0) arg = f.argpos;
            if (arg >= nargs) return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "too few arguments for format()");
            if (format_convert(fc, args, arg, i, *cp, &f, width, &b, &scratch) < 0) return -1;
            arg++;
        }
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

/* ---- code points, hex, digests ------------------------------------------------------ */

/* chr(code): the character with that code point (ASCII below 128). */
static int fn_chr(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const int32_t *c = args[0]->data;
    SEL_LOOP {
        int32_t v = c[i];
        if (v < 0) return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "character number must be positive");
        if (v == 0) return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        uint32_t cp = (uint32_t)v;
        if (cp > 0x10ffff)
            return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: %u", cp);
        unsigned char u[4];
        int l;
        if (cp < 0x80) {
            u[0] = (unsigned char)cp;
            l = 1;
        } else if (cp < 0x800) {
            u[0] = (unsigned char)(0xc0 | (cp >> 6));
            u[1] = (unsigned char)(0x80 | (cp & 0x3f));
            l = 2;
        } else if (cp < 0x10000) {
            u[0] = (unsigned char)(0xe0 | (cp >> 12));
            u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
            u[2] = (unsigned char)(0x80 | (cp & 0x3f));
            l = 3;
        } else {
            u[0] = (unsigned char)(0xf0 | (cp >> 18));
            u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
            u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
            u[3] = (unsigned char)(0x80 | (cp & 0x3f));
            l = 4;
        }
        /* Surrogates (U+D800..U+DFFF) are not valid UTF-8. */
        if (!type_utf8_valid((const char *)u, (size_t)l))
            return err_set(fc->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "requested character not valid for encoding: %u", cp);
        char *r = mem_alloc(fc->var, (size_t)l + 1);
        memcpy(r, u, (size_t)l);
        fn_set_str(out, i, r, (size_t)l);
    }
    return 0;
}

/* ascii(s): the code point of the first character, 0 for ''. */
static int fn_ascii(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        const unsigned char *p = (const unsigned char *)s[i].ptr;
        int32_t v = 0;
        if (s[i].len > 0) {
            int l = fn_utf8_len(p[0]);
            v = l == 1 ? p[0] : l == 2 ? (p[0] & 0x1f) : l == 3 ? (p[0] & 0x0f) : (p[0] & 0x07);
            for (int j = 1; j < l; j++) v = (v << 6) | (p[j] & 0x3f);
        }
        r[i] = v;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* to_hex: the two's-complement bits in lower-case hex. */
static int fn_to_hex4(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const int32_t *x = args[0]->data;
    SEL_LOOP {
        char *r = mem_printf(fc->var, "%x", (uint32_t)x[i]);
        fn_set_str(out, i, r, strlen(r));
    }
    return 0;
}

static int fn_to_hex8(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const int64_t *x = args[0]->data;
    SEL_LOOP {
        char *r = mem_printf(fc->var, "%llx", (unsigned long long)(uint64_t)x[i]);
        fn_set_str(out, i, r, strlen(r));
    }
    return 0;
}

static int fn_md5(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    static const char hex[] = "0123456789abcdef";
    const OmStr *s = args[0]->data;
    SEL_LOOP {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int mdlen = 0;
        if (!EVP_Digest(s[i].ptr, s[i].len, md, &mdlen, EVP_md5(), NULL) || mdlen != 16)
            return err_set(fc->err, ERRCODE_OUT_OF_MEMORY, "could not compute MD5 hash");
        char *r = mem_alloc(fc->var, 33);
        for (int j = 0; j < 16; j++) {
            r[2 * j] = hex[md[j] >> 4];
            r[2 * j + 1] = hex[md[j] & 15];
        }
        r[32] = '\0';
        fn_set_str(out, i, r, 32);
    }
    return 0;
}

/* ---- the table ---------------------------------------------------------------------- */

#define T OM_T_TEXT

static const FnDesc descs[] = {
    {"concat", 1, {FN_ANY}, T, FN_VARIADIC | FN_STABLE, fn_concat},
    {"concat_ws", 2, {T, FN_ANY}, T, FN_VARIADIC | FN_STABLE, fn_concat_ws},
    {"format", 1, {T}, T, FN_STABLE, fn_format},
    {"format", 2, {T, FN_ANY}, T, FN_VARIADIC | FN_STABLE, fn_format},
    {"quote_ident", 1, {T}, T, FN_STRICT, fn_quote_ident_k},
    /* quote_literal(anyelement) / quote_nullable(anyelement) are listed per
     * type: the binder's unknown-literal rule keeps an FN_ANY candidate next
     * to text (PostgreSQL drops it, its category being P), which would make
     * quote_literal('x') ambiguous. */
    {"quote_literal", 1, {T}, T, FN_STRICT, fn_quote_literal_k},
    {"quote_literal", 1, {OM_T_BOOL}, T, FN_STRICT | FN_STABLE, fn_quote_literal_k},
    {"quote_literal", 1, {OM_T_INT2}, T, FN_STRICT | FN_STABLE, fn_quote_literal_k},
    {"quote_literal", 1, {OM_T_INT4}, T, FN_STRICT | FN_STABLE, fn_quote_literal_k},
    {"quote_literal", 1, {OM_T_INT8}, T, FN_STRICT | FN_STABLE, fn_quote_literal_k},
    {"quote_literal", 1, {OM_T_FLOAT4}, T, FN_STRICT | FN_STABLE, fn_quote_literal_k},
    {"quote_literal", 1, {OM_T_FLOAT8}, T, FN_STRICT | FN_STABLE, fn_quote_literal_k},
    {"quote_literal", 1, {OM_T_NUMERIC}, T, FN_STRICT | FN_STABLE, fn_quote_literal_k},
    {"quote_nullable", 1, {T}, T, 0, fn_quote_nullable_k},
    {"quote_nullable", 1, {OM_T_BOOL}, T, FN_STABLE, fn_quote_nullable_k},
    {"quote_nullable", 1, {OM_T_INT2}, T, FN_STABLE, fn_quote_nullable_k},
    {"quote_nullable", 1, {OM_T_INT4}, T, FN_STABLE, fn_quote_nullable_k},
    {"quote_nullable", 1, {OM_T_INT8}, T, FN_STABLE, fn_quote_nullable_k},
    {"quote_nullable", 1, {OM_T_FLOAT4}, T, FN_STABLE, fn_quote_nullable_k},
    {"quote_nullable", 1, {OM_T_FLOAT8}, T, FN_STABLE, fn_quote_nullable_k},
    {"quote_nullable", 1, {OM_T_NUMERIC}, T, FN_STABLE, fn_quote_nullable_k},
    {"chr", 1, {OM_T_INT4}, T, FN_STRICT, fn_chr},
    {"ascii", 1, {T}, OM_T_INT4, FN_STRICT, fn_ascii},
    {"to_hex", 1, {OM_T_INT4}, T, FN_STRICT, fn_to_hex4},
    {"to_hex", 1, {OM_T_INT8}, T, FN_STRICT, fn_to_hex8},
    {"md5", 1, {T}, T, FN_STRICT, fn_md5},
};

const FnTable fn_string2_table = {descs, sizeof descs / sizeof descs[0]};
