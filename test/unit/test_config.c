/*
 * test_config.c — settings: defaults, the precedence chain (flags > OMENDB_*
 * environment > TOML file > defaults), the TOML subset and its errors (which
 * must name file:line), flag syntax and range checks.
 *
 * Each test runs in a fresh temporary directory (so no stray ./omendb.toml
 * is read) with every OMENDB_* variable unset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/config.h"
#include "server/settings.h"

static const char *env_names[] = {"OMENDB_DATA_DIR", "OMENDB_PORT", "OMENDB_LISTEN_ADDRESSES",
                                   "OMENDB_LOG_LEVEL", "OMENDB_MAX_CONNECTIONS", "OMENDB_CONFIG",
                                   "OMENDB_MAP_SIZE_MB"};

static char old_cwd[4096];
static char tmpdir[256];

static int setup(void **state)
{
    for (size_t i = 0; i < sizeof env_names / sizeof env_names[0]; i++) unsetenv(env_names[i]);
    if (!getcwd(old_cwd, sizeof old_cwd)) return -1;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/omendb_test_config_XXXXXX");
    if (!mkdtemp(tmpdir)) return -1;
    return chdir(tmpdir);
}

static int teardown(void **state)
{
    char cmd[512];
    if (chdir(old_cwd) != 0) return -1;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* cfg_load with a NULL-terminated list of arguments after argv[0]. */
static int load(OmConfig *cfg, OmError *err, int *help, ...)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = "omendb";
    va_list ap;
    va_start(ap, help);
    char *a;
    while ((a = va_arg(ap, char *)) != NULL && argc < 31) argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    err_clear(err);
    return cfg_load(cfg, argc, argv, help, err);
}

/* Load a TOML text through --config and expect failure with msg. */
static void expect_toml_error(const char *text, const char *msg)
{
    write_file("bad.toml", text);
    OmConfig cfg;
    OmError err;
    int help;
    assert_int_equal(load(&cfg, &err, &help, "--config", "bad.toml", NULL), -1);
    assert_true(err.set);
    if (strstr(err.message, msg) == NULL) fail_msg("got \"%s\", want \"%s\"", err.message, msg);
}

static void test_defaults(void **state)
{
    OmConfig cfg;
    OmError err;
    int help = 7;
    assert_int_equal(load(&cfg, &err, &help, NULL), 0);
    assert_int_equal(help, 0);
    assert_string_equal(cfg.data_dir, "./omendb-data");
    assert_string_equal(cfg.listen_addresses, "127.0.0.1");
    assert_int_equal(cfg.port, 5433);
    assert_string_equal(cfg.log_level, "info");
    assert_int_equal(cfg.max_connections, 100);
    assert_int_equal(cfg.map_size_mb, 1048576);
    assert_string_equal(cfg.config_file, "");
}

static void test_precedence(void **state)
{
    OmConfig cfg;
    OmError err;
    int help;
    write_file("omendb.toml", "port = 6000\nmax_connections = 10\ndata_dir = \"/from/toml\"\n");

    /* ./omendb.toml is read when present. */
    assert_int_equal(load(&cfg, &err, &help, NULL), 0);
    assert_string_equal(cfg.config_file, "omendb.toml");
    assert_int_equal(cfg.port, 6000);
    assert_int_equal(cfg.max_connections, 10);
    assert_string_equal(cfg.data_dir, "/from/toml");
    assert_string_equal(cfg.log_level, "info"); /* default survives */

    /* The environment beats the file. */
    setenv("OMENDB_PORT", "7000", 1);
    setenv("OMENDB_LOG_LEVEL", "debug", 1);
    assert_int_equal(load(&cfg, &err, &help, NULL), 0);
    assert_int_equal(cfg.port, 7000);
    assert_int_equal(cfg.max_connections, 10);
    assert_string_equal(cfg.log_level, "debug");

    /* Flags beat both; both flag forms work; the later flag wins. */
    assert_int_equal(load(&cfg, &err, &help, "--port", "8000", "--max-connections=20",
                          "--log-level", "warn", "--log-level=error", NULL), 0);
    assert_int_equal(cfg.port, 8000);
    assert_int_equal(cfg.max_connections, 20);
    assert_string_equal(cfg.log_level, "error");
    assert_string_equal(cfg.data_dir, "/from/toml");

    /* An empty environment variable counts as unset. */
    setenv("OMENDB_PORT", "", 1);
    assert_int_equal(load(&cfg, &err, &help, NULL), 0);
    assert_int_equal(cfg.port, 6000);
    unsetenv("OMENDB_PORT");
    unsetenv("OMENDB_LOG_LEVEL");
}

static void test_config_file_choice(void **state)
{
    OmConfig cfg;
    OmError err;
    int help;
    write_file("omendb.toml", "port = 1111\n");
    write_file("a.toml", "port = 2222\n");
    write_file("b.toml", "port = 3333\n");

    setenv("OMENDB_CONFIG", "a.toml", 1);
    assert_int_equal(load(&cfg, &err, &help, NULL), 0);
    assert_int_equal(cfg.port, 2222);
    assert_string_equal(cfg.config_file, "a.toml");

    assert_int_equal(load(&cfg, &err, &help, "--config=b.toml", NULL), 0);
    assert_int_equal(cfg.port, 3333);
    assert_string_equal(cfg.config_file, "b.toml");
    unsetenv("OMENDB_CONFIG");

    /* A file named explicitly must exist. */
    assert_int_equal(load(&cfg, &err, &help, "--config", "missing.toml", NULL), -1);
    assert_non_null(strstr(err.message, "missing.toml"));
}

static void test_toml_syntax(void **state)
{
    write_file("ok.toml",
               "# OmenDB settings\r\n"
               "\n"
               "   data_dir = \"/tmp/x \\\"q\\\" \\\\ \\u00e9\\t\" # trailing comment\n"
               "\"listen_addresses\" = '127.0.0.1, ::1'\n"
               "port=6_543\n"
               "log_level = \"WARNING\"\t\n"
               "max_connections = +0x20\n"
               "map_size_mb = 0o17\n");
    /* +0x20 is not TOML (no sign on hex): fix that line and load again. */
    OmConfig cfg;
    OmError err;
    int help;
    assert_int_equal(load(&cfg, &err, &help, "--config", "ok.toml", NULL), -1);
    assert_non_null(strstr(err.message, "ok.toml:7:"));

    write_file("ok.toml",
               "# OmenDB settings\r\n"
               "\n"
               "   data_dir = \"/tmp/x \\\"q\\\" \\\\ \\u00e9\\t\" # trailing comment\n"
               "\"listen_addresses\" = '127.0.0.1, ::1'\n"
               "port=6_543\n"
               "log_level = \"WARNING\"\t\n"
               "max_connections = 0x20\n"
               "map_size_mb = 0o17"); /* no final newline */
    assert_int_equal(load(&cfg, &err, &help, "--config", "ok.toml", NULL), 0);
    assert_string_equal(cfg.data_dir, "/tmp/x \"q\" \\ \xc3\xa9\t");
    assert_string_equal(cfg.listen_addresses, "127.0.0.1, ::1");
    assert_int_equal(cfg.port, 6543);
    assert_string_equal(cfg.log_level, "WARNING");
    assert_int_equal(cfg.max_connections, 32);
    assert_int_equal(cfg.map_size_mb, 15);
}

static void test_toml_errors(void **state)
{
    expect_toml_error("port = 5433\nbogus = 1\n", "bad.toml:2: unknown key \"bogus\"");
    expect_toml_error("\n\n[server]\nport = 1\n", "bad.toml:3: tables");
    expect_toml_error("port = 1\nport = 2\n", "bad.toml:2: duplicate key \"port\"");
    expect_toml_error("port = \"5433\"\n", "bad.toml:1: port must be an integer");
    expect_toml_error("data_dir = 5\n", "bad.toml:1: data_dir must be a string");
    expect_toml_error("data_dir = true\n", "bad.toml:1: data_dir must be a string");
    expect_toml_error("data_dir = /x\n", "bad.toml:1: invalid value");
    expect_toml_error("data_dir = \"abc\n", "bad.toml:1: unterminated string");
    expect_toml_error("data_dir = \"a\\qb\"\n", "bad.toml:1: invalid escape sequence \"\\q\"");
    expect_toml_error("data_dir = \"\"\"x\"\"\"\n", "bad.toml:1: multi-line strings");
    expect_toml_error("port 5433\n", "bad.toml:1: expected '=' after key \"port\"");
    expect_toml_error("port =\n", "bad.toml:1: missing value");
    expect_toml_error("port = 5433 5434\n", "bad.toml:1: unexpected text after value");
    expect_toml_error("port = 54.33\n", "bad.toml:1: floating-point values are not supported");
    expect_toml_error("port = 1e3\n", "bad.toml:1: floating-point values are not supported");
    expect_toml_error("port = -inf\n", "bad.toml:1: floating-point values are not supported");
    expect_toml_error("port = 1979-05-27\n", "bad.toml:1: date and time values are not supported");
    expect_toml_error("data_dir = none\n", "bad.toml:1: invalid value (strings must be quoted)");
    expect_toml_error("port = 12abc\n", "bad.toml:1: invalid value \"12abc\" (strings must be quoted)");
    expect_toml_error("port = 05433\n", "bad.toml:1: invalid integer");
    expect_toml_error("port = 5__433\n", "bad.toml:1: invalid integer");
    expect_toml_error("port = [1]\n", "bad.toml:1: arrays are not supported");
    expect_toml_error("server.port = 1\n", "bad.toml:1: dotted keys are not supported");
    expect_toml_error("port = 99999999999999999999\n", "bad.toml:1: integer");
    expect_toml_error("# ok\n\nport = 0\n", "bad.toml:3: 0 is outside the valid range for port (1 .. 65535)");
    expect_toml_error("port = 65536\n", "outside the valid range");
    expect_toml_error("max_connections = 0\n", "bad.toml:1: 0 is outside the valid range for max_connections");
    expect_toml_error("log_level = \"loud\"\n", "bad.toml:1: invalid value for log_level: \"loud\"");
    expect_toml_error("data_dir = \"\"\n", "bad.toml:1: data_dir must not be empty");
    expect_toml_error("= 1\n", "bad.toml:1: expected a key");
}

static void test_flag_errors(void **state)
{
    OmConfig cfg;
    OmError err;
    int help;
    assert_int_equal(load(&cfg, &err, &help, "--bogus", "1", NULL), -1);
    assert_string_equal(err.message, "unrecognized option \"--bogus\"");
    assert_int_equal(load(&cfg, &err, &help, "--port", NULL), -1);
    assert_string_equal(err.message, "option \"--port\" requires a value");
    assert_int_equal(load(&cfg, &err, &help, "--port", "http", NULL), -1);
    assert_string_equal(err.message, "--port: invalid value for port: \"http\" (expected an integer)");
    assert_int_equal(load(&cfg, &err, &help, "--port=0", NULL), -1);
    assert_string_equal(err.message, "--port: 0 is outside the valid range for port (1 .. 65535)");
    assert_int_equal(load(&cfg, &err, &help, "--port=", NULL), -1);
    assert_int_equal(load(&cfg, &err, &help, "--map-size-mb", "0", NULL), -1);
    assert_int_equal(load(&cfg, &err, &help, "stray", NULL), -1);
    assert_string_equal(err.message, "unexpected argument \"stray\"");
    assert_int_equal(load(&cfg, &err, &help, "--log-level", "chatty", NULL), -1);

    setenv("OMENDB_MAX_CONNECTIONS", "many", 1);
    assert_int_equal(load(&cfg, &err, &help, NULL), -1);
    assert_string_equal(err.message,
                        "OMENDB_MAX_CONNECTIONS: invalid value for max_connections: \"many\" (expected an integer)");
    /* A flag does not rescue a bad environment variable: it is still an error. */
    unsetenv("OMENDB_MAX_CONNECTIONS");

    assert_int_equal(load(&cfg, &err, &help, "--listen-addresses", "*", "--data-dir", "/d",
                          "--map-size-mb", "64", NULL), 0);
    assert_string_equal(cfg.listen_addresses, "*");
    assert_string_equal(cfg.data_dir, "/d");
    assert_int_equal(cfg.map_size_mb, 64);
}

static void test_help(void **state)
{
    OmConfig cfg;
    OmError err;
    int help = 0;
    assert_int_equal(load(&cfg, &err, &help, "--port", "1", "--help", NULL), 0);
    assert_int_equal(help, 1);

    /* The help text names every setting with its flag, variable and key. */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cfg_print_help(f, "omendb");
    fclose(f);
    const char *want[] = {"--data-dir", "OMENDB_DATA_DIR", "data_dir", "--port", "OMENDB_PORT",
                          "--listen-addresses", "OMENDB_LISTEN_ADDRESSES", "listen_addresses",
                          "--log-level", "OMENDB_LOG_LEVEL", "log_level", "--max-connections",
                          "OMENDB_MAX_CONNECTIONS", "max_connections", "--map-size-mb",
                          "OMENDB_MAP_SIZE_MB", "map_size_mb", "--config", "OMENDB_CONFIG",
                          "5433", "1048576", "127.0.0.1", "./omendb-data"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(text, want[i])) fail_msg("help lacks %s", want[i]);
    free(text);
}

/* Session settings are found by binary search (settings.c): every one of
 * them, in any letter case, must be found under its own canonical name. */
static void test_session_settings_lookup(void **state)
{
    MemCtx *ctx = mem_ctx_create(NULL, "settings");
    SrvSettings *st = srv_settings_create(ctx, "postgres");
    for (int i = 0; i < srv_settings_count(); i++) {
        const char *name = srv_settings_name(i), *canon = NULL;
        char upper[128];
        size_t n = strlen(name);
        assert_true(n < sizeof upper);
        for (size_t k = 0; k <= n; k++) upper[k] = (char)(name[k] >= 'a' && name[k] <= 'z' ? name[k] - 32 : name[k]);
        OmError e = {0};
        assert_non_null(srv_settings_show(st, upper, &canon, &e));
        assert_string_equal(canon, name);
    }
    assert_int_equal(srv_settings_ms(st, "statement_timeout"), 0);
    mem_ctx_delete(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_precedence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_file_choice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_toml_syntax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_toml_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flag_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_help, setup, teardown),
        cmocka_unit_test(test_session_settings_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
