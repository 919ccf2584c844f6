#include <parindex/ocr.hpp>

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-version.h>
#include <tesseract/baseapi.h>

#include <fmt/core.h>

namespace parindex::ocr {

std::string engine_versions() {
  char* lept = getLeptonicaVersion();
  std::string out = fmt::format("tesseract {}, {}, poppler {}", tesseract::TessBaseAPI::Version(),
                                lept ? lept : "leptonica ?", poppler::version_string());
  lept_free(lept);
  return out;
}

} // namespace parindex::ocr
