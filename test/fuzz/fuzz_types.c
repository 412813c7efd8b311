/*
 * fuzz_types.c — the type system's text input, output and casts
 * (types/io.c, numeric.c, cast.c, float_out.c, utf8.c) on arbitrary text.
 *
 * Input layout:
 *   byte 0   source type (mod OM_T__COUNT: every type, new ones included)
 *   byte 1   target type (mod OM_T__COUNT)
 *   byte 2   flags: bits 0-1 source typmod kind, 2-3 target typmod kind,
 *            4-5 coercion context, 6 selection vector
 *   byte 3-4 typmod parameters
 *   rest     values, separated by 0x1F (up to 64 rows)
 * Typmods are made by type_lookup_mods from modifiers as the grammar would
 * pass them (varchar(n), char(n), numeric(p[,s]), timestamp[tz](p),
 * interval field ranges and precision), so only typmods the binder can
 * produce are used; a type without modifiers ignores the kind.
 *
 * Per input:
 *   - type_in of every value as the source type (a refusal must be a class
 *     22 error); then type_out, and type_in of that output must give the
 *     same text again (output is always valid input, and stable);
 *   - for each pair of neighbouring rows, the order of their storage keys
 *     (stor_key_append_kind, numeric columns compared as numbers) must be
 *     the order of the values (type_numeric_cmp, om_interval_cmp, integer,
 *     float and byte order);
 *   - type_cast_vec from the source to the target type over the rows that
 *     parsed (refused values are NULL rows), with or without a selection
 *     vector; NULLs must stay NULL, string results must be valid UTF-8 and
 *     respect varchar(n) / char(n); every result is printed with type_out;
 *   - the first 8 / 4 bytes as a double / float: the shortest text must read
 *     back to the same bits, and Ryu (ty_float_shortest) must agree with the
 *     reference search (ty_float_shortest_ref);
 *   - the first value as a type name for type_lookup_mods;
 *   - type_utf8_strlen / type_utf8_clip on every valid value.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "types/datetime.h"
#include "types/types.h"
#include "storage/storage.h"
#include "storage/storage_int.h"
#include "types/numeric_arith.h"
#include "types/types_int.h"

#define MAX_ROWS 64

static MemCtx *root;
static OmVector vec[OM_T__COUNT][3]; /* per physical layout: in, out, scratch */

static void vec_init(OmVector *v, OmPhysType p)
{
    v->phys = p;
    v->data = mem_zalloc(root, om_phys_size(p) * OM_BATCH_SIZE);
    v->nulls = mem_zalloc(root, OM_BATCH_SIZE / 8);
}

static void init_once(void)
{
    if (root) return;
    root = mem_ctx_create(NULL, "fuzz_types");
    for (int t = 0; t < OM_T__COUNT; t++)
        for (int k = 0; k < 3; k++) vec_init(&vec[t][k], type_phys((OmTypeId)t));
}

/* A typmod as the binder would make it: type_lookup_mods of the type's name
 * with modifiers chosen by kind (1..3) and the parameters p1, p2. */
static OmType pick_type(uint8_t sel, int kind, uint8_t p1, uint8_t p2)
{
    static const int32_t ranges[] = {1 << 2, 1 << 1, 1 << 3, 1 << 10, 1 << 11, 1 << 12, (1 << 2) | (1 << 1),
                                     (1 << 3) | (1 << 10), (1 << 3) | (1 << 10) | (1 << 11),
                                     (1 << 3) | (1 << 10) | (1 << 11) | (1 << 12), (1 << 10) | (1 << 11),
                                     (1 << 10) | (1 << 11) | (1 << 12), (1 << 11) | (1 << 12), 0x7FFF};
    OmType t = om_type((OmTypeId)(sel % OM_T__COUNT));
    if (kind == 0) return t;
    const char *name = NULL;
    int32_t mods[2];
    int n = 0;
    switch (t.id) {
    case OM_T_VARCHAR:
    case OM_T_BPCHAR:
        name = t.id == OM_T_VARCHAR ? "varchar" : "bpchar";
        mods[n++] = kind == 1 ? 1 + p1 % 16 : kind == 2 ? 1 + p1 : 1 + p2 % 4;
        break;
    case OM_T_NUMERIC:
        name = "numeric";
        if (kind == 1) mods[n++] = 1 + p1 % 20, mods[n++] = p2 % 16 - 2;
        else if (kind == 2) mods[n++] = 1 + p1 % 40;
        else mods[n++] = 1 + (p1 * 4 + p2) % 1000, mods[n++] = p2 % 64 - 32;
        break;
    case OM_T_TIMESTAMP:
    case OM_T_TIMESTAMPTZ:
        name = t.id == OM_T_TIMESTAMP ? "timestamp" : "timestamptz";
        mods[n++] = p1 % 7;
        break;
    case OM_T_INTERVAL:
        name = "interval";
        mods[n++] = kind == 3 ? 0x7FFF : ranges[p1 % (sizeof ranges / sizeof ranges[0])];
        if (kind >= 2) mods[n++] = p2 % 7;
        break;
    default:
        return t;
    }
    OmType out;
    OmError err = {0};
    if (type_lookup_mods(name, mods, n, &out, &err) == 0 && out.id == t.id) return out;
    return t;
}

static bool is_str(OmTypeId t) { return type_is_string(t) || t == OM_T_UNKNOWN; }

/* A refused value: class 22 (data exception), 0A000 for what PostgreSQL
 * also does not support ("cannot convert NaN to integer"), or 54000 for its
 * program limits (array dimensions and sizes). */
static void check_class22(const OmError *e, const char *what)
{
    FUZZ_CHECK(e->set && ((e->sqlstate[0] == '2' && e->sqlstate[1] == '2') || strcmp(e->sqlstate, "0A000") == 0 ||
                          strcmp(e->sqlstate, "54000") == 0),
               "%s: %s %s", what, e->sqlstate, e->message);
    FUZZ_CHECK(type_utf8_valid(e->message, strlen(e->message)), "%s: message is not UTF-8", what);
}

/* The value of a string type as seen by length checks: char(n) trailing
 * blanks included. */
static void check_str_value(OmType t, const OmStr *s, bool padded_ok)
{
    FUZZ_CHECK(type_utf8_valid(s->ptr, s->len), "type %d value is not valid UTF-8", (int)t.id);
    if (t.typmod >= 0 && (t.id == OM_T_VARCHAR || t.id == OM_T_BPCHAR)) {
        size_t n = type_utf8_strlen(s->ptr, s->len);
        FUZZ_CHECK(n <= (size_t)t.typmod, "%zu characters in a value of typmod %d", n, t.typmod);
        if (t.id == OM_T_BPCHAR && padded_ok)
            FUZZ_CHECK(n == (size_t)t.typmod, "char(%d) value of %zu characters", t.typmod, n);
    }
}

/* Values PostgreSQL prints but does not read back: timestamp(p)
 * rounding of the last microseconds of year 294276 gives 294277-01-01, past
 * the input range ("timestamp out of range"). */
static bool ts_range_end(OmType t, const char *s, size_t len)
{
    if (t.id == OM_T_TIMETZ) {
        /* The other such value: a timetz made under a session zone beyond
         * ±15:59:59 (POSIX zones allow up to 167 hours) prints an offset
         * timetz input refuses (22009), in PostgreSQL too. */
        size_t k = len;
        while (k > 0 && s[k - 1] != '+' && s[k - 1] != '-') k--;
        return k > 0 && len - k >= 2 && (s[k] - '0') * 10 + (s[k + 1] - '0') >= 16;
    }
    return (t.id == OM_T_TIMESTAMP || t.id == OM_T_TIMESTAMPTZ) && len >= 21 &&
           memcmp(s, "294277-01-01 00:00:00", 21) == 0;
}

/* type_in, type_out, type_in again: the output must read back to itself. */
static bool in_out(MemCtx *ctx, OmType t, const char *s, size_t len, OmVector *v, int row)
{
    OmError err = {0};
    if (type_in(t, s, len, v, row, ctx, &err) < 0) {
        /* regtype's input is a type name: its errors are 42704 / 42601. */
        if (t.id == OM_T_REGTYPE && (!strcmp(err.sqlstate, "42704") || !strcmp(err.sqlstate, "42601"))) {
            om_vec_set_null(v, row, true);
            return false;
        }
        check_class22(&err, "type_in");
        om_vec_set_null(v, row, true);
        return false;
    }
    FUZZ_CHECK(!om_vec_is_null(v, row), "type_in left a NULL");
    if (is_str(t.id) || t.id == OM_T_NUMERIC) check_str_value(t, &((OmStr *)v->data)[row], true);
    OmBuf o1, o2;
    buf_init(&o1, ctx, 32);
    buf_init(&o2, ctx, 32);
    type_out(t, v, row, &o1);
    FUZZ_CHECK(type_utf8_valid(o1.data, o1.len), "output is not UTF-8");
    OmVector *scratch = &vec[t.id][2];
    err = (OmError){0};
    if (type_in(t, o1.data, o1.len, scratch, 0, ctx, &err) < 0) {
        FUZZ_CHECK(ts_range_end(t, o1.data, o1.len), "type %d output \"%.*s\" does not read back: %s", (int)t.id,
                   (int)o1.len, o1.data, err.message);
        return true;
    }
    type_out(t, scratch, 0, &o2);
    FUZZ_CHECK(o1.len == o2.len && memcmp(o1.data, o2.data, o1.len) == 0,
               "type %d output not stable: \"%.*s\" then \"%.*s\"", (int)t.id, (int)o1.len, o1.data, (int)o2.len,
               o2.data);
    if (t.id == OM_T_FLOAT8) {
        double a = ((double *)v->data)[row], b = ((double *)scratch->data)[0];
        FUZZ_CHECK((isnan(a) && isnan(b)) || memcmp(&a, &b, 8) == 0, "float8 %.17g printed as \"%.*s\" reads %.17g",
                   a, (int)o1.len, o1.data, b);
    }
    if (t.id == OM_T_FLOAT4) {
        float a = ((float *)v->data)[row], b = ((float *)scratch->data)[0];
        FUZZ_CHECK((isnan(a) && isnan(b)) || memcmp(&a, &b, 4) == 0, "float4 %.9g printed as \"%.*s\" reads %.9g",
                   (double)a, (int)o1.len, o1.data, (double)b);
    }
    return true;
}

/* Value order of rows i and j of v (both non-NULL) as SQL compares them,
 * or 2 when this harness has no reference for the type. */
static int cmp_values(OmType t, const OmVector *v, int i, int j)
{
#define CMP3(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)
    switch (v->phys) {
    case OM_PHYS_BOOL: return CMP3(((uint8_t *)v->data)[i], ((uint8_t *)v->data)[j]);
    case OM_PHYS_I16: return CMP3(((int16_t *)v->data)[i], ((int16_t *)v->data)[j]);
    case OM_PHYS_I32: return CMP3(((int32_t *)v->data)[i], ((int32_t *)v->data)[j]);
    case OM_PHYS_I64: return CMP3(((int64_t *)v->data)[i], ((int64_t *)v->data)[j]);
    case OM_PHYS_F32:
    case OM_PHYS_F64: {
        double a = v->phys == OM_PHYS_F32 ? ((float *)v->data)[i] : ((double *)v->data)[i];
        double b = v->phys == OM_PHYS_F32 ? ((float *)v->data)[j] : ((double *)v->data)[j];
        if (isnan(a) || isnan(b)) return isnan(a) && isnan(b) ? 0 : isnan(a) ? 1 : -1;
        return CMP3(a, b);
    }
    case OM_PHYS_INTERVAL:
        if (t.id == OM_T_TIMETZ) return dt_timetz_cmp(((OmInterval *)v->data)[i], ((OmInterval *)v->data)[j]);
        return om_interval_cmp(((OmInterval *)v->data)[i], ((OmInterval *)v->data)[j]);
    case OM_PHYS_STR: {
        OmStr a = ((OmStr *)v->data)[i], b = ((OmStr *)v->data)[j];
        if (t.id == OM_T_NUMERIC) {
            int c = type_numeric_cmp(a, b);
            return c < 0 ? -1 : c > 0;
        }
        if (t.id == OM_T_BPCHAR) return 2; /* keys keep the padding; comparison ignores it */
        uint32_t m = a.len < b.len ? a.len : b.len;
        int c = m ? memcmp(a.ptr, b.ptr, m) : 0;
        if (c) return c < 0 ? -1 : 1;
        return CMP3(a.len, b.len);
    }
    }
    return 2;
#undef CMP3
}

static int cmp_bytes(const OmBuf *a, const OmBuf *b)
{
    size_t m = a->len < b->len ? a->len : b->len;
    int c = m ? memcmp(a->data, b->data, m) : 0;
    if (c) return c < 0 ? -1 : 1;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* Storage keys of neighbouring rows order as their values. */
static void key_order(MemCtx *ctx, OmType t, const OmVector *v, int n)
{
    uint8_t kind = t.id == OM_T_NUMERIC ? STOR_KEY_NUMERIC : t.id == OM_T_TIMETZ ? STOR_KEY_TIMETZ : STOR_KEY_BYTES;
    for (int i = 0; i + 1 < n; i++) {
        if (om_vec_is_null(v, i) || om_vec_is_null(v, i + 1)) continue;
        int want = cmp_values(t, v, i, i + 1);
        if (want == 2) return;
        OmBuf ka, kb;
        buf_init(&ka, ctx, 32);
        buf_init(&kb, ctx, 32);
        StorDatum da = {0}, db = {0};
        OmBatch b = {.ncols = 1, .cols = (OmVector *)v, .count = n};
        stor_datum_from_batch(&b, i, 0, &da);
        stor_datum_from_batch(&b, i + 1, 0, &db);
        stor_key_append_kind(&ka, v->phys, kind, &da);
        stor_key_append_kind(&kb, v->phys, kind, &db);
        int got = cmp_bytes(&ka, &kb);
        if (want != got) {
            OmBuf x, y;
            buf_init(&x, ctx, 32);
            buf_init(&y, ctx, 32);
            type_out(t, v, i, &x);
            type_out(t, v, i + 1, &y);
            FUZZ_CHECK(want == got, "type %d: \"%.*s\" vs \"%.*s\" compare %d, their keys %d", (int)t.id, (int)x.len,
                       x.data, (int)y.len, y.data, want, got);
        }
    }
}

static void cast_rows(MemCtx *ctx, OmType from, OmType to, OmCoerceCtx cc, int n, bool use_sel)
{
    OmVector *in = &vec[from.id][0], *out = &vec[to.id][1];
    uint16_t sel[MAX_ROWS];
    int nsel = 0;
    if (use_sel)
        for (int i = 1; i < n; i += 2) sel[nsel++] = (uint16_t)i;
    /* Poison the output NULL bits of the rows the cast must set. */
    for (int i = 0; i < n; i++) om_vec_set_null(out, i, (i & 1) == 0);
    OmError err = {0};
    int rc = type_cast_vec(from, to, cc, in, out, use_sel ? sel : NULL, use_sel ? nsel : n, ctx, &err);
    bool allowed = from.id == to.id || from.id == OM_T_NULL ||
                   (from.id == OM_T_UNKNOWN && to.id == OM_T_UNKNOWN) ||
                   type_can_coerce(from.id, to.id, OM_COERCE_EXPLICIT);
    if (rc < 0) {
        FUZZ_CHECK(err.set, "cast failed without an error");
        if (!allowed) {
            FUZZ_CHECK(strcmp(err.sqlstate, "42846") == 0, "refused cast: %s %s", err.sqlstate, err.message);
            return;
        }
        if (to.id == OM_T_REGTYPE && (!strcmp(err.sqlstate, "42704") || !strcmp(err.sqlstate, "42601"))) return;
        check_class22(&err, "type_cast_vec");
        return;
    }
    FUZZ_CHECK(allowed, "cast %d -> %d ran although it does not exist", (int)from.id, (int)to.id);
    OmBuf o;
    buf_init(&o, ctx, 64);
    int m = use_sel ? nsel : n;
    for (int k = 0; k < m; k++) {
        int i = use_sel ? sel[k] : k;
        bool nin = from.id == OM_T_NULL || om_vec_is_null(in, i), nout = om_vec_is_null(out, i);
        /* PostgreSQL's one cast that makes NULL of a value: an infinite
         * timestamp[tz] becomes a NULL time / timetz (timestamp_time). */
        bool inf_to_null = !nin && nout && (to.id == OM_T_TIME || to.id == OM_T_TIMETZ) &&
                           (from.id == OM_T_TIMESTAMP || from.id == OM_T_TIMESTAMPTZ) &&
                           (((const int64_t *)in->data)[i] == INT64_MAX || ((const int64_t *)in->data)[i] == INT64_MIN);
        FUZZ_CHECK(nin == nout || inf_to_null, "row %d: NULL %d became %d in cast %d -> %d", i, nin, nout,
                   (int)from.id, (int)to.id);
        if (nout) continue;
        if (is_str(to.id) || to.id == OM_T_NUMERIC)
            check_str_value(to, &((OmStr *)out->data)[i], true);
        if (to.id == OM_T_BOOL) FUZZ_CHECK(((uint8_t *)out->data)[i] <= 1, "bool %u", ((uint8_t *)out->data)[i]);
        size_t before = o.len;
        type_out(to, out, i, &o);
        FUZZ_CHECK(type_utf8_valid(o.data + before, o.len - before), "cast output is not UTF-8");
        /* The result is a value of the target type: its text reads back. */
        if (to.id != OM_T_UNKNOWN && !ts_range_end(to, o.data + before, o.len - before)) {
            OmError e2 = {0};
            FUZZ_CHECK(type_in(to, o.data + before, o.len - before, &vec[to.id][2], 0, ctx, &e2) == 0,
                       "cast %d -> %d result \"%.*s\" does not read back: %s", (int)from.id, (int)to.id,
                       (int)(o.len - before), o.data + before, e2.message);
        }
        /* A cast to an unbounded string type loses nothing: reading its text
         * as the source type gives the source value back. */
        if (is_str(to.id) && to.typmod < 0 && from.id != OM_T_NULL) {
            OmError e3 = {0};
            OmVector *back = &vec[from.id][2];
            if (ts_range_end(from, o.data + before, o.len - before)) continue;
            FUZZ_CHECK(type_in(from, o.data + before, o.len - before, back, 0, ctx, &e3) == 0,
                       "cast %d -> %d gave \"%.*s\", which the source type refuses: %s", (int)from.id, (int)to.id,
                       (int)(o.len - before), o.data + before, e3.message);
            OmBuf a, b;
            buf_init(&a, ctx, 32);
            buf_init(&b, ctx, 32);
            type_out(from, in, i, &a);
            type_out(from, back, 0, &b);
            if (from.id == OM_T_BPCHAR) { /* char(n) -> text drops the padding, as char comparison ignores it */
                a.len = type_bpchar_trimmed_len(a.data, (uint32_t)a.len);
                b.len = type_bpchar_trimmed_len(b.data, (uint32_t)b.len);
            }
            FUZZ_CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0,
                       "cast %d -> %d: \"%.*s\" came back as \"%.*s\"", (int)from.id, (int)to.id, (int)a.len, a.data,
                       (int)b.len, b.data);
        }
    }
}

static void float_bits(const uint8_t *data, size_t size)
{
    if (size >= 8) {
        double d;
        memcpy(&d, data, 8);
        char buf[64];
        int n = ty_float8_fmt(d, buf);
        FUZZ_CHECK(n > 0 && n < 32, "float8 text of %d bytes", n);
        double back;
        OmError err = {0};
        FUZZ_CHECK(ty_parse_float8(buf, (size_t)n, &back, root, &err) == 0, "\"%.*s\" does not parse", n, buf);
        FUZZ_CHECK((isnan(d) && isnan(back)) || memcmp(&d, &back, 8) == 0, "float8 %a prints \"%.*s\"", d, n, buf);
        double x = fabs(d);
        if (isfinite(x) && x > 0) {
            uint64_t m1, m2;
            int e1, e2;
            ty_float_shortest(x, false, &m1, &e1);
            ty_float_shortest_ref(x, false, &m2, &e2);
            FUZZ_CHECK(m1 == m2 && e1 == e2, "float8 %a: Ryu %llue%d, reference %llue%d", x, (unsigned long long)m1,
                       e1, (unsigned long long)m2, e2);
        }
    }
    if (size >= 4) {
        float f;
        memcpy(&f, data + (size >= 12 ? 8 : 0), 4);
        char buf[64];
        int n = ty_float4_fmt(f, buf);
        FUZZ_CHECK(n > 0 && n < 32, "float4 text of %d bytes", n);
        float back;
        OmError err = {0};
        FUZZ_CHECK(ty_parse_float4(buf, (size_t)n, &back, root, &err) == 0, "\"%.*s\" does not parse", n, buf);
        FUZZ_CHECK((isnan(f) && isnan(back)) || memcmp(&f, &back, 4) == 0, "float4 %a prints \"%.*s\"", (double)f,
                   n, buf);
        float x = fabsf(f);
        if (isfinite(x) && x > 0) {
            uint64_t m1, m2;
            int e1, e2;
            ty_float_shortest(x, true, &m1, &e1);
            ty_float_shortest_ref(x, true, &m2, &e2);
            FUZZ_CHECK(m1 == m2 && e1 == e2, "float4 %a: Ryu %llue%d, reference %llue%d", (double)x,
                       (unsigned long long)m1, e1, (unsigned long long)m2, e2);
        }
    }
}

static void utf8_funcs(const char *s, size_t len)
{
    if (!type_utf8_valid(s, len)) return;
    size_t n = type_utf8_strlen(s, len);
    FUZZ_CHECK(n <= len, "strlen %zu of %zu bytes", n, len);
    FUZZ_CHECK(type_utf8_clip(s, len, n) == len, "clip to all characters");
    size_t prev = 0;
    for (size_t k = 0; k <= n && k <= 8; k++) {
        size_t c = type_utf8_clip(s, len, k);
        FUZZ_CHECK(c >= prev && c <= len && type_utf8_valid(s, c), "clip(%zu) = %zu", k, c);
        FUZZ_CHECK(type_utf8_strlen(s, c) == k, "clip(%zu) holds %zu characters", k, type_utf8_strlen(s, c));
        prev = c;
    }
}

static void lookup(MemCtx *ctx, const char *s, size_t len, uint8_t p)
{
    if (len > 64 || memchr(s, 0, len)) return;
    char *name = mem_strndup(ctx, s, len);
    int32_t mods[2] = {(int32_t)(p % 40) - 2, (int32_t)(p >> 3) - 4};
    OmType t;
    OmError err = {0};
    if (type_lookup_mods(name, mods, p % 3, &t, &err) == 0) {
        FUZZ_CHECK((unsigned)t.id < OM_T__COUNT, "type id %d", (int)t.id);
        char tn[OM_TYPE_NAME_MAX];
        type_name(t, tn, sizeof tn);
    } else {
        FUZZ_CHECK(err.set, "lookup failed without an error");
    }
    err = (OmError){0};
    type_lookup(name, mods[0], &t, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init_once();
    MemCtx *ctx = mem_ctx_create(NULL, "fuzz_input");
    float_bits(data, size);
    if (size < 5) {
        mem_ctx_delete(ctx);
        return 0;
    }
    uint8_t flags = data[2];
    OmType from = pick_type(data[0], flags & 3, data[3], data[4]);
    OmType to = pick_type(data[1], (flags >> 2) & 3, data[4], data[3]);
    OmCoerceCtx cc = (OmCoerceCtx)(((flags >> 4) & 3) % 3);
    bool use_sel = flags & 0x40;
    const char *text = (const char *)data + 5;
    size_t tlen = size - 5;

    OmVector *in = &vec[from.id][0];
    int n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= tlen && n < MAX_ROWS; i++) {
        if (i < tlen && text[i] != 0x1F) continue;
        const char *s = text + start;
        size_t len = i - start;
        if (n == 0) lookup(ctx, s, len, data[3]);
        utf8_funcs(s, len);
        if (from.id == OM_T_NULL) om_vec_set_null(in, n, true);
        else in_out(ctx, from, s, len, in, n);
        n++;
        start = i + 1;
    }
    if (from.id != OM_T_NULL) key_order(ctx, from, in, n);
    cast_rows(ctx, from, to, cc, n, use_sel && n > 1);
    mem_ctx_delete(ctx);
    return 0;
}
