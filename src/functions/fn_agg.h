/*
 * fn_agg.h — aggregate functions, beside the scalar ones (functions.h).
 *
 * An aggregate keeps one fixed-size state per group. The executor owns the
 * states (an array per aggregate, state_size bytes each) and calls:
 *   init(state)                      a new group
 *   update(call, states, gids, args, sel, n)
 *                                    fold rows sel[0..n) of the argument
 *                                    vectors into states + gids[k] * size
 *                                    (NULL inputs are skipped for strict
 *                                    aggregates before the call)
 *   combine(call, dst, src)          merge two partial states (parallel and
 *                                    spilled aggregation; NULL where none is
 *                                    written yet: nothing calls it today)
 *   final(call, state, out, row)     the result into row `row` of out
 * Variable-size parts of a state (strings, big numerics) are allocated in
 * call->ctx, which lives as long as the states. update copies what it keeps
 * of its arguments: the vectors (for ORDER BY, the sorted rows) may be gone
 * after the call.
 */
#ifndef OM_FN_AGG_H
#define OM_FN_AGG_H

#include "../common/err.h"
#include "../common/mem.h"
#include "../common/vector.h"
#include "../types/types.h"

typedef struct FnAggCall {
    MemCtx *ctx;
    OmError *err;
    OmType arg_type;        /* the first argument's (or key's) type */
    OmType ret_type;
    /* Every evaluated expression (arguments, then ORDER BY keys) and, for
     * ordered-set aggregates, the keys' directions. */
    int nargs;
    const OmType *arg_types;
    int nkeys;
    const bool *key_desc, *key_nulls_first;
} FnAggCall;

/* An ordered-set aggregate's input for one group: its rows sorted by the
 * WITHIN GROUP keys (rows with a NULL key already left out unless the
 * aggregate is hypothetical). get() gives key k of sorted row i as a
 * vector and a row of it, valid until the query ends. */
typedef struct FnAggSorted {
    int64_t n;
    const void *priv;
    void (*get)(const struct FnAggSorted *s, int64_t i, int k, const OmVector **v, int *row);
} FnAggSorted;

typedef enum {
    FN_AGG_PLAIN = 0,       /* state + update; may take ORDER BY (fed in order) */
    FN_AGG_ORDERED,         /* WITHIN GROUP: ordered_final over the sorted rows */
    FN_AGG_HYPOTHETICAL     /* rank(args) WITHIN GROUP (ORDER BY keys) */
} FnAggKind;

#define FN_AGG_MAX_ARGS 2
#define FN_AGG_NO_DIRECT (-2)   /* direct: mode() has no direct argument */
#define FN_AGG_RET_ARRAY (-2)   /* ret: an array of the first argument's (key's) type */

typedef struct FnAggDesc {
    const char *name;
    int arg;                /* OmTypeId of the argument; -1 any (min/max, count) */
    int ret;                /* OmTypeId of the result; -1 the argument's type; FN_AGG_RET_ARRAY */
    size_t state_size;
    bool strict;            /* NULL inputs do not reach update */
    void (*init)(void *state);
    int (*update)(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                  const uint16_t *sel, int n);
    int (*combine)(FnAggCall *c, void *dst, const void *src);
    int (*final)(FnAggCall *c, const void *state, OmVector *out, int row);
    /* Beyond the one-argument aggregates (these fields zero there): */
    FnAggKind kind;
    int nargs;              /* arguments (0: one, `arg`); ordered-set: keys (0: any number) */
    int args[FN_AGG_MAX_ARGS]; /* their OmTypeIds (-1: any; functions.h's FN_ANYELEM / FN_ANYARRAY) */
    int direct;             /* ordered-set: the direct argument's type, or FN_AGG_NO_DIRECT */
    /* Ordered-set result for one group: direct holds the direct arguments
     * (one-row vectors), rows the group's sorted input. */
    int (*ordered_final)(FnAggCall *c, const FnAggSorted *rows, const OmVector *const *direct, OmVector *out,
                         int row);
} FnAggDesc;

/* The aggregate tables of the other files (fn_agg_collect.c, fn_agg_stats.c,
 * fn_agg_ordered.c); their signatures are chosen by the binder with the
 * scalar functions' rules (fn_agg_candidates). */
extern const FnAggDesc fn_agg_collect_descs[], fn_agg_stats_descs[], fn_agg_ordered_descs[];
extern const int fn_agg_collect_n, fn_agg_stats_n, fn_agg_ordered_n;
/* The signatures of name in those tables (*n of them; none: NULL). */
const FnAggDesc *const *fn_agg_candidates(const char *name, int *n);

/* Is name one of this file's one-argument aggregates (count ... every)? */
bool fn_agg_classic(const char *name);
/* Is name an aggregate OmenDB knows (any signature)? */
bool fn_agg_exists(const char *name);
/* The aggregate name(arg type), or NULL. count(*) is name "count" with
 * star. For an argument type without a direct signature the caller may
 * retry with the type it coerces to (fn_agg_arg_type). */
const FnAggDesc *fn_agg_lookup(const char *name, OmTypeId arg, bool star);
/* The argument type name(x) coerces x of type arg to (varchar → text,
 * int2 → int4 for sum ...), or arg itself; -1 when no signature fits. */
int fn_agg_arg_type(const char *name, OmTypeId arg);

/* Canonical numeric text as coef / 10^scale when it has at most maxdigits
 * significant digits (sums keep headroom in 128 bits); false otherwise or
 * for NaN / Infinity. Shared by the sum and variance states. */
bool fn_num_small(OmStr v, int maxdigits, __int128 *coef, int32_t *scale);
/* Append coef / 10^scale as canonical numeric text. */
void fn_num_render(OmBuf *b, __int128 coef, int scale);

#endif
