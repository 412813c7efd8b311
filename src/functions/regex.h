/*
 * regex.h — PostgreSQL 15's regular expressions (ARE, ERE, BRE, literal)
 * on PCRE2: flags, compilation with a per-thread cache, and matching with
 * PostgreSQL's choice of match.
 *
 * A pattern is translated from PostgreSQL's syntax to PCRE2's (regex.c,
 * regex_translate.c): escapes (\m \M \y \Y \A \Z, \b = backspace, \B =
 * backslash, \x \u \U octal), [[:<:]] [[:>:]], bracket classes, back
 * references, embedded options and the ***: / ***= directors, and the
 * flags i c n m p s w x q e b. Case-insensitive matching folds ASCII letters
 * only, as PostgreSQL does in the C locale; \w, \d, \s and the [:classes:]
 * are ASCII only for the same reason.
 *
 * Match choice: PostgreSQL takes the leftmost match, and among those starting
 * there the longest (the RE is "greedy") or the shortest ("non-greedy", by
 * the first quantifier that has a preference). PCRE2's backtracking finds the
 * same leftmost start; the end is then corrected with PCRE2's DFA matcher
 * (longest or shortest match at that start), and the subexpressions are
 * re-matched to end exactly there (Perl's priorities inside that span).
 * docs/compatibility.md lists what still differs.
 *
 * Errors: PostgreSQL's SQLSTATEs and words (2201B "invalid regular
 * expression: ...", 22023 "invalid regular expression option: ...").
 *
 * Compiled patterns live in a per-thread (per-session) cache of 32, as
 * PostgreSQL caches 32 per backend; a pointer from rx_compile is valid until
 * the next rx_compile on the same thread.
 */
#ifndef OM_REGEX_H
#define OM_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"
#include "../common/mem.h"
#include "../common/vector.h"

/* Compile flags (PostgreSQL's cflags). RX_ADVANCED = ARE (the default). */
enum {
    RX_ICASE = 1,     /* i: case-insensitive (ASCII letters) */
    RX_NLSTOP = 2,    /* . and [^ do not match newline */
    RX_NLANCH = 4,    /* ^ and $ match at newlines */
    RX_NEWLINE = 6,   /* n (m): both */
    RX_EXPANDED = 8,  /* x: white space and # comments ignored */
    RX_QUOTE = 16,    /* q, ***=: the pattern is a literal string */
    RX_EXTENDED = 32, /* ERE */
    RX_ADVF = 64,     /* ARE extensions on top of ERE */
    RX_ADVANCED = RX_EXTENDED | RX_ADVF
};

typedef struct RxFlags {
    int cflags;
    bool glob; /* g */
} RxFlags;

/* Parse a flags argument (parse_re_flags): opts NULL = defaults (ARE).
 * 22023 "invalid regular expression option" for an unknown letter. Callers
 * that refuse g check flags->glob themselves. */
int rx_parse_flags(const char *opts, size_t len, RxFlags *flags, OmError *err);

typedef struct RxRegex RxRegex;

/* Compile (or find in the thread's cache) pattern pat[0..len) with cflags.
 * 2201B on a bad pattern. The result is valid until the next rx_compile on
 * this thread. */
int rx_compile(const char *pat, size_t len, int cflags, RxRegex **out, OmError *err);

/* Number of capturing subexpressions. */
int rx_nsub(const RxRegex *re);

/* Byte offsets of a (sub)match, -1/-1 when it did not participate. */
typedef struct RxMatch {
    int64_t so, eo;
} RxMatch;

/* Does s[0..len) contain a match? 1 yes, 0 no, -1 error (err set). */
int rx_test(RxRegex *re, const char *s, size_t len, OmError *err);

/* Find the first match starting at or after byte offset start (^ and
 * lookbehind still see the whole string), with PostgreSQL's choice of end.
 * Fills m[0..nmatch): m[0] the whole match, m[k] subexpression k (-1 when
 * absent or k > rx_nsub). 1 found, 0 none, -1 error. */
int rx_search(RxRegex *re, const char *s, size_t len, size_t start, int nmatch, RxMatch *m, OmError *err);

/* ---- list results for the text[] functions (the lead wraps them into array
 * values; fn_regex.c) ------------------------------------------------------- */

/* A list of strings, some NULL: items[i] (bytes in a context or in the
 * source string), nulls[i]. */
typedef struct RxStrList {
    int n;
    OmStr *items;
    bool *nulls;
} RxStrList;

/* regexp_match(src, pat [, flags]): the strings of the first match (each
 * subexpression, NULL where it did not participate; the whole match when the
 * pattern has none) into *out, *found = false when there is no match (the
 * function's result is then NULL). flags may be NULL. 22023 for 'g'
 * ("regexp_match() does not support the "global" option"). Strings point
 * into src; arrays are allocated in ctx. */
int rx_match_list(MemCtx *ctx, OmStr src, OmStr pat, const OmStr *flags, RxStrList *out, bool *found,
                  OmError *err);

/* regexp_split_to_array(src, pat [, flags]): the pieces between matches
 * (never NULL). fname names the function in the 'g' error. */
int rx_split_list(MemCtx *ctx, OmStr src, OmStr pat, const OmStr *flags, const char *fname, RxStrList *out,
                  OmError *err);

/* All matches of regexp_matches (flags g: every match, else the first):
 * *nmatch lists of rx_nsub (or 1) strings each, in *out (an array of lists). */
int rx_matches_lists(MemCtx *ctx, OmStr src, OmStr pat, const OmStr *flags, RxStrList **out, int *nmatch,
                     OmError *err);

/* PostgreSQL's similar_escape_internal: SIMILAR TO pattern → ARE. esc NULL =
 * the default escape (backslash); esc->len == 0 = none. Result in ctx. */
int rx_similar_escape(MemCtx *ctx, OmStr pat, const OmStr *esc, OmStr *out, OmError *err);

#endif
