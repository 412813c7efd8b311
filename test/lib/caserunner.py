"""caserunner.py - the main() of a protocol test script: every case_NAME
function of the script runs against one freshly started server (OmenDB or,
to check the expectations, PostgreSQL 15), each on a new connection, and the
run ends with the server's clean stop, a sanitizer check and the closing line
"N passed, M failed".

    import caserunner
    ...
    def case_something(c):            # c: a pgmini.PgConn (c.host, c.port set)
    def case_other(c, srv):           # srv: the servers.OmenServer / PgServer
    if __name__ == "__main__":
        sys.exit(caserunner.main(__doc__, globals()))

Command line: [--engine omendb|postgresql] [--binary build/omendb] [CASE...].
main() stores the engine in the script's ENGINE global when it has one.
Standard library only (Debian's /usr/bin/python3).
"""

import argparse
import inspect
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgmini  # noqa: E402
import servers  # noqa: E402

FAILURES = (AssertionError, pgmini.ProtocolError, pgmini.PgError, OSError, socket.timeout,
            servers.ServerError)


def main(doc, scope, connect_timeout=60, server_args=()):
    prog = os.path.basename(sys.argv[0])
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", default="omendb", choices=["omendb", "postgresql"])
    ap.add_argument("--binary", default="build/omendb")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    if "ENGINE" in scope:
        scope["ENGINE"] = a.engine
    cases = [(name[5:], fn) for name, fn in sorted(scope.items())
             if name.startswith("case_") and callable(fn) and (not a.cases or name[5:] in a.cases)]
    try:
        srv = servers.make_server(a.engine, a.binary, extra_args=server_args)
    except servers.ServerError as e:
        print("%s: %s\n0 passed, 1 failed" % (prog, e))
        return 1
    passed = failed = 0
    with srv:
        try:
            srv.start()
        except servers.ServerError as e:
            print("%s: %s\n--- server log ---\n%s" % (prog, e, srv.log_tail()))
            print("0 passed, 1 failed")
            return 1
        for name, fn in cases:
            t0 = time.monotonic()
            conn = None
            try:
                conn = srv.connect(timeout=connect_timeout)
                conn.host, conn.port = srv.host, srv.port
                if len(inspect.signature(fn).parameters) > 1:
                    fn(conn, srv)
                else:
                    fn(conn)
                passed += 1
                print("ok   %-34s %.2fs" % (name, time.monotonic() - t0))
            except FAILURES as e:
                failed += 1
                print("FAIL %-34s %s: %s" % (name, type(e).__name__, e))
                if not srv.alive():
                    print("server died; stopping")
                    break
            finally:
                if conn is not None:
                    conn.close()
            sys.stdout.flush()
        if srv.alive():
            st = srv.stop()
            if st != 0:
                print("FAIL final: server exit status %s after SIGTERM (expected 0)" % st)
                failed += 1
        else:
            print("FAIL final: server died (exit status %s)" % srv.proc.returncode)
            failed += 1
        if srv.sanitizer_report():
            print("FAIL final: sanitizer report in server log")
            failed += 1
        if failed and srv.engine == "omendb":
            print("--- server log (tail) ---\n%s" % (srv.sanitizer_report() or srv.log_tail(4000)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0
