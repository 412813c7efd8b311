/*
 * bind_distinct.c — SELECT DISTINCT and SELECT DISTINCT ON (exprs) over a
 * SELECT block's projection (bind_select.c):
 *
 *   DISTINCT       an Aggregate grouping every output column (PostgreSQL
 *                  plans it as a HashAggregate too); ORDER BY may use only
 *                  output columns (42P10).
 *   DISTINCT ON    a Sort by the ORDER BY items, then the DISTINCT ON
 *                  expressions ORDER BY lacks, and a Distinct (Unique)
 *                  keeping the first row of each run of equal keys; the
 *                  ORDER BY items that are DISTINCT ON expressions must come
 *                  first (PostgreSQL's transformDistinctOnClause, 42P10).
 *
 * DISTINCT ON expressions resolve like ORDER BY items (output positions,
 * output names, expressions, which may add hidden projection columns), so
 * they are bound with the ORDER BY items, before GROUP BY.
 */
#include <string.h>

#include "bind_int.h"

int bind_distinct_on_items(BindCtx *bc, BindScope *sc, PgQuery__SelectStmt *s, TargetList *tl, int ntargets,
                           const int *sortcol, int nsort, BindDistinctOn *out)
{
    memset(out, 0, sizeof *out);
    int n = (int)s->n_distinct_clause;
    out->cols = mem_new_array(bc->ctx, int, n > 0 ? n : 1);
    out->locs = mem_new_array(bc->ctx, int, n > 0 ? n : 1);
    const char *clause = sc->clause;
    sc->clause = "DISTINCT ON";
    for (int i = 0; i < n; i++) {
        PgQuery__Node *e = s->distinct_clause[i];
        int col, loc = bind_node_location(e);
        if (e->node_case == PG_QUERY__NODE__NODE_A_CONST && e->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
            int pos = e->a_const->ival->ival;
            if (pos < 1 || pos > ntargets) {
                err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "DISTINCT ON position %d is not in select list", pos);
                return bind_error_at(bc, e->a_const->location);
            }
            col = pos - 1;
        } else {
            PgQuery__SortBy sb = PG_QUERY__SORT_BY__INIT;
            sb.node = e;
            sb.location = -1;
            BoundOrder ignored;
            if (bind_sort_item(bc, sc, tl, ntargets, &sb, &col, &ignored) < 0) return -1;
        }
        if (bind_sort_key_check(bc, tl, col) < 0) return -1;
        bool dup = false;
        for (int k = 0; k < out->n && !dup; k++) dup = out->cols[k] == col;
        if (dup) continue;
        out->cols[out->n] = col;
        out->locs[out->n++] = loc;
    }
    sc->clause = clause;
    /* ORDER BY items that are DISTINCT ON expressions must all come before
     * any that is not; the error names the DISTINCT ON expression. */
    bool skipped = false;
    for (int i = 0; i < nsort; i++) {
        int k = 0;
        while (k < out->n && out->cols[k] != sortcol[i]) k++;
        if (k == out->n) {
            skipped = true;
            continue;
        }
        if (skipped) {
            err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE,
                    "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
            return bind_error_at(bc, out->locs[k]);
        }
    }
    if (skipped)
        for (int k = 0; k < out->n; k++) {
            bool sorted = false;
            for (int i = 0; i < nsort && !sorted; i++) sorted = sortcol[i] == out->cols[k];
            if (!sorted) {
                err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE,
                        "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
                return bind_error_at(bc, out->locs[k]);
            }
        }
    return 0;
}

int bind_distinct_plan(BindCtx *bc, const TargetList *tl, int ntargets, const BindDistinctOn *on, bool distinct,
                       bool keep_order, BoundOrder *sort, const int *sortcol, int *nsort, LogicalOp **root)
{
    LogicalOp *proj = *root;
    if (on) {
        /* Sort: ORDER BY, then the DISTINCT ON keys it lacks (ascending). */
        int n = *nsort;
        BoundOrder *keys = mem_new_array(bc->ctx, BoundOrder, n + on->n > 0 ? n + on->n : 1);
        for (int i = 0; i < n; i++) {
            keys[i] = sort[i];
            keys[i].expr = bind_colref(bc, proj->binding, sortcol[i], tl->exprs[sortcol[i]]->type, -1);
        }
        int nk = n;
        for (int k = 0; k < on->n; k++) {
            bool sorted = false;
            for (int i = 0; i < n && !sorted; i++) sorted = sortcol[i] == on->cols[k];
            if (sorted) continue;
            keys[nk].expr = bind_colref(bc, proj->binding, on->cols[k], tl->exprs[on->cols[k]]->type, -1);
            keys[nk].desc = false;
            keys[nk].nulls_first = false;
            nk++;
        }
        LogicalOp *o = bind_lop(bc, LOP_ORDER, 1);
        o->children[0] = proj;
        o->nkeys = nk;
        o->keys = keys;
        LogicalOp *d = bind_lop(bc, LOP_DISTINCT, 1);
        d->children[0] = o;
        d->distinct_on = true;
        d->nexprs = on->n;
        d->exprs = mem_new_array(bc->ctx, BoundExpr *, on->n > 0 ? on->n : 1);
        for (int k = 0; k < on->n; k++)
            d->exprs[k] = bind_colref(bc, proj->binding, on->cols[k], tl->exprs[on->cols[k]]->type, -1);
        *root = d;
        /* The order is made below the Unique; FETCH ... WITH TIES still
         * needs the ORDER BY keys (a Sort of sorted rows above it). */
        if (!keep_order) *nsort = 0;
        for (int i = 0; i < *nsort; i++)
            sort[i].expr = bind_colref(bc, proj->binding, sortcol[i], tl->exprs[sortcol[i]]->type, -1);
        return 0;
    }
    int out_binding = proj->binding;
    if (distinct) {
        for (int i = 0; i < *nsort; i++)
            if (sortcol[i] >= ntargets) {
                err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE,
                        "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
                return bind_error_at(bc, tl->exprs[sortcol[i]]->location);
            }
        LogicalOp *d = bind_lop(bc, LOP_AGGREGATE, 1);
        d->children[0] = proj;
        d->binding = bind_new_binding(bc);
        d->agg_binding = bind_new_binding(bc);
        d->nexprs = ntargets;
        d->exprs = mem_new_array(bc->ctx, BoundExpr *, ntargets > 0 ? ntargets : 1);
        for (int i = 0; i < ntargets; i++) {
            if (tl->exprs[i]->type.id == OM_T_JSON || tl->exprs[i]->type.id == OM_T_ARR_JSON) {
                err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an equality operator for type %s",
                        tl->exprs[i]->type.id == OM_T_JSON ? "json" : "json[]");
                return bind_error_at(bc, tl->exprs[i]->location);
            }
            d->exprs[i] = bind_colref(bc, proj->binding, i, tl->exprs[i]->type, -1);
        }
        *root = d;
        out_binding = d->binding;
    }
    for (int i = 0; i < *nsort; i++)
        sort[i].expr = bind_colref(bc, out_binding, sortcol[i], tl->exprs[sortcol[i]]->type, -1);
    return 0;
}
