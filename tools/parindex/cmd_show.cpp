#include "cli.hpp"

#include <parindex/store.hpp>

#include <fmt/core.h>

namespace parindex::cli {
namespace {

struct ShowArgs {
  std::string format = "table";
  std::string id;
  bool text = false;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<ShowArgs>();
  app.description("Show one document's records (or its stored text)");
  add_format_option(app, a->format);
  app.add_option("document", a->id, "Document id, or a unique prefix of at least 6 hex digits")->required();
  app.add_flag("--text", a->text, "Print the stored text of the document, pages separated by form feeds");
  return [a, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    auto doc = store.document(a->id);
    if (!doc) throw UsageError(fmt::format("{}: no such document in {}", a->id, store.path().string()));
    if (a->text) {
      std::string out;
      for (const auto& p : store.text(doc->id)) {
        if (!out.empty()) out += "\f";
        out += p.text;
        if (out.empty() || out.back() != '\n') out += "\n";
      }
      write_stdout(out);
      return k_exit_ok;
    }
    write_stdout(render::documents({*doc}, render::parse_format(a->format)));
    return k_exit_ok;
  };
}

const Registration reg{"show", 40, setup};

} // namespace
} // namespace parindex::cli
