/*
 * bind_int.h — binder internals shared by bind_expr.c, bind_select.c and
 * bind_stmt.c.
 */
#ifndef OM_BIND_INT_H
#define OM_BIND_INT_H

#include "../parser/parser.h"
#include "binder.h"

/* One FROM item visible by name (PostgreSQL's range table entry as the
 * namespace sees it): a table, a derived table, a function, a join. */
typedef struct BindRel {
    const char *name;        /* alias, or the table's name; NULL: an unnamed join */
    const char *table_name;  /* the table's own name when an alias hides it (42P01 hint) */
    int ncols;
    const char **colnames;
    OmType *coltypes;
    BoundExpr **colexprs;    /* per column what a reference means: (binding, k) or a USING merge */
    bool *hidden;            /* per column: skipped by unqualified lookups (a USING column's sides) */
    uint32_t table_oid;      /* RowDescription's source table, 0 if none */
    bool in_join_only;       /* reachable only through its join's name (JOIN ... AS alias) */
    bool lateral_bad;        /* a LATERAL view of a RIGHT / FULL join's left side: referencing it is 42P10 */
    bool nullable;           /* on the NULL-extended side of an outer join */
    const CatTable *table;   /* a table item: its catalog entry (NOT NULL columns tell a null-extended row) */
} BindRel;

/* A query level's range table (PostgreSQL's p_rtable): every FROM item
 * bound at the level so far, visible or not, shared by all of the level's
 * scopes. Only for messages: a qualifier naming an entry there that the
 * scope cannot see is "invalid reference to FROM-clause entry", not
 * "missing FROM-clause entry". */
typedef struct BindRtable {
    int n, cap;
    BindRel **rels;
} BindRtable;

/* One column of SELECT *'s expansion. */
typedef struct BindStar {
    BoundExpr *expr;
    const char *name;
    uint32_t table_oid;
    int16_t attnum;
} BindStar;

/* How a reference to a CTE binds while its own body is being bound. */
typedef enum {
    CTE_SELF_HIDDEN,    /* not at all: the name means an outer CTE or a table (non-recursive WITH) */
    CTE_SELF_FORM,      /* WITH RECURSIVE, body not a UNION: 42P19 (not of the recursive form) */
    CTE_SELF_NONREC,    /* the non-recursive term: 42P19 */
    CTE_SELF_WORKTABLE  /* the recursive term: the worktable (once, at its own query level) */
} BindCteSelf;

/* A WITH list entry visible to the query level (and those inside it).
 * Bodies are bound once, when WITH is (bind_with); each reference is a
 * LOP_CTE_REF counted here, and bind_with_finish decides: inline the one
 * reference, compute once under a LOP_CTE, or drop an unread CTE. */
typedef struct BindCte {
    PgQuery__CommonTableExpr *cte;
    bool binding_now;    /* its own body is being bound */
    BindCteSelf self;    /* ... and what a reference to itself means there */
    int rec_depth;       /* CTE_SELF_WORKTABLE: the recursive term's subquery depth (a reference
                          * in a subquery of an expression is 42P19; in FROM's derived tables not) */
    int nself;           /* references to the worktable so far */
    int wt_id;           /* the worktable's id */
    int wt_ncols;
    OmType *wt_types;
    const char **wt_names;
    BoundQuery *q;       /* the bound body */
    bool copies;         /* NOT MATERIALIZED and side-effect free: each reference binds its own copy */
    int id;              /* cte_id of its LOP_CTE / LOP_CTE_REFs */
    bool recursive;      /* its body reads itself */
    bool writes;         /* INSERT / UPDATE / DELETE */
    bool has_returning;
    int nrefs;
    LogicalOp *ref;      /* the last reference (the only one when nrefs == 1) */
} BindCte;

/* A grouping(args) call of a query level (bind_grouping.c). */
typedef struct BindGrouping {
    int nargs;
    BoundExpr **args;
    int location;
} BindGrouping;

/* What names resolve against while binding an expression: the FROM
 * namespace of this query level, and the enclosing levels (correlated
 * references) through parent. */
typedef struct BindScope {
    int nrels, cap_rels;
    BindRel **rels;
    struct BindScope *parent;
    BindRtable *rtable;  /* the level's range table (NULL: none kept) */
    int nctes;           /* WITH: a scope level of its own, holding only CTEs */
    BindCte *ctes;
    int nstar;           /* SELECT *: the FROM list's columns in PostgreSQL's order */
    BindStar *star;
    bool outer_used;     /* a reference resolved to an enclosing level */
    struct BindScope *outer_hit; /* the nearest enclosing scope a reference resolved in (with outer_used) */
    int outer_hit_dist;  /* its distance up the parent chain */
    int local_refs;      /* references resolved at this level */
    /* Aggregates: when aggs != NULL, aggregate calls are collected here as
     * BE_COLUMN (agg_binding, k). */
    bool allow_aggs;
    int agg_binding;
    int naggs, cap_aggs;
    BoundAgg *aggs;
    bool in_agg_arg;     /* binding an aggregate's (or grouping()'s) argument */
    /* grouping() calls, collected like aggregates as (grouping_binding, k) */
    int grouping_binding;
    int ngroupings, cap_groupings;
    BindGrouping *groupings;
    const char *clause;  /* for errors: "WHERE", "DEFAULT", "VALUES" ... */
    /* Set-returning functions: in a select list they are collected here
     * (srfs, evaluated by a ProjectSet below the projection; the k-th is
     * column (srf_binding, k)); in FROM (from_function) the call itself is
     * the result. Elsewhere they are refused. */
    bool allow_srfs;
    bool from_function;
    int srf_binding;
    int nsrfs, cap_srfs;
    BoundExpr **srfs;
} BindScope;

/* A new binding number for this statement. */
int bind_new_binding(BindCtx *bc);
/* (binding, col) of type t. */
BoundExpr *bind_colref(BindCtx *bc, int binding, int col, OmType t, int location);
/* Add a FROM item over binding's columns 0..ncols (names and types given;
 * name NULL = unnamed). */
BindRel *bind_add_rel(BindCtx *bc, BindScope *sc, const char *name, int binding, int ncols, const char **colnames,
                      const OmType *types, uint32_t table_oid);
/* A table as a FROM item (alias may be NULL). */
BindRel *bind_add_table(BindCtx *bc, BindScope *sc, CatTable *t, const char *alias, int binding);
/* The FROM item relname names, for a whole-row reference (42P01 / 42P10
 * as for a qualifier); counts as a reference at its level. */
int bind_whole_row_rel(BindCtx *bc, BindScope *sc, const char *relname, int location, BindRel **out);
/* Whole-row references (bind_row.c). bind_whole_row_ref: is n a FROM
 * item's name used as a value (`b` that names no column, `b.*`)? 1 and
 * the item, 0 if not, -1 on error. bind_row_nulltest: `row IS [NOT] NULL`
 * over its fields. bind_row_text: `row::text` (BE_ROW; 0A000 for an item
 * of a NULL-extended side without a NOT NULL column). */
int bind_whole_row_ref(BindCtx *bc, BindScope *sc, PgQuery__Node *n, BindRel **out);
int bind_row_nulltest(BindCtx *bc, BindRel *r, bool isnull, int location, BoundExpr **out);
int bind_row_text(BindCtx *bc, BindRel *r, int location, BoundExpr **out);
/* Name of (binding, col) for messages ("t.x"), from the scope chain. */
void bind_column_name(BindScope *sc, const BoundExpr *col, const char **rel, const char **name);

int bind_expr(BindCtx *bc, BindScope *sc, PgQuery__Node *n, BoundExpr **out);
/* Coerce e to t in context cc; constants are folded (errors carry the
 * constant's position). `what` names the target for 42804 messages (column
 * name) or NULL. */
int bind_coerce(BindCtx *bc, BoundExpr *e, OmType t, OmCoerceCtx cc, const char *what,
                BoundExpr **out);
/* Resolve unknown (string literal / NULL) to text; used for output columns. */
int bind_resolve_unknown(BindCtx *bc, BoundExpr *e, BoundExpr **out);
/* Common type of a set of expressions (CASE, COALESCE, VALUES), as
 * PostgreSQL's select_common_type; `what` is "CASE" / "COALESCE" ... */
int bind_common_type(BindCtx *bc, BoundExpr **es, int n, const char *what, OmType *out);

int bind_error_at(BindCtx *bc, int location);
/* f(..., VARIADIC array) for concat / concat_ws / format (bind_variadic.c). */
int bind_variadic_call(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundExpr **out);
/* expr COLLATE name: checks, then the expression itself (bind_collate.c). */
int bind_collate(BindCtx *bc, BindScope *sc, PgQuery__CollateClause *cc, BoundExpr **out);
/* Does the expression reference a column of binding? */
bool bind_refs_binding(const BoundExpr *e, int binding);
/* A column reference (relname may be NULL) resolved in sc and its parents. */
int bind_resolve_column(BindCtx *bc, BindScope *sc, const char *relname, const char *colname, int location,
                        BoundExpr **out);
/* Does the expression call a volatile function (nextval, random)? */
bool bind_has_volatile(const BoundExpr *e);
/* Evaluate a constant expression (no column refs) now. */
int bind_eval_const(BindCtx *bc, BoundExpr *e, BoundExpr **out);

const char *bind_node_name(PgQuery__Node *n); /* String node value or NULL */
/* Byte offset of a node in the query text, -1 if it has none. */
int bind_node_location(PgQuery__Node *n);
/* Check a qualifier (t.col, t.*) against the scope; 42P01 if it names no
 * FROM item. */
int bind_check_qualifier(BindCtx *bc, BindScope *sc, const char *relname, int location);
/* Output column name as PostgreSQL's FigureColname. */
const char *bind_figure_colname(PgQuery__Node *n);

/* Resolve a TypeName (with all its modifiers) to an OmType. */
int bind_typename(BindCtx *bc, PgQuery__TypeName *tn, OmType *out);

/* A select list being built: expressions, names and RowDescription sources. */
typedef struct TargetList {
    int n, cap;
    BoundExpr **exprs;
    char **names;
    uint32_t *tab;
    int16_t *att;
} TargetList;

void bind_tl_add(BindCtx *bc, TargetList *tl, BoundExpr *e, const char *name, uint32_t tab, int16_t att);
/* ORDER BY item → projection column *col (adding a hidden one if needed). */
int bind_sort_item(BindCtx *bc, BindScope *sc, TargetList *tl, int ntargets, PgQuery__SortBy *sb, int *col,
                   BoundOrder *key);
int bind_sort_key_check(BindCtx *bc, const TargetList *tl, int col);
/* LIMIT / OFFSET expression (NULL when absent or ALL). */
int bind_limit(BindCtx *bc, BindScope *parent, PgQuery__Node *n, const char *what, BoundExpr **out);
/* GROUP BY, bound (bind_grouping.c): the distinct key expressions and,
 * for more than one grouping set, the sets (key positions). */
typedef struct BindGroupBy {
    int nkeys;
    BoundExpr **keys;
    int nsets;              /* 0: one set of every key */
    GroupKeySet *sets;
} BindGroupBy;

/* GROUP BY items, GROUPING SETS / ROLLUP / CUBE expanded (PostgreSQL's
 * limits and GROUP BY DISTINCT). */
int bind_group_clause(BindCtx *bc, BindScope *sc, PgQuery__SelectStmt *s, TargetList *tl, int ntargets,
                      BindGroupBy *out);
/* grouping(args) in scope sc: an int4 column of sc->grouping_binding. */
int bind_grouping_call(BindCtx *bc, BindScope *sc, PgQuery__GroupingFunc *gf, BoundExpr **out);
/* The Aggregate over input for a grouped level (from_tree: its FROM tree,
 * for primary keys), with tl's expressions and *having rewritten over its
 * outputs; 42803 for ungrouped columns. */
int bind_grouped_query(BindCtx *bc, BindScope *sc, const BindGroupBy *gb, LogicalOp *from_tree, LogicalOp *input,
                       int first_binding, int level_end, TargetList *tl, BoundExpr **having, LogicalOp **out);

/* DISTINCT ON (exprs), bound (bind_distinct.c): projection columns. */
typedef struct BindDistinctOn {
    int n;
    int *cols;
    int *locs;              /* each expression's position, for 42P10 */
} BindDistinctOn;

/* DISTINCT ON expressions → projection columns (hidden ones added like
 * ORDER BY's); 42P10 unless the ORDER BY items (sortcol) that are DISTINCT
 * ON expressions come first. */
int bind_distinct_on_items(BindCtx *bc, BindScope *sc, PgQuery__SelectStmt *s, TargetList *tl, int ntargets,
                           const int *sortcol, int nsort, BindDistinctOn *out);
/* Over *root (the projection): DISTINCT ON (on != NULL: Sort + Distinct,
 * *nsort set to 0 unless keep_order, for WITH TIES) or DISTINCT (an Aggregate over the outputs); the sort
 * keys left for bind_order_limit get their expressions. */
int bind_distinct_plan(BindCtx *bc, const TargetList *tl, int ntargets, const BindDistinctOn *on, bool distinct,
                       bool keep_order, BoundOrder *sort, const int *sortcol, int *nsort, LogicalOp **root);

/* WITH (bind_cte.c): a scope level holding the query's CTEs (parent of
 * the query's own scope), their bodies bound; *out is parent when there is
 * no WITH. */
int bind_with(BindCtx *bc, BindScope *parent, PgQuery__WithClause *w, BindScope **out);
/* After the query under a WITH is bound (root its logical tree): inline
 * the CTEs read once (side-effect free, not MATERIALIZED), wrap root in a
 * LOP_CTE for each one computed once, drop unread ones. ws is bind_with's
 * *out (nothing happens when it holds no CTEs of this WITH: ws == parent). */
int bind_with_finish(BindCtx *bc, BindScope *ws, BindScope *parent, LogicalOp **root);
/* INSERT / UPDATE / DELETE in WITH (bind_stmt.c): the statement as a query
 * whose columns are its RETURNING list (none without one); names resolve
 * in parent. */
int bind_dml_query(BindCtx *bc, BindScope *parent, PgQuery__Node *n, BoundQuery **out);
/* A set-operation branch: q's targets coerced to types (bind_setop.c). */
int bind_setop_branch(BindCtx *bc, BoundQuery *q, const OmType *types, int n, int tag, LogicalOp **out);
/* FROM name: a CTE in scope? 1 and the derived table's item, 0 if not. */
int bind_cte_ref(BindCtx *bc, BindScope *sc, PgQuery__RangeVar *rv, BindScope *local, LogicalOp **out);
/* Bind a derived table from a query and register it as name in local. */
int bind_derived(BindCtx *bc, BoundQuery *q, const char *name, PgQuery__Node **colnames, size_t ncolnames,
                 BindScope *local, LogicalOp **out);
/* UNION / INTERSECT / EXCEPT [ALL] (bind_setop.c). */
int bind_setop(BindCtx *bc, BindScope *parent, PgQuery__SelectStmt *s, BoundQuery **out);

/* A subquery in an expression (bind_sublink.c). */
int bind_sublink(BindCtx *bc, BindScope *sc, PgQuery__SubLink *sl, BoundExpr **out);
/* An aggregate call (bind_agg.c). */
int bind_agg_call(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundExpr **out);
/* fn_agg.c's one-argument signature for agg->args[0] (0), none there but
 * maybe in fn_agg_candidates (1), or an error (-1). */
int bind_agg_classic(BindCtx *bc, const char *name, BoundAgg *agg, int location);
/* 42883 "function name(types) does not exist". */
int bind_agg_no_such(BindCtx *bc, const char *name, BoundExpr **args, int nargs, int location);
/* An aggregate call's arguments, ORDER BY and WITHIN GROUP, its signature
 * and result type into agg (bind_agg_args.c). *owner: the enclosing scope the call
 * belongs to when its arguments use only that level's columns (PostgreSQL's
 * agglevelsup), else NULL. */
int bind_agg_args(BindCtx *bc, BindScope *sc, PgQuery__FuncCall *fc, const char *name, BoundAgg *agg,
                  BindScope **owner);
/* Resolve name(args) among the registered signatures (bind_func.c). */
/* The two halves of bind_func_call, for callers with their own candidates
 * (aggregates): choose among all[0..nall) by PostgreSQL's rules (42883 /
 * 42725 otherwise), then coerce args to the pick into out[] and give the
 * result type. */
int bind_func_select(BindCtx *bc, const struct FnDesc *const *all, int nall, const char *name, BoundExpr **args,
                     int nargs, int location, bool op, const struct FnDesc **pick);
int bind_func_coerce(BindCtx *bc, const struct FnDesc *pick, BoundExpr **args, int nargs, int location, BoundExpr **out,
                     OmType *ret);
int bind_func_call(BindCtx *bc, const char *name, BoundExpr **args, int nargs, int location, bool op,
                   BoundExpr **out);

/* `l op r` for the built-in operators (arithmetic, comparison, ||, LIKE). */
int bind_binary(BindCtx *bc, const char *opname, BoundExpr *l, BoundExpr *r, int loc, BoundExpr **out);
BoundExpr *bind_new_expr(BindCtx *bc, BoundExprKind k, OmType t, int loc, int nargs);
/* bind_array.c: ARRAY[...] (hint: the type of an enclosing cast, for
 * ARRAY[]::int[]), subscripts, op ANY/ALL (array). */
int bind_array_expr(BindCtx *bc, BindScope *sc, PgQuery__AArrayExpr *ae, const OmType *hint, BoundExpr **out);
int bind_indirection(BindCtx *bc, BindScope *sc, PgQuery__AIndirection *ind, BoundExpr **out);
int bind_any_all(BindCtx *bc, BindScope *sc, PgQuery__AExpr *ae, BoundExpr **out);
/* UPDATE ... SET col[i][j] = val: the column's new value (a BE_SUBSCRIPT
 * with is_assign: args[0] the array, subscripts as for fetches, the value
 * last). */
int bind_array_assign(BindCtx *bc, BindScope *sc, BoundExpr *col, const char *colname, PgQuery__Node **ind, int nind,
                      PgQuery__Node *val, int location, BoundExpr **out);
/* A bound set-returning call (BE_FUNC with fn->srf) in scope sc: collected
 * as a BE_SRFREF, kept as is in FROM, or refused (0A000). */
int bind_srf_ref(BindCtx *bc, BindScope *sc, int location, BoundExpr **e);
/* FROM f(...): the set-returning calls and a synthetic table for their
 * columns, registered in sc. The arguments are bound in lat (functions in
 * FROM are always LATERAL: lat holds the FROM items to their left). */
int bind_range_function(BindCtx *bc, BindScope *sc, BindScope *lat, PgQuery__RangeFunction *rf, LogicalOp **out);
/* FROM seq (a sequence's one-row state): 1 if rv names a sequence, 0 if not. */
int bind_sequence_from(BindCtx *bc, BindScope *sc, PgQuery__RangeVar *rv, LogicalOp **out);
/* A query at a level whose enclosing scope is parent (NULL at the top). */
int bind_select(BindCtx *bc, BindScope *parent, PgQuery__SelectStmt *s, BoundQuery **out);
/* FROM list → the joined tree of its items, registered in sc. */
int bind_from(BindCtx *bc, BindScope *sc, PgQuery__Node **items, size_t n, LogicalOp **out);
/* Logical operator constructors (bind_plan.c). */
LogicalOp *bind_lop(BindCtx *bc, LogicalKind k, int nchildren);
LogicalOp *bind_lop_get(BindCtx *bc, CatTable *t, int binding, bool keys);
LogicalOp *bind_lop_one_row(BindCtx *bc);
LogicalOp *bind_lop_filter(BindCtx *bc, LogicalOp *child, BoundExpr *cond);
int bind_order_limit(BindCtx *bc, BindScope *parent, PgQuery__SelectStmt *s, LogicalOp *root, BoundOrder *sort,
                     int nsort, LogicalOp **out);
int bind_table_ref(BindCtx *bc, PgQuery__RangeVar *rv, CatTable **out);
/* (l1, ..., ln) op (r1, ..., rn) over bound operands, as PostgreSQL's
 * make_row_comparison_op (bind_expr.c). */
int bind_row_compare_exprs(BindCtx *bc, const char *opname, BoundExpr **l, BoundExpr **r, int n, int loc,
                           BoundExpr **out);
/* bind_view.c: note a relation the statement reads; a view in FROM
 * (1: bound into *out and local, 0: no such view, -1 error); DDL. */
void bind_note_read(BindCtx *bc, uint32_t oid);
int bind_view_ref(BindCtx *bc, PgQuery__RangeVar *rv, BindScope *local, LogicalOp **out);
int bind_create_view(BindCtx *bc, PgQuery__ViewStmt *vs, BoundStmt *st);
int bind_drop_view(BindCtx *bc, PgQuery__DropStmt *ds, BoundStmt *st);
int bind_analyze(BindCtx *bc, PgQuery__VacuumStmt *vs, BoundStmt *st);

#endif
