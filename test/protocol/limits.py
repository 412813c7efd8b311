#!/usr/bin/python3
"""limits.py - PostgreSQL 15's size limits, with its errors: 1,664 select-list
entries and 1,600 table columns (54011), a 100 MB query string accepted, and
(OmenDB only: PostgreSQL just logs it and closes) a startup packet with 10,000
parameters refused with an ErrorResponse before the close.

    limits.py [--engine omendb|postgresql] [--binary build/omendb] [CASE...]
"""

import os
import socket
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import pgmini  # noqa: E402
import caserunner  # noqa: E402

ENGINE = "omendb"


def eq(what, got, want):
    if got != want:
        raise AssertionError("%s: got %r, expected %r" % (what, got, want))


def one_error(c, sql):
    res = c.query(sql)
    errs = [r.error for r in res if r.error]
    if not errs:
        raise AssertionError("no error for %r..." % sql[:60])
    return errs[0]


def case_target_list(c, srv):
    res = c.query("SELECT " + ", ".join(str(i) for i in range(1664)))
    eq("error", res[0].error, None)
    eq("columns", len(res[0].columns), 1664)
    eq("last value", res[0].rows[0][-1], "1663")
    e = one_error(c, "SELECT " + ", ".join("1" for _ in range(1665)))
    eq("sqlstate", e.get("C"), "54011")
    eq("message", e.get("M"), "target lists can have at most 1664 entries")
    e = one_error(c, "SELECT " + ", ".join("1" for _ in range(70000)))
    eq("sqlstate 70000", e.get("C"), "54011")
    eq("session goes on", c.scalar("SELECT 1"), "1")


def case_columns(c, srv):
    e = one_error(c, "CREATE TABLE wide (" + ", ".join("c%d int" % i for i in range(1601)) + ")")
    eq("sqlstate", e.get("C"), "54011")
    eq("message", e.get("M"), "tables can have at most 1600 columns")
    e = one_error(c, "CREATE TABLE wide (" + ", ".join("c%d int" % i for i in range(2000)) + ")")
    eq("sqlstate 2000", e.get("C"), "54011")
    c.execute("CREATE TABLE wide (" + ", ".join("c%d int" % i for i in range(1600)) + ")")
    try:
        c.execute("INSERT INTO wide (c0, c1599) VALUES (1, 1599)")
        res = c.query("SELECT * FROM wide")
        eq("wide columns", len(res[0].columns), 1600)
        eq("wide last", res[0].rows[0][-1], "1599")
    finally:
        c.execute("DROP TABLE wide")


def case_large_query(c, srv):
    n = 100 << 20
    t0 = time.monotonic()
    eq("100 MB literal", c.scalar("SELECT length('" + "a" * n + "')"), str(n))
    print("     100 MB query in %.1fs" % (time.monotonic() - t0))
    eq("session goes on", c.scalar("SELECT 2"), "2")


def case_startup_many_parameters(c, srv):
    if ENGINE != "omendb":
        print("     skipped on PostgreSQL (it closes without an ErrorResponse)")
        return
    s = socket.create_connection((srv.host, srv.port), timeout=10)
    body = struct.pack("!I", 196608) + b"user\0postgres\0"
    body += b"".join(b"p%d\0v\0" % i for i in range(10000)) + b"\0"
    s.sendall(struct.pack("!I", len(body) + 4) + body)
    data, closed = pgmini.read_until_close(s, 10)
    s.close()
    if not closed:
        raise AssertionError("connection not closed")
    msgs = pgmini.split_messages(data)
    errs = [pgmini.parse_error_fields(p) for t, p in msgs if t == b"E"]
    if not errs:
        raise AssertionError("no ErrorResponse before the close (%r)" % data[:100])
    eq("severity", errs[0].get("S"), "FATAL")
    eq("sqlstate", errs[0].get("C"), "08P01")
    eq("message", errs[0].get("M"), "invalid length of startup packet")
    eq("server goes on", c.scalar("SELECT 3"), "3")


if __name__ == "__main__":
    sys.exit(caserunner.main(__doc__, globals(), connect_timeout=120))
