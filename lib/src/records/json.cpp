#include "json.hpp"

#include <cmath>

namespace parindex::records {

namespace {

template <class T> Json opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

template <class T> std::optional<T> get(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->template get<T>();
}

// The record's key first, and after its fields what corrections did to it.
Json with_revision(const Revision& r, Json fields) {
  Json j;
  j["key"] = r.key;
  for (auto it = fields.begin(); it != fields.end(); ++it) j[it.key()] = std::move(it.value());
  if (r.corrected) {
    j["corrected"] = true;
    if (r.added) j["added"] = true;
    Json original = Json::object();
    for (const auto& [field, value] : r.original) original[field] = Json::parse(value);
    j["original"] = original;
  }
  return j;
}

Revision revision_from(const Json& j) {
  Revision r;
  r.key = j.value("key", "");
  r.corrected = j.value("corrected", false);
  r.added = j.value("added", false);
  if (auto it = j.find("original"); it != j.end() && it->is_object())
    for (auto f = it->begin(); f != it->end(); ++f) r.original[f.key()] = f.value().dump();
  return r;
}

Where where_from(const Json& j) {
  Where w;
  if (auto it = j.find("where"); it != j.end() && it->is_object()) {
    w.page = it->value("page", 1);
    w.line = it->value("line", 1);
  }
  return w;
}

} // namespace

Json number(std::optional<double> v) {
  if (!v) return nullptr;
  double r = std::round(*v);
  if (std::fabs(*v - r) < 1e-9 && std::fabs(r) < 9e15) return static_cast<long long>(r);
  return *v;
}

Json to_json(const Where& w) { return Json{{"page", w.page}, {"line", w.line}}; }

Json to_json(const Score& s) {
  return with_revision(s.rev, Json{{"code", opt(s.code)},      {"component", opt(s.component)},
              {"title", opt(s.title)},    {"year", opt(s.year)},
              {"self", number(s.self)},   {"appraised", number(s.appraised)},
              {"max", number(s.max)},     {"passed", opt(s.passed)},
              {"note", opt(s.note)},      {"index", s.index},
              {"unit", opt(s.unit)},      {"unit_level", opt(s.unit_level)},
              {"where", to_json(s.where)}});
}

Json to_json(const Document& d) {
  Json j;
  j["id"] = d.id;
  j["source"] = d.source;
  j["kind"] = opt(d.kind);
  j["number"] = opt(d.number);
  j["issuer"] = opt(d.issuer);
  j["unit"] = opt(d.unit);
  j["unit_level"] = opt(d.unit_level);
  j["province"] = opt(d.province);
  j["issued_on"] = opt(d.issued_on);
  j["title"] = opt(d.title);
  j["assessed_year"] = opt(d.assessed_year);
  j["plan_year"] = opt(d.plan_year);
  j["signer"] = opt(d.signer);
  j["pipeline"] = Json{{"input", d.pipeline.input},
                       {"pages", d.pipeline.pages},
                       {"ocr_confidence", number(d.pipeline.ocr_confidence)},
                       {"restored", d.pipeline.restored},
                       {"restored_syllables", d.pipeline.restored_syllables},
                       {"encoding", opt(d.pipeline.encoding)},
                       {"criteria", opt(d.pipeline.criteria)}};
  Json scores = Json::array();
  for (const auto& s : d.scores) scores.push_back(to_json(s));
  j["scores"] = std::move(scores);
  Json indices = Json::array();
  for (const auto& r : d.indices)
    indices.push_back(with_revision(r.rev, Json{{"component", opt(r.component)}, {"name", r.name},
                           {"year", opt(r.year)},           {"percent", number(r.percent)},
                           {"rank", opt(r.rank)},           {"of", opt(r.of)},
                           {"index", r.index},              {"unit", opt(r.unit)},
                           {"unit_level", opt(r.unit_level)}, {"where", to_json(r.where)}}));
  j["indices"] = std::move(indices);
  Json targets = Json::array();
  for (const auto& t : d.targets)
    targets.push_back(with_revision(t.rev, Json{{"indicator", t.indicator}, {"component", opt(t.component)},
                           {"year", opt(t.year)},      {"op", t.op},
                           {"value", number(t.value)}, {"unit", t.unit},
                           {"lead", opt(t.lead)},      {"index", t.index},
                           {"where", to_json(t.where)}}));
  j["targets"] = std::move(targets);
  Json tasks = Json::array();
  for (const auto& t : d.tasks) {
    Json period = nullptr;
    if (t.period) period = Json{{"from", t.period->from}, {"to", t.period->to}};
    tasks.push_back(with_revision(t.rev, Json{{"text", t.text},         {"lead", opt(t.lead)},
                         {"partners", t.partners}, {"codes", t.codes},
                         {"due", opt(t.due)},      {"start", opt(t.start)},
                         {"recurrence", opt(t.recurrence)}, {"period", period},
                         {"day_of_month", opt(t.day_of_month)}, {"where", to_json(t.where)}}));
  }
  j["tasks"] = std::move(tasks);
  Json refs = Json::array();
  for (const auto& r : d.references)
    refs.push_back(with_revision(r.rev, Json{{"kind", r.kind}, {"number", opt(r.number)},
                        {"date", opt(r.date)}, {"issuer", opt(r.issuer)}, {"where", to_json(r.where)}}));
  j["references"] = std::move(refs);
  return j;
}

Document document_from_json(const Json& j) {
  Document d;
  d.id = j.value("id", "");
  d.source = j.value("source", "");
  d.kind = get<std::string>(j, "kind");
  d.number = get<std::string>(j, "number");
  d.issuer = get<std::string>(j, "issuer");
  d.unit = get<std::string>(j, "unit");
  d.unit_level = get<std::string>(j, "unit_level");
  d.province = get<std::string>(j, "province");
  d.issued_on = get<std::string>(j, "issued_on");
  d.title = get<std::string>(j, "title");
  d.assessed_year = get<int>(j, "assessed_year");
  d.plan_year = get<int>(j, "plan_year");
  d.signer = get<std::string>(j, "signer");
  if (auto it = j.find("pipeline"); it != j.end() && it->is_object()) {
    const Json& p = *it;
    d.pipeline.input = p.value("input", "text");
    d.pipeline.pages = p.value("pages", 1);
    d.pipeline.ocr_confidence = get<double>(p, "ocr_confidence");
    d.pipeline.restored = p.value("restored", false);
    d.pipeline.restored_syllables = p.value("restored_syllables", 0);
    d.pipeline.encoding = get<std::string>(p, "encoding");
    d.pipeline.criteria = get<std::string>(p, "criteria");
  }
  for (const Json& s : j.value("scores", Json::array())) {
    Score x;
    x.code = get<std::string>(s, "code");
    x.component = get<int>(s, "component");
    x.title = get<std::string>(s, "title");
    x.year = get<int>(s, "year");
    x.self = get<double>(s, "self");
    x.appraised = get<double>(s, "appraised");
    x.max = get<double>(s, "max");
    x.passed = get<bool>(s, "passed");
    x.note = get<std::string>(s, "note");
    x.index = s.value("index", "PAR INDEX");
    x.unit = get<std::string>(s, "unit");
    x.unit_level = get<std::string>(s, "unit_level");
    x.where = where_from(s);
    x.rev = revision_from(s);
    d.scores.push_back(x);
  }
  for (const Json& s : j.value("indices", Json::array())) {
    IndexRow r;
    r.component = get<int>(s, "component");
    r.name = s.value("name", "");
    r.year = get<int>(s, "year");
    r.percent = get<double>(s, "percent");
    r.rank = get<int>(s, "rank");
    r.of = get<int>(s, "of");
    r.index = s.value("index", "PAR INDEX");
    r.unit = get<std::string>(s, "unit");
    r.unit_level = get<std::string>(s, "unit_level");
    r.where = where_from(s);
    r.rev = revision_from(s);
    d.indices.push_back(r);
  }
  for (const Json& s : j.value("targets", Json::array())) {
    Target t;
    t.indicator = s.value("indicator", "");
    t.component = get<int>(s, "component");
    t.year = get<int>(s, "year");
    t.op = s.value("op", "=");
    t.value = s.value("value", 0.0);
    t.unit = s.value("unit", "%");
    t.lead = get<std::string>(s, "lead");
    t.index = s.value("index", "PAR INDEX");
    t.where = where_from(s);
    t.rev = revision_from(s);
    d.targets.push_back(t);
  }
  for (const Json& s : j.value("tasks", Json::array())) {
    Task t;
    t.text = s.value("text", "");
    t.lead = get<std::string>(s, "lead");
    t.partners = s.value("partners", std::vector<std::string>{});
    t.codes = s.value("codes", std::vector<std::string>{});
    t.due = get<std::string>(s, "due");
    t.start = get<std::string>(s, "start");
    t.recurrence = get<std::string>(s, "recurrence");
    if (auto it = s.find("period"); it != s.end() && it->is_object())
      t.period = Period{it->value("from", ""), it->value("to", "")};
    t.day_of_month = get<int>(s, "day_of_month");
    t.where = where_from(s);
    t.rev = revision_from(s);
    d.tasks.push_back(t);
  }
  for (const Json& s : j.value("references", Json::array())) {
    Reference r;
    r.kind = s.value("kind", "");
    r.number = get<std::string>(s, "number");
    r.date = get<std::string>(s, "date");
    r.issuer = get<std::string>(s, "issuer");
    r.where = where_from(s);
    r.rev = revision_from(s);
    d.references.push_back(r);
  }
  return d;
}

} // namespace parindex::records
