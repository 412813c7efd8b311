/*
 * types.h — OmenDB's logical SQL types: PostgreSQL OIDs, names, typmods,
 * their physical representation in vectors, and text I/O.
 *
 * A type is (id, typmod). typmod is -1 when absent; for varchar(n) and
 * char(n) it is n (not PostgreSQL's n+4 on disk; the wire layer adds the 4
 * where PostgreSQL reports atttypmod).
 */
#ifndef OM_TYPES_H
#define OM_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include "../common/buf.h"
#include "../common/err.h"
#include "../common/vector.h"

/* PostgreSQL's pg_type OIDs for the types we support. */
#define OM_OID_BOOL 16
#define OM_OID_NAME 19
#define OM_OID_INT8 20
#define OM_OID_INT2 21
#define OM_OID_INT4 23
#define OM_OID_TEXT 25
#define OM_OID_OID 26
#define OM_OID_FLOAT4 700
#define OM_OID_FLOAT8 701
#define OM_OID_UNKNOWN 705
#define OM_OID_BPCHAR 1042
#define OM_OID_VARCHAR 1043
#define OM_OID_NUMERIC 1700
#define OM_OID_DATE 1082
#define OM_OID_TIMESTAMP 1114
#define OM_OID_TIMESTAMPTZ 1184
#define OM_OID_INTERVAL 1186
#define OM_OID_BYTEA 17
#define OM_OID_JSON 114
#define OM_OID_TIME 1083
#define OM_OID_TIMETZ 1266
#define OM_OID_UUID 2950
#define OM_OID_JSONB 3802
#define OM_OID_VOID 2278
#define OM_OID_REGTYPE 2206

typedef enum {
    OM_T_NULL = 0,  /* type of a bare NULL literal before resolution (PostgreSQL: unknown) */
    OM_T_BOOL,
    OM_T_INT2,
    OM_T_INT4,
    OM_T_INT8,
    OM_T_FLOAT4,
    OM_T_FLOAT8,
    OM_T_NUMERIC,   /* literals, casts and output only until the types issue */
    OM_T_TEXT,
    OM_T_VARCHAR,
    OM_T_BPCHAR,
    OM_T_UNKNOWN,   /* quoted literal not yet resolved */
    OM_T_DATE,      /* int32 days since 2000-01-01 (datetime.h) */
    OM_T_TIMESTAMP, /* int64 µs since 2000-01-01 00:00 */
    OM_T_TIMESTAMPTZ, /* int64 µs since 2000-01-01 00:00 UTC */
    OM_T_INTERVAL,  /* OmInterval */
    /* Values are stored by id in the catalog: append only. */
    OM_T_BYTEA,     /* STR: the raw bytes */
    OM_T_UUID,      /* STR: the 16 raw bytes */
    OM_T_JSON,      /* STR: the input text, validated */
    OM_T_JSONB,     /* STR: normalized binary form (types/jsonb.c) */
    OM_T_TIME,      /* I64: µs since midnight */
    OM_T_TIMETZ,    /* INTERVAL: usec = µs since midnight, days = zone (seconds west of UTC), months = 0 */
    /* One-dimensional-or-more arrays of the scalar types above (types/array.c);
     * type_array_elem / type_array_of map between them. STR: the array's
     * binary form. */
    OM_T_ARR_BOOL,
    OM_T_ARR_INT2,
    OM_T_ARR_INT4,
    OM_T_ARR_INT8,
    OM_T_ARR_FLOAT4,
    OM_T_ARR_FLOAT8,
    OM_T_ARR_NUMERIC,
    OM_T_ARR_TEXT,
    OM_T_ARR_VARCHAR,
    OM_T_ARR_BPCHAR,
    OM_T_ARR_DATE,
    OM_T_ARR_TIMESTAMP,
    OM_T_ARR_TIMESTAMPTZ,
    OM_T_ARR_INTERVAL,
    OM_T_ARR_BYTEA,
    OM_T_ARR_UUID,
    OM_T_ARR_JSON,
    OM_T_ARR_JSONB,
    OM_T_ARR_TIME,
    OM_T_ARR_TIMETZ,
    OM_T_VOID,      /* pseudo-type of setseed() and the like: STR, always empty; not a column type */
    OM_T_REGTYPE,   /* I32: a type's OID (pg_typeof's result), printed as the type's name */
    OM_T__COUNT
} OmTypeId;

typedef struct OmType {
    OmTypeId id;
    int32_t typmod; /* -1 = none */
} OmType;

static inline OmType om_type(OmTypeId id) { OmType t = {id, -1}; return t; }

typedef enum {
    OM_TCAT_BOOL, OM_TCAT_NUMERIC, OM_TCAT_STRING, OM_TCAT_UNKNOWN, OM_TCAT_DATETIME,
    OM_TCAT_USER,  /* PostgreSQL's typcategory 'U': bytea, uuid, json, jsonb */
    OM_TCAT_ARRAY  /* 'A' */
} OmTypeCategory;

uint32_t type_oid(OmTypeId t);
/* OmTypeId for a pg_type OID, or -1. */
int type_from_oid(uint32_t oid);
/* SQL name as PostgreSQL's format_type prints it: "integer", "character varying(10)". */
const char *type_name(OmType t, char *buf, size_t bufsize);
OmPhysType type_phys(OmTypeId t);
/* pg_type.typlen: 1, 2, 4, 8 or -1 (varlena). */
int16_t type_len(OmTypeId t);
OmTypeCategory type_category(OmTypeId t);
bool type_is_integer(OmTypeId t);
bool type_is_string(OmTypeId t);
bool type_is_array(OmTypeId t);
/* The element type of an array type, or -1; the array type of an element
 * type, or -1 (arrays of arrays are arrays of more dimensions). */
int type_array_elem(OmTypeId t);
int type_array_of(OmTypeId t);

/* Resolve a type name as written in SQL (from libpg_query's TypeName names,
 * last component, e.g. "int4", "varchar", "bool", "text", "float8", "bpchar")
 * with its typmod arguments already evaluated (-1 if none). Returns 0 or -1
 * with 42704 'type "x" does not exist' (or 0A000 for known-but-unsupported). */
int type_lookup(const char *name, int32_t typmod, OmType *out, OmError *err);

/*
 * Text I/O. type_in parses s (len bytes) as a value of type t into vector v
 * at row, applying typmod (varchar length check 22001, bpchar padding).
 * Errors are PostgreSQL's: 22P02 invalid input syntax for type integer: "x",
 * 22003 value "x" is out of range for type integer.
 * Strings are copied into ctx.
 */
int type_in(OmType t, const char *s, size_t len, OmVector *v, int row, MemCtx *ctx, OmError *err);
/* Append the text form of v[row] (must not be NULL) to out. */
void type_out(OmType t, const OmVector *v, int row, OmBuf *out);

/*
 * Binary I/O (binary.c): PostgreSQL's typsend / typreceive formats, the
 * wire's format code 1 (README.md lists them). type_binary_check says
 * whether t has them: 0, or -1 with 0A000 (arrays for now; the NULL type
 * passes, as its values are all NULL, but type_recv refuses it) — the wire layer
 * asks before it promises format 1 for a column or accepts a binary
 * parameter of type t.
 */
int type_binary_check(OmTypeId t, OmError *err);
/* Append PostgreSQL's binary send format of v[row] (not NULL) to out,
 * without the length word. Appends nothing for a type type_binary_check refuses. */
void type_send(OmType t, const OmVector *v, int row, OmBuf *out);
/*
 * Parse a binary value p[0..len) (PostgreSQL's typreceive, applying t.typmod
 * as COPY BINARY does) into v[row] and clear its NULL bit. Errors as
 * PostgreSQL's: 08P01 "insufficient data left in message" (too few bytes),
 * 22P03 "incorrect binary data format" (bytes left over: the Bind path
 * appends " in bind parameter N", as exec_bind_message words it), 22P03
 * "invalid digit in external "numeric" value" and the like, 22021 for
 * invalid UTF-8, 22008 / 22003 / 22009 / 22001 where the receive function
 * checks ranges or the typmod. Strings are copied into ctx.
 */
int type_recv(OmType t, const char *p, size_t len, OmVector *v, int row, MemCtx *ctx, OmError *err);

/* Shortest text that reads back as the same double / float, formatted as
 * PostgreSQL 15 does with extra_float_digits = 1 (the default). Follows the
 * session's extra_float_digits (common/session_params.h): > 0 shortest,
 * <= 0 %g with DBL_DIG / FLT_DIG + extra_float_digits digits. */
void type_float8_out(double d, OmBuf *out);
void type_float4_out(float f, OmBuf *out);

/*
 * Casts. PostgreSQL's pg_cast contexts: implicit (in expressions), assignment
 * (INSERT/UPDATE into a column), explicit (CAST / ::).
 */
typedef enum { OM_COERCE_IMPLICIT = 0, OM_COERCE_ASSIGNMENT, OM_COERCE_EXPLICIT } OmCoerceCtx;

/* Does PostgreSQL allow a cast from -> to in context cc? (unknown and NULL
 * convert to anything; same type with another typmod always.) */
bool type_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc);

/*
 * Cast the rows of in named by sel[0..n) (sel NULL: rows 0..n-1) into the same
 * rows of out, whose phys must be type_phys(to.id). NULL stays NULL. Applies
 * to.typmod (varchar(n): 22001 in assignment, silent truncation when
 * explicit; bpchar(n): blank-padding). Errors exactly as PostgreSQL:
 * 22003 "integer out of range", 22P02 invalid input syntax for type ...
 * Strings are allocated in ctx.
 */
int type_cast_vec(OmType from, OmType to, OmCoerceCtx cc, const OmVector *in, OmVector *out,
                  const uint16_t *sel, int n, MemCtx *ctx, OmError *err);

/* PostgreSQL's btree order of two non-NULL values of type t (-1, 0, 1):
 * NaN above all numbers, char(n) without trailing blanks, numeric by value,
 * intervals by their span, text by bytes (the C collation), arrays element
 * by element. */
int type_compare(OmType t, const OmVector *a, int ra, const OmVector *b, int rb);

/* ---- additions (types owner) ------------------------------------------------------ */

/* Room for any type_name() result. */
#define OM_TYPE_NAME_MAX 64

/* The name PostgreSQL's error messages use (format_type_be: no typmod, and
 * bpchar is "character"): "operator does not exist: character + integer",
 * "column "a" is of type character varying but expression is of type
 * integer". type_name() is format_type with the typmod, as \d shows it. */
const char *type_name_be(OmTypeId t);

/*
 * numeric typmod. OmenDB keeps PostgreSQL's packing without the 4-byte
 * VARHDRSZ (like varchar's n): (precision << 16) | (scale & 0x7ff); scale may
 * be negative (-1000..1000). numeric(p) is numeric(p,0). The wire layer adds
 * 4 where PostgreSQL reports atttypmod.
 */
int32_t type_numeric_typmod(int32_t precision, int32_t scale);
int32_t type_numeric_precision(int32_t typmod);
int32_t type_numeric_scale(int32_t typmod);

/*
 * Resolve a type name with all its modifiers (TypeName.typmods, evaluated to
 * integers; nmods 0 = none), validated as PostgreSQL's typmodin functions do:
 * 22023 "length for type varchar must be at least 1", "NUMERIC precision 0
 * must be between 1 and 1000", "invalid NUMERIC type modifier"; 42601 "type
 * modifier is not allowed for type "int4"". float(p) gives real for p <= 24,
 * double precision up to 53. char / character without a length is char(1);
 * bpchar without a length stays unbounded.
 * @note type_lookup(name, typmod) is this with one modifier (typmod -1: none),
 *       except that a numeric typmod >= 0x10000 is taken as already packed by
 *       type_numeric_typmod — so passing typmods[0] alone gives numeric(p,0);
 *       use type_lookup_mods to get numeric(p,s).
 */
int type_lookup_mods(const char *name, const int32_t *mods, int nmods, OmType *out, OmError *err);

/*
 * UTF-8. type_utf8_check returns 0 if s[0..len) is valid UTF-8 without NUL
 * bytes (what PostgreSQL accepts in a UTF8 database), else -1 with 22021
 * 'invalid byte sequence for encoding "UTF8": 0xc3 0x28' as PostgreSQL's
 * report_invalid_encoding words it.
 */
int type_utf8_check(const char *s, size_t len, OmError *err);
bool type_utf8_valid(const char *s, size_t len);
/* Characters in valid UTF-8 s[0..len) (PostgreSQL's length() for text). */
size_t type_utf8_strlen(const char *s, size_t len);
/* Bytes taken by the first nchars characters of valid UTF-8 s[0..len). */
size_t type_utf8_clip(const char *s, size_t len, size_t nchars);
/* Length of s without trailing spaces: the value of a char(n) as text
 * (PostgreSQL's bpchar → text cast, and bpchar comparison semantics). */
static inline uint32_t type_bpchar_trimmed_len(const char *s, uint32_t len)
{
    while (len > 0 && s[len - 1] == ' ') len--;
    return len;
}

/*
 * Numeric text helpers for functions/ and the executor until numeric gets its
 * own representation. type_numeric_in parses like numeric_in(s, typmod) and
 * returns the canonical text (allocated in ctx) in *out.
 */
int type_numeric_in(const char *s, size_t len, int32_t typmod, OmStr *out, MemCtx *ctx, OmError *err);

#endif
