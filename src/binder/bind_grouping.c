/*
 * bind_grouping.c — GROUP BY and the grouped query level above it:
 *
 *   bind_group_clause   GROUP BY items (ordinals, output names, expressions)
 *                       and GROUPING SETS / ROLLUP / CUBE / () expanded into
 *                       a list of grouping sets over one list of keys, as
 *                       PostgreSQL's transformGroupClause and
 *                       expand_grouping_sets do (GROUP BY DISTINCT drops
 *                       repeated sets);
 *   bind_grouping_call  grouping(a, b, ...) (PostgreSQL's GroupingFunc),
 *                       collected like aggregate calls;
 *   bind_grouped_query  the Aggregate operator over the FROM/WHERE tree and
 *                       the rewrite of every expression above it: group-key
 *                       subexpressions become the Aggregate's key columns,
 *                       columns of a table whose primary key is grouped become
 *                       extra (functionally dependent) keys, anything else of
 *                       this level is 42803 (check_ungrouped_columns).
 *
 * Called by bind_select.c between the select list and HAVING.
 */
#include <stdlib.h>
#include <string.h>

#include "bind_int.h"

/* PostgreSQL's limits: the expansion's size, CUBE's width, grouping()'s
 * arguments (its result is an int4 bitmask). */
#define MAX_GROUPING_SETS 4096
#define MAX_CUBE_ELEMENTS 12
#define MAX_GROUPING_ARGS 31

/* ---- grouping() ----------------------------------------------------------- */

int bind_grouping_call(BindCtx *bc, BindScope *sc, PgQuery__GroupingFunc *gf, BoundExpr **out)
{
    if (!sc || !sc->allow_aggs || (sc->in_agg_arg && sc->clause && !strcmp(sc->clause, "FILTER"))) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "grouping operations are not allowed in %s",
                sc && sc->clause ? sc->clause : "this context");
        return bind_error_at(bc, gf->location);
    }
    if (sc->in_agg_arg) {
        err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate function calls cannot be nested");
        return bind_error_at(bc, gf->location);
    }
    if (gf->n_args > MAX_GROUPING_ARGS) {
        err_set(bc->err, ERRCODE_TOO_MANY_ARGUMENTS, "GROUPING must have fewer than 32 arguments");
        return bind_error_at(bc, gf->location);
    }
    BindGrouping g = {.nargs = (int)gf->n_args, .location = gf->location};
    g.args = mem_new_array(bc->ctx, BoundExpr *, g.nargs > 0 ? g.nargs : 1);
    bool outer = sc->outer_used;
    int local = sc->local_refs;
    sc->outer_used = false;
    sc->local_refs = 0;
    /* Arguments are not evaluated: they name group keys. Aggregates inside
     * are nested calls, as in PostgreSQL. */
    sc->in_agg_arg = true;
    for (int i = 0; i < g.nargs; i++)
        if (bind_expr(bc, sc, gf->args[i], &g.args[i]) < 0) {
            sc->in_agg_arg = false;
            return -1;
        }
    sc->in_agg_arg = false;
    if (sc->outer_used && sc->local_refs == 0) {
        err_set(bc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "grouping() over columns of an outer query is not supported yet");
        return bind_error_at(bc, gf->location);
    }
    sc->outer_used |= outer;
    sc->local_refs += local;
    if (sc->ngroupings == sc->cap_groupings) {
        int nc = sc->cap_groupings ? sc->cap_groupings * 2 : 4;
        sc->groupings = mem_realloc(bc->ctx, sc->groupings, sizeof(BindGrouping) * (size_t)sc->cap_groupings,
                                    sizeof(BindGrouping) * (size_t)nc);
        sc->cap_groupings = nc;
    }
    sc->groupings[sc->ngroupings] = g;
    *out = bind_colref(bc, sc->grouping_binding, sc->ngroupings++, om_type(OM_T_INT4), gf->location);
    return 0;
}

/* ---- GROUP BY items ------------------------------------------------------------ */

/* One GROUP BY expression: an output position, an output name (an input
 * column of that name wins, as PostgreSQL resolves GROUP BY), or an
 * expression over the input. */
static int group_item(BindCtx *bc, BindScope *sc, PgQuery__Node *g, TargetList *tl, int ntargets, BoundExpr **out)
{
    BoundExpr *e = NULL;
    if (g->node_case == PG_QUERY__NODE__NODE_A_CONST && g->a_const->val_case != PG_QUERY__A__CONST__VAL_IVAL) {
        err_set(bc->err, ERRCODE_SYNTAX_ERROR, "non-integer constant in GROUP BY");
        return bind_error_at(bc, g->a_const->location);
    }
    if (g->node_case == PG_QUERY__NODE__NODE_A_CONST) {
        int pos = g->a_const->ival->ival;
        if (pos < 1 || pos > ntargets) {
            err_set(bc->err, ERRCODE_INVALID_COLUMN_REFERENCE, "GROUP BY position %d is not in select list", pos);
            return bind_error_at(bc, g->a_const->location);
        }
        e = tl->exprs[pos - 1];
        if (bind_refs_binding(e, sc->agg_binding) || bind_refs_binding(e, sc->grouping_binding)) {
            err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY");
            return bind_error_at(bc, e->location);
        }
    } else {
        int rc = bind_expr(bc, sc, g, &e);
        if (rc < 0 && g->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && g->column_ref->n_fields == 1 &&
            !strcmp(bc->err->sqlstate, ERRCODE_UNDEFINED_COLUMN)) {
            const char *nm = bind_node_name(g->column_ref->fields[0]);
            e = NULL;
            for (int t = 0; nm && t < ntargets; t++)
                if (!strcmp(tl->names[t], nm)) {
                    if (e && !node_expr_equal(e, tl->exprs[t])) {
                        err_clear(bc->err);
                        err_set(bc->err, ERRCODE_AMBIGUOUS_COLUMN, "GROUP BY \"%s\" is ambiguous", nm);
                        return bind_error_at(bc, g->column_ref->location);
                    }
                    e = tl->exprs[t];
                }
            if (!e) return -1;
            err_clear(bc->err);
            if (bind_refs_binding(e, sc->agg_binding) || bind_refs_binding(e, sc->grouping_binding)) {
                err_set(bc->err, ERRCODE_GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY");
                return bind_error_at(bc, g->column_ref->location);
            }
        } else if (rc < 0) {
            return -1;
        }
        if (bind_resolve_unknown(bc, e, &e) < 0) return -1;
    }
    if (e->type.id == OM_T_JSON) {
        err_set(bc->err, ERRCODE_UNDEFINED_FUNCTION, "could not identify an equality operator for type json");
        return bind_error_at(bc, e->location);
    }
    *out = e;
    return 0;
}

/* A list of grouping sets being built. */
typedef struct SetList {
    int n, cap;
    GroupKeySet *v;
} SetList;

typedef struct GroupBuild {
    BindCtx *bc;
    BindScope *sc;
    TargetList *tl;
    int ntargets;
    int nkeys, cap_keys;
    BoundExpr **keys;
} GroupBuild;

static void sl_add(BindCtx *bc, SetList *l, GroupKeySet s)
{
    if (l->n == l->cap) {
        int nc = l->cap ? l->cap * 2 : 4;
        l->v = mem_realloc(bc->ctx, l->v, sizeof(GroupKeySet) * (size_t)l->cap, sizeof(GroupKeySet) * (size_t)nc);
        l->cap = nc;
    }
    l->v[l->n++] = s;
}

/* a ++ b without repeating a key (a set's keys are a set; the number of
 * sets is not touched, as PostgreSQL's expansion). */
static GroupKeySet ks_concat(BindCtx *bc, GroupKeySet a, GroupKeySet b)
{
    GroupKeySet r = {0};
    r.keys = mem_new_array(bc->ctx, int, a.n + b.n > 0 ? a.n + b.n : 1);
    for (int pass = 0; pass < 2; pass++) {
        const GroupKeySet *s = pass ? &b : &a;
        for (int i = 0; i < s->n; i++) {
            bool dup = false;
            for (int k = 0; k < r.n && !dup; k++) dup = r.keys[k] == s->keys[i];
            if (!dup) r.keys[r.n++] = s->keys[i];
        }
    }
    return r;
}

/* The key number of a GROUP BY expression (equal expressions share one). */
static int key_of(GroupBuild *gb, PgQuery__Node *n, int *out)
{
    BoundExpr *e = NULL;
    if (group_item(gb->bc, gb->sc, n, gb->tl, gb->ntargets, &e) < 0) return -1;
    for (int k = 0; k < gb->nkeys; k++)
        if (node_expr_equal(gb->keys[k], e)) {
            *out = k;
            return 0;
        }
    if (gb->nkeys == gb->cap_keys) {
        int nc = gb->cap_keys ? gb->cap_keys * 2 : 8;
        gb->keys = mem_realloc(gb->bc->ctx, gb->keys, sizeof(BoundExpr *) * (size_t)gb->cap_keys,
                               sizeof(BoundExpr *) * (size_t)nc);
        gb->cap_keys = nc;
    }
    gb->keys[gb->nkeys] = e;
    *out = gb->nkeys++;
    return 0;
}

static bool implicit_row(const PgQuery__Node *n)
{
    return n->node_case == PG_QUERY__NODE__NODE_ROW_EXPR &&
           n->row_expr->row_format == PG_QUERY__COERCION_FORM__COERCE_IMPLICIT_CAST;
}

/* The keys of one unit of ROLLUP / CUBE / a simple set: an expression, or a
 * parenthesized list (an implicit row, flattened as PostgreSQL does). */
static int unit_keys(GroupBuild *gb, PgQuery__Node *n, GroupKeySet *out)
{
    PgQuery__Node **items = &n;
    size_t nitems = 1;
    if (implicit_row(n)) {
        items = n->row_expr->args;
        nitems = n->row_expr->n_args;
    } else if (n->node_case == PG_QUERY__NODE__NODE_GROUPING_SET &&
               n->grouping_set->kind == PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SIMPLE) {
        items = n->grouping_set->content;
        nitems = n->grouping_set->n_content;
    }
    GroupKeySet r = {0};
    r.keys = mem_new_array(gb->bc->ctx, int, nitems > 0 ? nitems : 1);
    for (size_t i = 0; i < nitems; i++) {
        GroupKeySet one = {.n = 1};
        int k;
        if (implicit_row(items[i])) {
            /* ((a, b), c) inside a unit: flattened into it. */
            if (unit_keys(gb, items[i], &one) < 0) return -1;
        } else {
            if (key_of(gb, items[i], &k) < 0) return -1;
            one.keys = &k;
        }
        r = ks_concat(gb->bc, r, one);
    }
    *out = r;
    return 0;
}

/* The grouping sets one GROUP BY item stands for. */
static int expand_item(GroupBuild *gb, PgQuery__Node *n, SetList *out)
{
    BindCtx *bc = gb->bc;
    memset(out, 0, sizeof *out);
    if (n->node_case != PG_QUERY__NODE__NODE_GROUPING_SET) {
        GroupKeySet s;
        if (unit_keys(gb, n, &s) < 0) return -1;
        sl_add(bc, out, s);
        return 0;
    }
    PgQuery__GroupingSet *gs = n->grouping_set;
    int nc = (int)gs->n_content;
    switch (gs->kind) {
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_EMPTY: {
        GroupKeySet empty = {0};
        sl_add(bc, out, empty);
        return 0;
    }
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SIMPLE: {
        GroupKeySet s;
        if (unit_keys(gb, n, &s) < 0) return -1;
        sl_add(bc, out, s);
        return 0;
    }
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP:
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_CUBE: {
        GroupKeySet *units = mem_new_array(bc->ctx, GroupKeySet, nc > 0 ? nc : 1);
        for (int i = 0; i < nc; i++)
            if (unit_keys(gb, gs->content[i], &units[i]) < 0) return -1;
        if (gs->kind == PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_ROLLUP) {
            /* (u1..un), (u1..un-1), ..., () */
            for (int len = nc; len >= 0; len--) {
                GroupKeySet s = {0};
                for (int i = 0; i < len; i++) s = ks_concat(bc, s, units[i]);
                sl_add(bc, out, s);
            }
            return 0;
        }
        if (nc > MAX_CUBE_ELEMENTS) {
            err_set(bc->err, ERRCODE_TOO_MANY_COLUMNS, "CUBE is limited to 12 elements");
            return bind_error_at(bc, gs->location);
        }
        /* Every subset; bit i of the counter takes unit i (PostgreSQL's order). */
        for (unsigned m = 0; m < (1u << nc); m++) {
            GroupKeySet s = {0};
            for (int i = 0; i < nc; i++)
                if (m & (1u << i)) s = ks_concat(bc, s, units[i]);
            sl_add(bc, out, s);
        }
        return 0;
    }
    case PG_QUERY__GROUPING_SET_KIND__GROUPING_SET_SETS:
        /* The union (concatenation) of what each element stands for. */
        for (int i = 0; i < nc; i++) {
            SetList sub;
            if (expand_item(gb, gs->content[i], &sub) < 0) return -1;
            if (out->n + sub.n > MAX_GROUPING_SETS) goto too_many;
            for (int k = 0; k < sub.n; k++) sl_add(bc, out, sub.v[k]);
        }
        return 0;
    default:
        return err_set(bc->err, ERRCODE_INTERNAL_ERROR, "unknown grouping set kind %d", (int)gs->kind);
    }
too_many:
    return err_set(bc->err, ERRCODE_STATEMENT_TOO_COMPLEX, "too many grouping sets present (maximum %d)",
                   MAX_GROUPING_SETS);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static bool ks_equal(const GroupKeySet *a, const GroupKeySet *b)
{
    if (a->n != b->n) return false;
    for (int i = 0; i < a->n; i++)
        if (a->keys[i] != b->keys[i]) return false;
    return true;
}

int bind_group_clause(BindCtx *bc, BindScope *sc, PgQuery__SelectStmt *s, TargetList *tl, int ntargets,
                      BindGroupBy *out)
{
    memset(out, 0, sizeof *out);
    if (!s->n_group_clause) return 0;
    GroupBuild gb = {.bc = bc, .sc = sc, .tl = tl, .ntargets = ntargets};
    bool allow = sc->allow_aggs;
    sc->allow_aggs = false;
    sc->clause = "GROUP BY";
    /* The clause is the cartesian product of its items' sets. */
    SetList prod = {0};
    GroupKeySet empty = {0};
    sl_add(bc, &prod, empty);
    bool has_sets = false;
    for (size_t i = 0; i < s->n_group_clause; i++) {
        PgQuery__Node *g = s->group_clause[i];
        if (g->node_case == PG_QUERY__NODE__NODE_GROUPING_SET) has_sets = true;
        SetList item;
        if (expand_item(&gb, g, &item) < 0) return -1;
        if ((double)prod.n * (double)item.n > MAX_GROUPING_SETS)
            return err_set(bc->err, ERRCODE_STATEMENT_TOO_COMPLEX, "too many grouping sets present (maximum %d)",
                           MAX_GROUPING_SETS);
        SetList next = {0};
        for (int a = 0; a < prod.n; a++)
            for (int b = 0; b < item.n; b++) sl_add(bc, &next, ks_concat(bc, prod.v[a], item.v[b]));
        prod = next;
    }
    sc->allow_aggs = allow;
    if (s->group_distinct) {
        /* GROUP BY DISTINCT: a set counts once, whatever its keys' order. */
        int n = 0;
        for (int a = 0; a < prod.n; a++) {
            qsort(prod.v[a].keys, (size_t)prod.v[a].n, sizeof(int), cmp_int);
            bool dup = false;
            for (int b = 0; b < n && !dup; b++) dup = ks_equal(&prod.v[a], &prod.v[b]);
            if (!dup) prod.v[n++] = prod.v[a];
        }
        prod.n = n;
    }
    out->keys = gb.keys;
    out->nkeys = gb.nkeys;
    /* One set (plain GROUP BY, GROUP BY (), GROUPING SETS ((a, b))) is a
     * plain grouping by its keys: every key is in it. */
    if (has_sets && prod.n > 1) {
        out->nsets = prod.n;
        out->sets = prod.v;
    }
    return 0;
}

/* ---- the Aggregate and the expressions above it ---------------------------- */

typedef struct GroupCtx {
    BindCtx *bc;
    BindScope *sc;
    LogicalOp *agg;        /* its exprs / gsets grow with functionally dependent keys */
    LogicalOp *from;       /* the level's FROM tree (tables by binding) */
    bool *level_bindings;  /* bindings of this query level's FROM items */
    int nlevel;
    bool in_subquery;      /* rewriting inside a subquery's plan */
} GroupCtx;

static const LogicalOp *find_get(const LogicalOp *op, int binding)
{
    if (op->kind == LOP_GET) return op->binding == binding ? op : NULL;
    for (int i = 0; i < op->nchildren; i++) {
        const LogicalOp *r = find_get(op->children[i], binding);
        if (r) return r;
    }
    return NULL;
}

/* Is key k grouped in every grouping set? */
static bool key_in_all_sets(const LogicalOp *a, int k)
{
    for (int s = 0; s < a->ngsets; s++) {
        bool in = false;
        for (int i = 0; i < a->gsets[s].n && !in; i++) in = a->gsets[s].keys[i] == k;
        if (!in) return false;
    }
    return true;
}

/* A column of a table whose whole primary key is grouped (in every set) is
 * functionally dependent on the keys (PostgreSQL's
 * check_functional_grouping): it becomes one more key, which splits no
 * group. Returns its key number, or -1. */
static int dependent_key(GroupCtx *g, const BoundExpr *col)
{
    const LogicalOp *get = find_get(g->from, col->binding);
    if (!get || !get->table || get->table->npk == 0) return -1;
    const CatTable *t = get->table;
    LogicalOp *a = g->agg;
    for (int p = 0; p < t->npk; p++) {
        bool found = false;
        for (int k = 0; k < a->nexprs && !found; k++) {
            const BoundExpr *e = a->exprs[k];
            found = e->kind == BE_COLUMN && e->binding == col->binding && e->col == t->pk_cols[p] &&
                    key_in_all_sets(a, k);
        }
        if (!found) return -1;
    }
    int k = a->nexprs;
    BoundExpr **ex = mem_new_array(g->bc->ctx, BoundExpr *, k + 1);
    memcpy(ex, a->exprs, sizeof(BoundExpr *) * (size_t)k);
    BoundExpr *c = mem_new(g->bc->ctx, BoundExpr);
    *c = *col;
    ex[k] = c;
    a->exprs = ex;
    a->nexprs = k + 1;
    for (int s = 0; s < a->ngsets; s++) {
        GroupKeySet one = {.n = 1, .keys = &k};
        a->gsets[s] = ks_concat(g->bc, a->gsets[s], one);
    }
    return k;
}

static int group_rewrite(GroupCtx *g, BoundExpr **pe);

/* Inside a subquery above the Aggregate, this level's columns are outer
 * references: a group key becomes its output column (NULL in the rows of
 * a grouping set without it, as in PostgreSQL), any other column is
 * PostgreSQL's "subquery uses ungrouped column". */
static int group_rewrite_slot(BoundExpr **slot, void *arg)
{
    GroupCtx *g = arg;
    return group_rewrite(g, slot) < 0 ? -1 : 0;
}

static int group_rewrite_tree(GroupCtx *g, LogicalOp *op)
{
    if (lop_map_exprs(op, group_rewrite_slot, g) != 0) return -1;
    for (int i = 0; i < op->nchildren; i++)
        if (group_rewrite_tree(g, op->children[i]) < 0) return -1;
    return 0;
}

static int group_rewrite(GroupCtx *g, BoundExpr **pe)
{
    BoundExpr *e = *pe;
    if (!e) return 0;
    LogicalOp *a = g->agg;
    for (int k = 0; k < a->nexprs; k++)
        if (node_expr_equal(e, a->exprs[k])) {
            *pe = bind_colref(g->bc, a->binding, k, e->type, e->location);
            return 0;
        }
    if (e->kind == BE_COLUMN) {
        if (e->binding == a->grouping_binding && a->ngsets == 0) {
            /* One grouping set: every argument is grouped. */
            BoundExpr *z = node_make_const(g->bc->ctx, om_type(OM_T_INT4), false);
            *(int32_t *)z->cval.data = 0;
            z->location = e->location;
            *pe = z;
            return 0;
        }
        if (e->binding == a->agg_binding || e->binding < 0 || e->binding >= g->nlevel ||
            !g->level_bindings[e->binding])
            return 0;
        int k = dependent_key(g, e);
        if (k >= 0) {
            *pe = bind_colref(g->bc, a->binding, k, e->type, e->location);
            return 0;
        }
        const char *rel, *name;
        bind_column_name(g->sc, e, &rel, &name);
        if (g->in_subquery)
            err_set(g->bc->err, ERRCODE_GROUPING_ERROR, "subquery uses ungrouped column \"%s.%s\" from outer query",
                    rel, name);
        else
            err_set(g->bc->err, ERRCODE_GROUPING_ERROR,
                    "column \"%s.%s\" must appear in the GROUP BY clause or be used in an aggregate function", rel,
                    name);
        return bind_error_at(g->bc, e->location);
    }
    if (e->kind == BE_CONST) return 0;
    BoundExpr *c = mem_new(g->bc->ctx, BoundExpr);
    *c = *e;
    if (e->kind == BE_SUBQUERY && lop_uses_bindings(e->subplan, g->level_bindings, g->nlevel)) {
        bool was = g->in_subquery;
        g->in_subquery = true;
        int rc = group_rewrite_tree(g, c->subplan);
        g->in_subquery = was;
        if (rc < 0) return -1;
    }
    if (e->nargs) {
        c->args = mem_new_array(g->bc->ctx, BoundExpr *, e->nargs);
        for (int i = 0; i < e->nargs; i++) {
            c->args[i] = e->args[i];
            if (group_rewrite(g, &c->args[i]) < 0) return -1;
        }
    }
    *pe = c;
    return 0;
}

/* grouping(args): each argument must be one of the keys. */
static int resolve_groupings(BindCtx *bc, BindScope *sc, LogicalOp *a)
{
    a->ngroupings = sc->ngroupings;
    a->groupings = mem_new_array(bc->ctx, GroupKeySet, sc->ngroupings > 0 ? sc->ngroupings : 1);
    for (int j = 0; j < sc->ngroupings; j++) {
        const BindGrouping *gf = &sc->groupings[j];
        GroupKeySet *r = &a->groupings[j];
        r->n = gf->nargs;
        r->keys = mem_new_array(bc->ctx, int, gf->nargs > 0 ? gf->nargs : 1);
        for (int i = 0; i < gf->nargs; i++) {
            r->keys[i] = -1;
            for (int k = 0; k < a->nexprs && r->keys[i] < 0; k++)
                if (node_expr_equal(gf->args[i], a->exprs[k])) r->keys[i] = k;
            if (r->keys[i] < 0) {
                err_set(bc->err, ERRCODE_GROUPING_ERROR,
                        "arguments to GROUPING must be grouping expressions of the associated query level");
                return bind_error_at(bc, gf->args[i]->location >= 0 ? gf->args[i]->location : gf->location);
            }
        }
    }
    if (a->ngsets == 0) a->ngroupings = 0; /* constants: see group_rewrite */
    return 0;
}

int bind_grouped_query(BindCtx *bc, BindScope *sc, const BindGroupBy *gb, LogicalOp *from_tree, LogicalOp *input,
                       int first_binding, int level_end, TargetList *tl, BoundExpr **having, LogicalOp **out)
{
    LogicalOp *a = bind_lop(bc, LOP_AGGREGATE, 1);
    a->children[0] = input;
    a->binding = bind_new_binding(bc);
    a->agg_binding = sc->agg_binding;
    a->grouping_binding = sc->grouping_binding;
    a->naggs = sc->naggs;
    a->aggs = sc->aggs;
    a->nexprs = gb->nkeys;
    a->exprs = gb->keys;
    a->ngsets = gb->nsets;
    a->gsets = gb->sets;
    if (resolve_groupings(bc, sc, a) < 0) return -1;
    GroupCtx g = {.bc = bc, .sc = sc, .agg = a, .from = from_tree, .nlevel = level_end};
    g.level_bindings = mem_new_array(bc->ctx, bool, level_end > 0 ? level_end : 1);
    for (int b = first_binding; b < level_end; b++) g.level_bindings[b] = true;
    for (int i = 0; i < tl->n; i++)
        if (group_rewrite(&g, &tl->exprs[i]) < 0) return -1;
    if (*having && group_rewrite(&g, having) < 0) return -1;
    *out = a;
    return 0;
}
