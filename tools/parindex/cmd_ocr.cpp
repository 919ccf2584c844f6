#include "cli.hpp"

#include <parindex/ocr.hpp>

#include <fmt/core.h>

#include <chrono>
#include <unistd.h>

namespace parindex::cli {
namespace {

struct OcrArgs {
  std::string file;
  int jobs = 0;
  std::string model = "vie";
  bool no_tables = false;
  std::string ocr = "auto";
  std::string pdf;
};

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<OcrArgs>();
  app.description("Print the text of a PDF, image or DOCX (OCR when needed); pages end with \\f");
  app.add_option("file", a->file, "PDF, PNG, JPEG, TIFF or DOCX file; - reads standard input")
    ->required();
  app.add_option("--jobs,-j", a->jobs, "OCR worker threads (default: number of cores)")
    ->check(CLI::NonNegativeNumber);
  app.add_option("--model", a->model, "Tesseract model: vie or Vietnamese")
    ->check(CLI::IsMember({"vie", "Vietnamese"}));
  app.add_flag("--no-tables", a->no_tables, "Read ruled tables as plain text, not cell by cell");
  add_ocr_option(app, a->ocr);
  app.add_option("--pdf", a->pdf, "Write a searchable PDF (the page images with an invisible text layer) to FILE")
    ->type_name("FILE");
  return [a, &g]() {
    ocr::Options options;
    options.model = a->model;
    options.tables = !a->no_tables;
    if (!a->pdf.empty()) {
      std::function<void(int, int)> progress;
      if (!g.quiet && isatty(STDERR_FILENO)) {
        std::string name = a->file;
        progress = [name](int done, int total) {
          fmt::print(stderr, "\r{}: page {}/{}{}", name, done, total, done == total ? "\n" : "");
        };
      }
      ocr::write_searchable_pdf(a->file, a->pdf, options, progress);
      return k_exit_ok;
    }
    auto reader = ocr::make_reader(options);
    source::ReadOptions read;
    read.jobs = a->jobs;
    read.ocr = parse_ocr_mode(a->ocr);
    if (!g.quiet && isatty(STDERR_FILENO)) {
      auto last = std::make_shared<std::chrono::steady_clock::time_point>();
      std::string name = a->file;
      read.progress = [last, name](int done, int total) {
        auto now = std::chrono::steady_clock::now();
        if (done < total && now - *last < std::chrono::milliseconds(200)) return;
        *last = now;
        fmt::print(stderr, "\r{}: page {}/{}{}", name, done, total, done == total ? "\n" : "");
      };
    }
    auto result = ocr::read_file(*reader, a->file, read);
    std::string out;
    for (const auto& page : result.pages) {
      out += page.text;
      if (!page.text.empty() && page.text.back() != '\n') out += '\n';
      out += '\f';
    }
    write_stdout(out);
    if (!g.quiet)
      for (const auto& w : result.warnings) warn(fmt::format("{}: {}", a->file, w));
    return result.warnings.empty() ? k_exit_ok : k_exit_warnings;
  };
}

const Registration reg{"ocr", 60, setup};

} // namespace
} // namespace parindex::cli
