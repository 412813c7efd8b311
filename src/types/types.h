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
    OM_T__COUNT
} OmTypeId;

typedef struct OmType {
    OmTypeId id;
    int32_t typmod; /* -1 = none */
} OmType;

static inline OmType om_type(OmTypeId id) { OmType t = {id, -1}; return t; }

typedef enum {
    OM_TCAT_BOOL, OM_TCAT_NUMERIC, OM_TCAT_STRING, OM_TCAT_UNKNOWN
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

/* Shortest text that reads back as the same double / float, formatted as
 * PostgreSQL 15 does with extra_float_digits = 1 (the default). */
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

#endif
