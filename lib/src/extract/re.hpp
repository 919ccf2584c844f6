// Internal to the extract stage: a small regular-expression API over PCRE2 (JIT), shaped like
// the part of <regex> the rules use. Why not std::regex: libstdc++'s engine recurses once per
// character (a header with 50 KB of spaces after "Số:" overflowed the stack) and took 65 % of
// text-ingest CPU. PCRE2's JIT keeps its own bounded stack and a match limit, so a match that
// would run away fails as "no match" instead of crashing or hanging.
//
// Patterns are written against folded text (ASCII, lower case), so PCRE2 runs in byte mode.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace parindex::extract::re {

class Regex {
public:
  explicit Regex(std::string_view pattern); // throws std::logic_error on a bad pattern
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;
  void* code() const { return m_code; }

private:
  void* m_code = nullptr; // pcre2_code_8*
};

class Match {
public:
  static constexpr std::size_t k_groups = 16;
  struct Sub {
    std::string_view text;
    bool matched = false;
    std::string str() const { return std::string(text); }
    operator std::string() const { return str(); } // NOLINT: mirrors std::ssub_match
    bool operator==(std::string_view s) const { return matched && text == s; }
  };
  std::size_t position(std::size_t i) const { return m_sub[i].matched ? m_pos[i] : 0; }
  std::size_t length(std::size_t i) const { return m_sub[i].text.size(); }
  const Sub& operator[](std::size_t i) const { return m_sub[i]; }

private:
  friend bool search_from(std::string_view, std::size_t, Match&, const Regex&);
  std::array<Sub, k_groups> m_sub{};
  std::array<std::size_t, k_groups> m_pos{};
};

// The first match at or after `start`; positions are offsets in `subject`.
bool search_from(std::string_view subject, std::size_t start, Match& m, const Regex& re);
inline bool search(const std::string& subject, Match& m, const Regex& re) {
  return search_from(subject, 0, m, re);
}
bool search(const std::string&&, Match&, const Regex&) = delete; // the match would dangle
inline bool search(std::string_view subject, const Regex& re) {
  Match m;
  return search_from(subject, 0, m, re);
}

// Every non-overlapping match, left to right (an empty match advances by one byte).
class Iter {
public:
  Iter() = default; // the end
  Iter(const std::string& subject, const Regex& re) : m_subject(subject), m_re(&re) { next(0); }
  Iter(const std::string&&, const Regex&) = delete;
  const Match& operator*() const { return m_match; }
  const Match* operator->() const { return &m_match; }
  Iter& operator++() {
    std::size_t end = m_match.position(0) + m_match.length(0);
    next(m_match.length(0) == 0 ? end + 1 : end);
    return *this;
  }
  bool operator!=(const Iter& other) const { return m_done != other.m_done; }
  bool operator==(const Iter& other) const { return m_done == other.m_done; }

private:
  void next(std::size_t from) {
    m_done = m_re == nullptr || from > m_subject.size() || !search_from(m_subject, from, m_match, *m_re);
  }
  std::string_view m_subject;
  const Regex* m_re = nullptr;
  Match m_match;
  bool m_done = true;
};

} // namespace parindex::extract::re
