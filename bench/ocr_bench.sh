#!/usr/bin/env bash
# OCR benchmark: accuracy (CER/WER against make_scan.sh's ground truth) and speed of
# `parindex ocr` and `parindex ingest` (one PDF, and a folder of one-page PDFs) against plain
# `tesseract -l vie` and `ocrmypdf -l vie --sidecar` (one PDF, and the folder) on the same
# scanned pages of seeds 000-003, noisy (make_scan.sh defaults, 200 dpi) and --clean (300 dpi).
# Prints figures; never part of the test suite.
#
# usage: bench/ocr_bench.sh [--parindex PATH] [--pages "000:1 001:1 002:1 003:2,5"] [--variants "noisy clean"]
#                           [--no-ocrmypdf] [--model vie|Vietnamese]
# Needs: the make_scan.sh dependencies, tesseract-ocr-vie, ocrmypdf, poppler-utils, GNU time.
# Renders are cached in $PARINDEX_BENCH_WORK (default /tmp/parindex-ocr-bench).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
shared=${PARINDEX_SHARED_DIR:-$src/../shared}
parindex=$src/build/parindex
pages_spec="000:1 001:1 002:1 003:2,5"
variants="noisy clean"
model=vie
run_ocrmypdf=1
while [ $# -gt 0 ]; do
  case $1 in
    --parindex) parindex=$2; shift 2 ;;
    --pages) pages_spec=$2; shift 2 ;;
    --variants) variants=$2; shift 2 ;;
    --model) model=$2; shift 2 ;;
    --no-ocrmypdf) run_ocrmypdf=0; shift ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -d "$shared/seeds" ] || { echo "skipped: $shared/seeds is absent"; exit 0; }
work=${PARINDEX_BENCH_WORK:-/tmp/parindex-ocr-bench}
mkdir -p "$work"
cores=$(nproc)
cer() { python3 "$shared/tools/cer.py" --json "$@"; }
timed() { # label, log, command...: runs it under GNU time, prints "seconds maxrss_kb cpu_seconds"
  local log=$2; shift 2
  /usr/bin/time -v -o "$log.time" "$@" > "$log.out" 2> "$log.err" || { echo "failed: $*" >&2; cat "$log.err" >&2; }
  awk -F': ' '/Elapsed \(wall clock\)/{split($2,t,":"); s=(length(t)==3)?t[1]*3600+t[2]*60+t[3]:t[1]*60+t[2]}
              /Maximum resident/{m=$2} /User time|System time/{c+=$2}
              END{printf "%.2f %d %.2f\n", s, m, c}' "$log.time"
}

echo "parindex ocr benchmark — $(date -u +%FT%TZ), $cores cores, model $model"
echo "binary: $parindex"
for variant in $variants; do
  vdir=$work/$variant
  mkdir -p "$vdir"
  flags=(); [ "$variant" = clean ] && flags=(--clean)
  rm -f "$vdir"/sel-*.pdf "$vdir"/gt-*.txt "$vdir"/img-* "$vdir"/ocrmypdf.txt
  n=0
  for spec in $pages_spec; do
    seed=${spec%%:*}; pages=${spec#*:}
    input=$(ls "$shared"/seeds/${seed}_*.txt)
    if [ ! -f "$vdir/$seed.pdf" ]; then
      "$shared/tools/make_scan.sh" "${flags[@]}" --jobs "$cores" --gt "$vdir/$seed.gt" \
        "$input" "$vdir/$seed.pdf" > /dev/null 2>&1
    fi
    for p in ${pages//,/ }; do
      n=$((n + 1)); id=$(printf '%02d' $n)
      pdfseparate -f "$p" -l "$p" "$vdir/$seed.pdf" "$vdir/sel-$id-$seed-p$p.pdf"
      awk -v n="$p" 'BEGIN{RS="\f"; ORS=""} NR==n{print}' "$vdir/$seed.gt" > "$vdir/gt-$id-$seed-p$p.txt"
      # The scan's own image, exactly as embedded (JPEG for noisy, PNG for clean).
      pdfimages -f "$p" -l "$p" -all "$vdir/$seed.pdf" "$vdir/img-$id-$seed-p$p"
    done
  done
  pdfunite "$vdir"/sel-*.pdf "$vdir/all.pdf"
  imgs=("$vdir"/img-*)
  echo
  echo "== $variant: ${#imgs[@]} pages ($pages_spec)"

  # parindex: one process, pages spread over its workers.
  read -r t_pi rss_pi c_pi < <(timed parindex "$vdir/parindex" "$parindex" ocr --model "$model" "$vdir/all.pdf")
  # parindex ingest (OCR, extraction, storage): the pages as one PDF, and as a folder of
  # one-page PDFs (files are read ahead, so a one-page file does not leave a core idle).
  mkdir -p "$vdir/folder"; rm -f "$vdir/folder"/*.pdf; cp "$vdir"/sel-*.pdf "$vdir/folder/"
  rm -f "$vdir/ingest.db"*
  read -r t_ig rss_ig c_ig < <(timed parindex-ingest "$vdir/ingest" "$parindex" --db "$vdir/ingest.db" ingest -q "$vdir/all.pdf")
  rm -f "$vdir/ingest.db"*
  read -r t_if rss_if c_if < <(timed parindex-ingest "$vdir/ingest-folder" "$parindex" --db "$vdir/ingest.db" ingest -q "$vdir/folder")
  # tesseract, best configurations: one single-threaded process per page, $cores at a time;
  # and one page at a time with tesseract's own OpenMP threads.
  printf '%s\n' "${imgs[@]}" > "$vdir/imgs.lst"
  read -r t_tp rss_tp c_tp < <(timed tesseract "$vdir/tess-par" env OMP_THREAD_LIMIT=1 \
    xargs -P "$cores" -I{} sh -c 'tesseract "$1" "$1.tess" -l '"$model"' >/dev/null 2>&1' _ {} < "$vdir/imgs.lst")
  read -r t_ts rss_ts c_ts < <(timed tesseract "$vdir/tess-seq" sh -c \
    'for f in "$@"; do tesseract "$f" - -l '"$model"' >/dev/null 2>&1; done' _ "${imgs[@]}")
  t_om=0; rss_om=0; c_om=0; t_of=0; rss_of=0; c_of=0
  if [ $run_ocrmypdf = 1 ]; then
    read -r t_om rss_om c_om < <(timed ocrmypdf "$vdir/ocrmypdf" ocrmypdf -q -l "$model" --jobs "$cores" \
      --output-type pdf --sidecar "$vdir/ocrmypdf.txt" "$vdir/all.pdf" "$vdir/ocrmypdf.pdf")
    # The folder as a user runs ocrmypdf on it: one file after another.
    read -r t_of rss_of c_of < <(timed ocrmypdf "$vdir/ocrmypdf-folder" sh -c \
      'for f in "$@"; do ocrmypdf -q -l '"$model"' --jobs '"$cores"' --output-type pdf --sidecar "$f.txt" "$f" "$f.ocr.pdf" || exit 1; done' _ "$vdir"/folder/sel-*.pdf)
  fi

  # Accuracy per page: split parindex output on form feeds.
  python3 - "$vdir" "$shared/tools/cer.py" <<'PY'
import glob, json, os, subprocess, sys
vdir, cerpy = sys.argv[1], sys.argv[2]
gts = sorted(glob.glob(os.path.join(vdir, "gt-*.txt")))
pi = open(os.path.join(vdir, "parindex.out"), encoding="utf-8").read().split("\f")
om_path = os.path.join(vdir, "ocrmypdf.txt")
om = open(om_path, encoding="utf-8").read().split("\f") if os.path.exists(om_path) else []
def cer(ref, hyp_text):
    h = ref + ".hyp"
    open(h, "w", encoding="utf-8").write(hyp_text)
    r = json.loads(subprocess.check_output([sys.executable, cerpy, "--json", ref, h]))
    return r
groups = {}
for i, gt in enumerate(gts):
    name = os.path.basename(gt)[6:-4]  # seed-pN
    seed = name[:3]
    tess = glob.glob(os.path.join(vdir, "img-%s-*.tess.txt" % os.path.basename(gt)[3:5]))
    hyps = {"parindex": pi[i] if i < len(pi) else "",
            "tesseract": open(tess[0], encoding="utf-8").read() if tess else ""}
    if om:
        hyps["ocrmypdf"] = om[i] if i < len(om) else ""
    group = "003 (tables)" if seed == "003" else "000-002"
    for tool, text in hyps.items():
        r = cer(gt, text)
        g = groups.setdefault((group, tool), [0, 0, 0, 0])
        g[0] += r["char_edits"]; g[1] += r["ref_chars"]; g[2] += r["word_edits"]; g[3] += r["ref_words"]
        print("  %-10s %-10s CER %6.2f%%  WER %6.2f%%" % (name, tool, 100 * r["cer"], 100 * r["wer"]))
for (group, tool), (ce, rc, we, rw) in sorted(groups.items()):
    print("  TOTAL %-13s %-10s CER %6.2f%%  WER %6.2f%%  (%d/%d chars)" % (group, tool, 100 * ce / rc, 100 * we / rw, ce, rc))
PY
  n=${#imgs[@]}
  rate() { awk -v n="$n" -v t="$1" 'BEGIN{ if (t > 0) printf "%.3f", n / t; else print "-" }'; }
  echo "  speed ($n pages, $cores cores; wall time is noisy on a shared machine, CPU time less so):"
  printf '    %-44s %7.2f s  %s pages/s  CPU %6.2f s  peak RSS %d MB\n' "parindex ocr (--jobs 0 = $cores workers)" "$t_pi" "$(rate "$t_pi")" "$c_pi" $((rss_pi / 1024))
  printf '    %-44s %7.2f s  %s pages/s  CPU %6.2f s  peak RSS %d MB\n' "parindex ingest, one $n-page PDF" "$t_ig" "$(rate "$t_ig")" "$c_ig" $((rss_ig / 1024))
  printf '    %-44s %7.2f s  %s pages/s  CPU %6.2f s  peak RSS %d MB\n' "parindex ingest, folder of $n one-page PDFs" "$t_if" "$(rate "$t_if")" "$c_if" $((rss_if / 1024))
  printf '    %-44s %7.2f s  %s pages/s  CPU %6.2f s  peak RSS %d MB (per process)\n' "tesseract, OMP_THREAD_LIMIT=1, $cores in parallel" "$t_tp" "$(rate "$t_tp")" "$c_tp" $((rss_tp / 1024))
  printf '    %-44s %7.2f s  %s pages/s  CPU %6.2f s  peak RSS %d MB\n' "tesseract, one page at a time (OpenMP)" "$t_ts" "$(rate "$t_ts")" "$c_ts" $((rss_ts / 1024))
  [ $run_ocrmypdf = 1 ] &&
    printf '    %-44s %7.2f s  %s pages/s  CPU %6.2f s  peak RSS %d MB (largest process)\n' "ocrmypdf -l $model --sidecar --jobs $cores" "$t_om" "$(rate "$t_om")" "$c_om" $((rss_om / 1024))
  [ $run_ocrmypdf = 1 ] &&
    printf '    %-44s %7.2f s  %s pages/s  CPU %6.2f s  peak RSS %d MB (largest process)\n' "ocrmypdf, the folder, file after file" "$t_of" "$(rate "$t_of")" "$c_of" $((rss_of / 1024))
  [ $run_ocrmypdf = 1 ] && awk -v a="$t_om" -v b="$t_ig" -v c="$t_of" -v d="$t_if" -v e="$t_tp" \
    'BEGIN{ if (b > 0 && d > 0) printf "    ingest vs ocrmypdf: %.2fx (one PDF), %.2fx (folder); ingest (folder) vs best tesseract: %+.0f%% time\n", a / b, c / d, 100 * (d - e) / e }'
done
