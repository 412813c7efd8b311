/*
 * fuzz_backend.h — a strict reader of backend (server → client) messages,
 * used by the harnesses to check that whatever the server builds from hostile
 * input is still a well-formed PostgreSQL v3 stream:
 *   - every message is type byte + length word (>= 4) + exactly that body;
 *   - 'T' RowDescription: field count, NUL-terminated names, 18 bytes each;
 *   - 'D' DataRow: as many values as the last RowDescription announced, each
 *     -1 (NULL) or a length inside the message, and valid UTF-8 without NUL
 *     (text format in a UTF8 database);
 *   - 'E' / 'N': NUL-terminated fields ending in a zero byte, with S, C (five
 *     characters of [0-9A-Z]) and M present; the texts valid UTF-8;
 *   - 'C' CommandComplete, 'S' ParameterStatus: NUL-terminated strings.
 * Header-only (static functions) so each harness stays one .c file.
 */
#ifndef OM_FUZZ_BACKEND_H
#define OM_FUZZ_BACKEND_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "types/types.h"

static inline uint32_t fz_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint16_t fz_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

/* Length of the NUL-terminated string at body[off..len), or -1 if the NUL is
 * missing. */
static inline long fz_cstr(const uint8_t *body, size_t len, size_t off)
{
    if (off >= len) return -1;
    const uint8_t *nul = memchr(body + off, 0, len - off);
    return nul ? (long)(nul - (body + off)) : -1;
}

static void fz_check_fields(char type, const uint8_t *b, size_t len)
{
    bool seen_s = false, seen_c = false, seen_m = false;
    size_t off = 0;
    for (;;) {
        FUZZ_CHECK(off < len, "'%c' message without its final zero byte", type);
        uint8_t code = b[off++];
        if (code == 0) break;
        long n = fz_cstr(b, len, off);
        FUZZ_CHECK(n >= 0, "'%c' field '%c' not NUL-terminated", type, code);
        const char *v = (const char *)b + off;
        FUZZ_CHECK(type_utf8_valid(v, (size_t)n) || fuzz_known("error-utf8"),
                   "'%c' field '%c' is not valid UTF-8: \"%s\"", type, code, v);
        if (code == 'S') seen_s = true;
        if (code == 'M') seen_m = true;
        if (code == 'C') {
            seen_c = true;
            FUZZ_CHECK(n == 5, "SQLSTATE of %ld characters", n);
            for (int i = 0; i < 5; i++)
                FUZZ_CHECK((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' && v[i] <= 'Z'),
                           "bad SQLSTATE \"%.5s\"", v);
        }
        off += (size_t)n + 1;
    }
    FUZZ_CHECK(off == len, "'%c' message has bytes after its final zero", type);
    FUZZ_CHECK(seen_s && seen_c && seen_m, "'%c' message lacks S, C or M", type);
}

/* Check every message of out[0..len). *ncols carries the column count of the
 * last RowDescription across calls (-1 = none yet). */
static void fz_check_backend(const uint8_t *out, size_t len, int *ncols)
{
    size_t pos = 0;
    while (pos < len) {
        FUZZ_CHECK(len - pos >= 5, "truncated backend message header at %zu", pos);
        char type = (char)out[pos];
        uint32_t mlen = fz_be32(out + pos + 1);
        FUZZ_CHECK(mlen >= 4 && mlen <= len - pos - 1, "backend '%c' length %u, %zu bytes left",
                   type, mlen, len - pos - 1);
        const uint8_t *b = out + pos + 5;
        size_t blen = mlen - 4;
        switch (type) {
        case 'T': {
            FUZZ_CHECK(blen >= 2, "short RowDescription");
            int n = fz_be16(b);
            size_t off = 2;
            for (int i = 0; i < n; i++) {
                long sl = fz_cstr(b, blen, off);
                FUZZ_CHECK(sl >= 0, "RowDescription name %d not terminated", i);
                FUZZ_CHECK(type_utf8_valid((const char *)b + off, (size_t)sl),
                           "RowDescription name %d is not valid UTF-8", i);
                off += (size_t)sl + 1;
                FUZZ_CHECK(blen - off >= 18, "RowDescription field %d truncated", i);
                off += 18;
            }
            FUZZ_CHECK(off == blen, "RowDescription has trailing bytes");
            *ncols = n;
            break;
        }
        case 'D': {
            FUZZ_CHECK(blen >= 2, "short DataRow");
            int n = fz_be16(b);
            FUZZ_CHECK(n == *ncols, "DataRow with %d values after RowDescription of %d", n, *ncols);
            size_t off = 2;
            for (int i = 0; i < n; i++) {
                FUZZ_CHECK(blen - off >= 4, "DataRow value %d truncated", i);
                uint32_t vl = fz_be32(b + off);
                off += 4;
                if (vl == 0xFFFFFFFFu) continue;
                FUZZ_CHECK(vl <= blen - off, "DataRow value %d of %u bytes overruns", i, vl);
                FUZZ_CHECK(type_utf8_valid((const char *)b + off, vl),
                           "DataRow value %d is not valid UTF-8 (\"%.*s\")", i, (int)(vl > 80 ? 80 : vl),
                           (const char *)b + off);
                off += vl;
            }
            FUZZ_CHECK(off == blen, "DataRow has trailing bytes");
            break;
        }
        case 'E':
        case 'N':
            fz_check_fields(type, b, blen);
            break;
        case 'C': {
            long sl = fz_cstr(b, blen, 0);
            FUZZ_CHECK(sl >= 0 && (size_t)sl + 1 == blen, "bad CommandComplete");
            break;
        }
        case 'S': {
            long a = fz_cstr(b, blen, 0);
            FUZZ_CHECK(a >= 0, "ParameterStatus name not terminated");
            long v = fz_cstr(b, blen, (size_t)a + 1);
            FUZZ_CHECK(v >= 0 && (size_t)(a + 1 + v + 1) == blen, "bad ParameterStatus");
            break;
        }
        case 'v': {
            FUZZ_CHECK(blen >= 8, "short NegotiateProtocolVersion");
            uint32_t n = fz_be32(b + 4);
            size_t off = 8;
            for (uint32_t i = 0; i < n; i++) {
                long sl = fz_cstr(b, blen, off);
                FUZZ_CHECK(sl >= 0, "NegotiateProtocolVersion option %u not terminated", i);
                off += (size_t)sl + 1;
            }
            FUZZ_CHECK(off == blen, "NegotiateProtocolVersion has trailing bytes");
            break;
        }
        case 'I':
            FUZZ_CHECK(blen == 0, "EmptyQueryResponse with a body");
            break;
        default:
            break;
        }
        pos += 1 + (size_t)mlen;
    }
}

#endif
