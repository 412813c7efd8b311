/*
 * datetime.c — date, timestamp and timestamptz: calendar arithmetic,
 * PostgreSQL's input formats (a subset of ParseDateTime/DecodeDateTime) and
 * ISO output (DateStyle ISO).
 *
 * type_in / type_out (io.c) and the casts (datetime_cast.c) call
 * dt_parse / dt_format; functions/fn_datetime.c uses the calendar helpers.
 *
 * Interface routines (datetime.h): dt_date2j, dt_j2date, dt_days_in_month,
 * dt_j2day, dt_ts2tm, dt_tm2ts, dt_session_tz, dt_tstz_to_local,
 * dt_local_to_tstz, dt_parse, dt_format, dt_now_clock.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include "../common/session_params.h"
#include "datetime.h"
#include "types_int.h"

/* ---- calendar ------------------------------------------------------------------------ */

int dt_date2j(int y, int m, int d)
{
    int julian, century;
    if (m > 2) {
        m += 1;
        y += 4800;
    } else {
        m += 13;
        y += 4799;
    }
    century = y / 100;
    julian = y * 365 - 32167;
    julian += y / 4 - century + century / 4;
    julian += 7834 * m / 256 + d;
    return julian;
}

void dt_j2date(int jd, int *year, int *month, int *day)
{
    unsigned int julian, quad, extra;
    int y;
    julian = (unsigned)jd;
    julian += 32044;
    quad = julian / 146097;
    extra = (julian - quad * 146097) * 4 + 3;
    julian += 60 + quad * 3 + extra / 146097;
    quad = julian / 1461;
    julian -= quad * 1461;
    y = (int)(julian * 4 / 1461);
    julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366)) + 123;
    y += (int)(quad * 4);
    *year = y - 4800;
    quad = julian * 2141 / 65536;
    *day = (int)(julian - 7834 * quad / 256);
    *month = (int)((quad + 10) % 12 + 1);
}

int dt_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dim[m - 1];
}

int dt_j2day(int jd)
{
    int d = (jd + 1) % 7;
    return d < 0 ? d + 7 : d;
}

static int64_t floordiv64(int64_t a, int64_t b) { return a / b - (a % b != 0 && ((a < 0) != (b < 0))); }

void dt_ts2tm(int64_t t, DtTm *tm)
{
    int64_t days = floordiv64(t, DT_USECS_PER_DAY);
    int64_t tod = t - days * DT_USECS_PER_DAY;
    dt_j2date((int)(days + DT_POSTGRES_EPOCH_JDATE), &tm->year, &tm->mon, &tm->mday);
    tm->hour = (int)(tod / INT64_C(3600000000));
    tod -= (int64_t)tm->hour * INT64_C(3600000000);
    tm->min = (int)(tod / 60000000);
    tod -= (int64_t)tm->min * 60000000;
    tm->sec = (int)(tod / 1000000);
    tm->usec = (int32_t)(tod - (int64_t)tm->sec * 1000000);
}

static bool julian_ok(int y, int m, int d)
{
    /* IS_VALID_JULIAN: 4714-11-24 BC onwards */
    if (y < -4713) return false;
    if (y == -4713 && (m < 11 || (m == 11 && d < 24))) return false;
    return y < 5874898;
}

bool dt_tm2ts(const DtTm *tm, int64_t *out)
{
    if (!julian_ok(tm->year, tm->mon, tm->mday)) return false;
    int64_t days = (int64_t)dt_date2j(tm->year, tm->mon, tm->mday) - DT_POSTGRES_EPOCH_JDATE;
    int64_t tod = (((int64_t)tm->hour * 60 + tm->min) * 60 + tm->sec) * DT_USECS_PER_SEC + tm->usec;
    int64_t t;
    if (__builtin_mul_overflow(days, DT_USECS_PER_DAY, &t) || __builtin_add_overflow(t, tod, &t)) return false;
    if (!dt_ts_valid(t)) return false;
    *out = t;
    return true;
}

/* ---- session zone --------------------------------------------------------------------- */

#define DT_UNIX_SHIFT (INT64_C(946684800))

const char *dt_session_tz(void) { return om_params()->timezone[0] ? om_params()->timezone : "UTC"; }

int64_t dt_tstz_to_local(int64_t t, int *gmtoff)
{
    int off = 0;
    if (dt_ts_finite(t)) {
        int64_t secs = floordiv64(t, DT_USECS_PER_SEC) + DT_UNIX_SHIFT;
        if (!dt_tz_offset_utc(dt_session_tz(), secs, &off, NULL)) off = 0;
    }
    if (gmtoff) *gmtoff = off;
    return dt_ts_finite(t) ? t + (int64_t)off * DT_USECS_PER_SEC : t;
}

int64_t dt_local_to_tstz(int64_t local)
{
    if (!dt_ts_finite(local)) return local;
    int off = 0;
    int64_t secs = floordiv64(local, DT_USECS_PER_SEC) + DT_UNIX_SHIFT;
    if (!dt_tz_offset_local(dt_session_tz(), secs, &off)) off = 0;
    return local - (int64_t)off * DT_USECS_PER_SEC;
}

int64_t dt_now_clock(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((int64_t)ts.tv_sec - DT_UNIX_SHIFT) * DT_USECS_PER_SEC + ts.tv_nsec / 1000;
}

int64_t dt_txn_start(void)
{
    int64_t t = om_params()->txn_start_us;
    return t ? t : dt_now_clock();
}

int64_t dt_stmt_start(void)
{
    int64_t t = om_params()->stmt_start_us;
    return t ? t : dt_now_clock();
}

bool dt_tz_abbrev(const char *w, int *off) { return dt_tz_abbrev_kind(w, off, NULL) != DT_ABBREV_NONE; }

/* ---- input --------------------------------------------------------------------------- */

enum { SP_NONE, SP_INF, SP_NINF, SP_EPOCH, SP_NOW, SP_TODAY, SP_TOMORROW, SP_YESTERDAY };

typedef struct DtFields {
    int year, mon, mday;
    bool has_year, has_mon, has_mday;
    int year_digits;
    bool bc, ad, has_date_tok;
    bool has_time;
    int hour, min, sec;
    int32_t usec;
    int ampm; /* 0, 1 am, 2 pm */
    bool has_tz;
    int tzoff;            /* seconds east */
    char tzname[104];     /* zone to apply at the local time, if has_tz and tzname[0] */
    int special;
    int nloose;
    int loose[3], loose_digits[3];
} DtFields;

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const months_full[] = {"january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"};
static const char *const wdays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat", "sunday", "monday",
                                    "tuesday", "wednesday", "thursday", "friday", "saturday", "tues",
                                    "wednes", "thur", "thurs"};

static int month_of(const char *w)
{
    for (int i = 0; i < 12; i++)
        if (!strcmp(w, months[i]) || !strcmp(w, months_full[i])) return i + 1;
    if (!strcmp(w, "sept")) return 9;
    return 0;
}

#define E_SYNTAX (-1)
#define E_FIELD (-2)
#define E_TZ (-3)
#define E_MDFIELD (-4)
#define E_TZDISP (-5)
#define E_BADZONE (-6) /* a zone-like token no zone (22023); its name in tzname */

static inline bool isdig(char c) { return c >= '0' && c <= '9'; }
static inline bool isalph(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

/* hh:mm[:ss[.ffffff]] at *pp (digits of hh already at p). */
static int parse_time(const char **pp, const char *end, DtFields *f)
{
    const char *p = *pp;
    int v[3] = {0, 0, 0}, k = 0;
    int32_t usec = 0;
    for (;;) {
        if (p >= end || !isdig(*p)) return E_SYNTAX;
        long x = 0;
        int nd = 0;
        while (p < end && isdig(*p)) {
            if (nd < 9) x = x * 10 + (*p - '0');
            nd++;
            p++;
        }
        if (nd > 9) return E_FIELD;
        v[k++] = (int)x;
        if (k < 3 && p < end && *p == ':') {
            p++;
            continue;
        }
        break;
    }
    if (k < 2) return E_SYNTAX;
    if (p < end && *p == '.') {
        p++;
        /* As PostgreSQL: strtod of the fraction, rint(frac * 1e6). */
        char fb[40];
        size_t k = 0;
        fb[k++] = '0';
        fb[k++] = '.';
        while (p < end && isdig(*p)) {
            if (k + 1 < sizeof fb) fb[k++] = *p;
            p++;
        }
        fb[k] = '\0';
        usec = (int32_t)rint(strtod(fb, NULL) * 1e6);
    }
    if (f->has_time) return E_SYNTAX;
    f->has_time = true;
    f->hour = v[0];
    f->min = v[1];
    f->sec = v[2];
    f->usec = usec;
    if (f->min > 59 || f->sec > 60 || f->hour > 24 || usec > 1000000) return E_FIELD;
    *pp = p;
    return 0;
}

/* Digits at *pp as a number, saturated far above any valid field (so a
 * long run of digits cannot overflow); *nd counts them. */
static long offset_digits(const char **pp, const char *end, int *nd)
{
    const char *p = *pp;
    long x = 0;
    *nd = 0;
    while (p < end && isdig(*p)) {
        if (x < 100000000) x = x * 10 + (*p - '0');
        (*nd)++;
        p++;
    }
    *pp = p;
    return x;
}

/* +hh, +hhmm, +hh:mm[:ss] as PostgreSQL's DecodeTimezone reads them: out of
 * range (hours over 15, minutes or seconds over 59, numbers too big for an
 * int) is 22009. */
static int parse_offset(const char **pp, const char *end, DtFields *f)
{
    const char *p = *pp;
    int sign = *p == '-' ? -1 : 1;
    p++;
    if (p >= end || !isdig(*p)) return E_SYNTAX;
    int nd, nd2;
    long h = offset_digits(&p, end, &nd), m = 0, s = 0;
    if (p < end && *p == ':') {
        p++;
        m = offset_digits(&p, end, &nd2);
        if (p < end && *p == ':') {
            p++;
            s = offset_digits(&p, end, &nd2);
        }
    } else if (nd >= 3) {
        /* run together: hhmm (PostgreSQL has no hhmmss here) */
        m = h % 100, h /= 100;
    }
    if (h > 15 || m > 59 || s > 59) return E_TZDISP;
    if (f->has_tz) return E_SYNTAX;
    f->has_tz = true;
    f->tzoff = sign * (int)(h * 3600 + m * 60 + s);
    *pp = p;
    return 0;
}

static int add_loose(DtFields *f, long x, int nd)
{
    if (f->nloose >= 3) return E_SYNTAX;
    f->loose[f->nloose] = (int)(x > 2000000000 ? 2000000000 : x);
    f->loose_digits[f->nloose++] = nd;
    return 0;
}

static void set_year(DtFields *f, int y, int nd)
{
    f->year = y;
    f->year_digits = nd;
    f->has_year = true;
}

/* Words of PostgreSQL's datetktbl that a digit may follow (not zones). */
static bool date_keyword(const char *w)
{
    static const char *const kw[] = {"ad", "allballs", "am", "at", "bc", "d", "dow", "doy", "dst", "epoch", "h",
                                     "infinity", "isodow", "isoyear", "jd", "julian", "m", "mm", "now", "on", "pm",
                                     "s", "today", "tomorrow", "y", "yesterday", "z"};
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
        if (!strcmp(w, kw[i])) return true;
    for (size_t i = 0; i < sizeof wdays / sizeof wdays[0]; i++)
        if (!strcmp(w, wdays[i])) return true;
    return false;
}

/* A word: month, weekday, am/pm, bc/ad, zone, special. w is lower case. */
static int word(DtFields *f, const char *w, const char *orig, size_t olen)
{
    int m = month_of(w);
    if (m) {
        if (f->has_mon) return E_SYNTAX;
        f->mon = m, f->has_mon = true;
        return 0;
    }
    for (size_t i = 0; i < sizeof wdays / sizeof wdays[0]; i++)
        if (!strcmp(w, wdays[i])) return 0;
    if (!strcmp(w, "am") || !strcmp(w, "a.m.")) return f->ampm ? E_SYNTAX : (f->ampm = 1, 0);
    if (!strcmp(w, "pm") || !strcmp(w, "p.m.")) return f->ampm ? E_SYNTAX : (f->ampm = 2, 0);
    if (!strcmp(w, "bc")) return f->bc = true, 0;
    if (!strcmp(w, "ad")) return f->ad = true, 0;
    static const struct { const char *w; int sp; } specials[] = {
        {"epoch", SP_EPOCH}, {"infinity", SP_INF}, {"now", SP_NOW}, {"today", SP_TODAY},
        {"tomorrow", SP_TOMORROW}, {"yesterday", SP_YESTERDAY}};
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
        if (!strcmp(w, specials[i].w)) {
            if (f->special) return E_SYNTAX;
            f->special = specials[i].sp;
            return 0;
        }
    if (!strcmp(w, "z") || !strcmp(w, "zulu") || !strcmp(w, "utc") || !strcmp(w, "gmt") || !strcmp(w, "ut")) {
        if (f->has_tz) return E_SYNTAX;
        f->has_tz = true;
        f->tzoff = 0;
        return 0;
    }
    int aoff;
    if (dt_tz_abbrev(w, &aoff)) {
        if (f->has_tz) return E_SYNTAX;
        f->has_tz = true;
        f->tzoff = aoff;
        return 0;
    }
    /* A zone name (as written: zoneinfo names are case-sensitive files). */
    if (olen < sizeof f->tzname && (strchr(w, '/') || olen > 3)) {
        char nm[104];
        memcpy(nm, orig, olen);
        nm[olen] = '\0';
        /* with a digit ("EST5EDT", a POSIX spec) it is a zone name too */
        bool zoneish = strchr(nm, '/') || strpbrk(nm, "0123456789");
        if (dt_tz_valid(nm) && zoneish) {
            if (f->has_tz) return E_SYNTAX;
            f->has_tz = true;
            memcpy(f->tzname, nm, olen + 1);
            return 0;
        }
        /* DecodeDateTime: after a month and day, punctuated words are zone
         * names, and an unknown one is reported by its (lower-case) name */
        if (zoneish && f->has_mon && f->has_mday && strlen(w) < sizeof f->tzname) {
            strcpy(f->tzname, w);
            return E_BADZONE;
        }
    }
    if (strlen(w) <= 5 && f->has_time) return E_TZ;
    return E_SYNTAX;
}

/* A date written with separators: up to three fields, numbers or a month
 * name. */
static int date_fields(DtFields *f, char fld[3][16], int nd[3], int n)
{
    if (f->has_date_tok) return E_SYNTAX;
    f->has_date_tok = true;
    if (n == 2) {
        /* ISO year and day of year: "2024-001". "Jan-08" and other
         * two-field forms are not supported. */
        if (nd[0] == 4 && nd[1] == 3) {
            int y = atoi(fld[0]), doy = atoi(fld[1]);
            if (doy < 1 || doy > 366) return E_FIELD;
            int yd, md, dd;
            /* PostgreSQL lets day 366 of a common year roll over */
            dt_j2date(dt_date2j(y, 1, 1) + doy - 1, &yd, &md, &dd);
            set_year(f, yd, 4);
            f->mon = md, f->mday = dd;
            f->has_mon = f->has_mday = true;
            return 0;
        }
        return E_SYNTAX;
    }
    int mi = -1;
    for (int i = 0; i < 3; i++)
        if (!nd[i]) {
            int m = month_of(fld[i]);
            if (!m || mi >= 0) return E_SYNTAX;
            mi = i;
            f->mon = m;
        }
    long v[3];
    for (int i = 0; i < 3; i++) v[i] = nd[i] ? strtol(fld[i], NULL, 10) : 0;
    if (mi >= 0) {
        f->has_mon = true;
        if (mi == 0) { /* Mon-DD-YYYY */
            f->mday = (int)v[1], set_year(f, (int)v[2], nd[2]);
        } else if (mi == 1) {
            if (nd[0] > 2 || v[0] > 31) f->mday = (int)v[2], set_year(f, (int)v[0], nd[0]);
            else f->mday = (int)v[0], set_year(f, (int)v[2], nd[2]);
        } else {
            return E_SYNTAX;
        }
        f->has_mday = true;
        return 0;
    }
    int yi, mo, di;
    OmDateOrder order = om_params()->date_order;
    if (nd[0] > 2) yi = 0, mo = 1, di = 2;
    else if (order == OM_DATEORDER_DMY) di = 0, mo = 1, yi = 2;
    else if (order == OM_DATEORDER_YMD) yi = 0, mo = 1, di = 2;
    else mo = 0, di = 1, yi = 2;
    set_year(f, (int)(v[yi] > 2000000000 ? 2000000000 : v[yi]), nd[yi]);
    f->mon = (int)(v[mo] > 99 ? 99 : v[mo]);
    f->mday = (int)(v[di] > 99 ? 99 : v[di]);
    f->has_mon = f->has_mday = true;
    if (f->mon > 12) return E_MDFIELD;
    return 0;
}

/* A date with separators starting at *pp: fields of digits or letters
 * joined by one separator character. */
static int date_token(const char **pp, const char *end, DtFields *f)
{
    const char *p = *pp;
    if (f->has_time) return E_SYNTAX;
    char sep = 0;
    char fld[3][16];
    int nds[3], n = 0;
    while (n < 3) {
        int k = 0;
        bool digits = p < end && isdig(*p);
        while (p < end && (digits ? isdig(*p) : isalph(*p))) {
            if (k < 15) fld[n][k++] = lower(*p);
            else return E_SYNTAX;
            p++;
        }
        if (!k) return E_SYNTAX;
        fld[n][k] = '\0';
        nds[n++] = digits ? k : 0;
        if (!sep && p < end && (*p == '-' || *p == '/' || *p == '.')) sep = *p;
        if (n < 3 && p + 1 < end && *p == sep && (isdig(p[1]) || isalph(p[1]))) p++;
        else break;
    }
    int rc = date_fields(f, fld, nds, n);
    if (rc) return rc;
    /* ISO 8601's T between date and time */
    if (p + 1 < end && (*p == 'T' || *p == 't') && isdig(p[1])) p++;
    *pp = p;
    return 0;
}

static int tokenize(const char *s, size_t len, DtFields *f)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        char c = *p;
        if (ty_isspace((unsigned char)c) || c == ',') {
            p++;
            continue;
        }
        if (isdig(c)) {
            const char *st = p;
            long x = 0;
            int nd = 0;
            while (p < end && isdig(*p)) {
                if (nd < 10) x = x * 10 + (*p - '0');
                nd++;
                p++;
            }
            if (p < end && *p == ':') {
                p = st;
                int rc = parse_time(&p, end, f);
                if (rc) return rc;
                continue;
            }
            if (p + 1 < end && (*p == '-' || *p == '/' || *p == '.') && (isdig(p[1]) || isalph(p[1])) &&
                !(f->has_date_tok && *p == '-')) {
                p = st;
                int rc = date_token(&p, end, f);
                if (rc) return rc;
                continue;
            }
            if (nd == 8 && !f->has_date_tok && !f->has_mon) {
                f->has_date_tok = true;
                set_year(f, (int)(x / 10000), 4);
                f->mon = (int)(x / 100 % 100), f->mday = (int)(x % 100);
                f->has_mon = f->has_mday = true;
                if (p + 1 < end && (*p == 'T' || *p == 't') && isdig(p[1])) p++;
                continue;
            }
            if (nd == 6 && f->has_date_tok && !f->has_time && (p >= end || !isdig(*p))) {
                /* hhmmss after a date (ISO basic format) */
                f->has_time = true;
                f->hour = (int)(x / 10000), f->min = (int)(x / 100 % 100), f->sec = (int)(x % 100);
                if (f->min > 59 || f->sec > 60 || f->hour > 24) return E_FIELD;
                continue;
            }
            if (nd == 6 && !f->has_date_tok && !f->has_mon) {
                f->has_date_tok = true;
                set_year(f, (int)(x / 10000), 2);
                f->mon = (int)(x / 100 % 100), f->mday = (int)(x % 100);
                f->has_mon = f->has_mday = true;
                continue;
            }
            if (p < end && isalph(*p) && !(*p == 'T' || *p == 't')) {
                /* "8jan" style is not supported */
            }
            int rc = add_loose(f, nd > 10 ? 2000000000 : x, nd);
            if (rc) return rc;
            continue;
        }
        if ((c == '+' || c == '-') && p + 1 < end && isdig(p[1]) && (f->has_time || f->has_date_tok)) {
            int rc = parse_offset(&p, end, f);
            if (rc) return rc;
            continue;
        }
        if (isalph(c)) {
            /* "Jan-08-1999": a month name starting a date with separators */
            const char *q = p;
            char mw[16];
            size_t mk = 0;
            while (q < end && isalph(*q) && mk < 15) mw[mk++] = lower(*q++);
            mw[mk] = '\0';
            if (q + 1 < end && (*q == '-' || *q == '/' || *q == '.') && isdig(q[1]) && month_of(mw)) {
                int rc = date_token(&p, end, f);
                if (rc) return rc;
                continue;
            }
        }
        if (isalph(c) || ((c == '-' || c == '+') && p + 1 < end && isalph(p[1]))) {
            const char *st = p;
            char w[112];
            size_t k = 0;
            if (c == '-' || c == '+') {
                /* -infinity / +infinity */
                w[k++] = c;
                p++;
            }
            while (p < end && (isalph(*p) || *p == '.' || *p == '_' || *p == '/' ||
                               (k > 0 && strchr(w, '/') && (isdig(*p) || *p == '-' || *p == '+')))) {
                if (k + 1 >= sizeof w) return E_SYNTAX;
                w[k++] = lower(*p);
                w[k] = '\0';
                p++;
            }
            w[k] = '\0';
            /* ParseDateTime: letters followed by a digit that are no date
             * keyword start a zone name ("EST5EDT", "xxx3yyy") */
            if (p < end && isdig(*p) && isalph(w[0]) && !strchr(w, '/') && !month_of(w) && strcmp(w, "j") &&
                strcmp(w, "t") && strcmp(w, "utc") && strcmp(w, "gmt") && !date_keyword(w)) {
                while (p < end && (isalph(*p) || isdig(*p) || strchr("+-/_.:", *p))) {
                    if (k + 1 >= sizeof w) return E_SYNTAX;
                    w[k++] = lower(*p++);
                }
                w[k] = '\0';
            }
            if (!strcmp(w, "-infinity")) {
                if (f->special) return E_SYNTAX;
                f->special = w[0] == '-' ? SP_NINF : SP_INF;
                continue;
            }
            if (w[0] == '-' || w[0] == '+') return E_SYNTAX;
            if (!strcmp(w, "j") && p < end && isdig(*p) && !f->has_date_tok) {
                long jd = 0;
                while (p < end && isdig(*p)) {
                    if (jd < 100000000) jd = jd * 10 + (*p - '0');
                    p++;
                }
                int y, m, d;
                if (jd > DT_DATE_END_JULIAN) return E_FIELD;
                dt_j2date((int)jd, &y, &m, &d);
                f->has_date_tok = true;
                set_year(f, y, 4);
                if (y <= 0) f->ad = true; /* already astronomical */
                f->mon = m, f->mday = d;
                f->has_mon = f->has_mday = true;
                continue;
            }
            if ((!strcmp(w, "utc") || !strcmp(w, "gmt")) && p + 1 < end && (*p == '+' || *p == '-') && isdig(p[1])) {
                /* POSIX style: UTC+3 is three hours west */
                DtFields tmp = {0};
                int rc = parse_offset(&p, end, &tmp);
                if (rc) return rc;
                if (f->has_tz) return E_SYNTAX;
                f->has_tz = true;
                f->tzoff = -tmp.tzoff;
                continue;
            }
            /* "T" alone before a time */
            if (!strcmp(w, "t") && p < end && isdig(*p)) continue;
            /* "a.m." style words end in '.', but a trailing '.' on a month ("Jan.") is fine */
            size_t wl = strlen(w);
            if (wl > 1 && w[wl - 1] == '.' && strcmp(w, "a.m.") && strcmp(w, "p.m.")) w[--wl] = '\0';
            int rc = word(f, w, st, (size_t)(p - st));
            if (rc) return rc;
            continue;
        }
        return E_SYNTAX;
    }
    return 0;
}

/* Loose numbers and checks → a complete date (and time). */
static int finish_fields(DtFields *f, bool need_date)
{
    for (int i = 0; i < f->nloose; i++) {
        int x = f->loose[i], nd = f->loose_digits[i];
        if (!f->has_mon) return E_SYNTAX;
        if (!f->has_mday && nd <= 2 && !f->has_year) f->mday = x, f->has_mday = true;
        else if (!f->has_year) set_year(f, x, nd);
        else if (!f->has_mday) f->mday = x, f->has_mday = true;
        else return E_SYNTAX;
    }
    if (need_date && !(f->has_year && f->has_mon && f->has_mday)) return E_SYNTAX;
    if (f->has_year) {
        if (f->bc) {
            if (f->year <= 0) return E_FIELD;
            f->year = 1 - f->year;
        } else if (f->year_digits <= 2 && f->year_digits > 0 && !f->ad) {
            f->year += f->year < 70 ? 2000 : 1900;
        } else if (f->year == 0 && !f->ad) {
            return E_FIELD;
        }
    }
    if (f->ampm) {
        if (f->hour < 1 || f->hour > 12) return E_FIELD;
        if (f->ampm == 1 && f->hour == 12) f->hour = 0;
        else if (f->ampm == 2 && f->hour != 12) f->hour += 12;
    }
    if (f->has_mon && (f->mon < 1 || f->mon > 12)) return E_FIELD;
    if (f->has_mday && (f->mday < 1 || f->mday > 31)) return E_MDFIELD;
    if (f->has_mday && f->has_year && f->mday > dt_days_in_month(f->year, f->mon)) return E_FIELD;
    if (f->hour == 24 && (f->min || f->sec || f->usec)) return E_FIELD;
    return 0;
}

static int dt_error(int rc, const char *tname, const char *s, size_t len, OmError *err)
{
    if (type_utf8_check(s, len, err) < 0) return -1;
    switch (rc) {
    case E_FIELD:
        return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date/time field value out of range: \"%.*s\"",
                       (int)len, s);
    case E_MDFIELD:
        err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date/time field value out of range: \"%.*s\"", (int)len, s);
        err_hint(err, "Perhaps you need a different \"datestyle\" setting.");
        return -1;
    case E_TZDISP:
        return err_set(err, ERRCODE_INVALID_TIME_ZONE_DISPLACEMENT_VALUE, "time zone displacement out of range: \"%.*s\"",
                       (int)len, s);
    case E_TZ:
        return err_set(err, ERRCODE_INVALID_DATETIME_FORMAT, "invalid input syntax for type %s: \"%.*s\"", tname,
                       (int)len, s);
    default:
        return err_set(err, ERRCODE_INVALID_DATETIME_FORMAT, "invalid input syntax for type %s: \"%.*s\"", tname,
                       (int)len, s);
    }
}

static const char *dt_tname(OmTypeId t)
{
    return t == OM_T_DATE ? "date" : t == OM_T_TIMESTAMP ? "timestamp" : "timestamp with time zone";
}

int dt_parse(OmTypeId t, const char *s, size_t len, int64_t *out, OmError *err)
{
    DtFields f;
    memset(&f, 0, sizeof f);
    const char *tname = dt_tname(t);
    int rc = tokenize(s, len, &f);
    if (rc == 0 && f.special) {
        bool alone = !f.has_date_tok && !f.has_mon && !f.nloose && !f.has_year;
        if (!alone || ((f.special == SP_INF || f.special == SP_NINF || f.special == SP_EPOCH || f.special == SP_NOW) &&
                       (f.has_time || f.has_tz)))
            rc = E_SYNTAX;
    }
    if (rc == 0 && !f.special) rc = finish_fields(&f, true);
    if (rc == E_BADZONE)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "time zone \"%s\" not recognized", f.tzname);
    if (rc) return dt_error(rc, tname, s, len, err);

    if (f.special == SP_INF || f.special == SP_NINF) {
        bool pos = f.special == SP_INF;
        if (t == OM_T_DATE) *out = pos ? DT_DATE_NOEND : DT_DATE_NOBEGIN;
        else *out = pos ? DT_TS_NOEND : DT_TS_NOBEGIN;
        return 0;
    }
    int64_t ts;
    if (f.special == SP_EPOCH) {
        ts = t == OM_T_DATE ? 0 : -DT_UNIX_SHIFT * DT_USECS_PER_SEC;
        if (t == OM_T_DATE) {
            *out = DT_UNIX_EPOCH_JDATE - DT_POSTGRES_EPOCH_JDATE;
            return 0;
        }
        *out = ts;
        return 0;
    }
    if (f.special) {
        /* now / today / tomorrow / yesterday, in the session's zone */
        int64_t now = dt_txn_start();
        if (f.special == SP_NOW && t == OM_T_TIMESTAMPTZ) {
            *out = now;
            return 0;
        }
        int64_t local = dt_tstz_to_local(now, NULL);
        if (f.special != SP_NOW) {
            local = floordiv64(local, DT_USECS_PER_DAY) * DT_USECS_PER_DAY;
            if (f.special == SP_TOMORROW) local += DT_USECS_PER_DAY;
            if (f.special == SP_YESTERDAY) local -= DT_USECS_PER_DAY;
            if (f.has_time)
                local += (((int64_t)f.hour * 60 + f.min) * 60 + f.sec) * DT_USECS_PER_SEC + f.usec;
        }
        if (t == OM_T_DATE) *out = floordiv64(local, DT_USECS_PER_DAY);
        else if (t == OM_T_TIMESTAMP) *out = local;
        else *out = dt_local_to_tstz(local);
        return 0;
    }
    if (t == OM_T_DATE) {
        if (!julian_ok(f.year, f.mon, f.mday))
            goto date_range;
        int64_t d = (int64_t)dt_date2j(f.year, f.mon, f.mday) - DT_POSTGRES_EPOCH_JDATE;
        *out = d;
        return 0;
    date_range:
        if (type_utf8_check(s, len, err) < 0) return -1;
        return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range: \"%.*s\"", (int)len, s);
    }
    DtTm tm = {f.year, f.mon, f.mday, f.hour, f.min, f.sec, f.usec};
    /* 24:00:00 and leap second 60 roll over, as tm2timestamp's arithmetic does */
    if (!dt_tm2ts(&tm, &ts)) goto ts_range;
    if (t == OM_T_TIMESTAMPTZ) {
        int off;
        if (f.has_tz && !f.tzname[0]) {
            off = f.tzoff;
        } else {
            int64_t secs = floordiv64(ts, DT_USECS_PER_SEC) + DT_UNIX_SHIFT;
            if (!dt_tz_offset_local(f.tzname[0] ? f.tzname : dt_session_tz(), secs, &off)) off = 0;
        }
        ts -= (int64_t)off * DT_USECS_PER_SEC;
        if (!dt_ts_valid(ts)) goto ts_range;
    }
    *out = ts;
    return 0;
ts_range:
    if (type_utf8_check(s, len, err) < 0) return -1;
    return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range: \"%.*s\"", (int)len, s);
}

int64_t dt_ts_typmod(int64_t t, int32_t typmod)
{
    if (typmod < 0 || typmod >= 6 || !dt_ts_finite(t)) return t;
    static const int64_t scales[6] = {1000000, 100000, 10000, 1000, 100, 10};
    int64_t scale = scales[typmod], off = scale / 2;
    return t >= 0 ? ((t + off) / scale) * scale : -((((-t) + off) / scale) * scale);
}

/* ---- output ------------------------------------------------------------------------- */

static int fmt_date(char *b, int y, int m, int d)
{
    return sprintf(b, "%04d-%02d-%02d", y > 0 ? y : 1 - y, m, d);
}

static int fmt_time(char *b, int h, int mi, int s, int32_t us)
{
    int n = sprintf(b, "%02d:%02d:%02d", h, mi, s);
    if (us) {
        n += sprintf(b + n, ".%06d", (int)us);
        while (b[n - 1] == '0') n--;
        b[n] = '\0';
    }
    return n;
}

static const char *const mon_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const day_abbr[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

/* The date part under DateStyle SQL / Postgres / German (EncodeDateOnly). */
static int fmt_date_style(char *b, OmDateStyle st, OmDateOrder ord, int y, int m, int d)
{
    int yy = y > 0 ? y : 1 - y;
    switch (st) {
    case OM_DATESTYLE_SQL:
        return ord == OM_DATEORDER_DMY ? sprintf(b, "%02d/%02d/%04d", d, m, yy) : sprintf(b, "%02d/%02d/%04d", m, d, yy);
    case OM_DATESTYLE_GERMAN: return sprintf(b, "%02d.%02d.%04d", d, m, yy);
    default:
        return ord == OM_DATEORDER_DMY ? sprintf(b, "%02d-%02d-%04d", d, m, yy) : sprintf(b, "%02d-%02d-%04d", m, d, yy);
    }
}

/* timestamp[tz] under a non-ISO DateStyle (EncodeDateTime); zone abbreviation
 * from the session's zone for timestamptz. */
static int fmt_ts_style(char *b, OmTypeId t, int64_t v)
{
    const OmSessionParams *pp = om_params();
    int off = 0;
    const char *abbr = NULL;
    int64_t local = v;
    if (t == OM_T_TIMESTAMPTZ) {
        local = dt_tstz_to_local(v, &off);
        int64_t secs = floordiv64(v, DT_USECS_PER_SEC) + DT_UNIX_SHIFT;
        int o2;
        if (!dt_tz_offset_utc(dt_session_tz(), secs, &o2, &abbr)) abbr = NULL;
    }
    DtTm tm;
    dt_ts2tm(local, &tm);
    int n;
    int yy = tm.year > 0 ? tm.year : 1 - tm.year;
    if (pp->date_style == OM_DATESTYLE_POSTGRES) {
        int dow = dt_j2day(dt_date2j(tm.year, tm.mon, tm.mday));
        n = sprintf(b, "%s ", day_abbr[dow]);
        if (pp->date_order == OM_DATEORDER_DMY) n += sprintf(b + n, "%02d %s", tm.mday, mon_abbr[tm.mon - 1]);
        else n += sprintf(b + n, "%s %02d", mon_abbr[tm.mon - 1], tm.mday);
        n += sprintf(b + n, " %02d:%02d:%02d", tm.hour, tm.min, tm.sec);
        if (tm.usec) {
            n += sprintf(b + n, ".%06d", (int)tm.usec);
            while (b[n - 1] == '0') n--;
            b[n] = '\0';
        }
        n += sprintf(b + n, " %04d", yy);
    } else {
        n = fmt_date_style(b, pp->date_style, pp->date_order, tm.year, tm.mon, tm.mday);
        b[n++] = ' ';
        n += fmt_time(b + n, tm.hour, tm.min, tm.sec, tm.usec);
    }
    if (t == OM_T_TIMESTAMPTZ) {
        /* an abbreviation when the zone has a real one, else the offset */
        if (abbr && *abbr) {
            n += sprintf(b + n, " %.15s", abbr);
        } else {
            int a = off < 0 ? -off : off;
            n += sprintf(b + n, "%c%02d", off < 0 ? '-' : '+', a / 3600);
            if (a % 3600) n += sprintf(b + n, ":%02d", a % 3600 / 60);
        }
    }
    if (tm.year <= 0) n += sprintf(b + n, " BC");
    return n;
}

int dt_format(OmTypeId t, int64_t v, char *b)
{
    OmDateStyle style = om_params()->date_style;
    if (t == OM_T_DATE) {
        int32_t d = (int32_t)v;
        if (d == DT_DATE_NOBEGIN) return sprintf(b, "-infinity");
        if (d == DT_DATE_NOEND) return sprintf(b, "infinity");
        int y, m, dd;
        dt_j2date(d + DT_POSTGRES_EPOCH_JDATE, &y, &m, &dd);
        int n = style == OM_DATESTYLE_ISO ? fmt_date(b, y, m, dd)
                                          : fmt_date_style(b, style, om_params()->date_order, y, m, dd);
        if (y <= 0) n += sprintf(b + n, " BC");
        return n;
    }
    if (v == DT_TS_NOBEGIN) return sprintf(b, "-infinity");
    if (v == DT_TS_NOEND) return sprintf(b, "infinity");
    if (style != OM_DATESTYLE_ISO) return fmt_ts_style(b, t, v);
    int off = 0;
    int64_t local = t == OM_T_TIMESTAMPTZ ? dt_tstz_to_local(v, &off) : v;
    DtTm tm;
    dt_ts2tm(local, &tm);
    int n = fmt_date(b, tm.year, tm.mon, tm.mday);
    b[n++] = ' ';
    n += fmt_time(b + n, tm.hour, tm.min, tm.sec, tm.usec);
    if (t == OM_T_TIMESTAMPTZ) {
        int a = off < 0 ? -off : off;
        n += sprintf(b + n, "%c%02d", off < 0 ? '-' : '+', a / 3600);
        if (a % 3600) n += sprintf(b + n, ":%02d", a % 3600 / 60);
        if (a % 60) n += sprintf(b + n, ":%02d", a % 60);
    }
    if (tm.year <= 0) n += sprintf(b + n, " BC");
    return n;
}
