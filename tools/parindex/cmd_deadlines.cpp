#include "cli.hpp"

#include <parindex/query.hpp>

#include <fmt/core.h>

#include <fstream>
#include <cerrno>
#include <cstring>
#include <cstdio>

namespace parindex::cli {
namespace {

struct DeadlineArgs {
  std::string format = "table", output, as_of, within, agency, unit, ics;
  bool overdue = false;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<DeadlineArgs>();
  app.description("Tasks and reporting duties by date, recurrences expanded");
  add_format_option(app, a->format, a->output);
  app.add_option("--as-of", a->as_of, "Reference date YYYY-MM-DD (default: today)");
  app.add_flag("--overdue", a->overdue, "Only dates before --as-of");
  app.add_option("--within", a->within, "Only dates from --as-of to N days after it (e.g. 30d)");
  app.add_option("--agency", a->agency, "Only tasks whose lead or partners name this agency (accents and case ignored)");
  app.add_option("--unit,-u", a->unit, "Only this unit");
  app.add_option("--ics", a->ics, "Also write the deadlines as an iCalendar file (RFC 5545)");
  return [a, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    query::DeadlineOptions o;
    o.as_of = a->as_of.empty() ? query::today() : a->as_of;
    query::add_days(o.as_of, 0); // validates
    o.overdue = a->overdue;
    if (!a->within.empty()) {
      std::string n = a->within;
      if (!n.empty() && n.back() == 'd') n.pop_back();
      if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos)
        throw UsageError(fmt::format("--within '{}': give a number of days, e.g. 30d", a->within));
      o.within_days = std::stoi(n);
    }
    if (!a->agency.empty()) o.agency = a->agency;
    if (!a->unit.empty()) {
      o.unit = require_known_unit(store, a->unit);
    }
    auto rows = query::deadlines(store, o);
    if (!a->ics.empty()) {
      // Written beside and renamed: a calendar that subscribes to the file never reads half
      // of it, and a failed write leaves the old one.
      write_file(a->ics, query::to_ics(rows));
    }
    auto format = render::parse_format(a->format);
    write_output(render::deadlines(rows, format), a->output, format);
    return k_exit_ok;
  };
}

const Registration reg{"deadlines", 35, setup};

} // namespace
} // namespace parindex::cli
