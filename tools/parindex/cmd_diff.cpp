#include "cli.hpp"

#include <parindex/query.hpp>

namespace parindex::cli {
namespace {

struct DiffArgs {
  std::string format = "table", output;
  std::string unit;
  std::vector<std::string> units;
  int from = 0, to = 0, year = 0;
  bool targets = false;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<DiffArgs>();
  app.description("Compare a unit's results between two years, check a year's targets, or compare units");
  add_format_option(app, a->format, a->output);
  auto* unit = app.add_option("--unit,-u", a->unit, "The unit (accent- and case-insensitive)");
  auto* units = app.add_option("--units", a->units, "Compare these units side by side in --year (A,B,...)")
                  ->delimiter(',')
                  ->excludes(unit);
  app.add_option("--from", a->from, "Earlier assessed year");
  app.add_option("--to", a->to, "Later assessed year");
  app.add_option("--year,-y", a->year, "The year of --targets or --units");
  app.add_flag("--targets", a->targets, "Check the targets plans set for --year against that year's results")
    ->excludes(units);
  return [a, &g]() {
    auto format = render::parse_format(a->format);
    if (!a->units.empty()) {
      if (a->units.size() < 2) throw UsageError("--units needs two units or more, separated by commas");
      if (!a->year) throw UsageError("--units needs --year");
      store::Store store(g.db, store::Mode::read_only);
      for (auto& u : a->units) u = require_known_unit(store, u);
      write_output(render::compare(query::compare(store, a->units, a->year), a->units, format), a->output, format);
      return k_exit_ok;
    }
    if (a->unit.empty()) throw UsageError("--unit is required (or --units A,B --year Y)");
    if (a->targets) {
      int year = a->year ? a->year : a->to;
      if (!year) throw UsageError("--targets needs --year");
      store::Store store(g.db, store::Mode::read_only);
      a->unit = require_known_unit(store, a->unit);
      write_output(render::targets(query::check_targets(store, a->unit, year), format), a->output, format);
      return k_exit_ok;
    }
    if (!a->from || !a->to) throw UsageError("--from and --to are required (or --targets --year Y)");
    store::Store store(g.db, store::Mode::read_only);
    a->unit = require_known_unit(store, a->unit);
    write_output(render::diff(query::diff(store, a->unit, a->from, a->to), format), a->output, format);
    return k_exit_ok;
  };
}

const Registration reg{"diff", 30, setup};

} // namespace
} // namespace parindex::cli
