/*
 * exec_numeric.c — the numeric arithmetic kernels: + - * / % and unary minus
 * over vectors of numeric values (canonical decimal texts).
 *
 * exec_expr.c's operator dispatch calls these when the operator's type is
 * numeric; the arithmetic itself is types/numeric_arith.c (PostgreSQL's
 * scales, rounding, NaN and infinities). A kernel writes all of its results
 * into one buffer in the expression's string context, so a batch costs the
 * result strings and nothing per row; 128-bit coefficients need no other
 * allocation.
 *
 * Interface routines (exec_int.h): exec_numeric_arith, exec_numeric_neg.
 */
#include "../types/numeric_arith.h"
#include "exec_int.h"

#define ROW(k) (sel ? sel[k] : (k))

static OmNumBinOp binop_of(BoundOp op)
{
    switch (op) {
    case BOP_ADD: return OM_NUM_ADD;
    case BOP_SUB: return OM_NUM_SUB;
    case BOP_MUL: return OM_NUM_MUL;
    case BOP_DIV: return OM_NUM_DIV;
    default: return OM_NUM_MOD;
    }
}

/* Results are laid out in one buffer that may move while it grows; rows
 * first record their offset, then pointers are fixed at the end. */
static void fix_pointers(OmVector *o, const OmBuf *b, const uint16_t *sel, int n)
{
    OmStr *r = o->data;
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        if (!om_vec_is_null(o, i)) r[i].ptr = b->data + (uintptr_t)r[i].ptr;
    }
}

int exec_numeric_arith(BoundOp op, const OmVector *a, const OmVector *b, OmVector *o, const uint16_t *sel, int n,
                       MemCtx *var, OmError *err)
{
    const OmStr *x = a->data, *y = b->data;
    OmStr *r = o->data;
    OmNumBinOp nop = binop_of(op);
    OmBuf buf;
    buf_init(&buf, var, (size_t)n * 24 + 64);
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        bool isnull = om_vec_is_null(a, i) || om_vec_is_null(b, i);
        om_vec_set_null(o, i, isnull);
        if (isnull) continue;
        size_t off = buf.len;
        if (type_numeric_binop(nop, x[i], y[i], &buf, err) < 0) {
            /* Leave no half-built vector: rows already done hold offsets. */
            for (int j = 0; j <= k; j++) om_vec_set_null(o, ROW(j), true);
            return -1;
        }
        r[i].ptr = (const char *)(uintptr_t)off;
        r[i].len = (uint32_t)(buf.len - off);
    }
    fix_pointers(o, &buf, sel, n);
    return 0;
}

int exec_numeric_neg(const OmVector *a, OmVector *o, const uint16_t *sel, int n, MemCtx *var, OmError *err)
{
    const OmStr *x = a->data;
    OmStr *r = o->data;
    OmBuf buf;
    buf_init(&buf, var, (size_t)n * 4 + 64);
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        bool isnull = om_vec_is_null(a, i);
        om_vec_set_null(o, i, isnull);
        if (isnull) continue;
        OmStr s = x[i];
        if (s.len && s.ptr[0] == '-') {
            /* -x of a negative value is its text without the sign. */
            size_t off = buf.len;
            buf_append(&buf, s.ptr + 1, s.len - 1);
            r[i].ptr = (const char *)(uintptr_t)off;
            r[i].len = s.len - 1;
            continue;
        }
        /* Otherwise prefix a sign, except to zero (never -0) and NaN. */
        bool nonzero = s.len && s.ptr[0] != 'N';
        if (nonzero && s.ptr[0] != 'I') {
            nonzero = false;
            for (uint32_t j = 0; j < s.len && !nonzero; j++) nonzero = s.ptr[j] >= '1' && s.ptr[j] <= '9';
        }
        size_t off = buf.len;
        if (nonzero) buf_append(&buf, "-", 1);
        buf_append(&buf, s.ptr, s.len);
        r[i].ptr = (const char *)(uintptr_t)off;
        r[i].len = (uint32_t)(buf.len - off);
    }
    fix_pointers(o, &buf, sel, n);
    return 0;
}
