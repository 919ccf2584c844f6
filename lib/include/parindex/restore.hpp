// parindex/restore.hpp — Vietnamese diacritic restoration and OCR correction.
#pragma once

#include <filesystem>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parindex::restore {

struct Change {
  std::size_t line;   // 1-based
  std::string from;   // as written
  std::string to;     // chosen
  double confidence;  // 0..1, posterior-like score of the choice
  std::vector<std::string> alternatives;
};

struct Result {
  std::string text;        // same lines and spacing as the input
  int syllables = 0;       // syllables examined
  int changed = 0;         // syllables changed
  std::vector<Change> changes; // filled when asked for (explain)
};

struct Options {
  bool explain = false;
  bool mark_doubtful = false; // wrap weak choices as ⟦word⟧ for review
};

class Restorer {
public:
  virtual ~Restorer() = default;
  virtual Result restore(std::string_view utf8, const Options& options = {}) const = 0;
};

// Loads restore/vi-syllables.lm from the first data folder that has it: $PARINDEX_DATA, the
// running program's installation (bin/../share/parindex), the source tree's dictionaries/,
// then the configured data folder. Returns nullptr when no model is installed.
std::shared_ptr<const Restorer> load_default();
// Loads the model at `path`; throws DependencyError when it is not a model.
std::shared_ptr<const Restorer> load(const std::string& path);

// What `parindex --version` says of the installed model (its header only is read).
struct ModelInfo {
  std::string path;
  std::string format; // "PXLM0002"
  std::uint32_t syllables = 0;
  std::uint64_t bigrams = 0, trigrams = 0;
};
std::optional<ModelInfo> default_model_info();

// True when the text looks like Vietnamese that lost its marks (see text::unmarked_share).
bool needs_restoration(std::string_view utf8);

} // namespace parindex::restore
