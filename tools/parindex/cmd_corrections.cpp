#include "cli.hpp"

#include <parindex/store.hpp>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace parindex::cli {
namespace {

struct CorrectionsArgs {
  std::string format = "table";
  std::string export_to, import_from;
};

std::string read_input(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot read: {}", path, std::strerror(errno)));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<CorrectionsArgs>();
  app.description("List the corrections, or move them between databases as JSON");
  add_format_option(app, a->format);
  auto* ex = app.add_option("--export", a->export_to, "Write every correction to FILE as JSON (- for standard output)");
  auto* im = app.add_option("--import", a->import_from, "Add the corrections in FILE (JSON from --export); ones already here are skipped");
  ex->excludes(im);
  return [a, &g]() {
    if (!a->import_from.empty()) {
      auto list = parse_corrections(read_input(a->import_from), a->import_from);
      if (!store::is_server(g.db) && !std::filesystem::exists(g.db))
        throw StoreError(fmt::format("{}: no such database (run 'parindex ingest' first, or pass --db)", g.db));
      store::Store store(g.db);
      int added = store.import_corrections(list);
      if (!g.quiet)
        fmt::print(stderr, "parindex: imported {} of {} corrections ({} already here)\n", added, list.size(),
                   list.size() - static_cast<std::size_t>(added));
      return k_exit_ok;
    }
    store::Store store(g.db, store::Mode::read_only);
    auto list = store.corrections();
    if (!a->export_to.empty()) {
      std::string json = render::corrections(list, render::Format::json);
      if (a->export_to == "-") {
        write_stdout(json);
      } else {
        std::ofstream out(a->export_to, std::ios::binary | std::ios::trunc);
        if (!out || !(out << json) || !out.flush())
          throw InputError(fmt::format("{}: cannot write: {}", a->export_to, std::strerror(errno)));
      }
      return k_exit_ok;
    }
    write_stdout(render::corrections(list, render::parse_format(a->format)));
    return k_exit_ok;
  };
}

const Registration reg{"corrections", 71, setup};

} // namespace
} // namespace parindex::cli
