/*
 * test_json.c — json/jsonb below SQL (src/types/json_parse.c, jsonb.c,
 * jsonb_path.c): the binary form's round trip and navigation, and the
 * text[]-path operations that SQL reaches only once text[] is wired
 * (#>, #-, jsonb_set, jsonb_insert, - text[], ?| ?&).
 *
 * Expected strings were checked against PostgreSQL 15.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "types/json.h"

static MemCtx *ctx;

static OmStr jb(const char *text)
{
    OmStr out;
    OmError err = {0};
    if (jsonb_in(text, strlen(text), ctx, &out, &err) < 0) fail_msg("%s: %s", text, err.message);
    return out;
}

static const char *txt(OmStr v)
{
    OmBuf b;
    buf_init(&b, ctx, 64);
    jsonb_out(v, &b);
    return b.data;
}

/* A path "a,b,1" as OmStr elements. */
static int path(const char *spec, OmStr *out)
{
    int n = 0;
    if (!*spec) return 0;
    const char *p = spec;
    for (;;) {
        const char *c = strchr(p, ',');
        size_t l = c ? (size_t)(c - p) : strlen(p);
        out[n++] = (OmStr){p, (uint32_t)l};
        if (!c) break;
        p = c + 1;
    }
    return n;
}

static void roundtrip(const char *in, const char *want)
{
    assert_string_equal(txt(jb(in)), want);
}

static void test_roundtrip(void **state)
{
    (void)state;
    roundtrip("{\"b\": 1, \"a\": 2, \"aa\": [1, 1.0, 1e2, -0]}", "{\"a\": 2, \"b\": 1, \"aa\": [1, 1.0, 100, 0]}");
    roundtrip("{\"a\": 1, \"a\": {\"x\": 1, \"x\": 2}}", "{\"a\": {\"x\": 2}}");
    roundtrip("\"\\u00e9\\n\\u0001\"", "\"é\\n\\u0001\"");
    roundtrip("[]", "[]");
    roundtrip("{}", "{}");
    OmStr v = jb("{\"k\": [true, null, \"s\"]}");
    const uint8_t *r = jsonb_root(v);
    assert_int_equal(jsonb_kind(r), JSON_OBJECT);
    const uint8_t *k = jsonb_find_key(r, "k", 1);
    assert_non_null(k);
    assert_int_equal(jsonb_count(k), 3);
    assert_true(jsonb_bool(jsonb_elem(k, 0)));
    assert_int_equal(jsonb_kind(jsonb_elem(k, 1)), JSON_NULL);
    assert_null(jsonb_find_key(r, "x", 1));
}

static void test_errors(void **state)
{
    (void)state;
    OmError err = {0};
    OmStr out;
    assert_int_equal(jsonb_in("[1,]", 4, ctx, &out, &err), -1);
    assert_string_equal(err.sqlstate, "22P02");
    assert_string_equal(err.detail, "Expected JSON value, but found \"]\".");
    err_clear(&err);
    assert_int_equal(jsonb_in("\"\\u0000\"", 8, ctx, &out, &err), -1);
    assert_string_equal(err.sqlstate, "22P05");
    err_clear(&err);
    /* json keeps escapes unchecked */
    assert_int_equal(json_parse("\"\\u0000\\ud800\"", 14, JSON_PARSE_VALIDATE, ctx, NULL, &err), 0);
    size_t n = 20000;
    char *deep = mem_alloc(ctx, n);
    memset(deep, '[', n);
    assert_int_equal(json_parse(deep, n, JSON_PARSE_VALIDATE, ctx, NULL, &err), -1);
    assert_string_equal(err.sqlstate, "54001");
}

static void get_ok(const char *doc, const char *p, const char *want)
{
    OmStr elems[8], out;
    bool found;
    OmError err = {0};
    assert_int_equal(jsonb_path_get(jb(doc), elems, path(p, elems), ctx, &out, &found, &err), 0);
    if (!want) {
        assert_false(found);
        return;
    }
    assert_true(found);
    assert_string_equal(txt(out), want);
}

static void test_path_get(void **state)
{
    (void)state;
    const char *d = "{\"a\": {\"b\": [10, 20, {\"c\": \"x\"}]}}";
    get_ok(d, "a,b,2,c", "\"x\"");
    get_ok(d, "a,b,-1", "{\"c\": \"x\"}");
    get_ok(d, "a,x", NULL);
    get_ok(d, "", d);
    get_ok("\"x\"", "0", NULL);
    get_ok("[1]", " 0", "1");
    get_ok("[1]", "a", NULL);
}

enum { SET, SET_NOCREATE, INS, INS_AFTER, DEL };

static void set_ok(int op, const char *doc, const char *p, const char *v, const char *want, const char *errstate)
{
    OmStr elems[8], out;
    OmError err = {0};
    int np = path(p, elems), rc;
    switch (op) {
    case SET: rc = jsonb_set_path(jb(doc), elems, np, jb(v), true, ctx, &out, &err); break;
    case SET_NOCREATE: rc = jsonb_set_path(jb(doc), elems, np, jb(v), false, ctx, &out, &err); break;
    case INS: rc = jsonb_insert_path(jb(doc), elems, np, jb(v), false, ctx, &out, &err); break;
    case INS_AFTER: rc = jsonb_insert_path(jb(doc), elems, np, jb(v), true, ctx, &out, &err); break;
    default: rc = jsonb_delete_path(jb(doc), elems, np, ctx, &out, &err); break;
    }
    if (errstate) {
        assert_int_equal(rc, -1);
        assert_string_equal(err.sqlstate, errstate);
        return;
    }
    if (rc != 0) fail_msg("%s %s: %s", doc, p, err.message);
    assert_string_equal(txt(out), want);
}

static void test_set_insert_delete(void **state)
{
    (void)state;
    set_ok(SET, "{\"a\": [1, 2]}", "a,1", "\"x\"", "{\"a\": [1, \"x\"]}", NULL);
    set_ok(SET, "{\"a\": 1}", "b", "2", "{\"a\": 1, \"b\": 2}", NULL);
    set_ok(SET_NOCREATE, "{\"a\": 1}", "b", "2", "{\"a\": 1}", NULL);
    set_ok(SET, "{\"a\": [1, 2]}", "a,-1", "9", "{\"a\": [1, 9]}", NULL);
    set_ok(SET, "{\"a\": [1, 2]}", "a,-5", "9", "{\"a\": [9, 1, 2]}", NULL);
    set_ok(SET, "{\"a\": [1, 2]}", "a,10", "9", "{\"a\": [1, 2, 9]}", NULL);
    set_ok(SET, "{\"a\": [1, 2]}", "a,x", "9", NULL, "22P02");
    set_ok(SET, "{\"a\": {\"b\": 1}}", "a,c,d", "9", "{\"a\": {\"b\": 1}}", NULL);
    set_ok(SET, "[]", "0", "1", "[1]", NULL);
    set_ok(SET_NOCREATE, "{}", "a", "1", "{}", NULL);
    set_ok(SET, "1", "a", "1", NULL, "22023");
    set_ok(SET, "{\"a\": 1}", "", "2", "{\"a\": 1}", NULL);
    set_ok(INS, "{\"a\": [1, 2]}", "a,0", "0", "{\"a\": [0, 1, 2]}", NULL);
    set_ok(INS_AFTER, "{\"a\": [1, 2]}", "a,0", "0", "{\"a\": [1, 0, 2]}", NULL);
    set_ok(INS_AFTER, "{\"a\": [1, 2]}", "a,-1", "0", "{\"a\": [1, 2, 0]}", NULL);
    set_ok(INS, "{\"a\": 1}", "a", "0", NULL, "22023");
    set_ok(INS, "{\"a\": 1}", "b", "0", "{\"a\": 1, \"b\": 0}", NULL);
    set_ok(DEL, "{\"a\": {\"b\": 1, \"c\": 2}}", "a,b", NULL, "{\"a\": {\"c\": 2}}", NULL);
    set_ok(DEL, "[1, [2, 3]]", "1,0", NULL, "[1, [3]]", NULL);
    set_ok(DEL, "[1, 2]", "-1", NULL, "[1]", NULL);
    set_ok(DEL, "[1, 2]", "x", NULL, NULL, "22P02");
    set_ok(DEL, "{\"a\": 1}", "", NULL, "{\"a\": 1}", NULL);
    set_ok(DEL, "1", "a", NULL, NULL, "22023");
}

static void test_keys(void **state)
{
    (void)state;
    OmStr keys[4], out;
    OmError err = {0};
    int n = path("a,x", keys);
    assert_int_equal(jsonb_delete_keys(jb("{\"a\": 1, \"b\": 2}"), keys, n, ctx, &out, &err), 0);
    assert_string_equal(txt(out), "{\"b\": 2}");
    assert_true(jsonb_exists_any(jb("{\"a\": 1}"), keys, n));
    assert_false(jsonb_exists_all(jb("{\"a\": 1}"), keys, n));
    assert_true(jsonb_exists_all(jb("[\"a\", \"x\"]"), keys, n));
    /* NULL elements: skipped by ?| ?& and - text[]; an error once jsonb_set reaches one */
    keys[1] = (OmStr){NULL, 0};
    assert_true(jsonb_exists_all(jb("{\"a\": 1}"), keys, 2));
    assert_int_equal(jsonb_delete_keys(jb("{\"a\": 1}"), keys, 2, ctx, &out, &err), 0);
    assert_string_equal(txt(out), "{}");
    OmStr p2[2] = {{"x", 1}, {NULL, 0}};
    assert_int_equal(jsonb_set_path(jb("{\"a\": 1}"), p2, 2, jb("1"), true, ctx, &out, &err), 0);
    assert_string_equal(txt(out), "{\"a\": 1}");
    OmStr p3[2] = {{"a", 1}, {NULL, 0}};
    assert_int_equal(jsonb_set_path(jb("{\"a\": {\"b\": 1}}"), p3, 2, jb("1"), true, ctx, &out, &err), -1);
    assert_string_equal(err.sqlstate, "22004");
}

static void test_json_path(void **state)
{
    (void)state;
    OmStr elems[4], out;
    bool found;
    OmError err = {0};
    const char *doc = "{\"a\": {\"b\": [1,  \"x\\ny\"]}, \"a\": {\"b\": [3]}}";
    OmStr js = {doc, (uint32_t)strlen(doc)};
    assert_int_equal(json_path_get(js, elems, path("a,b", elems), false, ctx, &out, &found, &err), 0);
    assert_true(found);
    assert_int_equal(out.len, 3);
    assert_memory_equal(out.ptr, "[3]", 3);
    const char *doc2 = "[1,  \"x\\ny\"]";
    OmStr js2 = {doc2, (uint32_t)strlen(doc2)};
    assert_int_equal(json_path_get(js2, elems, path("-1", elems), true, ctx, &out, &found, &err), 0);
    assert_true(found);
    assert_memory_equal(out.ptr, "x\ny", 3);
}

int main(void)
{
    ctx = mem_ctx_create(NULL, "test_json");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip), cmocka_unit_test(test_errors), cmocka_unit_test(test_path_get),
        cmocka_unit_test(test_set_insert_delete), cmocka_unit_test(test_keys), cmocka_unit_test(test_json_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
