/*
 * fn_datetime2.c — make_interval, age and timeofday (split from
 * fn_datetime.c, which holds the other date/time functions).
 *
 * These reproduce PostgreSQL 15 where its behaviour is arithmetic rather
 * than checked: make_interval wraps its integer fields (15 has no overflow
 * checks there; 17 added them), and age() reads +infinity as the largest
 * timestamp (timestamp2tm converts it like any value; only -infinity falls
 * outside the Julian range and fails).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../types/datetime.h"
#include "fn_tables.h"

#define ARGS FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n

static int iv_overflow(FnCall *fc) { return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range"); }

/* x86-64's cvttsd2si, which PostgreSQL 15's (int64) cast of a double
 * compiles to: out of range (or NaN) gives INT64_MIN. */
static int64_t dbl_to_i64(double d)
{
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return INT64_MIN;
    return (int64_t)d;
}

/* make_interval(years, months, weeks, days, hours, mins, secs): trailing
 * arguments default to 0 (the binder fills in named ones). PostgreSQL 15
 * rejects only infinite or NaN seconds; everything else wraps as its C
 * arithmetic does (two's complement, computed unsigned here). */
static int fn_make_interval(ARGS)
{
    OmInterval *r = o->data;
    int na = fc->nargs;
    SEL_LOOP {
        int32_t v[6] = {0, 0, 0, 0, 0, 0};
        for (int k = 0; k < na && k < 6; k++) v[k] = ((const int32_t *)a[k]->data)[i];
        double secs = na >= 7 ? ((const double *)a[6]->data)[i] : 0;
        if (isinf(secs) || isnan(secs)) return iv_overflow(fc);
        uint32_t months = (uint32_t)v[0] * 12u + (uint32_t)v[1];
        uint32_t days = (uint32_t)v[2] * 7u + (uint32_t)v[3];
        uint64_t us = (uint64_t)((int64_t)v[4] * INT64_C(3600000000)) + (uint64_t)((int64_t)v[5] * 60000000) +
                      (uint64_t)dbl_to_i64(rint(secs * 1e6));
        OmInterval x = {(int64_t)us, (int32_t)days, (int32_t)months};
        r[i] = x;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* Fields of timestamp t for age(): timestamp2tm, which converts +infinity
 * (INT64_MAX) like a value and fails only below Julian day 0. tz: in the
 * session's zone. */
static bool age_tm(int64_t t, bool tz, DtTm *tm)
{
    if (t == DT_TS_NOBEGIN) return false;
    if (!tz) {
        dt_ts2tm(t, tm);
        return true;
    }
    if (t != DT_TS_NOEND) {
        dt_ts2tm(dt_tstz_to_local(t, NULL), tm);
        return true;
    }
    /* +infinity in the session's zone: offset a day earlier, then step the
     * date forward, so that a positive offset cannot overflow. */
    int off = 0;
    if (!dt_tz_offset_utc(dt_session_tz(), t / DT_USECS_PER_SEC + INT64_C(946684800), &off, NULL)) off = 0;
    dt_ts2tm(t - DT_USECS_PER_DAY + (int64_t)off * DT_USECS_PER_SEC, tm);
    dt_j2date(dt_date2j(tm->year, tm->mon, tm->mday) + 1, &tm->year, &tm->mon, &tm->mday);
    return true;
}

/* timestamp_age / timestamptz_age. */
static int age_of(FnCall *fc, int64_t t1, int64_t t2, bool tz, OmInterval *out)
{
    DtTm a1, a2;
    if (!age_tm(t1, tz, &a1) || !age_tm(t2, tz, &a2))
        return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
    int64_t fsec = a1.usec - a2.usec, sec = a1.sec - a2.sec, min = a1.min - a2.min, hour = a1.hour - a2.hour,
            mday = a1.mday - a2.mday, mon = a1.mon - a2.mon, year = a1.year - a2.year;
    bool neg = t1 < t2;
    if (neg) fsec = -fsec, sec = -sec, min = -min, hour = -hour, mday = -mday, mon = -mon, year = -year;
    while (fsec < 0) fsec += 1000000, sec--;
    while (sec < 0) sec += 60, min--;
    while (min < 0) min += 60, hour--;
    while (hour < 0) hour += 24, mday--;
    while (mday < 0) {
        if (neg) mday += dt_days_in_month(a1.year, a1.mon);
        else mday += dt_days_in_month(a2.year, a2.mon);
        mon--;
    }
    while (mon < 0) mon += 12, year--;
    if (neg) fsec = -fsec, sec = -sec, min = -min, hour = -hour, mday = -mday, mon = -mon, year = -year;
    int64_t months = year * 12 + mon;
    if (months > INT32_MAX || months < INT32_MIN) return iv_overflow(fc);
    OmInterval v = {((hour * 60 + min) * 60 + sec) * 1000000 + fsec, (int32_t)mday, (int32_t)months};
    *out = v;
    return 0;
}

static int do_age(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool tz)
{
    OmInterval *r = o->data;
    int64_t today = 0;
    if (fc->nargs == 1) {
        int64_t local = dt_tstz_to_local(dt_txn_start(), NULL);
        today = (local / DT_USECS_PER_DAY - (local % DT_USECS_PER_DAY < 0)) * DT_USECS_PER_DAY;
        if (tz) today = dt_local_to_tstz(today);
    }
    SEL_LOOP {
        int64_t t1 = fc->nargs == 1 ? today : ((const int64_t *)a[0]->data)[i];
        int64_t t2 = ((const int64_t *)a[fc->nargs == 1 ? 0 : 1]->data)[i];
        if (age_of(fc, t1, t2, tz, &r[i]) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_age_ts(ARGS) { return do_age(fc, a, o, sel, n, false); }
static int fn_age_tz(ARGS) { return do_age(fc, a, o, sel, n, true); }

/* timeofday(): the clock as text, "%a %b %d %H:%M:%S.%06d %Y %Z" in the
 * session's zone (PostgreSQL's pg_strftime template). */
static int fn_timeofday(ARGS)
{
    (void)a;
    static const char *const dn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const mn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t now = dt_now_clock();
    int off = 0;
    const char *abbr = NULL;
    int64_t secs = now / DT_USECS_PER_SEC - (now % DT_USECS_PER_SEC < 0) + INT64_C(946684800);
    if (!dt_tz_offset_utc(dt_session_tz(), secs, &off, &abbr)) off = 0;
    DtTm tm;
    dt_ts2tm(now + (int64_t)off * DT_USECS_PER_SEC, &tm);
    int jd = dt_date2j(tm.year, tm.mon, tm.mday);
    char buf[128];
    int len = snprintf(buf, sizeof buf, "%s %s %02d %02d:%02d:%02d.%06d %d %s", dn[dt_j2day(jd)], mn[tm.mon - 1],
                       tm.mday, tm.hour, tm.min, tm.sec, (int)tm.usec, tm.year, abbr ? abbr : "");
    if (len < 0 || len >= (int)sizeof buf) len = (int)strlen(buf);
    SEL_LOOP {
        char *p = mem_alloc(fc->var, (size_t)len + 1);
        memcpy(p, buf, (size_t)len + 1);
        fn_set_str(o, i, p, (size_t)len);
    }
    return 0;
}

#define TS OM_T_TIMESTAMP
#define TZ OM_T_TIMESTAMPTZ
#define I4 OM_T_INT4
#define F8 OM_T_FLOAT8
#define IV OM_T_INTERVAL

static const FnDesc descs[] = {
    {"make_interval", 0, {0}, IV, FN_STRICT, fn_make_interval},
    {"make_interval", 1, {I4}, IV, FN_STRICT, fn_make_interval},
    {"make_interval", 2, {I4, I4}, IV, FN_STRICT, fn_make_interval},
    {"make_interval", 3, {I4, I4, I4}, IV, FN_STRICT, fn_make_interval},
    {"make_interval", 4, {I4, I4, I4, I4}, IV, FN_STRICT, fn_make_interval},
    {"make_interval", 5, {I4, I4, I4, I4, I4}, IV, FN_STRICT, fn_make_interval},
    {"make_interval", 6, {I4, I4, I4, I4, I4, I4}, IV, FN_STRICT, fn_make_interval},
    {"make_interval", 7, {I4, I4, I4, I4, I4, I4, F8}, IV, FN_STRICT, fn_make_interval},
    {"age", 2, {TS, TS}, IV, FN_STRICT, fn_age_ts},
    {"age", 2, {TZ, TZ}, IV, FN_STRICT | FN_STABLE, fn_age_tz},
    {"age", 1, {TS}, IV, FN_STRICT | FN_STABLE, fn_age_ts},
    {"age", 1, {TZ}, IV, FN_STRICT | FN_STABLE, fn_age_tz},
    {"timeofday", 0, {0}, OM_T_TEXT, FN_VOLATILE, fn_timeofday},
};

const FnTable fn_datetime2_table = {descs, (int)(sizeof descs / sizeof descs[0])};
