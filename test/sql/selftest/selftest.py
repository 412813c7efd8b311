#!/usr/bin/python3
"""selftest.py - check that the sqllogictest runner detects what it must.

    selftest.py SQLLOGIC_BINARY     (run under with_server.py --engine postgresql)

Runs the runner on must_fail.slt and must_fail_halt.slt: the lines it reports
as FAIL must be exactly the records marked "# expect: FAIL", it must exit 1,
and its closing line must count them.
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ["must_fail.slt", "must_fail_halt.slt"]


def expected_failures(path):
    lines = open(path).read().split("\n")
    want = set()
    for i, ln in enumerate(lines):
        if ln.startswith("# expect: FAIL"):
            j = i + 1
            while lines[j].startswith(("skipif", "onlyif")):
                j += 1
            want.add(j + 1)
    return want


def main():
    runner = sys.argv[1]
    paths = [os.path.join(HERE, f) for f in FILES]
    p = subprocess.run([runner, "-e", "postgresql"] + paths, capture_output=True, text=True)
    print(p.stdout)
    got = {}
    for m in re.finditer(r"^(\S+):(\d+): FAIL", p.stdout, re.M):
        got.setdefault(os.path.basename(m.group(1)), set()).add(int(m.group(2)))
    ok = True
    total = 0
    for f, path in zip(FILES, paths):
        want = expected_failures(path)
        total += len(want)
        have = got.get(f, set())
        if have != want:
            ok = False
            print("selftest: %s: runner reported failures at %s, expected %s"
                  % (f, sorted(have), sorted(want)))
    if p.returncode != 1:
        ok = False
        print("selftest: runner exit status %d, expected 1" % p.returncode)
    last = p.stdout.strip().split("\n")[-1]
    m = re.match(r"(\d+) passed, (\d+) failed$", last)
    if not m or int(m.group(2)) != total:
        ok = False
        print("selftest: closing line %r, expected %d failed" % (last, total))
    print("selftest: %s" % ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
