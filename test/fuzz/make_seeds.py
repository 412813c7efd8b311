#!/usr/bin/python3
"""make_seeds.py — write the hand-made seed inputs of each harness into
test/fuzz/corpus/<harness>/seed-*.

The seeds give libFuzzer a start that already passes the first checks of
each parser (valid startup packets, rows in the row codec format, catalog
records, SQL statements of the test suite). Everything else in corpus/ was
found by fuzzing and kept by `-merge=1` (README.md).

    test/fuzz/make_seeds.py            # (re)write every seed-* file
    test/fuzz/make_seeds.py --check    # exit 1 if a seed file is missing or differs

Standard library only (Debian's /usr/bin/python3).
"""
import hashlib
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# ---------------------------------------------------------------- wire


def startup(params, version=196608):
    body = struct.pack(">I", version)
    for k, v in params:
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack(">I", len(body) + 4) + body


def msg(t, body):
    return t.encode() + struct.pack(">I", len(body) + 4) + body


def query(sql):
    return msg("Q", sql.encode() + b"\0")


def wire_seeds():
    ssl = struct.pack(">II", 8, 80877103)
    gss = struct.pack(">II", 8, 80877104)
    cancel = struct.pack(">IIII", 16, 80877102, 1234, 5678)
    base = [("user", "postgres"), ("database", "postgres")]
    full = base + [("application_name", "psql\x01é"), ("options", "-c search_path=x"),
                   ("client_encoding", "UTF8"), ("DateStyle", "ISO, MDY")]
    s = {}
    s["startup"] = startup(base)
    s["startup-full"] = startup(full)
    s["startup-pq-options"] = startup(base + [("_pq_.foo", "1"), ("_pq_.bar", "x")], 196609)
    s["startup-no-user"] = startup([("database", "postgres")])
    s["startup-long-user"] = startup([("user", "u" * 100), ("database", "d" * 70)])
    s["startup-v2"] = startup(base, 131072)
    s["startup-v4"] = startup(base, 262144)
    s["startup-no-terminator"] = startup(base)[:-1]
    s["startup-missing-value"] = struct.pack(">II", 13, 196608) + b"user\0"
    s["ssl-startup"] = ssl + startup(base)
    s["gss-ssl-startup"] = gss + ssl + startup(base)
    s["ssl-ssl"] = ssl + ssl
    s["cancel"] = cancel
    s["bad-length"] = struct.pack(">II", 4, 196608)
    s["huge-length"] = struct.pack(">II", 10001, 196608)
    after = startup(base)
    s["queries"] = after + query("SELECT 1") + query("") + query("SELECT 'é'") + msg("X", b"")
    s["query-bad-utf8"] = after + msg("Q", b"SELECT '\xc3\x28'\0")
    s["query-two-strings"] = after + msg("Q", b"SELECT 1\0SELECT 2\0")
    s["query-no-nul"] = after + msg("Q", b"SELECT 1")
    s["sync-flush-bad-type"] = after + msg("S", b"") + msg("H", b"") + msg("z", b"")
    s["small-msg-too-long"] = after + b"X" + struct.pack(">I", 10001)
    s["msg-len-3"] = after + b"Q" + struct.pack(">I", 3)
    s["parse-bind"] = after + msg("P", b"\0SELECT $1\0\0\0") + msg("B", b"\0\0\0\0\0\0\0\0") + msg("E", b"\0\0\0\0\0")
    return s

# ---------------------------------------------------------------- rows


def varint(v):
    out = b""
    while v >= 0x80:
        out += bytes([(v & 0x7F) | 0x80])
        v >>= 7
    return out + bytes([v])


def row(types, values):
    """Encode a row: types are 'b','h','i','q','f','d','s'; None = NULL."""
    n = len(values)
    bitmap = bytearray((n + 7) // 8)
    body = b""
    for c, (t, v) in enumerate(zip(types, values)):
        if v is None:
            bitmap[c >> 3] |= 1 << (c & 7)
            continue
        if t == "b":
            body += bytes([1 if v else 0])
        elif t in "hiq":
            body += struct.pack("<" + t, v)
        elif t in "fd":
            body += struct.pack("<" + t, v)
        else:
            b = v.encode() if isinstance(v, str) else v
            body += varint(len(b)) + b
    return b"\x01" + varint(n) + bytes(bitmap) + body


def pstr(s):
    b = s.encode()
    return struct.pack(">I", len(b)) + b


# pg_type OIDs of the column types
OID = {"bool": 16, "int8": 20, "int2": 21, "int4": 23, "text": 25, "float4": 700, "float8": 701,
       "bpchar": 1042, "varchar": 1043, "numeric": 1700}


def catalog(oid, name, cols, pk=(), pk_name=None, uniq=()):
    """cols: (name, type, typmod, flags, default_text or None)."""
    out = b"\x01" + struct.pack(">I", oid) + pstr("postgres") + pstr("public") + pstr(name)
    out += struct.pack(">H", len(cols))
    for cname, ctype, typmod, flags, default in cols:
        out += pstr(cname) + struct.pack(">Ii", OID[ctype], typmod) + bytes([flags])
        if default is not None:
            out += pstr(default)
    out += struct.pack(">H", len(pk)) + b"".join(struct.pack(">H", c) for c in pk)
    out += (b"\x01" + pstr(pk_name)) if pk_name else b"\x00"
    out += struct.pack(">H", len(uniq))
    for uname, ucols in uniq:
        out += pstr(uname) + struct.pack(">H", len(ucols)) + b"".join(struct.pack(">H", c) for c in ucols)
    return out


def rowcodec_seeds():
    s = {}
    all7 = "bhiqfds"
    s["row-all7"] = row(all7, [True, -2, 123456, -(2**62), 1.5, -2.25, "héllo"])
    s["row-all7-nulls"] = row(all7, [None, 1, None, 3, None, 5.0, None])
    s["row-all7-short"] = row(all7[:3], [False, 7, None])
    s["row-str"] = row("s", ["x" * 200])
    s["row-t"] = row("isdbqs", [1, "one", 1.5, True, 10, "a"])
    s["row-9"] = row("ssshbfqsb", ["a", "", None, -1, True, float("inf"), 2**63 - 1, "z", False])
    s["row-empty"] = row("", [])
    s["row-40"] = row((all7 * 6)[:40], [None if c % 3 == 0 else
                                        {"b": True, "h": 5, "i": 6, "q": 7, "f": 0.5, "d": 0.25, "s": "s"}[all7[c % 7]]
                                        for c in range(40)])
    t_cols = [("id", "int4", -1, 1, None), ("a", "text", -1, 0, None), ("b", "float8", -1, 2, None),
              ("c", "bool", -1, 3, "true"), ("d", "int8", -1, 0, None), ("e", "varchar", 5, 0, None)]
    cat_t = catalog(16384, "t", t_cols, pk=(0,), pk_name="t_pkey")
    u_cols = [("k", "text", -1, 1, None), ("v", "int4", -1, 0, None), ("w", "int2", -1, 3, "7"),
              ("x", "float4", -1, 0, None), ("y", "bpchar", 3, 0, None),
              ("z", "numeric", (10 << 16) | 2, 0, None)]
    cat_u = catalog(16390, "u", u_cols, pk=(0,), pk_name="u_pkey", uniq=[("u_v_key", (1,)), ("u_w_x_key", (2, 3))])
    cat_n = catalog(16400, "nokey", [("a", "int2", -1, 0, None)])
    s["cat-t"] = cat_t
    s["cat-u"] = cat_u
    s["cat-nokey"] = cat_n
    s["catrow-t"] = struct.pack(">H", len(cat_t)) + cat_t + row("isdbqs", [1, "one", 1.5, True, 10, "a"])
    s["catrow-u"] = struct.pack(">H", len(cat_u)) + cat_u + row("sihfss", ["x", 1, 1, 1.25, "ab ", "12.50"])
    s["catrow-nokey"] = struct.pack(">H", len(cat_n)) + cat_n + row("h", [None])
    # key order: two rows of layout 0 (null byte, then values; strings: length byte)
    def keyrow(nulls, b, h, i, q, f, d, st):
        sb = st.encode()
        return bytes([nulls, b]) + struct.pack(">hiqIQ", h, i, q, f, d) + bytes([len(sb)]) + sb
    s["keys-ints"] = keyrow(0, 1, -1, 5, -7, 0x3F800000, 0x3FF0000000000000, "ab") + \
        keyrow(0, 0, 1, -5, 7, 0xBF800000, 0x8000000000000000, "a\0")
    s["keys-nan-zero"] = keyrow(0x10, 1, 0, 0, 0, 0x7FC00000, 0x7FF8000000000001, "") + \
        keyrow(0, 1, 0, 0, 0, 0x80000000, 0x0000000000000000, "\0\xff")
    return s

# ---------------------------------------------------------------- types

# OmTypeId order (src/types/types.h); types are only ever appended there.
TYPES = ["null", "bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text", "varchar", "bpchar",
         "unknown", "date", "timestamp", "timestamptz", "interval"]


def tseed(frm, to, values, fkind=0, tkind=0, cc=2, p1=0, p2=0, sel=False):
    """fuzz_types input: source, target, flags, two typmod parameters, values."""
    flags = fkind | (tkind << 2) | (cc << 4) | (0x40 if sel else 0)
    head = bytes([TYPES.index(frm), TYPES.index(to), flags, p1, p2])
    return head + b"\x1f".join(v.encode() if isinstance(v, str) else v for v in values)


def types_seeds():
    s = {}
    ints = ["0", "-32768", "32767", "2147483647", "-2147483648", " 42 ", "+7", "9223372036854775807",
            "-9223372036854775808", "99999999999999999999", "1e3", "abc", ""]
    floats = ["1.5", "-0", "NaN", "Infinity", "-inf", "1e308", "1e-320", "3.4028235e38", "1e39", "0x1p3",
              "  2.5  ", ".5", "5.", "1e", "nan(123)"]
    nums = ["12.345", "-0.005", "NaN", "Infinity", "1e100", "1e-100", "0.0000", "123456789012345678901234567890",
            "-.5", "1.", "+1e+3", "12e", "Inf", "-Infinity", "0.1", "0.10", "-12.5", "-12.50"]
    strs = ["", "abc", "héllo wörld", "abc   ", "  x", "ééééé", "toolongvalue", "\xc3", "日本語テキスト"]
    bools = ["t", "TRUE", "false", " yes ", "n", "on", "off", "1", "0", "maybe", "o"]
    dates = ["2024-02-29", "1999-01-08", "January 8, 1999", "1/8/1999", "19990108", "epoch", "infinity",
             "-infinity", "4714-11-24 BC", "5874897-12-31", "2023-02-30", "today", "0001-01-01 BC", "99-1-1"]
    stamps = ["2024-02-29 12:34:56.789", "1999-01-08 04:05:06+02", "2000-01-01T00:00:00Z", "epoch", "infinity",
              "294276-12-31 23:59:59.999999", "4713-11-24 00:00:00 BC", "2024-03-10 02:30 America/New_York",
              "2024-01-01 24:00:00", "2024-01-01 12:00:00.1234567", "J2451187", "allballs", "now"]
    ivals = ["1 day", "1 mon 2 days 03:04:05.678", "-1 year +2 months", "P1Y2M3DT4H5M6.7S", "PT0.000001S",
             "@ 1 hour ago", "2148541213:15:45.000448", "1.5 weeks", "178000000 years", "00:00:00.0000005",
             "1 millennium 1 century 1 decade", "10:61", "-00:00:01", "3 4:05:06", "1-2"]
    for to in TYPES:
        s["int4-" + to] = tseed("int4", to, ints, cc=2)
        s["float8-" + to] = tseed("float8", to, floats, cc=1)
        s["text-" + to] = tseed("text", to, ints[:6] + floats[:6] + bools[:4] + strs + dates[:3] + ivals[:3],
                                cc=2, tkind=1, p1=4, p2=3)
        s["numeric-" + to] = tseed("numeric", to, nums, fkind=1, p1=9, p2=5, cc=2)
    for frm, vals in (("date", dates), ("timestamp", stamps), ("timestamptz", stamps), ("interval", ivals)):
        for to in ("text", "date", "timestamp", "timestamptz", "interval", "varchar"):
            s["%s-%s" % (frm, to)] = tseed(frm, to, vals, fkind=1, tkind=1, p1=3, p2=2, cc=2)
    s["interval-ranges"] = tseed("interval", "interval", ivals, fkind=2, tkind=3, p1=9, p2=4, cc=1)
    s["bool-int4"] = tseed("bool", "int4", bools, cc=2)
    s["bool-text"] = tseed("bool", "varchar", bools, cc=1, tkind=1, p1=3)
    s["int2-int8"] = tseed("int2", "int8", ints, cc=0, sel=True)
    s["int8-int2"] = tseed("int8", "int2", ints, cc=1)
    s["float4-float8"] = tseed("float4", "float8", floats, cc=0)
    s["float8-float4"] = tseed("float8", "float4", floats, cc=1)
    s["bpchar-varchar"] = tseed("bpchar", "varchar", strs, fkind=1, tkind=1, p1=5, cc=2, sel=True)
    s["varchar-bpchar"] = tseed("varchar", "bpchar", strs, fkind=1, tkind=1, p1=3, cc=1)
    s["unknown-unknown"] = tseed("unknown", "unknown", strs, cc=0)
    s["null-int4"] = tseed("null", "int4", ["", "x"], cc=0)
    s["numeric-wide"] = tseed("numeric", "numeric", nums, fkind=3, tkind=2, p1=200, p2=40, cc=1)
    s["lookup-varchar"] = tseed("text", "text", ["varchar", "x"], p1=0x11)
    s["lookup-numeric"] = tseed("text", "text", ["numeric", "1"], p1=0x52)
    s["lookup-interval"] = tseed("text", "text", ["interval", "1"], p1=0x1A)
    s["float-bits"] = struct.pack("<dfI", 0.1, 3e10, 0) + b"\x1f0.1"
    return s


# ---------------------------------------------------------------- numeric


def numeric_seeds():
    s = {}
    vals = [["1", "2"], ["12.345", "-0.005"], ["99999999999999999999999999999999999999", "1"],
            ["123456789012345678901234567890.123456789", "-987654321098765432109876543210.987654321"],
            ["NaN", "1"], ["Infinity", "-Infinity"], ["0", "0"], ["0.0000000001", "1e20"], ["2", "0.5"],
            ["1.000001", "1000000"], ["-8", "0.3333333333333333"], ["10", "-3"], ["1e-100", "1e100"],
            ["7", "0"], ["170141183460469231731687303715884105727", "2"], ["-1", "3.5"], ["1", "1e3"]]
    for n, (a, b) in enumerate(vals):
        for ops in (0x0F, 0xF0, 0x7F):
            s["pair-%02d-%02x" % (n, ops)] = bytes([ops, n * 13 % 256]) + (a + "\x1f" + b).encode()
    s["four"] = bytes([0xFF, 3]) + "\x1f".join(["1.5", "-2.25", "1e40", "0.000001"]).encode()
    s["bad"] = bytes([0xFF, 0]) + b"abc\x1f1e\x1f--1\x1f.\x1f1e999999"
    return s

# ---------------------------------------------------------------- sql

HANDMADE_SQL = [
    "SELECT * FROM t",
    "SELECT * FROM u ORDER BY k DESC",
    "SELECT id, a || 'x', b * 2, NOT c, d + 1, e FROM t WHERE id > 2 ORDER BY b NULLS FIRST LIMIT 3 OFFSET 1",
    "SELECT count(*), 1 FROM t WHERE a IS NOT NULL AND b BETWEEN -10 AND 10",
    "INSERT INTO t VALUES (10, 'ten', 1e-5, NULL, 1, 'abcde'); SELECT * FROM t WHERE id = 10",
    "INSERT INTO t (id, e) VALUES (11, 'toolong')",
    "INSERT INTO t VALUES (1, 'dup', 0, true, 0, '')",
    "UPDATE t SET id = id + 100, a = upper(a) WHERE c; SELECT * FROM t",
    "UPDATE u SET v = v + 1 RETURNING *",
    "DELETE FROM t WHERE b < 0 OR b IS NULL; SELECT count(*) FROM t",
    "DELETE FROM u WHERE k = 'x'",
    "SELECT CASE WHEN b > 1 THEN 'big' WHEN b < 0 THEN 'neg' ELSE NULL END, COALESCE(a, e, 'none') FROM t",
    "SELECT CAST(d AS int), d::smallint, b::real, b::numeric(5,1), e::char(2), c::int FROM t",
    "SELECT 9223372036854775807 + 1",
    "SELECT -2147483648 / -1, 7 % -3, 2 ^ 10, abs(-5), length('héllo')",
    "SELECT 'NaN'::float8 = 'NaN'::float8, 0.1 + 0.2, 1e308 * 10, '-0'::real",
    "SELECT lower(a), upper(e), char_length(a), octet_length(a) FROM t ORDER BY 1",
    "CREATE TABLE x (a int, b text UNIQUE, PRIMARY KEY (a)); INSERT INTO x VALUES (1, 'a'), (2, 'a')",
    "CREATE TABLE IF NOT EXISTS t (z int)",
    "DROP TABLE IF EXISTS t, nope; SELECT * FROM t",
    "SAVEPOINT s; ROLLBACK TO s; RELEASE s",
    "COMMIT; SELECT 1",
    "ROLLBACK; INSERT INTO t VALUES (20, 'x', 0, true, 0, 'x'); BEGIN; SELECT * FROM t",
    "SELECT 1; SELECT 1/0; SELECT 2",
    "",
    ";;;",
    "SELECT $1",
    "VALUES (1, 'a'), (2, 'b') ORDER BY 1 DESC",
    "SELECT * FROM (SELECT id FROM t) s JOIN u ON true",
    "SELECT ((((((((((((1))))))))))))",
    "SELECT 'a' LIKE 'a%', 'abc' ILIKE '_B_', 1 IN (1, 2, NULL), 3 NOT IN (1, NULL)",
    "SELECT id FROM t WHERE e = 'bb' AND a <> 'x' OR NOT (d >= 0)",
    "SELECT * FROM t ORDER BY a COLLATE \"C\", e DESC NULLS LAST",
    "EXPLAIN SELECT * FROM t",
    "SHOW server_version",
    "SET application_name = 'x'",
]


def test_records(path):
    """(kind, sql) for each record of a sqllogictest file."""
    recs = []
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("statement") or line.startswith("query"):
            kind = line.split()[0] + (" ok" if line.startswith("statement ok") else "")
            sql = []
            i += 1
            while i < len(lines) and lines[i].strip() and lines[i] != "----":
                sql.append(lines[i])
                i += 1
            if sql:
                recs.append((kind, "\n".join(sql)))
        i += 1
    return recs


def sql_seeds():
    s = {}
    for n, q in enumerate(HANDMADE_SQL):
        s["hand-%02d" % n] = q
    files = []
    for d, _, fs in os.walk(os.path.join(ROOT, "test", "sql")):
        for f in fs:
            if f.endswith(".test"):
                files.append(os.path.join(d, f))
    candidates = []
    for f in sorted(files):
        creates = {}
        inserts = []
        area = os.path.basename(os.path.dirname(f)) + "-" + os.path.basename(f)[:-5]
        for n, (kind, sql) in enumerate(test_records(f)):
            low = sql.lstrip().lower()
            m = re.match(r"create table (?:if not exists )?(\w+)", low)
            if kind == "statement ok" and m:
                creates[m.group(1)] = sql
                inserts = [x for x in inserts if not re.match(r"insert into %s\b" % m.group(1), x.lower())]
                continue
            # The tables the statement names, created (and filled) first.
            prefix = [c for t, c in creates.items() if re.search(r"\b%s\b" % re.escape(t), low)]
            prefix += [x for x in inserts if any(re.search(r"\b%s\b" % re.escape(t), x.lower())
                                                 for t in creates if re.search(r"\b%s\b" % re.escape(t), low))]
            text = ";\n".join(prefix + [sql])
            if len(text) <= 1800:
                candidates.append(("%s-%03d" % (area, n), text))
            if kind == "statement ok" and low.startswith("insert"):
                inserts.append(sql)
    # About 65 of them, spread over every file.
    step = max(1, len(candidates) // 65)
    for name, text in candidates[::step]:
        s[name] = text
    for f in ("session.sql", "errors.sql"):
        stmts = []
        for line in open(os.path.join(ROOT, "test", "psql", f), encoding="utf-8"):
            if line.startswith("\\"):
                continue
            stmts.append(line.rstrip("\n"))
        text = "\n".join(stmts)
        for n, st in enumerate(x.strip() for x in text.split(";")):
            if st and n % 3 == 0:
                s["psql-%s-%02d" % (f[:-4], n)] = st
    return {k: v.encode() for k, v in s.items()}

# ---------------------------------------------------------------- LIKE

LIKE_ALPHABET = ["a", "b", "A", "B", "%", "_", "\\", "X", "x", "é", "É", "日", "😀", "%", "_", "a"]
LIKE_ESCAPES = {None: 0, "": 1, "\\": 2, "X": 3, "%": 4, "_": 5, "é": 6, "ab": 7}


def like_seed(flags, esc, pat, subj):
    """fuzz_like's input: flags | escape << 1, pattern symbols, 0xFF, subject symbols."""
    def enc(s):
        out, i = [], 0
        while i < len(s):
            k = next(k for k, sym in enumerate(LIKE_ALPHABET) if s.startswith(sym, i))
            out.append(k)
            i += len(LIKE_ALPHABET[k])
        return bytes(out)
    return bytes([flags | (LIKE_ESCAPES[esc] << 1)]) + enc(pat) + b"\xff" + enc(subj)


def like_seeds():
    cases = [(0, None, "a%b", "axxb"), (1, None, "A%b", "axxB"), (0, None, "%a%a%a%b", "aaaaaaaaaa"),
             (16, None, "%a_%b", "ab"), (0, None, "a\\", "ab"), (0, None, "%_\\", "a"), (0, "X", "%bX", "abx"),
             (0, "", "a\\%", "a\\x"), (0, "%", "a%%b", "a%b"), (0, "_", "a__b", "a_b"), (0, "é", "aéé%b", "aé%b"),
             (0, "ab", "a", "a"), (0, None, "_日_", "a日b"), (1, None, "%É%", "xéa"), (16, None, "%ab%ab_", "ababab"),
             (0, None, "%😀", "ab😀"), (2, None, "a%X%_\\", "aXbXx")]
    return {"%02d" % i: like_seed(*c) for i, c in enumerate(cases)}

# ---------------------------------------------------------------- main


def main():
    check = "--check" in sys.argv
    bad = 0
    sets = {"fuzz_wire_startup": wire_seeds(), "fuzz_rowcodec": rowcodec_seeds(),
            "fuzz_types": types_seeds(), "fuzz_sql": sql_seeds(), "fuzz_numeric": numeric_seeds(),
            "fuzz_like": like_seeds()}
    for h, seeds in sets.items():
        d = os.path.join(HERE, "corpus", h)
        os.makedirs(d, exist_ok=True)
        for name, data in seeds.items():
            path = os.path.join(d, "seed-" + re.sub(r"[^A-Za-z0-9_.-]", "_", name))
            if check:
                if not os.path.exists(path) or open(path, "rb").read() != data:
                    print("make_seeds: %s differs" % path)
                    bad = 1
                continue
            with open(path, "wb") as f:
                f.write(data)
        if not check:
            print("make_seeds: %s: %d seeds" % (h, len(seeds)))
    return bad


if __name__ == "__main__":
    sys.exit(main())
