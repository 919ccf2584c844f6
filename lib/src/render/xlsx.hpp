// Internal to render: Excel workbooks (Format::xlsx).
#pragma once

#include "records/json.hpp"

#include <string>
#include <vector>

namespace parindex::render {

// One sheet: its name (cut to Excel's 31 characters, made unique), its rows (JSON objects)
// and its columns, in order (a nested "where" becomes page and line).
struct Sheet {
  std::string name;
  const records::Json* rows;
  std::vector<std::string> header;
};

// The bytes of an .xlsx workbook of `sheets`. Throws Error when the temporary file it is
// written through cannot be made.
std::string xlsx_workbook(const std::vector<Sheet>& sheets);

} // namespace parindex::render
