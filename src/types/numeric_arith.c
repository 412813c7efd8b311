/*
 * numeric_arith.c — numeric arithmetic over canonical decimal texts:
 * the computational form (Nv: a 128-bit or GMP coefficient and a decimal
 * scale), its parsing and printing, + - * / %, div, gcd/lcm, rounding,
 * sign/abs/ceil/floor, scale functions, width_bucket and comparison — with
 * PostgreSQL 15's result scales, special values and errors.
 *
 * Callers are the executor's numeric kernels (exec_numeric.c) and the numeric
 * SQL functions (functions/fn_numeric.c), through numeric_arith.h. A value is
 * parsed from its text, computed, and printed straight into the caller's
 * buffer: with coefficients of up to 38 digits nothing is allocated.
 *
 * PostgreSQL computes in base 10000 (NumericVar); where its result scale
 * depends on that representation (select_div_scale, sqrt, ln's estimate) the
 * base-10000 view is derived from the decimal coefficient (ty_nv_nbase).
 *
 * Interface routines: type_numeric_binop, type_numeric_unop,
 * type_numeric_round, type_numeric_scale, type_numeric_width_bucket,
 * type_numeric_cmp; ty_nv_* for numeric_trans.c (numeric_big.h).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numeric_big.h"

#if GMP_LIMB_BITS != 64
#error "numeric_arith.c assumes 64-bit GMP limbs"
#endif

/* ---- powers of ten ------------------------------------------------------------------- */

#define E19 ((u128)10000000000000000000ULL)
static const u128 P10[39] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL, E19, E19 * 10ULL, E19 * 100ULL, E19 * 1000ULL, E19 * 10000ULL,
    E19 * 100000ULL, E19 * 1000000ULL, E19 * 10000000ULL, E19 * 100000000ULL, E19 * 1000000000ULL,
    E19 * 10000000000ULL, E19 * 100000000000ULL, E19 * 1000000000000ULL, E19 * 10000000000000ULL,
    E19 * 100000000000000ULL, E19 * 1000000000000000ULL, E19 * 10000000000000000ULL,
    E19 * 100000000000000000ULL, E19 * 1000000000000000000ULL, E19 * E19,
};

static inline u128 uabs128(i128 v) { return v < 0 ? (u128)0 - (u128)v : (u128)v; }

/* c × 10^k into *out if it fits an i128. */
static bool scale_i128(i128 c, long k, i128 *out)
{
    if (k == 0) {
        *out = c;
        return true;
    }
    if (k < 0 || k > 38) {
        if (c == 0 && k > 0) {
            *out = 0;
            return true;
        }
        return false;
    }
    return !__builtin_mul_overflow(c, (i128)P10[k], out);
}

static void z_set_i128(mpz_t z, i128 v)
{
    u128 a = uabs128(v);
    mpz_set_ui(z, (unsigned long)(a >> 64));
    mpz_mul_2exp(z, z, 64);
    mpz_add_ui(z, z, (unsigned long)(uint64_t)a);
    if (v < 0) mpz_neg(z, z);
}

/* z into *out if |z| < 2^127. */
static bool z_get_i128(const mpz_t z, i128 *out)
{
    if (mpz_sizeinbase(z, 2) > 126) return false;
    u128 a = ((u128)mpz_getlimbn(z, 1) << 64) | (u128)mpz_getlimbn(z, 0);
    *out = mpz_sgn(z) < 0 ? -(i128)a : (i128)a;
    return true;
}

static void z_pow10(mpz_t z, long k) { mpz_ui_pow_ui(z, 10, (unsigned long)k); }

/* ---- the Nv form ----------------------------------------------------------------------- */

void ty_nv_init(Nv *n)
{
    n->kind = NV_FIN;
    n->big = false;
    n->dscale = 0;
    n->c = 0;
}

void ty_nv_clear(Nv *n)
{
    if (n->big) mpz_clear(n->z);
    n->big = false;
}

void ty_nv_set_i(Nv *n, i128 c, long dscale)
{
    ty_nv_clear(n);
    n->kind = NV_FIN;
    n->c = c;
    n->dscale = dscale;
}

void ty_nv_set_z(Nv *n, const mpz_t z, long dscale)
{
    i128 c;
    if (z_get_i128(z, &c)) {
        ty_nv_set_i(n, c, dscale);
        return;
    }
    if (!n->big) {
        mpz_init(n->z);
        n->big = true;
    }
    mpz_set(n->z, z);
    n->kind = NV_FIN;
    n->dscale = dscale;
}

void ty_nv_set_special(Nv *n, NvKind k)
{
    ty_nv_set_i(n, 0, 0);
    n->kind = k;
}

void ty_nv_copy(Nv *dst, const Nv *src)
{
    if (src->big) ty_nv_set_z(dst, src->z, src->dscale);
    else ty_nv_set_i(dst, src->c, src->dscale);
    dst->kind = src->kind;
}

void ty_nv_get_z(const Nv *n, mpz_t z)
{
    if (n->big) mpz_set(z, n->z);
    else z_set_i128(z, n->c);
}

void ty_nv_parse(OmStr s, Nv *n)
{
    ty_nv_init(n);
    const char *p = s.ptr, *e = s.ptr + s.len;
    if (p == e) return;
    if (*p == 'N') {
        n->kind = NV_NAN;
        return;
    }
    if (*p == 'I') {
        n->kind = NV_PINF;
        return;
    }
    bool neg = *p == '-';
    if (neg) {
        p++;
        if (p < e && *p == 'I') {
            n->kind = NV_NINF;
            return;
        }
    }
    /* One pass: accumulate while at most 38 significant digits (leading
     * zeros excluded) have been seen; more send the value to GMP. */
    long nd = 0, ds = 0;
    bool frac = false;
    u128 v = 0;
    uint64_t chunk = 0;
    int cd = 0;
    for (const char *q = p; q < e; q++) {
        if (*q == '.') {
            frac = true;
            continue;
        }
        if (frac) ds++;
        if (nd == 0 && *q == '0') continue;
        if (++nd > 38) break;
        chunk = chunk * 10 + (unsigned)(*q - '0');
        if (++cd == 19) {
            v = v * P10[19] + chunk;
            chunk = 0;
            cd = 0;
        }
    }
    if (nd <= 38) {
        v = v * P10[cd] + chunk;
        n->c = neg ? -(i128)v : (i128)v;
        n->dscale = ds;
        return;
    }
    ds = 0;
    frac = false;
    for (const char *q = p; q < e; q++) {
        if (*q == '.') frac = true;
        else if (frac) ds++;
    }
    n->dscale = ds;
    char stack[256];
    size_t len = (size_t)(e - p);
    char *tmp = len < sizeof stack ? stack : malloc(len + 1);
    size_t k = 0;
    for (const char *q = p; q < e; q++)
        if (*q != '.') tmp[k++] = *q;
    tmp[k] = '\0';
    mpz_init_set_str(n->z, tmp, 10);
    if (neg) mpz_neg(n->z, n->z);
    n->big = true;
    if (tmp != stack) free(tmp);
}

int ty_nv_sign(const Nv *n)
{
    switch (n->kind) {
    case NV_NAN: return 0;
    case NV_PINF: return 1;
    case NV_NINF: return -1;
    default: break;
    }
    if (n->big) return mpz_sgn(n->z);
    return (n->c > 0) - (n->c < 0);
}

bool ty_nv_is_zero(const Nv *n) { return n->kind == NV_FIN && ty_nv_sign(n) == 0; }

/*
 * Decimal digits of |coef| into buf (>= 48 bytes) or, when larger, into
 * malloc'd memory the caller frees (the return value differs from buf).
 * Zero is "0". *len gets the digit count.
 */
static char *nv_absdigits(const Nv *n, char *buf, long *len)
{
    if (!n->big) {
        /* Peel 19-digit groups with one 128-bit division each, then 64-bit. */
        u128 a = uabs128(n->c);
        char tmp[48];
        char *end = tmp + sizeof tmp, *p = end;
        while (a > UINT64_MAX) {
            u128 q = a / P10[19];
            uint64_t r = (uint64_t)(a - q * P10[19]);
            for (int j = 0; j < 19; j++) {
                *--p = (char)('0' + (int)(r % 10));
                r /= 10;
            }
            a = q;
        }
        uint64_t v = (uint64_t)a;
        while (v >= 100) {
            unsigned d = (unsigned)(v % 100);
            v /= 100;
            *--p = (char)('0' + d % 10);
            *--p = (char)('0' + d / 10);
        }
        if (v >= 10) *--p = (char)('0' + (int)(v % 10)), v /= 10;
        *--p = (char)('0' + (int)v);
        *len = end - p;
        memcpy(buf, p, (size_t)*len);
        buf[*len] = '\0';
        return buf;
    }
    size_t cap = mpz_sizeinbase(n->z, 10) + 2;
    char *p = malloc(cap);
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, n->z);
    mpz_get_str(p, 10, a);
    mpz_clear(a);
    *len = (long)strlen(p);
    return p;
}

long ty_nv_ndigits(const Nv *n)
{
    if (!n->big) {
        u128 a = uabs128(n->c);
        long k = 1;
        while (k < 39 && a >= P10[k]) k++;
        return k;
    }
    long l = (long)mpz_sizeinbase(n->z, 10);
    if (l > 1) {
        mpz_t t;
        mpz_init(t);
        z_pow10(t, l - 1);
        if (mpz_cmpabs(n->z, t) < 0) l--;
        mpz_clear(t);
    }
    return l;
}

bool ty_nv_is_integral(const Nv *n)
{
    if (n->kind != NV_FIN) return n->kind != NV_NAN;
    if (n->dscale <= 0) return true;
    if (!n->big) {
        if (n->dscale > 38) return n->c == 0;
        return n->c % (i128)P10[n->dscale] == 0;
    }
    mpz_t t;
    mpz_init(t);
    z_pow10(t, n->dscale);
    bool r = mpz_divisible_p(n->z, t);
    mpz_clear(t);
    return r;
}

/* ---- rounding ------------------------------------------------------------------------- */

static void nv_rescale(Nv *n, long r, bool round)
{
    if (n->kind != NV_FIN) return;
    long d = n->dscale;
    if (r >= d) {
        i128 c;
        if (!n->big && scale_i128(n->c, r - d, &c)) {
            n->c = c;
        } else {
            mpz_t z, t;
            mpz_inits(z, t, NULL);
            ty_nv_get_z(n, z);
            z_pow10(t, r - d);
            mpz_mul(z, z, t);
            ty_nv_set_z(n, z, r);
            mpz_clears(z, t, NULL);
        }
        n->dscale = r;
        return;
    }
    long k = d - r;
    if (!n->big) {
        if (k > 38) {
            n->c = 0; /* |c| < 2^127 < 5 × 10^38: rounds to zero too */
        } else {
            u128 a = uabs128(n->c), q = a / P10[k], rem = a % P10[k];
            if (round && rem * 2 >= P10[k]) q++;
            n->c = n->c < 0 ? -(i128)q : (i128)q;
        }
        n->dscale = r;
        return;
    }
    mpz_t q, rem, t;
    mpz_inits(q, rem, t, NULL);
    z_pow10(t, k);
    mpz_tdiv_qr(q, rem, n->z, t);
    if (round) {
        mpz_mul_2exp(rem, rem, 1);
        if (mpz_cmpabs(rem, t) >= 0) {
            if (mpz_sgn(n->z) < 0) mpz_sub_ui(q, q, 1);
            else mpz_add_ui(q, q, 1);
        }
    }
    ty_nv_set_z(n, q, r);
    mpz_clears(q, rem, t, NULL);
}

void ty_nv_round(Nv *n, long rscale) { nv_rescale(n, rscale, true); }
void ty_nv_trunc(Nv *n, long rscale) { nv_rescale(n, rscale, false); }

void ty_nv_strip(Nv *n)
{
    if (n->kind != NV_FIN) return;
    if (ty_nv_is_zero(n)) {
        ty_nv_set_i(n, 0, 0);
        return;
    }
    if (!n->big) {
        while (n->c % 10 == 0) {
            n->c /= 10;
            n->dscale--;
        }
        return;
    }
    mpz_t z;
    mpz_init(z);
    mpz_set(z, n->z);
    long dscale = n->dscale;
    while (mpz_divisible_ui_p(z, 10)) {
        mpz_divexact_ui(z, z, 10);
        dscale--;
    }
    ty_nv_set_z(n, z, dscale);
    mpz_clear(z);
}

/* ---- output ----------------------------------------------------------------------------- */

static int overflow(OmError *err)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
}

int ty_nv_out(Nv *n, OmBuf *out, OmError *err)
{
    switch (n->kind) {
    case NV_NAN: buf_append(out, "NaN", 3); return 0;
    case NV_PINF: buf_append(out, "Infinity", 8); return 0;
    case NV_NINF: buf_append(out, "-Infinity", 9); return 0;
    default: break;
    }
    if (n->dscale < 0) ty_nv_round(n, 0);
    long ds = n->dscale;
    if (ds > NV_DSCALE_MAX) return overflow(err);
    char small[48];
    long len;
    char *d = nv_absdigits(n, small, &len);
    bool zero = len == 1 && d[0] == '0';
    if (!zero && len - ds > NV_MAX_INT_DIGITS) {
        if (d != small) free(d);
        return overflow(err);
    }
    buf_reserve(out, (size_t)(len + ds + 4));
    char *p = out->data + out->len;
    if (!zero && ty_nv_sign(n) < 0) *p++ = '-';
    if (len > ds) {
        memcpy(p, d, (size_t)(len - ds));
        p += len - ds;
        if (ds > 0) {
            *p++ = '.';
            memcpy(p, d + len - ds, (size_t)ds);
            p += ds;
        }
    } else {
        *p++ = '0';
        if (ds > 0) {
            *p++ = '.';
            memset(p, '0', (size_t)(ds - len));
            p += ds - len;
            memcpy(p, d, (size_t)len);
            p += len;
        }
    }
    *p = '\0';
    out->len = (size_t)(p - out->data);
    if (d != small) free(d);
    return 0;
}

double ty_nv_to_double(const Nv *n)
{
    switch (n->kind) {
    case NV_NAN: return NAN;
    case NV_PINF: return HUGE_VAL;
    case NV_NINF: return -HUGE_VAL;
    default: break;
    }
    char small[48];
    long len;
    char *d = nv_absdigits(n, small, &len);
    char *s = malloc((size_t)len + 32);
    snprintf(s, (size_t)len + 32, "%s%se%ld", ty_nv_sign(n) < 0 ? "-" : "", d, -n->dscale);
    double v = strtod(s, NULL);
    free(s);
    if (d != small) free(d);
    return v;
}

/* ---- comparison and base-10000 view ------------------------------------------------------ */

/* Both coefficients at the larger scale, as i128 when they fit. */
static bool align_i128(const Nv *a, const Nv *b, i128 *x, i128 *y, long *s)
{
    *s = a->dscale > b->dscale ? a->dscale : b->dscale;
    return !a->big && !b->big && scale_i128(a->c, *s - a->dscale, x) && scale_i128(b->c, *s - b->dscale, y);
}

static void align_z(const Nv *a, const Nv *b, mpz_t x, mpz_t y, long *s)
{
    *s = a->dscale > b->dscale ? a->dscale : b->dscale;
    mpz_t t;
    mpz_init(t);
    ty_nv_get_z(a, x);
    ty_nv_get_z(b, y);
    if (*s > a->dscale) {
        z_pow10(t, *s - a->dscale);
        mpz_mul(x, x, t);
    }
    if (*s > b->dscale) {
        z_pow10(t, *s - b->dscale);
        mpz_mul(y, y, t);
    }
    mpz_clear(t);
}

static int nv_cmp_impl(const Nv *a, const Nv *b, bool absolute)
{
    int sa = ty_nv_sign(a), sb = ty_nv_sign(b);
    if (!absolute && sa != sb) return sa < sb ? -1 : 1;
    if (absolute && (sa == 0 || sb == 0)) return (sa != 0) - (sb != 0);
    i128 x, y;
    long s;
    if (align_i128(a, b, &x, &y, &s)) {
        if (absolute) {
            u128 ux = uabs128(x), uy = uabs128(y);
            return (ux > uy) - (ux < uy);
        }
        return (x > y) - (x < y);
    }
    mpz_t zx, zy;
    mpz_inits(zx, zy, NULL);
    align_z(a, b, zx, zy, &s);
    int c = absolute ? mpz_cmpabs(zx, zy) : mpz_cmp(zx, zy);
    mpz_clears(zx, zy, NULL);
    return (c > 0) - (c < 0);
}

int ty_nv_cmp(const Nv *a, const Nv *b) { return nv_cmp_impl(a, b, false); }
int ty_nv_cmp_abs(const Nv *a, const Nv *b) { return nv_cmp_impl(a, b, true); }

static long floor_div4(long v) { return v >= 0 ? v / 4 : -((-v + 3) / 4); }

void ty_nv_nbase(const Nv *n, NvBase *o)
{
    memset(o, 0, sizeof *o);
    if (n->kind != NV_FIN || ty_nv_is_zero(n)) {
        o->zero = true;
        return;
    }
    char small[48];
    long len;
    char *d = nv_absdigits(n, small, &len);
    o->dweight = len - 1 - n->dscale;
    o->weight = floor_div4(o->dweight);
    long g = o->dweight - 4 * o->weight + 1; /* decimal digits in the first NBASE digit */
    for (long i = 0; i < g; i++) o->d0 = o->d0 * 10 + (i < len ? d[i] - '0' : 0);
    for (long i = g; i < g + 4; i++) o->d1 = o->d1 * 10 + (i < len ? d[i] - '0' : 0);
    for (long i = g; i < len && !o->more; i++) o->more = d[i] != '0';
    if (d != small) free(d);
}

long ty_nv_div_scale(const Nv *a, const Nv *b)
{
    NvBase x, y;
    ty_nv_nbase(a, &x);
    ty_nv_nbase(b, &y);
    long qweight = x.weight - y.weight;
    if (x.d0 <= y.d0) qweight--;
    long rscale = NV_MIN_SIG_DIGITS - qweight * 4;
    if (rscale < a->dscale) rscale = a->dscale;
    if (rscale < b->dscale) rscale = b->dscale;
    if (rscale < 0) rscale = 0;
    if (rscale > NV_MAX_DISPLAY_SCALE) rscale = NV_MAX_DISPLAY_SCALE;
    return rscale;
}

/* ---- arithmetic -------------------------------------------------------------------------- */

static void nv_addsub(const Nv *a, const Nv *b, Nv *r, bool sub)
{
    i128 x, y, z;
    long s;
    if (align_i128(a, b, &x, &y, &s) &&
        !(sub ? __builtin_sub_overflow(x, y, &z) : __builtin_add_overflow(x, y, &z))) {
        ty_nv_set_i(r, z, s);
        return;
    }
    mpz_t zx, zy;
    mpz_inits(zx, zy, NULL);
    align_z(a, b, zx, zy, &s);
    if (sub) mpz_sub(zx, zx, zy);
    else mpz_add(zx, zx, zy);
    ty_nv_set_z(r, zx, s);
    mpz_clears(zx, zy, NULL);
}

void ty_nv_add(const Nv *a, const Nv *b, Nv *r) { nv_addsub(a, b, r, false); }
void ty_nv_sub(const Nv *a, const Nv *b, Nv *r) { nv_addsub(a, b, r, true); }

void ty_nv_mul(const Nv *a, const Nv *b, Nv *r, long rscale)
{
    i128 z;
    long s = a->dscale + b->dscale;
    if (!a->big && !b->big && !__builtin_mul_overflow(a->c, b->c, &z)) {
        ty_nv_set_i(r, z, s);
    } else {
        mpz_t zx, zy;
        mpz_inits(zx, zy, NULL);
        ty_nv_get_z(a, zx);
        ty_nv_get_z(b, zy);
        mpz_mul(zx, zx, zy);
        ty_nv_set_z(r, zx, s);
        mpz_clears(zx, zy, NULL);
    }
    ty_nv_round(r, rscale);
}

static int div_by_zero(OmError *err) { return err_set(err, ERRCODE_DIVISION_BY_ZERO, "division by zero"); }

int ty_nv_div(const Nv *a, const Nv *b, Nv *r, long rscale, bool round, OmError *err)
{
    if (ty_nv_is_zero(b)) return div_by_zero(err);
    long k = rscale - a->dscale + b->dscale; /* a × 10^k / b is the quotient's coefficient */
    i128 num, den;
    if (!a->big && !b->big && (k >= 0 ? scale_i128(a->c, k, &num) && (den = b->c, true)
                                       : scale_i128(b->c, -k, &den) && (num = a->c, true))) {
        u128 un = uabs128(num), ud = uabs128(den), q = un / ud, rem = un % ud;
        if (round && rem >= ud - rem) q++; /* 2 × rem >= ud, without overflow */
        bool neg = (num < 0) != (den < 0);
        if (q < ((u128)1 << 127)) {
            ty_nv_set_i(r, neg ? -(i128)q : (i128)q, rscale);
            return 0;
        }
    }
    mpz_t zn, zd, q, rem, t;
    mpz_inits(zn, zd, q, rem, t, NULL);
    ty_nv_get_z(a, zn);
    ty_nv_get_z(b, zd);
    if (k > 0) {
        z_pow10(t, k);
        mpz_mul(zn, zn, t);
    } else if (k < 0) {
        z_pow10(t, -k);
        mpz_mul(zd, zd, t);
    }
    mpz_tdiv_qr(q, rem, zn, zd);
    if (round) {
        mpz_mul_2exp(rem, rem, 1);
        if (mpz_cmpabs(rem, zd) >= 0) {
            if ((mpz_sgn(zn) < 0) != (mpz_sgn(zd) < 0)) mpz_sub_ui(q, q, 1);
            else mpz_add_ui(q, q, 1);
        }
    }
    ty_nv_set_z(r, q, rscale);
    mpz_clears(zn, zd, q, rem, t, NULL);
    return 0;
}

/* mod_var: x - trunc(x / y) × y, at the larger scale. */
static int nv_mod(const Nv *x, const Nv *y, Nv *r, OmError *err)
{
    i128 a, b;
    long s;
    if (ty_nv_is_zero(y)) return div_by_zero(err);
    if (align_i128(x, y, &a, &b, &s)) {
        ty_nv_set_i(r, a % b, s);
        return 0;
    }
    mpz_t za, zb;
    mpz_inits(za, zb, NULL);
    align_z(x, y, za, zb, &s);
    mpz_tdiv_r(za, za, zb);
    ty_nv_set_z(r, za, s);
    mpz_clears(za, zb, NULL);
    return 0;
}

/* gcd / lcm of the coefficients at the common scale (PostgreSQL's gcd_var and
 * numeric_lcm give exactly these, with the larger input scale). */
static void nv_gcd_lcm(const Nv *x, const Nv *y, Nv *r, bool lcm)
{
    mpz_t a, b;
    long s;
    mpz_inits(a, b, NULL);
    align_z(x, y, a, b, &s);
    if (lcm) {
        if (mpz_sgn(a) == 0 || mpz_sgn(b) == 0) mpz_set_ui(a, 0);
        else mpz_lcm(a, a, b);
    } else {
        mpz_gcd(a, a, b);
    }
    ty_nv_set_z(r, a, s);
    mpz_clears(a, b, NULL);
}

/* ---- special values ----------------------------------------------------------------------- */

static bool is_inf(const Nv *n) { return n->kind == NV_PINF || n->kind == NV_NINF; }
static NvKind inf_of_sign(int s) { return s > 0 ? NV_PINF : NV_NINF; }

/* Results for operands where either is NaN or infinite (numeric_add_opt_error
 * and friends). Returns 1 when *r is set, 0 when both are finite, -1 on error. */
static int binop_special(OmNumBinOp op, const Nv *x, const Nv *y, Nv *r, OmError *err)
{
    if (x->kind == NV_FIN && y->kind == NV_FIN) return 0;
    if (op == OM_NUM_POWER || op == OM_NUM_LOG) return 0; /* numeric_trans.c */
    if (x->kind == NV_NAN || y->kind == NV_NAN || op == OM_NUM_GCD || op == OM_NUM_LCM) {
        ty_nv_set_special(r, NV_NAN);
        return 1;
    }
    int sx = ty_nv_sign(x), sy = ty_nv_sign(y);
    switch (op) {
    case OM_NUM_ADD:
    case OM_NUM_SUB: {
        if (op == OM_NUM_SUB) sy = -sy;
        if (is_inf(x) && is_inf(y) && sx != sy) ty_nv_set_special(r, NV_NAN);
        else ty_nv_set_special(r, inf_of_sign(is_inf(x) ? sx : sy));
        return 1;
    }
    case OM_NUM_MUL:
        if (sx == 0 || sy == 0) ty_nv_set_special(r, NV_NAN);
        else ty_nv_set_special(r, inf_of_sign(sx * sy));
        return 1;
    case OM_NUM_DIV:
    case OM_NUM_DIV_TRUNC:
        if (is_inf(x)) {
            if (is_inf(y)) ty_nv_set_special(r, NV_NAN);
            else if (sy == 0) return div_by_zero(err);
            else ty_nv_set_special(r, inf_of_sign(sx * sy));
        } else {
            ty_nv_set_i(r, 0, 0); /* finite / ±Infinity */
        }
        return 1;
    case OM_NUM_MOD:
        if (is_inf(x)) {
            if (sy == 0) return div_by_zero(err);
            ty_nv_set_special(r, NV_NAN);
        } else {
            ty_nv_copy(r, x); /* finite % ±Infinity is the dividend */
        }
        return 1;
    default: return 0;
    }
}

/* ---- entry points ----------------------------------------------------------------------- */

int type_numeric_binop(OmNumBinOp op, OmStr a, OmStr b, OmBuf *out, OmError *err)
{
    Nv x, y, r;
    ty_nv_parse(a, &x);
    ty_nv_parse(b, &y);
    ty_nv_init(&r);
    int rc = binop_special(op, &x, &y, &r, err);
    if (rc == 0) {
        switch (op) {
        case OM_NUM_ADD: ty_nv_add(&x, &y, &r); break;
        case OM_NUM_SUB: ty_nv_sub(&x, &y, &r); break;
        case OM_NUM_MUL:
            ty_nv_mul(&x, &y, &r, x.dscale + y.dscale);
            if (r.dscale > NV_DSCALE_MAX) ty_nv_round(&r, NV_DSCALE_MAX);
            break;
        case OM_NUM_DIV:
            if (ty_nv_is_zero(&y)) rc = div_by_zero(err);
            else rc = ty_nv_div(&x, &y, &r, ty_nv_div_scale(&x, &y), true, err);
            break;
        case OM_NUM_DIV_TRUNC: rc = ty_nv_div(&x, &y, &r, 0, false, err); break;
        case OM_NUM_MOD: rc = nv_mod(&x, &y, &r, err); break;
        case OM_NUM_GCD: nv_gcd_lcm(&x, &y, &r, false); break;
        case OM_NUM_LCM: nv_gcd_lcm(&x, &y, &r, true); break;
        case OM_NUM_POWER: rc = ty_nv_power(&x, &y, &r, err); break;
        case OM_NUM_LOG: rc = ty_nv_log(&x, &y, &r, err); break;
        }
    }
    if (rc >= 0) rc = ty_nv_out(&r, out, err);
    ty_nv_clear(&x);
    ty_nv_clear(&y);
    ty_nv_clear(&r);
    return rc < 0 ? -1 : 0;
}

/* Digits after the point that carry value (get_min_scale). */
static long nv_min_scale(const Nv *n)
{
    if (ty_nv_is_zero(n) || n->dscale <= 0) return 0;
    Nv t;
    ty_nv_init(&t);
    ty_nv_copy(&t, n);
    ty_nv_strip(&t);
    long s = t.dscale > 0 ? t.dscale : 0;
    ty_nv_clear(&t);
    return s;
}

int type_numeric_unop(OmNumUnOp op, OmStr a, OmBuf *out, OmError *err)
{
    Nv x, r, t;
    ty_nv_parse(a, &x);
    ty_nv_init(&r);
    ty_nv_init(&t);
    int rc = 0;
    int s = ty_nv_sign(&x);
    switch (op) {
    case OM_NUM_NEG:
    case OM_NUM_ABS:
        ty_nv_copy(&r, &x);
        if (op == OM_NUM_NEG || s < 0) {
            if (r.kind == NV_PINF) r.kind = NV_NINF;
            else if (r.kind == NV_NINF) r.kind = NV_PINF;
            else if (r.big) mpz_neg(r.z, r.z);
            else r.c = -r.c;
        }
        break;
    case OM_NUM_SIGN:
        if (x.kind == NV_NAN) ty_nv_set_special(&r, NV_NAN);
        else ty_nv_set_i(&r, s, 0);
        break;
    case OM_NUM_CEIL:
    case OM_NUM_FLOOR:
        ty_nv_copy(&r, &x);
        if (x.kind != NV_FIN) break;
        ty_nv_trunc(&r, 0);
        if ((op == OM_NUM_CEIL ? s > 0 : s < 0) && ty_nv_cmp(&x, &r) != 0) {
            ty_nv_set_i(&t, op == OM_NUM_CEIL ? 1 : -1, 0);
            Nv u;
            ty_nv_init(&u);
            ty_nv_add(&r, &t, &u);
            ty_nv_copy(&r, &u);
            ty_nv_clear(&u);
        }
        break;
    case OM_NUM_SQRT: rc = ty_nv_sqrt(&x, &r, err); break;
    case OM_NUM_EXP: rc = ty_nv_exp(&x, &r, err); break;
    case OM_NUM_LN: rc = ty_nv_ln(&x, &r, err); break;
    case OM_NUM_LOG10:
        ty_nv_set_i(&t, 10, 0);
        rc = ty_nv_log(&t, &x, &r, err);
        break;
    case OM_NUM_TRIM_SCALE:
        ty_nv_copy(&r, &x);
        if (x.kind == NV_FIN) ty_nv_trunc(&r, nv_min_scale(&x));
        break;
    }
    if (rc == 0) rc = ty_nv_out(&r, out, err);
    ty_nv_clear(&x);
    ty_nv_clear(&r);
    ty_nv_clear(&t);
    return rc;
}

int type_numeric_round(OmStr a, int32_t scale, bool truncate, OmBuf *out, OmError *err)
{
    Nv x;
    ty_nv_parse(a, &x);
    if (x.kind == NV_FIN) {
        /* PostgreSQL 15's limits: every digit position a numeric can have,
         * plus one before the point for a rounding carry (which then
         * overflows as it should). */
        long lo = -NV_MAX_INT_DIGITS - (truncate ? 0 : 1);
        long s = scale < lo ? lo : scale > NV_DSCALE_MAX ? NV_DSCALE_MAX : scale;
        if (truncate) ty_nv_trunc(&x, s);
        else ty_nv_round(&x, s);
    }
    int rc = ty_nv_out(&x, out, err); /* a negative scale prints as scale 0 */
    ty_nv_clear(&x);
    return rc;
}

bool type_numeric_value_scale(OmStr a, bool min_scale, int32_t *out)
{
    Nv x;
    ty_nv_parse(a, &x);
    bool ok = x.kind == NV_FIN;
    if (ok) *out = (int32_t)(min_scale ? nv_min_scale(&x) : x.dscale);
    ty_nv_clear(&x);
    return ok;
}

/* width_bucket_numeric and compute_bucket: the bucket is
 * floor((operand - low) × count / (high - low) + 1), the division rounded at
 * select_div_scale exactly as PostgreSQL does. */
int type_numeric_width_bucket(OmStr operand, OmStr b1, OmStr b2, int32_t count, int32_t *out, OmError *err)
{
    if (count <= 0)
        return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, "count must be greater than zero");
    Nv op, lo, hi, c, t, u, q;
    ty_nv_parse(operand, &op);
    ty_nv_parse(b1, &lo);
    ty_nv_parse(b2, &hi);
    ty_nv_init(&c);
    ty_nv_init(&t);
    ty_nv_init(&u);
    ty_nv_init(&q);
    int rc = 0;
    if (op.kind == NV_NAN || lo.kind == NV_NAN || hi.kind == NV_NAN) {
        rc = err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION,
                     "operand, lower bound, and upper bound cannot be NaN");
        goto done;
    }
    if (lo.kind != NV_FIN || hi.kind != NV_FIN) {
        rc = err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, "lower and upper bounds must be finite");
        goto done;
    }
    int bc = ty_nv_cmp(&lo, &hi);
    if (bc == 0) {
        rc = err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, "lower bound cannot equal upper bound");
        goto done;
    }
    /* An infinite operand falls outside either way. */
    int below = op.kind == NV_NINF ? -1 : op.kind == NV_PINF ? 1 : ty_nv_cmp(&op, &lo);
    int above = op.kind == NV_NINF ? -1 : op.kind == NV_PINF ? 1 : ty_nv_cmp(&op, &hi);
    int64_t result;
    if (bc < 0 ? below < 0 : below > 0) {
        result = 0;
    } else if (bc < 0 ? above >= 0 : above <= 0) {
        result = (int64_t)count + 1;
    } else {
        ty_nv_set_i(&c, count, 0);
        if (bc < 0) {
            ty_nv_sub(&op, &lo, &t);
            ty_nv_sub(&hi, &lo, &u);
        } else {
            ty_nv_sub(&lo, &op, &t);
            ty_nv_sub(&lo, &hi, &u);
        }
        Nv m;
        ty_nv_init(&m);
        ty_nv_mul(&t, &c, &m, t.dscale);
        rc = ty_nv_div(&m, &u, &q, ty_nv_div_scale(&m, &u), true, err);
        ty_nv_clear(&m);
        if (rc < 0) goto done;
        ty_nv_trunc(&q, 0); /* q >= 0: floor(q + 1) = trunc(q) + 1 */
        i128 v = q.big ? INT64_MAX : q.c;
        result = v > INT32_MAX ? (int64_t)INT32_MAX + 1 : (int64_t)v + 1;
    }
    if (result > INT32_MAX) {
        rc = err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        goto done;
    }
    *out = (int32_t)result;
done:
    ty_nv_clear(&op);
    ty_nv_clear(&lo);
    ty_nv_clear(&hi);
    ty_nv_clear(&c);
    ty_nv_clear(&t);
    ty_nv_clear(&u);
    ty_nv_clear(&q);
    return rc;
}

int type_numeric_factorial(int64_t n, OmBuf *out, OmError *err)
{
    if (n < 0)
        return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "factorial of a negative number is undefined");
    if (n > 32177) return overflow(err); /* 32178! has more than 131072 digits */
    Nv r;
    ty_nv_init(&r);
    mpz_t z;
    mpz_init(z);
    mpz_fac_ui(z, (unsigned long)(n < 1 ? 1 : n));
    ty_nv_set_z(&r, z, 0);
    mpz_clear(z);
    int rc = ty_nv_out(&r, out, err);
    ty_nv_clear(&r);
    return rc;
}

/* ---- comparison of texts --------------------------------------------------------------- */

/* 0 finite, 1 -Infinity, 2 Infinity, 3 NaN: the order of the specials. */
static int special_rank(OmStr s)
{
    if (s.len == 0) return 0;
    if (s.ptr[0] == 'N') return 3;
    if (s.ptr[0] == 'I') return 2;
    if (s.len > 1 && s.ptr[0] == '-' && s.ptr[1] == 'I') return 1;
    return 0;
}

int type_numeric_cmp(OmStr a, OmStr b)
{
    int ra = special_rank(a), rb = special_rank(b);
    if (ra || rb) {
        int ka = ra == 0 ? 1 : ra == 1 ? 0 : ra; /* -Inf 0 < finite 1 < Inf 2 < NaN 3 */
        int kb = rb == 0 ? 1 : rb == 1 ? 0 : rb;
        return (ka > kb) - (ka < kb);
    }
    bool aneg = a.len && a.ptr[0] == '-', bneg = b.len && b.ptr[0] == '-';
    if (aneg != bneg) return aneg ? -1 : 1; /* canonical texts never print -0 */
    OmStr x = {a.ptr + aneg, a.len - aneg}, y = {b.ptr + bneg, b.len - bneg};
    uint32_t xi = 0, yi = 0;
    while (xi < x.len && x.ptr[xi] != '.') xi++;
    while (yi < y.len && y.ptr[yi] != '.') yi++;
    int c;
    if (xi != yi) {
        c = xi < yi ? -1 : 1; /* no leading zeros: more integer digits is larger */
    } else {
        c = memcmp(x.ptr, y.ptr, xi);
        c = (c > 0) - (c < 0);
        /* Fractions digit by digit, the shorter padded with zeros. */
        for (uint32_t k = xi + 1, l = yi + 1; !c && (k < x.len || l < y.len); k++, l++) {
            char dx = k < x.len ? x.ptr[k] : '0', dy = l < y.len ? y.ptr[l] : '0';
            c = (dx > dy) - (dx < dy);
        }
    }
    return aneg ? -c : c;
}
