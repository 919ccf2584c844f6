// Typed mentions from one pass over a paragraph's tokens. Each recogniser looks at the tokens
// at one position and either claims a span or leaves it; nothing re-reads characters.
#include "mentions.hpp"

#include <parindex/extract.hpp>

#include <algorithm>
#include <cstdlib>
#include <initializer_list>
#include <map>
#include <unordered_set>

namespace parindex::extract {

namespace {

bool word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

std::vector<Token> tokenize(const Para& p) {
  std::vector<Token> out;
  const std::string& f = p.f;
  std::size_t i = 0, n = f.size();
  out.reserve(n / 4);
  while (i < n) {
    char c = f[i];
    if (c == ' ' || c == '\t') { ++i; continue; }
    Token t;
    t.b = i;
    if (digit(c)) {
      std::size_t j = i;
      // Digits with inner separators: "92,16", "2.429", "91.651". A separator must be followed
      // by a digit, so "2023." ends at the year.
      while (j < n && (digit(f[j]) || ((f[j] == ',' || f[j] == '.') && j + 1 < n && digit(f[j + 1]) && j > i)))
        ++j;
      // "55th", "1st": an English ordinal stays one word.
      std::size_t k = j;
      while (k < n && f[k] >= 'a' && f[k] <= 'z') ++k;
      // "1e5", "2x3b": digits glued to letters and digits are one word, never a number.
      if (k > j)
        while (k < n && ((f[k] >= 'a' && f[k] <= 'z') || digit(f[k]))) ++k;
      t.number = k == j;
      j = k;
      t.e = j;
    } else if (word_char(c)) {
      std::size_t j = i;
      while (j < n && word_char(f[j])) ++j;
      t.e = j;
    } else {
      t.punct = true;
      t.e = i + 1;
    }
    t.f = std::string_view(f).substr(t.b, t.e - t.b);
    t.cap = t.b < p.u.size() && text::is_upper(p.u[t.b]);
    out.push_back(std::move(t));
    i = t.e == 0 ? i + 1 : out.back().e;
  }
  return out;
}

std::optional<std::string> index_label(const std::string& f) {
  auto has = [&](std::string_view k) { return f.find(k) != std::string::npos; };
  if (has("sipas") || has("hai long") || has("satisfaction")) return "SIPAS";
  if (has("papi") || has("hieu qua quan tri")) return "PAPI";
  if (has("ddci") || has("canh tranh cap so")) return "DDCI";
  if (has("pci") || has("nang luc canh tranh") || has("competitiveness")) return "PCI";
  if (has("766")) return "766";
  if (has("dti") || has("chuyen doi so") || has("digital transformation")) return "DTI";
  if (has("par") || has("cchc") || has("cai cach hanh chinh") || has("administrative reform") ||
      has("administration reform"))
    return "PAR INDEX";
  return std::nullopt;
}

namespace {

using Words = std::initializer_list<std::string_view>;

class Scanner {
public:
  Scanner(const Para& p, bool english) : m_p(p), m_t(tokenize(p)), m_en(english) {}

  std::vector<Mention> run() {
    std::size_t i = 0, steps = 0;
    while (i < m_t.size()) {
      if (++steps % 4096 == 0) check_stop();
      std::size_t used = step(i);
      i += used ? used : 1;
    }
    return std::move(m_out);
  }

private:
  const Para& m_p;
  std::vector<Token> m_t;
  bool m_en;
  std::vector<Mention> m_out;

  std::string_view w(std::size_t i) const { return i < m_t.size() ? m_t[i].f : std::string_view(); }
  template <class Seq>
  bool at_seq(std::size_t i, const Seq& words) const {
    for (auto x : words) {
      if (i >= m_t.size() || m_t[i].f != x) return false;
      ++i;
    }
    return true;
  }
  bool at(std::size_t i, Words words) const { return at_seq(i, words); }
  bool at(std::size_t i, const std::vector<std::string_view>& words) const { return at_seq(i, words); }
  // Any of several phrases at i; returns the length of the first that matches.
  std::size_t any(std::size_t i, std::initializer_list<Words> phrases) const {
    for (const auto& ph : phrases)
      if (at(i, ph)) return ph.size();
    return 0;
  }
  bool is_num(std::size_t i) const { return i < m_t.size() && m_t[i].number; }

  Mention& add(Mention::Kind k, std::size_t from, std::size_t to) {
    Mention m;
    m.kind = k;
    m.b = m_t[from].b;
    m.e = m_t[std::min(to, m_t.size()) - 1].e;
    m_out.push_back(std::move(m));
    return m_out.back();
  }

  // "92,16" → 92.16; "92.83" → 92.83 (a dot before 1–3 digits is a decimal in a score or a
  // percent; thousands never come with "điểm" or "%"); "2.429.000" → nullopt.
  static std::optional<double> decimal(std::string_view s) {
    std::size_t seps = std::count_if(s.begin(), s.end(), [](char c) { return c == ',' || c == '.'; });
    if (seps > 1 || s.size() > 12) return std::nullopt;
    std::string t(s);
    std::replace(t.begin(), t.end(), ',', '.');
    return std::strtod(t.c_str(), nullptr);
  }
  static std::optional<int> integer(std::string_view s) {
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), digit)) return std::nullopt;
    return small_int(s);
  }
  // 1-4 ASCII digits, checked by the caller.
  static int small_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  }
  static std::optional<int> ordinal_word(std::string_view s) {
    static const std::map<std::string, int, std::less<>> words = {
      {"nhat", 1}, {"nhi", 2}, {"hai", 2}, {"ba", 3}, {"tu", 4}, {"nam", 5}, {"sau", 6},
      {"bay", 7}, {"tam", 8}, {"chin", 9}, {"muoi", 10}};
    auto it = words.find(s);
    if (it == words.end()) return std::nullopt;
    return it->second;
  }
  static std::optional<int> english_ordinal(std::string_view s) {
    static const std::map<std::string, int, std::less<>> words = {
      {"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5}, {"sixth", 6},
      {"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10}};
    if (auto it = words.find(s); it != words.end()) return it->second;
    std::size_t k = 0;
    while (k < s.size() && digit(s[k])) ++k;
    if (k == 0 || k > 3) return std::nullopt;
    std::string_view suf = s.substr(k);
    if (suf != "st" && suf != "nd" && suf != "rd" && suf != "th") return std::nullopt;
    return small_int(s.substr(0, k));
  }

  std::size_t step(std::size_t i) {
    const Token& t = m_t[i];
    if (t.punct) {
      if (t.f == ";" || (t.f == "." && (i + 1 == m_t.size() || m_t[i + 1].cap))) add(Mention::Kind::stop, i, i + 1);
      if (t.f == "(") add(Mention::Kind::open, i, i + 1);
      if (t.f == ")") add(Mention::Kind::close, i, i + 1);
      return 1;
    }
    // Most words start no mention: only numbers, capitalised words and the first words of the
    // recognisers below are tried (a third of the scanner's time went to the rest).
    if (!t.number && !t.cap && !(t.f[0] >= '0' && t.f[0] <= '9') && !starts_mention(t.f)) return 1;
    if (std::size_t n = respectively(i)) return n;
    if (std::size_t n = each(i)) return n;
    if (std::size_t n = pillar(i)) return n;
    if (std::size_t n = change(i)) return n;
    if (std::size_t n = aim(i)) return n;
    if (std::size_t n = average(i)) return n;
    if (std::size_t n = rank(i)) return n;
    if (std::size_t n = figure(i)) return n;
    if (std::size_t n = year(i)) return n;
    if (std::size_t n = index_name(i)) return n;
    if (std::size_t n = unit(i)) return n;
    if (std::size_t n = of_total(i)) return n;
    return 1;
  }

  static bool starts_mention(std::string_view w) {
    static const std::unordered_set<std::string_view> first = {
      // changes, aims, averages
      "tang", "giam", "cao", "thap", "tut", "increase", "increased", "rose", "up", "down",
      "decrease", "dropped", "phan", "muc", "chi", "it", "toi", "aims", "aim", "target", "strive",
      "strives", "so", "trung", "binh", "average",
      // ranks
      "dan", "dung", "quan", "vi", "cuoi", "xep", "o", "thu", "giu", "dat", "ranked", "ranking",
      "ranks", "rank", "placed", "came", "stood", "at", "in", "to", "retained", "its", "the", "led",
      "leads", "topped", "top", "leading", "first", "second", "third", "fourth", "fifth", "sixth",
      "seventh", "eighth", "ninth", "tenth",
      // "lần lượt", "respectively"
      "lan", "respectively", "deu", "kinh", "chinh",
      // years, counts ranked
      "nam", "year", "trong", "tren", "out", "voi",
      // index names
      "sipas", "satisfaction", "papi", "ddci", "nang", "pci", "competitiveness", "bo", "dti",
      "digital", "par", "parindex", "pari", "cchc", "administrative", "administration", "linh", "su",
      "noi", "cai",
      // units
      "vung", "ubnd", "uy", "thanh", "thi", "tinh", "huyen", "xa", "phuong", "tp", "department", "vien",
      "ministry"};
    return first.count(w) != 0;
  }

  // "tăng 3,68 điểm", "giảm 14 bậc", "an increase of 0.33 percent": changes are not results.
  std::size_t change(std::size_t i) {
    static const std::unordered_set<std::string_view> first = {
      "tang", "giam", "cao", "thap", "tut", "increase", "increased", "rose", "up", "down", "decrease", "dropped"};
    if (!first.count(w(i))) return 0;
    std::size_t n = any(i, {{"tang"}, {"giam"}, {"cao", "hon"}, {"thap", "hon"}, {"tut"},
                            {"increase", "of"}, {"increased", "by"}, {"rose"}, {"up"}, {"down"},
                            {"decrease", "of"}, {"dropped"}, {"tang", "them"}, {"tang", "hang"}});
    if (!n) return 0;
    std::size_t j = i + n;
    for (std::size_t k = j; k < j + 6 && k < m_t.size(); ++k) {
      if (m_t[k].punct && m_t[k].f != "(") break;
      if (!is_num(k)) continue;
      // "cao hơn năm 2022 là 1,12%": the year compared with is not the change.
      if (w(k).size() == 4 && k > 0 && (w(k - 1) == "nam" || w(k - 1) == "in")) continue;
      std::size_t end = k + 1;
      bool places = any(end, {{"bac"}, {"hang"}, {"places"}, {"place"}}) != 0;
      if (any(end, {{"diem"}, {"%"}, {"bac"}, {"hang"}, {"points"}, {"point"}, {"percent"},
                    {"places"}, {"place"}, {"percentage", "points"}}))
        ++end;
      // A rise in rank is kept: in an aim it is a target ("phấn đấu … tăng ít nhất 01 bậc").
      if (places && (w(i) == "tang" || w(i) == "rose" || w(i) == "up")) {
        Mention& m = add(Mention::Kind::change, i, end);
        m.value = decimal(w(k));
        m.self = at(k - 2 < m_t.size() ? k - 2 : k, {"it", "nhat"}) || at(k - 2 < m_t.size() ? k - 2 : k, {"toi", "thieu"});
      }
      return end - i;
    }
    return 0;
  }

  // Whether a list follows soon after token j, in the same clause ("…, gồm: A, B, C").
  bool lists_after(std::size_t j) const {
    for (std::size_t k = j; k < m_t.size() && k < j + 10; ++k) {
      if (m_t[k].f == ";" || m_t[k].f == ".") return false;
      if (m_t[k].f == "gom" || (m_t[k].f == "la" && at(k + 1, {":"}))) return true;
    }
    return false;
  }

  // "chính quyền số", "kinh tế số", "xã hội số": the pillars of the DTI (named, no number).
  std::size_t pillar(std::size_t i) {
    std::size_t n = any(i, {{"chinh", "quyen", "so"}, {"kinh", "te", "so"}, {"xa", "hoi", "so"}});
    if (!n) return 0;
    Mention& m = add(Mention::Kind::pillar, i, i + n);
    m.name = cap_first(text_of(i, i + n));
    return n;
  }

  // "A, B và C đều xếp thứ 2/63": each of those listed.
  std::size_t each(std::size_t i) {
    if (!at(i, {"deu"})) return 0;
    add(Mention::Kind::each, i, i + 1);
    return 1;
  }

  // "TP.HCM và Quảng Ninh lần lượt xếp thứ 2 và 3", "… ranked 2nd and 3rd, respectively".
  std::size_t respectively(std::size_t i) {
    std::size_t n = any(i, {{"lan", "luot"}, {"respectively"}});
    if (!n) return 0;
    add(Mention::Kind::respectively, i, i + n);
    return n;
  }

  // Whether "lần lượt" / "respectively" is written in the clause around token i, so that a
  // rank goes on as a list ("xếp thứ 2 và 3", "2nd and 3rd").
  bool respective_clause(std::size_t i) const {
    for (std::size_t k = m_out.size(); k-- > 0;) {
      if (m_out[k].kind == Mention::Kind::stop) break;
      if (m_out[k].kind == Mention::Kind::respectively) return true;
    }
    for (std::size_t k = i; k < m_t.size() && k < i + 12; ++k) {
      if (m_t[k].f == ";" || m_t[k].f == ".") break;
      if (m_t[k].f == "respectively") return true;
    }
    return false;
  }

  // After a rank at j (its last token), more ranks in a respective list: ", 3 và 4", "and 3rd".
  std::size_t rank_list(std::size_t i, std::size_t j) {
    if (!respective_clause(i)) return j;
    std::size_t e = j;
    while (std::size_t sep = any(e, {{",", "and"}, {",", "va"}, {","}, {"va"}, {"and"}})) {
      std::size_t k = e + sep;
      if (at(k, {"thu"})) ++k;
      std::optional<int> r;
      if (m_en) r = english_ordinal(w(k));
      else if (is_num(k) && w(k).find_first_of(",.") == std::string::npos) r = integer(w(k));
      else r = ordinal_word(w(k));
      if (!r || *r < 1 || *r > 2000) break;
      Mention& m = add(Mention::Kind::rank, k, k + 1);
      m.rank = r;
      e = k + 1;
    }
    return e;
  }

  std::size_t aim(std::size_t i) {
    std::size_t n = any(i, {{"phan", "dau"}, {"muc", "tieu"}, {"chi", "tieu"}, {"it", "nhat"},
                            {"toi", "thieu"}, {"aims"}, {"aim"}, {"target"}, {"strive"},
                            {"strives"}});
    if (!n) return 0;
    add(Mention::Kind::aim, i, i + n);
    return n;
  }

  std::size_t average(std::size_t i) {
    // "So với năm 2019, … vẫn giữ nguyên vị trí thứ 56/63": a comparison restates, it does
    // not report; treated like an average (left out).
    if (at(i, {"so", "voi"}) && (i == 0 || w(i - 1) == "." || w(i - 1) == ";")) {
      add(Mention::Kind::average, i, i + 2);
      return 2;
    }
    std::size_t n = any(i, {{"trung", "binh"}, {"binh", "quan"}, {"average"}});
    if (!n) return 0;
    // "đạt mức trung bình", "nhóm trung bình cao": a band, not an average over units.
    if (i > 0 && (w(i - 1) == "muc" || w(i - 1) == "nhom" || w(i - 1) == "loai")) return n;
    bool value = i > 0 && (w(i - 1) == "tri" || w(i - 1) == "diem"); // "giá trị trung bình"
    if (!value && any(i + n, {{"cao"}, {"thap"}, {"kha"}})) return n;
    add(Mention::Kind::average, i, i + n);
    return n;
  }

  // A number, then "/" and a number (for ranks and fractions).
  bool fraction(std::size_t i, std::optional<int>& a, std::optional<int>& b) const {
    if (!is_num(i) || !at(i + 1, {"/"}) || !is_num(i + 2)) return false;
    a = integer(w(i));
    b = integer(w(i + 2));
    return a && b && *a >= 1 && *a <= *b && *b <= 2000;
  }

  // "43/63" at j, after the words from i that introduce it: a rank of a count.
  std::size_t rank_fraction(std::size_t i, std::size_t j) {
    std::optional<int> a, b;
    if (!fraction(j, a, b)) return 0;
    Mention& m = add(Mention::Kind::rank, i, j + 3);
    m.rank = a;
    m.of = b;
    return j + 3 - i;
  }

  std::size_t rank(std::size_t i) {
    std::size_t j = i;
    // "Lâm Đồng (46/63)", "compared to 2023 (57/63)": a national rank in parentheses.
    if (i > 0 && w(i - 1) == "(") {
      std::optional<int> a, b;
      if (fraction(i, a, b) && *b >= 60 && at(i + 3, {")"})) {
        Mention& m = add(Mention::Kind::rank, i, i + 3);
        m.rank = a;
        m.of = b;
        return 3;
      }
    }
    if (m_en) {
      // "ranked 4th", "ranking 55th out of 63", "55th place", "first place", "ranked first"
      std::size_t n = any(i, {{"ranked"}, {"ranking"}, {"ranks"}, {"rank"}, {"placed"},
                              {"came"}, {"stood"}, {"at"}, {"in"}, {"to"}, {"retained", "its"},
                              {"retained"}, {"its"}, {"the"}});
      j = i + n;
      if (at(j, {"the"})) ++j;
      if (auto r = english_ordinal(w(j))) {
        std::size_t e = j + 1;
        bool place = any(e, {{"place"}, {"position"}, {"out", "of"}, {"among"}, {"amongst"}, {"nationwide"}});
        if (!(n && (w(i) == "ranked" || w(i) == "ranking" || w(i) == "ranks" || w(i) == "rank" ||
                    w(i) == "placed" || w(i) == "stood" || w(i) == "came")) && !place)
          return 0;
        Mention& m = add(Mention::Kind::rank, i, e);
        m.rank = r;
        if (at(e, {"place"}) || at(e, {"position"})) ++e;
        if (at(e, {"out", "of"}) && is_num(e + 2)) { m.of = integer(w(e + 2)); e += 3; }
        else if (std::size_t a = any(e, {{"among", "the"}, {"amongst", "the"}, {"among"}, {"amongst"}});
                 a && is_num(e + a)) { m.of = integer(w(e + a)); e += a + 1; }
        m.e = m_t[e - 1].e;
        return rank_list(i, e) - i;
      }
      if (n && (w(i) == "ranked" || w(i) == "ranking") && is_num(j))
        if (std::size_t k = rank_fraction(i, j)) return k;
      if (std::size_t k = any(i, {{"led"}, {"leads"}, {"to", "lead"}, {"topped"}, {"top", "spot"},
                                  {"leading", "position"}, {"leading"}, {"first", "place"}})) {
        Mention& m = add(Mention::Kind::rank, i, i + k);
        m.rank = 1;
        return k;
      }
      return 0;
    }
    // Every Vietnamese phrase below starts with one of these words.
    static const std::unordered_set<std::string_view> first = {
      "xep", "dung", "vi", "dan", "quan", "cuoi", "cao", "thap", "o", "thu", "giu", "dat"};
    if (!first.count(w(i))) return 0;
    // "dẫn đầu", "đứng đầu": rank 1, unless a person heads something ("người đứng đầu các cơ quan").
    if (std::size_t k = any(i, {{"xep", "dau", "tien"}, {"dung", "dau", "tien"}, {"vi", "tri", "dau", "tien"},
                                {"dan", "dau"}, {"dung", "dau"}, {"quan", "quan"}, {"vi", "tri", "so", "1"}});
        k && !(i > 0 && (w(i - 1) == "nguoi" || w(i - 1) == "vai")) &&
        // "trong tốp 5 địa phương dẫn đầu": one of the leaders, not the first.
        // "là địa phương dẫn đầu cả nước", "là tỉnh đứng đầu" is the first.
        // ("ngôi vị quán quân" is the first: only "đơn vị" is one of many.)
        !(i > 0 && (w(i - 1) == "phuong" || (w(i - 1) == "vi" && i > 1 && w(i - 2) == "don") ||
                    w(i - 1) == "tinh" || w(i - 1) == "nhom") &&
          !(w(i - 1) == "tinh" ? i > 1 && w(i - 2) == "la" : i > 2 && w(i - 3) == "la")) &&
        // "có Chỉ số DTI đứng đầu năm 2023 …, gồm: Lạng Sơn, Cần Thơ, …": a list of leaders.
        !lists_after(i + k) &&
        !(i > 2 && (w(i - 3) == "top" || w(i - 4 < m_t.size() ? i - 4 : 0) == "top")) &&
        !any(i + k, {{"cac"}, {"co", "quan"}, {"don", "vi"}, {"phong"}, {"so"}, {"nganh"}, {"dia", "phuong"}})) {
      Mention& m = add(Mention::Kind::rank, i, i + k);
      m.rank = 1;
      return k;
    }
    if (std::size_t k = any(i, {{"cuoi", "bang"}, {"cuoi", "cung"}})) {
      add(Mention::Kind::last, i, i + k);
      return k;
    }
    // "đạt Chỉ số CCHC năm 2022 cao nhất", "đơn vị có kết quả chỉ số thấp nhất": the first and
    // the last, where the words just before name the index ("điểm cao nhất là …" does not).
    if (std::size_t k = any(i, {{"cao", "nhat"}, {"thap", "nhat"}}); k && !any(i + k, {{"la"}, {":"}})) {
      bool index_before = false;
      for (std::size_t q = i; q > 0 && q + 7 > i && !m_t[q - 1].punct && !index_before; --q)
        index_before = at(q - 1, {"chi", "so"}) || w(q - 1) == "cchc" || w(q - 1) == "par";
      // Not of many: "các tỉnh … có giá trị trung bình cao nhất", "trong số 15 tỉnh đạt điểm
      // chỉ số cao nhất", "giữa đơn vị cao nhất và thấp nhất".
      bool many = false;
      for (std::size_t q = i; q > 0 && q + 12 > i && !many && w(q - 1) != "." && w(q - 1) != ";"; --q)
        many = w(q - 1) == "cac" || w(q - 1) == "nhom" || w(q - 1) == "top" || w(q - 1) == "giua" ||
               w(q - 1) == "nhung" || at(q - 1, {"trong", "so"}) || at(q - 1, {"trung", "binh"});
      if (index_before && !many) {
        if (w(i) == "cao") add(Mention::Kind::rank, i, i + k).rank = 1;
        else add(Mention::Kind::last, i, i + k);
        return k;
      }
    }
    // "xếp hạng thứ 43/63", "xếp vị trí thứ 2", "đứng vị trí thứ nhất", "đứng thứ 3/10",
    // "thứ hạng 15", "xếp thứ 8", "thứ 21".
    std::size_t verb = any(i, {{"xep", "hang"}, {"xep", "vi", "tri"}, {"xep", "vi", "thu"},
                               {"xep", "o", "vi", "tri"}, {"xep"}, {"dung", "vi", "tri"},
                               {"dung", "o", "vi", "tri"}, {"dung"}, {"o", "vi", "tri"},
                               {"vi", "tri"}, {"thu", "hang"}, {"giu", "vi", "tri"}, {"dat", "hang"}});
    j = i + verb;
    if (verb && at(j, {":"})) ++j; // "Xếp hạng: 27/63"
    bool thu = false;
    if (at(j, {"thu"})) { ++j; thu = true; }
    if (!verb && !thu) return 0;
    // "phiên họp thứ năm", "kỳ họp thứ 7", "Điều thứ 2": the ordinal of the noun before it.
    if (thu && !verb && i > 0 &&
        any(i - 1, {{"hop"}, {"nghi"}, {"khoa"}, {"dot"}, {"ky"}, {"phien"}, {"buoi"}, {"ngay"},
                    {"thang"}, {"tuan"}, {"quy"}, {"chuong"}, {"dieu"}, {"muc"}, {"phan"}, {"khoan"},
                    {"lan"}, {"nam"}}))
      return 0;
    if (at(j, {"cuoi"})) {
      std::size_t e = j + 1 + (any(j + 1, {{"bang"}, {"cung"}}) ? 1 : 0);
      add(Mention::Kind::last, i, e);
      return e - i;
    }
    if (std::size_t k = rank_fraction(i, j)) return k;
    if (is_num(j) && w(j).find_first_of(",.") == std::string::npos) {
      auto r = integer(w(j));
      if (!r || *r < 1 || *r > 2000) return 0;
      // "xếp hạng 63 UBND tỉnh", "xếp hạng 17 bộ": how many are ranked, not a rank.
      if (!thu && any(i, {{"xep", "hang"}}) &&
          any(j + 1, {{"ubnd"}, {"uy", "ban"}, {"tinh"}, {"bo"}, {"co", "quan"}, {"don", "vi"},
                      {"so"}, {"huyen"}, {"xa"}, {"dia", "phuong"}, {"tinh", "thanh"}}))
        return 0;
      // "vào thứ 3, thứ 5 hàng tuần": days of the week (2 to 7), not "Ban Dân tộc thứ 20,".
      if (thu && !verb && *r >= 2 && *r <= 7 &&
          (any(j + 1, {{",", "thu"}, {"hang", "tuan"}, {"va", "thu"}}) || (i > 0 && w(i - 1) == "vao")))
        return 0;
      // "thứ 2 liên tiếp", "lần thứ 6": counts of years or times, not ranks.
      if (any(j + 1, {{"lien", "tiep"}, {"nam"}, {"lan"}})) return 0;
      if (i > 0 && any(i - 1, {{"lan"}, {"nam"}})) return 0;
      Mention& m = add(Mention::Kind::rank, i, j + 1);
      m.rank = r;
      return rank_list(i, j + 1) - i;
    }
    if (thu && !(w(j) == "tu" && (i > 0 && w(i - 1) == "theo"))) {
      if (auto r = ordinal_word(w(j)); r && !(w(j) == "tu" && any(j + 1, {{"la"}, {"uu"}, {"cac"}, {"do"}}))) {
        if (any(j + 1, {{"lien", "tiep"}})) return 0;
        if (i > 0 && any(i - 1, {{"lan"}, {"nam"}})) return 0;
        Mention& m = add(Mention::Kind::rank, i, j + 1);
        m.rank = r;
        return rank_list(i, j + 1) - i;
      }
    }
    return 0;
  }

  // "trong tổng số 20 Sở", "trong số 27 huyện", "out of 63".
  std::size_t of_total(std::size_t i) {

    std::size_t n = any(i, {{"trong", "tong", "so"}, {"trong", "so"}, {"tren", "tong", "so"},
                            {"out", "of"}, {"voi"}, {"trong"}});
    if (!n || !is_num(i + n)) return 0;
    auto v = integer(w(i + n));
    if (!v || *v < 2) return 0;
    // "… ở vị trí thứ 14 trong 63 tỉnh, thành phố": "trong" alone needs the units ranked.
    if (n == 1 && w(i) == "trong" &&
        !any(i + n + 1, {{"tinh"}, {"huyen"}, {"xa"}, {"bo"}, {"so"}, {"co", "quan"}, {"don", "vi"},
                         {"dia", "phuong"}, {"quan"}}))
      return 0;
    // "với 5 đơn vị ngành dọc", "với 21 cơ quan chuyên môn": the units ranked.
    if (w(i) == "voi" && !any(i + n + 1, {{"don", "vi"}, {"co", "quan"}, {"so"}, {"huyen"},
                                          {"xa"}, {"bo"}, {"dia", "phuong"}, {"tinh"}}))
      return 0;
    Mention& m = add(Mention::Kind::of_total, i, i + n + 1);
    m.of = v;
    return n + 1;
  }

  // Points and percents.
  std::size_t figure(std::size_t i) {
    if (!is_num(i)) return 0;
    // Thresholds and bands: "trên 80%", "từ 90% trở lên", "above the benchmark of 80 percent".
    auto threshold_before = [&] {
      for (Words ws : {Words{"tren"}, Words{"duoi"}, Words{"tu"}, Words{"hon"}, Words{"over"},
                       Words{"above"}, Words{"below"}, Words{"of"}, Words{"khoang"}, Words{"than"},
                       Words{"nearly"}, Words{"about"}, Words{"gan"}, Words{"vuot"}}) {
        if (i >= ws.size() && at(i - ws.size(), ws)) {
          // "of" only in "benchmark of", "threshold of", "increase of" (changes are eaten before).
          if (*ws.begin() == "of")
            return i >= 2 && (w(i - 2) == "benchmark" || w(i - 2) == "threshold" || w(i - 2) == "level");
          return true;
        }
      }
      return false;
    };
    std::size_t j = i + 1;
    std::optional<double> v = decimal(w(i));
    if (!v) return 0;
    // "(+3.79%)", "(-0.02%)": a signed figure is a change.
    bool signed_figure = i > 0 && (w(i - 1) == "+" || (w(i - 1) == "-" && i > 1 && w(i - 2) == "("));
    // "1e309/2", "x/3": nor a number after a slash after a word.
    if (i >= 2 && w(i - 1) == "/" && !m_t[i - 2].punct && !is_num(i - 2)) return 1;
    // "2/1e5", "3/x": a slash after a figure with no number after it is no figure.
    if (at(j, {"/"}) && j + 1 < m_t.size() && !m_t[j + 1].punct && !is_num(j + 1)) return j + 2 - i;
    // Fraction "87,37/100 điểm", "61,59/68", "8,03/10 điểm".
    if (at(j, {"/"}) && is_num(j + 1)) {
      auto mx = decimal(w(j + 1));
      std::size_t e = j + 2;
      bool diem = any(e, {{"diem"}, {"points"}, {"point"}}) != 0;
      if (diem) ++e;
      if (!mx || *mx <= 0 || *v > *mx) return e - i;
      // A bare fraction is a score only out of 100 or with "điểm"; "19/19 xã" is a count.
      bool decimal_point = w(i).find_first_of(",.") != std::string::npos;
      if (!diem && !(*mx == 100 && decimal_point)) {
        // "Có 11/17 bộ …", "53/63 tỉnh": a count whose denominator is the units ranked.
        std::optional<int> a, b;
        if (fraction(i, a, b) && any(e, {{"bo"}, {"tinh"}, {"so"}, {"huyen"}, {"xa"}, {"co", "quan"},
                                         {"don", "vi"}, {"dia", "phuong"}, {"localities"}, {"provinces"}})) {
          Mention& m = add(Mention::Kind::of_total, i, e);
          m.of = b;
        }
        return e - i;
      }
      if (threshold_before()) return e - i;
      Mention& m = add(Mention::Kind::points, i, e);
      m.value = v;
      m.max = mx;
      m.self = self_before(i);
      return e - i;
    }
    if (std::size_t n = any(j, {{"%"}, {"percent"}, {"phan", "tram"}})) {
      std::size_t e = j + n;
      // "từ 80% - 90%", "từ 80% đến 90%": the upper end of a band.
      bool band_end = i >= 2 && (w(i - 1) == "-" || w(i - 1) == "den") && (w(i - 2) == "%" || w(i - 2) == "percent");
      if (signed_figure || band_end || threshold_before() ||
          any(e, {{"tro", "len"}, {"tro", "xuong"}, {"or", "more"}, {"or", "higher"}, {"or", "above"},
                  {"to", "less"}, {"den", "duoi"}, {"-", "duoi"}, {"lower"}, {"higher"},
                  {"thap", "hon"}, {"cao", "hon"}, {"more", "than"}, {"less", "than"}}))
        return e - i;
      // "100% công chức", "95% hồ sơ": a share of things, not an index result.
      if (any(e, {{"cong", "chuc"}, {"can", "bo"}, {"vien", "chuc"}, {"ho", "so"}, {"van", "ban"},
                  {"thu", "tuc"}, {"tthc"}, {"co", "quan"}, {"don", "vi"}, {"nguoi"}, {"doanh", "nghiep"},
                  {"dich", "vu"}, {"phan", "anh"}, {"kien", "nghi"}, {"so", "luong"}, {"cac"},
                  {"of", "the"}, {"of", "all"}}))
        return e - i;
      Mention& m = add(Mention::Kind::percent, i, e);
      m.value = v;
      return e - i;
    }
    if (std::size_t n = any(j, {{"diem"}, {"points"}, {"point"}})) {
      std::size_t e = j + n;
      if (threshold_before() || at(e, {"tro", "len"})) return e - i;
      // "thang điểm 100", "Tổng điểm đánh giá là 100 điểm, trong đó 32 điểm là …": a scale
      // and its parts, not results ("tổng điểm đạt được 87,37" is one).
      if (i >= 1 && (w(i - 1) == "thang" || at(i - 2 < m_t.size() ? i - 2 : i, {"thang", "diem"}))) return e - i;
      if (at(e, {"la"})) return e - i;
      for (std::size_t k = i; k > 0 && k + 7 > i; --k) {
        if (w(k - 1) == "dat" || w(k - 1) == "reached" || w(k - 1) == "scored") break;
        if (at(k - 1, {"tong", "diem"}) || at(k - 1, {"thang", "diem"}) || at(k - 1, {"toi", "da"})) return e - i;
      }
      Mention& m = add(Mention::Kind::points, i, e);
      m.value = v;
      m.self = self_before(i);
      return e - i;
    }
    return 0;
  }

  bool self_before(std::size_t i) const {
    for (std::size_t k = i; k > 0 && k + 6 > i; --k) {
      if (m_t[k - 1].punct && m_t[k - 1].f != ":") return false;
      if (at(k - 1, {"tu", "danh", "gia"}) || at(k - 1, {"tu", "cham"}) || at(k - 1, {"self"}))
        return true;
    }
    return false;
  }

  // "năm 2023", "2023", "in 2023"; not a date's year ("06/02/2024"), a range start, a document
  // number ("135/2006/QĐ-UBND") or a comparison ("so với năm 2022").
  std::size_t year(std::size_t i) {
    // "năm nay": the year of the document's results, known only later.
    if (at(i, {"nam", "nay"}) || at(i, {"this", "year"})) {
      add(Mention::Kind::year, i, i + 2);
      return 2;
    }
    std::size_t j = i;
    bool nam = false;
    if (at(i, {"nam"}) || at(i, {"in"}) || at(i, {"year"})) { j = i + 1; nam = true; }
    if (!is_num(j) || w(j).size() != 4) return 0;
    int y = std::atoi(std::string(w(j)).c_str());
    if (y < 1995 || y > 2040) return 0;
    if (j > 0 && (w(j - 1) == "/" || w(j - 1) == "-")) return 0;
    if (at(j + 1, {"/"}) || at(j + 1, {"-"})) return 0;
    std::size_t s = nam ? i : j;
    bool compared = (s >= 2 && at(s - 2, {"so", "voi"})) ||
                    (s >= 1 && (w(s - 1) == "voi" || w(s - 1) == "than" || w(s - 1) == "since" || w(s - 1) == "tu" ||
                                (m_en && (w(s - 1) == "to" || w(s - 1) == "from"))));
    // "so với xếp hạng năm 2023", "so năm 2022": the year compared with, a few words after "so".
    for (std::size_t q = s; !compared && q > 0 && q + 4 > s && !m_t[q - 1].punct && !m_t[q - 1].number; --q)
      compared = lower(q - 1) == "so" && (q == s || w(q) == "voi" || w(q) == "xep" || w(q) == "ket");
    if (compared) {
      // "up 16 places compared to 2023 (57/63)": the parenthesis gives that year's figure.
      if (at(j + 1, {"("}) && is_num(j + 2)) {
        add(Mention::Kind::open, j + 1, j + 2);
        Mention& m = add(Mention::Kind::year, i, j + 1);
        m.year = y;
        m.compared = true;
        return j + 2 - i;
      }
      return j + 1 - i;
    }
    Mention& m = add(Mention::Kind::year, i, j + 1);
    m.year = y;
    return j + 1 - i;
  }

  std::size_t index_name(std::size_t i) {
    // Every name below starts with one of these words: others are not looked at further.
    static const std::unordered_set<std::string_view> first = {
      "sipas", "chi", "su", "satisfaction", "papi", "ddci", "nang", "pci", "competitiveness", "bo",
      "dti", "muc", "digital", "par", "parindex", "pari", "cchc", "administrative", "administration",
      "linh", "noi", "cai"};
    if (!first.count(w(i))) return 0;
    // Named indices first; then a PAR component ("Chỉ số cải cách thể chế"); then PAR itself.
    struct Name { std::vector<std::string_view> words; const char* label; };
    static const std::vector<Name> names = {
      {{"sipas"}, "SIPAS"}, {{"chi", "so", "hai", "long"}, "SIPAS"}, {{"su", "hai", "long"}, "SIPAS"},
      {{"satisfaction", "index"}, "SIPAS"}, {{"papi"}, "PAPI"},
      {{"chi", "so", "hieu", "qua", "quan", "tri"}, "PAPI"}, {{"ddci"}, "DDCI"},
      {{"nang", "luc", "canh", "tranh", "cap", "so"}, "DDCI"}, {{"pci"}, "PCI"},
      {{"chi", "so", "nang", "luc", "canh", "tranh"}, "PCI"},
      {{"competitiveness", "index"}, "PCI"}, {{"bo", "chi", "so", "766"}, "766"},
      {{"chi", "so", "766"}, "766"}, {{"dti"}, "DTI"}, {{"chi", "so", "chuyen", "doi", "so"}, "DTI"},
      {{"muc", "do", "chuyen", "doi", "so"}, "DTI"}, {{"digital", "transformation"}, "DTI"},
      {{"par", "index"}, "PAR INDEX"}, {{"parindex"}, "PAR INDEX"}, {{"pari"}, "PAR INDEX"},
      {{"par"}, "PAR INDEX"}, {{"chi", "so", "cchc"}, "PAR INDEX"}, {{"cchc"}, "PAR INDEX"},
      {{"administrative", "reform"}, "PAR INDEX"}, {{"administration", "reform"}, "PAR INDEX"}};
    for (const auto& nm : names) {
      if (!at(i, nm.words)) continue;
      Mention& m = add(Mention::Kind::index, i, i + nm.words.size());
      m.label = nm.label;
      return nm.words.size();
    }
    if (at(i, {"chi", "so"}) || at(i, {"linh", "vuc"}) || at(i, {"noi", "dung"})) {
      // The name runs to the verb or figure that follows.
      std::size_t j = i + 2;
      if (at(j, {"thanh", "phan"})) j += 2;
      std::size_t e = j;
      while (e < m_t.size() && e < j + 14 && !m_t[e].number &&
             !any(e, {{"xep"}, {"dat"}, {"dung"}, {"dan"}, {";"}, {":"}, {"("}, {"cua"}, {"nam"},
                      {"giam"}, {"tang"}, {"voi"}, {"la"}, {"o"}}))
        ++e;
      std::string name;
      for (std::size_t k = j; k < e; ++k) { if (!name.empty()) name += ' '; name += m_t[k].f; }
      bool par = name.rfind("cai cach hanh chinh", 0) == 0 || name.rfind("cchc", 0) == 0;
      if (!par && !name.empty()) {
        if (auto c = component_from_name(name)) {
          Mention& m = add(Mention::Kind::component, i, e);
          m.component = c;
          return e - i;
        }
      }
    }
    if (std::size_t n = any(i, {{"chi", "so", "cai", "cach", "hanh", "chinh"},
                                {"chi", "cai", "cach", "hanh", "chinh"},
                                {"cai", "cach", "hanh", "chinh"}})) {
      Mention& m = add(Mention::Kind::index, i, i + n);
      m.label = "PAR INDEX";
      return n;
    }
    return 0;
  }

  // A run of capitalised words from j ("Đông Sơn", "Mường Lát"); returns its end.
  std::size_t cap_run(std::size_t j, std::size_t max_words) const {
    std::size_t e = j;
    while (e < m_t.size() && e < j + max_words && m_t[e].cap && !m_t[e].number && !m_t[e].punct) {
      ++e;
      // "Bà Rịa - Vũng Tàu", "Ba Ria-Vung Tau"
      if (at(e, {"-"}) && e + 1 < m_t.size() && m_t[e + 1].cap) ++e;
    }
    return e;
  }

  // Token i in lower case with its marks ("Tải" → "tải").
  std::string lower(std::size_t i) const {
    std::u32string u = m_p.u.substr(m_t[i].b, m_t[i].e - m_t[i].b);
    for (auto& c : u) c = text::to_lower(c);
    return text::to_utf8(u);
  }

  std::string text_of(std::size_t b, std::size_t e) const {
    if (b >= e) return {};
    return trim(slice(m_p, m_t[b].b, m_t[e - 1].e - m_t[b].b));
  }

  static std::string province_key(std::string_view s) {
    std::string k;
    for (char c : s) if (word_char(c)) k.push_back(c);
    return k;
  }
  static const std::map<std::string, std::string_view>& province_keys() {
    static const std::map<std::string, std::string_view> keys = [] {
      std::map<std::string, std::string_view> m;
      for (auto name : k_provinces) m.emplace(province_key(text::fold(name)), name);
      return m;
    }();
    return keys;
  }
  // Can a run of words starting with folded word `first` name a province? Its key must then
  // start with the word's: most capitalised words ("Ủy", "Kế") are no province's start.
  static bool may_start_province(std::string_view first) {
    std::string k = province_key(first);
    if (k.empty()) return false;
    if (std::string_view("hue").substr(0, k.size()) == k || std::string_view("tphcm").substr(0, k.size()) == k ||
        std::string_view("thanhphohochiminh").substr(0, k.size()) == k)
      return true;
    const auto& keys = province_keys();
    auto it = keys.lower_bound(k);
    return it != keys.end() && it->first.compare(0, k.size(), k) == 0;
  }

  // Which province a run of words names, if any (folded, '-' and spaces ignored).
  static std::optional<std::string> province(const std::string& folded) {
    const auto& keys = province_keys();
    std::string k = province_key(folded);
    if (auto it = keys.find(k); it != keys.end()) return std::string(it->second);
    if (k == "hue") return "Thừa Thiên Huế";
    if (k == "tphcm" || k == "thanhphohochiminh") return "Hồ Chí Minh";
    return std::nullopt;
  }

  bool centrally_run(const std::string& name) const {
    for (std::string_view c : {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế",
                               "Thừa Thiên Huế"})
      if (text::fold(name) == text::fold(c)) return true;
    return false;
  }

  std::size_t unit(std::size_t i) {
    const Token& t = m_t[i];
    // Below, a unit starts with a capital, or (in Vietnamese) with one of these words.
    static const std::unordered_set<std::string_view> first = {
      "vung", "ubnd", "uy", "thanh", "thi", "tinh", "huyen", "quan", "xa", "phuong", "tp"};
    if (!t.cap && (m_en || !first.count(t.f))) return 0;
    // An agency ranked among the provincial departments: "Sở Tài chính", "Ban Dân tộc tỉnh",
    // "Văn phòng UBND tỉnh", "Công an tỉnh", "Bộ Tư pháp".
    if (t.cap && !m_en) {
      std::size_t head = any(i, {{"so"}, {"ban"}, {"bo"}, {"van", "phong"}, {"cong", "an"},
                                 {"kho", "bac"}, {"bao", "hiem"}, {"cuc"}, {"ngan", "hang"},
                                 {"vien", "han", "lam"}});
      if (head && i + head < m_t.size() && (m_t[i + head].cap || w(i + head) == "tinh")) {
        if (w(i) == "ban" && at(i + 1, {"chi", "dao"})) return 0;
        std::size_t e = i + head;
        static const std::vector<std::string> stops = {
          "có", "đạt", "xếp", "đứng", "với", "là", "tiếp", "giữ", "được", "tăng", "giảm", "năm",
          "thứ", "ở", "tại", "trong", "của", "cho", "vì", "về", "vẫn", "lần", "lượt", "khi",
          "chỉ", "tổng", "ban", "các", "đã", "sẽ", "trên", "nhưng", "thuộc", "dẫn", "quán",
          "liên", "cùng", "như", "và", "theo", "kết", "ngày", "tổ", "thực", "phối", "chủ",
          "tham", "trình", "báo", "sau", "trước", "hiện", "đều", "cao", "thấp", "nằm", "vị",
          "vươn", "lên", "xuống", "giành", "đoạt", "bứt", "tụt", "vượt", "luôn"};
        while (e < m_t.size() && e < i + head + 8 && !m_t[e].number && !m_t[e].punct) {
          std::string_view x = m_t[e].f;
          // "Sở Khoa học và Công nghệ", "Bộ Kế hoạch và Đầu tư", "Viện Hàn lâm Khoa học và Công
          // nghệ Việt Nam"; not "Bộ Tư pháp và Bộ Nội vụ".
          if (x == "va" && e + 1 < m_t.size() && m_t[e + 1].cap &&
              (w(i) == "so" || w(i) == "bo" || w(i) == "vien") &&
              !any(e + 1, {{"bo"}, {"so"}, {"ban"}, {"uy"}, {"ubnd"}, {"tinh"}, {"thanh", "pho"},
                           {"huyen"}, {"van", "phong"}, {"ngan", "hang"}, {"vien"}, {"cong", "an"}}) &&
              !province(std::string(m_t[e + 1].f) + " " + std::string(w(e + 2)))) {
            ++e;
            continue;
          }
          if (x == "tinh" && !m_t[e].cap) { ++e; break; }
          // Stop words end the name only in lower case ("Dân", "Vận", "Quản" are name
          // syllables), and only with their own marks ("tại" stops, "tải" in "Vận tải" does not).
          if (!m_t[e].cap && std::find(stops.begin(), stops.end(), lower(e)) != stops.end()) break;
          ++e;
        }
        if (e - i < head + 1) return 0;
        Mention& m = add(Mention::Kind::unit, i, e);
        m.name = text_of(i, e);
        m.level = w(i) == "bo" || w(i) == "vien" ? "bộ" : "sở";
        return e - i;
      }
    }
    // A level word and a capitalised name: "huyện Đông Sơn", "thành phố Hải Phòng", "xã Định Hưng".
    struct Level { std::vector<std::string_view> words; const char* level; bool keep; };
    static const std::vector<Level> levels = {
      {{"thanh", "pho"}, "huyện", true}, {{"thi", "xa"}, "huyện", true}, {{"thi", "tran"}, "xã", true},
      {{"tinh"}, "tỉnh", false},          {{"huyen"}, "huyện", false},   {{"quan"}, "huyện", false},
      {{"xa"}, "xã", false},              {{"phuong"}, "xã", true},      {{"tp"}, "huyện", true}};
    // A region ("vùng Đồng bằng sông Hồng", "vùng Trung du miền núi phía Bắc"): its figures are
    // averages over its provinces, marked so the binder leaves them out.
    // The six socio-economic regions are named with or without "vùng".
    bool region_name = t.cap && any(i, {{"trung", "du"}, {"bac", "trung", "bo"}, {"tay", "nguyen"},
                                        {"dong", "nam", "bo"}, {"dong", "bang", "song"}});
    if (!m_en && (region_name || (at(i, {"vung"}) && i + 1 < m_t.size() && m_t[i + 1].cap))) {
      std::size_t first = region_name ? i : i + 1;
      std::size_t e = first;
      while (e < m_t.size() && e < i + 9 && !m_t[e].number && !m_t[e].punct &&
             !any(e, {{"dat"}, {"co"}, {"voi"}, {"la"}, {"tang"}, {"giam"}, {"xep"}, {"dung"}}))
        ++e;
      Mention& m = add(Mention::Kind::unit, i, e);
      m.name = text_of(first, e);
      m.level = "vùng";
      return e - i;
    }
    if (!m_en) {
      std::size_t from = i;
      if (at(i, {"ubnd"}) || at(i, {"uy", "ban", "nhan", "dan"})) from += at(i, {"ubnd"}) ? 1 : 4;
      for (const auto& lv : levels) {
        if (!at(from, lv.words)) continue;
        std::size_t j = from + lv.words.size();
        if (at(j, {"."}) && lv.words.size() == 1 && lv.words[0] == "tp") ++j; // "TP. Vinh"
        std::size_t e = cap_run(j, 4);
        if (e == j) return 0;
        // In capitals ("TỈNH QUẢNG NGÃI TĂNG 24 BẬC") the run goes on past the name: a
        // province is the longest run that names one.
        for (std::size_t k = e; k > j + 1; --k) {
          std::string f;
          for (std::size_t q = j; q < k; ++q) (f += m_t[q].f) += ' ';
          if (province(f)) { e = k; break; }
        }
        std::string name = text_of(j, e);
        Mention& m = add(Mention::Kind::unit, i, e);
        std::string lvl = lv.level;
        if (auto pv = province(text::fold(name)); pv && (std::string_view(lv.level) == "tỉnh" ||
                                                          (lv.keep && centrally_run(*pv)))) {
          // "TP.Huế" stays as written; "thành phố Hải Phòng" is "Hải Phòng".
          m.name = text::fold(*pv) == text::fold(name) ? *pv : (lv.keep ? text_of(from, e) : name);
          m.level = "tỉnh";
        } else {
          m.name = lv.keep ? text_of(from, e) : name;
          // "TP.HCM": the city is a province, written as abbreviated.
          m.level = text::fold(name) == "hcm" ? "tỉnh" : lvl;
        }
        return e - i;
      }
    }
    // A province named alone ("Quảng Ninh", "Ha Noi", "Quang Ninh province").
    if (t.cap && !(m_en && any(i, {{"the"}, {"this"}, {"its"}, {"in"}, {"of"}, {"group"}}))) {
      std::size_t e = cap_run(i, 5);
      if (m_en && at(i, {"department", "of"})) {
        std::size_t q = cap_run(i + 2, 5);
        if (q > i + 2) {
          Mention& m = add(Mention::Kind::unit, i, q);
          m.name = text_of(i, q);
          m.level = "sở";
          return q - i;
        }
      }
      // "the Provincial People's Committee Office", "the Provincial Inspectorate": an agency
      // ranked among the departments.
      if (m_en) {
        std::size_t q = i;
        while (q < m_t.size() && q < i + 8 && m_t[q].cap && !m_t[q].number && !m_t[q].punct) {
          ++q;
          if (q + 1 < m_t.size() && w(q) == "'" && w(q + 1) == "s") q += 2;
        }
        if (q > i + 1 && (w(q - 1) == "office" || w(q - 1) == "inspectorate" || w(q - 1) == "police" ||
                          w(q - 1) == "board")) {
          Mention& m = add(Mention::Kind::unit, i, q);
          m.name = text_of(i, q);
          m.level = "sở";
          return q - i;
        }
      }
      for (std::size_t k = may_start_province(m_t[i].f) ? e : i; k > i; --k) {
        std::string f;
        for (std::size_t q = i; q < k; ++q) (f += m_t[q].f) += ' ';
        if (auto pv = province(f)) {
          std::size_t end = k;
          // "Quang Binh Commune": a commune that shares a province's name.
          if (m_en && k < m_t.size() && m_t[k].cap) {
            if (std::size_t n = any(k, {{"commune"}, {"ward"}, {"district"}, {"town"}})) {
              Mention& m = add(Mention::Kind::unit, i, k + n);
              m.name = text_of(i, k);
              m.level = w(k) == "district" || w(k) == "town" ? "huyện" : "xã";
              return k + n - i;
            }
          }
          if (m_en && any(end, {{"province"}, {"city"}})) ++end;
          Mention& m = add(Mention::Kind::unit, i, end);
          // English keeps the spelling as written; a short name ("Hue") is the province's.
          m.name = m_en && count_words(text_of(i, k)) >= 2 ? text_of(i, k) : *pv;
          m.level = "tỉnh";
          return end - i;
        }
      }
      // "Yen Phu Commune", "Nam Sach District": the level word closes the name.
      // "Nam Sach District People's Committee": the first level word in the run closes it.
      if (m_en && e > i + 1) {
        for (std::size_t q = i + 1; q < e; ++q) {
          std::string_view lw = w(q);
          if (lw == "commune" || lw == "ward" || lw == "district" || lw == "town") {
            Mention& m = add(Mention::Kind::unit, i, q + 1);
            m.name = text_of(i, q);
            m.level = lw == "district" || lw == "town" ? "huyện" : "xã";
            return q + 1 - i;
          }
        }
      }
      if (m_en && e > i) {
        // "Nam Sach district", "Nam Trung commune", "the Ministry of Justice"
        if (std::size_t n = any(e, {{"district"}, {"commune"}, {"ward"}, {"town"}, {"city"}, {"province"},
                                    {"ministry"}})) {
          Mention& m = add(Mention::Kind::unit, i, e + n);
          std::string_view lw = w(e);
          // "Justice ministry" is the Ministry of Justice.
          m.name = lw == "ministry" ? text_of(i, e + n) : text_of(i, e);
          m.level = lw == "district" || lw == "town" || lw == "city" ? "huyện" : lw == "province" ? "tỉnh"
                    : lw == "ministry" ? "bộ" : "xã";
          return e + n - i;
        }
        if (at(i, {"state", "bank", "of", "vietnam"})) {
          Mention& m = add(Mention::Kind::unit, i, i + 4);
          m.name = text_of(i, i + 4);
          m.level = "bộ";
          return 4;
        }
        if (at(i, {"ministry", "of"})) {
          std::size_t q = cap_run(i + 2, 6);
          Mention& m = add(Mention::Kind::unit, i, q);
          m.name = text_of(i, q);
          m.level = "bộ";
          return q - i;
        }
      }
    }
    return 0;
  }
};

} // namespace

std::vector<Mention> find_mentions(const Para& p, bool english) { return Scanner(p, english).run(); }

} // namespace parindex::extract
