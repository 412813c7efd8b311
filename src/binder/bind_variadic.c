/*
 * bind_variadic.c — calls with VARIADIC (FuncCall.func_variadic):
 * concat(VARIADIC a), concat_ws(sep, VARIADIC a), format(fmt, VARIADIC a).
 *
 * These are PostgreSQL's VARIADIC "any" functions: the array is passed
 * whole and its elements become the variadic arguments. They bind to
 * fn_string3.c's "<name> variadic" signatures; for other functions
 * PostgreSQL finds no variadic candidate (42883).
 */
#include <stdio.h>
#include <string.h>

#include "bind_int.h"

int bind_variadic_call(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundExpr **out)
{
    int want = !name ? -1 : !strcmp(name, "concat") ? 1 : !strcmp(name, "concat_ws") || !strcmp(name, "format") ? 2 : -1;
    int nargs = (int)fc->n_args;
    if (nargs > 100) nargs = 100;
    BoundExpr **args = mem_new_array(bc->ctx, BoundExpr *, nargs > 0 ? nargs : 1);
    for (int i = 0; i < nargs; i++)
        if (bind_expr(bc, sc, fc->args[i], &args[i]) < 0) return -1;
    if (want < 0 || nargs != want) {
        /* No other function takes VARIADIC "any" here; PostgreSQL finds no
         * variadic candidate: f(argument types) does not exist. */
        OmBuf b;
        buf_init(&b, bc->ctx, 64);
        buf_printf(&b, "function %s(", name ? name : "?");
        for (int i = 0; i < nargs; i++) {
            char tb[128];
            buf_printf(&b, "%s%s", i ? ", " : "", type_name(args[i]->type, tb, sizeof tb));
        }
        buf_printf(&b, ") does not exist");
        err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "%s", b.data);
        err_hint(bc->err, "No function matches the given name and argument types. You might need to add explicit type casts.");
        return bind_error_at(bc, fc->location);
    }
    BoundExpr *last = args[want - 1];
    if (!type_is_array(last->type.id)) {
        err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "VARIADIC argument must be an array");
        return bind_error_at(bc, last->location);
    }
    char fname[32];
    snprintf(fname, sizeof fname, "%s variadic", name);
    return bind_func_call(bc, fname, args, want, fc->location, false, out);
}
