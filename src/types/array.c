/*
 * array.c — the stored form of arrays (see array.h), reading and building
 * it, and PostgreSQL's text form: array_in's grammar and errors, array_out's
 * quoting.
 *
 * Interface routines: arr_view, arr_check, arr_iter_init, arr_iter_next,
 * arr_build_init, arr_build_add, arr_build_add_null, arr_build_finish,
 * arr_build_list, arr_in, arr_out, arr_nitems.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "types_int.h"

static int phys_width(OmPhysType p) { return p == OM_PHYS_STR ? 0 : (int)om_phys_size(p); }

static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

int64_t arr_nitems(int ndim, const int *dims)
{
    if (ndim == 0) return 0;
    int64_t n = 1;
    for (int d = 0; d < ndim; d++) {
        n *= dims[d];
        if (n > OM_ARR_MAXITEMS) return -1;
    }
    return n;
}

void arr_view(OmTypeId t, OmStr s, OmArr *a)
{
    const uint8_t *p = (const uint8_t *)s.ptr;
    a->elem = (OmTypeId)type_array_elem(t);
    a->phys = type_phys(a->elem);
    a->width = phys_width(a->phys);
    a->ndim = s.len ? p[0] : 0;
    bool has_null = s.len && (p[1] & 1);
    p += s.len ? 2 : 0;
    for (int d = 0; d < a->ndim; d++) {
        a->dims[d] = (int)rd32(p);
        a->lbs[d] = (int)rd32(p + 4);
        p += 8;
    }
    a->nitems = (int)arr_nitems(a->ndim, a->dims);
    a->nulls = has_null ? p : NULL;
    if (has_null) p += (a->nitems + 7) / 8;
    a->data = p;
    a->end = (const uint8_t *)s.ptr + s.len;
}

int arr_check(OmTypeId t, OmStr s, OmError *err)
{
    const uint8_t *p = (const uint8_t *)s.ptr, *end = p + s.len;
    if (!type_is_array(t) || s.len < 2 || p[0] > OM_ARR_MAXDIM || (p[1] & ~1u) ||
        (size_t)(end - p) < 2 + 8u * p[0])
        goto bad;
    OmArr a;
    arr_view(t, s, &a);
    if (a.ndim && a.nitems <= 0) goto bad;
    for (int d = 0; d < a.ndim; d++)
        if (a.dims[d] <= 0 || (int64_t)a.lbs[d] + a.dims[d] > INT32_MAX) goto bad;
    if (a.data > end) goto bad;
    if (a.width) {
        if ((size_t)(end - a.data) != (size_t)a.nitems * (size_t)a.width) goto bad;
        return 0;
    }
    const uint8_t *q = a.data;
    for (int i = 0; i < a.nitems; i++) {
        if (end - q < 4 || rd32(q) > (size_t)(end - q - 4)) goto bad;
        q += 4 + rd32(q);
    }
    if (q != end) goto bad;
    return 0;
bad:
    return err_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION, "incorrect binary data format in array");
}

/* ---- reading --------------------------------------------------------------------------- */

void arr_iter_init(ArrIter *it, const OmArr *a)
{
    it->a = a;
    it->i = 0;
    it->p = a->data;
}

bool arr_iter_next(ArrIter *it, OmVector *v, int row)
{
    const OmArr *a = it->a;
    if (it->i >= a->nitems) return false;
    bool null = arr_elem_null(a, it->i);
    om_vec_set_null(v, row, null);
    if (a->width) {
        memcpy((uint8_t *)v->data + (size_t)row * (size_t)a->width, it->p, (size_t)a->width);
        it->p += a->width;
    } else {
        uint32_t len = rd32(it->p);
        OmStr *s = &((OmStr *)v->data)[row];
        s->ptr = (const char *)it->p + 4;
        s->len = len;
        it->p += 4 + len;
    }
    it->i++;
    return true;
}

/* ---- building -------------------------------------------------------------------------- */

void arr_build_init(ArrBuild *b, OmTypeId elem, MemCtx *ctx)
{
    b->elem = elem;
    b->phys = type_phys(elem);
    b->width = phys_width(b->phys);
    buf_init(&b->data, ctx, 64);
    buf_init(&b->nulls, ctx, 8);
    b->n = 0;
    b->has_null = false;
}

static void note_null(ArrBuild *b, bool null)
{
    if ((b->n & 7) == 0) buf_append_u8(&b->nulls, 0);
    if (null) {
        b->nulls.data[b->n >> 3] |= (char)(1u << (b->n & 7));
        b->has_null = true;
    }
    b->n++;
}

void arr_build_add_null(ArrBuild *b)
{
    static const uint8_t zeroes[16];
    note_null(b, true);
    buf_append(&b->data, zeroes, b->width ? (size_t)b->width : 4);
}

void arr_build_add(ArrBuild *b, const OmVector *v, int row)
{
    if (om_vec_is_null(v, row)) {
        arr_build_add_null(b);
        return;
    }
    note_null(b, false);
    if (b->width) {
        buf_append(&b->data, (const uint8_t *)v->data + (size_t)row * (size_t)b->width, (size_t)b->width);
        return;
    }
    OmStr s = ((const OmStr *)v->data)[row];
    uint32_t len = s.len;
    buf_append(&b->data, &len, 4);
    buf_append(&b->data, s.ptr, s.len);
}

OmStr arr_build_finish(ArrBuild *b, int ndim, const int *dims, const int *lbs, MemCtx *ctx)
{
    if (b->n == 0) ndim = 0;
    OmBuf out;
    buf_init(&out, ctx, 2 + 8u * (size_t)ndim + b->nulls.len + b->data.len);
    buf_append_u8(&out, (uint8_t)ndim);
    buf_append_u8(&out, b->has_null ? 1 : 0);
    for (int d = 0; d < ndim; d++) {
        buf_append(&out, &dims[d], 4);
        buf_append(&out, &lbs[d], 4);
    }
    if (b->has_null) buf_append(&out, b->nulls.data, b->nulls.len);
    buf_append(&out, b->data.data, b->data.len);
    OmStr s = {out.data, (uint32_t)out.len};
    return s;
}

OmStr arr_build_list(ArrBuild *b, MemCtx *ctx)
{
    int dim = b->n, lb = 1;
    return arr_build_finish(b, 1, &dim, &lb, ctx);
}

/* ---- array_in ------------------------------------------------------------------------- */

typedef struct Parse {
    const char *s, *p, *end;
    OmError *err;
    int ndim;                  /* dimensions seen (depth of the first innermost element) */
    int dims[OM_ARR_MAXDIM];   /* element count per level, from the first sub-array */
    bool dims_set[OM_ARR_MAXDIM];
    bool empty;                /* '{}' */
    /* element strings */
    MemCtx *ctx;
    char **elems;              /* NULL entry: NULL element */
    int nelems, cap;
} Parse;

static bool arr_isspace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

static void skip_ws(Parse *ps)
{
    while (ps->p < ps->end && arr_isspace(*ps->p)) ps->p++;
}

static int malformed(Parse *ps, const char *detail)
{
    err_set(ps->err, ERRCODE_INVALID_TEXT_REPRESENTATION, "malformed array literal: \"%.*s\"",
            (int)(ps->end - ps->s), ps->s);
    err_detail(ps->err, "%s", detail);
    return -1;
}

static int unexpected(Parse *ps, char c)
{
    char d[40];
    snprintf(d, sizeof d, "Unexpected \"%c\" character.", c);
    return malformed(ps, d);
}

static void add_elem(Parse *ps, char *e)
{
    if (ps->nelems == ps->cap) {
        int ncap = ps->cap ? ps->cap * 2 : 16;
        ps->elems = mem_realloc(ps->ctx, ps->elems, sizeof(char *) * (size_t)ps->cap, sizeof(char *) * (size_t)ncap);
        ps->cap = ncap;
    }
    ps->elems[ps->nelems++] = e;
}

/* One element at ps->p (not '{'): quoted or not, backslash escapes; an
 * unquoted NULL (any case, no escapes) is the NULL element. */
static int parse_elem(Parse *ps)
{
    OmBuf b;
    buf_init(&b, ps->ctx, 16);
    bool quoted = false, escaped_any = false;
    if (*ps->p == '"') {
        quoted = true;
        ps->p++;
        for (;;) {
            if (ps->p >= ps->end) return malformed(ps, "Unexpected end of input.");
            char c = *ps->p++;
            if (c == '"') break;
            if (c == '\\') {
                if (ps->p >= ps->end) return malformed(ps, "Unexpected end of input.");
                c = *ps->p++;
            }
            buf_append_char(&b, c);
        }
        skip_ws(ps);
    } else {
        size_t keep = 0; /* length without trailing unescaped blanks */
        for (;;) {
            if (ps->p >= ps->end) return malformed(ps, "Unexpected end of input.");
            char c = *ps->p;
            if (c == ',' || c == '}') break;
            if (c == '{') return unexpected(ps, '{');
            if (c == '"') return malformed(ps, "Unexpected array element.");
            ps->p++;
            if (c == '\\') {
                if (ps->p >= ps->end) return malformed(ps, "Unexpected end of input.");
                buf_append_char(&b, *ps->p++);
                escaped_any = true;
                keep = b.len;
                continue;
            }
            buf_append_char(&b, c);
            if (!arr_isspace(c)) keep = b.len;
        }
        b.len = keep;
        b.data[b.len] = '\0';
    }
    if (ps->p < ps->end && *ps->p != ',' && *ps->p != '}') return malformed(ps, "Unexpected array element.");
    if (!quoted && !escaped_any && b.len == 4 && strncasecmp(b.data, "NULL", 4) == 0) add_elem(ps, NULL);
    else add_elem(ps, b.data);
    return 0;
}

/* A '{...}' at nesting level lvl (0 = outermost); ps->p is at '{'. */
static int parse_level(Parse *ps, int lvl)
{
    if (lvl >= OM_ARR_MAXDIM)
        return err_set(ps->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                       "number of array dimensions (%d) exceeds the maximum allowed (%d)", lvl + 1, OM_ARR_MAXDIM);
    ps->p++;
    skip_ws(ps);
    if (ps->p >= ps->end) return malformed(ps, "Unexpected end of input.");
    if (*ps->p == '}') {
        if (lvl > 0) return unexpected(ps, '}');
        ps->p++;
        ps->empty = true;
        return 0;
    }
    bool subs = *ps->p == '{';
    if (subs && ps->ndim && lvl + 1 >= ps->ndim) return unexpected(ps, '{');
    if (!subs && ps->ndim && lvl + 1 != ps->ndim) return malformed(ps, "Unexpected array element.");
    int count = 0;
    for (;;) {
        skip_ws(ps);
        if (ps->p >= ps->end) return malformed(ps, "Unexpected end of input.");
        char c = *ps->p;
        if (c == ',' || c == '}') return unexpected(ps, c);
        if (subs) {
            if (c != '{') return malformed(ps, "Unexpected array element.");
            if (parse_level(ps, lvl + 1) < 0) return -1;
        } else {
            if (c == '{') return unexpected(ps, '{');
            if (!ps->ndim) ps->ndim = lvl + 1;
            if (parse_elem(ps) < 0) return -1;
        }
        count++;
        skip_ws(ps);
        if (ps->p >= ps->end) return malformed(ps, "Unexpected end of input.");
        c = *ps->p++;
        if (c == '}') break;
        if (c != ',') return malformed(ps, "Unexpected array element.");
    }
    if (ps->dims_set[lvl] && ps->dims[lvl] != count)
        return malformed(ps, "Multidimensional arrays must have sub-arrays with matching dimensions.");
    ps->dims[lvl] = count;
    ps->dims_set[lvl] = true;
    return 0;
}

/* "[lb:ub][lb:ub]=" before the braces. */
static int parse_decoration(Parse *ps, int *ndim, int *dims, int *lbs)
{
    *ndim = 0;
    while (ps->p < ps->end && *ps->p == '[') {
        if (*ndim >= OM_ARR_MAXDIM)
            return err_set(ps->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                           "number of array dimensions (%d) exceeds the maximum allowed (%d)", *ndim + 1,
                           OM_ARR_MAXDIM);
        ps->p++;
        long v[2];
        int nv = 0;
        for (;;) {
            const char *q = ps->p;
            if (q < ps->end && (*q == '-' || *q == '+')) q++;
            if (q >= ps->end || !isdigit((unsigned char)*q))
                return malformed(ps, "\"[\" must introduce explicitly-specified array dimensions.");
            bool neg = *ps->p == '-';
            long x = 0;
            while (q < ps->end && isdigit((unsigned char)*q)) {
                x = x * 10 + (*q - '0');
                if (x > INT32_MAX) x = (long)INT32_MAX + 1;
                q++;
            }
            ps->p = q;
            v[nv++] = neg ? -x : x;
            if (nv == 1 && ps->p < ps->end && *ps->p == ':') {
                ps->p++;
                continue;
            }
            break;
        }
        if (ps->p >= ps->end || *ps->p != ']') return malformed(ps, "Missing \"]\" after array dimensions.");
        ps->p++;
        long lb = nv == 2 ? v[0] : 1, ub = nv == 2 ? v[1] : v[0];
        if (lb < INT32_MIN || lb > INT32_MAX || ub < INT32_MIN || ub > INT32_MAX)
            return err_set(ps->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "array bound is out of integer range");
        if (ub < lb) return err_set(ps->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "upper bound cannot be less than lower bound");
        lbs[*ndim] = (int)lb;
        dims[*ndim] = (int)(ub - lb + 1);
        (*ndim)++;
    }
    if (*ndim == 0) return 0;
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '=') return malformed(ps, "Missing \"=\" after array dimensions.");
    ps->p++;
    skip_ws(ps);
    return 0;
}

int arr_in(OmType t, const char *s, size_t len, OmStr *out, MemCtx *ctx, OmError *err)
{
    /* Text reaching an input function is valid UTF-8 in PostgreSQL (the
     * protocol layer checks it); bytes from elsewhere are checked here. */
    if (type_utf8_check(s, len, err) < 0) return -1;
    Parse ps = {.s = s, .p = s, .end = s + len, .err = err, .ctx = ctx};
    skip_ws(&ps);
    int xndim, xdims[OM_ARR_MAXDIM], xlbs[OM_ARR_MAXDIM];
    if (parse_decoration(&ps, &xndim, xdims, xlbs) < 0) return -1;
    if (ps.p >= ps.end || *ps.p != '{')
        return malformed(&ps, "Array value must start with \"{\" or dimension information.");
    if (parse_level(&ps, 0) < 0) return -1;
    skip_ws(&ps);
    if (ps.p < ps.end) return malformed(&ps, "Junk after closing right brace.");
    if (arr_nitems(ps.ndim, ps.dims) < 0)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                       (int)OM_ARR_MAXITEMS);
    int lbs[OM_ARR_MAXDIM];
    for (int d = 0; d < OM_ARR_MAXDIM; d++) lbs[d] = 1;
    if (xndim) {
        bool match = xndim == ps.ndim || (ps.empty && xndim > 0);
        for (int d = 0; match && d < ps.ndim; d++) match = xdims[d] == ps.dims[d];
        if (!match || ps.empty) return malformed(&ps, "Specified array dimensions do not match array contents.");
        for (int d = 0; d < xndim; d++) lbs[d] = xlbs[d];
    }
    OmTypeId elem = (OmTypeId)type_array_elem(t.id);
    OmType et = {elem, t.typmod};
    ArrBuild b;
    arr_build_init(&b, elem, ctx);
    OmSlot slot;
    om_slot_init(&slot, type_phys(elem));
    for (int i = 0; i < ps.nelems; i++) {
        if (!ps.elems[i]) {
            arr_build_add_null(&b);
            continue;
        }
        if (type_in(et, ps.elems[i], strlen(ps.elems[i]), &slot.v, 0, ctx, err) < 0) return -1;
        arr_build_add(&b, &slot.v, 0);
    }
    *out = arr_build_finish(&b, ps.empty ? 0 : ps.ndim, ps.dims, lbs, ctx);
    return 0;
}

/* ---- array_out ------------------------------------------------------------------------ */

static bool needs_quotes(const char *s, size_t n)
{
    if (n == 0) return true;
    if (n == 4 && strncasecmp(s, "NULL", 4) == 0) return true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || arr_isspace(c)) return true;
    }
    return false;
}

void arr_out(OmTypeId t, OmStr s, OmBuf *out)
{
    OmArr a;
    arr_view(t, s, &a);
    if (a.nitems == 0) {
        buf_append_str(out, "{}");
        return;
    }
    bool deco = false;
    for (int d = 0; d < a.ndim; d++) deco |= a.lbs[d] != 1;
    if (deco) {
        for (int d = 0; d < a.ndim; d++) buf_printf(out, "[%d:%d]", a.lbs[d], a.lbs[d] + a.dims[d] - 1);
        buf_append_char(out, '=');
    }
    OmType et = om_type(a.elem);
    OmSlot slot;
    om_slot_init(&slot, a.phys);
    OmBuf tmp;
    buf_init(&tmp, out->ctx, 32);
    ArrIter it;
    arr_iter_init(&it, &a);
    for (int d = 0; d < a.ndim; d++) buf_append_char(out, '{');
    for (int i = 0; arr_iter_next(&it, &slot.v, 0); i++) {
        if (i > 0) {
            int closed = arr_closed_before(&a, i);
            for (int k = 0; k < closed; k++) buf_append_char(out, '}');
            buf_append_char(out, ',');
            for (int k = 0; k < closed; k++) buf_append_char(out, '{');
        }
        if (om_vec_is_null(&slot.v, 0)) {
            buf_append_str(out, "NULL");
            continue;
        }
        buf_reset(&tmp);
        type_out(et, &slot.v, 0, &tmp);
        if (!needs_quotes(tmp.data, tmp.len)) {
            buf_append(out, tmp.data, tmp.len);
            continue;
        }
        buf_append_char(out, '"');
        for (size_t k = 0; k < tmp.len; k++) {
            if (tmp.data[k] == '"' || tmp.data[k] == '\\') buf_append_char(out, '\\');
            buf_append_char(out, tmp.data[k]);
        }
        buf_append_char(out, '"');
    }
    for (int d = 0; d < a.ndim; d++) buf_append_char(out, '}');
}
