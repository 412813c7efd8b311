/*
 * fn_math.c — arithmetic functions over integers and floats: abs, ceil,
 * ceiling, floor, round, trunc, sign, mod, gcd, lcm, width_bucket, and the
 * random numbers random and setseed (PostgreSQL 15's semantics and errors).
 *
 * random() follows PostgreSQL 15 bit for bit (xoroshiro128** seeded through
 * splitmix64, pg_prng.c), so `SELECT setseed(0.5); SELECT random();` gives
 * PostgreSQL's numbers. The state is per thread, and a session runs on one
 * thread (server/README.md), so it is per session as in PostgreSQL.
 *
 * The numeric forms of these (round(2.5) is round(numeric) = 3) are in
 * fn_numeric.c; resolution needs both to pick PostgreSQL's overload.
 */
#include <math.h>
#include <stdio.h>
#include <sys/random.h>
#include <time.h>

#include "fn_tables.h"

static int out_of_range(OmError *err, OmTypeId t)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range",
                   t == OM_T_INT2 ? "smallint" : t == OM_T_INT4 ? "integer" : "bigint");
}

/* ---- abs ---------------------------------------------------------------------------- */

#define ABS_INT(NAME, T, TID, MINV)                                                                     \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                                   \
        const T *x = args[0]->data;                                                                     \
        T *r = out->data;                                                                               \
        SEL_LOOP {                                                                                      \
            if (x[i] == (MINV)) return out_of_range(fc->err, TID);                                      \
            r[i] = x[i] < 0 ? (T)-x[i] : x[i];                                                          \
            om_vec_set_null(out, i, false);                                                             \
        }                                                                                               \
        return 0;                                                                                       \
    }

ABS_INT(fn_abs_i2, int16_t, OM_T_INT2, INT16_MIN)
ABS_INT(fn_abs_i4, int32_t, OM_T_INT4, INT32_MIN)
ABS_INT(fn_abs_i8, int64_t, OM_T_INT8, INT64_MIN)

static int fn_abs_f4(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const float *x = args[0]->data;
    float *r = out->data;
    SEL_LOOP {
        r[i] = fabsf(x[i]);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- float8 → float8 without errors --------------------------------------------------- */

#define F8_MAP(NAME, EXPR)                                                                              \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                                   \
        const double *x = args[0]->data;                                                                \
        double *r = out->data;                                                                          \
        SEL_LOOP {                                                                                      \
            double v = x[i];                                                                            \
            r[i] = (EXPR);                                                                              \
            om_vec_set_null(out, i, false);                                                             \
        }                                                                                               \
        return 0;                                                                                       \
    }

F8_MAP(fn_abs_f8, fabs(v))
F8_MAP(fn_ceil, ceil(v))
F8_MAP(fn_floor, floor(v))
/* round(float8) is rint: halfway cases go to the even neighbour. */
F8_MAP(fn_round, rint(v))
/* dtrunc: floor toward zero (-0.5 gives -0, as PostgreSQL prints it). */
F8_MAP(fn_trunc, v >= 0 ? floor(v) : -floor(-v))
/* dsign: NaN gives 0. */
F8_MAP(fn_sign, v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0)

/* ---- mod ---------------------------------------------------------------------------- */

/* mod(x, y): the remainder with x's sign; y = 0 is 22012; y = -1 gives 0
 * (INT_MIN % -1 would trap). */
#define MOD_INT(NAME, T)                                                                                \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                                   \
        const T *x = args[0]->data, *y = args[1]->data;                                                 \
        T *r = out->data;                                                                               \
        SEL_LOOP {                                                                                      \
            if (y[i] == 0) return err_set(fc->err, ERRCODE_DIVISION_BY_ZERO, "division by zero");       \
            r[i] = y[i] == -1 ? 0 : (T)(x[i] % y[i]);                                                   \
            om_vec_set_null(out, i, false);                                                             \
        }                                                                                               \
        return 0;                                                                                       \
    }

MOD_INT(fn_mod_i2, int16_t)
MOD_INT(fn_mod_i4, int32_t)
MOD_INT(fn_mod_i8, int64_t)

/* ---- gcd / lcm ---------------------------------------------------------------------- */

/*
 * PostgreSQL's int4gcd_internal / int8gcd_internal: Euclid with the larger
 * magnitude first, compared in negative space so MIN is handled; gcd(MIN, 0)
 * and gcd(MIN, MIN) are out of range (the answer, -MIN, does not fit).
 */
#define GCD_INTERNAL(NAME, T, TID, MINV)                                         \
    static int NAME(T a, T b, T *res, OmError *err)                              \
    {                                                                            \
        T na = a < 0 ? a : (T)-a, nb = b < 0 ? b : (T)-b;                        \
        if (na > nb) {                                                           \
            T t = a;                                                             \
            a = b;                                                               \
            b = t;                                                               \
        }                                                                        \
        if (a == (MINV)) {                                                       \
            if (b == 0 || b == (MINV)) return out_of_range(err, TID);            \
            if (b == -1) {                                                       \
                *res = 1;                                                        \
                return 0;                                                        \
            }                                                                    \
        }                                                                        \
        while (b != 0) {                                                         \
            T t = b;                                                             \
            b = (T)(a % b);                                                      \
            a = t;                                                               \
        }                                                                        \
        *res = a < 0 ? (T)-a : a;                                                \
        return 0;                                                                \
    }

GCD_INTERNAL(gcd_i4, int32_t, OM_T_INT4, INT32_MIN)
GCD_INTERNAL(gcd_i8, int64_t, OM_T_INT8, INT64_MIN)

#define GCD_FN(NAME, T, INTERNAL)                                                                       \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                                   \
        const T *x = args[0]->data, *y = args[1]->data;                                                 \
        T *r = out->data;                                                                               \
        SEL_LOOP {                                                                                      \
            if (INTERNAL(x[i], y[i], &r[i], fc->err) < 0) return -1;                                    \
            om_vec_set_null(out, i, false);                                                             \
        }                                                                                               \
        return 0;                                                                                       \
    }

GCD_FN(fn_gcd_i4, int32_t, gcd_i4)
GCD_FN(fn_gcd_i8, int64_t, gcd_i8)

/* lcm(x, y) = |x / gcd(x, y) * y|; lcm with 0 is 0; a result of MIN or a
 * product overflow is out of range. */
#define LCM_FN(NAME, T, TID, MINV, INTERNAL)                                                            \
    static int NAME(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n) \
    {                                                                                                   \
        const T *x = args[0]->data, *y = args[1]->data;                                                 \
        T *r = out->data;                                                                               \
        SEL_LOOP {                                                                                      \
            T a = x[i], b = y[i], g, res;                                                               \
            if (a == 0 || b == 0) {                                                                     \
                r[i] = 0;                                                                               \
                om_vec_set_null(out, i, false);                                                         \
                continue;                                                                               \
            }                                                                                           \
            if (INTERNAL(a, b, &g, fc->err) < 0) return -1;                                             \
            a = (T)(a / g);                                                                             \
            if (__builtin_mul_overflow(a, b, &res) || res == (MINV)) return out_of_range(fc->err, TID); \
            r[i] = res < 0 ? (T)-res : res;                                                             \
            om_vec_set_null(out, i, false);                                                             \
        }                                                                                               \
        return 0;                                                                                       \
    }

LCM_FN(fn_lcm_i4, int32_t, OM_T_INT4, INT32_MIN, gcd_i4)
LCM_FN(fn_lcm_i8, int64_t, OM_T_INT8, INT64_MIN, gcd_i8)

/* ---- width_bucket ------------------------------------------------------------------- */

static int err_width_bucket(OmError *err, const char *msg)
{
    return err_set(err, ERRCODE_INVALID_ARGUMENT_FOR_WIDTH_BUCKET_FUNCTION, "%s", msg);
}

/* PostgreSQL's width_bucket_float8: the bucket (1..count) of operand in
 * count equal buckets between the bounds (either order); 0 below the range,
 * count+1 above it. */
static int width_bucket(double op, double b1, double b2, int32_t count, int32_t *res, OmError *err)
{
    if (count <= 0) return err_width_bucket(err, "count must be greater than zero");
    if (isnan(op) || isnan(b1) || isnan(b2))
        return err_width_bucket(err, "operand, lower bound, and upper bound cannot be NaN");
    if (isinf(b1) || isinf(b2)) return err_width_bucket(err, "lower and upper bounds must be finite");
    if (b1 == b2) return err_width_bucket(err, "lower bound cannot equal upper bound");
    bool up = b1 < b2;
    if (up ? op < b1 : op > b1) {
        *res = 0;
    } else if (up ? op >= b2 : op <= b2) {
        if (__builtin_add_overflow(count, 1, res)) return out_of_range(err, OM_T_INT4);
    } else {
        double d = (up ? (double)count * (op - b1) / (b2 - b1) : (double)count * (b1 - op) / (b1 - b2)) + 1;
        /* PostgreSQL 15 converts with a plain C cast: on x86-64 a NaN (a
         * range too wide for float8: inf / inf) or a value past INT_MAX
         * becomes INT_MIN. Reproduced without the undefined behaviour. */
        *res = (isnan(d) || d >= 2147483648.0 || d <= -2147483649.0) ? INT32_MIN : (int32_t)d;
    }
    return 0;
}

static int fn_width_bucket(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const double *op = args[0]->data, *b1 = args[1]->data, *b2 = args[2]->data;
    const int32_t *c = args[3]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        if (width_bucket(op[i], b1[i], b2[i], c[i], &r[i], fc->err) < 0) return -1;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* ---- random ------------------------------------------------------------------------- */

/* pg_prng.c: xoroshiro128** with splitmix64 seeding. */
typedef struct Prng {
    uint64_t s0, s1;
} Prng;

static _Thread_local Prng prng;
static _Thread_local bool prng_seeded;

static inline uint64_t rotl(uint64_t x, int bits)
{
    return (x << bits) | (x >> (64 - bits));
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t v = (*state += 0x9E3779B97f4A7C15ULL);
    v = (v ^ (v >> 30)) * 0xBF58476D1CE4E5B9ULL;
    v = (v ^ (v >> 27)) * 0x94D049BB133111EBULL;
    return v ^ (v >> 31);
}

static void prng_seed(uint64_t seed)
{
    prng.s0 = splitmix64(&seed);
    prng.s1 = splitmix64(&seed);
    if (prng.s0 == 0 && prng.s1 == 0) {
        prng.s0 = 0x5851F42D4C957F2DULL;
        prng.s1 = 0x14057B7EF767814FULL;
    }
    prng_seeded = true;
}

static uint64_t prng_next(void)
{
    uint64_t s0 = prng.s0, sx = prng.s1 ^ s0, v = rotl(s0 * 5, 7) * 9;
    prng.s0 = rotl(s0, 24) ^ sx ^ (sx << 16);
    prng.s1 = rotl(sx, 37);
    return v;
}

static int fn_random(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    if (!prng_seeded) {
        /* pg_prng_strong_seed; time and address when getrandom fails. */
        Prng s;
        if (getrandom(&s, sizeof s, 0) == (ssize_t)sizeof s && (s.s0 | s.s1)) {
            prng = s;
            prng_seeded = true;
        } else {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            prng_seed((uint64_t)ts.tv_sec ^ ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)(uintptr_t)&s);
        }
    }
    double *r = out->data;
    SEL_LOOP {
        /* 52 random bits scaled into [0, 1). */
        r[i] = ldexp((double)(prng_next() >> 12), -52);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* setseed(x), x in [-1, 1]: seeds random() for this session. The result is
 * void, whose one value prints as an empty string. */
static int fn_setseed(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const double *x = args[0]->data;
    SEL_LOOP {
        double seed = x[i];
        if (seed < -1 || seed > 1 || isnan(seed)) {
            /* %g as PostgreSQL's own snprintf prints it: NaN, Infinity. */
            char num[32];
            if (isnan(seed)) snprintf(num, sizeof num, "NaN");
            else if (isinf(seed)) snprintf(num, sizeof num, "%sInfinity", seed < 0 ? "-" : "");
            else snprintf(num, sizeof num, "%g", seed);
            return err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "setseed parameter %s is out of allowed range [-1,1]",
                           num);
        }
        prng_seed((uint64_t)(int64_t)((double)((1ULL << 52) - 1) * seed));
        fn_set_str(out, i, "", 0);
    }
    return 0;
}

/* ---- the table ---------------------------------------------------------------------- */

#define F8 OM_T_FLOAT8
#define I2 OM_T_INT2
#define I4 OM_T_INT4
#define I8 OM_T_INT8

static const FnDesc descs[] = {
    {"abs", 1, {I2}, I2, FN_STRICT, fn_abs_i2},
    {"abs", 1, {I4}, I4, FN_STRICT, fn_abs_i4},
    {"abs", 1, {I8}, I8, FN_STRICT, fn_abs_i8},
    {"abs", 1, {OM_T_FLOAT4}, OM_T_FLOAT4, FN_STRICT, fn_abs_f4},
    {"abs", 1, {F8}, F8, FN_STRICT, fn_abs_f8},
    {"ceil", 1, {F8}, F8, FN_STRICT, fn_ceil},
    {"ceiling", 1, {F8}, F8, FN_STRICT, fn_ceil},
    {"floor", 1, {F8}, F8, FN_STRICT, fn_floor},
    {"round", 1, {F8}, F8, FN_STRICT, fn_round},
    {"trunc", 1, {F8}, F8, FN_STRICT, fn_trunc},
    {"sign", 1, {F8}, F8, FN_STRICT, fn_sign},
    {"mod", 2, {I2, I2}, I2, FN_STRICT, fn_mod_i2},
    {"mod", 2, {I4, I4}, I4, FN_STRICT, fn_mod_i4},
    {"mod", 2, {I8, I8}, I8, FN_STRICT, fn_mod_i8},
    {"gcd", 2, {I4, I4}, I4, FN_STRICT, fn_gcd_i4},
    {"gcd", 2, {I8, I8}, I8, FN_STRICT, fn_gcd_i8},
    {"lcm", 2, {I4, I4}, I4, FN_STRICT, fn_lcm_i4},
    {"lcm", 2, {I8, I8}, I8, FN_STRICT, fn_lcm_i8},
    {"width_bucket", 4, {F8, F8, F8, I4}, I4, FN_STRICT, fn_width_bucket},
    {"random", 0, {0}, F8, FN_STRICT | FN_VOLATILE, fn_random},
    {"setseed", 1, {F8}, OM_T_VOID, FN_STRICT | FN_VOLATILE, fn_setseed},
};

const FnTable fn_math_table = {descs, sizeof descs / sizeof descs[0]};
