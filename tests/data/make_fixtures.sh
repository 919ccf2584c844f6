#!/usr/bin/env bash
# Regenerates the OCR test fixtures in this folder from ocr_sample.txt (our own invented text)
# with ../shared/tools/make_scan.sh. Needs the make_scan.sh dependencies (python3,
# poppler-utils, imagemagick, img2pdf, fonts-liberation2), qpdf and python3.
# Usage: tests/data/make_fixtures.sh   (from anywhere; the output is deterministic)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools=${PARINDEX_SHARED_DIR:-$here/../../../shared}/tools
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$here"

# A one-page scan (noisy office scan at 200 dpi, a little lighter JPEG to stay small) and the
# born-digital PDF of the same page (real text layer).
"$tools/make_scan.sh" --no-signature --seed 7 --jpeg 40 --vector "$tmp/vector.pdf" \
  --gt "$tmp/gt.txt" ocr_sample.txt ocr_scan.pdf >/dev/null
# The same scan turned upside down and sideways (90° clockwise): the image itself is turned,
# not a /Rotate entry that the renderer would undo.
pdfimages -all ocr_scan.pdf "$tmp/scan"
convert "$tmp/scan-000.jpg" -rotate 180 -quality 40 -density 200 -units PixelsPerInch "$tmp/upside.jpg"
convert "$tmp/scan-000.jpg" -rotate 90 -quality 40 -density 200 -units PixelsPerInch "$tmp/sideways.jpg"
img2pdf --nodate "$tmp/upside.jpg" -o ocr_scan_upside_down.pdf
img2pdf --nodate "$tmp/sideways.jpg" -o ocr_scan_sideways.pdf
# Rewritten by cairo, which subsets the fonts: 840 KB -> 21 KB, same text layer.
pdftocairo -pdf "$tmp/vector.pdf" ocr_vector.pdf

# A born-digital page with a ruled table (from ocr_table.txt, also ours).
"$tools/make_scan.sh" --no-signature --vector "$tmp/table-vector.pdf" ocr_table.txt \
  "$tmp/table-scan.pdf" >/dev/null
pdftocairo -pdf "$tmp/table-vector.pdf" ocr_table_vector.pdf

# Born-digital pages whose text layer is not Unicode Vietnamese: the first page of
# ocr_sample.txt encoded as TCVN3 and drawn as the Latin-1 look-alikes an old ".VnTime" font
# gives ("KÕ ho¹ch"); and the same with its letters moved into Cyrillic (a layer no legacy
# encoding explains, so it is recognised instead).
python3 - "$tmp" <<'PY'
import sys
tmp = sys.argv[1]
text = open("ocr_sample.txt", encoding="utf-8").read()[:1200]
text = text[: text.rfind("\n") + 1]
lower = "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
codes = [0xB5,0xB6,0xB7,0xB8,0xB9,0xBB,0xBC,0xBD,0xBE,0xC6,0xC7,0xC8,0xC9,0xCA,0xCB,
         0xCC,0xCE,0xCF,0xD0,0xD1,0xD2,0xD3,0xD4,0xD5,0xD6,0xD7,0xD8,0xDC,0xDD,0xDE,
         0xDF,0xE1,0xE2,0xE3,0xE4,0xE5,0xE6,0xE7,0xE8,0xE9,0xEA,0xEB,0xEC,0xED,0xEE,
         0xEF,0xF1,0xF2,0xF3,0xF4,0xF5,0xF6,0xF7,0xF8,0xF9,0xFA,0xFB,0xFC,0xFD,0xFE]
table = dict(zip(lower, codes))
table.update({"ă":0xA8,"â":0xA9,"ê":0xAA,"ô":0xAB,"ơ":0xAC,"ư":0xAD,"đ":0xAE,
              "Ă":0xA1,"Â":0xA2,"Ê":0xA3,"Ô":0xA4,"Ơ":0xA5,"Ư":0xA6,"Đ":0xA7})
out = bytearray()
for ch in text:
    out += bytes([ord(ch)]) if ord(ch) < 128 else bytes([table.get(ch, table.get(ch.lower(), 0x3F))])
open(tmp + "/tcvn3.txt", "w", encoding="utf-8").write(out.decode("cp1252", errors="replace"))
cyr = "".join(chr(0x430 + (ord(c.lower()) - 97) % 32) if c.isalpha() and c.isascii() else c for c in text)
open(tmp + "/cyr.txt", "w", encoding="utf-8").write(cyr)
PY
"$tools/make_scan.sh" --no-signature --vector "$tmp/tcvn3.pdf" "$tmp/tcvn3.txt" "$tmp/tcvn3-scan.pdf" >/dev/null
pdftocairo -pdf "$tmp/tcvn3.pdf" ocr_tcvn3_layer.pdf
"$tools/make_scan.sh" --no-signature --vector "$tmp/cyr.pdf" "$tmp/cyr.txt" "$tmp/cyr-scan.pdf" >/dev/null
pdftocairo -pdf "$tmp/cyr.pdf" ocr_garbled_layer.pdf

# Encrypted with a user password: cannot be opened without it.
qpdf --encrypt secret owner 256 -- ocr_vector.pdf ocr_encrypted.pdf
# Cut in the middle: no cross-reference table, no %%EOF.
size=$(stat -c %s ocr_vector.pdf)
head -c $((size / 2)) ocr_vector.pdf > ocr_truncated.pdf
# Plain text with a .pdf name.
printf 'This is not a PDF, only text named like one.\n' > ocr_not_a_pdf.pdf

python3 - <<'PY'
import struct, zlib, zipfile

def pdf(path, objects):
    """Writes a PDF with a correct cross-reference table from the object bodies."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(path, "wb").write(out)

# No pages at all.
pdf("ocr_zero_pages.pdf", [b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [] /Count 0 >>"])
# One blank page of 100 x 100 inches: 30,000 x 30,000 px at 300 dpi.
pdf("ocr_huge_page.pdf", [b"<< /Type /Catalog /Pages 2 0 R >>",
                          b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                          b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 7200 7200] >>"])

# A PNG whose header claims 40,000 x 40,000 pixels (the data is one grey pixel).
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40000, 40000, 8, 0, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")
open("ocr_forged_header.png", "wb").write(png)

# A DOCX: a paragraph with a footnote reference, a table and the footnote.
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def p(text): return "<w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>" % text
def row(*cells): return "<w:tr>%s</w:tr>" % "".join("<w:tc>%s</w:tc>" % p(c) for c in cells)
body = (p("Xã Minh Sơn đạt 81,37 điểm") .replace("</w:r></w:p>",
        "</w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>")
        + "<w:tbl>" + row("STT", "Chỉ số thành phần", "Năm 2024") + row("1", "Cải cách thể chế", "96,5%") + "</w:tbl>"
        + p("Giao Văn phòng chủ trì."))
doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document %s><w:body>%s</w:body></w:document>" % (W, body)
notes = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes %s>"
         "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
         "<w:footnote w:id=\"1\">%s</w:footnote></w:footnotes>") % (W, p("Kế hoạch số 417/KH-UBND ngày 14/3/2025."))
types = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
with zipfile.ZipFile("ocr_sample.docx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("[Content_Types].xml", types), ("word/document.xml", doc), ("word/footnotes.xml", notes)]:
        info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
PY

# A two-page bitonal TIFF (two strips of the born-digital page, as a fax would send them):
# multi-page and 1 bpp reading, cheaply.
pdftoppm -r 200 -gray -f 1 -l 1 ocr_vector.pdf "$tmp/page"
page=$(ls "$tmp"/page*.pgm)
convert "$page" -crop 1654x150+0+180 +repage -threshold 60% "$tmp/a.png"
convert "$page" -crop 1654x150+0+330 +repage -threshold 60% "$tmp/b.png"
convert "$tmp/a.png" "$tmp/b.png" -density 200 -units PixelsPerInch -compress Group4 \
  ocr_two_pages.tif
ls -l ocr_*
