/*
 * kv.c — raw key/value access to a named database, for catalog/ (and any
 * other layer keeping its own records in storage).
 *
 * A database that does not exist reads as empty; stor_kv_put creates it
 * (inside the write transaction, so it disappears again if that aborts).
 *
 * Interface: stor_kv_get, stor_kv_put, stor_kv_del, stor_kv_scan_prefix
 * (storage.h).
 */
#include "storage_int.h"

#include <string.h>

static int kv_bad(OmError *err, const char *dbname, const void *key, size_t klen)
{
    char what[STOR_DBNAME_MAX + 32];
    snprintf(what, sizeof what, "storage database \"%s\"", dbname);
    return stor_bad_checksum(err, "record", what, key, klen);
}

static int kv_check_key(StorTxn *txn, size_t klen, OmError *err)
{
    if (klen == 0) return err_set(err, ERRCODE_INTERNAL_ERROR, "empty storage key");
    size_t max = stor_env_max_key(txn->env);
    if (klen > max)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                       "storage key of %zu bytes exceeds the maximum of %zu", klen, max);
    return 0;
}

static int kv_get(StorTxn *txn, const char *dbname, const void *key, size_t klen, MemCtx *ctx,
                void **val, size_t *vlen, OmError *err)
{
    if (kv_check_key(txn, klen, err) < 0) return -1;
    MDB_dbi dbi;
    int rc = stor_dbi_get(txn, dbname, false, &dbi, err);
    if (rc <= 0) return rc;
    MDB_val k = {klen, (void *)key}, v;
    rc = mdb_get(txn->mdb, dbi, &k, &v);
    if (rc == MDB_NOTFOUND) return 0;
    if (rc) return stor_mdb_error(err, rc, "could not read record");
    size_t plen;
    if (!stor_val_in_bounds(txn, v.mv_data, v.mv_size) ||
        stor_unseal(key, klen, v.mv_data, v.mv_size, &plen) < 0)
        return kv_bad(err, dbname, key, klen);
    if (val) {
        /* One extra NUL so text values can be used as C strings. */
        char *p = mem_alloc(ctx, plen + 1);
        memcpy(p, v.mv_data, plen);
        p[plen] = '\0';
        *val = p;
    }
    if (vlen) *vlen = plen;
    return 1;
}

static int kv_put(StorTxn *txn, const char *dbname, const void *key, size_t klen, const void *val,
                size_t vlen, OmError *err)
{
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "writing needs a write transaction");
    if (kv_check_key(txn, klen, err) < 0) return -1;
    MDB_dbi dbi;
    if (stor_dbi_get(txn, dbname, true, &dbi, err) < 0) return -1;
    OmBuf *sealed = stor_txn_buf(txn, 1);
    if (vlen) buf_append(sealed, val, vlen);
    stor_seal_append(sealed, key, klen, 0);
    MDB_val k = {klen, (void *)key}, v = {sealed->len, sealed->data};
    int rc = stor_w_put(txn, dbi, &k, &v, 0);
    if (rc) return stor_mdb_error(err, rc, "could not write record");
    return 0;
}

static int kv_del(StorTxn *txn, const char *dbname, const void *key, size_t klen, OmError *err)
{
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "deleting needs a write transaction");
    if (kv_check_key(txn, klen, err) < 0) return -1;
    MDB_dbi dbi;
    int rc = stor_dbi_get(txn, dbname, false, &dbi, err);
    if (rc <= 0) return rc;
    MDB_val k = {klen, (void *)key};
    rc = stor_w_del(txn, dbi, &k);
    if (rc && rc != MDB_NOTFOUND) return stor_mdb_error(err, rc, "could not delete record");
    return 0;
}

static int kv_scan_prefix(StorTxn *txn, const char *dbname, const void *prefix, size_t plen,
                        int (*fn)(void *arg, const void *k, size_t kl, const void *v, size_t vl),
                        void *arg, OmError *err)
{
    MDB_dbi dbi;
    int rc = stor_dbi_get(txn, dbname, false, &dbi, err);
    if (rc <= 0) return rc;
    MDB_cursor *cur;
    rc = mdb_cursor_open(txn->mdb, dbi, &cur);
    if (rc) return stor_mdb_error(err, rc, "could not open cursor");
    MDB_val k = {plen, (void *)prefix}, v;
    rc = plen ? mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE) : mdb_cursor_get(cur, &k, &v, MDB_FIRST);
    int ret = 0;
    while (rc == 0) {
        if (k.mv_size < plen || memcmp(k.mv_data, prefix, plen) != 0) break;
        size_t vl;
        if (!stor_val_in_bounds(txn, v.mv_data, v.mv_size) ||
            stor_unseal(k.mv_data, k.mv_size, v.mv_data, v.mv_size, &vl) < 0) {
            ret = kv_bad(err, dbname, k.mv_data, k.mv_size);
            break;
        }
        int r = fn(arg, k.mv_data, k.mv_size, v.mv_data, vl);
        if (r < 0) {
            ret = -1;
            break;
        }
        if (r > 0) break;
        rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT);
    }
    if (ret == 0 && rc && rc != MDB_NOTFOUND) ret = stor_mdb_error(err, rc, "could not scan records");
    mdb_cursor_close(cur);
    return ret;
}

int stor_kv_get(StorTxn *txn, const char *dbname, const void *key, size_t klen, MemCtx *ctx,
                void **val, size_t *vlen, OmError *err)
{
    const char *f = stor_fault_enter("kv_get");
    int rc = kv_get(txn, dbname, key, klen, ctx, val, vlen, err);
    stor_fault_leave(f);
    return rc;
}

int stor_kv_put(StorTxn *txn, const char *dbname, const void *key, size_t klen, const void *val,
                size_t vlen, OmError *err)
{
    const char *f = stor_fault_enter("kv_put");
    int rc = kv_put(txn, dbname, key, klen, val, vlen, err);
    stor_fault_leave(f);
    return rc;
}

int stor_kv_del(StorTxn *txn, const char *dbname, const void *key, size_t klen, OmError *err)
{
    const char *f = stor_fault_enter("kv_del");
    int rc = kv_del(txn, dbname, key, klen, err);
    stor_fault_leave(f);
    return rc;
}

int stor_kv_scan_prefix(StorTxn *txn, const char *dbname, const void *prefix, size_t plen,
                        int (*fn)(void *arg, const void *k, size_t kl, const void *v, size_t vl),
                        void *arg, OmError *err)
{
    const char *f = stor_fault_enter("kv_scan");
    int rc = kv_scan_prefix(txn, dbname, prefix, plen, fn, arg, err);
    stor_fault_leave(f);
    return rc;
}
