#!/usr/bin/python3
"""run.py - run psql scripts against a fresh server and compare psql's output
byte for byte with the output recorded from PostgreSQL 15.

    run.py [--engine omendb|postgresql] [--binary build/omendb] [--record] [CASE...]

CASE is a script name without .sql (default: every *.sql here).  For each,
a fresh server is started and

    psql -X -a -h 127.0.0.1 -p PORT -U postgres -d postgres -v ON_ERROR_STOP=0 -f CASE.sql

runs in this directory with stdout and stderr in one stream (the way
pg_regress runs psql), in the C locale, without pager or psqlrc.  The output
must equal CASE.out.  --record writes CASE.out instead; record only against
PostgreSQL 15 (test/psql/record.sh does that).
"""

import argparse
import difflib
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import servers  # noqa: E402

PSQL = "/usr/lib/postgresql/15/bin/psql"


def run_case(srv, case):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PG", "PSQL", "LC_", "OMENDB_"))}
    env.update(LC_ALL="C", PAGER="", PSQL_PAGER="", PSQL_HISTORY="/dev/null")
    env.pop("LANG", None)
    env.pop("LANGUAGE", None)
    env.pop("COLUMNS", None)
    cmd = [PSQL, "-X", "-a", "-h", srv.host, "-p", str(srv.port), "-U", "postgres",
           "-d", "postgres", "-v", "ON_ERROR_STOP=0", "-f", case + ".sql"]
    p = subprocess.run(cmd, cwd=HERE, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    return p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", default="omendb", choices=["omendb", "postgresql"])
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "..", "build", "omendb"))
    ap.add_argument("--record", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    if a.record and a.engine != "postgresql":
        ap.error("--record only against --engine postgresql")
    if not os.access(PSQL, os.X_OK):
        print("run.py: %s not found (postgresql-client-15)" % PSQL, file=sys.stderr)
        return 2
    cases = a.cases or sorted(os.path.basename(f)[:-4] for f in glob.glob(os.path.join(HERE, "*.sql")))
    failed = 0
    for case in cases:
        try:
            srv = servers.make_server(a.engine, a.binary)
        except servers.ServerError as e:
            print("run.py: %s" % e, file=sys.stderr)
            return 2
        with srv:
            try:
                srv.start()
            except servers.ServerError as e:
                print("%s: FAIL: %s\n--- server log ---\n%s" % (case, e, srv.log_tail()))
                failed += 1
                continue
            rc, out = run_case(srv, case)
            problems = []
            if rc != 0:
                problems.append("psql exited with status %d" % rc)
            if not srv.alive():
                problems.append("server died (exit status %s)" % srv.proc.returncode)
            else:
                st = srv.stop()
                if st != 0:
                    problems.append("server exit status %s after SIGTERM (expected 0)" % st)
            if srv.sanitizer_report():
                problems.append("sanitizer report in server log")
            expfile = os.path.join(HERE, case + ".out")
            if a.record:
                if problems:
                    print("%s: not recorded: %s" % (case, "; ".join(problems)))
                    failed += 1
                    continue
                with open(expfile, "wb") as f:
                    f.write(out)
                print("%s: recorded %s (%d bytes)" % (case, os.path.relpath(expfile), len(out)))
                continue
            try:
                with open(expfile, "rb") as f:
                    expected = f.read()
            except OSError as e:
                problems.append("cannot read %s: %s" % (expfile, e))
                expected = b""
            if out != expected:
                diff = difflib.unified_diff(
                    expected.decode("utf-8", "replace").splitlines(True),
                    out.decode("utf-8", "replace").splitlines(True),
                    "%s.out (PostgreSQL 15)" % case, "%s (%s)" % (case, a.engine))
                problems.append("output differs from %s.out:\n%s" % (case, "".join(diff)))
            if problems:
                failed += 1
                print("%s: FAIL" % case)
                for p in problems:
                    print("  " + p)
                if srv.engine == "omendb":
                    print("--- server log (tail) ---\n%s" % srv.log_tail(4000))
            else:
                print("%s: ok" % case)
    if not a.record:
        print("%d passed, %d failed" % (len(cases) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
