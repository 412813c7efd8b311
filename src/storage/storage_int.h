/*
 * storage_int.h — storage/'s private structures and helpers, shared by the
 * files of this folder only (it includes lmdb.h, which nothing outside
 * src/storage/ may see).
 *
 *   env.c       environment, dbi cache, transactions, counters, LMDB errors
 *   keycodec.c  order-preserving key encoding
 *   rowcodec.c  row value encoding and validating decoder
 *   table.c     table create/drop/insert/delete/get
 *   scan.c      full-table scans into batches
 *   kv.c        raw key/value access for catalog/
 */
#ifndef OM_STORAGE_INT_H
#define OM_STORAGE_INT_H

#include <lmdb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "storage.h"
#include "../common/buf.h"

/* Names of the fixed databases. */
#define STOR_DB_META "meta"
#define STOR_DB_CATALOG "catalog"

/* On-disk format version kept in meta under "format". */
#define STOR_FORMAT_VERSION 1u

/* First oid handed out by stor_next_oid (PostgreSQL's FirstNormalObjectId). */
#define STOR_FIRST_OID 16384u

/* Longest name of a table database: "u4294967295_2147483647". */
#define STOR_DBNAME_MAX 32

/* Read transactions kept reset for reuse (each pins one reader slot). */
#define STOR_TXN_POOL_MAX 16

/* A value of one column in a row, as parsed from the row codec or taken from a
 * batch. Strings point into the source (LMDB map or batch memory). */
typedef struct StorDatum {
    bool isnull;
    int64_t i;  /* BOOL (0/1), I16, I32, I64 */
    double f;   /* F32 (widened exactly), F64 */
    OmStr s;    /* STR */
    OmInterval iv; /* INTERVAL */
} StorDatum;

/* name -> dbi map, open addressing with linear probing. */
typedef struct StorDbiMap {
    char **names;    /* malloc'd; NULL = empty slot */
    MDB_dbi *dbis;
    size_t cap;      /* power of two (or 0) */
    size_t count;
} StorDbiMap;

struct StorEnv {
    MDB_env *mdb;
    char *dir;                   /* malloc'd copy of the directory */
    int lock_fd;                 /* flock'd omendb.lock, -1 if none */
    size_t max_key;              /* mdb_env_get_maxkeysize */
    pthread_rwlock_t map_lock;   /* guards map */
    StorDbiMap map;              /* committed, live named databases */
    pthread_mutex_t pool_lock;   /* guards pool */
    MDB_txn *pool[STOR_TXN_POOL_MAX];
    int npool;
    struct StorSeqStore *seqs;   /* sequence counters (seqstore.c), opened on first use */
    pthread_mutex_t gate_mu;     /* the write gate (writegate.c) */
    pthread_cond_t gate_cv;
    bool gate_held;              /* a write transaction is open */
};

/* The interruptible wait for the single write transaction (writegate.c). */
void stor_gate_init(StorEnv *env);
void stor_gate_destroy(StorEnv *env);
int stor_gate_enter(StorEnv *env, OmError *err);  /* 0, or -1: 57014 / 55P03 / … */
void stor_gate_leave(StorEnv *env);

/* A named database created or dropped inside a write transaction; applied to
 * the env's map only when the transaction commits. */
typedef struct StorDdl {
    char *name;      /* in txn ctx */
    MDB_dbi dbi;
    bool created;    /* opened with MDB_CREATE in this txn */
    bool dropped;    /* emptied and marked for removal in this txn */
} StorDdl;

/* Hidden row id counter of a table, cached for the transaction and written
 * back to meta at commit. */
typedef struct StorRowid {
    uint32_t oid;
    uint64_t next;
    bool dirty;
} StorRowid;

struct StorTxn {
    StorEnv *env;
    MDB_txn *mdb;
    bool write;
    MemCtx *ctx;         /* scratch for the txn's lifetime; created on demand */
    StorDdl *ddl;
    int nddl, ddl_cap;
    StorRowid *rowids;
    int nrowid, rowid_cap;
    StorScan *scans;     /* open scans, closed when the txn ends */
    OmBuf kbuf, vbuf, ubuf;  /* reusable encode buffers (in ctx) */
    bool bufs_ready;
    StorDatum *datums;   /* reusable parse array (in ctx) */
    int datum_cap;
};

struct StorScan {
    StorTxn *txn;        /* NULL once closed or the txn has ended */
    MDB_cursor *cur;
    MemCtx *ctx;
    uint32_t oid;
    int ncols;
    OmPhysType *types;   /* copy, in ctx */
    StorDatum *datums;   /* ncols, in ctx */
    OmBuf last_key;      /* key of the last row returned (in ctx) */
    bool started;
    bool done;
    StorScan *prev, *next; /* in txn->scans */
};

/* ---- env.c ---- */

/* Record an LMDB failure: what is a short description of the operation. */
int stor_mdb_error(OmError *err, int rc, const char *what);
/* The txn's scratch context (created on first use). */
MemCtx *stor_txn_ctx(StorTxn *txn);
/* Reusable datum array of at least n entries. */
StorDatum *stor_txn_datums(StorTxn *txn, int n);
/* Reusable buffers, emptied. */
OmBuf *stor_txn_buf(StorTxn *txn, int which);
/* Resolve a named database visible to txn. create: make it if missing (write
 * txn only). Returns 1 found/created, 0 absent, -1 error. */
int stor_dbi_get(StorTxn *txn, const char *name, bool create, MDB_dbi *out, OmError *err);
/* Empty a named database and mark it for removal at the next env open. */
int stor_dbi_drop(StorTxn *txn, const char *name, OmError *err);
/* Next hidden row id of table oid (write txn). */
int stor_rowid_next(StorTxn *txn, uint32_t oid, uint64_t *out, OmError *err);
/* Forget the row id counter of a dropped table. */
int stor_rowid_forget(StorTxn *txn, uint32_t oid, OmError *err);
/* Link / unlink a scan into the txn's list of open scans. */
void stor_txn_add_scan(StorTxn *txn, StorScan *s);
void stor_txn_remove_scan(StorTxn *txn, StorScan *s);

static inline void stor_name_table(char *out, uint32_t oid)
{
    snprintf(out, STOR_DBNAME_MAX, "t%u", oid);
}
static inline void stor_name_unique(char *out, uint32_t oid, int n)
{
    snprintf(out, STOR_DBNAME_MAX, "u%u_%d", oid, n);
}

/* ---- keycodec.c ---- */

/* Bytes the key encoding of d takes. */
size_t stor_key_datum_size(OmPhysType t, const StorDatum *d);
/* Append the key encoding of d to out. */
void stor_key_append(OmBuf *out, OmPhysType t, const StorDatum *d);
/* Same, honouring the column's key kind (STOR_KEY_NUMERIC normalises). */
void stor_key_append_kind(OmBuf *out, OmPhysType t, uint8_t kind, const StorDatum *d);
#define STOR_KIND(t, c) ((t)->key_kinds ? (t)->key_kinds[c] : STOR_KEY_BYTES)
/* Append an 8-byte big-endian hidden row id key. */
void stor_key_append_rowid(OmBuf *out, uint64_t id);

/* ---- rowcodec.c ---- */

/* Read column col of row `row` of b into d (strings point into b). */
void stor_datum_from_batch(const OmBatch *b, int row, int col, StorDatum *d);
/* Write d into column col of row `row` of b; strings are copied into
 * b->var_ctx. */
void stor_datum_to_batch(OmBatch *b, int row, int col, const StorDatum *d);
/* Parse and validate row bytes p[0..len) of a table with ncols columns of
 * the given types into out[0..ncols) (strings point into p; columns the row
 * lacks are NULL). Corrupt bytes: -1 with XX001. */
int stor_row_parse(const void *p, size_t len, int ncols, const OmPhysType *types,
                   StorDatum *out, OmError *err);
/* Append the row codec encoding of datums[0..ncols) to out. */
void stor_row_append(OmBuf *out, int ncols, const OmPhysType *types, const StorDatum *datums);
/* Check that b's first ncols vectors have the given physical types. */
int stor_batch_check(const OmBatch *b, int ncols, const OmPhysType *types, OmError *err);

#endif
