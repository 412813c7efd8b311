/*
 * test_datetime.c — date, timestamp, timestamptz and interval below SQL
 * (src/types/datetime*.c, tz.c): the calendar, text input and output, time
 * zone offsets from the system's TZif files and POSIX specs, interval
 * arithmetic helpers, and the row / key encodings of intervals.
 *
 * Expected strings were checked against PostgreSQL 15.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "common/session_params.h"
#include "types/datetime.h"

static OmSessionParams params;

static void use_tz(const char *tz)
{
    params = *om_params_default();
    snprintf(params.timezone, sizeof params.timezone, "%s", tz);
    om_params_use(&params);
}

static void io_ok(OmTypeId t, const char *in, const char *want)
{
    OmError err = {0};
    int64_t v = 0;
    int rc = dt_parse(t, in, strlen(in), &v, &err);
    if (rc != 0) fail_msg("%s: %s", in, err.message);
    char buf[80];
    dt_format(t, v, buf);
    assert_string_equal(buf, want);
}

static void io_err(OmTypeId t, const char *in, const char *state, const char *msg)
{
    OmError err = {0};
    int64_t v;
    assert_int_equal(dt_parse(t, in, strlen(in), &v, &err), -1);
    assert_string_equal(err.sqlstate, state);
    assert_string_equal(err.message, msg);
}

static void test_calendar(void **state)
{
    (void)state;
    assert_int_equal(dt_date2j(2000, 1, 1), DT_POSTGRES_EPOCH_JDATE);
    assert_int_equal(dt_date2j(1970, 1, 1), DT_UNIX_EPOCH_JDATE);
    for (int jd = 0; jd < 5000000; jd += 997) {
        int y, m, d;
        dt_j2date(jd, &y, &m, &d);
        assert_int_equal(dt_date2j(y, m, d), jd);
    }
    assert_int_equal(dt_days_in_month(2024, 2), 29);
    assert_int_equal(dt_days_in_month(1900, 2), 28);
    assert_int_equal(dt_j2day(dt_date2j(2024, 1, 31)), 3); /* Wednesday */
}

static void test_date_io(void **state)
{
    (void)state;
    use_tz("UTC");
    io_ok(OM_T_DATE, "2024-01-31", "2024-01-31");
    io_ok(OM_T_DATE, "January 8, 1999", "1999-01-08");
    io_ok(OM_T_DATE, "1/8/1999", "1999-01-08");
    io_ok(OM_T_DATE, "08-Jan-1999", "1999-01-08");
    io_ok(OM_T_DATE, "19990108", "1999-01-08");
    io_ok(OM_T_DATE, "0001-01-01 BC", "0001-01-01 BC");
    io_ok(OM_T_DATE, "infinity", "infinity");
    io_ok(OM_T_DATE, "-infinity", "-infinity");
    io_ok(OM_T_DATE, "epoch", "1970-01-01");
    io_err(OM_T_DATE, "2024-02-30", "22008", "date/time field value out of range: \"2024-02-30\"");
    io_err(OM_T_DATE, "x", "22007", "invalid input syntax for type date: \"x\"");
    io_err(OM_T_DATE, "5874898-01-01", "22008", "date out of range: \"5874898-01-01\"");
}

static void test_timestamp_io(void **state)
{
    (void)state;
    use_tz("UTC");
    io_ok(OM_T_TIMESTAMP, "2024-01-31 12:34:56.5", "2024-01-31 12:34:56.5");
    io_ok(OM_T_TIMESTAMP, "2024-01-31T12:34:56", "2024-01-31 12:34:56");
    io_ok(OM_T_TIMESTAMP, "294276-12-31 23:59:59.999999", "294276-12-31 23:59:59.999999");
    io_ok(OM_T_TIMESTAMPTZ, "2024-01-31 12:34:56+02", "2024-01-31 10:34:56+00");
    io_err(OM_T_TIMESTAMP, "294277-01-01", "22008", "timestamp out of range: \"294277-01-01\"");
    use_tz("America/New_York");
    io_ok(OM_T_TIMESTAMPTZ, "2024-07-31 12:00", "2024-07-31 12:00:00-04");
    io_ok(OM_T_TIMESTAMPTZ, "2024-03-10 02:30", "2024-03-10 03:30:00-04"); /* gap */
    io_ok(OM_T_TIMESTAMPTZ, "2024-11-03 01:30", "2024-11-03 01:30:00-05"); /* overlap */
    io_ok(OM_T_TIMESTAMPTZ, "2050-07-01 12:00", "2050-07-01 12:00:00-04"); /* footer rule */
    use_tz("Asia/Kolkata");
    io_ok(OM_T_TIMESTAMPTZ, "2024-01-31 00:00+00", "2024-01-31 05:30:00+05:30");
    use_tz("<+05>-05");
    io_ok(OM_T_TIMESTAMPTZ, "2024-01-31 00:00+00", "2024-01-31 05:00:00+05");
    use_tz("UTC");
}

static void test_tz(void **state)
{
    (void)state;
    int off;
    assert_true(dt_tz_offset_utc("Europe/Berlin", 1719835200, &off, NULL)); /* 2024-07-01 12:00 UTC */
    assert_int_equal(off, 7200);
    assert_true(dt_tz_offset_utc("EST5EDT,M3.2.0,M11.1.0", 1719835200, &off, NULL));
    assert_int_equal(off, -4 * 3600);
    assert_false(dt_tz_valid("No/Such_Zone"));
    assert_false(dt_tz_valid("../etc/passwd"));
}

static void iv_ok(const char *in, const char *want)
{
    OmError err = {0};
    OmInterval v;
    if (dt_interval_parse(in, strlen(in), &v, &err) != 0) fail_msg("%s: %s", in, err.message);
    char buf[160];
    dt_interval_format(v, buf);
    assert_string_equal(buf, want);
}

static void test_interval(void **state)
{
    (void)state;
    iv_ok("1 day 2 hours", "1 day 02:00:00");
    iv_ok("@ 1 day ago", "-1 days");
    iv_ok("P1Y2M3DT4H5M6.5S", "1 year 2 mons 3 days 04:05:06.5");
    iv_ok("1.5 months", "1 mon 15 days");
    iv_ok("-1 day +2 hours", "-1 days +02:00:00");
    iv_ok("0", "00:00:00");
    OmInterval a = {0, 30, 0}, b = {0, 0, 1};
    assert_int_equal(om_interval_cmp(a, b), 0);
    OmInterval h = {50 * INT64_C(3600000000), 0, 0};
    OmInterval j = h;
    assert_true(dt_justify_hours(&j));
    assert_int_equal(j.days, 2);
    assert_true(j.usec == 2 * INT64_C(3600000000));
    OmError err = {0};
    int64_t t;
    OmInterval m = {0, 0, 1};
    assert_int_equal(dt_ts_add_interval(INT64_C(2592000000000) /* 2000-01-31 */, m, false, &t, &err), 0);
    char buf[80];
    dt_format(OM_T_TIMESTAMP, t, buf);
    assert_string_equal(buf, "2000-02-29 00:00:00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calendar), cmocka_unit_test(test_date_io), cmocka_unit_test(test_timestamp_io),
        cmocka_unit_test(test_tz), cmocka_unit_test(test_interval),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
