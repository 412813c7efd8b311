/*
 * cast.c — which casts exist (PostgreSQL's pg_cast for our types, plus its
 * automatic I/O-conversion casts) and running a cast over a vector.
 *
 * The binder asks type_can_coerce while typing expressions and inserts casts;
 * the executor (and the binder's constant folding) runs them with
 * type_cast_vec, a batch at a time.
 *
 * Each (from, to) pair has its own loop over the rows; the only per-row
 * branching is the NULL test, and for casts that cannot fail not even that.
 * NULL bits are copied first, in bulk when there is no selection vector.
 *
 * Interface routines: type_can_coerce, type_cast_vec.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bytea.h"
#include "datetime.h"
#include "json.h"
#include "types_int.h"

/* ---- the cast table -------------------------------------------------------------------- */

#define NO (-1)
#define I OM_COERCE_IMPLICIT
#define A OM_COERCE_ASSIGNMENT
#define E OM_COERCE_EXPLICIT

/* pg_cast.castcontext for castsource → casttarget among our types (from
 * PostgreSQL 15's pg_cast); NO where pg_cast has no row. The diagonal is
 * handled separately (same type: always). I/O conversion casts are added by
 * type_can_coerce. */
static const signed char cast_ctx[OM_T__COUNT][OM_T__COUNT] = {
    /*              NULL BOOL INT2 INT4 INT8 FLT4 FLT8 NUM  TEXT VCHR BPCH UNKN */
    [OM_T_BOOL] =   {NO, NO,  NO,  E,   NO,  NO,  NO,  NO,  A,   A,   A,   NO},
    [OM_T_INT2] =   {NO, NO,  NO,  I,   I,   I,   I,   I,   NO,  NO,  NO,  NO},
    [OM_T_INT4] =   {NO, E,   A,   NO,  I,   I,   I,   I,   NO,  NO,  NO,  NO},
    [OM_T_INT8] =   {NO, NO,  A,   A,   NO,  I,   I,   I,   NO,  NO,  NO,  NO},
    [OM_T_FLOAT4] = {NO, NO,  A,   A,   A,   NO,  I,   A,   NO,  NO,  NO,  NO},
    [OM_T_FLOAT8] = {NO, NO,  A,   A,   A,   A,   NO,  A,   NO,  NO,  NO,  NO},
    [OM_T_NUMERIC] ={NO, NO,  A,   A,   A,   I,   I,   NO,  NO,  NO,  NO,  NO},
    [OM_T_TEXT] =   {NO, NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  I,   I,   NO},
    [OM_T_VARCHAR] ={NO, NO,  NO,  NO,  NO,  NO,  NO,  NO,  I,   NO,  I,   NO},
    [OM_T_BPCHAR] = {NO, NO,  NO,  NO,  NO,  NO,  NO,  NO,  I,   I,   NO,  NO},
    [OM_T_NULL] =   {NO, NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO},
    [OM_T_UNKNOWN] ={NO, NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO,  NO},
};

#undef I
#undef A
#undef E

bool type_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc)
{
    if ((unsigned)from >= OM_T__COUNT || (unsigned)to >= OM_T__COUNT) return false;
    if (from == to) return true;
    bool arr;
    bool arr_ok = arr_can_coerce(from, to, cc, &arr);
    if (arr) return arr_ok;
    bool by;
    bool by_ok = by_can_coerce(from, to, cc, &by);
    if (by) return by_ok;
    bool reg;
    bool reg_ok = reg_can_coerce(from, to, cc, &reg);
    if (reg) return reg_ok;
    bool js;
    bool js_ok = json_can_coerce(from, to, cc, &js);
    if (js) return js_ok;
    if (dt_is_time(from) || dt_is_time(to)) return dt_time_can_coerce(from, to, cc);
    /* Types whose files do not take part in casting yet. */
    if (from >= OM_T_BYTEA || to >= OM_T_BYTEA) return false;
    bool dt;
    bool dt_ok = dt_can_coerce(from, to, cc, &dt);
    if (dt) return dt_ok;
    /* An unresolved literal or NULL becomes anything through its input function. */
    if (from == OM_T_NULL || from == OM_T_UNKNOWN) return to != OM_T_NULL && to != OM_T_UNKNOWN;
    if (to == OM_T_NULL || to == OM_T_UNKNOWN) return false;
    /* The table covers the types up to unknown; pg_cast rows among the
     * later types are answered by their own files before this point. */
    int c = from <= OM_T_UNKNOWN && to <= OM_T_UNKNOWN ? cast_ctx[from][to] : NO;
    if (c != NO) return (int)cc >= c;
    /* find_coercion_pathway's CoerceViaIO: to a string type in assignment,
     * from a string type when explicit. */
    if (cc >= OM_COERCE_ASSIGNMENT && type_is_string(to)) return true;
    if (cc >= OM_COERCE_EXPLICIT && type_is_string(from)) return true;
    return false;
}

/* ---- running a cast ------------------------------------------------------------------ */

typedef struct CastRun {
    OmType from, to;
    bool expl;
    const OmVector *in;
    OmVector *out;
    const uint16_t *sel;
    int n;
    MemCtx *ctx;
    OmError *err;
} CastRun;

static void copy_nulls(const CastRun *c)
{
    const OmVector *in = c->in;
    OmVector *out = c->out;
    if (!c->sel) {
        size_t words = (size_t)c->n >> 6;
        if (out->nulls != in->nulls) memmove(out->nulls, in->nulls, words * sizeof(uint64_t));
        if (c->n & 63) {
            uint64_t m = ((uint64_t)1 << (c->n & 63)) - 1;
            out->nulls[words] = (out->nulls[words] & ~m) | (in->nulls[words] & m);
        }
    } else {
        for (int k = 0; k < c->n; k++) om_vec_set_null(out, c->sel[k], om_vec_is_null(in, c->sel[k]));
    }
}

/* A conversion that cannot fail: run it on every selected row, NULL or not
 * (the value under a NULL is don't-care, and these conversions are defined
 * for any bit pattern of the source type). */
#define LOOP_ALL(TI, TO, EXPR)                                                   \
    do {                                                                         \
        const TI *src_ = (const TI *)c->in->data;                                \
        TO *dst_ = (TO *)c->out->data;                                           \
        if (!c->sel) {                                                           \
            for (int i = 0; i < c->n; i++) {                                     \
                TI x = src_[i];                                                  \
                dst_[i] = (TO)(EXPR);                                            \
            }                                                                    \
        } else {                                                                 \
            for (int k = 0; k < c->n; k++) {                                     \
                int i = c->sel[k];                                               \
                TI x = src_[i];                                                  \
                dst_[i] = (TO)(EXPR);                                            \
            }                                                                    \
        }                                                                        \
    } while (0)

/* A conversion that can fail: NULL rows are skipped; BODY sees x (the source
 * value), dst_[i] and may return an error. */
#define LOOP_ROWS(TI, TO, BODY)                                                  \
    do {                                                                         \
        const TI *src_ = (const TI *)c->in->data;                                \
        TO *dst_ = (TO *)c->out->data;                                           \
        for (int k = 0; k < c->n; k++) {                                         \
            int i = c->sel ? c->sel[k] : k;                                      \
            if (om_vec_is_null(c->in, i)) continue;                              \
            TI x = src_[i];                                                      \
            BODY                                                                 \
        }                                                                        \
    } while (0)

static int out_of_range(OmTypeId t, OmError *err)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range", ty_input_name(t));
}

/* ---- numbers to numbers ------------------------------------------------------------- */

/* Integer source read as int64 whatever its width. */
static inline int64_t int_at(const OmVector *v, OmTypeId t, int i)
{
    switch (t) {
    case OM_T_INT2: return ((const int16_t *)v->data)[i];
    case OM_T_INT4: return ((const int32_t *)v->data)[i];
    default: return ((const int64_t *)v->data)[i];
    }
}

static int cast_int_int(const CastRun *c)
{
    OmTypeId f = c->from.id, t = c->to.id;
    if (f == OM_T_INT2 && t == OM_T_INT4) LOOP_ALL(int16_t, int32_t, x);
    else if (f == OM_T_INT2 && t == OM_T_INT8) LOOP_ALL(int16_t, int64_t, x);
    else if (f == OM_T_INT4 && t == OM_T_INT8) LOOP_ALL(int32_t, int64_t, x);
    else if (f == OM_T_INT4 && t == OM_T_INT2)
        LOOP_ROWS(int32_t, int16_t, {
            if (x < INT16_MIN || x > INT16_MAX) return out_of_range(t, c->err);
            dst_[i] = (int16_t)x;
        });
    else if (f == OM_T_INT8 && t == OM_T_INT2)
        LOOP_ROWS(int64_t, int16_t, {
            if (x < INT16_MIN || x > INT16_MAX) return out_of_range(t, c->err);
            dst_[i] = (int16_t)x;
        });
    else /* int8 → int4 */
        LOOP_ROWS(int64_t, int32_t, {
            if (x < INT32_MIN || x > INT32_MAX) return out_of_range(t, c->err);
            dst_[i] = (int32_t)x;
        });
    return 0;
}

static int cast_int_float(const CastRun *c)
{
    OmTypeId f = c->from.id;
    if (c->to.id == OM_T_FLOAT8) {
        if (f == OM_T_INT2) LOOP_ALL(int16_t, double, x);
        else if (f == OM_T_INT4) LOOP_ALL(int32_t, double, x);
        else LOOP_ALL(int64_t, double, x);
    } else {
        if (f == OM_T_INT2) LOOP_ALL(int16_t, float, x);
        else if (f == OM_T_INT4) LOOP_ALL(int32_t, float, x);
        else LOOP_ALL(int64_t, float, x);
    }
    return 0;
}

/* dtoi2/dtoi4/dtoi8, ftoi2/ftoi4/ftoi8: rint (round half to even), then the
 * FLOAT8_FITS_IN_INTxx range test, which also rejects NaN. */
#define FLOAT_TO_INT(TI, TO, LO)                                                   \
    LOOP_ROWS(TI, TO, {                                                            \
        double r = rint((double)x);                                                \
        if (!(r >= (LO) && r < -(LO))) return out_of_range(c->to.id, c->err);       \
        dst_[i] = (TO)r;                                                           \
    })

static int cast_float_int(const CastRun *c)
{
    OmTypeId t = c->to.id;
    if (c->from.id == OM_T_FLOAT8) {
        if (t == OM_T_INT2) FLOAT_TO_INT(double, int16_t, -32768.0);
        else if (t == OM_T_INT4) FLOAT_TO_INT(double, int32_t, -2147483648.0);
        else FLOAT_TO_INT(double, int64_t, -9223372036854775808.0);
    } else {
        if (t == OM_T_INT2) FLOAT_TO_INT(float, int16_t, -32768.0);
        else if (t == OM_T_INT4) FLOAT_TO_INT(float, int32_t, -2147483648.0);
        else FLOAT_TO_INT(float, int64_t, -9223372036854775808.0);
    }
    return 0;
}

static int cast_float_float(const CastRun *c)
{
    if (c->from.id == OM_T_FLOAT4) {
        LOOP_ALL(float, double, x);
        return 0;
    }
    /* float8_to_float4 */
    LOOP_ROWS(double, float, {
        float r = (float)x;
        if (isinf(r) && !isinf(x))
            return err_set(c->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        if (r == 0.0f && x != 0.0)
            return err_set(c->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
        dst_[i] = r;
    });
    return 0;
}

static int cast_bool_int(const CastRun *c)
{
    if (c->from.id == OM_T_BOOL)
        LOOP_ALL(uint8_t, int32_t, x ? 1 : 0);
    else
        LOOP_ALL(int32_t, uint8_t, x != 0);
    return 0;
}

static int cast_copy(const CastRun *c)
{
    size_t sz = om_phys_size(type_phys(c->to.id));
    if (c->in->data == c->out->data) return 0;
    if (!c->sel) {
        memcpy(c->out->data, c->in->data, sz * (size_t)c->n);
    } else {
        for (int k = 0; k < c->n; k++)
            memcpy((char *)c->out->data + sz * c->sel[k], (const char *)c->in->data + sz * c->sel[k], sz);
    }
    return 0;
}

/* ---- strings out -------------------------------------------------------------------- */

/*
 * Result strings are appended to one buffer in ctx; while it grows, each
 * OmStr's ptr holds its offset, and sink_fix turns offsets into pointers at
 * the end.
 */
static void sink_put(OmBuf *b, OmStr *dst, const char *s, size_t keep, size_t pad)
{
    size_t off = b->len;
    buf_reserve(b, keep + pad);
    memcpy(b->data + off, s, keep);
    memset(b->data + off + keep, ' ', pad);
    b->len = off + keep + pad;
    b->data[b->len] = '\0';
    dst->ptr = (const char *)(uintptr_t)off;
    dst->len = (uint32_t)(keep + pad);
}

static void sink_fix(const CastRun *c, OmBuf *b)
{
    OmStr *dst = (OmStr *)c->out->data;
    for (int k = 0; k < c->n; k++) {
        int i = c->sel ? c->sel[k] : k;
        if (om_vec_is_null(c->out, i)) continue;
        dst[i].ptr = b->data + (uintptr_t)dst[i].ptr;
    }
}

/* Put s into dst as a value of c->to: varchar(n)/char(n) length coercion. */
static inline int put_fit(const CastRun *c, OmBuf *b, OmStr *dst, const char *s, size_t len)
{
    size_t keep, pad;
    if (ty_str_fit(c->to.id, c->to.typmod, c->expl, s, len, &keep, &pad, c->err) < 0) return -1;
    sink_put(b, dst, s, keep, pad);
    return 0;
}

/* Any non-string type → text/varchar/bpchar: its output function (bool: the
 * text cast's 'true'/'false'), then the target's length coercion. FORMAT sets
 * s and len for row i (tmp is a 32-byte scratch). */
#define TO_STRING_LOOP(FORMAT)                                                   \
    for (int k = 0; k < c->n; k++) {                                             \
        int i = c->sel ? c->sel[k] : k;                                          \
        if (om_vec_is_null(c->in, i)) continue;                                  \
        const char *s = tmp;                                                     \
        size_t len;                                                              \
        FORMAT;                                                                  \
        if (put_fit(c, &b, &dst[i], s, len) < 0) return -1;                      \
    }

static int cast_to_string(const CastRun *c)
{
    OmBuf b;
    buf_init(&b, c->ctx, (size_t)c->n * 12 + 64);
    OmStr *dst = (OmStr *)c->out->data;
    const void *src = c->in->data;
    char tmp[32];
    switch (c->from.id) {
    case OM_T_BOOL:
        TO_STRING_LOOP({
            bool v = ((const uint8_t *)src)[i];
            s = v ? "true" : "false";
            len = v ? 4 : 5;
        });
        break;
    case OM_T_INT2:
        TO_STRING_LOOP(len = (size_t)ty_int64_fmt(((const int16_t *)src)[i], tmp));
        break;
    case OM_T_INT4:
        TO_STRING_LOOP(len = (size_t)ty_int64_fmt(((const int32_t *)src)[i], tmp));
        break;
    case OM_T_INT8:
        TO_STRING_LOOP(len = (size_t)ty_int64_fmt(((const int64_t *)src)[i], tmp));
        break;
    case OM_T_FLOAT4:
        TO_STRING_LOOP(len = (size_t)ty_float4_fmt(((const float *)src)[i], tmp));
        break;
    case OM_T_FLOAT8:
        TO_STRING_LOOP(len = (size_t)ty_float8_fmt(((const double *)src)[i], tmp));
        break;
    default: /* numeric: its canonical text */
        TO_STRING_LOOP({
            s = ((const OmStr *)src)[i].ptr;
            len = ((const OmStr *)src)[i].len;
        });
        break;
    }
    sink_fix(c, &b);
    return 0;
}

/* String types and unknown → text/varchar/bpchar. char(n) loses its trailing
 * spaces when it becomes text or varchar (PostgreSQL's rtrim in text(bpchar));
 * an unknown literal is checked for valid UTF-8 (textin). */
static int cast_string_string(const CastRun *c)
{
    const OmStr *src = (const OmStr *)c->in->data;
    OmStr *dst = (OmStr *)c->out->data;
    bool trim = c->from.id == OM_T_BPCHAR && c->to.id != OM_T_BPCHAR;
    bool check = c->from.id == OM_T_UNKNOWN;
    size_t total = 64;
    for (int k = 0; k < c->n; k++) {
        int i = c->sel ? c->sel[k] : k;
        if (!om_vec_is_null(c->in, i)) total += src[i].len; /* garbage under a NULL */
    }
    OmBuf b;
    buf_init(&b, c->ctx, total);
    for (int k = 0; k < c->n; k++) {
        int i = c->sel ? c->sel[k] : k;
        if (om_vec_is_null(c->in, i)) continue;
        const char *s = src[i].ptr;
        size_t len = src[i].len;
        if (trim) len = type_bpchar_trimmed_len(s, (uint32_t)len);
        if (check && type_utf8_check(s, len, c->err) < 0) return -1;
        if (put_fit(c, &b, &dst[i], s, len) < 0) return -1;
    }
    sink_fix(c, &b);
    return 0;
}

/* ---- numeric ------------------------------------------------------------------------ */

/* Parse s as numeric (or re-parse a canonical text), apply typmod, append
 * the canonical text to b and point dst at it (as an offset, see sink_put). */
static int num_put(const CastRun *c, OmBuf *b, OmStr *dst, const char *s, size_t len, int32_t typmod)
{
    OmNum n;
    if (ty_num_parse(s, len, &n, c->ctx, c->err) < 0) return -1;
    if (ty_num_check(&n, c->err) < 0) return -1;
    if (ty_num_typmod(&n, typmod, c->err) < 0) return -1;
    size_t off = b->len;
    if (ty_num_finish(&n, b, c->err) < 0) return -1;
    dst->ptr = (const char *)(uintptr_t)off;
    dst->len = (uint32_t)(b->len - off);
    return 0;
}

/* Rows → numeric(p,s). FORMAT sets s and len (the text numeric_in reads)
 * for row i, or `continue`s after sink_put when the text is already final. */
#define TO_NUMERIC_LOOP(FORMAT)                                                  \
    for (int k = 0; k < c->n; k++) {                                             \
        int i = c->sel ? c->sel[k] : k;                                          \
        if (om_vec_is_null(c->in, i)) continue;                                  \
        const char *s = tmp;                                                     \
        size_t len;                                                              \
        FORMAT;                                                                  \
        if (num_put(c, &b, &dst[i], s, len, tm) < 0) return -1;                  \
    }

/* float8_numeric / float4_numeric: DBL_DIG / FLT_DIG significant digits. */
static size_t float_numeric_text(double d, int digits, char *tmp, size_t cap)
{
    if (isnan(d)) return (size_t)snprintf(tmp, cap, "NaN");
    if (isinf(d)) return (size_t)snprintf(tmp, cap, "%s", d > 0 ? "Infinity" : "-Infinity");
    return (size_t)snprintf(tmp, cap, "%.*g", digits, d);
}

/* integers, floats, numeric and strings → numeric(p,s). An integer's text is
 * already canonical, so is a numeric's; only a typmod needs the parse. */
static int cast_to_numeric(const CastRun *c)
{
    OmBuf b;
    buf_init(&b, c->ctx, (size_t)c->n * 12 + 64);
    OmStr *dst = (OmStr *)c->out->data;
    const void *src = c->in->data;
    char tmp[40];
    int32_t tm = c->to.typmod;
    bool raw = tm < 0;
    switch (c->from.id) {
    case OM_T_INT2:
    case OM_T_INT4:
    case OM_T_INT8:
        TO_NUMERIC_LOOP({
            len = (size_t)ty_int64_fmt(int_at(c->in, c->from.id, i), tmp);
            if (raw) {
                sink_put(&b, &dst[i], tmp, len, 0);
                continue;
            }
        });
        break;
    case OM_T_FLOAT4:
        TO_NUMERIC_LOOP(len = float_numeric_text(((const float *)src)[i], 6, tmp, sizeof tmp));
        break;
    case OM_T_FLOAT8:
        TO_NUMERIC_LOOP(len = float_numeric_text(((const double *)src)[i], 15, tmp, sizeof tmp));
        break;
    default: /* numeric, strings, unknown */
        TO_NUMERIC_LOOP({
            s = ((const OmStr *)src)[i].ptr;
            len = ((const OmStr *)src)[i].len;
            if (raw && c->from.id == OM_T_NUMERIC) {
                sink_put(&b, &dst[i], s, len, 0);
                continue;
            }
        });
        break;
    }
    sink_fix(c, &b);
    return 0;
}

#define NUMERIC_INT_LOOP(TO)                                                     \
    for (int k = 0; k < c->n; k++) {                                             \
        int i = c->sel ? c->sel[k] : k;                                          \
        if (om_vec_is_null(c->in, i)) continue;                                  \
        OmNum n;                                                                 \
        int64_t v;                                                               \
        if (ty_num_parse(src[i].ptr, src[i].len, &n, c->ctx, c->err) < 0) return -1; \
        if (ty_num_to_int(&n, c->to.id, &v, c->err) < 0) return -1;             \
        ((TO *)c->out->data)[i] = (TO)v;                                         \
    }

/* numeric_int2/4/8: round half away from zero, range-check. */
static int cast_numeric_int(const CastRun *c)
{
    const OmStr *src = (const OmStr *)c->in->data;
    if (c->to.id == OM_T_INT2)
        NUMERIC_INT_LOOP(int16_t)
    else if (c->to.id == OM_T_INT4)
        NUMERIC_INT_LOOP(int32_t)
    else
        NUMERIC_INT_LOOP(int64_t)
    return 0;
}

/* ---- strings in (input functions) ------------------------------------------------------ */

/* Text, varchar, char(n), unknown and numeric (its text is float8in's input
 * in numeric_float8) → bool, integers, floats. PARSE reads s/len into row i. */
#define PARSE_LOOP(PARSE)                                                        \
    for (int k = 0; k < c->n; k++) {                                             \
        int i = c->sel ? c->sel[k] : k;                                          \
        if (om_vec_is_null(c->in, i)) continue;                                  \
        const char *s = src[i].ptr;                                              \
        size_t len = src[i].len;                                                 \
        if ((PARSE) < 0) return -1;                                              \
    }

static inline int parse_bool_at(const char *s, size_t len, uint8_t *dst, OmError *err)
{
    bool b;
    if (ty_parse_bool(s, len, &b, err) < 0) return -1;
    *dst = b;
    return 0;
}

#define PARSE_INT_AT(TO)                                                         \
    static inline int parse_##TO##_at(OmTypeId t, const char *s, size_t len, TO *dst, OmError *err) \
    {                                                                            \
        int64_t v;                                                               \
        if (ty_parse_int(t, s, len, &v, err) < 0) return -1;                     \
        *dst = (TO)v;                                                            \
        return 0;                                                                \
    }
PARSE_INT_AT(int16_t)
PARSE_INT_AT(int32_t)
PARSE_INT_AT(int64_t)

static int cast_parse(const CastRun *c)
{
    const OmStr *src = (const OmStr *)c->in->data;
    void *out = c->out->data;
    OmTypeId t = c->to.id;
    switch (t) {
    case OM_T_BOOL:
        PARSE_LOOP(parse_bool_at(s, len, &((uint8_t *)out)[i], c->err));
        break;
    case OM_T_INT2:
        PARSE_LOOP(parse_int16_t_at(t, s, len, &((int16_t *)out)[i], c->err));
        break;
    case OM_T_INT4:
        PARSE_LOOP(parse_int32_t_at(t, s, len, &((int32_t *)out)[i], c->err));
        break;
    case OM_T_INT8:
        PARSE_LOOP(parse_int64_t_at(t, s, len, &((int64_t *)out)[i], c->err));
        break;
    case OM_T_FLOAT4:
        PARSE_LOOP(ty_parse_float4(s, len, &((float *)out)[i], c->ctx, c->err));
        break;
    default:
        PARSE_LOOP(ty_parse_float8(s, len, &((double *)out)[i], c->ctx, c->err));
        break;
    }
    return 0;
}

static int cast_all_null(const CastRun *c)
{
    for (int k = 0; k < c->n; k++) om_vec_set_null(c->out, c->sel ? c->sel[k] : k, true);
    return 0;
}

typedef int (*CastFn)(const CastRun *c);

static CastFn pick(OmTypeId f, OmTypeId t)
{
    bool fs = type_is_string(f) || f == OM_T_UNKNOWN, ts = type_is_string(t);
    if (ts) return fs ? cast_string_string : cast_to_string;
    if (t == OM_T_NUMERIC) return cast_to_numeric;
    if (fs) return t == OM_T_UNKNOWN ? cast_string_string : cast_parse;
    if (f == t) return cast_copy;
    if (f == OM_T_NUMERIC) return type_is_integer(t) ? cast_numeric_int : cast_parse;
    bool fi = type_is_integer(f), ti = type_is_integer(t);
    bool ff = f == OM_T_FLOAT4 || f == OM_T_FLOAT8, tf = t == OM_T_FLOAT4 || t == OM_T_FLOAT8;
    if (fi && ti) return cast_int_int;
    if (fi && tf) return cast_int_float;
    if (ff && ti) return cast_float_int;
    if (ff && tf) return cast_float_float;
    if ((f == OM_T_BOOL && t == OM_T_INT4) || (f == OM_T_INT4 && t == OM_T_BOOL)) return cast_bool_int;
    return NULL;
}

int type_cast_vec(OmType from, OmType to, OmCoerceCtx cc, const OmVector *in, OmVector *out,
                  const uint16_t *sel, int n, MemCtx *ctx, OmError *err)
{
    CastRun c = {from, to, cc == OM_COERCE_EXPLICIT, in, out, sel, n, ctx, err};
    if (from.id == OM_T_NULL) return cast_all_null(&c);
    if ((from.id == OM_T_REGTYPE || to.id == OM_T_REGTYPE) && from.id != to.id &&
        type_can_coerce(from.id, to.id, OM_COERCE_EXPLICIT))
        return reg_cast_vec(from, to, cc, in, out, sel, n, ctx, err);
    if ((type_is_array(from.id) || type_is_array(to.id)) &&
        (from.id == to.id || type_can_coerce(from.id, to.id, OM_COERCE_EXPLICIT)))
        return arr_cast_vec(from, to, cc, in, out, sel, n, ctx, err);
    if ((dt_is_datetime(from.id) || dt_is_datetime(to.id)) &&
        (from.id == to.id || type_can_coerce(from.id, to.id, OM_COERCE_EXPLICIT))) {
        copy_nulls(&c);
        return dt_cast_vec(from, to, c.expl, in, out, sel, n, ctx, err);
    }
    if ((by_is_mine(from.id) || by_is_mine(to.id)) && type_can_coerce(from.id, to.id, OM_COERCE_EXPLICIT)) {
        copy_nulls(&c);
        return by_cast_vec(from, to, c.expl, in, out, sel, n, ctx, err);
    }
    if ((json_is_json(from.id) || json_is_json(to.id)) &&
        (from.id == to.id || type_can_coerce(from.id, to.id, OM_COERCE_EXPLICIT))) {
        copy_nulls(&c);
        return json_cast_vec(from, to, c.expl, in, out, sel, n, ctx, err);
    }
    if (from.id == to.id && to.id == OM_T_UNKNOWN) {
        copy_nulls(&c);
        return cast_string_string(&c);
    }
    CastFn fn = (from.id == to.id || type_can_coerce(from.id, to.id, OM_COERCE_EXPLICIT)) ? pick(from.id, to.id)
                                                                                          : NULL;
    if (!fn)
        return err_set(err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s", type_name_be(from.id),
                       type_name_be(to.id));
    copy_nulls(&c);
    return fn(&c);
}
