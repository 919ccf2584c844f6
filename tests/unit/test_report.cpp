// The HTML report: every value escaped, nothing fetched, links that resolve.
#include "helpers.hpp"

#include <parindex/report.hpp>

using namespace parindex;

TEST_CASE("report::values are escaped and the page fetches nothing") {
  report::Report rep;
  rep.title = "Báo cáo <b>";
  rep.as_of = "2024-10-15";
  report::UnitReport u;
  u.unit = "<script>alert(\"x\")</script> & 'Sông Mây'";
  u.province = "Tuyên Quang";
  u.years = {2023, 2024};
  u.components = {{1, "Chỉ đạo <điều hành>", 2023, 83.33, 5}, {1, "Chỉ đạo <điều hành>", 2024, 91.67, 3}};
  query::Gap g;
  g.document = std::string(64, 'a');
  g.unit = u.unit;
  g.year = 2023;
  g.code = "1.3";
  g.title = "Kiểm tra \"30%\" <cơ quan>";
  g.score = 1;
  g.max = 2;
  g.lost = 1;
  g.where = {1, 2};
  u.gaps.push_back(g);
  rep.units.push_back(u);
  rep.sources[g.document] = {"plan<1>.txt", {{1, "dòng một\nTiêu chí 1.3 <b>đậm</b>", std::nullopt}}};
  std::string html = report::to_html(rep);

  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Sông Mây&#39;") != std::string::npos);
  CHECK(html.find("Kiểm tra &quot;30%&quot; &lt;cơ quan&gt;") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("http:") == std::string::npos);
  CHECK(html.find("https:") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  // Two bars (one component, two years) and the gap's link to its source line.
  std::size_t bars = 0;
  for (std::size_t p = html.find("class=\"bar\""); p != std::string::npos; p = html.find("class=\"bar\"", p + 1)) ++bars;
  CHECK(bars == 2);
  CHECK(html.find("href=\"#src-aaaaaaaaaaaa-1-2\"") != std::string::npos);
  CHECK(html.find("<li id=\"src-aaaaaaaaaaaa-1-2\">Tiêu chí 1.3 &lt;b&gt;đậm&lt;/b&gt;</li>") != std::string::npos);
}

TEST_CASE("report::a unit known from a provincial ranking shows its rows and the documents giving them") {
  testing::TempDir tmp;
  store::Store st(tmp.path / "r.db");
  for (int year : {2022, 2023}) {
    Document d;
    d.id = std::string(64, year == 2022 ? 'a' : 'b');
    d.source = "qd.pdf";
    d.kind = "decision";
    d.unit = "Tuyên Quang";
    d.unit_level = "tỉnh";
    d.province = "Tuyên Quang";
    d.assessed_year = year;
    IndexRow r;
    r.name = "Chỉ số CCHC";
    r.year = year;
    r.percent = year == 2022 ? 80 : 85;
    r.unit = "Sông Mây";
    r.unit_level = "huyện";
    d.indices.push_back(r);
    REQUIRE(st.insert(d, {}));
  }
  report::Options opt;
  opt.unit = "song may";
  opt.as_of = "2024-01-15";
  auto rep = report::build(st, opt);
  REQUIRE(rep.units.size() == 1);
  const auto& u = rep.units[0];
  CHECK(u.unit == "Sông Mây");
  CHECK(u.level == "huyện");
  CHECK(u.documents.size() == 2);
  REQUIRE(u.components.size() == 2);
  CHECK(u.components[0].percent == 80);
  CHECK(u.components[1].percent == 85);
  REQUIRE(u.change.size() == 1);
  CHECK(u.change[0].delta == doctest::Approx(5));
  // No component table, yet the whole index over the two years is drawn.
  REQUIRE(u.index.size() == 2);
  CHECK(u.index[0].year == 2022);
  CHECK(u.index[1].percent == 85);
  std::string html = report::to_html(rep);
  CHECK(html.find("<svg role=\"img\" class=\"chart trend\"") != std::string::npos);
  CHECK(html.find("class=\"chart components\"") == std::string::npos);
  CHECK(html.find("Không có kết quả chỉ số thành phần.") != std::string::npos);
  // The province's own report has none of the district's rows.
  opt.unit = "Tuyên Quang";
  auto tq = report::build(st, opt);
  REQUIRE(tq.units.size() == 1);
  CHECK(tq.units[0].components.empty());
}

namespace {

// Each of `needles` is in `html` (or, with present = false, none is).
void check_each(const std::string& html, std::initializer_list<const char*> needles, bool present = true) {
  for (const char* needle : needles) CHECK_MESSAGE((html.find(needle) != std::string::npos) == present, needle);
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
  return n;
}

report::Report two_years() {
  report::Report rep;
  rep.title = "Chỉ số CCHC — Sông Mây";
  rep.as_of = "2024-10-15";
  report::UnitReport u;
  u.unit = "Sông Mây";
  u.years = {2023, 2024};
  u.components = {{1, "Công tác chỉ đạo, điều hành CCHC", 2023, 83.33, 5},
                  {1, "Công tác chỉ đạo, điều hành CCHC", 2024, 91.67, 3},
                  {5, "", 2024, 70, std::nullopt},
                  {7, "Xây dựng và phát triển chính quyền điện tử, chính quyền số", 2024, 83.33, 6},
                  {8, "Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội", 2024, 80, 2},
                  {0, "Tổng cộng", 2023, 79.25, 6},
                  {0, "Tổng cộng", 2024, 86.12, 4}};
  u.index = {{2023, 79.25, 6, std::nullopt}, {2024, 86.12, 4, 9}};
  for (const char* status : {"improved", "regressed", "unchanged", "new", "dropped"}) {
    query::DiffRow r;
    r.key = "C1";
    r.status = status;
    r.measure = "percent";
    u.change.push_back(r);
  }
  for (const char* status : {"met", "missed", "unknown"}) {
    query::TargetCheck c;
    c.document = std::string(64, 'b');
    c.target.indicator = "Chỉ số CCHC";
    c.target.where = {1, 7};
    c.status = status;
    u.targets.push_back(c);
  }
  query::Deadline d;
  d.date = "2024-10-01";
  d.status = "overdue";
  d.document = std::string(64, 'b');
  d.task.text = "Rà soát thủ tục";
  d.task.where = {2, 3};
  u.deadlines.push_back(d);
  d.date = "2024-11-30";
  d.status = "due";
  u.deadlines.push_back(d);
  store::DocumentSummary doc;
  doc.id = std::string(64, 'b');
  doc.source = "samples/ke-hoach.txt";
  u.documents.push_back(doc);
  rep.units.push_back(u);
  return rep;
}

} // namespace

TEST_CASE("report::the component chart names each component and shows each value") {
  std::string html = report::to_html(two_years());
  // Names on the axis, from the document's words or else the component's usual place.
  check_each(html, {">Chỉ đạo điều hành<", ">Chế độ công vụ<", ">Chính quyền số<", ">Tác động đến phát triển KT-XH<",
                    ">Chỉ số CCHC (tổng)<"});
  CHECK(html.find(">TP1<") == std::string::npos);
  // Every bar has its value beside it, as the documents write it.
  CHECK(count(html, "<rect class=\"bar\"") == 7);
  check_each(html, {"class=\"value\">91,67%</text>", "class=\"value\">70%</text>"});
  // Drawn 800 wide and scaled to the page.
  check_each(html, {"class=\"chart components\" width=\"800\"", ".chart{display:block;width:100%"});
}

TEST_CASE("report::the whole index over the years: its percentage and rank, for two years and not one") {
  auto rep = two_years();
  std::string html = report::to_html(rep);
  CHECK(count(html, "class=\"chart trend\"") == 1);
  CHECK(html.find("<h3>Chỉ số CCHC qua các năm</h3>") != std::string::npos);
  // One line per measure, a point per year, labelled.
  CHECK(count(html, "<polyline class=\"line\"") == 2);
  CHECK(count(html, "<circle class=\"point\"") == 4);
  check_each(html, {">86,12%</text>", ">4/9</text>", ">6</text>"});
  // A rank alone is enough to draw that panel.
  rep.units[0].index = {{2023, std::nullopt, 6, 11}, {2024, std::nullopt, 4, 11}};
  html = report::to_html(rep);
  CHECK(count(html, "class=\"chart trend\"") == 1);
  CHECK(count(html, "<circle class=\"point\"") == 2);
  CHECK(html.find(">Thứ hạng<") != std::string::npos);
  CHECK(html.find(">Chỉ số CCHC (%)<") == std::string::npos);
  rep.units[0].index.pop_back();
  html = report::to_html(rep);
  check_each(html, {"class=\"chart trend\"", "Chỉ số CCHC qua các năm"}, false);
}

TEST_CASE("report::statuses in Vietnamese, dates in one piece") {
  std::string html = report::to_html(two_years());
  check_each(html, {"<td>cải thiện</td>", "<td>giảm</td>", "<td>không đổi</td>", "<td>mới</td>", "<td>không còn</td>",
                    "<td>đạt</td>", "<td>không đạt</td>", "<td>chưa có kết quả</td>", "<td>quá hạn</td>", "<td>sắp đến hạn</td>"});
  check_each(html, {">improved<", ">regressed<", ">met<", ">missed<", ">unknown<", ">overdue<", ">due<"}, false);
  CHECK(html.find("<tr class=\"missed\">") != std::string::npos); // the class stays, for the style
  check_each(html, {"<td><span class=\"date\">01/10/2024</span></td>", "Ngày báo cáo <span class=\"date\">15/10/2024</span>",
                    ".date,.where{white-space:nowrap}"});
}

TEST_CASE("report::the source appendix only when the sources were asked for; a print stylesheet for A4") {
  auto rep = two_years();
  std::string html = report::to_html(rep);
  check_each(html, {"Văn bản nguồn", "href=\"#src-"}, false);
  check_each(html, {"<span class=\"where\" title=\"samples/ke-hoach.txt\">tr. 2, d. 3</span>", "@page{size:A4;",
                    "@media print{"});
  rep.sources[std::string(64, 'b')] = {"samples/ke-hoach.txt", {{2, "một\nhai\nRà soát thủ tục", std::nullopt}}};
  html = report::to_html(rep);
  check_each(html, {"<h2 class=\"appendix\">Văn bản nguồn</h2>",
                    "<a class=\"where\" href=\"#src-bbbbbbbbbbbb-2-3\">tr. 2, d. 3</a>",
                    "<li id=\"src-bbbbbbbbbbbb-2-3\">Rà soát thủ tục</li>"});
}

TEST_CASE("report::build reads the sources' text only when asked") {
  testing::TempDir tmp;
  store::Store st(tmp.path / "r.db");
  REQUIRE(st.insert(testing::two_scores(std::string(64, 'c')), {{1, "Tiêu chí 1.3: 1/2 điểm", std::nullopt}}));
  report::Options opt;
  opt.as_of = "2024-10-15";
  auto rep = report::build(st, opt);
  REQUIRE(rep.units.size() == 1);
  CHECK(rep.units[0].gaps.size() == 2);
  CHECK(rep.units[0].deadlines.size() == 1);
  CHECK(rep.sources.empty());
  opt.with_sources = true;
  rep = report::build(st, opt);
  REQUIRE(rep.sources.size() == 1);
  CHECK(rep.sources.begin()->second.source == "x.txt");
  CHECK(rep.sources.begin()->second.pages.size() == 1);
}
