/*
 * config.c — server settings from flags, OMENDB_* environment variables, a
 * TOML file and built-in defaults (that precedence, highest first).
 *
 * Every setting is described once in the `settings` table below: its TOML
 * key, flag, environment variable, kind, range and help text. The table
 * drives parsing, validation and --help alike, so they cannot disagree.
 *
 * The TOML reader is hand-written and deliberately small: it accepts the
 * subset a flat settings file needs —
 *   key = "basic string"   (escapes \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX)
 *   key = 'literal string'
 *   key = 123              (sign, '_' between digits, 0x / 0o / 0b prefixes)
 *   key = true | false
 *   # comments, blank lines, CRLF line ends, quoted keys
 * and rejects, naming file:line, everything else TOML has ([tables], dotted
 * keys, arrays, inline tables, floats, dates, multi-line strings) as well as
 * unknown keys, duplicate keys and values of the wrong kind.
 *
 * Interface: cfg_defaults, cfg_load, cfg_print_help.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"

#define CFG_FILE_MAX (1024 * 1024) /* a settings file larger than this is a mistake */
#define CFG_DEFAULT_FILE "omendb.toml"

typedef enum { CFG_STR, CFG_INT, CFG_LEVEL } CfgKind;

typedef struct CfgSetting {
    const char *key;  /* TOML key */
    const char *flag; /* without the leading "--" */
    const char *env;
    CfgKind kind;
    size_t off;       /* offset of the field in OmConfig */
    size_t size;      /* char array size (CFG_STR, CFG_LEVEL) */
    long long min, max;
    const char *def;  /* default as shown in --help */
    const char *help;
} CfgSetting;

#define STR_FIELD(f) offsetof(OmConfig, f), sizeof(((OmConfig *)0)->f)

static const CfgSetting settings[] = {
    {"data_dir", "data-dir", "OMENDB_DATA_DIR", CFG_STR, STR_FIELD(data_dir), 0, 0,
     "./omendb-data", "directory holding the database (created if missing)"},
    {"listen_addresses", "listen-addresses", "OMENDB_LISTEN_ADDRESSES", CFG_STR,
     STR_FIELD(listen_addresses), 0, 0, "127.0.0.1",
     "comma-separated IPv4/IPv6 addresses or host names to listen on; \"*\" = all"},
    {"port", "port", "OMENDB_PORT", CFG_INT, offsetof(OmConfig, port), sizeof(int), 1, 65535,
     "5433", "TCP port for PostgreSQL clients (1..65535)"},
    {"log_level", "log-level", "OMENDB_LOG_LEVEL", CFG_LEVEL, STR_FIELD(log_level), 0, 0, "info",
     "least severe level logged: debug, info, warn, error"},
    {"max_connections", "max-connections", "OMENDB_MAX_CONNECTIONS", CFG_INT,
     offsetof(OmConfig, max_connections), sizeof(int), 1, 10000, "100",
     "concurrent client sessions (1..10000); more get FATAL 53300"},
    {"map_size_mb", "map-size-mb", "OMENDB_MAP_SIZE_MB", CFG_INT, offsetof(OmConfig, map_size_mb),
     sizeof(long long), 1, 64LL * 1024 * 1024, "1048576",
     "starting LMDB map size in MiB (address space, not disk: the map grows on its own when "
     "the data needs more; 1..67108864)"},
    {"autovacuum_naptime", "autovacuum-naptime", "OMENDB_AUTOVACUUM_NAPTIME", CFG_INT,
     offsetof(OmConfig, autovacuum_naptime), sizeof(int), 0, 2147483, "60",
     "seconds between background checks for tables whose statistics are stale (they are then "
     "ANALYZEd); 0 = never"},
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

void cfg_defaults(OmConfig *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->data_dir, sizeof cfg->data_dir, "./omendb-data");
    snprintf(cfg->listen_addresses, sizeof cfg->listen_addresses, "127.0.0.1");
    cfg->port = 5433;
    snprintf(cfg->log_level, sizeof cfg->log_level, "info");
    cfg->max_connections = 100;
    cfg->config_file[0] = '\0';
    cfg->map_size_mb = 1048576; /* 1 TiB of address space */
    cfg->autovacuum_naptime = 60;  /* PostgreSQL's autovacuum_naptime */
}

static const CfgSetting *find_by_key(const char *key)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strcmp(settings[i].key, key) == 0) return &settings[i];
    return NULL;
}

static const CfgSetting *find_by_flag(const char *flag, size_t len)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strlen(settings[i].flag) == len && strncmp(settings[i].flag, flag, len) == 0)
            return &settings[i];
    return NULL;
}

static int cfg_err(OmError *err, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record a 22023 error "<where>: <message>". */
static int cfg_err(OmError *err, const char *where, const char *fmt, ...)
{
    char msg[OM_ERR_MSG_MAX / 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s: %s", where, msg);
}

/* Store an integer after the range check. */
static int set_int(OmConfig *cfg, const CfgSetting *s, long long v, const char *where,
                   OmError *err)
{
    if (v < s->min || v > s->max) {
        err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                "%s: %lld is outside the valid range for %s (%lld .. %lld)", where, v, s->key,
                s->min, s->max);
        return -1;
    }
    char *field = (char *)cfg + s->off;
    if (s->size == sizeof(int)) *(int *)field = (int)v;
    else *(long long *)field = v;
    return 0;
}

/* Store a string setting (CFG_STR or CFG_LEVEL) after validation. */
static int set_str(OmConfig *cfg, const CfgSetting *s, const char *v, const char *where,
                   OmError *err)
{
    if (v[0] == '\0') return cfg_err(err, where, "%s must not be empty", s->key);
    if (strlen(v) >= s->size) {
        err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s: %s is too long (at most %zu bytes)",
                where, s->key, s->size - 1);
        return -1;
    }
    if (s->kind == CFG_LEVEL && log_level_parse(v) < 0)
        return cfg_err(err, where,
                       "invalid value for %s: \"%s\" (expected debug, info, warn or error)",
                       s->key, v);
    snprintf((char *)cfg + s->off, s->size, "%s", v);
    return 0;
}

/* Parse a decimal integer as written in a flag or environment variable. */
static int parse_plain_int(const char *v, long long *out)
{
    if (!*v || isspace((unsigned char)*v)) return -1;
    errno = 0;
    char *end;
    long long x = strtoll(v, &end, 10);
    if (errno || *end) return -1;
    *out = x;
    return 0;
}

/* Apply a value given as text (flag or environment variable). */
static int set_from_text(OmConfig *cfg, const CfgSetting *s, const char *v, const char *where,
                         OmError *err)
{
    if (s->kind == CFG_INT) {
        long long x;
        if (parse_plain_int(v, &x) < 0)
            return cfg_err(err, where, "invalid value for %s: \"%s\" (expected an integer)",
                           s->key, v);
        return set_int(cfg, s, x, where, err);
    }
    return set_str(cfg, s, v, where, err);
}

/* ---------------------------------------------------------------- TOML */

typedef enum { TV_STR, TV_INT, TV_BOOL } TomlKind;

typedef struct TomlValue {
    TomlKind kind;
    char str[1024];
    long long i;
    bool b;
} TomlValue;

typedef struct TomlLine {
    const char *p;   /* cursor */
    const char *end; /* end of line (excluding '\n' and a trailing '\r') */
    char where[1100];/* "file:line" */
    OmError *err;
} TomlLine;

static int terr(TomlLine *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Record a 22023 error "<file>:<line>: <message>". */
static int terr(TomlLine *l, const char *fmt, ...)
{
    char msg[OM_ERR_MSG_MAX / 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return err_set(l->err, ERRCODE_INVALID_PARAMETER_VALUE, "%s: %s", l->where, msg);
}

static void skip_ws(TomlLine *l)
{
    while (l->p < l->end && (*l->p == ' ' || *l->p == '\t')) l->p++;
}

static bool is_bare_key_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* Append code point cp as UTF-8. */
static int put_utf8(char *out, size_t *n, size_t cap, unsigned long cp)
{
    char tmp[4];
    size_t k;
    if (cp < 0x80) { tmp[0] = (char)cp; k = 1; }
    else if (cp < 0x800) { tmp[0] = (char)(0xC0 | (cp >> 6)); tmp[1] = (char)(0x80 | (cp & 0x3F)); k = 2; }
    else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | (cp >> 12)); tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F)); k = 3;
    } else {
        tmp[0] = (char)(0xF0 | (cp >> 18)); tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); tmp[3] = (char)(0x80 | (cp & 0x3F)); k = 4;
    }
    if (*n + k >= cap) return -1;
    memcpy(out + *n, tmp, k);
    *n += k;
    return 0;
}

/* Parse a quoted string (basic "..." or literal '...') at l->p into out. */
static int parse_string(TomlLine *l, char *out, size_t cap)
{
    char q = *l->p;
    if (l->end - l->p >= 3 && l->p[1] == q && l->p[2] == q)
        return terr(l, "multi-line strings are not supported");
    l->p++;
    size_t n = 0;
    for (;;) {
        if (l->p >= l->end) return terr(l, "unterminated string");
        unsigned char c = (unsigned char)*l->p++;
        if (c == (unsigned char)q) break;
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return terr(l, "control character in string");
        if (c == '\\' && q == '"') {
            if (l->p >= l->end) return terr(l, "unterminated string");
            char e = *l->p++;
            unsigned long cp;
            switch (e) {
            case 'b': c = '\b'; break;
            case 't': c = '\t'; break;
            case 'n': c = '\n'; break;
            case 'f': c = '\f'; break;
            case 'r': c = '\r'; break;
            case '"': c = '"'; break;
            case '\\': c = '\\'; break;
            case 'u':
            case 'U': {
                int digits = e == 'u' ? 4 : 8;
                if (l->end - l->p < digits) return terr(l, "invalid unicode escape");
                cp = 0;
                for (int i = 0; i < digits; i++) {
                    char h = l->p[i];
                    if (!isxdigit((unsigned char)h)) return terr(l, "invalid unicode escape");
                    cp = cp * 16 + (unsigned long)(isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
                }
                l->p += digits;
                if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                    return terr(l, "invalid unicode escape");
                if (put_utf8(out, &n, cap, cp) < 0) return terr(l, "string is too long");
                continue;
            }
            default: {
                char bad[3] = {'\\', e, 0};
                return terr(l, "invalid escape sequence \"%s\"", bad);
            }
            }
        }
        if (n + 1 >= cap) return terr(l, "string is too long");
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return 0;
}

/* Parse an integer (TOML rules: '_' only between digits, no leading zeros). */
static int parse_toml_int(TomlLine *l, long long *out)
{
    const char *s = l->p;
    const char *e = s;
    while (e < l->end && *e != ' ' && *e != '\t' && *e != '#') e++;
    char tok[128];
    if ((size_t)(e - s) >= sizeof tok) return terr(l, "invalid value");
    memcpy(tok, s, (size_t)(e - s));
    tok[e - s] = '\0';
    l->p = e;

    const char *t = tok;
    bool neg = false;
    if (*t == '+' || *t == '-') neg = (*t++ == '-');
    int base = 10;
    if (t[0] == '0' && (t[1] == 'x' || t[1] == 'o' || t[1] == 'b')) {
        if (tok[0] == '+' || tok[0] == '-')
            return terr(l, "invalid integer \"%s\"", tok);
        base = t[1] == 'x' ? 16 : t[1] == 'o' ? 8 : 2;
        t += 2;
    } else if (t[0] == '0' && t[1] != '\0') {
        return terr(l, "invalid integer \"%s\" (leading zeros are not allowed)", tok);
    }
    char digits[128];
    size_t nd = 0;
    bool prev_digit = false;
    for (const char *c = t; *c; c++) {
        if (*c == '_') {
            if (!prev_digit || !c[1] || c[1] == '_')
                return terr(l, "invalid integer \"%s\"", tok);
            prev_digit = false;
            continue;
        }
        int d = isdigit((unsigned char)*c) ? *c - '0'
              : isxdigit((unsigned char)*c) ? tolower((unsigned char)*c) - 'a' + 10 : 99;
        if (d >= base) {
            if (base == 10 && strspn(tok, "0123456789_+-.eE") == strlen(tok) && strpbrk(tok, ".eE"))
                return terr(l, "floating-point values are not supported (\"%s\")", tok);
            if (base == 10 && strspn(tok, "0123456789-:.TZ+") == strlen(tok))
                return terr(l, "date and time values are not supported (\"%s\")", tok);
            return terr(l, "invalid value \"%s\" (strings must be quoted)", tok);
        }
        digits[nd++] = *c;
        prev_digit = true;
    }
    if (nd == 0) return terr(l, "invalid integer \"%s\"", tok);
    digits[nd] = '\0';
    errno = 0;
    unsigned long long u = strtoull(digits, NULL, base);
    if (errno || u > (unsigned long long)LLONG_MAX + (neg ? 1ULL : 0ULL))
        return terr(l, "integer \"%s\" is out of range", tok);
    *out = neg ? (long long)(0ULL - u) : (long long)u;
    return 0;
}

static int parse_value(TomlLine *l, TomlValue *v)
{
    if (l->p >= l->end || *l->p == '#') return terr(l, "missing value after '='");
    char c = *l->p;
    if (c == '"' || c == '\'') {
        v->kind = TV_STR;
        return parse_string(l, v->str, sizeof v->str);
    }
    if (c == '[') return terr(l, "arrays are not supported");
    if (c == '{') return terr(l, "inline tables are not supported");
    size_t rest = (size_t)(l->end - l->p);
    if (rest >= 4 && strncmp(l->p, "true", 4) == 0 &&
        (rest == 4 || !is_bare_key_char(l->p[4]))) {
        v->kind = TV_BOOL; v->b = true; l->p += 4;
        return 0;
    }
    if (rest >= 5 && strncmp(l->p, "false", 5) == 0 &&
        (rest == 5 || !is_bare_key_char(l->p[5]))) {
        v->kind = TV_BOOL; v->b = false; l->p += 5;
        return 0;
    }
    const char *e = l->p;
    while (e < l->end && *e != ' ' && *e != '\t' && *e != '#') e++;
    size_t tl = (size_t)(e - l->p);
    const char *word = l->p + (c == '+' || c == '-');
    size_t wl = tl - (size_t)(c == '+' || c == '-');
    if (wl == 3 && (strncmp(word, "inf", 3) == 0 || strncmp(word, "nan", 3) == 0))
        return terr(l, "floating-point values are not supported (\"%.*s\")", (int)tl, l->p);
    if (isdigit((unsigned char)c) || c == '+' || c == '-') {
        v->kind = TV_INT;
        return parse_toml_int(l, &v->i);
    }
    return terr(l, "invalid value (strings must be quoted)");
}

/* Parse one line; fills key and val when the line holds a pair.
 * Returns 1 for a pair, 0 for a blank/comment line, -1 on error. */
static int parse_line(TomlLine *l, char *key, size_t keycap, TomlValue *val)
{
    skip_ws(l);
    if (l->p >= l->end || *l->p == '#') return 0;
    if (*l->p == '[')
        return terr(l, "tables ([section] headers) are not supported; write flat key = value lines");
    if (*l->p == '"' || *l->p == '\'') {
        if (parse_string(l, key, keycap) < 0) return -1;
    } else {
        const char *s = l->p;
        while (l->p < l->end && is_bare_key_char(*l->p)) l->p++;
        if (l->p == s) return terr(l, "expected a key");
        if ((size_t)(l->p - s) >= keycap) return terr(l, "key is too long");
        memcpy(key, s, (size_t)(l->p - s));
        key[l->p - s] = '\0';
    }
    skip_ws(l);
    if (l->p < l->end && *l->p == '.') return terr(l, "dotted keys are not supported");
    if (l->p >= l->end || *l->p != '=') return terr(l, "expected '=' after key \"%s\"", key);
    l->p++;
    skip_ws(l);
    if (parse_value(l, val) < 0) return -1;
    skip_ws(l);
    if (l->p < l->end && *l->p != '#') return terr(l, "unexpected text after value");
    return 1;
}

static const char *kind_word(CfgKind k) { return k == CFG_INT ? "an integer" : "a string"; }

/* Read the TOML file at path and apply its settings. */
static int apply_toml(OmConfig *cfg, const char *path, OmError *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        err_set(err, ERRCODE_IO_ERROR, "could not open configuration file \"%s\": %s", path,
                strerror(errno));
        return -1;
    }
    char *text = malloc(CFG_FILE_MAX + 1);
    if (!text) {
        fclose(f);
        return err_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
    }
    size_t n = fread(text, 1, CFG_FILE_MAX + 1, f);
    bool read_err = ferror(f);
    fclose(f);
    if (read_err) {
        free(text);
        return err_set(err, ERRCODE_IO_ERROR, "could not read configuration file \"%s\"", path);
    }
    if (n > CFG_FILE_MAX) {
        free(text);
        return err_set(err, ERRCODE_INVALID_PARAMETER_VALUE,
                       "configuration file \"%s\" is larger than %d bytes", path, CFG_FILE_MAX);
    }
    text[n] = '\0';

    bool seen[NSETTINGS] = {false};
    int rc = 0;
    int lineno = 0;
    const char *p = text, *end = text + n;
    /* A UTF-8 byte order mark is allowed at the very start. */
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    while (p < end && rc == 0) {
        lineno++;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        TomlLine l = {.p = p, .end = le, .err = err};
        if (le > p && le[-1] == '\r') l.end--;
        snprintf(l.where, sizeof l.where, "%s:%d", path, lineno);
        if (memchr(p, '\0', (size_t)(le - p))) {
            rc = terr(&l, "NUL byte in file");
            break;
        }
        char key[128];
        TomlValue val;
        int r = parse_line(&l, key, sizeof key, &val);
        if (r < 0) {
            rc = -1;
        } else if (r == 1) {
            const CfgSetting *s = find_by_key(key);
            if (!s) {
                rc = terr(&l, "unknown key \"%s\"", key);
            } else if (seen[s - settings]) {
                rc = terr(&l, "duplicate key \"%s\"", key);
            } else {
                seen[s - settings] = true;
                bool want_int = s->kind == CFG_INT;
                if ((want_int && val.kind != TV_INT) || (!want_int && val.kind != TV_STR)) {
                    err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "%s: %s must be %s", l.where,
                            s->key, kind_word(s->kind));
                    rc = -1;
                } else if (want_int) {
                    rc = set_int(cfg, s, val.i, l.where, err);
                } else {
                    rc = set_str(cfg, s, val.str, l.where, err);
                }
            }
        }
        p = nl ? nl + 1 : end;
    }
    free(text);
    return rc;
}

/* ---------------------------------------------------------------- flags */

typedef struct FlagVal {
    const CfgSetting *s; /* NULL for --config */
    const char *value;
    char where[64];
} FlagVal;

int cfg_load(OmConfig *cfg, int argc, char **argv, int *want_help, OmError *err)
{
    cfg_defaults(cfg);
    if (want_help) *want_help = 0;

    /* 1. Parse the flags first: --config may name the TOML file. */
    FlagVal *flags = calloc((size_t)(argc > 0 ? argc : 1), sizeof *flags);
    if (!flags) return err_set(err, ERRCODE_OUT_OF_MEMORY, "out of memory");
    int nflags = 0;
    const char *config_path = NULL;
    int rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-?") == 0) {
            if (want_help) *want_help = 1;
            free(flags);
            return 0;
        }
        if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            rc = err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "unexpected argument \"%s\"", a);
            break;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        const char *value;
        if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            value = NULL;
        }
        bool is_config = nlen == 6 && strncmp(name, "config", 6) == 0;
        const CfgSetting *s = is_config ? NULL : find_by_flag(name, nlen);
        if (!s && !is_config) {
            rc = err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "unrecognized option \"--%.*s\"",
                         (int)(nlen > 100 ? 100 : nlen), name);
            break;
        }
        if (!value) {
            rc = err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "option \"--%.*s\" requires a value",
                         (int)nlen, name);
            break;
        }
        if (is_config) {
            if (!*value) {
                rc = err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "--config: file name must not be empty");
                break;
            }
            config_path = value;
            continue;
        }
        flags[nflags].s = s;
        flags[nflags].value = value;
        snprintf(flags[nflags].where, sizeof flags[nflags].where, "--%s", s->flag);
        nflags++;
    }

    /* 2. The TOML file: --config > OMENDB_CONFIG > ./omendb.toml if present. */
    if (rc == 0) {
        const char *envcfg = getenv("OMENDB_CONFIG");
        if (!config_path && envcfg && *envcfg) config_path = envcfg;
        if (!config_path) {
            struct stat st;
            if (stat(CFG_DEFAULT_FILE, &st) == 0) config_path = CFG_DEFAULT_FILE;
        }
        if (config_path) {
            if (strlen(config_path) >= sizeof cfg->config_file) {
                rc = err_set(err, ERRCODE_INVALID_PARAMETER_VALUE, "configuration file name is too long");
            } else {
                snprintf(cfg->config_file, sizeof cfg->config_file, "%s", config_path);
                rc = apply_toml(cfg, config_path, err);
            }
        }
    }

    /* 3. Environment variables (an empty one counts as unset). */
    for (size_t i = 0; i < NSETTINGS && rc == 0; i++) {
        const char *v = getenv(settings[i].env);
        if (v && *v) rc = set_from_text(cfg, &settings[i], v, settings[i].env, err);
    }

    /* 4. Flags, in order: a later one wins over an earlier one. */
    for (int i = 0; i < nflags && rc == 0; i++)
        rc = set_from_text(cfg, flags[i].s, flags[i].value, flags[i].where, err);

    free(flags);
    return rc;
}

void cfg_print_help(FILE *out, const char *argv0)
{
    fprintf(out,
            "OmenDB %s, a PostgreSQL-compatible database server.\n\n"
            "Usage: %s [OPTION]...\n\n"
            "Settings, each as: flag, environment variable, omendb.toml key (default)\n\n",
            "0.1.0", argv0 ? argv0 : "omendb");
    for (size_t i = 0; i < NSETTINGS; i++) {
        const CfgSetting *s = &settings[i];
        char flag[64];
        snprintf(flag, sizeof flag, "--%s %s", s->flag,
                 s->kind == CFG_INT ? "N" : strcmp(s->key, "data_dir") == 0 ? "DIR"
                 : strcmp(s->key, "listen_addresses") == 0 ? "ADDRS" : "LEVEL");
        fprintf(out, "  %-26s %-25s %s (default %s)\n      %s\n", flag, s->env, s->key, s->def,
                s->help);
    }
    fprintf(out,
            "  %-26s %-25s %s\n      %s\n",
            "--config FILE", "OMENDB_CONFIG", "-",
            "TOML settings file (default: ./omendb.toml if it exists)");
    fprintf(out,
            "\nOther options:\n"
            "  --help                     show this help, then exit\n"
            "  --version                  show the version, then exit\n"
            "  --check DIR                verify a stopped data directory read-only (every\n"
            "                             checksum and row); exit 0 clean, 1 corrupt\n"
            "\n"
            "Precedence: flags > OMENDB_* environment variables > TOML file > defaults.\n"
            "Flags may also be written --name=value. An empty environment variable counts as\n"
            "unset.\n"
            "\n"
            "The TOML file holds flat `key = value` lines: quoted strings (\"...\" with\n"
            "escapes, or '...'), integers, booleans, # comments. [sections], arrays, floats\n"
            "and unknown keys are rejected with file:line.\n"
            "\n"
            "SIGINT or SIGTERM shuts the server down gracefully: it stops accepting\n"
            "connections, lets running statements finish (up to 5 s), closes every session\n"
            "(rolling back open transactions) and exits 0.\n"
            "\n"
            "Exit status: 0 after a clean shutdown, 1 if the server could not start,\n"
            "2 for invalid options or configuration.\n");
}
