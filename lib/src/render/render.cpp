#include <parindex/error.hpp>
#include <parindex/render.hpp>
#include <parindex/text.hpp>

#include "records/corrections.hpp"
#include "records/json.hpp"
#include "xlsx.hpp"

#include <fmt/core.h>

#include <cctype>
#include <set>

namespace parindex::render {

using records::Json;
using records::number;

namespace {

template <class T> Json opt(const std::optional<T>& v) { return v ? Json(*v) : Json(nullptr); }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

// A text cell that a spreadsheet would read as a formula ("=cmd|…", "+1", "-2", "@SUM", or
// one hidden behind a leading tab or CR) gets a leading apostrophe (OWASP, CSV injection);
// numbers are JSON numbers, not strings, so -3.5 stays -3.5.
std::string csv_text(std::string s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos) s.insert(0, 1, '\'');
  return csv_field(s);
}

std::string csv_value(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_text(v.get<std::string>());
  if (v.is_array() || v.is_object()) return csv_field(v.dump());
  return v.dump();
}

// Rows of objects with the same keys → JSON array, NDJSON lines or CSV with a header.
std::vector<std::string> keys_of(const Json& row) {
  std::vector<std::string> keys;
  if (row.is_object())
    for (auto it = row.begin(); it != row.end(); ++it) keys.push_back(it.key());
  return keys;
}

std::string emit(const Json& rows, Format format, const char* sheet = "parindex") {
  switch (format) {
  case Format::xlsx: return xlsx_workbook({{sheet, &rows, rows.empty() ? std::vector<std::string>{} : keys_of(rows[0])}});
  case Format::json: return rows.dump(2) + "\n";
  case Format::ndjson: {
    std::string out;
    for (const auto& r : rows) out += r.dump() + "\n";
    return out;
  }
  case Format::csv: {
    // A nested "where" {page, line} becomes two columns, page and line: CSV is flat.
    std::string out;
    if (rows.empty()) return out;
    bool first = true;
    auto cell = [&](const std::string& v) {
      if (!first) out += ",";
      out += v;
      first = false;
    };
    for (auto it = rows[0].begin(); it != rows[0].end(); ++it) {
      if (it.key() == "where") {
        cell("page");
        cell("line");
      } else {
        cell(it.key());
      }
    }
    out += "\n";
    for (const auto& r : rows) {
      first = true;
      for (auto it = r.begin(); it != r.end(); ++it) {
        if (it.key() == "where") {
          const Json& w = it.value();
          cell(w.is_object() && w.contains("page") ? csv_value(w["page"]) : "");
          cell(w.is_object() && w.contains("line") ? csv_value(w["line"]) : "");
        } else {
          cell(csv_value(it.value()));
        }
      }
      out += "\n";
    }
    return out;
  }
  case Format::table: break;
  }
  return {};
}

// Rows of one kind: each item's object from `row`, and in CSV a header even when there are
// no items (scripts read the header to find their columns), from `row` of a default item.
template <class T, class F>
std::string emit_rows(const std::vector<T>& items, F row, Format format, const char* sheet = "parindex") {
  Json rows = Json::array();
  for (const auto& x : items) rows.push_back(row(x));
  // A workbook always has its header row, as CSV has.
  if (format == Format::xlsx) return xlsx_workbook({{sheet, &rows, keys_of(row(T{}))}});
  if (rows.empty() && format == Format::csv) {
    Json header = Json::array();
    header.push_back(row(T{}));
    std::string csv = emit(header, format);
    return csv.substr(0, csv.find('\n') + 1);
  }
  return emit(rows, format);
}

std::size_t width(const std::string& s) { return text::to_u32(s).size(); }

TableStyle g_style;

std::string cut(const std::string& s, std::size_t n) {
  std::u32string u = text::to_u32(s);
  if (u.size() <= n) return s;
  return text::to_utf8(u.substr(0, n - 1)) + "…";
}

// The colour of a cell in column `column`: red for points lost and bad statuses, green for
// good ones; empty for none.
const char* cell_color(const std::string& column, const std::string& value) {
  if (column == "LOST") return value != "0" && value != "-" && !value.empty() ? "\033[31m" : nullptr;
  if (column == "STATUS") {
    if (value == "overdue" || value == "regressed" || value == "missed") return "\033[31m";
    if (value == "improved" || value == "met") return "\033[32m";
  }
  return nullptr;
}

// A plain aligned table: header, then rows; every cell already a string. Cells are made
// visible (text::visible): a value can neither drive the terminal nor break a row.
std::string table(const std::vector<std::string>& header_in, const std::vector<std::vector<std::string>>& rows_in) {
  std::vector<std::string> header;
  for (const auto& c : header_in) header.push_back(text::visible(c));
  std::vector<std::vector<std::string>> rows;
  rows.reserve(rows_in.size());
  for (const auto& r : rows_in) {
    std::vector<std::string> v;
    v.reserve(r.size());
    for (const auto& c : r) v.push_back(text::visible(c));
    rows.push_back(std::move(v));
  }
  std::vector<std::size_t> w(header.size());
  for (std::size_t j = 0; j < header.size(); ++j) w[j] = width(header[j]);
  for (const auto& r : rows)
    for (std::size_t j = 0; j < r.size(); ++j) w[j] = std::max(w[j], width(r[j]));
  if (g_style.width > 0 && !w.empty()) {
    // The widest column gives way first, down to 12 characters (or its header), until the
    // line fits the terminal.
    auto total = [&] {
      std::size_t t = 2 * (w.size() - 1);
      for (std::size_t x : w) t += x;
      return t;
    };
    while (total() > g_style.width) {
      std::size_t j = static_cast<std::size_t>(std::max_element(w.begin(), w.end()) - w.begin());
      std::size_t floor = std::max<std::size_t>(12, width(header[j]));
      if (w[j] <= floor) break;
      w[j] = std::max(floor, w[j] - std::min(w[j] - floor, total() - g_style.width));
    }
    for (auto& r : rows)
      for (std::size_t j = 0; j < r.size() && j < w.size(); ++j) r[j] = cut(r[j], w[j]);
  }
  auto line = [&](const std::vector<std::string>& r, bool is_header) {
    std::string out;
    for (std::size_t j = 0; j < r.size(); ++j) {
      const char* color = g_style.color && !is_header && j < header.size() ? cell_color(header[j], r[j]) : nullptr;
      if (color) out += color;
      out += r[j];
      if (color) out += "\033[0m";
      if (j + 1 < r.size()) out += std::string(w[j] - width(r[j]) + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header, true);
  for (const auto& r : rows) out += line(r, false);
  return out;
}

std::string or_dash(const std::optional<std::string>& s) { return s ? *s : "-"; }
std::string num_or_dash(std::optional<double> v) { return v ? human_number(*v) : "-"; }

Json where_json(const Where& w) { return Json{{"page", w.page}, {"line", w.line}}; }

} // namespace

void set_table_style(TableStyle style) { g_style = style; }

Format parse_format(std::string_view name) {
  if (name == "table") return Format::table;
  if (name == "json") return Format::json;
  if (name == "csv") return Format::csv;
  if (name == "ndjson") return Format::ndjson;
  if (name == "xlsx") return Format::xlsx;
  throw UsageError(fmt::format("unknown format '{}' (table, json, csv, ndjson or xlsx)", name));
}

std::string human_number(double v) { return text::human_number(v); }

DocumentStream::DocumentStream(Format format, std::function<void(std::string_view)> sink)
    : m_format(format), m_sink(std::move(sink)) {}

void DocumentStream::add(const Document& doc) {
  if (m_format == Format::ndjson) {
    m_sink(records::to_json(doc).dump() + "\n");
  } else if (m_format == Format::json) {
    // As Json::dump(2) writes the whole: each document one level in (four spaces; a JSON
    // string never holds a raw newline, so every line break is the layout's).
    std::string out = m_count ? ",\n" : fmt::format("{{\n  \"schema\": {},\n  \"documents\": [\n", Json(k_records_schema).dump());
    std::string one = records::to_json(doc).dump(2);
    out += "    ";
    for (char c : one) {
      out.push_back(c);
      if (c == '\n') out += "    ";
    }
    m_sink(out);
  } else {
    m_held.push_back(doc);
  }
  ++m_count;
}

void DocumentStream::finish() {
  if (m_format == Format::json)
    m_sink(m_count ? std::string("\n  ]\n}\n") : documents({}, m_format));
  else if (m_format != Format::ndjson)
    m_sink(documents(m_held, m_format));
}

std::string documents(const std::vector<Document>& docs, Format format) {
  if (format == Format::json) {
    Json arr = Json::array();
    for (const auto& d : docs) arr.push_back(records::to_json(d));
    Json j;
    j["schema"] = k_records_schema;
    j["documents"] = arr;
    return j.dump(2) + "\n";
  }
  if (format == Format::ndjson) {
    std::string out;
    for (const auto& d : docs) out += records::to_json(d).dump() + "\n";
    return out;
  }
  if (format == Format::xlsx) {
    // A sheet of documents, then one per record type, each record with its document's id.
    Json list = Json::array();
    std::vector<std::pair<const char*, Json>> records = {
      {"scores", Json::array()}, {"indices", Json::array()}, {"targets", Json::array()},
      {"tasks", Json::array()}, {"references", Json::array()}};
    for (const auto& d : docs) {
      Json j = records::to_json(d);
      Json row = Json::object();
      for (auto it = j.begin(); it != j.end(); ++it)
        if (!it.value().is_array() && !it.value().is_object()) row[it.key()] = it.value();
      list.push_back(row);
      for (auto& [name, rows] : records)
        for (const auto& rec : j[name]) {
          Json r = Json::object();
          r["document"] = d.id;
          for (auto it = rec.begin(); it != rec.end(); ++it) {
            if (it.key() == "original") r["original"] = it.value().dump();
            else r[it.key()] = it.value();
          }
          rows.push_back(std::move(r));
        }
    }
    // Columns: a default document's and record's fields, so a sheet with no rows has its header.
    std::vector<Sheet> sheets{{"documents", &list, keys_of(list.empty() ? Json::object() : list[0])}};
    if (list.empty()) {
      Json j = records::to_json(Document{});
      for (auto it = j.begin(); it != j.end(); ++it)
        if (!it.value().is_array() && !it.value().is_object()) sheets[0].header.push_back(it.key());
    }
    for (auto& [name, rows] : records) {
      std::set<std::string> seen;
      std::vector<std::string> header;
      for (const auto& r : rows)
        for (auto it = r.begin(); it != r.end(); ++it)
          if (seen.insert(it.key()).second) header.push_back(it.key());
      if (header.empty()) header.push_back("document");
      sheets.push_back({name, &rows, header});
    }
    return xlsx_workbook(sheets);
  }
  if (format == Format::csv) {
    return emit_rows(docs, [&](const auto& d) {
      return Json{{"id", d.id}, {"source", d.source}, {"kind", opt(d.kind)},
                  {"number", opt(d.number)}, {"unit", opt(d.unit)},
                  {"unit_level", opt(d.unit_level)}, {"province", opt(d.province)},
                  {"issued_on", opt(d.issued_on)}, {"assessed_year", opt(d.assessed_year)},
                  {"plan_year", opt(d.plan_year)}, {"scores", d.scores.size()},
                  {"indices", d.indices.size()}, {"targets", d.targets.size()},
                  {"tasks", d.tasks.size()}, {"references", d.references.size()}};
    }, format);
  }
  std::string out;
  for (const auto& d : docs) {
    out += fmt::format("{}  {}\n", d.id.substr(0, 12), text::visible(d.source));
    out += text::visible(fmt::format("  {} {}  {}  {} ({}), {}", or_dash(d.kind), or_dash(d.number),
                                     or_dash(d.issued_on), or_dash(d.unit), or_dash(d.unit_level),
                                     or_dash(d.province))) + "\n";
    if (d.title) out += fmt::format("  {}\n", text::visible(*d.title));
    std::vector<std::vector<std::string>> rows;
    // A corrected record's key is marked '*' (its original values are in the JSON).
    auto key = [](const Revision& r) { return r.key + (r.corrected ? "*" : ""); };
    for (const auto& s : d.scores)
      rows.push_back({key(s.rev), or_dash(s.code), or_dash(s.title), num_or_dash(s.self),
                      num_or_dash(s.appraised), num_or_dash(s.max),
                      s.passed ? (*s.passed ? "Đạt" : "Không đạt") : "-"});
    if (!rows.empty()) {
      out += "  scores:\n";
      std::string t = table({"KEY", "CODE", "TITLE", "SELF", "APPRAISED", "MAX", "PASSED"}, rows);
      std::size_t pos = 0;
      while (pos < t.size()) {
        std::size_t nl = t.find('\n', pos);
        out += "    " + t.substr(pos, nl - pos + 1);
        pos = nl + 1;
      }
    }
    for (const auto& r : d.indices)
      out += fmt::format("  index: {} — {}% rank {}{} ({}) [{}]\n", r.name, num_or_dash(r.percent),
                         r.rank ? std::to_string(*r.rank) : "-", r.of ? "/" + std::to_string(*r.of) : "",
                         r.year ? std::to_string(*r.year) : "-", key(r.rev));
    for (const auto& t : d.targets)
      out += fmt::format("  target: {} {} {}{} ({}) [{}]\n", t.indicator, t.op,
                         human_number(t.value), t.unit == "%" ? "%" : " " + t.unit,
                         t.year ? std::to_string(*t.year) : "-", key(t.rev));
    for (const auto& t : d.tasks)
      out += fmt::format("  task: {} | lead: {} | due: {}{} [{}]\n", t.text, or_dash(t.lead),
                         or_dash(t.due), t.recurrence ? " | " + *t.recurrence : "", key(t.rev));
    for (const auto& r : d.references)
      out += fmt::format("  cites: {} {} {} [{}]\n", r.kind, or_dash(r.number), or_dash(r.date), key(r.rev));
  }
  return out;
}

std::string gaps(const std::vector<query::Gap>& gaps, Format format) {
  if (format != Format::table) {
    return emit_rows(gaps, [&](const auto& g) {
      return Json{{"document", g.document}, {"unit", opt(g.unit)}, {"year", opt(g.year)},
                  {"code", opt(g.code)}, {"component", opt(g.component)},
                  {"title", opt(g.title)}, {"score", number(g.score)},
                  {"max", number(g.max)}, {"lost", number(g.lost)},
                  {"self", number(g.self)}, {"passed", opt(g.passed)},
                  {"component_max", number(g.component_max)}, {"share", number(g.share)},
                  {"later_year", opt(g.later_year)}, {"later_score", number(g.later_score)},
                  {"closed", opt(g.closed)}, {"where", where_json(g.where)},
                  {"key", g.key}, {"corrected", g.corrected}};
    }, format, "gaps");
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& g : gaps) {
    std::string later = "-";
    if (g.later_year) {
      if (g.closed) later = fmt::format("{} in {}", *g.closed ? "closed" : "open", *g.later_year);
      else later = fmt::format("{} in {}", num_or_dash(g.later_score), *g.later_year);
      if (g.closed && !*g.closed && g.later_score && g.score && *g.later_score > *g.score)
        later = fmt::format("narrowed in {}", *g.later_year);
    }
    rows.push_back({or_dash(g.unit), g.year ? std::to_string(*g.year) : "-", or_dash(g.code),
                    or_dash(g.title), num_or_dash(g.self),
                    num_or_dash(g.score) + (g.corrected ? "*" : ""),
                    num_or_dash(g.max),
                    g.lost ? human_number(*g.lost) : (g.passed && !*g.passed ? "Không đạt" : "-"),
                    g.share ? human_number(*g.share) + "%" : "-", later});
  }
  return table({"UNIT", "YEAR", "CODE", "TITLE", "SELF", "SCORE", "MAX", "LOST", "SHARE", "LATER"}, rows);
}

std::string gap_groups(const std::vector<query::GapGroup>& groups, Format format) {
  if (format != Format::table) {
    return emit_rows(groups, [&](const auto& g) {
      return Json{{"unit", opt(g.unit)}, {"year", opt(g.year)}, {"component", opt(g.component)},
                  {"component_title", opt(g.component_title)}, {"criteria", g.gaps},
                  {"closed", g.closed}, {"lost", number(g.lost)},
                  {"component_max", number(g.component_max)}, {"share", number(g.share)}};
    }, format);
  }
  std::vector<std::string> header;
  bool unit = !groups.empty() && groups[0].unit, year = !groups.empty() && groups[0].year,
       comp = !groups.empty() && groups[0].component;
  if (unit) header.push_back("UNIT");
  if (year) header.push_back("YEAR");
  if (comp) header.insert(header.end(), {"COMPONENT", "MAX"});
  header.insert(header.end(), {"CRITERIA", "CLOSED", "LOST"});
  if (comp) header.push_back("SHARE");
  std::vector<std::vector<std::string>> rows;
  for (const auto& g : groups) {
    std::vector<std::string> r;
    if (unit) r.push_back(or_dash(g.unit));
    if (year) r.push_back(g.year ? std::to_string(*g.year) : "-");
    if (comp) {
      std::string name = g.component ? std::to_string(*g.component) : "-";
      if (g.component_title) name += " " + *g.component_title;
      r.push_back(name);
      r.push_back(num_or_dash(g.component_max));
    }
    r.insert(r.end(), {std::to_string(g.gaps), std::to_string(g.closed), human_number(g.lost)});
    if (comp) r.push_back(g.share ? human_number(*g.share) + "%" : "-");
    rows.push_back(std::move(r));
  }
  return table(header, rows);
}

std::string diff(const std::vector<query::DiffRow>& rows_in, Format format) {
  if (format != Format::table) {
    return emit_rows(rows_in, [&](const auto& r) {
      return Json{{"key", r.key}, {"component", opt(r.component)}, {"title", opt(r.title)},
                  {"from", number(r.from)}, {"to", number(r.to)}, {"max", number(r.max)},
                  {"delta", number(r.delta)}, {"status", r.status}, {"measure", r.measure},
                  {"corrected", r.corrected}};
    }, format, "diff");
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : rows_in) {
    std::string unit = r.measure == "percent" ? "%" : r.measure == "rank" ? " (rank)" : "";
    std::string delta = r.delta ? (*r.delta > 0 ? "+" : "") + human_number(*r.delta) : "-";
    rows.push_back({r.key + (r.corrected ? "*" : ""), or_dash(r.title),
                    num_or_dash(r.from) + (r.from ? unit : ""),
                    num_or_dash(r.to) + (r.to ? unit : ""), num_or_dash(r.max), delta, r.status});
  }
  return table({"KEY", "TITLE", "FROM", "TO", "MAX", "DELTA", "STATUS"}, rows);
}

namespace {
std::string with_measure(std::optional<double> v, const std::string& measure) {
  if (!v) return "-";
  return human_number(*v) + (measure == "percent" ? "%" : measure == "rank" ? " (rank)" : "");
}
} // namespace

std::string compare(const std::vector<query::CompareRow>& rows_in, const std::vector<std::string>& units,
                    Format format) {
  if (format != Format::table) {
    return emit_rows(rows_in, [&](const auto& r) {
      Json values = Json::array();
      for (std::size_t i = 0; i < units.size() && i < r.values.size(); ++i)
        values.push_back(Json{{"unit", units[i]}, {"value", number(r.values[i])}});
      return Json{{"key", r.key}, {"component", opt(r.component)}, {"title", opt(r.title)},
                  {"max", number(r.max)}, {"measure", r.measure}, {"units", values}};
    }, format);
  }
  std::vector<std::string> header{"KEY", "TITLE", "MAX"};
  for (const auto& u : units) header.push_back(u);
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : rows_in) {
    std::vector<std::string> row{r.key, or_dash(r.title), num_or_dash(r.max)};
    for (const auto& v : r.values) row.push_back(with_measure(v, r.measure));
    rows.push_back(std::move(row));
  }
  return table(header, rows);
}

std::string targets(const std::vector<query::TargetCheck>& rows_in, Format format) {
  if (format != Format::table) {
    return emit_rows(rows_in, [&](const auto& c) {
      const Target& t = c.target;
      return Json{{"document", c.document}, {"unit", opt(c.unit)}, {"indicator", t.indicator},
                  {"component", opt(t.component)}, {"year", opt(t.year)}, {"op", t.op},
                  {"value", number(t.value)}, {"target_unit", t.unit}, {"lead", opt(t.lead)},
                  {"got", number(c.got)}, {"status", c.status}, {"where", where_json(t.where)}};
    }, format);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : rows_in) {
    const Target& t = c.target;
    bool rank = t.unit == "rank";
    std::string want = rank ? fmt::format("rank {} {}", t.op == "=" ? "≤" : t.op, human_number(t.value))
                            : fmt::format("{} {}{}", t.op, human_number(t.value), t.unit == "%" ? "%" : " " + t.unit);
    std::string got = c.got ? (rank ? "rank " + human_number(*c.got) : human_number(*c.got) + (t.unit == "%" ? "%" : "")) : "-";
    rows.push_back({t.component ? std::to_string(*t.component) : "-", t.indicator, want, got,
                    c.status, or_dash(t.lead)});
  }
  return table({"COMP.", "INDICATOR", "TARGET", "GOT", "STATUS", "LEAD"}, rows);
}

namespace {

// The line with every occurrence of the query's folded words wrapped in [[ ]].
std::string highlight(const std::string& line, const std::string& query) {
  std::u32string u = text::to_u32(line);
  std::string f;
  for (char32_t c : u) f.push_back(text::fold_char(c));
  std::vector<bool> mark(u.size(), false);
  std::string q = text::fold(query), word;
  for (char c : q + " ") {
    if (std::isalnum(static_cast<unsigned char>(c))) { word.push_back(c); continue; }
    if (word.empty()) continue;
    for (std::size_t p = f.find(word); p != std::string::npos; p = f.find(word, p + 1)) {
      bool start = p == 0 || !std::isalnum(static_cast<unsigned char>(f[p - 1]));
      bool end = p + word.size() == f.size() || !std::isalnum(static_cast<unsigned char>(f[p + word.size()]));
      if (start && end)
        for (std::size_t k = p; k < p + word.size(); ++k) mark[k] = true;
    }
    word.clear();
  }
  std::u32string out;
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (mark[i] && (i == 0 || !mark[i - 1])) out += U"[[";
    out.push_back(u[i]);
    if (mark[i] && (i + 1 == u.size() || !mark[i + 1])) out += U"]]";
  }
  return text::to_utf8(out);
}

Json task_json(const Task& t) {
  Json period = nullptr;
  if (t.period) period = Json{{"from", t.period->from}, {"to", t.period->to}};
  return Json{{"text", t.text}, {"lead", opt(t.lead)}, {"partners", t.partners}, {"codes", t.codes},
              {"due", opt(t.due)}, {"start", opt(t.start)}, {"recurrence", opt(t.recurrence)},
              {"period", period}, {"day_of_month", opt(t.day_of_month)}, {"where", where_json(t.where)},
              {"key", t.rev.key}, {"corrected", t.rev.corrected}};
}

} // namespace

std::string deadlines(const std::vector<query::Deadline>& rows, Format format) {
  if (format != Format::table) {
    return emit_rows(rows, [&](const auto& d) {
      Json j{{"date", d.date}, {"status", d.status}, {"document", d.document}, {"unit", opt(d.unit)},
             {"source", opt(d.source)}};
      Json task = task_json(d.task); // items() must not outlive the object it walks
      for (auto& [k, v] : task.items()) j[k] = v;
      return j;
    }, format, "deadlines");
  }
  std::vector<std::vector<std::string>> t;
  for (const auto& d : rows)
    t.push_back({d.date + (d.task.rev.corrected ? "*" : ""), d.status, or_dash(d.unit),
                 or_dash(d.task.lead), d.task.text});
  return table({"DATE", "STATUS", "UNIT", "LEAD", "TASK"}, t);
}

std::string units(const std::vector<store::UnitSummary>& rows, Format format) {
  if (format != Format::table) {
    return emit_rows(rows, [&](const auto& u) {
      return Json{{"unit", u.unit}, {"unit_level", opt(u.unit_level)}, {"province", opt(u.province)},
                  {"years", u.years}, {"documents", u.documents}};
    }, format);
  }
  std::vector<std::vector<std::string>> t;
  for (const auto& u : rows) {
    std::string years;
    for (int y : u.years) years += (years.empty() ? "" : ",") + std::to_string(y);
    t.push_back({u.unit, or_dash(u.unit_level), or_dash(u.province), years.empty() ? "-" : years,
                 std::to_string(u.documents)});
  }
  return table({"UNIT", "LEVEL", "PROVINCE", "YEARS", "DOCUMENTS"}, t);
}

std::string search(const std::vector<store::SearchHit>& hits, const std::string& query, Format format) {
  if (format != Format::table) {
    return emit_rows(hits, [&](const auto& h) {
      return Json{{"document", h.document}, {"unit", opt(h.unit)}, {"source", opt(h.source)},
                  {"page", h.page}, {"line", h.line}, {"text", h.text},
                  {"snippet", highlight(h.text, query)}};
    }, format);
  }
  std::string out;
  for (const auto& h : hits)
    out += fmt::format("{}:{}:{}: {} ({})\n", text::visible(h.source.value_or(h.document.substr(0, 12))),
                       h.page, h.line, text::visible(highlight(h.text, query), true), text::visible(h.unit.value_or("-")));
  return out;
}

} // namespace parindex::render

namespace parindex::render {

std::string criteria(const std::vector<const criteria::Framework*>& frameworks,
                     const std::string& code_prefix, Format format) {
  Json rows = Json::array();
  std::vector<std::vector<std::string>> table_rows;
  for (const auto* f : frameworks) {
    std::string years;
    for (int y : f->years) years += (years.empty() ? "" : ",") + std::to_string(y);
    for (const auto& c : f->criteria) {
      if (!code_prefix.empty() &&
          !(c.code == code_prefix || c.code.rfind(code_prefix + ".", 0) == 0))
        continue;
      rows.push_back(Json{{"framework", f->name}, {"province", f->province}, {"level", f->level},
                          {"years", f->years}, {"code", c.code}, {"component", c.component},
                          {"max", number(c.max)}, {"title", c.title}});
      table_rows.push_back({f->name, f->province, f->level, years.empty() ? "*" : years, c.code,
                            num_or_dash(c.max), c.title});
    }
  }
  if (format != Format::table) return emit(rows, format);
  return table({"FRAMEWORK", "PROVINCE", "LEVEL", "YEARS", "CODE", "MAX", "TITLE"}, table_rows);
}

} // namespace parindex::render

namespace parindex::render {

std::string ingest_results(const std::vector<ingest::FileResult>& results, Format format) {
  if (format == Format::table) return {};
  return emit_rows(results, [&](const auto& r) {
    const char* outcome = r.outcome == ingest::Outcome::added       ? "added"
                          : r.outcome == ingest::Outcome::unchanged ? "unchanged"
                          : r.outcome == ingest::Outcome::skipped   ? "skipped"
                                                                    : "failed";
    return Json{{"path", r.path}, {"outcome", outcome}, {"id", opt(r.id)}, {"scores", r.scores},
                {"index_rows", r.indices}, {"targets", r.targets}, {"tasks", r.tasks},
                {"references", r.references},
                {"message", r.message.empty() ? Json(nullptr) : Json(r.message)},
                {"warnings", r.warnings}};
  }, format);
}

std::string corrections(const std::vector<Correction>& rows, Format format) {
  if (format != Format::table)
    return emit_rows(rows, [&](const Correction& c) { return records::to_json(c); }, format);
  std::vector<std::vector<std::string>> t;
  auto shown = [](const std::optional<std::string>& v) -> std::string {
    if (!v) return "-";
    Json j = Json::parse(*v);
    if (j.is_string()) return j.get<std::string>();
    if (j.is_number()) return human_number(j.get<double>());
    return j.dump();
  };
  for (const auto& c : rows) {
    std::string what = c.action == "set" ? c.field.value_or("-") : c.type;
    t.push_back({c.key, c.doc_id.substr(0, 12), c.action, what,
                 c.action == "set" ? shown(c.old_value) : "-",
                 c.action == "drop" ? "-" : shown(c.new_value), or_dash(c.note), c.time, c.user,
                 c.orphaned ? "orphaned" : "applied"});
  }
  return table({"KEY", "DOCUMENT", "ACTION", "FIELD", "OLD", "NEW", "NOTE", "TIME", "USER", "STATUS"}, t);
}

std::string review(const std::vector<query::ReviewItem>& rows, Format format) {
  if (format != Format::table) {
    return emit_rows(rows, [&](const query::ReviewItem& r) {
      return Json{{"kind", r.kind}, {"document", r.document}, {"key", r.key}, {"type", r.type},
                  {"unit", opt(r.unit)}, {"year", opt(r.year)}, {"what", r.what},
                  {"source", opt(r.source)}, {"where", where_json(r.where)}, {"line", r.line}};
    }, format);
  }
  std::vector<std::vector<std::string>> t;
  for (const auto& r : rows)
    t.push_back({r.kind, r.key, or_dash(r.unit), r.year ? std::to_string(*r.year) : "-", r.what,
                 fmt::format("{}:{}:{}", or_dash(r.source), r.where.page, r.where.line), r.line});
  return table({"KIND", "KEY", "UNIT", "YEAR", "WHAT", "WHERE", "LINE"}, t);
}

std::string rebuild(const std::vector<ingest::RebuildResult>& rows, bool dry_run, Format format) {
  if (format != Format::table) {
    return emit_rows(rows, [&](const ingest::RebuildResult& r) {
      Json orphaned = Json::array();
      for (const auto& c : r.orphaned) orphaned.push_back(records::to_json(c));
      return Json{{"document", r.id}, {"source", r.source}, {"added", r.added}, {"removed", r.removed},
                  {"changed", r.changed}, {"orphaned", orphaned}, {"dry_run", dry_run}};
    }, format);
  }
  std::vector<std::vector<std::string>> t;
  std::string lost;
  for (const auto& r : rows) {
    t.push_back({r.id.substr(0, 12), r.source, std::to_string(r.added), std::to_string(r.removed),
                 std::to_string(r.changed), std::to_string(r.orphaned.size())});
    for (const auto& c : r.orphaned)
      lost += text::visible(fmt::format("{} correction {} ({} {}{}) of {} has no record any more",
                                        dry_run ? "would orphan:" : "orphaned:", c.key, c.action, c.type,
                                        c.field ? " " + *c.field : "", r.source)) + "\n";
  }
  return table({"DOCUMENT", "SOURCE", "ADDED", "REMOVED", "CHANGED", "ORPHANED"}, t) + lost;
}

} // namespace parindex::render
