#!/usr/bin/env bash
# The bad-input matrix (text inputs): each bad file gives one error line naming the file and
# the reason, the documented exit status, no crash, and leaves the database as it was.
source "$(dirname "$0")/common.sh"

"$PARINDEX" ingest -q "$SRC/samples/song-may-2024-ket-qua-chi-so.txt" || fail "seeding the database"
before=$(dump)

expect() { # name expected-status expected-stderr-substring file
  local name=$1 status=$2 reason=$3 file=$4
  cases=$((cases + 1))
  "$PARINDEX" ingest "$file" > out.txt 2> err.txt
  local got=$?
  if [ $got -ge 128 ] && [ $got -ne 130 ]; then fail "$name: crashed (status $got)"; cat err.txt; return; fi
  [ "$got" = "$status" ] || fail "$name: status $got, expected $status"
  grep -qF -- "$file: $reason" err.txt || { fail "$name: stderr lacks '$file: $reason'"; cat err.txt; }
  [ "$(grep -c 'parindex: error' err.txt)" -le 1 ] || fail "$name: more than one error line"
  [ "$(dump)" = "$before" ] || fail "$name: database changed"
}

: > empty.txt
expect "empty file" 2 "empty file" empty.txt

head -c 65536 /dev/urandom > random.txt
printf '\0' >> random.txt
expect "random binary named .txt" 2 "binary data" random.txt

printf 'Chỉ số cải cách hành chính\0 Tự chấm 1/1\n' > nul.txt
expect "text with NUL bytes" 2 "binary data" nul.txt

printf '<!DOCTYPE html><html><body>Kế hoạch</body></html>\n' > page.pdf
expect "a .pdf that is HTML" 2 "not a PDF file" page.pdf

printf 'Hà Nội là thủ đô.\nPhố cổ có ba mươi sáu phố phường.\n' > poem.txt
expect "no PAR content" 2 "no PAR INDEX content" poem.txt

python3 -c 'import sys; sys.stdout.write("Chỉ số CCHC. Tiêu chí 1.1.1. Văn bản: Tự chấm 1/1.\n" * 420000)' > big.txt
expect "a text file over the size limit" 2 "text file too large" big.txt

# Broken PNGs: libpng's own "libpng error: …" line used to come before ours.
python3 - <<'PY'
import struct, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\x00" + b"\xff" * 100 for _ in range(100))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100, 100, 8, 0, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open("cut.png", "wb").write(png[:len(png) // 2 + 20])
bad = bytearray(png); bad[40] ^= 0xff
open("badchunk.png", "wb").write(bytes(bad))
PY
for png in cut.png badchunk.png; do
  expect "a broken PNG ($png)" 2 "undecodable image (page 1: PNG: " $png
  [ "$(wc -l < err.txt)" -eq 1 ] || fail "$png: not one line: $(cat err.txt)"
done

# Broken JPEGs: libjpeg's own "Corrupt JPEG data: …" line used to come before ours. A file
# whose data ends early is read as far as it goes, with a warning naming the page; a fatal
# error is the file's one error line.
if command -v convert > /dev/null; then
  convert -size 900x300 xc:white -font DejaVu-Sans -pointsize 34 -annotate +40+80 "Chi so cai cach hanh chinh" \
    -annotate +40+150 "Tieu chi 1.1 dat 1/1 diem" -quality 90 whole.jpg
  python3 - <<'PY'
b = open("whole.jpg", "rb").read()
open("cut.jpg", "wb").write(b[: int(len(b) * 0.93)])
i = b.find(b"\xff\xda")  # start of scan: a marker 40 bytes into the entropy-coded data
c = bytearray(b); c[i + 40:i + 42] = b"\xff\xa1"
open("marker.jpg", "wb").write(bytes(c))
PY
  expect "a JPEG with a bad marker" 2 "undecodable image (page 1: JPEG: Unsupported marker type 0xa1)" marker.jpg
  [ "$(wc -l < err.txt)" -eq 1 ] || fail "marker.jpg: not one line: $(cat err.txt)"
  cases=$((cases + 1))
  "$PARINDEX" --db cut.db ingest cut.jpg > out.txt 2> err.txt
  rc=$?
  [ "$rc" -eq 0 ] || fail "a JPEG cut short: exit $rc: $(cat err.txt)"
  [ "$(grep -v "^added " err.txt)" = "parindex: warning: cut.jpg: page 1: damaged JPEG data, read as far as it goes (Premature end of JPEG file)" ] ||
    fail "a JPEG cut short: stderr is: $(cat err.txt)"
  [ "$(sqlite3 cut.db "SELECT count(*) FROM scores")" = 1 ] || fail "a JPEG cut short: its score was not read"
else
  echo "note: ImageMagick's convert is missing; the JPEG cases are skipped"
fi

# Scanned pages whose one image cannot be decoded (garbage JBIG2 and JPX streams) used to
# render blank and read as "no PAR INDEX content".
python3 - <<'PY'
import random
def pdf(path, filt, data):
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    bodies = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
              b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
              b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
              b"<< /Type /XObject /Subtype /Image /Width 800 /Height 1000 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /%s /Length %d >>\nstream\n" % (filt, len(data)) + data + b"\nendstream"]
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, b in enumerate(bodies, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + b + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % x
    open(path, "wb").write(out)
random.seed(7)
junk = bytes(random.getrandbits(8) for _ in range(300))
pdf("jbig2.pdf", b"JBIG2Decode", junk)
pdf("jpx.pdf", b"JPXDecode", junk)
PY
expect "a page with an undecodable JBIG2 image" 2 "page 1: undecodable image (JBIG2)" jbig2.pdf
expect "a page with an undecodable JPX image" 2 "page 1: undecodable image (JPX)" jpx.pdf

expect "missing file" 2 "no such file" missing.txt

mkdir -p loop/sub
ln -s .. loop/sub/up
cases=$((cases + 1))
timeout 20 "$PARINDEX" ingest loop > out.txt 2> err.txt
got=$?
[ "$got" -lt 128 ] || fail "symlink loop: status $got"
[ "$(dump)" = "$before" ] || fail "symlink loop: database changed"

if [ "$(id -u)" -ne 0 ]; then
  cp "$SRC/samples/song-may-2024-ke-hoach-khac-phuc.txt" locked.txt
  chmod 000 locked.txt
  expect "unreadable file" 2 "cannot read" locked.txt
else
  echo "skipped: unreadable file (root reads everything)"
fi

# Graphics states nested 200,000 deep ("q" … "Q", a 2 KB file once compressed), which took
# poppler 1.1 GB: refused before poppler reads the page, raw or FlateDecode, in a few MB;
# 50 levels (and "q" inside strings and names) are read as usual.
python3 - <<'PY'
import zlib
def pdf(path, content, flate):
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
text = b"BT /F1 12 Tf 72 720 Td (Chi so cai cach hanh chinh (q q) Tj /q q) Tj ET "
pdf("nested_raw.pdf", b"q " * 200000 + text + b"Q " * 200000, False)
pdf("nested_flate.pdf", b"q\n" * 200000 + text + b"Q\n" * 200000, True)
pdf("shallow.pdf", b"q " * 50 + text + b"Q " * 50, True)
PY
for f in nested_raw.pdf nested_flate.pdf; do
  expect "$f" 2 "page content nests graphics states more than 4096 deep (a PDF bomb): not read" $f
  if [ -x /usr/bin/time ] && ! ldd "$PARINDEX" 2>/dev/null | grep -q libasan; then
    /usr/bin/time -f '%M' -o rss.txt "$PARINDEX" ingest -q $f 2> /dev/null
    [ "$(tail -1 rss.txt)" -lt 200000 ] || fail "$f: peak RSS $(tail -1 rss.txt) KB"
  fi
done
cases=$((cases + 1))
"$PARINDEX" ingest -q shallow.pdf 2> err.txt || fail "shallow nesting refused: $(cat err.txt)"
before=$(dump)

# Numbers that overflow are not scores; the document still ingests or fails cleanly.
cases=$((cases + 1))
printf 'KẾ HOẠCH\nCải cách hành chính\nTiêu chí 1.1. Ban hành kế hoạch: Tự chấm 999999999999/1. Thẩm định 1e308/1.\n' > overflow.txt
"$PARINDEX" ingest -q overflow.txt 2> err.txt
got=$?
[ "$got" -lt 128 ] || fail "overflow: crashed ($got)"
if "$PARINDEX" gaps --format ndjson | grep -q 999999999999; then fail "overflow: a 12-digit score was taken"; fi
before=$(dump)

finish
