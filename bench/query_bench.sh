#!/usr/bin/env bash
# Query latency at scale: a database of N synthetic documents (bench/gen_db.cpp, default
# 100,000), then the CLI commands officers and analysts run, each timed 7 times end to end
# (process start, opening the database, the query, printing). Prints the median and the
# slowest run per command, export's time and peak RSS, the database size per document, and
# SQLite's query plan for the SQL behind them (a SCAN of a big table is flagged). Prints
# figures; never pass/fail.
#
# usage: bench/query_bench.sh [N] [--db CONNINFO]   (run from the repository; builds what it needs)
# The database is cached as build-release/bench-N.db (delete it to regenerate).
# With --db postgresql://… (or service=…, host=… dbname=…), the same documents are copied into
# that PostgreSQL database (`parindex db copy`, timed; skipped when it already has them all)
# and every command is timed on both stores, their medians side by side, outputs compared.
set -euo pipefail
cd "$(dirname "$0")/.."
n=100000
pg=
while [ $# -gt 0 ]; do
  case $1 in
    --db) pg=$2; shift 2 ;;
    --db=*) pg=${1#--db=}; shift ;;
    *) n=$1; shift ;;
  esac
done
cmake --preset release -DPARINDEX_BUILD_BENCH=ON > /dev/null
cmake --build --preset release --target parindex-cli gen_db > /dev/null
bin=build-release/parindex
db=build-release/bench-$n.db
if [ ! -f "$db" ]; then
  echo "generating $n documents into $db ..."
  # Into a temporary file first: an interrupted run must not leave a smaller database behind
  # that the next run would take for the full one.
  rm -f "$db.partial"*
  build-release/bench/gen_db "$db.partial" "$n"
  mv "$db.partial" "$db"
fi
# A database cached by an older parindex is brought to this one's schema first.
"$bin" -q --db "$db" db upgrade
export PARINDEX_DB=$db
echo "parindex query benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(git rev-parse --short HEAD)"
docs=$(sqlite3 "$db" 'SELECT count(*) FROM documents')
bytes=$(stat -c %s "$db")
echo "database: $docs documents, $(sqlite3 "$db" 'SELECT count(*) FROM scores') scores, $(sqlite3 "$db" 'SELECT count(*) FROM tasks') tasks, $(sqlite3 "$db" 'SELECT coalesce(sum(last_row - first_row + 1), 0) FROM doc_lines') text lines"
echo "size: $bytes bytes, $((bytes / docs)) bytes per document"
echo
# A unit from the middle of the alphabet (each has the same number of documents).
unit=$(sqlite3 "$db" "SELECT unit FROM documents ORDER BY unit_key LIMIT 1 OFFSET $((docs / 2))")
key=$(sqlite3 "$db" "SELECT unit_key FROM documents WHERE unit = '$unit' LIMIT 1")
echo "unit U = $unit ($(sqlite3 "$db" "SELECT count(*) FROM documents WHERE unit_key = '$key'") documents)"
if [ -n "$pg" ]; then
  "$bin" -q --db "$pg" db upgrade 2> /dev/null || true # a new database has no schema yet: copy makes it
  have=$(psql -X -q -A -t -d "$pg" -c 'SELECT count(*) FROM documents' 2> /dev/null || echo 0)
  if [ "${have:-0}" != "$docs" ]; then
    t0=$(date +%s.%N)
    "$bin" -q db copy --from "$db" --to "$pg"
    t1=$(date +%s.%N)
    echo "db copy SQLite → PostgreSQL: $(python3 -c "print(f'{$t1 - $t0:.1f} s, {$docs / ($t1 - $t0):.0f} documents/s')")"
  fi
  # Planner statistics now, as autovacuum would gather them a little later.
  psql -X -q -d "$pg" -c ANALYZE
  echo "PostgreSQL: $(psql -X -q -A -t -d "$pg" -c 'SHOW server_version'), $(psql -X -q -A -t -d "$pg" -c 'SELECT count(*) FROM documents') documents, $(psql -X -q -A -t -d "$pg" -c 'SELECT pg_size_pretty(pg_database_size(current_database()))')"
fi
python3 - "$bin" "$unit" "$pg" <<'PY'
import statistics, subprocess, sys, time
bin, unit, pg = sys.argv[1], sys.argv[2], sys.argv[3]
cases = [
    ("gaps --unit U --year 2023", ["gaps", "--unit", unit, "--year", "2023"]),
    ("gaps --unit U", ["gaps", "--unit", unit]),
    ("gaps --unit U --group year,component", ["gaps", "--unit", unit, "--group", "year,component"]),
    ("diff --unit U --from 2022 --to 2023", ["diff", "--unit", unit, "--from", "2022", "--to", "2023"]),
    ("diff --unit U --targets --year 2024", ["diff", "--unit", unit, "--targets", "--year", "2024"]),
    ("deadlines --unit U --within 30d", ["deadlines", "--unit", unit, "--as-of", "2024-06-01", "--within", "30d"]),
    ("deadlines --agency (all units) --within 7d", ["deadlines", "--agency", "phong noi vu", "--as-of", "2024-06-01", "--within", "7d"]),
    ("search 'giai ngan von dau tu'", ["search", "giai ngan von dau tu"]),
    ("search 'giải ngân' --unit U", ["search", "giải ngân", "--unit", unit]),
    ("units", ["units"]),
]
def timed(args):
    times, out = [], None
    for _ in range(7):
        t = time.perf_counter()
        out = subprocess.run([bin] + args, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
        if out.returncode not in (0, 1):
            sys.exit(f"{args}: exit {out.returncode}: {out.stderr.decode()}")
    return statistics.median(times), max(times), out.stdout
head = f"{'command':48} {'median ms':>10} {'max ms':>8} {'rows':>7}"
if pg:
    head += f" {'postgresql ms':>14} {'max ms':>8}  same output"
print(head)
for name, args in cases:
    med, worst, stdout = timed(args)
    rows = max(0, stdout.count(b"\n") - 1)
    if rows == 0 and not name.startswith("diff --unit U --targets"):
        print(f"  note: {name} printed nothing", file=sys.stderr)
    line = f"{name:48} {med:10.1f} {worst:8.1f} {rows:7d}"
    if pg:
        pmed, pworst, pout = timed(["--db", pg] + args)
        line += f" {pmed:14.1f} {pworst:8.1f}  {'yes' if pout == stdout else 'NO'}"
    print(line)
t = time.perf_counter()
subprocess.run([bin, "--version"], capture_output=True)
print(f"{'(process start: parindex --version)':48} {(time.perf_counter() - t) * 1000:10.1f}")
PY
echo
# export streams JSON and NDJSON: its peak RSS stays that of one document at any size.
for f in json ndjson; do
  /usr/bin/time -f "export --format $f (whole database): %e s, peak RSS %M KB" "$bin" export --format "$f" 2>&1 > /dev/null | tail -1
done
echo
echo "query plans (SCAN of a big table flagged with <<):"
plan() {
  echo "  $1"
  sqlite3 "$db" "EXPLAIN QUERY PLAN $2" | sed 's/^/    /' |
    sed -E '/SCAN (s|t|i|d|scores|tasks|indices|documents|targets)( |$)/ s/$/   <</'
}
plan "scores of a unit (gaps, diff)" "SELECT s.doc_id FROM scores s JOIN documents d ON d.id = s.doc_id WHERE s.unit_key = '$key' AND s.year >= 2023 ORDER BY s.unit_key, s.year, s.doc_id, s.seq"
plan "index rows of a unit (diff)" "SELECT i.doc_id FROM indices i JOIN documents d ON d.id = i.doc_id WHERE i.unit_key = '$key' ORDER BY i.unit_key, i.year, i.doc_id, i.seq"
plan "targets of a unit and year (diff --targets)" "SELECT t.doc_id FROM targets t JOIN documents d ON d.id = t.doc_id WHERE t.unit_key = '$key' AND t.year = 2024 ORDER BY t.unit_key, t.year, t.doc_id, t.seq"
plan "tasks of a unit (deadlines --unit)" "SELECT t.doc_id FROM tasks t JOIN documents d ON d.id = t.doc_id WHERE t.unit_key = '$key' ORDER BY t.unit_key, t.doc_id, t.seq"
plan "full-text search" "SELECT rowid FROM lines_fts WHERE lines_fts MATCH '\"giai ngan\"' LIMIT 50"
