// parindex/store.hpp — the database: one SQLite file (the embedded default) or a PostgreSQL
// database shared by many machines.
//
// One transaction per document; a document's id is the sha256 of its source bytes, so
// ingesting the same file twice changes nothing, also when two processes ingest it at once.
// A SQLite file is opened in WAL mode with a busy timeout so that readers run while a writer
// ingests and concurrent writers wait instead of failing. A path that is a libpq connection
// string (postgresql://…, postgres://…, service=NAME, host=… dbname=…) opens that PostgreSQL
// database instead; credentials come only by libpq's own means (the URI, PGPASSFILE,
// PGSERVICEFILE). Both give the same records and the same answers. Errors are StoreError with
// the database in the message (a PostgreSQL one as host and database name, never a password).
#pragma once

#include <parindex/records.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace parindex::store {

// 2: full-text index of document lines; 3: tasks by unit; 4: score and index rows of other
// units (unit, unit_level), targets' index; 5: contentless full-text index; 6: record keys
// on every row and the corrections table; 7: the documents' unit index covers the unit list.
inline constexpr int k_schema_version = 7;

// The SQLite library's version ("3.40.1"), and libpq's ("15.5").
std::string sqlite_version();
std::string libpq_version();

// $PARINDEX_DB if set and non-empty, else ./parindex.db.
std::filesystem::path default_path();

// Whether `db` (a --db value) names a PostgreSQL database (a libpq URI or key=value string)
// rather than a SQLite file.
bool is_server(const std::string& db);

enum class Mode { read_write, read_only };

// A score row joined with what the query layer needs of its document. A row is the result
// of its own unit when it has one (`score.unit`, e.g. a district in a provincial ranking),
// else of its document's: `unit` and `unit_level` are that unit's, and `province` its
// document's (the unit itself for a row of a province).
struct ScoreRow {
  std::string document;
  std::optional<std::string> unit;
  std::optional<std::string> province;
  std::optional<std::string> kind;
  std::optional<std::string> issued_on;
  std::optional<std::string> unit_level;
  Score score; // score.unit, score.unit_level as stored: null for the document's unit
};

struct IndexRowRef {
  std::string document;
  std::optional<std::string> unit; // the row's own unit, else its document's
  IndexRow row;
};

struct TargetRow {
  std::string document;
  std::optional<std::string> unit;
  Target target;
};

struct ScoreFilter {
  std::optional<std::string> unit; // the row's unit; compared accent- and case-insensitively
  std::optional<int> year;
  std::optional<int> year_from; // this year and later
  std::optional<int> component;
  std::optional<std::string> code_prefix;
};

struct DocumentSummary {
  std::string id;
  std::string source;
  std::optional<std::string> kind, unit, unit_level, province, issued_on, number;
  std::optional<int> assessed_year, plan_year;
  int scores = 0, tasks = 0;
  bool restored = false;       // its marks were restored by the model (pipeline.restored)
  int restored_syllables = 0;
};

// Which tasks Store::tasks() reads.
struct TaskFilter {
  std::optional<std::string> unit;
  std::optional<std::string> due_from, due_to; // ISO dates, inclusive
  int year_of_undated = 0;                     // the year of recurring tasks without a plan year
  // Folded agency (text::fold): a store may leave out tasks whose lead and partners cannot
  // contain it. Still a superset: the caller matches the agency itself.
  std::optional<std::string> agency;
};

// A stored task with what the deadline and report views need of its document.
struct TaskRow {
  std::string document;
  int seq = 0;
  std::optional<std::string> unit, source;
  std::optional<int> plan_year;
  Task task;
};

// A unit that documents are about or that has results in other documents' rows.
struct UnitSummary {
  std::string unit;
  std::optional<std::string> unit_level, province;
  std::vector<int> years; // assessed and plan years of its documents, years of its rows in others
  int documents = 0;      // its own documents and the others that give its results
};

struct SearchHit {
  std::string document;
  std::optional<std::string> unit, source;
  int page = 1, line = 1;
  std::string text; // the whole line
};

// What `parindex correct` asks for. set: `target` is a record key, `values` the FIELD=VALUE
// pairs as typed (numbers "1,5" or "1.5", dates YYYY-MM-DD, "null" to clear); drop: `target`
// is a record key; add: `target` is a document id (or unique prefix), `type` the record type
// (score, index, target, task, reference) and `values` its fields.
struct CorrectionRequest {
  std::string action; // set | drop | add
  std::string target;
  std::string type;
  std::vector<std::pair<std::string, std::string>> values;
  std::optional<std::string> note;
  std::string user; // empty: $USER
  std::string time; // empty: now (SOURCE_DATE_EPOCH when set), ISO 8601 UTC
};

class Store {
public:
  explicit Store(const std::filesystem::path& path, Mode mode = Mode::read_write);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The file, or a PostgreSQL database's redacted name (postgresql://user@host/dbname).
  const std::filesystem::path& path() const { return m_path; }

  bool contains(const std::string& id) const;
  // Inserts the document, its records and its page text in one transaction. Returns false
  // (and changes nothing) when a document with the same id is already stored.
  bool insert(const Document& doc, const std::vector<PageText>& pages);

  // Batching, for ingest: after begin_batch(), insert() keeps each document in a savepoint of
  // one transaction (a failure still costs only that document) until commit_batch(), which
  // writes the batch's full-text rows with one statement and commits. The transaction opens
  // at the batch's first insert. Documents of an uncommitted batch are not stored if the
  // process dies, and no other writer gets in while it is open: commit often (ingest commits
  // every 64 documents or 250 ms, and before it waits for a file still being read).
  // end_batch() commits and goes back to one transaction per insert. A Store destroyed with
  // a batch open rolls it back.
  void begin_batch();
  int batch_size() const; // documents inserted in the open batch
  void commit_batch();
  void end_batch();

  // A statement still running when `overdue` turns true (polled every few milliseconds) is
  // cut short: it fails with StoreError and its transaction (an open batch too) is rolled
  // back, so nothing of it is stored. Ingest sets it to its stop deadline: a SIGTERM that
  // comes while a huge document is being written is honoured within a second. Empty: none.
  void set_interrupt(std::function<bool()> overdue);

  // Full id or a unique prefix of at least 6 hex digits; throws UsageError when ambiguous.
  std::optional<Document> document(const std::string& id_or_prefix) const;
  std::vector<Document> documents() const; // ordered by unit, issued_on, id
  // The same documents in the same order, one at a time (constant memory).
  void each_document(const std::function<void(Document)>& f) const;
  std::vector<DocumentSummary> summaries() const;
  std::vector<PageText> text(const std::string& id) const;

  std::vector<ScoreRow> scores(const ScoreFilter& filter) const;
  // Tasks of a unit (all when null), in unit, document, order. With a due range, only the
  // tasks due in it and the recurring ones whose plan year (else `year_of_undated`) is in
  // the range's years: a superset the caller filters after expanding recurrences.
  std::vector<TaskRow> tasks(const TaskFilter& filter) const;
  // Every unit with documents or rows, in folded-name order.
  std::vector<UnitSummary> units() const;
  // The unit whose folded name is fold(name), as units() lists it (without reading them all).
  std::optional<UnitSummary> unit(const std::string& name) const;
  // Lines whose folded text matches every folded word of `query` (FTS5), in document and line
  // order; at most `limit`.
  std::vector<SearchHit> search(const std::string& query, const std::optional<std::string>& unit,
                                int limit) const;
  // Index rows of a unit (the row's own, else its document's; all when null).
  std::vector<IndexRowRef> indices(const std::optional<std::string>& unit) const;
  // The targets plans set for `year` (all years when null), in unit, document, order.
  std::vector<TargetRow> targets(const std::optional<std::string>& unit, std::optional<int> year) const;

  // Corrections (schema 6). They live in their own table, keyed by record key, and are
  // applied whenever records are read: document(), documents() and every row above see the
  // corrected records (a corrected record has rev.corrected and rev.original). Extracted
  // records are never overwritten.
  //
  // Stores the corrections the request makes (one per value; one for drop or add) in one
  // transaction and returns them. Throws UsageError for an unknown key or document, a field
  // the record type does not have, or a value of the wrong type.
  std::vector<Correction> correct(const CorrectionRequest& request);
  // Every correction in entry order; `orphaned` when its record or document is not stored.
  std::vector<Correction> corrections() const;
  // Adds corrections made elsewhere (corrections --export); one already here (every field
  // the same: key, action, field, values, note, time and user) is skipped, so importing twice adds nothing.
  // Returns how many were added.
  int import_corrections(const std::vector<Correction>& list);
  // A stored document as extracted: keys filled, no correction applied.
  std::optional<Document> extracted(const std::string& id) const;
  // Replaces a stored document's metadata and records with a new extraction of it (`doc.id`
  // must be stored), in one transaction; its page text stays. Its corrections apply to the
  // new records by key.
  void replace(const Document& doc);

private:
  friend struct CopyCounts copy(const Store& from, Store& to);
  struct Impl;
  std::filesystem::path m_path;
  std::unique_ptr<Impl> m_impl;
};

struct CopyCounts {
  int documents = 0;   // documents copied (those `to` had already are skipped)
  int corrections = 0; // corrections added
};

// Copies every document of `from` (its records as extracted, its page text) and every
// correction into `to`, documents in the order `from` stored them (so searches answer in the
// same order); what `to` has already is skipped, so copying twice copies nothing the second
// time. Each document is one transaction of `to`.
CopyCounts copy(const Store& from, Store& to);

} // namespace parindex::store
