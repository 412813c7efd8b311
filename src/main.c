/*
 * main.c — the omendb server program: settings, storage, listener, signals.
 *
 * Startup: cfg_load (flags > OMENDB_* > omendb.toml > defaults), open the
 * LMDB environment in data_dir, bootstrap the catalog, bind the listen
 * addresses, start the acceptor, log event=ready.
 *
 * Signals: SIGINT and SIGTERM are blocked in every thread and taken by the
 * main thread with sigwait, so no handler ever runs inside library code.
 * Shutdown: stop accepting; idle sessions end at once (FATAL 57P01) and busy
 * ones after their statement; after SRV_GRACE_MS the remaining statements
 * are interrupted (FATAL 57P01 to their clients), and a second later the
 * sockets of any still left are shut down; each session thread rolls its transaction back itself; then the
 * environment is closed and the process exits 0. A second signal skips the
 * rest of the grace period. SIGPIPE is ignored (writes use MSG_NOSIGNAL too).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog/catalog.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/log.h"
#include "server/server.h"
#include "storage/storage.h"
#include "wire/wire.h"

#define SRV_GRACE_MS 5000     /* running statements get this long to finish */
#define SRV_TERMINATE_WAIT_MS 1000 /* after they are told to terminate */
#define SRV_ABORT_WAIT_MS 2000 /* after their sockets are shut down */

static void print_error(const char *argv0, const OmError *e)
{
    fprintf(stderr, "%s: %s\n", argv0, e->message);
    if (e->detail[0]) fprintf(stderr, "DETAIL: %s\n", e->detail);
    if (e->hint[0]) fprintf(stderr, "HINT: %s\n", e->hint);
}

/* A log value: quotes and backslashes escaped, control characters as '?'. */
static const char *quote(const char *s, char *out, size_t outsize)
{
    size_t n = 0;
    for (; *s && n + 3 < outsize; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') out[n++] = '\\';
        out[n++] = ch < 32 || ch == 127 ? '?' : (char)ch;
    }
    out[n] = '\0';
    return out;
}

/* --check: the layout of a table from its catalog record (storage does
 * not know catalog/). */
static int check_layout(void *arg, const void *val, size_t vlen, MemCtx *ctx,
                        const StorTableDesc **desc, OmError *err)
{
    (void)arg;
    CatTable *t;
    if (cat_table_decode(val, vlen, ctx, &t, err) < 0) return -1;
    *desc = &t->desc;
    return 0;
}

/* omendb --check DATA_DIR: verify a stopped data directory, read-only.
 * Exit 0 clean, 1 corrupt (damaged, truncated, missing data, another
 * format), 2 could not check (usage, no data directory, a server running). */
static int run_check(const char *argv0, int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s --check DATA_DIR\n", argv0);
        return 2;
    }
    OmError err = {0};
    long problems = stor_check(argv[2], check_layout, NULL, stdout, &err);
    fflush(stdout);
    if (problems < 0) {
        bool damaged = strcmp(err.sqlstate, "XX001") == 0 ||
                       strstr(err.message, "incompatible") != NULL;
        printf("%s: %s\n", damaged ? "corrupt" : "error", err.message);
        if (err.detail[0]) printf("DETAIL: %s\n", err.detail);
        if (err.hint[0]) printf("HINT: %s\n", err.hint);
        printf(damaged ? "CORRUPT: the data directory cannot be opened\n"
                       : "the data directory could not be checked\n");
        return damaged ? 1 : 2;
    }
    return problems ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *argv0 = "omendb";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            printf("omendb (OmenDB) 0.1.0, PostgreSQL 15 protocol\n");
            return 0;
        }
    }
    if (argc >= 2 && strcmp(argv[1], "--check") == 0) return run_check(argv0, argc, argv);

    OmConfig cfg;
    OmError err = {0};
    int want_help = 0;
    if (cfg_load(&cfg, argc, argv, &want_help, &err) < 0) {
        print_error(argv0, &err);
        fprintf(stderr, "Try \"%s --help\" for more information.\n", argv0);
        return 2;
    }
    if (want_help) {
        cfg_print_help(stdout, argv0);
        return 0;
    }
    log_set_level((OmLogLevel)log_level_parse(cfg.log_level));

    /* Before any thread exists, so every thread inherits the mask. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t stopset;
    sigemptyset(&stopset);
    sigaddset(&stopset, SIGINT);
    sigaddset(&stopset, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopset, NULL);

    char qd[1100], qc[1100];
    log_info("starting", "version=0.1.0 data_dir=\"%s\" config_file=\"%s\" max_connections=%d",
             quote(cfg.data_dir, qd, sizeof qd), quote(cfg.config_file, qc, sizeof qc),
             cfg.max_connections);

    StorEnv *env = NULL;
    if (stor_env_open(cfg.data_dir, (size_t)cfg.map_size_mb * 1024 * 1024, &env, &err) < 0 ||
        cat_bootstrap(env, &err) < 0) {
        char m[512], d[512];
        log_error("startup_failed", "sqlstate=%s msg=\"%s\" detail=\"%s\"", err.sqlstate,
                  quote(err.message, m, sizeof m), quote(err.detail, d, sizeof d));
        print_error(argv0, &err);
        if (env) stor_env_close(env);
        return 1;
    }

    SrvServer *srv = srv_server_create(&cfg, env, wire_conn_serve);
    if (srv_server_listen(srv, &err) < 0 || srv_server_start(srv, &err) < 0) {
        char m[512], d[512];
        log_error("startup_failed", "msg=\"%s\" detail=\"%s\"", quote(err.message, m, sizeof m),
                  quote(err.detail, d, sizeof d));
        print_error(argv0, &err);
        srv_server_destroy(srv);
        stor_env_close(env);
        return 1;
    }
    log_info("ready", "port=%d listen_addresses=\"%s\"", cfg.port, cfg.listen_addresses);

    int sig = 0;
    while (sigwait(&stopset, &sig) != 0) {
    }
    log_info("shutdown_requested", "signal=%s sessions=%d", sig == SIGINT ? "SIGINT" : "SIGTERM",
             srv_server_sessions(srv));

    srv_server_stop_accepting(srv);
    long long deadline = om_mono_ms() + SRV_GRACE_MS;
    int left;
    struct timespec zero = {0, 0};
    while ((left = srv_server_wait_idle(srv, 100)) > 0 && om_mono_ms() < deadline) {
        if (sigtimedwait(&stopset, NULL, &zero) > 0) {
            log_warn("shutdown_hurried", "sessions=%d", left);
            break;
        }
    }
    if (left > 0) {
        /* First ask the statements to stop (their clients get FATAL
         * 57P01); only then cut the sockets of those that did not. */
        log_warn("shutdown_terminating_sessions", "sessions=%d", left);
        srv_server_terminate_sessions(srv);
        left = srv_server_wait_idle(srv, SRV_TERMINATE_WAIT_MS);
    }
    if (left > 0) {
        log_warn("shutdown_aborting_sessions", "sessions=%d", left);
        srv_server_abort_sessions(srv);
        left = srv_server_wait_idle(srv, SRV_ABORT_WAIT_MS);
    }
    if (left > 0) {
        /* A statement that neither finishes nor notices its dead socket still
         * uses the environment: closing it under that thread would be worse
         * than leaving. LMDB needs no recovery; uncommitted work is lost, as
         * it would be anyway. */
        log_error("shutdown_forced", "sessions=%d", left);
        return 0;
    }
    srv_server_destroy(srv);
    stor_env_close(env);
    log_info("shutdown_complete", "exit_code=0");
    return 0;
}
