/*
 * hugemem.h — large anonymous allocations for the benchmark, backed by 2 MB
 * transparent huge pages when asked (madvise(MADV_HUGEPAGE); the kernel's
 * THP mode "madvise" or "always"). A random probe into an 800 MB array costs
 * a TLB miss on 4 KB pages — a page walk, nested in a VM — besides the cache
 * miss; with 2 MB pages the whole array fits the TLB. Every in-memory
 * structure of the bench gets the same memory, so the comparison stays fair;
 * LMDB maps its file and cannot.
 */
#ifndef OM_BENCH_HUGEMEM_H
#define OM_BENCH_HUGEMEM_H

#include <stddef.h>

/* 1 (default): madvise huge pages; 0: plain 4 KB pages. */
extern int hm_huge;

/* Zeroed, 2 MB-aligned when huge; aborts when out of memory. */
void *hm_alloc(size_t sz);
void hm_free(void *p, size_t sz);
/* Bytes of p's range the kernel backs with huge pages (from smaps), -1 when unknown. */
long hm_huge_bytes(const void *p, size_t sz);

#endif
