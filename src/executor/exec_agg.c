/*
 * exec_agg.c — Agg: plain aggregation (no GROUP BY: one group, one row even
 * over no input) and hash aggregation (GROUP BY keys → group ids through an
 * open-addressing table; one row per group, in order of first appearance).
 *
 * Per input batch: the key expressions are evaluated as vectors, hashed a
 * column at a time (exec_hash.c), and each row is looked up or given a new
 * group id; then every aggregate folds the whole batch in one call of its
 * update function over (row, group id) pairs (functions/fn_agg.h), after
 * FILTER and, for strict aggregates, NULL inputs have been taken out. Group
 * keys are kept in a store of batches (one row per group) and the states in
 * an array per aggregate; both count against work_mem (53200 past it until
 * hash aggregation spills).
 */
#include "../common/interrupt.h"
#include "../functions/fn_agg.h"
#include "exec_int.h"

typedef struct AggRun {
    const BoundAgg *agg;
    int nargs, nstrict0, nstrict; /* evaluated expressions; strict checks args[nstrict0 .. nstrict) */
    ExprState **args;
    const OmVector **argv;
    AggSorted *sorted;   /* ORDER BY / DISTINCT of several arguments / WITHIN GROUP */
    ExprState *filter;
    FnAggCall call;
    uint8_t *states;
    size_t cap;          /* groups the states array has room for */
    /* agg(DISTINCT x): the (group, value) pairs seen, so each reaches
     * update once. */
    ExecStore dvals;
    uint32_t *dgid;
    uint64_t *dhash;
    size_t dcap;
    uint32_t *dtable;
    size_t dtsize;
    uint32_t dn;
} AggRun;

typedef struct AggState {
    int ngk;
    ExprState **gk;
    const OmVector **gkv;
    OmVector *kcols;     /* the key vectors of the batch, for the key store */
    AggRun *runs;
    ExecStore keys;      /* group keys, group g at batch g / 2048, row g % 2048 */
    uint64_t *ghash;
    size_t gcap;
    uint32_t *table;     /* group id + 1, 0 = empty */
    size_t tsize;
    uint32_t ngroups;
    uint64_t *h;
    uint32_t *gids;
    uint32_t *gids2;
    uint16_t *sel2;
    MemCtx *var, *state_ctx;
    bool done;
    uint32_t emit_pos;
    OmBatch *out;
    size_t limit;
} AggState;

static int over_budget(ExecNode *n, AggState *s)
{
    /* The distinct-value stores are children of state_ctx. */
    if (!s->limit || mem_ctx_bytes(s->state_ctx) + mem_ctx_bytes(s->keys.ctx) <= s->limit) return 0;
    err_set(n->q->err, ERRCODE_OUT_OF_MEMORY, "out of memory");
    err_detail(n->q->err, "HashAggregate needs more than work_mem (%zu kB) and cannot spill to disk yet.",
               s->limit / 1024);
    return -1;
}

/* Room for group id g in every aggregate's state array (new states inited). */
static int grow_states(ExecNode *n, AggState *s, uint32_t g)
{
    const PhysNode *p = n->plan;
    for (int a = 0; a < p->naggs; a++) {
        AggRun *r = &s->runs[a];
        size_t sz = r->agg->fn->state_size;
        if (g >= r->cap) {
            size_t nc = r->cap ? r->cap * 2 : 64;
            while (nc <= g) nc *= 2;
            r->states = mem_realloc(s->state_ctx, r->states, r->cap * sz, nc * sz);
            r->cap = nc;
        }
        r->agg->fn->init(r->states + (size_t)g * sz);
    }
    if (g >= s->gcap) {
        size_t nc = s->gcap ? s->gcap * 2 : 64;
        s->ghash = mem_realloc(s->state_ctx, s->ghash, s->gcap * sizeof(uint64_t), nc * sizeof(uint64_t));
        s->gcap = nc;
    }
    return over_budget(n, s);
}

static void rehash(AggState *s, size_t nsize)
{
    uint32_t *t = mem_new_array(s->state_ctx, uint32_t, nsize);
    for (uint32_t g = 0; g < s->ngroups; g++) {
        size_t i = s->ghash[g] & (nsize - 1);
        while (t[i]) i = (i + 1) & (nsize - 1);
        t[i] = g + 1;
    }
    s->table = t;
    s->tsize = nsize;
}

static bool group_matches(const PhysNode *p, AggState *s, uint32_t g, int row)
{
    const OmBatch *kb = s->keys.batches[g / OM_BATCH_SIZE];
    int kr = (int)(g % OM_BATCH_SIZE);
    for (int c = 0; c < s->ngk; c++)
        if (!exec_keys_equal(p->exprs[c]->type, &kb->cols[c], kr, s->gkv[c], row)) return false;
    return true;
}

/* Group ids for the live rows of b (key vectors already evaluated). */
static int assign_groups(ExecNode *n, AggState *s, const OmBatch *b, int live)
{
    const PhysNode *p = n->plan;
    const uint16_t *sel = b->has_sel ? b->sel : NULL;
    memset(s->h, 0, sizeof(uint64_t) * (size_t)live);
    for (int c = 0; c < s->ngk; c++) exec_hash_column(p->exprs[c]->type, s->gkv[c], sel, live, s->h);
    for (int k = 0; k < live; k++) {
        int row = sel ? sel[k] : k;
        uint64_t h = s->h[k];
        size_t i = h & (s->tsize - 1);
        uint32_t found = 0;
        for (; s->table[i]; i = (i + 1) & (s->tsize - 1)) {
            uint32_t g = s->table[i] - 1;
            if (s->ghash[g] == h && group_matches(p, s, g, row)) {
                found = s->table[i];
                break;
            }
        }
        if (!found) {
            uint32_t g = s->ngroups;
            if (grow_states(n, s, g) < 0) return -1;
            uint16_t one = (uint16_t)row;
            OmBatch view = {.ncols = s->ngk, .count = b->count, .sel = &one, .nsel = 1, .has_sel = true};
            for (int c = 0; c < s->ngk; c++) s->kcols[c] = *s->gkv[c];
            if (exec_store_append(&s->keys, &view, s->kcols, n->q->err) < 0) return -1;
            s->ghash[g] = h;
            s->table[i] = g + 1;
            s->ngroups++;
            found = g + 1;
            if ((size_t)s->ngroups * 2 > s->tsize) rehash(s, s->tsize * 2);
        }
        s->gids[k] = found - 1;
    }
    return 0;
}

static void distinct_rehash(AggState *s, AggRun *r, size_t nsize)
{
    uint32_t *t = mem_new_array(s->state_ctx, uint32_t, nsize);
    for (uint32_t i = 0; i < r->dn; i++) {
        size_t j = r->dhash[i] & (nsize - 1);
        while (t[j]) j = (j + 1) & (nsize - 1);
        t[j] = i + 1;
    }
    r->dtable = t;
    r->dtsize = nsize;
}

/* Keep, of the m (row, group) pairs, those whose value the group has not
 * seen yet; returns how many are left. */
static int distinct_filter(ExecNode *n, AggState *s, AggRun *r, const OmBatch *b, const OmVector *v, int m)
{
    OmType t = r->agg->args[0]->type;
    memset(s->h, 0, sizeof(uint64_t) * (size_t)m);
    exec_hash_column(t, v, s->sel2, m, s->h);
    int kept = 0;
    for (int k = 0; k < m; k++) {
        int row = s->sel2[k];
        uint32_t g = s->gids2[k];
        uint64_t h = s->h[k] * 0x9e3779b97f4a7c15ULL + g;
        size_t j = h & (r->dtsize - 1);
        bool seen = false;
        for (; r->dtable[j]; j = (j + 1) & (r->dtsize - 1)) {
            uint32_t i = r->dtable[j] - 1;
            if (r->dhash[i] != h || r->dgid[i] != g) continue;
            const OmBatch *db = r->dvals.batches[i / OM_BATCH_SIZE];
            if (exec_keys_equal(t, &db->cols[0], (int)(i % OM_BATCH_SIZE), v, row)) {
                seen = true;
                break;
            }
        }
        if (seen) continue;
        if (r->dn == r->dcap) {
            size_t nc = r->dcap ? r->dcap * 2 : 256;
            r->dgid = mem_realloc(s->state_ctx, r->dgid, r->dcap * sizeof(uint32_t), nc * sizeof(uint32_t));
            r->dhash = mem_realloc(s->state_ctx, r->dhash, r->dcap * sizeof(uint64_t), nc * sizeof(uint64_t));
            r->dcap = nc;
        }
        uint16_t one = (uint16_t)row;
        OmBatch view = {.ncols = 1, .count = b->count, .sel = &one, .nsel = 1, .has_sel = true};
        if (exec_store_append(&r->dvals, &view, v, n->q->err) < 0) return -1;
        r->dgid[r->dn] = g;
        r->dhash[r->dn] = h;
        r->dtable[j] = ++r->dn;
        if ((size_t)r->dn * 2 > r->dtsize) distinct_rehash(s, r, r->dtsize * 2);
        s->sel2[kept] = (uint16_t)row;
        s->gids2[kept++] = g;
    }
    if (over_budget(n, s) < 0) return -1;
    return kept;
}

static int consume(ExecNode *n, AggState *s)
{
    const PhysNode *p = n->plan;
    OmBatch *b;
    int rc;
    while ((rc = exec_next(n->child, &b)) > 0) {
        mem_ctx_reset(s->var);
        int live = om_batch_live(b);
        if (live == 0) continue;
        const uint16_t *sel = b->has_sel ? b->sel : NULL;
        if (s->ngk) {
            for (int c = 0; c < s->ngk; c++) {
                if (exec_expr_eval(s->gk[c], b, sel, live, n->q->err) < 0) return -1;
                s->gkv[c] = &s->gk[c]->out;
            }
            if (assign_groups(n, s, b, live) < 0) return -1;
        } else {
            memset(s->gids, 0, sizeof(uint32_t) * (size_t)live);
        }
        if (om_intr_check(n->q->err) < 0) return -1;
        for (int a = 0; a < p->naggs; a++) {
            AggRun *r = &s->runs[a];
            const OmVector **argv = r->argv;
            for (int i = 0; i < r->nargs; i++) {
                if (exec_expr_eval(r->args[i], b, sel, live, n->q->err) < 0) return -1;
                argv[i] = &r->args[i]->out;
            }
            if (r->filter && exec_expr_eval(r->filter, b, sel, live, n->q->err) < 0) return -1;
            int m = 0;
            for (int k = 0; k < live; k++) {
                int row = sel ? sel[k] : k;
                if (r->filter && (om_vec_is_null(&r->filter->out, row) || !((const uint8_t *)r->filter->out.data)[row]))
                    continue;
                bool null_arg = false;
                for (int i = r->nstrict0; i < r->nstrict && !null_arg; i++) null_arg = om_vec_is_null(argv[i], row);
                if (null_arg) continue;
                s->sel2[m] = (uint16_t)row;
                s->gids2[m++] = s->gids[k];
            }
            if (r->sorted) {
                if (exec_aggsort_add(r->sorted, b, argv, s->sel2, s->gids2, m, n->q->err) < 0 || over_budget(n, s) < 0)
                    return -1;
                continue;
            }
            if (m && r->agg->distinct && (m = distinct_filter(n, s, r, b, argv[0], m)) < 0) return -1;
            if (m && r->agg->fn->update(&r->call, r->states, s->gids2, argv, s->sel2, m) < 0) return -1;
            /* Collecting states (string_agg, array_agg) grow with the input. */
            if (over_budget(n, s) < 0) return -1;
        }
    }
    return rc;
}

static int agg_next(ExecNode *n, OmBatch **out)
{
    AggState *s = n->state;
    const PhysNode *p = n->plan;
    if (!s->done) {
        if (consume(n, s) < 0) return -1;
        for (int a = 0; a < p->naggs; a++) {
            AggRun *r = &s->runs[a];
            if (r->sorted && (exec_aggsort_finish(r->sorted, r->states, s->ngroups, n->q->err) < 0 ||
                              over_budget(n, s) < 0))
                return -1;
        }
        s->done = true;
    }
    if (s->emit_pos >= s->ngroups) return 0;
    om_batch_clear(s->out);
    int k = 0;
    for (; s->emit_pos < s->ngroups && k < OM_BATCH_SIZE; s->emit_pos++, k++) {
        uint32_t g = s->emit_pos;
        if (s->ngk) {
            const OmBatch *kb = s->keys.batches[g / OM_BATCH_SIZE];
            for (int c = 0; c < s->ngk; c++)
                exec_copy_value(&kb->cols[c], (int)(g % OM_BATCH_SIZE), &s->out->cols[c], k, NULL);
        }
        for (int a = 0; a < p->naggs; a++) {
            AggRun *r = &s->runs[a];
            OmVector *o = &s->out->cols[s->ngk + a];
            if (r->agg->fn->kind != FN_AGG_PLAIN) {
                if (exec_aggsort_final(r->sorted, g, o, k) < 0) return -1;
            } else if (r->agg->fn->final(&r->call, r->states + (size_t)g * r->agg->fn->state_size, o, k) < 0) {
                return -1;
            }
        }
    }
    s->out->count = k;
    *out = s->out;
    return 1;
}

int exec_agg_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    AggState *s = mem_new(ctx, AggState);
    s->var = mem_ctx_create(ctx, "agg-var");
    s->state_ctx = mem_ctx_create(ctx, "agg-states");
    s->limit = n->q->mem_limit;
    s->ngk = p->nexprs;
    s->gk = mem_new_array(ctx, ExprState *, s->ngk > 0 ? s->ngk : 1);
    s->gkv = mem_new_array(ctx, const OmVector *, s->ngk > 0 ? s->ngk : 1);
    s->kcols = mem_new_array(ctx, OmVector, s->ngk > 0 ? s->ngk : 1);
    OmPhysType *kph = mem_new_array(ctx, OmPhysType, s->ngk > 0 ? s->ngk : 1);
    for (int c = 0; c < s->ngk; c++) {
        s->gk[c] = exec_expr_build(ctx, p->exprs[c], s->var, n->q);
        kph[c] = type_phys(p->exprs[c]->type.id);
    }
    exec_store_init(&s->keys, mem_ctx_create(ctx, "agg-keys"), s->ngk, kph, false);
    s->runs = mem_new_array(ctx, AggRun, p->naggs > 0 ? p->naggs : 1);
    for (int a = 0; a < p->naggs; a++) {
        AggRun *r = &s->runs[a];
        const BoundAgg *ag = r->agg = &p->aggs[a];
        r->nargs = ag->star ? 0 : ag->nargs;
        r->args = mem_new_array(ctx, ExprState *, r->nargs > 0 ? r->nargs : 1);
        r->argv = mem_new_array(ctx, const OmVector *, r->nargs > 0 ? r->nargs : 1);
        for (int i = 0; i < r->nargs; i++) r->args[i] = exec_expr_build(ctx, ag->args[i], s->var, n->q);
        /* Arguments, then ORDER BY keys; none of either said: all arguments. */
        int nin = ag->ninputs || ag->norder ? ag->ninputs : r->nargs;
        if (ag->fn->strict) {
            /* A strict aggregate skips rows with a NULL argument; an
             * ordered-set one (percentile_cont, mode) rows with a NULL key. */
            r->nstrict0 = ag->fn->kind == FN_AGG_ORDERED ? nin : 0;
            r->nstrict = ag->fn->kind == FN_AGG_ORDERED ? r->nargs : nin;
        }
        if (ag->filter) r->filter = exec_expr_build(ctx, ag->filter, s->var, n->q);
        r->call.ctx = s->state_ctx;
        r->call.err = n->q->err;
        r->call.arg_type = r->nargs ? ag->args[0]->type : om_type(OM_T_NULL);
        r->call.ret_type = ag->type;
        r->call.nargs = r->nargs;
        OmType *ats = mem_new_array(ctx, OmType, r->nargs > 0 ? r->nargs : 1);
        for (int i = 0; i < r->nargs; i++) ats[i] = ag->args[i]->type;
        r->call.arg_types = ats;
        r->call.nkeys = ag->norder;
        r->call.key_desc = ag->order_desc;
        r->call.key_nulls_first = ag->order_nulls_first;
        /* DISTINCT sorts its input in PostgreSQL, so array_agg(DISTINCT x)
         * sees the values in order: only fn_agg.c's own aggregates, which
         * do not depend on the order, keep the hash filter. */
        if (ag->norder || ag->fn->kind != FN_AGG_PLAIN || (ag->distinct && (nin > 1 || ag->fn->nargs)))
            r->sorted = exec_aggsort_create(s->state_ctx, ag, &r->call, nin);
        if (r->agg->distinct && !r->sorted) {
            OmPhysType *dp = mem_new_array(ctx, OmPhysType, 1);
            dp[0] = type_phys(r->agg->args[0]->type.id);
            exec_store_init(&r->dvals, mem_ctx_create(s->state_ctx, "agg-distinct"), 1, dp, false);
            distinct_rehash(s, r, 1024);
        }
    }
    s->h = mem_new_array(ctx, uint64_t, OM_BATCH_SIZE);
    s->gids = mem_new_array(ctx, uint32_t, OM_BATCH_SIZE);
    s->gids2 = mem_new_array(ctx, uint32_t, OM_BATCH_SIZE);
    s->sel2 = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
    s->out = om_batch_create(ctx, p->ncols, exec_phys_types(ctx, p), false);
    if (s->ngk) {
        rehash(s, 1024);
    } else {
        /* One group, present even over no input. */
        if (grow_states(n, s, 0) < 0) return -1;
        s->ngroups = 1;
    }
    n->state = s;
    n->next = agg_next;
    return 0;
}
