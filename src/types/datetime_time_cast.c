/*
 * datetime_time_cast.c — output of time and time with time zone, and every
 * cast from or to them: PostgreSQL 15's pg_cast rows (time ↔ interval,
 * time → timetz, timestamp[tz] → time, timestamptz → timetz, timetz → time)
 * and the I/O conversions with the string types.
 *
 * datetime_cast.c hands casts involving time or timetz here; io.c calls the
 * formatters.
 *
 * Interface routines (datetime.h): dt_time_format, dt_timetz_format,
 * dt_time_can_coerce, dt_time_cast_vec.
 */
#include <stdio.h>
#include <string.h>

#include "datetime.h"
#include "types_int.h"

/* ---- output (EncodeTimeOnly, EncodeTimezone) ------------------------------------------ */

int dt_time_format(int64_t t, char *b)
{
    int64_t h = t / INT64_C(3600000000);
    t -= h * INT64_C(3600000000);
    int64_t m = t / 60000000;
    t -= m * 60000000;
    int64_t s = t / 1000000, us = t - s * 1000000;
    int n = sprintf(b, "%02d:%02d:%02d", (int)h, (int)m, (int)s);
    if (us) {
        n += sprintf(b + n, ".%06d", (int)us);
        while (b[n - 1] == '0') n--;
        b[n] = '\0';
    }
    return n;
}

int dt_timetz_format(int64_t t, int32_t zone, char *b)
{
    int n = dt_time_format(t, b);
    /* zone is seconds west: -08 is stored as 28800 */
    int64_t a = zone < 0 ? -(int64_t)zone : zone;
    int64_t h = a / 3600, m = a / 60 % 60, s = a % 60;
    n += sprintf(b + n, "%c%02lld", zone <= 0 ? '+' : '-', (long long)h);
    if (s) n += sprintf(b + n, ":%02lld:%02lld", (long long)m, (long long)s);
    else if (m) n += sprintf(b + n, ":%02lld", (long long)m);
    return n;
}

/* ---- which casts exist ------------------------------------------------------------------ */

bool dt_time_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc)
{
    if (from == to) return true;
    if (from == OM_T_NULL || from == OM_T_UNKNOWN) return to != OM_T_NULL && to != OM_T_UNKNOWN;
    /* pg_cast: time → interval and time → timetz are implicit; the rest
     * that exist are assignment casts. */
    if (from == OM_T_TIME && (to == OM_T_INTERVAL || to == OM_T_TIMETZ)) return true;
    if (to == OM_T_TIME && (from == OM_T_TIMESTAMP || from == OM_T_TIMESTAMPTZ || from == OM_T_INTERVAL ||
                            from == OM_T_TIMETZ))
        return cc >= OM_COERCE_ASSIGNMENT;
    if (to == OM_T_TIMETZ && from == OM_T_TIMESTAMPTZ) return cc >= OM_COERCE_ASSIGNMENT;
    /* I/O conversions */
    if (type_is_string(to)) return cc >= OM_COERCE_ASSIGNMENT;
    if (type_is_string(from)) return cc >= OM_COERCE_EXPLICIT;
    return false;
}

/* ---- running them ----------------------------------------------------------------------- */

static int64_t floordiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && ((a < 0) != (b < 0))); }

/* Time of day of a local timestamp. */
static int64_t tod(int64_t local) { return local - floordiv(local, DT_USECS_PER_DAY) * DT_USECS_PER_DAY; }

static int64_t get_i64(const OmVector *v, int i) { return ((const int64_t *)v->data)[i]; }
static OmInterval get_iv(const OmVector *v, int i) { return ((const OmInterval *)v->data)[i]; }

static int to_string(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, int i, MemCtx *ctx,
                     OmError *err)
{
    char buf[64];
    int len = from.id == OM_T_TIME ? dt_time_format(get_i64(in, i), buf)
                                   : dt_timetz_format(get_iv(in, i).usec, get_iv(in, i).days, buf);
    size_t keep, pad;
    if (ty_str_fit(to.id, to.typmod, expl, buf, (size_t)len, &keep, &pad, err) < 0) return -1;
    char *p = mem_alloc(ctx, keep + pad + 1);
    memcpy(p, buf, keep);
    memset(p + keep, ' ', pad);
    p[keep + pad] = '\0';
    ((OmStr *)out->data)[i].ptr = p;
    ((OmStr *)out->data)[i].len = (uint32_t)(keep + pad);
    return 0;
}

int dt_time_cast_vec(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, const uint16_t *sel,
                     int n, MemCtx *ctx, OmError *err)
{
    bool fs = type_is_string(from.id) || from.id == OM_T_UNKNOWN;
    bool ts = type_is_string(to.id) || to.id == OM_T_UNKNOWN;
    for (int k = 0; k < n; k++) {
        int i = sel ? sel[k] : k;
        if (om_vec_is_null(in, i)) continue;
        int64_t t = 0;
        int32_t zone = 0;
        if (fs) {
            const OmStr *s = &((const OmStr *)in->data)[i];
            if (dt_time_parse(to.id, s->ptr, s->len, to.typmod, &t, &zone, err) < 0) return -1;
        } else if (ts) {
            if (to_string(from, to, expl, in, out, i, ctx, err) < 0) return -1;
            continue;
        } else if (from.id == to.id) {
            if (to.id == OM_T_TIME) t = get_i64(in, i);
            else t = get_iv(in, i).usec, zone = get_iv(in, i).days;
        } else if (from.id == OM_T_TIME && to.id == OM_T_INTERVAL) {
            OmInterval v = {get_i64(in, i), 0, 0};
            ((OmInterval *)out->data)[i] = to.typmod >= 0 ? dt_interval_typmod(v, to.typmod) : v;
            continue;
        } else if (from.id == OM_T_TIME) { /* → timetz: the session zone's offset today */
            t = get_i64(in, i);
            zone = dt_session_zone_at(dt_current_jday(), t);
        } else if (from.id == OM_T_TIMETZ) { /* → time */
            t = get_iv(in, i).usec;
        } else if (from.id == OM_T_INTERVAL) { /* → time: the time part modulo a day */
            t = get_iv(in, i).usec % DT_USECS_PER_DAY;
            if (t < 0) t += DT_USECS_PER_DAY;
        } else if (from.id == OM_T_TIMESTAMP || from.id == OM_T_TIMESTAMPTZ) {
            int64_t x = get_i64(in, i);
            if (!dt_ts_finite(x)) { /* timestamp_time: infinity has no time of day */
                om_vec_set_null(out, i, true);
                continue;
            }
            int off = 0;
            if (from.id == OM_T_TIMESTAMPTZ) x = dt_tstz_to_local(x, &off);
            t = tod(x);
            zone = -off;
        } else {
            return err_set(err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s", type_name_be(from.id),
                           type_name_be(to.id));
        }
        t = dt_time_typmod(t, to.typmod);
        if (to.id == OM_T_TIME) ((int64_t *)out->data)[i] = t;
        else ((OmInterval *)out->data)[i] = dt_timetz(t, zone);
    }
    return 0;
}
