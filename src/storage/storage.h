/*
 * storage.h — the LMDB environment, transactions, and table access.
 *
 * One LMDB environment per data directory (file data.mdb). Named databases:
 *   "catalog"        — catalog records (owned by catalog/, opaque here)
 *   "t<oid>"         — a table's rows: key = encoded primary key (or hidden
 *                      8-byte row id), value = row codec bytes
 *   "u<oid>_<n>"     — the n-th UNIQUE constraint of table <oid>:
 *                      key = encoded unique columns, value = row key
 *   "meta"           — counters (next oid, next row id per table)
 *
 * Tables are described to storage only by their physical layout
 * (StorTableDesc); storage knows nothing of SQL names or types.
 *
 * Durability: a write transaction's commit is an LMDB commit with fsync.
 * Threads: a transaction belongs to the thread that began it (the env is
 * opened with MDB_NOTLS so read transactions are not tied to thread slots,
 * but a write transaction must still end on its thread). Only one write
 * transaction exists at a time; stor_txn_begin(write) waits for it.
 *
 * Lifetime: bytes handed out by a read (OmStr in a batch) are copied into the
 * batch's var_ctx, never pointers into the LMDB map.
 */
#ifndef OM_STORAGE_H
#define OM_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../common/err.h"
#include "../common/mem.h"
#include "../common/vector.h"

typedef struct StorEnv StorEnv;
typedef struct StorTxn StorTxn;
typedef struct StorScan StorScan;

/* Open (creating if needed) the environment in dir. map_size in bytes. */
int stor_env_open(const char *dir, size_t map_size, StorEnv **out, OmError *err);
void stor_env_close(StorEnv *env);

int stor_txn_begin(StorEnv *env, bool write, StorTxn **out, OmError *err);
bool stor_txn_is_write(const StorTxn *txn);
/* Commit (fsync for write txns). The txn is freed whether or not it succeeds. */
int stor_txn_commit(StorTxn *txn, OmError *err);
/* Abort and free. NULL is a no-op. */
void stor_txn_abort(StorTxn *txn);

/* Allocate a new object id (tables, constraints), persistent and unique.
 * Needs a write txn. */
int stor_next_oid(StorTxn *txn, uint32_t *out, OmError *err);

/* Raw key/value access to a named database, for catalog/. Returned value
 * bytes are copied into ctx. get returns 1 if found, 0 if not, -1 error. */
int stor_kv_get(StorTxn *txn, const char *dbname, const void *key, size_t klen,
                MemCtx *ctx, void **val, size_t *vlen, OmError *err);
int stor_kv_put(StorTxn *txn, const char *dbname, const void *key, size_t klen,
                const void *val, size_t vlen, OmError *err);
int stor_kv_del(StorTxn *txn, const char *dbname, const void *key, size_t klen, OmError *err);
/* Call fn for each key with the given prefix, in key order; fn returns 0 to
 * go on, 1 to stop, -1 on error. Bytes passed to fn are valid only during the call. */
int stor_kv_scan_prefix(StorTxn *txn, const char *dbname, const void *prefix, size_t plen,
                        int (*fn)(void *arg, const void *k, size_t kl, const void *v, size_t vl),
                        void *arg, OmError *err);

/* A UNIQUE constraint: which columns, and its index number (u<oid>_<n>). */
typedef struct StorUnique {
    int ncols;
    const int *cols;
} StorUnique;

/* Physical description of a table, built by the caller from the catalog. */
typedef struct StorTableDesc {
    uint32_t oid;
    int ncols;
    const OmPhysType *types; /* per column */
    int npk;                 /* 0 = no primary key: hidden row id */
    const int *pk_cols;      /* column indexes of the primary key, in key order */
    int nuniq;
    const StorUnique *uniq;  /* UNIQUE constraints other than the primary key */
} StorTableDesc;

/* Create / drop the table's databases (rows and unique indexes). */
int stor_table_create(StorTxn *txn, const StorTableDesc *t, OmError *err);
int stor_table_drop(StorTxn *txn, const StorTableDesc *t, OmError *err);

/*
 * Insert row `row` of batch b (whose columns are the table's columns in
 * order). Fails with 23505 (message: duplicate key value violates unique
 * constraint "<name>", detail: Key (id)=(1) already exists.) — the caller
 * passes constraint names and column names for the message via names, or
 * NULL for generic text. Needs a write txn.
 */
typedef struct StorNames {
    const char *pk_name;          /* e.g. "users_pkey" */
    const char *const *uniq_names;/* e.g. "users_name_key" per StorUnique */
    const char *const *col_names; /* per column */
    /* Render value of column c at row for the Key (...)=(...) detail. */
    void (*render)(void *arg, int col, const OmBatch *b, int row, char *out, size_t outsize);
    void *render_arg;
} StorNames;

int stor_table_insert(StorTxn *txn, const StorTableDesc *t, const StorNames *names,
                      const OmBatch *b, int row, OmError *err);
/* Delete the row whose storage key is key (as returned by a scan), including
 * its unique index entries. Returns 1 deleted, 0 not found, -1 error. */
int stor_table_delete(StorTxn *txn, const StorTableDesc *t, OmStr key, OmError *err);

/* Full scan in key order. Each call to next fills b (which must have the
 * table's column layout; b->keys, if allocated, receives each row's key).
 * Returns rows filled (0 = end) or -1 on error. The scan's cursor is closed
 * when ctx is reset (or by stor_scan_close). */
int stor_scan_open(StorTxn *txn, const StorTableDesc *t, MemCtx *ctx, StorScan **out, OmError *err);
int stor_scan_next(StorScan *scan, OmBatch *b, OmError *err);
void stor_scan_close(StorScan *scan);

/* Point lookup by encoded primary key (see stor_key_encode_row). Fills one
 * row at b->count and increments it; returns 1 found, 0 not, -1 error. */
int stor_table_get(StorTxn *txn, const StorTableDesc *t, OmStr key, OmBatch *b, OmError *err);

/*
 * Order-preserving key encoding (memcmp order == SQL order, NULLs first):
 * appends the encoding of the given columns of row `row` to out (allocated in
 * ctx). Used for primary keys and unique indexes.
 */
int stor_key_encode_row(const OmBatch *b, int row, int ncols, const int *cols,
                        MemCtx *ctx, OmStr *out);

#endif
