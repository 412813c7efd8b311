/*
 * bind_srf.c — set-returning functions: in a select list (collected for a
 * ProjectSet, as PostgreSQL 10+ runs them: in lockstep, the shorter sets
 * padded with NULLs) and as a FROM item (FROM f(...) [WITH ORDINALITY]
 * [AS alias(cols)], ROWS FROM (...), unnest(a, b, ...)).
 */
#include <string.h>

#include "../functions/fn_srf.h"
#include "bind_int.h"

static bool has_srfref(const BoundExpr *e)
{
    if (!e) return false;
    if (e->kind == BE_FUNC && e->fn->srf) return true;
    for (int i = 0; i < e->nargs; i++)
        if (has_srfref(e->args[i])) return true;
    return false;
}

int bind_srf_ref(BindCtx *bc, BindScope *sc, int location, BoundExpr **e)
{
    BoundExpr *call = *e;
    for (int i = 0; i < call->nargs; i++)
        if (has_srfref(call->args[i])) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                    "set-returning functions in the arguments of set-returning functions are not supported yet");
            return bind_error_at(bc, location);
        }
    if (sc && sc->from_function) return 0;
    if (!sc || !sc->allow_srfs) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in %s",
                sc && sc->clause ? sc->clause : "this context");
        return bind_error_at(bc, location);
    }
    if (call->fn->srf->nout > 1) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                "set-returning functions returning records are not supported in a select list yet");
        return bind_error_at(bc, location);
    }
    if (sc->nsrfs == sc->cap_srfs) {
        int nc = sc->cap_srfs ? sc->cap_srfs * 2 : 4;
        sc->srfs = mem_realloc(bc->ctx, sc->srfs, sizeof(BoundExpr *) * (size_t)sc->cap_srfs,
                               sizeof(BoundExpr *) * (size_t)nc);
        sc->cap_srfs = nc;
    }
    sc->srfs[sc->nsrfs] = call;
    *e = bind_colref(bc, sc->srf_binding, sc->nsrfs++, call->type, location);
    return 0;
}

/* The output types of a bound set-returning call: its FnSrfDesc's columns
 * (the first is the call's resolved type). */
static OmType srf_out_type(const BoundExpr *call, int k)
{
    if (k == 0) return call->type;
    int t = call->fn->srf->out[k];
    return t == FN_ANYELEM ? call->type : om_type((OmTypeId)t);
}

static const char *func_name(PgQuery__FuncCall *fc) { return bind_node_name(fc->funcname[fc->n_funcname - 1]); }

/* FROM's function list: RangeFunction.functions is a list of
 * (FuncCall, column definition list) pairs; unnest(a, b) outside ROWS FROM
 * is ROWS FROM (unnest(a), unnest(b)). */
static int collect_calls(BindCtx *bc, PgQuery__RangeFunction *rf, PgQuery__FuncCall ***calls, int *ncalls)
{
    int cap = 4, n = 0;
    PgQuery__FuncCall **cs = mem_new_array(bc->ctx, PgQuery__FuncCall *, cap);
    for (size_t i = 0; i < rf->n_functions; i++) {
        PgQuery__Node *pair = rf->functions[i];
        if (pair->node_case != PG_QUERY__NODE__NODE_LIST || pair->list->n_items < 1 ||
            pair->list->items[0]->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "this kind of function in FROM is not supported yet");
            return -1;
        }
        PgQuery__Node *coldefs = pair->list->n_items > 1 ? pair->list->items[1] : NULL;
        if (coldefs && coldefs->node_case == PG_QUERY__NODE__NODE_LIST && coldefs->list->n_items > 0) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "column definition lists are not supported yet");
            return -1;
        }
        PgQuery__FuncCall *fc = pair->list->items[0]->func_call;
        const char *name = func_name(fc);
        bool split = !rf->is_rowsfrom && rf->n_functions == 1 && name && !strcmp(name, "unnest") && fc->n_args > 1;
        int parts = split ? (int)fc->n_args : 1;
        for (int p = 0; p < parts; p++) {
            if (n == cap) {
                cs = mem_realloc(bc->ctx, cs, sizeof *cs * (size_t)cap, sizeof *cs * (size_t)cap * 2);
                cap *= 2;
            }
            if (!split) {
                cs[n++] = fc;
                continue;
            }
            PgQuery__FuncCall *one = mem_new(bc->ctx, PgQuery__FuncCall);
            *one = *fc;
            one->n_args = 1;
            one->args = &fc->args[p];
            cs[n++] = one;
        }
    }
    *calls = cs;
    *ncalls = n;
    return 0;
}

/* The FROM item of set-returning calls: a synthetic table naming their
 * columns (alias column names first), and the calls for the ProjectSet. */
static int from_calls(BindCtx *bc, BindScope *sc, BoundExpr **srfs, const char **fnames, int ncalls,
                      PgQuery__Alias *al, bool ordinality, LogicalOp **out)
{
    int ncols = 0;
    for (int i = 0; i < ncalls; i++) ncols += srfs[i]->fn->srf->nout;
    int total = ncols + (ordinality ? 1 : 0);
    if (al && (int)al->n_colnames > total) {
        err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "table \"%s\" has %d columns available but %d columns specified",
                al->aliasname, total, (int)al->n_colnames);
        return -1;
    }
    CatTable *t = mem_new(bc->ctx, CatTable);
    t->name = al ? al->aliasname : (char *)fnames[0];
    t->ncols = total;
    t->cols = mem_new_array(bc->ctx, CatColumn, total);
    int c = 0;
    for (int i = 0; i < ncalls; i++) {
        const FnSrfDesc *d = srfs[i]->fn->srf;
        for (int k = 0; k < d->nout; k++, c++) {
            t->cols[c].type = srf_out_type(srfs[i], k);
            const char *nm = d->out_names[k] ? d->out_names[k] : fnames[i];
            /* A one-column function named by the alias takes the alias as
             * its column name (FROM generate_series(1, 3) AS g → g), unless
             * the column has a name of its own (jsonb_array_elements: value). */
            if (al && ncalls == 1 && d->nout == 1 && !d->out_names[0]) nm = al->aliasname;
            t->cols[c].name = (char *)nm;
        }
    }
    if (ordinality) {
        t->cols[c].type = om_type(OM_T_INT8);
        t->cols[c].name = "ordinality";
    }
    for (size_t k = 0; al && k < al->n_colnames; k++) t->cols[k].name = (char *)bind_node_name(al->colnames[k]);
    LogicalOp *ps = bind_lop(bc, LOP_PROJECT_SET, 1);
    ps->children[0] = bind_lop_one_row(bc);
    ps->binding = bind_new_binding(bc);
    ps->nsrfs = ncalls;
    ps->srfs = srfs;
    ps->srf_only = true;
    ps->ordinality = ordinality;
    ps->ncols = total;
    ps->types = mem_new_array(bc->ctx, OmType, total > 0 ? total : 1);
    for (int i = 0; i < total; i++) ps->types[i] = t->cols[i].type;
    bind_add_table(bc, sc, t, NULL, ps->binding);
    *out = ps;
    return 0;
}

int bind_range_function(BindCtx *bc, BindScope *sc, BindScope *lat, PgQuery__RangeFunction *rf, LogicalOp **out)
{
    PgQuery__FuncCall **calls;
    int ncalls;
    if (collect_calls(bc, rf, &calls, &ncalls) < 0) return -1;
    BoundExpr **srfs = mem_new_array(bc->ctx, BoundExpr *, ncalls);
    for (int i = 0; i < ncalls; i++) {
        /* Implicitly LATERAL: the arguments see the items to the left. */
        BindScope fsc = {.clause = "FROM", .from_function = true, .parent = lat};
        PgQuery__Node wrap = PG_QUERY__NODE__INIT;
        wrap.node_case = PG_QUERY__NODE__NODE_FUNC_CALL;
        wrap.func_call = calls[i];
        BoundExpr *e;
        if (bind_expr(bc, &fsc, &wrap, &e) < 0) return -1;
        if (e->kind != BE_FUNC || !e->fn->srf) {
            /* A scalar function in FROM is a one-row set (PostgreSQL). */
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "scalar functions in FROM are not supported yet");
            return bind_error_at(bc, calls[i]->location);
        }
        srfs[i] = e;
    }
    const char **fnames = mem_new_array(bc->ctx, const char *, ncalls);
    for (int i = 0; i < ncalls; i++) fnames[i] = func_name(calls[i]);
    return from_calls(bc, sc, srfs, fnames, ncalls, rf->alias, rf->ordinality, out);
}

/* FROM seq: one row (last_value, log_cnt, is_called), read when the
 * statement runs. 1 when rv names a sequence, 0 when not, -1 on error. */
int bind_sequence_from(BindCtx *bc, BindScope *sc, PgQuery__RangeVar *rv, LogicalOp **out)
{
    if (rv->schemaname && rv->schemaname[0] && strcmp(rv->schemaname, "public")) return 0;
    CatSequence *seq;
    int rc = cat_seq_lookup(bc->txn, bc->ctx, bc->db, rv->relname, &seq, bc->err);
    if (rc <= 0) return rc;
    StorSeqDef *def = mem_new(bc->ctx, StorSeqDef);
    cat_seq_def(seq, def);
    BoundExpr **calls = mem_new_array(bc->ctx, BoundExpr *, 1);
    if (bind_func_call(bc, "sequence state", NULL, 0, rv->location, false, &calls[0]) < 0) return -1;
    calls[0]->fn_data = def;
    const char *fname = rv->relname;
    return from_calls(bc, sc, calls, &fname, 1, rv->alias, false, out) < 0 ? -1 : 1;
}
