#include "cli.hpp"

#include <parindex/criteria.hpp>
#include <parindex/ingest.hpp>

#include <fmt/core.h>

namespace parindex::cli {
namespace {

struct RebuildArgs {
  std::string format = "table";
  bool dry_run = false, no_restore = false;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<RebuildArgs>();
  app.description("Extract every stored document again from its stored text, keeping corrections");
  add_format_option(app, a->format);
  app.add_flag("--dry-run,-n", a->dry_run, "Only say what would change: records added, removed, changed per document");
  app.add_flag("--no-restore", a->no_restore, "Do not restore diacritics of unmarked text");
  return [a, &g]() {
    ingest::Options options;
    options.restore = !a->no_restore;
    options.catalogue = &criteria::Catalogue::default_catalogue();
    // A dry run reads only; a rebuild upgrades an older database as ingest does.
    std::unique_ptr<store::Store> store;
    if (a->dry_run) store = std::make_unique<store::Store>(g.db, store::Mode::read_only);
    else {
      store::Store check(g.db, store::Mode::read_only); // refuses a missing database
      store = std::make_unique<store::Store>(g.db);
    }
    auto results = ingest::rebuild(*store, options, a->dry_run);
    write_stdout(render::rebuild(results, a->dry_run, render::parse_format(a->format)));
    std::size_t orphaned = 0;
    for (const auto& r : results) orphaned += r.orphaned.size();
    if (orphaned && !g.quiet)
      warn(fmt::format("{} correction(s) {} no record any more; they are kept (see 'parindex corrections')",
                       orphaned, a->dry_run ? "would have" : "have"));
    return k_exit_ok;
  };
}

const Registration reg{"rebuild", 72, setup};

} // namespace
} // namespace parindex::cli
