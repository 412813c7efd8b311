/*
 * bind_row.c — whole-row references: a FROM item's name used as a value
 * (`b`, `b.*` inside an expression), as PostgreSQL's transformColumnRef
 * falls back to when a single name is no column.
 *
 * OmenDB has no composite (record) type yet, so a whole row exists in the
 * two places that do not need one: `row IS [NOT] NULL` (every field NULL /
 * none NULL, which is also true of a NULL-extended row) and `row::text`
 * (record_out's text, `(1,a1,)`), computed by a BE_ROW expression over the
 * fields. A row of an outer join's NULL-extended side is NULL itself, not
 * `(,,)`: BE_ROW tells the two apart by a NOT NULL column of the table (NULL
 * exactly when the row is missing); an item without one on such a side is
 * 0A000, and so is a whole row anywhere else.
 */
#include <string.h>

#include "bind_int.h"

int bind_whole_row_ref(BindCtx *bc, BindScope *sc, PgQuery__Node *n, BindRel **out)
{
    if (!n || n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || !sc) return 0;
    PgQuery__ColumnRef *cr = n->column_ref;
    if (cr->n_fields == 2 && cr->fields[1]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
        const char *rel = bind_node_name(cr->fields[0]);
        if (!rel) return 0;
        return bind_whole_row_rel(bc, sc, rel, cr->location, out) < 0 ? -1 : 1;
    }
    if (cr->n_fields != 1) return 0;
    const char *name = bind_node_name(cr->fields[0]);
    if (!name) return 0;
    /* A column of that name wins (the caller binds it again: an error
     * there is the caller's to report). */
    BoundExpr *col;
    if (bind_resolve_column(bc, sc, NULL, name, cr->location, &col) == 0) return 0;
    bool undefined = !strcmp(bc->err->sqlstate, "42703");
    err_clear(bc->err);
    if (!undefined) return 0;
    for (BindScope *s = sc; s; s = s->parent)
        for (int k = 0; k < s->nrels; k++)
            if (!s->rels[k]->in_join_only && s->rels[k]->name && !strcmp(s->rels[k]->name, name))
                return bind_whole_row_rel(bc, sc, name, cr->location, out) < 0 ? -1 : 1;
    return 0;
}

int bind_row_nulltest(BindCtx *bc, BindRel *r, bool isnull, int location, BoundExpr **out)
{
    /* ROW IS NULL: every field is NULL; IS NOT NULL: none is (both also
     * hold for a NULL row, whose fields are all NULL). */
    BoundExpr *all = bind_new_expr(bc, BE_AND, om_type(OM_T_BOOL), location, r->ncols);
    for (int i = 0; i < r->ncols; i++) {
        BoundExpr *t = bind_new_expr(bc, BE_NULLTEST, om_type(OM_T_BOOL), location, 1);
        t->op = isnull ? BOP_ISNULL : BOP_ISNOTNULL;
        t->args[0] = mem_new(bc->ctx, BoundExpr);
        *t->args[0] = *r->colexprs[i];
        t->args[0]->location = location;
        all->args[i] = t;
    }
    if (r->ncols == 0) {
        /* A row of no columns is never NULL, and it is NOT NULL. */
        BoundExpr *c = node_make_const(bc->ctx, om_type(OM_T_BOOL), false);
        ((uint8_t *)c->cval.data)[0] = !isnull;
        *out = c;
        return 0;
    }
    *out = all;
    return 0;
}

int bind_row_text(BindCtx *bc, BindRel *r, int location, BoundExpr **out)
{
    int presence = -1;
    if (r->nullable) {
        for (int i = 0; r->table && i < r->ncols && i < r->table->ncols; i++)
            if (r->table->cols[i].not_null && r->colexprs[i]->kind == BE_COLUMN) {
                presence = i;
                break;
            }
        if (presence < 0) {
            err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED,
                    "whole-row references to this item of the NULL-extended side of an outer join are not supported yet");
            return bind_error_at(bc, location);
        }
    }
    BoundExpr *e = bind_new_expr(bc, BE_ROW, om_type(OM_T_TEXT), location, r->ncols + (presence >= 0));
    for (int i = 0; i < r->ncols; i++) {
        e->args[i] = mem_new(bc->ctx, BoundExpr);
        *e->args[i] = *r->colexprs[i];
        e->args[i]->location = location;
    }
    if (presence >= 0) {
        e->row_presence = true;
        e->args[r->ncols] = r->colexprs[presence];
    }
    *out = e;
    return 0;
}
