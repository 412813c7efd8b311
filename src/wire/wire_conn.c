/*
 * wire_conn.c — one client connection from accept to close: the startup
 * phase (wire_startup.c), then the message loop of the simple query
 * protocol, then session teardown.
 *
 * Where it sits: the listener calls wire_conn_serve on the connection's own
 * thread; each Query message goes to srv_exec_simple with a sink that
 * encodes results (wire_sink.c), and ends with ReadyForQuery.
 *
 * Message handling, following PostgreSQL 15's PostgresMain/SocketBackend:
 *   Q  run the SQL text; ReadyForQuery with the transaction status
 *   X  end the session
 *   S  Sync: ends error recovery; ReadyForQuery
 *   H  Flush: write out what is buffered
 *   P B D E C  extended query protocol, not supported yet: ERROR 0A000, then
 *      discard every message but Sync and Terminate (the protocol's error
 *      recovery), so the client's Sync gets its ReadyForQuery
 *   F  function call: ERROR 0A000, ReadyForQuery
 *   d c f  copy messages outside COPY: ignored, as PostgreSQL does
 *   anything else, or a bad length: FATAL 08P01 and close (framing is lost)
 * A client that disappears, even mid-message, just ends the session: the
 * session is destroyed, which rolls its transaction back.
 *
 * Memory: the connection's root context is created here (contexts are not
 * thread-safe, so each connection thread has its own tree); a message's body
 * lives in msg_ctx, reset before the next message.
 *
 * Interface: wire_conn_serve (wire.h).
 */
#include "wire_int.h"

#include <stdatomic.h>
#include <string.h>

#include "../common/log.h"
#include "../server/settings.h"

static void send_simple_error(WireConn *c, const char *sqlstate, const char *msg, bool fatal)
{
    OmError e = {0};
    err_set(&e, sqlstate, "%s", msg);
    if (fatal) e.severity = OM_SEV_FATAL;
    wire_send_error(c, &e);
}

/* Bytes of large message bodies held by all sessions (WIRE_MSG_BUDGET). */
static atomic_ullong msg_bytes_held;

static bool msg_reserve(uint32_t blen)
{
    if (blen <= WIRE_MSG_FREE) return true;
    unsigned long long cur = atomic_load(&msg_bytes_held);
    do {
        if (cur + blen > WIRE_MSG_BUDGET) return false;
    } while (!atomic_compare_exchange_weak(&msg_bytes_held, &cur, cur + blen));
    return true;
}

static void msg_release(uint32_t blen)
{
    if (blen > WIRE_MSG_FREE) atomic_fetch_sub(&msg_bytes_held, blen);
}

/* Read and drop blen bytes (a message refused for its size). */
static WireIoStatus skip_body(WireConn *c, uint32_t blen)
{
    uint8_t *b = mem_alloc(c->msg_ctx, 65536);
    while (blen > 0) {
        uint32_t k = blen < 65536 ? blen : 65536;
        WireIoStatus st = wire_io_read(c, b, k);
        if (st != WIRE_IO_OK) return st;
        blen -= k;
    }
    return WIRE_IO_OK;
}

/* Read a message body of blen bytes (NUL-terminated for convenience). The
 * buffer is allocated at its full size at once: a large allocation is its
 * own mapping, whose pages become resident only as the bytes arrive, so a
 * length word alone costs address space, not memory (and it is counted
 * against WIRE_MSG_BUDGET by the caller). */
static WireIoStatus read_body(WireConn *c, uint32_t blen, uint8_t **out)
{
    uint8_t *b = mem_alloc(c->msg_ctx, (size_t)blen + 1);
    WireIoStatus st = wire_io_read(c, b, blen);
    if (st != WIRE_IO_OK) return st;
    b[blen] = '\0';
    *out = b;
    return WIRE_IO_OK;
}

/* Run one Query message. Returns 0 to go on, -1 to end the session. */
static int run_query(WireConn *c, const uint8_t *body, uint32_t blen)
{
    const char *sql;
    OmError e = {0};
    if (wire_query_parse(body, blen, &sql, &e) < 0) {
        wire_put_error(&c->out, &e);
    } else {
        SrvSink sink;
        wire_sink_init(c, &sink);
        int rc = srv_exec_simple(c->session, sql, &sink);
        if (rc < 0 || c->broken) return -1;
        if (c->fatal) {
            wire_io_flush(c);
            return -1;
        }
    }
    wire_put_ready(&c->out, srv_txn_status(c->session));
    return wire_io_flush(c);
}

/* Why the loop ended, for the log. */
static const char *message_loop(WireConn *c)
{
    bool ignore_till_sync = false;
    for (;;) {
        msg_release(c->held);
        c->held = 0;
        mem_ctx_reset(c->msg_ctx);

        uint8_t type;
        /* Idle between messages: PostgreSQL's idle timeouts end the session. */
        char tstat = srv_txn_status(c->session);
        const char *idle_setting = tstat == 'I' ? "idle_session_timeout" : "idle_in_transaction_session_timeout";
        long long idle_ms = c->rpos < c->rlen ? 0 : srv_settings_ms(c->session->settings, idle_setting);
        c->deadline_ms = idle_ms > 0 ? om_mono_ms() + idle_ms : 0;
        WireIoStatus st = wire_io_read(c, &type, 1);
        c->deadline_ms = 0;
        if (st == WIRE_IO_TIMEOUT) {
            if (tstat == 'I')
                send_simple_error(c, ERRCODE_IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout", true);
            else
                send_simple_error(c, ERRCODE_IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                                  "terminating connection due to idle-in-transaction timeout", true);
            return tstat == 'I' ? "idle_session_timeout" : "idle_in_transaction_timeout";
        }
        if (st == WIRE_IO_STOP) {
            send_simple_error(c, ERRCODE_ADMIN_SHUTDOWN,
                              "terminating connection due to administrator command", true);
            return "shutdown";
        }
        if (st != WIRE_IO_OK) return "client_eof";

        if (wire_msg_limit(type) == 0) {
            OmError e = {0};
            wire_msg_check(type, 4, &e);
            wire_send_error(c, &e);
            return "protocol_violation";
        }
        uint8_t lb[4];
        st = wire_io_read(c, lb, 4);
        if (st != WIRE_IO_OK) return st == WIRE_IO_STOP ? "shutdown" : "client_eof_mid_message";
        uint32_t len = (uint32_t)lb[0] << 24 | (uint32_t)lb[1] << 16 | (uint32_t)lb[2] << 8 | lb[3];
        OmError e = {0};
        if (wire_msg_check(type, len, &e) < 0) {
            wire_send_error(c, &e);
            return "protocol_violation";
        }
        uint8_t *body;
        uint32_t blen = len - 4;
        if (!msg_reserve(blen)) {
            st = skip_body(c, blen);
            if (st != WIRE_IO_OK) return st == WIRE_IO_STOP ? "shutdown" : "client_eof_mid_message";
            OmError me = {0};
            err_set(&me, ERRCODE_OUT_OF_MEMORY, "out of memory");
            err_detail(&me, "Cannot accept a message of %u bytes: the server's memory for large messages "
                            "(%llu MB) is in use by other sessions.", blen, WIRE_MSG_BUDGET >> 20);
            wire_send_error(c, &me);
            if (type == 'Q' || type == 'F') wire_put_ready(&c->out, srv_txn_status(c->session));
            else ignore_till_sync = true;
            if (wire_io_flush(c) < 0) return "client_gone";
            continue;
        }
        st = read_body(c, blen, &body);
        if (st != WIRE_IO_OK) {
            msg_release(blen);
            return st == WIRE_IO_STOP ? "shutdown" : "client_eof_mid_message";
        }
        c->held = blen;

        /* Error recovery in the extended protocol: skip to the next Sync. */
        if (ignore_till_sync && type != 'S' && type != 'X') continue;

        switch (type) {
        case 'Q':
            if (run_query(c, body, len - 4) < 0) return c->fatal ? "fatal_error" : "client_gone";
            break;
        case 'X':
            return "terminate";
        case 'S':
            ignore_till_sync = false;
            wire_put_ready(&c->out, srv_txn_status(c->session));
            if (wire_io_flush(c) < 0) return "client_gone";
            break;
        case 'H':
            if (wire_io_flush(c) < 0) return "client_gone";
            break;
        case 'P':
        case 'B':
        case 'D':
        case 'E':
        case 'C':
            send_simple_error(c, ERRCODE_FEATURE_NOT_SUPPORTED,
                              "extended query protocol is not supported yet", false);
            if (c->broken) return "client_gone";
            ignore_till_sync = true;
            break;
        case 'F':
            send_simple_error(c, ERRCODE_FEATURE_NOT_SUPPORTED,
                              "fastpath function calls are not supported", false);
            wire_put_ready(&c->out, srv_txn_status(c->session));
            if (wire_io_flush(c) < 0) return "client_gone";
            break;
        default: /* 'd', 'c', 'f': left over from a failed COPY; ignore */
            break;
        }
    }
}

void wire_conn_serve(SrvConn *sc)
{
    MemCtx *root = mem_ctx_create(NULL, "connection");
    WireConn *c = mem_new(root, WireConn);
    c->sc = sc;
    c->fd = sc->fd;
    c->ctx = root;
    c->msg_ctx = mem_ctx_create(root, "message");
    c->out_ctx = mem_ctx_create(root, "output");
    buf_init(&c->out, c->out_ctx, 8192);

    if (wire_startup(c) == 0) {
        const char *why = message_loop(c);
        msg_release(c->held);
        c->held = 0;
        wire_io_flush(c);
        log_debug("session_end", "pid=%u reason=%s", sc->pid, why);
    }
    /* Rolls back an open transaction. Must happen on this thread: an LMDB
     * write transaction ends on the thread that began it. */
    srv_session_destroy(c->session);
    mem_ctx_delete(root);
}
