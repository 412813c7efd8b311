/*
 * exec_main.c — building the run-time tree from a plan, running DML to
 * completion, and the materialisation store Sort and Update share.
 */
#include "exec_int.h"

int exec_build(ExecQuery *q, const PlanNode *plan, ExecNode **out)
{
    ExecNode *n = mem_new(q->ctx, ExecNode);
    n->plan = plan;
    n->q = q;
    if (plan->child && exec_build(q, plan->child, &n->child) < 0) return -1;
    int rc;
    switch (plan->kind) {
    case PLAN_SCAN: rc = exec_scan_init(n); break;
    case PLAN_VALUES: rc = exec_values_init(n); break;
    case PLAN_FILTER: rc = exec_filter_init(n); break;
    case PLAN_PROJECT: rc = exec_project_init(n); break;
    case PLAN_AGG: rc = exec_agg_init(n); break;
    case PLAN_SORT: rc = exec_sort_init(n); break;
    case PLAN_LIMIT: rc = exec_limit_init(n); break;
    case PLAN_INSERT: rc = exec_insert_init(n); break;
    case PLAN_UPDATE: rc = exec_update_init(n); break;
    case PLAN_DELETE: rc = exec_delete_init(n); break;
    case PLAN_PROJECT_SET: rc = exec_project_set_init(n); break;
    default: rc = err_set(q->err, ERRCODE_INTERNAL_ERROR, "unknown plan node %d", (int)plan->kind);
    }
    if (rc < 0) return -1;
    *out = n;
    return 0;
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
    st->ctx = ctx;
    st->ncols = ncols;
    st->phys = phys;
    st->keys = keys;
}

void exec_store_append(ExecStore *st, const OmBatch *b, const OmVector *cols)
{
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
}
