/*
 * exec_like.c — LIKE, ILIKE, NOT LIKE, NOT ILIKE (~~ ~~* !~~ !~~*) over
 * vectors of text (and bpchar, blank-padded), with the matcher of
 * functions/like.h.
 *
 * A constant pattern (and escape) is compiled once, when the expression's
 * state is built; any other pattern is compiled per row and kept while the
 * next rows bring the same pattern and escape, so a column of equal patterns
 * or `p || 'x'` costs one compile per batch at most, not one per row.
 *
 * Rows: NULL if any argument is NULL. As in PostgreSQL, where
 * `x LIKE p ESCAPE e` is `x ~~ like_escape(p, e)`, an invalid escape fails
 * on every row with a non-null pattern, even one whose x is NULL (the binder
 * raises it for a constant pattern and escape, as PostgreSQL's folding
 * does). The kernel checks for interrupts on every row; the matcher inside
 * long searches.
 *
 * Interface (exec_int.h): exec_like_build, exec_like_eval, exec_kernel_like.
 */
#include "../functions/like.h"
#include "../common/interrupt.h"
#include "exec_int.h"

#define ROW(k) (sel ? sel[k] : (k))

struct ExecLike {
    MemCtx *ctx;       /* the compiled pattern and its key; reset on recompile */
    bool icase;
    bool fixed;        /* pat was compiled from constants at build time */
    bool always_null;  /* a constant NULL pattern or escape */
    bool valid;        /* pat is the compile of key with esc */
    char *key;         /* the pattern bytes pat was compiled from */
    size_t key_len, key_cap;
    char esc[4];
    size_t esc_len;
    FnLikePat pat;
};

static bool is_icase(BoundOp op)
{
    return op == BOP_ILIKE || op == BOP_NOT_ILIKE;
}

/* (Re)compile pattern p with escape esc[0..esclen) unless that is the
 * compile already held. */
static const FnLikePat *like_get(ExecLike *lk, OmStr p, const char *esc, size_t esclen)
{
    if (lk->valid && lk->key_len == p.len && lk->esc_len == esclen && !memcmp(lk->esc, esc, esclen) &&
        (p.len == 0 || !memcmp(lk->key, p.ptr, p.len)))
        return &lk->pat;
    mem_ctx_reset(lk->ctx);
    lk->key = mem_alloc(lk->ctx, p.len + 1);
    if (p.len) memcpy(lk->key, p.ptr, p.len);
    lk->key_len = p.len;
    memcpy(lk->esc, esc, esclen);
    lk->esc_len = esclen;
    fn_like_compile(lk->ctx, lk->key, p.len, lk->esc, esclen, lk->icase, &lk->pat);
    lk->valid = true;
    return &lk->pat;
}

ExecLike *exec_like_build(MemCtx *ctx, const BoundExpr *e)
{
    ExecLike *lk = mem_new(ctx, ExecLike);
    lk->ctx = mem_ctx_create(ctx, "like pattern");
    lk->icase = is_icase(e->op);
    const BoundExpr *pe = e->args[1], *ee = e->nargs > 2 ? e->args[2] : NULL;
    if (pe->kind != BE_CONST || (ee && ee->kind != BE_CONST)) return lk;
    if (pe->is_null || (ee && ee->is_null)) {
        lk->always_null = lk->fixed = true;
        return lk;
    }
    const char *esc = "\\";
    size_t esclen = 1;
    if (ee) {
        OmStr es = ((const OmStr *)ee->cval.data)[0];
        OmError dummy = {0};
        if (fn_like_escape_check(es.ptr, es.len, &dummy) < 0) return lk; /* fails per row */
        esc = es.ptr, esclen = es.len;
    }
    like_get(lk, ((const OmStr *)pe->cval.data)[0], esc, esclen);
    lk->fixed = true;
    return lk;
}

int exec_like_eval(ExecLike *lk, BoundOp op, const OmVector *a, const OmVector *b, const OmVector *escv,
                   OmVector *o, const uint16_t *sel, int n, OmError *err)
{
    const OmStr *x = a->data, *y = b->data;
    uint8_t *r = o->data;
    bool neg = op == BOP_NOT_LIKE || op == BOP_NOT_ILIKE;
    for (int k = 0; k < n; k++) {
        int i = ROW(k);
        if (om_intr_check(err) < 0) return -1;
        const FnLikePat *p = &lk->pat;
        if (lk->always_null || om_vec_is_null(b, i) || (escv && om_vec_is_null(escv, i))) {
            om_vec_set_null(o, i, true);
            continue;
        }
        if (!lk->fixed) {
            const char *esc = "\\";
            size_t esclen = 1;
            if (escv) {
                OmStr es = ((const OmStr *)escv->data)[i];
                if (fn_like_escape_check(es.ptr, es.len, err) < 0) return -1;
                esc = es.ptr, esclen = es.len;
            }
            p = like_get(lk, y[i], esc, esclen);
        }
        if (om_vec_is_null(a, i)) {
            om_vec_set_null(o, i, true);
            continue;
        }
        int m = fn_like_match(p, x[i].ptr, x[i].len, err);
        if (m < 0) return -1;
        om_vec_set_null(o, i, false);
        r[i] = (uint8_t)(neg ? !m : m);
    }
    return 0;
}

int exec_kernel_like(BoundOp op, const OmVector *a, const OmVector *b, const OmVector *escv, OmVector *o,
                     const uint16_t *sel, int n, OmError *err)
{
    ExecLike lk = {0};
    lk.ctx = mem_ctx_create(NULL, "like pattern");
    lk.icase = is_icase(op);
    int rc = exec_like_eval(&lk, op, a, b, escv, o, sel, n, err);
    mem_ctx_delete(lk.ctx);
    return rc;
}
