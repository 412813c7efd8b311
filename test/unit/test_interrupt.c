/*
 * test_interrupt.c — the interrupt flag (common/interrupt.c): which reason
 * wins when two arrive, what a statement's start clears, a stale timeout
 * cleared instead of raised, each reason's PostgreSQL error and severity,
 * the lock-wait helper's 55P03, and a thread with nothing attached.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "common/interrupt.h"

static int flag_of(OmInterrupt *i) { return atomic_load(&i->flag); }

static void test_priorities(void **state)
{
    OmInterrupt i = {0};
    assert_true(om_intr_set(&i, OM_INTR_TIMEOUT));
    assert_false(om_intr_set(&i, OM_INTR_TIMEOUT));
    /* a cancel replaces a (possibly stale) timeout, not the other way round */
    assert_true(om_intr_set(&i, OM_INTR_CANCEL));
    assert_false(om_intr_set(&i, OM_INTR_TIMEOUT));
    assert_int_equal(flag_of(&i), OM_INTR_CANCEL);
    /* ending the session wins over everything and is never replaced */
    assert_true(om_intr_set(&i, OM_INTR_CLIENT_GONE));
    assert_false(om_intr_set(&i, OM_INTR_CANCEL));
    assert_false(om_intr_set(&i, OM_INTR_TERMINATE));
    assert_int_equal(flag_of(&i), OM_INTR_CLIENT_GONE);
}

static void test_clear_statement(void **state)
{
    OmInterrupt i = {0};
    om_intr_set(&i, OM_INTR_CANCEL);
    om_intr_clear_statement(&i);
    assert_int_equal(flag_of(&i), OM_INTR_NONE);
    om_intr_set(&i, OM_INTR_TIMEOUT);
    om_intr_clear_statement(&i);
    assert_int_equal(flag_of(&i), OM_INTR_NONE);
    om_intr_set(&i, OM_INTR_TERMINATE);
    om_intr_clear_statement(&i);
    assert_int_equal(flag_of(&i), OM_INTR_TERMINATE);
}

static void test_check_errors(void **state)
{
    OmInterrupt i = {0};
    OmError e = {0};
    om_intr_attach(NULL);
    assert_int_equal(om_intr_check(&e), 0); /* nothing attached: never interrupted */
    om_intr_attach(&i);
    assert_int_equal(om_intr_check(&e), 0);

    om_intr_set(&i, OM_INTR_CANCEL);
    assert_int_equal(om_intr_check(&e), -1);
    assert_string_equal(e.sqlstate, "57014");
    assert_string_equal(e.message, "canceling statement due to user request");
    assert_int_equal(e.severity, OM_SEV_ERROR);
    /* a real interrupt stays set: every later check fails too */
    err_clear(&e);
    assert_int_equal(om_intr_check(&e), -1);
    om_intr_clear_statement(&i);

    err_clear(&e);
    om_intr_set(&i, OM_INTR_TERMINATE);
    assert_int_equal(om_intr_check(&e), -1);
    assert_string_equal(e.sqlstate, "57P01");
    assert_int_equal(e.severity, OM_SEV_FATAL);

    OmInterrupt g = {0};
    om_intr_attach(&g);
    err_clear(&e);
    om_intr_set(&g, OM_INTR_CLIENT_GONE);
    assert_int_equal(om_intr_check(&e), -1);
    assert_string_equal(e.sqlstate, "08006");
    assert_string_equal(e.message, "connection to client lost");
    assert_int_equal(e.severity, OM_SEV_FATAL);

    /* an error already set keeps its code and severity (the first error wins) */
    OmError first = {0};
    err_set(&first, "22012", "division by zero");
    assert_int_equal(om_intr_check(&first), -1);
    assert_string_equal(first.sqlstate, "22012");
    assert_int_equal(first.severity, OM_SEV_ERROR);
    om_intr_attach(NULL);
}

static void test_timeout_stale_or_real(void **state)
{
    OmInterrupt i = {0};
    OmError e = {0};
    om_intr_attach(&i);
    /* The watchdog saw the previous statement's deadline; this statement's
     * is a minute away: the flag is stale, cleared, and nothing is raised. */
    atomic_store(&i.deadline_us, om_mono_us() + 60 * 1000000LL);
    om_intr_set(&i, OM_INTR_TIMEOUT);
    assert_int_equal(om_intr_check(&e), 0);
    assert_false(e.set);
    assert_int_equal(flag_of(&i), OM_INTR_NONE);
    /* no deadline at all: stale too */
    atomic_store(&i.deadline_us, 0);
    om_intr_set(&i, OM_INTR_TIMEOUT);
    assert_int_equal(om_intr_check(NULL), 0);
    /* the deadline has passed: raised, and raised again on the next check */
    atomic_store(&i.deadline_us, om_mono_us() - 1000);
    om_intr_set(&i, OM_INTR_TIMEOUT);
    assert_int_equal(om_intr_check(NULL), -1);
    assert_int_equal(om_intr_check(&e), -1);
    assert_string_equal(e.sqlstate, "57014");
    assert_string_equal(e.message, "canceling statement due to statement timeout");
    om_intr_attach(NULL);
}

static void test_lock_wait(void **state)
{
    OmInterrupt i = {0};
    OmError e = {0};
    om_intr_attach(&i);
    long long start = om_mono_us();
    assert_int_equal(om_intr_check_wait(start, &e), 0); /* no lock_timeout */
    i.lock_timeout_ms = 50;
    assert_int_equal(om_intr_check_wait(start, &e), 0);
    assert_int_equal(om_intr_check_wait(start - 60 * 1000, &e), -1);
    assert_string_equal(e.sqlstate, "55P03");
    assert_string_equal(e.message, "canceling statement due to lock timeout");
    /* a cancel ends the wait before the timeout */
    err_clear(&e);
    om_intr_set(&i, OM_INTR_CANCEL);
    assert_int_equal(om_intr_check_wait(om_mono_us(), &e), -1);
    assert_string_equal(e.sqlstate, "57014");
    om_intr_attach(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_priorities),
        cmocka_unit_test(test_clear_statement),
        cmocka_unit_test(test_check_errors),
        cmocka_unit_test(test_timeout_stale_or_real),
        cmocka_unit_test(test_lock_wait),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
