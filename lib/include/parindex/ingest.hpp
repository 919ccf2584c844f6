// parindex/ingest.hpp — the pipeline: read → decode/OCR → restore → extract → store.
#pragma once

#include <parindex/criteria.hpp>
#include <parindex/error.hpp>
#include <parindex/records.hpp>
#include <parindex/restore.hpp>
#include <parindex/source.hpp>
#include <parindex/store.hpp>

#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parindex::ingest {

struct Options {
  source::ReadOptions read;
  bool restore = true; // restore diacritics when the text needs it and a model is installed
  bool recursive = true;
  // Fills missing components and maxima and checks stated ones; the Pipeline uses
  // criteria::Catalogue::default_catalogue() when this is null, prepare() skips the step.
  const criteria::Catalogue* catalogue = nullptr;
  // Makes the PDF/image/DOCX reader (source::make_default_reader() when empty): the CLI's
  // --model and --no-tables choose the OCR stage's settings through it.
  std::function<std::unique_ptr<source::PageReader>()> make_reader;
  // The name standard input ("-") is stored and reported under (`ingest --label`, as
  // `grep --label`); "-" when empty.
  std::string stdin_label;
  // When not empty, each file is read in a child process running this command (argv; the
  // CLI's `ingest --isolate` makes it "parindex __read …"), with "--display NAME -- PATH"
  // appended: the child prints prepared_to_json() of its prepare(), or error_to_json(), so a
  // crash or an exhausted memory budget costs that file only.
  std::vector<std::string> isolate;
  // Pages done of a file being read (called from reader threads, files read ahead at once).
  std::function<void(const std::string& path, int done, int total)> page_progress;
};

enum class Outcome { added, unchanged, skipped, failed };

struct FileResult {
  std::string path;
  Outcome outcome;
  std::string message;  // reason for skipped/failed
  std::vector<std::string> warnings; // "FILE: …" the document was stored, but look at this
  std::optional<std::string> id;
  int scores = 0, tasks = 0, targets = 0, indices = 0, references = 0;
};

// Reads and extracts one file without storing it (used by `ingest` and by tests).
// `display` is the path as the user gave it. Throws InputError/DependencyError.
struct Prepared {
  Document document;
  std::vector<PageText> pages;
  std::vector<std::string> warnings; // maxima that contradict the criteria catalogue
};
Prepared prepare(const std::filesystem::path& path, const std::string& display,
                 source::PageReader* reader, const restore::Restorer* restorer,
                 const Options& options);

// A prepared file as the isolated reader prints it, and back (document, pages, warnings);
// an error as the child prints it, which prepared_from_json() throws again in its category.
std::string prepared_to_json(const Prepared& p);
std::string error_to_json(const Error& e);
Prepared prepared_from_json(std::string_view json);
// prepare() in a child process running `command` (see Options::isolate). Throws InputError
// naming the file when the child crashes, is killed or prints nothing readable.
Prepared prepare_isolated(const std::vector<std::string>& command, const std::filesystem::path& path,
                          const std::string& display);

// Expands files and directories (recursively, sorted) into the list of files to ingest; "-"
// stays "-" (standard input). Hidden files and well-known junk (Thumbs.db, desktop.ini,
// Office lock files) are left out quietly; unsupported files, unreadable folders, FIFOs and
// devices, links to folders, and links to files outside the folder (unless `follow`) are
// reported as skipped.
struct Expanded {
  std::vector<std::filesystem::path> files;
  std::vector<FileResult> skipped;
};
Expanded expand(const std::vector<std::string>& inputs, bool recursive, bool follow = false);

class Pipeline {
public:
  Pipeline(store::Store& store, Options options);
  ~Pipeline();
  // One file (or "-"): never throws for a bad input file; the failure is in the result.
  // Throws StoreError/DependencyError/InterruptedError, which stop a batch.
  FileResult ingest(const std::string& path);
  // Many files, read ahead on threads, stored and reported (`each`) in the given order.
  // Stops with the same exceptions as ingest(); files reported before that are stored.
  void ingest_all(const std::vector<std::string>& paths,
                  const std::function<void(const FileResult&)>& each);

private:
  struct Attempt {
    std::optional<Prepared> prepared;
    std::exception_ptr error;
  };
  void ready(); // the reader and restoration model, made once before any file is read
  Attempt attempt(const std::string& path, std::uint64_t order) const;
  FileResult finish(const std::string& path, Attempt attempt);

  store::Store& m_store;
  Options m_options;
  std::unique_ptr<source::PageReader> m_reader;
  std::shared_ptr<const restore::Restorer> m_restorer;
  bool m_restorer_loaded = false;
};

// `parindex rebuild`: every stored document extracted again from its stored page text (no
// OCR; restoration when the text needs it and `options.restore`), criteria completed from
// `options.catalogue`, and stored in one transaction per document unless `dry_run`.
// Corrections stay, by key. In document order (unit, date, id).
struct RebuildResult {
  std::string id, source;
  int added = 0, removed = 0, changed = 0; // records, by key, against the stored extraction
  std::vector<Correction> orphaned;        // its corrections whose record is gone after it
};
std::vector<RebuildResult> rebuild(store::Store& store, const Options& options, bool dry_run);

// Set by the CLI's SIGINT/SIGTERM handler; the pipeline checks it between pages and files.
void request_stop();
bool stop_requested();

} // namespace parindex::ingest
