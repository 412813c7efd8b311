/*
 * cat_stats.c — planner statistics of a table (ANALYZE's result; what
 * PostgreSQL keeps in pg_class.reltuples and pg_statistic).
 *
 * Key:    "stats/" db NUL u32 table oid
 * Record: u8 version (1) | f64 reltuples | u16 ncols | per column: u8
 *         present | f64 null_frac | f64 n_distinct | f64 avg_width | u16
 *         nmcv | per value: f64 frequency, u32 length, the value's text |
 *         u16 nhist | per bound: u32 length, text — integers big-endian,
 *         doubles as their IEEE bits.
 * Values are kept as their text form and turned back into vectors of the
 * column's type when loaded, so the record does not depend on the physical
 * layout of a type. Statistics are a hint: a record that cannot be read
 * (a type whose text no longer parses, say) leaves that column without
 * statistics rather than failing the query.
 */
#include <string.h>

#include "catalog.h"

#define STATS_KEY "stats/"
#define STATS_REC_VERSION 1
#define STATS_MAX_VALUES 10000

static void stats_key(OmBuf *k, const char *db, uint32_t oid)
{
    buf_append_str(k, STATS_KEY);
    buf_append(k, db, strlen(db) + 1);
    buf_append_be32(k, oid);
}

static void put_f64(OmBuf *b, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    buf_append_be64(b, u);
}

static void put_text(OmBuf *b, const char *s)
{
    size_t n = strlen(s);
    buf_append_be32(b, (uint32_t)n);
    buf_append(b, s, n);
}

int cat_stats_put(StorTxn *txn, MemCtx *ctx, const char *db, uint32_t oid, const CatTableStats *st, OmError *err)
{
    OmBuf b;
    buf_init(&b, ctx, 1024);
    buf_append_u8(&b, STATS_REC_VERSION);
    put_f64(&b, st->reltuples);
    buf_append_be16(&b, (uint16_t)st->ncols);
    for (int c = 0; c < st->ncols; c++) {
        const CatColStats *cs = &st->cols[c];
        buf_append_u8(&b, cs->present ? 1 : 0);
        put_f64(&b, cs->null_frac);
        put_f64(&b, cs->n_distinct);
        put_f64(&b, cs->avg_width);
        buf_append_be16(&b, (uint16_t)cs->nmcv);
        for (int i = 0; i < cs->nmcv; i++) {
            put_f64(&b, cs->mcv_freq[i]);
            put_text(&b, cs->mcv_text[i]);
        }
        buf_append_be16(&b, (uint16_t)cs->nhist);
        for (int i = 0; i < cs->nhist; i++) put_text(&b, cs->hist_text[i]);
    }
    OmBuf k;
    buf_init(&k, ctx, 64);
    stats_key(&k, db, oid);
    return stor_kv_put(txn, "catalog", k.data, k.len, b.data, b.len, err);
}

int cat_stats_drop(StorTxn *txn, const char *db, uint32_t oid, OmError *err)
{
    MemCtx *ctx = mem_ctx_create(NULL, "stats-drop");
    OmBuf k;
    buf_init(&k, ctx, 64);
    stats_key(&k, db, oid);
    int rc = stor_kv_del(txn, "catalog", k.data, k.len, err);
    mem_ctx_delete(ctx);
    return rc < 0 ? -1 : 0;
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

static double get_f64(Reader *r)
{
    uint64_t u = get_be(r, 8);
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static const char *get_text(Reader *r, size_t *len)
{
    *len = (size_t)get_be(r, 4);
    if (r->bad || r->off + *len > r->len) {
        r->bad = true;
        return "";
    }
    const char *s = (const char *)r->p + r->off;
    r->off += *len;
    return s;
}

/* The next n texts of r as a vector of type t (NULL-free: ANALYZE keeps no
 * NULLs among the values); with_freq: each preceded by its frequency. */
static bool read_values(Reader *r, MemCtx *ctx, OmType t, int n, bool with_freq, double *freq, OmVector *out)
{
    OmPhysType ph = type_phys(t.id);
    out->phys = ph;
    out->data = mem_zalloc(ctx, om_phys_size(ph) * (size_t)(n ? n : 1));
    out->nulls = mem_new_array(ctx, uint64_t, (size_t)(n / 64 + 1));
    OmError e = {0};
    for (int i = 0; i < n; i++) {
        double f = with_freq ? get_f64(r) : 0;
        if (freq) freq[i] = f;
        size_t len;
        const char *txt = get_text(r, &len);
        if (r->bad || type_in(t, txt, len, out, i, ctx, &e) < 0) return false;
    }
    return true;
}

bool cat_col_stats_values(CatColStats *cs, OmType t, MemCtx *ctx)
{
    if (cs->values_ready) return cs->nmcv + cs->nhist > 0;
    cs->values_ready = true;
    Reader r = {cs->raw, cs->rawlen, 0, false};
    int nm = (int)get_be(&r, 2);
    if (nm != cs->nmcv || !read_values(&r, ctx, t, nm, true, NULL, &cs->mcv)) goto bad;
    int nh = (int)get_be(&r, 2);
    if (nh != cs->nhist || !read_values(&r, ctx, t, nh, false, NULL, &cs->hist)) goto bad;
    return true;
bad:
    cs->nmcv = cs->nhist = 0;
    return false;
}

/* Skip n texts (with frequencies: read those into freq). */
static void skip_values(Reader *r, int n, double *freq)
{
    for (int i = 0; i < n && !r->bad; i++) {
        if (freq) freq[i] = get_f64(r);
        size_t len;
        (void)get_text(r, &len);
    }
}

int cat_stats_get(StorTxn *txn, MemCtx *ctx, const CatTable *t, CatTableStats **out, OmError *err)
{
    OmBuf k;
    buf_init(&k, ctx, 64);
    stats_key(&k, t->dbname, t->oid);
    void *val;
    size_t vl;
    int rc = stor_kv_get(txn, "catalog", k.data, k.len, ctx, &val, &vl, err);
    if (rc <= 0) return rc;
    Reader r = {val, vl, 0, false};
    if (get_be(&r, 1) != STATS_REC_VERSION) return 0;
    CatTableStats *st = mem_new(ctx, CatTableStats);
    st->reltuples = get_f64(&r);
    int ncols = (int)get_be(&r, 2);
    if (r.bad || ncols != t->ncols) return 0; /* the table changed shape since: no statistics */
    st->ncols = ncols;
    st->cols = mem_new_array(ctx, CatColStats, ncols ? ncols : 1);
    for (int c = 0; c < ncols && !r.bad; c++) {
        CatColStats *cs = &st->cols[c];
        cs->present = get_be(&r, 1) != 0;
        cs->null_frac = get_f64(&r);
        cs->n_distinct = get_f64(&r);
        cs->avg_width = get_f64(&r);
        size_t start = r.off;
        cs->nmcv = (int)get_be(&r, 2);
        if (cs->nmcv > STATS_MAX_VALUES) r.bad = true;
        cs->mcv_freq = mem_new_array(ctx, double, cs->nmcv + 1);
        skip_values(&r, cs->nmcv, cs->mcv_freq);
        cs->nhist = (int)get_be(&r, 2);
        if (cs->nhist > STATS_MAX_VALUES) r.bad = true;
        skip_values(&r, cs->nhist, NULL);
        cs->raw = r.p + start;
        cs->rawlen = r.off - start;
    }
    if (r.bad) return 0;
    *out = st;
    return 1;
}
