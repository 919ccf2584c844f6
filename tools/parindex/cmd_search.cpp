#include "cli.hpp"

#include <parindex/store.hpp>
#include <parindex/text.hpp>

namespace parindex::cli {
namespace {

struct SearchArgs {
  std::string format = "table", query, unit;
  int limit = 50;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<SearchArgs>();
  app.description("Full-text search of the stored documents, accent-insensitive");
  add_format_option(app, a->format);
  app.add_option("query", a->query, "Words to find; without marks they match any marks, with marks only those")->required();
  app.add_option("--unit,-u", a->unit, "Only this unit");
  app.add_option("--limit,-n", a->limit, "At most this many lines (default 50)")->check(CLI::PositiveNumber);
  return [a, &g]() {
    store::Store store(g.db, store::Mode::read_only);
    std::optional<std::string> unit;
    if (!a->unit.empty()) {
      unit = require_known_unit(store, a->unit);
    }
    std::string q = text::normalize_tones(text::to_nfc(a->query));
    auto hits = store.search(q, unit, a->limit * 20);
    // A query with marks is exact: keep lines that contain its marked words as written.
    if (text::fold(q) != q) {
      std::u32string uq = text::to_u32(q);
      for (auto& c : uq) c = text::to_lower(c);
      std::vector<std::string> words;
      std::string w;
      for (char32_t c : uq) {
        if (text::is_letter(c)) w += text::to_utf8(std::u32string(1, c));
        else if (!w.empty()) { words.push_back(w); w.clear(); }
      }
      if (!w.empty()) words.push_back(w);
      std::erase_if(hits, [&](const store::SearchHit& h) {
        std::u32string lu = text::to_u32(h.text);
        for (auto& c : lu) c = text::to_lower(c);
        std::string low = text::to_utf8(lu);
        return std::any_of(words.begin(), words.end(), [&](const std::string& x) { return low.find(x) == std::string::npos; });
      });
    }
    if (hits.size() > static_cast<std::size_t>(a->limit)) hits.resize(static_cast<std::size_t>(a->limit));
    write_stdout(render::search(hits, q, render::parse_format(a->format)));
    return hits.empty() ? k_exit_found : k_exit_ok;
  };
}

const Registration reg{"search", 36, setup};

} // namespace
} // namespace parindex::cli
