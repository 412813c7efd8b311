/*
 * exec_cte.c — a CTE computed once per statement (PostgreSQL's CTE Scan
 * over a shared tuplestore), and the worktable scan of WITH RECURSIVE.
 *
 *   CTE            children[0] the query, children[1] the definition. At
 *                  init it registers an ExecCte (exec_int.h) for its scans;
 *                  next() passes the query's batches through. A writing
 *                  definition (INSERT / UPDATE / DELETE in WITH) is run to
 *                  completion before the query's first row and its writes
 *                  applied after the query's last (exec_modify.c).
 *   CTE Scan       one reader: it returns the rows buffered so far and,
 *                  at their end, pulls the definition for more, so the
 *                  definition runs only as far as its readers need (LIMIT
 *                  over an unbounded recursion stops it) and once however
 *                  many readers there are. The buffer counts against
 *                  work_mem (53200 past it).
 *   WorkTable Scan the rows the recursive union's previous iteration
 *                  produced (exec_recursive.c).
 *
 * Interface: exec_cte_init, exec_cte_scan_init, exec_worktable_scan_init,
 * exec_cte_find, exec_batch_view.
 */
#include "exec_int.h"

ExecCte *exec_cte_find(const ExecQuery *q, int id)
{
    for (ExecCte *c = q->ctes; c; c = c->next)
        if (c->id == id) return c;
    err_set(q->err, ERRCODE_INTERNAL_ERROR, "CTE %d is not in scope", id);
    return NULL;
}

void exec_batch_view(OmBatch *view, const OmBatch *src, int from, int to)
{
    view->cols = src->cols;
    view->count = to;
    view->has_sel = true;
    view->nsel = to - from;
    for (int k = 0; k < to - from; k++) view->sel[k] = (uint16_t)(from + k);
    view->keys = src->keys;
    view->var_ctx = src->var_ctx;
}

/* ---- CTE ------------------------------------------------------------------------ */

typedef struct CteState {
    ExecCte cte;
    ExecNode *writer;   /* a writing definition's INSERT / UPDATE / DELETE node */
    bool started;
    bool finished;
} CteState;

/* Pull one more batch of the definition into the buffer: 1, 0 at its end. */
static int cte_pull(ExecCte *c, OmError *err)
{
    if (c->done) return 0;
    OmBatch *b;
    int rc = exec_next(c->producer, &b);
    if (rc < 0) return -1;
    if (rc == 0) {
        c->done = true;
        return 0;
    }
    if (exec_store_append(&c->store, b, b->cols, err) < 0) return -1;
    return 1;
}

static int cte_next(ExecNode *n, OmBatch **out)
{
    CteState *s = n->state;
    if (!s->started) {
        s->started = true;
        if (s->writer) {
            int rc;
            while ((rc = cte_pull(&s->cte, n->q->err)) > 0) {
            }
            if (rc < 0) return -1;
        }
    }
    if (s->finished) return 0;
    int rc = exec_next(n->child, out);
    if (rc != 0) return rc;
    s->finished = true;
    if (s->writer && exec_modify_apply(s->writer) < 0) return -1;
    return 0;
}

int exec_cte_init(ExecNode *n)
{
    const PhysNode *def = n->plan->children[1];
    CteState *s = mem_new(n->q->ctx, CteState);
    s->cte.id = n->plan->cte_id;
    s->cte.producer = n->children[1];
    exec_store_init(&s->cte.store, mem_ctx_create(n->q->ctx, "cte-rows"), def->ncols, exec_phys_types(n->q->ctx, def),
                    false);
    exec_store_budget(&s->cte.store, n->q, "A WITH query");
    s->cte.rows = &s->cte.store;
    s->cte.next = n->q->ctes;
    n->q->ctes = &s->cte;
    for (ExecNode *w = n->children[1]; n->plan->cte_writes && w; w = w->nchildren ? w->children[0] : NULL)
        if (w->plan->kind == PHYS_INSERT || w->plan->kind == PHYS_UPDATE || w->plan->kind == PHYS_DELETE) {
            s->writer = w;
            break;
        }
    n->state = s;
    n->next = cte_next;
    return 0;
}

/* ---- CTE Scan / WorkTable Scan ----------------------------------------------------- */

typedef struct CteScanState {
    ExecCte *cte;       /* found at the first next(): the CTE node's init runs after ours */
    int bi, off;        /* next row to return: batch, row */
    OmBatch view;
} CteScanState;

static int cte_scan_next(ExecNode *n, OmBatch **out)
{
    CteScanState *s = n->state;
    if (!s->cte && !(s->cte = exec_cte_find(n->q, n->plan->cte_id))) return -1;
    ExecCte *c = s->cte;
    for (;;) {
        ExecStore *st = c->rows;
        if (s->bi < st->nbatches) {
            OmBatch *b = st->batches[s->bi];
            if (s->off < b->count) {
                exec_batch_view(&s->view, b, s->off, b->count);
                s->off = b->count;
                *out = &s->view;
                return 1;
            }
            if (s->bi + 1 < st->nbatches) {
                s->bi++;
                s->off = 0;
                continue;
            }
        }
        if (!c->producer) return 0;
        int rc = cte_pull(c, n->q->err);
        if (rc <= 0) return rc;
    }
}

static int cte_scan_rescan(ExecNode *n)
{
    CteScanState *s = n->state;
    s->bi = s->off = 0;
    return 0;
}

int exec_cte_scan_init(ExecNode *n)
{
    CteScanState *s = mem_new(n->q->ctx, CteScanState);
    s->view.ncols = n->plan->ncols;
    s->view.sel = mem_new_array(n->q->ctx, uint16_t, OM_BATCH_SIZE);
    n->state = s;
    n->next = cte_scan_next;
    n->rescan = cte_scan_rescan;
    return 0;
}

int exec_worktable_scan_init(ExecNode *n) { return exec_cte_scan_init(n); }
