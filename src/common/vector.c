/*
 * vector.c — batch and vector allocation.
 */
#include "vector.h"

#include <string.h>

size_t om_phys_size(OmPhysType t)
{
    switch (t) {
    case OM_PHYS_BOOL: return 1;
    case OM_PHYS_I16: return 2;
    case OM_PHYS_I32: return 4;
    case OM_PHYS_I64: return 8;
    case OM_PHYS_F32: return 4;
    case OM_PHYS_F64: return 8;
    case OM_PHYS_STR: return sizeof(OmStr);
    case OM_PHYS_INTERVAL: return sizeof(OmInterval);
    }
    return 8;
}

#define NULL_WORDS (OM_BATCH_SIZE / 64)

OmBatch *om_batch_create(MemCtx *ctx, int ncols, const OmPhysType *types, bool want_keys)
{
    OmBatch *b = mem_new(ctx, OmBatch);
    b->ncols = ncols;
    b->cols = mem_new_array(ctx, OmVector, ncols > 0 ? ncols : 1);
    for (int i = 0; i < ncols; i++) {
        b->cols[i].phys = types[i];
        b->cols[i].data = mem_zalloc(ctx, om_phys_size(types[i]) * OM_BATCH_SIZE);
        b->cols[i].nulls = mem_new_array(ctx, uint64_t, NULL_WORDS);
    }
    b->sel = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
    if (want_keys) b->keys = mem_new_array(ctx, OmStr, OM_BATCH_SIZE);
    b->var_ctx = mem_ctx_create(ctx, "batch-var");
    return b;
}

void om_vec_clear_nulls(OmVector *v)
{
    memset(v->nulls, 0, sizeof(uint64_t) * NULL_WORDS);
}

void om_batch_clear(OmBatch *b)
{
    b->count = 0;
    b->nsel = 0;
    b->has_sel = false;
    for (int i = 0; i < b->ncols; i++) om_vec_clear_nulls(&b->cols[i]);
    mem_ctx_reset(b->var_ctx);
}
