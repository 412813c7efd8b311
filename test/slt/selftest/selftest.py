#!/usr/bin/python3
"""selftest.py - check that the corpus gate (sqllogic --sqlite --reference)
judges what it must.

    selftest.py SQLLOGIC_BINARY     (run under with_server.py --engine postgresql)

Creates two databases on that PostgreSQL, seeded differently (SETUP), and runs
gate.test with one as the target and the other as the reference, with a
pending list generated from the file's "# pending" markers.  The FAIL lines
must be exactly the records marked "# expect: FAIL", the counts in the
summary line must be the ones below, and the exit status 1.  Then
--write-pending must list exactly the records where the target errors.
"""

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "lib"))
import pgmini  # noqa: E402

TEST = os.path.join(HERE, "gate.test")
SETUP = {
    "slt_ref": ["CREATE TABLE t (x int)", "INSERT INTO t VALUES (2)",
                "CREATE TABLE u (y int)", "INSERT INTO u VALUES (5)",
                "CREATE TABLE w (z int)", "INSERT INTO w VALUES (3)"],
    "slt_tgt": ["CREATE TABLE t (x int)", "INSERT INTO t VALUES (1)",
                "CREATE TABLE w (z numeric)", "INSERT INTO w VALUES (3)"],
}
# passed, pending, failed, wrong results, stale entries, skipped, rejected
WANT = {"passed": 10, "pending": 1, "failed": 8, "wrong": 4, "stale": 3, "skipped": 2,
        "rejected": 2}


def markers(lines):
    """(lines that must FAIL, lines to list as pending), 1-based."""
    fail, pend = set(), set()
    for i, ln in enumerate(lines):
        if not ln.startswith(("# expect: FAIL", "# pending")):
            continue
        if ln.startswith("# pending: this line"):
            pend.add(i + 1)
            continue
        j = i + 1
        while lines[j].startswith(("#", "skipif", "onlyif")):
            if lines[j].startswith("# pending: this line"):
                break
            j += 1
        (fail if ln.startswith("# expect") else pend).add(j + 1)
    return fail, pend


def main():
    runner = sys.argv[1]
    host, port = os.environ["PGHOST"], int(os.environ["PGPORT"])
    c = pgmini.PgConn.connect(host, port)
    for db in SETUP:
        c.execute("DROP DATABASE IF EXISTS %s" % db)
        c.execute("CREATE DATABASE %s" % db)
    c.close()
    for db, stmts in SETUP.items():
        c = pgmini.PgConn.connect(host, port, database=db)
        for s in stmts:
            c.execute(s)
        c.close()

    lines = open(TEST).read().split("\n")
    want_fail, pend = markers(lines)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        pending = os.path.join(tmp, "pending.txt")
        with open(pending, "w") as f:
            f.write("# generated\n")
            for ln in sorted(pend):
                f.write("gate.test:%d reason\n" % ln)
        base = [runner, "--sqlite", "-e", "omendb,postgresql", "--root", HERE,
                "-h", host, "-p", str(port), "-d", "slt_tgt",
                "--reference", "host=%s port=%d user=postgres dbname=slt_ref" % (host, port)]
        p = subprocess.run(base + ["--pending", pending, TEST], capture_output=True, text=True)
        print(p.stdout, p.stderr)
        got = {int(m.group(1)) for m in re.finditer(r"^gate\.test:(\d+): FAIL", p.stdout, re.M)}
        if got != want_fail:
            ok = False
            print("selftest: FAIL lines %s, expected %s" % (sorted(got), sorted(want_fail)))
        if p.returncode != 1:
            ok = False
            print("selftest: exit status %d, expected 1" % p.returncode)
        m = re.search(r"^gate\.test: \d+ run, (\d+) passed, (\d+) pending, (\d+) failed \((\d+)"
                      r" wrong results, (\d+) stale pending entries\), (\d+) skipped"
                      r" \(skipif/onlyif\), (\d+) rejected", p.stdout, re.M)
        have = dict(zip(["passed", "pending", "failed", "wrong", "stale", "skipped", "rejected"],
                        map(int, m.groups()))) if m else None
        if have != WANT:
            ok = False
            print("selftest: counts %s, expected %s" % (have, WANT))

        # --write-pending lists the records where the target errors (the
        # pending one, the unlisted one, and the stale-but-rejected ones are
        # not: the reference rejects those), never a wrong result.
        out = os.path.join(tmp, "written.txt")
        p = subprocess.run(base + ["--write-pending", out, TEST], capture_output=True, text=True)
        print(p.stdout, p.stderr)
        written = [ln for ln in open(out).read().split("\n") if ln and not ln.startswith("#")]
        errs = [i + 1 for i, ln in enumerate(lines) if ln == "SELECT y FROM u"]
        want_written = ["gate.test:%d semantics" % (ln - 1) for ln in errs]
        if written != want_written:
            ok = False
            print("selftest: --write-pending wrote %s, expected %s" % (written, want_written))
    print("selftest: %s" % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
