/*
 * hugemem.c — huge-page backed allocations (hugemem.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hugemem.h"

#define HUGE_SZ (2u << 20)

int hm_huge = 1;

static size_t round_up(size_t sz) { return (sz + HUGE_SZ - 1) & ~(size_t)(HUGE_SZ - 1); }

void *hm_alloc(size_t sz)
{
    size_t len = round_up(sz ? sz : 1);
    /* Over-map by one huge page and trim, so the range starts 2 MB-aligned:
     * only aligned 2 MB pieces can be huge pages. */
    size_t map = len + HUGE_SZ;
    uint8_t *raw = mmap(NULL, map, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) {
        perror("mmap");
        abort();
    }
    uintptr_t a = ((uintptr_t)raw + HUGE_SZ - 1) & ~(uintptr_t)(HUGE_SZ - 1);
    uint8_t *p = (uint8_t *)a;
    if (p > raw) munmap(raw, (size_t)(p - raw));
    if (p + len < raw + map) munmap(p + len, (size_t)(raw + map - (p + len)));
    madvise(p, len, hm_huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
    return p;
}

void hm_free(void *p, size_t sz)
{
    if (p) munmap(p, round_up(sz ? sz : 1));
}

long hm_huge_bytes(const void *p, size_t sz)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f) return -1;
    char line[256];
    uintptr_t lo = (uintptr_t)p, hi = lo + sz;
    int in = 0;
    long total = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long a, b;
        if (sscanf(line, "%lx-%lx ", &a, &b) == 2 && strchr(line, '-') < strchr(line, ' ')) {
            in = a < hi && b > lo;
            continue;
        }
        long kb;
        if (in && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1) total += kb * 1024;
    }
    fclose(f);
    return total;
}
