// Excel workbooks through libxlsxwriter: one sheet per list of rows, the header in bold and
// frozen, numbers as numbers, ISO dates as dates, text as text (never a formula: a cell
// starting with "=" stays text, so nothing of a document runs in Excel).
#include "xlsx.hpp"

#include <parindex/error.hpp>

#include <fmt/core.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <unistd.h>

namespace parindex::render {
namespace {

// "2025-09-30": a date (the records' dates are ISO, contract/records.md).
bool iso_date(const std::string& s, lxw_datetime& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  out.year = std::atoi(s.substr(0, 4).c_str());
  out.month = std::atoi(s.substr(5, 2).c_str());
  out.day = std::atoi(s.substr(8, 2).c_str());
  out.hour = out.min = 0;
  out.sec = 0;
  return out.year >= 1900 && out.month >= 1 && out.month <= 12 && out.day >= 1 && out.day <= 31;
}

// The columns of a sheet: the header's keys, a nested "where" as page and line (as in CSV).
std::vector<std::string> columns_of(const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  for (const auto& k : keys) {
    if (k == "where") {
      out.push_back("page");
      out.push_back("line");
    } else {
      out.push_back(k);
    }
  }
  return out;
}

const records::Json* cell_of(const records::Json& row, const std::string& column) {
  if (column == "page" || column == "line") {
    auto w = row.find("where");
    if (w != row.end() && w->is_object()) {
      auto v = w->find(column);
      return v == w->end() ? nullptr : &*v;
    }
  }
  auto v = row.find(column);
  return v == row.end() ? nullptr : &*v;
}

// Excel's limits: 31 characters per sheet name, 32,767 per cell.
constexpr std::size_t k_max_cell = 32767;

std::string clip_utf8(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n; // not inside a character
  return s.substr(0, n);
}

void check(lxw_error e, const std::string& what) {
  if (e != LXW_NO_ERROR) throw Error(ErrorCategory::input, fmt::format("xlsx: {}: {}", what, lxw_strerror(e)));
}

} // namespace

std::string xlsx_workbook(const std::vector<Sheet>& sheets) {
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  std::string name = (dir / "parindex-XXXXXX").string();
  int fd = mkstemp(name.data());
  if (fd < 0) throw Error(ErrorCategory::input, fmt::format("xlsx: cannot make a temporary file in {}: {}", dir.string(), std::strerror(errno)));
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{name};

  lxw_workbook* wb = workbook_new(name.c_str());
  if (!wb) throw Error(ErrorCategory::input, fmt::format("xlsx: cannot write {}", name));
  // The workbook's creation time is now, or SOURCE_DATE_EPOCH when set (reproducible
  // exports: the same rows then give the same bytes).
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    lxw_doc_properties props{};
    props.created = static_cast<time_t>(std::strtoll(epoch, nullptr, 10));
    workbook_set_properties(wb, &props);
  }
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  try {
    std::set<std::string> used;
    for (const Sheet& sheet : sheets) {
      std::string title = clip_utf8(sheet.name, 31);
      for (int n = 2; !used.insert(title).second; ++n) title = clip_utf8(sheet.name, 28) + fmt::format(" {}", n);
      lxw_worksheet* ws = workbook_add_worksheet(wb, title.c_str());
      if (!ws) throw Error(ErrorCategory::input, fmt::format("xlsx: cannot add the sheet '{}'", title));
      std::vector<std::string> cols = columns_of(sheet.header);
      std::vector<std::size_t> widths(cols.size(), 8);
      for (std::size_t c = 0; c < cols.size(); ++c) {
        check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), cols[c].c_str(), bold), "header");
        widths[c] = std::max(widths[c], cols[c].size() + 2);
      }
      lxw_row_t r = 1;
      for (const auto& row : *sheet.rows) {
        for (std::size_t c = 0; c < cols.size(); ++c) {
          const records::Json* v = cell_of(row, cols[c]);
          if (!v || v->is_null()) continue;
          auto col = static_cast<lxw_col_t>(c);
          lxw_datetime dt{};
          if (v->is_boolean()) {
            check(worksheet_write_boolean(ws, r, col, v->get<bool>(), nullptr), "cell");
          } else if (v->is_number()) {
            check(worksheet_write_number(ws, r, col, v->get<double>(), nullptr), "cell");
          } else if (v->is_string() && iso_date(v->get<std::string>(), dt)) {
            check(worksheet_write_datetime(ws, r, col, &dt, date), "cell");
            widths[c] = std::max<std::size_t>(widths[c], 12);
          } else {
            std::string s = clip_utf8(v->is_string() ? v->get<std::string>() : v->dump(), k_max_cell);
            check(worksheet_write_string(ws, r, col, s.c_str(), nullptr), "cell");
            auto chars = static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
            widths[c] = std::max(widths[c], std::min<std::size_t>(60, chars + 2));
          }
        }
        ++r;
      }
      for (std::size_t c = 0; c < cols.size(); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             static_cast<double>(std::min<std::size_t>(widths[c], 60)), nullptr);
      worksheet_freeze_panes(ws, 1, 0);
      if (!cols.empty())
        worksheet_autofilter(ws, 0, 0, r - 1, static_cast<lxw_col_t>(cols.size() - 1));
    }
  } catch (...) {
    workbook_close(wb);
    throw;
  }
  check(workbook_close(wb), "writing the workbook");
  std::ifstream in(name, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace parindex::render
