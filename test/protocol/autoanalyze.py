#!/usr/bin/python3
"""autoanalyze.py - statistics kept fresh in the background (server/autoanalyze.c,
PostgreSQL's autovacuum's ANALYZE): with --autovacuum-naptime 1 a table whose row
count moved past 50 + 10% of its rows at the last ANALYZE is analyzed within
seconds (its estimates change), a smaller change leaves it alone, and the server
still stops cleanly.

    autoanalyze.py [--binary build/omendb] [CASE...]
"""

import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import caserunner  # noqa: E402


def estimate(c, sql):
    """The top operator's estimated rows in EXPLAIN."""
    first = c.query("EXPLAIN " + sql)[0].rows[0][0]
    m = re.search(r"\(rows=(\d+)\)", first)
    if not m:
        raise AssertionError("no estimate in %r" % first)
    return int(m.group(1))


def analyses(srv, table):
    with open(srv.logfile, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    return len(re.findall(r'event=autoanalyze .*table="%s"' % table, text))


def wait_for(what, fn, timeout=15):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if fn():
            return
        time.sleep(0.2)
    raise AssertionError("%s: not within %ds" % (what, timeout))


def case_analyzed_in_background(c, srv):
    c.execute("CREATE TABLE aa_t (id int PRIMARY KEY, cat int)")
    c.execute("INSERT INTO aa_t SELECT g, g % 10 FROM generate_series(1, 1000) g")
    q = "SELECT * FROM aa_t WHERE cat = 3"
    # (Without statistics the estimate would be 5, PostgreSQL's 0.005 for =:
    # test/sql/select/statistics.test checks that with the background off.)
    wait_for("aa_t analyzed", lambda: analyses(srv, "aa_t") >= 1)
    after = estimate(c, q)
    if after != 100:
        raise AssertionError("estimate after autoanalyze: %d, expected 100" % after)
    # 20 more rows: under the threshold (50 + 10% of 1000): not again.
    c.execute("INSERT INTO aa_t SELECT g, 3 FROM generate_series(1001, 1020) g")
    time.sleep(3)
    if analyses(srv, "aa_t") != 1:
        raise AssertionError("a change under the threshold was analyzed")
    # 500 more: analyzed again, and the new MCV frequency shows.
    c.execute("INSERT INTO aa_t SELECT g, 3 FROM generate_series(1021, 1520) g")
    wait_for("aa_t analyzed again", lambda: analyses(srv, "aa_t") >= 2)
    again = estimate(c, q)
    if again != 620:
        raise AssertionError("estimate after the second autoanalyze: %d, expected 620" % again)
    c.execute("DROP TABLE aa_t")


def case_small_table_left_alone(c, srv):
    c.execute("CREATE TABLE aa_small (id int PRIMARY KEY)")
    c.execute("INSERT INTO aa_small SELECT generate_series(1, 40)")
    time.sleep(3)
    if analyses(srv, "aa_small"):
        raise AssertionError("a 40-row table was analyzed (threshold 50)")
    c.execute("DROP TABLE aa_small")


if __name__ == "__main__":
    sys.exit(caserunner.main(__doc__, globals(), server_args=["--autovacuum-naptime", "1"]))
