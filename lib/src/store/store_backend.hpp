// Internal: what a store::Store runs on. One abstract Backend, two implementations: the SQLite
// file (sqlite_store.cpp, the embedded default) and a PostgreSQL server (pg_store.cpp, through
// libpq). store.cpp picks one from the "path" and forwards every call; the helpers below are
// the parts both share (records as stored, corrections applied, full-text lines), so the two
// give the same records and the same answers.
#pragma once

#include <parindex/store.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parindex::store {

class Backend {
public:
  virtual ~Backend() = default;

  virtual bool contains(const std::string& id) = 0;
  virtual bool insert(const Document& doc, const std::vector<PageText>& pages) = 0;
  // Store::begin_batch() and the rest. A backend without batches (PostgreSQL: there a
  // document's transaction is one round trip, and other writers must not wait) stores each
  // insert at once: its batch is always empty.
  virtual void begin_batch() {}
  virtual int batch_size() const { return 0; }
  virtual void commit_batch() {}
  virtual void end_batch() {}
  virtual void set_interrupt(std::function<bool()> overdue) = 0;
  virtual std::optional<Document> document(const std::string& id_or_prefix) = 0;
  // Every document, corrections applied, ordered by unit, issued_on, id; one at a time, so
  // that export runs in constant memory.
  virtual void each_document(const std::function<void(Document)>& f) = 0;
  virtual std::vector<DocumentSummary> summaries() = 0;
  virtual std::vector<PageText> text(const std::string& id) = 0;
  virtual std::vector<ScoreRow> scores(const ScoreFilter& filter) = 0;
  virtual std::vector<TaskRow> tasks(const TaskFilter& filter) = 0;
  // Every unit, or only the one whose unit_key is `key`: the same summary either way.
  virtual std::vector<UnitSummary> units(const std::optional<std::string>& key = std::nullopt) = 0;
  virtual std::vector<SearchHit> search(const std::string& query, const std::optional<std::string>& unit,
                                        int limit) = 0;
  virtual std::vector<IndexRowRef> indices(const std::optional<std::string>& unit) = 0;
  virtual std::vector<TargetRow> targets(const std::optional<std::string>& unit, std::optional<int> year) = 0;
  virtual std::vector<Correction> correct(const CorrectionRequest& request) = 0;
  virtual std::vector<Correction> corrections() = 0;
  virtual int import_corrections(const std::vector<Correction>& list) = 0;
  virtual std::optional<Document> extracted(const std::string& id) = 0;
  virtual void replace(const Document& doc) = 0;

  // Document ids in the order they were stored (the full-text rows' order, which search
  // answers in): what a copy replays so that the copy searches the same.
  virtual std::vector<std::string> ingest_order() = 0;

  // For correct(): the document and record type of a record key (throws UsageError when two
  // documents have it), whether any correction names `key`, and the corrections of a document.
  virtual std::optional<std::pair<std::string, std::string>> find_key(const std::string& key) = 0;
  virtual bool has_correction_key(const std::string& key) = 0;
  virtual std::vector<Correction> corrections_of(const std::string& doc_id) = 0;
};

std::unique_ptr<Backend> open_sqlite(const std::filesystem::path& path, Mode mode);
// `conninfo` is a libpq URI or key=value string; `shown` is the name errors use for it
// (no password).
std::unique_ptr<Backend> open_postgres(const std::string& conninfo, const std::string& shown, Mode mode);
// Whether `path` names a PostgreSQL database: postgresql:// or postgres:// URIs, and libpq's
// key=value strings (service=…, host=… dbname=…).
bool is_postgres(const std::string& path);
// A PostgreSQL conninfo as errors show it: postgresql://[user@]host[:port]/dbname, or
// service=NAME; never the password.
std::string redacted(const std::string& conninfo);

namespace detail {

std::string unit_key(const std::optional<std::string>& unit);
// For tasks() with a due range: an SQL condition on t.recurrence and t.day_of_month that
// every recurring task with a date in [from, to] meets (query::deadlines' expansion: monthly
// on day_of_month, else the 1st, clamped to the month's last day; quarterly and half-yearly
// on the 15th), so that the store does not hand over the year's other recurring tasks.
// Only integers and fixed words go into it. Empty when the range is open or longer than two
// months (every monthly task has a date in it).
std::string recurring_in_window(const std::optional<std::string>& from, const std::optional<std::string>& to);
// A row's own unit: set and not empty, else the row is the document's.
std::optional<std::string> row_unit(const std::optional<std::string>& unit);
std::string row_key(const std::optional<std::string>& unit, const std::string& document_key);
// What corrections did to a record, for its row: NULL for a record as extracted.
std::optional<std::string> revision_text(const Revision& r);
void read_revision(Revision& r, const std::optional<std::string>& key, const std::optional<std::string>& revision);
// `keyed` (as extracted, keys filled) with `list` applied; ids of corrections that found no
// record go to `orphaned`.
Document effective(const Document& keyed, const std::vector<Correction>& list, std::set<long long>* orphaned);
// A stored record (documents.record) as extracted, with its keys.
Document extracted_from(const std::string& record);
// The corrections a request makes, time, user and note filled, not yet stored; the document
// they are about in `doc_id`. Throws UsageError as Store::correct() documents.
std::vector<Correction> plan_corrections(Backend& b, const std::string& db_name, const CorrectionRequest& r,
                                         std::string& doc_id);
// Every correction, `orphaned` set, as Store::corrections() documents.
std::vector<Correction> mark_orphaned(Backend& b, std::vector<Correction> list);
// The words of a search query, folded: runs of ASCII letters and digits (what FTS5's
// unicode61 tokenizer makes of folded text, which is ASCII). Throws UsageError when none.
std::vector<std::string> query_words(const std::string& query);

// Calls fn(line, original, folded) for each line of a page that is not blank, lines
// numbered from 1. The k-th line it yields across a document's pages, in page order, is the
// document's k-th full-text row, so every index of the lines must skip the same lines.
template <class Fn>
void for_each_text_line(const std::string& text, const std::string* folded, Fn&& fn) {
  std::size_t start = 0, fstart = 0;
  int line = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    std::size_t fnl = folded ? folded->find('\n', fstart) : 0;
    std::string_view l(text.data() + start, (nl == std::string::npos ? text.size() : nl) - start);
    ++line;
    if (l.find_first_not_of(" \t\f\r") != std::string_view::npos) {
      std::string_view f;
      if (folded)
        f = std::string_view(folded->data() + fstart,
                             (fnl == std::string::npos ? folded->size() : fnl) - fstart);
      fn(line, l, f);
    }
    if (nl == std::string::npos || (folded && fnl == std::string::npos)) break;
    start = nl + 1;
    fstart = fnl + 1;
  }
}

} // namespace detail
} // namespace parindex::store
