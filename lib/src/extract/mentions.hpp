// Internal to the extract stage: one pass over a paragraph's folded twin that yields typed
// mentions (index names, units with their level, years, points, percents, ranks, changes,
// aiming words), each with its span, so that binding rules read mentions and never scan the
// characters again (the shape of Duckling's dimensions).
#pragma once

#include "common.hpp"

#include <optional>
#include <string>
#include <vector>

namespace parindex::extract {

// A word, number or punctuation mark of the folded twin. [b, e) is the same span in `u` and `f`.
struct Token {
  std::size_t b = 0, e = 0;
  std::string_view f; // folded text of the token (a view into the paragraph's folded twin)
  bool cap = false;  // starts with a capital letter in the original
  bool number = false;
  bool punct = false;
};

std::vector<Token> tokenize(const Para& p);

struct Mention {
  enum class Kind {
    index,     // a named index: `label` ("PAR INDEX", "SIPAS", "PAPI", "PCI", "DDCI", "DTI", "766")
    component, // a PAR component index or field ("Chỉ số cải cách thể chế"): `component`
    unit,      // a unit with its level: `name`, `level`
    year,      // a year the figures that follow belong to: `year`
    points,    // "92,16 điểm", "87,37/100": `value`, `max`; `self` when "tự đánh giá"
    percent,   // "91,44%": `value`
    rank,      // "xếp thứ 2/10", "thứ nhất", "dẫn đầu", "ranking 55th out of 63": `rank`, `of`
    of_total,  // "trong tổng số 20 Sở", "out of 63": the number of units ranked: `of`
    last,      // "cuối bảng", "vị trí cuối cùng": rank = of
    aim,       // "phấn đấu", "mục tiêu", "chỉ tiêu": the clause is a target, not a result
    average,   // "trung bình", "average": an aggregate over many units
    change,    // a rise in rank ("tăng 10 bậc"): `value`; `self` when "ít nhất"
    stop,      // a clause boundary (";", a sentence end)
    open,      // "(": what is said inside stays inside
    close,     // ")"
    respectively, // "lần lượt", "respectively": the units before and the figures pair in order
    each,      // "đều": the units (or pillars) listed before share the figures after
    pillar,    // a part of an index that has no component number ("chính quyền số" of the DTI): `name`
  } kind;
  std::size_t b = 0, e = 0; // span in the paragraph (code points)
  std::string label;
  std::string name, level;
  std::optional<int> year, rank, of, component;
  std::optional<double> value, max;
  bool self = false;
  bool compared = false; // a year compared with ("so với năm 2023 (…)"): only a figure after it is its
};

// Mentions of one paragraph, left to right. `english` selects the English phrasing.
std::vector<Mention> find_mentions(const Para& p, bool english);

// The index a folded name refers to ("chi so hai long" → "SIPAS"), if it names one.
std::optional<std::string> index_label(const std::string& folded);

} // namespace parindex::extract
