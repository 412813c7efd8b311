/*
 * mem.c — memory contexts: bump allocation from blocks, freed all at once.
 *
 * Each context keeps a list of blocks; small requests are carved from the
 * current block, large ones (over a quarter block) get a block of their own.
 * Children are linked into the parent so reset/delete reach the whole subtree.
 */
#include "mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEM_BLOCK_MIN 8192
#define MEM_BLOCK_MAX (1024 * 1024)
#define MEM_ALIGN 16

typedef struct MemBlock {
    struct MemBlock *next;
    size_t size; /* usable bytes after the header */
    size_t used;
} MemBlock;

typedef struct MemCleanup {
    struct MemCleanup *next;
    void (*fn)(void *);
    void *arg;
} MemCleanup;

struct MemCtx {
    const char *name;
    MemCtx *parent;
    MemCtx *first_child;
    MemCtx *next_sibling;
    MemCtx *prev_sibling;
    MemBlock *blocks;
    MemCleanup *cleanups;
    size_t next_block_size;
    size_t bytes;
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "level=error event=out_of_memory bytes=%zu\n", n);
        abort();
    }
    return p;
}

/* Header size rounded so the first chunk in a block is aligned. */
#define MEM_HDR ((sizeof(MemBlock) + MEM_ALIGN - 1) & ~(size_t)(MEM_ALIGN - 1))

MemCtx *mem_ctx_create(MemCtx *parent, const char *name)
{
    MemCtx *c = xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    c->name = name;
    c->parent = parent;
    c->next_block_size = MEM_BLOCK_MIN;
    if (parent) {
        c->next_sibling = parent->first_child;
        if (parent->first_child) parent->first_child->prev_sibling = c;
        parent->first_child = c;
    }
    return c;
}

static void detach(MemCtx *c)
{
    if (!c->parent) return;
    if (c->prev_sibling) c->prev_sibling->next_sibling = c->next_sibling;
    else c->parent->first_child = c->next_sibling;
    if (c->next_sibling) c->next_sibling->prev_sibling = c->prev_sibling;
    c->parent = NULL;
    c->next_sibling = c->prev_sibling = NULL;
}

void mem_ctx_reset(MemCtx *c)
{
    /* Cleanups first: they may release resources that children's memory
     * describes, and they run newest first like a stack unwinding. */
    while (c->cleanups) {
        MemCleanup *cl = c->cleanups;
        c->cleanups = cl->next;
        cl->fn(cl->arg);
    }
    while (c->first_child) mem_ctx_delete(c->first_child);
    MemBlock *b = c->blocks;
    while (b) {
        MemBlock *n = b->next;
        free(b);
        b = n;
    }
    c->blocks = NULL;
    c->bytes = 0;
    c->next_block_size = MEM_BLOCK_MIN;
}

void mem_ctx_delete(MemCtx *c)
{
    if (!c) return;
    mem_ctx_reset(c);
    detach(c);
    free(c);
}

static MemBlock *new_block(MemCtx *c, size_t need)
{
    size_t size = c->next_block_size;
    if (size < need) size = need;
    MemBlock *b = xmalloc(MEM_HDR + size);
    b->size = size;
    b->used = 0;
    c->bytes += size;
    if (c->next_block_size < MEM_BLOCK_MAX) c->next_block_size *= 2;
    return b;
}

void *mem_alloc(MemCtx *c, size_t size)
{
    size = (size + MEM_ALIGN - 1) & ~(size_t)(MEM_ALIGN - 1);
    if (size == 0) size = MEM_ALIGN;
    MemBlock *b = c->blocks;
    if (size > MEM_BLOCK_MIN / 4 && (!b || b->size - b->used < size)) {
        /* A large chunk gets its own block of exactly its size (not the
         * growing block size: 2048 strings of 6 KB must not take 2048 blocks
         * of 1 MB), kept behind the current one so the current block's free
         * space is not abandoned. */
        MemBlock *nb = xmalloc(MEM_HDR + size);
        nb->size = size;
        nb->used = size;
        c->bytes += size;
        if (b) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = NULL;
            c->blocks = nb;
        }
        return (char *)nb + MEM_HDR;
    }
    if (!b || b->size - b->used < size) {
        b = new_block(c, size);
        b->next = c->blocks;
        c->blocks = b;
    }
    void *p = (char *)b + MEM_HDR + b->used;
    b->used += size;
    return p;
}

void *mem_zalloc(MemCtx *c, size_t size)
{
    void *p = mem_alloc(c, size);
    memset(p, 0, size);
    return p;
}

void *mem_realloc(MemCtx *c, void *old, size_t old_size, size_t new_size)
{
    void *p = mem_alloc(c, new_size);
    if (old && old_size) memcpy(p, old, old_size < new_size ? old_size : new_size);
    return p;
}

char *mem_strndup(MemCtx *c, const char *s, size_t n)
{
    char *p = mem_alloc(c, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *mem_strdup(MemCtx *c, const char *s)
{
    return mem_strndup(c, s, strlen(s));
}

char *mem_printf(MemCtx *c, const char *fmt, ...)
{
    /* Format into a stack buffer first; most strings fit. */
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = mem_alloc(c, (size_t)n + 1);
    if ((size_t)n < sizeof small) {
        memcpy(p, small, (size_t)n + 1);
        return p;
    }
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void mem_on_reset(MemCtx *c, void (*fn)(void *), void *arg)
{
    MemCleanup *cl = mem_alloc(c, sizeof *cl);
    cl->fn = fn;
    cl->arg = arg;
    cl->next = c->cleanups;
    c->cleanups = cl;
}

size_t mem_ctx_bytes(const MemCtx *c)
{
    size_t n = c->bytes;
    for (const MemCtx *ch = c->first_child; ch; ch = ch->next_sibling) n += mem_ctx_bytes(ch);
    return n;
}
