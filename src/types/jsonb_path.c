/*
 * jsonb_path.c — jsonb operations that take a path or key list (text[] in
 * SQL, C strings here): #> #>>, ?| ?&, - text[], #-, jsonb_set,
 * jsonb_insert, as PostgreSQL's jsonfuncs.c (get_jsonb_path_all, setPath,
 * setPathObject, setPathArray), and json's #> on json text.
 *
 * Interface routines: jsonb_path_get, jsonb_exists_any, jsonb_exists_all,
 * jsonb_delete_keys, jsonb_delete_path, jsonb_set_path, jsonb_insert_path,
 * json_path_get (json.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "types_int.h"

/* strtoint(s, &end, 10) with PostgreSQL's checks: the whole element must be
 * an int4 (leading whitespace and a sign allowed). */
static bool path_index(OmStr e, int *out)
{
    char buf[32];
    if (e.len == 0 || e.len >= sizeof buf) return false;
    memcpy(buf, e.ptr, e.len);
    buf[e.len] = '\0';
    char *end;
    errno = 0;
    long v = strtol(buf, &end, 10);
    if (end == buf || *end != '\0' || errno != 0 || v < INT_MIN || v > INT_MAX) return false;
    *out = (int)v;
    return true;
}

/* The element of an array node at a possibly negative SQL index, or NULL. */
static const uint8_t *elem_at(const uint8_t *arr, int idx)
{
    uint32_t n = jsonb_count(arr);
    if (idx < 0) {
        if (idx == INT_MIN || (uint32_t)-idx > n) return NULL;
        idx += (int)n;
    }
    return (uint32_t)idx < n ? jsonb_elem(arr, (uint32_t)idx) : NULL;
}

int jsonb_path_get(OmStr jb, const OmStr *path, int npath, MemCtx *ctx, OmStr *out, bool *found, OmError *err)
{
    const uint8_t *cur = jsonb_root(jb);
    *found = false;
    if (npath <= 0) {
        *out = jb;
        *found = true;
        return 0;
    }
    /* A top-level scalar has no members (get_jsonb_path_all). */
    for (int i = 0; i < npath; i++) {
        const uint8_t *next = NULL;
        if (!path[i].ptr) return 0; /* a NULL element: NULL */
        if (cur[0] == 'O') {
            next = jsonb_find_key(cur, path[i].ptr, path[i].len);
        } else if (cur[0] == 'A') {
            int idx;
            if (!path_index(path[i], &idx)) return 0;
            next = elem_at(cur, idx);
        }
        if (!next) return 0;
        cur = next;
    }
    *out = jsonb_from_node(cur, ctx);
    *found = true;
    return 0;
}

bool jsonb_exists_any(OmStr jb, const OmStr *keys, int nkeys)
{
    for (int i = 0; i < nkeys; i++)
        if (keys[i].ptr && jsonb_exists(jb, keys[i].ptr, keys[i].len)) return true;
    return false;
}

bool jsonb_exists_all(OmStr jb, const OmStr *keys, int nkeys)
{
    for (int i = 0; i < nkeys; i++)
        if (keys[i].ptr && !jsonb_exists(jb, keys[i].ptr, keys[i].len)) return false;
    return true;
}

static bool is_container(const uint8_t *n) { return n[0] == 'A' || n[0] == 'O'; }

static bool str_eq(const char *a, uint32_t al, const char *b, uint32_t bl)
{
    return al == bl && (al == 0 || !memcmp(a, b, al));
}

int jsonb_delete_keys(OmStr jb, const OmStr *keys, int nkeys, MemCtx *ctx, OmStr *out, OmError *err)
{
    const uint8_t *r = jsonb_root(jb);
    if (!is_container(r)) return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot delete from scalar");
    if (jsonb_count(r) == 0 || nkeys == 0) {
        *out = jb;
        return 0;
    }
    JsonNode *t = jsonb_node_tree(r, ctx);
    uint32_t m = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        const char *s;
        uint32_t l;
        if (r[0] == 'O') {
            s = t->keys[i];
            l = t->klens[i];
        } else if (t->items[i]->kind == JSON_STRING) {
            s = jsonb_str(t->items[i]->bin, &l);
        } else {
            s = NULL;
            l = 0;
        }
        bool drop = false;
        for (int k = 0; s && k < nkeys && !drop; k++) drop = keys[k].ptr && str_eq(s, l, keys[k].ptr, keys[k].len);
        if (drop) continue;
        t->items[m] = t->items[i];
        if (t->keys) t->keys[m] = t->keys[i], t->klens[m] = t->klens[i];
        m++;
    }
    t->n = m;
    return jsonb_from_tree(t, ctx, out, err);
}

/* ---- setPath ------------------------------------------------------------------------- */

enum { OP_REPLACE = 1, OP_CREATE = 2, OP_INSERT_BEFORE = 4, OP_INSERT_AFTER = 8, OP_DELETE = 16 };
#define OP_CREATE_OR_INSERT (OP_CREATE | OP_INSERT_BEFORE | OP_INSERT_AFTER)

typedef struct SetPath {
    const OmStr *path;
    int npath;
    JsonNode *newval;
    int op;
    MemCtx *ctx;
    OmError *err;
} SetPath;

static JsonNode *bin_node(const uint8_t *b, MemCtx *ctx)
{
    JsonNode *v = mem_new(ctx, JsonNode);
    v->kind = (uint8_t)jsonb_kind(b);
    v->bin = b;
    return v;
}

/* Append v to t's items (and key k for objects); t's arrays were sized by the caller. */
static void add(JsonNode *t, const char *k, uint32_t kl, JsonNode *v)
{
    if (t->keys) t->keys[t->n] = k, t->klens[t->n] = kl;
    t->items[t->n++] = v;
}

static JsonNode *set_path(SetPath *sp, const uint8_t *node, int level);

static JsonNode *empty_container(const uint8_t *node, uint32_t room, MemCtx *ctx)
{
    JsonNode *t = mem_new(ctx, JsonNode);
    t->kind = (uint8_t)jsonb_kind(node);
    t->items = mem_alloc(ctx, sizeof *t->items * room);
    if (t->kind == JSON_OBJECT) {
        t->keys = mem_alloc(ctx, sizeof *t->keys * room);
        t->klens = mem_alloc(ctx, sizeof *t->klens * room);
    }
    return t;
}

static JsonNode *set_object(SetPath *sp, const uint8_t *obj, int level)
{
    uint32_t n = jsonb_count(obj);
    JsonNode *t = empty_container(obj, n + 1, sp->ctx);
    const OmStr *pe = &sp->path[level];
    bool last = level == sp->npath - 1, done = false;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t kl;
        const char *k = jsonb_str(jsonb_key(obj, i), &kl);
        const uint8_t *v = jsonb_value(obj, i);
        if (!done && str_eq(k, kl, pe->ptr, pe->len)) {
            done = true;
            if (last) {
                if (sp->op & (OP_INSERT_BEFORE | OP_INSERT_AFTER)) {
                    err_set(sp->err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot replace existing key");
                    err_hint(sp->err, "Try using the function jsonb_set to replace key value.");
                    return NULL;
                }
                if (!(sp->op & OP_DELETE)) add(t, k, kl, sp->newval);
            } else {
                JsonNode *c = set_path(sp, v, level + 1);
                if (!c) return NULL;
                add(t, k, kl, c);
            }
        } else {
            add(t, k, kl, bin_node(v, sp->ctx));
        }
    }
    if (!done && last && (sp->op & OP_CREATE_OR_INSERT)) add(t, pe->ptr, pe->len, sp->newval);
    return t;
}

static JsonNode *set_array(SetPath *sp, const uint8_t *arr, int level)
{
    uint32_t n = jsonb_count(arr);
    JsonNode *t = empty_container(arr, n + 1, sp->ctx);
    int idx;
    if (!path_index(sp->path[level], &idx)) {
        err_set(sp->err, ERRCODE_INVALID_TEXT_REPRESENTATION, "path element at position %d is not an integer: \"%.*s\"",
                level + 1, (int)sp->path[level].len, sp->path[level].ptr);
        return NULL;
    }
    if (idx < 0) idx = (uint32_t)-(int64_t)idx > n ? INT_MIN : (int)n + idx;
    if (idx > 0 && (uint32_t)idx > n) idx = (int)n;
    bool last = level == sp->npath - 1, done = false;
    if ((idx == INT_MIN || n == 0) && last && (sp->op & OP_CREATE_OR_INSERT)) {
        add(t, NULL, 0, sp->newval);
        done = true;
    }
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = jsonb_elem(arr, i);
        if ((int)i == idx) {
            done = true;
            if (last) {
                if (sp->op & (OP_INSERT_BEFORE | OP_CREATE)) add(t, NULL, 0, sp->newval);
                if (sp->op & (OP_INSERT_BEFORE | OP_INSERT_AFTER)) add(t, NULL, 0, bin_node(e, sp->ctx));
                if (sp->op & (OP_INSERT_AFTER | OP_REPLACE)) add(t, NULL, 0, sp->newval);
            } else {
                JsonNode *c = set_path(sp, e, level + 1);
                if (!c) return NULL;
                add(t, NULL, 0, c);
            }
        } else {
            add(t, NULL, 0, bin_node(e, sp->ctx));
        }
    }
    if ((sp->op & OP_CREATE_OR_INSERT) && !done && last) add(t, NULL, 0, sp->newval);
    return t;
}

static JsonNode *set_path(SetPath *sp, const uint8_t *node, int level)
{
    if (!sp->path[level].ptr) {
        err_set(sp->err, ERRCODE_NULL_VALUE_NOT_ALLOWED, "path element at position %d is null", level + 1);
        return NULL;
    }
    if (node[0] == 'O') return set_object(sp, node, level);
    if (node[0] == 'A') return set_array(sp, node, level);
    return bin_node(node, sp->ctx); /* a scalar on the way: left as it is */
}

static int run_set(OmStr jb, const OmStr *path, int npath, OmStr *v, int op, MemCtx *ctx, OmStr *out, OmError *err)
{
    SetPath sp = {path, npath, NULL, op, ctx, err};
    if (v) sp.newval = bin_node(jsonb_root(*v), ctx);
    JsonNode *t = set_path(&sp, jsonb_root(jb), 0);
    if (!t) return -1;
    return jsonb_from_tree(t, ctx, out, err);
}

int jsonb_delete_path(OmStr jb, const OmStr *path, int npath, MemCtx *ctx, OmStr *out, OmError *err)
{
    const uint8_t *r = jsonb_root(jb);
    if (!is_container(r)) return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot delete path in scalar");
    if (jsonb_count(r) == 0 || npath <= 0) {
        *out = jb;
        return 0;
    }
    return run_set(jb, path, npath, NULL, OP_DELETE, ctx, out, err);
}

int jsonb_set_path(OmStr jb, const OmStr *path, int npath, OmStr v, bool create, MemCtx *ctx, OmStr *out,
                   OmError *err)
{
    const uint8_t *r = jsonb_root(jb);
    if (!is_container(r)) return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot set path in scalar");
    if ((jsonb_count(r) == 0 && !create) || npath <= 0) {
        *out = jb;
        return 0;
    }
    return run_set(jb, path, npath, &v, create ? OP_CREATE : OP_REPLACE, ctx, out, err);
}

int jsonb_insert_path(OmStr jb, const OmStr *path, int npath, OmStr v, bool after, MemCtx *ctx, OmStr *out,
                      OmError *err)
{
    const uint8_t *r = jsonb_root(jb);
    if (!is_container(r)) return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "cannot set path in scalar");
    if (npath <= 0) {
        *out = jb;
        return 0;
    }
    return run_set(jb, path, npath, &v, after ? OP_INSERT_AFTER : OP_INSERT_BEFORE, ctx, out, err);
}

/* ---- json text ---------------------------------------------------------------------- */

/* The last pair named key (json keeps duplicates; the last one is what
 * PostgreSQL's field extraction ends with). */
static JsonNode *json_field(JsonNode *o, const char *k, uint32_t kl)
{
    JsonNode *hit = NULL;
    for (uint32_t i = 0; i < o->n; i++)
        if (str_eq(o->keys[i], o->klens[i], k, kl)) hit = o->items[i];
    return hit;
}

int json_path_get(OmStr js, const OmStr *path, int npath, bool as_text, MemCtx *ctx, OmStr *out, bool *found,
                  OmError *err)
{
    JsonNode *cur;
    *found = false;
    if (json_parse(js.ptr, js.len, JSON_PARSE_TREE, ctx, &cur, err) < 0) return -1;
    for (int i = 0; i < npath; i++) {
        JsonNode *next = NULL;
        if (!path[i].ptr) return 0;
        if (cur->kind == JSON_OBJECT) {
            next = json_field(cur, path[i].ptr, path[i].len);
        } else if (cur->kind == JSON_ARRAY) {
            int idx;
            if (!path_index(path[i], &idx)) return 0;
            if (idx < 0) idx = (uint32_t)-(int64_t)idx > cur->n ? -1 : (int)cur->n + idx;
            if (idx >= 0 && (uint32_t)idx < cur->n) next = cur->items[idx];
        }
        if (!next) return 0;
        cur = next;
    }
    if (as_text && cur->kind == JSON_NULL) return 0;
    if (as_text && cur->kind == JSON_STRING) {
        out->ptr = cur->str;
        out->len = cur->len;
    } else {
        out->ptr = cur->raw;
        out->len = cur->rawlen;
    }
    *found = true;
    return 0;
}
