/*
 * exec_scan.c — Scan: a table's rows in primary-key order, a batch at a
 * time, from storage's table access interface. With want_keys the batch
 * also carries each row's storage key, for UPDATE and DELETE; with
 * key_column the keys are also its last column (they travel through joins
 * that way, for UPDATE ... FROM and DELETE ... USING).
 *
 * The plan names the columns the query reads (scan_cols, projection
 * pushdown); the output batch shows only those, sharing the vectors of the
 * full-width batch storage fills, so operators above copy and keep nothing
 * else.
 */
#include <stdlib.h>
#include <string.h>

#include "exec_int.h"

typedef struct ScanState {
    StorScan *scan;
    OmBatch *full;
    OmBatch out;
    bool done;           /* key lookup: the row has been read */
    OmStr *keys;         /* keyset: the encoded keys, sorted, distinct */
    int nkeys, next_key;
} ScanState;

/* The key encoding of constants es[0..n) (the leading key columns). */
static int encode_consts(ExecNode *n, BoundExpr *const *es, int cnt, MemCtx *ctx, OmStr *out)
{
    OmVector *v = mem_new_array(ctx, OmVector, cnt > 0 ? cnt : 1);
    int *cols = mem_new_array(ctx, int, cnt > 0 ? cnt : 1);
    for (int i = 0; i < cnt; i++) {
        v[i] = es[i]->cval;
        cols[i] = i;
    }
    OmBatch kb = {.ncols = cnt, .cols = v, .count = 1};
    if (stor_key_encode_row(&kb, 0, cnt, cols, ctx, out) < 0)
        return err_set(n->q->err, ERRCODE_INTERNAL_ERROR, "could not encode a key");
    return 0;
}

static int key_cmp(const void *a, const void *b)
{
    const OmStr *x = a, *y = b;
    size_t m = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->ptr, y->ptr, m);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* pk IN (...): the keys in key order, each once (the rows come out in
 * primary-key order, as a scan's would). */
static int keyset_init(ExecNode *n, ScanState *s)
{
    const PhysNode *p = n->plan;
    s->keys = mem_new_array(n->q->ctx, OmStr, p->nkeyset);
    for (int i = 0; i < p->nkeyset; i++)
        if (encode_consts(n, &p->keyset[i], 1, n->q->ctx, &s->keys[i]) < 0) return -1;
    qsort(s->keys, (size_t)p->nkeyset, sizeof(OmStr), key_cmp);
    int m = 0;
    for (int i = 0; i < p->nkeyset; i++)
        if (m == 0 || key_cmp(&s->keys[m - 1], &s->keys[i]) != 0) s->keys[m++] = s->keys[i];
    s->nkeys = m;
    return 0;
}

static int keyset_next(ExecNode *n, ScanState *s)
{
    const PhysNode *p = n->plan;
    om_batch_clear(s->full);
    while (s->next_key < s->nkeys && s->full->count < OM_BATCH_SIZE)
        if (stor_table_get(n->q->txn, &p->table->desc, s->keys[s->next_key++], s->full, n->q->err) < 0) return -1;
    return s->full->count;
}

/* A primary-key range: the scan starts and stops at its encoded bounds. */
static int range_init(ExecNode *n, ScanState *s)
{
    const PhysNode *p = n->plan;
    MemCtx *ctx = n->q->ctx;
    int m = p->nrange_eq;
    BoundExpr **vals = mem_new_array(ctx, BoundExpr *, m + 1);
    for (int i = 0; i < m; i++) vals[i] = p->range_eq[i];
    StorRange r = {0};
    OmStr prefix = {"", 0};
    if (m > 0 && encode_consts(n, vals, m, ctx, &prefix) < 0) return -1;
    if (p->range_lo) {
        vals[m] = p->range_lo;
        if (encode_consts(n, vals, m + 1, ctx, &r.lo) < 0) return -1;
        r.has_lo = true;
        r.lo_skip_prefix = !p->range_lo_incl;
    } else if (m > 0) {
        r.has_lo = true;
        r.lo = prefix;
    }
    if (p->range_hi) {
        vals[m] = p->range_hi;
        if (encode_consts(n, vals, m + 1, ctx, &r.hi) < 0) return -1;
        r.has_hi = true;
        r.hi_prefix = p->range_hi_incl;
    } else if (m > 0) {
        r.has_hi = true;
        r.hi = prefix;
        r.hi_prefix = true;
    }
    stor_scan_range(s->scan, &r);
    return 0;
}

/* pk = constant: the one row (or none) under the constant's key. */
static int lookup_row(ExecNode *n, ScanState *s)
{
    const PhysNode *p = n->plan;
    if (s->done) return 0;
    s->done = true;
    om_batch_clear(s->full);
    OmVector v = p->lookup->cval;
    OmBatch kb = {.ncols = 1, .cols = &v, .count = 1};
    int col0 = 0;
    OmStr key;
    if (stor_key_encode_row(&kb, 0, 1, &col0, s->full->var_ctx, &key) < 0)
        return err_set(n->q->err, ERRCODE_INTERNAL_ERROR, "could not encode a key");
    return stor_table_get(n->q->txn, &p->table->desc, key, s->full, n->q->err);
}

static int scan_next(ExecNode *n, OmBatch **out)
{
    ScanState *s = n->state;
    const PhysNode *p = n->plan;
    int rc = p->lookup ? lookup_row(n, s)
             : p->nkeyset ? keyset_next(n, s)
                          : stor_scan_next(s->scan, s->full, n->q->err);
    if (rc < 0) return -1;
    if (rc == 0) return 0;
    int nt = p->key_column ? p->ncols - 1 : p->ncols;
    for (int i = 0; i < nt; i++) s->out.cols[i] = s->full->cols[p->scan_cols[i]];
    if (p->key_column) s->out.cols[nt].data = s->full->keys; /* the keys as a bytea column */
    s->out.count = s->full->count;
    s->out.sel = s->full->sel;
    s->out.nsel = s->full->nsel;
    s->out.has_sel = s->full->has_sel;
    s->out.keys = s->full->keys;
    s->out.var_ctx = s->full->var_ctx;
    *out = &s->out;
    return 1;
}

int exec_scan_init(ExecNode *n)
{
    const PhysNode *p = n->plan;
    const CatTable *t = p->table;
    ScanState *s = mem_new(n->q->ctx, ScanState);
    OmPhysType *phys = mem_new_array(n->q->ctx, OmPhysType, t->ncols > 0 ? t->ncols : 1);
    for (int i = 0; i < t->ncols; i++) phys[i] = type_phys(t->cols[i].type.id);
    s->full = om_batch_create(n->q->ctx, t->ncols, phys, p->want_keys);
    s->out.ncols = p->ncols;
    s->out.cols = mem_new_array(n->q->ctx, OmVector, p->ncols > 0 ? p->ncols : 1);
    if (p->key_column) {
        OmVector *kv = &s->out.cols[p->ncols - 1];
        kv->phys = OM_PHYS_STR;
        kv->nulls = mem_new_array(n->q->ctx, uint64_t, OM_BATCH_SIZE / 64); /* never NULL */
    }
    if (p->nkeyset) {
        if (keyset_init(n, s) < 0) return -1;
    } else if (!p->lookup) {
        if (stor_scan_open(n->q->txn, &p->table->desc, n->q->ctx, &s->scan, n->q->err) < 0) return -1;
        if (p->range && range_init(n, s) < 0) return -1;
    }
    n->state = s;
    n->next = scan_next;
    return 0;
}
