#!/usr/bin/env bash
# Learns the eng-model OCR channel the restorer uses on OCR'd text: which tokens Tesseract's
# `eng` model writes for which Vietnamese syllables. Renders training text (never the lines
# bench/restore_eng_dev.sh evaluates on) as scanned pages with ../shared/tools/make_scan.sh
# in several fonts, resolutions and noise levels, OCRs them with `tesseract -l eng`, aligns
# the output with the drawn text and writes dictionaries/restore/ocr-pairs.tsv
# (tools/parindex-lm/align_channel.py).
#
#   tools/parindex-lm/learn-channel.sh [PASSAGES]     (default 120 passages per variant)
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=../shared
passages=${1:-120}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Training lines: legal passages 10 lines off the evaluation's every-20th, and the seeds 000-003.
{ xz -dc "$shared/corpus/legal-vbpl.txt.xz" || true; } |
  awk -v n="$passages" 'NR % 20 == 10 { print; if (++k >= n) exit }' | fold -s -w 90 > "$work/legal.txt"
cat "$shared"/seeds/00[0-3]_*.txt > "$work/seeds.txt"
variant() { # name input make_scan-options...
  local name=$1 input=$2
  shift 2
  "$shared/tools/make_scan.sh" "$@" --no-signature --gt "$work/$name.gt" "$input" "$work/$name.pdf" >/dev/null 2>&1
  pdftoppm -r 300 -gray "$work/$name.pdf" "$work/$name-p"
  : > "$work/$name.ocr"
  for p in "$work/$name"-p*.pgm; do
    OMP_THREAD_LIMIT=1 tesseract "$p" - -l eng 2>/dev/null >> "$work/$name.ocr"
    printf '\f' >> "$work/$name.ocr"
  done
  echo "$work/$name.gt $work/$name.ocr"
}
pairs=()
pairs+=($(variant clean "$work/legal.txt" --clean --seed 11))
pairs+=($(variant noisy "$work/legal.txt" --seed 12 --dpi 300 --font DejaVuSerif))
pairs+=($(variant office "$work/seeds.txt" --seed 13 --dpi 300 --noise 8 --blur 0.7 --font LiberationSerif --font-size 13))
python3 tools/parindex-lm/align_channel.py "${pairs[@]}" > dictionaries/restore/ocr-pairs.tsv
wc -l dictionaries/restore/ocr-pairs.tsv
