/*
 * fn_datetime_fmt.c — to_char for timestamps and intervals, and its
 * inverse, to_date / to_timestamp(text, text): PostgreSQL's formatting.c
 * template patterns (the common ones: YYYY, MM, DD, HH24, MI, SS, MS, US,
 * Month, Day, AM, TZ, OF, IW, … with the FM and TH modifiers).
 *
 * Templates are compiled on every call; they are short.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../types/datetime.h"
#include "fn_tables.h"

#define ARGS FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n

enum {
    K_LIT, K_HH24, K_HH12, K_HH, K_MI, K_SSSSS, K_SSSS, K_SS, K_MS, K_US, K_FF1, K_FF2, K_FF3, K_FF4, K_FF5,
    K_FF6, K_AM_U, K_PM_U, K_AM_L, K_PM_L, K_AMD_U, K_PMD_U, K_AMD_L, K_PMD_L, K_YCOMMA, K_YYYY, K_YYY, K_YY,
    K_Y, K_IYYY, K_IYY, K_IY, K_I, K_BC_U, K_AD_U, K_BC_L, K_AD_L, K_BCD_U, K_ADD_U, K_BCD_L, K_ADD_L,
    K_MONTH_U, K_MONTH_C, K_MONTH_L, K_MON_U, K_MON_C, K_MON_L, K_MM, K_DAY_U, K_DAY_C, K_DAY_L, K_DY_U,
    K_DY_C, K_DY_L, K_DDD, K_DD, K_D, K_IDDD, K_ID, K_WW, K_W, K_IW, K_Q, K_CC, K_J, K_RM_U, K_RM_L, K_TZH,
    K_TZM, K_TZ_U, K_TZ_L, K_OF
};

/* Longest first where one keyword is a prefix of another. */
static const struct { const char *s; int k; } keys[] = {
    {"HH24", K_HH24}, {"HH12", K_HH12}, {"HH", K_HH}, {"MI", K_MI}, {"SSSSS", K_SSSSS}, {"SSSS", K_SSSS},
    {"SS", K_SS}, {"MS", K_MS}, {"US", K_US}, {"FF1", K_FF1}, {"FF2", K_FF2}, {"FF3", K_FF3}, {"FF4", K_FF4},
    {"FF5", K_FF5}, {"FF6", K_FF6}, {"A.M.", K_AMD_U}, {"P.M.", K_PMD_U}, {"a.m.", K_AMD_L}, {"p.m.", K_PMD_L},
    {"AM", K_AM_U}, {"PM", K_PM_U}, {"am", K_AM_L}, {"pm", K_PM_L}, {"Y,YYY", K_YCOMMA}, {"YYYY", K_YYYY},
    {"YYY", K_YYY}, {"YY", K_YY}, {"Y", K_Y}, {"IYYY", K_IYYY}, {"IYY", K_IYY}, {"IY", K_IY}, {"IDDD", K_IDDD},
    {"ID", K_ID}, {"IW", K_IW}, {"I", K_I}, {"B.C.", K_BCD_U}, {"A.D.", K_ADD_U}, {"b.c.", K_BCD_L},
    {"a.d.", K_ADD_L}, {"BC", K_BC_U}, {"AD", K_AD_U}, {"bc", K_BC_L}, {"ad", K_AD_L}, {"MONTH", K_MONTH_U},
    {"Month", K_MONTH_C}, {"month", K_MONTH_L}, {"MON", K_MON_U}, {"Mon", K_MON_C}, {"mon", K_MON_L},
    {"MM", K_MM}, {"DAY", K_DAY_U}, {"Day", K_DAY_C}, {"day", K_DAY_L}, {"DY", K_DY_U}, {"Dy", K_DY_C},
    {"dy", K_DY_L}, {"DDD", K_DDD}, {"DD", K_DD}, {"D", K_D}, {"WW", K_WW}, {"W", K_W}, {"Q", K_Q},
    {"CC", K_CC}, {"J", K_J}, {"RM", K_RM_U}, {"rm", K_RM_L}, {"TZH", K_TZH}, {"TZM", K_TZM}, {"TZ", K_TZ_U},
    {"tz", K_TZ_L}, {"OF", K_OF},
    /* lower-case spellings of the numeric fields */
    {"hh24", K_HH24}, {"hh12", K_HH12}, {"hh", K_HH}, {"mi", K_MI}, {"sssss", K_SSSSS}, {"ssss", K_SSSS},
    {"ss", K_SS}, {"ms", K_MS}, {"us", K_US}, {"ff1", K_FF1}, {"ff2", K_FF2}, {"ff3", K_FF3}, {"ff4", K_FF4},
    {"ff5", K_FF5}, {"ff6", K_FF6}, {"y,yyy", K_YCOMMA}, {"yyyy", K_YYYY}, {"yyy", K_YYY}, {"yy", K_YY},
    {"y", K_Y}, {"iyyy", K_IYYY}, {"iyy", K_IYY}, {"iy", K_IY}, {"iddd", K_IDDD}, {"id", K_ID}, {"iw", K_IW},
    {"i", K_I}, {"mm", K_MM}, {"ddd", K_DDD}, {"dd", K_DD}, {"d", K_D}, {"ww", K_WW}, {"w", K_W}, {"q", K_Q},
    {"cc", K_CC}, {"j", K_J}, {"tzh", K_TZH}, {"tzm", K_TZM}, {"of", K_OF},
};

typedef struct FmtNode {
    int k;
    bool fm, th_u, th_l;
    const char *lit; /* K_LIT: text */
    size_t litlen;
} FmtNode;

/* Compile template f into nodes (max cap). Literal characters become
 * K_LIT nodes one character (or one quoted string) at a time. */
static int fmt_compile(const char *f, size_t len, FmtNode *nodes, int cap)
{
    int nn = 0;
    size_t p = 0;
    while (p < len && nn < cap) {
        FmtNode nd = {K_LIT, false, false, false, NULL, 0};
        bool fm = false;
        for (;;) {
            if (p + 2 <= len && (!strncmp(f + p, "FM", 2) || !strncmp(f + p, "fm", 2))) {
                fm = true;
                p += 2;
                continue;
            }
            if (p + 2 <= len && (!strncmp(f + p, "FX", 2) || !strncmp(f + p, "fx", 2))) {
                p += 2;
                continue;
            }
            break;
        }
        if (p >= len) break;
        int hit = -1;
        size_t hl = 0;
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            size_t kl = strlen(keys[i].s);
            if (kl > hl && p + kl <= len && !memcmp(f + p, keys[i].s, kl)) {
                hit = keys[i].k;
                hl = kl;
            }
        }
        if (hit >= 0) {
            nd.k = hit;
            nd.fm = fm;
            p += hl;
            if (p + 2 <= len && !strncmp(f + p, "TH", 2)) nd.th_u = true, p += 2;
            else if (p + 2 <= len && !strncmp(f + p, "th", 2)) nd.th_l = true, p += 2;
        } else if (f[p] == '"') {
            size_t q = p + 1;
            while (q < len && f[q] != '"') {
                if (f[q] == '\\' && q + 1 < len) q++;
                q++;
            }
            nd.lit = f + p + 1;
            nd.litlen = q - p - 1;
            p = q < len ? q + 1 : q;
        } else if (f[p] == '\\' && p + 1 < len) {
            nd.lit = f + p + 1;
            nd.litlen = 1;
            p += 2;
        } else {
            nd.lit = f + p;
            nd.litlen = 1;
            p++;
        }
        nodes[nn++] = nd;
    }
    return nn;
}

static const char *const month_full[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
static const char *const day_full[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                       "Saturday"};
static const char *const rm_up[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

static const char *suffix(int64_t v)
{
    int64_t x = v < 0 ? -v : v;
    if (x % 100 >= 11 && x % 100 <= 13) return "th";
    switch (x % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
    }
}

static void put_num(OmBuf *b, const FmtNode *nd, int64_t v, int width)
{
    char t[40];
    if (nd->fm) snprintf(t, sizeof t, "%lld", (long long)v);
    else if (v < 0) snprintf(t, sizeof t, "-%0*lld", width > 1 ? width - 1 : 1, (long long)-v);
    else snprintf(t, sizeof t, "%0*lld", width, (long long)v);
    buf_append_str(b, t);
    if (nd->th_u || nd->th_l) {
        const char *s = suffix(v);
        if (nd->th_u) {
            char u[3] = {(char)(s[0] - 32), (char)(s[1] - 32), 0};
            buf_append_str(b, u);
        } else {
            buf_append_str(b, s);
        }
    }
}

/* A name in the case of the pattern (0 upper, 1 capitalised, 2 lower),
 * padded to 9 unless FM. */
static void put_name(OmBuf *b, const FmtNode *nd, const char *name, int casing, size_t abbrev, bool pad)
{
    char t[16];
    size_t l = strlen(name);
    if (abbrev && l > abbrev) l = abbrev;
    for (size_t i = 0; i < l; i++) {
        char c = name[i];
        if (casing == 0 && c >= 'a' && c <= 'z') c = (char)(c - 32);
        if (casing == 2 && c >= 'A' && c <= 'Z') c = (char)(c + 32);
        t[i] = c;
    }
    t[l] = '\0';
    buf_append_str(b, t);
    if (pad && !nd->fm)
        for (size_t i = l; i < 9; i++) buf_append_char(b, ' ');
}

typedef struct FmtTm {
    DtTm tm;          /* year: astronomical (<= 0 is BC) */
    bool interval;
    int64_t ihour;    /* interval hours (may exceed 23) */
    int tzoff;
    const char *tzabbr; /* NULL: no zone */
    int jd;
} FmtTm;

static void iso_week(int jd, int year, int *iyear, int *week)
{
    int y = year;
    int w1 = 0;
    for (int k = 0; k < 3; k++) {
        int yy = y + 1 - k;
        int j4 = dt_date2j(yy, 1, 4);
        int start = j4 - ((dt_j2day(j4) + 6) % 7);
        if (jd >= start) {
            y = yy;
            w1 = start;
            break;
        }
    }
    *iyear = y;
    *week = (jd - w1) / 7 + 1;
}

static void format_tm(OmBuf *b, const FmtNode *nodes, int nn, const FmtTm *ft)
{
    const DtTm *tm = &ft->tm;
    int year = tm->year, byear = year > 0 ? year : 1 - year; /* BC years count up */
    if (ft->interval) byear = year;
    int hour = tm->hour;
    int dow = dt_j2day(ft->jd);
    for (int i = 0; i < nn; i++) {
        const FmtNode *nd = &nodes[i];
        int iy, iw;
        switch (nd->k) {
        case K_LIT: buf_append(b, nd->lit, nd->litlen); break;
        case K_HH24: put_num(b, nd, ft->interval ? ft->ihour : hour, 2); break;
        case K_HH12:
        case K_HH: {
            int64_t h = ft->interval ? ft->ihour : hour;
            put_num(b, nd, h % 12 == 0 ? 12 : h % 12, 2);
            break;
        }
        case K_MI: put_num(b, nd, tm->min, 2); break;
        case K_SS: put_num(b, nd, tm->sec, 2); break;
        case K_SSSS:
        case K_SSSSS: put_num(b, nd, (int64_t)(ft->interval ? ft->ihour : hour) * 3600 + tm->min * 60 + tm->sec, 0); break;
        case K_MS: put_num(b, nd, tm->usec / 1000, 3); break;
        case K_US: put_num(b, nd, tm->usec, 6); break;
        case K_FF1: case K_FF2: case K_FF3: case K_FF4: case K_FF5: case K_FF6: {
            int digits = nd->k - K_FF1 + 1;
            int64_t v = tm->usec;
            for (int d = digits; d < 6; d++) v /= 10;
            put_num(b, nd, v, digits);
            break;
        }
        case K_AM_U: case K_PM_U: buf_append_str(b, hour >= 12 ? "PM" : "AM"); break;
        case K_AM_L: case K_PM_L: buf_append_str(b, hour >= 12 ? "pm" : "am"); break;
        case K_AMD_U: case K_PMD_U: buf_append_str(b, hour >= 12 ? "P.M." : "A.M."); break;
        case K_AMD_L: case K_PMD_L: buf_append_str(b, hour >= 12 ? "p.m." : "a.m."); break;
        case K_YCOMMA: {
            char t[32];
            snprintf(t, sizeof t, "%d,%03d", byear / 1000, byear % 1000);
            buf_append_str(b, t);
            break;
        }
        case K_YYYY: put_num(b, nd, byear, 4); break;
        case K_YYY: put_num(b, nd, byear % 1000, 3); break;
        case K_YY: put_num(b, nd, byear % 100, 2); break;
        case K_Y: put_num(b, nd, byear % 10, 1); break;
        case K_IYYY: case K_IYY: case K_IY: case K_I:
            iso_week(ft->jd, year, &iy, &iw);
            if (iy <= 0) iy = 1 - iy;
            if (nd->k == K_IYYY) put_num(b, nd, iy, 4);
            else if (nd->k == K_IYY) put_num(b, nd, iy % 1000, 3);
            else if (nd->k == K_IY) put_num(b, nd, iy % 100, 2);
            else put_num(b, nd, iy % 10, 1);
            break;
        case K_BC_U: case K_AD_U: buf_append_str(b, year <= 0 ? "BC" : "AD"); break;
        case K_BC_L: case K_AD_L: buf_append_str(b, year <= 0 ? "bc" : "ad"); break;
        case K_BCD_U: case K_ADD_U: buf_append_str(b, year <= 0 ? "B.C." : "A.D."); break;
        case K_BCD_L: case K_ADD_L: buf_append_str(b, year <= 0 ? "b.c." : "a.d."); break;
        case K_MONTH_U: case K_MONTH_C: case K_MONTH_L:
            if (tm->mon >= 1) put_name(b, nd, month_full[tm->mon - 1], nd->k - K_MONTH_U, 0, true);
            break;
        case K_MON_U: case K_MON_C: case K_MON_L:
            if (tm->mon >= 1) put_name(b, nd, month_full[tm->mon - 1], nd->k - K_MON_U, 3, false);
            break;
        case K_MM: put_num(b, nd, tm->mon, 2); break;
        case K_DAY_U: case K_DAY_C: case K_DAY_L: put_name(b, nd, day_full[dow], nd->k - K_DAY_U, 0, true); break;
        case K_DY_U: case K_DY_C: case K_DY_L: put_name(b, nd, day_full[dow], nd->k - K_DY_U, 3, false); break;
        case K_DDD: put_num(b, nd, ft->jd - dt_date2j(year, 1, 1) + 1, 3); break;
        case K_DD: put_num(b, nd, tm->mday, 2); break;
        case K_D: put_num(b, nd, dow + 1, 1); break;
        case K_ID: put_num(b, nd, dow == 0 ? 7 : dow, 1); break;
        case K_IDDD:
            iso_week(ft->jd, year, &iy, &iw);
            put_num(b, nd, (iw - 1) * 7 + (dow == 0 ? 7 : dow), 3);
            break;
        case K_WW: put_num(b, nd, (ft->jd - dt_date2j(year, 1, 1)) / 7 + 1, 2); break;
        case K_W: put_num(b, nd, (tm->mday - 1) / 7 + 1, 1); break;
        case K_IW:
            iso_week(ft->jd, year, &iy, &iw);
            put_num(b, nd, iw, 2);
            break;
        case K_Q: if (tm->mon >= 1) put_num(b, nd, (tm->mon - 1) / 3 + 1, 1); break;
        case K_CC: {
            int cc = year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
            put_num(b, nd, cc, 2);
            break;
        }
        case K_J: put_num(b, nd, ft->jd, 0); break;
        case K_RM_U: case K_RM_L:
            if (tm->mon >= 1) {
                char t[8];
                snprintf(t, sizeof t, nd->fm ? "%s" : "%-4s", rm_up[tm->mon - 1]);
                if (nd->k == K_RM_L)
                    for (char *c = t; *c; c++)
                        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
                buf_append_str(b, t);
            }
            break;
        case K_TZ_U: case K_TZ_L:
            if (ft->tzabbr) {
                char t[32];
                snprintf(t, sizeof t, "%s", ft->tzabbr);
                for (char *c = t; *c; c++)
                    if (nd->k == K_TZ_L && *c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
                buf_append_str(b, t);
            }
            break;
        case K_TZH:
            /* A timestamp has offset 0 here (PostgreSQL's tm_gmtoff): only
             * TZ / tz print nothing without a zone. */
            if (!ft->interval) {
                char t[16];
                snprintf(t, sizeof t, "%c%02d", ft->tzoff < 0 ? '-' : '+', abs(ft->tzoff) / 3600);
                buf_append_str(b, t);
            }
            break;
        case K_TZM:
            if (!ft->interval) put_num(b, nd, abs(ft->tzoff) % 3600 / 60, 2);
            break;
        case K_OF:
            if (!ft->interval) {
                char t[16];
                int a2 = abs(ft->tzoff);
                int k2 = snprintf(t, sizeof t, "%c%02d", ft->tzoff < 0 ? '-' : '+', a2 / 3600);
                if (a2 % 3600) snprintf(t + k2, sizeof t - (size_t)k2, ":%02d", a2 % 3600 / 60);
                buf_append_str(b, t);
            }
            break;
        default: break;
        }
    }
}

#define MAX_NODES 512

static int do_to_char(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, int kind)
{
    const OmStr *f = a[1]->data;
    FmtNode *nodes = mem_alloc(fc->var, sizeof(FmtNode) * MAX_NODES);
    SEL_LOOP {
        if (f[i].len == 0) {
            om_vec_set_null(o, i, true);
            continue;
        }
        FmtTm ft;
        memset(&ft, 0, sizeof ft);
        if (kind == 2) {
            OmInterval v = ((const OmInterval *)a[0]->data)[i];
            ft.interval = true;
            ft.tm.year = v.months / 12;
            ft.tm.mon = v.months % 12;
            ft.tm.mday = v.days;
            int64_t t = v.usec;
            ft.ihour = t / INT64_C(3600000000);
            t -= ft.ihour * INT64_C(3600000000);
            ft.tm.hour = (int)(ft.ihour % 24);
            ft.tm.min = (int)(t / 60000000);
            t -= (int64_t)ft.tm.min * 60000000;
            ft.tm.sec = (int)(t / 1000000);
            ft.tm.usec = (int32_t)(t % 1000000);
            ft.jd = 0;
        } else {
            int64_t t = ((const int64_t *)a[0]->data)[i];
            if (!dt_ts_finite(t)) {
                om_vec_set_null(o, i, true);
                continue;
            }
            if (kind == 1) {
                t = dt_tstz_to_local(t, &ft.tzoff);
                int64_t secs = (((const int64_t *)a[0]->data)[i]) / 1000000 + 946684800;
                int off2;
                if (!dt_tz_offset_utc(dt_session_tz(), secs, &off2, &ft.tzabbr) || !ft.tzabbr) ft.tzabbr = "";
            }
            dt_ts2tm(t, &ft.tm);
            ft.jd = dt_date2j(ft.tm.year, ft.tm.mon, ft.tm.mday);
        }
        int nn = fmt_compile(f[i].ptr, f[i].len, nodes, MAX_NODES);
        OmBuf b;
        buf_init(&b, fc->var, 64);
        format_tm(&b, nodes, nn, &ft);
        fn_set_str(o, i, b.data, b.len);
    }
    return 0;
}

static int fn_to_char_ts(ARGS) { return do_to_char(fc, a, o, sel, n, 0); }
static int fn_to_char_tz(ARGS) { return do_to_char(fc, a, o, sel, n, 1); }
static int fn_to_char_iv(ARGS) { return do_to_char(fc, a, o, sel, n, 2); }

/* ---- to_date / to_timestamp(text, text) -------------------------------------------- */

typedef struct Parsed {
    int year, mon, mday, hour, min, sec;
    int32_t usec;
    bool has_year, bc, pm, am, hh12;
    int year_digits;
    int ddd, jd;
    bool has_tz;
    int tzoff;
    int mode;      /* 0, or the date convention of the fields seen: 1 Gregorian, 2 ISO week */
    int d, ww, w;  /* day of week (Sunday = 1), week of year (WW or IW), week of month */
} Parsed;

/* from_char_set_mode: Gregorian fields (D DD DDD MM Mon Month RM W WW Y…)
 * and ISO week-date fields (I… ID IW IDDD) cannot be mixed. */
static int set_mode(FnCall *fc, Parsed *r, int k)
{
    int m = (k >= K_IYYY && k <= K_I) || k == K_ID || k == K_IW || k == K_IDDD ? 2
            : (k >= K_YCOMMA && k <= K_Y) || (k >= K_MONTH_U && k <= K_MM) || k == K_DDD || k == K_DD || k == K_D ||
                      k == K_WW || k == K_W || k == K_RM_U || k == K_RM_L
                  ? 1
                  : 0;
    if (!m) return 0;
    if (r->mode && r->mode != m) {
        err_set(fc->err, ERRCODE_INVALID_DATETIME_FORMAT, "invalid combination of date conventions");
        err_hint(fc->err, "Do not mix Gregorian and ISO week date conventions in a formatting template.");
        return -1;
    }
    r->mode = m;
    return 0;
}

/* Days of year y before month m (1..13). */
static int days_before(int y, int m)
{
    return m > 12 ? dt_date2j(y + 1, 1, 1) - dt_date2j(y, 1, 1) : dt_date2j(y, m, 1) - dt_date2j(y, 1, 1);
}

/* isoweek2j: Julian day of the Monday of ISO week `week` of ISO year y. */
static int isoweek2j(int y, int week)
{
    int day4 = dt_date2j(y, 1, 4);
    return (week - 1) * 7 + (day4 - dt_j2day(day4 - 1));
}

static int bad_value(FnCall *fc, const char *s, size_t l, const char *key)
{
    err_set(fc->err, ERRCODE_INVALID_DATETIME_FORMAT, "invalid value \"%.*s\" for \"%s\"", (int)l, s, key);
    return -1;
}

static const char *key_name(int k)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (keys[i].k == k) return keys[i].s;
    return "?";
}

/* Read up to maxd digits (with an optional sign when sign_ok). */
static bool read_int(const char **pp, const char *end, int maxd, bool sign_ok, long *out)
{
    const char *p = *pp;
    while (p < end && *p == ' ') p++;
    bool neg = false;
    if (sign_ok && p < end && (*p == '-' || *p == '+')) neg = *p++ == '-';
    const char *st = p;
    long v = 0;
    while (p < end && *p >= '0' && *p <= '9' && (maxd <= 0 || p - st < maxd)) {
        v = v * 10 + (*p - '0');
        if (v > 1000000000) return false;
        p++;
    }
    if (p == st) return false;
    *out = neg ? -v : v;
    *pp = p;
    return true;
}

/* Is node i followed directly by another numeric field (then digits are
 * read to the field's width, as in 'YYYYMMDD')? */
static bool next_is_num(const FmtNode *nodes, int nn, int i)
{
    if (i + 1 >= nn) return false;
    int k = nodes[i + 1].k;
    return k != K_LIT && !(k >= K_MONTH_U && k <= K_MON_L) && !(k >= K_DAY_U && k <= K_DY_L) &&
           !(k >= K_AM_U && k <= K_PMD_L) && !(k >= K_BC_U && k <= K_ADD_L);
}

static int match_name(const char **pp, const char *end, const char *const *names, int count, size_t abbrev)
{
    const char *p = *pp;
    while (p < end && *p == ' ') p++;
    for (int j = 0; j < count; j++) {
        size_t l = abbrev ? abbrev : strlen(names[j]);
        if ((size_t)(end - p) >= l && !strncasecmp(p, names[j], l)) {
            *pp = p + l;
            return j;
        }
    }
    return -1;
}

static int parse_with(FnCall *fc, const char *s, size_t slen, const FmtNode *nodes, int nn, Parsed *r)
{
    const char *p = s, *end = s + slen;
    memset(r, 0, sizeof *r);
    r->mon = 1, r->mday = 1;
    for (int i = 0; i < nn; i++) {
        const FmtNode *nd = &nodes[i];
        long v;
        int w;
        bool fixed = next_is_num(nodes, nn, i);
        if (set_mode(fc, r, nd->k) < 0) return -1;
        switch (nd->k) {
        case K_LIT:
            /* A separator in the template skips one character of input;
             * a space skips any spaces. */
            if (nd->litlen == 1 && nd->lit[0] == ' ') {
                while (p < end && *p == ' ') p++;
            } else {
                for (size_t j = 0; j < nd->litlen && p < end; j++) p++;
            }
            continue;
        case K_YYYY: case K_IYYY: case K_YYY: case K_YY: case K_Y: case K_IYY: case K_IY: case K_I: case K_YCOMMA:
            w = nd->k == K_YYYY || nd->k == K_IYYY || nd->k == K_YCOMMA ? 4 : nd->k == K_YYY || nd->k == K_IYY ? 3
                : nd->k == K_YY || nd->k == K_IY ? 2 : 1;
            if (nd->k == K_YCOMMA) {
                long th;
                if (!read_int(&p, end, 0, false, &th) || p >= end || *p != ',') return bad_value(fc, p, 0, "Y,YYY");
                p++;
                if (!read_int(&p, end, 3, false, &v)) return bad_value(fc, p, 0, "Y,YYY");
                v += th * 1000;
                w = 4;
            } else {
                const char *st = p;
                if (!read_int(&p, end, fixed ? w : 0, false, &v))
                    return bad_value(fc, st, (size_t)(end - st) > 4 ? 4 : (size_t)(end - st), key_name(nd->k));
                w = (int)(p - st);
            }
            r->year = (int)v;
            r->year_digits = w;
            r->has_year = true;
            if (w <= 2 && (nd->k == K_YY || nd->k == K_IY)) r->year += r->year < 70 ? 2000 : 1900;
            else if (w == 3 && (nd->k == K_YYY || nd->k == K_IYY)) r->year += r->year < 100 ? 2000 : 1000;
            else if (w == 1 && (nd->k == K_Y || nd->k == K_I)) r->year += 2000;
            continue;
        case K_MM: case K_DD: case K_HH24: case K_HH12: case K_HH: case K_MI: case K_SS: case K_DDD: case K_J:
        case K_IDDD: case K_D: case K_ID: case K_IW: case K_WW: case K_W: {
            w = nd->k == K_DDD || nd->k == K_IDDD ? 3 : nd->k == K_J ? 0 : nd->k == K_D || nd->k == K_ID || nd->k == K_W ? 1 : 2;
            const char *st = p;
            if (!read_int(&p, end, fixed ? w : 0, false, &v)) {
                while (st < end && *st == ' ') st++;
                size_t l = 0;
                while (st + l < end && st[l] != ' ' && l < 2) l++;
                err_set(fc->err, ERRCODE_INVALID_DATETIME_FORMAT, "invalid value \"%.*s\" for \"%s\"", (int)l, st,
                        key_name(nd->k));
                err_detail(fc->err, "Value must be an integer.");
                return -1;
            }
            if (nd->k == K_MM) r->mon = (int)v;
            else if (nd->k == K_DD) r->mday = (int)v;
            else if (nd->k == K_HH24) r->hour = (int)v;
            else if (nd->k == K_HH12 || nd->k == K_HH) r->hour = (int)v, r->hh12 = true;
            else if (nd->k == K_MI) r->min = (int)v;
            else if (nd->k == K_SS) r->sec = (int)v;
            else if (nd->k == K_DDD || nd->k == K_IDDD) r->ddd = (int)v;
            else if (nd->k == K_D || nd->k == K_ID) {
                /* ID counts from Monday = 1; kept as D does, Sunday = 1 */
                int d = nd->k == K_ID ? ((int)v + 1 > 7 ? 1 : (int)v + 1) : (int)v;
                if (r->d && r->d != d) {
                    err_set(fc->err, ERRCODE_INVALID_DATETIME_FORMAT,
                            "conflicting values for \"%s\" field in formatting string", key_name(nd->k));
                    err_detail(fc->err, "This value contradicts a previous setting for the same field type.");
                    return -1;
                }
                r->d = d;
            } else if (nd->k == K_IW || nd->k == K_WW) r->ww = (int)v;
            else if (nd->k == K_W) r->w = (int)v;
            else r->jd = (int)v;
            continue;
        }
        case K_MS: case K_US: case K_FF1: case K_FF2: case K_FF3: case K_FF4: case K_FF5: case K_FF6: {
            const char *st = p;
            while (p < end && *p == ' ') p++;
            st = p;
            int maxd = nd->k == K_MS ? 3 : nd->k == K_US ? 6 : nd->k - K_FF1 + 1;
            if (!read_int(&p, end, maxd, false, &v)) return bad_value(fc, st, 0, key_name(nd->k));
            int d = (int)(p - st);
            long scale = 1;
            for (int k = d; k < (nd->k == K_MS ? 3 : 6); k++) scale *= 10;
            r->usec = (int32_t)(nd->k == K_MS ? v * scale * 1000 : v * scale);
            continue;
        }
        case K_AM_U: case K_PM_U: case K_AM_L: case K_PM_L: case K_AMD_U: case K_PMD_U: case K_AMD_L: case K_PMD_L: {
            static const char *const ap[] = {"am", "pm", "a.m.", "p.m."};
            int j = match_name(&p, end, ap, 4, 0);
            if (j < 0) return bad_value(fc, p, (size_t)(end - p) > 2 ? 2 : (size_t)(end - p), key_name(nd->k));
            if (j % 2) r->pm = true;
            else r->am = true;
            continue;
        }
        case K_BC_U: case K_AD_U: case K_BC_L: case K_AD_L: case K_BCD_U: case K_ADD_U: case K_BCD_L: case K_ADD_L: {
            static const char *const bc[] = {"bc", "ad", "b.c.", "a.d."};
            int j = match_name(&p, end, bc, 4, 0);
            if (j < 0) return bad_value(fc, p, (size_t)(end - p) > 2 ? 2 : (size_t)(end - p), key_name(nd->k));
            r->bc = j % 2 == 0;
            continue;
        }
        case K_MONTH_U: case K_MONTH_C: case K_MONTH_L: case K_MON_U: case K_MON_C: case K_MON_L: {
            bool full = nd->k <= K_MONTH_L;
            int j = match_name(&p, end, month_full, 12, full ? 0 : 3);
            if (j < 0 && full) j = match_name(&p, end, month_full, 12, 3);
            if (j < 0) {
                const char *st = p;
                size_t l = 0;
                while (st + l < end && st[l] != ' ') l++;
                err_set(fc->err, ERRCODE_INVALID_DATETIME_FORMAT, "invalid value \"%.*s\" for \"%s\"", (int)l, st,
                        key_name(nd->k));
                err_detail(fc->err, "The given value did not match any of the allowed values for this field.");
                return -1;
            }
            r->mon = j + 1;
            continue;
        }
        case K_DAY_U: case K_DAY_C: case K_DAY_L: case K_DY_U: case K_DY_C: case K_DY_L: {
            bool full = nd->k <= K_DAY_L;
            int j = match_name(&p, end, day_full, 7, full ? 0 : 3);
            if (j < 0) return bad_value(fc, p, 0, key_name(nd->k));
            continue;
        }
        case K_TZH: {
            if (!read_int(&p, end, 2, true, &v)) return bad_value(fc, p, 0, "TZH");
            r->has_tz = true;
            r->tzoff = (int)v * 3600;
            continue;
        }
        case K_TZM: {
            if (!read_int(&p, end, 2, false, &v)) return bad_value(fc, p, 0, "TZM");
            r->has_tz = true;
            r->tzoff += (r->tzoff < 0 ? -1 : 1) * (int)v * 60;
            continue;
        }
        default:
            return err_set(fc->err, ERRCODE_FEATURE_NOT_SUPPORTED, "formatting field \"%s\" is only supported in to_char",
                           key_name(nd->k));
        }
    }
    if (r->hh12) {
        if (r->hour < 1 || r->hour > 12) {
            err_set(fc->err, ERRCODE_INVALID_DATETIME_FORMAT, "hour \"%d\" is invalid for the 12-hour clock", r->hour);
            err_hint(fc->err, "Use the 24-hour clock, or give an hour between 1 and 12.");
            return -1;
        }
    }
    if (r->pm && r->hour < 12) r->hour += 12;
    else if (r->am && r->hour == 12) r->hour = 0;
    if (r->bc && r->has_year) r->year = 1 - r->year;
    /* Without a year field the year is 0, 1 BC (PostgreSQL's zeroed tm). */
    if (!r->has_year) r->year = 0;
    /* do_to_timestamp's order: weeks, then W, then the day of year */
    if (r->ww) {
        if (r->mode == 2) {
            int jd = isoweek2j(r->year, r->ww);
            /* isoweekdate2date: D counts from Sunday = 1 */
            if (r->d) jd += r->d > 1 ? r->d - 2 : 6;
            dt_j2date(jd, &r->year, &r->mon, &r->mday);
        } else {
            r->ddd = (r->ww - 1) * 7 + 1;
        }
    }
    if (r->w) r->mday = (r->w - 1) * 7 + 1;
    if (r->jd) {
        dt_j2date(r->jd, &r->year, &r->mon, &r->mday);
        r->has_year = true;
    } else if (r->ddd && (r->mon <= 1 || r->mday <= 1)) {
        if (!r->has_year && !r->bc)
            return err_set(fc->err, ERRCODE_INVALID_DATETIME_FORMAT, "cannot calculate day of year without year information");
        if (r->mode == 2) dt_j2date(isoweek2j(r->year, 1) - 1 + r->ddd, &r->year, &r->mon, &r->mday);
        else {
            /* only the fields still unset take the day of year's month and day */
            int m = 1;
            while (m <= 12 && r->ddd > days_before(r->year, m + 1)) m++;
            if (r->mon <= 1) r->mon = m;
            if (r->mday <= 1) r->mday = r->ddd - days_before(r->year, m);
        }
    }
    return 0;
}

static int field_range(FnCall *fc, const OmStr *s)
{
    return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date/time field value out of range: \"%.*s\"",
                   (int)s->len, s->ptr);
}

static int do_parse(FnCall *fc, const OmVector *const *a, OmVector *o, const uint16_t *sel, int n, bool to_date)
{
    const OmStr *s = a[0]->data, *f = a[1]->data;
    FmtNode *nodes = mem_alloc(fc->var, sizeof(FmtNode) * MAX_NODES);
    SEL_LOOP {
        int nn = fmt_compile(f[i].ptr, f[i].len, nodes, MAX_NODES);
        Parsed r;
        if (parse_with(fc, s[i].ptr, s[i].len, nodes, nn, &r) < 0) return -1;
        if (r.mon < 1 || r.mon > 12 || r.mday < 1 || r.mday > dt_days_in_month(r.year, r.mon) || r.hour > 24 ||
            r.min > 59 || r.sec > 60)
            return field_range(fc, &s[i]);
        if (to_date) {
            if (r.year < -4713 || r.year >= 5874898)
                return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "date out of range: \"%.*s\"",
                               (int)s[i].len, s[i].ptr);
            ((int32_t *)o->data)[i] = dt_date2j(r.year, r.mon, r.mday) - DT_POSTGRES_EPOCH_JDATE;
        } else {
            DtTm tm = {r.year, r.mon, r.mday, r.hour, r.min, r.sec, r.usec};
            int64_t t;
            if (!dt_tm2ts(&tm, &t))
                return err_set(fc->err, ERRCODE_DATETIME_VALUE_OUT_OF_RANGE, "timestamp out of range");
            t = r.has_tz ? t - (int64_t)r.tzoff * DT_USECS_PER_SEC : dt_local_to_tstz(t);
            ((int64_t *)o->data)[i] = t;
        }
        om_vec_set_null(o, i, false);
    }
    return 0;
}

static int fn_to_date(ARGS) { return do_parse(fc, a, o, sel, n, true); }
static int fn_to_timestamp(ARGS) { return do_parse(fc, a, o, sel, n, false); }

static const FnDesc descs[] = {
    {"to_char", 2, {OM_T_TIMESTAMP, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_to_char_ts},
    {"to_char", 2, {OM_T_TIMESTAMPTZ, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_to_char_tz},
    {"to_char", 2, {OM_T_INTERVAL, OM_T_TEXT}, OM_T_TEXT, FN_STRICT | FN_STABLE, fn_to_char_iv},
    {"to_date", 2, {OM_T_TEXT, OM_T_TEXT}, OM_T_DATE, FN_STRICT | FN_STABLE, fn_to_date},
    {"to_timestamp", 2, {OM_T_TEXT, OM_T_TEXT}, OM_T_TIMESTAMPTZ, FN_STRICT | FN_STABLE, fn_to_timestamp},
};

const FnTable fn_datetime_fmt_table = {descs, (int)(sizeof descs / sizeof descs[0])};
