#!/usr/bin/env bash
# The store-agnostic doctest cases (the seed acceptance test through a real store, and the
# query tests: gaps, targets, deadlines, rankings of other units) again on PostgreSQL: each
# opens a new database of a throwaway server (testing::test_database), and must give the
# same answers it checks on the SQLite file.
# Usage: unit.sh PARINDEX_TESTS SRC
set -u
TESTS=$1
source "$2/tests/pg/pg_cluster.sh"
pg_start
export PARINDEX_TEST_PG="host=$PG_DIR user=pgadmin"
"$TESTS" --test-case='query::*' --no-intro --no-version
