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
#   tests:  psql 15 (psql comparison tests), zstd (the TPC-H data), PostgreSQL 15 server (the
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
zstd
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

# PostgreSQL 15 is the specification the tests compare against, and its minor
# releases change behaviour (15.20: right(s, -2147483648) is '', to_char's V
# overflow raises 22003). Every machine tests against the minor the
# expectations were verified on (scripts/pg-version) or a newer one the
# archive offers: an installed older minor is upgraded, not only a missing one
# installed.
PG_MIN=$(cat "$(dirname "$0")/pg-version")
pg_stale=""
for p in postgresql-15 postgresql-client-15; do
    v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || true)
    if [ -n "$v" ] && dpkg --compare-versions "$v" lt "$PG_MIN"; then
        pg_stale="$pg_stale $p"
    fi
done
# (a stale package is installed, so it is not in $missing yet)
missing="$missing$pg_stale"
[ -n "$pg_stale" ] && echo "install-deps: PostgreSQL older than $PG_MIN installed:$pg_stale; upgrading"

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
# Another apt-get may hold the dpkg lock (a parallel install): wait for it.
APT_OPTS="-o DPkg::Lock::Timeout=300"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get $APT_OPTS update -qq
# shellcheck disable=SC2086  # word splitting of the package list is intended
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get $APT_OPTS install -y -qq --no-install-recommends $missing >/dev/null
for p in $pg_stale; do
    v=$(dpkg-query -W -f='${Version}' "$p")
    if dpkg --compare-versions "$v" lt "$PG_MIN"; then
        echo "install-deps: the archive offers $p $v, older than $PG_MIN (scripts/pg-version)" >&2
        exit 1
    fi
done
echo "install-deps: done"
