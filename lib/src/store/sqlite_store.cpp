#include <parindex/error.hpp>
#include <parindex/store.hpp>
#include <parindex/text.hpp>

#include "records/corrections.hpp"
#include "records/json.hpp"
#include "records/keys.hpp"
#include "store/store_backend.hpp"

#include <fmt/core.h>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include <unistd.h>

namespace parindex::store {

using namespace detail;

namespace {

// Schema history: version 1 is the first. A migration step goes from N to N+1; a database
// from a newer parindex is refused rather than damaged.
constexpr const char* k_schema_v1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  kind TEXT, number TEXT, issuer TEXT, unit TEXT, unit_key TEXT, unit_level TEXT,
  province TEXT, issued_on TEXT, title TEXT, assessed_year INTEGER, plan_year INTEGER,
  signer TEXT, input TEXT, pages INTEGER, ocr_confidence REAL, restored INTEGER,
  restored_syllables INTEGER,
  record TEXT NOT NULL
);
CREATE INDEX documents_unit ON documents(unit_key, issued_on);
CREATE TABLE scores(
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, code TEXT, component INTEGER, title TEXT, year INTEGER,
  self REAL, appraised REAL, max REAL, passed INTEGER, note TEXT, idx TEXT,
  page INTEGER, line INTEGER, unit_key TEXT,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX scores_unit_year ON scores(unit_key, year, code);
CREATE INDEX scores_year ON scores(year, code);
CREATE TABLE indices(
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, component INTEGER, name TEXT, year INTEGER, percent REAL,
  rank INTEGER, of_units INTEGER, idx TEXT, page INTEGER, line INTEGER, unit_key TEXT,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX indices_unit_year ON indices(unit_key, year);
CREATE TABLE targets(
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, indicator TEXT, component INTEGER, year INTEGER, op TEXT,
  value REAL, unit TEXT, lead TEXT, page INTEGER, line INTEGER, unit_key TEXT,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX targets_unit_year ON targets(unit_key, year);
CREATE TABLE tasks(
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, text TEXT, lead TEXT, lead_key TEXT, partners TEXT, codes TEXT,
  due TEXT, start TEXT, recurrence TEXT, period_from TEXT, period_to TEXT, day_of_month INTEGER,
  page INTEGER, line INTEGER, unit_key TEXT,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX tasks_due ON tasks(due);
CREATE TABLE refs(
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, kind TEXT, number TEXT, date TEXT, issuer TEXT,
  page INTEGER, line INTEGER,
  PRIMARY KEY(doc_id, seq)
);
CREATE TABLE pages(
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page INTEGER NOT NULL, text TEXT NOT NULL, confidence REAL,
  PRIMARY KEY(doc_id, page)
);
)sql";

// SQLite's messages, said the way a user can act on them.
// How long a writer waits for another process's lock before giving up:
// $PARINDEX_BUSY_TIMEOUT_MS, else 30 s (batch jobs on one database take turns).
int busy_timeout_ms() {
  const char* env = std::getenv("PARINDEX_BUSY_TIMEOUT_MS");
  if (env && *env) {
    int v = std::atoi(env);
    if (v >= 0) return v;
  }
  return 30000;
}

std::string describe(const std::string& msg) {
  if (msg.find("locked") != std::string::npos || msg.find("busy") != std::string::npos)
    return fmt::format("database is locked by another process (gave up after {} ms)", busy_timeout_ms());
  if (msg.find("readonly database") != std::string::npos)
    return "the database is read-only here (no write permission on the file or its folder)";
  if (msg.find("not a database") != std::string::npos)
    return "not a parindex database (the file is not SQLite)";
  return msg;
}

// The connection's last error, said as describe() says it, with the operating system's reason
// when SQLite's is only "disk I/O error" (a file size limit, a vanished disk).
std::string describe(sqlite3* db) {
  std::string msg = describe(std::string(sqlite3_errmsg(db)));
  int primary = sqlite3_extended_errcode(db) & 0xff;
  int sys = sqlite3_system_errno(db);
  if (sys != 0 && (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN))
    msg += fmt::format(" ({})", std::strerror(sys));
  return msg;
}

// Version 2: every stored line in an FTS5 index, on its folded twin (no marks, lower case,
// đ → d), so "cai cach" finds "cải cách"; the original line is kept beside it.
constexpr const char* k_schema_v2 = R"sql(
CREATE VIRTUAL TABLE lines_fts USING fts5(
  folded, text UNINDEXED, doc_id UNINDEXED, page UNINDEXED, line UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 0'
);
)sql";

// Version 3: tasks by unit (deadlines read every task of the database: 176 ms for one unit
// at 100,000 documents, bench/query_bench.sh; a date window and the recurring tasks, whose
// due is NULL, go through the due-date index); and the full-text rows of each document
// (written in one transaction, so one run of rowids), so a unit's search reads only its own.
constexpr const char* k_schema_v3 = R"sql(
CREATE INDEX IF NOT EXISTS tasks_unit ON tasks(unit_key, doc_id, seq);
CREATE TABLE IF NOT EXISTS doc_lines(
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  first_row INTEGER NOT NULL, last_row INTEGER NOT NULL
);
INSERT OR IGNORE INTO doc_lines SELECT doc_id, min(rowid), max(rowid) FROM lines_fts GROUP BY doc_id;
)sql";

// Version 4: a score or index row may be another unit's result (a provincial decision ranks
// its districts, each a row): the row's unit and level, with unit_key folded from it (NULL
// unit = the document's, and unit_key the document's as before); and the index a target is
// about. The partial indexes list the units known only from such rows without reading every
// score. (The columns are added one by one, skipping any already there.)
constexpr std::pair<const char*, const char*> k_schema_v4_columns[] = {
  {"scores", "unit"}, {"scores", "unit_level"}, {"indices", "unit"},
  {"indices", "unit_level"}, {"targets", "idx"}};
constexpr const char* k_schema_v4 = R"sql(
CREATE INDEX IF NOT EXISTS scores_row_unit ON scores(unit_key, unit, unit_level, year, doc_id)
  WHERE unit IS NOT NULL;
CREATE INDEX IF NOT EXISTS indices_row_unit ON indices(unit_key, unit, unit_level, year, doc_id)
  WHERE unit IS NOT NULL;
)sql";

// Version 5: the full-text index holds only the folded lines (contentless FTS5, no column
// sizes), keyed by row number; a row's document is the doc_lines run it falls in, and its
// page, line and text are read back from the stored page. Before, every line was stored
// three times (page, FTS content, FTS index) with the 64-character document id beside it.
constexpr const char* k_schema_v5 = R"sql(
CREATE VIRTUAL TABLE lines_fts_v5 USING fts5(
  folded, content = '', columnsize = 0,
  tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO lines_fts_v5(rowid, folded) SELECT rowid, folded FROM lines_fts;
DROP TABLE lines_fts;
ALTER TABLE lines_fts_v5 RENAME TO lines_fts;
CREATE INDEX IF NOT EXISTS doc_lines_first ON doc_lines(first_row);
)sql";

// Version 6: every record row carries its record key (rkey) and, when corrections changed or
// added it, what they did (revision: {"added", "original"} as JSON; NULL for a record as
// extracted); and the corrections themselves. They name records by key and documents by id
// without a foreign key: a correction outlives its record (a rebuild that no longer finds
// it) and may arrive (import) before its document. The row tables hold the records as
// corrected; documents.record keeps them as extracted.
constexpr const char* k_schema_v6_tables[] = {"scores", "indices", "targets", "tasks", "refs"};
constexpr const char* k_schema_v6 = R"sql(
CREATE TABLE IF NOT EXISTS corrections(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL, doc_id TEXT NOT NULL, action TEXT NOT NULL, type TEXT NOT NULL,
  field TEXT, old_value TEXT, new_value TEXT, note TEXT, time TEXT NOT NULL, user TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_doc ON corrections(doc_id, id);
CREATE INDEX IF NOT EXISTS corrections_key ON corrections(key);
)sql";

// Version 7: the documents' unit index covers what the unit list reads (name, level,
// province, years), so that `units` and every --unit lookup read the index, not the documents'
// rows (which hold their records' JSON): 278 ms → 14 ms for the list at 100,000 documents.
// It replaces documents_unit, whose columns it starts with. And recurring tasks by recurrence
// and day, with their lead and partners, for deadlines over all units: the tasks that have no
// date in the window, or whose agencies do not match, are passed over in the index
// (deadlines --agency over 100,000 documents: 744 → 97 ms).
constexpr const char* k_schema_v7 = R"sql(
CREATE INDEX IF NOT EXISTS documents_units
  ON documents(unit_key, issued_on, unit, unit_level, province, assessed_year, plan_year);
DROP INDEX IF EXISTS documents_unit;
CREATE INDEX IF NOT EXISTS tasks_recurring ON tasks(recurrence, day_of_month, lead, partners) WHERE due IS NULL;
)sql";

// Statements the write path runs for every document, prepared once per connection (preparing
// them again for each document was 5 % of text-ingest CPU). Keyed by the SQL's address: only
// string literals go in.
class StmtCache {
public:
  explicit StmtCache(sqlite3*& db) : m_db(db) {}
  ~StmtCache() { clear(); }
  StmtCache(const StmtCache&) = delete;
  StmtCache& operator=(const StmtCache&) = delete;
  sqlite3_stmt* get(const char* sql, const std::filesystem::path& path) {
    auto it = m_stmts.find(sql);
    if (it != m_stmts.end()) return it->second;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK)
      throw StoreError(fmt::format("{}: {}", path.string(), describe(m_db)));
    m_stmts.emplace(sql, st);
    return st;
  }
  void clear() {
    for (auto& [sql, st] : m_stmts) sqlite3_finalize(st);
    m_stmts.clear();
  }

private:
  sqlite3*& m_db;
  std::map<const char*, sqlite3_stmt*> m_stmts;
};

class Stmt {
public:
  Stmt(sqlite3* db, const char* sql, const std::filesystem::path& path) : m_path(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
      throw StoreError(fmt::format("{}: {}", path.string(), describe(db)));
  }
  // A cached statement, borrowed: reset for the next user instead of finalized.
  Stmt(StmtCache& cache, const char* sql, const std::filesystem::path& path)
    : m_stmt(cache.get(sql, path)), m_path(path), m_borrowed(true) {}
  ~Stmt() {
    if (m_borrowed) reset();
    else sqlite3_finalize(m_stmt);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, const std::optional<std::string>& v) {
    if (v) return bind(i, *v);
    sqlite3_bind_null(m_stmt, i);
    return *this;
  }
  Stmt& bind(int i, std::optional<int> v) {
    if (v) sqlite3_bind_int64(m_stmt, i, *v);
    else sqlite3_bind_null(m_stmt, i);
    return *this;
  }
  Stmt& bind(int i, std::optional<long long> v) {
    if (v) sqlite3_bind_int64(m_stmt, i, *v);
    else sqlite3_bind_null(m_stmt, i);
    return *this;
  }
  Stmt& bind(int i, std::optional<double> v) {
    if (v) sqlite3_bind_double(m_stmt, i, *v);
    else sqlite3_bind_null(m_stmt, i);
    return *this;
  }
  Stmt& bind(int i, std::optional<bool> v) {
    if (v) sqlite3_bind_int(m_stmt, i, *v ? 1 : 0);
    else sqlite3_bind_null(m_stmt, i);
    return *this;
  }
  // Returns true while rows come.
  bool step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(fmt::format("{}: {}", m_path.string(), describe(sqlite3_db_handle(m_stmt))));
  }
  void run() {
    step();
    reset();
  }
  void reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
  }
  std::optional<std::string> text(int col) const {
    if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL) return std::nullopt;
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return std::string(p, sqlite3_column_bytes(m_stmt, col));
  }
  std::optional<int> integer(int col) const {
    if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int(m_stmt, col);
  }
  std::optional<long long> integer64(int col) const {
    if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_int64(m_stmt, col);
  }
  std::optional<double> real(int col) const {
    if (sqlite3_column_type(m_stmt, col) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_double(m_stmt, col);
  }

private:
  sqlite3_stmt* m_stmt = nullptr;
  std::filesystem::path m_path;
  bool m_borrowed = false;
};

// Appends s to out as a JSON string (the full-text rows go to SQLite as one JSON array).
void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (u < 0x20) {
      out += fmt::format("\\u{:04x}", u);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// Appends a document's full-text rows to `json`, the inside of a JSON array (a comma before
// each but the array's first): its non-blank lines, folded (no marks, lower case, đ → d),
// each page folded once (folding keeps every '\n'). Returns the rows appended.
long long append_folded_lines(std::string& json, const std::vector<const std::string*>& pages) {
  long long rows = 0;
  for (const std::string* page : pages) {
    const std::string& text = *page;
    const std::string folded = text::fold(text);
    for_each_text_line(text, &folded, [&](int, std::string_view, std::string_view f) {
      if (!json.empty()) json.push_back(',');
      append_json_string(json, f);
      ++rows;
    });
  }
  return rows;
}

// Full-text rows `first` on, from the inside of a JSON array of folded lines. One statement
// for them all: FTS5 writes its pending terms at every statement's savepoint, so a statement
// per line wrote a segment per line.
void insert_fts(StmtCache& db, const std::filesystem::path& path, long long first, const std::string& lines) {
  Stmt add(db, "INSERT INTO lines_fts(rowid, folded) SELECT ?2 + key, value FROM json_each(?1)", path);
  add.bind(1, "[" + lines + "]").bind(2, std::optional<long long>(first));
  add.run();
}

// Full-text rows of one document, first at row `first`. Returns the rows written.
long long index_document(StmtCache& db, const std::filesystem::path& path, long long first,
                         const std::vector<const std::string*>& pages) {
  std::string lines;
  long long rows = append_folded_lines(lines, pages);
  if (rows > 0) insert_fts(db, path, first, lines);
  return rows;
}

// The next free full-text row: rows are handed out in runs, one per document.
long long next_text_row(StmtCache& db, const std::filesystem::path& path) {
  Stmt last(db, "SELECT last_row FROM doc_lines ORDER BY first_row DESC LIMIT 1", path);
  return last.step() ? last.integer64(0).value_or(0) + 1 : 1;
}

// Indexes a stored document's pages (migration and insert share it) and records its run.
void index_stored(StmtCache& db, const std::filesystem::path& path, const std::string& doc_id,
                  const std::vector<const std::string*>& pages) {
  long long first = next_text_row(db, path);
  long long rows = index_document(db, path, first, pages);
  if (rows == 0) return;
  Stmt range(db, "INSERT INTO doc_lines(doc_id, first_row, last_row) VALUES(?,?,?)", path);
  range.bind(1, doc_id).bind(2, std::optional<long long>(first))
    .bind(3, std::optional<long long>(first + rows - 1));
  range.run();
}

// A document's record rows (scores, indices, targets, tasks, references), as `doc` has them:
// the records as corrected, each with its key.
void write_rows(StmtCache& cache, const std::filesystem::path& path, const Document& doc) {
  std::string key = unit_key(doc.unit);
  {
    Stmt s(cache, R"sql(INSERT INTO scores(doc_id, seq, code, component, title, year, self,
      appraised, max, passed, note, idx, page, line, unit_key, unit, unit_level, rkey, revision)
      VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql", path);
    int seq = 0;
    for (const auto& x : doc.scores) {
      s.bind(1, doc.id).bind(2, std::optional<int>(seq++)).bind(3, x.code).bind(4, x.component)
        .bind(5, x.title).bind(6, x.year).bind(7, x.self).bind(8, x.appraised).bind(9, x.max)
        .bind(10, x.passed).bind(11, x.note).bind(12, x.index)
        .bind(13, std::optional<int>(x.where.page)).bind(14, std::optional<int>(x.where.line))
        .bind(15, row_key(x.unit, key)).bind(16, row_unit(x.unit))
        .bind(17, row_unit(x.unit) ? x.unit_level : std::nullopt).bind(18, x.rev.key)
        .bind(19, revision_text(x.rev));
      s.run();
    }
  }
  {
    Stmt s(cache, R"sql(INSERT INTO indices(doc_id, seq, component, name, year, percent, rank,
      of_units, idx, page, line, unit_key, unit, unit_level, rkey, revision)
      VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql", path);
    int seq = 0;
    for (const auto& x : doc.indices) {
      s.bind(1, doc.id).bind(2, std::optional<int>(seq++)).bind(3, x.component).bind(4, x.name)
        .bind(5, x.year).bind(6, x.percent).bind(7, x.rank).bind(8, x.of).bind(9, x.index)
        .bind(10, std::optional<int>(x.where.page)).bind(11, std::optional<int>(x.where.line))
        .bind(12, row_key(x.unit, key)).bind(13, row_unit(x.unit))
        .bind(14, row_unit(x.unit) ? x.unit_level : std::nullopt).bind(15, x.rev.key)
        .bind(16, revision_text(x.rev));
      s.run();
    }
  }
  {
    Stmt s(cache, R"sql(INSERT INTO targets(doc_id, seq, indicator, component, year, op, value,
      unit, lead, page, line, unit_key, idx, rkey, revision)
      VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql", path);
    int seq = 0;
    for (const auto& x : doc.targets) {
      s.bind(1, doc.id).bind(2, std::optional<int>(seq++)).bind(3, x.indicator)
        .bind(4, x.component).bind(5, x.year).bind(6, x.op).bind(7, std::optional<double>(x.value))
        .bind(8, x.unit).bind(9, x.lead).bind(10, std::optional<int>(x.where.page))
        .bind(11, std::optional<int>(x.where.line)).bind(12, key).bind(13, x.index)
        .bind(14, x.rev.key).bind(15, revision_text(x.rev));
      s.run();
    }
  }
  {
    Stmt s(cache, R"sql(INSERT INTO tasks(doc_id, seq, text, lead, lead_key, partners, codes, due,
      start, recurrence, period_from, period_to, page, line, unit_key, day_of_month, rkey, revision)
      VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql", path);
    int seq = 0;
    for (const auto& x : doc.tasks) {
      std::optional<std::string> lead_key;
      if (x.lead) lead_key = text::fold(*x.lead);
      s.bind(1, doc.id).bind(2, std::optional<int>(seq++)).bind(3, x.text).bind(4, x.lead)
        .bind(5, lead_key).bind(6, records::Json(x.partners).dump())
        .bind(7, records::Json(x.codes).dump()).bind(8, x.due).bind(9, x.start)
        .bind(10, x.recurrence)
        .bind(11, x.period ? std::optional<std::string>(x.period->from) : std::nullopt)
        .bind(12, x.period ? std::optional<std::string>(x.period->to) : std::nullopt)
        .bind(13, std::optional<int>(x.where.page)).bind(14, std::optional<int>(x.where.line))
        .bind(15, key).bind(16, x.day_of_month).bind(17, x.rev.key)
        .bind(18, revision_text(x.rev));
      s.run();
    }
  }
  {
    Stmt s(cache, R"sql(INSERT INTO refs(doc_id, seq, kind, number, date, issuer, page, line,
      rkey, revision) VALUES(?,?,?,?,?,?,?,?,?,?))sql", path);
    int seq = 0;
    for (const auto& x : doc.references) {
      s.bind(1, doc.id).bind(2, std::optional<int>(seq++)).bind(3, x.kind).bind(4, x.number)
        .bind(5, x.date).bind(6, x.issuer).bind(7, std::optional<int>(x.where.page))
        .bind(8, std::optional<int>(x.where.line)).bind(9, x.rev.key)
        .bind(10, revision_text(x.rev));
      s.run();
    }
  }
}

// The corrections of one document (all when null), in entry order.
std::vector<Correction> load_corrections(sqlite3* db, const std::filesystem::path& path,
                                         const std::optional<std::string>& doc_id) {
  std::string sql = R"sql(SELECT id, key, doc_id, action, type, field, old_value, new_value, note,
    time, user FROM corrections)sql";
  sql += doc_id ? " WHERE doc_id = ?1 ORDER BY id" : " ORDER BY id";
  Stmt s(db, sql.c_str(), path);
  if (doc_id) s.bind(1, *doc_id);
  std::vector<Correction> out;
  while (s.step()) {
    Correction c;
    c.id = s.integer64(0).value_or(0);
    c.key = s.text(1).value_or("");
    c.doc_id = s.text(2).value_or("");
    c.action = s.text(3).value_or("");
    c.type = s.text(4).value_or("");
    c.field = s.text(5);
    c.old_value = s.text(6);
    c.new_value = s.text(7);
    c.note = s.text(8);
    c.time = s.text(9).value_or("");
    c.user = s.text(10).value_or("");
    out.push_back(std::move(c));
  }
  return out;
}

// Writes a stored document's rows again, as corrected now (after a correction or import).
void refresh_rows(StmtCache& cache, sqlite3* db, const std::filesystem::path& path, const std::string& doc_id) {
  std::optional<std::string> record;
  {
    Stmt s(db, "SELECT record FROM documents WHERE id = ?1", path);
    s.bind(1, doc_id);
    if (s.step()) record = s.text(0);
  }
  if (!record) return;
  for (const char* table : k_schema_v6_tables) {
    Stmt del(db, fmt::format("DELETE FROM {} WHERE doc_id = ?1", table).c_str(), path);
    del.bind(1, doc_id);
    del.run();
  }
  write_rows(cache, path, effective(extracted_from(*record), load_corrections(db, path, doc_id), nullptr));
}

// Schema 6's back-fill: the keys of the stored rows (seq is the record's place in its array).
void backfill_keys(sqlite3* db, const std::filesystem::path& path) {
  Stmt read(db, "SELECT record FROM documents", path);
  while (read.step()) {
    Document d = extracted_from(read.text(0).value_or("{}"));
    auto update = [&](const char* table, const auto& list) {
      Stmt w(db, fmt::format("UPDATE {} SET rkey = ?1 WHERE doc_id = ?2 AND seq = ?3", table).c_str(), path);
      for (std::size_t i = 0; i < list.size(); ++i) {
        w.bind(1, list[i].rev.key).bind(2, d.id).bind(3, std::optional<int>(static_cast<int>(i)));
        w.run();
      }
    };
    update("scores", d.scores);
    update("indices", d.indices);
    update("targets", d.targets);
    update("tasks", d.tasks);
    update("refs", d.references);
  }
}

// Schema 4's back-fill: the row units a stored record states (`table` is scores or indices,
// `array` its key in the record). Only rows whose unit is set are touched, so a database of
// documents without them is migrated by SQLite's JSON reader alone.
void backfill_row_units(sqlite3* db, const std::filesystem::path& path, const char* table,
                        const char* array) {
  std::string select = fmt::format(R"sql(SELECT d.id, CAST(e.key AS INTEGER), json_extract(e.value, '$.unit'),
    json_extract(e.value, '$.unit_level') FROM documents d, json_each(d.record, '$.{}') e
    WHERE json_type(e.value, '$.unit') = 'text' AND json_extract(e.value, '$.unit') <> '')sql", array);
  std::string update = fmt::format(
    "UPDATE {} SET unit = ?1, unit_level = ?2, unit_key = ?3 WHERE doc_id = ?4 AND seq = ?5", table);
  Stmt read(db, select.c_str(), path);
  Stmt write(db, update.c_str(), path);
  while (read.step()) {
    auto unit = read.text(2);
    write.bind(1, unit).bind(2, read.text(3)).bind(3, unit_key(unit)).bind(4, *read.text(0))
      .bind(5, read.integer(1));
    write.run();
  }
}

// And the index a stored target names; PAR INDEX when its record names none (as the record
// reader takes it).
void backfill_target_indices(sqlite3* db, const std::filesystem::path& path) {
  Stmt read(db, R"sql(SELECT d.id, CAST(e.key AS INTEGER), json_extract(e.value, '$.index')
    FROM documents d, json_each(d.record, '$.targets') e
    WHERE json_type(e.value, '$.index') = 'text'
      AND json_extract(e.value, '$.index') <> 'PAR INDEX')sql", path);
  Stmt write(db, "UPDATE targets SET idx = ?1 WHERE doc_id = ?2 AND seq = ?3", path);
  while (read.step()) {
    write.bind(1, read.text(2)).bind(2, *read.text(0)).bind(3, read.integer(1));
    write.run();
  }
  Stmt rest(db, "UPDATE targets SET idx = 'PAR INDEX' WHERE idx IS NULL", path);
  rest.run();
}

// Corrections (schema 6).

// Adds one correction. With `once`, not when the same one (every field alike) is there
// already: an import of what was exported before adds nothing.
bool insert_correction(sqlite3* db, const std::filesystem::path& path, Correction& c, bool once) {
  if (once) {
    Stmt same(db, R"sql(SELECT 1 FROM corrections WHERE key = ?1 AND doc_id = ?2 AND action = ?3
      AND type = ?4 AND field IS ?5 AND old_value IS ?6 AND new_value IS ?7 AND note IS ?8
      AND time = ?9 AND user = ?10)sql", path);
    same.bind(1, c.key).bind(2, c.doc_id).bind(3, c.action).bind(4, c.type).bind(5, c.field)
      .bind(6, c.old_value).bind(7, c.new_value).bind(8, c.note).bind(9, c.time).bind(10, c.user);
    if (same.step()) return false;
  }
  Stmt s(db, R"sql(INSERT INTO corrections(key, doc_id, action, type, field, old_value,
    new_value, note, time, user) VALUES(?,?,?,?,?,?,?,?,?,?))sql", path);
  s.bind(1, c.key).bind(2, c.doc_id).bind(3, c.action).bind(4, c.type).bind(5, c.field)
    .bind(6, c.old_value).bind(7, c.new_value).bind(8, c.note).bind(9, c.time).bind(10, c.user);
  s.run();
  c.id = sqlite3_last_insert_rowid(db);
  return true;
}

// The document and record type of a record key, from the rows (the records as corrected).
std::optional<std::pair<std::string, std::string>> find_record_key(sqlite3* db, const std::filesystem::path& path,
                                                                   const std::string& key) {
  Stmt s(db, R"sql(SELECT doc_id, 'score' FROM scores WHERE rkey = ?1
    UNION ALL SELECT doc_id, 'index' FROM indices WHERE rkey = ?1
    UNION ALL SELECT doc_id, 'target' FROM targets WHERE rkey = ?1
    UNION ALL SELECT doc_id, 'task' FROM tasks WHERE rkey = ?1
    UNION ALL SELECT doc_id, 'reference' FROM refs WHERE rkey = ?1 LIMIT 2)sql", path);
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  std::pair<std::string, std::string> found{*s.text(0), *s.text(1)};
  if (s.step())
    throw UsageError(fmt::format("record key '{}' names records of two documents; correct them with 'parindex show' keys of one document", key));
  return found;
}

} // namespace

std::string sqlite_version() { return sqlite3_libversion(); }

namespace {

// The schema version a database with a meta table records: a positive whole number, or the
// file is not one of ours ("abc", "-3" or no row at all would otherwise read as 0, "create
// the schema", and fail half-way on the tables that exist).
int stored_schema(sqlite3* db, const std::filesystem::path& path) {
  Stmt v(db, "SELECT value FROM meta WHERE key='schema_version'", path);
  std::optional<std::string> text = v.step() ? v.text(0) : std::nullopt;
  const std::string shown = text ? *text : std::string("none");
  bool digits = text && !text->empty() && text->size() <= 6 &&
                text->find_first_not_of("0123456789") == std::string::npos;
  int n = digits ? std::atoi(text->c_str()) : 0;
  if (n < 1)
    throw StoreError(fmt::format("{}: not a parindex database (schema version '{}')", path.string(),
                                 text::visible(shown)));
  return n;
}

// The embedded store: one SQLite file, opened in WAL mode with a busy timeout.
class SqliteStore final : public Backend {
public:
  SqliteStore(const std::filesystem::path& path, Mode mode) : m_path(path) {
    // A constructor that throws runs no destructor: a file that is no database, or is newer
    // than us, must still give its handle back.
    try {
      open(path, mode);
    } catch (...) {
      close();
      throw;
    }
  }
  ~SqliteStore() override { close(); }
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  bool contains(const std::string& id) override;
  bool insert(const Document& doc, const std::vector<PageText>& pages) override;
  void begin_batch() override;
  int batch_size() const override;
  void commit_batch() override;
  void end_batch() override;
  void set_interrupt(std::function<bool()> overdue) override {
    m_overdue = std::move(overdue);
    // Every few thousand virtual-machine steps (microseconds): a non-zero return ends the
    // statement with SQLITE_INTERRUPT, and SQLite rolls a writing one's transaction back.
    if (m_overdue)
      sqlite3_progress_handler(m_db, 4096, [](void* self) -> int {
        return static_cast<SqliteStore*>(self)->m_overdue() ? 1 : 0;
      }, this);
    else
      sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
  }
  std::optional<Document> document(const std::string& id_or_prefix) override;
  void each_document(const std::function<void(Document)>& f) override;
  std::vector<DocumentSummary> summaries() override;
  std::vector<PageText> text(const std::string& id) override;
  std::vector<ScoreRow> scores(const ScoreFilter& filter) override;
  std::vector<TaskRow> tasks(const TaskFilter& filter) override;
  std::vector<UnitSummary> units(const std::optional<std::string>& key) override;
  std::vector<SearchHit> search(const std::string& query, const std::optional<std::string>& unit,
                                int limit) override;
  std::vector<IndexRowRef> indices(const std::optional<std::string>& unit) override;
  std::vector<TargetRow> targets(const std::optional<std::string>& unit, std::optional<int> year) override;
  std::vector<Correction> correct(const CorrectionRequest& request) override;
  std::vector<Correction> corrections() override;
  int import_corrections(const std::vector<Correction>& list) override;
  std::optional<Document> extracted(const std::string& id) override;
  void replace(const Document& doc) override;
  std::vector<std::string> ingest_order() override;
  std::optional<std::pair<std::string, std::string>> find_key(const std::string& key) override {
    return find_record_key(m_db, m_path, key);
  }
  bool has_correction_key(const std::string& key) override {
    Stmt known(m_db, "SELECT 1 FROM corrections WHERE key = ?1", m_path);
    known.bind(1, key);
    return known.step();
  }
  std::vector<Correction> corrections_of(const std::string& doc_id) override {
    return load_corrections(m_db, m_path, doc_id);
  }

private:
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw StoreError(fmt::format("{}: {}", m_path.string(), describe(msg)));
    }
  }

  // The document's row, its record rows and its pages: all of it but its full-text rows.
  void write_document(const Document& doc, const std::vector<PageText>& pages);
  bool insert_in_batch(const Document& doc, const std::vector<const std::string*>& texts,
                       const std::vector<PageText>& pages);

  void open(const std::filesystem::path& path, Mode mode);
  void close() noexcept {
    m_cache.clear();
    if (m_db) sqlite3_close_v2(m_db);
    m_db = nullptr;
  }

  sqlite3* m_db = nullptr;
  std::filesystem::path m_path;
  StmtCache m_cache{m_db};
  // An open batch (begin_batch): one transaction holding each inserted document in its own
  // savepoint. The full-text rows of its documents wait in `m_fts` (a JSON array of folded
  // lines, rows `m_fts_first` on) and go in with one statement at commit: FTS5 writes a
  // segment at every statement, so one per document cost a third of an insert.
  bool m_batch = false;
  bool m_open = false; // the batch's transaction was begun (SQLite may roll it back on an I/O error)
  int m_batch_docs = 0;
  long long m_fts_first = 0, m_fts_next = 0;
  std::string m_fts;
  std::function<bool()> m_overdue; // set_interrupt()
};

} // namespace

void SqliteStore::open(const std::filesystem::path& path, Mode mode) {
  if (mode == Mode::read_only && !std::filesystem::exists(path))
    throw StoreError(fmt::format("{}: no such database (run 'parindex ingest' first, or pass --db)",
                                 path.string()));
  int flags = mode == Mode::read_only ? SQLITE_OPEN_READONLY
                                      : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  std::string name = path.string();
  // A reader of a database it cannot write, in a folder it cannot write (a shared read-only
  // folder, a CD), cannot make the WAL's -shm file, and SQLite then says "attempt to write a
  // readonly database" on the first read. Nobody can be writing it without a -wal file
  // beside it, so it is opened as immutable.
  if (mode == Mode::read_only && access(path.c_str(), W_OK) != 0) {
    auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::error_code ec;
    bool wal = std::filesystem::exists(name + "-wal", ec);
    if (!wal && access(dir.c_str(), W_OK) != 0) {
      std::string uri = "file:";
      for (char c : std::filesystem::absolute(path, ec).string()) {
        if (c == '%' || c == '?' || c == '#') uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        else uri.push_back(c);
      }
      name = uri + "?immutable=1";
      flags |= SQLITE_OPEN_URI;
    }
  }
  if (sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
    std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    throw StoreError(fmt::format("{}: cannot open database: {}", path.string(), msg));
  }
  sqlite3_busy_timeout(m_db, busy_timeout_ms());
  sqlite3_extended_result_codes(m_db, 1);
  // parindex_fold(x): text::fold, for filters the database applies (no index uses it, so the
  // file stays readable by any sqlite3).
  sqlite3_create_function_v2(
    m_db, "parindex_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
    [](sqlite3_context* ctx, int, sqlite3_value** argv) {
      const auto* in = sqlite3_value_text(argv[0]);
      if (!in) return sqlite3_result_null(ctx);
      std::string folded = text::fold(reinterpret_cast<const char*>(in));
      sqlite3_result_text(ctx, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
    },
    nullptr, nullptr, nullptr);
  exec("PRAGMA foreign_keys=ON");
  if (mode == Mode::read_write) {
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
  }
  // Schema: create or migrate inside one write transaction so two first runs don't race.
  int version = 0;
  {
    Stmt s(m_db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'", path);
    s.step();
    if (s.integer(0).value_or(0) > 0) {
      version = stored_schema(m_db, path);
    } else {
      Stmt any(m_db, "SELECT count(*) FROM sqlite_master", path);
      any.step();
      if (any.integer(0).value_or(0) > 0)
        throw StoreError(fmt::format("{}: not a parindex database", path.string()));
    }
  }
  if (version > k_schema_version)
    throw StoreError(fmt::format("{}: database schema {} is newer than this parindex (schema {}); upgrade parindex",
                                 path.string(), version, k_schema_version));
  if (version < k_schema_version) {
    if (mode == Mode::read_only)
      throw StoreError(fmt::format("{}: database is empty or from an older parindex; run 'parindex db upgrade' (or an ingest) to upgrade it",
                                   path.string()));
    exec("BEGIN IMMEDIATE");
    try {
      // Re-read under the write lock: another process may have created it meanwhile.
      int now = 0;
      {
        Stmt s(m_db, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'", path);
        s.step();
        if (s.integer(0).value_or(0) > 0) now = stored_schema(m_db, path);
      }
      if (now == 0) {
        exec(k_schema_v1);
        exec("INSERT INTO meta(key, value) VALUES('schema_version', '1')");
        now = 1;
      }
      if (now == 1) {
        // The stored text is indexed at version 5, in that version's shape.
        exec(k_schema_v2);
        exec("UPDATE meta SET value='2' WHERE key='schema_version'");
        now = 2;
      }
      if (now == 2) {
        exec(k_schema_v3);
        exec("UPDATE meta SET value='3' WHERE key='schema_version'");
        now = 3;
      }
      if (now == 3) {
        for (const auto& [table, column] : k_schema_v4_columns) {
          Stmt has(m_db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", path);
          has.bind(1, std::string(table)).bind(2, std::string(column));
          has.step();
          if (has.integer(0).value_or(0) == 0)
            exec(fmt::format("ALTER TABLE {} ADD COLUMN {} TEXT", table, column).c_str());
        }
        exec(k_schema_v4);
        backfill_row_units(m_db, path, "scores", "scores");
        backfill_row_units(m_db, path, "indices", "indices");
        backfill_target_indices(m_db, path);
        exec("UPDATE meta SET value='4' WHERE key='schema_version'");
        now = 4;
      }
      if (now == 4) {
        exec(k_schema_v5);
        // Documents from before version 2 have stored text but no full-text rows.
        Stmt missing(m_db, R"sql(SELECT p.doc_id, p.page, p.text FROM pages p
          WHERE NOT EXISTS (SELECT 1 FROM doc_lines r WHERE r.doc_id = p.doc_id)
          ORDER BY p.doc_id, p.page)sql", path);
        std::string doc;
        std::vector<std::string> pages;
        auto flush = [&] {
          std::vector<const std::string*> views;
          for (const auto& p : pages) views.push_back(&p);
          if (!doc.empty()) index_stored(m_cache, path, doc, views);
          pages.clear();
        };
        while (missing.step()) {
          std::string id = *missing.text(0);
          if (id != doc) {
            flush();
            doc = id;
          }
          pages.push_back(missing.text(2).value_or(""));
        }
        flush();
        exec("UPDATE meta SET value='5' WHERE key='schema_version'");
        now = 5;
      }
      if (now == 5) {
        for (const char* table : k_schema_v6_tables)
          for (const char* column : {"rkey", "revision"}) {
            Stmt has(m_db, "SELECT count(*) FROM pragma_table_info(?1) WHERE name = ?2", path);
            has.bind(1, std::string(table)).bind(2, std::string(column));
            has.step();
            if (has.integer(0).value_or(0) == 0)
              exec(fmt::format("ALTER TABLE {} ADD COLUMN {} TEXT", table, column).c_str());
          }
        exec(k_schema_v6);
        backfill_keys(m_db, path);
        exec("UPDATE meta SET value='6' WHERE key='schema_version'");
        now = 6;
      }
      if (now == 6) {
        exec(k_schema_v7);
        exec("UPDATE meta SET value='7' WHERE key='schema_version'");
        now = 7;
      }
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }
}

bool SqliteStore::contains(const std::string& id) {
  Stmt s(m_cache, "SELECT 1 FROM documents WHERE id=?", m_path);
  s.bind(1, id);
  return s.step();
}

// The document's row, its record rows and its pages: all of it but its full-text rows.
void SqliteStore::write_document(const Document& doc, const std::vector<PageText>& pages) {
  std::string key = unit_key(doc.unit);
  Document keyed = doc;
  {
    // The JSON tree is several times the records' size (169,000 records of a 15 MB
    // paragraph: about 250 MB): gone before the rows are written.
    records::Json json = records::to_json(doc);
    assign_keys(keyed, json);
    Stmt s(m_cache, R"sql(INSERT INTO documents(id, source, kind, number, issuer, unit, unit_key,
      unit_level, province, issued_on, title, assessed_year, plan_year, signer, input, pages,
      ocr_confidence, restored, restored_syllables, record)
      VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))sql", m_path);
    s.bind(1, doc.id).bind(2, doc.source).bind(3, doc.kind).bind(4, doc.number)
      .bind(5, doc.issuer).bind(6, doc.unit).bind(7, key).bind(8, doc.unit_level)
      .bind(9, doc.province).bind(10, doc.issued_on).bind(11, doc.title)
      .bind(12, doc.assessed_year).bind(13, doc.plan_year).bind(14, doc.signer)
      .bind(15, doc.pipeline.input).bind(16, std::optional<int>(doc.pipeline.pages))
      .bind(17, doc.pipeline.ocr_confidence).bind(18, std::optional<bool>(doc.pipeline.restored))
      .bind(19, std::optional<int>(doc.pipeline.restored_syllables))
      .bind(20, json.dump());
    s.run();
  }
  // Corrections may be there before their document (imported from another database).
  write_rows(m_cache, m_path, effective(keyed, load_corrections(m_db, m_path, doc.id), nullptr));
  Stmt s(m_cache, "INSERT INTO pages(doc_id, page, text, confidence) VALUES(?,?,?,?)", m_path);
  for (const auto& p : pages) {
    s.bind(1, doc.id).bind(2, std::optional<int>(p.page)).bind(3, p.text).bind(4, p.confidence);
    s.run();
  }
}

bool SqliteStore::insert(const Document& doc, const std::vector<PageText>& pages) {
  sqlite3* db = m_db;
  std::vector<const std::string*> texts;
  for (const auto& p : pages) texts.push_back(&p.text);
  if (m_batch) return insert_in_batch(doc, texts, pages);
  { Stmt(m_cache, "BEGIN IMMEDIATE", m_path).run(); }
  try {
    if (contains(doc.id)) {
      exec("ROLLBACK");
      return false;
    }
    write_document(doc, pages);
    index_stored(m_cache, m_path, doc.id, texts);
    { Stmt(m_cache, "COMMIT", m_path).run(); }
    return true;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

bool SqliteStore::insert_in_batch(const Document& doc, const std::vector<const std::string*>& texts,
                            const std::vector<PageText>& pages) {
  // The transaction opens with the batch's first document, so that a batch waiting for a
  // slow file holds no lock.
  if (!m_open) {
    { Stmt(m_cache, "BEGIN IMMEDIATE", m_path).run(); }
    m_open = true;
    m_fts.clear();
    m_batch_docs = 0;
    try {
      m_fts_first = m_fts_next = next_text_row(m_cache, m_path);
    } catch (...) {
      sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
      m_open = false;
      throw;
    }
  }
  { Stmt(m_cache, "SAVEPOINT document", m_path).run(); }
  try {
    if (contains(doc.id)) {
      Stmt(m_cache, "RELEASE document", m_path).run();
      return false;
    }
    write_document(doc, pages);
    std::string lines;
    long long rows = append_folded_lines(lines, texts);
    if (rows > 0) {
      Stmt range(m_cache, "INSERT INTO doc_lines(doc_id, first_row, last_row) VALUES(?,?,?)", m_path);
      range.bind(1, doc.id).bind(2, std::optional<long long>(m_fts_next))
        .bind(3, std::optional<long long>(m_fts_next + rows - 1));
      range.run();
    }
    { Stmt(m_cache, "RELEASE document", m_path).run(); }
    if (rows > 0) {
      if (!m_fts.empty()) m_fts.push_back(',');
      m_fts += lines;
      m_fts_next += rows;
    }
    ++m_batch_docs;
    return true;
  } catch (...) {
    // This document only: the batch's earlier documents stay, unless SQLite rolled the
    // whole transaction back (a full disk, an I/O error), which commit_batch() then reports.
    if (!sqlite3_get_autocommit(m_db)) {
      sqlite3_exec(m_db, "ROLLBACK TO document", nullptr, nullptr, nullptr);
      sqlite3_exec(m_db, "RELEASE document", nullptr, nullptr, nullptr);
    }
    throw;
  }
}

void SqliteStore::begin_batch() { m_batch = true; }

int SqliteStore::batch_size() const { return m_batch_docs; }

void SqliteStore::commit_batch() {
  if (!m_open) return;
  auto reset = [&] {
    m_open = false;
    m_fts.clear();
    m_batch_docs = 0;
  };
  if (sqlite3_get_autocommit(m_db)) {
    reset();
    throw StoreError(fmt::format("{}: the last {} documents were not stored: the database rolled "
                                 "them back after an error", m_path.string(), m_batch_docs));
  }
  try {
    if (!m_fts.empty()) insert_fts(m_cache, m_path, m_fts_first, m_fts);
    { Stmt(m_cache, "COMMIT", m_path).run(); }
  } catch (...) {
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    reset();
    throw;
  }
  reset();
}

void SqliteStore::end_batch() {
  commit_batch();
  m_batch = false;
}

std::optional<Document> SqliteStore::document(const std::string& id_or_prefix) {
  std::string prefix = id_or_prefix;
  bool hex = !prefix.empty() && prefix.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) return std::nullopt;
  if (prefix.size() < 6 && prefix.size() != 64)
    throw UsageError(fmt::format("'{}': give at least 6 hex digits of a document id", prefix));
  Stmt s(m_db, "SELECT record FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", m_path);
  std::string hi = prefix;
  hi.push_back('g'); // past every hex digit
  s.bind(1, prefix).bind(2, hi);
  std::optional<std::string> first;
  if (s.step()) first = s.text(0);
  if (!first) return std::nullopt;
  if (s.step())
    throw UsageError(fmt::format("'{}' matches more than one document; give more digits", prefix));
  Document d = extracted_from(*first);
  return effective(d, load_corrections(m_db, m_path, d.id), nullptr);
}

void SqliteStore::each_document(const std::function<void(Document)>& f) {
  // One read transaction: the documents and their corrections as of one moment.
  bool own = sqlite3_get_autocommit(m_db) != 0;
  if (own) exec("BEGIN");
  try {
    std::map<std::string, std::vector<Correction>> corrections;
    for (auto& c : load_corrections(m_db, m_path, std::nullopt)) corrections[c.doc_id].push_back(std::move(c));
    Stmt s(m_db, "SELECT record FROM documents ORDER BY unit_key, issued_on, id", m_path);
    while (s.step()) {
      Document d = extracted_from(*s.text(0));
      auto it = corrections.find(d.id);
      f(it == corrections.end() ? std::move(d) : effective(d, it->second, nullptr));
    }
  } catch (...) {
    if (own) sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  if (own) exec("COMMIT");
}

std::vector<DocumentSummary> SqliteStore::summaries() {
  Stmt s(m_db, R"sql(SELECT id, source, kind, unit, unit_level, province, issued_on, number,
    assessed_year, plan_year,
    (SELECT count(*) FROM scores WHERE doc_id=d.id), (SELECT count(*) FROM tasks WHERE doc_id=d.id),
    restored, restored_syllables
    FROM documents d ORDER BY unit_key, issued_on, id)sql", m_path);
  std::vector<DocumentSummary> out;
  while (s.step()) {
    DocumentSummary x;
    x.id = *s.text(0);
    x.source = s.text(1).value_or("");
    x.kind = s.text(2);
    x.unit = s.text(3);
    x.unit_level = s.text(4);
    x.province = s.text(5);
    x.issued_on = s.text(6);
    x.number = s.text(7);
    x.assessed_year = s.integer(8);
    x.plan_year = s.integer(9);
    x.scores = s.integer(10).value_or(0);
    x.tasks = s.integer(11).value_or(0);
    x.restored = s.integer(12).value_or(0) != 0;
    x.restored_syllables = s.integer(13).value_or(0);
    out.push_back(x);
  }
  return out;
}

std::vector<PageText> SqliteStore::text(const std::string& id) {
  Stmt s(m_db, "SELECT page, text, confidence FROM pages WHERE doc_id=? ORDER BY page", m_path);
  s.bind(1, id);
  std::vector<PageText> out;
  while (s.step()) out.push_back({*s.integer(0), s.text(1).value_or(""), s.real(2)});
  return out;
}

std::vector<ScoreRow> SqliteStore::scores(const ScoreFilter& f) {
  // A row of another unit is that unit's: its level, and (a province being its own) province.
  std::string sql = R"sql(SELECT s.doc_id, coalesce(s.unit, d.unit),
    CASE WHEN s.unit IS NOT NULL AND s.unit_level = 'tỉnh' THEN s.unit ELSE d.province END,
    d.kind, d.issued_on, s.code, s.component, s.title, s.year, s.self, s.appraised, s.max,
    s.passed, s.note, s.idx, s.page, s.line,
    CASE WHEN s.unit IS NOT NULL THEN s.unit_level ELSE d.unit_level END, s.unit, s.unit_level,
    s.rkey, s.revision
    FROM scores s JOIN documents d ON d.id = s.doc_id WHERE 1=1)sql";
  if (f.unit) sql += " AND s.unit_key = ?1";
  if (f.year) sql += " AND s.year = ?2";
  if (f.year_from) sql += " AND s.year >= ?5";
  if (f.component) sql += " AND s.component = ?3";
  if (f.code_prefix) sql += " AND (s.code = ?4 OR s.code LIKE ?4 || '.%')";
  sql += " ORDER BY s.unit_key, s.year, s.doc_id, s.seq";
  Stmt s(m_db, sql.c_str(), m_path);
  if (f.unit) s.bind(1, text::fold(*f.unit));
  if (f.year) s.bind(2, f.year);
  if (f.component) s.bind(3, f.component);
  if (f.code_prefix) s.bind(4, *f.code_prefix);
  if (f.year_from) s.bind(5, f.year_from);
  std::vector<ScoreRow> out;
  while (s.step()) {
    ScoreRow r;
    r.document = *s.text(0);
    r.unit = s.text(1);
    r.province = s.text(2);
    r.kind = s.text(3);
    r.issued_on = s.text(4);
    Score& x = r.score;
    x.code = s.text(5);
    x.component = s.integer(6);
    x.title = s.text(7);
    x.year = s.integer(8);
    x.self = s.real(9);
    x.appraised = s.real(10);
    x.max = s.real(11);
    if (auto p = s.integer(12)) x.passed = *p != 0;
    x.note = s.text(13);
    x.index = s.text(14).value_or("PAR INDEX");
    x.where = {s.integer(15).value_or(1), s.integer(16).value_or(1)};
    r.unit_level = s.text(17);
    x.unit = s.text(18);
    x.unit_level = s.text(19);
    read_revision(x.rev, s.text(20), s.text(21));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<IndexRowRef> SqliteStore::indices(const std::optional<std::string>& unit) {
  std::string sql = R"sql(SELECT i.doc_id, coalesce(i.unit, d.unit), i.component, i.name, i.year,
    i.percent, i.rank, i.of_units, i.idx, i.page, i.line, i.unit, i.unit_level, i.rkey, i.revision
    FROM indices i JOIN documents d ON d.id = i.doc_id)sql";
  if (unit) sql += " WHERE i.unit_key = ?1";
  sql += " ORDER BY i.unit_key, i.year, i.doc_id, i.seq";
  Stmt s(m_db, sql.c_str(), m_path);
  if (unit) s.bind(1, text::fold(*unit));
  std::vector<IndexRowRef> out;
  while (s.step()) {
    IndexRowRef r;
    r.document = *s.text(0);
    r.unit = s.text(1);
    r.row.component = s.integer(2);
    r.row.name = s.text(3).value_or("");
    r.row.year = s.integer(4);
    r.row.percent = s.real(5);
    r.row.rank = s.integer(6);
    r.row.of = s.integer(7);
    r.row.index = s.text(8).value_or("PAR INDEX");
    r.row.where = {s.integer(9).value_or(1), s.integer(10).value_or(1)};
    r.row.unit = s.text(11);
    r.row.unit_level = s.text(12);
    read_revision(r.row.rev, s.text(13), s.text(14));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<TargetRow> SqliteStore::targets(const std::optional<std::string>& unit, std::optional<int> year) {
  std::string sql = R"sql(SELECT t.doc_id, d.unit, t.indicator, t.component, t.year, t.op, t.value,
    t.unit, t.lead, t.page, t.line, t.idx, t.rkey, t.revision FROM targets t JOIN documents d ON d.id = t.doc_id WHERE 1=1)sql";
  if (unit) sql += " AND t.unit_key = ?1";
  if (year) sql += " AND t.year = ?2";
  sql += " ORDER BY t.unit_key, t.year, t.doc_id, t.seq";
  Stmt s(m_db, sql.c_str(), m_path);
  if (unit) s.bind(1, text::fold(*unit));
  if (year) s.bind(2, year);
  std::vector<TargetRow> out;
  while (s.step()) {
    TargetRow r;
    r.document = *s.text(0);
    r.unit = s.text(1);
    Target& t = r.target;
    t.indicator = s.text(2).value_or("");
    t.component = s.integer(3);
    t.year = s.integer(4);
    t.op = s.text(5).value_or("=");
    t.value = s.real(6).value_or(0);
    t.unit = s.text(7).value_or("%");
    t.lead = s.text(8);
    t.where = {s.integer(9).value_or(1), s.integer(10).value_or(1)};
    t.index = s.text(11).value_or("PAR INDEX");
    read_revision(t.rev, s.text(12), s.text(13));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<TaskRow> SqliteStore::tasks(const TaskFilter& f) {
  const std::string cols = R"sql(SELECT t.doc_id, t.seq, d.unit, d.source, d.plan_year, t.text, t.lead, t.partners,
    t.codes, t.due, t.start, t.recurrence, t.period_from, t.period_to, t.day_of_month, t.page, t.line,
    t.unit_key, t.rkey, t.revision FROM tasks t JOIN documents d ON d.id = t.doc_id)sql";
  const std::string unit = f.unit ? " AND t.unit_key = ?1" : "";
  // The agency, folded, within the folded lead or the folded JSON of the partners: every task
  // that names it passes (JSON escapes only '"', '\\' and control characters, which an
  // agency pattern does not hold; one with them is not used here).
  const bool by_agency = f.agency && !f.agency->empty() &&
                         f.agency->find_first_of("\"\\\n\r\t") == std::string::npos;
  const std::string agency = by_agency
    ? " AND (instr(parindex_fold(t.lead), ?7) > 0 OR instr(parindex_fold(t.partners), ?7) > 0)" : "";
  std::string sql;
  if (!f.due_from && !f.due_to) {
    sql = cols + " WHERE 1" + unit + agency;
  } else {
    // Dated tasks through the due-date index; recurring ones (expanded by the caller) when
    // their year can fall in the range.
    std::string window = recurring_in_window(f.due_from, f.due_to);
    sql = cols + " WHERE t.due >= ?2 AND t.due <= ?3" + unit + agency + " UNION ALL " + cols +
          " WHERE t.due IS NULL AND t.recurrence IN ('monthly', 'quarterly', 'half-yearly')" +
          (window.empty() ? "" : " AND " + window) + agency +
          " AND coalesce(d.plan_year, ?4) BETWEEN ?5 AND ?6" + unit;
  }
  sql += " ORDER BY 18, 1, 2";
  Stmt s(m_db, sql.c_str(), m_path);
  if (f.unit) s.bind(1, text::fold(*f.unit));
  if (f.due_from || f.due_to) {
    std::string lo = f.due_from.value_or("0000-00-00"), hi = f.due_to.value_or("9999-99-99");
    s.bind(2, lo);
    s.bind(3, hi);
    s.bind(4, std::optional<int>(f.year_of_undated));
    s.bind(5, std::optional<int>(std::atoi(lo.substr(0, 4).c_str())));
    s.bind(6, std::optional<int>(std::atoi(hi.substr(0, 4).c_str())));
  }
  if (by_agency) s.bind(7, *f.agency);
  std::vector<TaskRow> out;
  while (s.step()) {
    TaskRow r;
    r.document = *s.text(0);
    r.seq = s.integer(1).value_or(0);
    r.unit = s.text(2);
    r.source = s.text(3);
    r.plan_year = s.integer(4);
    Task& t = r.task;
    t.text = s.text(5).value_or("");
    t.lead = s.text(6);
    t.partners = records::Json::parse(s.text(7).value_or("[]")).get<std::vector<std::string>>();
    t.codes = records::Json::parse(s.text(8).value_or("[]")).get<std::vector<std::string>>();
    t.due = s.text(9);
    t.start = s.text(10);
    t.recurrence = s.text(11);
    if (auto from = s.text(12)) t.period = Period{*from, s.text(13).value_or("")};
    t.day_of_month = s.integer(14);
    t.where = {s.integer(15).value_or(1), s.integer(16).value_or(1)};
    read_revision(t.rev, s.text(18), s.text(19));
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<UnitSummary> SqliteStore::units(const std::optional<std::string>& only) {
  std::map<std::string, UnitSummary> by_key; // unit_key order, as SQLite sorts it
  auto add_years = [](UnitSummary& u, const std::string& list) {
    std::size_t start = 0;
    while (start < list.size()) {
      std::size_t comma = list.find(',', start);
      int y = std::atoi(list.substr(start, comma - start).c_str());
      if (y && std::find(u.years.begin(), u.years.end(), y) == u.years.end()) u.years.push_back(y);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  };
  {
    // With `only`, the same group, read the same way (the index's range for that key).
    Stmt s(m_db, only ? R"sql(SELECT unit_key, unit, unit_level, province, count(*),
      group_concat(DISTINCT assessed_year), group_concat(DISTINCT plan_year)
      FROM documents WHERE unit IS NOT NULL AND unit_key = ?1 GROUP BY unit_key)sql"
                      : R"sql(SELECT unit_key, unit, unit_level, province, count(*),
      group_concat(DISTINCT assessed_year), group_concat(DISTINCT plan_year)
      FROM documents WHERE unit IS NOT NULL GROUP BY unit_key)sql", m_path);
    if (only) s.bind(1, *only);
    while (s.step()) {
      UnitSummary& u = by_key[s.text(0).value_or("")];
      u.unit = *s.text(1);
      u.unit_level = s.text(2);
      u.province = s.text(3);
      u.documents = s.integer(4).value_or(0);
      for (int col : {5, 6}) add_years(u, s.text(col).value_or(""));
    }
  }
  // Units whose results other documents give (a provincial decision's districts): the years of
  // those rows, and those documents among theirs. Read through the partial indexes.
  std::map<std::string, std::set<std::string>> other_documents;
  for (const char* table : {"scores", "indices"}) {
    std::string sql = fmt::format(R"sql(SELECT r.unit_key, r.unit, r.unit_level, r.year, r.doc_id,
      CASE WHEN r.unit_level = 'tỉnh' THEN r.unit ELSE d.province END
      FROM {} r JOIN documents d ON d.id = r.doc_id
      WHERE r.unit IS NOT NULL AND r.unit_key <> d.unit_key{})sql",
                                  table, only ? " AND r.unit_key = ?1" : "");
    Stmt s(m_db, sql.c_str(), m_path);
    if (only) s.bind(1, *only);
    while (s.step()) {
      std::string key = s.text(0).value_or("");
      auto [it, fresh] = by_key.try_emplace(key);
      UnitSummary& u = it->second;
      if (fresh) u.unit = *s.text(1);
      if (!u.unit_level) u.unit_level = s.text(2);
      if (!u.province) u.province = s.text(5);
      if (auto y = s.integer(3)) add_years(u, std::to_string(*y));
      other_documents[key].insert(*s.text(4));
    }
  }
  std::vector<UnitSummary> out;
  for (auto& [key, u] : by_key) {
    u.documents += static_cast<int>(other_documents[key].size());
    std::sort(u.years.begin(), u.years.end());
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<SearchHit> SqliteStore::search(const std::string& query, const std::optional<std::string>& unit,
                                     int limit) {
  // The folded words make one quoted FTS5 phrase, so nothing in the query is FTS syntax.
  std::string folded = text::fold(query), phrase;
  std::string word;
  for (char c : folded + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) word.push_back(c);
    else if (!word.empty()) {
      phrase += (phrase.empty() ? "" : " ") + word;
      word.clear();
    }
  }
  if (phrase.empty()) throw UsageError("search: the query has no words");
  std::string match = "\"" + phrase + "\"";
  std::string sql = "SELECT rowid FROM lines_fts WHERE lines_fts MATCH ?1 ORDER BY rowid LIMIT ?3";
  // Rows come in the index's own order (documents as ingested, then page and line), so
  // LIMIT stops the search early: sorting every match first took 0.5 s for a phrase on
  // 151,168 of 3.3 million lines (bench/query_bench.sh). A unit's search looks only in the
  // row runs of its own documents (doc_lines).
  if (unit)
    // CROSS JOIN fixes the order (the unit's documents, their runs, then FTS5 within each
    // run): left to itself, SQLite starts from the FTS match and reads every match.
    sql = R"sql(SELECT f.rowid FROM documents d
      CROSS JOIN doc_lines r ON r.doc_id = d.id
      CROSS JOIN lines_fts f ON f.rowid BETWEEN r.first_row AND r.last_row
      WHERE d.unit_key = ?2 AND lines_fts MATCH ?1 ORDER BY f.rowid LIMIT ?3)sql";
  Stmt s(m_db, sql.c_str(), m_path);
  s.bind(1, "folded : " + match);
  if (unit) s.bind(2, text::fold(*unit));
  s.bind(3, std::optional<int>(limit));
  std::vector<long long> rows;
  while (s.step()) rows.push_back(s.integer64(0).value_or(0));

  // Each row back to its document (the run it falls in) and to its page, line and text (the
  // k-th non-blank line of the document's stored pages).
  struct Line {
    int page, line;
    std::string text;
  };
  struct Run {
    std::string doc;
    std::optional<std::string> unit, source;
    long long first = 0, last = -1;
    std::vector<Line> lines;
  };
  Stmt owner(m_db, R"sql(SELECT r.doc_id, r.first_row, r.last_row, d.unit, d.source
    FROM doc_lines r JOIN documents d ON d.id = r.doc_id
    WHERE r.first_row <= ?1 ORDER BY r.first_row DESC LIMIT 1)sql", m_path);
  Stmt page_text(m_db, "SELECT page, text FROM pages WHERE doc_id = ?1 ORDER BY page", m_path);
  Run run;
  std::vector<SearchHit> out;
  for (long long row : rows) {
    if (row < run.first || row > run.last) {
      owner.bind(1, std::optional<long long>(row));
      bool found = owner.step();
      if (found)
        run = Run{*owner.text(0), owner.text(3), owner.text(4), owner.integer64(1).value_or(0),
                  owner.integer64(2).value_or(-1), {}};
      owner.reset();
      if (!found) continue;
      page_text.bind(1, run.doc);
      while (page_text.step()) {
        int page = page_text.integer(0).value_or(1);
        std::string text = page_text.text(1).value_or("");
        for_each_text_line(text, nullptr, [&](int line, std::string_view l, std::string_view) {
          run.lines.push_back({page, line, std::string(l)});
        });
      }
      page_text.reset();
    }
    auto k = static_cast<std::size_t>(row - run.first);
    if (row > run.last || k >= run.lines.size()) continue;
    const Line& l = run.lines[k];
    out.push_back({run.doc, run.unit, run.source, l.page, l.line, l.text});
  }
  return out;
}

std::vector<Correction> SqliteStore::correct(const CorrectionRequest& r) {
  sqlite3* db = m_db;
  exec("BEGIN IMMEDIATE");
  try {
    std::string doc_id;
    std::vector<Correction> made = plan_corrections(*this, m_path.string(), r, doc_id);
    std::vector<Correction> stored;
    for (auto& c : made)
      if (insert_correction(db, m_path, c, false)) stored.push_back(c);
    refresh_rows(m_cache, db, m_path, doc_id);
    exec("COMMIT");
    return stored;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<Correction> SqliteStore::corrections() {
  return mark_orphaned(*this, load_corrections(m_db, m_path, std::nullopt));
}

int SqliteStore::import_corrections(const std::vector<Correction>& list) {
  sqlite3* db = m_db;
  exec("BEGIN IMMEDIATE");
  try {
    int added = 0;
    std::set<std::string> docs;
    for (Correction c : list) {
      if (insert_correction(db, m_path, c, true)) {
        ++added;
        docs.insert(c.doc_id);
      }
    }
    for (const auto& id : docs) refresh_rows(m_cache, db, m_path, id);
    exec("COMMIT");
    return added;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::optional<Document> SqliteStore::extracted(const std::string& id) {
  Stmt s(m_db, "SELECT record FROM documents WHERE id = ?1", m_path);
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return extracted_from(s.text(0).value_or("{}"));
}

void SqliteStore::replace(const Document& doc_in) {
  sqlite3* db = m_db;
  exec("BEGIN IMMEDIATE");
  try {
    if (!contains(doc_in.id))
      throw UsageError(fmt::format("{}: no such document in {}", doc_in.id, m_path.string()));
    Document doc = doc_in;
    assign_keys(doc);
    {
      Stmt s(db, R"sql(UPDATE documents SET source=?2, kind=?3, number=?4, issuer=?5, unit=?6,
        unit_key=?7, unit_level=?8, province=?9, issued_on=?10, title=?11, assessed_year=?12,
        plan_year=?13, signer=?14, input=?15, pages=?16, ocr_confidence=?17, restored=?18,
        restored_syllables=?19, record=?20 WHERE id=?1)sql", m_path);
      s.bind(1, doc.id).bind(2, doc.source).bind(3, doc.kind).bind(4, doc.number)
        .bind(5, doc.issuer).bind(6, doc.unit).bind(7, unit_key(doc.unit)).bind(8, doc.unit_level)
        .bind(9, doc.province).bind(10, doc.issued_on).bind(11, doc.title)
        .bind(12, doc.assessed_year).bind(13, doc.plan_year).bind(14, doc.signer)
        .bind(15, doc.pipeline.input).bind(16, std::optional<int>(doc.pipeline.pages))
        .bind(17, doc.pipeline.ocr_confidence).bind(18, std::optional<bool>(doc.pipeline.restored))
        .bind(19, std::optional<int>(doc.pipeline.restored_syllables))
        .bind(20, records::to_json(doc).dump());
      s.run();
    }
    refresh_rows(m_cache, db, m_path, doc.id);
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<std::string> SqliteStore::ingest_order() {
  // Documents with full-text rows in the rows' order, then those without (no text to search).
  Stmt s(m_db, R"sql(SELECT d.id FROM documents d LEFT JOIN doc_lines r ON r.doc_id = d.id
    ORDER BY r.first_row IS NULL, r.first_row, d.rowid)sql", m_path);
  std::vector<std::string> out;
  while (s.step()) out.push_back(*s.text(0));
  return out;
}

std::unique_ptr<Backend> open_sqlite(const std::filesystem::path& path, Mode mode) {
  return std::make_unique<SqliteStore>(path, mode);
}

} // namespace parindex::store
