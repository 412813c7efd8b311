/*
 * log.h — structured logging: one line per event on stderr,
 *   ts=2026-11-24T02:13:00.123Z level=info event=listening port=5433 ...
 * Levels below the configured one are dropped. Thread-safe (one write per line).
 */
#ifndef OM_LOG_H
#define OM_LOG_H

typedef enum { OM_LOG_DEBUG = 0, OM_LOG_INFO, OM_LOG_WARN, OM_LOG_ERROR } OmLogLevel;

void log_set_level(OmLogLevel level);
OmLogLevel log_get_level(void);
/* Parse "debug" / "info" / "warn"|"warning" / "error"; -1 if unknown. */
int log_level_parse(const char *s);

/* event is a short snake_case word; fmt adds key=value pairs ("port=%d").
 * Values containing spaces should be quoted by the caller ("msg=\"%s\""). */
void log_event(OmLogLevel level, const char *event, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_debug(ev, ...) log_event(OM_LOG_DEBUG, ev, __VA_ARGS__)
#define log_info(ev, ...) log_event(OM_LOG_INFO, ev, __VA_ARGS__)
#define log_warn(ev, ...) log_event(OM_LOG_WARN, ev, __VA_ARGS__)
#define log_error(ev, ...) log_event(OM_LOG_ERROR, ev, __VA_ARGS__)

#endif
