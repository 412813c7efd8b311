/*
 * datetime.h — date, timestamp and timestamptz: their representation (as
 * PostgreSQL's), calendar arithmetic, text I/O and time zones.
 *
 * Representation (PostgreSQL's, so binary send/receive is a byte swap):
 *   date         int32  days since 2000-01-01; INT32_MIN/MAX = -infinity/infinity
 *   timestamp    int64  microseconds since 2000-01-01 00:00:00 (local, no zone)
 *   timestamptz  int64  microseconds since 2000-01-01 00:00:00 UTC
 *                       INT64_MIN/MAX = -infinity/infinity
 *
 * This is the types folder's second public header (functions/ uses it for
 * the date/time functions); types.h stays the general contract.
 */
#ifndef OM_DATETIME_H
#define OM_DATETIME_H

#include <stdbool.h>
#include <stdint.h>

#include "types.h"

#define DT_USECS_PER_SEC INT64_C(1000000)
#define DT_USECS_PER_DAY INT64_C(86400000000)
#define DT_POSTGRES_EPOCH_JDATE 2451545
#define DT_UNIX_EPOCH_JDATE 2440588
#define DT_DATE_NOBEGIN INT32_MIN
#define DT_DATE_NOEND INT32_MAX
#define DT_TS_NOBEGIN INT64_MIN
#define DT_TS_NOEND INT64_MAX
/* Julian day limits (PostgreSQL's datetime.h). */
#define DT_JULIAN_MINJD 0              /* 4714-11-24 BC */
#define DT_DATE_END_JULIAN 2147483494  /* 5874898-01-01 */
#define DT_TS_END_JULIAN 109203528     /* 294277-01-01 */
#define DT_MIN_TIMESTAMP INT64_C(-211813488000000000)
#define DT_END_TIMESTAMP INT64_C(9223371331200000000)

static inline bool dt_date_finite(int32_t d) { return d != DT_DATE_NOBEGIN && d != DT_DATE_NOEND; }
static inline bool dt_ts_finite(int64_t t) { return t != DT_TS_NOBEGIN && t != DT_TS_NOEND; }
static inline bool dt_ts_valid(int64_t t) { return t >= DT_MIN_TIMESTAMP && t < DT_END_TIMESTAMP; }

/* Calendar: Julian day numbers as PostgreSQL's date2j / j2date. */
int dt_date2j(int y, int m, int d);
void dt_j2date(int jd, int *y, int *m, int *d);
int dt_days_in_month(int y, int m);
/* Day of week of Julian day jd: 0 = Sunday. */
int dt_j2day(int jd);

/* Broken-down time (proleptic Gregorian; year <= 0 is (1 - year) BC). */
typedef struct DtTm {
    int year, mon, mday, hour, min, sec;
    int32_t usec;
} DtTm;

/* Microseconds → fields (t finite). */
void dt_ts2tm(int64_t t, DtTm *tm);
/* Fields → microseconds; false when outside timestamp's range. */
bool dt_tm2ts(const DtTm *tm, int64_t *out);

/* ---- time zones (tz.c) ------------------------------------------------------------ */

/* Offset east of UTC, in seconds, of zone `name` at UTC instant unix_secs;
 * also the zone's abbreviation if abbrev is not NULL (valid for the process).
 * Returns false if name is no zone (zoneinfo file or POSIX spec). */
bool dt_tz_offset_utc(const char *name, int64_t unix_secs, int *gmtoff, const char **abbrev);
/* Offset to apply to local time unix_local (seconds of local time counted
 * from 1970-01-01 00:00) in zone name, with PostgreSQL's choice in DST gaps
 * (the offset before the transition) and overlaps (the offset after). */
bool dt_tz_offset_local(const char *name, int64_t unix_local, int *gmtoff);
/* A zone abbreviation of PostgreSQL's Default set (est, cet, utc, msk, …;
 * any case): its offset (dynamic ones: their zone's offset now). */
bool dt_tz_abbrev(const char *name, int *gmtoff);
/* The same, telling standard, daylight (DTZ) and dynamic ones apart
 * (tz_abbrev.c); *zone (if not NULL): a dynamic one's zone, else NULL. */
enum { DT_ABBREV_NONE = 0, DT_ABBREV_STD, DT_ABBREV_DST, DT_ABBREV_DYN };
int dt_tz_abbrev_kind(const char *name, int *gmtoff, const char **zone);
/* Is name a usable time zone? */
bool dt_tz_valid(const char *name);

/* The session's zone (om_params()->timezone). */
const char *dt_session_tz(void);
/* UTC timestamptz → local timestamp in the session's zone, and back;
 * infinities pass through. */
int64_t dt_tstz_to_local(int64_t t, int *gmtoff);
int64_t dt_local_to_tstz(int64_t local);

/* ---- text --------------------------------------------------------------------------- */

/* Parse s as type t (OM_T_DATE: *out is the int32 day number widened). */
int dt_parse(OmTypeId t, const char *s, size_t len, int64_t *out, OmError *err);
/* Round a finite timestamp to typmod fractional digits (0..6; -1: none),
 * as AdjustTimestampForTypmod. */
int64_t dt_ts_typmod(int64_t t, int32_t typmod);
/* Text of a value of type t (date: v is the int32) into buf (>= 64 bytes). */
int dt_format(OmTypeId t, int64_t v, char *buf);

/* Current time as timestamptz (clock). */
int64_t dt_now_clock(void);
/* now(): the transaction's start (om_params()->txn_start_us), the clock
 * when unset; dt_stmt_start: statement_timestamp(). */
int64_t dt_txn_start(void);
int64_t dt_stmt_start(void);

/* Vector casts from / to the date/time types (cast.c delegates here). */
bool dt_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc, bool *handled);
/* date → timestamp[tz] and timestamp ↔ timestamptz as an operand of a
 * cross-type comparison (PostgreSQL's date_cmp_timestamp & co.): a value
 * beyond the target's finite range becomes one just inside ±infinity,
 * above / below every finite value, instead of an error. Never fails. */
void dt_cast_cmp_vec(OmTypeId from, OmTypeId to, const OmVector *in, OmVector *out, const uint16_t *sel, int n);
int dt_cast_vec(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, const uint16_t *sel, int n,
                MemCtx *ctx, OmError *err);
/* date, timestamp, timestamptz */
static inline bool dt_is_timelike(OmTypeId t)
{
    return t == OM_T_DATE || t == OM_T_TIMESTAMP || t == OM_T_TIMESTAMPTZ;
}
/* time, timetz */
static inline bool dt_is_time(OmTypeId t) { return t == OM_T_TIME || t == OM_T_TIMETZ; }
/* Any type of this header (those, interval, time and timetz). */
static inline bool dt_is_datetime(OmTypeId t) { return dt_is_timelike(t) || t == OM_T_INTERVAL || dt_is_time(t); }

/* ---- interval (datetime_interval.c) ------------------------------------------------ */

int dt_interval_parse(const char *s, size_t len, OmInterval *out, OmError *err);
/* The same with an interval typmod ((range mask << 16) | precision, -1:
 * none): a bare number is the range's last field ('1' hour), and the value
 * is then cut to the range and rounded to the precision. */
int dt_interval_parse_typmod(const char *s, size_t len, int32_t typmod, OmInterval *out, OmError *err);
/* AdjustIntervalForTypmod. */
OmInterval dt_interval_typmod(OmInterval v, int32_t typmod);
/* IntervalStyle postgres text into buf (>= 128 bytes); returns the length. */
int dt_interval_format(OmInterval v, char *buf);
/* timestamp[tz] + interval (tz: months and days in the session's zone). */
int dt_ts_add_interval(int64_t t, OmInterval iv, bool tz, int64_t *out, OmError *err);
/* interval_justify_hours / _days / justify_interval, in place; false when
 * the result's months or days overflow (then *v is unspecified). */
bool dt_justify_hours(OmInterval *v);
bool dt_justify_days(OmInterval *v);
bool dt_justify_interval(OmInterval *v);

/* ---- time and timetz (datetime_time.c, datetime_time_cast.c) ----------------------- */

/*
 * time is int64 µs since midnight, 0 .. DT_USECS_PER_DAY inclusive (24:00:00
 * is a value). timetz is an OmInterval holding PostgreSQL's TimeTzADT: usec =
 * the local time of day, days = the zone in seconds WEST of UTC (TimeTzADT.zone,
 * so -08 is +28800), months = 0.
 */

/* timetz_cmp_internal: by the UTC-equivalent time, then by zone. */
static inline int dt_timetz_cmp(OmInterval a, OmInterval b)
{
    int64_t x = a.usec + (int64_t)a.days * DT_USECS_PER_SEC, y = b.usec + (int64_t)b.days * DT_USECS_PER_SEC;
    if (x != y) return x < y ? -1 : 1;
    return (a.days > b.days) - (a.days < b.days);
}
static inline OmInterval dt_timetz(int64_t usec, int32_t zone)
{
    OmInterval v = {usec, zone, 0};
    return v;
}

/* time_in / timetz_in (PostgreSQL's ParseDateTime + DecodeTimeOnly) with
 * the typmod (-1: none) applied; *zone (seconds west) only for timetz. */
int dt_time_parse(OmTypeId t, const char *s, size_t len, int32_t typmod, int64_t *usec, int32_t *zone,
                  OmError *err);
/* AdjustTimeForTypmod: round to typmod fractional digits (0..6). */
int64_t dt_time_typmod(int64_t usec, int32_t typmod);
/* time_out / timetz_out into buf (>= 32 bytes); returns the length. */
int dt_time_format(int64_t usec, char *buf);
int dt_timetz_format(int64_t usec, int32_t zone, char *buf);
/* Zone (seconds west) of the session's zone for local date jd (Julian day)
 * at time of day usec: DetermineTimeZoneOffset. */
int32_t dt_session_zone_at(int jd, int64_t usec);
/* Julian day of the transaction's start in the session's zone
 * (GetCurrentDateTime). */
int dt_current_jday(void);
/* Casts from and to time and timetz (datetime_cast.c hands them over). */
bool dt_time_can_coerce(OmTypeId from, OmTypeId to, OmCoerceCtx cc);
int dt_time_cast_vec(OmType from, OmType to, bool expl, const OmVector *in, OmVector *out, const uint16_t *sel,
                     int n, MemCtx *ctx, OmError *err);
/* Zone lookup as PostgreSQL's pg_tzset: zoneinfo names ignoring case, else
 * POSIX specs by PostgreSQL's rules. out: the zoneinfo name with its real
 * case, or the upper-cased spec. *fixed: its offset never changes
 * (pg_get_timezone_offset), *gmtoff (seconds east) then that offset. False
 * if name is no zone. */
bool dt_tz_find(const char *name, char *out, size_t outsz, bool *fixed, int *gmtoff);

#endif
