#include <parindex/text.hpp>

#include <string>

namespace parindex::text {

namespace {

bool is_noise(char32_t c) { return c == U'_' || c == U'~' || c == U'|' || c == U'¬' || c == U'‘' || c == U'`'; }
bool is_dash(char32_t c) { return c == U'-' || c == U'–' || c == U'—'; }
bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u00A0'; }

// True when every letter from `from` on is a capital (and there are at least four).
bool capitals_after(const std::u32string& line, std::size_t from) {
  int letters = 0;
  for (std::size_t i = from; i < line.size(); ++i) {
    if (!is_letter(line[i])) continue;
    if (!is_upper(line[i])) return false;
    ++letters;
  }
  return letters >= 4;
}

std::u32string clean_line(std::u32string line) {
  // 1. Line-start noise: "__ III.", "-_ Thời gian", "~ - Giao".
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  std::size_t start = i;
  bool dash = false, noise = false;
  while (i < line.size() && (is_noise(line[i]) || is_dash(line[i]) || is_space(line[i]))) {
    if (is_dash(line[i])) dash = true;
    else if (is_noise(line[i])) noise = true;
    ++i;
  }
  if (noise && i < line.size() && i > start) line = (dash ? U"- " : U"") + line.substr(i);

  // 2. A Roman numeral misread before a heading in capitals: "HI," "Il." "1V." → I, V, X only.
  std::size_t end = 0;
  while (end < line.size() && !is_space(line[end]) && line[end] != U'.' && line[end] != U',') ++end;
  if (end > 0 && end <= 4 && end + 1 < line.size() && (line[end] == U'.' || line[end] == U',') &&
      is_space(line[end + 1])) {
    std::u32string roman;
    bool ok = true, changed = line[end] == U',';
    for (std::size_t k = 0; k < end && ok; ++k) {
      char32_t c = line[k];
      if (c == U'I' || c == U'V' || c == U'X') roman.push_back(c);
      else if (c == U'H') { roman += U"II"; changed = true; }
      else if (c == U'l' || c == U'1' || c == U'|') { roman.push_back(U'I'); changed = true; }
      else ok = false;
    }
    if (ok && changed && roman.size() <= 4 && capitals_after(line, end + 1))
      line = roman + U"." + line.substr(end + 1);
  }

  // 3. and 4. inside the line.
  std::u32string out;
  out.reserve(line.size());
  for (std::size_t k = 0; k < line.size(); ++k) {
    char32_t c = line[k];
    bool word_start = k == 0 || is_space(line[k - 1]);
    if (word_start && (c == U'.' || c == U',' || c == U'\'' || c == U'`') && k + 2 < line.size() &&
        is_upper(line[k + 1]) && is_letter(line[k + 2]) && k > 0)
      continue; // "cho .UBND"
    if (c == U'-' && k >= 2 && k + 1 < line.size() && is_upper(line[k - 1]) && is_upper(line[k - 2]) &&
        is_letter(line[k + 1]) && !is_upper(line[k + 1])) {
      out.push_back(U' '); // "UBND-các"
      continue;
    }
    out.push_back(c);
  }
  return out;
}

} // namespace

std::string clean_ocr(std::string_view utf8) {
  std::u32string all = to_u32(utf8), out;
  out.reserve(all.size());
  std::size_t s = 0;
  while (s <= all.size()) {
    std::size_t nl = all.find(U'\n', s);
    std::size_t e = nl == std::u32string::npos ? all.size() : nl;
    out += clean_line(all.substr(s, e - s));
    if (nl == std::u32string::npos) break;
    out.push_back(U'\n');
    s = nl + 1;
  }
  return to_utf8(out);
}

} // namespace parindex::text
