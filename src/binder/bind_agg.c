/*
 * bind_agg.c — aggregate calls (functions/fn_agg.h): the signature by
 * argument type, FILTER (WHERE ...), and PostgreSQL's placement rules
 * (42803: not in WHERE, GROUP BY, or another aggregate's argument). A bound
 * call is collected into the query level's scope and becomes a column of
 * the Aggregate operator's aggregate binding. The arguments, ORDER BY
 * inside the call and WITHIN GROUP are bound by bind_agg_args.c.
 */
#include <stdio.h>
#include <string.h>

#include "../functions/fn_agg.h"
#include "bind_int.h"

int bind_agg_no_such(BindCtx *bc, const char *name, BoundExpr **args, int nargs, int location)
{
    char sig[512];
    size_t off = (size_t)snprintf(sig, sizeof sig, "%s(", name);
    for (int i = 0; i < nargs && off < sizeof sig; i++) {
        const char *tn = args[i]->type.id == OM_T_UNKNOWN || args[i]->type.id == OM_T_NULL
                             ? "unknown" : type_name_be(args[i]->type.id);
        off += (size_t)snprintf(sig + off, sizeof sig - off, "%s%s", i ? ", " : "", tn);
    }
    if (off < sizeof sig) snprintf(sig + off, sizeof sig - off, ")");
    err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "function %s does not exist", sig);
    err_hint(bc->err, "No function matches the given name and argument types. You might need to add explicit type casts.");
    return bind_error_at(bc, location);
}

/* The one-argument aggregates of fn_agg.c (count, sum, avg, min, max,
 * bool_and, ...): 0 when agg->args[0] resolved to one, 1 when the name has
 * no such signature here but fn_agg_candidates may (sum(interval),
 * string_agg), -1 on error. */
int bind_agg_classic(BindCtx *bc, const char *name, BoundAgg *agg, int location)
{
    BoundExpr *a = agg->args[0];
    if (!fn_agg_classic(name)) return 1;
    if (a->type.id == OM_T_UNKNOWN || a->type.id == OM_T_NULL) {
        if (strcmp(name, "count") && strcmp(name, "min") && strcmp(name, "max") && strcmp(name, "bool_and") &&
            strcmp(name, "bool_or") && strcmp(name, "every")) {
            err_set(bc->err, ERRCODE_AMBIGUOUS_FUNCTION, "function %s(unknown) is not unique", name);
            err_hint(bc->err, "Could not choose a best candidate function. You might need to add explicit type casts.");
            return bind_error_at(bc, location);
        }
        OmType to = om_type(fn_agg_arg_type(name, OM_T_UNKNOWN) == OM_T_BOOL ? OM_T_BOOL : OM_T_TEXT);
        if (bind_coerce(bc, a, to, OM_COERCE_IMPLICIT, NULL, &a) < 0) return -1;
    }
    int at = fn_agg_arg_type(name, a->type.id);
    if (at < 0) {
        int n;
        if (fn_agg_candidates(name, &n)) return 1;
        return bind_agg_no_such(bc, name, &a, 1, location);
    }
    if (at != (int)a->type.id) {
        OmType to = om_type((OmTypeId)at);
        if (bind_coerce(bc, a, to, OM_COERCE_IMPLICIT, NULL, &a) < 0) return -1;
    }
    agg->args[0] = a;
    if (agg->distinct && (a->type.id == OM_T_JSON || a->type.id == OM_T_ARR_JSON)) {
        err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an equality operator for type %s",
                a->type.id == OM_T_JSON ? "json" : "json[]");
        return bind_error_at(bc, location);
    }
    agg->fn = fn_agg_lookup(name, a->type.id, false);
    if (!agg->fn) return bind_agg_no_such(bc, name, &a, 1, location);
    agg->type = agg->fn->ret < 0 ? a->type : om_type((OmTypeId)agg->fn->ret);
    if (agg->fn->ret < 0 && a->type.id != OM_T_BPCHAR) agg->type.typmod = -1;
    return 0;
}

int bind_agg_call(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundExpr **out)
{
    if (fc->over) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "window functions are not supported yet");
        return bind_error_at(bc, fc->location);
    }
    /* Where aggregates may not stand (WHERE, GROUP BY, ...), one over an
     * outer level's columns still may: it belongs to that level. Decided
     * once the arguments are bound. */
    if (!sc || (!sc->allow_aggs && (fc->agg_star || fc->n_args == 0))) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in %s",
                sc && sc->clause ? sc->clause : "this context");
        return bind_error_at(bc, fc->location);
    }
    if (sc->in_agg_arg && sc->clause && !strcmp(sc->clause, "FILTER")) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in FILTER");
        return bind_error_at(bc, fc->location);
    }
    if (sc->in_agg_arg) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate function calls cannot be nested");
        return bind_error_at(bc, fc->location);
    }
    BoundAgg agg = {0};
    agg.distinct = fc->agg_distinct;
    if (fc->agg_star) {
        if (fc->agg_within_group) {
            err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "%s is not an ordered-set aggregate, so it cannot have WITHIN GROUP",
                    name);
            return bind_error_at(bc, fc->location);
        }
        agg.star = true;
        agg.fn = fn_agg_lookup(name, OM_T_NULL, true);
        if (!agg.fn) {
            err_set(bc->err, ERRCODE_WRONG_OBJECT_TYPE, "%s(*) specified, but %s is not an aggregate function", name, name);
            return bind_error_at(bc, fc->location);
        }
        agg.type = om_type(OM_T_INT8);
    }
    BindScope *owner = NULL;
    if (!fc->agg_star && bind_agg_args(bc, sc, fc, name, &agg, &owner) < 0) return -1;
    if (fc->agg_filter) {
        const char *clause = sc->clause;
        sc->clause = "FILTER";
        sc->in_agg_arg = true;
        bool outer = sc->outer_used;
        int local = sc->local_refs;
        BindScope *hit = sc->outer_hit;
        int hit_dist = sc->outer_hit_dist;
        sc->outer_used = false;
        sc->local_refs = 0;
        sc->outer_hit = NULL;
        BoundExpr *f;
        int rc = bind_expr(bc, sc, fc->agg_filter, &f);
        /* The filter's columns count for the level too: a local one keeps
         * the aggregate here; outer ones of another level are beyond us. */
        if (rc == 0 && owner && sc->local_refs) owner = NULL;
        if (rc == 0 && owner && sc->outer_used && sc->outer_hit != owner)
            rc = err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                         "an aggregate whose FILTER uses columns of another query level is not supported yet");
        sc->outer_used |= outer;
        sc->local_refs += local;
        if (hit && (!sc->outer_hit || hit_dist < sc->outer_hit_dist)) {
            sc->outer_hit = hit;
            sc->outer_hit_dist = hit_dist;
        }
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
    /* An aggregate of an outer level's columns is that level's (as if
     * written there); here it reads as an outer column. */
    BindScope *dest = sc;
    if (!owner && !sc->allow_aggs) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in %s",
                sc->clause ? sc->clause : "this context");
        return bind_error_at(bc, fc->location);
    }
    if (owner) {
        if (!owner->allow_aggs) {
            err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in %s",
                    owner->clause ? owner->clause : "this context");
            return bind_error_at(bc, fc->location);
        }
        if (owner->in_agg_arg) {
            err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate function calls cannot be nested");
            return bind_error_at(bc, fc->location);
        }
        dest = owner;
        owner->local_refs++;
    }
    if (dest->naggs == dest->cap_aggs) {
        int nc = dest->cap_aggs ? dest->cap_aggs * 2 : 4;
        dest->aggs =
            mem_realloc(bc->ctx, dest->aggs, sizeof(BoundAgg) * (size_t)dest->cap_aggs, sizeof(BoundAgg) * (size_t)nc);
        dest->cap_aggs = nc;
    }
    dest->aggs[dest->naggs] = agg;
    *out = bind_colref(bc, dest->agg_binding, dest->naggs++, agg.type, fc->location);
    return 0;
}
