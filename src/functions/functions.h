/*
 * functions.h — scalar functions: descriptors, the registry, and the
 * contract their vector kernels follow.
 *
 * A function is registered once per signature (name, argument types,
 * result type), like a pg_proc row. The binder picks a signature with
 * PostgreSQL's resolution rules (binder/bind_func.c) and the executor calls
 * its kernel over whole vectors.
 *
 * Kernel contract:
 *   - called with the rows to compute, sel[0..n) (never NULL), after the
 *     arguments were evaluated on those rows;
 *   - for FN_STRICT functions the executor has already removed rows with a
 *     NULL argument (their result is NULL) — the kernel never sees NULLs;
 *     non-strict kernels must check om_vec_is_null themselves;
 *   - writes out's value and null bit for every row in sel;
 *   - strings it makes go into fc->var (reset per batch by the caller);
 *   - returns 0, or -1 with fc->err set (PostgreSQL's SQLSTATE and words).
 */
#ifndef OM_FUNCTIONS_H
#define OM_FUNCTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "../common/err.h"
#include "../common/interrupt.h"
#include "../common/mem.h"
#include "../common/vector.h"
#include "../types/types.h"

#define FN_MAX_ARGS 7

/* Argument type wildcards beyond OmTypeId, for polymorphic signatures. */
#define FN_ANY ((int)OM_T__COUNT + 1)     /* any type; result FN_ANY = same as arg 0 */
/* PostgreSQL's anycompatiblearray / anycompatible: all such arguments share
 * one element type, the common type of their (element) types. */
#define FN_ANYARRAY ((int)OM_T__COUNT + 3)
#define FN_ANYELEM ((int)OM_T__COUNT + 4)

enum {
    FN_STRICT = 1,    /* NULL in any argument → NULL result, kernel not called */
    FN_VOLATILE = 2,  /* not constant-foldable (random(), clock_timestamp()) */
    FN_VARIADIC = 4,  /* last argument type repeats: nargs is the minimum */
    FN_KEEP_UNKNOWN = 8 /* FN_ANY arguments keep the unknown type (pg_typeof('x') is unknown) */
};

typedef struct FnCall {
    MemCtx *var;            /* result strings */
    OmError *err;
    int nargs;
    const OmType *arg_types;
    OmType ret_type;
    void *state;            /* per-call-site state a kernel may keep (in the plan's context) */
    MemCtx *state_ctx;      /* where to allocate it */
    const void *bind_data;  /* what the binder resolved for this call (nextval: the sequence) */
    struct StorEnv *env;    /* the database (sequence functions) */
    struct FnSeqSession *seqs; /* the session's currval/lastval state */
} FnCall;

/* A session's sequence state: currval per sequence and lastval (PostgreSQL
 * keeps these per backend). Lives in the session's memory. */
typedef struct FnSeqSession {
    MemCtx *ctx;
    int n, cap;
    uint32_t *oids;
    int64_t *values;
    bool has_last;
    uint32_t last_oid;
    int64_t last_value;
} FnSeqSession;

typedef int (*FnKernel)(FnCall *fc, const OmVector *const *args, OmVector *out, const uint16_t *sel, int n);

typedef struct FnDesc {
    const char *name;       /* lower case, as the parser delivers it */
    int nargs;
    int args[FN_MAX_ARGS];  /* OmTypeId or FN_ANY */
    int ret;                /* OmTypeId or FN_ANY */
    unsigned flags;
    FnKernel kernel;
    /* A set-returning function's signature as the binder sees it (kernel
     * NULL, ret = its first output column): the registry makes one per
     * FnSrfDesc (fn_srf.h). */
    const struct FnSrfDesc *srf;
} FnDesc;

/* All registered signatures of a function name (NULL, *n = 0 if none). */
const FnDesc *const *fn_lookup(const char *name, int *n);

/* The registry is built from per-file tables on first use; each function
 * file exports one table through a declaration in fn_tables.h. */
typedef struct FnTable {
    const FnDesc *descs;
    int n;
} FnTable;

#endif
