// `parindex ocr --pdf`: the scan as a searchable PDF, each page's image with Tesseract's
// invisible text layer over it (Tesseract's own PDF renderer, as OCRmyPDF uses), so an
// officer keeps the scan and can search and copy its text.
#include "engine.hpp"
#include "sources.hpp"

#include <parindex/error.hpp>
#include <parindex/ingest.hpp>
#include <parindex/ocr.hpp>
#include <parindex/source.hpp>

#include <fmt/core.h>
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/renderer.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

namespace parindex::ocr {

void write_searchable_pdf(const std::filesystem::path& in, const std::filesystem::path& out,
                          const Options& options,
                          const std::function<void(int done, int total)>& progress) {
  const std::string display = in.string() == "-" ? "standard input" : in.string();
  std::string bytes;
  if (in.string() == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream f(in, std::ios::binary);
    if (!f) throw InputError(display + ": cannot open file");
    bytes.assign(std::istreambuf_iterator<char>(f), {});
  }
  auto type = source::detect_type(in, std::string_view(bytes).substr(0, 4096));
  std::unique_ptr<PageSource> src;
  if (type == source::FileType::pdf) src = open_pdf(display, bytes);
  else if (type == source::FileType::image) src = open_image(display, bytes);
  else throw InputError(display + ": not a PDF or image file (a searchable PDF is made of page images)");

  std::string dir = tessdata_dir();
  if (dir.empty() || !std::filesystem::exists(std::filesystem::path(dir) / (options.model + ".traineddata")))
    throw DependencyError(fmt::format("tesseract model '{}' not found: install the Debian package {}",
                                      options.model, package_for(options.model)));
  setMsgSeverity(L_SEVERITY_NONE);
  tesseract::TessBaseAPI api;
  if (api.Init(dir.c_str(), options.model.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
    throw DependencyError(fmt::format("tesseract cannot load model '{}' from {}", options.model, dir));
  api.SetVariable("debug_file", "/dev/null");
  api.SetVariable("thresholding_method", "2");
  api.SetPageSegMode(tesseract::PSM_AUTO);

  // Written beside OUT and renamed: a failed or interrupted run leaves no half PDF.
  const std::string base = out.string() + ".part";
  const std::string written = base + ".pdf";
  struct Cleanup {
    std::string path;
    bool keep = false;
    ~Cleanup() {
      if (!keep) std::remove(path.c_str());
    }
  } cleanup{written};
  auto renderer = std::make_unique<tesseract::TessPDFRenderer>(base.c_str(), dir.c_str(), false);
  if (!renderer->happy() || !renderer->BeginDocument(in.filename().string().c_str()))
    throw InputError(fmt::format("{}: cannot write", out.string()));
  const int n = src->pages();
  for (int i = 0; i < n; ++i) {
    if (ingest::stop_requested()) throw InterruptedError(display + ": interrupted");
    PageImage page = src->image(i);
    // Upright and straight, as the text is read: the text layer then lies on the words.
    PixPtr straight = options.preprocess ? deskew(page.pix.get()) : PixPtr(pixClone(page.pix.get()));
    pixSetResolution(straight.get(), page.dpi, page.dpi);
    // Read as the text is read (denoised, illumination flattened: the same geometry), so the
    // layer has the engine's words; the page shown is the scan itself, only straightened.
    PixPtr image = PixPtr(pixClone(straight.get()));
    if (options.preprocess && !is_clean(straight.get())) {
      image = denoise(straight.get(), page.dpi);
      if (PixPtr flat{pixBackgroundNormSimple(image.get(), nullptr, nullptr)}) image = std::move(flat);
    }
    api.SetImage(image.get());
    api.SetSourceResolution(page.dpi);
    // The image the renderer embeds (set after SetImage, which sets its own); Tesseract owns
    // and destroys what it is given. No input name: the renderer would read that file instead.
    api.SetInputImage(pixClone(straight.get()));
    if (api.Recognize(nullptr) != 0)
      throw InputError(fmt::format("{}: page {}: cannot be recognised", display, i + 1));
    if (!renderer->AddImage(&api))
      throw InputError(fmt::format("{}: page {}: cannot be added to {}", display, i + 1, out.string()));
    api.Clear();
    if (progress) progress(i + 1, n);
  }
  bool ended = renderer->EndDocument();
  renderer.reset(); // closes the file
  if (!ended) throw InputError(fmt::format("{}: cannot write", out.string()));
  if (std::rename(written.c_str(), out.c_str()) != 0)
    throw InputError(fmt::format("{}: cannot write ({})", out.string(), std::strerror(errno)));
  cleanup.keep = true;
}

} // namespace parindex::ocr
