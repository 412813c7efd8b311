/*
 * seqstore.c — sequence counters, outside LMDB transactions.
 *
 * PostgreSQL's sequences are not transactional: a value nextval handed out
 * is never handed out again, even if the transaction that took it rolls
 * back. So counters live here, not in LMDB: in memory under one mutex, and
 * in <data_dir>/sequences.dat, one 32-byte record per sequence. Like
 * PostgreSQL (which WAL-logs 32 values ahead), a nextval that passes the
 * durably reserved value reserves SEQ_RESERVE more increments and fsyncs
 * first; after a crash the counter resumes past the reservation (a gap, never
 * a repeat). A clean shutdown records exact values, so no gap appears.
 *
 * Record: u32 oid | u32 flags (1 = in use, 2 = is_called) | i64 value |
 *         u64 check (FNV-1a of the first 16 bytes) | 8 bytes zero.
 * A record whose check fails is ignored (a torn write of a reservation
 * can only lose the newer reservation, and the older one is in the file
 * only if the write was torn — so on a bad check the sequence restarts from
 * the catalog's START; records are 32-byte aligned and a sector holds 16 of
 * them, so a torn record needs a torn sector, which the disk does not do).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storage_int.h"

#define SEQ_FILE "sequences.dat"
#define SEQ_RECORD 32
#define SEQ_RESERVE 32
#define SEQ_F_USED 1u
#define SEQ_F_CALLED 2u

typedef struct SeqSlot {
    uint32_t oid;
    int64_t last;      /* last value handed out (or to hand out, when !is_called) */
    bool is_called;
    int64_t reserved;  /* durable upper (or lower, for negative increments) bound */
    int64_t log_cnt;   /* PostgreSQL's log_cnt, as SELECT * FROM seq shows it (not durable, as there) */
    int slot;          /* record index in the file */
} SeqSlot;

struct StorSeqStore {
    pthread_mutex_t mu;
    int fd;
    SeqSlot *slots;
    int n, cap;
    char dir[4096];    /* the data directory, for messages */
};

static const char *env_dir(const StorSeqStore *ss)
{
    return ss->dir;
}

static pthread_mutex_t init_mu = PTHREAD_MUTEX_INITIALIZER;

static uint64_t fnv(const uint8_t *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static int write_record(StorSeqStore *ss, const SeqSlot *s, int64_t value, bool called, OmError *err)
{
    uint8_t rec[SEQ_RECORD] = {0};
    put32(rec, s->oid);
    put32(rec + 4, SEQ_F_USED | (called ? SEQ_F_CALLED : 0));
    put64(rec + 8, (uint64_t)value);
    put64(rec + 16, fnv(rec, 16));
    off_t off = (off_t)s->slot * SEQ_RECORD;
    ssize_t w = pwrite(ss->fd, rec, SEQ_RECORD, off);
    if (w != SEQ_RECORD || fdatasync(ss->fd) < 0) {
        int e = w >= 0 && w != SEQ_RECORD ? ENOSPC : errno;
        if (e == ENOSPC || e == EDQUOT) {
            err_set(err, ERRCODE_DISK_FULL, "could not extend file \"%s/%s\": %s", env_dir(ss),
                    SEQ_FILE, strerror(e));
            err_hint(err, "Check free disk space.");
            return -1;
        }
        return err_set(err, ERRCODE_IO_ERROR, "could not write sequence file: %s", strerror(e));
    }
    return 0;
}

static StorSeqStore *store_get(StorEnv *env, OmError *err)
{
    pthread_mutex_lock(&init_mu);
    StorSeqStore *ss = env->seqs;
    if (!ss) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", env->dir, SEQ_FILE);
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) {
            pthread_mutex_unlock(&init_mu);
            err_set(err, ERRCODE_IO_ERROR, "could not open sequence file \"%s\": %s", path, strerror(errno));
            return NULL;
        }
        ss = calloc(1, sizeof *ss);
        pthread_mutex_init(&ss->mu, NULL);
        ss->fd = fd;
        snprintf(ss->dir, sizeof ss->dir, "%s", env->dir);
        uint8_t rec[SEQ_RECORD];
        for (int i = 0; pread(fd, rec, SEQ_RECORD, (off_t)i * SEQ_RECORD) == SEQ_RECORD; i++) {
            if (ss->n == ss->cap) {
                ss->cap = ss->cap ? ss->cap * 2 : 16;
                ss->slots = realloc(ss->slots, sizeof *ss->slots * (size_t)ss->cap);
            }
            SeqSlot *s = &ss->slots[ss->n];
            uint32_t oid, flags;
            uint64_t v, check;
            memcpy(&oid, rec, 4);
            memcpy(&flags, rec + 4, 4);
            memcpy(&v, rec + 8, 8);
            memcpy(&check, rec + 16, 8);
            /* Keep the slot number even for unused or damaged records, so
             * new sequences never overwrite a good record by accident. */
            s->slot = i;
            s->oid = (flags & SEQ_F_USED) && check == fnv(rec, 16) ? oid : 0;
            s->last = s->reserved = (int64_t)v;
            s->is_called = flags & SEQ_F_CALLED;
            s->log_cnt = 0;
            ss->n++;
        }
        env->seqs = ss;
    }
    pthread_mutex_unlock(&init_mu);
    return ss;
}

static SeqSlot *slot_find(StorSeqStore *ss, uint32_t oid)
{
    for (int i = 0; i < ss->n; i++)
        if (ss->slots[i].oid == oid) return &ss->slots[i];
    return NULL;
}

static SeqSlot *slot_new(StorSeqStore *ss, const StorSeqDef *def)
{
    if (ss->n == ss->cap) {
        ss->cap = ss->cap ? ss->cap * 2 : 16;
        ss->slots = realloc(ss->slots, sizeof *ss->slots * (size_t)ss->cap);
    }
    SeqSlot *s = &ss->slots[ss->n];
    s->slot = ss->n++;
    s->oid = def->oid;
    s->last = def->start;
    s->is_called = false;
    s->reserved = def->increment > 0 ? def->start - 1 : def->start + 1; /* nothing reserved yet */
    s->log_cnt = 0;
    return s;
}

int stor_seq_nextval(StorEnv *env, const StorSeqDef *def, int64_t *out, OmError *err)
{
    StorSeqStore *ss = store_get(env, err);
    if (!ss) return -1;
    pthread_mutex_lock(&ss->mu);
    SeqSlot *s = slot_find(ss, def->oid);
    if (!s) s = slot_new(ss, def);
    int64_t inc = def->increment, next;
    int rc = 0;
    if (!s->is_called) {
        next = s->last;
    } else if (inc > 0 ? (s->last > def->max - inc) : (s->last < def->min - inc)) {
        if (!def->cycle) {
            rc = err_set(err, ERRCODE_SEQUENCE_GENERATOR_LIMIT_EXCEEDED, "nextval: reached %s value of sequence \"%s\" (%lld)",
                         inc > 0 ? "maximum" : "minimum", def->name, (long long)(inc > 0 ? def->max : def->min));
            goto out;
        }
        next = inc > 0 ? def->min : def->max;
    } else {
        next = s->last + inc;
    }
    /* Reserve ahead durably before handing out a value past the reservation. */
    if (inc > 0 ? next > s->reserved || !s->is_called : next < s->reserved || !s->is_called) {
        int64_t r = next;
        for (int k = 0; k < SEQ_RESERVE; k++) {
            if (inc > 0 ? r > def->max - inc : r < def->min - inc) break;
            r += inc;
        }
        SeqSlot tmp = *s;
        if (write_record(ss, &tmp, r, true, err) < 0) {
            rc = -1;
            goto out;
        }
        s->reserved = r;
    }
    /* nextval_internal: a call that had to WAL-log (first call, after
     * setval, or with the logged values used up) logs 32 ahead. */
    s->log_cnt = !s->is_called || s->log_cnt == 0 ? SEQ_RESERVE : s->log_cnt - 1;
    s->last = next;
    s->is_called = true;
    *out = next;
out:
    pthread_mutex_unlock(&ss->mu);
    return rc;
}

int stor_seq_setval(StorEnv *env, const StorSeqDef *def, int64_t value, bool is_called, OmError *err)
{
    if (value < def->min || value > def->max)
        return err_set(err, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, "setval: value %lld is out of bounds for sequence \"%s\" (%lld..%lld)",
                       (long long)value, def->name, (long long)def->min, (long long)def->max);
    StorSeqStore *ss = store_get(env, err);
    if (!ss) return -1;
    pthread_mutex_lock(&ss->mu);
    SeqSlot *s = slot_find(ss, def->oid);
    if (!s) s = slot_new(ss, def);
    int rc = write_record(ss, s, value, is_called, err);
    if (rc == 0) {
        s->last = s->reserved = value;
        s->is_called = is_called;
        s->log_cnt = 0;
    }
    pthread_mutex_unlock(&ss->mu);
    return rc;
}

int stor_seq_peek(StorEnv *env, const StorSeqDef *def, int64_t *last, int64_t *log_cnt, bool *is_called, OmError *err)
{
    StorSeqStore *ss = store_get(env, err);
    if (!ss) return -1;
    pthread_mutex_lock(&ss->mu);
    SeqSlot *s = slot_find(ss, def->oid);
    *last = s ? s->last : def->start;
    *is_called = s ? s->is_called : false;
    *log_cnt = s ? s->log_cnt : 0;
    pthread_mutex_unlock(&ss->mu);
    return 0;
}

void stor_seq_close(StorEnv *env)
{
    StorSeqStore *ss = env->seqs;
    if (!ss) return;
    /* Exact values at a clean shutdown: no gap after a restart. */
    for (int i = 0; i < ss->n; i++) {
        SeqSlot *s = &ss->slots[i];
        OmError ignore = {0};
        if (s->oid && s->reserved != s->last) write_record(ss, s, s->last, s->is_called, &ignore);
    }
    close(ss->fd);
    pthread_mutex_destroy(&ss->mu);
    free(ss->slots);
    free(ss);
    env->seqs = NULL;
}
