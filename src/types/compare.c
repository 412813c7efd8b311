/*
 * compare.c — PostgreSQL's ordering of values of one type (the btree
 * comparison functions): what ORDER BY, comparison operators, array
 * functions and = ANY use.
 *
 * Interface routines: type_compare.
 */
#include <math.h>
#include <string.h>

#include "array.h"
#include "datetime.h"
#include "json.h"
#include "numeric_arith.h"
#include "types_int.h"

static inline int cmp_f64(double a, double b)
{
    /* PostgreSQL: NaN equals NaN and sorts above every other value. */
    if (isnan(a)) return isnan(b) ? 0 : 1;
    if (isnan(b)) return -1;
    return (a > b) - (a < b);
}

static inline int cmp_bytes(OmStr a, OmStr b)
{
    uint32_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
    if (c) return c < 0 ? -1 : 1;
    return (a.len > b.len) - (a.len < b.len);
}

static inline OmStr rtrim_spaces(OmStr s)
{
    while (s.len && s.ptr[s.len - 1] == ' ') s.len--;
    return s;
}

/* array_cmp: element by element (NULL above every value), then the number
 * of elements, the number of dimensions, the dimensions and the lower
 * bounds. */
static int array_cmp(OmTypeId t, OmStr x, OmStr y)
{
    OmArr a, b;
    arr_view(t, x, &a);
    arr_view(t, y, &b);
    OmSlot sa, sb;
    om_slot_init(&sa, a.phys);
    om_slot_init(&sb, b.phys);
    ArrIter ia, ib;
    arr_iter_init(&ia, &a);
    arr_iter_init(&ib, &b);
    OmType et = om_type(a.elem);
    while (arr_iter_next(&ia, &sa.v, 0) && arr_iter_next(&ib, &sb.v, 0)) {
        bool na = om_vec_is_null(&sa.v, 0), nb = om_vec_is_null(&sb.v, 0);
        if (na || nb) {
            if (na && nb) continue;
            return na ? 1 : -1;
        }
        int c = type_compare(et, &sa.v, 0, &sb.v, 0);
        if (c) return c;
    }
    if (a.nitems != b.nitems) return a.nitems < b.nitems ? -1 : 1;
    if (a.ndim != b.ndim) return a.ndim < b.ndim ? -1 : 1;
    for (int d = 0; d < a.ndim; d++) {
        if (a.dims[d] != b.dims[d]) return a.dims[d] < b.dims[d] ? -1 : 1;
        if (a.lbs[d] != b.lbs[d]) return a.lbs[d] < b.lbs[d] ? -1 : 1;
    }
    return 0;
}

int type_compare(OmType t, const OmVector *a, int ra, const OmVector *b, int rb)
{
    switch (a->phys) {
    case OM_PHYS_BOOL: {
        int x = ((const uint8_t *)a->data)[ra], y = ((const uint8_t *)b->data)[rb];
        return (x > y) - (x < y);
    }
    case OM_PHYS_I16: {
        int16_t x = ((const int16_t *)a->data)[ra], y = ((const int16_t *)b->data)[rb];
        return (x > y) - (x < y);
    }
    case OM_PHYS_I32: {
        int32_t x = ((const int32_t *)a->data)[ra], y = ((const int32_t *)b->data)[rb];
        return (x > y) - (x < y);
    }
    case OM_PHYS_I64: {
        int64_t x = ((const int64_t *)a->data)[ra], y = ((const int64_t *)b->data)[rb];
        return (x > y) - (x < y);
    }
    case OM_PHYS_F32: return cmp_f64(((const float *)a->data)[ra], ((const float *)b->data)[rb]);
    case OM_PHYS_F64: return cmp_f64(((const double *)a->data)[ra], ((const double *)b->data)[rb]);
    case OM_PHYS_STR: {
        OmStr x = ((const OmStr *)a->data)[ra], y = ((const OmStr *)b->data)[rb];
        if (t.id == OM_T_BPCHAR) return cmp_bytes(rtrim_spaces(x), rtrim_spaces(y));
        if (t.id == OM_T_NUMERIC) return type_numeric_cmp(x, y);
        if (t.id == OM_T_JSONB) return jsonb_cmp(x, y);
        if (type_is_array(t.id)) return array_cmp(t.id, x, y);
        return cmp_bytes(x, y);
    }
    case OM_PHYS_INTERVAL:
        if (t.id == OM_T_TIMETZ) return dt_timetz_cmp(((const OmInterval *)a->data)[ra], ((const OmInterval *)b->data)[rb]);
        return om_interval_cmp(((const OmInterval *)a->data)[ra], ((const OmInterval *)b->data)[rb]);
    }
    return 0;
}
