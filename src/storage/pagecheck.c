/*
 * pagecheck.c — omendb --check's walk of LMDB's page structure, read
 * straight from the map with every access bounded: what the value
 * checksums cannot see.
 *
 * LMDB has no page checksums, and it trusts page headers and node offsets
 * when it reads and (worse) when a write txn copies and changes a page.
 * This walk checks, from the newer meta page's two roots (the free-page
 * tree and the main tree, whose leaves hold the named databases' roots):
 * every page number within the file and its header's own number equal to
 * it; branch and leaf pages with sane lower/upper bounds, node offsets and
 * sizes inside the page, keys strictly ascending within a page and within
 * the bounds their parent gives them; overflow pages within the file; and
 * every page reached once: a page reached twice (a flipped child pointer:
 * a scan would return its rows twice) or both reached and free is damage.
 * Pages neither reached nor free are reported as unaccounted (a leak, not
 * damage: the summary counts them).
 *
 * The layout is LMDB 0.9's (mdb.c) on a 64-bit host, with the default key
 * comparison (memcmp, shorter first) that every storage database uses.
 *
 * Interface (storage_int.h): stor_page_walk.
 */
#include "storage_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define P_BRANCH 0x01
#define P_LEAF 0x02
#define P_OVERFLOW 0x04
#define P_LEAF2 0x20
#define P_SUBP 0x40
#define F_BIGDATA 0x01
#define F_SUBDATA 0x02
#define F_DUPDATA 0x04
#define PAGEHDR 16
#define NODEHDR 8
#define DB_SIZE 48
#define DB_ROOT 40
#define NO_PAGE (~(uint64_t)0)
#define MAX_DEPTH 32

typedef struct Walk {
    const uint8_t *map;
    uint64_t psize, last;
    uint8_t *seen;       /* per page: 0 none, 1 in a tree, 2 free */
    FILE *out;
    long problems;
    uint64_t pages, free_pages;
    const char *tree;    /* name of the tree being walked, for messages */
} Walk;

static void bad(Walk *w, uint64_t pg, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void bad(Walk *w, uint64_t pg, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(w->out, "corrupt: page %llu (%s): %s\n", (unsigned long long)pg, w->tree, msg);
    fflush(w->out);
    w->problems++;
}

/* Claim pages [pg, pg + n) for a tree (1) or the free list (2). */
static bool claim(Walk *w, uint64_t pg, uint64_t n, uint8_t how)
{
    if (pg < 2 || pg > w->last || n > w->last + 1 - pg) {
        bad(w, pg, "page number out of the file (last page %llu)", (unsigned long long)w->last);
        return false;
    }
    for (uint64_t i = pg; i < pg + n; i++) {
        if (w->seen[i]) {
            bad(w, i, "%s, but already %s", how == 1 ? "reached" : "listed free",
                w->seen[i] == 1 ? "reached from a tree" : "listed free");
            return false;
        }
        w->seen[i] = how;
    }
    if (how == 1) w->pages += n;
    else w->free_pages += n;
    return true;
}

static int keycmp(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c : (al < bl ? -1 : al > bl);
}

typedef struct Key {
    const uint8_t *p;
    size_t len;
    bool set;
} Key;

static void walk_tree(Walk *w, uint64_t root, bool is_main, bool is_free);

/* The data of leaf node n (inline, or in overflow pages): pointer/len, or
 * NULL on damage. */
static const uint8_t *node_data(Walk *w, uint64_t pg, const uint8_t *node, size_t ksize,
                                size_t dsize, size_t room, size_t *len)
{
    uint16_t flags = stor_rd_u16(node + 4);
    if (!(flags & F_BIGDATA)) {
        if (dsize > room) {
            bad(w, pg, "node data runs off the page");
            return NULL;
        }
        *len = dsize;
        return node + NODEHDR + ksize;
    }
    if (room < 8) {
        bad(w, pg, "overflow reference runs off the page");
        return NULL;
    }
    uint64_t opg = stor_rd_u64(node + NODEHDR + ksize);
    if (opg < 2 || opg > w->last) {
        bad(w, pg, "overflow page %llu out of the file", (unsigned long long)opg);
        return NULL;
    }
    const uint8_t *op = w->map + opg * w->psize;
    uint32_t npages;
    memcpy(&npages, op + 12, 4);
    if (stor_rd_u64(op) != opg || !(stor_rd_u16(op + 10) & P_OVERFLOW) || npages == 0 ||
        (uint64_t)npages * w->psize < dsize + PAGEHDR) {
        bad(w, opg, "not the overflow page its node says");
        return NULL;
    }
    if (!claim(w, opg, npages, 1)) return NULL;
    *len = dsize;
    return op + PAGEHDR;
}

static void walk_page(Walk *w, uint64_t pg, int depth, Key lo, Key hi, bool is_main,
                      bool is_free)
{
    if (depth > MAX_DEPTH) {
        bad(w, pg, "tree deeper than %d levels", MAX_DEPTH);
        return;
    }
    if (!claim(w, pg, 1, 1)) return;
    const uint8_t *p = w->map + pg * w->psize;
    uint16_t flags = stor_rd_u16(p + 10), lower = stor_rd_u16(p + 12), upper = stor_rd_u16(p + 14);
    if (stor_rd_u64(p) != pg) {
        bad(w, pg, "its header says page %llu", (unsigned long long)stor_rd_u64(p));
        return;
    }
    if (!(flags & (P_BRANCH | P_LEAF)) || (flags & (P_BRANCH)) == (flags & P_LEAF) ||
        (flags & (P_LEAF2 | P_SUBP | P_OVERFLOW))) {
        bad(w, pg, "not a branch or leaf page (flags 0x%x)", flags);
        return;
    }
    if (lower < PAGEHDR || lower > upper || upper > w->psize || (lower - PAGEHDR) % 2) {
        bad(w, pg, "bad free-space bounds (lower %u, upper %u)", lower, upper);
        return;
    }
    int n = (lower - PAGEHDR) / 2;
    bool branch = flags & P_BRANCH;
    if (n == 0 || (branch && n < 2)) {
        bad(w, pg, "%s page with %d nodes", branch ? "branch" : "leaf", n);
        return;
    }
    Key prev = {0};
    for (int i = 0; i < n; i++) {
        uint16_t off = stor_rd_u16(p + PAGEHDR + 2 * i);
        if (off < upper || off > w->psize - NODEHDR || off & 1) {
            bad(w, pg, "node %d at offset %u outside the page's node area", i, off);
            return;
        }
        const uint8_t *node = p + off;
        size_t ksize = stor_rd_u16(node + 6), room = w->psize - off - NODEHDR;
        if (ksize > room) {
            bad(w, pg, "node %d's key runs off the page", i);
            return;
        }
        const uint8_t *key = node + NODEHDR;
        bool check_key = !(branch && i == 0); /* a branch's first key is implicit */
        if (check_key) {
            if ((prev.set && keycmp(prev.p, prev.len, key, ksize) >= 0) ||
                (lo.set && keycmp(key, ksize, lo.p, lo.len) < 0) ||
                (hi.set && keycmp(key, ksize, hi.p, hi.len) >= 0)) {
                bad(w, pg, "keys out of order at node %d", i);
                return;
            }
            prev = (Key){key, ksize, true};
        }
        if (branch) {
            uint64_t child = (uint64_t)stor_rd_u16(node) | (uint64_t)stor_rd_u16(node + 2) << 16 |
                             (uint64_t)stor_rd_u16(node + 4) << 32;
            Key clo = i == 0 ? lo : (Key){key, ksize, true};
            Key chi = hi;
            if (i + 1 < n) {
                uint16_t noff = stor_rd_u16(p + PAGEHDR + 2 * (i + 1));
                if (noff >= upper && noff <= w->psize - NODEHDR) {
                    const uint8_t *nn = p + noff;
                    size_t nk = stor_rd_u16(nn + 6);
                    if (nk <= w->psize - noff - NODEHDR) chi = (Key){nn + NODEHDR, nk, true};
                }
            }
            walk_page(w, child, depth + 1, clo, chi, is_main, is_free);
            continue;
        }
        size_t dsize = (size_t)stor_rd_u16(node) | (size_t)stor_rd_u16(node + 2) << 16;
        uint16_t nflags = stor_rd_u16(node + 4);
        if (nflags & ~(F_BIGDATA | F_SUBDATA | F_DUPDATA)) {
            bad(w, pg, "node %d has unknown flags 0x%x", i, nflags);
            return;
        }
        size_t len;
        const uint8_t *data = node_data(w, pg, node, ksize, dsize, room - ksize, &len);
        if (!data) return;
        if (nflags & F_DUPDATA) {
            bad(w, pg, "node %d: duplicate data, which no storage database uses", i);
            return;
        }
        if (is_main && (nflags & F_SUBDATA)) {
            if (len != DB_SIZE) {
                bad(w, pg, "named database record %d has %zu bytes", i, len);
                return;
            }
            const char *saved = w->tree;
            char name[STOR_DBNAME_MAX + 16];
            snprintf(name, sizeof name, "database \"%.*s\"",
                     (int)(ksize < STOR_DBNAME_MAX ? ksize : STOR_DBNAME_MAX), (const char *)key);
            w->tree = name;
            walk_tree(w, stor_rd_u64(data + DB_ROOT), false, false);
            w->tree = saved;
        } else if (is_free) {
            if (len < 8 || len % 8 || stor_rd_u64(data) != len / 8 - 1) {
                bad(w, pg, "free-page record %d is not a page list", i);
                return;
            }
            for (uint64_t j = 0; j < stor_rd_u64(data); j++) claim(w, stor_rd_u64(data + 8 + 8 * j), 1, 2);
        }
    }
}

static void walk_tree(Walk *w, uint64_t root, bool is_main, bool is_free)
{
    if (root == NO_PAGE) return; /* empty */
    Key none = {0};
    walk_page(w, root, 0, none, none, is_main, is_free);
}

long stor_page_walk(const uint8_t *map, const StorMetaInfo *mi, FILE *out, uint64_t *unaccounted)
{
    Walk w = {.map = map, .psize = mi->psize, .last = mi->last_pgno, .out = out};
    w.seen = calloc(mi->last_pgno + 1, 1);
    if (!w.seen) return -1;
    w.seen[0] = w.seen[1] = 1; /* the meta pages */
    w.tree = "free-page list";
    walk_tree(&w, mi->free_root, false, true);
    w.tree = "main database";
    walk_tree(&w, mi->main_root, true, false);
    uint64_t lost = 0;
    for (uint64_t i = 2; i <= mi->last_pgno; i++)
        if (!w.seen[i]) lost++;
    free(w.seen);
    *unaccounted = lost;
    return w.problems;
}
