# Sourced by the hardening tests: $PARINDEX (binary), $SRC (source dir), a scratch folder.
set -u
PARINDEX=$1
SRC=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export PARINDEX_DB="$work/test.db"
failures=0
cases=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# A dump of the database's content to compare before and after.
dump() { "$PARINDEX" export --format ndjson 2>/dev/null | sort; }
# Makes N distinct text documents (distinct bytes, so distinct ids) from the samples.
make_docs() { # dir count
  mkdir -p "$1"
  local i=0
  while [ $i -lt "$2" ]; do
    for f in "$SRC"/samples/*.txt; do
      [ $i -ge "$2" ] && break
      { cat "$f"; printf '\nBản số %d.\n' "$i"; } > "$1/doc-$(printf %04d $i).txt"
      i=$((i + 1))
    done
  done
}
finish() {
  echo "$cases cases, $failures failed"
  [ "$failures" -eq 0 ]
}
