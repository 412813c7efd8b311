/*
 * fn_datetime.c — date/time operators and functions: date ± integer,
 * date - date, timestamp/date ± interval, interval arithmetic, timestamp -
 * timestamp; now() and its relatives (transaction start, statement start,
 * clock), CURRENT_DATE / CURRENT_TIMESTAMP / LOCALTIMESTAMP (the binder maps
 * the SQL value functions here); make_date, make_timestamp[tz],
 * justify_*, date_trunc, date_part, extract (numeric, as
 * PostgreSQL 15), isfinite, overlaps, to_timestamp(float8), timezone()
 * (AT TIME ZONE).
 *
 * The binder routes arithmetic with a date/time operand here (operators are
 * registered under their symbol); comparisons stay in the executor's
 * kernels, which compare the int32/int64 representations (and intervals by
 * om_interval_cmp). to_char / to_date / to_timestamp(text, text) are in
 * fn_datetime_fmt.c; make_interval, age and timeofday in fn_datetime2.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../common/session_params.h"
#include "../types/datetime.h"
#include "fn_tables.h"

#define ARGS FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n

static int date_range(FnCall *fc) { return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range"); }

/* date_pli / date_mii: finite dates must stay within date's range. */
static int date_add_days(FnCall *fc, int32_t d, int64_t days, int32_t *out)
{
    if (!dt_date_finite(d)) {
        *out = d;
        return 0;
    }
    int64_t r = (int64_t)d + days;
    /* IS_VALID_DATE: Julian 0 .. DATE_END_JULIAN */
    if (r < -DT_POSTGRES_EPOCH_JDATE || r >= (int64_t)DT_DATE_END_JULIAN - DT_POSTGRES_EPOCH_JDATE) return date_range(fc);
    *out = (int32_t)r;
    return 0;
}

static int fn_date_pli(ARGS)
{
    const int32_t *x = a[0]->data, *y = a[1]->data;
    int32_t *r = o->data;
    SEL_LOOP {
        if (date_add_days(fc, x[i], y[i], &r[i]) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_int_pl_date(ARGS)
{
    const int32_t *x = a[0]->data, *y = a[1]->data;
    int32_t *r = o->data;
    SEL_LOOP {
        if (date_add_days(fc, y[i], x[i], &r[i]) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_date_mii(ARGS)
{
    const int32_t *x = a[0]->data, *y = a[1]->data;
    int32_t *r = o->data;
    SEL_LOOP {
        if (date_add_days(fc, x[i], -(int64_t)y[i], &r[i]) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_date_mi(ARGS)
{
    const int32_t *x = a[0]->data, *y = a[1]->data;
    int32_t *r = o->data;
    SEL_LOOP {
        if (!dt_date_finite(x[i]) || !dt_date_finite(y[i]))
            return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "cannot subtract infinite dates");
        r[i] = x[i] - y[i];
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* ---- current time ------------------------------------------------------------------- */

static int now_kernel(OmVector *o, const uint16_t *sel, int n, int64_t t)
{
    int64_t *r = o->data;
    SEL_LOOP {
        r[i] = t;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_stmt_ts(ARGS) { return now_kernel(o, sel, n, dt_stmt_start()); }
static int fn_clock_ts(ARGS) { return now_kernel(o, sel, n, dt_now_clock()); }

static int fn_now(ARGS)
{
    int64_t t = dt_txn_start();
    int64_t *r = o->data;
    SEL_LOOP {
        r[i] = t;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_current_date(ARGS)
{
    int64_t t = dt_tstz_to_local(dt_txn_start(), NULL);
    int32_t d = (int32_t)(t / DT_USECS_PER_DAY - (t % DT_USECS_PER_DAY < 0));
    int32_t *r = o->data;
    SEL_LOOP {
        r[i] = d;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_localtimestamp(ARGS)
{
    int64_t t = dt_tstz_to_local(dt_txn_start(), NULL);
    int64_t *r = o->data;
    SEL_LOOP {
        r[i] = t;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* ---- constructors ----------------------------------------------------------------- */

static int fn_make_date(ARGS)
{
    const int32_t *y = a[0]->data, *m = a[1]->data, *d = a[2]->data;
    int32_t *r = o->data;
    SEL_LOOP {
        int yy = y[i];
        bool bc = yy < 0;
        if (yy == 0)
            return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date field value out of range: %d-%02d-%02d",
                           y[i], m[i], d[i]);
        if (bc) yy = yy + 1;
        if (m[i] < 1 || m[i] > 12 || d[i] < 1 || d[i] > dt_days_in_month(yy, m[i]))
            return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date field value out of range: %d-%02d-%02d",
                           y[i], m[i], d[i]);
        if (yy < -4713 || (yy == -4713 && (m[i] < 11 || (m[i] == 11 && d[i] < 24))) || yy >= 5874898)
            return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range: %d-%02d-%02d", y[i], m[i],
                           d[i]);
        r[i] = dt_date2j(yy, m[i], d[i]) - DT_POSTGRES_EPOCH_JDATE;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int make_ts(FnCall *fc, const OmVector *const *a, int i, int64_t *out)
{
    int y = ((const int32_t *)a[0]->data)[i], m = ((const int32_t *)a[1]->data)[i],
        d = ((const int32_t *)a[2]->data)[i], h = ((const int32_t *)a[3]->data)[i],
        mi = ((const int32_t *)a[4]->data)[i];
    double s = ((const double *)a[5]->data)[i];
    int yy = y < 0 ? y + 1 : y;
    if (y == 0 || m < 1 || m > 12 || d < 1 || d > dt_days_in_month(yy, m))
        return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date field value out of range: %d-%02d-%02d", y,
                       m, d);
    if (h < 0 || h > 24 || mi < 0 || mi > 59 || !(s >= 0 && s <= 60) ||
        (h == 24 && (mi > 0 || s > 0)))
        return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "time field value out of range: %d:%02d:%02g", h, mi,
                       s);
    DtTm tm = {yy, m, d, 0, 0, 0, 0};
    int64_t t;
    if (!dt_tm2ts(&tm, &t))
        return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range: %d-%02d-%02d %d:%02d:%02g",
                       y, m, d, h, mi, s);
    int64_t tod = ((int64_t)h * 3600 + mi * 60) * DT_USECS_PER_SEC + (int64_t)rint(s * 1e6);
    t += tod;
    if (!dt_ts_valid(t))
        return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range: %d-%02d-%02d %d:%02d:%02g",
                       y, m, d, h, mi, s);
    *out = t;
    return 0;
}

static int fn_make_timestamp(ARGS)
{
    int64_t *r = o->data;
    SEL_LOOP {
        if (make_ts(fc, a, i, &r[i]) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_make_timestamptz(ARGS)
{
    int64_t *r = o->data;
    SEL_LOOP {
        if (make_ts(fc, a, i, &r[i]) < 0) return -1;
        r[i] = dt_local_to_tstz(r[i]);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int zone_offset(FnCall *fc, const OmStr *z, int64_t t, bool local, int *off);

/* make_timestamptz(..., zone): the fields are local time in zone. */
static int fn_make_timestamptz_zone(ARGS)
{
    const OmStr *z = a[6]->data;
    int64_t *r = o->data;
    SEL_LOOP {
        int64_t t;
        int off;
        if (make_ts(fc, a, i, &t) < 0) return -1;
        if (zone_offset(fc, &z[i], t, true, &off) < 0) return -1;
        r[i] = t - (int64_t)off * DT_USECS_PER_SEC;
        if (!dt_ts_valid(r[i])) return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* ---- date_trunc / date_part ------------------------------------------------------- */

enum { U_MICRO, U_MILLI, U_SECOND, U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_QUARTER, U_YEAR, U_DECADE,
       U_CENTURY, U_MILLENNIUM, U_DOW, U_DOY, U_EPOCH, U_ISODOW, U_ISOYEAR, U_JULIAN, U_TZ, U_TZ_H, U_TZ_M,
       U_BAD };

static int unit_of(const OmStr *s)
{
    static const struct { const char *n; int u; } units[] = {
        {"microsecond", U_MICRO}, {"microseconds", U_MICRO}, {"us", U_MICRO}, {"usec", U_MICRO}, {"usecs", U_MICRO},
        {"millisecond", U_MILLI}, {"milliseconds", U_MILLI}, {"ms", U_MILLI}, {"msec", U_MILLI}, {"msecs", U_MILLI},
        {"second", U_SECOND}, {"seconds", U_SECOND}, {"s", U_SECOND}, {"sec", U_SECOND}, {"secs", U_SECOND},
        {"minute", U_MINUTE}, {"minutes", U_MINUTE}, {"m", U_MINUTE}, {"min", U_MINUTE}, {"mins", U_MINUTE},
        {"hour", U_HOUR}, {"hours", U_HOUR}, {"h", U_HOUR}, {"hr", U_HOUR}, {"hrs", U_HOUR},
        {"day", U_DAY}, {"days", U_DAY}, {"d", U_DAY}, {"week", U_WEEK}, {"weeks", U_WEEK}, {"w", U_WEEK},
        {"month", U_MONTH}, {"months", U_MONTH}, {"mon", U_MONTH}, {"mons", U_MONTH},
        {"quarter", U_QUARTER}, {"qtr", U_QUARTER}, {"year", U_YEAR}, {"years", U_YEAR}, {"y", U_YEAR},
        {"yr", U_YEAR}, {"yrs", U_YEAR}, {"decade", U_DECADE}, {"decades", U_DECADE}, {"dec", U_DECADE},
        {"century", U_CENTURY}, {"centuries", U_CENTURY}, {"c", U_CENTURY}, {"cent", U_CENTURY},
        {"millennium", U_MILLENNIUM}, {"millennia", U_MILLENNIUM}, {"mil", U_MILLENNIUM}, {"mils", U_MILLENNIUM},
        {"dow", U_DOW}, {"doy", U_DOY}, {"epoch", U_EPOCH}, {"isodow", U_ISODOW}, {"isoyear", U_ISOYEAR},
        {"julian", U_JULIAN}, {"j", U_JULIAN}, {"timezone", U_TZ}, {"timezone_hour", U_TZ_H},
        {"timezone_minute", U_TZ_M}};
    char w[32];
    size_t k = 0;
    for (uint32_t j = 0; j < s->len; j++) {
        char c = s->ptr[j];
        if (c == ' ') continue;
        if (k + 1 >= sizeof w) return U_BAD;
        w[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    w[k] = '\0';
    for (size_t j = 0; j < sizeof units / sizeof units[0]; j++)
        if (!strcmp(units[j].n, w)) return units[j].u;
    return U_BAD;
}

/* ISO 8601 week-numbering year start (Julian day of the Monday of week 1). */
static int iso_week1(int y)
{
    int j4 = dt_date2j(y, 1, 4);
    int dow = dt_j2day(j4); /* 0 = Sunday */
    return j4 - ((dow + 6) % 7);
}

static void iso_week(int y, int m, int d, int *iyear, int *week)
{
    int jd = dt_date2j(y, m, d);
    int w1 = iso_week1(y);
    int yy = y;
    if (jd < w1) {
        yy = y - 1;
        w1 = iso_week1(yy);
    } else {
        int w1n = iso_week1(y + 1);
        if (jd >= w1n) {
            yy = y + 1;
            w1 = w1n;
        }
    }
    *iyear = yy;
    *week = (jd - w1) / 7 + 1;
}

static int bad_unit(FnCall *fc, const OmStr *u, const char *tname)
{
    return err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "unit \"%.*s\" not supported for type %s", (int)u->len,
                   u->ptr, tname);
}

/* Truncate local timestamp t (finite) to unit u; -1 if the unit is not a
 * truncation unit. */
static int trunc_local(int u, int64_t t, int64_t *out)
{
    DtTm tm;
    dt_ts2tm(t, &tm);
    switch (u) {
    case U_MILLENNIUM:
        tm.year = tm.year > 0 ? ((tm.year + 999) / 1000) * 1000 - 999 : -((999 - (tm.year - 1)) / 1000) * 1000 + 1;
        /* fallthrough */
    case U_CENTURY:
        if (u == U_CENTURY)
            tm.year = tm.year > 0 ? ((tm.year + 99) / 100) * 100 - 99 : -((99 - (tm.year - 1)) / 100) * 100 + 1;
        /* fallthrough */
    case U_DECADE:
        if (u == U_DECADE) tm.year = tm.year > 0 ? (tm.year / 10) * 10 : -((8 - (tm.year - 1)) / 10) * 10;
        /* fallthrough */
    case U_YEAR: tm.mon = 1; /* fallthrough */
    case U_QUARTER: if (u == U_QUARTER) tm.mon = (3 * ((tm.mon - 1) / 3)) + 1; /* fallthrough */
    case U_MONTH: tm.mday = 1; /* fallthrough */
    case U_DAY: tm.hour = 0; /* fallthrough */
    case U_HOUR: tm.min = 0; /* fallthrough */
    case U_MINUTE: tm.sec = 0; /* fallthrough */
    case U_SECOND: tm.usec = 0; break;
    case U_MILLI: tm.usec = (tm.usec / 1000) * 1000; break;
    case U_MICRO: break;
    case U_WEEK: {
        int iy, wk;
        iso_week(tm.year, tm.mon, tm.mday, &iy, &wk);
        int jd = iso_week1(iy) + (wk - 1) * 7;
        dt_j2date(jd, &tm.year, &tm.mon, &tm.mday);
        tm.hour = tm.min = tm.sec = 0;
        tm.usec = 0;
        break;
    }
    default: return -1;
    }
    if (!dt_tm2ts(&tm, out)) return -2;
    return 0;
}

static int do_trunc(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool tz)
{
    const OmStr *u = a[0]->data;
    const int64_t *x = a[1]->data;
    int64_t *r = o->data;
    SEL_LOOP {
        int unit = unit_of(&u[i]);
        if (unit == U_BAD) {
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "unit \"%.*s\" not recognized for type %s",
                           (int)u[i].len, u[i].ptr, tz ? "timestamp with time zone" : "timestamp without time zone");
        }
        int64_t t = x[i];
        if (!dt_ts_finite(t)) {
            r[i] = t;
            om_vec_set_null(o, i, false);
            continue;
        }
        int64_t local = tz ? dt_tstz_to_local(t, NULL) : t, res;
        int rc = trunc_local(unit, local, &res);
        if (rc == -1) return bad_unit(fc, &u[i], tz ? "timestamp with time zone" : "timestamp without time zone");
        if (rc == -2) return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
        r[i] = tz ? dt_local_to_tstz(res) : res;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* date_trunc(unit, timestamptz, zone): truncated as local time in zone. */
static int fn_trunc_tstz_zone(ARGS)
{
    const OmStr *u = a[0]->data, *z = a[2]->data;
    const int64_t *x = a[1]->data;
    int64_t *r = o->data;
    SEL_LOOP {
        int unit = unit_of(&u[i]);
        if (unit == U_BAD)
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "unit \"%.*s\" not recognized for type %s",
                           (int)u[i].len, u[i].ptr, "timestamp with time zone");
        int64_t t = x[i];
        if (!dt_ts_finite(t)) {
            r[i] = t;
            om_vec_set_null(o, i, false);
            continue;
        }
        int off;
        if (zone_offset(fc, &z[i], t, false, &off) < 0) return -1;
        int64_t res;
        int rc = trunc_local(unit, t + (int64_t)off * DT_USECS_PER_SEC, &res);
        if (rc == -1) return bad_unit(fc, &u[i], "timestamp with time zone");
        if (rc == -2) return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
        if (zone_offset(fc, &z[i], res, true, &off) < 0) return -1;
        r[i] = res - (int64_t)off * DT_USECS_PER_SEC;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* date_trunc(unit, interval): interval_trunc. */
static int fn_trunc_iv(ARGS)
{
    const OmStr *u = a[0]->data;
    const OmInterval *x = a[1]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        int unit = unit_of(&u[i]);
        if (unit == U_BAD)
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "unit \"%.*s\" not recognized for type interval",
                           (int)u[i].len, u[i].ptr);
        int64_t year = x[i].months / 12, mon = x[i].months % 12, day = x[i].days, t = x[i].usec;
        int64_t hour = t / INT64_C(3600000000);
        t -= hour * INT64_C(3600000000);
        int64_t min = t / 60000000;
        t -= min * 60000000;
        int64_t sec = t / 1000000, fsec = t % 1000000;
        switch (unit) {
        case U_MILLENNIUM: year = (year / 1000) * 1000; /* fallthrough */
        case U_CENTURY: year = (year / 100) * 100; /* fallthrough */
        case U_DECADE: year = (year / 10) * 10; /* fallthrough */
        case U_YEAR: mon = 0; /* fallthrough */
        case U_QUARTER: mon = 3 * (mon / 3); /* fallthrough */
        case U_MONTH: day = 0; /* fallthrough */
        case U_DAY: hour = 0; /* fallthrough */
        case U_HOUR: min = 0; /* fallthrough */
        case U_MINUTE: sec = 0; /* fallthrough */
        case U_SECOND: fsec = 0; break;
        case U_MILLI: fsec = (fsec / 1000) * 1000; break;
        case U_MICRO: break;
        case U_WEEK:
            err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "unit \"%.*s\" not supported for type interval",
                    (int)u[i].len, u[i].ptr);
            err_detail(fc->err, "Months usually have fractional weeks.");
            return -1;
        default: return bad_unit(fc, &u[i], "interval");
        }
        OmInterval v = {((hour * 60 + min) * 60 + sec) * 1000000 + fsec, (int32_t)day, (int32_t)(year * 12 + mon)};
        r[i] = v;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* isfinite(date / timestamp / timestamptz / interval). */
static int fn_isfinite_date(ARGS)
{
    const int32_t *x = a[0]->data;
    uint8_t *r = o->data;
    SEL_LOOP {
        r[i] = dt_date_finite(x[i]);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_isfinite_ts(ARGS)
{
    const int64_t *x = a[0]->data;
    uint8_t *r = o->data;
    SEL_LOOP {
        r[i] = dt_ts_finite(x[i]);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_isfinite_iv(ARGS)
{
    uint8_t *r = o->data;
    SEL_LOOP {
        r[i] = 1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_trunc_ts(ARGS) { return do_trunc(fc, a, o, sel, n, false); }
static int fn_trunc_tstz(ARGS) { return do_trunc(fc, a, o, sel, n, true); }

/* date_part(unit, timestamp[tz]) as double precision. */
static int part_of(FnCall *fc, const OmStr *us, int64_t t, bool tz, double *out)
{
    int u = unit_of(us);
    const char *tname = tz ? "timestamp with time zone" : "timestamp without time zone";
    if (u == U_BAD)
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "unit \"%.*s\" not recognized for type %s",
                       (int)us->len, us->ptr, tname);
    if (!dt_ts_finite(t)) {
        /* Monotonic fields are ±infinity; others NULL (signalled by NaN here). */
        switch (u) {
        case U_YEAR: case U_DECADE: case U_CENTURY: case U_MILLENNIUM: case U_JULIAN: case U_ISOYEAR: case U_EPOCH:
            *out = t == DT_TS_NOEND ? INFINITY : -INFINITY;
            return 0;
        default:
            *out = NAN;
            return 0;
        }
    }
    int off = 0;
    int64_t local = tz ? dt_tstz_to_local(t, &off) : t;
    DtTm tm;
    dt_ts2tm(local, &tm);
    int jd = dt_date2j(tm.year, tm.mon, tm.mday);
    double secs = tm.sec + tm.usec / 1e6;
    switch (u) {
    case U_MICRO: *out = tm.sec * 1e6 + tm.usec; break;
    case U_MILLI: *out = tm.sec * 1e3 + tm.usec / 1e3; break;
    case U_SECOND: *out = secs; break;
    case U_MINUTE: *out = tm.min; break;
    case U_HOUR: *out = tm.hour; break;
    case U_DAY: *out = tm.mday; break;
    case U_MONTH: *out = tm.mon; break;
    case U_QUARTER: *out = (tm.mon - 1) / 3 + 1; break;
    case U_WEEK: {
        int iy, wk;
        iso_week(tm.year, tm.mon, tm.mday, &iy, &wk);
        *out = wk;
        break;
    }
    case U_YEAR: *out = tm.year > 0 ? tm.year : tm.year - 1; break;
    case U_DECADE: *out = tm.year >= 0 ? tm.year / 10 : -((8 - (tm.year - 1)) / 10); break;
    case U_CENTURY: *out = tm.year > 0 ? (tm.year + 99) / 100 : -((99 - (tm.year - 1)) / 100); break;
    case U_MILLENNIUM: *out = tm.year > 0 ? (tm.year + 999) / 1000 : -((999 - (tm.year - 1)) / 1000); break;
    case U_DOW: *out = dt_j2day(jd); break;
    case U_ISODOW: *out = dt_j2day(jd) == 0 ? 7 : dt_j2day(jd); break;
    case U_DOY: *out = jd - dt_date2j(tm.year, 1, 1) + 1; break;
    case U_ISOYEAR: {
        int iy, wk;
        iso_week(tm.year, tm.mon, tm.mday, &iy, &wk);
        *out = iy > 0 ? iy : iy - 1;
        break;
    }
    case U_JULIAN:
        *out = jd + ((tm.hour * 60 + tm.min) * 60 + secs) / 86400.0;
        break;
    case U_EPOCH:
        /* seconds since 1970-01-01 00:00 UTC (timestamp: as if at UTC) */
        *out = (double)(t / DT_USECS_PER_SEC + 946684800) + (double)(t % DT_USECS_PER_SEC) / 1e6;
        break;
    case U_TZ:
        if (!tz) return bad_unit(fc, us, tname);
        *out = off;
        break;
    case U_TZ_H:
        if (!tz) return bad_unit(fc, us, tname);
        *out = off / 3600;
        break;
    case U_TZ_M:
        if (!tz) return bad_unit(fc, us, tname);
        *out = (off / 60) % 60;
        break;
    default: return bad_unit(fc, us, tname);
    }
    return 0;
}

static int do_part(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool tz)
{
    const OmStr *u = a[0]->data;
    const int64_t *x = a[1]->data;
    double *r = o->data;
    SEL_LOOP {
        if (part_of(fc, &u[i], x[i], tz, &r[i]) < 0) return -1;
        om_vec_set_null(o, i, isnan(r[i]) && !dt_ts_finite(x[i]));
    }
    return 0;
}

static int fn_part_date(ARGS)
{
    const OmStr *u = a[0]->data;
    const int32_t *x = a[1]->data;
    double *r = o->data;
    SEL_LOOP {
        int64_t t = x[i] == DT_DATE_NOBEGIN ? DT_TS_NOBEGIN
                    : x[i] == DT_DATE_NOEND ? DT_TS_NOEND : (int64_t)x[i] * DT_USECS_PER_DAY;
        if (part_of(fc, &u[i], t, false, &r[i]) < 0) return -1;
        om_vec_set_null(o, i, isnan(r[i]) && !dt_ts_finite(t));
    }
    return 0;
}

static int fn_part_ts(ARGS) { return do_part(fc, a, o, sel, n, false); }
static int fn_part_tstz(ARGS) { return do_part(fc, a, o, sel, n, true); }

/* ---- extract: numeric results (PostgreSQL 15) ------------------------------------- */

/* v / 10^scale as numeric text into buf (int64_div_fast_to_numeric). */
int fn_num_text(int64_t v, int scale, char *buf)
{
    uint64_t a = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    char digs[32];
    int nd = 0;
    do {
        digs[nd++] = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    while (nd <= scale) digs[nd++] = '0';
    int k = 0;
    if (v < 0) buf[k++] = '-';
    for (int j = nd - 1; j >= 0; j--) {
        buf[k++] = digs[j];
        if (j == scale && scale > 0) buf[k++] = '.';
    }
    buf[k] = '\0';
    return k;
}

static int64_t floordiv_day(int64_t t) { return t / DT_USECS_PER_DAY - (t % DT_USECS_PER_DAY < 0); }

/* Julian day jd plus usec/86400e6 as PostgreSQL 15's numeric expression
 * (date2j + usecs / 86400000000): the quotient's scale is numeric_div's
 * select_div_dscale, 16 significant digits from the quotient's weight in
 * base-10000 digits (20, 24 or 28 here), rounded half away from zero. */
static void julian_text(int jd, int64_t usec, char *buf)
{
    int weight = usec >= INT64_C(100000000) ? 2 : usec >= 10000 ? 1 : 0;
    int64_t first = weight == 2 ? usec / INT64_C(100000000) : weight == 1 ? usec / 10000 : usec;
    int qweight = weight - 2 - (first <= 864);
    int rscale = 16 - qweight * 4;
    unsigned __int128 num = (unsigned __int128)usec, den = (unsigned __int128)DT_USECS_PER_DAY;
    for (int k = 0; k < rscale; k++) num *= 10;
    unsigned __int128 q = (num + den / 2) / den;
    char digs[40];
    for (int k = rscale - 1; k >= 0; k--) {
        digs[k] = (char)('0' + (int)(q % 10));
        q /= 10;
    }
    snprintf(buf, 64, "%d.%.*s", jd, rscale, digs);
}

/* extract(unit from v): kind 0 date, 1 timestamp, 2 timestamptz. Sets *isnull
 * for non-monotonic fields of infinities. */
static int extract_one(FnCall *fc, const OmStr *us, int64_t t, int kind, char *buf, bool *isnull)
{
    int u = unit_of(us);
    const char *tname = kind == 0 ? "date" : kind == 1 ? "timestamp without time zone" : "timestamp with time zone";
    *isnull = false;
    if (u == U_BAD)
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "unit \"%.*s\" not recognized for type %s",
                       (int)us->len, us->ptr, tname);
    if (kind == 0 && (u == U_HOUR || u == U_MINUTE || u == U_SECOND || u == U_MILLI || u == U_MICRO || u == U_TZ ||
                      u == U_TZ_H || u == U_TZ_M))
        return bad_unit(fc, us, tname);
    if (kind == 1 && (u == U_TZ || u == U_TZ_H || u == U_TZ_M)) return bad_unit(fc, us, tname);
    if (!dt_ts_finite(t)) {
        switch (u) {
        case U_YEAR: case U_DECADE: case U_CENTURY: case U_MILLENNIUM: case U_JULIAN: case U_ISOYEAR: case U_EPOCH:
            strcpy(buf, t == DT_TS_NOEND ? "Infinity" : "-Infinity");
            return 0;
        default:
            *isnull = true;
            return 0;
        }
    }
    int off = 0;
    int64_t local = kind == 2 ? dt_tstz_to_local(t, &off) : t;
    DtTm tm;
    dt_ts2tm(local, &tm);
    int64_t usec_in_min = (int64_t)tm.sec * 1000000 + tm.usec;
    switch (u) {
    case U_MICRO: fn_num_text(usec_in_min, 0, buf); return 0;
    case U_MILLI: fn_num_text(usec_in_min, 3, buf); return 0;
    case U_SECOND: fn_num_text(usec_in_min, 6, buf); return 0;
    case U_EPOCH:
        if (kind == 0) fn_num_text(t / DT_USECS_PER_SEC + 946684800, 0, buf);
        else fn_num_text(t + INT64_C(946684800000000), 6, buf);
        return 0;
    case U_JULIAN:
        if (kind == 0) fn_num_text(dt_date2j(tm.year, tm.mon, tm.mday), 0, buf);
        else julian_text(dt_date2j(tm.year, tm.mon, tm.mday), local - floordiv_day(local) * DT_USECS_PER_DAY, buf);
        return 0;
    default: break;
    }
    double d;
    if (part_of(fc, us, t, kind == 2, &d) < 0) return -1;
    if (u == U_JULIAN) {
        snprintf(buf, 64, "%.17g", d);
        return 0;
    }
    fn_num_text((int64_t)d, 0, buf);
    return 0;
}

static int do_extract(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, int kind)
{
    const OmStr *u = a[0]->data;
    SEL_LOOP {
        int64_t t;
        if (kind == 0) {
            int32_t d = ((const int32_t *)a[1]->data)[i];
            t = d == DT_DATE_NOBEGIN ? DT_TS_NOBEGIN : d == DT_DATE_NOEND ? DT_TS_NOEND : (int64_t)d * DT_USECS_PER_DAY;
        } else {
            t = ((const int64_t *)a[1]->data)[i];
        }
        char buf[64];
        bool isnull;
        if (extract_one(fc, &u[i], t, kind, buf, &isnull) < 0) return -1;
        if (isnull) {
            om_vec_set_null(o, i, true);
            continue;
        }
        size_t len = strlen(buf);
        char *p = mem_alloc(fc->var, len + 1);
        memcpy(p, buf, len + 1);
        fn_set_str(o, i, p, len);
    }
    return 0;
}

static int fn_extract_date(ARGS) { return do_extract(fc, a, o, sel, n, 0); }
static int fn_extract_ts(ARGS) { return do_extract(fc, a, o, sel, n, 1); }
static int fn_extract_tstz(ARGS) { return do_extract(fc, a, o, sel, n, 2); }

/* ---- interval arithmetic -------------------------------------------------------------- */

static inline int64_t date_ts(FnCall *fc, int32_t d, bool *ok)
{
    *ok = true;
    if (d == DT_DATE_NOBEGIN) return DT_TS_NOBEGIN;
    if (d == DT_DATE_NOEND) return DT_TS_NOEND;
    if (d >= DT_TS_END_JULIAN - DT_POSTGRES_EPOCH_JDATE) {
        *ok = false;
        err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp");
        return 0;
    }
    return (int64_t)d * DT_USECS_PER_DAY;
}

static inline OmInterval iv_neg(OmInterval v)
{
    OmInterval r = {-v.usec, -v.days, -v.months};
    return r;
}

static int iv_overflow(FnCall *fc) { return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range"); }

/* kind: 0 ts+iv, 1 iv+ts, 2 tz+iv, 3 iv+tz, 4 ts-iv, 5 tz-iv, 6 date+iv, 7 iv+date, 8 date-iv */
static int ts_iv(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, int kind)
{
    int ti = (kind == 1 || kind == 3 || kind == 7) ? 1 : 0;
    const OmInterval *iv = a[1 - ti]->data;
    int64_t *r = o->data;
    bool tz = kind == 2 || kind == 3 || kind == 5;
    bool sub = kind == 4 || kind == 5 || kind == 8;
    bool date = kind >= 6;
    SEL_LOOP {
        int64_t t;
        if (date) {
            bool ok;
            t = date_ts(fc, ((const int32_t *)a[ti]->data)[i], &ok);
            if (!ok) return -1;
        } else {
            t = ((const int64_t *)a[ti]->data)[i];
        }
        OmInterval v = sub ? iv_neg(iv[i]) : iv[i];
        if (dt_ts_add_interval(t, v, tz, &r[i], fc->err) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_ts_pl_iv(ARGS) { return ts_iv(fc, a, o, sel, n, 0); }
static int fn_iv_pl_ts(ARGS) { return ts_iv(fc, a, o, sel, n, 1); }
static int fn_tz_pl_iv(ARGS) { return ts_iv(fc, a, o, sel, n, 2); }
static int fn_iv_pl_tz(ARGS) { return ts_iv(fc, a, o, sel, n, 3); }
static int fn_ts_mi_iv(ARGS) { return ts_iv(fc, a, o, sel, n, 4); }
static int fn_tz_mi_iv(ARGS) { return ts_iv(fc, a, o, sel, n, 5); }
static int fn_date_pl_iv(ARGS) { return ts_iv(fc, a, o, sel, n, 6); }
static int fn_iv_pl_date(ARGS) { return ts_iv(fc, a, o, sel, n, 7); }
static int fn_date_mi_iv(ARGS) { return ts_iv(fc, a, o, sel, n, 8); }

static int iv_addsub(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool sub)
{
    const OmInterval *x = a[0]->data, *y = a[1]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        OmInterval v;
        int32_t ym = sub ? -y[i].months : y[i].months, yd = sub ? -y[i].days : y[i].days;
        int64_t yu = sub ? -y[i].usec : y[i].usec;
        if ((sub && (y[i].months == INT32_MIN || y[i].days == INT32_MIN || y[i].usec == INT64_MIN)) ||
            __builtin_add_overflow(x[i].months, ym, &v.months) || __builtin_add_overflow(x[i].days, yd, &v.days) ||
            __builtin_add_overflow(x[i].usec, yu, &v.usec))
            return iv_overflow(fc);
        r[i] = v;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_iv_pl(ARGS) { return iv_addsub(fc, a, o, sel, n, false); }
static int fn_iv_mi(ARGS) { return iv_addsub(fc, a, o, sel, n, true); }

static int fn_iv_um(ARGS)
{
    const OmInterval *x = a[0]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        if (x[i].months == INT32_MIN || x[i].days == INT32_MIN || x[i].usec == INT64_MIN) return iv_overflow(fc);
        r[i] = iv_neg(x[i]);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

#define TSROUND(j) (rint(((double)(j)) * 1e6) / 1e6)

/* interval_mul (div: interval_div with factor as the divisor). */
int fn_interval_scale(OmError *err, OmInterval span, double factor, bool div, OmInterval *out)
{
    if (div && factor == 0.0) return err_set(err, ERRCODE_DIVISION_BY_ZERO, "division by zero");
    if (isnan(factor)) return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
    double m = div ? span.months / factor : span.months * factor;
    double d = div ? span.days / factor : span.days * factor;
    if (!(m >= INT32_MIN && m <= INT32_MAX) || !(d >= INT32_MIN && d <= INT32_MAX)) return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
    OmInterval r;
    r.months = (int32_t)m;
    r.days = (int32_t)d;
    double month_rem_days = (m - r.months) * 30;
    month_rem_days = TSROUND(month_rem_days);
    double sec_rem = (d - r.days + month_rem_days - (int)month_rem_days) * 86400;
    sec_rem = TSROUND(sec_rem);
    if (fabs(sec_rem) >= 86400) {
        r.days += (int)(sec_rem / 86400);
        sec_rem -= (int)(sec_rem / 86400) * 86400.0;
    }
    r.days += (int)month_rem_days;
    double t = rint((div ? span.usec / factor : span.usec * factor) + sec_rem * 1e6);
    if (!(t >= -9.2233720368547758e18 && t < 9.2233720368547758e18)) return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
    r.usec = (int64_t)t;
    *out = r;
    return 0;
}

static int fn_iv_mul(ARGS)
{
    const OmInterval *x = a[0]->data;
    const double *f = a[1]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        if (fn_interval_scale(fc->err, x[i], f[i], false, &r[i]) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_mul_iv(ARGS)
{
    const double *f = a[0]->data;
    const OmInterval *x = a[1]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        if (fn_interval_scale(fc->err, x[i], f[i], false, &r[i]) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_iv_div(ARGS)
{
    const OmInterval *x = a[0]->data;
    const double *f = a[1]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        if (fn_interval_scale(fc->err, x[i], f[i], true, &r[i]) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* timestamp - timestamp: the difference in microseconds, justified to days. */
static int fn_ts_mi(ARGS)
{
    const int64_t *x = a[0]->data, *y = a[1]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        if (!dt_ts_finite(x[i]) || !dt_ts_finite(y[i]))
            return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "cannot subtract infinite timestamps");
        OmInterval v = {0, 0, 0};
        if (__builtin_sub_overflow(x[i], y[i], &v.usec)) return iv_overflow(fc);
        if (!dt_justify_hours(&v)) return iv_overflow(fc);
        r[i] = v;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_justify_hours(ARGS)
{
    const OmInterval *x = a[0]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        r[i] = x[i];
        if (!dt_justify_hours(&r[i])) return iv_overflow(fc);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_justify_days(ARGS)
{
    const OmInterval *x = a[0]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        r[i] = x[i];
        if (!dt_justify_days(&r[i])) return iv_overflow(fc);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_justify_interval(ARGS)
{
    const OmInterval *x = a[0]->data;
    OmInterval *r = o->data;
    SEL_LOOP {
        r[i] = x[i];
        if (!dt_justify_interval(&r[i])) return iv_overflow(fc);
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* ---- overlaps, to_timestamp(float8) -------------------------------------------------- */

/* overlaps_timestamp: 0 false, 1 true, -1 NULL. */
static int overlaps(int64_t s1, bool ns1, int64_t e1, bool ne1, int64_t s2, bool ns2, int64_t e2, bool ne2)
{
    if (ns1) {
        if (ne1) return -1;
        s1 = e1, ns1 = false, ne1 = true;
    } else if (!ne1 && s1 > e1) {
        int64_t t = s1;
        s1 = e1, e1 = t;
    }
    if (ns2) {
        if (ne2) return -1;
        s2 = e2, ns2 = false, ne2 = true;
    } else if (!ne2 && s2 > e2) {
        int64_t t = s2;
        s2 = e2, e2 = t;
    }
    if (s1 > s2) {
        if (ne2) return -1;
        if (s1 < e2) return 1;
        if (ne1) return -1;
        return 0;
    }
    if (s1 < s2) {
        if (ne1) return -1;
        if (s2 < e1) return 1;
        if (ne2) return -1;
        return 0;
    }
    if (ne1 || ne2) return -1;
    return 1;
}

static int do_overlaps(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool with_iv,
                       bool tz)
{
    uint8_t *r = o->data;
    SEL_LOOP {
        int64_t v[4];
        bool nl[4];
        for (int k2 = 0; k2 < 4; k2++) {
            nl[k2] = om_vec_is_null(a[k2], i);
            if (with_iv && (k2 & 1)) continue;
            v[k2] = ((const int64_t *)a[k2]->data)[i];
        }
        if (with_iv) {
            for (int k2 = 1; k2 < 4; k2 += 2) {
                if (nl[k2] || nl[k2 - 1]) {
                    nl[k2] = true;
                    v[k2] = 0;
                    continue;
                }
                if (dt_ts_add_interval(v[k2 - 1], ((const OmInterval *)a[k2]->data)[i], tz, &v[k2], fc->err) < 0)
                    return -1;
            }
        }
        int res = overlaps(v[0], nl[0], v[1], nl[1], v[2], nl[2], v[3], nl[3]);
        if (res < 0) {
            om_vec_set_null(o, i, true);
        } else {
            r[i] = (uint8_t)res;
            om_vec_set_null(o, i, false);
        }
    }
    return 0;
}

static int fn_overlaps(ARGS) { return do_overlaps(fc, a, o, sel, n, false, false); }
static int fn_overlaps_iv(ARGS) { return do_overlaps(fc, a, o, sel, n, true, false); }
static int fn_overlaps_tz_iv(ARGS) { return do_overlaps(fc, a, o, sel, n, true, true); }

/* to_timestamp(double precision): Unix epoch seconds. */
static int fn_to_timestamp_f8(ARGS)
{
    const double *x = a[0]->data;
    int64_t *r = o->data;
    SEL_LOOP {
        double s = x[i];
        if (isnan(s)) return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp cannot be NaN");
        if (isinf(s)) {
            r[i] = s > 0 ? DT_TS_NOEND : DT_TS_NOBEGIN;
        } else {
            /* PostgreSQL's range check: out of [MIN, END) timestamps in seconds */
            double lo = (double)DT_MIN_TIMESTAMP / 1e6 + 946684800.0, hi = (double)DT_END_TIMESTAMP / 1e6 + 946684800.0;
            if (s < lo || s >= hi)
                return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range: \"%g\"", s);
            r[i] = (int64_t)rint((s - 946684800.0) * 1e6);
            if (!dt_ts_valid(r[i]))
                return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range: \"%g\"", s);
        }
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* date_part / extract of an interval (interval_part_common). */
static int iv_part(FnCall *fc, const OmStr *us, OmInterval v, bool numeric, double *d, char *buf)
{
    int u = unit_of(us);
    if (u == U_BAD)
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "unit \"%.*s\" not recognized for type interval",
                       (int)us->len, us->ptr);
    int64_t year = v.months / 12, mon = v.months % 12;
    int64_t t = v.usec;
    int64_t hour = t / INT64_C(3600000000);
    t -= hour * INT64_C(3600000000);
    int64_t min = t / 60000000;
    t -= min * 60000000;
    int64_t usec_in_min = t; /* seconds and fraction */
    int64_t iv = 0;
    int scale = 0;
    switch (u) {
    case U_MICRO: iv = usec_in_min; break;
    case U_MILLI: iv = usec_in_min, scale = 3; break;
    case U_SECOND: iv = usec_in_min, scale = 6; break;
    case U_MINUTE: iv = min; break;
    case U_HOUR: iv = hour; break;
    case U_DAY: iv = v.days; break;
    case U_MONTH: iv = mon; break;
    case U_QUARTER: iv = mon / 3 + 1; break;
    case U_YEAR: iv = year; break;
    case U_DECADE: iv = year / 10; break;
    case U_CENTURY: iv = year / 100; break;
    case U_MILLENNIUM: iv = year / 1000; break;
    case U_EPOCH: {
        /* (365.25 days a year, 30 a month) in microseconds, scale 6 */
        __int128 e = (__int128)v.usec + (__int128)year * (INT64_C(36525) * 864000000) +
                     (__int128)mon * 30 * DT_USECS_PER_DAY + (__int128)v.days * DT_USECS_PER_DAY;
        if (e > INT64_MAX || e < INT64_MIN) return err_set(fc->err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range");
        iv = (int64_t)e, scale = 6;
        break;
    }
    default:
        return err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "unit \"%.*s\" not supported for type interval",
                       (int)us->len, us->ptr);
    }
    if (numeric) fn_num_text(iv, scale, buf);
    else *d = scale == 6 ? (double)iv / 1e6 : scale == 3 ? (double)iv / 1e3 : (double)iv;
    return 0;
}

static int fn_part_iv(ARGS)
{
    const OmStr *u = a[0]->data;
    const OmInterval *x = a[1]->data;
    double *r = o->data;
    SEL_LOOP {
        if (iv_part(fc, &u[i], x[i], false, &r[i], NULL) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_extract_iv(ARGS)
{
    const OmStr *u = a[0]->data;
    const OmInterval *x = a[1]->data;
    SEL_LOOP {
        char buf[64];
        if (iv_part(fc, &u[i], x[i], true, NULL, buf) < 0) return -1;
        size_t len = strlen(buf);
        char *p = mem_alloc(fc->var, len + 1);
        memcpy(p, buf, len + 1);
        fn_set_str(o, i, p, len);
    }
    return 0;
}

/* ---- AT TIME ZONE: timezone(zone, value) ---------------------------------------------- */

/* Offset of zone z (abbreviation, zoneinfo name or POSIX spec) at a UTC
 * instant (local false) or for a local time (local true). */
static int zone_offset(FnCall *fc, const OmStr *z, int64_t t, bool local, int *off)
{
    char name[128];
    if (z->len >= sizeof name)
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "time zone \"%.*s\" not recognized", (int)z->len,
                       z->ptr);
    memcpy(name, z->ptr, z->len);
    name[z->len] = '\0';
    if (dt_tz_abbrev(name, off)) return 0;
    int64_t secs = t / DT_USECS_PER_SEC - (t % DT_USECS_PER_SEC < 0) + 946684800;
    bool ok = local ? dt_tz_offset_local(name, secs, off) : dt_tz_offset_utc(name, secs, off, NULL);
    if (!ok)
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "time zone \"%s\" not recognized", name);
    return 0;
}

/* timezone(text, timestamp) → timestamptz: the local time in zone z. */
static int fn_tz_ts(ARGS)
{
    const OmStr *z = a[0]->data;
    const int64_t *x = a[1]->data;
    int64_t *r = o->data;
    SEL_LOOP {
        int off;
        if (!dt_ts_finite(x[i])) {
            r[i] = x[i];
        } else {
            if (zone_offset(fc, &z[i], x[i], true, &off) < 0) return -1;
            r[i] = x[i] - (int64_t)off * DT_USECS_PER_SEC;
            if (!dt_ts_valid(r[i])) return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
        }
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* timezone(text, timestamptz) → timestamp: the wall-clock time in zone z. */
static int fn_tz_tstz(ARGS)
{
    const OmStr *z = a[0]->data;
    const int64_t *x = a[1]->data;
    int64_t *r = o->data;
    SEL_LOOP {
        int off;
        if (!dt_ts_finite(x[i])) {
            r[i] = x[i];
        } else {
            if (zone_offset(fc, &z[i], x[i], false, &off) < 0) return -1;
            r[i] = x[i] + (int64_t)off * DT_USECS_PER_SEC;
            if (!dt_ts_valid(r[i])) return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
        }
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* timezone(interval, …): a fixed offset east of UTC. */
static int iv_offset(FnCall *fc, OmInterval v, int64_t *us)
{
    if (v.months != 0 || v.days != 0) {
        char b[160];
        dt_interval_format(v, b);
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "interval time zone \"%s\" must not include months or days", b);
    }
    *us = v.usec;
    return 0;
}

static int fn_ivtz_ts(ARGS)
{
    const OmInterval *z = a[0]->data;
    const int64_t *x = a[1]->data;
    int64_t *r = o->data;
    SEL_LOOP {
        int64_t us = 0;
        if (iv_offset(fc, z[i], &us) < 0) return -1;
        r[i] = dt_ts_finite(x[i]) ? x[i] - us : x[i];
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_ivtz_tstz(ARGS)
{
    const OmInterval *z = a[0]->data;
    const int64_t *x = a[1]->data;
    int64_t *r = o->data;
    SEL_LOOP {
        int64_t us = 0;
        if (iv_offset(fc, z[i], &us) < 0) return -1;
        r[i] = dt_ts_finite(x[i]) ? x[i] + us : x[i];
        om_vec_set_null(o, i, false);
    }
    return 0;
}

#define D OM_T_DATE
#define TS OM_T_TIMESTAMP
#define TZ OM_T_TIMESTAMPTZ
#define I4 OM_T_INT4
#define F8 OM_T_FLOAT8
#define TX OM_T_TEXT
#define IV OM_T_INTERVAL

static const FnDesc descs[] = {
    {"+", 2, {D, I4}, D, FN_STRICT, fn_date_pli},
    {"+", 2, {I4, D}, D, FN_STRICT, fn_int_pl_date},
    {"-", 2, {D, I4}, D, FN_STRICT, fn_date_mii},
    {"-", 2, {D, D}, I4, FN_STRICT, fn_date_mi},
    {"+", 2, {TS, IV}, TS, FN_STRICT, fn_ts_pl_iv},
    {"+", 2, {IV, TS}, TS, FN_STRICT, fn_iv_pl_ts},
    {"+", 2, {TZ, IV}, TZ, FN_STRICT | FN_STABLE, fn_tz_pl_iv},
    {"+", 2, {IV, TZ}, TZ, FN_STRICT | FN_STABLE, fn_iv_pl_tz},
    {"+", 2, {D, IV}, TS, FN_STRICT, fn_date_pl_iv},
    {"+", 2, {IV, D}, TS, FN_STRICT, fn_iv_pl_date},
    {"+", 2, {IV, IV}, IV, FN_STRICT, fn_iv_pl},
    {"-", 2, {TS, IV}, TS, FN_STRICT, fn_ts_mi_iv},
    {"-", 2, {TZ, IV}, TZ, FN_STRICT | FN_STABLE, fn_tz_mi_iv},
    {"-", 2, {D, IV}, TS, FN_STRICT, fn_date_mi_iv},
    {"-", 2, {IV, IV}, IV, FN_STRICT, fn_iv_mi},
    {"-", 2, {TS, TS}, IV, FN_STRICT, fn_ts_mi},
    {"-", 2, {TZ, TZ}, IV, FN_STRICT, fn_ts_mi},
    {"-", 1, {IV}, IV, FN_STRICT, fn_iv_um},
    {"*", 2, {IV, F8}, IV, FN_STRICT, fn_iv_mul},
    {"*", 2, {F8, IV}, IV, FN_STRICT, fn_mul_iv},
    {"/", 2, {IV, F8}, IV, FN_STRICT, fn_iv_div},
    {"justify_hours", 1, {IV}, IV, FN_STRICT, fn_justify_hours},
    {"justify_days", 1, {IV}, IV, FN_STRICT, fn_justify_days},
    {"justify_interval", 1, {IV}, IV, FN_STRICT, fn_justify_interval},
    {"make_timestamptz", 7, {I4, I4, I4, I4, I4, F8, TX}, TZ, FN_STRICT, fn_make_timestamptz_zone},
    {"date_trunc", 3, {TX, TZ, TX}, TZ, FN_STRICT, fn_trunc_tstz_zone},
    {"overlaps", 4, {TS, TS, TS, TS}, OM_T_BOOL, 0, fn_overlaps},
    {"overlaps", 4, {TZ, TZ, TZ, TZ}, OM_T_BOOL, 0, fn_overlaps},
    {"overlaps", 4, {TS, IV, TS, IV}, OM_T_BOOL, 0, fn_overlaps_iv},
    {"overlaps", 4, {TZ, IV, TZ, IV}, OM_T_BOOL, FN_STABLE, fn_overlaps_tz_iv},
    {"to_timestamp", 1, {F8}, TZ, FN_STRICT, fn_to_timestamp_f8},
    {"date_part", 2, {TX, IV}, F8, FN_STRICT, fn_part_iv},
    {"extract", 2, {TX, IV}, OM_T_NUMERIC, FN_STRICT, fn_extract_iv},
    {"timezone", 2, {TX, TS}, TZ, FN_STRICT, fn_tz_ts},
    {"timezone", 2, {TX, TZ}, TS, FN_STRICT, fn_tz_tstz},
    {"timezone", 2, {IV, TS}, TZ, FN_STRICT, fn_ivtz_ts},
    {"timezone", 2, {IV, TZ}, TS, FN_STRICT, fn_ivtz_tstz},
    {"date_trunc", 2, {TX, IV}, IV, FN_STRICT, fn_trunc_iv},
    {"isfinite", 1, {D}, OM_T_BOOL, FN_STRICT, fn_isfinite_date},
    {"isfinite", 1, {TS}, OM_T_BOOL, FN_STRICT, fn_isfinite_ts},
    {"isfinite", 1, {TZ}, OM_T_BOOL, FN_STRICT, fn_isfinite_ts},
    {"isfinite", 1, {IV}, OM_T_BOOL, FN_STRICT, fn_isfinite_iv},
    {"now", 0, {0}, TZ, FN_STABLE, fn_now},
    {"transaction_timestamp", 0, {0}, TZ, FN_STABLE, fn_now},
    {"statement_timestamp", 0, {0}, TZ, FN_STABLE, fn_stmt_ts},
    {"clock_timestamp", 0, {0}, TZ, FN_VOLATILE, fn_clock_ts},
    {"current_timestamp", 0, {0}, TZ, FN_STABLE, fn_now},
    {"current_date", 0, {0}, D, FN_STABLE, fn_current_date},
    {"localtimestamp", 0, {0}, TS, FN_STABLE, fn_localtimestamp},
    {"make_date", 3, {I4, I4, I4}, D, FN_STRICT, fn_make_date},
    {"make_timestamp", 6, {I4, I4, I4, I4, I4, F8}, TS, FN_STRICT, fn_make_timestamp},
    {"make_timestamptz", 6, {I4, I4, I4, I4, I4, F8}, TZ, FN_STRICT | FN_STABLE, fn_make_timestamptz},
    {"date_trunc", 2, {TX, TS}, TS, FN_STRICT, fn_trunc_ts},
    {"date_trunc", 2, {TX, TZ}, TZ, FN_STRICT | FN_STABLE, fn_trunc_tstz},
    {"extract", 2, {TX, D}, OM_T_NUMERIC, FN_STRICT, fn_extract_date},
    {"extract", 2, {TX, TS}, OM_T_NUMERIC, FN_STRICT, fn_extract_ts},
    {"extract", 2, {TX, TZ}, OM_T_NUMERIC, FN_STRICT | FN_STABLE, fn_extract_tstz},
    {"date_part", 2, {TX, D}, F8, FN_STRICT, fn_part_date},
    {"date_part", 2, {TX, TS}, F8, FN_STRICT, fn_part_ts},
    {"date_part", 2, {TX, TZ}, F8, FN_STRICT | FN_STABLE, fn_part_tstz},
};

const FnTable fn_datetime_table = {descs, (int)(sizeof descs / sizeof descs[0])};
