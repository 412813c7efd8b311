/*
 * catalog.c — roles, databases and tables, kept as records in the "catalog"
 * LMDB database, read and written inside the caller's storage transaction
 * (so a CREATE TABLE's record and its storage commit or vanish together).
 *
 * The session checks logins here; the binder looks tables up; DDL creates
 * and drops them. Records are versioned binary encodings; the decoder
 * validates every field (a bad record is XX001, never a crash).
 *
 * Interface: cat_bootstrap, cat_role_exists, cat_database_exists,
 * cat_table_lookup, cat_table_create, cat_table_drop, cat_table_list,
 * cat_table_fill_desc, cat_table_encode, cat_table_decode (catalog.h).
 */
#include "catalog.h"

#include <stdio.h>
#include <string.h>

#include "../common/buf.h"

#define CAT_DB "catalog"
#define CAT_SCHEMA "public"
#define CAT_RECORD_VERSION 2   /* 1: no default expressions or identity columns */
#define CAT_MAX_COLS 1600  /* PostgreSQL's MaxHeapAttributeNumber */
#define CAT_NAME_MAX 63    /* NAMEDATALEN - 1 */

/* Bootstrap objects keep PostgreSQL's fixed oids. */
#define CAT_OID_ROLE_POSTGRES 10
#define CAT_OID_DB_POSTGRES 5

#define ROLE_SUPERUSER 0x01
#define ROLE_LOGIN 0x02

#define COL_NOT_NULL 0x01
#define COL_HAS_DEFAULT 0x02
#define COL_DEFAULT_TEXT 0x04
#define COL_DEFAULT_EXPR 0x08   /* v2: a default expression's SQL text follows */
#define COL_IDENTITY 0x10       /* v2: identity kind byte ('a'/'d') and sequence oid follow */

/* ---- keys ----
 *   role/<name>
 *   db/<name>
 *   table/<db>\0<schema>\0<name>
 * NUL separates the parts of a table key: identifiers may contain '/', never
 * NUL, so a database's prefix never matches another database's keys. */

static void key_role(OmBuf *k, const char *role)
{
    buf_append_str(k, "role/");
    buf_append_str(k, role);
}

static void key_db(OmBuf *k, const char *db)
{
    buf_append_str(k, "db/");
    buf_append_str(k, db);
}

static void key_table_prefix(OmBuf *k, const char *db, const char *schema)
{
    buf_append_str(k, "table/");
    buf_append(k, db, strlen(db) + 1);
    buf_append(k, schema, strlen(schema) + 1);
}

static void key_table(OmBuf *k, const char *db, const char *schema, const char *name)
{
    key_table_prefix(k, db, schema);
    buf_append_str(k, name);
}

/* ---- encoding ---- */

static void put_str(OmBuf *b, const char *s)
{
    size_t n = strlen(s);
    buf_append_be32(b, (uint32_t)n);
    buf_append(b, s, n);
}

int cat_table_encode(const CatTable *t, MemCtx *ctx, void **out, size_t *outlen)
{
    if (!t->dbname || !t->schema || !t->name || t->ncols < 0 || t->ncols > CAT_MAX_COLS ||
        t->npk < 0 || t->npk > t->ncols || t->nuniq < 0 || t->nuniq > 0xFFFF ||
        (t->npk > 0 && !t->pk_name))
        return -1;
    OmBuf b;
    buf_init(&b, ctx, 256);
    buf_append_u8(&b, CAT_RECORD_VERSION);
    buf_append_be32(&b, t->oid);
    put_str(&b, t->dbname);
    put_str(&b, t->schema);
    put_str(&b, t->name);
    buf_append_be16(&b, (uint16_t)t->ncols);
    for (int i = 0; i < t->ncols; i++) {
        const CatColumn *c = &t->cols[i];
        if (!c->name) return -1;
        put_str(&b, c->name);
        buf_append_be32(&b, type_oid(c->type.id));
        buf_append_be32(&b, (uint32_t)c->type.typmod);
        uint8_t flags = (c->not_null ? COL_NOT_NULL : 0) | (c->has_default ? COL_HAS_DEFAULT : 0) |
                        (c->default_text ? COL_DEFAULT_TEXT : 0) | (c->default_expr ? COL_DEFAULT_EXPR : 0) |
                        (c->identity ? COL_IDENTITY : 0);
        buf_append_u8(&b, flags);
        if (c->default_text) put_str(&b, c->default_text);
        if (c->default_expr) put_str(&b, c->default_expr);
        if (c->identity) {
            buf_append_u8(&b, (uint8_t)c->identity);
            buf_append_be32(&b, c->identity_seq);
        }
    }
    buf_append_be16(&b, (uint16_t)t->npk);
    for (int i = 0; i < t->npk; i++) buf_append_be16(&b, (uint16_t)t->pk_cols[i]);
    buf_append_u8(&b, t->pk_name ? 1 : 0);
    if (t->pk_name) put_str(&b, t->pk_name);
    buf_append_be16(&b, (uint16_t)t->nuniq);
    for (int u = 0; u < t->nuniq; u++) {
        const CatUnique *q = &t->uniq[u];
        if (!q->name || q->ncols <= 0 || q->ncols > t->ncols) return -1;
        put_str(&b, q->name);
        buf_append_be16(&b, (uint16_t)q->ncols);
        for (int i = 0; i < q->ncols; i++) buf_append_be16(&b, (uint16_t)q->cols[i]);
    }
    *out = b.data;
    *outlen = b.len;
    return 0;
}

/* ---- decoding ---- */

typedef struct Reader {
    const uint8_t *p, *end;
    MemCtx *ctx;
    OmError *err;
    bool bad;
} Reader;

static void rd_fail(Reader *r, const char *why)
{
    if (r->bad) return;
    r->bad = true;
    err_set(r->err, ERRCODE_DATA_CORRUPTED, "catalog record is corrupted");
    err_detail(r->err, "%s.", why);
}

static bool rd_need(Reader *r, size_t n)
{
    if (r->bad) return false;
    if ((size_t)(r->end - r->p) < n) {
        rd_fail(r, "record is truncated");
        return false;
    }
    return true;
}

static uint8_t rd_u8(Reader *r)
{
    if (!rd_need(r, 1)) return 0;
    return *r->p++;
}

static uint16_t rd_u16(Reader *r)
{
    if (!rd_need(r, 2)) return 0;
    uint16_t v = (uint16_t)(r->p[0] << 8 | r->p[1]);
    r->p += 2;
    return v;
}

static uint32_t rd_u32(Reader *r)
{
    if (!rd_need(r, 4)) return 0;
    uint32_t v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 |
                 r->p[3];
    r->p += 4;
    return v;
}

/* A length-prefixed string without NUL bytes; nonempty unless allow_empty. */
static char *rd_str(Reader *r, bool allow_empty)
{
    uint32_t n = rd_u32(r);
    if (!rd_need(r, n)) return NULL;
    if (n == 0 && !allow_empty) {
        rd_fail(r, "empty name");
        return NULL;
    }
    if (n && memchr(r->p, 0, n)) {
        rd_fail(r, "NUL byte in a string");
        return NULL;
    }
    char *s = mem_strndup(r->ctx, (const char *)r->p, n);
    r->p += n;
    return s;
}

static bool col_type_ok(OmTypeId id)
{
    return (id >= OM_T_BOOL && id <= OM_T_BPCHAR) || (id >= OM_T_DATE && id < OM_T__COUNT && id != OM_T_VOID);
}

int cat_table_decode(const void *p, size_t len, MemCtx *ctx, CatTable **out, OmError *err)
{
    Reader r = {p, (const uint8_t *)p + len, ctx, err, false};
    CatTable *t = mem_new(ctx, CatTable);
    uint8_t version = rd_u8(&r);
    if ((version < 1 || version > CAT_RECORD_VERSION) && !r.bad) rd_fail(&r, "unknown record version");
    t->oid = rd_u32(&r);
    t->dbname = rd_str(&r, false);
    t->schema = rd_str(&r, false);
    t->name = rd_str(&r, false);
    t->ncols = rd_u16(&r);
    if (t->ncols > CAT_MAX_COLS) rd_fail(&r, "too many columns");
    if (r.bad) return -1;
    t->cols = mem_new_array(ctx, CatColumn, t->ncols > 0 ? t->ncols : 1);
    for (int i = 0; i < t->ncols && !r.bad; i++) {
        CatColumn *c = &t->cols[i];
        c->name = rd_str(&r, false);
        uint32_t oid = rd_u32(&r);
        c->type.typmod = (int32_t)rd_u32(&r);
        uint8_t flags = rd_u8(&r);
        if (r.bad) break;
        int id = type_from_oid(oid);
        if (id < 0 || !col_type_ok((OmTypeId)id)) {
            rd_fail(&r, "unknown column type");
            break;
        }
        c->type.id = (OmTypeId)id;
        if (c->type.typmod < -1) rd_fail(&r, "bad type modifier");
        uint8_t known = COL_NOT_NULL | COL_HAS_DEFAULT | COL_DEFAULT_TEXT;
        if (version >= 2) known |= COL_DEFAULT_EXPR | COL_IDENTITY;
        if (flags & ~known) rd_fail(&r, "bad column flags");
        if ((flags & COL_DEFAULT_EXPR) && !(flags & COL_HAS_DEFAULT)) rd_fail(&r, "default expression without a default");
        if ((flags & COL_DEFAULT_TEXT) && !(flags & COL_HAS_DEFAULT))
            rd_fail(&r, "default text without a default");
        c->not_null = flags & COL_NOT_NULL;
        c->has_default = flags & COL_HAS_DEFAULT;
        if (flags & COL_DEFAULT_TEXT) c->default_text = rd_str(&r, true);
        if (flags & COL_DEFAULT_EXPR) c->default_expr = rd_str(&r, false);
        if (flags & COL_IDENTITY) {
            c->identity = (char)rd_u8(&r);
            c->identity_seq = rd_u32(&r);
            if (!r.bad && c->identity != 'a' && c->identity != 'd') rd_fail(&r, "bad identity kind");
        }
    }
    t->npk = rd_u16(&r);
    if (!r.bad && t->npk > t->ncols) rd_fail(&r, "primary key has more columns than the table");
    if (r.bad) return -1;
    t->pk_cols = mem_new_array(ctx, int, t->npk > 0 ? t->npk : 1);
    for (int i = 0; i < t->npk && !r.bad; i++) {
        t->pk_cols[i] = rd_u16(&r);
        if (!r.bad && t->pk_cols[i] >= t->ncols) rd_fail(&r, "primary key column out of range");
        for (int j = 0; j < i && !r.bad; j++)
            if (t->pk_cols[j] == t->pk_cols[i]) rd_fail(&r, "primary key column repeated");
    }
    uint8_t has_pk_name = rd_u8(&r);
    if (!r.bad && has_pk_name > 1) rd_fail(&r, "bad primary key name flag");
    if (has_pk_name) t->pk_name = rd_str(&r, false);
    if (!r.bad && t->npk > 0 && !t->pk_name) rd_fail(&r, "primary key without a name");
    t->nuniq = rd_u16(&r);
    if (r.bad) return -1;
    t->uniq = mem_new_array(ctx, CatUnique, t->nuniq > 0 ? t->nuniq : 1);
    for (int u = 0; u < t->nuniq && !r.bad; u++) {
        CatUnique *q = &t->uniq[u];
        q->name = rd_str(&r, false);
        q->ncols = rd_u16(&r);
        if (r.bad) break;
        if (q->ncols == 0 || q->ncols > t->ncols) {
            rd_fail(&r, "bad unique constraint column count");
            break;
        }
        q->cols = mem_new_array(ctx, int, q->ncols);
        for (int i = 0; i < q->ncols && !r.bad; i++) {
            q->cols[i] = rd_u16(&r);
            if (!r.bad && q->cols[i] >= t->ncols) rd_fail(&r, "unique column out of range");
        }
    }
    if (!r.bad && r.p != r.end) rd_fail(&r, "trailing bytes");
    if (r.bad) return -1;
    cat_table_fill_desc(ctx, t);
    *out = t;
    return 0;
}

void cat_table_fill_desc(MemCtx *ctx, CatTable *t)
{
    OmPhysType *types = mem_new_array(ctx, OmPhysType, t->ncols > 0 ? t->ncols : 1);
    for (int i = 0; i < t->ncols; i++) types[i] = type_phys(t->cols[i].type.id);
    StorUnique *uniq = mem_new_array(ctx, StorUnique, t->nuniq > 0 ? t->nuniq : 1);
    for (int u = 0; u < t->nuniq; u++) {
        uniq[u].ncols = t->uniq[u].ncols;
        uniq[u].cols = t->uniq[u].cols;
    }
    t->desc.oid = t->oid;
    t->desc.name = t->name;
    t->desc.ncols = t->ncols;
    t->desc.types = types;
    t->desc.npk = t->npk;
    t->desc.pk_cols = t->pk_cols;
    t->desc.nuniq = t->nuniq;
    t->desc.uniq = uniq;
    /* numeric keys compare as numbers (1 = 1.0), not as their text; timetz
     * keys by UTC time and zone, not as an interval. */
    uint8_t *kinds = mem_new_array(ctx, uint8_t, t->ncols > 0 ? t->ncols : 1);
    for (int i = 0; i < t->ncols; i++)
        kinds[i] = t->cols[i].type.id == OM_T_NUMERIC  ? STOR_KEY_NUMERIC
                   : t->cols[i].type.id == OM_T_TIMETZ ? STOR_KEY_TIMETZ
                                                       : STOR_KEY_BYTES;
    t->desc.key_kinds = kinds;
}

/* ---- roles and databases ---- */

static bool record_exists(StorTxn *txn, OmBuf *key)
{
    OmError e = {0};
    return stor_kv_get(txn, CAT_DB, key->data, key->len, NULL, NULL, NULL, &e) == 1;
}

bool cat_role_exists(StorTxn *txn, const char *role)
{
    MemCtx *ctx = mem_ctx_create(NULL, "cat-tmp");
    OmBuf k;
    buf_init(&k, ctx, 64);
    key_role(&k, role);
    bool found = record_exists(txn, &k);
    mem_ctx_delete(ctx);
    return found;
}

bool cat_database_exists(StorTxn *txn, const char *db)
{
    MemCtx *ctx = mem_ctx_create(NULL, "cat-tmp");
    OmBuf k;
    buf_init(&k, ctx, 64);
    key_db(&k, db);
    bool found = record_exists(txn, &k);
    mem_ctx_delete(ctx);
    return found;
}

/* role record: u8 version | u32 oid | u8 flags
 * db record:   u8 version | u32 oid | str owner */
int cat_bootstrap(StorEnv *env, OmError *err)
{
    StorTxn *txn;
    if (stor_txn_begin(env, true, &txn, err) < 0) return -1;
    MemCtx *ctx = mem_ctx_create(NULL, "cat-bootstrap");
    OmBuf k, v;
    buf_init(&k, ctx, 64);
    buf_init(&v, ctx, 64);
    key_role(&k, "postgres");
    int rc = stor_kv_get(txn, CAT_DB, k.data, k.len, NULL, NULL, NULL, err);
    if (rc == 0) {
        buf_append_u8(&v, CAT_RECORD_VERSION);
        buf_append_be32(&v, CAT_OID_ROLE_POSTGRES);
        buf_append_u8(&v, ROLE_SUPERUSER | ROLE_LOGIN);
        rc = stor_kv_put(txn, CAT_DB, k.data, k.len, v.data, v.len, err);
        if (rc == 0) {
            buf_reset(&k);
            buf_reset(&v);
            key_db(&k, "postgres");
            buf_append_u8(&v, CAT_RECORD_VERSION);
            buf_append_be32(&v, CAT_OID_DB_POSTGRES);
            put_str(&v, "postgres");
            rc = stor_kv_put(txn, CAT_DB, k.data, k.len, v.data, v.len, err);
        }
    }
    mem_ctx_delete(ctx);
    if (rc < 0) {
        stor_txn_abort(txn);
        return -1;
    }
    return stor_txn_commit(txn, err);
}

/* ---- tables ---- */

int cat_table_lookup(StorTxn *txn, MemCtx *ctx, const char *db, const char *name, CatTable **out,
                     OmError *err)
{
    *out = NULL;
    OmBuf k;
    buf_init(&k, ctx, 128);
    key_table(&k, db, CAT_SCHEMA, name);
    void *val;
    size_t vlen;
    int rc = stor_kv_get(txn, CAT_DB, k.data, k.len, ctx, &val, &vlen, err);
    if (rc <= 0) return rc;
    if (cat_table_decode(val, vlen, ctx, out, err) < 0) return -1;
    return 1;
}

/* PostgreSQL's makeObjectName: name1[_name2]_label, shortening the longer
 * of name1 / name2 (on a UTF-8 character boundary) until it fits in 63. */
static char *object_name(MemCtx *ctx, const char *name1, const char *name2, const char *label)
{
    size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;
    size_t overhead = strlen(label) + 1 + (name2 ? 1 : 0);
    while (n1 + n2 + overhead > CAT_NAME_MAX) {
        if (n1 > n2) {
            n1--;
            while (n1 > 0 && ((uint8_t)name1[n1] & 0xC0) == 0x80) n1--;
        } else {
            n2--;
            while (n2 > 0 && ((uint8_t)name2[n2] & 0xC0) == 0x80) n2--;
        }
    }
    if (name2) return mem_printf(ctx, "%.*s_%.*s_%s", (int)n1, name1, (int)n2, name2, label);
    return mem_printf(ctx, "%.*s_%s", (int)n1, name1, label);
}

static bool name_taken(const CatTable *t, const char *name, int upto_uniq)
{
    if (t->pk_name && strcmp(t->pk_name, name) == 0) return true;
    for (int u = 0; u < upto_uniq; u++)
        if (t->uniq[u].name && strcmp(t->uniq[u].name, name) == 0) return true;
    return false;
}

/* Default constraint names as PostgreSQL chooses them: <table>_pkey,
 * <table>_<col>[_<col>...]_key, with a number appended on a clash. */
static void default_names(MemCtx *ctx, CatTable *t)
{
    if (t->npk > 0 && !t->pk_name) t->pk_name = object_name(ctx, t->name, NULL, "pkey");
    for (int u = 0; u < t->nuniq; u++) {
        CatUnique *q = &t->uniq[u];
        if (q->name) continue;
        OmBuf cols;
        buf_init(&cols, ctx, 64);
        for (int i = 0; i < q->ncols; i++) {
            if (i) buf_append_char(&cols, '_');
            buf_append_str(&cols, t->cols[q->cols[i]].name);
        }
        char *base = object_name(ctx, t->name, cols.data, "key");
        char *name = base;
        for (int pass = 1; name_taken(t, name, u); pass++) {
            char label[16];
            snprintf(label, sizeof label, "key%d", pass);
            name = object_name(ctx, t->name, cols.data, label);
        }
        q->name = name;
    }
}

static int table_check(const CatTable *t, OmError *err)
{
    if (!t->dbname || !t->name || !t->name[0])
        return err_set(err, ERRCODE_INTERNAL_ERROR, "table has no name");
    if (t->ncols < 0 || t->ncols > CAT_MAX_COLS)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "tables can have at most %d columns",
                       CAT_MAX_COLS);
    for (int i = 0; i < t->ncols; i++) {
        if (!t->cols[i].name || !t->cols[i].name[0])
            return err_set(err, ERRCODE_INTERNAL_ERROR, "column %d has no name", i + 1);
        if (!col_type_ok(t->cols[i].type.id))
            return err_set(err, ERRCODE_INTERNAL_ERROR, "column \"%s\" has no storable type",
                           t->cols[i].name);
    }
    for (int i = 0; i < t->ncols; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(t->cols[i].name, t->cols[j].name) == 0)
                return err_set(err, ERRCODE_DUPLICATE_COLUMN, "column \"%s\" specified more than once",
                               t->cols[i].name);
    if (t->npk < 0 || t->npk > t->ncols)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "bad primary key");
    for (int i = 0; i < t->npk; i++) {
        if (t->pk_cols[i] < 0 || t->pk_cols[i] >= t->ncols)
            return err_set(err, ERRCODE_INTERNAL_ERROR, "primary key column out of range");
        for (int j = 0; j < i; j++)
            if (t->pk_cols[j] == t->pk_cols[i])
                return err_set(err, ERRCODE_DUPLICATE_COLUMN,
                               "column \"%s\" appears twice in primary key constraint",
                               t->cols[t->pk_cols[i]].name);
    }
    if (t->nuniq < 0 || t->nuniq > 0xFFFF)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "bad unique constraints");
    for (int u = 0; u < t->nuniq; u++) {
        const CatUnique *q = &t->uniq[u];
        if (q->ncols <= 0 || q->ncols > t->ncols)
            return err_set(err, ERRCODE_INTERNAL_ERROR, "bad unique constraint");
        for (int i = 0; i < q->ncols; i++) {
            if (q->cols[i] < 0 || q->cols[i] >= t->ncols)
                return err_set(err, ERRCODE_INTERNAL_ERROR, "unique column out of range");
            for (int j = 0; j < i; j++)
                if (q->cols[j] == q->cols[i])
                    return err_set(err, ERRCODE_DUPLICATE_COLUMN,
                                   "column \"%s\" appears twice in unique constraint",
                                   t->cols[q->cols[i]].name);
        }
    }
    return 0;
}

int cat_table_create(StorTxn *txn, MemCtx *ctx, CatTable *t, OmError *err)
{
    if (!stor_txn_is_write(txn))
        return err_set(err, ERRCODE_INTERNAL_ERROR, "creating a table needs a write transaction");
    if (table_check(t, err) < 0) return -1;
    if (!t->schema) t->schema = mem_strdup(ctx, CAT_SCHEMA);
    OmBuf k;
    buf_init(&k, ctx, 128);
    key_table(&k, t->dbname, t->schema, t->name);
    int rc = stor_kv_get(txn, CAT_DB, k.data, k.len, NULL, NULL, NULL, err);
    if (rc < 0) return -1;
    if (rc == 1) return err_set(err, ERRCODE_DUPLICATE_TABLE, "relation \"%s\" already exists", t->name);
    CatSequence *seq;
    rc = cat_seq_lookup(txn, ctx, t->dbname, t->name, &seq, err);
    if (rc < 0) return -1;
    if (rc == 1) return err_set(err, ERRCODE_DUPLICATE_TABLE, "relation \"%s\" already exists", t->name);
    if (stor_next_oid(txn, &t->oid, err) < 0) return -1;
    default_names(ctx, t);
    cat_table_fill_desc(ctx, t);
    if (stor_table_create(txn, &t->desc, err) < 0) return -1;
    void *rec;
    size_t reclen;
    if (cat_table_encode(t, ctx, &rec, &reclen) < 0)
        return err_set(err, ERRCODE_INTERNAL_ERROR, "could not encode table \"%s\"", t->name);
    return stor_kv_put(txn, CAT_DB, k.data, k.len, rec, reclen, err);
}

int cat_table_drop(StorTxn *txn, const CatTable *t, OmError *err)
{
    if (!stor_txn_is_write(txn))
        return err_set(err, ERRCODE_INTERNAL_ERROR, "dropping a table needs a write transaction");
    MemCtx *ctx = mem_ctx_create(NULL, "cat-drop");
    /* Describe the storage from the record itself, not from a desc the
     * caller may not have filled. */
    CatTable copy = *t;
    cat_table_fill_desc(ctx, &copy);
    OmBuf k;
    buf_init(&k, ctx, 128);
    key_table(&k, t->dbname, t->schema ? t->schema : CAT_SCHEMA, t->name);
    int rc = stor_kv_get(txn, CAT_DB, k.data, k.len, NULL, NULL, NULL, err);
    if (rc == 0) rc = err_set(err, ERRCODE_UNDEFINED_TABLE, "table \"%s\" does not exist", t->name);
    if (rc > 0) rc = stor_table_drop(txn, &copy.desc, err);
    if (rc == 0) rc = stor_kv_del(txn, CAT_DB, k.data, k.len, err);
    if (rc >= 0) rc = cat_stats_drop(txn, t->dbname, t->oid, err);
    mem_ctx_delete(ctx);
    return rc < 0 ? -1 : 0;
}

typedef struct ListState {
    MemCtx *ctx;
    size_t plen;
    char **names;
    int n, cap;
} ListState;

static int list_one(void *arg, const void *k, size_t kl, const void *v, size_t vl)
{
    ListState *s = arg;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 16;
        s->names = mem_realloc(s->ctx, s->names, sizeof(char *) * (size_t)s->cap,
                               sizeof(char *) * (size_t)cap);
        s->cap = cap;
    }
    s->names[s->n++] = mem_strndup(s->ctx, (const char *)k + s->plen, kl - s->plen);
    return 0;
}

int cat_table_list(StorTxn *txn, MemCtx *ctx, const char *db, char ***names, int *n, OmError *err)
{
    OmBuf k;
    buf_init(&k, ctx, 128);
    key_table_prefix(&k, db, CAT_SCHEMA);
    ListState s = {ctx, k.len, NULL, 0, 0};
    if (stor_kv_scan_prefix(txn, CAT_DB, k.data, k.len, list_one, &s, err) < 0) return -1;
    *names = s.names;
    *n = s.n;
    return 0;
}

int cat_database_list(StorTxn *txn, MemCtx *ctx, char ***names, int *n, OmError *err)
{
    OmBuf k;
    buf_init(&k, ctx, 16);
    buf_append_str(&k, "db/");
    ListState s = {ctx, k.len, NULL, 0, 0};
    if (stor_kv_scan_prefix(txn, CAT_DB, k.data, k.len, list_one, &s, err) < 0) return -1;
    *names = s.names;
    *n = s.n;
    return 0;
}
