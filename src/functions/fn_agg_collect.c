/*
 * fn_agg_collect.c — aggregates that collect their input, and the bitwise
 * folds, with PostgreSQL 15's signatures:
 *   string_agg(text, text) → text, string_agg(bytea, bytea) → bytea
 *   array_agg(anynonarray) → anyarray, array_agg(anyarray) → anyarray
 *     (one dimension more)
 *   bit_and / bit_or / bit_xor(int2 | int4 | int8) → the same type
 *
 * string_agg and array_agg are not strict, as there: string_agg skips a NULL
 * value itself and a NULL delimiter adds nothing; array_agg keeps NULL
 * elements, and its array form fails on a NULL (22004), an empty first
 * array (2202E) and arrays of another shape (2202E). The order of the
 * elements is the order update sees the rows in: with ORDER BY inside the
 * call, the executor's (exec_agg_sorted.c). Their states grow in call->ctx,
 * which the executor counts against work_mem; string_agg also stops at
 * PostgreSQL's 1 GB string limit (54000).
 *
 * The collecting states have no combine (NULL): their partial states could
 * only be merged in input order, which nothing here needs yet.
 */
#include <string.h>

#include "../types/array.h"
#include "fn_agg.h"
#include "functions.h"

#define STATE(T) T *s = (T *)(states + (size_t)gids[k] * sizeof(T))
#define ROWK (sel ? sel[k] : k)

/* ---- string_agg ---------------------------------------------------------------------- */

typedef struct StrAgg {
    bool has;
    uint32_t cursor; /* the first value's delimiter is not part of the result */
    uint32_t len, cap;
    char *data;
} StrAgg;

static void init_stragg(void *st) { memset(st, 0, sizeof(StrAgg)); }

#define STR_MAX ((size_t)0x3fffffff) /* PostgreSQL's MaxAllocSize - 1 */

static int str_append(FnAggCall *c, StrAgg *s, OmStr v)
{
    if (v.len == 0) return 0;
    size_t need = (size_t)s->len + v.len;
    if (need >= STR_MAX) {
        err_set(c->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "out of memory");
        err_detail(c->err, "Cannot enlarge string buffer containing %u bytes by %u more bytes.", s->len, v.len);
        return -1;
    }
    if (need > s->cap) {
        size_t nc = s->cap ? (size_t)s->cap * 2 : 64;
        while (nc < need) nc *= 2;
        if (nc > STR_MAX) nc = STR_MAX;
        s->data = mem_realloc(c->ctx, s->data, s->cap, nc);
        s->cap = (uint32_t)nc;
    }
    memcpy(s->data + s->len, v.ptr, v.len);
    s->len += v.len;
    return 0;
}

static int stragg_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    const OmVector *val = args[0], *delim = args[1];
    for (int k = 0; k < n; k++) {
        STATE(StrAgg);
        int r = ROWK;
        if (om_vec_is_null(val, r)) continue;
        bool first = !s->has;
        s->has = true;
        if (!om_vec_is_null(delim, r)) {
            OmStr d = ((const OmStr *)delim->data)[r];
            if (str_append(c, s, d) < 0) return -1;
            if (first) s->cursor = d.len;
        }
        if (str_append(c, s, ((const OmStr *)val->data)[r]) < 0) return -1;
    }
    return 0;
}

static int stragg_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const StrAgg *s = st;
    om_vec_set_null(out, row, !s->has);
    if (s->has) ((OmStr *)out->data)[row] = (OmStr){s->data ? s->data + s->cursor : "", s->len - s->cursor};
    return 0;
}

/* ---- array_agg(anynonarray) ----------------------------------------------------------- */

typedef struct ArrAgg {
    bool has;
    ArrBuild b;
} ArrAgg;

static void init_arragg(void *st) { memset(st, 0, sizeof(ArrAgg)); }

static int arragg_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    const OmVector *v = args[0];
    for (int k = 0; k < n; k++) {
        STATE(ArrAgg);
        if (!s->has) {
            arr_build_init(&s->b, c->arg_type.id, c->ctx);
            s->has = true;
        }
        if (s->b.n >= OM_ARR_MAXITEMS)
            return err_set(c->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                           "array size exceeds the maximum allowed (%d)", (int)OM_ARR_MAXITEMS);
        arr_build_add(&s->b, v, ROWK);
    }
    return 0;
}

static int arragg_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const ArrAgg *s = st;
    om_vec_set_null(out, row, !s->has);
    if (s->has) {
        ArrBuild b = s->b;
        ((OmStr *)out->data)[row] = arr_build_list(&b, c->ctx);
    }
    return 0;
}

/* ---- array_agg(anyarray) -------------------------------------------------------------- */

typedef struct ArrArrAgg {
    bool has;
    int ndim;                      /* of the inputs */
    int dims[OM_ARR_MAXDIM], lbs[OM_ARR_MAXDIM];
    int count;
    ArrBuild b;
} ArrArrAgg;

static void init_arrarragg(void *st) { memset(st, 0, sizeof(ArrArrAgg)); }

static int arrarragg_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                            const uint16_t *sel, int n)
{
    const OmVector *v = args[0];
    OmTypeId at = c->arg_type.id;
    OmTypeId et = (OmTypeId)type_array_elem(at);
    for (int k = 0; k < n; k++) {
        STATE(ArrArrAgg);
        int r = ROWK;
        if (om_vec_is_null(v, r)) return err_set(c->err, ERRCODE_NULL_VALUE_NOT_ALLOWED, "cannot accumulate null arrays");
        OmArr a;
        arr_view(at, ((const OmStr *)v->data)[r], &a);
        if (!s->has) {
            if (a.ndim == 0) return err_set(c->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "cannot accumulate empty arrays");
            if (a.ndim + 1 > OM_ARR_MAXDIM)
                return err_set(c->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                               "number of array dimensions (%d) exceeds the maximum allowed (%d)", a.ndim + 1,
                               OM_ARR_MAXDIM);
            s->has = true;
            s->ndim = a.ndim;
            memcpy(s->dims, a.dims, sizeof(int) * (size_t)a.ndim);
            memcpy(s->lbs, a.lbs, sizeof(int) * (size_t)a.ndim);
            arr_build_init(&s->b, et, c->ctx);
        } else {
            bool same = a.ndim == s->ndim;
            for (int d = 0; same && d < a.ndim; d++) same = a.dims[d] == s->dims[d] && a.lbs[d] == s->lbs[d];
            if (!same)
                return err_set(c->err, ERRCODE_ARRAY_SUBSCRIPT_ERROR, "cannot accumulate arrays of different dimensionality");
        }
        if ((int64_t)s->b.n + a.nitems > OM_ARR_MAXITEMS || s->count == INT32_MAX)
            return err_set(c->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                           (int)OM_ARR_MAXITEMS);
        ArrIter it;
        arr_iter_init(&it, &a);
        OmSlot slot;
        om_slot_init(&slot, a.phys);
        while (arr_iter_next(&it, &slot.v, 0)) arr_build_add(&s->b, &slot.v, 0);
        s->count++;
    }
    return 0;
}

static int arrarragg_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const ArrArrAgg *s = st;
    om_vec_set_null(out, row, !s->has);
    if (!s->has) return 0;
    int dims[OM_ARR_MAXDIM], lbs[OM_ARR_MAXDIM];
    dims[0] = s->count;
    lbs[0] = 1;
    for (int d = 0; d < s->ndim; d++) {
        dims[d + 1] = s->dims[d];
        lbs[d + 1] = s->lbs[d];
    }
    ArrBuild b = s->b;
    ((OmStr *)out->data)[row] = arr_build_finish(&b, s->ndim + 1, dims, lbs, c->ctx);
    return 0;
}

/* ---- bit_and / bit_or / bit_xor -------------------------------------------------------- */

typedef struct BitAgg {
    bool has;
    int64_t v;
} BitAgg;

static void init_bitagg(void *st) { memset(st, 0, sizeof(BitAgg)); }

static int64_t int_at(const OmVector *v, int r)
{
    switch (v->phys) {
    case OM_PHYS_I16: return ((const int16_t *)v->data)[r];
    case OM_PHYS_I32: return ((const int32_t *)v->data)[r];
    default: return ((const int64_t *)v->data)[r];
    }
}

static void bit_fold(BitAgg *s, int64_t x, char op)
{
    if (!s->has) s->v = x;
    else if (op == '&') s->v &= x;
    else if (op == '|') s->v |= x;
    else s->v ^= x;
    s->has = true;
}

static int bit_update(uint8_t *states, const uint32_t *gids, const OmVector *const *args, const uint16_t *sel, int n,
                      char op)
{
    for (int k = 0; k < n; k++) {
        STATE(BitAgg);
        bit_fold(s, int_at(args[0], ROWK), op);
    }
    return 0;
}

static int bitand_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    return bit_update(states, gids, args, sel, n, '&');
}

static int bitor_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                        const uint16_t *sel, int n)
{
    return bit_update(states, gids, args, sel, n, '|');
}

static int bitxor_update(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                         const uint16_t *sel, int n)
{
    return bit_update(states, gids, args, sel, n, '^');
}

static int bitand_combine(FnAggCall *c, void *dst, const void *src)
{
    const BitAgg *s = src;
    if (s->has) bit_fold(dst, s->v, '&');
    return 0;
}

static int bitor_combine(FnAggCall *c, void *dst, const void *src)
{
    const BitAgg *s = src;
    if (s->has) bit_fold(dst, s->v, '|');
    return 0;
}

static int bitxor_combine(FnAggCall *c, void *dst, const void *src)
{
    const BitAgg *s = src;
    if (s->has) bit_fold(dst, s->v, '^');
    return 0;
}

static int bit_final(FnAggCall *c, const void *st, OmVector *out, int row)
{
    const BitAgg *s = st;
    om_vec_set_null(out, row, !s->has);
    if (!s->has) return 0;
    switch (out->phys) {
    case OM_PHYS_I16: ((int16_t *)out->data)[row] = (int16_t)s->v; break;
    case OM_PHYS_I32: ((int32_t *)out->data)[row] = (int32_t)s->v; break;
    default: ((int64_t *)out->data)[row] = s->v; break;
    }
    return 0;
}

/* ---- the table ------------------------------------------------------------------------- */

#define BIT(name, t, upd, comb) \
    {name, t, t, sizeof(BitAgg), true, init_bitagg, upd, comb, bit_final, FN_AGG_PLAIN, 1, {t}}

const FnAggDesc fn_agg_collect_descs[] = {
    {"string_agg", OM_T_TEXT, OM_T_TEXT, sizeof(StrAgg), false, init_stragg, stragg_update, NULL, stragg_final,
     FN_AGG_PLAIN, 2, {OM_T_TEXT, OM_T_TEXT}},
    {"string_agg", OM_T_BYTEA, OM_T_BYTEA, sizeof(StrAgg), false, init_stragg, stragg_update, NULL, stragg_final,
     FN_AGG_PLAIN, 2, {OM_T_BYTEA, OM_T_BYTEA}},
    {"array_agg", -1, FN_AGG_RET_ARRAY, sizeof(ArrAgg), false, init_arragg, arragg_update, NULL, arragg_final,
     FN_AGG_PLAIN, 1, {FN_ANYELEM}},
    {"array_agg", -1, -1, sizeof(ArrArrAgg), false, init_arrarragg, arrarragg_update, NULL, arrarragg_final,
     FN_AGG_PLAIN, 1, {FN_ANYARRAY}},
    BIT("bit_and", OM_T_INT2, bitand_update, bitand_combine),
    BIT("bit_and", OM_T_INT4, bitand_update, bitand_combine),
    BIT("bit_and", OM_T_INT8, bitand_update, bitand_combine),
    BIT("bit_or", OM_T_INT2, bitor_update, bitor_combine),
    BIT("bit_or", OM_T_INT4, bitor_update, bitor_combine),
    BIT("bit_or", OM_T_INT8, bitor_update, bitor_combine),
    BIT("bit_xor", OM_T_INT2, bitxor_update, bitxor_combine),
    BIT("bit_xor", OM_T_INT4, bitxor_update, bitxor_combine),
    BIT("bit_xor", OM_T_INT8, bitxor_update, bitxor_combine),
};
const int fn_agg_collect_n = (int)(sizeof fn_agg_collect_descs / sizeof fn_agg_collect_descs[0]);
