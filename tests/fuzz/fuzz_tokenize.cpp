// The syllable tokenizer and accent folding on arbitrary UTF-8.
#include <parindex/text.hpp>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  if (!parindex::text::is_valid_utf8(s)) return 0;
  auto tokens = parindex::text::tokenize(s);
  for (const auto& t : tokens)
    if (t.text.empty() || t.line < 1) std::abort();
  if (parindex::text::fold(s).size() != parindex::text::to_u32(s).size()) std::abort();
  (void)parindex::text::normalize_tones(s);
  return 0;
}
