#!/bin/sh
# install-fuzz-deps.sh — the Debian packages `make fuzz` needs on top of
# scripts/install-deps.sh: clang (14 on bookworm) and its compiler-rt, which
# holds libFuzzer and clang's sanitizer runtimes. Kept apart so `make test`
# never needs clang. Silent when everything is present; installs through sudo
# when not root (install-deps.sh does the work).
set -eu
exec "$(dirname "$0")/../../scripts/install-deps.sh" clang libclang-rt-14-dev
