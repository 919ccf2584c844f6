#!/usr/bin/env bash
# `ingest --isolate`: each file is read in a child process under a memory budget, so a file
# that needs more than the budget (a PDF nesting 200,000 graphics states took 1.1 GB), crashes
# a library or aborts inside one fails alone, by name, and the rest of the folder is stored;
# records are the same as without isolation; a stop still ends the batch with 130.
source "$(dirname "$0")/common.sh"
if ldd "$PARINDEX" 2>/dev/null | grep -q libasan; then
  echo "skipped: AddressSanitizer reserves terabytes of address space, which a memory budget refuses"
  exit 0
fi

# A PDF whose page content nests "q" 200,000 deep (poppler keeps a graphics state for each).
python3 - <<'PY'
n = 200000
content = ("q " * n + "BT /F1 12 Tf 72 720 Td (Chi so cai cach hanh chinh) Tj ET " + "Q " * n).encode()
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
out, offs = b"%PDF-1.4\n", []
for i, o in enumerate(objs):
    offs.append(len(out)); out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open("nested.pdf", "wb").write(out)
PY
make_docs docs 2

# The nested PDF fails by name (refused before poppler reads it: see bad_inputs.sh), within
# the budget; the documents on either side are stored.
cases=$((cases + 1))
/usr/bin/time -f '%M' -o rss.txt "$PARINDEX" --db iso.db ingest --isolate docs/doc-0000.txt nested.pdf docs/doc-0001.txt \
  > out.txt 2> err.txt
rc=$?
[ "$rc" -eq 2 ] || fail "nested q: exit $rc: $(cat err.txt)"
grep -qx "parindex: error: nested.pdf: page content nests graphics states more than 4096 deep (a PDF bomb): not read" err.txt ||
  fail "nested q: $(cat err.txt)"
[ "$(grep -c '^parindex: error:' err.txt)" -eq 1 ] || fail "nested q: not one error line: $(cat err.txt)"
[ "$(sqlite3 iso.db "SELECT group_concat(source, ' ') FROM (SELECT source FROM documents ORDER BY source)")" = \
  "docs/doc-0000.txt docs/doc-0001.txt" ] || fail "nested q: the other files were not stored"
rss=$(tail -1 rss.txt)
[ "$rss" -lt 1100000 ] || fail "nested q: peak RSS $rss KB, over the 1 GB budget"

# A scanned PDF under a budget too small for the OCR engine: that file fails, by name and
# with the budget, and the next is stored.
cases=$((cases + 1))
"$PARINDEX" --db small.db ingest --isolate --memory-budget 100 "$SRC/samples/nam-khieu-2025-bao-cao-scan.pdf" \
  docs/doc-0000.txt > out.txt 2> err.txt
rc=$?
[ "$rc" -eq 2 ] || fail "small budget: exit $rc: $(cat err.txt)"
grep -q "nam-khieu-2025-bao-cao-scan.pdf: out of memory reading this file (the budget is 100 MB)" err.txt ||
  fail "small budget: $(cat err.txt)"
[ "$(sqlite3 small.db "SELECT source FROM documents")" = "docs/doc-0000.txt" ] || fail "small budget: the next file was not stored"

# Isolated or not, the same records.
cases=$((cases + 1))
"$PARINDEX" --db plain.db ingest -q docs "$SRC/samples/nam-khieu-2025-bao-cao-scan.pdf" || fail "plain ingest"
"$PARINDEX" --db isolated.db ingest -q --isolate docs "$SRC/samples/nam-khieu-2025-bao-cao-scan.pdf" || fail "isolated ingest"
[ "$("$PARINDEX" --db plain.db export)" = "$("$PARINDEX" --db isolated.db export)" ] || fail "isolated records differ"

# SIGTERM during an isolated read: exit 130 within a second, nothing stored.
cases=$((cases + 1))
for i in $(seq 1 400); do cat "$SRC"/samples/*.txt; done | head -c 12M > long.txt
"$PARINDEX" --db stop.db ingest -q --isolate long.txt 2> err.txt &
pid=$!
sleep 0.4
start=$(date +%s%N)
kill -TERM $pid
wait $pid
rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
if [ "$rc" -eq 0 ]; then
  echo "note: the long text was done before the signal; the stop was not tried"
else
  [ "$rc" -eq 130 ] || fail "SIGTERM: exit $rc ($(cat err.txt))"
  [ "$ms" -lt 1000 ] || fail "SIGTERM: took $ms ms"
  [ "$(sqlite3 stop.db "SELECT count(*) FROM documents")" = 0 ] || fail "SIGTERM: a document was stored"
  pgrep -f "parindex __read" > /dev/null && fail "SIGTERM: an isolated reader outlived the batch"
fi
finish
