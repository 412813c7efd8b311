/*
 * exec_hashjoin.c — hash join for equi-joins: INNER, LEFT, RIGHT, FULL.
 *
 * The right input (build side) is materialised with its key values as
 * extra columns (the store counts against work_mem), hashed once
 * (exec_hash.c) into chained buckets; rows with a NULL key never match and
 * stay out of the buckets. Each left batch is then probed a vector at a
 * time: keys evaluated and hashed per column, candidate pairs collected,
 * output filled in chunks of a batch, where the residual condition (the
 * join's non-equality conjuncts) is evaluated as one vector and the
 * survivors selected. LEFT / FULL emit unmatched left rows with NULLs
 * after their batch; RIGHT / FULL emit unmatched build rows at the end.
 */
#include "exec_int.h"

typedef struct HashJoinState {
    ExecStore build;     /* right columns, then the key columns */
    bool built;
    uint64_t *rhash;     /* per build row (global index) */
    uint32_t *next;      /* chain: global index + 1, 0 = end */
    uint32_t *heads;
    uint64_t mask;
    uint8_t *rmatched;   /* RIGHT / FULL: per build row */
    ExprState **lk, **rk;
    MemCtx *var, *kvar;
    OmBatch *left;
    int llive;
    uint64_t *lh;
    uint8_t *lmatched;   /* per physical left row of the current batch */
    uint16_t *pl;        /* candidate pairs of the current left batch */
    uint32_t *pr;
    size_t npairs, cap, pos;
    bool left_tail;      /* unmatched left rows of the batch still to emit */
    int ltail_pos;
    bool left_done;
    uint64_t tail;       /* RIGHT / FULL: next build row to consider */
    OmBatch *out;
    OmBatch *pairs;      /* SEMI / ANTI: candidate pairs for the residual condition */
    ExprState *pred;
    int nl, nr, nk;
    bool semi;
} HashJoinState;

static const OmBatch *build_batch(const HashJoinState *s, uint64_t g, int *row)
{
    *row = (int)(g % OM_BATCH_SIZE);
    return s->build.batches[g / OM_BATCH_SIZE];
}

static int do_build(ExecNode *n, HashJoinState *s)
{
    const PhysNode *p = n->plan;
    OmBatch *b;
    int rc;
    OmVector *cols = mem_new_array(n->q->ctx, OmVector, s->nr + s->nk);
    while ((rc = exec_next(n->children[1], &b)) > 0) {
        mem_ctx_reset(s->kvar);
        int live = om_batch_live(b);
        const uint16_t *sel = b->has_sel ? b->sel : NULL;
        for (int c = 0; c < s->nr; c++) cols[c] = b->cols[c];
        for (int k = 0; k < s->nk; k++) {
            if (exec_expr_eval(s->rk[k], b, sel, live, n->q->err) < 0) return -1;
            cols[s->nr + k] = s->rk[k]->out;
        }
        if (exec_store_append(&s->build, b, cols, n->q->err) < 0) return -1;
    }
    if (rc < 0) return -1;
    uint64_t total = (uint64_t)s->build.rows;
    if (total >= UINT32_MAX) return err_set(n->q->err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "hash join build side too large");
    uint64_t nb = 1024;
    while (nb < total * 2) nb *= 2;
    s->mask = nb - 1;
    s->heads = mem_new_array(n->q->ctx, uint32_t, nb);
    s->rhash = mem_new_array(n->q->ctx, uint64_t, total > 0 ? total : 1);
    s->next = mem_new_array(n->q->ctx, uint32_t, total > 0 ? total : 1);
    if (p->join_type == JOIN_RIGHT || p->join_type == JOIN_FULL)
        s->rmatched = mem_new_array(n->q->ctx, uint8_t, total > 0 ? total : 1);
    for (int bi = 0; bi < s->build.nbatches; bi++) {
        const OmBatch *sb = s->build.batches[bi];
        uint64_t *h = s->rhash + (uint64_t)bi * OM_BATCH_SIZE;
        memset(h, 0, sizeof(uint64_t) * (size_t)sb->count);
        for (int k = 0; k < s->nk; k++) exec_hash_column(p->rkeys[k]->type, &sb->cols[s->nr + k], NULL, sb->count, h);
        for (int r = 0; r < sb->count; r++) {
            bool null_key = false;
            for (int k = 0; k < s->nk; k++) null_key |= om_vec_is_null(&sb->cols[s->nr + k], r);
            if (null_key) continue;
            uint64_t g = (uint64_t)bi * OM_BATCH_SIZE + (uint64_t)r;
            uint64_t slot = h[r] & s->mask;
            s->next[g] = s->heads[slot];
            s->heads[slot] = (uint32_t)(g + 1);
        }
        if (om_intr_check(n->q->err) < 0) return -1;
    }
    s->built = true;
    return 0;
}

static bool keys_match(const ExecNode *n, const HashJoinState *s, int lrow, uint64_t g)
{
    int rr;
    const OmBatch *rb = build_batch(s, g, &rr);
    for (int k = 0; k < s->nk; k++)
        if (type_compare(n->plan->lkeys[k]->type, &s->lk[k]->out, lrow, &rb->cols[s->nr + k], rr) != 0) return false;
    return true;
}

static void add_pair(ExecNode *n, HashJoinState *s, int lrow, uint64_t g)
{
    if (s->npairs == s->cap) {
        size_t nc = s->cap * 2;
        s->pl = mem_realloc(s->var, s->pl, sizeof(uint16_t) * s->cap, sizeof(uint16_t) * nc);
        s->pr = mem_realloc(s->var, s->pr, sizeof(uint32_t) * s->cap, sizeof(uint32_t) * nc);
        s->cap = nc;
    }
    s->pl[s->npairs] = (uint16_t)lrow;
    s->pr[s->npairs++] = (uint32_t)g;
}

/* Candidate pairs of a new left batch. */
static int probe(ExecNode *n, HashJoinState *s)
{
    const PhysNode *p = n->plan;
    mem_ctx_reset(s->var);
    s->cap = OM_BATCH_SIZE;
    s->pl = mem_new_array(s->var, uint16_t, s->cap);
    s->pr = mem_new_array(s->var, uint32_t, s->cap);
    s->npairs = s->pos = 0;
    int live = s->llive;
    const uint16_t *sel = s->left->has_sel ? s->left->sel : NULL;
    for (int k = 0; k < s->nk; k++)
        if (exec_expr_eval(s->lk[k], s->left, sel, live, n->q->err) < 0) return -1;
    memset(s->lh, 0, sizeof(uint64_t) * (size_t)live);
    for (int k = 0; k < s->nk; k++) exec_hash_column(p->lkeys[k]->type, &s->lk[k]->out, sel, live, s->lh);
    memset(s->lmatched, 0, OM_BATCH_SIZE);
    for (int i = 0; i < live; i++) {
        int row = sel ? sel[i] : i;
        bool null_key = false;
        for (int k = 0; k < s->nk; k++) null_key |= om_vec_is_null(&s->lk[k]->out, row);
        if (null_key) continue;
        uint64_t h = s->lh[i];
        for (uint32_t e = s->heads[h & s->mask]; e; e = s->next[e - 1]) {
            uint64_t g = e - 1;
            if (s->rhash[g] == h && keys_match(n, s, row, g)) add_pair(n, s, row, g);
        }
        if ((i & 255) == 255 && om_intr_check(n->q->err) < 0) return -1;
    }
    return 0;
}

static void put_row_in(HashJoinState *s, OmBatch *o, int d, int lrow, uint64_t g, bool has_right)
{
    for (int c = 0; c < s->nl; c++) {
        if (lrow < 0) om_vec_set_null(&o->cols[c], d, true);
        else exec_copy_value(&s->left->cols[c], lrow, &o->cols[c], d, NULL);
    }
    if (o->ncols == s->nl) return; /* SEMI / ANTI output: the left row only */
    int rr;
    const OmBatch *rb = has_right ? build_batch(s, g, &rr) : NULL;
    for (int c = 0; c < s->nr; c++) {
        if (!rb) om_vec_set_null(&o->cols[s->nl + c], d, true);
        else exec_copy_value(&rb->cols[c], rr, &o->cols[s->nl + c], d, NULL);
    }
}

static void put_row(HashJoinState *s, int d, int lrow, uint64_t g, bool has_right)
{
    put_row_in(s, s->out, d, lrow, g, has_right);
}

/* SEMI / ANTI: which left rows of the batch have a match (the residual
 * condition evaluated over the candidate pairs a batch at a time). */
static int semi_match(ExecNode *n, HashJoinState *s)
{
    while (s->pos < s->npairs) {
        OmBatch *pb = s->pairs;
        om_batch_clear(pb);
        size_t start = s->pos;
        int k = 0;
        for (; s->pos < s->npairs && k < OM_BATCH_SIZE; s->pos++, k++) put_row_in(s, pb, k, s->pl[s->pos], s->pr[s->pos], true);
        pb->count = k;
        mem_ctx_reset(s->kvar);
        if (exec_expr_eval(s->pred, pb, NULL, k, n->q->err) < 0) return -1;
        for (int i = 0; i < k; i++)
            if (!om_vec_is_null(&s->pred->out, i) && ((const uint8_t *)s->pred->out.data)[i]) s->lmatched[s->pl[start + i]] = 1;
    }
    return 0;
}

static int hj_next(ExecNode *n, OmBatch **out)
{
    HashJoinState *s = n->state;
    JoinType jt = n->plan->join_type;
    if (!s->built && do_build(n, s) < 0) return -1;
    for (;;) {
        om_batch_clear(s->out);
        OmBatch *o = s->out;
        if (s->left && s->pos < s->npairs) {
            /* A chunk of candidate pairs, then the residual condition. */
            int k = 0;
            size_t start = s->pos;
            for (; s->pos < s->npairs && k < OM_BATCH_SIZE; s->pos++, k++) put_row(s, k, s->pl[s->pos], s->pr[s->pos], true);
            o->count = k;
            int m = k;
            if (s->pred) {
                mem_ctx_reset(s->kvar);
                if (exec_expr_eval(s->pred, o, NULL, k, n->q->err) < 0) return -1;
                m = 0;
                for (int i = 0; i < k; i++)
                    if (!om_vec_is_null(&s->pred->out, i) && ((const uint8_t *)s->pred->out.data)[i]) o->sel[m++] = (uint16_t)i;
                o->has_sel = true;
                o->nsel = m;
            }
            for (int i = 0; i < m; i++) {
                size_t pi = start + (size_t)(s->pred ? o->sel[i] : i);
                s->lmatched[s->pl[pi]] = 1;
                if (s->rmatched) s->rmatched[s->pr[pi]] = 1;
            }
            if (m == 0) continue;
            *out = o;
            return 1;
        }
        if (s->left && s->left_tail) {
            int k = 0;
            bool want = jt == JOIN_SEMI; /* SEMI keeps matched rows; LEFT, FULL, ANTI the others */
            for (; s->ltail_pos < s->llive && k < OM_BATCH_SIZE; s->ltail_pos++) {
                int row = om_batch_row(s->left, s->ltail_pos);
                if ((bool)s->lmatched[row] == want) put_row(s, k++, row, 0, false);
            }
            if (s->ltail_pos >= s->llive) s->left_tail = false;
            if (k == 0) continue;
            o->count = k;
            *out = o;
            return 1;
        }
        if (!s->left_done) {
            int rc = exec_next(n->child, &s->left);
            if (rc < 0) return -1;
            if (rc == 0) {
                s->left_done = true;
                s->left = NULL;
                continue;
            }
            s->llive = om_batch_live(s->left);
            if (probe(n, s) < 0) return -1;
            s->left_tail = jt == JOIN_LEFT || jt == JOIN_FULL || s->semi;
            if (s->semi) {
                if (s->pred) {
                    if (semi_match(n, s) < 0) return -1;
                } else {
                    for (size_t i = 0; i < s->npairs; i++) s->lmatched[s->pl[i]] = 1;
                }
                s->pos = s->npairs;
            }
            s->ltail_pos = 0;
            continue;
        }
        if (!s->rmatched) return 0;
        int k = 0;
        uint64_t total = (uint64_t)s->build.rows;
        for (; s->tail < total && k < OM_BATCH_SIZE; s->tail++)
            if (!s->rmatched[s->tail]) put_row(s, k++, -1, s->tail, true);
        if (k == 0) return 0;
        o->count = k;
        *out = o;
        return 1;
    }
}

int exec_hash_join_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    HashJoinState *s = mem_new(ctx, HashJoinState);
    const PhysNode *r = p->children[1];
    s->nl = p->children[0]->ncols;
    s->nr = r->ncols;
    s->nk = p->nkeys;
    OmPhysType *ph = mem_new_array(ctx, OmPhysType, s->nr + s->nk);
    for (int c = 0; c < s->nr; c++) ph[c] = type_phys(r->types[c].id);
    for (int k = 0; k < s->nk; k++) ph[s->nr + k] = type_phys(p->rkeys[k]->type.id);
    exec_store_init(&s->build, mem_ctx_create(ctx, "hash-join-build"), s->nr + s->nk, ph, false);
    exec_store_budget(&s->build, n->q, "Hash Join");
    s->var = mem_ctx_create(ctx, "hash-join-pairs");
    s->kvar = mem_ctx_create(ctx, "hash-join-var");
    s->lk = mem_new_array(ctx, ExprState *, s->nk);
    s->rk = mem_new_array(ctx, ExprState *, s->nk);
    for (int k = 0; k < s->nk; k++) {
        s->lk[k] = exec_expr_build(ctx, p->lkeys[k], s->kvar, n->q);
        s->rk[k] = exec_expr_build(ctx, p->rkeys[k], s->kvar, n->q);
    }
    s->lh = mem_new_array(ctx, uint64_t, OM_BATCH_SIZE);
    s->lmatched = mem_new_array(ctx, uint8_t, OM_BATCH_SIZE);
    s->semi = p->join_type == JOIN_SEMI || p->join_type == JOIN_ANTI;
    s->out = om_batch_create(ctx, p->ncols, exec_phys_types(ctx, p), false);
    if (s->semi) {
        OmPhysType *pp = mem_new_array(ctx, OmPhysType, s->nl + s->nr + 1);
        for (int c = 0; c < s->nl; c++) pp[c] = type_phys(p->children[0]->types[c].id);
        for (int c = 0; c < s->nr; c++) pp[s->nl + c] = type_phys(r->types[c].id);
        s->pairs = om_batch_create(ctx, s->nl + s->nr, pp, false);
    }
    if (p->pred) s->pred = exec_expr_build(ctx, p->pred, s->kvar, n->q);
    n->state = s;
    n->next = hj_next;
    return 0;
}
