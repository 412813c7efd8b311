/*
 * lidx.h — learned indexes over sorted, immutable uint64 keys (src/index/).
 *
 * An index is built once per immutable sorted key array (a main segment's
 * primary keys), kept as one self-describing byte image that can be written
 * beside the segment and later used in place from an mmapped file without a
 * rebuild. A lookup asks a model for a position, then searches a window whose
 * width the build measured (the error bound), so every answer is exact.
 *
 * Two models sit behind the interface (README.md has the design):
 *   LIDX_RMI  two-stage recursive model index: a linear or radix-table root
 *             routes a key to one of L linear leaves; each leaf keeps its own
 *             maximum error. At most 2^40 keys (AUTO uses PGM beyond).
 *   LIDX_PGM  PGM-index: optimal piecewise-linear segments with error eps
 *             (one streaming pass), stacked recursively until one segment;
 *             from 64 bottom segments on, a radix table over their keys
 *             routes a lookup without walking the levels.
 * LIDX_AUTO builds both, times them on a sample of the keys and keeps the
 * faster; lidx_kind() tells which one won.
 *
 * The keys themselves are not part of the index: the caller owns them (they
 * are the segment's key column) and passes the same array to build and open.
 * Every lookup result is checked against the neighbouring keys, so a wrong
 * prediction costs time, never a wrong answer or an out-of-bounds read.
 *
 * Composite and text keys: index an order-preserving 64-bit prefix of each key
 * (lidx_prefix_bytes) and resolve equal prefixes with a caller's comparison
 * callback (lidx_lower_bound_cmp / lidx_lookup_cmp).
 */
#ifndef OM_LIDX_H
#define OM_LIDX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "common/mem.h"

typedef enum {
    LIDX_AUTO = 0, /* build both, keep the one measured faster */
    LIDX_RMI = 1,
    LIDX_PGM = 2
} LidxKind;

typedef struct LidxOptions {
    LidxKind kind;        /* LIDX_AUTO by default (zeroed options) */
    uint32_t pgm_eps;     /* PGM bottom-level error; 0 = 32 */
    uint32_t rmi_leaves;  /* RMI leaf count; 0 = chosen from the data (and, for
                           * models over 256 KB, by timing lookups) */
    uint32_t sample;      /* probes timed per candidate (AUTO, RMI leaf
                           * counts); 0 = 32768 */
    uint32_t rmi_root;    /* RMI root: 0 = the best by the build's cost model,
                           * 1 = linear, 2 = radix over log-spread buckets,
                           * 3 = radix over the top bits of key - min */
} LidxOptions;

typedef struct LidxIndex LidxIndex;

/* Build an index over keys[0..n) (sorted ascending, duplicates allowed, n may
 * be 0). opt may be NULL (AUTO). The handle and its byte image are allocated
 * in ctx; keys are not copied and must outlive the handle.
 * Returns 0, or -1 with err set (22023 unsorted keys or bad options). */
int lidx_build(MemCtx *ctx, const uint64_t *keys, size_t n, const LidxOptions *opt,
               LidxIndex **out, OmError *err);

/* Open a serialized image in place (e.g. an mmapped file): buf must be 8-byte
 * aligned, len its exact length, keys/n the array it was built over. Every
 * header field, offset, count, model parameter and error bound is validated
 * and the CRC32C checked; corrupt, truncated or mismatched input is refused
 * with XX001 (data_corrupted). The handle (allocated in ctx) points into buf:
 * @note buf must stay mapped and unchanged while the handle is used. */
int lidx_open(MemCtx *ctx, const void *buf, size_t len, const uint64_t *keys, size_t n,
              LidxIndex **out, OmError *err);

/* The serialized image (serialize = write these bytes; lidx_open reads them). */
const void *lidx_image(const LidxIndex *ix, size_t *len);

/* First position i with keys[i] >= key (n if none). */
size_t lidx_lower_bound(const LidxIndex *ix, uint64_t key);

/* First position of key: true and *pos set, or false when absent. */
bool lidx_lookup(const LidxIndex *ix, uint64_t key, size_t *pos);

/* The window [*lo, *hi] the model promises holds lower_bound(key) — what the
 * last-mile search scans; exposed so tests can check the stored error bound. */
void lidx_window(const LidxIndex *ix, uint64_t key, size_t *lo, size_t *hi);

/* Bytes of the index image (models + header; the keys are not counted). */
size_t lidx_size_bytes(const LidxIndex *ix);
size_t lidx_nkeys(const LidxIndex *ix);
LidxKind lidx_kind(const LidxIndex *ix);
const char *lidx_kind_name(LidxKind kind);
/* One line on the model: kind, leaves/segments/levels, error bounds. */
const char *lidx_describe(const LidxIndex *ix);

/* ---- composite and text keys ---- */

/* Order-preserving 64-bit prefix of a byte string (memcmp order): its first
 * 8 bytes big-endian, zero-padded. a <= b (memcmp) implies prefix(a) <= prefix(b). */
uint64_t lidx_prefix_bytes(const void *p, size_t len);

/* Compare the full key at position pos with the probe: <0, 0, >0. */
typedef int (*LidxCmpFn)(void *arg, size_t pos);

/* For an index built over the prefixes of sorted full keys: first position
 * whose full key >= the probe (prefix = the probe's prefix; cmp compares the
 * full key at a position with the probe). Equal prefixes, however many, are
 * resolved by binary search with cmp. */
size_t lidx_lower_bound_cmp(const LidxIndex *ix, uint64_t prefix, LidxCmpFn cmp, void *arg);
bool lidx_lookup_cmp(const LidxIndex *ix, uint64_t prefix, LidxCmpFn cmp, void *arg,
                     size_t *pos);

/* CRC32C (Castagnoli) of a buffer, continuing from crc (0 to start). */
uint32_t lidx_crc32c(uint32_t crc, const void *p, size_t len);

#endif
