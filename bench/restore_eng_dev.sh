#!/usr/bin/env bash
# Restoration benchmark (b): text OCR'd with Tesseract's `eng` model, as the Lấp Vò seed was.
# Takes held-out legal passages (every 20th line, which the model builder leaves out), renders
# them with ../shared/tools/make_scan.sh --clean, OCRs the pages with `tesseract -l eng`,
# restores the result and reports CER/WER against the drawn text (../shared/tools/cer.py).
# WER is the syllable error rate here: Vietnamese words in it are syllables.
#
#   bench/restore_eng_dev.sh [LINES]     (default 40 passages, about 3 pages)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
lines=${1:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{ xz -dc "$shared/corpus/legal-vbpl.txt.xz" || true; } | awk -v n="$lines" 'NR % 20 == 0 { print; if (++k >= n) exit }' | fold -s -w 90 > "$work/in.txt"
"$shared/tools/make_scan.sh" --clean --no-signature --gt "$work/gt.txt" "$work/in.txt" "$work/in.pdf" >/dev/null 2>&1
pdftoppm -r 300 -gray "$work/in.pdf" "$work/p"
: > "$work/eng.txt"
for p in "$work"/p*.pgm; do OMP_THREAD_LIMIT=1 tesseract "$p" - -l eng 2>/dev/null >> "$work/eng.txt"; done
build/parindex restore "$work/eng.txt" > "$work/restored.txt"
echo "restore (b): $lines held-out passages rendered clean and OCR'd with tesseract -l eng"
echo "  eng OCR as is:";     python3 "$shared/tools/cer.py" "$work/gt.txt" "$work/eng.txt" | sed 's/^/    /'
echo "  after restoration:"; python3 "$shared/tools/cer.py" "$work/gt.txt" "$work/restored.txt" | sed 's/^/    /'
build/bench/restore_bench --speed "$work/eng.txt"
