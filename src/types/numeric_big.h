/*
 * numeric_big.h — the computational form of a numeric, shared by
 * numeric_arith.c (representation, + - * / %, rounding) and numeric_trans.c
 * (sqrt, exp, ln, log, power). Private to src/types/: it is the one place
 * outside those two files that sees <gmp.h>.
 *
 * A finite value is coef × 10^-dscale, with dscale the display scale (the
 * fractional digits numeric_out prints; it may exceed the digits present:
 * "1.50" is coef 150, dscale 2). The coefficient lives in an __int128 while
 * it has at most 38 digits (the fast path: no allocation at all) and in a GMP
 * integer beyond. Internally dscale may be negative (a rounding position left
 * of the point); ty_nv_out normalises before printing.
 *
 * Memory: an Nv that went big owns GMP memory (GMP's malloc), released by
 * ty_nv_clear. Never copy an Nv by value; use ty_nv_copy.
 */
#ifndef OM_NUMERIC_BIG_H
#define OM_NUMERIC_BIG_H

#include <gmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "numeric_arith.h"

typedef __int128 i128;
typedef unsigned __int128 u128;

typedef enum { NV_FIN = 0, NV_NAN, NV_PINF, NV_NINF } NvKind;

typedef struct Nv {
    NvKind kind;
    bool big;    /* coefficient in z (initialised), else in c */
    long dscale; /* value = coef × 10^-dscale */
    i128 c;
    mpz_t z;
} Nv;

/* PostgreSQL's numeric limits (numeric.h / numeric.c). */
#define NV_MAX_DISPLAY_SCALE 1000 /* NUMERIC_MAX_DISPLAY_SCALE */
#define NV_MAX_RESULT_SCALE 2000  /* NUMERIC_MAX_RESULT_SCALE */
#define NV_MIN_SIG_DIGITS 16      /* NUMERIC_MIN_SIG_DIGITS */
#define NV_DSCALE_MAX 16383       /* NUMERIC_DSCALE_MAX: largest storable dscale */
#define NV_MAX_INT_DIGITS 131072L /* 4 × (SHRT_MAX + 1): digits before the point */

/* ---- representation (numeric_arith.c) ---- */

void ty_nv_init(Nv *n);
void ty_nv_clear(Nv *n);
void ty_nv_copy(Nv *dst, const Nv *src);
/* Parse a canonical numeric text (what vectors hold); never fails. */
void ty_nv_parse(OmStr s, Nv *n);
/* make_result's limits (22003 value overflows numeric format), then the
 * canonical text appended to out. A negative dscale is printed as 0. */
int ty_nv_out(Nv *n, OmBuf *out, OmError *err);
/* Coefficient into z (initialised by the caller). */
void ty_nv_get_z(const Nv *n, mpz_t z);
/* Set a finite value from a coefficient and a scale. */
void ty_nv_set_z(Nv *n, const mpz_t z, long dscale);
void ty_nv_set_i(Nv *n, i128 c, long dscale);
void ty_nv_set_special(Nv *n, NvKind k);
/* -1, 0, 1 for finite values; infinities ±1; NaN 0. */
int ty_nv_sign(const Nv *n);
bool ty_nv_is_zero(const Nv *n);
/* Is the (finite) value an integer? */
bool ty_nv_is_integral(const Nv *n);
/* Compare finite values. */
int ty_nv_cmp(const Nv *a, const Nv *b);
int ty_nv_cmp_abs(const Nv *a, const Nv *b);

/* round_var / trunc_var: round half away from zero (or truncate toward zero)
 * to rscale fractional digits; dscale becomes rscale (may be negative). */
void ty_nv_round(Nv *n, long rscale);
void ty_nv_trunc(Nv *n, long rscale);
/* Strip trailing zeros of the coefficient without changing the value
 * (dscale decreases, possibly below 0). */
void ty_nv_strip(Nv *n);

/* Finite arithmetic (PostgreSQL's add_var, sub_var, mul_var, div_var). r may
 * alias neither a nor b. mul rounds the exact product to rscale; div divides
 * exactly to rscale digits, rounding (round) or truncating. div of zero
 * divisor: 22012. */
void ty_nv_add(const Nv *a, const Nv *b, Nv *r);
void ty_nv_sub(const Nv *a, const Nv *b, Nv *r);
void ty_nv_mul(const Nv *a, const Nv *b, Nv *r, long rscale);
int ty_nv_div(const Nv *a, const Nv *b, Nv *r, long rscale, bool round, OmError *err);

/*
 * The value as PostgreSQL's base-10000 NumericVar would see it (stripped):
 * weight of the first NBASE digit, the first two NBASE digits, whether more
 * nonzero NBASE digits follow the first, and the decimal weight of the
 * leading digit (floor(log10(|v|))). All zero for a zero value.
 */
typedef struct NvBase {
    bool zero;
    long weight;
    int d0, d1;
    bool more;
    long dweight;
} NvBase;
void ty_nv_nbase(const Nv *n, NvBase *out);
/* select_div_scale. */
long ty_nv_div_scale(const Nv *a, const Nv *b);
/* numericvar_to_double_no_overflow: strtod of the text. */
double ty_nv_to_double(const Nv *n);
/* Decimal digits of |coef| (at least 1). */
long ty_nv_ndigits(const Nv *n);

/* ---- transcendental functions (numeric_trans.c) ---- */

int ty_nv_sqrt(const Nv *x, Nv *r, OmError *err);
/* sqrt_var: the square root of a finite x >= 0 rounded to rscale digits. */
void ty_nv_sqrt_scale(const Nv *x, Nv *r, long rscale);
int ty_nv_exp(const Nv *x, Nv *r, OmError *err);
int ty_nv_ln(const Nv *x, Nv *r, OmError *err);
int ty_nv_log(const Nv *base, const Nv *x, Nv *r, OmError *err);
int ty_nv_power(const Nv *x, const Nv *y, Nv *r, OmError *err);

#endif
