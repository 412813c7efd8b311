/*
 * array_cast.c — casts to, from and between array types: PostgreSQL's
 * array coercion (each element through the element cast, in the same
 * context) and the I/O conversions with the string types.
 *
 * Interface routines: arr_can_coerce, arr_cast_vec (types_int.h).
 */
#include <string.h>

#include "array.h"
#include "types_int.h"

bool arr_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled)
{
    bool fa = type_is_array(from), ta = type_is_array(to);
    *handled = fa || ta;
    if (!*handled) return false;
    if (from == to) return true;
    if (from == OM_T_NULL || from == OM_T_UNKNOWN) return true;
    if (fa && ta) return type_can_coerce((OmTypeId)type_array_elem(from), (OmTypeId)type_array_elem(to), cc);
    /* find_coercion_pathway's CoerceViaIO. */
    if (ta) return type_is_string(from) && cc >= OM_COERCE_EXPLICIT;
    return type_is_string(to) && cc >= OM_COERCE_ASSIGNMENT;
}

/* One array → an array of another element type (or typmod). */
static int cast_one(OmType from, OmType to, OmCoerceCtx cc, OmStr in, OmStr *out, MemCtx *ctx, OmError *err)
{
    OmArr a;
    arr_view(from.id, in, &a);
    OmType fe = {a.elem, from.typmod}, te = {(OmTypeId)type_array_elem(to.id), to.typmod};
    ArrBuild b;
    arr_build_init(&b, te.id, ctx);
    OmSlot src, dst;
    om_slot_init(&src, a.phys);
    om_slot_init(&dst, type_phys(te.id));
    ArrIter it;
    arr_iter_init(&it, &a);
    while (arr_iter_next(&it, &src.v, 0)) {
        if (om_vec_is_null(&src.v, 0)) {
            arr_build_add_null(&b);
            continue;
        }
        if (type_cast_vec(fe, te, cc, &src.v, &dst.v, NULL, 1, ctx, err) < 0) return -1;
        arr_build_add(&b, &dst.v, 0);
    }
    *out = arr_build_finish(&b, a.ndim, a.dims, a.lbs, ctx);
    return 0;
}

int arr_cast_vec(OmType from, OmType to, OmCoerceCtx cc, const OmVector *in, OmVector *out, const uint16_t *sel,
                 int n, MemCtx *ctx, OmError *err)
{
    bool fa = type_is_array(from.id), ta = type_is_array(to.id);
    OmBuf text;
    buf_init(&text, ctx, 64);
    for (int k = 0; k < n; k++) {
        int i = sel ? sel[k] : k;
        bool null = om_vec_is_null(in, i);
        om_vec_set_null(out, i, null);
        if (null) continue;
        OmStr s = ((const OmStr *)in->data)[i];
        if (fa && ta) {
            if (cast_one(from, to, cc, s, &((OmStr *)out->data)[i], ctx, err) < 0) return -1;
        } else if (ta) {
            /* string → array: array_in, with bpchar's blanks gone as text. */
            if (arr_in(to, s.ptr, s.len, &((OmStr *)out->data)[i], ctx, err) < 0) return -1;
        } else {
            /* array → string: array_out, then the string type's length rules. */
            buf_init(&text, ctx, 64);
            arr_out(from.id, s, &text);
            OmSlot t;
            om_slot_init(&t, OM_PHYS_STR);
            t.val.s.ptr = text.data;
            t.val.s.len = (uint32_t)text.len;
            OmSlot r;
            om_slot_init(&r, OM_PHYS_STR);
            if (type_cast_vec(om_type(OM_T_TEXT), to, cc, &t.v, &r.v, NULL, 1, ctx, err) < 0) return -1;
            ((OmStr *)out->data)[i] = r.val.s;
        }
    }
    return 0;
}
