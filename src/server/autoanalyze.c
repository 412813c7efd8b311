/*
 * autoanalyze.c — statistics kept fresh in the background: the ANALYZE half
 * of PostgreSQL's autovacuum (VACUUM itself has nothing to do on LMDB).
 *
 * One thread per server. Every `autovacuum_naptime` seconds (0 = never) it
 * looks at every table of every database and analyzes those whose row count
 * moved by more than PostgreSQL's analyze threshold since their last ANALYZE
 * (autovacuum_analyze_threshold 50 + autovacuum_analyze_scale_factor 0.1 ×
 * the rows then; a table never analyzed counts from 0). PostgreSQL counts
 * every inserted, updated and deleted row; we compare row counts, so a
 * workload of pure UPDATEs does not trigger it — run ANALYZE by hand there.
 *
 * The sample is taken in a read transaction (readers never wait, and no
 * writer waits for the scan); only the small statistics record is written,
 * in its own short write transaction, after checking the table is still the
 * one sampled. Shutdown interrupts a running analysis (its OmInterrupt is
 * set to TERMINATE) and joins the thread.
 */
#include <string.h>

#include "../catalog/catalog.h"
#include "../common/clock.h"
#include "../common/log.h"
#include "../optimizer/optimizer.h"
#include "server_int.h"

#define AA_THRESHOLD 50.0
#define AA_SCALE 0.1
#define AA_TARGET 100 /* default_statistics_target */

static bool stale(StorTxn *txn, MemCtx *ctx, const CatTable *t)
{
    uint64_t rows;
    OmError e = {0};
    if (stor_table_rows(txn, &t->desc, &rows, &e) < 0) return false;
    CatTableStats *st = NULL;
    double then = cat_stats_get(txn, ctx, t, &st, &e) == 1 ? st->reltuples : 0;
    double moved = (double)rows > then ? (double)rows - then : then - (double)rows;
    return moved > AA_THRESHOLD + AA_SCALE * then;
}

/* Analyze one table: sample in a read transaction, store in a write one. */
static void analyze_one(SrvServer *s, const char *db, const char *name)
{
    MemCtx *ctx = mem_ctx_create(NULL, "autoanalyze");
    OmError err = {0};
    StorTxn *txn;
    CatTable *t;
    CatTableStats *st;
    OptAnalyzeInfo info;
    long long t0 = om_mono_us();
    if (stor_txn_begin(s->env, false, &txn, &err) < 0) goto fail;
    int rc = cat_table_lookup(txn, ctx, db, name, &t, &err);
    if (rc == 1) rc = opt_analyze_compute(txn, ctx, t, NULL, AA_TARGET, &st, &info, &err) < 0 ? -1 : 1;
    stor_txn_abort(txn);
    if (rc <= 0) goto fail;
    if (stor_txn_begin(s->env, true, &txn, &err) < 0) goto fail;
    CatTable *now;
    rc = cat_table_lookup(txn, ctx, db, name, &now, &err);
    if (rc == 1 && now->oid == t->oid) rc = cat_stats_put(txn, ctx, db, t->oid, st, &err);
    if (rc < 0) {
        stor_txn_abort(txn);
        goto fail;
    }
    if (stor_txn_commit(txn, &err) < 0) goto fail;
    log_info("autoanalyze", "database=\"%s\" table=\"%s\" rows=%llu sampled=%d ms=%.1f", db, name,
             (unsigned long long)info.rows, info.sampled, (double)(om_mono_us() - t0) / 1000.0);
    mem_ctx_delete(ctx);
    return;
fail:
    if (err.set && strcmp(err.sqlstate, "57P01") && strcmp(err.sqlstate, "57014"))
        log_warn("autoanalyze_failed", "database=\"%s\" table=\"%s\" sqlstate=%s message=\"%s\"", db, name, err.sqlstate,
                 err.message);
    mem_ctx_delete(ctx);
}

static void round_of_checks(SrvServer *s)
{
    MemCtx *ctx = mem_ctx_create(NULL, "autoanalyze-round");
    OmError err = {0};
    StorTxn *txn;
    if (stor_txn_begin(s->env, false, &txn, &err) < 0) {
        mem_ctx_delete(ctx);
        return;
    }
    char **dbs;
    int ndb = 0;
    int ncand = 0, cap = 0;
    char **cand_db = NULL, **cand_name = NULL;
    if (cat_database_list(txn, ctx, &dbs, &ndb, &err) < 0) ndb = 0;
    for (int d = 0; d < ndb; d++) {
        char **names;
        int n;
        if (cat_table_list(txn, ctx, dbs[d], &names, &n, &err) < 0) continue;
        for (int i = 0; i < n; i++) {
            CatTable *t;
            if (cat_table_lookup(txn, ctx, dbs[d], names[i], &t, &err) != 1 || !stale(txn, ctx, t)) continue;
            if (ncand == cap) {
                int nc = cap ? cap * 2 : 8;
                cand_db = mem_realloc(ctx, cand_db, sizeof(char *) * (size_t)cap, sizeof(char *) * (size_t)nc);
                cand_name = mem_realloc(ctx, cand_name, sizeof(char *) * (size_t)cap, sizeof(char *) * (size_t)nc);
                cap = nc;
            }
            cand_db[ncand] = dbs[d];
            cand_name[ncand++] = names[i];
        }
    }
    stor_txn_abort(txn);
    for (int i = 0; i < ncand && !atomic_load(&s->stopping); i++) analyze_one(s, cand_db[i], cand_name[i]);
    mem_ctx_delete(ctx);
}

static void *aa_main(void *arg)
{
    SrvServer *s = arg;
    om_intr_attach(&s->aa_intr);
    long long nap_us = (long long)s->cfg.autovacuum_naptime * 1000000LL;
    pthread_mutex_lock(&s->mu);
    while (!s->aa_stop) {
        struct timespec ts = om_timespec_at_us(om_mono_us() + nap_us);
        pthread_cond_timedwait(&s->aa_wake, &s->mu, &ts);
        if (s->aa_stop) break;
        pthread_mutex_unlock(&s->mu);
        round_of_checks(s);
        pthread_mutex_lock(&s->mu);
    }
    pthread_mutex_unlock(&s->mu);
    om_intr_attach(NULL);
    return NULL;
}

int srv_autoanalyze_start(SrvServer *s, OmError *err)
{
    if (s->cfg.autovacuum_naptime <= 0) return 0;
    om_cond_init_mono(&s->aa_wake);
    atomic_init(&s->aa_intr.flag, OM_INTR_NONE);
    s->aa_stop = false;
    int rc = pthread_create(&s->aa_thread, NULL, aa_main, s);
    if (rc != 0) {
        pthread_cond_destroy(&s->aa_wake);
        return err_set(err, ERRCODE_SYSTEM_ERROR, "could not start the autoanalyze thread: %s", strerror(rc));
    }
    s->aa_started = true;
    return 0;
}

void srv_autoanalyze_stop(SrvServer *s)
{
    if (!s->aa_started) return;
    pthread_mutex_lock(&s->mu);
    s->aa_stop = true;
    om_intr_set(&s->aa_intr, OM_INTR_TERMINATE);
    pthread_cond_signal(&s->aa_wake);
    pthread_mutex_unlock(&s->mu);
    pthread_join(s->aa_thread, NULL);
    pthread_cond_destroy(&s->aa_wake);
    s->aa_started = false;
}
