// One Tesseract engine: pre-processing, ruled-table detection and recognition of one page.
// Not thread-safe: each worker thread owns one Engine and reuses it for every page.
#pragma once

#include "pix.hpp"

#include <parindex/ocr.hpp>
#include <parindex/records.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tesseract {
class TessBaseAPI;
}

namespace parindex::ocr {

struct Recognised {
  std::string text;                // lines separated by '\n'; table rows as TAB-separated cells
  std::vector<float> word_confidences; // 0..100, one per recognised word
  std::optional<double> mean_confidence() const;
};

// A ruled table found on a page: its outer box and, per row, the cell boxes left to right.
struct Table {
  BoxPtr box;
  struct Cell {
    int x, y, w, h;
  };
  std::vector<std::vector<Cell>> rows;
};

// Finds ruled tables (long horizontal and vertical rules found by morphological opening).
// `gray` is an 8 bpp page at `dpi`. Exposed for tests.
std::vector<Table> find_tables(Pix* gray, int dpi);

// Tesseract's data folder: $TESSDATA_PREFIX, else Debian's; empty when none is there.
std::string tessdata_dir();
// The Debian package that installs a model ("vie" → tesseract-ocr-vie).
std::string package_for(const std::string& model);

// Pre-processing steps; each returns a new 8 bpp image.
PixPtr deskew(Pix* gray);
bool is_clean(Pix* gray); // a born-digital or clean scan: nothing to denoise
PixPtr denoise(Pix* gray, int dpi);
PixPtr median3(Pix* gray); // 3×3 median (median.cpp)

class Engine {
public:
  // Throws DependencyError when the model's traineddata is not installed.
  explicit Engine(const Options& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // The page's text; a page scanned upside down or sideways is turned upright first (when
  // Tesseract's orientation model is installed).
  Recognised recognise(const PageImage& page);

private:
  Recognised recognise_as_is(const PageImage& page);
  std::optional<PageImage> turned_upright(const PageImage& page);
  tesseract::TessBaseAPI* osd_api();
  std::unique_ptr<tesseract::TessBaseAPI> m_osd_api; // `osd`, for the orientation of bad pages
  bool m_osd_tried = false;
  void recognise_region(Recognised& out, std::string& text);
  static void recognise_with(tesseract::TessBaseAPI& api, Recognised& out, std::string& text);
  tesseract::TessBaseAPI* glyph_api();
  std::string read_table(const Table& table, Pix* image, int dpi, Recognised& out);
  void reread_weak_lines(Pix* image, int dpi, std::string& text);
  std::unique_ptr<tesseract::TessBaseAPI> m_api;
  std::unique_ptr<tesseract::TessBaseAPI> m_glyph_api; // `eng`, for lone glyphs in cells
  bool m_glyph_tried = false;
  Options m_options;
  int m_thresh = 128; // ink below this grey level (current page)
  int m_paper = 255;  // the paper's grey level (current page)
};

} // namespace parindex::ocr
