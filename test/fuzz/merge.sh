#!/bin/sh
# merge.sh — fold what a fuzzing campaign found into the committed corpus.
#
#   test/fuzz/merge.sh BUILD_DIR [HARNESS...]
#
# For each harness (default: all), libFuzzer's -merge=1 picks from the
# committed corpus (test/fuzz/corpus/<harness>/) and the campaign's
# (BUILD_DIR/fuzz-corpus/<harness>/) a small set of inputs with the same
# coverage, and the hash-named files of the committed corpus are replaced by
# it (the hand-made seed-* files stay). FUZZ_IGNORE is cleared and slow
# inputs time out, so inputs that crash, hang or take long are left out:
# the committed corpus must replay cleanly and fast in `make test`.
set -eu

build=${1:?usage: merge.sh BUILD_DIR [HARNESS...]}
shift
src=$(cd "$(dirname "$0")" && pwd)
harnesses=${*:-fuzz_wire_startup fuzz_sql fuzz_rowcodec fuzz_types fuzz_numeric fuzz_lidx}
unset FUZZ_IGNORE FUZZ_SQL_ABORT_ON_XX000
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"

max_len() {
    case "$1" in
        fuzz_wire_startup) echo 12000 ;;
        fuzz_sql) echo 2048 ;;
        fuzz_rowcodec) echo 4096 ;;
        fuzz_types) echo 1024 ;;
        fuzz_numeric) echo 512 ;;
        *) echo 4096 ;;
    esac
}

for h in $harnesses; do
    bin="$build/test/fuzz/$h"
    [ -x "$bin" ] || { echo "merge: $bin is missing (make fuzz-build)" >&2; exit 2; }
    out=$(mktemp -d)
    mkdir -p "$build/fuzz-corpus/$h"
    "$bin" -merge=1 -timeout=2 -rss_limit_mb=2048 -max_len="$(max_len "$h")" "$out" \
        "$src/corpus/$h" "$build/fuzz-corpus/$h" >"$build/merge-$h.log" 2>&1 || {
        echo "merge: $h failed, see $build/merge-$h.log" >&2
        rm -rf "$out"
        exit 1
    }
    # Keep the seeds; the merge's picks replace every other file.
    find "$src/corpus/$h" -maxdepth 1 -type f ! -name 'seed-*' -delete
    for f in "$out"/*; do
        [ -e "$f" ] && cp "$f" "$src/corpus/$h/"
    done
    # libFuzzer names inputs by their SHA-1: a merged copy of a seed goes,
    # the seed keeps its name.
    for s in "$src/corpus/$h"/seed-*; do
        [ -e "$s" ] || continue
        sum=$(sha1sum "$s" | cut -c1-40)
        rm -f "$src/corpus/$h/$sum"
    done
    rm -rf "$out"
    echo "merge: $h: $(ls "$src/corpus/$h" | wc -l) files, $(du -sk "$src/corpus/$h" | cut -f1) KB"
done
