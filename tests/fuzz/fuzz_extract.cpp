// The extractor on arbitrary text (decoded first, as ingest does): never crashes, and every
// record's position lies inside the text.
#include <parindex/error.hpp>
#include <parindex/extract.hpp>
#include <parindex/text.hpp>

#include <algorithm>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string text;
  try {
    text = parindex::text::decode(bytes).text;
  } catch (const parindex::InputError&) {
    return 0;
  }
  auto doc = parindex::extract::extract({{1, text, std::nullopt}});
  long lines = std::count(text.begin(), text.end(), '\n') + 1;
  for (const auto& s : doc.scores)
    if (s.where.line < 1 || s.where.line > lines) std::abort();
  for (const auto& t : doc.tasks)
    if (t.where.line < 1 || t.where.line > lines) std::abort();
  return 0;
}
