/*
 * fuzz_numeric.c — numeric arithmetic (types/numeric_arith.c,
 * numeric_trans.c): the 128-bit fast path, the GMP path, and the
 * transcendental functions, on values parsed from arbitrary text.
 *
 * Input: byte 0 selects the binary and unary operations to run and byte 1
 * a rounding scale; the rest is up to four values separated by 0x1F, each
 * read with type_numeric_in (refused texts are skipped).
 *
 * Checked besides memory safety and time (libFuzzer's -timeout):
 *   - every result is canonical: type_numeric_in of it gives it back;
 *   - refusals carry a class 22 SQLSTATE (2201E / 2201F / 22003 / 22012 ...);
 *   - + and * commute (same text), a - b = -(b - a), (a + b) - b = a;
 *   - exact operations give equal values whether a operand carries 40 more
 *     zero digits or not (which moves it from the 128-bit path to GMP):
 *     +, -, *, %, div(), round(x, s) for s >= the operand's scale;
 *   - type_numeric_cmp is a total order: antisymmetric, reflexive and
 *     transitive on the values of the input; -x = x only for zero and NaN;
 *   - abs(x) >= 0, sign(x) in {-1, 0, 1}, floor(x) <= x <= ceil(x).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "types/numeric_arith.h"
#include "types/types.h"

#define MAXV 4

static MemCtx *root;

static OmStr buf_str(const OmBuf *b, size_t from)
{
    OmStr s = {b->data + from, (uint32_t)(b->len - from)};
    return s;
}

static bool num_finite(OmStr s)
{
    return !(s.len == 3 && !memcmp(s.ptr, "NaN", 3)) && !(s.len == 8 && !memcmp(s.ptr, "Infinity", 8)) &&
           !(s.len == 9 && !memcmp(s.ptr, "-Infinity", 9));
}

static void check_canonical(MemCtx *ctx, OmStr r, const char *what)
{
    OmStr back;
    OmError err = {0};
    FUZZ_CHECK(type_numeric_in(r.ptr, r.len, -1, &back, ctx, &err) == 0, "%s result \"%.*s\" does not read: %s", what,
               (int)r.len, r.ptr, err.message);
    FUZZ_CHECK(back.len == r.len && memcmp(back.ptr, r.ptr, r.len) == 0, "%s result \"%.*s\" is not canonical (\"%.*s\")",
               what, (int)(r.len > 200 ? 200 : r.len), r.ptr, (int)(back.len > 200 ? 200 : back.len), back.ptr);
}

static void check_refusal(const OmError *e, const char *what)
{
    FUZZ_CHECK(e->set && e->sqlstate[0] == '2' && e->sqlstate[1] == '2', "%s: %s %s", what, e->sqlstate, e->message);
}

/* Run a op b into out; returns the result (in out) or ptr NULL on error. */
static OmStr binop(MemCtx *ctx, OmNumBinOp op, OmStr a, OmStr b, OmBuf *out)
{
    static const char *names[] = {"add", "sub", "mul", "div", "mod", "div_trunc", "power", "log", "gcd", "lcm"};
    size_t from = out->len;
    OmError err = {0};
    if (type_numeric_binop(op, a, b, out, &err) < 0) {
        check_refusal(&err, names[op]);
        out->len = from;
        return (OmStr){NULL, 0};
    }
    OmStr r = buf_str(out, from);
    check_canonical(ctx, r, names[op]);
    return r;
}

static OmStr unop(MemCtx *ctx, OmNumUnOp op, OmStr a, OmBuf *out)
{
    static const char *names[] = {"neg", "abs", "sign", "ceil", "floor", "sqrt", "exp", "ln", "log10", "trim_scale"};
    size_t from = out->len;
    OmError err = {0};
    if (type_numeric_unop(op, a, out, &err) < 0) {
        check_refusal(&err, names[op]);
        out->len = from;
        return (OmStr){NULL, 0};
    }
    OmStr r = buf_str(out, from);
    check_canonical(ctx, r, names[op]);
    return r;
}

static bool same_text(OmStr a, OmStr b) { return a.len == b.len && !memcmp(a.ptr, b.ptr, a.len); }

#define SHOW(s) (int)((s).len > 120 ? 120 : (s).len), (s).ptr

/* a with 40 more zero digits after the point (same value, larger scale). */
static OmStr padded(MemCtx *ctx, OmStr a)
{
    if (!num_finite(a)) return a;
    bool has_point = memchr(a.ptr, '.', a.len) != NULL;
    char *p = mem_alloc(ctx, a.len + 42);
    memcpy(p, a.ptr, a.len);
    size_t n = a.len;
    if (!has_point) p[n++] = '.';
    memset(p + n, '0', 40);
    n += 40;
    OmStr s;
    OmError err = {0};
    FUZZ_CHECK(type_numeric_in(p, n, -1, &s, ctx, &err) == 0, "padded value does not read: %s", err.message);
    return s;
}

static void pair(MemCtx *ctx, OmStr a, OmStr b, uint8_t ops)
{
    OmBuf out;
    buf_init(&out, ctx, 256);
    int ab = type_numeric_cmp(a, b), ba = type_numeric_cmp(b, a);
    FUZZ_CHECK(ab == -ba && ab >= -1 && ab <= 1, "cmp(a, b) %d, cmp(b, a) %d", ab, ba);

    if (ops & 1) {
        OmStr s1 = binop(ctx, OM_NUM_ADD, a, b, &out), s2 = binop(ctx, OM_NUM_ADD, b, a, &out);
        FUZZ_CHECK((s1.ptr == NULL) == (s2.ptr == NULL), "a + b and b + a disagree on failing");
        if (s1.ptr) {
            FUZZ_CHECK(same_text(s1, s2), "a + b = %.*s, b + a = %.*s", SHOW(s1), SHOW(s2));
            if (num_finite(s1) && num_finite(a) && num_finite(b)) {
                OmStr d = binop(ctx, OM_NUM_SUB, s1, b, &out);
                FUZZ_CHECK(d.ptr && type_numeric_cmp(d, a) == 0, "(a + b) - b = %.*s, a = %.*s", SHOW(d), SHOW(a));
            }
            OmStr p = binop(ctx, OM_NUM_ADD, padded(ctx, a), b, &out);
            FUZZ_CHECK(p.ptr && type_numeric_cmp(p, s1) == 0, "a + b = %.*s, with a padded %.*s", SHOW(s1),
                       SHOW(p));
        }
    }
    if (ops & 2) {
        OmStr d1 = binop(ctx, OM_NUM_SUB, a, b, &out), d2 = binop(ctx, OM_NUM_SUB, b, a, &out);
        if (d1.ptr && d2.ptr && num_finite(d1)) {
            OmStr n = unop(ctx, OM_NUM_NEG, d2, &out);
            FUZZ_CHECK(n.ptr && same_text(n, d1), "a - b = %.*s, -(b - a) = %.*s", SHOW(d1), SHOW(n));
        }
    }
    if (ops & 4) {
        OmStr m1 = binop(ctx, OM_NUM_MUL, a, b, &out), m2 = binop(ctx, OM_NUM_MUL, b, a, &out);
        FUZZ_CHECK((m1.ptr == NULL) == (m2.ptr == NULL), "a * b and b * a disagree on failing");
        if (m1.ptr) {
            FUZZ_CHECK(same_text(m1, m2), "a * b = %.*s, b * a = %.*s", SHOW(m1), SHOW(m2));
            OmStr p = binop(ctx, OM_NUM_MUL, padded(ctx, a), b, &out);
            FUZZ_CHECK(p.ptr && type_numeric_cmp(p, m1) == 0, "a * b = %.*s, with a padded %.*s", SHOW(m1),
                       SHOW(p));
        }
    }
    if (ops & 8) {
        OmStr q = binop(ctx, OM_NUM_DIV, a, b, &out);
        (void)q;
        OmStr r1 = binop(ctx, OM_NUM_MOD, a, b, &out);
        if (r1.ptr && num_finite(r1)) {
            OmStr r2 = binop(ctx, OM_NUM_MOD, padded(ctx, a), padded(ctx, b), &out);
            FUZZ_CHECK(r2.ptr && type_numeric_cmp(r1, r2) == 0, "a %% b = %.*s, padded %.*s", SHOW(r1), SHOW(r2));
        }
        OmStr t1 = binop(ctx, OM_NUM_DIV_TRUNC, a, b, &out);
        if (t1.ptr && num_finite(t1)) {
            OmStr t2 = binop(ctx, OM_NUM_DIV_TRUNC, padded(ctx, a), b, &out);
            FUZZ_CHECK(t2.ptr && type_numeric_cmp(t1, t2) == 0, "div(a, b) = %.*s, padded %.*s", SHOW(t1), SHOW(t2));
        }
    }
    if (ops & 16) binop(ctx, OM_NUM_POWER, a, b, &out);
    if (ops & 32) binop(ctx, OM_NUM_LOG, a, b, &out);
    if (ops & 64) {
        binop(ctx, OM_NUM_GCD, a, b, &out);
        binop(ctx, OM_NUM_LCM, a, b, &out);
    }
}

static void single(MemCtx *ctx, OmStr a, uint8_t ops, uint8_t scale_byte)
{
    OmBuf out;
    buf_init(&out, ctx, 256);
    FUZZ_CHECK(type_numeric_cmp(a, a) == 0, "cmp(a, a) != 0 for %.*s", SHOW(a));
    OmStr n = unop(ctx, OM_NUM_NEG, a, &out);
    if (n.ptr) {
        OmStr nn = unop(ctx, OM_NUM_NEG, n, &out);
        FUZZ_CHECK(nn.ptr && same_text(nn, a), "-(-a) = %.*s for %.*s", SHOW(nn), SHOW(a));
    }
    OmStr abs = unop(ctx, OM_NUM_ABS, a, &out);
    if (abs.ptr) FUZZ_CHECK(type_numeric_cmp(abs, (OmStr){"0", 1}) >= 0, "abs(%.*s) = %.*s", SHOW(a), SHOW(abs));
    OmStr sg = unop(ctx, OM_NUM_SIGN, a, &out);
    if (sg.ptr && num_finite(a)) {
        int c = type_numeric_cmp(a, (OmStr){"0", 1});
        char want = c < 0 ? '-' : c > 0 ? '1' : '0';
        FUZZ_CHECK(sg.len >= 1 && sg.ptr[0] == want, "sign(%.*s) = %.*s", SHOW(a), SHOW(sg));
    }
    OmStr fl = unop(ctx, OM_NUM_FLOOR, a, &out), ce = unop(ctx, OM_NUM_CEIL, a, &out);
    if (fl.ptr && ce.ptr && num_finite(a)) {
        FUZZ_CHECK(type_numeric_cmp(fl, a) <= 0 && type_numeric_cmp(a, ce) <= 0, "floor %.*s, a %.*s, ceil %.*s",
                   SHOW(fl), SHOW(a), SHOW(ce));
    }
    unop(ctx, OM_NUM_TRIM_SCALE, a, &out);
    if (ops & 1) unop(ctx, OM_NUM_SQRT, a, &out);
    if (ops & 2) unop(ctx, OM_NUM_EXP, a, &out);
    if (ops & 4) unop(ctx, OM_NUM_LN, a, &out);
    if (ops & 8) unop(ctx, OM_NUM_LOG10, a, &out);

    int32_t scale = (int32_t)(int8_t)scale_byte;
    for (int t = 0; t < 2; t++) {
        size_t from = out.len;
        OmError err = {0};
        if (type_numeric_round(a, scale, t == 1, &out, &err) < 0) {
            check_refusal(&err, t ? "trunc" : "round");
            continue;
        }
        OmStr r = buf_str(&out, from);
        check_canonical(ctx, r, t ? "trunc" : "round");
        int32_t as;
        if (type_numeric_value_scale(a, false, &as) && scale >= as)
            FUZZ_CHECK(type_numeric_cmp(r, a) == 0, "%s(%.*s, %d) = %.*s", t ? "trunc" : "round", SHOW(a), scale,
                       SHOW(r));
    }
    int32_t s1, s2;
    if (type_numeric_value_scale(a, false, &s1) && type_numeric_value_scale(a, true, &s2))
        FUZZ_CHECK(s2 <= s1 && s2 >= 0, "min_scale %d, scale %d", s2, s1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!root) root = mem_ctx_create(NULL, "fuzz_numeric");
    if (size < 2) return 0;
    MemCtx *ctx = mem_ctx_create(NULL, "fuzz_input");
    OmStr v[MAXV];
    int n = 0;
    const char *text = (const char *)data + 2;
    size_t tlen = size - 2, start = 0;
    for (size_t i = 0; i <= tlen && n < MAXV; i++) {
        if (i < tlen && text[i] != 0x1F) continue;
        OmError err = {0};
        if (type_numeric_in(text + start, i - start, -1, &v[n], ctx, &err) == 0) n++;
        else check_refusal(&err, "numeric_in");
        start = i + 1;
    }
    for (int i = 0; i < n; i++) single(ctx, v[i], data[0] >> 4, data[1]);
    for (int i = 0; i + 1 < n; i++) pair(ctx, v[i], v[i + 1], data[0]);
    if (n >= 2) pair(ctx, v[n - 1], v[0], data[0]);
    /* Transitivity of the order on every triple. */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            for (int k = 0; k < n; k++)
                if (type_numeric_cmp(v[i], v[j]) <= 0 && type_numeric_cmp(v[j], v[k]) <= 0)
                    FUZZ_CHECK(type_numeric_cmp(v[i], v[k]) <= 0, "order not transitive");
    mem_ctx_delete(ctx);
    return 0;
}
