/*
 * runner.c — sqllogictest runner for OmenDB (and, to check the corpus, for
 * PostgreSQL itself), talking to the server through libpq.
 *
 * Usage: sqllogic [options] FILE_OR_DIR...
 *   -h, --host HOST      server host (default: $PGHOST, else 127.0.0.1)
 *   -p, --port PORT      server port (default: $PGPORT, else 5433)
 *   -U, --user USER      role (default: $PGUSER, else postgres)
 *   -d, --dbname DB      database (default: $PGDATABASE, else postgres)
 *   -e, --engine NAME    engine name for skipif/onlyif (default: $OMENDB_TEST_ENGINE,
 *                        else omendb; use "postgresql" against PostgreSQL)
 *   -v, --verbose        print every record as it runs
 *   -x, --stop           stop a file at its first failure
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
 *
 * <types> has one letter per column, checked against the column's type:
 * I integer (int2/int4/int8), R floating (float4/float8/numeric), T text-like
 * (text/varchar/bpchar/name), B boolean, ? any.  Values are compared as the
 * server's text output: NULL is written NULL, the empty string (empty).
 * With "colnames" the first expected line holds the column names.
 * rowsort sorts rows (as tab-joined strings) on both sides before comparing;
 * valuesort sorts all values individually.
 *
 * Every mismatch is reported as FILE:LINE.  Exit status 0 when every record
 * passed, 1 when any failed, 2 on usage or I/O errors.  The last line printed
 * is "N passed, M failed" (records; a skipped record is not counted).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_CONNS 8

typedef struct StrList {
    char **v;
    size_t n, cap;
} StrList;

typedef struct Options {
    const char *host, *port, *user, *dbname, *engine;
    bool verbose, stop_at_first;
} Options;

typedef struct Session {
    char name[64];
    PGconn *conn;
} Session;

typedef struct FileRun {
    const Options *opt;
    const char *path;
    Session sessions[MAX_CONNS];
    int nsessions;
    int current;        /* index into sessions */
    bool aborted;       /* a session was lost: the rest of the file is skipped */
    long passed, failed, skipped;
} FileRun;

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
    fprintf(stdout, "%s:%d: FAIL: ", fr->path, line);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fr->failed++;
}

static void print_sql(const char *sql)
{
    fprintf(stdout, "  sql:\n");
    const char *p = sql;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(stdout, "    %.*s\n", (int)n, p);
        if (!nl)
            break;
        p = nl + 1;
    }
}

static void print_block(const char *title, const StrList *l)
{
    fprintf(stdout, "  %s (%zu line%s):\n", title, l->n, l->n == 1 ? "" : "s");
    for (size_t i = 0; i < l->n; i++)
        fprintf(stdout, "    %s\n", l->v[i]);
}

static void print_error_result(const PGresult *r)
{
    const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    fprintf(stdout, "  got error %s: %s\n", st ? st : "(no SQLSTATE)",
            msg ? msg : PQresultErrorMessage(r));
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

static PGconn *session_get(FileRun *fr, int line)
{
    Session *s = &fr->sessions[fr->current];
    if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
        return s->conn;
    if (s->conn) {
        fail_at(fr, line, "session '%s' was lost: %s", s->name, PQerrorMessage(s->conn));
        PQfinish(s->conn);
        s->conn = NULL;
        fr->aborted = true;
        return NULL;
    }
    const char *keys[] = {"host", "port", "user", "dbname", "application_name",
                          "connect_timeout", NULL};
    const char *vals[] = {fr->opt->host, fr->opt->port, fr->opt->user, fr->opt->dbname,
                          "sqllogic", "10", NULL};
    s->conn = PQconnectdbParams(keys, vals, 0);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        fail_at(fr, line, "cannot connect (session '%s') to %s:%s: %s", s->name,
                fr->opt->host, fr->opt->port, PQerrorMessage(s->conn));
        PQfinish(s->conn);
        s->conn = NULL;
        fr->aborted = true;
        return NULL;
    }
    PQsetNoticeProcessor(s->conn, notice_processor, (void *)fr->opt);
    return s->conn;
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
    s->conn = NULL;
    fr->current = fr->nsessions++;
}

static void sessions_close(FileRun *fr)
{
    for (int i = 0; i < fr->nsessions; i++) {
        if (fr->sessions[i].conn)
            PQfinish(fr->sessions[i].conn);
        fr->sessions[i].conn = NULL;
    }
    fr->nsessions = 0;
    fr->current = 0;
}

/* ------------------------------------------------------------- execution */

/* Run sql; return the last result (caller PQclear()s), or NULL if the
 * connection is gone (reported). For several statements in one string,
 * PQexec returns the last result, or the first error. */
static PGresult *run_sql(FileRun *fr, int line, const char *sql)
{
    PGconn *c = session_get(fr, line);
    if (!c)
        return NULL;
    PGresult *r = PQexec(c, sql);
    if (!r) {
        fail_at(fr, line, "no result (connection lost?): %s", PQerrorMessage(c));
        fr->aborted = true;
        return NULL;
    }
    if (PQresultStatus(r) == PGRES_FATAL_ERROR && PQstatus(c) != CONNECTION_OK) {
        fail_at(fr, line, "connection lost (server crashed?): %s", PQerrorMessage(c));
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

/* Check an error result against the spec; report and return false on a
 * mismatch. r may be a success result (then that is the mismatch). */
static bool check_error(FileRun *fr, int line, const char *sql, PGresult *r,
                        const ErrorSpec *es)
{
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_FATAL_ERROR) {
        fail_at(fr, line, "expected an error%s%s, but the statement succeeded (%s)",
                es->sqlstate[0] ? " " : "", es->sqlstate, PQresStatus(st));
        print_sql(sql);
        return false;
    }
    const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    if (!msg)
        msg = PQresultErrorMessage(r);
    if (es->sqlstate[0] && (!code || strcmp(code, es->sqlstate) != 0)) {
        fail_at(fr, line, "expected SQLSTATE %s, got %s (%s)", es->sqlstate,
                code ? code : "none", msg);
        print_sql(sql);
        return false;
    }
    if (es->substr && !strstr(msg, es->substr)) {
        fail_at(fr, line, "error message does not contain \"%s\"", es->substr);
        print_sql(sql);
        fprintf(stdout, "  got error %s: %s\n", code ? code : "", msg);
        return false;
    }
    return true;
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
static bool check_rows(FileRun *fr, int line, const char *sql, PGresult *r,
                       const QuerySpec *qs, StrList *expected)
{
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK) {
        if (st == PGRES_FATAL_ERROR) {
            fail_at(fr, line, "query failed");
            print_sql(sql);
            print_error_result(r);
        } else {
            fail_at(fr, line, "query returned no rows result (%s)", PQresStatus(st));
            print_sql(sql);
        }
        return false;
    }
    int ncols = PQnfields(r), nrows = PQntuples(r);
    bool ok = true;
    if (ncols != qs->ntypes) {
        fail_at(fr, line, "expected %d column%s (\"%s\"), got %d", qs->ntypes,
                qs->ntypes == 1 ? "" : "s", qs->types, ncols);
        print_sql(sql);
        return false;
    }
    for (int c = 0; c < ncols; c++)
        if (!type_fits(qs->types[c], PQftype(r, c))) {
            fail_at(fr, line, "column %d (\"%s\") has type oid %u, which is not '%c'", c + 1,
                    PQfname(r, c), PQftype(r, c), qs->types[c]);
            ok = false;
        }
    if (!ok) {
        print_sql(sql);
        return false;
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
            fprintf(stdout, "  expected names: %s\n  actual names:   %s\n", b, a);
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
    return ok;
}

/* ------------------------------------------------------------- the file */

/* Does the "skipif"/"onlyif" condition list skip the record? */
static bool skip_record(const Options *o, const StrList *conds)
{
    for (size_t i = 0; i < conds->n; i++) {
        const char *c = conds->v[i];
        bool only = strncmp(c, "onlyif", 6) == 0;
        const char *eng = c + 6;
        while (*eng == ' ' || *eng == '\t')
            eng++;
        bool match = strcmp(eng, o->engine) == 0;
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

static int run_file(const Options *opt, const char *path, long *passed, long *failed,
                    long *skipped)
{
    char *text = read_file(path);
    if (!text) {
        fprintf(stdout, "%s: cannot read: %s\n", path, strerror(errno));
        (*failed)++;
        return -1;
    }
    FileRun fr = {.opt = opt, .path = path};
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
        int line = (int)i + 1;
        long failed_before = fr.failed;
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
        if (strncmp(ln, "connection ", 11) == 0) {
            const char *name = ln + 11;
            while (*name == ' ')
                name++;
            session_select(&fr, name, line);
            i++;
            continue;
        }

        bool is_stmt = strncmp(ln, "statement ", 10) == 0 || strcmp(ln, "statement") == 0;
        bool is_query = strncmp(ln, "query ", 6) == 0;
        if (!is_stmt && !is_query) {
            fail_at(&fr, line, "unrecognized record header: %s", ln);
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

        if (sql[0] == '\0') {
            fail_at(&fr, line, "record has no SQL");
        } else if (skip) {
            fr.skipped++;
        } else if (opt->verbose) {
            fprintf(stdout, "%s:%d: %s\n", path, line, sql);
        }

        if (sql[0] == '\0' || skip) {
            /* nothing to run */
        } else if (strncmp(rest, "error", 5) == 0 && (rest[5] == '\0' || rest[5] == ' ')) {
            ErrorSpec es;
            parse_error_spec(rest + 5, &es);
            if (has_block && block.n) {
                char *joined = xstrdup("");
                for (size_t k = 0; k < block.n; k++) {
                    size_t need = strlen(joined) + strlen(block.v[k]) + 2;
                    char *nj = xmalloc(need);
                    snprintf(nj, need, "%s%s%s", joined, k ? "\n" : "", block.v[k]);
                    free(joined);
                    joined = nj;
                }
                free(es.substr);
                es.substr = joined;
            }
            PGresult *r = run_sql(&fr, line, sql);
            if (r) {
                check_error(&fr, line, sql, r, &es);
                PQclear(r);
            }
            free(es.substr);
        } else if (is_stmt) {
            if (strcmp(rest, "ok") != 0) {
                fail_at(&fr, line, "unrecognized statement mode: %s", rest);
            } else {
                PGresult *r = run_sql(&fr, line, sql);
                if (r) {
                    ExecStatusType st = PQresultStatus(r);
                    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
                        st != PGRES_EMPTY_QUERY) {
                        fail_at(&fr, line, "statement failed");
                        print_sql(sql);
                        print_error_result(r);
                    } else if (has_block && block.n &&
                               strcmp(PQcmdStatus(r), block.v[0]) != 0) {
                        fail_at(&fr, line, "command tag \"%s\", expected \"%s\"",
                                PQcmdStatus(r), block.v[0]);
                        print_sql(sql);
                    }
                    PQclear(r);
                }
            }
        } else {
            QuerySpec qs = {.sort = SORT_NONE};
            char buf[256];
            snprintf(buf, sizeof buf, "%s", rest);
            char *save = NULL;
            char *tok = strtok_r(buf, " \t", &save);
            bool bad = false;
            if (!tok || strlen(tok) >= sizeof qs.types) {
                bad = true;
            } else {
                snprintf(qs.types, sizeof qs.types, "%s", tok);
                qs.ntypes = (int)strlen(tok);
                for (int k = 0; k < qs.ntypes; k++)
                    if (!strchr("IRTB?", qs.types[k]))
                        bad = true;
            }
            while (!bad && (tok = strtok_r(NULL, " \t", &save))) {
                if (strcmp(tok, "nosort") == 0)
                    qs.sort = SORT_NONE;
                else if (strcmp(tok, "rowsort") == 0)
                    qs.sort = SORT_ROW;
                else if (strcmp(tok, "valuesort") == 0)
                    qs.sort = SORT_VALUE;
                else if (strcmp(tok, "colnames") == 0)
                    qs.colnames = true;
                else
                    bad = true;
            }
            if (bad) {
                fail_at(&fr, line, "bad query header: %s", ln);
            } else if (!has_block) {
                fail_at(&fr, line, "query record without ---- and expected results");
            } else {
                PGresult *r = run_sql(&fr, line, sql);
                if (r) {
                    check_rows(&fr, line, sql, r, &qs, &block);
                    PQclear(r);
                }
            }
        }
        if (sql[0] != '\0' && !skip && fr.failed == failed_before)
            fr.passed++;
        free(sql);
        sl_free(&block);
        if (opt->stop_at_first && fr.failed)
            break;
        if (fr.aborted) {
            fprintf(stdout, "%s:%d: connection lost; the rest of this file is not run\n", path,
                    line);
            break;
        }
    }
    sl_free(&conds);
    sessions_close(&fr);
    free(lines.v);
    free(text);
    fprintf(stdout, "%s: %ld passed, %ld failed, %ld skipped\n", path, fr.passed, fr.failed,
            fr.skipped);
    *passed += fr.passed;
    *failed += fr.failed;
    *skipped += fr.skipped;
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

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: sqllogic [-h host] [-p port] [-U user] [-d dbname] [-e engine] [-v] [-x]"
               " FILE_OR_DIR...\n");
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
    static const struct option longopts[] = {
        {"host", required_argument, NULL, 'h'},
        {"port", required_argument, NULL, 'p'},
        {"user", required_argument, NULL, 'U'},
        {"dbname", required_argument, NULL, 'd'},
        {"engine", required_argument, NULL, 'e'},
        {"verbose", no_argument, NULL, 'v'},
        {"stop", no_argument, NULL, 'x'},
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
        case 'H': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);

    StrList files = {0};
    for (int k = optind; k < argc; k++)
        collect_files(argv[k], &files);
    if (files.n == 0) {
        fprintf(stdout, "sqllogic: no .test files found\n0 passed, 1 failed\n");
        return 1;
    }
    long passed = 0, failed = 0, skipped = 0;
    int bad_files = 0;
    for (size_t k = 0; k < files.n; k++)
        if (run_file(&opt, files.v[k], &passed, &failed, &skipped) != 0)
            bad_files++;
    fprintf(stdout, "sqllogic: %zu file%s (%d failing), engine %s, %ld skipped\n", files.n,
            files.n == 1 ? "" : "s", bad_files, opt.engine, skipped);
    fprintf(stdout, "%ld passed, %ld failed\n", passed, failed);
    sl_free(&files);
    return failed ? 1 : 0;
}
