#include "cli.hpp"

#include <parindex/ingest.hpp>
#include <parindex/ocr.hpp>
#include <parindex/store.hpp>

#include <fmt/core.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <filesystem>
#include <sys/resource.h>
#include <unistd.h>

namespace parindex::cli {
namespace {

// How a file is read: shared by `ingest` and the isolated reader it starts, which gets them
// back as arguments (child_args) so both read a file the same way.
struct ReadSettings {
  std::string encoding = "auto", model = "vie", label, ocr = "auto";
  bool no_tables = false, no_restore = false;
  int memory_budget = 1024; // MB of address space for each isolated reader
};

void apply(const ReadSettings& r, ingest::Options& options, ocr::Options& ocr_options) {
  options.read.encoding = text::parse_encoding(r.encoding);
  options.read.ocr = parse_ocr_mode(r.ocr);
  options.restore = !r.no_restore;
  options.stdin_label = r.label;
  ocr_options.model = r.model;
  ocr_options.tables = !r.no_tables;
}

std::vector<std::string> child_args(const ReadSettings& r) {
  std::vector<std::string> args = {"--encoding", r.encoding, "--model", r.model, "--ocr", r.ocr,
                                   "--memory-budget", std::to_string(r.memory_budget)};
  if (r.no_tables) args.push_back("--no-tables");
  if (r.no_restore) args.push_back("--no-restore");
  if (!r.label.empty()) args.insert(args.end(), {"--label", r.label});
  return args;
}

struct IngestArgs {
  std::vector<std::string> inputs;
  ReadSettings read;
  int jobs = 0;
  bool no_recursive = false;
  bool follow = false;
  std::string format = "table";
  bool isolate = false;
};

// The running program, for the isolated readers it starts.
std::string self_exe() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("parindex") : p.string();
}

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<IngestArgs>();
  app.description("Read documents (text, PDF, images, DOCX) into the database");
  app.add_option("inputs", a->inputs, "Files or directories to ingest; - reads standard input")->required();
  app.add_option("--encoding", a->read.encoding,
                 "Text encoding: auto, utf-8, utf-16, tcvn3, vni, viqr or cp1258")
    ->check(CLI::IsMember({"auto", "utf-8", "utf-16", "tcvn3", "vni", "viqr", "cp1258"}));
  app.add_option("--jobs,-j", a->jobs, "OCR worker threads, and files read ahead (default: number of cores)")
    ->check(CLI::NonNegativeNumber);
  app.add_option("--model", a->read.model, "Tesseract model for scans: vie (default) or Vietnamese")
    ->check(CLI::IsMember({"vie", "Vietnamese"}));
  app.add_flag("--no-tables", a->read.no_tables, "Read ruled tables in scans as plain text, not cell by cell");
  add_ocr_option(app, a->read.ocr);
  app.add_flag("--no-restore", a->read.no_restore, "Do not restore diacritics of unmarked text");
  app.add_flag("--no-recursive", a->no_recursive, "Do not descend into subdirectories");
  app.add_flag("--follow", a->follow, "Read links to files outside the folder (skipped by default)");
  app.add_option("--label", a->read.label, "Name to store and report standard input (-) under, like grep --label");
  app.add_flag("--isolate", a->isolate,
               "Read each file in a child process under a memory budget: a file that crashes or exhausts it fails alone");
  app.add_option("--memory-budget", a->read.memory_budget, "Address space for each isolated reader, in MB (default 1024)")
    ->check(CLI::Range(100, 1 << 20));
  add_format_option(app, a->format);
  return [a, &g]() {
    auto format = render::parse_format(a->format);
    std::vector<ingest::FileResult> results; // printed on stdout for --format json|csv|ndjson
    ingest::Options options;
    ocr::Options ocr_options;
    apply(a->read, options, ocr_options);
    options.read.jobs = a->jobs;
    options.recursive = !a->no_recursive;
    options.make_reader = [ocr_options] { return ocr::make_reader(ocr_options); };
    if (a->isolate) {
      options.isolate = {self_exe(), "__read"};
      for (auto& arg : child_args(a->read)) options.isolate.push_back(std::move(arg));
    }
    // A malformed catalogue stops here, before the database is created or opened.
    options.catalogue = &criteria::Catalogue::default_catalogue();
    auto expanded = ingest::expand(a->inputs, options.recursive, a->follow);
    // An empty folder is a mistake a batch job should hear about (a wrong path, a mount that
    // is not there), not a silent success. Nothing is created.
    if (expanded.files.empty() && expanded.skipped.empty())
      throw InputError(fmt::format("{}: no documents found", fmt::join(a->inputs, ", ")));
    std::vector<std::string> paths;
    for (const auto& f : expanded.files) paths.push_back(f.string());
    // Progress only on a terminal, at most ten times a second, erased before other output:
    // files done of a batch, and the pages of a scan being read (from reader threads).
    const bool tty = !g.quiet && isatty(STDERR_FILENO);
    const bool file_progress = tty && paths.size() > 1;
    auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    std::atomic<std::size_t> done{0};
    std::mutex progress_mutex;
    auto clear = [&] {
      std::lock_guard lock(progress_mutex);
      if (tty) fmt::print(stderr, "\r\033[K");
    };
    auto show_progress = [&] {
      std::lock_guard lock(progress_mutex);
      if (file_progress && done < paths.size() &&
          std::chrono::steady_clock::now() - last > std::chrono::milliseconds(100)) {
        fmt::print(stderr, "\r\033[K[{}/{}] {}", done.load(), paths.size(), text::visible(paths[done]));
        last = std::chrono::steady_clock::now();
      }
    };
    if (tty)
      options.page_progress = [&](const std::string& path, int pages_done, int pages) {
        std::lock_guard lock(progress_mutex);
        if (std::chrono::steady_clock::now() - last < std::chrono::milliseconds(100)) return;
        if (file_progress)
          fmt::print(stderr, "\r\033[K[{}/{}] {}: page {}/{}", done.load(), paths.size(), text::visible(path),
                     pages_done, pages);
        else
          fmt::print(stderr, "\r\033[K{}: page {}/{}", text::visible(path), pages_done, pages);
        last = std::chrono::steady_clock::now();
      };
    store::Store store(g.db);
    ingest::Pipeline pipeline(store, options);
    int added = 0, unchanged = 0, failed = 0, skipped = 0;
    std::vector<std::string> problems;
    // NDJSON is a stream: one line per file as soon as it is stored, so a batch job sees the
    // files stored before a stop or a fatal error. JSON and CSV are written at the end.
    const bool stream = format == render::Format::ndjson;
    auto record = [&](const ingest::FileResult& r) {
      results.push_back(r);
      if (stream) write_stdout(render::ingest_results({r}, format));
    };
    for (const auto& s : expanded.skipped) {
      record(s);
      if (s.outcome == ingest::Outcome::failed) {
        ++failed;
        problems.push_back(s.message);
      } else {
        ++skipped;
      }
      if (!g.quiet) warn(s.message);
    }
    show_progress();
    std::size_t total = expanded.files.size() + expanded.skipped.size();
    // The results so far (JSON and CSV at the end; NDJSON is already out) and the summary line.
    auto conclude = [&](std::size_t not_read) {
      if (!stream && format != render::Format::table) write_stdout(render::ingest_results(results, format));
      if (g.quiet || total <= 1) return;
      fmt::print(stderr, "{} added, {} unchanged, {} skipped, {} failed{}\n", added, unchanged, skipped,
                 failed, not_read ? fmt::format(", {} not read", not_read) : std::string());
    };
    try {
      pipeline.ingest_all(paths, [&](const ingest::FileResult& r) {
        record(r);
        ++done;
        clear();
        switch (r.outcome) {
        case ingest::Outcome::added:
          ++added;
          if (!g.quiet)
            fmt::print(stderr, "added {} {} ({} scores, {} index rows, {} targets, {} tasks, {} references)\n",
                       r.id->substr(0, 12), text::visible(r.path), r.scores, r.indices, r.targets, r.tasks, r.references);
          if (!g.quiet)
            for (const auto& w : r.warnings) warn(w);
          break;
        case ingest::Outcome::unchanged:
          ++unchanged;
          if (!g.quiet) fmt::print(stderr, "unchanged {} {} (already in the database)\n", r.id->substr(0, 12),
                                     text::visible(r.path));
          break;
        case ingest::Outcome::skipped: ++skipped; break;
        case ingest::Outcome::failed:
          ++failed;
          problems.push_back(r.message);
          fmt::print(stderr, "parindex: error: {}\n", text::visible(r.message));
          break;
        }
        show_progress();
      });
    } catch (const Error&) {
      // A full disk, a lost lock or a stop ends the batch: what was stored is said, and the
      // files never read are counted, before the error itself (main prints it and exits).
      clear();
      conclude(paths.size() - done);
      throw;
    }
    conclude(0);
    if (failed > 0 && total > 1 && !g.quiet) {
      fmt::print(stderr, "parindex: {} of {} files failed:\n", failed, total);
      for (const auto& p : problems) fmt::print(stderr, "  {}\n", text::visible(p));
    }
    if (failed > 0) return k_exit_error;
    if (skipped > 0) return k_exit_warnings;
    return k_exit_ok;
  };
}

const Registration reg{"ingest", 10, setup};

// `parindex __read --display NAME -- FILE`: the isolated reader `ingest --isolate` starts for
// each file. Reads and extracts FILE under the memory budget and prints the result (or the
// error) as one JSON document on stdout; not for people, so not in --help.
struct ReadArgs {
  std::string file, display;
  ReadSettings read;
};

Action setup_read(CLI::App& app, Globals&) {
  auto a = std::make_shared<ReadArgs>();
  app.group("");
  app.add_option("file", a->file)->required();
  app.add_option("--display", a->display);
  app.add_option("--encoding", a->read.encoding);
  app.add_option("--model", a->read.model);
  app.add_option("--label", a->read.label);
  app.add_option("--memory-budget", a->read.memory_budget);
  app.add_option("--ocr", a->read.ocr);
  app.add_flag("--no-tables", a->read.no_tables);
  app.add_flag("--no-restore", a->read.no_restore);
  return [a]() {
    std::string display = a->display.empty() ? a->file : a->display;
    try {
      rlimit lim{};
      lim.rlim_cur = lim.rlim_max = static_cast<rlim_t>(a->read.memory_budget) << 20;
      setrlimit(RLIMIT_AS, &lim);
      ingest::Options options;
      ocr::Options ocr_options;
      apply(a->read, options, ocr_options);
      options.read.jobs = 1; // the parent runs several readers at once
      options.catalogue = &criteria::Catalogue::default_catalogue();
      auto reader = ocr::make_reader(ocr_options);
      auto restorer = options.restore ? restore::load_default() : nullptr;
      try {
        auto prepared = ingest::prepare(a->file, display, reader.get(), restorer.get(), options);
        write_stdout(ingest::prepared_to_json(prepared));
      } catch (const std::bad_alloc&) {
        throw InputError(fmt::format("{}: out of memory reading this file (the budget is {} MB)", display,
                                     a->read.memory_budget));
      }
      return k_exit_ok;
    } catch (const Error& e) {
      write_stdout(ingest::error_to_json(e));
      return k_exit_error;
    } catch (const std::exception& e) {
      write_stdout(ingest::error_to_json(InputError(fmt::format("{}: cannot read: {}", display, e.what()))));
      return k_exit_error;
    }
  };
}

const Registration reg_read{"__read", 99, setup_read};

} // namespace
} // namespace parindex::cli
