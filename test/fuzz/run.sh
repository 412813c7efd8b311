#!/bin/sh
# run.sh — run the libFuzzer harnesses built in a `make fuzz` tree.
#
#   test/fuzz/run.sh BUILD_DIR SECONDS [HARNESS...]
#
# Each harness (default: all six) runs for SECONDS on two corpus
# directories: BUILD_DIR/fuzz-corpus/<harness>/ (new inputs are written
# there) and test/fuzz/corpus/<harness>/ (the committed seeds, only read),
# with its dictionary when there is one. Crashes, leaks, timeouts and
# out-of-memory inputs land in BUILD_DIR/fuzz-artifacts/<harness>/; the
# script goes on with the next harness and exits 1 at the end if any
# harness found something. FUZZ_IGNORE (README.md) passes through. See
# README.md for turning a finding into a committed replay.
set -u

build=${1:?usage: run.sh BUILD_DIR SECONDS [HARNESS...]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [HARNESS...]}
shift 2
src=$(cd "$(dirname "$0")" && pwd)
harnesses=${*:-fuzz_wire_startup fuzz_sql fuzz_rowcodec fuzz_types fuzz_numeric fuzz_lidx fuzz_like}

# Per-harness input size limits: a startup packet is at most 10000 bytes; SQL
# statements stay short for speed; rows and type texts are small.
max_len() {
    case "$1" in
        fuzz_wire_startup) echo 12000 ;;
        fuzz_sql) echo 2048 ;;
        fuzz_rowcodec) echo 4096 ;;
        fuzz_types) echo 1024 ;;
        fuzz_numeric) echo 512 ;;
        fuzz_lidx) echo 16384 ;;
        fuzz_like) echo 600 ;;
        *) echo 4096 ;;
    esac
}

export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1}"

found=0
for h in $harnesses; do
    bin="$build/test/fuzz/$h"
    if [ ! -x "$bin" ]; then
        echo "fuzz: $bin is missing (build it with make fuzz)" >&2
        exit 2
    fi
    work="$build/fuzz-corpus/$h"
    art="$build/fuzz-artifacts/$h"
    mkdir -p "$work" "$art" "$src/corpus/$h"
    dict=""
    [ -f "$src/$h.dict" ] && dict="-dict=$src/$h.dict"
    echo "fuzz: $h for ${seconds}s (max_len $(max_len "$h"))"
    # shellcheck disable=SC2086  # $dict is empty or one word
    "$bin" -max_total_time="$seconds" -max_len="$(max_len "$h")" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$art/" $dict "$work" "$src/corpus/$h" \
        >"$build/fuzz-$h.log" 2>&1
    rc=$?
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' "$build/fuzz-$h.log" \
        | awk '!seen[$0]++' | sed 's/^/    /'
    if [ "$rc" -ne 0 ]; then
        found=1
        echo "fuzz: $h FAILED (exit $rc); log: $build/fuzz-$h.log" >&2
        grep -E 'ERROR: |SUMMARY: |invariant failed|Test unit written' "$build/fuzz-$h.log" | awk '!seen[$0]++' \
            | head -5 >&2
    fi
done
if [ "$found" -ne 0 ]; then
    echo "fuzz: findings in $build/fuzz-artifacts/; commit each new one as" \
         "test/fuzz/crashes/<harness>/open-<what> (test/fuzz/README.md)" >&2
    exit 1
fi
echo "fuzz: no findings"
