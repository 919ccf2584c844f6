#include "cli.hpp"

#include <parindex/error.hpp>
#include <parindex/store.hpp>

#include <fmt/core.h>

#include <filesystem>

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
  CLI::App* upgrade = app.add_subcommand(
    "upgrade", "Bring the database (--db) to this parindex's schema now, so that read-only users can read it");
  return [a, &g, upgrade]() {
    if (upgrade->parsed()) {
      // A SQLite file that is not there would be created: that is not an upgrade.
      bool server = g.db.find("://") != std::string::npos || g.db.find('=') != std::string::npos;
      if (!server && !std::filesystem::exists(g.db))
        throw UsageError(fmt::format("{}: no such database", g.db));
      store::Store db(g.db); // opening it to write migrates it in place, in one transaction
      if (!g.quiet)
        fmt::print(stderr, "parindex: {}: database schema {}\n", db.path().string(), store::k_schema_version);
      return k_exit_ok;
    }
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
