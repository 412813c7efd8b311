/*
 * fn_math2.c — float8 transcendental functions: power, pow, sqrt, cbrt,
 * exp, ln, log, log10, pi, degrees, radians, the trigonometric functions in
 * radians and degrees, and the hyperbolic ones (PostgreSQL 15's float.c:
 * same edge cases, same errno-based overflow/underflow checks, same
 * SQLSTATEs).
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>

#include "fn_tables.h"

#define RADIANS_PER_DEGREE 0.0174532925199432957692

static int err_overflow(OmError *err)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
}

static int err_underflow(OmError *err)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
}

static int err_input_range(OmError *err)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
}

/* check_float8_val: an infinite or zero result is an error unless the input
 * made it legitimate. */
static int check_f8(double r, bool inf_ok, bool zero_ok, OmError *err)
{
    if (isinf(r) && !inf_ok) return err_overflow(err);
    if (r == 0.0 && !zero_ok) return err_underflow(err);
    return 0;
}

/* A kernel over one float8 argument: f computes *r from x or fails. */
typedef int (*F8Fn)(double x, double *r, OmError *err);

static int f8_unary(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, F8Fn f)
{
    const double *x = args[0]->data;
    double *r = out->data;
    SEL_LOOP {
        if (f(x[i], &r[i], fc->err) < 0) return -1;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

#define F8_KERNEL(NAME, F)                                                                              \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                                   \
        return f8_unary(fc, args, out, sel, n, F);                                                      \
    }

/* ---- power and roots ---------------------------------------------------------------- */

/* dpow: POSIX's NaN and infinity rules spelled out, the SQL standard's
 * 2201F for 0 ^ negative and negative ^ fractional, and overflow/underflow
 * from pow()'s errno or its result. */
static int power(double x, double y, double *res, OmError *err)
{
    if (isnan(x)) {
        *res = (isnan(y) || y != 0.0) ? NAN : 1.0;
        return 0;
    }
    if (isnan(y)) {
        *res = x != 1.0 ? NAN : 1.0;
        return 0;
    }
    if (x == 0 && y < 0)
        return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION, "zero raised to a negative power is undefined");
    if (x < 0 && floor(y) != y)
        return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                       "a negative number raised to a non-integer power yields a complex result");
    double r;
    if (isinf(y)) {
        double ax = fabs(x);
        if (ax == 1.0) r = 1.0;
        else if (y > 0.0) r = ax > 1.0 ? y : 0.0;
        else r = ax > 1.0 ? 0.0 : -y;
    } else if (isinf(x)) {
        if (y == 0.0) r = 1.0;
        else if (x > 0.0) r = y > 0.0 ? x : 0.0;
        else {
            double halfy = y / 2;
            bool odd = floor(halfy) != halfy;
            if (y > 0.0) r = odd ? x : -x;
            else r = odd ? -0.0 : 0.0;
        }
    } else {
        errno = 0;
        r = pow(x, y);
        if (errno == EDOM || isnan(r)) {
            if (x == 0.0) r = 0.0;
            else {
                double ax = fabs(x);
                if (ax == 1.0) r = 1.0;
                else if (y >= 0.0 ? ax > 1.0 : ax < 1.0) return err_overflow(err);
                else return err_underflow(err);
            }
        } else if (errno == ERANGE) {
            return r != 0.0 ? err_overflow(err) : err_underflow(err);
        } else {
            if (isinf(r)) return err_overflow(err);
            if (r == 0.0 && x != 0.0) return err_underflow(err);
        }
    }
    *res = r;
    return 0;
}

static int fn_power(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const double *x = args[0]->data, *y = args[1]->data;
    double *r = out->data;
    SEL_LOOP {
        if (power(x[i], y[i], &r[i], fc->err) < 0) return -1;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int f_sqrt(double x, double *r, OmError *err)
{
    if (x < 0)
        return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_POWER_FUNCTION, "cannot take square root of a negative number");
    *r = sqrt(x);
    return check_f8(*r, isinf(x), x == 0, err);
}

static int f_cbrt(double x, double *r, OmError *err)
{
    *r = cbrt(x);
    return check_f8(*r, isinf(x), x == 0, err);
}

F8_KERNEL(fn_sqrt, f_sqrt)
F8_KERNEL(fn_cbrt, f_cbrt)

/* ---- exponential and logarithms ----------------------------------------------------- */

static int f_exp(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = x;
        return 0;
    }
    if (isinf(x)) {
        *r = x > 0 ? x : 0.0;
        return 0;
    }
    errno = 0;
    *r = exp(x);
    if (errno == ERANGE) return *r != 0.0 ? err_overflow(err) : err_underflow(err);
    if (isinf(*r)) return err_overflow(err);
    if (*r == 0.0) return err_underflow(err);
    return 0;
}

static int log_domain(double x, OmError *err)
{
    if (x == 0.0) return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
    if (x < 0) return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
    return 0;
}

static int f_ln(double x, double *r, OmError *err)
{
    if (log_domain(x, err) < 0) return -1;
    *r = log(x);
    return check_f8(*r, isinf(x), x == 1, err);
}

static int f_log10(double x, double *r, OmError *err)
{
    if (log_domain(x, err) < 0) return -1;
    *r = log10(x);
    return check_f8(*r, isinf(x), x == 1, err);
}

F8_KERNEL(fn_exp, f_exp)
F8_KERNEL(fn_ln, f_ln)
F8_KERNEL(fn_log10, f_log10)

/* ---- constants and angle conversion ------------------------------------------------- */

static int fn_pi(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    double *r = out->data;
    SEL_LOOP {
        r[i] = M_PI;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* degrees = float8_div(x, RADIANS_PER_DEGREE), radians = float8_mul(x, …),
 * with those operators' overflow and underflow checks. */
static int f_degrees(double x, double *r, OmError *err)
{
    *r = x / RADIANS_PER_DEGREE;
    if (isinf(*r) && !isinf(x)) return err_overflow(err);
    if (*r == 0.0 && x != 0.0) return err_underflow(err);
    return 0;
}

static int f_radians(double x, double *r, OmError *err)
{
    *r = x * RADIANS_PER_DEGREE;
    if (isinf(*r) && !isinf(x)) return err_overflow(err);
    if (*r == 0.0 && x != 0.0) return err_underflow(err);
    return 0;
}

F8_KERNEL(fn_degrees, f_degrees)
F8_KERNEL(fn_radians, f_radians)

/* ---- trigonometry in radians -------------------------------------------------------- */

/* acos, asin: NaN in, NaN out; outside [-1, 1] is 22003. */
static int f_acos(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    if (x < -1.0 || x > 1.0) return err_input_range(err);
    *r = acos(x);
    return isinf(*r) ? err_overflow(err) : 0;
}

static int f_asin(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    if (x < -1.0 || x > 1.0) return err_input_range(err);
    *r = asin(x);
    return isinf(*r) ? err_overflow(err) : 0;
}

static int f_atan(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    *r = atan(x);
    return isinf(*r) ? err_overflow(err) : 0;
}

/* cos, sin, tan, cot: an infinite input (or errno from libm) is 22003. */
static int f_cos(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    errno = 0;
    *r = cos(x);
    if (errno != 0 || isinf(x)) return err_input_range(err);
    return isinf(*r) ? err_overflow(err) : 0;
}

static int f_sin(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    errno = 0;
    *r = sin(x);
    if (errno != 0 || isinf(x)) return err_input_range(err);
    return isinf(*r) ? err_overflow(err) : 0;
}

/* tan and cot may be infinite: no overflow check (as PostgreSQL). */
static int f_tan(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    errno = 0;
    *r = tan(x);
    if (errno != 0 || isinf(x)) return err_input_range(err);
    return 0;
}

static int f_cot(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    errno = 0;
    *r = tan(x);
    if (errno != 0 || isinf(x)) return err_input_range(err);
    *r = 1.0 / *r;
    return 0;
}

F8_KERNEL(fn_acos, f_acos)
F8_KERNEL(fn_asin, f_asin)
F8_KERNEL(fn_atan, f_atan)
F8_KERNEL(fn_cos, f_cos)
F8_KERNEL(fn_sin, f_sin)
F8_KERNEL(fn_tan, f_tan)
F8_KERNEL(fn_cot, f_cot)

static int fn_atan2(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const double *y = args[0]->data, *x = args[1]->data;
    double *r = out->data;
    SEL_LOOP {
        if (isnan(y[i]) || isnan(x[i])) r[i] = NAN;
        else {
            r[i] = atan2(y[i], x[i]);
            if (isinf(r[i])) return err_overflow(fc->err);
        }
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- hyperbolic --------------------------------------------------------------------- */

static int f_sinh(double x, double *r, OmError *err)
{
    errno = 0;
    *r = sinh(x);
    if (errno == ERANGE) *r = x < 0 ? -INFINITY : INFINITY;
    return 0;
}

static int f_cosh(double x, double *r, OmError *err)
{
    errno = 0;
    *r = cosh(x);
    if (errno == ERANGE) *r = INFINITY;
    return *r == 0.0 ? err_underflow(err) : 0;
}

static int f_tanh(double x, double *r, OmError *err)
{
    *r = tanh(x);
    return isinf(*r) ? err_overflow(err) : 0;
}

static int f_asinh(double x, double *r, OmError *err)
{
    *r = asinh(x);
    return 0;
}

static int f_acosh(double x, double *r, OmError *err)
{
    if (x < 1.0) return err_input_range(err);
    *r = acosh(x);
    return 0;
}

static int f_atanh(double x, double *r, OmError *err)
{
    if (x < -1.0 || x > 1.0) return err_input_range(err);
    *r = x == -1.0 ? -INFINITY : x == 1.0 ? INFINITY : atanh(x);
    return 0;
}

F8_KERNEL(fn_sinh, f_sinh)
F8_KERNEL(fn_cosh, f_cosh)
F8_KERNEL(fn_tanh, f_tanh)
F8_KERNEL(fn_asinh, f_asinh)
F8_KERNEL(fn_acosh, f_acosh)
F8_KERNEL(fn_atanh, f_atanh)

/* ---- trigonometry in degrees -------------------------------------------------------- */

/*
 * PostgreSQL's sind/cosd/tand/cotd/asind/acosd/atand/atan2d give exact
 * results at the angles where they exist (sind(30) = 0.5, tand(45) = 1): the
 * input is reduced to [0, 90] and the quadrant functions are scaled by
 * constants computed with the same libm calls. The volatile temporaries
 * keep the compiler from fusing or reordering those steps, as in float.c.
 */
typedef struct DegreeConsts {
    double sin_30, one_minus_cos_60, asin_0_5, acos_0_5, atan_1_0, tan_45, cot_45;
} DegreeConsts;

static DegreeConsts dc;
static pthread_once_t dc_once = PTHREAD_ONCE_INIT;

/* Inputs are read through volatiles so the constants come from libm at run
 * time, not from the compiler's own folding. */
static volatile double deg_30 = 30.0, deg_45 = 45.0, deg_60 = 60.0, deg_half = 0.5, deg_one = 1.0;

static double sind_0_to_30(double x)
{
    volatile double sin_x = sin(x * RADIANS_PER_DEGREE);
    return (sin_x / dc.sin_30) / 2.0;
}

static double cosd_0_to_60(double x)
{
    volatile double one_minus_cos_x = 1.0 - cos(x * RADIANS_PER_DEGREE);
    return 1.0 - (one_minus_cos_x / dc.one_minus_cos_60) / 2.0;
}

static double sind_q1(double x)
{
    return x <= 30.0 ? sind_0_to_30(x) : cosd_0_to_60(90.0 - x);
}

static double cosd_q1(double x)
{
    return x <= 60.0 ? cosd_0_to_60(x) : sind_0_to_30(90.0 - x);
}

static double asind_q1(double x)
{
    if (x <= 0.5) {
        volatile double asin_x = asin(x);
        return (asin_x / dc.asin_0_5) * 30.0;
    }
    volatile double acos_x = acos(x);
    return 90.0 - (acos_x / dc.acos_0_5) * 60.0;
}

static double acosd_q1(double x)
{
    if (x <= 0.5) {
        volatile double asin_x = asin(x);
        return 90.0 - (asin_x / dc.asin_0_5) * 30.0;
    }
    volatile double acos_x = acos(x);
    return (acos_x / dc.acos_0_5) * 60.0;
}

static void degree_consts_init(void)
{
    dc.sin_30 = sin(deg_30 * RADIANS_PER_DEGREE);
    dc.one_minus_cos_60 = 1.0 - cos(deg_60 * RADIANS_PER_DEGREE);
    dc.asin_0_5 = asin(deg_half);
    dc.acos_0_5 = acos(deg_half);
    dc.atan_1_0 = atan(deg_one);
    dc.tan_45 = sind_q1(deg_45) / cosd_q1(deg_45);
    dc.cot_45 = cosd_q1(deg_45) / sind_q1(deg_45);
}

/* NaN → NaN (returns 1), infinity → 22003 (-1), else 0 with x reduced
 * modulo 360. */
static int degree_input(double *x, double *r, OmError *err)
{
    if (isnan(*x)) {
        *r = NAN;
        return 1;
    }
    if (isinf(*x)) return err_input_range(err);
    pthread_once(&dc_once, degree_consts_init);
    *x = fmod(*x, 360.0);
    return 0;
}

static int f_sind(double x, double *r, OmError *err)
{
    int rc = degree_input(&x, r, err);
    if (rc) return rc < 0 ? -1 : 0;
    int sign = 1;
    if (x < 0.0) {
        x = -x;
        sign = -sign;
    }
    if (x > 180.0) {
        x = 360.0 - x;
        sign = -sign;
    }
    if (x > 90.0) x = 180.0 - x;
    *r = sign * sind_q1(x);
    return isinf(*r) ? err_overflow(err) : 0;
}

static int f_cosd(double x, double *r, OmError *err)
{
    int rc = degree_input(&x, r, err);
    if (rc) return rc < 0 ? -1 : 0;
    int sign = 1;
    if (x < 0.0) x = -x;
    if (x > 180.0) x = 360.0 - x;
    if (x > 90.0) {
        x = 180.0 - x;
        sign = -sign;
    }
    *r = sign * cosd_q1(x);
    return isinf(*r) ? err_overflow(err) : 0;
}

/* tand and cotd: same reduction; -0 becomes 0; infinity is a valid answer. */
static int tand_cotd(double x, double *r, OmError *err, bool cot)
{
    int rc = degree_input(&x, r, err);
    if (rc) return rc < 0 ? -1 : 0;
    int sign = 1;
    if (x < 0.0) {
        x = -x;
        sign = -sign;
    }
    if (x > 180.0) {
        x = 360.0 - x;
        sign = -sign;
    }
    if (x > 90.0) {
        x = 180.0 - x;
        sign = -sign;
    }
    volatile double q = cot ? cosd_q1(x) / sind_q1(x) : sind_q1(x) / cosd_q1(x);
    *r = sign * (q / (cot ? dc.cot_45 : dc.tan_45));
    if (*r == 0.0) *r = 0.0;
    return 0;
}

static int f_tand(double x, double *r, OmError *err)
{
    return tand_cotd(x, r, err, false);
}

static int f_cotd(double x, double *r, OmError *err)
{
    return tand_cotd(x, r, err, true);
}

static int f_asind(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    pthread_once(&dc_once, degree_consts_init);
    if (x < -1.0 || x > 1.0) return err_input_range(err);
    *r = x >= 0.0 ? asind_q1(x) : -asind_q1(-x);
    return isinf(*r) ? err_overflow(err) : 0;
}

static int f_acosd(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    pthread_once(&dc_once, degree_consts_init);
    if (x < -1.0 || x > 1.0) return err_input_range(err);
    *r = x >= 0.0 ? acosd_q1(x) : 90.0 + asind_q1(-x);
    return isinf(*r) ? err_overflow(err) : 0;
}

static int f_atand(double x, double *r, OmError *err)
{
    if (isnan(x)) {
        *r = NAN;
        return 0;
    }
    pthread_once(&dc_once, degree_consts_init);
    volatile double atan_x = atan(x);
    *r = (atan_x / dc.atan_1_0) * 45.0;
    return isinf(*r) ? err_overflow(err) : 0;
}

F8_KERNEL(fn_sind, f_sind)
F8_KERNEL(fn_cosd, f_cosd)
F8_KERNEL(fn_tand, f_tand)
F8_KERNEL(fn_cotd, f_cotd)
F8_KERNEL(fn_asind, f_asind)
F8_KERNEL(fn_acosd, f_acosd)
F8_KERNEL(fn_atand, f_atand)

static int fn_atan2d(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const double *y = args[0]->data, *x = args[1]->data;
    double *r = out->data;
    pthread_once(&dc_once, degree_consts_init);
    SEL_LOOP {
        if (isnan(y[i]) || isnan(x[i])) r[i] = NAN;
        else {
            volatile double a = atan2(y[i], x[i]);
            r[i] = (a / dc.atan_1_0) * 45.0;
            if (isinf(r[i])) return err_overflow(fc->err);
        }
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- the table ---------------------------------------------------------------------- */

#define F8 OM_T_FLOAT8

static const FnDesc descs[] = {
    {"power", 2, {F8, F8}, F8, FN_STRICT, fn_power},
    {"pow", 2, {F8, F8}, F8, FN_STRICT, fn_power},
    {"sqrt", 1, {F8}, F8, FN_STRICT, fn_sqrt},
    {"cbrt", 1, {F8}, F8, FN_STRICT, fn_cbrt},
    {"exp", 1, {F8}, F8, FN_STRICT, fn_exp},
    {"ln", 1, {F8}, F8, FN_STRICT, fn_ln},
    {"log", 1, {F8}, F8, FN_STRICT, fn_log10},
    {"log10", 1, {F8}, F8, FN_STRICT, fn_log10},
    {"pi", 0, {0}, F8, FN_STRICT, fn_pi},
    {"degrees", 1, {F8}, F8, FN_STRICT, fn_degrees},
    {"radians", 1, {F8}, F8, FN_STRICT, fn_radians},
    {"sin", 1, {F8}, F8, FN_STRICT, fn_sin},
    {"cos", 1, {F8}, F8, FN_STRICT, fn_cos},
    {"tan", 1, {F8}, F8, FN_STRICT, fn_tan},
    {"cot", 1, {F8}, F8, FN_STRICT, fn_cot},
    {"asin", 1, {F8}, F8, FN_STRICT, fn_asin},
    {"acos", 1, {F8}, F8, FN_STRICT, fn_acos},
    {"atan", 1, {F8}, F8, FN_STRICT, fn_atan},
    {"atan2", 2, {F8, F8}, F8, FN_STRICT, fn_atan2},
    {"sind", 1, {F8}, F8, FN_STRICT, fn_sind},
    {"cosd", 1, {F8}, F8, FN_STRICT, fn_cosd},
    {"tand", 1, {F8}, F8, FN_STRICT, fn_tand},
    {"cotd", 1, {F8}, F8, FN_STRICT, fn_cotd},
    {"asind", 1, {F8}, F8, FN_STRICT, fn_asind},
    {"acosd", 1, {F8}, F8, FN_STRICT, fn_acosd},
    {"atand", 1, {F8}, F8, FN_STRICT, fn_atand},
    {"atan2d", 2, {F8, F8}, F8, FN_STRICT, fn_atan2d},
    {"sinh", 1, {F8}, F8, FN_STRICT, fn_sinh},
    {"cosh", 1, {F8}, F8, FN_STRICT, fn_cosh},
    {"tanh", 1, {F8}, F8, FN_STRICT, fn_tanh},
    {"asinh", 1, {F8}, F8, FN_STRICT, fn_asinh},
    {"acosh", 1, {F8}, F8, FN_STRICT, fn_acosh},
    {"atanh", 1, {F8}, F8, FN_STRICT, fn_atanh},
};

const FnTable fn_math2_table = {descs, sizeof descs / sizeof descs[0]};
