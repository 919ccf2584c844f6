#include "common.hpp"

#include <parindex/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace parindex::extract {

namespace {
thread_local const std::atomic<bool>* t_stop = nullptr;
}

void check_stop() {
  if (t_stop && t_stop->load(std::memory_order_relaxed)) throw InterruptedError("interrupted");
}

StopScope::StopScope(const std::atomic<bool>* stop) : m_previous(t_stop) { t_stop = stop; }
StopScope::~StopScope() { t_stop = m_previous; }

namespace {

bool all_upper_line(const std::u32string& u) {
  int letters = 0;
  for (char32_t c : u) {
    if (!text::is_letter(c)) continue;
    if (!text::is_upper(c)) return false;
    ++letters;
  }
  return letters >= 3;
}

bool starts_item(const std::string& f) {
  // "12 năm 2021 của …" continues a date wrapped at "ngày 24 tháng": a bare number followed
  // by "năm", "tháng" or "ngày" does not start an item.
  static const re::Regex re(R"(^\s*([-+*?]|[a-z]\)|\d+(\.\d+)*\.\s|\d+\s+(?!nam\b|thang\b|ngay\b)|[ivx]+\.\s|\(\d+\)))");
  return re::search(f, re);
}

std::u32string strip_markup(std::u32string_view in) {
  std::u32string out;
  out.reserve(in.size());
  for (char32_t c : in)
    if (c != U'*' && c != U'\r') out.push_back(c);
  return out;
}

} // namespace

Para make_para(std::u32string u, Where where) {
  Para p;
  p.u = std::move(u);
  p.f.reserve(p.u.size());
  for (char32_t c : p.u) p.f.push_back(text::fold_char(c));
  p.where = where;
  p.lines.emplace_back(0, where.line);
  return p;
}

Where where_at(const Para& p, std::size_t pos) {
  Where w = p.where;
  for (const auto& [start, line] : p.lines)
    if (start <= pos) w.line = line;
  return w;
}

namespace {

// A page number standing alone ("2", "- 2 -", "Trang 2"): page furniture, not text.
bool page_number_line(const std::u32string& line) {
  std::string f;
  for (char32_t c : line) f.push_back(text::fold_char(c));
  static const re::Regex re(R"(^\s*(trang\s+)?[-–—]?\s*\d{1,3}\s*[-–—]?\s*(/\s*\d{1,3})?\s*$)");
  return re::search(f, re);
}

} // namespace

std::vector<Para> make_paragraphs(const std::vector<PageText>& pages) {
  std::vector<Para> out;
  // A paragraph may run on from one page to the next (scans and PDFs break pages wherever the
  // text reaches the bottom), so `open` carries over; the blank margins and a page number at
  // the top or bottom of a page are skipped so that they neither end the paragraph nor join it.
  bool open = false; // can the next line continue out.back()?
  bool blank = true;
  for (const auto& page : pages) {
    std::u32string all = text::to_u32(page.text);
    std::vector<std::pair<std::size_t, std::size_t>> spans; // [start, end) of each line
    for (std::size_t s = 0;;) {
      std::size_t e = all.find(U'\n', s);
      spans.emplace_back(s, e == std::u32string::npos ? all.size() : e);
      if (e == std::u32string::npos) break;
      s = e + 1;
    }
    auto blank_span = [&](std::size_t i) {
      return trim32(all.substr(spans[i].first, spans[i].second - spans[i].first)).empty();
    };
    auto number_span = [&](std::size_t i) {
      return page_number_line(all.substr(spans[i].first, spans[i].second - spans[i].first));
    };
    // The text of the page is [first, last): blank margins and a page number at either end
    // are not part of it.
    std::size_t first = 0, last = spans.size();
    while (first < last && blank_span(first)) ++first;
    if (first < last && number_span(first))
      for (++first; first < last && blank_span(first);) ++first;
    while (last > first && blank_span(last - 1)) --last;
    if (last > first && number_span(last - 1))
      for (--last; last > first && blank_span(last - 1);) --last;
    auto furniture = [&](std::size_t i) { return i < first || i >= last; };
    std::size_t start = 0;
    int line_no = 0;
    while (start <= all.size()) {
      std::size_t end = all.find(U'\n', start);
      if (end == std::u32string::npos) end = all.size();
      ++line_no;
      if (furniture(static_cast<std::size_t>(line_no - 1))) {
        start = end + 1;
        if (end == all.size()) break;
        continue;
      }
      std::u32string line = strip_markup(std::u32string_view(all).substr(start, end - start));
      start = end + 1;
      Where where{page.page, line_no};
      if (line.find(U'\t') != std::u32string::npos) {
        Para p = make_para(line, where);
        p.table = true;
        p.blank_before = blank;
        std::size_t s = 0;
        while (true) {
          std::size_t t = line.find(U'\t', s);
          p.cells.push_back(trim32(line.substr(s, t == std::u32string::npos ? t : t - s)));
          if (t == std::u32string::npos) break;
          s = t + 1;
        }
        out.push_back(std::move(p));
        open = false;
        blank = false;
        if (end == all.size()) break;
        continue;
      }
      // Web copies of official documents put the header's cells on one line, "|" between
      // them ("Số: 617/KH-UBND | Phú Thọ, ngày 13 tháng 02 năm 2025 | KẾ HOẠCH"): each cell
      // is a paragraph of its own, on the same line.
      if (line.find(U" | ") != std::u32string::npos || (!line.empty() && (line.front() == U'|' || line.back() == U'|'))) {
        std::size_t s0 = 0;
        while (s0 <= line.size()) {
          std::size_t bar = line.find(U'|', s0);
          std::u32string cell = trim32(line.substr(s0, bar == std::u32string::npos ? bar : bar - s0));
          if (!cell.empty()) {
            Para p = make_para(cell, where);
            p.blank_before = true;
            out.push_back(std::move(p));
          }
          if (bar == std::u32string::npos) break;
          s0 = bar + 1;
        }
        open = false;
        blank = true;
        if (end == all.size()) break;
        continue;
      }
      std::u32string t = trim32(line);
      if (t.empty()) {
        open = false;
        blank = true;
        if (end == all.size()) break;
        continue;
      }
      std::string f;
      for (char32_t c : t) f.push_back(text::fold_char(c));
      bool upper = all_upper_line(t);
      if (open && !upper && !starts_item(f)) {
        Para& prev = out.back();
        prev.lines.emplace_back(prev.u.size() + 1, line_no);
        prev.u += U' ';
        prev.u += t;
        prev.f += ' ';
        prev.f += f;
      } else {
        Para p = make_para(t, where);
        p.blank_before = blank;
        out.push_back(std::move(p));
      }
      char32_t last = t.back();
      // A hard-wrapped line ends mid-sentence; headings in capitals stand alone.
      open = !upper && last != U'.' && last != U':' && last != U';' && last != U'!' &&
             last != U'?';
      blank = false;
      if (end == all.size()) break;
    }
  }
  return out;
}

// The 63 provinces and centrally-run cities (before the 2025 mergers).
const std::array<std::string_view, 63> k_provinces = {
  "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
  "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
  "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam",
  "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang",
  "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An",
  "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi",
  "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên",
  "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
  "Vĩnh Phúc", "Yên Bái", "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"};

std::string slice(const Para& p, std::size_t pos, std::size_t len) {
  if (pos >= p.u.size()) return {};
  return text::to_utf8(p.u.substr(pos, len));
}

std::string cap_first(std::string s) {
  std::u32string u = text::to_u32(s);
  if (!u.empty()) u[0] = text::to_upper(u[0]);
  return text::to_utf8(u);
}

std::string trim(std::string s) {
  auto is_space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n'; };
  while (!s.empty() && is_space(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  // Non-breaking spaces (U+00A0) are spaces too.
  while (s.compare(i, 2, "\xC2\xA0") == 0) i += 2;
  return s.substr(i);
}

std::u32string trim32(std::u32string s) {
  auto is_space = [](char32_t c) { return c == U' ' || c == U'\t' || c == U'\u00A0' || c == U'\r'; };
  while (!s.empty() && is_space(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  return s.substr(i);
}

std::string strip_bullet(const std::string& s) {
  static const re::Regex re(R"(^\s*(([-+?]|[a-z]\)|\d+(\.\d+)*\.|[ivx]+\.)\s*)+)");
  auto folded_at = [&](std::size_t& i) {
    unsigned char c = s[i];
    std::size_t b = i;
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    i = std::min(s.size(), i + len);
    std::u32string u = text::to_u32(std::string_view(s).substr(b, i - b));
    return u.size() == 1 ? text::fold_char(u[0]) : '?';
  };
  // Most paragraphs open with a word ("Đẩy mạnh …"), which no bullet does: a bullet word is
  // "a)" or a roman number ("iv.").
  {
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
    if (i < s.size()) {
      char c0 = folded_at(i);
      char c1 = i < s.size() ? folded_at(i) : '\0';
      if (c0 >= 'a' && c0 <= 'z' && c0 != 'i' && c0 != 'v' && c0 != 'x' && c1 != ')') return trim(s);
    }
  }
  // A bullet is a short prefix: only the first code points are folded (this runs on every
  // paragraph, and folding whole paragraphs showed in profiles). A prefix that is all bullet
  // is read again whole.
  for (std::size_t limit = 64;; limit = std::string::npos) {
    std::string f;
    std::vector<std::size_t> at; // byte offset of each folded code point
    std::size_t i = 0;
    while (i < s.size() && f.size() < limit) {
      at.push_back(i);
      f.push_back(folded_at(i));
    }
    re::Match m;
    std::size_t cut = 0;
    if (re::search(f, m, re)) cut = static_cast<std::size_t>(m.length(0));
    if (cut == f.size() && i < s.size() && limit != std::string::npos) continue;
    std::size_t byte = cut < at.size() ? at[cut] : s.size();
    return trim(s.substr(byte));
  }
}

std::optional<double> parse_decimal(std::string_view f) {
  std::string s;
  int seps = 0;
  for (char c : f) {
    if (c >= '0' && c <= '9') s.push_back(c);
    else if (c == ',' || c == '.') { s.push_back('.'); ++seps; }
    else return std::nullopt;
  }
  if (s.empty() || seps > 1 || s.size() > 12 || s.front() == '.' || s.back() == '.')
    return std::nullopt;
  double v = std::strtod(s.c_str(), nullptr);
  if (!std::isfinite(v) || v > 1e9) return std::nullopt;
  return v;
}

std::optional<std::string> parse_date(int d, int m, int y) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1945 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return std::nullopt;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return std::nullopt;
  char buf[32]; // the ranges above keep it to 10 characters; room for what the compiler cannot see
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

std::optional<std::string> parse_date_text(std::string_view f) {
  static const re::Regex re(
    R"((\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))");
  re::Match m;
  if (!re::search_from(f, 0, m, re)) return std::nullopt;
  int base = m[1].matched ? 1 : 4;
  return parse_date(std::atoi(m[base].str().c_str()), std::atoi(m[base + 1].str().c_str()),
                    std::atoi(m[base + 2].str().c_str()));
}

bool is_heading(const Para& p) {
  if (p.table) return false;
  static const re::Regex re(R"(^\s*(\d+(\.\d+)*\.?|[ivx]+\.)\s+\S)");
  return re::search(p.f, re) && p.u.size() < 160;
}

int count_words(const std::string& s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

namespace {

// Folded words that start an agency's name.
const std::vector<std::string>& agency_heads() {
  static const std::vector<std::string> heads = {
    "phong ", "van phong ", "ubnd ", "uy ban ", "so ", "ban ", "trung tam ", "cong an ",
    "dang uy ", "huyen uy ", "chi cuc ", "doan ", "to ", "bo phan ", "cac co quan",
    "cac phong", "cac don vi", "cac xa", "co quan ", "kho bac ", "bao hiem ", "thanh tra ",
    "mat tran ", "lien doan ", "dai ", "ngan hang ", "truong ", "benh vien ", "cuc ",
    "toa an ", "vien ", "hoi ", "chi nhanh ", "ban quan ly ", "doi ", "thi tran ", "xa ",
    "phuong ", "buu dien ", "cac "};
  return heads;
}

bool starts_agency(const std::u32string& u, std::size_t pos) {
  while (pos < u.size() && u[pos] == U' ') ++pos;
  if (pos >= u.size()) return false;
  std::string f;
  for (std::size_t i = pos; i < u.size() && i < pos + 16; ++i) f.push_back(text::fold_char(u[i]));
  for (const auto& h : agency_heads()) {
    if (f.compare(0, h.size(), h) != 0) continue;
    // Proper agency heads are capitalised ("Phòng", "Ban"); "các …" and "UBND" always count.
    if (h.rfind("cac", 0) == 0 || h == "ubnd " || h == "co quan ") return true;
    if (h == "thi tran " || h == "xa " || h == "phuong ") {
      // "thị trấn Cao Lộc" names a unit; "thị trấn" alone ends a list ("các xã, thị trấn").
      std::size_t k = pos + h.size();
      return k < u.size() && text::is_upper(u[k]);
    }
    return text::is_upper(u[pos]);
  }
  return false;
}

} // namespace

std::vector<std::string> split_agencies(const std::string& s) {
  std::u32string u = text::to_u32(s);
  std::vector<std::string> out;
  std::size_t start = 0;
  auto push = [&](std::size_t end) {
    std::string a = trim(text::to_utf8(u.substr(start, end - start)));
    while (!a.empty() && (a.back() == ',' || a.back() == ';' || a.back() == '.')) a.pop_back();
    a = trim(a);
    if (!a.empty()) out.push_back(a);
  };
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (u[i] == U';') { push(i); start = i + 1; continue; }
    if (u[i] == U',' && starts_agency(u, i + 1)) { push(i); start = i + 1; continue; }
    if (u[i] == U' ' && i + 4 < u.size() && u[i + 1] == U'v' && u[i + 2] == U'à' &&
        u[i + 3] == U' ' && starts_agency(u, i + 4) && i > start) {
      push(i);
      start = i + 4;
      i += 3;
    }
  }
  push(u.size());
  return out;
}

std::vector<std::string> read_agencies(const std::u32string& u, std::size_t& consumed) {
  // Agency names are runs of capitalised syllables, each maybe followed by one lower-case
  // syllable of the same word ("Văn hóa", "Đảng bộ"), joined by "và", "-", "&" or commas, plus
  // generic lower-case phrases ("các cơ quan, đơn vị liên quan", "UBND các xã, thị trấn").
  static const std::set<std::string> inner = {
    "cac", "co", "quan", "don", "vi", "lien", "phong", "ban", "chuyen", "mon", "xa", "thi",
    "tran", "phuong", "truc", "thuoc", "huyen", "tinh", "thanh", "pho", "nganh", "doan", "the",
    "dia", "cap", "nhan", "dan", "bo"};
  std::size_t i = 0, last_good = 0;
  bool prev_cap = false;
  int words = 0;
  auto word_at = [&](std::size_t k, std::size_t& end) {
    end = k;
    while (end < u.size() && text::is_letter(u[end])) ++end;
    std::string w;
    for (std::size_t q = k; q < end; ++q) w.push_back(text::fold_char(u[q]));
    return w;
  };
  auto acceptable = [&](std::size_t k) {
    while (k < u.size() && u[k] == U' ') ++k;
    if (k >= u.size()) return false;
    std::size_t e;
    std::string w = word_at(k, e);
    return !w.empty() && (text::is_upper(u[k]) || inner.count(w));
  };
  while (i < u.size()) {
    while (i < u.size() && u[i] == U' ') ++i;
    if (i >= u.size()) break;
    char32_t c = u[i];
    if (c == U',' || c == U';') {
      if (words == 0 || !acceptable(i + 1)) break;
      ++i;
      prev_cap = false;
      continue;
    }
    if (c == U'(') {
      std::size_t close = u.find(U')', i);
      if (words == 0 || close == std::u32string::npos || close - i > 60) break;
      i = close + 1;
      last_good = i;
      continue;
    }
    if (c == U'-' || c == U'–' || c == U'&') {
      if (words == 0 || !acceptable(i + 1)) break;
      ++i;
      continue;
    }
    std::size_t e;
    std::string w = word_at(i, e);
    if (w.empty()) {
      // Digits in names ("Tổ 175") are kept; other symbols end the list.
      if (c >= U'0' && c <= U'9' && words > 0) {
        while (i < u.size() && u[i] >= U'0' && u[i] <= U'9') ++i;
        last_good = i;
        continue;
      }
      break;
    }
    bool cap = text::is_upper(u[i]);
    if (w == "va" && words > 0) {
      if (!acceptable(e)) break;
      i = e;
      prev_cap = false;
      continue;
    }
    if (cap) prev_cap = true;
    else if (prev_cap && words > 0) prev_cap = false; // second syllable of a capitalised word
    else if (!inner.count(w)) break;
    ++words;
    i = e;
    last_good = e;
  }
  consumed = last_good;
  return split_agencies(text::to_utf8(u.substr(0, last_good)));
}

std::optional<std::string> canonical_indicator(const std::string& f) {
  if (contains(f, "hai long") || contains(f, "sipas"))
    return std::string("Chỉ số hài lòng");
  if (contains(f, "chi so cchc") ||
      contains(f, "chi so cai cach hanh chinh") ||
      contains(f, "par index") || contains(f, "pari"))
    return std::string("Chỉ số CCHC");
  return std::nullopt;
}

} // namespace parindex::extract
