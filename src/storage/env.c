/*
 * env.c — the LMDB environment and transactions: opening the data
 * directory, the cache of named-database handles (dbis), read-transaction
 * reuse, persistent counters in "meta", and LMDB error mapping.
 *
 * Everything in storage/ reaches LMDB through a StorTxn begun here; the
 * catalog and (later) txn/ begin and end transactions through this file.
 *
 * Interface: stor_env_open, stor_env_close, stor_env_max_key, stor_txn_begin,
 * stor_txn_is_write, stor_txn_commit, stor_txn_abort, stor_next_oid
 * (storage.h); stor_env_open_readonly, stor_env_grow, stor_txn_bounds, the
 * stor_dbi_*, stor_rowid_*, stor_txn_* helpers and stor_mdb_error
 * (storage_int.h).
 *
 * Map growth and the resize lock: README.md, "Map size and
 * growth"; the replay of a txn after MDB_MAP_FULL is wlog.c.
 *
 * dbi handles (see README.md for the reasoning):
 *   - every existing named database is opened once, when the env is opened,
 *     before any other transaction exists;
 *   - afterwards only write transactions (one at a time) call mdb_dbi_open,
 *     to create a table's databases; read transactions never do;
 *   - a database created or dropped in a write transaction reaches the
 *     env's map only when that transaction commits (a dbi created in a txn
 *     that aborts is closed by LMDB and must not stay cached);
 *   - a dropped database is emptied (mdb_drop del=0) and marked in meta
 *     ("drop:<name>"); its handle stays open and mapped (older snapshots
 *     still read it) and the database is deleted at the next env open,
 *     because closing a handle other transactions may use is unsafe.
 */
#include "storage_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "../common/clock.h"
#include "../common/log.h"

#define STOR_MAX_DBS 4096
#define STOR_MAX_READERS 256

static const char META_NEXT_OID[] = "next_oid";
static const char META_FORMAT[] = "format";
static const char META_DROP_PREFIX[] = "drop:";

/* Set by stor_mdb_error on MDB_MAP_FULL: grow before the next write. */
static int map_full_seen;

/* ---- errors ---- */

int stor_mdb_error(OmError *err, int rc, const char *what)
{
    const char *text = mdb_strerror(rc);
    switch (rc) {
    case MDB_MAP_FULL:
        /* The map is grown before the next write transaction begins. */
        __atomic_store_n(&map_full_seen, 1, __ATOMIC_RELAXED);
        err_set(err, ERRCODE_DISK_FULL, "could not extend database: storage map is full");
        err_detail(err, "%s", text);
        err_hint(err, "The map grows automatically; retry the transaction.");
        return -1;
    case ENOSPC:
    case EDQUOT:
        /* PostgreSQL's words for a relation file it cannot extend. */
        err_set(err, ERRCODE_DISK_FULL, "could not extend file \"%s\": %s", stor_data_path(),
                text);
        err_hint(err, "Check free disk space.");
        return -1;
    case MDB_CORRUPTED:
    case MDB_PAGE_NOTFOUND:
    case MDB_INVALID:
    case MDB_VERSION_MISMATCH:
    case MDB_INCOMPATIBLE:
        err_set(err, ERRCODE_DATA_CORRUPTED, "%s: database file is corrupted", what);
        err_detail(err, "%s", text);
        return -1;
    case MDB_READERS_FULL:
        err_set(err, ERRCODE_INSUFFICIENT_RESOURCES, "too many concurrent read transactions");
        err_detail(err, "%s", text);
        return -1;
    case MDB_DBS_FULL:
        err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "too many tables and unique constraints");
        err_detail(err, "%s", text);
        return -1;
    case MDB_TXN_FULL:
    case MDB_BAD_VALSIZE:
        err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "%s: %s", what, text);
        return -1;
    case ENOMEM:
        return err_set(err, ERRCODE_OUT_OF_MEMORY, "%s: out of memory", what);
    case EIO:
    case EACCES:
    case EROFS:
    case ENOENT:
    case EPERM:
        return err_set(err, ERRCODE_IO_ERROR, "%s: %s", what, text);
    default:
        return err_set(err, ERRCODE_INTERNAL_ERROR, "%s: %s", what, text);
    }
}

/* ---- name -> dbi map ---- */

static uint64_t name_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) {
        h ^= (uint8_t)*s;
        h *= 1099511628211ull;
    }
    return h;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n, size);
    if (!p) abort(); /* as mem.c: out of system memory is fatal */
    return p;
}

static long map_find(const StorDbiMap *m, const char *name)
{
    if (!m->cap) return -1;
    size_t mask = m->cap - 1;
    for (size_t i = name_hash(name) & mask;; i = (i + 1) & mask) {
        if (!m->names[i]) return -1;
        if (strcmp(m->names[i], name) == 0) return (long)i;
    }
}

static void map_put_slot(StorDbiMap *m, char *name, MDB_dbi dbi)
{
    size_t mask = m->cap - 1;
    size_t i = name_hash(name) & mask;
    while (m->names[i]) i = (i + 1) & mask;
    m->names[i] = name;
    m->dbis[i] = dbi;
    m->count++;
}

static void map_put(StorDbiMap *m, const char *name, MDB_dbi dbi)
{
    long at = map_find(m, name);
    if (at >= 0) {
        m->dbis[at] = dbi;
        return;
    }
    if ((m->count + 1) * 2 > m->cap) {
        StorDbiMap n = {0};
        n.cap = m->cap ? m->cap * 2 : 64;
        n.names = xcalloc(n.cap, sizeof *n.names);
        n.dbis = xcalloc(n.cap, sizeof *n.dbis);
        for (size_t i = 0; i < m->cap; i++)
            if (m->names[i]) map_put_slot(&n, m->names[i], m->dbis[i]);
        free(m->names);
        free(m->dbis);
        *m = n;
    }
    char *copy = strdup(name);
    if (!copy) abort();
    map_put_slot(m, copy, dbi);
}

static void map_free(StorDbiMap *m)
{
    for (size_t i = 0; i < m->cap; i++) free(m->names[i]);
    free(m->names);
    free(m->dbis);
    memset(m, 0, sizeof *m);
}

/* ---- opening ---- */

static int dir_ensure(const char *dir, OmError *err)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode))
            return err_set(err, ERRCODE_IO_ERROR, "data directory \"%s\" is not a directory", dir);
        return 0;
    }
    if (errno != ENOENT)
        return err_set(err, ERRCODE_IO_ERROR, "could not access directory \"%s\": %s", dir,
                       strerror(errno));
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        return err_set(err, ERRCODE_IO_ERROR, "could not create directory \"%s\": %s", dir,
                       strerror(errno));
    return 0;
}

/* One server per data directory: the startup removal of dropped databases
 * and the dbi rules above assume no other process uses the environment. */
static int dir_lock(StorEnv *env, OmError *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/omendb.lock", env->dir);
    int fd = env->readonly ? open(path, O_RDONLY | O_CLOEXEC)
                           : open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 && env->readonly && errno == ENOENT) return 0; /* no server ever ran */
    if (fd < 0)
        return err_set(err, ERRCODE_IO_ERROR, "could not create lock file \"%s\": %s", path,
                       strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        int e = errno;
        close(fd);
        if (e == EWOULDBLOCK) {
            err_set(err, ERRCODE_SYSTEM_ERROR, "could not lock data directory \"%s\"", env->dir);
            err_detail(err, "Another server is using this data directory.");
            return -1;
        }
        return err_set(err, ERRCODE_IO_ERROR, "could not lock file \"%s\": %s", path,
                       strerror(e));
    }
    env->lock_fd = fd;
    return 0;
}

typedef struct NameList {
    char **v;
    size_t n, cap;
} NameList;

static void names_add(NameList *l, const void *p, size_t len)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        char **v = realloc(l->v, l->cap * sizeof *v);
        if (!v) abort();
        l->v = v;
    }
    char *s = malloc(len + 1);
    if (!s) abort();
    memcpy(s, p, len);
    s[len] = '\0';
    l->v[l->n++] = s;
}

static void names_free(NameList *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
}

static bool names_has(const NameList *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0) return true;
    return false;
}

/* Is there a "drop:<name>" marker for name? */
static bool is_dropped(const NameList *drops, const char *name)
{
    size_t plen = sizeof META_DROP_PREFIX - 1;
    for (size_t i = 0; i < drops->n; i++)
        if (strcmp(drops->v[i] + plen, name) == 0) return true;
    return false;
}

/* The startup transaction: create meta and catalog, check the format,
 * remove databases dropped since the last open, open all others. */
static int env_startup(StorEnv *env, OmError *err)
{
    MDB_txn *txn;
    MDB_dbi meta, cat, maindb;
    MDB_cursor *cur = NULL;
    MDB_dbi *dbis = NULL;
    NameList dbs = {0}, drops = {0};
    int rc = mdb_txn_begin(env->mdb, NULL, 0, &txn);
    if (rc) return stor_mdb_error(err, rc, "could not begin startup transaction");
    const char *what = "could not open database";
    if ((rc = mdb_dbi_open(txn, STOR_DB_META, MDB_CREATE, &meta)) ||
        (rc = mdb_dbi_open(txn, STOR_DB_CATALOG, MDB_CREATE, &cat)) ||
        (rc = mdb_dbi_open(txn, NULL, 0, &maindb)))
        goto fail;

    /* Format version: 4 bytes BE, sealed (format 1 had no seal). */
    MDB_val k = {sizeof META_FORMAT - 1, (void *)META_FORMAT}, v;
    rc = mdb_get(txn, meta, &k, &v);
    if (rc == MDB_NOTFOUND) {
        uint8_t fv[8] = {0, 0, 0, STOR_FORMAT_VERSION};
        uint32_t c = stor_seal_crc(k.mv_data, k.mv_size, fv, 4);
        fv[4] = (uint8_t)c;
        fv[5] = (uint8_t)(c >> 8);
        fv[6] = (uint8_t)(c >> 16);
        fv[7] = (uint8_t)(c >> 24);
        v.mv_size = 8;
        v.mv_data = fv;
        what = "could not initialise storage";
        if ((rc = mdb_put(txn, meta, &k, &v, 0))) goto fail;
    } else if (rc) {
        goto fail;
    } else {
        const uint8_t *p = v.mv_data;
        size_t plen = 0;
        if (v.mv_size == 8 && stor_unseal(k.mv_data, k.mv_size, p, v.mv_size, &plen) < 0) {
            mdb_txn_abort(txn);
            return stor_bad_checksum(err, "record", "storage database \"meta\"", k.mv_data,
                                     k.mv_size);
        }
        uint32_t ver = v.mv_size == 4 || v.mv_size == 8
                           ? ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
                              (uint32_t)p[2] << 8 | p[3])
                           : 0;
        if (ver != STOR_FORMAT_VERSION) {
            mdb_txn_abort(txn);
            err_set(err, ERRCODE_SYSTEM_ERROR, "database files are incompatible with server");
            err_detail(err, "The storage format version is %u, this server supports %u.", ver,
                       STOR_FORMAT_VERSION);
            return -1;
        }
    }

    /* All named databases (keys of the main database). */
    what = "could not list databases";
    if ((rc = mdb_cursor_open(txn, maindb, &cur))) goto fail;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT))
        names_add(&dbs, k.mv_data, k.mv_size);
    if (rc != MDB_NOTFOUND) goto fail;
    mdb_cursor_close(cur);
    cur = NULL;

    /* Drop markers. */
    if ((rc = mdb_cursor_open(txn, meta, &cur))) goto fail;
    k.mv_size = sizeof META_DROP_PREFIX - 1;
    k.mv_data = (void *)META_DROP_PREFIX;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE); rc == 0;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        if (k.mv_size < sizeof META_DROP_PREFIX - 1 ||
            memcmp(k.mv_data, META_DROP_PREFIX, sizeof META_DROP_PREFIX - 1) != 0)
            break;
        names_add(&drops, k.mv_data, k.mv_size);
    }
    if (rc && rc != MDB_NOTFOUND) goto fail;
    mdb_cursor_close(cur);
    cur = NULL;

    what = "could not remove dropped database";
    for (size_t i = 0; i < drops.n; i++) {
        const char *name = drops.v[i] + sizeof META_DROP_PREFIX - 1;
        if (names_has(&dbs, name)) {
            MDB_dbi d;
            if ((rc = mdb_dbi_open(txn, name, 0, &d))) goto fail;
            if ((rc = mdb_drop(txn, d, 1))) goto fail;
        }
        k.mv_size = strlen(drops.v[i]);
        k.mv_data = drops.v[i];
        if ((rc = mdb_del(txn, meta, &k, NULL))) goto fail;
    }

    what = "could not open database";
    dbis = xcalloc(dbs.n ? dbs.n : 1, sizeof *dbis);
    for (size_t i = 0; i < dbs.n; i++) {
        if (is_dropped(&drops, dbs.v[i])) continue;
        if ((rc = mdb_dbi_open(txn, dbs.v[i], 0, &dbis[i]))) goto fail;
    }

    what = "could not commit startup transaction";
    rc = mdb_txn_commit(txn);
    txn = NULL;
    if (rc) goto fail;

    /* Handles opened in a committed txn stay valid for the env's life. */
    for (size_t i = 0; i < dbs.n; i++)
        if (!is_dropped(&drops, dbs.v[i])) map_put(&env->map, dbs.v[i], dbis[i]);
    map_put(&env->map, STOR_DB_META, meta);
    map_put(&env->map, STOR_DB_CATALOG, cat);
    free(dbis);
    names_free(&dbs);
    names_free(&drops);
    return 0;

fail:
    if (cur) mdb_cursor_close(cur);
    if (txn) mdb_txn_abort(txn);
    free(dbis);
    names_free(&dbs);
    names_free(&drops);
    return stor_mdb_error(err, rc, what);
}

/* Open LMDB in dir after the data directory checks. readonly: for
 * stor_check, MDB_RDONLY | MDB_NOLOCK (the directory lock keeps servers
 * out, so no lock file is needed and nothing is written). */
static int env_open(const char *dir, size_t map_size, bool readonly, StorEnv **out, OmError *err)
{
    *out = NULL;
    if (!readonly && dir_ensure(dir, err) < 0) return -1;
    StorEnv *env = xcalloc(1, sizeof *env);
    env->dir = strdup(dir);
    if (!env->dir) abort();
    env->lock_fd = -1;
    env->readonly = readonly;
    pthread_rwlock_init(&env->map_lock, NULL);
    pthread_rwlock_init(&env->resize_lock, NULL);
    pthread_mutex_init(&env->pool_lock, NULL);
    stor_gate_init(env);
    stor_fault_install();
    const char *prev = stor_fault_enter("open");
    bool fresh = false;
    int rc;
    const char *what;
    if (dir_lock(env, err) < 0 || stor_datadir_prepare(dir, readonly, &fresh, err) < 0)
        goto fail_err;
    rc = mdb_env_create(&env->mdb);
    what = "could not create storage environment";
    if (rc) goto fail;
    what = "could not configure storage environment";
    /* A damaged page can trip an LMDB assertion: log and exit 1, not abort. */
    mdb_env_set_assert(env->mdb, stor_fault_assert);
    if ((rc = mdb_env_set_mapsize(env->mdb, map_size))) goto fail;
    if ((rc = mdb_env_set_maxdbs(env->mdb, STOR_MAX_DBS))) goto fail;
    if ((rc = mdb_env_set_maxreaders(env->mdb, STOR_MAX_READERS))) goto fail;
    /* MDB_NOTLS: read txns are not bound to threads. No MDB_NOSYNC or
     * MDB_NOMETASYNC: an acknowledged commit must survive a crash. No
     * MDB_WRITEMAP: the map stays read-only (PROT_READ), so a stray write
     * through a pointer into it faults instead of scribbling on pages, and
     * the file grows only as pages are written, not to the map size. */
    unsigned flags = MDB_NOTLS | (readonly ? MDB_RDONLY | MDB_NOLOCK : 0);
    if ((rc = mdb_env_open(env->mdb, dir, flags, 0600))) {
        err_set(err, rc == MDB_INVALID || rc == MDB_VERSION_MISMATCH ? ERRCODE_DATA_CORRUPTED
                                                                   : ERRCODE_IO_ERROR,
                "could not open database files in \"%s\": %s", dir, mdb_strerror(rc));
        goto fail_err;
    }
    env->max_key = (size_t)mdb_env_get_maxkeysize(env->mdb);
    MDB_envinfo info;
    MDB_stat st;
    mdb_env_info(env->mdb, &info);
    mdb_env_stat(env->mdb, &st);
    env->map_size = info.me_mapsize;
    env->psize = st.ms_psize;
    env->map_addr = stor_map_find(stor_data_path());
    if (stor_freelist_check(env->mdb, env->map_addr, err) < 0) goto fail_err;
    if (!readonly && env_startup(env, err) < 0) goto fail_err;
    /* The marker goes in once the first transaction is durable: a marked
     * directory always has a data file worth refusing to lose. An older
     * directory without one (or a first start that died before writing
     * it) gets it now, its format having just been checked. */
    if (!readonly) {
        char marker[4200];
        snprintf(marker, sizeof marker, "%s/%s", dir, STOR_MARKER_FILE);
        if ((fresh || access(marker, F_OK) != 0) && stor_datadir_mark(dir, err) < 0)
            goto fail_err;
    }
    stor_fault_leave(prev);
    *out = env;
    return 0;
fail:
    stor_mdb_error(err, rc, what);
fail_err:
    stor_fault_leave(prev);
    stor_env_close(env);
    return -1;
}

int stor_env_open(const char *dir, size_t map_size, StorEnv **out, OmError *err)
{
    return env_open(dir, map_size, false, out, err);
}

int stor_env_open_readonly(const char *dir, StorEnv **out, OmError *err)
{
    return env_open(dir, 0, true, out, err);
}

void stor_env_close(StorEnv *env)
{
    if (!env) return;
    stor_seq_close(env);
    for (int i = 0; i < env->npool; i++) mdb_txn_abort(env->pool[i]);
    env->npool = 0;
    if (env->mdb) mdb_env_close(env->mdb);
    map_free(&env->map);
    pthread_rwlock_destroy(&env->map_lock);
    pthread_rwlock_destroy(&env->resize_lock);
    pthread_mutex_destroy(&env->pool_lock);
    stor_gate_destroy(env);
    if (env->lock_fd >= 0) close(env->lock_fd); /* releases the flock */
    free(env->dir);
    free(env);
}

size_t stor_env_max_key(const StorEnv *env)
{
    return env->max_key;
}

/* ---- transactions ---- */

/* ---- map growth ----
 *
 * README.md, "Map size and growth": every live StorTxn holds resize_lock
 * for reading; stor_env_grow takes it for writing (with a timeout) to
 * remap; a write txn grows the map ahead of need before it begins, and
 * wlog.c grows it at need and replays the txn. */
#define STOR_GROW_WAIT_MS 2000

/* Data in use (bytes) by the last committed transaction. */
static size_t env_used(StorEnv *env, MDB_envinfo *info)
{
    mdb_env_info(env->mdb, info);
    return (info->me_last_pgno + 1) * env->psize;
}

void stor_env_grow(StorEnv *env, bool force)
{
    MDB_envinfo info;
    size_t used = env_used(env, &info);
    bool wanted = force || __atomic_load_n(&map_full_seen, __ATOMIC_RELAXED);
    if (!wanted && used <= env->map_size / 2) return;
    struct timespec now, until;
    clock_gettime(CLOCK_MONOTONIC, &now);
    /* Growing ahead of need is opportunistic: a short wait, and after a
     * failed one no new try for a while, so a long reader does not slow
     * every write down. A write that needs the room waits longer. */
    if (!wanted && now.tv_sec < env->grow_next_try) return;
    long wait_ms = wanted ? STOR_GROW_WAIT_MS : 100;
    until = om_timespec_in(CLOCK_REALTIME, wait_ms); /* timedwrlock takes only this clock */
    if (pthread_rwlock_timedwrlock(&env->resize_lock, &until) != 0) {
        if (!wanted) env->grow_next_try = now.tv_sec + 5;
        log_warn("storage_map_grow_deferred", "map_size=%zu used=%zu reason=\"transactions "
                 "still open\"", env->map_size, used);
        return;
    }
    size_t old = env->map_size, want = old * 2;
    if (want < used * 4) want = used * 4;
    size_t mb = (size_t)1 << 20;
    want = (want + mb - 1) / mb * mb;
    int rc = mdb_env_set_mapsize(env->mdb, want);
    if (rc == 0) {
        env->map_size = want;
        env->map_addr = stor_map_find(stor_data_path()); /* the map moved */
        __atomic_store_n(&map_full_seen, 0, __ATOMIC_RELAXED);
        log_info("storage_map_grown", "old_size=%zu new_size=%zu used=%zu", old, want, used);
    } else {
        log_error("storage_map_grow_failed", "map_size=%zu wanted=%zu error=\"%s\"", old, want,
                  mdb_strerror(rc));
    }
    pthread_rwlock_unlock(&env->resize_lock);
}

void stor_txn_bounds(StorTxn *t)
{
    MDB_envinfo info;
    env_used(t->env, &info);
    t->map_lo = t->env->map_addr;
    if (!t->map_lo) return;
    t->map_hi = t->map_lo + info.me_mapsize;
    t->map_end = t->map_lo + (info.me_last_pgno + 1) * t->env->psize;
}

static int txn_begin(StorEnv *env, bool write, StorTxn **out, OmError *err)
{
    *out = NULL;
    MDB_txn *m = NULL;
    int rc;
    if (write) {
        /* The write gate first (writegate.c: the interruptible wait for the
         * single writer, held to the txn's end; a replay after growing the
         * map relies on it too, wlog.c), then growth ahead of need, then
         * the resize lock: that order everywhere. */
        if (stor_gate_enter(env, err) < 0) return -1;
        if (!env->readonly) stor_env_grow(env, false);
    }
    pthread_rwlock_rdlock(&env->resize_lock);
    if (!write) {
        pthread_mutex_lock(&env->pool_lock);
        if (env->npool > 0) m = env->pool[--env->npool];
        pthread_mutex_unlock(&env->pool_lock);
        if (m && mdb_txn_renew(m) != 0) {
            mdb_txn_abort(m);
            m = NULL;
        }
    }
    if (!m && (rc = mdb_txn_begin(env->mdb, NULL, write ? 0 : MDB_RDONLY, &m))) {
        pthread_rwlock_unlock(&env->resize_lock);
        if (write) stor_gate_leave(env);
        return stor_mdb_error(err, rc, "could not begin transaction");
    }
    StorTxn *t = xcalloc(1, sizeof *t);
    t->env = env;
    t->mdb = m;
    t->write = write;
    /* The snapshot's pages: [map, map + (last_pgno + 1) * psize). A read
     * txn's snapshot is no newer than the last commit, and a write txn's
     * new pages live outside the map until it commits. */
    stor_txn_bounds(t);
    *out = t;
    return 0;
}

int stor_txn_begin(StorEnv *env, bool write, StorTxn **out, OmError *err)
{
    const char *f = stor_fault_enter("begin");
    int rc = txn_begin(env, write, out, err);
    stor_fault_leave(f);
    return rc;
}

bool stor_txn_is_write(const StorTxn *txn)
{
    return txn->write;
}

MemCtx *stor_txn_ctx(StorTxn *txn)
{
    if (!txn->ctx) txn->ctx = mem_ctx_create(NULL, "stor-txn");
    return txn->ctx;
}

StorDatum *stor_txn_datums(StorTxn *txn, int n)
{
    if (n > txn->datum_cap) {
        int cap = n < 32 ? 32 : n;
        txn->datums = mem_new_array(stor_txn_ctx(txn), StorDatum, cap);
        txn->datum_cap = cap;
    }
    return txn->datums;
}

OmBuf *stor_txn_buf(StorTxn *txn, int which)
{
    if (!txn->bufs_ready) {
        MemCtx *ctx = stor_txn_ctx(txn);
        buf_init(&txn->kbuf, ctx, 256);
        buf_init(&txn->vbuf, ctx, 1024);
        buf_init(&txn->ubuf, ctx, 256);
        txn->bufs_ready = true;
    }
    OmBuf *b = which == 0 ? &txn->kbuf : which == 1 ? &txn->vbuf : &txn->ubuf;
    buf_reset(b);
    return b;
}

void stor_txn_add_scan(StorTxn *txn, StorScan *s)
{
    s->prev = NULL;
    s->next = txn->scans;
    if (txn->scans) txn->scans->prev = s;
    txn->scans = s;
}

void stor_txn_remove_scan(StorTxn *txn, StorScan *s)
{
    if (s->prev) s->prev->next = s->next;
    else txn->scans = s->next;
    if (s->next) s->next->prev = s->prev;
    s->prev = s->next = NULL;
}

/* Close the cursors of scans still open: LMDB frees a write txn's cursors
 * with the txn, and a read txn going back to the pool must have none. */
static void txn_close_scans(StorTxn *txn)
{
    while (txn->scans) {
        StorScan *s = txn->scans;
        if (s->cur) mdb_cursor_close(s->cur);
        s->cur = NULL;
        s->txn = NULL;
        stor_txn_remove_scan(txn, s);
    }
}

static void txn_free(StorTxn *txn)
{
    pthread_rwlock_unlock(&txn->env->resize_lock);
    if (txn->write) stor_gate_leave(txn->env);
    mem_ctx_delete(txn->ctx);
    free(txn);
}

static void txn_end_read(StorTxn *txn)
{
    StorEnv *env = txn->env;
    mdb_txn_reset(txn->mdb);
    pthread_mutex_lock(&env->pool_lock);
    bool kept = env->npool < STOR_TXN_POOL_MAX;
    if (kept) env->pool[env->npool++] = txn->mdb;
    pthread_mutex_unlock(&env->pool_lock);
    if (!kept) mdb_txn_abort(txn->mdb);
}

void stor_txn_abort(StorTxn *txn)
{
    if (!txn) return;
    const char *f = stor_fault_enter("abort");
    txn_close_scans(txn);
    if (txn->write) {
        if (txn->mdb) mdb_txn_abort(txn->mdb);
    } else {
        txn_end_read(txn);
    }
    txn_free(txn);
    stor_fault_leave(f);
}

static int rowids_flush(StorTxn *txn, OmError *err);
static int txn_commit(StorTxn *txn, OmError *err);

/* LMDB turns a short page write into EIO ("filesystem full?"): a write
 * that ran out of space part-way. If the file system holding dir has less
 * than STOR_FULL_SLACK bytes left, that is what happened. */
#define STOR_FULL_SLACK (256 * 1024)
static bool disk_full(const char *dir)
{
    struct statvfs sv;
    if (statvfs(dir, &sv) != 0) return false;
    return (unsigned long long)sv.f_bavail * sv.f_frsize < STOR_FULL_SLACK;
}

int stor_txn_commit(StorTxn *txn, OmError *err)
{
    const char *f = stor_fault_enter("commit");
    int rc = txn_commit(txn, err);
    stor_fault_leave(f);
    return rc;
}

/* mdb_txn_commit; on MDB_MAP_FULL (the free list needs pages too) replay
 * on a grown map and commit again, once. LMDB frees the txn on failure. */
static int commit_retry(StorTxn *txn)
{
    /* A failed commit has freed the LMDB txn: the log is replayed into a
     * fresh one. */
    int rc = mdb_txn_commit(txn->mdb);
    txn->mdb = NULL;
    if (rc != MDB_MAP_FULL || txn->wlog_off) return rc;
    StorEnv *env = txn->env;
    pthread_rwlock_unlock(&env->resize_lock);
    stor_env_grow(env, true);
    pthread_rwlock_rdlock(&env->resize_lock);
    if (mdb_txn_begin(env->mdb, NULL, 0, &txn->mdb) != 0) {
        txn->mdb = NULL;
        return rc;
    }
    if (stor_w_replay(txn) != 0) {
        mdb_txn_abort(txn->mdb);
        txn->mdb = NULL;
        return rc;
    }
    rc = mdb_txn_commit(txn->mdb);
    txn->mdb = NULL;
    if (rc == 0) log_info("storage_txn_replayed", "writes=%d map_size=%zu at=commit", txn->nwlog,
                          env->map_size);
    return rc;
}

static int txn_commit(StorTxn *txn, OmError *err)
{
    txn_close_scans(txn);
    if (!txn->write) {
        txn_end_read(txn);
        txn_free(txn);
        return 0;
    }
    if (txn->dead) {
        if (txn->mdb) mdb_txn_abort(txn->mdb);
        txn_free(txn);
        return err_set(err, ERRCODE_DISK_FULL, "could not extend database: storage map is full");
    }
    if (rowids_flush(txn, err) < 0) {
        mdb_txn_abort(txn->mdb);
        txn_free(txn);
        return -1;
    }
    StorEnv *env = txn->env;
    int rc;
    if (txn->nddl == 0) {
        rc = commit_retry(txn);
    } else {
        /* Hold the map lock across the commit so no reader can begin after
         * the commit and still miss the new handles in the map. */
        pthread_rwlock_wrlock(&env->map_lock);
        rc = commit_retry(txn);
        if (rc == 0) {
            /* A dropped database stays mapped: readers whose snapshot
             * predates the drop still read it (LMDB keeps its pages for
             * them); newer snapshots no longer find it in the catalog. The
             * handle goes at the next env open. */
            for (int i = 0; i < txn->nddl; i++) {
                StorDdl *d = &txn->ddl[i];
                if (d->created) map_put(&env->map, d->name, d->dbi);
            }
        }
        pthread_rwlock_unlock(&env->map_lock);
    }
    txn_free(txn);
    if (rc == EIO && disk_full(env->dir)) rc = ENOSPC;
    if (rc) return stor_mdb_error(err, rc, "could not commit transaction");
    return 0;
}

/* ---- named databases ---- */

static StorDdl *ddl_find(StorTxn *txn, const char *name)
{
    for (int i = txn->nddl - 1; i >= 0; i--)
        if (strcmp(txn->ddl[i].name, name) == 0) return &txn->ddl[i];
    return NULL;
}

static StorDdl *ddl_add(StorTxn *txn, const char *name, MDB_dbi dbi)
{
    MemCtx *ctx = stor_txn_ctx(txn);
    if (txn->nddl == txn->ddl_cap) {
        int cap = txn->ddl_cap ? txn->ddl_cap * 2 : 8;
        txn->ddl = mem_realloc(ctx, txn->ddl, sizeof(StorDdl) * (size_t)txn->ddl_cap,
                               sizeof(StorDdl) * (size_t)cap);
        txn->ddl_cap = cap;
    }
    StorDdl *d = &txn->ddl[txn->nddl++];
    memset(d, 0, sizeof *d);
    d->name = mem_strdup(ctx, name);
    d->dbi = dbi;
    return d;
}

int stor_dbi_get(StorTxn *txn, const char *name, bool create, MDB_dbi *out, OmError *err)
{
    StorDdl *d = ddl_find(txn, name);
    if (d) {
        if (d->dropped) return 0;
        *out = d->dbi;
        return 1;
    }
    StorEnv *env = txn->env;
    pthread_rwlock_rdlock(&env->map_lock);
    long at = map_find(&env->map, name);
    if (at >= 0) *out = env->map.dbis[at];
    pthread_rwlock_unlock(&env->map_lock);
    if (at >= 0) return 1;
    if (!create) return 0;
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR,
                       "cannot create storage database \"%s\" in a read-only transaction", name);
    MDB_dbi dbi;
    int rc = stor_w_open(txn, name, &dbi);
    if (rc) return stor_mdb_error(err, rc, "could not create storage database");
    ddl_add(txn, name, dbi)->created = true;
    *out = dbi;
    return 1;
}

static int meta_dbi(StorTxn *txn, MDB_dbi *out, OmError *err)
{
    int rc = stor_dbi_get(txn, STOR_DB_META, false, out, err);
    if (rc == 0) return err_set(err, ERRCODE_DATA_CORRUPTED, "storage database \"meta\" is missing");
    return rc < 0 ? -1 : 0;
}

int stor_dbi_drop(StorTxn *txn, const char *name, OmError *err)
{
    MDB_dbi dbi, meta;
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "dropping storage needs a write transaction");
    int found = stor_dbi_get(txn, name, false, &dbi, err);
    if (found < 0) return -1;
    if (found == 0) return 0; /* already gone: nothing to do */
    if (meta_dbi(txn, &meta, err) < 0) return -1;
    /* mdb_drop resets this txn's cursors on the database: end those scans. */
    for (StorScan *s = txn->scans; s; s = s->next)
        if (s->cur && mdb_cursor_dbi(s->cur) == dbi) s->done = true;
    int rc = stor_w_drop(txn, dbi, 0);
    if (rc) return stor_mdb_error(err, rc, "could not drop storage database");
    char key[256];
    int klen = snprintf(key, sizeof key, "%s%s", META_DROP_PREFIX, name);
    if (klen <= 0 || (size_t)klen >= sizeof key)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "storage database name too long");
    uint8_t seal[STOR_SEAL_SIZE];
    uint32_t c = stor_seal_crc(key, (size_t)klen, "", 0);
    for (int i = 0; i < 4; i++) seal[i] = (uint8_t)(c >> (8 * i));
    MDB_val k = {(size_t)klen, key}, v = {sizeof seal, seal};
    if ((rc = stor_w_put(txn, meta, &k, &v, 0)))
        return stor_mdb_error(err, rc, "could not drop storage database");
    StorDdl *d = ddl_find(txn, name);
    if (!d) d = ddl_add(txn, name, dbi);
    d->dropped = true;
    return 0;
}

/* ---- counters ---- */

static uint64_t be64_get(const void *p)
{
    const uint8_t *b = p;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | b[i];
    return v;
}

static void be64_put(uint8_t *b, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        b[i] = (uint8_t)v;
        v >>= 8;
    }
}

/* Read counter key from meta: 1 found, 0 absent, -1 error. */
static int meta_counter_get(StorTxn *txn, const char *key, uint64_t *out, OmError *err)
{
    MDB_dbi meta;
    if (meta_dbi(txn, &meta, err) < 0) return -1;
    MDB_val k = {strlen(key), (void *)key}, v;
    int rc = mdb_get(txn->mdb, meta, &k, &v);
    if (rc == MDB_NOTFOUND) return 0;
    if (rc) return stor_mdb_error(err, rc, "could not read counter");
    size_t plen;
    if (!stor_val_in_bounds(txn, v.mv_data, v.mv_size) ||
        stor_unseal(k.mv_data, k.mv_size, v.mv_data, v.mv_size, &plen) < 0)
        return stor_bad_checksum(err, "record", "storage database \"meta\"", key, strlen(key));
    if (plen != 8)
        return err_set(err, ERRCODE_DATA_CORRUPTED, "storage counter \"%s\" is corrupted", key);
    *out = be64_get(v.mv_data);
    return 1;
}

static int meta_counter_put(StorTxn *txn, const char *key, uint64_t val, OmError *err)
{
    MDB_dbi meta;
    if (meta_dbi(txn, &meta, err) < 0) return -1;
    uint8_t b[8 + STOR_SEAL_SIZE];
    be64_put(b, val);
    uint32_t c = stor_seal_crc(key, strlen(key), b, 8);
    for (int i = 0; i < 4; i++) b[8 + i] = (uint8_t)(c >> (8 * i));
    MDB_val k = {strlen(key), (void *)key}, v = {sizeof b, b};
    int rc = stor_w_put(txn, meta, &k, &v, 0);
    if (rc) return stor_mdb_error(err, rc, "could not write counter");
    return 0;
}

static int next_oid(StorTxn *txn, uint32_t *out, OmError *err);

int stor_next_oid(StorTxn *txn, uint32_t *out, OmError *err)
{
    const char *f = stor_fault_enter("next_oid");
    int rc = next_oid(txn, out, err);
    stor_fault_leave(f);
    return rc;
}

static int next_oid(StorTxn *txn, uint32_t *out, OmError *err)
{
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "allocating an oid needs a write transaction");
    uint64_t next = STOR_FIRST_OID;
    int rc = meta_counter_get(txn, META_NEXT_OID, &next, err);
    if (rc < 0) return -1;
    if (next < STOR_FIRST_OID || next >= UINT32_MAX)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "object identifiers are exhausted");
    if (meta_counter_put(txn, META_NEXT_OID, next + 1, err) < 0) return -1;
    *out = (uint32_t)next;
    return 0;
}

static void rowid_key(char *buf, size_t size, uint32_t oid)
{
    snprintf(buf, size, "rowid:%u", oid);
}

int stor_rowid_next(StorTxn *txn, uint32_t oid, uint64_t *out, OmError *err)
{
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "inserting needs a write transaction");
    StorRowid *r = NULL;
    for (int i = 0; i < txn->nrowid; i++)
        if (txn->rowids[i].oid == oid) r = &txn->rowids[i];
    if (!r) {
        char key[32];
        rowid_key(key, sizeof key, oid);
        uint64_t next = 1;
        if (meta_counter_get(txn, key, &next, err) < 0) return -1;
        if (txn->nrowid == txn->rowid_cap) {
            int cap = txn->rowid_cap ? txn->rowid_cap * 2 : 4;
            txn->rowids = mem_realloc(stor_txn_ctx(txn), txn->rowids,
                                      sizeof(StorRowid) * (size_t)txn->rowid_cap,
                                      sizeof(StorRowid) * (size_t)cap);
            txn->rowid_cap = cap;
        }
        r = &txn->rowids[txn->nrowid++];
        r->oid = oid;
        r->next = next;
        r->dirty = false;
    }
    if (r->next == UINT64_MAX)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "hidden row ids are exhausted");
    *out = r->next++;
    r->dirty = true;
    return 0;
}

int stor_rowid_forget(StorTxn *txn, uint32_t oid, OmError *err)
{
    for (int i = 0; i < txn->nrowid; i++) {
        if (txn->rowids[i].oid == oid) {
            txn->rowids[i] = txn->rowids[--txn->nrowid];
            break;
        }
    }
    MDB_dbi meta;
    if (meta_dbi(txn, &meta, err) < 0) return -1;
    char key[32];
    rowid_key(key, sizeof key, oid);
    MDB_val k = {strlen(key), key};
    int rc = stor_w_del(txn, meta, &k);
    if (rc && rc != MDB_NOTFOUND) return stor_mdb_error(err, rc, "could not drop row id counter");
    return 0;
}

static int rowids_flush(StorTxn *txn, OmError *err)
{
    for (int i = 0; i < txn->nrowid; i++) {
        StorRowid *r = &txn->rowids[i];
        if (!r->dirty) continue;
        char key[32];
        rowid_key(key, sizeof key, r->oid);
        if (meta_counter_put(txn, key, r->next, err) < 0) return -1;
        r->dirty = false;
    }
    return 0;
}
