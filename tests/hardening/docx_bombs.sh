#!/usr/bin/env bash
# Hostile DOCX files, generated here: elements nested 100,000 deep (a 2 KB file that used to
# overflow the stack of the recursive reader) and a small file whose text inflates past the
# 16 MB text limit. Each ends with status 0 or 2 (never a signal) within the time limit, and on
# status 2 with exactly one error line naming the file.
source "$(dirname "$0")/common.sh"

python3 - <<'PY' || { echo "FAIL: generating the DOCX files"; exit 1; }
import zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
PAR = '<w:p><w:r><w:t>Chỉ số cải cách hành chính năm 2024 đạt 81,37 điểm.</w:t></w:r></w:p>'
N = 100_000

def docx(name, body, footnotes=None):
    doc = '<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", TYPES)
        z.writestr("word/document.xml", doc)
        if footnotes is not None:
            z.writestr("word/footnotes.xml", '<?xml version="1.0" encoding="UTF-8"?><w:footnotes %s>%s</w:footnotes>'
                       % (W, footnotes))

def nest(open_, close, inner=""):
    return open_ * N + inner + close * N

T = '<w:t>Chỉ số cải cách hành chính đạt 81,37 điểm</w:t>'
# Runs in runs in runs, inside one paragraph.
docx("nested_runs.docx", PAR + "<w:p>" + nest("<w:r>", "</w:r>", T) + "</w:p>")
# Tables in cells of tables.
docx("nested_tables.docx", PAR + nest("<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", "<w:p><w:r>" + T + "</w:r></w:p>"))
# w:tbl directly in w:tbl (not valid WordprocessingML, but a parser sees it).
docx("nested_tbl_raw.docx", PAR + nest("<w:tbl>", "</w:tbl>"))
# Content controls in content controls.
docx("nested_sdt.docx", PAR + nest("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:p><w:r>" + T + "</w:r></w:p>"))
docx("nested_sdt_raw.docx", PAR + nest("<w:sdt>", "</w:sdt>"))
# Deep nesting in the footnotes part.
docx("nested_footnote.docx", PAR, '<w:footnote w:id="1">%s</w:footnote>'
     % nest("<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", PAR))
# Unclosed: 100,000 open elements and no end.
docx("unclosed.docx", PAR + "<w:p>" + "<w:r>" * N)
# 17 MB of text from a few kilobytes: one paragraph, and many paragraphs.
docx("text_bomb_one.docx", PAR + "<w:p><w:r><w:t>" + "a" * (17 << 20) + "</w:t></w:r></w:p>")
docx("text_bomb_many.docx", PAR + ("<w:p><w:r><w:t>" + "Tiêu chí 1.1 đạt 1/1. " * 40 + "</w:t></w:r></w:p>") * 20000)
# The same text bomb in the footnotes.
docx("text_bomb_footnote.docx", PAR, '<w:footnote w:id="1"><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:footnote>'
     % ("b" * (17 << 20)))
PY

# name expected-status (0, 2, or "0|2") expected-reason (for status 2, or "")
expect() {
  local file=$1 status=$2 reason=$3
  cases=$((cases + 1))
  [ "$(stat -c %s "$file")" -lt 200000 ] || fail "$file: generated file is not small ($(stat -c %s "$file") bytes)"
  timeout 60 "$PARINDEX" ingest -q "$file" > out.txt 2> err.txt
  local got=$?
  if [ $got -eq 124 ]; then fail "$file: no result within 60 s"; return; fi
  if [ $got -ge 128 ]; then fail "$file: killed by signal $((got - 128))"; head -c 2000 err.txt; return; fi
  case "|$status|" in
    *"|$got|"*) ;;
    *) fail "$file: status $got, expected $status"; head -c 2000 err.txt; return ;;
  esac
  if [ $got -eq 2 ]; then
    [ "$(wc -l < err.txt)" -eq 1 ] || { fail "$file: $(wc -l < err.txt) lines on stderr, expected one"; head -c 2000 err.txt; }
    grep -q "^parindex: error: .*$file" err.txt || { fail "$file: the error line does not start with 'parindex: error:' or name the file"; head -c 2000 err.txt; }
    [ -z "$reason" ] || grep -qF -- "$file: $reason" err.txt || { fail "$file: stderr lacks '$file: $reason'"; head -c 2000 err.txt; }
  fi
  echo "ok: $file (status $got)"
}

expect nested_runs.docx 0 ""
expect nested_tables.docx 0 ""
expect nested_tbl_raw.docx "0|2" ""
expect nested_sdt.docx 0 ""
expect nested_sdt_raw.docx "0|2" ""
expect nested_footnote.docx 0 ""
expect unclosed.docx 2 "corrupt DOCX"
expect text_bomb_one.docx 2 "DOCX text too large"
expect text_bomb_many.docx 2 "DOCX text too large"
expect text_bomb_footnote.docx 2 "DOCX text too large"

finish
