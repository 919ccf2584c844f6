#!/usr/bin/env bash
# A hostile folder: FIFOs, links to devices, to folders (a loop) and to files outside the
# tree, an unreadable subfolder, and Windows junk. Each skip is one warning naming the path;
# nothing outside the folder is read unless --follow is given; junk is left out quietly.
source "$(dirname "$0")/common.sh"
chmod 755 "$work"
make_docs src 3
mkdir -p fold/sub fold/locked outside
cp src/doc-0000.txt fold/a.txt
cp src/doc-0001.txt fold/sub/b.txt
cp src/doc-0002.txt outside/c.txt
cp src/doc-0000.txt fold/locked/d.txt
mkfifo fold/pipe
ln -s /dev/zero fold/zero.txt
ln -s ../fold fold/loop
ln -s "$work/outside/c.txt" fold/c.txt
ln -s a.txt fold/alias.txt
printf 'junk' > fold/Thumbs.db
printf 'junk' > fold/desktop.ini
chmod 000 fold/locked
require_unprivileged_run
mkdir db
chmod 777 db
cases=$((cases + 1))
as_user timeout 60 "$PARINDEX" --db db/a.db ingest fold > out.txt 2> err.txt
rc=$?
[ "$rc" -eq 3 ] || fail "hostile folder: exit $rc (expected 3, warnings): $(cat err.txt)"
for want in "fold/pipe: skipped: a FIFO" "fold/zero.txt: skipped: link to a character device" \
            "fold/loop: skipped: link to a folder (not followed)" \
            "fold/c.txt: skipped: link to a file outside the folder ($work/outside/c.txt; --follow reads it)" \
            "fold/locked: skipped: cannot read folder (Permission denied)"; do
  cases=$((cases + 1))
  grep -qF "parindex: warning: $want" err.txt || fail "no warning '$want': $(cat err.txt)"
done
cases=$((cases + 1))
grep -qi "thumbs\|desktop.ini" err.txt && fail "junk files were warned about: $(cat err.txt)"
cases=$((cases + 1))
n=$(sqlite3 db/a.db "SELECT count(*) FROM documents")
[ "$n" -eq 2 ] || fail "hostile folder: $n documents stored (a.txt and sub/b.txt expected)"
sqlite3 db/a.db "SELECT source FROM documents" | grep -q "c.txt" && fail "a link out of the folder was read"
# With --follow, the link out of the tree is read (the device, FIFO and loop still are not).
cases=$((cases + 1))
as_user timeout 60 "$PARINDEX" --db db/a.db ingest --follow fold > out.txt 2> err.txt
rc=$?
[ "$rc" -eq 3 ] || fail "--follow: exit $rc: $(cat err.txt)"
sqlite3 db/a.db "SELECT source FROM documents" | grep -q "fold/c.txt" || fail "--follow did not read the link"
grep -q "outside the folder" err.txt && fail "--follow still skipped the link"
chmod 755 fold/locked
# A folder with nothing to read (empty, or only junk): said, exit 2, no database made.
for d in empty junk; do
  cases=$((cases + 1))
  mkdir "$d"
  [ "$d" = junk ] && printf 'x' > junk/Thumbs.db
  "$PARINDEX" --db "$d.db" ingest "$d" > /dev/null 2> err.txt
  rc=$?
  [ "$rc" -eq 2 ] || fail "$d folder: exit $rc"
  grep -qx "parindex: error: $d: no documents found" err.txt || fail "$d folder: $(cat err.txt)"
  [ -e "$d.db" ] && fail "$d folder: a database was made"
done
finish
