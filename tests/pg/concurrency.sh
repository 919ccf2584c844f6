#!/usr/bin/env bash
# Four machines ingest overlapping folders into one PostgreSQL database while an analyst runs
# `gaps` in a loop: no failure, every document exactly once, not one duplicate row, and the
# same content as one ingest of all the files into a SQLite file. A writer killed with SIGKILL
# in the middle of a document leaves nothing of it. Usage: concurrency.sh PARINDEX SRC
set -u
PARINDEX=$1
SRC=$2
source "$SRC/tests/pg/pg_cluster.sh"
work=$(mktemp -d)
cleanup() { pg_stop; rm -rf "$work"; }
pg_start
trap cleanup EXIT
cd "$work"
export PARINDEX_CRITERIA="$SRC/dictionaries/criteria:$SRC/dictionaries/criteria/samples"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# 48 distinct text documents (distinct bytes, distinct ids) in four overlapping folders of 24.
mkdir all
i=0
while [ $i -lt 48 ]; do
  for f in "$SRC"/samples/*.txt; do
    [ $i -ge 48 ] && break
    { cat "$f"; printf '\nBản số %d.\n' "$i"; } > "all/doc-$(printf %02d $i).txt"
    i=$((i + 1))
  done
done
for w in 0 1 2 3; do
  mkdir "w$w"
  for n in $(seq $((w * 12)) $((w * 12 + 23))); do cp "all/doc-$(printf %02d $((n % 48))).txt" "w$w/"; done
done

PG=$(pg_createdb shared)
"$PARINDEX" --db "$PG" units > /dev/null 2>&1 # a reader before the schema exists: refused, harmless
pids=()
for w in 0 1 2 3; do
  "$PARINDEX" --db "$PG" ingest -q "w$w" > "w$w.out" 2> "w$w.err" &
  pids+=($!)
done
reads=0
read_failures=0
while kill -0 "${pids[@]}" 2> /dev/null; do
  if ! "$PARINDEX" --db "$PG" gaps > /dev/null 2> gaps.err; then
    grep -q "no parindex database here yet" gaps.err || { read_failures=$((read_failures + 1)); cat gaps.err; }
  fi
  reads=$((reads + 1))
done
for k in 0 1 2 3; do
  wait "${pids[$k]}" || { fail "writer $k failed: $(cat "w$k.err")"; }
done
[ "$read_failures" = 0 ] || fail "$read_failures of $reads gaps runs failed"

docs=$(pg_sql shared "SELECT count(*) FROM documents")
dups=$(pg_sql shared "SELECT count(*) FROM (SELECT doc_id, page, line FROM lines GROUP BY 1, 2, 3 HAVING count(*) > 1) x")
echo "4 writers, 96 files (48 distinct), $reads gaps runs meanwhile: $docs documents, $dups duplicate lines"
[ "$docs" = 48 ] || fail "$docs documents, expected 48"
[ "$dups" = 0 ] || fail "$dups duplicate full-text lines"
"$PARINDEX" --db "$work/one.db" ingest -q all || fail "sqlite ingest"
# A document's source is the path its writer was given (w2/doc-07.txt): the folder aside.
"$PARINDEX" --db "$work/one.db" export | sed -E 's#("source": ")[^"]*/#\1#' > lite.json
"$PARINDEX" --db "$PG" export | sed -E 's#("source": ")[^"]*/#\1#' > pg.json
cmp -s lite.json pg.json || fail "the shared database's export differs from one ingest into SQLite"
rows() { # db: rows per table
  for t in scores indices targets tasks refs pages; do
    if [ "$1" = pg ]; then pg_sql shared "SELECT count(*) FROM $t"; else sqlite3 one.db "SELECT count(*) FROM $t"; fi
  done | tr '\n' ' '
}
[ "$(rows pg)" = "$(rows lite)" ] || fail "rows differ: postgresql $(rows pg), sqlite $(rows lite)"
[ "$(pg_sql shared 'SELECT count(*) FROM lines')" = "$(sqlite3 one.db 'SELECT sum(last_row - first_row + 1) FROM doc_lines')" ] ||
  fail "full-text lines differ"

# SIGKILL in the middle of a document: the transaction is gone with the connection.
mkdir big
for n in $(seq 1 300); do { cat "$SRC/samples/song-may-2024-ket-qua-chi-so.txt"; printf '\nBản lớn %d.\n' "$n"; } > "big/b-$n.txt"; done
before=$(pg_sql shared "SELECT count(*) FROM documents")
"$PARINDEX" --db "$PG" ingest -q big > /dev/null 2>&1 &
victim=$!
sleep 0.5
kill -KILL "$victim" 2> /dev/null
wait "$victim" 2> /dev/null
sleep 0.3
half=$(pg_sql shared "SELECT count(*) FROM documents d WHERE d.source LIKE '%b-%.txt'
  AND (NOT EXISTS (SELECT 1 FROM pages p WHERE p.doc_id = d.id) OR NOT EXISTS (SELECT 1 FROM indices s WHERE s.doc_id = d.id)
       OR NOT EXISTS (SELECT 1 FROM lines l WHERE l.doc_id = d.id))")
after=$(pg_sql shared "SELECT count(*) FROM documents")
echo "killed a writer: $((after - before)) documents stored whole before it died, $half half-written"
[ "$half" = 0 ] || fail "$half half-written documents after SIGKILL"
"$PARINDEX" --db "$PG" ingest -q big || fail "ingest after the kill"
[ "$(pg_sql shared 'SELECT count(*) FROM documents')" = $((before + 300)) ] || fail "documents after the kill's re-run"

echo "$failures failed"
[ "$failures" -eq 0 ]
