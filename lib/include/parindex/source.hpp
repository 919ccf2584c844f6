// parindex/source.hpp — reading a file into pages of text: the seam between the ingest
// pipeline and the OCR stage.
//
// Text files are decoded by the text stage. PDFs, images and DOCX go through a PageReader
// (implemented by the `ocr` stage with poppler, Leptonica and Tesseract). Tests substitute their
// own reader so they never need tessdata.
#pragma once

#include <parindex/records.hpp>
#include <parindex/text.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace parindex::source {

enum class FileType { text, pdf, image, docx, unsupported };

// By extension, then by magic bytes for text-named files that are really PDFs/images.
FileType detect_type(const std::filesystem::path& path, std::string_view first_bytes);

// Whether PDF pages with a text layer are recognised anyway (`--ocr`, like OCRmyPDF's
// --force-ocr / --skip-text): automatic reads the layer (repairing an old-font TCVN3/VNI
// layer) and recognises a page whose layer is still not Vietnamese; always recognises every
// page; never reads layers only, and a page without one stays empty.
enum class OcrMode { automatic, always, never };

struct ReadOptions {
  text::Encoding encoding = text::Encoding::automatic;
  OcrMode ocr = OcrMode::automatic;
  int jobs = 0; // OCR worker threads; 0 = number of cores
  std::function<void(int done, int total)> progress; // may be empty
  // One reader serves several files at once (ingest reads ahead); its `jobs` page workers go
  // to the file with the lowest `order` first, so the earliest file finishes first.
  std::uint64_t order = 0;
  // `jobs`, with 0 resolved to the number of cores (at least 1).
  int workers() const;
};

struct ReadResult {
  std::vector<PageText> pages;
  std::string input = "text"; // pipeline.input
  std::optional<std::string> encoding;
  std::vector<std::string> warnings; // "page 3: damaged JPEG data …": read, and worth knowing
};

// Reads pages from a scanned or born-digital document. Implemented by the ocr stage.
// read() may be called from several threads at once: the pages of all the files being read
// share one set of page workers (ReadOptions::jobs of the first call, default: cores).
class PageReader {
public:
  virtual ~PageReader() = default;
  virtual ReadResult read(const std::filesystem::path& path, std::string_view bytes,
                          FileType type, const ReadOptions& options) = 0;
};

// The reader the CLI uses: poppler + Leptonica + Tesseract. Throws DependencyError when the
// OCR engine or its `vie` model is missing (only when a page actually needs OCR).
std::unique_ptr<PageReader> make_default_reader();

} // namespace parindex::source
