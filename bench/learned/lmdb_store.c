/*
 * lmdb_store.c — LMDB baseline of the learned-index benchmark (lmdb_store.h).
 * Only this bench file includes lmdb.h outside src/storage/: the baseline
 * has to be raw LMDB, not our storage layer on top of it.
 */
#include <lmdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lmdb_store.h"

struct BenchLmdb {
    char dir[512];
    MDB_env *env;
    MDB_dbi dbi;
    MDB_txn *rtxn;
    MDB_cursor *cur;
};

static void check(int rc, const char *what)
{
    if (rc) {
        fprintf(stderr, "lmdb %s: %s\n", what, mdb_strerror(rc));
        exit(1);
    }
}

static void be64(uint64_t v, unsigned char *b)
{
    for (int i = 7; i >= 0; i--) { b[i] = (unsigned char)v; v >>= 8; }
}

BenchLmdb *lm_build(const char *dir, const uint64_t *keys, size_t n)
{
    BenchLmdb *m = calloc(1, sizeof *m);
    snprintf(m->dir, sizeof m->dir, "%s", dir);
    mkdir(dir, 0700);
    check(mdb_env_create(&m->env), "env_create");
    check(mdb_env_set_mapsize(m->env, (size_t)n * 64 + (1u << 30)), "set_mapsize");
    /* Durability is not what is measured: no fsync at commit. */
    check(mdb_env_open(m->env, dir, MDB_NOSYNC | MDB_NOMETASYNC | MDB_WRITEMAP, 0600), "env_open");
    MDB_txn *txn;
    check(mdb_txn_begin(m->env, NULL, 0, &txn), "txn_begin");
    check(mdb_dbi_open(txn, NULL, 0, &m->dbi), "dbi_open");
    unsigned char kb[8];
    size_t in_txn = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && keys[i] == keys[i - 1]) continue; /* a key once, at its first position */
        uint64_t pos = i;
        be64(keys[i], kb);
        MDB_val k = { 8, kb }, v = { 8, &pos };
        check(mdb_put(txn, m->dbi, &k, &v, MDB_APPEND), "put");
        if (++in_txn == 1000000) { /* bounded write transactions */
            check(mdb_txn_commit(txn), "commit");
            check(mdb_txn_begin(m->env, NULL, 0, &txn), "txn_begin");
            in_txn = 0;
        }
    }
    check(mdb_txn_commit(txn), "commit");
    check(mdb_txn_begin(m->env, NULL, MDB_RDONLY, &m->rtxn), "read txn");
    check(mdb_cursor_open(m->rtxn, m->dbi, &m->cur), "cursor");
    return m;
}

void lm_close(BenchLmdb *m)
{
    char path[600];
    mdb_cursor_close(m->cur);
    mdb_txn_abort(m->rtxn);
    mdb_env_close(m->env);
    snprintf(path, sizeof path, "%s/data.mdb", m->dir); unlink(path);
    snprintf(path, sizeof path, "%s/lock.mdb", m->dir); unlink(path);
    rmdir(m->dir);
    free(m);
}

size_t lm_bytes(const BenchLmdb *m)
{
    MDB_envinfo info;
    MDB_stat st;
    mdb_env_info(m->env, &info);
    mdb_env_stat(m->env, &st);
    return (info.me_last_pgno + 1) * (size_t)st.ms_psize;
}

uint64_t lm_get(BenchLmdb *m, uint64_t key)
{
    unsigned char kb[8];
    be64(key, kb);
    MDB_val k = { 8, kb }, v;
    if (mdb_get(m->rtxn, m->dbi, &k, &v)) return UINT64_MAX;
    uint64_t pos;
    memcpy(&pos, v.mv_data, 8);
    return pos;
}

uint64_t lm_range_sum(BenchLmdb *m, uint64_t q, size_t cnt)
{
    unsigned char kb[8];
    be64(q, kb);
    MDB_val k = { 8, kb }, v;
    uint64_t sum = 0, pos;
    int rc = mdb_cursor_get(m->cur, &k, &v, MDB_SET_RANGE);
    for (size_t i = 0; i < cnt && rc == 0; i++) {
        memcpy(&pos, v.mv_data, 8);
        sum += pos;
        rc = mdb_cursor_get(m->cur, &k, &v, MDB_NEXT);
    }
    return sum;
}
