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
#include "exec_int.h"

typedef struct ScanState {
    StorScan *scan;
    OmBatch *full;
    OmBatch out;
    bool done;           /* key lookup: the row has been read */
} ScanState;

/* pk = constant (or a subquery's parameter): the one row (or none) under
 * its key. */
static int lookup_row(ExecNode *n, ScanState *s)
{
    const PhysNode *p = n->plan;
    if (s->done) return 0;
    s->done = true;
    om_batch_clear(s->full);
    OmVector v = p->lookup->cval;
    if (p->lookup->kind == BE_PARAM) {
        /* pk = an outer value: this run's parameter; NULL matches no row. */
        if (!n->q->params) return err_set(n->q->err, ERRCODE_INTERNAL_ERROR, "key lookup parameter outside a subquery");
        v = n->q->params->cols[p->lookup->col];
        if (om_vec_is_null(&v, 0)) return 0;
    }
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
    int rc = p->lookup ? lookup_row(n, s) : stor_scan_next(s->scan, s->full, n->q->err);
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
    if (!p->lookup && stor_scan_open(n->q->txn, &p->table->desc, n->q->ctx, &s->scan, n->q->err) < 0) return -1;
    n->state = s;
    n->next = scan_next;
    return 0;
}
