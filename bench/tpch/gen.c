/*
 * gen.c — a TPC-H data generator of our own (bench/tpch/; not a test).
 *
 * Writes the eight TPC-H tables for any scale factor as dbgen-style
 * '|'-delimited .tbl files, every line ending in '|'. The data follows the
 * TPC-H specification's rules (clause 4.2: cardinalities, key ranges, the
 * sparse o_orderkey numbering, word lists, formulas, date rules, derived
 * columns, text strings from a grammar-built pool). It is not byte-equal to
 * TPC's dbgen: every system under test loads the same files, which is all
 * the benchmark needs.
 *
 *   tpch_gen [-s SF] [-o DIR] [--seed N] [-T t1,t2,..] [-j THREADS] [-q]
 *
 * Determinism: each row draws from its own random stream, seeded from
 * (seed, table, row number), so the output depends on the seed and the scale
 * factor only, never on the number of threads. Threads take whole tables
 * (orders and lineitem are one job: an order's status and total derive from
 * its lines) and lineitem/orders are cut into ranges of orders generated in
 * parallel and written in order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ------------------------------------------------------------------ random */

typedef struct { uint64_t s; } Rng;

static inline uint64_t rng_next(Rng *r)   /* splitmix64 */
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [lo, hi] (multiply-shift; bias below 2^-40 for our ranges). */
static inline int64_t rng_range(Rng *r, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)(hi - lo) + 1;
    return lo + (int64_t)(((unsigned __int128)rng_next(r) * span) >> 64);
}

enum { T_REGION, T_NATION, T_PART, T_PARTSUPP, T_SUPPLIER, T_CUSTOMER, T_ORDERS, T_LINEITEM, T_POOL,
       T_PICK, NTABLES = 8 };

static uint64_t g_seed = 20240601;

static Rng rng_for(int table, uint64_t row)
{
    Rng r = { g_seed * 0x2545f4914f6cdd1dULL ^ ((uint64_t)table << 56) ^ row * 0x9e3779b97f4a7c15ULL };
    rng_next(&r);
    return r;
}

/* ------------------------------------------------------------ word lists */

typedef struct { const char *w; int weight; } Word;
typedef struct { const Word *w; int n; int total; } Dist;

#define DIST(arr) { arr, (int)(sizeof arr / sizeof arr[0]), 0 }

static const Word nouns_w[] = {
    {"packages", 40}, {"requests", 40}, {"accounts", 40}, {"deposits", 40}, {"foxes", 20},
    {"ideas", 20}, {"theodolites", 20}, {"pinto beans", 20}, {"instructions", 20},
    {"dependencies", 10}, {"excuses", 10}, {"platelets", 10}, {"asymptotes", 10}, {"courts", 5},
    {"dolphins", 5}, {"multipliers", 1}, {"sauternes", 1}, {"warthogs", 1}, {"frets", 1},
    {"dinos", 1}, {"attainments", 1}, {"somas", 1}, {"Tiresias", 1}, {"patterns", 1},
    {"forges", 1}, {"braids", 1}, {"frays", 1}, {"warhorses", 1}, {"dugouts", 1},
    {"notornis", 1}, {"epitaphs", 1}, {"pearls", 1}, {"tithes", 1}, {"waters", 1},
    {"orbits", 1}, {"gifts", 1}, {"sheaves", 1}, {"depths", 1}, {"sentiments", 1},
    {"decoys", 1}, {"realms", 1}, {"pains", 1}, {"grouches", 1}, {"escapades", 1},
    {"hockey players", 1},
};
static const Word verbs_w[] = {
    {"sleep", 20}, {"wake", 20}, {"are", 20}, {"cajole", 20}, {"haggle", 20}, {"nag", 10},
    {"use", 10}, {"boost", 10}, {"affix", 5}, {"detect", 5}, {"integrate", 5}, {"maintain", 1},
    {"nod", 1}, {"was", 1}, {"lose", 1}, {"sublate", 1}, {"solve", 1}, {"thrash", 1},
    {"promise", 1}, {"engage", 1}, {"hinder", 1}, {"print", 1}, {"x-ray", 1}, {"breach", 1},
    {"eat", 1}, {"grow", 1}, {"impress", 1}, {"mold", 1}, {"poach", 1}, {"serve", 1},
    {"run", 1}, {"dazzle", 1}, {"snooze", 1}, {"doze", 1}, {"unwind", 1}, {"kindle", 1},
    {"play", 1}, {"hang", 1}, {"believe", 1}, {"doubt", 1},
};
static const Word adjectives_w[] = {
    {"special", 20}, {"pending", 20}, {"unusual", 20}, {"express", 20}, {"furious", 1},
    {"sly", 1}, {"careful", 1}, {"blithe", 1}, {"quick", 1}, {"fluffy", 1}, {"slow", 1},
    {"quiet", 1}, {"ruthless", 1}, {"thin", 1}, {"close", 1}, {"dogged", 1}, {"daring", 1},
    {"brave", 1}, {"stealthy", 1}, {"permanent", 1}, {"enticing", 1}, {"idle", 1}, {"busy", 1},
    {"regular", 50}, {"final", 40}, {"ironic", 40}, {"even", 30}, {"bold", 20}, {"silent", 10},
};
static const Word adverbs_w[] = {
    {"sometimes", 1}, {"always", 1}, {"never", 1}, {"furiously", 50}, {"slyly", 50},
    {"carefully", 50}, {"blithely", 40}, {"quickly", 30}, {"fluffily", 20}, {"slowly", 1},
    {"quietly", 1}, {"ruthlessly", 1}, {"thinly", 1}, {"closely", 1}, {"doggedly", 1},
    {"daringly", 1}, {"bravely", 1}, {"stealthily", 1}, {"permanently", 1}, {"enticingly", 1},
    {"idly", 1}, {"busily", 1}, {"regularly", 1}, {"finally", 1}, {"ironically", 1},
    {"evenly", 1}, {"boldly", 1}, {"silently", 1},
};
static const Word prepositions_w[] = {
    {"about", 50}, {"above", 50}, {"according to", 50}, {"across", 50}, {"after", 50},
    {"against", 40}, {"along", 40}, {"alongside of", 30}, {"among", 30}, {"around", 20},
    {"at", 10}, {"atop", 1}, {"before", 1}, {"behind", 1}, {"beneath", 1}, {"beside", 1},
    {"besides", 1}, {"between", 1}, {"beyond", 1}, {"by", 1}, {"despite", 1}, {"during", 1},
    {"except", 1}, {"for", 1}, {"from", 1}, {"in place of", 1}, {"inside", 1},
    {"instead of", 1}, {"into", 1}, {"near", 1}, {"of", 1}, {"on", 1}, {"outside", 1},
    {"over", 1}, {"past", 1}, {"since", 1}, {"through", 1}, {"throughout", 1}, {"to", 1},
    {"toward", 1}, {"under", 1}, {"until", 1}, {"up", 1}, {"upon", 1}, {"without", 1},
    {"with", 1}, {"within", 1},
};
static const Word auxiliaries_w[] = {
    {"do", 1}, {"may", 1}, {"might", 1}, {"shall", 1}, {"will", 1}, {"would", 1}, {"can", 1},
    {"could", 1}, {"should", 1}, {"ought to", 1}, {"must", 1}, {"will have to", 1},
    {"shall have to", 1}, {"could have to", 1}, {"should have to", 1}, {"must have to", 1},
    {"need to", 1}, {"try to", 1},
};
static const Word terminators_w[] = {
    {".", 50}, {";", 1}, {":", 1}, {"?", 1}, {"!", 1}, {"--", 1},
};
/* Sentence forms (N noun phrase, V verb phrase, P prepositional phrase, T
 * terminator), noun phrases (N noun, J adjective, D adverb; ',' after a J),
 * verb phrases (V verb, X auxiliary, D adverb). */
static const Word grammar_w[] = { {"NVT", 3}, {"NVPT", 3}, {"NVNT", 3}, {"NPVNT", 1}, {"NPVPT", 1} };
static const Word np_w[] = { {"N", 10}, {"JN", 20}, {"J,JN", 10}, {"DJN", 50} };
static const Word vp_w[] = { {"V", 30}, {"XV", 1}, {"VD", 40}, {"XVD", 1} };

static Dist d_nouns = DIST(nouns_w), d_verbs = DIST(verbs_w), d_adj = DIST(adjectives_w),
            d_adv = DIST(adverbs_w), d_prep = DIST(prepositions_w), d_aux = DIST(auxiliaries_w),
            d_term = DIST(terminators_w), d_grammar = DIST(grammar_w), d_np = DIST(np_w),
            d_vp = DIST(vp_w);

static void dist_init(Dist *d)
{
    d->total = 0;
    for (int i = 0; i < d->n; i++) d->total += d->w[i].weight;
}

static const char *dist_pick(const Dist *d, Rng *r)
{
    int x = (int)rng_range(r, 0, d->total - 1);
    for (int i = 0; i < d->n; i++) {
        if (x < d->w[i].weight) return d->w[i].w;
        x -= d->w[i].weight;
    }
    return d->w[d->n - 1].w;
}

static const char *const colors[] = {
    "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue",
    "blush", "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral",
    "cornflower", "cornsilk", "cream", "cyan", "dark", "deep", "dim", "dodger", "drab",
    "firebrick", "floral", "forest", "frosted", "gainsboro", "ghost", "goldenrod", "green",
    "grey", "honeydew", "hot", "indian", "ivory", "khaki", "lace", "lavender", "lawn", "lemon",
    "light", "lime", "linen", "magenta", "maroon", "medium", "metallic", "midnight", "mint",
    "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale", "papaya",
    "peach", "peru", "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal",
    "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow",
    "spring", "steel", "tan", "thistle", "tomato", "turquoise", "violet", "wheat", "white",
    "yellow",
};
#define NCOLORS ((int)(sizeof colors / sizeof colors[0]))
_Static_assert(sizeof colors / sizeof colors[0] == 92, "the spec's 92 P_NAME words");

static const char *const type_s1[] = { "STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO" };
static const char *const type_s2[] = { "ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED" };
static const char *const type_s3[] = { "TIN", "NICKEL", "BRASS", "STEEL", "COPPER" };
static const char *const cont_s1[] = { "SM", "LG", "MED", "JUMBO", "WRAP" };
static const char *const cont_s2[] = { "CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM" };
static const char *const segments[] = { "AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD" };
static const char *const priorities[] = { "1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW" };
static const char *const instructions[] = { "DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN" };
static const char *const modes[] = { "REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB" };
static const char *const regions[] = { "AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST" };
static const struct { const char *name; int region; } nations[25] = {
    {"ALGERIA", 0}, {"ARGENTINA", 1}, {"BRAZIL", 1}, {"CANADA", 1}, {"EGYPT", 4},
    {"ETHIOPIA", 0}, {"FRANCE", 3}, {"GERMANY", 3}, {"INDIA", 2}, {"INDONESIA", 2},
    {"IRAN", 4}, {"IRAQ", 4}, {"JAPAN", 2}, {"JORDAN", 4}, {"KENYA", 0}, {"MOROCCO", 0},
    {"MOZAMBIQUE", 0}, {"PERU", 1}, {"CHINA", 2}, {"ROMANIA", 3}, {"SAUDI ARABIA", 4},
    {"VIETNAM", 2}, {"RUSSIA", 3}, {"UNITED KINGDOM", 3}, {"UNITED STATES", 1},
};
#define PICK(r, arr) (arr[rng_range((r), 0, (int64_t)(sizeof arr / sizeof arr[0]) - 1)])

/* ------------------------------------------------------------------ dates */

/* Days are counted from STARTDATE = 1992-01-01 (day 0). */
static int days_from_civil(int y, int m, int d)   /* days since 1970-01-01 */
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

#define NDAYS 2700
static char date_str[NDAYS][11];
static int day_current, day_end;   /* CURRENTDATE 1995-06-17, ENDDATE 1998-12-31 */

static void dates_init(void)
{
    int base = days_from_civil(1992, 1, 1);
    for (int i = 0; i < NDAYS; i++) {
        int y, m, d;
        civil_from_days(base + i, &y, &m, &d);
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
        memcpy(date_str[i], tmp, sizeof date_str[i]);
    }
    day_current = days_from_civil(1995, 6, 17) - base;
    day_end = days_from_civil(1998, 12, 31) - base;
}

/* ------------------------------------------------------------- text pool */

/* The spec's "text string[min, max]" is a substring of a pool built from the
 * grammar above, at a random offset, of a random length in [min, max]. The
 * spec's pool is 300 MB; below SF 1 a smaller one (never under 16 MB) keeps
 * small runs quick while comments stay practically unique. */
static char *pool;
static size_t pool_len;

static size_t pool_put(size_t at, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (at + n > cap) n = cap - at;
    memcpy(pool + at, s, n);
    return at + n;
}

static size_t pool_np(size_t at, size_t cap, Rng *r)
{
    for (const char *f = dist_pick(&d_np, r); *f && at < cap; f++) {
        switch (*f) {
        case 'N': at = pool_put(at, cap, dist_pick(&d_nouns, r)); break;
        case 'J': at = pool_put(at, cap, dist_pick(&d_adj, r)); break;
        case 'D': at = pool_put(at, cap, dist_pick(&d_adv, r)); break;
        case ',': at = pool_put(at, cap, ","); break;
        }
        if (f[1] && f[1] != ',' && at < cap) pool[at++] = ' ';
    }
    return at;
}

static size_t pool_vp(size_t at, size_t cap, Rng *r)
{
    for (const char *f = dist_pick(&d_vp, r); *f && at < cap; f++) {
        switch (*f) {
        case 'V': at = pool_put(at, cap, dist_pick(&d_verbs, r)); break;
        case 'X': at = pool_put(at, cap, dist_pick(&d_aux, r)); break;
        case 'D': at = pool_put(at, cap, dist_pick(&d_adv, r)); break;
        }
        if (f[1] && at < cap) pool[at++] = ' ';
    }
    return at;
}

static void pool_build(size_t len)
{
    Dist *all[] = { &d_nouns, &d_verbs, &d_adj, &d_adv, &d_prep, &d_aux, &d_term, &d_grammar,
                    &d_np, &d_vp };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) dist_init(all[i]);
    pool = malloc(len + 1);
    if (!pool) { fprintf(stderr, "tpch_gen: out of memory for the text pool\n"); exit(1); }
    Rng r = rng_for(T_POOL, 0);
    size_t at = 0;
    while (at < len) {
        const char *f = dist_pick(&d_grammar, &r);
        for (; *f && at < len; f++) {
            switch (*f) {
            case 'N': at = pool_np(at, len, &r); break;
            case 'V': at = pool_vp(at, len, &r); break;
            case 'P':
                at = pool_put(at, len, dist_pick(&d_prep, &r));
                at = pool_put(at, len, " the ");
                at = pool_np(at, len, &r);
                break;
            case 'T': at = pool_put(at, len, dist_pick(&d_term, &r)); break;
            }
            /* a terminator follows its last word directly; words and sentences
             * are separated by one space */
            if (at < len && f[1] != 'T') pool[at++] = ' ';
        }
    }
    pool[len] = 0;
    pool_len = len;
}

/* ----------------------------------------------------------------- output */

typedef struct {
    FILE *f;
    char *buf;
    size_t len, cap;
    const char *path;
    uint64_t rows, bytes;
} Out;

#define OUT_SLACK 4096   /* every row is shorter than this */

static void out_flush(Out *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len) {
        fprintf(stderr, "tpch_gen: write %s: %s\n", o->path, strerror(errno));
        exit(1);
    }
    o->bytes += o->len;
    o->len = 0;
}

static inline void out_row_end(Out *o)
{
    o->buf[o->len++] = '\n';
    o->rows++;
    if (o->f && o->len > o->cap - OUT_SLACK) out_flush(o);
}

static inline void out_mem(Out *o, const char *s, size_t n)
{
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static inline void out_str(Out *o, const char *s) { out_mem(o, s, strlen(s)); }
static inline void out_sep(Out *o) { o->buf[o->len++] = '|'; }
static inline void out_chr(Out *o, char c) { o->buf[o->len++] = c; }

static inline void out_int(Out *o, int64_t v)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)(-v) : (uint64_t)v;
    do { tmp[n++] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) tmp[n++] = '-';
    while (n) o->buf[o->len++] = tmp[--n];
}

static inline void out_int_pad(Out *o, int64_t v, int width)   /* v >= 0 */
{
    char tmp[24];
    int n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n < width) tmp[n++] = '0';
    while (n) o->buf[o->len++] = tmp[--n];
}

/* A decimal with two places from hundredths. */
static inline void out_money(Out *o, int64_t cents)
{
    if (cents < 0) { out_chr(o, '-'); cents = -cents; }
    out_int(o, cents / 100);
    out_chr(o, '.');
    out_chr(o, (char)('0' + cents / 10 % 10));
    out_chr(o, (char)('0' + cents % 10));
}

static inline void out_date(Out *o, int day) { out_mem(o, date_str[day], 10); }

/* text string[min, max] */
static inline void out_text(Out *o, Rng *r, int min, int max)
{
    int len = (int)rng_range(r, min, max);
    size_t off = (size_t)rng_range(r, 0, (int64_t)(pool_len - (size_t)max));
    out_mem(o, pool + off, (size_t)len);
}

/* random v-string[min, max]: 64 symbols */
static const char vchars[65] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789, ";

static inline void out_vstring(Out *o, Rng *r, int min, int max)
{
    int len = (int)rng_range(r, min, max);
    uint64_t bits = 0;
    for (int i = 0; i < len; i++) {
        if (i % 10 == 0) bits = rng_next(r);
        o->buf[o->len++] = vchars[bits & 63];
        bits >>= 6;
    }
}

/* Phone number (4.2.2.9): country code nation + 10, then three random groups. */
static inline void out_phone(Out *o, Rng *r, int nation)
{
    out_int(o, nation + 10);
    out_chr(o, '-');
    out_int(o, rng_range(r, 100, 999));
    out_chr(o, '-');
    out_int(o, rng_range(r, 100, 999));
    out_chr(o, '-');
    out_int(o, rng_range(r, 1000, 9999));
}

/* ------------------------------------------------------------------ sizes */

static double g_sf = 1.0;
static int64_t n_part, n_supp, n_cust, n_orders, n_clerks;

static int64_t scaled(double base)
{
    int64_t n = (int64_t)(base * g_sf + 0.5);
    return n < 1 ? 1 : n;
}

static int64_t retail_cents(int64_t pk)
{
    return 90000 + (pk / 10) % 20001 + 100 * (pk % 1000);
}

/* The i-th (0..3) supplier of a part (PS_SUPPKEY's formula). */
static int64_t supp_of(int64_t pk, int64_t i)
{
    int64_t s = n_supp;
    return (pk + i * (s / 4 + (pk - 1) / s)) % s + 1;
}

/* The n-th order (1-based) gets key n-th of the sparse numbering: of each
 * run of 32 keys only the first 8 are used. */
static int64_t order_key(int64_t n)
{
    int64_t i = n - 1;
    return (i / 8) * 32 + i % 8 + 1;
}

/* ----------------------------------------------------------------- tables */

static void gen_region(Out *o, int64_t lo, int64_t hi)
{
    for (int64_t k = lo; k < hi; k++) {
        Rng r = rng_for(T_REGION, (uint64_t)k);
        out_int(o, k); out_sep(o);
        out_str(o, regions[k]); out_sep(o);
        out_text(o, &r, 31, 115); out_sep(o);
        out_row_end(o);
    }
}

static void gen_nation(Out *o, int64_t lo, int64_t hi)
{
    for (int64_t k = lo; k < hi; k++) {
        Rng r = rng_for(T_NATION, (uint64_t)k);
        out_int(o, k); out_sep(o);
        out_str(o, nations[k].name); out_sep(o);
        out_int(o, nations[k].region); out_sep(o);
        out_text(o, &r, 31, 114); out_sep(o);
        out_row_end(o);
    }
}

static void gen_part(Out *o, int64_t lo, int64_t hi)
{
    for (int64_t pk = lo; pk <= hi; pk++) {
        Rng r = rng_for(T_PART, (uint64_t)pk);
        out_int(o, pk); out_sep(o);
        int used[5];
        for (int i = 0; i < 5; i++) {          /* five distinct colour words */
            int c;
            for (;;) {
                c = (int)rng_range(&r, 0, NCOLORS - 1);
                int dup = 0;
                for (int j = 0; j < i; j++) dup |= used[j] == c;
                if (!dup) break;
            }
            used[i] = c;
            if (i) out_chr(o, ' ');
            out_str(o, colors[c]);
        }
        out_sep(o);
        int m = (int)rng_range(&r, 1, 5), n = (int)rng_range(&r, 1, 5);
        out_str(o, "Manufacturer#"); out_int(o, m); out_sep(o);
        out_str(o, "Brand#"); out_int(o, m); out_int(o, n); out_sep(o);
        out_str(o, PICK(&r, type_s1)); out_chr(o, ' ');
        out_str(o, PICK(&r, type_s2)); out_chr(o, ' ');
        out_str(o, PICK(&r, type_s3)); out_sep(o);
        out_int(o, rng_range(&r, 1, 50)); out_sep(o);
        out_str(o, PICK(&r, cont_s1)); out_chr(o, ' ');
        out_str(o, PICK(&r, cont_s2)); out_sep(o);
        out_money(o, retail_cents(pk)); out_sep(o);
        out_text(o, &r, 5, 22); out_sep(o);
        out_row_end(o);
    }
}

static void gen_partsupp(Out *o, int64_t lo, int64_t hi)
{
    for (int64_t pk = lo; pk <= hi; pk++) {
        Rng r = rng_for(T_PARTSUPP, (uint64_t)pk);
        for (int i = 0; i < 4; i++) {
            out_int(o, pk); out_sep(o);
            out_int(o, supp_of(pk, i)); out_sep(o);
            out_int(o, rng_range(&r, 1, 9999)); out_sep(o);
            out_money(o, rng_range(&r, 100, 100000)); out_sep(o);
            out_text(o, &r, 49, 198); out_sep(o);
            out_row_end(o);
        }
    }
}

/* Suppliers whose comment carries "Customer%Complaints" (1) or
 * "Customer%Recommends" (2): SF * 5 of each, chosen at random. */
static unsigned char *supp_mark;

static void supp_marks_init(void)
{
    supp_mark = calloc((size_t)n_supp + 1, 1);
    if (!supp_mark) exit(1);
    int64_t want = (int64_t)(g_sf * 5 + 0.5);
    if (want < 1) want = 1;
    if (want * 2 > n_supp) want = n_supp / 2;
    Rng r = rng_for(T_PICK, 0);
    for (int kind = 1; kind <= 2; kind++)
        for (int64_t got = 0; got < want;) {
            int64_t s = rng_range(&r, 1, n_supp);
            if (!supp_mark[s]) { supp_mark[s] = (unsigned char)kind; got++; }
        }
}

static void gen_supplier(Out *o, int64_t lo, int64_t hi)
{
    for (int64_t sk = lo; sk <= hi; sk++) {
        Rng r = rng_for(T_SUPPLIER, (uint64_t)sk);
        out_int(o, sk); out_sep(o);
        out_str(o, "Supplier#"); out_int_pad(o, sk, 9); out_sep(o);
        out_vstring(o, &r, 10, 40); out_sep(o);
        int nation = (int)rng_range(&r, 0, 24);
        out_int(o, nation); out_sep(o);
        out_phone(o, &r, nation); out_sep(o);
        out_money(o, rng_range(&r, -99999, 999999)); out_sep(o);
        size_t at = o->len;
        out_text(o, &r, 25, 100);
        if (supp_mark[sk]) {
            /* "Customer", a gap of the comment's own text, then the verb,
             * all inside the comment's length */
            const char *tail = supp_mark[sk] == 1 ? "Complaints" : "Recommends";
            int len = (int)(o->len - at);
            int gap = (int)rng_range(&r, 0, len - 18);
            int pos = (int)rng_range(&r, 0, len - 18 - gap);
            memcpy(o->buf + at + pos, "Customer", 8);
            memcpy(o->buf + at + pos + 8 + gap, tail, 10);
        }
        out_sep(o);
        out_row_end(o);
    }
}

static void gen_customer(Out *o, int64_t lo, int64_t hi)
{
    for (int64_t ck = lo; ck <= hi; ck++) {
        Rng r = rng_for(T_CUSTOMER, (uint64_t)ck);
        out_int(o, ck); out_sep(o);
        out_str(o, "Customer#"); out_int_pad(o, ck, 9); out_sep(o);
        out_vstring(o, &r, 10, 40); out_sep(o);
        int nation = (int)rng_range(&r, 0, 24);
        out_int(o, nation); out_sep(o);
        out_phone(o, &r, nation); out_sep(o);
        out_money(o, rng_range(&r, -99999, 999999)); out_sep(o);
        out_str(o, PICK(&r, segments)); out_sep(o);
        out_text(o, &r, 29, 116); out_sep(o);
        out_row_end(o);
    }
}

/* Orders n = lo..hi (1-based order numbers) with their lines. */
static void gen_orders(Out *oo, Out *lo_out, int64_t lo, int64_t hi)
{
    for (int64_t n = lo; n <= hi; n++) {
        Rng r = rng_for(T_ORDERS, (uint64_t)n);
        int64_t okey = order_key(n);
        int64_t cust;
        do cust = rng_range(&r, 1, n_cust); while (cust % 3 == 0);   /* every third has none */
        int odate = (int)rng_range(&r, 0, day_end - 151);
        int nlines = (int)rng_range(&r, 1, 7);
        int64_t total = 0;
        int nf = 0;
        for (int ln = 1; ln <= nlines; ln++) {
            int64_t pk = rng_range(&r, 1, n_part);
            int64_t sk = supp_of(pk, rng_range(&r, 0, 3));
            int64_t qty = rng_range(&r, 1, 50);
            int64_t disc = rng_range(&r, 0, 10), tax = rng_range(&r, 0, 8);
            int64_t ext = qty * retail_cents(pk);
            int ship = odate + (int)rng_range(&r, 1, 121);
            int commit = odate + (int)rng_range(&r, 30, 90);
            int receipt = ship + (int)rng_range(&r, 1, 30);
            char rflag = receipt <= day_current ? (rng_range(&r, 0, 1) ? 'R' : 'A') : 'N';
            char lstatus = ship > day_current ? 'O' : 'F';
            nf += lstatus == 'F';
            /* extendedprice * (1 + tax) * (1 - discount), rounded to cents */
            total += (ext * (100 + tax) * (100 - disc) + 5000) / 10000;
            Out *o = lo_out;
            out_int(o, okey); out_sep(o);
            out_int(o, pk); out_sep(o);
            out_int(o, sk); out_sep(o);
            out_int(o, ln); out_sep(o);
            out_int(o, qty); out_sep(o);
            out_money(o, ext); out_sep(o);
            out_money(o, disc); out_sep(o);
            out_money(o, tax); out_sep(o);
            out_chr(o, rflag); out_sep(o);
            out_chr(o, lstatus); out_sep(o);
            out_date(o, ship); out_sep(o);
            out_date(o, commit); out_sep(o);
            out_date(o, receipt); out_sep(o);
            out_str(o, PICK(&r, instructions)); out_sep(o);
            out_str(o, PICK(&r, modes)); out_sep(o);
            out_text(o, &r, 10, 43); out_sep(o);
            o->buf[o->len++] = '\n';
            o->rows++;
        }
        char status = nf == nlines ? 'F' : nf == 0 ? 'O' : 'P';
        Out *o = oo;
        out_int(o, okey); out_sep(o);
        out_int(o, cust); out_sep(o);
        out_chr(o, status); out_sep(o);
        out_money(o, total); out_sep(o);
        out_date(o, odate); out_sep(o);
        out_str(o, PICK(&r, priorities)); out_sep(o);
        out_str(o, "Clerk#"); out_int_pad(o, rng_range(&r, 1, n_clerks), 9); out_sep(o);
        out_int(o, 0); out_sep(o);
        out_text(o, &r, 19, 78); out_sep(o);
        out_row_end(o);
    }
}

/* ------------------------------------------------------------------ jobs */

static const char *const table_names[NTABLES] = {
    "region", "nation", "part", "partsupp", "supplier", "customer", "orders", "lineitem",
};

static const char *g_dir = ".";
static int g_quiet;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void out_open(Out *o, const char *name, char *pathbuf, size_t pathcap)
{
    snprintf(pathbuf, pathcap, "%s/%s.tbl", g_dir, name);
    o->path = pathbuf;
    o->f = fopen(pathbuf, "w");
    if (!o->f) { fprintf(stderr, "tpch_gen: %s: %s\n", pathbuf, strerror(errno)); exit(1); }
    o->cap = 1 << 20;
    o->buf = malloc(o->cap);
    if (!o->buf) exit(1);
    o->len = 0;
}

static void out_close(Out *o)
{
    out_flush(o);
    if (fclose(o->f) != 0) {
        fprintf(stderr, "tpch_gen: close %s: %s\n", o->path, strerror(errno));
        exit(1);
    }
    free(o->buf);
}

/* Orders and lineitem: chunks of orders generated by the worker threads into
 * their own buffers, written by the owner of the chunk's turn in order. */
#define CHUNK_ORDERS 20000

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int64_t next_chunk, turn, nchunks;
    Out orders, lineitem;
} OrderJob;

static OrderJob ojob;

static void *order_worker(void *arg)
{
    (void)arg;
    Out ob = { .cap = (size_t)CHUNK_ORDERS * 200 + OUT_SLACK };
    Out lb = { .cap = (size_t)CHUNK_ORDERS * 7 * 200 + 16 * OUT_SLACK };
    ob.buf = malloc(ob.cap);
    lb.buf = malloc(lb.cap);
    if (!ob.buf || !lb.buf) exit(1);
    for (;;) {
        pthread_mutex_lock(&ojob.mu);
        int64_t c = ojob.next_chunk++;
        pthread_mutex_unlock(&ojob.mu);
        if (c >= ojob.nchunks) break;
        int64_t lo = c * CHUNK_ORDERS + 1, hi = (c + 1) * CHUNK_ORDERS;
        if (hi > n_orders) hi = n_orders;
        /* no file: the buffers hold a whole chunk (rows are under 200 bytes) */
        ob.len = lb.len = 0;
        ob.rows = lb.rows = 0;
        gen_orders(&ob, &lb, lo, hi);
        if (ob.len > ob.cap || lb.len > lb.cap) { fprintf(stderr, "tpch_gen: chunk overflow\n"); abort(); }
        pthread_mutex_lock(&ojob.mu);
        while (ojob.turn != c) pthread_cond_wait(&ojob.cv, &ojob.mu);
        pthread_mutex_unlock(&ojob.mu);
        if (fwrite(ob.buf, 1, ob.len, ojob.orders.f) != ob.len ||
            fwrite(lb.buf, 1, lb.len, ojob.lineitem.f) != lb.len) {
            fprintf(stderr, "tpch_gen: write: %s\n", strerror(errno));
            exit(1);
        }
        ojob.orders.rows += ob.rows;
        ojob.orders.bytes += ob.len;
        ojob.lineitem.rows += lb.rows;
        ojob.lineitem.bytes += lb.len;
        pthread_mutex_lock(&ojob.mu);
        ojob.turn++;
        pthread_cond_broadcast(&ojob.cv);
        pthread_mutex_unlock(&ojob.mu);
    }
    free(ob.buf);
    free(lb.buf);
    return NULL;
}

static void run_simple(int t)
{
    char path[4096];
    Out o = { 0 };
    double t0 = now_s();
    out_open(&o, table_names[t], path, sizeof path);
    switch (t) {
    case T_REGION: gen_region(&o, 0, 5); break;
    case T_NATION: gen_nation(&o, 0, 25); break;
    case T_PART: gen_part(&o, 1, n_part); break;
    case T_PARTSUPP: gen_partsupp(&o, 1, n_part); break;
    case T_SUPPLIER: gen_supplier(&o, 1, n_supp); break;
    case T_CUSTOMER: gen_customer(&o, 1, n_cust); break;
    }
    out_close(&o);
    if (!g_quiet)
        fprintf(stderr, "tpch_gen: %-9s %10llu rows %8.1f MB %6.2fs\n", table_names[t],
                (unsigned long long)o.rows, (double)o.bytes / 1e6, now_s() - t0);
}

/* Simple tables are handed out to threads from one counter. */
static int want_table[NTABLES];
static int next_simple;
static pthread_mutex_t simple_mu = PTHREAD_MUTEX_INITIALIZER;

static void *simple_worker(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&simple_mu);
        int t = -1;
        while (next_simple <= T_CUSTOMER && t < 0) {
            if (want_table[next_simple]) t = next_simple;
            next_simple++;
        }
        pthread_mutex_unlock(&simple_mu);
        if (t < 0) break;
        run_simple(t);
    }
    return NULL;
}

static void usage(FILE *f)
{
    fprintf(f,
        "usage: tpch_gen [-s SF] [-o DIR] [--seed N] [-T TABLES] [-j THREADS] [-q]\n"
        "  -s SF       scale factor, 0.01 .. 10 and beyond (default 1)\n"
        "  -o DIR      output directory (default .; created if missing)\n"
        "  --seed N    random seed (default 20240601); same seed, same files\n"
        "  -T LIST     comma-separated tables (default all): region,nation,part,partsupp,\n"
        "              supplier,customer,orders (orders also writes lineitem)\n"
        "  -j N        threads (default 2)\n"
        "  -q          no per-table report on stderr\n");
}

int main(int argc, char **argv)
{
    int threads = 2;
    const char *tables = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); return 0; }
        else if (!strcmp(a, "-q")) g_quiet = 1;
        else if (v && !strcmp(a, "-s")) { g_sf = strtod(v, NULL); i++; }
        else if (v && !strcmp(a, "-o")) { g_dir = v; i++; }
        else if (v && !strcmp(a, "--seed")) { g_seed = strtoull(v, NULL, 10); i++; }
        else if (v && !strcmp(a, "-T")) { tables = v; i++; }
        else if (v && !strcmp(a, "-j")) { threads = atoi(v); i++; }
        else { usage(stderr); return 2; }
    }
    if (!(g_sf > 0) || g_sf > 100000 || threads < 1 || threads > 256) { usage(stderr); return 2; }
    if (mkdir(g_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "tpch_gen: mkdir %s: %s\n", g_dir, strerror(errno));
        return 1;
    }
    for (int t = 0; t < NTABLES; t++) want_table[t] = tables == NULL;
    if (tables) {
        char *copy = strdup(tables), *save = NULL;
        for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            int found = 0;
            for (int t = 0; t < NTABLES; t++)
                if (!strcmp(tok, table_names[t])) { want_table[t] = 1; found = 1; }
            if (!found) { fprintf(stderr, "tpch_gen: unknown table %s\n", tok); return 2; }
        }
        free(copy);
        want_table[T_LINEITEM] = want_table[T_ORDERS] = want_table[T_ORDERS] | want_table[T_LINEITEM];
    }

    n_part = scaled(200000);
    n_supp = scaled(10000);
    if (n_supp < 4) n_supp = 4;
    n_cust = scaled(150000);
    if (n_cust < 3) n_cust = 3;
    n_orders = scaled(1500000);
    n_clerks = scaled(1000);

    double t0 = now_s();
    dates_init();
    size_t plen = (size_t)(300.0 * 1024 * 1024 * (g_sf < 1 ? g_sf : 1));
    if (plen < 16u << 20) plen = 16u << 20;
    pool_build(plen);
    supp_marks_init();
    if (!g_quiet)
        fprintf(stderr, "tpch_gen: SF %g, seed %llu, text pool %.0f MB in %.2fs\n", g_sf,
                (unsigned long long)g_seed, (double)plen / 1048576.0, now_s() - t0);

    /* the order job's chunks and the simple tables share the threads */
    pthread_t th[256];
    int nth = 0;
    char opath[4096], lpath[4096];
    double to = now_s();
    if (want_table[T_ORDERS]) {
        pthread_mutex_init(&ojob.mu, NULL);
        pthread_cond_init(&ojob.cv, NULL);
        ojob.nchunks = (n_orders + CHUNK_ORDERS - 1) / CHUNK_ORDERS;
        out_open(&ojob.orders, "orders", opath, sizeof opath);
        out_open(&ojob.lineitem, "lineitem", lpath, sizeof lpath);
        int ow = threads > 1 ? threads - 1 : 1;
        for (int i = 0; i < ow; i++) pthread_create(&th[nth++], NULL, order_worker, NULL);
    }
    simple_worker(NULL);    /* the main thread takes the small tables, then helps */
    if (want_table[T_ORDERS] && threads > 1) order_worker(NULL);
    for (int i = 0; i < nth; i++) pthread_join(th[i], NULL);
    if (want_table[T_ORDERS]) {
        out_close(&ojob.orders);
        out_close(&ojob.lineitem);
        if (!g_quiet) {
            fprintf(stderr, "tpch_gen: %-9s %10llu rows %8.1f MB\n", "orders",
                    (unsigned long long)ojob.orders.rows, (double)ojob.orders.bytes / 1e6);
            fprintf(stderr, "tpch_gen: %-9s %10llu rows %8.1f MB (with orders: %.2fs)\n",
                    "lineitem", (unsigned long long)ojob.lineitem.rows,
                    (double)ojob.lineitem.bytes / 1e6, now_s() - to);
        }
    }
    if (!g_quiet) fprintf(stderr, "tpch_gen: done in %.2fs\n", now_s() - t0);
    free(pool);
    free(supp_mark);
    return 0;
}
