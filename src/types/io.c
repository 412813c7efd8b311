/*
 * io.c — text input and output of values: PostgreSQL's typinput functions
 * (int2in, int4in, int8in, boolin, float4in, float8in, numeric_in, textin,
 * varcharin, bpcharin) and typoutput functions.
 *
 * type_in is how literals, COPY-like loads and the wire's text parameters
 * become values; type_out is how the wire (and casts to text) print them.
 *
 * Interface routines: type_in, type_out, type_numeric_in (types.h);
 * ty_parse_int, ty_parse_bool, ty_parse_float8, ty_parse_float4, ty_str_fit
 * (types_int.h).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bytea.h"
#include "datetime.h"
#include "array.h"
#include "json.h"
#include "types_int.h"

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* ---- integers ----------------------------------------------------------------------- */

int ty_parse_int(OmTypeId t, const char *s, size_t len, int64_t *out, OmError *err)
{
    const char *p = s, *end = s + len;
    /* Magnitude of the most negative value; the positive limit is one less. */
    uint64_t lim = t == OM_T_INT2 ? 32768u : t == OM_T_INT4 ? 2147483648u : (uint64_t)INT64_MAX + 1;
    while (p < end && ty_isspace((unsigned char)*p)) p++;
    bool neg = false;
    if (p < end && *p == '-') {
        neg = true;
        p++;
    } else if (p < end && *p == '+') {
        p++;
    }
    if (p >= end || !is_digit(*p)) return ty_err_syntax(ty_input_name(t), s, len, err);
    uint64_t acc = 0;
    while (p < end && is_digit(*p)) {
        unsigned d = (unsigned)(*p++ - '0');
        /* As pg_strtoint*: overflow is reported before trailing junk. */
        if (acc > (lim - d) / 10) return ty_err_range_value(ty_input_name(t), s, len, err);
        acc = acc * 10 + d;
    }
    while (p < end && ty_isspace((unsigned char)*p)) p++;
    if (p != end) return ty_err_syntax(ty_input_name(t), s, len, err);
    if (!neg && acc == lim) return ty_err_range_value(ty_input_name(t), s, len, err);
    *out = neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return 0;
}

/* ---- booleans ----------------------------------------------------------------------- */

/* pg_strncasecmp(value, word, n) == 0 where value has vlen bytes and is
 * followed by something that is not a letter (NUL or trimmed space). */
static bool prefix_match(const char *v, size_t vlen, const char *word, size_t n)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i < n; i++) {
        char a = i < vlen ? v[i] : '\0';
        char b = i < wl ? word[i] : '\0';
        if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
        if (a != b) return false;
        if (!a) return true;
    }
    return true;
}

int ty_parse_bool(const char *s, size_t len, bool *out, OmError *err)
{
    const char *p = s;
    size_t n = len;
    while (n > 0 && ty_isspace((unsigned char)*p)) p++, n--;
    while (n > 0 && ty_isspace((unsigned char)p[n - 1])) n--;
    if (n > 0) {
        switch (*p) {
        case 't': case 'T':
            if (prefix_match(p, n, "true", n)) return *out = true, 0;
            break;
        case 'f': case 'F':
            if (prefix_match(p, n, "false", n)) return *out = false, 0;
            break;
        case 'y': case 'Y':
            if (prefix_match(p, n, "yes", n)) return *out = true, 0;
            break;
        case 'n': case 'N':
            if (prefix_match(p, n, "no", n)) return *out = false, 0;
            break;
        case 'o': case 'O':
            /* "o" alone is ambiguous */
            if (prefix_match(p, n, "on", n > 2 ? n : 2)) return *out = true, 0;
            if (prefix_match(p, n, "off", n > 2 ? n : 2)) return *out = false, 0;
            break;
        case '1':
            if (n == 1) return *out = true, 0;
            break;
        case '0':
            if (n == 1) return *out = false, 0;
            break;
        }
    }
    return ty_err_syntax("boolean", s, len, err);
}

/* ---- floats ------------------------------------------------------------------------- */

/* A NUL-terminated copy of s (stack buffer when it fits). */
static char *cstr(const char *s, size_t len, char *stack, size_t stacksz, MemCtx *ctx)
{
    char *b = len < stacksz ? stack : mem_alloc(ctx, len + 1);
    memcpy(b, s, len);
    b[len] = '\0';
    return b;
}

/* float8in_internal / float4in: strtod or strtof and PostgreSQL's checks.
 * Returns 0, or -1 with the error for the type's name. */
static int parse_float(bool single, const char *s, size_t len, double *out, MemCtx *ctx, OmError *err)
{
    const char *tname = single ? "real" : "double precision";
    char stack[128];
    char *buf = cstr(s, len, stack, sizeof stack, ctx);
    char *num = buf, *endp;
    while (*num && ty_isspace((unsigned char)*num)) num++;
    if (!*num) return ty_err_syntax(tname, s, len, err);
    double val;
    errno = 0;
    if (single)
        val = strtof(num, &endp);
    else
        val = strtod(num, &endp);
    if (endp == num || errno != 0) {
        int save = errno;
        if (strncasecmp(num, "NaN", 3) == 0) {
            val = NAN;
            endp = num + 3;
        } else if (strncasecmp(num, "Infinity", 8) == 0) {
            val = INFINITY;
            endp = num + 8;
        } else if (strncasecmp(num, "+Infinity", 9) == 0) {
            val = INFINITY;
            endp = num + 9;
        } else if (strncasecmp(num, "-Infinity", 9) == 0) {
            val = -INFINITY;
            endp = num + 9;
        } else if (strncasecmp(num, "inf", 3) == 0) {
            val = INFINITY;
            endp = num + 3;
        } else if (strncasecmp(num, "+inf", 4) == 0) {
            val = INFINITY;
            endp = num + 4;
        } else if (strncasecmp(num, "-inf", 4) == 0) {
            val = -INFINITY;
            endp = num + 4;
        } else if (save == ERANGE) {
            /* Denormals may set ERANGE too; only zero or infinity is out of range. */
            if (val == 0.0 || isinf(val)) {
                /* float8in quotes the number itself, float4in the whole input. */
                const char *q = single ? s : num;
                size_t ql = single ? len : (size_t)(endp - num);
                if (type_utf8_check(q, ql, err) < 0) return -1;
                return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "\"%.*s\" is out of range for type %s",
                               (int)ql, q, tname);
            }
        } else {
            return ty_err_syntax(tname, s, len, err);
        }
    }
    while (*endp && ty_isspace((unsigned char)*endp)) endp++;
    if (endp != buf + len) return ty_err_syntax(tname, s, len, err); /* junk, or an embedded NUL */
    *out = val;
    return 0;
}

int ty_parse_float8(const char *s, size_t len, double *out, MemCtx *ctx, OmError *err)
{
    return parse_float(false, s, len, out, ctx, err);
}

int ty_parse_float4(const char *s, size_t len, float *out, MemCtx *ctx, OmError *err)
{
    double d;
    if (parse_float(true, s, len, &d, ctx, err) < 0) return -1;
    *out = (float)d; /* exact: d came from strtof */
    return 0;
}

/* ---- char(n) / varchar(n) ----------------------------------------------------------- */

int ty_str_fit(OmTypeId t, int32_t typmod, bool explicit_cast, const char *s, size_t len, size_t *keep,
               size_t *pad, OmError *err)
{
    *keep = len;
    *pad = 0;
    if (typmod < 0 || (t != OM_T_VARCHAR && t != OM_T_BPCHAR)) return 0;
    size_t maxlen = (size_t)typmod;
    /* Fast path: no more bytes than characters allowed. */
    size_t nch = len <= maxlen ? (t == OM_T_VARCHAR ? len : type_utf8_strlen(s, len)) : type_utf8_strlen(s, len);
    if (nch > maxlen) {
        size_t clip = type_utf8_clip(s, len, maxlen);
        if (!explicit_cast) {
            for (size_t i = clip; i < len; i++)
                if (s[i] != ' ')
                    return err_set(err, ERRCODE_STRING_DATA_RIGHT_TRUNCATION, "value too long for type %s(%d)",
                                   t == OM_T_VARCHAR ? "character varying" : "character", (int)typmod);
        }
        *keep = clip;
    } else if (t == OM_T_BPCHAR) {
        *pad = maxlen - nch;
    }
    return 0;
}

/* ---- numeric ------------------------------------------------------------------------ */

int type_numeric_in(const char *s, size_t len, int32_t typmod, OmStr *out, MemCtx *ctx, OmError *err)
{
    OmNum n;
    if (ty_num_parse(s, len, &n, ctx, err) < 0) return -1;
    if (ty_num_check(&n, err) < 0) return -1;
    if (ty_num_typmod(&n, typmod, err) < 0) return -1;
    OmBuf b;
    buf_init(&b, ctx, (size_t)n.ndig + 16);
    if (ty_num_finish(&n, &b, err) < 0) return -1;
    out->ptr = b.data;
    out->len = (uint32_t)b.len;
    return 0;
}

/* ---- type_in / type_out ------------------------------------------------------------- */

static int str_in(OmType t, const char *s, size_t len, OmStr *dst, MemCtx *ctx, OmError *err)
{
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

int type_in(OmType t, const char *s, size_t len, OmVector *v, int row, MemCtx *ctx, OmError *err)
{
    int64_t i;
    switch (t.id) {
    case OM_T_BOOL: {
        bool b;
        if (ty_parse_bool(s, len, &b, err) < 0) return -1;
        ((uint8_t *)v->data)[row] = b;
        break;
    }
    case OM_T_INT2:
        if (ty_parse_int(t.id, s, len, &i, err) < 0) return -1;
        ((int16_t *)v->data)[row] = (int16_t)i;
        break;
    case OM_T_INT4:
        if (ty_parse_int(t.id, s, len, &i, err) < 0) return -1;
        ((int32_t *)v->data)[row] = (int32_t)i;
        break;
    case OM_T_INT8:
        if (ty_parse_int(t.id, s, len, &i, err) < 0) return -1;
        ((int64_t *)v->data)[row] = i;
        break;
    case OM_T_FLOAT4:
        if (ty_parse_float4(s, len, &((float *)v->data)[row], ctx, err) < 0) return -1;
        break;
    case OM_T_FLOAT8:
        if (ty_parse_float8(s, len, &((double *)v->data)[row], ctx, err) < 0) return -1;
        break;
    case OM_T_NUMERIC:
        if (type_numeric_in(s, len, t.typmod, &((OmStr *)v->data)[row], ctx, err) < 0) return -1;
        break;
    case OM_T_TEXT:
    case OM_T_VARCHAR:
    case OM_T_BPCHAR:
    case OM_T_UNKNOWN:
        if (str_in(t, s, len, &((OmStr *)v->data)[row], ctx, err) < 0) return -1;
        break;
    case OM_T_DATE:
        if (dt_parse(t.id, s, len, &i, err) < 0) return -1;
        ((int32_t *)v->data)[row] = (int32_t)i;
        break;
    case OM_T_INTERVAL:
        if (dt_interval_parse_typmod(s, len, t.typmod, &((OmInterval *)v->data)[row], err) < 0) return -1;
        break;
    case OM_T_TIMESTAMP:
    case OM_T_TIMESTAMPTZ:
        if (dt_parse(t.id, s, len, &((int64_t *)v->data)[row], err) < 0) return -1;
        ((int64_t *)v->data)[row] = dt_ts_typmod(((int64_t *)v->data)[row], t.typmod);
        break;
    case OM_T_TIME:
        if (dt_time_parse(t.id, s, len, t.typmod, &((int64_t *)v->data)[row], NULL, err) < 0) return -1;
        break;
    case OM_T_TIMETZ: {
        int32_t zone;
        if (dt_time_parse(t.id, s, len, t.typmod, &i, &zone, err) < 0) return -1;
        ((OmInterval *)v->data)[row] = dt_timetz(i, zone);
        break;
    }
    case OM_T_BYTEA:
        if (ty_bytea_in(s, len, &((OmStr *)v->data)[row], ctx, err) < 0) return -1;
        break;
    case OM_T_UUID:
        if (ty_uuid_in(s, len, &((OmStr *)v->data)[row], ctx, err) < 0) return -1;
        break;
    case OM_T_REGTYPE:
        if (ty_regtype_in(s, len, &((int32_t *)v->data)[row], err) < 0) return -1;
        break;
    case OM_T_JSON:
    case OM_T_JSONB:
        if (json_type_in(t.id, s, len, &((OmStr *)v->data)[row], ctx, err) < 0) return -1;
        break;
    default:
        if (type_is_array(t.id)) {
            if (arr_in(t, s, len, &((OmStr *)v->data)[row], ctx, err) < 0) return -1;
            break;
        }
        return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "input of type %s is not supported yet", type_name_be(t.id));
    }
    om_vec_set_null(v, row, false);
    return 0;
}

void type_out(OmType t, const OmVector *v, int row, OmBuf *out)
{
    char buf[32];
    int n;
    switch (t.id) {
    case OM_T_BOOL:
        buf_append_char(out, ((const uint8_t *)v->data)[row] ? 't' : 'f');
        return;
    case OM_T_INT2:
        n = ty_int64_fmt(((const int16_t *)v->data)[row], buf);
        break;
    case OM_T_INT4:
        n = ty_int64_fmt(((const int32_t *)v->data)[row], buf);
        break;
    case OM_T_INT8:
        n = ty_int64_fmt(((const int64_t *)v->data)[row], buf);
        break;
    case OM_T_FLOAT4:
        n = ty_float4_fmt(((const float *)v->data)[row], buf);
        break;
    case OM_T_FLOAT8:
        n = ty_float8_fmt(((const double *)v->data)[row], buf);
        break;
    case OM_T_JSONB:
        jsonb_out(((const OmStr *)v->data)[row], out);
        return;
    case OM_T_REGTYPE:
        ty_regtype_out(((const int32_t *)v->data)[row], out);
        return;
    case OM_T_JSON:
    case OM_T_NUMERIC:
    case OM_T_TEXT:
    case OM_T_VARCHAR:
    case OM_T_BPCHAR:
    case OM_T_UNKNOWN: {
        const OmStr *str = &((const OmStr *)v->data)[row];
        buf_append(out, str->ptr, str->len);
        return;
    }
    case OM_T_INTERVAL: {
        char ibuf[160];
        buf_append(out, ibuf, (size_t)dt_interval_format(((const OmInterval *)v->data)[row], ibuf));
        return;
    }
    case OM_T_DATE:
    case OM_T_TIMESTAMP:
    case OM_T_TIMESTAMPTZ: {
        char dbuf[80];
        int64_t x = t.id == OM_T_DATE ? ((const int32_t *)v->data)[row] : ((const int64_t *)v->data)[row];
        buf_append(out, dbuf, (size_t)dt_format(t.id, x, dbuf));
        return;
    }
    case OM_T_TIME:
        n = dt_time_format(((const int64_t *)v->data)[row], buf);
        break;
    case OM_T_TIMETZ: {
        OmInterval tz = ((const OmInterval *)v->data)[row];
        n = dt_timetz_format(tz.usec, tz.days, buf);
        break;
    }
    case OM_T_BYTEA:
    case OM_T_UUID: {
        const OmStr *str = &((const OmStr *)v->data)[row];
        if (t.id == OM_T_BYTEA) ty_bytea_out(str->ptr, str->len, out);
        else ty_uuid_out(str->ptr, str->len, out);
        return;
    }
    default:
        if (type_is_array(t.id)) arr_out(t.id, ((const OmStr *)v->data)[row], out);
        return; /* the NULL type never holds a value */
    }
    buf_append(out, buf, (size_t)n);
}
