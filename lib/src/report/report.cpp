#include <parindex/error.hpp>
#include <parindex/render.hpp>
#include <parindex/report.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace parindex::report {

namespace {

constexpr int k_window_days = 90;

bool same_unit(const std::optional<std::string>& a, const std::string& folded) {
  return a && text::fold(*a) == folded;
}

// `documents` gains every document with a result of the unit: a provincial decision that
// ranks it is one of its documents although the decision's own unit is the province.
// `index` gets the whole index per year: percentages and ranks, also from rows (a ranking
// sentence) that give a rank alone.
std::vector<ComponentResult> component_results(const store::Store& store, const std::string& unit,
                                               std::set<std::string>& documents,
                                               std::vector<IndexResult>& index) {
  std::map<std::pair<int, int>, ComponentResult> by; // (component, year); later documents win
  std::map<int, IndexResult> whole;
  for (const auto& ref : store.indices(unit)) {
    documents.insert(ref.document);
    const IndexRow& r = ref.row;
    if (!r.year || r.index != "PAR INDEX") continue;
    if (!r.component) {
      IndexResult& w = whole[*r.year];
      w.year = *r.year;
      if (r.percent) w.percent = r.percent;
      if (r.rank) w.rank = r.rank;
      if (r.of) w.of = r.of;
    }
    if (!r.percent) continue;
    int c = r.component.value_or(0);
    by[{c, *r.year}] = {c, r.name, *r.year, *r.percent, r.rank};
  }
  // Documents without an index table give component totals in points: points over maximum.
  store::ScoreFilter f;
  f.unit = unit;
  for (const auto& row : store.scores(f)) {
    documents.insert(row.document);
    const Score& s = row.score;
    if (s.code || !s.year || !s.max || *s.max <= 0 || s.index != "PAR INDEX") continue;
    auto best = s.appraised ? s.appraised : s.self;
    if (!best) continue;
    int c = s.component.value_or(0);
    if (by.count({c, *s.year})) continue;
    double percent = std::round(*best / *s.max * 10000) / 100;
    by[{c, *s.year}] = {c, s.title.value_or(""), *s.year, percent, std::nullopt};
    if (c == 0) {
      IndexResult& w = whole[*s.year];
      w.year = *s.year;
      if (!w.percent) w.percent = percent;
    }
  }
  for (auto& [y, w] : whole)
    if (w.percent || w.rank) index.push_back(w);
  std::vector<ComponentResult> out;
  for (auto& [k, v] : by) out.push_back(v);
  // Components 1..8, then the whole index (0) last.
  std::stable_sort(out.begin(), out.end(), [](const ComponentResult& a, const ComponentResult& b) {
    int ca = a.component ? a.component : 99, cb = b.component ? b.component : 99;
    return std::tie(ca, a.year) < std::tie(cb, b.year);
  });
  return out;
}

} // namespace

Report build(const store::Store& store, const Options& options) {
  const auto& unit = options.unit;
  const auto& as_of = options.as_of;
  Report rep;
  rep.as_of = as_of;
  auto all_units = store.units();
  auto summaries = store.summaries();
  std::set<std::string> referenced;
  for (const auto& u : all_units) {
    std::string folded = text::fold(u.unit);
    if (unit && text::fold(*unit) != folded) continue;
    UnitReport ur;
    ur.unit = u.unit;
    ur.level = u.unit_level;
    ur.province = u.province;
    std::set<std::string> with_results;
    ur.components = component_results(store, u.unit, with_results, ur.index);
    for (const auto& d : summaries)
      if (same_unit(d.unit, folded) || with_results.count(d.id)) ur.documents.push_back(d);
    std::set<int> years;
    for (const auto& c : ur.components) years.insert(c.year);
    for (const auto& w : ur.index) years.insert(w.year);
    ur.years.assign(years.begin(), years.end());
    if (ur.years.size() >= 2) {
      for (auto& r : query::diff(store, u.unit, ur.years[ur.years.size() - 2], ur.years.back()))
        if (r.measure == "percent" || r.measure == "rank") ur.change.push_back(std::move(r));
    }
    query::GapOptions go;
    go.filter.unit = u.unit;
    ur.gaps = query::gaps(store, go);
    std::set<int> target_years;
    for (const auto& t : store.targets(u.unit, std::nullopt))
      if (t.target.year) target_years.insert(*t.target.year);
    for (int y : target_years)
      for (auto& c : query::check_targets(store, u.unit, y)) ur.targets.push_back(std::move(c));
    query::DeadlineOptions dopt;
    dopt.as_of = as_of;
    dopt.unit = u.unit;
    std::string from = query::add_days(as_of, -k_window_days), to = query::add_days(as_of, k_window_days);
    for (auto& d : query::deadlines(store, dopt))
      if (d.date >= from && d.date <= to) ur.deadlines.push_back(std::move(d));
    if (options.with_sources) {
      for (const auto& g : ur.gaps) referenced.insert(g.document);
      for (const auto& t : ur.targets) referenced.insert(t.document);
      for (const auto& d : ur.deadlines) referenced.insert(d.document);
    }
    rep.units.push_back(std::move(ur));
  }
  if (unit && rep.units.empty()) throw UsageError(fmt::format("unit '{}' is not in the database", *unit));
  for (const auto& id : referenced) {
    Source s;
    for (const auto& d : summaries)
      if (d.id == id) s.source = d.source;
    s.pages = store.text(id);
    rep.sources.emplace(id, std::move(s));
  }
  rep.title = unit && !rep.units.empty() ? "Chỉ số CCHC — " + rep.units[0].unit : "Chỉ số CCHC — toàn bộ cơ sở dữ liệu";
  return rep;
}

namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out.push_back(c);
    }
  }
  return out;
}
std::string esc(const std::string& s) { return esc(std::string_view(s)); }
std::string esc(const std::optional<std::string>& s) { return s ? esc(std::string_view(*s)) : "–"; }
// A value a correction changed (parindex correct): marked, and said in a note under its table.
constexpr const char* k_corrected_mark = "<sup class=\"corrected\" title=\"đã hiệu chỉnh\">*</sup>";

std::string num(std::optional<double> v) { return v ? render::human_number(*v) : "–"; }

std::string anchor(const std::string& doc, const Where& w) {
  return fmt::format("src-{}-{}-{}", doc.substr(0, 12), w.page, w.line);
}
// Where a row was read: a link into the appendix when the report embeds the sources, else the
// page and line, with the document's file in a tooltip.
std::string link(const Report& rep, const UnitReport& u, const std::string& doc, const Where& w) {
  if (rep.sources.count(doc))
    return fmt::format("<a class=\"where\" href=\"#{}\">tr. {}, d. {}</a>", anchor(doc, w), w.page, w.line);
  auto d = std::find_if(u.documents.begin(), u.documents.end(), [&](const store::DocumentSummary& s) { return s.id == doc; });
  return fmt::format("<span class=\"where\"{}>tr. {}, d. {}</span>",
                     d == u.documents.end() ? "" : fmt::format(" title=\"{}\"", esc(d->source)), w.page, w.line);
}

// The Vietnamese word for a status of query's (diff, targets, deadlines); the English word
// stays in the row's class.
std::string status_cell(const std::string& status) {
  static const std::pair<std::string_view, const char*> k_words[] = {
    {"improved", "cải thiện"}, {"regressed", "giảm"},     {"unchanged", "không đổi"},
    {"new", "mới"},            {"dropped", "không còn"},  {"met", "đạt"},
    {"missed", "không đạt"},   {"unknown", "chưa có kết quả"}, {"overdue", "quá hạn"},
    {"due", "sắp đến hạn"},
  };
  for (const auto& [key, word] : k_words)
    if (key == status) return word;
  return esc(status);
}

// YYYY-MM-DD as the documents write it, 15/10/2024, in one piece on its line.
std::string date(const std::string& iso) {
  if (iso.size() != 10) return "<span class=\"date\">" + esc(iso) + "</span>";
  return fmt::format("<span class=\"date\">{}/{}/{}</span>", iso.substr(8, 2), iso.substr(5, 2), iso.substr(0, 4));
}

const char* k_year_colors[] = {"#9aa5b1", "#4f7cac", "#c0504d", "#2e8b57", "#d4a017", "#7b5ea7"};

// The charts are drawn in a box this wide and scale with the page (CSS width 100%), so their
// 13–14 px text stays about that size on a screen and on A4.
constexpr int k_chart_width = 800;

// The short name a reader knows a component by: from the document's own name when it says
// which component it is (a ministry's framework numbers them differently), else from the
// usual order of the eight.
std::string component_label(const ComponentResult& c) {
  static const std::pair<const char*, const char*> k_by_words[] = {
    {"tac dong", "Tác động đến phát triển KT-XH"}, {"chi dao", "Chỉ đạo điều hành"},
    {"the che", "Thể chế"},                         {"thu tuc", "Thủ tục hành chính"},
    {"bo may", "Tổ chức bộ máy"},                   {"cong vu", "Chế độ công vụ"},
    {"tai chinh", "Tài chính công"},                {"chinh quyen", "Chính quyền số"},
  };
  static const char* k_by_number[] = {"Chỉ đạo điều hành", "Thể chế",        "Thủ tục hành chính",
                                      "Tổ chức bộ máy",    "Chế độ công vụ", "Tài chính công",
                                      "Chính quyền số",    "Tác động đến phát triển KT-XH"};
  if (c.component == 0) return "Chỉ số CCHC (tổng)";
  std::string folded = text::fold(c.name);
  for (const auto& [words, label] : k_by_words)
    if (folded.find(words) != std::string::npos) return label;
  if (c.component >= 1 && c.component <= 8) return k_by_number[c.component - 1];
  return fmt::format("Thành phần {}", c.component);
}

std::string svg_open(const char* cls, int height, const std::string& label) {
  return fmt::format("<svg role=\"img\" class=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" aria-label=\"{}\">\n", cls,
                     k_chart_width, height, k_chart_width, height, esc(label));
}

// One row of bars per component (whole index last), one bar per year, 0–100 %, the
// component's name on the axis and each value at the end of its bar.
std::string chart(const UnitReport& u) {
  bool any_component = std::any_of(u.components.begin(), u.components.end(),
                                   [](const ComponentResult& c) { return c.component != 0; });
  if (!any_component) return "<p class=\"none\">Không có kết quả chỉ số thành phần.</p>\n";
  std::vector<const ComponentResult*> groups; // the first result of each component
  for (const auto& c : u.components)
    if (groups.empty() || groups.back()->component != c.component) groups.push_back(&c);
  const int n_years = static_cast<int>(u.years.size());
  const int bar = 18, bar_gap = 3, group_gap = 14, top = 34, left = 240, plot_w = 480;
  const int group_h = n_years * (bar + bar_gap) - bar_gap + group_gap;
  const int plot_h = static_cast<int>(groups.size()) * group_h;
  const int total_h = top + plot_h + 24;
  std::string svg = svg_open("chart components", total_h, "Kết quả các chỉ số thành phần theo năm (%)");
  for (int yi = 0; yi < n_years; ++yi)
    svg += fmt::format("<rect x=\"{}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{}\"/><text x=\"{}\" y=\"20\" "
                       "class=\"legend\">Năm {}</text>\n",
                       left + yi * 110, k_year_colors[yi % 6], left + yi * 110 + 20, u.years[yi]);
  for (int p = 0; p <= 100; p += 25) {
    int x = left + p * plot_w / 100;
    svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" "
                       "class=\"axis\" text-anchor=\"middle\">{}%</text>\n",
                       x, x, top - 4, top + plot_h - group_gap + 4, x, top + plot_h + 8, p);
  }
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    int y0 = top + static_cast<int>(gi) * group_h;
    const ComponentResult& first = *groups[gi];
    if (first.component == 0)
      svg += fmt::format("<line x1=\"8\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"rule\"/>\n", left + plot_w, y0 - group_gap / 2,
                         y0 - group_gap / 2);
    int label_y = y0 + (n_years * (bar + bar_gap) - bar_gap) / 2 + 5;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"label{}\" text-anchor=\"end\">{}<title>{}</title></text>\n", left - 8,
                       label_y, first.component == 0 ? " total" : "", esc(component_label(first)), esc(first.name));
    for (int yi = 0; yi < n_years; ++yi) {
      for (const auto& c : u.components) {
        if (c.component != first.component || c.year != u.years[yi]) continue;
        double p = std::clamp(c.percent, 0.0, 100.0);
        int w = static_cast<int>(std::lround(p * plot_w / 100));
        int y = y0 + yi * (bar + bar_gap);
        svg += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} {}: {}%</title></rect>\n",
                           left, y, w, bar, k_year_colors[yi % 6], esc(c.name), c.year, render::human_number(c.percent));
        svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"value\">{}%</text>\n", left + w + 5, y + bar - 4,
                           render::human_number(c.percent));
      }
    }
  }
  return svg + "</svg>\n";
}

// One panel of the whole index over the years: a line through the years that have a value,
// `bottom` at the foot of the panel and `top` at its head (a rank's best place, 1, is its head).
struct Panel {
  std::string title;
  double bottom = 0, top = 100;
  std::vector<std::pair<double, std::string>> ticks; // value, label
  struct Point {
    int year;
    double value;
    std::string label;
  };
  std::vector<Point> points;
};

constexpr int k_panel_top = 34, k_panel_h = 170;

std::string panel(const Panel& p, int x0, int width, int first_year, int last_year) {
  const int pad = 40, axis_w = 52;
  const int px = x0 + axis_w, pw = width - axis_w - pad;
  auto x_of = [&](int year) {
    double f = double(year - first_year) / (last_year - first_year);
    return px + pad / 2 + static_cast<int>(std::lround(f * (pw - pad)));
  };
  auto y_of = [&](double v) {
    double f = p.top == p.bottom ? 0.5 : (p.top - v) / (p.top - p.bottom);
    return k_panel_top + static_cast<int>(std::lround(f * k_panel_h));
  };
  std::string svg = fmt::format("<text x=\"{}\" y=\"18\" class=\"legend\">{}</text>\n", px, esc(p.title));
  for (const auto& [v, label] : p.ticks)
    svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" class=\"axis\" "
                       "text-anchor=\"end\">{}</text>\n",
                       px, px + pw, y_of(v), y_of(v), px - 6, y_of(v) + 4, esc(label));
  for (int year = first_year; year <= last_year; ++year)
    svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{}</text>\n", x_of(year),
                       k_panel_top + k_panel_h + 22, year);
  std::string line;
  for (const auto& pt : p.points) line += fmt::format("{}{},{}", line.empty() ? "" : " ", x_of(pt.year), y_of(pt.value));
  if (p.points.size() > 1) svg += fmt::format("<polyline class=\"line\" points=\"{}\"/>\n", line);
  for (const auto& pt : p.points)
    svg += fmt::format("<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"5\"><title>{}: {}</title></circle><text x=\"{}\" y=\"{}\" "
                       "class=\"value\" text-anchor=\"middle\">{}</text>\n",
                       x_of(pt.year), y_of(pt.value), pt.year, esc(pt.label), x_of(pt.year), y_of(pt.value) - 10,
                       esc(pt.label));
  return svg;
}

// The whole index's percentage and rank over the years, when more than one year is known.
std::string trend(const UnitReport& u) {
  if (u.index.size() < 2) return "";
  Panel score, rank;
  score.title = "Chỉ số CCHC (%)";
  rank.title = "Thứ hạng";
  int places = 1;
  double lowest = 100;
  for (const auto& w : u.index) {
    if (w.percent) {
      double v = std::clamp(*w.percent, 0.0, 100.0);
      score.points.push_back({w.year, v, render::human_number(*w.percent) + "%"});
      lowest = std::min(lowest, v);
    }
    if (w.rank) {
      rank.points.push_back({w.year, double(*w.rank), w.of ? fmt::format("{}/{}", *w.rank, *w.of) : std::to_string(*w.rank)});
      places = std::max({places, *w.rank, w.of.value_or(0)});
    }
  }
  // The axis starts below the lowest value, so that a change of a few points shows.
  score.bottom = std::max(0.0, std::floor((lowest - 5) / 10) * 10);
  const double step = 100 - score.bottom > 50 ? 25 : 10;
  for (double v = score.bottom; v <= 100; v += step) score.ticks.emplace_back(v, render::human_number(v) + "%");
  rank.bottom = places;
  rank.top = 1;
  const int rank_step = std::max(1, (places + 3) / 5);
  for (int r = 1; r <= places; r += rank_step) rank.ticks.emplace_back(r, fmt::format("hạng {}", r));
  std::vector<const Panel*> panels;
  for (const Panel* p : {&score, &rank})
    if (!p->points.empty()) panels.push_back(p);
  const int first = u.index.front().year, last = u.index.back().year, width = k_chart_width / 2;
  std::string svg = svg_open("chart trend", k_panel_top + k_panel_h + 32, "Chỉ số CCHC và thứ hạng qua các năm");
  for (std::size_t i = 0; i < panels.size(); ++i) svg += panel(*panels[i], static_cast<int>(i) * width, width, first, last);
  return svg + "</svg>\n";
}

std::string unit_section(const Report& rep, const UnitReport& u, int index) {
  std::string h = fmt::format("<section class=\"unit\" id=\"unit-{}\">\n<h2>{}</h2>\n<p class=\"meta\">{} · {} · {} văn bản</p>\n",
                              index, esc(u.unit), esc(u.level), esc(u.province), u.documents.size());
  if (std::string t = trend(u); !t.empty()) h += "<h3>Chỉ số CCHC qua các năm</h3>\n" + t;
  h += "<h3>Chỉ số thành phần</h3>\n" + chart(u);
  if (!u.change.empty()) {
    h += fmt::format("<h3>Thay đổi {} → {}</h3>\n<table><thead><tr><th>Chỉ số</th><th>Nội dung</th><th>{}</th><th>{}</th>"
                     "<th>Thay đổi</th><th>Đánh giá</th></tr></thead><tbody>\n",
                     u.years[u.years.size() - 2], u.years.back(), u.years[u.years.size() - 2], u.years.back());
    for (const auto& r : u.change) {
      std::string unit = r.measure == "percent" ? "%" : "";
      std::string label = r.measure == "rank" ? esc(r.key) + " (hạng)" : esc(r.key);
      std::string delta = r.delta ? (*r.delta > 0 ? "+" : "") + render::human_number(*r.delta) : "–";
      h += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}{}</td><td>{}{}</td><td>{}</td><td>{}</td></tr>\n",
                       esc(r.status), label + (r.corrected ? k_corrected_mark : ""), esc(r.title), num(r.from),
                       r.from ? unit : "", num(r.to), r.to ? unit : "", delta, status_cell(r.status));
    }
    h += "</tbody></table>\n";
  }
  h += "<h3>Tiêu chí bị trừ điểm</h3>\n";
  if (u.gaps.empty()) {
    h += "<p class=\"none\">Không có tiêu chí bị trừ điểm.</p>\n";
  } else {
    h += "<table><thead><tr><th>Năm</th><th>Mã</th><th>Tiêu chí</th><th>Tự chấm</th><th>Điểm</th><th>Tối đa</th>"
         "<th>Bị trừ</th><th>% thành phần</th><th>Năm sau</th><th>Nguồn</th></tr></thead><tbody>\n";
    for (const auto& g : u.gaps) {
      std::string lost = g.lost ? render::human_number(*g.lost) : (g.passed && !*g.passed ? "Không đạt" : "–");
      std::string later = "–";
      if (g.later_year)
        later = g.closed ? fmt::format("{} ({})", *g.closed ? "đã khắc phục" : "chưa khắc phục", *g.later_year)
                         : fmt::format("{} ({})", num(g.later_score), *g.later_year);
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"lost\">{}</td>"
                       "<td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       g.year ? std::to_string(*g.year) : "–", esc(g.code), esc(g.title), num(g.self),
                       num(g.score) + (g.corrected ? k_corrected_mark : ""),
                       num(g.max), lost, g.share ? render::human_number(*g.share) + "%" : "–", esc(later),
                       link(rep, u, g.document, g.where));
    }
    h += "</tbody></table>\n";
  }
  bool corrected = std::any_of(u.gaps.begin(), u.gaps.end(), [](const query::Gap& g) { return g.corrected; }) ||
                   std::any_of(u.change.begin(), u.change.end(), [](const query::DiffRow& r) { return r.corrected; });
  if (corrected) h += "<p class=\"note\">* Số liệu đã được hiệu chỉnh (parindex corrections).</p>\n";
  if (!u.targets.empty()) {
    h += "<h3>Mục tiêu và kết quả</h3>\n<table><thead><tr><th>Năm</th><th>Chỉ tiêu</th><th>Mục tiêu</th><th>Đạt được</th>"
         "<th>Đánh giá</th><th>Chủ trì</th><th>Nguồn</th></tr></thead><tbody>\n";
    for (const auto& c : u.targets) {
      const Target& t = c.target;
      bool rank = t.unit == "rank";
      std::string want = rank ? "hạng " + esc(t.op) + " " + render::human_number(t.value)
                              : esc(t.op) + " " + render::human_number(t.value) + (t.unit == "%" ? "%" : " " + esc(t.unit));
      h += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       esc(c.status), t.year ? std::to_string(*t.year) : "–", esc(t.indicator), want,
                       c.got ? render::human_number(*c.got) + (rank ? "" : "%") : "–", status_cell(c.status), esc(t.lead),
                       link(rep, u, c.document, t.where));
    }
    h += "</tbody></table>\n";
  }
  h += "<h3>Thời hạn (90 ngày trước và sau ngày báo cáo)</h3>\n";
  if (u.deadlines.empty()) {
    h += "<p class=\"none\">Không có thời hạn trong khoảng này.</p>\n";
  } else {
    h += "<table><thead><tr><th>Ngày</th><th>Tình trạng</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Nguồn</th></tr></thead><tbody>\n";
    for (const auto& d : u.deadlines)
      h += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(d.status),
                       date(d.date), status_cell(d.status), esc(d.task.text), esc(d.task.lead),
                       link(rep, u, d.document, d.task.where));
    h += "</tbody></table>\n";
  }
  return h + "</section>\n";
}

constexpr const char* k_style = R"css(
body{font-family:"Liberation Sans",Arial,sans-serif;margin:2em auto;max-width:70em;color:#1f2933;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #4f7cac;padding-bottom:.2em;margin-top:2em}
h3{font-size:1.1em;margin-top:1.5em}.meta{color:#52606d}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}
th,td{border:1px solid #cbd2d9;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f0f4f8}td.lost{font-weight:bold;color:#b42318}
tr.improved td,tr.met td{background:#eefaf2}tr.regressed td,tr.missed td,tr.overdue td{background:#fdf0ef}
.date,.where{white-space:nowrap}
.chart{display:block;width:100%;height:auto;margin:.5em 0}
.chart .grid{stroke:#d9e2ec;stroke-width:1}.chart .rule{stroke:#9aa5b1;stroke-width:1}
.chart .axis{font-size:12px;fill:#52606d}.chart .legend{font-size:14px;font-weight:bold;fill:#1f2933}
.chart .label{font-size:14px;fill:#1f2933}.chart .label.total{font-weight:bold}
.chart .value{font-size:13px;fill:#1f2933}.chart .line{fill:none;stroke:#4f7cac;stroke-width:2.5}
.chart .point{fill:#4f7cac}.none{color:#7b8794;font-style:italic}
.source ol{font-family:"Liberation Mono",monospace;font-size:.8em;white-space:pre-wrap}
.source li:target{background:#fff3c4}nav a{margin-right:1em}
@page{size:A4;margin:15mm 12mm}
@media print{
body{margin:0;max-width:none;padding:0;font-size:10pt}
nav{display:none}a{color:inherit;text-decoration:none}
section.unit+section.unit,h2.appendix{break-before:page}
h2,h3{break-after:avoid}tr,.chart{break-inside:avoid}thead{display:table-header-group}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)css";

} // namespace

std::string to_html(const Report& rep) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                  // Nothing may be fetched: the file is read offline and mailed around.
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n", esc(rep.title), k_style,
                   esc(rep.title));
  h += fmt::format("<p class=\"meta\">Ngày báo cáo {} · {} đơn vị · tạo bởi parindex</p>\n", date(rep.as_of), rep.units.size());
  if (rep.units.size() > 1) {
    h += "<nav>";
    for (std::size_t i = 0; i < rep.units.size(); ++i)
      h += fmt::format("<a href=\"#unit-{}\">{}</a>", i, esc(rep.units[i].unit));
    h += "</nav>\n";
  }
  for (std::size_t i = 0; i < rep.units.size(); ++i) h += unit_section(rep, rep.units[i], static_cast<int>(i));
  if (!rep.sources.empty()) {
    h += "<h2 class=\"appendix\">Văn bản nguồn</h2>\n";
    for (const auto& [id, src] : rep.sources) {
      h += fmt::format("<section class=\"source\"><h3>{} <small>({})</small></h3>\n", esc(src.source), esc(id.substr(0, 12)));
      for (const auto& p : src.pages) {
        h += fmt::format("<p class=\"meta\">Trang {}</p>\n<ol>\n", p.page);
        std::size_t start = 0;
        int line = 1;
        while (start <= p.text.size()) {
          std::size_t nl = p.text.find('\n', start);
          std::string_view l(p.text.data() + start, (nl == std::string::npos ? p.text.size() : nl) - start);
          h += fmt::format("<li id=\"{}\">{}</li>\n", anchor(id, Where{p.page, line}), esc(l));
          ++line;
          if (nl == std::string::npos) break;
          start = nl + 1;
        }
        h += "</ol>\n";
      }
      h += "</section>\n";
    }
  }
  return h + "</body>\n</html>\n";
}

} // namespace parindex::report
