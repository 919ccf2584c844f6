// parindex/query.hpp — answers computed from the store: gaps, year-over-year diff.
#pragma once

#include <parindex/criteria.hpp>
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
  std::string key;        // the score's record key (added field)
  bool corrected = false; // a correction changed the score (added field)
  // The component's maximum (its total row in the same document, else the criteria
  // catalogue) and the points lost as a percentage of it.
  std::optional<double> component_max;
  std::optional<double> share;
  std::optional<std::string> component_title;
  // The same criterion of the same unit in the nearest later year, when a later document
  // scores it: `closed` is true when it reached its maximum (or passed) there.
  std::optional<int> later_year;
  std::optional<double> later_score;
  std::optional<bool> closed;
};

struct GapOptions {
  store::ScoreFilter filter;
  std::optional<double> min_lost;
  const criteria::Catalogue* catalogue = nullptr; // component maxima and names; null: the default
};

// Gaps summed per unit, year and/or component (the keys not grouped on are null).
struct GapGroup {
  std::optional<std::string> unit;
  std::optional<int> year;
  std::optional<int> component;
  std::optional<std::string> component_title;
  int gaps = 0;
  int closed = 0;   // of them, closed in a later year
  double lost = 0;  // numeric points lost
  std::optional<double> component_max; // when grouped by unit, year and component
  std::optional<double> share;         // lost as a percentage of component_max
};

struct GapGrouping {
  bool unit = true, year = true, component = true;
};
// Parses "unit,year,component" (any subset, any order); throws UsageError.
GapGrouping parse_grouping(std::string_view keys);
// In unit, year, component order.
std::vector<GapGroup> group(const std::vector<Gap>& gaps, GapGrouping by);

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
  bool corrected = false; // a correction changed a record either side reads (added field)
};

// Scores and component-index percentages of one unit, year `from` against year `to`.
// Throws UsageError when the unit has nothing in either year.
std::vector<DiffRow> diff(const store::Store& store, const std::string& unit, int from, int to);

// Several units side by side in one year: one row per criterion, component or index result
// any of them has, `values` in the order of `units` (null where a unit has none).
struct CompareRow {
  std::string key;
  std::optional<int> component;
  std::optional<std::string> title;
  std::optional<double> max;
  std::string measure;
  std::vector<std::optional<double>> values;
};
// Throws UsageError naming a unit that has nothing in `year`.
std::vector<CompareRow> compare(const store::Store& store, const std::vector<std::string>& units, int year);

// A plan's target for `year` against the unit's results for that year: component and
// whole-index percentages and ranks (a rank target is met by that place or better).
// `status` is met, missed, or unknown when no result of that year is stored or the target is
// not one the results measure.
struct TargetCheck {
  std::string document; // the plan that set it
  std::optional<std::string> unit;
  Target target;
  std::optional<double> got;
  std::string status;
};
// Throws UsageError when the unit has no target for `year`.
std::vector<TargetCheck> check_targets(const store::Store& store, const std::string& unit, int year);

// What an officer should check (`parindex review`), most doubtful first: impossible values
// (a score above its maximum, a percent above 100, a rank above its `of`), contradictions
// (two documents giving different results for the same unit, year, index and code or
// component), tasks due before their document's date, and records read from pages whose OCR
// confidence is below `k_low_confidence`.
inline constexpr double k_low_confidence = 70;
struct ReviewItem {
  std::string kind;  // impossible | contradiction | early-due | low-confidence
  std::string document;
  std::string key;   // the record's key (what `parindex correct` takes)
  std::string type;  // score | index | task
  std::optional<std::string> unit, source;
  std::optional<int> year;
  std::string what;  // the reason, in a sentence
  Where where;
  std::string line;  // the source line the record was read from
};
// Of `unit` (all when null): by kind in the order above, then unit, year, document, line.
std::vector<ReviewItem> review(const store::Store& store, const std::optional<std::string>& unit);

} // namespace parindex::query

namespace parindex::query {

// One dated occurrence of a task or reporting duty. Recurring duties are expanded: monthly on
// their day of the month (or the 1st), quarterly on 15/3, 15/6, 15/9 and 15/12, half-yearly
// on 15/6 and 15/12, each over the plan year (or the year of `as_of`). Continuous tasks
// ("thường xuyên", "cả năm") have no dates and are not listed.
struct Deadline {
  std::string date; // YYYY-MM-DD
  std::string status; // overdue | due (relative to as_of)
  std::string document;
  int seq = 0;
  std::optional<std::string> unit, source;
  Task task;
};

struct DeadlineOptions {
  std::string as_of;                    // YYYY-MM-DD
  bool overdue = false;                 // only dates before as_of
  std::optional<int> within_days;       // only dates in [as_of, as_of + N]
  std::optional<std::string> agency;    // lead or a partner contains it (accents/case ignored)
  std::optional<std::string> unit;
};

// Sorted by date, then unit, document, task.
std::vector<Deadline> deadlines(const store::Store& store, const DeadlineOptions& options);

// RFC 5545 calendar: one all-day VEVENT per deadline, UID stable across exports.
std::string to_ics(const std::vector<Deadline>& deadlines);

// "YYYY-MM-DD" ± days; throws UsageError for a malformed date.
std::string add_days(const std::string& iso, int days);
std::string today();

} // namespace parindex::query
