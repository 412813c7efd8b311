/*
 * types.c — the type table: OIDs, physical layouts, categories, the names
 * PostgreSQL's format_type prints, and resolving type names from SQL.
 *
 * The binder calls type_lookup / type_lookup_mods for every TypeName in DDL
 * and casts; everyone else asks the table (type_oid, type_phys, type_name…).
 *
 * Interface routines: type_oid, type_from_oid, type_name, type_name_be, type_phys, type_len,
 * type_category, type_is_integer, type_is_string, type_lookup,
 * type_lookup_mods, type_numeric_typmod, type_numeric_precision,
 * type_numeric_scale.
 */
#include <stdio.h>
#include <string.h>

#include "types.h"

typedef struct TypeInfo {
    uint32_t oid;
    const char *name; /* format_type's name without typmod */
    OmPhysType phys;
    int16_t len;
    OmTypeCategory cat;
} TypeInfo;

/* Indexed by OmTypeId. The NULL type reports itself as unknown, as a bare
 * NULL literal does in PostgreSQL before it is resolved. */
static const TypeInfo type_table[OM_T__COUNT] = {
    [OM_T_NULL] = {OM_OID_UNKNOWN, "unknown", OM_PHYS_I32, -2, OM_TCAT_UNKNOWN},
    [OM_T_BOOL] = {OM_OID_BOOL, "boolean", OM_PHYS_BOOL, 1, OM_TCAT_BOOL},
    [OM_T_INT2] = {OM_OID_INT2, "smallint", OM_PHYS_I16, 2, OM_TCAT_NUMERIC},
    [OM_T_INT4] = {OM_OID_INT4, "integer", OM_PHYS_I32, 4, OM_TCAT_NUMERIC},
    [OM_T_INT8] = {OM_OID_INT8, "bigint", OM_PHYS_I64, 8, OM_TCAT_NUMERIC},
    [OM_T_FLOAT4] = {OM_OID_FLOAT4, "real", OM_PHYS_F32, 4, OM_TCAT_NUMERIC},
    [OM_T_FLOAT8] = {OM_OID_FLOAT8, "double precision", OM_PHYS_F64, 8, OM_TCAT_NUMERIC},
    [OM_T_NUMERIC] = {OM_OID_NUMERIC, "numeric", OM_PHYS_STR, -1, OM_TCAT_NUMERIC},
    [OM_T_TEXT] = {OM_OID_TEXT, "text", OM_PHYS_STR, -1, OM_TCAT_STRING},
    [OM_T_VARCHAR] = {OM_OID_VARCHAR, "character varying", OM_PHYS_STR, -1, OM_TCAT_STRING},
    [OM_T_BPCHAR] = {OM_OID_BPCHAR, "bpchar", OM_PHYS_STR, -1, OM_TCAT_STRING},
    [OM_T_UNKNOWN] = {OM_OID_UNKNOWN, "unknown", OM_PHYS_STR, -2, OM_TCAT_UNKNOWN},
    [OM_T_DATE] = {OM_OID_DATE, "date", OM_PHYS_I32, 4, OM_TCAT_DATETIME},
    [OM_T_TIMESTAMP] = {OM_OID_TIMESTAMP, "timestamp without time zone", OM_PHYS_I64, 8, OM_TCAT_DATETIME},
    [OM_T_TIMESTAMPTZ] = {OM_OID_TIMESTAMPTZ, "timestamp with time zone", OM_PHYS_I64, 8, OM_TCAT_DATETIME},
    [OM_T_INTERVAL] = {OM_OID_INTERVAL, "interval", OM_PHYS_INTERVAL, 16, OM_TCAT_DATETIME},
    [OM_T_BYTEA] = {OM_OID_BYTEA, "bytea", OM_PHYS_STR, -1, OM_TCAT_USER},
    [OM_T_UUID] = {OM_OID_UUID, "uuid", OM_PHYS_STR, 16, OM_TCAT_USER},
    [OM_T_JSON] = {OM_OID_JSON, "json", OM_PHYS_STR, -1, OM_TCAT_USER},
    [OM_T_JSONB] = {OM_OID_JSONB, "jsonb", OM_PHYS_STR, -1, OM_TCAT_USER},
    [OM_T_TIME] = {OM_OID_TIME, "time without time zone", OM_PHYS_I64, 8, OM_TCAT_DATETIME},
    [OM_T_TIMETZ] = {OM_OID_TIMETZ, "time with time zone", OM_PHYS_INTERVAL, 12, OM_TCAT_DATETIME},
    /* Arrays: pg_type's _xxx rows (typarray of the element). */
    [OM_T_ARR_BOOL] = {1000, "boolean[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_INT2] = {1005, "smallint[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_INT4] = {1007, "integer[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_INT8] = {1016, "bigint[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_FLOAT4] = {1021, "real[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_FLOAT8] = {1022, "double precision[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_NUMERIC] = {1231, "numeric[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_TEXT] = {1009, "text[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_VARCHAR] = {1015, "character varying[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_BPCHAR] = {1014, "bpchar[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_DATE] = {1182, "date[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_TIMESTAMP] = {1115, "timestamp without time zone[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_TIMESTAMPTZ] = {1185, "timestamp with time zone[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_INTERVAL] = {1187, "interval[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_BYTEA] = {1001, "bytea[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_UUID] = {2951, "uuid[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_JSON] = {199, "json[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_JSONB] = {3807, "jsonb[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_TIME] = {1183, "time without time zone[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_ARR_TIMETZ] = {1270, "time with time zone[]", OM_PHYS_STR, -1, OM_TCAT_ARRAY},
    [OM_T_VOID] = {OM_OID_VOID, "void", OM_PHYS_STR, 4, OM_TCAT_USER},
    [OM_T_REGTYPE] = {OM_OID_REGTYPE, "regtype", OM_PHYS_I32, 4, OM_TCAT_USER},
};

/* Element ↔ array, in enum order from OM_T_ARR_BOOL. */
static const OmTypeId array_elems[] = {
    OM_T_BOOL, OM_T_INT2, OM_T_INT4, OM_T_INT8, OM_T_FLOAT4, OM_T_FLOAT8, OM_T_NUMERIC, OM_T_TEXT,
    OM_T_VARCHAR, OM_T_BPCHAR, OM_T_DATE, OM_T_TIMESTAMP, OM_T_TIMESTAMPTZ, OM_T_INTERVAL, OM_T_BYTEA,
    OM_T_UUID, OM_T_JSON, OM_T_JSONB, OM_T_TIME, OM_T_TIMETZ,
};
_Static_assert(sizeof array_elems / sizeof array_elems[0] == OM_T_ARR_TIMETZ + 1 - OM_T_ARR_BOOL,
               "one element type per array type");

static inline bool valid_id(OmTypeId t) { return (unsigned)t < OM_T__COUNT; }

uint32_t type_oid(OmTypeId t) { return valid_id(t) ? type_table[t].oid : 0; }

int type_from_oid(uint32_t oid)
{
    /* OM_T_NULL shares unknown's OID; the OID means the unresolved literal. */
    for (int i = OM_T_BOOL; i < OM_T__COUNT; i++)
        if (type_table[i].oid == oid) return i;
    return -1;
}

OmPhysType type_phys(OmTypeId t) { return valid_id(t) ? type_table[t].phys : OM_PHYS_I32; }
int16_t type_len(OmTypeId t) { return valid_id(t) ? type_table[t].len : -1; }
OmTypeCategory type_category(OmTypeId t) { return valid_id(t) ? type_table[t].cat : OM_TCAT_UNKNOWN; }

bool type_is_integer(OmTypeId t) { return t == OM_T_INT2 || t == OM_T_INT4 || t == OM_T_INT8; }
bool type_is_string(OmTypeId t) { return t == OM_T_TEXT || t == OM_T_VARCHAR || t == OM_T_BPCHAR; }
bool type_is_array(OmTypeId t) { return t >= OM_T_ARR_BOOL && t <= OM_T_ARR_TIMETZ; }

int type_array_elem(OmTypeId t) { return type_is_array(t) ? (int)array_elems[t - OM_T_ARR_BOOL] : -1; }

int type_array_of(OmTypeId t)
{
    for (size_t i = 0; i < sizeof array_elems / sizeof array_elems[0]; i++)
        if (array_elems[i] == t) return OM_T_ARR_BOOL + (int)i;
    return -1;
}

int32_t type_numeric_typmod(int32_t precision, int32_t scale)
{
    return (int32_t)(((uint32_t)precision << 16) | ((uint32_t)scale & 0x7ff));
}
int32_t type_numeric_precision(int32_t typmod) { return (typmod >> 16) & 0xffff; }
int32_t type_numeric_scale(int32_t typmod) { return ((typmod & 0x7ff) ^ 1024) - 1024; }

const char *type_name(OmType t, char *buf, size_t bufsize)
{
    if (!bufsize) return buf;
    if (!valid_id(t.id)) {
        snprintf(buf, bufsize, "???");
        return buf;
    }
    const char *base = type_table[t.id].name;
    if (t.typmod >= 0 && type_is_array(t.id)) {
        OmType e = {(OmTypeId)type_array_elem(t.id), t.typmod};
        char eb[OM_TYPE_NAME_MAX];
        snprintf(buf, bufsize, "%s[]", type_name(e, eb, sizeof eb));
        return buf;
    }
    if (t.typmod >= 0) {
        switch (t.id) {
        case OM_T_VARCHAR:
            snprintf(buf, bufsize, "character varying(%d)", (int)t.typmod);
            return buf;
        case OM_T_BPCHAR:
            snprintf(buf, bufsize, "character(%d)", (int)t.typmod);
            return buf;
        case OM_T_INTERVAL: {
            /* intervaltypmodout */
            static const struct { int32_t m; const char *s; } names[] = {
                {1 << 2, " year"}, {1 << 1, " month"}, {1 << 3, " day"}, {1 << 10, " hour"}, {1 << 11, " minute"},
                {1 << 12, " second"}, {(1 << 2) | (1 << 1), " year to month"}, {(1 << 3) | (1 << 10), " day to hour"},
                {(1 << 3) | (1 << 10) | (1 << 11), " day to minute"},
                {(1 << 3) | (1 << 10) | (1 << 11) | (1 << 12), " day to second"},
                {(1 << 10) | (1 << 11), " hour to minute"}, {(1 << 10) | (1 << 11) | (1 << 12), " hour to second"},
                {(1 << 11) | (1 << 12), " minute to second"}, {0x7FFF, ""}};
            int32_t range = (t.typmod >> 16) & 0x7FFF, prec = t.typmod & 0xFFFF;
            const char *fields = "";
            for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
                if (names[i].m == range) fields = names[i].s;
            if (prec != 0xFFFF) snprintf(buf, bufsize, "interval%s(%d)", fields, (int)prec);
            else snprintf(buf, bufsize, "interval%s", fields);
            return buf;
        }
        case OM_T_TIMESTAMP:
        case OM_T_TIMESTAMPTZ:
            snprintf(buf, bufsize, "timestamp(%d) with%s time zone", (int)t.typmod,
                     t.id == OM_T_TIMESTAMP ? "out" : "");
            return buf;
        case OM_T_TIME:
        case OM_T_TIMETZ:
            snprintf(buf, bufsize, "time(%d) with%s time zone", (int)t.typmod, t.id == OM_T_TIME ? "out" : "");
            return buf;
        case OM_T_NUMERIC:
            snprintf(buf, bufsize, "numeric(%d,%d)", (int)type_numeric_precision(t.typmod),
                     (int)type_numeric_scale(t.typmod));
            return buf;
        default:
            break;
        }
    }
    snprintf(buf, bufsize, "%s", base);
    return buf;
}

const char *type_name_be(OmTypeId t)
{
    if (!valid_id(t)) return "???";
    return t == OM_T_BPCHAR ? "character" : type_table[t].name;
}

/* ---- name resolution ----------------------------------------------------------------- */

typedef enum { MODS_NONE, MODS_LENGTH, MODS_NUMERIC, MODS_FLOAT, MODS_TSPREC, MODS_INTERVAL } ModsKind;

typedef struct TypeAlias {
    const char *name;
    OmTypeId id;
    ModsKind mods;
    int32_t default_typmod; /* when written without modifiers */
} TypeAlias;

static const TypeAlias aliases[] = {
    {"int4", OM_T_INT4, MODS_NONE, -1},
    {"int8", OM_T_INT8, MODS_NONE, -1},
    {"int2", OM_T_INT2, MODS_NONE, -1},
    {"text", OM_T_TEXT, MODS_NONE, -1},
    {"varchar", OM_T_VARCHAR, MODS_LENGTH, -1},
    {"bpchar", OM_T_BPCHAR, MODS_LENGTH, -1},
    {"numeric", OM_T_NUMERIC, MODS_NUMERIC, -1},
    {"bool", OM_T_BOOL, MODS_NONE, -1},
    {"float8", OM_T_FLOAT8, MODS_NONE, -1},
    {"float4", OM_T_FLOAT4, MODS_NONE, -1},
    {"integer", OM_T_INT4, MODS_NONE, -1},
    {"int", OM_T_INT4, MODS_NONE, -1},
    {"smallint", OM_T_INT2, MODS_NONE, -1},
    {"bigint", OM_T_INT8, MODS_NONE, -1},
    {"real", OM_T_FLOAT4, MODS_NONE, -1},
    {"double precision", OM_T_FLOAT8, MODS_NONE, -1},
    {"float", OM_T_FLOAT8, MODS_FLOAT, -1},
    {"boolean", OM_T_BOOL, MODS_NONE, -1},
    {"character varying", OM_T_VARCHAR, MODS_LENGTH, -1},
    /* SQL's CHARACTER / CHAR without a length means length 1 (gram.y). */
    {"character", OM_T_BPCHAR, MODS_LENGTH, 1},
    {"char", OM_T_BPCHAR, MODS_LENGTH, 1},
    {"decimal", OM_T_NUMERIC, MODS_NUMERIC, -1},
    {"dec", OM_T_NUMERIC, MODS_NUMERIC, -1},
    {"unknown", OM_T_UNKNOWN, MODS_NONE, -1},
    {"date", OM_T_DATE, MODS_NONE, -1},
    {"timestamp", OM_T_TIMESTAMP, MODS_TSPREC, -1},
    {"timestamptz", OM_T_TIMESTAMPTZ, MODS_TSPREC, -1},
    {"interval", OM_T_INTERVAL, MODS_INTERVAL, -1},
    {"bytea", OM_T_BYTEA, MODS_NONE, -1},
    {"regtype", OM_T_REGTYPE, MODS_NONE, -1},
    {"uuid", OM_T_UUID, MODS_NONE, -1},
    {"json", OM_T_JSON, MODS_NONE, -1},
    {"jsonb", OM_T_JSONB, MODS_NONE, -1},
    {"time", OM_T_TIME, MODS_TSPREC, -1},
    {"timetz", OM_T_TIMETZ, MODS_TSPREC, -1},
};

/* PostgreSQL types a user may reasonably write that we do not have yet. */
static const char *const unsupported[] = {
    "jsonpath", "oid", "name", "xml", "money",
    "inet", "cidr", "macaddr", "macaddr8", "bit", "varbit",
    "point", "line", "lseg", "box", "path", "polygon", "circle",
    "tsvector", "tsquery", "regclass", "regproc", "regprocedure",
    "regoper", "regoperator", "regnamespace", "regrole", "regconfig", "regdictionary",
    "int2vector", "oidvector", "xid", "xid8", "cid", "tid", "pg_lsn", "txid_snapshot",
    "pg_snapshot", "int4range", "int8range", "numrange", "daterange", "tsrange",
    "tstzrange", "int4multirange", "int8multirange", "nummultirange",
    "datemultirange", "tsmultirange", "tstzmultirange", "record", "cstring", "void",
    "anyelement", "anyarray", "anynonarray", "anyenum", "anyrange", "trigger",
    "event_trigger", "internal", "serial", "serial4", "bigserial", "serial8",
    "smallserial", "serial2", "aclitem", "refcursor",
};

static const TypeAlias *find_alias(const char *name)
{
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(aliases[i].name, name) == 0) return &aliases[i];
    return NULL;
}

static int no_such_type(const char *name, OmError *err)
{
    for (size_t i = 0; i < sizeof unsupported / sizeof unsupported[0]; i++)
        if (strcmp(unsupported[i], name) == 0)
            return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "type %s is not supported yet", name);
    return err_set(err, ERRCODE_UNDEFINED_OBJECT, "type \"%s\" does not exist", name);
}

/* anychar_typmodin: word is "varchar" or "char". */
static int check_length(const char *word, int32_t n, OmError *err)
{
    if (n < 1)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "length for type %s must be at least 1", word);
    if (n > 10485760)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "length for type %s cannot exceed %d", word,
                       10485760);
    return 0;
}

/* numerictypmodin. */
static int check_numeric(int32_t p, int32_t s, OmError *err)
{
    if (p < 1 || p > 1000)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                       "NUMERIC precision %d must be between 1 and %d", (int)p, 1000);
    if (s < -1000 || s > 1000)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                       "NUMERIC scale %d must be between %d and %d", (int)s, -1000, 1000);
    return 0;
}

int type_lookup_mods(const char *name, const int32_t *mods, int nmods, OmType *out, OmError *err)
{
    const TypeAlias *a = find_alias(name);
    if (!a) return no_such_type(name, err);
    OmType t = {a->id, a->default_typmod};
    if (nmods > 0) {
        switch (a->mods) {
        case MODS_NONE:
            return err_set(err, ERRCODE_SYNTAX_ERROR, "type modifier is not allowed for type \"%s\"", name);
        case MODS_LENGTH:
            if (nmods != 1) return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid type modifier");
            if (check_length(a->id == OM_T_VARCHAR ? "varchar" : "char", mods[0], err) < 0) return -1;
            t.typmod = mods[0];
            break;
        case MODS_NUMERIC:
            if (nmods > 2)
                return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid NUMERIC type modifier");
            if (check_numeric(mods[0], nmods == 2 ? mods[1] : 0, err) < 0) return -1;
            t.typmod = type_numeric_typmod(mods[0], nmods == 2 ? mods[1] : 0);
            break;
        case MODS_INTERVAL: {
            /* intervaltypmodin: a field range mask, then a precision. */
            static const int32_t ranges[] = {1 << 2, 1 << 1, 1 << 3, 1 << 10, 1 << 11, 1 << 12, (1 << 2) | (1 << 1),
                                             (1 << 3) | (1 << 10), (1 << 3) | (1 << 10) | (1 << 11),
                                             (1 << 3) | (1 << 10) | (1 << 11) | (1 << 12), (1 << 10) | (1 << 11),
                                             (1 << 10) | (1 << 11) | (1 << 12), (1 << 11) | (1 << 12), 0x7FFF};
            bool ok = false;
            for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) ok |= mods[0] == ranges[i];
            if (!ok || nmods > 2) return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid INTERVAL type modifier");
            int32_t prec = 0xFFFF;
            if (nmods == 2) {
                if (mods[1] < 0)
                    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "INTERVAL(%d) precision must not be negative",
                                   (int)mods[1]);
                prec = mods[1] > 6 ? 6 : mods[1];
            }
            t.typmod = mods[0] == 0x7FFF && prec == 0xFFFF ? -1 : (mods[0] << 16) | prec;
            break;
        }
        case MODS_TSPREC:
            /* anytimestamp_typmodin: 0..6; more is reduced to 6 (PostgreSQL
             * warns; OmenDB has no warnings yet). */
            if (nmods != 1) return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid type modifier");
            if (mods[0] < 0)
                return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s(%d)%s precision must not be negative",
                               a->id == OM_T_TIME || a->id == OM_T_TIMETZ ? "TIME" : "TIMESTAMP", (int)mods[0],
                               a->id == OM_T_TIMESTAMPTZ || a->id == OM_T_TIMETZ ? " WITH TIME ZONE" : "");
            t.typmod = mods[0] > 6 ? 6 : mods[0];
            break;
        case MODS_FLOAT:
            /* float(p): binary digits of precision, as gram.y maps them. */
            if (nmods != 1) return err_set(err, ERRCODE_SYNTAX_ERROR, "type modifier is not allowed for type \"%s\"", name);
            if (mods[0] < 1)
                return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "precision for type float must be at least 1 bit");
            if (mods[0] > 53)
                return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "precision for type float must be less than 54 bits");
            t.id = mods[0] <= 24 ? OM_T_FLOAT4 : OM_T_FLOAT8;
            t.typmod = -1;
            break;
        }
    }
    *out = t;
    return 0;
}

int type_lookup(const char *name, int32_t typmod, OmType *out, OmError *err)
{
    if (typmod == -1) return type_lookup_mods(name, NULL, 0, out, err);
    const TypeAlias *a = find_alias(name);
    if (a && a->mods == MODS_NUMERIC && typmod >= 0x10000) {
        /* Already packed by type_numeric_typmod. */
        int32_t p = type_numeric_precision(typmod), s = type_numeric_scale(typmod);
        if (check_numeric(p, s, err) < 0) return -1;
        out->id = OM_T_NUMERIC;
        out->typmod = type_numeric_typmod(p, s);
        return 0;
    }
    /* A single modifier: varchar(n), char(n), numeric(p), float(p). */
    return type_lookup_mods(name, &typmod, 1, out, err);
}
