#!/usr/bin/env bash
# Extraction benchmark for text input. Prints figures; never pass/fail, never part of the
# test suite.
#   throughput: seeds 000-003 copied COPIES times each (a unique line appended, so every copy
#     is its own document), one `parindex ingest -q FOLDER` into a fresh database: documents,
#     CPU seconds (user + sys), documents per CPU second, wall seconds, peak RSS.
#   linearity: generated pathological inputs at 1x, 10x and 100x their base size, one ingest
#     each into a fresh database: seconds (or "timeout" / "signal N") and exit status. Time
#     that grows faster than the size is a super-linear path in the extractor.
#
# usage: bench/extract_bench.sh [--parindex PATH] [--copies N] [--limit SECONDS] [--only throughput|linearity]
# Needs: GNU time (/usr/bin/time), python3, sqlite3, coreutils timeout.
set -uo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
shared=${PARINDEX_SHARED_DIR:-$src/../shared}
parindex=$src/build/parindex
copies=500
limit=120
only=
while [ $# -gt 0 ]; do
  case $1 in
    --parindex) parindex=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$parindex" ] || { echo "no parindex binary at $parindex (build first, or --parindex PATH)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8

echo "parindex: $parindex ($(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "machine: $(nproc) cores, $(uname -m); time limit per run: ${limit} s"

# "timeout", "signal N" or the status itself, from the status of `timeout CMD`.
describe_status() {
  case $1 in
    124) echo timeout ;;
    *) if [ "$1" -ge 128 ]; then echo "signal $(($1 - 128))"; else echo "$1"; fi ;;
  esac
}

throughput() {
  echo
  echo "== throughput: seeds 000-003 x $copies copies, one ingest of the folder"
  local seeds=()
  if [ -d "$shared/seeds" ]; then
    for n in 000 001 002 003; do
      for f in "$shared/seeds/${n}_"*.txt; do [ -f "$f" ] && seeds+=("$f"); done
    done
  fi
  if [ ${#seeds[@]} -eq 0 ]; then
    echo "skipped: $shared/seeds is absent (the seeds live in ../shared/seeds)"
    return
  fi
  local in=$work/in db=$work/throughput.db
  mkdir -p "$in"
  local s i
  for s in "${seeds[@]}"; do
    local base
    base=$(basename "$s" .txt)
    for i in $(seq 1 "$copies"); do
      { cat "$s"; printf '\nBản sao %d của %s.\n' "$i" "$base"; } > "$in/$base-$(printf %04d "$i").txt"
    done
  done
  local files bytes
  files=$(find "$in" -type f | wc -l)
  bytes=$(du -sb "$in" | cut -f1)
  echo "input: $files files, $((bytes / 1024)) KB, from ${#seeds[@]} seeds"
  /usr/bin/time -f '%U %S %e %M' -o "$work/time.txt" \
    timeout "$((limit * 10))" "$parindex" --db "$db" ingest -q "$in" > "$work/out.txt" 2> "$work/err.txt"
  local st=$?
  [ "$st" -eq 0 ] || { echo "ingest status: $(describe_status "$st")"; head -5 "$work/err.txt"; }
  local docs
  docs=$(sqlite3 "$db" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0)
  # GNU time writes "Command exited with non-zero status N" first when the status is not 0.
  tail -1 "$work/time.txt" | awk -v docs="$docs" '{
    cpu = $1 + $2
    printf "documents: %d\n", docs
    printf "CPU seconds (user+sys): %.2f (user %.2f, sys %.2f)\n", cpu, $1, $2
    printf "documents per CPU second: %.1f\n", (cpu > 0 ? docs / cpu : 0)
    printf "wall seconds: %.2f\n", $3
    printf "peak RSS: %.1f MB\n", $4 / 1024
  }'
}

# Writes the generated input of one case at one size to the file $3.
generate() { # case size file
  python3 - "$1" "$2" "$3" <<'PY'
import sys
case, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
head = "Chỉ số cải cách hành chính\n"
if case == "so_spaces":       # a header line "Số:" then SIZE bytes of spaces
    text = head + "Số:" + " " * size + "\n"
elif case == "percentages":   # one paragraph of SIZE percentages
    text = head + "đạt 91,44%; " * size + "\n"
elif case == "digits":        # one line of SIZE digits
    text = head + "7" * size + "\n"
elif case == "list_markers":  # "1. " SIZE times at a paragraph start
    text = head + "\n" + "1. " * size + "\n"
elif case == "ubnd_tails":    # "-UBND" SIZE times
    text = head + "-UBND" * size + "\n"
elif case == "one_paragraph": # one paragraph of SIZE bytes of ordinary PAR prose, no line break
    unit = "Tiêu chí 1.1 đạt 1/1 điểm, chỉ số thành phần đạt 91,44%, xếp thứ 5/12; "
    text = head + (unit * (size // len(unit.encode()) + 1))[: size] + "\n"
else:
    sys.exit("unknown case " + case)
with open(path, "w", encoding="utf-8") as f:
    f.write(text)
PY
}

run_case() { # case size unit-label
  local name=$1 size=$2 label=$3
  local f=$work/$name-$size.txt db=$work/lin.db
  rm -f "$db" "$db"-*
  generate "$name" "$size" "$f" || { printf '%-14s %12s %10s %s\n' "$name" "$label" "-" "generation failed"; return; }
  local t0 t1 st
  t0=$(date +%s.%N)
  # In a subshell whose stderr is discarded, so that bash's own "Segmentation fault" notice
  # does not break the table.
  st=$( (timeout "$limit" "$parindex" --db "$db" ingest -q "$f" > /dev/null 2> "$work/lin.err"; echo $?) 2> /dev/null)
  t1=$(date +%s.%N)
  local secs
  case $st in
    124) secs=timeout ;;
    *) if [ "$st" -ge 128 ]; then secs="signal $((st - 128))"; else secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b - a}'); fi ;;
  esac
  printf '%-14s %12s %10s %s\n' "$name" "$label" "$secs" "$st"
}

linearity() {
  echo
  echo "== linearity: generated inputs at 1x, 10x, 100x (timeout ${limit} s each)"
  printf '%-14s %12s %10s %s\n' case size seconds status
  local spec name base unit m
  # case:base:unit (the base size in that unit)
  for spec in so_spaces:500:B percentages:100:pct digits:400:digits list_markers:200:markers ubnd_tails:300:tails; do
    IFS=: read -r name base unit <<< "$spec"
    for m in 1 10 100; do
      run_case "$name" $((base * m)) "$((base * m)) $unit"
    done
  done
  # Past the 16 MB text limit (refused from its size) and just under it (read and extracted).
  run_case one_paragraph $((50 << 20)) "50 MB"
  run_case one_paragraph $((15 << 20)) "15 MB"
}

case $only in
  '') throughput; linearity ;;
  throughput) throughput ;;
  linearity) linearity ;;
  *) echo "--only throughput or --only linearity" >&2; exit 2 ;;
esac
