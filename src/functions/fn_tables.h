/*
 * fn_tables.h — the per-file function tables the registry is built from,
 * and the few helpers the function files share.
 * A new function file adds its table here and in fn_registry.c's list.
 */
#ifndef OM_FN_TABLES_H
#define OM_FN_TABLES_H

#include "functions.h"

extern const FnTable fn_numeric_table;  /* fn_numeric.c: numeric math functions, numeric ^ and @ */
extern const FnTable fn_string_table;  /* fn_string.c: length, case, substring, trim, pad, … */
extern const FnTable fn_string2_table; /* fn_string2.c: concat, format, quote_*, md5, chr, … */
extern const FnTable fn_string3_table; /* fn_string3.c: concat/concat_ws/format with VARIADIC array, unistr, pg_typeof */
extern const FnTable fn_math_table;    /* fn_math.c: abs, rounding, mod, gcd/lcm, width_bucket, random */
extern const FnTable fn_math2_table;   /* fn_math2.c: power, roots, exp/log, trigonometry */
extern const FnTable fn_operator_table; /* fn_operators.c: bitwise & | # ~ << >>, ^ @ |/ ||/ */
extern const FnTable fn_datetime_table; /* fn_datetime.c: date/time operators and functions */
extern const FnTable fn_datetime_fmt_table; /* fn_datetime_fmt.c: to_char, to_date, to_timestamp */
extern const FnTable fn_datetime2_table; /* fn_datetime2.c: make_interval, age, timeofday */
extern const FnTable fn_normalize_table; /* fn_normalize.c: normalize, IS NORMALIZED (ICU) */
extern const FnTable fn_numfmt_table;  /* fn_numfmt.c: to_char of numbers */
extern const FnTable fn_time_table;     /* fn_time.c: time and timetz operators and functions */
extern const FnTable fn_regex_sets_table; /* fn_regex_sets.c: regexp_match, regexp_split_to_array */
extern const FnTable fn_array_table;    /* fn_array.c: array_length, array_cat, ||, @>, array_to_string, … */
extern const FnTable fn_sequence_table; /* fn_sequence.c: nextval, currval, setval, lastval */
extern const FnTable fn_regex_table;    /* fn_regex.c: ~ ~* !~ !~*, SIMILAR TO, regexp_replace/count/instr/like/substr */
extern const FnTable fn_bytea_table;    /* fn_bytea.c: bytea lengths, substring, bits, trim, || and LIKE */
extern const FnTable fn_bytea2_table;   /* fn_bytea2.c: digests, encode/decode, convert*, gen_random_uuid */
extern const FnTable fn_json_table;     /* fn_json.c: json/jsonb operators and functions */
extern const FnTable fn_json_arrays_table; /* fn_json_arrays.c: #> #>> ?| ?& - #- jsonb_set jsonb_insert (text[]) */

/* PostgreSQL's "stable" functions (concat, format, …): like volatile ones,
 * not folded at bind time — PostgreSQL's planner folds only immutable calls,
 * so `format('%s') FROM t WHERE false` does not fail there either. */
#define FN_STABLE FN_VOLATILE

/* Every row of the kernel's selection: for (each k) with i = sel[k]. */
#define SEL_LOOP for (int k = 0, i; k < n && ((i = sel[k]), 1); k++)

/* Bytes of the UTF-8 character starting with lead byte c (strings in vectors
 * are valid UTF-8, checked on input). */
static inline int fn_utf8_len(unsigned char c)
{
    return c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
}

/* Store a result string and clear the row's null bit. */
static inline void fn_set_str(OmVector *out, int row, const char *p, size_t len)
{
    OmStr *r = out->data;
    r[row].ptr = p;
    r[row].len = (uint32_t)len;
    om_vec_set_null(out, row, false);
}

/* PostgreSQL's MaxAllocSize: no single value may reach 1 GB. */
#define FN_MAX_ALLOC 0x3fffffffu

/* Store a || b || c as row's result (overlay of text and bytea): 54000
 * "requested length too large" past FN_MAX_ALLOC. */
int fn_set_concat3(FnCall *fc, OmVector *out, int row, OmStr a, OmStr b, OmStr c);

/* v / 10^scale as numeric text in buf (extract's numeric results;
 * fn_datetime.c). Returns the length; buf needs 32 bytes. */
int fn_num_text(int64_t v, int scale, char *buf);

/* interval_mul (div: interval_div with factor as the divisor) into *out;
 * 22008 interval out of range, 22012 (fn_datetime.c; also avg(interval)
 * and percentile_cont(interval)). */
int fn_interval_scale(OmError *err, OmInterval span, double factor, bool div, OmInterval *out);

/* String helpers fn_string2.c exports for format(): PostgreSQL's
 * quote_identifier and quote_literal_cstr, appended to out. */
void fn_quote_ident(OmBuf *out, const char *s, size_t len);
void fn_quote_literal(OmBuf *out, const char *s, size_t len);

#endif
