/*
 * bind_collate.c — expr COLLATE name.
 *
 * Databases are C-collated (initdb --locale=C), so the collations that
 * exist — "default", "C", "POSIX" and "ucs_basic", all byte order — change
 * nothing: the clause checks the name and the type and returns its
 * argument. PostgreSQL's 42P21 for two different explicit collations in
 * one operation is not detected (test/diff/comparison_pending.sql).
 */
#include <string.h>

#include "bind_int.h"

static bool collatable(OmTypeId t)
{
    if (type_is_array(t)) t = (OmTypeId)type_array_elem(t);
    return type_is_string(t) || t == OM_T_UNKNOWN || t == OM_T_NULL;
}

int bind_collate(BindCtx *bc, BindScope *sc, PgQuery__CollateClause *cc, BoundExpr **out)
{
    if (bind_expr(bc, sc, cc->arg, out) < 0) return -1;
    if (!collatable((*out)->type.id)) {
        char tb[128];
        err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "collations are not supported by type %s",
                type_name((*out)->type, tb, sizeof tb));
        return bind_error_at(bc, cc->location);
    }
    /* [pg_catalog.]name; any other schema has no collations. */
    const char *schema = cc->n_collname == 2 ? bind_node_name(cc->collname[0]) : NULL;
    const char *name = cc->n_collname ? bind_node_name(cc->collname[cc->n_collname - 1]) : NULL;
    bool ok = name && cc->n_collname <= 2 && (!schema || !strcmp(schema, "pg_catalog")) &&
              (!strcmp(name, "default") || !strcmp(name, "C") || !strcmp(name, "POSIX") ||
               !strcmp(name, "ucs_basic"));
    if (!ok) {
        err_set(bc->err, ERRCODE_UNDEFINED_OBJECT, "collation \"%s%s%s\" for encoding \"UTF8\" does not exist",
                schema ? schema : "", schema ? "." : "", name ? name : "");
        return bind_error_at(bc, cc->location);
    }
    return 0;
}
