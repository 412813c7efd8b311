/*
 * fuzz_sql.c — SQL text through the whole statement pipeline (parser,
 * binder, planner, executor, catalog, storage), as a Query message's text
 * reaches it, without the network.
 *
 * Setup: a data directory in /dev/shm (or $TMPDIR), one StorEnv, the catalog
 * bootstrap, a session as postgres/postgres, and seed tables t and u with a
 * few rows (SEED_SQL) so queries have something to read. The directory is
 * removed as soon as the env is open: LMDB keeps working on its open, mapped
 * (now unlinked) files, and nothing is left behind however the process ends.
 *
 * Per input: the bytes must pass wire_query_parse (one NUL-terminated, valid
 * UTF-8 string), as on the wire; then
 *     BEGIN;  <input>;  ROLLBACK (if the block is still open)
 * so that whatever the input writes is undone. When the input itself ends the
 * block (COMMIT / END / ROLLBACK / ABORT seen, or the session is idle
 * afterwards), later statements of it may have autocommitted: the whole
 * state — directory, env, session, seed — is then rebuilt, so every input
 * runs against the same database (the harness stays deterministic and the
 * state cannot grow without bound).
 *
 * The sink renders what it is given as the wire layer does (RowDescription,
 * DataRow through type_out for every value, CommandComplete, ErrorResponse,
 * NoticeResponse) into a buffer that is checked by fuzz_backend.h and then
 * dropped.
 *
 * Environment (for fuzzing campaigns, not needed for replay):
 *   FUZZ_SQL_ABORT_ON_XX000=1  treat an internal error (XX000) reported to
 *                              the client as a crash.
 *   FUZZ_SQL_TRACE=1           print what the sink receives to stderr (to
 *                              see what a corpus file does).
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "common/log.h"
#include "fuzz.h"
#include "fuzz_backend.h"
#include "server/session.h"
#include "storage/storage.h"
#include "types/types.h"
#include "wire/wire.h"

#define MAP_SIZE (64u * 1024u * 1024u)
/* Rendered output is checked and dropped past this size. */
#define OUT_KEEP (256u * 1024u)

static const char SEED_SQL[] =
    "CREATE TABLE t (id int PRIMARY KEY, a text, b double precision, c boolean, d bigint,"
    " e varchar(5));"
    "INSERT INTO t VALUES"
    " (1, 'one', 1.5, true, 10, 'a'),"
    " (2, 'two', -2.25, false, -20, 'bb'),"
    " (3, NULL, NULL, NULL, NULL, NULL),"
    " (4, 'four', 'NaN', true, 9223372036854775807, 'dddd'),"
    " (5, '', 0, false, -9223372036854775808, ''),"
    " (6, 'ünïcødé', 1e300, true, 0, 'éé');"
    "CREATE TABLE u (k text PRIMARY KEY, v int UNIQUE, w smallint NOT NULL DEFAULT 7, x real,"
    " y char(3), z numeric(10,2));"
    "INSERT INTO u VALUES ('x', 1, 1, 1.25, 'ab', 12.5), ('y', 2, 2, -0.0, NULL, NULL),"
    " ('z', NULL, 3, 'Infinity', 'abc', -99999999.99);";

static StorEnv *env;
static MemCtx *root_ctx;
static SrvSession *sess;
static bool abort_on_internal;
static bool trace;

typedef struct Out {
    MemCtx *ctx;
    OmBuf buf;
    int ncols;        /* columns of the last RowDescription */
    bool ended_block; /* a COMMIT or ROLLBACK tag was sent */
    bool strict;      /* setup statements: any error is fatal */
} Out;

static Out out;

/* ---- the sink ---- */

static void out_flush(Out *o, bool force)
{
    if (!force && o->buf.len < OUT_KEEP) return;
    fz_check_backend((const uint8_t *)o->buf.data, o->buf.len, &o->ncols);
    buf_reset(&o->buf);
}

static int sink_row_desc(void *arg, int ncols, const SrvColumn *cols)
{
    Out *o = arg;
    FUZZ_CHECK(ncols >= 0 && ncols <= 0xFFFF, "RowDescription of %d columns", ncols);
    for (int i = 0; i < ncols; i++)
        FUZZ_CHECK((unsigned)cols[i].type.id < OM_T__COUNT, "column %d of type %d", i, (int)cols[i].type.id);
    wire_put_row_desc(&o->buf, ncols, cols);
    out_flush(o, false);
    return 0;
}

static int sink_rows(void *arg, const OmBatch *b, int ncols, const SrvColumn *cols)
{
    Out *o = arg;
    FUZZ_CHECK(b->ncols >= ncols, "batch of %d columns for %d output columns", b->ncols, ncols);
    FUZZ_CHECK(b->count >= 0 && b->count <= OM_BATCH_SIZE, "batch count %d", b->count);
    int live = om_batch_live(b);
    FUZZ_CHECK(live >= 0 && live <= b->count, "%d live rows of %d", live, b->count);
    for (int i = 0; i < ncols; i++)
        FUZZ_CHECK(b->cols[i].phys == type_phys(cols[i].type.id), "column %d: phys %d for type %d", i,
                   (int)b->cols[i].phys, (int)cols[i].type.id);
    for (int i = 0; i < live; i++) {
        int row = om_batch_row(b, i);
        FUZZ_CHECK(row >= 0 && row < b->count, "selected row %d of %d", row, b->count);
        wire_put_data_row(&o->buf, b, row, ncols, cols);
        if (trace) {
            OmBuf t;
            buf_init(&t, o->ctx, 64);
            for (int c = 0; c < ncols; c++) {
                if (c) buf_append_char(&t, '|');
                if (om_vec_is_null(&b->cols[c], row)) buf_append_str(&t, "NULL");
                else type_out(cols[c].type, &b->cols[c], row, &t);
            }
            fprintf(stderr, "  row: %s\n", t.data);
        }
        out_flush(o, false);
    }
    return 0;
}

static int sink_complete(void *arg, const char *tag)
{
    Out *o = arg;
    if (trace) fprintf(stderr, "  complete: %s\n", tag);
    if (strcmp(tag, "COMMIT") == 0 || strcmp(tag, "ROLLBACK") == 0) o->ended_block = true;
    wire_put_complete(&o->buf, tag);
    out_flush(o, false);
    return 0;
}

static int sink_empty(void *arg)
{
    Out *o = arg;
    wire_put_empty_query(&o->buf);
    return 0;
}

static int sink_error(void *arg, const OmError *e)
{
    Out *o = arg;
    FUZZ_CHECK(e->set, "error callback without an error");
    if (trace) fprintf(stderr, "  error: %s %s\n", e->sqlstate, e->message);
    FUZZ_CHECK(!o->strict, "setup statement failed: %s %s", e->sqlstate, e->message);
    FUZZ_CHECK(!abort_on_internal || strcmp(e->sqlstate, "XX000") != 0, "internal error: %s (%s:%d)",
               e->message, e->file ? e->file : "?", e->line);
    wire_put_error(&o->buf, e);
    out_flush(o, false);
    return 0;
}

static int sink_notice(void *arg, const char *severity, const char *sqlstate, const char *msg)
{
    Out *o = arg;
    if (trace) fprintf(stderr, "  %s: %s %s\n", severity, sqlstate, msg);
    wire_put_notice(&o->buf, severity, sqlstate, msg);
    out_flush(o, false);
    return 0;
}

static const SrvSink sink = {
    .arg = &out,
    .row_desc = sink_row_desc,
    .rows = sink_rows,
    .complete = sink_complete,
    .empty = sink_empty,
    .error = sink_error,
    .notice = sink_notice,
};

/* ---- state ---- */

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    return remove(path);
}

static void run_strict(const char *sql)
{
    out.strict = true;
    srv_exec_simple(sess, sql, &sink);
    out.strict = false;
    out_flush(&out, true);
}

/* (Re)build the database: a fresh directory, env, session and seed tables. */
static void state_reset(void)
{
    if (sess) srv_session_destroy(sess);
    sess = NULL;
    if (env) stor_env_close(env);
    env = NULL;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    if (!base || !base[0]) base = "/tmp";
    char root[256], dir[300];
    snprintf(root, sizeof root, "%s/omendb-fuzz-XXXXXX", base);
    FUZZ_CHECK(mkdtemp(root) != NULL, "mkdtemp %s", root);
    snprintf(dir, sizeof dir, "%s/data", root);
    OmError err = {0};
    FUZZ_CHECK(stor_env_open(dir, MAP_SIZE, &env, &err) == 0, "stor_env_open: %s", err.message);
    nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    FUZZ_CHECK(cat_bootstrap(env, &err) == 0, "cat_bootstrap: %s", err.message);
    sess = srv_session_create(root_ctx, env, "postgres", "postgres", "fuzz_sql");
    run_strict(SEED_SQL);
}

static void init_once(void)
{
    if (root_ctx) return;
    log_set_level(OM_LOG_ERROR);
    const char *abort_env = getenv("FUZZ_SQL_ABORT_ON_XX000");
    abort_on_internal = abort_env && abort_env[0] == '1';
    const char *trace_env = getenv("FUZZ_SQL_TRACE");
    trace = trace_env && trace_env[0] == '1';
    root_ctx = mem_ctx_create(NULL, "fuzz_sql");
    out.ctx = mem_ctx_create(NULL, "fuzz_sql_out");
    buf_init(&out.buf, out.ctx, 4096);
    out.ncols = -1;
    state_reset();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init_once();

    /* As a Query message body: the text and its NUL. */
    uint8_t *body = malloc(size + 1);
    if (!body) abort();
    memcpy(body, data, size);
    body[size] = '\0';
    const char *sql;
    OmError qerr = {0};
    if (wire_query_parse(body, size + 1, &sql, &qerr) < 0) {
        free(body);
        return 0;
    }

    if (trace) fprintf(stderr, "query: %s\n", sql);
    run_strict("BEGIN");
    FUZZ_CHECK(srv_txn_status(sess) == 'T', "BEGIN left status %c", srv_txn_status(sess));
    out.ended_block = false;
    out.ncols = -1;
    srv_exec_simple(sess, sql, &sink);
    char st = srv_txn_status(sess);
    FUZZ_CHECK(st == 'I' || st == 'T' || st == 'E', "status %c", st);
    FUZZ_CHECK(st == 'I' || sess->txn_state != SRV_TXN_IDLE, "status %c while idle", st);
    bool dirty = out.ended_block || st == 'I';
    out_flush(&out, true);
    if (st != 'I') run_strict("ROLLBACK");
    FUZZ_CHECK(sess->wtxn == NULL && srv_txn_status(sess) == 'I', "ROLLBACK left a transaction");
    if (dirty) {
        if (trace) fprintf(stderr, "  (state rebuilt)\n");
        state_reset();
    }

    free(body);
    mem_ctx_reset(out.ctx);
    buf_init(&out.buf, out.ctx, 4096);
    return 0;
}
