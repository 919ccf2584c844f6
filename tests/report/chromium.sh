#!/usr/bin/env bash
# The HTML report renders in headless Chromium with no console error and no network fetch,
# and a screenshot is produced (kept as report-screenshot.png in the test's working folder).
# Then what a reader sees is measured in the browser's own layout: the charts' size and text,
# dates on one line in a narrow window, and the print stylesheet's A4 pages.
# Usage: chromium.sh PARINDEX SOURCE_DIR
set -euo pipefail
parindex=$1
src=$2
out=$PWD
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "FAIL: chromium is not installed (tools/install-deps.sh installs the Debian package)"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PARINDEX_DB="$work/r.db"
export PARINDEX_CRITERIA="$src/dictionaries/criteria:$src/dictionaries/criteria/samples"
(cd "$src" && "$parindex" ingest -q samples)
"$parindex" report --as-of 2024-10-15 -o "$work/report.html"
"$parindex" report --as-of 2024-10-15 --with-sources -o "$work/sources.html"

# Self-contained: nothing to fetch.
if grep -nE '(src|href)="(https?:|//|file:)|url\(|@import' "$work/report.html" "$work/sources.html"; then
  echo "FAIL: the report refers to something outside itself"
  exit 1
fi

# Runs Chromium on a page; prints its console messages and CSP refusals (none expected).
render() { # page.html screenshot.png dom.html
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --window-size=1200,2400 \
    --screenshot="$2" "file://$1" 2> "$work/console.txt" > /dev/null || true
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$work/profile" --dump-dom "file://$1" > "$3" 2>> "$work/console.txt" || true
  grep -E 'CONSOLE|Refused to|Uncaught' "$work/console.txt" || true
}

# The harness itself must see a console error when there is one.
printf '<!DOCTYPE html><html><body><script>console.error("planted error")</script></body></html>' > "$work/bad.html"
if ! render "$work/bad.html" "$work/bad.png" "$work/bad.dom" | grep -q "planted error"; then
  echo "FAIL: the console check does not catch a planted console.error"
  cat "$work/console.txt"
  exit 1
fi

problems=$(render "$work/report.html" "$out/report-screenshot.png" "$work/dom.html"
          render "$work/sources.html" "$work/sources.png" "$work/sources-dom.html")
if [ -n "$problems" ]; then
  echo "FAIL: console messages while rendering the report:"
  echo "$problems"
  exit 1
fi
size=$(stat -c %s "$out/report-screenshot.png" 2>/dev/null || echo 0)
if [ "$size" -lt 20000 ]; then
  echo "FAIL: no screenshot (or an empty one: $size bytes)"
  exit 1
fi
# What Chromium built from the page: both units, the chart bars, the tables.
python3 - "$work/dom.html" "$work/sources-dom.html" <<'PY'
import re, sys
dom, with_sources = (open(p, encoding="utf-8").read() for p in sys.argv[1:])
checks = {
    "title": "<h1>Chỉ số CCHC — toàn bộ cơ sở dữ liệu</h1>" in dom,
    "units": dom.count('<section class="unit"') == 2,
    "bars": dom.count("<rect class=\"bar\"") == 12,
    "target met": "86,12%" in dom and "<td>đạt</td>" in dom,
    "statuses in Vietnamese": "<td>cải thiện</td>" in dom and "<td>giảm</td>" in dom
                              and not re.search(r">(improved|regressed|unchanged|met|missed|unknown)<", dom),
    "component names": all(f">{n}<" in dom for n in ("Chỉ đạo điều hành", "Thể chế", "Thủ tục hành chính",
                                                    "Tài chính công", "Chính quyền số", "Chỉ số CCHC (tổng)")),
    # Sông Mây has results of 2023 and 2024, Nậm Khiêu of one year: one chart over the years.
    "one trend chart": dom.count('class="chart trend"') == 1,
    "no appendix by default": "Văn bản nguồn" not in dom and 'href="#src-' not in dom,
    "appendix with --with-sources": '<h2 class="appendix">Văn bản nguồn</h2>' in with_sources,
    "source links resolve": len(re.findall(r'href="#src-', with_sources)) > 10
                            and all(f'id="{a}"' in with_sources for a in re.findall(r'href="#(src-[^"]+)"', with_sources)),
}
bad = [k for k, ok in checks.items() if not ok]
if bad:
    print("FAIL:", ", ".join(bad))
    sys.exit(1)
print("rendered: 2 units, 12 bars named by component, one chart over the years, statuses in Vietnamese,",
      "no appendix unless asked, every source link resolves, no console message")
PY
echo "screenshot: $out/report-screenshot.png ($size bytes)"

# Layout, measured by a script in a copy of the page (the report itself has none and its
# policy forbids one): chart text as drawn, the charts against the page, dates' line boxes.
measure() { # window-width output.json
  python3 -c 'import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
page = re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n", "", page)
script = open(sys.argv[2], encoding="utf-8").read()
sys.stdout.write(page.replace("</body>", "<script>" + script + "</script></body>"))' \
    "$work/report.html" "$src/tests/report/measure.js" > "$work/measure.html"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$work/profile" --window-size="$1",2400 --dump-dom "file://$work/measure.html" \
    2>> "$work/console.txt" > "$work/measured.html" || true
  python3 -c 'import html, re, sys
m = re.search(r"<pre id=\"measured\">(.*?)</pre>", open(sys.argv[1], encoding="utf-8").read(), re.S)
print(html.unescape(m.group(1)) if m else "{}")' "$work/measured.html" > "$2"
}
measure 1200 "$work/wide.json"
measure 480 "$work/narrow.json"
python3 - "$work/wide.json" "$work/narrow.json" <<'PY'
import json, sys
wide, narrow = (json.load(open(p)) for p in sys.argv[1:])
if not wide.get("fonts") or not narrow.get("dates"):
    print("FAIL: the measuring script did not run:", wide, narrow)
    sys.exit(1)
fails = []
# Legible at a glance: no chart text drawn smaller than 12 px in a 1200-px window.
if min(wide["fonts"]) < 12:
    fails.append(f"chart text {min(wide['fonts']):.1f} px")
# Sized to the page: each chart at least 80 % of its section's width.
if min(wide["charts"]) < 0.8 * wide["section"]:
    fails.append(f"a chart {min(wide['charts']):.0f} px wide in a {wide['section']:.0f}-px section")
# A date is one line box even in a narrow window.
if max(narrow["dates"]) != 1:
    fails.append(f"dates in {narrow['dates']} line boxes at 480 px")
if fails:
    print("FAIL: layout:", "; ".join(fails))
    sys.exit(1)
print(f"layout: chart text {min(wide['fonts']):.1f}–{max(wide['fonts']):.1f} px, charts {min(wide['charts']):.0f} px",
      f"in a {wide['section']:.0f}-px section, {len(narrow['dates'])} dates each on one line at 480 px")
PY

# Printed: A4 pages, the second unit from a new page, dates whole, no appendix unless asked.
print_pdf() { # page.html out.pdf
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-extensions \
    --user-data-dir="$work/profile" --no-pdf-header-footer --print-to-pdf="$2" "file://$1" \
    2>> "$work/console.txt" > /dev/null || true
}
for page in report sources; do
  print_pdf "$work/$page.html" "$work/$page.pdf"
  if ! pdfinfo "$work/$page.pdf" 2>&1 | grep -qE '^Page size: .* pts \(A4\)$'; then
    echo "FAIL: $page.pdf is not printed on A4:"
    pdfinfo "$work/$page.pdf" 2>&1
    exit 1
  fi
  pdftotext -layout "$work/$page.pdf" "$work/$page.txt"
done
python3 - "$work/report.txt" "$work/sources.txt" "$work/report.html" <<'PY'
import re, sys
printed, with_sources, page = (open(p, encoding="utf-8").read() for p in sys.argv[1:])
pages = printed.split("\f")
fails = []
if "Văn bản nguồn" in printed:
    fails.append("the appendix is printed without --with-sources")
if "Văn bản nguồn" not in with_sources:
    fails.append("no appendix printed with --with-sources")
# Every unit after the first starts a page: its heading is the page's first line.
units = re.findall(r'<section class="unit" id="unit-\d+">\n<h2>([^<]+)</h2>', page)
for unit in units[1:]:
    if not any(p.lstrip().startswith(unit + "\n") for p in pages):
        fails.append(f"{unit} does not start a page")
dates = re.findall(r'<span class="date">([^<]+)</span>', page)
whole = sum(printed.count(d) for d in set(dates))
if whole < len(dates):
    fails.append(f"{len(dates)} dates in the page, {whole} printed whole")
if fails:
    print("FAIL: print:", "; ".join(fails))
    sys.exit(1)
print(f"print: A4, {len(pages) - 1} pages, each of {len(units)} units from a new page, {whole} dates whole,",
      "the appendix only with --with-sources")
PY
