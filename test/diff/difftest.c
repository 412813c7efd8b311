/*
 * difftest.c — differential tester: runs the same SQL files on OmenDB and on
 * a real PostgreSQL, statement by statement, and reports every difference.
 *
 * Usage: difftest --omendb CONNINFO --pg CONNINFO [options] FILE_OR_DIR...
 *        difftest --split FILE...          (print the statements a file splits into)
 *
 *   --omendb CONNINFO      the server under test (libpq conninfo or URI)
 *   --pg CONNINFO          the reference PostgreSQL; the role must be able to
 *                          CREATE DATABASE: each file runs in a fresh database
 *                          (--scratch, created from template0 with the C
 *                          collation, dropped again at the end)
 *   --scratch NAME         PostgreSQL's scratch database (default difftest)
 *   --omendb-scratch NAME  give the OmenDB side a fresh database per file too
 *                          (for a PostgreSQL-against-PostgreSQL self-check)
 *   --exceptions FILE      docs/compatibility.md: its "## Differential test
 *                          exceptions" section lists the expected differences
 *   --ignore-pending       run pending files as ordinary ones (self-check)
 *   --strict-messages      unexpected error-message differences fail the run
 *   -v, --verbose          also print the differences found in pending files
 *   -q, --quiet            print only unexpected differences, harness errors and
 *                          the closing count lines
 *
 * A directory argument runs every *.sql file directly in it, in name order.
 *
 * Per statement it compares: success or error, the command tag, the result
 * column names, their type OIDs and the rows (text format; as a multiset
 * unless the statement has an ORDER BY at its top level; NULL is distinct
 * from the empty string). For two errors it compares the SQLSTATE (a hard
 * difference) and the primary message (a soft one, counted apart). Files may
 * carry directives in "-- difftest: ..." comment lines; see test/diff/README.md.
 *
 * OmenDB has no CREATE DATABASE yet, so its side keeps one database for the
 * whole run: every file must drop what it creates. The tool checks this on
 * the PostgreSQL side after each file (leftover tables are a harness error),
 * and after each file it drops on the OmenDB side (IF EXISTS) every table and
 * sequence the file created there, so the next file starts clean even when a
 * DROP failed on OmenDB only.
 *
 * Output: one block per difference, headed FILE:LINE; then
 *   messages: X statements differ only in the error message (Y expected)
 *   pending: P files, Q statements, R matching
 *   diff: N statements, M matched, K differ (E expected)
 * where the last line counts the files that are not pending. Exit status 0
 * when every difference outside pending files is expected, 1 when one is not
 * (or a harness error happened: a lost connection, a file that leaves tables
 * behind), 2 on usage, connection or I/O errors.
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
#include <strings.h>
#include <sys/stat.h>

#define SHOW_ROWS 10            /* rows shown per side in a difference */
#define SHOW_VALUE 160          /* bytes of a value shown */

/* ---------------------------------------------------------------- helpers */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "difftest: out of memory\n");
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "difftest: out of memory\n");
        exit(2);
    }
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

static bool streq(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

/* Read a whole file (NUL-terminated); NULL with errno on failure. */
static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 16384, len = 0, got;
    char *buf = xmalloc(cap);
    while ((got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (len + 1 == cap)
            buf = xrealloc(buf, cap *= 2);
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

/* ------------------------------------------------------------------ lexer */

/* Just enough of PostgreSQL's lexer to find statement boundaries: strings
 * ('..', E'..' with backslash escapes, $tag$..$tag$), quoted identifiers,
 * -- and nested block comments, words and single punctuation characters. */
typedef enum TokKind {
    TK_EOF, TK_SPACE, TK_LINE_COMMENT, TK_BLOCK_COMMENT, TK_STRING, TK_QIDENT,
    TK_WORD, TK_PUNCT
} TokKind;

typedef struct Token {
    TokKind kind;
    size_t start, end;       /* byte offsets into the text */
    int newlines;            /* '\n' inside the token */
} Token;

static bool ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool ident_char(unsigned char c)
{
    return ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static int count_nl(const char *s, size_t a, size_t b)
{
    int n = 0;
    for (size_t i = a; i < b; i++)
        n += s[i] == '\n';
    return n;
}

/* Length of a dollar-quote delimiter ($$ or $tag$) at s[i], or 0. */
static size_t dollar_tag_len(const char *s, size_t i)
{
    size_t j = i + 1;
    if (s[j] == '$')
        return 2;
    if (!ident_start((unsigned char)s[j]))
        return 0;
    while (s[j] && s[j] != '$') {
        unsigned char c = (unsigned char)s[j];
        if (!(ident_start(c) || (c >= '0' && c <= '9')))
            return 0;
        j++;
    }
    return s[j] == '$' ? j - i + 1 : 0;
}

/* Scan a quoted run starting at the opening quote s[i]; backslash escapes
 * when esc. Returns the offset after the closing quote (or the end). */
static size_t scan_quoted(const char *s, size_t i, char q, bool esc)
{
    i++;
    while (s[i]) {
        if (esc && s[i] == '\\' && s[i + 1]) {
            i += 2;
            continue;
        }
        if (s[i] == q) {
            if (s[i + 1] == q) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
    return i;
}

static Token lex_next(const char *s, size_t i)
{
    Token t = {TK_EOF, i, i, 0};
    unsigned char c = (unsigned char)s[i];
    if (!c)
        return t;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        t.kind = TK_SPACE;
        while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
               s[i] == '\f' || s[i] == '\v')
            i++;
    } else if (c == '-' && s[i + 1] == '-') {
        t.kind = TK_LINE_COMMENT;
        while (s[i] && s[i] != '\n')
            i++;
    } else if (c == '/' && s[i + 1] == '*') {
        t.kind = TK_BLOCK_COMMENT;
        int depth = 0;
        while (s[i]) {
            if (s[i] == '/' && s[i + 1] == '*') {
                depth++;
                i += 2;
            } else if (s[i] == '*' && s[i + 1] == '/') {
                i += 2;
                if (--depth == 0)
                    break;
            } else {
                i++;
            }
        }
    } else if (c == '\'') {
        t.kind = TK_STRING;
        i = scan_quoted(s, i, '\'', false);
    } else if (c == '"') {
        t.kind = TK_QIDENT;
        i = scan_quoted(s, i, '"', false);
    } else if ((c == 'e' || c == 'E') && s[i + 1] == '\'') {
        t.kind = TK_STRING;
        i = scan_quoted(s, i + 1, '\'', true);
    } else if (c == '$' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        t.kind = TK_WORD;            /* a parameter, $1 */
        i++;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
    } else if (c == '$' && dollar_tag_len(s, i) > 0) {
        size_t n = dollar_tag_len(s, i);
        const char *close = NULL;
        for (const char *p = strchr(s + i + n, '$'); p; p = strchr(p + 1, '$'))
            if (strncmp(p, s + i, n) == 0) {
                close = p;
                break;
            }
        t.kind = TK_STRING;
        i = close ? (size_t)(close - s) + n : strlen(s);
    } else if (ident_char(c)) {
        t.kind = TK_WORD;            /* identifiers, keywords and numbers */
        while (ident_char((unsigned char)s[i]) || s[i] == '.' ||
               ((s[i] == '+' || s[i] == '-') && i > t.start &&
                (s[i - 1] == 'e' || s[i - 1] == 'E') && s[t.start] >= '0' &&
                s[t.start] <= '9')) {
            if (s[i] == '.' && !(s[t.start] >= '0' && s[t.start] <= '9'))
                break;       /* a.b is three tokens; 1.5 is one */
            i++;
        }
    } else {
        t.kind = TK_PUNCT;
        i++;
    }
    t.end = i;
    t.newlines = count_nl(s, t.start, t.end);
    return t;
}

/* -------------------------------------------------------------- statements */

typedef struct Stmt {
    char *sql;               /* without the terminating semicolon */
    int line;                /* line of its first token (1-based) */
    bool ordered;            /* compare rows in order */
    bool ignore_values;      /* compare everything but the row values */
} Stmt;

typedef struct SqlFile {
    const char *path;
    Stmt *stmts;
    size_t n, cap;
    char *pending;           /* the pending reason, or NULL */
    char *error;             /* a directive error, or NULL */
    int error_line;
} SqlFile;

/* Does the statement have ORDER BY outside every parenthesis? */
static bool has_top_level_order_by(const char *s)
{
    int depth = 0;
    bool after_order = false;
    for (size_t i = 0;;) {
        Token t = lex_next(s, i);
        if (t.kind == TK_EOF)
            return false;
        i = t.end;
        if (t.kind == TK_SPACE || t.kind == TK_LINE_COMMENT || t.kind == TK_BLOCK_COMMENT)
            continue;
        if (t.kind == TK_PUNCT && (s[t.start] == '(' || s[t.start] == '['))
            depth++;
        else if (t.kind == TK_PUNCT && (s[t.start] == ')' || s[t.start] == ']'))
            depth--;
        bool word = t.kind == TK_WORD && depth == 0;
        size_t len = t.end - t.start;
        if (after_order && word && len == 2 && strncasecmp(s + t.start, "by", 2) == 0)
            return true;
        after_order = word && len == 5 && strncasecmp(s + t.start, "order", 5) == 0;
    }
}

/* Directives waiting for the next statement. */
typedef struct Directives {
    bool ordered, unordered, ignore_values;
} Directives;

/* Apply one "-- difftest: ..." directive (the text after "difftest:");
 * header says whether it stands before the file's first statement. */
static void apply_directive(SqlFile *f, const char *text, int line, bool header,
                            Directives *next)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t w = strcspn(text, " \t\r");
    const char *rest = text + w;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    const char *error = NULL;
    if (w == 7 && strncmp(text, "pending", 7) == 0) {
        size_t n = strlen(rest);
        while (n && (rest[n - 1] == ' ' || rest[n - 1] == '\r'))
            n--;
        if (n >= 2 && rest[0] == '"' && rest[n - 1] == '"') {
            rest++;
            n -= 2;
        }
        if (!header)
            error = "\"pending\" belongs in the file's header, before the first statement";
        else if (n == 0)
            error = "\"pending\" needs a reason: -- difftest: pending \"why\"";
        else if (!f->pending)
            f->pending = xstrndup(rest, n);
    } else if (w == 7 && strncmp(text, "ordered", 7) == 0) {
        next->ordered = true;
    } else if (w == 9 && strncmp(text, "unordered", 9) == 0) {
        next->unordered = true;
    } else if (w == 13 && strncmp(text, "ignore-values", 13) == 0) {
        next->ignore_values = true;
    } else {
        error = "unknown directive (pending, ordered, unordered, ignore-values)";
    }
    if (error && !f->error) {
        f->error = xstrdup(error);
        f->error_line = line;
    }
}

/* Split a file's text into statements: semicolons outside strings, quoted
 * identifiers, dollar quotes and comments end a statement; a statement with
 * no token is skipped. "-- difftest:" comment lines before a statement apply
 * to it (or, before the first, may make the file pending). */
static void split_file(SqlFile *f, const char *text)
{
    int line = 1, start_line = 0;
    size_t start = 0;
    bool in_stmt = false, seen_stmt = false;
    Directives dir = {false, false, false};
    for (size_t i = 0;;) {
        Token t = lex_next(text, i);
        bool end = t.kind == TK_EOF || (t.kind == TK_PUNCT && text[t.start] == ';');
        if (end && in_stmt) {
            size_t e = t.start;
            while (e > start && (text[e - 1] == ' ' || text[e - 1] == '\t' ||
                                 text[e - 1] == '\n' || text[e - 1] == '\r'))
                e--;
            if (f->n == f->cap)
                f->stmts = xrealloc(f->stmts, (f->cap = f->cap ? f->cap * 2 : 64) * sizeof(Stmt));
            Stmt *st = &f->stmts[f->n++];
            st->sql = xstrndup(text + start, e - start);
            st->line = start_line;
            st->ordered = (has_top_level_order_by(st->sql) || dir.ordered) && !dir.unordered;
            st->ignore_values = dir.ignore_values;
            memset(&dir, 0, sizeof dir);
            in_stmt = false;
            seen_stmt = true;
        }
        if (t.kind == TK_EOF)
            break;
        if (t.kind == TK_LINE_COMMENT) {
            const char *c = text + t.start + 2;
            while (*c == ' ' || *c == '\t')
                c++;
            if (strncmp(c, "difftest:", 9) == 0) {
                char *d = xstrndup(c + 9, text + t.end - (c + 9));
                apply_directive(f, d, line, !seen_stmt && !in_stmt, &dir);
                free(d);
            }
        } else if (!end && t.kind != TK_SPACE && t.kind != TK_BLOCK_COMMENT && !in_stmt) {
            in_stmt = true;
            start = t.start;
            start_line = line;
        }
        line += t.newlines;
        i = t.end;
    }
}

static void free_file(SqlFile *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->stmts[i].sql);
    free(f->stmts);
    free(f->pending);
    free(f->error);
}

/* The name (as written) of the table or sequence a CREATE TABLE / CREATE
 * SEQUENCE statement creates, or NULL; *is_seq tells which. Caller frees. */
static char *created_relation(const char *s, bool *is_seq)
{
    size_t i = 0;
    int step = 0;               /* 0: CREATE, 1: TABLE/SEQUENCE, 2: name */
    for (;;) {
        Token t = lex_next(s, i);
        if (t.kind == TK_EOF)
            return NULL;
        i = t.end;
        if (t.kind == TK_SPACE || t.kind == TK_LINE_COMMENT || t.kind == TK_BLOCK_COMMENT)
            continue;
        size_t len = t.end - t.start;
        const char *w = s + t.start;
        if (step == 0) {
            if (t.kind != TK_WORD || len != 6 || strncasecmp(w, "create", 6) != 0)
                return NULL;
            step = 1;
        } else if (step == 1) {
            if (t.kind != TK_WORD)
                return NULL;
            if ((len == 4 && strncasecmp(w, "temp", 4) == 0) ||
                (len == 9 && strncasecmp(w, "temporary", 9) == 0) ||
                (len == 8 && strncasecmp(w, "unlogged", 8) == 0))
                continue;
            if (len == 5 && strncasecmp(w, "table", 5) == 0)
                *is_seq = false;
            else if (len == 8 && strncasecmp(w, "sequence", 8) == 0)
                *is_seq = true;
            else
                return NULL;
            step = 2;
        } else {
            if (t.kind == TK_WORD && ((len == 2 && strncasecmp(w, "if", 2) == 0) ||
                                      (len == 3 && strncasecmp(w, "not", 3) == 0) ||
                                      (len == 6 && strncasecmp(w, "exists", 6) == 0)))
                continue;
            if (t.kind != TK_WORD && t.kind != TK_QIDENT)
                return NULL;
            /* the name, with a schema qualification if there is one */
            size_t end = t.end;
            while (s[end] == '.') {
                Token u = lex_next(s, end + 1);
                if (u.kind != TK_WORD && u.kind != TK_QIDENT)
                    break;
                end = u.end;
            }
            return xstrndup(s + t.start, end - t.start);
        }
    }
}

/* ------------------------------------------------------------- exceptions */

typedef enum ExcKind { EXC_STMT, EXC_SQLSTATE, EXC_MESSAGE } ExcKind;

typedef struct Exception {
    ExcKind kind;
    char *file;              /* EXC_STMT: path as written */
    int line;                /* EXC_STMT */
    char pg[6], om[6];       /* EXC_SQLSTATE: code, "*" or "ok"; EXC_MESSAGE: pg */
    char *text;              /* the pattern as written, for reports */
    int src_line;            /* line in the exceptions file */
    long used;
} Exception;

typedef struct ExcList {
    Exception *v;
    size_t n, cap;
    const char *path;
} ExcList;

static bool code_token(const char *s, size_t n, char out[6])
{
    if ((n == 1 && s[0] == '*') || (n == 2 && strncmp(s, "ok", 2) == 0)) {
        memcpy(out, s, n);
        out[n] = '\0';
        return true;
    }
    if (n != 5)
        return false;
    for (size_t i = 0; i < 5; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
            return false;
    memcpy(out, s, 5);
    out[5] = '\0';
    return true;
}

/* Parse one pattern (the text between backticks); false if malformed. */
static bool parse_exception(const char *p, Exception *e)
{
    size_t n = strlen(p);
    if (strncmp(p, "sqlstate ", 9) == 0) {
        const char *a = p + 9 + strspn(p + 9, " ");
        size_t an = strcspn(a, " ");
        const char *b = a + an + strspn(a + an, " ");
        size_t bn = strcspn(b, " ");
        e->kind = EXC_SQLSTATE;
        return code_token(a, an, e->pg) && code_token(b, bn, e->om) && b[bn] == '\0' &&
               !(strcmp(e->pg, "ok") == 0 && strcmp(e->om, "ok") == 0);
    }
    if (strncmp(p, "message ", 8) == 0) {
        const char *a = p + 8 + strspn(p + 8, " ");
        e->kind = EXC_MESSAGE;
        return code_token(a, strlen(a), e->pg) && strcmp(e->pg, "ok") != 0;
    }
    const char *colon = strrchr(p, ':');
    if (!colon || colon == p || colon[1] == '\0')
        return false;
    char *endp;
    long line = strtol(colon + 1, &endp, 10);
    if (*endp || line <= 0 || line > 10000000 || n < 5)
        return false;
    e->kind = EXC_STMT;
    e->file = xstrndup(p, colon - p);
    e->line = (int)line;
    return true;
}

/* Load the "## Differential test exceptions" section (up to the next heading):
 * every list item in it, outside fenced code blocks, is "- `PATTERN` — reason".
 * Returns false (after printing why) on errors. */
static bool load_exceptions(ExcList *l, const char *path)
{
    char *text = read_file(path);
    if (!text) {
        fprintf(stderr, "difftest: cannot read %s: %s\n", path, strerror(errno));
        return false;
    }
    l->path = path;
    bool in_section = false, found = false, ok = true, in_fence = false;
    int lineno = 0;
    for (char *ln = text; ln && *ln;) {
        char *nl = strchr(ln, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        size_t len = strlen(ln);
        if (len && ln[len - 1] == '\r')
            ln[--len] = '\0';
        if (strncmp(ln, "```", 3) == 0) {
            in_fence = !in_fence;       /* examples in fenced blocks are not entries */
        } else if (in_fence) {
            /* skip */
        } else if (ln[0] == '#') {
            in_section = strncmp(ln, "## Differential test exceptions", 31) == 0;
            found |= in_section;
        } else if (in_section && (strncmp(ln, "- ", 2) == 0 || strncmp(ln, "* ", 2) == 0)) {
            char *b1 = strchr(ln, '`');
            char *b2 = b1 ? strchr(b1 + 1, '`') : NULL;
            Exception e;
            memset(&e, 0, sizeof e);
            bool good = b1 && b2 && b1 == ln + 2;
            if (good) {
                char *pat = xstrndup(b1 + 1, b2 - b1 - 1);
                good = parse_exception(pat, &e);
                e.text = pat;
                /* a reason must follow: skip separators and spaces */
                const char *r = b2 + 1;
                while (*r == ' ' || *r == '-' || *r == ':' || (unsigned char)*r == 0xe2 ||
                       (unsigned char)*r == 0x80 || (unsigned char)*r == 0x93 ||
                       (unsigned char)*r == 0x94)
                    r++;
                if (!*r)
                    good = false;
            }
            if (!good) {
                fprintf(stderr, "%s:%d: malformed exception (want \"- `FILE:LINE` — reason\", "
                        "\"- `sqlstate PG OMENDB` — reason\" or \"- `message SQLSTATE` — "
                        "reason\"): %s\n", path, lineno, ln);
                free(e.text);
                free(e.file);
                ok = false;
            } else {
                e.src_line = lineno;
                if (l->n == l->cap)
                    l->v = xrealloc(l->v, (l->cap = l->cap ? l->cap * 2 : 32) * sizeof(Exception));
                l->v[l->n++] = e;
            }
        }
        ln = nl ? nl + 1 : NULL;
    }
    free(text);
    if (!found) {
        fprintf(stderr, "difftest: %s has no \"## Differential test exceptions\" section\n", path);
        ok = false;
    }
    return ok;
}

/* Does the exception's path name the file that ran? One must end with the
 * other at a path-component boundary ("test/diff/x.sql" and "/w/test/diff/x.sql"). */
static bool same_file(const char *a, const char *b)
{
    while (strncmp(a, "./", 2) == 0)
        a += 2;
    while (strncmp(b, "./", 2) == 0)
        b += 2;
    size_t an = strlen(a), bn = strlen(b);
    if (an < bn) {
        const char *t = a;
        a = b;
        b = t;
        size_t tn = an;
        an = bn;
        bn = tn;
    }
    return strcmp(a + an - bn, b) == 0 && (an == bn || a[an - bn - 1] == '/');
}

/* ------------------------------------------------------------ connections */

typedef struct Options {
    const char *omen_conninfo, *pg_conninfo;
    const char *scratch, *omen_scratch;
    const char *exceptions;
    bool ignore_pending, strict_messages, verbose, quiet;
} Options;

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Connect with conninfo, overriding the database when dbname is given. */
static PGconn *connect_to(const char *conninfo, const char *dbname)
{
    const char *keys[] = {"dbname", "dbname", "application_name", "connect_timeout", NULL};
    const char *vals[] = {conninfo, dbname, "difftest", "10", NULL};
    if (!dbname) {
        keys[1] = "application_name";
        vals[1] = "difftest";
        keys[2] = "connect_timeout";
        vals[2] = "10";
        keys[3] = NULL;
    }
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(c) == CONNECTION_OK)
        PQsetNoticeProcessor(c, quiet_notices, NULL);
    return c;
}

/* Run an administrative command; false (after printing) on failure. */
static bool admin_exec(PGconn *c, const char *what, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        fprintf(stderr, "difftest: %s: %s: %s", what, sql, PQerrorMessage(c));
    PQclear(r);
    return ok;
}

/* Drop and create the scratch database over the admin connection. */
static bool scratch_recreate(PGconn *admin, const char *name)
{
    char *q = PQescapeIdentifier(admin, name, strlen(name));
    char sql[512];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", q);
    bool ok = admin_exec(admin, "scratch database", sql);
    snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' "
             "LC_COLLATE 'C' LC_CTYPE 'C'", q);
    ok = ok && admin_exec(admin, "scratch database", sql);
    PQfreemem(q);
    return ok;
}

static void scratch_drop(PGconn *admin, const char *name)
{
    char *q = PQescapeIdentifier(admin, name, strlen(name));
    char sql[512];
    snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", q);
    admin_exec(admin, "scratch database", sql);
    PQfreemem(q);
}

/* ---------------------------------------------------------------- results */

typedef struct Outcome {
    PGresult *res;           /* the last result; NULL when the connection failed */
    int nresults;
    bool lost;               /* the connection is gone */
    char *conn_error;
} Outcome;

static Outcome run_stmt(PGconn *c, const char *sql)
{
    Outcome o = {NULL, 0, false, NULL};
    if (!PQsendQuery(c, sql)) {
        o.lost = PQstatus(c) != CONNECTION_OK;
        o.conn_error = xstrdup(PQerrorMessage(c));
        return o;
    }
    PGresult *r;
    while ((r = PQgetResult(c)) != NULL) {
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_COPY_IN) {
            PQputCopyEnd(c, "difftest does not feed COPY FROM STDIN");
        } else if (st == PGRES_COPY_OUT) {
            char *buf;
            while (PQgetCopyData(c, &buf, 0) > 0)
                PQfreemem(buf);
        }
        PQclear(o.res);
        o.res = r;
        o.nresults++;
    }
    if (PQstatus(c) != CONNECTION_OK) {
        o.lost = true;
        o.conn_error = xstrdup(PQerrorMessage(c));
    }
    return o;
}

static void outcome_clear(Outcome *o)
{
    PQclear(o->res);
    free(o->conn_error);
    memset(o, 0, sizeof *o);
}

static bool is_error(const PGresult *r)
{
    ExecStatusType st = PQresultStatus(r);
    return st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE || st == PGRES_NONFATAL_ERROR;
}

static const char *err_field(const PGresult *r, int f)
{
    const char *v = PQresultErrorField(r, f);
    return v ? v : "";
}

static int row_cmp(const PGresult *a, int ra, const PGresult *b, int rb, int ncols)
{
    for (int c = 0; c < ncols; c++) {
        bool na = PQgetisnull(a, ra, c), nb = PQgetisnull(b, rb, c);
        if (na != nb)
            return na ? -1 : 1;
        if (na)
            continue;
        int d = strcmp(PQgetvalue(a, ra, c), PQgetvalue(b, rb, c));
        if (d)
            return d;
    }
    return 0;
}

static const PGresult *sort_res;
static int sort_ncols;

static int row_qsort_cmp(const void *x, const void *y)
{
    return row_cmp(sort_res, *(const int *)x, sort_res, *(const int *)y, sort_ncols);
}

/* Row indexes of r, sorted unless ordered; caller frees. */
static int *row_order(const PGresult *r, bool ordered)
{
    int n = PQntuples(r);
    int *idx = xmalloc(sizeof(int) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        idx[i] = i;
    if (!ordered && n > 1) {
        sort_res = r;
        sort_ncols = PQnfields(r);
        qsort(idx, (size_t)n, sizeof(int), row_qsort_cmp);
    }
    return idx;
}

static const char *type_name(Oid oid)
{
    static const struct { Oid oid; const char *name; } names[] = {
        {16, "bool"}, {17, "bytea"}, {18, "char"}, {19, "name"}, {20, "int8"}, {21, "int2"},
        {23, "int4"}, {25, "text"}, {26, "oid"}, {114, "json"}, {700, "float4"},
        {701, "float8"}, {705, "unknown"}, {1000, "bool[]"}, {1005, "int2[]"},
        {1007, "int4[]"}, {1009, "text[]"}, {1016, "int8[]"}, {1021, "float4[]"},
        {1022, "float8[]"}, {1042, "bpchar"}, {1043, "varchar"}, {1082, "date"},
        {1083, "time"}, {1114, "timestamp"}, {1184, "timestamptz"}, {1186, "interval"},
        {1231, "numeric[]"}, {1266, "timetz"}, {1560, "bit"}, {1562, "varbit"},
        {1700, "numeric"}, {2249, "record"}, {2278, "void"}, {2950, "uuid"},
        {3802, "jsonb"}, {3807, "jsonb[]"}, {2951, "uuid[]"}, {1182, "date[]"},
        {1115, "timestamp[]"}, {1185, "timestamptz[]"}, {1187, "interval[]"},
        {1001, "bytea[]"}, {1015, "varchar[]"}, {1014, "bpchar[]"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].oid == oid)
            return names[i].name;
    return NULL;
}

/* --------------------------------------------------------------- reporting */

static void print_value(FILE *out, const PGresult *r, int row, int col)
{
    if (PQgetisnull(r, row, col)) {
        fputs("NULL", out);
        return;
    }
    const char *v = PQgetvalue(r, row, col);
    size_t n = strlen(v);
    fputc('\'', out);
    for (size_t i = 0; i < n && i < SHOW_VALUE; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('\'', out);
    if (n > SHOW_VALUE)
        fprintf(out, "…(%zu bytes)", n);
}

static void print_row(FILE *out, const char *prefix, const PGresult *r, int row)
{
    fprintf(out, "%s", prefix);
    for (int c = 0; c < PQnfields(r); c++) {
        if (c)
            fputs(" | ", out);
        print_value(out, r, row, c);
    }
    fputc('\n', out);
}

/* One-line summary of an outcome: the error, or the tag and the columns. */
static void print_outcome(FILE *out, const char *who, const Outcome *o)
{
    fprintf(out, "  %-10s ", who);
    if (!o->res) {
        fprintf(out, "no result: %s", o->conn_error ? o->conn_error : "?\n");
        return;
    }
    const PGresult *r = o->res;
    if (is_error(r)) {
        const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        fprintf(out, "ERROR %s: %s", err_field(r, PG_DIAG_SQLSTATE),
                msg ? msg : PQresultErrorMessage(r));
        const char *pos = PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION);
        if (pos)
            fprintf(out, " (at %s)", pos);
        fputc('\n', out);
        return;
    }
    fprintf(out, "%s", PQcmdStatus((PGresult *)r));
    if (o->nresults != 1)
        fprintf(out, " [%d results]", o->nresults);
    if (PQresultStatus(r) == PGRES_TUPLES_OK) {
        fputs(" (", out);
        for (int c = 0; c < PQnfields(r); c++) {
            const char *tn = type_name(PQftype(r, c));
            fprintf(out, "%s%s ", c ? ", " : "", PQfname(r, c));
            if (tn)
                fputs(tn, out);
            else
                fprintf(out, "oid %u", PQftype(r, c));
        }
        fputs(")", out);
    }
    fputc('\n', out);
}

static void print_sql(FILE *out, const char *sql)
{
    for (const char *p = sql; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(out, "  | %.*s\n", (int)n, p);
        if (!nl)
            break;
        p = nl + 1;
    }
}

/* Show which rows differ: for multisets the rows only one side has, for
 * ordered results the rows from the first position that differs. */
static void print_row_diff(FILE *out, const PGresult *a, const PGresult *b, bool ordered)
{
    int na = PQntuples(a), nb = PQntuples(b), nc = PQnfields(a);
    int *ia = row_order(a, ordered), *ib = row_order(b, ordered);
    if (ordered) {
        int k = 0;
        while (k < na && k < nb && row_cmp(a, ia[k], b, ib[k], nc) == 0)
            k++;
        fprintf(out, "  ordered rows: %d vs %d, first difference at row %d\n", na, nb, k + 1);
        for (int i = k; i < na && i < k + SHOW_ROWS; i++)
            print_row(out, "    postgresql> ", a, i);
        for (int i = k; i < nb && i < k + SHOW_ROWS; i++)
            print_row(out, "    omendb>     ", b, i);
    } else {
        fprintf(out, "  rows (as multisets): %d vs %d\n", na, nb);
        int i = 0, j = 0, shown_a = 0, shown_b = 0, more_a = 0, more_b = 0;
        while (i < na || j < nb) {
            int d = i >= na ? 1 : j >= nb ? -1 : row_cmp(a, ia[i], b, ib[j], nc);
            if (d == 0) {
                i++;
                j++;
            } else if (d < 0) {
                if (shown_a++ < SHOW_ROWS)
                    print_row(out, "    only postgresql> ", a, ia[i]);
                else
                    more_a++;
                i++;
            } else {
                if (shown_b++ < SHOW_ROWS)
                    print_row(out, "    only omendb>     ", b, ib[j]);
                else
                    more_b++;
                j++;
            }
        }
        if (more_a || more_b)
            fprintf(out, "    … and %d more only in postgresql, %d more only in omendb\n",
                    more_a, more_b);
    }
    free(ia);
    free(ib);
}

/* ------------------------------------------------------------- comparison */

enum {
    D_STATUS = 1 << 0,       /* error vs success, or different result kinds */
    D_SQLSTATE = 1 << 1,
    D_TAG = 1 << 2,
    D_COLUMNS = 1 << 3,      /* count or names */
    D_TYPES = 1 << 4,
    D_ROWS = 1 << 5,
    D_MESSAGE = 1 << 6,      /* soft: error message text */
    D_HARD = D_STATUS | D_SQLSTATE | D_TAG | D_COLUMNS | D_TYPES | D_ROWS,
};

static void print_kinds(FILE *out, int d)
{
    static const char *names[] = {"status", "sqlstate", "tag", "columns", "types", "rows",
                                  "message"};
    bool first = true;
    for (int i = 0; i < 7; i++)
        if (d & (1 << i)) {
            fprintf(out, "%s%s", first ? "" : ",", names[i]);
            first = false;
        }
}

static int compare(const Outcome *pg, const Outcome *om, const Stmt *st)
{
    const PGresult *a = pg->res, *b = om->res;
    if (!a || !b)
        return D_STATUS;
    int d = 0;
    bool ea = is_error(a), eb = is_error(b);
    if (ea != eb)
        return D_STATUS;
    if (ea) {
        if (strcmp(err_field(a, PG_DIAG_SQLSTATE), err_field(b, PG_DIAG_SQLSTATE)) != 0)
            d |= D_SQLSTATE;
        if (!streq(PQresultErrorField(a, PG_DIAG_MESSAGE_PRIMARY),
                   PQresultErrorField(b, PG_DIAG_MESSAGE_PRIMARY)))
            d |= D_MESSAGE;
        return d;
    }
    if (PQresultStatus(a) != PQresultStatus(b) || pg->nresults != om->nresults)
        return D_STATUS;
    if (strcmp(PQcmdStatus((PGresult *)a), PQcmdStatus((PGresult *)b)) != 0)
        d |= D_TAG;
    if (PQresultStatus(a) != PGRES_TUPLES_OK)
        return d;
    int nc = PQnfields(a);
    if (nc != PQnfields(b))
        return d | D_COLUMNS | D_ROWS;
    for (int c = 0; c < nc; c++) {
        if (strcmp(PQfname(a, c), PQfname(b, c)) != 0)
            d |= D_COLUMNS;
        if (PQftype(a, c) != PQftype(b, c))
            d |= D_TYPES;
    }
    int na = PQntuples(a), nb = PQntuples(b);
    if (na != nb)
        return d | D_ROWS;
    if (st->ignore_values)
        return d;
    int *ia = row_order(a, st->ordered), *ib = row_order(b, st->ordered);
    for (int i = 0; i < na; i++)
        if (row_cmp(a, ia[i], b, ib[i], nc) != 0) {
            d |= D_ROWS;
            break;
        }
    free(ia);
    free(ib);
    return d;
}

/* The first exception that covers difference d of this statement, or NULL. */
static Exception *find_exception(ExcList *l, const char *path, const Stmt *st, int d,
                                 const Outcome *pg, const Outcome *om)
{
    for (size_t i = 0; i < l->n; i++) {
        Exception *e = &l->v[i];
        bool hit = false;
        if (e->kind == EXC_STMT) {
            hit = e->line == st->line && same_file(e->file, path);
        } else if (e->kind == EXC_SQLSTATE && (d & D_HARD) && pg->res && om->res) {
            const char *ca = is_error(pg->res) ? err_field(pg->res, PG_DIAG_SQLSTATE) : "ok";
            const char *cb = is_error(om->res) ? err_field(om->res, PG_DIAG_SQLSTATE) : "ok";
            hit = strcmp(ca, cb) != 0 &&
                  (strcmp(e->pg, "*") == 0 || strcmp(e->pg, ca) == 0) &&
                  (strcmp(e->om, "*") == 0 || strcmp(e->om, cb) == 0);
        } else if (e->kind == EXC_MESSAGE && d == D_MESSAGE) {
            hit = strcmp(e->pg, "*") == 0 || strcmp(e->pg, err_field(pg->res, PG_DIAG_SQLSTATE)) == 0;
        }
        if (hit)
            return e;
    }
    return NULL;
}

/* -------------------------------------------------------------- the run */

typedef struct Totals {
    long stmts, matched, differ, expected;         /* files that are not pending */
    long messages, messages_expected;              /* message-only, not pending */
    long pending_files, pending_stmts, pending_matched;
    long harness_errors;                           /* lost connections, leftovers, ... */
    long unexpected_messages;
} Totals;

typedef struct Run {
    const Options *opt;
    ExcList exc;
    PGconn *pg_admin, *om_admin;   /* admin connections (scratch databases) */
    Totals t;
    bool omen_gone;                /* OmenDB cannot be reached any more */
} Run;

static void harness_error(Run *run, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void harness_error(Run *run, const char *path, int line, const char *fmt, ...)
{
    va_list ap;
    if (line)
        printf("%s:%d: HARNESS ERROR: ", path, line);
    else
        printf("%s: HARNESS ERROR: ", path);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    run->t.harness_errors++;
}

/* Warn (once per run and setting) when the two sessions start with different
 * settings that change how values print (TimeZone, DateStyle, ...). */
static void check_settings(const char *path, PGconn *pg, PGconn *om)
{
    static const char *params[] = {"server_encoding", "client_encoding", "DateStyle",
                                   "IntervalStyle", "TimeZone", "standard_conforming_strings",
                                   "integer_datetimes", NULL};
    static bool warned[sizeof params / sizeof params[0]];
    for (int i = 0; params[i]; i++) {
        const char *a = PQparameterStatus(pg, params[i]);
        const char *b = PQparameterStatus(om, params[i]);
        if (a && b && strcmp(a, b) != 0 && !warned[i]) {
            printf("%s: warning: %s is \"%s\" on postgresql but \"%s\" on omendb at the "
                   "start of a session\n", path, params[i], a, b);
            warned[i] = true;
        }
    }
}

/* Tables left in PostgreSQL's scratch database after the file: report them,
 * and drop them on the OmenDB side, where the next file would meet them. */
static void check_leftovers(Run *run, const char *path, PGconn *pg, PGconn *om)
{
    if (PQtransactionStatus(pg) != PQTRANS_IDLE) {
        harness_error(run, path, 0, "the file ends inside a transaction block (end it with "
                      "COMMIT or ROLLBACK)");
        PQclear(PQexec(pg, "ROLLBACK"));
        if (om)
            PQclear(PQexec(om, "ROLLBACK"));
    }
    PGresult *r = PQexec(pg, "SELECT c.relname FROM pg_catalog.pg_class c "
                             "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                             "WHERE n.nspname = 'public' AND c.relkind IN ('r','p','v','m','S','f') "
                             "ORDER BY 1");
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) {
        size_t cap = 64;
        for (int i = 0; i < PQntuples(r); i++)
            cap += strlen(PQgetvalue(r, i, 0)) * 2 + 8;
        char *list = xmalloc(cap);
        list[0] = '\0';
        for (int i = 0; i < PQntuples(r); i++) {
            char *q = PQescapeIdentifier(pg, PQgetvalue(r, i, 0), strlen(PQgetvalue(r, i, 0)));
            if (i)
                strcat(list, ", ");
            strcat(list, q);
            PQfreemem(q);
        }
        harness_error(run, path, 0, "the file leaves relations behind: %s (drop them at the "
                      "end: OmenDB keeps one database for the whole run)", list);
        if (om) {
            for (int i = 0; i < PQntuples(r); i++) {
                char *q = PQescapeIdentifier(om, PQgetvalue(r, i, 0),
                                             strlen(PQgetvalue(r, i, 0)));
                char *sql = xmalloc(strlen(q) + 32);
                sprintf(sql, "DROP TABLE IF EXISTS %s", q);
                PQclear(PQexec(om, sql));
                free(sql);
                PQfreemem(q);
            }
        }
        free(list);
    }
    PQclear(r);
}

static void run_file(Run *run, const char *path)
{
    const Options *o = run->opt;
    char *text = read_file(path);
    if (!text) {
        harness_error(run, path, 0, "cannot read: %s", strerror(errno));
        return;
    }
    SqlFile f;
    memset(&f, 0, sizeof f);
    f.path = path;
    split_file(&f, text);
    free(text);
    if (f.error) {
        harness_error(run, path, f.error_line, "%s", f.error);
        free_file(&f);
        return;
    }
    bool pending = f.pending && !o->ignore_pending;

    if (!scratch_recreate(run->pg_admin, o->scratch) ||
        (o->omen_scratch && !scratch_recreate(run->om_admin, o->omen_scratch))) {
        harness_error(run, path, 0, "cannot create the scratch database");
        free_file(&f);
        return;
    }
    PGconn *pg = connect_to(o->pg_conninfo, o->scratch);
    if (PQstatus(pg) != CONNECTION_OK) {
        harness_error(run, path, 0, "cannot connect to postgresql: %s", PQerrorMessage(pg));
        PQfinish(pg);
        free_file(&f);
        return;
    }
    PGconn *om = connect_to(o->omen_conninfo, o->omen_scratch);
    if (PQstatus(om) != CONNECTION_OK) {
        harness_error(run, path, 0, "cannot connect to omendb: %s", PQerrorMessage(om));
        run->omen_gone = true;
        PQfinish(om);
        PQfinish(pg);
        free_file(&f);
        return;
    }
    check_settings(path, pg, om);

    long n = 0, matched = 0, pg_errors = 0;
    char **created = NULL;          /* DROP commands for what OmenDB created */
    size_t ncreated = 0, created_cap = 0;
    for (size_t i = 0; i < f.n; i++) {
        Stmt *st = &f.stmts[i];
        Outcome a = run_stmt(pg, st->sql);
        if (a.lost) {
            harness_error(run, path, st->line, "postgresql connection lost: %s",
                          a.conn_error ? a.conn_error : "");
            outcome_clear(&a);
            break;
        }
        Outcome b = run_stmt(om, st->sql);
        n++;
        if (b.lost) {
            /* never acceptable, pending or not: a crash or a dropped session */
            harness_error(run, path, st->line, "omendb connection lost (crash?): %s",
                          b.conn_error ? b.conn_error : "");
            print_sql(stdout, st->sql);
            PQfinish(om);
            om = connect_to(o->omen_conninfo, o->omen_scratch);
            if (PQstatus(om) != CONNECTION_OK) {
                harness_error(run, path, st->line, "cannot reconnect to omendb: %s",
                              PQerrorMessage(om));
                run->omen_gone = true;
                outcome_clear(&a);
                outcome_clear(&b);
                break;
            }
        }
        if (a.res && is_error(a.res))
            pg_errors++;
        if (b.res && !is_error(b.res)) {
            bool is_seq = false;
            char *name = created_relation(st->sql, &is_seq);
            if (name) {
                if (ncreated == created_cap)
                    created = xrealloc(created, (created_cap = created_cap ? created_cap * 2 : 16) *
                                                    sizeof(char *));
                char *cmd = xmalloc(strlen(name) + 40);
                sprintf(cmd, "DROP %s IF EXISTS %s", is_seq ? "SEQUENCE" : "TABLE", name);
                created[ncreated++] = cmd;
                free(name);
            }
        }
        int d = compare(&a, &b, st);
        Exception *e = d ? find_exception(&run->exc, path, st, d, &a, &b) : NULL;
        if (e)
            e->used++;
        if (!(d & D_HARD))
            matched++;
        if (!pending) {
            if (d & D_HARD) {
                run->t.differ++;
                if (e)
                    run->t.expected++;
            } else if (d & D_MESSAGE) {
                run->t.messages++;
                if (e)
                    run->t.messages_expected++;
                else
                    run->t.unexpected_messages++;
            }
        }
        bool show = d && (!pending || o->verbose) && (!o->quiet || (!e && !pending));
        if (show && (!(d & D_HARD) && o->quiet && !o->strict_messages))
            show = false;
        if (show) {
            printf("%s:%d: %s (", path, st->line,
                   e ? "expected difference" : pending ? "pending difference" :
                   (d & D_HARD) ? "DIFFERENCE" : "message difference");
            print_kinds(stdout, d);
            printf(")");
            if (e)
                printf(" — %s:%d `%s`", run->exc.path, e->src_line, e->text);
            printf("\n");
            print_sql(stdout, st->sql);
            print_outcome(stdout, "postgresql", &a);
            print_outcome(stdout, "omendb", &b);
            if ((d & D_ROWS) && a.res && b.res && PQnfields(a.res) == PQnfields(b.res))
                print_row_diff(stdout, a.res, b.res, st->ordered);
        }
        outcome_clear(&a);
        outcome_clear(&b);
    }
    if (!run->omen_gone)
        check_leftovers(run, path, pg, om);
    else
        check_leftovers(run, path, pg, NULL);
    /* Whatever the file created on OmenDB and may have failed to drop there
     * (a DROP that fails only on OmenDB is already a reported difference)
     * must not leak into the next file. */
    if (!run->omen_gone && PQstatus(om) == CONNECTION_OK && PQtransactionStatus(om) != PQTRANS_IDLE)
        PQclear(PQexec(om, "ROLLBACK"));
    for (size_t k = 0; k < ncreated; k++) {
        if (!run->omen_gone && PQstatus(om) == CONNECTION_OK)
            PQclear(PQexec(om, created[k]));
        free(created[k]);
    }
    free(created);

    if (!o->quiet)
        printf("%s: %ld statements, %ld match, %ld errors on postgresql%s%s%s\n", path, n,
               matched, pg_errors, pending ? " — pending: \"" : "", pending ? f.pending : "",
               pending ? "\"" : "");
    if (pending) {
        run->t.pending_files++;
        run->t.pending_stmts += n;
        run->t.pending_matched += matched;
    } else {
        run->t.stmts += n;
        run->t.matched += matched;
    }
    PQfinish(pg);
    PQfinish(om);
    free_file(&f);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expand the arguments: a directory stands for its *.sql files in name order. */
static char **expand_paths(char **args, int nargs, int *count)
{
    char **out = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i < nargs; i++) {
        struct stat sb;
        if (stat(args[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            DIR *d = opendir(args[i]);
            if (!d) {
                fprintf(stderr, "difftest: cannot open %s: %s\n", args[i], strerror(errno));
                exit(2);
            }
            int first = n;
            struct dirent *de;
            while ((de = readdir(d)) != NULL) {
                size_t len = strlen(de->d_name);
                if (len < 5 || strcmp(de->d_name + len - 4, ".sql") != 0 || de->d_name[0] == '.')
                    continue;
                if (n == cap)
                    out = xrealloc(out, sizeof(char *) * (size_t)(cap = cap ? cap * 2 : 64));
                size_t dl = strlen(args[i]);
                char *p = xmalloc(dl + len + 2);
                sprintf(p, "%s%s%s", args[i], dl && args[i][dl - 1] == '/' ? "" : "/", de->d_name);
                out[n++] = p;
            }
            closedir(d);
            qsort(out + first, (size_t)(n - first), sizeof(char *), name_cmp);
        } else {
            if (n == cap)
                out = xrealloc(out, sizeof(char *) * (size_t)(cap = cap ? cap * 2 : 64));
            out[n++] = xstrdup(args[i]);
        }
    }
    *count = n;
    return out;
}

/* --split: print the statements of each file as difftest would run them. */
static int split_only(char **paths, int n)
{
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char *text = read_file(paths[i]);
        if (!text) {
            fprintf(stderr, "difftest: cannot read %s: %s\n", paths[i], strerror(errno));
            rc = 2;
            continue;
        }
        SqlFile f;
        memset(&f, 0, sizeof f);
        f.path = paths[i];
        split_file(&f, text);
        free(text);
        if (f.error) {
            printf("%s:%d: error: %s\n", paths[i], f.error_line, f.error);
            rc = 1;
        }
        if (f.pending)
            printf("%s: pending \"%s\"\n", paths[i], f.pending);
        for (size_t k = 0; k < f.n; k++) {
            printf("%s:%d:%s%s ", paths[i], f.stmts[k].line,
                   f.stmts[k].ordered ? " ordered" : "",
                   f.stmts[k].ignore_values ? " ignore-values" : "");
            for (const char *p = f.stmts[k].sql; *p; p++)
                putchar(*p == '\n' ? ' ' : *p);
            putchar('\n');
        }
        free_file(&f);
    }
    return rc;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: difftest --omendb CONNINFO --pg CONNINFO [--scratch NAME] "
            "[--omendb-scratch NAME]\n"
            "                [--exceptions FILE] [--ignore-pending] [--strict-messages] "
            "[-v] [-q] FILE_OR_DIR...\n"
            "       difftest --split FILE_OR_DIR...\n");
}

int main(int argc, char **argv)
{
    Options o = {.scratch = "difftest"};
    bool split = false;
    static const struct option longopts[] = {
        {"omendb", required_argument, NULL, 'o'},
        {"pg", required_argument, NULL, 'p'},
        {"scratch", required_argument, NULL, 's'},
        {"omendb-scratch", required_argument, NULL, 'S'},
        {"exceptions", required_argument, NULL, 'e'},
        {"ignore-pending", no_argument, NULL, 'I'},
        {"strict-messages", no_argument, NULL, 'M'},
        {"split", no_argument, NULL, 'L'},
        {"verbose", no_argument, NULL, 'v'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "vqh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o.omen_conninfo = optarg; break;
        case 'p': o.pg_conninfo = optarg; break;
        case 's': o.scratch = optarg; break;
        case 'S': o.omen_scratch = optarg; break;
        case 'e': o.exceptions = optarg; break;
        case 'I': o.ignore_pending = true; break;
        case 'M': o.strict_messages = true; break;
        case 'L': split = true; break;
        case 'v': o.verbose = true; break;
        case 'q': o.quiet = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    int npaths;
    char **paths = expand_paths(argv + optind, argc - optind, &npaths);
    int rc = 2;
    Run run;
    memset(&run, 0, sizeof run);
    run.opt = &o;
    if (split) {
        rc = split_only(paths, npaths);
        goto done;
    }
    if (!o.omen_conninfo || !o.pg_conninfo) {
        usage(stderr);
        goto done;
    }
    if (o.omen_scratch && strcmp(o.omen_scratch, o.scratch) == 0) {
        fprintf(stderr, "difftest: --scratch and --omendb-scratch must differ\n");
        goto done;
    }
    if (o.exceptions && !load_exceptions(&run.exc, o.exceptions))
        goto done;
    run.pg_admin = connect_to(o.pg_conninfo, NULL);
    if (PQstatus(run.pg_admin) != CONNECTION_OK) {
        fprintf(stderr, "difftest: cannot connect to postgresql: %s", PQerrorMessage(run.pg_admin));
        goto done;
    }
    if (o.omen_scratch) {
        run.om_admin = connect_to(o.omen_conninfo, NULL);
        if (PQstatus(run.om_admin) != CONNECTION_OK) {
            fprintf(stderr, "difftest: cannot connect to omendb: %s", PQerrorMessage(run.om_admin));
            goto done;
        }
    }

    for (int i = 0; i < npaths && !run.omen_gone; i++)
        run_file(&run, paths[i]);

    scratch_drop(run.pg_admin, o.scratch);
    if (run.om_admin)
        scratch_drop(run.om_admin, o.omen_scratch);

    for (size_t i = 0; i < run.exc.n; i++) {
        Exception *e = &run.exc.v[i];
        if (e->kind != EXC_STMT || e->used)
            continue;
        for (int k = 0; k < npaths; k++)
            if (same_file(e->file, paths[k])) {
                printf("%s:%d: warning: exception `%s` matched no difference (stale?)\n",
                       run.exc.path, e->src_line, e->text);
                break;
            }
    }
    Totals *t = &run.t;
    if (t->harness_errors)
        printf("harness errors: %ld\n", t->harness_errors);
    printf("messages: %ld statements differ only in the error message (%ld expected)\n",
           t->messages, t->messages_expected);
    printf("pending: %ld files, %ld statements, %ld matching\n", t->pending_files,
           t->pending_stmts, t->pending_matched);
    printf("diff: %ld statements, %ld matched, %ld differ (%ld expected)\n", t->stmts,
           t->matched, t->differ, t->expected);
    rc = (t->differ > t->expected || t->harness_errors > 0 || run.omen_gone ||
          (o.strict_messages && t->unexpected_messages > 0)) ? 1 : 0;

done:
    PQfinish(run.pg_admin);
    PQfinish(run.om_admin);
    for (int i = 0; i < npaths; i++)
        free(paths[i]);
    free(paths);
    for (size_t i = 0; i < run.exc.n; i++) {
        free(run.exc.v[i].file);
        free(run.exc.v[i].text);
    }
    free(run.exc.v);
    return rc;
}
