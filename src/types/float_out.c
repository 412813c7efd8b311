/*
 * float_out.c — float4 / float8 text output as PostgreSQL 15 prints it with
 * extra_float_digits = 1 (the default): the shortest decimal strictly inside
 * the value's rounding interval, the closest to the value among those, laid
 * out in fixed notation when the decimal exponent is in [-4, 15) for float8 /
 * [-4, 6) for float4, else as d.ddde+XX (at least two exponent digits).
 * With extra_float_digits <= 0 (the session's, om_params()): %g with
 * 15 / 6 + extra_float_digits significant digits, as pg_strfromd.
 *
 * Used by type_out, by casts to text and by anything that prints a float.
 *
 * The digits come from Ryu (Ulf Adams, "Ryū: fast float-to-string
 * conversion", PLDI 2018), the algorithm PostgreSQL uses, written here from
 * the paper for both widths at once: a float is run through the same 128-bit
 * code with its own mantissa width and bias (the 125-bit tables in
 * float_tables.c are more than precise enough for 24-bit mantissas).
 * As in PostgreSQL, the interval's bounds are never accepted, although a
 * round-half-even reader would map a bound back to the value: float4 3e10
 * prints 3.0000001e+10, float8 18014398509481992 prints
 * 1.8014398509481992e+16.
 *
 * float_ref.c finds the same digits by another method (snprintf + strtod); the
 * unit test compares the two on millions of values, and
 * test/unit/types_compare.sh compares this output with a live PostgreSQL.
 *
 * Interface routines: type_float8_out, type_float4_out (types.h);
 * ty_float8_fmt, ty_float4_fmt, ty_float_shortest, ty_int64_fmt (types_int.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/session_params.h"
#include "types_int.h"

int ty_int64_fmt(int64_t v, char *buf)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    int len = 0;
    if (v < 0) buf[len++] = '-';
    while (n) buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}

/* ---- Ryu ------------------------------------------------------------------------------ */

#define POW5_INV_BITS 125
#define POW5_BITS 125

/* ceil(log2(5^e)) for 0 <= e <= 3528 (1 for e = 0). */
static inline int32_t pow5bits(int32_t e) { return (int32_t)(((uint32_t)e * 1217359u) >> 19) + 1; }
/* floor(log10(2^e)) for 0 <= e <= 1650. */
static inline int32_t log10pow2(int32_t e) { return (int32_t)(((uint32_t)e * 78913u) >> 18); }
/* floor(log10(5^e)) for 0 <= e <= 2620. */
static inline int32_t log10pow5(int32_t e) { return (int32_t)(((uint32_t)e * 732923u) >> 20); }

static inline bool multiple_of_pow5(uint64_t v, int32_t p)
{
    int32_t n = 0;
    while (v % 5 == 0 && v) {
        v /= 5;
        n++;
    }
    return n >= p;
}

static inline bool multiple_of_pow2(uint64_t v, int32_t p) { return (v & ((1ull << p) - 1)) == 0; }

/* (m × mul) >> j for a 125-bit mul = {low, high} and j >= 64. */
static inline uint64_t mul_shift(uint64_t m, const uint64_t *mul, int32_t j)
{
    unsigned __int128 b0 = (unsigned __int128)m * mul[0];
    unsigned __int128 b2 = (unsigned __int128)m * mul[1];
    return (uint64_t)(((b0 >> 64) + b2) >> (j - 64));
}

/*
 * Shortest digits of the positive finite value with IEEE fields (mant, exp)
 * of a format with mbits mantissa bits and exponent bias bias:
 * *out × 10^*e10, *out without trailing zeros.
 */
static void ryu(uint64_t mant, uint32_t exp, int mbits, int bias, uint64_t *out, int *e10)
{
    int32_t e2;
    uint64_t m2;
    /* Two extra bits so the bounds (midpoints) are integers too. */
    if (exp == 0) {
        e2 = 1 - bias - mbits - 2;
        m2 = mant;
    } else {
        e2 = (int32_t)exp - bias - mbits - 2;
        m2 = (1ull << mbits) | mant;
    }
    /* The interval (mm, mp) around mv, in units of 2^e2; just above a power of
     * two the lower neighbour is half as far (mm_shift 0). */
    uint64_t mv = 4 * m2;
    uint32_t mm_shift = mant != 0 || exp <= 1;

    uint64_t vr, vp, vm;
    int32_t ten;
    bool vr_trailing_zeros = false;
    if (e2 >= 0) {
        int32_t q = log10pow2(e2) - (e2 > 3);
        ten = q;
        int32_t k = POW5_INV_BITS + pow5bits(q) - 1;
        int32_t i = -e2 + q + k;
        vr = mul_shift(4 * m2, ty_ryu_pow5_inv[q], i);
        vp = mul_shift(4 * m2 + 2, ty_ryu_pow5_inv[q], i);
        vm = mul_shift(4 * m2 - 1 - mm_shift, ty_ryu_pow5_inv[q], i);
        if (q <= 21) {
            /* At most one of mv, mp, mm is a multiple of 5. */
            if (mv % 5 == 0)
                vr_trailing_zeros = multiple_of_pow5(mv, q);
            else
                vp -= multiple_of_pow5(mv + 2, q); /* the upper bound is exact: exclude it */
        }
    } else {
        int32_t q = log10pow5(-e2) - (-e2 > 1);
        ten = q + e2;
        int32_t i = -e2 - q;
        int32_t k = pow5bits(i) - POW5_BITS;
        int32_t j = q - k;
        vr = mul_shift(4 * m2, ty_ryu_pow5[i], j);
        vp = mul_shift(4 * m2 + 2, ty_ryu_pow5[i], j);
        vm = mul_shift(4 * m2 - 1 - mm_shift, ty_ryu_pow5[i], j);
        if (q <= 1) {
            /* mv has at least 2 trailing zero bits, mp = mv + 2 at least one */
            vr_trailing_zeros = true;
            --vp;
        } else if (q < 63) {
            vr_trailing_zeros = multiple_of_pow2(mv, q);
        }
    }

    /* Remove digits while the interval still holds a shorter number. */
    int32_t removed = 0;
    uint64_t output;
    if (vr_trailing_zeros) {
        /* The exact value's digits are known to end in zeros: track the last
         * removed digit exactly, to round an exact ...5 to even. */
        int last = 0;
        bool zeros = true; /* all digits removed before the last were 0 */
        while (vp / 10 > vm / 10) {
            zeros &= last == 0;
            last = (int)(vr % 10);
            vr /= 10;
            vp /= 10;
            vm /= 10;
            removed++;
        }
        if (zeros && last == 5 && vr % 2 == 0) last = 4;
        output = vr + (vr == vm || last >= 5);
    } else {
        bool round_up = false;
        if (vp / 100 > vm / 100) { /* two digits at a time, the usual case */
            round_up = vr % 100 >= 50;
            vr /= 100;
            vp /= 100;
            vm /= 100;
            removed += 2;
        }
        while (vp / 10 > vm / 10) {
            round_up = vr % 10 >= 5;
            vr /= 10;
            vp /= 10;
            vm /= 10;
            removed++;
        }
        /* vr == vm: vr is at or below the (excluded) lower bound */
        output = vr + (vr == vm || round_up);
    }
    int32_t e = ten + removed;
    while (output % 10 == 0) {
        output /= 10;
        e++;
    }
    *out = output;
    *e10 = e;
}

void ty_float_shortest(double x, bool single, uint64_t *mant, int *e10)
{
    if (single) {
        float f = (float)x;
        uint32_t b;
        memcpy(&b, &f, 4);
        uint32_t m = b & 0x7fffff, ex = (b >> 23) & 0xff;
        /* Integers below 2^24 are their own shortest form. */
        if (f < 16777216.0f && f == (float)(uint32_t)f) {
            uint64_t v = (uint32_t)f;
            int e = 0;
            while (v % 10 == 0) v /= 10, e++;
            *mant = v;
            *e10 = e;
            return;
        }
        ryu(m, ex, 23, 127, mant, e10);
    } else {
        uint64_t b;
        memcpy(&b, &x, 8);
        uint64_t m = b & 0xfffffffffffffull;
        uint32_t ex = (uint32_t)(b >> 52) & 0x7ff;
        if (x < 9007199254740992.0 && x == (double)(uint64_t)x) {
            uint64_t v = (uint64_t)x;
            int e = 0;
            while (v % 10 == 0) v /= 10, e++;
            *mant = v;
            *e10 = e;
            return;
        }
        ryu(m, ex, 52, 1023, mant, e10);
    }
}

/* ---- layout --------------------------------------------------------------------------- */

/* mant × 10^e10 (mant > 0, no trailing zeros) as PostgreSQL's to_chars lays
 * it out; fixed notation for decimal exponents in [-4, fixed_below). */
static int layout(uint64_t mant, int e10, bool neg, int fixed_below, char *buf)
{
    char dig[24];
    int n = 0;
    char tmp[24];
    do {
        tmp[n++] = (char)('0' + mant % 10);
        mant /= 10;
    } while (mant);
    for (int i = 0; i < n; i++) dig[i] = tmp[n - 1 - i];
    int e = e10 + n - 1; /* exponent of the first digit */

    char *p = buf;
    if (neg) *p++ = '-';
    if (e >= -4 && e < fixed_below) {
        if (e < 0) {
            *p++ = '0';
            *p++ = '.';
            for (int i = 0; i < -e - 1; i++) *p++ = '0';
            memcpy(p, dig, (size_t)n);
            p += n;
        } else if (n <= e + 1) {
            memcpy(p, dig, (size_t)n);
            p += n;
            for (int i = n; i < e + 1; i++) *p++ = '0';
        } else {
            memcpy(p, dig, (size_t)(e + 1));
            p += e + 1;
            *p++ = '.';
            memcpy(p, dig + e + 1, (size_t)(n - e - 1));
            p += n - e - 1;
        }
    } else {
        *p++ = dig[0];
        if (n > 1) {
            *p++ = '.';
            memcpy(p, dig + 1, (size_t)(n - 1));
            p += n - 1;
        }
        *p++ = 'e';
        if (e < 0) {
            *p++ = '-';
            e = -e;
        } else {
            *p++ = '+';
        }
        if (e < 10) *p++ = '0';
        p += ty_int64_fmt(e, p);
    }
    *p = '\0';
    return (int)(p - buf);
}

static int fmt(double d, bool single, char *buf)
{
    const char *s = NULL;
    if (isnan(d))
        s = "NaN";
    else if (isinf(d))
        s = d > 0 ? "Infinity" : "-Infinity";
    else if (d == 0)
        s = signbit(d) ? "-0" : "0";
    if (s) {
        size_t n = strlen(s);
        memcpy(buf, s, n + 1);
        return (int)n;
    }
    int efd = om_params()->extra_float_digits;
    if (efd <= 0) {
        /* float8out / float4out with extra_float_digits <= 0: pg_strfromd's
         * %g with DBL_DIG / FLT_DIG + extra_float_digits digits (at least 1). */
        int ndig = (single ? 6 : 15) + efd;
        if (ndig < 1) ndig = 1;
        return snprintf(buf, 32, "%.*g", ndig, d);
    }
    uint64_t mant;
    int e10;
    ty_float_shortest(fabs(d), single, &mant, &e10);
    return layout(mant, e10, d < 0, single ? 6 : 15, buf);
}

int ty_float8_fmt(double d, char *buf) { return fmt(d, false, buf); }
int ty_float4_fmt(float f, char *buf) { return fmt(f, true, buf); }

void type_float8_out(double d, OmBuf *out)
{
    char buf[32];
    int n = fmt(d, false, buf);
    buf_append(out, buf, (size_t)n);
}

void type_float4_out(float f, OmBuf *out)
{
    char buf[32];
    int n = fmt(f, true, buf);
    buf_append(out, buf, (size_t)n);
}
