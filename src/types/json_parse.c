/*
 * json_parse.c — PostgreSQL's json lexer and grammar (src/common/jsonapi.c)
 * with its error details, iteratively (an explicit stack, so nesting depth
 * costs heap, not C stack), building a JsonNode tree for json's functions
 * and jsonb's input.
 *
 * Interface routines: json_parse, json_escape (json.h).
 */
#include <string.h>

#include "json.h"
#include "types_int.h"
#include "../common/interrupt.h"

typedef enum {
    TOK_END, TOK_INVALID, TOK_STRING, TOK_NUMBER, TOK_TRUE, TOK_FALSE, TOK_NULL,
    TOK_OBJ_START, TOK_OBJ_END, TOK_ARR_START, TOK_ARR_END, TOK_COMMA, TOK_COLON
} Tok;

typedef struct Lex {
    const char *input, *end;
    const char *tok_start, *tok_end;
    Tok tok;
    bool unescape;
    OmBuf str;        /* the unescaped string of a TOK_STRING when unescape */
    OmError *err;
} Lex;

/* Letters, digits, '_' and any byte of a multibyte character: PostgreSQL
 * reports a whole run of these as one invalid token. */
static inline bool alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

static inline bool digit(char c) { return c >= '0' && c <= '9'; }

static int syntax(Lex *lx, const char *detail_fmt, const char *a, size_t alen)
{
    err_set(lx->err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
    err_detail(lx->err, detail_fmt, (int)alen, a);
    return -1;
}

static int bad_token(Lex *lx)
{
    return syntax(lx, "Token \"%.*s\" is invalid.", lx->tok_start, (size_t)(lx->tok_end - lx->tok_start));
}

static inline int utf8_len(unsigned char c) { return c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4; }

static inline int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static void put_utf8(OmBuf *b, unsigned cp)
{
    char u[4];
    int n;
    if (cp < 0x80) u[0] = (char)cp, n = 1;
    else if (cp < 0x800) u[0] = (char)(0xc0 | (cp >> 6)), u[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
    else if (cp < 0x10000)
        u[0] = (char)(0xe0 | (cp >> 12)), u[1] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[2] = (char)(0x80 | (cp & 0x3f)),
        n = 3;
    else
        u[0] = (char)(0xf0 | (cp >> 18)), u[1] = (char)(0x80 | ((cp >> 12) & 0x3f)),
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), u[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
    buf_append(b, u, (size_t)n);
}

/* json_lex_string: s points at the opening quote. */
static int lex_string(Lex *lx, const char *s)
{
    const char *end = lx->end;
    int hi = -1; /* pending high surrogate */
    const char *run = s + 1;
    buf_reset(&lx->str);
    for (;;) {
        s++;
        if (s >= end) {
            lx->tok_end = s;
            return bad_token(lx);
        }
        unsigned char c = (unsigned char)*s;
        if (c == '"') break;
        if (c < 32) {
            lx->tok_end = s;
            err_set(lx->err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
            err_detail(lx->err, "Character with value 0x%02x must be escaped.", c);
            return -1;
        }
        if (c != '\\') {
            if (lx->unescape && hi != -1) goto low_surrogate;
            continue; /* copied in runs below */
        }
        if (lx->unescape) buf_append(&lx->str, run, (size_t)(s - run));
        s++;
        if (s >= end) {
            lx->tok_end = s;
            return bad_token(lx);
        }
        if (*s == 'u') {
            unsigned ch = 0;
            for (int i = 0; i < 4; i++) {
                s++;
                if (s >= end) {
                    lx->tok_end = s;
                    return bad_token(lx);
                }
                int h = hexval(*s);
                if (h < 0) {
                    lx->tok_end = s + utf8_len((unsigned char)*s);
                    return syntax(lx, "%.*s\"\\u\" must be followed by four hexadecimal digits.", "", 0);
                }
                ch = ch * 16 + (unsigned)h;
            }
            if (lx->unescape) {
                if (ch >= 0xd800 && ch <= 0xdbff) {
                    if (hi != -1)
                        return syntax(lx, "%.*sUnicode high surrogate must not follow a high surrogate.", "", 0);
                    hi = (int)ch;
                    run = s + 1;
                    continue;
                } else if (ch >= 0xdc00 && ch <= 0xdfff) {
                    if (hi == -1) goto low_surrogate;
                    ch = 0x10000 + (((unsigned)hi - 0xd800) << 10) + (ch - 0xdc00);
                    hi = -1;
                }
                if (hi != -1) goto low_surrogate;
                if (ch == 0) {
                    err_set(lx->err, ERRCODE_UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence");
                    err_detail(lx->err, "\\u0000 cannot be converted to text.");
                    return -1;
                }
                put_utf8(&lx->str, ch);
            }
        } else {
            char e = *s, o;
            switch (e) {
            case '"': case '\\': case '/': o = e; break;
            case 'b': o = '\b'; break;
            case 'f': o = '\f'; break;
            case 'n': o = '\n'; break;
            case 'r': o = '\r'; break;
            case 't': o = '\t'; break;
            default:
                if (lx->unescape && hi != -1) goto low_surrogate;
                lx->tok_start = s;
                lx->tok_end = s + utf8_len((unsigned char)*s);
                return syntax(lx, "Escape sequence \"\\%.*s\" is invalid.", s, (size_t)(lx->tok_end - s));
            }
            if (lx->unescape) {
                if (hi != -1) goto low_surrogate;
                buf_append_char(&lx->str, o);
            }
        }
        run = s + 1;
    }
    if (lx->unescape) {
        if (hi != -1) goto low_surrogate;
        buf_append(&lx->str, run, (size_t)(s - run));
    }
    lx->tok_end = s + 1;
    lx->tok = TOK_STRING;
    return 0;
low_surrogate:
    return syntax(lx, "%.*sUnicode low surrogate must follow a high surrogate.", "", 0);
}

/* json_lex_number: s is after an optional '-'. */
static int lex_number(Lex *lx, const char *s)
{
    const char *end = lx->end;
    bool bad = false;
    if (s < end && *s == '0') {
        s++;
    } else if (s < end && *s >= '1' && *s <= '9') {
        while (s < end && digit(*s)) s++;
    } else {
        bad = true;
    }
    if (s < end && *s == '.') {
        s++;
        if (s == end || !digit(*s)) bad = true;
        else
            while (s < end && digit(*s)) s++;
    }
    if (s < end && (*s == 'e' || *s == 'E')) {
        s++;
        if (s < end && (*s == '+' || *s == '-')) s++;
        if (s == end || !digit(*s)) bad = true;
        else
            while (s < end && digit(*s)) s++;
    }
    /* Trailing letters or digits belong to the (invalid) token. */
    for (; s < end && alnum((unsigned char)*s); s++) bad = true;
    lx->tok_end = s;
    if (bad) return bad_token(lx);
    lx->tok = TOK_NUMBER;
    return 0;
}

static int lex_next(Lex *lx)
{
    const char *s = lx->tok_end, *end = lx->end;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) s++;
    lx->tok_start = s;
    if (s >= end) {
        lx->tok_end = s;
        lx->tok = TOK_END;
        return 0;
    }
    Tok single = TOK_INVALID;
    switch (*s) {
    case '{': single = TOK_OBJ_START; break;
    case '}': single = TOK_OBJ_END; break;
    case '[': single = TOK_ARR_START; break;
    case ']': single = TOK_ARR_END; break;
    case ',': single = TOK_COMMA; break;
    case ':': single = TOK_COLON; break;
    case '"': return lex_string(lx, s);
    case '-': return lex_number(lx, s + 1);
    default:
        if (digit(*s)) return lex_number(lx, s);
        break;
    }
    if (single != TOK_INVALID) {
        lx->tok_end = s + 1;
        lx->tok = single;
        return 0;
    }
    const char *p = s;
    while (p < end && alnum((unsigned char)*p)) p++;
    if (p == s) {
        lx->tok_end = s + 1;
        return bad_token(lx);
    }
    lx->tok_end = p;
    size_t n = (size_t)(p - s);
    if (n == 4 && !memcmp(s, "true", 4)) lx->tok = TOK_TRUE;
    else if (n == 4 && !memcmp(s, "null", 4)) lx->tok = TOK_NULL;
    else if (n == 5 && !memcmp(s, "false", 5)) lx->tok = TOK_FALSE;
    else return bad_token(lx);
    return 0;
}

/* report_parse_error: what was expected, and the token found instead. */
static int expected(Lex *lx, const char *what)
{
    if (lx->tok == TOK_END) return syntax(lx, "%.*sThe input string ended unexpectedly.", "", 0);
    err_set(lx->err, ERRCODE_INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
    err_detail(lx->err, "Expected %s, but found \"%.*s\".", what, (int)(lx->tok_end - lx->tok_start), lx->tok_start);
    return -1;
}

/* A container being filled: its node and growable item arrays. */
typedef struct Frame {
    JsonNode *node;
    uint32_t cap;
    const char *key;   /* the pending key of an object */
    uint32_t klen;
    bool obj;
} Frame;

static void frame_add(Frame *f, JsonNode *v, MemCtx *ctx)
{
    JsonNode *c = f->node;
    if (c->n == f->cap) {
        uint32_t nc = f->cap ? f->cap * 2 : 4;
        JsonNode **items = mem_alloc(ctx, sizeof *items * nc);
        if (c->n) memcpy(items, c->items, sizeof *items * c->n);
        c->items = items;
        if (c->kind == JSON_OBJECT) {
            const char **keys = mem_alloc(ctx, sizeof *keys * nc);
            uint32_t *klens = mem_alloc(ctx, sizeof *klens * nc);
            if (c->n) {
                memcpy(keys, c->keys, sizeof *keys * c->n);
                memcpy(klens, c->klens, sizeof *klens * c->n);
            }
            c->keys = keys;
            c->klens = klens;
        }
        f->cap = nc;
    }
    if (c->kind == JSON_OBJECT) {
        c->keys[c->n] = f->key;
        c->klens[c->n] = f->klen;
    }
    c->items[c->n++] = v;
}

static int stack_depth_error(OmError *err)
{
    err_set(err, ERRCODE_STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
    err_hint(err, "Increase the configuration parameter \"max_stack_depth\" (currently 2048kB), after ensuring the "
                  "platform's stack depth limit is adequate.");
    return -1;
}

int json_parse(const char *s, size_t len, JsonParseMode mode, MemCtx *ctx, JsonNode **out, OmError *err)
{
    bool tree = mode != JSON_PARSE_VALIDATE;
    Lex lx = {.input = s, .end = s + len, .tok_end = s, .unescape = tree, .err = err};
    buf_init(&lx.str, ctx, 64);
    Frame *stack = NULL;
    int depth = 0, cap = 0;
    JsonNode *root = NULL;
    if (out) *out = NULL;
    if (lex_next(&lx) < 0) return -1;
    /* After '{' or ',' in an object, a key is expected; else a value. */
    bool want_key = false, in_first = false;
    unsigned long long tokens = 0;
    for (;;) {
        /* A document can be up to 1 GB: check for a cancel every few
         * thousand values (common/interrupt.h). */
        if ((++tokens & 4095) == 0 && om_intr_check(err) < 0) return -1;
        if (want_key) {
            if (lx.tok != TOK_STRING) return expected(&lx, in_first ? "string or \"}\"" : "string");
            Frame *f = &stack[depth - 1];
            if (tree) {
                f->klen = (uint32_t)lx.str.len;
                f->key = mem_strndup(ctx, lx.str.data, lx.str.len);
            }
            if (lex_next(&lx) < 0) return -1;
            if (lx.tok != TOK_COLON) return expected(&lx, "\":\"");
            if (lex_next(&lx) < 0) return -1;
            want_key = false;
        }
        /* A value. */
        JsonNode *v = NULL;
        const char *vstart = lx.tok_start;
        if (lx.tok == TOK_ARR_START || lx.tok == TOK_OBJ_START) {
            if (depth >= JSON_MAX_DEPTH) return stack_depth_error(err);
            if (depth == cap) {
                int nc = cap ? cap * 2 : 16;
                Frame *ns = mem_alloc(ctx, sizeof *ns * (size_t)nc);
                if (depth) memcpy(ns, stack, sizeof *ns * (size_t)depth);
                stack = ns;
                cap = nc;
            }
            Frame *f = &stack[depth++];
            memset(f, 0, sizeof *f);
            bool obj = lx.tok == TOK_OBJ_START;
            f->obj = obj;
            if (tree) {
                f->node = mem_new(ctx, JsonNode);
                f->node->kind = obj ? JSON_OBJECT : JSON_ARRAY;
                f->node->raw = vstart;
            }
            if (lex_next(&lx) < 0) return -1;
            if (lx.tok != (obj ? TOK_OBJ_END : TOK_ARR_END)) {
                if (obj) {
                    if (lx.tok != TOK_STRING) return expected(&lx, "string or \"}\"");
                    want_key = true;
                    in_first = true;
                }
                continue; /* the first member */
            }
            /* Empty container: complete at once. */
            depth--;
            v = f->node;
        } else {
            if (tree) {
                v = mem_new(ctx, JsonNode);
                v->raw = vstart;
            }
            switch (lx.tok) {
            case TOK_STRING:
                if (tree) {
                    v->kind = JSON_STRING;
                    v->len = (uint32_t)lx.str.len;
                    v->str = mem_strndup(ctx, lx.str.data, lx.str.len);
                }
                break;
            case TOK_NUMBER:
                if (tree) {
                    v->kind = JSON_NUMBER;
                    if (mode == JSON_PARSE_JSONB) {
                        OmStr num;
                        if (type_numeric_in(lx.tok_start, (size_t)(lx.tok_end - lx.tok_start), -1, &num, ctx, err) < 0)
                            return -1;
                        v->str = num.ptr;
                        v->len = num.len;
                    } else {
                        v->str = lx.tok_start;
                        v->len = (uint32_t)(lx.tok_end - lx.tok_start);
                    }
                }
                break;
            case TOK_TRUE:
            case TOK_FALSE:
                if (tree) v->kind = JSON_BOOL, v->bval = lx.tok == TOK_TRUE;
                break;
            case TOK_NULL:
                if (tree) v->kind = JSON_NULL;
                break;
            default:
                return expected(&lx, "JSON value");
            }
        }
        if (v) v->rawlen = (uint32_t)(lx.tok_end - v->raw);
        /* The value is complete: attach it, then close the containers it ends. */
        for (;;) {
            if (depth == 0) {
                root = v;
                if (lex_next(&lx) < 0) return -1;
                if (lx.tok != TOK_END) return expected(&lx, "end of input");
                if (out) *out = root;
                return 0;
            }
            Frame *f = &stack[depth - 1];
            if (tree) frame_add(f, v, ctx);
            if (lex_next(&lx) < 0) return -1;
            bool obj = f->obj;
            if (lx.tok == TOK_COMMA) {
                if (lex_next(&lx) < 0) return -1;
                break;
            }
            if (lx.tok == (obj ? TOK_OBJ_END : TOK_ARR_END)) {
                v = f->node;
                if (v) v->rawlen = (uint32_t)(lx.tok_end - v->raw);
                depth--;
                continue;
            }
            return expected(&lx, obj ? "\",\" or \"}\"" : "\",\" or \"]\"");
        }
        /* After a comma: the next member of the innermost container. */
        if (stack[depth - 1].obj) {
            want_key = true;
            in_first = false;
        }
    }
}

void json_escape(OmBuf *out, const char *s, size_t len)
{
    buf_append_char(out, '"');
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *e = NULL;
        char u[8];
        switch (c) {
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        default:
            if (c < ' ') {
                static const char hex[] = "0123456789abcdef";
                memcpy(u, "\\u00", 4);
                u[4] = hex[c >> 4];
                u[5] = hex[c & 15];
                u[6] = '\0';
                e = u;
            }
        }
        if (e) {
            buf_append(out, s + run, i - run);
            buf_append_str(out, e);
            run = i + 1;
        }
    }
    buf_append(out, s + run, len - run);
    buf_append_char(out, '"');
}
