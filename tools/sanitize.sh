#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (preset "asan"),
# or under ThreadSanitizer with: tools/sanitize.sh tsan
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-asan}
bash tools/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
ctest --preset "$preset" -j"$(nproc)"
