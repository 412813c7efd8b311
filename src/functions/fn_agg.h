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
 *                                    spilled aggregation)
 *   final(call, state, out, row)     the result into row `row` of out
 * Variable-size parts of a state (strings, big numerics) are allocated in
 * call->ctx, which lives as long as the states.
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
    OmType arg_type;
    OmType ret_type;
} FnAggCall;

typedef struct FnAggDesc {
    const char *name;
    int arg;                /* OmTypeId of the argument; -1 any (min/max, count) */
    int ret;                /* OmTypeId of the result; -1 the argument's type */
    size_t state_size;
    bool strict;            /* NULL inputs do not reach update */
    void (*init)(void *state);
    int (*update)(FnAggCall *c, uint8_t *states, const uint32_t *gids, const OmVector *const *args,
                  const uint16_t *sel, int n);
    int (*combine)(FnAggCall *c, void *dst, const void *src);
    int (*final)(FnAggCall *c, const void *state, OmVector *out, int row);
} FnAggDesc;

/* Is name an aggregate OmenDB knows (any signature)? */
bool fn_agg_exists(const char *name);
/* The aggregate name(arg type), or NULL. count(*) is name "count" with
 * star. For an argument type without a direct signature the caller may
 * retry with the type it coerces to (fn_agg_arg_type). */
const FnAggDesc *fn_agg_lookup(const char *name, OmTypeId arg, bool star);
/* The argument type name(x) coerces x of type arg to (varchar → text,
 * int2 → int4 for sum ...), or arg itself; -1 when no signature fits. */
int fn_agg_arg_type(const char *name, OmTypeId arg);

#endif
