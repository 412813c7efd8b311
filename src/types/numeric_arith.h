/*
 * numeric_arith.h — numeric arithmetic and math functions, PostgreSQL 15's
 * semantics, over numeric values held as their canonical decimal text (the
 * form vectors carry: "-12.50", "0", "NaN", "Infinity", "-Infinity").
 *
 * Every routine reads canonical texts (what type_in / type_cast_vec produce)
 * and appends the canonical text of its result to an OmBuf, so callers can
 * lay out a whole vector's results in one buffer. Values whose coefficient
 * fits 38 digits are computed in 128-bit integers without allocating; larger
 * ones go through GMP. Results follow PostgreSQL's scale rules (add/sub: the
 * larger input scale; mul: the sum; div: select_div_scale, at least 16
 * significant digits), round half away from zero, and fail as PostgreSQL
 * does: 22012 division by zero, 22003 value overflows numeric format,
 * 2201E / 2201F for log and power domain errors.
 *
 * Kept apart from types.h (one header of the folder for this one concept) so
 * that nothing outside src/types/ needs GMP. Implemented in numeric_arith.c
 * (representation, arithmetic, rounding) and numeric_trans.c (sqrt, exp, ln,
 * log, power).
 */
#ifndef OM_NUMERIC_ARITH_H
#define OM_NUMERIC_ARITH_H

#include <stdbool.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../common/err.h"
#include "../common/vector.h"

typedef enum {
    OM_NUM_ADD,       /* + */
    OM_NUM_SUB,       /* - */
    OM_NUM_MUL,       /* * */
    OM_NUM_DIV,       /* / */
    OM_NUM_MOD,       /* % and mod() */
    OM_NUM_DIV_TRUNC, /* div(): truncated integer quotient */
    OM_NUM_POWER,     /* ^, power(), pow() */
    OM_NUM_LOG,       /* log(base, x) */
    OM_NUM_GCD,
    OM_NUM_LCM
} OmNumBinOp;

typedef enum {
    OM_NUM_NEG,   /* unary - */
    OM_NUM_ABS,
    OM_NUM_SIGN,
    OM_NUM_CEIL,
    OM_NUM_FLOOR,
    OM_NUM_SQRT,
    OM_NUM_EXP,
    OM_NUM_LN,
    OM_NUM_LOG10, /* log(x) = log10(x) = log(10, x) */
    OM_NUM_TRIM_SCALE
} OmNumUnOp;

/* a op b; the result's canonical text is appended to out. Returns 0, or -1
 * with err set (PostgreSQL's SQLSTATE and message). */
int type_numeric_binop(OmNumBinOp op, OmStr a, OmStr b, OmBuf *out, OmError *err);
/* op a, appended to out. */
int type_numeric_unop(OmNumUnOp op, OmStr a, OmBuf *out, OmError *err);
/* round(a, scale) / trunc(a, scale): scale may be negative (rounds left of
 * the point; the result then has scale 0). */
int type_numeric_round(OmStr a, int32_t scale, bool truncate, OmBuf *out, OmError *err);
/* scale() / min_scale(): false for NaN and infinities (SQL NULL). */
bool type_numeric_value_scale(OmStr a, bool min_scale, int32_t *out);
/* width_bucket(operand, low, high, count) as PostgreSQL's numeric form. */
int type_numeric_width_bucket(OmStr operand, OmStr b1, OmStr b2, int32_t count, int32_t *out, OmError *err);
/* factorial(n): 22003 for n < 0 ("factorial of a negative number is
 * undefined") and beyond 32177 (value overflows numeric format). */
int type_numeric_factorial(int64_t n, OmBuf *out, OmError *err);
/* Total order of numeric texts: -Infinity < finite values < Infinity < NaN,
 * values equal regardless of scale (1.0 = 1.00). Returns -1, 0, 1. */
int type_numeric_cmp(OmStr a, OmStr b);

/* The variance family's result (numeric_stats.c) from N finite values'
 * exact sum(x) and sum(x*x): sample or population, variance or standard
 * deviation, as PostgreSQL's numeric_stddev_internal (the caller handles
 * N too small, NaN and infinities). */
int type_numeric_variance(OmStr sumx, OmStr sumx2, int64_t n, bool sample, bool stddev, OmBuf *out, OmError *err);

#endif
