// Until the restoration model lands: no model is installed, so nothing is restored.
#include <parindex/restore.hpp>
#include <parindex/text.hpp>

namespace parindex::restore {

std::shared_ptr<const Restorer> load_default() { return nullptr; }

bool needs_restoration(std::string_view utf8) { return text::unmarked_share(utf8) > 0.6; }

} // namespace parindex::restore
