/*
 * runner.c — sqllogictest runner for OmenDB (and, to check the corpus, for
 * PostgreSQL itself), talking to the server through libpq.
 *
 * Usage: sqllogic [options] FILE_OR_DIR...
 *   -h, --host HOST      server host (default: $PGHOST, else 127.0.0.1)
 *   -p, --port PORT      server port (default: $PGPORT, else 5433)
 *   -U, --user USER      role (default: $PGUSER, else postgres)
 *   -d, --dbname DB      database (default: $PGDATABASE, else postgres)
 *   -e, --engine NAMES   engine name(s) for skipif/onlyif, comma-separated (default:
 *                        $OMENDB_TEST_ENGINE, else omendb; use "postgresql" against
 *                        PostgreSQL); a condition matches when any name does
 *   -v, --verbose        print every record as it runs
 *   -x, --stop           stop a file at its first failure
 *   --sqlite             SQLite's sqllogictest result format (see below)
 *   --reference CONNINFO run every record on this second server too (PostgreSQL 15):
 *                        a record the reference fails is not held against the target
 *   --pending FILE       (with --reference) records the target may fail with an error
 *   --write-pending FILE (with --reference) write the records the reference passes and
 *                        the target fails with an error, with a one-word reason
 *   --root DIR           name files relative to DIR in reports and pending lists
 * A directory argument runs every *.test file below it, in name order. Each
 * file runs in fresh sessions (connections opened for it and closed after).
 *
 * File format (sqllogictest as DuckDB and SQLite use it, with extensions):
 *
 *   # comment                   a line starting with '#'
 *   statement ok                the SQL (lines up to a blank line) must succeed;
 *   SQL...                      optionally followed by "----" and the expected
 *                               command tag (e.g. "INSERT 0 3")
 *   statement error [SQLSTATE] [message substring]
 *   SQL...                      the SQL must fail; a 5-character SQLSTATE
 *                               (e.g. 23505) must match exactly, the rest of the
 *                               line must occur in the primary message; an
 *                               optional "----" block also gives a substring
 *   query <types> [nosort|rowsort|valuesort] [colnames]
 *   SQL...
 *   ----
 *   expected rows               one row per line; values separated by tabs, or
 *                               by runs of spaces when the line has no tab
 *                               (a single-column row is taken whole)
 *   query error [SQLSTATE] [message substring]   like statement error
 *   halt                        stop this file here
 *   skipif ENGINE / onlyif ENGINE   applies to the next record
 *   connection NAME             the following records run on session NAME
 *                               (opened on first use; "default" is the first)
 *   hash-threshold N            accepted and ignored (see --sqlite)
 *
 * <types> has one letter per column, checked against the column's type:
 * I integer (int2/int4/int8), R floating (float4/float8/numeric), T text-like
 * (text/varchar/bpchar/name), B boolean, ? any.  Values are compared as the
 * server's text output: NULL is written NULL, the empty string (empty).
 * With "colnames" the first expected line holds the column names.
 * rowsort sorts rows (as tab-joined strings) on both sides before comparing;
 * valuesort sorts all values individually.
 *
 * --sqlite: the format of SQLite's own corpus (sqlite.org/sqllogictest).
 * Expected results are one value per line, in row-major order; the type
 * letters convert instead of being checked (I: the value as a 64-bit integer,
 * a boolean as 1/0; R: printf "%.3f"; T: the text with bytes outside
 * ' '..'~' as '@'); rowsort sorts rows value by value, valuesort all values;
 * a single line "N values hashing to MD5" stands for N values whose md5 (each
 * value followed by "\n", after sorting) is MD5.  Another word in a query
 * header is SQLite's result label (ignored); a query without "----" expects
 * no rows.
 *
 * --reference: each record runs on the reference server first, then on the
 * target, in parallel sessions.  Outcomes per record: passed (both pass),
 * rejected (the reference fails it; the target's result is not judged),
 * pending (the reference passes, the target fails with an error, and the
 * record is on the --pending list), failed (everything else).  A wrong result
 * on the target — rows, command tag, or success where an error is expected —
 * fails even for a pending record: only an error may be pending.  A pending
 * entry whose record now passes, is rejected by the reference, or does not
 * exist in a file that ran, fails as well, so the list can only shrink.
 * Pending file lines: "FILE:LINE REASON" (FILE relative to --root), '#' comments.
 *
 * Every mismatch is reported as FILE:LINE.  Exit status 0 when every record
 * passed, 1 when any failed, 2 on usage or I/O errors.  The last line printed
 * is "N passed, M failed" (records; a skipped record is not counted).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE     /* strcasestr */
#endif
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libpq-fe.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_CONNS 8

/* The two servers of --reference mode. */
enum { TARGET = 0, REF = 1 };

/* How one record went on one server. */
typedef enum Outcome {
    OUT_PASS,
    OUT_ERROR,      /* the server returned an error where the record expects another outcome */
    OUT_WRONG,      /* a result: wrong rows, tag or columns, or success where an error is expected */
    OUT_LOST        /* no answer: connection lost; the rest of the file is not run */
} Outcome;

typedef struct StrList {
    char **v;
    size_t n, cap;
} StrList;

/* One entry of the pending list. */
typedef struct Pending {
    char *file;
    int line;
    char *reason;
    bool seen;
} Pending;

typedef struct PendingList {
    Pending *v;
    size_t n, cap;
} PendingList;

typedef struct Options {
    const char *host, *port, *user, *dbname, *engine;
    const char *reference, *pending_path, *write_pending, *root;
    bool verbose, stop_at_first, sqlite;
} Options;

typedef struct Session {
    char name[64];
    PGconn *conn[2];        /* [TARGET], [REF] */
} Session;

typedef struct FileRun {
    const Options *opt;
    const char *path;       /* as reported: relative to --root when under it */
    Session sessions[MAX_CONNS];
    int nsessions;
    int current;        /* index into sessions */
    bool aborted;       /* a session was lost: the rest of the file is skipped */
    int rec_fails;      /* fail_at() calls for the record being evaluated */
    char err_state[6];  /* the last error a record got where it expected success */
    char err_msg[256];
    int ncols[2];       /* the last query's column count and types, per side */
    Oid types[2][64];
    long passed, failed, skipped, rejected, pending, wrong, stale;
} FileRun;

/* Where failure reports go: stdout, or (--reference) one record's buffer. */
static FILE *g_out;
/* --pending, sorted by file and line; --write-pending, in run order. */
static PendingList g_pending, g_written;

/* ---------------------------------------------------------------- helpers */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "sqllogic: out of memory\n");
        exit(2);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

static void sl_push(StrList *l, char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        char **nv = realloc(l->v, l->cap * sizeof(char *));
        if (!nv) {
            fprintf(stderr, "sqllogic: out of memory\n");
            exit(2);
        }
        l->v = nv;
    }
    l->v[l->n++] = s;
}

static void sl_free(StrList *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_sqlstate(const char *s, size_t len)
{
    if (len != 5)
        return false;
    for (size_t i = 0; i < 5; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
            return false;
    return true;
}

/* Read a whole file into memory (NUL-terminated); NULL on error. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 8192, len = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len - 1 == 0) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
    }
    bool err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* Split text into lines (the buffer is modified: '\n' become NUL; a '\r'
 * before '\n' is dropped). */
static void split_lines(char *text, StrList *lines)
{
    char *p = text;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r')
            p[n - 1] = '\0';
        sl_push(lines, p);
        if (!nl)
            break;
        p = nl + 1;
    }
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* ------------------------------------------------------------- reporting */

static void fail_at(FileRun *fr, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at(FileRun *fr, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(g_out, "%s:%d: FAIL: ", fr->path, line);
    va_start(ap, fmt);
    vfprintf(g_out, fmt, ap);
    va_end(ap);
    fputc('\n', g_out);
    fr->rec_fails++;
}

static void print_sql(const char *sql)
{
    fprintf(g_out, "  sql:\n");
    const char *p = sql;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(g_out, "    %.*s\n", (int)n, p);
        if (!nl)
            break;
        p = nl + 1;
    }
}

/* At most this many lines of a result block are printed. */
#define PRINT_MAX_LINES 40

static void print_block(const char *title, const StrList *l)
{
    fprintf(g_out, "  %s (%zu line%s):\n", title, l->n, l->n == 1 ? "" : "s");
    for (size_t i = 0; i < l->n && i < PRINT_MAX_LINES; i++)
        fprintf(g_out, "    %s\n", l->v[i]);
    if (l->n > PRINT_MAX_LINES)
        fprintf(g_out, "    ... (%zu more)\n", l->n - PRINT_MAX_LINES);
}

static void print_error_result(const PGresult *r)
{
    const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    fprintf(g_out, "  got error %s: %s\n", st ? st : "(no SQLSTATE)",
            msg ? msg : PQresultErrorMessage(r));
}

/* Remember an error result (its SQLSTATE and message) for the record. */
static void note_error(FileRun *fr, const PGresult *r)
{
    const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    snprintf(fr->err_state, sizeof fr->err_state, "%s", st ? st : "");
    snprintf(fr->err_msg, sizeof fr->err_msg, "%s", msg ? msg : PQresultErrorMessage(r));
}

/* ------------------------------------------------------------ sessions */

/* Notices (e.g. "relation ... already exists, skipping") are not part of
 * the expectations; show them only in verbose mode. */
static void notice_processor(void *arg, const char *message)
{
    const Options *o = arg;
    if (o->verbose)
        fprintf(stdout, "  %s", message);
}

static const char *side_name(int side)
{
    return side == REF ? "reference" : "target";
}

static PGconn *session_get(FileRun *fr, int line, int side)
{
    Session *s = &fr->sessions[fr->current];
    PGconn **cp = &s->conn[side];
    if (*cp && PQstatus(*cp) == CONNECTION_OK)
        return *cp;
    if (*cp) {
        fail_at(fr, line, "session '%s' (%s) was lost: %s", s->name, side_name(side),
                PQerrorMessage(*cp));
        PQfinish(*cp);
        *cp = NULL;
        fr->aborted = true;
        return NULL;
    }
    if (side == REF) {
        const char *keys[] = {"dbname", "application_name", "connect_timeout", NULL};
        const char *vals[] = {fr->opt->reference, "sqllogic", "10", NULL};
        *cp = PQconnectdbParams(keys, vals, 1);
    } else {
        const char *keys[] = {"host", "port", "user", "dbname", "application_name",
                              "connect_timeout", NULL};
        const char *vals[] = {fr->opt->host, fr->opt->port, fr->opt->user, fr->opt->dbname,
                              "sqllogic", "10", NULL};
        *cp = PQconnectdbParams(keys, vals, 0);
    }
    if (PQstatus(*cp) != CONNECTION_OK) {
        if (side == REF)
            fail_at(fr, line, "cannot connect (session '%s') to the reference %s: %s",
                    s->name, fr->opt->reference, PQerrorMessage(*cp));
        else
            fail_at(fr, line, "cannot connect (session '%s') to %s:%s: %s", s->name,
                    fr->opt->host, fr->opt->port, PQerrorMessage(*cp));
        PQfinish(*cp);
        *cp = NULL;
        fr->aborted = true;
        return NULL;
    }
    PQsetNoticeProcessor(*cp, notice_processor, (void *)fr->opt);
    return *cp;
}

static void session_select(FileRun *fr, const char *name, int line)
{
    for (int i = 0; i < fr->nsessions; i++)
        if (strcmp(fr->sessions[i].name, name) == 0) {
            fr->current = i;
            return;
        }
    if (fr->nsessions == MAX_CONNS) {
        fail_at(fr, line, "too many sessions (at most %d)", MAX_CONNS);
        return;
    }
    Session *s = &fr->sessions[fr->nsessions];
    snprintf(s->name, sizeof s->name, "%s", name);
    s->conn[TARGET] = s->conn[REF] = NULL;
    fr->current = fr->nsessions++;
}

static void sessions_close(FileRun *fr)
{
    for (int i = 0; i < fr->nsessions; i++)
        for (int side = 0; side < 2; side++) {
            if (fr->sessions[i].conn[side])
                PQfinish(fr->sessions[i].conn[side]);
            fr->sessions[i].conn[side] = NULL;
        }
    fr->nsessions = 0;
    fr->current = 0;
}

/* ------------------------------------------------------------- execution */

/* Run sql on one side; return the last result (caller PQclear()s), or NULL
 * if the connection is gone (reported). For several statements in one
 * string, PQexec returns the last result, or the first error. */
static PGresult *run_sql(FileRun *fr, int line, const char *sql, int side)
{
    PGconn *c = session_get(fr, line, side);
    if (!c)
        return NULL;
    PGresult *r = PQexec(c, sql);
    if (!r) {
        fail_at(fr, line, "no result from the %s (connection lost?): %s", side_name(side),
                PQerrorMessage(c));
        fr->aborted = true;
        return NULL;
    }
    if (PQresultStatus(r) == PGRES_FATAL_ERROR && PQstatus(c) != CONNECTION_OK) {
        fail_at(fr, line, "connection to the %s lost (server crashed?): %s", side_name(side),
                PQerrorMessage(c));
        print_sql(sql);
        PQclear(r);
        fr->aborted = true;
        return NULL;
    }
    return r;
}

typedef struct ErrorSpec {
    char sqlstate[6];        /* "" for any */
    char *substr;            /* NULL for any; owned */
} ErrorSpec;

/* Parse "[SQLSTATE] [message substring]" after "error". */
static void parse_error_spec(const char *rest, ErrorSpec *es)
{
    memset(es, 0, sizeof *es);
    while (*rest == ' ' || *rest == '\t')
        rest++;
    size_t tok = strcspn(rest, " \t");
    if (is_sqlstate(rest, tok)) {
        memcpy(es->sqlstate, rest, 5);
        rest += tok;
        while (*rest == ' ' || *rest == '\t')
            rest++;
    }
    if (*rest)
        es->substr = xstrdup(rest);
}

/* Check an error result against the spec; report on a mismatch. r may be a
 * success result (then that is the mismatch, a wrong result). */
static Outcome check_error(FileRun *fr, int line, const char *sql, PGresult *r,
                           const ErrorSpec *es)
{
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_FATAL_ERROR) {
        fail_at(fr, line, "expected an error%s%s, but the statement succeeded (%s)",
                es->sqlstate[0] ? " " : "", es->sqlstate, PQresStatus(st));
        print_sql(sql);
        return OUT_WRONG;
    }
    const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    if (!msg)
        msg = PQresultErrorMessage(r);
    if (es->sqlstate[0] && (!code || strcmp(code, es->sqlstate) != 0)) {
        fail_at(fr, line, "expected SQLSTATE %s, got %s (%s)", es->sqlstate,
                code ? code : "none", msg);
        print_sql(sql);
        note_error(fr, r);
        return OUT_ERROR;
    }
    if (es->substr && !strstr(msg, es->substr)) {
        fail_at(fr, line, "error message does not contain \"%s\"", es->substr);
        print_sql(sql);
        fprintf(g_out, "  got error %s: %s\n", code ? code : "", msg);
        note_error(fr, r);
        return OUT_ERROR;
    }
    return OUT_PASS;
}

/* Does column type oid fit type letter t? */
static bool type_fits(char t, Oid oid)
{
    switch (t) {
    case 'I': return oid == 20 || oid == 21 || oid == 23;
    case 'R': return oid == 700 || oid == 701 || oid == 1700;
    case 'T': return oid == 25 || oid == 1043 || oid == 1042 || oid == 19 || oid == 18;
    case 'B': return oid == 16;
    case '?': return true;
    default: return false;
    }
}

static char *render_value(const PGresult *r, int row, int col)
{
    if (PQgetisnull(r, row, col))
        return xstrdup("NULL");
    const char *v = PQgetvalue(r, row, col);
    if (v[0] == '\0')
        return xstrdup("(empty)");
    return xstrdup(v);
}
/* Split an expected line into values (appended to out). */
static void split_expected(const char *line, int ncols, StrList *out)
{
    if (strchr(line, '\t')) {
        const char *p = line;
        for (;;) {
            size_t n = strcspn(p, "\t");
            char *v = xmalloc(n + 1);
            memcpy(v, p, n);
            v[n] = '\0';
            sl_push(out, v);
            if (!p[n])
                break;
            p += n + 1;
        }
    } else if (ncols == 1) {
        sl_push(out, xstrdup(line));
    } else {
        const char *p = line;
        while (*p) {
            while (*p == ' ')
                p++;
            if (!*p)
                break;
            size_t n = strcspn(p, " ");
            char *v = xmalloc(n + 1);
            memcpy(v, p, n);
            v[n] = '\0';
            sl_push(out, v);
            p += n;
        }
    }
}

static char *join_values(char **v, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(v[i]) + 1;
    char *s = xmalloc(len), *p = s;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(v[i]);
        if (i)
            *p++ = '\t';
        memcpy(p, v[i], l);
        p += l;
    }
    *p = '\0';
    return s;
}

enum SortMode { SORT_NONE, SORT_ROW, SORT_VALUE };

typedef struct QuerySpec {
    char types[64];
    int ntypes;
    enum SortMode sort;
    bool colnames;
} QuerySpec;

/* Compare a result set with the expected lines. */
static Outcome check_rows(FileRun *fr, int line, const char *sql, PGresult *r,
                          const QuerySpec *qs, StrList *expected)
{
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK) {
        if (st == PGRES_FATAL_ERROR) {
            fail_at(fr, line, "query failed");
            print_sql(sql);
            print_error_result(r);
            note_error(fr, r);
            return OUT_ERROR;
        }
        fail_at(fr, line, "query returned no rows result (%s)", PQresStatus(st));
        print_sql(sql);
        return OUT_WRONG;
    }
    int ncols = PQnfields(r), nrows = PQntuples(r);
    bool ok = true;
    if (ncols != qs->ntypes) {
        fail_at(fr, line, "expected %d column%s (\"%s\"), got %d", qs->ntypes,
                qs->ntypes == 1 ? "" : "s", qs->types, ncols);
        print_sql(sql);
        return OUT_WRONG;
    }
    for (int c = 0; c < ncols; c++)
        if (!type_fits(qs->types[c], PQftype(r, c))) {
            fail_at(fr, line, "column %d (\"%s\") has type oid %u, which is not '%c'", c + 1,
                    PQfname(r, c), PQftype(r, c), qs->types[c]);
            ok = false;
        }
    if (!ok) {
        print_sql(sql);
        return OUT_WRONG;
    }

    size_t first = 0;
    if (qs->colnames) {
        StrList names = {0}, want = {0};
        for (int c = 0; c < ncols; c++)
            sl_push(&names, xstrdup(PQfname(r, c)));
        if (expected->n > 0)
            split_expected(expected->v[0], ncols, &want);
        char *a = join_values(names.v, names.n);
        char *b = join_values(want.v, want.n);
        if (strcmp(a, b) != 0) {
            fail_at(fr, line, "column names differ");
            print_sql(sql);
            fprintf(g_out, "  expected names: %s\n  actual names:   %s\n", b, a);
            ok = false;
        }
        free(a);
        free(b);
        sl_free(&names);
        sl_free(&want);
        first = 1;
    }

    /* Actual and expected as lists of strings: rows (tab-joined) or values. */
    StrList act = {0}, exp = {0};
    for (int i = 0; i < nrows; i++) {
        StrList vals = {0};
        for (int c = 0; c < ncols; c++)
            sl_push(&vals, render_value(r, i, c));
        if (qs->sort == SORT_VALUE) {
            for (size_t k = 0; k < vals.n; k++)
                sl_push(&act, xstrdup(vals.v[k]));
        } else {
            sl_push(&act, join_values(vals.v, vals.n));
        }
        sl_free(&vals);
    }
    for (size_t i = first; i < expected->n; i++) {
        StrList vals = {0};
        split_expected(expected->v[i], qs->sort == SORT_VALUE ? 2 : ncols, &vals);
        if (qs->sort == SORT_VALUE) {
            for (size_t k = 0; k < vals.n; k++)
                sl_push(&exp, xstrdup(vals.v[k]));
        } else {
            if ((int)vals.n != ncols) {
                fail_at(fr, line, "expected row %zu has %zu values for %d columns: %s",
                        i - first + 1, vals.n, ncols, expected->v[i]);
                ok = false;
            }
            sl_push(&exp, join_values(vals.v, vals.n));
        }
        sl_free(&vals);
    }
    if (qs->sort != SORT_NONE) {
        if (act.n > 1)
            qsort(act.v, act.n, sizeof(char *), cmp_str);
        if (exp.n > 1)
            qsort(exp.v, exp.n, sizeof(char *), cmp_str);
    }
    bool same = act.n == exp.n;
    for (size_t i = 0; same && i < act.n; i++)
        same = strcmp(act.v[i], exp.v[i]) == 0;
    if (!same) {
        fail_at(fr, line, "result mismatch");
        print_sql(sql);
        print_block("expected", &exp);
        print_block("actual", &act);
        ok = false;
    }
    sl_free(&act);
    sl_free(&exp);
    return ok ? OUT_PASS : OUT_WRONG;
}

/* ------------------------------------------------- SQLite's result format */

/* A value as SQLite's sqllogictest prints it for type letter t. */
static char *sqlite_value(const PGresult *r, int row, int col, char t)
{
    if (PQgetisnull(r, row, col))
        return xstrdup("NULL");
    const char *v = PQgetvalue(r, row, col);
    bool is_bool = PQftype(r, col) == 16;
    char buf[64];
    if (t == 'I') {
        long long n = 0;
        if (is_bool) {
            n = v[0] == 't';
        } else {
            char *end;
            errno = 0;
            n = strtoll(v, &end, 10);
            if (*end != '\0' || errno) {
                double d = strtod(v, &end);
                n = end != v ? (long long)d : 0;
            }
        }
        snprintf(buf, sizeof buf, "%lld", n);
        return xstrdup(buf);
    }
    if (t == 'R') {
        double d = is_bool ? (v[0] == 't') : strtod(v, NULL);
        snprintf(buf, sizeof buf, "%.3f", d);
        return xstrdup(buf);
    }
    if (v[0] == '\0')
        return xstrdup("(empty)");
    char *s = xstrdup(v);
    for (char *p = s; *p; p++)
        if ((unsigned char)*p < ' ' || (unsigned char)*p > '~')
            *p = '@';
    return s;
}

/* Sort a row-major value list by rows (value by value, as strcmp), in place. */
static void sort_rows(StrList *vals, int ncols)
{
    if (ncols <= 0 || vals->n % (size_t)ncols != 0 || vals->n / (size_t)ncols < 2)
        return;
    /* Rows joined with \001, which sorts below every printed byte, compare
     * exactly as value-by-value strcmp does. */
    size_t nrows = vals->n / (size_t)ncols;
    StrList rows = {0};
    for (size_t i = 0; i < nrows; i++) {
        size_t len = 1;
        for (int c = 0; c < ncols; c++)
            len += strlen(vals->v[i * ncols + c]) + 1;
        char *row = xmalloc(len), *p = row;
        for (int c = 0; c < ncols; c++) {
            size_t l = strlen(vals->v[i * ncols + c]);
            memcpy(p, vals->v[i * ncols + c], l);
            p += l;
            *p++ = c + 1 < ncols ? '\001' : '\0';
        }
        sl_push(&rows, row);
    }
    qsort(rows.v, rows.n, sizeof(char *), cmp_str);
    size_t k = 0;
    for (size_t i = 0; i < nrows; i++) {
        char *p = rows.v[i];
        for (int c = 0; c < ncols; c++) {
            size_t l = strcspn(p, "\001");
            free(vals->v[k]);
            vals->v[k] = xmalloc(l + 1);
            memcpy(vals->v[k], p, l);
            vals->v[k][l] = '\0';
            k++;
            p += l + (p[l] ? 1 : 0);
        }
    }
    sl_free(&rows);
}

/* md5 of the values, each followed by "\n", as lowercase hex into out[33]. */
static void md5_values(const StrList *vals, char out[33])
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!ctx || !EVP_DigestInit_ex(ctx, EVP_md5(), NULL)) {
        fprintf(stderr, "sqllogic: md5 not available\n");
        exit(2);
    }
    for (size_t i = 0; i < vals->n; i++) {
        EVP_DigestUpdate(ctx, vals->v[i], strlen(vals->v[i]));
        EVP_DigestUpdate(ctx, "\n", 1);
    }
    EVP_DigestFinal_ex(ctx, md, &mdlen);
    EVP_MD_CTX_free(ctx);
    for (unsigned int i = 0; i < mdlen && i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[32] = '\0';
}

static Outcome check_rows_sqlite(FileRun *fr, int line, const char *sql, PGresult *r,
                                 const QuerySpec *qs, StrList *expected)
{
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK) {
        if (st == PGRES_FATAL_ERROR) {
            fail_at(fr, line, "query failed");
            print_sql(sql);
            print_error_result(r);
            note_error(fr, r);
            return OUT_ERROR;
        }
        fail_at(fr, line, "query returned no rows result (%s)", PQresStatus(st));
        print_sql(sql);
        return OUT_WRONG;
    }
    int ncols = PQnfields(r), nrows = PQntuples(r);
    if (ncols != qs->ntypes) {
        fail_at(fr, line, "expected %d column%s (\"%s\"), got %d", qs->ntypes,
                qs->ntypes == 1 ? "" : "s", qs->types, ncols);
        print_sql(sql);
        return OUT_WRONG;
    }
    StrList act = {0}, exp = {0};
    for (int i = 0; i < nrows; i++)
        for (int c = 0; c < ncols; c++)
            sl_push(&act, sqlite_value(r, i, c, qs->types[c]));
    if (qs->sort == SORT_ROW)
        sort_rows(&act, ncols);
    else if (qs->sort == SORT_VALUE && act.n > 1)
        qsort(act.v, act.n, sizeof(char *), cmp_str);

    bool same;
    unsigned long want_n;
    char want_md5[40], got_md5[33];
    if (expected->n == 1 &&
        sscanf(expected->v[0], "%lu values hashing to %39s", &want_n, want_md5) == 2) {
        md5_values(&act, got_md5);
        same = want_n == act.n && strcmp(want_md5, got_md5) == 0;
        if (!same) {
            fail_at(fr, line, "result mismatch: %zu values hashing to %s, expected %s",
                    act.n, got_md5, expected->v[0]);
            print_sql(sql);
            print_block("actual", &act);
        }
    } else {
        for (size_t i = 0; i < expected->n; i++)
            sl_push(&exp, xstrdup(expected->v[i]));
        if (qs->sort == SORT_ROW)
            sort_rows(&exp, ncols);
        else if (qs->sort == SORT_VALUE && exp.n > 1)
            qsort(exp.v, exp.n, sizeof(char *), cmp_str);
        same = act.n == exp.n;
        for (size_t i = 0; same && i < act.n; i++)
            same = strcmp(act.v[i], exp.v[i]) == 0;
        if (!same) {
            fail_at(fr, line, "result mismatch");
            print_sql(sql);
            print_block("expected", &exp);
            print_block("actual", &act);
        }
    }
    sl_free(&act);
    sl_free(&exp);
    return same ? OUT_PASS : OUT_WRONG;
}

/* ------------------------------------------------------- pending list */

static void pl_push(PendingList *l, const char *file, int line, const char *reason)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        Pending *nv = realloc(l->v, l->cap * sizeof(Pending));
        if (!nv) {
            fprintf(stderr, "sqllogic: out of memory\n");
            exit(2);
        }
        l->v = nv;
    }
    l->v[l->n++] = (Pending){xstrdup(file), line, xstrdup(reason), false};
}

static int cmp_pending(const void *a, const void *b)
{
    const Pending *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Load "FILE:LINE REASON" lines; exit 2 on a malformed file. */
static void pending_load(const char *path, PendingList *l)
{
    char *text = read_file(path);
    if (!text) {
        fprintf(stderr, "sqllogic: cannot read %s: %s\n", path, strerror(errno));
        exit(2);
    }
    StrList lines = {0};
    split_lines(text, &lines);
    for (size_t i = 0; i < lines.n; i++) {
        char *ln = lines.v[i];
        if (blank(ln) || ln[0] == '#')
            continue;
        char file[512], reason[64] = "";
        int line;
        char *colon = strrchr(ln, ':');
        if (!colon || (size_t)(colon - ln) >= sizeof file ||
            sscanf(colon + 1, "%d %63s", &line, reason) < 1) {
            fprintf(stderr, "%s:%zu: malformed pending entry: %s\n", path, i + 1, ln);
            exit(2);
        }
        memcpy(file, ln, (size_t)(colon - ln));
        file[colon - ln] = '\0';
        pl_push(l, file, line, reason);
    }
    free(lines.v);
    free(text);
    if (l->n > 1)
        qsort(l->v, l->n, sizeof(Pending), cmp_pending);
}

static Pending *pending_find(const PendingList *l, const char *file, int line)
{
    Pending key = {(char *)file, line, NULL, false};
    return l->n ? bsearch(&key, l->v, l->n, sizeof(Pending), cmp_pending) : NULL;
}

/* A one-word reason for an error, from OmenDB's "... is not supported yet"
 * messages (first match wins), else from the SQLSTATE class. */
static const char *error_reason(const char *sqlstate, const char *msg)
{
    static const struct { const char *needle, *reason; } table[] = {
        {"join", "join"},
        {"in aggregates", "aggregate"},
        {"GROUP BY", "groupby"},
        {"HAVING", "groupby"},
        {"DISTINCT", "distinct"},
        {"subquer", "subquery"},
        {"UNION", "setop"},
        {"INDEX", "index"},
        {"VIEW", "view"},
        {"TRIGGER", "trigger"},
        {"function sum()", "aggregate"},
        {"function avg()", "aggregate"},
        {"function min()", "aggregate"},
        {"function max()", "aggregate"},
        {"function total()", "aggregate"},
        {"function group_concat()", "aggregate"},
        {"function ", "function"},
        {"DROP of this object type", "drop"},
        {"this statement", "statement"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcasestr(msg, table[i].needle))
            return table[i].reason;
    if (strcmp(sqlstate, "0A000") == 0)
        return "unsupported";
    if (strncmp(sqlstate, "42", 2) == 0)
        return "semantics";
    if (strncmp(sqlstate, "22", 2) == 0)
        return "data";
    return "other";
}

/* ------------------------------------------------------------- the file */

/* Is engine name eng one of the comma-separated names in list? */
static bool engine_is(const char *list, const char *eng)
{
    size_t n = strlen(eng);
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, eng, n) == 0)
            return true;
        p += len + (p[len] ? 1 : 0);
    }
    return false;
}

/* Does the "skipif"/"onlyif" condition list skip the record? */
static bool skip_record(const Options *o, const StrList *conds)
{
    for (size_t i = 0; i < conds->n; i++) {
        const char *c = conds->v[i];
        bool only = strncmp(c, "onlyif", 6) == 0;
        char eng[64];
        if (sscanf(c + 6, " %63[^ \t#]", eng) != 1)
            eng[0] = '\0';
        bool match = engine_is(o->engine, eng);
        if (only ? !match : match)
            return true;
    }
    return false;
}

/* Collect SQL lines from *i until a blank line or "----"; return the SQL
 * (owned) and leave *i at the terminator. */
static char *collect_sql(StrList *lines, size_t *i)
{
    size_t len = 1;
    size_t j;
    for (j = *i; j < lines->n && !blank(lines->v[j]) && strcmp(lines->v[j], "----") != 0; j++)
        len += strlen(lines->v[j]) + 1;
    char *sql = xmalloc(len), *p = sql;
    for (size_t k = *i; k < j; k++) {
        size_t l = strlen(lines->v[k]);
        if (k > *i)
            *p++ = '\n';
        memcpy(p, lines->v[k], l);
        p += l;
    }
    *p = '\0';
    *i = j;
    return sql;
}

/* After the SQL: if at "----", collect the block up to a blank line. */
static void collect_block(StrList *lines, size_t *i, StrList *out, bool *has_block)
{
    *has_block = false;
    if (*i < lines->n && strcmp(lines->v[*i], "----") == 0) {
        *has_block = true;
        (*i)++;
        while (*i < lines->n && !blank(lines->v[*i]))
            sl_push(out, xstrdup(lines->v[(*i)++]));
    }
}

typedef enum RecKind { REC_STMT_OK, REC_ERROR, REC_QUERY } RecKind;

/* One parsed record. */
typedef struct Record {
    int line;
    RecKind kind;
    const char *sql;
    ErrorSpec es;           /* REC_ERROR */
    QuerySpec qs;           /* REC_QUERY */
    StrList *block;         /* the lines after "----" */
    bool has_block;
} Record;

/* Run a record on one side and judge it; failures are reported to g_out. */
static Outcome eval_record(FileRun *fr, const Record *rec, int side)
{
    fr->rec_fails = 0;
    fr->err_state[0] = fr->err_msg[0] = '\0';
    fr->ncols[side] = -1;
    PGresult *r = run_sql(fr, rec->line, rec->sql, side);
    if (!r)
        return OUT_LOST;
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        fr->ncols[side] = PQnfields(r);
        for (int c = 0; c < PQnfields(r) && c < 64; c++)
            fr->types[side][c] = PQftype(r, c);
    }
    Outcome o = OUT_PASS;
    if (rec->kind == REC_ERROR) {
        o = check_error(fr, rec->line, rec->sql, r, &rec->es);
    } else if (rec->kind == REC_QUERY) {
        o = fr->opt->sqlite ? check_rows_sqlite(fr, rec->line, rec->sql, r, &rec->qs, rec->block)
                            : check_rows(fr, rec->line, rec->sql, r, &rec->qs, rec->block);
    } else {
        ExecStatusType st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
            fail_at(fr, rec->line, "statement failed");
            print_sql(rec->sql);
            print_error_result(r);
            note_error(fr, r);
            o = OUT_ERROR;
        } else if (rec->has_block && rec->block->n &&
                   strcmp(PQcmdStatus(r), rec->block->v[0]) != 0) {
            fail_at(fr, rec->line, "command tag \"%s\", expected \"%s\"", PQcmdStatus(r),
                    rec->block->v[0]);
            print_sql(rec->sql);
            o = OUT_WRONG;
        }
    }
    PQclear(r);
    return o;
}

/* Evaluate a record on the target alone (no --reference). */
static void run_record_single(FileRun *fr, const Record *rec)
{
    Outcome o = eval_record(fr, rec, TARGET);
    if (o == OUT_PASS)
        fr->passed++;
    else
        fr->failed++;
}

/* Evaluate a record on the reference, then on the target, and judge the
 * pair (see "--reference" at the top). */
static void run_record_pair(FileRun *fr, const Record *rec)
{
    const Options *o = fr->opt;
    char *rbuf = NULL, *tbuf = NULL;
    size_t rlen = 0, tlen = 0;
    g_out = open_memstream(&rbuf, &rlen);
    Outcome ref = eval_record(fr, rec, REF);
    fclose(g_out);
    Outcome tgt = OUT_LOST;
    if (ref != OUT_LOST) {
        g_out = open_memstream(&tbuf, &tlen);
        tgt = eval_record(fr, rec, TARGET);
        fclose(g_out);
    }
    if (ref == OUT_PASS && tgt == OUT_PASS && rec->kind == REC_QUERY) {
        /* --sqlite converts values by type letter, which would hide a
         * result type that differs from PostgreSQL's: compare the types. */
        for (int c = 0; c < fr->ncols[REF] && c < 64; c++)
            if (fr->ncols[TARGET] != fr->ncols[REF] || fr->types[TARGET][c] != fr->types[REF][c]) {
                free(tbuf);
                g_out = open_memstream(&tbuf, &tlen);
                fail_at(fr, rec->line, "column %d has type oid %u, the reference's has %u", c + 1,
                        fr->ncols[TARGET] == fr->ncols[REF] ? fr->types[TARGET][c] : 0,
                        fr->types[REF][c]);
                print_sql(rec->sql);
                fclose(g_out);
                tgt = OUT_WRONG;
                break;
            }
    }
    g_out = stdout;
    Pending *p = pending_find(&g_pending, fr->path, rec->line);
    if (p)
        p->seen = true;

    if (ref == OUT_LOST || tgt == OUT_LOST) {
        fputs(rbuf ? rbuf : "", stdout);
        fputs(tbuf ? tbuf : "", stdout);
        fr->failed++;
    } else if (ref != OUT_PASS) {
        fr->rejected++;
        if (o->verbose) {
            fprintf(stdout, "%s:%d: rejected: the reference fails it:\n", fr->path, rec->line);
            fputs(rbuf, stdout);
        }
        if (p) {
            fprintf(stdout, "%s:%d: FAIL: on the pending list, but the reference (PostgreSQL)"
                            " fails this record: remove the entry\n", fr->path, rec->line);
            fr->stale++;
            fr->failed++;
        }
    } else if (tgt == OUT_PASS) {
        fr->passed++;
        if (p) {
            fprintf(stdout, "%s:%d: FAIL: on the pending list, but passes now: remove the"
                            " entry (%s)\n", fr->path, rec->line, p->reason);
            fr->stale++;
            fr->failed++;
        }
    } else if (tgt == OUT_WRONG) {
        fprintf(stdout, "%s:%d: FAIL: WRONG RESULT on the target; the reference passes%s\n",
                fr->path, rec->line,
                p ? " (on the pending list, but only errors may be pending)" : "");
        fputs(tbuf, stdout);
        fr->wrong++;
        fr->failed++;
    } else {
        const char *reason = error_reason(fr->err_state, fr->err_msg);
        if (o->write_pending)
            pl_push(&g_written, fr->path, rec->line, reason);
        if (p || (o->write_pending && !o->pending_path)) {
            fr->pending++;
            if (o->verbose)
                fprintf(stdout, "%s:%d: pending (%s): %s %s\n", fr->path, rec->line,
                        p ? p->reason : reason, fr->err_state, fr->err_msg);
        } else {
            fprintf(stdout, "%s:%d: FAIL: fails on the target (not on the pending list);"
                            " the reference passes\n", fr->path, rec->line);
            fputs(tbuf, stdout);
            fr->failed++;
        }
    }
    free(rbuf);
    free(tbuf);
}

/* Entries of the pending list for this file that no record matched. */
static void pending_check_unseen(FileRun *fr)
{
    const PendingList *l = &g_pending;
    for (size_t k = 0; k < l->n; k++)
        if (!l->v[k].seen && strcmp(l->v[k].file, fr->path) == 0) {
            fprintf(stdout, "%s:%d: FAIL: on the pending list, but no record there ran"
                            " (skipped, removed or moved): remove the entry\n",
                    fr->path, l->v[k].line);
            fr->stale++;
            fr->failed++;
        }
}

/* The name a file is reported under: relative to --root when inside it. */
static const char *report_name(const Options *opt, const char *path)
{
    if (!opt->root)
        return path;
    size_t n = strlen(opt->root);
    while (n > 1 && opt->root[n - 1] == '/')
        n--;
    if (strncmp(path, opt->root, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

typedef struct Totals {
    long run, passed, failed, skipped, rejected, pending, wrong, stale;
} Totals;

static int run_file(const Options *opt, const char *path, Totals *tot)
{
    FileRun fr = {.opt = opt, .path = report_name(opt, path)};
    char *text = read_file(path);
    if (!text) {
        fprintf(stdout, "%s: cannot read: %s\n", fr.path, strerror(errno));
        tot->failed++;
        return -1;
    }
    g_out = stdout;
    session_select(&fr, "default", 0);
    StrList lines = {0};
    split_lines(text, &lines);
    StrList conds = {0};

    size_t i = 0;
    while (i < lines.n) {
        char *ln = lines.v[i];
        if (blank(ln) || ln[0] == '#') {
            i++;
            continue;
        }
        /* Trailing blanks on a header line mean nothing. */
        size_t lnlen = strlen(ln);
        while (lnlen && (ln[lnlen - 1] == ' ' || ln[lnlen - 1] == '\t'))
            ln[--lnlen] = '\0';
        int line = (int)i + 1;
        fr.rec_fails = 0;
        if (strncmp(ln, "skipif", 6) == 0 || strncmp(ln, "onlyif", 6) == 0) {
            sl_push(&conds, xstrdup(ln));
            i++;
            continue;
        }
        if (strcmp(ln, "halt") == 0) {
            if (skip_record(opt, &conds)) {
                sl_free(&conds);
                i++;
                continue;
            }
            break;
        }
        if (strncmp(ln, "hash-threshold", 14) == 0) {
            sl_free(&conds);
            i++;
            continue;
        }
        if (strncmp(ln, "connection ", 11) == 0) {
            const char *name = ln + 11;
            while (*name == ' ')
                name++;
            session_select(&fr, name, line);
            if (fr.rec_fails)
                fr.failed++;
            i++;
            continue;
        }

        bool is_stmt = strncmp(ln, "statement ", 10) == 0 || strcmp(ln, "statement") == 0;
        bool is_query = strncmp(ln, "query ", 6) == 0;
        if (!is_stmt && !is_query) {
            fail_at(&fr, line, "unrecognized record header: %s", ln);
            fr.failed++;
            break;
        }
        const char *rest = ln + (is_stmt ? 9 : 5);
        while (*rest == ' ')
            rest++;
        i++;
        char *sql = collect_sql(&lines, &i);
        StrList block = {0};
        bool has_block;
        collect_block(&lines, &i, &block, &has_block);
        bool skip = skip_record(opt, &conds);
        sl_free(&conds);

        Record rec = {.line = line, .sql = sql, .block = &block, .has_block = has_block};
        bool bad = false;
        if (strncmp(rest, "error", 5) == 0 && (rest[5] == '\0' || rest[5] == ' ')) {
            rec.kind = REC_ERROR;
            parse_error_spec(rest + 5, &rec.es);
            if (has_block && block.n) {
                char *joined = xstrdup("");
                for (size_t k = 0; k < block.n; k++) {
                    size_t need = strlen(joined) + strlen(block.v[k]) + 2;
                    char *nj = xmalloc(need);
                    snprintf(nj, need, "%s%s%s", joined, k ? "\n" : "", block.v[k]);
                    free(joined);
                    joined = nj;
                }
                free(rec.es.substr);
                rec.es.substr = joined;
            }
        } else if (is_stmt) {
            rec.kind = REC_STMT_OK;
            if (strcmp(rest, "ok") != 0) {
                fail_at(&fr, line, "unrecognized statement mode: %s", rest);
                bad = true;
            }
        } else {
            rec.kind = REC_QUERY;
            QuerySpec *qs = &rec.qs;
            qs->sort = SORT_NONE;
            char buf[256];
            snprintf(buf, sizeof buf, "%s", rest);
            char *save = NULL;
            char *tok = strtok_r(buf, " \t", &save);
            if (!tok || strlen(tok) >= sizeof qs->types) {
                bad = true;
            } else {
                snprintf(qs->types, sizeof qs->types, "%s", tok);
                qs->ntypes = (int)strlen(tok);
                for (int k = 0; k < qs->ntypes; k++)
                    if (!strchr("IRTB?", qs->types[k]))
                        bad = true;
            }
            while (!bad && (tok = strtok_r(NULL, " \t", &save))) {
                if (strcmp(tok, "nosort") == 0)
                    qs->sort = SORT_NONE;
                else if (strcmp(tok, "rowsort") == 0)
                    qs->sort = SORT_ROW;
                else if (strcmp(tok, "valuesort") == 0)
                    qs->sort = SORT_VALUE;
                else if (strcmp(tok, "colnames") == 0)
                    qs->colnames = true;
                else if (opt->sqlite)
                    ;   /* SQLite's label ("label-N", "x0"): names a result, unused here */
                else
                    bad = true;
            }
            if (bad) {
                fail_at(&fr, line, "bad query header: %s", ln);
            } else if (!has_block && !opt->sqlite) {
                fail_at(&fr, line, "query record without ---- and expected results");
                bad = true;
            }
        }

        if (sql[0] == '\0') {
            fail_at(&fr, line, "record has no SQL");
            fr.failed++;
        } else if (bad) {
            fr.failed++;
        } else if (skip) {
            fr.skipped++;
        } else {
            if (opt->verbose)
                fprintf(stdout, "%s:%d: %s\n", fr.path, line, sql);
            if (opt->reference)
                run_record_pair(&fr, &rec);
            else
                run_record_single(&fr, &rec);
        }
        free(rec.es.substr);
        free(sql);
        sl_free(&block);
        if (opt->stop_at_first && fr.failed)
            break;
        if (fr.aborted) {
            fprintf(stdout, "%s:%d: connection lost; the rest of this file is not run\n",
                    fr.path, line);
            break;
        }
    }
    if (opt->reference && !fr.aborted && !(opt->stop_at_first && fr.failed))
        pending_check_unseen(&fr);
    sl_free(&conds);
    sessions_close(&fr);
    free(lines.v);
    free(text);
    long run = fr.passed + fr.failed - fr.stale + fr.rejected + fr.pending;
    if (opt->reference)
        fprintf(stdout, "%s: %ld run, %ld passed, %ld pending, %ld failed (%ld wrong results,"
                        " %ld stale pending entries), %ld skipped (skipif/onlyif), %ld rejected"
                        " by the reference\n",
                fr.path, run, fr.passed, fr.pending, fr.failed, fr.wrong, fr.stale, fr.skipped,
                fr.rejected);
    else
        fprintf(stdout, "%s: %ld run, %ld passed, %ld failed, %ld skipped\n", fr.path, run,
                fr.passed, fr.failed, fr.skipped);
    tot->run += run;
    tot->passed += fr.passed;
    tot->failed += fr.failed;
    tot->skipped += fr.skipped;
    tot->rejected += fr.rejected;
    tot->pending += fr.pending;
    tot->wrong += fr.wrong;
    tot->stale += fr.stale;
    return fr.failed ? -1 : 0;
}

/* Collect *.test files under path (sorted), or path itself. */
static void collect_files(const char *path, StrList *out)
{
    struct stat stt;
    if (stat(path, &stt) != 0) {
        sl_push(out, xstrdup(path));    /* reported as unreadable later */
        return;
    }
    if (!S_ISDIR(stt.st_mode)) {
        sl_push(out, xstrdup(path));
        return;
    }
    DIR *d = opendir(path);
    if (!d) {
        sl_push(out, xstrdup(path));
        return;
    }
    StrList names = {0};
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        size_t n = strlen(path) + strlen(de->d_name) + 2;
        char *full = xmalloc(n);
        snprintf(full, n, "%s/%s", path, de->d_name);
        sl_push(&names, full);
    }
    closedir(d);
    if (names.n > 1)
        qsort(names.v, names.n, sizeof(char *), cmp_str);
    for (size_t i = 0; i < names.n; i++) {
        struct stat s2;
        size_t l = strlen(names.v[i]);
        if (stat(names.v[i], &s2) == 0 && S_ISDIR(s2.st_mode))
            collect_files(names.v[i], out);
        else if (l > 5 && strcmp(names.v[i] + l - 5, ".test") == 0)
            sl_push(out, xstrdup(names.v[i]));
    }
    sl_free(&names);
}

/* Write the --write-pending list, with a count per reason in its header. */
static int pending_write(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "sqllogic: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(f, "# Records that PostgreSQL 15 passes and OmenDB does not pass yet (it returns an\n"
               "# error for each; a wrong result is never listed). Written by sqllogic\n"
               "# --write-pending; the gate fails when an entry passes, so the list only shrinks.\n"
               "# FILE:LINE REASON. %zu entries:", g_written.n);
    StrList reasons = {0};
    for (size_t k = 0; k < g_written.n; k++)
        sl_push(&reasons, xstrdup(g_written.v[k].reason));
    if (reasons.n > 1)
        qsort(reasons.v, reasons.n, sizeof(char *), cmp_str);
    for (size_t k = 0; k < reasons.n;) {
        size_t j = k;
        while (j < reasons.n && strcmp(reasons.v[j], reasons.v[k]) == 0)
            j++;
        fprintf(f, " %s %zu%s", reasons.v[k], j - k, j < reasons.n ? "," : "");
        k = j;
    }
    fputc('\n', f);
    sl_free(&reasons);
    for (size_t k = 0; k < g_written.n; k++)
        fprintf(f, "%s:%d %s\n", g_written.v[k].file, g_written.v[k].line,
                g_written.v[k].reason);
    if (fclose(f) != 0) {
        fprintf(stderr, "sqllogic: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(stdout, "sqllogic: wrote %zu pending entries to %s\n", g_written.n, path);
    return 0;
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: sqllogic [-h host] [-p port] [-U user] [-d dbname] [-e engine[,engine]]"
               " [-v] [-x] [--sqlite] [--reference CONNINFO [--pending FILE]"
               " [--write-pending FILE]] [--root DIR] FILE_OR_DIR...\n");
}

int main(int argc, char **argv)
{
    Options opt = {
        .host = env_or("PGHOST", "127.0.0.1"),
        .port = env_or("PGPORT", "5433"),
        .user = env_or("PGUSER", "postgres"),
        .dbname = env_or("PGDATABASE", "postgres"),
        .engine = env_or("OMENDB_TEST_ENGINE", "omendb"),
    };
    enum { OPT_SQLITE = 256, OPT_REFERENCE, OPT_PENDING, OPT_WRITE_PENDING, OPT_ROOT };
    static const struct option longopts[] = {
        {"host", required_argument, NULL, 'h'},
        {"port", required_argument, NULL, 'p'},
        {"user", required_argument, NULL, 'U'},
        {"dbname", required_argument, NULL, 'd'},
        {"engine", required_argument, NULL, 'e'},
        {"verbose", no_argument, NULL, 'v'},
        {"stop", no_argument, NULL, 'x'},
        {"sqlite", no_argument, NULL, OPT_SQLITE},
        {"reference", required_argument, NULL, OPT_REFERENCE},
        {"pending", required_argument, NULL, OPT_PENDING},
        {"write-pending", required_argument, NULL, OPT_WRITE_PENDING},
        {"root", required_argument, NULL, OPT_ROOT},
        {"help", no_argument, NULL, 'H'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "h:p:U:d:e:vx", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': opt.host = optarg; break;
        case 'p': opt.port = optarg; break;
        case 'U': opt.user = optarg; break;
        case 'd': opt.dbname = optarg; break;
        case 'e': opt.engine = optarg; break;
        case 'v': opt.verbose = true; break;
        case 'x': opt.stop_at_first = true; break;
        case OPT_SQLITE: opt.sqlite = true; break;
        case OPT_REFERENCE: opt.reference = optarg; break;
        case OPT_PENDING: opt.pending_path = optarg; break;
        case OPT_WRITE_PENDING: opt.write_pending = optarg; break;
        case OPT_ROOT: opt.root = optarg; break;
        case 'H': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc || ((opt.pending_path || opt.write_pending) && !opt.reference)) {
        usage(stderr);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    g_out = stdout;
    if (opt.pending_path)
        pending_load(opt.pending_path, &g_pending);

    StrList files = {0};
    for (int k = optind; k < argc; k++)
        collect_files(argv[k], &files);
    if (files.n == 0) {
        fprintf(stdout, "sqllogic: no .test files found\n0 passed, 1 failed\n");
        return 1;
    }
    Totals tot = {0};
    int bad_files = 0;
    for (size_t k = 0; k < files.n; k++)
        if (run_file(&opt, files.v[k], &tot) != 0)
            bad_files++;
    if (opt.reference)
        fprintf(stdout, "sqllogic: %zu file%s (%d failing), engine %s: %ld run, %ld passed,"
                        " %ld pending, %ld failed (%ld wrong results, %ld stale pending"
                        " entries), %ld skipped (skipif/onlyif), %ld rejected by the"
                        " reference\n",
                files.n, files.n == 1 ? "" : "s", bad_files, opt.engine, tot.run, tot.passed,
                tot.pending, tot.failed, tot.wrong, tot.stale, tot.skipped, tot.rejected);
    else
        fprintf(stdout, "sqllogic: %zu file%s (%d failing), engine %s: %ld run, %ld skipped\n",
                files.n, files.n == 1 ? "" : "s", bad_files, opt.engine, tot.run,
                tot.skipped);
    int rc = tot.failed ? 1 : 0;
    if (opt.write_pending && pending_write(opt.write_pending) != 0)
        rc = 2;
    fprintf(stdout, "%ld passed, %ld failed\n", tot.passed, tot.failed);
    sl_free(&files);
    return rc;
}
