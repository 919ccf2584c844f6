#!/usr/bin/env bash
# The PostgreSQL store gives the SQLite file's answers: the samples ingested into both, every
# read command's output compared byte for byte (the database's name aside); re-ingest adds
# nothing; `db copy` SQLite → PostgreSQL → SQLite keeps every document, text and correction
# and a second copy copies nothing; a role granted SELECT only reads, and its ingest is refused
# with one line. Usage: same_answers.sh PARINDEX SRC
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
export SOURCE_DATE_EPOCH=1764547200 USER=officer
failures=0
cases=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

LITE=$work/samples.db
PG=$(pg_createdb samples)
PG_NAME="postgresql://pgadmin@$PG_DIR/samples" # as errors name it: no password, ever
(cd "$SRC" && "$PARINDEX" --db "$LITE" ingest -q samples) || fail "sqlite ingest"
(cd "$SRC" && "$PARINDEX" --db "$PG" ingest -q samples) || fail "postgresql ingest"

# A correction in both, so that every read shows corrected records too.
key=$("$PARINDEX" --db "$LITE" export | python3 -c '
import json, sys
docs = json.load(sys.stdin)["documents"]
print(next(r["key"] for d in docs for r in d["scores"] if r["code"] == "1.3" and r["year"] == 2023))')
for db in "$LITE" "$PG"; do
  "$PARINDEX" --db "$db" correct "$key" --set appraised=1,5 --note "theo QĐ 318" > /dev/null || fail "correct in $db"
done
doc=$("$PARINDEX" --db "$LITE" export | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"][0]["id"][:12])')

same() { # DB_A NAME_A DB_B NAME_B ARGS...: the same stdout, stderr and status
  local a=$1 an=$2 b=$3 bn=$4
  shift 4
  cases=$((cases + 1))
  "$PARINDEX" --db "$a" "$@" > a.out 2> a.err
  local sa=$?
  "$PARINDEX" --db "$b" "$@" > b.out 2> b.err
  local sb=$?
  sed -i "s#$an#DB#g" a.out a.err
  sed -i "s#$bn#DB#g" b.out b.err
  if [ "$sa" != "$sb" ]; then fail "parindex $*: status $sa vs $sb"; fi
  if ! cmp -s a.out b.out; then
    fail "parindex $*: stdout differs"
    diff a.out b.out | head -20
  fi
  if ! cmp -s a.err b.err; then
    fail "parindex $*: stderr differs"
    diff a.err b.err | head -10
  fi
}
reads() { # DB_A NAME_A DB_B NAME_B
  same "$@" export
  same "$@" export --format ndjson
  same "$@" gaps
  same "$@" gaps --format json
  same "$@" gaps --unit "song may" --year 2023 --code 1
  same "$@" diff --unit "Sông Mây" --from 2023 --to 2024
  same "$@" diff --unit "Sông Mây" --from 2023 --to 2024 --format csv
  same "$@" units
  same "$@" units --format json
  same "$@" search "cai cach tai chinh"
  same "$@" search "giai ngan" --format json
  same "$@" search "UBND" --unit "Sông Mây"
  same "$@" search "..."
  same "$@" deadlines --as-of 2024-07-01 --within 100d
  same "$@" deadlines --as-of 2024-12-31 --overdue --format csv
  same "$@" show "$doc" --format json
  same "$@" show "$doc" --text
  same "$@" show ffffff
  same "$@" review
  same "$@" corrections
  same "$@" criteria --format json
}
reads "$LITE" "$LITE" "$PG" "$PG_NAME"

# Re-ingest: every file unchanged, not one row more.
counts() {
  pg_sql samples "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM scores),
    (SELECT count(*) FROM tasks), (SELECT count(*) FROM pages), (SELECT count(*) FROM lines),
    (SELECT count(*) FROM corrections)"
}
before=$(counts)
cases=$((cases + 1))
(cd "$SRC" && "$PARINDEX" --db "$PG" ingest samples) 2> reingest.err || fail "re-ingest failed"
[ "$(grep -c '^unchanged' reingest.err)" = "$(ls "$SRC"/samples | wc -l)" ] || { fail "re-ingest: not all unchanged"; cat reingest.err; }
[ "$(counts)" = "$before" ] || fail "re-ingest changed the rows: $before → $(counts)"

# db copy: SQLite → PostgreSQL → SQLite, the same answers; a second copy copies nothing.
PG2=$(pg_createdb copied)
PG2_NAME=${PG_NAME%/samples}/copied
cases=$((cases + 1))
"$PARINDEX" db copy --from "$LITE" --to "$PG2" 2> copy1.err || { fail "copy to postgresql"; cat copy1.err; }
grep -q "copied 4 document(s) and 1 correction(s)" copy1.err || { fail "first copy: $(cat copy1.err)"; }
"$PARINDEX" db copy --from "$LITE" --to "$PG2" 2> copy2.err || fail "second copy"
grep -q "copied 0 document(s) and 0 correction(s)" copy2.err || fail "second copy: $(cat copy2.err)"
"$PARINDEX" db copy --from "$PG2" --to "$work/back.db" 2> copy3.err || { fail "copy back"; cat copy3.err; }
"$PARINDEX" db copy --from "$PG2" --to "$work/back.db" 2> copy4.err || fail "second copy back"
grep -q "copied 0 document(s) and 0 correction(s)" copy4.err || fail "second copy back: $(cat copy4.err)"
reads "$LITE" "$LITE" "$PG2" "$PG2_NAME"
reads "$LITE" "$LITE" "$work/back.db" "$work/back.db"

# A reader role: every read works; ingest and correct are refused in one line, exit 2.
pg_sql samples "CREATE ROLE analyst LOGIN; GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst"
RO="host=$PG_DIR user=analyst dbname=samples"
RO_NAME="postgresql://analyst@$PG_DIR/samples"
reads "$LITE" "$LITE" "$RO" "$RO_NAME"
{ cat "$SRC/samples/song-may-2024-ket-qua-chi-so.txt"; echo "Bản sao."; } > new.txt
cases=$((cases + 1))
"$PARINDEX" --db "$RO" ingest -q new.txt > ro.out 2> ro.err
status=$?
[ "$status" = 2 ] || fail "reader's ingest: status $status"
grep -q "permission denied" ro.err || fail "reader's ingest: $(cat ro.err)"
[ "$(grep -c 'permission denied' ro.err)" = 1 ] || fail "reader's ingest: not one line: $(cat ro.err)"
cases=$((cases + 1))
"$PARINDEX" --db "$RO" correct "$key" --set self=1 > /dev/null 2> ro2.err && fail "reader's correct succeeded"
[ "$(wc -l < ro2.err)" = 1 ] || fail "reader's correct: $(cat ro2.err)"
[ "$(counts)" = "$before" ] || fail "the reader changed the rows"

# The README's roles: a writer owning the database, a reader by default privileges, set up
# before the first ingest creates the tables.
psql -X -q -v ON_ERROR_STOP=1 -d "$PG_ADMIN dbname=postgres" \
  -c "CREATE ROLE officer LOGIN" -c "CREATE ROLE reader LOGIN" -c "CREATE DATABASE office OWNER officer"
pg_sql office "ALTER DEFAULT PRIVILEGES FOR ROLE officer GRANT SELECT ON TABLES TO reader"
cases=$((cases + 1))
(cd "$SRC" && "$PARINDEX" --db "host=$PG_DIR user=officer dbname=office" ingest -q samples) || fail "officer's ingest"
same "$LITE" "$LITE" "host=$PG_DIR user=reader dbname=office" "postgresql://reader@$PG_DIR/office" search "giai ngan"
cases=$((cases + 1))
"$PARINDEX" --db "host=$PG_DIR user=reader dbname=office" ingest -q new.txt 2> ro3.err && fail "README reader's ingest succeeded"
grep -q "permission denied for table documents" ro3.err || fail "README reader's ingest: $(cat ro3.err)"

# Errors name the database without its password and say why, on one line.
cases=$((cases + 1))
"$PARINDEX" --db "postgresql://officer:s3cret@127.0.0.1:1/parindex?connect_timeout=2" units > /dev/null 2> bad.err
status=$?
[ "$status" = 2 ] || fail "unreachable server: status $status"
grep -q "s3cret" bad.err && fail "the password was printed: $(cat bad.err)"
grep -q "^parindex: error: postgresql://officer@127.0.0.1:1/parindex: cannot connect" bad.err ||
  fail "unreachable server: $(cat bad.err)"
[ "$(wc -l < bad.err)" = 1 ] || fail "unreachable server: not one line: $(cat bad.err)"
# A libpq service name (PGSERVICEFILE) selects the same database.
cases=$((cases + 1))
printf '[parindex]\nhost=%s\nuser=pgadmin\ndbname=samples\n' "$PG_DIR" > services.conf
[ "$(PGSERVICEFILE=$PWD/services.conf "$PARINDEX" --db service=parindex units 2>&1)" = "$("$PARINDEX" --db "$PG" units 2>&1)" ] ||
  fail "--db service=parindex: not the same units"

# A schema-6 database (before the covering unit index): readers are told to upgrade it, a
# writer's first command migrates it in place, and the answers stay the same.
cases=$((cases + 1))
before=$("$PARINDEX" --db "$PG" units 2>&1)
pg_sql samples "DROP INDEX documents_units; CREATE INDEX documents_unit ON documents(unit_key, issued_on); UPDATE meta SET value = '6' WHERE key = 'schema_version'"
"$PARINDEX" --db "$PG" units > /dev/null 2> old.err && fail "a schema-6 database was read without its migration"
grep -q "database is from an older parindex (schema 6); run 'parindex db upgrade' (or an ingest) to upgrade it" old.err || fail "schema 6: $(cat old.err)"
"$PARINDEX" -q --db "$PG" db upgrade || fail "schema 6: db upgrade"
[ "$(pg_sql samples "SELECT value FROM meta WHERE key = 'schema_version'")" = 7 ] || fail "schema 6: not migrated to 7"
[ "$(pg_sql samples "SELECT count(*) FROM pg_indexes WHERE indexname = 'documents_units'")" = 1 ] || fail "schema 6: no documents_units"
[ "$("$PARINDEX" --db "$PG" units 2>&1)" = "$before" ] || fail "schema 6: units changed by the migration"

cases=$((cases + 1))
pg_sql samples "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
"$PARINDEX" --db "$PG" units > /dev/null 2> newer.err && fail "a newer schema was read"
grep -q "database schema 99 is newer than this parindex" newer.err || fail "newer schema: $(cat newer.err)"

echo "$cases cases, $failures failed"
[ "$failures" -eq 0 ]
