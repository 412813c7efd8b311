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
#include <stdio.h>
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
    /* Per column, how a key compares: STOR_KEY_BYTES (by the physical value)
     * or STOR_KEY_NUMERIC (decimal text compared as a number: 1 = 1.0)
     * or STOR_KEY_TIMETZ (time with time zone's order, dt_timetz_cmp).
     * NULL = all STOR_KEY_BYTES. */
    const uint8_t *key_kinds;
    /* The table's name, for messages (invalid row checksum in table "t");
     * NULL: storage says "table <oid>". */
    const char *name;
} StorTableDesc;

#define STOR_KEY_BYTES 0
#define STOR_KEY_NUMERIC 1
#define STOR_KEY_TIMETZ 2 /* OmInterval holding a timetz: by UTC time, then zone */

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
/* Restrict a scan, before its first next, to a range of encoded keys
 * (stor_key_encode_row of leading primary-key columns):
 *   lo: start at the first key >= lo; with lo_skip_prefix, also past every
 *       key that begins with lo (a > v on a key column);
 *   hi: stop before the first key >= hi; with hi_prefix, keys that begin
 *       with hi are still read (a <= v).
 * Keys compare as LMDB compares them (bytes, then length). The bytes are
 * copied. */
typedef struct StorRange {
    bool has_lo, lo_skip_prefix, has_hi, hi_prefix;
    OmStr lo, hi;
} StorRange;
void stor_scan_range(StorScan *scan, const StorRange *r);
void stor_scan_close(StorScan *scan);

/* The number of rows (LMDB's entry count for the table: exact for the
 * transaction's snapshot, without reading the rows). */
int stor_table_rows(StorTxn *txn, const StorTableDesc *t, uint64_t *out, OmError *err);

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

/*
 * Additions below (storage/'s own; not part of the original contract).
 *
 * Precisions on the calls above:
 *  - stor_env_open also takes an exclusive lock on <dir>/omendb.lock: a
 *    second open of the same directory (any process) fails with 58000.
 *  - A thread must not begin a write txn while it already holds one (LMDB's
 *    writer lock is not recursive: it would wait for itself).
 *  - stor_kv_get: val may be NULL to only test existence (ctx may then be
 *    NULL too); a returned value is followed by one NUL byte, not counted in
 *    *vlen. A database that does not exist reads as empty (get 0, scan
 *    nothing); stor_kv_put creates it. stor_kv_del of an absent key is 0.
 *  - Keys longer than stor_env_max_key() bytes (511) fail with 54000.
 *  - stor_table_drop empties the table at once for later snapshots; read
 *    txns begun before the drop committed still see the old rows. The
 *    databases themselves are deleted at the next stor_env_open.
 *  - stor_table_insert, on failure, leaves nothing of the row behind.
 *  - stor_scan_next: rows inserted or deleted by the scan's own write txn
 *    between calls do not make it skip or repeat rows it has not passed
 *    (it resumes after the last key returned); a row whose key moves ahead
 *    of the scan (UPDATE of a key) is seen again, so the executor must
 *    collect the keys first when it changes key columns.
 *  - stor_key_encode_row returns -1 only for bad arguments (column index
 *    out of range, row outside the batch).
 *
 * Key encoding in detail, per column: 0x01 for NULL (nothing follows), else
 * 0x02 followed by
 *   BOOL        one byte 0 / 1
 *   I16/I32/I64 the value as int64, sign bit flipped, 8 bytes big-endian
 *               (so equal int2/int4/int8 values encode identically)
 *   F32/F64     the value as double, IEEE bits with all bits inverted for
 *               negatives and the sign bit flipped otherwise, 8 bytes
 *               big-endian; -0.0 encodes as 0.0, every NaN as one NaN above
 *               +Infinity (PostgreSQL's order)
 *   STR         the bytes with 0x00 written as 0x00 0xFF, then 0x00 0x00
 * A table without a primary key uses an 8-byte big-endian hidden row id.
 * String order is byte order (COLLATE "C").
 */

/*
 * Row codec: the value bytes of a table row.
 *   u8 version (1) | varint column count | null bitmap, ceil(count/8) bytes,
 *   bit (c & 7) of byte (c >> 3) set = column c is NULL | each non-NULL value
 *   in column order: BOOL 1 byte, I16/I32/I64 2/4/8 bytes little-endian,
 *   F32/F64 IEEE bits 4/8 bytes little-endian, STR varint length + bytes.
 * Varints are unsigned LEB128.
 *
 * stor_row_encode encodes columns 0..ncols-1 of row `row` of b (whose first
 * ncols vectors must have the given types) into out, allocated in ctx.
 * Returns 0, or -1 (XX000) if b's layout does not match types.
 *
 * stor_row_decode validates p[0..len) and writes its values into row `row` of
 * b (strings copied into b->var_ctx). A row with fewer columns than ncols
 * (written before ALTER TABLE ADD COLUMN) reads its missing trailing columns
 * as NULL. Corrupt or truncated bytes, or more columns than ncols: -1 with
 * XX001 (data corrupted).
 */
int stor_row_encode(const OmBatch *b, int row, int ncols, const OmPhysType *types,
                    MemCtx *ctx, OmStr *out, OmError *err);
int stor_row_decode(const void *p, size_t len, int ncols, const OmPhysType *types,
                    OmBatch *b, int row, OmError *err);

/* Longest key LMDB accepts (bytes); longer primary or unique keys fail with
 * 54000. */
size_t stor_env_max_key(const StorEnv *env);

/*
 * Sequence counters (seqstore.c). Not transactional, as in PostgreSQL: a
 * value handed out is never handed out again, whatever happens to the
 * transaction. Durable: values are reserved ahead on disk before use, so a
 * crash can leave a gap, never a repeat. The caller passes the sequence's
 * definition from the catalog.
 */
typedef struct StorSeqStore StorSeqStore;
typedef struct StorSeqDef {
    uint32_t oid;
    const char *name;     /* for messages */
    int64_t increment, min, max, start;
    bool cycle;
} StorSeqDef;

/* 2200H "nextval: reached maximum value of sequence \"s\" (n)" at the end. */
int stor_seq_nextval(StorEnv *env, const StorSeqDef *def, int64_t *out, OmError *err);
/* setval: 22003 when out of [min, max]. */
int stor_seq_setval(StorEnv *env, const StorSeqDef *def, int64_t value, bool is_called, OmError *err);
/* Current state without changing it (SELECT * FROM seq). */
int stor_seq_peek(StorEnv *env, const StorSeqDef *def, int64_t *last, int64_t *log_cnt, bool *is_called, OmError *err);
/* Called by stor_env_close: records exact values. */
void stor_seq_close(StorEnv *env);

/*
 * Value checksums (storage format 2). Every value storage writes — a row, a
 * unique index entry, a catalog record, a counter in meta — is stored as
 *   payload | u32 little-endian CRC32C(key || payload)
 * and checked on every read before the payload is looked at: a damaged
 * value (or key: the key is covered too) is XX001 "invalid row checksum in
 * table \"t\"" (or "... record checksum in storage database ..."), never
 * a wrong value. stor_kv_* seal and check on their own: catalog/ sees only
 * payloads.
 *
 * stor_value_seal: the sealed value of payload under key, in ctx.
 * stor_value_check: 0 and the payload length in *plen if val is a sealed
 * value of key, -1 otherwise (too short, or the checksum differs).
 */
int stor_value_seal(const void *key, size_t klen, const void *payload, size_t plen, MemCtx *ctx,
                    OmStr *out);
int stor_value_check(const void *key, size_t klen, const void *val, size_t vlen, size_t *plen);

/*
 * omendb --check (check.c): open dir read-only (MDB_RDONLY | MDB_NOLOCK,
 * under the directory lock, so only a stopped server's directory), check
 * the marker and the meta pages, then walk every named database: every
 * value's checksum, every row's decoding with its table's layout, every
 * unique index entry's row. Changes nothing. Each problem is one line on
 * out ("corrupt: table \"t\" key 0x...: invalid row checksum"); a summary
 * line ends the report. layout is called for each catalog record whose key
 * starts with "table/" (catalog/ decodes it): 0 and *desc set, or -1 with
 * err set (reported as a damaged catalog record).
 * Returns the number of problems (0 = clean), or -1 if the check could not
 * run (err set).
 */
typedef int (*StorCheckLayout)(void *arg, const void *val, size_t vlen, MemCtx *ctx,
                               const StorTableDesc **desc, OmError *err);
long stor_check(const char *dir, StorCheckLayout layout, void *arg, FILE *out, OmError *err);

#endif
