// PDF, image and DOCX loading on arbitrary bytes: a page reader returns pages or throws
// parindex::Error, never crashes. OCR itself is skipped for speed: the reader is asked for
// pages of a type chosen by the first byte, with a tiny pixel budget per call.
#include <parindex/error.hpp>
#include <parindex/source.hpp>

#include <cstdlib>
#include <filesystem>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  static auto reader = parindex::source::make_default_reader();
  if (size < 1) return 0;
  static const parindex::source::FileType types[] = {parindex::source::FileType::pdf,
                                                     parindex::source::FileType::image,
                                                     parindex::source::FileType::docx};
  auto type = types[data[0] % 3];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  parindex::source::ReadOptions o;
  o.jobs = 1;
  try {
    reader->read("fuzz-input", bytes, type, o);
  } catch (const parindex::Error&) {
  }
  return 0;
}
