/*
 * binary_io_cases.h — the cases of binary_io.c (included there once).
 * Values are texts PostgreSQL accepts; received bytes are hex, spaces free.
 * Within a type the value cases come first: they decide whether the type is
 * skipped (input not implemented in this build).
 */

static const char *const bool_vals[] = {"true", "false"};
static const char *const int2_vals[] = {"0", "1", "-1", "32767", "-32768", "256"};
static const char *const int4_vals[] = {"0", "-2147483648", "2147483647", "42", "-65536"};
static const char *const int8_vals[] = {"-9223372036854775808", "9223372036854775807", "0", "-1", "4294967296"};
static const char *const float4_vals[] = {"0",        "-0",           "1.5",         "NaN",   "Infinity",
                                          "-Infinity", "3.4028235e38", "1e-45",       "0.1",   "-1.17549435e-38",
                                          "16777217",  "1e10",         "-123.456"};
static const char *const float8_vals[] = {"0",      "-0",     "NaN",      "Infinity",
                                          "-Infinity", "1.7976931348623157e308", "5e-324",
                                          "2.2250738585072014e-308", "0.1", "-123.456", "1e100", "9007199254740993"};
static const char *const numeric_vals[] = {
    "0",          "0.00",        "0.000001",    "-0.000001",     "1e-1000",     "-1e-1000",
    "123456789.123456789",       "-123456789.123456789",         "NaN",         "Infinity",
    "-Infinity",  "1",           "-1",          "9999",          "10000",       "10001",
    "99999999",   "100000000",   "1e20",        "-1e-20",        "0.1",         "0.0001",
    "0.00001",    "12345.6789",  "1.000000000000", "-0.5",       ".0000001234", "1e131071",
    "5e-16383",   "-0.00000000000000000000000000001", "3.14159265358979323846264338327950288419716939937510",
    "1000000000000000000000000000000000000000.0000000000000000000000000000000000000001",
    "170141183460469231731687303715884105727", "-170141183460469231731687303715884105728"};
static const char *const numeric_mod_vals[] = {"3.14159", "-99999999.99", "0", "12345678.005", "NaN"};
static const char *const text_vals[] = {"",   "hello", "h\xc3\xa9llo w\xc3\xb6rld \xe2\x98\x83 \xf0\x9f\x98\x80",
                                        "  spaces  ", "a\tb\nc", "\\x00"};
static const char *const date_vals[] = {"2000-01-01", "1999-12-31",    "infinity",   "-infinity", "4714-11-24 BC",
                                        "5874897-12-31", "0001-01-01", "1970-01-01", "2024-02-29", "0044-03-15 BC"};
static const char *const ts_vals[] = {"2000-01-01 00:00:00",    "infinity",
                                      "-infinity",              "4714-11-24 00:00:00 BC",
                                      "294276-12-31 23:59:59.999999", "1999-12-31 23:59:59.999999",
                                      "1970-01-01 00:00:00.5",  "2020-02-29 12:34:56.123456"};
static const char *const tstz_vals[] = {"2000-01-01 00:00:00+00",      "infinity",
                                        "-infinity",                   "4714-11-24 00:00:00+00 BC",
                                        "294276-12-31 23:59:59.999999+00", "2020-06-01 12:00:00+05:30",
                                        "1969-12-31 23:59:59.999999-08"};
static const char *const ts_mod_vals[] = {"2020-01-01 12:34:56.789", "1999-12-31 23:59:59.5", "infinity"};
static const char *const interval_vals[] = {"0",
                                            "1 day",
                                            "-1 day +02:03:04.5",
                                            "1 year -2 mons 3 days -04:05:06.789",
                                            "-178000000 years",
                                            "178000000 years",
                                            "-00:00:00.000001",
                                            "1 mon -1 day",
                                            "2147483647 days",
                                            "-2147483647 days"};
static const char *const bytea_vals[] = {"\\x", "\\x00ff10", "abc", "\\x0102030405060708090a0b0c0d0e0f10"};
static const char *const uuid_vals[] = {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00000000-0000-0000-0000-000000000000",
                                        "ffffffff-ffff-ffff-ffff-ffffffffffff"};
static const char *const json_vals[] = {"{\"a\": 1}", "[1, 2,   3]", "\"\xc3\xa9\"", "null", " {\"a\":{\"b\":[]}} "};
static const char *const jsonb_vals[] = {"{\"b\": 2, \"a\": [1, \"x\", null]}", "1.50", "\"\xc3\xa9\"", "[]",
                                         "{\"a\": {\"a\": 1, \"a\": 2}}"};
static const char *const time_vals[] = {"00:00:00", "23:59:59.999999", "24:00:00", "12:34:56.5"};
static const char *const timetz_vals[] = {"00:00:00+00", "12:34:56.789-05:30", "23:59:59+15:59", "24:00:00-15:59"};

#define VALUES(spec, arr)                                                                                          \
    for (size_t i_ = 0; i_ < sizeof arr / sizeof arr[0]; i_++) check_value(spec, arr[i_])

/* Received bytes: (type, hex). */
static const char *const recv_cases[][2] = {
    {"bool", ""}, {"bool", "01"}, {"bool", "00"}, {"bool", "02"}, {"bool", "ff"}, {"bool", "0100"},
    {"int2", ""}, {"int2", "00"}, {"int2", "8000"}, {"int2", "000102"},
    {"int4", "000000"}, {"int4", "80000000"}, {"int4", "0000000100"},
    {"int8", "00000000000000"}, {"int8", "8000000000000000"}, {"int8", "000000000000000000"},
    {"float4", "7fc00001"}, {"float4", "ff800000"}, {"float4", "80000000"}, {"float4", "00000001"},
    {"float4", "ffc00000"}, {"float4", "000000"}, {"float4", "0000000000"},
    {"float8", "fff8000000000000"}, {"float8", "7ff0000000000001"}, {"float8", "8000000000000000"},
    {"float8", "0000000000000001"}, {"float8", "00000000000000"},
    /* numeric: ndigits weight sign dscale digits… */
    {"numeric", ""}, {"numeric", "0000"}, {"numeric", "0000 0000 0000"},
    {"numeric", "0000 0000 0000 0000"},
    {"numeric", "0001 0000 0000 0000 0001"},
    {"numeric", "0002 0001 0000 0000 0000 0005"},          /* leading zero digit */
    {"numeric", "0002 0000 0000 0000 0005 0000"},          /* trailing zero digit */
    {"numeric", "0002 0000 0000 0001 0001 1234"},          /* dscale hides digits: truncated */
    {"numeric", "0002 0000 4000 0003 0001 1239"},
    {"numeric", "0001 ffff 0000 0000 1388"},               /* 0.5 with dscale 0 → 0 */
    {"numeric", "0001 0000 4000 0002 0000"},               /* -0.00 */
    {"numeric", "0000 0000 4000 0000"},
    {"numeric", "0000 0000 8000 0000"},                    /* bad signs */
    {"numeric", "0000 0000 c001 0000"},
    {"numeric", "0000 0000 e000 0000"},
    {"numeric", "0000 0000 0000 4000"},                    /* bad scale */
    {"numeric", "0000 0000 c000 ffff"},
    {"numeric", "0000 0000 0000 3fff"},
    {"numeric", "0001 0000 0000 0000 2710"},               /* bad digits */
    {"numeric", "0001 0000 0000 0000 ffff"},
    {"numeric", "0002 0000 0000 0000 0001 8000"},
    {"numeric", "0001 0000 c000 0000 0001"},               /* NaN: digits checked, ignored */
    {"numeric", "0001 0000 c000 0000 2710"},
    {"numeric", "0000 0005 d000 0003"},                    /* ±Infinity with junk weight/scale */
    {"numeric", "0000 fffb f000 0003"},
    {"numeric", "0000 0000 c000 0000"},
    {"numeric", "0002 0000 0000 0000 0001"},               /* a digit missing */
    {"numeric", "ffff 0000 0000 0000 0001"},
    {"numeric", "0000 0000 0000 0000 00"},                 /* a byte left over */
    {"numeric", "0001 7fff 0000 0000 0001"},               /* largest weight */
    {"numeric", "0001 7fff 4000 0000 270f"},
    {"numeric", "0001 8000 0000 3fff 0001"},               /* smallest weight: below the scale */
    {"numeric", "0001 f000 0000 3fff 0001"},
    {"numeric", "0003 fffe 0000 0008 0000 0012 0340"},
    {"text", ""}, {"text", "68c3a9"}, {"text", "c328"}, {"text", "6100"}, {"text", "ff"}, {"text", "e282"},
    {"text", "f09f9880"}, {"text", "eda080"},
    {"varchar", "616263"}, {"varchar", "c3"},
    {"bpchar", "61202020"}, {"bpchar", ""},
    {"date", "7fffffff"}, {"date", "80000000"}, {"date", "7fda970c"}, {"date", "7fda970d"},
    {"date", "ffda97a7"}, {"date", "ffda97a6"}, {"date", "000000"}, {"date", "0000000000"},
    {"timestamp", "7fffffffffffffff"}, {"timestamp", "8000000000000000"}, {"timestamp", "7fffff5bb3b29fff"},
    {"timestamp", "7fffff5bb3b2a000"}, {"timestamp", "fd0f7cc1411fa000"}, {"timestamp", "fd0f7cc1411f9fff"},
    {"timestamp", "00000000000000"},
    {"timestamptz", "7fffffffffffffff"}, {"timestamptz", "7fffff5bb3b2a000"}, {"timestamptz", "0000000000000001"},
    {"interval", "ffffffffffffffff ffffffff ffffffff"}, {"interval", "0000000000000000 00000000 00000001"},
    {"interval", "7fffffffffffffff 7fffffff 7fffffff"}, {"interval", "8000000000000000 80000000 80000000"},
    {"interval", "8000000000000000 00000000 00000000"}, {"interval", "0000000000000000 80000000 00000000"},
    {"interval", "0000000000000000 00000000 000000"},
    {"interval", "0000000000000000 00000000 0000000000"},
    {"time", "0000000000000000"}, {"time", "000000141dd76000"}, {"time", "000000141dd76001"},
    {"time", "ffffffffffffffff"}, {"time", "00000000000000"},
    {"timetz", "0000000000000000 0000e0ff"}, {"timetz", "0000000000000000 0000e100"},
    {"timetz", "0000000000000000 ffff1f00"}, {"timetz", "0000000000000000 ffff1f01"},
    {"timetz", "000000141dd76001"}, {"timetz", "0000000000000000"}, {"timetz", "000000141dd76000 00000000 00"},
    {"uuid", "a0eebc999c0b4ef8bb6d6bb9bd380a11"}, {"uuid", "a0eebc999c0b4ef8bb6d6bb9bd380a"},
    {"uuid", "a0eebc999c0b4ef8bb6d6bb9bd380a1100"}, {"uuid", ""},
    {"bytea", ""}, {"bytea", "00ff"},
    {"json", "7b7d"}, {"json", "7b"}, {"json", "c328"}, {"json", ""},
    {"jsonb", "017b7d"}, {"jsonb", "027b7d"}, {"jsonb", ""}, {"jsonb", "01"}, {"jsonb", "015b312c20325d"},
};

/* A numeric text of n digits, all d, with frac digits after the point. */
static const char *digits(int n, char d, int frac, bool neg)
{
    char *s = mem_alloc(ctx, (size_t)n + 3);
    char *p = s;
    if (neg) *p++ = '-';
    for (int i = 0; i < n; i++) {
        if (i == n - frac) *p++ = '.';
        *p++ = d;
    }
    *p = '\0';
    return s;
}

static void run_cases(void)
{
    VALUES("bool", bool_vals);
    VALUES("int2", int2_vals);
    VALUES("int4", int4_vals);
    VALUES("int8", int8_vals);
    VALUES("float4", float4_vals);
    VALUES("float8", float8_vals);
    VALUES("numeric", numeric_vals);
    check_value("numeric", digits(1000, '9', 0, false));
    check_value("numeric", digits(1000, '7', 500, true));
    check_value("numeric", digits(131072, '9', 0, false)); /* the largest integer part */
    check_value("numeric", digits(16383, '3', 16383, false)); /* the largest scale */
    {
        char *s = mem_alloc(ctx, 1002);
        s[0] = '1';
        memset(s + 1, '0', 999);
        s[1000] = '\0';
        check_value("numeric", s);
    }
    VALUES("numeric(10,2)", numeric_mod_vals);
    VALUES("numeric(5,-2)", ((const char *const[]){"12345", "-99949"}));
    VALUES("numeric(3)", ((const char *const[]){"123.5", "-0.4"}));
    VALUES("text", text_vals);
    VALUES("varchar", text_vals);
    VALUES("varchar(3)", ((const char *const[]){"ab", "abc  ", "\xc3\xa9\xc3\xa9\xc3\xa9"}));
    VALUES("bpchar", text_vals);
    VALUES("bpchar(5)", ((const char *const[]){"ab", "", "\xc3\xa9", "abcde   "}));
    VALUES("date", date_vals);
    VALUES("timestamp", ts_vals);
    VALUES("timestamp(0)", ts_mod_vals);
    VALUES("timestamp(3)", ts_mod_vals);
    VALUES("timestamptz", tstz_vals);
    VALUES("timestamptz(1)", ts_mod_vals);
    VALUES("interval", interval_vals);
    VALUES("bytea", bytea_vals);
    VALUES("uuid", uuid_vals);
    VALUES("json", json_vals);
    VALUES("jsonb", jsonb_vals);
    VALUES("time", time_vals);
    VALUES("time(2)", ((const char *const[]){"12:34:56.789", "23:59:59.999"}));
    VALUES("timetz", timetz_vals);
    for (size_t i = 0; i < sizeof recv_cases / sizeof recv_cases[0]; i++)
        check_recv(recv_cases[i][0], recv_cases[i][1]);
}
