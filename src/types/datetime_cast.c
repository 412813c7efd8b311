/*
 * datetime_cast.c — casts from and to date, timestamp and timestamptz
 * (PostgreSQL's pg_cast rows among them, and the I/O conversions with the
 * string types). cast.c hands every cast that involves one of these types
 * here; those involving time or timetz go on to datetime_time_cast.c.
 *
 * Interface routines: dt_can_coerce, dt_cast_vec (datetime.h).
 */
#include <string.h>

#include "datetime.h"
#include "types_int.h"

bool dt_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled)
{
    *handled = dt_is_datetime(from) || dt_is_datetime(to);
    if (!*handled) return false;
    if (dt_is_time(from) || dt_is_time(to)) return dt_time_can_coerce(from, to, cc);
    if (from == to) return true;
    if (from == OM_T_NULL || from == OM_T_UNKNOWN) return to != OM_T_NULL && to != OM_T_UNKNOWN;
    if (from == OM_T_INTERVAL || to == OM_T_INTERVAL) {
        if (type_is_string(to)) return cc >= OM_COERCE_ASSIGNMENT;
        if (type_is_string(from)) return cc >= OM_COERCE_EXPLICIT;
        return false;
    }
    if (dt_is_timelike(from) && dt_is_timelike(to)) {
        /* date → timestamp[tz] and timestamp → timestamptz are implicit;
         * the narrowing ones are assignment casts. */
        bool widen = from == OM_T_DATE || (from == OM_T_TIMESTAMP && to == OM_T_TIMESTAMPTZ);
        return widen || cc >= OM_COERCE_ASSIGNMENT;
    }
    if (type_is_string(to)) return cc >= OM_COERCE_ASSIGNMENT;
    if (type_is_string(from)) return cc >= OM_COERCE_EXPLICIT;
    return false;
}

static int64_t floordiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && ((a < 0) != (b < 0))); }

static inline int64_t get(OmTypeId t, const OmVector *v, int i)
{
    return t == OM_T_DATE ? ((const int32_t *)v->data)[i] : ((const int64_t *)v->data)[i];
}

static inline void put(OmType t, OmVector *v, int i, int64_t x)
{
    if (t.id == OM_T_DATE) ((int32_t *)v->data)[i] = (int32_t)x;
    else ((int64_t *)v->data)[i] = dt_ts_typmod(x, t.typmod);
}

/* One value between the date/time types. */
static int convert(OmTypeId from, OmTypeId to, int64_t x, int64_t *out, OmError *err)
{
    if (from == to) {
        *out = x;
        return 0;
    }
    if (from == OM_T_DATE) {
        int32_t d = (int32_t)x;
        if (d == DT_DATE_NOBEGIN) return *out = DT_TS_NOBEGIN, 0;
        if (d == DT_DATE_NOEND) return *out = DT_TS_NOEND, 0;
        /* date2timestamp_no_overflow's check */
        if (d >= DT_TS_END_JULIAN - DT_POSTGRES_EPOCH_JDATE)
            return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp");
        int64_t ts = (int64_t)d * DT_USECS_PER_DAY;
        if (to == OM_T_TIMESTAMPTZ) {
            ts = dt_local_to_tstz(ts);
            if (!dt_ts_valid(ts))
                return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range for timestamp");
        }
        *out = ts;
        return 0;
    }
    int64_t t = x;
    if (!dt_ts_finite(t)) {
        if (to == OM_T_DATE) *out = t == DT_TS_NOBEGIN ? DT_DATE_NOBEGIN : DT_DATE_NOEND;
        else *out = t;
        return 0;
    }
    if (from == OM_T_TIMESTAMPTZ) t = dt_tstz_to_local(t, NULL);
    if (to == OM_T_DATE) {
        *out = floordiv(t, DT_USECS_PER_DAY);
        return 0;
    }
    if (to == OM_T_TIMESTAMPTZ) {
        t = dt_local_to_tstz(t);
        if (!dt_ts_valid(t)) return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
    } else if (!dt_ts_valid(t)) {
        return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
    }
    *out = t;
    return 0;
}

void dt_cast_cmp_vec(OmTypeId from, OmTypeId to, const OmVector *in, OmVector *out, const uint16_t *sel, int n)
{
    for (int k = 0; k < n; k++) {
        int i = sel ? sel[k] : k;
        bool null = om_vec_is_null(in, i);
        om_vec_set_null(out, i, null);
        if (null) continue;
        int64_t x = get(from, in, i), v;
        OmError ignore = {0};
        if (convert(from, to, x, &v, &ignore) < 0) {
            /* Out of range: dates only overflow upwards into timestamp;
             * the time zone shift can push either way. */
            bool high = from == OM_T_DATE ? (int32_t)x > 0 : x > 0;
            v = high ? DT_TS_NOEND - 1 : DT_TS_NOBEGIN + 1;
        }
        ((int64_t *)out->data)[i] = v;
    }
}

int dt_cast_vec(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, const uint16_t *sel, int n,
                MemCtx *ctx, OmError *err)
{
    if (dt_is_time(from.id) || dt_is_time(to.id))
        return dt_time_cast_vec(from, to, expl, in, out, sel, n, ctx, err);
    if (from.id == to.id) {
        size_t sz = om_phys_size(type_phys(to.id));
        for (int k = 0; k < n; k++) {
            int i = sel ? sel[k] : k;
            if (in->data != out->data) memcpy((char *)out->data + sz * (size_t)i, (const char *)in->data + sz * (size_t)i, sz);
            if (to.typmod >= 0 && to.id != OM_T_DATE && !om_vec_is_null(in, i)) {
                if (to.id == OM_T_INTERVAL)
                    ((OmInterval *)out->data)[i] = dt_interval_typmod(((OmInterval *)out->data)[i], to.typmod);
                else
                    ((int64_t *)out->data)[i] = dt_ts_typmod(((int64_t *)out->data)[i], to.typmod);
            }
        }
        return 0;
    }
    bool fs = type_is_string(from.id) || from.id == OM_T_UNKNOWN;
    bool ts = type_is_string(to.id) || to.id == OM_T_UNKNOWN;
    for (int k = 0; k < n; k++) {
        int i = sel ? sel[k] : k;
        if (om_vec_is_null(in, i)) continue;
        if (fs) {
            const OmStr *s = &((const OmStr *)in->data)[i];
            int64_t v = 0;
            if (to.id == OM_T_INTERVAL) {
                if (dt_interval_parse_typmod(s->ptr, s->len, to.typmod, &((OmInterval *)out->data)[i], err) < 0)
                    return -1;
                continue;
            }
            if (dt_parse(to.id, s->ptr, s->len, &v, err) < 0) return -1;
            put(to, out, i, v);
        } else if (ts) {
            char buf[160];
            int len = from.id == OM_T_INTERVAL ? dt_interval_format(((const OmInterval *)in->data)[i], buf)
                                               : dt_format(from.id, get(from.id, in, i), buf);
            size_t keep, pad;
            if (ty_str_fit(to.id, to.typmod, expl, buf, (size_t)len, &keep, &pad, err) < 0) return -1;
            char *p = mem_alloc(ctx, keep + pad + 1);
            memcpy(p, buf, keep);
            memset(p + keep, ' ', pad);
            p[keep + pad] = '\0';
            ((OmStr *)out->data)[i].ptr = p;
            ((OmStr *)out->data)[i].len = (uint32_t)(keep + pad);
        } else if (dt_is_timelike(from.id) && dt_is_timelike(to.id)) {
            int64_t v = 0;
            if (convert(from.id, to.id, get(from.id, in, i), &v, err) < 0) return -1;
            put(to, out, i, v);
        } else {
            return err_set(err, ERRCODE_CANNOT_COERCE, "cannot cast type %s to %s", type_name_be(from.id),
                           type_name_be(to.id));
        }
    }
    return 0;
}
