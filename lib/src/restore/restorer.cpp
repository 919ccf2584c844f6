// Diacritic restoration: for each word of a line, candidate syllables from its folded letters
// and from OCR confusions; a beam search over the candidates scored by the trigram model plus
// a small channel cost picks the sentence that reads best.
#include "model.hpp"
#include "data_dirs.hpp"

#include <parindex/error.hpp>
#include <parindex/restore.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <mutex>
#include <unordered_map>

namespace parindex::restore {

namespace {

constexpr float k_rule_cost = -1.2f;   // one OCR confusion rule applied
constexpr float k_edit_cost = -2.6f;   // one letter edit
constexpr float k_mark_cost = -0.25f;  // an existing mark the candidate does not keep (OCR)
// The same in text that merely lost marks: there a mark that is present was written, not
// misread ("quý" stays "quý", though "quy" is the likelier syllable around it).
constexpr float k_written_mark_cost = -3.0f;
// On OCR output no back-off weight counts below this (log10): a misread word is often one
// its context never saw. Tuned on bench/restore_eng_dev.sh: -0.3 and -0.7 measured worse.
constexpr float k_ocr_min_backoff = -0.5f;
constexpr std::size_t k_max_rewritten = 12; // letters; see generate()
constexpr float k_pair_floor = -3.0f;  // a learned OCR reading costs at most this (log10)
constexpr std::size_t k_beam = 6;
// log10 behind the best at which a hypothesis leaves the beam. Measured on the benches:
// 3 kept both accuracies (98.93 -> 98.92 % stripped, eng-OCR WER 7.87 %) and took speed
// from about 220k to 330k syllables/s; 2 lost 0.13 point.
constexpr float k_beam_margin = 3.0f;
constexpr double k_ocr_share = 0.08;   // share of odd words above which text is OCR output

// OCR confusions seen in eng-model output of Vietnamese (left: as read; right: folded truth).
const std::vector<std::pair<std::string, std::string>>& rules() {
  static const std::vector<std::pair<std::string, std::string>> r = {
    {"6", "o"}, {"4", "a"}, {"3", "a"}, {"1", "l"}, {"0", "o"}, {"&", "a"}, {"&", "o"},
    {"@", "a"}, {"8", "o"}, {"ti", "u"}, {"li", "u"}, {"ii", "u"}, {"it", "u"}, {"itn", "u"},
    {"ir", "u"}, {"tr", "u"}, {"tt", "uo"}, {"ud", "uo"}, {"g", "o"}, {"w", "u"}, {"i", "a"},
    {"i", "u"}, {"d", "a"}, {"p", "d"}, {"b", "d"}, {"e", "o"}, {"c", "e"}, {"o", "a"},
    {"u", "a"}, {"a", "o"}, {"n", "u"}, {"u", "n"}, {"rn", "m"}, {"m", "rn"}, {"y", "u"},
    {"5", "s"}, {"9", "g"}, {"$", "s"}, {"e", "a"}, {"e", "c"}, {"b", "o"}, {"d", "o"},
    {"&", "e"}, {"l1", "l"}, {"40", "a"}, {"e4", "a"}, {"e&", "a"}, {"&", "ao"}, {"tte", "uo"}, {"tn", "un"}, {"t", "u"}, {"h", "b"}, {"l", "i"}, {"q", "g"}};
  return r;
}

// The end of the sentence starting at `b`: after ". ", "! ", "? " or at the end of the line.
std::size_t sentence_end(std::string_view line, std::size_t b) {
  for (std::size_t i = b; i + 1 < line.size(); ++i)
    if ((line[i] == '.' || line[i] == '!' || line[i] == '?') && line[i + 1] == ' ') return i + 2;
  return line.size();
}

// An English sentence: one of the function words Vietnamese never writes ("of", "was",
// "with"), and with the ones it shares unmarked ("the" thể, "to" tổ, "in", "an") a fifth
// of its words or more.
bool english_sentence(std::string_view s) {
  static const std::array<std::string_view, 16> k_only_english = {
    "of", "and", "with", "for", "was", "were", "has", "have", "its", "which", "from", "this",
    "that", "by", "is", "are"};
  static const std::array<std::string_view, 12> k_shared = {"the", "to", "in", "an", "a", "on",
                                                            "at", "as", "be", "or", "it", "not"};
  int words = 0, only = 0, shared = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ') {
      // Addresses and codes are not words of either language.
      std::size_t end = std::min(s.find(' ', i + 1), s.size());
      if (s.substr(i, end - i).find_first_of("/@") != std::string_view::npos) {
        i = end;
        continue;
      }
    }
    if (!std::isalpha(static_cast<unsigned char>(s[i]))) {
      if (static_cast<unsigned char>(s[i]) >= 0x80) return false; // marked: Vietnamese
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
    if (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80) return false;
    std::string w(s.substr(i, j - i));
    for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ++words;
    if (std::find(k_only_english.begin(), k_only_english.end(), w) != k_only_english.end()) ++only;
    else if (std::find(k_shared.begin(), k_shared.end(), w) != k_shared.end()) ++shared;
    i = j;
  }
  return only >= 1 && (only + shared) * 5 >= words;
}

bool mostly_english(std::string_view text) {
  int english = 0, other = 0;
  for (std::size_t b = 0; b < text.size();) {
    std::size_t nl = text.find('\n', b);
    std::string_view line = text.substr(b, nl == std::string_view::npos ? std::string_view::npos : nl - b);
    for (std::size_t s = 0; s < line.size();) {
      std::size_t e = sentence_end(line, s);
      std::string_view sentence = line.substr(s, e - s);
      if (english_sentence(sentence)) ++english;
      else if (std::count(sentence.begin(), sentence.end(), ' ') >= 3) ++other; // a heading of 4+ words
      s = e;
    }
    if (nl == std::string_view::npos) break;
    b = nl + 1;
  }
  return english > other;
}

bool has_letter(std::u32string_view w) {
  return std::any_of(w.begin(), w.end(), [](char32_t c) { return text::is_letter(c); });
}

// Characters that may sit inside an OCR'd word ("s6", "B&o", "c4o").
bool word_char(char32_t c) {
  return text::is_letter(c) || (c >= U'0' && c <= U'9') || c == U'&' || c == U'@' || c == U'$' ||
         c == U'€' || c == U'¢';
}

std::string ascii_key(std::u32string_view w) {
  std::string k;
  for (char32_t c : w) {
    if (c == U'€') k.push_back('e');
    else if (c == U'¢') k.push_back('c');
    else k.push_back(text::fold_char(c));
  }
  return k;
}

bool all_caps(std::u32string_view w) {
  int letters = 0;
  for (char32_t c : w) {
    if (!text::is_letter(c)) continue;
    if (!text::is_upper(c)) return false;
    ++letters;
  }
  return letters >= 2;
}

std::u32string apply_case(std::u32string_view original, std::u32string cand) {
  int letters = 0, upper = 0;
  for (char32_t c : original)
    if (text::is_letter(c)) {
      ++letters;
      if (text::is_upper(c)) ++upper;
    }
  if (letters >= 2 && upper == letters) {
    for (auto& c : cand) c = text::to_upper(c);
  } else if (!original.empty() && text::is_upper(original[0]) && !cand.empty()) {
    cand[0] = text::to_upper(cand[0]);
  }
  return cand;
}

struct Cand {
  std::uint32_t id;
  float channel;
};

const std::vector<Cand> k_no_cands;

struct Slot {
  std::size_t begin, end;       // span in the line
  const std::vector<Cand>* cands = &k_no_cands; // empty: pass through; owned by the call's cache
  bool boundary_before = false; // punctuation since the previous word
  bool number = false;          // a number: the <num> token, not restored
  std::u32string fixed;         // written instead of the word: "đ" for a second "d)", "HĐND" for "HDND"
};

// A list beside the model, one word a line, '#' for comments: folded letters → the word.
std::unordered_map<std::string, std::u32string> read_word_list(const std::filesystem::path& path) {
  std::unordered_map<std::string, std::u32string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::u32string w = text::to_u32(text::to_nfc(line));
    out.emplace(ascii_key(w), w);
  }
  return out;
}

class NgramRestorer final : public Restorer {
public:
  explicit NgramRestorer(const std::string& path) : m_model(path) {
    auto dir = std::filesystem::path(path).parent_path();
    // Acronyms with Đ, and words that are no syllable ("kilôgam"; tools/parindex-lm --words).
    m_acronyms = read_word_list(dir / "acronyms.txt");
    m_words = read_word_list(dir / "words.txt");
    // The learned eng-OCR channel (ocr-pairs.tsv, tools/parindex-lm/learn-channel.sh):
    // token as read, syllable, count, log10 P(token | syllable).
    std::ifstream pairs(dir / "ocr-pairs.tsv");
    for (std::string line; std::getline(pairs, line);) {
      std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1), t3 = line.find('\t', t2 + 1);
      if (t3 == std::string::npos) continue;
      std::uint32_t id = m_model.id(normalize_syllable(line.substr(t1 + 1, t2 - t1 - 1)));
      if (id == 0) continue;
      float logp = std::strtof(line.c_str() + t3 + 1, nullptr);
      m_pairs[line.substr(0, t1)].push_back({id, std::max(logp, k_pair_floor)});
    }
  }

  Result restore(std::string_view utf8, const Options& options) const override {
    Result result;
    // English is never restored: not an English text (most of its sentences English, so its
    // headings stay as written too), nor an English sentence in a Vietnamese one ("Lap Vo"
    // in an English news item stays "Lap Vo").
    if (mostly_english(utf8)) {
      result.text = std::string(utf8);
      return result;
    }
    Call call{looks_ocr(utf8) ? Channel::ocr : Channel::unmarked, {}};
    std::size_t start = 0, line_no = 0;
    while (start <= utf8.size()) {
      std::size_t nl = utf8.find('\n', start);
      std::string_view line = utf8.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      ++line_no;
      // Sentence by sentence: a line may hold a Vietnamese heading and an English body.
      for (std::size_t b = 0; b < line.size();) {
        std::size_t e = sentence_end(line, b);
        std::string_view sentence = line.substr(b, e - b);
        if (english_sentence(sentence)) {
          result.text += sentence;
          call.carry_u = call.carry_v = 0;
        }
        else result.text += restore_line(sentence, line_no, options, call, result);
        b = e;
      }
      if (nl == std::string_view::npos) break;
      result.text.push_back('\n');
      start = nl + 1;
    }
    return result;
  }

private:
  // Text that merely lost its marks needs its words' own letters only; OCR output ("s6",
  // "dugc", "B&o") needs the confusion rules too. Offering the rules to clean words turns
  // "n" into "u" and "đ" into "ở" and multiplies the beam's work.
  enum class Channel { unmarked, ocr };
  struct Call {
    Channel channel;
    std::unordered_map<std::string, std::vector<Cand>> cache; // per call: no lock, no copy
    char32_t last_marker = 0; // the last list marker letter, lower case ("a)", "b.")
    // The last two syllables of a line that ended mid-sentence: the next line goes on from
    // them, as a wrapped line does ("… được giải quyết" / "đúng hạn").
    std::uint32_t carry_u = 0, carry_v = 0;
  };

  // OCR'd when enough words carry digits or symbols among their letters, or are lower-case
  // letters no syllable folds to. Words of two letters or more; numbers and all-capital
  // words are not counted.
  bool looks_ocr(std::string_view utf8) const {
    std::u32string u = text::to_u32(utf8);
    std::size_t words = 0, odd = 0;
    for (std::size_t i = 0; i < u.size();) {
      if (!word_char(u[i])) { ++i; continue; }
      std::size_t j = i;
      while (j < u.size() && word_char(u[j])) ++j;
      std::u32string_view w(u.data() + i, j - i);
      i = j;
      if (w.size() < 2 || !has_letter(w) || all_caps(w)) continue;
      ++words;
      bool symbol = std::any_of(w.begin(), w.end(), [](char32_t c) { return !text::is_letter(c); });
      // An unknown capitalised word is as likely a name ("Zalo") as a misread.
      if (symbol || (!text::is_upper(w[0]) && m_model.candidates(ascii_key(w)).empty())) ++odd;
    }
    // One odd word in a short text is a name or a foreign word, not a reading.
    return odd >= 2 && static_cast<double>(odd) / static_cast<double>(words) > k_ocr_share;
  }

  const std::vector<Cand>& candidates(std::u32string_view word, Call& call) const {
    std::string cache_key = text::to_utf8(word);
    auto it = call.cache.find(cache_key);
    if (it != call.cache.end()) return it->second;
    std::vector<Cand> cands = generate(word, call.channel);
    // In id order: the beam asks the model for them in that order (Model::logp_ascending).
    std::sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) { return a.id < b.id; });
    return call.cache.emplace(std::move(cache_key), std::move(cands)).first->second;
  }

  std::vector<Cand> generate(std::u32string_view word, Channel channel) const {
    std::vector<Cand> out;
    std::string key = ascii_key(word);
    std::string norm = normalize_syllable(text::to_utf8(word));
    std::u32string nu = text::to_u32(norm);
    // A syllable offered twice keeps its cheapest way of being read.
    auto offer = [&](std::uint32_t id, float c) {
      auto it = std::find_if(out.begin(), out.end(), [&](const Cand& x) { return x.id == id; });
      if (it == out.end()) out.push_back({id, c});
      else it->channel = std::max(it->channel, c);
    };
    const float mark_cost = channel == Channel::ocr ? k_mark_cost : k_written_mark_cost;
    auto add = [&](const std::string& k, float cost) {
      for (std::uint32_t id : m_model.candidates(k)) {
        float c = cost;
        std::u32string w = text::to_u32(m_model.word(id));
        if (w.size() == nu.size())
          for (std::size_t i = 0; i < w.size(); ++i)
            if (nu[i] >= 0x80 && nu[i] != w[i]) c += mark_cost; // marks are evidence, not truth
        offer(id, c);
      }
    };
    bool clean = std::all_of(key.begin(), key.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (clean) add(key, 0);
    // No syllable has more than 7 letters and two rules shorten a word by 4 at most: a longer
    // word is no misread syllable, and rewriting it (positions × rules, twice) would be cubic.
    if (key.size() > k_max_rewritten) return out;
    if (channel == Channel::ocr) {
      // What the OCR was seen to write for each syllable, at the cost of how often.
      std::u32string lower(word);
      for (auto& c : lower) c = text::to_lower(c);
      if (auto it = m_pairs.find(text::to_utf8(lower)); it != m_pairs.end())
        for (const Cand& p : it->second) offer(p.id, p.channel); // log10 P(token | syllable); scaled by 0.6 it measured worse
    }
    // Capitals are headings or abbreviations (UBND, TTHC, CCHC): only their own letters count.
    if (clean && all_caps(word)) return out;
    // Text that merely lost its marks keeps its letters: a clean word no syllable folds to
    // ("coca", a list's "b") is a name, a foreign word or a marker, and stays as written.
    if (clean && channel == Channel::unmarked) return out;
    // One or two confusion rules.
    for (const auto& [from, to] : rules()) {
      for (std::size_t p = key.find(from); p != std::string::npos; p = key.find(from, p + 1)) {
        std::string k1 = key.substr(0, p) + to + key.substr(p + from.size());
        add(k1, k_rule_cost);
        if (!out.empty() && clean) continue;
        for (const auto& [f2, t2] : rules())
          for (std::size_t q = k1.find(f2); q != std::string::npos; q = k1.find(f2, q + 1))
            add(k1.substr(0, q) + t2 + k1.substr(q + f2.size()), 2 * k_rule_cost);
      }
    }
    if (out.empty() && clean && key.size() >= 2) {
      // One letter edit: substitution, deletion.
      for (std::size_t i = 0; i < key.size(); ++i) {
        add(key.substr(0, i) + key.substr(i + 1), k_edit_cost);
        for (char c = 'a'; c <= 'z'; ++c)
          if (c != key[i]) add(key.substr(0, i) + c + key.substr(i + 1), k_edit_cost);
      }
    }
    return out;
  }

  std::string restore_line(std::string_view line, std::size_t line_no, const Options& options, Call& call,
                           Result& result) const {
    std::u32string u = text::to_u32(line);
    std::vector<Slot> slots;
    bool boundary = call.carry_v == 0;
    std::size_t i = 0;
    std::size_t chunk_end = 0; // the current chunk ends here
    bool chunk_url = false, chunk_code = false;
    while (i < u.size()) {
      if (!word_char(u[i])) {
        char32_t c = u[i];
        // As in the model: spaces, dashes and commas keep the context; other punctuation ends it.
        if (c != U' ' && c != U'\t' && c != U'-' && c != U'–' && c != U',') boundary = true;
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < u.size() && word_char(u[j])) ++j;
      std::u32string_view w(u.data() + i, j - i);
      Slot s{i, j, &k_no_cands, boundary, false, {}};
      // Chunks that are URLs, e-mail addresses, codes or numbers pass through. A chunk (a
      // run without spaces) is keyed once, not once per word in it: "-UBND" × 30,000 is one
      // chunk of 30,000 words.
      if (i >= chunk_end) {
        std::size_t cb = i, ce = j;
        while (cb > 0 && u[cb - 1] != U' ') --cb;
        while (ce < u.size() && u[ce] != U' ') ++ce;
        std::string chunk = ascii_key(std::u32string_view(u.data() + cb, ce - cb));
        chunk_end = ce;
        // Once per chunk: searched once per word, a 65 KB chunk took seconds (fuzz_restore).
        chunk_url = chunk.find("://") != std::string::npos || chunk.find('@') != std::string::npos ||
                    chunk.find("www.") != std::string::npos || chunk.find(".vn") != std::string::npos;
        chunk_code = chunk.find('/') != std::string::npos && chunk.find_first_of("0123456789") != std::string::npos;
      }
      bool url = chunk_url;
      // In OCR output a digit and a symbol may be a whole syllable ("1&" for "lệ"); elsewhere
      // a word without letters is a number.
      bool misread = call.channel == Channel::ocr && !has_letter(w) && w.size() <= 4 &&
                     std::any_of(w.begin(), w.end(), [](char32_t c) { return c < U'0' || c > U'9'; });
      bool digits_only = !has_letter(w) && !misread;
      bool list_marker = w.size() == 1 && j < u.size() && (u[j] == U')' || u[j] == U'.');
      bool code = chunk_code;
      if (list_marker && text::is_letter(w[0])) {
        // Vietnamese lists run a, b, c, d, đ, e: a second "d)" in a row lost its stroke.
        char32_t letter = text::to_lower(w[0]);
        bool stroke = letter == U'd' && call.last_marker == U'd';
        if (stroke) s.fixed = text::is_upper(w[0]) ? U"Đ" : U"đ";
        call.last_marker = stroke ? U'đ' : letter;
      } else if (w.size() >= 2 && all_caps(w)) {
        auto it = m_acronyms.find(ascii_key(w));
        if (it != m_acronyms.end()) s.fixed = it->second;
      }
      if (!url && !digits_only && !list_marker && !code && s.fixed.empty()) s.cands = &candidates(w, call);
      if (s.cands->empty() && s.fixed.empty() && !url && !code && !m_words.empty()) {
        // A word no syllable folds to may be a known word that is none ("kilogam").
        auto it = m_words.find(ascii_key(w));
        if (it != m_words.end()) s.fixed = apply_case(w, it->second);
      }
      s.number = digits_only && !url;
      boundary = s.cands->empty() && !s.number;
      if (!s.cands->empty()) ++result.syllables;
      slots.push_back(std::move(s));
      i = j;
    }
    // Beam search over the slots; pass-through words reset the context, numbers are <num>.
    // Nodes keep a back-pointer, so a step costs beam × candidates, whatever the line length.
    struct Node {
      float score;
      std::uint32_t u, v;
      std::uint32_t choice; // 0 = pass through
      std::int32_t parent;
    };
    const float floor = call.channel == Channel::ocr ? k_ocr_min_backoff : -1e30f;
    std::vector<std::vector<Node>> steps;
    steps.reserve(slots.size() + 1);
    steps.push_back({{0, call.carry_u, call.carry_v, 0, -1}});
    std::vector<Node> next;
    for (const auto& s : slots) {
      const auto& beam = steps.back();
      next.clear();
      if (s.cands->empty()) {
        for (std::size_t b = 0; b < beam.size(); ++b) {
          const Node& h = beam[b];
          Node n{h.score, 0, 0, 0, static_cast<std::int32_t>(b)};
          if (s.number) {
            std::uint32_t u0 = s.boundary_before ? 0 : h.u, v0 = s.boundary_before ? 0 : h.v;
            n.score += m_model.logp(u0, v0, k_num_id, floor);
            n.u = v0;
            n.v = k_num_id;
          }
          next.push_back(n);
        }
        steps.push_back(next);
        continue;
      }
      for (const Node& h : beam) m_model.prefetch(s.boundary_before ? 0 : h.u, s.boundary_before ? 0 : h.v);
      // Keep the best hypothesis per (u, v) state, up to the beam width: a node replaces
      // its state's node when better, else the worst kept node when better than it.
      std::vector<Node> kept;
      kept.reserve(k_beam);
      for (std::size_t b = 0; b < beam.size(); ++b) {
        const Node& h = beam[b];
        std::uint32_t u0 = s.boundary_before ? 0 : h.u, v0 = s.boundary_before ? 0 : h.v;
        Model::Context ctx = m_model.context(u0, v0, floor);
        for (const auto& c : *s.cands) {
          // Candidates are in id order, as logp_ascending wants them.
          Node n{h.score + m_model.logp_ascending(ctx, c.id) + c.channel, v0, c.id, c.id, static_cast<std::int32_t>(b)};
          auto same = std::find_if(kept.begin(), kept.end(), [&](const Node& k) { return k.u == n.u && k.v == n.v; });
          if (same != kept.end()) {
            if (n.score > same->score) *same = n;
          } else if (kept.size() < k_beam) {
            kept.push_back(n);
          } else {
            auto worst = std::min_element(kept.begin(), kept.end(), [](const Node& a, const Node& b) { return a.score < b.score; });
            if (n.score > worst->score) *worst = n;
          }
        }
      }
      // Best first: the back-trace starts from node 0 of the last step.
      std::sort(kept.begin(), kept.end(), [](const Node& a, const Node& b) { return a.score > b.score; });
      // Hypotheses far behind the best rarely recover; dropping them narrows the next step.
      while (kept.size() > 1 && kept.back().score < kept.front().score - k_beam_margin) kept.pop_back();
      steps.push_back(std::move(kept));
    }
    struct Best {
      std::vector<std::uint32_t> choice;
    } best;
    best.choice.assign(slots.size(), 0);
    {
      std::int32_t idx = 0;
      for (std::size_t k = slots.size(); k > 0; --k) {
        const Node& n = steps[k][static_cast<std::size_t>(idx)];
        best.choice[k - 1] = n.choice;
        idx = n.parent;
      }
    }
    // Carry the context into the next line when this one ends on a word, not on punctuation.
    call.carry_u = call.carry_v = 0;
    if (!slots.empty() && !steps.back().empty()) {
      bool open = std::all_of(u.begin() + static_cast<std::ptrdiff_t>(slots.back().end), u.end(),
                              [](char32_t c) { return c == U' ' || c == U'\t' || c == U'-'; });
      if (open) {
        call.carry_u = steps.back()[0].u;
        call.carry_v = steps.back()[0].v;
      }
    }
    std::u32string out;
    std::size_t pos = 0;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      const Slot& s = slots[k];
      out.append(u, pos, s.begin - pos);
      pos = s.end;
      std::u32string_view orig(u.data() + s.begin, s.end - s.begin);
      if (!s.fixed.empty()) {
        out.append(s.fixed);
        if (s.fixed != orig) {
          ++result.changed;
          if (options.explain) result.changes.push_back({line_no, text::to_utf8(orig), text::to_utf8(s.fixed), 1.0, {}});
        }
        continue;
      }
      if (best.choice[k] == 0) {
        out.append(orig);
        continue;
      }
      std::u32string chosen = apply_case(orig, text::to_u32(m_model.word(best.choice[k])));
      // Confidence: the chosen word against its best rival in the same neighbourhood.
      double conf = 1.0;
      std::vector<std::string> alternatives;
      if ((options.explain || options.mark_doubtful) && s.cands->size() > 1) {
        auto ctx = [&](std::size_t idx, int back) -> std::uint32_t {
          if (idx < static_cast<std::size_t>(back)) return 0;
          return best.choice[idx - back];
        };
        std::uint32_t u0 = s.boundary_before ? 0 : ctx(k, 2), v0 = s.boundary_before ? 0 : ctx(k, 1);
        std::uint32_t next1 = k + 1 < slots.size() && !slots[k + 1].boundary_before ? best.choice[k + 1] : 0;
        auto local = [&](const Cand& c) {
          float sc = m_model.logp(u0, v0, c.id, floor) + c.channel;
          if (next1) sc += m_model.logp(v0, c.id, next1, floor);
          return sc;
        };
        float mine = 0, rival = -1e9f;
        for (const auto& c : *s.cands) {
          float sc = local(c);
          if (c.id == best.choice[k]) mine = sc;
          else {
            rival = std::max(rival, sc);
            if (alternatives.size() < 3) alternatives.push_back(text::to_utf8(apply_case(orig, text::to_u32(m_model.word(c.id)))));
          }
        }
        conf = 1.0 / (1.0 + std::pow(10.0, rival - mine));
      }
      std::u32string written = chosen;
      if (options.mark_doubtful && conf < 0.6) written = U"⟦" + chosen + U"⟧";
      out.append(written);
      if (chosen != orig) {
        ++result.changed;
        if (options.explain)
          result.changes.push_back({line_no, text::to_utf8(orig), text::to_utf8(chosen), conf, alternatives});
      }
    }
    out.append(u, pos, std::u32string::npos);
    return text::to_utf8(out);
  }

  Model m_model;
  std::unordered_map<std::string, std::u32string> m_acronyms;
  std::unordered_map<std::string, std::u32string> m_words; // folded letters → the word
  std::unordered_map<std::string, std::vector<Cand>> m_pairs; // OCR token (lower case) → syllables
};

std::optional<std::string> find_model() {
  auto p = data::find(std::filesystem::path("restore") / "vi-syllables.lm");
  if (!p) return std::nullopt;
  return p->string();
}

} // namespace

std::shared_ptr<const Restorer> load_default() {
  static std::mutex mutex;
  static std::shared_ptr<const Restorer> cached;
  std::lock_guard lock(mutex);
  if (cached) return cached;
  auto path = find_model();
  if (!path) return nullptr;
  cached = std::make_shared<NgramRestorer>(*path);
  return cached;
}

std::shared_ptr<const Restorer> load(const std::string& path) {
  return std::make_shared<NgramRestorer>(path);
}

std::optional<ModelInfo> default_model_info() {
  auto path = find_model();
  if (!path) return std::nullopt;
  std::ifstream in(*path, std::ios::binary);
  ModelHeader h{};
  if (!in.read(reinterpret_cast<char*>(&h), sizeof h) || std::memcmp(h.magic, k_model_magic, 8) != 0)
    return std::nullopt;
  return ModelInfo{*path, std::string(h.magic, 8), h.n_vocab, h.n_bigrams, h.n_trigrams};
}

bool needs_restoration(std::string_view utf8) {
  // Vietnamese prose has marks on most syllables; text that lost them, or eng-model OCR
  // ("s6", "dugc"), has few. Share of unmarked words of 2+ letters: seeds 000–003 0.10–0.14,
  // the eng-OCR seed 004 0.80.
  return text::unmarked_share(utf8) > 0.45 && !text::is_english(utf8);
}

} // namespace parindex::restore
