/*
 * jsonb.c — jsonb's binary form (layout in json.h): building it from a tree
 * (PostgreSQL's key order and duplicate rule), reading it, printing it
 * (JsonbToCString, jsonb_pretty), ordering (compareJsonbContainers),
 * containment (JsonbDeepContains) and existence.
 *
 * Interface routines: jsonb_from_tree, jsonb_in, jsonb_kind, jsonb_node_size,
 * jsonb_count, jsonb_elem, jsonb_key, jsonb_value, jsonb_str, jsonb_find_key,
 * jsonb_from_node, jsonb_node_tree, jsonb_node_out, jsonb_out,
 * jsonb_node_text, jsonb_cmp, jsonb_contains, jsonb_exists (json.h).
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "numeric_arith.h"
#include "types_int.h"

#define JB_VERSION 1
/* PostgreSQL's JENTRY_OFFLENMASK: no jsonb value reaches 256 MB. */
#define JSONB_MAX_SIZE 0x0FFFFFFFu

static inline uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline void wr32(OmBuf *b, size_t at, uint32_t v) { memcpy(b->data + at, &v, 4); }

static void put32(OmBuf *b, uint32_t v) { buf_append(b, &v, 4); }

/* ---- reading ------------------------------------------------------------------------- */

JsonKind jsonb_kind(const uint8_t *node)
{
    switch (node[0]) {
    case 'n': return JSON_NULL;
    case 'f': case 't': return JSON_BOOL;
    case 'N': return JSON_NUMBER;
    case 'S': return JSON_STRING;
    case 'A': return JSON_ARRAY;
    default: return JSON_OBJECT;
    }
}

uint32_t jsonb_node_size(const uint8_t *node)
{
    switch (node[0]) {
    case 'n': case 'f': case 't': return 1;
    case 'N': case 'S': return 5 + rd32(node + 1);
    default: return rd32(node + 5);
    }
}

uint32_t jsonb_count(const uint8_t *node) { return node[0] == 'A' || node[0] == 'O' ? rd32(node + 1) : 0; }

const uint8_t *jsonb_elem(const uint8_t *arr, uint32_t i) { return arr + rd32(arr + 9 + 4 * i); }

const uint8_t *jsonb_key(const uint8_t *obj, uint32_t i) { return obj + rd32(obj + 9 + 4 * i); }

const uint8_t *jsonb_value(const uint8_t *obj, uint32_t i) { return obj + rd32(obj + 9 + 4 * (rd32(obj + 1) + i)); }

const char *jsonb_str(const uint8_t *node, uint32_t *len)
{
    *len = rd32(node + 1);
    return (const char *)node + 5;
}

/* PostgreSQL's key order: shorter first, then bytes. */
static int key_cmp(const char *a, uint32_t al, const char *b, uint32_t bl)
{
    if (al != bl) return al < bl ? -1 : 1;
    return al ? memcmp(a, b, al) : 0;
}

const uint8_t *jsonb_find_key(const uint8_t *obj, const char *key, uint32_t klen)
{
    uint32_t lo = 0, hi = jsonb_count(obj);
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, l;
        const char *k = jsonb_str(jsonb_key(obj, mid), &l);
        int c = key_cmp(k, l, key, klen);
        if (c == 0) return jsonb_value(obj, mid);
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* ---- building ------------------------------------------------------------------------ */

typedef struct Pair {
    const char *k;
    uint32_t kl;
    uint32_t order;
    JsonNode *v;
} Pair;

static int pair_cmp(const void *x, const void *y)
{
    const Pair *a = x, *b = y;
    int c = key_cmp(a->k, a->kl, b->k, b->kl);
    if (c) return c;
    /* Equal keys: the later one first, so it is the one kept. */
    return a->order > b->order ? -1 : 1;
}

/* Sort an object's pairs by key and drop duplicates, keeping the last. */
static void normalize(JsonNode *o, MemCtx *ctx)
{
    if (o->n < 2) return;
    Pair *p = mem_alloc(ctx, sizeof *p * o->n);
    bool sorted = true;
    for (uint32_t i = 0; i < o->n; i++) {
        p[i] = (Pair){o->keys[i], o->klens[i], i, o->items[i]};
        if (i && key_cmp(p[i - 1].k, p[i - 1].kl, p[i].k, p[i].kl) >= 0) sorted = false;
    }
    if (sorted) return;
    qsort(p, o->n, sizeof *p, pair_cmp);
    uint32_t m = 0;
    for (uint32_t i = 0; i < o->n; i++) {
        if (m && !key_cmp(p[m - 1].k, p[m - 1].kl, p[i].k, p[i].kl)) continue;
        p[m++] = p[i];
    }
    for (uint32_t i = 0; i < m; i++) {
        o->keys[i] = p[i].k;
        o->klens[i] = p[i].kl;
        o->items[i] = p[i].v;
    }
    o->n = m;
}

static void put_scalar(OmBuf *b, char tag, const char *s, uint32_t len)
{
    buf_append_char(b, tag);
    put32(b, len);
    buf_append(b, s, len);
}

static void write_node(OmBuf *b, JsonNode *v, MemCtx *ctx)
{
    if (v->bin) {
        buf_append(b, v->bin, jsonb_node_size(v->bin));
        return;
    }
    switch (v->kind) {
    case JSON_NULL: buf_append_char(b, 'n'); return;
    case JSON_BOOL: buf_append_char(b, v->bval ? 't' : 'f'); return;
    case JSON_NUMBER: put_scalar(b, 'N', v->str, v->len); return;
    case JSON_STRING: put_scalar(b, 'S', v->str, v->len); return;
    default: break;
    }
    bool obj = v->kind == JSON_OBJECT;
    if (obj) normalize(v, ctx);
    size_t start = b->len;
    buf_append_char(b, obj ? 'O' : 'A');
    put32(b, v->n);
    put32(b, 0);
    size_t offs = b->len;
    buf_reserve(b, (size_t)v->n * (obj ? 8 : 4));
    for (uint32_t i = 0; i < v->n * (obj ? 2u : 1u); i++) put32(b, 0);
    if (obj) {
        for (uint32_t i = 0; i < v->n; i++) {
            wr32(b, offs + 4 * i, (uint32_t)(b->len - start));
            put_scalar(b, 'S', v->keys[i], v->klens[i]);
        }
        offs += 4 * (size_t)v->n;
    }
    for (uint32_t i = 0; i < v->n; i++) {
        wr32(b, offs + 4 * i, (uint32_t)(b->len - start));
        write_node(b, v->items[i], ctx);
    }
    wr32(b, start + 5, (uint32_t)(b->len - start));
}

int jsonb_from_tree(JsonNode *root, MemCtx *ctx, OmStr *out, OmError *err)
{
    OmBuf b;
    buf_init(&b, ctx, 64);
    buf_append_char(&b, JB_VERSION);
    write_node(&b, root, ctx);
    if (b.len > JSONB_MAX_SIZE)
        return err_set(err, ERRCODE_PROGRAM_LIMIT_EXCEEDED, "total size of jsonb object elements exceeds the maximum of %u bytes",
                       JSONB_MAX_SIZE);
    out->ptr = b.data;
    out->len = (uint32_t)b.len;
    return 0;
}

int jsonb_in(const char *s, size_t len, MemCtx *ctx, OmStr *out, OmError *err)
{
    JsonNode *root;
    if (json_parse(s, len, JSON_PARSE_JSONB, ctx, &root, err) < 0) return -1;
    return jsonb_from_tree(root, ctx, out, err);
}

OmStr jsonb_from_node(const uint8_t *node, MemCtx *ctx)
{
    uint32_t n = jsonb_node_size(node);
    char *p = mem_alloc(ctx, (size_t)n + 2);
    p[0] = JB_VERSION;
    memcpy(p + 1, node, n);
    p[n + 1] = '\0';
    return (OmStr){p, n + 1};
}

JsonNode *jsonb_node_tree(const uint8_t *node, MemCtx *ctx)
{
    JsonNode *v = mem_new(ctx, JsonNode);
    v->kind = (uint8_t)jsonb_kind(node);
    switch (v->kind) {
    case JSON_NULL: return v;
    case JSON_BOOL: v->bval = jsonb_bool(node); return v;
    case JSON_NUMBER:
    case JSON_STRING: v->str = jsonb_str(node, &v->len); return v;
    default: break;
    }
    uint32_t n = jsonb_count(node);
    v->n = n;
    v->items = mem_alloc(ctx, sizeof *v->items * (n ? n : 1));
    if (v->kind == JSON_OBJECT) {
        v->keys = mem_alloc(ctx, sizeof *v->keys * (n ? n : 1));
        v->klens = mem_alloc(ctx, sizeof *v->klens * (n ? n : 1));
    }
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *c = v->kind == JSON_OBJECT ? jsonb_value(node, i) : jsonb_elem(node, i);
        JsonNode *cv = mem_new(ctx, JsonNode);
        cv->kind = (uint8_t)jsonb_kind(c);
        cv->bin = c;
        v->items[i] = cv;
        if (v->kind == JSON_OBJECT) v->keys[i] = jsonb_str(jsonb_key(node, i), &v->klens[i]);
    }
    return v;
}

/* ---- text output ------------------------------------------------------------------- */

static void indent(OmBuf *out, bool pretty, int level)
{
    if (!pretty) return;
    buf_append_char(out, '\n');
    for (int i = 0; i < level * 4; i++) buf_append_char(out, ' ');
}

static void put_scalar_text(const uint8_t *node, OmBuf *out)
{
    uint32_t l;
    const char *s;
    switch (node[0]) {
    case 'n': buf_append(out, "null", 4); break;
    case 't': buf_append(out, "true", 4); break;
    case 'f': buf_append(out, "false", 5); break;
    case 'N': s = jsonb_str(node, &l); buf_append(out, s, l); break;
    default: s = jsonb_str(node, &l); json_escape(out, s, l); break;
    }
}

/* JsonbToCStringWorker: open_indent is false for a container that follows
 * its key (it stays on the key's line). */
static void put_node(const uint8_t *node, OmBuf *out, bool pretty, int level, bool open_indent)
{
    JsonKind k = jsonb_kind(node);
    if (k != JSON_ARRAY && k != JSON_OBJECT) {
        put_scalar_text(node, out);
        return;
    }
    const char *sep = pretty ? "," : ", ";
    uint32_t n = jsonb_count(node);
    indent(out, pretty && open_indent, level);
    buf_append_char(out, k == JSON_ARRAY ? '[' : '{');
    for (uint32_t i = 0; i < n; i++) {
        if (i) buf_append_str(out, sep);
        if (k == JSON_ARRAY) {
            const uint8_t *e = jsonb_elem(node, i);
            JsonKind ek = jsonb_kind(e);
            if (ek == JSON_ARRAY || ek == JSON_OBJECT) {
                put_node(e, out, pretty, level + 1, true);
            } else {
                indent(out, pretty, level + 1);
                put_scalar_text(e, out);
            }
        } else {
            indent(out, pretty, level + 1);
            put_scalar_text(jsonb_key(node, i), out);
            buf_append(out, ": ", 2);
            put_node(jsonb_value(node, i), out, pretty, level + 1, false);
        }
    }
    indent(out, pretty, level);
    buf_append_char(out, k == JSON_ARRAY ? ']' : '}');
}

void jsonb_node_out(const uint8_t *node, bool pretty, OmBuf *out) { put_node(node, out, pretty, 0, false); }

void jsonb_out(OmStr jb, OmBuf *out) { put_node(jsonb_root(jb), out, false, 0, false); }

void jsonb_node_text(const uint8_t *node, OmBuf *out, bool *isnull)
{
    *isnull = false;
    uint32_t l;
    const char *s;
    switch (node[0]) {
    case 'n': *isnull = true; return;
    case 'S': s = jsonb_str(node, &l); buf_append(out, s, l); return;
    default: put_node(node, out, false, 0, false); return;
    }
}

/* ---- comparison --------------------------------------------------------------------- */

static bool is_scalar(const uint8_t *node) { return node[0] != 'A' && node[0] != 'O'; }

static int str_cmp(const char *a, uint32_t al, const char *b, uint32_t bl)
{
    uint32_t m = al < bl ? al : bl;
    int c = m ? memcmp(a, b, m) : 0;
    if (c) return c < 0 ? -1 : 1;
    return (al > bl) - (al < bl);
}

/* compareJsonbScalarValue for two scalars of one kind. */
static int scalar_cmp(const uint8_t *a, const uint8_t *b)
{
    uint32_t al, bl;
    const char *as, *bs;
    switch (jsonb_kind(a)) {
    case JSON_NULL: return 0;
    case JSON_BOOL: return (a[0] == 't') - (b[0] == 't');
    case JSON_NUMBER:
        as = jsonb_str(a, &al);
        bs = jsonb_str(b, &bl);
        return type_numeric_cmp((OmStr){as, al}, (OmStr){bs, bl});
    default:
        as = jsonb_str(a, &al);
        bs = jsonb_str(b, &bl);
        return str_cmp(as, al, bs, bl);
    }
}

static int node_cmp(const uint8_t *a, const uint8_t *b)
{
    JsonKind ka = jsonb_kind(a), kb = jsonb_kind(b);
    if (ka != kb) return ka > kb ? 1 : -1;
    if (ka != JSON_ARRAY && ka != JSON_OBJECT) return scalar_cmp(a, b);
    uint32_t na = jsonb_count(a), nb = jsonb_count(b);
    if (na != nb) return na > nb ? 1 : -1;
    for (uint32_t i = 0; i < na; i++) {
        int c;
        if (ka == JSON_ARRAY) {
            c = node_cmp(jsonb_elem(a, i), jsonb_elem(b, i));
        } else {
            c = scalar_cmp(jsonb_key(a, i), jsonb_key(b, i));
            if (!c) c = node_cmp(jsonb_value(a, i), jsonb_value(b, i));
        }
        if (c) return c;
    }
    return 0;
}

int jsonb_cmp(OmStr a, OmStr b)
{
    const uint8_t *ra = jsonb_root(a), *rb = jsonb_root(b);
    bool sa = is_scalar(ra), sb = is_scalar(rb);
    if (sa == sb) return node_cmp(ra, rb);
    /* A top-level scalar is a one-element "raw scalar" array: below any real
     * array of one element, but compared by size with the others; below
     * every object. */
    const uint8_t *other = sa ? rb : ra;
    int res;
    if (jsonb_kind(other) == JSON_OBJECT) {
        res = -1;
    } else {
        uint32_t n = jsonb_count(other);
        res = n == 1 ? -1 : n > 1 ? -1 : 1;
    }
    return sa ? res : -res;
}

/* ---- containment and existence -------------------------------------------------------- */

static bool scalar_eq(const uint8_t *a, const uint8_t *b)
{
    return jsonb_kind(a) == jsonb_kind(b) && scalar_cmp(a, b) == 0;
}

/* An array holding a scalar equal to s. */
static bool array_has_scalar(const uint8_t *arr, const uint8_t *s)
{
    uint32_t n = jsonb_count(arr);
    for (uint32_t i = 0; i < n; i++)
        if (scalar_eq(jsonb_elem(arr, i), s)) return true;
    return false;
}

static bool deep_contains(const uint8_t *a, const uint8_t *b)
{
    if (a[0] != b[0]) return false;
    uint32_t nb = jsonb_count(b);
    if (a[0] == 'O') {
        if (jsonb_count(a) < nb) return false;
        for (uint32_t i = 0; i < nb; i++) {
            uint32_t kl;
            const char *k = jsonb_str(jsonb_key(b, i), &kl);
            const uint8_t *av = jsonb_find_key(a, k, kl), *bv = jsonb_value(b, i);
            if (!av) return false;
            if (is_scalar(av) != is_scalar(bv)) return false;
            if (is_scalar(av) ? !scalar_eq(av, bv) : !deep_contains(av, bv)) return false;
        }
        return true;
    }
    uint32_t na = jsonb_count(a);
    for (uint32_t i = 0; i < nb; i++) {
        const uint8_t *e = jsonb_elem(b, i);
        if (is_scalar(e)) {
            if (!array_has_scalar(a, e)) return false;
            continue;
        }
        bool found = false;
        for (uint32_t j = 0; j < na && !found; j++) {
            const uint8_t *c = jsonb_elem(a, j);
            if (!is_scalar(c)) found = deep_contains(c, e);
        }
        if (!found) return false;
    }
    return true;
}

bool jsonb_contains(OmStr a, OmStr b)
{
    const uint8_t *ra = jsonb_root(a), *rb = jsonb_root(b);
    bool sa = is_scalar(ra), sb = is_scalar(rb);
    if (!sa && !sb) return deep_contains(ra, rb);
    /* Raw scalars are arrays of one here: a raw scalar contains an equal
     * raw scalar, an array may contain a raw scalar, nothing else mixes. */
    if (sa && sb) return scalar_eq(ra, rb);
    if (sa) return false;
    return ra[0] == 'A' && array_has_scalar(ra, rb);
}

bool jsonb_exists(OmStr a, const char *key, uint32_t klen)
{
    const uint8_t *r = jsonb_root(a);
    if (r[0] == 'O') return jsonb_find_key(r, key, klen) != NULL;
    uint32_t l = 0;
    if (r[0] == 'S') {
        const char *s = jsonb_str(r, &l);
        return !str_cmp(s, l, key, klen);
    }
    uint32_t n = jsonb_count(r);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = jsonb_elem(r, i);
        if (e[0] == 'S') {
            const char *s = jsonb_str(e, &l);
            if (!str_cmp(s, l, key, klen)) return true;
        }
    }
    return false;
}
