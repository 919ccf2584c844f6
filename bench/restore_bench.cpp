// Restoration benchmark: prints figures, never passes or fails.
//
//   build/bench/restore_bench [../shared/corpus/legal-vbpl.txt.xz] [LINES]
//   build/bench/restore_bench --speed FILE     (speed on FILE as it is, e.g. eng-model OCR)
//   build/bench/restore_bench --errors [--skip N]   (the wrong syllables, most frequent first;
//     --skip N starts after the first N held-out lines: a second split to tune on, so the
//     reported figure stays on lines nothing was tuned to)
//
// (a) syllable accuracy on held-out legal passages (every 20th line, which the model builder
//     leaves out) with their marks stripped; (b) is bench/restore_eng_dev.sh (eng-model OCR);
// speed in syllables per second on one core (median of 7 runs), the model's load time and
// the peak RSS.
#include "../tools/parindex-lm/corpus.hpp"

#include <parindex/restore.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <sys/resource.h>
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


// Median syllables per second of `runs` restorations of `text` (the first run warms the
// model's pages and the candidate cache of nothing: every run is a fresh call).
double speed(const restore::Restorer& r, const std::string& text, int runs, restore::Result* last) {
  std::vector<double> rates;
  for (int i = 0; i < runs; ++i) {
    auto t = Clock::now();
    auto res = r.restore(text);
    double secs = std::chrono::duration<double>(Clock::now() - t).count();
    rates.push_back(res.syllables / secs);
    if (last) *last = std::move(res);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

long peak_rss_kb() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

} // namespace

int main(int argc, char** argv) {
  std::string corpus = std::string(PARINDEX_SOURCE_DIR) + "/../shared/corpus/legal-vbpl.txt.xz";
  std::string speed_file; // --speed FILE: time restoration of FILE as it is (eng-model OCR output)
  std::size_t max_lines = 400, skip_lines = 0;
  bool errors = false; // --errors: the wrong syllables, most frequent first
  std::vector<std::string> args(argv + 1, argv + argc);
  int positional = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--speed" && i + 1 < args.size()) speed_file = args[++i];
    else if (args[i] == "--errors") errors = true;
    else if (args[i] == "--skip" && i + 1 < args.size()) skip_lines = std::stoul(args[++i]);
    else if (positional++ == 0) corpus = args[i];
    else max_lines = std::stoul(args[i]);
  }

  auto t0 = Clock::now();
  auto restorer = restore::load_default();
  double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (!restorer) {
    fmt::print(stderr, "restore_bench: no model installed\n");
    return 4;
  }
  constexpr int k_runs = 7;
  if (!speed_file.empty()) {
    std::ifstream in(speed_file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    restore::Result r;
    double rate = speed(*restorer, text, k_runs, &r);
    fmt::print("  speed: {:.0f} syllables/s on one core, median of {} runs over {} syllables (target >= 150,000 on eng-OCR text)\n",
               rate, k_runs, r.syllables);
    return 0;
  }

  std::vector<std::string> gold;
  long n = 0;
  lm::for_each_line(corpus, [&](std::string_view line) {
    ++n;
    if (n % 20 == 0 && n / 20 > static_cast<long>(skip_lines) && gold.size() < max_lines)
      gold.push_back(text::normalize_tones(text::to_nfc(line)));
  });
  std::string stripped_all, gold_all;
  for (const auto& g : gold) {
    gold_all += g + "\n";
    stripped_all += strip(g) + "\n";
  }
  restore::Result r;
  double rate = speed(*restorer, stripped_all, k_runs, &r);
  auto a = syllables(gold_all), b = syllables(r.text);
  std::size_t same = 0, total = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < total; ++i) same += a[i] == b[i];
  fmt::print("restore_bench: held-out legal passages: {} lines, {} syllables\n", gold.size(), a.size());
  fmt::print("  (a) syllable accuracy, marks stripped: {:.2f}% (target >= 99.0%)\n", 100.0 * same / a.size());
  fmt::print("  speed: {:.0f} syllables/s on one core, median of {} runs (target >= 300,000)\n", rate, k_runs);
  fmt::print("  model load: {:.1f} ms (target <= 10 ms)\n", load_ms);
  fmt::print("  peak RSS: {:.1f} MB\n", peak_rss_kb() / 1024.0);
  if (errors) {
    std::map<std::string, int> wrong;
    for (std::size_t i = 0; i < total; ++i)
      if (a[i] != b[i]) ++wrong[a[i] + " → " + b[i]];
    std::vector<std::pair<int, std::string>> by_count;
    for (const auto& [k, v] : wrong) by_count.emplace_back(-v, k);
    std::sort(by_count.begin(), by_count.end());
    for (const auto& [c, k] : by_count) fmt::print("  {:4} {}\n", -c, k);
  }
  if (a.size() != b.size()) fmt::print("  note: {} vs {} syllables after restoration\n", a.size(), b.size());
  return 0;
}
