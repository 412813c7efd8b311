/*
 * like_ref.h — a reference LIKE for the tests of functions/like.c
 * (test/unit/test_like.c, test/fuzz/fuzz_like.c): PostgreSQL 15's own
 * algorithm, transcribed as directly as possible from like_match.c —
 * MB_do_like_escape (the ESCAPE clause rewritten to backslashes), the ASCII
 * lower() of ILIKE in the C collation, and the recursive UTF8_MatchText —
 * with the recursion memoised on (text offset, pattern offset) so that it
 * stays polynomial on any input. MatchText is a pure function of those two
 * offsets, so the memo changes no answer and no error.
 *
 * ref_like: 1 match, 0 no match, REF_DANGLING for 22025 "LIKE pattern must
 * not end with escape character", REF_BAD_ESCAPE for 22025 "invalid escape
 * string". esc NULL: no ESCAPE clause (backslash).
 */
#ifndef OM_LIKE_REF_H
#define OM_LIKE_REF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { REF_DANGLING = -1, REF_BAD_ESCAPE = -2 };
enum { R_FALSE = 0, R_TRUE = 1, R_ABORT = 2, R_ERROR = 3, R_UNKNOWN = 4 };

/* pg_utf_mblen */
static inline size_t ref_mblen(const unsigned char *s)
{
    if ((*s & 0x80) == 0) return 1;
    if ((*s & 0xe0) == 0xc0) return 2;
    if ((*s & 0xf0) == 0xe0) return 3;
    if ((*s & 0xf8) == 0xf0) return 4;
    return 1;
}

typedef struct RefLike {
    const unsigned char *t0, *p0;
    size_t tn, pn;
    unsigned char *memo; /* (tn+1) * (pn+1) */
} RefLike;

#define REF_NEXTBYTE(p, plen) ((p)++, (plen)--)
#define REF_NEXTCHAR(p, plen)                                          \
    do {                                                               \
        (p)++;                                                         \
        (plen)--;                                                      \
        while ((plen) > 0 && (*(p) & 0xC0) == 0x80) (p)++, (plen)--;   \
    } while (0)

static int ref_match_text(RefLike *c, const unsigned char *t, size_t tlen, const unsigned char *p, size_t plen)
{
    size_t key = (size_t)(t - c->t0) * (c->pn + 1) + (size_t)(p - c->p0);
    if (c->memo[key] != R_UNKNOWN) return c->memo[key];
    int r;
    if (plen == 1 && *p == '%') {
        r = R_TRUE;
        goto done;
    }
    while (tlen > 0 && plen > 0) {
        if (*p == '\\') {
            REF_NEXTBYTE(p, plen);
            if (plen <= 0) {
                r = R_ERROR;
                goto done;
            }
            if (*p != *t) {
                r = R_FALSE;
                goto done;
            }
        } else if (*p == '%') {
            unsigned char firstpat;
            REF_NEXTBYTE(p, plen);
            while (plen > 0) {
                if (*p == '%') REF_NEXTBYTE(p, plen);
                else if (*p == '_') {
                    if (tlen <= 0) {
                        r = R_ABORT;
                        goto done;
                    }
                    REF_NEXTCHAR(t, tlen);
                    REF_NEXTBYTE(p, plen);
                } else break;
            }
            if (plen <= 0) {
                r = R_TRUE;
                goto done;
            }
            if (*p == '\\') {
                if (plen < 2) {
                    r = R_ERROR;
                    goto done;
                }
                firstpat = p[1];
            } else firstpat = *p;
            while (tlen > 0) {
                if (*t == firstpat) {
                    int m = ref_match_text(c, t, tlen, p, plen);
                    if (m != R_FALSE) {
                        r = m;
                        goto done;
                    }
                }
                REF_NEXTCHAR(t, tlen);
            }
            r = R_ABORT;
            goto done;
        } else if (*p == '_') {
            REF_NEXTCHAR(t, tlen);
            REF_NEXTBYTE(p, plen);
            continue;
        } else if (*p != *t) {
            r = R_FALSE;
            goto done;
        }
        REF_NEXTBYTE(t, tlen);
        REF_NEXTBYTE(p, plen);
    }
    if (tlen > 0) {
        r = R_FALSE;
        goto done;
    }
    while (plen > 0 && *p == '%') REF_NEXTBYTE(p, plen);
    r = plen <= 0 ? R_TRUE : R_ABORT;
done:
    c->memo[key] = (unsigned char)r;
    return r;
}

/* MB_do_like_escape into out (room for 2 * plen bytes); returns its length,
 * or -1 for an escape of more than one character. */
static long ref_like_escape(const unsigned char *p, size_t plen, const unsigned char *e, size_t elen,
                            unsigned char *out)
{
    unsigned char *r = out;
    if (elen == 0) {
        while (plen > 0) {
            if (*p == '\\') *r++ = '\\';
            size_t l = ref_mblen(p);
            if (l > plen) l = plen;
            memcpy(r, p, l), r += l, p += l, plen -= l;
        }
        return r - out;
    }
    size_t el = ref_mblen(e);
    if (el != elen) return -1;
    if (*e == '\\') {
        memcpy(out, p, plen);
        return (long)plen;
    }
    bool afterescape = false;
    while (plen > 0) {
        size_t l = ref_mblen(p);
        if (l > plen) l = plen;
        if (l == el && !memcmp(p, e, el) && !afterescape) {
            *r++ = '\\';
            p += l, plen -= l;
            afterescape = true;
        } else if (*p == '\\') {
            *r++ = '\\';
            if (!afterescape) *r++ = '\\';
            p += l, plen -= l;
            afterescape = false;
        } else {
            memcpy(r, p, l), r += l, p += l, plen -= l;
            afterescape = false;
        }
    }
    return r - out;
}

static inline int ref_like(const char *s, size_t sn, const char *pat, size_t pn, const char *esc, size_t escn,
                           bool icase)
{
    unsigned char *p = malloc(2 * pn + 1), *t = malloc(sn + 1);
    long plen = (long)pn;
    if (esc) plen = ref_like_escape((const unsigned char *)pat, pn, (const unsigned char *)esc, escn, p);
    else memcpy(p, pat, pn);
    int res;
    if (plen < 0) {
        res = REF_BAD_ESCAPE;
    } else {
        memcpy(t, s, sn);
        if (icase) {
            for (long i = 0; i < plen; i++)
                if (p[i] >= 'A' && p[i] <= 'Z') p[i] = (unsigned char)(p[i] + 32);
            for (size_t i = 0; i < sn; i++)
                if (t[i] >= 'A' && t[i] <= 'Z') t[i] = (unsigned char)(t[i] + 32);
        }
        RefLike c = {t, p, sn, (size_t)plen, NULL};
        c.memo = malloc((sn + 1) * ((size_t)plen + 1));
        memset(c.memo, R_UNKNOWN, (sn + 1) * ((size_t)plen + 1));
        int r = ref_match_text(&c, t, sn, p, (size_t)plen);
        res = r == R_TRUE ? 1 : r == R_ERROR ? REF_DANGLING : 0;
        free(c.memo);
    }
    free(p);
    free(t);
    return res;
}

#endif
