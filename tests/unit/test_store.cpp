#include "helpers.hpp"

#include <parindex/error.hpp>
#include <parindex/query.hpp>
#include <parindex/store.hpp>

#include <cstdlib>

using namespace parindex;

namespace {
Document sample_doc(const std::string& id) {
  Document d;
  d.id = id;
  d.source = "x.txt";
  d.unit = "Sông Mây";
  Score s;
  s.code = "1.2";
  s.year = 2023;
  s.self = 2;
  s.appraised = 1;
  s.max = 2;
  d.scores.push_back(s);
  return d;
}
} // namespace

TEST_CASE("store::insert is idempotent and survives reopening") {
  testing::TempDir tmp;
  auto path = tmp.path / "a.db";
  std::string id(64, 'a');
  {
    store::Store st(path);
    CHECK(st.insert(sample_doc(id), {{1, "text", std::nullopt}}));
    CHECK_FALSE(st.insert(sample_doc(id), {}));
  }
  store::Store ro(path, store::Mode::read_only);
  CHECK(ro.documents().size() == 1);
  auto doc = ro.document("aaaaaa");
  REQUIRE(doc);
  CHECK(doc->unit == "Sông Mây");
  CHECK(doc->scores.at(0).appraised == 1);
  CHECK(ro.text(id).at(0).text == "text");
  CHECK_FALSE(ro.document("bbbbbb"));
  CHECK_THROWS_AS(ro.document("aa"), UsageError); // too short to be a prefix
  store::ScoreFilter f;
  f.unit = "SONG MAY";
  CHECK(ro.scores(f).size() == 1);
  f.code_prefix = "1";
  CHECK(ro.scores(f).size() == 1);
  f.code_prefix = "1.2.3";
  CHECK(ro.scores(f).empty());
}

TEST_CASE("store::ambiguous prefixes and missing databases are usage/store errors") {
  testing::TempDir tmp;
  store::Store st(tmp.path / "b.db");
  st.insert(sample_doc("abcdef" + std::string(58, '1')), {});
  st.insert(sample_doc("abcdef" + std::string(58, '2')), {});
  CHECK_THROWS_AS(st.document("abcdef"), UsageError);
  CHECK(st.document("abcdef1"));
  CHECK_THROWS_AS(store::Store(tmp.path / "none.db", store::Mode::read_only), StoreError);
}

TEST_CASE("store::a database from a newer parindex is refused, not damaged") {
  testing::TempDir tmp;
  auto path = tmp.path / "c.db";
  { store::Store st(path); }
  std::string cmd = "sqlite3 '" + path.string() + "' \"UPDATE meta SET value='99' WHERE key='schema_version'\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
  try {
    store::Store st(path);
    FAIL("opened a schema-99 database");
  } catch (const StoreError& e) {
    CHECK(std::string(e.what()).find("newer than this parindex") != std::string::npos);
  }
}

TEST_CASE("store::a version-4 database keeps its full-text rows in the smaller index") {
  testing::TempDir tmp;
  auto path = tmp.path / "v4.db";
  {
    store::Store st(path);
    st.insert(sample_doc(std::string(64, 'd')),
              {{1, "Kế hoạch\n\n  \nGiải ngân vốn đầu tư công", std::nullopt},
               {2, "Phòng Tài chính\ngiải ngân 95%", std::nullopt}});
  }
  // Version 4 kept each line's text, document, page and line in the index itself.
  std::string d(64, 'd');
  std::string cmd = "sqlite3 '" + path.string() + "' \"DROP TABLE lines_fts; DROP INDEX doc_lines_first; "
    "CREATE VIRTUAL TABLE lines_fts USING fts5(folded, text UNINDEXED, doc_id UNINDEXED, page UNINDEXED, "
    "line UNINDEXED, tokenize = 'unicode61 remove_diacritics 0'); "
    "INSERT INTO lines_fts(rowid, folded, text, doc_id, page, line) VALUES"
    "(7, 'ke hoach', 'Kế hoạch', '" + d + "', 1, 1), (8, 'giai ngan von dau tu cong', 'Giải ngân vốn đầu tư công', '" + d + "', 1, 4), "
    "(9, 'phong tai chinh', 'Phòng Tài chính', '" + d + "', 2, 1), (10, 'giai ngan 95%', 'giải ngân 95%', '" + d + "', 2, 2); "
    "UPDATE doc_lines SET first_row = 7, last_row = 10; UPDATE meta SET value='4' WHERE key='schema_version'\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
  store::Store st(path);
  auto hits = st.search("giai ngan", std::nullopt, 10);
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].page == 1);
  CHECK(hits[0].line == 4); // blank lines counted, as in the stored page
  CHECK(hits[0].text == "Giải ngân vốn đầu tư công");
  CHECK(hits[1].page == 2);
  CHECK(hits[1].line == 2);
  CHECK(hits[1].text == "giải ngân 95%");
  CHECK(st.search("tai chinh", std::string("Sông Mây"), 10).size() == 1);
  // A document ingested after the migration continues the runs.
  st.insert(sample_doc(std::string(64, 'e')), {{1, "giải ngân chậm", std::nullopt}});
  hits = st.search("giai ngan", std::nullopt, 10);
  REQUIRE(hits.size() == 3);
  CHECK(hits[2].document == std::string(64, 'e'));
  CHECK(hits[2].text == "giải ngân chậm");
  std::string check = "test \"$(sqlite3 '" + path.string() +
                      "' \"SELECT value FROM meta WHERE key='schema_version'; SELECT sql LIKE '%content%' FROM sqlite_master WHERE name='lines_fts'\" | tr '\\n' ' ')\" = '7 1 '";
  CHECK(std::system(check.c_str()) == 0);
}

TEST_CASE("store::a version-1 database is migrated in place and its text becomes searchable") {
  testing::TempDir tmp;
  auto path = tmp.path / "v1.db";
  {
    store::Store st(path);
    st.insert(sample_doc(std::string(64, 'c')), {{1, "Kế hoạch cải cách hành chính\nPhòng Nội vụ chủ trì", std::nullopt}});
  }
  // Make it a version-1 database again: no full-text index.
  std::string cmd = "sqlite3 '" + path.string() + "' \"DROP TABLE lines_fts; DROP INDEX tasks_unit; DROP TABLE doc_lines; UPDATE meta SET value='1' WHERE key='schema_version'\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK_THROWS_AS(store::Store(path, store::Mode::read_only), StoreError); // readers do not migrate
  store::Store st(path);
  auto hits = st.search("phong noi vu", std::nullopt, 10);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].line == 2);
  CHECK(hits[0].text == "Phòng Nội vụ chủ trì");
  CHECK(st.search("phong noi vu", std::string("Sông Mây"), 10).size() == 1); // doc_lines back-filled
  CHECK(st.document(std::string(64, 'c'))->scores.size() == 1);
  // Migrated to the current schema, with its indexes.
  std::string check = "test \"$(sqlite3 '" + path.string() +
                      "' \"SELECT value FROM meta WHERE key='schema_version'; SELECT name FROM sqlite_master WHERE name='tasks_unit'\" | tr '\\n' ' ')\" = '7 tasks_unit '";
  CHECK(std::system(check.c_str()) == 0);
}

TEST_CASE("store::a version-6 database gains the covering unit index, and a unit is found by its folded name") {
  testing::TempDir tmp;
  auto path = tmp.path / "v6.db";
  {
    store::Store st(path);
    st.insert(sample_doc(std::string(64, 'd')), {{1, "Kế hoạch", std::nullopt}});
  }
  std::string cmd = "sqlite3 '" + path.string() + "' \"DROP INDEX documents_units; CREATE INDEX documents_unit ON "
                    "documents(unit_key, issued_on); UPDATE meta SET value='6' WHERE key='schema_version'\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK_THROWS_AS(store::Store(path, store::Mode::read_only), StoreError); // readers do not migrate
  store::Store st(path);
  std::string check = "test \"$(sqlite3 '" + path.string() +
                      "' \"SELECT value FROM meta WHERE key='schema_version'; SELECT group_concat(name) FROM "
                      "sqlite_master WHERE name LIKE 'documents_unit%'\" | tr '\\n' ' ')\" = '7 documents_units '";
  CHECK(std::system(check.c_str()) == 0);
  // unit(): the same summary units() gives, by any spelling that folds alike; none for others.
  auto all = st.units();
  REQUIRE(all.size() == 1);
  auto one = st.unit("SÔNG MÂY");
  REQUIRE(one);
  CHECK(one->unit == all[0].unit);
  CHECK(one->documents == all[0].documents);
  CHECK(one->years == all[0].years);
  CHECK(st.unit("song may")->unit == "Sông Mây");
  CHECK_FALSE(st.unit("Sông Hồng"));
}

TEST_CASE("store::a unit's search finds only its own lines, in page and line order") {
  testing::TempDir tmp;
  store::Store st(tmp.path / "s.db");
  auto doc = [](const std::string& id, const std::string& unit) {
    Document d = sample_doc(std::string(64, id[0]));
    d.unit = unit;
    return d;
  };
  // Interleaved units, so one unit's rows are not one run of the index.
  st.insert(doc("a", "Sông Mây"), {{1, "Giải ngân vốn đầu tư công\nkhác", std::nullopt}, {2, "giải ngân chậm", std::nullopt}});
  st.insert(doc("b", "Nậm Khiêu"), {{1, "Giải ngân vốn đầu tư công", std::nullopt}});
  st.insert(doc("c", "Sông Mây"), {{1, "không có\nTỷ lệ giải ngân 95%", std::nullopt}});
  auto hits = st.search("giai ngan", std::string("Sông Mây"), 10);
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].document == std::string(64, 'a'));
  CHECK(hits[0].page == 1);
  CHECK(hits[0].line == 1);
  CHECK(hits[1].page == 2);
  CHECK(hits[2].document == std::string(64, 'c'));
  CHECK(hits[2].line == 2);
  CHECK(hits[2].text == "Tỷ lệ giải ngân 95%");
  auto other = st.search("giai ngan", std::string("nam khieu"), 10);
  REQUIRE(other.size() == 1);
  CHECK(other[0].document == std::string(64, 'b'));
  CHECK(st.search("giai ngan", std::nullopt, 10).size() == 4);
  CHECK(st.search("giai ngan", std::string("Sông Mây"), 2).size() == 2);
}

TEST_CASE("store::a batch is stored at its commit, searchable, and a failed document costs only itself") {
  testing::TempDir tmp;
  auto path = tmp.path / "b.db";
  store::Store st(path);
  st.insert(sample_doc(std::string(64, 'a')), {{1, "Giải ngân trước lô", std::nullopt}});
  st.begin_batch();
  Document b = sample_doc(std::string(64, 'b'));
  b.unit = "Nậm Khiêu";
  CHECK(st.insert(b, {{1, "dòng một\nGiải ngân vốn trong lô", std::nullopt}}));
  CHECK_FALSE(st.insert(b, {})); // the same id again, within the batch
  CHECK(st.batch_size() == 1);
  // A document that fails half-way (its second page has the first's number, after its row and
  // records went in) is rolled back to its savepoint; the batch goes on.
  CHECK_THROWS_AS(st.insert(sample_doc(std::string(64, 'c')),
                            {{1, "giải ngân một", std::nullopt}, {1, "giải ngân hai", std::nullopt}}),
                  StoreError);
  CHECK(st.batch_size() == 1);
  CHECK_FALSE(st.contains(std::string(64, 'c')));
  CHECK(st.insert(sample_doc(std::string(64, 'd')), {{1, "giải ngân lần nữa", std::nullopt}}));
  {
    // Another connection does not see the open batch.
    store::Store other(path, store::Mode::read_only);
    CHECK(other.documents().size() == 1);
  }
  st.commit_batch();
  CHECK(st.batch_size() == 0);
  store::Store other(path, store::Mode::read_only);
  CHECK(other.documents().size() == 3);
  auto hits = other.search("giai ngan", std::nullopt, 10);
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].document == std::string(64, 'a'));
  CHECK(hits[1].document == std::string(64, 'b'));
  CHECK(hits[1].line == 2);
  CHECK(hits[1].text == "Giải ngân vốn trong lô");
  CHECK(hits[2].document == std::string(64, 'd'));
  CHECK(other.search("giai ngan", std::string("Nậm Khiêu"), 10).size() == 1);
  // After the batch, each insert is its own transaction again.
  st.end_batch();
  CHECK(st.insert(sample_doc(std::string(64, 'e')), {{1, "giải ngân sau lô", std::nullopt}}));
  CHECK(other.search("giai ngan", std::nullopt, 10).size() == 4);
}

TEST_CASE("store::a version-3 database gains row units and target indices from its records") {
  testing::TempDir tmp;
  auto path = tmp.path / "v3.db";
  // A provincial decision giving a district's results, and an older-style document.
  Document decision = sample_doc(std::string(64, 'd'));
  decision.unit = "Tuyên Quang";
  decision.unit_level = "tỉnh";
  decision.province = "Tuyên Quang";
  for (int year : {2022, 2023}) {
    Score s = decision.scores.at(0);
    s.year = year;
    s.appraised = year == 2022 ? 1 : 1.5;
    s.unit = "Lâm Bình";
    s.unit_level = "huyện";
    decision.scores.push_back(s);
    IndexRow r;
    r.name = "Chỉ số CCHC";
    r.year = year;
    r.percent = year == 2022 ? 80 : 82.5;
    r.unit = "Lâm Bình";
    r.unit_level = "huyện";
    decision.indices.push_back(r);
  }
  Target t;
  t.indicator = "Chỉ số chuyển đổi số";
  t.year = 2024;
  t.value = 90;
  t.index = "DTI";
  decision.targets = {t};
  {
    store::Store st(path);
    st.insert(decision, {});
    st.insert(sample_doc(std::string(64, 'e')), {});
  }
  // Make it a version-3 database again: no row units, every row keyed by its document's unit.
  // (Its full-text index in the shape of schemas 2-4; these documents have no text.)
  std::string cmd = "sqlite3 '" + path.string() + "' \"DROP INDEX scores_row_unit; DROP INDEX indices_row_unit; "
                    "DROP TABLE lines_fts; DROP INDEX doc_lines_first; "
                    "CREATE VIRTUAL TABLE lines_fts USING fts5(folded, text UNINDEXED, doc_id UNINDEXED, page UNINDEXED, "
                    "line UNINDEXED, tokenize = 'unicode61 remove_diacritics 0'); "
                    "ALTER TABLE scores DROP COLUMN unit; ALTER TABLE scores DROP COLUMN unit_level; "
                    "ALTER TABLE indices DROP COLUMN unit; ALTER TABLE indices DROP COLUMN unit_level; "
                    "ALTER TABLE targets DROP COLUMN idx; "
                    "UPDATE scores SET unit_key = (SELECT unit_key FROM documents WHERE id = doc_id); "
                    "UPDATE indices SET unit_key = (SELECT unit_key FROM documents WHERE id = doc_id); "
                    "UPDATE meta SET value='3' WHERE key='schema_version'\"";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK_THROWS_AS(store::Store(path, store::Mode::read_only), StoreError); // readers do not migrate
  { store::Store st(path); }
  store::Store st(path, store::Mode::read_only);
  store::ScoreFilter f;
  f.unit = "lam binh";
  auto rows = st.scores(f);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].unit == "Lâm Bình");
  CHECK(rows[0].score.unit_level == "huyện");
  CHECK(rows[1].score.appraised == 1.5);
  f.unit = "Tuyên Quang";
  REQUIRE(st.scores(f).size() == 1); // the decision's own row stays the province's
  CHECK_FALSE(st.scores(f)[0].score.unit);
  f.unit = "Sông Mây";
  CHECK(st.scores(f).size() == 1); // the older document: its unit, as before
  auto diff = query::diff(st, "Lâm Bình", 2022, 2023);
  REQUIRE(diff.size() == 2);
  auto targets = st.targets(std::string("Tuyên Quang"), 2024);
  REQUIRE(targets.size() == 1);
  CHECK(targets[0].target.index == "DTI");
  auto units = st.units();
  REQUIRE(units.size() == 3);
  CHECK(units[0].unit == "Lâm Bình");
  CHECK(units[0].years == std::vector<int>{2022, 2023});
  std::string check = "test \"$(sqlite3 '" + path.string() +
                      "' \"SELECT value FROM meta WHERE key='schema_version'; SELECT name FROM sqlite_master WHERE name='scores_row_unit'\" | tr '\\n' ' ')\" = '7 scores_row_unit '";
  CHECK(std::system(check.c_str()) == 0);
}

TEST_CASE("store::a libpq connection string selects PostgreSQL, and errors never show its password") {
  CHECK(store::is_server("postgresql://officer@db.example.vn:5432/parindex"));
  CHECK(store::is_server("postgres://db.example.vn/parindex"));
  CHECK(store::is_server("service=parindex"));
  CHECK(store::is_server("host=/run/postgresql dbname=parindex"));
  CHECK_FALSE(store::is_server("parindex.db"));
  CHECK_FALSE(store::is_server("/data/run=3/parindex.db")); // not libpq's: a file
  CHECK_FALSE(store::is_server("postgresql.db"));
  // Port 1 on the loopback: nothing listens, so the connection is refused at once.
  try {
    store::Store st("postgresql://officer:s3cret@127.0.0.1:1/parindex?connect_timeout=2");
    FAIL("connected to nothing");
  } catch (const StoreError& e) {
    std::string what = e.what();
    CHECK(what.rfind("postgresql://officer@127.0.0.1:1/parindex: cannot connect: ", 0) == 0);
    CHECK(what.find("s3cret") == std::string::npos);
    CHECK(what.find('\n') == std::string::npos);
  }
}
