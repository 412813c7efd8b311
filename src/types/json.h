/*
 * json.h — json and jsonb: the parser (PostgreSQL's json lexer and grammar,
 * with its error texts), a parsed tree, and jsonb's binary form.
 *
 * json values are the input text, validated (PostgreSQL's json keeps the
 * text as written). jsonb values are a normalized binary form, navigable
 * without re-parsing:
 *
 *   value  = version byte (1), node
 *   node   = 'n' | 'f' | 't'                                   null / false / true
 *          | 'N' len:u32 bytes                                  number: numeric's canonical text
 *          | 'S' len:u32 bytes                                  string: UTF-8, unescaped
 *          | 'A' count:u32 size:u32 off:u32[count] nodes       array
 *          | 'O' count:u32 size:u32 koff:u32[count] voff:u32[count] keys values
 *                                                               object, keys are 'S' nodes
 * u32 are little-endian and unaligned; size is the whole node's length and
 * every offset is relative to the start of its own node, so a node is
 * relocatable (copied as is into a new value). Object keys are sorted by
 * (length, bytes) and unique (the last duplicate wins), as PostgreSQL's
 * jsonb; numbers keep numeric's exact canonical text (1.0 stays 1.0, 1e2 is
 * 100). A top-level scalar is stored as a bare scalar node (PostgreSQL's
 * "raw scalar" pseudo-array); the operators give it its array behaviour.
 *
 * Memory: everything is allocated in the MemCtx passed in; nothing is kept.
 * Depth: containers nest at most JSON_MAX_DEPTH deep (54001 beyond), so the
 * recursive walks here stay well inside a session thread's stack.
 */
#ifndef OM_JSON_H
#define OM_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "types.h"

/* PostgreSQL's limit comes from its 2 MB stack (about 14,500 nested arrays,
 * 13,000+ nested objects in a default build); ours is a fixed count. */
#define JSON_MAX_DEPTH 13000

/* Kinds, valued in jsonb's sort order (PostgreSQL's jbvType order). */
typedef enum {
    JSON_NULL = 0,
    JSON_STRING = 1,
    JSON_NUMBER = 2,
    JSON_BOOL = 3,
    JSON_ARRAY = 0x10,
    JSON_OBJECT = 0x11
} JsonKind;

/*
 * A parsed value. Containers hold n items (array elements, or object values
 * with keys[i]/klens[i]). Strings are unescaped; numbers are the token text
 * (json) or numeric's canonical text (jsonb). raw/rawlen is the value's span
 * in the source text (json's operators return it verbatim). A node built
 * from an existing jsonb value may instead point at its binary node (bin):
 * then only kind and bin are meaningful.
 */
typedef struct JsonNode {
    uint8_t kind;
    bool bval;
    uint32_t len;
    const char *str;
    uint32_t n;
    struct JsonNode **items;
    const char **keys;
    uint32_t *klens;
    const char *raw;
    uint32_t rawlen;
    const uint8_t *bin;
} JsonNode;

typedef enum {
    JSON_PARSE_VALIDATE, /* json_in: check only (no unescaping, so no surrogate or \u0000 checks) */
    JSON_PARSE_TREE,     /* json's functions: tree with unescaped strings, number tokens, spans */
    JSON_PARSE_JSONB     /* jsonb_in: tree with numbers as canonical numeric text */
} JsonParseMode;

/*
 * Parse s[0..len) (valid UTF-8) with PostgreSQL's json grammar. Returns 0 and
 * the tree in *out (NULL for VALIDATE), or -1 with PostgreSQL's error:
 * 22P02 'invalid input syntax for type json' and a detail ('Token "x" is
 * invalid.', 'The input string ended unexpectedly.', 'Expected ":", but
 * found "}".' …), 22P05 'unsupported Unicode escape sequence' for \u0000
 * when unescaping, 54001 beyond JSON_MAX_DEPTH, 22003 for a number numeric
 * cannot hold (jsonb). PostgreSQL's CONTEXT line is not produced.
 */
int json_parse(const char *s, size_t len, JsonParseMode mode, MemCtx *ctx, JsonNode **out, OmError *err);

/* Append s as a JSON string literal, escaped as PostgreSQL's escape_json. */
void json_escape(OmBuf *out, const char *s, size_t len);

/* ---- jsonb binary form (jsonb.c) ---------------------------------------------------- */

/* Serialize a tree: objects get their keys sorted and deduplicated (the last
 * duplicate wins). The tree's object arrays are reordered in place. */
int jsonb_from_tree(JsonNode *root, MemCtx *ctx, OmStr *out, OmError *err);
/* Parse text as jsonb (jsonb_in). */
int jsonb_in(const char *s, size_t len, MemCtx *ctx, OmStr *out, OmError *err);
/* The root node of a jsonb value. */
static inline const uint8_t *jsonb_root(OmStr jb) { return (const uint8_t *)jb.ptr + 1; }

JsonKind jsonb_kind(const uint8_t *node);
/* Bytes of the whole node. */
uint32_t jsonb_node_size(const uint8_t *node);
/* Array elements / object pairs (0 for scalars). */
uint32_t jsonb_count(const uint8_t *node);
const uint8_t *jsonb_elem(const uint8_t *arr, uint32_t i);
const uint8_t *jsonb_key(const uint8_t *obj, uint32_t i);
const uint8_t *jsonb_value(const uint8_t *obj, uint32_t i);
/* String or number bytes of a scalar node. */
const char *jsonb_str(const uint8_t *node, uint32_t *len);
static inline bool jsonb_bool(const uint8_t *node) { return node[0] == 't'; }
/* The value under key in an object node (binary search), or NULL. */
const uint8_t *jsonb_find_key(const uint8_t *obj, const char *key, uint32_t klen);

/* A standalone jsonb value holding a copy of node (allocated in ctx). */
OmStr jsonb_from_node(const uint8_t *node, MemCtx *ctx);
/* A one-level tree of a node: a container's children point at their binary
 * nodes (JsonNode.bin), so changing it and serializing again copies the
 * untouched parts as they are. */
JsonNode *jsonb_node_tree(const uint8_t *node, MemCtx *ctx);

/* Text: jsonb_out (", " and ": ") or jsonb_pretty (4-space indentation). */
void jsonb_node_out(const uint8_t *node, bool pretty, OmBuf *out);
void jsonb_out(OmStr jb, OmBuf *out);
/* A scalar's text as ->> gives it (strings unescaped, null → *isnull), or a
 * container's jsonb text. */
void jsonb_node_text(const uint8_t *node, OmBuf *out, bool *isnull);

/* compareJsonbContainers: PostgreSQL's btree order of jsonb (object > array
 * > boolean > number > string > null; then sizes, then members in order). */
int jsonb_cmp(OmStr a, OmStr b);
/* a @> b (JsonbDeepContains with PostgreSQL's raw-scalar rules). */
bool jsonb_contains(OmStr a, OmStr b);
/* a ? key: an object's key, or a string element of an array (or a top-level string). */
bool jsonb_exists(OmStr a, const char *key, uint32_t klen);

/* ---- operations the text[] operators and functions are built on -------------------
 * (the text[] signatures are wired where arrays live; these take the path or
 * key list as OmStr elements). A NULL element of the SQL array is passed as
 * {NULL, 0}: #> / #>> then give NULL, ?| ?& and - text[] skip it, and
 * #- / jsonb_set / jsonb_insert raise 22004 "path element at position N is
 * null" when the walk reaches it, as PostgreSQL does. Results are allocated
 * in ctx; a result may also be the input value itself. */

/* jb #> path: the value at path, *found false when there is none (then the
 * result is NULL in SQL). An empty path gives jb itself. */
int jsonb_path_get(OmStr jb, const OmStr *path, int npath, MemCtx *ctx, OmStr *out, bool *found, OmError *err);
/* ?| and ?&: any / all of the keys exist (jsonb_exists per key). */
bool jsonb_exists_any(OmStr jb, const OmStr *keys, int nkeys);
bool jsonb_exists_all(OmStr jb, const OmStr *keys, int nkeys);
/* jb - text[]: delete these keys (or string elements). */
int jsonb_delete_keys(OmStr jb, const OmStr *keys, int nkeys, MemCtx *ctx, OmStr *out, OmError *err);
/* jb #- path (jsonb_delete_path). */
int jsonb_delete_path(OmStr jb, const OmStr *path, int npath, MemCtx *ctx, OmStr *out, OmError *err);
/* jsonb_set(jb, path, v, create) and jsonb_insert(jb, path, v, after). */
int jsonb_set_path(OmStr jb, const OmStr *path, int npath, OmStr v, bool create, MemCtx *ctx, OmStr *out,
                   OmError *err);
int jsonb_insert_path(OmStr jb, const OmStr *path, int npath, OmStr v, bool after, MemCtx *ctx, OmStr *out,
                      OmError *err);
/* json #> path / #>> path on json text: the span of the value (verbatim) or
 * its text (as ->>). *found false: NULL. */
int json_path_get(OmStr js, const OmStr *path, int npath, bool as_text, MemCtx *ctx, OmStr *out, bool *found,
                  OmError *err);

/* ---- casts (json_cast.c) --------------------------------------------------------- */

/* The casts that involve json or jsonb (*handled false for other pairs). */
bool json_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled);
static inline bool json_is_json(OmTypeId t) { return t == OM_T_JSON || t == OM_T_JSONB; }
int json_cast_vec(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, const uint16_t *sel,
                  int n, MemCtx *ctx, OmError *err);
/* Text input of json (validated copy) or jsonb (binary form). */
int json_type_in(OmTypeId t, const char *s, size_t len, OmStr *out, MemCtx *ctx, OmError *err);

#endif
