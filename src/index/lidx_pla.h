/*
 * lidx_pla.h — private: optimal piecewise-linear segmentation (lidx_pla.c).
 */
#ifndef OM_LIDX_PLA_H
#define OM_LIDX_PLA_H

#include "index/lidx_int.h"

/* A point stream: next point with strictly increasing x; false at the end. */
typedef bool (*LidxPointFn)(void *st, uint64_t *x, uint64_t *y);

/* Segment the stream with error eps: the fewest segments such that each
 * segment's line is within eps of each of its points (before rounding).
 * *segs (allocated in ctx, one spare slot for a sentinel) gets key = first x,
 * slope and icpt = value at key. Returns the segment count (0 if no points). */
size_t lidx_pla_segment(MemCtx *ctx, uint64_t eps, LidxPointFn next, void *st,
                        LidxPgmSeg **segs);

#endif
