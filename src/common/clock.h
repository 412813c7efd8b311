/*
 * clock.h — the monotonic clock and timed waits, in one place.
 *
 * Deadlines (statement_timeout, read deadlines, shutdown grace, lock waits)
 * are kept as CLOCK_MONOTONIC microseconds or milliseconds; condition
 * variables that wait for them are made to use the same clock.
 */
#ifndef OM_CLOCK_H
#define OM_CLOCK_H

#include <pthread.h>
#include <time.h>

/* CLOCK_MONOTONIC in microseconds / milliseconds. */
long long om_mono_us(void);
long long om_mono_ns(void);
static inline long long om_mono_ms(void) { return om_mono_us() / 1000; }

/* An absolute timespec ms milliseconds from now on clock (for
 * pthread_cond_timedwait on a om_cond_init_mono condition variable, or
 * CLOCK_REALTIME for the pthread calls that only take that clock). */
struct timespec om_timespec_in(clockid_t clock, long long ms);

/* The absolute CLOCK_MONOTONIC timespec of a om_mono_us() value. */
struct timespec om_timespec_at_us(long long mono_us);

/* Initialise cv to time its waits on CLOCK_MONOTONIC. */
void om_cond_init_mono(pthread_cond_t *cv);

#endif
