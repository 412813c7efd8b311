/*
 * catalog.h — databases, roles and tables, persisted in the "catalog"
 * LMDB database inside the same transactions as the data they describe.
 *
 * A new data directory is bootstrapped with the superuser role "postgres" and
 * the database "postgres" (like a fresh PostgreSQL cluster).
 *
 * Table names are looked up per database in schema "public" for now; names
 * are compared exactly (the parser has already folded unquoted identifiers
 * to lower case).
 *
 * Memory: everything a lookup returns is allocated in the caller's ctx.
 */
#ifndef OM_CATALOG_H
#define OM_CATALOG_H

#include <stdbool.h>
#include <stdint.h>
#include "../common/err.h"
#include "../common/mem.h"
#include "../storage/storage.h"
#include "../types/types.h"

typedef struct CatColumn {
    char *name;
    OmType type;
    bool not_null;
    bool has_default;
    char *default_text; /* value's text form in the column's type; NULL = DEFAULT NULL */
    char *default_expr; /* or: a non-constant default as SQL text (nextval('s'::regclass), now()) */
    char identity;      /* 'a' GENERATED ALWAYS, 'd' BY DEFAULT AS IDENTITY, 0 none */
    uint32_t identity_seq; /* the identity column's sequence */
} CatColumn;

typedef struct CatUnique {
    char *name;   /* constraint name, e.g. "users_email_key" */
    int ncols;
    int *cols;
} CatUnique;

typedef struct CatTable {
    uint32_t oid;
    char *dbname;
    char *schema;  /* "public" */
    char *name;
    int ncols;
    CatColumn *cols;
    int npk;       /* 0 = none */
    int *pk_cols;
    char *pk_name; /* "<table>_pkey" */
    int nuniq;
    CatUnique *uniq;
    /* Physical description for storage/, filled by the catalog. */
    StorTableDesc desc;
} CatTable;

/* Create the bootstrap role and database if the catalog is empty. */
int cat_bootstrap(StorEnv *env, OmError *err);

bool cat_role_exists(StorTxn *txn, const char *role);
bool cat_database_exists(StorTxn *txn, const char *db);
/* The databases' names (in ctx). */
int cat_database_list(StorTxn *txn, MemCtx *ctx, char ***names, int *n, OmError *err);

/* Look a table up. Returns 1 found (*out set), 0 not found, -1 error. */
int cat_table_lookup(StorTxn *txn, MemCtx *ctx, const char *db, const char *name,
                     CatTable **out, OmError *err);
/* Persist a new table: assigns t->oid, fills t->desc, creates its storage.
 * 42P07 relation "x" already exists if the name is taken. Needs a write txn. */
int cat_table_create(StorTxn *txn, MemCtx *ctx, CatTable *t, OmError *err);
/* Remove the table and its storage. */
int cat_table_drop(StorTxn *txn, const CatTable *t, OmError *err);
/* List tables of a database (names in ctx), in name order. */
int cat_table_list(StorTxn *txn, MemCtx *ctx, const char *db, char ***names, int *n, OmError *err);

/* ---- sequences (cat_sequence.c) ----
 * Relations like tables: a sequence and a table cannot share a name. The
 * counter itself lives in storage (stor_seq_*), outside transactions. */
typedef struct CatSequence {
    uint32_t oid;
    char *dbname;
    char *schema;
    char *name;
    OmTypeId type;        /* smallint, integer or bigint (AS type) */
    int64_t increment, min, max, start, cache;
    bool cycle;
    uint32_t owner_table; /* OWNED BY table.column (serial, identity); 0 = none */
    int16_t owner_col;
} CatSequence;

/* 42P07 relation "x" already exists if a table or sequence has the name. */
int cat_seq_create(StorTxn *txn, MemCtx *ctx, CatSequence *s, OmError *err);
/* 1 found, 0 not, -1 error. */
int cat_seq_lookup(StorTxn *txn, MemCtx *ctx, const char *db, const char *name, CatSequence **out, OmError *err);
int cat_seq_drop(StorTxn *txn, const CatSequence *s, OmError *err);
/* Rewrite an existing sequence's record (its owner, after CREATE TABLE). */
int cat_seq_update(StorTxn *txn, MemCtx *ctx, const CatSequence *s, OmError *err);
/* Sequences OWNED BY a table (dropped with it). */
int cat_seq_list_owned(StorTxn *txn, MemCtx *ctx, const char *db, uint32_t table_oid, CatSequence ***out, int *n,
                       OmError *err);
/* Does a relation (table or sequence) of this name exist? 1/0/-1. */
int cat_relation_exists(StorTxn *txn, MemCtx *ctx, const char *db, const char *name, OmError *err);
/* ---- views (cat_view.c) ----
 * Relations too: a view, a table and a sequence cannot share a name. */
typedef struct CatView {
    uint32_t oid;
    char *dbname;
    char *schema;
    char *name;
    char *query;        /* the SELECT, as SQL text (bound again at each use) */
    int ncols;          /* its columns, fixed at creation */
    char **colnames;
    OmType *coltypes;
    int ndeps;          /* oids of the tables and views the query reads */
    uint32_t *deps;
} CatView;

/* Returns 1 found (*out set), 0 not found, -1 error. */
int cat_view_lookup(StorTxn *txn, MemCtx *ctx, const char *db, const char *name, CatView **out, OmError *err);
/* Write the record (a new view gets its oid here; CREATE OR REPLACE keeps it). */
int cat_view_put(StorTxn *txn, MemCtx *ctx, CatView *v, OmError *err);
int cat_view_drop(StorTxn *txn, const CatView *v, OmError *err);
/* The views whose query reads relation oid (in ctx). */
int cat_view_dependents(StorTxn *txn, MemCtx *ctx, const char *db, uint32_t oid, CatView ***out, int *n,
                        OmError *err);

/* ---- planner statistics (cat_stats.c): ANALYZE's result ---- */
typedef struct CatColStats {
    bool present;       /* the column was analyzed */
    double null_frac;   /* fraction of rows that are NULL */
    double n_distinct;  /* distinct non-NULL values: > 0 a count, < 0 minus a fraction of the rows
                         * (PostgreSQL's convention: -1 = unique), 0 unknown */
    double avg_width;   /* average width in bytes of a non-NULL value */
    int nmcv;           /* most common values, most frequent first, with their frequencies */
    double *mcv_freq;
    int nhist;          /* equi-depth histogram bounds of the other values, ascending */
    /* Writing (ANALYZE): the values' text forms. */
    char **mcv_text;
    char **hist_text;
    /* Reading: the values in the column's type, made by cat_col_stats_values
     * on first use (most queries never look at them). */
    bool values_ready;
    OmVector mcv, hist;
    const uint8_t *raw; /* the record's value section of this column */
    size_t rawlen;
} CatColStats;

typedef struct CatTableStats {
    double reltuples;   /* rows when analyzed */
    int ncols;
    CatColStats *cols;
} CatTableStats;

int cat_stats_put(StorTxn *txn, MemCtx *ctx, const char *db, uint32_t oid, const CatTableStats *st, OmError *err);
/* Returns 1 found (*out in ctx), 0 none (or unusable: the table changed shape), -1 error. */
int cat_stats_get(StorTxn *txn, MemCtx *ctx, const CatTable *t, CatTableStats **out, OmError *err);
/* Fill cs->mcv / cs->hist (type t, in ctx); false (and no values) when a
 * value no longer reads as t. */
bool cat_col_stats_values(CatColStats *cs, OmType t, MemCtx *ctx);
int cat_stats_drop(StorTxn *txn, const char *db, uint32_t oid, OmError *err);

/* The counter definition storage needs. */
void cat_seq_def(const CatSequence *s, StorSeqDef *def);

/* Fill t->desc from the rest of t (used after decoding and on create). */
void cat_table_fill_desc(MemCtx *ctx, CatTable *t);

/* Serialize / parse a table record (exposed for unit tests). */
int cat_table_encode(const CatTable *t, MemCtx *ctx, void **out, size_t *outlen);
int cat_table_decode(const void *p, size_t len, MemCtx *ctx, CatTable **out, OmError *err);

#endif
