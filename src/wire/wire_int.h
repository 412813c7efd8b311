/*
 * wire_int.h — private to wire/: the per-connection state and its buffered
 * socket I/O, shared by the startup phase, the message loop and the sink.
 */
#ifndef OM_WIRE_INT_H
#define OM_WIRE_INT_H

#include "wire.h"
#include "../common/clock.h"

#define WIRE_RBUF_SIZE 8192           /* like PostgreSQL's PQ_RECV_BUFFER_SIZE */
#define WIRE_OUT_KEEP (1024u * 1024u) /* a larger output buffer is dropped after a flush */
#define WIRE_STARTUP_TIMEOUT_MS 60000 /* PostgreSQL's authentication_timeout */

/* What a read ended with. */
typedef enum {
    WIRE_IO_OK = 0,
    WIRE_IO_EOF = -1,     /* peer closed, or the socket failed */
    WIRE_IO_STOP = -2,    /* the server is shutting down */
    WIRE_IO_TIMEOUT = -3  /* the deadline passed */
} WireIoStatus;

typedef struct WireConn {
    SrvConn *sc;
    int fd;
    MemCtx *ctx;          /* the connection's root context (this thread's own) */
    MemCtx *msg_ctx;      /* one frontend message; reset before each */
    MemCtx *out_ctx;      /* holds the output buffer; reset when it grew large */
    OmBuf out;            /* backend messages not yet written */
    uint8_t rbuf[WIRE_RBUF_SIZE];
    size_t rpos, rlen;    /* unread bytes are rbuf[rpos..rlen) */
    long long deadline_ms;/* monotonic ms for reads, 0 = none */
    uint32_t held;        /* body bytes of the current message counted against WIRE_MSG_BUDGET */
    bool broken;          /* a write failed: the client is gone */
    bool fatal;           /* a FATAL error was sent: end the session */
    SrvSession *session;  /* after a successful startup */
} WireConn;

/* Read exactly n bytes into dst, waiting as long as needed (bounded by
 * c->deadline_ms when set) and giving up when the server begins to stop. */
WireIoStatus wire_io_read(WireConn *c, void *dst, size_t n);

/* Bytes already received but not yet consumed. */
static inline size_t wire_io_buffered(const WireConn *c) { return c->rlen - c->rpos; }

/* Write all of c->out, retrying on EINTR and short writes. Returns 0, or -1
 * (and sets c->broken) if the client is gone. */
int wire_io_flush(WireConn *c);

/* Send what is buffered (a FATAL error), stop writing, and read and drop
 * what the client still sends (at most 16 MB, 1 s) so the close that follows
 * is orderly and the client reads the error instead of a reset. */
void wire_io_close_gracefully(WireConn *c);

/* Flush if c->out holds at least WIRE_FLUSH_AT bytes. */
int wire_io_maybe_flush(WireConn *c);

/* Copy s into out for a quoted log value: '"' and '\\' are escaped, control
 * characters become '?', and the copy is cut to fit. Returns out. */
const char *wire_log_quote(const char *s, char *out, size_t outsize);

/* Queue an ErrorResponse (severity from e) and flush it. */
int wire_send_error(WireConn *c, const OmError *e);

/* Build the SrvSink that writes results to c. */
void wire_sink_init(WireConn *c, SrvSink *sink);

/* The startup phase: negotiation, the startup packet, login, the session
 * greeting. Returns 0 with c->session set and ReadyForQuery sent, or -1 when
 * the connection must simply be closed (whatever had to be said was said). */
int wire_startup(WireConn *c);

#endif
