// parindex/report.hpp — one self-contained HTML file per unit or for the whole database:
// component results as inline SVG charts, year-over-year change, gaps, targets, deadlines,
// the whole index over the years, and (on request) the source text every row was read from.
// No script, no network fetch.
#pragma once

#include <parindex/query.hpp>
#include <parindex/store.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace parindex::report {

// A component's (or the whole index's, component 0) result in one year, as a percentage:
// the index table's figure, else the component total's points over its maximum.
struct ComponentResult {
  int component = 0;
  std::string name;
  int year = 0;
  double percent = 0;
  std::optional<int> rank;
};

// The whole index in one year: its percentage and its rank among `of` units, each when a
// document gives it (an index table's total row, a ranking sentence, a total in points).
struct IndexResult {
  int year = 0;
  std::optional<double> percent;
  std::optional<int> rank, of;
};

struct UnitReport {
  std::string unit;
  std::optional<std::string> level, province;
  std::vector<store::DocumentSummary> documents;
  std::vector<int> years;                 // with component or whole-index results, ascending
  std::vector<ComponentResult> components; // by component, then year; the whole index (0) last
  std::vector<IndexResult> index;          // the whole index, by year
  std::vector<query::DiffRow> change;     // the last two years of `years`, when there are two
  std::vector<query::Gap> gaps;
  std::vector<query::TargetCheck> targets; // of every year with targets
  std::vector<query::Deadline> deadlines;  // overdue within 90 days before as_of, due within 90 after
};

struct Source {
  std::string source; // the path given to ingest
  std::vector<PageText> pages;
};

struct Report {
  std::string title;
  std::string as_of;
  std::vector<UnitReport> units;
  std::map<std::string, Source> sources; // documents the rows point into, by id (when asked for)
};

struct Options {
  std::optional<std::string> unit; // every unit when null
  std::string as_of;               // YYYY-MM-DD, for the deadlines
  bool with_sources = false;       // fill Report::sources with the documents' stored text
};

// Everything the report shows. Throws UsageError when `options.unit` is not in the database.
Report build(const store::Store& store, const Options& options);

// The HTML page: UTF-8, every value escaped, styles inline (with a print stylesheet for A4),
// charts as inline SVG, headings and statuses in Vietnamese. With sources, each row links to
// its #src-<doc>-<page>-<line> anchor in an appendix of their text; without, it names the page
// and line, and the document in a tooltip.
std::string to_html(const Report& report);

} // namespace parindex::report
