/*
 * fn_string.c — string functions (PostgreSQL 15's semantics; text in UTF-8,
 * lengths in characters).
 */
#include <string.h>

#include "fn_tables.h"

#define SEL_LOOP for (int k = 0, i; k < n && ((i = sel[k]), 1); k++)

/* length(text), char_length, character_length: characters. */
static int fn_length(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        r[i] = (int32_t)type_utf8_strlen(s[i].ptr, s[i].len);
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* length(bpchar): trailing blanks do not count. */
static int fn_length_bpchar(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        r[i] = (int32_t)type_utf8_strlen(s[i].ptr, type_bpchar_trimmed_len(s[i].ptr, s[i].len));
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_octet_length(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    const OmStr *s = args[0]->data;
    int32_t *r = out->data;
    SEL_LOOP {
        r[i] = (int32_t)s[i].len;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

/* lower/upper under the "C" collation: ASCII letters only, as PostgreSQL
 * does in a database with LC_CTYPE=C. */
static int case_map(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n, bool up)
{
    const OmStr *s = args[0]->data;
    OmStr *r = out->data;
    SEL_LOOP {
        char *p = mem_alloc(fc->var, s[i].len + 1);
        for (uint32_t j = 0; j < s[i].len; j++) {
            char c = s[i].ptr[j];
            if (up && c >= 'a' && c <= 'z') c = (char)(c - 32);
            else if (!up && c >= 'A' && c <= 'Z') c = (char)(c + 32);
            p[j] = c;
        }
        r[i].ptr = p;
        r[i].len = s[i].len;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

static int fn_lower(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return case_map(fc, a, o, sel, n, false);
}

static int fn_upper(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n)
{
    return case_map(fc, a, o, sel, n, true);
}

static const FnDesc descs[] = {
    {"length", 1, {OM_T_TEXT}, OM_T_INT4, FN_STRICT, fn_length},
    {"length", 1, {OM_T_BPCHAR}, OM_T_INT4, FN_STRICT, fn_length_bpchar},
    {"char_length", 1, {OM_T_TEXT}, OM_T_INT4, FN_STRICT, fn_length},
    {"char_length", 1, {OM_T_BPCHAR}, OM_T_INT4, FN_STRICT, fn_length_bpchar},
    {"character_length", 1, {OM_T_TEXT}, OM_T_INT4, FN_STRICT, fn_length},
    {"character_length", 1, {OM_T_BPCHAR}, OM_T_INT4, FN_STRICT, fn_length_bpchar},
    {"octet_length", 1, {OM_T_TEXT}, OM_T_INT4, FN_STRICT, fn_octet_length},
    {"octet_length", 1, {OM_T_BPCHAR}, OM_T_INT4, FN_STRICT, fn_octet_length},
    {"lower", 1, {OM_T_TEXT}, OM_T_TEXT, FN_STRICT, fn_lower},
    {"upper", 1, {OM_T_TEXT}, OM_T_TEXT, FN_STRICT, fn_upper},
};

const FnTable fn_string_table = {descs, sizeof descs / sizeof descs[0]};
