/*
 * exec_scan.c — Scan: a table's rows in primary-key order, a batch at a
 * time, from storage's table access interface. With want_keys the batch
 * also carries each row's storage key, for UPDATE and DELETE.
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
} ScanState;

static int scan_next(ExecNode *n, OmBatch **out)
{
    ScanState *s = n->state;
    int rc = stor_scan_next(s->scan, s->full, n->q->err);
    if (rc < 0) return -1;
    if (rc == 0) return 0;
    const PhysNode *p = n->plan;
    for (int i = 0; i < p->ncols; i++) s->out.cols[i] = s->full->cols[p->scan_cols[i]];
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
    if (stor_scan_open(n->q->txn, &p->table->desc, n->q->ctx, &s->scan, n->q->err) < 0) return -1;
    n->state = s;
    n->next = scan_next;
    return 0;
}
