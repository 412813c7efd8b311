/*
 * bind_agg.c — aggregate calls (functions/fn_agg.h): the signature by
 * argument type, FILTER (WHERE ...), and PostgreSQL's placement rules
 * (42803: not in WHERE, GROUP BY, or another aggregate's argument). A bound
 * call is collected into the query level's scope and becomes a column of
 * the Aggregate operator's aggregate binding.
 */
#include <string.h>

#include "../functions/fn_agg.h"
#include "bind_int.h"

static int no_such(BindCtx *bc, const char *name, const BoundExpr *arg, int location)
{
    char tb[64] = "";
    if (arg) type_name(arg->type, tb, sizeof tb);
    err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "function %s(%s) does not exist", name, tb);
    err_hint(bc->err, "No function matches the given name and argument types. You might need to add explicit type casts.");
    return bind_error_at(bc, location);
}

int bind_agg_call(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundExpr **out)
{
    if (fc->over) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "window functions are not supported yet");
        return bind_error_at(bc, fc->location);
    }
    if (fc->n_agg_order || fc->agg_within_group) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "ORDER BY in aggregates is not supported yet");
        return bind_error_at(bc, fc->location);
    }
    if (!sc || !sc->allow_aggs) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in %s",
                sc && sc->clause ? sc->clause : "this context");
        return bind_error_at(bc, fc->location);
    }
    if (sc->in_agg_arg) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate function calls cannot be nested");
        return bind_error_at(bc, fc->location);
    }
    BoundAgg agg = {0};
    agg.distinct = fc->agg_distinct;
    if (fc->agg_star) {
        agg.star = true;
        agg.fn = fn_agg_lookup(name, OM_T_NULL, true);
        if (!agg.fn) {
            err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "%s(*) specified, but %s is not an aggregate function", name, name);
            return bind_error_at(bc, fc->location);
        }
        agg.type = om_type(OM_T_INT8);
    } else {
        if (fc->n_args != 1) return no_such(bc, name, NULL, fc->location);
        agg.nargs = 1;
        agg.args = mem_new_array(bc->ctx, BoundExpr *, 1);
        sc->in_agg_arg = true;
        bool outer = sc->outer_used;
        int local = sc->local_refs;
        sc->outer_used = false;
        sc->local_refs = 0;
        int rc = bind_expr(bc, sc, fc->args[0], &agg.args[0]);
        sc->in_agg_arg = false;
        if (rc < 0) return -1;
        /* An aggregate of outer columns only belongs to the outer query
         * (PostgreSQL): not done yet, and evaluating it here would be wrong. */
        if (sc->outer_used && sc->local_refs == 0) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                    "aggregates over columns of an outer query are not supported yet");
            return bind_error_at(bc, fc->location);
        }
        sc->outer_used |= outer;
        sc->local_refs += local;
        BoundExpr *a = agg.args[0];
        if (a->type.id == OM_T_UNKNOWN || a->type.id == OM_T_NULL) {
            if (strcmp(name, "count") && strcmp(name, "min") && strcmp(name, "max") && strcmp(name, "bool_and") &&
                strcmp(name, "bool_or") && strcmp(name, "every")) {
                err_set(bc->err, ERRCODE_AMBIGUOUS_FUNCTION, "function %s(unknown) is not unique", name);
                err_hint(bc->err, "Could not choose a best candidate function. You might need to add explicit type casts.");
                return bind_error_at(bc, fc->location);
            }
            OmType to = om_type(fn_agg_arg_type(name, OM_T_UNKNOWN) == OM_T_BOOL ? OM_T_BOOL : OM_T_TEXT);
            if (bind_coerce(bc, a, to, OM_COERCE_IMPLICIT, NULL, &a) < 0) return -1;
        }
        int at = fn_agg_arg_type(name, a->type.id);
        if (at < 0) return no_such(bc, name, a, fc->location);
        if (at != (int)a->type.id) {
            OmType to = om_type((OmTypeId)at);
            if (bind_coerce(bc, a, to, OM_COERCE_IMPLICIT, NULL, &a) < 0) return -1;
        }
        agg.args[0] = a;
        if (agg.distinct && (a->type.id == OM_T_JSON || a->type.id == OM_T_ARR_JSON)) {
            err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an equality operator for type %s",
                    a->type.id == OM_T_JSON ? "json" : "json[]");
            return bind_error_at(bc, fc->location);
        }
        agg.fn = fn_agg_lookup(name, a->type.id, false);
        if (!agg.fn) return no_such(bc, name, a, fc->location);
        agg.type = agg.fn->ret < 0 ? a->type : om_type((OmTypeId)agg.fn->ret);
        if (agg.fn->ret < 0 && a->type.id != OM_T_BPCHAR) agg.type.typmod = -1;
    }
    if (fc->agg_filter) {
        const char *clause = sc->clause;
        sc->clause = "FILTER";
        sc->in_agg_arg = true;
        BoundExpr *f;
        int rc = bind_expr(bc, sc, fc->agg_filter, &f);
        sc->in_agg_arg = false;
        sc->clause = clause;
        if (rc < 0) return -1;
        if (f->type.id == OM_T_UNKNOWN) {
            if (bind_coerce(bc, f, om_type(OM_T_BOOL), OM_COERCE_IMPLICIT, NULL, &f) < 0) return -1;
        } else if (f->type.id != OM_T_BOOL) {
            char tb[64];
            err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "argument of FILTER must be type boolean, not type %s",
                    type_name(f->type, tb, sizeof tb));
            return bind_error_at(bc, f->location);
        }
        agg.filter = f;
    }
    if (sc->naggs == sc->cap_aggs) {
        int nc = sc->cap_aggs ? sc->cap_aggs * 2 : 4;
        sc->aggs = mem_realloc(bc->ctx, sc->aggs, sizeof(BoundAgg) * (size_t)sc->cap_aggs, sizeof(BoundAgg) * (size_t)nc);
        sc->cap_aggs = nc;
    }
    sc->aggs[sc->naggs] = agg;
    *out = bind_colref(bc, sc->agg_binding, sc->naggs++, agg.type, fc->location);
    return 0;
}
