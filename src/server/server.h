/*
 * server.h — the pgwire listener: listening sockets, one thread per client
 * connection, the connection limit, and the steps of a graceful shutdown.
 *
 * The listener knows sockets and threads but not the protocol: each accepted
 * connection is handed, on its own thread, to a SrvConnHandler (the wire
 * layer's wire_conn_serve, passed in by main.c), which speaks the protocol
 * and returns when the session is over. The listener then closes the socket
 * and frees the SrvConn.
 *
 * Shutdown (driven by main.c on SIGINT/SIGTERM):
 *   srv_server_stop_accepting  — close the listening sockets and make
 *                                srv_server_stop_fd readable: idle sessions
 *                                end at once, busy ones after their statement;
 *   srv_server_wait_idle       — wait (bounded) for the sessions to end;
 *   srv_server_abort_sessions  — after the grace period, shut the remaining
 *                                sockets down so blocked reads/writes fail;
 *   srv_server_destroy         — once no session thread is left.
 *
 * Threads: every function here may be called from any thread except where
 * noted; srv_server_destroy must not race with anything.
 */
#ifndef OM_SERVER_H
#define OM_SERVER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "../common/config.h"
#include "../common/err.h"
#include "../storage/storage.h"
#include "session.h"

/* One accepted client connection, owned by the listener. The handler may
 * read every field; it must not close fd (the listener does, after the
 * handler returns). */
typedef struct SrvConn {
    int fd;              /* connected TCP socket (blocking, TCP_NODELAY) */
    SrvServer *server;
    StorEnv *env;        /* the database environment sessions run against */
    int stop_fd;         /* becomes readable (and stays so) when shutdown begins */
    uint32_t pid;        /* BackendKeyData process id: a per-server counter */
    uint32_t secret;     /* BackendKeyData secret: random */
    bool too_many;       /* over max_connections: refuse with FATAL 53300 after the
                          * startup packet (the protocol wants the client to get
                          * an ErrorResponse, not a bare close) */
    char peer[80];       /* "addr:port" / "[v6addr]:port", for logs */
    OmInterrupt intr;    /* the session's statement interrupt (common/interrupt.h) */
} SrvConn;

/* Serves one connection to its end, on the connection's own thread. */
typedef void (*SrvConnHandler)(SrvConn *conn);

/* Create a server (nothing is bound yet). cfg is copied; env must outlive the
 * server. Never NULL. */
SrvServer *srv_server_create(const OmConfig *cfg, StorEnv *env, SrvConnHandler handler);

/* Bind and listen on every address of cfg->listen_addresses (comma-separated
 * host names or IPv4/IPv6 literals; "*" = every IPv4 and IPv6 address) at
 * cfg->port, with SO_REUSEADDR. An address that cannot be bound is logged and
 * skipped, as PostgreSQL does; fails (58000 "could not create any TCP/IP
 * sockets", last system error as detail) only when none could be bound.
 * Logs event=listening per socket. */
int srv_server_listen(SrvServer *srv, OmError *err);

/* Start the acceptor thread. Returns 0, or -1 with err set. */
int srv_server_start(SrvServer *srv, OmError *err);

/* Wake the watchdog thread: a session armed a statement_timeout deadline
 * (watchdog.c). Cheap; safe from any thread. */
void srv_server_watch(SrvServer *srv);

/* true once srv_server_stop_accepting has begun. */
bool srv_server_stopping(const SrvServer *srv);

/* Stop accepting: join the acceptor, close the listening sockets and wake
 * every session's poll on stop_fd. Idempotent. */
void srv_server_stop_accepting(SrvServer *srv);

/* Wait up to timeout_ms for every connection thread to finish. Returns the
 * number still running (0 = all done). */
int srv_server_wait_idle(SrvServer *srv, int timeout_ms);

/* Interrupt the statements still running with TERMINATE (FATAL 57P01 "terminating
 * connection due to administrator command" at their next interrupt check,
 * sent to their clients), so they end on their own. */
void srv_server_terminate_sessions(SrvServer *srv);

/* shutdown(SHUT_RDWR) the sockets of the connections still running, so any
 * read or write they are blocked in fails and they end. */
void srv_server_abort_sessions(SrvServer *srv);

/* Connections currently served (admitted sessions, not counting refused
 * over-limit clients that are still being told so). */
int srv_server_sessions(SrvServer *srv);

/* CancelRequest: if a session has this BackendKeyData (pid, secret), ask its
 * running statement to stop with 57014. Returns whether one matched. */
bool srv_server_cancel(SrvServer *srv, uint32_t pid, uint32_t secret);

/* Free the server. Only after srv_server_wait_idle returned 0 (or if
 * srv_server_start was never called). */
void srv_server_destroy(SrvServer *srv);

#endif
