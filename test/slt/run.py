#!/usr/bin/python3
"""run.py - the sqllogictest corpus (test/slt/corpus, SQLite's files) as a gate.

    run.py [--binary build/omendb] [--sqllogic build/test/sqllogic]
           [--pending test/slt/pending.txt | --write-pending FILE]
           [--subset] [-v] [FILE...]

Starts an OmenDB (empty data directory) and a temporary PostgreSQL 15 cluster,
both on free ports, and runs every record of the corpus on both in the same
run (sqllogic --sqlite --reference, see the top of test/sql/runner.c):

  - a record PostgreSQL 15 fails is "rejected": not held against OmenDB (no
    committed list of them, so none can go stale);
  - a record PostgreSQL passes must pass on OmenDB, unless it is on the
    pending list AND OmenDB returns an error for it;
  - a wrong result on OmenDB always fails;
  - a pending entry that passes now, or that PostgreSQL rejects, or that
    names no record, fails: the list only shrinks.

Records marked "skipif postgresql" (or onlyif another engine) are skipped on
both: OmenDB answers to the engine names omendb and postgresql.

--write-pending FILE runs the same and writes the records OmenDB fails with an
error (with a one-word reason) instead of judging them; wrong results still
fail.  Regenerate the committed list with

    test/slt/run.py --write-pending test/slt/pending.txt

--subset runs only SUBSET (below; for the ASan build, where the whole corpus
is too slow).  FILE arguments (paths under test/slt/corpus) narrow the run;
pending entries of files that do not run are not checked.

Exit status: sqllogic's; non-zero too when OmenDB died, did not shut down
cleanly on SIGTERM or printed a sanitizer report.  Standard library only.
"""

import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(HERE, "corpus")
PENDING = os.path.join(HERE, "pending.txt")
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import servers  # noqa: E402

# Under the sanitizers, where the whole corpus takes about 6.5 minutes: the
# hand-written files, select1 and the expression file (about 11,500 of the
# 43,000 records run, ~2 minutes).
SUBSET = ["evidence", "random/expr", "select1.test"]


def conninfo(srv):
    return "host=%s port=%d user=postgres dbname=postgres" % (srv.host, srv.port)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "omendb"))
    ap.add_argument("--sqllogic", default=os.path.join(ROOT, "build", "test", "sqllogic"))
    ap.add_argument("--pending", default=PENDING)
    ap.add_argument("--write-pending", metavar="FILE")
    ap.add_argument("--subset", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()

    if a.files:
        targets = [os.path.abspath(f) for f in a.files]
    elif a.subset:
        targets = [os.path.join(CORPUS, f) for f in SUBSET]
    else:
        targets = [CORPUS]

    files = []
    for t in targets:
        if os.path.isdir(t):
            for d, _, names in os.walk(t):
                files += [os.path.join(d, n) for n in names if n.endswith(".test")]
        else:
            files.append(t)
    files.sort(key=lambda f: os.path.relpath(f, CORPUS))

    try:
        pg = servers.make_server("postgresql")
    except servers.ServerError as e:
        print("slt: %s" % e, file=sys.stderr)
        return 2
    totals = {}
    written = []
    rc = 0
    with pg:
        try:
            pg.start()
        except servers.ServerError as e:
            print("slt: %s\n--- PostgreSQL log ---\n%s" % (e, pg.log_tail()), file=sys.stderr)
            return 2
        for k, path in enumerate(files):
            frc, out = run_one(a, pg, k, path, written)
            rc = rc or frc
            m = SUMMARY.search(out)
            if m:
                for key, val in zip(SUMMARY_KEYS, m.groups()):
                    totals[key] = totals.get(key, 0) + int(val)
            else:
                rc = rc or 1
    print("slt: %d files: %s" % (len(files), ", ".join(
        "%d %s" % (totals.get(key, 0), key.replace("_", " ")) for key in SUMMARY_KEYS)))
    if a.write_pending:
        write_pending(a.write_pending, written)
    elif rc != 0:
        print("slt: the corpus gate failed. A record that fails on OmenDB and is not on the"
              " pending list is a regression, or a wrong result; a pending entry that passes"
              " now is progress. After fixing regressions and wrong results, rewrite the"
              " list with:\n    test/slt/run.py --write-pending test/slt/pending.txt")
    print("%d passed, %d failed" % (totals.get("passed", 0), totals.get("failed", 0)))
    return rc


SUMMARY = re.compile(r"^\S+: (\d+) run, (\d+) passed, (\d+) pending, (\d+) failed \((\d+) wrong"
                     r" results, (\d+) stale pending entries\), (\d+) skipped \(skipif/onlyif\),"
                     r" (\d+) rejected by the reference$", re.M)
SUMMARY_KEYS = ["run", "passed", "pending", "failed", "wrong_results", "stale_pending_entries",
                "skipped", "rejected_by_PostgreSQL"]


def run_one(a, pg, k, path, written):
    """Run one corpus file on a fresh OmenDB and a fresh PostgreSQL database
    (the files do not drop what they create).  Returns (status, output)."""
    db = "slt_%d" % k
    c = pg.connect()
    try:
        c.execute("CREATE DATABASE %s" % db)
    finally:
        c.close()
    try:
        om = servers.make_server("omendb", a.binary)
    except servers.ServerError as e:
        print("slt: %s" % e, file=sys.stderr)
        return 2, ""
    with om:
        try:
            om.start()
        except servers.ServerError as e:
            print("slt: %s\n--- OmenDB log ---\n%s" % (e, om.log_tail()), file=sys.stderr)
            return 2, ""
        cmd = [a.sqllogic, "--sqlite", "-e", "omendb,postgresql", "--root", CORPUS,
               "-h", om.host, "-p", str(om.port), "-U", "postgres", "-d", "postgres",
               "--reference", "host=%s port=%d user=postgres dbname=%s" % (pg.host, pg.port, db)]
        part = os.path.join(om.tmp, "pending.part")
        if a.write_pending:
            cmd += ["--write-pending", part]
        else:
            cmd += ["--pending", a.pending]
        if a.verbose:
            cmd.append("-v")
        p = subprocess.run(cmd + [path], stdout=subprocess.PIPE, text=True,
                           errors="replace")
        # Everything but the runner's closing total lines (the totals are ours).
        for ln in p.stdout.splitlines():
            if not ln.startswith("sqllogic: ") and not re.match(r"\d+ passed, \d+ failed$", ln):
                print(ln)
        sys.stdout.flush()
        rc = p.returncode
        if a.write_pending and os.path.exists(part):
            with open(part) as f:
                written += [ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")]
        problems = []
        if not om.alive():
            problems.append("OmenDB died during %s (exit status %s)"
                            % (os.path.relpath(path, CORPUS), om.proc.returncode))
        else:
            status = om.stop()
            if status is None:
                problems.append("OmenDB did not exit within %.0fs of SIGTERM"
                                % servers.STOP_TIMEOUT)
            elif status != 0:
                problems.append("OmenDB exited with status %s after SIGTERM" % status)
        report = om.sanitizer_report()
        if report:
            problems.append("sanitizer report in OmenDB's log")
        if problems:
            for pr in problems:
                print("slt: FAIL: %s" % pr)
            print("--- OmenDB log (tail) ---\n%s" % (report or om.log_tail()))
            return rc or 1, p.stdout
        return rc, p.stdout


def write_pending(path, entries):
    counts = {}
    for e in entries:
        reason = e.split()[1] if len(e.split()) > 1 else "?"
        counts[reason] = counts.get(reason, 0) + 1
    with open(path, "w") as f:
        f.write("# test/slt/pending.txt - records of test/slt/corpus that PostgreSQL 15 passes and\n"
                "# OmenDB does not pass yet: it returns an error for each (a wrong result is never\n"
                "# listed). The gate (test/slt/run.py, suite slt) tolerates these and fails when\n"
                "# one passes, so the list only shrinks. Regenerate after fixing:\n"
                "#     test/slt/run.py --write-pending test/slt/pending.txt\n"
                "# FILE:LINE REASON (the reason is a guess from OmenDB's error message).\n"
                "# %d entries: %s\n" % (len(entries), ", ".join(
                    "%s %d" % (r, n) for r, n in sorted(counts.items(), key=lambda x: -x[1]))))
        for e in entries:
            f.write(e + "\n")
    print("slt: wrote %d pending entries to %s" % (len(entries), path))

if __name__ == "__main__":
    sys.exit(main())
