#!/usr/bin/python3
"""with_server.py - run a command against a freshly started server.

    with_server.py [--engine omendb|postgresql] [--binary build/omendb]
                   [--max-connections N] [--keep] -- COMMAND ARG...

Starts the server on a free port with an empty data directory (OmenDB) or a
new temporary cluster (PostgreSQL 15), waits until it accepts connections,
runs COMMAND with PGHOST, PGPORT, PGUSER=postgres, PGDATABASE=postgres and
OMENDB_TEST_ENGINE set (the strings {host}, {port} and {engine} in the
arguments are replaced too), then stops the server with SIGTERM.

Exit status: COMMAND's status if non-zero; otherwise non-zero when the server
died during the run, did not exit within the timeout, exited with a status
other than 0, or printed a sanitizer report.
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import servers  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", default="omendb", choices=["omendb", "postgresql"])
    ap.add_argument("--binary", default="build/omendb")
    ap.add_argument("--max-connections", type=int)
    ap.add_argument("--keep", action="store_true", help="keep the temp directory")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    if not cmd:
        ap.error("no command given")

    try:
        # No background ANALYZE: EXPLAIN's estimates in the tests change only
        # when a test runs ANALYZE (test/protocol/autoanalyze.py covers it).
        srv = servers.make_server(a.engine, a.binary, max_connections=a.max_connections,
                                  keep=a.keep, extra_args=["--autovacuum-naptime", "0"])
    except servers.ServerError as e:
        print("with_server: %s" % e, file=sys.stderr)
        return 2
    with srv:
        try:
            srv.start()
        except servers.ServerError as e:
            print("with_server: %s\n--- server log ---\n%s" % (e, srv.log_tail()),
                  file=sys.stderr)
            return 2
        env = dict(os.environ, PGHOST=srv.host, PGPORT=str(srv.port), PGUSER="postgres",
                   PGDATABASE="postgres", OMENDB_TEST_ENGINE=srv.engine)
        env.pop("PGPASSWORD", None)
        env.pop("PGSERVICE", None)
        env.pop("PGOPTIONS", None)
        subst = {"{host}": srv.host, "{port}": str(srv.port), "{engine}": srv.engine}
        args = []
        for x in cmd:
            for k, v in subst.items():
                x = x.replace(k, v)
            args.append(x)
        sys.stdout.flush()
        rc = subprocess.call(args, env=env)
        if rc < 0:
            print("with_server: FAIL: %s was killed by signal %d" % (args[0], -rc), file=sys.stderr)
            rc = 128 - rc
        problems = []
        if not srv.alive():
            problems.append("server died during the test (exit status %s)"
                            % srv.proc.returncode)
        else:
            status = srv.stop()
            if status is None:
                problems.append("server did not exit within %.0fs of SIGTERM"
                                % servers.STOP_TIMEOUT)
            elif status != 0:
                problems.append("server exited with status %s after SIGTERM (expected 0)"
                                % status)
        report = srv.sanitizer_report()
        if report:
            problems.append("sanitizer report in server log")
        if problems:
            for p in problems:
                print("with_server: FAIL: %s" % p, file=sys.stderr)
            print("--- server log (tail) ---\n%s" % (report or srv.log_tail()), file=sys.stderr)
            return rc or 1
        if rc != 0:
            print("--- server log (tail) ---\n%s" % srv.log_tail(3000), file=sys.stderr)
        return rc


if __name__ == "__main__":
    sys.exit(main())
