#include <parindex/text.hpp>

#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace parindex::text {

namespace {

bool digit(char32_t c) { return c >= U'0' && c <= U'9'; }

} // namespace

std::vector<Token> tokenize(std::string_view utf8) {
  std::u32string u = to_u32(utf8);
  std::vector<Token> out;
  std::size_t line = 1, col = 1, i = 0;
  auto push = [&](TokenKind k, std::size_t b, std::size_t e) {
    out.push_back({k, to_utf8(std::u32string_view(u).substr(b, e - b)), line, col});
  };
  while (i < u.size()) {
    char32_t c = u[i];
    if (c == U'\n') { ++line; col = 1; ++i; continue; }
    if (c == U' ' || c == U'\t' || c == U'\r' || c == U'\f' || c == U'\u00A0') { ++col; ++i; continue; }
    std::size_t b = i;
    TokenKind kind;
    if (digit(c)) {
      // A run of digits with inner . , / - and letters: classify by shape.
      std::size_t j = i;
      while (j < u.size() && (digit(u[j]) || is_letter(u[j]) ||
                              ((u[j] == U'.' || u[j] == U',' || u[j] == U'/' || u[j] == U'-') &&
                               j + 1 < u.size() && (digit(u[j + 1]) || is_letter(u[j + 1])))))
        ++j;
      if (j < u.size() && u[j] == U'%') ++j;
      std::string f;
      for (std::size_t k = i; k < j; ++k) f.push_back(fold_char(u[k]));
      bool letters = false, slash = false;
      int dots = 0, slashes = 0;
      for (char ch : f) {
        if (std::isalpha(static_cast<unsigned char>(ch))) letters = true;
        if (ch == '/') { slash = true; ++slashes; }
        if (ch == '.') ++dots;
      }
      if (letters && (slash || f.find('-') != std::string::npos)) kind = TokenKind::doc_number;
      else if (slash && !letters && slashes <= 2 && f.find(',') == std::string::npos &&
               f.find('.') == std::string::npos) {
        // "22/3/2024", "02/2024", "01/7" are dates; "1,5/2" is a fraction (a number).
        kind = TokenKind::date;
      } else if (!letters && !slash && dots >= 1 && dots <= 3 && f.find(',') == std::string::npos &&
                 f.back() != '%') {
        // "1.4.2" is a code; "2.429" (a dot and three digits) reads as a number.
        std::size_t last = f.rfind('.');
        bool thousands = dots == 1 && f.size() - last - 1 == 3 && last > 0 && f.size() > 4;
        kind = (dots >= 2 || !thousands) && f.size() - last - 1 <= 2 ? TokenKind::code : TokenKind::number;
        if (dots == 1 && !thousands) kind = TokenKind::code;
      } else {
        kind = letters ? TokenKind::syllable : TokenKind::number;
      }
      i = j;
    } else if (is_letter(c)) {
      std::size_t j = i;
      while (j < u.size() && is_letter(u[j])) ++j;
      kind = TokenKind::syllable;
      // "KH-UBND" style words stay whole only as parts of document numbers; here split.
      i = j;
    } else {
      kind = TokenKind::punct;
      ++i;
    }
    push(kind, b, i);
    col += i - b;
  }
  return out;
}

double unmarked_share(std::string_view utf8) {
  // Read in place: the whole text as UTF-32 first was most of this function's cost.
  int words = 0, plain = 0;
  std::size_t i = 0;
  for (Word w; next_word(utf8, i, w);) {
    if (w.letters < 2) continue;
    ++words;
    if (!w.marked(utf8)) ++plain;
  }
  return words ? static_cast<double>(plain) / words : 0.0;
}

bool is_english(std::string_view utf8) {
  // "the", "to", "in", "an" are also unmarked Vietnamese syllables (thể, tổ, in, an): left out.
  static const std::array<std::string_view, 16> k_function = {
    "of", "and", "with", "for", "was", "were", "has", "have", "its", "which", "from", "this",
    "that", "by", "is", "are"};
  int words = 0, hits = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (!std::isalpha(c) && c < 0x80) { ++i; continue; }
    std::size_t j = i;
    bool ascii = true;
    while (j < utf8.size() && (std::isalpha(static_cast<unsigned char>(utf8[j])) ||
                               static_cast<unsigned char>(utf8[j]) >= 0x80)) {
      if (static_cast<unsigned char>(utf8[j]) >= 0x80) ascii = false;
      ++j;
    }
    ++words;
    if (ascii && j - i <= 5) {
      std::string w(utf8.substr(i, j - i));
      for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (std::find(k_function.begin(), k_function.end(), w) != k_function.end()) ++hits;
    }
    i = j;
  }
  return words >= 8 && hits * 100 >= words * 6;
}

} // namespace parindex::text
