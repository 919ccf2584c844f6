#include "cli.hpp"

#include <parindex/store.hpp>

namespace parindex::cli {
namespace {

Action setup(CLI::App& app, Globals& g) {
  auto format = std::make_shared<std::string>("table");
  app.description("List the units in the database with their level, province, years and documents");
  add_format_option(app, *format);
  return [format, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    write_stdout(render::units(store.units(), render::parse_format(*format)));
    return k_exit_ok;
  };
}

const Registration reg{"units", 37, setup};

} // namespace
} // namespace parindex::cli
