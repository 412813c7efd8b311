#!/bin/sh
# install-fuzz-deps.sh — the Debian packages `make fuzz` needs on top of
# scripts/install-deps.sh: clang (14 on bookworm) and its compiler-rt, which
# holds libFuzzer and clang's sanitizer runtimes. Kept apart so `make test`
# never needs clang. Silent when everything is present; installs through sudo
# when not root, as install-deps.sh does.
set -eu

PACKAGES="
clang
libclang-rt-14-dev
"

missing=""
for p in $PACKAGES; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    if [ "$status" != "installed" ]; then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-fuzz-deps: missing packages:$missing" >&2
    echo "install-fuzz-deps: not root and sudo is not available; install them as root" >&2
    exit 1
fi

echo "install-fuzz-deps: installing$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086  # word splitting of the package list is intended
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-fuzz-deps: done"
