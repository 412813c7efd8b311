/*
 * test_rowcodec.c — row value encoding (storage/rowcodec.c): round trips of
 * every physical type with NULLs, empty and large strings and extreme
 * values; rows with fewer columns than the table; the decoder's refusal
 * (XX001) of truncated, padded, or damaged bytes; and the value checksum
 * (CRC32C of key and payload, storage format 2) that every stored value
 * carries: known answers, round trips, and every flipped bit of value or
 * key, truncation, extension and a wrong key detected.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <string.h>

#include "common/crc32c.h"
#include "storage/storage.h"

#define NCOLS 8
static const OmPhysType all_types[NCOLS] = {OM_PHYS_BOOL, OM_PHYS_I16, OM_PHYS_I32, OM_PHYS_I64,
                                            OM_PHYS_F32,  OM_PHYS_F64, OM_PHYS_STR, OM_PHYS_STR};

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

/* Fill row r of b with values chosen by seed; some columns NULL. */
static void fill_row(MemCtx *ctx, OmBatch *b, int r)
{
    for (int c = 0; c < NCOLS; c++) om_vec_set_null(&b->cols[c], r, rnd() % 4 == 0);
    ((uint8_t *)b->cols[0].data)[r] = (uint8_t)(rnd() & 1);
    ((int16_t *)b->cols[1].data)[r] = (int16_t)rnd();
    ((int32_t *)b->cols[2].data)[r] = (int32_t)rnd();
    ((int64_t *)b->cols[3].data)[r] = (int64_t)rnd();
    ((float *)b->cols[4].data)[r] = (float)(int32_t)rnd() / 7.0f;
    ((double *)b->cols[5].data)[r] = (double)(int64_t)rnd() / 3.0;
    for (int c = 6; c < 8; c++) {
        uint32_t len = (uint32_t)(rnd() % 4 == 0 ? 0 : rnd() % 300);
        char *p = mem_alloc(ctx, len + 1);
        for (uint32_t i = 0; i < len; i++) p[i] = (char)rnd();
        ((OmStr *)b->cols[c].data)[r] = (OmStr){p, len};
    }
}

static void assert_rows_equal(const OmBatch *a, int ra, const OmBatch *b, int rb, int ncols)
{
    for (int c = 0; c < ncols; c++) {
        bool na = om_vec_is_null(&a->cols[c], ra), nb = om_vec_is_null(&b->cols[c], rb);
        assert_int_equal(na, nb);
        if (na) continue;
        switch (a->cols[c].phys) {
        case OM_PHYS_BOOL:
            assert_int_equal(((uint8_t *)a->cols[c].data)[ra], ((uint8_t *)b->cols[c].data)[rb]);
            break;
        case OM_PHYS_I16:
            assert_int_equal(((int16_t *)a->cols[c].data)[ra], ((int16_t *)b->cols[c].data)[rb]);
            break;
        case OM_PHYS_I32:
            assert_int_equal(((int32_t *)a->cols[c].data)[ra], ((int32_t *)b->cols[c].data)[rb]);
            break;
        case OM_PHYS_I64:
            assert_true(((int64_t *)a->cols[c].data)[ra] == ((int64_t *)b->cols[c].data)[rb]);
            break;
        case OM_PHYS_F32:
            assert_memory_equal(&((float *)a->cols[c].data)[ra], &((float *)b->cols[c].data)[rb],
                                sizeof(float));
            break;
        case OM_PHYS_F64:
            assert_memory_equal(&((double *)a->cols[c].data)[ra],
                                &((double *)b->cols[c].data)[rb], sizeof(double));
            break;
        case OM_PHYS_INTERVAL:
            assert_memory_equal(&((OmInterval *)a->cols[c].data)[ra], &((OmInterval *)b->cols[c].data)[rb],
                                sizeof(OmInterval));
            break;
        case OM_PHYS_STR: {
            OmStr x = ((OmStr *)a->cols[c].data)[ra], y = ((OmStr *)b->cols[c].data)[rb];
            assert_int_equal(x.len, y.len);
            if (x.len) assert_memory_equal(x.ptr, y.ptr, x.len);
            break;
        }
        }
    }
}

static void test_round_trip_random(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *in = om_batch_create(ctx, NCOLS, all_types, false);
    OmBatch *out = om_batch_create(ctx, NCOLS, all_types, false);
    for (int r = 0; r < 1000; r++) fill_row(ctx, in, r);
    for (int r = 0; r < 1000; r++) {
        OmStr enc;
        OmError err = {0};
        assert_int_equal(stor_row_encode(in, r, NCOLS, all_types, ctx, &enc, &err), 0);
        int dst = 999 - r;
        assert_int_equal(stor_row_decode(enc.ptr, enc.len, NCOLS, all_types, out, dst, &err), 0);
        assert_false(err.set);
        assert_rows_equal(in, r, out, dst, NCOLS);
    }
    mem_ctx_delete(ctx);
}

static void test_round_trip_extremes(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *in = om_batch_create(ctx, NCOLS, all_types, false);
    OmBatch *out = om_batch_create(ctx, NCOLS, all_types, false);
    /* row 0: minimums and empty strings; row 1: maximums, specials, a 100 KB
     * string with NUL bytes; row 2: all NULL. */
    ((uint8_t *)in->cols[0].data)[0] = 0;
    ((int16_t *)in->cols[1].data)[0] = INT16_MIN;
    ((int32_t *)in->cols[2].data)[0] = INT32_MIN;
    ((int64_t *)in->cols[3].data)[0] = INT64_MIN;
    ((float *)in->cols[4].data)[0] = -INFINITY;
    ((double *)in->cols[5].data)[0] = -0.0;
    ((OmStr *)in->cols[6].data)[0] = (OmStr){"", 0};
    ((OmStr *)in->cols[7].data)[0] = (OmStr){"", 0};
    ((uint8_t *)in->cols[0].data)[1] = 1;
    ((int16_t *)in->cols[1].data)[1] = INT16_MAX;
    ((int32_t *)in->cols[2].data)[1] = INT32_MAX;
    ((int64_t *)in->cols[3].data)[1] = INT64_MAX;
    ((float *)in->cols[4].data)[1] = NAN;
    ((double *)in->cols[5].data)[1] = DBL_MIN / 4; /* denormal */
    size_t big = 100000;
    char *p = mem_alloc(ctx, big);
    for (size_t i = 0; i < big; i++) p[i] = (char)(i % 251);
    ((OmStr *)in->cols[6].data)[1] = (OmStr){p, (uint32_t)big};
    ((OmStr *)in->cols[7].data)[1] = (OmStr){"\0x\0", 3};
    for (int c = 0; c < NCOLS; c++) om_vec_set_null(&in->cols[c], 2, true);
    for (int r = 0; r < 3; r++) {
        OmStr enc;
        OmError err = {0};
        assert_int_equal(stor_row_encode(in, r, NCOLS, all_types, ctx, &enc, &err), 0);
        assert_int_equal(stor_row_decode(enc.ptr, enc.len, NCOLS, all_types, out, r, &err), 0);
        assert_rows_equal(in, r, out, r, NCOLS);
        if (r == 2) {
            /* version, count, 1 bitmap byte all set, nothing else */
            assert_int_equal(enc.len, 3);
            assert_int_equal((uint8_t)enc.ptr[2], 0xFF);
        }
    }
    /* Empty strings decode as empty, not NULL. */
    assert_false(om_vec_is_null(&out->cols[6], 0));
    assert_int_equal(((OmStr *)out->cols[6].data)[0].len, 0);
    /* Decoded strings live in the batch's var_ctx, not in the input. */
    assert_true(((OmStr *)out->cols[6].data)[1].ptr != p);
    mem_ctx_delete(ctx);
}

/* A row written before ALTER TABLE ADD COLUMN has fewer columns: the missing
 * trailing columns read as NULL. More columns than the table is corruption. */
static void test_fewer_and_more_columns(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *in = om_batch_create(ctx, NCOLS, all_types, false);
    OmBatch *out = om_batch_create(ctx, NCOLS, all_types, false);
    fill_row(ctx, in, 0);
    om_vec_set_null(&in->cols[1], 0, false);
    ((int16_t *)in->cols[1].data)[0] = 4242;
    OmStr enc;
    OmError err = {0};
    assert_int_equal(stor_row_encode(in, 0, 3, all_types, ctx, &enc, &err), 0);
    assert_int_equal(stor_row_decode(enc.ptr, enc.len, NCOLS, all_types, out, 0, &err), 0);
    assert_rows_equal(in, 0, out, 0, 3);
    assert_int_equal(((int16_t *)out->cols[1].data)[0], 4242);
    for (int c = 3; c < NCOLS; c++) assert_true(om_vec_is_null(&out->cols[c], 0));

    assert_int_equal(stor_row_encode(in, 0, NCOLS, all_types, ctx, &enc, &err), 0);
    assert_int_equal(stor_row_decode(enc.ptr, enc.len, 3, all_types, out, 1, &err), -1);
    assert_string_equal(err.sqlstate, "XX001");
    mem_ctx_delete(ctx);
}

static void expect_corrupt(const void *p, size_t len, OmBatch *out)
{
    OmError err = {0};
    assert_int_equal(stor_row_decode(p, len, NCOLS, all_types, out, 0, &err), -1);
    assert_true(err.set);
    assert_string_equal(err.sqlstate, "XX001");
    assert_string_equal(err.message, "row data is corrupted");
}

static void test_truncated_and_padded(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *in = om_batch_create(ctx, NCOLS, all_types, false);
    OmBatch *out = om_batch_create(ctx, NCOLS, all_types, false);
    for (int r = 0; r < 50; r++) {
        fill_row(ctx, in, r);
        OmStr enc;
        OmError err = {0};
        assert_int_equal(stor_row_encode(in, r, NCOLS, all_types, ctx, &enc, &err), 0);
        /* Every strict prefix is refused: the bytes fix the length exactly.
         * Copy each prefix into its own block so a read past it is caught
         * by the sanitizer build. */
        for (uint32_t n = 0; n < enc.len; n++) {
            char *cut = mem_alloc(ctx, n ? n : 1);
            memcpy(cut, enc.ptr, n);
            expect_corrupt(cut, n, out);
        }
        char *longer = mem_alloc(ctx, enc.len + 1);
        memcpy(longer, enc.ptr, enc.len);
        longer[enc.len] = 0;
        expect_corrupt(longer, enc.len + 1, out);
    }
    mem_ctx_delete(ctx);
}

static void test_bad_bytes(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *out = om_batch_create(ctx, NCOLS, all_types, false);
    /* unknown version */
    expect_corrupt("\x02\x00", 2, out);
    /* bool value 2: version 1, 1 column, bitmap 0, value 2 */
    const OmPhysType b1[1] = {OM_PHYS_BOOL};
    OmBatch *bb = om_batch_create(ctx, 1, b1, false);
    OmError err = {0};
    assert_int_equal(stor_row_decode("\x01\x01\x00\x01", 4, 1, b1, bb, 0, &err), 0);
    assert_int_equal(((uint8_t *)bb->cols[0].data)[0], 1);
    assert_int_equal(stor_row_decode("\x01\x01\x00\x02", 4, 1, b1, bb, 0, &err), -1);
    assert_string_equal(err.sqlstate, "XX001");
    /* padding bit set in the null bitmap (bit 1 of a 1-column row) */
    err_clear(&err);
    assert_int_equal(stor_row_decode("\x01\x01\x02\x01", 4, 1, b1, bb, 0, &err), -1);
    assert_string_equal(err.sqlstate, "XX001");
    /* a string length that runs past the end; an over-long varint */
    const OmPhysType s1[1] = {OM_PHYS_STR};
    OmBatch *sb = om_batch_create(ctx, 1, s1, false);
    err_clear(&err);
    assert_int_equal(stor_row_decode("\x01\x01\x00\x05" "abcd", 8, 1, s1, sb, 0, &err), -1);
    assert_string_equal(err.sqlstate, "XX001");
    err_clear(&err);
    assert_int_equal(stor_row_decode("\x01\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
                                     14, 1, s1, sb, 0, &err), -1);
    assert_string_equal(err.sqlstate, "XX001");
    err_clear(&err);
    assert_int_equal(stor_row_decode("\x01\x01\x00\x04" "abcd", 8, 1, s1, sb, 0, &err), 0);
    assert_int_equal(((OmStr *)sb->cols[0].data)[0].len, 4);
    assert_memory_equal(((OmStr *)sb->cols[0].data)[0].ptr, "abcd", 4);
    /* a column count beyond any table */
    err_clear(&err);
    assert_int_equal(stor_row_decode("\x01\xff\xff\x03", 4, 1, s1, sb, 0, &err), -1);
    assert_string_equal(err.sqlstate, "XX001");
    /* layout mismatch between batch and table is an internal error */
    err_clear(&err);
    assert_int_equal(stor_row_decode("\x01\x01\x00\x01", 4, 1, b1, sb, 0, &err), -1);
    assert_string_equal(err.sqlstate, "XX000");
    mem_ctx_delete(ctx);
}

/* Random damage: the decoder either accepts the bytes or reports XX001; it
 * never reads outside them (checked by the sanitizer build). */
static void test_random_damage(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *in = om_batch_create(ctx, NCOLS, all_types, false);
    OmBatch *out = om_batch_create(ctx, NCOLS, all_types, false);
    int rejected = 0;
    for (int r = 0; r < 2000; r++) {
        int row = r % OM_BATCH_SIZE;
        fill_row(ctx, in, row);
        OmStr enc;
        OmError err = {0};
        assert_int_equal(stor_row_encode(in, row, NCOLS, all_types, ctx, &enc, &err), 0);
        char *p = mem_alloc(ctx, enc.len);
        memcpy(p, enc.ptr, enc.len);
        int flips = 1 + (int)(rnd() % 3);
        for (int f = 0; f < flips; f++) p[rnd() % enc.len] ^= (char)(1u << (rnd() % 8));
        int rc = stor_row_decode(p, enc.len, NCOLS, all_types, out, 0, &err);
        if (rc < 0) {
            assert_string_equal(err.sqlstate, "XX001");
            rejected++;
        } else {
            assert_false(err.set);
        }
        if (r % 256 == 255) om_batch_clear(out);
    }
    assert_true(rejected > 0);
    mem_ctx_delete(ctx);
}


/* ---- value checksums ---- */

static void test_crc32c_known(void **state)
{
    (void)state;
    assert_int_equal(om_crc32c(0, "123456789", 9), 0xE3069283u);
    assert_int_equal(om_crc32c(0, "", 0), 0);
    /* 32 bytes of zeros (RFC 3720, B.4) */
    static const uint8_t zeros[32];
    assert_int_equal(om_crc32c(0, zeros, 32), 0x8A9136AAu);
    /* incremental = whole, at every split point, across the 8-byte blocks */
    const char *text = "The quick brown fox jumps over the lazy dog, twice over.";
    size_t n = strlen(text);
    uint32_t whole = om_crc32c(0, text, n);
    for (size_t i = 0; i <= n; i++)
        assert_int_equal(om_crc32c(om_crc32c(0, text, i), text + i, n - i), whole);
}

/* Encode row `row` of `in` and seal it under a key made of its bytes. */
static OmStr sealed_row(MemCtx *ctx, OmBatch *in, int row, OmStr *key, OmStr *payload)
{
    OmError err = {0};
    assert_int_equal(stor_row_encode(in, row, NCOLS, all_types, ctx, payload, &err), 0);
    char *k = mem_alloc(ctx, 9);
    k[0] = 0x02;
    uint64_t id = rnd();
    memcpy(k + 1, &id, 8);
    key->ptr = k;
    key->len = 9;
    OmStr v;
    assert_int_equal(stor_value_seal(key->ptr, key->len, payload->ptr, payload->len, ctx, &v), 0);
    assert_int_equal(v.len, payload->len + 4);
    return v;
}

static void test_seal_round_trip(void **state)
{
    (void)state;
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *in = om_batch_create(ctx, NCOLS, all_types, false);
    OmBatch *out = om_batch_create(ctx, NCOLS, all_types, false);
    for (int r = 0; r < 500; r++) {
        int row = r % OM_BATCH_SIZE;
        fill_row(ctx, in, row);
        OmStr key, payload;
        OmStr v = sealed_row(ctx, in, row, &key, &payload);
        size_t plen = 0;
        assert_int_equal(stor_value_check(key.ptr, key.len, v.ptr, v.len, &plen), 0);
        assert_int_equal(plen, payload.len);
        assert_memory_equal(v.ptr, payload.ptr, plen);
        OmError err = {0};
        assert_int_equal(stor_row_decode(v.ptr, plen, NCOLS, all_types, out, row, &err), 0);
        assert_rows_equal(in, row, out, row, NCOLS);
        if (row == OM_BATCH_SIZE - 1) om_batch_clear(out);
    }
    /* an empty payload seals too (catalog markers) */
    OmStr v;
    size_t plen = 99;
    assert_int_equal(stor_value_seal("k", 1, "", 0, ctx, &v), 0);
    assert_int_equal(v.len, 4);
    assert_int_equal(stor_value_check("k", 1, v.ptr, v.len, &plen), 0);
    assert_int_equal(plen, 0);
    mem_ctx_delete(ctx);
}

/* Every single flipped bit, of the value (payload or checksum) or of the
 * key, is detected; so are truncation, extension, a wrong key and values
 * too short to hold a checksum. */
static void test_seal_detects_damage(void **state)
{
    (void)state;
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    OmBatch *in = om_batch_create(ctx, NCOLS, all_types, false);
    size_t plen;
    for (int r = 0; r < 40; r++) {
        fill_row(ctx, in, 0);
        OmStr key, payload;
        OmStr v = sealed_row(ctx, in, 0, &key, &payload);
        char *p = mem_alloc(ctx, v.len + 1);
        char *k = mem_alloc(ctx, key.len);
        memcpy(p, v.ptr, v.len);
        memcpy(k, key.ptr, key.len);
        for (size_t i = 0; i < (size_t)v.len * 8; i++) {
            p[i / 8] ^= (char)(1u << (i % 8));
            assert_int_equal(stor_value_check(k, key.len, p, v.len, &plen), -1);
            p[i / 8] ^= (char)(1u << (i % 8));
        }
        for (size_t i = 0; i < (size_t)key.len * 8; i++) {
            k[i / 8] ^= (char)(1u << (i % 8));
            assert_int_equal(stor_value_check(k, key.len, p, v.len, &plen), -1);
            k[i / 8] ^= (char)(1u << (i % 8));
        }
        assert_int_equal(stor_value_check(k, key.len, p, v.len, &plen), 0);
        assert_int_equal(stor_value_check(k, key.len, p, v.len - 1, &plen), -1);
        p[v.len] = 0;
        assert_int_equal(stor_value_check(k, key.len, p, v.len + 1, &plen), -1);
        assert_int_equal(stor_value_check(k, key.len - 1, p, v.len, &plen), -1);
        /* two and three flipped bits anywhere: CRC32C's Hamming distance
         * is at least 4 at these lengths */
        for (int t = 0; t < 200; t++) {
            int nf = 2 + (int)(rnd() % 2);
            size_t at[3];
            for (int f = 0; f < nf; f++) {
                do {
                    at[f] = rnd() % ((size_t)v.len * 8);
                } while ((f > 0 && at[f] == at[0]) || (f > 1 && at[f] == at[1]));
                p[at[f] / 8] ^= (char)(1u << (at[f] % 8));
            }
            assert_int_equal(stor_value_check(k, key.len, p, v.len, &plen), -1);
            for (int f = 0; f < nf; f++) p[at[f] / 8] ^= (char)(1u << (at[f] % 8));
        }
    }
    for (size_t n = 0; n < 4; n++)
        assert_int_equal(stor_value_check("k", 1, "\0\0\0\0", n, &plen), -1);
    /* The same payload under another key is not the same value: a value
     * moved to another key (a flipped key byte) does not check. */
    OmStr v;
    assert_int_equal(stor_value_seal("key-1", 5, "payload", 7, ctx, &v), 0);
    assert_int_equal(stor_value_check("key-2", 5, v.ptr, v.len, &plen), -1);
    assert_int_equal(stor_value_check("key-1", 5, v.ptr, v.len, &plen), 0);
    mem_ctx_delete(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_random),
        cmocka_unit_test(test_round_trip_extremes),
        cmocka_unit_test(test_fewer_and_more_columns),
        cmocka_unit_test(test_truncated_and_padded),
        cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_random_damage),
        cmocka_unit_test(test_crc32c_known),
        cmocka_unit_test(test_seal_round_trip),
        cmocka_unit_test(test_seal_detects_damage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
