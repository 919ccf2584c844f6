// Internal to the text stage: reading UTF-8 one code point at a time, in place.
#pragma once

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

} // namespace parindex::text
