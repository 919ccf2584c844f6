#!/usr/bin/env bash
# Installs the Debian 12 packages parindex needs to build, test and run, when missing.
# Every dependency is a Debian package; nothing is downloaded from elsewhere.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries
  libtesseract-dev libleptonica-dev libicu-dev libcli11-dev libfmt-dev doctest-dev
  libpoppler-cpp-dev libsqlite3-dev nlohmann-json3-dev libssl-dev liblzma-dev
  libzip-dev libpugixml-dev # DOCX input (ocr stage)
  zlib1g-dev # PDF content streams inflated to check their nesting before poppler renders them
  libpcre2-dev # extraction patterns (JIT, no recursion)
  libpq-dev # the PostgreSQL store (lib/src/store/pg_store.cpp)
  libpng-dev # PNG pages through libpng's simplified API (errors as messages)
  libjpeg-dev # JPEG pages through libjpeg with our own error manager (errors as messages)
  libxlsxwriter-dev # --format xlsx: Excel workbooks, numbers as numbers, dates as dates
  # run time data: Tesseract's Vietnamese model
  tesseract-ocr tesseract-ocr-vie
  tesseract-ocr-osd # page orientation: pages scanned upside down or sideways are turned upright
  # tests and fixtures
  python3 sqlite3 poppler-utils
  # the PostgreSQL store's tests start a throwaway server (tests/pg/pg_cluster.sh)
  postgresql-15 postgresql-contrib
  # OCR fixtures (tests/data/make_fixtures.sh) and benchmark (bench/ocr_bench.sh)
  imagemagick img2pdf fonts-liberation2 qpdf ocrmypdf time
  # the HTML report's rendering test (tests/report/chromium.sh)
  chromium
  # fuzzing (tools/fuzz.sh, run by .ci/run)
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 4; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
