#!/usr/bin/python3
"""run.py - run the differential corpus: OmenDB against a real PostgreSQL 15.

    run.py [--binary build/omendb] [--difftest build/test/difftest]
           [--self-check] [--keep] [DIFFTEST_OPTION...] [FILE...]

Starts a temporary PostgreSQL 15 cluster (initdb --locale=C, TimeZone=UTC,
as the 'postgres' user when run as root) and an OmenDB with an empty data
directory, both on free ports, then runs

    difftest --omendb CONNINFO --pg CONNINFO --exceptions docs/compatibility.md FILE...

(FILE defaults to every test/diff/*.sql).  The exit status is difftest's;
the run fails too when OmenDB died, did not shut down cleanly on SIGTERM or
printed a sanitizer report.

--self-check runs PostgreSQL against itself instead (two scratch databases in
one cluster, pending files included, no exceptions): every statement must
match, which proves the corpus deterministic.  Then it runs difftest on
selftest/selftest.sql, whose differences are known, to prove the harness
sees them, and checks that "difftest --split" splits that file into the
statements recorded in selftest/selftest.split.

Other options (-v, -q, --strict-messages, --ignore-pending) go to difftest.
Standard library only (Debian's /usr/bin/python3).
"""

import argparse
import difflib
import glob
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import servers  # noqa: E402

EXCEPTIONS = os.path.join(ROOT, "docs", "compatibility.md")
SELFTEST = os.path.join(HERE, "selftest", "selftest.sql")
SELFTEST_SPLIT = os.path.join(HERE, "selftest", "selftest.split")


def conninfo(srv):
    return "host=%s port=%d user=postgres dbname=postgres" % (srv.host, srv.port)


def corpus_files(files):
    if files:
        return [os.path.abspath(f) for f in files]
    return sorted(glob.glob(os.path.join(HERE, "*.sql")))


def rel(paths):
    # Paths inside the repository relative to its root, as docs/compatibility.md
    # names them; others stay absolute.
    out = []
    for p in paths:
        r = os.path.relpath(p, ROOT)
        out.append(p if r.startswith("..") else r)
    return out


def run_difftest(cmd):
    sys.stdout.flush()
    t0 = time.monotonic()
    rc = subprocess.call(cmd, cwd=ROOT)
    print("run.py: difftest took %.1fs" % (time.monotonic() - t0))
    if rc < 0:
        print("run.py: FAIL: difftest was killed by signal %d" % -rc)
        rc = 128 - rc
    return rc


def expected_selftest(path):
    """Lines of selftest.sql whose statements must be reported: the statement
    after a '-- expect: DIFFERENCE' comment."""
    want = set()
    lines = open(path).read().split("\n")
    for i, ln in enumerate(lines):
        if ln.startswith("-- expect: DIFFERENCE"):
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith("--")):
                j += 1
            want.add(j + 1)
    return want


def self_check(a, extra):
    try:
        pg = servers.PgServer(keep=a.keep, fast_stop=True)
    except servers.ServerError as e:
        print("run.py: %s" % e, file=sys.stderr)
        return 2
    with pg:
        try:
            pg.start()
        except servers.ServerError as e:
            print("run.py: %s\n--- server log ---\n%s" % (e, pg.log_tail()), file=sys.stderr)
            return 2
        ci = conninfo(pg)
        # 1. the corpus against itself: everything matches
        rc = run_difftest([a.difftest, "--omendb", ci, "--pg", ci, "--scratch", "difftest_a",
                           "--omendb-scratch", "difftest_b", "--ignore-pending", "-q",
                           "--strict-messages"] + extra + rel(corpus_files(a.files)))
        if rc != 0:
            print("run.py: FAIL: the corpus does not agree with itself on PostgreSQL")
            pg.stop()
            return rc
        # 2. the harness reports the differences selftest.sql provokes, no others
        p = subprocess.run([a.difftest, "--omendb", ci, "--pg", ci, "--scratch", "difftest_a",
                            "--omendb-scratch", "difftest_b", rel([SELFTEST])[0]],
                           cwd=ROOT, capture_output=True, text=True)
        print(p.stdout)
        got = {int(m.group(1)) for m in
               re.finditer(r"^\S*selftest\.sql:(\d+): DIFFERENCE", p.stdout, re.M)}
        want = expected_selftest(SELFTEST)
        ok = True
        if got != want:
            print("run.py: FAIL: selftest.sql: reported at lines %s, expected %s"
                  % (sorted(got), sorted(want)))
            ok = False
        m = re.search(r"^diff: (\d+) statements, (\d+) matched, (\d+) differ \(0 expected\)$",
                      p.stdout.rstrip().split("\n")[-1])
        if not m or int(m.group(3)) != len(want) or p.returncode != 1:
            print("run.py: FAIL: selftest.sql: wrong closing line or exit status %d"
                  % p.returncode)
            ok = False
        # 3. the splitter finds exactly the statements recorded in selftest.split
        p = subprocess.run([a.difftest, "--split", rel([SELFTEST])[0]], cwd=ROOT,
                           capture_output=True, text=True)
        want_split = open(SELFTEST_SPLIT).read()
        if p.returncode != 0 or p.stdout != want_split:
            print("run.py: FAIL: difftest --split selftest.sql differs from selftest.split:")
            sys.stdout.writelines(difflib.unified_diff(want_split.splitlines(True),
                                                       p.stdout.splitlines(True),
                                                       "selftest.split", "difftest --split"))
            ok = False
        pg.stop()
        if not ok:
            return 1
        print("run.py: self-check ok (harness selftest: %d differences found as expected)"
              % len(want))
        return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "omendb"))
    ap.add_argument("--difftest", default=os.path.join(ROOT, "build", "test", "difftest"))
    ap.add_argument("--self-check", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the servers' temp directories")
    a, rest = ap.parse_known_args()
    extra = [x for x in rest if x.startswith("-")]
    a.files = [x for x in rest if not x.startswith("-")]
    a.difftest = os.path.abspath(a.difftest)   # difftest runs from the repository root
    a.binary = os.path.abspath(a.binary)
    if not os.access(a.difftest, os.X_OK):
        print("run.py: %s not found (build first)" % a.difftest, file=sys.stderr)
        return 2
    if a.self_check:
        return self_check(a, extra)

    # OmenDB's default TimeZone is $TZ (else the system's zone); the reference
    # cluster runs with TimeZone=UTC, so both sessions start in UTC.
    os.environ["TZ"] = "UTC"
    try:
        pg = servers.PgServer(keep=a.keep, fast_stop=True)
        om = servers.OmenServer(a.binary, keep=a.keep)
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
        rc = run_difftest([a.difftest, "--omendb", conninfo(om), "--pg", conninfo(pg),
                           "--exceptions", EXCEPTIONS] + extra + rel(corpus_files(a.files)))
        pg.stop()
        problems = []
        if not om.alive():
            problems.append("omendb died during the run (exit status %s)" % om.proc.returncode)
        else:
            status = om.stop()
            if status is None:
                problems.append("omendb did not exit within %.0fs of SIGTERM"
                                % servers.STOP_TIMEOUT)
            elif status != 0:
                problems.append("omendb exited with status %s after SIGTERM" % status)
        report = om.sanitizer_report()
        if report:
            problems.append("sanitizer report in the omendb log")
        for p in problems:
            print("run.py: FAIL: %s" % p)
        if problems:
            print("--- omendb log (tail) ---\n%s" % (report or om.log_tail()))
            return rc or 1
        return rc


if __name__ == "__main__":
    sys.exit(main())
