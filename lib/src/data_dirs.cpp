#include "data_dirs.hpp"

#include <cstdlib>
#include <system_error>

namespace parindex::data {

std::vector<std::filesystem::path> search_dirs() {
  std::vector<std::filesystem::path> dirs;
  std::error_code ec;
  auto add = [&](const std::filesystem::path& dir) {
    if (std::filesystem::is_directory(dir, ec)) dirs.push_back(dir.lexically_normal());
  };
  if (const char* env = std::getenv("PARINDEX_DATA"); env && *env) add(env);
  // For another program linking the library this is that program's installation: right when
  // it is installed beside parindex, a folder that does not exist otherwise.
  if (auto exe = std::filesystem::read_symlink("/proc/self/exe", ec); !ec)
    add(exe.parent_path() / PARINDEX_EXE_TO_DATADIR);
  add(PARINDEX_SOURCE_DATADIR);
  dirs.emplace_back(PARINDEX_DATADIR);
  return dirs;
}

std::optional<std::filesystem::path> find(const std::filesystem::path& relative) {
  for (const auto& dir : search_dirs()) {
    std::error_code ec;
    auto p = dir / relative;
    if (std::filesystem::exists(p, ec)) return p;
  }
  return std::nullopt;
}

} // namespace parindex::data
