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
std::vector<ComponentResult> component_results(const store::Store& store, const std::string& unit,
                                               std::set<std::string>& documents) {
  std::map<std::pair<int, int>, ComponentResult> by; // (component, year); later documents win
  for (const auto& ref : store.indices(unit)) {
    documents.insert(ref.document);
    const IndexRow& r = ref.row;
    if (!r.year || !r.percent || r.index != "PAR INDEX") continue;
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
    by[{c, *s.year}] = {c, s.title.value_or(""), *s.year, std::round(*best / *s.max * 10000) / 100, std::nullopt};
  }
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

Report build(const store::Store& store, const std::optional<std::string>& unit, const std::string& as_of) {
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
    ur.components = component_results(store, u.unit, with_results);
    for (const auto& d : summaries)
      if (same_unit(d.unit, folded) || with_results.count(d.id)) ur.documents.push_back(d);
    std::set<int> years;
    for (const auto& c : ur.components) years.insert(c.year);
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
    for (const auto& g : ur.gaps) referenced.insert(g.document);
    for (const auto& t : ur.targets) referenced.insert(t.document);
    for (const auto& d : ur.deadlines) referenced.insert(d.document);
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
std::string esc(const char* s) { return esc(std::string_view(s)); }
std::string esc(const std::optional<std::string>& s) { return s ? esc(std::string_view(*s)) : "–"; }
// A value a correction changed (parindex correct): marked, and said in a note under its table.
constexpr const char* k_corrected_mark = "<sup class=\"corrected\" title=\"đã hiệu chỉnh\">*</sup>";

std::string num(std::optional<double> v) { return v ? render::human_number(*v) : "–"; }

std::string anchor(const std::string& doc, const Where& w) {
  return fmt::format("src-{}-{}-{}", doc.substr(0, 12), w.page, w.line);
}
std::string link(const std::string& doc, const Where& w) {
  return fmt::format("<a href=\"#{}\">tr. {}, d. {}</a>", anchor(doc, w), w.page, w.line);
}

const char* k_year_colors[] = {"#9aa5b1", "#4f7cac", "#c0504d", "#2e8b57", "#d4a017", "#7b5ea7"};

// Grouped bars: one group per component (whole index last), one bar per year, 0–100 %.
std::string chart(const UnitReport& u) {
  if (u.components.empty()) return "<p class=\"none\">Không có kết quả chỉ số thành phần.</p>\n";
  std::vector<int> comps;
  for (const auto& c : u.components)
    if (std::find(comps.begin(), comps.end(), c.component) == comps.end()) comps.push_back(c.component);
  const int n_years = static_cast<int>(u.years.size());
  const int bar = 18, gap = 18, top = 24, height = 200, left = 40;
  const int group_w = n_years * bar + gap;
  const int width = left + static_cast<int>(comps.size()) * group_w + 10;
  const int total_h = top + height + 44;
  std::string svg = fmt::format(
    "<svg role=\"img\" class=\"chart\" width=\"{}\" height=\"{}\" "
    "viewBox=\"0 0 {} {}\" aria-label=\"Kết quả các chỉ số thành phần theo năm (%)\">\n",
    width, total_h, width, total_h);
  for (int p : {0, 50, 100}) {
    int y = top + height - p * height / 100;
    svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" "
                       "class=\"axis\" text-anchor=\"end\">{}%</text>\n",
                       left, width - 10, y, y, left - 4, y + 4, p);
  }
  for (std::size_t gi = 0; gi < comps.size(); ++gi) {
    int x0 = left + static_cast<int>(gi) * group_w + gap / 2;
    for (int yi = 0; yi < n_years; ++yi) {
      for (const auto& c : u.components) {
        if (c.component != comps[gi] || c.year != u.years[yi]) continue;
        double p = std::clamp(c.percent, 0.0, 100.0);
        int h = static_cast<int>(std::lround(p * height / 100));
        int x = x0 + yi * bar;
        svg += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{} {}: {}%</title></rect>\n",
                           x, top + height - h, bar - 2, h, k_year_colors[yi % 6], esc(c.name), c.year,
                           render::human_number(c.percent));
        svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"value\" text-anchor=\"middle\">{}</text>\n", x + bar / 2 - 1,
                           top + height - h - 3, std::lround(c.percent));
      }
    }
    std::string label = comps[gi] ? fmt::format("TP{}", comps[gi]) : "Tổng";
    svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"middle\">{}</text>\n",
                       x0 + n_years * bar / 2, top + height + 16, label);
  }
  for (int yi = 0; yi < n_years; ++yi)
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" "
                       "class=\"axis\">{}</text>\n",
                       left + yi * 70, top + height + 30, k_year_colors[yi % 6], left + yi * 70 + 14,
                       top + height + 39, u.years[yi]);
  return svg + "</svg>\n";
}

std::string unit_section(const UnitReport& u, int index) {
  std::string h = fmt::format("<section class=\"unit\" id=\"unit-{}\">\n<h2>{}</h2>\n<p class=\"meta\">{} · {} · {} văn bản</p>\n",
                              index, esc(u.unit), esc(u.level), esc(u.province), u.documents.size());
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
                       r.from ? unit : "", num(r.to), r.to ? unit : "", delta, esc(r.status));
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
                       link(g.document, g.where));
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
                       c.got ? render::human_number(*c.got) + (rank ? "" : "%") : "–", esc(c.status), esc(t.lead),
                       link(c.document, t.where));
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
                       esc(d.date), d.status == "overdue" ? "quá hạn" : "sắp đến hạn", esc(d.task.text), esc(d.task.lead),
                       link(d.document, d.task.where));
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
.chart .grid{stroke:#d9e2ec;stroke-width:1}.chart .axis{font-size:11px;fill:#52606d}
.chart .value{font-size:9px;fill:#1f2933}.none{color:#7b8794;font-style:italic}
.source ol{font-family:"Liberation Mono",monospace;font-size:.8em;white-space:pre-wrap}
.source li:target{background:#fff3c4}nav a{margin-right:1em}
)css";

} // namespace

std::string to_html(const Report& rep) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                  // Nothing may be fetched: the file is read offline and mailed around.
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n", esc(rep.title), k_style,
                   esc(rep.title));
  h += fmt::format("<p class=\"meta\">Ngày báo cáo {} · {} đơn vị · tạo bởi parindex</p>\n", esc(rep.as_of), rep.units.size());
  if (rep.units.size() > 1) {
    h += "<nav>";
    for (std::size_t i = 0; i < rep.units.size(); ++i)
      h += fmt::format("<a href=\"#unit-{}\">{}</a>", i, esc(rep.units[i].unit));
    h += "</nav>\n";
  }
  for (std::size_t i = 0; i < rep.units.size(); ++i) h += unit_section(rep.units[i], static_cast<int>(i));
  if (!rep.sources.empty()) {
    h += "<h2>Văn bản nguồn</h2>\n";
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
