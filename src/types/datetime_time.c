/*
 * datetime_time.c — input of time and time with time zone: PostgreSQL's
 * ParseDateTime (the string cut into typed fields) and DecodeTimeOnly (the
 * fields read as a time of day, an optional date that only serves to pick a
 * zone's offset, and a zone), with their helpers DecodeDate, DecodeNumber,
 * DecodeNumberField, DecodeTime and DecodeTimezone. The rules, the order of
 * the checks and therefore which error a bad input gets are PostgreSQL 15's.
 *
 * type_in (io.c) and the string casts (datetime_time_cast.c) call
 * dt_time_parse; output and casts are in datetime_time_cast.c.
 *
 * Interface routines (datetime.h): dt_time_parse, dt_time_typmod,
 * dt_session_zone_at, dt_current_jday.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/session_params.h"
#include "datetime.h"
#include "types_int.h"

/* ---- field types, token types and masks (PostgreSQL's datetime.h values) ---------- */

enum { F_NUMBER = 0, F_STRING, F_DATE, F_TIME, F_TZ, F_SPECIAL };

enum {
    T_RESERV = 0, T_MONTH = 1, T_YEAR = 2, T_DAY = 3, T_JULIAN = 4, T_TZ = 5, T_DTZ = 6, T_DYNTZ = 7,
    T_IGNORE = 8, T_AMPM = 9, T_HOUR = 10, T_MINUTE = 11, T_SECOND = 12, T_MILLISECOND = 13,
    T_MICROSECOND = 14, T_DOY = 15, T_DOW = 16, T_UNITS = 17, T_ADBC = 18, T_ISOTIME = 23, T_DTZMOD = 28,
    T_UNKNOWN = 31
};
#define M(t) (1u << (t))
#define DATE_M (M(T_YEAR) | M(T_MONTH) | M(T_DAY))
#define TIME_M (M(T_HOUR) | M(T_MINUTE) | M(T_SECOND) | M(T_MILLISECOND) | M(T_MICROSECOND))

/* token values */
enum { V_NOW = 1, V_ZULU, V_OTHER, V_JULIAN, V_TIME, V_AM, V_PM, V_BC, V_AD, V_YEAR, V_MONTH, V_DAY, V_HOUR,
       V_MINUTE, V_SECOND };

/* DTERR codes */
#define E_FORMAT (-1)
#define E_FIELD (-2)
#define E_MDFIELD (-3)
#define E_TZDISP (-5)
#define E_BADZONE (-6) /* PostgreSQL 15 reports an unknown zone name at once (22023) */

#define TOKMAXLEN 10
#define MAXDATELEN 128
#define MAXDATEFIELDS 25

typedef struct Tok {
    const char *word;
    int type, value;
} Tok;

/* PostgreSQL 15's datetktbl, sorted: the words date/time input knows. Values
 * that only matter to other decoders are V_OTHER. */
static const Tok datetktbl[] = {
    {"-infinity", T_RESERV, V_OTHER}, {"ad", T_ADBC, V_AD}, {"allballs", T_RESERV, V_ZULU},
    {"am", T_AMPM, V_AM}, {"apr", T_MONTH, 4}, {"april", T_MONTH, 4}, {"at", T_IGNORE, 0},
    {"aug", T_MONTH, 8}, {"august", T_MONTH, 8}, {"bc", T_ADBC, V_BC}, {"d", T_UNITS, V_DAY},
    {"dec", T_MONTH, 12}, {"december", T_MONTH, 12}, {"dow", T_UNITS, V_OTHER}, {"doy", T_UNITS, V_OTHER},
    {"dst", T_DTZMOD, 3600}, {"epoch", T_RESERV, V_OTHER}, {"feb", T_MONTH, 2}, {"february", T_MONTH, 2},
    {"fri", T_DOW, 5}, {"friday", T_DOW, 5}, {"h", T_UNITS, V_HOUR}, {"infinity", T_RESERV, V_OTHER},
    {"isodow", T_UNITS, V_OTHER}, {"isoyear", T_UNITS, V_OTHER}, {"j", T_UNITS, V_JULIAN},
    {"jan", T_MONTH, 1}, {"january", T_MONTH, 1}, {"jd", T_UNITS, V_JULIAN}, {"jul", T_MONTH, 7},
    {"julian", T_UNITS, V_JULIAN}, {"july", T_MONTH, 7}, {"jun", T_MONTH, 6}, {"june", T_MONTH, 6},
    {"m", T_UNITS, V_MONTH}, {"mar", T_MONTH, 3}, {"march", T_MONTH, 3}, {"may", T_MONTH, 5},
    {"mm", T_UNITS, V_MINUTE}, {"mon", T_DOW, 1}, {"monday", T_DOW, 1}, {"nov", T_MONTH, 11},
    {"november", T_MONTH, 11}, {"now", T_RESERV, V_NOW}, {"oct", T_MONTH, 10}, {"october", T_MONTH, 10},
    {"on", T_IGNORE, 0}, {"pm", T_AMPM, V_PM}, {"s", T_UNITS, V_SECOND}, {"sat", T_DOW, 6},
    {"saturday", T_DOW, 6}, {"sep", T_MONTH, 9}, {"sept", T_MONTH, 9}, {"september", T_MONTH, 9},
    {"sun", T_DOW, 0}, {"sunday", T_DOW, 0}, {"t", T_ISOTIME, V_TIME}, {"thu", T_DOW, 4},
    {"thur", T_DOW, 4}, {"thurs", T_DOW, 4}, {"thursday", T_DOW, 4}, {"today", T_RESERV, V_OTHER},
    {"tomorrow", T_RESERV, V_OTHER}, {"tue", T_DOW, 2}, {"tues", T_DOW, 2}, {"tuesday", T_DOW, 2},
    {"wed", T_DOW, 3}, {"wednesday", T_DOW, 3}, {"weds", T_DOW, 3}, {"y", T_UNITS, V_YEAR},
    {"yesterday", T_RESERV, V_OTHER}};

static const Tok *tok_find(const char *w)
{
    for (size_t i = 0; i < sizeof datetktbl / sizeof datetktbl[0]; i++)
        if (!strncmp(w, datetktbl[i].word, TOKMAXLEN)) return &datetktbl[i];
    return NULL;
}

/* DecodeSpecial: the token's type, T_UNKNOWN when none. */
static int decode_special(const char *w, int *val)
{
    const Tok *t = tok_find(w);
    *val = t ? t->value : 0;
    return t ? t->type : T_UNKNOWN;
}

/* ---- ParseDateTime ------------------------------------------------------------------- */

static inline bool c_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool c_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline bool c_alnum(char c) { return c_digit(c) || c_alpha(c); }
static inline bool c_space(char c) { return ty_isspace((unsigned char)c); }
static inline bool c_punct(char c) { return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e); }
static inline char c_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

#define APPEND(ch)                                \
    do {                                          \
        if (bp + 1 >= bend) return E_FORMAT;      \
        *bp++ = (ch);                             \
    } while (0)

/* Cut the NUL-terminated str into fields (lower-cased copies in buf). */
static int parse_fields(const char *cp, char *buf, size_t buflen, char **field, int *ftype, int *nfields)
{
    int nf = 0;
    char *bp = buf;
    const char *bend = buf + buflen;
    while (*cp) {
        if (c_space(*cp)) {
            cp++;
            continue;
        }
        if (nf >= MAXDATEFIELDS) return E_FORMAT;
        field[nf] = bp;
        if (c_digit(*cp)) {
            APPEND(*cp++);
            while (c_digit(*cp)) APPEND(*cp++);
            if (*cp == ':') {
                ftype[nf] = F_TIME;
                APPEND(*cp++);
                while (c_digit(*cp) || *cp == ':' || *cp == '.') APPEND(*cp++);
            } else if (*cp == '-' || *cp == '/' || *cp == '.') {
                char delim = *cp;
                APPEND(*cp++);
                if (c_digit(*cp)) {
                    ftype[nf] = delim == '.' ? F_NUMBER : F_DATE;
                    while (c_digit(*cp)) APPEND(*cp++);
                    /* a three-field date needs the same delimiter twice */
                    if (*cp == delim) {
                        ftype[nf] = F_DATE;
                        APPEND(*cp++);
                        while (c_digit(*cp) || *cp == delim) APPEND(*cp++);
                    }
                } else {
                    ftype[nf] = F_DATE;
                    while (c_alnum(*cp) || *cp == delim) APPEND(c_lower(*cp++));
                }
            } else {
                ftype[nf] = F_NUMBER;
            }
        } else if (*cp == '.') {
            APPEND(*cp++);
            while (c_digit(*cp)) APPEND(*cp++);
            ftype[nf] = F_NUMBER;
        } else if (c_alpha(*cp)) {
            ftype[nf] = F_STRING;
            APPEND(c_lower(*cp++));
            while (c_alpha(*cp)) APPEND(c_lower(*cp++));
            /* A date with a month name, or a zone name with '/', '+', '-',
             * '_' or ':' — unless the word so far is a keyword. */
            bool is_date = false;
            if (*cp == '-' || *cp == '/' || *cp == '.') {
                is_date = true;
            } else if (*cp == '+' || c_digit(*cp)) {
                *bp = '\0';
                if (!tok_find(field[nf])) is_date = true;
            }
            if (is_date) {
                ftype[nf] = F_DATE;
                do {
                    APPEND(c_lower(*cp++));
                } while (*cp == '+' || *cp == '-' || *cp == '/' || *cp == '_' || *cp == '.' || *cp == ':' ||
                         c_alnum(*cp));
            }
        } else if (*cp == '+' || *cp == '-') {
            APPEND(*cp++);
            while (c_space(*cp)) cp++;
            if (c_digit(*cp)) {
                ftype[nf] = F_TZ;
                APPEND(*cp++);
                while (c_digit(*cp) || *cp == ':' || *cp == '.' || *cp == '-') APPEND(*cp++);
            } else if (c_alpha(*cp)) {
                ftype[nf] = F_SPECIAL;
                APPEND(c_lower(*cp++));
                while (c_alpha(*cp)) APPEND(c_lower(*cp++));
            } else {
                return E_FORMAT;
            }
        } else if (c_punct(*cp)) {
            cp++;
            continue;
        } else {
            return E_FORMAT;
        }
        *bp++ = '\0';
        nf++;
    }
    *nfields = nf;
    return 0;
}

/* ---- the decoders ------------------------------------------------------------------- */

typedef struct Tm {
    int year, mon, mday, yday;
    int hour, min, sec;
    int32_t fsec;
} Tm;

/* strtol into an int, as PostgreSQL's strtoint: false on overflow. */
static bool str_to_int(const char *s, char **end, int *out)
{
    errno = 0;
    long v = strtol(s, end, 10);
    if (errno == ERANGE || v < INT_MIN || v > INT_MAX) return false;
    *out = (int)v;
    return true;
}

/* ".ddd" to the end of the string → microseconds (ParseFractionalSecond). */
static int parse_fraction(char *cp, int32_t *fsec)
{
    double frac = 0;
    if (cp[1] != '\0') {
        errno = 0;
        frac = strtod(cp, &cp);
        if (*cp != '\0' || errno != 0) return E_FORMAT;
    }
    *fsec = (int32_t)rint(frac * 1000000);
    return 0;
}

/* hh:mm[:ss[.fff]] or mm:ss.fff (DecodeTimeCommon + DecodeTime). */
static int decode_time(char *str, unsigned *tmask, Tm *tm)
{
    char *cp;
    int32_t fsec = 0;
    *tmask = TIME_M;
    errno = 0;
    long long hour = strtoll(str, &cp, 10);
    if (errno == ERANGE) return E_FIELD;
    if (*cp != ':') return E_FORMAT;
    int min, sec = 0;
    if (!str_to_int(cp + 1, &cp, &min)) return E_FIELD;
    if (*cp == '\0') {
        sec = 0;
    } else if (*cp == '.') {
        /* mm:ss.fff */
        int rc = parse_fraction(cp, &fsec);
        if (rc) return rc;
        if (hour > INT_MAX || hour < INT_MIN) return E_FIELD;
        sec = min;
        min = (int)hour;
        hour = 0;
    } else if (*cp == ':') {
        if (!str_to_int(cp + 1, &cp, &sec)) return E_FIELD;
        if (*cp == '.') {
            int rc = parse_fraction(cp, &fsec);
            if (rc) return rc;
        } else if (*cp != '\0') {
            return E_FORMAT;
        }
    } else {
        return E_FORMAT;
    }
    if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1000000) return E_FIELD;
    if (hour > INT_MAX) return E_FIELD;
    tm->hour = (int)hour;
    tm->min = min;
    tm->sec = sec;
    tm->fsec = fsec;
    return 0;
}

/* +hh[:mm[:ss]] or +hhmm → seconds west (DecodeTimezone). */
static int decode_timezone(const char *str, int *tzp)
{
    int hr, min, sec = 0;
    char *cp;
    if (*str != '+' && *str != '-') return E_FORMAT;
    if (!str_to_int(str + 1, &cp, &hr)) return E_TZDISP;
    if (*cp == ':') {
        if (!str_to_int(cp + 1, &cp, &min)) return E_TZDISP;
        if (*cp == ':' && !str_to_int(cp + 1, &cp, &sec)) return E_TZDISP;
    } else if (*cp == '\0' && strlen(str) > 3) {
        min = hr % 100;
        hr = hr / 100;
    } else {
        min = 0;
    }
    if (hr < 0 || hr > 15 || min < 0 || min >= 60 || sec < 0 || sec >= 60) return E_TZDISP;
    int tz = (hr * 60 + min) * 60 + sec;
    if (*str == '-') tz = -tz;
    *tzp = -tz;
    if (*cp != '\0') return E_FORMAT;
    return 0;
}

/* Run-together digits: yymmdd / yyyymmdd dates, hhmmss / hhmm times, with a
 * fraction (DecodeNumberField). Returns F_DATE / F_TIME or an error. */
static int decode_number_field(int len, char *str, unsigned fmask, unsigned *tmask, Tm *tm, bool *is2digits)
{
    char *cp = strchr(str, '.');
    if (cp) {
        if (cp[1] == '\0') {
            tm->fsec = 0;
        } else {
            errno = 0;
            double frac = strtod(cp, NULL);
            if (errno != 0) return E_FORMAT;
            tm->fsec = (int32_t)rint(frac * 1000000);
        }
        *cp = '\0';
        len = (int)strlen(str);
    } else if ((fmask & DATE_M) != DATE_M) {
        if (len >= 6) {
            *tmask = DATE_M;
            tm->mday = atoi(str + (len - 2));
            str[len - 2] = '\0';
            tm->mon = atoi(str + (len - 4));
            str[len - 4] = '\0';
            tm->year = atoi(str);
            if (len - 4 == 2) *is2digits = true;
            return F_DATE;
        }
    }
    if ((fmask & TIME_M) != TIME_M) {
        if (len == 6) {
            *tmask = TIME_M;
            tm->sec = atoi(str + 4);
            str[4] = '\0';
            tm->min = atoi(str + 2);
            str[2] = '\0';
            tm->hour = atoi(str);
            return F_TIME;
        }
        if (len == 4) {
            *tmask = TIME_M;
            tm->sec = 0;
            tm->min = atoi(str + 2);
            str[2] = '\0';
            tm->hour = atoi(str);
            return F_TIME;
        }
    }
    return E_FORMAT;
}

/* A number among date fields, placed by what is already known and DateStyle
 * (DecodeNumber). */
static int decode_number(int flen, char *str, bool text_month, unsigned fmask, unsigned *tmask, Tm *tm, bool *is2digits)
{
    char *cp;
    int val;
    *tmask = 0;
    if (!str_to_int(str, &cp, &val)) return E_FIELD;
    if (cp == str) return E_FORMAT;
    if (*cp == '.') {
        /* more than two digits before the point: a date or run-together time */
        if (cp - str > 2) {
            int rc = decode_number_field(flen, str, fmask | DATE_M, tmask, tm, is2digits);
            return rc < 0 ? rc : 0;
        }
        int rc = parse_fraction(cp, &tm->fsec);
        if (rc) return rc;
    } else if (*cp != '\0') {
        return E_FORMAT;
    }
    if (flen == 3 && (fmask & DATE_M) == M(T_YEAR) && val >= 1 && val <= 366) {
        *tmask = M(T_DOY) | M(T_MONTH) | M(T_DAY);
        tm->yday = val;
        return 0;
    }
    OmDateOrder order = om_params()->date_order;
    switch (fmask & DATE_M) {
    case 0:
        if (flen >= 3 || order == OM_DATEORDER_YMD) *tmask = M(T_YEAR), tm->year = val;
        else if (order == OM_DATEORDER_DMY) *tmask = M(T_DAY), tm->mday = val;
        else *tmask = M(T_MONTH), tm->mon = val;
        break;
    case M(T_YEAR):
        *tmask = M(T_MONTH), tm->mon = val;
        break;
    case M(T_MONTH):
        if (text_month) {
            if (flen >= 3 || order == OM_DATEORDER_YMD) *tmask = M(T_YEAR), tm->year = val;
            else *tmask = M(T_DAY), tm->mday = val;
        } else {
            *tmask = M(T_DAY), tm->mday = val;
        }
        break;
    case M(T_YEAR) | M(T_MONTH):
        if (text_month && flen >= 3 && *is2digits) {
            /* DD-MON-YYYY: the first number was the day after all */
            *tmask = M(T_DAY);
            tm->mday = tm->year;
            tm->year = val;
            *is2digits = false;
        } else {
            *tmask = M(T_DAY), tm->mday = val;
        }
        break;
    case M(T_DAY):
        *tmask = M(T_MONTH), tm->mon = val;
        break;
    case M(T_MONTH) | M(T_DAY):
        *tmask = M(T_YEAR), tm->year = val;
        break;
    case M(T_YEAR) | M(T_MONTH) | M(T_DAY): {
        int rc = decode_number_field(flen, str, fmask, tmask, tm, is2digits);
        return rc < 0 ? rc : 0;
    }
    default:
        return E_FORMAT;
    }
    if (*tmask == M(T_YEAR)) *is2digits = flen <= 2;
    return 0;
}

/* A date with separators (DecodeDate). */
static int decode_date(char *str, unsigned fmask, unsigned *tmask, bool *is2digits, Tm *tm)
{
    char *field[MAXDATEFIELDS];
    int nf = 0;
    unsigned dmask = 0;
    bool text_month = false;
    *tmask = 0;
    while (*str != '\0' && nf < MAXDATEFIELDS) {
        while (*str != '\0' && !c_alnum(*str)) str++;
        if (*str == '\0') return E_FORMAT;
        field[nf] = str;
        if (c_digit(*str)) {
            while (c_digit(*str)) str++;
        } else if (c_alpha(*str)) {
            while (c_alpha(*str)) str++;
        }
        if (*str != '\0') *str++ = '\0';
        nf++;
    }
    /* text fields first: they can only be a month */
    for (int i = 0; i < nf; i++) {
        if (!c_alpha(*field[i])) continue;
        int val, type = decode_special(field[i], &val);
        if (type == T_IGNORE) continue;
        dmask = M(type);
        if (type != T_MONTH) return E_FORMAT;
        tm->mon = val;
        text_month = true;
        if (fmask & dmask) return E_FORMAT;
        fmask |= dmask;
        *tmask |= dmask;
        field[i] = NULL;
    }
    for (int i = 0; i < nf; i++) {
        if (!field[i]) continue;
        int len = (int)strlen(field[i]);
        if (len <= 0) return E_FORMAT;
        int rc = decode_number(len, field[i], text_month, fmask, &dmask, tm, is2digits);
        if (rc) return rc;
        if (fmask & dmask) return E_FORMAT;
        fmask |= dmask;
        *tmask |= dmask;
    }
    if ((fmask & ~(M(T_DOY) | M(T_TZ))) != DATE_M) return E_FORMAT;
    return 0;
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* ValidateDate */
static int validate_date(unsigned fmask, bool isjulian, bool is2digits, bool bc, Tm *tm)
{
    if (fmask & M(T_YEAR)) {
        if (isjulian) {
            /* already astronomical */
        } else if (bc) {
            if (tm->year <= 0) return E_FIELD;
            tm->year = -(tm->year - 1);
        } else if (is2digits) {
            if (tm->year < 0) return E_FIELD;
            if (tm->year < 70) tm->year += 2000;
            else if (tm->year < 100) tm->year += 1900;
        } else if (tm->year <= 0) {
            return E_FIELD;
        }
    }
    if (fmask & M(T_DOY)) dt_j2date(dt_date2j(tm->year, 1, 1) + tm->yday - 1, &tm->year, &tm->mon, &tm->mday);
    if ((fmask & M(T_MONTH)) && (tm->mon < 1 || tm->mon > 12)) return E_MDFIELD;
    if ((fmask & M(T_DAY)) && (tm->mday < 1 || tm->mday > 31)) return E_MDFIELD;
    if ((fmask & DATE_M) == DATE_M) {
        static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int d = dim[tm->mon - 1] + (tm->mon == 2 && is_leap(tm->year));
        if (tm->mday > d) return E_FIELD;
    }
    return 0;
}

/* time_overflows: fields in range and the total at most 24:00:00. */
static bool time_overflows(int hour, int min, int sec, int32_t fsec)
{
    if (hour < 0 || hour > 24 || min < 0 || min >= 60 || sec < 0 || sec > 60 || fsec < 0 || fsec > 1000000)
        return true;
    return (((int64_t)hour * 60 + min) * 60 + sec) * DT_USECS_PER_SEC + fsec > DT_USECS_PER_DAY;
}

#define UNIX_SHIFT INT64_C(946684800)

/* DetermineTimeZoneOffset: seconds west for a local date and time in zone
 * name; 0 (UTC) outside the range of Julian days. */
static int zone_offset_local(const char *name, int y, int m, int d, int hour, int min, int sec)
{
    /* IS_VALID_JULIAN */
    if (y < -4713 || (y == -4713 && (m < 11 || (m == 11 && d < 24))) || y > 5874898 ||
        (y == 5874898 && m >= 6 && (m > 6 || d > 3)))
        return 0;
    int64_t days = (int64_t)dt_date2j(y, m, d) - DT_UNIX_EPOCH_JDATE;
    int64_t local = days * 86400 + ((int64_t)hour * 60 + min) * 60 + sec;
    int off;
    if (!dt_tz_offset_local(name, local, &off)) return 0;
    return -off;
}

int dt_current_jday(void)
{
    int64_t t = dt_tstz_to_local(dt_txn_start(), NULL);
    int64_t days = t / DT_USECS_PER_DAY - (t % DT_USECS_PER_DAY < 0);
    return (int)(days + DT_POSTGRES_EPOCH_JDATE);
}

int32_t dt_session_zone_at(int jd, int64_t usec)
{
    int y, m, d;
    dt_j2date(jd, &y, &m, &d);
    int64_t secs = usec / DT_USECS_PER_SEC;
    return zone_offset_local(dt_session_tz(), y, m, d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
}

/* DecodeTimeOnly. tzp NULL: zones are refused (PostgreSQL never passes NULL
 * for time or timetz, but the flag keeps the rules whole). zname receives an
 * unknown zone name for the error message. */
static int decode_time_only(char **field, int *ftype, int nf, Tm *tm, int *tzp, char *zname, size_t znamesz)
{
    unsigned fmask = 0, tmask = 0;
    int ptype = 0;
    bool isjulian = false, is2digits = false, bc = false;
    int mer = 0; /* 0: 24-hour, V_AM, V_PM */
    char named[256];
    const char *dynzone = NULL;
    bool has_named = false, named_fixed = false;
    int named_off = 0;
    memset(tm, 0, sizeof *tm);
    if (tzp) *tzp = 0;
    for (int i = 0; i < nf; i++) {
        int rc;
        switch (ftype[i]) {
        case F_DATE:
            if (!tzp) return E_FORMAT;
            /* a date only at the start, before a time or with a zone name at the end */
            if (i == 0 && nf >= 2 && (ftype[nf - 1] == F_DATE || ftype[1] == F_TIME)) {
                rc = decode_date(field[i], fmask, &tmask, &is2digits, tm);
                if (rc) return rc;
            } else if (c_digit(*field[i])) {
                /* run-together time with a zone: hhmmss-zz */
                if ((fmask & TIME_M) == TIME_M) return E_FORMAT;
                char *cp = strchr(field[i], '-');
                if (!cp) return E_FORMAT;
                rc = decode_timezone(cp, tzp);
                if (rc) return rc;
                *cp = '\0';
                rc = decode_number_field((int)strlen(field[i]), field[i], fmask | DATE_M, &tmask, tm, &is2digits);
                if (rc < 0) return rc;
                ftype[i] = rc;
                tmask |= M(T_TZ);
            } else {
                if (!dt_tz_find(field[i], named, sizeof named, &named_fixed, &named_off)) {
                    snprintf(zname, znamesz, "%s", field[i]);
                    return E_BADZONE;
                }
                has_named = true;
                ftype[i] = F_TZ;
                tmask = M(T_TZ);
            }
            break;
        case F_TIME:
            rc = decode_time(field[i], &tmask, tm);
            if (rc) return rc;
            break;
        case F_TZ: {
            if (!tzp) return E_FORMAT;
            int tz;
            rc = decode_timezone(field[i], &tz);
            if (rc) return rc;
            *tzp = tz;
            tmask = M(T_TZ);
            break;
        }
        case F_NUMBER:
            if (ptype != 0) {
                /* a number labelled by the field before: j2451187, t040506,
                 * and PostgreSQL 15's ISO labels h04mm05s06 */
                char *cp;
                int value;
                if (!str_to_int(field[i], &cp, &value)) return E_FIELD;
                if (*cp == '.') {
                    if (ptype != V_JULIAN && ptype != V_TIME && ptype != V_SECOND) return E_FORMAT;
                } else if (*cp != '\0') {
                    return E_FORMAT;
                }
                if (ptype == V_YEAR) {
                    tm->year = value, tmask = M(T_YEAR);
                } else if (ptype == V_MONTH) {
                    /* a month and an hour already: minutes */
                    if ((fmask & M(T_MONTH)) && (fmask & M(T_HOUR))) tm->min = value, tmask = M(T_MINUTE);
                    else tm->mon = value, tmask = M(T_MONTH);
                } else if (ptype == V_DAY) {
                    tm->mday = value, tmask = M(T_DAY);
                } else if (ptype == V_HOUR) {
                    tm->hour = value, tmask = M(T_HOUR);
                } else if (ptype == V_MINUTE) {
                    tm->min = value, tmask = M(T_MINUTE);
                } else if (ptype == V_SECOND) {
                    tm->sec = value, tmask = M(T_SECOND);
                    if (*cp == '.') {
                        rc = parse_fraction(cp, &tm->fsec);
                        if (rc) return rc;
                        tmask = M(T_SECOND) | M(T_MILLISECOND) | M(T_MICROSECOND);
                    }
                } else if (ptype == V_JULIAN) {
                    if (!tzp) return E_FORMAT;
                    if (value < 0) return E_FIELD;
                    tmask = DATE_M;
                    dt_j2date(value, &tm->year, &tm->mon, &tm->mday);
                    isjulian = true;
                    if (*cp == '.') {
                        double frac = 0;
                        if (cp[1] != '\0') {
                            errno = 0;
                            char *e;
                            frac = strtod(cp, &e);
                            if (*e != '\0' || errno != 0) return E_FORMAT;
                        }
                        /* dt2time of the day's fraction */
                        int64_t t = (int64_t)(frac * (double)DT_USECS_PER_DAY);
                        tm->hour = (int)(t / INT64_C(3600000000));
                        t -= (int64_t)tm->hour * INT64_C(3600000000);
                        tm->min = (int)(t / 60000000);
                        t -= (int64_t)tm->min * 60000000;
                        tm->sec = (int)(t / 1000000);
                        tm->fsec = (int32_t)(t - (int64_t)tm->sec * 1000000);
                        tmask |= TIME_M;
                    }
                } else if (ptype == V_TIME) {
                    rc = decode_number_field((int)strlen(field[i]), field[i], fmask | DATE_M, &tmask, tm, &is2digits);
                    if (rc < 0) return rc;
                    ftype[i] = rc;
                    if (tmask != TIME_M) return E_FORMAT;
                } else {
                    return E_FORMAT;
                }
                ptype = 0;
            } else {
                int flen = (int)strlen(field[i]);
                char *cp = strchr(field[i], '.');
                if (cp) {
                    if (i == 0 && nf >= 2 && ftype[nf - 1] == F_DATE) {
                        rc = decode_date(field[i], fmask, &tmask, &is2digits, tm);
                        if (rc) return rc;
                    } else if (flen - (int)strlen(cp) > 2) {
                        /* 040506.789, 20011223.5 */
                        rc = decode_number_field(flen, field[i], fmask | DATE_M, &tmask, tm, &is2digits);
                        if (rc < 0) return rc;
                        ftype[i] = rc;
                    } else {
                        return E_FORMAT;
                    }
                } else if (flen > 4) {
                    rc = decode_number_field(flen, field[i], fmask | DATE_M, &tmask, tm, &is2digits);
                    if (rc < 0) return rc;
                    ftype[i] = rc;
                } else {
                    rc = decode_number(flen, field[i], false, fmask | DATE_M, &tmask, tm, &is2digits);
                    if (rc) return rc;
                }
            }
            break;
        case F_STRING:
        case F_SPECIAL: {
            /* zone abbreviations before the keywords */
            int val, type, kind = dt_tz_abbrev_kind(field[i], &val, &dynzone);
            if (kind != DT_ABBREV_NONE) type = kind == DT_ABBREV_DST ? T_DTZ : kind == DT_ABBREV_DYN ? T_DYNTZ : T_TZ;
            else type = decode_special(field[i], &val);
            if (type == T_IGNORE) continue;
            tmask = M(type);
            switch (type) {
            case T_RESERV:
                if (val == V_NOW) {
                    tmask = TIME_M;
                    int64_t t = dt_tstz_to_local(dt_txn_start(), NULL);
                    DtTm now;
                    dt_ts2tm(t, &now);
                    tm->year = now.year, tm->mon = now.mon, tm->mday = now.mday;
                    tm->hour = now.hour, tm->min = now.min, tm->sec = now.sec, tm->fsec = now.usec;
                } else if (val == V_ZULU) {
                    tmask = TIME_M | M(T_TZ);
                    tm->hour = tm->min = tm->sec = 0;
                } else {
                    return E_FORMAT;
                }
                break;
            case T_DTZMOD:
                /* "DST" after a standard-time abbreviation */
                tmask |= M(T_DTZ);
                if (!tzp) return E_FORMAT;
                *tzp -= val;
                break;
            case T_DTZ:
                tmask |= M(T_TZ);
                if (!tzp) return E_FORMAT;
                *tzp = -val;
                ftype[i] = F_TZ;
                break;
            case T_DYNTZ: /* resolved now rather than at the input's date and time */
                tmask |= M(T_TZ);
                /* fall through */
            case T_TZ:
                if (!tzp) return E_FORMAT;
                *tzp = -val;
                ftype[i] = F_TZ;
                break;
            case T_AMPM:
                mer = val;
                break;
            case T_ADBC:
                bc = val == V_BC;
                break;
            case T_UNITS:
                tmask = 0;
                ptype = val;
                break;
            case T_ISOTIME:
                tmask = 0;
                /* "t" must be followed by hhmmss, hh:mm:ss or hhmmss-zz */
                if (i >= nf - 1 || (ftype[i + 1] != F_NUMBER && ftype[i + 1] != F_TIME && ftype[i + 1] != F_DATE))
                    return E_FORMAT;
                ptype = val;
                break;
            case T_UNKNOWN:
                /* an all-letters zone name */
                if (!dt_tz_find(field[i], named, sizeof named, &named_fixed, &named_off)) return E_FORMAT;
                has_named = true;
                tmask = M(T_TZ);
                break;
            default:
                return E_FORMAT;
            }
            break;
        }
        default:
            return E_FORMAT;
        }
        if (tmask & fmask) return E_FORMAT;
        fmask |= tmask;
    }

    int rc = validate_date(fmask, isjulian, is2digits, bc, tm);
    if (rc) return rc;
    if (mer && tm->hour > 12) return E_FIELD;
    if (mer == V_AM && tm->hour == 12) tm->hour = 0;
    else if (mer == V_PM && tm->hour != 12) tm->hour += 12;
    if (time_overflows(tm->hour, tm->min, tm->sec, tm->fsec)) return E_FIELD;
    if ((fmask & TIME_M) != TIME_M) return E_FORMAT;

    if (has_named) {
        if (fmask & M(T_DTZMOD)) return E_FORMAT;
        if (named_fixed) {
            *tzp = -named_off;
        } else {
            /* a zone with daylight time needs the date */
            if ((fmask & DATE_M) != DATE_M) return E_FORMAT;
            *tzp = zone_offset_local(named, tm->year, tm->mon, tm->mday, tm->hour, tm->min, tm->sec);
        }
    }
    if (fmask & M(T_DYNTZ)) {
        /* a dynamic abbreviation stands for its zone's offset at the
         * input's date (today without one) */
        if (fmask & M(T_DTZMOD)) return E_FORMAT;
        int y = tm->year, m = tm->mon, d = tm->mday;
        if ((fmask & DATE_M) == 0) dt_j2date(dt_current_jday(), &y, &m, &d);
        else if ((fmask & DATE_M) != DATE_M) return E_FORMAT;
        if (dynzone) *tzp = zone_offset_local(dynzone, y, m, d, tm->hour, tm->min, tm->sec);
    }
    if (tzp && !(fmask & M(T_TZ))) {
        if (fmask & M(T_DTZMOD)) return E_FORMAT;
        int y, m, d;
        if ((fmask & DATE_M) == 0) {
            dt_j2date(dt_current_jday(), &y, &m, &d);
        } else {
            if ((fmask & DATE_M) != DATE_M) return E_FORMAT;
            y = tm->year, m = tm->mon, d = tm->mday;
        }
        *tzp = zone_offset_local(dt_session_tz(), y, m, d, tm->hour, tm->min, tm->sec);
    }
    return 0;
}

/* ---- entry points ------------------------------------------------------------------- */

int64_t dt_time_typmod(int64_t t, int32_t typmod)
{
    if (typmod < 0 || typmod >= 6) return t;
    static const int64_t scales[6] = {1000000, 100000, 10000, 1000, 100, 10};
    int64_t scale = scales[typmod];
    /* times are never negative: (t + scale/2) / scale * scale */
    return (t + scale / 2) / scale * scale;
}

int dt_time_parse(OmTypeId t, const char *s, size_t len, int32_t typmod, int64_t *usec, int32_t *zone,
                  OmError *err)
{
    const char *tname = t == OM_T_TIME ? "time" : "time with time zone";
    /* PostgreSQL reads a C string; bytes past a NUL never reach it (and a
     * NUL is no valid text anyway). */
    if (memchr(s, 0, len) || type_utf8_check(s, len, err) < 0) return type_utf8_check(s, len, err);
    char small[MAXDATELEN * 4 + 1];
    char work[MAXDATELEN + 1];
    char *field[MAXDATEFIELDS];
    int ftype[MAXDATEFIELDS], nf = 0;
    char zname[MAXDATELEN + 1] = "";
    Tm tm;
    int tz = 0;
    int rc;
    /* spaces and punctuation between fields take no room in the work
     * buffer, so a long input can still be valid */
    char *str = len < sizeof small ? small : malloc(len + 1);
    memcpy(str, s, len);
    str[len] = '\0';
    rc = parse_fields(str, work, sizeof work, field, ftype, &nf);
    if (rc == 0) rc = decode_time_only(field, ftype, nf, &tm, &tz, zname, sizeof zname);
    if (str != small) free(str);
    switch (rc) {
    case 0: break;
    case E_FIELD:
        return err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date/time field value out of range: \"%.*s\"", (int)len, s);
    case E_MDFIELD:
        err_set(err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date/time field value out of range: \"%.*s\"", (int)len, s);
        err_hint(err, "Perhaps you need a different \"datestyle\" setting.");
        return -1;
    case E_TZDISP:
        return err_set(err, ERRCODE_INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                       "time zone displacement out of range: \"%.*s\"", (int)len, s);
    case E_BADZONE:
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "time zone \"%s\" not recognized", zname);
    default:
        return err_set(err, ERRCODE_INVALID_DATETIME_FORMAT, "invalid input syntax for type %s: \"%.*s\"", tname,
                       (int)len, s);
    }
    *usec = dt_time_typmod((((int64_t)tm.hour * 60 + tm.min) * 60 + tm.sec) * DT_USECS_PER_SEC + tm.fsec, typmod);
    if (zone) *zone = tz;
    return 0;
}
