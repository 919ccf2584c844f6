#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include "utf8.hpp"
#include "vowels.hpp"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <new>
#include <optional>
#include <unordered_map>
#include <vector>

namespace parindex::text {

namespace {

constexpr std::string_view k_base_ascii = "aaaeeiooouuy";

struct VowelInfo {
  std::uint8_t base;  // index into the tables above
  std::uint8_t tone;  // 0..5
  bool upper;
};

// Every Vietnamese vowel lies in U+0041..U+1EF9: one flat table over that range, filled once,
// so the lookup that folding and tone placement do per character is an index, not a hash.
constexpr char32_t k_vowel_first = 0x41, k_vowel_last = 0x1EF9;
struct VowelSlot {
  VowelInfo info;
  bool valid = false;
};

// Computed at compile time (no function-local static: the lookup is on every character
// folded, and a guard per call showed in profiles; and no start-up order to get wrong).
constexpr auto k_vowel_table = [] {
  std::array<VowelSlot, k_vowel_last - k_vowel_first + 1> t{};
  for (std::uint8_t b = 0; b < 12; ++b)
    for (std::uint8_t tone = 0; tone < 6; ++tone) {
      t[k_lower_vowels[b][tone] - k_vowel_first] = {{b, tone, false}, true};
      t[k_upper_vowels[b][tone] - k_vowel_first] = {{b, tone, true}, true};
    }
  return t;
}();

constexpr std::optional<VowelInfo> vowel(char32_t c) {
  if (c < k_vowel_first || c > k_vowel_last) return std::nullopt;
  const VowelSlot& slot = k_vowel_table[c - k_vowel_first];
  if (!slot.valid) return std::nullopt;
  return slot.info;
}




char32_t make_vowel(std::uint8_t base, std::uint8_t tone, bool upper) {
  return (upper ? k_upper_vowels : k_lower_vowels)[base][tone];
}

} // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

std::u32string to_u32(std::string_view s) {
  // Written through a pointer into a buffer as long as the input (a code point is at least
  // one byte), then cut: push_back per character showed in profiles.
  std::u32string out(s.size(), U'\0');
  char32_t* o = out.data();
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) { *o++ = c; ++i; continue; }
    *o++ = next_code_point(s, i);
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out(s.size() * 4, '\0');
  char* o = out.data();
  for (char32_t c : s) {
    if (c < 0x80) *o++ = static_cast<char>(c);
    else if (c < 0x800) {
      *o++ = static_cast<char>(0xC0 | (c >> 6));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *o++ = static_cast<char>(0xE0 | (c >> 12));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *o++ = static_cast<char>(0xF0 | (c >> 18));
      *o++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

std::string to_nfc(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s)
    if (c >= 0x80) { ascii = false; break; }
  if (ascii) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw DependencyError("ICU NFC data unavailable");
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  // ICU reports a failed allocation as a bogus string or a status: that is memory, not text.
  if (u.isBogus()) throw std::bad_alloc();
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
  if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
  status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc->normalize(u, status);
  if (status == U_MEMORY_ALLOCATION_ERROR || n.isBogus()) throw std::bad_alloc();
  if (U_FAILURE(status)) throw InputError("text cannot be normalised to NFC");
  std::string out;
  n.toUTF8String(out);
  return out;
}

namespace {

constexpr char fold_slow(char32_t c) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    return static_cast<char>(c);
  }
  if (auto v = vowel(c)) return k_base_ascii[v->base];
  switch (c) {
  case U'đ': case U'Đ': return 'd';
  case U'\u00A0': case U'\u2002': case U'\u2003': case U'\u2009': case U'\u202F': return ' ';
  case U'“': case U'”': case U'„': case U'«': case U'»': return '"';
  case U'‘': case U'’': case U'‚': return '\'';
  case U'–': case U'—': case U'‒': case U'−': return '-';
  case U'…': return '.';
  case U'≥': return '}'; // kept distinct so "≥ 85%" can be told from "> 85%"
  case U'≤': return '{';
  default: break;
  }
  // Combining marks are folded away by callers working on NFC text; anything else is '?'.
  return '?';
}


// fold_char below U+2000 (every Vietnamese letter): one index.
constexpr char32_t k_fold_fast = 0x2000;
constexpr std::array<char, k_fold_fast> k_fold_table = [] {
  std::array<char, k_fold_fast> t{};
  for (char32_t c = 0; c < k_fold_fast; ++c) t[c] = fold_slow(c);
  return t;
}();

} // namespace

char fold_char(char32_t c) {
  if (c < k_fold_fast) return k_fold_table[c];
  return fold_slow(c);
}

std::string fold(std::string_view s) {
  // One folded byte per code point, straight from the UTF-8.
  std::string out(s.size(), '\0');
  char* o = out.data();
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) { *o++ = k_fold_table[c]; ++i; continue; }
    *o++ = fold_char(next_code_point(s, i));
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return out;
}

bool is_bidi_control(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

std::string without_bidi_controls(std::string_view s) {
  // In UTF-8 every one of them is D8 9C (U+061C), E2 80 8E/8F (U+200E/F), E2 80 AA-AE
  // (U+202A-E) or E2 81 A6-A9 (U+2066-9): look at the bytes, not at code points, since
  // Vietnamese text is full of other E2 sequences (dashes, quotes, ellipses).
  auto control_at = [&](std::size_t i) -> bool {
    if (i + 1 >= s.size()) return false;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (s[i] == '\xD8') return b1 == 0x9C;
    if (i + 2 >= s.size()) return false;
    auto b2 = static_cast<unsigned char>(s[i + 2]);
    if (b1 == 0x80) return b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE);
    if (b1 == 0x81) return b2 >= 0xA6 && b2 <= 0xA9;
    return false;
  };
  std::string out;
  std::size_t copied = 0;
  // A loop over the bytes: find_first_of with a set calls memchr once per byte.
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((s[i] != '\xD8' && s[i] != '\xE2') || !control_at(i)) continue;
    if (out.empty()) out.reserve(s.size());
    out.append(s.substr(copied, i - copied));
    copied = i + (s[i] == '\xD8' ? 2 : 3);
    i = copied - 1;
  }
  if (copied == 0) return std::string(s);
  out.append(s.substr(copied));
  return out;
}

std::string visible(std::string_view s, bool keep_tab) {
  std::size_t i = 0, n = s.size();
  // Nothing to escape is the common case: return the text as it is.
  {
    bool plain = true;
    for (std::size_t k = 0; k < n && plain; ++k) {
      unsigned char c = s[k];
      plain = (c >= 0x20 && c < 0x7F) || (keep_tab && c == '\t');
    }
    if (plain) return std::string(s);
  }
  std::string out;
  out.reserve(n + 8);
  while (i < n) {
    unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7F) { out.push_back(static_cast<char>(c)); ++i; continue; }
    if (c < 0x20 || c == 0x7F) {
      switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += keep_tab ? "\t" : "\\t"; break;
      default: out += fmt::format("\\x{:02X}", c);
      }
      ++i;
      continue;
    }
    std::size_t b = i;
    char32_t cp = next_code_point(s, i);
    if (cp == 0xFFFD && !(i - b == 3 && static_cast<unsigned char>(s[b]) == 0xEF)) {
      for (std::size_t k = b; k < i; ++k) out += fmt::format("\\x{:02X}", static_cast<unsigned char>(s[k]));
      continue;
    }
    if ((cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) out += fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    else out.append(s.substr(b, i - b));
  }
  return out;
}

bool is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (auto v = vowel(c)) return v->upper;
  if (c == U'Đ') return true;
  if (c == U'đ') return false;
  return u_isupper(static_cast<UChar32>(c));
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  if (vowel(c) || c == U'đ' || c == U'Đ') return true;
  return u_isalpha(static_cast<UChar32>(c));
}

char32_t to_lower(char32_t c) { return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))); }
char32_t to_upper(char32_t c) { return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c))); }

std::string title_case(std::string_view s) {
  std::u32string u = to_u32(s);
  bool start = true;
  for (char32_t& c : u) {
    if (is_letter(c)) {
      c = start ? to_upper(c) : to_lower(c);
      start = false;
    } else {
      start = true;
    }
  }
  return to_utf8(u);
}

namespace {

// Moves the tone of an open oa/oe/uy syllable to its first vowel ("hoà" → "hòa"); true when
// it did.
bool normalize_word(std::u32string& w, std::size_t begin, std::size_t end) {
  std::size_t n = end - begin;
  if (n < 2 || n > 7) return false;
  // Find the vowel run; 'u' after 'q' and 'i' after 'g' belong to the initial consonant.
  std::size_t i = begin;
  while (i < end && !vowel(w[i])) ++i;
  if (i >= end) return false;
  if (i > begin) {
    char prev = fold_char(w[i - 1]);
    char cur = fold_char(w[i]);
    if ((prev == 'q' && cur == 'u') || (prev == 'g' && cur == 'i' && i + 1 < end && vowel(w[i + 1])))
      ++i;
  }
  std::size_t j = i;
  while (j < end && vowel(w[j])) ++j;
  if (j != end || j - i != 2) return false; // exactly two vowels and no final consonant
  auto a = *vowel(w[i]);
  auto b = *vowel(w[i + 1]);
  bool pair = (a.base == 6 && (b.base == 0 || b.base == 3)) || (a.base == 9 && b.base == 11);
  if (!pair || a.tone != 0 || b.tone == 0) return false;
  w[i] = make_vowel(a.base, b.tone, a.upper);
  w[i + 1] = make_vowel(b.base, 0, b.upper);
  return true;
}

} // namespace

std::string normalize_tones(std::string_view s) {
  // Read in place, word by word: only a word that ends in a marked vowel can move its tone,
  // so only those are decoded; the text is copied once, at the first word that changes.
  std::string out;
  std::size_t copied = 0; // s[0, copied) is in out
  std::u32string u;
  std::size_t i = 0;
  for (Word w; next_word(s, i, w);) {
    bool last_marked = static_cast<unsigned char>(s[w.e - 1]) >= 0x80;
    if (!last_marked || w.letters < 2 || w.letters > 7) continue;
    u = to_u32(s.substr(w.b, w.e - w.b));
    if (!normalize_word(u, 0, u.size())) continue;
    if (out.empty()) out.reserve(s.size() + 8);
    out.append(s.substr(copied, w.b - copied));
    out += to_utf8(u);
    copied = w.e;
  }
  if (copied == 0) return std::string(s);
  out.append(s.substr(copied));
  return out;
}

std::string human_number(double v) {
  std::string s = fmt::format("{:.3f}", v);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  for (char& c : s)
    if (c == '.') c = ',';
  return s;
}

} // namespace parindex::text
