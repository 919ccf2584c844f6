#include "cli.hpp"

#include <parindex/store.hpp>

#include <fmt/core.h>

namespace parindex::cli {
namespace {

struct DbArgs {
  std::string from, to;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<DbArgs>();
  app.description("Work on whole databases: copy a SQLite file to a PostgreSQL server and back");
  app.require_subcommand(1);
  CLI::App* copy = app.add_subcommand(
    "copy", "Copy every document (records, text) and correction into another database; what it has is skipped");
  copy->add_option("--from", a->from, "The database to read: a SQLite file or a PostgreSQL connection string")
    ->required();
  copy->add_option("--to", a->to, "The database to write (a new SQLite file is created)")->required();
  return [a, &g]() {
    store::Store from(a->from, store::Mode::read_only);
    store::Store to(a->to);
    auto n = store::copy(from, to);
    if (!g.quiet)
      fmt::print(stderr, "parindex: copied {} document(s) and {} correction(s) from {} to {}\n", n.documents,
                 n.corrections, from.path().string(), to.path().string());
    return k_exit_ok;
  };
}

const Registration reg{"db", 80, setup};

} // namespace
} // namespace parindex::cli
