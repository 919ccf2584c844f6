// Acceptance: the records ../shared/seeds/README.md lists for seeds 000–003.
#include "helpers.hpp"

#include <parindex/query.hpp>
#include <parindex/store.hpp>

#include <algorithm>

using namespace parindex;
using testing::seed;

namespace {

const Score* score(const Document& d, const std::string& code) {
  for (const auto& s : d.scores)
    if (s.code && *s.code == code) return &s;
  return nullptr;
}

const query::Gap* gap(const std::vector<query::Gap>& gaps, const std::string& code) {
  for (const auto& g : gaps)
    if (g.code && *g.code == code) return &g;
  return nullptr;
}

} // namespace

TEST_CASE("extract::seed 000 Cao Lộc plan") {
  auto path = seed("000");
  if (!path) return;
  Document d = testing::extract_file(*path);
  CHECK(d.kind == "plan");
  CHECK(d.unit == "Cao Lộc");
  CHECK(d.unit_level == "huyện");
  CHECK(d.province == "Lạng Sơn");
  CHECK(d.issuer == "UBND huyện Cao Lộc");
  CHECK(d.assessed_year == 2023);
  CHECK(d.plan_year == 2024);
  CHECK(d.signer == "Nguyễn Duy Anh");
  CHECK_FALSE(d.number); // "Số: /KH-UBND" has no number yet
  CHECK_FALSE(d.issued_on); // "ngày tháng 5 năm 2024" has no day

  const Score* s = score(d, "1.4.2");
  REQUIRE(s);
  CHECK(s->component == 1);
  CHECK(s->title == "Tuyên truyền nội dung CCHC thông qua các hình thức khác");
  CHECK(s->self == 1.5);
  CHECK(s->appraised == 0);
  CHECK(s->max == 1.5);
  CHECK(s->note == "TLKC không thể hiện việc triển khai hình thức tuyên truyền mới");
  CHECK(s->where.line == 33);

  s = score(d, "3.5.3.2");
  REQUIRE(s);
  CHECK(s->component == 3);
  CHECK(s->self == 0.5);
  CHECK(s->appraised == 0);
  CHECK(s->max == 0.5);

  s = score(d, "7.3.1.2");
  REQUIRE(s);
  CHECK(s->self == 1);
  CHECK(s->appraised == 0);
  CHECK_FALSE(s->max);

  s = score(d, "7.3.2");
  REQUIRE(s);
  CHECK(s->passed == false);

  // Component totals: "1.1. Kết quả tự chấm: 10/10. Kết quả thẩm định: 5,5/10" is component
  // 1's total, not criterion 1.1; "14.5/15" uses a decimal point.
  CHECK_FALSE(score(d, "1.1"));
  CHECK_FALSE(score(d, "2.1"));
  bool c1 = false, c3 = false, total = false;
  for (const auto& x : d.scores) {
    if (!x.code && x.component == 1 && x.self == 10 && x.appraised == 5.5 && x.max == 10) c1 = true;
    if (!x.code && x.component == 3 && x.self == 15 && x.appraised == 14.5 && x.max == 15) c3 = true;
    if (!x.code && !x.component && x.self == 88 && x.appraised == 85) total = true;
  }
  CHECK(c1);
  CHECK(c3);
  CHECK(total);

  // "xếp hạng 08/11"
  REQUIRE(d.indices.size() == 1);
  CHECK(d.indices[0].rank == 8);
  CHECK(d.indices[0].of == 11);

  // Tasks: lead agency, partners, deadlines, starts, recurrence, criteria they fix.
  auto task = std::find_if(d.tasks.begin(), d.tasks.end(),
                           [](const Task& t) { return t.due == "2024-11-30"; });
  REQUIRE(task != d.tasks.end());
  CHECK(task->lead == "Phòng Nội vụ");
  CHECK(task->codes == std::vector<std::string>{"1.4.2"});
  CHECK(task->recurrence == "continuous");
  CHECK(std::find(task->partners.begin(), task->partners.end(),
                  "Trung tâm Văn hóa, Thể thao và Truyền thông") != task->partners.end());
  auto starts = std::count_if(d.tasks.begin(), d.tasks.end(),
                              [](const Task& t) { return t.start == "2024-07-01"; });
  CHECK(starts == 5);
  auto tuphap = std::find_if(d.tasks.begin(), d.tasks.end(),
                             [](const Task& t) { return t.lead == "Phòng Tư pháp"; });
  REQUIRE(tuphap != d.tasks.end());
  CHECK(tuphap->codes == std::vector<std::string>{"1.5"});
  // The issuance date of Quyết định 102 is not a deadline.
  for (const auto& t : d.tasks) CHECK(t.due != "2024-01-16");
  REQUIRE(d.references.size() == 1);
  CHECK(d.references[0].number == "102/QĐ-UBND");
  CHECK(d.references[0].date == "2024-01-16");
}

TEST_CASE("query::gaps of seed 000 through a real store") {
  auto path = seed("000");
  if (!path) return;
  testing::TempDir tmp;
  store::Store st(testing::test_database(tmp, "t.db"));
  ingest::Pipeline pipeline(st, {});
  auto r = pipeline.ingest(path->string());
  REQUIRE(r.outcome == ingest::Outcome::added);
  auto again = pipeline.ingest(path->string());
  CHECK(again.outcome == ingest::Outcome::unchanged);
  CHECK(st.documents().size() == 1);

  auto gaps = query::gaps(st, {});
  const query::Gap* g = gap(gaps, "1.4.2");
  REQUIRE(g);
  CHECK(g->lost == 1.5);
  CHECK(g->unit == "Cao Lộc");
  CHECK(g->year == 2023);
  g = gap(gaps, "1.5");
  REQUIRE(g);
  CHECK(g->lost == 3);
  g = gap(gaps, "3.5.3.2");
  REQUIRE(g);
  CHECK(g->lost == 0.5);
  g = gap(gaps, "7.3.1.2");
  REQUIRE(g);
  CHECK(g->self == 1);
  CHECK(g->score == 0);
  g = gap(gaps, "7.3.2");
  REQUIRE(g);
  CHECK(g->passed == false);
  // Sorted by points lost, largest first.
  for (std::size_t i = 1; i < gaps.size(); ++i)
    if (gaps[i].lost) CHECK(gaps[i - 1].lost.value_or(0) >= *gaps[i].lost);

  query::GapOptions only;
  only.filter.code_prefix = "7.3";
  auto sub = query::gaps(st, only);
  REQUIRE(sub.size() == 2);
  only.filter = {};
  only.filter.unit = "cao loc"; // accent- and case-insensitive
  CHECK(query::gaps(st, only).size() == gaps.size());
}

TEST_CASE("extract::seed 001 Yên Thế report") {
  auto path = seed("001");
  if (!path) return;
  Document d = testing::extract_file(*path);
  CHECK(d.kind == "report");
  CHECK(d.unit == "Yên Thế");
  CHECK(d.province == "Bắc Giang");
  CHECK(d.signer == "Nguyễn Ngọc Sơn");
  CHECK(d.scores.empty());
  auto has = [&](const std::string& kind, const std::string& number, const std::string& date) {
    return std::any_of(d.references.begin(), d.references.end(), [&](const Reference& r) {
      return r.kind == kind && r.number == number && r.date == date;
    });
  };
  CHECK(has("Kế hoạch", "35/KH-UBND", "2023-02-15"));
  CHECK(has("Kế hoạch", "70/KH-UBND", "2023-04-24"));
  CHECK(has("Quyết định", "45/2016/QĐ-TTg", "2016-10-19"));
  CHECK(has("Công văn", "927/UBND-VP", "2023-05-15")); // from a footnote
  CHECK(has("Kết luận", "54-KL/TU", "2021-03-03"));
  CHECK(has("Nghị quyết", "110-NQ/TU", "2016-07-11"));
  // Each cited document once, though 35/KH-UBND is cited twice.
  CHECK(std::count_if(d.references.begin(), d.references.end(),
                      [](const Reference& r) { return r.number == "35/KH-UBND"; }) == 1);
  auto qd = std::find_if(d.references.begin(), d.references.end(),
                         [](const Reference& r) { return r.number == "45/2016/QĐ-TTg"; });
  CHECK(qd->issuer == "Thủ tướng Chính phủ");
}

TEST_CASE("extract::seed 002 commune plan without metadata") {
  auto path = seed("002");
  if (!path) return;
  Document d = testing::extract_file(*path);
  CHECK_FALSE(d.kind);
  CHECK_FALSE(d.unit);
  CHECK_FALSE(d.number);
  CHECK_FALSE(d.issued_on);
  auto has = [&](const std::string& op, double value, const std::string& words) {
    return std::any_of(d.targets.begin(), d.targets.end(), [&](const Target& t) {
      return t.op == op && t.value == value && t.unit == "%" &&
             text::fold(t.indicator).find(text::fold(words)) != std::string::npos;
    });
  };
  CHECK(has(">=", 20, "hồ sơ giải quyết trực tuyến"));
  CHECK(has(">=", 95, "giải quyết thủ tục hành chính"));
  CHECK(has("=", 100, "thủ tục hành chính được công bố"));
  CHECK(has(">=", 15, "số hóa"));
  CHECK(has(">=", 50, "bồi dưỡng"));
  // Hard-wrapped lines are joined: "Tỷ lệ hồ\nsơ giải quyết" is one target, on its first line.
  auto t = std::find_if(d.targets.begin(), d.targets.end(), [](const Target& t) { return t.value == 20; });
  REQUIRE(t != d.targets.end());
  CHECK(t->where.line == 21);
  CHECK(t->component == 3);
}

TEST_CASE("extract::seed 003 Tam Đường component-index table") {
  auto path = seed("003");
  if (!path) return;
  Document d = testing::extract_file(*path);
  CHECK(d.kind == "plan");
  CHECK(d.unit == "Tam Đường");
  CHECK(d.province == "Lai Châu");
  CHECK(d.signer == "Sùng Lữ Páo");
  REQUIRE(d.indices.size() == 10);
  CHECK(d.indices[0].component == 1);
  CHECK(d.indices[0].percent == 70.52);
  CHECK(d.indices[0].rank == 4);
  CHECK(d.indices[0].year == 2023);
  const double percents[] = {70.52, 100, 99.85, 98.8, 68.75, 36.3, 86.96, 50};
  const int ranks[] = {4, 1, 1, 4, 3, 7, 5, 2};
  for (int i = 0; i < 8; ++i) {
    CHECK(d.indices[i].component == i + 1);
    CHECK(d.indices[i].percent == percents[i]);
    CHECK(d.indices[i].rank == ranks[i]);
  }
  CHECK(d.indices[8].index == "SIPAS");
  CHECK_FALSE(d.indices[8].component);
  CHECK(d.indices[8].percent == 74.4);
  CHECK_FALSE(d.indices[9].component);
  CHECK(d.indices[9].percent == 76.17);
  CHECK(d.indices[9].rank == 4);

  // 2024 targets from the same rows: "Trên 75%" → > 75, rank 3.
  auto t = std::find_if(d.targets.begin(), d.targets.end(),
                        [](const Target& t) { return t.component == 1 && t.unit == "%"; });
  REQUIRE(t != d.targets.end());
  CHECK(t->op == ">");
  CHECK(t->value == 75);
  CHECK(t->year == 2024);
  auto goal = std::find_if(d.targets.begin(), d.targets.end(),
                           [](const Target& t) { return t.indicator == "Chỉ số CCHC"; });
  REQUIRE(goal != d.targets.end());
  CHECK(goal->op == ">=");
  CHECK(goal->value == 80);

  auto report = std::find_if(d.tasks.begin(), d.tasks.end(),
                             [](const Task& t) { return t.due == "2024-12-10"; });
  CHECK(report != d.tasks.end());
  // The appendix task table: lead and partners per row, "Cả năm" = continuous.
  auto tp = std::find_if(d.tasks.begin(), d.tasks.end(),
                         [](const Task& t) { return t.lead == "Phòng Tư pháp"; });
  REQUIRE(tp != d.tasks.end());
  CHECK(tp->recurrence == "continuous");
  CHECK(tp->partners == std::vector<std::string>{"Các phòng, ban chuyên môn liên quan", "UBND các xã, thị trấn"});
  auto ref = std::find_if(d.references.begin(), d.references.end(),
                          [](const Reference& r) { return r.number == "2205/KH-UBND"; });
  REQUIRE(ref != d.references.end());
  CHECK(ref->date == "2024-06-11");
  CHECK(ref->issuer == "UBND tỉnh Lai Châu");
}
