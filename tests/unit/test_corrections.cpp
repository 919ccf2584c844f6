#include "helpers.hpp"

#include <parindex/error.hpp>
#include <parindex/query.hpp>
#include <parindex/store.hpp>

#include <cstdlib>
#include <set>

using namespace parindex;

namespace {

store::CorrectionRequest set(const std::string& key, const std::string& field, const std::string& value) {
  store::CorrectionRequest r;
  r.action = "set";
  r.target = key;
  r.values = {{field, value}};
  r.user = "tester";
  r.time = "2026-12-01T00:00:00Z";
  return r;
}

} // namespace

TEST_CASE("store::corrections apply on every read and never overwrite the extracted record") {
  testing::TempDir tmp;
  store::Store st(tmp.path / "c.db");
  std::string id(64, 'c');
  st.insert(testing::two_scores(id), {{1, "text", std::nullopt}});
  auto doc = st.document(id);
  REQUIRE(doc);
  std::string key = doc->scores[0].rev.key;

  auto made = st.correct(set(key, "appraised", "1,5"));
  REQUIRE(made.size() == 1);
  CHECK(made[0].old_value == "1");
  CHECK(made[0].new_value == "1.5");
  CHECK(made[0].type == "score");
  CHECK(made[0].doc_id == id);

  auto corrected = st.document(id);
  CHECK(corrected->scores[0].appraised == 1.5);
  CHECK(corrected->scores[0].rev.corrected);
  CHECK(corrected->scores[0].rev.original.at("appraised") == "1");
  CHECK_FALSE(corrected->scores[1].rev.corrected);
  CHECK(st.extracted(id)->scores[0].appraised == 1); // the extraction is kept as it was

  store::ScoreFilter f;
  auto rows = st.scores(f);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].score.appraised == 1.5);
  CHECK(rows[0].score.rev.corrected);
  query::GapOptions o;
  auto gaps = query::gaps(st, o);
  REQUIRE(gaps.size() == 2);
  CHECK(gaps[0].code == "1.6"); // 1 point lost; 1.3 lost only 0.5 now
  CHECK(gaps[1].lost == doctest::Approx(0.5));
  CHECK(gaps[1].corrected);

  // A second correction of the same field: the original stays the extracted value.
  st.correct(set(key, "appraised", "2"));
  CHECK(st.document(id)->scores[0].rev.original.at("appraised") == "1");
  CHECK(query::gaps(st, o).size() == 1);

  // Drop and add.
  store::CorrectionRequest drop;
  drop.action = "drop";
  drop.target = doc->scores[1].rev.key;
  st.correct(drop);
  CHECK(st.document(id)->scores.size() == 1);
  CHECK(query::gaps(st, o).empty());
  store::CorrectionRequest add;
  add.action = "add";
  add.target = id.substr(0, 8);
  add.type = "score";
  add.values = {{"code", "3.4"}, {"year", "2023"}, {"self", "2"}, {"appraised", "1.5"}, {"max", "2"}};
  auto added = st.correct(add);
  REQUIRE(added.size() == 1);
  auto now = st.document(id);
  REQUIRE(now->scores.size() == 2);
  CHECK(now->scores[1].code == "3.4");
  CHECK(now->scores[1].rev.added);
  CHECK(now->scores[1].rev.key == added[0].key);
  CHECK(query::gaps(st, o).size() == 1);
  // The added record can be corrected in turn.
  st.correct(set(added[0].key, "appraised", "2"));
  CHECK(query::gaps(st, o).empty());

  CHECK(st.corrections().size() == 5);
  for (const auto& c : st.corrections()) CHECK_FALSE(c.orphaned);
}

TEST_CASE("store::corrections refuse unknown keys, fields and values of the wrong type") {
  testing::TempDir tmp;
  store::Store st(tmp.path / "e.db");
  std::string id(64, 'e');
  st.insert(testing::two_scores(id), {});
  std::string key = st.document(id)->scores[0].rev.key;
  CHECK_THROWS_AS(st.correct(set("000000000000", "self", "1")), UsageError);
  CHECK_THROWS_AS(st.correct(set(key, "colour", "1")), UsageError);
  CHECK_THROWS_AS(st.correct(set(key, "self", "một")), UsageError);
  CHECK_THROWS_AS(st.correct(set(key, "year", "2023.5")), UsageError);
  CHECK_THROWS_AS(st.correct(set(key, "component", "9")), UsageError);
  CHECK_THROWS_AS(st.correct(set(key, "index", "null")), UsageError); // may not be null
  std::string task = st.document(id)->tasks[0].rev.key;
  CHECK_THROWS_AS(st.correct(set(task, "due", "30/9/2024")), UsageError);
  CHECK_THROWS_AS(st.correct(set(task, "due", "2024-02-30")), UsageError);
  st.correct(set(task, "due", "2024-10-31"));
  CHECK(st.document(id)->tasks[0].due == "2024-10-31");
  st.correct(set(key, "passed", "Không đạt"));
  CHECK(st.document(id)->scores[0].passed == false);
  CHECK(st.corrections().size() == 2); // nothing of the refused ones was stored
}

TEST_CASE("store::replace keeps corrections by key and reports the ones whose record is gone") {
  testing::TempDir tmp;
  store::Store st(tmp.path / "r.db");
  std::string id(64, 'f');
  st.insert(testing::two_scores(id), {});
  auto doc = *st.document(id);
  st.correct(set(doc.scores[0].rev.key, "appraised", "2"));
  st.correct(set(doc.scores[1].rev.key, "appraised", "1"));
  Document again = testing::two_scores(id);
  again.scores.pop_back(); // the new extraction no longer finds 1.6
  st.replace(again);
  auto now = *st.document(id);
  REQUIRE(now.scores.size() == 1);
  CHECK(now.scores[0].appraised == 2);
  auto list = st.corrections();
  REQUIRE(list.size() == 2);
  CHECK_FALSE(list[0].orphaned);
  CHECK(list[1].orphaned);
  st.replace(testing::two_scores(id)); // back again: the correction applies again
  CHECK(st.document(id)->scores[1].appraised == 1);
  CHECK_FALSE(st.corrections()[1].orphaned);
}

TEST_CASE("store::imported corrections are added once and wait for their document") {
  testing::TempDir tmp;
  std::string id(64, '9');
  std::vector<Correction> list;
  {
    store::Store st(tmp.path / "a.db");
    st.insert(testing::two_scores(id), {});
    st.correct(set(st.document(id)->scores[0].rev.key, "appraised", "2"));
    list = st.corrections();
  }
  store::Store fresh(tmp.path / "b.db");
  CHECK(fresh.import_corrections(list) == 1);
  CHECK(fresh.import_corrections(list) == 0);
  CHECK(fresh.corrections().at(0).orphaned); // no document yet
  fresh.insert(testing::two_scores(id), {});
  CHECK(fresh.document(id)->scores[0].appraised == 2);
  CHECK_FALSE(fresh.corrections().at(0).orphaned);
}

TEST_CASE("store::a version-5 database gains record keys") {
  testing::TempDir tmp;
  auto path = tmp.path / "v5.db";
  std::string id(64, '5');
  std::string key;
  {
    store::Store st(path);
    st.insert(testing::two_scores(id), {});
    key = st.document(id)->scores[0].rev.key;
  }
  std::string cmd = "sqlite3 '" + path.string() + "' \"DROP TABLE corrections; "
                    "ALTER TABLE scores DROP COLUMN rkey; ALTER TABLE scores DROP COLUMN revision; "
                    "ALTER TABLE indices DROP COLUMN rkey; ALTER TABLE indices DROP COLUMN revision; "
                    "ALTER TABLE targets DROP COLUMN rkey; ALTER TABLE targets DROP COLUMN revision; "
                    "ALTER TABLE tasks DROP COLUMN rkey; ALTER TABLE tasks DROP COLUMN revision; "
                    "ALTER TABLE refs DROP COLUMN rkey; ALTER TABLE refs DROP COLUMN revision; "
                    "UPDATE meta SET value='5' WHERE key='schema_version'\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK_THROWS_AS(store::Store(path, store::Mode::read_only), StoreError);
  store::Store st(path);
  store::ScoreFilter f;
  CHECK(st.scores(f).at(0).score.rev.key == key);
  st.correct(set(key, "self", "1.5"));
  CHECK(st.scores(f).at(0).score.self == 1.5);
}

TEST_CASE("query::review lists impossible values and contradictions first") {
  testing::TempDir tmp;
  store::Store st(tmp.path / "v.db");
  Document a = testing::two_scores(std::string(64, '1'));
  a.issued_on = "2024-10-01"; // after its task's due date
  a.scores[1].appraised = 3;  // above its maximum 1
  Document b = testing::two_scores(std::string(64, '2'));
  b.scores[0].appraised = 1.5; // 1.3 of 2023: 1 in a, 1.5 in b
  st.insert(a, {{1, std::string(9, '\n') + "Tiêu chí 1.3", 55.0}});
  st.insert(b, {{1, "", 95.0}});
  auto items = query::review(st, std::nullopt);
  REQUIRE(items.size() >= 4);
  CHECK(items[0].kind == "impossible");
  CHECK(items[0].key == st.document(a.id)->scores[1].rev.key);
  CHECK(items[1].kind == "contradiction");
  CHECK(items[2].kind == "contradiction");
  std::set<std::string> kinds;
  for (const auto& i : items) kinds.insert(i.kind);
  CHECK(kinds.count("early-due"));
  CHECK(kinds.count("low-confidence"));
  bool line = false;
  for (const auto& i : items)
    if (i.kind == "contradiction" && i.document == a.id && i.where.line == 10) line = i.line == "Tiêu chí 1.3";
  CHECK(line);
}

TEST_CASE("store::copy moves documents, text and corrections once, in stored order") {
  testing::TempDir tmp;
  store::Store a(tmp.path / "a.db");
  std::string first(64, 'e'), second(64, 'd'); // stored e then d: not id order
  a.insert(testing::two_scores(first), {{1, "cải cách hành chính", std::nullopt}});
  a.insert(testing::two_scores(second), {{1, "cải cách thủ tục", std::nullopt}});
  auto key = a.document(first)->scores.at(0).rev.key;
  a.correct(set(key, "appraised", "1,5"));
  store::Store b(tmp.path / "b.db");
  auto n = store::copy(a, b);
  CHECK(n.documents == 2);
  CHECK(n.corrections == 1);
  n = store::copy(a, b);
  CHECK(n.documents == 0);
  CHECK(n.corrections == 0);
  CHECK(b.document(first)->scores.at(0).appraised == 1.5);
  CHECK(b.text(second).at(0).text == "cải cách thủ tục");
  CHECK(b.corrections().size() == 1);
  auto hits = b.search("cai cach", std::nullopt, 10);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].document == first); // the order a stored them in, as a's search gives
  CHECK(hits[1].document == second);
}
