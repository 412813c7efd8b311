/*
 * exec_srf.c — ProjectSet: runs set-returning functions for each input row,
 * in lockstep as PostgreSQL 10+ does (row k of the output takes the k-th
 * value of every function; a function whose set ended gives NULL; the row
 * is done when all have ended). Input columns are repeated beside them,
 * unless the node is a FROM function scan (srf_only), which may add an
 * ordinality counter.
 *
 * Functions produce values in pieces into their own buffers (fn_srf.h);
 * values are copied (strings deeply) into the output batch, so a function's
 * strings may go when its buffer is refilled.
 */
#include "../functions/fn_srf.h"
#include "exec_int.h"

typedef struct SrfRun {
    const BoundExpr *call;
    const FnSrfDesc *d;
    ExprState **args;
    const OmVector **argv;
    FnCall fc;
    OmType *arg_types;
    MemCtx *state_ctx, *var;
    void *state;
    OmBatch *buf;        /* nout columns */
    OmVector **bufcols;
    int buf_n, buf_pos;
    bool done;
} SrfRun;

typedef struct ProjectSetState {
    SrfRun *runs;
    OmBatch *in;
    int live, pos;
    bool row_active, finished;
    int64_t ordinal;
    MemCtx *argvar;
    OmBatch *out;
    int base;            /* passed-through input columns */
} ProjectSetState;

static int eval_args(ExecNode *n, ProjectSetState *s)
{
    mem_ctx_reset(s->argvar);
    const uint16_t *sel = s->in->has_sel ? s->in->sel : NULL;
    for (int i = 0; i < n->plan->nsrfs; i++) {
        SrfRun *r = &s->runs[i];
        for (int a = 0; a < r->call->nargs; a++) {
            if (exec_expr_eval(r->args[a], s->in, sel, s->live, n->q->err) < 0) return -1;
            r->argv[a] = &r->args[a]->out;
        }
    }
    return 0;
}

static int open_row(ExecNode *n, ProjectSetState *s, int row)
{
    for (int i = 0; i < n->plan->nsrfs; i++) {
        SrfRun *r = &s->runs[i];
        mem_ctx_reset(r->state_ctx);
        r->buf_n = r->buf_pos = 0;
        r->done = false;
        r->state = NULL;
        bool null_arg = false;
        for (int a = 0; a < r->call->nargs; a++) null_arg |= om_vec_is_null(r->argv[a], row);
        if (null_arg && (r->d->flags & FN_STRICT)) {
            r->done = true;
            continue;
        }
        if (r->d->open(&r->fc, r->argv, row, &r->state) < 0) return -1;
    }
    s->ordinal = 0;
    return 0;
}

/* Rows every unfinished function can give now (refilling empty buffers),
 * or 0 when all have ended. */
static int available(ExecNode *n, ProjectSetState *s, int *step)
{
    int best = 0;
    for (int i = 0; i < n->plan->nsrfs; i++) {
        SrfRun *r = &s->runs[i];
        if (r->buf_pos == r->buf_n && !r->done) {
            mem_ctx_reset(r->var);
            int got = 0;
            if (r->d->next(&r->fc, r->state, r->bufcols, OM_BATCH_SIZE, &got) < 0) return -1;
            r->buf_n = got;
            r->buf_pos = 0;
            if (got == 0) r->done = true;
        }
        int avail = r->buf_n - r->buf_pos;
        if (avail > 0 && (best == 0 || avail < best)) best = avail;
    }
    *step = best;
    return 0;
}

static void emit(ExecNode *n, ProjectSetState *s, int row, int step)
{
    OmBatch *o = s->out;
    for (int k = 0; k < step; k++) {
        int dr = o->count + k;
        for (int c = 0; c < s->base; c++) exec_copy_value(&s->in->cols[c], row, &o->cols[c], dr, NULL);
        int col = s->base;
        for (int i = 0; i < n->plan->nsrfs; i++) {
            SrfRun *r = &s->runs[i];
            bool has = r->buf_pos + k < r->buf_n;
            for (int j = 0; j < r->d->nout; j++, col++) {
                if (has) exec_copy_value(r->bufcols[j], r->buf_pos + k, &o->cols[col], dr, o->var_ctx);
                else om_vec_set_null(&o->cols[col], dr, true);
            }
        }
        if (n->plan->ordinality) {
            ((int64_t *)o->cols[col].data)[dr] = ++s->ordinal;
            om_vec_set_null(&o->cols[col], dr, false);
        }
    }
    for (int i = 0; i < n->plan->nsrfs; i++) {
        SrfRun *r = &s->runs[i];
        r->buf_pos = r->buf_pos + step < r->buf_n ? r->buf_pos + step : r->buf_n;
    }
    o->count += step;
}

static int project_set_next(ExecNode *n, OmBatch **out)
{
    ProjectSetState *s = n->state;
    om_batch_clear(s->out);
    while (!s->finished && s->out->count < OM_BATCH_SIZE) {
        if (!s->row_active) {
            if (!s->in || s->pos >= s->live) {
                /* Input columns are shared with the child's batch: hand over
                 * what refers to it before the child refills it. */
                if (s->out->count > 0 && s->in && s->base > 0) break;
                int rc = exec_next(n->child, &s->in);
                if (rc < 0) return -1;
                if (rc == 0) {
                    s->finished = true;
                    break;
                }
                s->live = om_batch_live(s->in);
                s->pos = 0;
                if (eval_args(n, s) < 0) return -1;
                continue;
            }
            if (open_row(n, s, om_batch_row(s->in, s->pos)) < 0) return -1;
            s->row_active = true;
        }
        int step;
        if (available(n, s, &step) < 0) return -1;
        if (step == 0) {
            s->row_active = false;
            s->pos++;
            continue;
        }
        int room = OM_BATCH_SIZE - s->out->count;
        emit(n, s, om_batch_row(s->in, s->pos), step < room ? step : room);
    }
    if (s->out->count == 0) return 0;
    *out = s->out;
    return 1;
}

int exec_project_set_init(ExecNode *n)
{
    const PhysNode *p = n->plan;
    MemCtx *ctx = n->q->ctx;
    ProjectSetState *s = mem_new(ctx, ProjectSetState);
    s->base = p->srf_only ? 0 : p->child->ncols;
    s->argvar = mem_ctx_create(ctx, "project-set-args");
    s->out = om_batch_create(ctx, p->ncols, exec_phys_types(ctx, p), false);
    s->runs = mem_new_array(ctx, SrfRun, p->nsrfs > 0 ? p->nsrfs : 1);
    for (int i = 0; i < p->nsrfs; i++) {
        SrfRun *r = &s->runs[i];
        const BoundExpr *call = p->srfs[i];
        r->call = call;
        r->d = call->fn->srf;
        int na = call->nargs;
        r->args = mem_new_array(ctx, ExprState *, na > 0 ? na : 1);
        r->argv = mem_new_array(ctx, const OmVector *, na > 0 ? na : 1);
        r->arg_types = mem_new_array(ctx, OmType, na > 0 ? na : 1);
        for (int a = 0; a < na; a++) {
            r->args[a] = exec_expr_build(ctx, call->args[a], s->argvar, n->q);
            r->arg_types[a] = call->args[a]->type;
        }
        r->state_ctx = mem_ctx_create(ctx, "srf-state");
        r->var = mem_ctx_create(ctx, "srf-var");
        r->fc.var = r->var;
        r->fc.err = n->q->err;
        r->fc.nargs = na;
        r->fc.arg_types = r->arg_types;
        r->fc.ret_type = call->type;
        r->fc.state_ctx = r->state_ctx;
        r->fc.env = n->q->env;
        r->fc.bind_data = call->fn_data;
        r->fc.seqs = n->q->seqs;
        OmPhysType phys[FN_SRF_MAX_OUT];
        for (int j = 0; j < r->d->nout; j++) {
            int t = r->d->out[j];
            phys[j] = type_phys(j == 0 || t == FN_ANYELEM ? call->type.id : (OmTypeId)t);
        }
        r->buf = om_batch_create(ctx, r->d->nout, phys, false);
        r->bufcols = mem_new_array(ctx, OmVector *, r->d->nout);
        for (int j = 0; j < r->d->nout; j++) r->bufcols[j] = &r->buf->cols[j];
    }
    n->state = s;
    n->next = project_set_next;
    return 0;
}
