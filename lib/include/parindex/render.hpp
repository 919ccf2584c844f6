// parindex/render.hpp — one result, several shapes: human table, JSON, NDJSON, CSV.
// JSON shapes follow ../shared/contract/records.md; keys are only ever added.
#pragma once

#include <parindex/criteria.hpp>
#include <parindex/ingest.hpp>
#include <parindex/query.hpp>
#include <parindex/records.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace parindex::render {

// xlsx: an Excel workbook (binary bytes in the returned string): a sheet of the rows CSV
// would give, numbers as numbers, ISO dates as dates; documents() gives a sheet per record type.
enum class Format { table, json, csv, ndjson, xlsx };
Format parse_format(std::string_view name); // throws UsageError

// {"schema": "parindex.records/1", "documents": [...]}
std::string documents(const std::vector<Document>& docs, Format format);

// documents() one document at a time, for export: JSON (the same bytes as documents()) and
// NDJSON go to `sink` as each document is added, so memory stays that of one document; the
// other formats are made whole by finish().
class DocumentStream {
public:
  DocumentStream(Format format, std::function<void(std::string_view)> sink);
  void add(const Document& doc);
  void finish();

private:
  Format m_format;
  std::function<void(std::string_view)> m_sink;
  std::size_t m_count = 0;
  std::vector<Document> m_held; // table, CSV, xlsx
};
std::string gaps(const std::vector<query::Gap>& gaps, Format format);
std::string gap_groups(const std::vector<query::GapGroup>& groups, Format format);
std::string diff(const std::vector<query::DiffRow>& rows, Format format);
std::string compare(const std::vector<query::CompareRow>& rows, const std::vector<std::string>& units, Format format);
std::string targets(const std::vector<query::TargetCheck>& rows, Format format);

std::string deadlines(const std::vector<query::Deadline>& rows, Format format);
std::string units(const std::vector<store::UnitSummary>& rows, Format format);
// `query` marks the matched words in table output as [[…]] ("snippet" in JSON).
std::string search(const std::vector<store::SearchHit>& hits, const std::string& query, Format format);

// One row per criterion of each framework, in catalogue order; only codes starting with
// `code_prefix` when it is not empty.
std::string criteria(const std::vector<const criteria::Framework*>& frameworks,
                     const std::string& code_prefix, Format format);

// What ingest did with each file: {path, outcome (added | unchanged | skipped | failed), id,
// scores, index_rows, targets, tasks, references, message, warnings}. Table: nothing (the
// human summary goes to standard error).
std::string ingest_results(const std::vector<ingest::FileResult>& results, Format format);

// Corrections: table, or {key, document, action, type, field, old, new, note, time, user,
// orphaned} rows; JSON is what `corrections --import` reads back.
std::string corrections(const std::vector<Correction>& rows, Format format);
std::string review(const std::vector<query::ReviewItem>& rows, Format format);
std::string rebuild(const std::vector<ingest::RebuildResult>& rows, bool dry_run, Format format);

// How tables are drawn (the CLI sets it from its output): `width` 0 never cuts a cell (a
// pipe, a file); otherwise the widest columns are cut with "…" until each line fits. With
// `color`, LOST values above 0 and bad STATUS values (overdue, regressed, missed) are red, good
// ones (improved, met) green.
struct TableStyle {
  bool color = false;
  std::size_t width = 0;
};
void set_table_style(TableStyle style);

// Numbers as documents write them for people ("1,5"); JSON keeps 1.5.
std::string human_number(double v);

} // namespace parindex::render
