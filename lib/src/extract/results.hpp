// Internal to the extract stage: results in prose (scores in points, index rows in percent
// and rank) for the units a paragraph names.
#pragma once

#include "common.hpp"

#include <optional>
#include <string>
#include <vector>

namespace parindex::extract {

// What earlier paragraphs said that a figure may rely on: the index and year named last.
struct ResultContext {
  // The document's own index (the one its headline names): what a figure is of when its
  // paragraph names none. Within a paragraph the index named last applies.
  std::string index = "PAR INDEX";
  std::optional<int> year;
  bool english = false;
  bool named = false; // some paragraph named an index already
  std::optional<int> component; // named by the heading just before
  std::optional<int> of;        // units ranked, written in the paragraph just before
};

// Appends the paragraph's results to `d`; true when it found any.
bool read_results(const Para& p, ResultContext& ctx, Document& d);

// The document's own index and year, from its first three paragraphs: the index they name
// first, and the year named after an index ("Chỉ số CCHC năm 2023 …"). Left as they are
// when not named. Reads `ctx.english`.
void read_primary(const std::vector<Para>& ps, ResultContext& ctx);

// Metadata of a press release or agency news (kind "other"): the unit its headline names or
// the province it names most, the date stamp under its headline, the year of most of its
// results, and the year it aims at.
void complete_news(const std::vector<Para>& ps, bool english, Document& d);

} // namespace parindex::extract
