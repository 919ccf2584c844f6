// `parindex review`: the records an officer should check, most doubtful first.
#include <parindex/query.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace parindex::query {

namespace {

constexpr double k_eps = 1e-9;

// As documents write numbers: "1,5".
std::string num(double v) { return text::human_number(v); }

int kind_rank(const std::string& kind) {
  if (kind == "impossible") return 0;
  if (kind == "contradiction") return 1;
  if (kind == "early-due") return 2;
  if (kind == "low-confidence") return 3;
  return 4; // restored
}

// The stored pages of the documents the items point into, read once each.
class Sources {
public:
  explicit Sources(const store::Store& store) : m_store(store) {}
  const std::vector<PageText>& pages(const std::string& doc) {
    auto it = m_pages.find(doc);
    if (it == m_pages.end()) it = m_pages.emplace(doc, m_store.text(doc)).first;
    return it->second;
  }
  std::string line(const std::string& doc, const Where& w) {
    for (const auto& p : pages(doc)) {
      if (p.page != w.page) continue;
      std::size_t start = 0;
      for (int n = 1; start <= p.text.size(); ++n) {
        std::size_t nl = p.text.find('\n', start);
        if (n == w.line) return p.text.substr(start, nl == std::string::npos ? nl : nl - start);
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    }
    return {};
  }
  std::optional<double> confidence(const std::string& doc, int page) {
    for (const auto& p : pages(doc))
      if (p.page == page) return p.confidence;
    return std::nullopt;
  }

private:
  const store::Store& m_store;
  std::map<std::string, std::vector<PageText>> m_pages;
};

std::optional<double> best(const Score& s) { return s.appraised ? s.appraised : s.self; }

bool checked(const Revision& rev) { return rev.corrected || rev.added; }

} // namespace

std::vector<ReviewItem> review(const store::Store& store, const std::optional<std::string>& unit) {
  std::map<std::string, store::DocumentSummary> docs;
  for (auto& d : store.summaries()) docs.emplace(d.id, d);
  Sources sources(store);
  std::vector<ReviewItem> out;
  auto add = [&](const std::string& kind, const std::string& doc, const Revision& rev, const char* type,
                 const std::optional<std::string>& row_unit, std::optional<int> year, std::string what,
                 const Where& where) {
    ReviewItem r;
    r.kind = kind;
    r.document = doc;
    r.key = rev.key;
    r.type = type;
    r.unit = row_unit;
    r.year = year;
    r.what = std::move(what);
    r.where = where;
    if (auto it = docs.find(doc); it != docs.end()) r.source = it->second.source;
    if (where.line > 0) r.line = sources.line(doc, where);
    out.push_back(std::move(r));
  };

  store::ScoreFilter filter;
  filter.unit = unit;
  auto scores = store.scores(filter);
  auto indices = store.indices(unit);
  store::TaskFilter task_filter;
  task_filter.unit = unit;
  auto tasks = store.tasks(task_filter);

  // Impossible values.
  for (const auto& row : scores) {
    const Score& s = row.score;
    for (auto [name, v] : {std::pair{"self", s.self}, std::pair{"appraised", s.appraised}}) {
      if (!v) continue;
      if (s.max && *v > *s.max + k_eps)
        add("impossible", row.document, s.rev, "score", row.unit, s.year,
            fmt::format("{} {} {} is above its maximum {}", s.code.value_or(s.title.value_or("score")), name,
                        num(*v), num(*s.max)),
            s.where);
      else if (*v < -k_eps)
        add("impossible", row.document, s.rev, "score", row.unit, s.year,
            fmt::format("{} {} {} is below zero", s.code.value_or(s.title.value_or("score")), name, num(*v)),
            s.where);
    }
  }
  for (const auto& ref : indices) {
    const IndexRow& r = ref.row;
    if (r.percent && (*r.percent > 100 + k_eps || *r.percent < -k_eps))
      add("impossible", ref.document, r.rev, "index", ref.unit, r.year,
          fmt::format("{} {}% is not a percentage", r.name, num(*r.percent)), r.where);
    if (r.rank && r.of && *r.rank > *r.of)
      add("impossible", ref.document, r.rev, "index", ref.unit, r.year,
          fmt::format("{} rank {} is above the {} units ranked", r.name, *r.rank, *r.of), r.where);
  }

  // Contradictions: two documents, one unit, year, index and code (or component result),
  // two values.
  {
    using Group = std::tuple<std::string, int, std::string, std::string>; // unit, year, index, what
    struct Seen {
      std::string document;
      double value;
      const Revision* rev;
      Where where;
      std::optional<std::string> unit;
    };
    std::map<Group, std::vector<Seen>> groups;
    for (const auto& row : scores) {
      const Score& s = row.score;
      if (!s.year || !s.code || !best(s)) continue;
      groups[{text::fold(row.unit.value_or("")), *s.year, s.index, "score " + *s.code}].push_back(
        {row.document, *best(s), &s.rev, s.where, row.unit});
    }
    for (const auto& ref : indices) {
      const IndexRow& r = ref.row;
      if (!r.year) continue;
      std::string what = r.component ? fmt::format("component {}", *r.component) : "total";
      if (r.percent)
        groups[{text::fold(ref.unit.value_or("")), *r.year, r.index, what + " percent"}].push_back(
          {ref.document, *r.percent, &r.rev, r.where, ref.unit});
      if (r.rank)
        groups[{text::fold(ref.unit.value_or("")), *r.year, r.index, what + " rank"}].push_back(
          {ref.document, static_cast<double>(*r.rank), &r.rev, r.where, ref.unit});
    }
    for (const auto& [group, seen] : groups) {
      for (const auto& a : seen) {
        std::vector<std::string> others;
        for (const auto& b : seen) {
          if (b.document == a.document || std::fabs(a.value - b.value) < k_eps) continue;
          auto it = docs.find(b.document);
          std::string where = it != docs.end() ? it->second.source : b.document.substr(0, 12);
          others.push_back(fmt::format("{} in {}", num(b.value), where));
        }
        if (others.empty()) continue;
        std::string list;
        for (const auto& o : others) list += (list.empty() ? "" : ", ") + o;
        const auto& [u, year, index, what] = group;
        (void)u;
        add("contradiction", a.document, *a.rev, what.rfind("score", 0) == 0 ? "score" : "index", a.unit, year,
            fmt::format("{} ({}): {} here, {}", what, index, num(a.value), list), a.where);
      }
    }
  }

  // Tasks due before their document was issued.
  for (const auto& t : tasks) {
    auto it = docs.find(t.document);
    if (!t.task.due || it == docs.end() || !it->second.issued_on) continue;
    if (*t.task.due < *it->second.issued_on)
      add("early-due", t.document, t.task.rev, "task", t.unit, t.plan_year,
          fmt::format("due {} before the document's date {}", *t.task.due, *it->second.issued_on), t.task.where);
  }

  // Records read from pages the OCR was unsure of, or from text whose marks the model
  // restored (names, titles and agencies may read as the model guessed; a score's digits are
  // never restored, its criterion's title is). A record an officer corrected or added has
  // been checked.
  auto doubtful = [&](const std::string& doc, const Revision& rev, const char* type,
                      const std::optional<std::string>& row_unit, std::optional<int> year, const Where& w) {
    if (checked(rev)) return;
    if (auto c = sources.confidence(doc, w.page); c && *c < k_low_confidence)
      add("low-confidence", doc, rev, type, row_unit, year,
          fmt::format("read from page {} (OCR confidence {})", w.page, num(*c)), w);
    if (auto it = docs.find(doc); it != docs.end() && it->second.restored)
      add("restored", doc, rev, type, row_unit, year,
          fmt::format("read from text whose marks parindex restored ({} syllables)", it->second.restored_syllables), w);
  };
  for (const auto& row : scores) doubtful(row.document, row.score.rev, "score", row.unit, row.score.year, row.score.where);
  for (const auto& ref : indices) doubtful(ref.document, ref.row.rev, "index", ref.unit, ref.row.year, ref.row.where);
  for (const auto& t : tasks) doubtful(t.document, t.task.rev, "task", t.unit, t.plan_year, t.task.where);

  std::stable_sort(out.begin(), out.end(), [](const ReviewItem& a, const ReviewItem& b) {
    return std::make_tuple(kind_rank(a.kind), text::fold(a.unit.value_or("")), a.year.value_or(0), a.document,
                           a.where.page, a.where.line, a.key) <
           std::make_tuple(kind_rank(b.kind), text::fold(b.unit.value_or("")), b.year.value_or(0), b.document,
                           b.where.page, b.where.line, b.key);
  });
  return out;
}

} // namespace parindex::query
