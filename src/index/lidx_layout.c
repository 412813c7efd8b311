/*
 * lidx_layout.c — the index image on disk and in memory: header, CRC32C,
 * sealing a built image, and lidx_open, which validates an untrusted image
 * (a file that may be truncated, damaged or simply not ours) before any
 * lookup may read it. Nothing in the image is trusted until checked: sizes
 * against the buffer, offsets against sizes, counts against each other,
 * model numbers for finiteness, positions against n, error bounds against n.
 *
 * Interface: lidx_open, lidx_crc32c, lidx_header_fill, lidx_image_seal.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "common/crc32c.h"
#include "index/lidx_int.h"

/* The shared CRC32C of src/common/ (it started here). */
uint32_t lidx_crc32c(uint32_t crc, const void *buf, size_t len)
{
    return om_crc32c(crc, buf, len);
}

/* The crc covers everything but the crc field (bytes 8..11). */
static uint32_t image_crc(const uint8_t *img, size_t len)
{
    static const uint8_t zero[4];
    uint32_t c = lidx_crc32c(0, img, 8);
    c = lidx_crc32c(c, zero, 4);
    return lidx_crc32c(c, img + 12, len - 12);
}

void lidx_header_fill(LidxHeader *h, LidxKind kind, size_t total, const uint64_t *keys,
                      size_t n, uint64_t count, uint64_t param)
{
    memset(h, 0, sizeof *h);
    h->magic = LIDX_MAGIC;
    h->version = LIDX_VERSION;
    h->kind = (uint16_t)kind;
    h->header_len = sizeof(LidxHeader);
    h->total_len = total;
    h->nkeys = n;
    h->min_key = n ? keys[0] : 0;
    h->max_key = n ? keys[n - 1] : 0;
    h->count = count;
    h->param = param;
}

void lidx_image_seal(uint8_t *img, size_t len)
{
    ((LidxHeader *)img)->crc = image_crc(img, len);
}

static int corrupt(OmError *err, const char *what)
{
    err_set(err, ERRCODE_DATA_CORRUPTED, "invalid learned index image");
    err_detail(err, "%s", what);
    return -1;
}

/* A model coefficient: finite and small enough that slope * 2^64 stays finite. */
static bool coef_ok(double v) { return isfinite(v) && fabs(v) < 1e250; }

/* The root: a linear model, or a radix table that is finite, starts at
 * leaf >= 0, never decreases and ends at exactly L, so routing is monotone
 * and in range whatever the key. */
static int open_rmi_root(LidxIndex *ix, uint64_t L, size_t *tab_bytes, OmError *err)
{
    const LidxRmiRoot *r = ix->root;
    *tab_bytes = 0;
    ix->rtab = NULL;
    if (r->type == LIDX_ROOT_LINEAR) {
        if (r->bits != 0 || r->shift != 0 || r->pad != 0 || r->nbuckets != 0)
            return corrupt(err, "RMI linear root has radix fields");
        if (!coef_ok(r->slope) || !coef_ok(r->icpt) || r->slope < 0)
            return corrupt(err, "RMI root model out of range");
        return 0;
    }
    if (r->type != LIDX_ROOT_RADIX)
        return corrupt(err, "unknown RMI root kind");
    if (r->slope != 0.0 || r->icpt != 0.0 || r->pad != 0)
        return corrupt(err, "RMI radix root has linear fields");
    /* 64 - bits + 1 octaves of 2^bits buckets hold every 64-bit offset. */
    if (r->bits > LIDX_RADIX_MAX_BITS || r->shift > 63 || r->nbuckets == 0 ||
        r->nbuckets > ((uint64_t)(65 - r->bits) << r->bits))
        return corrupt(err, "RMI radix root size out of range");
    size_t room = ix->image_len - sizeof(LidxHeader) - sizeof(LidxRmiRoot);
    if (r->nbuckets + 1 > room / sizeof(double))
        return corrupt(err, "RMI radix table longer than the image");
    const double *tab = (const double *)(ix->image + sizeof(LidxHeader) + sizeof(LidxRmiRoot));
    if (!(tab[0] >= 0.0) || tab[r->nbuckets] != (double)L)
        return corrupt(err, "RMI radix table does not span the leaves");
    for (uint64_t b = 0; b < r->nbuckets; b++)
        if (!isfinite(tab[b]) || !(tab[b] <= tab[b + 1]))
            return corrupt(err, "RMI radix table out of order");
    ix->rtab = tab;
    *tab_bytes = sizeof(double) * (r->nbuckets + 1);
    return 0;
}

static int open_rmi(LidxIndex *ix, const LidxHeader *h, OmError *err)
{
    uint64_t L = h->count, n = ix->n;
    if (ix->image_len < sizeof(LidxHeader) + sizeof(LidxRmiRoot))
        return corrupt(err, "RMI image shorter than its root");
    ix->root = (const LidxRmiRoot *)(ix->image + sizeof(LidxHeader));
    size_t tab_bytes;
    if (L == 0 || L > ix->image_len / sizeof(LidxRmiLeaf))
        return corrupt(err, "RMI leaf count does not match the image size");
    if (open_rmi_root(ix, L, &tab_bytes, err)) return -1;
    size_t head = sizeof(LidxHeader) + sizeof(LidxRmiRoot) + tab_bytes;
    size_t room = ix->image_len - head; /* head <= image_len: checked above */
    if (room % sizeof(LidxRmiLeaf) != 0 || room / sizeof(LidxRmiLeaf) < 2 ||
        L != room / sizeof(LidxRmiLeaf) - 1)
        return corrupt(err, "RMI leaf count does not match the image size");
    ix->leaves = (const LidxRmiLeaf *)(ix->image + head);
    ix->nleaves = L;
    if (lidx_leaf_start(&ix->leaves[0]) != 0 || ix->leaves[L].se != (uint64_t)n << 24 ||
        (uint64_t)n >> LIDX_LEAF_START_BITS)
        return corrupt(err, "RMI leaf positions do not span the keys");
    uint64_t maxerr = 0;
    double sumerr = 0.0;
    for (uint64_t j = 0; j < L; j++) {
        const LidxRmiLeaf *lf = &ix->leaves[j];
        uint64_t a = lidx_leaf_start(lf), b = lidx_leaf_start(lf + 1), e = lidx_leaf_err(lf);
        if (b < a)
            return corrupt(err, "RMI leaf positions out of order");
        if (!isfinite(lf->slope) || !isfinite(lf->icpt) || !(lf->slope >= 0.0f))
            return corrupt(err, "RMI leaf model out of range");
        if (e > n && e != LIDX_LEAF_ERR_SAT)
            return corrupt(err, "RMI leaf error bound beyond the key count");
        e = e == LIDX_LEAF_ERR_SAT ? b - a : e;
        sumerr += (double)e * (double)(b - a);
        if (e > maxerr) maxerr = e;
    }
    const LidxRmiRoot *r = ix->root;
    char rd[48] = "linear";
    if (ix->rtab)
        snprintf(rd, sizeof rd, "radix bits=%u shift=%u buckets=%llu", (unsigned)r->bits,
                 (unsigned)r->shift, (unsigned long long)r->nbuckets);
    snprintf(ix->desc, sizeof ix->desc, "rmi root=%s leaves=%llu err max=%llu mean=%.1f", rd,
             (unsigned long long)L, (unsigned long long)maxerr, n ? sumerr / (double)n : 0.0);
    return 0;
}

/* The PGM radix top at byte pos, which must end the image exactly: radix
 * parameters in range, a table that starts at 0, never decreases and ends at
 * exactly level 0's segment count — so any key lands on a segment of level
 * 0, whatever the table says. */
static int open_pgm_top(LidxIndex *ix, size_t pos, OmError *err)
{
    size_t len = ix->image_len;
    uint64_t count = ix->levels[0].count;
    if (len - pos < sizeof(LidxPgmTop))
        return corrupt(err, "PGM image size does not match its levels");
    const LidxPgmTop *t = (const LidxPgmTop *)(ix->image + pos);
    if (t->bits > LIDX_RADIX_MAX_BITS || t->shift > 63 || t->nbuckets == 0 ||
        t->nbuckets > ((uint64_t)(65 - t->bits) << t->bits) || count < LIDX_PGM_TOP_MIN ||
        count >= UINT32_MAX)
        return corrupt(err, "PGM radix top out of range");
    size_t room = len - pos - sizeof(LidxPgmTop);
    if (t->nbuckets + 1 > room / sizeof(uint32_t) ||
        room != ((t->nbuckets + 1) * sizeof(uint32_t) + 7) / 8 * 8)
        return corrupt(err, "PGM radix top does not match the image size");
    const uint32_t *tab = (const uint32_t *)(t + 1);
    if (tab[0] != 0 || tab[t->nbuckets] != count)
        return corrupt(err, "PGM radix top does not span the segments");
    for (uint64_t b = 0; b < t->nbuckets; b++)
        if (tab[b] > tab[b + 1])
            return corrupt(err, "PGM radix top out of order");
    ix->ptop = t;
    ix->ptab = tab;
    return 0;
}

static int open_pgm(LidxIndex *ix, const LidxHeader *h, OmError *err)
{
    uint64_t nl = h->count;
    size_t len = ix->image_len;
    if (nl == 0 || nl > LIDX_MAX_LEVELS)
        return corrupt(err, "PGM level count out of range");
    size_t pos = sizeof(LidxHeader) + nl * sizeof(LidxPgmLevel);
    if (pos > len)
        return corrupt(err, "PGM image shorter than its level table");
    ix->levels = (const LidxPgmLevel *)(ix->image + sizeof(LidxHeader));
    ix->nlevels = nl;
    for (uint64_t l = 0; l < nl; l++) {
        const LidxPgmLevel *lv = &ix->levels[l];
        uint64_t top = l == 0 ? ix->n : ix->levels[l - 1].count - 1;
        size_t room = (len - pos) / sizeof(LidxPgmSeg); /* pos <= len holds here */
        if (lv->count == 0 || lv->offset != pos || room < 1 || lv->count > room - 1)
            return corrupt(err, "PGM level offset or count out of range");
        if (l > 0 && lv->count > ix->levels[l - 1].count)
            return corrupt(err, "PGM level larger than the level below");
        if ((l == nl - 1) != (lv->count == 1))
            return corrupt(err, "PGM top level is not a single segment");
        if (lv->err > (l == 0 ? ix->n : top + 1))
            return corrupt(err, "PGM error bound beyond its level");
        const LidxPgmSeg *s = (const LidxPgmSeg *)(ix->image + pos);
        for (uint64_t i = 0; i < lv->count; i++) {
            if (!coef_ok(s[i].slope) || !coef_ok(s[i].icpt) || s[i].slope < 0)
                return corrupt(err, "PGM segment model out of range");
            if (i > 0 && s[i].key <= s[i - 1].key)
                return corrupt(err, "PGM segment keys out of order");
        }
        if (s[lv->count].key != UINT64_MAX || s[lv->count].slope != 0.0 ||
            s[lv->count].icpt != (double)top)
            return corrupt(err, "PGM level sentinel damaged");
        ix->segs[l] = s;
        pos += (lv->count + 1) * sizeof(LidxPgmSeg);
    }
    ix->ptop = NULL;
    ix->ptab = NULL;
    if (pos != len && open_pgm_top(ix, pos, err)) return -1;
    char top[64] = "";
    if (ix->ptop)
        snprintf(top, sizeof top, " top=radix bits=%u shift=%u buckets=%llu",
                 (unsigned)ix->ptop->bits, (unsigned)ix->ptop->shift,
                 (unsigned long long)ix->ptop->nbuckets);
    snprintf(ix->desc, sizeof ix->desc, "pgm eps=%llu levels=%llu segments=%llu err=%llu%s",
             (unsigned long long)h->param, (unsigned long long)nl,
             (unsigned long long)ix->levels[0].count, (unsigned long long)ix->levels[0].err, top);
    return 0;
}

int lidx_open(MemCtx *ctx, const void *buf, size_t len, const uint64_t *keys, size_t n,
              LidxIndex **out, OmError *err)
{
    const uint8_t *img = buf;
    *out = NULL;
    if (!img || len < sizeof(LidxHeader))
        return corrupt(err, "image shorter than its header");
    if ((uintptr_t)img % 8 != 0)
        return corrupt(err, "image not 8-byte aligned");
    const LidxHeader *h = (const LidxHeader *)img;
    if (h->magic != LIDX_MAGIC)
        return corrupt(err, "bad magic number (not a learned index, or another byte order)");
    if (h->version != LIDX_VERSION)
        return corrupt(err, "unsupported version");
    if (h->header_len != sizeof(LidxHeader) || h->total_len != len)
        return corrupt(err, "image length does not match its header (truncated?)");
    if (image_crc(img, len) != h->crc)
        return corrupt(err, "checksum mismatch");
    if (h->nkeys != n || (n && (h->min_key != keys[0] || h->max_key != keys[n - 1])))
        return corrupt(err, "index was built over other keys");

    LidxIndex *ix = mem_new(ctx, LidxIndex);
    ix->image = img;
    ix->image_len = len;
    ix->keys = keys;
    ix->n = n;
    int rc;
    if (h->kind == LIDX_RMI) rc = open_rmi(ix, h, err);
    else if (h->kind == LIDX_PGM) rc = open_pgm(ix, h, err);
    else rc = corrupt(err, "unknown model kind");
    if (rc) return -1;
    ix->kind = (LidxKind)h->kind;
    *out = ix;
    return 0;
}
