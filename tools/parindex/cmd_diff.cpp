#include "cli.hpp"

#include <parindex/query.hpp>

namespace parindex::cli {
namespace {

struct DiffArgs {
  std::string format = "table";
  std::string unit;
  int from = 0, to = 0;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<DiffArgs>();
  app.description("Compare a unit's scores and index results between two years");
  add_format_option(app, a->format);
  app.add_option("--unit,-u", a->unit, "The unit (accent- and case-insensitive)")->required();
  app.add_option("--from", a->from, "Earlier assessed year")->required();
  app.add_option("--to", a->to, "Later assessed year")->required();
  return [a, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    auto rows = query::diff(store, a->unit, a->from, a->to);
    write_stdout(render::diff(rows, render::parse_format(a->format)));
    return k_exit_ok;
  };
}

const Registration reg{"diff", 30, setup};

} // namespace
} // namespace parindex::cli
