/*
 * config.h — server settings.
 *
 * Precedence: command-line flags > OMENDB_* environment variables >
 * omendb.toml (path from --config / OMENDB_CONFIG, else ./omendb.toml if it
 * exists) > built-in defaults.
 */
#ifndef OM_CONFIG_H
#define OM_CONFIG_H

#include <stdio.h>
#include "err.h"

typedef struct OmConfig {
    char data_dir[1024];         /* default ./omendb-data */
    char listen_addresses[256];  /* default 127.0.0.1 */
    int port;                    /* default 5433 */
    char log_level[16];          /* default info */
    int max_connections;         /* default 100 */
    char config_file[1024];      /* the TOML file read, "" if none */
    long long map_size_mb;       /* starting LMDB map size, default 1 TiB */
    int autovacuum_naptime;      /* seconds between autoanalyze rounds, 0 = off; default 60 */
} OmConfig;

void cfg_defaults(OmConfig *cfg);
/* Apply the whole precedence chain. Returns 0, or -1 with err set (bad flag,
 * bad value, unreadable or malformed TOML). *want_help set for --help. */
int cfg_load(OmConfig *cfg, int argc, char **argv, int *want_help, OmError *err);
void cfg_print_help(FILE *out, const char *argv0);

#endif
