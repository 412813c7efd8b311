/*
 * float_ref.c — a second, independent way to find the shortest decimal of a
 * float, used by the unit tests to cross-check the Ryu code in float_out.c
 * on millions of values (both were checked against PostgreSQL 15 itself with
 * test/unit/types_compare.sh). It is about 30 times slower than Ryu.
 *
 * Method: correctly rounded candidates from snprintf, each checked by reading
 * it back with strtod / strtof:
 *   - one snprintf("%.16e") gives 17 correctly rounded digits; candidates
 *     with fewer digits are derived by rounding that digit string (falling
 *     back to snprintf with the precision when the dropped digits are exactly
 *     "5000…", where double rounding could differ);
 *   - "reads back" means strtod gives x AND the decimal is not exactly one of
 *     the interval's bounds (the midpoints to the neighbouring values):
 *     PostgreSQL's Ryu never accepts a bound, although round-half-even strtod
 *     would read it back (float4 3e10 prints 3.0000001e+10);
 *   - if the 15-digit candidate reads back, the answer is it without trailing
 *     zeros: a normal double's rounding interval is narrower than half a unit
 *     in the 15th digit, so any shorter decimal inside is that same number;
 *   - from 16 digits on the interval can be wider than a unit in the last
 *     digit at powers of two (the lower neighbour is half as far), so when the
 *     correctly rounded candidate is outside, its neighbour on the other side
 *     of x is tried (then the only decimal of that length inside); otherwise
 *     the correctly rounded one is the closest, which is what Ryu picks;
 *   - 17 digits are always inside. float4: 6 / 7, 8 / 9 digits. Subnormals
 *     have a fixed, relatively large ulp: the search starts at one digit.
 *
 * Interface routine (types_int.h): ty_float_shortest_ref.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "types_int.h"

#define MAXDIG 17

/* A decimal candidate: digits dig[0..n) (dig[0] != '0'), value
 * d0.d1d2… × 10^e. */
typedef struct Dec {
    char dig[MAXDIG + 1];
    int n;
    int e;
} Dec;

/* Parse snprintf's "%.*e" output (locale-proof: skips any non-digit before
 * the 'e'). */
static void dec_from_e(const char *s, Dec *d)
{
    d->n = 0;
    const char *p = s;
    for (; *p && *p != 'e' && *p != 'E'; p++)
        if (*p >= '0' && *p <= '9' && d->n < MAXDIG) d->dig[d->n++] = *p;
    d->e = (*p) ? atoi(p + 1) : 0;
}

static void dec_from_printf(double x, int ndig, Dec *d)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.*e", ndig - 1, x);
    dec_from_e(buf, d);
}

/* Add one unit in the last place (dir > 0) or subtract one (dir < 0). */
static void dec_step(Dec *d, int dir)
{
    int i = d->n - 1;
    if (dir > 0) {
        while (i >= 0 && d->dig[i] == '9') d->dig[i--] = '0';
        if (i >= 0) {
            d->dig[i]++;
        } else { /* 99…9 + 1 = 100…0 */
            d->dig[0] = '1';
            d->e++;
        }
    } else {
        while (i >= 0 && d->dig[i] == '0') d->dig[i--] = '9';
        d->dig[i]--; /* i >= 0: the leading digit is not 0 */
        if (d->dig[0] == '0') { /* 100…0 - 1 = 99…9 one decade lower */
            memset(d->dig, '9', (size_t)d->n);
            d->e--;
        }
    }
}

/* Correctly rounded k-digit candidate from the 17-digit one, or -1 if the
 * dropped digits are exactly "5" followed by zeros (undecidable here). */
static int dec_round(const Dec *full, int k, Dec *out)
{
    memcpy(out->dig, full->dig, (size_t)k);
    out->n = k;
    out->e = full->e;
    if (k >= full->n) return 0;
    char r = full->dig[k];
    bool up;
    if (r != '5') {
        up = r > '5';
    } else {
        bool rest = false;
        for (int i = k + 1; i < full->n; i++) rest |= full->dig[i] != '0';
        if (!rest) return -1;
        up = true;
    }
    if (up) dec_step(out, +1);
    return 0;
}

static double dec_read(const Dec *d)
{
    char buf[48];
    memcpy(buf, d->dig, (size_t)d->n);
    snprintf(buf + d->n, sizeof buf - (size_t)d->n, "e%d", d->e - (d->n - 1));
    return strtod(buf, NULL);
}

static float dec_readf(const Dec *d)
{
    char buf[48];
    memcpy(buf, d->dig, (size_t)d->n);
    snprintf(buf + d->n, sizeof buf - (size_t)d->n, "e%d", d->e - (d->n - 1));
    return strtof(buf, NULL);
}

static void dec_trim(Dec *d)
{
    while (d->n > 1 && d->dig[d->n - 1] == '0') d->n--;
}

/*
 * The rounding interval of x = m × 2^e. PostgreSQL's Ryu excludes its
 * bounds (the midpoints to the neighbouring values) even where strtod's
 * round-half-even would read a bound back as x, so a candidate that reads
 * back must also not be exactly a midpoint. Midpoints are M × 2^j with M odd.
 */
typedef struct Interval {
    uint64_t m_lo, m_hi; /* odd numerators of the lower / upper midpoint */
    int j_lo, j_hi;
} Interval;

static Interval interval_of(double x, bool single)
{
    uint64_t m;
    int e;
    bool asym;
    if (single) {
        float f = (float)x;
        uint32_t b;
        memcpy(&b, &f, 4);
        uint32_t ef = (b >> 23) & 0xff, mant = b & 0x7fffff;
        m = ef ? (mant | 0x800000u) : mant;
        e = ef ? (int)ef - 150 : -149;
        asym = mant == 0 && ef > 1;
    } else {
        uint64_t b;
        memcpy(&b, &x, 8);
        uint64_t ef = (b >> 52) & 0x7ff, mant = b & 0xfffffffffffffull;
        m = ef ? (mant | (1ull << 52)) : mant;
        e = ef ? (int)ef - 1075 : -1074;
        asym = mant == 0 && ef > 1;
    }
    Interval iv;
    iv.m_hi = 2 * m + 1;
    iv.j_hi = e - 1;
    /* Just above a power of two the predecessor is half as far. */
    iv.m_lo = asym ? 4 * m - 1 : 2 * m - 1;
    iv.j_lo = asym ? e - 2 : e - 1;
    return iv;
}

/* Is D × 10^k == M × 2^j exactly (M odd)? */
static bool dec_equals(uint64_t d, int k, uint64_t mo, int j)
{
    int a = __builtin_ctzll(d);
    uint64_t dp = d >> a; /* D = dp × 2^a, dp odd */
    /* D × 10^k = dp × 5^k × 2^(a+k): odd part and power of two must match. */
    if (a + k != j) return false;
    if (k >= 0) {
        for (int i = 0; i < k; i++) {
            if (dp > mo / 5) return false;
            dp *= 5;
        }
        return dp == mo;
    }
    for (int i = 0; i < -k; i++) {
        if (dp % 5) return false;
        dp /= 5;
    }
    return dp == mo;
}

/* -1: c is exactly the lower bound, +1: the upper bound, 0: neither. */
static int dec_at_bound(const Dec *c, const Interval *iv)
{
    uint64_t d = 0;
    for (int i = 0; i < c->n; i++) d = d * 10 + (uint64_t)(c->dig[i] - '0');
    int k = c->e - (c->n - 1);
    if (dec_equals(d, k, iv->m_lo, iv->j_lo)) return -1;
    if (dec_equals(d, k, iv->m_hi, iv->j_hi)) return +1;
    return 0;
}

/* Does candidate c denote x (reads back as x and is not a bound)? *side:
 * where c lies relative to x when it does not (-1 below, +1 above). */
static bool dec_ok(const Dec *c, double x, bool single, const Interval *iv, int *side)
{
    double back = single ? (double)dec_readf(c) : dec_read(c);
    if (back != x) {
        *side = back < x ? -1 : +1;
        return false;
    }
    *side = dec_at_bound(c, iv);
    return *side == 0;
}

/*
 * Shortest digits of positive finite x. single: x is a float's value and
 * candidates are read back with strtof. lo: fewest digits at which the
 * correctly rounded candidate is known to be the answer if it is inside the
 * interval (15 / 6); hi: digits that are always inside (17 / 9).
 */
static void shortest(double x, bool single, Dec *out)
{
    int lo = single ? 6 : 15, hi = single ? 9 : 17;
    /* Subnormals have a fixed ulp, so their interval is relatively wide and
     * the shortcut at lo digits does not hold: search from one digit up. */
    if (x < (single ? (double)FLT_MIN : DBL_MIN)) lo = 1;
    Interval iv = interval_of(x, single);
    Dec full, c;
    int side;
    dec_from_printf(x, hi, &full);
    for (int k = lo; k < hi; k++) {
        if (dec_round(&full, k, &c) < 0) dec_from_printf(x, k, &c);
        if (dec_ok(&c, x, single, &iv, &side)) {
            *out = c;
            dec_trim(out);
            return;
        }
        if (k > lo) {
            Dec nb = c;
            int side2;
            dec_step(&nb, -side); /* the neighbour on the other side of x */
            if (dec_ok(&nb, x, single, &iv, &side2)) {
                *out = nb;
                dec_trim(out);
                return;
            }
        }
    }
    *out = full;
    dec_trim(out);
}

void ty_float_shortest_ref(double x, bool single, uint64_t *mant, int *e10)
{
    Dec d;
    shortest(x, single, &d);
    uint64_t v = 0;
    for (int i = 0; i < d.n; i++) v = v * 10 + (uint64_t)(d.dig[i] - '0');
    *mant = v;
    *e10 = d.e - (d.n - 1);
}
