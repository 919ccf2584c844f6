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
