#!/usr/bin/env bash
# Three ingest processes on overlapping folders into one database finish without "database is
# locked" and without duplicates, while readers run `gaps`.
source "$(dirname "$0")/common.sh"

make_docs all 120
mkdir -p a b c
cp all/doc-00[0-7]?.txt a/
cp all/doc-00[4-9]?.txt b/
cp all/doc-00[0-9][05].txt all/doc-01??.txt c/
"$PARINDEX" ingest -q "$SRC/samples" # the readers need a database to read
pids=()
for d in a b c; do
  "$PARINDEX" ingest -q "$d" 2> "err-$d.txt" &
  pids+=($!)
done
reads=0 read_failures=0
while kill -0 "${pids[@]}" 2>/dev/null; do
  "$PARINDEX" gaps --format ndjson > /dev/null 2>> err-read.txt || read_failures=$((read_failures + 1))
  reads=$((reads + 1))
done
for i in 0 1 2; do
  cases=$((cases + 1))
  wait "${pids[$i]}" || fail "writer $i failed: $(cat err-*.txt)"
done
cases=$((cases + 1))
[ $read_failures = 0 ] || fail "$read_failures of $reads reads failed: $(cat err-read.txt)"
cases=$((cases + 1))
if grep -q "locked" err-*.txt; then fail "a 'database is locked' failure"; fi
expected=$(ls a b c | grep -c '^doc-' ; true)
distinct=$( (ls a; ls b; ls c) | grep '^doc-' | sort -u | wc -l)
stored=$(sqlite3 "$PARINDEX_DB" "SELECT count(*) FROM documents WHERE source NOT LIKE '%samples%'")
cases=$((cases + 1))
[ "$stored" = "$distinct" ] || fail "$stored documents stored, $distinct distinct files"
echo "$reads reads during the writes; $distinct distinct documents from 3 overlapping writers"

# A database held by another process's write lock: one error line naming it, status 2,
# content unchanged.
cases=$((cases + 1))
before=$(dump)
python3 - "$PARINDEX_DB" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[1] + ".held", "w").close()
time.sleep(3)
c.execute("ROLLBACK")
PY
holder=$!
for _ in $(seq 1 100); do [ -f "$PARINDEX_DB.held" ] && break; sleep 0.05; done
PARINDEX_BUSY_TIMEOUT_MS=300 "$PARINDEX" ingest "$SRC/samples/song-may-2025-ke-hoach-khac-phuc.txt" all/doc-0001.txt > /dev/null 2> err-lock.txt
status=$?
wait $holder
[ $status = 2 ] || fail "locked database: status $status, expected 2"
grep -q "test.db: database is locked by another process" err-lock.txt || fail "locked database: message: $(cat err-lock.txt)"
[ "$(dump)" = "$before" ] || fail "locked database: content changed"
finish
