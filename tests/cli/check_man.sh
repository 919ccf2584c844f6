#!/usr/bin/env bash
# Fails when an option that `parindex SUB --help` lists is missing from man/parindex-SUB.1
# (or, for global options, from man/parindex.1).
set -u
bin=$1
man=$2
fail=0
check() { # page, help text
  local page=$1 help=$2
  if [ ! -f "$page" ]; then echo "missing man page: $page"; fail=1; return; fi
  for opt in $(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
    [ "$opt" = --help ] && continue
    # roff escapes '-' as '\-'
    esc=${opt//-/\\\\-}
    if ! grep -qE -- "($esc|$opt)" "$page"; then
      echo "$page does not document $opt"
      fail=1
    fi
  done
}
check "$man/parindex.1" "$("$bin" --help)"
for sub in $("$bin" --help | awk '/^(SUBCOMMANDS|Subcommands):/{on=1;next} on && NF {print $1}'); do
  check "$man/parindex-$sub.1" "$("$bin" "$sub" --help)"
done
exit $fail
