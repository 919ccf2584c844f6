// Corrections applied to a document's records (in their JSON shape, so that one field table
// serves every record type).
#include "corrections.hpp"

#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>

namespace parindex::records {

namespace {

struct FieldSpec {
  enum Kind { text, integer, number, boolean, date, list, choice };
  FieldSpec(const char* n, Kind k, bool r = false, std::vector<std::string> c = {})
    : name(n), kind(k), required(r), choices(std::move(c)) {}
  const char* name;
  Kind kind;
  bool required;                     // may not be null
  std::vector<std::string> choices;  // kind choice
};

const std::vector<FieldSpec>& specs(const std::string& type) {
  using K = FieldSpec::Kind;
  static const std::vector<FieldSpec> score = {
    {"code", K::text}, {"component", K::integer}, {"title", K::text}, {"year", K::integer},
    {"self", K::number}, {"appraised", K::number}, {"max", K::number}, {"passed", K::boolean},
    {"note", K::text}, {"index", K::text, true}, {"unit", K::text}, {"unit_level", K::text}};
  static const std::vector<FieldSpec> index = {
    {"component", K::integer}, {"name", K::text, true}, {"year", K::integer},
    {"percent", K::number}, {"rank", K::integer}, {"of", K::integer}, {"index", K::text, true},
    {"unit", K::text}, {"unit_level", K::text}};
  static const std::vector<FieldSpec> target = {
    {"indicator", K::text, true}, {"component", K::integer}, {"year", K::integer},
    {"op", K::choice, true, {">=", ">", "=", "<=", "<"}}, {"value", K::number, true},
    {"unit", K::text, true}, {"lead", K::text}, {"index", K::text, true}};
  static const std::vector<FieldSpec> task = {
    {"text", K::text, true}, {"lead", K::text}, {"partners", K::list}, {"codes", K::list},
    {"due", K::date}, {"start", K::date},
    {"recurrence", K::choice, false, {"continuous", "monthly", "quarterly", "half-yearly", "yearly"}},
    {"day_of_month", K::integer}};
  static const std::vector<FieldSpec> reference = {
    {"kind", K::text, true}, {"number", K::text}, {"date", K::date}, {"issuer", K::text}};
  if (type == "score") return score;
  if (type == "index") return index;
  if (type == "target") return target;
  if (type == "task") return task;
  return reference;
}

std::string field_names(const std::string& type) {
  std::string out;
  for (const auto& s : specs(type)) out += (out.empty() ? "" : ", ") + std::string(s.name);
  return out;
}

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!is_digits(s.substr(0, 4)) || !is_digits(s.substr(5, 2)) || !is_digits(s.substr(8, 2))) return false;
  int y = std::atoi(s.substr(0, 4).c_str()), m = std::atoi(s.substr(5, 2).c_str()),
      d = std::atoi(s.substr(8, 2).c_str());
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

} // namespace

bool has_field(const std::string& type, const std::string& name) {
  for (const auto& s : specs(type))
    if (name == s.name) return true;
  return false;
}

std::string record_type(const std::string& name) {
  std::string n = text::fold(name);
  if (n == "score" || n == "scores") return "score";
  if (n == "index" || n == "indices") return "index";
  if (n == "target" || n == "targets") return "target";
  if (n == "task" || n == "tasks") return "task";
  if (n == "reference" || n == "references" || n == "ref") return "reference";
  throw UsageError(fmt::format("unknown record type '{}' (score, index, target, task or reference)",
                               text::visible(name)));
}

Json parse_field(const std::string& type, const std::string& name, const std::string& value_in) {
  const FieldSpec* spec = nullptr;
  for (const auto& s : specs(type))
    if (name == s.name) spec = &s;
  if (!spec)
    throw UsageError(fmt::format("a {} has no field '{}' (fields: {})", type, text::visible(name),
                                 field_names(type)));
  std::string value = trim(text::to_nfc(value_in));
  auto bad = [&](const char* expected) {
    return UsageError(fmt::format("{}={}: expected {}", name, text::visible(value_in), expected));
  };
  if (value.empty() || value == "null") {
    if (spec->required) throw bad("a value (this field cannot be null)");
    if (spec->kind == FieldSpec::list) return Json::array();
    return nullptr;
  }
  switch (spec->kind) {
  case FieldSpec::text: return value;
  case FieldSpec::integer: {
    std::string_view digits = value;
    if (digits[0] == '-') digits.remove_prefix(1);
    if (!is_digits(digits) || digits.size() > 9) throw bad("a whole number");
    int v = std::atoi(value.c_str());
    if (std::string(name) == "component" && (v < 1 || v > 8)) throw bad("a component from 1 to 8");
    if (std::string(name) == "day_of_month" && (v < 1 || v > 31)) throw bad("a day of the month (1-31)");
    return v;
  }
  case FieldSpec::number: {
    // Either decimal style: "1,5" as the documents write it, or "1.5".
    std::string s = value;
    std::size_t sep = s.find_first_of(",.");
    std::string whole = s.substr(0, sep), frac = sep == std::string::npos ? "" : s.substr(sep + 1);
    std::string_view w = whole;
    if (!w.empty() && w[0] == '-') w.remove_prefix(1);
    if (!is_digits(w) || w.size() > 12 || (sep != std::string::npos && !is_digits(frac)))
      throw bad("a number (1,5 or 1.5)");
    if (sep != std::string::npos) s[sep] = '.';
    return number(std::strtod(s.c_str(), nullptr));
  }
  case FieldSpec::boolean: {
    std::string f = text::fold(value);
    if (f == "true" || f == "dat" || f == "yes" || f == "1") return true;
    if (f == "false" || f == "khong dat" || f == "no" || f == "0") return false;
    throw bad("true or false (Đạt or Không đạt)");
  }
  case FieldSpec::date:
    if (!valid_date(value)) throw bad("a date YYYY-MM-DD");
    return value;
  case FieldSpec::list: {
    Json out = Json::array();
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t semi = value.find(';', start);
      std::string item = trim(value.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
      if (!item.empty()) out.push_back(item);
      if (semi == std::string::npos) break;
      start = semi + 1;
    }
    return out;
  }
  case FieldSpec::choice: {
    for (const auto& c : spec->choices)
      if (value == c) return value;
    std::string all;
    for (const auto& c : spec->choices) all += (all.empty() ? "" : ", ") + c;
    throw bad(fmt::format("one of {}", all).c_str());
  }
  }
  return nullptr;
}

Json new_record(const std::string& type, const Json& fields) {
  Document d;
  if (type == "score") d.scores.emplace_back();
  else if (type == "index") d.indices.emplace_back();
  else if (type == "target") d.targets.emplace_back();
  else if (type == "task") d.tasks.emplace_back();
  else d.references.emplace_back();
  Json rec = to_json(d)[array_of(type)][0];
  for (auto it = fields.begin(); it != fields.end(); ++it) rec[it.key()] = it.value();
  // A criterion's component is the first number of its code, as the extractor takes it.
  if (type == "score" && rec["component"].is_null() && rec["code"].is_string()) {
    std::string code = rec["code"].get<std::string>();
    std::size_t digits = code.find_first_not_of("0123456789");
    int c = std::atoi(code.substr(0, digits).c_str());
    if (c >= 1 && c <= 8 && digits != 0) rec["component"] = c;
  }
  rec["where"] = Json{{"page", 0}, {"line", 0}}; // no source line: an officer added it
  return rec;
}

void require_identity(const std::string& type, const Json& fields) {
  auto has = [&](const char* n) { return fields.contains(n) && !fields[n].is_null(); };
  const char* missing = nullptr;
  if (type == "score" && !has("code") && !has("title")) missing = "code or title";
  else if (type == "index" && !has("name")) missing = "name";
  else if (type == "target" && (!has("indicator") || !has("value"))) missing = "indicator and value";
  else if (type == "task" && !has("text")) missing = "text";
  else if (type == "reference" && !has("kind")) missing = "kind";
  if (missing) throw UsageError(fmt::format("a {} needs at least {}", type, missing));
}

std::set<long long> apply(Json& doc, const std::vector<Correction>& list) {
  std::set<long long> orphaned;
  const std::string id = doc.value("id", "");
  for (const auto& c : list) {
    if (c.doc_id != id) continue;
    const char* array = array_of(c.type);
    if (!array || !doc.contains(array)) {
      orphaned.insert(c.id);
      continue;
    }
    Json& records = doc[array];
    if (c.action == "add") {
      Json rec = new_record(c.type, Json::parse(c.new_value.value_or("{}")));
      rec["key"] = c.key;
      rec["corrected"] = true;
      rec["added"] = true;
      rec["original"] = Json::object();
      records.push_back(std::move(rec));
      continue;
    }
    auto it = std::find_if(records.begin(), records.end(),
                           [&](const Json& r) { return r.value("key", "") == c.key; });
    if (it == records.end()) {
      orphaned.insert(c.id);
      continue;
    }
    if (c.action == "drop") {
      records.erase(it);
      continue;
    }
    Json& rec = *it;
    const std::string f = c.field.value_or("");
    if (f.empty()) continue;
    if (!rec.value("added", false)) {
      if (!rec.contains("original") || !rec["original"].is_object()) rec["original"] = Json::object();
      if (!rec["original"].contains(f)) rec["original"][f] = rec.contains(f) ? rec[f] : Json(nullptr);
    }
    rec[f] = Json::parse(c.new_value.value_or("null"));
    rec["corrected"] = true;
  }
  return orphaned;
}

Json to_json(const Correction& c) {
  auto value = [](const std::optional<std::string>& v) { return v ? Json::parse(*v) : Json(nullptr); };
  return Json{{"key", c.key},
              {"document", c.doc_id},
              {"action", c.action},
              {"type", c.type},
              {"field", c.field ? Json(*c.field) : Json(nullptr)},
              {"old", value(c.old_value)},
              {"new", value(c.new_value)},
              {"note", c.note ? Json(*c.note) : Json(nullptr)},
              {"time", c.time},
              {"user", c.user},
              {"orphaned", c.orphaned}};
}

} // namespace parindex::records

namespace parindex {

std::vector<Correction> parse_corrections(std::string_view json, const std::string& what) {
  records::Json j;
  try {
    j = records::Json::parse(json);
  } catch (const std::exception& e) {
    throw InputError(fmt::format("{}: not JSON ({})", what, e.what()));
  }
  if (!j.is_array()) throw InputError(fmt::format("{}: expected an array of corrections", what));
  std::vector<Correction> out;
  for (const auto& x : j) {
    auto text = [&](const char* k) -> std::optional<std::string> {
      auto it = x.find(k);
      if (it == x.end() || it->is_null()) return std::nullopt;
      if (!it->is_string()) throw InputError(fmt::format("{}: '{}' must be a string", what, k));
      return it->get<std::string>();
    };
    auto value = [&](const char* k) -> std::optional<std::string> {
      auto it = x.find(k);
      if (it == x.end() || it->is_null()) return std::nullopt;
      return it->dump();
    };
    if (!x.is_object()) throw InputError(fmt::format("{}: expected an array of corrections", what));
    Correction c;
    c.key = text("key").value_or("");
    c.doc_id = text("document").value_or("");
    c.action = text("action").value_or("");
    c.type = text("type").value_or("");
    c.field = text("field");
    c.old_value = value("old");
    c.new_value = value("new");
    c.note = text("note");
    c.time = text("time").value_or("");
    c.user = text("user").value_or("");
    if (c.key.empty() || c.doc_id.empty() || c.time.empty() || !records::array_of(c.type) ||
        (c.action != "set" && c.action != "drop" && c.action != "add") ||
        (c.action == "set" && !c.field) || (c.action == "add" && (!c.new_value || !x["new"].is_object())))
      throw InputError(fmt::format("{}: correction {} is incomplete (key, document, action, type, time; field for set, new for add)",
                                   what, out.size() + 1));
    if (c.action == "set" && !records::has_field(c.type, *c.field))
      throw InputError(fmt::format("{}: correction {}: a {} has no field '{}'", what, out.size() + 1,
                                   c.type, text::visible(*c.field)));
    out.push_back(std::move(c));
  }
  return out;
}

} // namespace parindex
