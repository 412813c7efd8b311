/*
 * bind_from.c — the FROM clause: tables, sequences, functions, derived
 * tables and joins, as a tree of Get / Values / ProjectSet / Join operators,
 * with every item registered in the query level's scope.
 *
 * Joins follow PostgreSQL's transformFromClauseItem: an ON condition sees
 * only the join's own inputs (and enclosing query levels); USING and
 * NATURAL merge the named columns into one (the left one for INNER and
 * LEFT, the right one for RIGHT, COALESCE for FULL) that unqualified names
 * and SELECT * see, while t.col still reaches each side; an alias on a join
 * hides the names inside it. Comma lists are cross joins.
 *
 * LATERAL (transformFromClauseItem's lateral namespace): a LATERAL
 * subquery and every function in FROM see the items to their left — the
 * earlier comma items and the left side of each enclosing JOIN — through a
 * scope of their own (lat) placed between the item and the enclosing
 * levels; the left side of a RIGHT or FULL join is there too, but marked
 * so that a reference to it is 42P10. A join whose right side does read
 * its left side's columns is marked lateral: the planner evaluates that
 * side per left row. Every item also lands in the level's range table, so
 * that a name bound but out of sight gets PostgreSQL's "invalid reference
 * to FROM-clause entry".
 */
#include <string.h>

#include "bind_int.h"

typedef struct FromItem {
    LogicalOp *op;
    BindScope local;   /* this item's FROM entries (all of a join's) */
} FromItem;

static int unsupported(BindCtx *bc, const char *what, int location)
{
    err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s is not supported yet", what);
    return bind_error_at(bc, location);
}

static void star_add(BindCtx *bc, BindScope *sc, BoundExpr *e, const char *name, uint32_t oid, int16_t att)
{
    if ((sc->nstar & (sc->nstar - 1)) == 0) {
        int nc = sc->nstar ? sc->nstar * 2 : 8;
        sc->star = mem_realloc(bc->ctx, sc->star, sizeof(BindStar) * (size_t)sc->nstar, sizeof(BindStar) * (size_t)nc);
    }
    sc->star[sc->nstar++] = (BindStar){e, name, oid, att};
}

/* A leaf item's SELECT * columns: all of its rel's. */
static void star_of_rel(BindCtx *bc, BindScope *sc, BindRel *r)
{
    for (int i = 0; i < r->ncols; i++)
        star_add(bc, sc, r->colexprs[i], r->colnames[i], r->table_oid, (int16_t)(r->table_oid ? i + 1 : 0));
}

/* Column aliases: FROM t AS a(x, y) renames the first columns. */
static int apply_colaliases(BindCtx *bc, BindRel *r, PgQuery__Alias *al)
{
    if (!al || !al->n_colnames) return 0;
    if ((int)al->n_colnames > r->ncols) {
        err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "table \"%s\" has %d columns available but %d columns specified",
                al->aliasname, r->ncols, (int)al->n_colnames);
        return -1;
    }
    for (size_t k = 0; k < al->n_colnames; k++) r->colnames[k] = bind_node_name(al->colnames[k]);
    return 0;
}

static int bind_item(BindCtx *bc, BindScope *level, PgQuery__Node *n, FromItem *fi, BindScope *lat);

static void scope_push(BindCtx *bc, BindScope *dst, BindRel *r)
{
    if (dst->nrels == dst->cap_rels) {
        int nc = dst->cap_rels ? dst->cap_rels * 2 : 4;
        dst->rels = mem_realloc(bc->ctx, dst->rels, sizeof(BindRel *) * (size_t)dst->cap_rels,
                                sizeof(BindRel *) * (size_t)nc);
        dst->cap_rels = nc;
    }
    dst->rels[dst->nrels++] = r;
}

/* Make src's items visible to later LATERAL items through lat; bad: the
 * combining join is RIGHT or FULL (visible, but 42P10 to reference). The
 * copies share the items' columns. */
static void lat_add(BindCtx *bc, BindScope *lat, const BindScope *src, bool bad)
{
    for (int k = 0; k < src->nrels; k++) {
        BindRel *c = mem_new(bc->ctx, BindRel);
        *c = *src->rels[k];
        c->lateral_bad |= bad;
        scope_push(bc, lat, c);
    }
}

/* Does right read columns that left produces (a LATERAL reference)? */
static bool reads_left(BindCtx *bc, const LogicalOp *left, const LogicalOp *right)
{
    ColBinding *cb;
    OmType *ts;
    int n = lop_outputs(bc->ctx, left, &cb, &ts);
    int nset = 0;
    for (int i = 0; i < n; i++)
        if (cb[i].binding >= nset) nset = cb[i].binding + 1;
    bool *set = mem_new_array(bc->ctx, bool, nset > 0 ? nset : 1);
    for (int i = 0; i < n; i++)
        if (cb[i].binding >= 0) set[cb[i].binding] = true;
    return lop_uses_bindings(right, set, nset);
}

static int bind_rangevar(BindCtx *bc, BindScope *level, PgQuery__RangeVar *rv, FromItem *fi)
{
    int crc = bind_cte_ref(bc, level, rv, &fi->local, &fi->op);
    if (crc < 0) return -1;
    if (crc == 1) {
        star_of_rel(bc, &fi->local, fi->local.rels[fi->local.nrels - 1]);
        return 0;
    }
    CatTable *t;
    if (bind_table_ref(bc, rv, &t) < 0) {
        if (!strcmp(bc->err->sqlstate, "0A000")) {
            /* A view reads as its query (bind_view.c). */
            OmError saved = *bc->err;
            err_clear(bc->err);
            int vrc = bind_view_ref(bc, rv, &fi->local, &fi->op);
            if (vrc < 0) return -1;
            if (vrc == 0) {
                *bc->err = saved;
                return -1;
            }
            star_of_rel(bc, &fi->local, fi->local.rels[fi->local.nrels - 1]);
            return 0;
        }
        /* A sequence reads as its one-row state. */
        if (strcmp(bc->err->sqlstate, "42809") != 0) return -1;
        err_clear(bc->err);
        int rc = bind_sequence_from(bc, &fi->local, rv, &fi->op);
        if (rc <= 0) return -1;
        star_of_rel(bc, &fi->local, fi->local.rels[fi->local.nrels - 1]);
        return 0;
    }
    int b = bind_new_binding(bc);
    fi->op = bind_lop_get(bc, t, b, false);
    BindRel *r = bind_add_table(bc, &fi->local, t, rv->alias ? rv->alias->aliasname : NULL, b);
    if (apply_colaliases(bc, r, rv->alias) < 0) return bind_error_at(bc, rv->location);
    star_of_rel(bc, &fi->local, r);
    return 0;
}

static int bind_subselect(BindCtx *bc, BindScope *level, PgQuery__RangeSubselect *rs, FromItem *fi, BindScope *lat)
{
    if (!rs->alias) {
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "subquery in FROM must have an alias");
        err_hint(bc->err, "For example, FROM (SELECT ...) [AS] foo.");
        return bind_error_at(bc, bind_node_location(rs->subquery));
    }
    if (rs->subquery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT)
        return unsupported(bc, "this kind of subquery in FROM", -1);
    BoundQuery *q;
    /* Not LATERAL: the subquery sees enclosing levels, not its siblings
     * (which stay in the range table, for the message). */
    BindScope hidden = {.parent = lat->parent, .rtable = lat->rtable};
    if (bind_select(bc, rs->lateral ? lat : &hidden, rs->subquery->select_stmt, &q) < 0) return -1;
    if (bind_derived(bc, q, rs->alias->aliasname, rs->alias->colnames, rs->alias->n_colnames, &fi->local, &fi->op) < 0)
        return -1;
    star_of_rel(bc, &fi->local, fi->local.rels[fi->local.nrels - 1]);
    return 0;
}

int bind_derived(BindCtx *bc, BoundQuery *q, const char *name, PgQuery__Node **colnames, size_t ncolnames,
                 BindScope *local, LogicalOp **out)
{
    ColBinding *outs;
    OmType *types;
    lop_outputs(bc->ctx, q->root, &outs, &types);
    const char **names = mem_new_array(bc->ctx, const char *, q->ntargets > 0 ? q->ntargets : 1);
    for (int i = 0; i < q->ntargets; i++) names[i] = q->names[i];
    BindRel *r = bind_add_rel(bc, local, name, -1, q->ntargets, names, q->types, 0);
    for (int i = 0; i < q->ntargets; i++)
        r->colexprs[i] = bind_colref(bc, outs[i].binding, outs[i].col, q->types[i], -1);
    if ((int)ncolnames > r->ncols) {
        err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "table \"%s\" has %d columns available but %d columns specified",
                name, r->ncols, (int)ncolnames);
        return -1;
    }
    for (size_t k = 0; k < ncolnames; k++) r->colnames[k] = bind_node_name(colnames[k]);
    *out = q->root;
    return 0;
}

/* The star entry of `name` among a join input's columns (-1: none,
 * -2: more than one). */
static int star_find(const BindScope *sc, const char *name)
{
    int found = -1;
    for (int i = 0; i < sc->nstar; i++) {
        if (strcmp(sc->star[i].name, name)) continue;
        if (found >= 0) return -2;
        found = i;
    }
    return found;
}

/* Hide a USING column's source from unqualified lookups in its side. */
static void hide_column(BindScope *sc, const BoundExpr *e)
{
    for (int k = 0; k < sc->nrels; k++) {
        BindRel *r = sc->rels[k];
        for (int i = 0; i < r->ncols; i++)
            if (r->colexprs[i] == e) r->hidden[i] = true;
    }
}

static int merge_scopes(BindCtx *bc, BindScope *dst, const BindScope *src)
{
    for (int k = 0; k < src->nrels; k++) {
        BindRel *r = src->rels[k];
        for (int j = 0; r->name && !r->in_join_only && j < dst->nrels; j++)
            if (dst->rels[j]->name && !dst->rels[j]->in_join_only && !strcmp(dst->rels[j]->name, r->name)) {
                err_set(bc->err, ERRCODE_DUPLICATE_ALIAS, "table name \"%s\" specified more than once", r->name);
                return -1;
            }
        scope_push(bc, dst, r);
    }
    return 0;
}

static int bind_join(BindCtx *bc, BindScope *level, PgQuery__JoinExpr *j, FromItem *fi, BindScope *lat)
{
    JoinType jt;
    switch (j->jointype) {
    case PG_QUERY__JOIN_TYPE__JOIN_INNER: jt = JOIN_INNER; break;
    case PG_QUERY__JOIN_TYPE__JOIN_LEFT: jt = JOIN_LEFT; break;
    case PG_QUERY__JOIN_TYPE__JOIN_RIGHT: jt = JOIN_RIGHT; break;
    case PG_QUERY__JOIN_TYPE__JOIN_FULL: jt = JOIN_FULL; break;
    default: return unsupported(bc, "this kind of join", -1);
    }
    FromItem l = {.local = {.parent = level->parent, .rtable = level->rtable}},
             r = {.local = {.parent = level->parent, .rtable = level->rtable}};
    if (bind_item(bc, level, j->larg, &l, lat) < 0) return -1;
    /* The right side may see the left one laterally. */
    BindScope rlat = {.parent = lat->parent, .rtable = lat->rtable};
    lat_add(bc, &rlat, lat, false);
    lat_add(bc, &rlat, &l.local, jt == JOIN_RIGHT || jt == JOIN_FULL);
    if (bind_item(bc, level, j->rarg, &r, &rlat) < 0) return -1;
    fi->local.parent = level->parent;
    if (merge_scopes(bc, &fi->local, &l.local) < 0 || merge_scopes(bc, &fi->local, &r.local) < 0) return -1;
    /* The NULL-extended sides' items (a whole-row reference to one is NULL
     * when its row is missing). */
    for (int k = 0; (jt == JOIN_RIGHT || jt == JOIN_FULL) && k < l.local.nrels; k++) l.local.rels[k]->nullable = true;
    for (int k = 0; (jt == JOIN_LEFT || jt == JOIN_FULL) && k < r.local.nrels; k++) r.local.rels[k]->nullable = true;
    LogicalOp *op = bind_lop(bc, LOP_JOIN, 2);
    op->children[0] = l.op;
    op->children[1] = r.op;
    op->join_type = jt;
    op->lateral = reads_left(bc, l.op, r.op);
    int cap = (int)j->n_using_clause + l.local.nstar + 1;
    op->conds = mem_new_array(bc->ctx, BoundExpr *, cap);
    /* USING / NATURAL: the columns to merge. */
    int nusing = 0;
    const char **using = mem_new_array(bc->ctx, const char *, cap);
    if (j->is_natural) {
        for (int i = 0; i < l.local.nstar; i++) {
            const char *nm = l.local.star[i].name;
            if (star_find(&r.local, nm) != -1) using[nusing++] = nm;
        }
    } else {
        for (size_t i = 0; i < j->n_using_clause; i++) using[nusing++] = bind_node_name(j->using_clause[i]);
    }
    bool *lused = mem_new_array(bc->ctx, bool, l.local.nstar + 1);
    bool *rused = mem_new_array(bc->ctx, bool, r.local.nstar + 1);
    BindScope *fs = &fi->local;
    const char **mnames = mem_new_array(bc->ctx, const char *, nusing + 1);
    OmType *mtypes = mem_new_array(bc->ctx, OmType, nusing + 1);
    BoundExpr **mexprs = mem_new_array(bc->ctx, BoundExpr *, nusing + 1);
    for (int u = 0; u < nusing; u++) {
        for (int v = 0; v < u; v++)
            if (!strcmp(using[v], using[u])) {
                err_set(bc->err, ERRCODE_DUPLICATE_COLUMN, "column name \"%s\" appears more than once in USING clause", using[u]);
                return -1;
            }
        int li = star_find(&l.local, using[u]), ri = star_find(&r.local, using[u]);
        if (li == -2 || ri == -2) {
            err_set(bc->err, ERRCODE_AMBIGUOUS_COLUMN, "common column name \"%s\" appears more than once in %s table",
                    using[u], li == -2 ? "left" : "right");
            return -1;
        }
        if (li < 0 || ri < 0) {
            err_set(bc->err, ERRCODE_UNDEFINED_COLUMN, "column \"%s\" specified in USING clause does not exist in %s table",
                    using[u], li < 0 ? "left" : "right");
            return -1;
        }
        lused[li] = rused[ri] = true;
        BoundExpr *le = l.local.star[li].expr, *re = r.local.star[ri].expr;
        hide_column(&l.local, le);
        hide_column(&r.local, re);
        BoundExpr *pair[2] = {le, re};
        OmType t;
        if (bind_common_type(bc, pair, 2, "JOIN/USING", &t) < 0) return -1;
        BoundExpr *lc, *rc, *eq;
        if (bind_coerce(bc, le, t, OM_COERCE_IMPLICIT, NULL, &lc) < 0 ||
            bind_coerce(bc, re, t, OM_COERCE_IMPLICIT, NULL, &rc) < 0)
            return -1;
        /* The condition compares the columns as they are (the operator
         * resolution of l = r, e.g. text = text for char(n) and text); the
         * merged column has their common type (PostgreSQL's USING). */
        if (bind_binary(bc, "=", le, re, -1, &eq) < 0) return -1;
        op->conds[op->nconds++] = eq;
        BoundExpr *m = jt == JOIN_RIGHT ? rc : lc;
        if (jt == JOIN_FULL) {
            m = bind_new_expr(bc, BE_COALESCE, t, -1, 2);
            m->args[0] = lc;
            m->args[1] = rc;
        }
        mnames[u] = using[u];
        mtypes[u] = t;
        mexprs[u] = m;
    }
    if (j->join_using_alias && j->join_using_alias->aliasname) {
        /* JOIN ... USING (k) AS x (PostgreSQL 14): x names the merged
         * columns only, reachable qualified (x.k, x.*); it hides nothing. */
        const char *an = j->join_using_alias->aliasname;
        for (int k = 0; k < fs->nrels; k++)
            if (fs->rels[k]->name && !fs->rels[k]->in_join_only && !strcmp(fs->rels[k]->name, an)) {
                err_set(bc->err, ERRCODE_DUPLICATE_ALIAS, "table name \"%s\" specified more than once", an);
                return -1;
            }
        /* Not a range table entry of its own in PostgreSQL (the join's). */
        BindRtable *rt = fs->rtable;
        fs->rtable = NULL;
        BindRel *ur = bind_add_rel(bc, fs, an, -1, nusing, mnames, mtypes, 0);
        fs->rtable = rt;
        for (int u = 0; u < nusing; u++) {
            ur->colexprs[u] = mexprs[u];
            ur->hidden[u] = true;
        }
    }
    if (nusing) {
        BindRel *mr = bind_add_rel(bc, fs, NULL, -1, nusing, mnames, mtypes, 0);
        for (int u = 0; u < nusing; u++) {
            mr->colexprs[u] = mexprs[u];
            /* A merged column that is a plain column keeps its table. */
            int li = star_find(&l.local, using[u]), ri = star_find(&r.local, using[u]);
            const BindStar *src = jt == JOIN_RIGHT ? &r.local.star[ri] : &l.local.star[li];
            star_add(bc, fs, mexprs[u], using[u], jt == JOIN_FULL ? 0 : src->table_oid,
                     jt == JOIN_FULL ? 0 : src->attnum);
        }
    }
    for (int i = 0; i < l.local.nstar; i++)
        if (!lused[i]) star_add(bc, fs, l.local.star[i].expr, l.local.star[i].name, l.local.star[i].table_oid,
                                l.local.star[i].attnum);
    for (int i = 0; i < r.local.nstar; i++)
        if (!rused[i]) star_add(bc, fs, r.local.star[i].expr, r.local.star[i].name, r.local.star[i].table_oid,
                                r.local.star[i].attnum);
    if (j->quals) {
        fs->clause = "JOIN conditions"; /* PostgreSQL's words for the ON clause */
        BoundExpr *c;
        if (bind_expr(bc, fs, j->quals, &c) < 0) return -1;
        if (c->type.id != OM_T_BOOL) {
            if (c->type.id == OM_T_UNKNOWN) {
                if (bind_coerce(bc, c, om_type(OM_T_BOOL), OM_COERCE_IMPLICIT, NULL, &c) < 0) return -1;
            } else {
                char tb[64];
                err_set(bc->err, ERRCODE_DATATYPE_MISMATCH, "argument of JOIN/ON must be type boolean, not type %s",
                        type_name(c->type, tb, sizeof tb));
                return bind_error_at(bc, c->location);
            }
        }
        op->conds[op->nconds++] = c;
        fs->clause = NULL;
    }
    if (j->alias) {
        /* (a JOIN b ...) AS j: only j's name reaches the join's columns. */
        const char **names = mem_new_array(bc->ctx, const char *, fs->nstar + 1);
        OmType *types = mem_new_array(bc->ctx, OmType, fs->nstar + 1);
        for (int i = 0; i < fs->nstar; i++) {
            names[i] = fs->star[i].name;
            types[i] = fs->star[i].expr->type;
        }
        for (int k = 0; k < fs->nrels; k++) {
            fs->rels[k]->in_join_only = true;
            for (int i = 0; i < fs->rels[k]->ncols; i++) fs->rels[k]->hidden[i] = true;
        }
        BindRel *ar = bind_add_rel(bc, fs, j->alias->aliasname, -1, fs->nstar, names, types, 0);
        for (int i = 0; i < fs->nstar; i++) ar->colexprs[i] = fs->star[i].expr;
        if (apply_colaliases(bc, ar, j->alias) < 0) return -1;
        for (int i = 0; i < fs->nstar; i++) fs->star[i].name = ar->colnames[i];
    }
    fi->op = op;
    return 0;
}

/* One FROM item into fi; lat: the items a LATERAL one may see. */
static int bind_item(BindCtx *bc, BindScope *level, PgQuery__Node *n, FromItem *fi, BindScope *lat)
{
    fi->local.parent = level->parent;
    fi->local.rtable = level->rtable;
    switch (n->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: return bind_rangevar(bc, level, n->range_var, fi);
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
        if (bind_range_function(bc, &fi->local, lat, n->range_function, &fi->op) < 0) return -1;
        star_of_rel(bc, &fi->local, fi->local.rels[fi->local.nrels - 1]);
        return 0;
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: return bind_subselect(bc, level, n->range_subselect, fi, lat);
    case PG_QUERY__NODE__NODE_JOIN_EXPR: return bind_join(bc, level, n->join_expr, fi, lat);
    default: return unsupported(bc, "this kind of FROM item", -1);
    }
}

int bind_from(BindCtx *bc, BindScope *sc, PgQuery__Node **items, size_t n, LogicalOp **out)
{
    LogicalOp *root = NULL;
    /* Each item may see the earlier ones laterally. Items already in the
     * scope (UPDATE / DELETE's target) are in sight but not to be
     * referenced from FROM (42P10), as PostgreSQL has it. */
    BindScope lat = {.parent = sc->parent, .rtable = sc->rtable};
    lat_add(bc, &lat, sc, true);
    for (size_t i = 0; i < n; i++) {
        FromItem fi = {.local = {.parent = sc->parent, .rtable = sc->rtable}};
        if (bind_item(bc, sc, items[i], &fi, &lat) < 0) return -1;
        if (merge_scopes(bc, sc, &fi.local) < 0) return -1;
        lat_add(bc, &lat, &fi.local, false);
        for (int k = 0; k < fi.local.nstar; k++)
            star_add(bc, sc, fi.local.star[k].expr, fi.local.star[k].name, fi.local.star[k].table_oid,
                     fi.local.star[k].attnum);
        if (!root) {
            root = fi.op;
            continue;
        }
        LogicalOp *j = bind_lop(bc, LOP_JOIN, 2);
        j->children[0] = root;
        j->children[1] = fi.op;
        j->join_type = JOIN_INNER;
        j->lateral = reads_left(bc, root, fi.op);
        root = j;
    }
    *out = root;
    return 0;
}
