#include "data_dirs.hpp"

#include <parindex/criteria.hpp>
#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace parindex::criteria {

namespace {

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.front() == '.' || code.back() == '.') return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '.' && code[i - 1] == '.') return false;
    if (c != '.' && (c < '0' || c > '9')) return false;
  }
  return true;
}

// "1,5", "1.5", "10" → number; "-" or "" → none.
std::optional<double> parse_max(const std::string& s, bool& ok) {
  ok = true;
  if (s.empty() || s == "-") return std::nullopt;
  std::string t = s;
  std::replace(t.begin(), t.end(), ',', '.');
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || *end != '\0' || !(v >= 0) || v > 1000) {
    ok = false;
    return std::nullopt;
  }
  return v;
}

Framework parse_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot read the criteria file", path.string()));
  Framework f;
  f.name = path.stem().string();
  f.path = path.string();
  f.province = "*";
  f.level = "*";
  std::string line;
  int n = 0;
  auto fail = [&](const std::string& why) {
    throw InputError(fmt::format("{}:{}: {}", path.string(), n, why));
  };
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++n;
    if (!text::is_valid_utf8(line)) fail("not UTF-8");
    line = text::to_nfc(line);
    std::string t = trim(line);
    if (t.empty()) continue;
    if (t[0] == '#') {
      auto colon = t.find(':');
      if (colon == std::string::npos) continue; // a comment
      std::string key = trim(std::string_view(t).substr(1, colon - 1));
      std::string value = trim(std::string_view(t).substr(colon + 1));
      if (key == "province") f.province = value.empty() ? "*" : value;
      else if (key == "level") {
        if (value != "tỉnh" && value != "huyện" && value != "xã" && value != "*")
          fail(fmt::format("level '{}' is not tỉnh, huyện, xã or *", value));
        f.level = value;
      } else if (key == "years") {
        if (value == "*" || value.empty()) continue;
        for (const auto& y : split(value, ',')) {
          std::string ty = trim(y);
          auto dash = ty.find('-');
          int a = std::atoi(ty.substr(0, dash).c_str());
          int b = dash == std::string::npos ? a : std::atoi(ty.substr(dash + 1).c_str());
          if (a < 1990 || b < a || b > 2100) fail(fmt::format("years '{}' is not like 2023 or 2022-2025", ty));
          for (int v = a; v <= b; ++v) f.years.push_back(v);
        }
      } else if (key == "source") {
        f.source = value;
      }
      continue;
    }
    auto cols = split(line, '\t');
    if (!header_seen && trim(cols[0]) == "code") { // the column header line
      header_seen = true;
      continue;
    }
    if (cols.size() < 3) fail("expected code<TAB>max<TAB>title");
    Criterion c;
    c.code = trim(cols[0]);
    if (!valid_code(c.code)) fail(fmt::format("'{}' is not a criterion code like 3 or 1.4.2", c.code));
    c.component = std::atoi(c.code.c_str());
    if (c.component < 1 || c.component > 8) fail(fmt::format("component {} is not 1-8", c.component));
    bool ok = true;
    c.max = parse_max(trim(cols[1]), ok);
    if (!ok) fail(fmt::format("maximum '{}' is not a number of points", trim(cols[1])));
    c.title = trim(cols[2]);
    if (f.find(c.code)) fail(fmt::format("code {} is listed twice", c.code));
    f.criteria.push_back(std::move(c));
  }
  return f;
}

int specificity(const Framework& f) {
  return (f.province != "*" ? 4 : 0) + (f.level != "*" ? 2 : 0) + (!f.years.empty() ? 1 : 0);
}

} // namespace

const Criterion* Framework::find(const std::string& code) const {
  for (const auto& c : criteria)
    if (c.code == code) return &c;
  return nullptr;
}

bool Framework::covers_year(int year) const {
  return years.empty() || std::find(years.begin(), years.end(), year) != years.end();
}

Catalogue Catalogue::load(const std::vector<std::filesystem::path>& dirs) {
  Catalogue cat;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
      if (e.path().extension() == ".tsv") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) cat.m_frameworks.push_back(parse_file(p));
  }
  return cat;
}

std::vector<std::filesystem::path> Catalogue::default_dirs() {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("PARINDEX_CRITERIA"); env && *env) {
    for (const auto& d : split(env, ':'))
      if (!d.empty()) dirs.emplace_back(d);
    return dirs;
  }
  // When no folder holds one, name the configured one, so --version says where it looked.
  dirs.push_back(data::find("criteria").value_or(std::filesystem::path(PARINDEX_DATADIR) / "criteria"));
  return dirs;
}

const Catalogue& Catalogue::default_catalogue() {
  static const Catalogue cat = load(default_dirs());
  return cat;
}

std::vector<const Framework*> Catalogue::match(const std::optional<std::string>& province,
                                               const std::optional<std::string>& level,
                                               std::optional<int> year) const {
  std::vector<const Framework*> out;
  std::string fp = province ? text::fold(*province) : "";
  for (const auto& f : m_frameworks) {
    if (f.province != "*" && (!province || text::fold(f.province) != fp)) continue;
    if (f.level != "*" && (!level || f.level != *level)) continue;
    if (!f.years.empty() && (!year || !f.covers_year(*year))) continue;
    out.push_back(&f);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Framework* a, const Framework* b) { return specificity(*a) > specificity(*b); });
  return out;
}

std::vector<const Framework*> Catalogue::select(const std::optional<std::string>& province,
                                                const std::optional<std::string>& level,
                                                std::optional<int> year) const {
  std::vector<const Framework*> out;
  for (const auto& f : m_frameworks) {
    if (province && f.province != "*" && text::fold(f.province) != text::fold(*province)) continue;
    if (level && f.level != "*" && f.level != *level) continue;
    if (year && !f.covers_year(*year)) continue;
    out.push_back(&f);
  }
  return out;
}

std::string Catalogue::component_name(int component, const std::vector<const Framework*>& applicable) const {
  std::string code = std::to_string(component);
  for (const Framework* f : applicable)
    if (const Criterion* c = f->find(code); c && !c->title.empty()) return c->title;
  return {};
}

std::vector<std::string> complete(Document& doc, const Catalogue& catalogue) {
  std::vector<std::string> warnings;
  const Framework* used = nullptr;
  for (Score& s : doc.scores) {
    if (s.index != "PAR INDEX") continue;
    std::optional<int> year = s.year ? s.year : doc.assessed_year;
    auto applicable = catalogue.match(doc.province, doc.unit_level, year);
    // Only frameworks with maxima can say what a code is worth; the national one names
    // components only.
    std::string code;
    if (s.code) code = *s.code;
    else if (s.component) code = std::to_string(*s.component); // a component total
    else continue;
    if (!s.component && s.code) {
      int c = std::atoi(s.code->c_str());
      if (c >= 1 && c <= 8) s.component = c;
    }
    for (const Framework* f : applicable) {
      const Criterion* c = f->find(code);
      if (!c || !c->max) continue;
      if (!s.max) {
        s.max = c->max;
        used = f;
      } else if (std::abs(*s.max - *c->max) > 1e-9) {
        warnings.push_back(fmt::format("{}: the document says max {}, the catalogue {} says {}",
                                       s.code ? *s.code : fmt::format("component {}", code),
                                       text::human_number(*s.max), f->name, text::human_number(*c->max)));
      } else {
        used = used ? used : f;
      }
      break; // the most specific framework that knows the code decides
    }
  }
  if (used) doc.pipeline.criteria = used->name;
  return warnings;
}

} // namespace parindex::criteria
