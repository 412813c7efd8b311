/*
 * datetime_interval.c — interval: PostgreSQL's input forms (a subset of
 * DecodeInterval / DecodeISO8601Interval), output under IntervalStyle
 * postgres, justify_*, and timestamp + interval.
 *
 * Interface routines (datetime.h): dt_interval_parse, dt_interval_format,
 * dt_ts_add_interval, dt_justify_hours, dt_justify_days,
 * dt_justify_interval.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/session_params.h"
#include "datetime.h"
#include "types_int.h"

#define USEC_HOUR INT64_C(3600000000)
#define USEC_MIN INT64_C(60000000)

/* PostgreSQL 15's pg_itm_in: each field accumulates exactly, in integers,
 * with overflow checks (DecodeInterval's Adjust* helpers). */
typedef struct IvAcc {
    int64_t usec;
    int32_t days, months, years;
} IvAcc;

enum { IU_BAD, IU_MILLENNIUM, IU_CENTURY, IU_DECADE, IU_YEAR, IU_MONTH, IU_WEEK, IU_DAY, IU_HOUR, IU_MINUTE,
       IU_SECOND, IU_MS, IU_US };

static int iv_unit(const char *w, size_t n)
{
    static const struct { const char *n; int u; } units[] = {
        {"millennium", IU_MILLENNIUM}, {"millennia", IU_MILLENNIUM}, {"millenniums", IU_MILLENNIUM},
        {"mil", IU_MILLENNIUM}, {"mils", IU_MILLENNIUM}, {"century", IU_CENTURY}, {"centuries", IU_CENTURY},
        {"cent", IU_CENTURY}, {"c", IU_CENTURY}, {"decade", IU_DECADE}, {"decades", IU_DECADE}, {"dec", IU_DECADE},
        {"decs", IU_DECADE}, {"year", IU_YEAR}, {"years", IU_YEAR}, {"y", IU_YEAR}, {"yr", IU_YEAR},
        {"yrs", IU_YEAR}, {"month", IU_MONTH}, {"months", IU_MONTH}, {"mon", IU_MONTH}, {"mons", IU_MONTH},
        {"week", IU_WEEK}, {"weeks", IU_WEEK}, {"w", IU_WEEK}, {"day", IU_DAY}, {"days", IU_DAY}, {"d", IU_DAY},
        {"hour", IU_HOUR}, {"hours", IU_HOUR}, {"h", IU_HOUR}, {"hr", IU_HOUR}, {"hrs", IU_HOUR},
        {"minute", IU_MINUTE}, {"minutes", IU_MINUTE}, {"min", IU_MINUTE}, {"mins", IU_MINUTE}, {"m", IU_MINUTE},
        {"second", IU_SECOND}, {"seconds", IU_SECOND}, {"sec", IU_SECOND}, {"secs", IU_SECOND},
        {"s", IU_SECOND}, {"millisecond", IU_MS}, {"milliseconds", IU_MS}, {"ms", IU_MS}, {"msec", IU_MS},
        {"msecs", IU_MS}, {"microsecond", IU_US}, {"microseconds", IU_US}, {"us", IU_US}, {"usec", IU_US},
        {"usecs", IU_US}};
    char b[16];
    if (n >= sizeof b) return IU_BAD;
    for (size_t i = 0; i < n; i++) b[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
    b[n] = '\0';
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strcmp(units[i].n, b)) return units[i].u;
    return IU_BAD;
}

/* AdjustFractMicroseconds: frac (|frac| < 1) × scale µs, the fractional
 * microsecond rounded off (exactly half stays down, as PostgreSQL). */
static bool adj_fract_usec(double frac, int64_t scale, IvAcc *a)
{
    if (frac == 0) return true;
    frac *= (double)scale;
    int64_t us = (int64_t)frac;
    frac -= (double)us;
    if (frac > 0.5) us++;
    else if (frac < -0.5) us--;
    return !__builtin_add_overflow(a->usec, us, &a->usec);
}

/* AdjustFractDays: whole days to days, the rest to microseconds. */
static bool adj_fract_days(double frac, int scale, IvAcc *a)
{
    if (frac == 0) return true;
    frac *= scale;
    int extra = (int)frac;
    if (__builtin_add_overflow(a->days, extra, &a->days)) return false;
    return adj_fract_usec(frac - extra, INT64_C(86400000000), a);
}

static bool adj_usec(int64_t val, double fval, int64_t scale, IvAcc *a)
{
    int64_t p;
    if (__builtin_mul_overflow(val, scale, &p) || __builtin_add_overflow(a->usec, p, &a->usec)) return false;
    return adj_fract_usec(fval, scale, a);
}

static bool adj_days(int64_t val, int scale, IvAcc *a)
{
    int32_t d;
    if (val < INT32_MIN || val > INT32_MAX) return false;
    return !__builtin_mul_overflow((int32_t)val, scale, &d) && !__builtin_add_overflow(a->days, d, &a->days);
}

static bool adj_months(int64_t val, IvAcc *a)
{
    if (val < INT32_MIN || val > INT32_MAX) return false;
    return !__builtin_add_overflow(a->months, (int32_t)val, &a->months);
}

static bool adj_years(int64_t val, int scale, double fval, IvAcc *a)
{
    int32_t y;
    if (val < INT32_MIN || val > INT32_MAX) return false;
    if (__builtin_mul_overflow((int32_t)val, scale, &y) || __builtin_add_overflow(a->years, y, &a->years)) return false;
    /* AdjustFractYears: the fraction as whole months, rounded */
    int extra = (int)rint(fval * scale * 12);
    return !__builtin_add_overflow(a->months, extra, &a->months);
}

/* Add ip + fp (fp the fraction, same sign) of unit u; false on overflow. */
static bool iv_add(IvAcc *a, int u, int64_t ip, double fp)
{
    switch (u) {
    case IU_MILLENNIUM: return adj_years(ip, 1000, fp, a);
    case IU_CENTURY: return adj_years(ip, 100, fp, a);
    case IU_DECADE: return adj_years(ip, 10, fp, a);
    case IU_YEAR: return adj_years(ip, 1, fp, a);
    case IU_MONTH: return adj_months(ip, a) && adj_fract_days(fp, 30, a);
    case IU_WEEK: return adj_days(ip, 7, a) && adj_fract_days(fp, 7, a);
    case IU_DAY: return adj_days(ip, 1, a) && adj_fract_usec(fp, INT64_C(86400000000), a);
    case IU_HOUR: return adj_usec(ip, fp, USEC_HOUR, a);
    case IU_MINUTE: return adj_usec(ip, fp, USEC_MIN, a);
    case IU_SECOND: return adj_usec(ip, fp, 1000000, a);
    case IU_MS: return adj_usec(ip, fp, 1000, a);
    case IU_US: return adj_usec(ip, fp, 1, a);
    }
    return false;
}

static bool isdig(char c) { return c >= '0' && c <= '9'; }
static bool isalph(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* ".ddd" at p as strtod reads it (PostgreSQL's ParseFraction). */
static double read_frac(const char **pp, const char *end)
{
    const char *p = *pp;
    char fb[48];
    size_t k = 0;
    fb[k++] = '0';
    fb[k++] = '.';
    p++;
    while (p < end && isdig(*p)) {
        if (k + 1 < sizeof fb) fb[k++] = *p;
        p++;
    }
    fb[k] = '\0';
    *pp = p;
    return strtod(fb, NULL);
}

/* Digits at *pp as an int64, negated when neg (strtoi64); false when the
 * value does not fit. */
static bool read_int(const char **pp, const char *end, bool neg, int64_t *out)
{
    const char *p = *pp;
    int64_t v = 0;
    bool ok = true;
    while (p < end && isdig(*p)) {
        int d = *p++ - '0';
        if (ok && (__builtin_mul_overflow(v, 10, &v) || (neg ? __builtin_sub_overflow(v, d, &v)
                                                             : __builtin_add_overflow(v, d, &v))))
            ok = false;
    }
    *pp = p;
    *out = v;
    return ok;
}

/* [+-]digits[.digits] at *pp: the whole part exactly, the fraction (same
 * sign) as strtod reads it. 0 if there is no number, -1 if the whole part
 * overflows an int64, else 1. */
static int read_num(const char **pp, const char *end, int64_t *ip, double *fp, bool *neg)
{
    const char *p = *pp;
    *neg = false;
    if (p < end && (*p == '+' || *p == '-')) *neg = *p++ == '-';
    const char *st = p;
    bool ok = read_int(&p, end, *neg, ip);
    double f = 0;
    if (p < end && *p == '.') f = read_frac(&p, end);
    if (p == st || (p == st + 1 && *st == '.')) return 0;
    *fp = *neg ? -f : f;
    *pp = p;
    return ok ? 1 : -1;
}

static int iv_syntax(const char *s, size_t len, OmError *err)
{
    if (type_utf8_check(s, len, err) < 0) return -1;
    return err_set(err, ERRCODE_INVALID_DATETIME_FORMAT, "invalid input syntax for type interval: \"%.*s\"", (int)len,
                   s);
}

static int iv_range(const char *s, size_t len, OmError *err)
{
    if (type_utf8_check(s, len, err) < 0) return -1;
    return err_set(err, ERRCODE_INTERVAL_FIELD_OVERFLOW, "interval field value out of range: \"%.*s\"", (int)len,
                   s);
}

/* hh:mm[:ss[.frac]], or mm:ss.frac (and mm:ss for a MINUTE TO SECOND
 * interval), with sign; p at its first digit (DecodeTimeForInterval).
 * 0 syntax error, -1 out of range, 1 added. */
static int read_time(const char **pp, const char *end, bool neg, bool min_sec, IvAcc *a)
{
    const char *p = *pp;
    int64_t v[3] = {0, 0, 0};
    int k = 0;
    bool ok = true;
    for (;;) {
        if (p >= end || !isdig(*p)) return 0;
        /* hours as int64, minutes and seconds as int (strtoint) */
        ok &= read_int(&p, end, false, &v[k]) && (k == 0 || v[k] <= INT32_MAX);
        k++;
        if (k < 3 && p < end && *p == ':') {
            p++;
            continue;
        }
        break;
    }
    if (k < 2) return 0;
    double frac = 0;
    bool has_frac = p < end && *p == '.';
    if (has_frac) frac = read_frac(&p, end);
    if (!ok) return -1;
    if (k == 2 && (has_frac || min_sec)) {
        if (v[0] > INT32_MAX) return -1;
        v[2] = v[1], v[1] = v[0], v[0] = 0;
    }
    int64_t fsec = (int64_t)rint(frac * 1e6);
    if (v[1] > 59 || v[2] > 60 || fsec > 1000000) return -1;
    int64_t us = fsec, t;
    if (__builtin_mul_overflow(v[0], USEC_HOUR, &t) || __builtin_add_overflow(us, t, &us) ||
        __builtin_add_overflow(us, v[1] * USEC_MIN + v[2] * 1000000, &us))
        return -1;
    if (neg) us = -us;
    if (__builtin_add_overflow(a->usec, us, &a->usec)) return -1;
    *pp = p;
    return 1;
}

/* ParseISO8601Number: anything strtod takes, |value| up to 1e15. 0 syntax
 * error, -1 out of range, 1 read. */
static int iso_num(const char **pp, const char *end, int64_t *ip, double *fp)
{
    const char *p = *pp;
    if (p >= end || !(isdig(*p) || *p == '-' || *p == '.')) return 0;
    char b[64];
    size_t n = (size_t)(end - p) < sizeof b - 1 ? (size_t)(end - p) : sizeof b - 1;
    memcpy(b, p, n);
    b[n] = '\0';
    char *e;
    errno = 0;
    double v = strtod(b, &e);
    if (e == b || errno != 0) return 0;
    if (isnan(v) || v < -1.0e15 || v > 1.0e15) return -1;
    *ip = v >= 0 ? (int64_t)floor(v) : (int64_t)-floor(-v);
    *fp = v - (double)*ip;
    *pp = p + (e - b);
    return 1;
}

static int iso_interval(const char *s, size_t len, const char *p, const char *end, IvAcc *a, OmError *err)
{
    p++; /* 'P' */
    bool in_time = false;
    if (p >= end) return iv_syntax(s, len, err);
    while (p < end) {
        if (*p == 'T' || *p == 't') {
            if (in_time) return iv_syntax(s, len, err);
            in_time = true;
            p++;
            continue;
        }
        int64_t ip;
        double fp;
        int rc = iso_num(&p, end, &ip, &fp);
        if (rc < 0) return iv_range(s, len, err);
        if (rc == 0 || p >= end) return iv_syntax(s, len, err);
        char u = *p++;
        if (u >= 'a' && u <= 'z') u = (char)(u - 32);
        int unit = IU_BAD;
        if (!in_time) unit = u == 'Y' ? IU_YEAR : u == 'M' ? IU_MONTH : u == 'W' ? IU_WEEK : u == 'D' ? IU_DAY : IU_BAD;
        else unit = u == 'H' ? IU_HOUR : u == 'M' ? IU_MINUTE : u == 'S' ? IU_SECOND : IU_BAD;
        if (unit == IU_BAD) return iv_syntax(s, len, err);
        if (!iv_add(a, unit, ip, fp)) return iv_range(s, len, err);
    }
    return 0;
}

int dt_interval_parse(const char *s, size_t len, OmInterval *out, OmError *err)
{
    return dt_interval_parse_typmod(s, len, -1, out, err);
}

#define M_YEAR (1 << 2)
#define M_MONTH (1 << 1)
#define M_DAY (1 << 3)
#define M_HOUR (1 << 10)
#define M_MINUTE (1 << 11)
#define M_SECOND (1 << 12)

OmInterval dt_interval_typmod(OmInterval v, int32_t typmod)
{
    if (typmod < 0) return v;
    int32_t range = (typmod >> 16) & 0x7FFF, prec = typmod & 0xFFFF;
    if (range != 0x7FFF) {
        if (range == M_YEAR) {
            v.months = (v.months / 12) * 12, v.days = 0, v.usec = 0;
        } else if (range == M_MONTH || range == (M_YEAR | M_MONTH)) {
            v.days = 0, v.usec = 0;
        } else if (range == M_DAY) {
            v.usec = 0;
        } else if (range == M_HOUR || range == (M_DAY | M_HOUR)) {
            v.usec = (v.usec / USEC_HOUR) * USEC_HOUR;
        } else if (range == M_MINUTE || range == (M_DAY | M_HOUR | M_MINUTE) || range == (M_HOUR | M_MINUTE)) {
            v.usec = (v.usec / USEC_MIN) * USEC_MIN;
        }
    }
    if (prec != 0xFFFF && prec < 6) {
        static const int64_t scales[6] = {1000000, 100000, 10000, 1000, 100, 10};
        int64_t sc = scales[prec], off = sc / 2;
        v.usec = v.usec >= 0 ? ((v.usec + off) / sc) * sc : -((((-v.usec) + off) / sc) * sc);
    }
    return v;
}

int dt_interval_parse_typmod(const char *s, size_t len, int32_t typmod, OmInterval *out, OmError *err)
{
    int32_t range = typmod < 0 ? 0x7FFF : (typmod >> 16) & 0x7FFF;
    int bare = range & M_SECOND ? IU_SECOND : range & M_MINUTE ? IU_MINUTE : range & M_HOUR ? IU_HOUR
               : range & M_DAY ? IU_DAY : range & M_MONTH ? IU_MONTH : range & M_YEAR ? IU_YEAR : IU_SECOND;
    if (range == 0x7FFF) bare = IU_SECOND;
    const char *p = s, *end = s + len;
    while (p < end && ty_isspace((unsigned char)*p)) p++;
    while (end > p && ty_isspace((unsigned char)end[-1])) end--;
    IvAcc a = {0, 0, 0, 0};
    bool ago = false, any = false;
    unsigned seen = 0;
    if (p < end && *p == '@') p++;
    if (p < end && (*p == 'P' || *p == 'p') && p + 1 < end && !memchr(p, ' ', (size_t)(end - p))) {
        if (iso_interval(s, len, p, end, &a, err) < 0) return -1;
        any = true;
        p = end;
    }
    while (p < end) {
        if (ty_isspace((unsigned char)*p) || *p == ',') {
            p++;
            continue;
        }
        if (isalph(*p)) {
            const char *st = p;
            while (p < end && isalph(*p)) p++;
            size_t n = (size_t)(p - st);
            if (n == 3 && !strncasecmp(st, "ago", 3)) {
                if (ago) return iv_syntax(s, len, err);
                ago = true;
                continue;
            }
            return iv_syntax(s, len, err);
        }
        /* a number, a time, or a year-month */
        const char *st = p;
        bool neg = false;
        if (*p == '+' || *p == '-') neg = *p == '-';
        const char *q = st + (*st == '+' || *st == '-');
        const char *r = q;
        while (r < end && isdig(*r)) r++;
        if (r < end && *r == ':') {
            int rc = read_time(&q, end, neg, range == (M_MINUTE | M_SECOND), &a);
            if (rc < 0) return iv_range(s, len, err);
            if (rc == 0) return iv_syntax(s, len, err);
            p = q;
            any = true;
            continue;
        }
        if (r > q && r + 1 < end && *r == '-' && isdig(r[1])) {
            /* SQL year-month: Y-M, in months */
            int64_t y, m, ym;
            const char *t = q;
            if (!read_int(&t, end, neg, &y)) return iv_range(s, len, err);
            t = r + 1;
            if (!read_int(&t, end, false, &m) || m > 11) return iv_range(s, len, err);
            /* '2024-08-17' is one date-like field to ParseDateTime, and no
             * years-months value */
            if (t < end && *t == '-') return iv_syntax(s, len, err);
            if (__builtin_mul_overflow(y, 12, &ym) || __builtin_add_overflow(ym, neg ? -m : m, &ym) ||
                !adj_months(ym, &a))
                return iv_range(s, len, err);
            p = t;
            any = true;
            continue;
        }
        int64_t ip;
        double fp;
        int rc = read_num(&p, end, &ip, &fp, &neg);
        if (rc == 0) return iv_syntax(s, len, err);
        if (rc < 0) return iv_range(s, len, err);
        while (p < end && ty_isspace((unsigned char)*p)) p++;
        const char *w = p;
        while (p < end && isalph(*p)) p++;
        if (p == w) {
            /* No unit: a time follows (days), or seconds at the end. */
            if (p < end && isdig(*p)) {
                const char *t = p;
                while (t < end && isdig(*t)) t++;
                if (t < end && *t == ':') {
                    if (!iv_add(&a, IU_DAY, ip, fp)) return iv_range(s, len, err);
                    any = true;
                    continue;
                }
                return iv_syntax(s, len, err);
            }
            if (p < end) return iv_syntax(s, len, err);
            if (!iv_add(&a, bare, ip, fp)) return iv_range(s, len, err);
            any = true;
            continue;
        }
        int u = iv_unit(w, (size_t)(p - w));
        if (u == IU_BAD) return iv_syntax(s, len, err);
        /* each unit once, as DecodeInterval's field mask (checked after
         * the addition: PostgreSQL reports an overflow first) */
        if (!iv_add(&a, u, ip, fp)) return iv_range(s, len, err);
        if (seen & (1u << u)) return iv_syntax(s, len, err);
        seen |= 1u << u;
        any = true;
    }
    if (!any) return iv_syntax(s, len, err);
    if (ago) {
        if (a.usec == INT64_MIN || a.days == INT32_MIN || a.months == INT32_MIN || a.years == INT32_MIN)
            return iv_range(s, len, err);
        a.months = -a.months;
        a.days = -a.days;
        a.usec = -a.usec;
        a.years = -a.years;
    }
    /* itmin2interval */
    int64_t months = (int64_t)a.years * 12 + a.months;
    if (months > INT32_MAX || months < INT32_MIN)
        return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
    out->months = (int32_t)months;
    out->days = a.days;
    out->usec = a.usec;
    *out = dt_interval_typmod(*out, typmod);
    return 0;
}

/* ---- output ------------------------------------------------------------------------- */

static int add_part(char *b, int n, int64_t v, const char *unit, bool *is_zero, bool *is_before)
{
    if (v == 0) return n;
    n += sprintf(b + n, "%s%s%lld %s%s", !*is_zero ? " " : "", (*is_before && v > 0) ? "+" : "", (long long)v, unit,
                 v != 1 ? "s" : "");
    *is_before = v < 0;
    *is_zero = false;
    return n;
}

/* AppendSeconds: |sec| (two digits when fill) and the fraction, trimmed. */
static int append_secs(char *b, int64_t sec, int64_t fsec, bool fill)
{
    int n = sprintf(b, fill ? "%02lld" : "%lld", (long long)llabs(sec));
    if (fsec) {
        n += sprintf(b + n, ".%06lld", (long long)llabs(fsec));
        while (b[n - 1] == '0') n--;
        b[n] = '\0';
    }
    return n;
}

static int verbose_part(char *b, int n, int64_t v, const char *unit, bool *is_zero, bool *is_before)
{
    if (v == 0) return n;
    if (*is_zero) {
        *is_before = v < 0;
        v = llabs(v);
    } else if (*is_before) {
        v = -v;
    }
    n += sprintf(b + n, " %lld %s%s", (long long)v, unit, v == 1 ? "" : "s");
    *is_zero = false;
    return n;
}

static int iso_part(char *b, int n, int64_t v, char unit)
{
    return v == 0 ? n : n + sprintf(b + n, "%lld%c", (long long)v, unit);
}

/* IntervalStyle sql_standard, iso_8601, postgres_verbose (EncodeInterval). */
static int format_style(OmInterval v, OmIntervalStyle st, char *b)
{
    int64_t year = v.months / 12, mon = v.months % 12, mday = v.days, t = v.usec;
    int64_t hour = t / USEC_HOUR;
    t -= hour * USEC_HOUR;
    int64_t min = t / USEC_MIN;
    t -= min * USEC_MIN;
    int64_t sec = t / 1000000, fsec = t % 1000000;
    int n = 0;
    if (st == OM_INTERVAL_SQL_STANDARD) {
        bool neg = year < 0 || mon < 0 || mday < 0 || hour < 0 || min < 0 || sec < 0 || fsec < 0;
        bool pos = year > 0 || mon > 0 || mday > 0 || hour > 0 || min > 0 || sec > 0 || fsec > 0;
        bool ym = year != 0 || mon != 0;
        bool dt = mday != 0 || hour != 0 || min != 0 || sec != 0 || fsec != 0;
        bool std = !(neg && pos) && !(ym && dt);
        if (neg && std) {
            b[n++] = '-';
            year = -year, mon = -mon, mday = -mday, hour = -hour, min = -min, sec = -sec, fsec = -fsec;
        }
        if (!neg && !pos) {
            n += sprintf(b + n, "0");
        } else if (!std) {
            char ys = (year < 0 || mon < 0) ? '-' : '+', ds = mday < 0 ? '-' : '+',
                 ss = (hour < 0 || min < 0 || sec < 0 || fsec < 0) ? '-' : '+';
            n += sprintf(b + n, "%c%lld-%lld %c%lld %c%lld:%02lld:", ys, (long long)llabs(year), (long long)llabs(mon), ds,
                         (long long)llabs(mday), ss, (long long)llabs(hour), (long long)llabs(min));
            n += append_secs(b + n, sec, fsec, true);
        } else if (ym) {
            n += sprintf(b + n, "%lld-%lld", (long long)year, (long long)mon);
        } else if (mday != 0) {
            n += sprintf(b + n, "%lld %lld:%02lld:", (long long)mday, (long long)hour, (long long)min);
            n += append_secs(b + n, sec, fsec, true);
        } else {
            n += sprintf(b + n, "%lld:%02lld:", (long long)hour, (long long)min);
            n += append_secs(b + n, sec, fsec, true);
        }
    } else if (st == OM_INTERVAL_ISO_8601) {
        if (!year && !mon && !mday && !hour && !min && !sec && !fsec) return sprintf(b, "PT0S");
        b[n++] = 'P';
        n = iso_part(b, n, year, 'Y');
        n = iso_part(b, n, mon, 'M');
        n = iso_part(b, n, mday, 'D');
        if (hour || min || sec || fsec) b[n++] = 'T';
        n = iso_part(b, n, hour, 'H');
        n = iso_part(b, n, min, 'M');
        if (sec || fsec) {
            if (sec < 0 || fsec < 0) b[n++] = '-';
            n += append_secs(b + n, sec, fsec, false);
            b[n++] = 'S';
        }
    } else {
        bool is_zero = true, is_before = false;
        b[n++] = '@';
        n = verbose_part(b, n, year, "year", &is_zero, &is_before);
        n = verbose_part(b, n, mon, "mon", &is_zero, &is_before);
        n = verbose_part(b, n, mday, "day", &is_zero, &is_before);
        n = verbose_part(b, n, hour, "hour", &is_zero, &is_before);
        n = verbose_part(b, n, min, "min", &is_zero, &is_before);
        if (sec || fsec) {
            b[n++] = ' ';
            if (sec < 0 || (sec == 0 && fsec < 0)) {
                if (is_zero) is_before = true;
                else if (!is_before) b[n++] = '-';
            } else if (is_before) {
                b[n++] = '-';
            }
            n += append_secs(b + n, sec, fsec, false);
            n += sprintf(b + n, " sec%s", (llabs(sec) != 1 || fsec != 0) ? "s" : "");
            is_zero = false;
        }
        if (is_zero) n += sprintf(b + n, " 0");
        if (is_before) n += sprintf(b + n, " ago");
    }
    b[n] = '\0';
    return n;
}

int dt_interval_format(OmInterval v, char *b)
{
    int n = 0;
    OmIntervalStyle st = om_params()->interval_style;
    if (st != OM_INTERVAL_POSTGRES) return format_style(v, st, b);
    bool is_zero = true, is_before = false;
    int64_t year = v.months / 12, mon = v.months % 12;
    n = add_part(b, n, year, "year", &is_zero, &is_before);
    n = add_part(b, n, mon, "mon", &is_zero, &is_before);
    n = add_part(b, n, v.days, "day", &is_zero, &is_before);
    int64_t t = v.usec;
    int64_t hour = t / USEC_HOUR;
    t -= hour * USEC_HOUR;
    int64_t min = t / USEC_MIN;
    t -= min * USEC_MIN;
    int64_t sec = t / 1000000, fsec = t % 1000000;
    if (is_zero || hour || min || sec || fsec) {
        bool minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
        n += sprintf(b + n, "%s%s%02llu:%02llu:%02llu", is_zero ? "" : " ", minus ? "-" : (is_before ? "+" : ""),
                     (unsigned long long)llabs(hour), (unsigned long long)llabs(min), (unsigned long long)llabs(sec));
        if (fsec) {
            n += sprintf(b + n, ".%06lld", (long long)llabs(fsec));
            while (b[n - 1] == '0') n--;
            b[n] = '\0';
        }
    }
    b[n] = '\0';
    return n;
}

/* ---- justify ------------------------------------------------------------------------ */

/* All three return false when the months or days would overflow (PostgreSQL:
 * "interval out of range"). */
bool dt_justify_hours(OmInterval *v)
{
    int64_t whole = v->usec / DT_USECS_PER_DAY;
    v->usec -= whole * DT_USECS_PER_DAY;
    int64_t days = (int64_t)v->days + whole;
    if (days > 0 && v->usec < 0) {
        v->usec += DT_USECS_PER_DAY;
        days--;
    } else if (days < 0 && v->usec > 0) {
        v->usec -= DT_USECS_PER_DAY;
        days++;
    }
    if (days > INT32_MAX || days < INT32_MIN) return false;
    v->days = (int32_t)days;
    return true;
}

bool dt_justify_days(OmInterval *v)
{
    int32_t whole = v->days / 30;
    v->days -= whole * 30;
    int64_t months = (int64_t)v->months + whole;
    if (months > 0 && v->days < 0) {
        v->days += 30;
        months--;
    } else if (months < 0 && v->days > 0) {
        v->days -= 30;
        months++;
    }
    if (months > INT32_MAX || months < INT32_MIN) return false;
    v->months = (int32_t)months;
    return true;
}

bool dt_justify_interval(OmInterval *iv)
{
    int64_t months = iv->months, days = iv->days, usec = iv->usec;
    if ((days > 0 && usec > 0) || (days < 0 && usec < 0)) {
        months += days / 30;
        days -= days / 30 * 30;
    }
    days += usec / DT_USECS_PER_DAY;
    usec -= usec / DT_USECS_PER_DAY * DT_USECS_PER_DAY;
    months += days / 30;
    days -= days / 30 * 30;
    if (months > 0 && (days < 0 || (days == 0 && usec < 0))) {
        days += 30;
        months--;
    } else if (months < 0 && (days > 0 || (days == 0 && usec > 0))) {
        days -= 30;
        months++;
    }
    if (days > 0 && usec < 0) {
        usec += DT_USECS_PER_DAY;
        days--;
    } else if (days < 0 && usec > 0) {
        usec -= DT_USECS_PER_DAY;
        days++;
    }
    if (months > INT32_MAX || months < INT32_MIN || days > INT32_MAX || days < INT32_MIN) return false;
    iv->months = (int32_t)months, iv->days = (int32_t)days, iv->usec = usec;
    return true;
}

/* ---- timestamp + interval ------------------------------------------------------------ */

static int ts_range(OmError *err) { return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range"); }

int dt_ts_add_interval(int64_t t, OmInterval iv, bool tz, int64_t *out, OmError *err)
{
    if (!dt_ts_finite(t)) {
        *out = t;
        return 0;
    }
    if (iv.months != 0 || iv.days != 0) {
        int64_t local = tz ? dt_tstz_to_local(t, NULL) : t;
        DtTm tm;
        dt_ts2tm(local, &tm);
        if (iv.months != 0) {
            int64_t mon = (int64_t)tm.mon + iv.months;
            int64_t year = tm.year;
            if (mon > 12) {
                year += (mon - 1) / 12;
                mon = (mon - 1) % 12 + 1;
            } else if (mon < 1) {
                year += mon / 12 - 1;
                mon = mon % 12 + 12;
            }
            if (year > 300000 || year < -300000) return ts_range(err);
            tm.year = (int)year;
            tm.mon = (int)mon;
            int dim = dt_days_in_month(tm.year, tm.mon);
            if (tm.mday > dim) tm.mday = dim;
        }
        if (iv.days != 0) {
            int64_t jd = (int64_t)dt_date2j(tm.year, tm.mon, tm.mday) + iv.days;
            if (jd < 0 || jd > DT_TS_END_JULIAN) return ts_range(err);
            dt_j2date((int)jd, &tm.year, &tm.mon, &tm.mday);
        }
        if (!dt_tm2ts(&tm, &local)) return ts_range(err);
        t = tz ? dt_local_to_tstz(local) : local;
    }
    int64_t r;
    if (__builtin_add_overflow(t, iv.usec, &r) || !dt_ts_valid(r)) return ts_range(err);
    *out = r;
    return 0;
}
