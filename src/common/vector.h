/*
 * vector.h — the executor's unit of data: a batch of up to OM_BATCH_SIZE rows
 * held as typed column arrays (vectors), each with a null bitmap, plus an
 * optional selection vector naming the live rows.
 *
 * Only the physical layout lives here (storage fills batches; executor and
 * wire read them). Logical SQL types (OIDs, typmods, I/O) are in types/.
 *
 * Memory: a vector's data and null bitmap have room for OM_BATCH_SIZE rows
 * and belong to the context the batch was created in. Variable-length values
 * (OmStr) point into the batch's var_ctx, which is reset whenever the batch is
 * refilled: copy a string before keeping it past the next refill.
 */
#ifndef OM_VECTOR_H
#define OM_VECTOR_H

#include <stdbool.h>
#include <stdint.h>
#include "mem.h"

#define OM_BATCH_SIZE 2048

typedef enum {
    OM_PHYS_BOOL = 0, /* uint8_t, 0 or 1 */
    OM_PHYS_I16,      /* int16_t */
    OM_PHYS_I32,      /* int32_t */
    OM_PHYS_I64,      /* int64_t */
    OM_PHYS_F32,      /* float */
    OM_PHYS_F64,      /* double */
    OM_PHYS_STR,      /* OmStr: text, varchar, bpchar, numeric-as-text */
    OM_PHYS_INTERVAL  /* OmInterval (types/datetime.h) */
} OmPhysType;

/* PostgreSQL's interval: months, days and microseconds kept apart. */
typedef struct OmInterval {
    int64_t usec;
    int32_t days;
    int32_t months;
} OmInterval;

/* interval_cmp_value: the span with 30-day months and 24-hour days, as a
 * 128-bit number of microseconds (PostgreSQL orders and equates by it). */
static inline __int128 om_interval_span(OmInterval v)
{
    return (__int128)v.usec + ((__int128)v.days + (__int128)v.months * 30) * (__int128)86400000000LL;
}
static inline int om_interval_cmp(OmInterval a, OmInterval b)
{
    __int128 x = om_interval_span(a), y = om_interval_span(b);
    return (x > y) - (x < y);
}

typedef struct OmStr {
    const char *ptr; /* not NUL-terminated in general */
    uint32_t len;
} OmStr;

typedef struct OmVector {
    OmPhysType phys;
    void *data;      /* OM_BATCH_SIZE elements of the physical type */
    uint64_t *nulls; /* bitmap, bit set = NULL; OM_BATCH_SIZE bits */
} OmVector;

typedef struct OmBatch {
    int ncols;
    OmVector *cols;
    int count;       /* physical rows filled, 0..OM_BATCH_SIZE */
    uint16_t *sel;   /* live rows when has_sel; else rows 0..count-1 */
    int nsel;
    bool has_sel;
    OmStr *keys;     /* storage row keys (encoded primary key) per physical row, or NULL */
    MemCtx *var_ctx; /* strings and keys of the current contents */
} OmBatch;

size_t om_phys_size(OmPhysType t);

/* Allocate a batch with ncols vectors of the given physical types in ctx.
 * want_keys: also allocate the keys array. var_ctx is a child of ctx. */
OmBatch *om_batch_create(MemCtx *ctx, int ncols, const OmPhysType *types, bool want_keys);
/* Empty the batch for refilling: count = 0, no selection, nulls cleared,
 * var_ctx reset. */
void om_batch_clear(OmBatch *b);
/* Number of live rows. */
static inline int om_batch_live(const OmBatch *b) { return b->has_sel ? b->nsel : b->count; }
/* Physical index of the i-th live row. */
static inline int om_batch_row(const OmBatch *b, int i) { return b->has_sel ? b->sel[i] : i; }

static inline bool om_vec_is_null(const OmVector *v, int row)
{
    return (v->nulls[row >> 6] >> (row & 63)) & 1u;
}
static inline void om_vec_set_null(OmVector *v, int row, bool is_null)
{
    uint64_t bit = (uint64_t)1 << (row & 63);
    if (is_null) v->nulls[row >> 6] |= bit;
    else v->nulls[row >> 6] &= ~bit;
}
void om_vec_clear_nulls(OmVector *v);

#endif
