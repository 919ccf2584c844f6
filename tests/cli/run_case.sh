#!/usr/bin/env bash
# Runs one CLI golden case; see CMakeLists.txt in this folder.
set -u
case_dir=$1
export PARINDEX=$2
export SRC=$3
export SHARED="$SRC/../shared"
# The installed catalogue plus the invented framework of the samples.
export PARINDEX_CRITERIA="$SRC/dictionaries/criteria:$SRC/dictionaries/criteria/samples"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# PARINDEX_CASE_DB: another database to run the case on (tests/pg/golden.sh: PostgreSQL).
export PARINDEX_DB="${PARINDEX_CASE_DB:-$work/test.db}"
cd "$work"
if [ -f "$case_dir/needs-shared" ] && [ ! -d "$SHARED/seeds" ]; then
  echo "skipped: $SHARED/seeds is absent"
  exit 0
fi
bash -e "$case_dir/cmd" > "$work/.stdout" 2> "$work/.stderr"
status=$?
if [ "${PARINDEX_BLESS:-}" = 1 ]; then
  cp "$work/.stdout" "$case_dir/stdout"
  echo "$status" > "$case_dir/exit"
  echo "blessed $case_dir"
  exit 0
fi
fail=0
expected_status=$(cat "$case_dir/exit" 2>/dev/null || echo 0)
if [ "$status" != "$expected_status" ]; then
  echo "exit status: expected $expected_status, got $status"
  fail=1
fi
if ! diff -u "$case_dir/stdout" "$work/.stdout"; then
  echo "stdout differs (PARINDEX_BLESS=1 ctest -R cli/ to accept)"
  fail=1
fi
if [ -f "$case_dir/stderr" ]; then
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    if ! grep -qF -- "$line" "$work/.stderr"; then
      echo "stderr lacks: $line"
      fail=1
    fi
  done < "$case_dir/stderr"
fi
if [ $fail = 1 ]; then
  echo "--- stderr ---"
  cat "$work/.stderr"
fi
exit $fail
