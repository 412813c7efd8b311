#!/bin/sh
# Re-record the expected psql output (*.out) from a real PostgreSQL 15:
# starts a temporary cluster (as the postgres user when run as root), runs
# every *.sql here through psql, and writes *.out.  Review the diff before
# committing it.
set -eu
cd "$(dirname "$0")"
exec /usr/bin/python3 ./run.py --engine postgresql --record "$@"
