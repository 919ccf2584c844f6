// What both stores share: records as stored, corrections planned and applied, search words.
#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include "records/corrections.hpp"
#include "records/json.hpp"
#include "store/store_backend.hpp"

#include <fmt/core.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>

namespace parindex::store::detail {

namespace {

// Now in ISO 8601 UTC; SOURCE_DATE_EPOCH (reproducible runs, golden tests) when set.
std::string now_iso() {
  std::time_t t = std::time(nullptr);
  if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env && *env) t = std::strtoll(env, nullptr, 10);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string current_user() {
  const char* u = std::getenv("USER");
  return u && *u ? u : "unknown";
}

} // namespace

std::string recurring_in_window(const std::optional<std::string>& from, const std::optional<std::string>& to) {
  using namespace std::chrono;
  auto parse = [](const std::string& iso) -> std::optional<sys_days> {
    int y = 0;
    unsigned m = 0, d = 0;
    if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3) return std::nullopt;
    year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
  };
  if (!from || !to) return {};
  auto lo = parse(*from), hi = parse(*to);
  if (!lo || !hi || *hi < *lo || *hi - *lo > days{62}) return {};
  std::set<unsigned> month_days;
  std::optional<unsigned> first_month_end; // the smallest last day of a month the range holds
  bool quarterly = false, half_yearly = false;
  for (sys_days d = *lo; d <= *hi; d += days{1}) {
    year_month_day ymd{d};
    unsigned dd = static_cast<unsigned>(ymd.day()), mm = static_cast<unsigned>(ymd.month());
    month_days.insert(dd);
    if (year_month_day{d + days{1}}.day() == day{1})
      first_month_end = std::min(first_month_end.value_or(dd), dd);
    if (dd == 15 && mm % 3 == 0) quarterly = true;
    if (dd == 15 && mm % 6 == 0) half_yearly = true;
  }
  std::string days_list;
  for (unsigned d : month_days) days_list += fmt::format("{}{}", days_list.empty() ? "" : ",", d);
  std::string monthly = fmt::format("coalesce(t.day_of_month, 1) IN ({})", days_list);
  // A day past the month's end (or not a day) falls on its last day.
  if (first_month_end)
    monthly = fmt::format("({} OR coalesce(t.day_of_month, 1) >= {} OR coalesce(t.day_of_month, 1) < 1)", monthly,
                          *first_month_end);
  std::string out = fmt::format("(t.recurrence = 'monthly' AND {})", monthly);
  if (quarterly) out += " OR t.recurrence = 'quarterly'";
  if (half_yearly) out += " OR t.recurrence = 'half-yearly'";
  return "(" + out + ")";
}

std::string unit_key(const std::optional<std::string>& unit) {
  return unit ? text::fold(*unit) : std::string();
}

std::optional<std::string> row_unit(const std::optional<std::string>& unit) {
  return unit && !unit->empty() ? unit : std::nullopt;
}

std::string row_key(const std::optional<std::string>& unit, const std::string& document_key) {
  return row_unit(unit) ? unit_key(unit) : document_key;
}

std::optional<std::string> revision_text(const Revision& r) {
  if (!r.corrected) return std::nullopt;
  records::Json original = records::Json::object();
  for (const auto& [field, value] : r.original) original[field] = records::Json::parse(value);
  return records::Json{{"added", r.added}, {"original", original}}.dump();
}

void read_revision(Revision& r, const std::optional<std::string>& key,
                   const std::optional<std::string>& revision) {
  r.key = key.value_or("");
  if (!revision) return;
  auto j = records::Json::parse(*revision);
  r.corrected = true;
  r.added = j.value("added", false);
  if (auto it = j.find("original"); it != j.end() && it->is_object())
    for (auto f = it->begin(); f != it->end(); ++f) r.original[f.key()] = f.value().dump();
}

Document effective(const Document& keyed, const std::vector<Correction>& list,
                   std::set<long long>* orphaned) {
  if (list.empty()) return keyed;
  records::Json j = records::to_json(keyed);
  auto missing = records::apply(j, list);
  if (orphaned) orphaned->insert(missing.begin(), missing.end());
  return records::document_from_json(j);
}

Document extracted_from(const std::string& record) {
  Document d = records::document_from_json(records::Json::parse(record));
  assign_keys(d);
  return d;
}

std::vector<Correction> plan_corrections(Backend& b, const std::string& db_name, const CorrectionRequest& r,
                                         std::string& doc_id) {
  const std::string time = r.time.empty() ? now_iso() : r.time;
  const std::string user = r.user.empty() ? current_user() : r.user;
  std::vector<Correction> made;
  if (r.action == "add") {
    auto doc = b.document(r.target);
    if (!doc) throw UsageError(fmt::format("{}: no such document in {}", text::visible(r.target), db_name));
    doc_id = doc->id;
    std::string type = records::record_type(r.type);
    if (r.values.empty()) throw UsageError("--add needs the record's fields as FIELD=VALUE");
    records::Json fields = records::Json::object();
    for (const auto& [f, v] : r.values) fields[f] = records::parse_field(type, f, v);
    records::require_identity(type, fields);
    records::Json all = records::to_json(*doc);
    records::TakenKeys taken;
    for (const char* array : {"scores", "indices", "targets", "tasks", "references"})
      for (const auto& rec : all[array]) taken.insert(rec.value("key", ""));
    for (const auto& c : b.corrections_of(doc_id)) taken.insert(c.key);
    Correction c;
    c.key = records::added_key(doc_id, type, records::new_record(type, fields), taken);
    c.doc_id = doc_id;
    c.action = "add";
    c.type = type;
    c.new_value = fields.dump();
    made.push_back(c);
  } else {
    auto found = b.find_key(r.target);
    if (!found) {
      if (b.has_correction_key(r.target))
        throw UsageError(fmt::format("record {} is dropped or gone after a rebuild (see 'parindex corrections')",
                                     text::visible(r.target)));
      throw UsageError(fmt::format("no record with key '{}' (keys are in 'parindex show DOC' and 'parindex export')",
                                   text::visible(r.target)));
    }
    doc_id = found->first;
    const std::string& type = found->second;
    auto doc = b.document(doc_id);
    records::Json all = records::to_json(*doc);
    records::Json rec;
    for (const auto& x : all[records::array_of(type)])
      if (x.value("key", "") == r.target) rec = x;
    if (r.action == "drop") {
      if (!r.values.empty()) throw UsageError("--drop takes no FIELD=VALUE");
      Correction c;
      c.key = r.target;
      c.doc_id = doc_id;
      c.action = "drop";
      c.type = type;
      c.old_value = rec.dump();
      made.push_back(c);
    } else if (r.action == "set") {
      if (r.values.empty()) throw UsageError("--set needs FIELD=VALUE");
      for (const auto& [f, v] : r.values) {
        records::Json value = records::parse_field(type, f, v);
        Correction c;
        c.key = r.target;
        c.doc_id = doc_id;
        c.action = "set";
        c.type = type;
        c.field = f;
        c.old_value = rec.contains(f) ? rec[f].dump() : std::string("null");
        c.new_value = value.dump();
        rec[f] = value;
        made.push_back(c);
      }
    } else {
      throw UsageError(fmt::format("unknown correction '{}' (set, drop or add)", text::visible(r.action)));
    }
  }
  for (auto& c : made) {
    c.note = r.note;
    c.time = time;
    c.user = user;
  }
  return made;
}

std::vector<Correction> mark_orphaned(Backend& b, std::vector<Correction> list) {
  std::map<std::string, std::vector<Correction>> by_doc;
  for (const auto& c : list) by_doc[c.doc_id].push_back(c);
  std::set<long long> orphaned;
  for (const auto& [doc_id, cs] : by_doc) {
    auto doc = b.extracted(doc_id);
    if (!doc) {
      for (const auto& c : cs) orphaned.insert(c.id);
      continue;
    }
    effective(*doc, cs, &orphaned);
  }
  for (auto& c : list) c.orphaned = orphaned.count(c.id) > 0;
  return list;
}

std::vector<std::string> query_words(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text::fold(query) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) word.push_back(c);
    else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (words.empty()) throw UsageError("search: the query has no words");
  return words;
}

} // namespace parindex::store::detail
