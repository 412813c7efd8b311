/*
 * fuzz_rowcodec.c — the decoders of bytes read back from LMDB, which must
 * refuse damage (XX001) and never read outside the value:
 *   - stor_row_decode (storage/rowcodec.c) for several fixed table layouts
 *     (every physical type, none, a two-byte null bitmap, more than 32
 *     columns), into the first and the last row of a batch;
 *   - cat_table_decode (catalog/catalog.c) on the whole input;
 *   - both together: a catalog record (length-prefixed: u16 BE) followed by
 *     a row of the table it describes, decoded with that table's layout and
 *     printed with its column types;
 *   - the order-preserving key encoding (storage/keycodec.c) on two rows
 *     taken from the raw bytes: memcmp order of the keys must equal SQL order
 *     of the values (NULLs first, -0 = 0, NaN above everything, strings
 *     bytewise).
 *
 *   - the value checksum (stor_value_check / stor_value_seal): the first
 *     byte picks how much of the input is the key, the rest is the value;
 *     a value that checks reseals to itself, and any input sealed checks
 *     and gives its payload back.
 *
 * Checked besides memory safety: a decoded row re-encodes (stor_row_encode)
 * and decodes again to the same values; a decoded catalog record re-encodes
 * to exactly the same bytes (an older record version: to a record that reads
 * back and re-encodes to itself) and its desc agrees with its columns;
 * errors carry XX001.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "catalog/catalog.h"
#include "fuzz.h"
#include "storage/storage.h"
#include "types/types.h"

#define MAX_LAYOUT_COLS 40
#define NPHYS 8 /* OM_PHYS_BOOL .. OM_PHYS_INTERVAL */
#define MAX_CAT_ROW_COLS 16

typedef struct Layout {
    int ncols;
    OmPhysType types[MAX_LAYOUT_COLS];
} Layout;

static Layout layouts[] = {
    {8, {OM_PHYS_BOOL, OM_PHYS_I16, OM_PHYS_I32, OM_PHYS_I64, OM_PHYS_F32, OM_PHYS_F64, OM_PHYS_STR,
         OM_PHYS_INTERVAL}},
    {1, {OM_PHYS_STR}},
    {6, {OM_PHYS_I32, OM_PHYS_STR, OM_PHYS_F64, OM_PHYS_BOOL, OM_PHYS_I64, OM_PHYS_STR}},
    {0, {OM_PHYS_BOOL}},
    {9, {OM_PHYS_STR, OM_PHYS_STR, OM_PHYS_STR, OM_PHYS_I16, OM_PHYS_BOOL, OM_PHYS_F32, OM_PHYS_I64,
         OM_PHYS_STR, OM_PHYS_BOOL}},
    {MAX_LAYOUT_COLS, {0}}, /* filled in init: the physical types in turn */
};
#define NLAYOUTS ((int)(sizeof layouts / sizeof layouts[0]))

static MemCtx *root;
static OmBatch *batch[NLAYOUTS], *batch2[NLAYOUTS];

static OmTypeId logical(OmPhysType p)
{
    switch (p) {
    case OM_PHYS_BOOL: return OM_T_BOOL;
    case OM_PHYS_I16: return OM_T_INT2;
    case OM_PHYS_I32: return OM_T_INT4;
    case OM_PHYS_I64: return OM_T_INT8;
    case OM_PHYS_F32: return OM_T_FLOAT4;
    case OM_PHYS_F64: return OM_T_FLOAT8;
    case OM_PHYS_INTERVAL: return OM_T_INTERVAL;
    default: return OM_T_TEXT;
    }
}

static void init_once(void)
{
    if (root) return;
    root = mem_ctx_create(NULL, "fuzz_rowcodec");
    Layout *big = &layouts[NLAYOUTS - 1];
    for (int c = 0; c < big->ncols; c++) big->types[c] = (OmPhysType)(c % NPHYS);
    for (int i = 0; i < NLAYOUTS; i++) {
        batch[i] = om_batch_create(root, layouts[i].ncols, layouts[i].types, false);
        batch2[i] = om_batch_create(root, layouts[i].ncols, layouts[i].types, false);
    }
}

/* Same value (NULL flag, then bits for floats, bytes for strings)? */
static bool same_value(const OmBatch *a, int ra, const OmBatch *b, int rb, int c)
{
    const OmVector *va = &a->cols[c], *vb = &b->cols[c];
    bool na = om_vec_is_null(va, ra), nb = om_vec_is_null(vb, rb);
    if (na || nb) return na == nb;
    switch (va->phys) {
    case OM_PHYS_BOOL: return ((uint8_t *)va->data)[ra] == ((uint8_t *)vb->data)[rb];
    case OM_PHYS_I16: return ((int16_t *)va->data)[ra] == ((int16_t *)vb->data)[rb];
    case OM_PHYS_I32: return ((int32_t *)va->data)[ra] == ((int32_t *)vb->data)[rb];
    case OM_PHYS_I64: return ((int64_t *)va->data)[ra] == ((int64_t *)vb->data)[rb];
    case OM_PHYS_F32: return memcmp(&((float *)va->data)[ra], &((float *)vb->data)[rb], 4) == 0;
    case OM_PHYS_F64: return memcmp(&((double *)va->data)[ra], &((double *)vb->data)[rb], 8) == 0;
    case OM_PHYS_STR: {
        OmStr x = ((OmStr *)va->data)[ra], y = ((OmStr *)vb->data)[rb];
        return x.len == y.len && (x.len == 0 || memcmp(x.ptr, y.ptr, x.len) == 0);
    }
    case OM_PHYS_INTERVAL: return memcmp(&((OmInterval *)va->data)[ra], &((OmInterval *)vb->data)[rb], 16) == 0;
    }
    return false;
}

/* Print every non-NULL value of row `row` with the given logical types. */
static void render(MemCtx *ctx, const OmBatch *b, int row, int ncols, const OmType *types)
{
    OmBuf out;
    buf_init(&out, ctx, 64);
    for (int c = 0; c < ncols; c++) {
        if (om_vec_is_null(&b->cols[c], row)) continue;
        size_t before = out.len;
        type_out(types[c], &b->cols[c], row, &out);
        if (types[c].id != OM_T_TEXT && types[c].id != OM_T_VARCHAR && types[c].id != OM_T_BPCHAR &&
            types[c].id != OM_T_NUMERIC)
            FUZZ_CHECK(out.len > before, "empty text for column %d of type %d", c, (int)types[c].id);
        buf_append_char(&out, '|');
    }
}

/* Decode data into row `row` of b; on success check the round trip through
 * stor_row_encode into b2 and print the values. */
static void decode_check(MemCtx *ctx, const uint8_t *data, size_t size, int ncols, const OmPhysType *ptypes,
                         const OmType *ltypes, OmBatch *b, OmBatch *b2, int row)
{
    OmError err = {0};
    om_batch_clear(b);
    if (stor_row_decode(data, size, ncols, ptypes, b, row, &err) < 0) {
        FUZZ_CHECK(err.set && strcmp(err.sqlstate, "XX001") == 0, "row decode error %s: %s", err.sqlstate,
                   err.message);
        return;
    }
    FUZZ_CHECK(!err.set, "decode succeeded with an error set");
    OmStr enc;
    FUZZ_CHECK(stor_row_encode(b, row, ncols, ptypes, ctx, &enc, &err) == 0, "re-encode: %s", err.message);
    FUZZ_CHECK(enc.len <= size + (size_t)(ncols + 7) / 8 + 16 + (size_t)ncols * 9,
               "re-encoding of %zu bytes grew to %u", size, enc.len);
    om_batch_clear(b2);
    int row2 = OM_BATCH_SIZE - 1 - row;
    FUZZ_CHECK(stor_row_decode(enc.ptr, enc.len, ncols, ptypes, b2, row2, &err) == 0, "re-decode: %s",
               err.message);
    for (int c = 0; c < ncols; c++)
        FUZZ_CHECK(same_value(b, row, b2, row2, c), "column %d changed in the round trip", c);
    render(ctx, b, row, ncols, ltypes);

    /* A key over every column must encode (it fails only for bad arguments). */
    int cols[MAX_LAYOUT_COLS];
    int nk = ncols < MAX_LAYOUT_COLS ? ncols : MAX_LAYOUT_COLS;
    for (int c = 0; c < nk; c++) cols[c] = c;
    OmStr key;
    if (nk > 0) FUZZ_CHECK(stor_key_encode_row(b, row, nk, cols, ctx, &key) == 0, "key encode");
}

static void fixed_layouts(MemCtx *ctx, const uint8_t *data, size_t size)
{
    for (int i = 0; i < NLAYOUTS; i++) {
        OmType lt[MAX_LAYOUT_COLS];
        for (int c = 0; c < layouts[i].ncols; c++) lt[c] = om_type(logical(layouts[i].types[c]));
        decode_check(ctx, data, size, layouts[i].ncols, layouts[i].types, lt, batch[i], batch2[i], 0);
        decode_check(ctx, data, size, layouts[i].ncols, layouts[i].types, lt, batch[i], batch2[i],
                     OM_BATCH_SIZE - 1);
    }
    OmError err = {0};
    FUZZ_CHECK(stor_row_decode(data, size, layouts[0].ncols, layouts[0].types, batch[0], OM_BATCH_SIZE, &err) < 0,
               "row outside the batch accepted");
}

/* Decode a catalog record; returns the table or NULL. */
static CatTable *catalog(MemCtx *ctx, const uint8_t *data, size_t size)
{
    CatTable *t = NULL;
    OmError err = {0};
    if (cat_table_decode(data, size, ctx, &t, &err) < 0) {
        FUZZ_CHECK(err.set && strcmp(err.sqlstate, "XX001") == 0, "catalog decode error %s: %s",
                   err.sqlstate, err.message);
        return NULL;
    }
    FUZZ_CHECK(t && t->ncols >= 0 && t->npk >= 0 && t->npk <= t->ncols && t->nuniq >= 0, "bad table");
    FUZZ_CHECK(t->desc.ncols == t->ncols && t->desc.npk == t->npk && t->desc.nuniq == t->nuniq, "desc");
    for (int i = 0; i < t->ncols; i++) {
        FUZZ_CHECK(t->cols[i].name && t->cols[i].name[0], "column %d without a name", i);
        FUZZ_CHECK(t->desc.types[i] == type_phys(t->cols[i].type.id), "column %d phys", i);
        char tn[OM_TYPE_NAME_MAX];
        type_name(t->cols[i].type, tn, sizeof tn);
    }
    for (int i = 0; i < t->npk; i++) FUZZ_CHECK(t->pk_cols[i] >= 0 && t->pk_cols[i] < t->ncols, "pk col");
    for (int u = 0; u < t->nuniq; u++)
        for (int i = 0; i < t->uniq[u].ncols; i++)
            FUZZ_CHECK(t->uniq[u].cols[i] >= 0 && t->uniq[u].cols[i] < t->ncols, "unique col");
    void *enc;
    size_t elen;
    FUZZ_CHECK(cat_table_encode(t, ctx, &enc, &elen) == 0, "decoded table does not encode");
    if (elen > 0 && ((const uint8_t *)enc)[0] == data[0]) {
        /* Same record version: the format has one encoding per table. */
        FUZZ_CHECK(elen == size && memcmp(enc, data, size) == 0, "catalog record of %zu bytes re-encodes to %zu",
                   size, elen);
    } else {
        /* An older version is upgraded: the new record must read back and
         * re-encode to itself. */
        CatTable *t2 = NULL;
        void *enc2;
        size_t elen2;
        FUZZ_CHECK(cat_table_decode(enc, elen, ctx, &t2, &err) == 0, "upgraded record does not decode: %s",
                   err.message);
        FUZZ_CHECK(cat_table_encode(t2, ctx, &enc2, &elen2) == 0 && elen2 == elen && memcmp(enc, enc2, elen) == 0,
                   "upgraded record is not stable");
        FUZZ_CHECK(t2->ncols == t->ncols && t2->npk == t->npk && t2->nuniq == t->nuniq && t2->oid == t->oid,
                   "upgrade changed the table");
    }
    return t;
}

/* A catalog record, then a row of that table. */
static void catalog_and_row(MemCtx *ctx, const uint8_t *data, size_t size)
{
    if (size < 2) return;
    size_t n = (size_t)(data[0] << 8 | data[1]);
    if (n > size - 2) return;
    CatTable *t = catalog(ctx, data + 2, n);
    if (!t || t->ncols > MAX_CAT_ROW_COLS) return;
    OmType lt[MAX_CAT_ROW_COLS];
    for (int c = 0; c < t->ncols; c++) lt[c] = t->cols[c].type;
    OmBatch *b = om_batch_create(ctx, t->ncols, t->desc.types, true);
    OmBatch *b2 = om_batch_create(ctx, t->ncols, t->desc.types, false);
    const uint8_t *row = data + 2 + n;
    size_t rlen = size - 2 - n;
    decode_check(ctx, row, rlen, t->ncols, t->desc.types, lt, b, b2, 0);
    OmError err = {0};
    om_batch_clear(b);
    if (stor_row_decode(row, rlen, t->ncols, t->desc.types, b, 0, &err) == 0) {
        OmStr key;
        if (t->npk > 0)
            FUZZ_CHECK(stor_key_encode_row(b, 0, t->npk, t->pk_cols, ctx, &key) == 0, "pk key encode");
        for (int u = 0; u < t->nuniq; u++)
            FUZZ_CHECK(stor_key_encode_row(b, 0, t->uniq[u].ncols, t->uniq[u].cols, ctx, &key) == 0,
                       "unique key encode");
    }
}

/* ---- key order ---- */

typedef struct Rd {
    const uint8_t *p;
    size_t n;
} Rd;

static uint64_t rd_bytes(Rd *r, int k)
{
    uint64_t v = 0;
    for (int i = 0; i < k; i++) {
        v = v << 8 | (r->n ? *r->p : 0);
        if (r->n) r->p++, r->n--;
    }
    return v;
}

static int cmp_double(double a, double b)
{
    bool na = isnan(a), nb = isnan(b);
    if (na || nb) return na == nb ? 0 : na ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
}

/* SQL comparison of column c between rows 0 and 1. */
static int cmp_sql(const OmBatch *b, int c)
{
    const OmVector *v = &b->cols[c];
    bool n0 = om_vec_is_null(v, 0), n1 = om_vec_is_null(v, 1);
    if (n0 || n1) return n0 == n1 ? 0 : n0 ? -1 : 1;
    switch (v->phys) {
    case OM_PHYS_BOOL: return ((uint8_t *)v->data)[0] - ((uint8_t *)v->data)[1];
    case OM_PHYS_I16: {
        int16_t a = ((int16_t *)v->data)[0], z = ((int16_t *)v->data)[1];
        return a < z ? -1 : a > z;
    }
    case OM_PHYS_I32: {
        int32_t a = ((int32_t *)v->data)[0], z = ((int32_t *)v->data)[1];
        return a < z ? -1 : a > z;
    }
    case OM_PHYS_I64: {
        int64_t a = ((int64_t *)v->data)[0], z = ((int64_t *)v->data)[1];
        return a < z ? -1 : a > z;
    }
    case OM_PHYS_F32: return cmp_double(((float *)v->data)[0], ((float *)v->data)[1]);
    case OM_PHYS_F64: return cmp_double(((double *)v->data)[0], ((double *)v->data)[1]);
    case OM_PHYS_INTERVAL: return om_interval_cmp(((OmInterval *)v->data)[0], ((OmInterval *)v->data)[1]);
    case OM_PHYS_STR: {
        OmStr x = ((OmStr *)v->data)[0], y = ((OmStr *)v->data)[1];
        uint32_t m = x.len < y.len ? x.len : y.len;
        int r = m ? memcmp(x.ptr, y.ptr, m) : 0;
        if (r) return r < 0 ? -1 : 1;
        return x.len < y.len ? -1 : x.len > y.len;
    }
    }
    return 0;
}

static int cmp_keys(OmStr a, OmStr b)
{
    uint32_t m = a.len < b.len ? a.len : b.len;
    int r = m ? memcmp(a.ptr, b.ptr, m) : 0;
    if (r) return r < 0 ? -1 : 1;
    return a.len < b.len ? -1 : a.len > b.len;
}

/* Two rows of layout 0 straight from the bytes: a null byte, then each
 * value (strings: a length byte, then that many bytes; intervals: 16 bytes). */
static void key_order(MemCtx *ctx, const uint8_t *data, size_t size)
{
    const Layout *l = &layouts[0];
    OmBatch *b = batch[0];
    om_batch_clear(b);
    Rd r = {data, size};
    for (int row = 0; row < 2; row++) {
        uint8_t nulls = (uint8_t)rd_bytes(&r, 1);
        for (int c = 0; c < l->ncols; c++) {
            OmVector *v = &b->cols[c];
            om_vec_set_null(v, row, (nulls >> c) & 1);
            switch (v->phys) {
            case OM_PHYS_BOOL: ((uint8_t *)v->data)[row] = rd_bytes(&r, 1) & 1; break;
            case OM_PHYS_I16: ((int16_t *)v->data)[row] = (int16_t)rd_bytes(&r, 2); break;
            case OM_PHYS_I32: ((int32_t *)v->data)[row] = (int32_t)rd_bytes(&r, 4); break;
            case OM_PHYS_I64: ((int64_t *)v->data)[row] = (int64_t)rd_bytes(&r, 8); break;
            case OM_PHYS_F32: {
                uint32_t u = (uint32_t)rd_bytes(&r, 4);
                memcpy(&((float *)v->data)[row], &u, 4);
                break;
            }
            case OM_PHYS_F64: {
                uint64_t u = rd_bytes(&r, 8);
                memcpy(&((double *)v->data)[row], &u, 8);
                break;
            }
            case OM_PHYS_INTERVAL: {
                OmInterval iv = {(int64_t)rd_bytes(&r, 8), (int32_t)rd_bytes(&r, 4), (int32_t)rd_bytes(&r, 4)};
                ((OmInterval *)v->data)[row] = iv;
                break;
            }
            case OM_PHYS_STR: {
                size_t n = rd_bytes(&r, 1);
                if (n > r.n) n = r.n;
                char *p = mem_alloc(ctx, n + 1);
                memcpy(p, r.p, n);
                r.p += n;
                r.n -= n;
                ((OmStr *)v->data)[row] = (OmStr){p, (uint32_t)n};
                break;
            }
            }
        }
    }
    b->count = 2;
    /* Each column alone, then all of them in order (lexicographic). */
    int all[NPHYS] = {0, 1, 2, 3, 4, 5, 6, 7};
    int lex = 0;
    for (int c = 0; c < l->ncols; c++) {
        OmStr k0, k1;
        FUZZ_CHECK(stor_key_encode_row(b, 0, 1, &all[c], ctx, &k0) == 0, "key");
        FUZZ_CHECK(stor_key_encode_row(b, 1, 1, &all[c], ctx, &k1) == 0, "key");
        int want = cmp_sql(b, c), got = cmp_keys(k0, k1);
        FUZZ_CHECK(want == got, "column %d (phys %d): SQL order %d, key order %d", c, (int)l->types[c], want, got);
        if (!lex) lex = want;
    }
    OmStr k0, k1;
    FUZZ_CHECK(stor_key_encode_row(b, 0, NPHYS, all, ctx, &k0) == 0, "key");
    FUZZ_CHECK(stor_key_encode_row(b, 1, NPHYS, all, ctx, &k1) == 0, "key");
    FUZZ_CHECK(cmp_keys(k0, k1) == lex, "composite key order %d, SQL order %d", cmp_keys(k0, k1), lex);
}

static void sealed(MemCtx *ctx, const uint8_t *data, size_t size)
{
    if (size == 0) return;
    size_t klen = data[0] % 24;
    if (klen > size - 1) klen = size - 1;
    const uint8_t *key = data + 1, *val = data + 1 + klen;
    size_t vlen = size - 1 - klen, plen = 0;
    if (stor_value_check(key, klen, val, vlen, &plen) == 0) {
        FUZZ_CHECK(plen + 4 == vlen, "payload length %zu of a %zu-byte value", plen, vlen);
        OmStr again;
        stor_value_seal(key, klen, val, plen, ctx, &again);
        FUZZ_CHECK(again.len == vlen && memcmp(again.ptr, val, vlen) == 0, "reseal differs");
    }
    OmStr v;
    stor_value_seal(key, klen, val, vlen, ctx, &v);
    FUZZ_CHECK(stor_value_check(key, klen, v.ptr, v.len, &plen) == 0 && plen == vlen &&
                   (vlen == 0 || memcmp(v.ptr, val, vlen) == 0),
               "a sealed value does not check");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init_once();
    MemCtx *ctx = mem_ctx_create(NULL, "fuzz_input");
    fixed_layouts(ctx, data, size);
    catalog(ctx, data, size);
    catalog_and_row(ctx, data, size);
    key_order(ctx, data, size);
    sealed(ctx, data, size);
    mem_ctx_delete(ctx);
    return 0;
}
