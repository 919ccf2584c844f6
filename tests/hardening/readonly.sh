#!/usr/bin/env bash
# A database in a folder the user cannot write (a shared read-only folder): every read command
# works, and ingest is refused in one line naming the file, with the database unchanged.
source "$(dirname "$0")/common.sh"
chmod 755 "$work"
make_docs in 3
"$PARINDEX" ingest -q in || fail "ingest of the samples"
mkdir shared
cp "$PARINDEX_DB" shared/p.db
chmod 444 shared/p.db
chmod 555 shared
require_unprivileged_run
sum=$(sha256sum shared/p.db)
for cmd in gaps units "export --format ndjson" "search cải" deadlines "report -o -"; do
  cases=$((cases + 1))
  # shellcheck disable=SC2086
  eval as_user "$PARINDEX" --db shared/p.db $cmd > out.txt 2> err.txt
  rc=$?
  [ "$rc" -eq 0 ] || fail "$cmd on a read-only folder: exit $rc: $(cat err.txt)"
  [ -s out.txt ] || fail "$cmd on a read-only folder printed nothing"
done
cases=$((cases + 1))
printf 'KẾ HOẠCH\nKhắc phục Chỉ số cải cách hành chính năm 2024. Tự đánh giá 80/100 điểm.\n' > new.txt
chmod 644 new.txt
as_user "$PARINDEX" --db shared/p.db ingest new.txt > /dev/null 2> err.txt
rc=$?
[ "$rc" -gt 0 ] && [ "$rc" -lt 128 ] || fail "ingest into a read-only folder: exit $rc"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "ingest into a read-only folder: not one line: $(cat err.txt)"
grep -q "shared/p.db: the database is read-only here" err.txt || fail "ingest into a read-only folder: $(cat err.txt)"
[ "$(sha256sum shared/p.db)" = "$sum" ] || fail "the read-only database changed"
chmod 755 shared
finish
