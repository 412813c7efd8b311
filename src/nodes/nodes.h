/*
 * nodes.h — the one vocabulary of the query engine: bound expressions,
 * logical operators and physical plan nodes.
 *
 * binder/ produces bound expressions and a logical operator tree;
 * optimizer/ rewrites that tree; planner/ turns it into physical nodes;
 * executor/ runs them. All four include this header and none includes a
 * layer above it (PostgreSQL's primnodes.h / plannodes.h play this role
 * there; DuckDB's binder → logical → physical pipeline is the model).
 *
 * Column references. Every FROM item and every operator that makes new
 * columns (Project, Aggregate, Values, set operations ...) gets a binding:
 * a number unique within the statement. A column reference is the pair
 * (binding, column). Bindings stay symbolic through the logical tree, so
 * rules can move filters and reorder joins without renumbering anything;
 * the physical planner resolves each pair to a slot of its input batch
 * (binding = -1, col = slot) when it builds the physical node.
 *
 * Memory: every node lives in the statement's context.
 */
#ifndef OM_NODES_H
#define OM_NODES_H

#include <stdbool.h>
#include <stdint.h>

#include "../catalog/catalog.h"
#include "../common/vector.h"
#include "../types/types.h"

/* ---- bound expressions ------------------------------------------------------ */

typedef enum {
    BE_CONST,    /* cval: one-row vector of the constant; is_null */
    BE_COLUMN,   /* (binding, col); binding -1: col is a slot of the input batch */
    BE_OP,       /* op over args[0..nargs) — operands already of one type */
    BE_AND,      /* n-ary, three-valued */
    BE_OR,
    BE_NOT,
    BE_NULLTEST, /* op = BOP_ISNULL / BOP_ISNOTNULL */
    BE_BOOLTEST, /* op = BOP_IS_TRUE ... BOP_IS_NOT_UNKNOWN */
    BE_CAST,     /* args[0] cast to type, with cctx */
    BE_CASE,     /* args: when0, then0, when1, then1, ..., [else] ; has_else */
    BE_COALESCE,
    BE_NULLIF,   /* args[0], args[1] compared with cmp_type */
    BE_FUNC,     /* fn(args): a scalar function chosen by bind_func.c */
    BE_MINMAX,   /* GREATEST (op = BOP_GT) / LEAST (op = BOP_LT) of args, NULLs ignored */
    BE_ARRAY,    /* ARRAY[args...] of type; array_multi: args are arrays stacked into one more dimension */
    BE_SUBSCRIPT,/* args[0][args[1]:args[2]][...]: nsubs pairs (lower, upper), NULL = omitted; is_slice */
    BE_ANY_ALL,  /* args[0] op ANY/ALL (args[1]): op a comparison or LIKE, arg_type the element type; all */
    BE_SUBQUERY, /* a subquery (sublink kind, subplan); args: the left operands of IN / op ANY / ALL */
    BE_PARAM,    /* col: a slot of the executor's parameter row (outer columns of a correlated subquery) */
    BE_ROW       /* a whole-row reference's text form (record_out): args are the row's fields, then, with
                  * row_presence, a column that is NULL exactly when the row is (null-extended); type text */
} BoundExprKind;

typedef enum {
    BOP_ADD, BOP_SUB, BOP_MUL, BOP_DIV, BOP_MOD, BOP_NEG,
    BOP_EQ, BOP_NE, BOP_LT, BOP_LE, BOP_GT, BOP_GE,
    BOP_CONCAT,
    BOP_LIKE, BOP_NOT_LIKE, BOP_ILIKE, BOP_NOT_ILIKE,
    BOP_ISNULL, BOP_ISNOTNULL,
    BOP_IS_TRUE, BOP_IS_NOT_TRUE, BOP_IS_FALSE, BOP_IS_NOT_FALSE,
    BOP_IS_UNKNOWN, BOP_IS_NOT_UNKNOWN,
    BOP_IS_DISTINCT, BOP_IS_NOT_DISTINCT,
    BOP_ABS
} BoundOp;

/* BE_SUBQUERY kinds (PostgreSQL's SubLinkType). */
typedef enum {
    SUBLINK_SCALAR, /* (SELECT x ...): NULL on no row, 21000 on two */
    SUBLINK_EXISTS,
    SUBLINK_ANY,    /* args op ANY (SELECT ...), IN */
    SUBLINK_ALL,
    SUBLINK_ARRAY   /* ARRAY(SELECT x ...): the column's values as an array, '{}' on no row */
} SubLinkKind;

struct LogicalOp;

typedef struct BoundExpr BoundExpr;
struct BoundExpr {
    BoundExprKind kind;
    OmType type;        /* result type */
    int location;       /* byte offset in the query text, -1 none */
    /* BE_CONST */
    OmVector cval;      /* 1 row */
    bool is_null;
    /* BE_COLUMN: binding and column; BE_PARAM: col is the parameter slot */
    int binding;
    int col;
    /* BE_OP / tests */
    BoundOp op;
    OmType arg_type;    /* common operand type for comparisons / arithmetic */
    int nargs;
    BoundExpr **args;
    /* BE_CAST */
    OmCoerceCtx cctx;
    bool cmp_cast;      /* operand of a cross-type date/timestamp comparison: saturates (dt_cast_cmp_vec) */
    /* BE_CASE */
    bool has_else;
    /* BE_AND / BE_OR: evaluate every argument on every row (IN lists) */
    bool eager;
    /* BE_FUNC: the chosen signature (functions/functions.h), and what the
     * binder resolved for the call (nextval: the sequence's StorSeqDef) */
    const struct FnDesc *fn;
    const void *fn_data;
    /* BE_ARRAY / BE_SUBSCRIPT / BE_ANY_ALL */
    bool array_multi;
    int nsubs;
    bool is_slice;
    bool is_assign;     /* BE_SUBSCRIPT in UPDATE SET a[i] = v: args[nargs - 1] is v */
    bool all;
    bool row_presence;  /* BE_ROW: args[nargs - 1] tells a null-extended row, not a field */
    /* BE_SUBQUERY: the subquery's logical plan (its first ncols outputs are
     * the value / the compared columns) and, once planned, its physical
     * plan; the outer columns it uses become BE_PARAMs (nparams, with the
     * outer expressions that fill them in param_src). */
    SubLinkKind sublink;
    struct LogicalOp *subplan;
    struct PhysNode *subphys;
    int nparams;
    BoundExpr **param_src;
};

/* An aggregate call (functions/fn_agg.h has the implementations). */
typedef struct BoundAgg {
    const struct FnAggDesc *fn;
    /* args[0 .. nargs): every expression the aggregate evaluates per row,
     * over the Aggregate's input: its arguments, then its ORDER BY keys
     * (agg(x ORDER BY k), or the WITHIN GROUP keys of an ordered-set
     * aggregate). ninputs == norder == 0 means all are arguments. */
    int nargs;
    BoundExpr **args;
    int ninputs;        /* arguments: args[0 .. ninputs) (0 for ordered-set) */
    int norder;         /* ORDER BY keys: args[ninputs .. ninputs + norder) */
    bool *order_desc, *order_nulls_first;
    /* Direct arguments of an ordered-set aggregate (percentile_cont(0.5)):
     * constants, evaluated once. */
    int ndirect;
    BoundExpr **direct;
    bool star;          /* count(*) */
    bool distinct;      /* agg(DISTINCT x) */
    BoundExpr *filter;  /* FILTER (WHERE ...), or NULL */
    OmType type;        /* result type */
} BoundAgg;

/* ORDER BY item over an operator's input. */
typedef struct BoundOrder {
    BoundExpr *expr;
    bool desc;
    bool nulls_first;
} BoundOrder;

/* Positions in an Aggregate's group keys (exprs): one grouping set, or the
 * arguments of one grouping() call (PostgreSQL's GroupingFunc). */
typedef struct GroupKeySet {
    int n;
    int *keys;
} GroupKeySet;

/* A column's identity, the currency of the logical tree. */
typedef struct ColBinding {
    int binding;
    int col;
} ColBinding;

/* ---- logical operators ------------------------------------------------------ */

typedef enum {
    LOP_GET,         /* table: its columns as (binding, 0..ncols) */
    LOP_VALUES,      /* rows of expressions (no input): (binding, 0..ncols) */
    LOP_FILTER,      /* conds (AND of them) over the child */
    LOP_PROJECT,     /* exprs over the child: (binding, 0..nexprs) */
    LOP_PROJECT_SET, /* child's columns (unless srf_only) then (binding, k) per SRF column */
    LOP_AGGREGATE,   /* groups (exprs) → (binding, k); aggregates → (agg_binding, k);
                        grouping() results → (grouping_binding, k) */
    LOP_JOIN,        /* join_type over children[0], children[1], conds: left ++ right */
    LOP_ORDER,       /* keys over the child */
    LOP_LIMIT,       /* limit / offset (constant expressions) */
    LOP_DISTINCT,    /* DISTINCT ON (exprs): the first row of each run of equal keys
                        in the sorted input below (PostgreSQL's Unique) */
    LOP_SETOP,       /* UNION / INTERSECT / EXCEPT [ALL] of children: (binding, k) */
    LOP_INSERT,      /* returning: outputs the inserted rows as (binding, 0..table ncols) */
    LOP_UPDATE,      /* exprs: new value per table column over the scanned row; returning: the new rows */
    LOP_DELETE,      /* returning: the deleted rows */
    /* WITH, computed once (PostgreSQL's CTE scan over a shared tuplestore):
     * LOP_CTE's children[0] is the query (its outputs are the node's),
     * children[1] the CTE's definition, cte_id names it; LOP_CTE_REF reads
     * the definition's rows as (binding, 0..ncols). */
    LOP_CTE,
    LOP_CTE_REF,
    /* WITH RECURSIVE's body: children[0] the non-recursive term, children[1]
     * the recursive one, whose LOP_WORKTABLE (same cte_id) reads the rows the
     * previous iteration produced; UNION (not setop_all) drops rows seen
     * before. Outputs (binding, 0..ncols). */
    LOP_RECURSIVE_UNION,
    LOP_WORKTABLE
} LogicalKind;

typedef enum { JOIN_INNER, JOIN_LEFT, JOIN_RIGHT, JOIN_FULL, JOIN_SEMI, JOIN_ANTI } JoinType;
typedef enum { SETOP_UNION, SETOP_INTERSECT, SETOP_EXCEPT } SetOpKind;

typedef struct LogicalOp LogicalOp;
struct LogicalOp {
    LogicalKind kind;
    int nchildren;
    LogicalOp **children;
    double est_rows;          /* optimizer's estimate (0 = unknown) */
    int binding;              /* GET / VALUES / PROJECT / PROJECT_SET / AGGREGATE (groups) / SETOP */
    int agg_binding;          /* AGGREGATE: the aggregates' binding */
    /* GET; INSERT / UPDATE / DELETE target */
    CatTable *table;
    CatTableStats *stats;     /* GET: ANALYZE's statistics (NULL: none), values read in stats_ctx on first use */
    MemCtx *stats_ctx;
    bool want_keys;           /* GET: storage keys with each row (UPDATE / DELETE) */
    bool key_column;          /* GET: also the storage key as column table->ncols (bytea), for UPDATE ... FROM
                               * and DELETE ... USING; UPDATE / DELETE: the input carries the target's key in
                               * that column of binding */
    /* VALUES: rows[r][c] */
    int nrows;
    BoundExpr ***rows;
    /* column count and types of VALUES / SETOP / PROJECT_SET's SRF part */
    int ncols;
    OmType *types;
    /* FILTER and JOIN conditions (conjuncts) */
    int nconds;
    BoundExpr **conds;
    /* PROJECT exprs; AGGREGATE groups; DISTINCT ON exprs; UPDATE new values */
    int nexprs;
    BoundExpr **exprs;
    /* AGGREGATE */
    int naggs;
    BoundAgg *aggs;
    /* AGGREGATE with GROUPING SETS / ROLLUP / CUBE (ngsets 0: one set of
     * every key): each set lists the keys it groups by, the others read
     * NULL in its rows; grouping() calls are int4 columns of
     * grouping_binding, bit i set when argument i is not grouped (the
     * first argument the most significant bit). */
    int ngsets;
    GroupKeySet *gsets;
    int grouping_binding;
    int ngroupings;
    GroupKeySet *groupings;
    /* JOIN */
    JoinType join_type;
    bool lateral;             /* JOIN: the right side reads the left's columns (LATERAL, functions in FROM):
                               * it is evaluated per left row; INNER or LEFT only */
    /* ORDER */
    int nkeys;
    BoundOrder *keys;
    /* LIMIT */
    BoundExpr *limit, *offset;
    /* DISTINCT: distinct_on (nexprs exprs) or all columns */
    bool distinct_on;
    /* SETOP */
    SetOpKind setop;
    bool setop_all;
    /* PROJECT_SET */
    int nsrfs;
    BoundExpr **srfs;
    bool srf_only;
    bool ordinality;
    /* CTE / CTE_REF / RECURSIVE_UNION / WORKTABLE: which CTE (a number unique
     * in the statement) and its name (EXPLAIN); CTE: its definition writes
     * (a data-modifying WITH: run to completion, applied at the end) */
    int cte_id;
    const char *cte_name;
    bool cte_writes;
    /* INSERT / UPDATE / DELETE: output the affected rows (RETURNING) */
    bool returning;
    /* LIMIT: FETCH ... WITH TIES, ties decided by these ORDER BY keys */
    bool with_ties;
    int ntie_keys;
    BoundOrder *tie_keys;
    int location;             /* CTE_REF / WORKTABLE: the reference's position (errors) */
};

/* ---- physical plan ---------------------------------------------------------- */

typedef enum {
    PHYS_SCAN, PHYS_VALUES, PHYS_FILTER, PHYS_PROJECT, PHYS_PROJECT_SET,
    PHYS_AGG,          /* plain (no groups) or hash aggregate */
    PHYS_GROUPING_SETS,/* hash aggregation of every grouping set in one pass (exec_gsets.c) */
    PHYS_SORT, PHYS_LIMIT,
    PHYS_NL_JOIN,      /* nested loop: conds over left ++ right */
    PHYS_HASH_JOIN,    /* equi-join: lkeys over the left, rkeys over the right (build) side, conds residual */
    PHYS_LATERAL_JOIN, /* dependent nested loop (INNER / LEFT): children[1] run afresh per left row with
                        * param_src (over the left row) as its parameters; pred over left ++ right */
    PHYS_DISTINCT,     /* Unique: the first row of each run of equal exprs (DISTINCT ON over sorted input) */
    PHYS_SETOP,        /* UNION ALL (append) or hashed set operations */
    PHYS_INSERT, PHYS_UPDATE, PHYS_DELETE,
    PHYS_CTE,          /* children[0] the query, children[1] a CTE's definition (cte_id) */
    PHYS_CTE_SCAN,     /* a reader of the CTE's buffered rows (pulls the definition on demand) */
    PHYS_RECURSIVE_UNION, /* children[0] non-recursive term, children[1] recursive term (rebuilt per iteration) */
    PHYS_WORKTABLE_SCAN   /* the rows of the previous iteration of its recursive union */
} PhysKind;

typedef struct PhysNode PhysNode;
struct PhysNode {
    PhysKind kind;
    int nchildren;
    PhysNode **children;
    PhysNode *child;    /* children[0], for the one-input operators */
    int ncols;          /* output columns */
    OmType *types;      /* their types */
    double est_rows;
    CatTable *table;    /* SCAN source; INSERT/UPDATE/DELETE target */
    bool want_keys;     /* SCAN: fill storage keys (for UPDATE/DELETE) */
    bool key_column;    /* SCAN: the last output column is each row's storage key (bytea) */
    int key_slot;       /* UPDATE / DELETE with key_column: the input column holding the target's keys */
    int *scan_cols;     /* SCAN: the table column behind each output column (ncols of them) */
    BoundExpr *lookup;  /* SCAN: a constant primary-key value: read that one row (key lookup) */
    int nkeyset;        /* SCAN: pk IN (constants): read the rows of these keys */
    BoundExpr **keyset;
    bool range;         /* SCAN: a primary-key range: the first nrange_eq key columns equal */
    int nrange_eq;      /* constants, then the next one between range_lo and range_hi (each */
    BoundExpr **range_eq; /* optional, inclusive or not) */
    BoundExpr *range_lo, *range_hi;
    bool range_lo_incl, range_hi_incl;
    int nrows;          /* VALUES */
    BoundExpr ***rows;
    BoundExpr *pred;    /* FILTER; joins: residual condition over left ++ right (NULL = none) */
    int nexprs;         /* PROJECT; UPDATE new values (per table column); AGG groups; DISTINCT ON */
    BoundExpr **exprs;
    int naggs;          /* AGG */
    BoundAgg *aggs;
    /* GROUPING_SETS: output is every key (NULL where the set lacks it),
     * the aggregates, then one int4 per grouping() call */
    int ngsets;
    GroupKeySet *gsets;
    int ngroupings;
    GroupKeySet *groupings;
    int nkeys;          /* SORT: keys (column slots); HASH_JOIN: key pairs */
    BoundOrder *keys;
    BoundExpr **lkeys, **rkeys;
    JoinType join_type;
    BoundExpr *limit;   /* LIMIT */
    BoundExpr *offset;
    SetOpKind setop;
    bool setop_all;
    /* PROJECT_SET: set-returning calls run in lockstep per input row; the
     * output is the input columns (unless srf_only) then each call's
     * columns, then the ordinality counter. */
    int nsrfs;
    BoundExpr **srfs;
    bool srf_only;
    bool ordinality;
    /* LATERAL_JOIN: the right side's parameters (BE_PARAM slots), each an
     * expression over the left input */
    int nparams;
    BoundExpr **param_src;
    /* CTE / CTE_SCAN / RECURSIVE_UNION / WORKTABLE_SCAN (setop_all: UNION ALL) */
    int cte_id;
    const char *cte_name;
    bool cte_writes;
    bool returning;     /* INSERT / UPDATE / DELETE: emit the affected table rows */
    bool with_ties;     /* LIMIT: rows tied with the last one on tie_keys (slots) follow */
    int ntie_keys;
    BoundOrder *tie_keys;
};

/* A statement's executable plan. */
typedef struct Plan {
    PhysNode *root;
    bool returns_rows;  /* SELECT: RowDescription + DataRows */
    int nvisible;       /* visible output columns (hidden sort columns follow) */
    char **names;
    uint32_t *src_table;
    int16_t *src_attnum;
} Plan;

/* A bound query (SELECT, VALUES, INSERT's source): its logical plan and
 * what the client is told about its columns. The root's first ntargets
 * output columns are the visible ones. */
typedef struct BoundQuery {
    LogicalOp *root;
    int ntargets;
    OmType *types;            /* per target */
    char **names;
    uint32_t *src_table;      /* RowDescription table oid per target (0 if none) */
    int16_t *src_attnum;      /* RowDescription attnum per target (0 if none) */
    int *locations;           /* per target: its expression's position, -1 none */
} BoundQuery;

/* ---- helpers (nodes.c) ---------------------------------------------------------- */

/* Same expression (GROUP BY matching)? Volatile calls are never equal. */
bool node_expr_equal(const BoundExpr *a, const BoundExpr *b);
/* Number of output columns of op, and their bindings and types (arrays in ctx). */
int lop_count_outputs(const LogicalOp *op);
int lop_outputs(MemCtx *ctx, const LogicalOp *op, ColBinding **out, OmType **types);
/* Call fn on each of op's own expressions (conditions, projections,
 * aggregate arguments and filters, sort keys, set-returning calls, VALUES
 * cells, LIMIT / OFFSET; not its children's) until one returns true. */
bool lop_any_expr(const LogicalOp *op, bool (*fn)(const BoundExpr *e, void *arg), void *arg);
/* Call fn on the address of each of op's own expressions (the same ones
 * lop_any_expr visits), so fn may replace them; stops at the first
 * non-zero return and returns it. */
int lop_map_exprs(LogicalOp *op, int (*fn)(BoundExpr **slot, void *arg), void *arg);
/* Does op's tree call a volatile (or stable) function, subqueries included? */
bool lop_has_volatile(const LogicalOp *op);
bool expr_has_volatile(const BoundExpr *e);
/* Does any expression in op's tree (subqueries included) use a binding b
 * with b < nset and set[b]? */
bool lop_uses_bindings(const LogicalOp *op, const bool *set, int nset);
/* The same for one expression (its subqueries included). */
bool expr_uses_bindings(const BoundExpr *e, const bool *set, int nset);
/* A constant of type t (zeroed value unless is_null; the caller fills cval). */
BoundExpr *node_make_const(MemCtx *ctx, OmType t, bool is_null);

#endif
