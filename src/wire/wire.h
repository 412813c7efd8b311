/*
 * wire.h — the PostgreSQL v3 frontend/backend protocol, backend side.
 *
 * wire_conn_serve runs one client connection from the startup packet to the
 * end of the session; the listener calls it on the connection's own thread.
 * The rest of this header is the protocol's pure parts — framing checks,
 * packet parsers and message builders working on byte buffers — exported so
 * unit tests and fuzz harnesses can reach them without a socket.
 *
 * Byte order is network order throughout. Builders append complete messages
 * to an OmBuf; parsers never read past the length they are given.
 */
#ifndef OM_WIRE_H
#define OM_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../common/err.h"
#include "../common/mem.h"
#include "../server/server.h"
#include "../server/session.h"

/* Startup packet codes (the first int32 after the length). */
#define WIRE_PROTO_3_0 196608u       /* 3.0 */
#define WIRE_CANCEL_CODE 80877102u   /* 1234.5678 */
#define WIRE_SSL_CODE 80877103u      /* 1234.5679 */
#define WIRE_GSSENC_CODE 80877104u   /* 1234.5680 */
#define WIRE_PROTO_MAJOR(v) ((v) >> 16)
#define WIRE_PROTO_MINOR(v) ((v) & 0xFFFF)

/* Size limits, counting the 4-byte length word itself. */
#define WIRE_STARTUP_MAX 10000u                   /* PostgreSQL's MAX_STARTUP_PACKET_LENGTH */
#define WIRE_SMALL_MSG_MAX 10000u                 /* PQ_SMALL_MESSAGE_LIMIT */
#define WIRE_LARGE_MSG_MAX 0x3FFFFFFEu            /* PQ_LARGE_MESSAGE_LIMIT: 1 GB - 2 */
/* Bodies above WIRE_MSG_FREE bytes are counted against one server-wide
 * budget of WIRE_MSG_BUDGET bytes (wire_conn.c), so many clients sending
 * 1 GB messages at once cannot exhaust memory: a message past the budget is
 * read and discarded and gets ERROR 53200; the session goes on. */
#define WIRE_MSG_FREE (1u << 20)
#define WIRE_MSG_BUDGET (4ull << 30)

/* Output is flushed when this much is buffered (and before ReadyForQuery). */
#define WIRE_FLUSH_AT (64u * 1024u)

/* Names longer than this are cut, like PostgreSQL's NAMEDATALEN - 1. */
#define WIRE_NAME_MAX 63

/* The SrvConnHandler for the listener: serve conn until the client leaves,
 * the session hits a FATAL error, or the server shuts down. Rolls back and
 * destroys the session before returning; does not close conn->fd. */
void wire_conn_serve(SrvConn *conn);

/* ---------------------------------------------------------------- framing */

/* Largest allowed length word for a frontend message type, or 0 if the type
 * is not a valid frontend message ('Q', 'X', 'S', 'P', 'B', 'D', 'E', 'C',
 * 'H', 'F', 'd', 'c', 'f' are). */
uint32_t wire_msg_limit(uint8_t type);

/* Check a message header: FATAL 08P01 "invalid frontend message type N" or
 * "invalid message length" (len counts itself: < 4 or over the type's
 * limit). Returns 0 or -1 with err set. */
int wire_msg_check(uint8_t type, uint32_t len, OmError *err);

/* Frame one message from the start of buf[0..avail). Returns 1 with the
 * type, body (pointing into buf) and *consumed set; 0 if more bytes are
 * needed; -1 with err set (see wire_msg_check). */
int wire_msg_split(const uint8_t *buf, size_t avail, uint8_t *type, const uint8_t **body,
                   size_t *body_len, size_t *consumed, OmError *err);

/* Check a startup packet's length word (counting itself): 8..WIRE_STARTUP_MAX. */
bool wire_startup_len_ok(uint32_t len);

/* ---------------------------------------------------------------- parsing */

/* A parsed StartupMessage. Strings live in the ctx given to the parser. */
typedef struct WireStartup {
    uint32_t version;        /* protocol version requested */
    const char *user;        /* NULL if absent; cut to WIRE_NAME_MAX bytes */
    const char *database;    /* defaults to user; cut to WIRE_NAME_MAX bytes */
    const char *options;     /* "options" parameter (command-line style), or NULL */
    const char *application_name; /* cleaned to printable ASCII ('?' for others), or NULL */
    int nparams;             /* every other parameter, in order (stored, not applied) */
    const char **names;
    const char **values;
    int nunknown;            /* "_pq_.*" protocol options we do not recognize */
    const char **unknown;
} WireStartup;

/* Parse a startup packet body (everything after the length word: the version
 * and the NUL-terminated name/value pairs ending in an empty name). Errors
 * are FATAL, PostgreSQL's: 0A000 "unsupported frontend protocol 2.0: server
 * supports 3.0 to 3.0" for a major version other than 3, 08P01 "invalid
 * startup packet layout: expected terminator as last byte". A missing user is
 * not an error here (the caller reports it after protocol negotiation). */
int wire_startup_parse(const uint8_t *pkt, size_t len, MemCtx *ctx, WireStartup *out,
                       OmError *err);

/* The SQL text of a Query message body: it must hold exactly one
 * NUL-terminated string (ERROR 08P01 "invalid string in message" / "invalid
 * message format") in valid UTF-8 (ERROR 22021). *sql points into body. */
int wire_query_parse(const uint8_t *body, size_t len, const char **sql, OmError *err);

/* Validate UTF-8 as PostgreSQL does (no NUL, no surrogates, no overlongs,
 * nothing above U+10FFFF): 0, or -1 with 22021 'invalid byte sequence for
 * encoding "UTF8": 0xc3 0x28'. */
int wire_utf8_verify(const char *s, size_t len, OmError *err);

/* ---------------------------------------------------------------- building */

/* Start a message of the given type; returns the offset of its length word
 * for wire_msg_end, which fills it in. */
size_t wire_msg_begin(OmBuf *out, char type);
void wire_msg_end(OmBuf *out, size_t start);

/* ErrorResponse ('E') from e: fields S, V, C, M, then D, H, P when present,
 * then F (file base name) and L when known. */
void wire_put_error(OmBuf *out, const OmError *e);
/* NoticeResponse ('N'): S, V, C, M. */
void wire_put_notice(OmBuf *out, const char *severity, const char *sqlstate, const char *msg);
void wire_put_auth_ok(OmBuf *out);
void wire_put_param_status(OmBuf *out, const char *name, const char *value);
void wire_put_backend_key(OmBuf *out, uint32_t pid, uint32_t secret);
void wire_put_ready(OmBuf *out, char status);
void wire_put_complete(OmBuf *out, const char *tag);
void wire_put_empty_query(OmBuf *out);
/* NegotiateProtocolVersion ('v'): newest minor version we support (0) and
 * the protocol options we did not recognize. */
void wire_put_negotiate(OmBuf *out, uint32_t newest_minor, int n, const char *const *options);
/* RowDescription ('T'); typmod as PostgreSQL reports atttypmod (types/'s
 * typmod + 4 for varchar(n), char(n), numeric(p,s)), text format. */
void wire_put_row_desc(OmBuf *out, int ncols, const SrvColumn *cols);
/* One DataRow ('D') in text format for physical row `row` of b. */
void wire_put_data_row(OmBuf *out, const OmBatch *b, int row, int ncols, const SrvColumn *cols);

/* atttypmod as sent in RowDescription for t. */
int32_t wire_typmod(OmType t);

#endif
