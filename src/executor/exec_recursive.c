/*
 * exec_recursive.c — Recursive Union, WITH RECURSIVE's body (PostgreSQL's
 * RecursiveUnion with its worktable):
 *
 *   1. the non-recursive term's rows are returned, and kept as the
 *      working table;
 *   2. while the working table is not empty: the recursive term is built
 *      afresh (its own context and ExecQuery, whose CTE chain starts with
 *      this node's worktable entry, so its WorkTable Scan reads the
 *      previous iteration's rows) and run; its rows are returned and kept
 *      as the next working table.
 * Rows are produced lazily, a batch per next(): a LIMIT above stops an
 * unbounded recursion. UNION (not ALL) drops every row equal to one
 * returned before (NULLs equal, as grouping does), through a hash set of
 * the rows returned so far. The working tables and the set count against
 * work_mem (53200 past it); every iteration checks for interrupts, so a
 * statement_timeout or cancel stops an endless recursion.
 */
#include "exec_int.h"

/* The rows UNION has returned: a store plus chained hash buckets of
 * global row numbers (row i is batch i / OM_BATCH_SIZE, row i %
 * OM_BATCH_SIZE of the store, which fills its batches in order). */
typedef struct RowSet {
    ExecStore rows;
    uint64_t *hash;     /* per row */
    int32_t *chain;     /* per row: the next row of its bucket, -1 */
    int32_t *buckets;   /* nbuckets heads, -1 */
    int nbuckets;
    long long cap;
} RowSet;

typedef struct RecState {
    ExecCte wt;             /* the worktable entry for the recursive term */
    ExecStore stores[2];    /* the working table and the one being filled */
    int fill;               /* stores[fill] receives this iteration's rows */
    bool in_rec;            /* the non-recursive term is done */
    bool done;
    ExecQuery iq;           /* the recursive term's run */
    MemCtx *iterctx;
    ExecNode *rec;          /* the recursive term of this iteration, NULL between */
    RowSet *seen;           /* UNION */
    OmBatch one;            /* a one-row view, to add a row to the set */
    uint64_t h[OM_BATCH_SIZE];
    uint16_t keep[OM_BATCH_SIZE];
} RecState;

static int set_grow(RowSet *rs)
{
    long long nc = rs->cap ? rs->cap * 2 : 1024;
    MemCtx *ctx = rs->rows.ctx;
    rs->hash = mem_realloc(ctx, rs->hash, sizeof(uint64_t) * (size_t)rs->cap, sizeof(uint64_t) * (size_t)nc);
    rs->chain = mem_realloc(ctx, rs->chain, sizeof(int32_t) * (size_t)rs->cap, sizeof(int32_t) * (size_t)nc);
    rs->cap = nc;
    /* Buckets: one per row of capacity, rebuilt from the kept hashes. */
    rs->nbuckets = (int)nc;
    rs->buckets = mem_alloc(ctx, sizeof(int32_t) * (size_t)nc);
    for (int i = 0; i < rs->nbuckets; i++) rs->buckets[i] = -1;
    for (long long i = 0; i < rs->rows.rows; i++) {
        int b = (int)(rs->hash[i] & (uint64_t)(rs->nbuckets - 1));
        rs->chain[i] = rs->buckets[b];
        rs->buckets[b] = (int32_t)i;
    }
    return 0;
}

/* Is row r of b (hash h) in the set? Else add it. 1 = new. */
static int set_add(RecState *s, const PhysNode *p, const OmBatch *b, int r, uint64_t h, OmError *err)
{
    RowSet *rs = s->seen;
    if (rs->nbuckets) {
        for (int32_t i = rs->buckets[h & (uint64_t)(rs->nbuckets - 1)]; i >= 0; i = rs->chain[i]) {
            if (rs->hash[i] != h) continue;
            const OmBatch *sb = rs->rows.batches[i / OM_BATCH_SIZE];
            int sr = i % OM_BATCH_SIZE;
            bool eq = true;
            for (int c = 0; c < p->ncols && eq; c++) eq = exec_keys_equal(p->types[c], &b->cols[c], r, &sb->cols[c], sr);
            if (eq) return 0;
        }
    }
    if (rs->rows.rows >= rs->cap && set_grow(rs) < 0) return -1;
    if (rs->rows.rows >= INT32_MAX - 1)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "too many rows in a recursive query's result");
    s->one.cols = b->cols;
    s->one.count = b->count;
    s->one.sel[0] = (uint16_t)r;
    if (exec_store_append(&rs->rows, &s->one, b->cols, err) < 0) return -1;
    long long i = rs->rows.rows - 1;
    int bk = (int)(h & (uint64_t)(rs->nbuckets - 1));
    rs->hash[i] = h;
    rs->chain[i] = rs->buckets[bk];
    rs->buckets[bk] = (int32_t)i;
    return 1;
}

/* UNION: narrow b's selection to the rows not returned before. */
static int keep_new(ExecNode *n, RecState *s, OmBatch *b)
{
    const PhysNode *p = n->plan;
    int live = om_batch_live(b);
    const uint16_t *sel = b->has_sel ? b->sel : NULL;
    memset(s->h, 0, sizeof(uint64_t) * (size_t)live);
    for (int c = 0; c < p->ncols; c++) exec_hash_column(p->types[c], &b->cols[c], sel, live, s->h);
    int nk = 0;
    for (int k = 0; k < live; k++) {
        int r = om_batch_row(b, k);
        int rc = set_add(s, p, b, r, s->h[k], n->q->err);
        if (rc < 0) return -1;
        if (rc) s->keep[nk++] = (uint16_t)r;
    }
    memcpy(b->sel, s->keep, sizeof(uint16_t) * (size_t)nk);
    b->nsel = nk;
    b->has_sel = true;
    return 0;
}

/* The next iteration: the rows just produced become the working table.
 * 0 started, 1 nothing left (the last iteration produced no row). */
static int next_iteration(ExecNode *n, RecState *s)
{
    ExecStore *work = &s->stores[s->fill];
    if (work->rows == 0) return 1;
    if (om_intr_check(n->q->err) < 0) return -1;
    s->wt.rows = work;
    s->fill ^= 1;
    exec_store_reset(&s->stores[s->fill]);
    mem_ctx_reset(s->iterctx);
    s->iq = *n->q;
    s->iq.ctx = s->iterctx;
    s->wt.next = n->q->ctes;
    s->iq.ctes = &s->wt;
    return exec_build(&s->iq, n->plan->children[1], &s->rec) < 0 ? -1 : 0;
}

static int rec_next(ExecNode *n, OmBatch **out)
{
    RecState *s = n->state;
    for (;;) {
        if (s->done) return 0;
        OmBatch *b;
        int rc;
        if (!s->in_rec) {
            rc = exec_next(n->child, &b);
        } else if (s->rec) {
            rc = exec_next(s->rec, &b);
        } else {
            rc = next_iteration(n, s);
            if (rc < 0) return -1;
            if (rc > 0) s->done = true;
            continue;
        }
        if (rc < 0) return -1;
        if (rc == 0) {
            if (!s->in_rec) {
                s->in_rec = true;
            } else {
                exec_end(s->rec);
                s->rec = NULL;
            }
            continue;
        }
        if (s->seen && keep_new(n, s, b) < 0) return -1;
        if (om_batch_live(b) == 0) continue;
        if (exec_store_append(&s->stores[s->fill], b, b->cols, n->q->err) < 0) return -1;
        *out = b;
        return 1;
    }
}

static void rec_end(ExecNode *n)
{
    RecState *s = n->state;
    if (s && s->rec) {
        exec_end(s->rec);
        s->rec = NULL;
    }
}

int exec_recursive_union_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    RecState *s = mem_new(ctx, RecState);
    OmPhysType *ph = exec_phys_types(ctx, p);
    for (int i = 0; i < 2; i++) {
        exec_store_init(&s->stores[i], mem_ctx_create(ctx, "worktable"), p->ncols, ph, false);
        exec_store_budget(&s->stores[i], n->q, "A recursive query's working table");
    }
    s->wt.id = p->cte_id;
    s->iterctx = mem_ctx_create(ctx, "recursive-term");
    if (!p->setop_all) {
        s->seen = mem_new(ctx, RowSet);
        exec_store_init(&s->seen->rows, mem_ctx_create(ctx, "recursive-union-set"), p->ncols, ph, false);
        exec_store_budget(&s->seen->rows, n->q, "A recursive UNION's set of rows");
        s->one.ncols = p->ncols;
        s->one.has_sel = true;
        s->one.nsel = 1;
        s->one.sel = mem_new_array(ctx, uint16_t, 1);
    }
    n->state = s;
    n->next = rec_next;
    n->end = rec_end;
    return 0;
}
