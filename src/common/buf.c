/*
 * buf.c — growable buffers in a memory context.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void buf_init(OmBuf *b, MemCtx *ctx, size_t initial)
{
    if (initial < 64) initial = 64;
    b->ctx = ctx;
    b->data = mem_alloc(ctx, initial);
    b->data[0] = '\0';
    b->len = 0;
    b->cap = initial;
}

void buf_reset(OmBuf *b)
{
    b->len = 0;
    b->data[0] = '\0';
}

void buf_reserve(OmBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap * 2;
    while (cap < b->len + extra + 1) cap *= 2;
    b->data = mem_realloc(b->ctx, b->data, b->len + 1, cap);
    b->cap = cap;
}

void buf_append(OmBuf *b, const void *p, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_append_str(OmBuf *b, const char *s) { buf_append(b, s, strlen(s)); }

void buf_append_char(OmBuf *b, char c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void buf_printf(OmBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if ((size_t)n + 1 > b->cap - b->len) {
        buf_reserve(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}

void buf_append_u8(OmBuf *b, uint8_t v) { buf_append(b, &v, 1); }

void buf_append_be16(OmBuf *b, uint16_t v)
{
    uint8_t x[2] = {(uint8_t)(v >> 8), (uint8_t)v};
    buf_append(b, x, 2);
}

void buf_append_be32(OmBuf *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    buf_append(b, x, 4);
}

void buf_append_be64(OmBuf *b, uint64_t v)
{
    buf_append_be32(b, (uint32_t)(v >> 32));
    buf_append_be32(b, (uint32_t)v);
}
