/*
 * exec_join.c — nested-loop join: INNER, LEFT, RIGHT, FULL (and CROSS as
 * INNER without condition) for any join condition.
 *
 * The right input is materialised once (its rows are re-read for every left
 * row; the store counts against work_mem). For each left row the condition
 * is evaluated as one vector over a probe batch: the left row's values
 * repeated beside one stored right batch, so the per-row cost is one
 * kernel pass per right batch, never a tree walk per pair. LEFT / FULL emit
 * an unmatched left row with NULLs; RIGHT / FULL remember matched right
 * rows and emit the others with NULLs at the end.
 */
#include "exec_int.h"

typedef struct NLJoinState {
    ExecStore right;
    bool loaded;
    uint8_t **rmatched;  /* per stored right batch, per row: matched (RIGHT / FULL) */
    OmBatch *left;       /* current left batch */
    int lpos, llive;     /* position among its live rows */
    int rb;              /* next right batch for the current left row */
    bool lmatched;
    bool left_done;
    int tail_b, tail_r;  /* RIGHT / FULL: unmatched right rows emitted so far */
    OmBatch *probe;      /* left row repeated (columns 0..nl) + a right batch's columns */
    OmBatch *out;
    ExprState *pred;
    MemCtx *var;
    uint16_t *match;
    int nl, nr;
    bool semi;           /* SEMI or ANTI: matches are counted, not emitted */
} NLJoinState;

static void fill_left(NLJoinState *s, int lrow, int count)
{
    for (int c = 0; c < s->nl; c++) {
        OmVector *dst = &s->probe->cols[c];
        const OmVector *src = &s->left->cols[c];
        for (int k = 0; k < count; k++) exec_copy_value(src, lrow, dst, k, NULL);
    }
}

static void emit_pair(NLJoinState *s, int lrow, const OmBatch *rb, int rrow)
{
    OmBatch *o = s->out;
    int d = o->count++;
    for (int c = 0; c < s->nl; c++) {
        if (lrow < 0) om_vec_set_null(&o->cols[c], d, true);
        else exec_copy_value(&s->left->cols[c], lrow, &o->cols[c], d, o->var_ctx);
    }
    if (s->semi) return; /* SEMI / ANTI: the left row only */
    for (int c = 0; c < s->nr; c++) {
        if (!rb) om_vec_set_null(&o->cols[s->nl + c], d, true);
        else exec_copy_value(&rb->cols[c], rrow, &o->cols[s->nl + c], d, o->var_ctx);
    }
}

static int load_right(ExecNode *n, NLJoinState *s)
{
    OmBatch *b;
    int rc;
    while ((rc = exec_next(n->children[1], &b)) > 0)
        if (exec_store_append(&s->right, b, b->cols, n->q->err) < 0) return -1;
    if (rc < 0) return -1;
    JoinType jt = n->plan->join_type;
    if (jt == JOIN_RIGHT || jt == JOIN_FULL) {
        s->rmatched = mem_new_array(n->q->ctx, uint8_t *, s->right.nbatches > 0 ? s->right.nbatches : 1);
        for (int i = 0; i < s->right.nbatches; i++) s->rmatched[i] = mem_new_array(n->q->ctx, uint8_t, OM_BATCH_SIZE);
    }
    s->loaded = true;
    return 0;
}

/* Join the current left row with right batch rb into out (which has room
 * for a whole batch). */
static int probe_batch(ExecNode *n, NLJoinState *s, int lrow, int rbi)
{
    const OmBatch *rb = s->right.batches[rbi];
    int cnt = rb->count;
    int nm;
    if (s->pred) {
        fill_left(s, lrow, cnt);
        for (int c = 0; c < s->nr; c++) s->probe->cols[s->nl + c] = rb->cols[c];
        s->probe->count = cnt;
        mem_ctx_reset(s->var);
        if (exec_expr_eval(s->pred, s->probe, NULL, cnt, n->q->err) < 0) return -1;
        const OmVector *r = &s->pred->out;
        nm = 0;
        for (int i = 0; i < cnt; i++)
            if (!om_vec_is_null(r, i) && ((const uint8_t *)r->data)[i]) s->match[nm++] = (uint16_t)i;
    } else {
        for (int i = 0; i < cnt; i++) s->match[i] = (uint16_t)i;
        nm = cnt;
    }
    if (nm) s->lmatched = true;
    if (s->semi) return 0;
    for (int k = 0; k < nm; k++) {
        emit_pair(s, lrow, rb, s->match[k]);
        if (s->rmatched) s->rmatched[rbi][s->match[k]] = 1;
    }
    return 0;
}

static int nl_next(ExecNode *n, OmBatch **out)
{
    NLJoinState *s = n->state;
    JoinType jt = n->plan->join_type;
    if (!s->loaded && load_right(n, s) < 0) return -1;
    om_batch_clear(s->out);
    while (!s->left_done) {
        if (!s->left || s->lpos >= s->llive) {
            /* Output rows copy their values: the left batch may go. */
            if (s->out->count > 0) break;
            int rc = exec_next(n->child, &s->left);
            if (rc < 0) return -1;
            if (rc == 0) {
                s->left_done = true;
                break;
            }
            s->llive = om_batch_live(s->left);
            s->lpos = 0;
            s->rb = 0;
            s->lmatched = false;
            continue;
        }
        int lrow = om_batch_row(s->left, s->lpos);
        if (s->rb < s->right.nbatches && !(s->semi && s->lmatched)) {
            if (!s->semi && s->out->count + s->right.batches[s->rb]->count > OM_BATCH_SIZE) break;
            if (om_intr_check(n->q->err) < 0) return -1;
            if (probe_batch(n, s, lrow, s->rb) < 0) return -1;
            s->rb++;
            continue;
        }
        bool keep = (!s->lmatched && (jt == JOIN_LEFT || jt == JOIN_FULL || jt == JOIN_ANTI)) ||
                    (s->lmatched && jt == JOIN_SEMI);
        if (keep) {
            if (s->out->count == OM_BATCH_SIZE) break;
            emit_pair(s, lrow, NULL, 0);
        }
        s->lpos++;
        s->rb = 0;
        s->lmatched = false;
    }
    if (s->left_done && s->rmatched) {
        while (s->tail_b < s->right.nbatches && s->out->count < OM_BATCH_SIZE) {
            const OmBatch *rb = s->right.batches[s->tail_b];
            if (s->tail_r >= rb->count) {
                s->tail_b++;
                s->tail_r = 0;
                continue;
            }
            if (!s->rmatched[s->tail_b][s->tail_r]) emit_pair(s, -1, rb, s->tail_r);
            s->tail_r++;
        }
    }
    if (s->out->count == 0) return 0;
    *out = s->out;
    return 1;
}

static int nl_rescan(ExecNode *n)
{
    NLJoinState *s = n->state;
    if (exec_rescan(n->child) < 0) return -1;
    s->left = NULL;
    s->lpos = s->llive = s->rb = 0;
    s->left_done = false;
    s->tail_b = s->tail_r = 0;
    for (int i = 0; s->rmatched && i < s->right.nbatches; i++) memset(s->rmatched[i], 0, OM_BATCH_SIZE);
    return 0;
}

int exec_nl_join_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    NLJoinState *s = mem_new(ctx, NLJoinState);
    const PhysNode *l = p->children[0], *r = p->children[1];
    s->nl = l->ncols;
    s->nr = r->ncols;
    s->semi = p->join_type == JOIN_SEMI || p->join_type == JOIN_ANTI;
    exec_store_init(&s->right, mem_ctx_create(ctx, "nl-join-inner"), r->ncols, exec_phys_types(ctx, r), false);
    exec_store_budget(&s->right, n->q, "Nested Loop");
    OmPhysType *ph = mem_new_array(ctx, OmPhysType, s->nl + s->nr + 1);
    for (int c = 0; c < s->nl; c++) ph[c] = type_phys(l->types[c].id);
    for (int c = 0; c < s->nr; c++) ph[s->nl + c] = type_phys(r->types[c].id);
    s->out = om_batch_create(ctx, p->ncols, ph, false);
    s->probe = om_batch_create(ctx, s->nl + s->nr, ph, false);
    s->match = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
    s->var = mem_ctx_create(ctx, "nl-join-var");
    if (p->pred) s->pred = exec_expr_build(ctx, p->pred, s->var, n->q);
    n->state = s;
    n->next = nl_next;
    n->rescan = nl_rescan;
    return 0;
}
