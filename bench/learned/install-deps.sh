#!/bin/sh
# install-deps.sh — the build packages plus gnuplot for the benchmark's chart.
# Not a dependency of `make test`.
exec "$(dirname "$0")/../../scripts/install-deps.sh" gnuplot-nox
