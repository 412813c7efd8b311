/*
 * table.c — table access by key: create and drop a table's databases,
 * insert a row (primary key / hidden row id, UNIQUE constraints), delete a
 * row by key, point lookup.
 *
 * Called by the catalog (create/drop) and the executor (insert, delete,
 * get) inside a StorTxn; full scans are in scan.c.
 *
 * Interface: stor_table_create, stor_table_drop, stor_table_insert,
 * stor_table_delete, stor_table_get (storage.h).
 *
 * Invariants: for every row in "t<oid>" whose UNIQUE constraint n has no
 * NULL column, "u<oid>_<n>" maps the encoded constraint columns to the row's
 * key, and every entry there points at such a row. Insert keeps this even
 * when it fails part-way (what it wrote is taken back).
 */
#include "storage_int.h"

#include <string.h>

/* ---- create / drop ---- */

static int table_create(StorTxn *txn, const StorTableDesc *t, OmError *err)
{
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "creating a table needs a write transaction");
    char name[STOR_DBNAME_MAX];
    MDB_dbi dbi;
    stor_name_table(name, t->oid);
    int found = stor_dbi_get(txn, name, false, &dbi, err);
    if (found < 0) return -1;
    if (found)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "storage for table %u already exists", t->oid);
    if (stor_dbi_get(txn, name, true, &dbi, err) < 0) return -1;
    for (int n = 0; n < t->nuniq; n++) {
        stor_name_unique(name, t->oid, n);
        if (stor_dbi_get(txn, name, true, &dbi, err) < 0) return -1;
    }
    return 0;
}

static int table_drop(StorTxn *txn, const StorTableDesc *t, OmError *err)
{
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "dropping a table needs a write transaction");
    char name[STOR_DBNAME_MAX];
    stor_name_table(name, t->oid);
    if (stor_dbi_drop(txn, name, err) < 0) return -1;
    for (int n = 0; n < t->nuniq; n++) {
        stor_name_unique(name, t->oid, n);
        if (stor_dbi_drop(txn, name, err) < 0) return -1;
    }
    if (t->npk == 0 && stor_rowid_forget(txn, t->oid, err) < 0) return -1;
    return 0;
}

/* The databases of a table: rows, then one per UNIQUE constraint. */
static int table_dbis(StorTxn *txn, const StorTableDesc *t, MDB_dbi *rows, MDB_dbi *uniq,
                      OmError *err)
{
    char name[STOR_DBNAME_MAX];
    stor_name_table(name, t->oid);
    int rc = stor_dbi_get(txn, name, false, rows, err);
    if (rc < 0) return -1;
    if (rc == 0)
        return err_set(err, ERRCODE_UNDEFINED_TABLE, "storage for table %u does not exist", t->oid);
    for (int n = 0; uniq && n < t->nuniq; n++) {
        stor_name_unique(name, t->oid, n);
        rc = stor_dbi_get(txn, name, false, &uniq[n], err);
        if (rc < 0) return -1;
        if (rc == 0)
            return err_set(err, ERRCODE_UNDEFINED_OBJECT,
                           "storage for unique constraint %d of table %u does not exist", n,
                           t->oid);
    }
    return 0;
}

/* ---- insert ---- */

/* 23505 in PostgreSQL's words:
 *   duplicate key value violates unique constraint "users_pkey"
 *   Key (id)=(1) already exists.                                        */
static int dup_error(StorTxn *txn, const StorTableDesc *t, const StorNames *names, int which,
                     int ncols, const int *cols, const OmBatch *b, int row, OmError *err)
{
    const char *cname = NULL;
    char fallback[STOR_DBNAME_MAX + 8];
    if (names) cname = which < 0 ? names->pk_name : names->uniq_names ? names->uniq_names[which] : NULL;
    if (!cname) {
        if (which < 0) snprintf(fallback, sizeof fallback, "t%u_pkey", t->oid);
        else stor_name_unique(fallback, t->oid, which);
        cname = fallback;
    }
    err_set(err, ERRCODE_UNIQUE_VIOLATION, "duplicate key value violates unique constraint \"%s\"",
            cname);
    if (!names || !names->col_names || !names->render) return -1;
    OmBuf *d = stor_txn_buf(txn, 2);
    buf_append_str(d, "Key (");
    for (int i = 0; i < ncols; i++) {
        if (i) buf_append_str(d, ", ");
        buf_append_str(d, names->col_names[cols[i]]);
    }
    buf_append_str(d, ")=(");
    for (int i = 0; i < ncols; i++) {
        if (i) buf_append_str(d, ", ");
        if (om_vec_is_null(&b->cols[cols[i]], row)) {
            buf_append_str(d, "null");
            continue;
        }
        char val[OM_ERR_MSG_MAX];
        val[0] = '\0';
        names->render(names->render_arg, cols[i], b, row, val, sizeof val);
        buf_append_str(d, val);
    }
    buf_append_str(d, ") already exists.");
    err_detail(err, "%s", d->data);
    return -1;
}

static int key_too_long(const StorTableDesc *t, const StorNames *names, int which, size_t len,
                        size_t max, OmError *err)
{
    const char *cname = names ? (which < 0 ? names->pk_name
                                           : names->uniq_names ? names->uniq_names[which] : NULL)
                              : NULL;
    err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED,
            "index row size %zu exceeds maximum %zu for index \"%s\"", len, max,
            cname ? cname : "(unnamed)");
    err_hint(err, "Values larger than the key limit cannot be indexed.");
    (void)t;
    return -1;
}

static bool any_null(const StorDatum *d, const StorUnique *u)
{
    for (int i = 0; i < u->ncols; i++)
        if (d[u->cols[i]].isnull) return true;
    return false;
}

static int table_insert(StorTxn *txn, const StorTableDesc *t, const StorNames *names,
                        const OmBatch *b, int row, OmError *err)
{
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "inserting needs a write transaction");
    if (row < 0 || row >= OM_BATCH_SIZE)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "row %d outside the batch", row);
    if (stor_batch_check(b, t->ncols, t->types, err) < 0) return -1;
    MDB_dbi rows, usmall[8];
    MDB_dbi *udbi = t->nuniq <= 8 ? usmall
                                  : mem_new_array(stor_txn_ctx(txn), MDB_dbi, t->nuniq);
    if (table_dbis(txn, t, &rows, udbi, err) < 0) return -1;

    StorDatum *d = stor_txn_datums(txn, t->ncols);
    for (int c = 0; c < t->ncols; c++) stor_datum_from_batch(b, row, c, &d[c]);

    size_t max_key = stor_env_max_key(txn->env);
    OmBuf *key = stor_txn_buf(txn, 0);
    if (t->npk > 0) {
        for (int i = 0; i < t->npk; i++) stor_key_append_kind(key, t->types[t->pk_cols[i]], STOR_KIND(t, t->pk_cols[i]), &d[t->pk_cols[i]]);
        if (key->len > max_key) return key_too_long(t, names, -1, key->len, max_key, err);
    } else {
        uint64_t id;
        if (stor_rowid_next(txn, t->oid, &id, err) < 0) return -1;
        stor_key_append_rowid(key, id);
    }
    OmBuf *val = stor_txn_buf(txn, 1);
    stor_row_append(val, t->ncols, t->types, d);
    stor_seal_append(val, key->data, key->len, 0);

    MDB_val k = {key->len, key->data}, v = {val->len, val->data};
    /* Row ids only grow, so a keyless table's rows can be appended. */
    unsigned flags = t->npk > 0 ? MDB_NOOVERWRITE : MDB_NOOVERWRITE | MDB_APPEND;
    int rc = stor_w_put(txn, rows, &k, &v, flags);
    if (rc == MDB_KEYEXIST && t->npk > 0)
        return dup_error(txn, t, names, -1, t->npk, t->pk_cols, b, row, err);
    if (rc == MDB_KEYEXIST)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "hidden row id of table %u reused", t->oid);
    if (rc) return stor_mdb_error(err, rc, "could not insert row");

    /* UNIQUE constraints: rows with a NULL in the constraint are not indexed
     * (NULLs are distinct, as in PostgreSQL). */
    OmBuf *ukey = stor_txn_buf(txn, 2);
    int n;
    for (n = 0; n < t->nuniq; n++) {
        const StorUnique *u = &t->uniq[n];
        if (any_null(d, u)) continue;
        buf_reset(ukey);
        for (int i = 0; i < u->ncols; i++) stor_key_append_kind(ukey, t->types[u->cols[i]], STOR_KIND(t, u->cols[i]), &d[u->cols[i]]);
        if (ukey->len > max_key) {
            key_too_long(t, names, n, ukey->len, max_key, err);
            break;
        }
        /* The entry's value: the row key, sealed under the entry's key. */
        uint8_t uvb[STOR_UVAL_MAX];
        memcpy(uvb, key->data, key->len);
        uint32_t c = stor_seal_crc(ukey->data, ukey->len, uvb, key->len);
        for (int i = 0; i < 4; i++) uvb[key->len + (size_t)i] = (uint8_t)(c >> (8 * i));
        MDB_val uk = {ukey->len, ukey->data}, uv = {key->len + STOR_SEAL_SIZE, uvb};
        rc = stor_w_put(txn, udbi[n], &uk, &uv, MDB_NOOVERWRITE);
        if (rc == MDB_KEYEXIST) {
            dup_error(txn, t, names, n, u->ncols, u->cols, b, row, err);
            break;
        }
        if (rc) {
            stor_mdb_error(err, rc, "could not insert unique index entry");
            break;
        }
    }
    if (n == t->nuniq) return 0;

    /* Take back what this insert wrote (entries 0..n-1 and the row). The
     * key buffer still holds the row key; ukey is rebuilt per entry. */
    for (int j = 0; j < n; j++) {
        const StorUnique *u = &t->uniq[j];
        if (any_null(d, u)) continue;
        buf_reset(ukey);
        for (int i = 0; i < u->ncols; i++) stor_key_append_kind(ukey, t->types[u->cols[i]], STOR_KIND(t, u->cols[i]), &d[u->cols[i]]);
        MDB_val uk = {ukey->len, ukey->data};
        rc = stor_w_del(txn, udbi[j], &uk);
        if (rc) return -1; /* txn is unusable now; the caller aborts it */
    }
    k.mv_size = key->len;
    k.mv_data = key->data;
    stor_w_del(txn, rows, &k);
    return -1;
}

/* ---- delete ---- */

static int table_delete(StorTxn *txn, const StorTableDesc *t, OmStr key, OmError *err)
{
    if (!txn->write)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "deleting needs a write transaction");
    if (key.len == 0) return 0;
    MDB_dbi rows, usmall[8];
    MDB_dbi *udbi = t->nuniq <= 8 ? usmall
                                  : mem_new_array(stor_txn_ctx(txn), MDB_dbi, t->nuniq);
    if (table_dbis(txn, t, &rows, udbi, err) < 0) return -1;
    MDB_val k = {key.len, (void *)key.ptr}, v;
    int rc = mdb_get(txn->mdb, rows, &k, &v);
    if (rc == MDB_NOTFOUND) return 0;
    if (rc) return stor_mdb_error(err, rc, "could not read row");

    size_t plen;
    if (!stor_val_in_bounds(txn, v.mv_data, v.mv_size) ||
        stor_unseal(key.ptr, key.len, v.mv_data, v.mv_size, &plen) < 0)
        return stor_bad_row(err, t->oid, t->name, key.ptr, key.len);
    if (t->nuniq > 0) {
        /* A copy: a delete below may replay the txn on a grown map
         * (wlog.c), which moves every page v points into. */
        void *row = mem_alloc(stor_txn_ctx(txn), plen ? plen : 1);
        memcpy(row, v.mv_data, plen);
        StorDatum *d = stor_txn_datums(txn, t->ncols);
        if (stor_row_parse(row, plen, t->ncols, t->types, d, err) < 0) return -1;
        OmBuf *ukey = stor_txn_buf(txn, 2);
        for (int n = 0; n < t->nuniq; n++) {
            const StorUnique *u = &t->uniq[n];
            if (any_null(d, u)) continue;
            buf_reset(ukey);
            for (int i = 0; i < u->ncols; i++)
                stor_key_append_kind(ukey, t->types[u->cols[i]], STOR_KIND(t, u->cols[i]), &d[u->cols[i]]);
            MDB_val uk = {ukey->len, ukey->data}, uv;
            rc = mdb_get(txn->mdb, udbi[n], &uk, &uv);
            if (rc == MDB_NOTFOUND) continue;
            if (rc) return stor_mdb_error(err, rc, "could not read unique index entry");
            size_t ulen;
            if (!stor_val_in_bounds(txn, uv.mv_data, uv.mv_size) ||
                stor_unseal(uk.mv_data, uk.mv_size, uv.mv_data, uv.mv_size, &ulen) < 0) {
                char what[200];
                if (t->name)
                    snprintf(what, sizeof what, "unique index %d of table \"%.128s\"", n, t->name);
                else
                    snprintf(what, sizeof what, "unique index %d of table %u", n, t->oid);
                return stor_bad_checksum(err, "index entry", what, uk.mv_data, uk.mv_size);
            }
            /* Only remove the entry if it is this row's. */
            if (ulen != key.len || memcmp(uv.mv_data, key.ptr, key.len) != 0) continue;
            rc = stor_w_del(txn, udbi[n], &uk);
            if (rc) return stor_mdb_error(err, rc, "could not delete unique index entry");
        }
    }
    rc = stor_w_del(txn, rows, &k);
    if (rc == MDB_NOTFOUND) return 0;
    if (rc) return stor_mdb_error(err, rc, "could not delete row");
    return 1;
}

/* ---- point lookup ---- */

static int table_get(StorTxn *txn, const StorTableDesc *t, OmStr key, OmBatch *b, OmError *err)
{
    if (b->count >= OM_BATCH_SIZE)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "batch is full");
    if (stor_batch_check(b, t->ncols, t->types, err) < 0) return -1;
    if (key.len == 0) return 0;
    MDB_dbi rows;
    if (table_dbis(txn, t, &rows, NULL, err) < 0) return -1;
    MDB_val k = {key.len, (void *)key.ptr}, v;
    int rc = mdb_get(txn->mdb, rows, &k, &v);
    if (rc == MDB_NOTFOUND) return 0;
    if (rc) return stor_mdb_error(err, rc, "could not read row");
    size_t plen;
    if (!stor_val_in_bounds(txn, v.mv_data, v.mv_size) ||
        stor_unseal(key.ptr, key.len, v.mv_data, v.mv_size, &plen) < 0)
        return stor_bad_row(err, t->oid, t->name, key.ptr, key.len);
    StorDatum *d = stor_txn_datums(txn, t->ncols);
    if (stor_row_parse(v.mv_data, plen, t->ncols, t->types, d, err) < 0) return -1;
    int row = b->count;
    for (int c = 0; c < t->ncols; c++) stor_datum_to_batch(b, row, c, &d[c]);
    if (b->keys) {
        char *p = mem_alloc(b->var_ctx, key.len);
        memcpy(p, key.ptr, key.len);
        b->keys[row].ptr = p;
        b->keys[row].len = key.len;
    }
    b->count++;
    return 1;
}

int stor_table_create(StorTxn *txn, const StorTableDesc *t, OmError *err)
{
    const char *f = stor_fault_enter("create");
    int rc = table_create(txn, t, err);
    stor_fault_leave(f);
    return rc;
}

int stor_table_drop(StorTxn *txn, const StorTableDesc *t, OmError *err)
{
    const char *f = stor_fault_enter("drop");
    int rc = table_drop(txn, t, err);
    stor_fault_leave(f);
    return rc;
}

int stor_table_insert(StorTxn *txn, const StorTableDesc *t, const StorNames *names,
                      const OmBatch *b, int row, OmError *err)
{
    const char *f = stor_fault_enter("insert");
    int rc = table_insert(txn, t, names, b, row, err);
    stor_fault_leave(f);
    return rc;
}

int stor_table_delete(StorTxn *txn, const StorTableDesc *t, OmStr key, OmError *err)
{
    const char *f = stor_fault_enter("delete");
    int rc = table_delete(txn, t, key, err);
    stor_fault_leave(f);
    return rc;
}

int stor_table_get(StorTxn *txn, const StorTableDesc *t, OmStr key, OmBatch *b, OmError *err)
{
    const char *f = stor_fault_enter("get");
    int rc = table_get(txn, t, key, b, err);
    stor_fault_leave(f);
    return rc;
}
