/*
 * test_keycodec.c — order-preserving key encoding (storage/keycodec.c):
 * memcmp order of encodings must equal SQL order of values, for random
 * integers, floats (incl. -0.0, infinities, NaN) and strings (incl. NUL and
 * 0xFF bytes), for NULLs and for multi-column keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <string.h>

#include "storage/storage.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

/* memcmp order, shorter prefix first. */
static int keycmp(OmStr a, OmStr b)
{
    uint32_t n = a.len < b.len ? a.len : b.len;
    int c = memcmp(a.ptr, b.ptr, n);
    if (c) return c < 0 ? -1 : 1;
    return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

static int sgn(int c) { return c < 0 ? -1 : c > 0 ? 1 : 0; }

static OmBatch *batch1(MemCtx *ctx, OmPhysType t)
{
    return om_batch_create(ctx, 1, &t, false);
}

static OmStr enc(MemCtx *ctx, OmBatch *b, int row)
{
    int col = 0;
    OmStr out = {0};
    assert_int_equal(stor_key_encode_row(b, row, 1, &col, ctx, &out), 0);
    return out;
}

static void test_int_known_bytes(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *b = batch1(ctx, OM_PHYS_I32);
    ((int32_t *)b->cols[0].data)[0] = 1;
    ((int32_t *)b->cols[0].data)[1] = -1;
    om_vec_set_null(&b->cols[0], 2, true);
    OmStr k = enc(ctx, b, 0);
    const uint8_t one[] = {0x02, 0x80, 0, 0, 0, 0, 0, 0, 0x01};
    assert_int_equal(k.len, 9);
    assert_memory_equal(k.ptr, one, 9);
    k = enc(ctx, b, 1);
    const uint8_t minus1[] = {0x02, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    assert_memory_equal(k.ptr, minus1, 9);
    k = enc(ctx, b, 2);
    assert_int_equal(k.len, 1);
    assert_int_equal((uint8_t)k.ptr[0], 0x01);
    mem_ctx_delete(ctx);
}

static void test_int_order_random(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *b = batch1(ctx, OM_PHYS_I64);
    int64_t *v = b->cols[0].data;
    const int64_t fixed[] = {INT64_MIN, INT64_MIN + 1, -65536, -1, 0, 1, 255, 256, INT64_MAX - 1,
                             INT64_MAX};
    int n = OM_BATCH_SIZE;
    for (int i = 0; i < n; i++) {
        if (i < 10) v[i] = fixed[i];
        else if (i % 3 == 0) v[i] = (int64_t)(rnd() % 2001) - 1000; /* many equal values */
        else v[i] = (int64_t)rnd();
    }
    OmStr *k = mem_new_array(ctx, OmStr, n);
    for (int i = 0; i < n; i++) k[i] = enc(ctx, b, i);
    for (int t = 0; t < 200000; t++) {
        int i = (int)(rnd() % (uint64_t)n), j = (int)(rnd() % (uint64_t)n);
        int want = v[i] < v[j] ? -1 : v[i] > v[j] ? 1 : 0;
        assert_int_equal(sgn(keycmp(k[i], k[j])), want);
    }
    mem_ctx_delete(ctx);
}

/* int2 / int4 / int8 holding the same value encode identically, so a key
 * built from an int4 literal finds an int8 column's row. */
static void test_int_widths_equal(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *b2 = batch1(ctx, OM_PHYS_I16), *b4 = batch1(ctx, OM_PHYS_I32),
            *b8 = batch1(ctx, OM_PHYS_I64);
    const int16_t vals[] = {INT16_MIN, -300, -1, 0, 1, 77, INT16_MAX};
    for (int i = 0; i < 7; i++) {
        ((int16_t *)b2->cols[0].data)[i] = vals[i];
        ((int32_t *)b4->cols[0].data)[i] = vals[i];
        ((int64_t *)b8->cols[0].data)[i] = vals[i];
        OmStr a = enc(ctx, b2, i), c = enc(ctx, b4, i), d = enc(ctx, b8, i);
        assert_int_equal(a.len, 9);
        assert_int_equal(keycmp(a, c), 0);
        assert_int_equal(keycmp(c, d), 0);
    }
    /* Order across widths too: int2 -1 < int8 0. */
    assert_int_equal(sgn(keycmp(enc(ctx, b2, 2), enc(ctx, b8, 3))), -1);
    mem_ctx_delete(ctx);
}

/* SQL order of doubles: NaN above everything and equal to itself, -0 == 0. */
static int dcmp(double a, double b)
{
    if (isnan(a)) return isnan(b) ? 0 : 1;
    if (isnan(b)) return -1;
    return a < b ? -1 : a > b ? 1 : 0;
}

static double rnd_double(void)
{
    switch (rnd() % 4) {
    case 0: {
        uint64_t u = rnd(); /* any bit pattern: denormals, NaNs, infinities */
        double d;
        memcpy(&d, &u, sizeof d);
        return d;
    }
    case 1: return (double)(int64_t)(rnd() % 2001) - 1000.0;
    case 2: return ((double)(int64_t)rnd()) / 1e6;
    default: return ((double)(rnd() % 1000000)) * 1e-310; /* denormals */
    }
}

static void test_float_order(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *b = batch1(ctx, OM_PHYS_F64);
    double *v = b->cols[0].data;
    uint64_t negnan_bits = 0xFFF8000000000001ull;
    double negnan;
    memcpy(&negnan, &negnan_bits, sizeof negnan);
    const double fixed[] = {-INFINITY, -DBL_MAX, -1.0, -DBL_MIN, -4.9e-324, -0.0, 0.0, 4.9e-324,
                            DBL_MIN, 1.0, DBL_MAX, INFINITY, NAN, negnan};
    int nf = (int)(sizeof fixed / sizeof fixed[0]);
    int n = OM_BATCH_SIZE;
    for (int i = 0; i < n; i++) v[i] = i < nf ? fixed[i] : rnd_double();
    OmStr *k = mem_new_array(ctx, OmStr, n);
    for (int i = 0; i < n; i++) k[i] = enc(ctx, b, i);
    /* The fixed values are in ascending order (the two NaNs equal). */
    for (int i = 0; i + 1 < nf; i++) {
        int want = (i == 5) ? 0 : (i == nf - 2) ? 0 : -1; /* -0 == 0, NaN == NaN */
        assert_int_equal(sgn(keycmp(k[i], k[i + 1])), want);
    }
    for (int t = 0; t < 200000; t++) {
        int i = (int)(rnd() % (uint64_t)n), j = (int)(rnd() % (uint64_t)n);
        assert_int_equal(sgn(keycmp(k[i], k[j])), dcmp(v[i], v[j]));
    }
    /* float4 values encode like the same float8 values. */
    OmBatch *f4 = batch1(ctx, OM_PHYS_F32);
    const float fv[] = {-INFINITY, -2.5f, -0.0f, 0.0f, 1.0f / 3.0f, 3e38f, INFINITY, NAN};
    for (int i = 0; i < 8; i++) {
        ((float *)f4->cols[0].data)[i] = fv[i];
        v[i] = (double)fv[i];
        assert_int_equal(keycmp(enc(ctx, f4, i), enc(ctx, b, i)), 0);
    }
    mem_ctx_delete(ctx);
}

static OmStr rnd_bytes(MemCtx *ctx)
{
    static const char alphabet[] = {0, 0, 1, 'a', 'b', 'z', (char)0x7F, (char)0xFE, (char)0xFF};
    uint32_t len = (uint32_t)(rnd() % 6);
    char *p = mem_alloc(ctx, len + 1);
    for (uint32_t i = 0; i < len; i++) p[i] = alphabet[rnd() % sizeof alphabet];
    OmStr s = {p, len};
    return s;
}

static void test_string_order(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *b = batch1(ctx, OM_PHYS_STR);
    OmStr *v = b->cols[0].data;
    int n = OM_BATCH_SIZE;
    for (int i = 0; i < n; i++) v[i] = rnd_bytes(ctx);
    OmStr *k = mem_new_array(ctx, OmStr, n);
    for (int i = 0; i < n; i++) k[i] = enc(ctx, b, i);
    for (int t = 0; t < 200000; t++) {
        int i = (int)(rnd() % (uint64_t)n), j = (int)(rnd() % (uint64_t)n);
        assert_int_equal(sgn(keycmp(k[i], k[j])), sgn(keycmp(v[i], v[j])));
    }
    mem_ctx_delete(ctx);
}

static void test_string_embedded_nul(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *b = batch1(ctx, OM_PHYS_STR);
    OmStr *v = b->cols[0].data;
    /* ascending */
    const OmStr vals[] = {{"", 0}, {"\0", 1}, {"\0\0", 2}, {"\0\xff", 2}, {"\x01", 1},
                          {"a", 1}, {"a\0", 2}, {"a\0\0", 3}, {"a\0b", 3}, {"a\x01", 2},
                          {"ab", 2}, {"b", 1}, {"\xff", 1}, {"\xff\xff", 2}};
    int n = (int)(sizeof vals / sizeof vals[0]);
    for (int i = 0; i < n; i++) v[i] = vals[i];
    for (int i = 0; i + 1 < n; i++)
        assert_int_equal(sgn(keycmp(enc(ctx, b, i), enc(ctx, b, i + 1))), -1);
    /* Exact bytes: "a\0" -> 02 'a' 00 FF 00 00 */
    OmStr k = enc(ctx, b, 6);
    const uint8_t want[] = {0x02, 'a', 0x00, 0xFF, 0x00, 0x00};
    assert_int_equal(k.len, sizeof want);
    assert_memory_equal(k.ptr, want, sizeof want);
    /* Empty string is a value, distinct from NULL, and NULL sorts first. */
    om_vec_set_null(&b->cols[0], n, true);
    OmStr knull = enc(ctx, b, n), kempty = enc(ctx, b, 0);
    assert_int_equal(kempty.len, 3);
    assert_int_equal(sgn(keycmp(knull, kempty)), -1);
    mem_ctx_delete(ctx);
}

static void test_bool_and_nulls(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *b = batch1(ctx, OM_PHYS_BOOL);
    uint8_t *v = b->cols[0].data;
    om_vec_set_null(&b->cols[0], 0, true);
    v[1] = 0;
    v[2] = 1;
    v[3] = 7; /* any nonzero byte is true */
    assert_int_equal(sgn(keycmp(enc(ctx, b, 0), enc(ctx, b, 1))), -1);
    assert_int_equal(sgn(keycmp(enc(ctx, b, 1), enc(ctx, b, 2))), -1);
    assert_int_equal(keycmp(enc(ctx, b, 2), enc(ctx, b, 3)), 0);
    OmBatch *bi = batch1(ctx, OM_PHYS_I64);
    om_vec_set_null(&bi->cols[0], 0, true);
    ((int64_t *)bi->cols[0].data)[1] = INT64_MIN;
    assert_int_equal(sgn(keycmp(enc(ctx, bi, 0), enc(ctx, bi, 1))), -1);
    mem_ctx_delete(ctx);
}

/* Multi-column keys compare as tuples: the first column decides unless equal,
 * however long its string is. */
static void test_multi_column(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmPhysType types[2] = {OM_PHYS_STR, OM_PHYS_I32};
    OmBatch *b = om_batch_create(ctx, 2, types, false);
    OmStr *s = b->cols[0].data;
    int32_t *iv = b->cols[1].data;
    int n = OM_BATCH_SIZE;
    for (int i = 0; i < n; i++) {
        s[i] = rnd_bytes(ctx);
        iv[i] = (int32_t)(rnd() % 5) - 2;
        if (rnd() % 17 == 0) om_vec_set_null(&b->cols[1], i, true);
    }
    int cols[2] = {0, 1};
    OmStr *k = mem_new_array(ctx, OmStr, n);
    for (int i = 0; i < n; i++) assert_int_equal(stor_key_encode_row(b, i, 2, cols, ctx, &k[i]), 0);
    for (int t = 0; t < 100000; t++) {
        int i = (int)(rnd() % (uint64_t)n), j = (int)(rnd() % (uint64_t)n);
        int want = sgn(keycmp(s[i], s[j]));
        if (want == 0) {
            bool ni = om_vec_is_null(&b->cols[1], i), nj = om_vec_is_null(&b->cols[1], j);
            if (ni || nj) want = ni && nj ? 0 : ni ? -1 : 1;
            else want = iv[i] < iv[j] ? -1 : iv[i] > iv[j] ? 1 : 0;
        }
        assert_int_equal(sgn(keycmp(k[i], k[j])), want);
    }
    /* Column order in the key follows cols[], not the table. */
    int rev[2] = {1, 0};
    s[0] = (OmStr){"b", 1};
    iv[0] = 1;
    s[1] = (OmStr){"a", 1};
    iv[1] = 2;
    om_vec_set_null(&b->cols[1], 0, false);
    om_vec_set_null(&b->cols[1], 1, false);
    OmStr a, c;
    assert_int_equal(stor_key_encode_row(b, 0, 2, rev, ctx, &a), 0);
    assert_int_equal(stor_key_encode_row(b, 1, 2, rev, ctx, &c), 0);
    assert_int_equal(sgn(keycmp(a, c)), -1);
    /* Bad arguments are refused. */
    int bad = 5;
    assert_int_equal(stor_key_encode_row(b, 0, 1, &bad, ctx, &a), -1);
    mem_ctx_delete(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_known_bytes),
        cmocka_unit_test(test_int_order_random),
        cmocka_unit_test(test_int_widths_equal),
        cmocka_unit_test(test_float_order),
        cmocka_unit_test(test_string_order),
        cmocka_unit_test(test_string_embedded_nul),
        cmocka_unit_test(test_bool_and_nulls),
        cmocka_unit_test(test_multi_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
