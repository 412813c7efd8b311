#!/bin/sh
# install-deps.sh — install the Debian packages OmenDB needs to build and test.
#
# Idempotent and silent when everything is present. Missing packages are
# installed with apt-get (through sudo when not root); `apt-get update` runs
# only when something is missing. Presence is checked with dpkg-query, not by
# probing for commands.
#
#   build:  gcc/build-essential, meson, ninja, pkg-config, LMDB, libpg_query
#           (+ protobuf-c), cmocka (unit tests), libpq (SQL test runner),
#           OpenSSL's libcrypto (md5 and other digests), GMP (numeric),
#           PCRE2 (regular expressions)
#   usage:  scripts/install-deps.sh [EXTRA_PACKAGE ...]
#   tests:  psql 15 (psql comparison tests), PostgreSQL 15 server (the
#           differential suite sql-pg), Debian's python3 (test helpers)
set -eu

PACKAGES="
build-essential
gcc
meson
ninja-build
pkg-config
liblmdb-dev
libpg-query-dev
libprotobuf-c-dev
libcmocka-dev
libpq-dev
libssl-dev
libgmp-dev
libpcre2-dev
libicu-dev
postgresql-client-15
postgresql-15
python3
"
# Extra packages named on the command line (test/fuzz/install-fuzz-deps.sh).
PACKAGES="$PACKAGES $*"

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
    echo "install-deps: missing packages:$missing" >&2
    echo "install-deps: not root and sudo is not available; install them as root" >&2
    exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086  # word splitting of the package list is intended
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "install-deps: done"
