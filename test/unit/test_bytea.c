/*
 * test_bytea.c — bytea and uuid below SQL (src/types/bytea.c,
 * src/functions/fn_bytea*.c): input in both bytea formats and every uuid
 * spelling, output under both bytea_output settings, the cast matrix, casts
 * to and from the string types, and the kernels' byte-level edge cases
 * (embedded zero bytes, LIKE without recursion, base64 line breaks).
 *
 * Every expected string and error was checked against PostgreSQL 15; the
 * SQL-level tests are test/diff/bytea.sql and test/diff/uuid.sql.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "common/session_params.h"
#include "functions/fn_tables.h"

static MemCtx *ctx;

static int setup(void **state)
{
    ctx = mem_ctx_create(NULL, "test");
    return 0;
}

static int teardown(void **state)
{
    om_params_use(NULL);
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

static const char *out_text(OmType t, const OmVector *v)
{
    OmBuf b;
    buf_init(&b, ctx, 32);
    type_out(t, v, 0, &b);
    return b.data;
}

/* s (len bytes) through type t's input, then its output; or "ERR code msg". */
static const char *io_len(OmTypeId t, const char *s, size_t len)
{
    OmVector *v = vec(t);
    OmError err = {0};
    if (type_in(om_type(t), s, len, v, 0, ctx, &err) < 0) return mem_printf(ctx, "ERR %s %s", err.sqlstate, err.message);
    return out_text(om_type(t), v);
}

static const char *io(OmTypeId t, const char *s) { return io_len(t, s, strlen(s)); }

/* One value of type from (given as its text) cast to to. */
static const char *cast(OmTypeId from, const char *s, OmType to, OmCoerceCtx cc)
{
    OmVector *in = vec(from), *out = vec(to.id);
    OmError err = {0};
    if (type_in(om_type(from), s, strlen(s), in, 0, ctx, &err) < 0) return "BAD INPUT";
    if (type_cast_vec(om_type(from), to, cc, in, out, NULL, 1, ctx, &err) < 0)
        return mem_printf(ctx, "ERR %s %s", err.sqlstate, err.message);
    return out_text(to, out);
}

/* Call a registered function on one row of text-form arguments. */
static const char *call(const char *name, int n, const OmTypeId *types, const char *const *vals)
{
    int nd;
    const FnDesc *const *ds = fn_lookup(name, &nd), *d = NULL;
    for (int k = 0; k < nd && !d; k++) {
        bool ok = ds[k]->nargs == n;
        for (int i = 0; i < n && ok; i++) ok = ds[k]->args[i] == (int)types[i];
        if (ok) d = ds[k];
    }
    if (!d) return "NO SIGNATURE";
    OmError err = {0};
    const OmVector *args[8];
    OmType ats[8];
    for (int i = 0; i < n; i++) {
        OmVector *v = vec(types[i]);
        ats[i] = om_type(types[i]);
        if (type_in(ats[i], vals[i], strlen(vals[i]), v, 0, ctx, &err) < 0) return "BAD INPUT";
        args[i] = v;
    }
    OmVector *out = vec((OmTypeId)d->ret);
    FnCall fc = {.var = ctx, .err = &err, .nargs = n, .arg_types = ats, .ret_type = om_type((OmTypeId)d->ret)};
    uint16_t sel0 = 0;
    if (d->kernel(&fc, args, out, &sel0, 1) < 0) return mem_printf(ctx, "ERR %s %s", err.sqlstate, err.message);
    return out_text(om_type((OmTypeId)d->ret), out);
}

#define B OM_T_BYTEA
#define T OM_T_TEXT
#define U OM_T_UUID
#define CALL(name, types, ...) \
    call(name, (int)(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *)), (const OmTypeId[])types, \
         (const char *const[]){__VA_ARGS__})
#define TY(...) {__VA_ARGS__}

static void test_bytea_input(void **state)
{
    assert_string_equal(io(B, "\\x"), "\\x");
    assert_string_equal(io(B, "\\xDEADbeef"), "\\xdeadbeef");
    assert_string_equal(io(B, "\\x 01\t02\r\n03 "), "\\x010203");
    assert_string_equal(io(B, "\\x0 1"), "ERR 22023 invalid hexadecimal digit: \" \"");
    assert_string_equal(io(B, "\\x012"), "ERR 22023 invalid hexadecimal data: odd number of digits");
    assert_string_equal(io(B, "\\xé0"), "ERR 22023 invalid hexadecimal digit: \"é\"");
    assert_string_equal(io(B, "\\X41"), "ERR 22P02 invalid input syntax for type bytea");
    assert_string_equal(io(B, "abc"), "\\x616263");
    assert_string_equal(io(B, "a\\\\b\\000\\377"), "\\x615c6200ff");
    assert_string_equal(io(B, "\\3777"), "\\xff37");
    assert_string_equal(io(B, "\\400"), "ERR 22P02 invalid input syntax for type bytea");
    assert_string_equal(io(B, "\\12"), "ERR 22P02 invalid input syntax for type bytea");
    assert_string_equal(io(B, "ab\\"), "ERR 22P02 invalid input syntax for type bytea");
    assert_string_equal(io_len(B, "a\xff", 2), "ERR 22021 invalid byte sequence for encoding \"UTF8\": 0xff");
}

static void test_bytea_output_escape(void **state)
{
    OmSessionParams p = *om_params_default();
    p.bytea_output_hex = false;
    om_params_use(&p);
    assert_string_equal(io(B, "\\x00015c7f80ff2061"), "\\000\\001\\\\\\177\\200\\377 a");
    assert_string_equal(io(B, ""), "");
    om_params_use(NULL);
    assert_string_equal(io(B, "\\x5c"), "\\x5c");
}

static void test_uuid_io(void **state)
{
    const char *want = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    assert_string_equal(io(U, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), want);
    assert_string_equal(io(U, "{a0eebc999c0b4ef8bb6d6bb9bd380a11}"), want);
    assert_string_equal(io(U, "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"), want);
    const char *bad[] = {"", "{}", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
                         "a0eebc999c0b4ef8bb6d6bb9bd380a11-", "a0e-ebc999c0b4ef8bb6d6bb9bd380a11",
                         "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                         " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        assert_string_equal(io(U, bad[k]), mem_printf(ctx, "ERR 22P02 invalid input syntax for type uuid: \"%s\"", bad[k]));
}

static void test_casts(void **state)
{
    /* I/O casts only: to the string types in assignment, from them explicit. */
    assert_true(type_can_coerce(OM_T_UNKNOWN, B, OM_COERCE_IMPLICIT));
    assert_true(type_can_coerce(OM_T_UNKNOWN, U, OM_COERCE_IMPLICIT));
    assert_false(type_can_coerce(B, T, OM_COERCE_IMPLICIT));
    assert_true(type_can_coerce(B, OM_T_VARCHAR, OM_COERCE_ASSIGNMENT));
    assert_true(type_can_coerce(U, OM_T_BPCHAR, OM_COERCE_ASSIGNMENT));
    assert_false(type_can_coerce(T, B, OM_COERCE_ASSIGNMENT));
    assert_true(type_can_coerce(T, U, OM_COERCE_EXPLICIT));
    assert_false(type_can_coerce(U, B, OM_COERCE_EXPLICIT));
    assert_false(type_can_coerce(B, U, OM_COERCE_EXPLICIT));
    assert_false(type_can_coerce(OM_T_INT4, B, OM_COERCE_EXPLICIT));
    assert_false(type_can_coerce(B, OM_T_JSON, OM_COERCE_EXPLICIT));
    assert_false(type_can_coerce(OM_T_JSON, T, OM_COERCE_EXPLICIT)); /* still another helper's */
    OmType vc3 = {OM_T_VARCHAR, 3};
    assert_string_equal(cast(B, "\\x41", om_type(T), OM_COERCE_EXPLICIT), "\\x41");
    assert_string_equal(cast(B, "\\x41", vc3, OM_COERCE_EXPLICIT), "\\x4");
    assert_string_equal(cast(B, "\\x41", vc3, OM_COERCE_ASSIGNMENT), "ERR 22001 value too long for type character varying(3)");
    assert_string_equal(cast(T, "\\x4142", om_type(B), OM_COERCE_EXPLICIT), "\\x4142");
    assert_string_equal(cast(T, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", om_type(U), OM_COERCE_EXPLICIT),
                        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    assert_string_equal(cast(U, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", om_type(B), OM_COERCE_EXPLICIT),
                        "ERR 42846 cannot cast type uuid to bytea");
}

static void test_kernels(void **state)
{
    assert_string_equal(CALL("||", TY(B, B), "\\x00", "\\x0000"), "\\x000000");
    assert_string_equal(CALL("position", TY(B, B), "\\x410042", "\\x0042"), "2");
    assert_string_equal(CALL("substring", TY(B, OM_T_INT4, OM_T_INT4), "\\x0102030405", "-1", "3"), "\\x01");
    assert_string_equal(CALL("get_bit", TY(B, OM_T_INT8), "\\x0180", "15"), "1");
    assert_string_equal(CALL("set_bit", TY(B, OM_T_INT8, OM_T_INT4), "\\x00", "9", "2"),
                        "ERR 2202E index 9 out of valid range, 0..7");
    assert_string_equal(CALL("~~", TY(B, B), "a%c", "a\\\\%c"), "t");
    assert_string_equal(CALL("~~", TY(B, B), "abc", "ab\\\\"), "ERR 22025 LIKE pattern must not end with escape character");
    assert_string_equal(CALL("~~", TY(B, B), "ab", "ab\\\\"), "f");
    assert_string_equal(CALL("~~", TY(B, B), "\\x00ff00", "_\\377_"), "t");
    /* many % against a long mismatching text finishes (no backtracking blow-up) */
    char text[4001], pat[2002];
    memset(text, 'a', 4000);
    text[4000] = '\0';
    for (int k = 0; k < 1000; k++) pat[2 * k] = '%', pat[2 * k + 1] = 'a';
    pat[2000] = 'b';
    pat[2001] = '\0';
    assert_string_equal(CALL("~~", TY(B, B), text, pat), "f");
    assert_string_equal(CALL("encode", TY(B, T), "\\x5c00ff7f", "escape"), "\\\\\\000\\377\x7f");
    assert_string_equal(CALL("decode", TY(T, T), "QQ==QUJD", "base64"), "\\x4141");
    assert_string_equal(CALL("decode", TY(T, T), "\\x41", "escape"), "ERR 22P02 invalid input syntax for type bytea");
    assert_string_equal(CALL("convert_to", TY(T, T), "€", "latin-1"),
                        "ERR 22P05 character with byte sequence 0xe2 0x82 0xac in encoding \"UTF8\" has no "
                        "equivalent in encoding \"LATIN1\"");
    assert_string_equal(CALL("convert_from", TY(B, T), "\\x41e9", "ISO_8859_1"), "Aé");
    assert_string_equal(CALL("sha256", TY(B), "abc"),
                        "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bytea_input, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bytea_output_escape, setup, teardown),
        cmocka_unit_test_setup_teardown(test_uuid_io, setup, teardown),
        cmocka_unit_test_setup_teardown(test_casts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kernels, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
