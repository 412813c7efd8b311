/*
 * numeric_trans.c — sqrt, exp, ln, log and power for numeric, with
 * PostgreSQL 15's special values, errors and result scales.
 *
 * The result scale is chosen exactly as PostgreSQL does (numeric_sqrt,
 * numeric_exp, numeric_ln, log_var, power_var, power_var_int), including the
 * low-precision estimates it bases that choice on. The digits themselves are
 * computed in GMP fixed point with guard digits and then rounded half away
 * from zero; a result that lands too close to a rounding boundary is
 * recomputed with more guard digits (Ziv's strategy), so every result is the
 * correctly rounded value at PostgreSQL's scale. sqrt and integer powers
 * small enough are computed exactly.
 *
 * Fixed point: an mpz X stands for X / 10^P ("at precision P").
 *
 * Interface routines (numeric_big.h): ty_nv_sqrt, ty_nv_exp, ty_nv_ln,
 * ty_nv_log, ty_nv_power.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include "numeric_big.h"

#define LOG10_E 0.434294481903252 /* PostgreSQL's constant, same double */

static void z_pow10(mpz_t z, long k) { mpz_ui_pow_ui(z, 10, (unsigned long)k); }

/* x × 10^k, truncating toward zero when k < 0. */
static void z_shift10(mpz_t r, const mpz_t x, long k)
{
    if (k == 0) {
        mpz_set(r, x);
        return;
    }
    mpz_t t;
    mpz_init(t);
    z_pow10(t, k > 0 ? k : -k);
    if (k > 0) mpz_mul(r, x, t);
    else mpz_tdiv_q(r, x, t);
    mpz_clear(t);
}

static long ndigits_l(long v)
{
    long n = 1;
    if (v < 0) v = -v;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

static long clamp_scale(long s)
{
    if (s < 0) return 0;
    return s > NV_MAX_DISPLAY_SCALE ? NV_MAX_DISPLAY_SCALE : s;
}

/* ---- logarithms ------------------------------------------------------------------------- */

/*
 * ln(Y / 10^W) at precision W, for Y / 10^W in [0.1, 10]. Square roots bring
 * the argument within 1% of 1, then ln y = 2 atanh((y-1)/(y+1)) × 2^roots.
 * Each step truncates by at most one unit; the roots (at most ~9) multiply
 * the accumulated error by 2^roots, so the error stays below 2^10 × (terms +
 * 10) units — callers carry that many guard digits.
 */
static void ln_core(mpz_t out, const mpz_t yin, long w)
{
    mpz_t y, u, lim, d, z, z2, t, s, term;
    mpz_inits(y, u, lim, d, z, z2, t, s, term, NULL);
    mpz_set(y, yin);
    z_pow10(u, w);
    mpz_tdiv_q_ui(lim, u, 100);
    int roots = 0;
    for (;;) {
        mpz_sub(d, y, u);
        if (mpz_cmpabs(d, lim) < 0) break;
        mpz_mul(y, y, u);
        mpz_sqrt(y, y);
        roots++;
    }
    mpz_mul(z, d, u);
    mpz_add(t, y, u);
    mpz_tdiv_q(z, z, t);
    mpz_mul(z2, z, z);
    mpz_tdiv_q(z2, z2, u);
    mpz_set(s, z);
    mpz_set(t, z);
    for (unsigned long j = 3;; j += 2) {
        mpz_mul(t, t, z2);
        mpz_tdiv_q(t, t, u);
        if (mpz_sgn(t) == 0) break;
        mpz_tdiv_q_ui(term, t, j);
        if (mpz_sgn(term) == 0) break;
        mpz_add(s, s, term);
    }
    mpz_mul_2exp(out, s, (mp_bitcnt_t)roots + 1);
    mpz_clears(y, u, lim, d, z, z2, t, s, term, NULL);
}

/* ln 10, computed once to the highest precision asked so far (process
 * lifetime, like the function registry), shared by all sessions. */
static pthread_mutex_t ln10_lock = PTHREAD_MUTEX_INITIALIZER;
static mpz_t ln10_val;
static long ln10_prec = -1;

/* ln 10 at precision p (error within 2 units). */
static void ln10_at(mpz_t out, long p)
{
    pthread_mutex_lock(&ln10_lock);
    if (ln10_prec < p) {
        long np = p < 64 ? 64 : p + p / 2; /* grow geometrically */
        long w = np + 16;
        mpz_t y;
        mpz_init(y);
        z_pow10(y, w - 1); /* 0.1 */
        if (ln10_prec < 0) mpz_init(ln10_val);
        ln_core(ln10_val, y, w);
        mpz_neg(ln10_val, ln10_val);
        z_shift10(ln10_val, ln10_val, np - w);
        ln10_prec = np;
        mpz_clear(y);
    }
    z_shift10(out, ln10_val, p - ln10_prec);
    pthread_mutex_unlock(&ln10_lock);
}

/* ln x at precision p for a finite x > 0; error within a few units. */
static void ln_fixed(mpz_t out, const Nv *x, long p)
{
    mpz_t c, y, l10;
    mpz_inits(c, y, l10, NULL);
    ty_nv_get_z(x, c);
    long len = ty_nv_ndigits(x);
    long k = len - x->dscale; /* x = (c / 10^len) × 10^k, the fraction in [0.1, 1) */
    long w = p + 16 + ndigits_l(k) + ndigits_l(p);
    z_shift10(y, c, w - len);
    ln_core(out, y, w);
    if (k != 0) {
        ln10_at(l10, w);
        mpz_mul_si(l10, l10, k);
        mpz_add(out, out, l10);
    }
    z_shift10(out, out, p - w);
    mpz_clears(c, y, l10, NULL);
}

/* estimate_ln_dweight: PostgreSQL's guess at the decimal weight of ln(x),
 * reproduced operation for operation (it decides result scales). */
static long est_ln_dweight(const Nv *x)
{
    if (ty_nv_sign(x) <= 0) return 0;
    Nv lo, hi, t, one;
    ty_nv_init(&lo);
    ty_nv_init(&hi);
    ty_nv_init(&t);
    ty_nv_init(&one);
    ty_nv_set_i(&lo, 9, 1);
    ty_nv_set_i(&hi, 11, 1);
    ty_nv_set_i(&one, 1, 0);
    long r;
    NvBase nb;
    if (ty_nv_cmp(x, &lo) >= 0 && ty_nv_cmp(x, &hi) <= 0) {
        ty_nv_sub(x, &one, &t);
        ty_nv_nbase(&t, &nb);
        r = nb.zero ? 0 : nb.dweight;
    } else {
        ty_nv_nbase(x, &nb);
        int digits = nb.d0;
        long dweight = nb.weight * 4;
        if (nb.more) {
            digits = digits * 10000 + nb.d1;
            dweight -= 4;
        }
        double ln_var = log((double)digits) + (double)dweight * 2.302585092994046;
        r = (long)(int)log10(fabs(ln_var));
    }
    ty_nv_clear(&lo);
    ty_nv_clear(&hi);
    ty_nv_clear(&t);
    ty_nv_clear(&one);
    return r;
}

/* ---- rounding with guard digits ---------------------------------------------------------- */

#define ZIV_G0 12

/*
 * v approximates a value × 10^(rscale + g) to well within 10^(g-6) units.
 * Sets q to the value rounded half away from zero at rscale and returns true,
 * or returns false when v is too close to a rounding boundary to decide
 * (unless force).
 */
static bool ziv_round(const mpz_t v, long g, mpz_t q, bool force)
{
    mpz_t r, t, half;
    mpz_inits(r, t, half, NULL);
    z_pow10(t, g);
    mpz_tdiv_qr(q, r, v, t);
    mpz_abs(r, r);
    mpz_tdiv_q_ui(half, t, 2);
    mpz_sub(t, r, half);
    bool ok = true;
    if (!force) {
        mpz_t tol;
        mpz_init(tol);
        z_pow10(tol, g - 6);
        ok = mpz_cmpabs(t, tol) > 0;
        mpz_clear(tol);
    }
    if (ok && mpz_sgn(t) >= 0) {
        if (mpz_sgn(v) < 0) mpz_sub_ui(q, q, 1);
        else mpz_add_ui(q, q, 1);
    }
    mpz_clears(r, t, half, NULL);
    return ok;
}

/* ---- exp ------------------------------------------------------------------------------- */

/*
 * e^(t / 10^pt) × 10^q, truncated, into out: e^t = 10^n × e^r with
 * n = round(t / ln 10), |r| <= 1.2; e^r from the Taylor series of r / 2^12,
 * squared 12 times. Working precision keeps 20 digits beyond what the result
 * needs at 10^-q.
 */
static void exp_fixed(mpz_t out, const mpz_t t, long pt, long q)
{
    long e2;
    double m = mpz_get_d_2exp(&e2, t);
    double td = m * pow(2.0, (double)e2 - (double)pt * 3.321928094887362);
    long n = (long)floor(td / 2.302585092994046 + 0.5);
    long wr = n + q > 0 ? n + q + 24 : 24;
    mpz_t r, l10, u, s, term;
    mpz_inits(r, l10, u, s, term, NULL);
    long lp = wr + ndigits_l(n) + 2;
    ln10_at(l10, lp);
    mpz_mul_si(l10, l10, n);
    z_shift10(r, t, lp - pt);
    mpz_sub(r, r, l10);
    z_shift10(r, r, wr - lp);
    const int halvings = 12;
    mpz_tdiv_q_2exp(r, r, halvings);
    z_pow10(u, wr);
    mpz_add(s, u, r);
    mpz_set(term, r);
    for (unsigned long j = 2;; j++) {
        mpz_mul(term, term, r);
        mpz_tdiv_q(term, term, u);
        mpz_tdiv_q_ui(term, term, j);
        if (mpz_sgn(term) == 0) break;
        mpz_add(s, s, term);
    }
    for (int i = 0; i < halvings; i++) {
        mpz_mul(s, s, s);
        mpz_tdiv_q(s, s, u);
    }
    z_shift10(out, s, n + q - wr);
    mpz_clears(r, l10, u, s, term, NULL);
}

static int overflow(OmError *err)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
}

/* e^(t / 10^pt) rounded to rscale into r; t must be exact (pt its scale). */
static void exp_round(const mpz_t t, long pt, long rscale, Nv *r)
{
    mpz_t v, q;
    mpz_inits(v, q, NULL);
    for (long g = ZIV_G0;; g += 24) {
        exp_fixed(v, t, pt, rscale + g);
        if (ziv_round(v, g, q, g > 100)) break;
    }
    ty_nv_set_z(r, q, rscale);
    mpz_clears(v, q, NULL);
}

int ty_nv_exp(const Nv *x, Nv *r, OmError *err)
{
    if (x->kind != NV_FIN) {
        if (x->kind == NV_NINF) ty_nv_set_i(r, 0, 0); /* POSIX: exp(-Inf) = 0 */
        else ty_nv_set_special(r, x->kind);
        return 0;
    }
    double val = ty_nv_to_double(x);
    double dw = val * LOG10_E;
    if (dw < -NV_MAX_RESULT_SCALE) dw = -NV_MAX_RESULT_SCALE;
    if (dw > NV_MAX_RESULT_SCALE) dw = NV_MAX_RESULT_SCALE;
    long rscale = NV_MIN_SIG_DIGITS - (int)dw;
    if (rscale < x->dscale) rscale = x->dscale;
    rscale = clamp_scale(rscale);
    if (fabs(val) >= NV_MAX_RESULT_SCALE * 3) {
        if (val > 0) return overflow(err);
        ty_nv_set_i(r, 0, rscale);
        return 0;
    }
    mpz_t t;
    mpz_init(t);
    ty_nv_get_z(x, t);
    exp_round(t, x->dscale, rscale, r);
    mpz_clear(t);
    return 0;
}

/* ---- ln, log ---------------------------------------------------------------------------- */

/* ln x rounded to rscale (x finite, > 0). */
static void ln_round(const Nv *x, long rscale, Nv *r)
{
    mpz_t v, q;
    mpz_inits(v, q, NULL);
    for (long g = ZIV_G0;; g += 24) {
        ln_fixed(v, x, rscale + g);
        if (ziv_round(v, g, q, g > 100)) break;
    }
    ty_nv_set_z(r, q, rscale);
    mpz_clears(v, q, NULL);
}

static int log_domain(const Nv *x, OmError *err)
{
    int s = ty_nv_sign(x);
    if (s == 0)
        return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
    if (s < 0)
        return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
    return 0;
}

int ty_nv_ln(const Nv *x, Nv *r, OmError *err)
{
    if (x->kind != NV_FIN) {
        if (x->kind == NV_NINF)
            return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
        ty_nv_set_special(r, x->kind);
        return 0;
    }
    long rscale = NV_MIN_SIG_DIGITS - est_ln_dweight(x);
    if (rscale < x->dscale) rscale = x->dscale;
    rscale = clamp_scale(rscale);
    if (log_domain(x, err) < 0) return -1;
    ln_round(x, rscale, r);
    return 0;
}

int ty_nv_log(const Nv *base, const Nv *x, Nv *r, OmError *err)
{
    if (base->kind != NV_FIN || x->kind != NV_FIN) {
        if (base->kind == NV_NAN || x->kind == NV_NAN) {
            ty_nv_set_special(r, NV_NAN);
            return 0;
        }
        int s1 = ty_nv_sign(base), s2 = ty_nv_sign(x);
        if (s1 < 0 || s2 < 0)
            return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
        if (s1 == 0 || s2 == 0)
            return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        if (base->kind == NV_PINF) {
            if (x->kind == NV_PINF) ty_nv_set_special(r, NV_NAN); /* Inf / Inf */
            else ty_nv_set_i(r, 0, 0);
        } else {
            ty_nv_set_special(r, NV_PINF);
        }
        return 0;
    }
    long dwb = est_ln_dweight(base), dwx = est_ln_dweight(x);
    long rscale = NV_MIN_SIG_DIGITS - (dwx - dwb);
    if (rscale < base->dscale) rscale = base->dscale;
    if (rscale < x->dscale) rscale = x->dscale;
    rscale = clamp_scale(rscale);
    if (log_domain(base, err) < 0 || log_domain(x, err) < 0) return -1;
    Nv one;
    ty_nv_init(&one);
    ty_nv_set_i(&one, 1, 0);
    bool base_one = ty_nv_cmp(base, &one) == 0;
    ty_nv_clear(&one);
    if (base_one) return err_set(err, ERRCODE_DIVISION_BY_ZERO, "division by zero");
    /* Digits lost dividing by a small ln(base) or to a large quotient. */
    long extra = (dwb < 0 ? -dwb : 0) + (dwx > dwb ? dwx - dwb : 0) + 4;
    mpz_t lb, lx, v, q;
    mpz_inits(lb, lx, v, q, NULL);
    for (long g = ZIV_G0;; g += 24) {
        long p = rscale + g + extra;
        ln_fixed(lb, base, p);
        ln_fixed(lx, x, p);
        z_shift10(v, lx, rscale + g);
        mpz_tdiv_q(v, v, lb);
        if (ziv_round(v, g, q, g > 100)) break;
    }
    ty_nv_set_z(r, q, rscale);
    mpz_clears(lb, lx, v, q, NULL);
    return 0;
}

/* ---- sqrt ------------------------------------------------------------------------------- */

int ty_nv_sqrt(const Nv *x, Nv *r, OmError *err)
{
    if (x->kind == NV_NINF || (x->kind == NV_FIN && ty_nv_sign(x) < 0))
        return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number");
    if (x->kind != NV_FIN) {
        ty_nv_set_special(r, x->kind);
        return 0;
    }
    NvBase nb;
    ty_nv_nbase(x, &nb);
    int sweight = ((int)nb.weight + 1) * 4 / 2 - 1;
    long rscale = NV_MIN_SIG_DIGITS - sweight;
    if (rscale < x->dscale) rscale = x->dscale;
    rscale = clamp_scale(rscale);
    ty_nv_sqrt_scale(x, r, rscale);
    return 0;
}

void ty_nv_sqrt_scale(const Nv *x, Nv *r, long rscale)
{
    /* floor(sqrt(c × 10^(2·rscale + 2 - dscale))) has one digit beyond
     * rscale; rounding on it is exact. */
    mpz_t c;
    mpz_init(c);
    ty_nv_get_z(x, c);
    z_shift10(c, c, 2 * rscale + 2 - x->dscale);
    mpz_sqrt(c, c);
    mpz_add_ui(c, c, 5);
    mpz_tdiv_q_ui(c, c, 10);
    ty_nv_set_z(r, c, rscale);
    mpz_clear(c);
}

/* ---- power ------------------------------------------------------------------------------ */

static int power_error(OmError *err, const char *msg)
{
    return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION, "%s", msg);
}

static bool nv_is_odd_integer(const Nv *y)
{
    if (y->kind != NV_FIN || !ty_nv_is_integral(y)) return false;
    Nv t;
    ty_nv_init(&t);
    ty_nv_copy(&t, y);
    ty_nv_round(&t, 0);
    bool odd = t.big ? mpz_odd_p(t.z) : (t.c & 1) != 0;
    ty_nv_clear(&t);
    return odd;
}

static bool nv_equals_int(const Nv *x, int v)
{
    Nv t;
    ty_nv_init(&t);
    ty_nv_set_i(&t, v, 0);
    bool eq = x->kind == NV_FIN && ty_nv_cmp(x, &t) == 0;
    ty_nv_clear(&t);
    return eq;
}

/* numeric_power's rules for NaN and infinite operands (POSIX pow()). */
static int power_special(const Nv *x, const Nv *y, Nv *r, OmError *err)
{
    if (x->kind == NV_NAN) {
        if (y->kind == NV_FIN && ty_nv_is_zero(y)) ty_nv_set_i(r, 1, 0);
        else ty_nv_set_special(r, NV_NAN);
        return 0;
    }
    if (y->kind == NV_NAN) {
        if (nv_equals_int(x, 1)) ty_nv_set_i(r, 1, 0);
        else ty_nv_set_special(r, NV_NAN);
        return 0;
    }
    int s1 = ty_nv_sign(x), s2 = ty_nv_sign(y);
    if (s1 == 0 && s2 < 0) return power_error(err, "zero raised to a negative power is undefined");
    if (s1 < 0 && !ty_nv_is_integral(y))
        return power_error(err, "a negative number raised to a non-integer power yields a complex result");
    if (nv_equals_int(x, 1) || s2 == 0) {
        ty_nv_set_i(r, 1, 0);
        return 0;
    }
    if (s1 == 0 && s2 > 0) {
        ty_nv_set_i(r, 0, 0);
        return 0;
    }
    if (y->kind != NV_FIN) {
        bool abs_gt_one;
        if (x->kind != NV_FIN) {
            abs_gt_one = true;
        } else {
            if (nv_equals_int(x, -1)) {
                ty_nv_set_i(r, 1, 0);
                return 0;
            }
            Nv one;
            ty_nv_init(&one);
            ty_nv_set_i(&one, 1, 0);
            abs_gt_one = ty_nv_cmp_abs(x, &one) > 0;
            ty_nv_clear(&one);
        }
        if (abs_gt_one == (s2 > 0)) ty_nv_set_special(r, NV_PINF);
        else ty_nv_set_i(r, 0, 0);
        return 0;
    }
    if (x->kind == NV_PINF) {
        if (s2 > 0) ty_nv_set_special(r, NV_PINF);
        else ty_nv_set_i(r, 0, 0);
        return 0;
    }
    /* x = -Infinity */
    if (s2 < 0) ty_nv_set_i(r, 0, 0);
    else ty_nv_set_special(r, nv_is_odd_integer(y) ? NV_NINF : NV_PINF);
    return 0;
}

/* x^n by repeated squaring in decimal floating point (mantissa m, value
 * m × 10^e) keeping about w significant digits; relative error below
 * 4|n| × 10^(1-w). */
static void pow_float(const Nv *x, unsigned long n, long w, mpz_t m, long *e)
{
    mpz_t bm, t;
    mpz_inits(bm, t, NULL);
    ty_nv_get_z(x, bm);
    mpz_abs(bm, bm);
    long be = -x->dscale;
    mpz_set_ui(m, 1);
    *e = 0;
    for (;;) {
        if (n & 1) {
            mpz_mul(m, m, bm);
            *e += be;
            long l = (long)mpz_sizeinbase(m, 10);
            if (l > w) {
                z_shift10(m, m, w - l);
                *e += l - w;
            }
        }
        n >>= 1;
        if (!n) break;
        mpz_mul(bm, bm, bm);
        be *= 2;
        long l = (long)mpz_sizeinbase(bm, 10);
        if (l > w) {
            z_shift10(bm, bm, w - l);
            be += l - w;
        }
    }
    mpz_clears(bm, t, NULL);
}

/* power_var_int: x^n for an int32 n, rounded to rscale. */
static int power_int(const Nv *x, long n, long rscale, Nv *r, OmError *err)
{
    Nv one;
    ty_nv_init(&one);
    ty_nv_set_i(&one, 1, 0);
    int rc = 0;
    switch (n) {
    case 0: ty_nv_set_i(r, 1, 0); ty_nv_round(r, rscale); goto done;
    case 1: ty_nv_copy(r, x); ty_nv_round(r, rscale); goto done;
    case -1: rc = ty_nv_div(&one, x, r, rscale, true, err); goto done;
    case 2: ty_nv_mul(x, x, r, rscale); goto done;
    default: break;
    }
    if (ty_nv_is_zero(x)) {
        if (n < 0) {
            rc = err_set(err, ERRCODE_DIVISION_BY_ZERO, "division by zero");
            goto done;
        }
        ty_nv_set_i(r, 0, rscale);
        goto done;
    }
    {
        /* PostgreSQL's estimate of log10 of the result, from the leading
         * digits, decides the early overflow / underflow answers. */
        NvBase nb;
        ty_nv_nbase(x, &nb);
        double f = log10(fabs(ty_nv_to_double(x)));
        if (!isfinite(f)) f = (double)nb.dweight;
        f *= (double)n;
        if (f > 3 * 32767 * 4) {
            rc = overflow(err);
            goto done;
        }
        if (f + 1 < -rscale || f + 1 < -NV_MAX_DISPLAY_SCALE) {
            ty_nv_set_i(r, 0, rscale);
            goto done;
        }
        Nv b;
        ty_nv_init(&b);
        ty_nv_copy(&b, x);
        ty_nv_strip(&b);
        unsigned long an = (unsigned long)(n < 0 ? -n : n);
        long cd = ty_nv_ndigits(&b);
        bool neg_result = ty_nv_sign(x) < 0 && (an & 1);
        if ((double)an * (double)cd <= 300000.0) {
            /* Exact: c^|n| at scale dscale × |n|, then one rounding. */
            mpz_t p;
            mpz_init(p);
            ty_nv_get_z(&b, p);
            mpz_pow_ui(p, p, an);
            Nv pw;
            ty_nv_init(&pw);
            ty_nv_set_z(&pw, p, b.dscale * (long)an);
            if (n > 0) {
                ty_nv_copy(r, &pw);
                ty_nv_round(r, rscale);
            } else {
                rc = ty_nv_div(&one, &pw, r, rscale, true, err);
            }
            ty_nv_clear(&pw);
            mpz_clear(p);
        } else {
            /* Too many digits to be exact: floating point with guard digits
             * (the result is about 10^f; 10^fl bounds it). */
            long fl = (long)ceil(fabs(f)) + 2;
            mpz_t m, v, q;
            long e;
            mpz_inits(m, v, q, NULL);
            for (long g = ZIV_G0;; g += 24) {
                long w = fl + rscale + g + ndigits_l((long)an) + 8;
                pow_float(&b, an, w, m, &e);
                if (n > 0) {
                    z_shift10(v, m, e + rscale + g); /* m × 10^e × 10^(rscale+g) */
                } else if (rscale + g - e >= 0) {
                    z_pow10(v, rscale + g - e); /* 10^(rscale+g) / (m × 10^e) */
                    mpz_tdiv_q(v, v, m);
                } else {
                    mpz_set_ui(v, 0);
                }
                if (ziv_round(v, g, q, g > 100)) break;
            }
            if (neg_result) mpz_neg(q, q);
            ty_nv_set_z(r, q, rscale);
            mpz_clears(m, v, q, NULL);
        }
        ty_nv_clear(&b);
    }
done:
    ty_nv_clear(&one);
    return rc;
}

int ty_nv_power(const Nv *x, const Nv *y, Nv *r, OmError *err)
{
    if (x->kind != NV_FIN || y->kind != NV_FIN) return power_special(x, y, r, err);
    int s1 = ty_nv_sign(x), s2 = ty_nv_sign(y);
    if (s1 == 0 && s2 < 0) return power_error(err, "zero raised to a negative power is undefined");

    if (ty_nv_is_integral(y)) {
        Nv t;
        ty_nv_init(&t);
        ty_nv_copy(&t, y);
        ty_nv_round(&t, 0);
        bool fits = !t.big && t.c >= INT32_MIN && t.c <= INT32_MAX;
        long n = fits ? (long)t.c : 0;
        ty_nv_clear(&t);
        if (fits) {
            long rscale = NV_MIN_SIG_DIGITS;
            if (rscale < x->dscale) rscale = x->dscale;
            return power_int(x, n, clamp_scale(rscale), r, err);
        }
    }
    if (s1 == 0) {
        ty_nv_set_i(r, 0, NV_MIN_SIG_DIGITS);
        return 0;
    }
    bool neg = false;
    Nv base;
    ty_nv_init(&base);
    ty_nv_copy(&base, x);
    if (s1 < 0) {
        if (!ty_nv_is_integral(y)) {
            ty_nv_clear(&base);
            return power_error(err, "a negative number raised to a non-integer power yields a complex result");
        }
        neg = nv_is_odd_integer(y);
        if (base.big) mpz_neg(base.z, base.z);
        else base.c = -base.c;
    }
    /* PostgreSQL's low-precision pass: ln(base) to about 8 significant
     * digits, times the exponent, decides overflow and the result scale. */
    long ln_dweight = est_ln_dweight(&base);
    long local_rscale = 8 - ln_dweight;
    if (local_rscale < 0) local_rscale = 0;
    Nv lnb, lnn;
    ty_nv_init(&lnb);
    ty_nv_init(&lnn);
    ln_round(&base, local_rscale, &lnb);
    ty_nv_mul(&lnb, y, &lnn, local_rscale);
    double val = ty_nv_to_double(&lnn);
    ty_nv_clear(&lnb);
    ty_nv_clear(&lnn);
    int rc = 0;
    if (fabs(val) > NV_MAX_RESULT_SCALE * 3.01) {
        if (val > 0) rc = overflow(err);
        else ty_nv_set_i(r, 0, NV_MAX_DISPLAY_SCALE);
        ty_nv_clear(&base);
        return rc;
    }
    val *= LOG10_E;
    long rscale = NV_MIN_SIG_DIGITS - (int)val;
    if (rscale < base.dscale) rscale = base.dscale;
    if (rscale < y->dscale) rscale = y->dscale;
    rscale = clamp_scale(rscale);

    /* ln(1) = 0 exactly, so the result is 1 (-1 for -1 to an odd power)
     * however many digits the exponent has; PostgreSQL gets there fast as
     * its ln_var of 1 is 0, while the exact ln below would be computed to
     * the exponent's length. */
    Nv one;
    ty_nv_init(&one);
    ty_nv_set_i(&one, 1, 0);
    bool base_one = ty_nv_cmp(&base, &one) == 0;
    ty_nv_clear(&one);
    if (base_one) {
        ty_nv_set_i(r, neg ? -1 : 1, 0);
        ty_nv_round(r, rscale);
        ty_nv_clear(&base);
        return 0;
    }

    /* The real computation: t = y × ln(base), then e^t. */
    long dweight = val > 0 ? (long)ceil(val) : 0;
    mpz_t t, lb, yc, v, q;
    mpz_inits(t, lb, yc, v, q, NULL);
    ty_nv_get_z(y, yc);
    long ydigits = ty_nv_ndigits(y) - y->dscale;
    if (ydigits < 1) ydigits = 1;
    for (long g = ZIV_G0;; g += 24) {
        long pt = rscale + g + dweight + 6;
        long pl = pt + ydigits + 4;
        ln_fixed(lb, &base, pl);
        mpz_mul(t, lb, yc);                        /* at precision pl + y.dscale */
        z_shift10(t, t, pt - pl - y->dscale);
        if (g == ZIV_G0) {
            /* exp_var's own range check, on the accurate exponent */
            long e2;
            double m = mpz_get_d_2exp(&e2, t);
            double td = m * pow(2.0, (double)e2 - (double)pt * 3.321928094887362);
            if (fabs(td) >= NV_MAX_RESULT_SCALE * 3) {
                if (td > 0) rc = overflow(err);
                else ty_nv_set_i(r, 0, rscale);
                goto done;
            }
        }
        exp_fixed(v, t, pt, rscale + g);
        if (ziv_round(v, g, q, g > 100)) break;
    }
    if (neg) mpz_neg(q, q);
    ty_nv_set_z(r, q, rscale);
done:
    mpz_clears(t, lb, yc, v, q, NULL);
    ty_nv_clear(&base);
    return rc;
}
