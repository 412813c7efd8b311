/*
 * fn_regex_sets.c — the regular-expression functions that return arrays or
 * sets: regexp_match and regexp_split_to_array (text[] values built from
 * the lists rx_match_list / rx_split_list find) and
 * the set-returning regexp_matches and regexp_split_to_table
 * (fn_srf_regex_table, fn_srf.h's contract).
 *
 * As PostgreSQL's setup_regexp_matches does, every match of a call is found
 * up front; the set functions then hand the rows out piece by piece.
 */
#include <string.h>

#include "../types/array.h"
#include "fn_tables.h"
#include "fn_srf.h"
#include "regex.h"

/* A list of strings as a one-dimensional text[] value in ctx. */
static OmStr text_array(MemCtx *ctx, const RxStrList *list)
{
    ArrBuild b;
    arr_build_init(&b, OM_T_TEXT, ctx);
    OmSlot e;
    om_slot_init(&e, OM_PHYS_STR);
    for (int i = 0; i < list->n; i++) {
        if (list->nulls && list->nulls[i]) {
            arr_build_add_null(&b);
            continue;
        }
        e.val.s = list->items[i];
        arr_build_add(&b, &e.v, 0);
    }
    return arr_build_list(&b, ctx);
}

/* All matches (byte offsets): npat pairs per match, plus the string's end. */
typedef struct Matches {
    int nmatch;
    int npat;     /* subexpressions kept per match (1: the whole match) */
    RxMatch *loc; /* nmatch * npat */
} Matches;

/* setup_regexp_matches: use_sub keeps the subexpressions (when the pattern
 * has any); degenerate = split mode, ignoring empty matches at the string's
 * start or end and right after the previous match. */
static int find_matches(MemCtx *ctx, OmStr s, OmStr pat, const RxFlags *fl, bool use_sub, bool split, Matches *out,
                        OmError *err)
{
    RxRegex *re;
    if (rx_compile(pat.ptr, pat.len, fl->cflags, &re, err) < 0) return -1;
    int nsub = rx_nsub(re);
    out->npat = use_sub && nsub > 0 ? nsub : 1;
    int off = use_sub && nsub > 0 ? 1 : 0;
    int cap = 8;
    out->loc = mem_alloc(ctx, sizeof(RxMatch) * (size_t)cap * (size_t)out->npat);
    out->nmatch = 0;
    RxMatch *m = mem_alloc(ctx, sizeof(RxMatch) * (size_t)(nsub + 1));
    int64_t pos = 0, prev_end = 0;
    while (pos <= (int64_t)s.len) {
        int r = rx_search(re, s.ptr, s.len, (size_t)pos, nsub + 1, m, err);
        if (r < 0) return -1;
        if (!r) break;
        if (!split || (m[0].so < (int64_t)s.len && m[0].eo > prev_end)) {
            if (out->nmatch == cap) {
                size_t old = sizeof(RxMatch) * (size_t)cap * (size_t)out->npat;
                cap *= 2;
                out->loc = mem_realloc(ctx, out->loc, old, old * 2);
            }
            memcpy(&out->loc[(size_t)out->nmatch * (size_t)out->npat], &m[off], sizeof(RxMatch) * (size_t)out->npat);
            out->nmatch++;
        }
        prev_end = m[0].eo;
        if (!fl->glob) break;
        pos = m[0].eo;
        if (m[0].so == m[0].eo) pos += m[0].eo < (int64_t)s.len ? fn_utf8_len((unsigned char)s.ptr[m[0].eo]) : 1;
    }
    return 0;
}

static int parse_flags(const OmStr *flags, RxFlags *fl, OmError *err)
{
    return rx_parse_flags(flags ? flags->ptr : NULL, flags ? flags->len : 0, fl, err);
}

/* The strings of match k. */
static void match_strings(MemCtx *ctx, OmStr s, const Matches *ms, int k, RxStrList *out)
{
    out->n = ms->npat;
    out->items = mem_alloc(ctx, sizeof(OmStr) * (size_t)ms->npat);
    out->nulls = mem_alloc(ctx, sizeof(bool) * (size_t)ms->npat);
    for (int j = 0; j < ms->npat; j++) {
        const RxMatch *m = &ms->loc[(size_t)k * (size_t)ms->npat + (size_t)j];
        out->nulls[j] = m->so < 0;
        out->items[j].ptr = m->so < 0 ? "" : s.ptr + m->so;
        out->items[j].len = m->so < 0 ? 0 : (uint32_t)(m->eo - m->so);
    }
}

int rx_match_list(MemCtx *ctx, OmStr src, OmStr pat, const OmStr *flags, RxStrList *out, bool *found, OmError *err)
{
    RxFlags fl;
    if (parse_flags(flags, &fl, err) < 0) return -1;
    if (fl.glob) {
        err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s does not support the \"global\" option", "regexp_match()");
        err_hint(err, "Use the regexp_matches function instead.");
        return -1;
    }
    Matches ms;
    if (find_matches(ctx, src, pat, &fl, true, false, &ms, err) < 0) return -1;
    *found = ms.nmatch > 0;
    if (*found) match_strings(ctx, src, &ms, 0, out);
    else memset(out, 0, sizeof *out);
    return 0;
}

int rx_matches_lists(MemCtx *ctx, OmStr src, OmStr pat, const OmStr *flags, RxStrList **out, int *nmatch,
                     OmError *err)
{
    RxFlags fl;
    if (parse_flags(flags, &fl, err) < 0) return -1;
    Matches ms;
    if (find_matches(ctx, src, pat, &fl, true, false, &ms, err) < 0) return -1;
    *nmatch = ms.nmatch;
    *out = mem_alloc(ctx, sizeof(RxStrList) * (size_t)(ms.nmatch + 1));
    for (int k = 0; k < ms.nmatch; k++) match_strings(ctx, src, &ms, k, &(*out)[k]);
    return 0;
}

int rx_split_list(MemCtx *ctx, OmStr src, OmStr pat, const OmStr *flags, const char *fname, RxStrList *out,
                  OmError *err)
{
    RxFlags fl;
    if (parse_flags(flags, &fl, err) < 0) return -1;
    if (fl.glob)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s does not support the \"global\" option", fname);
    fl.glob = true; /* but every match splits */
    Matches ms;
    if (find_matches(ctx, src, pat, &fl, false, true, &ms, err) < 0) return -1;
    out->n = ms.nmatch + 1;
    out->items = mem_alloc(ctx, sizeof(OmStr) * (size_t)out->n);
    out->nulls = mem_zalloc(ctx, sizeof(bool) * (size_t)out->n);
    int64_t from = 0;
    for (int k = 0; k <= ms.nmatch; k++) {
        int64_t to = k < ms.nmatch ? ms.loc[k].so : (int64_t)src.len;
        out->items[k].ptr = src.ptr + from;
        out->items[k].len = (uint32_t)(to - from);
        if (k < ms.nmatch) from = ms.loc[k].eo;
    }
    return 0;
}

/* ---- set-returning forms ---------------------------------------------------- */

typedef struct SetState {
    RxStrList *lists; /* regexp_matches: one list per row */
    RxStrList split;  /* regexp_split_to_table: one row per item */
    int n, next;
} SetState;

/* The source string copied into the state's context (the input batch may
 * not outlive the set). */
static OmStr arg_copy(FnCall *fc, const OmVector *v, int row)
{
    OmStr s = ((const OmStr *)v->data)[row];
    char *p = mem_alloc(fc->state_ctx, s.len + 1);
    memcpy(p, s.ptr, s.len);
    return (OmStr){p, s.len};
}

static int matches_open(FnCall *fc, const OmVector *const *args, int row, void **state)
{
    SetState *st = mem_new(fc->state_ctx, SetState);
    OmStr src = arg_copy(fc, args[0], row), pat = ((const OmStr *)args[1]->data)[row];
    const OmStr *fl = fc->nargs > 2 ? &((const OmStr *)args[2]->data)[row] : NULL;
    if (rx_matches_lists(fc->state_ctx, src, pat, fl, &st->lists, &st->n, fc->err) < 0) return -1;
    *state = st;
    return 0;
}

static int matches_next(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced)
{
    SetState *st = state;
    int k = 0;
    for (; k < max && st->next < st->n; k++, st->next++) {
        ((OmStr *)outs[0]->data)[k] = text_array(fc->var, &st->lists[st->next]);
        om_vec_set_null(outs[0], k, false);
    }
    *produced = k;
    return 0;
}

static int split_open(FnCall *fc, const OmVector *const *args, int row, void **state)
{
    SetState *st = mem_new(fc->state_ctx, SetState);
    OmStr src = arg_copy(fc, args[0], row), pat = ((const OmStr *)args[1]->data)[row];
    const OmStr *fl = fc->nargs > 2 ? &((const OmStr *)args[2]->data)[row] : NULL;
    if (rx_split_list(fc->state_ctx, src, pat, fl, "regexp_split_to_table()", &st->split, fc->err) < 0) return -1;
    st->n = st->split.n;
    *state = st;
    return 0;
}

static int split_next(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced)
{
    SetState *st = state;
    int k = 0;
    for (; k < max && st->next < st->n; k++, st->next++)
        fn_set_str(outs[0], k, st->split.items[st->next].ptr, st->split.items[st->next].len);
    *produced = k;
    return 0;
}

/* regexp_match(src, pat [, flags]) → text[] (NULL without a match). */
static int fn_regexp_match(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n)
{
    SEL_LOOP {
        OmStr src = ((const OmStr *)args[0]->data)[i], pat = ((const OmStr *)args[1]->data)[i];
        const OmStr *fl = fc->nargs > 2 ? &((const OmStr *)args[2]->data)[i] : NULL;
        RxStrList list;
        bool found;
        if (rx_match_list(fc->var, src, pat, fl, &list, &found, fc->err) < 0) return -1;
        om_vec_set_null(out, i, !found);
        if (found) ((OmStr *)out->data)[i] = text_array(fc->var, &list);
    }
    return 0;
}

/* regexp_split_to_array(src, pat [, flags]) → text[]. */
static int fn_regexp_split_to_array(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel,
                                    int n)
{
    SEL_LOOP {
        OmStr src = ((const OmStr *)args[0]->data)[i], pat = ((const OmStr *)args[1]->data)[i];
        const OmStr *fl = fc->nargs > 2 ? &((const OmStr *)args[2]->data)[i] : NULL;
        RxStrList list;
        if (rx_split_list(fc->var, src, pat, fl, "regexp_split_to_array()", &list, fc->err) < 0) return -1;
        om_vec_set_null(out, i, false);
        ((OmStr *)out->data)[i] = text_array(fc->var, &list);
    }
    return 0;
}

#define T OM_T_TEXT

static const FnDesc descs[] = {
    {"regexp_match", 2, {T, T}, OM_T_ARR_TEXT, FN_STRICT, fn_regexp_match},
    {"regexp_match", 3, {T, T, T}, OM_T_ARR_TEXT, FN_STRICT, fn_regexp_match},
    {"regexp_split_to_array", 2, {T, T}, OM_T_ARR_TEXT, FN_STRICT, fn_regexp_split_to_array},
    {"regexp_split_to_array", 3, {T, T, T}, OM_T_ARR_TEXT, FN_STRICT, fn_regexp_split_to_array},
};

const FnTable fn_regex_sets_table = {descs, sizeof descs / sizeof descs[0]};

static const FnSrfDesc srf_descs[] = {
    {"regexp_matches", 2, {T, T}, 1, {OM_T_ARR_TEXT}, {NULL}, FN_STRICT, matches_open, matches_next},
    {"regexp_matches", 3, {T, T, T}, 1, {OM_T_ARR_TEXT}, {NULL}, FN_STRICT, matches_open, matches_next},
    {"regexp_split_to_table", 2, {T, T}, 1, {T}, {NULL}, FN_STRICT, split_open, split_next},
    {"regexp_split_to_table", 3, {T, T, T}, 1, {T}, {NULL}, FN_STRICT, split_open, split_next},
};

const FnSrfTable fn_srf_regex_table = {srf_descs, sizeof srf_descs / sizeof srf_descs[0]};
