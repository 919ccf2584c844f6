#!/usr/bin/env bash
# Every CLI golden case (tests/cli/cases) on PostgreSQL: each case on a database of its own,
# against its expected output unchanged, so both stores answer alike. Cases that never open
# the database pass either way. Left out: rebuild-orphaned and db-upgrade, which edit their
# SQLite file with sqlite3 (to make a record disappear; to make it schema 6 again). The
# PostgreSQL migration is tested in same_answers.sh.
# Usage: golden.sh PARINDEX SRC
set -u
PARINDEX=$1
SRC=$2
source "$SRC/tests/pg/pg_cluster.sh"
pg_start
failures=0
cases=0
n=0
for dir in "$SRC"/tests/cli/cases/*/; do
  name=$(basename "$dir")
  case $name in rebuild-orphaned | db-upgrade) continue ;; esac
  n=$((n + 1))
  db=$(pg_createdb "case$n")
  cases=$((cases + 1))
  if ! out=$(PARINDEX_CASE_DB="$db" LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 bash "$SRC/tests/cli/run_case.sh" "$dir" "$PARINDEX" "$SRC" 2>&1); then
    echo "FAIL: $name on PostgreSQL"
    printf '%s\n' "$out" | head -40
    failures=$((failures + 1))
  fi
done
echo "$cases cases on PostgreSQL, $failures failed"
[ "$failures" -eq 0 ]
