#!/usr/bin/env bash
# The library as a dependency: install this build tree to a temporary prefix, build a small
# outside program against it with find_package(parindex) and with pkg-config, run both; then
# move the prefix and check that its `parindex restore` still finds the model and catalogue
# it was installed with (no $PARINDEX_DATA).
#
# It tests whichever library the tree built: static by default, shared when configured with
# -DPARINDEX_SHARED=ON (then it also checks the SONAME and that the moved programs load the
# moved libparindex.so). The shared variant is a second build of the whole library (8 minutes
# at -j1 for the library and the CLI), so the default suite does not build it; to test it:
#   cmake -S . -B build-shared -G Ninja -DPARINDEX_SHARED=ON -DPARINDEX_BUILD_BENCH=OFF
#   cmake --build build-shared --target parindex-cli parindex-completion
#   ctest --test-dir build-shared -L install
#
# usage: outside_project.sh BUILD_DIR CXX_COMPILER [SANITIZERS]
set -uo pipefail
build=$1 cxx=$2 sanitize=${3:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parindex-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
unset PARINDEX_DATA PARINDEX_CRITERIA

flags=()
[ -n "$sanitize" ] && flags=(-fsanitize="$sanitize" -fno-omit-frame-pointer)

cmake --install "$build" --prefix "$tmp/prefix" > "$tmp/install.log" 2>&1 \
  || fail "cmake --install: $(tail -5 "$tmp/install.log")"
pc=$(find "$tmp/prefix" -name parindex.pc -path '*/pkgconfig/*' | head -1)
[ -n "$pc" ] || fail "no parindex.pc installed"
libdir=$(dirname "$(dirname "$pc")")
[ -f "$libdir/cmake/parindex/parindexConfig.cmake" ] || fail "no parindexConfig.cmake beside parindex.pc"
shared=no
if [ -e "$libdir/libparindex.so" ]; then
  shared=yes
  soname=$(readelf -d "$libdir/libparindex.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [[ "$soname" =~ ^libparindex\.so\.[0-9]+\.[0-9]+$ ]] || fail "SONAME is '$soname'"
  [ -f "$libdir/$soname" ] || fail "$soname is not installed"
  [ ! -e "$libdir/libparindex.a" ] || fail "a shared build installed libparindex.a too"
else
  [ -f "$libdir/libparindex.a" ] || fail "neither libparindex.so nor libparindex.a installed"
fi

# A program of someone else's: restores a sentence stripped of its marks, then stores a
# report through the whole pipeline (which links every library parindex uses, so a dependency
# missing from the package config or parindex.pc fails here) and reads its score back.
mkdir "$tmp/src"
cat > "$tmp/src/main.cpp" <<'CPP'
#include <parindex/ingest.hpp>
#include <parindex/restore.hpp>
#include <parindex/store.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto restorer = parindex::restore::load_default();
  if (!restorer) {
    std::cerr << "no restoration model\n";
    return 4;
  }
  std::cout << restorer->restore("Ke hoach cai cach hanh chinh nam 2024").text << "\n";

  const std::filesystem::path dir = argv[1];
  std::ofstream(dir / "report.txt")
      << "ỦY BAN NHÂN DÂN\nHUYỆN SÔNG MÂY\n\nBÁO CÁO\nKết quả cải cách hành chính năm 2023\n\n"
         "Năm 2023, Chỉ số cải cách hành chính (PAR INDEX) của huyện Sông Mây đạt 82,5 điểm, "
         "xếp thứ 3/11 huyện.\n";
  parindex::store::Store store(dir / "outside.db");
  parindex::ingest::Pipeline pipeline(store, {});
  auto result = pipeline.ingest((dir / "report.txt").string());
  std::cout << (result.outcome == parindex::ingest::Outcome::added ? "added" : "not added") << ", "
            << result.scores << " score(s)\n";
  for (const auto& doc : store.documents())
    for (const auto& s : doc.scores)
      std::cout << s.index << " " << s.year.value_or(0) << ": " << s.appraised.value_or(-1) << "\n";
  return 0;
}
CPP
cat > "$tmp/src/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.16)
project(outside LANGUAGES CXX)
find_package(parindex 0.1 REQUIRED)
add_executable(outside main.cpp)
target_link_libraries(outside PRIVATE parindex::parindex)
CMAKE
expected=$'Kế hoạch cải cách hành chính năm 2024\nadded, 1 score(s)\nPAR INDEX 2023: 82.5'

check_output() { # name program prefix: runs it on the prefix's data
  local out rc scratch
  scratch=$(mktemp -d "$tmp/run.XXXXXX")
  out=$(PARINDEX_DATA="$3/share/parindex" "$2" "$scratch" 2> "$tmp/$1.err")
  rc=$?
  [ "$rc" -eq 0 ] || fail "$1: exit $rc: $(cat "$tmp/$1.err")"
  [ "$out" = "$expected" ] || fail "$1 printed:
$out
expected:
$expected"
  echo "ok: $1"
}

# 1. find_package(parindex), in a project that knows nothing of ours but the prefix.
cmake -S "$tmp/src" -B "$tmp/cmake-build" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
      -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS="${flags[*]}" \
      -DCMAKE_EXE_LINKER_FLAGS="${flags[*]}" > "$tmp/cmake.log" 2>&1 \
  || fail "find_package(parindex): $(cat "$tmp/cmake.log")"
cmake --build "$tmp/cmake-build" > "$tmp/cmake-build.log" 2>&1 \
  || fail "building against parindex::parindex: $(tail -30 "$tmp/cmake-build.log")"
check_output find_package "$tmp/cmake-build/outside" "$tmp/prefix"

# 2. pkg-config, and nothing else.
pkgbuild() { # prefix output
  local pcdir cflags libs rpath=()
  pcdir=$(dirname "$(find "$1" -name parindex.pc -path '*/pkgconfig/*' | head -1)")
  cflags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags parindex) || fail "pkg-config --cflags parindex"
  libs=$(PKG_CONFIG_PATH="$pcdir" pkg-config --libs parindex) || fail "pkg-config --libs parindex"
  [ "$shared" = yes ] && rpath=(-Wl,-rpath,"$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=libdir parindex)")
  # shellcheck disable=SC2086
  "$cxx" -std=c++20 "${flags[@]}" $cflags "$tmp/src/main.cpp" -o "$2" $libs "${rpath[@]}" \
    > "$tmp/g++.log" 2>&1 || fail "g++ with pkg-config parindex ($cflags $libs): $(tail -30 "$tmp/g++.log")"
}
pkgbuild "$tmp/prefix" "$tmp/pkg-outside"
check_output pkg-config "$tmp/pkg-outside" "$tmp/prefix"

# 3. The install moved to another prefix: the CLI finds its model and catalogue in the moved
# tree (--version names them), restores, and pkg-config still answers for the moved tree.
mv "$tmp/prefix" "$tmp/moved"
cli=$tmp/moved/bin/parindex
version=$("$cli" --version 2>&1) || fail "moved parindex --version: $version"
grep -qF "restoration model PXLM" <<< "$version" || fail "moved install found no model: $version"
model=$(sed -n 's/^restoration model .*: //p' <<< "$version")
[[ "$model" == "$tmp/moved/"* ]] || fail "moved install loads the model at $model, not its own"
criteria=$(sed -n 's/^criteria catalogue: [0-9]* frameworks in //p' <<< "$version")
[[ "$criteria" == "$tmp/moved/"* ]] || fail "moved install reads the catalogue at '$criteria', not its own: $version"
grep -q "criteria catalogue: [1-9][0-9]* frameworks" <<< "$version" || fail "moved install: empty catalogue: $version"
out=$(printf 'Ke hoach cai cach hanh chinh nam 2024\n' | "$cli" restore - 2> "$tmp/restore.err")
rc=$?
[ "$rc" -eq 0 ] || fail "moved parindex restore: exit $rc: $(cat "$tmp/restore.err")"
[ "$out" = "Kế hoạch cải cách hành chính năm 2024" ] || fail "moved parindex restore printed: $out"
if [ "$shared" = yes ]; then
  ldd "$cli" | grep -q "libparindex.so.* => $tmp/moved/" || fail "moved parindex loads another libparindex: $(ldd "$cli")"
fi
echo "ok: moved install ($model)"
pkgbuild "$tmp/moved" "$tmp/pkg-moved"
check_output "pkg-config in the moved prefix" "$tmp/pkg-moved" "$tmp/moved"
echo "PASS: install/outside-project ($( [ "$shared" = yes ] && echo shared || echo static) libparindex)"
