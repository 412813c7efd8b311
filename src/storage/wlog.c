/*
 * wlog.c — the writes of a write transaction, logged so that the
 * transaction can be replayed on a grown map when LMDB says MDB_MAP_FULL.
 *
 * LMDB cannot grow its map while a transaction is live, and a transaction
 * that met MDB_MAP_FULL is dead. So every change a write txn makes goes
 * through stor_w_put / stor_w_del / stor_w_drop / stor_w_open, which apply
 * it and, when it succeeded, append a copy to the txn's log. On
 * MDB_MAP_FULL (from a change or from the commit) stor_w_regrow aborts the
 * LMDB txn, grows the map (env.c's stor_env_grow), begins a new LMDB txn,
 * replays the log and reopens the txn's scan cursors; the failed call is
 * then retried once. The user never sees the map's ceiling.
 *
 * Why the replay is exact: the new txn starts from the same snapshot,
 * because the write gate (writegate.c: passed by every write txn before
 * LMDB's own writer lock, held to its end) keeps other writers out while
 * LMDB's lock is released; changes that failed (MDB_KEYEXIST,
 * MDB_NOTFOUND) changed nothing and are not logged; and dbi slots are handed out by LMDB in a
 * fixed order, so a replayed mdb_dbi_open yields the same handle (checked).
 *
 * After a replay every pointer into the old txn's pages or the old map is
 * gone: callers must not hold one across a stor_w_* call (table.c's delete
 * copies the row first). A txn whose log grew past STOR_WLOG_MAX bytes stops
 * logging; it gets 53100 on MDB_MAP_FULL, and the map is grown before the
 * next write txn (env.c).
 *
 * Interface (storage_int.h): stor_w_put, stor_w_del, stor_w_drop,
 * stor_w_open, stor_w_regrow, stor_w_replay.
 */
#include "storage_int.h"

#include <stdlib.h>
#include <string.h>

#include "../common/log.h"

#define STOR_WLOG_MAX ((size_t)256 << 20)

enum { W_PUT, W_DEL, W_DROP, W_OPEN };

struct StorWOp {
    uint8_t kind;
    unsigned flags;  /* put flags; drop: del */
    MDB_dbi dbi;
    void *k, *v;     /* in the txn ctx; W_OPEN: k is the name */
    size_t kl, vl;
};

static void wlog_add(StorTxn *t, int kind, MDB_dbi dbi, const void *k, size_t kl, const void *v,
                     size_t vl, unsigned flags)
{
    if (t->wlog_off) return;
    if (t->wlog_bytes + kl + vl + sizeof(StorWOp) > STOR_WLOG_MAX) {
        t->wlog_off = true; /* too big to keep a second copy of: no replay */
        return;
    }
    MemCtx *ctx = stor_txn_ctx(t);
    if (t->nwlog == t->wlog_cap) {
        int cap = t->wlog_cap ? t->wlog_cap * 2 : 64;
        t->wlog = mem_realloc(ctx, t->wlog, sizeof(StorWOp) * (size_t)t->wlog_cap,
                              sizeof(StorWOp) * (size_t)cap);
        t->wlog_cap = cap;
    }
    StorWOp *op = &t->wlog[t->nwlog++];
    op->kind = (uint8_t)kind;
    op->flags = flags;
    op->dbi = dbi;
    op->k = op->v = NULL;
    op->kl = kl;
    op->vl = vl;
    if (k) {
        op->k = mem_alloc(ctx, kl + 1);
        memcpy(op->k, k, kl);
        ((char *)op->k)[kl] = '\0';
    }
    if (v) {
        op->v = mem_alloc(ctx, vl ? vl : 1);
        if (vl) memcpy(op->v, v, vl);
    }
    t->wlog_bytes += kl + vl + sizeof(StorWOp);
}

/* The txn must be retried: MDB_MAP_FULL, a write txn, not given up. */
static bool retryable(StorTxn *t, int rc)
{
    return rc == MDB_MAP_FULL && t->write && !t->wlog_off && !t->dead;
}

int stor_w_put(StorTxn *t, MDB_dbi dbi, MDB_val *k, MDB_val *v, unsigned flags)
{
    if (t->dead) return MDB_BAD_TXN;
    MDB_val k0 = *k, v0 = *v;
    int rc = mdb_put(t->mdb, dbi, k, v, flags);
    if (retryable(t, rc) && stor_w_regrow(t) == 0) {
        *k = k0;
        *v = v0;
        rc = mdb_put(t->mdb, dbi, k, v, flags);
    }
    if (rc == 0) wlog_add(t, W_PUT, dbi, k0.mv_data, k0.mv_size, v0.mv_data, v0.mv_size, flags);
    return rc;
}

int stor_w_del(StorTxn *t, MDB_dbi dbi, MDB_val *k)
{
    if (t->dead) return MDB_BAD_TXN;
    MDB_val k0 = *k;
    int rc = mdb_del(t->mdb, dbi, k, NULL);
    if (retryable(t, rc) && stor_w_regrow(t) == 0) {
        *k = k0;
        rc = mdb_del(t->mdb, dbi, k, NULL);
    }
    if (rc == 0) wlog_add(t, W_DEL, dbi, k0.mv_data, k0.mv_size, NULL, 0, 0);
    return rc;
}

int stor_w_drop(StorTxn *t, MDB_dbi dbi, int del)
{
    if (t->dead) return MDB_BAD_TXN;
    int rc = mdb_drop(t->mdb, dbi, del);
    if (retryable(t, rc) && stor_w_regrow(t) == 0) rc = mdb_drop(t->mdb, dbi, del);
    if (rc == 0) wlog_add(t, W_DROP, dbi, NULL, 0, NULL, 0, (unsigned)del);
    return rc;
}

int stor_w_open(StorTxn *t, const char *name, MDB_dbi *out)
{
    if (t->dead) return MDB_BAD_TXN;
    int rc = mdb_dbi_open(t->mdb, name, MDB_CREATE, out);
    if (retryable(t, rc) && stor_w_regrow(t) == 0) rc = mdb_dbi_open(t->mdb, name, MDB_CREATE, out);
    if (rc == 0) wlog_add(t, W_OPEN, *out, name, strlen(name), NULL, 0, 0);
    return rc;
}

int stor_w_replay(StorTxn *t)
{
    for (int i = 0; i < t->nwlog; i++) {
        StorWOp *op = &t->wlog[i];
        MDB_val k = {op->kl, op->k}, v = {op->vl, op->v};
        MDB_dbi d;
        int rc;
        switch (op->kind) {
        case W_PUT: rc = mdb_put(t->mdb, op->dbi, &k, &v, op->flags); break;
        case W_DEL: rc = mdb_del(t->mdb, op->dbi, &k, NULL); break;
        case W_DROP: rc = mdb_drop(t->mdb, op->dbi, (int)op->flags); break;
        default:
            rc = mdb_dbi_open(t->mdb, op->k, MDB_CREATE, &d);
            if (rc == 0 && d != op->dbi) rc = MDB_BAD_DBI;
            break;
        }
        if (rc) {
            log_error("storage_replay_failed", "op=%d of=%d error=\"%s\"", i, t->nwlog,
                      mdb_strerror(rc));
            return rc;
        }
    }
    return 0;
}

int stor_w_regrow(StorTxn *t)
{
    StorEnv *env = t->env;
    /* The scans' cursors die with the txn; remember their databases. */
    for (StorScan *s = t->scans; s; s = s->next) s->cur = NULL;
    mdb_txn_abort(t->mdb);
    t->mdb = NULL;
    /* Let go of our own hold on the map so it can be remapped; the write
     * gate (still held) keeps every other writer out. */
    pthread_rwlock_unlock(&env->resize_lock);
    stor_env_grow(env, true);
    pthread_rwlock_rdlock(&env->resize_lock);
    int rc = mdb_txn_begin(env->mdb, NULL, 0, &t->mdb);
    if (rc == 0) rc = stor_w_replay(t);
    for (StorScan *s = t->scans; rc == 0 && s; s = s->next)
        if (!s->done) rc = mdb_cursor_open(t->mdb, s->dbi, &s->cur);
    stor_txn_bounds(t);
    if (rc == 0) {
        log_info("storage_txn_replayed", "writes=%d map_size=%zu", t->nwlog, env->map_size);
        return 0;
    }
    /* Could not rebuild the txn: leave an empty one that refuses to commit. */
    for (StorScan *s = t->scans; s; s = s->next) {
        if (s->cur) mdb_cursor_close(s->cur);
        s->cur = NULL;
        s->done = true;
    }
    if (t->mdb) mdb_txn_abort(t->mdb);
    t->mdb = NULL;
    t->dead = true;
    if (mdb_txn_begin(env->mdb, NULL, 0, &t->mdb) != 0) t->mdb = NULL;
    return -1;
}
