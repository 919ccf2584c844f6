#include "cli.hpp"

#include <parindex/query.hpp>

namespace parindex::cli {
namespace {

struct GapsArgs {
  std::string format = "table", output;
  std::string unit, code;
  int year = 0, component = 0;
  double min_lost = 0;
  bool fail_on_gaps = false;
  std::string group;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<GapsArgs>();
  app.description("List criteria scored below their maximum, most points lost first");
  add_format_option(app, a->format, a->output);
  app.add_option("--unit,-u", a->unit, "Only this unit (accent- and case-insensitive)");
  app.add_option("--year,-y", a->year, "Only scores of this assessed year");
  app.add_option("--component,-c", a->component, "Only this PAR component (1-8)")->check(CLI::Range(1, 8));
  app.add_option("--code", a->code, "Only criteria whose code starts with this (e.g. 7.3)");
  app.add_option("--min-lost", a->min_lost, "Only gaps that lost at least this many points");
  app.add_option("--group,-g", a->group,
                 "Sum the gaps per unit, year and/or component (e.g. unit,year,component)");
  app.add_flag("--fail-on-gaps", a->fail_on_gaps, "Exit with status 1 when any gap is listed");
  return [a, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    query::GapOptions o;
    if (!a->unit.empty()) {
      o.filter.unit = require_known_unit(store, a->unit);
    }
    if (a->year) o.filter.year = a->year;
    if (a->component) o.filter.component = a->component;
    if (!a->code.empty()) o.filter.code_prefix = a->code;
    if (a->min_lost > 0) o.min_lost = a->min_lost;
    auto rows = query::gaps(store, o);
    auto format = render::parse_format(a->format);
    if (!a->group.empty())
      write_output(render::gap_groups(query::group(rows, query::parse_grouping(a->group)), format), a->output, format);
    else
      write_output(render::gaps(rows, format), a->output, format);
    return a->fail_on_gaps && !rows.empty() ? k_exit_found : k_exit_ok;
  };
}

const Registration reg{"gaps", 20, setup};

} // namespace
} // namespace parindex::cli
