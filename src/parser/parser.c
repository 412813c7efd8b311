/*
 * parser.c — the libpg_query adapter: the only file that includes pg_query.h.
 *
 * pg_query_parse_protobuf gives a serialized tree; protobuf-c unpacks it into
 * the PgQuery__* structs the binder walks. Both buffers are released by a
 * cleanup callback on the query's memory context.
 */
#include "parser.h"

#include <pg_query.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

typedef struct ParseHold {
    PgQueryProtobufParseResult raw;
    PgQuery__ParseResult *tree;
} ParseHold;

static void parse_release(void *arg)
{
    ParseHold *h = arg;
    if (h->tree) pg_query__parse_result__free_unpacked(h->tree, NULL);
    pg_query_free_protobuf_parse_result(h->raw);
}

int parse_deparse_expr(MemCtx *ctx, PgQuery__Node *expr, char **out, OmError *err)
{
    /* Wrap the expression as "SELECT <expr>", deparse, strip "SELECT ". */
    PgQuery__ResTarget rt = PG_QUERY__RES_TARGET__INIT;
    rt.val = expr;
    rt.location = -1;
    PgQuery__Node rtn = PG_QUERY__NODE__INIT;
    rtn.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
    rtn.res_target = &rt;
    PgQuery__Node *targets[1] = {&rtn};
    PgQuery__SelectStmt sel = PG_QUERY__SELECT_STMT__INIT;
    sel.n_target_list = 1;
    sel.target_list = targets;
    sel.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
    sel.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
    PgQuery__Node seln = PG_QUERY__NODE__INIT;
    seln.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
    seln.select_stmt = &sel;
    char *q;
    if (parse_deparse_stmt(ctx, &seln, &q, err) < 0) return -1;
    if (strncmp(q, "SELECT ", 7))
        return err_set(err, ERRCODE_INTERNAL_ERROR, "could not deparse expression: unexpected output");
    *out = q + 7;
    return 0;
}

int parse_deparse_stmt(MemCtx *ctx, PgQuery__Node *stmt, char **out, OmError *err)
{
    PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
    raw.stmt = stmt;
    PgQuery__RawStmt *stmts[1] = {&raw};
    PgQuery__ParseResult pr = PG_QUERY__PARSE_RESULT__INIT;
    pr.version = 150001;
    pr.n_stmts = 1;
    pr.stmts = stmts;
    size_t len = pg_query__parse_result__get_packed_size(&pr);
    uint8_t *buf = mem_alloc(ctx, len ? len : 1);
    pg_query__parse_result__pack(&pr, buf);
    PgQueryProtobuf pb = {.len = len, .data = (char *)buf};
    PgQueryDeparseResult dr = pg_query_deparse_protobuf(pb);
    int rc = 0;
    if (dr.error || !dr.query)
        rc = err_set(err, ERRCODE_INTERNAL_ERROR, "could not deparse statement: %s",
                     dr.error ? dr.error->message : "no output");
    else
        *out = mem_strdup(ctx, dr.query);
    pg_query_free_deparse_result(dr);
    return rc;
}

int parse_expr(MemCtx *ctx, const char *expr_sql, PgQuery__Node **out, OmError *err)
{
    char *sql = mem_printf(ctx, "SELECT %s", expr_sql);
    ParseResult *pr;
    if (parse_sql(ctx, sql, &pr, err) < 0) return -1;
    if (pr->nstmts != 1 || pr->stmts[0].node->node_case != PG_QUERY__NODE__NODE_SELECT_STMT ||
        pr->stmts[0].node->select_stmt->n_target_list != 1)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "stored expression is not one expression: %s", expr_sql);
    *out = pr->stmts[0].node->select_stmt->target_list[0]->res_target->val;
    return 0;
}

/* libpg_query reports every parser error as a syntax error; PostgreSQL's
 * scanner and grammar raise some with other SQLSTATEs. */
static const char *parse_error_sqlstate(const char *msg)
{
    static const struct {
        const char *prefix;
        const char *code;
    } map[] = {
        {"invalid byte sequence for encoding", ERRCODE_CHARACTER_NOT_IN_REPERTOIRE},
        {"Unicode escape values cannot be used", ERRCODE_SYNTAX_ERROR},
        {"precision for type float must be", ERRCODE_INVALID_PARAMETER_VALUE},
        {"unsafe use of string constant with Unicode escapes", ERRCODE_FEATURE_NOT_SUPPORTED},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strncmp(msg, map[i].prefix, strlen(map[i].prefix))) return map[i].code;
    return ERRCODE_SYNTAX_ERROR;
}

/*
 * libpg_query can cut the token in 'at or near "..."' in the middle of a
 * multibyte character, which would put invalid UTF-8 on the wire. The
 * token is a copy of query text: finish the last character from the
 * query, as PostgreSQL prints it.
 */
static void complete_near_token(char *msg, size_t size, const char *sql)
{
    char *tok = strstr(msg, "at or near \"");
    if (!tok) return;
    tok += 12;
    char *end = strrchr(tok, '"');
    if (!end || end == tok) return;
    size_t tlen = (size_t)(end - tok);
    const char *hit = NULL;
    for (const char *p = sql; *p && !hit; p++)
        if (!strncmp(p, tok, tlen)) hit = p;
    if (!hit) return;
    size_t extra = 0;
    while (((unsigned char)hit[tlen + extra] & 0xC0) == 0x80) extra++;
    if (!extra || strlen(msg) + extra + 1 > size) return;
    memmove(end + extra, end, strlen(end) + 1);
    memcpy(end, hit + tlen, extra);
}

/* Is 1-based character position pos inside (or at) an E'...' literal? */
static bool in_e_string(const char *sql, int pos)
{
    int chars = 0;
    const char *p = sql, *quote = NULL;
    for (; *p && chars < pos; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80) chars++;
        if (*p == '\'') quote = p;
    }
    if (!quote || quote == sql) return false;
    return quote[-1] == 'E' || quote[-1] == 'e';
}

int parse_position(const char *sql, int byte_offset)
{
    if (byte_offset < 0) return 0;
    int chars = 0;
    for (int i = 0; i < byte_offset && sql[i]; i++)
        if (((unsigned char)sql[i] & 0xC0) != 0x80) chars++;
    return chars + 1;
}

/*
 * libpg_query turns PostgreSQL's node tree into protobuf recursively, and
 * protobuf-c unpacks and frees it recursively: a query like
 * "SELECT 1+1+...+1" with 100,000 terms overflows any thread stack and would
 * take the whole server down (PostgreSQL itself answers 54001). So before
 * parsing, long texts get a cheap upper bound on their nesting
 * (nesting_bound): small bounds parse here, larger ones on a thread whose
 * stack is sized for the bound (reserved, not committed: unused depth costs
 * nothing), and absurd ones are refused without parsing.
 */
/* Bounds on that estimate: up to INLINE the caller's stack is enough; up to
 * MAX a parser thread gets a stack sized for it; beyond, 54001 without
 * parsing (a legitimate statement does not chain 100,000 operators). */
#define PARSE_BOUND_INLINE 1000
#define PARSE_BOUND_MAX 100000
#define PARSE_STACK_PER_LEVEL (8 * 1024)

#define PARSE_INLINE_MAX 2048          /* texts up to this cannot nest deep enough to matter */

/* Deepest parse tree handed to the session thread; deeper ones are refused
 * with PostgreSQL's 54001. Unpacking, freeing, binding and evaluating all
 * recurse over the tree, and this keeps them well inside a session stack. */
#define PARSE_MAX_TREE_DEPTH 10000

typedef struct ParseJob {
    const char *sql;
    PgQueryProtobufParseResult raw;
    PgQuery__ParseResult *tree;
    bool too_deep;
} ParseJob;

/* Depth of nested messages, walking protobuf-c's descriptors. */
static int msg_depth(const ProtobufCMessage *m, int limit)
{
    if (!m || limit <= 0) return 0;
    const ProtobufCMessageDescriptor *d = m->descriptor;
    int best = 0;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (f->type != PROTOBUF_C_TYPE_MESSAGE) continue;
        const char *base = (const char *)m + f->offset;
        if (f->label == PROTOBUF_C_LABEL_REPEATED) {
            size_t n = *(const size_t *)((const char *)m + f->quantifier_offset);
            ProtobufCMessage *const *arr = *(ProtobufCMessage *const *const *)base;
            for (size_t k = 0; k < n; k++) {
                int dd = msg_depth(arr[k], limit - 1);
                if (dd > best) best = dd;
                if (best >= limit) return best + 1;
            }
        } else {
            if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
                uint32_t which = *(const uint32_t *)((const char *)m + f->quantifier_offset);
                if (which != f->id) continue;
            }
            int dd = msg_depth(*(ProtobufCMessage *const *)base, limit - 1);
            if (dd > best) best = dd;
        }
        if (best >= limit) break;
    }
    return best + 1;
}

static void *parse_thread(void *arg)
{
    ParseJob *j = arg;
    j->raw = pg_query_parse_protobuf(j->sql);
    if (j->raw.error) return NULL;
    j->tree = pg_query__parse_result__unpack(NULL, j->raw.parse_tree.len, (const uint8_t *)j->raw.parse_tree.data);
    if (j->tree && msg_depth(&j->tree->base, PARSE_MAX_TREE_DEPTH + 1) > PARSE_MAX_TREE_DEPTH) {
        /* Free it here, on the big stack: freeing recurses too. */
        pg_query__parse_result__free_unpacked(j->tree, NULL);
        j->tree = NULL;
        j->too_deep = true;
    }
    return NULL;
}

static int parse_big(ParseHold *h, const char *sql, size_t levels, OmError *err)
{
    size_t stack = (size_t)64 * 1024 * 1024 + levels * PARSE_STACK_PER_LEVEL;
    void *mem = mmap(NULL, stack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mem == MAP_FAILED)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "statement is too large to parse");
    /* A guard page at the low end turns a miscalculation into a clean
     * SIGSEGV instead of silent corruption of a neighbouring mapping. */
    mprotect(mem, 4096, PROT_NONE);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstack(&attr, mem, stack);
    ParseJob job = {.sql = sql};
    pthread_t th;
    int rc = pthread_create(&th, &attr, parse_thread, &job);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        munmap(mem, stack);
        return err_set(err, ERRCODE_OUT_OF_MEMORY, "could not start the parser thread");
    }
    pthread_join(th, NULL);
    munmap(mem, stack);
    h->raw = job.raw;
    h->tree = job.tree;
    if (job.too_deep) {
        err_set(err, ERRCODE_STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
        err_hint(err, "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), "
                      "after ensuring the platform's stack depth limit is adequate.");
        return -1;
    }
    return 0;
}

/*
 * An upper bound on how deeply the text can nest, read from its bytes
 * without parsing: parentheses open levels, and within a level every
 * operator run or AND/OR/NOT/IS word can add one; commas and semicolons end
 * a chain. Strings, quoted identifiers, dollar quotes and comments are
 * skipped. Over-counting is safe (it only moves work to the big stack).
 */
static long nesting_bound(const char *s, size_t len)
{
    long depth = 0, sum = 0, best = 0;
    long cap = 64, *chain = malloc(sizeof(long) * (size_t)cap);
    chain[0] = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\'' || c == '"') {
            for (i++; i < len && s[i] != c; i++) {
            }
            continue;
        }
        if (c == '-' && i + 1 < len && s[i + 1] == '-') {
            while (i < len && s[i] != '\n') i++;
            continue;
        }
        if (c == '/' && i + 1 < len && s[i + 1] == '*') {
            int lvl = 1;
            for (i += 2; i < len && lvl > 0; i++) {
                if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') lvl++, i++;
                else if (s[i] == '*' && i + 1 < len && s[i + 1] == '/') lvl--, i++;
            }
            i--;
            continue;
        }
        if (c == '$') {
            size_t j = i + 1;
            while (j < len && (s[j] == '_' || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                               (s[j] >= '0' && s[j] <= '9')))
                j++;
            if (j < len && s[j] == '$' && !(s[i + 1] >= '0' && s[i + 1] <= '9')) {
                size_t tag = j - i + 1;
                const char *end = memmem(s + j + 1, len - j - 1, s + i, tag);
                i = end ? (size_t)(end - s) + tag - 1 : len;
                continue;
            }
        }
        if (c == '(' || c == '[') {
            if (++depth >= cap) {
                cap *= 2;
                chain = realloc(chain, sizeof(long) * (size_t)cap);
            }
            chain[depth] = 0;
        } else if ((c == ')' || c == ']') && depth > 0) {
            sum -= chain[depth--];
        } else if (c == ',' || c == ';') {
            sum -= chain[depth];
            chain[depth] = 0;
        } else if (strchr("+-*/<>=~!@#%^&|`?:", c)) {
            while (i + 1 < len && strchr("+-*/<>=~!@#%^&|`?:", s[i + 1])) i++;
            chain[depth]++, sum++;
        } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            size_t j = i;
            while (j < len && (((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z') || s[j] == '_' || (s[j] >= '0' && s[j] <= '9')))
                j++;
            size_t w = j - i;
            if ((w == 3 && (!strncasecmp(s + i, "and", 3) || !strncasecmp(s + i, "not", 3))) ||
                (w == 2 && (!strncasecmp(s + i, "or", 2) || !strncasecmp(s + i, "is", 2))))
                chain[depth]++, sum++;
            i = j - 1;
        }
        if (depth + sum > best) best = depth + sum;
    }
    free(chain);
    return best;
}

int parse_sql(MemCtx *ctx, const char *sql, ParseResult **out, OmError *err)
{
    ParseHold *h = mem_new(ctx, ParseHold);
    size_t len = strlen(sql);
    mem_on_reset(ctx, parse_release, h);
    long bound = len <= PARSE_INLINE_MAX ? 0 : nesting_bound(sql, len);
    if (bound > PARSE_BOUND_MAX) {
        err_set(err, ERRCODE_STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
        err_hint(err, "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), "
                      "after ensuring the platform's stack depth limit is adequate.");
        return -1;
    }
    if (bound <= PARSE_BOUND_INLINE) {
        h->raw = pg_query_parse_protobuf(sql);
    } else if (parse_big(h, sql, (size_t)bound, err) < 0) {
        return -1;
    }
    if (h->raw.error) {
        PgQueryError *pe = h->raw.error;
        /* "invalid Unicode escape" in an E'...' string is 22025 with a hint
         * in PostgreSQL; in U&'...' it is a syntax error. Look at the
         * literal the error points into. */
        if (!strcmp(pe->message, "invalid Unicode escape") && in_e_string(sql, pe->cursorpos)) {
            err_set(err, ERRCODE_INVALID_ESCAPE_SEQUENCE, "%s", pe->message);
            err_hint(err, "Unicode escapes must be \\uXXXX or \\UXXXXXXXX.");
        } else {
            err_set(err, parse_error_sqlstate(pe->message), "%s", pe->message);
        }
        complete_near_token(err->message, sizeof err->message, sql);
        /* libpg_query's cursorpos is already PostgreSQL's 1-based character
         * position. */
        err_position(err, pe->cursorpos);
        return -1;
    }
    if (!h->tree)
        h->tree = pg_query__parse_result__unpack(NULL, h->raw.parse_tree.len,
                                                 (const uint8_t *)h->raw.parse_tree.data);
    if (!h->tree) return err_set(err, ERRCODE_INTERNAL_ERROR, "could not unpack parse tree");
    ParseResult *r = mem_new(ctx, ParseResult);
    r->nstmts = (int)h->tree->n_stmts;
    r->stmts = mem_new_array(ctx, ParseStmt, r->nstmts);
    for (int i = 0; i < r->nstmts; i++) {
        r->stmts[i].node = h->tree->stmts[i]->stmt;
        r->stmts[i].location = h->tree->stmts[i]->stmt_location;
        r->stmts[i].len = h->tree->stmts[i]->stmt_len;
    }
    *out = r;
    return 0;
}
