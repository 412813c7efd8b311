/*
 * test_like.c — the LIKE / ILIKE matcher (src/functions/like.c): answers
 * checked against PostgreSQL 15 (UTF8, C collation), the lazy error of a
 * trailing escape, every small pattern and subject against the reference
 * transcription of PostgreSQL's MatchText (test/fuzz/like_ref.h), the
 * pathological patterns, and the interrupt check inside a long search.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../fuzz/like_ref.h"
#include "common/interrupt.h"
#include "functions/like.h"

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

/* 1, 0, or -1 with err: s LIKE p [ESCAPE esc] (esc NULL: none given). */
static int like(const char *s, const char *p, const char *esc, bool icase, OmError *err)
{
    const char *e = esc ? esc : "\\";
    if (fn_like_escape_check(e, strlen(e), err) < 0) return -1;
    FnLikePat pat;
    fn_like_compile(ctx, p, strlen(p), e, strlen(e), icase, &pat);
    return fn_like_match(&pat, s, strlen(s), err);
}

static int L(const char *s, const char *p)
{
    OmError err = {0};
    int r = like(s, p, NULL, false, &err);
    return r < 0 ? -(int)strtol(err.sqlstate, NULL, 10) - 1 : r;
}

static void test_basics(void **state)
{
    assert_int_equal(L("abc", "abc"), 1);
    assert_int_equal(L("abc", "a%"), 1);
    assert_int_equal(L("abc", "%c"), 1);
    assert_int_equal(L("abc", "%b%"), 1);
    assert_int_equal(L("abc", "a_c"), 1);
    assert_int_equal(L("abc", "____"), 0);
    assert_int_equal(L("", "%"), 1);
    assert_int_equal(L("", ""), 1);
    assert_int_equal(L("", "_"), 0);
    assert_int_equal(L("abc", ""), 0);
    assert_int_equal(L("aa", "a%a%a"), 0);
    assert_int_equal(L("aaa", "a%a%a"), 1);
    assert_int_equal(L("mississippi", "%iss%iss%"), 1);
    assert_int_equal(L("mississippi", "m%i%i%i%i"), 1);
    assert_int_equal(L("abcabd", "%abd"), 1);
    assert_int_equal(L("ab", "%_%_%"), 1);
    assert_int_equal(L("a", "%_%_%"), 0);
    /* _ is one character */
    assert_int_equal(L("é", "_"), 1);
    assert_int_equal(L("日本語", "___"), 1);
    assert_int_equal(L("日本語", "__"), 0);
    assert_int_equal(L("a😀b", "a_b"), 1);
    assert_int_equal(L("ab😀", "%_😀"), 1);
    assert_int_equal(L("😀", "%😀%"), 1);
}

static void test_escape(void **state)
{
    OmError err = {0};
    assert_int_equal(L("a%c", "a\\%c"), 1);
    assert_int_equal(L("abc", "a\\%c"), 0);
    assert_int_equal(like("a%b", "a%%b", "%", false, &err), 1);
    assert_int_equal(like("aXb", "a%b", "%", false, &err), 0);
    assert_int_equal(like("a_b", "a__b", "_", false, &err), 1);
    assert_int_equal(like("a\\b", "a\\b", "", false, &err), 1);
    assert_int_equal(like("a\\xb", "a\\%b", "", false, &err), 1);
    assert_int_equal(like("aé%b", "aéé%b", "é", false, &err), 1);
    assert_int_equal(like("a%b", "aéé%b", "é", false, &err), 0);
    assert_int_equal(like("a\\b", "a\\b", "#", false, &err), 1);
    /* the escape is recognised before ILIKE folds */
    assert_int_equal(like("AB", "a%", "a", true, &err), 0);
    assert_int_equal(like("%", "a%", "a", true, &err), 1);
    assert_false(err.set);
    assert_int_equal(like("abc", "abc", "ab", false, &err), -1);
    assert_string_equal(err.sqlstate, "22025");
    assert_string_equal(err.message, "invalid escape string");
    assert_string_equal(err.hint, "Escape string must be empty or one character.");
    OmError e2 = {0};
    assert_int_equal(fn_like_escape_check("é", strlen("é"), &e2), 0);
    assert_int_equal(fn_like_escape_check("éé", strlen("éé"), &e2), -1);
}

/* A trailing escape fails only when PostgreSQL's search reaches it. */
static void test_dangling(void **state)
{
    const int E = -22025 - 1;
    assert_int_equal(L("ab", "a\\"), E);
    assert_int_equal(L("a", "a\\"), 0);
    assert_int_equal(L("", "\\"), 0);
    assert_int_equal(L("x", "\\"), E);
    assert_int_equal(L("a", "%_\\"), E);
    assert_int_equal(L("a", "_\\"), 0);
    assert_int_equal(L("abc", "%\\"), E);
    assert_int_equal(L("abc", "%b\\"), E);
    assert_int_equal(L("abc", "%c\\"), 0);
    assert_int_equal(L("ab", "a%__\\"), 0);
    assert_int_equal(L("abc", "a%__\\"), E);
    assert_int_equal(L("x", "a\\"), 0);
    OmError err = {0};
    assert_int_equal(like("abc", "%bX", "X", false, &err), -1);
    assert_string_equal(err.message, "LIKE pattern must not end with escape character");
}

static void test_icase(void **state)
{
    OmError err = {0};
    assert_int_equal(like("ABC", "a%", NULL, true, &err), 1);
    assert_int_equal(like("abc", "A_C", NULL, true, &err), 1);
    assert_int_equal(like("Ä", "ä", NULL, true, &err), 0); /* C collation: ASCII only */
    assert_int_equal(like("ÄBC", "Äbc", NULL, true, &err), 1);
    assert_int_equal(like("xÉy", "%É%", NULL, true, &err), 1);
    assert_int_equal(like("aBaBaC", "%AbAc", NULL, true, &err), 1);
}

/* Every pattern of up to 4 symbols over {a, b, %, _, \, é, A} against every
 * subject of up to 4 over {a, b, \, %, é}: the reference's answer (with
 * ILIKE and the escapes '', 'a', '%' for patterns of up to 3). */
static void rec_subject(const char *pat, char *s, size_t sl, int depth, const char *esc, bool icase, long *n)
{
    static const char *const syms[] = {"a", "b", "\\", "%", "é"};
    OmError err = {0};
    s[sl] = 0;
    int want = ref_like(s, sl, pat, strlen(pat), esc, esc ? strlen(esc) : 0, icase);
    int got = like(s, pat, esc, icase, &err);
    if (want == REF_DANGLING || want == REF_BAD_ESCAPE) want = -1;
    if (got != want) fail_msg("'%s' %s '%s' ESCAPE %s: got %d, want %d", s, icase ? "ILIKE" : "LIKE", pat,
                              esc ? esc : "(none)", got, want);
    (*n)++;
    if (depth == 4) return;
    for (size_t k = 0; k < sizeof syms / sizeof syms[0]; k++) {
        size_t l = strlen(syms[k]);
        memcpy(s + sl, syms[k], l);
        rec_subject(pat, s, sl + l, depth + 1, esc, icase, n);
    }
}

static void rec_pattern(char *p, size_t pl, int depth, long *n)
{
    static const char *const syms[] = {"a", "b", "%", "_", "\\", "é", "A"};
    char s[64];
    p[pl] = 0;
    mem_ctx_reset(ctx);
    rec_subject(p, s, 0, 0, NULL, false, n);
    if (depth <= 3) {
        rec_subject(p, s, 0, 0, NULL, true, n);
        rec_subject(p, s, 0, 0, "", false, n);
        rec_subject(p, s, 0, 0, "a", false, n);
        rec_subject(p, s, 0, 0, "%", false, n);
    }
    if (depth == 4) return;
    for (size_t k = 0; k < sizeof syms / sizeof syms[0]; k++) {
        size_t l = strlen(syms[k]);
        memcpy(p + pl, syms[k], l);
        rec_pattern(p, pl + l, depth + 1, n);
    }
}

static void test_exhaustive(void **state)
{
    char p[64];
    long n = 0;
    rec_pattern(p, 0, 0, &n);
    assert_true(n > 1000000 / 2);
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

/* Patterns a backtracking matcher takes exponential time on: answered in a
 * single pass (the bound only catches a regression to that, never speed). */
static void test_pathological(void **state)
{
    OmError err = {0};
    char *s = rep("a", 20000), *p = rep("%a", 200);
    char *pb = mem_printf(ctx, "%sb", p);
    double t0 = now_ms();
    assert_int_equal(like(s, pb, NULL, false, &err), 0);
    assert_int_equal(like(s, p, NULL, false, &err), 1);
    assert_int_equal(like(s, pb, NULL, true, &err), 0);
    assert_int_equal(like(s, mem_printf(ctx, "%s_%%b", rep("%a_", 100)), NULL, false, &err), 0);
    assert_int_equal(like(mem_printf(ctx, "x%s", s), mem_printf(ctx, "%%%sx", rep("a", 300)), NULL, false, &err), 0);
    assert_int_equal(like(mem_printf(ctx, "%sx", s), mem_printf(ctx, "%%%sx", rep("a", 300)), NULL, false, &err), 1);
    assert_int_equal(like(rep("ab", 10000), mem_printf(ctx, "%%%s%%b", rep("ab", 300)), NULL, false, &err), 1);
    assert_int_equal(like(s, mem_printf(ctx, "%s\\", p), NULL, false, &err), -1);
    assert_true(now_ms() - t0 < 2000);
}

/* A search over a long subject stops at a pending cancel with 57014. */
static void test_interrupt(void **state)
{
    OmInterrupt i = {0};
    om_intr_attach(&i);
    atomic_store(&i.flag, OM_INTR_CANCEL);
    OmError err = {0};
    char *s = rep("a", 100000);
    assert_int_equal(like(s, "%a_b%", NULL, false, &err), -1);
    assert_string_equal(err.sqlstate, "57014");
    atomic_store(&i.flag, OM_INTR_NONE);
    OmError e2 = {0};
    assert_int_equal(like(s, "%a_b%", NULL, false, &e2), 0);
    om_intr_attach(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basics),     cmocka_unit_test(test_escape),       cmocka_unit_test(test_dangling),
        cmocka_unit_test(test_icase),      cmocka_unit_test(test_exhaustive),   cmocka_unit_test(test_pathological),
        cmocka_unit_test(test_interrupt),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
