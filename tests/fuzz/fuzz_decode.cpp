// Encoding detection and decoding of arbitrary bytes: throws InputError or returns valid NFC UTF-8.
#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    auto d = parindex::text::decode(bytes);
    if (!parindex::text::is_valid_utf8(d.text)) std::abort();
    if (parindex::text::to_nfc(d.text) != d.text) std::abort();
  } catch (const parindex::InputError&) {
  }
  return 0;
}
