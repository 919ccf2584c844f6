// parindex-lm: builds the syllable trigram model the restore stage memory-maps.
//
//   parindex-lm OUT.bin [--hunspell DIC] [--holdout N] WEIGHT:FILE...
//
// FILE is plain text or .xz, one passage per line; WEIGHT multiplies its counts (in-domain
// text is weighted up). With --holdout N every N-th line of files weighted above 1 is left
// out (the restoration bench evaluates on those lines). Counts: stupid back-off, syllables
// seen at least twice and 3 times weighted, plus the hunspell-vi syllables; bigrams kept
// from a weighted count of 2, trigrams from 3.
#include "corpus.hpp"

#include "restore/model.hpp"

#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

using namespace parindex;

namespace {

const std::u32string_view k_consonants = U"bcdđghklmnpqrstvx";
const std::u32string_view k_vowels =
  U"aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵ";
const std::u32string_view k_toned =
  U"áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";

// A lower-case Vietnamese syllable: an onset from the language's consonant clusters, one to
// three vowels with at most one tone, and one of the codas Vietnamese allows.
bool plausible(std::u32string_view w) {
  if (w.empty() || w.size() > 7) return false;
  static const std::u32string_view onsets[] = {U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu",
                                               U"th", U"tr", U"b", U"c", U"d", U"đ", U"g", U"h", U"k",
                                               U"l", U"m", U"n", U"p", U"r", U"s", U"t", U"v", U"x"};
  std::size_t i = 0;
  for (auto o : onsets)
    if (w.substr(0, o.size()) == o && w.size() > o.size()) { i = o.size(); break; }
  int tones = 0;
  std::size_t v = i;
  while (v < w.size() && k_vowels.find(w[v]) != std::u32string_view::npos) {
    if (k_toned.find(w[v]) != std::u32string_view::npos) ++tones;
    // A letter twice is a typo or a foreign word ("vaan", "củaa"); only "oo" (xoong) is ours.
    if (v > i && w[v] == w[v - 1] && w[v] != U'o') return false;
    ++v;
  }
  if (v == i && !(i == 2 && w.substr(0, 2) == U"gi")) return false; // "gì" has its vowel in the onset
  if (v - i > 3 || tones > 1) return false;
  std::u32string_view coda = w.substr(v);
  static const std::u32string_view codas[] = {U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};
  for (auto c : codas)
    if (coda == c) return true;
  return false;
}

struct Input {
  double weight;
  std::string path;
};

// Splits a line into syllable tokens; -1 marks a boundary (punctuation that ends a clause,
// numbers and foreign words).
template <class F> void tokens(std::string_view line, F&& emit) {
  std::u32string u = text::to_u32(text::normalize_tones(text::to_nfc(line)));
  std::size_t i = 0;
  emit(std::u32string_view{}, true);
  while (i < u.size()) {
    char32_t c = u[i];
    if (text::is_letter(c)) {
      std::size_t j = i;
      while (j < u.size() && text::is_letter(u[j])) ++j;
      std::u32string w = u.substr(i, j - i);
      for (auto& ch : w) ch = text::to_lower(ch);
      if (plausible(w)) emit(std::u32string_view(w), false);
      else emit(std::u32string_view{}, true);
      i = j;
      continue;
    }
    if (c == U'.' || c == U',' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U'(' ||
        c == U')' || c == U'"' || c == U'“' || c == U'”')
      emit(std::u32string_view{}, true);
    if (c >= U'0' && c <= U'9') {
      // Numbers are one token, "<num>": "đạt từ <num>%" is the context that matters.
      while (i + 1 < u.size() && ((u[i + 1] >= U'0' && u[i + 1] <= U'9') || u[i + 1] == U',' || u[i + 1] == U'.') &&
             !(u[i + 1] != U',' && u[i + 1] != U'.' ? false : (i + 2 >= u.size() || u[i + 2] < U'0' || u[i + 2] > U'9')))
        ++i;
      emit(std::u32string_view(U"<num>"), false);
    }
    ++i;
  }
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    fmt::print(stderr, "usage: parindex-lm OUT.bin [--hunspell DIC] [--holdout N] WEIGHT:FILE...\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::string out = argv[1];
  std::string hunspell;
  int holdout = 0;
  std::vector<Input> inputs;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--hunspell" && i + 1 < argc) { hunspell = argv[++i]; continue; }
    if (a == "--holdout" && i + 1 < argc) { holdout = std::atoi(argv[++i]); continue; }
    auto colon = a.find(':');
    if (colon == std::string::npos) { fmt::print(stderr, "parindex-lm: expected WEIGHT:FILE, got {}\n", a); return 2; }
    inputs.push_back({std::atof(a.substr(0, colon).c_str()), a.substr(colon + 1)});
  }
  auto each_line = [&](const Input& in, auto&& f) {
    long n = 0;
    lm::for_each_line(in.path, [&](std::string_view line) {
      ++n;
      if (holdout > 0 && in.weight > 1 && n % holdout == 0) return; // evaluation lines
      f(line);
    });
  };

  // Pass 1: syllable counts, weighted and as seen.
  struct Count {
    double weighted = 0;
    long seen = 0;
    bool known = false; // a hunspell-vi syllable
  };
  std::unordered_map<std::string, Count> counts;
  for (const auto& in : inputs)
    each_line(in, [&](std::string_view line) {
      tokens(line, [&](std::u32string_view w, bool boundary) {
        if (boundary) return;
        auto& c = counts[text::to_utf8(w)];
        c.weighted += in.weight;
        ++c.seen;
      });
    });
  if (!hunspell.empty()) {
    lm::for_each_line(hunspell, [&](std::string_view line) {
      std::string w(line.substr(0, line.find('/')));
      std::u32string u = text::to_u32(restore::normalize_syllable(w));
      if (plausible(u)) counts[text::to_utf8(u)].known = true;
    });
  }
  restore::ModelData d;
  d.vocab.push_back("<s>");
  d.vocab.push_back("<num>"); // id 1
  counts.erase("<num>");
  // A syllable seen once, however heavily weighted, is more often a typo than a word.
  std::vector<std::pair<std::string, double>> kept;
  for (auto& [w, c] : counts)
    if (c.known || (c.weighted >= 3 && c.seen >= 2)) kept.emplace_back(w, std::max(c.weighted, 1.0));
  std::sort(kept.begin(), kept.end());
  std::unordered_map<std::string, std::uint32_t> ids;
  ids["<num>"] = 1;
  double total = 0;
  for (auto& [w, c] : kept) {
    ids[w] = static_cast<std::uint32_t>(d.vocab.size());
    d.vocab.push_back(w);
    total += c;
  }
  d.unigram.assign(d.vocab.size(), 0.0f);
  for (auto& [w, c] : kept) d.unigram[ids[w]] = static_cast<float>(std::log10(c / total));
  d.unigram[0] = 0;
  d.unigram[1] = -2.0f;
  counts.clear();

  // Pass 2: bigram and trigram counts over ids (0 = boundary).
  std::unordered_map<std::uint64_t, double> bi, tri, ctx;
  std::vector<double> uni(d.vocab.size(), 0.0);
  for (const auto& in : inputs)
    each_line(in, [&](std::string_view line) {
      std::uint32_t u = 0, v = 0;
      tokens(line, [&](std::u32string_view w, bool boundary) {
        std::uint32_t id = 0;
        if (!boundary) {
          auto it = ids.find(text::to_utf8(w));
          if (it != ids.end()) id = it->second;
        }
        if (id == 0) { u = v = 0; return; }
        uni[v] += in.weight;
        bi[restore::bigram_key(v, id)] += in.weight;
        tri[restore::trigram_key(u, v, id)] += in.weight;
        ctx[restore::bigram_key(u, v)] += in.weight;
        u = v;
        v = id;
      });
    });
  for (auto& [k, c] : bi)
    if (c >= 2) {
      double denom = uni[restore::context_of(k)];
      if (denom > 0) d.bigrams.emplace_back(k, static_cast<float>(std::log10(c / denom)));
    }
  for (auto& [k, c] : tri)
    if (c >= 3) {
      auto cit = ctx.find(restore::context_of(k));
      if (cit != ctx.end() && cit->second > 0)
        d.trigrams.emplace_back(k, static_cast<float>(std::log10(c / cit->second)));
    }
  std::sort(d.bigrams.begin(), d.bigrams.end());
  std::sort(d.trigrams.begin(), d.trigrams.end());
  restore::write_model(out, d);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "parindex-lm: {} syllables, {} bigrams, {} trigrams → {} in {:.1f} s\n",
             d.vocab.size() - 1, d.bigrams.size(), d.trigrams.size(), out, secs);
  return 0;
}
