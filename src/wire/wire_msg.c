/*
 * wire_msg.c — the protocol's pure parts: frontend message framing checks,
 * startup packet and Query parsing, UTF-8 validation, and builders for the
 * backend messages that do not carry data (see wire_sink.c for those).
 *
 * Nothing here does I/O or touches a session, so unit tests and fuzz
 * harnesses run it on plain byte buffers.
 *
 * Interface: wire_msg_limit, wire_msg_check, wire_msg_split,
 * wire_startup_len_ok, wire_startup_parse, wire_query_parse,
 * wire_utf8_verify, wire_msg_begin/_end, wire_put_* (see wire.h).
 */
#include "wire.h"

#include <stdio.h>
#include <string.h>

static uint32_t rd_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---------------------------------------------------------------- framing */

uint32_t wire_msg_limit(uint8_t type)
{
    switch (type) {
    case 'Q': /* Query */
    case 'P': /* Parse */
    case 'B': /* Bind */
    case 'F': /* FunctionCall */
    case 'd': /* CopyData */
        return WIRE_LARGE_MSG_MAX;
    case 'X': /* Terminate */
    case 'S': /* Sync */
    case 'D': /* Describe */
    case 'E': /* Execute */
    case 'C': /* Close */
    case 'H': /* Flush */
    case 'c': /* CopyDone */
    case 'f': /* CopyFail */
        return WIRE_SMALL_MSG_MAX;
    default:
        return 0;
    }
}

int wire_msg_check(uint8_t type, uint32_t len, OmError *err)
{
    uint32_t limit = wire_msg_limit(type);
    if (limit == 0) {
        err_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid frontend message type %d", (int)type);
    } else if (len < 4 || len > limit) {
        err_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid message length");
    } else {
        return 0;
    }
    if (err) err->severity = OM_SEV_FATAL;
    return -1;
}

int wire_msg_split(const uint8_t *buf, size_t avail, uint8_t *type, const uint8_t **body,
                   size_t *body_len, size_t *consumed, OmError *err)
{
    if (avail < 1) return 0;
    /* The type is judged before the length arrives, as PostgreSQL does. */
    if (wire_msg_limit(buf[0]) == 0) return wire_msg_check(buf[0], 4, err);
    if (avail < 5) return 0;
    uint32_t len = rd_be32(buf + 1);
    if (wire_msg_check(buf[0], len, err) < 0) return -1;
    if (avail - 1 < len) return 0;
    *type = buf[0];
    *body = buf + 5;
    *body_len = len - 4;
    *consumed = 1 + (size_t)len;
    return 1;
}

bool wire_startup_len_ok(uint32_t len) { return len >= 8 && len <= WIRE_STARTUP_MAX; }

/* ---------------------------------------------------------------- parsing */

static int fatal(OmError *err)
{
    if (err) err->severity = OM_SEV_FATAL;
    return -1;
}

/* Cut a name to WIRE_NAME_MAX bytes, as PostgreSQL truncates to NAMEDATALEN-1. */
static const char *name_dup(MemCtx *ctx, const char *s)
{
    size_t n = strlen(s);
    return mem_strndup(ctx, s, n > WIRE_NAME_MAX ? WIRE_NAME_MAX : n);
}

int wire_startup_parse(const uint8_t *pkt, size_t len, MemCtx *ctx, WireStartup *out,
                       OmError *err)
{
    memset(out, 0, sizeof *out);
    if (len < 4) {
        err_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid length of startup packet");
        return fatal(err);
    }
    uint32_t v = rd_be32(pkt);
    out->version = v;
    if (WIRE_PROTO_MAJOR(v) != 3) {
        err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
                "unsupported frontend protocol %u.%u: server supports 3.0 to 3.0",
                WIRE_PROTO_MAJOR(v), WIRE_PROTO_MINOR(v));
        return fatal(err);
    }

    /* A NUL-terminated private copy: every string that starts inside the
     * packet ends inside the copy, whatever the client sent. */
    size_t blen = len - 4;
    char *b = mem_alloc(ctx, blen + 1);
    memcpy(b, pkt + 4, blen);
    b[blen] = '\0';

    int cap = 8;
    out->names = mem_alloc(ctx, sizeof(char *) * (size_t)cap);
    out->values = mem_alloc(ctx, sizeof(char *) * (size_t)cap);
    int ucap = 0;

    size_t off = 0;
    while (off < blen) {
        const char *name = b + off;
        if (*name == '\0') break; /* the terminator */
        size_t valoff = off + strlen(name) + 1;
        if (valoff >= blen) break; /* missing value: layout error below */
        const char *val = b + valoff;

        if (strcmp(name, "user") == 0) {
            out->user = name_dup(ctx, val);
        } else if (strcmp(name, "database") == 0) {
            out->database = name_dup(ctx, val);
        } else if (strcmp(name, "options") == 0) {
            out->options = mem_strdup(ctx, val);
        } else if (strncmp(name, "_pq_.", 5) == 0) {
            if (out->nunknown == ucap) {
                int nc = ucap ? ucap * 2 : 4;
                out->unknown = mem_realloc(ctx, out->unknown, sizeof(char *) * (size_t)ucap,
                                           sizeof(char *) * (size_t)nc);
                ucap = nc;
            }
            out->unknown[out->nunknown++] = mem_strdup(ctx, name);
        } else {
            if (strcmp(name, "application_name") == 0) {
                /* PostgreSQL keeps only printable ASCII in application_name. */
                char *a = mem_strdup(ctx, val);
                for (char *p = a; *p; p++)
                    if ((unsigned char)*p < 32 || (unsigned char)*p > 126) *p = '?';
                out->application_name = a;
            }
            if (out->nparams == cap) {
                int nc = cap * 2;
                out->names = mem_realloc(ctx, out->names, sizeof(char *) * (size_t)cap,
                                         sizeof(char *) * (size_t)nc);
                out->values = mem_realloc(ctx, out->values, sizeof(char *) * (size_t)cap,
                                          sizeof(char *) * (size_t)nc);
                cap = nc;
            }
            out->names[out->nparams] = mem_strdup(ctx, name);
            out->values[out->nparams] = mem_strdup(ctx, val);
            out->nparams++;
        }
        off = valoff + strlen(val) + 1;
    }
    /* The terminator must be exactly the last byte. */
    if (blen == 0 || off != blen - 1) {
        err_set(err, ERRCODE_PROTOCOL_VIOLATION,
                "invalid startup packet layout: expected terminator as last byte");
        return fatal(err);
    }
    if (out->user && out->user[0] == '\0') out->user = NULL;
    if (out->user && (!out->database || !out->database[0])) out->database = out->user;
    return 0;
}

int wire_query_parse(const uint8_t *body, size_t len, const char **sql, OmError *err)
{
    const uint8_t *nul = len ? memchr(body, '\0', len) : NULL;
    if (!nul) return err_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid string in message");
    if ((size_t)(nul - body) != len - 1)
        return err_set(err, ERRCODE_PROTOCOL_VIOLATION, "invalid message format");
    if (wire_utf8_verify((const char *)body, len - 1, err) < 0) return -1;
    *sql = (const char *)body;
    return 0;
}

/* Byte length of the UTF-8 character starting with c (PostgreSQL's
 * pg_utf_mblen: 1 for anything that cannot start a sequence). */
static int utf8_mblen(uint8_t c)
{
    if ((c & 0x80) == 0) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;
}

/* PostgreSQL's pg_utf8_islegal. */
static bool utf8_legal(const uint8_t *s, int n)
{
    uint8_t a;
    switch (n) {
    default:
        return false;
    case 4:
        a = s[3];
        if (a < 0x80 || a > 0xBF) return false;
        /* fall through */
    case 3:
        a = s[2];
        if (a < 0x80 || a > 0xBF) return false;
        /* fall through */
    case 2:
        a = s[1];
        switch (s[0]) {
        case 0xE0: if (a < 0xA0 || a > 0xBF) return false; break;
        case 0xED: if (a < 0x80 || a > 0x9F) return false; break;
        case 0xF0: if (a < 0x90 || a > 0xBF) return false; break;
        case 0xF4: if (a < 0x80 || a > 0x8F) return false; break;
        default: if (a < 0x80 || a > 0xBF) return false; break;
        }
        /* fall through */
    case 1:
        a = s[0];
        if (a >= 0x80 && a < 0xC2) return false;
        if (a > 0xF4) return false;
        break;
    }
    return true;
}

int wire_utf8_verify(const char *str, size_t len, OmError *err)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t i = 0;
    while (i < len) {
        if (s[i] && s[i] < 0x80) {
            i++;
            continue;
        }
        int l = utf8_mblen(s[i]);
        if (s[i] == 0 || (size_t)l > len - i || !utf8_legal(s + i, l)) {
            /* Show the bytes the lead byte promised, as PostgreSQL does. */
            size_t show = (size_t)l < len - i ? (size_t)l : len - i;
            char hex[8 * 5 + 1], *h = hex;
            for (size_t j = 0; j < show && j < 8; j++)
                h += sprintf(h, j ? " 0x%02x" : "0x%02x", s[i + j]);
            return err_set(err, ERRCODE_CHARACTER_NOT_IN_REPERTOIRE,
                           "invalid byte sequence for encoding \"UTF8\": %s", hex);
        }
        i += (size_t)l;
    }
    return 0;
}

/* ---------------------------------------------------------------- building */

size_t wire_msg_begin(OmBuf *out, char type)
{
    buf_append_char(out, type);
    size_t start = out->len;
    buf_append_be32(out, 0);
    return start;
}

void wire_msg_end(OmBuf *out, size_t start)
{
    uint32_t len = (uint32_t)(out->len - start);
    uint8_t *p = (uint8_t *)out->data + start;
    p[0] = (uint8_t)(len >> 24);
    p[1] = (uint8_t)(len >> 16);
    p[2] = (uint8_t)(len >> 8);
    p[3] = (uint8_t)len;
}

static void put_field(OmBuf *out, char code, const char *value)
{
    buf_append_char(out, code);
    buf_append(out, value, strlen(value) + 1);
}

void wire_put_error(OmBuf *out, const OmError *e)
{
    const char *sev = err_severity_name(e->severity);
    size_t m = wire_msg_begin(out, 'E');
    put_field(out, 'S', sev);
    put_field(out, 'V', sev);
    put_field(out, 'C', e->sqlstate[0] ? e->sqlstate : ERRCODE_INTERNAL_ERROR);
    put_field(out, 'M', e->message);
    if (e->detail[0]) put_field(out, 'D', e->detail);
    if (e->hint[0]) put_field(out, 'H', e->hint);
    if (e->position > 0) {
        char pos[16];
        snprintf(pos, sizeof pos, "%d", e->position);
        put_field(out, 'P', pos);
    }
    if (e->file) {
        const char *base = strrchr(e->file, '/');
        put_field(out, 'F', base ? base + 1 : e->file);
        if (e->line > 0) {
            char line[16];
            snprintf(line, sizeof line, "%d", e->line);
            put_field(out, 'L', line);
        }
    }
    buf_append_char(out, '\0');
    wire_msg_end(out, m);
}

void wire_put_notice(OmBuf *out, const char *severity, const char *sqlstate, const char *msg)
{
    size_t m = wire_msg_begin(out, 'N');
    put_field(out, 'S', severity);
    put_field(out, 'V', severity);
    put_field(out, 'C', sqlstate);
    put_field(out, 'M', msg);
    buf_append_char(out, '\0');
    wire_msg_end(out, m);
}

void wire_put_auth_ok(OmBuf *out)
{
    size_t m = wire_msg_begin(out, 'R');
    buf_append_be32(out, 0);
    wire_msg_end(out, m);
}

void wire_put_param_status(OmBuf *out, const char *name, const char *value)
{
    size_t m = wire_msg_begin(out, 'S');
    buf_append(out, name, strlen(name) + 1);
    buf_append(out, value, strlen(value) + 1);
    wire_msg_end(out, m);
}

void wire_put_backend_key(OmBuf *out, uint32_t pid, uint32_t secret)
{
    size_t m = wire_msg_begin(out, 'K');
    buf_append_be32(out, pid);
    buf_append_be32(out, secret);
    wire_msg_end(out, m);
}

void wire_put_ready(OmBuf *out, char status)
{
    size_t m = wire_msg_begin(out, 'Z');
    buf_append_char(out, status);
    wire_msg_end(out, m);
}

void wire_put_complete(OmBuf *out, const char *tag)
{
    size_t m = wire_msg_begin(out, 'C');
    buf_append(out, tag, strlen(tag) + 1);
    wire_msg_end(out, m);
}

void wire_put_empty_query(OmBuf *out)
{
    size_t m = wire_msg_begin(out, 'I');
    wire_msg_end(out, m);
}

void wire_put_negotiate(OmBuf *out, uint32_t newest_minor, int n, const char *const *options)
{
    size_t m = wire_msg_begin(out, 'v');
    buf_append_be32(out, (3u << 16) | newest_minor);
    buf_append_be32(out, (uint32_t)n);
    for (int i = 0; i < n; i++) buf_append(out, options[i], strlen(options[i]) + 1);
    wire_msg_end(out, m);
}
