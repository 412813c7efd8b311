/*
 * bytea.h — bytea and uuid: text input and output, and their casts
 * (PostgreSQL 15's byteain/byteaout, uuid_in/uuid_out, and the I/O
 * conversions pg_cast leaves to find_coercion_pathway).
 *
 * Representation (types.h): a bytea is an OmStr holding the raw bytes
 * (embedded zero bytes allowed); a uuid is an OmStr of exactly 16 raw
 * bytes. Both compare as memcmp-then-length (byteacmp; uuid_cmp is memcmp
 * of equal lengths), which is what the executor does for any STR value.
 *
 * functions/ uses the hex codec (encode/decode share byteain's rules).
 */
#ifndef OM_TYPES_BYTEA_H
#define OM_TYPES_BYTEA_H

#include "types.h"

/* byteain: "\x" followed by hex digit pairs (blanks, tabs, CR, LF between
 * pairs), else the escape format (\\ and \ooo octal). s is checked as UTF-8
 * first. The bytes are allocated in ctx. Errors: 22023 invalid hexadecimal
 * digit / odd number of digits, 22P02 invalid input syntax for type bytea. */
int ty_bytea_in(const char *s, size_t len, OmStr *out, MemCtx *ctx, OmError *err);
/* byteaout with the session's bytea_output (hex or escape). */
void ty_bytea_out(const char *p, size_t len, OmBuf *out);

/* hex_decode: hex digit pairs, whitespace between pairs, into dst (room
 * for len / 2 bytes); *outlen = bytes written. PostgreSQL's 22023 errors. */
int ty_hex_decode(const char *s, size_t len, unsigned char *dst, size_t *outlen, OmError *err);
/* Lower-case hex of p[0..len) appended to out. */
void ty_hex_encode(const unsigned char *p, size_t len, OmBuf *out);

/* uuid_in: 32 hex digits, an optional '-' after any group of four, optional
 * surrounding braces, nothing else. 22P02 invalid input syntax for type
 * uuid: "...". The 16 bytes are allocated in ctx. */
int ty_uuid_in(const char *s, size_t len, OmStr *out, MemCtx *ctx, OmError *err);
/* uuid_out: 8-4-4-4-12 lower-case hex. */
void ty_uuid_out(const char *p, size_t len, OmBuf *out);

/* Casts that involve bytea or uuid (*handled false when neither is one):
 * unknown → either (input), either → text/varchar/bpchar in assignment
 * (output), string types → either when explicit (input). No other cast
 * exists in PostgreSQL 15 (uuid ↔ bytea neither). */
bool by_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled);
static inline bool by_is_mine(OmTypeId t) { return t == OM_T_BYTEA || t == OM_T_UUID; }
/* Run one of those casts (the contract of type_cast_vec; NULL bits are
 * already copied). */
int by_cast_vec(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, const uint16_t *sel, int n,
                MemCtx *ctx, OmError *err);

#endif
