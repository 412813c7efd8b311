/*
 * bind_func.c — choosing a function signature for a call, with PostgreSQL's
 * rules (parse_func.c: func_get_detail → func_match_argtypes →
 * func_select_candidate):
 *   1. an exact match on the argument types wins;
 *   2. otherwise keep the signatures every argument can reach by implicit
 *      coercion (an unknown literal reaches anything);
 *   3. among several, keep those with the most exact matches, then those
 *      with the most exact-or-preferred types where coercion is needed;
 *   4. for unknown arguments, prefer the string category if any candidate
 *      takes a string there, else the one category all candidates agree on,
 *      and within it the preferred type;
 *   5. last gasp: if all known arguments share one type, try that type for
 *      the unknown ones.
 * None left: 42883 "function f(integer) does not exist"; several: 42725
 * "function f(unknown) is not unique".
 */
#include <stdio.h>
#include <string.h>

#include "../functions/functions.h"
#include "bind_int.h"

static char category(int t)
{
    switch (t) {
    case OM_T_BOOL: return 'B';
    case OM_T_INT2: case OM_T_INT4: case OM_T_INT8: case OM_T_FLOAT4: case OM_T_FLOAT8: case OM_T_NUMERIC:
        return 'N';
    case OM_T_TEXT: case OM_T_VARCHAR: case OM_T_BPCHAR: return 'S';
    case OM_T_DATE: case OM_T_TIMESTAMP: case OM_T_TIMESTAMPTZ: case OM_T_TIME: case OM_T_TIMETZ: return 'D';
    case OM_T_INTERVAL: return 'T';
    case OM_T_UNKNOWN: case OM_T_NULL: return 'X';
    default: return 'U';
    }
}

static bool preferred(int t)
{
    return t == OM_T_FLOAT8 || t == OM_T_TEXT || t == OM_T_BOOL || t == OM_T_TIMESTAMPTZ || t == OM_T_INTERVAL;
}

static bool is_unknown_type(OmTypeId t) { return t == OM_T_UNKNOWN || t == OM_T_NULL; }

/* Argument types that take more than one type. */
static bool is_wild(int t) { return t == FN_ANY || t == FN_ANYARRAY || t == FN_ANYELEM; }

/* Effective argument type of candidate c at position i (variadic repeats
 * the last declared type). */
static int cand_arg(const FnDesc *c, int i)
{
    if (i < c->nargs) return c->args[i];
    return c->args[c->nargs - 1];
}

static bool nargs_fit(const FnDesc *c, int nargs)
{
    if (c->flags & FN_VARIADIC) return nargs >= c->nargs;
    return nargs == c->nargs;
}

static bool reachable(OmTypeId in, int target)
{
    /* anycompatible here is anycompatiblenonarray: an array argument goes
     * to the anycompatiblearray signatures. */
    if (target == FN_ANYELEM) return !type_is_array(in);
    if (target == FN_ANY || is_unknown_type(in) || (int)in == target) return true;
    if (target == FN_ANYARRAY) return type_is_array(in);
    return type_can_coerce(in, (OmTypeId)target, OM_COERCE_IMPLICIT);
}

static int count_exact(const FnDesc *c, const OmTypeId *in, int n)
{
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!is_unknown_type(in[i]) && (int)in[i] == cand_arg(c, i)) m++;
    return m;
}

static int count_exact_or_preferred(const FnDesc *c, const OmTypeId *in, int n)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (is_unknown_type(in[i])) continue;
        int t = cand_arg(c, i);
        if ((int)in[i] == t || (preferred(t) && category(t) == category((int)in[i]))) m++;
    }
    return m;
}

/* Keep the candidates scoring best under f; keeps all if nobody scores. */
static int keep_best(const FnDesc **cs, int nc, const OmTypeId *in, int n,
                     int (*f)(const FnDesc *, const OmTypeId *, int))
{
    int best = 0;
    for (int k = 0; k < nc; k++) {
        int s = f(cs[k], in, n);
        if (s > best) best = s;
    }
    if (best == 0) return nc;
    int m = 0;
    for (int k = 0; k < nc; k++)
        if (f(cs[k], in, n) == best) cs[m++] = cs[k];
    return m;
}

static int resolve_unknowns(const FnDesc **cs, int nc, const OmTypeId *in, int n)
{
    for (int i = 0; i < n; i++) {
        if (!is_unknown_type(in[i])) continue;
        char cat = 0;
        bool conflict = false, has_pref = false;
        for (int k = 0; k < nc; k++) {
            int t = cand_arg(cs[k], i);
            if (is_wild(t)) continue;
            char c = category(t);
            if (c == 'S') {
                if (cat != 'S') has_pref = false;
                cat = 'S';
            } else if (cat != 'S') {
                if (cat && cat != c) conflict = true;
                else cat = c;
            }
            if (category(t) == cat && preferred(t)) has_pref = true;
        }
        if (conflict && cat != 'S') return nc; /* cannot decide this slot */
        int m = 0;
        for (int k = 0; k < nc; k++) {
            int t = cand_arg(cs[k], i);
            if (is_wild(t) || (category(t) == cat && (!has_pref || preferred(t)))) cs[m++] = cs[k];
        }
        if (m == 0) return nc;
        nc = m;
    }
    return nc;
}

static const char *argtype_name(BoundExpr *a, char *tb, size_t n)
{
    (void)tb;
    (void)n;
    return is_unknown_type(a->type.id) ? "unknown" : type_name_be(a->type.id);
}

/* "f(integer, unknown)" for functions; "integer & text" / "~ text" for
 * operators, as PostgreSQL prints them. */
static void signature(char *buf, size_t size, const char *name, BoundExpr **args, int nargs, bool op)
{
    if (op) {
        char a[64], b[64];
        if (nargs == 2) snprintf(buf, size, "%s %s %s", argtype_name(args[0], a, sizeof a), name, argtype_name(args[1], b, sizeof b));
        else snprintf(buf, size, "%s %s", name, argtype_name(args[0], a, sizeof a));
        return;
    }
    size_t off = (size_t)snprintf(buf, size, "%s(", name);
    for (int i = 0; i < nargs && off < size; i++) {
        char tb[64];
        const char *tn = argtype_name(args[i], tb, sizeof tb);
        off += (size_t)snprintf(buf + off, size - off, "%s%s", i ? ", " : "", tn);
    }
    if (off < size) snprintf(buf + off, size - off, ")");
}

/* The element type shared by a call's anycompatible arguments: the common
 * type of the elements of the array arguments and the element arguments
 * (PostgreSQL's enforce_generic_type_consistency for the anycompatible
 * family). poly stays OM_T_NULL when the signature has none. */
static int resolve_poly(BindCtx *bc, const FnDesc *pick, BoundExpr **args, int nargs, int location, OmType *poly)
{
    BoundExpr **es = mem_new_array(bc->ctx, BoundExpr *, nargs > 0 ? nargs : 1);
    int n = 0;
    bool any = false;
    for (int i = 0; i < nargs; i++) {
        int t = cand_arg(pick, i);
        if (t != FN_ANYELEM && t != FN_ANYARRAY) continue;
        any = true;
        OmTypeId in = args[i]->type.id;
        if (is_unknown_type(in)) continue;
        OmTypeId et = t == FN_ANYARRAY ? (OmTypeId)type_array_elem(in) : in;
        es[n] = bind_new_expr(bc, BE_COLUMN, om_type(et), -1, 0);
        es[n]->binding = -1;
        es[n++]->col = -1;
    }
    if (!any) return 0;
    if (n == 0) {
        err_set(bc->err, ERRCODE_DATATYPE_MISMATCH,
                "could not determine polymorphic type because input has type unknown");
        return bind_error_at(bc, location);
    }
    if (bind_common_type(bc, es, n, pick->name, poly) < 0) return -1;
    poly->typmod = -1;
    if (type_array_of(poly->id) < 0) {
        err_set(bc->err, ERRCODE_UNDEFINED_OBJECT, "could not find array type for data type %s",
                type_name_be(poly->id));
        return bind_error_at(bc, location);
    }
    return 0;
}

int bind_func_select(BindCtx *bc, const FnDesc *const *all, int nall, const char *name, BoundExpr **args,
                     int nargs, int location, bool op, const FnDesc **out)
{
    OmTypeId in[FN_MAX_ARGS * 4];
    if (nargs > (int)(sizeof in / sizeof in[0])) nargs = (int)(sizeof in / sizeof in[0]);
    for (int i = 0; i < nargs; i++) in[i] = args[i]->type.id;
    const FnDesc **cs = mem_new_array(bc->ctx, const FnDesc *, nall > 0 ? nall : 1);
    int nc = 0;
    const FnDesc *pick = NULL;
    for (int k = 0; k < nall && !pick; k++) {
        if (!nargs_fit(all[k], nargs)) continue;
        bool exact = true;
        for (int i = 0; i < nargs && exact; i++) exact = (int)in[i] == cand_arg(all[k], i);
        if (exact) pick = all[k];
    }
    if (!pick) {
        for (int k = 0; k < nall; k++) {
            if (!nargs_fit(all[k], nargs)) continue;
            bool ok = true;
            for (int i = 0; i < nargs && ok; i++) ok = reachable(in[i], cand_arg(all[k], i));
            if (ok) cs[nc++] = all[k];
        }
        if (nc > 1) nc = keep_best(cs, nc, in, nargs, count_exact);
        if (nc > 1) nc = keep_best(cs, nc, in, nargs, count_exact_or_preferred);
        if (nc > 1) nc = resolve_unknowns(cs, nc, in, nargs);
        if (nc > 1) {
            /* Last gasp: unknowns take the one type all known args share. */
            OmTypeId common = OM_T_NULL;
            bool same = true, any_unknown = false;
            for (int i = 0; i < nargs; i++) {
                if (is_unknown_type(in[i])) { any_unknown = true; continue; }
                if (common == OM_T_NULL) common = in[i];
                else if (common != in[i]) same = false;
            }
            if (any_unknown && same && common != OM_T_NULL) {
                int m = 0;
                for (int k = 0; k < nc; k++) {
                    bool ok = true;
                    for (int i = 0; i < nargs && ok; i++) {
                        int t = cand_arg(cs[k], i);
                        /* PostgreSQL: can_coerce_type of the known type there. */
                        if (is_unknown_type(in[i])) ok = is_wild(t) || reachable(common, t);
                    }
                    if (ok) cs[m++] = cs[k];
                }
                if (m == 1) nc = 1;
            }
        }
        if (nc == 1) pick = cs[0];
    }
    char sig[512];
    if (!pick) {
        signature(sig, sizeof sig, name, args, nargs, op);
        const char *what = op ? "operator" : "function";
        if (nc > 1) {
            if (op) err_set(bc->err, ERRCODE_AMBIGUOUS_FUNCTION, "operator is not unique: %s", sig);
            else err_set(bc->err, ERRCODE_AMBIGUOUS_FUNCTION, "function %s is not unique", sig);
            err_hint(bc->err, "Could not choose a best candidate %s. You might need to add explicit type casts.", what);
        } else {
            if (op) err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "operator does not exist: %s", sig);
            else err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "function %s does not exist", sig);
            if (op && nargs == 1)
                err_hint(bc->err, "No operator matches the given name and argument type. You might need to add an explicit type cast.");
            else
                err_hint(bc->err, "No %s matches the given name and argument types. You might need to add explicit type casts.", what);
        }
        return bind_error_at(bc, location);
    }
    *out = pick;
    return 0;
}

int bind_func_coerce(BindCtx *bc, const FnDesc *pick, BoundExpr **args, int nargs, int location, BoundExpr **out,
                     OmType *ret)
{
    OmType any_type = om_type(OM_T_NULL);
    OmType poly = om_type(OM_T_NULL);
    if (resolve_poly(bc, pick, args, nargs, location, &poly) < 0) return -1;
    for (int i = 0; i < nargs; i++) {
        int t = cand_arg(pick, i);
        BoundExpr *a = args[i];
        if (t == FN_ANYELEM || t == FN_ANYARRAY) {
            OmType want = t == FN_ANYELEM ? poly : om_type((OmTypeId)type_array_of(poly.id));
            if (bind_coerce(bc, a, want, OM_COERCE_IMPLICIT, NULL, &a) < 0) return -1;
        } else if (t == FN_ANY) {
            if (!(pick->flags & FN_KEEP_UNKNOWN) && bind_resolve_unknown(bc, a, &a) < 0) return -1;
            if (any_type.id == OM_T_NULL) any_type = a->type;
        } else if (bind_coerce(bc, a, om_type((OmTypeId)t), OM_COERCE_IMPLICIT, NULL, &a) < 0) {
            return -1;
        }
        out[i] = a;
    }
    *ret = pick->ret == FN_ANY       ? any_type
           : pick->ret == FN_ANYELEM ? poly
           : pick->ret == FN_ANYARRAY ? om_type((OmTypeId)type_array_of(poly.id))
                                      : om_type((OmTypeId)pick->ret);
    return 0;
}

int bind_func_call(BindCtx *bc, const char *name, BoundExpr **args, int nargs, int location, bool op,
                   BoundExpr **out)
{
    int nall;
    const FnDesc *const *all = fn_lookup(name, &nall);
    const FnDesc *pick;
    if (bind_func_select(bc, all, nall, name, args, nargs, location, op, &pick) < 0) return -1;
    BoundExpr *e = mem_new(bc->ctx, BoundExpr);
    e->kind = BE_FUNC;
    e->fn = pick;
    e->location = location;
    e->nargs = nargs;
    e->args = mem_new_array(bc->ctx, BoundExpr *, nargs > 0 ? nargs : 1);
    if (bind_func_coerce(bc, pick, args, nargs, location, e->args, &e->type) < 0) return -1;
    bool all_const = true;
    for (int i = 0; i < nargs; i++) all_const &= e->args[i]->kind == BE_CONST;
    /* Immutable functions of constants are folded, as PostgreSQL's planner
     * does (so their errors carry no position either). A call that fails
     * stays a call: PostgreSQL raises its error only if planning reaches it
     * (not in a CASE arm that is never taken, not after a name error later
     * in the statement), which the optimizer's folding (optimizer/fold.c)
     * decides. */
    if (all_const && !(pick->flags & FN_VOLATILE) && !pick->srf) {
        if (bind_eval_const(bc, e, out) == 0) return 0;
        err_clear(bc->err);
    }
    *out = e;
    return 0;
}
