/*
 * cat_sequence.c — sequence records in the catalog.
 *
 * Key:    "seq/" db NUL schema NUL name
 * Record: u8 version (1) | u32 oid | u32 type oid | i64 increment | i64 min |
 *         i64 max | i64 start | i64 cache | u8 cycle | u32 owner table |
 *         i16 owner column — all big-endian; exactly 60 bytes.
 * The counter itself is storage's (stor_seq_*): creating or dropping a
 * sequence is transactional, its values are not (as in PostgreSQL).
 */
#include <string.h>

#include "catalog.h"

#define SEQ_KEY "seq/"
#define SEQ_REC_VERSION 1
#define SEQ_REC_LEN 60

static void seq_key(OmBuf *k, const char *db, const char *schema, const char *name)
{
    buf_append_str(k, SEQ_KEY);
    buf_append(k, db, strlen(db) + 1);
    buf_append(k, schema, strlen(schema) + 1);
    if (name) buf_append_str(k, name);
}

static uint64_t get_be(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

static int decode(const uint8_t *p, size_t len, MemCtx *ctx, const char *db, const char *name, CatSequence **out,
                  OmError *err)
{
    if (len != SEQ_REC_LEN || p[0] != SEQ_REC_VERSION)
        return err_set(err, ERRCODE_DATA_CORRUPTED, "corrupt catalog record for sequence \"%s\"", name);
    CatSequence *s = mem_new(ctx, CatSequence);
    s->oid = (uint32_t)get_be(p + 1, 4);
    int t = type_from_oid((uint32_t)get_be(p + 5, 4));
    s->increment = (int64_t)get_be(p + 9, 8);
    s->min = (int64_t)get_be(p + 17, 8);
    s->max = (int64_t)get_be(p + 25, 8);
    s->start = (int64_t)get_be(p + 33, 8);
    s->cache = (int64_t)get_be(p + 41, 8);
    s->cycle = p[49] != 0;
    s->owner_table = (uint32_t)get_be(p + 50, 4);
    s->owner_col = (int16_t)get_be(p + 54, 2);
    if (t != OM_T_INT2 && t != OM_T_INT4 && t != OM_T_INT8)
        return err_set(err, ERRCODE_DATA_CORRUPTED, "corrupt catalog record for sequence \"%s\"", name);
    s->type = (OmTypeId)t;
    s->dbname = mem_strdup(ctx, db);
    s->schema = mem_strdup(ctx, "public");
    s->name = mem_strdup(ctx, name);
    *out = s;
    return 0;
}

int cat_seq_lookup(StorTxn *txn, MemCtx *ctx, const char *db, const char *name, CatSequence **out, OmError *err)
{
    OmBuf k;
    buf_init(&k, ctx, 64);
    seq_key(&k, db, "public", name);
    void *v;
    size_t vl;
    int rc = stor_kv_get(txn, "catalog", k.data, k.len, ctx, &v, &vl, err);
    if (rc <= 0) return rc;
    return decode(v, vl, ctx, db, name, out, err) < 0 ? -1 : 1;
}

int cat_relation_exists(StorTxn *txn, MemCtx *ctx, const char *db, const char *name, OmError *err)
{
    CatTable *t;
    int rc = cat_table_lookup(txn, ctx, db, name, &t, err);
    if (rc != 0) return rc;
    CatSequence *s;
    rc = cat_seq_lookup(txn, ctx, db, name, &s, err);
    if (rc != 0) return rc;
    CatView *v;
    return cat_view_lookup(txn, ctx, db, name, &v, err);
}

static int put_record(StorTxn *txn, MemCtx *ctx, const CatSequence *s, OmError *err);

int cat_seq_create(StorTxn *txn, MemCtx *ctx, CatSequence *s, OmError *err)
{
    int rc = cat_relation_exists(txn, ctx, s->dbname, s->name, err);
    if (rc < 0) return -1;
    if (rc == 1) return err_set(err, ERRCODE_DUPLICATE_TABLE, "relation \"%s\" already exists", s->name);
    if (stor_next_oid(txn, &s->oid, err) < 0) return -1;
    return put_record(txn, ctx, s, err);
}

int cat_seq_update(StorTxn *txn, MemCtx *ctx, const CatSequence *s, OmError *err)
{
    return put_record(txn, ctx, s, err);
}

static int put_record(StorTxn *txn, MemCtx *ctx, const CatSequence *s, OmError *err)
{
    uint8_t rec[SEQ_REC_LEN] = {SEQ_REC_VERSION};
    uint64_t fields[] = {s->oid, type_oid(s->type), (uint64_t)s->increment, (uint64_t)s->min, (uint64_t)s->max,
                         (uint64_t)s->start, (uint64_t)s->cache};
    static const int widths[] = {4, 4, 8, 8, 8, 8, 8};
    int off = 1;
    for (int f = 0; f < 7; f++)
        for (int i = widths[f] - 1; i >= 0; i--) rec[off++] = (uint8_t)(fields[f] >> (8 * i));
    rec[off++] = s->cycle ? 1 : 0;
    for (int i = 3; i >= 0; i--) rec[off++] = (uint8_t)(s->owner_table >> (8 * i));
    rec[off++] = (uint8_t)((uint16_t)s->owner_col >> 8);
    rec[off++] = (uint8_t)s->owner_col;
    OmBuf k;
    buf_init(&k, ctx, 64);
    seq_key(&k, s->dbname, "public", s->name);
    return stor_kv_put(txn, "catalog", k.data, k.len, rec, sizeof rec, err);
}

int cat_seq_drop(StorTxn *txn, const CatSequence *s, OmError *err)
{
    MemCtx *ctx = mem_ctx_create(NULL, "seq-drop");
    OmBuf k;
    buf_init(&k, ctx, 64);
    seq_key(&k, s->dbname, "public", s->name);
    int rc = stor_kv_del(txn, "catalog", k.data, k.len, err);
    mem_ctx_delete(ctx);
    return rc < 0 ? -1 : 0;
}

typedef struct OwnedScan {
    MemCtx *ctx;
    const char *db;
    size_t plen;
    uint32_t table;
    CatSequence **out;
    int n, cap;
    OmError *err;
} OwnedScan;

static int owned_cb(void *arg, const void *k, size_t kl, const void *v, size_t vl)
{
    OwnedScan *os = arg;
    char *name = mem_strndup(os->ctx, (const char *)k + os->plen, kl - os->plen);
    CatSequence *s;
    if (decode(v, vl, os->ctx, os->db, name, &s, os->err) < 0) return -1;
    if (s->owner_table != os->table) return 0;
    if (os->n == os->cap) {
        int nc = os->cap ? os->cap * 2 : 4;
        os->out = mem_realloc(os->ctx, os->out, sizeof(*os->out) * (size_t)os->cap, sizeof(*os->out) * (size_t)nc);
        os->cap = nc;
    }
    os->out[os->n++] = s;
    return 0;
}

int cat_seq_list_owned(StorTxn *txn, MemCtx *ctx, const char *db, uint32_t table_oid, CatSequence ***out, int *n,
                       OmError *err)
{
    OmBuf k;
    buf_init(&k, ctx, 64);
    seq_key(&k, db, "public", NULL);
    OwnedScan os = {.ctx = ctx, .db = db, .plen = k.len, .table = table_oid, .err = err};
    if (stor_kv_scan_prefix(txn, "catalog", k.data, k.len, owned_cb, &os, err) < 0) return -1;
    *out = os.out;
    *n = os.n;
    return 0;
}

void cat_seq_def(const CatSequence *s, StorSeqDef *def)
{
    def->oid = s->oid;
    def->name = s->name;
    def->increment = s->increment;
    def->min = s->min;
    def->max = s->max;
    def->start = s->start;
    def->cycle = s->cycle;
}
