/*
 * regex.c — the regex engine: flags, compilation through the translator
 * (regex_translate.c) into PCRE2, a per-thread cache of compiled patterns,
 * and matching with PostgreSQL's choice of match (regex.h).
 *
 * PCRE2 memory is malloc'd: a cache entry lives until it is pushed out of
 * the thread's 32-entry cache or the thread ends (a pthread key destructor
 * frees the cache).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../common/interrupt.h"
#include "regex_int.h"

#define MAX_CACHED 32
#define DFA_WS 4096 /* ints of workspace for pcre2_dfa_match */

/* Limits on one PCRE2 match, so that no catastrophic backtracking runs away
 * (PCRE2's own defaults allow seconds): they stop `(x+x+)+y` on a long run
 * of x within ~RX_LIMIT_MS (test_regex measures it). A match that hits one
 * is retried on PCRE2's DFA matcher where that gives the answer (rx_test,
 * and rx_search without subexpressions), else fails as PostgreSQL's regexec
 * does when it gives up: 2201B "regular expression failed: regular
 * expression is too complex". Backtracking frames grow with the subject
 * for patterns like (a|b)*: 8 MiB of them covers subjects of some 10^5
 * characters (a longer one still gets its answer from the DFA unless it
 * needs subexpressions) and stops a 1 MB subject in ~150 ms. */
#ifndef RX_MATCH_LIMIT
#define RX_MATCH_LIMIT 2000000u
#endif
#define RX_DEPTH_LIMIT 5000000u /* backtracking frames */
/* The DFA matcher's cost is the characters it walks: from every start it
 * tries (an unanchored search restarts at each candidate position) and in
 * every lookaround. PCRE2's match limit counts those starts and lookarounds
 * there, so each DFA call gets RX_DFA_BUDGET / (subject length) of them:
 * some 2·10^7 character steps, tens of milliseconds, whatever the subject. */
#define RX_DFA_BUDGET 20000000u
#define RX_HEAP_LIMIT (8u * 1024) /* KiB of backtracking frames */

struct RxRegex {
    char *pat;              /* the source pattern (malloc) */
    size_t pat_len;
    int cflags;
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_data *dfa_md;
    int ncap;
    int pref;
    bool var, backref;
};

typedef struct RxCache {
    int n;
    RxRegex *re[MAX_CACHED]; /* most recently used first */
    pcre2_match_context *plain;  /* no callout */
    pcre2_match_context *forced; /* the end-forcing callout */
    pcre2_match_context *dfa;    /* DFA matches: limit set per call (dfa_context) */
    int *ws;
} RxCache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static __thread RxCache *cache;

static void regex_free(RxRegex *re)
{
    if (!re) return;
    pcre2_match_data_free(re->md);
    pcre2_match_data_free(re->dfa_md);
    pcre2_code_free(re->code);
    free(re->pat);
    free(re);
}

static void cache_free(void *p)
{
    RxCache *c = p;
    for (int i = 0; i < c->n; i++) regex_free(c->re[i]);
    pcre2_match_context_free(c->plain);
    pcre2_match_context_free(c->forced);
    pcre2_match_context_free(c->dfa);
    free(c->ws);
    free(c);
}

static void make_key(void)
{
    pthread_key_create(&cache_key, cache_free);
}

/* The callout at the end of every pattern: during the re-match it accepts
 * only the end position the DFA pass chose (PCRE2 then backtracks into
 * other ways of matching). */
/* The callout before every pattern (number 2): PCRE2 calls it at each
 * start position it tries, so a long unanchored search (PCRE2's match limit
 * counts per start) stops at a pending interrupt; rx_error turns
 * PCRE2_ERROR_CALLOUT into that interrupt's error. */
static int start_check(pcre2_callout_block *cb, void *data)
{
    (void)data;
    /* om_intr_check(NULL): a stale timeout flag is cleared, not taken */
    return cb->callout_number == 2 && om_intr_check(NULL) < 0 ? PCRE2_ERROR_CALLOUT : 0;
}

static int force_end(pcre2_callout_block *cb, void *data)
{
    if (cb->callout_number == 2) return start_check(cb, data);
    return cb->current_position == *(PCRE2_SIZE *)data ? 0 : 1;
}

static RxCache *get_cache(void)
{
    if (cache) return cache;
    pthread_once(&cache_once, make_key);
    RxCache *c = calloc(1, sizeof *c);
    if (!c) abort();
    c->plain = pcre2_match_context_create(NULL);
    c->forced = pcre2_match_context_create(NULL);
    c->dfa = pcre2_match_context_create(NULL);
    c->ws = malloc(DFA_WS * sizeof(int));
    if (!c->plain || !c->forced || !c->dfa || !c->ws) abort();
    pcre2_match_context *mc[3] = {c->plain, c->forced, c->dfa};
    pcre2_set_callout(c->plain, start_check, NULL);
    pcre2_set_callout(c->dfa, start_check, NULL);
    for (int i = 0; i < 3; i++) {
        pcre2_set_match_limit(mc[i], RX_MATCH_LIMIT);
        pcre2_set_depth_limit(mc[i], RX_DEPTH_LIMIT);
        pcre2_set_heap_limit(mc[i], RX_HEAP_LIMIT);
    }
    pthread_setspecific(cache_key, c);
    cache = c;
    return c;
}

int rx_parse_flags(const char *opts, size_t len, RxFlags *f, OmError *err)
{
    f->cflags = RX_ADVANCED;
    f->glob = false;
    for (size_t i = 0; opts && i < len; i++) {
        int *c = &f->cflags;
        switch (opts[i]) {
        case 'g': f->glob = true; break;
        case 'b': *c &= ~(RX_ADVANCED | RX_QUOTE); break;
        case 'c': *c &= ~RX_ICASE; break;
        case 'e': *c |= RX_EXTENDED; *c &= ~(RX_ADVF | RX_QUOTE); break;
        case 'i': *c |= RX_ICASE; break;
        case 'm':
        case 'n': *c |= RX_NEWLINE; break;
        case 'p': *c |= RX_NLSTOP; *c &= ~RX_NLANCH; break;
        case 'q': *c |= RX_QUOTE; *c &= ~RX_ADVANCED; break;
        case 's': *c &= ~RX_NEWLINE; break;
        case 't': *c &= ~RX_EXPANDED; break;
        case 'w': *c &= ~RX_NLSTOP; *c |= RX_NLANCH; break;
        case 'x': *c |= RX_EXPANDED; break;
        default: {
            int l = (unsigned char)opts[i] < 0x80 ? 1 : ((unsigned char)opts[i] & 0xe0) == 0xc0 ? 2
                  : ((unsigned char)opts[i] & 0xf0) == 0xe0 ? 3 : 4;
            if ((size_t)l > len - i) l = (int)(len - i);
            return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid regular expression option: \"%.*s\"", l,
                           opts + i);
        }
        }
    }
    return 0;
}

static int compile_new(const char *pat, size_t len, int cflags, RxRegex **out, OmError *err)
{
    MemCtx *tmp = mem_ctx_create(NULL, "regex compile");
    RxTrans t;
    if (rx_translate(tmp, pat, len, cflags, &t) < 0) {
        if (t.interrupted && om_intr_check(err) < 0) {
            mem_ctx_delete(tmp);
            return -1;
        }
        err_set(err, ERRCODE_INVALID_REGULAR_EXPRESSION, "invalid regular expression: %s", t.err);
        mem_ctx_delete(tmp);
        return -1;
    }
    /* (?C1) after the whole pattern: the hook rx_search's re-match uses;
     * (?C2) before it: the interrupt check at each start (start_check). */
    buf_append_str(&t.out, ")(?C1)");
    uint32_t opts = PCRE2_UTF | PCRE2_NO_UTF_CHECK | PCRE2_DOLLAR_ENDONLY | PCRE2_NO_AUTO_POSSESS |
                    PCRE2_NEVER_BACKSLASH_C;
    if (!(t.cflags & RX_NLSTOP)) opts |= PCRE2_DOTALL;
    if (t.cflags & RX_NLANCH) opts |= PCRE2_MULTILINE | PCRE2_ALT_CIRCUMFLEX;
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
    pcre2_set_parens_nest_limit(cc, RX_MAX_NEST + 8); /* the wrapper's groups and lookarounds on top */
    OmBuf full;
    buf_init(&full, tmp, t.out.len + 12);
    buf_append_str(&full, "(?C2)(?:");
    buf_append(&full, t.out.data, t.out.len);
    int ec;
    PCRE2_SIZE eoff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)full.data, full.len, opts, &ec, &eoff, cc);
    pcre2_compile_context_free(cc);
    mem_ctx_delete(tmp);
    if (!code) {
        if (ec == 125) /* PCRE2: lookbehind assertion is not fixed length */
            return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
                           "variable-length lookbehind constraints are not supported");
        PCRE2_UCHAR msg[120];
        pcre2_get_error_message(ec, msg, sizeof msg);
        return err_set(err, ERRCODE_INVALID_REGULAR_EXPRESSION, "invalid regular expression: %s", (char *)msg);
    }
    RxRegex *re = calloc(1, sizeof *re);
    if (!re) abort();
    re->pat = malloc(len ? len : 1);
    if (!re->pat) abort();
    memcpy(re->pat, pat, len);
    re->pat_len = len;
    re->cflags = cflags;
    re->code = code;
    re->md = pcre2_match_data_create_from_pattern(code, NULL);
    re->dfa_md = pcre2_match_data_create(1, NULL);
    if (!re->md || !re->dfa_md) abort();
    re->ncap = t.ncap;
    re->pref = t.pref;
    re->var = t.var;
    re->backref = t.backref;
    *out = re;
    return 0;
}

int rx_compile(const char *pat, size_t len, int cflags, RxRegex **out, OmError *err)
{
    RxCache *c = get_cache();
    for (int i = 0; i < c->n; i++) {
        RxRegex *re = c->re[i];
        if (re->pat_len == len && re->cflags == cflags && !memcmp(re->pat, pat, len)) {
            memmove(&c->re[1], &c->re[0], (size_t)i * sizeof c->re[0]); /* move to front */
            c->re[0] = re;
            *out = re;
            return 0;
        }
    }
    RxRegex *re = NULL;
    if (compile_new(pat, len, cflags, &re, err) < 0) return -1;
    if (c->n == MAX_CACHED) regex_free(c->re[--c->n]);
    memmove(&c->re[1], &c->re[0], (size_t)c->n * sizeof c->re[0]);
    c->re[0] = re;
    c->n++;
    *out = re;
    return 0;
}

int rx_nsub(const RxRegex *re)
{
    return re->ncap;
}

static int match_error(int rc, OmError *err)
{
    if (rc == PCRE2_ERROR_CALLOUT) { /* start_check saw an interrupt */
        if (om_intr_check(err) < 0) return -1;
        return err_set(err, ERRCODE_QUERY_CANCELED, "canceling statement due to user request");
    }
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
        rc == PCRE2_ERROR_NOMEMORY)
        return err_set(err, ERRCODE_INVALID_REGULAR_EXPRESSION,
                       "regular expression failed: regular expression is too complex");
    PCRE2_UCHAR msg[120];
    pcre2_get_error_message(rc, msg, sizeof msg);
    return err_set(err, ERRCODE_INVALID_REGULAR_EXPRESSION, "regular expression failed: %s", (char *)msg);
}

/* The DFA context with its match limit for a search of s[start..len). */
static pcre2_match_context *dfa_context(RxCache *c, size_t len, size_t start)
{
    size_t lim = RX_DFA_BUDGET / (len - start + 1);
    if (lim < 16) lim = 16;
    if (lim > RX_MATCH_LIMIT) lim = RX_MATCH_LIMIT;
    pcre2_set_match_limit(c->dfa, (uint32_t)lim);
    return c->dfa;
}

static bool is_limit(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT;
}

/* After the backtracking matcher gave up (rc, a limit): the leftmost match
 * at or after start by the DFA matcher, which never backtracks (it cannot
 * run back references). Longest at its start, or shortest for a non-greedy
 * RE, as rx_search chooses. 1 with m found, 0 none, -1 error (the original
 * limit's when the DFA cannot help either). */
static int dfa_fallback(RxRegex *re, RxCache *c, PCRE2_SPTR subj, size_t len, size_t start, int rc, RxMatch *m,
                        OmError *err)
{
    if (re->backref) return match_error(rc, err);
    uint32_t o = PCRE2_NO_UTF_CHECK | (re->pref == RX_PREF_SHORTER ? PCRE2_DFA_SHORTEST : 0);
    int drc = pcre2_dfa_match(re->code, subj, len, start, o, re->dfa_md, dfa_context(c, len, start), c->ws, DFA_WS);
    if (drc == PCRE2_ERROR_NOMATCH) return 0;
    if (drc < 0) return match_error(drc == PCRE2_ERROR_CALLOUT ? drc : rc, err);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->dfa_md);
    m->so = (int64_t)ov[0];
    m->eo = (int64_t)ov[1];
    return 1;
}

int rx_test(RxRegex *re, const char *s, size_t len, OmError *err)
{
    RxCache *c = get_cache();
    if (om_intr_check(err) < 0) return -1; /* per row, and between repeated matches */
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, re->md, c->plain);
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (is_limit(rc)) {
        RxMatch m;
        return dfa_fallback(re, c, (PCRE2_SPTR)s, len, 0, rc, &m, err);
    }
    if (rc < 0) return match_error(rc, err);
    return 1;
}

int rx_search(RxRegex *re, const char *s, size_t len, size_t start, int nmatch, RxMatch *m, OmError *err)
{
    RxCache *c = get_cache();
    PCRE2_SPTR subj = (PCRE2_SPTR)s;
    if (om_intr_check(err) < 0) return -1;
    int rc = pcre2_match(re->code, subj, len, start, PCRE2_NO_UTF_CHECK, re->md, c->plain);
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (is_limit(rc)) {
        /* The DFA matcher finds the match; its subexpressions need a
         * backtracking re-match forced to end there, which may give up
         * again. */
        RxMatch whole;
        int f = dfa_fallback(re, c, subj, len, start, rc, &whole, err);
        if (f <= 0) return f;
        for (int k = 0; k < nmatch; k++) m[k].so = m[k].eo = -1;
        if (nmatch > 0) m[0] = whole;
        if (nmatch <= 1 || re->ncap == 0) return 1;
        PCRE2_SIZE want = (PCRE2_SIZE)whole.eo;
        pcre2_set_callout(c->forced, force_end, &want);
        int frc = pcre2_match(re->code, subj, len, (PCRE2_SIZE)whole.so, PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, re->md,
                              c->forced);
        if (frc < 0) return match_error(frc == PCRE2_ERROR_NOMATCH ? rc : frc, err);
        rc = frc;
    }
    if (rc < 0) return match_error(rc, err);
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
    PCRE2_SIZE so = ov[0], eo = ov[1];
    if (re->var && !re->backref) {
        /* PostgreSQL: among the matches starting at so, the longest (greedy
         * RE) or the shortest (non-greedy). The DFA matcher finds it. */
        uint32_t o = PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK | (re->pref == RX_PREF_SHORTER ? PCRE2_DFA_SHORTEST : 0);
        int drc = pcre2_dfa_match(re->code, subj, len, so, o, re->dfa_md, dfa_context(c, len, so), c->ws, DFA_WS);
        if (drc >= 0) {
            PCRE2_SIZE want = pcre2_get_ovector_pointer(re->dfa_md)[1];
            if (want != eo) {
                /* Re-match from so, accepting only that end. */
                pcre2_set_callout(c->forced, force_end, &want);
                int frc = pcre2_match(re->code, subj, len, so, PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, re->md, c->forced);
                if (frc < 0) { /* cannot happen; keep PCRE2's own match */
                    frc = pcre2_match(re->code, subj, len, start, PCRE2_NO_UTF_CHECK, re->md, c->plain);
                    if (frc < 0) return match_error(frc, err);
                }
                ov = pcre2_get_ovector_pointer(re->md);
            }
        } else if (drc != PCRE2_ERROR_DFA_WSSIZE && drc != PCRE2_ERROR_DFA_UITEM && drc != PCRE2_ERROR_NOMATCH &&
                   drc != PCRE2_ERROR_DFA_RECURSE) {
            return match_error(drc, err);
        }
    }
    uint32_t npairs = pcre2_get_ovector_count(re->md);
    for (int k = 0; k < nmatch; k++) {
        if ((uint32_t)k < npairs && k <= re->ncap && ov[2 * k] != PCRE2_UNSET) {
            m[k].so = (int64_t)ov[2 * k];
            m[k].eo = (int64_t)ov[2 * k + 1];
        } else {
            m[k].so = m[k].eo = -1;
        }
    }
    return 1;
}
