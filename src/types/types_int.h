/*
 * types_int.h — helpers shared by the files of src/types/ only.
 *
 * The numeric-as-text representation (OmNum) and the per-type parse / format
 * routines that type_in, type_out and type_cast_vec all build on. Nothing
 * here is part of the contract in types.h; other folders use types.h.
 */
#ifndef OM_TYPES_INT_H
#define OM_TYPES_INT_H

#include <stddef.h>
#include <stdint.h>

#include "types.h"

/* C-locale isspace(): ' ', \t, \n, \v, \f, \r — what PostgreSQL's input
 * functions skip around a value. */
static inline bool ty_isspace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/*
 * Error texts. The input string is quoted as it was given (PostgreSQL prints
 * the whole original string, whitespace included). If it is not valid UTF-8
 * the encoding error is reported instead, so a message never carries bytes
 * the client could not decode (PostgreSQL never sees such a string: its
 * protocol layer rejects it first).
 */
int ty_err_syntax(const char *tname, const char *s, size_t len, OmError *err);
int ty_err_range_value(const char *tname, const char *s, size_t len, OmError *err);
/* The PostgreSQL type name used in input error messages ("integer", "real"). */
const char *ty_input_name(OmTypeId t);

/* ---- scalar parsers (PostgreSQL's input functions) ---------------------------------- */

/* pg_strtoint16/32/64: whitespace, sign, digits, whitespace. */
int ty_parse_int(OmTypeId t, const char *s, size_t len, int64_t *out, OmError *err);
/* boolin. */
int ty_parse_bool(const char *s, size_t len, bool *out, OmError *err);
/* float8in / float4in (strtod / strtof with PostgreSQL's checks); ctx holds a
 * NUL-terminated copy when s is long. */
int ty_parse_float8(const char *s, size_t len, double *out, MemCtx *ctx, OmError *err);
int ty_parse_float4(const char *s, size_t len, float *out, MemCtx *ctx, OmError *err);

/*
 * Length coercion of char(n) / varchar(n): PostgreSQL's bpchar() / varchar()
 * functions and the typmod part of bpcharin / varcharin. s is valid UTF-8.
 * The result is s[0..*keep) followed by *pad spaces (bpchar padding).
 * explicit_cast: truncate silently instead of raising 22001 when characters
 * other than spaces would be cut. typmod < 0 or another type: unchanged.
 */
int ty_str_fit(OmTypeId t, int32_t typmod, bool explicit_cast, const char *s, size_t len, size_t *keep,
               size_t *pad, OmError *err);

/* ---- numeric as canonical text ------------------------------------------------------ */

typedef enum { OM_NUM_FINITE = 0, OM_NUM_NAN, OM_NUM_PINF, OM_NUM_NINF } OmNumKind;

/*
 * A decimal value: 0.d[0]d[1]…d[ndig-1] × 10^point, negated if neg. d holds
 * ASCII digits with neither leading nor trailing zeros (ndig == 0: zero).
 * dscale is the number of digits after the decimal point to print (numeric's
 * display scale), always >= the fractional digits present.
 */
typedef struct OmNum {
    OmNumKind kind;
    bool neg;
    char *d;
    int ndig;
    long point;
    long dscale;
    char small[48]; /* d points here for short inputs: do not copy an OmNum */
} OmNum;

/* numeric_in's parsing (set_var_from_str + special values); digits are
 * kept in n->small or allocated in ctx. Format limits are not checked here (ty_num_finish). */
int ty_num_parse(const char *s, size_t len, OmNum *n, MemCtx *ctx, OmError *err);
/* apply_typmod: round to the scale, check the precision (22003 numeric field
 * overflow). typmod -1: nothing. */
int ty_num_typmod(OmNum *n, int32_t typmod, OmError *err);
/* make_result's limits: 22003 value overflows numeric format. A value is
 * checked before the typmod too, as PostgreSQL's input runs without the
 * typmod and the length coercion afterwards. */
int ty_num_check(const OmNum *n, OmError *err);
/* ty_num_check, then the canonical text appended to out. */
int ty_num_finish(const OmNum *n, OmBuf *out, OmError *err);
/* Round half away from zero to rscale fractional digits (may be negative). */
void ty_num_round(OmNum *n, long rscale);
/* numeric → int64 (rounded half away from zero); returns 0, or -1 with PG's
 * error for t (int2/int4/int8). */
int ty_num_to_int(const OmNum *n, OmTypeId t, int64_t *out, OmError *err);

/* ---- float output ----------------------------------------------------------------- */

/* Write the PostgreSQL text of d / f to buf (at least 32 bytes); returns length. */
int ty_float8_fmt(double d, char *buf);
int ty_float4_fmt(float f, char *buf);

/* Shortest digits of positive finite x (a float's value when single):
 * x ≈ *mant × 10^*e10, *mant without trailing zeros. ty_float_shortest is Ryu
 * (float_out.c); ty_float_shortest_ref the slow cross-check (float_ref.c). */
void ty_float_shortest(double x, bool single, uint64_t *mant, int *e10);
void ty_float_shortest_ref(double x, bool single, uint64_t *mant, int *e10);

/* Ryu's 125-bit powers of five (float_tables.c). */
#define TY_RYU_POW5_N 326
#define TY_RYU_POW5_INV_N 342
extern const uint64_t ty_ryu_pow5[TY_RYU_POW5_N][2];
extern const uint64_t ty_ryu_pow5_inv[TY_RYU_POW5_INV_N][2];

/* Decimal text of an int64 into buf (>= 21 bytes), returns length. */
int ty_int64_fmt(int64_t v, char *buf);

/* Arrays (array_cast.c): casts to, from and between array types. */
bool arr_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled);
int arr_cast_vec(OmType from, OmType to, OmCoerceCtx cc, const OmVector *in, OmVector *out, const uint16_t *sel,
                 int n, MemCtx *ctx, OmError *err);

/* regtype (regtype.c). */
int ty_regtype_in(const char *s, size_t len, int32_t *out, OmError *err);
void ty_regtype_out(int32_t oid, OmBuf *out);
bool reg_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled);
int reg_cast_vec(OmType from, OmType to, OmCoerceCtx cc, const OmVector *in, OmVector *out, const uint16_t *sel,
                 int n, MemCtx *ctx, OmError *err);

#endif
