/*
 * fn_srf.h — set-returning functions (generate_series, unnest,
 * jsonb_array_elements, regexp_matches …): descriptors and the iterator
 * contract the executor drives.
 *
 * A call produces, for ONE set of argument values (one input row), any
 * number of output rows, in pieces: open() sees the arguments, next() fills
 * up to max rows of the output vectors from position 0 and says how many;
 * 0 means the set is exhausted. The state lives in fc->state_ctx (reset by
 * the executor between input rows), result strings in fc->var (which the
 * executor resets only after it consumed a piece).
 *
 * Like scalar functions, FN_STRICT SRFs are not opened for a NULL argument
 * (the set is empty). The registry gives each one an FnDesc (kernel NULL,
 * .srf pointing here) so the binder resolves them with the same rules.
 */
#ifndef OM_FN_SRF_H
#define OM_FN_SRF_H

#include "functions.h"

#define FN_SRF_MAX_OUT 4

typedef struct FnSrfDesc {
    const char *name;
    int nargs;
    int args[FN_MAX_ARGS];          /* OmTypeId or FN_ANY */
    int nout;                       /* output columns: 1 for a scalar set */
    int out[FN_SRF_MAX_OUT];        /* OmTypeId, or FN_ANYELEM (the anycompatible type of the arguments) */
    const char *out_names[FN_SRF_MAX_OUT]; /* column names when nout > 1 ("key", "value"); NULL: the function's name */
    unsigned flags;                 /* FN_STRICT, FN_VOLATILE, FN_VARIADIC */
    /* args[i] is the value of argument i at row `row` of the vectors. */
    int (*open)(FnCall *fc, const OmVector *const *args, int row, void **state);
    /* Fill outs[c] rows 0..*produced-1 (values and null bits), *produced <= max. */
    int (*next)(FnCall *fc, void *state, OmVector *const *outs, int max, int *produced);
} FnSrfDesc;

/* Each file with set-returning functions exports one table. */
typedef struct FnSrfTable {
    const FnSrfDesc *descs;
    int n;
} FnSrfTable;

extern const FnSrfTable fn_srf_table;       /* fn_srf.c: generate_series, unnest */
extern const FnSrfTable fn_srf_regex_table; /* fn_regex_sets.c: regexp_matches, regexp_split_to_table */
extern const FnSrfTable fn_srf_sequence_table; /* fn_sequence.c: a sequence's state row (FROM seq) */
extern const FnSrfTable fn_srf_json_table;  /* fn_json_srf.c: json[b]_array_elements[_text], _each[_text], _object_keys */

#endif
