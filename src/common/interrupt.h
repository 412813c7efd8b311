/*
 * interrupt.h — one interrupt check for every long loop.
 *
 * A statement can be stopped from outside its thread: a CancelRequest, its
 * statement_timeout passing, its client going away, or server shutdown. Each
 * of those sets the running thread's OmInterrupt flag (from the cancel path,
 * the server's watchdog thread or the shutdown path); the statement's own
 * loops notice it at their next check and fail with PostgreSQL's error:
 *
 *   OM_INTR_CANCEL       57014 canceling statement due to user request
 *   OM_INTR_TIMEOUT      57014 canceling statement due to statement timeout
 *   OM_INTR_TERMINATE    57P01 terminating connection due to administrator command (FATAL)
 *   OM_INTR_CLIENT_GONE  08006 connection to client lost (FATAL)
 *
 * The check is one relaxed atomic load of a thread-local pointer's flag, so
 * kernels call it per row, per backtracking step, per sort merge: anything
 * that may run for more than a few milliseconds between checks is a defect
 * (docs/architecture.md, "Interrupts"). No timer runs on the statement's
 * thread and no signal is involved: the flag is the only channel.
 *
 * Who sets what: server/ attaches the connection's OmInterrupt to the
 * session thread (om_intr_attach) for the thread's life; it clears
 * CANCEL/TIMEOUT at each statement's start. Code below server/ only calls
 * om_intr_check / OM_INTR_PENDING. A thread with nothing attached (unit
 * tests, the main thread) is never interrupted.
 */
#ifndef OM_INTERRUPT_H
#define OM_INTERRUPT_H

#include <stdatomic.h>
#include <stdbool.h>

#include "clock.h"
#include "err.h"

enum {
    OM_INTR_NONE = 0,
    OM_INTR_CANCEL = 1,
    OM_INTR_TERMINATE = 2,
    OM_INTR_TIMEOUT = 3,
    OM_INTR_CLIENT_GONE = 4,
};

typedef struct OmInterrupt {
    atomic_int flag;     /* OM_INTR_*; written by other threads */
    /* The running statement, as the session publishes it for the server's
     * watchdog thread (server/listener.c): */
    atomic_llong started_us;   /* when the running statement began, 0 = none */
    atomic_llong deadline_us;  /* statement_timeout's end (om_mono_us), 0 = none */
    int lock_timeout_ms;       /* lock_timeout for waits in this statement, 0 = none;
                                * read only by the owning thread */
} OmInterrupt;

/* Wait-loop helper for code that blocks (a lock wait): 0 while the wait may
 * go on, -1 with err set once the statement is interrupted or the lock
 * timeout that began at start_us (om_mono_us) has passed (55P03
 * "canceling statement due to lock timeout"). */
int om_intr_check_wait(long long start_us, OmError *err);

/* The calling thread's interrupt (NULL: none). */
extern _Thread_local OmInterrupt *om_intr_current;

/* Attach intr to the calling thread (NULL detaches). */
void om_intr_attach(OmInterrupt *intr);

/* Raise the pending interrupt's error into err and clear nothing: a
 * TERMINATE or CLIENT_GONE stays set so every later check fails too.
 * Returns -1 (for `return om_intr_raise(err)`). Out of line: the cold path. */
int om_intr_raise(OmError *err, int why);

/* The reason pending on this thread, or OM_INTR_NONE. */
static inline int om_intr_pending(void)
{
    OmInterrupt *i = om_intr_current;
    return i ? atomic_load_explicit(&i->flag, memory_order_relaxed) : OM_INTR_NONE;
}

/* The slow path of om_intr_check: a TIMEOUT whose deadline has not passed
 * (the watchdog saw an earlier statement's) is stale and cleared (0);
 * anything else is raised (-1). */
int om_intr_take(OmError *err, int why);

/* 0, or -1 with err set to the pending interrupt's error. */
static inline int om_intr_check(OmError *err)
{
    int why = om_intr_pending();
    return why ? om_intr_take(err, why) : 0;
}

/* Set flag to why unless an equal or stronger reason is already there:
 * TERMINATE and CLIENT_GONE (they end the session) over CANCEL over TIMEOUT.
 * Safe from any thread. Returns true if the flag changed. */
bool om_intr_set(OmInterrupt *intr, int why);

/* Clear CANCEL and TIMEOUT (a statement's start: a cancel that arrived while
 * idle does not carry over). TERMINATE and CLIENT_GONE stay. */
void om_intr_clear_statement(OmInterrupt *intr);

#endif
