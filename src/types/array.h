/*
 * array.h — arrays of the scalar types: the stored form, reading it,
 * building it, and its text I/O (array_in / array_out).
 *
 * Stored form (an OmStr of OM_PHYS_STR, little-endian, unaligned):
 *   uint8  ndim            0 for an empty array, else 1..OM_ARR_MAXDIM
 *   uint8  flags           bit 0: some element is NULL
 *   ndim × (int32 dim, int32 lbound)
 *   [ceil(nitems/8) bytes] null bitmap (bit set = NULL), when flag 0
 *   elements, in row-major order:
 *     fixed-width physical types: nitems × width (a NULL slot is zeroes)
 *     OM_PHYS_STR: per element uint32 length + bytes (a NULL is length 0)
 * The element type is not stored: it is the array type's (type_array_elem).
 * A NULL slot is all zeroes, so two arrays with the same elements and
 * shape are the same bytes when their element type's equality is bytewise.
 *
 * Values are produced only by this file's builders, so readers trust the
 * layout (arr_check validates bytes from outside: binary input, fuzzing).
 */
#ifndef OM_ARRAY_H
#define OM_ARRAY_H

#include "types.h"

#define OM_ARR_MAXDIM 6
/* PostgreSQL's MaxArraySize: MaxAllocSize / sizeof(Datum). */
#define OM_ARR_MAXITEMS ((int64_t)0x3fffffff / 8)

typedef struct OmArr {
    OmTypeId elem;
    OmPhysType phys;
    int width;                 /* element bytes; 0 for OM_PHYS_STR */
    int ndim;
    int dims[OM_ARR_MAXDIM];
    int lbs[OM_ARR_MAXDIM];
    int nitems;
    const uint8_t *nulls;      /* NULL when no element is NULL */
    const uint8_t *data;       /* first element */
    const uint8_t *end;
} OmArr;

/* Decode the header of a stored array of array type t (trusted bytes). */
void arr_view(OmTypeId t, OmStr s, OmArr *a);
/* Validate untrusted bytes as an array of type t: 0, or -1 (22P03). */
int arr_check(OmTypeId t, OmStr s, OmError *err);

static inline bool arr_elem_null(const OmArr *a, int i)
{
    return a->nulls && ((a->nulls[i >> 3] >> (i & 7)) & 1);
}

/* Sequential access to the elements (strings need a walk). */
typedef struct ArrIter {
    const OmArr *a;
    int i;
    const uint8_t *p;
} ArrIter;

void arr_iter_init(ArrIter *it, const OmArr *a);
/* Store the next element into v[row] (value and null bit; strings point
 * into the array's bytes). false when there is none left. */
bool arr_iter_next(ArrIter *it, OmVector *v, int row);

/* A one-row vector for one element or scalar value. */
typedef struct OmSlot {
    union {
        uint8_t b;
        int16_t i16;
        int32_t i32;
        int64_t i64;
        float f32;
        double f64;
        OmStr s;
        OmInterval iv;
    } val;
    uint64_t nullw;
    OmVector v;
} OmSlot;

static inline void om_slot_init(OmSlot *s, OmPhysType p)
{
    s->nullw = 0;
    s->v.phys = p;
    s->v.data = &s->val;
    s->v.nulls = &s->nullw;
}

/* Building an array: add elements in row-major order, then finish with
 * the shape (ndim 1 with dims = {count}, lbound 1 for a plain list). */
typedef struct ArrBuild {
    OmTypeId elem;
    OmPhysType phys;
    int width;
    OmBuf data;
    OmBuf nulls;
    int n;
    bool has_null;
} ArrBuild;

void arr_build_init(ArrBuild *b, OmTypeId elem, MemCtx *ctx);
void arr_build_add(ArrBuild *b, const OmVector *v, int row);
void arr_build_add_null(ArrBuild *b);
/* The stored array; ndim 0 (or n == 0) gives the empty array. */
OmStr arr_build_finish(ArrBuild *b, int ndim, const int *dims, const int *lbs, MemCtx *ctx);
/* A one-dimensional array of what was added, lower bound 1. */
OmStr arr_build_list(ArrBuild *b, MemCtx *ctx);

/* array_in: the text form '{1,2}' / '[0:1]={1,2}' of array type t, whose
 * element typmod is typmod. PostgreSQL's errors (22P02 malformed array
 * literal with its DETAIL, 54000 too many dimensions, the element type's
 * input errors). */
int arr_in(OmType t, const char *s, size_t len, OmStr *out, MemCtx *ctx, OmError *err);
/* array_out. */
void arr_out(OmTypeId t, OmStr s, OmBuf *out);

/* Writing an array's elements in row-major order with brackets (array_out,
 * to_json): how many sub-arrays end just before element i > 0 — close that
 * many, write the separator, open as many again. */
static inline int arr_closed_before(const OmArr *a, int i)
{
    int closed = 0;
    int64_t stride = 1;
    for (int d = a->ndim - 1; d >= 1; d--) {
        stride *= a->dims[d];
        if (i % stride != 0) break;
        closed++;
    }
    return closed;
}

/* Number of elements of a shape, or -1 when it exceeds the maximum array size. */
int64_t arr_nitems(int ndim, const int *dims);

#endif
