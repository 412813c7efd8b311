/*
 * buf.h — growable byte/string buffer allocated from a memory context.
 *
 * The buffer's bytes live in its context; growth allocates a new block there
 * (the old one is reclaimed when the context is reset). data is always
 * NUL-terminated after len bytes so it can be used as a C string.
 */
#ifndef OM_BUF_H
#define OM_BUF_H

#include <stddef.h>
#include <stdint.h>
#include "mem.h"

typedef struct OmBuf {
    MemCtx *ctx;
    char *data;
    size_t len;
    size_t cap;
} OmBuf;

void buf_init(OmBuf *b, MemCtx *ctx, size_t initial);
void buf_reset(OmBuf *b);                 /* len = 0, keeps capacity */
void buf_reserve(OmBuf *b, size_t extra); /* room for extra more bytes (+NUL) */
void buf_append(OmBuf *b, const void *p, size_t n);
void buf_append_str(OmBuf *b, const char *s);
void buf_append_char(OmBuf *b, char c);
void buf_printf(OmBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Big-endian integers, as the wire protocol and key encoding want them. */
void buf_append_u8(OmBuf *b, uint8_t v);
void buf_append_be16(OmBuf *b, uint16_t v);
void buf_append_be32(OmBuf *b, uint32_t v);
void buf_append_be64(OmBuf *b, uint64_t v);

#endif
