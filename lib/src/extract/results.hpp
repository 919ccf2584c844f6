// Internal to the extract stage: results in prose (scores in points, index rows in percent
// and rank) for the units a paragraph names.
#pragma once

#include "common.hpp"

#include <optional>
#include <string>

namespace parindex::extract {

// What earlier paragraphs said that a figure may rely on: the index and year named last.
struct ResultContext {
  std::string index = "PAR INDEX";
  std::optional<int> year;
  bool english = false;
  bool named = false; // some paragraph named an index already
};

// Appends the paragraph's results to `d`; true when it found any.
bool read_results(const Para& p, ResultContext& ctx, Document& d);

} // namespace parindex::extract
