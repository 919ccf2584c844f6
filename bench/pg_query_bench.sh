#!/usr/bin/env bash
# Query latency of the PostgreSQL store beside the SQLite file's: copies a SQLite database
# (bench/gen_db's synthetic documents) into PostgreSQL with `parindex db copy` (timed), then
# times the commands of bench/query_bench.sh on both, 7 runs each end to end, median and
# slowest. Without --db it starts a throwaway server (tests/pg/pg_cluster.sh). Prints
# figures; never pass/fail.
#
# usage: bench/pg_query_bench.sh PARINDEX FILE.db [--db CONNINFO]
set -euo pipefail
bin=$(realpath "$1")
lite=$(realpath "$2")
src=$(cd "$(dirname "$0")/.." && pwd)
pg=${4:-}
if [ -z "$pg" ]; then
  source "$src/tests/pg/pg_cluster.sh"
  pg_start
  pg=$(pg_createdb bench)
fi
docs=$(sqlite3 "$lite" 'SELECT count(*) FROM documents')
echo "parindex PostgreSQL query benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(git -C "$src" rev-parse --short HEAD), $docs documents"
t0=$(date +%s.%N)
"$bin" -q db copy --from "$lite" --to "$pg"
t1=$(date +%s.%N)
echo "db copy SQLite → PostgreSQL: $(python3 -c "print(f'{$t1 - $t0:.1f} s, {$docs / ($t1 - $t0):.0f} documents/s')")"
# Planner statistics now, as autovacuum would gather them a little later.
psql -X -q -d "$pg" -c ANALYZE
unit=$(sqlite3 "$lite" "SELECT unit FROM documents ORDER BY unit_key LIMIT 1 OFFSET $((docs / 2))")
echo "unit U = $unit"
python3 - "$bin" "$unit" "$lite" "$pg" <<'PY'
import statistics, subprocess, sys, time
bin, unit, lite, pg = sys.argv[1:5]
cases = [
    ("gaps --unit U --year 2023", ["gaps", "--unit", unit, "--year", "2023"]),
    ("gaps --unit U", ["gaps", "--unit", unit]),
    ("diff --unit U --from 2022 --to 2023", ["diff", "--unit", unit, "--from", "2022", "--to", "2023"]),
    ("deadlines --unit U --within 30d", ["deadlines", "--unit", unit, "--as-of", "2024-06-01", "--within", "30d"]),
    ("search 'giai ngan von dau tu'", ["search", "giai ngan von dau tu"]),
    ("search 'giải ngân' --unit U", ["search", "giải ngân", "--unit", unit]),
    ("units", ["units"]),
]
def timed(db, args):
    times, out = [], b""
    for _ in range(7):
        t = time.perf_counter()
        r = subprocess.run([bin, "--db", db] + args, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
        if r.returncode not in (0, 1):
            sys.exit(f"{args}: exit {r.returncode}: {r.stderr.decode()}")
        out = r.stdout
    return statistics.median(times), max(times), out
print(f"{'command':40} {'sqlite ms':>10} {'max':>7} {'postgresql ms':>14} {'max':>7}  same output")
for name, args in cases:
    lm, lx, lo = timed(lite, args)
    pm, px, po = timed(pg, args)
    print(f"{name:40} {lm:10.1f} {lx:7.1f} {pm:14.1f} {px:7.1f}  {'yes' if lo == po else 'NO'}")
PY
