#!/usr/bin/env bash
# bench/query_bench.sh on a throwaway PostgreSQL 15 server (tests/pg/pg_cluster.sh: a Unix
# socket in a temporary folder, fsync off), for a machine without a server of its own: the
# same N documents copied into it and every command timed on both stores, side by side.
# The server and its data are removed when the script ends. Prints figures; never pass/fail.
#
# usage: bench/pg_query_bench.sh [N]     (default 100,000)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/tests/pg/pg_cluster.sh"
pg_start
bash "$src/bench/query_bench.sh" "${1:-100000}" --db "$(pg_createdb bench)"
