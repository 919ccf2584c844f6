// Restoration of arbitrary text: never crashes, keeps the line structure.
#include <parindex/error.hpp>
#include <parindex/restore.hpp>
#include <parindex/text.hpp>

#include <algorithm>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  static auto restorer = parindex::restore::load_default();
  if (!restorer) std::abort(); // the committed model must load
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string text;
  try {
    text = parindex::text::decode(bytes).text;
  } catch (const parindex::InputError&) {
    return 0;
  }
  parindex::restore::Options o;
  o.explain = size % 2 == 0;
  o.mark_doubtful = size % 3 == 0;
  auto r = restorer->restore(text, o);
  if (std::count(r.text.begin(), r.text.end(), '\n') != std::count(text.begin(), text.end(), '\n')) std::abort();
  if (!parindex::text::is_valid_utf8(r.text)) std::abort();
  return 0;
}
