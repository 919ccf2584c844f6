#!/usr/bin/env bash
# Crash safety: SIGKILL in the middle of a folder leaves a database that opens, passes
# PRAGMA integrity_check and holds every document committed before the kill; a re-run
# completes the rest without duplicates. SIGINT stops cleanly with status 130.
source "$(dirname "$0")/common.sh"

make_docs in 300
"$PARINDEX" ingest -q in &
pid=$!
# Kill once some documents are in (or after 3 s at the latest).
for _ in $(seq 1 60); do
  n=$(sqlite3 "$PARINDEX_DB" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 20 ] && break
  sleep 0.05
done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
cases=$((cases + 1))
[ "$(sqlite3 "$PARINDEX_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after SIGKILL"
stored=$(sqlite3 "$PARINDEX_DB" 'SELECT count(*) FROM documents')
echo "after SIGKILL: $stored documents stored"
[ "$stored" -lt 300 ] || echo "note: the kill came after the last document"
cases=$((cases + 1))
"$PARINDEX" ingest -q in || fail "re-run after SIGKILL"
[ "$(sqlite3 "$PARINDEX_DB" 'SELECT count(*) FROM documents')" = 300 ] || fail "not 300 documents after the re-run"
[ "$(sqlite3 "$PARINDEX_DB" 'SELECT count(*) FROM (SELECT source FROM documents GROUP BY source HAVING count(*) > 1)')" = 0 ] || fail "duplicates"
[ "$(sqlite3 "$PARINDEX_DB" 'SELECT count(*) FROM scores s LEFT JOIN documents d ON d.id = s.doc_id WHERE d.id IS NULL')" = 0 ] || fail "orphan scores"

# SIGINT: exit 130, the database whole.
rm -f "$PARINDEX_DB"*
make_docs in2 300
"$PARINDEX" ingest -q in2 2> err.txt &
pid=$!
for _ in $(seq 1 60); do
  n=$(sqlite3 "$PARINDEX_DB" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 10 ] && break
  sleep 0.05
done
kill -INT $pid
wait $pid
status=$?
cases=$((cases + 1))
if [ "$(sqlite3 "$PARINDEX_DB" 'SELECT count(*) FROM documents')" -lt 300 ]; then
  [ $status = 130 ] || fail "SIGINT: status $status, expected 130"
  grep -q "interrupted" err.txt || fail "SIGINT: no 'interrupted' message"
fi
[ "$(sqlite3 "$PARINDEX_DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after SIGINT"
finish
