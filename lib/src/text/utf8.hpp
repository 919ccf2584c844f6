// Internal to the text stage: reading UTF-8 one code point at a time, in place.
#pragma once

#include <parindex/text.hpp>

#include <cstddef>
#include <string_view>

namespace parindex::text {

// One UTF-8 sequence at s[i]: its code point (U+FFFD for a bad one); i moves past it.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
  unsigned char c = s[i];
  if (c < 0x80) { ++i; return c; }
  std::size_t n = s.size();
  std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > n) { ++i; return 0xFFFD; }
  char32_t cp = c & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

// A run of letters (text::is_letter): bytes [b, e) and how many code points it has.
struct Word {
  std::size_t b = 0, e = 0, letters = 0;
  // Some letter carries a mark (is not ASCII); the last one does when s[e - 1] is not ASCII.
  bool marked(std::string_view s) const {
    for (std::size_t k = b; k < e; ++k)
      if (static_cast<unsigned char>(s[k]) >= 0x80) return true;
    return false;
  }
};

// The next word of s at or after i, read in place; i moves past it. False when none is left.
inline bool next_word(std::string_view s, std::size_t& i, Word& w) {
  while (i < s.size()) {
    std::size_t b = i;
    if (!is_letter(next_code_point(s, i))) continue;
    w = {b, i, 1};
    while (w.e < s.size()) {
      std::size_t k = w.e;
      if (!is_letter(next_code_point(s, k))) break;
      w.e = k;
      ++w.letters;
    }
    i = w.e;
    return true;
  }
  return false;
}

} // namespace parindex::text
