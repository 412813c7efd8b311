/*
 * fn_normalize.c — Unicode normalization: normalize(text [, form]) and
 * text IS [NOT] [NFC|NFD|NFKC|NFKD] NORMALIZED (is_normalized), on ICU's
 * normalizers (libicu from Debian). PostgreSQL 15 carries its own Unicode 14
 * tables; ICU 72 follows Unicode 15, so only characters added in Unicode 15
 * can normalize differently (docs/compatibility.md).
 */
#include <string.h>
#include <strings.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "fn_tables.h"

/* The normalizer for a form name (NFC when absent), or NULL with 22023. */
static const UNormalizer2 *normalizer(FnCall *fc, const OmVector *const *args, int i)
{
    OmStr f = fc->nargs > 1 ? ((const OmStr *)args[1]->data)[i] : (OmStr){"NFC", 3};
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *n = NULL;
    if (f.len == 3 && !strncasecmp(f.ptr, "NFC", 3)) n = unorm2_getNFCInstance(&st);
    else if (f.len == 3 && !strncasecmp(f.ptr, "NFD", 3)) n = unorm2_getNFDInstance(&st);
    else if (f.len == 4 && !strncasecmp(f.ptr, "NFKC", 4)) n = unorm2_getNFKCInstance(&st);
    else if (f.len == 4 && !strncasecmp(f.ptr, "NFKD", 4)) n = unorm2_getNFKDInstance(&st);
    else {
        err_set(fc->err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid normalization form: %.*s", (int)f.len, f.ptr);
        return NULL;
    }
    if (U_FAILURE(st) || !n) {
        err_set(fc->err, ERRCODE_INTERNAL_ERROR, "could not load the Unicode normalizer: %s", u_errorName(st));
        return NULL;
    }
    return n;
}

/* UTF-8 → UTF-16 in fc->var. */
static UChar *to_u16(FnCall *fc, OmStr s, int32_t *len)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    u_strFromUTF8(NULL, 0, &need, s.ptr, (int32_t)s.len, &st);
    st = U_ZERO_ERROR;
    UChar *u = mem_alloc(fc->var, sizeof(UChar) * (size_t)(need + 1));
    u_strFromUTF8(u, need + 1, len, s.ptr, (int32_t)s.len, &st);
    return u;
}

static int fn_normalize(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        const UNormalizer2 *nz = normalizer(fc, args, i);
        if (!nz) return -1;
        int32_t len;
        UChar *u = to_u16(fc, ((const OmStr *)args[0]->data)[i], &len);
        UErrorCode st = U_ZERO_ERROR;
        int32_t need = unorm2_normalize(nz, u, len, NULL, 0, &st);
        st = U_ZERO_ERROR;
        UChar *r = mem_alloc(fc->var, sizeof(UChar) * (size_t)(need + 1));
        unorm2_normalize(nz, u, len, r, need + 1, &st);
        int32_t blen = 0;
        st = U_ZERO_ERROR;
        u_strToUTF8(NULL, 0, &blen, r, need, &st);
        st = U_ZERO_ERROR;
        char *b = mem_alloc(fc->var, (size_t)blen + 1);
        u_strToUTF8(b, blen + 1, &blen, r, need, &st);
        if (U_FAILURE(st)) return err_set(fc->err, ERRCODE_INTERNAL_ERROR, "normalization failed: %s", u_errorName(st));
        fn_set_str(out, i, b, (size_t)blen);
    }
    return 0;
}

static int fn_is_normalized(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        const UNormalizer2 *nz = normalizer(fc, args, i);
        if (!nz) return -1;
        int32_t len;
        UChar *u = to_u16(fc, ((const OmStr *)args[0]->data)[i], &len);
        UErrorCode st = U_ZERO_ERROR;
        UBool yes = unorm2_isNormalized(nz, u, len, &st);
        if (U_FAILURE(st)) return err_set(fc->err, ERRCODE_INTERNAL_ERROR, "normalization failed: %s", u_errorName(st));
        ((uint8_t *)out->data)[i] = yes ? 1 : 0;
        om_vec_set_null(out, i, false);
    }
    return 0;
}

#define T OM_T_TEXT

static const FnDesc descs[] = {
    {"normalize", 1, {T}, T, FN_STRICT, fn_normalize},
    {"normalize", 2, {T, T}, T, FN_STRICT, fn_normalize},
    {"is_normalized", 1, {T}, OM_T_BOOL, FN_STRICT, fn_is_normalized},
    {"is_normalized", 2, {T, T}, OM_T_BOOL, FN_STRICT, fn_is_normalized},
};

const FnTable fn_normalize_table = {descs, (int)(sizeof descs / sizeof descs[0])};
