/*
 * rowcodec.c — the value bytes of a table row: encoding and a decoder that
 * trusts nothing it reads (a bad row is an XX001 error, never a crash).
 *
 * Rows are written by table.c on insert and read back by scan.c / table.c
 * into batches; the format is described in storage.h.
 *
 * Every value storage writes (rows, unique index entries, catalog records,
 * counters) is sealed: payload || u32 LE CRC32C(key || payload), checked on
 * every read before the payload is parsed.
 *
 * Interface: stor_row_encode, stor_row_decode, stor_value_seal,
 * stor_value_check (storage.h); stor_row_parse, stor_row_append,
 * stor_datum_from_batch, stor_datum_to_batch, stor_batch_check,
 * stor_seal_append, stor_unseal, stor_val_in_bounds, stor_bad_checksum
 * (storage_int.h).
 */
#include "storage_int.h"

#include <string.h>

#include "../common/crc32c.h"

#define ROW_VERSION 1
/* PostgreSQL's MaxHeapAttributeNumber: no table has more columns. */
#define ROW_MAX_COLS 1600

/* ---- datums <-> batches ---- */

void stor_datum_from_batch(const OmBatch *b, int row, int col, StorDatum *d)
{
    const OmVector *v = &b->cols[col];
    memset(d, 0, sizeof *d);
    if (om_vec_is_null(v, row)) {
        d->isnull = true;
        return;
    }
    switch (v->phys) {
    case OM_PHYS_BOOL: d->i = ((const uint8_t *)v->data)[row] ? 1 : 0; break;
    case OM_PHYS_I16: d->i = ((const int16_t *)v->data)[row]; break;
    case OM_PHYS_I32: d->i = ((const int32_t *)v->data)[row]; break;
    case OM_PHYS_I64: d->i = ((const int64_t *)v->data)[row]; break;
    case OM_PHYS_F32: d->f = ((const float *)v->data)[row]; break;
    case OM_PHYS_F64: d->f = ((const double *)v->data)[row]; break;
    case OM_PHYS_STR: d->s = ((const OmStr *)v->data)[row]; break;
    case OM_PHYS_INTERVAL: d->iv = ((const OmInterval *)v->data)[row]; break;
    }
}

void stor_datum_to_batch(OmBatch *b, int row, int col, const StorDatum *d)
{
    OmVector *v = &b->cols[col];
    om_vec_set_null(v, row, d->isnull);
    if (d->isnull) return;
    switch (v->phys) {
    case OM_PHYS_BOOL: ((uint8_t *)v->data)[row] = d->i ? 1 : 0; break;
    case OM_PHYS_I16: ((int16_t *)v->data)[row] = (int16_t)d->i; break;
    case OM_PHYS_I32: ((int32_t *)v->data)[row] = (int32_t)d->i; break;
    case OM_PHYS_I64: ((int64_t *)v->data)[row] = d->i; break;
    case OM_PHYS_F32: ((float *)v->data)[row] = (float)d->f; break;
    case OM_PHYS_F64: ((double *)v->data)[row] = d->f; break;
    case OM_PHYS_STR: {
        OmStr *s = &((OmStr *)v->data)[row];
        char *p = mem_alloc(b->var_ctx, d->s.len ? d->s.len : 1);
        if (d->s.len) memcpy(p, d->s.ptr, d->s.len);
        s->ptr = p;
        s->len = d->s.len;
        break;
    }
    case OM_PHYS_INTERVAL: ((OmInterval *)v->data)[row] = d->iv; break;
    }
}

int stor_batch_check(const OmBatch *b, int ncols, const OmPhysType *types, OmError *err)
{
    if (b->ncols < ncols)
        return err_set(err, ERRCODE_INTERNAL_ERROR,
                       "batch has %d columns, table has %d", b->ncols, ncols);
    for (int c = 0; c < ncols; c++) {
        if (b->cols[c].phys != types[c])
            return err_set(err, ERRCODE_INTERNAL_ERROR,
                           "batch column %d has physical type %d, table column has %d", c,
                           (int)b->cols[c].phys, (int)types[c]);
    }
    return 0;
}

/* ---- encoding ---- */

static size_t varint_size(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

static uint8_t *varint_put(uint8_t *p, uint64_t v)
{
    while (v >= 0x80) {
        *p++ = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

static uint8_t *le_put(uint8_t *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++) {
        *p++ = (uint8_t)v;
        v >>= 8;
    }
    return p;
}

static size_t row_size(int ncols, const OmPhysType *types, const StorDatum *d)
{
    size_t n = 1 + varint_size((uint64_t)ncols) + ((size_t)ncols + 7) / 8;
    for (int c = 0; c < ncols; c++) {
        if (d[c].isnull) continue;
        switch (types[c]) {
        case OM_PHYS_BOOL: n += 1; break;
        case OM_PHYS_I16: n += 2; break;
        case OM_PHYS_I32:
        case OM_PHYS_F32: n += 4; break;
        case OM_PHYS_I64:
        case OM_PHYS_F64: n += 8; break;
        case OM_PHYS_STR: n += varint_size(d[c].s.len) + d[c].s.len; break;
        case OM_PHYS_INTERVAL: n += 16; break;
        }
    }
    return n;
}

void stor_row_append(OmBuf *out, int ncols, const OmPhysType *types, const StorDatum *d)
{
    size_t n = row_size(ncols, types, d);
    buf_reserve(out, n);
    uint8_t *start = (uint8_t *)out->data + out->len, *p = start;
    *p++ = ROW_VERSION;
    p = varint_put(p, (uint64_t)ncols);
    uint8_t *bitmap = p;
    size_t nbytes = ((size_t)ncols + 7) / 8;
    memset(bitmap, 0, nbytes);
    p += nbytes;
    for (int c = 0; c < ncols; c++) {
        if (d[c].isnull) {
            bitmap[c >> 3] |= (uint8_t)(1u << (c & 7));
            continue;
        }
        switch (types[c]) {
        case OM_PHYS_BOOL: *p++ = d[c].i ? 1 : 0; break;
        case OM_PHYS_I16: p = le_put(p, (uint64_t)d[c].i, 2); break;
        case OM_PHYS_I32: p = le_put(p, (uint64_t)d[c].i, 4); break;
        case OM_PHYS_I64: p = le_put(p, (uint64_t)d[c].i, 8); break;
        case OM_PHYS_F32: {
            float f = (float)d[c].f;
            uint32_t u;
            memcpy(&u, &f, sizeof u);
            p = le_put(p, u, 4);
            break;
        }
        case OM_PHYS_F64: {
            uint64_t u;
            memcpy(&u, &d[c].f, sizeof u);
            p = le_put(p, u, 8);
            break;
        }
        case OM_PHYS_STR:
            p = varint_put(p, d[c].s.len);
            if (d[c].s.len) memcpy(p, d[c].s.ptr, d[c].s.len);
            p += d[c].s.len;
            break;
        case OM_PHYS_INTERVAL:
            p = le_put(p, (uint64_t)d[c].iv.usec, 8);
            p = le_put(p, (uint32_t)d[c].iv.days, 4);
            p = le_put(p, (uint32_t)d[c].iv.months, 4);
            break;
        }
    }
    out->len += (size_t)(p - start);
    out->data[out->len] = '\0';
}

int stor_row_encode(const OmBatch *b, int row, int ncols, const OmPhysType *types,
                    MemCtx *ctx, OmStr *out, OmError *err)
{
    if (stor_batch_check(b, ncols, types, err) < 0) return -1;
    if (row < 0 || row >= OM_BATCH_SIZE)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "row %d outside the batch", row);
    StorDatum *d = mem_new_array(ctx, StorDatum, ncols > 0 ? ncols : 1);
    for (int c = 0; c < ncols; c++) stor_datum_from_batch(b, row, c, &d[c]);
    OmBuf buf;
    buf_init(&buf, ctx, row_size(ncols, types, d));
    stor_row_append(&buf, ncols, types, d);
    if (buf.len > UINT32_MAX)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "row is too big");
    out->ptr = buf.data;
    out->len = (uint32_t)buf.len;
    return 0;
}

/* ---- decoding ---- */

static int corrupt(OmError *err, const char *why, int col)
{
    err_set(err, ERRCODE_DATA_CORRUPTED, "row data is corrupted");
    if (col >= 0) err_detail(err, "%s (column %d).", why, col + 1);
    else err_detail(err, "%s.", why);
    return -1;
}

/* Read a varint of at most 10 bytes; 0 ok, -1 malformed or truncated. */
static int varint_get(const uint8_t **pp, const uint8_t *end, uint64_t *out)
{
    const uint8_t *p = *pp;
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (p >= end) return -1;
        uint8_t c = *p++;
        if (shift == 63 && c > 1) return -1;
        v |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *pp = p;
            *out = v;
            return 0;
        }
    }
    return -1;
}

static uint64_t le_get(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

int stor_row_parse(const void *data, size_t len, int ncols, const OmPhysType *types,
                   StorDatum *out, OmError *err)
{
    const uint8_t *p = data, *end = p + len;
    if (len < 1) return corrupt(err, "empty row", -1);
    if (*p++ != ROW_VERSION) return corrupt(err, "unknown row format version", -1);
    uint64_t stored;
    if (varint_get(&p, end, &stored) < 0) return corrupt(err, "bad column count", -1);
    if (stored > ROW_MAX_COLS || stored > (uint64_t)ncols)
        return corrupt(err, "row has more columns than its table", -1);
    size_t nbytes = ((size_t)stored + 7) / 8;
    if ((size_t)(end - p) < nbytes) return corrupt(err, "truncated null bitmap", -1);
    const uint8_t *bitmap = p;
    p += nbytes;
    /* Bits past the stored columns must be clear: a flipped bit there is
     * damage, not data. */
    if (stored & 7) {
        uint8_t pad = (uint8_t)(0xFFu << (stored & 7));
        if (bitmap[nbytes - 1] & pad) return corrupt(err, "bad null bitmap padding", -1);
    }
    for (int c = 0; c < ncols; c++) {
        StorDatum *d = &out[c];
        memset(d, 0, sizeof *d);
        if ((uint64_t)c >= stored || (bitmap[c >> 3] >> (c & 7)) & 1) {
            d->isnull = true;
            continue;
        }
        size_t avail = (size_t)(end - p);
        switch (types[c]) {
        case OM_PHYS_BOOL:
            if (avail < 1) return corrupt(err, "truncated value", c);
            if (*p > 1) return corrupt(err, "bad boolean value", c);
            d->i = *p++;
            break;
        case OM_PHYS_I16:
            if (avail < 2) return corrupt(err, "truncated value", c);
            d->i = (int16_t)(uint16_t)le_get(p, 2);
            p += 2;
            break;
        case OM_PHYS_I32:
            if (avail < 4) return corrupt(err, "truncated value", c);
            d->i = (int32_t)(uint32_t)le_get(p, 4);
            p += 4;
            break;
        case OM_PHYS_I64:
            if (avail < 8) return corrupt(err, "truncated value", c);
            d->i = (int64_t)le_get(p, 8);
            p += 8;
            break;
        case OM_PHYS_F32: {
            if (avail < 4) return corrupt(err, "truncated value", c);
            uint32_t u = (uint32_t)le_get(p, 4);
            float f;
            memcpy(&f, &u, sizeof f);
            d->f = f;
            p += 4;
            break;
        }
        case OM_PHYS_F64: {
            if (avail < 8) return corrupt(err, "truncated value", c);
            uint64_t u = le_get(p, 8);
            memcpy(&d->f, &u, sizeof d->f);
            p += 8;
            break;
        }
        case OM_PHYS_STR: {
            uint64_t n;
            if (varint_get(&p, end, &n) < 0) return corrupt(err, "bad string length", c);
            if (n > (uint64_t)(end - p) || n > UINT32_MAX)
                return corrupt(err, "truncated string", c);
            d->s.ptr = (const char *)p;
            d->s.len = (uint32_t)n;
            p += n;
            break;
        }
        case OM_PHYS_INTERVAL:
            if (avail < 16) return corrupt(err, "truncated value", c);
            d->iv.usec = (int64_t)le_get(p, 8);
            d->iv.days = (int32_t)(uint32_t)le_get(p + 8, 4);
            d->iv.months = (int32_t)(uint32_t)le_get(p + 12, 4);
            p += 16;
            break;
        default:
            return err_set(err, ERRCODE_INTERNAL_ERROR, "unknown physical type %d",
                           (int)types[c]);
        }
    }
    if (p != end) return corrupt(err, "trailing bytes after the last column", -1);
    return 0;
}

int stor_row_decode(const void *p, size_t len, int ncols, const OmPhysType *types,
                    OmBatch *b, int row, OmError *err)
{
    if (stor_batch_check(b, ncols, types, err) < 0) return -1;
    if (row < 0 || row >= OM_BATCH_SIZE)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "row %d outside the batch", row);
    StorDatum small[32];
    StorDatum *d = ncols <= 32 ? small : mem_new_array(b->var_ctx, StorDatum, ncols);
    if (stor_row_parse(p, len, ncols, types, d, err) < 0) return -1;
    for (int c = 0; c < ncols; c++) stor_datum_to_batch(b, row, c, &d[c]);
    return 0;
}

/* ---- checksums ---- */

uint32_t stor_seal_crc(const void *key, size_t klen, const void *p, size_t len)
{
    return om_crc32c(om_crc32c(0, key, klen), p, len);
}

void stor_seal_append(OmBuf *out, const void *key, size_t klen, size_t start)
{
    uint32_t c = stor_seal_crc(key, klen, out->data + start, out->len - start);
    uint8_t b[4] = {(uint8_t)c, (uint8_t)(c >> 8), (uint8_t)(c >> 16), (uint8_t)(c >> 24)};
    buf_append(out, b, 4);
}

int stor_unseal(const void *key, size_t klen, const void *v, size_t vlen, size_t *plen)
{
    if (vlen < STOR_SEAL_SIZE) return -1;
    size_t n = vlen - STOR_SEAL_SIZE;
    const uint8_t *t = (const uint8_t *)v + n;
    uint32_t stored = (uint32_t)t[0] | (uint32_t)t[1] << 8 | (uint32_t)t[2] << 16 |
                      (uint32_t)t[3] << 24;
    if (stored != stor_seal_crc(key, klen, v, n)) return -1;
    *plen = n;
    return 0;
}

int stor_value_seal(const void *key, size_t klen, const void *payload, size_t plen, MemCtx *ctx,
                    OmStr *out)
{
    OmBuf b;
    buf_init(&b, ctx, plen + STOR_SEAL_SIZE);
    if (plen) buf_append(&b, payload, plen);
    stor_seal_append(&b, key, klen, 0);
    out->ptr = b.data;
    out->len = (uint32_t)b.len;
    return 0;
}

int stor_value_check(const void *key, size_t klen, const void *val, size_t vlen, size_t *plen)
{
    return stor_unseal(key, klen, val, vlen, plen);
}

bool stor_val_in_bounds(const StorTxn *txn, const void *p, size_t len)
{
    const uint8_t *q = p;
    if (!txn->map_lo || q < txn->map_lo || q >= txn->map_hi) return true; /* not in the map */
    return len <= (size_t)(txn->map_end - q) && q < txn->map_end;
}

int stor_bad_checksum(OmError *err, const char *kind, const char *what, const void *key,
                      size_t klen)
{
    char hex[2 * 48 + 4];
    size_t n = klen < 48 ? klen : 48, o = 0;
    for (size_t i = 0; i < n; i++) o += (size_t)snprintf(hex + o, sizeof hex - o, "%02x",
                                                          ((const uint8_t *)key)[i]);
    if (klen > n) snprintf(hex + o, sizeof hex - o, "...");
    err_set(err, ERRCODE_DATA_CORRUPTED, "invalid %s checksum in %s", kind, what);
    err_detail(err, "Stored key (hex): %s.", klen ? hex : "(empty)");
    err_hint(err, "The data file is damaged; run omendb --check on a copy of the stopped "
                  "data directory, and restore from a backup.");
    return -1;
}

int stor_bad_row(OmError *err, uint32_t oid, const char *name, const void *key, size_t klen)
{
    char what[160];
    if (name) snprintf(what, sizeof what, "table \"%.128s\"", name);
    else snprintf(what, sizeof what, "table %u", oid);
    return stor_bad_checksum(err, "row", what, key, klen);
}
