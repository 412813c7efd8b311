/*
 * mem.h — memory contexts (arenas) arranged in a tree.
 *
 * server → session → transaction → query → batch. Memory is allocated from a
 * context and released all at once by resetting or deleting the context; there
 * is no per-chunk free. Allocation never returns NULL: running out of system
 * memory aborts the process (a query's own growth is budgeted elsewhere).
 *
 * Outside resources (LMDB cursors, libpg_query results, files) are released by
 * cleanup callbacks registered on the owning context; they run, newest first,
 * when the context is reset or deleted.
 *
 * A context is not thread-safe: one thread uses it at a time.
 */
#ifndef OM_MEM_H
#define OM_MEM_H

#include <stddef.h>

typedef struct MemCtx MemCtx;

/* Create a context; parent may be NULL for a root. Deleting or resetting the
 * parent deletes the child too. name must outlive the context (a literal). */
MemCtx *mem_ctx_create(MemCtx *parent, const char *name);

/* Free everything allocated in ctx and delete its children; ctx stays usable. */
void mem_ctx_reset(MemCtx *ctx);

/* Reset, then free ctx itself and detach it from its parent. NULL is a no-op. */
void mem_ctx_delete(MemCtx *ctx);

/* Allocate size bytes aligned to 16. Never NULL. */
void *mem_alloc(MemCtx *ctx, size_t size);
/* Same, zero-filled. */
void *mem_zalloc(MemCtx *ctx, size_t size);
/* Grow an allocation made in ctx (old contents copied; old block is not freed). */
void *mem_realloc(MemCtx *ctx, void *old, size_t old_size, size_t new_size);
char *mem_strdup(MemCtx *ctx, const char *s);
char *mem_strndup(MemCtx *ctx, const char *s, size_t n);
/* printf into a new string in ctx. */
char *mem_printf(MemCtx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Register fn(arg) to run when ctx is reset or deleted (newest first). */
void mem_on_reset(MemCtx *ctx, void (*fn)(void *arg), void *arg);

/* Bytes currently held by ctx and its children (blocks, not requests). */
size_t mem_ctx_bytes(const MemCtx *ctx);

#define mem_new(ctx, T) ((T *)mem_zalloc((ctx), sizeof(T)))
#define mem_new_array(ctx, T, n) ((T *)mem_zalloc((ctx), sizeof(T) * (size_t)(n)))

#endif
