#include "cli.hpp"

#include <parindex/report.hpp>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace parindex::cli {
namespace {

struct ReportArgs {
  std::string unit, as_of, output;
  bool with_sources = false;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<ReportArgs>();
  app.description("Write a self-contained HTML report: charts, changes, gaps, targets, deadlines");
  app.add_option("--unit,-u", a->unit, "Only this unit (default: every unit in the database)");
  app.add_option("--as-of", a->as_of, "Reference date for deadlines, YYYY-MM-DD (default: today)");
  app.add_option("--output,-o", a->output, "Write the report to this file (default: standard output)");
  app.add_flag("--with-sources", a->with_sources, "Append the full text of the documents the rows were read from");
  return [a, &g]() {
    report::Options opt;
    opt.as_of = a->as_of.empty() ? query::today() : a->as_of;
    query::add_days(opt.as_of, 0); // validates
    opt.with_sources = a->with_sources;
    store::Store store(g.db, store::Mode::read_only);
    if (!a->unit.empty()) opt.unit = require_known_unit(store, a->unit);
    auto rep = report::build(store, opt);
    std::string html = report::to_html(rep);
    if (a->output.empty() || a->output == "-") {
      write_stdout(html);
      return k_exit_ok;
    }
    // Written beside and renamed, so a reader never sees half a report.
    std::string tmp = a->output + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << html;
      if (!out) throw InputError(fmt::format("{}: cannot write: {}", a->output, std::strerror(errno)));
    }
    if (std::rename(tmp.c_str(), a->output.c_str()) != 0) {
      std::remove(tmp.c_str());
      throw InputError(fmt::format("{}: cannot write: {}", a->output, std::strerror(errno)));
    }
    if (!g.quiet)
      fmt::print(stderr, "wrote {} ({} units, {} KB)\n", a->output, rep.units.size(), (html.size() + 1023) / 1024);
    return k_exit_ok;
  };
}

const Registration reg{"report", 38, setup};

} // namespace
} // namespace parindex::cli
