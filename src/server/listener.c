/*
 * listener.c — listening sockets, the acceptor thread, one thread per client
 * connection, the connection limit and the socket side of shutdown.
 *
 * Where it sits: main.c creates the server after the storage environment is
 * open; every accepted connection is handed to the wire layer's handler on a
 * detached thread of its own. Nothing here knows the protocol.
 *
 * Limits: up to max_connections admitted sessions. Past that, up to
 * SRV_REFUSE_SLOTS more connections get a thread that only reads the startup
 * packet and answers FATAL 53300 (conn->too_many); beyond even that the
 * socket is closed at once, so a connection flood cannot exhaust threads.
 *
 * Interface: see server.h.
 */
#include "server_int.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../common/clock.h"
#include "../common/log.h"

#define SRV_REFUSE_SLOTS 16        /* threads allowed for telling clients "too many" */
#define SRV_THREAD_STACK (16u << 20) /* reserved, not committed; independent of `ulimit -s` */

SrvServer *srv_server_create(const OmConfig *cfg, StorEnv *env, SrvConnHandler handler)
{
    SrvServer *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->cfg = *cfg;
    s->env = env;
    s->handler = handler;
    s->stop_pipe[0] = s->stop_pipe[1] = -1;
    if (pipe2(s->stop_pipe, O_CLOEXEC) < 0) {
        log_error("pipe_failed", "error=\"%s\"", strerror(errno));
        abort();
    }
    atomic_init(&s->stopping, false);
    pthread_mutex_init(&s->mu, NULL);
    om_cond_init_mono(&s->idle);
    s->next_pid = 1;
    return s;
}

/* "addr:port" or "[addr]:port" for an address. */
static void format_addr(const struct sockaddr *sa, char *out, size_t outsize)
{
    char host[INET6_ADDRSTRLEN] = "?";
    int port = 0;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        port = ntohs(in->sin_port);
        snprintf(out, outsize, "%s:%d", host, port);
    } else if (sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        port = ntohs(in6->sin6_port);
        snprintf(out, outsize, "[%s]:%d", host, port);
    } else {
        snprintf(out, outsize, "unknown");
    }
}

/* Bind one resolved address. Returns the fd or -1 (errno set). */
static int bind_one(const struct addrinfo *ai)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) return -1;
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) goto fail;
    /* Keep IPv6 sockets to IPv6 so "*" can bind 0.0.0.0 and :: side by side. */
    if (ai->ai_family == AF_INET6 &&
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) < 0)
        goto fail;
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0) goto fail;
    if (listen(fd, SOMAXCONN) < 0) goto fail;
    return fd;
fail:;
    int e = errno;
    close(fd);
    errno = e;
    return -1;
}

int srv_server_listen(SrvServer *s, OmError *err)
{
    char list[sizeof s->cfg.listen_addresses];
    snprintf(list, sizeof list, "%s", s->cfg.listen_addresses);
    char port[16];
    snprintf(port, sizeof port, "%d", s->cfg.port);
    char last_error[300] = "no listen address given";

    char *save = NULL;
    for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ' || *tok == '\t') tok++;
        char *end = tok + strlen(tok);
        while (end > tok && (end[-1] == ' ' || end[-1] == '\t')) *--end = '\0';
        if (!*tok) continue;
        bool all = strcmp(tok, "*") == 0;
        /* Allow "[::1]" as well as "::1". */
        if (tok[0] == '[' && end > tok + 1 && end[-1] == ']') {
            end[-1] = '\0';
            tok++;
        }

        struct addrinfo hints = {0}, *res = NULL;
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
        int gai = getaddrinfo(all ? NULL : tok, port, &hints, &res);
        if (gai != 0) {
            snprintf(last_error, sizeof last_error, "could not translate host name \"%s\": %s",
                     tok, gai_strerror(gai));
            log_warn("listen_failed", "address=\"%s\" error=\"%s\"", tok, gai_strerror(gai));
            continue;
        }
        for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
            if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6) continue;
            char name[80];
            format_addr(ai->ai_addr, name, sizeof name);
            bool dup = false;
            for (int i = 0; i < s->nlfd; i++)
                if (strcmp(s->lname[i], name) == 0) dup = true;
            if (dup) continue;
            if (s->nlfd == SRV_MAX_LISTEN) {
                log_warn("listen_skipped", "address=%s reason=\"too many listen addresses\"", name);
                continue;
            }
            int fd = bind_one(ai);
            if (fd < 0) {
                snprintf(last_error, sizeof last_error, "could not bind %s: %s", name,
                         strerror(errno));
                log_warn("listen_failed", "address=%s error=\"%s\"", name, strerror(errno));
                continue;
            }
            s->lfd[s->nlfd] = fd;
            snprintf(s->lname[s->nlfd], sizeof s->lname[0], "%s", name);
            s->nlfd++;
            log_info("listening", "address=%s", name);
        }
        freeaddrinfo(res);
    }
    if (s->nlfd == 0) {
        err_set(err, ERRCODE_SYSTEM_ERROR, "could not create any TCP/IP sockets");
        err_detail(err, "%s", last_error);
        return -1;
    }
    return 0;
}

static uint32_t random_secret(void)
{
    uint32_t v;
    if (getrandom(&v, sizeof v, 0) == (ssize_t)sizeof v) return v;
    /* getrandom cannot really fail for 4 bytes after boot; keep something. */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)ts.tv_nsec ^ (uint32_t)ts.tv_sec * 2654435761u;
}

static void *conn_thread(void *arg)
{
    ConnNode *n = arg;
    SrvServer *s = n->conn.server;
    om_intr_attach(&n->conn.intr);
    s->handler(&n->conn);
    om_intr_attach(NULL);

    pthread_mutex_lock(&s->mu);
    if (n->prev) n->prev->next = n->next;
    else s->conns = n->next;
    if (n->next) n->next->prev = n->prev;
    if (n->conn.too_many) s->nrefusing--;
    else s->nsessions--;
    /* Close under the lock: abort_sessions must never shut down an fd number
     * that has been closed and reused. */
    close(n->conn.fd);
    pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->mu);
    free(n);
    return NULL;
}

static void set_sockopts(int fd)
{
    int one = 1;
    /* Like PostgreSQL: small protocol messages must not wait for Nagle. */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
}

/* Take one accepted socket: admit, refuse via a thread, or drop. */
static void take_connection(SrvServer *s, int fd, const struct sockaddr *peer)
{
    set_sockopts(fd);
    ConnNode *n = calloc(1, sizeof *n);
    if (!n) abort();
    n->conn.fd = fd;
    n->conn.server = s;
    n->conn.env = s->env;
    n->conn.stop_fd = s->stop_pipe[0];
    n->conn.secret = random_secret();
    format_addr(peer, n->conn.peer, sizeof n->conn.peer);

    pthread_mutex_lock(&s->mu);
    if (atomic_load(&s->stopping)) {
        pthread_mutex_unlock(&s->mu);
        close(fd);
        free(n);
        return;
    }
    if (s->nsessions < s->cfg.max_connections) {
        s->nsessions++;
    } else if (s->nrefusing < SRV_REFUSE_SLOTS) {
        n->conn.too_many = true;
        s->nrefusing++;
    } else {
        pthread_mutex_unlock(&s->mu);
        log_warn("connection_dropped", "peer=%s reason=\"too many connections\"", n->conn.peer);
        close(fd);
        free(n);
        return;
    }
    n->conn.pid = s->next_pid++;
    if (s->next_pid == 0) s->next_pid = 1;
    n->next = s->conns;
    if (s->conns) s->conns->prev = n;
    s->conns = n;

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, SRV_THREAD_STACK);
    pthread_t t;
    int rc = pthread_create(&t, &attr, conn_thread, n);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        if (n->prev) n->prev->next = n->next;
        else s->conns = n->next;
        if (n->next) n->next->prev = n->prev;
        if (n->conn.too_many) s->nrefusing--;
        else s->nsessions--;
        pthread_mutex_unlock(&s->mu);
        log_error("thread_create_failed", "peer=%s error=\"%s\"", n->conn.peer, strerror(rc));
        close(fd);
        free(n);
        return;
    }
    /* The thread may end and free n as soon as the lock is released: read
     * what the log needs first (ASan caught the read after the unlock). */
    bool refused = n->conn.too_many;
    pthread_mutex_unlock(&s->mu);
    if (refused) log_warn("too_many_connections", "max_connections=%d", s->cfg.max_connections);
}

static void *acceptor_main(void *arg)
{
    SrvServer *s = arg;
    struct pollfd pfd[SRV_MAX_LISTEN + 1];
    for (int i = 0; i < s->nlfd; i++) {
        pfd[i].fd = s->lfd[i];
        pfd[i].events = POLLIN;
    }
    pfd[s->nlfd].fd = s->stop_pipe[0];
    pfd[s->nlfd].events = POLLIN;

    while (!atomic_load(&s->stopping)) {
        int r = poll(pfd, (nfds_t)s->nlfd + 1, -1);
        if (r < 0) {
            if (errno == EINTR) continue;
            log_error("poll_failed", "error=\"%s\"", strerror(errno));
            break;
        }
        if (pfd[s->nlfd].revents) break;
        for (int i = 0; i < s->nlfd; i++) {
            if (!(pfd[i].revents & POLLIN)) continue;
            struct sockaddr_storage ss;
            socklen_t sl = sizeof ss;
            int fd = accept4(s->lfd[i], (struct sockaddr *)&ss, &sl, SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EINTR || errno == EAGAIN || errno == ECONNABORTED) continue;
                log_warn("accept_failed", "error=\"%s\"", strerror(errno));
                if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                    /* Out of descriptors: back off instead of spinning. */
                    struct timespec ts = {0, 100 * 1000 * 1000};
                    nanosleep(&ts, NULL);
                }
                continue;
            }
            take_connection(s, fd, (struct sockaddr *)&ss);
        }
    }
    return NULL;
}

int srv_server_start(SrvServer *s, OmError *err)
{
    int rc = pthread_create(&s->acceptor, NULL, acceptor_main, s);
    if (rc != 0)
        return err_set(err, ERRCODE_SYSTEM_ERROR, "could not start the acceptor thread: %s",
                       strerror(rc));
    s->acceptor_started = true;
    if (srv_watchdog_start(s, err) < 0) return -1;
    return srv_autoanalyze_start(s, err);
}

bool srv_server_stopping(const SrvServer *s) { return atomic_load(&((SrvServer *)s)->stopping); }

void srv_server_stop_accepting(SrvServer *s)
{
    if (atomic_exchange(&s->stopping, true)) return;
    srv_autoanalyze_stop(s); /* no new background work once shutdown begins */
    /* One byte, never read: the pipe stays readable for every poller. */
    ssize_t w;
    do {
        w = write(s->stop_pipe[1], "x", 1);
    } while (w < 0 && errno == EINTR);
    if (s->acceptor_started) pthread_join(s->acceptor, NULL);
    s->acceptor_started = false;
    for (int i = 0; i < s->nlfd; i++) close(s->lfd[i]);
    s->nlfd = 0;
}

int srv_server_wait_idle(SrvServer *s, int timeout_ms)
{
    struct timespec deadline = om_timespec_in(CLOCK_MONOTONIC, timeout_ms);
    pthread_mutex_lock(&s->mu);
    while (s->conns) {
        if (pthread_cond_timedwait(&s->idle, &s->mu, &deadline) == ETIMEDOUT) break;
    }
    int left = 0;
    for (ConnNode *n = s->conns; n; n = n->next) left++;
    pthread_mutex_unlock(&s->mu);
    return left;
}

void srv_server_terminate_sessions(SrvServer *s)
{
    pthread_mutex_lock(&s->mu);
    for (ConnNode *n = s->conns; n; n = n->next) om_intr_set(&n->conn.intr, OM_INTR_TERMINATE);
    pthread_mutex_unlock(&s->mu);
}

void srv_server_abort_sessions(SrvServer *s)
{
    pthread_mutex_lock(&s->mu);
    for (ConnNode *n = s->conns; n; n = n->next) {
        om_intr_set(&n->conn.intr, OM_INTR_TERMINATE);
        shutdown(n->conn.fd, SHUT_RDWR);
    }
    pthread_mutex_unlock(&s->mu);
}

bool srv_server_cancel(SrvServer *s, uint32_t pid, uint32_t secret)
{
    bool hit = false;
    pthread_mutex_lock(&s->mu);
    for (ConnNode *n = s->conns; n; n = n->next) {
        if (n->conn.pid != pid || n->conn.secret != secret) continue;
        om_intr_set(&n->conn.intr, OM_INTR_CANCEL);
        hit = true;
        break;
    }
    pthread_mutex_unlock(&s->mu);
    return hit;
}

int srv_server_sessions(SrvServer *s)
{
    pthread_mutex_lock(&s->mu);
    int n = s->nsessions;
    pthread_mutex_unlock(&s->mu);
    return n;
}

void srv_server_destroy(SrvServer *s)
{
    if (!s) return;
    srv_server_stop_accepting(s);
    srv_autoanalyze_stop(s);
    srv_watchdog_stop(s);
    close(s->stop_pipe[0]);
    close(s->stop_pipe[1]);
    pthread_cond_destroy(&s->idle);
    pthread_mutex_destroy(&s->mu);
    free(s);
}
