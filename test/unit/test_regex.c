/*
 * test_regex.c — the regex engine (src/functions/regex.c and its
 * translator) and the list / set forms the array and SRF code wire up:
 * PostgreSQL's choice of match (longest / shortest), its error words, the
 * flags, rx_match_list, rx_split_list, rx_matches_lists and the
 * regexp_split_to_table / regexp_matches iterators.
 *
 * Expected values were checked against PostgreSQL 15 (UTF8, C collation).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/interrupt.h"
#include "functions/fn_srf.h"
#include "functions/regex.h"

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

static OmStr S(const char *s)
{
    return (OmStr){s, (uint32_t)strlen(s)};
}

/* The whole match (or subexpression k) of pat in s as a string, "NULL" when
 * there is none, "ERR:<message>" on an error. */
static const char *find(const char *pat, int cflags, const char *s, int k)
{
    OmError err = {0};
    RxRegex *re;
    if (rx_compile(pat, strlen(pat), cflags, &re, &err) < 0) return mem_printf(ctx, "ERR:%s", err.message);
    RxMatch m[10];
    int r = rx_search(re, s, strlen(s), 0, 10, m, &err);
    assert_true(r >= 0);
    if (!r || m[k].so < 0) return "NULL";
    return mem_strndup(ctx, s + m[k].so, (size_t)(m[k].eo - m[k].so));
}

static void test_match_choice(void **state)
{
    /* Greedy RE: the longest match at the leftmost start; non-greedy: the shortest. */
    assert_string_equal(find("a|ab|abc", RX_ADVANCED, "abcd", 0), "abc");
    assert_string_equal(find("Y*?([0-9]{1,3})", RX_ADVANCED, "XY1234Z", 1), "1");
    assert_string_equal(find("Y*([0-9]{1,3})", RX_ADVANCED, "XY1234Z", 1), "123");
    assert_string_equal(find("(.*?)(\\d+)(.*)", RX_ADVANCED, "abc01234xyz", 0), "abc0");
    assert_string_equal(find("(.*?)(\\d+)(.*)", RX_ADVANCED, "abc01234xyz", 3), "");
    assert_string_equal(find("(?:(.*?)(\\d+)(.*)){1,1}", RX_ADVANCED, "abc01234xyz", 2), "01234");
    assert_string_equal(find("a.*?b.*", RX_ADVANCED, "axbxbx", 0), "axb");
    assert_string_equal(find("x", RX_ADVANCED, "abc", 0), "NULL");
}

static void test_syntax(void **state)
{
    assert_string_equal(find("a\\bc", RX_ADVANCED, "a\bc", 0), "a\bc"); /* \b is backspace */
    assert_string_equal(find("\\mbar\\M", RX_ADVANCED, "foo bar", 0), "bar");
    assert_string_equal(find("[[:<:]]b", RX_ADVANCED, "ab b", 0), "b");
    assert_string_equal(find("ABC", RX_ADVANCED | RX_ICASE, "xabcx", 0), "abc");
    assert_string_equal(find("\xc3\xa4", RX_ADVANCED | RX_ICASE, "\xc3\x84", 0), "NULL"); /* ASCII folding only */
    assert_string_equal(find("***=a.", RX_ADVANCED, "a.", 0), "a.");
    assert_string_equal(find("(?i)b+", RX_ADVANCED, "aBbc", 0), "Bb");
    assert_string_equal(find("(a)\\1", RX_ADVANCED, "xaa", 0), "aa");
    assert_string_equal(find("^b", RX_ADVANCED | RX_NEWLINE, "a\nb", 0), "b");
    assert_string_equal(find("^b", RX_ADVANCED, "a\nb", 0), "NULL");
    assert_string_equal(find("a.b", RX_ADVANCED | RX_NEWLINE, "a\nb", 0), "NULL");
    assert_string_equal(find("\\(a\\)*", 0, "aa", 1), "a"); /* BRE */
    assert_string_equal(find("(", RX_ADVANCED, "", 0), "ERR:invalid regular expression: parentheses () not balanced");
    assert_string_equal(find("[a", RX_ADVANCED, "", 0), "ERR:invalid regular expression: brackets [] not balanced");
    assert_string_equal(find("a**", RX_ADVANCED, "", 0), "ERR:invalid regular expression: quantifier operand invalid");
    assert_string_equal(find("a{3,2}", RX_ADVANCED, "", 0), "ERR:invalid regular expression: invalid repetition count(s)");
    assert_string_equal(find("\\q", RX_ADVANCED, "", 0), "ERR:invalid regular expression: invalid escape \\ sequence");
    assert_string_equal(find("(a\\1)", RX_ADVANCED, "", 0), "ERR:invalid regular expression: invalid backreference number");
    assert_string_equal(find("(?z)", RX_ADVANCED, "", 0), "ERR:invalid regular expression: invalid embedded option");
}

static void test_flags(void **state)
{
    RxFlags f;
    OmError err = {0};
    assert_int_equal(rx_parse_flags("gi", 2, &f, &err), 0);
    assert_true(f.glob);
    assert_int_equal(f.cflags, RX_ADVANCED | RX_ICASE);
    assert_int_equal(rx_parse_flags("\xc3\xa9", 2, &f, &err), -1);
    assert_string_equal(err.sqlstate, "22023");
    assert_string_equal(err.message, "invalid regular expression option: \"\xc3\xa9\"");
}

static void test_lists(void **state)
{
    OmError err = {0};
    RxStrList l;
    bool found;
    assert_int_equal(rx_match_list(ctx, S("abc"), S("(a)(x)?(c)?"), NULL, &l, &found, &err), 0);
    assert_true(found);
    assert_int_equal(l.n, 3);
    assert_true(!l.nulls[0] && l.items[0].len == 1 && l.items[0].ptr[0] == 'a');
    assert_true(l.nulls[1] && l.nulls[2]);
    assert_int_equal(rx_match_list(ctx, S("abc"), S("x"), NULL, &l, &found, &err), 0);
    assert_false(found);
    OmStr g = S("g");
    assert_int_equal(rx_match_list(ctx, S("abc"), S("b"), &g, &l, &found, &err), -1);
    assert_string_equal(err.message, "regexp_match() does not support the \"global\" option");

    OmError e2 = {0};
    assert_int_equal(rx_split_list(ctx, S("abc"), S(""), NULL, "regexp_split_to_array()", &l, &e2), 0);
    assert_int_equal(l.n, 3);
    assert_int_equal(rx_split_list(ctx, S(",a,,b"), S(","), NULL, "regexp_split_to_array()", &l, &e2), 0);
    assert_int_equal(l.n, 4);
    assert_int_equal(l.items[0].len, 0);
    assert_int_equal(l.items[2].len, 0);
    assert_int_equal(l.items[3].len, 1);

    RxStrList *ls;
    int nm;
    assert_int_equal(rx_matches_lists(ctx, S("a1b22c333"), S("\\d+"), &g, &ls, &nm, &e2), 0);
    assert_int_equal(nm, 3);
    assert_int_equal(ls[2].items[0].len, 3);
}

static void test_srf(void **state)
{
    const FnSrfDesc *d = NULL;
    for (int k = 0; k < fn_srf_regex_table.n; k++)
        if (!strcmp(fn_srf_regex_table.descs[k].name, "regexp_split_to_table") && fn_srf_regex_table.descs[k].nargs == 2)
            d = &fn_srf_regex_table.descs[k];
    assert_non_null(d);
    OmError err = {0};
    FnCall fc = {.var = ctx, .err = &err, .nargs = 2, .state_ctx = ctx};
    OmVector a0 = {.phys = OM_PHYS_STR}, a1 = {.phys = OM_PHYS_STR}, out = {.phys = OM_PHYS_STR};
    OmStr s = S("the quick  brown"), p = S("\\s+");
    a0.data = &s;
    a1.data = &p;
    OmStr res[2];
    uint64_t nulls[1] = {0};
    out.data = res;
    out.nulls = nulls;
    const OmVector *args[2] = {&a0, &a1};
    OmVector *outs[1] = {&out};
    void *st;
    assert_int_equal(d->open(&fc, args, 0, &st), 0);
    int produced;
    assert_int_equal(d->next(&fc, st, outs, 2, &produced), 0);
    assert_int_equal(produced, 2);
    assert_int_equal(res[1].len, 5);
    assert_int_equal(d->next(&fc, st, outs, 2, &produced), 0);
    assert_int_equal(produced, 1);
    assert_int_equal(d->next(&fc, st, outs, 2, &produced), 0);
    assert_int_equal(produced, 0);
}

static void test_similar(void **state)
{
    OmError err = {0};
    OmStr r, esc = S("#");
    assert_int_equal(rx_similar_escape(ctx, S("a#\"b#\"c%"), &esc, &r, &err), 0);
    assert_int_equal(r.len, strlen("^(?:a){1,1}?(b){1,1}(?:c.*)$"));
    assert_memory_equal(r.ptr, "^(?:a){1,1}?(b){1,1}(?:c.*)$", r.len);
    OmStr bad = S("ab");
    assert_int_equal(rx_similar_escape(ctx, S("a"), &bad, &r, &err), -1);
    assert_string_equal(err.sqlstate, "22025");
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static char *rep(const char *s, int n)
{
    size_t l = strlen(s);
    char *r = mem_alloc(ctx, l * (size_t)n + 1);
    for (int i = 0; i < n; i++) memcpy(r + l * (size_t)i, s, l);
    r[l * (size_t)n] = 0;
    return r;
}

/* rx_test of pat on s: 1, 0, or -1 with *err; *ms the time it took. */
static int timed_test(const char *pat, const char *s, OmError *err, double *ms)
{
    RxRegex *re;
    if (rx_compile(pat, strlen(pat), RX_ADVANCED, &re, err) < 0) return -1;
    double t0 = now_ms();
    int r = rx_test(re, s, strlen(s), err);
    *ms = now_ms() - t0;
    return r;
}

/* Catastrophic backtracking: PCRE2's limits stop it, the DFA matcher gives
 * PostgreSQL's answer, and where it cannot (a back reference) the error is
 * PostgreSQL's 2201B. The times are printed (the bound only catches a hang:
 * speed is measured, not asserted). */
static void test_limits(void **state)
{
    OmError err = {0};
    double ms;
    const char *x40z = mem_printf(ctx, "%szy", rep("x", 40));
    assert_int_equal(timed_test("(x+x+)+y", x40z, &err, &ms), 0);
    printf("# (x+x+)+y on x{40}zy: false in %.1f ms\n", ms);
    assert_true(ms < 2000);
    assert_int_equal(timed_test("(a|aa)*c", mem_printf(ctx, "%sbc", rep("a", 36)), &err, &ms), 1);
    printf("# (a|aa)*c on a{36}bc: true in %.1f ms\n", ms);
    assert_int_equal(timed_test("(a*)*b", mem_printf(ctx, "%sc", rep("a", 40)), &err, &ms), 0);
    if (err.set) fail_msg("%s %s", err.sqlstate, err.message);
    assert_int_equal(timed_test("(x+x+)+\\1y", x40z, &err, &ms), -1);
    printf("# (x+x+)+\\1y on x{40}zy: limit error in %.1f ms\n", ms);
    assert_true(ms < 2000);
    assert_string_equal(err.sqlstate, "2201B");
    assert_string_equal(err.message, "regular expression failed: regular expression is too complex");
    /* the subexpressions of a match the DFA found */
    assert_string_equal(find("(x+x+)+y", RX_ADVANCED, mem_printf(ctx, "%sxxy", x40z), 0), "xxy");
    assert_string_equal(find("(?:x+x+)+y", RX_ADVANCED, mem_printf(ctx, "%sxxy", x40z), 0), "xxy");
    /* deep nesting: refused before it can exhaust the stack */
    OmError e2 = {0};
    RxRegex *re;
    char *deep = mem_printf(ctx, "%sa%s", rep("(", 100000), rep(")", 100000));
    assert_int_equal(rx_compile(deep, strlen(deep), RX_ADVANCED, &re, &e2), -1);
    assert_string_equal(e2.sqlstate, "2201B");
    assert_string_equal(e2.message, "invalid regular expression: regular expression is too complex");
    char *ok = mem_printf(ctx, "%sa%s", rep("(", 500), rep(")", 500));
    OmError e3 = {0};
    assert_int_equal(rx_compile(ok, strlen(ok), RX_ADVANCED, &re, &e3), 0);
}

/* A pending cancel stops a match (and a translation) with 57014. */
static void test_interrupt(void **state)
{
    OmInterrupt i = {0};
    om_intr_attach(&i);
    atomic_store(&i.flag, OM_INTR_CANCEL);
    OmError err = {0};
    RxRegex *re;
    assert_int_equal(rx_compile("b", 1, RX_ADVANCED, &re, &err), 0);
    assert_int_equal(rx_test(re, "abc", 3, &err), -1);
    assert_string_equal(err.sqlstate, "57014");
    OmError e2 = {0};
    RxMatch m[1];
    assert_int_equal(rx_search(re, "abc", 3, 0, 1, m, &e2), -1);
    assert_string_equal(e2.sqlstate, "57014");
    OmError e3 = {0};
    char *big = rep("a", 10000);
    assert_int_equal(rx_compile(big, strlen(big), RX_ADVANCED, &re, &e3), -1);
    assert_string_equal(e3.sqlstate, "57014");
    atomic_store(&i.flag, OM_INTR_NONE);
    OmError e4 = {0};
    assert_int_equal(rx_compile(big, strlen(big), RX_ADVANCED, &re, &e4), 0);
    om_intr_attach(NULL);
}

static void *cancel_later(void *arg)
{
    struct timespec d = {0, 50 * 1000 * 1000};
    nanosleep(&d, NULL);
    atomic_store(&((OmInterrupt *)arg)->flag, OM_INTR_CANCEL);
    return NULL;
}

/* PCRE2's match limit counts per start position, so an unanchored search
 * like (ab)+bb over a long run of ab is quadratic below it: the callout at
 * each start stops it when a cancel arrives mid-match. */
static void test_interrupt_mid_match(void **state)
{
    OmInterrupt i = {0};
    om_intr_attach(&i);
    OmError err = {0};
    RxRegex *re;
    assert_int_equal(rx_compile("(ab)+bb", 7, RX_ADVANCED, &re, &err), 0);
    char *s = rep("ab", 200000);
    pthread_t th;
    pthread_create(&th, NULL, cancel_later, &i);
    double t0 = now_ms();
    assert_int_equal(rx_test(re, s, strlen(s), &err), -1);
    double ms = now_ms() - t0;
    pthread_join(th, NULL);
    printf("# (ab)+bb on (ab){200000}: cancelled after %.1f ms (cancel sent at 50 ms)\n", ms);
    assert_string_equal(err.sqlstate, "57014");
    atomic_store(&i.flag, OM_INTR_NONE);
    om_intr_attach(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_match_choice), cmocka_unit_test(test_syntax), cmocka_unit_test(test_flags),
        cmocka_unit_test(test_lists),        cmocka_unit_test(test_srf),    cmocka_unit_test(test_similar),
        cmocka_unit_test(test_limits),       cmocka_unit_test(test_interrupt), cmocka_unit_test(test_interrupt_mid_match),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
