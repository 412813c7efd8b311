/*
 * bind_agg_args.c — what an aggregate call evaluates per row: its
 * arguments, ORDER BY inside the call (string_agg(t, ',' ORDER BY id)) and
 * WITHIN GROUP (percentile_cont(0.5) WITHIN GROUP (ORDER BY x)), and the
 * signature they choose.
 *
 * One-argument calls of fn_agg.c's aggregates keep its own resolution
 * (bind_agg_classic); the others choose among fn_agg_candidates with the
 * scalar functions' rules (bind_func_select), the ordered-set ones over
 * their direct arguments followed by the WITHIN GROUP keys, as PostgreSQL
 * looks them up ("function percentile_cont(numeric, text) does not exist").
 * Hypothetical-set aggregates (rank(20) WITHIN GROUP (ORDER BY x)) take as
 * many direct arguments as keys, each pair coerced to its common type.
 *
 * ORDER BY keys follow SQL99 rules as in PostgreSQL (a number is a value, not
 * a position); with DISTINCT every key must be one of the arguments (42P10).
 * Direct arguments must be constants here (0A000 otherwise): the executor
 * evaluates them once, also for a group without rows.
 */
#include <stdio.h>
#include <string.h>

#include "../functions/fn_agg.h"
#include "../functions/functions.h"
#include "bind_int.h"

static int bind_in_agg(BindCtx *bc, BindScope *sc, PgQuery__Node *n, BoundExpr **out)
{
    sc->in_agg_arg = true;
    int rc = bind_expr(bc, sc, n, out);
    sc->in_agg_arg = false;
    return rc;
}

static int unsupported(BindCtx *bc, const char *what, int location)
{
    err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported yet", what);
    return bind_error_at(bc, location);
}

/* The ORDER BY / WITHIN GROUP keys into keys[], with their directions. */
static int json_key(BindCtx *bc, PgQuery__FuncCall *fc, BoundExpr **keys)
{
    for (int i = 0; i < (int)fc->n_agg_order; i++) {
        OmTypeId t = keys[i]->type.id;
        if (t != OM_T_JSON && t != OM_T_ARR_JSON) continue;
        err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an ordering operator for type %s",
                type_name_be(t));
        err_hint(bc->err, "Use an explicit ordering operator or modify the query.");
        return bind_error_at(bc, bind_node_location(fc->agg_order[i]->sort_by->node));
    }
    return 0;
}

static int bind_keys(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, BoundExpr **keys, bool *desc, bool *nf)
{
    for (int i = 0; i < (int)fc->n_agg_order; i++) {
        PgQuery__SortBy *sb = fc->agg_order[i]->sort_by;
        bool d = sb->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
        if (sb->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) {
            /* The built-in types' < and > are their btree orders. */
            const char *op = sb->n_use_op == 1 ? bind_node_name(sb->use_op[0]) : NULL;
            if (!op || (strcmp(op, "<") && strcmp(op, ">")))
                return unsupported(bc, "ORDER BY USING an operator other than < or >", sb->location);
            d = op[0] == '>';
        }
        desc[i] = d;
        nf[i] = sb->sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
                (sb->sortby_nulls != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST && d);
        if (bind_in_agg(bc, sc, sb->node, &keys[i]) < 0) return -1;
        if (bind_resolve_unknown(bc, keys[i], &keys[i]) < 0) return -1;
    }
    /* WITHIN GROUP chooses the function first (percentile_cont(numeric,
     * json) does not exist), then checks the keys. */
    return fc->agg_within_group ? 0 : json_key(bc, fc, keys);
}

/* A signature of the candidate as bind_func.c sees it: the direct argument
 * (ordered-set) and then the arguments or keys. */
static void cand_sig(const FnAggDesc *d, const char *name, int nkeys, FnDesc *out)
{
    memset(out, 0, sizeof *out);
    out->name = name;
    out->ret = FN_ANY;
    int n = 0;
    if (d->kind == FN_AGG_ORDERED && d->direct != FN_AGG_NO_DIRECT) out->args[n++] = d->direct;
    int na = d->nargs ? d->nargs : 1;
    if (d->kind == FN_AGG_ORDERED) na = nkeys == 1 ? 1 : 0; /* one key; else no match */
    for (int i = 0; i < na && n < FN_MAX_ARGS; i++) out->args[n++] = d->args[i] < 0 ? FN_ANY : d->args[i];
    out->nargs = na ? n : -1;
}

static OmType result_type(const FnAggDesc *d, OmType first)
{
    if (d->ret >= 0) return om_type((OmTypeId)d->ret);
    first.typmod = -1;
    if (d->ret == FN_AGG_RET_ARRAY) return om_type((OmTypeId)type_array_of(first.id));
    return first;
}

/* Choose among the candidates of kind (ORDERED: ordered-set; PLAIN) for
 * args[0..n); coerces args in place. */
static int choose(BindCtx *bc, const char *name, FnAggKind kind, BoundExpr **args, int n, int nkeys, int location,
                  const FnAggDesc **pick)
{
    int nc;
    const FnAggDesc *const *cands = fn_agg_candidates(name, &nc);
    const FnAggDesc *keep[8];
    FnDesc sigs[8];
    const FnDesc *sp[8];
    int m = 0;
    for (int k = 0; k < nc && m < 8; k++) {
        if (cands[k]->kind != kind) continue;
        keep[m] = cands[k];
        cand_sig(cands[k], name, nkeys, &sigs[m]);
        sp[m] = &sigs[m];
        m++;
    }
    const FnDesc *p;
    if (bind_func_select(bc, sp, m, name, args, n, location, false, &p) < 0) return -1;
    OmType ignored;
    if (bind_func_coerce(bc, p, args, n, location, args, &ignored) < 0) return -1;
    *pick = keep[p - sigs];
    return 0;
}

static bool has_kind(const char *name, FnAggKind kind)
{
    int nc;
    const FnAggDesc *const *cands = fn_agg_candidates(name, &nc);
    for (int k = 0; k < nc; k++)
        if (cands[k]->kind == kind) return true;
    return false;
}

/* Direct arguments become constants (they are evaluated once). */
static int direct_const(BindCtx *bc, BoundExpr **e)
{
    if ((*e)->kind == BE_CONST) return 0;
    return bind_eval_const(bc, *e, e);
}

static int bind_within_group(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundAgg *agg)
{
    int loc = fc->location;
    if (fc->agg_distinct) {
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "cannot use DISTINCT with WITHIN GROUP");
        return bind_error_at(bc, loc);
    }
    int nd = (int)fc->n_args, nk = (int)fc->n_agg_order;
    BoundExpr **all = mem_new_array(bc->ctx, BoundExpr *, nd + nk + 1);
    bool outer = sc->outer_used;
    int local = sc->local_refs;
    sc->outer_used = false;
    sc->local_refs = 0;
    for (int i = 0; i < nd; i++)
        if (bind_in_agg(bc, sc, fc->args[i], &all[i]) < 0) return -1;
    bool direct_refs = sc->outer_used || sc->local_refs;
    bool *desc = mem_new_array(bc->ctx, bool, nk + 1), *nf = mem_new_array(bc->ctx, bool, nk + 1);
    if (bind_keys(bc, sc, fc, all + nd, desc, nf) < 0) return -1;
    if (sc->outer_used && sc->local_refs == 0)
        return unsupported(bc, "an aggregate over columns of an outer query", loc);
    sc->outer_used |= outer;
    sc->local_refs += local;

    const FnAggDesc *pick = NULL;
    if (has_kind(name, FN_AGG_HYPOTHETICAL)) {
        if (nd != nk) {
            char *hint = mem_alloc(bc->ctx, 256);
            snprintf(hint, 256,
                     "To use the hypothetical-set aggregate %s, the number of hypothetical direct arguments (here %d) "
                     "must match the number of ordering columns (here %d).",
                     name, nd, nk);
            bind_agg_no_such(bc, name, all, nd + nk, loc);
            snprintf(bc->err->hint, sizeof bc->err->hint, "%s", hint);
            return -1;
        }
        for (int i = 0; i < nd; i++) {
            /* As PostgreSQL's unify_hypothetical_args: the key first. */
            BoundExpr *pair[2] = {all[nd + i], all[i]};
            OmType t;
            if (bind_common_type(bc, pair, 2, "WITHIN GROUP", &t) < 0) return -1;
            if (bind_coerce(bc, all[i], t, OM_COERCE_IMPLICIT, NULL, &all[i]) < 0 ||
                bind_coerce(bc, all[nd + i], t, OM_COERCE_IMPLICIT, NULL, &all[nd + i]) < 0)
                return -1;
        }
        int nc;
        pick = fn_agg_candidates(name, &nc)[0];
    } else if (has_kind(name, FN_AGG_ORDERED)) {
        if (choose(bc, name, FN_AGG_ORDERED, all, nd + nk, nk, loc, &pick) < 0) return -1;
    } else {
        /* sum(x) WITHIN GROUP (ORDER BY y) looks for sum(x's type, y's type). */
        return bind_agg_no_such(bc, name, all, nd + nk, loc);
    }
    if (json_key(bc, fc, all + nd) < 0) return -1;
    if (direct_refs)
        return unsupported(bc, "a direct argument of an ordered-set aggregate that references columns", loc);
    for (int i = 0; i < nd; i++)
        if (direct_const(bc, &all[i]) < 0) return -1;
    agg->fn = pick;
    agg->ndirect = nd;
    agg->direct = all;
    agg->args = all + nd;
    agg->nargs = nk;
    agg->ninputs = 0;
    agg->norder = nk;
    agg->order_desc = desc;
    agg->order_nulls_first = nf;
    agg->type = result_type(pick, nk ? all[nd]->type : om_type(OM_T_NULL));
    return 0;
}

int bind_agg_args(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundAgg *agg,
                  BindScope **owner)
{
    *owner = NULL;
    if (fc->agg_within_group) return bind_within_group(bc, sc, fc, name, agg);
    int loc = fc->location;
    int nin = (int)fc->n_args, nk = (int)fc->n_agg_order;
    BoundExpr **args = mem_new_array(bc->ctx, BoundExpr *, nin + nk + 1);
    bool *desc = mem_new_array(bc->ctx, bool, nk + 1), *nf = mem_new_array(bc->ctx, bool, nk + 1);
    bool outer = sc->outer_used;
    int local = sc->local_refs;
    BindScope *hit = sc->outer_hit;
    int hit_dist = sc->outer_hit_dist;
    sc->outer_used = false;
    sc->local_refs = 0;
    sc->outer_hit = NULL;
    for (int i = 0; i < nin; i++)
        if (bind_in_agg(bc, sc, fc->args[i], &args[i]) < 0) return -1;
    if (bind_keys(bc, sc, fc, args + nin, desc, nf) < 0) return -1;
    /* An aggregate of outer columns only belongs to the outer query level
     * they come from, the nearest one if several (PostgreSQL's
     * agglevelsup): bind_agg_call collects it there. */
    if (sc->outer_used && sc->local_refs == 0) *owner = sc->outer_hit;
    sc->outer_used |= outer;
    sc->local_refs += local;
    if (hit && (!sc->outer_hit || hit_dist < sc->outer_hit_dist)) {
        sc->outer_hit = hit;
        sc->outer_hit_dist = hit_dist;
    }
    /* DISTINCT compares the arguments as written: keep them for the 42P10 check. */
    BoundExpr **raw = mem_new_array(bc->ctx, BoundExpr *, nin + 1);
    memcpy(raw, args, sizeof(BoundExpr *) * (size_t)nin);

    agg->args = args;
    agg->nargs = nin + nk;
    agg->ninputs = nin;
    agg->norder = nk;
    agg->order_desc = desc;
    agg->order_nulls_first = nf;
    int rc = 1;
    if (nin == 1) rc = bind_agg_classic(bc, name, agg, loc);
    if (rc < 0) return -1;
    if (rc == 1) {
        if (!has_kind(name, FN_AGG_PLAIN)) {
            if (has_kind(name, FN_AGG_HYPOTHETICAL)) {
                err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "WITHIN GROUP is required for ordered-set aggregate %s",
                        name);
                return bind_error_at(bc, loc);
            }
            return bind_agg_no_such(bc, name, args, nin, loc);
        }
        const FnAggDesc *pick;
        if (choose(bc, name, FN_AGG_PLAIN, args, nin, 0, loc, &pick) < 0) return -1;
        agg->fn = pick;
        agg->type = result_type(pick, args[0]->type);
    }
    if (agg->distinct) {
        for (int i = 0; i < nk; i++) {
            bool found = false;
            for (int j = 0; j < nin && !found; j++) found = node_expr_equal(args[nin + i], raw[j]);
            if (!found) {
                err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE,
                        "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list");
                return bind_error_at(bc, bind_node_location(fc->agg_order[i]->sort_by->node));
            }
        }
    }
    return 0;
}
