#!/usr/bin/env bash
# The HTML report renders in headless Chromium with no console error and no network fetch,
# and a screenshot is produced (kept as report-screenshot.png in the test's working folder).
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

# Self-contained: nothing to fetch.
if grep -nE '(src|href)="(https?:|//|file:)|url\(|@import' "$work/report.html"; then
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

problems=$(render "$work/report.html" "$out/report-screenshot.png" "$work/dom.html")
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
python3 - "$work/dom.html" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
checks = {
    "title": "<h1>Chỉ số CCHC — toàn bộ cơ sở dữ liệu</h1>" in dom,
    "units": dom.count('<section class="unit"') == 2,
    "bars": dom.count("<rect class=\"bar\"") == 12,
    "gap links resolve": all(f'id="{a}"' in dom for a in re.findall(r'href="#(src-[^"]+)"', dom)),
    "target met": "86,12%" in dom and ">met<" in dom,
}
bad = [k for k, ok in checks.items() if not ok]
if bad:
    print("FAIL:", ", ".join(bad))
    sys.exit(1)
print("rendered: 2 units, 12 bars, every source link resolves, no console message")
PY
echo "screenshot: $out/report-screenshot.png ($size bytes)"
