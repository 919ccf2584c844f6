#include "cli.hpp"

#include <parindex/query.hpp>

namespace parindex::cli {
namespace {

struct ReviewArgs {
  std::string format = "table";
  std::string unit;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<ReviewArgs>();
  app.description("List the records to check, most doubtful first, each with its source line");
  add_format_option(app, a->format);
  app.add_option("--unit,-u", a->unit, "Only this unit (accent- and case-insensitive)");
  return [a, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    std::optional<std::string> unit;
    if (!a->unit.empty()) unit = require_known_unit(store, a->unit);
    write_stdout(render::review(query::review(store, unit), render::parse_format(a->format)));
    return k_exit_ok;
  };
}

const Registration reg{"review", 39, setup};

} // namespace
} // namespace parindex::cli
