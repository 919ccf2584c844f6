#include "cli.hpp"

#include <parindex/store.hpp>

namespace parindex::cli {
namespace {

Action setup(CLI::App& app, Globals& g) {
  auto format = std::make_shared<std::string>("json");
  app.description("Print the whole database in the records contract (parindex.records/1)");
  app.add_option("--format,-f", *format, "Output format: json, ndjson, csv or table")
    ->check(CLI::IsMember({"table", "json", "csv", "ndjson"}))
    ->default_val("json");
  return [format, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    write_stdout(render::documents(store.documents(), render::parse_format(*format)));
    return k_exit_ok;
  };
}

const Registration reg{"export", 50, setup};

} // namespace
} // namespace parindex::cli
