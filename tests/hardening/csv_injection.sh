#!/usr/bin/env bash
# CSV formula injection (OWASP): a text cell that starts with =, +, -, @, tab or CR — here a
# criterion title and a lead agency '=cmd|' /C calc'!A0' and a file named '=HYPERLINK(x).txt'
# — is written with a leading apostrophe in every CSV output; numbers (a negative delta) are
# not; JSON keeps the exact value. Reading does not change the database.
source "$(dirname "$0")/common.sh"

payload="=cmd|' /C calc'!A0"
doc='=HYPERLINK(x).txt'
cat > "$doc" <<EOF
ỦY BAN NHÂN DÂN
HUYỆN SÔNG MÂY

Số: 45/KH-UBND

Sông Mây, ngày 15 tháng 3 năm 2024

KẾ HOẠCH
Khắc phục các tiêu chí bị trừ điểm trong Chỉ số cải cách hành chính năm 2023
của huyện Sông Mây

1. Công tác chỉ đạo, điều hành cải cách hành chính

+ Tiêu chí 1.3. $payload: Tự đánh giá 2/2. Kết quả thẩm định 1/2 (Chưa kiểm tra đủ).

Giao $payload chủ trì, phối hợp với Phòng Tư pháp xây dựng kế hoạch kiểm tra.

Thời gian hoàn thành: trước ngày 30/9/2024.
EOF
"$PARINDEX" ingest -q "$doc" "$SRC/samples" || fail "ingesting the documents"
before=$(dump)

# name expected-substring command…
csv_has() {
  local name=$1 want=$2
  shift 2
  cases=$((cases + 1))
  timeout 20 "$PARINDEX" "$@" > out.csv 2> err.txt
  local got=$?
  [ $got -eq 0 ] || { fail "$name: status $got"; cat err.txt; return; }
  grep -qF -- "$want" out.csv || { fail "$name: output lacks $want"; cat out.csv; }
  # No cell (start of line or after a comma, maybe quoted) starts with the bare payload.
  if grep -qE '(^|,)"?=(cmd|HYPERLINK)' out.csv; then fail "$name: an unescaped formula"; grep -E '(^|,)"?=' out.csv; fi
  [ "$(dump)" = "$before" ] || fail "$name: database changed"
}

csv_has "export: the file name" ",'=HYPERLINK(x).txt," export --format csv
csv_has "gaps: the title" ",'$payload," gaps --format csv
csv_has "deadlines: the source" ",'=HYPERLINK(x).txt," deadlines --format csv
csv_has "deadlines: the lead agency" ",'$payload," deadlines --format csv
csv_has "search: the text" "'=HYPERLINK" search --format csv calc
# Numbers stay numbers: C7 fell by 5.56 points from 2023 to 2024.
csv_has "diff: a negative number" ",-5.56,regressed," diff --unit "Sông Mây" --from 2023 --to 2024 --format csv

# JSON keeps the exact value.
cases=$((cases + 1))
"$PARINDEX" gaps --format json > out.json || fail "gaps --format json"
python3 - "$payload" <<'PY' || fail "JSON: the title is not kept as it is"
import json, sys
rows = json.load(open("out.json"))
assert any(r["title"] == sys.argv[1] for r in rows), rows
PY

finish
