// data_dirs.hpp — where the library finds the data it loads at run time (dictionaries/).
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace parindex::data {

// The folders searched for data, first match wins:
//   1. $PARINDEX_DATA, when set and not empty;
//   2. the data folder of the installation the running program belongs to: the configured
//      data folder's place relative to the configured bin folder ("../share/parindex"), taken
//      from the executable's own path (/proc/self/exe), so an install moved to another prefix
//      still finds its data;
//   3. the source tree's dictionaries/, so a program in the build tree loads the data it was
//      built with;
//   4. the configured data folder (PARINDEX_DATADIR).
// Folders that do not exist are left out, except the configured one, which is always last.
std::vector<std::filesystem::path> search_dirs();

// The first search_dirs() entry that holds `relative` (a file or a folder), joined with it.
std::optional<std::filesystem::path> find(const std::filesystem::path& relative);

} // namespace parindex::data
