/*
 * fuzz_wire_startup.c — the bytes a client sends before and after the
 * startup packet, through the protocol's pure parsers in wire/wire_msg.c.
 *
 * The input is read as the server reads a connection (wire_startup.c, then
 * wire_conn.c), without a socket:
 *   1. startup-phase packets: length word (wire_startup_len_ok), code;
 *      SSLRequest / GSSENCRequest once each go on to the next packet,
 *      CancelRequest ends the stream, anything else goes to
 *      wire_startup_parse;
 *   2. after a successful startup, frontend messages framed by
 *      wire_msg_split (header checks of wire_msg_check), Query bodies through
 *      wire_query_parse; the first framing error ends the stream.
 * Every packet and message body is copied into a buffer of exactly its size,
 * so ASan reports any read past what the server received.
 *
 * Checked besides memory safety: a refused packet carries a FATAL error with
 * a SQLSTATE; user / database are cut to WIRE_NAME_MAX bytes;
 * application_name is printable ASCII; a parsed Query is exactly its body
 * minus the NUL; wire_utf8_verify and types/' type_utf8_check agree on every
 * input; the messages built from what was parsed (NegotiateProtocolVersion,
 * ParameterStatus, ErrorResponse) are well-framed (fuzz_backend.h).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_backend.h"
#include "types/types.h"
#include "wire/wire.h"
#include "wire/wire_int.h"

static uint8_t *dup_exact(const uint8_t *p, size_t n)
{
    uint8_t *c = malloc(n ? n : 1);
    if (!c) abort();
    if (n) memcpy(c, p, n);
    return c;
}

static void check_error(const OmError *e, bool fatal)
{
    FUZZ_CHECK(e->set, "refusal without an error");
    FUZZ_CHECK(strlen(e->sqlstate) == 5, "SQLSTATE \"%s\"", e->sqlstate);
    FUZZ_CHECK(e->message[0] != '\0', "empty error message");
    if (fatal) FUZZ_CHECK(e->severity == OM_SEV_FATAL, "startup error with severity %d", e->severity);
}

/* Build an ErrorResponse for e and check its framing; every text in it must
 * be valid UTF-8, even when it quotes what the client sent. */
static void put_error(MemCtx *ctx, const OmError *e)
{
    OmBuf out;
    buf_init(&out, ctx, 256);
    wire_put_error(&out, e);
    int ncols = -1;
    fz_check_backend((const uint8_t *)out.data, out.len, &ncols);
}

static void check_startup(MemCtx *ctx, const WireStartup *st)
{
    if (st->user) {
        FUZZ_CHECK(strlen(st->user) <= WIRE_NAME_MAX && st->user[0], "user of %zu bytes", strlen(st->user));
        FUZZ_CHECK(st->database && strlen(st->database) <= WIRE_NAME_MAX && st->database[0],
                   "bad database");
    }
    if (st->application_name)
        for (const char *p = st->application_name; *p; p++)
            FUZZ_CHECK(*p >= 32 && *p <= 126, "application_name byte 0x%02x", (unsigned char)*p);
    FUZZ_CHECK(st->nparams >= 0 && st->nunknown >= 0, "negative counts");
    for (int i = 0; i < st->nparams; i++)
        FUZZ_CHECK(st->names[i] && st->values[i] && st->names[i][0], "bad parameter %d", i);
    for (int i = 0; i < st->nunknown; i++)
        FUZZ_CHECK(st->unknown[i] && strncmp(st->unknown[i], "_pq_.", 5) == 0, "bad option %d", i);

    /* What wire_startup sends back from these values. */
    OmBuf out;
    buf_init(&out, ctx, 256);
    if (WIRE_PROTO_MINOR(st->version) > 0 || st->nunknown > 0)
        wire_put_negotiate(&out, 0, st->nunknown, st->unknown);
    wire_put_param_status(&out, "application_name", st->application_name ? st->application_name : "");
    if (st->user) wire_put_param_status(&out, "session_authorization", st->user);
    int ncols = -1;
    fz_check_backend((const uint8_t *)out.data, out.len, &ncols);

    /* The log line's quoting of the same values. */
    char q[128];
    const char *vals[] = {st->user, st->database, st->application_name, st->options};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        if (!vals[i]) continue;
        wire_log_quote(vals[i], q, sizeof q);
        FUZZ_CHECK(strlen(q) < sizeof q, "log quote overflow");
        for (const char *p = q; *p; p++)
            FUZZ_CHECK((unsigned char)*p >= 32 && *p != 127, "control byte in a log value");
    }
}

/* The frontend message loop after startup: returns when the stream ends or a
 * message is refused. */
static void message_loop(MemCtx *ctx, const uint8_t *buf, size_t avail)
{
    while (avail > 0) {
        uint8_t type;
        const uint8_t *body;
        size_t blen, used;
        OmError err = {0};
        int rc = wire_msg_split(buf, avail, &type, &body, &blen, &used, &err);
        if (rc == 0) return; /* the server would wait for more */
        if (rc < 0) {
            check_error(&err, true);
            put_error(ctx, &err);
            return;
        }
        FUZZ_CHECK(used == blen + 5 && used <= avail, "split consumed %zu of %zu", used, avail);
        FUZZ_CHECK(wire_msg_check(type, (uint32_t)(blen + 4), NULL) == 0, "split accepted a bad header");
        if (type == 'X') return;
        if (type == 'Q') {
            uint8_t *copy = dup_exact(body, blen);
            const char *sql = NULL;
            OmError qe = {0};
            if (wire_query_parse(copy, blen, &sql, &qe) == 0) {
                FUZZ_CHECK(sql == (const char *)copy && strlen(sql) + 1 == blen, "Query text length");
                FUZZ_CHECK(type_utf8_valid(sql, blen - 1), "accepted Query text is not UTF-8");
            } else {
                check_error(&qe, false);
                put_error(ctx, &qe);
            }
            free(copy);
        }
        buf += used;
        avail -= used;
    }
}

static void check_utf8_agree(const uint8_t *data, size_t size)
{
    OmError a = {0}, b = {0};
    int ra = wire_utf8_verify((const char *)data, size, &a);
    int rb = type_utf8_check((const char *)data, size, &b);
    FUZZ_CHECK(ra == rb, "wire_utf8_verify %d, type_utf8_check %d", ra, rb);
    FUZZ_CHECK(type_utf8_valid((const char *)data, size) == (ra == 0), "type_utf8_valid disagrees");
    if (ra < 0) {
        FUZZ_CHECK(strcmp(a.sqlstate, b.sqlstate) == 0 && strcmp(a.sqlstate, "22021") == 0,
                   "UTF-8 errors %s / %s", a.sqlstate, b.sqlstate);
        FUZZ_CHECK(strcmp(a.message, b.message) == 0, "UTF-8 messages differ: \"%s\" / \"%s\"",
                   a.message, b.message);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MemCtx *ctx = mem_ctx_create(NULL, "fuzz");
    check_utf8_agree(data, size);

    /* Framing checks on the first bytes as a message header. */
    if (size >= 5) {
        uint32_t len = fz_be32(data + 1);
        OmError e = {0};
        int rc = wire_msg_check(data[0], len, &e);
        uint32_t lim = wire_msg_limit(data[0]);
        FUZZ_CHECK((rc == 0) == (lim != 0 && len >= 4 && len <= lim), "wire_msg_check(%u, %u)", data[0], len);
        if (rc < 0) check_error(&e, true);
    }

    const uint8_t *p = data;
    size_t avail = size;
    bool ssl_done = false, gss_done = false, started = false;
    while (avail >= 4) {
        uint32_t len = fz_be32(p);
        if (!wire_startup_len_ok(len)) break;
        FUZZ_CHECK(len >= 8 && len <= WIRE_STARTUP_MAX, "length %u accepted", len);
        if (avail < len) break; /* incomplete packet: the server closes */
        uint8_t *pkt = dup_exact(p + 4, len - 4);
        p += len;
        avail -= len;
        uint32_t code = fz_be32(pkt);
        if (code == WIRE_CANCEL_CODE) {
            free(pkt);
            break;
        }
        if (code == WIRE_SSL_CODE && !ssl_done) {
            ssl_done = true;
            free(pkt);
            continue;
        }
        if (code == WIRE_GSSENC_CODE && !gss_done) {
            gss_done = true;
            free(pkt);
            continue;
        }
        WireStartup st;
        OmError e = {0};
        int rc = wire_startup_parse(pkt, len - 4, ctx, &st, &e);
        if (rc < 0) {
            check_error(&e, true);
            put_error(ctx, &e);
        } else {
            FUZZ_CHECK(!e.set, "success with an error set");
            FUZZ_CHECK(WIRE_PROTO_MAJOR(st.version) == 3, "version %u accepted", st.version);
            check_startup(ctx, &st);
            started = st.user != NULL;
        }
        free(pkt);
        break;
    }
    if (started) message_loop(ctx, p, avail);

    /* The whole input as a message stream too, so mutations of the loop's
     * framing do not need a valid startup packet in front. */
    message_loop(ctx, data, size);

    mem_ctx_delete(ctx);
    return 0;
}
