/*
 * cat_view.c — view records in the catalog.
 *
 * Key:    "view/" db NUL schema NUL name
 * Record: u8 version (1) | u32 oid | u16 ncols | per column: u16 name
 *         length, name bytes, u32 type oid, i32 typmod | u16 ndeps | u32
 *         oid per relation the query reads | the query's text (to the
 *         end) — integers big-endian.
 * The query is stored as SQL (deparsed from the parse tree at CREATE VIEW)
 * and bound again at each use; its columns are fixed at creation, as in
 * PostgreSQL (a later `SELECT *` expansion cannot change them), and the
 * relations it reads cannot be dropped while it exists (DROP ... CASCADE
 * drops it with them).
 */
#include <string.h>

#include "catalog.h"

#define VIEW_KEY "view/"
#define VIEW_REC_VERSION 1

static void view_key(OmBuf *k, const char *db, const char *name)
{
    buf_append_str(k, VIEW_KEY);
    buf_append(k, db, strlen(db) + 1);
    buf_append(k, "public", strlen("public") + 1);
    if (name) buf_append_str(k, name);
}

static void put_be(OmBuf *b, uint64_t v, int n)
{
    uint8_t t[8];
    for (int i = 0; i < n; i++) t[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    buf_append(b, t, (size_t)n);
}

typedef struct Reader {
    const uint8_t *p;
    size_t len, off;
    bool bad;
} Reader;

static uint64_t get_be(Reader *r, int n)
{
    if (r->off + (size_t)n > r->len) {
        r->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | r->p[r->off + (size_t)i];
    r->off += (size_t)n;
    return v;
}

static int decode(const void *data, size_t len, MemCtx *ctx, const char *db, const char *name, CatView **out,
                  OmError *err)
{
    Reader r = {data, len, 0, false};
    CatView *v = mem_new(ctx, CatView);
    if (get_be(&r, 1) != VIEW_REC_VERSION) r.bad = true;
    v->oid = (uint32_t)get_be(&r, 4);
    v->ncols = (int)get_be(&r, 2);
    v->colnames = mem_new_array(ctx, char *, v->ncols ? v->ncols : 1);
    v->coltypes = mem_new_array(ctx, OmType, v->ncols ? v->ncols : 1);
    for (int i = 0; i < v->ncols && !r.bad; i++) {
        size_t nl = (size_t)get_be(&r, 2);
        if (r.off + nl > r.len) {
            r.bad = true;
            break;
        }
        v->colnames[i] = mem_strndup(ctx, (const char *)r.p + r.off, nl);
        r.off += nl;
        int t = type_from_oid((uint32_t)get_be(&r, 4));
        if (t < 0) r.bad = true;
        v->coltypes[i] = om_type(t < 0 ? OM_T_TEXT : (OmTypeId)t);
        v->coltypes[i].typmod = (int32_t)(uint32_t)get_be(&r, 4);
    }
    v->ndeps = (int)get_be(&r, 2);
    v->deps = mem_new_array(ctx, uint32_t, v->ndeps ? v->ndeps : 1);
    for (int i = 0; i < v->ndeps; i++) v->deps[i] = (uint32_t)get_be(&r, 4);
    if (r.bad) return err_set(err, ERRCODE_DATA_CORRUPTED, "corrupt catalog record for view \"%s\"", name);
    v->query = mem_strndup(ctx, (const char *)r.p + r.off, r.len - r.off);
    v->dbname = mem_strdup(ctx, db);
    v->schema = mem_strdup(ctx, "public");
    v->name = mem_strdup(ctx, name);
    *out = v;
    return 0;
}

int cat_view_lookup(StorTxn *txn, MemCtx *ctx, const char *db, const char *name, CatView **out, OmError *err)
{
    OmBuf k;
    buf_init(&k, ctx, 64);
    view_key(&k, db, name);
    void *val;
    size_t vl;
    int rc = stor_kv_get(txn, "catalog", k.data, k.len, ctx, &val, &vl, err);
    if (rc <= 0) return rc;
    return decode(val, vl, ctx, db, name, out, err) < 0 ? -1 : 1;
}

int cat_view_put(StorTxn *txn, MemCtx *ctx, CatView *v, OmError *err)
{
    if (!v->oid && stor_next_oid(txn, &v->oid, err) < 0) return -1;
    OmBuf b;
    buf_init(&b, ctx, 256);
    put_be(&b, VIEW_REC_VERSION, 1);
    put_be(&b, v->oid, 4);
    put_be(&b, (uint64_t)v->ncols, 2);
    for (int i = 0; i < v->ncols; i++) {
        size_t nl = strlen(v->colnames[i]);
        put_be(&b, nl, 2);
        buf_append(&b, v->colnames[i], nl);
        put_be(&b, type_oid(v->coltypes[i].id), 4);
        put_be(&b, (uint32_t)v->coltypes[i].typmod, 4);
    }
    put_be(&b, (uint64_t)v->ndeps, 2);
    for (int i = 0; i < v->ndeps; i++) put_be(&b, v->deps[i], 4);
    buf_append(&b, v->query, strlen(v->query));
    OmBuf k;
    buf_init(&k, ctx, 64);
    view_key(&k, v->dbname, v->name);
    return stor_kv_put(txn, "catalog", k.data, k.len, b.data, b.len, err);
}

int cat_view_drop(StorTxn *txn, const CatView *v, OmError *err)
{
    MemCtx *ctx = mem_ctx_create(NULL, "view-drop");
    OmBuf k;
    buf_init(&k, ctx, 64);
    view_key(&k, v->dbname, v->name);
    int rc = stor_kv_del(txn, "catalog", k.data, k.len, err);
    mem_ctx_delete(ctx);
    return rc < 0 ? -1 : 0;
}

typedef struct DepScan {
    MemCtx *ctx;
    const char *db;
    size_t plen;
    uint32_t oid;
    CatView **out;
    int n, cap;
    OmError *err;
} DepScan;

static int dep_cb(void *arg, const void *k, size_t kl, const void *val, size_t vl)
{
    DepScan *ds = arg;
    char *name = mem_strndup(ds->ctx, (const char *)k + ds->plen, kl - ds->plen);
    CatView *v;
    if (decode(val, vl, ds->ctx, ds->db, name, &v, ds->err) < 0) return -1;
    bool uses = false;
    for (int i = 0; i < v->ndeps; i++) uses |= v->deps[i] == ds->oid;
    if (!uses) return 0;
    if (ds->n == ds->cap) {
        int nc = ds->cap ? ds->cap * 2 : 4;
        ds->out = mem_realloc(ds->ctx, ds->out, sizeof(*ds->out) * (size_t)ds->cap, sizeof(*ds->out) * (size_t)nc);
        ds->cap = nc;
    }
    ds->out[ds->n++] = v;
    return 0;
}

int cat_view_dependents(StorTxn *txn, MemCtx *ctx, const char *db, uint32_t oid, CatView ***out, int *n,
                        OmError *err)
{
    OmBuf k;
    buf_init(&k, ctx, 64);
    view_key(&k, db, NULL);
    DepScan ds = {.ctx = ctx, .db = db, .plen = k.len, .oid = oid, .err = err};
    if (stor_kv_scan_prefix(txn, "catalog", k.data, k.len, dep_cb, &ds, err) < 0) return -1;
    *out = ds.out;
    *n = ds.n;
    return 0;
}
