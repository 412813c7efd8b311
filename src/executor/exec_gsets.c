/*
 * exec_gsets.c — GroupingSets: GROUP BY GROUPING SETS / ROLLUP / CUBE in one
 * pass over the input, with one hash aggregation.
 *
 * An inner Expand step evaluates the group keys of each input batch once
 * and hands the batch on once per grouping set: the input columns, every
 * key (a shared all-NULL column where the set does not group by it) and
 * the set's number. A hash Agg (exec_agg.c) groups those views by (keys,
 * set number), so the groups of all sets live in its one table — counted
 * against work_mem as any hash aggregation — and nothing of the input is
 * kept (PostgreSQL's MixedAggregate fills one table per set in one pass
 * the same way). The input is never re-read.
 *
 * Output rows: every key, the aggregates, then each grouping() call's
 * bitmask, looked up per row from its set number. Over no input at all
 * the empty sets (GROUP BY (), ROLLUP's last set) still give one row each:
 * a plain Agg over nothing supplies the aggregates' values for them.
 */
#include "exec_int.h"

typedef struct ExpandState {
    ExecNode *src;       /* the GroupingSets node's child */
    const PhysNode *p;
    int in_ncols;
    ExprState **keys;    /* key expressions over the input */
    MemCtx *var;         /* their strings, reset per input batch */
    OmBatch *in;         /* the input batch being handed on */
    int next_set;
    bool any_rows;
    OmVector *nulls;     /* per key: a column of NULLs */
    OmVector setid;      /* the view's set number in every row */
    OmBatch view;
} ExpandState;

typedef struct GsetsState {
    ExecNode expand;
    ExpandState x;
    PhysNode agg_plan;   /* keys ++ set number → aggregates, over the views */
    ExecNode *agg;
    bool agg_done;
    int32_t *gtab;       /* grouping() values: [set * ngroupings + call] */
    OmVector *gvals;     /* per grouping() call: the output column */
    int empty_pos;       /* no input: the next set to look at for emptiness */
    OmBatch *empty_row;  /* no input: the aggregates over no rows */
    OmBatch out;
} GsetsState;

static int expand_next(ExecNode *n, OmBatch **out)
{
    ExpandState *x = n->state;
    const PhysNode *p = x->p;
    if (!x->in || x->next_set >= p->ngsets) {
        OmBatch *b;
        int rc;
        do {
            rc = exec_next(x->src, &b);
            if (rc <= 0) return rc;
        } while (om_batch_live(b) == 0);
        mem_ctx_reset(x->var);
        const uint16_t *sel = b->has_sel ? b->sel : NULL;
        for (int k = 0; k < p->nexprs; k++)
            if (exec_expr_eval(x->keys[k], b, sel, om_batch_live(b), n->q->err) < 0) return -1;
        x->in = b;
        x->next_set = 0;
        x->any_rows = true;
    }
    int s = x->next_set++;
    const GroupKeySet *gs = &p->gsets[s];
    OmBatch *in = x->in, *v = &x->view;
    for (int c = 0; c < x->in_ncols; c++) v->cols[c] = in->cols[c];
    for (int k = 0; k < p->nexprs; k++) v->cols[x->in_ncols + k] = x->nulls[k];
    for (int i = 0; i < gs->n; i++) v->cols[x->in_ncols + gs->keys[i]] = x->keys[gs->keys[i]]->out;
    int32_t *d = x->setid.data;
    for (int r = 0; r < in->count; r++) d[r] = s;
    v->cols[x->in_ncols + p->nexprs] = x->setid;
    v->count = in->count;
    v->has_sel = in->has_sel;
    v->nsel = in->nsel;
    v->sel = in->sel;
    v->var_ctx = in->var_ctx;
    *out = v;
    return 1;
}

static int none_next(ExecNode *n, OmBatch **out)
{
    (void)n;
    (void)out;
    return 0;
}

/* The aggregates' values over no rows (plain Agg over an empty input). */
static int aggregate_nothing(ExecNode *n, GsetsState *s)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    PhysNode *pp = mem_new(ctx, PhysNode);
    pp->kind = PHYS_AGG;
    pp->naggs = p->naggs;
    pp->aggs = p->aggs;
    pp->ncols = p->naggs;
    pp->types = p->types + p->nexprs;
    ExecNode *none = mem_new(ctx, ExecNode);
    none->q = n->q;
    none->next = none_next;
    ExecNode *a = mem_new(ctx, ExecNode);
    a->plan = pp;
    a->q = n->q;
    a->nchildren = 1;
    a->children = mem_new_array(ctx, ExecNode *, 1);
    a->children[0] = none;
    a->child = none;
    if (exec_agg_init(a) < 0) return -1;
    int rc = exec_next(a, &s->empty_row);
    if (rc < 0) return -1;
    if (rc == 0) return err_set(n->q->err, ERRCODE_INTERNAL_ERROR, "aggregate over no rows gave no row");
    return 0;
}

static void fill_groupings(const PhysNode *p, GsetsState *s, const OmVector *setid, const OmBatch *b, int set)
{
    for (int j = 0; j < p->ngroupings; j++) {
        int32_t *d = s->gvals[j].data;
        for (int k = 0; k < om_batch_live(b); k++) {
            int r = om_batch_row(b, k);
            int sid = setid ? ((const int32_t *)setid->data)[r] : set;
            d[r] = s->gtab[(size_t)sid * (size_t)p->ngroupings + (size_t)j];
        }
        s->out.cols[p->nexprs + p->naggs + j] = s->gvals[j];
    }
}

static int gsets_next(ExecNode *n, OmBatch **out)
{
    GsetsState *s = n->state;
    const PhysNode *p = n->plan;
    if (!s->agg_done) {
        OmBatch *ab;
        int rc = exec_next(s->agg, &ab);
        if (rc < 0) return -1;
        if (rc > 0) {
            /* Agg output: keys, set number, aggregates. */
            for (int k = 0; k < p->nexprs; k++) s->out.cols[k] = ab->cols[k];
            for (int a = 0; a < p->naggs; a++) s->out.cols[p->nexprs + a] = ab->cols[p->nexprs + 1 + a];
            fill_groupings(p, s, &ab->cols[p->nexprs], ab, 0);
            s->out.count = ab->count;
            s->out.has_sel = ab->has_sel;
            s->out.nsel = ab->nsel;
            if (ab->has_sel) memcpy(s->out.sel, ab->sel, sizeof(uint16_t) * (size_t)ab->nsel);
            s->out.var_ctx = ab->var_ctx;
            *out = &s->out;
            return 1;
        }
        s->agg_done = true;
    }
    if (s->x.any_rows) return 0;
    while (s->empty_pos < p->ngsets && p->gsets[s->empty_pos].n != 0) s->empty_pos++;
    if (s->empty_pos >= p->ngsets) return 0;
    int set = s->empty_pos++;
    if (!s->empty_row && aggregate_nothing(n, s) < 0) return -1;
    for (int k = 0; k < p->nexprs; k++) s->out.cols[k] = s->x.nulls[k];
    for (int a = 0; a < p->naggs; a++) s->out.cols[p->nexprs + a] = s->empty_row->cols[a];
    s->out.count = 1;
    s->out.has_sel = false;
    s->out.nsel = 0;
    fill_groupings(p, s, NULL, &s->out, set);
    *out = &s->out;
    return 1;
}

static OmVector new_vector(MemCtx *ctx, OmPhysType phys, bool all_null)
{
    size_t words = OM_BATCH_SIZE / 64;
    OmVector v = {.phys = phys};
    v.data = mem_zalloc(ctx, om_phys_size(phys) * OM_BATCH_SIZE);
    v.nulls = mem_new_array(ctx, uint64_t, words);
    if (all_null) memset(v.nulls, 0xff, sizeof(uint64_t) * words);
    return v;
}

static bool set_has(const GroupKeySet *gs, int key)
{
    for (int i = 0; i < gs->n; i++)
        if (gs->keys[i] == key) return true;
    return false;
}

int exec_gsets_init(ExecNode *n)
{
    MemCtx *ctx = n->q->ctx;
    const PhysNode *p = n->plan;
    GsetsState *s = mem_new(ctx, GsetsState);
    int nin = p->child->ncols, nk = p->nexprs;
    /* Expand, the hash Agg's input. */
    ExpandState *x = &s->x;
    x->src = n->child;
    x->p = p;
    x->in_ncols = nin;
    x->var = mem_ctx_create(ctx, "gsets-keys");
    x->keys = mem_new_array(ctx, ExprState *, nk > 0 ? nk : 1);
    x->nulls = mem_new_array(ctx, OmVector, nk > 0 ? nk : 1);
    for (int k = 0; k < nk; k++) {
        x->keys[k] = exec_expr_build(ctx, p->exprs[k], x->var, n->q);
        x->nulls[k] = new_vector(ctx, type_phys(p->exprs[k]->type.id), true);
    }
    x->setid = new_vector(ctx, OM_PHYS_I32, false);
    x->view.ncols = nin + nk + 1;
    x->view.cols = mem_new_array(ctx, OmVector, nin + nk + 1);
    s->expand.q = n->q;
    s->expand.next = expand_next;
    s->expand.state = x;
    /* The hash Agg: keys are the view's key columns and the set number;
     * the aggregates read the input columns, at the same slots. */
    PhysNode *a = &s->agg_plan;
    a->kind = PHYS_AGG;
    a->nexprs = nk + 1;
    a->exprs = mem_new_array(ctx, BoundExpr *, nk + 1);
    a->naggs = p->naggs;
    a->aggs = p->aggs;
    a->ncols = nk + 1 + p->naggs;
    a->types = mem_new_array(ctx, OmType, a->ncols);
    for (int k = 0; k <= nk; k++) {
        BoundExpr *c = mem_new(ctx, BoundExpr);
        c->kind = BE_COLUMN;
        c->binding = -1;
        c->col = nin + k;
        c->location = -1;
        c->type = k < nk ? p->exprs[k]->type : om_type(OM_T_INT4);
        a->exprs[k] = c;
        a->types[k] = c->type;
    }
    for (int j = 0; j < p->naggs; j++) a->types[nk + 1 + j] = p->aggs[j].type;
    ExecNode *an = mem_new(ctx, ExecNode);
    an->plan = a;
    an->q = n->q;
    an->nchildren = 1;
    an->children = mem_new_array(ctx, ExecNode *, 1);
    an->children[0] = &s->expand;
    an->child = &s->expand;
    if (exec_agg_init(an) < 0) return -1;
    s->agg = an;
    /* grouping(a, b, ...) per set: a bit per argument the set does not
     * group by, the first argument the most significant. */
    s->gtab = mem_new_array(ctx, int32_t, (size_t)p->ngsets * (size_t)(p->ngroupings > 0 ? p->ngroupings : 1));
    for (int g = 0; g < p->ngsets; g++)
        for (int j = 0; j < p->ngroupings; j++) {
            int32_t v = 0;
            for (int i = 0; i < p->groupings[j].n; i++)
                v = (v << 1) | (set_has(&p->gsets[g], p->groupings[j].keys[i]) ? 0 : 1);
            s->gtab[(size_t)g * (size_t)p->ngroupings + (size_t)j] = v;
        }
    s->gvals = mem_new_array(ctx, OmVector, p->ngroupings > 0 ? p->ngroupings : 1);
    for (int j = 0; j < p->ngroupings; j++) s->gvals[j] = new_vector(ctx, OM_PHYS_I32, false);
    s->out.ncols = p->ncols;
    s->out.cols = mem_new_array(ctx, OmVector, p->ncols > 0 ? p->ncols : 1);
    s->out.sel = mem_new_array(ctx, uint16_t, OM_BATCH_SIZE);
    n->state = s;
    n->next = gsets_next;
    return 0;
}
