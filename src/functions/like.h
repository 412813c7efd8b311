/*
 * like.h — PostgreSQL 15's LIKE / ILIKE on UTF-8 text: a pattern compiled
 * once into literal segments, matched without backtracking.
 *
 * A pattern is S0 R1 S1 … Rk Sk: each R is a run of `%` and `_` holding at
 * least one `%` (its `_`s are a count of characters to skip), each S a
 * sequence of literal characters and `_`s (S1…Sk start with a literal; the
 * last may be empty). S0 is matched at the start, S1…S(k-1) each at its
 * leftmost place after the previous one, Sk at the end of the text. This is
 * the search PostgreSQL's MatchText (like_match.c) makes: once a segment has
 * matched up to the next `%`, its recursion's answer is final (true, or
 * "abort"), so the leftmost match of every middle segment is the only one
 * tried. The worst case is O(n·m), usually O(n) (memmem / memchr).
 *
 * Semantics kept from PostgreSQL (UTF-8 database, C collation):
 *   - `_` is one character (a lead byte and its continuation bytes);
 *   - the escape character quotes the next character, whatever it is; the
 *     default is backslash, ESCAPE '' means none (like_escape), a longer
 *     escape is 22025 "invalid escape string" (fn_like_escape_check);
 *   - ILIKE lowers pattern and text first, which in the C collation folds
 *     ASCII letters only; the escape character is recognised before that;
 *   - a pattern ending in an escape that quotes nothing is 22025 "LIKE
 *     pattern must not end with escape character", raised only when the
 *     search reaches that escape (PostgreSQL raises it lazily: 'a' LIKE
 *     'a\' is false, 'ab' LIKE 'a\' fails). Such a pattern never matches.
 *
 * Text is assumed valid UTF-8 (it is checked on input); on invalid bytes the
 * matcher stays in bounds but its answer is unspecified.
 */
#ifndef OM_LIKE_H
#define OM_LIKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"
#include "../common/mem.h"

/* A run of literal bytes lit[off..off+len) followed by `any` characters. */
typedef struct FnLikePiece {
    uint32_t off, len, any;
} FnLikePiece;

typedef struct FnLikeSeg {
    uint32_t skip;       /* the `_`s of the %-run before it (0 for S0) */
    uint32_t piece0, npieces;
    uint32_t nchars;     /* characters it matches */
} FnLikeSeg;

typedef struct FnLikePat {
    unsigned char *lit;  /* literal bytes, ASCII-lowered under ILIKE */
    FnLikePiece *pieces;
    FnLikeSeg *segs;     /* nsegs >= 1: S0 … Sk */
    int nsegs;
    bool icase;
    bool dangling;       /* ends with an escape character that quotes nothing */
} FnLikePat;

/* The escape argument of LIKE … ESCAPE e: 0 if e is empty or one UTF-8
 * character, else -1 with 22025 "invalid escape string" (and PostgreSQL's
 * hint) in err. */
int fn_like_escape_check(const char *esc, size_t len, OmError *err);

/* Compile pat[0..len). esc/esclen: the escape character (esclen 0: none;
 * pass "\\", 1 for the default), already checked by fn_like_escape_check.
 * icase: ILIKE. Never fails; arrays are allocated in ctx and live as long
 * as it. */
void fn_like_compile(MemCtx *ctx, const char *pat, size_t len, const char *esc, size_t esclen, bool icase,
                     FnLikePat *out);

/* Match s[0..n) against p: 1 match, 0 no match, -1 with err set (22025 for a
 * reached dangling escape, or the pending interrupt's 57014: long searches
 * call om_intr_check). */
int fn_like_match(const FnLikePat *p, const char *s, size_t n, OmError *err);

#endif
