#!/usr/bin/python3
"""durability.py - committed data survives a clean stop and a kill -9.

    durability.py [--engine omendb|postgresql] [--binary build/omendb] [--keep] [CASE...]

Cases (each on its own fresh data directory):
  clean_restart        rows committed (autocommit and in a block) are there after
                       SIGTERM (exit status 0) and a restart; an open transaction's
                       rows and a dropped table are not
  sigterm_idle_client  SIGTERM with an idle client and an open transaction still
                       exits 0 promptly; the open transaction's rows are gone
  kill9_stream         kill -9 while a client streams acknowledged single-row
                       autocommit INSERTs: after restart every acknowledged row is
                       there, and at most the one in flight beyond them (3 rounds
                       on the same data directory)
  kill9_after_commit   kill -9 right after COMMIT of a multi-row transaction: all
                       rows there; a transaction open at the kill: none
  kill9_big_statement  kill -9 while a 5000-row INSERT runs: all or nothing
  restart_loop         several kill -9 / restart cycles with writes in between
Standard library only.
"""

import argparse
import os
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import pgmini  # noqa: E402
import servers  # noqa: E402


def eq(what, got, want):
    if got != want:
        raise AssertionError("%s: got %r, expected %r" % (what, got, want))


def ids(conn, table):
    res = conn.query("SELECT id FROM %s ORDER BY id" % table)
    if res[0].error:
        raise AssertionError("SELECT from %s failed: %s" % (table, res[0].error))
    return [int(r[0]) for r in res[0].rows]


def must_stop_clean(srv):
    st = srv.stop()
    if st != 0:
        raise AssertionError("exit status %s after SIGTERM (expected 0)\n%s"
                             % (st, srv.log_tail(3000)))


def case_clean_restart(srv):
    srv.start()
    c = srv.connect()
    c.execute("CREATE TABLE cr_t (id bigint PRIMARY KEY, name text NOT NULL, score double precision)")
    c.execute("INSERT INTO cr_t VALUES (1, 'ann', 9.5), (2, 'bob', NULL)")
    c.execute("INSERT INTO cr_t VALUES (3, 'cy', -1.25)")
    c.execute("BEGIN")
    c.execute("INSERT INTO cr_t VALUES (4, 'dee', 4)")
    c.execute("UPDATE cr_t SET score = 7.25 WHERE id = 2")
    c.execute("COMMIT")
    c.execute("DELETE FROM cr_t WHERE id = 1")
    c.execute("CREATE TABLE cr_gone (a int)")
    c.execute("INSERT INTO cr_gone VALUES (1)")
    c.execute("DROP TABLE cr_gone")
    c.execute("CREATE TABLE cr_empty (a int)")
    c.close()
    must_stop_clean(srv)

    srv.start()
    c = srv.connect()
    res = c.query("SELECT id, name, score FROM cr_t ORDER BY id")
    eq("rows after restart", res[0].rows,
       [["2", "bob", "7.25"], ["3", "cy", "-1.25"], ["4", "dee", "4"]])
    res = c.query("SELECT * FROM cr_gone")
    eq("dropped table", res[0].error and res[0].error.get("C"), "42P01")
    eq("empty table", c.scalar("SELECT count(*) FROM cr_empty"), "0")
    # the catalog survived too: constraints still hold
    res = c.query("INSERT INTO cr_t VALUES (2, 'dup', 0)")
    eq("primary key after restart", res[0].error and res[0].error.get("C"), "23505")
    res = c.query("INSERT INTO cr_t VALUES (5, NULL, 0)")
    eq("not null after restart", res[0].error and res[0].error.get("C"), "23502")
    c.execute("INSERT INTO cr_t VALUES (5, 'eve', 0)")
    c.close()
    must_stop_clean(srv)

    srv.start()
    c = srv.connect()
    eq("second restart", ids(c, "cr_t"), [2, 3, 4, 5])
    c.close()
    must_stop_clean(srv)


def case_sigterm_idle_client(srv):
    srv.start()
    c = srv.connect()
    c.execute("CREATE TABLE si_t (id int PRIMARY KEY)")
    c.execute("INSERT INTO si_t VALUES (1), (2)")
    idle = srv.connect()                   # connected, doing nothing
    busy = srv.connect()
    busy.execute("BEGIN")
    busy.execute("INSERT INTO si_t VALUES (3)")   # never committed
    t0 = time.monotonic()
    must_stop_clean(srv)
    took = time.monotonic() - t0
    if took > 20:
        raise AssertionError("shutdown with idle clients took %.1fs" % took)
    for conn in (c, idle, busy):
        conn.sock.close()
    srv.start()
    c = srv.connect()
    eq("rows after restart", ids(c, "si_t"), [1, 2])
    c.close()
    must_stop_clean(srv)


class Streamer(threading.Thread):
    """Inserts id = start, start+1, ... one autocommit INSERT at a time,
    recording which were acknowledged (CommandComplete + ReadyForQuery)."""

    def __init__(self, srv, table, start, limit=100000, seconds=30):
        super().__init__(daemon=True)
        self.srv, self.table, self.start_id = srv, table, start
        self.limit, self.seconds = limit, seconds
        self.acked = []
        self.in_flight = None
        self.error = None
        self.stop_flag = False

    def run(self):
        try:
            conn = self.srv.connect()
        except Exception as e:  # noqa: BLE001
            self.error = e
            return
        deadline = time.monotonic() + self.seconds
        i = self.start_id
        try:
            while not self.stop_flag and i < self.start_id + self.limit \
                    and time.monotonic() < deadline:
                self.in_flight = i
                res = conn.query("INSERT INTO %s VALUES (%d, 'v%d')" % (self.table, i, i))
                if res[0].error:
                    self.error = res[0].error
                    return
                if res[0].tag != "INSERT 0 1":
                    self.error = "tag %r" % res[0].tag
                    return
                self.acked.append(i)
                self.in_flight = None
                i += 1
        except (OSError, pgmini.ProtocolError):
            pass        # the server was killed
        finally:
            conn.sock.close()


def wait_acks(st, n, timeout=30):
    deadline = time.monotonic() + timeout
    while len(st.acked) < n and st.is_alive() and time.monotonic() < deadline:
        time.sleep(0.002)
    if len(st.acked) < n:
        raise AssertionError("only %d of %d inserts acknowledged (error: %s)"
                             % (len(st.acked), n, st.error))


def case_kill9_stream(srv):
    srv.start()
    c = srv.connect()
    c.execute("CREATE TABLE ks_t (id bigint PRIMARY KEY, v text)")
    c.close()
    expected = []
    for rnd, target in enumerate((1, 150, 400)):
        st = Streamer(srv, "ks_t", start=rnd * 100000 + 1)
        st.start()
        wait_acks(st, target)
        if rnd == 0:
            time.sleep(0.01)      # kill soon after the first acknowledgements
        srv.kill9()
        st.join(10)
        if st.error:
            raise AssertionError("round %d: insert failed: %s" % (rnd, st.error))
        srv.start()
        c = srv.connect()
        got = ids(c, "ks_t")
        c.close()
        expected += st.acked
        missing = sorted(set(expected) - set(got))
        extra = sorted(set(got) - set(expected))
        if missing:
            raise AssertionError("round %d: %d acknowledged rows lost after kill -9, e.g. %r"
                                 % (rnd, len(missing), missing[:10]))
        if extra and extra != [st.in_flight]:
            raise AssertionError("round %d: rows that were never sent or acknowledged: %r "
                                 "(in flight: %r)" % (rnd, extra[:10], st.in_flight))
        expected += extra         # the in-flight row committed; it stays
        print("  round %d: %d acknowledged, in flight %r %s" % (
            rnd, len(st.acked), st.in_flight, "(present)" if extra else "(absent)"))
    c = srv.connect()
    res = c.query("SELECT v FROM ks_t WHERE id = 1")
    eq("row value", res[0].rows, [["v1"]])
    c.close()
    must_stop_clean(srv)


def case_kill9_after_commit(srv):
    srv.start()
    c = srv.connect()
    c.execute("CREATE TABLE kc_t (id int PRIMARY KEY, v text)")
    c.execute("BEGIN")
    c.execute("INSERT INTO kc_t VALUES " + ",".join("(%d, 'x')" % i for i in range(1, 101)))
    c.execute("UPDATE kc_t SET v = 'y' WHERE id <= 50")
    c.execute("COMMIT")
    open_txn = srv.connect()
    open_txn.execute("BEGIN")
    open_txn.execute("INSERT INTO kc_t VALUES (1000, 'uncommitted')")
    open_txn.execute("DELETE FROM kc_t WHERE id = 1")
    srv.kill9()
    for conn in (c, open_txn):
        conn.sock.close()
    srv.start()
    c = srv.connect()
    eq("committed rows", ids(c, "kc_t"), list(range(1, 101)))
    eq("updated", c.scalar("SELECT count(*) FROM kc_t WHERE v = 'y'"), "50")
    c.close()
    must_stop_clean(srv)


def case_kill9_big_statement(srv):
    srv.start()
    c = srv.connect()
    c.execute("CREATE TABLE kb_t (id int PRIMARY KEY, v text)")
    c.close()
    n = 5000
    sql = "INSERT INTO kb_t VALUES " + ",".join("(%d, 'value %d')" % (i, i) for i in range(n))
    for delay in (0.0, 0.02, 0.1):
        c = srv.connect()
        c.sock.sendall(pgmini.query_message(sql))
        time.sleep(delay)
        srv.kill9()
        c.sock.close()
        srv.start()
        c = srv.connect()
        count = int(c.scalar("SELECT count(*) FROM kb_t"))
        if count not in (0, n):
            raise AssertionError("a killed %d-row INSERT left %d rows" % (n, count))
        print("  kill after %.2fs: %d rows" % (delay, count))
        c.execute("DELETE FROM kb_t")
        c.close()
    must_stop_clean(srv)


def case_restart_loop(srv):
    srv.start()
    c = srv.connect()
    c.execute("CREATE TABLE rl_t (id int PRIMARY KEY)")
    c.close()
    for k in range(5):
        c = srv.connect()
        c.execute("INSERT INTO rl_t VALUES (%d)" % k)
        c.close()
        srv.kill9()
        srv.start()
    c = srv.connect()
    eq("rows", ids(c, "rl_t"), list(range(5)))
    c.close()
    must_stop_clean(srv)


CASES = [(name[5:], fn) for name, fn in sorted(globals().items()) if name.startswith("case_")]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", default="omendb", choices=["omendb", "postgresql"])
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "..", "build", "omendb"))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    cases = [(n, f) for n, f in CASES if not a.cases or n in a.cases]
    passed = failed = 0
    for name, fn in cases:
        t0 = time.monotonic()
        try:
            kw = {"keep": a.keep}
            if a.engine == "postgresql":
                kw["fast_stop"] = True    # PostgreSQL's SIGTERM waits for clients
            srv = servers.make_server(a.engine, a.binary, **kw)
        except servers.ServerError as e:
            print("durability.py: %s\n0 passed, 1 failed" % e)
            return 1
        with srv:
            try:
                fn(srv)
                if srv.sanitizer_report():
                    raise AssertionError("sanitizer report in server log")
                passed += 1
                print("ok   %-22s %.2fs" % (name, time.monotonic() - t0))
            except Exception as e:  # noqa: BLE001 - report every failure the same way
                failed += 1
                print("FAIL %-22s %s: %s" % (name, type(e).__name__, e))
                if srv.engine == "omendb":
                    print("--- server log (tail) ---\n%s"
                          % (srv.sanitizer_report() or srv.log_tail(4000)))
        sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
