// The kinds of file the ocr stage reads, each as a list of pages that either carry text or
// must be rendered/decoded into an image and recognised.
#pragma once

#include "pix.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace parindex::ocr {

class PageSource {
public:
  virtual ~PageSource() = default;
  virtual int pages() const = 0;
  // The page's own text (a PDF text layer), or nullopt when it must be recognised.
  virtual std::optional<std::string> text(int index) { return std::nullopt; }
  // The page as 8 bpp grey. Checks the pixel budget before decoding. Thread-safe.
  virtual PageImage image(int index) = 0;
};

// `display` is the file name used in error messages; `bytes` must outlive the source.
std::unique_ptr<PageSource> open_pdf(const std::string& display, std::string_view bytes);
std::unique_ptr<PageSource> open_image(const std::string& display, std::string_view bytes);
// Paragraphs, tables (cells joined by TAB, one row per line) and footnotes, in order.
std::string read_docx(const std::string& display, std::string_view bytes);

// Throws InputError "<display>: page N is too large (W × H px, limit 100 MP)".
void check_pixels(const std::string& display, int page, long long w, long long h);

} // namespace parindex::ocr
