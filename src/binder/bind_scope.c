/*
 * bind_scope.c — the FROM namespace and name resolution.
 *
 * Each query level has a scope holding its FROM items (BindRel) and a
 * pointer to the enclosing level's scope. A column reference is looked up
 * as PostgreSQL's parse analysis does (colNameToVar / refnameNamespaceItem):
 * the innermost level first, the whole level at once (two matches there are
 * ambiguous, 42702), then outward; a match in an enclosing level is a
 * correlated reference. The result is a (binding, column) pair — or, for a
 * column merged by JOIN ... USING, the merge expression.
 */
#include <string.h>

#include "bind_int.h"

int bind_new_binding(BindCtx *bc) { return bc->next_binding++; }

BoundExpr *bind_colref(BindCtx *bc, int binding, int col, OmType t, int location)
{
    BoundExpr *e = bind_new_expr(bc, BE_COLUMN, t, location, 0);
    e->binding = binding;
    e->col = col;
    return e;
}

BindRel *bind_add_rel(BindCtx *bc, BindScope *sc, const char *name, int binding, int ncols, const char **colnames,
                      const OmType *types, uint32_t table_oid)
{
    BindRel *r = mem_new(bc->ctx, BindRel);
    r->name = name;
    r->ncols = ncols;
    int n = ncols > 0 ? ncols : 1;
    r->colnames = mem_new_array(bc->ctx, const char *, n);
    r->coltypes = mem_new_array(bc->ctx, OmType, n);
    r->colexprs = mem_new_array(bc->ctx, BoundExpr *, n);
    r->hidden = mem_new_array(bc->ctx, bool, n);
    for (int i = 0; i < ncols; i++) {
        r->colnames[i] = colnames[i];
        r->coltypes[i] = types[i];
        r->colexprs[i] = binding >= 0 ? bind_colref(bc, binding, i, types[i], -1) : NULL;
    }
    r->table_oid = table_oid;
    if (sc->nrels == sc->cap_rels) {
        int nc = sc->cap_rels ? sc->cap_rels * 2 : 4;
        sc->rels = mem_realloc(bc->ctx, sc->rels, sizeof(BindRel *) * (size_t)sc->cap_rels, sizeof(BindRel *) * (size_t)nc);
        sc->cap_rels = nc;
    }
    sc->rels[sc->nrels++] = r;
    BindRtable *rt = sc->rtable;
    if (rt) {
        if (rt->n == rt->cap) {
            int nc = rt->cap ? rt->cap * 2 : 8;
            rt->rels = mem_realloc(bc->ctx, rt->rels, sizeof(BindRel *) * (size_t)rt->cap, sizeof(BindRel *) * (size_t)nc);
            rt->cap = nc;
        }
        rt->rels[rt->n++] = r;
    }
    return r;
}

BindRel *bind_add_table(BindCtx *bc, BindScope *sc, CatTable *t, const char *alias, int binding)
{
    const char **names = mem_new_array(bc->ctx, const char *, t->ncols > 0 ? t->ncols : 1);
    OmType *types = mem_new_array(bc->ctx, OmType, t->ncols > 0 ? t->ncols : 1);
    for (int i = 0; i < t->ncols; i++) {
        names[i] = t->cols[i].name;
        types[i] = t->cols[i].type;
    }
    BindRel *r = bind_add_rel(bc, sc, alias ? alias : t->name, binding, t->ncols, names, types, t->oid);
    r->table = t;
    if (alias) r->table_name = t->name;
    return r;
}

/* The FROM item a qualifier names at one level, or NULL. */
static BindRel *find_rel(BindScope *sc, const char *relname)
{
    for (int i = 0; i < sc->nrels; i++) {
        BindRel *r = sc->rels[i];
        if (!r->in_join_only && r->name && !strcmp(r->name, relname)) return r;
    }
    return NULL;
}

/* 42P01 for a qualifier no level knows, with PostgreSQL's alias hint when
 * it names a table that is there under an alias. */
static int missing_rel(BindCtx *bc, BindScope *sc, const char *relname, int location)
{
    for (BindScope *s = sc; s; s = s->parent)
        for (int i = 0; i < s->nrels; i++) {
            BindRel *r = s->rels[i];
            if (r->table_name && !strcmp(r->table_name, relname)) {
                err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \"%s\"",
                        relname);
                err_hint(bc->err, "Perhaps you meant to reference the table alias \"%s\".", r->name);
                return bind_error_at(bc, location);
            }
        }
    /* An item of this level or an enclosing one that this part of the
     * query cannot see (the left side of a comma from inside a JOIN's ON,
     * a sibling from a non-LATERAL subquery). */
    for (BindScope *s = sc; s; s = s->parent)
        for (int i = 0; s->rtable && i < s->rtable->n; i++) {
            BindRel *r = s->rtable->rels[i];
            if ((r->name && !strcmp(r->name, relname)) || (r->table_name && !strcmp(r->table_name, relname))) {
                err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "invalid reference to FROM-clause entry for table \"%s\"",
                        relname);
                err_hint(bc->err, "There is an entry for table \"%s\", but it cannot be referenced from this part of the query.",
                         r->name);
                return bind_error_at(bc, location);
            }
        }
    err_set(bc->err, ERRCODE_UNDEFINED_TABLE, "missing FROM-clause entry for table \"%s\"", relname);
    return bind_error_at(bc, location);
}

/* A LATERAL reference to the left side of a RIGHT or FULL join (SQL
 * requires the error rather than hiding the name). */
static int lateral_check(BindCtx *bc, const BindRel *r, int location)
{
    if (!r->lateral_bad) return 0;
    err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "invalid reference to FROM-clause entry for table \"%s\"",
            r->name ? r->name : "unnamed_join");
    err_detail(bc->err, "The combining JOIN type must be INNER or LEFT for a LATERAL reference.");
    return bind_error_at(bc, location);
}

/* A reference from sc resolved in the enclosing scope s, dist levels up:
 * remember the nearest such scope (an aggregate over outer columns only
 * belongs to it, bind_agg.c). */
static void note_outer(BindScope *sc, BindScope *s, int dist)
{
    sc->outer_used = true;
    if (!sc->outer_hit || dist < sc->outer_hit_dist) {
        sc->outer_hit = s;
        sc->outer_hit_dist = dist;
    }
}

int bind_check_qualifier(BindCtx *bc, BindScope *sc, const char *relname, int location)
{
    for (BindScope *s = sc; s; s = s->parent) {
        BindRel *r = find_rel(s, relname);
        if (r) return lateral_check(bc, r, location);
    }
    return missing_rel(bc, sc, relname, location);
}

int bind_whole_row_rel(BindCtx *bc, BindScope *sc, const char *relname, int location, BindRel **out)
{
    int dist = 0;
    for (BindScope *s = sc; s; s = s->parent, dist++) {
        BindRel *r = find_rel(s, relname);
        if (!r) continue;
        if (lateral_check(bc, r, location) < 0) return -1;
        if (s != sc) note_outer(sc, s, dist);
        else sc->local_refs++;
        *out = r;
        return 0;
    }
    return missing_rel(bc, sc, relname, location);
}

static BoundExpr *rel_column(BindCtx *bc, BindRel *r, int i, int location)
{
    BoundExpr *e = mem_new(bc->ctx, BoundExpr);
    *e = *r->colexprs[i];
    e->location = location;
    return e;
}

int bind_resolve_column(BindCtx *bc, BindScope *sc, const char *relname, const char *colname, int location,
                        BoundExpr **out)
{
    int dist = 0;
    for (BindScope *s = sc; s; s = s->parent, dist++) {
        if (relname) {
            BindRel *r = find_rel(s, relname);
            if (!r) continue;
            for (int i = 0; i < r->ncols; i++)
                if (!strcmp(r->colnames[i], colname)) {
                    if (lateral_check(bc, r, location) < 0) return -1;
                    *out = rel_column(bc, r, i, location);
                    if (s != sc) note_outer(sc, s, dist);
                    else sc->local_refs++;
                    return 0;
                }
            err_set(bc->err, ERRCODE_UNDEFINED_COLUMN, "column %s.%s does not exist", relname, colname);
            return bind_error_at(bc, location);
        }
        BindRel *found = NULL;
        int fcol = -1;
        for (int k = 0; k < s->nrels; k++) {
            BindRel *r = s->rels[k];
            for (int i = 0; i < r->ncols; i++) {
                if (r->hidden[i] || strcmp(r->colnames[i], colname)) continue;
                if (found) {
                    err_set(bc->err, ERRCODE_AMBIGUOUS_COLUMN, "column reference \"%s\" is ambiguous", colname);
                    return bind_error_at(bc, location);
                }
                found = r;
                fcol = i;
            }
        }
        if (found) {
            if (lateral_check(bc, found, location) < 0) return -1;
            *out = rel_column(bc, found, fcol, location);
            if (s != sc) note_outer(sc, s, dist);
            else sc->local_refs++;
            return 0;
        }
    }
    if (relname) return missing_rel(bc, sc, relname, location);
    err_set(bc->err, ERRCODE_UNDEFINED_COLUMN, "column \"%s\" does not exist", colname);
    return bind_error_at(bc, location);
}

void bind_column_name(BindScope *sc, const BoundExpr *col, const char **rel, const char **name)
{
    *rel = "?";
    *name = "?";
    for (BindScope *s = sc; s; s = s->parent)
        for (int k = 0; k < s->nrels; k++) {
            BindRel *r = s->rels[k];
            for (int i = 0; i < r->ncols; i++) {
                const BoundExpr *c = r->colexprs[i];
                if (c && c->kind == BE_COLUMN && c->binding == col->binding && c->col == col->col) {
                    *rel = r->name ? r->name : "?";
                    *name = r->colnames[i];
                    return;
                }
            }
        }
}
