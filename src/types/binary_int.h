/*
 * binary_int.h — shared by binary.c and binary_numeric.c only: a cursor over
 * one received binary value, with the errors of PostgreSQL's pq_getmsg*
 * functions (pqformat.c), and the numeric send/recv halves.
 */
#ifndef OM_BINARY_INT_H
#define OM_BINARY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "types_int.h"

typedef struct TyRd {
    const unsigned char *p;
    size_t len;
    size_t pos;
} TyRd;

/*
 * pq_getmsgint(buf, n) for n = 1, 2, 4 and pq_getmsgint64 (n = 8): the next
 * n bytes as a big-endian unsigned number. Fewer than n bytes left: -1 with
 * 08P01 "insufficient data left in message", as pq_copymsgbytes says.
 */
int ty_rd_uint(TyRd *r, int n, uint64_t *out, OmError *err);

/* numeric_send of a canonical numeric text (numeric.c's form). */
void ty_numeric_send(const char *s, size_t len, OmBuf *out);
/* numeric_recv: reads the value's fields from r (not the trailing-bytes
 * check), applies typmod and leaves the canonical text, allocated in ctx, in
 * *out. */
int ty_numeric_recv(TyRd *r, int32_t typmod, OmStr *out, MemCtx *ctx, OmError *err);

#endif
