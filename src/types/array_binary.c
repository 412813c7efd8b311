/*
 * array_binary.c — array_send / array_recv: PostgreSQL's binary form of an
 * array (int32 ndim, int32 flags (1 = has NULLs), uint32 element type OID,
 * ndim × (int32 dim, int32 lbound), then per element an int32 length (-1 =
 * NULL) and the element's own binary form), with array_recv's checks.
 *
 * Interface routines: ty_array_send, ty_array_recv (binary_int.h).
 */
#include <string.h>

#include "array.h"
#include "binary_int.h"

void ty_array_send(OmType t, OmStr s, OmBuf *out)
{
    OmArr a;
    arr_view(t.id, s, &a);
    buf_append_be32(out, (uint32_t)a.ndim);
    buf_append_be32(out, a.nulls ? 1u : 0u);
    buf_append_be32(out, type_oid(a.elem));
    for (int d = 0; d < a.ndim; d++) {
        buf_append_be32(out, (uint32_t)a.dims[d]);
        buf_append_be32(out, (uint32_t)a.lbs[d]);
    }
    OmType et = {a.elem, t.typmod};
    OmSlot e;
    om_slot_init(&e, a.phys);
    ArrIter it;
    arr_iter_init(&it, &a);
    while (arr_iter_next(&it, &e.v, 0)) {
        if (om_vec_is_null(&e.v, 0)) {
            buf_append_be32(out, 0xFFFFFFFFu);
            continue;
        }
        size_t at = out->len;
        buf_append_be32(out, 0);
        type_send(et, &e.v, 0, out);
        uint32_t n = (uint32_t)(out->len - at - 4);
        unsigned char be[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8),
                               (unsigned char)n};
        memcpy(out->data + at, be, 4);
    }
}

static int rd_i32(TyRd *r, int32_t *v, OmError *err)
{
    uint64_t u;
    if (ty_rd_uint(r, 4, &u, err) < 0) return -1;
    *v = (int32_t)(uint32_t)u;
    return 0;
}

int ty_array_recv(OmType t, TyRd *r, OmStr *out, MemCtx *ctx, OmError *err)
{
    int32_t ndim, flags, elemoid;
    if (rd_i32(r, &ndim, err) < 0) return -1;
    if (ndim < 0) return err_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION, "invalid number of dimensions: %d", ndim);
    if (ndim > OM_ARR_MAXDIM)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                       "number of array dimensions (%d) exceeds the maximum allowed (%d)", ndim, OM_ARR_MAXDIM);
    if (rd_i32(r, &flags, err) < 0) return -1;
    if (flags != 0 && flags != 1) return err_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION, "invalid array flags");
    if (rd_i32(r, &elemoid, err) < 0) return -1;
    OmTypeId elem = (OmTypeId)type_array_elem(t.id);
    if ((uint32_t)elemoid != type_oid(elem)) {
        int got = type_from_oid((uint32_t)elemoid);
        return err_set(err, ERRCODE_DATATYPE_MISMATCH,
                       "binary data has array element type %u (%s) instead of expected %u (%s)", (uint32_t)elemoid,
                       got >= 0 ? type_name_be((OmTypeId)got) : "???", type_oid(elem), type_name_be(elem));
    }
    int dims[OM_ARR_MAXDIM], lbs[OM_ARR_MAXDIM];
    for (int d = 0; d < ndim; d++) {
        if (rd_i32(r, &dims[d], err) < 0 || rd_i32(r, &lbs[d], err) < 0) return -1;
    }
    int64_t nitems = 1;
    for (int d = 0; d < ndim; d++) {
        if (dims[d] < 0)
            return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                           (int)OM_ARR_MAXITEMS);
        nitems *= dims[d];
        if (nitems > OM_ARR_MAXITEMS)
            return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "array size exceeds the maximum allowed (%d)",
                           (int)OM_ARR_MAXITEMS);
    }
    for (int d = 0; d < ndim; d++)
        if ((int64_t)lbs[d] + dims[d] > INT32_MAX)
            return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "array lower bound is too large: %d", lbs[d]);
    if (ndim == 0) nitems = 0;
    ArrBuild b;
    arr_build_init(&b, elem, ctx);
    OmType et = {elem, t.typmod};
    OmSlot e;
    om_slot_init(&e, type_phys(elem));
    for (int64_t i = 0; i < nitems; i++) {
        int32_t len;
        if (rd_i32(r, &len, err) < 0) return -1;
        if (len == -1) {
            arr_build_add_null(&b);
            continue;
        }
        if (len < -1 || (size_t)len > r->len - r->pos)
            return err_set(err, ERRCODE_PROTOCOL_VIOLATION, "insufficient data left in message");
        OmError sub = {0};
        if (type_recv(et, (const char *)r->p + r->pos, (size_t)len, &e.v, 0, ctx, &sub) < 0) {
            if (!strcmp(sub.message, "incorrect binary data format"))
                return err_set(err, ERRCODE_INVALID_BINARY_REPRESENTATION, "improper binary format in array element %d",
                               (int)i + 1);
            *err = sub;
            return -1;
        }
        r->pos += (size_t)len;
        arr_build_add(&b, &e.v, 0);
    }
    *out = arr_build_finish(&b, nitems ? ndim : 0, dims, lbs, ctx);
    return 0;
}
