#include "cli.hpp"

#include <parindex/restore.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace parindex::cli {
namespace {

struct RestoreArgs {
  std::string input = "-";
  std::string model;
  bool explain = false;
  bool mark_doubtful = false;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<RestoreArgs>();
  app.description("Restore the diacritics of unmarked or badly OCR'd Vietnamese text");
  app.add_option("input", a->input, "Text file, or - for standard input (default)");
  app.add_option("--model", a->model, "Restoration model file (default: the installed one)");
  app.add_flag("--explain", a->explain,
               "After the text, list each changed word with its line, confidence and alternatives");
  app.add_flag("--mark-doubtful", a->mark_doubtful, "Wrap words whose best reading is weak as ⟦word⟧");
  return [a, &g]() {
    std::string bytes;
    if (a->input == "-") {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      bytes = ss.str();
    } else {
      std::ifstream in(a->input, std::ios::binary);
      if (!in) throw InputError(fmt::format("{}: cannot read", a->input));
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    text::Decoded decoded;
    try {
      decoded = text::decode(bytes);
    } catch (const InputError& e) {
      throw InputError(fmt::format("{}: {}", a->input, e.what()));
    }
    auto restorer = a->model.empty() ? restore::load_default() : restore::load(a->model);
    if (!restorer)
      throw DependencyError("no restoration model installed (dictionaries/restore/vi-syllables.lm); set PARINDEX_DATA or pass --model");
    restore::Options o;
    o.explain = a->explain;
    o.mark_doubtful = a->mark_doubtful;
    auto r = restorer->restore(decoded.text, o);
    std::string out = r.text;
    if (a->explain) {
      out += fmt::format("\n# {} of {} syllables changed\n", r.changed, r.syllables);
      for (const auto& c : r.changes) {
        std::string alts;
        for (const auto& x : c.alternatives) alts += (alts.empty() ? "" : ", ") + x;
        out += fmt::format("# line {}: {} → {} ({:.2f}){}\n", c.line, c.from, c.to, c.confidence,
                           alts.empty() ? "" : "; or " + alts);
      }
    }
    write_stdout(out);
    (void)g;
    return k_exit_ok;
  };
}

const Registration reg{"restore", 60, setup};

} // namespace
} // namespace parindex::cli
