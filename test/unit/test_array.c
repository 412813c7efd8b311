/*
 * test_array.c — arrays below SQL (src/types/array*.c): the stored form
 * built by array_in and read back by array_out, the refusal of bad bytes by
 * arr_check, array order (type_compare), and casts between array types.
 * Every expected text was checked against PostgreSQL 15; the SQL-level
 * tests are test/diff/arrays.sql and set_functions.sql.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "types/array.h"

static MemCtx *ctx;

static int setup(void **state)
{
    (void)state;
    ctx = mem_ctx_create(NULL, "test");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mem_ctx_delete(ctx);
    return 0;
}

/* array_in then array_out, or "ERR <sqlstate> <message>". */
static const char *round_trip(OmTypeId t, int32_t typmod, const char *in)
{
    OmError err = {0};
    OmStr s;
    OmType at = {t, typmod};
    if (arr_in(at, in, strlen(in), &s, ctx, &err) < 0) return mem_printf(ctx, "ERR %s %s", err.sqlstate, err.message);
    assert_int_equal(arr_check(t, s, &err), 0);
    OmBuf b;
    buf_init(&b, ctx, 32);
    arr_out(t, s, &b);
    return b.data;
}

static void test_text_io(void **state)
{
    (void)state;
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "{1,2,3}"), "{1,2,3}");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, " { 1 , NULL } "), "{1,NULL}");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "{}"), "{}");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "[0:2]={1,2,3}"), "[0:2]={1,2,3}");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "{{1,2},{3,4}}"), "{{1,2},{3,4}}");
    assert_string_equal(round_trip(OM_T_ARR_TEXT, -1, "{a,\"b c\",\"\",\"NULL\",null,\"q\\\"\",\\{}"),
                        "{a,\"b c\",\"\",\"NULL\",NULL,\"q\\\"\",\"{\"}");
    assert_string_equal(round_trip(OM_T_ARR_VARCHAR, 2, "{abc}"), "ERR 22001 value too long for type character varying(2)");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "{1,2"), "ERR 22P02 malformed array literal: \"{1,2\"");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "{{1,2},{3}}"),
                        "ERR 22P02 malformed array literal: \"{{1,2},{3}}\"");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "{{{{{{{1}}}}}}}"),
                        "ERR 54000 number of array dimensions (7) exceeds the maximum allowed (6)");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "[2:1]={}"), "ERR 2202E upper bound cannot be less than lower bound");
    assert_string_equal(round_trip(OM_T_ARR_INT2, -1, "{99999}"), "ERR 22003 value \"99999\" is out of range for type smallint");
    assert_string_equal(round_trip(OM_T_ARR_INT4, -1, "{1,\xff}"),
                        "ERR 22021 invalid byte sequence for encoding \"UTF8\": 0xff");
}

static void test_check(void **state)
{
    (void)state;
    OmError err = {0};
    OmStr s;
    assert_int_equal(arr_in(om_type(OM_T_ARR_TEXT), "{ab,NULL,c}", 11, &s, ctx, &err), 0);
    /* Every truncation of a valid array is refused, never read past. */
    for (uint32_t n = 0; n < s.len; n++) {
        OmStr cut = {s.ptr, n};
        err = (OmError){0};
        assert_int_equal(arr_check(OM_T_ARR_TEXT, cut, &err), -1);
        assert_string_equal(err.sqlstate, "22P03");
    }
    char *bad = mem_alloc(ctx, s.len);
    memcpy(bad, s.ptr, s.len);
    bad[0] = 7; /* ndim 7 */
    assert_int_equal(arr_check(OM_T_ARR_TEXT, (OmStr){bad, s.len}, &err), -1);
    assert_int_equal(arr_check(OM_T_INT4, s, &err), -1);
}

static int cmp(OmTypeId t, const char *a, const char *b)
{
    OmError err = {0};
    OmSlot x, y;
    om_slot_init(&x, OM_PHYS_STR);
    om_slot_init(&y, OM_PHYS_STR);
    assert_int_equal(arr_in(om_type(t), a, strlen(a), &x.val.s, ctx, &err), 0);
    assert_int_equal(arr_in(om_type(t), b, strlen(b), &y.val.s, ctx, &err), 0);
    return type_compare(om_type(t), &x.v, 0, &y.v, 0);
}

static void test_order(void **state)
{
    (void)state;
    assert_int_equal(cmp(OM_T_ARR_INT4, "{1,2}", "{1,3}"), -1);
    assert_int_equal(cmp(OM_T_ARR_INT4, "{1,2}", "{1,2,0}"), -1);
    assert_int_equal(cmp(OM_T_ARR_INT4, "{2}", "{1,9}"), 1);
    assert_int_equal(cmp(OM_T_ARR_INT4, "{1,NULL}", "{1,NULL}"), 0);
    assert_int_equal(cmp(OM_T_ARR_INT4, "{NULL}", "{5}"), 1);
    assert_int_equal(cmp(OM_T_ARR_INT4, "{1,2}", "[0:1]={1,2}"), 1);
    assert_int_equal(cmp(OM_T_ARR_NUMERIC, "{1.0}", "{1}"), 0);
    assert_int_equal(cmp(OM_T_ARR_FLOAT8, "{NaN}", "{Infinity}"), 1);
    assert_int_equal(cmp(OM_T_ARR_BPCHAR, "{\"a  \"}", "{a}"), 0);
}

static void test_casts(void **state)
{
    (void)state;
    assert_true(type_can_coerce(OM_T_ARR_INT4, OM_T_ARR_INT8, OM_COERCE_IMPLICIT));
    assert_false(type_can_coerce(OM_T_ARR_INT8, OM_T_ARR_INT4, OM_COERCE_IMPLICIT));
    assert_true(type_can_coerce(OM_T_ARR_INT8, OM_T_ARR_INT4, OM_COERCE_ASSIGNMENT));
    assert_false(type_can_coerce(OM_T_ARR_INT4, OM_T_INT4, OM_COERCE_EXPLICIT));
    assert_true(type_can_coerce(OM_T_ARR_INT4, OM_T_TEXT, OM_COERCE_ASSIGNMENT));
    assert_false(type_can_coerce(OM_T_TEXT, OM_T_ARR_INT4, OM_COERCE_ASSIGNMENT));
    assert_true(type_can_coerce(OM_T_TEXT, OM_T_ARR_INT4, OM_COERCE_EXPLICIT));
    OmError err = {0};
    OmSlot in, out;
    om_slot_init(&in, OM_PHYS_STR);
    om_slot_init(&out, OM_PHYS_STR);
    assert_int_equal(arr_in(om_type(OM_T_ARR_INT8), "{1,NULL,3000000000}", 19, &in.val.s, ctx, &err), 0);
    assert_int_equal(type_cast_vec(om_type(OM_T_ARR_INT8), om_type(OM_T_ARR_INT4), OM_COERCE_ASSIGNMENT, &in.v, &out.v,
                                   NULL, 1, ctx, &err),
                     -1);
    assert_string_equal(err.message, "integer out of range");
    err = (OmError){0};
    assert_int_equal(type_cast_vec(om_type(OM_T_ARR_INT8), om_type(OM_T_ARR_TEXT), OM_COERCE_EXPLICIT, &in.v, &out.v,
                                   NULL, 1, ctx, &err),
                     0);
    OmBuf b;
    buf_init(&b, ctx, 32);
    arr_out(OM_T_ARR_TEXT, out.val.s, &b);
    assert_string_equal(b.data, "{1,NULL,3000000000}");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_io),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_casts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
