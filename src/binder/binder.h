/*
 * binder.h — parse tree → bound tree with PostgreSQL's typing.
 *
 * The binder resolves table and column names against the catalog (inside
 * the statement's storage transaction), types every expression the way
 * PostgreSQL's parse analysis does (unknown-literal resolution, implicit
 * casts, operator resolution among the supported types), folds casts of
 * literals (so '12a'::int fails here, with the literal's position, as in
 * PostgreSQL) and checks what this version supports (0A000 otherwise).
 *
 * Memory: the bound tree lives in the query context passed in.
 */
#ifndef OM_BINDER_H
#define OM_BINDER_H

#include <stdbool.h>
#include <pg_query/pg_query.pb-c.h>

#include "../catalog/catalog.h"
#include "../common/err.h"
#include "../common/mem.h"
#include "../storage/storage.h"
#include "../types/types.h"

typedef enum {
    BE_CONST,    /* cval: one-row vector of the constant; is_null */
    BE_COLUMN,   /* col: index into the input batch */
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
    BE_AGGREF,   /* agg_index: which aggregate output of the Agg node */
    BE_FUNC,     /* fn(args): a scalar function chosen by bind_func.c */
    BE_MINMAX,   /* GREATEST (op = BOP_GT) / LEAST (op = BOP_LT) of args, NULLs ignored */
    BE_ARRAY,    /* ARRAY[args...] of type; array_multi: args are arrays stacked into one more dimension */
    BE_SUBSCRIPT,/* args[0][args[1]:args[2]][...]: nsubs pairs (lower, upper), NULL = omitted; is_slice */
    BE_ANY_ALL,  /* args[0] op ANY/ALL (args[1]): op a comparison or LIKE, arg_type the element type; all */
    BE_SRFREF    /* col: the ProjectSet output column holding a set-returning function's values */
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

typedef struct BoundExpr BoundExpr;
struct BoundExpr {
    BoundExprKind kind;
    OmType type;        /* result type */
    int location;       /* byte offset in the query text, -1 none */
    /* BE_CONST */
    OmVector cval;      /* 1 row */
    bool is_null;
    /* BE_COLUMN */
    int col;
    /* BE_OP / tests */
    BoundOp op;
    OmType arg_type;    /* common operand type for comparisons / arithmetic */
    int nargs;
    BoundExpr **args;
    /* BE_CAST */
    OmCoerceCtx cctx;
    /* BE_CASE */
    bool has_else;
    /* BE_AND / BE_OR: evaluate every argument on every row (IN lists) */
    bool eager;
    /* BE_LIKE escape char: args[2] is the escape when nargs == 3 */
    /* BE_AGGREF */
    int agg_index;
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
};

typedef enum { AGG_COUNT_STAR, AGG_COUNT } BoundAggKind;

typedef struct BoundAgg {
    BoundAggKind kind;
    BoundExpr *arg; /* over the Agg node's input; NULL for count(*) */
    OmType type;    /* result type (bigint for count) */
} BoundAgg;

typedef struct BoundSortKey {
    int col;        /* column of the projected row (incl. hidden columns) */
    bool desc;
    bool nulls_first;
} BoundSortKey;

/* A query: SELECT, and the row source of INSERT ... SELECT. */
typedef struct BoundSelect {
    CatTable *table;          /* FROM table, or NULL (no FROM) */
    const char *alias;        /* its alias (FROM t AS a), or NULL */
    BoundExpr *where;         /* over the table's columns, or NULL */
    int naggs;                /* > 0: an Agg node sits below the projection */
    BoundAgg *aggs;
    int ntargets;             /* visible output columns */
    int nprojs;               /* ntargets + hidden sort columns */
    BoundExpr **projs;        /* over table columns, or over agg outputs */
    char **names;             /* output column names (ntargets) */
    uint32_t *src_table;      /* RowDescription table oid per target (0 if none) */
    int16_t *src_attnum;      /* RowDescription attnum per target (0 if none) */
    int nsort;
    BoundSortKey *sort;
    BoundExpr *limit;         /* bigint constant-expression, or NULL */
    BoundExpr *offset;
    /* VALUES rows (SELECT without FROM is one row of projs) */
    int nvalues_rows;         /* > 0 for a VALUES list */
    BoundExpr ***values;      /* [row][col] */
    /* Set-returning functions (BE_FUNC with fn->srf): in the select list
     * (run in lockstep by a ProjectSet over the FROM rows), or as the FROM
     * item itself (from_srfs: a ProjectSet over one empty row is the scan,
     * table its synthetic description; ordinality adds a bigint counter). */
    int nsrfs;
    BoundExpr **srfs;
    int nfrom_srfs;           /* > 0: FROM f(...) [, ROWS FROM (g(...), ...)] */
    BoundExpr **from_srfs;
    bool ordinality;
} BoundSelect;

typedef enum {
    BS_SELECT, BS_INSERT, BS_UPDATE, BS_DELETE,
    BS_CREATE_TABLE, BS_DROP_TABLE, BS_CREATE_SEQUENCE, BS_DROP_SEQUENCE, BS_ALTER_SEQUENCE,
    BS_BEGIN, BS_COMMIT, BS_ROLLBACK,
    BS_EMPTY
} BoundStmtKind;

typedef struct BoundStmt {
    BoundStmtKind kind;
    BoundSelect *select;      /* BS_SELECT; INSERT's source */
    CatTable *table;          /* target of INSERT/UPDATE/DELETE/DROP; new table for CREATE */
    /* INSERT: source produces rows in column order of table (defaults and
     * casts included); UPDATE: exprs per table column over the old row. */
    BoundExpr **col_exprs;    /* UPDATE: ncols, NULL entry = unchanged */
    BoundExpr *where;         /* UPDATE/DELETE filter over table columns */
    bool if_exists;           /* DROP IF EXISTS / CREATE IF NOT EXISTS */
    int ndrop;                /* DROP TABLE: tables found ... */
    CatTable **drops;
    int nmissing;             /* ... and names missing under IF EXISTS (NOTICE) */
    char **missing;
    CatSequence *seq;         /* CREATE SEQUENCE */
    CatSequence **col_seqs;   /* CREATE TABLE: per column, the serial/identity sequence to create */
    bool seq_restart;         /* ALTER SEQUENCE ... RESTART [WITH v] */
    int64_t seq_restart_value;
    int nseq_drops;           /* DROP SEQUENCE */
    CatSequence **seq_drops;
    bool chain;
    bool start_form;          /* START TRANSACTION (its own command tag) */
    size_t ntxn_options;      /* BEGIN's options (DefElem nodes of the parse tree) */
    PgQuery__Node **txn_options;
} BoundStmt;

typedef struct BindCtx {
    MemCtx *ctx;
    StorTxn *txn;
    const char *db;
    const char *sql;          /* whole query string (for positions) */
    OmError *err;
    int depth;                /* expression nesting while binding */
    bool insert_select;       /* binding INSERT's SELECT: untyped outputs stay unknown for the columns */
} BindCtx;

/* Deepest expression accepted (54001 beyond): keeps binder and executor
 * recursion far inside a session thread's stack. */
#define BIND_MAX_DEPTH 1000

/* Bind one statement. Returns 0 or -1 with bc->err set (with position). */
int bind_stmt(BindCtx *bc, PgQuery__Node *node, BoundStmt **out);

/* Does the statement write (needs the write transaction)? Decided from the
 * parse tree before binding, so the right transaction can be opened. */
bool bind_stmt_writes(PgQuery__Node *node);

/* Command tag for a transaction statement node kind etc. helpers. */
BoundExpr *bind_make_const(MemCtx *ctx, OmType t, bool is_null);

#endif
