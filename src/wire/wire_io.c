/*
 * wire_io.c — buffered socket I/O for one connection.
 *
 * Reads go through an 8 KB per-connection buffer (a 5-byte message header
 * must not cost a system call); a read larger than the buffer goes straight
 * into its destination. Every wait is a poll() on the socket and on the
 * server's stop descriptor, so an idle session notices shutdown at once.
 * Writes are batched in c->out and leave in one send() loop per flush.
 *
 * Interface: wire_io_read, wire_io_flush, wire_io_maybe_flush,
 * wire_send_error, wire_log_quote (see wire_int.h).
 */
#include "wire_int.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

/* Wait until the socket is readable. */
static WireIoStatus wait_readable(WireConn *c)
{
    for (;;) {
        struct pollfd p[2] = {{.fd = c->fd, .events = POLLIN},
                              {.fd = c->sc->stop_fd, .events = POLLIN}};
        int timeout = -1;
        if (c->deadline_ms) {
            long long left = c->deadline_ms - om_mono_ms();
            if (left <= 0) return WIRE_IO_TIMEOUT;
            timeout = left > 60000 ? 60000 : (int)left;
        }
        int r = poll(p, c->sc->stop_fd >= 0 ? 2 : 1, timeout);
        if (r < 0) {
            if (errno == EINTR) continue;
            return WIRE_IO_EOF;
        }
        if (r == 0) continue; /* re-check the deadline */
        if (c->sc->stop_fd >= 0 && p[1].revents) return WIRE_IO_STOP;
        if (p[0].revents) return WIRE_IO_OK; /* data, EOF or an error: recv tells */
    }
}

/* One recv() into dst (at most cap bytes), after waiting for data. */
static WireIoStatus recv_some(WireConn *c, void *dst, size_t cap, size_t *got)
{
    for (;;) {
        WireIoStatus st = wait_readable(c);
        if (st != WIRE_IO_OK) return st;
        ssize_t r = recv(c->fd, dst, cap, 0);
        if (r > 0) {
            *got = (size_t)r;
            return WIRE_IO_OK;
        }
        if (r == 0) return WIRE_IO_EOF;
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
        return WIRE_IO_EOF;
    }
}

WireIoStatus wire_io_read(WireConn *c, void *dst, size_t n)
{
    uint8_t *d = dst;
    while (n > 0) {
        if (c->rpos < c->rlen) {
            size_t k = c->rlen - c->rpos;
            if (k > n) k = n;
            memcpy(d, c->rbuf + c->rpos, k);
            c->rpos += k;
            d += k;
            n -= k;
            continue;
        }
        size_t got;
        WireIoStatus st;
        if (n >= sizeof c->rbuf) {
            st = recv_some(c, d, n, &got);
            if (st != WIRE_IO_OK) return st;
            d += got;
            n -= got;
        } else {
            st = recv_some(c, c->rbuf, sizeof c->rbuf, &got);
            if (st != WIRE_IO_OK) return st;
            c->rpos = 0;
            c->rlen = got;
        }
    }
    return WIRE_IO_OK;
}

int wire_io_flush(WireConn *c)
{
    if (c->broken) {
        buf_reset(&c->out);
        return -1;
    }
    const char *p = c->out.data;
    size_t n = c->out.len;
    while (n > 0) {
        ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                struct pollfd pf = {.fd = c->fd, .events = POLLOUT};
                poll(&pf, 1, 1000);
                continue;
            }
            c->broken = true;
            break;
        }
        p += w;
        n -= (size_t)w;
    }
    if (c->out.cap > WIRE_OUT_KEEP) {
        /* One huge result must not pin its buffer for the session's life. */
        mem_ctx_reset(c->out_ctx);
        buf_init(&c->out, c->out_ctx, 8192);
    } else {
        buf_reset(&c->out);
    }
    return c->broken ? -1 : 0;
}

void wire_io_close_gracefully(WireConn *c)
{
    wire_io_flush(c);
    shutdown(c->fd, SHUT_WR);
    /* Drain (bounded in bytes and time) until the client closes its side. */
    char sink[65536];
    size_t total = 0;
    long long end = om_mono_ms() + 1000;
    while (total < (16u << 20)) {
        long long left = end - om_mono_ms();
        if (left <= 0) break;
        struct pollfd p = {.fd = c->fd, .events = POLLIN};
        if (poll(&p, 1, (int)left) <= 0) break;
        ssize_t r = recv(c->fd, sink, sizeof sink, 0);
        if (r <= 0) break;
        total += (size_t)r;
    }
}

int wire_io_maybe_flush(WireConn *c)
{
    if (c->out.len >= WIRE_FLUSH_AT) return wire_io_flush(c);
    return c->broken ? -1 : 0;
}

int wire_send_error(WireConn *c, const OmError *e)
{
    wire_put_error(&c->out, e);
    if (e->severity != OM_SEV_ERROR) c->fatal = true;
    return wire_io_flush(c);
}

const char *wire_log_quote(const char *s, char *out, size_t outsize)
{
    size_t n = 0;
    for (; *s && n + 3 < outsize; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') out[n++] = '\\';
        out[n++] = ch < 32 || ch == 127 ? '?' : (char)ch;
    }
    out[n] = '\0';
    return out;
}
