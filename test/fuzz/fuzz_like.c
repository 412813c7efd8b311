/*
 * fuzz_like.c — the LIKE / ILIKE matcher (functions/like.c) against a
 * reference: PostgreSQL 15's like_escape + MatchText, memoised (like_ref.h).
 *
 * Input: byte 0 chooses ILIKE (bit 0), the ESCAPE clause (bits 1-3: none,
 * '', '\', 'X', '%', '_', 'é', the invalid 'ab') and whether the subject is
 * repeated 40 times (bit 4: longer texts for the segment search); the rest
 * is the pattern, a 0xFF byte, then the subject. Every byte of those two is
 * one symbol of a small alphabet (ASCII letters of both cases, the
 * wildcards, backslash, the escape candidates, 2-, 3- and 4-byte UTF-8
 * characters), so both are valid UTF-8 as text values always are.
 *
 * Checked: the compiled matcher gives the reference's answer — the same
 * boolean, or the same error (22025 invalid escape string / LIKE pattern must
 * not end with escape character).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "functions/like.h"
#include "like_ref.h"

static const char *const alphabet[] = {"a", "b", "A", "B", "%", "_", "\\", "X", "x", "é", "É", "日", "😀", "%", "_", "a"};
#define NSYM (sizeof alphabet / sizeof alphabet[0])

static const char *const escapes[] = {NULL, "", "\\", "X", "%", "_", "é", "ab"};

static size_t build(const uint8_t *d, size_t n, char *out)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = alphabet[d[i] % NSYM];
        size_t l = strlen(s);
        memcpy(out + len, s, l);
        len += l;
    }
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 600) return 0;
    bool icase = data[0] & 1;
    const char *esc = escapes[(data[0] >> 1) & 7];
    int reps = (data[0] & 16) ? 40 : 1;
    const uint8_t *rest = data + 1, *sep = memchr(rest, 0xFF, size - 1);
    size_t pn = sep ? (size_t)(sep - rest) : size - 1;
    size_t sn = sep ? size - 1 - pn - 1 : 0;
    char *pat = malloc(pn * 4 + 1), *one = malloc(sn * 4 + 1), *subj = malloc(sn * 4 * (size_t)reps + 1);
    size_t plen = build(rest, pn, pat), onelen = build(sep ? sep + 1 : rest, sn, one), slen = 0;
    for (int r = 0; r < reps; r++) memcpy(subj + slen, one, onelen), slen += onelen;

    int want = ref_like(subj, slen, pat, plen, esc, esc ? strlen(esc) : 0, icase);
    OmError err = {0};
    const char *e = esc ? esc : "\\";
    size_t elen = strlen(e);
    int ec = fn_like_escape_check(e, elen, &err);
    if (want == REF_BAD_ESCAPE) {
        FUZZ_CHECK(ec < 0 && !strcmp(err.sqlstate, "22025") && !strcmp(err.message, "invalid escape string"),
                   "escape \"%s\" accepted", e);
    } else {
        FUZZ_CHECK(ec == 0, "escape \"%s\" refused: %s", e, err.message);
        MemCtx *ctx = mem_ctx_create(NULL, "fuzz_like");
        FnLikePat p;
        fn_like_compile(ctx, pat, plen, e, elen, icase, &p);
        int got = fn_like_match(&p, subj, slen, &err);
        if (want == REF_DANGLING) {
            FUZZ_CHECK(got == -1 && !strcmp(err.sqlstate, "22025") &&
                           !strcmp(err.message, "LIKE pattern must not end with escape character"),
                       "'%.*s' %s '%.*s' ESCAPE '%s': got %d (%s), want the trailing-escape error", (int)slen, subj,
                       icase ? "ILIKE" : "LIKE", (int)plen, pat, e, got, err.message);
        } else {
            FUZZ_CHECK(got == want, "'%.*s' %s '%.*s' ESCAPE '%s': got %d (%s), want %d", (int)slen, subj,
                       icase ? "ILIKE" : "LIKE", (int)plen, pat, e, got, err.message, want);
        }
        mem_ctx_delete(ctx);
    }
    free(pat);
    free(one);
    free(subj);
    return 0;
}
