/*
 * exec_scan.c — Scan: a table's rows in primary-key order, a batch at a
 * time, from storage's table access interface. With want_keys the batch
 * also carries each row's storage key, for UPDATE and DELETE.
 */
#include "exec_int.h"

typedef struct ScanState {
    StorScan *scan;
    OmBatch *batch;
    OmPhysType *phys;
} ScanState;

static int scan_next(ExecNode *n, OmBatch **out)
{
    ScanState *s = n->state;
    int rc = stor_scan_next(s->scan, s->batch, n->q->err);
    if (rc < 0) return -1;
    if (rc == 0) return 0;
    *out = s->batch;
    return 1;
}

int exec_scan_init(ExecNode *n)
{
    const PhysNode *p = n->plan;
    ScanState *s = mem_new(n->q->ctx, ScanState);
    s->phys = mem_new_array(n->q->ctx, OmPhysType, p->ncols > 0 ? p->ncols : 1);
    for (int i = 0; i < p->ncols; i++) s->phys[i] = type_phys(p->types[i].id);
    s->batch = om_batch_create(n->q->ctx, p->ncols, s->phys, p->want_keys);
    if (stor_scan_open(n->q->txn, &p->table->desc, n->q->ctx, &s->scan, n->q->err) < 0) return -1;
    n->state = s;
    n->next = scan_next;
    return 0;
}
