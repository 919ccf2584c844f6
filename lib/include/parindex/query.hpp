// parindex/query.hpp — answers computed from the store: gaps, year-over-year diff.
#pragma once

#include <parindex/store.hpp>

#include <optional>
#include <string>
#include <vector>

namespace parindex::query {

// A criterion below its maximum. `score` is the best-known result (appraised, else self).
// When the document gives no maximum but the appraisal is below the self-assessment, the
// points lost are self − appraised and `max` stays null. Pass/fail criteria that failed have
// `passed == false` and null numbers.
struct Gap {
  std::string document;
  std::optional<std::string> unit;
  std::optional<int> year;
  std::optional<std::string> code;
  std::optional<int> component;
  std::optional<std::string> title;
  std::optional<double> self;
  std::optional<double> score;
  std::optional<double> max;
  std::optional<double> lost;
  std::optional<bool> passed;
  Where where;
};

struct GapOptions {
  store::ScoreFilter filter;
  std::optional<double> min_lost;
};

// Sorted by points lost, largest first (failed pass/fail criteria after the numeric gaps),
// then unit, year, code.
std::vector<Gap> gaps(const store::Store& store, const GapOptions& options);

struct DiffRow {
  std::string key; // code, or component number "C3", or the index name
  std::optional<int> component;
  std::optional<std::string> title;
  std::optional<double> from;
  std::optional<double> to;
  std::optional<double> max;
  std::optional<double> delta;
  std::string status; // improved | regressed | unchanged | new | dropped
  std::string measure; // "score" (points), "percent", "rank" or "passed" (1 Đạt, 0 Không đạt) (added field)
};

// Scores and component-index percentages of one unit, year `from` against year `to`.
// Throws UsageError when the unit has nothing in either year.
std::vector<DiffRow> diff(const store::Store& store, const std::string& unit, int from, int to);

} // namespace parindex::query
