// From the text of a document to records. Patterns are matched against the folded twin of
// each paragraph (lower case, no marks: robust to case and to OCR's slips on marks) and the
// values are cut from the original text at the same positions.
#include <parindex/error.hpp>
#include <parindex/extract.hpp>

#include "common.hpp"
#include "duties.hpp"
#include "mentions.hpp"
#include "names.hpp"
#include "results.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace parindex::extract {

namespace {

using Match = re::Match;

std::string strip_trailing(std::string s, std::string_view chars = " .,;:-") {
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.pop_back();
  return trim(s);
}

bool is_upper_para(const Para& p) {
  int letters = 0;
  for (char32_t c : p.u) {
    if (!text::is_letter(c)) continue;
    if (!text::is_upper(c)) return false;
    ++letters;
  }
  return letters >= 3;
}

int to_int(const std::string& s) { return std::atoi(s.c_str()); }

// ---------------------------------------------------------------------------------------
// Metadata

struct Meta {
  std::optional<int> year; // of issue
  std::optional<std::size_t> kind_para;
};

std::optional<std::string> province_at(const std::string& f, std::size_t pos) {
  for (auto name : k_provinces) {
    std::string n = text::fold(name);
    if (f.compare(pos, n.size(), n) != 0) continue;
    std::size_t end = pos + n.size();
    if (end < f.size() && std::isalpha(static_cast<unsigned char>(f[end]))) continue;
    return std::string(name);
  }
  return std::nullopt;
}

std::string level_of(const std::string& word) {
  if (word == "tinh") return "tỉnh";
  if (word == "xa" || word == "phuong" || word == "thi tran") return "xã";
  return "huyện";
}

// The capitalised words just before position `pos` ("… 104/KH-UBND Lấp Vò, ngày" → "Lấp Vò").
std::string words_before(const Para& p, std::size_t pos) {
  std::size_t end = pos;
  std::size_t start = pos;
  int words = 0;
  while (words < 4) {
    std::size_t i = start;
    while (i > 0 && p.u[i - 1] == U' ') --i;
    std::size_t j = i;
    while (j > 0 && text::is_letter(p.u[j - 1])) --j;
    if (j == i || !text::is_upper(p.u[j])) break;
    // An acronym ("QĐUBND", "BNV") ends the place name: "… 46/2019/QĐUBND Cao Bằng, ngày".
    bool acronym = i - j >= 2 && std::all_of(p.u.begin() + static_cast<std::ptrdiff_t>(j),
                                             p.u.begin() + static_cast<std::ptrdiff_t>(i),
                                             [](char32_t c) { return text::is_upper(c); });
    if (acronym) break;
    start = j;
    ++words;
  }
  return trim(text::to_utf8(p.u.substr(start, end - start)));
}

// The kind of document a header's title word says.
const std::map<std::string, std::string>& header_kinds() {
  static const std::map<std::string, std::string> kinds = {
    {"ke hoach", "plan"}, {"chuong trinh", "plan"}, {"bao cao", "report"},
    {"quyet dinh", "decision"}, {"cong van", "other"}, {"thong bao", "other"},
    {"to trinh", "other"}, {"huong dan", "other"}, {"thong tu", "other"}, {"nghi quyet", "other"},
    {"chi thi", "other"}};
  return kinds;
}

Meta read_metadata(const std::vector<Para>& ps, Document& d) {
  Meta meta;
  std::size_t head = std::min<std::size_t>(ps.size(), 48);
  // Legal-text sites put the document's card before it: "Số hiệu: | 2165/QĐ-UBND | Loại văn
  // bản: | Quyết định | Người ký: | … | Ngày ban hành: | 31/10/2017". The header that follows
  // is the authority; the card fills what the header does not say.
  std::optional<std::string> card_number, card_date, card_signer, card_kind;
  for (std::size_t i = 0; i + 1 < head; ++i) {
    // The label with or without its colon ("Người ký:", or "Người ký" as a table cell).
    std::string k = trim(ps[i].f);
    if (!k.empty() && k.back() != ':') k += ':';
    const Para& v = ps[i + 1];
    std::string value = trim(text::to_utf8(v.u));
    if (k == "so hieu:") card_number = value;
    else if (k == "ngay ban hanh:") card_date = parse_date_text(v.f);
    else if (k == "nguoi ky:" && count_words(value) >= 2 && count_words(value) <= 5) card_signer = value;
    else if (k == "loai van ban:") card_kind = text::fold(value);
    // The card on one line or as a table row: "Nơi ban hành: Tỉnh X Người ký: Lê Văn A",
    // "Người ký | Lê Ngọc Hoa |": the name runs to the next cell or label.
    if (!card_signer) {
      const Para& c = ps[i];
      std::size_t at = c.f.find("nguoi ky");
      std::size_t from = at == std::string::npos ? at : c.f.find_first_not_of(' ', at + 8);
      if (from != std::string::npos && (c.f[from] == ':' || c.f[from] == '|' || c.f[from] == '\t')) {
        from = c.f.find_first_not_of(" \t", from + 1);
        std::size_t to = from == std::string::npos ? from : find_any(c.f, "|\t", from);
        if (to == std::string::npos) to = c.f.size();
        for (std::string_view label : {" ngay ", " noi ", " loai ", " so hieu", " linh vuc"})
          if (auto l = c.f.find(label, from); l != std::string::npos && l < to) to = l;
        if (from != std::string::npos && to > from) {
          std::string name = trim(slice(c, from, to - from));
          auto u = text::to_u32(name);
          bool caps = !u.empty();
          for (std::size_t j = 0; j < u.size(); ++j)
            if ((j == 0 || u[j - 1] == U' ') && !text::is_upper(u[j])) caps = false;
          if (caps && count_words(name) >= 2 && count_words(name) <= 5) card_signer = name;
        }
      }
    }
  }
  // The header itself is read in the first 16 paragraphs, or after the card when there is one.
  if (!card_number && !card_date) head = std::min<std::size_t>(ps.size(), 16);
  // "Số: 01 /KH-UBND", "Số: 7 /2021/TT-BNV": the blank left for the number before the slash is
  // often kept; the number is read without it.
  static const re::Regex number_re(R"((^|\s)so\s*:\s*(\d+[a-z]?(?: ?/\d{4})? ?/[a-z0-9&]+(-[a-z0-9&]+)*))");
  static const re::Regex date_re(
    R"(,\s*ngay\s*(\d{1,2})?\s*thang\s*(\d{1,2})?\s*nam\s*(\d{4}))");
  static const re::Regex header_re(
    R"(^(tinh|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran)\s+([a-z][a-z -]*))");
  std::optional<std::string> place;
  for (std::size_t i = 0; i < head; ++i) {
    const Para& p = ps[i];
    if (p.table) continue;
    Match m;
    // "Số: 104/KH-UBND" of the header, not "… kèm theo Quyết định số: 273/QĐ-BNV" in a sentence.
    if (!d.number && re::search(p.f, m, number_re)) {
      std::string before = p.f.substr(0, m.position(0));
      bool cited = false;
      for (std::string_view k : {"quyet dinh", "ke hoach", "cong van", "van ban", "bao cao", "nghi dinh",
                                 "thong tu", "nghi quyet", "chi thi", "thong bao", "to trinh"})
        if (before.size() >= k.size() + 1 && before.find(k, before.size() > k.size() + 4 ? before.size() - k.size() - 4 : 0) != std::string::npos)
          cited = true;
      if (!cited) {
        d.number = slice(p, m.position(2), m.length(2));
        std::erase(*d.number, ' ');
      }
    }
    // A header laid out as a table: the label "Số:" in one cell, the number in the next.
    if (!d.number && trim(p.f) == "so:" && i + 1 < head && !ps[i + 1].table) {
      static const re::Regex alone_re(R"(^\s*(\d+[a-z]?(?: ?/\d{4})? ?/[a-z0-9&]+(-[a-z0-9&]+)*)(\s|$))");
      const Para& n = ps[i + 1];
      if (re::search(n.f, m, alone_re)) {
        d.number = slice(n, m.position(1), m.length(1));
        std::erase(*d.number, ' ');
      }
    }
    if (!meta.year && re::search(p.f, m, date_re)) {
      meta.year = to_int(m[3]);
      // A header written on one line: "… Số: 46/2019/QĐ-UBND Cao Bằng, ngày 28 tháng 10 năm 2019
      // QUYẾT ĐỊNH BAN HÀNH …": the kind is the capitals right after the date.
      if (!d.kind) {
        std::size_t at = m.position(0) + m.length(0);
        while (at < p.u.size() && p.u[at] == U' ') ++at;
        for (const auto& [word, kind] : header_kinds()) {
          std::size_t end = at + word.size();
          if (p.f.compare(at, word.size(), word) != 0) continue;
          if (end < p.u.size() && text::is_letter(p.u[end])) continue; // a longer word
          bool caps = true;
          for (std::size_t k = at; k < end; ++k)
            if (text::is_letter(p.u[k]) && !text::is_upper(p.u[k])) caps = false;
          if (caps) {
            d.kind = kind;
            break;
          }
        }
      }
      if (m[1].matched && m[2].matched)
        d.issued_on = parse_date(to_int(m[1]), to_int(m[2]), *meta.year);
      std::string pl = words_before(p, m.position(0));
      if (!pl.empty()) place = pl;
    }
    // "ỦY BAN NHÂN DÂN" / "HUYỆN LẤP VÒ" header (the second line may carry the motto too).
    if (!d.unit && i > 0 && contains(ps[i - 1].f, "uy ban nhan dan") && re::search(p.f, m, header_re) &&
        text::is_upper(p.u[0])) {
      std::size_t start = m.position(2), end = start;
      while (end < p.u.size() && (text::is_upper(p.u[end]) || p.u[end] == U' ' || p.u[end] == U'-')) {
        if (p.f.compare(end, 7, " doc la") == 0 || p.f.compare(end, 6, " cong ") == 0) break;
        ++end;
      }
      std::string name = strip_trailing(slice(p, start, end - start), " -");
      // The motto's first capital letter may have been swallowed: cut at double spaces.
      if (!name.empty()) {
        d.unit = text::title_case(name);
        d.unit_level = level_of(m[1]);
        d.issuer = "UBND " + text::to_utf8(std::u32string(1, U' ')).substr(1) +
                   text::title_case(slice(p, m.position(1), m.length(1))) + " " + *d.unit;
        std::string lvl = slice(p, m.position(1), m.length(1));
        std::u32string lu = text::to_u32(lvl);
        for (auto& c : lu) c = text::to_lower(c);
        d.issuer = "UBND " + text::to_utf8(lu) + " " + *d.unit;
      }
    }
    if (!d.kind && is_upper_para(p)) {
      std::string f = trim(p.f);
      const auto& kinds = header_kinds();
      auto it = kinds.find(f);
      if (it != kinds.end()) {
        d.kind = it->second;
        meta.kind_para = i;
        // The title is the next paragraph (hard-wrapped lines are already joined).
        for (std::size_t k = i + 1; k < ps.size() && k < i + 3; ++k) {
          if (ps[k].table || is_heading(ps[k])) break;
          d.title = trim(text::to_utf8(ps[k].u));
          break;
        }
      }
    }
  }
  if (!d.number && card_number) d.number = card_number;
  if (!d.issued_on && card_date) d.issued_on = card_date;
  if (!meta.year && d.issued_on) meta.year = std::atoi(d.issued_on->substr(0, 4).c_str());
  if (!d.signer && card_signer) d.signer = card_signer;
  if (!d.kind && card_kind) {
    if (*card_kind == "ke hoach") d.kind = "plan";
    else if (*card_kind == "quyet dinh") d.kind = "decision";
    else if (*card_kind == "bao cao") d.kind = "report";
  }
  if (!d.kind && d.number) {
    std::string f = text::fold(*d.number);
    if (contains(f, "/kh-")) d.kind = "plan";
    else if (contains(f, "/bc-")) d.kind = "report";
    else if (contains(f, "/qd-")) d.kind = "decision";
  }
  if (!d.unit && place) {
    std::string pf = text::fold(*place);
    static const re::Regex level_re(R"((tinh|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran)\s+$)");
    for (const Para& p : ps) {
      std::size_t pos = p.f.find(pf);
      while (pos != std::string::npos) {
        std::string before = p.f.substr(pos >= 12 ? pos - 12 : 0, pos >= 12 ? 12 : pos);
        Match m;
        if (re::search(before, m, level_re)) {
          d.unit = *place;
          d.unit_level = level_of(m[1]);
          std::string word = m[1];
          static const std::map<std::string, std::string> words = {
            {"tinh", "tỉnh"}, {"huyen", "huyện"}, {"thi xa", "thị xã"}, {"thanh pho", "thành phố"},
            {"quan", "quận"}, {"xa", "xã"}, {"phuong", "phường"}, {"thi tran", "thị trấn"}};
          d.issuer = "UBND " + words.at(word) + " " + *place;
          break;
        }
        pos = p.f.find(pf, pos + 1);
      }
      if (d.unit) break;
    }
    // A place named only in the date line ("Hà Nội, ngày …" of a ministry, a press dateline)
    // is where the document was signed, not the unit it is about: left unknown.
  }
  if (d.unit_level && *d.unit_level == "tỉnh" && d.unit) {
    d.province = d.unit;
  } else {
    for (const Para& p : ps) {
      std::size_t pos = p.f.find("tinh ");
      while (pos != std::string::npos && !d.province) {
        if (pos == 0 || !std::isalpha(static_cast<unsigned char>(p.f[pos - 1])))
          d.province = province_at(p.f, pos + 5);
        pos = p.f.find("tinh ", pos + 1);
      }
      if (d.province) break;
    }
  }
  // Signer: the name under the last signature title ("CHỦ TỊCH", "KT. CHỦ TỊCH" …) before
  // any appendix.
  std::size_t limit = ps.size();
  for (std::size_t i = 0; i < ps.size(); ++i)
    if (is_upper_para(ps[i]) && ps[i].f.rfind("phu luc", 0) == 0 && i > 5) { limit = i; break; }
  auto signature_title = [](const std::string& tf) {
    return contains(tf, "chu tich") || contains(tf, "giam doc") || contains(tf, "truong phong") ||
           contains(tf, "tm.") || contains(tf, "kt.") || contains(tf, "truong ban");
  };
  // A name as signed: 2-5 words of letters, each capitalised.
  auto name_shaped = [](std::u32string_view u) -> std::optional<std::string> {
    std::string n = trim(text::to_utf8(std::u32string(u)));
    int words = count_words(n);
    if (words < 2 || words > 5) return std::nullopt;
    bool start = true;
    for (char32_t c : text::to_u32(n)) {
      if (c == U' ') { start = true; continue; }
      if (!text::is_letter(c) || (start && !text::is_upper(c))) return std::nullopt;
      start = false;
    }
    return n;
  };
  for (std::size_t i = limit; i-- > 1;) {
    const Para& title = ps[i - 1];
    const Para& name = ps[i];
    if (title.table || !is_upper_para(title) || is_upper_para(name) || !signature_title(title.f)) continue;
    if (name.table) continue;
    if (auto n = name_shaped(name.u)) { d.signer = person_name(*n); break; }
  }
  // A scan may lose the title line under "TM. ỦY BAN NHÂN DÂN" and put the stamp between it
  // and the name: then the signer is the last name in the block after the last signature
  // title (which may share its line with "Nơi nhận:"), if it starts with a surname.
  if (!d.signer) {
    std::size_t title = limit;
    for (std::size_t i = limit; i-- > 0;)
      if (!ps[i].table && (contains(ps[i].f, "tm. ") || contains(ps[i].f, "kt. ") ||
                           (is_upper_para(ps[i]) && signature_title(ps[i].f)))) {
        title = i;
        break;
      }
    for (std::size_t i = title + 1; title < limit && i < limit && i <= title + 20; ++i) {
      if (ps[i].table) continue;
      // Each line of the paragraph on its own: the stamp's debris joins the name's line.
      const std::u32string& u = ps[i].u;
      for (std::size_t k = 0; k < ps[i].lines.size(); ++k) {
        std::size_t b = ps[i].lines[k].first;
        std::size_t e = k + 1 < ps[i].lines.size() ? ps[i].lines[k + 1].first : u.size();
        auto n = name_shaped(std::u32string_view(u).substr(b, e - b));
        if (n && is_surname(text::fold(n->substr(0, n->find(' '))))) d.signer = person_name(*n);
      }
    }
  }
  if (d.kind && *d.kind == "plan" && meta.year) d.plan_year = meta.year;
  return meta;
}

// ---------------------------------------------------------------------------------------
// Scores

// A number standing alone: "1e309" or "x2" glued to letters is no score (strtod would
// read 1e309 as infinity, and the rules would take its "1").
const std::string k_num = R"((?<![\w.,])(\d+(?:[.,]\d+)?)(?![a-z]+\d))";

std::optional<double> score_number(const std::string& s) {
  auto v = parse_decimal(s);
  if (!v || *v > 1000) return std::nullopt;
  return v;
}

struct State {
  std::optional<int> component;
  std::string section_title;
  struct CodeRef {
    std::string code;
    std::set<std::string> words;
  };
  std::vector<CodeRef> group;
  bool tasks_since_code = false;
  std::vector<std::string> narrowed;
  bool narrow = false;
  std::optional<std::size_t> last_task;
  bool goals = false; // under a "Mục tiêu" / "Chỉ tiêu" heading: its figures are aims
};

std::set<std::string> content_words(const std::string& folded) {
  static const std::set<std::string> stop = {
    "cac", "va", "trong", "cua", "cchc", "voi", "doi", "cong", "tac", "nhung", "theo", "tai",
    "la", "co", "khong", "duoc", "cho", "de", "tren", "hoac", "moi", "ve", "thuc", "hien",
    "tieu", "chi", "giai", "phap", "nam", "viec", "mot"};
  std::set<std::string> out;
  std::string w;
  for (char c : folded + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) w.push_back(c);
    else {
      if (w.size() > 1 && !stop.count(w)) out.insert(w);
      w.clear();
    }
  }
  return out;
}

void add_code(State& st, const std::string& code, const std::string& title_folded) {
  if (st.tasks_since_code) {
    st.group.clear();
    st.tasks_since_code = false;
  }
  st.group.push_back({code, content_words(title_folded)});
  st.narrow = false;
}

// Title of a criterion: the text after its code up to the first score keyword.
std::string criterion_title(const Para& p, std::size_t from, std::size_t to) {
  std::string seg = p.f.substr(from, to - from);
  static const std::vector<std::string> stops = {
    ":", ". tu cham", ". tu danh gia", " tu danh gia", " tu cham", "(ket qua", ". ket qua",
    ". tham dinh", ". ly do", " ket qua tham dinh", ". diem"};
  std::size_t cut = seg.size();
  for (const auto& s : stops) {
    std::size_t k = seg.find(s);
    if (k != std::string::npos && k < cut) cut = k;
  }
  std::string t = strip_trailing(slice(p, from, cut));
  while (!t.empty() && (t[0] == '.' || t[0] == ' ' || t[0] == ':')) t.erase(0, 1);
  return t;
}

struct ScorePart {
  std::optional<double> value, max;
  std::size_t end = 0;
};

std::optional<ScorePart> find_score(const std::string& f, std::size_t from, std::size_t to,
                                    const re::Regex& re, int group,
                                    std::initializer_list<std::string_view> words) {
  // Cheap tests first: a score has a digit, and its pattern one of `words`.
  std::string_view view(f.data() + from, to - from);
  if (!has_digit(view)) return std::nullopt;
  if (std::none_of(words.begin(), words.end(), [&](std::string_view w) { return contains(view, w); }))
    return std::nullopt;
  std::string seg = f.substr(from, to - from);
  auto begin = re::Iter(seg, re);
  for (auto it = begin; it != re::Iter(); ++it) {
    const auto& m = *it;
    if (m[1].matched && m[1].str() == "tu ") continue; // "tự đánh giá" is the self score
    // "Tổng điểm đánh giá là 100 điểm", "thang điểm đánh giá 100": a scale, not a score.
    if (m[1].matched && m[1].str() == "diem ") {
      std::string_view before(f.data(), from + m.position(0));
      if (before.ends_with("tong ") || before.ends_with("thang ")) continue;
    }
    // "đánh giá 63 tỉnh", "đánh giá 37 tiêu chí": a count of what is assessed.
    {
      std::size_t k = from + m.position(0) + m.length(0);
      while (k < f.size() && f[k] == ' ') ++k;
      std::string_view next(f.data() + k, std::min<std::size_t>(f.size() - k, 12));
      bool count = false;
      for (std::string_view w : {"tinh", "huyen", "xa ", "don vi", "co quan", "tieu chi", "linh vuc", "bo ",
                                 "so ", "dia phuong", "ubnd", "phuong"})
        count = count || next.starts_with(w);
      if (count) continue;
    }
    ScorePart s;
    s.value = score_number(m[group]);
    if (!s.value) continue;
    if (m[group + 1].matched) {
      s.max = score_number(m[group + 1]);
      if (!s.max) continue;
    }
    s.end = from + m.position(0) + m.length(0);
    return s;
  }
  return std::nullopt;
}

// "Tiêu chí 1.4.2", "TCTP 7.3.1": a criterion code, as opposed to a section number.
const re::Regex& criterion_code_re() {
  static const re::Regex re(
    R"(\b(tieu chi thanh phan|tieu chi|tctp|tc)\s+(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d/]|\.\d))");
  return re;
}

void read_scores(const Para& p, State& st, Document& d) {
  const re::Regex& code_re = criterion_code_re();
  static const re::Regex self_re(
    "()(?:tu danh gia|tu cham|diem tu cham|tu xac dinh)\\s*:?\\s*(?:la\\s*)?" + k_num +
    "(?:\\s*/\\s*" + k_num + ")?(?![\\d%/]|\\s*/|[.,]\\d|\\s+%)");
  static const re::Regex appr_re(
    "(\\w+ )?(?:tham dinh|danh gia)\\s*:?\\s*(?:la\\s*)?" + k_num + "(?:\\s*/\\s*" +
    k_num + ")?(?![\\d%/]|\\s*/|[.,]\\d|\\s+%)");
  static const re::Regex passed_re(R"((ket qua\s*:?\s*|\()(khong dat|dat)\b)");
  static const re::Regex frac_re(
    "(\\(\\s*)?(dat\\s+)?" + k_num + "\\s*/\\s*" + k_num + "\\s*(diem)?");
  static const re::Regex rank_re(R"((xep hang|xep thu|dung thu|xep)\s+(\d{1,3})\s*/\s*(\d{1,3}))");

  const std::string& f = p.f;
  // Ranks of the whole index ("xếp hạng 08/11").
  {
    Match m;
    if (re::search(f, m, rank_re) &&
        (canonical_indicator(f) || contains(f, "chi so cai cach"))) {
      IndexRow r;
      r.name = "Chỉ số CCHC";
      r.rank = to_int(m[2]);
      r.of = to_int(m[3]);
      if (r.rank && r.of && *r.rank <= *r.of) {
        r.where = p.where;
        d.indices.push_back(r);
      }
    }
  }

  std::vector<std::pair<std::size_t, std::size_t>> codes; // match start, match end
  std::vector<std::string> code_text;
  for (auto it = re::Iter(f, code_re); it != re::Iter(); ++it) {
    codes.emplace_back(it->position(0), it->position(0) + it->length(0));
    code_text.push_back((*it)[2]);
  }

  // "Cải thiện tiêu chí tác động của CCHC …: (x/y điểm); …" names its component before the
  // colon, whatever the section heading says.
  std::optional<int> para_component = st.component;
  if (std::size_t colon = f.find(':'); colon != std::string::npos && colon < 120)
    if (auto c = component_from_name(f.substr(0, colon))) para_component = c;

  auto segment_scores = [&](std::size_t from, std::size_t to, std::optional<std::string> code,
                            std::string title) {
    auto self = find_score(f, from, to, self_re, 2, {"tu danh gia", "tu cham", "tu xac dinh"});
    auto appr = find_score(f, from, to, appr_re, 2, {"tham dinh", "danh gia"});
    std::optional<bool> passed;
    std::size_t passed_end = 0;
    {
      std::string seg = f.substr(from, to - from);
      Match m;
      if (re::search(seg, m, passed_re)) {
        passed = m[2].str() == "dat";
        passed_end = from + m.position(0) + m.length(0);
      }
    }
    bool explicit_score = self || appr || (code && passed);
    if (explicit_score) {
      Score s;
      s.code = code;
      if (code) s.component = to_int(code->substr(0, code->find('.')));
      else s.component = st.component;
      if (s.component && (*s.component < 1 || *s.component > 8)) s.component.reset();
      s.title = title.empty() ? std::nullopt : std::optional<std::string>(title);
      if (self) { s.self = self->value; s.max = self->max; }
      if (appr) { s.appraised = appr->value; if (!s.max) s.max = appr->max; }
      s.passed = passed;
      // The note: a parenthesis after the appraisal, or the reason after "Lý do:".
      std::size_t after = appr ? appr->end : (passed ? passed_end : (self ? self->end : to));
      // Searches stay inside the segment: a paragraph of 100,000 criteria stays linear.
      std::string_view seg(f.data() + from, to - from);
      auto in_seg = [&](std::size_t k) { return k == std::string_view::npos ? std::string::npos : from + k; };
      std::size_t lp = after >= from && after < to ? in_seg(seg.find('(', after - from)) : std::string::npos;
      std::size_t ly = in_seg(seg.find("ly do"));
      if (ly != std::string::npos && ly < to) {
        std::size_t colon = in_seg(seg.find(':', ly - from));
        if (colon != std::string::npos && colon < to)
          s.note = strip_trailing(trim(slice(p, colon + 1, to - colon - 1)), " .");
      } else if (lp != std::string::npos && lp < to) {
        std::size_t rp = in_seg(seg.find(')', lp - from));
        if (rp != std::string::npos && rp < to && rp > lp + 3)
          s.note = trim(slice(p, lp + 1, rp - lp - 1));
      }
      s.where = p.where;
      d.scores.push_back(s);
      return true;
    }
    // Scores written "(2,95/3 điểm)" or "đạt 0,4/0,5 điểm", each named by the text before it.
    std::string seg = f.substr(from, to - from);
    std::size_t name_from = from;
    bool any = false;
    for (auto it = re::Iter(seg, frac_re); it != re::Iter(); ++it) {
      const auto& m = *it;
      bool paren = m[1].matched, dat = m[2].matched, diem = m[5].matched;
      std::size_t mend = from + m.position(0) + m.length(0);
      std::size_t k = mend;
      while (k < f.size() && f[k] == ' ') ++k;
      bool closes = k < f.size() && f[k] == ')';
      if (!((paren && (diem || closes)) || (dat && diem))) continue;
      auto value = score_number(m[3]);
      auto max = score_number(m[4]);
      if (!value || !max || *value > *max) continue;
      std::size_t mstart = from + m.position(0);
      // Name: back to the previous ':' or ';' (or the segment start).
      std::size_t b = name_from;
      for (std::size_t q = mstart; q > name_from; --q)
        if (f[q - 1] == ':' || f[q - 1] == ';') { b = q; break; }
      std::string name = strip_trailing(strip_bullet(slice(p, b, mstart - b)), " .,;:-(");
      std::string nf = text::fold(name);
      for (std::string_view lead : {"cai thien tieu chi ", "tieu chi "}) {
        if (nf.rfind(lead, 0) == 0) {
          name = cap_first(text::to_utf8(text::to_u32(name).substr(lead.size())));
          break;
        }
      }
      Score s;
      s.code = code;
      s.component = code ? std::optional<int>(to_int(code->substr(0, code->find('.')))) : para_component;
      s.title = name.empty() ? (title.empty() ? std::nullopt : std::optional<std::string>(title))
                             : std::optional<std::string>(name);
      s.appraised = value;
      s.max = max;
      s.where = p.where;
      d.scores.push_back(s);
      any = true;
      std::size_t close = std::string_view(f.data(), to).find(')', mend);
      name_from = (paren && close != std::string::npos && close < to) ? close + 1 : mend;
    }
    return any;
  };

  if (!codes.empty()) {
    for (std::size_t i = 0; i < codes.size(); ++i) {
      std::size_t to = i + 1 < codes.size() ? codes[i + 1].first : f.size();
      std::string title = criterion_title(p, codes[i].second, to);
      // "1.1." at the very start of a paragraph is a section number, not a criterion code;
      // the regex only fires after "tiêu chí", so every match here is a criterion.
      add_code(st, code_text[i], text::fold(title));
      segment_scores(codes[i].second, to, code_text[i], title);
    }
    return;
  }
  // Whole-index totals and component totals have no code.
  bool overall = contains(f, "tong chi so") || contains(f, "tong diem") ||
                 (canonical_indicator(f) && !is_heading(p));
  std::string title = overall ? std::string("Chỉ số CCHC") : st.section_title;
  auto before = d.scores.size();
  segment_scores(0, f.size(), std::nullopt, title);
  if (overall)
    for (auto i = before; i < d.scores.size(); ++i)
      if (!d.scores[i].code && d.scores[i].title == "Chỉ số CCHC") d.scores[i].component.reset();
}

// ---------------------------------------------------------------------------------------
// Tables

struct Column {
  enum Role { none, stt, name, value, lead, partners, task, time } role = none;
  bool target = false;
  bool rank = false;
  std::optional<int> year;
};

std::optional<std::pair<std::string, double>> parse_target_value(const std::string& folded) {
  static const re::Regex re(R"(^(tren|tu|toi thieu|it nhat|duoi|toi da|khong qua|dat|>=|>|<=|<|\}|\{)?\s*(\d+(?:[.,]\d+)?)\s*%?\s*(tro len)?)");
  Match m;
  std::string f = trim(folded);
  if (!re::search(f, m, re)) return std::nullopt;
  auto v = parse_decimal(m[2].str());
  if (!v) return std::nullopt;
  std::string w = m[1];
  std::string op = "=";
  if (w == "tren" || w == ">") op = ">";
  else if (w == "duoi" || w == "<") op = "<";
  else if (w == "toi da" || w == "khong qua" || w == "<=" || w == "{") op = "<=";
  else if (w == "toi thieu" || w == "it nhat" || w == ">=" || w == "}" || m[3].matched) op = ">=";
  return std::make_pair(op, *v);
}

std::optional<double> parse_percent_cell(const std::string& folded) {
  static const re::Regex re(R"(^\s*(\d+(?:[.,]\d+)?)\s*%\s*$)");
  Match m;
  if (!re::search(folded, m, re)) return std::nullopt;
  return parse_decimal(m[1].str());
}

void read_schedule(const std::string& f, Task& t);

void read_table(const std::vector<const Para*>& rows, const Document& d, Document& out) {
  auto cellf = [](const Para& p, std::size_t j) {
    return j < p.cells.size() ? text::fold(text::to_utf8(p.cells[j])) : std::string();
  };
  auto cell = [](const Para& p, std::size_t j) {
    return j < p.cells.size() ? trim(text::to_utf8(p.cells[j])) : std::string();
  };
  auto is_header = [&](const Para& p) {
    // A numbered row ("1", "II") is data even when its text says "Chỉ số thành phần".
    static const re::Regex numbered(R"(^\s*(\d+|[ivx]+)\.?\s*$)");
    if (!p.cells.empty() && re::search(cellf(p, 0), numbered)) return false;
    bool keyword = false;
    for (std::size_t j = 0; j < p.cells.size(); ++j) {
      std::string f = cellf(p, j);
      if (parse_percent_cell(f)) return false;
      for (std::string_view k : {"stt", "chi so", "thu hang", "nhiem vu", "chu tri", "thoi gian",
                                 "noi dung", "mục tieu", "muc tieu", "nam 20", "don vi", "phoi hop"})
        if (contains(f, k)) keyword = true;
      if (f == "tt") keyword = true;
    }
    return keyword;
  };
  std::size_t nh = 0;
  while (nh < rows.size() && nh < 3 && is_header(*rows[nh])) ++nh;
  if (nh == 0) return;
  std::size_t ncols = 0;
  for (auto* r : rows) ncols = std::max(ncols, r->cells.size());
  std::vector<Column> cols(ncols);
  std::vector<std::string> top(ncols);
  {
    std::string last;
    for (std::size_t j = 0; j < ncols; ++j) {
      std::string f = cellf(*rows[0], j);
      if (!f.empty()) last = f;
      top[j] = f.empty() && nh > 1 ? last : f;
    }
  }
  static const re::Regex year_re(R"(nam\s+(\d{4}))");
  for (std::size_t j = 0; j < ncols; ++j) {
    std::string sub = nh > 1 ? cellf(*rows[nh - 1], j) : std::string();
    std::string t = top[j];
    Column& c = cols[j];
    Match m;
    if (re::search(t, m, year_re)) c.year = to_int(m[1]);
    c.target = contains(t, "muc tieu") || contains(t, "ke hoach") || contains(t, "phan dau") ||
               contains(sub, "muc tieu");
    if (t == "stt" || t == "tt") c.role = Column::stt;
    else if (contains(t, "phoi hop")) c.role = Column::partners;
    else if (contains(t, "chu tri") || contains(t, "don vi thuc hien") || contains(t, "theo doi") ||
             contains(t, "phu trach"))
      c.role = Column::lead;
    else if (contains(t, "thoi gian") || contains(t, "thoi han")) c.role = Column::time;
    else if (contains(t, "nhiem vu") || contains(t, "noi dung cong viec")) c.role = Column::task;
    else if (!sub.empty() && (contains(sub, "thu hang") || contains(sub, "xep hang"))) {
      c.role = Column::value;
      c.rank = true;
    } else if (!sub.empty() && (contains(sub, "chi so") || contains(sub, "diem") || contains(sub, "%")))
      c.role = Column::value;
    else if (contains(t, "thu hang") || contains(t, "xep hang")) { c.role = Column::value; c.rank = true; }
    else if (contains(t, "chi so thanh phan") || contains(t, "noi dung") || contains(t, "linh vuc") ||
             contains(t, "tieu chi") || contains(t, "chi so"))
      c.role = Column::name;
    else if (c.year) c.role = Column::value;
  }
  auto find_role = [&](Column::Role r) -> std::optional<std::size_t> {
    for (std::size_t j = 0; j < ncols; ++j)
      if (cols[j].role == r) return j;
    return std::nullopt;
  };
  auto name_col = find_role(Column::name);
  auto stt_col = find_role(Column::stt);
  auto lead_col = find_role(Column::lead);
  auto task_col = find_role(Column::task);
  auto partners_col = find_role(Column::partners);
  auto time_col = find_role(Column::time);
  bool has_values = std::any_of(cols.begin(), cols.end(), [](const Column& c) { return c.role == Column::value; });

  for (std::size_t i = nh; i < rows.size(); ++i) {
    const Para& r = *rows[i];
    std::string stt = stt_col ? cell(r, *stt_col) : std::string();
    std::string sttf = text::fold(stt);
    if (name_col && has_values) {
      std::string name = cell(r, *name_col);
      if (name.empty() && !stt.empty() && !std::isdigit(static_cast<unsigned char>(stt[0]))) name = stt;
      if (name.empty()) continue;
      std::string nf = text::fold(name);
      IndexRow row;
      row.name = name;
      if (contains(nf, "sipas") || contains(nf, "hai long")) row.index = "SIPAS";
      else if (nf.rfind("tong", 0) != 0) {
        row.component = component_from_name(name);
        if (!row.component && !stt.empty() && std::isdigit(static_cast<unsigned char>(stt[0]))) {
          int n = to_int(stt);
          if (n >= 1 && n <= 8) row.component = n;
        }
      }
      row.where = r.where;
      bool any = false;
      std::optional<std::string> lead = lead_col ? std::optional<std::string>(cell(r, *lead_col)) : std::nullopt;
      if (lead && lead->empty()) lead.reset();
      for (std::size_t j = 0; j < ncols; ++j) {
        const Column& c = cols[j];
        if (c.role != Column::value) continue;
        std::string v = cellf(r, j);
        if (v.empty()) continue;
        if (!c.target) {
          if (c.rank) {
            static const re::Regex rk(R"(^\s*(\d{1,3})\s*(?:/\s*(\d{1,3}))?\s*$)");
            Match m;
            if (re::search(v, m, rk)) {
              row.rank = to_int(m[1]);
              if (m[2].matched) row.of = to_int(m[2]);
              row.year = c.year;
              any = true;
            }
          } else if (auto pct = parse_percent_cell(v)) {
            row.percent = pct;
            row.year = c.year;
            any = true;
          }
        } else if (auto tv = parse_target_value(v)) {
          Target t;
          t.indicator = name;
          t.component = row.component;
          t.year = c.year ? c.year : d.plan_year;
          t.op = tv->first;
          t.value = tv->second;
          t.unit = c.rank ? "rank" : "%";
          t.lead = lead;
          t.where = r.where;
          out.targets.push_back(t);
        }
      }
      if (any) out.indices.push_back(row);
      continue;
    }
    if (task_col && (lead_col || time_col)) {
      std::string text_cell = cell(r, *task_col);
      if (text_cell.empty()) continue;
      static const re::Regex roman(R"(^[ivx]+\.?$)");
      if (re::search(sttf, roman)) continue; // a group heading row ("I  CHỈ SỐ PAR INDEX")
      Task t;
      t.text = text_cell;
      if (lead_col) {
        std::string l = cell(r, *lead_col);
        if (!l.empty()) t.lead = l;
      }
      if (partners_col) t.partners = split_agencies(cell(r, *partners_col));
      if (time_col) read_schedule(cellf(r, *time_col), t);
      t.where = r.where;
      out.tasks.push_back(t);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Tasks

const std::string k_date = R"((\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}))";

std::optional<std::string> date_of(const Match& m, int first) {
  return parse_date(to_int(m[first]), to_int(m[first + 1]), to_int(m[first + 2]));
}

void read_schedule(const std::string& f, Task& t) {
  static const re::Regex due_re(
    "(truoc|cham nhat(?: la)?|han chot|vao|den het|hoan thanh trong)\\s*(?:ngay\\s*)?" + k_date);
  static const re::Regex start_re("(ke tu|bat dau tu|bat dau)\\s*(?:ngay\\s*)?" + k_date);
  static const re::Regex period_re(
    "so lieu[^0-9]{0,20}?(?:ngay\\s*)?" + k_date + "\\s*(?:den|-|–)\\s*(?:ngay\\s*)?" + k_date);
  Match m;
  if (!t.period && re::search(f, m, period_re)) {
    auto a = date_of(m, 1), b = date_of(m, 4);
    if (a && b) t.period = Period{*a, *b};
  }
  if (!t.start && re::search(f, m, start_re)) t.start = date_of(m, 2);
  if (!t.due) {
    for (auto it = re::Iter(f, due_re); it != re::Iter(); ++it) {
      // "từ ngày 15/12/2023 đến 14/3/2024" inside a data period is not a deadline.
      std::size_t pos = it->position(0);
      std::string before = f.substr(pos >= 25 ? pos - 25 : 0, pos >= 25 ? 25 : pos);
      if (contains(before, "so lieu")) continue;
      t.due = date_of(*it, 2);
      if (t.due) break;
    }
  }
  static const re::Regex dom_re(R"(ngay\s+(\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+thang)");
  if (!t.day_of_month && re::search(f, m, dom_re)) {
    int day = to_int(m[1]);
    if (day >= 1 && day <= 31) {
      t.day_of_month = day;
      t.recurrence = "monthly";
    }
  }
  if (!t.recurrence) {
    if (contains(f, "thuong xuyen") || contains(f, "ca nam")) t.recurrence = "continuous";
    else if (contains(f, "hang thang") || contains(f, "hằng thang")) t.recurrence = "monthly";
    else if (contains(f, "hang quy") || contains(f, "dinh ky quy")) t.recurrence = "quarterly";
    else if (contains(f, "6 thang") && contains(f, "dinh ky")) t.recurrence = "half-yearly";
    else if (contains(f, "hang nam")) t.recurrence = "yearly";
  }
}

// The sentence of `p` around position `pos` (sentences end with ". " before a capital).
std::pair<std::size_t, std::size_t> sentence_at(const Para& p, std::size_t pos) {
  std::size_t b = 0, e = p.u.size();
  for (std::size_t i = pos; i > 1; --i)
    if ((p.u[i - 2] == U'.' || p.u[i - 2] == U';') && p.u[i - 1] == U' ' && text::is_upper(p.u[i])) { b = i; break; }
  for (std::size_t i = pos; i + 2 < p.u.size(); ++i)
    if (p.u[i] == U'.' && p.u[i + 1] == U' ' && text::is_upper(p.u[i + 2])) { e = i + 1; break; }
  return {b, e};
}

bool read_task(const Para& p, State& st, Document& d) {
  const std::string& f = p.f;
  static const re::Regex giao_re(R"((^|[\s:;,.(-])giao\s+(cho\s+)?)");
  static const re::Regex verb_re(
    R"(\s(chu tri|tham muu|thuc hien|theo doi|phoi hop|trien khai|thanh lap|to chuc|xay dung|huong dan|kiem tra|cap nhat|ra soat|nang cao|don doc|tong hop|bao cao|lam dau moi|la co quan)\b)");
  static const re::Regex chutri_re(
    R"(^([-+]\s*)?([A-Za-z][^,;:]{2,80}?)\s+(chu tri|cung voi [^,;]{3,80} chu tri))");
  Match m;
  std::size_t lead_from = std::string::npos;
  for (auto it = re::Iter(f, giao_re); it != re::Iter(); ++it) {
    // "giao" folded also matches "giáo" (giáo dục): only the unmarked word assigns.
    std::size_t g = it->position(0) + it->length(1);
    std::string word = slice(p, g, 4);
    if (word == "Giao" || word == "giao" || word == "GIAO") {
      lead_from = it->position(0) + it->length(0);
      break;
    }
  }
  Task t;
  std::size_t rest = 0;
  if (lead_from != std::string::npos) {
    std::string after = f.substr(lead_from);
    Match v;
    std::size_t lead_end;
    if (re::search(after, v, verb_re) && count_words(after.substr(0, v.position(0))) <= 16) {
      lead_end = lead_from + v.position(0);
    } else {
      // No assigning verb: the agency is the run of capitalised name words after "Giao".
      std::size_t used = 0;
      read_agencies(p.u.substr(lead_from), used);
      if (used == 0) return false;
      lead_end = lead_from + used;
    }
    std::string lead = strip_trailing(slice(p, lead_from, lead_end - lead_from), " ,");
    // "Phòng Nội vụ (cơ quan Thường trực …)": the parenthesis describes, it does not name.
    if (auto lp = lead.find(" ("); lp != std::string::npos && lead.back() == ')') lead = lead.substr(0, lp);
    if (lead.empty() || count_words(lead) > 16) return false;
    t.lead = lead;
    rest = lead_end + 1;
  } else {
    if (f.find("chu tri") == std::string::npos) return false; // what chutri_re needs
    std::string b = strip_bullet(text::to_utf8(p.u));
    // Code points, not bytes: every byte but a UTF-8 continuation byte starts one.
    std::size_t kept = static_cast<std::size_t>(std::count_if(
      b.begin(), b.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    std::size_t off = p.u.size() - kept;
    std::string bf = p.f.substr(off);
    Match c;
    if (!re::search(bf, c, chutri_re) || !text::is_upper(p.u[off])) return false;
    std::string lead = strip_trailing(slice(p, off + c.position(2), c.length(2)), " ,");
    if (count_words(lead) > 16) return false;
    // "Phân công rõ cơ quan chủ trì, cơ quan phối hợp …": "cơ quan chủ trì" is the lead agency
    // as a notion (the plan's own requirements), not an agency given a task. A lead that is
    // only a generic "cơ quan" / "đơn vị" after other words names nobody ("Các cơ quan chủ
    // trì …", the agencies in general, still does).
    std::string lf = text::fold(lead);
    for (std::string_view generic : {" co quan", " don vi"})
      if (lf.size() > generic.size() && lf.compare(lf.size() - generic.size(), generic.size(), generic) == 0 &&
          lf.rfind("cac ", 0) != 0)
        return false;
    t.lead = lead;
    rest = off + c.position(3);
  }
  // After the lead: "chủ trì[,] [phối hợp (với|cùng)] partners …"
  std::size_t pos = rest;
  auto skip = [&](std::string_view w) {
    std::size_t q = pos;
    while (q < f.size() && (f[q] == ' ' || f[q] == ',')) ++q;
    if (q <= f.size() && f.compare(q, w.size(), w) == 0) { pos = q + w.size(); return true; }
    return false;
  };
  skip("chu tri");
  if (skip("phoi hop")) {
    skip("voi") || skip("cung");
    std::size_t q = pos;
    while (q < p.u.size() && p.u[q] == U' ') ++q;
    std::size_t used = 0;
    std::u32string tail = p.u.substr(q);
    t.partners = read_agencies(tail, used);
    pos = q + used;
  }
  std::string remainder = strip_trailing(trim(slice(p, pos, std::string::npos)), " ,;");
  while (!remainder.empty() && (remainder[0] == ',' || remainder[0] == ';' || remainder[0] == ' '))
    remainder.erase(0, 1);
  if (count_words(remainder) >= 3) t.text = cap_first(remainder);
  else t.text = strip_bullet(text::to_utf8(p.u));
  read_schedule(f, t);
  t.where = p.where;
  if (st.narrow) t.codes = st.narrowed;
  else for (const auto& c : st.group) t.codes.push_back(c.code);
  st.tasks_since_code = true;
  d.tasks.push_back(std::move(t));
  st.last_task = d.tasks.size() - 1;
  return true;
}

// A reporting duty with a date, written without "Giao … chủ trì".
void read_duties(const Para& p, Document& d) {
  static const re::Regex re("(truoc|vao|cham nhat(?: la)?)\\s*(?:ngay\\s*)?(?:\\*+)?" + k_date);
  const std::string& f = p.f;
  std::size_t last_end = 0;
  for (auto it = re::Iter(f, re); it != re::Iter(); ++it) {
    std::size_t pos = it->position(0);
    if (pos < last_end) continue;
    auto [b, e] = sentence_at(p, pos);
    std::string sf = f.substr(b, e - b);
    if (!contains(sf, "bao cao")) continue;
    Task t;
    t.text = strip_bullet(slice(p, b, e - b));
    t.text = strip_trailing(t.text, " ");
    read_schedule(sf, t);
    if (!t.due) continue;
    t.where = p.where;
    d.tasks.push_back(std::move(t));
    last_end = e;
  }
  // A monthly duty: "Báo cáo tháng: chậm nhất vào ngày 02 hằng tháng".
  static const re::Regex monthly(R"(ngay\s+(\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+thang)");
  Match m;
  if (last_end == 0 && contains(f, "bao cao") && re::search(f, m, monthly)) {
    auto [b, e] = sentence_at(p, m.position(0));
    Task t;
    t.text = strip_trailing(strip_bullet(slice(p, b, e - b)), " ");
    read_schedule(f.substr(b, e - b), t);
    t.where = p.where;
    d.tasks.push_back(std::move(t));
  }
}

// ---------------------------------------------------------------------------------------
// Targets in prose

// The index named last before `pos` in `f`, by its name or acronym only: a phrase such as
// "chuyển đổi số" or "cải cách hành chính" names a field of work as often as an index.
std::optional<std::string> index_named_before(std::string_view f, std::size_t pos) {
  static const std::array<std::pair<std::string_view, std::string_view>, 13> names = {{
    {"sipas", "SIPAS"}, {"hai long", "SIPAS"}, {"papi", "PAPI"}, {"hieu qua quan tri", "PAPI"},
    {"ddci", "DDCI"}, {"pci", "PCI"}, {"nang luc canh tranh", "PCI"}, {"dti", "DTI"},
    {"chi so chuyen doi so", "DTI"}, {"par index", "PAR INDEX"}, {"pari", "PAR INDEX"},
    {"chi so cchc", "PAR INDEX"}, {"chi so cai cach hanh chinh", "PAR INDEX"}}};
  std::string_view before = f.substr(0, std::min(pos, f.size()));
  std::optional<std::string> label;
  std::size_t at = 0;
  for (const auto& [name, l] : names) {
    std::size_t k = before.rfind(name);
    if (k == std::string_view::npos) continue;
    // A name is a word: "pci" is not the end of another word, "ddci" is not "pci".
    bool word = (k == 0 || !std::isalnum(static_cast<unsigned char>(before[k - 1]))) &&
                (k + name.size() >= before.size() || !std::isalnum(static_cast<unsigned char>(before[k + name.size()])));
    if (word && (!label || k + name.size() > at)) { label = std::string(l); at = k + name.size(); }
  }
  return label;
}

// True when the sentence around `pos` assigns work: its figures describe the task.
bool assigning_sentence(const Para& p, std::size_t pos) {
  auto [b, e] = sentence_at(p, pos);
  std::string_view sf(p.f.data() + b, e - b);
  for (std::string_view k : {"giao ", "chu tri", "phoi hop", "tham muu", "trach nhiem", "yeu cau"})
    if (sf.find(k) != std::string_view::npos) return true;
  return false;
}

// Aims in counts: "kiểm tra toàn diện tại ít nhất 5 cơ quan thuộc khối sở; … và ít nhất 6 đơn
// vị thuộc khối UBND cấp xã" → >= 5 "cơ quan", >= 6 "đơn vị". Only after "ít nhất" or "tối
// thiểu", and only a count of what a reform plan works on (agencies, units, procedures,
// dossiers, models, events): a legal rule's "ít nhất 03 thành viên", a time ("ít nhất 05 ngày
// làm việc"), a frequency, money, points and places (read with the results) are no aims.
void read_count_targets(const Para& p, const State& st, bool assignment, Document& d) {
  const std::string& f = p.f;
  if (!contains(f, "it nhat") && !contains(f, "toi thieu")) return;
  static const re::Regex re(R"((?:^|[^a-z])(it nhat|toi thieu)\s+(\d{1,6})(?![\d.,/%])\s*([a-z]+)(\s+[a-z]+)?)");
  static const std::set<std::string> pairs = {
    "co quan", "don vi", "dia phuong", "thi tran", "ho so", "thu tuc", "dich vu", "doanh nghiep",
    "mo hinh", "sang kien", "giai phap", "nhiem vu", "van ban", "hoi nghi", "chuyen de", "tin bai"};
  static const std::set<std::string> singles = {"xa", "phuong", "huyen", "so", "cuoc", "dot", "lop", "tin"};
  static const re::Regex year_re(R"(nam\s+(\d{4}))");
  for (auto it = re::Iter(f, re); it != re::Iter(); ++it) {
    const auto& m = *it;
    std::string first = m[3];
    std::size_t ub = m.position(3);
    std::size_t ue = ub + m.length(3);
    if (m[4].matched && pairs.count(first + m[4].str())) ue = m.position(4) + m.length(4);
    else if (!singles.count(first)) continue;
    std::size_t pos = m.position(1);
    if (assignment && assigning_sentence(p, pos)) continue;
    // The clause it counts in, to the next ";", "," or sentence end.
    std::size_t e = f.size();
    for (std::size_t q = ub; q < f.size(); ++q)
      if (f[q] == ';' || f[q] == ',' || (f[q] == '.' && (q + 1 == f.size() || f[q + 1] == ' '))) { e = q; break; }
    std::size_t b = 0;
    for (std::size_t q = pos; q > 0; --q)
      if (f[q - 1] == ';' || f[q - 1] == ',' || (f[q - 1] == '.' && q < f.size() && f[q] == ' ')) { b = q; break; }
    std::string clause_f = f.substr(b, e - b);
    if (contains(clause_f, "nhom ") || contains(clause_f, "xep loai")) continue; // a band
    auto v = parse_decimal(m[2].str());
    if (!v) continue;
    Target t;
    t.op = ">=";
    t.value = *v;
    t.unit = slice(p, ub, ue - ub);
    t.indicator = "Số " + strip_trailing(slice(p, ub, e - ub), " ,.;:");
    if (auto label = index_named_before(clause_f, clause_f.size())) t.index = *label;
    Match y;
    if (re::search(clause_f, y, year_re)) t.year = to_int(y[1]);
    else t.year = d.plan_year;
    t.component = st.component;
    t.where = where_at(p, pos);
    d.targets.push_back(t);
  }
}

// `assignment`: the paragraph assigns a task; its aims count only in sentences of their own
// that say they aim ("… đặt ra mục tiêu … đạt trên 80% vào năm 2020. Để thực hiện, giao …").
void read_targets(const Para& p, const State& st, bool plan_like, Document& d, bool assignment = false) {
  const std::string& f = p.f;
  if (!contains(f, "%")) return;
  bool cue = contains(f, "phan dau") || contains(f, "muc tieu") || contains(f, "chi tieu") ||
             contains(f, "toi thieu") || contains(f, "it nhat") || st.goals ||
             plan_like;
  if (!cue) return;
  if (assignment) plan_like = false;
  static const re::Regex re(
    R"((dat tu|tu|toi thieu|dat toi thieu|it nhat|tren|dat tren|duoi|khong qua|toi da|dat|\}|>=|>)?\s*(\d+(?:[.,]\d+)?)\s*%\s*(diem\s+)?(tro len)?)");
  static const re::Regex year_re(R"(nam\s+(\d{4}))");
  for (auto it = re::Iter(f, re); it != re::Iter(); ++it) {
    const auto& m = *it;
    std::size_t pos = m.position(0);
    std::size_t mend = pos + m.length(0);
    // A percentage inside parentheses is a measurement, not an aim.
    std::size_t lp = f.rfind('(', pos), rp = f.rfind(')', pos);
    if (lp != std::string::npos && (rp == std::string::npos || rp < lp)) continue;
    std::string w = m[1];
    bool at_start = trim(strip_bullet(slice(p, 0, pos))).empty();
    if (w.empty() && !at_start) continue; // a bare percentage mid-sentence is a figure
    // Only an aim is a target: an aiming word in the sentence before the figure, or a goals
    // section. Results ("đạt 93,08%"), bands ("Nhóm A từ 90% trở lên", "xếp loại Tốt: trên
    // 80%") and changes are not.
    {
      std::size_t sb = 0;
      for (std::size_t q = pos; q > 1; --q)
        if (f[q - 2] == '.' && f[q - 1] == ' ') { sb = q; break; }
      std::string pre = f.substr(sb, pos - sb);
      bool plan = d.kind && *d.kind == "plan";
      // In a plan, a goal may also be a list item of its own ("- Tỷ lệ hồ sơ trễ hạn dưới 2%")
      // or "đạt từ 95% trở lên".
      bool item = sb == 0 && count_words(pre) <= 40 && p.u.size() < 400;
      // Aiming words themselves, in any document (news reports a plan's aims too).
      bool worded = w == "toi thieu" || w == "it nhat" || w == "dat toi thieu" ||
                    contains(pre, "phan dau") || contains(pre, "muc tieu") || contains(pre, "chi tieu") ||
                    contains(pre, "toi thieu") || contains(pre, "it nhat");
      // "… đạt mức hài lòng từ 80% trở lên vào năm 2020 theo mục tiêu của Chương trình …": the
      // aim named just after the figure, in its sentence. Only "theo": "vượt mục tiêu" after a
      // figure reports a result.
      {
        std::string_view post(f.data() + mend, std::min<std::size_t>(f.size() - mend, 48));
        if (auto stop = post.find_first_of(";."); stop != std::string_view::npos) post = post.substr(0, stop);
        worded = worded || contains(std::string(post), "theo muc tieu") || contains(std::string(post), "theo chi tieu");
      }
      bool aims = worded || (plan_like && (st.goals || (plan && (m[4].matched || item)) || at_start));
      bool band = contains(pre, "nhom ") || contains(pre, "xep loai") || contains(pre, "loai tot") ||
                  contains(pre, "trung binh");
      if (!aims || band) continue;
      if (assignment && (!worded || assigning_sentence(p, pos))) continue;
    }
    auto v = parse_decimal(m[2].str());
    if (!v || *v > 100) continue;
    Target t;
    t.value = *v;
    t.unit = "%";
    if (w == "tren" || w == "dat tren" || w == ">") t.op = ">";
    else if (w == "duoi") t.op = "<";
    else if (w == "khong qua" || w == "toi da") t.op = "<=";
    else if (w == "dat" || w.empty()) t.op = m[4].matched ? ">=" : "=";
    else t.op = ">=";
    // The clause the figure belongs to: back to the previous ';' or sentence start, forward
    // to the next ';' or '.'.
    std::size_t b = 0;
    for (std::size_t q = pos; q > 0; --q)
      if (f[q - 1] == ';' || f[q - 1] == ',' || (f[q - 1] == '.' && q < f.size() && f[q] == ' ')) { b = q; break; }
    std::size_t e = f.size();
    for (std::size_t q = mend; q < f.size(); ++q)
      if (f[q] == ';' || f[q] == ',' || (f[q] == '.' && (q + 1 == f.size() || f[q + 1] == ' '))) { e = q; break; }
    std::string clause_f = f.substr(b, e - b);
    if (auto canon = canonical_indicator(clause_f)) t.indicator = *canon;
    else {
      std::string before = strip_trailing(strip_bullet(slice(p, b, pos - b)), " ,:");
      std::string after = strip_trailing(trim(slice(p, mend, e - mend)), " ,.");
      std::string bf = text::fold(before);
      for (std::string_view tail : {" dat", " phai dat", " dat tu", " phan dau dat", " dat muc"})
        if (bf.size() > tail.size() && bf.compare(bf.size() - tail.size(), tail.size(), tail) == 0) {
          before = strip_trailing(text::to_utf8(text::to_u32(before).substr(0, text::to_u32(before).size() - tail.size())), " ,");
          break;
        }
      t.indicator = cap_first(count_words(before) >= 2 ? before : after);
    }
    if (t.indicator.empty()) continue;
    if (auto label = index_label(clause_f)) t.index = *label;
    // "… mục tiêu … là bảo đảm sự hài lòng của cá nhân, tổ chức … đạt mức trên 80%": the clause
    // names no index, its sentence does.
    else if (std::size_t sb = sentence_at(p, pos).first; auto named = index_named_before(std::string_view(f).substr(sb), pos - sb))
      t.index = *named;
    Match y;
    if (re::search(clause_f, y, year_re)) t.year = to_int(y[1]);
    else t.year = d.plan_year;
    t.component = st.component;
    t.where = p.where;
    d.targets.push_back(t);
  }
}

// ---------------------------------------------------------------------------------------
// References

void read_references(const Para& p, Document& d, std::set<std::string>& seen) {
  // "Báo cáo thẩm định số 18/BCTĐ-STP": up to two words may qualify the kind before "số".
  static const re::Regex re(
    R"((ke hoach|quyet dinh|nghi dinh|cong van|van ban|bao cao|thong tu|nghi quyet|ket luan|chi thi|thong bao|to trinh|chuong trinh hanh dong|chuong trinh|huong dan|luat)\s+(?:(?:[a-z]+\s+){0,2}?so\s*:?\s*)?(\d+[a-z]?(?:[/.-][a-z0-9&]+)*[/.-][a-z&][a-z0-9&]*(?:[/.-][a-z0-9&]+)*)(\s*,?\s+ngay\s+(\d{1,2})\s*(?:/|-|thang)\s*(\d{1,2})\s*(?:/|-|nam)\s*(\d{4}))?(\s+cua\s+)?)");
  // "Ngày 10/4/2024, Bộ Nội vụ ban hành Quyết định số 272/QĐ-BNV …; Quyết định số 273/QĐ-BNV
  // …", "…, ngày 26/5/2024 UBND tỉnh Sơn La đã ban hành Quyết định số 961/QĐ-UBND": the date
  // and issuer of the document issued, and of those listed after it with ";" or "và".
  static const re::Regex issued_re("(?:^|[,;.]\\s)\\s*ngay\\s+" + k_date +
                                   "\\s*,?\\s*([^,;]{3,80}?)\\s+(?:da\\s+)?ban hanh\\s+");
  const std::string& f = p.f;
  struct Issued { std::size_t end; std::optional<std::string> date, issuer; };
  // Cheap tests first: a reference number has a digit and a separator before a letter
  // ("18/bctd"), and an issuing sentence says "ban hanh". Most paragraphs have neither.
  bool number_like = false;
  for (std::size_t k = 0; k + 1 < f.size() && !number_like; ++k)
    number_like = (f[k] == '/' || f[k] == '.' || f[k] == '-') &&
                  ((f[k + 1] >= 'a' && f[k + 1] <= 'z') || f[k + 1] == '&');
  if (!number_like || !has_digit(f)) return;
  std::vector<Issued> issued;
  if (f.find("ban hanh") != std::string::npos)
  for (auto it = re::Iter(f, issued_re); it != re::Iter(); ++it)
    issued.push_back({it->position(0) + it->length(0), date_of(*it, 1),
                      trim(slice(p, it->position(4), it->length(4)))});
  const Issued* lead = nullptr; // the issuing sentence the last reference took its date from
  std::size_t last_end = 0;
  for (auto it = re::Iter(f, re); it != re::Iter(); ++it) {
    const auto& m = *it;
    std::string num = slice(p, m.position(2), m.length(2));
    std::string kind_f = m[1];
    static const std::map<std::string, std::string> kinds = {
      {"ke hoach", "Kế hoạch"}, {"quyet dinh", "Quyết định"}, {"nghi dinh", "Nghị định"},
      {"cong van", "Công văn"}, {"bao cao", "Báo cáo"}, {"thong tu", "Thông tư"},
      {"nghi quyet", "Nghị quyết"}, {"ket luan", "Kết luận"}, {"chi thi", "Chỉ thị"},
      {"thong bao", "Thông báo"}, {"to trinh", "Tờ trình"}, {"chuong trinh", "Chương trình"},
      {"huong dan", "Hướng dẫn"}, {"luat", "Luật"}, {"van ban", "Văn bản"},
      {"chuong trinh hanh dong", "Chương trình hành động"}};
    Reference r;
    r.kind = kinds.at(kind_f);
    r.number = num;
    if (m[3].matched) r.date = date_of(m, 4);
    if (m[7].matched) {
      std::size_t s = m.position(7) + m.length(7);
      static const re::Regex stop(R"(\s(ve|nham|theo|doi voi|tren|tai|trong|da|thuc hien|trien khai|phe duyet|va|ngay|quy dinh|lam)\s|[,;.():"]|$)");
      std::string tail = f.substr(s);
      Match sm;
      std::size_t len = tail.size();
      if (re::search(tail, sm, stop)) len = sm.position(0);
      std::string issuer = strip_trailing(slice(p, s, len), " ,;");
      if (!issuer.empty() && count_words(issuer) <= 10) r.issuer = issuer;
    }
    const Issued* took = nullptr;
    if (!r.date) {
      for (const auto& is : issued)
        if (m.position(0) >= is.end && m.position(0) < is.end + 8) took = &is;
      if (!took && lead && m.position(0) > last_end) {
        // Listed after the last one, in the same sentence: "…; Quyết định số 273/QĐ-BNV",
        // "… và Kế hoạch số …".
        std::string_view g(f.data() + last_end, m.position(0) - last_end);
        bool one_sentence = g.find(". ") == std::string_view::npos;
        while (!g.empty() && g.back() == ' ') g.remove_suffix(1);
        if (one_sentence && (g.ends_with(";") || g.ends_with(",") || g.ends_with(" va"))) took = lead;
      }
      if (took) {
        r.date = took->date;
        if (!r.issuer) r.issuer = took->issuer;
      }
    }
    lead = took;
    last_end = m.position(0) + m.length(0);
    r.where = where_at(p, m.position(0));
    std::string key = r.kind + "|" + text::fold(num);
    if (seen.count(key)) {
      for (auto& old : d.references)
        if (old.kind == r.kind && old.number && text::fold(*old.number) == text::fold(num)) {
          if (!old.date) old.date = r.date;
          if (!old.issuer) old.issuer = r.issuer;
        }
      continue;
    }
    seen.insert(key);
    d.references.push_back(r);
    // "Quyết định số: 273/QĐ-BNV, 272/QĐ-BNV ngày 10/4/2024": more numbers of the same kind,
    // and one date for all of them.
    if (!m[3].matched) {
      static const re::Regex more(
        R"(\G\s*(?:,|va)\s*(?:so\s*)?(\d+[a-z]?(?:[/.-][a-z0-9&]+)*[/.-][a-z&][a-z0-9&]*(?:[/.-][a-z0-9&]+)*)(\s*,?\s+ngay\s+(\d{1,2})\s*(?:/|-|thang)\s*(\d{1,2})\s*(?:/|-|nam)\s*(\d{4}))?)");
      std::size_t first = d.references.size() - 1;
      std::size_t at = m.position(2) + m.length(2);
      Match mm;
      while (at < f.size() && re::search_from(f, at, mm, more) && mm.position(0) == at) {
        Reference x;
        x.kind = r.kind;
        x.number = slice(p, mm.position(1), mm.length(1));
        x.where = r.where;
        at = mm.position(0) + mm.length(0);
        if (mm[2].matched) {
          auto date = date_of(mm, 3);
          for (std::size_t k = first; k < d.references.size(); ++k)
            if (!d.references[k].date) d.references[k].date = date;
          x.date = date;
        }
        std::string xkey = x.kind + "|" + text::fold(*x.number);
        if (seen.insert(xkey).second) d.references.push_back(std::move(x));
        if (mm[2].matched) break;
      }
    }
  }
  // A number cited without its kind word, with its date: "ố 09/2019/NĐ-CP ngày 24 tháng 01 năm
  // 2019" (the copy lost "Nghị định s"), "Thực hiện 263/KH-UBND ngày 31/12/2024". The symbol
  // after the number says the kind; an agency's symbol ("2231/SNV-CCHC") says none.
  static const re::Regex bare(
    R"((?<![\w/.-])(\d+[a-z]?(?:/\d{4})?/(qd|nd|kh|tt|nq|ct|bc|tb|ttr)(?:-[a-z0-9&]+)+)\s*,?\s*ngay\s*(\d{1,2})\s*(?:/|-|thang)\s*(\d{1,2})\s*(?:/|-|nam)\s*(\d{4}))");
  if (f.find("ngay") == std::string::npos) return;
  static const std::map<std::string, std::string> symbols = {
    {"qd", "Quyết định"}, {"nd", "Nghị định"}, {"kh", "Kế hoạch"}, {"tt", "Thông tư"},
    {"nq", "Nghị quyết"}, {"ct", "Chỉ thị"}, {"bc", "Báo cáo"}, {"tb", "Thông báo"}, {"ttr", "Tờ trình"}};
  auto cited = [&](const std::string& folded) {
    return std::any_of(d.references.begin(), d.references.end(), [&](const Reference& r) {
      return r.number && text::fold(*r.number) == folded;
    });
  };
  for (auto it = re::Iter(f, bare); it != re::Iter(); ++it) {
    const auto& m = *it;
    std::string num = slice(p, m.position(1), m.length(1));
    if (cited(text::fold(num))) continue;
    Reference r;
    r.kind = symbols.at(m[2]);
    r.number = num;
    r.date = date_of(m, 3);
    r.where = where_at(p, m.position(0));
    seen.insert(r.kind + "|" + text::fold(num));
    d.references.push_back(std::move(r));
  }
}

// A row naming the document's own unit is the document's row (unit null, as the contract
// says); the same figure stated twice (a title repeating the text, a summary repeating a
// paragraph) is one record, kept where it is first written with its year.
void own_units_and_duplicates(Document& d) {
  std::string own = d.unit ? text::fold(*d.unit) : std::string();
  auto mine = [&](std::optional<std::string>& unit, std::optional<std::string>& level) {
    if (unit && !own.empty() && text::fold(*unit) == own) { unit.reset(); level.reset(); }
  };
  for (auto& s : d.scores) mine(s.unit, s.unit_level);
  for (auto& r : d.indices) mine(r.unit, r.unit_level);
  // Keys of what a record says, with its year and without (a headline repeats a figure of
  // the text, often without its year). Hashed, so a document of 100,000 figures stays linear.
  auto num = [](std::optional<double> v) { return v ? fmt::format("{:.6g}", *v) : std::string("-"); };
  auto opt = [](std::optional<int> v) { return v ? std::to_string(*v) : std::string("-"); };
  auto headline = [](const Where& w) { return w.page == 1 && w.line == 1; };
  auto score_key = [&](const Score& x, bool year) {
    return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", x.title.value_or(""), x.unit ? text::fold(*x.unit) : "",
                       x.index, opt(x.component), num(x.self), num(x.appraised), num(x.max),
                       year ? opt(x.year) : "");
  };
  auto row_key = [&](const IndexRow& x, bool year) {
    return fmt::format("{}|{}|{}|{}|{}|{}|{}", x.unit ? text::fold(*x.unit) : "", x.index,
                       opt(x.component), num(x.percent), opt(x.rank), year ? opt(x.year) : "",
                       x.name);
  };
  {
    std::unordered_set<std::string> seen, seen_any_year;
    for (const auto& x : d.scores)
      if (!x.code && !headline(x.where)) seen_any_year.insert(score_key(x, false));
    std::vector<Score> scores;
    for (auto& x : d.scores) {
      if (x.code) { scores.push_back(std::move(x)); continue; }
      if (headline(x.where) && seen_any_year.count(score_key(x, false))) continue;
      if (!seen.insert(score_key(x, true)).second) continue;
      scores.push_back(std::move(x));
    }
    d.scores = std::move(scores);
  }
  {
    std::unordered_map<std::string, std::size_t> any_year; // → position in rows
    std::unordered_set<std::string> seen;
    std::vector<IndexRow> headlines, rows;
    for (auto& x : d.indices) {
      if (headline(x.where)) { headlines.push_back(std::move(x)); continue; }
      if (!seen.insert(row_key(x, true)).second) continue;
      any_year.emplace(row_key(x, false), rows.size());
      rows.push_back(std::move(x));
    }
    for (auto& x : headlines) {
      if (auto it = any_year.find(row_key(x, false)); it != any_year.end()) {
        IndexRow& r = rows[it->second];
        if (!r.of) r.of = x.of;
        continue;
      }
      // A text that is one long line repeats itself in it too.
      any_year.emplace(row_key(x, false), rows.size());
      rows.push_back(std::move(x));
    }
    // "Quang Ninh ranked first" in the lead and "Quang Ninh ranked first with 92.18%" below
    // are one result: a row whose figures another row of the same unit, index and year
    // holds, and more, is that row said in short.
    auto who = [&](const IndexRow& x) {
      return fmt::format("{}|{}|{}|{}|{}", x.unit ? text::fold(*x.unit) : "", x.index, opt(x.component),
                         opt(x.year), x.name);
    };
    auto within = [](const IndexRow& a, const IndexRow& b) { // a's figures are b's, b has more
      auto in = [](const auto& x, const auto& y) { return !x || x == y; };
      int na = !!a.percent + !!a.rank + !!a.of, nb = !!b.percent + !!b.rank + !!b.of;
      return nb > na && in(a.percent, b.percent) && in(a.rank, b.rank) && in(a.of, b.of);
    };
    std::unordered_map<std::string, std::vector<std::size_t>> by_who;
    for (std::size_t k = 0; k < rows.size(); ++k) by_who[who(rows[k])].push_back(k);
    std::vector<bool> drop(rows.size(), false);
    for (const auto& [key, ks] : by_who) {
      if (ks.size() < 2 || ks.size() > 64) continue;
      for (std::size_t a : ks)
        for (std::size_t b : ks)
          if (a != b && !drop[b] && within(rows[a], rows[b])) { drop[a] = true; break; }
    }
    std::vector<IndexRow> kept;
    for (std::size_t k = 0; k < rows.size(); ++k)
      if (!drop[k]) kept.push_back(std::move(rows[k]));
    d.indices = std::move(kept);
  }
}

} // namespace

std::optional<int> component_from_name(std::string_view name) {
  std::string f = text::fold(name);
  if (contains(f, "chinh quyen dien tu") || contains(f, "chinh quyen so") || contains(f, "chuyen doi so"))
    return 7;
  if (contains(f, "tac dong")) return 8;
  if (contains(f, "tai chinh cong")) return 6;
  if (contains(f, "che do cong vu")) return 5;
  if (contains(f, "to chuc bo may") || contains(f, "cai cach bo may")) return 4;
  if (contains(f, "thu tuc hanh chinh") || contains(f, "cai cach tthc")) return 3;
  if (contains(f, "the che")) return 2;
  if (contains(f, "chi dao") && contains(f, "dieu hanh")) return 1;
  if (contains(f, "tthc")) return 3; // "Cải cách TTHC"
  return std::nullopt;
}

Document extract(const std::vector<PageText>& pages, const std::atomic<bool>* stop) {
  StopScope scope(stop);
  Document d;
  std::vector<Para> ps = make_paragraphs(pages);
  Meta meta = read_metadata(ps, d);
  bool english = false;
  {
    std::string all;
    for (const auto& pg : pages) all += pg.text + "\n";
    english = text::is_english(all);
  }
  // Without a header that names its kind, a text is a press release or agency news, unless it
  // opens like the body of a plan ("1. Cải cách thể chế …").
  if (!d.kind && !d.number && !ps.empty()) {
    static const re::Regex numbered(R"(^\s*(\d+|[ivx]+)\.\s)");
    // "…, Ủy ban nhân dân thành phố ban hành Kế hoạch triển khai như sau:": the opening of a
    // plan whose header was not kept; the text that follows is that plan. News tells it in
    // the past ("đã ban hành", "vừa ban hành") or as a decision's subject ("về việc ban hành").
    static const re::Regex issues_plan(
      R"((?:^|\s)(?<!da )(?<!vua )(?<!viec )(?<!se )(?:ban hanh|xay dung)\s+ke hoach\b[^.;:]{0,160}?\bnhu sau\s*:)");
    bool issues = false;
    for (std::size_t k = 0; k < ps.size() && k < 3 && !issues; ++k)
      issues = !ps[k].table && re::search(ps[k].f, issues_plan);
    // It opens like the body of a plan or report when its first numbered heading is a PAR
    // component or a section such a body has ("1. Cải cách thể chế", "I. MỤC ĐÍCH, YÊU CẦU");
    // an excerpt opening at another list ("I. Danh mục dữ liệu …") is other.
    auto body_heading = [&](const Para& p) {
      if (!re::search(p.f, numbered)) return false;
      if (component_from_name(text::to_utf8(p.u))) return true;
      for (std::string_view k : {"muc dich", "yeu cau", "muc tieu", "chi tieu", "nhiem vu", "giai phap",
                                 "noi dung", "to chuc thuc hien", "ket qua", "cai cach", "tinh hinh",
                                 "danh gia", "thuc hien", "trien khai", "cong tac", "can cu", "pham vi"})
        if (contains(p.f, k)) return true;
      return false;
    };
    if (!english && issues) d.kind = "plan";
    else if (english || !body_heading(ps.front())) d.kind = "other";
  }
  bool plan_like = !d.kind || *d.kind == "plan";

  State st;
  ResultContext rctx;
  rctx.english = english;
  read_primary(ps, rctx);
  std::optional<std::string> duty_lead; // the reporting regime's list introduction
  std::set<std::string> seen_refs;
  std::size_t i = 0;
  while (i < ps.size()) {
    if (stop && stop->load(std::memory_order_relaxed)) throw InterruptedError("interrupted");
    const Para& p = ps[i];
    if (p.table) {
      std::vector<const Para*> rows;
      while (i < ps.size() && ps[i].table) rows.push_back(&ps[i++]);
      read_table(rows, d, d);
      continue;
    }
    read_references(p, d, seen_refs);
    if (meta.kind_para && i <= *meta.kind_para + 1) { ++i; continue; }
    std::string body = strip_bullet(text::to_utf8(p.u));
    std::string bf = text::fold(body);
    if (is_heading(p)) {
      auto comp = component_from_name(body);
      static const re::Regex roman(R"(^\s*[ivx]+\.\s)");
      static const re::Regex top(R"(^\s*\d+\.\s)");
      if (re::search(p.f, top) || re::search(p.f, roman))
        st.goals = contains(p.f, "muc tieu") || contains(p.f, "chi tieu");
      if (comp && re::search(p.f, top)) {
        st.component = comp;
        st.section_title = strip_trailing(body, " .:");
        st.group.clear();
        st.narrow = false;
        st.last_task.reset();
      } else if (re::search(p.f, roman)) {
        st.component.reset();
        st.section_title.clear();
        st.group.clear();
        st.narrow = false;
        st.last_task.reset();
      }
    }
    auto n_scores = d.scores.size();
    // Criteria with codes are read by the criterion rules; results in prose (one unit or a
    // ranking of many) by the mention binder; what it leaves, such as "(2,95/3 điểm)" named by
    // the text before it, by the criterion rules again.
    bool prose = !re::search(p.f, criterion_code_re()) && read_results(p, rctx, d);
    if (!prose) read_scores(p, st, d);
    bool scored = prose || d.scores.size() != n_scores;
    // A short sub-heading ("- Đối với công tác tuyên truyền:") narrows the criteria the next
    // tasks fix to those whose titles share its words.
    if (!scored && !p.u.empty() && p.u.back() == U':' && p.u.size() < 100 && st.group.size() > 1) {
      auto words = content_words(bf);
      std::size_t best = 0;
      std::vector<std::string> chosen;
      for (const auto& c : st.group) {
        std::size_t n = 0;
        for (const auto& w : words) n += c.words.count(w);
        if (n > best) { best = n; chosen = {c.code}; }
        else if (n == best && n > 0) chosen.push_back(c.code);
      }
      if (best > 0) { st.narrowed = chosen; st.narrow = true; }
    }
    // A paragraph may state results and aim as well ("đạt 86,12%; phấn đấu năm 2025 …").
    if (prose) {
      read_targets(p, st, plan_like, d);
      read_count_targets(p, st, false, d);
    }
    if (auto intro = duty_intro(p)) duty_lead = intro;
    if (!scored && read_reporting_duty(p, duty_lead, d)) { ++i; continue; }
    if (!scored) {
      bool continuation = bf.rfind("thoi gian", 0) == 0 || bf.rfind("thoi han", 0) == 0;
      if (continuation && st.last_task) read_schedule(p.f, d.tasks[*st.last_task]);
      else {
        bool assigns = read_task(p, st, d) || read_assignment(p, d);
        if (!assigns) read_duties(p, d);
        // Figures inside an assignment describe the task; aims stand in their own sentences.
        read_targets(p, st, plan_like, d, assigns);
        read_count_targets(p, st, assigns, d);
      }
    }
    ++i;
  }

  // Years: scores and index results belong to the assessed year; targets to the plan year.
  if (meta.year && (!d.scores.empty() || !d.indices.empty())) {
    std::optional<int> title_year;
    if (d.title) {
      static const re::Regex y(R"(nam\s+(\d{4}))");
      Match m;
      std::string tf = text::fold(*d.title);
      if (re::search(tf, m, y)) title_year = to_int(m[1]);
    }
    d.assessed_year = (title_year && *title_year < *meta.year) ? *title_year : *meta.year - 1;
  }
  complete_news(ps, english, d);
  // The document never cites itself: a title "Quyết định 29/2022/QĐ-UBND quy định …" names
  // the document, and so does its own number met again in the text.
  if (!d.number && !d.references.empty() && !ps.empty() && d.references.front().where.line == ps.front().where.line &&
      d.references.front().where.page == 1 && ps.front().f.rfind(text::fold(d.references.front().kind), 0) == 0) {
    d.number = d.references.front().number;
    if (!d.kind || *d.kind == "other") {
      std::string k = text::fold(d.references.front().kind);
      if (k == "quyet dinh") d.kind = "decision";
      else if (k == "ke hoach") d.kind = "plan";
      else if (k == "bao cao") d.kind = "report";
    }
  }
  if (d.number) {
    auto norm = [](const std::string& n) {
      std::string k;
      for (char c : text::fold(n)) if (std::isalnum(static_cast<unsigned char>(c))) k.push_back(c);
      return k;
    };
    std::string own = norm(*d.number);
    std::erase_if(d.references, [&](const Reference& r) { return r.number && norm(*r.number) == own; });
  }
  own_units_and_duplicates(d);
  for (auto& s : d.scores)
    if (!s.year) s.year = d.assessed_year;
  for (auto& r : d.indices)
    if (!r.year) r.year = d.assessed_year;
  for (auto& t : d.targets)
    if (!t.year) t.year = d.plan_year;
  return d;
}

} // namespace parindex::extract
