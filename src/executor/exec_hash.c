/*
 * exec_hash.c — hashing and equality of key values for hash aggregation
 * and hash joins, consistent with PostgreSQL's equality: values that
 * compare equal hash alike (numeric 1.0 and 1.00, char(n) with and without
 * trailing blanks, intervals of the same span, -0.0 and 0.0, all NaNs).
 */
#include <math.h>

#include "exec_int.h"

static inline uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_bytes(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)p[i]) * 0x100000001b3ULL;
    return mix(h);
}

/* numeric canonical text without the zeros that do not change its value. */
static uint64_t hash_numeric(OmStr s)
{
    size_t n = s.len;
    const char *dot = memchr(s.ptr, '.', n);
    if (dot) {
        while (n > 0 && s.ptr[n - 1] == '0') n--;
        if (n > 0 && s.ptr[n - 1] == '.') n--;
    }
    return hash_bytes(s.ptr, n);
}

void exec_hash_column(OmType t, const OmVector *v, const uint16_t *sel, int n, uint64_t *h)
{
    for (int k = 0; k < n; k++) {
        int r = sel ? sel[k] : k;
        uint64_t x;
        if (om_vec_is_null(v, r)) {
            x = 0x9e3779b97f4a7c15ULL;
        } else {
            switch (v->phys) {
            case OM_PHYS_BOOL: x = mix(((const uint8_t *)v->data)[r] + 1); break;
            case OM_PHYS_I16: x = mix((uint64_t)(int64_t)((const int16_t *)v->data)[r]); break;
            case OM_PHYS_I32: x = mix((uint64_t)(int64_t)((const int32_t *)v->data)[r]); break;
            case OM_PHYS_I64: x = mix((uint64_t)((const int64_t *)v->data)[r]); break;
            case OM_PHYS_F32:
            case OM_PHYS_F64: {
                double d = v->phys == OM_PHYS_F32 ? ((const float *)v->data)[r] : ((const double *)v->data)[r];
                if (d == 0) d = 0;  /* -0.0 */
                if (isnan(d)) d = NAN;
                uint64_t bits;
                memcpy(&bits, &d, 8);
                x = mix(bits);
                break;
            }
            case OM_PHYS_INTERVAL: {
                const OmInterval *iv = &((const OmInterval *)v->data)[r];
                if (t.id == OM_T_TIMETZ) {
                    x = mix((uint64_t)iv->usec ^ mix((uint64_t)(int64_t)iv->days));
                } else {
                    __int128 span = om_interval_span(*iv);
                    x = mix((uint64_t)span ^ mix((uint64_t)(span >> 64)));
                }
                break;
            }
            default: {
                OmStr s = ((const OmStr *)v->data)[r];
                if (t.id == OM_T_NUMERIC) {
                    x = hash_numeric(s);
                } else if (t.id == OM_T_BPCHAR) {
                    size_t len = s.len;
                    while (len > 0 && s.ptr[len - 1] == ' ') len--;
                    x = hash_bytes(s.ptr, len);
                } else {
                    x = hash_bytes(s.ptr, s.len);
                }
            }
            }
        }
        h[k] = h[k] * 31 + x;
    }
}

bool exec_keys_equal(OmType t, const OmVector *a, int ra, const OmVector *b, int rb)
{
    bool na = om_vec_is_null(a, ra), nb = om_vec_is_null(b, rb);
    if (na || nb) return na && nb;
    return type_compare(t, a, ra, b, rb) == 0;
}
