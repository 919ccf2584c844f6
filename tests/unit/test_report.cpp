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
  auto rep = report::build(st, std::string("song may"), "2024-01-15");
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
  // The province's own report has none of the district's rows.
  auto tq = report::build(st, std::string("Tuyên Quang"), "2024-01-15");
  REQUIRE(tq.units.size() == 1);
  CHECK(tq.units[0].components.empty());
}
