// Where run-time data is found (lib/src/data_dirs.hpp), through the public calls that use it.
// The running program's ../share/parindex is tested on a moved install by
// tests/install/outside_project.sh.
#include "helpers.hpp"

#include <parindex/criteria.hpp>
#include <parindex/restore.hpp>

#include <cstdlib>
#include <optional>
#include <string>

using namespace parindex;

namespace {
// Sets $PARINDEX_DATA (unsets it for nullopt) and $PARINDEX_CRITERIA off for one test case.
struct DataEnv {
  std::optional<std::string> saved_data, saved_criteria;
  explicit DataEnv(const std::optional<std::string>& data) {
    if (const char* v = std::getenv("PARINDEX_DATA")) saved_data = v;
    if (const char* v = std::getenv("PARINDEX_CRITERIA")) saved_criteria = v;
    if (data) ::setenv("PARINDEX_DATA", data->c_str(), 1);
    else ::unsetenv("PARINDEX_DATA");
    ::unsetenv("PARINDEX_CRITERIA");
  }
  ~DataEnv() {
    if (saved_data) ::setenv("PARINDEX_DATA", saved_data->c_str(), 1);
    else ::unsetenv("PARINDEX_DATA");
    if (saved_criteria) ::setenv("PARINDEX_CRITERIA", saved_criteria->c_str(), 1);
    else ::unsetenv("PARINDEX_CRITERIA");
  }
};
std::filesystem::path source_data() { return testing::source_dir() / "dictionaries"; }
} // namespace

TEST_CASE("data::the source tree's dictionaries when nothing else has data") {
  DataEnv env(std::nullopt);
  auto info = restore::default_model_info();
  REQUIRE(info);
  CHECK(std::filesystem::path(info->path) == source_data() / "restore" / "vi-syllables.lm");
  REQUIRE(criteria::Catalogue::default_dirs().size() == 1);
  CHECK(criteria::Catalogue::default_dirs()[0] == source_data() / "criteria");
}

TEST_CASE("data::$PARINDEX_DATA comes first, for the model and the catalogue") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path / "restore");
  std::filesystem::create_symlink(source_data() / "restore" / "vi-syllables.lm",
                                  dir.path / "restore" / "vi-syllables.lm");
  std::filesystem::create_directories(dir.path / "criteria");
  DataEnv env(dir.path.string());
  auto info = restore::default_model_info();
  REQUIRE(info);
  CHECK(std::filesystem::path(info->path) == dir.path / "restore" / "vi-syllables.lm");
  REQUIRE(criteria::Catalogue::default_dirs().size() == 1);
  CHECK(criteria::Catalogue::default_dirs()[0] == dir.path / "criteria");
}

TEST_CASE("data::each file from the first folder that has it") {
  // $PARINDEX_DATA with a catalogue and no model: the model still comes from the source tree.
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path / "criteria");
  DataEnv env(dir.path.string());
  auto info = restore::default_model_info();
  REQUIRE(info);
  CHECK(std::filesystem::path(info->path) == source_data() / "restore" / "vi-syllables.lm");
  CHECK(criteria::Catalogue::default_dirs()[0] == dir.path / "criteria");
}

TEST_CASE("data::$PARINDEX_CRITERIA replaces the catalogue search") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path / "criteria");
  DataEnv env(dir.path.string());
  ::setenv("PARINDEX_CRITERIA", "/nowhere/a:/nowhere/b", 1);
  auto dirs = criteria::Catalogue::default_dirs();
  REQUIRE(dirs.size() == 2);
  CHECK(dirs[0] == "/nowhere/a");
  CHECK(dirs[1] == "/nowhere/b");
}
