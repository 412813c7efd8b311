/*
 * fn_numfmt.c — to_char(int4 | int8 | float4 | float8 | numeric, text):
 * PostgreSQL 15's number templates (formatting.c's NUM_* routines) in a
 * C-locale database.
 *
 * A call runs in three steps, as in PostgreSQL:
 *   1. num_parse compiles the template into nodes and a NumDesc (digits
 *      before and after the point, sign style, FM, V, EEEE, RN, …), raising
 *      PostgreSQL's 42601 errors for contradictory patterns;
 *   2. a per-type step turns the value into the digit string the template
 *      is filled from (rounded to the template's decimals, '#'s when the
 *      integer part does not fit, Roman numerals, or the finished
 *      scientific form for EEEE) with its sign and leading pad count;
 *   3. num_render walks the nodes and writes digits, signs, separators and
 *      literal text.
 * The rules of step 3 are PostgreSQL's to the letter, quirks included (a
 * sign written where the first digit appears, FM dropping trailing zeros
 * unless a '0' pattern holds them, SG in a Roman template ending the text),
 * because they are what users see; the comments name the cases.
 *
 * In the C locale D is '.', G is ',', L is a space and S uses '+'/'-'.
 * Interface: fn_numfmt_table (fn_tables.h).
 */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../types/numeric_arith.h"
#include "fn_tables.h"

#define ARGS FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n

enum {
    NK_LIT = -1, NK_COMMA, NK_DEC, NK_0, NK_9, NK_B, NK_C, NK_D, NK_E, NK_FM, NK_G, NK_L, NK_MI, NK_PL,
    NK_PR, NK_RN, NK_SG, NK_SP, NK_S, NK_TH, NK_V, NK_RN_L, NK_TH_L
};

/* PostgreSQL's keyword list: at a template position the keywords sharing
 * its first character are tried in this order, the first match wins (so
 * "SG" before "S"; "Th" is no keyword but the letters T and h). */
static const struct { const char *s; int k; } nkeys[] = {
    {",", NK_COMMA}, {".", NK_DEC}, {"0", NK_0}, {"9", NK_9}, {"B", NK_B}, {"C", NK_C}, {"D", NK_D},
    {"EEEE", NK_E}, {"FM", NK_FM}, {"G", NK_G}, {"L", NK_L}, {"MI", NK_MI}, {"PL", NK_PL}, {"PR", NK_PR},
    {"RN", NK_RN}, {"SG", NK_SG}, {"SP", NK_SP}, {"S", NK_S}, {"TH", NK_TH}, {"V", NK_V}, {"b", NK_B},
    {"c", NK_C}, {"d", NK_D}, {"eeee", NK_E}, {"fm", NK_FM}, {"g", NK_G}, {"l", NK_L}, {"mi", NK_MI},
    {"pl", NK_PL}, {"pr", NK_PR}, {"rn", NK_RN_L}, {"sg", NK_SG}, {"sp", NK_SP}, {"s", NK_S},
    {"th", NK_TH_L}, {"v", NK_V},
};

enum {
    F_DECIMAL = 1 << 1, F_ZERO = 1 << 3, F_BLANK = 1 << 4, F_FILL = 1 << 5, F_LSIGN = 1 << 6,
    F_BRACKET = 1 << 7, F_MINUS = 1 << 8, F_PLUS = 1 << 9, F_ROMAN = 1 << 10, F_MULTI = 1 << 11,
    F_EEEE = 1 << 14
};

enum { LSIGN_PRE = -1, LSIGN_NONE = 0, LSIGN_POST = 1 };

/* What the template asks for (PostgreSQL's NUMDesc). */
typedef struct NumDesc {
    int pre, post;        /* digit patterns before / after the decimal point */
    int lsign;            /* S: LSIGN_PRE or LSIGN_POST */
    int flag;             /* F_* */
    int pre_lsign_num;    /* pre when S was seen */
    int multi;            /* 9s after V: multiply by 10^multi */
    int zero_start, zero_end; /* first / last 0 pattern (1-based digit positions) */
} NumDesc;

typedef struct NumNode {
    int k;                /* NK_*, NK_LIT for literal text */
    const char *lit;      /* NK_LIT: one character (UTF-8) */
    int litlen;
} NumNode;

#define SYNTAX(...) err_set(err, ERRCODE_SYNTAX_ERROR, __VA_ARGS__)

/* Account for keyword k in d; PostgreSQL's checks and words. */
static int num_describe(NumDesc *d, int k, OmError *err)
{
    if ((d->flag & F_EEEE) && k != NK_E) return SYNTAX("\"EEEE\" must be the last pattern used");
    switch (k) {
    case NK_9:
        if (d->flag & F_BRACKET) return SYNTAX("\"9\" must be ahead of \"PR\"");
        if (d->flag & F_MULTI) d->multi++;
        else if (d->flag & F_DECIMAL) d->post++;
        else d->pre++;
        break;
    case NK_0:
        if (d->flag & F_BRACKET) return SYNTAX("\"0\" must be ahead of \"PR\"");
        if (!(d->flag & (F_ZERO | F_DECIMAL))) {
            d->flag |= F_ZERO;
            d->zero_start = d->pre + 1;
        }
        if (d->flag & F_DECIMAL) d->post++;
        else d->pre++;
        d->zero_end = d->pre + d->post;
        break;
    case NK_B:
        if (d->pre == 0 && d->post == 0 && !(d->flag & F_ZERO)) d->flag |= F_BLANK;
        break;
    case NK_D:
    case NK_DEC:
        if (d->flag & F_DECIMAL) return SYNTAX("multiple decimal points");
        if (d->flag & F_MULTI) return SYNTAX("cannot use \"V\" and decimal point together");
        d->flag |= F_DECIMAL;
        break;
    case NK_FM:
        d->flag |= F_FILL;
        break;
    case NK_S:
        if (d->flag & F_LSIGN) return SYNTAX("cannot use \"S\" twice");
        if (d->flag & (F_PLUS | F_MINUS | F_BRACKET))
            return SYNTAX("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
        if (!(d->flag & F_DECIMAL)) {
            d->lsign = LSIGN_PRE;
            d->pre_lsign_num = d->pre;
            d->flag |= F_LSIGN;
        } else if (d->lsign == LSIGN_NONE) {
            d->lsign = LSIGN_POST;
            d->flag |= F_LSIGN;
        }
        break;
    case NK_MI:
        if (d->flag & F_LSIGN) return SYNTAX("cannot use \"S\" and \"MI\" together");
        d->flag |= F_MINUS;
        break;
    case NK_PL:
        if (d->flag & F_LSIGN) return SYNTAX("cannot use \"S\" and \"PL\" together");
        d->flag |= F_PLUS;
        break;
    case NK_SG:
        if (d->flag & F_LSIGN) return SYNTAX("cannot use \"S\" and \"SG\" together");
        d->flag |= F_MINUS | F_PLUS;
        break;
    case NK_PR:
        if (d->flag & (F_LSIGN | F_PLUS | F_MINUS))
            return SYNTAX("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
        d->flag |= F_BRACKET;
        break;
    case NK_RN:
    case NK_RN_L:
        d->flag |= F_ROMAN;
        break;
    case NK_V:
        if (d->flag & F_DECIMAL) return SYNTAX("cannot use \"V\" and decimal point together");
        d->flag |= F_MULTI;
        break;
    case NK_E:
        if (d->flag & F_EEEE) return SYNTAX("cannot use \"EEEE\" twice");
        if (d->flag & (F_BLANK | F_FILL | F_LSIGN | F_BRACKET | F_MINUS | F_PLUS | F_ROMAN | F_MULTI)) {
            SYNTAX("\"EEEE\" is incompatible with other formats");
            err_detail(err, "\"EEEE\" may only be used together with digit and decimal point patterns.");
            return -1;
        }
        d->flag |= F_EEEE;
        break;
    default:
        break;
    }
    return 0;
}

/* Compile template f (len bytes) into nodes (room for len) and d.
 * Returns the node count, or -1 with err set. */
static int num_parse(const char *f, size_t len, NumNode *nodes, NumDesc *d, OmError *err)
{
    memset(d, 0, sizeof *d);
    int nn = 0;
    size_t p = 0;
    while (p < len) {
        int k = NK_LIT;
        size_t klen = 0;
        for (size_t j = 0; j < sizeof nkeys / sizeof nkeys[0]; j++) {
            size_t l = strlen(nkeys[j].s);
            if (nkeys[j].s[0] == f[p] && p + l <= len && !memcmp(f + p, nkeys[j].s, l)) {
                k = nkeys[j].k;
                klen = l;
                break;
            }
        }
        if (k != NK_LIT) {
            if (num_describe(d, k, err)) return -1;
            nodes[nn++] = (NumNode){k, NULL, 0};
            p += klen;
        } else if (f[p] == '"') {
            /* a quoted string: its characters are literal text, a backslash
             * takes the next character as it is */
            p++;
            while (p < len) {
                if (f[p] == '"') {
                    p++;
                    break;
                }
                if (f[p] == '\\' && p + 1 < len) p++;
                int cl = fn_utf8_len((unsigned char)f[p]);
                nodes[nn++] = (NumNode){NK_LIT, f + p, cl};
                p += (size_t)cl;
            }
        } else {
            /* outside quotes a backslash only escapes a double quote */
            if (f[p] == '\\' && p + 1 < len && f[p + 1] == '"') p++;
            int cl = fn_utf8_len((unsigned char)f[p]);
            nodes[nn++] = (NumNode){NK_LIT, f + p, cl};
            p += (size_t)cl;
        }
    }
    return nn;
}

/* ---- step 3: filling the template ------------------------------------------------------ */

typedef struct NumRender {
    NumDesc d;            /* the template, as adjusted by the value's step */
    const char *num;      /* digits to place (NUL-terminated), no sign */
    int np;               /* next character of num */
    int last_rel;         /* FM: last digit worth printing after the point, -1 none */
    int sign;             /* '+', '-', or 0 (Roman numerals) */
    bool sign_wrote, num_in;
    int num_count, num_curr, pre_spaces;
    OmBuf *out;
} NumRender;

#define HAS(r, f) (((r)->d.flag & (f)) != 0)

/* A zero before the point that 9 patterns print as a blank ("9.9" of 0.1
 * is " .1"). */
static bool predec_space(const NumRender *r)
{
    return !HAS(r, F_ZERO) && r->np == 0 && r->num[0] == '0' && r->d.post != 0;
}

static bool last_rel_is_point(const NumRender *r) { return r->last_rel >= 0 && r->num[r->last_rel] == '.'; }

/* A digit or decimal-point pattern (9, 0, ., D). */
static void num_digit(NumRender *r, int k)
{
    if (HAS(r, F_ROMAN)) return;
    r->num_in = false;
    /* the sign goes where the first printed digit does */
    if (!r->sign_wrote &&
        (r->num_curr >= r->pre_spaces || (HAS(r, F_ZERO) && r->d.zero_start == r->num_curr)) &&
        (!predec_space(r) || last_rel_is_point(r))) {
        if (HAS(r, F_LSIGN)) {
            if (r->d.lsign == LSIGN_PRE) {
                buf_append_char(r->out, r->sign == '-' ? '-' : '+');
                r->sign_wrote = true;
            }
        } else if (HAS(r, F_BRACKET)) {
            buf_append_char(r->out, r->sign == '+' ? ' ' : '<');
            r->sign_wrote = true;
        } else if (r->sign == '+') {
            if (!HAS(r, F_FILL)) buf_append_char(r->out, ' ');
            r->sign_wrote = true;
        } else if (r->sign == '-') {
            buf_append_char(r->out, '-');
            r->sign_wrote = true;
        }
    }
    if (r->num_curr < r->pre_spaces && (r->d.zero_start > r->num_curr || !HAS(r, F_ZERO))) {
        if (!HAS(r, F_FILL)) buf_append_char(r->out, ' ');
    } else if (HAS(r, F_ZERO) && r->num_curr < r->pre_spaces && r->d.zero_start <= r->num_curr) {
        buf_append_char(r->out, '0');
        r->num_in = true;
    } else {
        char c = r->num[r->np];
        if (c == '.') {
            /* FM drops a point with nothing after it, except "FM9." keeps it */
            if (!last_rel_is_point(r) || HAS(r, F_FILL)) buf_append_char(r->out, '.');
        } else if (r->last_rel >= 0 && r->np > r->last_rel && k != NK_0) {
            /* FM: a trailing zero */
        } else if (predec_space(r)) {
            if (!HAS(r, F_FILL)) buf_append_char(r->out, ' ');
            else if (last_rel_is_point(r)) buf_append_char(r->out, '0');
        } else {
            /* past the digits (float decimals cut to 15 significant ones)
             * this writes the NUL that ends PostgreSQL's result there */
            buf_append_char(r->out, c);
            r->num_in = true;
        }
        if (c) r->np++;
    }
    int end = r->num_count + (r->pre_spaces ? 1 : 0) + (HAS(r, F_DECIMAL) ? 1 : 0);
    if (r->last_rel >= 0 && r->last_rel == r->np) end = r->num_curr;
    if (r->num_curr + 1 == end) {
        if (r->sign_wrote && HAS(r, F_BRACKET)) buf_append_char(r->out, r->sign == '+' ? ' ' : '>');
        else if (HAS(r, F_LSIGN) && r->d.lsign == LSIGN_POST) buf_append_char(r->out, r->sign == '-' ? '-' : '+');
    }
    r->num_curr++;
}

/* TH / th: the English ordinal suffix of num's last digit. */
static int num_ordinal(NumRender *r, bool upper, OmError *err)
{
    size_t len = strlen(r->num);
    char last = r->num[len - 1];
    if (last < '0' || last > '9')
        return err_set(err, ERRCODE_INVALID_TEXT_REPRESENTATION, "\"%s\" is not a number", r->num);
    if (len > 1 && r->num[len - 2] == '1') last = 0; /* 11th, 12th, 13th */
    const char *s = last == '1' ? "st" : last == '2' ? "nd" : last == '3' ? "rd" : "th";
    buf_append_char(r->out, upper ? (char)(s[0] - 32) : s[0]);
    buf_append_char(r->out, upper ? (char)(s[1] - 32) : s[1]);
    return 0;
}

/* Fill the template with num (sign and pad count from the value's step).
 * The result is out's text up to its first NUL, as in PostgreSQL. */
static int num_render(const NumNode *nodes, int nn, const NumDesc *d, const char *num, int pre_spaces, int sign,
                      OmBuf *out, OmError *err)
{
    NumRender r = {.d = *d, .num = num, .last_rel = -1, .out = out};
    if (r.d.zero_start) r.d.zero_start--;
    if (r.d.flag & F_EEEE) {
        buf_append_str(out, num); /* the template's other text is dropped */
        return 0;
    }
    if (r.d.flag & F_ROMAN) {
        r.d.lsign = r.d.pre_lsign_num = r.d.post = r.d.pre = 0;
        r.d.flag = (r.d.flag & F_FILL) | F_ROMAN;
    }
    r.sign = sign;
    if (HAS(&r, F_PLUS | F_MINUS)) {
        r.sign_wrote = !(HAS(&r, F_PLUS) && !HAS(&r, F_MINUS)); /* MI / SG write it themselves */
    } else {
        if (r.sign != '-' && HAS(&r, F_FILL)) r.d.flag &= ~F_BRACKET;
        r.sign_wrote = r.sign == '+' && HAS(&r, F_FILL) && !HAS(&r, F_LSIGN);
        if (r.d.lsign == LSIGN_PRE && r.d.pre == r.d.pre_lsign_num) r.d.lsign = LSIGN_POST; /* "99S" */
    }
    r.num_count = r.d.post + r.d.pre - 1;
    r.pre_spaces = pre_spaces;
    if (HAS(&r, F_FILL) && HAS(&r, F_DECIMAL)) {
        const char *pt = strchr(num, '.');
        if (pt) {
            r.last_rel = (int)(pt - num);
            for (int j = r.last_rel + 1; num[j]; j++)
                if (num[j] != '0') r.last_rel = j;
            /* 0 patterns after the point keep their digits */
            if (r.d.zero_end > r.pre_spaces) {
                int lz = (int)strlen(num) - 1;
                if (r.d.zero_end - r.pre_spaces < lz) lz = r.d.zero_end - r.pre_spaces;
                if (r.last_rel < lz) r.last_rel = lz;
            }
        }
    }
    if (!r.sign_wrote && r.pre_spaces == 0) r.num_count++;

    for (int j = 0; j < nn; j++) {
        const NumNode *nd = &nodes[j];
        switch (nd->k) {
        case NK_LIT:
            buf_append(out, nd->lit, (size_t)nd->litlen);
            break;
        case NK_9:
        case NK_0:
        case NK_DEC:
        case NK_D:
            num_digit(&r, nd->k);
            break;
        case NK_COMMA:
        case NK_G:
            if (r.num_in) buf_append_char(out, ',');
            else if (!HAS(&r, F_FILL)) buf_append_char(out, ' ');
            break;
        case NK_L:
            buf_append_char(out, ' '); /* the C locale's currency symbol */
            break;
        case NK_RN:
        case NK_RN_L: {
            size_t at = out->len;
            if (HAS(&r, F_FILL)) buf_append_str(out, r.num + r.np);
            else buf_printf(out, "%15s", r.num + r.np);
            if (nd->k == NK_RN_L)
                for (size_t q = at; q < out->len; q++)
                    if (out->data[q] >= 'A' && out->data[q] <= 'Z') out->data[q] += 32;
            break;
        }
        case NK_TH:
        case NK_TH_L:
            if (HAS(&r, F_ROMAN | F_DECIMAL) || r.num[0] == '#' || r.sign == '-') break;
            if (num_ordinal(&r, nd->k == NK_TH, err)) return -1;
            break;
        case NK_MI:
            if (r.sign == '-') buf_append_char(out, '-');
            else if (!HAS(&r, F_FILL)) buf_append_char(out, ' ');
            break;
        case NK_PL:
            if (r.sign == '+') buf_append_char(out, '+');
            else if (!HAS(&r, F_FILL)) buf_append_char(out, ' ');
            break;
        case NK_SG:
            buf_append_char(out, (char)r.sign); /* 0 in a Roman template: the text ends */
            break;
        default: /* S (placed with the digits), B, C, SP, FM, PR, V, EEEE: no text */
            break;
        }
    }
    return 0;
}

/* ---- step 2: the value's digits ------------------------------------------------------------ */

/* Roman numerals of 1..3999, else 15 '#'s. */
static void num_roman(int32_t v, char out[16])
{
    static const char *const ones[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    static const char *const tens[] = {"X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
    static const char *const hundreds[] = {"C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"};
    out[0] = 0;
    if (v < 1 || v > 3999) {
        memset(out, '#', 15);
        out[15] = 0;
        return;
    }
    for (int m = v / 1000; m > 0; m--) strcat(out, "M");
    if (v / 100 % 10) strcat(out, hundreds[v / 100 % 10 - 1]);
    if (v / 10 % 10) strcat(out, tens[v / 10 % 10 - 1]);
    if (v % 10) strcat(out, ones[v % 10 - 1]);
}

/* Pad count for digits (no sign) against the template's integer digits;
 * when they do not fit, *digits becomes '#'s ("###.##"). */
static void num_fit(MemCtx *m, const NumDesc *d, const char **digits, int *pre_spaces)
{
    const char *pt = strchr(*digits, '.');
    int pre_len = pt ? (int)(pt - *digits) : (int)strlen(*digits);
    if (pre_len < d->pre) {
        *pre_spaces = d->pre - pre_len;
    } else if (pre_len > d->pre) {
        char *h = mem_alloc(m, (size_t)d->pre + (size_t)d->post + 2);
        memset(h, '#', (size_t)d->pre + (size_t)d->post + 1);
        h[d->pre] = '.';
        h[d->pre + d->post + 1] = 0;
        *digits = h;
    }
}

/* EEEE of NaN or an infinity: " #.###e+##"-shaped '#'s. */
static const char *num_sci_hashes(MemCtx *m, const NumDesc *d)
{
    size_t len = (size_t)d->pre + (size_t)d->post + 6;
    char *h = mem_alloc(m, len + 1);
    memset(h, '#', len);
    h[len] = 0;
    h[0] = ' ';
    h[d->pre + 1] = '.';
    return h;
}

/* PostgreSQL's own printf for %.*f: "NaN", "Infinity", "-Infinity". */
static void num_printf_f(OmBuf *b, int prec, double v)
{
    if (isnan(v)) buf_append_str(b, "NaN");
    else if (isinf(v)) buf_append_str(b, v < 0 ? "-Infinity" : "Infinity");
    else buf_printf(b, "%.*f", prec, v);
}

/* Scientific form of a finite numeric's canonical text with post decimals,
 * as numeric_out_sci: the value divided by 10^exponent and rounded half away
 * from zero (9.99 with one decimal is "10.0e+00", as there), a space in
 * place of a '+' sign. */
static void num_sci_numeric(MemCtx *m, OmBuf *b, const char *s, size_t len, int post)
{
    bool neg = len && s[0] == '-';
    size_t p = neg ? 1 : 0;
    /* digits without the point, and how many stand before it */
    size_t nd = 0, nint = 0;
    char *dig = mem_alloc(m, len + 1);
    for (; p < len; p++) {
        if (s[p] == '.') nint = nd;
        else dig[nd++] = s[p];
    }
    if (!memchr(s, '.', len)) nint = nd;
    size_t f = 0;
    while (f < nd && dig[f] == '0') f++;
    buf_append_char(b, neg ? '-' : ' ');
    if (f == nd) { /* zero */
        buf_append_char(b, '0');
        if (post > 0) {
            buf_append_char(b, '.');
            for (int j = 0; j < post; j++) buf_append_char(b, '0');
        }
        buf_append_str(b, "e+00");
        return;
    }
    long exp10 = (long)nint - (long)f - 1;
    /* the post + 1 significant digits, rounded */
    size_t want = (size_t)post + 1;
    char *sig = mem_alloc(m, want + 2);
    for (size_t j = 0; j < want; j++) sig[j + 1] = f + j < nd ? dig[f + j] : '0';
    sig[0] = '0';
    if (f + want < nd && dig[f + want] >= '5') {
        size_t j = want;
        while (sig[j] == '9') sig[j--] = '0';
        sig[j]++;
    }
    const char *lead = sig[0] != '0' ? sig : sig + 1; /* a carry makes "10" */
    size_t nlead = sig[0] != '0' ? 2 : 1;
    buf_append(b, lead, nlead);
    if (post > 0) {
        buf_append_char(b, '.');
        buf_append(b, sig + 2, (size_t)post);
    }
    buf_printf(b, "e%+03ld", exp10);
}

/* Digits of an integer's decimal text (sign split off) with post zeros. */
static const char *num_int_digits(MemCtx *m, const char *txt, const NumDesc *d, int *sign)
{
    *sign = '+';
    if (*txt == '-') {
        *sign = '-';
        txt++;
    }
    size_t l = strlen(txt);
    char *s = mem_alloc(m, l + (size_t)d->post + 2);
    memcpy(s, txt, l);
    if (d->post) {
        s[l] = '.';
        memset(s + l + 1, '0', (size_t)d->post);
        l += (size_t)d->post + 1;
    }
    s[l] = 0;
    return s;
}

typedef enum { NUMK_INT4, NUMK_INT8, NUMK_FLOAT4, NUMK_FLOAT8, NUMK_NUMERIC } NumKind;

/* to_char of row i of vector v (kind) with template f, appended to out. */
static int num_to_char(FnCall *fc, NumKind kind, const OmVector *v, int i, OmStr f, OmBuf *out)
{
    OmError *err = fc->err;
    MemCtx *m = fc->var;
    NumNode *nodes = mem_alloc(m, sizeof(NumNode) * (f.len + 1));
    NumDesc d;
    int nn = num_parse(f.ptr, f.len, nodes, &d, err);
    if (nn < 0) return -1;
    const char *digits = NULL;
    int pre_spaces = 0, sign = 0;
    char roman[16];
    OmBuf t;
    buf_init(&t, m, 64);

    switch (kind) {
    case NUMK_INT4:
    case NUMK_INT8: {
        int64_t x = kind == NUMK_INT4 ? ((const int32_t *)v->data)[i] : ((const int64_t *)v->data)[i];
        if (d.flag & F_ROMAN) {
            if (x < INT32_MIN || x > INT32_MAX) return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            num_roman((int32_t)x, roman);
            digits = roman;
        } else if (d.flag & F_EEEE) {
            if (kind == NUMK_INT4) {
                buf_printf(&t, "%+.*e", d.post, (double)x); /* exact in a double */
                if (t.data[0] == '+') t.data[0] = ' ';
            } else {
                char txt[24];
                int l = snprintf(txt, sizeof txt, "%lld", (long long)x);
                num_sci_numeric(m, &t, txt, (size_t)l, d.post); /* via numeric: no precision lost */
            }
            digits = t.data;
        } else {
            if (d.flag & F_MULTI) {
                double p10 = pow(10.0, d.multi);
                if (kind == NUMK_INT4) {
                    /* PostgreSQL 15.20 computes 10^multi and the product in
                     * int32 with overflow checks (before it, both wrapped) */
                    int32_t prod;
                    if (!(p10 < 2147483648.0) ||
                        __builtin_mul_overflow((int32_t)x, (int32_t)p10, &prod))
                        return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
                    x = prod;
                } else {
                    if (!(p10 < 9223372036854775808.0) ||
                        __builtin_mul_overflow(x, (int64_t)p10, &x))
                        return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
                }
                d.pre += d.multi;
            }
            char txt[24];
            snprintf(txt, sizeof txt, "%lld", (long long)x);
            digits = num_int_digits(m, txt, &d, &sign);
            num_fit(m, &d, &digits, &pre_spaces);
        }
        break;
    }
    case NUMK_FLOAT4:
    case NUMK_FLOAT8: {
        bool f4 = kind == NUMK_FLOAT4;
        double x = f4 ? (double)((const float *)v->data)[i] : ((const double *)v->data)[i];
        if (d.flag & F_ROMAN) {
            double r = f4 ? (double)(float)rint(x) : rint(x);
            num_roman(!isnan(r) && r >= -2147483648.0 && r < 2147483648.0 ? (int32_t)r : INT32_MAX, roman);
            digits = roman;
        } else if (d.flag & F_EEEE) {
            if (isnan(x) || isinf(x)) {
                digits = num_sci_hashes(m, &d);
            } else {
                buf_printf(&t, "%+.*e", d.post, x);
                if (t.data[0] == '+') t.data[0] = ' ';
                digits = t.data;
            }
        } else {
            if (d.flag & F_MULTI) {
                if (f4) {
                    float mul = (float)pow(10.0, d.multi); /* float arithmetic, as there */
                    x = (double)((float)x * mul);
                } else {
                    x = x * pow(10.0, d.multi);
                }
                d.pre += d.multi;
            }
            /* at most FLT_DIG / DBL_DIG significant digits are shown */
            int maxdig = f4 ? FLT_DIG : DBL_DIG;
            num_printf_f(&t, 0, fabs(x));
            int pre_len = (int)t.len;
            if (pre_len >= maxdig) d.post = 0;
            else if (pre_len + d.post > maxdig) d.post = maxdig - pre_len;
            buf_reset(&t);
            num_printf_f(&t, d.post, x);
            digits = t.data;
            sign = '+';
            if (*digits == '-') {
                sign = '-';
                digits++;
            }
            num_fit(m, &d, &digits, &pre_spaces);
        }
        break;
    }
    case NUMK_NUMERIC: {
        OmStr x = ((const OmStr *)v->data)[i];
        bool special = x.len && (x.ptr[0] == 'N' || x.ptr[0] == 'I' || (x.len > 1 && x.ptr[1] == 'I'));
        if (d.flag & F_ROMAN) {
            if (type_numeric_round(x, 0, false, &t, err)) return -1;
            if (t.data[0] == 'N') return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot convert NaN to integer");
            if (special) return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "cannot convert infinity to integer");
            long long r = t.len > 12 ? LLONG_MAX : strtoll(t.data, NULL, 10);
            if (r < INT32_MIN || r > INT32_MAX) return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
            num_roman((int32_t)r, roman);
            digits = roman;
        } else if (d.flag & F_EEEE) {
            if (special) digits = num_sci_hashes(m, &d);
            else {
                num_sci_numeric(m, &t, x.ptr, x.len, d.post);
                digits = t.data;
            }
        } else {
            if (d.flag & F_MULTI) {
                char *p10 = mem_alloc(m, (size_t)d.multi + 2);
                p10[0] = '1';
                memset(p10 + 1, '0', (size_t)d.multi);
                OmBuf prod;
                buf_init(&prod, m, 64);
                if (type_numeric_binop(OM_NUM_MUL, x, (OmStr){p10, (uint32_t)d.multi + 1}, &prod, err)) return -1;
                x = (OmStr){prod.data, (uint32_t)prod.len};
                d.pre += d.multi;
            }
            if (type_numeric_round(x, d.post, false, &t, err)) return -1;
            digits = t.data;
            sign = '+';
            if (*digits == '-') {
                sign = '-';
                digits++;
            }
            num_fit(m, &d, &digits, &pre_spaces);
        }
        break;
    }
    }
    size_t at = out->len;
    if (num_render(nodes, nn, &d, digits, pre_spaces, sign, out, err)) return -1;
    /* PostgreSQL's result is a C string: it ends at a NUL written above */
    char *z = memchr(out->data + at, 0, out->len - at);
    if (z) out->len = (size_t)(z - out->data);
    return 0;
}

static int num_kernel(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, NumKind kind)
{
    const OmStr *f = a[1]->data;
    SEL_LOOP {
        OmBuf b;
        buf_init(&b, fc->var, 32);
        if (f[i].len && num_to_char(fc, kind, a[0], i, f[i], &b)) return -1;
        fn_set_str(o, i, b.data ? b.data : "", b.len);
    }
    return 0;
}

static int fn_to_char_i4(ARGS) { return num_kernel(fc, a, o, sel, n, NUMK_INT4); }
static int fn_to_char_i8(ARGS) { return num_kernel(fc, a, o, sel, n, NUMK_INT8); }
static int fn_to_char_f4(ARGS) { return num_kernel(fc, a, o, sel, n, NUMK_FLOAT4); }
static int fn_to_char_f8(ARGS) { return num_kernel(fc, a, o, sel, n, NUMK_FLOAT8); }
static int fn_to_char_num(ARGS) { return num_kernel(fc, a, o, sel, n, NUMK_NUMERIC); }

static const FnDesc descs[] = {
    {"to_char", 2, {OM_T_INT4, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_to_char_i4},
    {"to_char", 2, {OM_T_INT8, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_to_char_i8},
    {"to_char", 2, {OM_T_FLOAT4, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_to_char_f4},
    {"to_char", 2, {OM_T_FLOAT8, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_to_char_f8},
    {"to_char", 2, {OM_T_NUMERIC, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_to_char_num},
};

const FnTable fn_numfmt_table = {descs, (int)(sizeof descs / sizeof descs[0])};
