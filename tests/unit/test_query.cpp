// The criteria catalogue, and the analysis answers built on the store: deeper gaps
// (component share, closed in a later year, grouping) and targets against results.
#include "helpers.hpp"

#include <parindex/criteria.hpp>
#include <parindex/error.hpp>
#include <parindex/query.hpp>
#include <parindex/store.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>

using namespace parindex;

namespace {

void write(const std::filesystem::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
}

Score score(std::optional<std::string> code, std::optional<int> component, int year, double self,
            double appraised, std::optional<double> max) {
  Score s;
  s.code = std::move(code);
  s.component = component;
  s.year = year;
  s.self = self;
  s.appraised = appraised;
  s.max = max;
  s.title = s.code ? "Tiêu chí " + *s.code : "Thành phần";
  return s;
}

Document doc(char id, int year, std::vector<Score> scores) {
  Document d;
  d.id = std::string(64, id);
  d.source = std::string(1, id) + ".txt";
  d.unit = "Sông Mây";
  d.unit_level = "huyện";
  d.province = "Tuyên Quang";
  d.assessed_year = year;
  d.scores = std::move(scores);
  return d;
}

const char* k_framework = "# a test framework\n"
                          "# province: Tuyên Quang\n"
                          "# level: huyện\n"
                          "# years: 2023-2024\n"
                          "# source: invented\n"
                          "code\tmax\ttitle\n"
                          "1\t12\tCông tác chỉ đạo, điều hành\n"
                          "1.3\t2\tKiểm tra\n"
                          "3\t14\tCải cách thủ tục hành chính\n"
                          "3.4.2\t1,5\tHồ sơ đúng hạn\n"
                          "7.3.2\t-\tMột cửa điện tử\n";

} // namespace

TEST_CASE("criteria::a framework file is read with its keys, and the most specific applies") {
  testing::TempDir tmp;
  write(tmp.path / "tq.tsv", k_framework);
  write(tmp.path / "all.tsv", "# province: *\n1\t-\tChỉ đạo điều hành\n3\t-\tThủ tục hành chính\n");
  write(tmp.path / "notes.md", "not a framework");
  auto cat = criteria::Catalogue::load({tmp.path});
  REQUIRE(cat.frameworks().size() == 2);
  const auto& tq = cat.frameworks()[1];
  CHECK(tq.name == "tq");
  CHECK(tq.province == "Tuyên Quang");
  CHECK(tq.years == std::vector<int>{2023, 2024});
  REQUIRE(tq.find("3.4.2"));
  CHECK(tq.find("3.4.2")->max == doctest::Approx(1.5));
  CHECK(tq.find("3.4.2")->component == 3);
  CHECK_FALSE(tq.find("7.3.2")->max);

  // Accent- and case-insensitive province; the named province comes before "*".
  auto m = cat.match(std::string("tuyen quang"), std::string("huyện"), 2024);
  REQUIRE(m.size() == 2);
  CHECK(m[0]->name == "tq");
  CHECK(cat.match(std::string("Tuyên Quang"), std::string("huyện"), 2025).size() == 1); // year outside
  CHECK(cat.match(std::string("Tuyên Quang"), std::string("xã"), 2024).size() == 1);    // other level
  CHECK(cat.component_name(3, m) == "Cải cách thủ tục hành chính");
}

TEST_CASE("criteria::a malformed framework names its file and line") {
  testing::TempDir tmp;
  write(tmp.path / "bad.tsv", "# level: huyện\n1.4\t1\tx\n9.1\t1\ty\n");
  try {
    (void)criteria::Catalogue::load({tmp.path});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == (tmp.path / "bad.tsv").string() + ":3: component 9 is not 1-8");
  }
  write(tmp.path / "bad.tsv", "1.4\tmột\tx\n");
  CHECK_THROWS_WITH_AS((void)criteria::Catalogue::load({tmp.path}),
                       ((tmp.path / "bad.tsv").string() + ":1: maximum 'một' is not a number of points").c_str(),
                       InputError);
  write(tmp.path / "bad.tsv", "# level: tinh\n");
  CHECK_THROWS_AS((void)criteria::Catalogue::load({tmp.path}), InputError);
}

TEST_CASE("criteria::complete fills missing maxima and warns on a contradicting one") {
  testing::TempDir tmp;
  write(tmp.path / "tq.tsv", k_framework);
  auto cat = criteria::Catalogue::load({tmp.path});
  Document d = doc('a', 2023, {score("1.3", std::nullopt, 2023, 2, 1, std::nullopt),
                               score("3.4.2", 3, 2023, 1, 0, 2), score(std::nullopt, 1, 2023, 12, 10, std::nullopt),
                               score("5.1", 5, 2023, 1, 0, std::nullopt)});
  auto warnings = criteria::complete(d, cat);
  CHECK(d.scores[0].max == doctest::Approx(2));
  CHECK(d.scores[0].component == 1);
  CHECK(d.scores[1].max == doctest::Approx(2)); // the document's figure is kept
  CHECK(d.scores[2].max == doctest::Approx(12)); // a component total
  CHECK_FALSE(d.scores[3].max);                 // not in the catalogue
  CHECK(d.pipeline.criteria == "tq");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "3.4.2: the document says max 2, the catalogue tq says 1,5");

  Document other = doc('b', 2023, {score("1.3", 1, 2023, 2, 1, std::nullopt)});
  other.province = "Lạng Sơn";
  CHECK(criteria::complete(other, cat).empty());
  CHECK_FALSE(other.scores[0].max);
  CHECK_FALSE(other.pipeline.criteria);
}

TEST_CASE("query::gaps gives the component share and whether a later year closed the gap") {
  testing::TempDir tmp;
  write(tmp.path / "tq.tsv", k_framework);
  auto cat = criteria::Catalogue::load({tmp.path});
  store::Store st(testing::test_database(tmp, "g.db"));
  // 2023: component 1 total 10/12 with 1.3 at 1/2 and 1.6 at 0/1; 3.4.2 at 0,5/1,5.
  st.insert(doc('a', 2023, {score(std::nullopt, 1, 2023, 12, 10, 12), score("1.3", 1, 2023, 2, 1, 2),
                            score("1.6", 1, 2023, 1, 0, 1), score("3.4.2", 3, 2023, 1.5, 0.5, 1.5)}),
            {});
  // 2024: 1.3 full, 1.6 half, 3.4.2 worse.
  st.insert(doc('b', 2024, {score("1.3", 1, 2024, 2, 2, 2), score("1.6", 1, 2024, 1, 0.5, 1),
                            score("3.4.2", 3, 2024, 1.5, 0, 1.5)}),
            {});
  query::GapOptions o;
  o.catalogue = &cat;
  o.filter.year = 2023;
  auto gaps = query::gaps(st, o);
  REQUIRE(gaps.size() == 4);
  auto find = [&](const std::optional<std::string>& code) -> const query::Gap& {
    for (const auto& g : gaps)
      if (g.code == code) return g;
    FAIL("missing gap");
    return gaps[0];
  };
  const auto& total = find(std::nullopt);
  CHECK(total.lost == doctest::Approx(2));
  CHECK(total.share == doctest::Approx(16.67));
  const auto& g13 = find("1.3");
  CHECK(g13.component_max == doctest::Approx(12)); // the document's component total
  CHECK(g13.share == doctest::Approx(8.33));
  CHECK(g13.later_year == 2024);
  CHECK(g13.closed == true);
  const auto& g16 = find("1.6");
  CHECK(g16.closed == false);
  CHECK(g16.later_score == doctest::Approx(0.5));
  const auto& g342 = find("3.4.2");
  CHECK(g342.component_max == doctest::Approx(14)); // no total in the document: the catalogue
  CHECK(g342.share == doctest::Approx(7.14));
  CHECK(g342.closed == false);
  CHECK(g342.component_title == "Cải cách thủ tục hành chính");

  // Grouped: component 1 counts its total once, not total + criteria.
  auto groups = query::group(gaps, query::parse_grouping("unit,year,component"));
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].component == 1);
  CHECK(groups[0].gaps == 2);
  CHECK(groups[0].closed == 1);
  CHECK(groups[0].lost == doctest::Approx(2));
  CHECK(groups[0].share == doctest::Approx(16.67));
  CHECK(groups[1].lost == doctest::Approx(1));
  auto by_unit = query::group(gaps, query::parse_grouping("unit"));
  REQUIRE(by_unit.size() == 1);
  CHECK(by_unit[0].lost == doctest::Approx(3));
  CHECK_FALSE(by_unit[0].year);
  CHECK_THROWS_AS(query::parse_grouping("unit,province"), UsageError);
}

TEST_CASE("query::targets of a year's plan are checked against that year's results") {
  testing::TempDir tmp;
  store::Store st(testing::test_database(tmp, "t.db"));
  Document plan = doc('p', 2023, {});
  auto target = [](std::string indicator, std::optional<int> component, std::string op, double value,
                   std::string unit) {
    Target t;
    t.indicator = std::move(indicator);
    t.component = component;
    t.year = 2024;
    t.op = std::move(op);
    t.value = value;
    t.unit = std::move(unit);
    return t;
  };
  plan.targets = {target("Chỉ số cải cách hành chính", std::nullopt, ">=", 85, "%"),
                  target("Cải cách thể chế", 2, ">", 75, "%"), target("Cải cách thể chế", 2, "=", 3, "rank"),
                  target("Chỉ số hài lòng", std::nullopt, ">=", 90, "%"),
                  target("Tỷ lệ hồ sơ trực tuyến", std::nullopt, ">=", 50, "%")};
  st.insert(plan, {});
  Document results = doc('r', 2024, {});
  auto index = [](std::optional<int> component, std::string idx, double percent, std::optional<int> rank) {
    IndexRow r;
    r.component = component;
    r.name = "x";
    r.year = 2024;
    r.percent = percent;
    r.rank = rank;
    r.index = std::move(idx);
    return r;
  };
  results.indices = {index(std::nullopt, "PAR INDEX", 84.9, 5), index(2, "PAR INDEX", 78.1, 2),
                     index(std::nullopt, "SIPAS", 91, std::nullopt)};
  st.insert(results, {});
  auto checks = query::check_targets(st, "song may", 2024);
  REQUIRE(checks.size() == 5);
  CHECK(checks[0].got == doctest::Approx(84.9));
  CHECK(checks[0].status == "missed");
  CHECK(checks[1].got == doctest::Approx(78.1)); // "target > 75%, got 78.1%: met"
  CHECK(checks[1].status == "met");
  CHECK(checks[2].got == doctest::Approx(2)); // rank 2 meets a rank-3 target
  CHECK(checks[2].status == "met");
  CHECK(checks[3].status == "met"); // SIPAS
  CHECK(checks[4].status == "unknown");
  CHECK_FALSE(checks[4].got);
  CHECK_THROWS_AS(query::check_targets(st, "Sông Mây", 2030), UsageError);

  // Side by side: the second unit has nothing in 2024, which is an error naming it.
  Document other = doc('o', 2024, {score("1.3", 1, 2024, 2, 1.5, 2)});
  other.unit = "Nậm Khiêu";
  st.insert(other, {});
  auto rows = query::compare(st, {"Sông Mây", "nam khieu"}, 2024);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows[0].key == "C2");
  CHECK(rows[0].measure == "percent");
  CHECK(rows[0].values[0] == doctest::Approx(78.1));
  CHECK_FALSE(rows[0].values[1]);
  CHECK(rows.back().key == "1.3");
  CHECK(rows.back().values[1] == doctest::Approx(1.5));
  CHECK_THROWS_WITH_AS(query::compare(st, {"Sông Mây", "Hà Nội"}, 2024),
                       "no scores or index results for unit 'Hà Nội' in 2024", UsageError);
}

TEST_CASE("query::deadlines in a window are the full list cut to it (the store's date prefilter loses none)") {
  testing::TempDir tmp;
  store::Store st(testing::test_database(tmp, "d.db"));
  ingest::Pipeline pipeline(st, {});
  for (const auto& e : std::filesystem::directory_iterator(testing::source_dir() / "samples"))
    if (e.path().extension() == ".txt") REQUIRE(pipeline.ingest(e.path().string()).outcome == ingest::Outcome::added);
  auto key = [](const query::Deadline& d) { return d.date + " " + d.document + " " + std::to_string(d.seq); };
  auto plus = [](const std::string& iso, int days) {
    using namespace std::chrono;
    year_month_day ymd{year{std::stoi(iso.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                       day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
    year_month_day r{sys_days{ymd} + std::chrono::days{days}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(r.year()), static_cast<unsigned>(r.month()),
                  static_cast<unsigned>(r.day()));
    return std::string(buf);
  };
  for (std::string as_of : {"2023-12-31", "2024-01-01", "2024-06-15", "2024-10-15", "2025-03-01"}) {
    CAPTURE(as_of);
    query::DeadlineOptions all;
    all.as_of = as_of;
    auto every = query::deadlines(st, all);
    REQUIRE(every.size() > 12); // the samples' monthly duty alone gives 12 a year
    for (std::optional<int> days : {std::optional<int>(), std::optional<int>(0), std::optional<int>(7),
                                    std::optional<int>(30), std::optional<int>(100), std::optional<int>(400)}) {
      for (bool overdue : {false, true}) {
        CAPTURE(days.value_or(-1));
        CAPTURE(overdue);
        query::DeadlineOptions o = all;
        o.within_days = days;
        o.overdue = overdue;
        std::vector<std::string> want, got;
        for (const auto& d : every) {
          if (overdue && !(d.date < as_of)) continue;
          if (days && (d.date < as_of || d.date > plus(as_of, *days))) continue;
          want.push_back(key(d));
        }
        for (const auto& d : query::deadlines(st, o)) got.push_back(key(d));
        CHECK(got == want);
      }
    }
  }
}

TEST_CASE("query::recurring deadlines and agencies: the store's window and agency prefilters lose none") {
  testing::TempDir tmp;
  store::Store st(testing::test_database(tmp, "r.db"));
  // Monthly tasks on every kind of day (none: the 1st; past a short month's end; not a day),
  // quarterly and half-yearly ones, in three plan years, led or helped by three agencies.
  int n = 0;
  for (int year : {2023, 2024, 2025}) {
    Document d;
    d.id = std::string(63, 'a') + static_cast<char>('0' + year % 10);
    d.source = std::to_string(year) + ".txt";
    d.unit = "Sông Mây";
    d.plan_year = year;
    const std::vector<std::string> agencies = {"Phòng Nội vụ", "Văn phòng HĐND và UBND", "Phòng Tư pháp"};
    for (std::optional<int> day : {std::optional<int>(), std::optional<int>(1), std::optional<int>(15),
                                   std::optional<int>(28), std::optional<int>(29), std::optional<int>(30),
                                   std::optional<int>(31), std::optional<int>(0), std::optional<int>(40)}) {
      Task t;
      t.text = "Báo cáo tháng " + std::to_string(n);
      t.recurrence = "monthly";
      t.day_of_month = day;
      t.lead = agencies[n % 3];
      if (n % 2) t.partners = {agencies[(n + 1) % 3], "Các cơ quan \"chuyên môn\""};
      d.tasks.push_back(t);
      ++n;
    }
    for (const char* r : {"quarterly", "half-yearly"}) {
      Task t;
      t.text = std::string("Báo cáo ") + r;
      t.recurrence = r;
      t.lead = agencies[n++ % 3];
      d.tasks.push_back(t);
    }
    st.insert(d, {});
  }
  auto plus = [](const std::string& iso, int days) {
    using namespace std::chrono;
    year_month_day ymd{year{std::stoi(iso.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                       day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
    year_month_day r{sys_days{ymd} + std::chrono::days{days}};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(r.year()), static_cast<unsigned>(r.month()),
                  static_cast<unsigned>(r.day()));
    return std::string(buf);
  };
  auto key = [](const query::Deadline& d) { return d.date + " " + d.document + " " + std::to_string(d.seq); };
  int compared = 0;
  for (std::string as_of : {"2023-12-25", "2024-01-31", "2024-02-28", "2024-02-29", "2024-03-10", "2024-06-01",
                            "2024-06-29", "2024-12-15", "2025-04-30"}) {
    query::DeadlineOptions all;
    all.as_of = as_of;
    auto every = query::deadlines(st, all);
    for (std::optional<std::string> agency : {std::optional<std::string>(), std::optional<std::string>("noi vu"),
                                              std::optional<std::string>("VĂN PHÒNG"), std::optional<std::string>("chuyên môn"),
                                              std::optional<std::string>("\"chuyen")}) {
      for (int days : {0, 1, 6, 14, 16, 30, 31, 45, 62, 63, 100}) {
        CAPTURE(as_of);
        CAPTURE(days);
        CAPTURE(agency.value_or("-"));
        query::DeadlineOptions o = all;
        o.within_days = days;
        o.agency = agency;
        std::vector<std::string> want, got;
        for (const auto& d : every) {
          if (d.date < as_of || d.date > plus(as_of, days)) continue;
          if (agency) {
            std::string a = text::fold(*agency), all_names = text::fold(d.task.lead.value_or(""));
            for (const auto& p : d.task.partners) all_names += "\n" + text::fold(p);
            if (all_names.find(a) == std::string::npos) continue;
          }
          want.push_back(key(d));
        }
        for (const auto& d : query::deadlines(st, o)) got.push_back(key(d));
        CHECK(got == want);
        ++compared;
      }
    }
  }
  CHECK(compared == 9 * 5 * 11);
}

namespace {

// A provincial decision of `year` ranking two districts: each district's score of criterion
// 1.1 and its index result are rows of their own unit; one row (unit null) is the province's.
Document ranking(char id, int year, double song_may, double lam_binh, double sm_pct, int sm_rank,
                 double lb_pct, int lb_rank) {
  Document d;
  d.id = std::string(64, id);
  d.source = std::string(1, id) + ".pdf";
  d.kind = "decision";
  d.unit = "Tuyên Quang";
  d.unit_level = "tỉnh";
  d.province = "Tuyên Quang";
  d.assessed_year = year;
  auto row_score = [&](const std::string& unit, double appraised) {
    Score s = score("1.1", 1, year, 2, appraised, 2);
    s.unit = unit;
    s.unit_level = "huyện";
    return s;
  };
  d.scores = {row_score("Sông Mây", song_may), row_score("Lâm Bình", lam_binh)};
  auto row_index = [&](std::optional<std::string> unit, double percent, std::optional<int> rank) {
    IndexRow r;
    r.name = "Chỉ số CCHC";
    r.year = year;
    r.percent = percent;
    r.rank = rank;
    r.of = 2;
    if (unit) {
      r.unit = unit;
      r.unit_level = "huyện";
    }
    return r;
  };
  d.indices = {row_index("Sông Mây", sm_pct, sm_rank), row_index("Lâm Bình", lb_pct, lb_rank),
               row_index(std::nullopt, 90 + (year - 2022), std::nullopt)};
  return d;
}

const query::DiffRow* find_row(const std::vector<query::DiffRow>& rows, const std::string& measure,
                               const std::string& key) {
  for (const auto& r : rows)
    if (r.measure == measure && r.key == key) return &r;
  return nullptr;
}

} // namespace

TEST_CASE("query::rows of other units answer for those units (a provincial ranking of districts)") {
  testing::TempDir tmp;
  auto path = tmp.path / "ranking.db";
  {
    store::Store st(path);
    REQUIRE(st.insert(ranking('a', 2022, 1, 2, 80.5, 2, 85.25, 1), {}));
    REQUIRE(st.insert(ranking('b', 2023, 1.5, 1.75, 84, 1, 83, 2), {}));
    // Sông Mây's own plan for 2023: targets against the results the decisions give it.
    Document plan = doc('c', 2023, {});
    plan.kind = "plan";
    plan.plan_year = 2023;
    Target pct;
    pct.indicator = "Chỉ số CCHC";
    pct.year = 2023;
    pct.op = ">=";
    pct.value = 82;
    Target dti = pct;
    dti.indicator = "Chỉ số chuyển đổi số";
    dti.index = "DTI";
    plan.targets = {pct, dti};
    REQUIRE(st.insert(plan, {}));
  }
  store::Store st(path, store::Mode::read_only);

  SUBCASE("the store keeps each row's unit and reads it back") {
    store::ScoreFilter f;
    f.unit = "lam binh";
    auto rows = st.scores(f);
    REQUIRE(rows.size() == 2);
    for (const auto& r : rows) {
      CHECK(r.unit == "Lâm Bình");
      CHECK(r.unit_level == "huyện");
      CHECK(r.province == "Tuyên Quang");
      CHECK(r.score.unit == "Lâm Bình");
    }
    auto own = st.indices(std::string("Tuyên Quang"));
    REQUIRE(own.size() == 2);
    CHECK(own[0].unit == "Tuyên Quang");
    CHECK_FALSE(own[0].row.unit);
    auto targets = st.targets(std::string("Sông Mây"), 2023);
    REQUIRE(targets.size() == 2);
    CHECK(targets[0].target.index == "PAR INDEX");
    CHECK(targets[1].target.index == "DTI");
  }

  SUBCASE("diff gives each unit exactly its own values and deltas") {
    auto sm = query::diff(st, "Sông Mây", 2022, 2023);
    REQUIRE(sm.size() == 3);
    auto* s = find_row(sm, "score", "1.1");
    REQUIRE(s);
    CHECK(s->from == 1);
    CHECK(s->to == 1.5);
    CHECK(s->delta == doctest::Approx(0.5));
    CHECK(s->status == "improved");
    auto* p = find_row(sm, "percent", "PAR INDEX");
    REQUIRE(p);
    CHECK(p->from == 80.5);
    CHECK(p->to == 84);
    CHECK(p->delta == doctest::Approx(3.5));
    auto* r = find_row(sm, "rank", "PAR INDEX");
    REQUIRE(r);
    CHECK(r->from == 2);
    CHECK(r->to == 1);
    CHECK(r->status == "improved");

    auto lb = query::diff(st, "LAM BINH", 2022, 2023);
    REQUIRE(lb.size() == 3);
    s = find_row(lb, "score", "1.1");
    REQUIRE(s);
    CHECK(s->from == 2);
    CHECK(s->to == 1.75);
    CHECK(s->delta == doctest::Approx(-0.25));
    CHECK(s->status == "regressed");
    p = find_row(lb, "percent", "PAR INDEX");
    REQUIRE(p);
    CHECK(p->from == 85.25);
    CHECK(p->to == 83);
    CHECK(p->delta == doctest::Approx(-2.25));
    CHECK(p->status == "regressed");
    r = find_row(lb, "rank", "PAR INDEX");
    REQUIRE(r);
    CHECK(r->delta == doctest::Approx(1));
    CHECK(r->status == "regressed");

    // The province has only its own row.
    auto tq = query::diff(st, "Tuyên Quang", 2022, 2023);
    REQUIRE(tq.size() == 1);
    CHECK(tq[0].from == 90);
    CHECK(tq[0].to == 91);

    auto side = query::compare(st, {"Sông Mây", "Lâm Bình"}, 2023);
    bool seen = false;
    for (const auto& row : side)
      if (row.measure == "percent" && row.key == "PAR INDEX") {
        seen = true;
        CHECK(row.values == std::vector<std::optional<double>>{84.0, 83.0});
      }
    CHECK(seen);
  }

  SUBCASE("gaps --unit lists the unit's rows, named by the row's unit") {
    query::GapOptions o;
    o.filter.unit = "Sông Mây";
    auto sm = query::gaps(st, o);
    REQUIRE(sm.size() == 2);
    CHECK(sm[0].unit == "Sông Mây");
    CHECK(sm[0].year == 2022);
    CHECK(sm[0].lost == doctest::Approx(1));
    CHECK(sm[0].later_year == 2023); // the next decision scores the same district
    CHECK(sm[0].closed == false);
    CHECK(sm[1].year == 2023);
    CHECK(sm[1].lost == doctest::Approx(0.5));
    o.filter.unit = "Lâm Bình";
    auto lb = query::gaps(st, o);
    REQUIRE(lb.size() == 1);
    CHECK(lb[0].unit == "Lâm Bình");
    CHECK(lb[0].lost == doctest::Approx(0.25));
    o.filter.unit = "Tuyên Quang";
    CHECK(query::gaps(st, o).empty());
    o.filter.unit.reset();
    auto all = query::gaps(st, o);
    REQUIRE(all.size() == 3);
    for (const auto& g : all) CHECK((g.unit == "Sông Mây" || g.unit == "Lâm Bình"));
  }

  SUBCASE("units lists every unit with rows, with its level") {
    auto units = st.units();
    REQUIRE(units.size() == 3);
    CHECK(units[0].unit == "Lâm Bình");
    CHECK(units[0].unit_level == "huyện");
    CHECK(units[0].province == "Tuyên Quang");
    CHECK(units[0].years == std::vector<int>{2022, 2023});
    CHECK(units[0].documents == 2);
    CHECK(units[1].unit == "Sông Mây");
    CHECK(units[1].unit_level == "huyện");
    CHECK(units[1].documents == 3); // its plan and the two decisions
    CHECK(units[1].years == std::vector<int>{2022, 2023});
    CHECK(units[2].unit == "Tuyên Quang");
    CHECK(units[2].unit_level == "tỉnh");
    CHECK(units[2].documents == 2);
  }

  SUBCASE("a plan's targets are checked against the results other documents give the unit") {
    auto checks = query::check_targets(st, "Sông Mây", 2023);
    REQUIRE(checks.size() == 2);
    CHECK(checks[0].got == 84);
    CHECK(checks[0].status == "met");
    CHECK(checks[1].target.index == "DTI");
    CHECK(checks[1].status == "unknown"); // no DTI result stored: not the PAR INDEX figure
  }
}
