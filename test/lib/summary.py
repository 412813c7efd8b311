#!/usr/bin/python3
"""summary.py - one plain closing line for one or more meson test runs.

    summary.py [--rc N] [--label WORD] build/meson-logs/testlog.json ...

Reads meson's testlog.json files (one JSON object per test) and prints
"WORD: N passed, M failed, K skipped".  A missing log file (the build failed
before any test ran) or a non-zero --rc with no failing test counts as one
failure, so a broken build never reads as a clean run.
"""

import argparse
import json
import sys

PASS = {"OK", "EXPECTEDFAIL"}
SKIP = {"SKIP"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rc", type=int, default=0, help="exit status of the run")
    ap.add_argument("--label", default="tests")
    ap.add_argument("logs", nargs="+")
    a = ap.parse_args()
    passed = failed = skipped = 0
    for path in a.logs:
        try:
            with open(path) as f:
                lines = [ln for ln in f if ln.strip()]
        except OSError:
            print("summary: %s missing (build or setup failed?)" % path)
            failed += 1
            continue
        for ln in lines:
            try:
                result = json.loads(ln).get("result")
            except ValueError:
                continue
            if result in PASS:
                passed += 1
            elif result in SKIP:
                skipped += 1
            else:
                failed += 1
    if a.rc != 0 and failed == 0:
        failed = 1
    print("%s: %d passed, %d failed, %d skipped" % (a.label, passed, failed, skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main())
