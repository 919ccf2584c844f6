#!/usr/bin/env bash
# Text inputs that are hard on the extractor: very long digit runs, words, list markers,
# padding, repeated document-number tails and percentages, generated here. Each must end
# with status 0 or 2 (never a signal) within 20 s, and on status 2 print exactly one line on
# stderr, starting with "parindex: error:" and naming the file.
source "$(dirname "$0")/common.sh"

python3 - <<'PY' || { echo "FAIL: generating the inputs"; exit 1; }
def write(name, text):
    with open(name, "w", encoding="utf-8") as f:
        f.write(text)

HEAD = "Chỉ số cải cách hành chính"
write("digits.txt", HEAD + "\n" + "7" * 40_000 + "\n")
write("huyen_letters.txt", HEAD + "\nHUYỆN " + "A" * 30_000 + "\n")
write("list_markers.txt", HEAD + "\n\n" + "1." * 20_000 + "\n")
write("so_spaces.txt", HEAD + "\nSố:" + " " * 100_000 + "\n")
write("ubnd_tails.txt", HEAD + "\n" + "-UBND" * 30_000 + "\n")
write("percentages.txt", HEAD + "\n" + "đạt 91,44%; " * 10_000 + "\n")
PY

expect_clean() { # file
  local file=$1
  cases=$((cases + 1))
  local start=$SECONDS
  timeout 20 "$PARINDEX" ingest -q "$file" > out.txt 2> err.txt
  local got=$? took=$((SECONDS - start))
  if [ $got -eq 124 ]; then fail "$file: no result within 20 s"; return; fi
  if [ $got -ge 128 ]; then fail "$file: killed by signal $((got - 128))"; head -c 1000 err.txt; return; fi
  if [ $got -ne 0 ] && [ $got -ne 2 ]; then fail "$file: status $got, expected 0 or 2"; head -c 1000 err.txt; return; fi
  if [ $got -eq 2 ]; then
    [ "$(wc -l < err.txt)" -eq 1 ] || { fail "$file: $(wc -l < err.txt) lines on stderr, expected one"; head -c 1000 err.txt; return; }
    grep -q "^parindex: error: .*$file" err.txt || { fail "$file: the error line does not start with 'parindex: error:' or name the file"; head -c 1000 err.txt; return; }
  fi
  echo "ok: $file (status $got, ${took} s)"
}

for f in digits.txt huyen_letters.txt list_markers.txt so_spaces.txt ubnd_tails.txt percentages.txt; do
  expect_clean "$f"
done

finish
