/*
 * fn_string3.c — concat / concat_ws / format called with VARIADIC array
 * (PostgreSQL's func_variadic: the array's elements are the variadic
 * arguments), and unistr.
 *
 * The binder sends `concat(VARIADIC a)` here as "concat variadic"(a) (a name
 * SQL cannot spell without quotes); the kernels flatten the array, as
 * PostgreSQL does for multidimensional arrays too, and run fn_string2.c's
 * kernel (found through the registry) one row at a time with the elements
 * as one-row argument vectors.
 */
#include <string.h>

#include "../types/array.h"
#include "fn_tables.h"

/* The VARIADIC "any" signature of name (fn_string2.c's kernel). */
static FnKernel variadic_kernel(const char *name)
{
    int ns = 0;
    const FnDesc *const *d = fn_lookup(name, &ns);
    for (int k = 0; k < ns; k++)
        if (d[k]->flags & FN_VARIADIC) return d[k]->kernel;
    return NULL;
}

/* fixed = arguments before the array (0 or 1, text); a NULL array is NULL
 * for concat and concat_ws, no variadic arguments for format. */
static int variadic_call(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n,
                         const char *name, bool null_is_null)
{
    FnKernel kern = variadic_kernel(name);
    int fixed = fc->nargs - 1;
    OmTypeId at = fc->arg_types[fixed].id;
    OmType et = om_type((OmTypeId)type_array_elem(at));
    SEL_LOOP {
        bool anull = om_vec_is_null(args[fixed], i);
        if (anull && null_is_null) {
            om_vec_set_null(out, i, true);
            continue;
        }
        OmArr a = {0};
        if (!anull) arr_view(at, ((const OmStr *)args[fixed]->data)[i], &a);
        int nel = anull ? 0 : a.nitems;
        int nargs = fixed + nel;
        OmSlot *slots = mem_alloc(fc->var, (size_t)(nargs + 1) * sizeof *slots);
        const OmVector **vargs = mem_alloc(fc->var, (size_t)(nargs + 1) * sizeof *vargs);
        OmType *types = mem_alloc(fc->var, (size_t)(nargs + 1) * sizeof *types);
        for (int f = 0; f < fixed; f++) {
            om_slot_init(&slots[f], OM_PHYS_STR);
            slots[f].val.s = ((const OmStr *)args[f]->data)[i];
            om_vec_set_null(&slots[f].v, 0, om_vec_is_null(args[f], i));
            types[f] = fc->arg_types[f];
        }
        ArrIter it;
        if (!anull) arr_iter_init(&it, &a);
        for (int e = 0; e < nel; e++) {
            om_slot_init(&slots[fixed + e], a.phys);
            arr_iter_next(&it, &slots[fixed + e].v, 0);
            types[fixed + e] = et;
        }
        for (int k2 = 0; k2 < nargs; k2++) vargs[k2] = &slots[k2].v;
        OmSlot res;
        om_slot_init(&res, OM_PHYS_STR);
        FnCall sub = *fc;
        sub.nargs = nargs;
        sub.arg_types = types;
        static const uint16_t row0 = 0;
        if (kern(&sub, vargs, &res.v, &row0, 1) < 0) return -1;
        if (om_vec_is_null(&res.v, 0)) om_vec_set_null(out, i, true);
        else fn_set_str(out, i, res.val.s.ptr, res.val.s.len);
    }
    return 0;
}

static int fn_concat_variadic(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    return variadic_call(fc, args, out, sel, n, "concat", true);
}

static int fn_concat_ws_variadic(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    return variadic_call(fc, args, out, sel, n, "concat_ws", true);
}

static int fn_format_variadic(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    return variadic_call(fc, args, out, sel, n, "format", false);
}

/* ---- unistr ------------------------------------------------------------------------- */

static bool hex_n(const char *p, int n, uint32_t *out)
{
    uint32_t v = 0;
    for (int k = 0; k < n; k++) {
        char c = p[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return false;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return true;
}

static void put_utf8(OmBuf *b, uint32_t c)
{
    char u[4];
    int n;
    if (c < 0x80) u[0] = (char)c, n = 1;
    else if (c < 0x800) u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3F)), n = 2;
    else if (c < 0x10000)
        u[0] = (char)(0xE0 | c >> 12), u[1] = (char)(0x80 | ((c >> 6) & 0x3F)), u[2] = (char)(0x80 | (c & 0x3F)), n = 3;
    else
        u[0] = (char)(0xF0 | c >> 18), u[1] = (char)(0x80 | ((c >> 12) & 0x3F)), u[2] = (char)(0x80 | ((c >> 6) & 0x3F)),
        u[3] = (char)(0x80 | (c & 0x3F)), n = 4;
    buf_append(b, u, (size_t)n);
}

static int bad_pair(OmError *err)
{
    return err_set(err, ERRCODE_SYNTAX_ERROR, "invalid Unicode surrogate pair");
}

/* unistr(text): \\ is a backslash; \XXXX, \uXXXX, \+XXXXXX, \UXXXXXXXX are
 * code points (UTF-16 surrogate pairs joined), as PostgreSQL's unistr. */
static int fn_unistr(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    SEL_LOOP {
        const char *p = s[i].ptr;
        size_t len = s[i].len;
        OmBuf b;
        buf_init(&b, fc->var, len + 1);
        uint32_t first = 0; /* pending high surrogate */
        while (len > 0) {
            if (p[0] != '\\') {
                if (first) return bad_pair(fc->err);
                buf_append_char(&b, p[0]);
                p++, len--;
                continue;
            }
            if (len >= 2 && p[1] == '\\') {
                if (first) return bad_pair(fc->err);
                buf_append_char(&b, '\\');
                p += 2, len -= 2;
                continue;
            }
            uint32_t c;
            int skip, digits;
            if (len >= 5 && hex_n(p + 1, 4, &c)) skip = 5, digits = 4;
            else if (len >= 6 && p[1] == 'u' && hex_n(p + 2, 4, &c)) skip = 6, digits = 4;
            else if (len >= 8 && p[1] == '+' && hex_n(p + 2, 6, &c)) skip = 8, digits = 6;
            else if (len >= 10 && p[1] == 'U' && hex_n(p + 2, 8, &c)) skip = 10, digits = 8;
            else {
                err_set(fc->err, ERRCODE_SYNTAX_ERROR, "invalid Unicode escape");
                err_hint(fc->err, "Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.");
                return -1;
            }
            if (c == 0 || c > 0x10FFFF)
                return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid Unicode code point: %0*X", digits, c);
            bool high = c >= 0xD800 && c <= 0xDBFF, low = c >= 0xDC00 && c <= 0xDFFF;
            if (first) {
                if (!low) return bad_pair(fc->err);
                c = 0x10000 + ((first - 0xD800) << 10) + (c - 0xDC00);
                first = 0;
            } else if (low) {
                return bad_pair(fc->err);
            }
            if (high) first = c;
            else put_utf8(&b, c);
            p += skip, len -= (size_t)skip;
        }
        if (first) return bad_pair(fc->err);
        fn_set_str(out, i, b.data, b.len);
    }
    return 0;
}

/* pg_typeof(any): the argument's type as a regtype (its OID); the bare
 * NULL literal and untyped strings are unknown, as in PostgreSQL. */
static int fn_pg_typeof(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    (void)args;
    uint32_t oid = type_oid(fc->arg_types[0].id);
    SEL_LOOP {
        ((int32_t *)out->data)[i] = (int32_t)oid;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

#define T OM_T_TEXT
#define AA FN_ANYARRAY

static const FnDesc descs[] = {
    {"concat variadic", 1, {AA}, T, FN_STABLE, fn_concat_variadic},
    {"concat_ws variadic", 2, {T, AA}, T, FN_STABLE, fn_concat_ws_variadic},
    {"format variadic", 2, {T, AA}, T, FN_STABLE, fn_format_variadic},
    {"unistr", 1, {T}, T, FN_STRICT, fn_unistr},
    {"pg_typeof", 1, {FN_ANY}, OM_T_REGTYPE, FN_KEEP_UNKNOWN, fn_pg_typeof},
};

const FnTable fn_string3_table = {descs, (int)(sizeof descs / sizeof descs[0])};
