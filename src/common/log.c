/*
 * log.c — structured event log on stderr.
 *
 * Every event is one line, "ts=<ISO 8601 UTC, ms> level=<l> event=<e> k=v ...",
 * assembled in a stack buffer and handed to the kernel with one write() so
 * lines from different threads never interleave (stderr is unbuffered and
 * shared; stdio locking would still split long lines on pipes).
 *
 * Interface: log_set_level, log_get_level, log_level_parse, log_event.
 */
#include "log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* Longer lines are cut and end in "..." (a log line is not a data channel). */
#define LOG_LINE_MAX 8192

static _Atomic int log_level = OM_LOG_INFO;

static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_set_level(OmLogLevel level) { atomic_store(&log_level, (int)level); }

OmLogLevel log_get_level(void) { return (OmLogLevel)atomic_load(&log_level); }

int log_level_parse(const char *s)
{
    if (!s) return -1;
    if (strcasecmp(s, "debug") == 0) return OM_LOG_DEBUG;
    if (strcasecmp(s, "info") == 0) return OM_LOG_INFO;
    if (strcasecmp(s, "warn") == 0 || strcasecmp(s, "warning") == 0) return OM_LOG_WARN;
    if (strcasecmp(s, "error") == 0) return OM_LOG_ERROR;
    return -1;
}

/* write() the whole line, retrying on EINTR and short writes. Errors are
 * dropped: there is nowhere left to report a failing stderr. */
static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

void log_event(OmLogLevel level, const char *event, const char *fmt, ...)
{
    if ((int)level < atomic_load(&log_level)) return;
    if ((int)level < OM_LOG_DEBUG || (int)level > OM_LOG_ERROR) level = OM_LOG_ERROR;

    int saved_errno = errno; /* callers often log right before using errno */
    char line[LOG_LINE_MAX];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);

    size_t cap = sizeof line - 1; /* room for the final newline */
    int n = snprintf(line, cap, "ts=%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ level=%s event=%s",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                     tm.tm_sec, ts.tv_nsec / 1000000L, level_names[level], event ? event : "-");
    size_t len = n < 0 ? 0 : (size_t)n;
    if (len >= cap) len = cap - 1;

    if (fmt && fmt[0] && len + 1 < cap) {
        line[len++] = ' ';
        va_list ap;
        va_start(ap, fmt);
        n = vsnprintf(line + len, cap - len, fmt, ap);
        va_end(ap);
        if (n > 0) {
            if ((size_t)n >= cap - len) {
                len = cap - 1;
                memcpy(line + len - 3, "...", 3);
            } else {
                len += (size_t)n;
            }
        } else if (n == 0) {
            len--; /* drop the separator */
        }
    }
    line[len++] = '\n';
    write_all(STDERR_FILENO, line, len);
    errno = saved_errno;
}
