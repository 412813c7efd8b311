/*
 * like.c — the LIKE / ILIKE matcher (like.h): a pattern compiled into
 * %-separated literal segments, matched by leftmost segment search.
 *
 * Called by the executor's LIKE kernel (executor/exec_like.c), which compiles
 * a constant pattern once per query and a per-row one when it changes.
 *
 * Interface: fn_like_escape_check, fn_like_compile, fn_like_match.
 */
/* memmem: the build defines _GNU_SOURCE */
#include "like.h"

#include <string.h>

#include "../common/interrupt.h"

enum { SEG_MATCH, SEG_MISMATCH, SEG_NOFIT };

/* Bytes of the UTF-8 character led by c (1 for a stray continuation byte). */
static inline size_t u8len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static inline unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* PostgreSQL's NextChar for UTF-8: one byte and its continuation bytes. */
static inline size_t next_char(const unsigned char *s, size_t n, size_t i)
{
    i++;
    while (i < n && (s[i] & 0xC0) == 0x80) i++;
    return i;
}

int fn_like_escape_check(const char *esc, size_t len, OmError *err)
{
    if (len == 0 || len == u8len((unsigned char)esc[0])) return 0;
    err_set(err, ERRCODE_INVALID_ESCAPE_SEQUENCE, "invalid escape string");
    err_hint(err, "Escape string must be empty or one character.");
    return -1;
}

void fn_like_compile(MemCtx *ctx, const char *pat, size_t len, const char *esc, size_t esclen, bool icase,
                     FnLikePat *out)
{
    const unsigned char *p = (const unsigned char *)pat;
    /* At most one piece per pattern character and one segment per %. */
    out->lit = mem_alloc(ctx, len + 1);
    out->pieces = mem_new_array(ctx, FnLikePiece, len + 1);
    out->segs = mem_new_array(ctx, FnLikeSeg, len + 1);
    out->icase = icase;
    out->dangling = false;
    uint32_t nlit = 0, npieces = 0;
    int nsegs = 1;
    FnLikeSeg *g = &out->segs[0];
    *g = (FnLikeSeg){0};
    size_t i = 0;
    while (i < len) {
        size_t cl = u8len(p[i]);
        if (cl > len - i) cl = len - i;
        bool quoted = false;
        if (esclen && len - i >= esclen && !memcmp(p + i, esc, esclen)) {
            i += esclen;
            if (i >= len) {
                out->dangling = true;
                break;
            }
            cl = u8len(p[i]);
            if (cl > len - i) cl = len - i;
            quoted = true;
        }
        if (!quoted && p[i] == '%') {
            /* A %-run: its `%`s and `_`s (not an escape) up to the next
             * literal. */
            uint32_t skip = 0;
            while (i < len) {
                if (esclen && len - i >= esclen && !memcmp(p + i, esc, esclen)) break;
                if (p[i] == '%') i++;
                else if (p[i] == '_') skip++, i++;
                else break;
            }
            g = &out->segs[nsegs++];
            *g = (FnLikeSeg){.skip = skip, .piece0 = npieces};
            continue;
        }
        if (!quoted && p[i] == '_') {
            if (g->npieces == 0) {
                out->pieces[npieces++] = (FnLikePiece){.off = nlit};
                g->npieces++;
            }
            out->pieces[npieces - 1].any++;
            g->nchars++;
            i++;
            continue;
        }
        /* A literal character: extends the segment's last piece unless that
         * one already ends in `_`s. */
        if (g->npieces == 0 || out->pieces[npieces - 1].any) {
            out->pieces[npieces++] = (FnLikePiece){.off = nlit};
            g->npieces++;
        }
        for (size_t k = 0; k < cl; k++) out->lit[nlit++] = icase ? lower(p[i + k]) : p[i + k];
        out->pieces[npieces - 1].len += (uint32_t)cl;
        g->nchars++;
        i += cl;
    }
    out->nsegs = nsegs;
}

/* Segment g at s[pos]: SEG_MATCH with *end, SEG_MISMATCH, or SEG_NOFIT (the
 * text ran out first: no later start can fit either). */
static int seg_at(const FnLikePat *p, const FnLikeSeg *g, const unsigned char *s, size_t n, size_t pos,
                  size_t *end)
{
    for (uint32_t k = 0; k < g->npieces; k++) {
        const FnLikePiece *pc = &p->pieces[g->piece0 + k];
        const unsigned char *l = p->lit + pc->off;
        size_t avail = n - pos, cmp = pc->len < avail ? pc->len : avail;
        if (p->icase) {
            for (size_t j = 0; j < cmp; j++)
                if (lower(s[pos + j]) != l[j]) return SEG_MISMATCH;
        } else if (cmp && memcmp(s + pos, l, cmp)) {
            return SEG_MISMATCH;
        }
        if (cmp < pc->len) return SEG_NOFIT;
        pos += pc->len;
        for (uint32_t a = 0; a < pc->any; a++) {
            if (pos >= n) return SEG_NOFIT;
            pos = next_char(s, n, pos);
        }
    }
    *end = pos;
    return SEG_MATCH;
}

/* The leftmost match of g (which starts with a literal byte) at or after
 * pos: SEG_MATCH with *end, SEG_NOFIT when there is none, -1 on interrupt. */
static int seg_find(const FnLikePat *p, const FnLikeSeg *g, const unsigned char *s, size_t n, size_t pos,
                    size_t *end, OmError *err)
{
    const FnLikePiece *first = &p->pieces[g->piece0];
    const unsigned char *l = p->lit + first->off;
    if (!p->icase && g->npieces == 1 && first->any == 0) {
        /* A plain literal: glibc's memmem is linear (two-way). A hit starts
         * on a character boundary since the literal starts with a lead byte. */
        const unsigned char *h = memmem(s + pos, n - pos, l, first->len);
        if (!h) return SEG_NOFIT;
        *end = (size_t)(h - s) + first->len;
        return SEG_MATCH;
    }
    unsigned char b = first->len ? l[0] : 0;
    bool fold = p->icase && b >= 'a' && b <= 'z', filter = first->len > 0;
    unsigned tries = 0;
    while (pos < n) {
        if (!filter) {
        } else if (!fold) {
            const unsigned char *h = memchr(s + pos, b, n - pos);
            if (!h) return SEG_NOFIT;
            pos = (size_t)(h - s);
        } else {
            while (pos < n && lower(s[pos]) != b) pos++;
            if (pos >= n) return SEG_NOFIT;
        }
        int r = seg_at(p, g, s, n, pos, end);
        if (r != SEG_MISMATCH) return r;
        pos = next_char(s, n, pos);
        if ((++tries & 255) == 0 && om_intr_check(err) < 0) return -1;
    }
    return SEG_NOFIT;
}

static int dangling_error(OmError *err)
{
    return err_set(err, ERRCODE_INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
}

/* Skip `count` characters from *pos; false if the text has fewer. */
static bool skip_chars(const unsigned char *s, size_t n, size_t *pos, uint32_t count)
{
    for (uint32_t a = 0; a < count; a++) {
        if (*pos >= n) return false;
        *pos = next_char(s, n, *pos);
    }
    return true;
}

int fn_like_match(const FnLikePat *p, const char *str, size_t n, OmError *err)
{
    const unsigned char *s = (const unsigned char *)str;
    const FnLikeSeg *last = &p->segs[p->nsegs - 1];
    size_t pos = 0, end;
    /* S0, anchored at the start. */
    if (seg_at(p, &p->segs[0], s, n, 0, &end) != SEG_MATCH) return 0;
    if (p->nsegs == 1) {
        /* No %: the whole text, or (dangling) an error if text is left
         * when the escape is reached. */
        if (p->dangling) return end < n ? dangling_error(err) : 0;
        return end == n;
    }
    pos = end;
    for (int k = 1; k < p->nsegs; k++) {
        const FnLikeSeg *g = &p->segs[k];
        if (g == last && g->npieces == 0) {
            /* The pattern ends with this %-run (then perhaps a dangling
             * escape, which PostgreSQL reaches with a character left and
             * the run's `_`s satisfied). */
            size_t q = pos;
            bool fits = skip_chars(s, n, &q, g->skip);
            if (p->dangling) return fits && pos < n ? dangling_error(err) : 0;
            return fits;
        }
        if (!skip_chars(s, n, &pos, g->skip)) return 0;
        if (g == last && !p->dangling) {
            /* Sk, anchored at the end: it matches a fixed number of
             * characters, so only one start can work. */
            size_t q = n;
            for (uint32_t c = 0; c < g->nchars; c++) {
                if (q <= pos) return 0;
                q--;
                while (q > pos && (s[q] & 0xC0) == 0x80) q--;
            }
            return seg_at(p, g, s, n, q, &end) == SEG_MATCH && end == n;
        }
        int r = seg_find(p, g, s, n, pos, &end, err);
        if (r < 0) return -1;
        if (r != SEG_MATCH) return 0;
        pos = end;
        if (g == last) return end < n ? dangling_error(err) : 0; /* dangling after Sk */
    }
    return 0; /* not reached: the loop ends at the last segment */
}
