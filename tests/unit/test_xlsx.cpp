// --format xlsx: the workbook is read back with libzip and pugixml (as DOCX input is read),
// cell by cell, so what Excel shows is checked, not only that a file was written.
#include "helpers.hpp"

#include <parindex/render.hpp>

#include <pugixml.hpp>
#include <zip.h>

#include <map>
#include <string>
#include <vector>

using namespace parindex;

namespace {

struct Cell {
  std::string type; // "s" (text), "n" (number), "b" (boolean), "" (absent)
  std::string value;
  bool styled = false; // a number format (dates)
};

class Workbook {
public:
  explicit Workbook(std::string bytes) : m_bytes(std::move(bytes)) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(m_bytes.data(), m_bytes.size(), 0, &err);
    REQUIRE(src != nullptr);
    m_zip = zip_open_from_source(src, ZIP_RDONLY, &err);
    REQUIRE(m_zip != nullptr);
    pugi::xml_document strings;
    if (load(strings, "xl/sharedStrings.xml"))
      for (auto si : strings.child("sst").children("si")) m_strings.push_back(si.child("t").text().get());
    pugi::xml_document wb;
    REQUIRE(load(wb, "xl/workbook.xml"));
    int n = 0;
    for (auto s : wb.child("workbook").child("sheets").children("sheet"))
      m_sheets[s.attribute("name").value()] = ++n;
  }
  ~Workbook() {
    if (m_zip) zip_discard(m_zip);
  }
  std::vector<std::string> sheets() const {
    std::vector<std::string> out(m_sheets.size());
    for (const auto& [name, n] : m_sheets) out[n - 1] = name;
    return out;
  }
  // The cell at `ref` ("B2") of sheet `name`.
  Cell cell(const std::string& name, const std::string& ref) {
    Cell c;
    auto it = m_sheets.find(name);
    if (it == m_sheets.end()) return c;
    pugi::xml_document doc;
    if (!load(doc, "xl/worksheets/sheet" + std::to_string(it->second) + ".xml")) return c;
    for (auto row : doc.child("worksheet").child("sheetData").children("row"))
      for (auto x : row.children("c")) {
        if (ref != x.attribute("r").value()) continue;
        std::string t = x.attribute("t").value();
        std::string v = x.child("v").text().get();
        c.styled = !x.attribute("s").empty();
        if (t == "s") {
          c.type = "s";
          c.value = m_strings.at(std::stoul(v));
        } else if (t == "b") {
          c.type = "b";
          c.value = v;
        } else {
          c.type = "n";
          c.value = v;
        }
        return c;
      }
    return c;
  }
  // The header row of sheet `name`, left to right.
  std::vector<std::string> header(const std::string& name) {
    std::vector<std::string> out;
    for (char col = 'A'; col <= 'Z'; ++col) {
      Cell c = cell(name, std::string(1, col) + "1");
      if (c.type.empty()) break;
      out.push_back(c.value);
    }
    return out;
  }
  // The column letter of header `column` in sheet `name`.
  std::string column(const std::string& name, const std::string& column) {
    auto h = header(name);
    for (std::size_t i = 0; i < h.size(); ++i)
      if (h[i] == column) return std::string(1, static_cast<char>('A' + i));
    return "?";
  }

private:
  bool load(pugi::xml_document& doc, const std::string& entry) {
    zip_file_t* f = zip_fopen(m_zip, entry.c_str(), 0);
    if (!f) return false;
    std::string data;
    char buf[8192];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) data.append(buf, static_cast<std::size_t>(n));
    zip_fclose(f);
    return static_cast<bool>(doc.load_buffer(data.data(), data.size()));
  }
  std::string m_bytes; // the zip reads from it
  zip_t* m_zip = nullptr;
  std::vector<std::string> m_strings;
  std::map<std::string, int> m_sheets;
};

} // namespace

TEST_CASE("render::xlsx export has a sheet per record type; numbers, dates and Vietnamese intact") {
  Document d = testing::two_scores(std::string(64, 'a'));
  d.number = "=1+2"; // looks like a formula: must stay text
  d.issued_on = "2024-03-14";
  assign_keys(d);
  Workbook wb(render::documents({d}, render::Format::xlsx));
  CHECK(wb.sheets() == std::vector<std::string>{"documents", "scores", "indices", "targets", "tasks", "references"});
  Cell unit = wb.cell("documents", wb.column("documents", "unit") + "2");
  CHECK(unit.type == "s");
  CHECK(unit.value == "Sông Mây");
  Cell number = wb.cell("documents", wb.column("documents", "number") + "2");
  CHECK(number.type == "s");
  CHECK(number.value == "=1+2");
  // 2024-03-14 as an Excel date: day 45365, with a date format.
  Cell issued = wb.cell("documents", wb.column("documents", "issued_on") + "2");
  CHECK(issued.type == "n");
  CHECK(issued.value == "45365");
  CHECK(issued.styled);

  CHECK(wb.cell("scores", "A2").value == std::string(64, 'a')); // the document column first
  Cell code = wb.cell("scores", wb.column("scores", "code") + "3");
  CHECK(code.value == "1.6");
  Cell appraised = wb.cell("scores", wb.column("scores", "appraised") + "2");
  CHECK(appraised.type == "n");
  CHECK(appraised.value == "1");
  Cell max = wb.cell("scores", wb.column("scores", "max") + "2");
  CHECK(max.value == "2");
  CHECK(wb.cell("scores", wb.column("scores", "page") + "2").value == "1");
  CHECK(wb.cell("scores", wb.column("scores", "line") + "3").value == "12");
  // A null field is an empty cell, not "null".
  CHECK(wb.cell("scores", wb.column("scores", "note") + "2").type.empty());

  Cell due = wb.cell("tasks", wb.column("tasks", "due") + "2");
  CHECK(due.type == "n");
  CHECK(due.value == "45565"); // 2024-09-30
  CHECK(wb.cell("tasks", wb.column("tasks", "text") + "2").value == "Kiểm tra công tác cải cách hành chính");
  CHECK(wb.header("references") == std::vector<std::string>{"document"});
}

TEST_CASE("render::xlsx of no gaps is a sheet with its header row only") {
  Workbook wb(render::gaps({}, render::Format::xlsx));
  CHECK(wb.sheets() == std::vector<std::string>{"gaps"});
  auto h = wb.header("gaps");
  REQUIRE(h.size() > 5);
  CHECK(h[0] == "document");
  CHECK(std::find(h.begin(), h.end(), "lost") != h.end());
  CHECK(wb.cell("gaps", "A2").type.empty());
}
