// Results stated in prose, for one unit or many: "huyện Đông Sơn có tổng số điểm đạt được 92.15
// điểm, chỉ số cải cách hành chính đạt 92.15% đứng vị trí thứ nhất; huyện Hoằng Hóa …",
// "Quang Ninh … by scoring 92.18 percent, followed by Hai Phong with 91.87 percent".
//
// Binding rule: figures attach to the group of the unit, index, component and year named last
// in the sentence. A new unit, index, component or year after a figure starts a new group;
// ";" closes a group and a sentence end also forgets the unit. Points make a score; a percent
// or a rank makes an index row; a group in a clause that aims ("phấn đấu") or averages
// ("trung bình") gives nothing here.
#include "results.hpp"

#include "mentions.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

namespace parindex::extract {

namespace {

struct Group {
  std::optional<std::string> unit, level;
  std::optional<int> year, component, rank, of;
  std::string index;
  std::optional<std::string> part; // a pillar of the index ("Chính quyền số" of the DTI)
  std::optional<double> points, self, max, percent;
  bool last = false;
  bool year_written = false; // named in this clause, not carried from before
  bool unit_named = false;   // its unit was named for it, not carried from the group before
  bool aim = false;
  bool average = false;
  std::optional<std::size_t> at; // first figure
  bool figures() const { return points || self || percent || rank || last; }
  void clear_figures() {
    points.reset(); self.reset(); max.reset(); percent.reset();
    rank.reset(); of.reset(); last = false; at.reset();
  }
};

std::string index_title(const std::string& label) {
  if (label == "PAR INDEX") return "Chỉ số CCHC";
  if (label == "SIPAS") return "Chỉ số SIPAS";
  return "Chỉ số " + label;
}

bool figure_kind(Mention::Kind k) {
  return k == Mention::Kind::rank || k == Mention::Kind::percent || k == Mention::Kind::points;
}

// "TP.HCM và Quảng Ninh lần lượt xếp thứ 2 và 3", "Hai Phong and Hanoi ranked 2nd and 3rd,
// respectively": the units listed and the figures listed pair in order, so the mentions are
// put in the order the binder reads ("TP.HCM thứ 2, Quảng Ninh thứ 3"). A list whose counts
// differ is left as written.
std::vector<Mention> pair_respectively(const Para& p, const std::vector<Mention>& ms) {
  auto gap_is_list = [&](std::size_t b, std::size_t e) {
    if (e < b || e - b > 40) return false;
    std::string_view g(p.f.data() + b, e - b);
    for (std::string_view w : {", and ", " and ", ", va ", " va ", ", ", ","})
      if (g == w) return true;
    // "… and the northern province of Quang Ninh"
    for (std::string_view w : {", and the ", " and the "}) {
      if (!g.starts_with(w)) continue;
      std::string_view rest = g.substr(w.size());
      for (std::string_view lv : {"province of ", "city of ", "district of ", "commune of "})
        if (rest.ends_with(lv) && std::count(rest.begin(), rest.end(), ' ') <= 3) return true;
    }
    return false;
  };
  std::vector<Mention> out;
  std::size_t done = 0; // ms[0, done) are in out
  // The first of the mentions of `kind` listed before `last` (inclusive), after `done`.
  // "Theo công bố của Bộ Nội vụ, TP Hải Phòng đứng đầu": a unit after "của" or "theo" is
  // the source of the news, not one of a list.
  auto source = [&](const Mention& m) {
    std::string_view f(p.f.data(), m.b);
    while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
    return f.ends_with(" cua") || f.ends_with(" theo") || f == "theo" || f.ends_with(" by");
  };
  auto list_start = [&](std::size_t last, Mention::Kind kind) {
    std::size_t ub = last;
    while (ub > done && ms[ub - 1].kind == kind && gap_is_list(ms[ub - 1].e, ms[ub].b) && !source(ms[ub - 1]))
      --ub;
    return ub;
  };
  // Each of ms[ub, ue) followed by all the figures from fb on; returns where they end.
  auto share = [&](std::size_t ub, std::size_t ue, std::size_t fb) {
    std::size_t fe = fb;
    while (fe < ms.size() && figure_kind(ms[fe].kind)) ++fe;
    out.insert(out.end(), ms.begin() + done, ms.begin() + ub);
    for (std::size_t u = ub; u < ue; ++u) {
      out.push_back(ms[u]);
      out.insert(out.end(), ms.begin() + fb, ms.begin() + fe);
    }
    return fe;
  };
  for (std::size_t r = 0; r < ms.size(); ++r) {
    if (ms[r].kind == Mention::Kind::each && r > done + 1 && r + 1 < ms.size() &&
        figure_kind(ms[r + 1].kind)) {
      // "Chính quyền số, kinh tế số và xã hội số đều xếp vị trí thứ 2/63": the figures that
      // follow, for each one listed.
      Mention::Kind k = ms[r - 1].kind;
      if (k != Mention::Kind::unit && k != Mention::Kind::pillar) continue;
      std::size_t ub = list_start(r - 1, k);
      if (r - ub < 2) continue;
      done = share(ub, r, r + 1);
      r = done - 1;
      continue;
    }
    if (ms[r].kind == Mention::Kind::unit && r > done && r + 1 < ms.size() &&
        ms[r - 1].kind == Mention::Kind::unit && gap_is_list(ms[r - 1].e, ms[r].b) &&
        figure_kind(ms[r + 1].kind) && ms[r + 1].b <= ms[r].e + 2) {
      // "The Ministry of Justice and the northern province of Quang Ninh ranked first",
      // "Quảng Ninh và Hải Phòng dẫn đầu": the figure right after a list is each one's.
      done = share(list_start(r, Mention::Kind::unit), r + 1, r + 1);
      r = done - 1;
      continue;
    }
    if (ms[r].kind != Mention::Kind::respectively) continue;
    // Figures after "lần lượt" (Vietnamese), or between the units and "respectively".
    std::size_t fb = r + 1, fe = r + 1;
    while (fe < ms.size() && ms[fe].kind == ms[fb].kind && figure_kind(ms[fe].kind)) ++fe;
    std::size_t ue = r; // units end before ue
    if (fe == fb) {
      fe = r;
      fb = r;
      while (fb > done && figure_kind(ms[fb - 1].kind) && ms[fb - 1].kind == ms[r - 1].kind) --fb;
      ue = fb;
    }
    std::size_t ub = ue;
    while (ub > done && ms[ub - 1].kind == Mention::Kind::unit &&
           (ub == ue || gap_is_list(ms[ub - 1].e, ms[ub].b)))
      --ub;
    std::size_t n = ue - ub;
    if (n < 2 || fe - fb != n) continue;
    out.insert(out.end(), ms.begin() + done, ms.begin() + ub);
    for (std::size_t k = 0; k < n; ++k) {
      out.push_back(ms[ub + k]);
      out.push_back(ms[fb + k]);
    }
    // What lies between the units and the figures (a verb's mentions) and after stays.
    for (std::size_t k = ue; k < std::max(fe, r + 1); ++k)
      if ((k < fb || k >= fe) && k != r) out.push_back(ms[k]);
    done = std::max(fe, r + 1);
    r = done - 1;
  }
  out.insert(out.end(), ms.begin() + done, ms.end());
  return out;
}

class Binder {
public:
  Binder(const Para& p, ResultContext& ctx, Document& d) : m_p(p), m_ctx(ctx), m_d(d) {}

  bool run(const std::vector<Mention>& written) {
    fresh();
    std::vector<Mention> paired;
    bool respective = false;
    for (std::size_t k = 0; k < written.size() && !respective; ++k)
      respective = written[k].kind == Mention::Kind::respectively || written[k].kind == Mention::Kind::each ||
                   (k > 0 && written[k].kind == Mention::Kind::unit && written[k - 1].kind == Mention::Kind::unit);
    if (respective) paired = pair_respectively(m_p, written);
    const std::vector<Mention>& ms = respective ? paired : written;
    for (const Mention& m : ms) {
      switch (m.kind) {
      case Mention::Kind::stop:
        close_sentence(m.b < m_p.f.size() && m_p.f[m.b] != ';');
        // "(gồm Chỉ số SIPAS đạt 8,5/10 điểm; khảo sát lãnh đạo đạt 18,33/22 điểm)": an index
        // named in one item of a parenthesised list is that item's.
        if (!m_saved.empty() && m.b < m_p.f.size() && m_p.f[m.b] == ';') m_g.index = m_saved.back().g.index;
        if (m.b < m_p.f.size() && m_p.f[m.b] != ';') m_sentence_b = m.e;
        break;
      case Mention::Kind::aim: m_g.aim = true; m_clause_aim = true; break;
      case Mention::Kind::average: m_g.average = true; m_clause_avg = true; break;
      case Mention::Kind::open:
        // "(điểm tự đánh giá: 62,3886/68 điểm)" completes the figure before it; "(năm 2022
        // đạt 86,07 điểm)" is a figure of its own, and its year stays inside.
        m_saved.push_back({m_g, m_unit, m_level, m_year, m_serial});
        m_open_at = m.b;
        break;
      case Mention::Kind::close:
        if (m_paren_year && !m_paren_compared) {
          m_g.year = m_paren_year;
          m_g.year_written = true;
        }
        m_paren_year.reset();
        if (!m_saved.empty()) {
          Saved sv = m_saved.back();
          m_saved.pop_back();
          if (sv.serial == m_serial) break; // the same group goes on
          emit();
          m_g = sv.g;
          m_unit = sv.unit;
          m_level = sv.level;
          m_year = sv.year;
          m_g.clear_figures(); // what the outer group held is emitted already
          ++m_serial;
        }
        break;
      case Mention::Kind::index:
        if (m_g.figures() && m_g.index != m.label) {
          // "đoạt vị trí quán quân ở cả Chỉ số CCHC và Chỉ số hài lòng", "led both the PAR Index
          // and SIPAS": the figures before are each index's.
          if (m_both || both_before(m.b)) {
            Group shared = m_g;
            if (!m_both) m_both = m_g.index;
            next();
            m_g = shared;
            m_g.part.reset();
          } else {
            next();
          }
        }
        m_g.index = m.label;
        m_g.component.reset();
        m_g.part.reset();
        m_sentence_indices.insert(m.label);
        if (m_g.figures()) m_sentence_figures = true;
        break;
      case Mention::Kind::component:
        if (m_g.figures()) next();
        m_g.component = m.component;
        break;
      case Mention::Kind::unit: {
        // Figures after the last unit named, and this unit right after them, or after "là".
        bool pending = m_g.figures() && !m_g.unit_named;
        // "đứng thứ 2 tỉnh Thái Nguyên", "xếp thứ 2 là thành phố Hải Phòng": the figure first.
        // "… tiếp đó là Hải Phòng và thứ 3 là Hà Nội": "là" right after a figure names its
        // unit even when another unit was named before it.
        // "Vị trí thứ 3 trong bảng xếp hạng thuộc về TP.Huế" likewise.
        bool la_after_figure = m_g.figures() && ((ends_with_la(m.b) && m.b <= m_last_fig + 10) ||
                                                 (ends_with(m.b, " thuoc ve") && m.b <= m_last_fig + 40));
        // Otherwise a unit after figures starts the next group. Either way what follows
        // ("… đạt 90,29%") belongs to this unit.
        if (!(la_after_figure || (pending && (ends_with_la(m.b) || m.b <= m_last_fig + 2))) && m_g.figures())
          next();
        // After figures shared by several indices, the next unit's are the first index's.
        if (m_both) {
          m_g.index = *m_both;
          m_both.reset();
        }
        name_unit(m);
        break;
      }
      case Mention::Kind::year:
        // English names the year after the figure ("ranked 5th in 2023, up from 12th in
        // 2022"), and so does Vietnamese right after it ("từ vị trí thứ 11 năm 2021").
        // Inside a parenthesis that holds no figure, the year qualifies the figure before
        // it: "đứng đầu … (PAR Index 2024) với 96,17/100 điểm".
        // In English the year after a figure is the figure's even when another year came
        // before it ("rose from 12th place in 2022 to 2nd place in 2023").
        // ("In 2023, X was 88.38% while that figure in 2022 was …" keeps 2023: it was written first.)
        // Inside a parenthesis, after the figures: the year qualifies them if the parenthesis
        // holds no figure ("(PAR Index 2024) với 96,17 điểm"), and starts figures of its own if
        // it does ("(năm 2022 đạt 9,1 điểm)", "compared to 2023 (57/63)"); which one is known
        // at the next figure or ")".
        if (m_g.figures() && m.year && !m_saved.empty() && m_saved.back().serial == m_serial &&
            m_last_fig < m_open_at) {
          m_last_year_e = m.e;
          m_paren_year = m.year;
          m_paren_compared = m.compared;
          break;
        }
        // ("from the bottom of the table in 2022 to 5th place in 2023": the first year was the
        // "from"'s.)
        if (m_ctx.english && m.year && m_g.figures() && m_last_fig > m_last_year_e &&
            !(m_g.year_written && m_g.at && *m_g.at > m_last_year_e &&
              !std::string_view(m_p.f).substr(m_last_year_e).starts_with(" to "))) {
          m_g.year = m.year;
          m_g.year_written = true;
          m_last_year_e = m.e;
          break;
        }
        m_last_year_e = m.e;
        // "Từ vị trí 63 của năm 2020": the year right after a figure is the figure's.
        if (m_g.figures() && !m_g.year_written && m.year &&
            (m_ctx.english || m.b <= m_last_fig + 2 || gap_is(m_last_fig, m.b, {" cua ", " trong "}))) {
          m_g.year = m.year;
          m_g.year_written = true;
          break;
        }
        if (m_g.figures() && m_g.year != m.year) next();
        m_g.year = m.year;
        m_g.year_written = true;
        m_year = m.year;
        break;
      case Mention::Kind::points:
        take_paren_year();
        compared(m);
        if ((m.self && m_g.self) || (!m.self && m_g.points)) next();
        if (m.self) m_g.self = m.value;
        else m_g.points = m.value;
        if (m.max) m_g.max = m.max;
        if (!m_g.at) m_g.at = m.b;
        m_last_fig_b = m.b;
        m_last_fig = m.e;
        break;
      case Mention::Kind::percent:
        take_paren_year();
        compared(m);
        if (m_g.percent) {
          from_to(m);
          next();
        }
        m_g.percent = m.value;
        if (!m_g.at) m_g.at = m.b;
        m_last_fig_b = m.b;
        m_last_fig = m.e;
        break;
      case Mention::Kind::rank:
        take_paren_year();
        compared(m);
        // Ranks within a region are left out; "28/63" in the same sentence is national.
        if (regional(m.b) && !(m.of && *m.of >= 60)) break;
        // "xếp vị trí cuối cùng - thứ 21": the number of the last place.
        if (m_g.last && !m_g.rank && m.b <= m_last_fig + 4) {
          m_g.rank = m.rank;
          if (m.of) m_g.of = m.of;
          m_last_fig = m.e;
          break;
        }
        if (m_g.rank || m_g.last) {
          from_to(m);
          next();
        }
        m_g.rank = m.rank;
        m_g.of = m.of;
        if (!m_g.at) m_g.at = m.b;
        m_last_fig_b = m.b;
        m_last_fig = m.e;
        break;
      case Mention::Kind::last:
        if (m_g.rank || m_g.last) next();
        m_g.last = true;
        if (!m_g.at) m_g.at = m.b;
        m_last_fig = m.e;
        break;
      case Mention::Kind::change:
        // "phấn đấu chỉ số PAPI … năm 2025, tăng ít nhất 01 bậc": a target in places.
        if (m_clause_aim && m.value && *m.value >= 1 && *m.value <= 63) {
          Target t;
          t.index = m_g.index;
          t.indicator = index_title(m_g.index);
          t.year = m_g.year;
          t.op = m.self ? ">=" : "=";
          t.value = *m.value;
          t.unit = "bậc";
          t.where = where_at(m_p, m.b);
          m_d.targets.push_back(std::move(t));
          m_any = true;
        }
        break;
      case Mention::Kind::of_total:
        m_sentence_of = m.of;
        m_para_of = m.of;
        break;
      case Mention::Kind::respectively:
      case Mention::Kind::each: break;
      case Mention::Kind::pillar:
        // Only where the index is one with pillars: "chính quyền số" is also a PAR field.
        if (m_g.index != "DTI") break;
        if (m_g.figures()) next();
        m_g.part = m.name;
        m_index_named = true;
        break;
      }
    }
    close_sentence(true);
    m_ctx.of = m_para_of;
    // Only a heading or a short lead sets the year later paragraphs fall back on: in a long
    // paragraph the last year named is as often a comparison ("năm 2022 đạt 9,1 điểm").
    if (m_year && m_index_named && m_p.u.size() < 200) m_ctx.year = m_year;
    return m_any;
  }

private:
  const Para& m_p;
  ResultContext& m_ctx;
  Document& m_d;
  Group m_g;
  bool m_index_named = false;
  std::optional<std::string> m_unit, m_level;
  std::optional<int> m_year;
  bool m_clause_aim = false;
  std::optional<int> m_sentence_of;
  struct SentenceRow {
    std::size_t row;   // position in m_d.indices
    bool last = false; // "cuối bảng": its rank is the count ranked, known at the sentence end
  };
  std::vector<SentenceRow> m_sentence_rows; // index rows emitted in this sentence
  std::vector<std::size_t> m_dropped;       // last places whose count was never written
  bool m_any = false;
  bool m_clause_avg = false;
  std::size_t m_last_fig = 0;   // where the last figure ends
  std::size_t m_last_fig_b = 0; // and where it starts
  std::size_t m_open_at = 0; // where the innermost "(" is
  std::optional<int> m_paren_year; // a year in a parenthesis, its role not known yet
  bool m_paren_compared = false;   // and it was a year compared with
  std::set<std::string> m_sentence_indices; // indices this sentence names
  bool m_sentence_figures = false;
  std::size_t m_last_year_e = 0; // where the last year named ends
  std::optional<std::string> m_both; // the first of several indices sharing the figures
  std::optional<int> m_para_of;      // the last count ranked this paragraph writes
  std::optional<int> m_inherited_of; // the one the paragraph before wrote
  std::size_t m_sentence_b = 0; // where the sentence starts in the paragraph
  struct Saved {
    Group g;
    std::optional<std::string> unit, level;
    std::optional<int> year;
    int serial = 0;
  };
  int m_serial = 0; // counts groups, so ")" knows whether "(" started one
  std::vector<Saved> m_saved;

  // "Xét trong khu vực Tây Nguyên, tỉnh Kon Tum xếp thứ 2": a rank within a region.
  bool regional(std::size_t pos) const {
    std::string_view f(m_p.f);
    f = f.substr(m_sentence_b, pos > m_sentence_b ? pos - m_sentence_b : 0);
    for (std::string_view k : {"khu vuc", "vung ", "mien ", "region", "bac trung bo", "tay nguyen",
                               "dong bang", "duyen hai", "trung du"})
      if (f.find(k) != std::string_view::npos) return true;
    std::string_view after(m_p.f);
    after = after.substr(pos, 72);
    for (std::string_view k : {"khu vuc", "vung ", "mien ", "region", "tinh mien", "tay nguyen",
                               "bac trung bo", "dong bang", "mekong", "delta", "highlands"})
      if (after.find(k) != std::string_view::npos && after.find(k) < 52) return true;
    return false;
  }

  bool ends_with(std::size_t pos, std::string_view tail) const {
    std::string_view f(m_p.f);
    f = f.substr(0, pos);
    while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
    return f.ends_with(tail);
  }

  bool ends_with_la(std::size_t pos) const { return ends_with(pos, " la"); }

  // Whether the text between b and e is one of `gaps` (spaces at either end count as one).
  bool gap_is(std::size_t b, std::size_t e, std::initializer_list<std::string_view> gaps) const {
    if (e < b || e - b > 40) return false;
    std::string g = " " + std::string(std::string_view(m_p.f).substr(b, e - b)) + " ";
    std::string t;
    for (char c : g) if (!(c == ' ' && !t.empty() && t.back() == ' ')) t.push_back(c);
    for (std::string_view x : gaps) if (t == x) return true;
    return false;
  }

  // Whether "cả" or "both" stands between the last figure and pos ("… quán quân ở cả …").
  bool both_before(std::size_t pos) const {
    if (pos <= m_last_fig || pos - m_last_fig > 80) return false;
    std::string g = " " + std::string(std::string_view(m_p.f).substr(m_last_fig, pos - m_last_fig)) + " ";
    return g.find(" ca ") != std::string::npos || g.find(" both ") != std::string::npos;
  }

  // "cao hơn 0,66% so với đơn vị xếp vị trí thứ 2 là Quảng Ninh": the figure after "so với" a
  // unit is that unit's, not the one the sentence is about ("so với năm 2022" compares years).
  void compared(const Mention& m) {
    if (!m_g.figures() || m.b <= m_last_fig) return;
    std::string_view g = std::string_view(m_p.f).substr(m_last_fig, m.b - m_last_fig);
    std::string_view rest;
    for (std::string_view w : {"so voi ", "compared to the ", "compared with the "})
      if (std::size_t k = g.find(w); k != std::string_view::npos) { rest = g.substr(k + w.size()); break; }
    if (rest.empty()) return;
    for (std::string_view w : {"nam", "cung", "ky", "ket", "lan", "muc", "trung", "binh", "year"})
      if (rest.starts_with(w) && (rest.size() == w.size() || rest[w.size()] == ' ')) return;
    if (rest[0] >= '0' && rest[0] <= '9') return;
    next();
  }

  // "dropped from 6th place to 16th place", "tăng từ vị trí 20 lên vị trí 15": with no year
  // written after the first, it is the year before the second's.
  void from_to(const Mention& m) {
    if (!m_g.year || m_last_year_e > m_last_fig_b || m.b < m_last_fig || m.b - m_last_fig > 24) return;
    std::string_view f(m_p.f);
    std::string_view before = f.substr(m_sentence_b, m_last_fig_b - std::min(m_last_fig_b, m_sentence_b));
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    if (!(before.ends_with(" from") || before.ends_with(" tu") || before == "tu" || before == "from")) return;
    std::string g = " " + std::string(f.substr(m_last_fig, std::min(m.e, f.size()) - m_last_fig)) + " ";
    bool to = false;
    for (std::string_view w : {" to ", " len ", " xuong ", " den "}) to = to || g.find(w) != std::string::npos;
    if (!to) return;
    int second = *m_g.year;
    m_g.year = second - 1;
    emit();
    m_g.year = second;
  }

  void name_unit(const Mention& m) {
    m_g.unit = m.name;
    m_g.level = m.level;
    m_g.unit_named = true;
    m_unit = m.name;
    m_level = m.level;
  }

  // A year met in a parenthesis turns out to lead figures of its own.
  void take_paren_year() {
    if (!m_paren_year) return;
    std::optional<int> y = m_paren_year;
    m_paren_year.reset();
    next();
    m_g.year = y;
    m_g.year_written = true;
    m_year = y;
  }

  void fresh() {
    m_inherited_of = m_ctx.of;
    m_g = Group{};
    m_g.index = m_ctx.index;
    m_g.year = m_year ? m_year : m_ctx.year;
    m_g.component = m_ctx.component;
    if (m_ctx.component) m_index_named = true;
  }

  // Closes the current group and opens one for the same unit, index and year.
  void next() {
    ++m_serial;
    emit();
    Group g;
    g.unit = m_unit;
    g.level = m_level;
    g.index = m_g.index;
    g.year = m_g.year;
    g.component = m_ctx.component ? m_ctx.component : m_g.component;
    g.aim = m_clause_aim;
    g.average = m_clause_avg;
    m_g = g;
  }

  void close_sentence(bool sentence_end) {
    if (m_g.figures()) m_sentence_figures = true;
    emit();
    // A sentence that lists several indices and gives no figure ("công bố Chỉ số CCHC (PAR
    // INDEX) … và Chỉ số hài lòng (SIPAS)") leaves the document's own index for the next.
    if (sentence_end) {
      if (m_sentence_indices.size() >= 2 && !m_sentence_figures) m_g.index = m_ctx.index;
      // Counts ("trong tổng số 20 Sở") and last places are settled once, at the sentence's
      // end: settling them at every ";" made a sentence of 10,000 clauses quadratic.
      settle_sentence();
      m_sentence_indices.clear();
      m_sentence_figures = false;
      m_sentence_rows.clear();
      m_sentence_of.reset();
      m_unit.reset();
      m_level.reset();
      m_clause_avg = false; // "giá trị trung bình …; cao nhất là …" averages on to the end
      m_saved.clear();
    }
    m_both.reset();
    m_clause_aim = false;
    ++m_serial;
    Group g;
    g.unit = m_unit;
    g.level = m_level;
    g.index = m_g.index;
    g.year = m_g.year;
    g.average = m_clause_avg;
    m_g = g;
  }

  void settle_sentence() {
    // A count written in the paragraph before ("Phụ lục 1B với 21 cơ quan …") ranks the units
    // of this one when it writes none of its own.
    // So does one an earlier sentence of this paragraph wrote ("Có 11/17 bộ …. X … thấp nhất").
    if (!m_sentence_of) m_sentence_of = m_para_of ? m_para_of : m_inherited_of;
    for (const SentenceRow& sr : m_sentence_rows) {
      IndexRow& r = m_d.indices[sr.row];
      if (!r.of && m_sentence_of && r.rank && *r.rank <= *m_sentence_of) r.of = m_sentence_of;
      if (sr.last && !r.of) r.of = m_sentence_of;
      if (sr.last && !r.rank && r.of) r.rank = r.of;
      // A last place whose count was never written stays unknown.
      if (!r.rank && !r.percent) m_dropped.push_back(sr.row);
    }
    merge_sentence_rows();
  }

  // One sentence, one unit, index and year: one result, however its figures are spread ("đạt
  // 82,71%, …, tăng 16 bậc so với năm 2023 (57/63), tăng 4,05% so với năm 2023 (78,66%)").
  // Rows whose figures disagree stay apart.
  void merge_sentence_rows() {
    auto agree = [](const auto& a, const auto& b) { return !a || !b || *a == *b; };
    for (std::size_t x = 0; x < m_sentence_rows.size(); ++x) {
      IndexRow& a = m_d.indices[m_sentence_rows[x].row];
      if (!a.rank && !a.percent) continue;
      for (std::size_t y = x + 1; y < m_sentence_rows.size(); ++y) {
        IndexRow& b = m_d.indices[m_sentence_rows[y].row];
        if ((!b.rank && !b.percent) || a.unit != b.unit || a.index != b.index || a.year != b.year ||
            a.component != b.component || a.name != b.name || !agree(a.percent, b.percent) ||
            !agree(a.rank, b.rank) || !agree(a.of, b.of))
          continue;
        if (!a.percent) a.percent = b.percent;
        if (!a.rank) a.rank = b.rank;
        if (!a.of) a.of = b.of;
        b.rank.reset();
        b.percent.reset();
        m_dropped.push_back(m_sentence_rows[y].row);
      }
    }
  }

  void emit() {
    Group& g = m_g;
    if (!g.figures() || g.aim || g.average || g.level == "vùng") return;
    // A figure is a result only where an index is named: in this paragraph, or earlier in the
    // document for a figure of a named unit ("Sở Tư pháp thứ 19"). "Văn bản điện tử đạt 100%"
    // in a task is not.
    if (!m_index_named && !(g.unit && m_ctx.named)) return;
    Where where = where_at(m_p, g.at.value_or(0));
    if (g.points || g.self) {
      Score s;
      s.index = g.index;
      s.unit = g.unit;
      s.unit_level = g.level;
      s.year = g.year;
      s.component = g.component;
      s.title = index_title(g.index);
      s.appraised = g.points;
      s.self = g.self;
      s.max = g.max;
      s.where = where;
      if (!(s.max && ((s.appraised && *s.appraised > *s.max) || (s.self && *s.self > *s.max)))) {
        m_d.scores.push_back(std::move(s));
        m_any = true;
      }
    }
    if (g.percent || g.rank || g.last) {
      IndexRow r;
      r.index = g.index;
      r.unit = g.unit;
      r.unit_level = g.level;
      r.year = g.year;
      r.component = g.component;
      r.name = g.part ? *g.part : index_title(g.index);
      r.percent = g.percent && *g.percent <= 100 ? g.percent : std::nullopt;
      r.rank = g.rank;
      r.of = g.of;
      r.where = where;
      if (r.percent || r.rank || g.last) {
        m_sentence_rows.push_back({m_d.indices.size(), g.last && !g.rank});
        m_d.indices.push_back(std::move(r));
        m_any = true;
      }
    }
    g.clear_figures();
  }

public:
  void note_index_named(bool v) { m_index_named = v; }
  const std::vector<std::size_t>& dropped() const { return m_dropped; }
};

} // namespace

namespace {

// Whether a paragraph can hold a figure or name an index at all, from a few scans of its
// folded text; most paragraphs of a plan (tasks, preambles) are skipped without tokenizing.
bool worth_reading(const std::string& f) {
  if (has_digit(f)) return true;
  for (std::string_view k : {"chi so", "linh vuc", "dau", "quan quan", "thu nhat", "thu hai", "thu ba",
                             "cuoi", "par", "sipas", "papi", "pci", "ddci", "dti", "cchc", "cai cach",
                             "index", "reform", "first", "led", "leading", "noi dung"})
    if (contains(f, k)) return true;
  return false;
}

} // namespace

namespace {

// "… đề ra mục tiêu đến hết năm 2021, tỉnh tăng 10 bậc xếp hạng cả 3 tiêu chí. Đó là Chỉ số
// PAPI, Chỉ số PAR INDEX và Chỉ số PCI.": an aim for "cả N chỉ số / tiêu chí" is an aim for
// each index named after it, in its sentence or the next, when exactly N are named. Targets
// from d.targets[nt] on are this paragraph's.
void share_counted_targets(const Para& p, const std::vector<Mention>& ms, std::size_t nt, Document& d) {
  static const re::Regex counted(R"(\bca\s+(\d|hai|ba|bon)\s+(?:tieu chi|chi so)\b)");
  auto sentence_end = [&](const Mention& m) {
    return m.kind == Mention::Kind::stop && m.b < p.f.size() && p.f[m.b] != ';';
  };
  for (auto it = re::Iter(p.f, counted); it != re::Iter(); ++it) {
    std::size_t q = it->position(0);
    std::string w = (*it)[1];
    int n = w == "hai" ? 2 : w == "ba" ? 3 : w == "bon" ? 4 : std::atoi(w.c_str());
    // The sentence around q, in mentions: [sb, se) its span.
    std::size_t sb = 0, se = p.f.size();
    for (const Mention& m : ms) {
      if (!sentence_end(m)) continue;
      if (m.e <= q) sb = m.e;
      else { se = m.b; break; }
    }
    std::vector<std::string> labels;
    auto collect = [&](std::size_t from, std::size_t to) {
      for (const Mention& m : ms)
        if (m.kind == Mention::Kind::index && m.b >= from && m.b < to &&
            std::find(labels.begin(), labels.end(), m.label) == labels.end())
          labels.push_back(m.label);
    };
    collect(q, se);
    if (labels.empty()) {
      std::size_t ne = p.f.size();
      for (const Mention& m : ms)
        if (sentence_end(m) && m.b > se) { ne = m.b; break; }
      collect(se, ne);
    }
    if (static_cast<int>(labels.size()) != n || n < 2) continue;
    // The targets of the changes in the sentence before q.
    std::vector<Target> out;
    for (const Mention& m : ms) {
      if (m.kind != Mention::Kind::change || m.b < sb || m.b >= q || !m.value) continue;
      Where at = where_at(p, m.b);
      for (std::size_t k = nt; k < d.targets.size(); ++k) {
        Target& t = d.targets[k];
        if (t.unit != "bậc" || t.value != *m.value || t.where.page != at.page || t.where.line != at.line) continue;
        for (std::size_t l = 1; l < labels.size(); ++l) {
          Target c = t;
          c.index = labels[l];
          c.indicator = index_title(labels[l]);
          out.push_back(std::move(c));
        }
        t.index = labels[0];
        t.indicator = index_title(labels[0]);
        break;
      }
    }
    for (auto& t : out) d.targets.push_back(std::move(t));
  }
}

} // namespace

bool read_results(const Para& p, ResultContext& ctx, Document& d) {
  if (!worth_reading(p.f)) {
    ctx.component.reset();
    ctx.of.reset();
    return false;
  }
  // A plan's or a report's criteria ("Cải thiện tiêu chí …: … (0,95/1,00 điểm)") are read by
  // the criterion rules, which name each score by its criterion; an assignment's figures
  // describe the task ("… gửi, nhận văn bản điện tử đạt 100%"). Neither is read here, and a
  // long one is not even scanned (most of a plan's paragraphs are one or the other): it only
  // tells that an index is named.
  bool criteria = (d.kind == "plan" || d.kind == "report") && p.f.find("tieu chi") != std::string::npos;
  bool assignment = false;
  {
    std::size_t k = 0;
    while (k < p.f.size() && (p.f[k] == '-' || p.f[k] == '+' || p.f[k] == '*' || p.f[k] == ' ')) ++k;
    assignment = p.f.find("chu tri") != std::string::npos || p.f.compare(k, 5, "giao ") == 0;
  }
  if ((criteria || assignment) && p.u.size() >= 120 && !is_heading(p)) {
    ctx.component.reset();
    ctx.of.reset();
    for (std::string_view k : {"chi so", "cai cach hanh chinh", "cchc", "par index", "sipas", "papi"})
      if (p.f.find(k) != std::string::npos) { ctx.named = true; break; }
    return false;
  }
  std::vector<Mention> ms = find_mentions(p, ctx.english);
  bool figures = false, named = false;
  for (const Mention& m : ms) {
    if (m.kind == Mention::Kind::points || m.kind == Mention::Kind::percent || m.kind == Mention::Kind::rank ||
        m.kind == Mention::Kind::last || m.kind == Mention::Kind::change)
      figures = true;
    if (m.kind == Mention::Kind::index || m.kind == Mention::Kind::component) named = true;
  }
  if (criteria || assignment) figures = false;
  if (!figures) {
    // A heading or a sentence naming an index sets the context of the figures that follow:
    // "- Lĩnh vực cải cách thể chế:" before "Đạt 9,42/10 điểm, xếp thứ 22/63".
    ctx.component.reset();
    ctx.of.reset();
    for (const Mention& m : ms) {
      if (m.kind == Mention::Kind::of_total) ctx.of = m.of;
      if (m.kind == Mention::Kind::component && p.u.size() < 120) { ctx.component = m.component; ctx.named = true; }
      if (m.kind == Mention::Kind::index) ctx.named = true;
      // A numbered heading sets the year of the figures under it; a caption ("Bảng xếp hạng
      // … năm 2022") does not.
      if (m.kind == Mention::Kind::year && named && is_heading(p)) ctx.year = m.year;
    }
    return false;
  }
  std::size_t ni = d.indices.size();
  if (named) ctx.component.reset();
  Binder b(p, ctx, d);
  b.note_index_named(named);
  std::size_t nt = d.targets.size();
  bool any = b.run(ms);
  if (d.targets.size() > nt) share_counted_targets(p, ms, nt, d);
  if (named) ctx.named = true;
  // Rows a last place left without a rank. Only this paragraph's rows are touched: copying
  // the document's earlier rows for every paragraph made long documents quadratic.
  if (!b.dropped().empty()) {
    std::vector<bool> drop(d.indices.size() - ni, false);
    for (std::size_t k : b.dropped()) drop[k - ni] = true;
    std::size_t out = ni;
    for (std::size_t k = ni; k < d.indices.size(); ++k)
      if (!drop[k - ni]) {
        if (out != k) d.indices[out] = std::move(d.indices[k]);
        ++out;
      }
    d.indices.resize(out);
  }
  return any;
}

} // namespace parindex::extract

namespace parindex::extract {

void read_primary(const std::vector<Para>& ps, ResultContext& ctx) {
  bool have_index = false;
  for (std::size_t i = 0; i < ps.size() && i < 3 && !ctx.year; ++i) {
    bool named = false; // an index named earlier in this paragraph
    for (const Mention& m : find_mentions(ps[i], ctx.english)) {
      if (m.kind == Mention::Kind::index) {
        if (!have_index) ctx.index = m.label;
        have_index = named = true;
      }
      if (m.kind == Mention::Kind::year && named && m.year) {
        ctx.year = m.year;
        break;
      }
    }
  }
}

void complete_news(const std::vector<Para>& ps, bool english, Document& d) {
  if (!d.kind || *d.kind != "other") return;
  // The unit: the first place the headline names, else the province named most often.
  std::map<std::string, int> provinces;
  std::optional<std::pair<std::string, std::string>> headline;
  std::set<std::string> headline_units; // every unit the headline names
  std::optional<int> plan_year;
  std::map<int, int> index_years; // years named with an index, outside aims
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const Para& p = ps[i];
    if (p.table) continue;
    auto ms = find_mentions(p, english);
    bool aim = false, index = false;
    // The headline: the first paragraph when short, or its first line when that is short
    // and the paragraph runs on without a blank line.
    std::size_t first_line = p.lines.size() > 1 ? p.lines[1].first : p.u.size();
    for (const Mention& m : ms) {
      if (m.kind == Mention::Kind::stop) aim = index = false;
      if (m.kind == Mention::Kind::aim) aim = true;
      if (m.kind == Mention::Kind::index || m.kind == Mention::Kind::component) index = true;
      if (m.kind == Mention::Kind::year && aim && !plan_year) plan_year = m.year;
      if (m.kind == Mention::Kind::year && index && !aim) ++index_years[*m.year];
      if (m.kind != Mention::Kind::unit) continue;
      if (m.level == "tỉnh") ++provinces[m.name];
      // A headline is short; a first paragraph that runs on ("Sáng 17/4, tại Hà Nội, …") is not.
      // A unit named across the headline's end ("… 25/63 tỉnh, thành phố" + "Lượt xem: …" read
      // as "thành phố Lượt") is not one the headline names.
      bool in_headline = i == 0 && first_line < 160 && m.e <= first_line;
      if (in_headline) headline_units.insert(text::fold(m.name));
      if (in_headline && !headline && (m.level == "tỉnh" || m.level == "huyện" || m.level == "xã"))
        headline = std::make_pair(m.name, m.level);
    }
  }
  // News carries no header: a unit read from a dateline or a byline gives way to the one the
  // text is about.
  if (!d.number && (headline || !provinces.empty())) {
    d.unit.reset();
    d.unit_level.reset();
    d.province.reset();
  }
  // A headline naming several units ("Quảng Ninh đứng đầu, Hà Nội giữ vị trí thứ 3") is
  // about a ranking, not about one of them.
  bool several = headline_units.size() >= 2;
  if (!d.unit && !several) {
    if (headline) {
      d.unit = headline->first;
      d.unit_level = headline->second;
    } else if (!provinces.empty()) {
      auto best = std::max_element(provinces.begin(), provinces.end(),
                                   [](const auto& a, const auto& b) { return a.second < b.second; });
      if (best->second >= 2) {
        d.unit = best->first;
        d.unit_level = "tỉnh";
      }
    }
    if (d.unit && d.unit_level == "tỉnh") d.province = d.unit;
  }
  // The date of a press release: a stamp in its first short lines ("06/02/2024 - 11:06").
  if (!d.issued_on) {
    for (std::size_t i = 0; i < ps.size() && i < 6; ++i) {
      if (ps[i].u.size() > 80) continue;
      if (auto date = parse_date_text(ps[i].f)) { d.issued_on = date; break; }
    }
  }
  // The assessed year: the year most of its results are of.
  if (!d.assessed_year) {
    std::map<int, int> years;
    for (const auto& s : d.scores) if (s.year) ++years[*s.year];
    for (const auto& r : d.indices) if (r.year) ++years[*r.year];
    int best = 0;
    for (const auto& [y, n] : years)
      if (n > best || (n == best && y > *d.assessed_year)) { d.assessed_year = y; best = n; }
    // Without results of its own, the year its text names with an index ("Chỉ số PAPI năm 2023").
    if (!d.assessed_year)
      for (const auto& [y, n] : index_years)
        if (n > best && (!plan_year || y < *plan_year)) { d.assessed_year = y; best = n; }
  }
  if (!d.plan_year && plan_year) d.plan_year = plan_year;
}

} // namespace parindex::extract
