#!/usr/bin/env python3
"""Writes seed inputs of the shapes that once crashed or blew up parindex into a fuzz corpus.

Usage: make_seeds.py CORPUS_DIR

Shapes (issue 13): long digit runs after an index name, a level word before 30,000 letters,
"1." repeated at a paragraph start, "Số:" before a run of spaces, "-UBND" repeated, 10,000
percentages in one paragraph, deeply nested DOCX elements, a PDF content stream of nested
q/Q, and a PDF image whose size is an indirect object. Each stays under libFuzzer's
-max_len of 65,536 bytes that tools/fuzz.sh sets.
"""
import io
import os
import sys
import zipfile

LIMIT = 65536


def text_seeds():
    yield "digits", "Chỉ số cải cách hành chính " + "4" * 40000
    yield "level_letters", "HUYỆN " + "A" * 30000
    yield "numbered", "1. " * 20000
    yield "so_spaces", "Số:" + " " * 60000 + "12/KH-UBND"
    yield "ubnd", "-UBND" * 13000
    yield "ubnd_slash", "-UBND" * 6500 + "/" + "-UBND" * 6500  # a code chunk: keyed per word, it was quadratic
    yield "percents", "Tỷ lệ hồ sơ đúng hạn " + " ".join(f"{i % 100},5%" for i in range(10000))
    yield "fractions", "Tự đánh giá " + "1/2 " * 15000
    yield "exponent", "Tự đánh giá 1e309/2 điểm; thẩm định 2/1e5 điểm.\n" * 500


def docx(body):
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
             'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def pdf(content, image=None):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    if image:
        objs.append(image)
        objs += [b"30000", b"30000"]
    out, offs = bytearray(b"%PDF-1.4\n"), []
    for i, b in enumerate(objs, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + b + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
    return bytes(out)


def binary_seeds():
    n = 100000
    yield "nested_r.docx", docx("<w:p>" + "<w:r>" * n + "<w:t>x</w:t>" + "</w:r>" * n + "</w:p>")
    yield "nested_tbl.docx", docx("<w:tbl>" * n + "</w:tbl>" * n)
    yield "nested_sdt.docx", docx("<w:sdt>" * n + "</w:sdt>" * n)
    yield "nested_q.pdf", pdf(b"q " * 16000 + b"Q " * 16000)
    yield "indirect_size.pdf", pdf(b"q 595 0 0 842 0 0 cm /Im0 Do Q",
                                   b"<< /Type /XObject /Subtype /Image /Width 6 0 R /Height 7 0 R "
                                   b"/ColorSpace /DeviceGray /BitsPerComponent 8 /Length 16 >>\nstream\n"
                                   + b"\0" * 16 + b"\nendstream")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, text in text_seeds():
        data = text.encode("utf-8")[:LIMIT]
        open(os.path.join(out, f"seed_{name}.txt"), "wb").write(data)
    for name, data in binary_seeds():
        if len(data) <= LIMIT:
            open(os.path.join(out, f"seed_{name}"), "wb").write(data)


if __name__ == "__main__":
    main()
