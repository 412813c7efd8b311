/*
 * datadir.c — what storage checks before it trusts a data directory, and
 * how it contains the faults it cannot check for.
 *
 * stor_env_open calls, in order: stor_datadir_prepare (the OMENDB_VERSION
 * marker, and data.mdb against its own meta pages, with plain reads — LMDB
 * maps the file and would take SIGBUS on a short one), then opens LMDB, and
 * writes the marker of a new directory (stor_datadir_mark) once its first
 * transaction has committed.
 *
 * Fault containment: stor_fault_install sets LMDB's assertion callback and
 * a SIGSEGV/SIGBUS handler. A thread inside storage (stor_fault_enter /
 * stor_fault_leave around every public entry point that reads the map)
 * that faults logs one line with write(2) and exits with status 1; a fault
 * anywhere else goes on to the handler that was there before (the default
 * action: a core dump, or the sanitizer's report).
 *
 * Interface (storage_int.h): stor_datadir_prepare, stor_datadir_mark,
 * stor_datafile_check, stor_fault_install, stor_fault_assert,
 * stor_fault_enter, stor_fault_leave, stor_data_path.
 */
#include "storage_int.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../common/log.h"

_Static_assert(sizeof(size_t) == 8, "the meta page layout below is LMDB's on 64-bit hosts");

/* LMDB 0.9's meta page (lmdb's mdb.c: MDB_page header, then MDB_meta), on a
 * 64-bit host: offsets from the start of the page. */
#define LM_PAGE_FLAGS 10   /* u16 mp_flags */
#define LM_P_META 0x08
#define LM_MAGIC_OFF 16    /* u32 mm_magic */
#define LM_MAGIC 0xBEEFC0DEu
#define LM_VERSION_OFF 20  /* u32 mm_version */
#define LM_DATA_VERSION 1u
#define LM_PSIZE_OFF 40    /* u32 mm_dbs[FREE_DBI].md_pad: the page size */
#define LM_FREE_ROOT 80    /* pgno mm_dbs[FREE_DBI].md_root */
#define LM_MAIN_ROOT 128   /* pgno mm_dbs[MAIN_DBI].md_root */
#define LM_LAST_PG 136     /* pgno mm_last_pg */
#define LM_TXNID 144       /* txnid mm_txnid */
#define LM_META_SIZE 152
#define LM_P_INVALID (~(uint64_t)0)

static char data_path[4096];  /* <dir>/data.mdb, for messages and the fault handler */
static volatile int fault_report_fd = -1; /* stor_check's report, or -1 */

const char *stor_data_path(void)
{
    return data_path[0] ? data_path : "data.mdb";
}

/* ---- the marker ---- */

static int read_marker(const char *path, unsigned *ver, bool *present, OmError *err)
{
    *present = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return 0;
        return err_set(err, ERRCODE_IO_ERROR, "could not open file \"%s\": %s", path,
                       strerror(errno));
    }
    char buf[32];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    int e = errno;
    close(fd);
    if (n < 0)
        return err_set(err, ERRCODE_IO_ERROR, "could not read file \"%s\": %s", path, strerror(e));
    buf[n] = '\0';
    *present = true;
    char *end;
    unsigned long v = strtoul(buf, &end, 10);
    if (n == 0 || end == buf || (*end != '\n' && *end != '\0') || (*end == '\n' && end[1]) ||
        v == 0 || v > 1000000) {
        err_set(err, ERRCODE_DATA_CORRUPTED, "invalid data in file \"%s\"", path);
        err_detail(err, "The file should hold the storage format version, as a number.");
        return -1;
    }
    *ver = (unsigned)v;
    return 0;
}

static int fsync_path(const char *path, int flags, OmError *err)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return err_set(err, ERRCODE_IO_ERROR, "could not open \"%s\": %s", path, strerror(errno));
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    if (rc < 0)
        return err_set(err, ERRCODE_IO_ERROR, "could not fsync \"%s\": %s", path, strerror(e));
    return 0;
}

int stor_datadir_mark(const char *dir, OmError *err)
{
    char path[4200], tmp[4200];
    snprintf(path, sizeof path, "%s/%s", dir, STOR_MARKER_FILE);
    snprintf(tmp, sizeof tmp, "%s/%s.tmp", dir, STOR_MARKER_FILE);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set(err, ERRCODE_IO_ERROR, "could not create file \"%s\": %s", tmp,
                       strerror(errno));
    char text[16];
    int len = snprintf(text, sizeof text, "%u\n", STOR_FORMAT_VERSION);
    if (write(fd, text, (size_t)len) != len || fsync(fd) < 0) {
        int e = errno;
        close(fd);
        unlink(tmp);
        return err_set(err, e == ENOSPC ? ERRCODE_DISK_FULL : ERRCODE_IO_ERROR,
                       "could not write file \"%s\": %s", tmp, strerror(e));
    }
    close(fd);
    if (rename(tmp, path) < 0)
        return err_set(err, ERRCODE_IO_ERROR, "could not rename \"%s\" to \"%s\": %s", tmp, path,
                       strerror(errno));
    return fsync_path(dir, O_RDONLY | O_DIRECTORY, err);
}

/* ---- data.mdb against its meta pages ---- */

/* Why meta page m (LM_META_SIZE bytes) is not a valid one, or NULL. */
static const char *meta_problem(const uint8_t *m, uint32_t want_psize)
{
    uint16_t flags;
    memcpy(&flags, m + LM_PAGE_FLAGS, 2);
    if (!(flags & LM_P_META) || stor_rd_u32(m + LM_MAGIC_OFF) != LM_MAGIC)
        return "it is not an LMDB meta page (bad magic number)";
    if (stor_rd_u32(m + LM_VERSION_OFF) != LM_DATA_VERSION) return "unknown LMDB format version";
    uint32_t psize = stor_rd_u32(m + LM_PSIZE_OFF);
    if (psize < 256 || psize > 65536 || (psize & (psize - 1))) return "bad page size";
    if (want_psize && psize != want_psize) return "page size differs from meta page 0";
    uint64_t last = stor_rd_u64(m + LM_LAST_PG);
    if (last < 1 || last > ((uint64_t)1 << 48)) return "bad last page number";
    uint64_t roots[2] = {stor_rd_u64(m + LM_FREE_ROOT), stor_rd_u64(m + LM_MAIN_ROOT)};
    for (int i = 0; i < 2; i++)
        if (roots[i] != LM_P_INVALID && (roots[i] < 2 || roots[i] > last))
            return "a B-tree root lies outside the file";
    return NULL;
}

int stor_datafile_check(const char *path, StorMetaInfo *out, OmError *err)
{
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return err_set(err, ERRCODE_IO_ERROR,
                       "could not open file \"%s\": %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close(fd);
        return err_set(err, ERRCODE_IO_ERROR, "could not stat file \"%s\": %s", path, strerror(e));
    }
    uint8_t m[2][LM_META_SIZE];
    const char *why = NULL;
    int which = 0;
    uint32_t psize = 0;
    if (st.st_size < LM_META_SIZE) {
        why = st.st_size == 0 ? "the file is empty (0 bytes)" : "the file is shorter than one page";
    } else if (pread(fd, m[0], LM_META_SIZE, 0) != LM_META_SIZE) {
        why = "could not read meta page 0";
    } else if ((why = meta_problem(m[0], 0))) {
        which = 0;
    } else {
        psize = stor_rd_u32(m[0] + LM_PSIZE_OFF);
        which = 1;
        if ((uint64_t)st.st_size < (uint64_t)psize + LM_META_SIZE ||
            pread(fd, m[1], LM_META_SIZE, psize) != LM_META_SIZE)
            why = "the file is shorter than its two meta pages";
        else
            why = meta_problem(m[1], psize);
    }
    close(fd);
    if (why) {
        err_set(err, ERRCODE_DATA_CORRUPTED, "data file \"%s\" is damaged", path);
        if (psize || which)
            err_detail(err, "Meta page %d: %s.", which, why);
        else
            err_detail(err, "%s (%lld bytes).", why, (long long)st.st_size);
        err_hint(err, "Restore the data directory from a backup.");
        return -1;
    }
    int newer = stor_rd_u64(m[1] + LM_TXNID) > stor_rd_u64(m[0] + LM_TXNID) ? 1 : 0;
    uint64_t last = stor_rd_u64(m[newer] + LM_LAST_PG);
    uint64_t need = (last + 1) * psize;
    out->psize = psize;
    out->last_pgno = last;
    out->txnid = stor_rd_u64(m[newer] + LM_TXNID);
    out->free_root = stor_rd_u64(m[newer] + LM_FREE_ROOT);
    out->main_root = stor_rd_u64(m[newer] + LM_MAIN_ROOT);
    out->file_size = (uint64_t)st.st_size;
    if ((uint64_t)st.st_size < need) {
        err_set(err, ERRCODE_DATA_CORRUPTED, "data file \"%s\" is truncated", path);
        err_detail(err,
                   "The file has %lld bytes, but its meta page (transaction %llu) needs %llu "
                   "pages of %u bytes (%llu bytes).",
                   (long long)st.st_size, (unsigned long long)out->txnid,
                   (unsigned long long)(last + 1), psize, (unsigned long long)need);
        err_hint(err, "Restore the data directory from a backup.");
        return -1;
    }
    return 0;
}

int stor_datadir_prepare(const char *dir, bool readonly, bool *fresh, OmError *err)
{
    *fresh = false;
    char marker[4200];
    snprintf(marker, sizeof marker, "%s/%s", dir, STOR_MARKER_FILE);
    snprintf(data_path, sizeof data_path, "%s/data.mdb", dir);
    unsigned ver = 0;
    bool marked;
    if (read_marker(marker, &ver, &marked, err) < 0) return -1;
    if (marked && ver != STOR_FORMAT_VERSION) {
        err_set(err, ERRCODE_SYSTEM_ERROR, "database files are incompatible with server");
        err_detail(err,
                   "The data directory was initialized with storage format version %u, which "
                   "is not compatible with this server's version %u.",
                   ver, STOR_FORMAT_VERSION);
        return -1;
    }
    struct stat st;
    bool have_data = stat(data_path, &st) == 0;
    if (!have_data && errno != ENOENT)
        return err_set(err, ERRCODE_IO_ERROR, "could not stat file \"%s\": %s", data_path,
                       strerror(errno));
    if (marked && (!have_data || st.st_size == 0)) {
        err_set(err, ERRCODE_DATA_CORRUPTED, "data file \"%s\" is %s", data_path,
                have_data ? "empty (0 bytes)" : "missing");
        err_detail(err,
                   "The data directory was initialized (%s exists), so the data file must "
                   "hold the database; it is not treated as a new, empty database.",
                   STOR_MARKER_FILE);
        err_hint(err, "Restore the data directory from a backup.");
        return -1;
    }
    if (!have_data || st.st_size == 0) {
        /* No marker and no data: a new directory (or the first start died
         * before its first commit, which left nothing to lose). */
        if (readonly) {
            err_set(err, ERRCODE_IO_ERROR, "\"%s\" is not an OmenDB data directory", dir);
            err_detail(err, "File \"%s\" is missing.", have_data ? data_path : marker);
            return -1;
        }
        *fresh = true;
        return 0;
    }
    StorMetaInfo info;
    return stor_datafile_check(data_path, &info, err);
}

/* ---- LMDB's free-page list ----
 *
 * FREE_DBI (dbi 0) maps a txnid (8 bytes) to the pages it freed: an IDL,
 * u64 count then that many page numbers, descending. LMDB trusts it when
 * it allocates and when a commit rewrites it; a damaged record there makes
 * the commit memmove outside its page buffers. So it is checked when the
 * environment opens (and by --check), in a read txn (LMDB opens FREE_DBI
 * cursors only there). */
const uint8_t *stor_map_find(const char *path)
{
    char want[4096];
    if (!realpath(path, want)) return NULL;
    FILE *f = fopen("/proc/self/maps", "re");
    if (!f) return NULL;
    char line[4600];
    const uint8_t *found = NULL;
    while (!found && fgets(line, sizeof line, f)) {
        unsigned long long lo, hi, off;
        int pos = 0;
        if (sscanf(line, "%llx-%llx %*s %llx %*s %*s %n", &lo, &hi, &off, &pos) < 3 || !pos)
            continue;
        char *name = line + pos;
        name[strcspn(name, "\n")] = '\0';
        if (off == 0 && strcmp(name, want) == 0) found = (const uint8_t *)(uintptr_t)lo;
    }
    fclose(f);
    return found;
}

int stor_freelist_check(MDB_env *env, const uint8_t *map, OmError *err)
{
    MDB_txn *txn;
    int rc = mdb_txn_begin(env, NULL, MDB_RDONLY, &txn);
    if (rc) return stor_mdb_error(err, rc, "could not read the free-page list");
    MDB_envinfo info;
    MDB_stat st;
    mdb_env_info(env, &info);
    mdb_env_stat(env, &st);
    uint64_t last = info.me_last_pgno, maxtxn = info.me_last_txnid;
    const uint8_t *lo = map, *end = lo ? lo + (last + 1) * st.ms_psize : NULL;
    MDB_cursor *cur;
    const char *why = NULL;
    uint64_t at = 0;
    if ((rc = mdb_cursor_open(txn, 0, &cur)) == 0) {
        MDB_val k, v;
        uint64_t prev_txn = 0;
        for (rc = mdb_cursor_get(cur, &k, &v, MDB_FIRST); rc == 0 && !why;
             rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
            uint64_t id, n;
            const uint8_t *kp = k.mv_data, *vp = v.mv_data;
            if (lo && (kp < lo || kp > end || k.mv_size > (size_t)(end - kp) || vp < lo ||
                       vp > end || v.mv_size > (size_t)(end - vp))) {
                why = "a record lies outside the file";
                break;
            }
            if (k.mv_size != 8) {
                why = "a record's key is not a transaction id";
                break;
            }
            memcpy(&id, k.mv_data, 8);
            at = id;
            if (id == 0 || id > maxtxn || id <= prev_txn) {
                why = "transaction ids out of order";
                break;
            }
            prev_txn = id;
            if (v.mv_size < 8 || v.mv_size % 8) {
                why = "a record's size is not a page list";
                break;
            }
            memcpy(&n, v.mv_data, 8);
            if (n != v.mv_size / 8 - 1) {
                why = "a page list's count does not match its size";
                break;
            }
            const uint8_t *p = (const uint8_t *)v.mv_data + 8;
            uint64_t before = UINT64_MAX;
            for (uint64_t i = 0; i < n; i++) {
                uint64_t pg;
                memcpy(&pg, p + 8 * i, 8);
                if (pg < 2 || pg > last || pg >= before) {
                    why = "a page number is out of range or out of order";
                    break;
                }
                before = pg;
            }
        }
        mdb_cursor_close(cur);
        if (!why && rc != MDB_NOTFOUND) why = mdb_strerror(rc);
    } else {
        why = mdb_strerror(rc);
    }
    mdb_txn_abort(txn);
    if (!why) return 0;
    err_set(err, ERRCODE_DATA_CORRUPTED, "free-page list of data file \"%s\" is damaged",
            stor_data_path());
    err_detail(err, "%s (record of transaction %llu).", why, (unsigned long long)at);
    err_hint(err, "Restore the data directory from a backup.");
    return -1;
}

/* ---- fault containment ---- */

static __thread const char *fault_op; /* non-NULL while inside storage */
static struct sigaction old_segv, old_bus;
static volatile sig_atomic_t fault_installed;

void stor_fault_report_fd(int fd)
{
    fault_report_fd = fd;
}

const char *stor_fault_enter(const char *op)
{
    const char *prev = fault_op;
    if (!prev) fault_op = op;
    return prev;
}

void stor_fault_leave(const char *prev)
{
    fault_op = prev;
}

/* Async-signal-safe formatting: append s / a number to b. */
static size_t put_s(char *b, size_t n, size_t cap, const char *s)
{
    while (*s && n + 1 < cap) b[n++] = *s++;
    return n;
}

static size_t put_u(char *b, size_t n, size_t cap, unsigned long long v, int base, int width)
{
    char t[24];
    int k = 0;
    do {
        t[k++] = "0123456789abcdef"[v % (unsigned)base];
        v /= (unsigned)base;
    } while (v && k < 24);
    while (k < width && k < 24) t[k++] = '0';
    while (k && n + 1 < cap) b[n++] = t[--k];
    return n;
}

/* ts=... in log.c's shape, from the clock alone (no gmtime_r: not
 * async-signal-safe). Days to civil date: Howard Hinnant's algorithm. */
static size_t put_ts(char *b, size_t n, size_t cap)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long long days = ts.tv_sec / 86400, sod = ts.tv_sec % 86400;
    long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    long long mo = mp < 10 ? mp + 3 : mp - 9;
    if (mo <= 2) y++;
    n = put_s(b, n, cap, "ts=");
    n = put_u(b, n, cap, (unsigned long long)y, 10, 4);
    n = put_s(b, n, cap, "-");
    n = put_u(b, n, cap, (unsigned long long)mo, 10, 2);
    n = put_s(b, n, cap, "-");
    n = put_u(b, n, cap, (unsigned long long)d, 10, 2);
    n = put_s(b, n, cap, "T");
    n = put_u(b, n, cap, (unsigned long long)(sod / 3600), 10, 2);
    n = put_s(b, n, cap, ":");
    n = put_u(b, n, cap, (unsigned long long)(sod / 60 % 60), 10, 2);
    n = put_s(b, n, cap, ":");
    n = put_u(b, n, cap, (unsigned long long)(sod % 60), 10, 2);
    n = put_s(b, n, cap, ".");
    n = put_u(b, n, cap, (unsigned long long)(ts.tv_nsec / 1000000), 10, 3);
    return put_s(b, n, cap, "Z ");
}

static void fault_handler(int sig, siginfo_t *si, void *uctx)
{
    const char *op = fault_op;
    if (!op) {
        /* Not a storage read: hand the fault back to whoever handled it
         * before (default: terminate with a core). Returning re-executes
         * the faulting instruction under that handler. */
        (void)uctx;
        sigaction(sig, sig == SIGBUS ? &old_bus : &old_segv, NULL);
        return;
    }
    char b[1024];
    size_t n = put_ts(b, 0, sizeof b);
    n = put_s(b, n, sizeof b, "level=error event=storage_fault signal=");
    n = put_s(b, n, sizeof b, sig == SIGBUS ? "SIGBUS" : "SIGSEGV");
    n = put_s(b, n, sizeof b, " addr=0x");
    n = put_u(b, n, sizeof b, (unsigned long long)(uintptr_t)si->si_addr, 16, 1);
    n = put_s(b, n, sizeof b, " op=");
    n = put_s(b, n, sizeof b, op);
    n = put_s(b, n, sizeof b, " file=\"");
    n = put_s(b, n, sizeof b, stor_data_path());
    n = put_s(b, n, sizeof b,
              sig == SIGBUS ? "\" msg=\"the data file is shorter than its pages (truncated while "
                              "in use?); exiting\"\n"
                            : "\" msg=\"the data file is corrupted (a page points outside the "
                              "file); exiting\"\n");
    ssize_t w = write(2, b, n);
    if (fault_report_fd >= 0) {
        /* omendb --check: the verdict on its report too. */
        static const char verdict[] =
            "corrupt: a damaged page made storage fault while reading; the walk stopped\n"
            "CORRUPT: the check could not finish\n";
        w = write(fault_report_fd, verdict, sizeof verdict - 1);
    }
    (void)w;
    _exit(1);
}

void stor_fault_assert(MDB_env *env, const char *msg)
{
    (void)env;
    log_error("storage_assertion", "file=\"%s\" msg=\"%s\" action=exit",
              stor_data_path(), msg ? msg : "?");
    if (fault_report_fd >= 0) {
        dprintf(fault_report_fd, "corrupt: LMDB assertion on a damaged page: %s\n"
                                 "CORRUPT: the check could not finish\n", msg ? msg : "?");
    }
    _exit(1);
}

void stor_fault_install(void)
{
    if (fault_installed) return;
    fault_installed = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &old_segv);
    sigaction(SIGBUS, &sa, &old_bus);
}
