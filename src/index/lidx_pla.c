/*
 * lidx_pla.c — optimal piecewise-linear approximation with a maximum error
 * eps, in one streaming pass (the PGM-index's segmentation: Ferragina and
 * Vinciguerra, "The PGM-index", VLDB 2020, after O'Rourke's 1981 algorithm).
 *
 * Every point (x, y) contributes a vertical bar [y - eps, y + eps]; a segment
 * grows while one line still crosses all its bars. The set of feasible lines
 * is kept as a "rectangle" of four extreme points (the min-slope and
 * max-slope lines through the bars) plus the upper and lower convex hulls of
 * the bar ends, so each point is added in amortized O(1). When a point no
 * longer fits, the segment is closed with the slope halfway between the two
 * extreme slopes through their intersection, and a new segment starts there.
 * Slopes are compared as exact 128-bit cross products, never as divisions.
 *
 * Interface: lidx_pla_segment (lidx_int.h).
 */
#include <string.h>

#include "index/lidx_pla.h"

typedef __int128 I128;

typedef struct { uint64_t x; I128 y; } Pt;        /* a bar end */
typedef struct { I128 dx, dy; } Slope;

static inline Slope sl(Pt a, Pt b) /* slope from b to a */
{
    Slope s = { (I128)a.x - (I128)b.x, a.y - b.y };
    return s;
}
static inline bool sl_lt(Slope a, Slope b) { return a.dy * b.dx < b.dy * a.dx; }
static inline bool sl_gt(Slope a, Slope b) { return a.dy * b.dx > b.dy * a.dx; }
static inline bool sl_eq(Slope a, Slope b) { return a.dy * b.dx == b.dy * a.dx; }

static inline I128 cross(Pt o, Pt a, Pt b)
{
    Slope oa = sl(a, o), ob = sl(b, o);
    return oa.dx * ob.dy - oa.dy * ob.dx;
}

typedef struct {
    MemCtx *ctx;
    I128 eps;
    Pt *up, *lo;          /* hull points, already shifted by +eps / -eps */
    size_t nup, nlo, cap;
    size_t up_start, lo_start;
    size_t npts;
    uint64_t first_x;
    Pt rect[4];
} Pla;

static void pla_push(Pla *p, Pt **arr, size_t *len, Pt v)
{
    if (*len == p->cap) {
        size_t nc = p->cap * 2;
        p->up = mem_realloc(p->ctx, p->up, p->cap * sizeof(Pt), nc * sizeof(Pt));
        p->lo = mem_realloc(p->ctx, p->lo, p->cap * sizeof(Pt), nc * sizeof(Pt));
        p->cap = nc; /* arr points at the field, so it sees the moved array */
    }
    (*arr)[(*len)++] = v;
}

/* Add a point; false when it does not fit (the segment is then closed and
 * the caller restarts with this point). */
static bool pla_add(Pla *p, uint64_t x, uint64_t y)
{
    Pt p1 = { x, (I128)y + p->eps }, p2 = { x, (I128)y - p->eps };
    if (p->npts == 0) {
        p->first_x = x;
        p->rect[0] = p1; p->rect[1] = p2;
        p->nup = p->nlo = 0;
        p->up_start = p->lo_start = 0;
        pla_push(p, &p->up, &p->nup, p1);
        pla_push(p, &p->lo, &p->nlo, p2);
        p->npts = 1;
        return true;
    }
    if (p->npts == 1) {
        p->rect[2] = p2; p->rect[3] = p1;
        pla_push(p, &p->up, &p->nup, p1);
        pla_push(p, &p->lo, &p->nlo, p2);
        p->npts = 2;
        return true;
    }
    Slope s1 = sl(p->rect[2], p->rect[0]);   /* smallest feasible slope */
    Slope s2 = sl(p->rect[3], p->rect[1]);   /* largest feasible slope */
    if (sl_lt(sl(p1, p->rect[2]), s1) || sl_gt(sl(p2, p->rect[3]), s2))
        return false;

    if (sl_lt(sl(p1, p->rect[1]), s2)) {
        /* The new upper end lowers the max slope: pivot on the lower hull. */
        Slope mn = sl(p->lo[p->lo_start], p1);
        size_t mi = p->lo_start;
        for (size_t i = p->lo_start + 1; i < p->nlo; i++) {
            Slope v = sl(p->lo[i], p1);
            if (sl_gt(v, mn)) break;
            mn = v; mi = i;
        }
        p->rect[1] = p->lo[mi];
        p->rect[3] = p1;
        p->lo_start = mi;
        size_t end = p->nup;
        while (end >= p->up_start + 2 && cross(p->up[end - 2], p->up[end - 1], p1) <= 0) end--;
        p->nup = end;
        pla_push(p, &p->up, &p->nup, p1);
    }
    if (sl_gt(sl(p2, p->rect[0]), s1)) {
        /* The new lower end raises the min slope: pivot on the upper hull. */
        Slope mx = sl(p->up[p->up_start], p2);
        size_t mi = p->up_start;
        for (size_t i = p->up_start + 1; i < p->nup; i++) {
            Slope v = sl(p->up[i], p2);
            if (sl_lt(v, mx)) break;
            mx = v; mi = i;
        }
        p->rect[0] = p->up[mi];
        p->rect[2] = p2;
        p->up_start = mi;
        size_t end = p->nlo;
        while (end >= p->lo_start + 2 && cross(p->lo[end - 2], p->lo[end - 1], p2) >= 0) end--;
        p->nlo = end;
        pla_push(p, &p->lo, &p->nlo, p2);
    }
    p->npts++;
    return true;
}

/* Close the current segment: a line through the intersection of the two
 * extreme lines with the mean of their slopes, as value at first_x. */
static void pla_close(const Pla *p, LidxPgmSeg *out)
{
    out->key = p->first_x;
    const Pt *r = p->rect;
    if (p->npts == 1) {
        out->slope = 0.0;
        out->icpt = (double)((long double)(r[0].y + r[1].y) / 2.0L);
        return;
    }
    Slope s1 = sl(r[2], r[0]), s2 = sl(r[3], r[1]);
    long double ix, iy;
    if (sl_eq(s1, s2)) {
        ix = (long double)r[0].x; iy = (long double)r[0].y;
    } else {
        Slope d = sl(r[1], r[0]);
        I128 a = s1.dx * s2.dy - s1.dy * s2.dx;
        long double b = (long double)(d.dx * s2.dy - d.dy * s2.dx) / (long double)a;
        ix = (long double)r[0].x + b * (long double)s1.dx;
        iy = (long double)r[0].y + b * (long double)s1.dy;
    }
    long double mn = (long double)s1.dy / (long double)s1.dx;
    long double mx = (long double)s2.dy / (long double)s2.dx;
    long double slope = (mn + mx) / 2.0L;
    if (!(slope >= 0.0L)) slope = 0.0L;    /* keep predictions monotone */
    out->slope = (double)slope;
    out->icpt = (double)(iy - (ix - (long double)p->first_x) * slope);
}

size_t lidx_pla_segment(MemCtx *ctx, uint64_t eps, LidxPointFn next, void *st,
                        LidxPgmSeg **segs_out)
{
    MemCtx *scratch = mem_ctx_create(ctx, "lidx pla");
    Pla p;
    memset(&p, 0, sizeof p);
    p.ctx = scratch;
    p.eps = (I128)eps;
    p.cap = 1024;
    p.up = mem_alloc(scratch, p.cap * sizeof(Pt));
    p.lo = mem_alloc(scratch, p.cap * sizeof(Pt));

    size_t cap = 1024, n = 0;
    LidxPgmSeg *segs = mem_alloc(ctx, cap * sizeof *segs);
    uint64_t x, y;
    while (next(st, &x, &y)) {
        if (!pla_add(&p, x, y)) {
            if (n + 1 >= cap) {
                segs = mem_realloc(ctx, segs, cap * sizeof *segs, 2 * cap * sizeof *segs);
                cap *= 2;
            }
            pla_close(&p, &segs[n++]);
            p.npts = 0;
            pla_add(&p, x, y);
        }
    }
    if (p.npts) {
        if (n + 1 >= cap) {
            segs = mem_realloc(ctx, segs, cap * sizeof *segs, 2 * cap * sizeof *segs);
            cap *= 2;
        }
        pla_close(&p, &segs[n++]);
    }
    mem_ctx_delete(scratch);
    *segs_out = segs;
    return n;
}
