/*
 * scan.c — full-table scans in primary-key order, a batch at a time.
 *
 * The executor's scan operator opens a scan in the statement's transaction
 * and calls stor_scan_next until it returns 0; each call decodes up to
 * OM_BATCH_SIZE rows into the batch.
 *
 * Interface: stor_scan_open, stor_scan_next, stor_scan_close (storage.h).
 *
 * Lifetime: the scan lives in the caller's ctx. Its LMDB cursor is closed by
 * whichever comes first: stor_scan_close, the reset of ctx (cleanup
 * callback), or the end of the transaction (stor_txn_commit / abort close
 * the cursors of all open scans). Each of these leaves the others no-ops.
 *
 * Each call re-positions the cursor just after the last key it returned, so
 * rows deleted or inserted by the same write transaction between calls
 * (DELETE driven by this scan) never confuse it.
 */
#include "storage_int.h"

#include <string.h>

static void scan_release(StorScan *s)
{
    if (!s->txn) return;
    if (s->cur) mdb_cursor_close(s->cur);
    s->cur = NULL;
    stor_txn_remove_scan(s->txn, s);
    s->txn = NULL;
}

static void scan_cleanup(void *arg)
{
    scan_release(arg);
}

int stor_scan_open(StorTxn *txn, const StorTableDesc *t, MemCtx *ctx, StorScan **out,
                   OmError *err)
{
    *out = NULL;
    char name[STOR_DBNAME_MAX];
    MDB_dbi dbi;
    stor_name_table(name, t->oid);
    int rc = stor_dbi_get(txn, name, false, &dbi, err);
    if (rc < 0) return -1;
    if (rc == 0)
        return err_set(err, ERRCODE_UNDEFINED_TABLE, "storage for table %u does not exist", t->oid);
    MDB_cursor *cur;
    rc = mdb_cursor_open(txn->mdb, dbi, &cur);
    if (rc) return stor_mdb_error(err, rc, "could not open scan");
    StorScan *s = mem_new(ctx, StorScan);
    s->txn = txn;
    s->cur = cur;
    s->dbi = dbi;
    s->ctx = ctx;
    s->oid = t->oid;
    s->name = t->name ? mem_strdup(ctx, t->name) : NULL;
    s->ncols = t->ncols;
    s->types = mem_new_array(ctx, OmPhysType, t->ncols > 0 ? t->ncols : 1);
    if (t->ncols) memcpy(s->types, t->types, sizeof(OmPhysType) * (size_t)t->ncols);
    s->datums = mem_new_array(ctx, StorDatum, t->ncols > 0 ? t->ncols : 1);
    buf_init(&s->last_key, ctx, 64);
    stor_txn_add_scan(txn, s);
    mem_on_reset(ctx, scan_cleanup, s);
    *out = s;
    return 0;
}

void stor_scan_range(StorScan *s, const StorRange *r)
{
    s->has_lo = r->has_lo;
    s->lo_skip_prefix = r->lo_skip_prefix;
    s->has_hi = r->has_hi;
    s->hi_prefix = r->hi_prefix;
    buf_init(&s->lo, s->ctx, r->lo.len + 1);
    buf_init(&s->hi, s->ctx, r->hi.len + 1);
    if (r->has_lo) buf_append(&s->lo, r->lo.ptr, r->lo.len);
    if (r->has_hi) buf_append(&s->hi, r->hi.ptr, r->hi.len);
}

static bool has_prefix(const MDB_val *k, const OmBuf *p)
{
    return k->mv_size >= p->len && memcmp(k->mv_data, p->data, p->len) == 0;
}

/* Is k past the range's end? */
static bool past_hi(const StorScan *s, const MDB_val *k)
{
    if (!s->has_hi) return false;
    if (s->hi_prefix && has_prefix(k, &s->hi)) return false;
    size_t n = k->mv_size < s->hi.len ? k->mv_size : s->hi.len;
    int c = memcmp(k->mv_data, s->hi.data, n);
    return c > 0 || (c == 0 && k->mv_size >= s->hi.len);
}

/* The first key of the range: 0 ok, MDB_NOTFOUND when there is none. */
static int range_first(StorScan *s, MDB_val *k, MDB_val *v)
{
    if (!s->has_lo) return mdb_cursor_get(s->cur, k, v, MDB_FIRST);
    k->mv_size = s->lo.len;
    k->mv_data = s->lo.data;
    int rc = mdb_cursor_get(s->cur, k, v, MDB_SET_RANGE);
    while (rc == 0 && s->lo_skip_prefix && has_prefix(k, &s->lo)) rc = mdb_cursor_get(s->cur, k, v, MDB_NEXT);
    return rc;
}

/* Position on the first row not yet returned: 0 ok, MDB_NOTFOUND at end. */
static int scan_position(StorScan *s, MDB_val *k, MDB_val *v)
{
    if (!s->started) return range_first(s, k, v);
    k->mv_size = s->last_key.len;
    k->mv_data = s->last_key.data;
    int rc = mdb_cursor_get(s->cur, k, v, MDB_SET_RANGE);
    if (rc) return rc;
    if (k->mv_size == s->last_key.len && memcmp(k->mv_data, s->last_key.data, k->mv_size) == 0)
        rc = mdb_cursor_get(s->cur, k, v, MDB_NEXT);
    return rc;
}

static int scan_next(StorScan *s, OmBatch *b, OmError *err)
{
    om_batch_clear(b);
    if (s->done) return 0;
    if (!s->txn || !s->cur)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "scan used after it was closed");
    if (b->ncols != s->ncols)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "batch has %d columns, table has %d",
                       b->ncols, s->ncols);
    if (stor_batch_check(b, s->ncols, s->types, err) < 0) return -1;

    MDB_val k, v;
    int rc = scan_position(s, &k, &v);
    int n = 0;
    while (rc == 0) {
        if (past_hi(s, &k)) {
            rc = MDB_NOTFOUND;
            break;
        }
        size_t plen;
        if (!stor_val_in_bounds(s->txn, v.mv_data, v.mv_size) ||
            stor_unseal(k.mv_data, k.mv_size, v.mv_data, v.mv_size, &plen) < 0)
            return stor_bad_row(err, s->oid, s->name, k.mv_data, k.mv_size);
        if (stor_row_parse(v.mv_data, plen, s->ncols, s->types, s->datums, err) < 0)
            return -1;
        for (int c = 0; c < s->ncols; c++) stor_datum_to_batch(b, n, c, &s->datums[c]);
        if (b->keys) {
            char *p = mem_alloc(b->var_ctx, k.mv_size);
            memcpy(p, k.mv_data, k.mv_size);
            b->keys[n].ptr = p;
            b->keys[n].len = (uint32_t)k.mv_size;
        }
        n++;
        if (n == OM_BATCH_SIZE) break;
        rc = mdb_cursor_get(s->cur, &k, &v, MDB_NEXT);
    }
    if (rc && rc != MDB_NOTFOUND) return stor_mdb_error(err, rc, "could not read table");
    if (rc == MDB_NOTFOUND) s->done = true;
    if (n > 0) {
        buf_reset(&s->last_key);
        buf_append(&s->last_key, k.mv_data, k.mv_size);
        s->started = true;
    }
    b->count = n;
    return n;
}

int stor_scan_next(StorScan *s, OmBatch *b, OmError *err)
{
    const char *f = stor_fault_enter("scan");
    int rc = scan_next(s, b, err);
    stor_fault_leave(f);
    return rc;
}

void stor_scan_close(StorScan *s)
{
    if (!s) return;
    scan_release(s);
    s->done = true;
}

int stor_table_rows(StorTxn *txn, const StorTableDesc *t, uint64_t *out, OmError *err)
{
    *out = 0;
    char name[STOR_DBNAME_MAX];
    MDB_dbi dbi;
    stor_name_table(name, t->oid);
    int rc = stor_dbi_get(txn, name, false, &dbi, err);
    if (rc <= 0) return rc;
    MDB_stat st;
    if ((rc = mdb_stat(txn->mdb, dbi, &st))) return stor_mdb_error(err, rc, "could not count rows");
    *out = st.ms_entries;
    return 0;
}
