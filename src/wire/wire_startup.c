/*
 * wire_startup.c — a connection's startup phase, as PostgreSQL 15's
 * ProcessStartupPacket and InitPostgres see it from the wire:
 *
 *   SSLRequest / GSSENCRequest  → 'N' (no encryption), then the next packet;
 *   CancelRequest               → cancel the matching session's running statement, close;
 *   StartupMessage              → protocol check, parameters, user required,
 *                                 NegotiateProtocolVersion for 3.x (x > 0) or
 *                                 "_pq_." options, 53300 when over the
 *                                 connection limit, AuthenticationOk (trust),
 *                                 role / database check, ParameterStatus,
 *                                 BackendKeyData, ReadyForQuery.
 *
 * Errors before the session exists are FATAL ErrorResponses followed by a
 * close; malformed packets that PostgreSQL only logs (bad length, incomplete
 * packet) are logged and the socket is closed without a reply, as there.
 * The whole phase must finish within WIRE_STARTUP_TIMEOUT_MS.
 *
 * Interface: wire_startup (wire_int.h).
 */
#include "wire_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/log.h"
#include "../server/settings.h"

#define WIRE_SERVER_VERSION "15.0 (OmenDB 0.1.0)"

/* Read one length-prefixed startup-phase packet into ctx. Returns 0, or -1
 * when the connection should just be closed (already logged). */
static int read_packet(WireConn *c, uint8_t **pkt, uint32_t *len)
{
    uint8_t lb[4];
    WireIoStatus st = wire_io_read(c, lb, 4);
    if (st != WIRE_IO_OK) {
        /* A connect-and-close (a port probe, or libpq giving up after our
         * 'N') is not worth a log line; a timeout is. */
        if (st == WIRE_IO_TIMEOUT)
            log_info("startup_timeout", "pid=%u peer=%s", c->sc->pid, c->sc->peer);
        return -1;
    }
    uint32_t l = (uint32_t)lb[0] << 24 | (uint32_t)lb[1] << 16 | (uint32_t)lb[2] << 8 | lb[3];
    if (!wire_startup_len_ok(l)) {
        log_info("invalid_startup_packet", "pid=%u peer=%s reason=\"invalid length of startup packet\" length=%u",
                 c->sc->pid, c->sc->peer, l);
        if (l < 8) return -1; /* not a startup packet at all: just close */
        /* PostgreSQL only logs this and closes; we also tell the client
         * (docs/compatibility.md), and read what it sent before closing so
         * the close is not a reset that discards our ErrorResponse. */
        OmError e = {0};
        err_set(&e, ERRCODE_PROTOCOL_VIOLATION, "invalid length of startup packet");
        err_detail(&e, "The packet is %u bytes; the limit is %u.", l, WIRE_STARTUP_MAX);
        e.severity = OM_SEV_FATAL;
        wire_put_error(&c->out, &e);
        wire_io_close_gracefully(c);
        return -1;
    }
    uint8_t *p = mem_alloc(c->msg_ctx, l - 4);
    st = wire_io_read(c, p, l - 4);
    if (st != WIRE_IO_OK) {
        if (st != WIRE_IO_STOP)
            log_info("invalid_startup_packet", "pid=%u peer=%s reason=\"incomplete startup packet\"",
                     c->sc->pid, c->sc->peer);
        return -1;
    }
    *pkt = p;
    *len = l - 4;
    return 0;
}

/* Answer an encryption request with 'N'. Bytes the client sent before our
 * answer would have been taken as encrypted: PostgreSQL refuses them (the
 * CVE-2021-23214 check), and so do we. */
static int refuse_encryption(WireConn *c, const char *what)
{
    buf_append_char(&c->out, 'N');
    if (wire_io_flush(c) < 0) return -1;
    if (wire_io_buffered(c) > 0) {
        OmError e = {0};
        err_set(&e, ERRCODE_PROTOCOL_VIOLATION, "received unencrypted data after %s", what);
        err_detail(&e, "This could be either a client-software bug or evidence of an attempted "
                       "man-in-the-middle attack.");
        e.severity = OM_SEV_FATAL;
        wire_send_error(c, &e);
        return -1;
    }
    return 0;
}

/* Protocol versions before 3.0 get their error in the 2.0 format: 'E' and a
 * NUL-terminated text. Clients that old cannot parse anything else. */
static void send_v2_error(WireConn *c, const OmError *e)
{
    buf_append_char(&c->out, 'E');
    buf_printf(&c->out, "FATAL:  %s\n", e->message);
    buf_append_char(&c->out, '\0');
    wire_io_flush(c);
}

static int fail_fatal(WireConn *c, OmError *e)
{
    e->severity = OM_SEV_FATAL;
    char msg[256];
    log_info("connection_refused", "pid=%u peer=%s sqlstate=%s msg=\"%s\"", c->sc->pid,
             c->sc->peer, e->sqlstate, wire_log_quote(e->message, msg, sizeof msg));
    wire_send_error(c, e);
    return -1;
}

static int put_status(void *arg, const char *name, const char *value)
{
    wire_put_param_status(arg, name, value);
    return 0;
}

/* The greeting: every reported setting (in PostgreSQL 15's order, which is
 * settings.c's), BackendKeyData, ReadyForQuery. */
static void send_greeting(WireConn *c)
{
    srv_settings_mark_all_reported(c->session->settings);
    srv_settings_flush_reports(c->session->settings, put_status, &c->out);
    wire_put_backend_key(&c->out, c->sc->pid, c->sc->secret);
    wire_put_ready(&c->out, 'I');
}

/* Startup parameters and "options" (-c name=value / --name=value) are
 * settings: a bad value is FATAL, as in PostgreSQL. A parameter name we do
 * not know is logged and ignored (PostgreSQL would refuse it, but clients
 * send settings that only matter to PostgreSQL's planner or JIT). */
static int apply_one(WireConn *c, const char *name, const char *value, OmError *e)
{
    if (srv_settings_set(c->session->settings, name, value, false, false, false, e) == 0) return 0;
    if (!strcmp(e->sqlstate, ERRCODE_UNDEFINED_OBJECT)) {
        log_info("startup_parameter_ignored", "pid=%u name=\"%s\"", c->sc->pid, name);
        err_clear(e);
        return 0;
    }
    return -1;
}

static int apply_startup_settings(WireConn *c, const WireStartup *st, OmError *e)
{
    for (int i = 0; i < st->nparams; i++)
        if (apply_one(c, st->names[i], st->values[i], e) < 0) return -1;
    if (!st->options) return 0;
    char *opts = mem_strdup(c->msg_ctx, st->options);
    char *save = NULL;
    for (char *tok = strtok_r(opts, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        char *kv = NULL;
        if (!strcmp(tok, "-c")) kv = strtok_r(NULL, " \t", &save);
        else if (!strncmp(tok, "-c", 2)) kv = tok + 2;
        else if (!strncmp(tok, "--", 2)) kv = tok + 2;
        if (!kv) continue;
        char *eq = strchr(kv, '=');
        if (!eq) continue;
        *eq = '\0';
        for (char *p = kv; *p; p++)
            if (*p == '-') *p = '_';
        if (apply_one(c, kv, eq + 1, e) < 0) return -1;
    }
    return 0;
}

int wire_startup(WireConn *c)
{
    bool ssl_done = false, gss_done = false;
    WireStartup st;
    OmError e = {0};
    c->deadline_ms = om_mono_ms() + WIRE_STARTUP_TIMEOUT_MS;

    for (;;) {
        uint8_t *pkt;
        uint32_t len;
        if (read_packet(c, &pkt, &len) < 0) return -1;
        uint32_t code = (uint32_t)pkt[0] << 24 | (uint32_t)pkt[1] << 16 | (uint32_t)pkt[2] << 8 | pkt[3];

        if (code == WIRE_CANCEL_CODE) {
            /* CancelRequest: process id and secret key follow the code. The
             * requester never gets an answer, matching or not (PostgreSQL). */
            if (len >= 12) {
                uint32_t pid = (uint32_t)pkt[4] << 24 | (uint32_t)pkt[5] << 16 | (uint32_t)pkt[6] << 8 | pkt[7];
                uint32_t key = (uint32_t)pkt[8] << 24 | (uint32_t)pkt[9] << 16 | (uint32_t)pkt[10] << 8 | pkt[11];
                bool hit = c->sc->server && srv_server_cancel(c->sc->server, pid, key);
                log_info("cancel_request", "target_pid=%u matched=%s peer=%s", pid, hit ? "yes" : "no", c->sc->peer);
            }
            return -1;
        }
        if (code == WIRE_SSL_CODE && !ssl_done) {
            if (refuse_encryption(c, "SSL request") < 0) return -1;
            ssl_done = true;
            continue;
        }
        if (code == WIRE_GSSENC_CODE && !gss_done) {
            if (refuse_encryption(c, "GSSAPI encryption request") < 0) return -1;
            gss_done = true;
            continue;
        }
        /* Anything else, a repeated SSLRequest included, must be a
         * StartupMessage: a repeated request fails the version check. */
        if (wire_startup_parse(pkt, len, c->msg_ctx, &st, &e) < 0) {
            if (WIRE_PROTO_MAJOR(code) < 3) {
                char msg[256];
                log_info("connection_refused", "pid=%u peer=%s msg=\"%s\"", c->sc->pid,
                         c->sc->peer, wire_log_quote(e.message, msg, sizeof msg));
                send_v2_error(c, &e);
                return -1;
            }
            return fail_fatal(c, &e);
        }
        break;
    }

    if (WIRE_PROTO_MINOR(st.version) > 0 || st.nunknown > 0)
        wire_put_negotiate(&c->out, 0, st.nunknown, st.unknown);

    if (!st.user) {
        err_set(&e, ERRCODE_INVALID_AUTHORIZATION_SPECIFICATION,
                "no PostgreSQL user name specified in startup packet");
        return fail_fatal(c, &e);
    }
    if (c->sc->too_many) {
        err_set(&e, ERRCODE_TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        return fail_fatal(c, &e);
    }

    /* Trust authentication: PostgreSQL says AuthenticationOk before it
     * looks the role and database up, so a bad name arrives after it. */
    wire_put_auth_ok(&c->out);
    if (srv_check_login(c->sc->env, st.user, st.database, &e) < 0) {
        if (!e.set) err_set(&e, ERRCODE_INTERNAL_ERROR, "login check failed");
        return fail_fatal(c, &e);
    }

    c->session = srv_session_create(c->ctx, c->sc->env, st.user, st.database,
                                    st.application_name);
    c->session->interrupt = &c->sc->intr;
    c->session->server = c->sc->server;
    c->session->pid = c->sc->pid;
    c->session->secret = c->sc->secret;
    if (apply_startup_settings(c, &st, &e) < 0) {
        e.severity = OM_SEV_FATAL;
        return fail_fatal(c, &e);
    }
    send_greeting(c);
    if (wire_io_flush(c) < 0) return -1;
    c->deadline_ms = 0;
    char u[128], d[128], a[128];
    log_debug("session_start", "pid=%u peer=%s user=\"%s\" database=\"%s\" application_name=\"%s\"",
              c->sc->pid, c->sc->peer, wire_log_quote(st.user, u, sizeof u),
              wire_log_quote(st.database, d, sizeof d),
              wire_log_quote(st.application_name ? st.application_name : "", a, sizeof a));
    return 0;
}
