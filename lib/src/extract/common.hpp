// Internal to the extract stage: paragraphs with folded twins, and small readers of numbers,
// dates and agencies shared by the record extractors.
#pragma once

#include <parindex/records.hpp>
#include <parindex/text.hpp>

#include "re.hpp"

#include <array>
#include <atomic>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace parindex::extract {

// A paragraph: a hard-wrapped run of lines joined with spaces, or one table row.
// `f` is text::fold(u): one ASCII character per code point, so a match at [pos, pos+len) in
// `f` is the same span of `u`. Patterns are written against `f` (lower case, no marks).
struct Para {
  std::u32string u;
  std::string f;
  Where where;
  bool table = false;
  std::vector<std::u32string> cells; // table rows only
  bool blank_before = true;
  // Where each joined line starts in `u` (the first is at 0, on where.line), so a record can
  // point at the line its figure is on rather than at the paragraph's first line.
  std::vector<std::pair<std::size_t, int>> lines;
};

// The stop flag of the extract() running on this thread (null outside one). Loops that can
// run long inside one paragraph (a 15 MB paragraph is one) call check_stop() now and then,
// which throws InterruptedError once the flag is set.
void check_stop();
class StopScope {
public:
  explicit StopScope(const std::atomic<bool>* stop);
  ~StopScope();
  StopScope(const StopScope&) = delete;
  StopScope& operator=(const StopScope&) = delete;

private:
  const std::atomic<bool>* m_previous;
};

// Byte searches for the hot paths. std::string::find_first_of with a set calls memchr once
// per byte of the text; these look at each byte once.
inline bool has_digit(std::string_view s) {
  for (char c : s)
    if (c >= '0' && c <= '9') return true;
  return false;
}
inline std::size_t find_any(std::string_view s, std::string_view set, std::size_t from = 0) {
  for (std::size_t i = from; i < s.size(); ++i)
    for (char c : set)
      if (s[i] == c) return i;
  return std::string_view::npos;
}
// `needle` anywhere in `s` (glibc's memmem: no first-byte memchr and compare per candidate).
inline bool contains(std::string_view s, std::string_view needle) {
  return ::memmem(s.data(), s.size(), needle.data(), needle.size()) != nullptr;
}

// The page and line of code point `pos` of the paragraph.
Where where_at(const Para& p, std::size_t pos);

extern const std::array<std::string_view, 63> k_provinces;

std::vector<Para> make_paragraphs(const std::vector<PageText>& pages);
Para make_para(std::u32string u, Where where);

std::string slice(const Para& p, std::size_t pos, std::size_t len);
std::string trim(std::string s);
// The text with its first letter in capitals ("chính quyền số" → "Chính quyền số").
std::string cap_first(std::string s);
std::u32string trim32(std::u32string s);
// Strips list markers ("-", "+", "•", "a)", "1.", "II.") and trailing spaces.
std::string strip_bullet(const std::string& s);

// "1,5" → 1.5, "14.5" → 14.5, "00" → 0, "91,44" → 91.44. nullopt past 1e9 or when malformed.
std::optional<double> parse_decimal(std::string_view folded);
// "22/3/2024" → "2024-03-22"; validates the calendar.
std::optional<std::string> parse_date(int d, int m, int y);
std::optional<std::string> parse_date_text(std::string_view folded); // first date in text

// True when the paragraph is a short heading: "1. Công tác …", "II. NỘI DUNG …", "2.1. …".
bool is_heading(const Para& p);
int count_words(const std::string& s);

// Splits "Phòng A, Phòng B; UBND các xã, thị trấn" into agencies: commas and "và" split only
// where the next words start an agency ("Phòng", "UBND", "Văn phòng", "các cơ quan"…).
std::vector<std::string> split_agencies(const std::string& s);
// Reads an agency list at the start of `u` (after "phối hợp với"); returns the agencies and
// how many code points they took.
std::vector<std::string> read_agencies(const std::u32string& u, std::size_t& consumed);

std::optional<std::string> canonical_indicator(const std::string& folded);

} // namespace parindex::extract
