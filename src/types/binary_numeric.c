/*
 * binary_numeric.c — numeric's binary wire format (PostgreSQL's numeric_send
 * and numeric_recv) converted from and to OmenDB's canonical numeric text.
 *
 * The format is PostgreSQL's NumericVar: int16 ndigits, int16 weight, uint16
 * sign (0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity,
 * 0xF000 -Infinity), uint16 dscale, then ndigits base-10000 digits, most
 * significant first; the value is sum(digit[i] * 10000^(weight - i)).
 * numeric_send writes PostgreSQL's stored form, which never has leading or
 * trailing zero digits (so zero is ndigits 0, weight 0), and the special
 * values with ndigits and weight 0 and the dscale its short header yields
 * when read as a short numeric: 0 for NaN (0xC000), 32 for ±Infinity
 * (bits 0x1000 of 0xD000 / 0xF000 fall into the short dscale field).
 *
 * binary.c calls these for OM_T_NUMERIC. Interface routines (binary_int.h):
 * ty_numeric_send, ty_numeric_recv.
 */
#include <string.h>

#include "binary_int.h"

#define NUMERIC_POS 0x0000
#define NUMERIC_NEG 0x4000
#define NUMERIC_NAN 0xC000
#define NUMERIC_PINF 0xD000
#define NUMERIC_NINF 0xF000
#define NUMERIC_DSCALE_MASK 0x3FFF
#define NBASE 10000

static void header(OmBuf *out, long ndigits, long weight, unsigned sign, long dscale)
{
    buf_append_be16(out, (uint16_t)ndigits);
    buf_append_be16(out, (uint16_t)(int16_t)weight);
    buf_append_be16(out, (uint16_t)sign);
    buf_append_be16(out, (uint16_t)dscale);
}

/* Floor division by 4 for negative exponents too. */
static inline long floor4(long e) { return e >= 0 ? e / 4 : -((-e + 3) / 4); }

void ty_numeric_send(const char *s, size_t len, OmBuf *out)
{
    if (len == 3 && memcmp(s, "NaN", 3) == 0) { header(out, 0, 0, NUMERIC_NAN, 0); return; }
    if (len == 8 && memcmp(s, "Infinity", 8) == 0) { header(out, 0, 0, NUMERIC_PINF, 32); return; }
    if (len == 9 && memcmp(s, "-Infinity", 9) == 0) { header(out, 0, 0, NUMERIC_NINF, 32); return; }

    /* Canonical text: [-]intdigits[.fracdigits]. Decimal digit k of the
     * concatenation intdigits||fracdigits has exponent ilen - 1 - k. */
    bool neg = len > 0 && s[0] == '-';
    const char *ip = s + neg, *end = s + len;
    const char *dot = memchr(ip, '.', (size_t)(end - ip));
    long ilen = (dot ? dot : end) - ip;
    const char *fp = dot ? dot + 1 : end;
    long flen = end - fp, total = ilen + flen;
#define DIGIT(k) ((k) < ilen ? ip[(k)] - '0' : fp[(k) - ilen] - '0')

    long first = 0, last = total - 1;
    while (first < total && DIGIT(first) == 0) first++;
    if (first == total) { /* zero keeps its scale */
        header(out, 0, 0, NUMERIC_POS, flen);
        return;
    }
    while (DIGIT(last) == 0) last--;

    long wfirst = floor4(ilen - 1 - first), wlast = floor4(ilen - 1 - last);
    header(out, wfirst - wlast + 1, wfirst, neg ? NUMERIC_NEG : NUMERIC_POS, flen);
    for (long g = wfirst; g >= wlast; g--) {
        unsigned v = 0;
        for (long e = 4 * g + 3; e >= 4 * g; e--) {
            long k = ilen - 1 - e;
            v = v * 10 + (unsigned)(k >= 0 && k < total ? DIGIT(k) : 0);
        }
        buf_append_be16(out, (uint16_t)v);
    }
#undef DIGIT
}

static int bad(OmError *err, const char *what)
{
    return err_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION, "invalid %s in external \"numeric\" value", what);
}

int ty_numeric_recv(TyRd *r, int32_t typmod, OmStr *out, MemCtx *ctx, OmError *err)
{
    uint64_t ndigits, weight, sign, dscale;
    /* Field by field in numeric_recv's order, so the first problem is the
     * one PostgreSQL reports. */
    if (ty_rd_uint(r, 2, &ndigits, err) < 0 || ty_rd_uint(r, 2, &weight, err) < 0) return -1;
    if (ty_rd_uint(r, 2, &sign, err) < 0) return -1;
    if (sign != NUMERIC_POS && sign != NUMERIC_NEG && sign != NUMERIC_NAN && sign != NUMERIC_PINF &&
        sign != NUMERIC_NINF)
        return bad(err, "sign");
    if (ty_rd_uint(r, 2, &dscale, err) < 0) return -1;
    if ((dscale & NUMERIC_DSCALE_MASK) != dscale) return bad(err, "scale");

    /* The base-10000 digits as 4 decimal digits each. */
    char *d = mem_alloc(ctx, (size_t)ndigits * 4 + 1);
    for (uint64_t i = 0; i < ndigits; i++) {
        uint64_t u;
        if (ty_rd_uint(r, 2, &u, err) < 0) return -1;
        int16_t dig = (int16_t)(uint16_t)u;
        if (dig < 0 || dig >= NBASE) return bad(err, "digit");
        for (int j = 3; j >= 0; j--, dig /= 10) d[i * 4 + (uint64_t)j] = (char)('0' + dig % 10);
    }

    OmNum n;
    memset(&n, 0, sizeof n);
    switch (sign) {
    case NUMERIC_NAN: n.kind = OM_NUM_NAN; break; /* the digits were checked, and are ignored */
    case NUMERIC_PINF: n.kind = OM_NUM_PINF; break;
    case NUMERIC_NINF: n.kind = OM_NUM_NINF; break;
    default: {
        long nd = (long)ndigits * 4;
        long point = ((long)(int16_t)(uint16_t)weight + 1) * 4;
        while (nd > 0 && *d == '0') d++, nd--, point--;
        while (nd > 0 && d[nd - 1] == '0') nd--;
        /* trunc_var(dscale): a dscale that hides digits truncates them. */
        long keep = point + (long)dscale;
        if (keep < nd) {
            nd = keep < 0 ? 0 : keep;
            while (nd > 0 && d[nd - 1] == '0') nd--;
        }
        n.kind = OM_NUM_FINITE;
        n.neg = sign == NUMERIC_NEG && nd > 0;
        n.d = d;
        n.ndig = (int)nd;
        n.point = nd > 0 ? point : 0;
        n.dscale = (long)dscale;
        break;
    }
    }
    if (ty_num_typmod(&n, typmod, err) < 0) return -1;
    OmBuf b;
    buf_init(&b, ctx, (size_t)n.ndig + 24);
    if (ty_num_finish(&n, &b, err) < 0) return -1;
    out->ptr = b.data;
    out->len = (uint32_t)b.len;
    return 0;
}
