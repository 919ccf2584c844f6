#include <parindex/criteria.hpp>
#include <parindex/error.hpp>
#include <parindex/query.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
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

namespace {

// What identifies "the same criterion" across a unit's documents and years: its code, else
// the component of a component total, else the folded title (the whole index).
std::string criterion_key(const Score& s) {
  if (s.code) return *s.code;
  if (s.component) return fmt::format("C{}", *s.component);
  return s.title ? "T:" + text::fold(*s.title) : std::string();
}

std::optional<double> best(const Score& s) { return s.appraised ? s.appraised : s.self; }

} // namespace

std::vector<Gap> gaps(const store::Store& store, const GapOptions& options) {
  const auto& catalogue = options.catalogue ? *options.catalogue : criteria::Catalogue::default_catalogue();
  // The scores of the units, years and components concerned, with every code and the later
  // years: for component maxima (the totals) and for what later documents say of the same
  // criterion. (A code's component is its first number.)
  store::ScoreFilter wide;
  wide.unit = options.filter.unit;
  wide.year_from = options.filter.year;
  wide.component = options.filter.component;
  if (!wide.component && options.filter.code_prefix) {
    int c = std::atoi(options.filter.code_prefix->c_str());
    if (c >= 1 && c <= 8) wide.component = c;
  }
  auto all = store.scores(wide);
  struct Later {
    int year;
    std::optional<double> score, max;
    std::optional<bool> passed;
  };
  std::map<std::pair<std::string, std::string>, std::vector<Later>> later; // (unit, key) → by year
  std::map<std::pair<std::string, int>, std::pair<std::optional<double>, std::optional<std::string>>> component_total; // (doc, component)
  for (const auto& row : all) {
    const Score& s = row.score;
    if (s.index != "PAR INDEX") continue;
    if (!s.code && s.component)
      component_total[{row.document, *s.component}] = {s.max, s.title};
    std::string key = criterion_key(s);
    if (key.empty() || !s.year || !row.unit) continue;
    later[{text::fold(*row.unit), key}].push_back({*s.year, best(s), s.max, s.passed});
  }

  auto matches = [&](const store::ScoreRow& row) {
    const auto& f = options.filter;
    const Score& s = row.score;
    if (f.year && s.year != f.year) return false;
    if (f.component && s.component != f.component) return false;
    if (f.code_prefix && !(s.code && (*s.code == *f.code_prefix || s.code->rfind(*f.code_prefix + ".", 0) == 0)))
      return false;
    return true;
  };

  std::vector<Gap> out;
  for (const auto& row : all) {
    if (!matches(row)) continue;
    const Score& s = row.score;
    Gap g;
    g.document = row.document;
    g.unit = row.unit;
    g.year = s.year;
    g.code = s.code;
    g.component = s.component;
    g.title = s.title;
    g.self = s.self;
    g.score = best(s);
    g.max = s.max;
    g.passed = s.passed;
    g.where = s.where;
    g.key = s.rev.key;
    g.corrected = s.rev.corrected;
    if (g.max && g.score && *g.score < *g.max - k_eps) g.lost = *g.max - *g.score;
    else if (!g.max && s.self && s.appraised && *s.appraised < *s.self - k_eps)
      g.lost = *s.self - *s.appraised;
    else if (!(s.passed && !*s.passed)) continue;
    if (g.lost) g.lost = std::round(*g.lost * 1000) / 1000;
    if (options.min_lost && (!g.lost || *g.lost < *options.min_lost - k_eps)) continue;

    if (g.component) {
      auto applicable = catalogue.match(row.province, row.unit_level, s.year);
      if (auto it = component_total.find({row.document, *g.component}); it != component_total.end()) {
        g.component_max = it->second.first;
        g.component_title = it->second.second;
      }
      if (!g.component_max)
        for (const auto* f : applicable)
          if (const auto* c = f->find(std::to_string(*g.component)); c && c->max) {
            g.component_max = c->max;
            break;
          }
      std::string name = catalogue.component_name(*g.component, applicable);
      if (!name.empty()) g.component_title = name; // the standard name groups documents alike
      if (g.lost && g.component_max && *g.component_max > k_eps)
        g.share = std::round(*g.lost / *g.component_max * 10000) / 100;
    }
    if (g.unit && g.year) {
      auto it = later.find({text::fold(*g.unit), criterion_key(s)});
      if (it != later.end()) {
        const Later* next = nullptr;
        for (const auto& l : it->second)
          if (l.year > *g.year && (!next || l.year < next->year || (l.year == next->year))) next = &l;
        // The nearest later year; of its documents, the last stored (rows come in year, doc order).
        if (next) {
          g.later_year = next->year;
          g.later_score = next->score;
          std::optional<double> max = next->max ? next->max : g.max;
          if (next->passed) g.closed = *next->passed;
          else if (next->score && max) g.closed = *next->score >= *max - k_eps;
          // Without a maximum "closed" cannot be told: it stays null.
        }
      }
    }
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

GapGrouping parse_grouping(std::string_view keys) {
  GapGrouping by{false, false, false};
  std::size_t start = 0;
  while (start <= keys.size()) {
    std::size_t comma = keys.find(',', start);
    std::string_view k = keys.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (k == "unit") by.unit = true;
    else if (k == "year") by.year = true;
    else if (k == "component") by.component = true;
    else throw UsageError(fmt::format("cannot group by '{}' (unit, year, component)", k));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return by;
}

std::vector<GapGroup> group(const std::vector<Gap>& gaps, GapGrouping by) {
  using Key = std::tuple<std::string, int, int>;
  struct Acc {
    GapGroup g;
    // Per document: the component total's points lost when the document states one (it
    // already contains its criteria), else the sum of its criteria.
    std::map<std::string, std::pair<std::optional<double>, double>> by_doc;
  };
  std::map<Key, Acc> groups;
  for (const auto& g : gaps) {
    if (!g.code && !g.component) continue; // the whole index is the sum of every group
    Key k{by.unit && g.unit ? text::fold(*g.unit) : "", by.year ? g.year.value_or(0) : 0,
          by.component ? g.component.value_or(99) : 0};
    auto [it, fresh] = groups.try_emplace(k);
    GapGroup& x = it->second.g;
    if (fresh) {
      if (by.unit) x.unit = g.unit;
      if (by.year) x.year = g.year;
      if (by.component) {
        x.component = g.component;
        x.component_title = g.component_title;
      }
    }
    auto& doc = it->second.by_doc[g.document + "/" + std::to_string(g.component.value_or(0))];
    if (g.code) {
      ++x.gaps;
      if (g.closed && *g.closed) ++x.closed;
      if (g.lost) doc.second += *g.lost;
    } else if (g.lost) {
      doc.first = g.lost;
    }
    // Component maxima are per document; documents of one unit and year agree, and a partial
    // one may omit it, so the group takes the largest stated.
    if (by.unit && by.year && by.component && g.component_max)
      x.component_max = std::max(x.component_max.value_or(0), *g.component_max);
  }
  std::vector<GapGroup> out;
  for (auto& [k, acc] : groups) {
    GapGroup& x = acc.g;
    for (const auto& [doc, lost] : acc.by_doc) x.lost += lost.first ? *lost.first : lost.second;
    x.lost = std::round(x.lost * 1000) / 1000;
    if (x.component_max && *x.component_max > k_eps) x.share = std::round(x.lost / *x.component_max * 10000) / 100;
    out.push_back(std::move(x));
  }
  return out;
}

namespace {

// One unit's results in one year, keyed by (measure, key): criterion scores in points,
// pass/fail as 1/0, component and whole-index percentages and ranks. A later document of
// the same year overrides an earlier one (rows come ordered by year and document).
struct Cell {
  std::optional<int> component;
  std::optional<std::string> title;
  std::optional<double> value, max;
  bool corrected = false; // the value is a corrected record's
};
using CellKey = std::pair<std::string, std::string>; // (measure, key)
struct Results {
  std::map<CellKey, Cell> cells;
  std::vector<CellKey> order; // first seen
};

// The key of an index result: "C3" for a PAR INDEX component, "PAR INDEX" or "SIPAS" for
// the whole, and the other indices' own names ("DTI", "PAPI C2"), so that a document mixing
// indices does not put one index's total in another's row.
std::string index_key(const std::string& index, std::optional<int> component) {
  if (index == "SIPAS") return component ? fmt::format("SIPAS C{}", *component) : index;
  if (index.empty() || index == "PAR INDEX") return component ? fmt::format("C{}", *component) : "PAR INDEX";
  return component ? fmt::format("{} C{}", index, *component) : index;
}

// A unit's rows are its documents' rows and the rows other documents give for it (a row's
// own unit, else its document's): the store filters on that.
std::map<int, Results> results_by_year(const store::Store& store, const std::string& unit,
                                       const std::vector<int>& years) {
  std::map<int, Results> out;
  for (int y : years) out[y];
  auto put = [&](int year, const std::string& measure, const std::string& key,
                 std::optional<int> component, const std::optional<std::string>& title,
                 std::optional<double> value, std::optional<double> max, bool corrected) {
    auto yit = out.find(year);
    if (!value || yit == out.end()) return;
    Results& r = yit->second;
    CellKey k{measure, key};
    auto [it, fresh] = r.cells.try_emplace(k, Cell{component, title, {}, max});
    if (fresh) r.order.push_back(k);
    it->second.value = value;
    it->second.corrected = corrected;
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
      put(*s.year, "score", key, s.component, s.title, s.appraised ? s.appraised : s.self, s.max,
          s.rev.corrected);
    else if (s.passed) // "Đạt" / "Không đạt": 1 / 0
      put(*s.year, "passed", key, s.component, s.title, *s.passed ? 1.0 : 0.0, 1.0, s.rev.corrected);
  }
  for (const auto& ref : store.indices(unit)) {
    const IndexRow& r = ref.row;
    if (!r.year) continue;
    std::string key = index_key(r.index, r.component);
    put(*r.year, "percent", key, r.component, r.name, r.percent, std::nullopt, r.rev.corrected);
    if (r.rank)
      put(*r.year, "rank", key, r.component, r.name, static_cast<double>(*r.rank), std::nullopt,
          r.rev.corrected);
  }
  return out;
}

int measure_rank(const std::string& m) { return m == "percent" ? 0 : m == "rank" ? 1 : 2; } // scores and pass/fail together

template <class Row> void sort_rows(std::vector<Row>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    auto ka = std::make_tuple(measure_rank(a.measure), a.component.value_or(99), code_parts(a.key), a.key);
    auto kb = std::make_tuple(measure_rank(b.measure), b.component.value_or(99), code_parts(b.key), b.key);
    return ka < kb;
  });
}

} // namespace

std::vector<DiffRow> diff(const store::Store& store, const std::string& unit, int from, int to) {
  auto years = results_by_year(store, unit, {from, to});
  const Results& a = years[from];
  const Results& b = years[to];
  if (a.cells.empty() && b.cells.empty())
    throw UsageError(fmt::format("no scores or index results for unit '{}' in {} or {}", unit, from, to));
  std::vector<CellKey> order = a.order;
  for (const auto& k : b.order)
    if (!a.cells.count(k)) order.push_back(k);
  std::vector<DiffRow> out;
  for (const auto& k : order) {
    auto ia = a.cells.find(k), ib = b.cells.find(k);
    const Cell* ca = ia == a.cells.end() ? nullptr : &ia->second;
    const Cell* cb = ib == b.cells.end() ? nullptr : &ib->second;
    const Cell& any = ca ? *ca : *cb;
    DiffRow r;
    r.key = k.second;
    r.measure = k.first;
    r.component = any.component;
    r.title = ca && ca->title ? ca->title : any.title;
    if (ca) r.from = ca->value;
    if (cb) r.to = cb->value;
    r.corrected = (ca && ca->corrected) || (cb && cb->corrected);
    r.max = cb && cb->max ? cb->max : (ca ? ca->max : std::nullopt);
    if (r.from && r.to) {
      r.delta = std::round((*r.to - *r.from) * 1000) / 1000;
      double better = r.measure == "rank" ? -*r.delta : *r.delta;
      r.status = better > k_eps ? "improved" : better < -k_eps ? "regressed" : "unchanged";
    } else {
      r.status = r.to ? "new" : "dropped";
    }
    out.push_back(std::move(r));
  }
  sort_rows(out);
  return out;
}

std::vector<CompareRow> compare(const store::Store& store, const std::vector<std::string>& units, int year) {
  std::vector<Results> per_unit;
  for (const auto& u : units) {
    auto r = results_by_year(store, u, {year});
    if (r[year].cells.empty())
      throw UsageError(fmt::format("no scores or index results for unit '{}' in {}", u, year));
    per_unit.push_back(std::move(r[year]));
  }
  std::vector<CellKey> order;
  std::set<CellKey> seen;
  for (const auto& r : per_unit)
    for (const auto& k : r.order)
      if (seen.insert(k).second) order.push_back(k);
  std::vector<CompareRow> out;
  for (const auto& k : order) {
    CompareRow row;
    row.key = k.second;
    row.measure = k.first;
    for (const auto& r : per_unit) {
      auto it = r.cells.find(k);
      if (it == r.cells.end()) {
        row.values.emplace_back();
        continue;
      }
      row.values.push_back(it->second.value);
      if (!row.component) row.component = it->second.component;
      if (!row.title) row.title = it->second.title;
      if (!row.max) row.max = it->second.max;
    }
    out.push_back(std::move(row));
  }
  sort_rows(out);
  return out;
}

namespace {

// Which stored result a target speaks of: the component's index row, the whole index, SIPAS.
std::optional<std::string> target_key(const Target& t) {
  if (!t.index.empty() && t.index != "PAR INDEX") return index_key(t.index, t.component);
  if (t.component) return fmt::format("C{}", *t.component);
  std::string f = text::fold(t.indicator);
  if (f.find("hai long") != std::string::npos || f.find("sipas") != std::string::npos) return "SIPAS";
  for (std::string_view k : {"cchc", "cai cach hanh chinh", "tong cong", "par index", "tong so"})
    if (f.find(k) != std::string::npos) return "PAR INDEX";
  return std::nullopt;
}

bool meets(const std::string& op, double got, double want, bool rank) {
  if (rank) { // a rank target is a place to reach: 3 is met by 1, 2 or 3
    if (op == "<" || op == ">") return got < want - k_eps;
    return got <= want + k_eps;
  }
  if (op == ">=") return got >= want - k_eps;
  if (op == ">") return got > want + k_eps;
  if (op == "<=") return got <= want + k_eps;
  if (op == "<") return got < want - k_eps;
  return std::abs(got - want) <= k_eps || (op == "=" && want >= 100 - k_eps && got >= want - k_eps);
}

} // namespace

std::vector<TargetCheck> check_targets(const store::Store& store, const std::string& unit, int year) {
  auto targets = store.targets(unit, year);
  if (targets.empty())
    throw UsageError(fmt::format("no targets for unit '{}' in {} (plans set them with \"phấn đấu … đạt …\")", unit, year));
  auto years = results_by_year(store, unit, {year});
  const Results& res = years[year];
  std::vector<TargetCheck> out;
  for (const auto& row : targets) {
    TargetCheck c;
    c.document = row.document;
    c.unit = row.unit;
    c.target = row.target;
    c.status = "unknown";
    auto key = target_key(row.target);
    bool rank = row.target.unit == "rank";
    if (key && (rank || row.target.unit == "%")) {
      auto it = res.cells.find({rank ? "rank" : "percent", *key});
      if (it != res.cells.end() && it->second.value) {
        c.got = it->second.value;
        c.status = meets(row.target.op, *c.got, row.target.value, rank) ? "met" : "missed";
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

} // namespace parindex::query
