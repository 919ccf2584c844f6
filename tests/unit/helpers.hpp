// Shared by the unit tests: seeds from ../shared (skipped when absent), temporary folders.
#pragma once

#include <parindex/extract.hpp>
#include <parindex/ingest.hpp>
#include <parindex/text.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <unistd.h>

namespace testing {

inline std::filesystem::path shared_dir() { return PARINDEX_SHARED_DIR; }
inline std::filesystem::path source_dir() { return PARINDEX_SOURCE_DIR; }

// Path of seed NNN, or nullopt (with a message) when ../shared is not beside the checkout.
inline std::optional<std::filesystem::path> seed(const std::string& prefix) {
  auto dir = shared_dir() / "seeds";
  if (std::filesystem::is_directory(dir))
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().filename().string().rfind(prefix + "_", 0) == 0) return e.path();
  MESSAGE("skipped: seed " << prefix << " not found under " << dir.string());
  return std::nullopt;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline parindex::Document extract_file(const std::filesystem::path& p) {
  parindex::ingest::Options o;
  o.restore = false;
  return parindex::ingest::prepare(p, p.string(), nullptr, nullptr, o).document;
}

inline parindex::Document extract_text(const std::string& utf8) {
  return parindex::extract::extract({{1, parindex::text::decode(utf8).text, std::nullopt}});
}

// A document of two scores (1.3 and 1.6 of 2023, Sông Mây) and one task, for the store,
// key and correction tests.
inline parindex::Document two_scores(const std::string& id) {
  parindex::Document d;
  d.id = id;
  d.source = "x.txt";
  d.unit = "Sông Mây";
  parindex::Score s;
  s.code = "1.3";
  s.year = 2023;
  s.self = 2;
  s.appraised = 1;
  s.max = 2;
  s.where = {1, 10};
  d.scores.push_back(s);
  s.code = "1.6";
  s.self = 1;
  s.appraised = 0;
  s.max = 1;
  s.where = {1, 12};
  d.scores.push_back(s);
  parindex::Task t;
  t.text = "Kiểm tra công tác cải cách hành chính";
  t.due = "2024-09-30";
  t.where = {1, 20};
  d.tasks.push_back(t);
  return d;
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("parindex-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// The database a store-agnostic test opens: the SQLite file `name` in `tmp`, or, when
// PARINDEX_TEST_PG is a PostgreSQL conninfo without a dbname (tests/pg/unit.sh sets it to a
// throwaway server's), a new empty database on that server. The same test then checks the
// same answers of both stores.
inline std::string test_database(const TempDir& tmp, const std::string& name) {
  const char* pg = std::getenv("PARINDEX_TEST_PG");
  if (!pg || !*pg) return (tmp.path / name).string();
  static int made = 0;
  std::string db = "unit_" + std::to_string(getpid()) + "_" + std::to_string(++made);
  std::string cmd = std::string("psql -X -q -v ON_ERROR_STOP=1 '") + pg + " dbname=postgres' -c 'CREATE DATABASE " + db + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return std::string(pg) + " dbname=" + db;
}

} // namespace testing
