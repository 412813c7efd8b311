/*
 * writegate.c — the wait for the environment's single write transaction,
 * made interruptible.
 *
 * LMDB lets one write transaction run at a time and makes the next writer
 * wait on a process-shared mutex inside mdb_txn_begin, where nothing can
 * cancel it. Every writer of this process first passes this gate instead, so
 * LMDB's own mutex is never contended from inside the server and the wait is
 * ours: it wakes every STOR_GATE_TICK_MS to check the statement's interrupt
 * (cancel, statement_timeout, lost client, shutdown: 57014 …) and its
 * lock_timeout (55P03), as PostgreSQL's lock waits do.
 *
 * The gate is held from stor_txn_begin(write) to the end of that
 * transaction (commit or abort) — the same span as LMDB's writer lock. The
 * transactions issue replaces this single writer with row locks; the
 * waiting rules stay.
 *
 * Interface (storage_int.h): stor_gate_init, stor_gate_destroy,
 * stor_gate_enter, stor_gate_leave.
 */
#include <errno.h>
#include <time.h>

#include "../common/interrupt.h"
#include "storage_int.h"

#define STOR_GATE_TICK_MS 10

void stor_gate_init(StorEnv *env)
{
    pthread_mutex_init(&env->gate_mu, NULL);
    om_cond_init_mono(&env->gate_cv);
    env->gate_held = false;
}

void stor_gate_destroy(StorEnv *env)
{
    pthread_cond_destroy(&env->gate_cv);
    pthread_mutex_destroy(&env->gate_mu);
}

int stor_gate_enter(StorEnv *env, OmError *err)
{
    long long start = om_mono_us();
    pthread_mutex_lock(&env->gate_mu);
    while (env->gate_held) {
        if (om_intr_check_wait(start, err) < 0) {
            pthread_mutex_unlock(&env->gate_mu);
            return -1;
        }
        struct timespec ts = om_timespec_in(CLOCK_MONOTONIC, STOR_GATE_TICK_MS);
        pthread_cond_timedwait(&env->gate_cv, &env->gate_mu, &ts);
    }
    env->gate_held = true;
    pthread_mutex_unlock(&env->gate_mu);
    return 0;
}

void stor_gate_leave(StorEnv *env)
{
    pthread_mutex_lock(&env->gate_mu);
    env->gate_held = false;
    pthread_cond_signal(&env->gate_cv);
    pthread_mutex_unlock(&env->gate_mu);
}
