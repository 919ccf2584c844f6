#include <parindex/error.hpp>
#include <parindex/query.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace parindex::query {

namespace {

constexpr double k_eps = 1e-9;

// Criterion codes compare part by part: 1.10 after 1.9.
std::vector<int> code_parts(const std::optional<std::string>& code) {
  std::vector<int> parts;
  if (!code) return parts;
  int v = 0;
  bool any = false;
  for (char c : *code) {
    if (c >= '0' && c <= '9') { v = v * 10 + (c - '0'); any = true; }
    else if (c == '.') { parts.push_back(v); v = 0; any = false; }
  }
  if (any) parts.push_back(v);
  return parts;
}

} // namespace

std::vector<Gap> gaps(const store::Store& store, const GapOptions& options) {
  std::vector<Gap> out;
  for (const auto& row : store.scores(options.filter)) {
    const Score& s = row.score;
    Gap g;
    g.document = row.document;
    g.unit = row.unit;
    g.year = s.year;
    g.code = s.code;
    g.component = s.component;
    g.title = s.title;
    g.self = s.self;
    g.score = s.appraised ? s.appraised : s.self;
    g.max = s.max;
    g.passed = s.passed;
    g.where = s.where;
    if (g.max && g.score && *g.score < *g.max - k_eps) g.lost = *g.max - *g.score;
    else if (!g.max && s.self && s.appraised && *s.appraised < *s.self - k_eps)
      g.lost = *s.self - *s.appraised;
    else if (!(s.passed && !*s.passed)) continue;
    if (g.lost) g.lost = std::round(*g.lost * 1000) / 1000;
    if (options.min_lost && (!g.lost || *g.lost < *options.min_lost - k_eps)) continue;
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [](const Gap& a, const Gap& b) {
    double la = a.lost.value_or(-1), lb = b.lost.value_or(-1);
    if (la != lb) return la > lb;
    auto ka = std::make_tuple(a.unit ? text::fold(*a.unit) : "", a.year.value_or(0), code_parts(a.code), a.document);
    auto kb = std::make_tuple(b.unit ? text::fold(*b.unit) : "", b.year.value_or(0), code_parts(b.code), b.document);
    return ka < kb;
  });
  return out;
}

std::vector<DiffRow> diff(const store::Store& store, const std::string& unit, int from, int to) {
  struct Cell {
    std::optional<int> component;
    std::optional<std::string> title;
    std::optional<double> from, to, max;
    std::string measure;
  };
  // key → cell; a later document of the same year overrides an earlier one (rows come
  // ordered by year and document).
  std::map<std::pair<std::string, std::string>, Cell> cells;
  std::vector<std::pair<std::string, std::string>> order;
  auto put = [&](const std::string& key, const std::string& measure, int year,
                 std::optional<int> component, std::optional<std::string> title,
                 std::optional<double> value, std::optional<double> max) {
    if (!value || (year != from && year != to)) return;
    auto k = std::make_pair(measure, key);
    auto it = cells.find(k);
    if (it == cells.end()) {
      it = cells.emplace(k, Cell{component, title, {}, {}, max, measure}).first;
      order.push_back(k);
    }
    (year == from ? it->second.from : it->second.to) = value;
    if (max) it->second.max = max;
    if (title && !it->second.title) it->second.title = title;
  };
  store::ScoreFilter f;
  f.unit = unit;
  for (const auto& row : store.scores(f)) {
    const Score& s = row.score;
    if (!s.year) continue;
    std::string key;
    if (s.code) key = *s.code;
    else if (s.component) key = fmt::format("C{}", *s.component);
    else if (s.title) key = *s.title;
    else continue;
    if (s.appraised || s.self)
      put(key, "score", *s.year, s.component, s.title, s.appraised ? s.appraised : s.self, s.max);
    else if (s.passed) // "Đạt" / "Không đạt": 1 / 0
      put(key, "passed", *s.year, s.component, s.title, *s.passed ? 1.0 : 0.0, 1.0);
  }
  for (const auto& ref : store.indices(unit)) {
    const IndexRow& r = ref.row;
    if (!r.year) continue;
    std::string key = r.component ? fmt::format("C{}", *r.component)
                                  : (r.index == "SIPAS" ? std::string("SIPAS") : std::string("PAR INDEX"));
    put(key, "percent", *r.year, r.component, r.name, r.percent, std::nullopt);
    if (r.rank) put(key, "rank", *r.year, r.component, r.name, static_cast<double>(*r.rank), std::nullopt);
  }
  if (cells.empty())
    throw UsageError(fmt::format("no scores or index results for unit '{}' in {} or {}", unit, from, to));
  std::vector<DiffRow> out;
  for (const auto& k : order) {
    const Cell& c = cells.at(k);
    DiffRow r;
    r.key = k.second;
    r.component = c.component;
    r.title = c.title;
    r.from = c.from;
    r.to = c.to;
    r.max = c.max;
    r.measure = c.measure;
    if (c.from && c.to) {
      r.delta = std::round((*c.to - *c.from) * 1000) / 1000;
      double better = c.measure == "rank" ? -*r.delta : *r.delta;
      r.status = better > k_eps ? "improved" : better < -k_eps ? "regressed" : "unchanged";
    } else {
      r.status = c.to ? "new" : "dropped";
    }
    out.push_back(std::move(r));
  }
  auto rank_of = [](const std::string& m) { return m == "percent" ? 0 : m == "rank" ? 1 : 2; }; // scores and pass/fail together
  std::stable_sort(out.begin(), out.end(), [&](const DiffRow& a, const DiffRow& b) {
    auto ka = std::make_tuple(rank_of(a.measure), a.component.value_or(99), code_parts(a.key), a.key);
    auto kb = std::make_tuple(rank_of(b.measure), b.component.value_or(99), code_parts(b.key), b.key);
    return ka < kb;
  });
  return out;
}

} // namespace parindex::query
