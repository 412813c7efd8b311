#!/usr/bin/python3
"""simple_query.py - the simple Query flow at the message level, checked
against what PostgreSQL 15 sends: several statements in one message, empty
queries, an error stopping the rest of a message, ReadyForQuery status
(I/T/E), RowDescription type OIDs/sizes/typmods, NULLs in DataRow, command
tags, ErrorResponse fields with position, NoticeResponse, Terminate, and
results bigger than one executor batch.

    simple_query.py [--engine omendb|postgresql] [--binary build/omendb] [CASE...]
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import pgmini  # noqa: E402
import caserunner  # noqa: E402


def eq(what, got, want):
    if got != want:
        raise AssertionError("%s: got %r, expected %r" % (what, got, want))


def ok_results(res):
    for r in res:
        if r.error:
            raise AssertionError("unexpected error %s: %s" % (r.error.get("C"), r.error.get("M")))
    return res


def case_multi_statement(c):
    res = ok_results(c.query("SELECT 1; SELECT 2 AS b, NULL AS n; SELECT 'x' WHERE false"))
    eq("result count", len(res), 3)
    eq("rows 1", res[0].rows, [["1"]])
    eq("rows 2", res[1].rows, [["2", None]])
    eq("rows 3", res[2].rows, [])
    eq("tags", [r.tag for r in res], ["SELECT 1", "SELECT 1", "SELECT 0"])
    eq("column names", [col[0] for col in res[1].columns], ["b", "n"])
    eq("status", c.status, b"I")


def case_empty_query(c):
    for q in ("", "   ", ";", "\n;\n"):
        res = c.query(q)
        eq("empty query %r" % q, [(r.empty, r.error) for r in res], [(True, None)])
        eq("status", c.status, b"I")


def case_error_stops_message(c):
    res = c.query("SELECT 1; SELECT 1/0; SELECT 3")
    eq("result count", len(res), 2)
    eq("rows", res[0].rows, [["1"]])
    eq("error", res[1].error.get("C"), "22012")
    eq("status", c.status, b"I")
    res = c.query("SELECT 4")
    eq("next query", res[0].rows, [["4"]])


def case_transaction_status(c):
    c.query("BEGIN")
    eq("after BEGIN", c.status, b"T")
    c.query("SELECT 1")
    eq("in block", c.status, b"T")
    res = c.query("SELECT 1/0")
    eq("error", res[0].error.get("C"), "22012")
    eq("after error", c.status, b"E")
    res = c.query("SELECT 1")
    eq("failed block", res[0].error.get("C"), "25P02")
    eq("still failed", c.status, b"E")
    res = c.query("ROLLBACK")
    eq("rollback tag", res[0].tag, "ROLLBACK")
    eq("after ROLLBACK", c.status, b"I")
    res = c.query("BEGIN; SELECT 1")
    eq("BEGIN in a message", c.status, b"T")
    res = c.query("COMMIT")
    eq("after COMMIT", c.status, b"I")


def case_row_description(c):
    res = ok_results(c.query(
        "SELECT 1::int2 AS a, 1 AS b, 1::int8 AS c, 1::real AS d, 1::float8 AS e, true AS f, "
        "'x'::text AS g, 'x'::varchar(3) AS h, 'x'::char(2) AS i"))
    cols = [(col[0], col[3], col[4], col[5], col[6]) for col in res[0].columns]
    eq("RowDescription", cols, [
        ("a", 21, 2, -1, 0), ("b", 23, 4, -1, 0), ("c", 20, 8, -1, 0), ("d", 700, 4, -1, 0),
        ("e", 701, 8, -1, 0), ("f", 16, 1, -1, 0), ("g", 25, -1, -1, 0), ("h", 1043, -1, 7, 0),
        ("i", 1042, -1, 6, 0)])
    eq("DataRow", res[0].rows, [["1", "1", "1", "1", "1", "t", "x", "x", "x "]])
    ok_results(c.query("CREATE TABLE sq_rd (a smallint, b varchar(10), c char(4), d boolean)"))
    res = ok_results(c.query("SELECT * FROM sq_rd"))
    cols = [(col[0], col[3], col[4], col[5]) for col in res[0].columns]
    eq("table RowDescription", cols, [("a", 21, 2, -1), ("b", 1043, -1, 14), ("c", 1042, -1, 8),
                                      ("d", 16, 1, -1)])
    eq("empty table tag", res[0].tag, "SELECT 0")
    ok_results(c.query("DROP TABLE sq_rd"))


def case_command_tags(c):
    stmts = [
        ("CREATE TABLE sq_t (id int PRIMARY KEY, v text)", "CREATE TABLE"),
        ("INSERT INTO sq_t VALUES (1, 'a'), (2, NULL)", "INSERT 0 2"),
        ("SELECT * FROM sq_t", "SELECT 2"),
        ("UPDATE sq_t SET v = 'b' WHERE id = 2", "UPDATE 1"),
        ("DELETE FROM sq_t WHERE id = 1", "DELETE 1"),
        ("SELECT count(*) FROM sq_t", "SELECT 1"),
        ("BEGIN", "BEGIN"), ("COMMIT", "COMMIT"),
        ("START TRANSACTION", "START TRANSACTION"), ("ROLLBACK", "ROLLBACK"),
        ("DROP TABLE sq_t", "DROP TABLE"),
    ]
    for sql, tag in stmts:
        res = ok_results(c.query(sql))
        eq(sql, res[0].tag, tag)


def case_null_and_empty_values(c):
    res = ok_results(c.query("SELECT NULL::int, '', NULL::text, 'a'"))
    eq("values", res[0].rows, [[None, "", None, "a"]])


def case_error_fields(c):
    res = c.query("SELECT * FROM nope")
    e = res[0].error
    eq("severity", (e.get("S"), e.get("V")), ("ERROR", "ERROR"))
    eq("code", e.get("C"), "42P01")
    eq("message", e.get("M"), 'relation "nope" does not exist')
    eq("position", e.get("P"), "15")
    res = c.query("SELEC 1")
    eq("syntax error", (res[0].error.get("C"), res[0].error.get("P")), ("42601", "1"))
    res = c.query("SELECT 1,\n  2 +")
    eq("syntax error at end", (res[0].error.get("C"), res[0].error.get("M"), res[0].error.get("P")),
       ("42601", "syntax error at end of input", "16"))
    res = c.query("SELECT 'x'::int")
    eq("bad literal", (res[0].error.get("C"), res[0].error.get("P")), ("22P02", "8"))


def case_notice(c):
    c.notices.clear()
    res = ok_results(c.query("DROP TABLE IF EXISTS sq_nope"))
    eq("tag", res[0].tag, "DROP TABLE")
    eq("notice", [(n.get("S"), n.get("C"), n.get("M")) for n in c.notices],
       [("NOTICE", "00000", 'table "sq_nope" does not exist, skipping')])


def case_big_result(c):
    n = 5000
    values = ",".join("(%d, 'row %d')" % (i, i) for i in range(n))
    ok_results(c.query("CREATE TABLE sq_big (id int PRIMARY KEY, v text)"))
    res = ok_results(c.query("INSERT INTO sq_big VALUES " + values))
    eq("insert tag", res[0].tag, "INSERT 0 %d" % n)
    res = ok_results(c.query("SELECT id, v FROM sq_big ORDER BY id"))
    eq("tag", res[0].tag, "SELECT %d" % n)
    eq("rows", len(res[0].rows), n)
    eq("first/last", (res[0].rows[0], res[0].rows[-1]), (["0", "row 0"], [str(n - 1), "row %d" % (n - 1)]))
    if [int(r[0]) for r in res[0].rows] != list(range(n)):
        raise AssertionError("rows out of order")
    res = ok_results(c.query("SELECT count(*) FROM sq_big WHERE id % 3 = 0"))
    eq("count", res[0].rows, [[str((n + 2) // 3)]])
    res = ok_results(c.query("SELECT id FROM sq_big ORDER BY id DESC LIMIT 3 OFFSET 2500"))
    eq("limit", res[0].rows, [["2499"], ["2498"], ["2497"]])
    ok_results(c.query("DROP TABLE sq_big"))


def case_long_query_text(c):
    # ~1 MB of SQL in one Query message, and ~1 MB back in one DataRow
    big = "ab" * 500000
    res = ok_results(c.query("SELECT '%s' AS big" % big))
    eq("1 MB value", res[0].rows == [[big]], True)
    inlist = ",".join(str(i) for i in range(20000))
    res = ok_results(c.query("SELECT 19999 IN (%s), 20000 IN (%s)" % (inlist, inlist)))
    eq("long IN list", res[0].rows, [["t", "f"]])


def case_terminate(c):
    conn = pgmini.PgConn.connect(c.host, c.port)
    conn.sock.sendall(pgmini.message(b"X"))
    data, closed = pgmini.read_until_close(conn.sock, 10)
    conn.sock.close()
    eq("closed after Terminate", (data, closed), (b"", True))


if __name__ == "__main__":
    sys.exit(caserunner.main(__doc__, globals()))
