/*
 * exec_main.c — building the run-time tree from a plan, running DML to
 * completion, and the materialisation store Sort and Update share.
 */
#include "../common/clock.h"
#include "exec_int.h"

int exec_build(ExecQuery *q, const PhysNode *plan, ExecNode **out)
{
    ExecNode *n = mem_new(q->ctx, ExecNode);
    n->plan = plan;
    n->q = q;
    n->nchildren = plan->nchildren;
    if (plan->nchildren) n->children = mem_new_array(q->ctx, ExecNode *, plan->nchildren);
    /* A lateral join builds its right side per left row itself; a
     * recursive union its recursive term, per iteration. */
    int nbuild = plan->kind == PHYS_RECURSIVE_UNION ? 1 : plan->nchildren;
    for (int i = 0; i < nbuild; i++) {
        if (plan->kind == PHYS_LATERAL_JOIN && i == 1) continue;
        if (exec_build(q, plan->children[i], &n->children[i]) < 0) return -1;
    }
    n->child = plan->nchildren ? n->children[0] : NULL;
    int rc;
    switch (plan->kind) {
    case PHYS_SCAN: rc = exec_scan_init(n); break;
    case PHYS_VALUES: rc = exec_values_init(n); break;
    case PHYS_FILTER: rc = exec_filter_init(n); break;
    case PHYS_PROJECT: rc = exec_project_init(n); break;
    case PHYS_AGG: rc = exec_agg_init(n); break;
    case PHYS_GROUPING_SETS: rc = exec_gsets_init(n); break;
    case PHYS_DISTINCT: rc = exec_unique_init(n); break;
    case PHYS_SORT: rc = exec_sort_init(n); break;
    case PHYS_LIMIT: rc = exec_limit_init(n); break;
    case PHYS_INSERT: rc = exec_insert_init(n); break;
    case PHYS_UPDATE: rc = exec_update_init(n); break;
    case PHYS_DELETE: rc = exec_delete_init(n); break;
    case PHYS_PROJECT_SET: rc = exec_project_set_init(n); break;
    case PHYS_NL_JOIN: rc = exec_nl_join_init(n); break;
    case PHYS_HASH_JOIN: rc = exec_hash_join_init(n); break;
    case PHYS_LATERAL_JOIN: rc = exec_lateral_join_init(n); break;
    case PHYS_SETOP: rc = exec_append_init(n); break;
    case PHYS_CTE: rc = exec_cte_init(n); break;
    case PHYS_CTE_SCAN: rc = exec_cte_scan_init(n); break;
    case PHYS_WORKTABLE_SCAN: rc = exec_worktable_scan_init(n); break;
    case PHYS_RECURSIVE_UNION: rc = exec_recursive_union_init(n); break;
    default: rc = err_set(q->err, ERRCODE_INTERNAL_ERROR, "unknown plan node %d", (int)plan->kind);
    }
    if (rc < 0) return -1;
    *out = n;
    return 0;
}

int exec_next_timed(ExecNode *n, OmBatch **out)
{
    long long t0 = om_mono_ns();
    int rc = n->next(n, out);
    n->time_ns += (uint64_t)(om_mono_ns() - t0);
    if (rc > 0) {
        n->batches++;
        n->rows += (uint64_t)om_batch_live(*out);
    }
    return rc;
}

int exec_rescan(ExecNode *n)
{
    if (!n->rescan)
        return err_set(n->q->err, ERRCODE_INTERNAL_ERROR, "operator cannot be rescanned");
    return n->rescan(n);
}

void exec_end(ExecNode *root)
{
    if (!root) return;
    for (int i = 0; i < root->nchildren; i++)
        if (root->children[i]) exec_end(root->children[i]);
    if (root->end) root->end(root);
    root->end = NULL;
}

int exec_run(ExecNode *root)
{
    OmBatch *b;
    int rc;
    while ((rc = exec_next(root, &b)) > 0) {
    }
    return rc;
}

void exec_store_init(ExecStore *st, MemCtx *ctx, int ncols, OmPhysType *phys, bool keys)
{
    memset(st, 0, sizeof *st);
    st->limit = 0;
    st->ctx = ctx;
    st->ncols = ncols;
    st->phys = phys;
    st->keys = keys;
}

void exec_store_reset(ExecStore *st)
{
    MemCtx *ctx = st->ctx;
    size_t limit = st->limit;
    const char *what = st->what;
    mem_ctx_reset(ctx);
    exec_store_init(st, ctx, st->ncols, st->phys, st->keys);
    st->limit = limit;
    st->what = what;
}

void exec_store_budget(ExecStore *st, const ExecQuery *q, const char *what)
{
    st->limit = q->mem_limit;
    st->what = what;
}

int exec_store_append(ExecStore *st, const OmBatch *b, const OmVector *cols, OmError *err)
{
    /* Nothing spills to disk yet: an operator that would hold more than
     * work_mem fails cleanly instead of taking the server's memory. */
    if (st->limit && mem_ctx_bytes(st->ctx) > st->limit) {
        err_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
        err_detail(err, "%s needs more than work_mem (%zu kB) and cannot spill to disk yet.",
                   st->what ? st->what : "An operator", st->limit / 1024);
        return -1;
    }
    int live = om_batch_live(b);
    int k = 0;
    while (k < live) {
        OmBatch *dst = st->nbatches ? st->batches[st->nbatches - 1] : NULL;
        if (!dst || dst->count == OM_BATCH_SIZE) {
            if (st->nbatches == st->cap) {
                int nc = st->cap ? st->cap * 2 : 8;
                st->batches = mem_realloc(st->ctx, st->batches, sizeof(OmBatch *) * (size_t)st->cap,
                                          sizeof(OmBatch *) * (size_t)nc);
                st->cap = nc;
            }
            dst = om_batch_create(st->ctx, st->ncols, st->phys, st->keys);
            st->batches[st->nbatches++] = dst;
        }
        for (; k < live && dst->count < OM_BATCH_SIZE; k++) {
            int r = om_batch_row(b, k);
            int d = dst->count++;
            for (int c = 0; c < st->ncols; c++) exec_copy_value(&cols[c], r, &dst->cols[c], d, st->ctx);
            if (st->keys && b->keys) {
                OmStr key = b->keys[r];
                key.ptr = mem_strndup(st->ctx, key.ptr, key.len);
                dst->keys[d] = key;
            }
            st->rows++;
        }
    }
    return 0;
}
