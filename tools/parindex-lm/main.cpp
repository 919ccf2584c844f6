// parindex-lm: builds the syllable trigram model the restore stage memory-maps.
//
//   parindex-lm OUT.bin [--hunspell DIC] [--holdout N] [--discount D] [--words FILE] WEIGHT:FILE...
//
// FILE is plain text or .xz, one passage per line; WEIGHT multiplies its counts (in-domain
// text is weighted up). With --holdout N every N-th line of files weighted above 1 is left
// out (the restoration bench evaluates on those lines). --discount D (default 1.0) is the
// Kneser-Ney discount. --words FILE also writes the word list (words that are no syllable,
// such as "kilôgam"), which the restorer reads beside the model. Syllables
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
#include <fstream>
#include <unordered_map>
#include <unordered_set>

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
  // The vowels, tone aside, must be a nucleus Vietnamese has: "sea", "oe" yes, "ea" no.
  std::u32string nucleus;
  for (std::size_t k = i; k < v; ++k) nucleus.push_back(k_vowels[k_vowels.find(w[k]) / 6 * 6]);
  static const std::u32string_view nuclei[] = {
    U"", U"a", U"ă", U"â", U"e", U"ê", U"i", U"o", U"ô", U"ơ", U"u", U"ư", U"y", U"ai", U"ao", U"au",
    U"ay", U"âu", U"ây", U"eo", U"êu", U"ia", U"iê", U"iu", U"oa", U"oă", U"oe", U"oi", U"ôi", U"ơi",
    U"oo", U"ua", U"uâ", U"uê", U"ui", U"uô", U"uơ", U"uy", U"ưa", U"ưi", U"ươ", U"ưu", U"yê", U"iêu",
    U"yêu", U"oai", U"oay", U"oao", U"oeo", U"uây", U"uôi", U"ươi", U"ươu", U"uya", U"uyê", U"uyu"};
  if (std::find(std::begin(nuclei), std::end(nuclei), nucleus) == std::end(nuclei)) return false;
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

// Splits a line into syllable tokens; -1 marks a boundary (punctuation that ends a clause, not a comma;
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
      else emit(std::u32string_view(w), true); // a boundary, and a word for the word list
      i = j;
      continue;
    }
    // A comma does not end the context: in "xã, phường, thị trấn" each item is the best
    // clue to the next (as a boundary, "phuong" alone read as "phương").
    if (c == U'.' || c == U';' || c == U':' || c == U'!' || c == U'?' || c == U'(' ||
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
    fmt::print(stderr, "usage: parindex-lm OUT.bin [--hunspell DIC] [--holdout N] [--discount D] [--words FILE] WEIGHT:FILE...\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::string out = argv[1];
  std::string hunspell;
  int holdout = 0;
  double discount = 1.0;
  std::string words_out;
  std::vector<Input> inputs;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--hunspell" && i + 1 < argc) { hunspell = argv[++i]; continue; }
    if (a == "--holdout" && i + 1 < argc) { holdout = std::atoi(argv[++i]); continue; }
    if (a == "--discount" && i + 1 < argc) { discount = std::atof(argv[++i]); continue; }
    if (a == "--words" && i + 1 < argc) { words_out = argv[++i]; continue; }
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
  std::unordered_map<std::string, long> others; // words that are no syllable: "kilôgam", "đắk"
  for (const auto& in : inputs)
    each_line(in, [&](std::string_view line) {
      tokens(line, [&](std::u32string_view w, bool boundary) {
        if (boundary) {
          if (!w.empty()) ++others[text::to_utf8(w)];
          return;
        }
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
  // The word list: a word that is no syllable, written with marks, and nearly always so
  // among the words with its letters ("kilôgam", "mililít", "Đắk"). Unmarked text gets it back whole.
  if (!words_out.empty()) {
    std::unordered_map<std::string, long> by_key;
    std::unordered_set<std::string> syllable_keys;
    for (auto& [w, c] : counts) syllable_keys.insert(restore::fold_key(w));
    for (auto& [w, n] : others) by_key[restore::fold_key(w)] += n;
    std::vector<std::string> list;
    for (auto& [w, n] : others) {
      std::string key = restore::fold_key(w);
      bool marked = key != w;
      if (marked && n >= 3 && n * 10 >= by_key[key] * 9 && !syllable_keys.count(key) && w.size() <= 40) list.push_back(w);
    }
    std::sort(list.begin(), list.end());
    std::ofstream wo(words_out);
    wo << "# Words that are no syllable, with their marks (tools/parindex-lm --words). Generated.\n";
    for (const auto& w : list) wo << w << '\n';
    fmt::print(stderr, "parindex-lm: {} words → {}\n", list.size(), words_out);
  }
  restore::ModelData d;
  d.vocab.push_back("<s>");
  d.vocab.push_back("<num>"); // id 1
  counts.erase("<num>");
  // A syllable seen once, however heavily weighted, is more often a typo than a word.
  std::vector<std::string> kept;
  for (auto& [w, c] : counts)
    if (c.known || (c.weighted >= 3 && c.seen >= 2)) kept.push_back(w);
  std::sort(kept.begin(), kept.end());
  std::unordered_map<std::string, std::uint32_t> ids;
  ids["<num>"] = 1;
  for (const auto& w : kept) {
    ids[w] = static_cast<std::uint32_t>(d.vocab.size());
    d.vocab.push_back(w);
  }
  counts.clear();

  // Pass 2: bigram and trigram counts over ids (0 = boundary), weighted and as seen.
  std::unordered_map<std::uint64_t, double> bi, tri, ctx;
  std::unordered_map<std::uint64_t, long> ctx_seen;
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
        bi[restore::bigram_key(v, id)] += in.weight;
        tri[restore::trigram_key(u, v, id)] += in.weight;
        ctx[restore::bigram_key(u, v)] += in.weight;
        ++ctx_seen[restore::bigram_key(u, v)];
        u = v;
        v = id;
      });
    });

  // Interpolated Kneser-Ney, stored as a back-off model: each stored n-gram holds its
  // interpolated probability, each context the log10 weight its unseen followers get.
  //   P1(w)     = (N(. w) + 1) / (N(. .) + V)                 continuation counts
  //   P2(w|v)   = max(N(. v w) - D, 0) / N(. v .) + D T(v) / N(. v .) P1(w)
  //   P3(w|u v) = max(c(u v w) - D', 0) / c(u v .) + D' T(u v) / c(u v .) P2(w|v)
  // N counts distinct left neighbours, T distinct followers. Counts are weighted, so the
  // trigram discount D' is D times the context's mean weight: a context seen once in a
  // text weighted 20 is discounted as a context seen once. After <s> there is no left
  // neighbour, so P2(w|<s>) uses the weighted counts themselves.
  const std::size_t V = d.vocab.size();
  auto last_two = [](std::uint64_t key) { return key & ((1ull << (2 * restore::k_id_bits)) - 1); }; // (v, w) of (u, v, w)
  std::unordered_map<std::uint64_t, double> cont; // N(. v w), or c(<s> w)
  for (auto& [k, c] : tri) {
    std::uint64_t vw = last_two(k);
    if (restore::context_of(vw) != 0) cont[vw] += 1;
  }
  for (auto& [k, c] : bi)
    if (restore::context_of(k) == 0) cont[k] = c;
  std::vector<double> n_dot_w(V, 0), s2(V, 0), t2(V, 0);
  double n_dot_dot = 0;
  for (auto& [k, c] : bi) {
    n_dot_w[restore::last_of(k)] += 1;
    n_dot_dot += 1;
  }
  for (auto& [k, c] : cont) {
    s2[restore::context_of(k)] += c;
    t2[restore::context_of(k)] += 1;
  }
  std::vector<double> p1(V, 0);
  for (std::size_t w = 1; w < V; ++w) p1[w] = (n_dot_w[w] + 1) / (n_dot_dot + static_cast<double>(V));
  d.unigram.assign(V, 0.0f); // <s> (id 0) is never predicted
  for (std::size_t w = 1; w < V; ++w) d.unigram[w] = static_cast<float>(std::log10(p1[w]));
  d.bigram_backoff.assign(V, 0.0f);
  for (std::size_t v = 0; v < V; ++v)
    if (s2[v] > 0) d.bigram_backoff[v] = static_cast<float>(std::log10(discount * t2[v] / s2[v]));
  auto p2 = [&](std::uint64_t vw) {
    std::uint32_t v = static_cast<std::uint32_t>(restore::context_of(vw)), w = restore::last_of(vw);
    if (s2[v] <= 0) return p1[w];
    auto it = cont.find(vw);
    double c = it == cont.end() ? 0 : it->second;
    return std::max(c - discount, 0.0) / s2[v] + discount * t2[v] / s2[v] * p1[w];
  };
  for (auto& [k, c] : bi)
    if (c >= 2) d.bigrams.emplace_back(k, static_cast<float>(std::log10(p2(k))));
  std::unordered_map<std::uint64_t, double> t3; // T(u v)
  for (auto& [k, c] : tri) t3[restore::context_of(k)] += 1;
  for (auto& [k, c] : tri) {
    if (c < 3) continue;
    std::uint64_t uv = restore::context_of(k);
    double cuv = ctx[uv], dd = discount * cuv / static_cast<double>(ctx_seen[uv]);
    double p = std::max(c - dd, 0.0) / cuv + dd * t3[uv] / cuv * p2(last_two(k));
    d.trigrams.emplace_back(k, static_cast<float>(std::log10(p)));
    if (!d.context_backoff.count(uv)) d.context_backoff[uv] = static_cast<float>(std::log10(std::min(1.0, dd * t3[uv] / cuv)));
  }
  std::sort(d.bigrams.begin(), d.bigrams.end());
  std::sort(d.trigrams.begin(), d.trigrams.end());
  restore::write_model(out, d);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(stderr, "parindex-lm: {} syllables, {} bigrams, {} trigrams → {} in {:.1f} s\n",
             d.vocab.size() - 1, d.bigrams.size(), d.trigrams.size(), out, secs);
  return 0;
}
