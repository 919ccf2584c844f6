#include "cli.hpp"

#include <parindex/store.hpp>

namespace parindex::cli {
namespace {

Action setup(CLI::App& app, Globals& g) {
  struct Args {
    std::string format = "json", output;
  };
  auto a = std::make_shared<Args>();
  app.description("Print the whole database in the records contract (parindex.records/1)");
  add_format_option(app, a->format, a->output, "json");
  return [a, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    auto format = render::parse_format(a->format);
    // JSON and NDJSON stream: one document in memory at a time, whatever the database's size.
    stream_output(a->output, format, [&](const Sink& sink) {
      render::DocumentStream out(format, sink);
      store.each_document([&](Document d) { out.add(d); });
      out.finish();
    });
    return k_exit_ok;
  };
}

const Registration reg{"export", 50, setup};

} // namespace
} // namespace parindex::cli
