/*
 * test_catalog.c — the catalog (catalog/catalog.c) and the table access
 * under it (storage/env.c, table.c, scan.c, kv.c) on a real LMDB
 * environment in a fresh temporary directory per test:
 *   bootstrap, table create / lookup / list / drop, persistence across
 *   close + reopen, record encoding and its validation, oids, hidden row
 *   ids, primary key and UNIQUE violations with PostgreSQL's exact text,
 *   delete, point lookup, scans in batches, scan lifetimes, aborted DDL,
 *   and a full storage map (grown, or 53100 while a reader pins it).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "storage/storage.h"

#define MAP_SIZE (64u * 1024 * 1024)

typedef struct Fix {
    char dir[64];
    StorEnv *env;
    MemCtx *ctx;
    OmError err;
} Fix;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    return remove(path);
}

static int setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/omendb-test-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    /* A subdirectory that does not exist yet: stor_env_open creates it. */
    strcat(f->dir, "/data");
    if (stor_env_open(f->dir, MAP_SIZE, &f->env, &f->err) < 0) return -1;
    if (cat_bootstrap(f->env, &f->err) < 0) return -1;
    f->ctx = mem_ctx_create(NULL, "test");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    mem_ctx_delete(f->ctx);
    stor_env_close(f->env);
    char *slash = strrchr(f->dir, '/');
    *slash = '\0';
    nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

static void reopen(Fix *f)
{
    stor_env_close(f->env);
    f->env = NULL;
    assert_int_equal(stor_env_open(f->dir, MAP_SIZE, &f->env, &f->err), 0);
}

static StorTxn *begin(Fix *f, bool write)
{
    StorTxn *t = NULL;
    assert_int_equal(stor_txn_begin(f->env, write, &t, &f->err), 0);
    assert_non_null(t);
    assert_int_equal(stor_txn_is_write(t), write);
    return t;
}

static void commit(Fix *f, StorTxn *t)
{
    int rc = stor_txn_commit(t, &f->err);
    if (rc) fprintf(stderr, "commit: %s %s\n", f->err.sqlstate, f->err.message);
    assert_int_equal(rc, 0);
}

/* ---- table definitions ---- */

static CatColumn col(MemCtx *ctx, const char *name, OmTypeId t, int32_t typmod, bool not_null)
{
    CatColumn c = {0};
    c.name = mem_strdup(ctx, name);
    c.type.id = t;
    c.type.typmod = typmod;
    c.not_null = not_null;
    return c;
}

/* users(id int4 primary key, name text unique, email varchar(50) not null
 *       default 'x@y', score float8) */
static CatTable *users_def(MemCtx *ctx)
{
    CatTable *t = mem_new(ctx, CatTable);
    t->dbname = mem_strdup(ctx, "postgres");
    t->name = mem_strdup(ctx, "users");
    t->ncols = 4;
    t->cols = mem_new_array(ctx, CatColumn, 4);
    t->cols[0] = col(ctx, "id", OM_T_INT4, -1, true);
    t->cols[1] = col(ctx, "name", OM_T_TEXT, -1, false);
    t->cols[2] = col(ctx, "email", OM_T_VARCHAR, 50, true);
    t->cols[2].has_default = true;
    t->cols[2].default_text = mem_strdup(ctx, "x@y");
    t->cols[3] = col(ctx, "score", OM_T_FLOAT8, -1, false);
    t->cols[3].has_default = true; /* DEFAULT NULL */
    t->npk = 1;
    t->pk_cols = mem_new_array(ctx, int, 1);
    t->pk_cols[0] = 0;
    t->nuniq = 1;
    t->uniq = mem_new_array(ctx, CatUnique, 1);
    t->uniq[0].ncols = 1;
    t->uniq[0].cols = mem_new_array(ctx, int, 1);
    t->uniq[0].cols[0] = 1;
    return t;
}

static CatTable *create_table(Fix *f, CatTable *t)
{
    StorTxn *tx = begin(f, true);
    int rc = cat_table_create(tx, f->ctx, t, &f->err);
    if (rc) fprintf(stderr, "create: %s %s\n", f->err.sqlstate, f->err.message);
    assert_int_equal(rc, 0);
    commit(f, tx);
    return t;
}

/* ---- batches and rendering ---- */

static OmBatch *batch_for(Fix *f, const CatTable *t, bool keys)
{
    return om_batch_create(f->ctx, t->desc.ncols, t->desc.types, keys);
}

static void set_i32(OmBatch *b, int col, int row, int32_t v)
{
    ((int32_t *)b->cols[col].data)[row] = v;
    om_vec_set_null(&b->cols[col], row, false);
}

static void set_i64(OmBatch *b, int col, int row, int64_t v)
{
    ((int64_t *)b->cols[col].data)[row] = v;
    om_vec_set_null(&b->cols[col], row, false);
}

static void set_f64(OmBatch *b, int col, int row, double v)
{
    ((double *)b->cols[col].data)[row] = v;
    om_vec_set_null(&b->cols[col], row, false);
}

static void set_str(OmBatch *b, int col, int row, const char *s)
{
    if (!s) {
        om_vec_set_null(&b->cols[col], row, true);
        return;
    }
    ((OmStr *)b->cols[col].data)[row] = (OmStr){mem_strdup(b->var_ctx, s), (uint32_t)strlen(s)};
    om_vec_set_null(&b->cols[col], row, false);
}

static void users_row(OmBatch *b, int row, int32_t id, const char *name, const char *email)
{
    set_i32(b, 0, row, id);
    set_str(b, 1, row, name);
    set_str(b, 2, row, email);
    set_f64(b, 3, row, id * 1.5);
    if (row >= b->count) b->count = row + 1;
}

static void render(void *arg, int col, const OmBatch *b, int row, char *out, size_t outsize)
{
    const OmVector *v = &b->cols[col];
    switch (v->phys) {
    case OM_PHYS_I32: snprintf(out, outsize, "%" PRId32, ((int32_t *)v->data)[row]); break;
    case OM_PHYS_I64: snprintf(out, outsize, "%" PRId64, ((int64_t *)v->data)[row]); break;
    case OM_PHYS_STR: {
        OmStr s = ((OmStr *)v->data)[row];
        snprintf(out, outsize, "%.*s", (int)s.len, s.ptr);
        break;
    }
    default: snprintf(out, outsize, "?");
    }
}

static StorNames names_for(const CatTable *t, MemCtx *ctx)
{
    StorNames n = {0};
    n.pk_name = t->pk_name;
    const char **u = mem_new_array(ctx, const char *, t->nuniq + 1);
    for (int i = 0; i < t->nuniq; i++) u[i] = t->uniq[i].name;
    n.uniq_names = u;
    const char **c = mem_new_array(ctx, const char *, t->ncols);
    for (int i = 0; i < t->ncols; i++) c[i] = t->cols[i].name;
    n.col_names = c;
    n.render = render;
    return n;
}

static int insert(Fix *f, StorTxn *tx, const CatTable *t, const OmBatch *b, int row)
{
    StorNames n = names_for(t, f->ctx);
    err_clear(&f->err);
    return stor_table_insert(tx, &t->desc, &n, b, row, &f->err);
}

/* Count the rows of t with a fresh scan; ids (column 0, int4) into ids. */
static int scan_count(Fix *f, StorTxn *tx, const CatTable *t, int32_t *ids, int max)
{
    MemCtx *sctx = mem_ctx_create(f->ctx, "scan");
    StorScan *s;
    assert_int_equal(stor_scan_open(tx, &t->desc, sctx, &s, &f->err), 0);
    OmBatch *b = om_batch_create(sctx, t->desc.ncols, t->desc.types, true);
    int total = 0, n;
    while ((n = stor_scan_next(s, b, &f->err)) > 0) {
        for (int i = 0; i < n; i++) {
            if (ids && total < max) ids[total] = ((int32_t *)b->cols[0].data)[i];
            total++;
        }
    }
    assert_int_equal(n, 0);
    mem_ctx_delete(sctx); /* closes the scan through its cleanup */
    return total;
}

/* ---- tests: bootstrap and catalog ---- */

static void test_bootstrap(void **state)
{
    Fix *f = *state;
    StorTxn *tx = begin(f, false);
    assert_true(cat_role_exists(tx, "postgres"));
    assert_true(cat_database_exists(tx, "postgres"));
    assert_false(cat_role_exists(tx, "alice"));
    assert_false(cat_database_exists(tx, "other"));
    assert_false(cat_role_exists(tx, "postgre"));
    stor_txn_abort(tx);
    /* Idempotent, and persistent. */
    assert_int_equal(cat_bootstrap(f->env, &f->err), 0);
    reopen(f);
    tx = begin(f, false);
    assert_true(cat_role_exists(tx, "postgres"));
    assert_true(cat_database_exists(tx, "postgres"));
    commit(f, tx);
}

static void assert_tables_equal(const CatTable *a, const CatTable *b)
{
    assert_int_equal(a->oid, b->oid);
    assert_string_equal(a->dbname, b->dbname);
    assert_string_equal(a->schema, b->schema);
    assert_string_equal(a->name, b->name);
    assert_int_equal(a->ncols, b->ncols);
    for (int i = 0; i < a->ncols; i++) {
        assert_string_equal(a->cols[i].name, b->cols[i].name);
        assert_int_equal(a->cols[i].type.id, b->cols[i].type.id);
        assert_int_equal(a->cols[i].type.typmod, b->cols[i].type.typmod);
        assert_int_equal(a->cols[i].not_null, b->cols[i].not_null);
        assert_int_equal(a->cols[i].has_default, b->cols[i].has_default);
        if (a->cols[i].default_text) assert_string_equal(a->cols[i].default_text, b->cols[i].default_text);
        else assert_null(b->cols[i].default_text);
    }
    assert_int_equal(a->npk, b->npk);
    for (int i = 0; i < a->npk; i++) assert_int_equal(a->pk_cols[i], b->pk_cols[i]);
    if (a->pk_name) assert_string_equal(a->pk_name, b->pk_name);
    else assert_null(b->pk_name);
    assert_int_equal(a->nuniq, b->nuniq);
    for (int u = 0; u < a->nuniq; u++) {
        assert_string_equal(a->uniq[u].name, b->uniq[u].name);
        assert_int_equal(a->uniq[u].ncols, b->uniq[u].ncols);
        for (int i = 0; i < a->uniq[u].ncols; i++)
            assert_int_equal(a->uniq[u].cols[i], b->uniq[u].cols[i]);
    }
    assert_int_equal(a->desc.oid, b->desc.oid);
    assert_int_equal(a->desc.ncols, b->desc.ncols);
    for (int i = 0; i < a->desc.ncols; i++) assert_int_equal(a->desc.types[i], b->desc.types[i]);
}

static void test_create_lookup(void **state)
{
    Fix *f = *state;
    CatTable *t = create_table(f, users_def(f->ctx));
    assert_int_equal(t->oid, 16384);
    assert_string_equal(t->schema, "public");
    assert_string_equal(t->pk_name, "users_pkey");
    assert_string_equal(t->uniq[0].name, "users_name_key");
    assert_int_equal(t->desc.oid, t->oid);
    const OmPhysType want[4] = {OM_PHYS_I32, OM_PHYS_STR, OM_PHYS_STR, OM_PHYS_F64};
    for (int i = 0; i < 4; i++) assert_int_equal(t->desc.types[i], want[i]);
    assert_int_equal(t->desc.npk, 1);
    assert_int_equal(t->desc.nuniq, 1);

    StorTxn *tx = begin(f, false);
    CatTable *got = NULL;
    assert_int_equal(cat_table_lookup(tx, f->ctx, "postgres", "users", &got, &f->err), 1);
    assert_tables_equal(t, got);
    assert_int_equal(got->cols[2].type.typmod, 50);
    assert_string_equal(got->cols[2].default_text, "x@y");
    assert_true(got->cols[3].has_default);
    assert_null(got->cols[3].default_text);
    /* Other database, other name, prefix of the name: not found. */
    assert_int_equal(cat_table_lookup(tx, f->ctx, "other", "users", &got, &f->err), 0);
    assert_int_equal(cat_table_lookup(tx, f->ctx, "postgres", "user", &got, &f->err), 0);
    assert_null(got);
    assert_false(f->err.set);
    stor_txn_abort(tx);

    /* Taken name: 42P07 with PostgreSQL's words; no oid consumed... the
     * record is untouched either way. */
    tx = begin(f, true);
    CatTable *again = users_def(f->ctx);
    assert_int_equal(cat_table_create(tx, f->ctx, again, &f->err), -1);
    assert_string_equal(f->err.sqlstate, "42P07");
    assert_string_equal(f->err.message, "relation \"users\" already exists");
    stor_txn_abort(tx);

    /* Definitions PostgreSQL refuses. */
    tx = begin(f, true);
    CatTable *bad = users_def(f->ctx);
    bad->name = mem_strdup(f->ctx, "bad");
    bad->cols[2].name = mem_strdup(f->ctx, "id");
    err_clear(&f->err);
    assert_int_equal(cat_table_create(tx, f->ctx, bad, &f->err), -1);
    assert_string_equal(f->err.sqlstate, "42701");
    assert_string_equal(f->err.message, "column \"id\" specified more than once");
    bad = users_def(f->ctx);
    bad->name = mem_strdup(f->ctx, "bad");
    bad->npk = 2;
    bad->pk_cols = mem_new_array(f->ctx, int, 2);
    err_clear(&f->err);
    assert_int_equal(cat_table_create(tx, f->ctx, bad, &f->err), -1);
    assert_string_equal(f->err.message, "column \"id\" appears twice in primary key constraint");
    stor_txn_abort(tx);

    /* Same name in another database is fine; oids keep counting. */
    err_clear(&f->err);
    CatTable *o = users_def(f->ctx);
    o->dbname = mem_strdup(f->ctx, "other");
    create_table(f, o);
    assert_int_equal(o->oid, 16385);
}

static void test_list_and_names(void **state)
{
    Fix *f = *state;
    const char *names[] = {"zeta", "alpha", "mid", "a/b", "alpha2"};
    for (int i = 0; i < 5; i++) {
        CatTable *t = users_def(f->ctx);
        t->name = mem_strdup(f->ctx, names[i]);
        create_table(f, t);
    }
    /* A database whose name has the first as a prefix must not leak in. */
    CatTable *t = users_def(f->ctx);
    t->dbname = mem_strdup(f->ctx, "postgres2");
    create_table(f, t);
    StorTxn *tx = begin(f, false);
    char **list;
    int n;
    assert_int_equal(cat_table_list(tx, f->ctx, "postgres", &list, &n, &f->err), 0);
    assert_int_equal(n, 5);
    const char *sorted[] = {"a/b", "alpha", "alpha2", "mid", "zeta"};
    for (int i = 0; i < 5; i++) assert_string_equal(list[i], sorted[i]);
    assert_int_equal(cat_table_list(tx, f->ctx, "nodb", &list, &n, &f->err), 0);
    assert_int_equal(n, 0);
    stor_txn_abort(tx);

    /* Default constraint names as PostgreSQL makes them. */
    CatTable *m = users_def(f->ctx);
    m->name = mem_strdup(f->ctx, "multi");
    m->nuniq = 3;
    m->uniq = mem_new_array(f->ctx, CatUnique, 3);
    for (int u = 0; u < 3; u++) {
        m->uniq[u].ncols = 2;
        m->uniq[u].cols = mem_new_array(f->ctx, int, 2);
        m->uniq[u].cols[0] = 1;
        m->uniq[u].cols[1] = 2;
    }
    m->uniq[2].name = mem_strdup(f->ctx, "explicit_name");
    create_table(f, m);
    assert_string_equal(m->uniq[0].name, "multi_name_email_key");
    assert_string_equal(m->uniq[1].name, "multi_name_email_key1");
    assert_string_equal(m->uniq[2].name, "explicit_name");
    CatTable *lg = users_def(f->ctx);
    lg->name = mem_strdup(f->ctx, "a_very_long_table_name_that_goes_on_and_on_and_on_for_ever_x");
    create_table(f, lg);
    assert_string_equal(lg->pk_name, "a_very_long_table_name_that_goes_on_and_on_and_on_for_ever_pkey");
    assert_int_equal(strlen(lg->pk_name), 63);
}

static void test_persist_reopen(void **state)
{
    Fix *f = *state;
    CatTable *t = create_table(f, users_def(f->ctx));
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    users_row(b, 0, 1, "ann", "a@x");
    users_row(b, 1, 2, "bob", "b@x");
    users_row(b, 2, 3, NULL, "c@x");
    for (int r = 0; r < 3; r++) assert_int_equal(insert(f, tx, t, b, r), 0);
    commit(f, tx);

    reopen(f);
    tx = begin(f, false);
    CatTable *got;
    assert_int_equal(cat_table_lookup(tx, f->ctx, "postgres", "users", &got, &f->err), 1);
    assert_tables_equal(t, got);
    MemCtx *sctx = mem_ctx_create(f->ctx, "scan");
    StorScan *s;
    assert_int_equal(stor_scan_open(tx, &got->desc, sctx, &s, &f->err), 0);
    OmBatch *out = om_batch_create(sctx, 4, got->desc.types, false);
    assert_int_equal(stor_scan_next(s, out, &f->err), 3);
    assert_int_equal(((int32_t *)out->cols[0].data)[1], 2);
    OmStr nm = ((OmStr *)out->cols[1].data)[1];
    assert_int_equal(nm.len, 3);
    assert_memory_equal(nm.ptr, "bob", 3);
    assert_true(om_vec_is_null(&out->cols[1], 2));
    assert_true(((double *)out->cols[3].data)[2] == 4.5);
    assert_int_equal(stor_scan_next(s, out, &f->err), 0);
    stor_scan_close(s);
    mem_ctx_delete(sctx);
    stor_txn_abort(tx);

    /* The oid counter survived too. */
    tx = begin(f, true);
    uint32_t oid;
    assert_int_equal(stor_next_oid(tx, &oid, &f->err), 0);
    assert_int_equal(oid, t->oid + 1);
    stor_txn_abort(tx);
}

static void test_drop(void **state)
{
    Fix *f = *state;
    CatTable *t = create_table(f, users_def(f->ctx));
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    users_row(b, 0, 1, "ann", "a@x");
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    commit(f, tx);

    /* Drop, then abort: everything is still there. */
    tx = begin(f, true);
    assert_int_equal(cat_table_drop(tx, t, &f->err), 0);
    stor_txn_abort(tx);
    tx = begin(f, false);
    CatTable *got;
    assert_int_equal(cat_table_lookup(tx, f->ctx, "postgres", "users", &got, &f->err), 1);
    assert_int_equal(scan_count(f, tx, got, NULL, 0), 1);
    stor_txn_abort(tx);

    /* A reader that began before the drop keeps its snapshot. */
    StorTxn *old = begin(f, false);
    tx = begin(f, true);
    assert_int_equal(cat_table_drop(tx, t, &f->err), 0);
    /* Inside the dropping txn the storage is gone. */
    StorScan *s;
    MemCtx *sctx = mem_ctx_create(f->ctx, "scan");
    assert_int_equal(stor_scan_open(tx, &t->desc, sctx, &s, &f->err), -1);
    assert_string_equal(f->err.sqlstate, "42P01");
    mem_ctx_delete(sctx);
    err_clear(&f->err);
    commit(f, tx);
    assert_int_equal(scan_count(f, old, t, NULL, 0), 1);
    stor_txn_abort(old);

    tx = begin(f, false);
    assert_int_equal(cat_table_lookup(tx, f->ctx, "postgres", "users", &got, &f->err), 0);
    stor_txn_abort(tx);
    /* Dropping again: 42P01. */
    tx = begin(f, true);
    assert_int_equal(cat_table_drop(tx, t, &f->err), -1);
    assert_string_equal(f->err.sqlstate, "42P01");
    stor_txn_abort(tx);

    /* After a reopen the dropped databases are removed for good; a new
     * table with the same name gets a new oid and is empty. */
    reopen(f);
    err_clear(&f->err);
    tx = begin(f, false);
    sctx = mem_ctx_create(f->ctx, "scan");
    assert_int_equal(stor_scan_open(tx, &t->desc, sctx, &s, &f->err), -1);
    assert_string_equal(f->err.sqlstate, "42P01");
    mem_ctx_delete(sctx);
    stor_txn_abort(tx);
    err_clear(&f->err);
    CatTable *t2 = create_table(f, users_def(f->ctx));
    assert_true(t2->oid > t->oid);
    tx = begin(f, false);
    assert_int_equal(scan_count(f, tx, t2, NULL, 0), 0);
    stor_txn_abort(tx);
}

/* A table created in a txn that aborts leaves nothing behind, not even a
 * cached handle; the next create works and is usable. */
static void test_create_abort(void **state)
{
    Fix *f = *state;
    StorTxn *tx = begin(f, true);
    CatTable *t = users_def(f->ctx);
    assert_int_equal(cat_table_create(tx, f->ctx, t, &f->err), 0);
    OmBatch *b = batch_for(f, t, false);
    users_row(b, 0, 1, "ann", "a@x");
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    assert_int_equal(scan_count(f, tx, t, NULL, 0), 1);
    stor_txn_abort(tx);

    tx = begin(f, false);
    CatTable *got;
    assert_int_equal(cat_table_lookup(tx, f->ctx, "postgres", "users", &got, &f->err), 0);
    MemCtx *sctx = mem_ctx_create(f->ctx, "scan");
    StorScan *s;
    assert_int_equal(stor_scan_open(tx, &t->desc, sctx, &s, &f->err), -1);
    mem_ctx_delete(sctx);
    stor_txn_abort(tx);
    err_clear(&f->err);

    /* The oid was not consumed either: the counter is transactional. */
    CatTable *t2 = create_table(f, users_def(f->ctx));
    assert_int_equal(t2->oid, t->oid);
    tx = begin(f, true);
    users_row(b, 0, 7, "gus", "g@x");
    assert_int_equal(insert(f, tx, t2, b, 0), 0);
    commit(f, tx);
    tx = begin(f, false);
    int32_t ids[4];
    assert_int_equal(scan_count(f, tx, t2, ids, 4), 1);
    assert_int_equal(ids[0], 7);
    stor_txn_abort(tx);
}

/* ---- tests: table access ---- */

static void test_insert_duplicate_pk(void **state)
{
    Fix *f = *state;
    CatTable *t = create_table(f, users_def(f->ctx));
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    users_row(b, 0, 1, "ann", "a@x");
    users_row(b, 1, 1, "other", "o@x");
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    assert_int_equal(insert(f, tx, t, b, 1), -1);
    assert_string_equal(f->err.sqlstate, "23505");
    assert_string_equal(f->err.message, "duplicate key value violates unique constraint \"users_pkey\"");
    assert_string_equal(f->err.detail, "Key (id)=(1) already exists.");
    /* The failed insert left no trace: "other" is not in the unique index. */
    users_row(b, 2, 2, "other", "o@x");
    assert_int_equal(insert(f, tx, t, b, 2), 0);
    commit(f, tx);

    /* Without names: generic text, still 23505. */
    tx = begin(f, true);
    err_clear(&f->err);
    assert_int_equal(stor_table_insert(tx, &t->desc, NULL, b, 0, &f->err), -1);
    assert_string_equal(f->err.sqlstate, "23505");
    assert_string_equal(f->err.detail, "");
    stor_txn_abort(tx);
}

static void test_multi_column_pk(void **state)
{
    Fix *f = *state;
    CatTable *t = mem_new(f->ctx, CatTable);
    t->dbname = mem_strdup(f->ctx, "postgres");
    t->name = mem_strdup(f->ctx, "pairs");
    t->ncols = 3;
    t->cols = mem_new_array(f->ctx, CatColumn, 3);
    t->cols[0] = col(f->ctx, "a", OM_T_INT8, -1, true);
    t->cols[1] = col(f->ctx, "b", OM_T_TEXT, -1, true);
    t->cols[2] = col(f->ctx, "c", OM_T_INT4, -1, false);
    t->npk = 2;
    t->pk_cols = mem_new_array(f->ctx, int, 2);
    t->pk_cols[0] = 0;
    t->pk_cols[1] = 1;
    create_table(f, t);
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    set_i64(b, 0, 0, 1);
    set_str(b, 1, 0, "x");
    set_i32(b, 2, 0, 10);
    set_i64(b, 0, 1, 1);
    set_str(b, 1, 1, "y");
    set_i32(b, 2, 1, 11);
    set_i64(b, 0, 2, 1);
    set_str(b, 1, 2, "x");
    set_i32(b, 2, 2, 12);
    b->count = 3;
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    assert_int_equal(insert(f, tx, t, b, 1), 0);
    assert_int_equal(insert(f, tx, t, b, 2), -1);
    assert_string_equal(f->err.message, "duplicate key value violates unique constraint \"pairs_pkey\"");
    assert_string_equal(f->err.detail, "Key (a, b)=(1, x) already exists.");

    /* Point lookup by an encoded key built from an int4 literal batch. */
    const OmPhysType kt[2] = {OM_PHYS_I32, OM_PHYS_STR};
    OmBatch *kb = om_batch_create(f->ctx, 2, kt, false);
    set_i32(kb, 0, 0, 1);
    set_str(kb, 1, 0, "y");
    int kc[2] = {0, 1};
    OmStr key;
    assert_int_equal(stor_key_encode_row(kb, 0, 2, kc, f->ctx, &key), 0);
    OmBatch *out = om_batch_create(f->ctx, 3, t->desc.types, true);
    assert_int_equal(stor_table_get(tx, &t->desc, key, out, &f->err), 1);
    assert_int_equal(out->count, 1);
    assert_int_equal(((int32_t *)out->cols[2].data)[0], 11);
    assert_int_equal(out->keys[0].len, key.len);
    assert_memory_equal(out->keys[0].ptr, key.ptr, key.len);
    set_str(kb, 1, 0, "z");
    assert_int_equal(stor_key_encode_row(kb, 0, 2, kc, f->ctx, &key), 0);
    assert_int_equal(stor_table_get(tx, &t->desc, key, out, &f->err), 0);
    assert_int_equal(out->count, 1);
    commit(f, tx);
}

static void test_unique_constraints(void **state)
{
    Fix *f = *state;
    CatTable *t = create_table(f, users_def(f->ctx));
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    users_row(b, 0, 1, "ann", "a@x");
    users_row(b, 1, 2, "ann", "b@x");
    users_row(b, 2, 3, NULL, "c@x");
    users_row(b, 3, 4, NULL, "d@x");
    users_row(b, 4, 5, "", "e@x");
    users_row(b, 5, 6, "", "f@x");
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    assert_int_equal(insert(f, tx, t, b, 1), -1);
    assert_string_equal(f->err.sqlstate, "23505");
    assert_string_equal(f->err.message,
                        "duplicate key value violates unique constraint \"users_name_key\"");
    assert_string_equal(f->err.detail, "Key (name)=(ann) already exists.");
    /* NULLs are distinct: two NULL names are fine. */
    assert_int_equal(insert(f, tx, t, b, 2), 0);
    assert_int_equal(insert(f, tx, t, b, 3), 0);
    /* The empty string is a value, not NULL. */
    assert_int_equal(insert(f, tx, t, b, 4), 0);
    assert_int_equal(insert(f, tx, t, b, 5), -1);
    assert_string_equal(f->err.detail, "Key (name)=() already exists.");
    commit(f, tx);

    /* The rejected rows (ids 2 and 6) were taken back entirely. */
    tx = begin(f, false);
    int32_t ids[8];
    assert_int_equal(scan_count(f, tx, t, ids, 8), 4);
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[1], 3);
    assert_int_equal(ids[2], 4);
    assert_int_equal(ids[3], 5);
    stor_txn_abort(tx);
}

static void test_delete(void **state)
{
    Fix *f = *state;
    CatTable *t = create_table(f, users_def(f->ctx));
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    users_row(b, 0, 1, "ann", "a@x");
    users_row(b, 1, 2, "bob", "b@x");
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    assert_int_equal(insert(f, tx, t, b, 1), 0);
    commit(f, tx);

    tx = begin(f, true);
    OmBatch *out = batch_for(f, t, true);
    MemCtx *sctx = mem_ctx_create(f->ctx, "scan");
    StorScan *s;
    assert_int_equal(stor_scan_open(tx, &t->desc, sctx, &s, &f->err), 0);
    assert_int_equal(stor_scan_next(s, out, &f->err), 2);
    OmStr k0 = out->keys[0];
    assert_int_equal(stor_table_delete(tx, &t->desc, k0, &f->err), 1);
    assert_int_equal(stor_table_delete(tx, &t->desc, k0, &f->err), 0);
    mem_ctx_delete(sctx);
    /* "ann" may be used again by another id; id 1 too. */
    users_row(b, 2, 3, "ann", "c@x");
    assert_int_equal(insert(f, tx, t, b, 2), 0);
    users_row(b, 3, 1, "zed", "z@x");
    assert_int_equal(insert(f, tx, t, b, 3), 0);
    /* "bob" is still taken. */
    users_row(b, 4, 9, "bob", "q@x");
    assert_int_equal(insert(f, tx, t, b, 4), -1);
    assert_string_equal(f->err.detail, "Key (name)=(bob) already exists.");
    commit(f, tx);
    tx = begin(f, false);
    int32_t ids[4];
    assert_int_equal(scan_count(f, tx, t, ids, 4), 3);
    assert_int_equal(ids[0], 1);
    assert_int_equal(ids[1], 2);
    assert_int_equal(ids[2], 3);
    stor_txn_abort(tx);
    /* Read-only txns refuse writes. */
    tx = begin(f, false);
    err_clear(&f->err);
    assert_int_equal(stor_table_delete(tx, &t->desc, k0, &f->err), -1);
    assert_int_equal(insert(f, tx, t, b, 0), -1);
    stor_txn_abort(tx);
}

/* 5000 rows inserted in a scrambled order come back in key order, in
 * batches of 2048, 2048 and 904. */
static void test_scan_batches(void **state)
{
    Fix *f = *state;
    CatTable *t = mem_new(f->ctx, CatTable);
    t->dbname = mem_strdup(f->ctx, "postgres");
    t->name = mem_strdup(f->ctx, "big");
    t->ncols = 2;
    t->cols = mem_new_array(f->ctx, CatColumn, 2);
    t->cols[0] = col(f->ctx, "k", OM_T_INT8, -1, true);
    t->cols[1] = col(f->ctx, "v", OM_T_TEXT, -1, false);
    t->npk = 1;
    t->pk_cols = mem_new_array(f->ctx, int, 1);
    create_table(f, t);
    const int N = 5000;
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    for (int i = 0; i < N; i++) {
        int64_t k = ((int64_t)i * 7919) % N - 2500; /* a permutation, negatives too */
        om_batch_clear(b);
        set_i64(b, 0, 0, k);
        char buf[32];
        snprintf(buf, sizeof buf, "v%" PRId64, k);
        set_str(b, 1, 0, k % 10 == 0 ? NULL : buf);
        b->count = 1;
        assert_int_equal(insert(f, tx, t, b, 0), 0);
    }
    commit(f, tx);

    tx = begin(f, false);
    MemCtx *sctx = mem_ctx_create(f->ctx, "scan");
    StorScan *s;
    assert_int_equal(stor_scan_open(tx, &t->desc, sctx, &s, &f->err), 0);
    OmBatch *out = om_batch_create(sctx, 2, t->desc.types, true);
    const int want[] = {2048, 2048, 904, 0, 0};
    int64_t expect = -2500;
    OmStr prev_key = {NULL, 0};
    char *prev_copy = NULL;
    for (int call = 0; call < 5; call++) {
        int n = stor_scan_next(s, out, &f->err);
        assert_int_equal(n, want[call]);
        assert_int_equal(out->count, n);
        for (int i = 0; i < n; i++, expect++) {
            assert_true(((int64_t *)out->cols[0].data)[i] == expect);
            if (expect % 10 == 0) {
                assert_true(om_vec_is_null(&out->cols[1], i));
            } else {
                char buf[32];
                snprintf(buf, sizeof buf, "v%" PRId64, expect);
                OmStr v = ((OmStr *)out->cols[1].data)[i];
                assert_int_equal(v.len, strlen(buf));
                assert_memory_equal(v.ptr, buf, v.len);
            }
            OmStr k = out->keys[i];
            assert_int_equal(k.len, 9);
            if (prev_copy) assert_true(memcmp(prev_copy, k.ptr, 9) < 0);
            prev_copy = mem_strndup(f->ctx, k.ptr, k.len);
            prev_key = k;
        }
    }
    (void)prev_key;
    assert_true(expect == 2500);
    mem_ctx_delete(sctx);
    stor_txn_abort(tx);
}

/* A table without a primary key: hidden 8-byte row ids, in insert order,
 * counting on across commits and reopen; duplicates are fine. */
static void test_hidden_rowid(void **state)
{
    Fix *f = *state;
    CatTable *t = users_def(f->ctx);
    t->name = mem_strdup(f->ctx, "nopk");
    t->npk = 0;
    t->nuniq = 0;
    create_table(f, t);
    assert_null(t->pk_name);
    for (int round = 0; round < 2; round++) {
        StorTxn *tx = begin(f, true);
        OmBatch *b = batch_for(f, t, false);
        users_row(b, 0, 5, "same", "s@x");
        for (int i = 0; i < 3; i++) assert_int_equal(insert(f, tx, t, b, 0), 0);
        commit(f, tx);
        if (round == 0) reopen(f);
    }
    /* An aborted insert consumes nothing durable. */
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    users_row(b, 0, 6, "gone", "g@x");
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    stor_txn_abort(tx);

    tx = begin(f, false);
    OmBatch *out = batch_for(f, t, true);
    MemCtx *sctx = mem_ctx_create(f->ctx, "scan");
    StorScan *s;
    assert_int_equal(stor_scan_open(tx, &t->desc, sctx, &s, &f->err), 0);
    assert_int_equal(stor_scan_next(s, out, &f->err), 6);
    for (int i = 0; i < 6; i++) {
        const uint8_t want[8] = {0, 0, 0, 0, 0, 0, 0, (uint8_t)(i + 1)};
        assert_int_equal(out->keys[i].len, 8);
        assert_memory_equal(out->keys[i].ptr, want, 8);
        assert_int_equal(((int32_t *)out->cols[0].data)[i], 5);
    }
    mem_ctx_delete(sctx);
    stor_txn_abort(tx);
    tx = begin(f, true);
    users_row(b, 0, 6, "next", "n@x");
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    commit(f, tx);
    tx = begin(f, false);
    OmStr k7 = {"\0\0\0\0\0\0\0\x07", 8};
    om_batch_clear(out);
    assert_int_equal(stor_table_get(tx, &t->desc, k7, out, &f->err), 1);
    assert_int_equal(((int32_t *)out->cols[0].data)[0], 6);
    stor_txn_abort(tx);
}

/* Scans end cleanly however they end: close then ctx reset, ctx reset
 * alone, or the txn ending first (cursor closed once, no crash). */
static void test_scan_lifetimes(void **state)
{
    Fix *f = *state;
    CatTable *t = create_table(f, users_def(f->ctx));
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    users_row(b, 0, 1, "ann", "a@x");
    assert_int_equal(insert(f, tx, t, b, 0), 0);
    commit(f, tx);
    for (int w = 0; w < 2; w++) {
        tx = begin(f, w == 1);
        MemCtx *c1 = mem_ctx_create(f->ctx, "c1"), *c2 = mem_ctx_create(f->ctx, "c2"),
               *c3 = mem_ctx_create(f->ctx, "c3");
        StorScan *s1, *s2, *s3;
        assert_int_equal(stor_scan_open(tx, &t->desc, c1, &s1, &f->err), 0);
        assert_int_equal(stor_scan_open(tx, &t->desc, c2, &s2, &f->err), 0);
        assert_int_equal(stor_scan_open(tx, &t->desc, c3, &s3, &f->err), 0);
        OmBatch *out = om_batch_create(c3, 4, t->desc.types, false);
        assert_int_equal(stor_scan_next(s3, out, &f->err), 1);
        stor_scan_close(s1);
        stor_scan_close(s1); /* twice is harmless */
        mem_ctx_reset(c1);
        mem_ctx_delete(c2);
        if (w) commit(f, tx);
        else stor_txn_abort(tx);
        /* s3 outlived its txn: next reports an error or end, never crashes */
        err_clear(&f->err);
        int n = stor_scan_next(s3, out, &f->err);
        assert_true(n == 0 || (n == -1 && f->err.set));
        mem_ctx_delete(c3);
        mem_ctx_delete(c1);
    }
    err_clear(&f->err);
}

/* DELETE driven by a scan in the same write txn: deleting each batch's rows
 * between calls must not skip or repeat rows. */
static void test_delete_while_scanning(void **state)
{
    Fix *f = *state;
    CatTable *t = users_def(f->ctx);
    t->nuniq = 0;
    create_table(f, t);
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    for (int i = 0; i < 5000; i++) {
        om_batch_clear(b);
        users_row(b, 0, i, "n", "e");
        assert_int_equal(insert(f, tx, t, b, 0), 0);
    }
    commit(f, tx);
    tx = begin(f, true);
    MemCtx *sctx = mem_ctx_create(f->ctx, "scan");
    StorScan *s;
    assert_int_equal(stor_scan_open(tx, &t->desc, sctx, &s, &f->err), 0);
    OmBatch *out = om_batch_create(sctx, 4, t->desc.types, true);
    int n, seen = 0, deleted = 0;
    while ((n = stor_scan_next(s, out, &f->err)) > 0) {
        for (int i = 0; i < n; i++) {
            assert_int_equal(((int32_t *)out->cols[0].data)[i], seen);
            seen++;
            if (((int32_t *)out->cols[0].data)[i] % 2 == 0) {
                assert_int_equal(stor_table_delete(tx, &t->desc, out->keys[i], &f->err), 1);
                deleted++;
            }
        }
    }
    assert_int_equal(n, 0);
    assert_int_equal(seen, 5000);
    assert_int_equal(deleted, 2500);
    mem_ctx_delete(sctx);
    commit(f, tx);
    tx = begin(f, false);
    assert_int_equal(scan_count(f, tx, t, NULL, 0), 2500);
    stor_txn_abort(tx);
}

/* ---- tests: counters, kv, records ---- */

static void test_next_oid(void **state)
{
    Fix *f = *state;
    StorTxn *tx = begin(f, true);
    uint32_t a, b2, c;
    assert_int_equal(stor_next_oid(tx, &a, &f->err), 0);
    assert_int_equal(stor_next_oid(tx, &b2, &f->err), 0);
    assert_int_equal(a, 16384);
    assert_int_equal(b2, 16385);
    commit(f, tx);
    reopen(f);
    tx = begin(f, true);
    assert_int_equal(stor_next_oid(tx, &c, &f->err), 0);
    assert_int_equal(c, 16386);
    stor_txn_abort(tx);
    tx = begin(f, false);
    assert_int_equal(stor_next_oid(tx, &c, &f->err), -1);
    stor_txn_abort(tx);
}

typedef struct Collect {
    int n;
    char keys[8][16];
    int stop_after;
} Collect;

static int collect(void *arg, const void *k, size_t kl, const void *v, size_t vl)
{
    Collect *c = arg;
    snprintf(c->keys[c->n], sizeof c->keys[0], "%.*s=%.*s", (int)kl, (const char *)k, (int)vl,
             (const char *)v);
    c->n++;
    return c->n == c->stop_after ? 1 : 0;
}

static void test_kv(void **state)
{
    Fix *f = *state;
    StorTxn *tx = begin(f, true);
    const char *keys[] = {"p/b", "p/a", "q/x", "p", "p/c"};
    for (int i = 0; i < 5; i++)
        assert_int_equal(stor_kv_put(tx, "kvtest", keys[i], strlen(keys[i]), "v", 1, &f->err), 0);
    assert_int_equal(stor_kv_put(tx, "kvtest", "p/a", 3, "w", 1, &f->err), 0); /* overwrite */
    assert_int_equal(stor_kv_del(tx, "kvtest", "p/c", 3, &f->err), 0);
    assert_int_equal(stor_kv_del(tx, "kvtest", "nope", 4, &f->err), 0);
    commit(f, tx);
    reopen(f);
    tx = begin(f, false);
    void *v;
    size_t vl;
    assert_int_equal(stor_kv_get(tx, "kvtest", "p/a", 3, f->ctx, &v, &vl, &f->err), 1);
    assert_int_equal(vl, 1);
    assert_string_equal(v, "w");
    assert_int_equal(stor_kv_get(tx, "kvtest", "p/c", 3, f->ctx, &v, &vl, &f->err), 0);
    assert_int_equal(stor_kv_get(tx, "nosuchdb", "p/a", 3, f->ctx, &v, &vl, &f->err), 0);
    Collect c = {0};
    assert_int_equal(stor_kv_scan_prefix(tx, "kvtest", "p/", 2, collect, &c, &f->err), 0);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.keys[0], "p/a=w");
    assert_string_equal(c.keys[1], "p/b=v");
    Collect c2 = {.stop_after = 1};
    assert_int_equal(stor_kv_scan_prefix(tx, "kvtest", "p", 1, collect, &c2, &f->err), 0);
    assert_int_equal(c2.n, 1);
    assert_string_equal(c2.keys[0], "p=v");
    /* Writes need a write txn. */
    assert_int_equal(stor_kv_put(tx, "kvtest", "z", 1, "v", 1, &f->err), -1);
    stor_txn_abort(tx);
}

static void test_record_round_trip_and_corruption(void **state)
{
    Fix *f = *state;
    CatTable *t = users_def(f->ctx);
    t->oid = 424242;
    t->schema = mem_strdup(f->ctx, "public");
    t->pk_name = mem_strdup(f->ctx, "users_pkey");
    t->uniq[0].name = mem_strdup(f->ctx, "users_name_key");
    t->cols[1].default_text = mem_strdup(f->ctx, ""); /* DEFAULT '' */
    t->cols[1].has_default = true;
    cat_table_fill_desc(f->ctx, t);
    void *rec;
    size_t len;
    assert_int_equal(cat_table_encode(t, f->ctx, &rec, &len), 0);
    CatTable *got;
    assert_int_equal(cat_table_decode(rec, len, f->ctx, &got, &f->err), 0);
    assert_tables_equal(t, got);
    assert_string_equal(got->cols[1].default_text, "");
    /* Every strict prefix and a padded copy are refused with XX001. */
    for (size_t n = 0; n < len; n++) {
        err_clear(&f->err);
        char *cut = mem_alloc(f->ctx, n ? n : 1);
        memcpy(cut, rec, n);
        assert_int_equal(cat_table_decode(cut, n, f->ctx, &got, &f->err), -1);
        assert_string_equal(f->err.sqlstate, "XX001");
    }
    char *pad = mem_alloc(f->ctx, len + 1);
    memcpy(pad, rec, len);
    pad[len] = 0;
    err_clear(&f->err);
    assert_int_equal(cat_table_decode(pad, len + 1, f->ctx, &got, &f->err), -1);
    assert_string_equal(f->err.sqlstate, "XX001");
    /* Bad version byte. */
    char *bad = mem_alloc(f->ctx, len);
    memcpy(bad, rec, len);
    bad[0] = 9;
    err_clear(&f->err);
    assert_int_equal(cat_table_decode(bad, len, f->ctx, &got, &f->err), -1);
    assert_string_equal(f->err.sqlstate, "XX001");
    /* Random single-byte damage: accepted or XX001, never a crash, and an
     * accepted record is internally consistent. */
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 5000; i++) {
        memcpy(bad, rec, len);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bad[x % len] ^= (char)(1 + (x >> 32) % 255);
        err_clear(&f->err);
        if (cat_table_decode(bad, len, f->ctx, &got, &f->err) == 0) {
            for (int p = 0; p < got->npk; p++) assert_true(got->pk_cols[p] < got->ncols);
            for (int u = 0; u < got->nuniq; u++)
                for (int q = 0; q < got->uniq[u].ncols; q++)
                    assert_true(got->uniq[u].cols[q] < got->ncols);
        } else {
            assert_string_equal(f->err.sqlstate, "XX001");
        }
    }
}

/* A full storage map grows: the write txn is replayed on a bigger map and
 * goes on (storage/wlog.c). While a read txn is open the map cannot be
 * remapped: then 53100 with LMDB's text as detail, and once the reader is
 * gone the same writes succeed. */
static int fill(StorTxn *tx, int n, const char *val, OmError *err)
{
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%05d", i);
        rc = stor_kv_put(tx, "filler", key, strlen(key), val, 4000, err);
    }
    return rc;
}

static void test_map_full(void **state)
{
    char dir[64];
    strcpy(dir, "/tmp/omendb-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    StorEnv *env;
    OmError err = {0};
    assert_int_equal(stor_env_open(dir, 1024 * 1024, &env, &err), 0);
    MemCtx *ctx = mem_ctx_create(NULL, "t");
    char *val = mem_alloc(ctx, 4000);
    memset(val, 'x', 4000);
    StorTxn *tx, *rd;
    /* 8 MB in one txn through a 1 MB map */
    assert_int_equal(stor_txn_begin(env, true, &tx, &err), 0);
    assert_int_equal(fill(tx, 2000, val, &err), 0);
    assert_int_equal(stor_txn_commit(tx, &err), 0);
    assert_int_equal(stor_txn_begin(env, false, &rd, &err), 0);
    size_t vlen = 0;
    assert_int_equal(stor_kv_get(rd, "filler", "k01999", 6, ctx, NULL, &vlen, &err), 1);
    assert_int_equal(vlen, 4000);
    /* with a reader open: 53100 */
    assert_int_equal(stor_txn_begin(env, true, &tx, &err), 0);
    int rc = fill(tx, 10000, val, &err);
    assert_int_equal(rc, -1);
    assert_string_equal(err.sqlstate, "53100");
    assert_non_null(strstr(err.detail, "MDB_MAP_FULL"));
    stor_txn_abort(tx);
    stor_txn_abort(rd);
    /* The env is still usable, and the map grows again without the reader. */
    err_clear(&err);
    assert_int_equal(stor_txn_begin(env, true, &tx, &err), 0);
    assert_int_equal(fill(tx, 10000, val, &err), 0);
    assert_int_equal(stor_txn_commit(tx, &err), 0);
    mem_ctx_delete(ctx);
    stor_env_close(env);
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}


/* One environment per directory: a second open is refused while the first
 * is open, and allowed after it closes. */
static void test_dir_lock(void **state)
{
    Fix *f = *state;
    StorEnv *env2 = NULL;
    OmError err = {0};
    assert_int_equal(stor_env_open(f->dir, MAP_SIZE, &env2, &err), -1);
    assert_null(env2);
    assert_string_equal(err.sqlstate, "58000");
    assert_non_null(strstr(err.message, "could not lock data directory"));
    reopen(f); /* close + open works */
}

/* Keys longer than LMDB's limit: 54000 naming the index, nothing written. */
static void test_key_too_long(void **state)
{
    Fix *f = *state;
    CatTable *t = create_table(f, users_def(f->ctx));
    StorTxn *tx = begin(f, true);
    OmBatch *b = batch_for(f, t, false);
    char *big = mem_alloc(f->ctx, 601);
    memset(big, 'n', 600);
    big[600] = 0;
    users_row(b, 0, 1, big, "a@x");
    assert_int_equal(insert(f, tx, t, b, 0), -1);
    assert_string_equal(f->err.sqlstate, "54000");
    assert_string_equal(f->err.message,
                        "index row size 603 exceeds maximum 511 for index \"users_name_key\"");
    assert_int_equal(scan_count(f, tx, t, NULL, 0), 0);
    /* The same value in a column without a key is fine. */
    users_row(b, 1, 2, "bob", big);
    assert_int_equal(insert(f, tx, t, b, 1), 0);
    commit(f, tx);
}

/* Readers on other threads keep working while tables are created and
 * dropped: every table a reader's snapshot lists can be looked up and
 * scanned, and holds exactly its one row. */
typedef struct ReaderArg {
    Fix *f;
    int *stop;
    int errors;
    int checks;
} ReaderArg;

static void *reader_main(void *p)
{
    ReaderArg *a = p;
    MemCtx *ctx = mem_ctx_create(NULL, "reader");
    while (!__atomic_load_n(a->stop, __ATOMIC_ACQUIRE)) {
        OmError err = {0};
        StorTxn *tx;
        if (stor_txn_begin(a->f->env, false, &tx, &err) < 0) {
            a->errors++;
            continue;
        }
        char **names;
        int n;
        if (cat_table_list(tx, ctx, "postgres", &names, &n, &err) < 0) a->errors++;
        for (int i = 0; i < n && !err.set; i++) {
            CatTable *t;
            if (cat_table_lookup(tx, ctx, "postgres", names[i], &t, &err) != 1) {
                a->errors++;
                break;
            }
            StorScan *s;
            MemCtx *sctx = mem_ctx_create(ctx, "scan");
            if (stor_scan_open(tx, &t->desc, sctx, &s, &err) < 0) {
                a->errors++;
                mem_ctx_delete(sctx);
                break;
            }
            OmBatch *b = om_batch_create(sctx, t->desc.ncols, t->desc.types, false);
            int rows = 0, k;
            while ((k = stor_scan_next(s, b, &err)) > 0) rows += k;
            if (k < 0 || rows != 1) a->errors++;
            a->checks++;
            mem_ctx_delete(sctx);
        }
        stor_txn_abort(tx);
        mem_ctx_reset(ctx);
    }
    mem_ctx_delete(ctx);
    return NULL;
}

static void test_concurrent_readers(void **state)
{
    Fix *f = *state;
    int stop = 0;
    ReaderArg args[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        args[i] = (ReaderArg){f, &stop, 0, 0};
        assert_int_equal(pthread_create(&th[i], NULL, reader_main, &args[i]), 0);
    }
    CatTable *live[40] = {0};
    for (int i = 0; i < 120; i++) {
        StorTxn *tx = begin(f, true);
        int slot = i % 40;
        if (live[slot]) {
            assert_int_equal(cat_table_drop(tx, live[slot], &f->err), 0);
            live[slot] = NULL;
        }
        if (i % 3 != 2) {
            CatTable *t = users_def(f->ctx);
            t->name = mem_printf(f->ctx, "t%d", i);
            assert_int_equal(cat_table_create(tx, f->ctx, t, &f->err), 0);
            OmBatch *b = batch_for(f, t, false);
            users_row(b, 0, i, "x", "y");
            assert_int_equal(insert(f, tx, t, b, 0), 0);
            live[slot] = t;
        }
        if (i % 7 == 3) stor_txn_abort(tx), live[slot] = NULL;
        else commit(f, tx);
    }
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    int checks = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(args[i].errors, 0);
        checks += args[i].checks;
    }
    assert_true(checks > 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_bootstrap),
        T(test_create_lookup),
        T(test_list_and_names),
        T(test_persist_reopen),
        T(test_drop),
        T(test_create_abort),
        T(test_insert_duplicate_pk),
        T(test_multi_column_pk),
        T(test_unique_constraints),
        T(test_delete),
        T(test_scan_batches),
        T(test_hidden_rowid),
        T(test_scan_lifetimes),
        T(test_delete_while_scanning),
        T(test_next_oid),
        T(test_kv),
        T(test_record_round_trip_and_corruption),
        T(test_dir_lock),
        T(test_key_too_long),
        T(test_concurrent_readers),
        cmocka_unit_test(test_map_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
