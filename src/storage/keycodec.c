/*
 * keycodec.c — order-preserving key encoding: the bytes of a primary key or
 * UNIQUE key compare with memcmp exactly as the SQL values compare (NULLs
 * first, strings in byte order).
 *
 * Used by table.c for row keys and unique index keys, and by the planner /
 * executor (through stor_key_encode_row) to build point-lookup keys.
 *
 * Interface: stor_key_encode_row (storage.h); stor_key_datum_size,
 * stor_key_append, stor_key_append_rowid (storage_int.h).
 * The format is described in storage.h.
 */
#include "storage_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KEY_NULL 0x01
#define KEY_VALUE 0x02

static uint64_t key_int_bits(int64_t v)
{
    return (uint64_t)v ^ ((uint64_t)1 << 63);
}

/* Map a double onto uint64 so that unsigned order equals numeric order. */
static uint64_t key_float_bits(double d)
{
    uint64_t u;
    if (isnan(d)) {
        u = 0x7FF8000000000000ull; /* one positive NaN: above +Infinity */
    } else {
        if (d == 0.0) d = 0.0;     /* -0.0 == 0.0 in SQL */
        memcpy(&u, &d, sizeof u);
    }
    if (u >> 63) return ~u;
    return u | ((uint64_t)1 << 63);
}

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

size_t stor_key_datum_size(OmPhysType t, const StorDatum *d)
{
    if (d->isnull) return 1;
    switch (t) {
    case OM_PHYS_BOOL: return 2;
    case OM_PHYS_I16:
    case OM_PHYS_I32:
    case OM_PHYS_I64:
    case OM_PHYS_F32:
    case OM_PHYS_F64: return 9;
    case OM_PHYS_INTERVAL: return 17;
    case OM_PHYS_STR: {
        size_t n = 1 + (size_t)d->s.len + 2;
        const char *z = d->s.len ? memchr(d->s.ptr, 0, d->s.len) : NULL;
        while (z) {
            n++;
            size_t off = (size_t)(z - d->s.ptr) + 1;
            z = off < d->s.len ? memchr(d->s.ptr + off, 0, d->s.len - off) : NULL;
        }
        return n;
    }
    }
    return 1;
}

/* Write the encoding of d at p (stor_key_datum_size bytes); returns the end. */
static uint8_t *key_put(uint8_t *p, OmPhysType t, const StorDatum *d)
{
    if (d->isnull) {
        *p++ = KEY_NULL;
        return p;
    }
    *p++ = KEY_VALUE;
    switch (t) {
    case OM_PHYS_BOOL:
        *p++ = d->i ? 1 : 0;
        break;
    case OM_PHYS_I16:
    case OM_PHYS_I32:
    case OM_PHYS_I64:
        put_be64(p, key_int_bits(d->i));
        p += 8;
        break;
    case OM_PHYS_F32:
    case OM_PHYS_F64:
        put_be64(p, key_float_bits(d->f));
        p += 8;
        break;
    case OM_PHYS_STR:
        for (uint32_t i = 0; i < d->s.len; i++) {
            uint8_t c = (uint8_t)d->s.ptr[i];
            *p++ = c;
            if (c == 0) *p++ = 0xFF;
        }
        *p++ = 0;
        *p++ = 0;
        break;
    case OM_PHYS_INTERVAL: {
        /* The span (om_interval_span), sign bit flipped, big-endian: equal
         * spans ('1 day', '24 hours') share a key, as they are equal. */
        unsigned __int128 u = (unsigned __int128)om_interval_span(d->iv) ^ ((unsigned __int128)1 << 127);
        put_be64(p, (uint64_t)(u >> 64));
        put_be64(p + 8, (uint64_t)u);
        p += 16;
        break;
    }
    }
    return p;
}

/*
 * Decimal text ("-12.50", "0.0", "NaN", "Infinity") → bytes whose memcmp
 * order is the numeric order, equal for equal numbers (1 = 1.00):
 *   -Infinity 0x00 | negative 0x01 E' D' 0xFF | zero 0x02 |
 *   positive 0x03 E D 0x00 | Infinity 0x04 | NaN 0x05 (above all, as PostgreSQL)
 * E is the decimal exponent of the first significant digit (+2^31, 4 bytes
 * big-endian: numeric exponents reach ±131072), D the significant digits without trailing zeros as
 * '0'..'9'; for negatives both are inverted so larger magnitudes sort first.
 */
static size_t numeric_key(const char *s, size_t len, uint8_t *out)
{
    if (len == 3 && !memcmp(s, "NaN", 3)) return out[0] = 0x05, 1;
    if (len == 8 && !memcmp(s, "Infinity", 8)) return out[0] = 0x04, 1;
    if (len == 9 && !memcmp(s, "-Infinity", 9)) return out[0] = 0x00, 1;
    bool neg = len && s[0] == '-';
    size_t i = neg ? 1 : 0, intdigits = 0;
    while (i + intdigits < len && s[i + intdigits] != '.') intdigits++;
    /* Collect significant digits and the exponent of the first one. */
    int exp = 0;
    bool started = false;
    size_t nd = 0;
    uint8_t *digits = out + 5;
    for (size_t k = i; k < len; k++) {
        if (s[k] == '.') continue;
        size_t pos = k - i; /* index among characters, '.' skipped below */
        int place = pos < intdigits ? (int)(intdigits - pos) - 1 : -(int)(pos - intdigits);
        if (!started && s[k] == '0') continue;
        if (!started) {
            started = true;
            exp = place;
        }
        digits[nd++] = (uint8_t)s[k];
    }
    while (nd && digits[nd - 1] == '0') nd--;
    if (!started || nd == 0) return out[0] = 0x02, 1;
    uint32_t e = (uint32_t)exp + 0x80000000u;
    out[0] = neg ? 0x01 : 0x03;
    for (int b = 0; b < 4; b++) out[1 + b] = (uint8_t)(e >> (24 - 8 * b));
    if (neg) {
        for (int b = 1; b <= 4; b++) out[b] = (uint8_t)~out[b];
        for (size_t k = 0; k < nd; k++) digits[k] = (uint8_t)~digits[k];
    }
    digits[nd] = neg ? 0xFF : 0x00;
    return 5 + nd + 1;
}

void stor_key_append_kind(OmBuf *out, OmPhysType t, uint8_t kind, const StorDatum *d)
{
    if (kind == STOR_KEY_TIMETZ && !d->isnull && t == OM_PHYS_INTERVAL) {
        /* timetz_cmp: the UTC-equivalent time (local time + zone seconds
         * west), then the zone; the same 17 bytes as an interval key. */
        buf_reserve(out, 17);
        uint8_t *p = (uint8_t *)out->data + out->len;
        p[0] = KEY_VALUE;
        put_be64(p + 1, key_int_bits(d->iv.usec + (int64_t)d->iv.days * 1000000));
        put_be64(p + 9, key_int_bits(d->iv.days));
        out->len += 17;
        out->data[out->len] = '\0';
        return;
    }
    if (kind != STOR_KEY_NUMERIC || d->isnull || t != OM_PHYS_STR) {
        stor_key_append(out, t, d);
        return;
    }
    /* The number's order-preserving bytes, then the ordinary string key
     * encoding of those bytes (which keeps memcmp order). */
    uint8_t small[256];
    uint8_t *tmp = d->s.len + 8 <= sizeof small ? small : malloc(d->s.len + 8);
    StorDatum nd = *d;
    nd.s.len = (uint32_t)numeric_key(d->s.ptr, d->s.len, tmp);
    nd.s.ptr = (const char *)tmp;
    stor_key_append(out, t, &nd);
    if (tmp != small) free(tmp);
}

void stor_key_append(OmBuf *out, OmPhysType t, const StorDatum *d)
{
    size_t n = stor_key_datum_size(t, d);
    buf_reserve(out, n);
    uint8_t *end = key_put((uint8_t *)out->data + out->len, t, d);
    out->len = (size_t)((char *)end - out->data);
    out->data[out->len] = '\0';
}

void stor_key_append_rowid(OmBuf *out, uint64_t id)
{
    buf_append_be64(out, id);
}

int stor_key_encode_row(const OmBatch *b, int row, int ncols, const int *cols,
                        MemCtx *ctx, OmStr *out)
{
    if (ncols <= 0 || row < 0 || row >= OM_BATCH_SIZE) return -1;
    StorDatum small[16];
    StorDatum *d = ncols <= 16 ? small : mem_new_array(ctx, StorDatum, ncols);
    size_t n = 0;
    for (int i = 0; i < ncols; i++) {
        if (cols[i] < 0 || cols[i] >= b->ncols) return -1;
        stor_datum_from_batch(b, row, cols[i], &d[i]);
        n += stor_key_datum_size(b->cols[cols[i]].phys, &d[i]);
    }
    if (n > UINT32_MAX) return -1;
    uint8_t *buf = mem_alloc(ctx, n), *p = buf;
    for (int i = 0; i < ncols; i++) p = key_put(p, b->cols[cols[i]].phys, &d[i]);
    out->ptr = (const char *)buf;
    out->len = (uint32_t)n;
    return 0;
}
