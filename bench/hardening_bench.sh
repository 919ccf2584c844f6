#!/usr/bin/env bash
# What each hostile input of the hardening issue costs now: exit status, wall seconds and
# peak RSS of one `parindex ingest`, each on a fresh database, inputs generated here. The
# tests under tests/hardening/ assert the behaviour (one error line, database unchanged,
# bounds); this prints the figures. Never pass/fail.
#
# usage: bench/hardening_bench.sh [PARINDEX]     (default build/parindex; needs /usr/bin/time)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$src/build/parindex}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

python3 - "$src" <<'PY'
import sys, zipfile, zlib, struct
src = sys.argv[1]
head = "Chỉ số cải cách hành chính\n"
def w(name, text): open(name, "w", encoding="utf-8").write(text)
w("digits.txt", head + "7" * 40000 + "\n")
w("huyen_letters.txt", "HUYỆN " + "A" * 30000 + "\n" + head)
w("list_markers.txt", head + "\n" + "1. " * 20000 + "\n")
w("so_spaces.txt", head + "Số:" + " " * 100000 + "\n")
w("ubnd_tails.txt", head + "-UBND" * 30000 + "\n")
w("percentages.txt", head + "đạt 91,44%; " * 20000 + "\n")
unit = "Tiêu chí 1.1 đạt 1/1 điểm, chỉ số thành phần đạt 91,44%, xếp thứ 5/12; "
size = 15 << 20
w("paragraph_15mb.txt", head + (unit * (size // len(unit.encode()) + 1))[:size] + "\n")
w("score_1e309.txt", "KẾ HOẠCH\nCải cách hành chính\nTiêu chí 1.1. Ban hành kế hoạch: Tự đánh giá 1e309/2.\n")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
PAR = '<w:p><w:r><w:t>Chỉ số cải cách hành chính năm 2024 đạt 81,37 điểm.</w:t></w:r></w:p>'
def docx(name, body):
    doc = '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("word/document.xml", doc)
N = 100000
T = '<w:t>Chỉ số cải cách hành chính đạt 81,37 điểm</w:t>'
docx("docx_nested_runs.docx", PAR + "<w:p>" + "<w:r>" * N + T + "</w:r>" * N + "</w:p>")
docx("docx_nested_tables.docx", PAR + "<w:tbl><w:tr><w:tc>" * N + "<w:p><w:r>" + T + "</w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * N)
docx("docx_nested_sdt.docx", PAR + "<w:sdt><w:sdtContent>" * N + "<w:p><w:r>" + T + "</w:r></w:p>" + "</w:sdtContent></w:sdt>" * N)
# 250 MB of document.xml text in a small file.
with zipfile.ZipFile("docx_250mb_text.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", TYPES)
    para = '<w:p><w:r><w:t>' + "Chỉ số cải cách hành chính " * 40 + '</w:t></w:r></w:p>'
    z.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>'
               % (W, para * (250_000_000 // len(para.encode()))))

def pdf(path, content, flate=False):
    body = zlib.compress(content) if flate else content
    filt = b" /Filter /FlateDecode" if flate else b""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d%s >>\nstream\n" % (len(body), filt) + body + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offs = b"%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offs.append(len(out)); out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    open(path, "wb").write(out)
text = b"BT /F1 12 Tf 72 720 Td (Chi so cai cach hanh chinh) Tj ET "
pdf("pdf_nested_q.pdf", b"q " * 200000 + text + b"Q " * 200000)
pdf("pdf_nested_q_flate.pdf", b"q\n" * 200000 + text + b"Q\n" * 200000, True)

# A 100-megapixel RGBA PNG (10,000 × 10,000, one colour: a small file).
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
wpx = hpx = 10000
raw = zlib.compressobj(9)
data = b"".join(raw.compress(b"\0" + b"\xff" * (wpx * 4)) for _ in range(hpx)) + raw.flush()
open("png_100mp_rgba.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", wpx, hpx, 8, 6, 0, 0, 0))
                                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))
PY
cp "$src/tests/data/ocr_indirect_size.pdf" pdf_indirect_size.pdf

echo "parindex hardening benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(git -C "$src" rev-parse --short HEAD)"
printf '%-26s %10s %6s %8s %10s  %s\n' input size exit seconds "peak MB" "message (first line)"
run() { # label file [args...]
  local label=$1 file=$2
  shift 2
  rm -f t.db t.db-*
  /usr/bin/time -f '%e %M' -o time.txt "$bin" --db t.db ingest -q "$@" "$file" > /dev/null 2> err.txt < /dev/null && st=0 || st=$?
  read -r secs kb < <(tail -1 time.txt)
  printf '%-26s %10s %6s %8s %10.1f  %s\n' "$label" "$(stat -c %s "$file" 2>/dev/null || echo -)" "$st" "$secs" \
    "$(echo "$kb / 1024" | bc -l)" "$(head -1 err.txt | cut -c1-110)"
}
for f in digits.txt huyen_letters.txt list_markers.txt so_spaces.txt ubnd_tails.txt percentages.txt \
         paragraph_15mb.txt score_1e309.txt docx_nested_runs.docx docx_nested_tables.docx docx_nested_sdt.docx \
         docx_250mb_text.docx pdf_nested_q.pdf pdf_nested_q_flate.pdf pdf_indirect_size.pdf png_100mp_rgba.png; do
  run "${f%.*}" "$f"
done
# Standard input of zeros (the 16 MB text limit applies to it).
rm -f t.db t.db-*
/usr/bin/time -f '%e %M' -o time.txt "$bin" --db t.db ingest -q - < /dev/zero > /dev/null 2> err.txt && st=0 || st=$?
read -r secs kb < <(tail -1 time.txt)
printf '%-26s %10s %6s %8s %10.1f  %s\n' "stdin </dev/zero" "-" "$st" "$secs" "$(echo "$kb / 1024" | bc -l)" "$(head -1 err.txt | cut -c1-110)"
# SIGTERM during the 15 MB paragraph, 1, 2, 3, 4 and 5 s in: seconds from the signal to exit.
for at in 1 2 3 4 5; do
  rm -f t.db t.db-*
  "$bin" --db t.db ingest -q paragraph_15mb.txt 2> err.txt &
  pid=$!
  sleep "$at"
  t0=$(date +%s%N)
  kill -TERM "$pid" 2> /dev/null || true
  wait "$pid" && st=0 || st=$?
  ms=$((($(date +%s%N) - t0) / 1000000))
  printf '%-26s %10s %6s %8s %10s  %s\n' "SIGTERM ${at} s into 15 MB" "-" "$st" "$(echo "scale=3; $ms / 1000" | bc)" "-" \
    "$(sqlite3 t.db 'SELECT count(*) FROM documents' 2> /dev/null || echo 0) documents stored; $(head -1 err.txt | cut -c1-60)"
done
