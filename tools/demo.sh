#!/usr/bin/env bash
# The main job on the samples: build, ingest samples/ into a fresh database, list the gaps.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/build.sh --target parindex-cli
db=build/demo.db
# The samples' province framework is invented; it lives beside the real catalogue.
export PARINDEX_CRITERIA=dictionaries/criteria:dictionaries/criteria/samples
rm -f "$db" "$db-wal" "$db-shm"
build/parindex --db "$db" ingest samples/
build/parindex --db "$db" gaps
