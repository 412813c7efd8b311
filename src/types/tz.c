/*
 * tz.c — time zones: the system's TZif files (/usr/share/zoneinfo, version
 * 2+ 64-bit data and the POSIX footer rule) and POSIX TZ specs such as
 * "<+05>-05" or "EST5EDT,M3.2.0,M11.1.0".
 *
 * datetime.c asks for a zone's UTC offset at an instant (output of
 * timestamptz, casts) and for the offset of a local time (input).
 * Parsed zones are cached for the life of the process, behind a mutex; a
 * zone is never freed, so a pointer handed out stays valid. Each thread
 * remembers the zone it used last, so per-row conversions take no lock.
 *
 * Interface routines: dt_tz_offset_utc, dt_tz_offset_local, dt_tz_valid,
 * dt_tz_find.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "datetime.h"

/* One rule date: Mm.w.d (kind 'M'), Jn (kind 'J'), n (kind 'N'), with the
 * local time of day in seconds. */
typedef struct PosixDate {
    char kind;
    int m, w, d, n;
    int secs;
} PosixDate;

typedef struct PosixTz {
    bool ok;
    char std_abbr[16], dst_abbr[16];
    int std_off, dst_off; /* seconds east of UTC */
    bool has_dst;
    PosixDate start, end;
} PosixTz;

typedef struct Zone {
    struct Zone *next;
    char *name;
    bool valid;
    int ntrans;
    int64_t *trans;
    uint8_t *idx;
    int ntypes;
    int32_t *utoff;
    uint8_t *isdst;
    uint8_t *abbrind;
    char *abbrs;
    PosixTz rule; /* footer, or the whole zone for a POSIX spec */
} Zone;

static pthread_mutex_t zones_lock = PTHREAD_MUTEX_INITIALIZER;
static Zone *zones;

/* ---- POSIX TZ strings ---------------------------------------------------------------- */

/* A zone name as PostgreSQL's tzparse reads it: <anything> in angle
 * brackets, or a run of characters other than digits, ',', '-' and '+'
 * (at least minlen of them). */
static const char *posix_name(const char *p, char *out, size_t outsz, size_t minlen)
{
    size_t n = 0, len = 0;
    if (*p == '<') {
        p++;
        while (*p && *p != '>') {
            if (n + 1 < outsz) out[n++] = *p;
            p++, len++;
        }
        if (*p != '>') return NULL;
        p++;
    } else {
        while (*p && !(*p >= '0' && *p <= '9') && *p != ',' && *p != '-' && *p != '+') {
            if (n + 1 < outsz) out[n++] = *p;
            p++, len++;
        }
    }
    if (len < minlen) return NULL;
    out[n] = '\0';
    return p;
}

/* Digits at p as a number in [min, max], refused as soon as it leaves the
 * range (so a long run of digits cannot overflow). */
static const char *posix_num(const char *p, int *out, int min, int max)
{
    if (*p < '0' || *p > '9') return NULL;
    int x = 0;
    while (*p >= '0' && *p <= '9') {
        x = x * 10 + (*p++ - '0');
        if (x > max) return NULL;
    }
    if (x < min) return NULL;
    *out = x;
    return p;
}

/* [+-]hh[:mm[:ss]] → seconds (sign as written); hours up to 167 as
 * PostgreSQL allows. */
static const char *posix_time(const char *p, int *secs)
{
    int sign = 1;
    if (*p == '+') p++;
    else if (*p == '-') sign = -1, p++;
    int h, m = 0, sec = 0;
    if (!(p = posix_num(p, &h, 0, 167))) return NULL;
    if (*p == ':') {
        if (!(p = posix_num(p + 1, &m, 0, 59))) return NULL;
        if (*p == ':' && !(p = posix_num(p + 1, &sec, 0, 60))) return NULL;
    }
    *secs = sign * (h * 3600 + m * 60 + sec);
    return p;
}

static const char *posix_date(const char *p, PosixDate *d)
{
    memset(d, 0, sizeof *d);
    if (*p == 'M') {
        d->kind = 'M';
        if (!(p = posix_num(p + 1, &d->m, 1, 12)) || *p++ != '.') return NULL;
        if (!(p = posix_num(p, &d->w, 1, 5)) || *p++ != '.') return NULL;
        if (!(p = posix_num(p, &d->d, 0, 6))) return NULL;
    } else if (*p == 'J') {
        d->kind = 'J';
        if (!(p = posix_num(p + 1, &d->n, 1, 365))) return NULL;
    } else {
        d->kind = 'N';
        if (!(p = posix_num(p, &d->n, 0, 365))) return NULL;
    }
    d->secs = 7200;
    if (*p == '/') {
        p = posix_time(p + 1, &d->secs);
        if (!p) return NULL;
    }
    return p;
}

/* A whole spec: std offset [dst [offset] [,start[/time],end[/time]]]. A spec
 * that is only an offset ("+02:00") has no name, as PostgreSQL accepts it. */
static bool posix_parse(const char *s, PosixTz *z)
{
    memset(z, 0, sizeof *z);
    const char *p = s;
    if (*p == '+' || *p == '-' || (*p >= '0' && *p <= '9')) {
        snprintf(z->std_abbr, sizeof z->std_abbr, "%s", s);
    } else {
        p = posix_name(p, z->std_abbr, sizeof z->std_abbr, 0);
        if (!p || !*p) return false;
    }
    int off;
    p = posix_time(p, &off);
    if (!p) return false;
    z->std_off = -off;
    if (*p) {
        p = posix_name(p, z->dst_abbr, sizeof z->dst_abbr, 1);
        if (!p) return false;
        z->has_dst = true;
        z->dst_off = z->std_off + 3600;
        if (*p && *p != ',' && *p != ';') {
            p = posix_time(p, &off);
            if (!p) return false;
            z->dst_off = -off;
        }
        if (!*p) {
            /* PostgreSQL's TZDEFRULESTRING */
            p = ",M3.2.0,M11.1.0";
        }
        if (*p != ',' && *p != ';') return false;
        p = posix_date(p + 1, &z->start);
        if (!p || *p != ',') return false;
        p = posix_date(p + 1, &z->end);
        if (!p || *p) return false;
    }
    z->ok = true;
    return true;
}

static int64_t floordiv(int64_t a, int64_t b) { return a / b - (a % b != 0 && ((a < 0) != (b < 0))); }

/* Unix seconds of local midnight starting the rule's day in year y. */
static int64_t rule_day(const PosixDate *d, int y)
{
    int jd;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d->kind == 'M') {
        int j1 = dt_date2j(y, d->m, 1);
        int wd = dt_j2day(j1);
        int mday = 1 + (d->d - wd + 7) % 7 + (d->w - 1) * 7;
        int dim = dt_days_in_month(y, d->m);
        while (mday > dim) mday -= 7;
        jd = j1 + mday - 1;
    } else if (d->kind == 'J') {
        int n = d->n; /* 1..365, Feb 29 never counted */
        if (leap && n >= 60) n++;
        jd = dt_date2j(y, 1, 1) + n - 1;
    } else {
        jd = dt_date2j(y, 1, 1) + d->n;
    }
    return (int64_t)(jd - DT_UNIX_EPOCH_JDATE) * 86400 + d->secs;
}

static int posix_offset(const PosixTz *z, int64_t t, bool *isdst)
{
    *isdst = false;
    if (!z->has_dst) return z->std_off;
    /* The year of t in standard time. */
    int64_t days = floordiv(t + z->std_off, 86400);
    if (days > 200000000LL) days = 200000000LL;
    if (days < -200000000LL) days = -200000000LL;
    int y, m, d;
    dt_j2date((int)(days + DT_UNIX_EPOCH_JDATE), &y, &m, &d);
    int64_t start = rule_day(&z->start, y) - z->std_off;
    int64_t end = rule_day(&z->end, y) - z->dst_off;
    bool in;
    if (start < end) in = t >= start && t < end;
    else in = !(t >= end && t < start);
    *isdst = in;
    return in ? z->dst_off : z->std_off;
}

/* ---- TZif ------------------------------------------------------------------------------ */

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static int64_t be64(const uint8_t *p) { return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4)); }

static bool tzif_parse(Zone *z, const uint8_t *b, size_t len)
{
    if (len < 44 || memcmp(b, "TZif", 4) != 0) return false;
    int version = b[4];
    const uint8_t *h = b;
    size_t pos = 0;
    int tsz = 4;
    for (int pass = 0; pass < 2; pass++) {
        if (pos + 44 > len || memcmp(h, "TZif", 4) != 0) return false;
        uint32_t isutcnt = be32(h + 20), isstdcnt = be32(h + 24), leapcnt = be32(h + 28), timecnt = be32(h + 32),
                 typecnt = be32(h + 36), charcnt = be32(h + 40);
        if (timecnt > 100000 || typecnt > 256 || typecnt == 0 || charcnt > 100000 || leapcnt > 100000 ||
            isutcnt > 256 || isstdcnt > 256)
            return false;
        size_t body = (size_t)timecnt * (size_t)tsz + timecnt + typecnt * 6u + charcnt + leapcnt * (size_t)(tsz + 4) +
                      isstdcnt + isutcnt;
        if (pos + 44 + body > len) return false;
        if (pass == 0 && version >= '2') {
            pos += 44 + body;
            h = b + pos;
            tsz = 8;
            continue;
        }
        const uint8_t *p = h + 44;
        z->ntrans = (int)timecnt;
        z->trans = malloc(sizeof(int64_t) * (timecnt ? timecnt : 1));
        z->idx = malloc(timecnt ? timecnt : 1);
        for (uint32_t i = 0; i < timecnt; i++) z->trans[i] = tsz == 8 ? be64(p + i * 8) : (int32_t)be32(p + i * 4);
        p += (size_t)timecnt * (size_t)tsz;
        for (uint32_t i = 0; i < timecnt; i++) {
            z->idx[i] = p[i];
            if (p[i] >= typecnt) return false;
        }
        p += timecnt;
        z->ntypes = (int)typecnt;
        z->utoff = malloc(sizeof(int32_t) * typecnt);
        z->isdst = malloc(typecnt);
        z->abbrind = malloc(typecnt);
        for (uint32_t i = 0; i < typecnt; i++) {
            z->utoff[i] = (int32_t)be32(p + i * 6);
            z->isdst[i] = p[i * 6 + 4];
            z->abbrind[i] = p[i * 6 + 5];
            if (z->abbrind[i] >= charcnt) z->abbrind[i] = 0;
        }
        p += typecnt * 6u;
        z->abbrs = malloc(charcnt + 1);
        memcpy(z->abbrs, p, charcnt);
        z->abbrs[charcnt] = '\0';
        pos += 44 + body;
        if (tsz == 8 && pos < len && b[pos] == '\n') {
            const uint8_t *f = b + pos + 1, *e = memchr(f, '\n', len - pos - 1);
            if (e && e > f && (size_t)(e - f) < 200) {
                char spec[200];
                memcpy(spec, f, (size_t)(e - f));
                spec[e - f] = '\0';
                posix_parse(spec, &z->rule);
            }
        }
        return true;
    }
    return false;
}

static bool name_safe(const char *name)
{
    if (!*name || name[0] == '/' || strlen(name) > 100) return false;
    if (strstr(name, "..")) return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '/' ||
              *p == '_' || *p == '-' || *p == '+'))
            return false;
    return true;
}

static void zone_load(Zone *z)
{
    const char *name = z->name;
    if (!strcasecmp(name, "z") || !strcasecmp(name, "zulu")) name = "UTC";
    if (name_safe(name)) {
        char path[256];
        snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", name);
        FILE *f = fopen(path, "rb");
        if (f) {
            uint8_t *buf = malloc(1 << 20);
            size_t n = fread(buf, 1, 1 << 20, f);
            fclose(f);
            z->valid = tzif_parse(z, buf, n);
            free(buf);
            if (z->valid) return;
        }
    }
    z->ntrans = 0;
    z->valid = posix_parse(z->name, &z->rule);
}

static void zone_free(Zone *z)
{
    if (!z) return;
    free(z->name);
    free(z->trans);
    free(z->idx);
    free(z->utoff);
    free(z->isdst);
    free(z->abbrind);
    free(z->abbrs);
    free(z);
}

/* Valid zones are cached (at most ZONE_CACHE_MAX: names come from users, and
 * POSIX specs are unbounded); invalid ones never. A zone that does not fit
 * the cache lives in a per-thread slot until the thread's next lookup, which
 * is longer than any caller keeps it. */
#define ZONE_CACHE_MAX 2048
static int nzones;
static __thread Zone *scratch;

static const Zone *zone_lookup_slow(const char *name);

/* The zone this thread used last: a statement converts every row in the
 * same zone, so the common lookup takes neither the mutex nor a walk of the
 * list (sessions would otherwise serialise on the lock, per row). Cached
 * zones are never freed; the scratch slot is this thread's own. */
static __thread const Zone *last_zone;

static const Zone *zone_get(const char *name)
{
    if (last_zone && !strcmp(last_zone->name, name)) return last_zone;
    const Zone *found = zone_lookup_slow(name);
    if (found) last_zone = found;
    return found;
}

static const Zone *zone_lookup_slow(const char *name)
{
    pthread_mutex_lock(&zones_lock);
    Zone *z;
    for (z = zones; z; z = z->next)
        if (!strcmp(z->name, name)) break;
    pthread_mutex_unlock(&zones_lock);
    if (z) return z;
    z = calloc(1, sizeof *z);
    z->name = strdup(name);
    zone_load(z);
    if (!z->valid) {
        zone_free(z);
        return NULL;
    }
    pthread_mutex_lock(&zones_lock);
    Zone *dup;
    for (dup = zones; dup; dup = dup->next)
        if (!strcmp(dup->name, name)) break;
    if (!dup && nzones < ZONE_CACHE_MAX) {
        z->next = zones;
        zones = z;
        nzones++;
        pthread_mutex_unlock(&zones_lock);
        return z;
    }
    pthread_mutex_unlock(&zones_lock);
    if (dup) {
        zone_free(z);
        return dup;
    }
    if (last_zone == scratch) last_zone = NULL;
    zone_free(scratch);
    scratch = z;
    return z;
}

static int zone_offset(const Zone *z, int64_t t, const char **abbrev)
{
    if (z->ntrans == 0 || t >= z->trans[z->ntrans - 1]) {
        if (z->rule.ok) {
            bool dst;
            int off = posix_offset(&z->rule, t, &dst);
            if (abbrev) *abbrev = dst ? z->rule.dst_abbr : z->rule.std_abbr;
            return off;
        }
        if (z->ntrans == 0) {
            if (abbrev) *abbrev = z->abbrs ? z->abbrs + z->abbrind[0] : "";
            return z->ntypes ? z->utoff[0] : 0;
        }
        int ty = z->idx[z->ntrans - 1];
        if (abbrev) *abbrev = z->abbrs + z->abbrind[ty];
        return z->utoff[ty];
    }
    int ty;
    if (t < z->trans[0]) {
        ty = 0;
    } else {
        int lo = 0, hi = z->ntrans - 1; /* trans[lo] <= t < trans[hi] */
        while (hi - lo > 1) {
            int mid = (lo + hi) / 2;
            if (z->trans[mid] <= t) lo = mid;
            else hi = mid;
        }
        ty = z->idx[lo];
    }
    if (abbrev) *abbrev = z->abbrs + z->abbrind[ty];
    return z->utoff[ty];
}

bool dt_tz_valid(const char *name) { return zone_get(name) != NULL; }

bool dt_tz_offset_utc(const char *name, int64_t unix_secs, int *gmtoff, const char **abbrev)
{
    const Zone *z = zone_get(name);
    if (!z) return false;
    *gmtoff = zone_offset(z, unix_secs, abbrev);
    return true;
}

bool dt_tz_offset_local(const char *name, int64_t L, int *gmtoff)
{
    const Zone *z = zone_get(name);
    if (!z) return false;
    int before = zone_offset(z, L - 86400, NULL), after = zone_offset(z, L + 86400, NULL);
    if (before == after) {
        /* No transition near: but a transition could still be in between
         * twice; take the offset at the resulting instant. */
        int o = zone_offset(z, L - before, NULL);
        *gmtoff = o == before ? before : o;
        return true;
    }
    int64_t c1 = L - before, c2 = L - after;
    bool v1 = zone_offset(z, c1, NULL) == before, v2 = zone_offset(z, c2, NULL) == after;
    if (v1 && v2) *gmtoff = after; /* ambiguous (fall back): the later interpretation */
    else if (v1) *gmtoff = before;
    else if (v2) *gmtoff = after;
    else *gmtoff = before; /* gap (spring forward): the offset before */
    return true;
}

/* ---- pg_tzset's case-insensitive lookup; fixed-offset zones --------------------------- */


/* Find path component by component under /usr/share/zoneinfo, ignoring
 * case (PostgreSQL matches zone names case-insensitively). */
static bool zone_file_ci(const char *name, char *out, size_t outsz)
{
    const char *root = "/usr/share/zoneinfo";
    size_t len = strlen(name);
    if (len == 0 || len + 1 > outsz || name[0] == '/' || strstr(name, "..")) return false;
    char dir[512];
    size_t olen = 0;
    const char *p = name;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t clen = slash ? (size_t)(slash - p) : strlen(p);
        if (clen == 0 || clen > 255) return false;
        snprintf(dir, sizeof dir, "%s%s%.*s", root, olen ? "/" : "", (int)olen, out);
        DIR *d = opendir(dir);
        if (!d) return false;
        struct dirent *e;
        bool found = false;
        while ((e = readdir(d)) != NULL) {
            if (strlen(e->d_name) == clen && !strncasecmp(e->d_name, p, clen) && e->d_name[0] != '.') {
                if (olen) out[olen++] = '/';
                memcpy(out + olen, e->d_name, clen);
                olen += clen;
                out[olen] = '\0';
                found = true;
                break;
            }
        }
        closedir(d);
        if (!found) return false;
        p += clen;
        if (*p == '/' && !*++p) return false; /* "gmt/": no file */
    }
    return olen > 0;
}

bool dt_tz_find(const char *name, char *out, size_t outsz, bool *fixed, int *gmtoff)
{
    size_t len = strlen(name);
    if (len >= outsz || len > 255) return false;
    if (strcasecmp(name, "gmt") && zone_file_ci(name, out, outsz)) {
        const Zone *z = zone_get(out);
        if (z) {
            /* pg_get_timezone_offset: fixed when every type (and the footer
             * rule) has the same offset */
            bool have = false;
            int off = 0;
            *fixed = true;
            for (int i = 0; i < z->ntypes; i++) {
                if (have && z->utoff[i] != off) *fixed = false;
                off = z->utoff[i], have = true;
            }
            if (z->rule.ok) {
                if ((have && z->rule.std_off != off) || (z->rule.has_dst && z->rule.dst_off != z->rule.std_off))
                    *fixed = false;
                if (!have) off = z->rule.std_off;
            }
            *gmtoff = off;
            return true;
        }
    }
    /* a POSIX spec, upper-cased as PostgreSQL names it */
    for (size_t i = 0; i <= len; i++) out[i] = (name[i] >= 'a' && name[i] <= 'z') ? (char)(name[i] - 32) : name[i];
    if (!strcmp(out, "GMT")) {
        *fixed = true, *gmtoff = 0;
        return true;
    }
    PosixTz tz;
    if (out[0] == ':' || !posix_parse(out, &tz)) return false;
    *fixed = !tz.has_dst || tz.dst_off == tz.std_off;
    *gmtoff = tz.std_off;
    return true;
}
