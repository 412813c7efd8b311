#!/usr/bin/python3
"""run.py - the differential TPC-H test: the 22 queries on OmenDB and on PostgreSQL 15.

    run.py [--binary build/omendb] [--only q1,q6] [--expect-pass q1,q6]
           [--work-mem 1MB] [--no-analyze] [--self-check] [--batch 20] [--timeout 30] [--keep] [-v]

Starts a temporary PostgreSQL 15 cluster and an OmenDB with an empty data
directory (test/lib/servers.py), creates the TPC-H tables of schema.sql on
both, and loads the scale factor 0.1 data of data/*.tbl.zst (TPC's dbgen,
decompressed with `zstd -d` on the fly) into both with the same multi-row
INSERT statements inside BEGIN/COMMIT blocks. PostgreSQL also gets the
indexes of pg_indexes.sql (OmenDB has no CREATE INDEX yet; an index changes
no result), and both are ANALYZEd (--no-analyze: OmenDB is not, so its
planner runs on default selectivities). Then each query of queries/ runs on both and the results are
compared as text, exactly as each server sent them:

  - column names, in order;
  - the rows as a multiset when the query has no ORDER BY;
  - with ORDER BY, in order, except that rows tied on every ORDER BY column
    may come in any order among themselves (compared as a multiset per run of
    equal keys); when LIMIT cut the result, the last run of ties is compared
    by its keys only, since which tied rows made the cut is unspecified.

Numeric text is compared exactly: OmenDB must print PostgreSQL's digits.

Prints per query "q1 ok", "q1 DIFF (...)" or "q1 error on omendb: SQLSTATE
message", then a summary line. The exit status is 1 when a query of
--expect-pass (default: every query run) does not match, or when OmenDB died,
did not exit 0 on SIGTERM, or printed a sanitizer report; 2 when the test
could not run at all.

--work-mem SIZE runs SET work_mem = 'SIZE' on OmenDB's session first; a
failure of that SET is printed and otherwise ignored for now.

--self-check runs PostgreSQL against itself (two databases in one cluster,
each loaded by the same code): all 22 queries must match, which proves the
loading and the comparison; the comparison is also checked on known
differences first.

Standard library only (Debian's /usr/bin/python3).
"""

import argparse
import collections
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import pgmini  # noqa: E402
import servers  # noqa: E402

DATA = os.path.join(HERE, "data")
QUERIES = os.path.join(HERE, "queries")
SCHEMA = os.path.join(HERE, "schema.sql")
PG_INDEXES = os.path.join(HERE, "pg_indexes.sql")
TABLES = ["region", "nation", "part", "supplier", "partsupp", "customer", "orders", "lineitem"]
EXPECTED_ROWS = {"region": 5, "nation": 25, "part": 20000, "supplier": 1000, "partsupp": 80000,
                 "customer": 15000, "orders": 150000, "lineitem": 600572}
QUERY_NAMES = ["q%d" % i for i in range(1, 23)]
TXN_ROWS = 50000          # rows per BEGIN/COMMIT block


def say(msg=""):
    print(msg, flush=True)


# --------------------------------------------------------------------------
# schema and data

def split_statements(text):
    """Statements of a file: split at ';', '--' comment lines dropped (the
    corpus has no ';' inside literals)."""
    text = "\n".join(ln for ln in text.split("\n") if not ln.lstrip().startswith("--"))
    return [s.strip() for s in text.split(";") if s.strip()]


def table_columns(schema_text):
    """{table: [(column, quoted?)]}: values of integer and decimal columns go
    unquoted, the others as string literals."""
    out = {}
    for stmt in split_statements(schema_text):
        m = re.match(r"CREATE TABLE (\w+) \((.*)\)\s*$", stmt, re.S)
        if not m:
            continue
        cols = []
        for line in m.group(2).split("\n"):
            line = line.strip().rstrip(",")
            if not line or line.startswith("PRIMARY KEY"):
                continue
            name, typ = line.split()[:2]
            cols.append((name, not (typ == "integer" or typ.startswith("decimal"))))
        out[m.group(1)] = cols
    return out


def tbl_lines(table):
    """Lines of data/TABLE.tbl.zst, decompressed by zstd as they are read."""
    path = os.path.join(DATA, table + ".tbl.zst")
    p = subprocess.Popen(["zstd", "-d", "-q", "-c", path], stdout=subprocess.PIPE)
    try:
        for raw in p.stdout:
            yield raw.decode("utf-8").rstrip("\n")
    finally:
        p.stdout.close()
        if p.wait() != 0:
            raise RuntimeError("zstd -d %s failed (status %s)" % (path, p.returncode))


def insert_statements(table, cols, batch):
    """(statement, rows) for the table: INSERT ... VALUES of `batch` rows."""
    head = "INSERT INTO %s VALUES " % table
    n = len(cols)
    quote = [q for _c, q in cols]
    rows = []
    for line in tbl_lines(table):
        fields = line.split("|")[:n]     # a .tbl line ends in '|'
        rows.append("(" + ",".join(("'" + f.replace("'", "''") + "'") if q else f
                                   for f, q in zip(fields, quote)) + ")")
        if len(rows) == batch:
            yield head + ",".join(rows), batch
            rows = []
    if rows:
        yield head + ",".join(rows), len(rows)


class Side:
    """One session under test: a name, a pgmini connection, and the
    statements sent to it whose answers are still unread."""

    def __init__(self, name, conn, pid):
        self.name = name
        self.conn = conn
        self.pid = pid              # the server process doing this session's work
        self.pending = []
        self.load_cpu = 0.0         # its CPU seconds during the load
        self.error = None

    def send(self, sql, what):
        if self.error:
            return
        self.conn.sock.sendall(pgmini.query_message(sql))
        self.pending.append(what)

    def collect(self, keep=0):
        """Read answers until `keep` remain unread; the first error stops the
        side's load (self.error)."""
        while len(self.pending) > keep and not self.error:
            what = self.pending.pop(0)
            for r in self.conn.read_results():
                if r.error and not self.error:
                    self.error = "%s: %s %s" % (what, r.error.get("C"), r.error.get("M"))
        if self.error:
            self.pending = []


def cpu_seconds(pid):
    """user + system CPU time of a process so far (from /proc/PID/stat)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def load(sides, batch):
    """Create the tables and load the data into every side with the same
    statements, pipelined: each side has the previous statement running while
    the next is built. Returns False (after saying why) on a failure."""
    schema_text = open(SCHEMA).read()
    cols = table_columns(schema_text)
    cpu0 = [cpu_seconds(side.pid) for side in sides]
    for side in sides:
        for stmt in split_statements(schema_text):
            side.send(stmt, stmt.split("(")[0].strip())
        side.collect()
    for table in TABLES:
        t0 = time.monotonic()
        in_txn = loaded = 0
        for side in sides:
            side.send("BEGIN", "BEGIN")
        for stmt, n in insert_statements(table, cols[table], batch):
            for side in sides:
                side.send(stmt, "INSERT INTO %s (rows %d..)" % (table, loaded + 1))
            for side in sides:
                side.collect(keep=1)
            in_txn += n
            loaded += n
            if in_txn >= TXN_ROWS:
                for side in sides:
                    side.send("COMMIT", "COMMIT")
                    side.send("BEGIN", "BEGIN")
                in_txn = 0
        for side in sides:
            side.send("COMMIT", "COMMIT")
        for side in sides:
            side.collect()
        say("load: %-8s %7d rows %6.1fs" % (table, loaded, time.monotonic() - t0))
    for side, c0 in zip(sides, cpu0):
        side.load_cpu = cpu_seconds(side.pid) - c0
    ok = True
    for side in sides:
        if side.error:
            say("load failed on %s: %s" % (side.name, side.error))
            ok = False
            continue
        for table in TABLES:
            got = int(side.conn.scalar("SELECT count(*) FROM " + table))
            if got != EXPECTED_ROWS[table]:
                say("load: %s has %d rows of %s, expected %d"
                    % (side.name, got, table, EXPECTED_ROWS[table]))
                ok = False
    return ok


# --------------------------------------------------------------------------
# running and comparing a query

def run_query(conn, stmts):
    """Run the statements one by one; return (columns, rows, error) of the
    query (the statement returning rows: q15's SELECT between its views'
    DDL). An error stops the rest; q15's view is then dropped."""
    cols, rows = None, None
    for i, s in enumerate(stmts):
        res = conn.query(s)
        for r in res:
            if r.error:
                if i > 0 and stmts[0].lower().startswith("create view"):
                    conn.query("DROP VIEW IF EXISTS revenue0")
                return None, None, r.error
        if res and res[-1].columns:
            cols = [c[0] for c in res[-1].columns]
            rows = [tuple(v) for v in res[-1].rows]
    return cols, rows, None


def order_keys(sql):
    """Output column names of the query's final ORDER BY, and its LIMIT (or
    None): ([names], limit). No ORDER BY: (None, None)."""
    flat = " ".join(sql.split()).lower()
    i = flat.rfind("order by")
    if i < 0 or flat.count("(", i) != flat.count(")", i):   # in a subquery
        return None, None
    tail = flat[i + len("order by"):]
    m = re.search(r"\blimit\s+(\d+)", tail)
    limit = int(m.group(1)) if m else None
    tail = re.split(r"\blimit\b|;", tail)[0]
    keys = []
    for item in tail.split(","):
        words = item.split()
        if words and words[-1] in ("asc", "desc"):
            words = words[:-1]
        keys.append(" ".join(words))
    return keys, limit


def show(row):
    return "|".join("NULL" if v is None else v for v in row)


def multiset_diff(want, got, limit=4):
    """A short description of how two lists of rows differ as multisets, or
    None when equal."""
    cw, cg = collections.Counter(want), collections.Counter(got)
    if cw == cg:
        return None
    missing = list((cw - cg).elements())
    extra = list((cg - cw).elements())
    parts = []
    if missing:
        parts.append("%d missing, e.g. %s" % (len(missing), "; ".join(show(r) for r in missing[:limit])))
    if extra:
        parts.append("%d unexpected, e.g. %s" % (len(extra), "; ".join(show(r) for r in extra[:limit])))
    return ", ".join(parts)


def compare(want_cols, want, got_cols, got, keys=None, limit=None):
    """None when OmenDB's result (got) matches PostgreSQL's (want), else a
    short description of the first difference. keys: ORDER BY column names
    (None: compare as multisets); limit: the query's LIMIT."""
    if want_cols != got_cols:
        return "columns %s, expected %s" % (got_cols, want_cols)
    if len(want) != len(got):
        d = multiset_diff(want, got)
        return "%d rows, expected %d%s" % (len(got), len(want), "; " + d if d else "")
    if keys is None:
        d = multiset_diff(want, got)
        return "rows differ: " + d if d else None
    try:
        idx = [want_cols.index(k) for k in keys]
    except ValueError:
        idx = list(range(len(want_cols)))     # ORDER BY an expression: all must match in order

    def runs(rows):
        out = []
        for r in rows:
            k = tuple(r[i] for i in idx)
            if out and out[-1][0] == k:
                out[-1][1].append(r)
            else:
                out.append((k, [r]))
        return out
    rw, rg = runs(want), runs(got)
    cut = limit is not None and len(want) == limit
    if len(rw) != len(rg):
        return "order differs (%d runs of ORDER BY keys, expected %d)" % (len(rg), len(rw))
    for n, ((kw, w), (kg, g)) in enumerate(zip(rw, rg)):
        if kw != kg or len(w) != len(g):
            return "order differs at ORDER BY key %s, expected %s" % ("|".join(kg), "|".join(kw))
        if cut and n == len(rw) - 1:
            break
        if collections.Counter(w) != collections.Counter(g):
            return "rows tied on %s differ: %s" % ("|".join(kw), multiset_diff(w, g))
    return None


def compare_selftest():
    """The comparison on known cases: the harness must see differences."""
    c = ["k", "v"]
    cases = [
        # (want, got, keys, limit, should_match)
        ([("1", "a"), ("2", "b")], [("2", "b"), ("1", "a")], None, None, True),
        ([("1", "a"), ("2", "b")], [("2", "b"), ("1", "a")], ["k"], None, False),
        ([("1", "a"), ("1", "b"), ("2", "c")], [("1", "b"), ("1", "a"), ("2", "c")], ["k"], None, True),
        ([("1", "1.0")], [("1", "1.00")], None, None, False),
        ([("1", "a"), ("1", "a")], [("1", "a")], None, None, False),
        ([("1", "a")], [("1", "a"), ("1", "a")], None, None, False),
        ([("1", None)], [("1", "")], None, None, False),
        ([("1", "a"), ("2", "b"), ("2", "c")], [("1", "a"), ("2", "c"), ("2", "d")], ["k"], None, False),
        ([("1", "a"), ("2", "b"), ("2", "c")], [("1", "a"), ("2", "c"), ("2", "d")], ["k"], 3, True),
        ([("1", "a"), ("2", "b"), ("2", "c")], [("1", "x"), ("2", "c"), ("2", "b")], ["k"], 3, False),
        ([("1", "a"), ("2", "b")], [("1", "a"), ("3", "b")], ["k"], 2, False),
        ([("1", "a"), ("2", "b")], [("1", "a"), ("2", "b ")], None, None, False),
    ]
    bad = []
    for n, (w, g, keys, limit, ok) in enumerate(cases):
        if (compare(c, w, c, g, keys, limit) is None) != ok:
            bad.append(n)
    if compare(["a", "b"], [], ["a", "c"], [], None, None) is None:
        bad.append("columns")
    keys, limit = order_keys("select a from t where x = (select max(y) from u order by z) "
                             "order by\n  revenue desc,\n o_orderdate limit 10;")
    if (keys, limit) != (["revenue", "o_orderdate"], 10):
        bad.append("order_keys %r %r" % (keys, limit))
    return bad


# --------------------------------------------------------------------------

def run_all(pg_conn, om_conn, om_name, names, verbose):
    """Run each query on both; return {name: 'ok' | 'diff' | 'error'}."""
    outcome = {}
    for name in names:
        text = open(os.path.join(QUERIES, name + ".sql")).read()
        stmts = split_statements(text)
        query = [s for s in stmts if s.lower().startswith(("select", "with"))][-1]
        keys, limit = order_keys(query)
        t0 = time.monotonic()
        want_cols, want, err = run_query(pg_conn, stmts)
        t_pg = time.monotonic() - t0
        if err:
            say("%s error on postgresql: %s %s" % (name, err.get("C"), err.get("M")))
            outcome[name] = "error"
            continue
        t0 = time.monotonic()
        try:
            got_cols, got, err = run_query(om_conn, stmts)
        except (OSError, pgmini.ProtocolError) as e:
            say("%s error on %s: connection lost (%s)" % (name, om_name, e))
            outcome[name] = "error"
            for rest in names[names.index(name) + 1:]:
                say("%s error on %s: not run (connection lost)" % (rest, om_name))
                outcome[rest] = "error"
            break
        t_om = time.monotonic() - t0
        times = " (%.2fs, postgresql %.2fs)" % (t_om, t_pg) if verbose else ""
        if err:
            say("%s error on %s: %s %s%s" % (name, om_name, err.get("C"), err.get("M"), times))
            outcome[name] = "error"
            continue
        d = compare(want_cols, want, got_cols, got, keys, limit)
        if d:
            say("%s DIFF (%s)%s" % (name, d, times))
            outcome[name] = "diff"
        else:
            say("%s ok (%d rows)%s" % (name, len(want), times))
            outcome[name] = "ok"
    return outcome


def parse_list(text, what):
    names = [x.strip() for x in text.split(",") if x.strip()]
    for n in names:
        if n not in QUERY_NAMES:
            raise SystemExit("run.py: %s: unknown query %r (q1..q22)" % (what, n))
    return names


def summary(outcome, expect, load_times):
    ok = [q for q in outcome if outcome[q] == "ok"]
    diff = [q for q in outcome if outcome[q] == "diff"]
    err = [q for q in outcome if outcome[q] == "error"]
    failing = [q for q in expect if outcome.get(q) != "ok"]
    say("tpch sf0.1: %d queries: %d ok, %d DIFF, %d error; load CPU %s; expected to pass: %s -> %s"
        % (len(outcome), len(ok), len(diff), len(err),
           ", ".join("%s %.1fs" % kv for kv in load_times),
           "all %d" % len(expect) if len(expect) == len(outcome) else ",".join(expect) or "none",
           "ok" if not failing else "FAIL (%s)" % ",".join(failing)))
    return not failing


def self_check(a, names, expect):
    bad = compare_selftest()
    if bad:
        say("run.py: FAIL: the comparison misjudges its known cases %s" % bad)
        return 1
    say("compare: known cases ok")
    try:
        pg = servers.PgServer(keep=a.keep, fast_stop=True)
    except servers.ServerError as e:
        print("run.py: %s" % e, file=sys.stderr)
        return 2
    with pg:
        try:
            pg.start()
        except servers.ServerError as e:
            print("run.py: %s\n%s" % (e, pg.log_tail()), file=sys.stderr)
            return 2
        admin = pg.connect()
        for db in ("tpch_a", "tpch_b"):
            admin.execute("CREATE DATABASE " + db)
        admin.close()
        ca = pgmini.PgConn.connect(pg.host, pg.port, database="tpch_a", timeout=600)
        cb = pgmini.PgConn.connect(pg.host, pg.port, database="tpch_b", timeout=600)
        sa = Side("postgresql", ca, int(ca.scalar("SELECT pg_backend_pid()")))
        sb = Side("postgresql (b)", cb, int(cb.scalar("SELECT pg_backend_pid()")))
        if not load([sa, sb], a.batch):
            return 1
        for c in (ca, cb):   # both: the side under test would take minutes without them
            c.execute(open(PG_INDEXES).read())
            c.execute("SET statement_timeout = %d" % (a.timeout * 1000))
        outcome = run_all(ca, cb, "postgresql (b)", names, a.verbose)
        ok = summary(outcome, expect, [("postgresql", sa.load_cpu),
                                       ("postgresql (b)", sb.load_cpu)])
        ca.close()
        cb.close()
        pg.stop()
        return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "omendb"))
    ap.add_argument("--only", default="", help="comma list of queries to run (default all 22)")
    ap.add_argument("--expect-pass", default=None,
                    help="comma list of queries that must match (default: every query run)")
    ap.add_argument("--work-mem", help="SET work_mem to this on OmenDB's session first")
    ap.add_argument("--no-analyze", action="store_true", help="do not ANALYZE OmenDB's tables after loading")
    ap.add_argument("--self-check", action="store_true",
                    help="PostgreSQL against itself: proves the harness")
    # PostgreSQL's cost per row grows with the VALUES list (100k lineitem rows:
    # 2.4 s of backend CPU in INSERTs of 10 rows, 7.3 s in INSERTs of 1000);
    # OmenDB's hardly changes (3.5..5 s)
    ap.add_argument("--batch", type=int, default=20, help="rows per INSERT (default 20)")
    ap.add_argument("--timeout", type=float, default=30,
                    help="statement_timeout in seconds on both (default 30; PostgreSQL needs "
                         "under 1 s for any of the 22 at SF 0.1)")
    ap.add_argument("--keep", action="store_true", help="keep the servers' temp directories")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each query's time")
    a = ap.parse_args()
    names = parse_list(a.only, "--only") if a.only else list(QUERY_NAMES)
    expect = parse_list(a.expect_pass, "--expect-pass") if a.expect_pass is not None else names
    missing = [t for t in TABLES if not os.path.isfile(os.path.join(DATA, t + ".tbl.zst"))]
    if missing:
        print("run.py: data files missing in %s: %s" % (DATA, ", ".join(missing)), file=sys.stderr)
        return 2
    # OmenDB's default TimeZone is $TZ; the reference cluster runs in UTC.
    os.environ["TZ"] = "UTC"
    if a.self_check:
        return self_check(a, names, expect)

    try:
        pg = servers.PgServer(keep=a.keep, fast_stop=True)
        om = servers.OmenServer(os.path.abspath(a.binary), keep=a.keep, log_level="warn")
    except servers.ServerError as e:
        print("run.py: %s" % e, file=sys.stderr)
        return 2
    with pg, om:
        try:
            pg.start()
            om.start()
        except servers.ServerError as e:
            print("run.py: %s\n--- postgresql log ---\n%s\n--- omendb log ---\n%s"
                  % (e, pg.log_tail(), om.log_tail()), file=sys.stderr)
            return 2
        pc = pgmini.PgConn.connect(pg.host, pg.port, timeout=600)
        oc = pgmini.PgConn.connect(om.host, om.port, timeout=600)
        sp = Side("postgresql", pc, int(pc.scalar("SELECT pg_backend_pid()")))
        so = Side("omendb", oc, om.proc.pid)
        t0 = time.monotonic()
        loaded = load([sp, so], a.batch)
        say("load: %.1fs wall for both at once; server CPU: postgresql backend %.1fs, omendb %.1fs"
            % (time.monotonic() - t0, sp.load_cpu, so.load_cpu))
        problems = []
        outcome = {}
        if loaded:
            pc.execute(open(PG_INDEXES).read())
            if not a.no_analyze:
                # Statistics for OmenDB's planner, as PostgreSQL's side gets them.
                t1 = time.monotonic()
                for r in oc.query("ANALYZE"):
                    if r.error:
                        problems.append("ANALYZE on omendb failed: %s %s" % (r.error.get("C"), r.error.get("M")))
                say("analyze: omendb %.1fs" % (time.monotonic() - t1))
            pc.execute("SET statement_timeout = %d" % (a.timeout * 1000))
            for sql in ["SET statement_timeout = %d" % (a.timeout * 1000)] + \
                    (["SET work_mem = '%s'" % a.work_mem.replace("'", "''")] if a.work_mem else []):
                for r in oc.query(sql):
                    if r.error:
                        say("note: %s on omendb failed (ignored for now): %s %s"
                            % (sql, r.error.get("C"), r.error.get("M")))
            outcome = run_all(pc, oc, "omendb", names, a.verbose)
        else:
            problems.append("the data did not load")
        ok = loaded and summary(outcome, expect, [("postgresql", sp.load_cpu),
                                                  ("omendb", so.load_cpu)])
        pc.close()
        try:
            oc.close()
        except OSError:
            pass
        pg.stop()
        if not om.alive():
            problems.append("omendb died during the run (exit status %s)" % om.proc.returncode)
        else:
            status = om.stop()
            if status is None:
                problems.append("omendb did not exit within %.0fs of SIGTERM" % servers.STOP_TIMEOUT)
            elif status != 0:
                problems.append("omendb exited with status %s after SIGTERM" % status)
        if om.sanitizer_report():
            problems.append("sanitizer report in the omendb log")
        for p in problems:
            say("run.py: FAIL: " + p)
        if problems:
            say("--- omendb log (tail) ---\n" + om.log_tail())
            return 1
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
