/*
 * test_wire.c — the PostgreSQL v3 protocol layer.
 *
 * Part 1 works on byte buffers: message framing and length limits, startup
 * packet and Query parsing, UTF-8 validation, and the exact bytes of the
 * backend messages we build (ErrorResponse fields, RowDescription, DataRow).
 * Part 2 drives buffered socket I/O over a socketpair: reads split at every
 * byte, large flushes that need many partial writes, EOF and shutdown.
 * Part 3 serves whole connections over a socketpair against a scratch data
 * directory: startup (SSL/GSS refusal, cancel, versions, bad user/database,
 * too many clients), error recovery of the unsupported extended protocol,
 * fatal framing errors, a client vanishing mid-message, and shutdown.
 * Part 3 is skipped if the storage environment cannot be opened.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "common/log.h"
#include "storage/storage.h"
#include "types/types.h"
#include "wire/wire.h"
#include "wire/wire_int.h"

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint16_t be16(const void *p)
{
    const uint8_t *b = p;
    return (uint16_t)(b[0] << 8 | b[1]);
}

/* Build a startup packet: version, then name/value pairs, then the NUL.
 * Pass pairs as strings ending with NULL. */
static size_t startup_pkt(uint8_t *out, uint32_t version, ...)
{
    size_t n = 4;
    out[n++] = (uint8_t)(version >> 24);
    out[n++] = (uint8_t)(version >> 16);
    out[n++] = (uint8_t)(version >> 8);
    out[n++] = (uint8_t)version;
    va_list ap;
    va_start(ap, version);
    const char *s;
    while ((s = va_arg(ap, const char *)) != NULL) {
        size_t l = strlen(s) + 1;
        memcpy(out + n, s, l);
        n += l;
    }
    va_end(ap);
    out[n++] = '\0';
    out[0] = (uint8_t)(n >> 24);
    out[1] = (uint8_t)(n >> 16);
    out[2] = (uint8_t)(n >> 8);
    out[3] = (uint8_t)n;
    return n;
}

/* A frontend message with a body. */
static size_t fe_msg(uint8_t *out, char type, const void *body, size_t blen)
{
    out[0] = (uint8_t)type;
    uint32_t l = (uint32_t)blen + 4;
    out[1] = (uint8_t)(l >> 24);
    out[2] = (uint8_t)(l >> 16);
    out[3] = (uint8_t)(l >> 8);
    out[4] = (uint8_t)l;
    if (blen) memcpy(out + 5, body, blen);
    return 5 + blen;
}

/* Find field code in an ErrorResponse/NoticeResponse body; NULL if absent. */
static const char *err_field(const uint8_t *body, size_t len, char code)
{
    size_t i = 0;
    while (i < len && body[i]) {
        char c = (char)body[i++];
        const char *v = (const char *)body + i;
        if (c == code) return v;
        i += strlen(v) + 1;
    }
    return NULL;
}

/* ================================================================ part 1 */

static void test_msg_limits(void **state)
{
    OmError e = {0};
    assert_int_equal(wire_msg_check('Q', 4, &e), 0);
    assert_int_equal(wire_msg_check('Q', WIRE_LARGE_MSG_MAX, &e), 0);
    assert_int_equal(wire_msg_check('X', WIRE_SMALL_MSG_MAX, &e), 0);
    assert_false(e.set);

    assert_int_equal(wire_msg_check('Q', 3, &e), -1);
    assert_string_equal(e.message, "invalid message length");
    assert_string_equal(e.sqlstate, "08P01");
    assert_int_equal(e.severity, OM_SEV_FATAL);
    err_clear(&e);
    assert_int_equal(wire_msg_check('Q', WIRE_LARGE_MSG_MAX + 1u, &e), -1);
    err_clear(&e);
    assert_int_equal(wire_msg_check('Q', 0xFFFFFFFFu, &e), -1);
    err_clear(&e);
    assert_int_equal(wire_msg_check('S', WIRE_SMALL_MSG_MAX + 1, &e), -1);
    err_clear(&e);
    assert_int_equal(wire_msg_check('Z', 4, &e), -1);
    assert_string_equal(e.message, "invalid frontend message type 90");
    assert_int_equal(e.severity, OM_SEV_FATAL);
    err_clear(&e);
    assert_int_equal(wire_msg_check(0, 4, &e), -1);
    assert_string_equal(e.message, "invalid frontend message type 0");
    err_clear(&e);
    assert_int_equal(wire_msg_check('p', 8, &e), -1); /* password message: not after startup */

    const char *valid = "QXSPBDECHFdcf";
    for (const char *t = valid; *t; t++) assert_true(wire_msg_limit((uint8_t)*t) > 0);
    assert_int_equal(wire_msg_limit('T'), 0);

    assert_false(wire_startup_len_ok(7));
    assert_true(wire_startup_len_ok(8));
    assert_true(wire_startup_len_ok(10000));
    assert_false(wire_startup_len_ok(10001));
}

static void test_msg_split(void **state)
{
    uint8_t buf[64];
    size_t n = fe_msg(buf, 'Q', "select 1", 9);
    n += fe_msg(buf + n, 'X', NULL, 0);
    uint8_t type;
    const uint8_t *body;
    size_t blen, used;
    OmError e = {0};

    /* Every proper prefix of the first message asks for more bytes. */
    for (size_t k = 0; k < 14; k++)
        assert_int_equal(wire_msg_split(buf, k, &type, &body, &blen, &used, &e), 0);
    assert_int_equal(wire_msg_split(buf, n, &type, &body, &blen, &used, &e), 1);
    assert_int_equal(type, 'Q');
    assert_int_equal(blen, 9);
    assert_string_equal((const char *)body, "select 1");
    assert_int_equal(used, 14);
    assert_int_equal(wire_msg_split(buf + used, n - used, &type, &body, &blen, &used, &e), 1);
    assert_int_equal(type, 'X');
    assert_int_equal(blen, 0);
    assert_int_equal(used, 5);

    /* A bad type is reported from its first byte. */
    uint8_t bad[1] = {'!'};
    assert_int_equal(wire_msg_split(bad, 1, &type, &body, &blen, &used, &e), -1);
    assert_string_equal(e.message, "invalid frontend message type 33");
    err_clear(&e);

    /* Lengths below 4 and above the limit. */
    uint8_t shortlen[5] = {'Q', 0, 0, 0, 3};
    assert_int_equal(wire_msg_split(shortlen, 5, &type, &body, &blen, &used, &e), -1);
    assert_string_equal(e.message, "invalid message length");
    err_clear(&e);
    uint8_t huge[5] = {'Q', 0x7F, 0xFF, 0xFF, 0xFF};
    assert_int_equal(wire_msg_split(huge, 5, &type, &body, &blen, &used, &e), -1);
    err_clear(&e);
    uint8_t negative[5] = {'S', 0xFF, 0xFF, 0xFF, 0xFF};
    assert_int_equal(wire_msg_split(negative, 5, &type, &body, &blen, &used, &e), -1);
}

static void test_startup_parse(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "test");
    uint8_t pkt[512];
    WireStartup st;
    OmError e = {0};

    size_t n = startup_pkt(pkt, WIRE_PROTO_3_0, "user", "alice", "database", "shop",
                           "application_name", "psql", "options", "-c geqo=off", "TimeZone",
                           "UTC", "_pq_.opt", "1", NULL);
    assert_int_equal(wire_startup_parse(pkt + 4, n - 4, ctx, &st, &e), 0);
    assert_int_equal(st.version, WIRE_PROTO_3_0);
    assert_string_equal(st.user, "alice");
    assert_string_equal(st.database, "shop");
    assert_string_equal(st.application_name, "psql");
    assert_string_equal(st.options, "-c geqo=off");
    assert_int_equal(st.nparams, 2); /* application_name and TimeZone */
    assert_string_equal(st.names[1], "TimeZone");
    assert_string_equal(st.values[1], "UTC");
    assert_int_equal(st.nunknown, 1);
    assert_string_equal(st.unknown[0], "_pq_.opt");

    /* database defaults to the user; application_name is cleaned. */
    n = startup_pkt(pkt, WIRE_PROTO_3_0, "user", "bob", "database", "",
                    "application_name", "a\x01" "b\xc3\xa9", NULL);
    assert_int_equal(wire_startup_parse(pkt + 4, n - 4, ctx, &st, &e), 0);
    assert_string_equal(st.database, "bob");
    assert_string_equal(st.application_name, "a?b??");

    /* An empty user counts as none; a long one is cut to 63 bytes. */
    n = startup_pkt(pkt, WIRE_PROTO_3_0, "user", "", NULL);
    assert_int_equal(wire_startup_parse(pkt + 4, n - 4, ctx, &st, &e), 0);
    assert_null(st.user);
    char longname[101];
    memset(longname, 'x', 100);
    longname[100] = '\0';
    n = startup_pkt(pkt, WIRE_PROTO_3_0, "user", longname, NULL);
    assert_int_equal(wire_startup_parse(pkt + 4, n - 4, ctx, &st, &e), 0);
    assert_int_equal(strlen(st.user), 63);
    assert_int_equal(strlen(st.database), 63);

    /* Protocol versions. */
    n = startup_pkt(pkt, 2u << 16, "user", "x", NULL);
    assert_int_equal(wire_startup_parse(pkt + 4, n - 4, ctx, &st, &e), -1);
    assert_string_equal(e.sqlstate, "0A000");
    assert_string_equal(e.message, "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
    assert_int_equal(e.severity, OM_SEV_FATAL);
    err_clear(&e);
    n = startup_pkt(pkt, WIRE_SSL_CODE, NULL);
    assert_int_equal(wire_startup_parse(pkt + 4, n - 4, ctx, &st, &e), -1);
    assert_string_equal(e.message, "unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0");
    err_clear(&e);
    n = startup_pkt(pkt, (3u << 16) | 2, "user", "x", NULL);
    assert_int_equal(wire_startup_parse(pkt + 4, n - 4, ctx, &st, &e), 0);
    assert_int_equal(WIRE_PROTO_MINOR(st.version), 2);

    /* Layout: the terminator must be exactly the last byte. */
    static const uint8_t no_term[] = {0, 3, 0, 0, 'u', 's', 'e', 'r', 0, 'x', 0};
    assert_int_equal(wire_startup_parse(no_term, sizeof no_term, ctx, &st, &e), -1);
    assert_string_equal(e.message, "invalid startup packet layout: expected terminator as last byte");
    assert_string_equal(e.sqlstate, "08P01");
    err_clear(&e);
    static const uint8_t no_value[] = {0, 3, 0, 0, 'u', 's', 'e', 'r', 0};
    assert_int_equal(wire_startup_parse(no_value, sizeof no_value, ctx, &st, &e), -1);
    err_clear(&e);
    static const uint8_t unterminated[] = {0, 3, 0, 0, 'u', 's', 'e', 'r'};
    assert_int_equal(wire_startup_parse(unterminated, sizeof unterminated, ctx, &st, &e), -1);
    err_clear(&e);
    static const uint8_t trailing[] = {0, 3, 0, 0, 0, 'x'};
    assert_int_equal(wire_startup_parse(trailing, sizeof trailing, ctx, &st, &e), -1);
    err_clear(&e);
    static const uint8_t bare[] = {0, 3, 0, 0};
    assert_int_equal(wire_startup_parse(bare, sizeof bare, ctx, &st, &e), -1);
    err_clear(&e);
    static const uint8_t empty_ok[] = {0, 3, 0, 0, 0};
    assert_int_equal(wire_startup_parse(empty_ok, sizeof empty_ok, ctx, &st, &e), 0);
    assert_null(st.user);
    mem_ctx_delete(ctx);
}

static void test_query_parse(void **state)
{
    const char *sql;
    OmError e = {0};
    assert_int_equal(wire_query_parse((const uint8_t *)"select 1", 9, &sql, &e), 0);
    assert_string_equal(sql, "select 1");
    assert_int_equal(wire_query_parse((const uint8_t *)"", 1, &sql, &e), 0);
    assert_string_equal(sql, "");

    assert_int_equal(wire_query_parse((const uint8_t *)"select 1", 8, &sql, &e), -1);
    assert_string_equal(e.message, "invalid string in message");
    assert_string_equal(e.sqlstate, "08P01");
    assert_int_equal(e.severity, OM_SEV_ERROR); /* the session survives */
    err_clear(&e);
    assert_int_equal(wire_query_parse((const uint8_t *)"", 0, &sql, &e), -1);
    assert_string_equal(e.message, "invalid string in message");
    err_clear(&e);
    assert_int_equal(wire_query_parse((const uint8_t *)"select 1\0xx", 11, &sql, &e), -1);
    assert_string_equal(e.message, "invalid message format");
    err_clear(&e);
    assert_int_equal(wire_query_parse((const uint8_t *)"select '\xc3\x28'", 12, &sql, &e), -1);
    assert_string_equal(e.sqlstate, "22021");
    assert_string_equal(e.message, "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
}

static void expect_utf8_error(const char *s, size_t len, const char *bytes)
{
    OmError e = {0};
    assert_int_equal(wire_utf8_verify(s, len, &e), -1);
    char want[128];
    snprintf(want, sizeof want, "invalid byte sequence for encoding \"UTF8\": %s", bytes);
    assert_string_equal(e.message, want);
}

static void test_utf8(void **state)
{
    OmError e = {0};
    const char *ok = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf z";
    assert_int_equal(wire_utf8_verify(ok, strlen(ok), &e), 0);
    assert_int_equal(wire_utf8_verify("", 0, &e), 0);
    expect_utf8_error("\xc0\x80", 2, "0xc0 0x80");          /* overlong NUL */
    expect_utf8_error("\xe0\x80\x80", 3, "0xe0 0x80 0x80");  /* overlong */
    expect_utf8_error("x\xed\xa0\x80", 4, "0xed 0xa0 0x80"); /* surrogate */
    expect_utf8_error("\xf4\x90\x80\x80", 4, "0xf4 0x90 0x80 0x80"); /* > U+10FFFF */
    expect_utf8_error("\xf8\x88\x80\x80\x80", 5, "0xf8");
    expect_utf8_error("\x80", 1, "0x80");
    expect_utf8_error("ab\xe2\x82", 4, "0xe2 0x82"); /* cut short */
    expect_utf8_error("a\0b", 3, "0x00");
}

static void test_builders(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "test");
    OmBuf b;
    buf_init(&b, ctx, 64);

    wire_put_ready(&b, 'T');
    assert_int_equal(b.len, 6);
    assert_memory_equal(b.data, "Z\0\0\0\5T", 6);
    buf_reset(&b);

    wire_put_auth_ok(&b);
    assert_memory_equal(b.data, "R\0\0\0\x08\0\0\0\0", 9);
    buf_reset(&b);

    wire_put_backend_key(&b, 0x01020304, 0xA0B0C0D0);
    assert_memory_equal(b.data, "K\0\0\0\x0c\x01\x02\x03\x04\xa0\xb0\xc0\xd0", 13);
    buf_reset(&b);

    wire_put_param_status(&b, "TimeZone", "UTC");
    assert_int_equal(b.len, 1 + 4 + 9 + 4);
    assert_memory_equal(b.data, "S\0\0\0\x11TimeZone\0UTC\0", 18);
    buf_reset(&b);

    wire_put_complete(&b, "SELECT 1");
    assert_memory_equal(b.data, "C\0\0\0\x0dSELECT 1\0", 14);
    buf_reset(&b);

    wire_put_empty_query(&b);
    assert_memory_equal(b.data, "I\0\0\0\x04", 5);
    buf_reset(&b);

    const char *opts[] = {"_pq_.foo"};
    wire_put_negotiate(&b, 0, 1, opts);
    assert_memory_equal(b.data, "v\0\0\0\x15\0\3\0\0\0\0\0\1_pq_.foo\0", 22);
    buf_reset(&b);

    OmError e = {0};
    err_set(&e, "42601", "syntax error at or near \"selec\"");
    err_detail(&e, "some detail");
    err_hint(&e, "some hint");
    err_position(&e, 7);
    e.file = "../src/parser/parser.c";
    e.line = 12;
    wire_put_error(&b, &e);
    assert_int_equal(b.data[0], 'E');
    assert_int_equal(be32(b.data + 1), b.len - 1);
    const uint8_t *body = (const uint8_t *)b.data + 5;
    size_t blen = b.len - 5;
    assert_int_equal(body[blen - 1], 0);
    assert_string_equal(err_field(body, blen, 'S'), "ERROR");
    assert_string_equal(err_field(body, blen, 'V'), "ERROR");
    assert_string_equal(err_field(body, blen, 'C'), "42601");
    assert_string_equal(err_field(body, blen, 'M'), "syntax error at or near \"selec\"");
    assert_string_equal(err_field(body, blen, 'D'), "some detail");
    assert_string_equal(err_field(body, blen, 'H'), "some hint");
    assert_string_equal(err_field(body, blen, 'P'), "7");
    assert_string_equal(err_field(body, blen, 'F'), "parser.c");
    assert_string_equal(err_field(body, blen, 'L'), "12");
    /* S comes first, as clients expect. */
    assert_int_equal(body[0], 'S');
    buf_reset(&b);

    OmError f = {0};
    err_set(&f, "53300", "sorry, too many clients already");
    f.severity = OM_SEV_FATAL;
    f.file = NULL;
    wire_put_error(&b, &f);
    body = (const uint8_t *)b.data + 5;
    blen = b.len - 5;
    assert_string_equal(err_field(body, blen, 'S'), "FATAL");
    assert_null(err_field(body, blen, 'D'));
    assert_null(err_field(body, blen, 'H'));
    assert_null(err_field(body, blen, 'P'));
    assert_null(err_field(body, blen, 'F'));
    buf_reset(&b);

    wire_put_notice(&b, "WARNING", "01000", "w");
    assert_int_equal(b.data[0], 'N');
    body = (const uint8_t *)b.data + 5;
    blen = b.len - 5;
    assert_string_equal(err_field(body, blen, 'V'), "WARNING");
    assert_string_equal(err_field(body, blen, 'C'), "01000");
    assert_string_equal(err_field(body, blen, 'M'), "w");
    mem_ctx_delete(ctx);
}

static void test_row_messages(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "test");
    OmBuf b;
    buf_init(&b, ctx, 64);

    SrvColumn cols[3] = {
        {.name = "id", .table_oid = 16384, .attnum = 1, .type = {OM_T_INT4, -1}},
        {.name = "name", .table_oid = 16384, .attnum = 2, .type = {OM_T_VARCHAR, 10}},
        {.name = "?column?", .type = {OM_T_TEXT, -1}},
    };
    wire_put_row_desc(&b, 3, cols);
    const uint8_t *p = (const uint8_t *)b.data;
    assert_int_equal(p[0], 'T');
    assert_int_equal(be32(p + 1), b.len - 1);
    assert_int_equal(be16(p + 5), 3);
    p += 7;
    assert_string_equal((const char *)p, "id");
    p += 3;
    assert_int_equal(be32(p), 16384);
    assert_int_equal(be16(p + 4), 1);
    assert_int_equal(be32(p + 6), 23);           /* int4 */
    assert_int_equal((int16_t)be16(p + 10), 4);
    assert_int_equal((int32_t)be32(p + 12), -1);
    assert_int_equal(be16(p + 16), 0);
    p += 18;
    assert_string_equal((const char *)p, "name");
    p += 5;
    assert_int_equal(be32(p + 6), 1043);         /* varchar */
    assert_int_equal((int16_t)be16(p + 10), -1);
    assert_int_equal((int32_t)be32(p + 12), 14); /* varchar(10): atttypmod 14 */
    p += 18;
    assert_string_equal((const char *)p, "?column?");
    p += 9;
    assert_int_equal(be32(p + 6), 25);
    p += 18;
    assert_ptr_equal(p, (const uint8_t *)b.data + b.len);

    assert_int_equal(wire_typmod((OmType){OM_T_BPCHAR, 1}), 5);
    assert_int_equal(wire_typmod((OmType){OM_T_VARCHAR, -1}), -1);
    assert_int_equal(wire_typmod((OmType){OM_T_INT8, -1}), -1);

    /* DataRow: text format, NULL as length -1. */
    OmPhysType phys[3] = {OM_PHYS_I32, OM_PHYS_STR, OM_PHYS_STR};
    OmBatch *batch = om_batch_create(ctx, 3, phys, false);
    ((int32_t *)batch->cols[0].data)[0] = -42;
    ((OmStr *)batch->cols[1].data)[0] = (OmStr){"héllo", 6};
    om_vec_set_null(&batch->cols[2], 0, true);
    batch->count = 1;
    buf_reset(&b);
    wire_put_data_row(&b, batch, 0, 3, cols);
    static const uint8_t want[] = {'D', 0, 0, 0, 27, 0, 3, 0, 0, 0, 3, '-', '4', '2',
                                   0, 0, 0, 6, 'h', 0xc3, 0xa9, 'l', 'l', 'o',
                                   0xFF, 0xFF, 0xFF, 0xFF};
    assert_int_equal(b.len, sizeof want);
    assert_memory_equal(b.data, want, sizeof want);
    mem_ctx_delete(ctx);
}

/* ================================================================ part 2 */

typedef struct {
    int fd;
    const uint8_t *data;
    size_t len;
    size_t step;   /* bytes per write */
    size_t got;    /* for readers */
    int delay_us;
} Pump;

static void *pump_writer(void *arg)
{
    Pump *p = arg;
    for (size_t i = 0; i < p->len; i += p->step) {
        size_t k = p->len - i < p->step ? p->len - i : p->step;
        if (write(p->fd, p->data + i, k) != (ssize_t)k) break;
        if (p->delay_us) usleep((useconds_t)p->delay_us);
    }
    shutdown(p->fd, SHUT_WR);
    return NULL;
}

static void *pump_reader(void *arg)
{
    Pump *p = arg;
    uint8_t buf[7000];
    ssize_t r;
    while ((r = read(p->fd, buf, sizeof buf)) > 0) {
        p->got += (size_t)r;
        if (p->delay_us) usleep((useconds_t)p->delay_us);
    }
    return NULL;
}

static WireConn *make_conn(MemCtx *ctx, SrvConn *sc, int fd, int stop_fd)
{
    memset(sc, 0, sizeof *sc);
    sc->fd = fd;
    sc->stop_fd = stop_fd;
    snprintf(sc->peer, sizeof sc->peer, "test");
    WireConn *c = mem_new(ctx, WireConn);
    c->sc = sc;
    c->fd = fd;
    c->ctx = ctx;
    c->msg_ctx = mem_ctx_create(ctx, "msg");
    c->out_ctx = mem_ctx_create(ctx, "out");
    buf_init(&c->out, c->out_ctx, 64);
    return c;
}

static void test_io_split_reads(void **state)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    MemCtx *ctx = mem_ctx_create(NULL, "test");
    SrvConn sc;
    WireConn *c = make_conn(ctx, &sc, sv[1], -1);

    /* 20000 bytes written one at a time, read back in odd sizes. */
    size_t total = 20000;
    uint8_t *src = malloc(total), *dst = malloc(total);
    for (size_t i = 0; i < total; i++) src[i] = (uint8_t)(i * 7);
    Pump w = {.fd = sv[0], .data = src, .len = total, .step = 1};
    pthread_t t;
    pthread_create(&t, NULL, pump_writer, &w);
    size_t off = 0, sizes[] = {1, 4, 5, 8191, 3, 9000, 2};
    for (size_t i = 0; off < total; i = (i + 1) % 7) {
        size_t k = total - off < sizes[i] ? total - off : sizes[i];
        assert_int_equal(wire_io_read(c, dst + off, k), WIRE_IO_OK);
        off += k;
    }
    assert_memory_equal(src, dst, total);
    /* The writer has shut its side: the next read is EOF, even mid-message. */
    uint8_t x[10];
    assert_int_equal(wire_io_read(c, x, 10), WIRE_IO_EOF);
    pthread_join(t, NULL);
    free(src);
    free(dst);
    close(sv[0]);
    close(sv[1]);
    mem_ctx_delete(ctx);
}

static void test_io_big_flush(void **state)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    MemCtx *ctx = mem_ctx_create(NULL, "test");
    SrvConn sc;
    WireConn *c = make_conn(ctx, &sc, sv[1], -1);

    /* 3 MB against a slow reader: many short writes. */
    size_t total = 3u << 20;
    char *blob = malloc(total);
    memset(blob, 'x', total);
    buf_append(&c->out, blob, total);
    Pump r = {.fd = sv[0], .delay_us = 50};
    pthread_t t;
    pthread_create(&t, NULL, pump_reader, &r);
    assert_int_equal(wire_io_flush(c), 0);
    assert_int_equal(c->out.len, 0);
    assert_true(c->out.cap <= WIRE_OUT_KEEP); /* the big buffer was dropped */
    shutdown(sv[1], SHUT_WR);
    pthread_join(t, NULL);
    assert_int_equal(r.got, total);

    /* Writing to a closed peer fails cleanly (no SIGPIPE) and marks the conn. */
    close(sv[0]);
    buf_append(&c->out, blob, 1000);
    assert_int_equal(wire_io_flush(c), -1);
    assert_true(c->broken);
    assert_int_equal(wire_io_maybe_flush(c), -1);
    free(blob);
    close(sv[1]);
    mem_ctx_delete(ctx);
}

static void test_io_stop(void **state)
{
    int sv[2], stop[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    assert_int_equal(pipe(stop), 0);
    MemCtx *ctx = mem_ctx_create(NULL, "test");
    SrvConn sc;
    WireConn *c = make_conn(ctx, &sc, sv[1], stop[0]);
    assert_int_equal(write(sv[0], "ab", 2), 2);
    uint8_t x[4];
    assert_int_equal(wire_io_read(c, x, 2), WIRE_IO_OK);
    assert_int_equal(write(stop[1], "x", 1), 1);
    assert_int_equal(wire_io_read(c, x, 1), WIRE_IO_STOP);

    /* A deadline in the past times out. */
    close(stop[0]);
    close(stop[1]);
    sc.stop_fd = -1;
    c->deadline_ms = om_mono_ms() - 1;
    assert_int_equal(wire_io_read(c, x, 1), WIRE_IO_TIMEOUT);
    close(sv[0]);
    close(sv[1]);
    mem_ctx_delete(ctx);
}

/* ================================================================ part 3 */

static StorEnv *env;
static char datadir[256];

static int group_setup(void **state)
{
    snprintf(datadir, sizeof datadir, "/tmp/omendb_test_wire_XXXXXX");
    if (!mkdtemp(datadir)) return -1;
    OmError e = {0};
    if (stor_env_open(datadir, 64u << 20, &env, &e) < 0 || cat_bootstrap(env, &e) < 0) {
        fprintf(stderr, "test_wire: no storage environment (%s): connection tests skipped\n",
                e.message);
        if (env) stor_env_close(env);
        env = NULL;
    }
    return 0;
}

static int group_teardown(void **state)
{
    if (env) stor_env_close(env);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", datadir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A connection served on a thread; the test is the client on cfd. */
typedef struct {
    SrvConn sc;
    int cfd;
    int stop[2];
    pthread_t thread;
} Served;

static void *serve_thread(void *arg)
{
    wire_conn_serve(&((Served *)arg)->sc);
    shutdown(((Served *)arg)->sc.fd, SHUT_RDWR); /* what the listener's close does */
    return NULL;
}

static Served *serve(bool too_many)
{
    if (!env) skip();
    Served *s = calloc(1, sizeof *s);
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    assert_int_equal(pipe(s->stop), 0);
    s->cfd = sv[0];
    s->sc.fd = sv[1];
    s->sc.env = env;
    s->sc.stop_fd = s->stop[0];
    s->sc.pid = 4242;
    s->sc.secret = 0x5EC2E7;
    s->sc.too_many = too_many;
    snprintf(s->sc.peer, sizeof s->sc.peer, "test");
    pthread_create(&s->thread, NULL, serve_thread, s);
    return s;
}

static void finish(Served *s)
{
    pthread_join(s->thread, NULL);
    close(s->cfd);
    close(s->sc.fd);
    close(s->stop[0]);
    close(s->stop[1]);
    free(s);
}

static void send_bytes(Served *s, const void *p, size_t n)
{
    assert_int_equal(write(s->cfd, p, n), (ssize_t)n);
}

static void send_startup(Served *s, const char *user, const char *db)
{
    uint8_t pkt[256];
    size_t n = db ? startup_pkt(pkt, WIRE_PROTO_3_0, "user", user, "database", db, NULL)
                  : startup_pkt(pkt, WIRE_PROTO_3_0, "user", user, NULL);
    send_bytes(s, pkt, n);
}

static void send_msg(Served *s, char type, const void *body, size_t blen)
{
    uint8_t buf[1024];
    send_bytes(s, buf, fe_msg(buf, type, body, blen));
}

/* Read exactly n bytes; false on EOF. */
static bool read_full(int fd, void *dst, size_t n)
{
    uint8_t *d = dst;
    while (n > 0) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 5000) != 1) fail_msg("timed out waiting for the server");
        ssize_t r = read(fd, d, n);
        if (r <= 0) return false;
        d += r;
        n -= (size_t)r;
    }
    return true;
}

typedef struct {
    char type;
    uint32_t len; /* body length */
    uint8_t body[4096];
} BeMsg;

/* Read one backend message; false on EOF. */
static bool read_msg(Served *s, BeMsg *m)
{
    uint8_t h[5];
    if (!read_full(s->cfd, h, 1)) return false;
    if (!read_full(s->cfd, h + 1, 4)) fail_msg("EOF inside a message header");
    m->type = (char)h[0];
    m->len = be32(h + 1) - 4;
    assert_true(m->len < sizeof m->body);
    if (!read_full(s->cfd, m->body, m->len)) fail_msg("EOF inside a message");
    return true;
}

static void expect_msg(Served *s, BeMsg *m, char type)
{
    if (!read_msg(s, m)) fail_msg("EOF, expected '%c'", type);
    if (m->type != type) fail_msg("got '%c', expected '%c'", m->type, type);
}

static void expect_error(Served *s, const char *sev, const char *code, const char *msg)
{
    BeMsg m;
    expect_msg(s, &m, 'E');
    assert_string_equal(err_field(m.body, m.len, 'S'), sev);
    assert_string_equal(err_field(m.body, m.len, 'V'), sev);
    assert_string_equal(err_field(m.body, m.len, 'C'), code);
    assert_string_equal(err_field(m.body, m.len, 'M'), msg);
}

static void expect_ready(Served *s, char status)
{
    BeMsg m;
    expect_msg(s, &m, 'Z');
    assert_int_equal(m.len, 1);
    assert_int_equal(m.body[0], status);
}

static void expect_eof(Served *s)
{
    BeMsg m;
    if (read_msg(s, &m)) fail_msg("expected EOF, got '%c'", m.type);
}

/* AuthenticationOk .. ReadyForQuery, checking every ParameterStatus. */
static void expect_greeting(Served *s, const char *user)
{
    static const char *names[] = {"application_name", "client_encoding", "DateStyle",
                                  "default_transaction_read_only", "in_hot_standby",
                                  "integer_datetimes", "IntervalStyle", "is_superuser",
                                  "server_encoding", "server_version", "session_authorization",
                                  "standard_conforming_strings", "TimeZone"};
    BeMsg m;
    expect_msg(s, &m, 'R');
    assert_int_equal(be32(m.body), 0);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        expect_msg(s, &m, 'S');
        assert_string_equal((const char *)m.body, names[i]);
        const char *v = (const char *)m.body + strlen(names[i]) + 1;
        if (strcmp(names[i], "client_encoding") == 0) assert_string_equal(v, "UTF8");
        if (strcmp(names[i], "DateStyle") == 0) assert_string_equal(v, "ISO, MDY");
        if (strcmp(names[i], "session_authorization") == 0) assert_string_equal(v, user);
        if (strcmp(names[i], "server_version") == 0) {
            int maj = 0, min = 0;
            assert_int_equal(sscanf(v, "%d.%d", &maj, &min), 2); /* libpq's parse */
            assert_int_equal(maj, 15);
        }
    }
    expect_msg(s, &m, 'K');
    assert_int_equal(be32(m.body), 4242);
    assert_int_equal(be32(m.body + 4), 0x5EC2E7);
    expect_ready(s, 'I');
}

static void test_conn_startup_ok(void **state)
{
    Served *s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");
    send_msg(s, 'X', NULL, 0);
    expect_eof(s);
    finish(s);
}

static void test_conn_bad_login(void **state)
{
    Served *s = serve(false);
    send_startup(s, "nosuch", "postgres");
    BeMsg m;
    expect_msg(s, &m, 'R'); /* trust auth succeeds before the role lookup */
    expect_error(s, "FATAL", "28000", "role \"nosuch\" does not exist");
    expect_eof(s);
    finish(s);

    s = serve(false);
    send_startup(s, "postgres", "nosuchdb");
    expect_msg(s, &m, 'R');
    expect_error(s, "FATAL", "3D000", "database \"nosuchdb\" does not exist");
    expect_eof(s);
    finish(s);

    s = serve(false);
    uint8_t pkt[64];
    send_bytes(s, pkt, startup_pkt(pkt, WIRE_PROTO_3_0, "database", "postgres", NULL));
    expect_error(s, "FATAL", "28000", "no PostgreSQL user name specified in startup packet");
    expect_eof(s);
    finish(s);
}

static void test_conn_too_many(void **state)
{
    Served *s = serve(true);
    send_startup(s, "postgres", NULL);
    expect_error(s, "FATAL", "53300", "sorry, too many clients already");
    expect_eof(s);
    finish(s);
}

static void test_conn_negotiation(void **state)
{
    static const uint8_t ssl[8] = {0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F};
    static const uint8_t gss[8] = {0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x30};
    uint8_t c;

    /* SSLRequest, then GSSENCRequest, both refused, then a normal startup. */
    Served *s = serve(false);
    send_bytes(s, ssl, 8);
    assert_true(read_full(s->cfd, &c, 1));
    assert_int_equal(c, 'N');
    send_bytes(s, gss, 8);
    assert_true(read_full(s->cfd, &c, 1));
    assert_int_equal(c, 'N');
    send_startup(s, "postgres", "postgres");
    expect_greeting(s, "postgres");
    send_msg(s, 'X', NULL, 0);
    expect_eof(s);
    finish(s);

    /* A second SSLRequest is taken as a startup packet of version 1234.5679. */
    s = serve(false);
    send_bytes(s, ssl, 8);
    assert_true(read_full(s->cfd, &c, 1));
    send_bytes(s, ssl, 8);
    expect_error(s, "FATAL", "0A000", "unsupported frontend protocol 1234.5679: server supports 3.0 to 3.0");
    expect_eof(s);
    finish(s);

    /* Data sent before the answer to SSLRequest is refused. */
    s = serve(false);
    uint8_t both[128];
    memcpy(both, ssl, 8);
    size_t n = 8 + startup_pkt(both + 8, WIRE_PROTO_3_0, "user", "postgres", NULL);
    send_bytes(s, both, n);
    assert_true(read_full(s->cfd, &c, 1));
    assert_int_equal(c, 'N');
    expect_error(s, "FATAL", "08P01", "received unencrypted data after SSL request");
    expect_eof(s);
    finish(s);

    /* CancelRequest: read and closed, no reply. */
    s = serve(false);
    static const uint8_t cancel[16] = {0, 0, 0, 16, 0x04, 0xD2, 0x16, 0x2E, 0, 0, 0, 1, 0, 0, 0, 2};
    send_bytes(s, cancel, 16);
    expect_eof(s);
    finish(s);

    /* Protocol 3.1 with an unknown _pq_ option: NegotiateProtocolVersion first. */
    s = serve(false);
    uint8_t pkt[128];
    send_bytes(s, pkt, startup_pkt(pkt, (3u << 16) | 1, "user", "postgres", "_pq_.x", "1", NULL));
    BeMsg m;
    expect_msg(s, &m, 'v');
    assert_int_equal(be32(m.body), 3u << 16);
    assert_int_equal(be32(m.body + 4), 1);
    assert_string_equal((const char *)m.body + 8, "_pq_.x");
    expect_greeting(s, "postgres");
    send_msg(s, 'X', NULL, 0);
    expect_eof(s);
    finish(s);

    /* Protocol 2.0 gets its error in the 2.0 format. */
    s = serve(false);
    send_bytes(s, pkt, startup_pkt(pkt, 2u << 16, "user", "postgres", NULL));
    char v2[128] = {0};
    const char *want = "EFATAL:  unsupported frontend protocol 2.0: server supports 3.0 to 3.0\n";
    assert_true(read_full(s->cfd, v2, strlen(want) + 1));
    assert_string_equal(v2, want);
    expect_eof(s);
    finish(s);

    /* Too short a startup length: closed without a word, as PostgreSQL does. */
    s = serve(false);
    static const uint8_t tiny[8] = {0, 0, 0, 7, 0, 3, 0, 0};
    send_bytes(s, tiny, 8);
    expect_eof(s);
    finish(s);
    s = serve(false);
    static const uint8_t big[8] = {0, 0, 0x4E, 0x21, 0, 3, 0, 0}; /* 20001 */
    send_bytes(s, big, 8);
    /* An oversized packet (10,000 parameters) is told why before the close
     * (PostgreSQL only logs it). */
    BeMsg em;
    expect_msg(s, &em, 'E');
    assert_non_null(memmem(em.body, em.len, "C08P01", 7));
    assert_non_null(memmem(em.body, em.len, "Minvalid length of startup packet", 34));
    expect_eof(s);
    finish(s);

    /* Bad layout. */
    s = serve(false);
    static const uint8_t layout[14] = {0, 0, 0, 14, 0, 3, 0, 0, 'u', 's', 'e', 'r', 0, 'x'};
    send_bytes(s, layout, 14);
    expect_error(s, "FATAL", "08P01", "invalid startup packet layout: expected terminator as last byte");
    expect_eof(s);
    finish(s);
}

static void test_conn_query_errors(void **state)
{
    Served *s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");

    send_msg(s, 'Q', "select 1", 8); /* no NUL */
    expect_error(s, "ERROR", "08P01", "invalid string in message");
    expect_ready(s, 'I');
    send_msg(s, 'Q', "select 1\0x", 10);
    expect_error(s, "ERROR", "08P01", "invalid message format");
    expect_ready(s, 'I');
    send_msg(s, 'Q', "select '\xff'", 11);
    expect_error(s, "ERROR", "22021", "invalid byte sequence for encoding \"UTF8\": 0xff");
    expect_ready(s, 'I');

    /* A real query: whatever the pipeline answers, it ends in ReadyForQuery. */
    send_msg(s, 'Q', "select 1", 9);
    BeMsg m;
    for (;;) {
        if (!read_msg(s, &m)) fail_msg("EOF after a query");
        if (m.type == 'Z') break;
        assert_non_null(strchr("TDCIEN", m.type));
    }
    send_msg(s, 'X', NULL, 0);
    expect_eof(s);
    finish(s);
}

static void test_conn_extended_recovery(void **state)
{
    Served *s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");

    /* A bare Sync just gets ReadyForQuery. */
    send_msg(s, 'S', NULL, 0);
    expect_ready(s, 'I');

    /* Parse/Bind/Execute: one error, then everything up to Sync is skipped,
     * a Query included; the Sync gets ReadyForQuery. */
    send_msg(s, 'P', "\0select 1\0\0\0", 12);
    send_msg(s, 'B', "\0\0\0\0\0\0\0\0", 8);
    send_msg(s, 'E', "\0\0\0\0\0", 5);
    send_msg(s, 'Q', "select 1", 9);
    send_msg(s, 'H', NULL, 0);
    send_msg(s, 'S', NULL, 0);
    expect_error(s, "ERROR", "0A000", "extended query protocol is not supported yet");
    expect_ready(s, 'I');

    /* Copy messages outside COPY are ignored; FunctionCall is refused. */
    send_msg(s, 'd', "abc", 3);
    send_msg(s, 'c', NULL, 0);
    send_msg(s, 'F', "\0\0\0\0", 4);
    expect_error(s, "ERROR", "0A000", "fastpath function calls are not supported");
    expect_ready(s, 'I');

    /* Terminate works while skipping to Sync. */
    send_msg(s, 'D', "S\0", 2);
    expect_error(s, "ERROR", "0A000", "extended query protocol is not supported yet");
    send_msg(s, 'X', NULL, 0);
    expect_eof(s);
    finish(s);
}

static void test_conn_fatal_framing(void **state)
{
    Served *s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");
    send_msg(s, 'Z', NULL, 0);
    expect_error(s, "FATAL", "08P01", "invalid frontend message type 90");
    expect_eof(s);
    finish(s);

    s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");
    static const uint8_t shortlen[5] = {'Q', 0, 0, 0, 3};
    send_bytes(s, shortlen, 5);
    expect_error(s, "FATAL", "08P01", "invalid message length");
    expect_eof(s);
    finish(s);

    s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");
    static const uint8_t huge[5] = {'Q', 0x7F, 0xFF, 0xFF, 0xFF};
    send_bytes(s, huge, 5);
    expect_error(s, "FATAL", "08P01", "invalid message length");
    expect_eof(s);
    finish(s);

    s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");
    static const uint8_t sync_big[5] = {'S', 0, 0, 0x27, 0x11}; /* 10001 */
    send_bytes(s, sync_big, 5);
    expect_error(s, "FATAL", "08P01", "invalid message length");
    expect_eof(s);
    finish(s);
}

static void test_conn_vanishing_client(void **state)
{
    /* Gone in the middle of a message body. */
    Served *s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");
    static const uint8_t partial[8] = {'Q', 0, 0, 1, 0, 's', 'e', 'l'};
    send_bytes(s, partial, 8);
    shutdown(s->cfd, SHUT_WR);
    expect_eof(s);
    finish(s);

    /* Gone in the middle of a length word. */
    s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");
    send_bytes(s, "Q\0\0", 3);
    shutdown(s->cfd, SHUT_WR);
    expect_eof(s);
    finish(s);

    /* Gone in the middle of the startup packet. */
    s = serve(false);
    static const uint8_t half[6] = {0, 0, 0, 40, 0, 3};
    send_bytes(s, half, 6);
    shutdown(s->cfd, SHUT_WR);
    expect_eof(s);
    finish(s);

    /* Gone without reading the answers: the server must not die of SIGPIPE. */
    s = serve(false);
    send_startup(s, "postgres", NULL);
    send_msg(s, 'Q', "select 1", 9);
    close(s->cfd);
    s->cfd = -1;
    pthread_join(s->thread, NULL);
    close(s->sc.fd);
    close(s->stop[0]);
    close(s->stop[1]);
    free(s);
}

static void test_conn_shutdown(void **state)
{
    Served *s = serve(false);
    send_startup(s, "postgres", NULL);
    expect_greeting(s, "postgres");
    assert_int_equal(write(s->stop[1], "x", 1), 1);
    expect_error(s, "FATAL", "57P01", "terminating connection due to administrator command");
    expect_eof(s);
    finish(s);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    log_set_level(OM_LOG_ERROR); /* refused connections are logged at info */
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(test_msg_limits),
        cmocka_unit_test(test_msg_split),
        cmocka_unit_test(test_startup_parse),
        cmocka_unit_test(test_query_parse),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_builders),
        cmocka_unit_test(test_row_messages),
        cmocka_unit_test(test_io_split_reads),
        cmocka_unit_test(test_io_big_flush),
        cmocka_unit_test(test_io_stop),
    };
    const struct CMUnitTest conn[] = {
        cmocka_unit_test(test_conn_startup_ok),
        cmocka_unit_test(test_conn_bad_login),
        cmocka_unit_test(test_conn_too_many),
        cmocka_unit_test(test_conn_negotiation),
        cmocka_unit_test(test_conn_query_errors),
        cmocka_unit_test(test_conn_extended_recovery),
        cmocka_unit_test(test_conn_fatal_framing),
        cmocka_unit_test(test_conn_vanishing_client),
        cmocka_unit_test(test_conn_shutdown),
    };
    int failed = cmocka_run_group_tests_name("wire_bytes", pure, NULL, NULL);
    failed += cmocka_run_group_tests_name("wire_connections", conn, group_setup, group_teardown);
    return failed;
}
