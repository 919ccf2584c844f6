// Leptonica ownership helpers for the ocr stage (the only stage that sees Leptonica).
#pragma once

#include <leptonica/allheaders.h>

#include <memory>
#include <string>

namespace parindex::ocr {

struct PixDeleter {
  void operator()(Pix* p) const noexcept { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct BoxDeleter {
  void operator()(Box* b) const noexcept { boxDestroy(&b); }
};
using BoxPtr = std::unique_ptr<Box, BoxDeleter>;

struct BoxaDeleter {
  void operator()(Boxa* b) const noexcept { boxaDestroy(&b); }
};
using BoxaPtr = std::unique_ptr<Boxa, BoxaDeleter>;

// A page to recognise: 8 bpp grey, and its resolution in dots per inch.
struct PageImage {
  PixPtr pix;
  int dpi = 300;
  std::string warning; // "page 3: damaged JPEG data …": read, but the user should know
};

} // namespace parindex::ocr
