/*
 * server_int.h — the server's private state, shared by listener.c (sockets,
 * threads, limits) and watchdog.c (statement timeouts, lost clients).
 */
#ifndef OM_SERVER_INT_H
#define OM_SERVER_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "server.h"

#define SRV_MAX_LISTEN 64          /* listening sockets */

/* The listener's own wrapper around what the handler sees. */
typedef struct ConnNode {
    SrvConn conn;
    struct ConnNode *prev, *next;
} ConnNode;

struct SrvServer {
    OmConfig cfg;
    StorEnv *env;
    SrvConnHandler handler;

    int lfd[SRV_MAX_LISTEN];
    char lname[SRV_MAX_LISTEN][80];
    int nlfd;

    int stop_pipe[2];      /* written once at shutdown, never drained */
    pthread_t acceptor;
    bool acceptor_started;
    atomic_bool stopping;

    pthread_mutex_t mu;    /* guards everything below */
    pthread_cond_t idle;   /* signalled whenever a connection thread ends */
    int nsessions;         /* admitted connections */
    int nrefusing;         /* over-limit connections being refused */
    ConnNode *conns;
    uint32_t next_pid;

    /* The watchdog thread (watchdog.c): statement timeouts and lost clients. */
    pthread_t watchdog;
    bool watchdog_started;
    bool watchdog_stop;           /* under mu */
    pthread_cond_t watch;         /* wakes the watchdog (a new deadline, stop) */
    long long last_poll_us;       /* the watchdog's last sweep of client sockets */

    /* The autoanalyze thread (autoanalyze.c): statistics of changed tables. */
    pthread_t aa_thread;
    bool aa_started;
    bool aa_stop;                 /* under mu */
    pthread_cond_t aa_wake;
    OmInterrupt aa_intr;          /* TERMINATE at shutdown stops a running analysis */
};

/* Start / stop the watchdog thread (watchdog.c); stop is idempotent. */
int srv_watchdog_start(SrvServer *s, OmError *err);
void srv_watchdog_stop(SrvServer *s);
/* Start / stop the autoanalyze thread (autoanalyze.c; not started when
 * autovacuum_naptime is 0); stop is idempotent. */
int srv_autoanalyze_start(SrvServer *s, OmError *err);
void srv_autoanalyze_stop(SrvServer *s);


#endif
