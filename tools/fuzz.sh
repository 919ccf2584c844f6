#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60),
# seeded from samples/, tests/data/ and tests/fuzz/make_seeds.py (deep XML, long digit runs, long
# whitespace, nested q/Q, indirect image sizes). Prints executions per target; exits non-zero on a finding
# (the crashing input is left in build-fuzz/findings/ — keep it as a regression test).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash tools/install-deps.sh
command -v clang++ >/dev/null || { apt-get install -y -qq clang >/dev/null; }
cmake --preset fuzz >/dev/null # CMakePresets.json: clang, PARINDEX_FUZZ=ON, build-fuzz/
targets=$(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
cmake --build --preset fuzz -j"$(nproc)" --target $targets
mkdir -p build-fuzz/findings
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
status=0
for t in $targets; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  cp -n samples/*.txt "$corpus"/ 2>/dev/null || true
  [ -d tests/data ] && find tests/data -type f -size -200k -exec cp -n {} "$corpus"/ \; 2>/dev/null
  [ -d "tests/fuzz/regressions/$t" ] && cp -n tests/fuzz/regressions/"$t"/* "$corpus"/ 2>/dev/null || true
  python3 tests/fuzz/make_seeds.py "$corpus" # the shapes that once crashed or blew up
  log=build-fuzz/$t.log
  if build-fuzz/tests/fuzz/$t -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix=build-fuzz/findings/$t- "$corpus" > "$log" 2>&1; then
    result=ok
  else
    result=FINDING
    status=1
  fi
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  [ -z "$execs" ] && execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  echo "$t: ${execs:-?} executions in ${seconds}s: $result"
done
exit $status
