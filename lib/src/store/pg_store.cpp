// The PostgreSQL store, through libpq: the same schema version, records and answers as the
// SQLite file (sqlite_store.cpp), for a database many machines write and read at once.
//
// Where SQLite and PostgreSQL differ, this side gives way so that every answer is the same:
// every text column compares bytewise (COLLATE "C", SQLite's BINARY), NULLs sort first in
// ascending order (NULLS FIRST), folded keys are computed in C++ at insert time as SQLite's
// are, and numbers go both ways as text that round-trips (17 significant digits in,
// PostgreSQL's shortest exact form out).
#include <parindex/error.hpp>
#include <parindex/store.hpp>
#include <parindex/text.hpp>

#include "records/corrections.hpp"
#include "records/json.hpp"
#include "store/store_backend.hpp"

#include <fmt/core.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <poll.h>
#include <set>
#include <type_traits>

namespace parindex::store {

using namespace detail;

namespace {

// The schema, born at version 6 (PostgreSQL had no store before it) and made here as of the
// current version; k_pg_migrations brings an older one up, step by step. `TEXT_C` is text compared
// bytewise. documents.stored numbers documents in the order they were stored (SQLite's
// rowid), which a copy replays.
//
// Search: `lines` holds each non-blank line's folded words between single spaces
// (" cai cach hanh chinh "), and a query is the LIKE pattern "% w1 w2 %". That is exactly what
// the SQLite store's FTS5 phrase query matches (the same words, adjacent, in order, since
// folded text is ASCII and both split it into runs of letters and digits), where tsvector with
// the 'simple' configuration would not be: its parser keeps "1.5", "2023-2025" or e-mail
// addresses as single tokens and so finds other lines. pg_trgm's GIN index serves the LIKE
// (created when the extension can be; without it the search reads every line, still right).
constexpr const char* k_pg_schema = R"sql(
CREATE TABLE meta(key TEXT_C PRIMARY KEY, value TEXT_C NOT NULL);
CREATE TABLE documents(
  id TEXT_C PRIMARY KEY,
  stored BIGSERIAL NOT NULL,
  source TEXT_C NOT NULL,
  kind TEXT_C, number TEXT_C, issuer TEXT_C, unit TEXT_C, unit_key TEXT_C, unit_level TEXT_C,
  province TEXT_C, issued_on TEXT_C, title TEXT_C, assessed_year INTEGER, plan_year INTEGER,
  signer TEXT_C, input TEXT_C, pages INTEGER, ocr_confidence DOUBLE PRECISION, restored INTEGER,
  restored_syllables INTEGER,
  record TEXT_C NOT NULL
);
CREATE INDEX documents_units ON documents(unit_key, issued_on)
  INCLUDE (unit, unit_level, province, assessed_year, plan_year, stored);
CREATE INDEX documents_stored ON documents(stored);
CREATE TABLE scores(
  doc_id TEXT_C NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, code TEXT_C, component INTEGER, title TEXT_C, year INTEGER,
  self DOUBLE PRECISION, appraised DOUBLE PRECISION, max DOUBLE PRECISION, passed INTEGER,
  note TEXT_C, idx TEXT_C, page INTEGER, line INTEGER, unit_key TEXT_C, unit TEXT_C,
  unit_level TEXT_C, rkey TEXT_C, revision TEXT_C,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX scores_unit_year ON scores(unit_key, year, code);
CREATE INDEX scores_year ON scores(year, code);
CREATE INDEX scores_row_unit ON scores(unit_key, unit, unit_level, year, doc_id) WHERE unit IS NOT NULL;
CREATE INDEX scores_rkey ON scores(rkey);
CREATE TABLE indices(
  doc_id TEXT_C NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, component INTEGER, name TEXT_C, year INTEGER, percent DOUBLE PRECISION,
  rank INTEGER, of_units INTEGER, idx TEXT_C, page INTEGER, line INTEGER, unit_key TEXT_C,
  unit TEXT_C, unit_level TEXT_C, rkey TEXT_C, revision TEXT_C,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX indices_unit_year ON indices(unit_key, year);
CREATE INDEX indices_row_unit ON indices(unit_key, unit, unit_level, year, doc_id) WHERE unit IS NOT NULL;
CREATE INDEX indices_rkey ON indices(rkey);
CREATE TABLE targets(
  doc_id TEXT_C NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, indicator TEXT_C, component INTEGER, year INTEGER, op TEXT_C,
  value DOUBLE PRECISION, unit TEXT_C, lead TEXT_C, page INTEGER, line INTEGER, unit_key TEXT_C,
  idx TEXT_C, rkey TEXT_C, revision TEXT_C,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX targets_unit_year ON targets(unit_key, year);
CREATE INDEX targets_rkey ON targets(rkey);
CREATE TABLE tasks(
  doc_id TEXT_C NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, text TEXT_C, lead TEXT_C, lead_key TEXT_C, partners TEXT_C, codes TEXT_C,
  due TEXT_C, start TEXT_C, recurrence TEXT_C, period_from TEXT_C, period_to TEXT_C,
  day_of_month INTEGER, page INTEGER, line INTEGER, unit_key TEXT_C, rkey TEXT_C, revision TEXT_C,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX tasks_due ON tasks(due);
CREATE INDEX tasks_recurring ON tasks(recurrence, day_of_month) WHERE due IS NULL;
CREATE INDEX tasks_unit ON tasks(unit_key, doc_id, seq);
CREATE INDEX tasks_rkey ON tasks(rkey);
CREATE TABLE refs(
  doc_id TEXT_C NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, kind TEXT_C, number TEXT_C, date TEXT_C, issuer TEXT_C,
  page INTEGER, line INTEGER, rkey TEXT_C, revision TEXT_C,
  PRIMARY KEY(doc_id, seq)
);
CREATE INDEX refs_rkey ON refs(rkey);
CREATE TABLE pages(
  doc_id TEXT_C NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page INTEGER NOT NULL, text TEXT_C NOT NULL, confidence DOUBLE PRECISION,
  PRIMARY KEY(doc_id, page)
);
CREATE TABLE lines(
  row BIGSERIAL PRIMARY KEY,
  doc_id TEXT_C NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  page INTEGER NOT NULL, line INTEGER NOT NULL, words TEXT_C NOT NULL
);
CREATE INDEX lines_doc ON lines(doc_id, row);
CREATE TABLE corrections(
  id BIGSERIAL PRIMARY KEY,
  key TEXT_C NOT NULL, doc_id TEXT_C NOT NULL, action TEXT_C NOT NULL, type TEXT_C NOT NULL,
  field TEXT_C, old_value TEXT_C, new_value TEXT_C, note TEXT_C, time TEXT_C NOT NULL,
  "user" TEXT_C NOT NULL
);
CREATE INDEX corrections_doc ON corrections(doc_id, id);
CREATE INDEX corrections_key ON corrections(key);
)sql";

// Version v - 1 → v, for v from 7: what SQLite's migration of the same number does (the
// recurring tasks' index without lead and partners: a btree entry here is limited to about
// 2.7 KB, and a task may list more partners than that; this store matches agencies itself).
constexpr std::pair<int, const char*> k_pg_migrations[] = {
  {7, R"sql(
CREATE INDEX IF NOT EXISTS documents_units ON documents(unit_key, issued_on)
  INCLUDE (unit, unit_level, province, assessed_year, plan_year, stored);
DROP INDEX IF EXISTS documents_unit;
CREATE INDEX IF NOT EXISTS tasks_recurring ON tasks(recurrence, day_of_month) WHERE due IS NULL;
)sql"},
};


// Advisory lock keys (pg_advisory_xact_lock): creating the schema, and writing corrections
// (which read what is there before they add: two at once would both add the same).
constexpr long long k_lock_schema = 0x70617269'6e646578LL; // "parindex"
constexpr long long k_lock_corrections = k_lock_schema + 1;

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::string out;
  for (char c : s)
    if (!(c == ' ' && !out.empty() && out.back() == ' ')) out.push_back(c);
  return out;
}

// Parameters as text (NULL for an empty optional); PostgreSQL infers their types from where
// they go.
class Params {
public:
  Params& add(const std::string& v) {
    m_values.emplace_back(v);
    return *this;
  }
  Params& add(const char* v) { return add(std::string(v)); }
  Params& add(const std::optional<std::string>& v) {
    m_values.push_back(v);
    return *this;
  }
  Params& add(std::optional<int> v) {
    m_values.push_back(v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt);
    return *this;
  }
  Params& add(std::optional<long long> v) {
    m_values.push_back(v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt);
    return *this;
  }
  Params& add(std::optional<double> v) {
    m_values.push_back(v ? std::optional<std::string>(fmt::format("{:.17g}", *v)) : std::nullopt);
    return *this;
  }
  Params& add(std::optional<bool> v) {
    m_values.push_back(v ? std::optional<std::string>(*v ? "1" : "0") : std::nullopt);
    return *this;
  }
  // Adds a value and returns its placeholder ("$3"), for SQL built piece by piece.
  template <class T>
  std::string arg(const T& v) {
    add(v);
    return fmt::format("${}", m_values.size());
  }
  int size() const { return static_cast<int>(m_values.size()); }
  std::vector<const char*> pointers() const {
    std::vector<const char*> out;
    for (const auto& v : m_values) out.push_back(v ? v->c_str() : nullptr);
    return out;
  }

private:
  std::vector<std::optional<std::string>> m_values;
};

class Result {
public:
  explicit Result(PGresult* r) : m_res(r) {}
  ~Result() { PQclear(m_res); }
  Result(Result&& o) noexcept : m_res(o.m_res) { o.m_res = nullptr; }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;

  int rows() const { return PQntuples(m_res); }
  long long affected() const { return std::atoll(PQcmdTuples(m_res)); }
  std::optional<std::string> text(int row, int col) const {
    if (PQgetisnull(m_res, row, col)) return std::nullopt;
    return std::string(PQgetvalue(m_res, row, col), PQgetlength(m_res, row, col));
  }
  std::optional<int> integer(int row, int col) const {
    if (PQgetisnull(m_res, row, col)) return std::nullopt;
    return std::atoi(PQgetvalue(m_res, row, col));
  }
  std::optional<long long> integer64(int row, int col) const {
    if (PQgetisnull(m_res, row, col)) return std::nullopt;
    return std::atoll(PQgetvalue(m_res, row, col));
  }
  std::optional<double> real(int row, int col) const {
    if (PQgetisnull(m_res, row, col)) return std::nullopt;
    return std::strtod(PQgetvalue(m_res, row, col), nullptr);
  }

private:
  PGresult* m_res;
};

// Rows of one table written with as few statements as PostgreSQL's 65,535 parameters allow
// (a statement per row made a copy one round trip per row): `head` is "INSERT INTO t(c1, …)",
// `p` holds `rows` rows of `columns` values, in order.
struct Batch {
  const char* head;
  int columns;
  Params p;
  int rows = 0;
};

class PgStore final : public Backend {
public:
  PgStore(const std::string& conninfo, const std::string& shown, Mode mode) : m_name(shown) {
    // A constructor that throws runs no destructor: a refused connection, or a schema that is
    // not ours, must still give its connection back.
    try {
      open(conninfo, mode);
    } catch (...) {
      close();
      throw;
    }
  }
  ~PgStore() override { close(); }
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  bool contains(const std::string& id) override {
    return run("SELECT 1 FROM documents WHERE id = $1", Params().add(id)).rows() > 0;
  }
  bool insert(const Document& doc, const std::vector<PageText>& pages) override;
  void set_interrupt(std::function<bool()> overdue) override { m_overdue = std::move(overdue); }
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
  std::vector<Correction> corrections() override {
    return mark_orphaned(*this, load_corrections(std::nullopt));
  }
  int import_corrections(const std::vector<Correction>& list) override;
  std::optional<Document> extracted(const std::string& id) override;
  void replace(const Document& doc) override;
  std::vector<std::string> ingest_order() override;
  std::optional<std::pair<std::string, std::string>> find_key(const std::string& key) override;
  bool has_correction_key(const std::string& key) override {
    return run("SELECT 1 FROM corrections WHERE key = $1", Params().add(key)).rows() > 0;
  }
  std::vector<Correction> corrections_of(const std::string& doc_id) override { return load_corrections(doc_id); }

private:
  Result run(const std::string& sql, const Params& p = Params());
  // Runs SQL without parameters, several statements at once (the schema).
  void exec(const char* sql) {
    PGresult* res = m_overdue ? (PQsendQuery(m_conn, sql) ? await() : nullptr) : PQexec(m_conn, sql);
    auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(res);
    PQclear(res);
  }
  // Runs fn in one transaction: committed when it returns, rolled back when it throws.
  template <class Fn>
  auto transaction(Fn&& fn) {
    exec("BEGIN");
    try {
      if constexpr (std::is_void_v<decltype(fn())>) {
        fn();
        exec("COMMIT");
      } else {
        auto r = fn();
        exec("COMMIT");
        return r;
      }
    } catch (...) {
      PQclear(PQexec(m_conn, "ROLLBACK"));
      throw;
    }
  }
  [[noreturn]] void fail(PGresult* res);
  PGresult* await();
  void create_or_check_schema(Mode mode);
  void write_rows(const Document& doc);
  Params& next_row(Batch& b) {
    if ((b.rows + 1) * b.columns > 65535) flush(b);
    ++b.rows;
    return b.p;
  }
  void flush(Batch& b) {
    if (b.rows == 0) return;
    std::string sql = std::string(b.head) + " VALUES";
    for (int r = 0, n = 1; r < b.rows; ++r) {
      sql += r ? ",(" : "(";
      for (int c = 0; c < b.columns; ++c, ++n) sql += fmt::format("{}${}", c ? "," : "", n);
      sql += ")";
    }
    run(sql, b.p);
    b.p = Params();
    b.rows = 0;
  }
  void write_lines(const std::string& doc_id, const std::vector<PageText>& pages);
  void refresh_rows(const std::string& doc_id);
  std::vector<Correction> load_corrections(const std::optional<std::string>& doc_id);
  bool insert_correction(Correction& c, bool once);

  void open(const std::string& conninfo, Mode mode);
  void close() noexcept {
    if (m_conn) PQfinish(m_conn);
    m_conn = nullptr;
  }

  PGconn* m_conn = nullptr;
  std::string m_name; // redacted
  std::function<bool()> m_overdue; // set_interrupt(): queries are sent, then awaited
};

void PgStore::fail(PGresult* res) {
  std::string state = res ? (PQresultErrorField(res, PG_DIAG_SQLSTATE) ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : "") : "";
  const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string msg = one_line(primary ? primary : PQerrorMessage(m_conn));
  if (res) PQclear(res);
  if (state == "42501") msg += " (this role may read the database but not write it; ask for a writer role)";
  else if (state == "25006") msg = "the database is opened read-only here";
  throw StoreError(fmt::format("{}: {}", m_name, msg));
}

// The result of the query just sent, as PQexec would give it (the last one, or the first
// error). While it runs, m_overdue is polled every 50 ms; once it is true the server is asked
// to cancel the query, which then ends with an error (SQLSTATE 57014).
PGresult* PgStore::await() {
  bool cancelled = false;
  while (PQconsumeInput(m_conn) && PQisBusy(m_conn)) {
    if (!cancelled && m_overdue()) {
      if (PGcancel* c = PQgetCancel(m_conn)) {
        char why[256];
        PQcancel(c, why, sizeof why);
        PQfreeCancel(c);
      }
      cancelled = true;
    }
    pollfd ready{PQsocket(m_conn), POLLIN, 0};
    poll(&ready, 1, 50);
  }
  PGresult* kept = nullptr;
  while (PGresult* r = PQgetResult(m_conn)) {
    auto status = PQresultStatus(r);
    bool error = status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK;
    bool kept_error = kept && PQresultStatus(kept) != PGRES_COMMAND_OK && PQresultStatus(kept) != PGRES_TUPLES_OK;
    if (kept_error && !error) {
      PQclear(r);
      continue;
    }
    if (kept) PQclear(kept);
    kept = r;
  }
  return kept;
}

Result PgStore::run(const std::string& sql, const Params& p) {
  auto values = p.pointers();
  PGresult* res = nullptr;
  if (!m_overdue)
    res = PQexecParams(m_conn, sql.c_str(), p.size(), nullptr, values.data(), nullptr, nullptr, 0);
  else if (PQsendQueryParams(m_conn, sql.c_str(), p.size(), nullptr, values.data(), nullptr, nullptr, 0))
    res = await();
  auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(res);
  return Result(res);
}

void PgStore::open(const std::string& conninfo, Mode mode) {
  m_conn = PQconnectdb(conninfo.c_str());
  if (!m_conn) throw StoreError(fmt::format("{}: cannot connect: out of memory", m_name));
  if (PQstatus(m_conn) != CONNECTION_OK)
    throw StoreError(fmt::format("{}: cannot connect: {}", m_name, one_line(PQerrorMessage(m_conn))));
  // The server's notices ("extension already exists, skipping") are not ours to print.
  PQsetNoticeProcessor(m_conn, [](void*, const char*) {}, nullptr);
  if (PQsetClientEncoding(m_conn, "UTF8") != 0)
    throw StoreError(fmt::format("{}: cannot use UTF-8: {}", m_name, one_line(PQerrorMessage(m_conn))));
  // Planner settings for this connection's short, index-driven queries, where the server
  // runs with its defaults (a DBA's own setting is kept): random_page_cost 4 is priced for
  // spinning disks and made `gaps --unit` hash-join all 100,000 documents (40 ms; 9 ms with a
  // nested loop over the unit's rows), and JIT compiles queries that run in milliseconds.
  exec(R"sql(SELECT set_config(name, CASE name WHEN 'jit' THEN 'off' ELSE '1.1' END, false)
    FROM pg_settings WHERE name IN ('random_page_cost', 'jit') AND source = 'default')sql");
  if (mode == Mode::read_only) exec("SET default_transaction_read_only = on");
  create_or_check_schema(mode);
}

void PgStore::create_or_check_schema(Mode mode) {
  // pg_tables, not to_regclass(): a query sees what committed before it, where the catalog
  // cache of a transaction begun before another's schema committed may not. Both tables in
  // one query, one snapshot: between two, another's schema could commit.
  auto version = [&]() -> int {
    auto tables = run(R"sql(SELECT count(*) FILTER (WHERE tablename = 'meta'),
      count(*) FILTER (WHERE tablename = 'documents')
      FROM pg_catalog.pg_tables WHERE schemaname = current_schema())sql");
    if (tables.integer(0, 0).value_or(0) == 0) {
      if (tables.integer(0, 1).value_or(0) > 0) throw StoreError(fmt::format("{}: not a parindex database", m_name));
      return 0;
    }
    auto v = run("SELECT value FROM meta WHERE key = 'schema_version'");
    std::optional<std::string> t = v.rows() ? v.text(0, 0) : std::nullopt;
    bool digits = t && !t->empty() && t->size() <= 6 && t->find_first_not_of("0123456789") == std::string::npos;
    int n = digits ? std::atoi(t->c_str()) : 0;
    if (n < 1)
      throw StoreError(fmt::format("{}: not a parindex database (schema version '{}')", m_name,
                                   text::visible(t.value_or("none"))));
    return n;
  };
  auto check = [&](int v) {
    if (v > k_schema_version)
      throw StoreError(fmt::format("{}: database schema {} is newer than this parindex (schema {}); upgrade parindex",
                                   m_name, v, k_schema_version));
    if (v != 0 && v < 6)
      throw StoreError(fmt::format("{}: not a parindex database (schema version '{}')", m_name, v));
  };
  int v = version();
  check(v);
  if (v == k_schema_version) return;
  if (mode == Mode::read_only && v > 0)
    throw StoreError(fmt::format("{}: database is from an older parindex (schema {}); run 'parindex db upgrade' (or an ingest) to upgrade it",
                                 m_name, v));
  if (mode == Mode::read_only)
    throw StoreError(fmt::format("{}: no parindex database here yet (run 'parindex ingest' first, or pass --db)", m_name));
  transaction([&] {
    // Two first runs at once: the second waits here, then finds the schema made.
    run("SELECT pg_advisory_xact_lock($1)", Params().add(std::optional<long long>(k_lock_schema)));
    int now = version();
    check(now);
    if (now == k_schema_version) return;
    if (now > 0) {
      for (const auto& [to, sql] : k_pg_migrations)
        if (now < to) exec(sql);
      run("UPDATE meta SET value = $1 WHERE key = 'schema_version'", Params().add(std::to_string(k_schema_version)));
      return;
    }
    std::string schema = k_pg_schema;
    for (std::size_t at; (at = schema.find("TEXT_C")) != std::string::npos;)
      schema.replace(at, 6, "TEXT COLLATE \"C\"");
    exec(schema.c_str());
    exec("SAVEPOINT trgm");
    try {
      exec("CREATE EXTENSION IF NOT EXISTS pg_trgm");
      exec("CREATE INDEX lines_words ON lines USING gin (words gin_trgm_ops)");
      exec("RELEASE SAVEPOINT trgm");
    } catch (const StoreError&) {
      exec("ROLLBACK TO SAVEPOINT trgm"); // no pg_trgm here: search reads every line
    }
    run("INSERT INTO meta(key, value) VALUES('schema_version', $1)",
        Params().add(std::to_string(k_schema_version)));
  });
}

void PgStore::write_rows(const Document& doc) {
  std::string key = unit_key(doc.unit);
  int seq = 0;
  {
    Batch batch{"INSERT INTO scores("
                "doc_id, seq, code, component, title, year, self, appraised, max, passed,"
                " note, idx, page, line, unit_key, unit, unit_level, rkey, revision)", 19, Params()};
    for (const auto& x : doc.scores) {
      Params& p = next_row(batch);
      p.add(doc.id).add(std::optional<int>(seq++)).add(x.code).add(x.component).add(x.title).add(x.year)
        .add(x.self).add(x.appraised).add(x.max).add(x.passed).add(x.note).add(x.index)
        .add(std::optional<int>(x.where.page)).add(std::optional<int>(x.where.line))
        .add(row_key(x.unit, key)).add(row_unit(x.unit))
        .add(row_unit(x.unit) ? x.unit_level : std::nullopt).add(x.rev.key).add(revision_text(x.rev));
    }
    flush(batch);
  }
  seq = 0;
  {
    Batch batch{"INSERT INTO indices("
                "doc_id, seq, component, name, year, percent, rank, of_units, idx, page, line,"
                " unit_key, unit, unit_level, rkey, revision)", 16, Params()};
    for (const auto& x : doc.indices) {
      Params& p = next_row(batch);
      p.add(doc.id).add(std::optional<int>(seq++)).add(x.component).add(x.name).add(x.year).add(x.percent)
        .add(x.rank).add(x.of).add(x.index).add(std::optional<int>(x.where.page))
        .add(std::optional<int>(x.where.line)).add(row_key(x.unit, key)).add(row_unit(x.unit))
        .add(row_unit(x.unit) ? x.unit_level : std::nullopt).add(x.rev.key).add(revision_text(x.rev));
    }
    flush(batch);
  }
  seq = 0;
  {
    Batch batch{"INSERT INTO targets("
                "doc_id, seq, indicator, component, year, op, value, unit, lead, page, line,"
                " unit_key, idx, rkey, revision)", 15, Params()};
    for (const auto& x : doc.targets) {
      Params& p = next_row(batch);
      p.add(doc.id).add(std::optional<int>(seq++)).add(x.indicator).add(x.component).add(x.year).add(x.op)
        .add(std::optional<double>(x.value)).add(x.unit).add(x.lead).add(std::optional<int>(x.where.page))
        .add(std::optional<int>(x.where.line)).add(key).add(x.index).add(x.rev.key).add(revision_text(x.rev));
    }
    flush(batch);
  }
  seq = 0;
  {
    Batch batch{"INSERT INTO tasks("
                "doc_id, seq, text, lead, lead_key, partners, codes, due, start, recurrence,"
                " period_from, period_to, page, line, unit_key, day_of_month, rkey, revision)", 18, Params()};
    for (const auto& x : doc.tasks) {
      std::optional<std::string> lead_key;
      if (x.lead) lead_key = text::fold(*x.lead);
      Params& p = next_row(batch);
      p.add(doc.id).add(std::optional<int>(seq++)).add(x.text).add(x.lead).add(lead_key)
        .add(records::Json(x.partners).dump()).add(records::Json(x.codes).dump()).add(x.due).add(x.start)
        .add(x.recurrence).add(x.period ? std::optional<std::string>(x.period->from) : std::nullopt)
        .add(x.period ? std::optional<std::string>(x.period->to) : std::nullopt)
        .add(std::optional<int>(x.where.page)).add(std::optional<int>(x.where.line)).add(key)
        .add(x.day_of_month).add(x.rev.key).add(revision_text(x.rev));
    }
    flush(batch);
  }
  seq = 0;
  {
    Batch batch{"INSERT INTO refs("
                "doc_id, seq, kind, number, date, issuer, page, line, rkey, revision)", 10, Params()};
    for (const auto& x : doc.references) {
      Params& p = next_row(batch);
      p.add(doc.id).add(std::optional<int>(seq++)).add(x.kind).add(x.number).add(x.date).add(x.issuer)
        .add(std::optional<int>(x.where.page)).add(std::optional<int>(x.where.line)).add(x.rev.key)
        .add(revision_text(x.rev));
    }
    flush(batch);
  }
}

// The search rows of a document: its non-blank lines, in page and line order, as
// " word word … " (see k_pg_schema). Many rows per statement, in order, so their row numbers
// follow the document's lines.
void PgStore::write_lines(const std::string& doc_id, const std::vector<PageText>& pages) {
  constexpr int k_rows_per_statement = 500;
  std::string sql;
  Params p;
  int rows = 0;
  auto flush = [&] {
    if (rows == 0) return;
    run("INSERT INTO lines(doc_id, page, line, words) VALUES" + sql, p);
    sql.clear();
    p = Params();
    rows = 0;
  };
  for (const auto& page : pages) {
    const std::string folded = text::fold(page.text);
    for_each_text_line(page.text, &folded, [&](int line, std::string_view, std::string_view f) {
      std::string words = " ";
      for (char c : f) {
        if (std::isalnum(static_cast<unsigned char>(c))) words.push_back(c);
        else if (words.back() != ' ') words.push_back(' ');
      }
      if (words.back() != ' ') words.push_back(' ');
      sql += fmt::format("{}({},{},{},{})", rows ? "," : "", p.arg(doc_id), p.arg(std::optional<int>(page.page)),
                         p.arg(std::optional<int>(line)), p.arg(words));
      if (++rows == k_rows_per_statement) flush();
    });
  }
  flush();
}

bool PgStore::insert(const Document& doc, const std::vector<PageText>& pages) {
  return transaction([&] {
    Document keyed = doc;
    assign_keys(keyed);
    Params p;
    p.add(doc.id).add(doc.source).add(doc.kind).add(doc.number).add(doc.issuer).add(doc.unit)
      .add(unit_key(doc.unit)).add(doc.unit_level).add(doc.province).add(doc.issued_on).add(doc.title)
      .add(doc.assessed_year).add(doc.plan_year).add(doc.signer).add(doc.pipeline.input)
      .add(std::optional<int>(doc.pipeline.pages)).add(doc.pipeline.ocr_confidence)
      .add(std::optional<bool>(doc.pipeline.restored)).add(std::optional<int>(doc.pipeline.restored_syllables))
      .add(records::to_json(keyed).dump());
    // Another machine storing the same document at the same moment waits on the key, then
    // inserts nothing here: this transaction writes nothing more.
    auto r = run(R"sql(INSERT INTO documents(id, source, kind, number, issuer, unit, unit_key,
      unit_level, province, issued_on, title, assessed_year, plan_year, signer, input, pages,
      ocr_confidence, restored, restored_syllables, record)
      VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)
      ON CONFLICT (id) DO NOTHING)sql", p);
    if (r.affected() == 0) return false;
    // Corrections may be there before their document (imported from another database).
    write_rows(effective(keyed, load_corrections(doc.id), nullptr));
    for (const auto& page : pages)
      run("INSERT INTO pages(doc_id, page, text, confidence) VALUES($1,$2,$3,$4)",
          Params().add(doc.id).add(std::optional<int>(page.page)).add(page.text).add(page.confidence));
    write_lines(doc.id, pages);
    return true;
  });
}

std::optional<Document> PgStore::document(const std::string& id_or_prefix) {
  std::string prefix = id_or_prefix;
  bool hex = !prefix.empty() && prefix.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!hex) return std::nullopt;
  if (prefix.size() < 6 && prefix.size() != 64)
    throw UsageError(fmt::format("'{}': give at least 6 hex digits of a document id", prefix));
  auto r = run("SELECT record FROM documents WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 2",
               Params().add(prefix).add(prefix + "g"));
  if (r.rows() == 0) return std::nullopt;
  if (r.rows() > 1)
    throw UsageError(fmt::format("'{}' matches more than one document; give more digits", prefix));
  Document d = extracted_from(*r.text(0, 0));
  return effective(d, load_corrections(d.id), nullptr);
}

void PgStore::each_document(const std::function<void(Document)>& f) {
  // A cursor, fetched 256 rows at a time: a PGresult holds all its rows in memory. One
  // repeatable-read transaction, so the documents and their corrections are of one moment.
  transaction([&] {
    exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    std::map<std::string, std::vector<Correction>> corrections;
    for (auto& c : load_corrections(std::nullopt)) corrections[c.doc_id].push_back(std::move(c));
    exec("DECLARE docs NO SCROLL CURSOR FOR SELECT record FROM documents ORDER BY unit_key, issued_on NULLS FIRST, id");
    for (;;) {
      auto r = run("FETCH 256 FROM docs");
      if (r.rows() == 0) break;
      for (int i = 0; i < r.rows(); ++i) {
        Document d = extracted_from(*r.text(i, 0));
        auto it = corrections.find(d.id);
        f(it == corrections.end() ? std::move(d) : effective(d, it->second, nullptr));
      }
    }
    exec("CLOSE docs");
  });
}

std::vector<DocumentSummary> PgStore::summaries() {
  auto r = run(R"sql(SELECT id, source, kind, unit, unit_level, province, issued_on, number,
    assessed_year, plan_year,
    (SELECT count(*) FROM scores WHERE doc_id=d.id), (SELECT count(*) FROM tasks WHERE doc_id=d.id),
    restored, restored_syllables
    FROM documents d ORDER BY unit_key, issued_on NULLS FIRST, id)sql");
  std::vector<DocumentSummary> out;
  for (int i = 0; i < r.rows(); ++i) {
    DocumentSummary x;
    x.id = *r.text(i, 0);
    x.source = r.text(i, 1).value_or("");
    x.kind = r.text(i, 2);
    x.unit = r.text(i, 3);
    x.unit_level = r.text(i, 4);
    x.province = r.text(i, 5);
    x.issued_on = r.text(i, 6);
    x.number = r.text(i, 7);
    x.assessed_year = r.integer(i, 8);
    x.plan_year = r.integer(i, 9);
    x.scores = r.integer(i, 10).value_or(0);
    x.tasks = r.integer(i, 11).value_or(0);
    x.restored = r.integer(i, 12).value_or(0) != 0;
    x.restored_syllables = r.integer(i, 13).value_or(0);
    out.push_back(x);
  }
  return out;
}

std::vector<PageText> PgStore::text(const std::string& id) {
  auto r = run("SELECT page, text, confidence FROM pages WHERE doc_id = $1 ORDER BY page", Params().add(id));
  std::vector<PageText> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back({*r.integer(i, 0), r.text(i, 1).value_or(""), r.real(i, 2)});
  return out;
}

std::vector<ScoreRow> PgStore::scores(const ScoreFilter& f) {
  Params p;
  std::string sql = R"sql(SELECT s.doc_id, coalesce(s.unit, d.unit),
    CASE WHEN s.unit IS NOT NULL AND s.unit_level = 'tỉnh' THEN s.unit ELSE d.province END,
    d.kind, d.issued_on, s.code, s.component, s.title, s.year, s.self, s.appraised, s.max,
    s.passed, s.note, s.idx, s.page, s.line,
    CASE WHEN s.unit IS NOT NULL THEN s.unit_level ELSE d.unit_level END, s.unit, s.unit_level,
    s.rkey, s.revision
    FROM scores s JOIN documents d ON d.id = s.doc_id WHERE true)sql";
  if (f.unit) sql += " AND s.unit_key = " + p.arg(text::fold(*f.unit));
  if (f.year) sql += " AND s.year = " + p.arg(f.year);
  if (f.year_from) sql += " AND s.year >= " + p.arg(f.year_from);
  if (f.component) sql += " AND s.component = " + p.arg(f.component);
  if (f.code_prefix) {
    // SQLite's LIKE: ASCII case-insensitive, no escape character.
    std::string code = p.arg(*f.code_prefix);
    sql += " AND (s.code = " + code + " OR s.code ILIKE " + code + " || '.%' ESCAPE '')";
  }
  sql += " ORDER BY s.unit_key, s.year NULLS FIRST, s.doc_id, s.seq";
  auto r = run(sql, p);
  std::vector<ScoreRow> out;
  for (int i = 0; i < r.rows(); ++i) {
    ScoreRow row;
    row.document = *r.text(i, 0);
    row.unit = r.text(i, 1);
    row.province = r.text(i, 2);
    row.kind = r.text(i, 3);
    row.issued_on = r.text(i, 4);
    Score& x = row.score;
    x.code = r.text(i, 5);
    x.component = r.integer(i, 6);
    x.title = r.text(i, 7);
    x.year = r.integer(i, 8);
    x.self = r.real(i, 9);
    x.appraised = r.real(i, 10);
    x.max = r.real(i, 11);
    if (auto v = r.integer(i, 12)) x.passed = *v != 0;
    x.note = r.text(i, 13);
    x.index = r.text(i, 14).value_or("PAR INDEX");
    x.where = {r.integer(i, 15).value_or(1), r.integer(i, 16).value_or(1)};
    row.unit_level = r.text(i, 17);
    x.unit = r.text(i, 18);
    x.unit_level = r.text(i, 19);
    read_revision(x.rev, r.text(i, 20), r.text(i, 21));
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<IndexRowRef> PgStore::indices(const std::optional<std::string>& unit) {
  Params p;
  std::string sql = R"sql(SELECT i.doc_id, coalesce(i.unit, d.unit), i.component, i.name, i.year,
    i.percent, i.rank, i.of_units, i.idx, i.page, i.line, i.unit, i.unit_level, i.rkey, i.revision
    FROM indices i JOIN documents d ON d.id = i.doc_id)sql";
  if (unit) sql += " WHERE i.unit_key = " + p.arg(text::fold(*unit));
  sql += " ORDER BY i.unit_key, i.year NULLS FIRST, i.doc_id, i.seq";
  auto r = run(sql, p);
  std::vector<IndexRowRef> out;
  for (int i = 0; i < r.rows(); ++i) {
    IndexRowRef x;
    x.document = *r.text(i, 0);
    x.unit = r.text(i, 1);
    x.row.component = r.integer(i, 2);
    x.row.name = r.text(i, 3).value_or("");
    x.row.year = r.integer(i, 4);
    x.row.percent = r.real(i, 5);
    x.row.rank = r.integer(i, 6);
    x.row.of = r.integer(i, 7);
    x.row.index = r.text(i, 8).value_or("PAR INDEX");
    x.row.where = {r.integer(i, 9).value_or(1), r.integer(i, 10).value_or(1)};
    x.row.unit = r.text(i, 11);
    x.row.unit_level = r.text(i, 12);
    read_revision(x.row.rev, r.text(i, 13), r.text(i, 14));
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<TargetRow> PgStore::targets(const std::optional<std::string>& unit, std::optional<int> year) {
  Params p;
  std::string sql = R"sql(SELECT t.doc_id, d.unit, t.indicator, t.component, t.year, t.op, t.value,
    t.unit, t.lead, t.page, t.line, t.idx, t.rkey, t.revision FROM targets t
    JOIN documents d ON d.id = t.doc_id WHERE true)sql";
  if (unit) sql += " AND t.unit_key = " + p.arg(text::fold(*unit));
  if (year) sql += " AND t.year = " + p.arg(year);
  sql += " ORDER BY t.unit_key, t.year NULLS FIRST, t.doc_id, t.seq";
  auto r = run(sql, p);
  std::vector<TargetRow> out;
  for (int i = 0; i < r.rows(); ++i) {
    TargetRow x;
    x.document = *r.text(i, 0);
    x.unit = r.text(i, 1);
    Target& t = x.target;
    t.indicator = r.text(i, 2).value_or("");
    t.component = r.integer(i, 3);
    t.year = r.integer(i, 4);
    t.op = r.text(i, 5).value_or("=");
    t.value = r.real(i, 6).value_or(0);
    t.unit = r.text(i, 7).value_or("%");
    t.lead = r.text(i, 8);
    t.where = {r.integer(i, 9).value_or(1), r.integer(i, 10).value_or(1)};
    t.index = r.text(i, 11).value_or("PAR INDEX");
    read_revision(t.rev, r.text(i, 12), r.text(i, 13));
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<TaskRow> PgStore::tasks(const TaskFilter& f) {
  const std::string cols = R"sql(SELECT t.doc_id, t.seq, d.unit, d.source, d.plan_year, t.text, t.lead,
    t.partners, t.codes, t.due, t.start, t.recurrence, t.period_from, t.period_to, t.day_of_month,
    t.page, t.line, t.unit_key, t.rkey, t.revision FROM tasks t JOIN documents d ON d.id = t.doc_id)sql";
  Params p;
  const std::string unit = f.unit ? " AND t.unit_key = " + p.arg(text::fold(*f.unit)) : "";
  std::string sql;
  if (!f.due_from && !f.due_to) {
    sql = cols + " WHERE true" + unit;
  } else {
    std::string lo = f.due_from.value_or("0000-00-00"), hi = f.due_to.value_or("9999-99-99");
    std::string plo = p.arg(lo), phi = p.arg(hi);
    std::string undated = p.arg(std::optional<int>(f.year_of_undated));
    std::string ylo = p.arg(std::optional<int>(std::atoi(lo.substr(0, 4).c_str())));
    std::string yhi = p.arg(std::optional<int>(std::atoi(hi.substr(0, 4).c_str())));
    std::string window = recurring_in_window(f.due_from, f.due_to);
    sql = cols + " WHERE t.due >= " + plo + " AND t.due <= " + phi + unit + " UNION ALL " + cols +
          " WHERE t.due IS NULL AND t.recurrence IN ('monthly', 'quarterly', 'half-yearly')" +
          (window.empty() ? "" : " AND " + window) +
          " AND coalesce(d.plan_year, " + undated + ") BETWEEN " + ylo + " AND " + yhi + unit;
  }
  sql += " ORDER BY 18, 1, 2";
  auto r = run(sql, p);
  std::vector<TaskRow> out;
  for (int i = 0; i < r.rows(); ++i) {
    TaskRow x;
    x.document = *r.text(i, 0);
    x.seq = r.integer(i, 1).value_or(0);
    x.unit = r.text(i, 2);
    x.source = r.text(i, 3);
    x.plan_year = r.integer(i, 4);
    Task& t = x.task;
    t.text = r.text(i, 5).value_or("");
    t.lead = r.text(i, 6);
    t.partners = records::Json::parse(r.text(i, 7).value_or("[]")).get<std::vector<std::string>>();
    t.codes = records::Json::parse(r.text(i, 8).value_or("[]")).get<std::vector<std::string>>();
    t.due = r.text(i, 9);
    t.start = r.text(i, 10);
    t.recurrence = r.text(i, 11);
    if (auto from = r.text(i, 12)) t.period = Period{*from, r.text(i, 13).value_or("")};
    t.day_of_month = r.integer(i, 14);
    t.where = {r.integer(i, 15).value_or(1), r.integer(i, 16).value_or(1)};
    read_revision(t.rev, r.text(i, 18), r.text(i, 19));
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<UnitSummary> PgStore::units(const std::optional<std::string>& only) {
  std::map<std::string, UnitSummary> by_key; // unit_key order, bytewise as SQLite sorts it
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
    // SQLite gives a group's unit, level and province (two spellings may fold alike: Bình
    // Thành, Bình Thạnh) from its first row in documents_units' order, which it reads the
    // group in: the earliest issued_on (none first), then the first stored. The same row here.
    auto r = run(R"sql(SELECT unit_key,
      (array_agg(unit ORDER BY issued_on NULLS FIRST, stored))[1],
      (array_agg(unit_level ORDER BY issued_on NULLS FIRST, stored))[1],
      (array_agg(province ORDER BY issued_on NULLS FIRST, stored))[1], count(*),
      string_agg(DISTINCT assessed_year::text, ','), string_agg(DISTINCT plan_year::text, ',')
      FROM documents WHERE unit IS NOT NULL AND ($1::text IS NULL OR unit_key = $1) GROUP BY unit_key)sql",
                 Params().add(only));
    for (int i = 0; i < r.rows(); ++i) {
      UnitSummary& u = by_key[r.text(i, 0).value_or("")];
      u.unit = *r.text(i, 1);
      u.unit_level = r.text(i, 2);
      u.province = r.text(i, 3);
      u.documents = r.integer(i, 4).value_or(0);
      for (int col : {5, 6}) add_years(u, r.text(i, col).value_or(""));
    }
  }
  std::map<std::string, std::set<std::string>> other_documents;
  for (const char* table : {"scores", "indices"}) {
    // In the partial index's order, which is the order SQLite reads them in.
    auto r = run(fmt::format(R"sql(SELECT r.unit_key, r.unit, r.unit_level, r.year, r.doc_id,
      CASE WHEN r.unit_level = 'tỉnh' THEN r.unit ELSE d.province END
      FROM {} r JOIN documents d ON d.id = r.doc_id
      WHERE r.unit IS NOT NULL AND r.unit_key <> d.unit_key AND ($1::text IS NULL OR r.unit_key = $1)
      ORDER BY r.unit_key, r.unit, r.unit_level NULLS FIRST, r.year NULLS FIRST, r.doc_id, r.seq)sql",
                             table), Params().add(only));
    for (int i = 0; i < r.rows(); ++i) {
      std::string key = r.text(i, 0).value_or("");
      auto [it, fresh] = by_key.try_emplace(key);
      UnitSummary& u = it->second;
      if (fresh) u.unit = *r.text(i, 1);
      if (!u.unit_level) u.unit_level = r.text(i, 2);
      if (!u.province) u.province = r.text(i, 5);
      if (auto y = r.integer(i, 3)) add_years(u, std::to_string(*y));
      other_documents[key].insert(*r.text(i, 4));
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

std::vector<SearchHit> PgStore::search(const std::string& query, const std::optional<std::string>& unit,
                                       int limit) {
  std::string pattern = "% ";
  for (const auto& w : query_words(query)) pattern += w + " ";
  pattern += "%";
  Params p;
  // The words are letters and digits only, so the pattern has no wildcard but its ends.
  std::string sql = R"sql(SELECT l.doc_id, d.unit, d.source, l.page, l.line, split_part(g.text, E'\n', l.line)
    FROM lines l JOIN documents d ON d.id = l.doc_id
    JOIN pages g ON g.doc_id = l.doc_id AND g.page = l.page
    WHERE l.words LIKE )sql" + p.arg(pattern);
  if (unit) sql += " AND d.unit_key = " + p.arg(text::fold(*unit));
  // A negative limit is SQLite's "no limit": LIMIT NULL here.
  sql += " ORDER BY l.row LIMIT " + p.arg(limit >= 0 ? std::optional<int>(limit) : std::nullopt);
  auto r = run(sql, p);
  std::vector<SearchHit> out;
  for (int i = 0; i < r.rows(); ++i)
    out.push_back({*r.text(i, 0), r.text(i, 1), r.text(i, 2), r.integer(i, 3).value_or(1),
                   r.integer(i, 4).value_or(1), r.text(i, 5).value_or("")});
  return out;
}

std::vector<Correction> PgStore::load_corrections(const std::optional<std::string>& doc_id) {
  Params p;
  std::string sql = R"sql(SELECT id, key, doc_id, action, type, field, old_value, new_value, note,
    time, "user" FROM corrections)sql";
  if (doc_id) sql += " WHERE doc_id = " + p.arg(*doc_id);
  sql += " ORDER BY id";
  auto r = run(sql, p);
  std::vector<Correction> out;
  for (int i = 0; i < r.rows(); ++i) {
    Correction c;
    c.id = r.integer64(i, 0).value_or(0);
    c.key = r.text(i, 1).value_or("");
    c.doc_id = r.text(i, 2).value_or("");
    c.action = r.text(i, 3).value_or("");
    c.type = r.text(i, 4).value_or("");
    c.field = r.text(i, 5);
    c.old_value = r.text(i, 6);
    c.new_value = r.text(i, 7);
    c.note = r.text(i, 8);
    c.time = r.text(i, 9).value_or("");
    c.user = r.text(i, 10).value_or("");
    out.push_back(std::move(c));
  }
  return out;
}

bool PgStore::insert_correction(Correction& c, bool once) {
  Params p;
  p.add(c.key).add(c.doc_id).add(c.action).add(c.type).add(c.field).add(c.old_value).add(c.new_value)
    .add(c.note).add(c.time).add(c.user);
  if (once) {
    auto same = run(R"sql(SELECT 1 FROM corrections WHERE key = $1 AND doc_id = $2 AND action = $3
      AND type = $4 AND field IS NOT DISTINCT FROM $5::text AND old_value IS NOT DISTINCT FROM $6::text
      AND new_value IS NOT DISTINCT FROM $7::text AND note IS NOT DISTINCT FROM $8::text
      AND time = $9 AND "user" = $10)sql", p);
    if (same.rows() > 0) return false;
  }
  auto r = run(R"sql(INSERT INTO corrections(key, doc_id, action, type, field, old_value, new_value,
    note, time, "user") VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id)sql", p);
  c.id = r.integer64(0, 0).value_or(0);
  return true;
}

std::optional<std::pair<std::string, std::string>> PgStore::find_key(const std::string& key) {
  auto r = run(R"sql(SELECT doc_id, 'score' FROM scores WHERE rkey = $1
    UNION ALL SELECT doc_id, 'index' FROM indices WHERE rkey = $1
    UNION ALL SELECT doc_id, 'target' FROM targets WHERE rkey = $1
    UNION ALL SELECT doc_id, 'task' FROM tasks WHERE rkey = $1
    UNION ALL SELECT doc_id, 'reference' FROM refs WHERE rkey = $1 LIMIT 2)sql", Params().add(key));
  if (r.rows() == 0) return std::nullopt;
  if (r.rows() > 1)
    throw UsageError(fmt::format("record key '{}' names records of two documents; correct them with 'parindex show' keys of one document", key));
  return std::pair<std::string, std::string>{*r.text(0, 0), *r.text(0, 1)};
}

void PgStore::refresh_rows(const std::string& doc_id) {
  auto r = run("SELECT record FROM documents WHERE id = $1", Params().add(doc_id));
  if (r.rows() == 0) return;
  for (const char* table : {"scores", "indices", "targets", "tasks", "refs"})
    run(fmt::format("DELETE FROM {} WHERE doc_id = $1", table), Params().add(doc_id));
  write_rows(effective(extracted_from(*r.text(0, 0)), load_corrections(doc_id), nullptr));
}

std::vector<Correction> PgStore::correct(const CorrectionRequest& request) {
  return transaction([&] {
    run("SELECT pg_advisory_xact_lock($1)", Params().add(std::optional<long long>(k_lock_corrections)));
    std::string doc_id;
    std::vector<Correction> made = plan_corrections(*this, m_name, request, doc_id);
    std::vector<Correction> stored;
    for (auto& c : made)
      if (insert_correction(c, false)) stored.push_back(c);
    refresh_rows(doc_id);
    return stored;
  });
}

int PgStore::import_corrections(const std::vector<Correction>& list) {
  return transaction([&] {
    run("SELECT pg_advisory_xact_lock($1)", Params().add(std::optional<long long>(k_lock_corrections)));
    int added = 0;
    std::set<std::string> docs;
    for (Correction c : list) {
      if (insert_correction(c, true)) {
        ++added;
        docs.insert(c.doc_id);
      }
    }
    for (const auto& id : docs) refresh_rows(id);
    return added;
  });
}

std::optional<Document> PgStore::extracted(const std::string& id) {
  auto r = run("SELECT record FROM documents WHERE id = $1", Params().add(id));
  if (r.rows() == 0) return std::nullopt;
  return extracted_from(r.text(0, 0).value_or("{}"));
}

void PgStore::replace(const Document& doc_in) {
  transaction([&] {
    run("SELECT pg_advisory_xact_lock($1)", Params().add(std::optional<long long>(k_lock_corrections)));
    if (!contains(doc_in.id)) throw UsageError(fmt::format("{}: no such document in {}", doc_in.id, m_name));
    Document doc = doc_in;
    assign_keys(doc);
    Params p;
    p.add(doc.id).add(doc.source).add(doc.kind).add(doc.number).add(doc.issuer).add(doc.unit)
      .add(unit_key(doc.unit)).add(doc.unit_level).add(doc.province).add(doc.issued_on).add(doc.title)
      .add(doc.assessed_year).add(doc.plan_year).add(doc.signer).add(doc.pipeline.input)
      .add(std::optional<int>(doc.pipeline.pages)).add(doc.pipeline.ocr_confidence)
      .add(std::optional<bool>(doc.pipeline.restored)).add(std::optional<int>(doc.pipeline.restored_syllables))
      .add(records::to_json(doc).dump());
    run(R"sql(UPDATE documents SET source=$2, kind=$3, number=$4, issuer=$5, unit=$6, unit_key=$7,
      unit_level=$8, province=$9, issued_on=$10, title=$11, assessed_year=$12, plan_year=$13,
      signer=$14, input=$15, pages=$16, ocr_confidence=$17, restored=$18, restored_syllables=$19,
      record=$20 WHERE id=$1)sql", p);
    refresh_rows(doc.id);
  });
}

std::vector<std::string> PgStore::ingest_order() {
  auto r = run("SELECT id FROM documents ORDER BY stored");
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(*r.text(i, 0));
  return out;
}

// libpq's own reading of a conninfo, keyword → value (only those set); nullopt when it is
// not one.
std::optional<std::map<std::string, std::string>> parse_conninfo(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &err);
  if (err) PQfreemem(err);
  if (!options) return std::nullopt;
  std::map<std::string, std::string> out;
  for (PQconninfoOption* o = options; o->keyword; ++o)
    if (o->val && *o->val) out[o->keyword] = o->val;
  PQconninfoFree(options);
  return out;
}

} // namespace

bool is_postgres(const std::string& path) {
  if (path.rfind("postgresql://", 0) == 0 || path.rfind("postgres://", 0) == 0) return true;
  return path.find('=') != std::string::npos && parse_conninfo(path).has_value();
}

std::string redacted(const std::string& conninfo) {
  auto o = parse_conninfo(conninfo);
  if (!o) return "postgresql database";
  auto get = [&](const char* k) {
    auto it = o->find(k);
    return it == o->end() ? std::string() : it->second;
  };
  std::string host = get("host").empty() ? get("hostaddr") : get("host");
  if (!get("service").empty() && host.empty() && get("dbname").empty()) return "service=" + get("service");
  std::string out = "postgresql://";
  if (!get("user").empty()) out += get("user") + "@";
  out += host;
  if (!get("port").empty()) out += ":" + get("port");
  out += "/" + get("dbname");
  if (!get("service").empty()) out += "?service=" + get("service");
  return out;
}

std::string libpq_version() {
  int v = PQlibVersion(); // 150005 for 15.5
  return fmt::format("{}.{}", v / 10000, v % 10000);
}

std::unique_ptr<Backend> open_postgres(const std::string& conninfo, const std::string& shown, Mode mode) {
  return std::make_unique<PgStore>(conninfo, shown, mode);
}

} // namespace parindex::store
