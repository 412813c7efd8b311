/*
 * binary.c — binary I/O of values: PostgreSQL's typsend functions (what a
 * client gets for result format 1) and typreceive functions (a binary Bind
 * parameter, COPY … BINARY), byte for byte as PostgreSQL 15 writes and
 * checks them.
 *
 * The wire layer calls type_send per binary result column and type_recv per
 * binary parameter; both work on one value without its 4-byte length word.
 * Most types are PostgreSQL's own integers, so the format is a byte swap;
 * numeric converts between our canonical text and PostgreSQL's base-10000
 * digits (binary_numeric.c). Formats are listed in README.md.
 *
 * Interface routines: type_binary_check, type_send, type_recv (types.h);
 * ty_rd_uint (binary_int.h).
 */
#include <string.h>

#include "binary_int.h"
#include "datetime.h"

#define USECS_PER_DAY INT64_C(86400000000)
/* timetz_recv's limit on the zone: (MAX_TZDISP_HOUR + 1) hours. */
#define TZDISP_LIMIT (16 * 3600)

int ty_rd_uint(TyRd *r, int n, uint64_t *out, OmError *err)
{
    if (r->len - r->pos < (size_t)n)
        return err_set(err, ERRCODE_PROTOCOL_VIOLATION, "insufficient data left in message");
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | r->p[r->pos++];
    *out = v;
    return 0;
}

/* Arrays wait for types/array.c. The NULL type passes: its values are all
 * NULL, so a result column of it sends nothing (type_recv refuses it). */
int type_binary_check(OmTypeId t, OmError *err)
{
    if ((unsigned)t >= OM_T__COUNT)
        return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "binary format of type %d is not supported", (int)t);
    return 0;
}

/* ---- send --------------------------------------------------------------------------- */

void type_send(OmType t, const OmVector *v, int row, OmBuf *out)
{
    switch (t.id) {
    case OM_T_BOOL:
        buf_append_u8(out, ((const uint8_t *)v->data)[row] ? 1 : 0);
        return;
    case OM_T_INT2:
        buf_append_be16(out, (uint16_t)((const int16_t *)v->data)[row]);
        return;
    case OM_T_INT4:
    case OM_T_DATE:
    case OM_T_REGTYPE:
        buf_append_be32(out, (uint32_t)((const int32_t *)v->data)[row]);
        return;
    case OM_T_INT8:
    case OM_T_TIMESTAMP:
    case OM_T_TIMESTAMPTZ:
    case OM_T_TIME:
        buf_append_be64(out, (uint64_t)((const int64_t *)v->data)[row]);
        return;
    case OM_T_FLOAT4: {
        uint32_t u; /* the bits as they are: -0, NaN payloads and all */
        memcpy(&u, &((const float *)v->data)[row], 4);
        buf_append_be32(out, u);
        return;
    }
    case OM_T_FLOAT8: {
        uint64_t u;
        memcpy(&u, &((const double *)v->data)[row], 8);
        buf_append_be64(out, u);
        return;
    }
    case OM_T_NUMERIC: {
        const OmStr *s = &((const OmStr *)v->data)[row];
        ty_numeric_send(s->ptr, s->len, out);
        return;
    }
    case OM_T_TEXT:
    case OM_T_VARCHAR:
    case OM_T_BPCHAR: /* padded, as stored */
    case OM_T_UNKNOWN:
    case OM_T_BYTEA:
    case OM_T_UUID: {
        const OmStr *s = &((const OmStr *)v->data)[row];
        buf_append(out, s->ptr, s->len);
        return;
    }
    case OM_T_JSON:
        type_out(t, v, row, out);
        return;
    case OM_T_JSONB: /* jsonb_send: a version byte, then the text form */
        buf_append_u8(out, 1);
        type_out(t, v, row, out);
        return;
    case OM_T_INTERVAL: {
        OmInterval iv = ((const OmInterval *)v->data)[row];
        buf_append_be64(out, (uint64_t)iv.usec);
        buf_append_be32(out, (uint32_t)iv.days);
        buf_append_be32(out, (uint32_t)iv.months);
        return;
    }
    case OM_T_TIMETZ: {
        OmInterval iv = ((const OmInterval *)v->data)[row];
        buf_append_be64(out, (uint64_t)iv.usec);
        buf_append_be32(out, (uint32_t)iv.days); /* zone, seconds west of UTC */
        return;
    }
    default:
        if (type_is_array(t.id)) ty_array_send(t, ((const OmStr *)v->data)[row], out);
        return; /* the NULL type holds no values */
    }
}

/* ---- receive ------------------------------------------------------------------------ */

/* pq_getmsgtext + the type's input for text-like types: the rest of the
 * message, which must be valid UTF-8 (the client-to-server conversion checks
 * it), then varchar_input / bpchar_input's typmod. */
static int recv_str(OmType t, TyRd *r, OmStr *dst, MemCtx *ctx, OmError *err)
{
    const char *s = (const char *)r->p + r->pos;
    size_t len = r->len - r->pos;
    r->pos = r->len;
    if (type_utf8_check(s, len, err) < 0) return -1;
    size_t keep, pad;
    if (ty_str_fit(t.id, t.typmod, false, s, len, &keep, &pad, err) < 0) return -1;
    char *p = mem_alloc(ctx, keep + pad + 1);
    memcpy(p, s, keep);
    memset(p + keep, ' ', pad);
    p[keep + pad] = '\0';
    dst->ptr = p;
    dst->len = (uint32_t)(keep + pad);
    return 0;
}

/* AdjustTimeForTypmod: round to typmod fractional digits (time is >= 0). */
static int64_t time_typmod(int64_t t, int32_t typmod)
{
    static const int64_t scales[6] = {1000000, 100000, 10000, 1000, 100, 10};
    if (typmod < 0 || typmod >= 6) return t;
    return (t + scales[typmod] / 2) / scales[typmod] * scales[typmod];
}

static int time_range(OmError *err)
{
    return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "time out of range");
}

/* The value itself; the caller checks that nothing is left over. */
static int recv_value(OmType t, TyRd *r, OmVector *v, int row, MemCtx *ctx, OmError *err)
{
    uint64_t u, u2, u3;
    switch (t.id) {
    case OM_T_BOOL:
        /* pq_getmsgbyte words an empty buffer its own way */
        if (r->pos >= r->len) return err_set(err, ERRCODE_PROTOCOL_VIOLATION, "no data left in message");
        ((uint8_t *)v->data)[row] = r->p[r->pos++] != 0;
        return 0;
    case OM_T_INT2:
        if (ty_rd_uint(r, 2, &u, err) < 0) return -1;
        ((int16_t *)v->data)[row] = (int16_t)(uint16_t)u;
        return 0;
    case OM_T_INT4:
    case OM_T_REGTYPE:
        if (ty_rd_uint(r, 4, &u, err) < 0) return -1;
        ((int32_t *)v->data)[row] = (int32_t)(uint32_t)u;
        return 0;
    case OM_T_INT8:
        if (ty_rd_uint(r, 8, &u, err) < 0) return -1;
        ((int64_t *)v->data)[row] = (int64_t)u;
        return 0;
    case OM_T_FLOAT4: {
        if (ty_rd_uint(r, 4, &u, err) < 0) return -1;
        uint32_t b = (uint32_t)u;
        memcpy(&((float *)v->data)[row], &b, 4);
        return 0;
    }
    case OM_T_FLOAT8:
        if (ty_rd_uint(r, 8, &u, err) < 0) return -1;
        memcpy(&((double *)v->data)[row], &u, 8);
        return 0;
    case OM_T_NUMERIC:
        return ty_numeric_recv(r, t.typmod, &((OmStr *)v->data)[row], ctx, err);
    case OM_T_TEXT:
    case OM_T_VARCHAR:
    case OM_T_BPCHAR:
    case OM_T_UNKNOWN:
        return recv_str(t, r, &((OmStr *)v->data)[row], ctx, err);
    case OM_T_BYTEA:
    case OM_T_UUID: {
        size_t n = t.id == OM_T_UUID ? 16 : r->len - r->pos;
        if (r->len - r->pos < n) return err_set(err, ERRCODE_PROTOCOL_VIOLATION, "insufficient data left in message");
        char *p = mem_alloc(ctx, n + 1);
        memcpy(p, r->p + r->pos, n);
        p[n] = '\0';
        r->pos += n;
        ((OmStr *)v->data)[row] = (OmStr){p, (uint32_t)n};
        return 0;
    }
    case OM_T_JSON:
    case OM_T_JSONB: {
        if (t.id == OM_T_JSONB) {
            if (ty_rd_uint(r, 1, &u, err) < 0) return -1;
            if (u != 1) return err_set(err, ERRCODE_INTERNAL_ERROR, "unsupported jsonb version number %d", (int)u);
        }
        const char *s = (const char *)r->p + r->pos;
        size_t len = r->len - r->pos;
        r->pos = r->len;
        if (type_utf8_check(s, len, err) < 0) return -1;
        return type_in(t, s, len, v, row, ctx, err);
    }
    case OM_T_DATE: {
        if (ty_rd_uint(r, 4, &u, err) < 0) return -1;
        int32_t d = (int32_t)(uint32_t)u;
        /* date_recv: the range date_in accepts */
        if (dt_date_finite(d) && (d < DT_JULIAN_MINJD - DT_POSTGRES_EPOCH_JDATE ||
                                  d >= DT_DATE_END_JULIAN - DT_POSTGRES_EPOCH_JDATE))
            return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range");
        ((int32_t *)v->data)[row] = d;
        return 0;
    }
    case OM_T_TIMESTAMP:
    case OM_T_TIMESTAMPTZ: {
        if (ty_rd_uint(r, 8, &u, err) < 0) return -1;
        int64_t ts = (int64_t)u;
        if (dt_ts_finite(ts) && !dt_ts_valid(ts))
            return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
        ((int64_t *)v->data)[row] = dt_ts_typmod(ts, t.typmod);
        return 0;
    }
    case OM_T_INTERVAL: {
        if (ty_rd_uint(r, 8, &u, err) < 0 || ty_rd_uint(r, 4, &u2, err) < 0 || ty_rd_uint(r, 4, &u3, err) < 0)
            return -1;
        OmInterval iv = {(int64_t)u, (int32_t)(uint32_t)u2, (int32_t)(uint32_t)u3};
        ((OmInterval *)v->data)[row] = dt_interval_typmod(iv, t.typmod);
        return 0;
    }
    case OM_T_TIME: {
        if (ty_rd_uint(r, 8, &u, err) < 0) return -1;
        int64_t tm = (int64_t)u;
        if (tm < 0 || tm > USECS_PER_DAY) return time_range(err);
        ((int64_t *)v->data)[row] = time_typmod(tm, t.typmod);
        return 0;
    }
    case OM_T_TIMETZ: {
        /* timetz_recv checks the time before it reads the zone */
        if (ty_rd_uint(r, 8, &u, err) < 0) return -1;
        int64_t tm = (int64_t)u;
        if (tm < 0 || tm > USECS_PER_DAY) return time_range(err);
        if (ty_rd_uint(r, 4, &u2, err) < 0) return -1;
        int32_t zone = (int32_t)(uint32_t)u2;
        if (zone <= -TZDISP_LIMIT || zone >= TZDISP_LIMIT)
            return err_set(err, ERRCODE_INVALID_TIME_ZONE_DISPLACEMENT_VALUE, "time zone displacement out of range");
        ((OmInterval *)v->data)[row] = (OmInterval){time_typmod(tm, t.typmod), zone, 0};
        return 0;
    }
    default: /* the NULL type holds no values */
        if (type_is_array(t.id)) return ty_array_recv(t, r, &((OmStr *)v->data)[row], ctx, err);
        return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "binary input of type %s is not supported",
                       type_name_be(t.id));
    }
}

int type_recv(OmType t, const char *p, size_t len, OmVector *v, int row, MemCtx *ctx, OmError *err)
{
    if (type_binary_check(t.id, err) < 0) return -1;
    TyRd r = {(const unsigned char *)p, len, 0};
    if (recv_value(t, &r, v, row, ctx, err) < 0) return -1;
    /* Bytes the receive function did not consume (exec_bind_message and
     * COPY's check; the Bind path adds " in bind parameter N"). */
    if (r.pos != r.len) return err_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION, "incorrect binary data format");
    om_vec_set_null(v, row, false);
    return 0;
}
