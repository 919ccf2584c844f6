// parindex/criteria.hpp — the criteria catalogue: what each province's framework says a code
// means and how many points it is worth.
//
// A criterion code means something only together with its province, level and year (each
// province issues its own framework for its districts and communes), so the catalogue is a
// set of frameworks, one TSV file each (format: dictionaries/criteria/README.md). It fills
// `component` and `max` when a document omits them and flags a stated maximum that
// contradicts it.
#pragma once

#include <parindex/records.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace parindex::criteria {

struct Criterion {
  std::string code; // "3" for a component, "1.4.2" for a criterion
  int component = 0;
  std::optional<double> max;
  std::string title;
};

struct Framework {
  std::string name;     // file name without .tsv
  std::string path;
  std::string province; // "*" for every province
  std::string level;    // tỉnh | huyện | xã | *
  std::vector<int> years; // empty: every year
  std::string source;   // where its figures come from
  std::vector<Criterion> criteria; // in file order

  const Criterion* find(const std::string& code) const;
  bool covers_year(int year) const;
};

class Catalogue {
public:
  // Every *.tsv under the given folders, in folder then file-name order. Throws InputError
  // naming the file and line for a malformed entry.
  static Catalogue load(const std::vector<std::filesystem::path>& dirs);
  // $PARINDEX_CRITERIA (folders separated by ':') if set, else criteria/ in the first data
  // folder that has one (searched as restore::load_default() searches for the model).
  static std::vector<std::filesystem::path> default_dirs();
  static const Catalogue& default_catalogue(); // loaded once

  const std::vector<Framework>& frameworks() const { return m_frameworks; }

  // The frameworks that apply to a unit of `province` (accent/case-insensitive), `level` and
  // `year`, most specific first (a named province before "*", a named level before "*").
  std::vector<const Framework*> match(const std::optional<std::string>& province,
                                      const std::optional<std::string>& level,
                                      std::optional<int> year) const;

  // For listing: the frameworks that apply to the given keys, a key left out matching any
  // framework; in catalogue order.
  std::vector<const Framework*> select(const std::optional<std::string>& province,
                                       const std::optional<std::string>& level,
                                       std::optional<int> year) const;

  // The standard name of component 1–8, from the frameworks that apply ("" when unknown).
  std::string component_name(int component, const std::vector<const Framework*>& applicable) const;

private:
  std::vector<Framework> m_frameworks;
};

// Fills the scores' missing `component` and `max` from the catalogue frameworks that apply
// to the document, records the framework used in `pipeline.criteria`, and returns one
// warning per stated maximum that contradicts the catalogue ("1.4.2: the document says max
// 2, the catalogue lang-son-huyen-2023 says 1,5").
std::vector<std::string> complete(Document& doc, const Catalogue& catalogue);

} // namespace parindex::criteria
