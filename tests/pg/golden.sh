#!/usr/bin/env bash
# The CLI golden cases (tests/cli/cases) that query, correct and re-ingest a database, run on
# PostgreSQL: each case on a database of its own, against its expected output unchanged, so
# both stores answer alike. The others (bad input, OCR, the catalogue, a missing or foreign
# SQLite file, the seeds) do not depend on the store, or are about the SQLite file itself, and
# rebuild-orphaned edits its file with sqlite3; leaving them out keeps this run short.
# Usage: golden.sh PARINDEX SRC
set -u
PARINDEX=$1
SRC=$2
source "$SRC/tests/pg/pg_cluster.sh"
pg_start
failures=0
cases=0
n=0
for name in correct-drop-add correct-gaps correct-rebuild-reingest corrections-export-import \
  export-ndjson-count fail-on-gaps filters-accents ranking-diff-units reingest-unchanged review-planted \
  samples-deadlines-ics samples-diff-targets samples-diff-units samples-gaps-group samples-report \
  samples-search search-exact unknown-unit; do
  dir=$SRC/tests/cli/cases/$name
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
