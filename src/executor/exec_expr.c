/*
 * exec_expr.c — expression evaluation, one vector at a time.
 *
 * exec_expr_eval evaluates a bound expression over a selection of rows of
 * an input batch and leaves the result in the state's output vector at the
 * same physical row positions. Each operator kind is a kernel: one loop over
 * the selection per node, never a walk of the tree per row.
 *
 * AND / OR / CASE / COALESCE evaluate later arguments only on the rows still
 * undecided, so `x <> 0 AND 1/x > 0` or `CASE WHEN x = 0 THEN 0 ELSE 1/x END`
 * never divide by zero — as PostgreSQL behaves.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../functions/functions.h"
#include "../types/json.h"
#include "../types/numeric_arith.h"
#include "../types/datetime.h"
#include "exec_int.h"

#define ROW(k) (sel ? sel[k] : (k))

/* ---- state ----------------------------------------------------------------- */

static void alloc_vec(MemCtx *ctx, OmVector *v, OmPhysType p)
{
    v->phys = p;
    /* Kernels write every row they evaluate (value and null bit), so the
     * data needs no zeroing; only the bitmap starts clear. */
    v->data = mem_alloc(ctx, om_phys_size(p) * OM_BATCH_SIZE);
    v->nulls = mem_new_array(ctx, uint64_t, OM_BATCH_SIZE / 64);
}

ExprState *exec_expr_build(MemCtx *ctx, const BoundExpr *e, MemCtx *var, const ExecQuery *q)
{
    ExprState *st = mem_new(ctx, ExprState);
    st->e = e;
    st->var = var;
    st->sql = q ? q->sql : NULL;
    st->q = q;
    if (e->kind != BE_COLUMN) alloc_vec(ctx, &st->out, type_phys(e->type.id));
    if (e->nargs) {
        st->args = mem_new_array(ctx, ExprState *, e->nargs);
        for (int i = 0; i < e->nargs; i++)
            st->args[i] = e->args[i] ? exec_expr_build(ctx, e->args[i], var, q) : NULL;
    }
    if (e->kind == BE_FUNC) {
        FnCall *fc = mem_new(ctx, FnCall);
        OmType *ts = mem_new_array(ctx, OmType, e->nargs > 0 ? e->nargs : 1);
        for (int i = 0; i < e->nargs; i++) ts[i] = e->args[i]->type;
        fc->var = var;
        fc->nargs = e->nargs;
        fc->arg_types = ts;
        fc->ret_type = e->type;
        fc->state_ctx = ctx;
        fc->bind_data = e->fn_data;
        fc->env = q ? q->env : NULL;
        fc->seqs = q ? q->seqs : NULL;
        st->call = fc;
        st->argv = mem_new_array(ctx, const OmVector *, e->nargs > 0 ? e->nargs : 1);
    }
    if (e->kind == BE_OP && e->op >= BOP_LIKE && e->op <= BOP_NOT_ILIKE) st->like = exec_like_build(ctx, e);
    if (e->kind == BE_SUBQUERY) st->sub = exec_sub_build(ctx, e, var, q);
    if (e->kind == BE_AND || e->kind == BE_OR || e->kind == BE_CASE || e->kind == BE_COALESCE ||
        e->kind == BE_CAST || e->kind == BE_FUNC) {
        st->sel_a = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
        st->sel_b = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
        st->flags = mem_new_array(ctx, uint8_t, OM_BATCH_SIZE);
    }
    return st;
}

void exec_copy_value(const OmVector *src, int sr, OmVector *dst, int dr, MemCtx *ctx)
{
    bool isnull = om_vec_is_null(src, sr);
    om_vec_set_null(dst, dr, isnull);
    if (isnull) return;
    switch (src->phys) {
    case OM_PHYS_BOOL: ((uint8_t *)dst->data)[dr] = ((const uint8_t *)src->data)[sr]; break;
    case OM_PHYS_I16: ((int16_t *)dst->data)[dr] = ((const int16_t *)src->data)[sr]; break;
    case OM_PHYS_I32: ((int32_t *)dst->data)[dr] = ((const int32_t *)src->data)[sr]; break;
    case OM_PHYS_I64: ((int64_t *)dst->data)[dr] = ((const int64_t *)src->data)[sr]; break;
    case OM_PHYS_F32: ((float *)dst->data)[dr] = ((const float *)src->data)[sr]; break;
    case OM_PHYS_F64: ((double *)dst->data)[dr] = ((const double *)src->data)[sr]; break;
    case OM_PHYS_STR: {
        OmStr s = ((const OmStr *)src->data)[sr];
        if (ctx && s.len) s.ptr = mem_strndup(ctx, s.ptr, s.len);
        ((OmStr *)dst->data)[dr] = s;
        break;
    }
    case OM_PHYS_INTERVAL: ((OmInterval *)dst->data)[dr] = ((const OmInterval *)src->data)[sr]; break;
    }
}

/* ---- comparison ------------------------------------------------------------- */

int exec_compare_values(OmType t, const OmVector *a, int ra, const OmVector *b, int rb)
{
    return type_compare(t, a, ra, b, rb);
}


static void set_nulls_either(OmVector *o, const OmVector *a, const OmVector *b, const uint16_t *sel, int n)
{
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        om_vec_set_null(o, i, om_vec_is_null(a, i) || om_vec_is_null(b, i));
    }
}

#define CMP_LOOP(T, CMPEXPR)                                                     \
    do {                                                                         \
        const T *x = a->data, *y = b->data;                                      \
        for (int k = 0; k < n; k++) {                                            \
            int i = ROW(k);                                                      \
            if (om_vec_is_null(o, i)) continue; /* NULL slots hold no value */  \
            r[i] = exec_cmp_holds(op, (CMPEXPR));                                    \
        }                                                                        \
    } while (0)

static void kernel_compare(BoundOp op, OmType t, const OmVector *a, const OmVector *b, OmVector *o,
                           const uint16_t *sel, int n)
{
    uint8_t *r = o->data;
    set_nulls_either(o, a, b, sel, n);
    switch (a->phys) {
    case OM_PHYS_BOOL: CMP_LOOP(uint8_t, (x[i] > y[i]) - (x[i] < y[i])); break;
    case OM_PHYS_I16: CMP_LOOP(int16_t, (x[i] > y[i]) - (x[i] < y[i])); break;
    case OM_PHYS_I32: CMP_LOOP(int32_t, (x[i] > y[i]) - (x[i] < y[i])); break;
    case OM_PHYS_I64: CMP_LOOP(int64_t, (x[i] > y[i]) - (x[i] < y[i])); break;
    case OM_PHYS_F32:
    case OM_PHYS_F64:
    case OM_PHYS_INTERVAL:
    case OM_PHYS_STR:
        for (int k = 0; k < n; k++) {
            int i = ROW(k);
            if (om_vec_is_null(o, i)) continue;
            r[i] = exec_cmp_holds(op, exec_compare_values(t, a, i, b, i));
        }
        break;
    }
}

/* ---- arithmetic ---------------------------------------------------------------- */

static int int_range_error(OmError *err, OmTypeId t)
{
    return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "%s out of range",
                   t == OM_T_INT2 ? "smallint" : t == OM_T_INT4 ? "integer" : "bigint");
}

#define INT_ARITH(T, TYPEID, MINV)                                                        \
    do {                                                                                  \
        const T *x = a->data, *y = b->data;                                               \
        T *r = o->data;                                                                   \
        for (int k = 0; k < n; k++) {                                                     \
            int i = ROW(k);                                                               \
            if (om_vec_is_null(o, i)) continue;                                           \
            T xv = x[i], yv = y[i], rv;                                                   \
            bool ovf = false;                                                             \
            switch (op) {                                                                 \
            case BOP_ADD: ovf = __builtin_add_overflow(xv, yv, &rv); break;               \
            case BOP_SUB: ovf = __builtin_sub_overflow(xv, yv, &rv); break;               \
            case BOP_MUL: ovf = __builtin_mul_overflow(xv, yv, &rv); break;               \
            case BOP_DIV:                                                                 \
                if (yv == 0) return err_set(err, ERRCODE_DIVISION_BY_ZERO, "division by zero"); \
                if (yv == -1) {                                                           \
                    if (xv == (MINV)) return int_range_error(err, TYPEID);                \
                    rv = (T)-xv;                                                          \
                } else rv = (T)(xv / yv);                                                 \
                break;                                                                    \
            default: /* BOP_MOD */                                                        \
                if (yv == 0) return err_set(err, ERRCODE_DIVISION_BY_ZERO, "division by zero"); \
                rv = yv == -1 ? 0 : (T)(xv % yv);                                         \
                break;                                                                    \
            }                                                                             \
            if (ovf) return int_range_error(err, TYPEID);                                 \
            r[i] = rv;                                                                    \
        }                                                                                 \
    } while (0)

static int float_check(OmError *err, double r, double x, double y, bool zero_ok)
{
    if (isinf(r) && !isinf(x) && !isinf(y))
        return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    if (r == 0.0 && !zero_ok)
        return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
    return 0;
}

#define FLOAT_ARITH(T)                                                                    \
    do {                                                                                  \
        const T *x = a->data, *y = b->data;                                               \
        T *r = o->data;                                                                   \
        for (int k = 0; k < n; k++) {                                                     \
            int i = ROW(k);                                                               \
            if (om_vec_is_null(o, i)) continue;                                           \
            T xv = x[i], yv = y[i], rv;                                                   \
            bool zero_ok = true;                                                          \
            switch (op) {                                                                 \
            case BOP_ADD: rv = xv + yv; break;                                            \
            case BOP_SUB: rv = xv - yv; break;                                            \
            case BOP_MUL: rv = xv * yv; zero_ok = xv == 0 || yv == 0; break;              \
            default:                                                                      \
                if (yv == 0 && !isnan(xv))                                                \
                    return err_set(err, ERRCODE_DIVISION_BY_ZERO, "division by zero");    \
                rv = xv / yv;                                                             \
                zero_ok = xv == 0 || isinf(yv);                                           \
                break;                                                                    \
            }                                                                             \
            if (float_check(err, rv, xv, yv, zero_ok) < 0) return -1;                     \
            r[i] = rv;                                                                    \
        }                                                                                 \
    } while (0)

static int kernel_arith(BoundOp op, const OmVector *a, const OmVector *b, OmVector *o, const uint16_t *sel,
                        int n, OmError *err)
{
    set_nulls_either(o, a, b, sel, n);
    switch (a->phys) {
    case OM_PHYS_I16: INT_ARITH(int16_t, OM_T_INT2, INT16_MIN); break;
    case OM_PHYS_I32: INT_ARITH(int32_t, OM_T_INT4, INT32_MIN); break;
    case OM_PHYS_I64: INT_ARITH(int64_t, OM_T_INT8, INT64_MIN); break;
    case OM_PHYS_F32: FLOAT_ARITH(float); break;
    case OM_PHYS_F64: FLOAT_ARITH(double); break;
    default: return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "arithmetic on this type is not supported yet");
    }
    return 0;
}

static int kernel_neg(const OmVector *a, OmVector *o, OmTypeId t, const uint16_t *sel, int n, OmError *err)
{
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        bool isnull = om_vec_is_null(a, i);
        om_vec_set_null(o, i, isnull);
        if (isnull) continue;
        switch (a->phys) {
        case OM_PHYS_I16: {
            int16_t v = ((int16_t *)a->data)[i];
            if (v == INT16_MIN) return int_range_error(err, t);
            ((int16_t *)o->data)[i] = (int16_t)-v;
            break;
        }
        case OM_PHYS_I32: {
            int32_t v = ((int32_t *)a->data)[i];
            if (v == INT32_MIN) return int_range_error(err, t);
            ((int32_t *)o->data)[i] = -v;
            break;
        }
        case OM_PHYS_I64: {
            int64_t v = ((int64_t *)a->data)[i];
            if (v == INT64_MIN) return int_range_error(err, t);
            ((int64_t *)o->data)[i] = -v;
            break;
        }
        case OM_PHYS_F32: ((float *)o->data)[i] = -((float *)a->data)[i]; break;
        case OM_PHYS_F64: ((double *)o->data)[i] = -((double *)a->data)[i]; break;
        default: return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "negation of this type is not supported yet");
        }
    }
    return 0;
}

/* ---- strings ------------------------------------------------------------------ */

static void kernel_concat(const OmVector *a, const OmVector *b, OmVector *o, const uint16_t *sel, int n,
                          MemCtx *var)
{
    set_nulls_either(o, a, b, sel, n);
    const OmStr *x = a->data, *y = b->data;
    OmStr *r = o->data;
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        if (om_vec_is_null(o, i)) continue;
        char *p = mem_alloc(var, x[i].len + y[i].len + 1);
        if (x[i].len) memcpy(p, x[i].ptr, x[i].len);
        if (y[i].len) memcpy(p + x[i].len, y[i].ptr, y[i].len);
        r[i].ptr = p;
        r[i].len = x[i].len + y[i].len;
    }
}

/* ---- conditional -------------------------------------------------------------- */

static void copy_rows(const OmVector *src, OmVector *dst, const uint16_t *sel, int n)
{
    for (int k = 0; k < n; k++) exec_copy_value(src, sel[k], dst, sel[k], NULL);
}

static void set_null_rows(OmVector *v, const uint16_t *sel, int n)
{
    for (int k = 0; k < n; k++) om_vec_set_null(v, sel[k], true);
}

/* Materialise the selection as an explicit array (so it can be narrowed). */
static int sel_to_array(const uint16_t *sel, int n, uint16_t *dst)
{
    for (int k = 0; k < n; k++) dst[k] = (uint16_t)ROW(k);
    return n;
}

static int eval_and_or(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    bool is_and = st->e->kind == BE_AND;
    OmVector *o = &st->out;
    uint8_t *r = o->data;
    /* Undecided rows start as the identity (true for AND, false for OR). */
    int m = sel_to_array(sel, n, st->sel_a);
    for (int k = 0; k < m; k++) {
        r[st->sel_a[k]] = is_and;
        st->flags[st->sel_a[k]] = 0; /* saw a NULL */
    }
    for (int a = 0; a < st->e->nargs && (m > 0 || st->e->eager); a++) {
        ExprState *as = st->args[a];
        if (exec_expr_eval(as, in, st->e->eager ? (sel ? sel : NULL) : st->sel_a, st->e->eager ? n : m, err) < 0)
            return -1;
        int keep = 0;
        for (int k = 0; k < m; k++) {
            int i = st->sel_a[k];
            if (om_vec_is_null(&as->out, i)) {
                st->flags[i] = 1;
                st->sel_b[keep++] = (uint16_t)i;
                continue;
            }
            bool v = ((uint8_t *)as->out.data)[i];
            if (v != is_and) {
                r[i] = !is_and; /* decided: false for AND, true for OR */
                st->flags[i] = 0;
                om_vec_set_null(o, i, false);
                continue;
            }
            st->sel_b[keep++] = (uint16_t)i;
        }
        uint16_t *t = st->sel_a;
        st->sel_a = st->sel_b;
        st->sel_b = t;
        m = keep;
    }
    /* Rows left undecided: NULL if any argument was NULL. */
    for (int k = 0; k < m; k++) {
        int i = st->sel_a[k];
        om_vec_set_null(o, i, st->flags[i]);
    }
    return 0;
}

static int eval_case(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    const BoundExpr *e = st->e;
    int nw = (e->nargs - (e->has_else ? 1 : 0)) / 2;
    int m = sel_to_array(sel, n, st->sel_a);
    for (int w = 0; w < nw && m > 0; w++) {
        ExprState *cs = st->args[2 * w], *rs = st->args[2 * w + 1];
        if (exec_expr_eval(cs, in, st->sel_a, m, err) < 0) return -1;
        int nt = 0, nr = 0;
        /* sel_b gets the matching rows; the rest compact into sel_a. */
        for (int k = 0; k < m; k++) {
            int i = st->sel_a[k];
            if (!om_vec_is_null(&cs->out, i) && ((uint8_t *)cs->out.data)[i]) st->sel_b[nt++] = (uint16_t)i;
            else st->sel_a[nr++] = (uint16_t)i;
        }
        if (nt) {
            if (exec_expr_eval(rs, in, st->sel_b, nt, err) < 0) return -1;
            copy_rows(&rs->out, &st->out, st->sel_b, nt);
        }
        m = nr;
    }
    if (m > 0) {
        if (e->has_else) {
            ExprState *es = st->args[e->nargs - 1];
            if (exec_expr_eval(es, in, st->sel_a, m, err) < 0) return -1;
            copy_rows(&es->out, &st->out, st->sel_a, m);
        } else {
            set_null_rows(&st->out, st->sel_a, m);
        }
    }
    return 0;
}

static int eval_coalesce(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    int m = sel_to_array(sel, n, st->sel_a);
    for (int a = 0; a < st->e->nargs && m > 0; a++) {
        ExprState *as = st->args[a];
        if (exec_expr_eval(as, in, st->sel_a, m, err) < 0) return -1;
        int left = 0;
        for (int k = 0; k < m; k++) {
            int i = st->sel_a[k];
            if (om_vec_is_null(&as->out, i)) st->sel_a[left++] = (uint16_t)i;
            else exec_copy_value(&as->out, i, &st->out, i, NULL);
        }
        m = left;
    }
    set_null_rows(&st->out, st->sel_a, m);
    return 0;
}

/* ---- GREATEST / LEAST -------------------------------------------------------------- */

/* NULL arguments are ignored; the result is NULL only if all are NULL. */
static int eval_minmax(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    const BoundExpr *e = st->e;
    for (int a = 0; a < e->nargs; a++)
        if (exec_expr_eval(st->args[a], in, sel, n, err) < 0) return -1;
    bool greatest = e->op == BOP_GT;
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        int best = -1;
        for (int a = 0; a < e->nargs; a++) {
            const OmVector *v = &st->args[a]->out;
            if (om_vec_is_null(v, i)) continue;
            if (best < 0) {
                best = a;
                continue;
            }
            int c = exec_compare_values(e->arg_type, v, i, &st->args[best]->out, i);
            if (greatest ? c > 0 : c < 0) best = a;
        }
        if (best < 0) om_vec_set_null(&st->out, i, true);
        else exec_copy_value(&st->args[best]->out, i, &st->out, i, NULL);
    }
    return 0;
}

/* ---- functions ----------------------------------------------------------------- */

#define FUNC_SLICE 128 /* rows per kernel call between interrupt checks */

static int eval_func(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    const BoundExpr *e = st->e;
    const FnDesc *fn = e->fn;
    for (int a = 0; a < e->nargs; a++) {
        if (exec_expr_eval(st->args[a], in, sel, n, err) < 0) return -1;
        st->argv[a] = &st->args[a]->out;
    }
    /* Strict functions: rows with a NULL argument are NULL without calling
     * the kernel, which then only sees the rest. */
    int m = 0;
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        bool null_arg = false;
        if (fn->flags & FN_STRICT)
            for (int a = 0; a < e->nargs && !null_arg; a++) null_arg = om_vec_is_null(st->argv[a], i);
        if (null_arg) om_vec_set_null(&st->out, i, true);
        else st->sel_a[m++] = (uint16_t)i;
    }
    if (m == 0) return 0;
    st->call->err = err;
    /* The kernel sees the rows in slices with an interrupt check between
     * them: one call over 2048 rows of an expensive function (md5 of a long
     * text) could run for a second, and a kernel stopped mid-vector would
     * leave its output half-written. */
    for (int off = 0; off < m; off += FUNC_SLICE) {
        if (off > 0 && om_intr_check(err) < 0) return -1;
        if (fn->kernel(st->call, st->argv, &st->out, st->sel_a + off, m - off < FUNC_SLICE ? m - off : FUNC_SLICE) < 0)
            return -1;
    }
    return 0;
}

/* ---- whole rows ------------------------------------------------------------------ */

/* A whole row's text as PostgreSQL's record_out writes it: (f1,f2,...),
 * a NULL field empty, a field quoted when empty or holding a quote,
 * backslash, parenthesis, comma or white space (quotes and backslashes
 * doubled inside). NULL when the presence column says the row is missing. */
static int eval_row(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    const BoundExpr *e = st->e;
    for (int i = 0; i < e->nargs; i++)
        if (exec_expr_eval(st->args[i], in, sel, n, err) < 0) return -1;
    int nf = e->row_presence ? e->nargs - 1 : e->nargs;
    OmBuf field, out;
    buf_init(&field, st->var, 32);
    buf_init(&out, st->var, 64);
    for (int k = 0; k < n; k++) {
        int r = ROW(k);
        if (e->row_presence && om_vec_is_null(&st->args[nf]->out, r)) {
            om_vec_set_null(&st->out, r, true);
            continue;
        }
        buf_reset(&out);
        buf_append_char(&out, '(');
        for (int i = 0; i < nf; i++) {
            if (i) buf_append_char(&out, ',');
            const OmVector *v = &st->args[i]->out;
            if (om_vec_is_null(v, r)) continue;
            buf_reset(&field);
            type_out(e->args[i]->type, v, r, &field);
            bool quote = field.len == 0;
            for (size_t c = 0; c < field.len && !quote; c++) {
                char ch = field.data[c];
                quote = ch == '"' || ch == '\\' || ch == '(' || ch == ')' || ch == ',' || isspace((unsigned char)ch);
            }
            if (!quote) {
                buf_append(&out, field.data, field.len);
                continue;
            }
            buf_append_char(&out, '"');
            for (size_t c = 0; c < field.len; c++) {
                char ch = field.data[c];
                if (ch == '"' || ch == '\\') buf_append_char(&out, ch);
                buf_append_char(&out, ch);
            }
            buf_append_char(&out, '"');
        }
        buf_append_char(&out, ')');
        om_vec_set_null(&st->out, r, false);
        OmStr *dst = &((OmStr *)st->out.data)[r];
        dst->ptr = mem_strndup(st->var, out.data, out.len);
        dst->len = out.len;
    }
    return 0;
}

/* ---- dispatch ------------------------------------------------------------------ */

static void eval_const(ExprState *st, const uint16_t *sel, int n)
{
    const BoundExpr *e = st->e;
    for (int k = 0; k < n; k++) exec_copy_value(&e->cval, 0, &st->out, ROW(k), NULL);
}

int exec_expr_eval(ExprState *st, const OmBatch *in, const uint16_t *sel, int n, OmError *err)
{
    const BoundExpr *e = st->e;
    OmVector *o = &st->out;
    int rc = 0;
    switch (e->kind) {
    case BE_CONST:
        eval_const(st, sel, n);
        return 0;
    case BE_COLUMN:
        st->out = in->cols[e->col];
        return 0;
    case BE_SUBQUERY:
        return exec_eval_subquery(st, in, sel, n, err);
    case BE_PARAM:
        if (!st->q || !st->q->params) return err_set(err, ERRCODE_INTERNAL_ERROR, "parameter outside a subquery");
        for (int k = 0; k < n; k++) exec_copy_value(&st->q->params->cols[e->col], 0, o, ROW(k), NULL);
        return 0;
    case BE_AND:
    case BE_OR:
        rc = eval_and_or(st, in, sel, n, err);
        break;
    case BE_NOT: {
        if (exec_expr_eval(st->args[0], in, sel, n, err) < 0) return -1;
        const OmVector *a = &st->args[0]->out;
        for (int k = 0; k < n; k++) {
            int i = ROW(k);
            bool isnull = om_vec_is_null(a, i);
            om_vec_set_null(o, i, isnull);
            if (!isnull) ((uint8_t *)o->data)[i] = !((uint8_t *)a->data)[i];
        }
        break;
    }
    case BE_NULLTEST: {
        if (exec_expr_eval(st->args[0], in, sel, n, err) < 0) return -1;
        const OmVector *a = &st->args[0]->out;
        bool want_null = e->op == BOP_ISNULL;
        for (int k = 0; k < n; k++) {
            int i = ROW(k);
            om_vec_set_null(o, i, false);
            ((uint8_t *)o->data)[i] = om_vec_is_null(a, i) == want_null;
        }
        break;
    }
    case BE_BOOLTEST: {
        if (exec_expr_eval(st->args[0], in, sel, n, err) < 0) return -1;
        const OmVector *a = &st->args[0]->out;
        for (int k = 0; k < n; k++) {
            int i = ROW(k);
            bool isnull = om_vec_is_null(a, i);
            bool v = !isnull && ((uint8_t *)a->data)[i];
            bool r;
            switch (e->op) {
            case BOP_IS_TRUE: r = !isnull && v; break;
            case BOP_IS_NOT_TRUE: r = isnull || !v; break;
            case BOP_IS_FALSE: r = !isnull && !v; break;
            case BOP_IS_NOT_FALSE: r = isnull || v; break;
            case BOP_IS_UNKNOWN: r = isnull; break;
            default: r = !isnull; break;
            }
            om_vec_set_null(o, i, false);
            ((uint8_t *)o->data)[i] = r;
        }
        break;
    }
    case BE_CAST: {
        ExprState *as = st->args[0];
        if (exec_expr_eval(as, in, sel, n, err) < 0) return -1;
        const uint16_t *s = sel;
        if (!s) {
            for (int k = 0; k < n; k++) st->sel_a[k] = (uint16_t)k;
            s = st->sel_a;
        }
        if (e->cmp_cast) {
            dt_cast_cmp_vec(as->e->type.id, e->type.id, &as->out, o, s, n);
            rc = 0;
        } else {
            rc = type_cast_vec(as->e->type, e->type, e->cctx, &as->out, o, s, n, st->var, err);
        }
        break;
    }
    case BE_CASE:
        rc = eval_case(st, in, sel, n, err);
        break;
    case BE_FUNC:
        rc = eval_func(st, in, sel, n, err);
        break;
    case BE_MINMAX:
        rc = eval_minmax(st, in, sel, n, err);
        break;
    case BE_COALESCE:
        rc = eval_coalesce(st, in, sel, n, err);
        break;
    case BE_ARRAY:
        rc = exec_eval_array(st, in, sel, n, err);
        break;
    case BE_SUBSCRIPT:
        rc = exec_eval_subscript(st, in, sel, n, err);
        break;
    case BE_ANY_ALL:
        rc = exec_eval_any_all(st, in, sel, n, err);
        break;
    case BE_ROW:
        rc = eval_row(st, in, sel, n, err);
        break;
    case BE_NULLIF: {
        if (exec_expr_eval(st->args[0], in, sel, n, err) < 0 || exec_expr_eval(st->args[1], in, sel, n, err) < 0)
            return -1;
        /* args[1] is the boolean a = b (PostgreSQL's NULLIF operator). */
        const OmVector *a = &st->args[0]->out, *eq = &st->args[1]->out;
        for (int k = 0; k < n; k++) {
            int i = ROW(k);
            if (!om_vec_is_null(eq, i) && ((const uint8_t *)eq->data)[i]) om_vec_set_null(o, i, true);
            else exec_copy_value(a, i, o, i, NULL);
        }
        break;
    }
    case BE_OP: {
        for (int a = 0; a < e->nargs; a++)
            if (exec_expr_eval(st->args[a], in, sel, n, err) < 0) return -1;
        const OmVector *a = &st->args[0]->out;
        const OmVector *b = e->nargs > 1 ? &st->args[1]->out : NULL;
        switch (e->op) {
        case BOP_ADD: case BOP_SUB: case BOP_MUL: case BOP_DIV: case BOP_MOD:
            if (e->type.id == OM_T_NUMERIC) rc = exec_numeric_arith(e->op, a, b, o, sel, n, st->var, err);
            else rc = kernel_arith(e->op, a, b, o, sel, n, err);
            break;
        case BOP_NEG:
            if (e->type.id == OM_T_NUMERIC) rc = exec_numeric_neg(a, o, sel, n, st->var, err);
            else rc = kernel_neg(a, o, e->type.id, sel, n, err);
            break;
        case BOP_EQ: case BOP_NE: case BOP_LT: case BOP_LE: case BOP_GT: case BOP_GE:
            kernel_compare(e->op, e->arg_type, a, b, o, sel, n);
            break;
        case BOP_IS_DISTINCT:
        case BOP_IS_NOT_DISTINCT:
            for (int k = 0; k < n; k++) {
                int i = ROW(k);
                bool an = om_vec_is_null(a, i), bn = om_vec_is_null(b, i);
                bool distinct = an != bn || (!an && exec_compare_values(e->arg_type, a, i, b, i) != 0);
                om_vec_set_null(o, i, false);
                ((uint8_t *)o->data)[i] = e->op == BOP_IS_DISTINCT ? distinct : !distinct;
            }
            break;
        case BOP_CONCAT:
            kernel_concat(a, b, o, sel, n, st->var);
            break;
        case BOP_LIKE: case BOP_NOT_LIKE: case BOP_ILIKE: case BOP_NOT_ILIKE:
            rc = exec_like_eval(st->like, e->op, a, b, e->nargs > 2 ? &st->args[2]->out : NULL, o, sel, n, err);
            break;
        default:
            rc = err_set(err, ERRCODE_INTERNAL_ERROR, "unknown operator %d", (int)e->op);
        }
        break;
    }
    }
    if (rc < 0 && e->location >= 0 && st->sql) {
        /* Run-time errors carry no position in PostgreSQL, except casts of
         * literals (folded at bind time). Leave position unset. */
    }
    return rc;
}

int exec_eval_const(MemCtx *ctx, const BoundExpr *e, OmVector *out, bool *isnull, OmError *err)
{
    return exec_eval_once(ctx, e, NULL, out, isnull, err);
}

int exec_eval_once(MemCtx *ctx, const BoundExpr *e, const ExecQuery *q, OmVector *out, bool *isnull, OmError *err)
{
    MemCtx *tmp = mem_ctx_create(ctx, "const-eval");
    ExprState *st = exec_expr_build(tmp, e, ctx, q);
    OmBatch dummy = {0};
    dummy.count = 1;
    uint16_t sel0 = 0;
    int rc = exec_expr_eval(st, &dummy, &sel0, 1, err);
    if (rc == 0) {
        *isnull = om_vec_is_null(&st->out, 0);
        exec_copy_value(&st->out, 0, out, 0, ctx);
    }
    mem_ctx_delete(tmp);
    return rc;
}

void exec_render_value(OmType t, const OmVector *v, int row, char *buf, size_t size)
{
    if (om_vec_is_null(v, row)) {
        snprintf(buf, size, "null");
        return;
    }
    MemCtx *tmp = mem_ctx_create(NULL, "render");
    OmBuf b;
    buf_init(&b, tmp, 64);
    type_out(t, v, row, &b);
    snprintf(buf, size, "%s", b.data);
    mem_ctx_delete(tmp);
}
