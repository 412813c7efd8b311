/*
 * binary_io.c — differential test of the binary send/receive formats
 * (src/types/binary.c) against a real PostgreSQL 15 through libpq.
 *
 *   binary_io [-v] [CONNINFO]   (-v: print every received-bytes case; default: the PG* environment; meson runs it
 *                             under test/lib/with_server.py --engine postgresql)
 *
 * Two kinds of cases:
 *  - values: a text per type. PostgreSQL parses it ($1::type) and answers in
 *    binary and in text; we parse it with type_in and the bytes of type_send
 *    must equal PostgreSQL's, and type_recv of PostgreSQL's bytes printed by
 *    type_out must equal PostgreSQL's text.
 *  - received bytes: raw bytes sent to PostgreSQL as a binary parameter of
 *    the type. Both sides must agree: the same error (SQLSTATE and message;
 *    ours gets exec_bind_message's " in bind parameter 1"), or the same text
 *    output and the same bytes sent back.
 * A type whose text input is not implemented here (type_in answers 0A000) is
 * skipped with a notice, so its cases start counting once it is.
 *
 * Exit status: 0 all agree, 1 a difference, 2 connection trouble.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "common/session_params.h"
#include "types/types.h"

static PGconn *conn;
static MemCtx *ctx;
static int nchecks, nfail;
static bool verbose;
static char skipped[64][48];
static int nskipped;

/* ---- helpers ------------------------------------------------------------------------ */

static OmVector *vec(OmTypeId t)
{
    OmVector *v = mem_new(ctx, OmVector);
    v->phys = type_phys(t);
    v->data = mem_zalloc(ctx, om_phys_size(v->phys) * 4);
    v->nulls = mem_zalloc(ctx, 8);
    return v;
}

/* A type as written in SQL: "numeric(10,2)", "timestamptz". -1 when this
 * build does not know it (then the type's cases are skipped). */
static int parse_type(const char *spec, OmType *t)
{
    char name[64];
    int32_t mods[2];
    int nmods = 0;
    const char *paren = strchr(spec, '(');
    size_t nl = paren ? (size_t)(paren - spec) : strlen(spec);
    snprintf(name, sizeof name, "%.*s", (int)nl, spec);
    for (const char *p = paren ? paren + 1 : ""; *p && *p != ')' && nmods < 2;) {
        mods[nmods++] = (int32_t)strtol(p, (char **)&p, 10);
        if (*p == ',') p++;
    }
    OmError err = {0};
    return type_lookup_mods(name, mods, nmods, t, &err);
}

static void hex(const char *label, const unsigned char *p, size_t n)
{
    printf("    %s (%zu bytes):", label, n);
    for (size_t i = 0; i < n && i < 64; i++) printf(" %02x", p[i]);
    printf("%s\n", n > 64 ? " …" : "");
}

static void fail(const char *spec, const char *what, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(const char *spec, const char *what, const char *fmt, ...)
{
    va_list ap;
    nfail++;
    printf("FAIL %s %s: ", spec, what);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

static bool is_skipped(const char *spec)
{
    for (int i = 0; i < nskipped; i++)
        if (strcmp(skipped[i], spec) == 0) return true;
    return false;
}

static void skip(const char *spec, const char *why)
{
    if (is_skipped(spec)) return;
    printf("notice: skipping type %s: %s\n", spec, why);
    snprintf(skipped[nskipped++], sizeof skipped[0], "%s", spec);
}

/* "SELECT $1::spec" with a text parameter (or a binary one of type oid). */
static PGresult *pg_query(const char *spec, const char *val, int len, uint32_t oid, int binparam, int resfmt)
{
    char sql[128];
    snprintf(sql, sizeof sql, binparam ? "SELECT $1" : "SELECT $1::%s", spec);
    Oid types[1] = {oid};
    int lens[1] = {len}, fmts[1] = {binparam};
    return PQexecParams(conn, sql, 1, binparam ? types : NULL, &val, lens, fmts, resfmt);
}

/* Our error as the Bind path would word it. */
static const char *bind_message(const OmError *e, char *buf, size_t n)
{
    if (strcmp(e->message, "incorrect binary data format") == 0)
        snprintf(buf, n, "%s in bind parameter 1", e->message);
    else
        snprintf(buf, n, "%s", e->message);
    return buf;
}

/* ---- the two kinds of cases --------------------------------------------------------- */

static void check_value(const char *spec, const char *text)
{
    OmType t;
    if (is_skipped(spec)) return;
    if (parse_type(spec, &t) < 0) return skip(spec, "type_lookup does not know it");
    OmVector *v = vec(t.id), *w = vec(t.id);
    OmError err = {0};
    int rc = type_in(t, text, strlen(text), v, 0, ctx, &err);
    if (rc < 0 && strcmp(err.sqlstate, "0A000") == 0) return skip(spec, err.message);
    nchecks++;
    if (rc < 0) return fail(spec, text, "type_in: %s %s", err.sqlstate, err.message);
    PGresult *rb = pg_query(spec, text, 0, 0, 0, 1), *rt = pg_query(spec, text, 0, 0, 0, 0);
    if (PQresultStatus(rb) != PGRES_TUPLES_OK || PQresultStatus(rt) != PGRES_TUPLES_OK) {
        fail(spec, text, "PostgreSQL rejected the value: %s", PQresultErrorMessage(rb));
        goto out;
    }
    const unsigned char *pb = (const unsigned char *)PQgetvalue(rb, 0, 0);
    size_t pn = (size_t)PQgetlength(rb, 0, 0);
    OmBuf b;
    buf_init(&b, ctx, 64);
    type_send(t, v, 0, &b);
    if (b.len != pn || memcmp(b.data, pb, pn) != 0) {
        fail(spec, text, "type_send differs");
        hex("postgresql", pb, pn);
        hex("omendb    ", (const unsigned char *)b.data, b.len);
    }
    err_clear(&err);
    if (type_recv(t, (const char *)pb, pn, w, 0, ctx, &err) < 0) {
        fail(spec, text, "type_recv of PostgreSQL's bytes: %s %s", err.sqlstate, err.message);
        goto out;
    }
    OmBuf o;
    buf_init(&o, ctx, 64);
    type_out(t, w, 0, &o);
    if (strcmp(o.data, PQgetvalue(rt, 0, 0)) != 0)
        fail(spec, text, "type_out(type_recv) is '%.200s', PostgreSQL's text '%.200s'", o.data, PQgetvalue(rt, 0, 0));
out:
    PQclear(rb);
    PQclear(rt);
}

static int unhex(const char *h, char *out)
{
    int n = 0;
    for (const char *p = h; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        unsigned x;
        sscanf(p, "%2x", &x);
        out[n++] = (char)x;
        p += 2;
    }
    return n;
}

static void check_recv(const char *spec, const char *hexbytes)
{
    OmType t;
    if (is_skipped(spec)) return;
    if (parse_type(spec, &t) < 0) return skip(spec, "type_lookup does not know it");
    nchecks++;
    char *bytes = mem_alloc(ctx, strlen(hexbytes) / 2 + 1);
    int n = unhex(hexbytes, bytes);
    char label[96];
    snprintf(label, sizeof label, "recv [%.60s]", hexbytes);
    OmVector *v = vec(t.id);
    OmError err = {0};
    int rc = type_recv(t, bytes, (size_t)n, v, 0, ctx, &err);
    PGresult *rt = pg_query(spec, bytes, n, type_oid(t.id), 1, 0), *rb = pg_query(spec, bytes, n, type_oid(t.id), 1, 1);
    bool pg_ok = PQresultStatus(rt) == PGRES_TUPLES_OK;
    char mine[1200];
    if (!pg_ok) {
        const char *state = PQresultErrorField(rt, PG_DIAG_SQLSTATE);
        const char *msg = PQresultErrorField(rt, PG_DIAG_MESSAGE_PRIMARY);
        if (rc == 0)
            fail(spec, label, "accepted; PostgreSQL says %s %s", state, msg);
        else if (strcmp(err.sqlstate, state) != 0 || strcmp(bind_message(&err, mine, sizeof mine), msg) != 0)
            fail(spec, label, "error %s '%s'; PostgreSQL's %s '%s'", err.sqlstate, mine, state, msg);
        else if (verbose)
            printf("ok %s %s: %s %s\n", spec, label, state, msg);
        goto out;
    }
    if (rc < 0) {
        fail(spec, label, "refused with %s %s; PostgreSQL prints '%.200s'", err.sqlstate, err.message,
             PQgetvalue(rt, 0, 0));
        goto out;
    }
    OmBuf o;
    buf_init(&o, ctx, 64);
    type_out(t, v, 0, &o);
    if (strcmp(o.data, PQgetvalue(rt, 0, 0)) != 0)
        fail(spec, label, "prints '%.200s', PostgreSQL '%.200s'", o.data, PQgetvalue(rt, 0, 0));
    OmBuf b;
    buf_init(&b, ctx, 64);
    type_send(t, v, 0, &b);
    size_t pn = (size_t)PQgetlength(rb, 0, 0);
    if (PQresultStatus(rb) != PGRES_TUPLES_OK || b.len != pn || memcmp(b.data, PQgetvalue(rb, 0, 0), pn) != 0) {
        fail(spec, label, "sent back differently");
        hex("postgresql", (const unsigned char *)PQgetvalue(rb, 0, 0), pn);
        hex("omendb    ", (const unsigned char *)b.data, b.len);
    } else if (verbose) {
        printf("ok %s %s: '%.60s'\n", spec, label, o.data);
    }
out:
    PQclear(rt);
    PQclear(rb);
}

/* ---- the cases ---------------------------------------------------------------------- */

#include "binary_io_cases.h"

int main(int argc, char **argv)
{
    int ai = 1;
    if (ai < argc && strcmp(argv[ai], "-v") == 0) verbose = true, ai++;
    conn = PQconnectdb(ai < argc ? argv[ai] : "");
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "binary_io: cannot connect: %s", PQerrorMessage(conn));
        return 2;
    }
    PGresult *r = PQexec(conn, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = postgres; "
                               "SET extra_float_digits = 1; SET bytea_output = hex");
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        fprintf(stderr, "binary_io: %s", PQresultErrorMessage(r));
        return 2;
    }
    PQclear(r);
    static OmSessionParams params;
    params = *om_params_default();
    snprintf(params.timezone, sizeof params.timezone, "UTC");
    om_params_use(&params);
    ctx = mem_ctx_create(NULL, "binary_io");

    run_cases();

    printf("binary_io: %d cases, %d differ, %d types skipped\n", nchecks, nfail, nskipped);
    mem_ctx_delete(ctx);
    PQfinish(conn);
    return nfail ? 1 : 0;
}
