/*
 * tz_abbrev.c — the time zone abbreviations date/time input knows:
 * PostgreSQL 15's "Default" timezone_abbreviations set
 * (share/timezonesets/Default), sorted for binary search. Fixed ones carry
 * their offset and whether they name daylight time; dynamic ones (MSK, SGT,
 * …) name the zone whose offset they stand for.
 *
 * Interface routine (datetime.h): dt_tz_abbrev_kind.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "datetime.h"

typedef struct Abbrev {
    const char *name; /* lower case */
    int off;          /* seconds east of UTC */
    bool dst;
    const char *zone; /* dynamic: the zone, else NULL */
} Abbrev;

static const Abbrev abbrevs[] = {
    {"acdt", 37800, true, NULL}, {"acsst", 37800, true, NULL}, {"acst", 34200, false, NULL},
    {"act", -18000, false, NULL}, {"acwst", 31500, false, NULL}, {"adt", -10800, true, NULL},
    {"aedt", 39600, true, NULL}, {"aesst", 39600, true, NULL}, {"aest", 36000, false, NULL},
    {"aft", 16200, false, NULL}, {"akdt", -28800, true, NULL}, {"akst", -32400, false, NULL},
    {"almst", 25200, true, NULL}, {"almt", 21600, false, NULL}, {"amst", 0, false, "Asia/Yerevan"},
    {"amt", -14400, false, NULL}, {"anast", 0, false, "Asia/Anadyr"}, {"anat", 0, false, "Asia/Anadyr"},
    {"arst", 0, false, "America/Argentina/Buenos_Aires"}, {"art", 0, false, "America/Argentina/Buenos_Aires"},
    {"ast", -14400, false, NULL}, {"awsst", 32400, true, NULL}, {"awst", 28800, false, NULL},
    {"azost", 0, true, NULL}, {"azot", -3600, false, NULL}, {"azst", 0, false, "Asia/Baku"},
    {"azt", 0, false, "Asia/Baku"}, {"bdst", 7200, true, NULL}, {"bdt", 21600, false, NULL},
    {"bnt", 28800, false, NULL}, {"bort", 28800, false, NULL}, {"bot", -14400, false, NULL},
    {"bra", -10800, false, NULL}, {"brst", -7200, true, NULL}, {"brt", -10800, false, NULL},
    {"bst", 3600, true, NULL}, {"btt", 21600, false, NULL}, {"cadt", 37800, true, NULL},
    {"cast", 34200, false, NULL}, {"cct", 28800, false, NULL}, {"cdt", -18000, true, NULL},
    {"cest", 7200, true, NULL}, {"cet", 3600, false, NULL}, {"cetdst", 7200, true, NULL},
    {"chadt", 49500, true, NULL}, {"chast", 45900, false, NULL}, {"chut", 36000, false, NULL},
    {"ckt", 0, false, "Pacific/Rarotonga"}, {"clst", -10800, true, NULL}, {"clt", 0, false, "America/Santiago"},
    {"cot", -18000, false, NULL}, {"cst", -21600, false, NULL}, {"cxt", 25200, false, NULL},
    {"davt", 0, false, "Antarctica/Davis"}, {"ddut", 36000, false, NULL}, {"easst", 0, false, "Pacific/Easter"},
    {"east", 0, false, "Pacific/Easter"}, {"eat", 10800, false, NULL}, {"edt", -14400, true, NULL},
    {"eest", 10800, true, NULL}, {"eet", 7200, false, NULL}, {"eetdst", 10800, true, NULL},
    {"egst", 0, true, NULL}, {"egt", -3600, false, NULL}, {"est", -18000, false, NULL},
    {"fet", 10800, false, NULL}, {"fjst", 46800, true, NULL}, {"fjt", 43200, false, NULL},
    {"fkst", 0, false, "Atlantic/Stanley"}, {"fkt", 0, false, "Atlantic/Stanley"}, {"fnst", -3600, true, NULL},
    {"fnt", -7200, false, NULL}, {"galt", -21600, false, NULL}, {"gamt", -32400, false, NULL},
    {"gest", 0, false, "Asia/Tbilisi"}, {"get", 0, false, "Asia/Tbilisi"}, {"gft", -10800, false, NULL},
    {"gilt", 43200, false, NULL}, {"gmt", 0, false, NULL}, {"gyt", 0, false, "America/Guyana"},
    {"hkt", 28800, false, NULL}, {"hst", -36000, false, NULL}, {"ict", 25200, false, NULL},
    {"idt", 10800, true, NULL}, {"iot", 0, false, "Indian/Chagos"}, {"irkst", 0, false, "Asia/Irkutsk"},
    {"irkt", 0, false, "Asia/Irkutsk"}, {"irt", 12600, false, NULL}, {"ist", 7200, false, NULL},
    {"jayt", 32400, false, NULL}, {"jst", 32400, false, NULL}, {"kdt", 36000, true, NULL},
    {"kgst", 21600, true, NULL}, {"kgt", 0, false, "Asia/Bishkek"}, {"kost", 0, false, "Pacific/Kosrae"},
    {"krast", 0, false, "Asia/Krasnoyarsk"}, {"krat", 0, false, "Asia/Krasnoyarsk"},
    {"kst", 32400, false, NULL}, {"lhdt", 0, false, "Australia/Lord_Howe"}, {"lhst", 37800, false, NULL},
    {"ligt", 36000, false, NULL}, {"lint", 0, false, "Pacific/Kiritimati"}, {"lkt", 0, false, "Asia/Colombo"},
    {"magst", 0, false, "Asia/Magadan"}, {"magt", 0, false, "Asia/Magadan"}, {"mart", -34200, false, NULL},
    {"mawt", 0, false, "Antarctica/Mawson"}, {"mdt", -21600, true, NULL}, {"mest", 7200, true, NULL},
    {"mesz", 7200, true, NULL}, {"met", 3600, false, NULL}, {"metdst", 7200, true, NULL},
    {"mez", 3600, false, NULL}, {"mht", 43200, false, NULL}, {"mmt", 23400, false, NULL},
    {"mpt", 36000, false, NULL}, {"msd", 14400, true, NULL}, {"msk", 0, false, "Europe/Moscow"},
    {"mst", -25200, false, NULL}, {"must", 18000, true, NULL}, {"mut", 14400, false, NULL},
    {"mvt", 18000, false, NULL}, {"myt", 28800, false, NULL}, {"ndt", -9000, true, NULL},
    {"nft", -12600, false, NULL}, {"novst", 0, false, "Asia/Novosibirsk"},
    {"novt", 0, false, "Asia/Novosibirsk"}, {"npt", 20700, false, NULL}, {"nst", -12600, false, NULL},
    {"nut", 0, false, "Pacific/Niue"}, {"nzdt", 46800, true, NULL}, {"nzst", 43200, false, NULL},
    {"nzt", 43200, false, NULL}, {"omsst", 0, false, "Asia/Omsk"}, {"omst", 0, false, "Asia/Omsk"},
    {"pdt", -25200, true, NULL}, {"pet", -18000, false, NULL}, {"petst", 0, false, "Asia/Kamchatka"},
    {"pett", 0, false, "Asia/Kamchatka"}, {"pgt", 36000, false, NULL}, {"pht", 28800, false, NULL},
    {"pkst", 21600, true, NULL}, {"pkt", 18000, false, NULL}, {"pmdt", -7200, true, NULL},
    {"pmst", -10800, false, NULL}, {"pont", 39600, false, NULL}, {"pst", -28800, false, NULL},
    {"pwt", 32400, false, NULL}, {"pyst", -10800, true, NULL}, {"pyt", 0, false, "America/Asuncion"},
    {"ret", 14400, false, NULL}, {"sadt", 37800, true, NULL}, {"sast", 7200, false, NULL},
    {"sct", 14400, false, NULL}, {"sgt", 0, false, "Asia/Singapore"}, {"taht", -36000, false, NULL},
    {"tft", 18000, false, NULL}, {"tjt", 18000, false, NULL}, {"tkt", 0, false, "Pacific/Fakaofo"},
    {"tmt", 0, false, "Asia/Ashgabat"}, {"tot", 46800, false, NULL}, {"trut", 36000, false, NULL},
    {"tvt", 43200, false, NULL}, {"uct", 0, false, NULL}, {"ulast", 32400, true, NULL},
    {"ulat", 0, false, "Asia/Ulaanbaatar"}, {"ut", 0, false, NULL}, {"utc", 0, false, NULL},
    {"uyst", -7200, true, NULL}, {"uyt", -10800, false, NULL}, {"uzst", 21600, true, NULL},
    {"uzt", 18000, false, NULL}, {"vet", 0, false, "America/Caracas"}, {"vlast", 0, false, "Asia/Vladivostok"},
    {"vlat", 0, false, "Asia/Vladivostok"}, {"volt", 0, false, "Europe/Volgograd"}, {"vut", 39600, false, NULL},
    {"wadt", 28800, true, NULL}, {"wakt", 43200, false, NULL}, {"wast", 25200, false, NULL},
    {"wat", 3600, false, NULL}, {"wdt", 32400, true, NULL}, {"wet", 0, false, NULL},
    {"wetdst", 3600, true, NULL}, {"wft", 43200, false, NULL}, {"wgst", -7200, true, NULL},
    {"wgt", -10800, false, NULL}, {"xjt", 21600, false, NULL}, {"yakst", 0, false, "Asia/Yakutsk"},
    {"yakt", 0, false, "Asia/Yakutsk"}, {"yapt", 36000, false, NULL}, {"yekst", 21600, true, NULL},
    {"yekt", 0, false, "Asia/Yekaterinburg"}, {"z", 0, false, NULL}, {"zulu", 0, false, NULL},
};

static int cmp(const void *k, const void *e) { return strcasecmp((const char *)k, ((const Abbrev *)e)->name); }

int dt_tz_abbrev_kind(const char *name, int *off, const char **zone)
{
    if (strlen(name) > 10) return DT_ABBREV_NONE;
    const Abbrev *a = bsearch(name, abbrevs, sizeof abbrevs / sizeof abbrevs[0], sizeof abbrevs[0], cmp);
    if (!a) return DT_ABBREV_NONE;
    if (zone) *zone = a->zone;
    if (!a->zone) {
        *off = a->off;
        return a->dst ? DT_ABBREV_DST : DT_ABBREV_STD;
    }
    /* PostgreSQL looks the abbreviation up in the zone's history at the
     * time in question; its offset now stands in for that. */
    int64_t now = dt_txn_start();
    int64_t secs = now / DT_USECS_PER_SEC - (now % DT_USECS_PER_SEC < 0) + INT64_C(946684800);
    if (!dt_tz_offset_utc(a->zone, secs, off, NULL)) *off = 0;
    return DT_ABBREV_DYN;
}
