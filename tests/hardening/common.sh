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
# Runs a command as an unprivileged user (nobody) when the suite runs as root, since
# permissions do not bind root; as the current user otherwise.
as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
  else
    "$@"
  fi
}
# Ends the script as skipped unless as_user can run $PARINDEX: setpriv is there, and the
# build is not inside a folder only its owner may enter (a clone in a `mktemp -d` folder).
require_unprivileged_run() {
  if [ "$(id -u)" -eq 0 ] && ! command -v setpriv > /dev/null; then
    echo "skipped: running as root without setpriv (util-linux)"
    exit 0
  fi
  if ! as_user test -x "$PARINDEX"; then
    echo "skipped: an unprivileged user cannot run $PARINDEX (a folder above it is private)"
    exit 0
  fi
}
