// Restoration benchmark: prints figures, never passes or fails.
//
//   build/bench/restore_bench [../shared/corpus/legal-vbpl.txt.xz] [LINES]
//
// (a) syllable accuracy on held-out legal passages (every 20th line, which the model builder
//     leaves out) with their marks stripped; (b) is bench/restore_eng_dev.sh (eng-model OCR);
// speed in syllables per second on one core, and the model's load time.
#include "../tools/parindex-lm/corpus.hpp"

#include <parindex/restore.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <chrono>
#include <string>
#include <vector>

using namespace parindex;
using Clock = std::chrono::steady_clock;

namespace {

// Marks removed, case kept, đ → d.
std::string strip(const std::string& s) {
  std::u32string u = text::to_u32(s);
  std::string out;
  for (char32_t c : u) {
    if (c < 0x80) { out.push_back(static_cast<char>(c)); continue; }
    if (text::is_letter(c)) {
      char f = text::fold_char(c);
      out.push_back(text::is_upper(c) ? static_cast<char>(f - 'a' + 'A') : f);
    } else {
      out += text::to_utf8(std::u32string(1, c));
    }
  }
  return out;
}

std::vector<std::string> syllables(const std::string& s) {
  std::vector<std::string> out;
  std::u32string u = text::to_u32(s);
  std::size_t i = 0;
  while (i < u.size()) {
    if (!text::is_letter(u[i])) { ++i; continue; }
    std::size_t j = i;
    while (j < u.size() && text::is_letter(u[j])) ++j;
    std::u32string w = u.substr(i, j - i);
    for (auto& c : w) c = text::to_lower(c);
    out.push_back(text::to_utf8(w));
    i = j;
  }
  return out;
}

} // namespace

int main(int argc, char** argv) {
  std::string corpus = argc > 1 ? argv[1] : std::string(PARINDEX_SOURCE_DIR) + "/../shared/corpus/legal-vbpl.txt.xz";
  std::size_t max_lines = argc > 2 ? std::stoul(argv[2]) : 400;

  auto t0 = Clock::now();
  auto restorer = restore::load_default();
  double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (!restorer) {
    fmt::print(stderr, "restore_bench: no model installed\n");
    return 4;
  }

  std::vector<std::string> gold;
  long n = 0;
  lm::for_each_line(corpus, [&](std::string_view line) {
    ++n;
    if (n % 20 == 0 && gold.size() < max_lines) gold.push_back(text::normalize_tones(text::to_nfc(line)));
  });
  std::string stripped_all, gold_all;
  for (const auto& g : gold) {
    gold_all += g + "\n";
    stripped_all += strip(g) + "\n";
  }
  auto t1 = Clock::now();
  auto r = restorer->restore(stripped_all);
  double secs = std::chrono::duration<double>(Clock::now() - t1).count();
  auto a = syllables(gold_all), b = syllables(r.text);
  std::size_t same = 0, total = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < total; ++i) same += a[i] == b[i];
  fmt::print("restore_bench: held-out legal passages: {} lines, {} syllables\n", gold.size(), a.size());
  fmt::print("  (a) syllable accuracy, marks stripped: {:.2f}% (target >= 99.0%)\n", 100.0 * same / a.size());
  fmt::print("  speed: {:.0f} syllables/s on one core (target >= 300,000)\n", r.syllables / secs);
  fmt::print("  model load: {:.1f} ms (target <= 50 ms)\n", load_ms);
  if (a.size() != b.size()) fmt::print("  note: {} vs {} syllables after restoration\n", a.size(), b.size());
  return 0;
}
