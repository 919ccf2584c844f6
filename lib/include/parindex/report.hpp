// parindex/report.hpp — one self-contained HTML file per unit or for the whole database:
// component results as inline SVG charts, year-over-year change, gaps, targets, deadlines,
// and the source lines every row was read from. No script, no network fetch.
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

struct UnitReport {
  std::string unit;
  std::optional<std::string> level, province;
  std::vector<store::DocumentSummary> documents;
  std::vector<int> years;                 // with component results, ascending
  std::vector<ComponentResult> components; // by component, then year
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
  std::map<std::string, Source> sources; // documents the rows point into, by id
};

// Everything the report shows for `unit` (every unit when null). Throws UsageError when the
// unit is not in the database.
Report build(const store::Store& store, const std::optional<std::string>& unit, const std::string& as_of);

// The HTML page: UTF-8, every value escaped, styles inline, charts as inline SVG, links to
// #src-<doc>-<page>-<line> anchors in the embedded source text.
std::string to_html(const Report& report);

} // namespace parindex::report
