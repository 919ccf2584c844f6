// parindex/ocr.hpp — the OCR stage's own knobs, for callers that need more than
// source::make_default_reader() (the `ocr` subcommand, benchmarks).
//
// The reader turns PDFs (text layer, or rendered and recognised when a page has none), images
// (PNG, JPEG, TIFF including multi-page) and DOCX into pages of text. Ruled tables in scans are
// read cell by cell and written one row per line, cells separated by TAB, like text input.
#pragma once

#include <parindex/source.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace parindex::ocr {

struct Options {
  std::string model = "vie"; // tesseract language: "vie" (tesseract-ocr-vie) or "Vietnamese"
                             // (tesseract-ocr-script-viet)
  bool tables = true;        // detect ruled tables and read them cell by cell
  bool preprocess = true;    // deskew and denoise before recognition
};

// Largest page the reader will render or decode, in pixels (checked before any decoding).
inline constexpr long long k_max_page_pixels = 100'000'000;

// A reader with its own pool of Tesseract engines (one per worker thread, created on first
// use and reused for every later page and file). Sets OMP_THREAD_LIMIT=1: pages run in
// parallel, each engine single-threaded.
std::unique_ptr<source::PageReader> make_reader(const Options& options);

// Reads one PDF, image or DOCX file with `reader`. Throws InputError ("<file>: <reason>") for
// unreadable, unsupported, encrypted, corrupt, empty or oversized input, DependencyError when
// the tesseract model is missing, InterruptedError when ingest::stop_requested() turns true
// between pages.
source::ReadResult read_file(source::PageReader& reader, const std::filesystem::path& path,
                             const source::ReadOptions& options);

// `parindex ocr --pdf`: writes `out`, a searchable PDF of the PDF or image `in` (or "-"):
// each page's image, deskewed, with Tesseract's invisible text layer over it. Written beside
// `out` and renamed, so a failed run leaves no half file. `progress` (may be empty) is called
// after each page. Throws as read_file().
void write_searchable_pdf(const std::filesystem::path& in, const std::filesystem::path& out,
                          const Options& options,
                          const std::function<void(int done, int total)>& progress = {});

// "tesseract 5.3.0, leptonica-1.82.0, poppler 22.12.0": the engines this build links.
std::string engine_versions();

} // namespace parindex::ocr
