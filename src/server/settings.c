/*
 * settings.c — session settings (PostgreSQL's GUCs as a client sees them):
 * SET / SET LOCAL / RESET / SHOW, startup-packet parameters, and the
 * transaction rules: a SET inside a transaction block that rolls back is
 * undone, SET LOCAL lasts until the block ends.
 *
 * Values are kept as the text SHOW prints (canonical form, e.g. DateStyle
 * "ISO, MDY"). Settings that change how values look are mirrored into the
 * session's OmSessionParams, which types/ reads. Reported settings (PostgreSQL's
 * GUC_REPORT) are sent to the client as ParameterStatus when they change.
 */
#include "settings.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/log.h"
#include "../types/datetime.h"

typedef enum { SK_STRING, SK_BOOL, SK_INT, SK_ENUM, SK_DATESTYLE, SK_TIMEZONE, SK_LIST, SK_MEMORY, SK_MS } SetKind;

typedef struct SetDef {
    const char *name;        /* canonical spelling, as SHOW's column name */
    SetKind kind;
    const char *dflt;
    bool report;             /* GUC_REPORT: ParameterStatus on change */
    bool readonly;           /* "cannot be changed" */
    int min, max;            /* SK_INT */
    const char *const *values; /* SK_ENUM, NULL-terminated, lower case */
    const char *only;        /* accepted value when we support just one (else 0A000) */
} SetDef;

static const char *const e_interval[] = {"postgres", "postgres_verbose", "sql_standard", "iso_8601", NULL};
static const char *const e_bytea[] = {"hex", "escape", NULL};
static const char *const e_msgs[] = {"debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error", NULL};
static const char *const e_iso[] = {"read committed", "read uncommitted", "repeatable read", "serializable", NULL};
static const char *const e_sync[] = {"on", "off", "local", "remote_write", "remote_apply", NULL};
static const char *const e_enc[] = {"utf8", "unicode", NULL};

/* Sorted by name (case-insensitive) for bsearch. */
static const SetDef defs[] = {
    {"application_name", SK_STRING, "", true},
    {"bytea_output", SK_ENUM, "hex", false, false, 0, 0, e_bytea},
    {"client_encoding", SK_ENUM, "UTF8", true, false, 0, 0, e_enc},
    {"client_min_messages", SK_ENUM, "notice", false, false, 0, 0, e_msgs},
    {"DateStyle", SK_DATESTYLE, "ISO, MDY", true},
    {"default_statistics_target", SK_INT, "100", false, false, 1, 10000},
    {"default_transaction_isolation", SK_ENUM, "read committed", false, false, 0, 0, e_iso},
    {"default_transaction_read_only", SK_BOOL, "off", true},
    {"extra_float_digits", SK_INT, "1", false, false, -15, 3},
    {"idle_in_transaction_session_timeout", SK_MS, "0"},
    {"idle_session_timeout", SK_MS, "0"},
    {"in_hot_standby", SK_BOOL, "off", true, true},
    {"integer_datetimes", SK_BOOL, "on", true, true},
    {"IntervalStyle", SK_ENUM, "postgres", true, false, 0, 0, e_interval},
    {"is_superuser", SK_BOOL, "on", true, true},
    {"lc_collate", SK_STRING, "C", false, true},
    {"lc_ctype", SK_STRING, "C", false, true},
    {"lock_timeout", SK_MS, "0"},
    {"max_connections", SK_INT, "100", false, true, 1, 262143},
    {"search_path", SK_LIST, "\"$user\", public"},
    {"server_encoding", SK_STRING, "UTF8", true, true},
    {"server_version", SK_STRING, "15.0 (OmenDB 0.1.0)", true, true},
    {"server_version_num", SK_STRING, "150000", false, true},
    {"session_authorization", SK_STRING, "postgres", true, true},
    {"standard_conforming_strings", SK_BOOL, "on", true, false, 0, 0, NULL, "on"},
    {"statement_timeout", SK_MS, "0"},
    {"synchronous_commit", SK_ENUM, "on", false, false, 0, 0, e_sync},
    {"TimeZone", SK_TIMEZONE, "UTC", true},
    {"transaction_isolation", SK_ENUM, "read committed", false, false, 0, 0, e_iso},
    {"work_mem", SK_MEMORY, "64MB"},
};
#define NDEFS ((int)(sizeof defs / sizeof defs[0]))

/* A setting touched inside a transaction block: what ROLLBACK restores
 * (old, the value before the block) and what COMMIT leaves (keep: the last
 * plain SET in the block, or old if it only had SET LOCALs). */
typedef struct UndoEntry {
    int idx;
    char *old;
    char *keep;
} UndoEntry;

struct SrvSettings {
    MemCtx *ctx;
    char *values[NDEFS];
    bool changed[NDEFS];   /* reported setting changed since the last flush */
    UndoEntry *undo;       /* SETs inside the current transaction block */
    int nundo, capundo;
    OmSessionParams params;
};

/* Binary search of defs (sorted case-insensitively): every statement looks
 * its timeouts up here (server/exec.c) and every message its idle timeout. */
static int find(const char *name)
{
    int lo = 0, hi = NDEFS - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcasecmp(defs[mid].name, name);
        if (c == 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
    }
    /* A few aliases the grammar or clients use. */
    if (!strcasecmp(name, "timezone")) return find("TimeZone");
    return -1;
}

/* The server's default TimeZone, found the way PostgreSQL's initdb finds
 * the system's: $TZ, else the zone /etc/localtime links to, else UTC. */
static const char *server_default_timezone(void)
{
    static char zone[128];
    const char *tz = getenv("TZ");
    if (tz && *tz) {
        if (tz[0] == ':') tz++;
        const char *z = strstr(tz, "zoneinfo/");
        snprintf(zone, sizeof zone, "%s", z ? z + 9 : tz);
        return zone;
    }
    char link[512];
    ssize_t n = readlink("/etc/localtime", link, sizeof link - 1);
    if (n > 0) {
        link[n] = '\0';
        const char *z = strstr(link, "zoneinfo/");
        if (z && z[9]) {
            snprintf(zone, sizeof zone, "%s", z + 9);
            return zone;
        }
    }
    return "UTC";
}

static const char *default_of(int i)
{
    if (!strcmp(defs[i].name, "TimeZone")) return server_default_timezone();
    return defs[i].dflt;
}

/* ---- value checking and canonical forms ------------------------------------ */

static int bad_value(OmError *err, const char *name, const char *v)
{
    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"", name, v);
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const t[] = {"on", "true", "yes", "1", "t", "y"};
    static const char *const f[] = {"off", "false", "no", "0", "f", "n"};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strcasecmp(v, t[i])) return *out = true, true;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (!strcasecmp(v, f[i])) return *out = false, true;
    return false;
}

/* DateStyle: comma-separated style and/or order words. */
static int canon_datestyle(const char *v, char *out, size_t outsize, OmError *err)
{
    const char *style = NULL, *order = NULL;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", v);
    char *save = NULL; /* strtok_r: sessions run on several threads */
    for (char *tok = strtok_r(buf, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
        if (!strcasecmp(tok, "iso")) style = "ISO";
        else if (!strcasecmp(tok, "sql")) style = "SQL";
        else if (!strncasecmp(tok, "postgres", 8)) style = "Postgres";
        else if (!strcasecmp(tok, "german")) style = "German", order = order ? order : "DMY";
        else if (!strcasecmp(tok, "ymd")) order = "YMD";
        else if (!strcasecmp(tok, "dmy") || !strncasecmp(tok, "euro", 4)) order = "DMY";
        else if (!strcasecmp(tok, "mdy") || !strcasecmp(tok, "us") || !strncasecmp(tok, "noneuro", 7)) order = "MDY";
        else if (!strcasecmp(tok, "default")) style = "ISO", order = "MDY";
        else {
            err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid value for parameter \"DateStyle\": \"%s\"", v);
            err_detail(err, "Unrecognized key word: \"%s\".", tok);
            return -1;
        }
    }
    snprintf(out, outsize, "%s, %s", style ? style : "ISO", order ? order : "MDY");
    return 0;
}

/* Case-insensitive walk of the zoneinfo tree: "europe/paris" → "Europe/Paris". */
static bool zone_lookup(const char *name, char *out, size_t outsize)
{
    const char *root = "/usr/share/zoneinfo";
    char path[1024], canon[256] = "";
    snprintf(path, sizeof path, "%s", root);
    char buf[256];
    snprintf(buf, sizeof buf, "%s", name);
    if (strstr(buf, "..") || buf[0] == '/' || !buf[0]) return false;
    char *save = NULL;
    for (char *part = strtok_r(buf, "/", &save); part; part = strtok_r(NULL, "/", &save)) {
        DIR *d = opendir(path);
        if (!d) return false;
        struct dirent *de;
        bool found = false;
        while ((de = readdir(d))) {
            if (!strcasecmp(de->d_name, part)) {
                size_t pl = strlen(path), cl = strlen(canon), nl = strlen(de->d_name);
                if (pl + nl + 2 > sizeof path || cl + nl + 2 > sizeof canon) break;
                path[pl] = '/';
                memcpy(path + pl + 1, de->d_name, nl + 1);
                if (cl) canon[cl++] = '/';
                memcpy(canon + cl, de->d_name, nl + 1);
                found = true;
                break;
            }
        }
        closedir(d);
        if (!found) return false;
    }
    struct stat stt;
    if (stat(path, &stt) < 0 || !S_ISREG(stt.st_mode)) return false;
    snprintf(out, outsize, "%s", canon);
    return true;
}

/* A POSIX-style offset "+02:00", "-5", "UTC+3"... kept as written. */
static bool posix_offset(const char *v)
{
    const char *p = v;
    if (*p == '+' || *p == '-') p++;
    if (!isdigit((unsigned char)*p)) return false;
    while (isdigit((unsigned char)*p)) p++;
    for (int k = 0; k < 2 && *p == ':'; k++) {
        p++;
        if (!isdigit((unsigned char)*p)) return false;
        while (isdigit((unsigned char)*p)) p++;
    }
    return *p == '\0';
}

static int canon_timezone(const char *v, bool numeric, char *out, size_t outsize, OmError *err)
{
    if (numeric) {
        /* SET TIME ZONE 5 / -3.5: hours east of Greenwich, shown as PostgreSQL
         * shows the POSIX zone it makes: "<+05>-05", "<-03:30>+03:30". */
        char *end;
        double h = strtod(v, &end);
        if (*end || h < -15 * 1.0 || h > 15 * 1.0) return bad_value(err, "TimeZone", v);
        long secs = (long)(h * 3600 + (h < 0 ? -0.5 : 0.5));
        long a = labs(secs);
        char name[32];
        if (a % 3600 == 0) snprintf(name, sizeof name, "%c%02ld", secs < 0 ? '-' : '+', a / 3600);
        else snprintf(name, sizeof name, "%c%02ld:%02ld", secs < 0 ? '-' : '+', a / 3600, (a % 3600) / 60);
        char inv[32];
        snprintf(inv, sizeof inv, "%c%s", name[0] == '+' ? '-' : '+', name + 1);
        snprintf(out, outsize, "<%s>%s", name, inv);
        return 0;
    }
    if (!strcasecmp(v, "utc") || !strcasecmp(v, "gmt") || !strcasecmp(v, "z") || !strcasecmp(v, "zulu")) {
        snprintf(out, outsize, "%s", !strcasecmp(v, "utc") ? "UTC" : !strcasecmp(v, "gmt") ? "GMT" : v);
        return 0;
    }
    if (zone_lookup(v, out, outsize)) return 0;
    /* POSIX specs ("<+05>-05", "EST5EDT,M3.2.0,M11.1.0"), as types/tz.c reads them */
    if (posix_offset(v) || (strlen(v) < 100 && dt_tz_valid(v))) {
        snprintf(out, outsize, "%s", v);
        return 0;
    }
    return bad_value(err, "TimeZone", v);
}

/* Milliseconds settings accept a number (ms) or a number with a unit; SHOW
 * prints the largest unit that divides the value, as PostgreSQL does. */
static int canon_ms(const char *name, const char *v, char *out, size_t outsize, OmError *err)
{
    char *end;
    double n = strtod(v, &end);
    while (*end == ' ') end++;
    double ms;
    if (end == v) return bad_value(err, name, v);
    if (!*end || !strcmp(end, "ms")) ms = n;
    else if (!strcmp(end, "s")) ms = n * 1000;
    else if (!strcmp(end, "min")) ms = n * 60000;
    else if (!strcmp(end, "h")) ms = n * 3600000;
    else if (!strcmp(end, "d")) ms = n * 86400000;
    else {
        err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"", name, v);
        err_hint(err, "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".");
        return -1;
    }
    if (ms < 0 || ms > 2147483647.0) {
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                       "%.0f ms is outside the valid range for parameter \"%s\" (0 .. 2147483647)", ms, name);
    }
    long long m = (long long)(ms + 0.5);
    if (m == 0) snprintf(out, outsize, "0");
    else if (m % 86400000 == 0) snprintf(out, outsize, "%lldd", m / 86400000);
    else if (m % 3600000 == 0) snprintf(out, outsize, "%lldh", m / 3600000);
    else if (m % 60000 == 0) snprintf(out, outsize, "%lldmin", m / 60000);
    else if (m % 1000 == 0) snprintf(out, outsize, "%llds", m / 1000);
    else snprintf(out, outsize, "%lldms", m);
    return 0;
}

long long srv_settings_ms(const SrvSettings *st, const char *name)
{
    int i = find(name);
    if (i < 0 || defs[i].kind != SK_MS) return 0;
    /* The stored text is canon_ms's output: an integer and a unit. */
    const char *v = st->values[i];
    char *end;
    long long n = strtoll(v, &end, 10);
    if (!strcmp(end, "s")) n *= 1000;
    else if (!strcmp(end, "min")) n *= 60000;
    else if (!strcmp(end, "h")) n *= 3600000;
    else if (!strcmp(end, "d")) n *= 86400000;
    return n;
}

long long srv_settings_kb(const SrvSettings *st, const char *name)
{
    int i = find(name);
    if (i < 0 || defs[i].kind != SK_MEMORY) return 0;
    /* The stored text is canon_memory's output: an integer and a unit. */
    char *end;
    long long n = strtoll(st->values[i], &end, 10);
    if (!strcmp(end, "MB")) n *= 1024;
    else if (!strcmp(end, "GB")) n *= 1024 * 1024;
    return n;
}

static int canon_memory(const char *name, const char *v, char *out, size_t outsize, OmError *err)
{
    char *end;
    long long n = strtoll(v, &end, 10);
    if (end == v) return bad_value(err, name, v);
    while (*end == ' ') end++;
    long long kb;
    if (!*end || !strcmp(end, "kB")) kb = n;
    else if (!strcmp(end, "MB")) kb = n * 1024;
    else if (!strcmp(end, "GB")) kb = n * 1024 * 1024;
    else if (!strcmp(end, "TB")) kb = n * 1024 * 1024 * 1024;
    else {
        err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"", name, v);
        err_hint(err, "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".");
        return -1;
    }
    if (kb < 64 || kb > 2147483647LL)
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                       "%lld kB is outside the valid range for parameter \"%s\" (64 kB .. 2147483647 kB)", kb, name);
    if (kb % (1024 * 1024) == 0) snprintf(out, outsize, "%lldGB", kb / (1024 * 1024));
    else if (kb % 1024 == 0) snprintf(out, outsize, "%lldMB", kb / 1024);
    else snprintf(out, outsize, "%lldkB", kb);
    return 0;
}

static int canonical(int i, const char *typed, const char *v, bool numeric, char *out, size_t outsize, OmError *err)
{
    const SetDef *d = &defs[i];
    /* PostgreSQL names the parameter as the user typed it, except in its
     * check hooks (DateStyle, TimeZone), which use the canonical name. */
    const char *nm = typed;
    switch (d->kind) {
    case SK_STRING:
    case SK_LIST:
        snprintf(out, outsize, "%s", v);
        return 0;
    case SK_BOOL: {
        bool b;
        if (!parse_bool(v, &b)) {
            return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "parameter \"%s\" requires a Boolean value", nm);
        }
        snprintf(out, outsize, "%s", b ? "on" : "off");
        if (d->only && strcmp(out, d->only))
            return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED, "%s = %s is not supported", d->name, out);
        return 0;
    }
    case SK_INT: {
        char *end;
        double x = strtod(v, &end);
        if (end == v || *end) {
            return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"", nm, v);
        }
        long long n = (long long)(x < 0 ? x - 0.5 : x + 0.5);
        if (n < d->min || n > d->max)
            return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%lld is outside the valid range for parameter \"%s\" (%d .. %d)",
                           n, nm, d->min, d->max);
        snprintf(out, outsize, "%lld", n);
        return 0;
    }
    case SK_ENUM:
        for (int k = 0; d->values[k]; k++) {
            if (!strcasecmp(v, d->values[k])) {
                if (d->values == e_enc) snprintf(out, outsize, "UTF8");
                else snprintf(out, outsize, "%s", d->values[k]);
                return 0;
            }
        }
        if (d->values == e_enc) {
            return err_set(err, ERRCODE_FEATURE_NOT_SUPPORTED,
                           "client_encoding \"%s\" is not supported: OmenDB speaks UTF8 only", v);
        }
        err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "invalid value for parameter \"%s\": \"%s\"", nm, v);
        {
            char hint[512];
            size_t off = (size_t)snprintf(hint, sizeof hint, "Available values: ");
            for (int k = 0; d->values[k] && off < sizeof hint; k++)
                off += (size_t)snprintf(hint + off, sizeof hint - off, "%s%s", k ? ", " : "", d->values[k]);
            if (off < sizeof hint) snprintf(hint + off, sizeof hint - off, ".");
            err_hint(err, "%s", hint);
        }
        return -1;
    case SK_DATESTYLE:
        return canon_datestyle(v, out, outsize, err);
    case SK_TIMEZONE:
        return canon_timezone(v, numeric, out, outsize, err);
    case SK_MS:
        return canon_ms(nm, v, out, outsize, err);
    case SK_MEMORY:
        return canon_memory(nm, v, out, outsize, err);
    }
    return 0;
}

/* ---- mirror into OmSessionParams ---------------------------------------------- */

static void mirror(SrvSettings *st, int i)
{
    const char *v = st->values[i];
    OmSessionParams *p = &st->params;
    const char *name = defs[i].name;
    if (!strcmp(name, "extra_float_digits")) p->extra_float_digits = atoi(v);
    else if (!strcmp(name, "TimeZone")) snprintf(p->timezone, sizeof p->timezone, "%s", v);
    else if (!strcmp(name, "bytea_output")) p->bytea_output_hex = !strcmp(v, "hex");
    else if (!strcmp(name, "IntervalStyle")) {
        for (int k = 0; e_interval[k]; k++)
            if (!strcmp(v, e_interval[k])) p->interval_style = (OmIntervalStyle)k;
    } else if (!strcmp(name, "DateStyle")) {
        p->date_style = !strncmp(v, "ISO", 3) ? OM_DATESTYLE_ISO : !strncmp(v, "SQL", 3) ? OM_DATESTYLE_SQL
                        : !strncmp(v, "Postgres", 8) ? OM_DATESTYLE_POSTGRES : OM_DATESTYLE_GERMAN;
        const char *o = strchr(v, ',');
        o = o ? o + 2 : "MDY";
        p->date_order = !strcmp(o, "DMY") ? OM_DATEORDER_DMY : !strcmp(o, "YMD") ? OM_DATEORDER_YMD : OM_DATEORDER_MDY;
    }
}

/* ---- public ------------------------------------------------------------------------ */

SrvSettings *srv_settings_create(MemCtx *ctx, const char *user)
{
    SrvSettings *st = mem_new(ctx, SrvSettings);
    st->ctx = ctx;
    st->params = *om_params_default();
    for (int i = 0; i < NDEFS; i++) {
        const char *v = !strcmp(defs[i].name, "session_authorization") ? user : default_of(i);
        st->values[i] = mem_strdup(ctx, v);
        mirror(st, i);
    }
    return st;
}

const OmSessionParams *srv_settings_params(const SrvSettings *st) { return &st->params; }

static int assign(SrvSettings *st, int i, const char *canon, bool in_block, bool local)
{
    char *nv = mem_strdup(st->ctx, canon);
    if (in_block) {
        UndoEntry *u = NULL;
        for (int k = 0; k < st->nundo; k++)
            if (st->undo[k].idx == i) u = &st->undo[k];
        if (!u) {
            if (st->nundo == st->capundo) {
                int nc = st->capundo ? st->capundo * 2 : 8;
                st->undo = mem_realloc(st->ctx, st->undo, sizeof(UndoEntry) * (size_t)st->capundo,
                                       sizeof(UndoEntry) * (size_t)nc);
                st->capundo = nc;
            }
            u = &st->undo[st->nundo++];
            *u = (UndoEntry){i, st->values[i], st->values[i]};
        }
        if (!local) u->keep = nv;
    }
    if (strcmp(st->values[i], nv)) {
        if (defs[i].report) st->changed[i] = true;
    }
    st->values[i] = nv;
    mirror(st, i);
    return 0;
}

int srv_settings_set(SrvSettings *st, const char *name, const char *value, bool numeric, bool local,
                     bool in_block, OmError *err)
{
    int i = find(name);
    if (i < 0) return err_set(err, ERRCODE_UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
    if (defs[i].readonly) {
        return err_set(err, ERRCODE_CANT_CHANGE_RUNTIME_PARAM, "parameter \"%s\" cannot be changed", defs[i].name);
    }
    char canon[512];
    const char *v = value ? value : default_of(i);
    if (canonical(i, name, v, value && numeric, canon, sizeof canon, err) < 0) return -1;
    /* SET LOCAL outside a block does nothing (PostgreSQL warns). */
    if (local && !in_block) return 0;
    return assign(st, i, canon, in_block, local);
}

int srv_settings_reset_all(SrvSettings *st, bool in_block)
{
    for (int i = 0; i < NDEFS; i++) {
        if (defs[i].readonly || !strcmp(defs[i].name, "session_authorization")) continue;
        assign(st, i, default_of(i), in_block, false);
    }
    return 0;
}

const char *srv_settings_show(const SrvSettings *st, const char *name, const char **canon_name, OmError *err)
{
    int i = find(name);
    if (i < 0) {
        err_set(err, ERRCODE_UNDEFINED_OBJECT, "unrecognized configuration parameter \"%s\"", name);
        return NULL;
    }
    if (canon_name) *canon_name = defs[i].name;
    return st->values[i];
}

int srv_settings_count(void) { return NDEFS; }

const char *srv_settings_name(int i) { return defs[i].name; }

const char *srv_settings_value(const SrvSettings *st, int i) { return st->values[i]; }

void srv_settings_txn_end(SrvSettings *st, bool commit)
{
    for (int k = 0; k < st->nundo; k++) {
        UndoEntry *u = &st->undo[k];
        char *final = commit ? u->keep : u->old;
        if (strcmp(st->values[u->idx], final)) {
            st->values[u->idx] = final;
            if (defs[u->idx].report) st->changed[u->idx] = true;
            mirror(st, u->idx);
        }
    }
    st->nundo = 0;
}

void srv_settings_mark_all_reported(SrvSettings *st)
{
    for (int i = 0; i < NDEFS; i++) st->changed[i] = defs[i].report;
}

int srv_settings_flush_reports(SrvSettings *st, int (*fn)(void *arg, const char *name, const char *value), void *arg)
{
    for (int i = 0; i < NDEFS; i++) {
        if (!st->changed[i]) continue;
        st->changed[i] = false;
        if (fn(arg, defs[i].name, st->values[i]) < 0) return -1;
    }
    return 0;
}
