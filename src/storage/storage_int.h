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
 *   datadir.c   the marker file, data.mdb's meta pages, fault containment
 *   check.c     omendb --check: verify every value of a stopped database
 *   wlog.c      write log of a write txn, replayed after the map grows
 */
#ifndef OM_STORAGE_INT_H
#define OM_STORAGE_INT_H

#include <lmdb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "storage.h"
#include "../common/buf.h"

/* Names of the fixed databases. */
#define STOR_DB_META "meta"
#define STOR_DB_CATALOG "catalog"

/* On-disk format version, kept in meta under "format" and in the
 * OMENDB_VERSION marker file. 2: every value carries a CRC32C. */
#define STOR_FORMAT_VERSION 2u
#define STOR_MARKER_FILE "OMENDB_VERSION"

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
    bool readonly;               /* opened for stor_check: MDB_RDONLY | MDB_NOLOCK */
    /* Map growth (env.c): every live transaction holds resize_lock for
     * reading; growing the map takes it for writing (mdb_env_set_mapsize
     * must not run while any transaction of the process is active). */
    pthread_rwlock_t resize_lock;
    size_t map_size;             /* current map size (bytes), under resize_lock */
    size_t psize;                /* LMDB page size */
    const uint8_t *map_addr;     /* where data.mdb is mapped (stor_map_find), or NULL */
    long long grow_next_try;     /* CLOCK_MONOTONIC s: no growth ahead of need before (the write gate) */
    volatile int grow_wanted;    /* a write hit MDB_MAP_FULL: grow before the next */
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
    /* The write log (wlog.c): every change, for a replay on a grown map. */
    struct StorWOp *wlog;
    int nwlog, wlog_cap;
    size_t wlog_bytes;
    bool wlog_off;       /* too big to log: MDB_MAP_FULL is an error */
    bool dead;           /* a replay failed: the txn only aborts */
    /* The part of the map holding the snapshot's pages (read txns): a value
     * said to lie in the map but beyond it is damage, not data. */
    const uint8_t *map_lo, *map_hi, *map_end;
};

struct StorScan {
    StorTxn *txn;        /* NULL once closed or the txn has ended */
    MDB_cursor *cur;
    MDB_dbi dbi;         /* the cursor's database (to reopen it after a replay) */
    MemCtx *ctx;
    uint32_t oid;
    const char *name;    /* table name for messages (in ctx), or NULL */
    int ncols;
    OmPhysType *types;   /* copy, in ctx */
    StorDatum *datums;   /* ncols, in ctx */
    OmBuf last_key;      /* key of the last row returned (in ctx) */
    bool started;
    bool done;
    /* stor_scan_range: the first key read and where reading stops */
    bool has_lo, lo_skip_prefix, has_hi, hi_prefix;
    OmBuf lo, hi;
    StorScan *prev, *next; /* in txn->scans */
};

/* ---- env.c ---- */

/* Open dir for stor_check: read-only, no lock file, no startup txn (dbis
 * are not cached: open them in a read txn with stor_dbi_get's fallback). */
int stor_env_open_readonly(const char *dir, StorEnv **out, OmError *err);

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

/* Grow the map (see env.c): when the data passes half of it, or always
 * (force: after MDB_MAP_FULL). The caller holds no resize_lock. */
void stor_env_grow(StorEnv *env, bool force);
/* Recompute txn's map bounds (after the map moved). */
void stor_txn_bounds(StorTxn *txn);

/* ---- wlog.c: every change of a write txn goes through these ---- */

typedef struct StorWOp StorWOp;
/* mdb_put / mdb_del (whole key) / mdb_drop / mdb_dbi_open(MDB_CREATE) on
 * txn, logged when they succeed; on MDB_MAP_FULL the txn is replayed on a
 * grown map and the call retried. LMDB return codes. Pointers obtained
 * from LMDB before the call may be invalid after it. */
int stor_w_put(StorTxn *txn, MDB_dbi dbi, MDB_val *k, MDB_val *v, unsigned flags);
int stor_w_del(StorTxn *txn, MDB_dbi dbi, MDB_val *k);
int stor_w_drop(StorTxn *txn, MDB_dbi dbi, int del);
int stor_w_open(StorTxn *txn, const char *name, MDB_dbi *out);
/* Abort txn's LMDB txn, grow the map, begin again and replay the log:
 * 0, or -1 (the txn is then dead: empty, and its commit fails). */
int stor_w_regrow(StorTxn *txn);
/* Replay the log into txn->mdb (a fresh LMDB txn): 0 or an LMDB code. */
int stor_w_replay(StorTxn *txn);

/* ---- datadir.c ---- */

/* What data.mdb's newer valid meta page says. */
typedef struct StorMetaInfo {
    uint32_t psize;
    uint64_t last_pgno;
    uint64_t txnid;
    uint64_t file_size;
    uint64_t free_root, main_root; /* B-tree roots (~0: empty) */
} StorMetaInfo;

/* Before LMDB opens dir: check OMENDB_VERSION and data.mdb (a marked
 * directory without its data is refused, never made a new database) and,
 * when data.mdb exists, its meta pages (stor_datafile_check). *fresh: no
 * marker and no data, a new database (readonly: refused instead). */
int stor_datadir_prepare(const char *dir, bool readonly, bool *fresh, OmError *err);
/* Write and fsync <dir>/OMENDB_VERSION (and the directory). */
int stor_datadir_mark(const char *dir, OmError *err);
/* Check a data file against its two meta pages with plain reads: both
 * valid (magic, version, page size, roots within the file), and the file
 * at least (last_pgno + 1) pages of the newer one. XX001 naming the file. */
int stor_datafile_check(const char *path, StorMetaInfo *out, OmError *err);
/* Check LMDB's free-page list (every record a well-formed, in-range page
 * list) in a read txn: XX001 naming the file if not. */
int stor_freelist_check(MDB_env *env, const uint8_t *map, OmError *err);
/* Where the file at path is mapped (from /proc/self/maps: LMDB does not
 * say; mdb_env_info's me_mapaddr is only MDB_FIXEDMAP's address), or NULL:
 * then values are not checked against the map's bounds. */
const uint8_t *stor_map_find(const char *path);
/* <dir>/data.mdb of the environment opened last (for messages). */
const char *stor_data_path(void);
/* Install the SIGSEGV/SIGBUS handler (once per process). */
void stor_fault_install(void);
/* Where a fault also writes a "corrupt:" verdict (stor_check's report), or
 * -1. */
void stor_fault_report_fd(int fd);
/* LMDB's assertion callback: log, exit(1) without a core. */
void stor_fault_assert(MDB_env *env, const char *msg);
/* Mark this thread as inside storage (op names it in the fault line);
 * returns the previous marker, to hand to stor_fault_leave. Nested calls
 * keep the outermost op. */
const char *stor_fault_enter(const char *op);
void stor_fault_leave(const char *prev);

/* ---- values: every stored value carries a checksum (rowcodec.c) ---- */

#define STOR_SEAL_SIZE 4
/* Room for a unique entry's value: a row key (at most LMDB's key limit,
 * 511) and its seal. */
#define STOR_UVAL_MAX 1024
/* CRC32C(key || p[0..len)): the seal. */
uint32_t stor_seal_crc(const void *key, size_t klen, const void *p, size_t len);
/* Append CRC32C(key || out->data[start..len)) as 4 bytes little-endian. */
void stor_seal_append(OmBuf *out, const void *key, size_t klen, size_t start);
/* Is v[0..vlen) a sealed value for key? 0 with the payload length in *plen,
 * -1 if too short or the checksum differs. */
int stor_unseal(const void *key, size_t klen, const void *v, size_t vlen, size_t *plen);
/* Is the value (read through txn) inside the mapped snapshot, or outside
 * the map altogether (a write txn's dirty page)? false: a damaged page
 * pointed past the file. */
bool stor_val_in_bounds(const StorTxn *txn, const void *p, size_t len);
/* XX001 for a value whose checksum or place is wrong: what names the
 * object ("table \"t\"", "storage database \"catalog\""). */
int stor_bad_checksum(OmError *err, const char *kind, const char *what, const void *key,
                      size_t klen);

/* XX001 invalid row checksum in table "name" (or table <oid>). */
int stor_bad_row(OmError *err, uint32_t oid, const char *name, const void *key, size_t klen);

/* ---- pagecheck.c ---- */

/* Walk LMDB's page structure of the snapshot mi describes, in the map at
 * map; print a "corrupt:" line per problem on out. Returns the number of
 * problems (-1: out of memory); *unaccounted: pages neither in a tree nor
 * free. */
long stor_page_walk(const uint8_t *map, const StorMetaInfo *mi, FILE *out, uint64_t *unaccounted);

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

/* Native-endian reads of LMDB's on-disk fields (meta pages, page headers,
 * nodes) from a byte pointer of any alignment: datadir.c and pagecheck.c. */
static inline uint16_t stor_rd_u16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}

static inline uint32_t stor_rd_u32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline uint64_t stor_rd_u64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

#endif
