/*
 * numeric.c — numeric values held as their canonical decimal text, until
 * numeric gets a binary representation: numeric_in's parsing and
 * normalisation, apply_typmod (rounding to the scale, precision check),
 * make_result's format limits, and the conversions to integers.
 *
 * The canonical text is exactly what PostgreSQL's numeric_out prints for the
 * value numeric_in would produce: no leading zeros, as many fractional digits
 * as the display scale, "0" for zero (never "-0"), "NaN", "Infinity",
 * "-Infinity". So output is a copy and equality of canonical texts is equality
 * of values only when the scales agree (1.0 vs 1.00 differ as text).
 *
 * Interface routines (types_int.h): ty_num_parse, ty_num_typmod, ty_num_round,
 * ty_num_finish, ty_num_to_int.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "types_int.h"

/* PostgreSQL's limits: NUMERIC_WEIGHT_MAX base-10000 digits before the
 * point, NUMERIC_DSCALE_MAX digits after it. */
#define NUM_MAX_INT_DIGITS 131072L
#define NUM_DSCALE_MAX 16383L

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

static int overflow(OmError *err)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
}

static bool special_word(const char *p, const char *end, const char *w, size_t wl)
{
    return (size_t)(end - p) >= wl && strncasecmp(p, w, wl) == 0;
}

int ty_num_parse(const char *s, size_t len, OmNum *n, MemCtx *ctx, OmError *err)
{
    const char *p = s, *end = s + len;
    memset(n, 0, sizeof *n);
    while (p < end && ty_isspace((unsigned char)*p)) p++;

    /* The same special words float8in accepts, in numeric_in's order. */
    static const struct { const char *w; OmNumKind k; } specials[] = {
        {"NaN", OM_NUM_NAN},        {"Infinity", OM_NUM_PINF}, {"+Infinity", OM_NUM_PINF},
        {"-Infinity", OM_NUM_NINF}, {"inf", OM_NUM_PINF},      {"+inf", OM_NUM_PINF},
        {"-inf", OM_NUM_NINF},
    };
    for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++) {
        size_t wl = strlen(specials[i].w);
        if (special_word(p, end, specials[i].w, wl)) {
            n->kind = specials[i].k;
            p += wl;
            goto trailing;
        }
    }

    /* set_var_from_str */
    if (p < end && (*p == '+' || *p == '-')) n->neg = *p++ == '-';
    bool have_dp = false;
    if (p < end && *p == '.') {
        have_dp = true;
        p++;
    }
    if (p >= end || !is_digit(*p)) return ty_err_syntax("numeric", s, len, err);
    size_t room = (size_t)(end - p) + 2;
    char *d = room <= sizeof n->small ? n->small : mem_alloc(ctx, room);
    int nd = 0;
    long weight = 0, dscale = 0; /* digits before / after the point, leading zeros included */
    while (p < end) {
        if (is_digit(*p)) {
            if (nd > 0 || *p != '0') d[nd++] = *p; /* leading zeros carry no value */
            if (!have_dp)
                weight++;
            else
                dscale++;
            p++;
        } else if (*p == '.') {
            if (have_dp) return ty_err_syntax("numeric", s, len, err);
            have_dp = true;
            p++;
        } else {
            break;
        }
    }
    /* Position of the point relative to d[0]: all digits seen minus the
     * fractional ones, minus the leading zeros that were dropped. */
    long total = weight + dscale;
    long point = weight - (total - nd);
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        /* strtol, as PostgreSQL: it skips whitespace and takes a sign. */
        char stack[64];
        size_t rest = (size_t)(end - p);
        char *tmp = rest < sizeof stack ? stack : mem_alloc(ctx, rest + 1);
        memcpy(tmp, p, rest);
        tmp[rest] = '\0';
        char *ep;
        errno = 0;
        long ex = strtol(tmp, &ep, 10);
        if (ep == tmp) return ty_err_syntax("numeric", s, len, err);
        p += ep - tmp;
        if (ex >= INT_MAX / 2 || ex <= -(INT_MAX / 2)) return overflow(err);
        point += ex;
        dscale -= ex;
        if (dscale < 0) dscale = 0;
    }
    while (nd > 0 && d[nd - 1] == '0') nd--;
    n->kind = OM_NUM_FINITE;
    n->d = d;
    n->ndig = nd;
    n->point = point;
    n->dscale = dscale;
    if (nd == 0) n->neg = false;

trailing:
    while (p < end && ty_isspace((unsigned char)*p)) p++;
    if (p != end) return ty_err_syntax("numeric", s, len, err);
    return 0;
}

void ty_num_round(OmNum *n, long rscale)
{
    if (n->kind != OM_NUM_FINITE) return;
    n->dscale = rscale > 0 ? rscale : 0;
    if (n->ndig == 0) return;
    long cut = n->point + rscale; /* significant digits kept */
    if (cut >= n->ndig) return;
    if (cut < 0) {
        n->ndig = 0;
    } else {
        bool up = n->d[cut] >= '5'; /* half away from zero */
        n->ndig = (int)cut;
        if (up) {
            int i = n->ndig - 1;
            while (i >= 0 && n->d[i] == '9') i--;
            if (i >= 0) {
                n->d[i]++;
                n->ndig = i + 1;
            } else { /* 99.9 → 100, or 0.5 → 1 */
                n->d[0] = '1';
                n->ndig = 1;
                n->point++;
            }
        }
        while (n->ndig > 0 && n->d[n->ndig - 1] == '0') n->ndig--;
    }
    if (n->ndig == 0) n->neg = false;
}

int ty_num_typmod(OmNum *n, int32_t typmod, OmError *err)
{
    if (typmod < 0 || n->kind == OM_NUM_NAN) return 0;
    int p = type_numeric_precision(typmod), sc = type_numeric_scale(typmod);
    if (n->kind != OM_NUM_FINITE) {
        err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
        err_detail(err, "A field with precision %d, scale %d cannot hold an infinite value.", p, sc);
        return -1;
    }
    int maxdigits = p - sc;
    ty_num_round(n, sc);
    if (n->ndig > 0 && n->point > maxdigits) {
        err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow");
        err_detail(err, "A field with precision %d, scale %d must round to an absolute value less than %s%d.", p,
                   sc, maxdigits ? "10^" : "", maxdigits ? maxdigits : 1);
        return -1;
    }
    return 0;
}

int ty_num_check(const OmNum *n, OmError *err)
{
    if (n->kind != OM_NUM_FINITE) return 0;
    if (n->dscale > NUM_DSCALE_MAX) return overflow(err);
    if (n->ndig > 0 && n->point > NUM_MAX_INT_DIGITS) return overflow(err);
    return 0;
}

int ty_num_finish(const OmNum *n, OmBuf *out, OmError *err)
{
    switch (n->kind) {
    case OM_NUM_NAN: buf_append_str(out, "NaN"); return 0;
    case OM_NUM_PINF: buf_append_str(out, "Infinity"); return 0;
    case OM_NUM_NINF: buf_append_str(out, "-Infinity"); return 0;
    default: break;
    }
    if (ty_num_check(n, err) < 0) return -1;
    long intd = n->ndig > 0 && n->point > 0 ? n->point : 1;
    buf_reserve(out, (size_t)(intd + n->dscale + 3));
    char *p = out->data + out->len;
    if (n->neg && n->ndig > 0) *p++ = '-';
    if (n->ndig == 0 || n->point <= 0) {
        *p++ = '0';
    } else {
        long k = n->point < n->ndig ? n->point : n->ndig;
        memcpy(p, n->d, (size_t)k);
        p += k;
        memset(p, '0', (size_t)(n->point - k));
        p += n->point - k;
    }
    if (n->dscale > 0) {
        *p++ = '.';
        for (long i = 0; i < n->dscale; i++) {
            long idx = n->point + i; /* index into d of this fractional digit */
            *p++ = (n->ndig > 0 && idx >= 0 && idx < n->ndig) ? n->d[idx] : '0';
        }
    }
    *p = '\0';
    out->len = (size_t)(p - out->data);
    return 0;
}

int ty_num_to_int(const OmNum *n, OmTypeId t, int64_t *out, OmError *err)
{
    const char *tname = ty_input_name(t);
    if (n->kind == OM_NUM_NAN)
        return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot convert NaN to %s", tname);
    if (n->kind != OM_NUM_FINITE)
        return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot convert infinity to %s", tname);
    uint64_t lim = t == OM_T_INT2 ? 32768u : t == OM_T_INT4 ? 2147483648u : (uint64_t)INT64_MAX + 1;
    uint64_t acc = 0;
    if (n->ndig > 0 && n->point > 19) goto range;
    if (n->ndig > 0 && n->point >= 0) {
        for (long i = 0; i < n->point; i++) {
            unsigned dg = i < n->ndig ? (unsigned)(n->d[i] - '0') : 0;
            if (acc > (UINT64_MAX - dg) / 10) goto range;
            acc = acc * 10 + dg;
        }
        if (n->point < n->ndig && n->d[n->point] >= '5') { /* round half away from zero */
            if (acc == UINT64_MAX) goto range;
            acc++;
        }
    }
    if (acc > lim || (!n->neg && acc == lim)) goto range;
    *out = n->neg ? (int64_t)(0 - acc) : (int64_t)acc;
    return 0;
range:
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range", tname);
}
