#!/bin/sh
# install-deps.sh — the build packages, gnuplot for the chart, and DuckDB's
# node package into bench/tpch/node_modules (the machine's own node and npm;
# none is installed here). Not a dependency of `make test`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
"$here/../../scripts/install-deps.sh" gnuplot-nox
if [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
    command -v npm >/dev/null || { echo "install-deps.sh: npm not found (DuckDB runs under node)" >&2; exit 1; }
    (cd "$here" && npm install --no-audit --no-fund --silent)
fi
