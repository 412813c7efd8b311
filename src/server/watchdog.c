/*
 * watchdog.c — the server's watchdog thread: it turns time and lost clients
 * into interrupts of running statements (common/interrupt.h).
 *
 * Where it sits: one thread per server, started with the acceptor. Each
 * session publishes its running statement in its connection's OmInterrupt
 * (server/exec.c: started_us, deadline_us); the watchdog
 *   - sets OM_INTR_TIMEOUT once a statement's statement_timeout deadline has
 *     passed (it sleeps until the earliest deadline; a session arming a new
 *     one wakes it through srv_server_watch), and
 *   - every WD_POLL_MS polls the socket of every statement that has run at
 *     least that long, without reading: POLLRDHUP/POLLHUP/POLLERR mean the
 *     client is gone (killed, disconnected), and OM_INTR_CLIENT_GONE stops
 *     the statement, rolls its transaction back and frees the slot — as
 *     PostgreSQL does with client_connection_check_interval.
 * A stale TIMEOUT (set just as its statement ended) is harmless: the next
 * statement's check sees its own deadline has not passed and clears it.
 *
 * It walks the connection list under the listener's mutex, which is also
 * what makes polling a descriptor safe: a connection's fd is closed under
 * the same mutex, so it is never a reused number here.
 *
 * Interface: srv_watchdog_start, srv_watchdog_stop (server_int.h),
 * srv_server_watch (server.h).
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>

#include "../common/log.h"
#include "server_int.h"

#define WD_POLL_MS 100  /* how often a busy statement's client is checked */
#define WD_IDLE_MS 1000 /* sleep when no statement runs */

static bool client_gone(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLRDHUP};
    int r;
    do {
        r = poll(&p, 1, 0);
    } while (r < 0 && errno == EINTR);
    return r > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
}

/* One sweep; returns when the watchdog should look again (om_mono_us). */
static long long sweep(SrvServer *s, long long now)
{
    long long wake = now + WD_IDLE_MS * 1000LL;
    bool poll_due = now - s->last_poll_us >= WD_POLL_MS * 1000LL;
    if (poll_due) s->last_poll_us = now;
    for (ConnNode *n = s->conns; n; n = n->next) {
        OmInterrupt *i = &n->conn.intr;
        long long started = atomic_load(&i->started_us);
        if (!started) continue;
        long long d = atomic_load(&i->deadline_us);
        if (d && now >= d) {
            if (om_intr_set(i, OM_INTR_TIMEOUT))
                log_debug("statement_timeout", "pid=%u", n->conn.pid);
        } else if (d && d < wake) {
            wake = d;
        }
        long long next_poll = s->last_poll_us + WD_POLL_MS * 1000LL;
        if (poll_due && now - started >= WD_POLL_MS * 1000LL && client_gone(n->conn.fd)) {
            if (om_intr_set(i, OM_INTR_CLIENT_GONE))
                log_info("client_gone", "pid=%u peer=%s: the client closed its connection during a statement",
                         n->conn.pid, n->conn.peer);
        }
        if (next_poll < wake) wake = next_poll;
    }
    return wake;
}

static void *watchdog_main(void *arg)
{
    SrvServer *s = arg;
    pthread_mutex_lock(&s->mu);
    while (!s->watchdog_stop) {
        long long wake = sweep(s, om_mono_us());
        struct timespec ts = om_timespec_at_us(wake);
        pthread_cond_timedwait(&s->watch, &s->mu, &ts);
    }
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int srv_watchdog_start(SrvServer *s, OmError *err)
{
    om_cond_init_mono(&s->watch);
    s->watchdog_stop = false;
    int rc = pthread_create(&s->watchdog, NULL, watchdog_main, s);
    if (rc != 0) {
        pthread_cond_destroy(&s->watch);
        return err_set(err, ERRCODE_SYSTEM_ERROR, "could not start the watchdog thread: %s", strerror(rc));
    }
    s->watchdog_started = true;
    return 0;
}

void srv_watchdog_stop(SrvServer *s)
{
    if (!s->watchdog_started) return;
    pthread_mutex_lock(&s->mu);
    s->watchdog_stop = true;
    pthread_cond_signal(&s->watch);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->watchdog, NULL);
    pthread_cond_destroy(&s->watch);
    s->watchdog_started = false;
}

void srv_server_watch(SrvServer *s)
{
    if (!s->watchdog_started) return;
    pthread_mutex_lock(&s->mu);
    pthread_cond_signal(&s->watch);
    pthread_mutex_unlock(&s->mu);
}
