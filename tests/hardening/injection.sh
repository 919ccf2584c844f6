#!/usr/bin/env bash
# SQL is parameterised: values that look like SQL are only values.
source "$(dirname "$0")/common.sh"
"$PARINDEX" ingest -q "$SRC/samples"
before=$(dump)
evil="'); DROP TABLE documents;--"
for args in "gaps --unit" "gaps --code" "diff --from 2023 --to 2024 --unit" "show"; do
  cases=$((cases + 1))
  # shellcheck disable=SC2086
  "$PARINDEX" $args "$evil" > /dev/null 2>&1
  [ $? -lt 128 ] || fail "$args: crashed"
  [ "$(dump)" = "$before" ] || fail "$args: database changed"
done
cases=$((cases + 1))
[ "$(sqlite3 "$PARINDEX_DB" "SELECT count(*) FROM documents")" = 4 ] || fail "documents table damaged"
# A source path with quotes is stored as written.
cases=$((cases + 1))
cp "$SRC/samples/song-may-2024-ket-qua-chi-so.txt" "x'); DROP TABLE scores;--.txt"
printf '\n' >> "x'); DROP TABLE scores;--.txt"
"$PARINDEX" ingest -q "x'); DROP TABLE scores;--.txt" || fail "ingest of a quoted file name"
[ "$(sqlite3 "$PARINDEX_DB" "SELECT count(*) FROM documents WHERE source LIKE 'x''); DROP%'")" = 1 ] || fail "quoted source not stored as written"
# No shell is ever started with strings from users or documents: the library and the CLI
# never call system(), popen() or the exec family.
cases=$((cases + 1))
if grep -rnE '\b(system|popen|execl|execlp|execv|execvp|execve)\s*\(' "$SRC/lib" "$SRC/tools/parindex"; then
  fail "a shell or exec call in lib/ or tools/parindex/"
fi
finish
