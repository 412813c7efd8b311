/*
 * test_functions.c — the function registry and the kernels of the string
 * and math functions (src/functions/), called directly on vectors: the
 * registry's invariants (every signature unique and well formed), values
 * and PostgreSQL's exact errors, strict/non-strict NULL handling, kernels
 * over a selection of rows, and random()'s PostgreSQL-identical sequence.
 *
 * Expected values were checked against PostgreSQL 15 (UTF8, C collation);
 * the SQL-level tests are the .test files in test/sql/functions/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "functions/fn_tables.h"

static MemCtx *ctx;

static int setup(void **state)
{
    ctx = mem_ctx_create(NULL, "test");
    return 0;
}

static int teardown(void **state)
{
    mem_ctx_delete(ctx);
    return 0;
}

static OmVector *vec(OmTypeId t)
{
    OmVector *v = mem_new(ctx, OmVector);
    v->phys = type_phys(t);
    v->data = mem_zalloc(ctx, om_phys_size(v->phys) * OM_BATCH_SIZE);
    v->nulls = mem_zalloc(ctx, OM_BATCH_SIZE / 8);
    return v;
}

/* The signature of name whose argument types are exactly types[0..n). */
static const FnDesc *find(const char *name, const OmTypeId *types, int n)
{
    int nd;
    const FnDesc *const *ds = fn_lookup(name, &nd);
    for (int k = 0; k < nd; k++) {
        const FnDesc *d = ds[k];
        bool variadic = d->flags & FN_VARIADIC;
        if (variadic ? n < d->nargs : n != d->nargs) continue;
        bool ok = true;
        for (int i = 0; i < n && ok; i++) {
            int t = i < d->nargs ? d->args[i] : d->args[d->nargs - 1];
            ok = t == FN_ANY || t == (int)types[i];
        }
        if (ok) return d;
    }
    return NULL;
}

/*
 * Call name on one row: argument i has type types[i] and text form vals[i]
 * (NULL = SQL NULL). Returns the result's text form, "NULL", or
 * "ERR <sqlstate> <message>". Strict functions get NULL without a call, as
 * the executor does.
 */
static const char *call(const char *name, int n, const OmTypeId *types, const char *const *vals)
{
    const FnDesc *d = find(name, types, n);
    if (!d) return "NO SIGNATURE";
    OmError err = {0};
    const OmVector *args[32];
    OmType ats[32];
    bool any_null = false;
    for (int i = 0; i < n; i++) {
        OmVector *v = vec(types[i]);
        ats[i] = om_type(types[i]);
        if (!vals[i]) {
            om_vec_set_null(v, 0, true);
            any_null = true;
        } else if (type_in(ats[i], vals[i], strlen(vals[i]), v, 0, ctx, &err) < 0) {
            return "BAD INPUT";
        }
        args[i] = v;
    }
    if ((d->flags & FN_STRICT) && any_null) return "NULL";
    int ret = d->ret == FN_ANY ? (int)types[0] : d->ret;
    OmVector *out = vec((OmTypeId)ret);
    FnCall fc = {.var = ctx, .err = &err, .nargs = n, .arg_types = ats, .ret_type = om_type((OmTypeId)ret),
                 .state_ctx = ctx};
    uint16_t sel0 = 0;
    if (d->kernel(&fc, args, out, &sel0, 1) < 0) return mem_printf(ctx, "ERR %s %s", err.sqlstate, err.message);
    assert_false(err.set);
    if (om_vec_is_null(out, 0)) return "NULL";
    OmBuf b;
    buf_init(&b, ctx, 32);
    type_out(om_type((OmTypeId)ret), out, 0, &b);
    return b.data;
}

#define T OM_T_TEXT
#define I4 OM_T_INT4
#define I8 OM_T_INT8
#define F8 OM_T_FLOAT8

#define CALL(name, ...)                                                                              \
    call(name, (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)), types_, \
         (const char *const[]){__VA_ARGS__})
#define EXPECT(want, name, typelist, ...)                                   \
    do {                                                                    \
        const OmTypeId types_[] = typelist;                                 \
        assert_string_equal(CALL(name, __VA_ARGS__), (want));               \
    } while (0)
#define TY(...) {__VA_ARGS__}

/* ---- registry ------------------------------------------------------------------------ */

static const FnTable *const all_tables[] = {&fn_string_table, &fn_string2_table, &fn_math_table, &fn_math2_table,
                                            &fn_bytea_table, &fn_bytea2_table};

static void test_registry_invariants(void **state)
{
    for (size_t t = 0; t < sizeof all_tables / sizeof all_tables[0]; t++) {
        for (int k = 0; k < all_tables[t]->n; k++) {
            const FnDesc *d = &all_tables[t]->descs[k];
            assert_non_null(d->kernel);
            assert_true(d->nargs >= 0 && d->nargs <= FN_MAX_ARGS);
            for (const char *p = d->name; *p; p++) assert_false(*p >= 'A' && *p <= 'Z');
            /* The registry finds it under its name. */
            int nd;
            const FnDesc *const *ds = fn_lookup(d->name, &nd);
            bool found = false;
            for (int j = 0; j < nd; j++) found |= ds[j] == d;
            assert_true(found);
            /* No other signature with the same argument types. */
            for (int j = 0; j < nd; j++) {
                const FnDesc *o = ds[j];
                if (o == d || o->nargs != d->nargs || (o->flags & FN_VARIADIC) != (d->flags & FN_VARIADIC)) continue;
                bool same = true;
                for (int i = 0; i < d->nargs && same; i++) same = o->args[i] == d->args[i];
                if (same) fail_msg("duplicate signature for %s", d->name);
            }
        }
    }
    int nd;
    assert_null(fn_lookup("no_such_function", &nd));
    assert_int_equal(nd, 0);
}

/* ---- strings --------------------------------------------------------------------------- */

static void test_substrings(void **state)
{
    EXPECT("ell", "substr", TY(T, I4, I4), "hello", "2", "3");
    EXPECT("he", "substr", TY(T, I4, I4), "hello", "0", "3");
    EXPECT("", "substr", TY(T, I4, I4), "hello", "-5", "3");
    EXPECT("él", "substr", TY(T, I4, I4), "héllo", "2", "2");
    EXPECT("ello", "substr", TY(T, I4, I4), "hello", "2", "2147483647");
    EXPECT("hello", "substr", TY(T, I4), "hello", "-2147483648");
    EXPECT("ERR 22011 negative substring length not allowed", "substring", TY(T, I4, I4), "hello", "2", "-1");
    EXPECT("NULL", "substr", TY(T, I4), "hello", NULL);
    EXPECT("abXbcdef", "overlay", TY(T, T, I4, I4), "abcdef", "X", "3", "-1");
    EXPECT("ERR 22011 negative substring length not allowed", "overlay", TY(T, T, I4), "abc", "x", "0");
    EXPECT("ERR 22003 integer out of range", "overlay", TY(T, T, I4, I4), "abc", "x", "2", "2147483647");
    EXPECT("hé", "left", TY(T, I4), "héllo", "2");
    EXPECT("", "left", TY(T, I4), "hello", "-2147483648");
    EXPECT("lo", "right", TY(T, I4), "héllo", "2");
    EXPECT("", "right", TY(T, I4), "hello", "-2147483648");
    EXPECT("llo", "right", TY(T, I4), "hello", "-2");
}

static void test_search_trim_pad(void **state)
{
    EXPECT("4", "position", TY(T, T), "héllo", "lo");
    EXPECT("1", "strpos", TY(T, T), "", "");
    EXPECT("0", "strpos", TY(T, T), "", "a");
    EXPECT("t", "starts_with", TY(T, T), "hello", "");
    EXPECT("f", "starts_with", TY(T, T), "he", "hello");
    EXPECT("a", "btrim", TY(T, T), "ééaéé", "é");
    EXPECT("ab  ", "ltrim", TY(T), "  ab  ");
    EXPECT("abc", "btrim", TY(T, T), "abc", "");
    EXPECT("éaéhé", "lpad", TY(T, I4, T), "hé", "5", "éa");
    EXPECT("hééaéa", "rpad", TY(T, I4, T), "hé", "6", "éa");
    EXPECT("hel", "lpad", TY(T, I4), "hello", "3");
    EXPECT("hi", "lpad", TY(T, I4, T), "hi", "5", "");
    EXPECT("ERR 54000 requested length too large", "lpad", TY(T, I4), "x", "268435455");
    EXPECT("ERR 54000 requested length too large", "repeat", TY(T, I4), "ab", "1073741824");
    EXPECT("", "repeat", TY(T, I4), "ab", "-1");
    EXPECT("olléh", "reverse", TY(T), "héllo");
}

static void test_replace_split_case(void **state)
{
    EXPECT("ba", "replace", TY(T, T, T), "aaa", "aa", "b");
    EXPECT("abc", "replace", TY(T, T, T), "abc", "", "x");
    EXPECT("a2x5", "translate", TY(T, T, T), "12345", "143", "ax");
    EXPECT("hELLo", "translate", TY(T, T, T), "héllo", "él", "EL");
    EXPECT("c", "split_part", TY(T, T, I4), "a,b,c", ",", "-1");
    EXPECT("", "split_part", TY(T, T, I4), "a,b,c", ",", "-4");
    EXPECT("abc", "split_part", TY(T, T, I4), "abc", "", "-1");
    EXPECT("a", "split_part", TY(T, T, I4), "aaa", "aa", "2");
    EXPECT("ERR 22023 field position must not be zero", "split_part", TY(T, T, I4), "a", ",", "0");
    EXPECT("Hello World Foo-Bar 3abc éA X_Y", "initcap", TY(T), "hello wORLD foo-bar 3abc éa x_y");
    EXPECT("àBC", "upper", TY(T), "àbc");
    EXPECT("5", "length", TY(T), "héllo");
    EXPECT("48", "bit_length", TY(T), "héllo");
}

static void test_render_quote(void **state)
{
    EXPECT("a1t1.5", "concat", TY(T, I4, OM_T_NULL, OM_T_BOOL, F8), "a", "1", NULL, "t", "1.5");
    EXPECT("a,1,t", "concat_ws", TY(T, T, OM_T_NULL, I4, OM_T_BOOL), ",", "a", NULL, "1", "t");
    EXPECT("NULL", "concat_ws", TY(T, T), NULL, "a");
    EXPECT("   ab|b   |\"b c\" 'it''s' NULL %", "format", TY(T, T, T, T, T, OM_T_NULL), "%5s|%-4s|%I %L %L %%", "ab", "b",
           "b c", "it's", NULL);
    EXPECT("x  |", "format", TY(T, I4, T), "%*s|", "-3", "x");
    EXPECT("b a", "format", TY(T, T, T), "%2$s %1$s", "a", "b");
    EXPECT("ERR 22023 too few arguments for format()", "format", TY(T), "%s");
    EXPECT("ERR 22023 unrecognized format() type specifier \"d\"", "format", TY(T, I4), "%d", "1");
    EXPECT("ERR 22023 unterminated format() type specifier", "format", TY(T, I4), "%1$", "1");
    EXPECT("ERR 22003 number is out of range", "format", TY(T, I4), "%99999999999s", "1");
    EXPECT("ERR 22004 null values cannot be formatted as an SQL identifier", "format", TY(T, T), "%I", NULL);
    EXPECT("ERR 22P02 invalid input syntax for type integer: \"abc\"", "format", TY(T, T, T), "%*s", "abc", "x");
    EXPECT("NULL", "format", TY(T), NULL);
    EXPECT("E'a\\\\b'", "quote_literal", TY(T), "a\\b");
    EXPECT("'true'", "quote_literal", TY(OM_T_BOOL), "t");
    EXPECT("NULL", "quote_nullable", TY(I4), NULL);
    EXPECT("\"select\"", "quote_ident", TY(T), "select");
    EXPECT("name", "quote_ident", TY(T), "name");
    EXPECT("\"a\"\"b\"", "quote_ident", TY(T), "a\"b");
    EXPECT("\"\"", "quote_ident", TY(T), "");

    OmBuf b;
    buf_init(&b, ctx, 8);
    fn_quote_ident(&b, "xmltable", 8);
    fn_quote_ident(&b, "zone", 4);
    fn_quote_literal(&b, "'", 1);
    assert_string_equal(b.data, "\"xmltable\"zone''''");
}

static void test_codes_digests(void **state)
{
    EXPECT("€", "chr", TY(I4), "8364");
    EXPECT("ERR 54000 null character not permitted", "chr", TY(I4), "0");
    EXPECT("ERR 22023 character number must be positive", "chr", TY(I4), "-1");
    EXPECT("ERR 54000 requested character too large for encoding: 1114112", "chr", TY(I4), "1114112");
    EXPECT("ERR 54000 requested character not valid for encoding: 55296", "chr", TY(I4), "55296");
    EXPECT("128512", "ascii", TY(T), "😀");
    EXPECT("0", "ascii", TY(T), "");
    EXPECT("ffffffff", "to_hex", TY(I4), "-1");
    EXPECT("8000000000000000", "to_hex", TY(I8), "-9223372036854775808");
    EXPECT("900150983cd24fb0d6963f7d28e17f72", "md5", TY(T), "abc");
    EXPECT("d41d8cd98f00b204e9800998ecf8427e", "md5", TY(T), "");
}

/* ---- math ------------------------------------------------------------------------------ */

static void test_integer_math(void **state)
{
    EXPECT("ERR 22012 division by zero", "mod", TY(I8, I8), "5", "0");
    EXPECT("0", "mod", TY(I8, I8), "-9223372036854775808", "-1");
    EXPECT("-1", "mod", TY(I4, I4), "-7", "3");
    EXPECT("1", "gcd", TY(I4, I4), "-2147483648", "-1");
    EXPECT("ERR 22003 integer out of range", "gcd", TY(I4, I4), "0", "-2147483648");
    EXPECT("ERR 22003 bigint out of range", "gcd", TY(I8, I8), "-9223372036854775808", "-9223372036854775808");
    EXPECT("2147483647", "gcd", TY(I4, I4), "2147483647", "-2147483647");
    EXPECT("12", "lcm", TY(I4, I4), "-4", "6");
    EXPECT("ERR 22003 integer out of range", "lcm", TY(I4, I4), "-2147483648", "1");
    EXPECT("ERR 22003 bigint out of range", "lcm", TY(I8, I8), "4611686018427387904", "3");
    EXPECT("ERR 22003 smallint out of range", "abs", TY(OM_T_INT2), "-32768");
    EXPECT("3", "round", TY(OM_T_NUMERIC), "2.5"); /* fn_numeric.c */
}

static void test_float_math(void **state)
{
    EXPECT("2", "round", TY(F8), "2.5");
    EXPECT("-0", "trunc", TY(F8), "-0.5");
    EXPECT("0", "sign", TY(F8), "NaN");
    EXPECT("3", "width_bucket", TY(F8, F8, F8, I4), "5.35", "0.024", "10.06", "5");
    EXPECT("-2147483648", "width_bucket", TY(F8, F8, F8, I4), "0", "-1e308", "1e308", "10");
    EXPECT("ERR 2201G lower bound cannot equal upper bound", "width_bucket", TY(F8, F8, F8, I4), "1", "3", "3", "5");
    EXPECT("ERR 22003 integer out of range", "width_bucket", TY(F8, F8, F8, I4), "10", "0", "10", "2147483647");
    EXPECT("-0", "power", TY(F8, F8), "-Infinity", "-3");
    EXPECT("ERR 2201F zero raised to a negative power is undefined", "power", TY(F8, F8), "0", "-1");
    EXPECT("ERR 2201F a negative number raised to a non-integer power yields a complex result", "pow", TY(F8, F8), "-8",
           "0.5");
    EXPECT("ERR 22003 value out of range: overflow", "power", TY(F8, F8), "10", "400");
    EXPECT("ERR 22003 value out of range: underflow", "power", TY(F8, F8), "10", "-400");
    EXPECT("ERR 2201F cannot take square root of a negative number", "sqrt", TY(F8), "-1");
    EXPECT("ERR 22003 value out of range: overflow", "exp", TY(F8), "710");
    EXPECT("ERR 22003 value out of range: underflow", "exp", TY(F8), "-746");
    EXPECT("ERR 2201E cannot take logarithm of zero", "ln", TY(F8), "0");
    EXPECT("ERR 2201E cannot take logarithm of a negative number", "log10", TY(F8), "-1");
    EXPECT("2", "log", TY(F8), "100");
    EXPECT("ERR 22003 input is out of range", "asin", TY(F8), "2");
    EXPECT("ERR 22003 input is out of range", "cos", TY(F8), "-Infinity");
    EXPECT("0.5", "sind", TY(F8), "30");
    EXPECT("1", "tand", TY(F8), "45");
    EXPECT("-Infinity", "tand", TY(F8), "270");
    EXPECT("0", "cotd", TY(F8), "270");
    EXPECT("120", "acosd", TY(F8), "-0.5");
    EXPECT("-135", "atan2d", TY(F8, F8), "-1", "-1");
    EXPECT("Infinity", "atanh", TY(F8), "1");
    EXPECT("ERR 22003 input is out of range", "acosh", TY(F8), "0.5");
    EXPECT("57.29577951308232", "degrees", TY(F8), "1");
    EXPECT("ERR 22003 value out of range: underflow", "radians", TY(F8), "1e-323");
}

static void test_random(void **state)
{
    /* PostgreSQL 15: SELECT setseed(0.5); SELECT random(), random(), random(); */
    EXPECT("", "setseed", TY(F8), "0.5");
    assert_string_equal(call("random", 0, NULL, NULL), "0.9851677175347999");
    assert_string_equal(call("random", 0, NULL, NULL), "0.825301858027981");
    assert_string_equal(call("random", 0, NULL, NULL), "0.12974610012450416");
    EXPECT("", "setseed", TY(F8), "-1");
    assert_string_equal(call("random", 0, NULL, NULL), "0.725656831544149");
    EXPECT("ERR 22023 setseed parameter 1.5 is out of allowed range [-1,1]", "setseed", TY(F8), "1.5");
    EXPECT("ERR 22023 setseed parameter NaN is out of allowed range [-1,1]", "setseed", TY(F8), "NaN");
    EXPECT("ERR 22023 setseed parameter -Infinity is out of allowed range [-1,1]", "setseed", TY(F8), "-Infinity");
}

/* ---- kernels over a selection ------------------------------------------------------------ */

/* Kernels compute exactly the rows named by sel, in any order, and leave
 * the others alone. */
static void test_selection(void **state)
{
    OmTypeId types[] = {T, I4};
    const FnDesc *d = find("left", types, 2);
    assert_non_null(d);
    OmVector *s = vec(T), *c = vec(I4), *out = vec(T);
    static const char *words[] = {"alpha", "béta", "gamma", "delta"};
    for (int i = 0; i < 4; i++) {
        ((OmStr *)s->data)[i] = (OmStr){words[i], (uint32_t)strlen(words[i])};
        ((int32_t *)c->data)[i] = i;
        om_vec_set_null(out, i, true);
    }
    const OmVector *args[] = {s, c};
    OmError err = {0};
    OmType ats[] = {om_type(T), om_type(I4)};
    FnCall fc = {.var = ctx, .err = &err, .nargs = 2, .arg_types = ats, .ret_type = om_type(T), .state_ctx = ctx};
    uint16_t sel[] = {3, 1};
    assert_int_equal(d->kernel(&fc, args, out, sel, 2), 0);
    OmStr *r = out->data;
    assert_true(om_vec_is_null(out, 0));
    assert_true(om_vec_is_null(out, 2));
    assert_false(om_vec_is_null(out, 1));
    assert_false(om_vec_is_null(out, 3));
    assert_int_equal(r[1].len, 1);
    assert_memory_equal(r[1].ptr, "b", 1);
    assert_int_equal(r[3].len, 3);
    assert_memory_equal(r[3].ptr, "del", 3);

    /* An error stops the kernel with the error set (the first one wins). */
    const FnDesc *sq = find("sqrt", (OmTypeId[]){F8}, 1);
    OmVector *x = vec(F8), *o = vec(F8);
    double *xv = x->data;
    xv[0] = 4;
    xv[1] = -1;
    xv[2] = -4;
    const OmVector *a1[] = {x};
    OmType at1[] = {om_type(F8)};
    FnCall fc1 = {.var = ctx, .err = &err, .nargs = 1, .arg_types = at1, .ret_type = om_type(F8)};
    uint16_t sel3[] = {0, 1, 2};
    assert_int_equal(sq->kernel(&fc1, a1, o, sel3, 3), -1);
    assert_string_equal(err.sqlstate, "2201F");
    assert_true(((double *)o->data)[0] == 2.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_registry_invariants, setup, teardown),
        cmocka_unit_test_setup_teardown(test_substrings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_trim_pad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replace_split_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_render_quote, setup, teardown),
        cmocka_unit_test_setup_teardown(test_codes_digests, setup, teardown),
        cmocka_unit_test_setup_teardown(test_integer_math, setup, teardown),
        cmocka_unit_test_setup_teardown(test_float_math, setup, teardown),
        cmocka_unit_test_setup_teardown(test_random, setup, teardown),
        cmocka_unit_test_setup_teardown(test_selection, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
