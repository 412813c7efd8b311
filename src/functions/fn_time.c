/*
 * fn_time.c — operators and functions of time and time with time zone:
 * time - time, time/timetz ± interval (wrapping around midnight), date +
 * time[tz] and time[tz] + date, CURRENT_TIME / LOCALTIME (the binder maps the
 * SQL value functions here), extract / date_part, make_time, overlaps,
 * AT TIME ZONE on timetz, and the callable casts timetz(…) / timestamptz(date,
 * time[tz]).
 *
 * Comparisons are the executor's kernels (time as int64, timetz by
 * dt_timetz_cmp); the values' layout is in types/datetime.h.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../types/datetime.h"
#include "fn_tables.h"

#define ARGS FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n

static inline int64_t tm_of(const OmVector *v, int i) { return ((const int64_t *)v->data)[i]; }
static inline OmInterval tz_of(const OmVector *v, int i) { return ((const OmInterval *)v->data)[i]; }
static inline void put_time(OmVector *o, int i, int64_t t)
{
    ((int64_t *)o->data)[i] = t;
    om_vec_set_null(o, i, false);
}
static inline void put_timetz(OmVector *o, int i, int64_t t, int32_t zone)
{
    ((OmInterval *)o->data)[i] = dt_timetz(t, zone);
    om_vec_set_null(o, i, false);
}

/* time_pl_interval's wrap: only the interval's time part counts, the result
 * is taken modulo a day (so 24:00:00 + 0 is 00:00:00). */
static int64_t wrap_day(int64_t t)
{
    t -= t / DT_USECS_PER_DAY * DT_USECS_PER_DAY;
    return t < 0 ? t + DT_USECS_PER_DAY : t;
}

/* Both summands are bounded (a time, and an interval's usec that may be any
 * int64): reduce the interval first so the sum cannot overflow. */
static int64_t time_add(int64_t t, int64_t span) { return wrap_day(t + span % DT_USECS_PER_DAY); }
static int64_t time_sub(int64_t t, int64_t span) { return wrap_day(t - span % DT_USECS_PER_DAY); }

/* ---- arithmetic ------------------------------------------------------------------------ */

static int fn_time_mi_time(ARGS)
{
    (void)fc;
    SEL_LOOP {
        OmInterval r = {tm_of(a[0], i) - tm_of(a[1], i), 0, 0};
        ((OmInterval *)o->data)[i] = r;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_time_pl_iv(ARGS)
{
    (void)fc;
    SEL_LOOP put_time(o, i, time_add(tm_of(a[0], i), tz_of(a[1], i).usec));
    return 0;
}

static int fn_iv_pl_time(ARGS)
{
    (void)fc;
    SEL_LOOP put_time(o, i, time_add(tm_of(a[1], i), tz_of(a[0], i).usec));
    return 0;
}

static int fn_time_mi_iv(ARGS)
{
    (void)fc;
    SEL_LOOP put_time(o, i, time_sub(tm_of(a[0], i), tz_of(a[1], i).usec));
    return 0;
}

static int fn_timetz_pl_iv(ARGS)
{
    (void)fc;
    SEL_LOOP {
        OmInterval t = tz_of(a[0], i);
        put_timetz(o, i, time_add(t.usec, tz_of(a[1], i).usec), t.days);
    }
    return 0;
}

static int fn_iv_pl_timetz(ARGS)
{
    (void)fc;
    SEL_LOOP {
        OmInterval t = tz_of(a[1], i);
        put_timetz(o, i, time_add(t.usec, tz_of(a[0], i).usec), t.days);
    }
    return 0;
}

static int fn_timetz_mi_iv(ARGS)
{
    (void)fc;
    SEL_LOOP {
        OmInterval t = tz_of(a[0], i);
        put_timetz(o, i, time_sub(t.usec, tz_of(a[1], i).usec), t.days);
    }
    return 0;
}

/* datetime_timestamp: date + time. */
static int date_time(FnCall *fc, int32_t d, int64_t t, int64_t *out)
{
    if (d == DT_DATE_NOBEGIN) return *out = DT_TS_NOBEGIN, 0;
    if (d == DT_DATE_NOEND) return *out = DT_TS_NOEND, 0;
    if (d >= DT_TS_END_JULIAN - DT_POSTGRES_EPOCH_JDATE)
        return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp");
    *out = (int64_t)d * DT_USECS_PER_DAY + t;
    if (!dt_ts_valid(*out)) return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
    return 0;
}

/* datetimetz_timestamptz: date + timetz, the zone applied. */
static int date_timetz(FnCall *fc, int32_t d, OmInterval t, int64_t *out)
{
    if (d == DT_DATE_NOBEGIN) return *out = DT_TS_NOBEGIN, 0;
    if (d == DT_DATE_NOEND) return *out = DT_TS_NOEND, 0;
    if (d >= DT_TS_END_JULIAN - DT_POSTGRES_EPOCH_JDATE)
        return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp");
    *out = (int64_t)d * DT_USECS_PER_DAY + t.usec + (int64_t)t.days * DT_USECS_PER_SEC;
    if (!dt_ts_valid(*out))
        return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp");
    return 0;
}

static int date_time_kernel(FnCall *fc, const OmVector *dv, const OmVector *tv, OmVector *o, const uint16_t *sel,
                            int n, bool tz)
{
    int64_t *r = o->data;
    SEL_LOOP {
        int32_t d = ((const int32_t *)dv->data)[i];
        if ((tz ? date_timetz(fc, d, tz_of(tv, i), &r[i]) : date_time(fc, d, tm_of(tv, i), &r[i])) < 0) return -1;
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_date_pl_time(ARGS) { return date_time_kernel(fc, a[0], a[1], o, sel, n, false); }
static int fn_time_pl_date(ARGS) { return date_time_kernel(fc, a[1], a[0], o, sel, n, false); }
static int fn_date_pl_timetz(ARGS) { return date_time_kernel(fc, a[0], a[1], o, sel, n, true); }
static int fn_timetz_pl_date(ARGS) { return date_time_kernel(fc, a[1], a[0], o, sel, n, true); }

/* timestamptz(date, time): the local date and time in the session's zone. */
static int fn_tstz_date_time(ARGS)
{
    int64_t *r = o->data;
    SEL_LOOP {
        int64_t ts;
        if (date_time(fc, ((const int32_t *)a[0]->data)[i], tm_of(a[1], i), &ts) < 0) return -1;
        r[i] = dt_local_to_tstz(ts);
        if (!dt_ts_valid(r[i]) && dt_ts_finite(r[i]))
            return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
        om_vec_set_null(o, i, false);
    }
    return 0;
}

/* timetz(time), timetz(timestamptz), timetz(timetz, int): the casts. */
static int fn_cast_to_timetz(ARGS)
{
    OmType to = {OM_T_TIMETZ, -1};
    if (fc->nargs == 2) {
        /* timetz_scale: one typmod for the call (the argument may vary) */
        SEL_LOOP {
            int32_t p = ((const int32_t *)a[1]->data)[i];
            OmInterval t = tz_of(a[0], i);
            put_timetz(o, i, dt_time_typmod(t.usec, p), t.days);
        }
        return 0;
    }
    return type_cast_vec(fc->arg_types[0], to, OM_COERCE_EXPLICIT, a[0], o, sel, n, fc->var, fc->err);
}

/* ---- current time ----------------------------------------------------------------------- */

static int fn_current_time(ARGS)
{
    (void)fc, (void)a;
    int off;
    int64_t local = dt_tstz_to_local(dt_txn_start(), &off);
    int64_t t = local - (local / DT_USECS_PER_DAY - (local % DT_USECS_PER_DAY < 0)) * DT_USECS_PER_DAY;
    SEL_LOOP put_timetz(o, i, t, -off);
    return 0;
}

static int fn_localtime(ARGS)
{
    (void)fc, (void)a;
    int64_t local = dt_tstz_to_local(dt_txn_start(), NULL);
    int64_t t = local - (local / DT_USECS_PER_DAY - (local % DT_USECS_PER_DAY < 0)) * DT_USECS_PER_DAY;
    SEL_LOOP put_time(o, i, t);
    return 0;
}

/* ---- make_time ------------------------------------------------------------------------- */

static int fn_make_time(ARGS)
{
    SEL_LOOP {
        int h = ((const int32_t *)a[0]->data)[i], m = ((const int32_t *)a[1]->data)[i];
        double s = ((const double *)a[2]->data)[i];
        /* float_time_overflows */
        bool bad = h < 0 || h > 24 || m < 0 || m >= 60 || isnan(s);
        double us = bad ? 0 : rint(s * 1000000.0);
        if (!bad && (us < 0 || us > 60.0 * 1000000.0)) bad = true;
        if (!bad && ((int64_t)h * 60 + m) * 60 * DT_USECS_PER_SEC + (int64_t)us > DT_USECS_PER_DAY) bad = true;
        if (bad) {
            /* PostgreSQL's snprintf spells the special values out */
            char sb[32];
            if (isnan(s)) snprintf(sb, sizeof sb, "NaN");
            else if (isinf(s)) snprintf(sb, sizeof sb, "%sInfinity", s < 0 ? "-" : "");
            else snprintf(sb, sizeof sb, "%02g", s);
            return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "time field value out of range: %d:%02d:%s",
                           h, m, sb);
        }
        put_time(o, i, ((int64_t)h * 60 + m) * 60 * DT_USECS_PER_SEC + (int64_t)us);
    }
    return 0;
}

/* ---- extract / date_part ----------------------------------------------------------------- */

enum { U_NONE, U_OTHER, U_MICRO, U_MILLI, U_SECOND, U_MINUTE, U_HOUR, U_TZ, U_TZ_H, U_TZ_M, U_EPOCH, U_NOTUNIT };

/* DecodeUnits (PostgreSQL's deltatktbl, compared on TOKMAXLEN = 10 bytes),
 * then DecodeSpecial: what a unit word names for time_part_common. */
static int time_unit(const char *w)
{
    static const struct { const char *w; int u; } units[] = {
        {"@", U_NOTUNIT}, {"ago", U_NOTUNIT}, {"c", U_OTHER}, {"cent", U_OTHER}, {"centuries", U_OTHER},
        {"century", U_OTHER}, {"d", U_OTHER}, {"day", U_OTHER}, {"days", U_OTHER}, {"dec", U_OTHER},
        {"decade", U_OTHER}, {"decades", U_OTHER}, {"decs", U_OTHER}, {"h", U_HOUR}, {"hour", U_HOUR},
        {"hours", U_HOUR}, {"hr", U_HOUR}, {"hrs", U_HOUR}, {"m", U_MINUTE}, {"microsecon", U_MICRO},
        {"mil", U_OTHER}, {"millennia", U_OTHER}, {"millennium", U_OTHER}, {"millisecon", U_MILLI},
        {"mils", U_OTHER}, {"min", U_MINUTE}, {"mins", U_MINUTE}, {"minute", U_MINUTE}, {"minutes", U_MINUTE},
        {"mon", U_OTHER}, {"mons", U_OTHER}, {"month", U_OTHER}, {"months", U_OTHER}, {"ms", U_MILLI},
        {"msec", U_MILLI}, {"msecond", U_MILLI}, {"mseconds", U_MILLI}, {"msecs", U_MILLI}, {"qtr", U_OTHER},
        {"quarter", U_OTHER}, {"s", U_SECOND}, {"sec", U_SECOND}, {"second", U_SECOND}, {"seconds", U_SECOND},
        {"secs", U_SECOND}, {"timezone", U_TZ}, {"timezone_h", U_TZ_H}, {"timezone_m", U_TZ_M},
        {"us", U_MICRO}, {"usec", U_MICRO}, {"usecond", U_MICRO}, {"useconds", U_MICRO}, {"usecs", U_MICRO},
        {"w", U_OTHER}, {"week", U_OTHER}, {"weeks", U_OTHER}, {"y", U_OTHER}, {"year", U_OTHER},
        {"years", U_OTHER}, {"yr", U_OTHER}, {"yrs", U_OTHER}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (!strncmp(w, units[i].w, 10)) return units[i].u;
    /* datetktbl: its UNITS words are units time has no use for */
    static const char *const special_units[] = {"d", "dow", "doy", "h", "isodow", "isoyear", "j", "jd",
                                                "julian", "m", "mm", "s", "y"};
    if (!strncmp(w, "epoch", 10)) return U_EPOCH;
    for (size_t i = 0; i < sizeof special_units / sizeof special_units[0]; i++)
        if (!strncmp(w, special_units[i], 10)) return U_OTHER;
    return U_NONE;
}

/* time_part_common / timetz_part: numeric text in buf when numeric, else
 * *d. */
static int time_part(FnCall *fc, const OmStr *us, int64_t t, int32_t zone, bool tz, bool numeric, double *d,
                     char *buf)
{
    /* downcase_truncate_identifier: ASCII lower case, at most 63 bytes cut
     * at a character boundary */
    char w[64];
    size_t len = 0;
    while (len < us->len) {
        size_t cl = (size_t)fn_utf8_len((unsigned char)us->ptr[len]);
        if (len + cl > 63) break;
        for (size_t j = 0; j < cl; j++) {
            char c = us->ptr[len + j];
            w[len + j] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        len += cl;
    }
    w[len] = '\0';
    const char *tname = tz ? "time with time zone" : "time without time zone";
    int u = time_unit(w);
    int64_t secs_us = t % INT64_C(60000000); /* tm_sec * 1000000 + fsec */
    int64_t iv;
    switch (u) {
    case U_MICRO: iv = secs_us; break;
    case U_MILLI:
        if (numeric) fn_num_text(secs_us, 3, buf);
        else *d = (double)(secs_us / 1000000) * 1000.0 + (double)(secs_us % 1000000) / 1000.0;
        return 0;
    case U_SECOND:
        if (numeric) fn_num_text(secs_us, 6, buf);
        else *d = (double)(secs_us / 1000000) + (double)(secs_us % 1000000) / 1000000.0;
        return 0;
    case U_MINUTE: iv = t / 60000000 % 60; break;
    case U_HOUR: iv = t / INT64_C(3600000000); break;
    case U_TZ:
    case U_TZ_H:
    case U_TZ_M:
        if (!tz) goto unsupported;
        iv = u == U_TZ ? -(int64_t)zone : u == U_TZ_H ? -(int64_t)zone / 3600 : (-(int64_t)zone / 60) % 60;
        break;
    case U_EPOCH:
        if (numeric) fn_num_text(t + (int64_t)zone * DT_USECS_PER_SEC, 6, buf);
        else *d = (double)t / 1000000.0 + zone;
        return 0;
    case U_OTHER:
    unsupported:
        return err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "unit \"%s\" not supported for type %s", w, tname);
    default:
        return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "unit \"%s\" not recognized for type %s", w, tname);
    }
    if (numeric) fn_num_text(iv, 0, buf);
    else *d = (double)iv;
    return 0;
}

static int do_part(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool tz,
                   bool numeric)
{
    const OmStr *u = a[0]->data;
    SEL_LOOP {
        int64_t t;
        int32_t zone = 0;
        if (tz) t = tz_of(a[1], i).usec, zone = tz_of(a[1], i).days;
        else t = tm_of(a[1], i);
        char buf[64];
        double d = 0;
        if (time_part(fc, &u[i], t, zone, tz, numeric, &d, buf) < 0) return -1;
        if (numeric) {
            size_t len = strlen(buf);
            char *p = mem_alloc(fc->var, len + 1);
            memcpy(p, buf, len + 1);
            fn_set_str(o, i, p, len);
        } else {
            ((double *)o->data)[i] = d;
            om_vec_set_null(o, i, false);
        }
    }
    return 0;
}

static int fn_extract_time(ARGS) { return do_part(fc, a, o, sel, n, false, true); }
static int fn_extract_timetz(ARGS) { return do_part(fc, a, o, sel, n, true, true); }
static int fn_part_time(ARGS) { return do_part(fc, a, o, sel, n, false, false); }
static int fn_part_timetz(ARGS) { return do_part(fc, a, o, sel, n, true, false); }

/* ---- overlaps ------------------------------------------------------------------------ */

/* overlaps_time / overlaps_timetz on order-preserving keys: 0 false,
 * 1 true, -1 NULL. */
static int overlaps(__int128 s1, bool ns1, __int128 e1, bool ne1, __int128 s2, bool ns2, __int128 e2, bool ne2)
{
    if (ns1) {
        if (ne1) return -1;
        s1 = e1, ne1 = true;
    } else if (!ne1 && s1 > e1) {
        __int128 x = s1;
        s1 = e1, e1 = x;
    }
    if (ns2) {
        if (ne2) return -1;
        s2 = e2, ne2 = true;
    } else if (!ne2 && s2 > e2) {
        __int128 x = s2;
        s2 = e2, e2 = x;
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

/* timetz's order (dt_timetz_cmp) as one number */
static __int128 timetz_key(OmInterval v)
{
    return (((__int128)v.usec + (__int128)v.days * DT_USECS_PER_SEC) << 32) + v.days;
}

/* ivmask: which of the second and fourth arguments are intervals (added to
 * the argument before them, as PostgreSQL's SQL wrappers do). */
static int do_overlaps(const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool tz, int ivmask)
{
    uint8_t *r = o->data;
    SEL_LOOP {
        __int128 v[4] = {0, 0, 0, 0};
        bool nl[4];
        for (int j = 0; j < 4; j++) {
            nl[j] = om_vec_is_null(a[j], i);
            if ((j == 1 && (ivmask & 1)) || (j == 3 && (ivmask & 2))) {
                nl[j] = nl[j] || nl[j - 1];
                if (!nl[j]) v[j] = time_add(tm_of(a[j - 1], i), tz_of(a[j], i).usec);
            } else if (!nl[j]) {
                v[j] = tz ? timetz_key(tz_of(a[j], i)) : tm_of(a[j], i);
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

static int fn_overlaps_time(ARGS) { (void)fc; return do_overlaps(a, o, sel, n, false, 0); }
static int fn_overlaps_time_iv(ARGS) { (void)fc; return do_overlaps(a, o, sel, n, false, 3); }
static int fn_overlaps_time_iv1(ARGS) { (void)fc; return do_overlaps(a, o, sel, n, false, 1); }
static int fn_overlaps_time_iv2(ARGS) { (void)fc; return do_overlaps(a, o, sel, n, false, 2); }
static int fn_overlaps_timetz(ARGS) { (void)fc; return do_overlaps(a, o, sel, n, true, 0); }

/* ---- AT TIME ZONE on timetz -------------------------------------------------------------- */

static int64_t wrap_loop(int64_t t)
{
    t %= DT_USECS_PER_DAY;
    return t < 0 ? t + DT_USECS_PER_DAY : t;
}

/* timetz_zone: an abbreviation, else a zone's offset at the transaction's
 * start. */
static int fn_timetz_zone(ARGS)
{
    const OmStr *z = a[0]->data;
    SEL_LOOP {
        char name[256];
        if (z[i].len >= sizeof name)
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "time zone \"%.*s\" not recognized",
                           (int)z[i].len, z[i].ptr);
        memcpy(name, z[i].ptr, z[i].len);
        name[z[i].len] = '\0';
        int off;
        if (!dt_tz_abbrev(name, &off)) {
            char real[256];
            bool fixed;
            int64_t now = dt_txn_start();
            int64_t secs = now / DT_USECS_PER_SEC - (now % DT_USECS_PER_SEC < 0) + INT64_C(946684800);
            if (memchr(name, 0, z[i].len) || !dt_tz_find(name, real, sizeof real, &fixed, &off))
                return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "time zone \"%s\" not recognized", name);
            /* the zone's offset now (a spec only PostgreSQL's rules read
             * keeps its standard offset) */
            if (!fixed) dt_tz_offset_utc(real, secs, &off, NULL);
        }
        OmInterval t = tz_of(a[1], i);
        int32_t tz = -off;
        put_timetz(o, i, wrap_loop(t.usec + ((int64_t)t.days - tz) * DT_USECS_PER_SEC), tz);
    }
    return 0;
}

/* timetz_izone: a fixed offset east of UTC, whole seconds. */
static int fn_timetz_izone(ARGS)
{
    SEL_LOOP {
        OmInterval z = tz_of(a[0], i);
        if (z.months != 0 || z.days != 0) {
            char b[160];
            dt_interval_format(z, b);
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE,
                           "interval time zone \"%s\" must not include months or days", b);
        }
        /* PostgreSQL keeps the int conversion of the seconds: wrap like it */
        int32_t tz = (int32_t)(uint32_t)(uint64_t)(-(z.usec / DT_USECS_PER_SEC));
        OmInterval t = tz_of(a[1], i);
        put_timetz(o, i, wrap_loop(t.usec + ((int64_t)t.days - tz) * DT_USECS_PER_SEC), tz);
    }
    return 0;
}

#define T OM_T_TIME
#define TT OM_T_TIMETZ
#define D OM_T_DATE
#define IV OM_T_INTERVAL
#define TX OM_T_TEXT
#define I4 OM_T_INT4
#define F8 OM_T_FLOAT8
#define B OM_T_BOOL

static const FnDesc descs[] = {
    {"-", 2, {T, T}, IV, FN_STRICT, fn_time_mi_time},
    {"+", 2, {T, IV}, T, FN_STRICT, fn_time_pl_iv},
    {"+", 2, {IV, T}, T, FN_STRICT, fn_iv_pl_time},
    {"-", 2, {T, IV}, T, FN_STRICT, fn_time_mi_iv},
    {"+", 2, {TT, IV}, TT, FN_STRICT, fn_timetz_pl_iv},
    {"+", 2, {IV, TT}, TT, FN_STRICT, fn_iv_pl_timetz},
    {"-", 2, {TT, IV}, TT, FN_STRICT, fn_timetz_mi_iv},
    {"+", 2, {D, T}, OM_T_TIMESTAMP, FN_STRICT, fn_date_pl_time},
    {"+", 2, {T, D}, OM_T_TIMESTAMP, FN_STRICT, fn_time_pl_date},
    {"+", 2, {D, TT}, OM_T_TIMESTAMPTZ, FN_STRICT, fn_date_pl_timetz},
    {"+", 2, {TT, D}, OM_T_TIMESTAMPTZ, FN_STRICT, fn_timetz_pl_date},
    {"current_time", 0, {0}, TT, FN_STABLE, fn_current_time},
    {"localtime", 0, {0}, T, FN_STABLE, fn_localtime},
    {"make_time", 3, {I4, I4, F8}, T, FN_STRICT, fn_make_time},
    {"extract", 2, {TX, T}, OM_T_NUMERIC, FN_STRICT, fn_extract_time},
    {"extract", 2, {TX, TT}, OM_T_NUMERIC, FN_STRICT, fn_extract_timetz},
    {"date_part", 2, {TX, T}, F8, FN_STRICT, fn_part_time},
    {"date_part", 2, {TX, TT}, F8, FN_STRICT, fn_part_timetz},
    {"overlaps", 4, {T, T, T, T}, B, 0, fn_overlaps_time},
    {"overlaps", 4, {T, IV, T, IV}, B, 0, fn_overlaps_time_iv},
    {"overlaps", 4, {T, IV, T, T}, B, 0, fn_overlaps_time_iv1},
    {"overlaps", 4, {T, T, T, IV}, B, 0, fn_overlaps_time_iv2},
    {"overlaps", 4, {TT, TT, TT, TT}, B, 0, fn_overlaps_timetz},
    {"timezone", 2, {TX, TT}, TT, FN_STRICT | FN_STABLE, fn_timetz_zone},
    {"timezone", 2, {IV, TT}, TT, FN_STRICT, fn_timetz_izone},
    {"timetz", 1, {T}, TT, FN_STRICT | FN_STABLE, fn_cast_to_timetz},
    {"timetz", 1, {OM_T_TIMESTAMPTZ}, TT, FN_STRICT | FN_STABLE, fn_cast_to_timetz},
    {"timetz", 2, {TT, I4}, TT, FN_STRICT, fn_cast_to_timetz},
    {"timestamptz", 2, {D, T}, OM_T_TIMESTAMPTZ, FN_STRICT | FN_STABLE, fn_tstz_date_time},
    {"timestamptz", 2, {D, TT}, OM_T_TIMESTAMPTZ, FN_STRICT, fn_date_pl_timetz},
};

const FnTable fn_time_table = {descs, (int)(sizeof descs / sizeof descs[0])};
