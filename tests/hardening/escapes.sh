#!/usr/bin/env bash
# Terminal escapes and look-alike text: control characters in document values and in file
# names reach a terminal only as visible escapes (tables, errors, progress), JSON keeps the
# exact value, bidirectional controls never enter the database, and a meta table that is not
# ours is refused by name.
source "$(dirname "$0")/common.sh"
ESC=$'\033'

# A criterion title carrying a screen clear and an OSC 8 link.
printf 'UỶ BAN NHÂN DÂN HUYỆN SÔNG MÂY\nKẾ HOẠCH\nKhắc phục tồn tại, hạn chế Chỉ số cải cách hành chính năm 2024\n1. Tiêu chí 1.1. Ban hành kế hoạch \033[2J\033]8;;http://x.invalid\033\\bấm CCHC: tự đánh giá 1/2 điểm, thẩm định 0,5/2 điểm.\n' > esc.txt
"$PARINDEX" ingest -q esc.txt || fail "ingest of a document with escapes"
for cmd in "gaps" "show $("$PARINDEX" export --format ndjson | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"][:12])')"; do
  cases=$((cases + 1))
  # shellcheck disable=SC2086
  out=$("$PARINDEX" $cmd 2>&1)
  case $out in *"$ESC"*) fail "$cmd: a raw ESC reached the terminal" ;; esac
  case $out in *'\x1B[2J'*) ;; *) fail "$cmd: the escape is not shown visibly: $out" ;; esac
done
cases=$((cases + 1))
"$PARINDEX" export --format json | grep -q '\\u001b\[2J' || fail "export JSON lost the exact value"

# A file name with a newline and an escape: the error stays on one line, escapes visible.
cases=$((cases + 1))
bad=$'bad\n\033[2Jname.txt'
head -c 4096 /dev/urandom > "$bad"
"$PARINDEX" ingest "$bad" 2> err.txt
rc=$?
[ "$rc" -gt 0 ] && [ "$rc" -lt 128 ] || fail "junk with an odd name: exit $rc"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "the error is not one line: $(cat -v err.txt)"
grep -q "$ESC" err.txt && fail "a raw ESC in the error line"
grep -qF 'bad\n\x1B[2Jname.txt' err.txt || fail "the file is not named visibly: $(cat -v err.txt)"

# U+202E in a unit name is dropped before anything is stored.
cases=$((cases + 1))
printf 'UỶ BAN NHÂN DÂN HUYỆN SÔNG\xe2\x80\xae MÂY\nBÁO CÁO\nKết quả Chỉ số cải cách hành chính năm 2024 của huyện Sông\xe2\x80\xae Mây đạt 80,5 điểm, xếp thứ 3/12.\n' > bidi.txt
"$PARINDEX" ingest -q bidi.txt || fail "ingest of a document with U+202E"
"$PARINDEX" export --format ndjson | grep -q $'\xe2\x80\xae' && fail "U+202E was stored"
"$PARINDEX" export --format ndjson | grep -q '\\u202e' && fail "U+202E was stored (escaped)"

# A schema version that is not a positive whole number: not our database, said once, and
# nothing is written.
for v in abc -3 ''; do
  cases=$((cases + 1))
  cp "$PARINDEX_DB" bad.db
  sqlite3 bad.db "UPDATE meta SET value='$v' WHERE key='schema_version'"
  sum=$(sha256sum bad.db)
  for cmd in gaps "ingest -q esc.txt"; do
    # shellcheck disable=SC2086
    "$PARINDEX" --db bad.db $cmd > /dev/null 2> err.txt
    rc=$?
    [ "$rc" -gt 0 ] && [ "$rc" -lt 128 ] || fail "schema '$v', $cmd: exit $rc"
    grep -q "bad.db: not a parindex database (schema version '$v')" err.txt || fail "schema '$v', $cmd: $(cat err.txt)"
  done
  [ "$(sha256sum bad.db)" = "$sum" ] || fail "schema '$v': the file changed"
done
finish
