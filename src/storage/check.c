/*
 * check.c — omendb --check: verify a stopped data directory without
 * changing it.
 *
 * Opens the environment read-only (stor_env_open_readonly: the directory
 * lock, the marker and meta-page checks of datadir.c, then LMDB with
 * MDB_RDONLY | MDB_NOLOCK) and walks every named database in one read
 * transaction: first LMDB's page structure (pagecheck.c), then each
 * value's checksum (and that it lies inside the file),
 * each row's decoding with its table's layout (from the catalog record,
 * decoded by the caller's callback: storage does not know catalog/), each
 * unique index entry's row. Problems are printed one per line and counted;
 * LMDB errors in one database are reported and the walk goes on with the
 * next. A fault inside LMDB on a damaged page ends the process through
 * datadir.c's handler (a log line, exit status 1): also a "corrupt" verdict.
 *
 * Interface: stor_check (storage.h).
 */
#include "storage_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct CheckTable {
    uint32_t oid;
    const StorTableDesc *desc;
} CheckTable;

typedef struct Check {
    FILE *out;
    StorTxn t;            /* only for stor_val_in_bounds */
    MDB_txn *txn;
    long problems;
    long long rows, entries, records;
    CheckTable *tables;
    int ntables, cap;
    char **dropped;
    int ndropped, dcap;
} Check;

static void hexkey(char *out, size_t size, const void *key, size_t klen)
{
    size_t n = klen < 32 ? klen : 32, o = 0;
    for (size_t i = 0; i < n && o + 3 < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%02x", ((const uint8_t *)key)[i]);
    if (klen > n && o + 4 < size) snprintf(out + o, size - o, "...");
    if (klen == 0) snprintf(out, size, "(empty)");
}

static void problem(Check *c, const char *where, const void *key, size_t klen, const char *fmt,
                    ...) __attribute__((format(printf, 5, 6)));

static void problem(Check *c, const char *where, const void *key, size_t klen, const char *fmt, ...)
{
    char hex[80], msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (key) {
        hexkey(hex, sizeof hex, key, klen);
        fprintf(c->out, "corrupt: %s key 0x%s: %s\n", where, hex, msg);
    } else {
        fprintf(c->out, "corrupt: %s: %s\n", where, msg);
    }
    fflush(c->out); /* a fault later ends the process with _exit */
    c->problems++;
}

static const StorTableDesc *table_of(const Check *c, uint32_t oid)
{
    for (int i = 0; i < c->ntables; i++)
        if (c->tables[i].oid == oid) return c->tables[i].desc;
    return NULL;
}

static bool is_dropped(const Check *c, const char *name)
{
    for (int i = 0; i < c->ndropped; i++)
        if (strcmp(c->dropped[i], name) == 0) return true;
    return false;
}

/* Check every value of database name; per entry, fn (may be NULL) checks
 * the payload. */
typedef void (*EntryFn)(Check *c, void *arg, const MDB_val *k, const void *p, size_t plen);

static void walk(Check *c, const char *name, const char *label, EntryFn fn, void *arg,
                 long long *count)
{
    MDB_dbi dbi;
    int rc = mdb_dbi_open(c->txn, name, 0, &dbi);
    if (rc) {
        problem(c, label, NULL, 0, "could not open: %s", mdb_strerror(rc));
        return;
    }
    MDB_cursor *cur;
    if ((rc = mdb_cursor_open(c->txn, dbi, &cur))) {
        problem(c, label, NULL, 0, "could not read: %s", mdb_strerror(rc));
        return;
    }
    MDB_val k, v;
    for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
         rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
        size_t plen;
        if (!stor_val_in_bounds(&c->t, k.mv_data, k.mv_size) ||
            !stor_val_in_bounds(&c->t, v.mv_data, v.mv_size)) {
            problem(c, label, NULL, 0, "an entry lies outside the data file");
            break;
        }
        if (count) (*count)++;
        if (stor_unseal(k.mv_data, k.mv_size, v.mv_data, v.mv_size, &plen) < 0) {
            problem(c, label, k.mv_data, k.mv_size, "invalid checksum");
            continue;
        }
        if (fn) fn(c, arg, &k, v.mv_data, plen);
    }
    if (rc != MDB_NOTFOUND)
        problem(c, label, NULL, 0, "could not read to the end: %s", mdb_strerror(rc));
    mdb_cursor_close(cur);
}

typedef struct CatArg {
    StorCheckLayout layout;
    void *arg;
    MemCtx *ctx;
} CatArg;

static void catalog_entry(Check *c, void *arg, const MDB_val *k, const void *p, size_t plen)
{
    CatArg *a = arg;
    if (k->mv_size < 6 || memcmp(k->mv_data, "table/", 6) != 0 || !a->layout) return;
    const StorTableDesc *d = NULL;
    OmError e = {0};
    if (a->layout(a->arg, p, plen, a->ctx, &d, &e) < 0 || !d) {
        problem(c, "catalog", k->mv_data, k->mv_size, "table record does not decode: %s %s",
                e.message, e.detail);
        return;
    }
    if (c->ntables == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->tables = realloc(c->tables, sizeof *c->tables * (size_t)c->cap);
        if (!c->tables) abort();
    }
    c->tables[c->ntables].oid = d->oid;
    c->tables[c->ntables].desc = d;
    c->ntables++;
}

static void meta_entry(Check *c, void *arg, const MDB_val *k, const void *p, size_t plen)
{
    (void)arg;
    (void)p;
    (void)plen;
    if (k->mv_size <= 5 || memcmp(k->mv_data, "drop:", 5) != 0) return;
    if (c->ndropped == c->dcap) {
        c->dcap = c->dcap ? c->dcap * 2 : 16;
        c->dropped = realloc(c->dropped, sizeof *c->dropped * (size_t)c->dcap);
        if (!c->dropped) abort();
    }
    char *s = malloc(k->mv_size - 4);
    if (!s) abort();
    memcpy(s, (const char *)k->mv_data + 5, k->mv_size - 5);
    s[k->mv_size - 5] = '\0';
    c->dropped[c->ndropped++] = s;
}

typedef struct RowArg {
    const StorTableDesc *d;
    StorDatum *datums;
    const char *label;
} RowArg;

static void row_entry(Check *c, void *arg, const MDB_val *k, const void *p, size_t plen)
{
    RowArg *a = arg;
    OmError e = {0};
    if (stor_row_parse(p, plen, a->d->ncols, a->d->types, a->datums, &e) < 0)
        problem(c, a->label, k->mv_data, k->mv_size, "row does not decode: %s %s", e.message,
                e.detail);
}

typedef struct UniqArg {
    MDB_dbi rows;
    bool have_rows;
    const char *label;
} UniqArg;

static void uniq_entry(Check *c, void *arg, const MDB_val *k, const void *p, size_t plen)
{
    UniqArg *a = arg;
    if (!a->have_rows) return;
    MDB_val rk = {plen, (void *)p}, rv;
    int rc = mdb_get(c->txn, a->rows, &rk, &rv);
    if (rc == MDB_NOTFOUND)
        problem(c, a->label, k->mv_data, k->mv_size, "entry points at a missing row");
    else if (rc)
        problem(c, a->label, k->mv_data, k->mv_size, "could not read its row: %s",
                mdb_strerror(rc));
}

long stor_check(const char *dir, StorCheckLayout layout, void *arg, FILE *out, OmError *err)
{
    StorEnv *env;
    fflush(out);
    stor_fault_report_fd(fileno(out)); /* a fault from here on is a verdict too */
    if (stor_env_open_readonly(dir, &env, err) < 0) {
        stor_fault_report_fd(-1);
        return -1;
    }
    const char *prev = stor_fault_enter("check");
    Check c = {.out = out};
    MemCtx *ctx = mem_ctx_create(NULL, "stor-check");
    long ret = -1;
    /* LMDB's own structure first: the walk reads the map itself, bounded,
     * so damage that would make LMDB fault or assert is reported before
     * the walk through LMDB below meets it. The env is read-only and no
     * one else has it: the newest meta page is the snapshot read below. */
    StorMetaInfo mi;
    OmError e2 = {0};
    if (!env->map_addr) {
        fprintf(out, "note: the map's address is unknown (no /proc/self/maps): pages not walked\n");
    } else if (stor_datafile_check(stor_data_path(), &mi, &e2) < 0) {
        problem(&c, "data file", NULL, 0, "%s %s", e2.message, e2.detail);
    } else {
        uint64_t lost = 0;
        long bad = stor_page_walk(env->map_addr, &mi, out, &lost);
        if (bad > 0) c.problems += bad;
        fprintf(out, "%s: LMDB structure: %llu pages, %llu neither in a tree nor free\n", bad ? "corrupt" : "ok",
                (unsigned long long)(mi.last_pgno + 1), (unsigned long long)lost);
    }
    int rc = mdb_txn_begin(env->mdb, NULL, MDB_RDONLY, &c.txn);
    if (rc) {
        stor_mdb_error(err, rc, "could not begin transaction");
        goto done;
    }
    c.t.env = env;
    stor_txn_bounds(&c.t);

    /* Names of all databases (keys of the main database). */
    MDB_dbi maindb;
    MDB_cursor *cur;
    char **names = NULL;
    int nnames = 0, ncap = 0;
    if ((rc = mdb_dbi_open(c.txn, NULL, 0, &maindb)) ||
        (rc = mdb_cursor_open(c.txn, maindb, &cur))) {
        problem(&c, "main database", NULL, 0, "could not read: %s", mdb_strerror(rc));
    } else {
        MDB_val k, v;
        for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0;
             rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
            if (!stor_val_in_bounds(&c.t, k.mv_data, k.mv_size) || k.mv_size >= STOR_DBNAME_MAX ||
                memchr(k.mv_data, '\0', k.mv_size)) {
                problem(&c, "main database", k.mv_data,
                        k.mv_size < STOR_DBNAME_MAX ? k.mv_size : STOR_DBNAME_MAX,
                        "bad database name");
                continue;
            }
            if (nnames == ncap) {
                ncap = ncap ? ncap * 2 : 32;
                names = realloc(names, sizeof *names * (size_t)ncap);
                if (!names) abort();
            }
            names[nnames] = mem_alloc(ctx, k.mv_size + 1);
            memcpy(names[nnames], k.mv_data, k.mv_size);
            names[nnames][k.mv_size] = '\0';
            nnames++;
        }
        if (rc != MDB_NOTFOUND)
            problem(&c, "main database", NULL, 0, "could not read to the end: %s",
                    mdb_strerror(rc));
        mdb_cursor_close(cur);
    }

    walk(&c, STOR_DB_META, "storage database \"meta\"", meta_entry, NULL, &c.records);
    CatArg ca = {layout, arg, ctx};
    walk(&c, STOR_DB_CATALOG, "catalog", catalog_entry, &ca, &c.records);

    int ntab = 0;
    for (int i = 0; i < nnames; i++) {
        const char *name = names[i];
        if (strcmp(name, STOR_DB_META) == 0 || strcmp(name, STOR_DB_CATALOG) == 0) continue;
        char label[200];
        unsigned oid = 0;
        int n = -1, used = 0;
        if (name[0] == 't' && sscanf(name + 1, "%u%n", &oid, &used) == 1 && !name[1 + used]) {
            const StorTableDesc *d = table_of(&c, oid);
            if (!d && !is_dropped(&c, name)) {
                problem(&c, name, NULL, 0, "table storage without a catalog record");
                walk(&c, name, name, NULL, NULL, &c.rows);
                continue;
            }
            if (!d) continue;
            if (d->name) snprintf(label, sizeof label, "table \"%.128s\"", d->name);
            else snprintf(label, sizeof label, "table %u", oid);
            RowArg ra = {d, mem_new_array(ctx, StorDatum, d->ncols > 0 ? d->ncols : 1), label};
            long long before = c.rows;
            walk(&c, name, label, row_entry, &ra, &c.rows);
            fprintf(out, "ok: %s: %lld rows\n", label, c.rows - before);
            fflush(out);
            ntab++;
        } else if (name[0] == 'u' && sscanf(name + 1, "%u_%d%n", &oid, &n, &used) == 2 &&
                   !name[1 + used]) {
            if (is_dropped(&c, name)) continue;
            const StorTableDesc *d = table_of(&c, oid);
            if (d && d->name) snprintf(label, sizeof label, "unique index %d of table \"%.128s\"",
                                       n, d->name);
            else snprintf(label, sizeof label, "unique index %d of table %u", n, oid);
            UniqArg ua = {0, false, label};
            char tname[STOR_DBNAME_MAX];
            stor_name_table(tname, oid);
            ua.have_rows = mdb_dbi_open(c.txn, tname, 0, &ua.rows) == 0;
            if (!ua.have_rows) problem(&c, label, NULL, 0, "its table's storage is missing");
            walk(&c, name, label, uniq_entry, &ua, &c.entries);
        } else {
            snprintf(label, sizeof label, "storage database \"%s\"", name);
            walk(&c, name, label, NULL, NULL, &c.records);
        }
    }
    for (int i = 0; i < c.ntables; i++) {
        char tname[STOR_DBNAME_MAX];
        stor_name_table(tname, c.tables[i].oid);
        bool found = false;
        for (int j = 0; j < nnames && !found; j++) found = strcmp(names[j], tname) == 0;
        if (!found) {
            const char *tn = c.tables[i].desc->name;
            problem(&c, tn ? tn : tname, NULL, 0, "catalog record without table storage");
        }
    }
    fprintf(out, "%s: %d tables, %lld rows, %lld index entries, %lld records: %ld problem%s\n",
            c.problems ? "CORRUPT" : "OK", ntab, c.rows, c.entries, c.records, c.problems,
            c.problems == 1 ? "" : "s");
    free(names);
    mdb_txn_abort(c.txn);
    ret = c.problems;
done:
    for (int i = 0; i < c.ndropped; i++) free(c.dropped[i]);
    free(c.dropped);
    free(c.tables);
    mem_ctx_delete(ctx);
    stor_fault_leave(prev);
    stor_fault_report_fd(-1);
    stor_env_close(env);
    return ret;
}
