/*
 * regex_translate.c — PostgreSQL's regular-expression syntax (ARE, ERE, BRE,
 * literal) translated to a PCRE2 pattern.
 *
 * A recursive-descent parser over the pattern's code points checks the
 * syntax as PostgreSQL's regc_lex.c / regcomp.c do (same error for the same
 * mistake) and emits an equivalent PCRE2 pattern in which every character
 * that is not an ASCII letter or digit is written as \x{...}, so no
 * PostgreSQL character can be mistaken for PCRE2 syntax. Along the way it
 * computes what the matcher needs to reproduce PostgreSQL's choice of match:
 * the RE's greediness (the first quantified atom with a preference decides,
 * an alternation is greedy, {m} keeps its atom's preference), and whether
 * matches at one start can differ in length at all.
 *
 * Case-insensitivity is compiled in here (ASCII letters become [aA]) rather
 * than with PCRE2_CASELESS, which would also fold non-ASCII letters, which
 * PostgreSQL's C locale does not.
 */
#include <string.h>

#include "../common/interrupt.h"
#include "regex_int.h"

/* PostgreSQL's regerrs.h messages. */
#define E_BADPAT "invalid regexp (reg version 0.8)"
#define E_ECOLLATE "invalid collating element"
#define E_ECTYPE "invalid character class"
#define E_EESCAPE "invalid escape \\ sequence"
#define E_ESUBREG "invalid backreference number"
#define E_EBRACK "brackets [] not balanced"
#define E_EPAREN "parentheses () not balanced"
#define E_EBRACE "braces {} not balanced"
#define E_BADBR "invalid repetition count(s)"
#define E_ERANGE "invalid character range"
#define E_BADRPT "quantifier operand invalid"
#define E_BADOPT "invalid embedded option"
#define E_ETOOBIG "regular expression is too complex"

#define CHR_MAX 0x7ffffffeu /* PostgreSQL's largest chr */
#define DUPMAX 255          /* largest repetition count */

typedef struct Tr {
    const uint32_t *p;
    size_t n, i;
    int cflags;
    char flavor;      /* 'a' ARE, 'e' ERE, 'b' BRE */
    OmBuf *out;
    int ncap;         /* capturing groups opened so far (PostgreSQL's nsubexp) */
    uint8_t *closed;  /* closed[k]: group k is complete (a back reference may name it) */
    int look;         /* depth of lookaround constraints */
    int depth;        /* nesting of groups (bounded: parsing recurses) */
    unsigned steps;   /* atoms parsed, for the interrupt check */
    bool var, backref, intr;
    const char *err;
} Tr;

static uint32_t at(const Tr *t, size_t k)
{
    return t->i + k < t->n ? t->p[t->i + k] : 0; /* 0 never occurs in text */
}

static bool eos(const Tr *t)
{
    return t->i >= t->n;
}

static bool fail(Tr *t, const char *msg)
{
    if (!t->err) t->err = msg;
    return false;
}

static bool is_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static bool is_space(uint32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* A code point that can occur in valid UTF-8 text. */
static bool matchable(uint32_t c)
{
    return c > 0 && c <= 0x10ffff && !(c >= 0xd800 && c <= 0xdfff);
}

static void emit(Tr *t, const char *s)
{
    buf_append_str(t->out, s);
}

/* One character for PCRE2, inside or outside a class. */
static void emit_cp(Tr *t, uint32_t c)
{
    if (c < 128 && is_alnum(c)) buf_append_char(t->out, (char)c);
    else buf_printf(t->out, "\\x{%x}", c);
}

/* A literal character outside brackets. */
static void emit_lit(Tr *t, uint32_t c)
{
    if (!matchable(c)) {
        emit(t, "(?!)"); /* \0, \x110000 …: valid, but never in text */
    } else if ((t->cflags & RX_ICASE) && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        buf_printf(t->out, "[%c%c]", (char)(c | 0x20), (char)(c & ~0x20u));
    } else {
        emit_cp(t, c);
    }
}

/* In expanded mode (x), white space and # comments between tokens are
 * ignored. */
static void skip_ws(Tr *t)
{
    if (!(t->cflags & RX_EXPANDED)) return;
    while (!eos(t)) {
        uint32_t c = at(t, 0);
        if (is_space(c)) {
            t->i++;
        } else if (c == '#') {
            while (!eos(t) && at(t, 0) != '\n') t->i++;
        } else {
            break;
        }
    }
}

/* PostgreSQL's lexdigits: minlen..maxlen digits of base; too few or a value
 * beyond CHR_MAX is an invalid escape. */
static bool digits(Tr *t, int base, int minlen, int maxlen, uint32_t *out)
{
    uint64_t v = 0;
    int len = 0;
    for (; len < maxlen && !eos(t); len++) {
        uint32_t c = at(t, 0);
        int d = is_digit(c) ? (int)(c - '0') : (c >= 'a' && c <= 'f') ? (int)(c - 'a' + 10)
              : (c >= 'A' && c <= 'F') ? (int)(c - 'A' + 10) : 99;
        if (d >= base) break;
        v = v * (uint64_t)base + (uint64_t)d;
        if (v > CHR_MAX) return fail(t, E_EESCAPE);
        t->i++;
    }
    if (len < minlen) return fail(t, E_EESCAPE);
    *out = (uint32_t)v;
    return true;
}

/* Character-entry escapes shared by both contexts (the letter after the
 * backslash already consumed). 1: *c set; 0: not one of them; -1: error. */
static int char_escape(Tr *t, uint32_t e, uint32_t *c)
{
    switch (e) {
    case 'a': *c = 7; return 1;
    case 'b': *c = 8; return 1; /* backspace, not a word boundary */
    case 'B': *c = '\\'; return 1;
    case 'e': *c = 27; return 1;
    case 'f': *c = 12; return 1;
    case 'n': *c = 10; return 1;
    case 'r': *c = 13; return 1;
    case 't': *c = 9; return 1;
    case 'v': *c = 11; return 1;
    case 'c':
        if (eos(t)) return fail(t, E_EESCAPE) ? 1 : -1;
        *c = at(t, 0) & 0x1f;
        t->i++;
        return 1;
    case 'u': return digits(t, 16, 4, 4, c) ? 1 : -1;
    case 'U': return digits(t, 16, 8, 8, c) ? 1 : -1;
    case 'x': return digits(t, 16, 1, 255, c) ? 1 : -1;
    case '0':
        t->i--; /* the 0 is the first octal digit */
        return digits(t, 8, 1, 3, c) ? 1 : -1;
    default: return 0;
    }
}

static const char *class_escape(uint32_t e)
{
    switch (e) {
    case 'd': return "\\d";
    case 'D': return "\\D";
    case 's': return "\\s";
    case 'S': return "\\S";
    case 'w': return "\\w";
    case 'W': return "\\W";
    default: return NULL;
    }
}

/* ---- bracket expressions --------------------------------------------------- */

typedef struct Brack {
    OmBuf body;       /* PCRE2 class items */
    int items;
} Brack;

static void brack_range(Tr *t, Brack *b, uint32_t lo, uint32_t hi)
{
    if (lo == 0) lo = 1;
    if (hi > 0x10ffff) hi = 0x10ffff;
    if (lo > hi) return;
    if (lo < 0xd800 && hi > 0xdfff) { /* skip the surrogates, which PCRE2 refuses */
        brack_range(t, b, lo, 0xd7ff);
        brack_range(t, b, 0xe000, hi);
        return;
    }
    if (!matchable(lo) || !matchable(hi)) {
        if (lo >= 0xd800 && lo <= 0xdfff) lo = 0xe000;
        if (hi >= 0xd800 && hi <= 0xdfff) hi = 0xd7ff;
        if (lo > hi) return;
    }
    OmBuf *save = t->out;
    t->out = &b->body;
    emit_cp(t, lo);
    if (hi != lo) {
        buf_append_char(&b->body, '-');
        emit_cp(t, hi);
    }
    t->out = save;
    b->items++;
    if (t->cflags & RX_ICASE) { /* add the other case of the ASCII letters in the range */
        uint32_t l = lo < 'a' ? 'a' : lo, h = hi > 'z' ? 'z' : hi;
        if (l <= h) buf_printf(&b->body, "%c-%c", (char)(l - 32), (char)(h - 32));
        l = lo < 'A' ? 'A' : lo, h = hi > 'Z' ? 'Z' : hi;
        if (l <= h) buf_printf(&b->body, "%c-%c", (char)(l + 32), (char)(h + 32));
    }
}

static const char *const class_names[] = {"alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
                                          "lower", "print", "punct", "space", "upper", "xdigit", "word"};

/* A few of PostgreSQL's named collating elements ([[.space.]]). */
static const struct {
    const char *name;
    uint32_t c;
} coll_names[] = {{"NUL", 0},           {"tab", 9},          {"newline", 10},      {"vertical-tab", 11},
                  {"form-feed", 12},    {"carriage-return", 13}, {"space", ' '},   {"exclamation-mark", '!'},
                  {"quotation-mark", '"'}, {"number-sign", '#'}, {"dollar-sign", '$'}, {"percent-sign", '%'},
                  {"ampersand", '&'},   {"apostrophe", '\''}, {"left-parenthesis", '('},
                  {"right-parenthesis", ')'}, {"asterisk", '*'}, {"plus-sign", '+'}, {"comma", ','},
                  {"hyphen", '-'},      {"hyphen-minus", '-'}, {"period", '.'},   {"full-stop", '.'},
                  {"slash", '/'},       {"solidus", '/'},    {"zero", '0'},        {"colon", ':'},
                  {"semicolon", ';'},   {"less-than-sign", '<'}, {"equals-sign", '='},
                  {"greater-than-sign", '>'}, {"question-mark", '?'}, {"commercial-at", '@'},
                  {"left-square-bracket", '['}, {"backslash", '\\'}, {"reverse-solidus", '\\'},
                  {"right-square-bracket", ']'}, {"circumflex", '^'}, {"underscore", '_'},
                  {"low-line", '_'},    {"grave-accent", '`'}, {"left-brace", '{'}, {"vertical-line", '|'},
                  {"right-brace", '}'}, {"tilde", '~'},      {"DEL", 127}};

static bool name_is(const Tr *t, size_t from, size_t len, const char *s)
{
    if (strlen(s) != len) return false;
    for (size_t k = 0; k < len; k++)
        if (t->p[from + k] != (unsigned char)s[k]) return false;
    return true;
}

enum { EL_CHAR, EL_EQUIV, EL_CLASS };

/* One element of a bracket expression: a character (*c), an equivalence
 * class ([=c=], a character that cannot end a range) or a class (added to
 * b). 0 on an error. */
static int brack_elem(Tr *t, Brack *b, uint32_t *c)
{
    uint32_t x = at(t, 0);
    if (x == '[' && (at(t, 1) == ':' || at(t, 1) == '.' || at(t, 1) == '=')) {
        uint32_t delim = at(t, 1);
        size_t from = t->i + 2, end = from;
        while (end + 1 < t->n && !(t->p[end] == delim && t->p[end + 1] == ']')) end++;
        if (end + 1 >= t->n) return fail(t, E_EBRACK), -1;
        size_t len = end - from;
        t->i = end + 2;
        if (delim == ':') {
            for (size_t k = 0; k < sizeof class_names / sizeof class_names[0]; k++) {
                if (!name_is(t, from, len, class_names[k])) continue;
                const char *nm = class_names[k];
                /* Case-insensitive [:upper:] and [:lower:] are [:alpha:] (regc_locale.c). */
                if ((t->cflags & RX_ICASE) && (!strcmp(nm, "upper") || !strcmp(nm, "lower"))) nm = "alpha";
                buf_printf(&b->body, "[:%s:]", nm);
                b->items++;
                return EL_CLASS;
            }
            return fail(t, E_ECTYPE), -1;
        }
        if (len == 1) {
            *c = t->p[from];
            return delim == '=' ? EL_EQUIV : EL_CHAR;
        }
        for (size_t k = 0; k < sizeof coll_names / sizeof coll_names[0]; k++)
            if (name_is(t, from, len, coll_names[k].name)) {
                *c = coll_names[k].c;
                return delim == '=' ? EL_EQUIV : EL_CHAR;
            }
        return fail(t, E_ECOLLATE), -1;
    }
    t->i++;
    if (x == '\\' && t->flavor == 'a') {
        if (eos(t)) return fail(t, E_EESCAPE), -1;
        uint32_t e = at(t, 0);
        t->i++;
        int r = char_escape(t, e, c);
        if (r < 0) return -1;
        if (r > 0) return EL_CHAR;
        const char *ce = class_escape(e);
        if (ce) {
            buf_append_str(&b->body, ce);
            b->items++;
            return EL_CLASS;
        }
        if (is_alnum(e)) return fail(t, E_EESCAPE), -1; /* back references and constraints too */
        *c = e;
        return EL_CHAR;
    }
    *c = x;
    return EL_CHAR;
}

static bool parse_bracket(Tr *t)
{
    t->i++; /* [ */
    bool neg = false;
    if (at(t, 0) == '^') {
        neg = true;
        t->i++;
    }
    Brack b = {.items = 0};
    buf_init(&b.body, t->out->ctx, 32);
    for (bool first = true;; first = false) {
        if (eos(t)) return fail(t, E_EBRACK);
        if (at(t, 0) == ']' && !first) {
            t->i++;
            break;
        }
        uint32_t lo = 0, hi = 0;
        int k = brack_elem(t, &b, &lo);
        if (k < 0) return false;
        bool range = at(t, 0) == '-' && t->i + 1 < t->n && at(t, 1) != ']';
        if (k == EL_CLASS) {
            if (range) return fail(t, E_ERANGE);
            continue;
        }
        if (range) {
            if (k == EL_EQUIV) return fail(t, E_ERANGE);
            t->i++; /* - */
            int k2 = brack_elem(t, &b, &hi);
            if (k2 < 0) return false;
            if (k2 != EL_CHAR || lo > hi) return fail(t, E_ERANGE);
            brack_range(t, &b, lo, hi);
        } else {
            brack_range(t, &b, lo, lo);
        }
    }
    if (b.items == 0) {
        /* Only characters that never occur in text. */
        emit(t, !neg ? "(?!)" : (t->cflags & RX_NLSTOP) ? "[^\\n]" : "(?s:.)");
        return true;
    }
    emit(t, neg ? "[^" : "[");
    buf_append(t->out, b.body.data, b.body.len);
    /* Newline-sensitive: a negated bracket does not match newline. */
    if (neg && (t->cflags & RX_NLSTOP)) emit(t, "\\n");
    emit(t, "]");
    return true;
}

/* ---- atoms, quantifiers, branches ---------------------------------------- */

static int parse_re(Tr *t);

static bool backref(Tr *t, uint32_t k)
{
    if (t->look || k == 0 || k > (uint32_t)t->ncap || !t->closed[k]) return fail(t, E_ESUBREG);
    buf_printf(t->out, (t->cflags & RX_ICASE) ? "(?i:\\g{%u})" : "(?:\\g{%u})", k);
    t->backref = true;
    return true;
}

/* A backslash sequence outside brackets (ARE); *cons set for constraints. */
static bool parse_escape(Tr *t, bool *cons)
{
    t->i++; /* \ */
    if (eos(t)) return fail(t, E_EESCAPE);
    uint32_t e = at(t, 0), c = 0;
    t->i++;
    int r = char_escape(t, e, &c);
    if (r < 0) return false;
    if (r > 0) {
        emit_lit(t, c);
        return true;
    }
    if (e >= '1' && e <= '9') {
        /* regc_lex.c: one digit is a back reference; more digits are one if
         * they name an existing group, else an octal escape. */
        size_t after_first = t->i;
        t->i--;
        uint32_t v;
        if (!digits(t, 10, 1, 255, &v)) return false;
        if (t->i == after_first || (v > 0 && v <= (uint32_t)t->ncap)) return backref(t, v);
        t->i = after_first - 1;
        if (!digits(t, 8, 1, 3, &v)) return false;
        if (v > 0xff) {
            t->i--;
            v >>= 3;
        }
        emit_lit(t, v);
        return true;
    }
    const char *ce = class_escape(e);
    if (ce) {
        emit(t, ce);
        return true;
    }
    *cons = true;
    switch (e) {
    case 'A': emit(t, "\\A"); return true;
    case 'Z': emit(t, "\\z"); return true;
    case 'm': emit(t, "\\b(?=\\w)"); return true;
    case 'M': emit(t, "\\b(?<=\\w)"); return true;
    case 'y': emit(t, "\\b"); return true;
    case 'Y': emit(t, "\\B"); return true;
    default: break;
    }
    *cons = false;
    if (is_alnum(e)) return fail(t, E_EESCAPE);
    emit_lit(t, e);
    return true;
}

static bool starts_with(const Tr *t, const char *s)
{
    for (size_t k = 0; s[k]; k++)
        if (at(t, k) != (unsigned char)s[k]) return false;
    return true;
}

/* A group: ( already consumed and kind decided. */
static bool parse_group(Tr *t, const char *open, bool capture, int *pref)
{
    int g = 0;
    /* Parsing (here and in PCRE2's compiler) recurses per group: a bound
     * keeps a deep nest from overflowing the thread's stack. */
    if (++t->depth > RX_MAX_NEST) return fail(t, E_ETOOBIG);
    if (capture && !t->look) {
        g = ++t->ncap;
        emit(t, "(");
    } else {
        emit(t, open);
    }
    *pref = parse_re(t);
    if (t->err) return false;
    if (t->flavor == 'b') {
        if (!(at(t, 0) == '\\' && at(t, 1) == ')')) return fail(t, E_EPAREN);
        t->i += 2;
    } else {
        if (at(t, 0) != ')') return fail(t, E_EPAREN);
        t->i++;
    }
    emit(t, ")");
    if (g) t->closed[g] = 1;
    t->depth--;
    return true;
}

/* One atom. *cons: a constraint (cannot be quantified); *pref its
 * greediness. first: at the start of a branch (BRE's literal * and ^). */
static bool parse_atom(Tr *t, bool first, bool *cons, int *pref)
{
    uint32_t c = at(t, 0);
    *cons = false;
    *pref = RX_PREF_NONE;
    if (starts_with(t, "[[:<:]]") || starts_with(t, "[[:>:]]")) {
        emit(t, at(t, 3) == '<' ? "\\b(?=\\w)" : "\\b(?<=\\w)");
        t->i += 7;
        *cons = true;
        return true;
    }
    if (c == '[') return parse_bracket(t);
    if (c == '.') {
        t->i++;
        emit(t, ".");
        return true;
    }
    if (t->flavor == 'b') {
        if (c == '\\') {
            uint32_t e = at(t, 1);
            if (eos(t) || t->i + 1 >= t->n) return fail(t, E_EESCAPE);
            t->i += 2;
            if (e == '(') return parse_group(t, "(?:", true, pref);
            if (e == '{') return fail(t, E_BADRPT);
            if (e == '<' || e == '>') {
                emit(t, e == '<' ? "\\b(?=\\w)" : "\\b(?<=\\w)");
                *cons = true;
                return true;
            }
            if (e >= '1' && e <= '9') return backref(t, e - '0');
            emit_lit(t, e);
            return true;
        }
        t->i++;
        if (c == '^' && first) {
            emit(t, "^");
            *cons = true;
        } else if (c == '$' && (eos(t) || starts_with(t, "\\)"))) {
            emit(t, "$");
            *cons = true;
        } else if (c == '*' && !first) {
            return fail(t, E_BADRPT);
        } else {
            emit_lit(t, c);
        }
        return true;
    }
    switch (c) {
    case '(':
        t->i++;
        if (t->flavor == 'a' && at(t, 0) == '?') {
            uint32_t k = at(t, 1);
            const char *open = NULL;
            size_t skip = 2;
            if (k == ':') open = "(?:";
            else if (k == '=') open = "(?=";
            else if (k == '!') open = "(?!";
            else if (k == '<' && at(t, 2) == '=') open = "(?<=", skip = 3;
            else if (k == '<' && at(t, 2) == '!') open = "(?<!", skip = 3;
            else return fail(t, E_BADRPT);
            t->i += skip;
            if (k == ':') return parse_group(t, open, false, pref);
            /* Lookaround: parentheses inside do not capture, no back references. */
            int inner;
            t->look++;
            bool ok = parse_group(t, open, false, &inner);
            t->look--;
            *cons = true;
            return ok;
        }
        return parse_group(t, "(?:", true, pref);
    case '^':
    case '$':
        t->i++;
        emit(t, c == '^' ? "^" : "$");
        *cons = true;
        return true;
    case '\\':
        if (t->flavor == 'a') return parse_escape(t, cons);
        t->i++;
        if (eos(t)) return fail(t, E_EESCAPE);
        emit_lit(t, at(t, 0)); /* ERE: \c is c */
        t->i++;
        return true;
    case '*':
    case '+':
    case '?':
        return fail(t, E_BADRPT);
    case '{':
        if (is_digit(at(t, 1))) return fail(t, E_BADRPT);
        break;
    default:
        break;
    }
    t->i++;
    emit_lit(t, c);
    return true;
}

/* Does a quantifier start here? */
static bool quant_here(const Tr *t)
{
    uint32_t c = at(t, 0);
    if (t->flavor == 'b') return c == '*' || (c == '\\' && at(t, 1) == '{');
    return c == '*' || c == '+' || c == '?' || (c == '{' && is_digit(at(t, 1)));
}

static bool bound_count(Tr *t, int *v)
{
    uint32_t x = 0;
    while (is_digit(at(t, 0))) {
        x = x * 10 + (at(t, 0) - '0');
        if (x > 100000) x = 100000;
        t->i++;
    }
    *v = (int)x;
    return true;
}

/* A quantifier after the atom emitted from out[start]; returns the
 * quantified atom's greediness. */
static int parse_quant(Tr *t, size_t start, int apref)
{
    uint32_t c = at(t, 0);
    int lo, hi;
    bool fixed = false;
    if (c == '{' || c == '\\') {
        t->i += c == '{' ? 1 : 2;
        bound_count(t, &lo);
        hi = lo;
        if (at(t, 0) == ',') {
            t->i++;
            if (is_digit(at(t, 0))) bound_count(t, &hi);
            else hi = -1;
        } else {
            fixed = true;
        }
        if (t->flavor == 'b' ? !(at(t, 0) == '\\' && at(t, 1) == '}') : at(t, 0) != '}') {
            fail(t, E_EBRACE);
            return 0;
        }
        t->i += t->flavor == 'b' ? 2 : 1;
        if (lo > DUPMAX || hi > DUPMAX || (hi >= 0 && lo > hi)) {
            fail(t, E_BADBR);
            return 0;
        }
    } else {
        t->i++;
        lo = c == '+' ? 1 : 0;
        hi = c == '?' ? 1 : -1;
    }
    bool greedy = true;
    if (t->flavor == 'a' && at(t, 0) == '?') {
        greedy = false;
        t->i++;
    }
    /* Wrap the atom so the quantifier applies to all of it. */
    buf_reserve(t->out, 3);
    memmove(t->out->data + start + 3, t->out->data + start, t->out->len - start);
    memcpy(t->out->data + start, "(?:", 3);
    t->out->len += 3;
    t->out->data[t->out->len] = '\0';
    emit(t, ")");
    if (hi < 0) buf_printf(t->out, "{%d,}", lo);
    else buf_printf(t->out, "{%d,%d}", lo, hi);
    if (!greedy) emit(t, "?");
    if (lo != hi) t->var = true;
    skip_ws(t);
    if (quant_here(t)) {
        fail(t, E_BADRPT);
        return 0;
    }
    return fixed ? apref : greedy ? RX_PREF_LONGER : RX_PREF_SHORTER;
}

static int parse_branch(Tr *t)
{
    int pref = RX_PREF_NONE;
    for (bool first = true;; first = false) {
        skip_ws(t);
        if (eos(t)) break;
        uint32_t c = at(t, 0);
        if (t->flavor == 'b' ? (c == '\\' && at(t, 1) == ')') : (c == '|' || c == ')')) break;
        size_t start = t->out->len;
        bool cons;
        int apref;
        if ((++t->steps & 4095) == 0 && om_intr_check(NULL) < 0) {
            t->intr = true;
            return fail(t, "interrupted"), 0;
        }
        if (!parse_atom(t, first, &cons, &apref)) return 0;
        skip_ws(t);
        int qpref = apref;
        if (quant_here(t)) {
            if (cons) return fail(t, E_BADRPT), 0;
            qpref = parse_quant(t, start, apref);
            if (t->err) return 0;
        }
        if (pref == RX_PREF_NONE) pref = qpref;
    }
    return pref;
}

static int parse_re(Tr *t)
{
    int pref = RX_PREF_NONE, nb = 0;
    for (;;) {
        int bp = parse_branch(t);
        if (t->err) return 0;
        if (nb++ == 0) pref = bp;
        skip_ws(t);
        if (t->flavor != 'b' && at(t, 0) == '|' && !eos(t)) {
            t->i++;
            emit(t, "|");
            t->var = true;
            continue;
        }
        break;
    }
    return nb > 1 ? RX_PREF_LONGER : pref;
}

/* ---- prefixes: ***= ***: and (?options) ------------------------------------ */

static bool prefixes(Tr *t)
{
    if (t->cflags & RX_QUOTE) return true;
    if (t->n >= 4 && t->p[0] == '*' && t->p[1] == '*' && t->p[2] == '*') {
        if (t->p[3] == '?') return fail(t, E_BADPAT);
        if (t->p[3] == '=') {
            t->cflags |= RX_QUOTE;
            t->cflags &= ~(RX_ADVANCED | RX_EXPANDED | RX_NEWLINE);
            t->i = 4;
            return true;
        }
        if (t->p[3] == ':') {
            t->cflags |= RX_ADVANCED;
            t->i = 4;
        }
    }
    if ((t->cflags & RX_ADVANCED) != RX_ADVANCED) return true;
    uint32_t l = at(t, 2);
    if (!(t->i + 3 <= t->n && at(t, 0) == '(' && at(t, 1) == '?' && ((l | 0x20) >= 'a' && (l | 0x20) <= 'z')))
        return true;
    t->i += 2;
    for (; !eos(t) && ((at(t, 0) | 0x20) >= 'a' && (at(t, 0) | 0x20) <= 'z'); t->i++) {
        int *f = &t->cflags;
        switch (at(t, 0)) {
        case 'b': *f &= ~(RX_ADVANCED | RX_QUOTE); break;
        case 'c': *f &= ~RX_ICASE; break;
        case 'e': *f |= RX_EXTENDED; *f &= ~(RX_ADVF | RX_QUOTE); break;
        case 'i': *f |= RX_ICASE; break;
        case 'm':
        case 'n': *f |= RX_NEWLINE; break;
        case 'p': *f |= RX_NLSTOP; *f &= ~RX_NLANCH; break;
        case 'q': *f |= RX_QUOTE; *f &= ~RX_ADVANCED; break;
        case 's': *f &= ~RX_NEWLINE; break;
        case 't': *f &= ~RX_EXPANDED; break;
        case 'w': *f &= ~RX_NLSTOP; *f |= RX_NLANCH; break;
        case 'x': *f |= RX_EXPANDED; break;
        default: return fail(t, E_BADOPT);
        }
    }
    if (at(t, 0) != ')' || eos(t)) return fail(t, E_BADOPT);
    t->i++;
    if (t->cflags & RX_QUOTE) t->cflags &= ~(RX_EXPANDED | RX_NEWLINE);
    return true;
}

/* Decode valid UTF-8 (text values are checked on input). */
static size_t decode(const char *s, size_t len, uint32_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t v;
        int k;
        if (c < 0x80) v = c, k = 1;
        else if ((c & 0xe0) == 0xc0) v = c & 0x1f, k = 2;
        else if ((c & 0xf0) == 0xe0) v = c & 0x0f, k = 3;
        else v = c & 0x07, k = 4;
        for (int j = 1; j < k && i + (size_t)j < len; j++) v = (v << 6) | ((unsigned char)s[i + (size_t)j] & 0x3f);
        out[n++] = v;
        i += (size_t)k;
    }
    return n;
}

int rx_translate(MemCtx *ctx, const char *pat, size_t len, int cflags, RxTrans *rt)
{
    memset(rt, 0, sizeof *rt);
    buf_init(&rt->out, ctx, len * 2 + 16);
    uint32_t *cp = mem_alloc(ctx, (len + 1) * sizeof *cp);
    Tr t = {.p = cp, .n = decode(pat, len, cp), .cflags = cflags, .out = &rt->out};
    t.closed = mem_zalloc(ctx, t.n + 2);
    if (prefixes(&t)) {
        if (t.cflags & RX_QUOTE) {
            for (; !eos(&t); t.i++) emit_lit(&t, at(&t, 0));
        } else {
            t.flavor = (t.cflags & RX_ADVF) ? 'a' : (t.cflags & RX_EXTENDED) ? 'e' : 'b';
            rt->pref = parse_re(&t);
            if (!t.err && !eos(&t)) fail(&t, E_EPAREN); /* a ) (or BRE \)) with no ( */
        }
    }
    rt->cflags = t.cflags;
    rt->ncap = t.ncap;
    rt->var = t.var;
    rt->backref = t.backref;
    rt->interrupted = t.intr;
    rt->err = t.err;
    return t.err ? -1 : 0;
}
