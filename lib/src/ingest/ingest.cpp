#include <parindex/error.hpp>
#include <parindex/extract.hpp>
#include <parindex/ingest.hpp>
#include <parindex/text.hpp>

#include "records/corrections.hpp"
#include "records/keys.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <deque>
#include <future>
#include <fstream>
#include <iterator>
#include <map>
#include <new>
#include <poll.h>
#include <unistd.h>
#include <set>

namespace parindex::ingest {

namespace {

std::atomic<bool> g_stop{false};
// When the stop was asked for (CLOCK_MONOTONIC, ns): request_stop() runs in a signal handler,
// where clock_gettime is safe and std::chrono is not promised to be.
std::atomic<long long> g_stop_at{0};
// A statement that is writing when the stop comes may finish within this (a batch's commit
// takes milliseconds); one still running after it is cut short and rolled back.
constexpr long long k_stop_grace_ns = 400'000'000;

long long monotonic_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<long long>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

bool stop_overdue() { return g_stop && monotonic_ns() - g_stop_at.load() > k_stop_grace_ns; }

// Text files larger than this are refused before they are read into memory.
constexpr std::uintmax_t k_max_text_bytes = text::k_max_text_bytes;
constexpr std::uintmax_t k_max_file_bytes = 512ull * 1024 * 1024;


std::string read_all(const std::filesystem::path& path, const std::string& display) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError(fmt::format("{}: no such file", display));
  if (std::filesystem::is_directory(status)) throw InputError(fmt::format("{}: is a directory", display));
  if (!std::filesystem::is_regular_file(status)) throw InputError(fmt::format("{}: not a regular file", display));
  auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > k_max_file_bytes)
    throw InputError(fmt::format("{}: file too large ({} MB; the limit is {} MB)", display,
                                 size / (1024 * 1024), k_max_file_bytes / (1024 * 1024)));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot read: {}", display, std::strerror(errno)));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(fmt::format("{}: read error: {}", display, std::strerror(errno)));
  return bytes;
}

// The name a file is stored and reported under: its path, or for standard input ("-") the
// --label the caller gave.
std::string shown_name(const Options& options, const std::string& path) {
  return path == "-" && !options.stdin_label.empty() ? options.stdin_label : path;
}

// Standard input, read in blocks up to the limit of what it turns out to be (text 16 MB,
// anything else the file limit), so `ingest - </dev/zero` stops at the limit instead of
// filling memory; a stop request (SIGINT, SIGTERM) ends the read between blocks.
std::string read_stdin(const std::string& display) {
  std::string bytes;
  std::uintmax_t limit = k_max_file_bytes;
  bool typed = false;
  char buf[1 << 16];
  for (;;) {
    if (g_stop) throw InterruptedError("interrupted");
    // The signal may reach another thread and leave read() waiting: wait at most 100 ms.
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    int ready = ::poll(&pfd, 1, 100);
    if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
    ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputError(fmt::format("{}: read error: {}", display, std::strerror(errno)));
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
    if (!typed && bytes.size() >= 16) {
      typed = true;
      if (source::detect_type(std::filesystem::path(), std::string_view(bytes).substr(0, 16)) ==
          source::FileType::text)
        limit = k_max_text_bytes;
    }
    if (bytes.size() > limit)
      throw InputError(fmt::format("{}: {} too large (more than {} MB; the limit is {} MB)", display,
                                   limit == k_max_text_bytes ? "text input" : "input",
                                   limit / (1024 * 1024), limit / (1024 * 1024)));
  }
  return bytes;
}

bool mentions_par(const std::string& folded_text) {
  // Lines wrap inside the words looked for ("CẢI\nCÁCH HÀNH CHÍNH"): whitespace is one space.
  std::string folded;
  folded.reserve(folded_text.size());
  for (char c : folded_text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && !folded.empty() && folded.back() == ' ') continue;
    folded.push_back(space ? ' ' : c);
  }
  // PAR content is wider than scores: plans on administrative procedures, reporting regimes
  // (chế độ báo cáo), the indices published beside PAR INDEX, and English news of them.
  for (std::string_view k : {"cai cach hanh chinh", "cchc", "par index", "chi so", "tthc", "sipas",
                             "thu tuc hanh chinh", "che do bao cao", "bao cao dinh ky", "papi",
                             "administrative reform", "administration reform", "par index"})
    if (folded.find(k) != std::string::npos) return true;
  return false;
}

std::vector<PageText> split_pages(const std::string& text) {
  std::vector<PageText> pages;
  std::size_t start = 0;
  int n = 1;
  while (true) {
    std::size_t ff = text.find('\f', start);
    pages.push_back({n++, text.substr(start, ff == std::string::npos ? ff : ff - start), std::nullopt});
    if (ff == std::string::npos) break;
    start = ff + 1;
  }
  return pages;
}

} // namespace

void request_stop() {
  if (g_stop) return;
  g_stop_at = monotonic_ns();
  g_stop = true;
}
bool stop_requested() { return g_stop; }

Prepared prepare(const std::filesystem::path& path, const std::string& display,
                 source::PageReader* reader, const restore::Restorer* restorer,
                 const Options& options) {
  std::string bytes;
  if (path == "-") {
    bytes = read_stdin(display);
  } else {
    bytes = read_all(path, display);
  }
  if (bytes.empty()) throw InputError(fmt::format("{}: empty file", display));
  auto type = source::detect_type(path == "-" ? std::filesystem::path() : path,
                                  std::string_view(bytes).substr(0, 16));
  Prepared out;
  std::vector<std::string> page_warnings; // the reader's ("page 3: damaged JPEG data …")
  Document& doc = out.document;
  if (type == source::FileType::unsupported)
    throw InputError(fmt::format("{}: unsupported file type", display));
  if (type == source::FileType::text) {
    if (bytes.size() > k_max_text_bytes)
      throw InputError(fmt::format("{}: text file too large ({} MB; the limit is {} MB)", display,
                                   bytes.size() / (1024 * 1024), k_max_text_bytes / (1024 * 1024)));
    text::Decoded decoded;
    try {
      decoded = text::decode(bytes, options.read.encoding);
    } catch (const InputError& e) {
      throw InputError(fmt::format("{}: {}", display, e.what()));
    }
    out.pages = split_pages(decoded.text);
    doc.pipeline.input = "text";
    doc.pipeline.encoding = std::string(text::encoding_name(decoded.encoding));
  } else {
    // PDF readers accept a header anywhere in the first kilobyte; nothing there is no PDF.
    if (type == source::FileType::pdf && std::string_view(bytes).substr(0, 1024).find("%PDF-") == std::string_view::npos)
      throw InputError(fmt::format("{}: not a PDF file (no %PDF- header)", display));
    if (!reader) throw DependencyError(fmt::format("{}: no page reader for this file type", display));
    source::ReadResult result;
    try {
      result = reader->read(path, bytes, type, options.read);
    } catch (const DependencyError& e) {
      throw DependencyError(fmt::format("{}: {}", display, e.what())); // which file needed it
    }
    out.pages = std::move(result.pages);
    page_warnings = std::move(result.warnings);
    for (const auto& w : page_warnings) out.warnings.push_back(fmt::format("{}: {}", display, w));
    // OCR and PDF text layers come as the engine wrote them: NFC and one tone placement, as text input.
    // Recognised pages (they carry a confidence) also lose the OCR slips that break structure.
    for (auto& p : out.pages) {
      p.text = text::normalize_tones(text::to_nfc(text::without_bidi_controls(p.text)));
      if (p.confidence) p.text = text::clean_ocr(p.text);
    }
    doc.pipeline.input = result.input;
    doc.pipeline.encoding = result.encoding;
  }
  if (stop_requested()) throw InterruptedError("interrupted");

  std::string all;
  for (const auto& p : out.pages) all += p.text + "\n";
  if (options.restore && restorer && restore::needs_restoration(all)) {
    int changed = 0;
    for (auto& p : out.pages) {
      auto r = restorer->restore(p.text);
      p.text = std::move(r.text);
      changed += r.changed;
    }
    doc.pipeline.restored = true;
    doc.pipeline.restored_syllables = changed;
    all.clear();
    for (const auto& p : out.pages) all += p.text + "\n";
  }

  Document extracted = extract::extract(out.pages, &g_stop);
  extracted.pipeline = doc.pipeline;
  extracted.pipeline.pages = static_cast<int>(out.pages.size());
  double sum = 0;
  int n = 0;
  for (const auto& p : out.pages)
    if (p.confidence) { sum += *p.confidence; ++n; }
  if (n) extracted.pipeline.ocr_confidence = std::round(sum / n * 10) / 10;
  extracted.id = records::sha256_hex(bytes);
  extracted.source = display;
  doc = std::move(extracted);
  if (options.catalogue)
    for (auto& w : criteria::complete(doc, *options.catalogue))
      out.warnings.push_back(fmt::format("{}: {}", display, w));

  bool empty = doc.scores.empty() && doc.indices.empty() && doc.targets.empty() && doc.tasks.empty();
  if (empty && !mentions_par(text::fold(all))) {
    // A page that was damaged may be why: say so.
    if (!page_warnings.empty())
      throw InputError(fmt::format("{}: no PAR INDEX content ({})", display, page_warnings.front()));
    throw InputError(fmt::format("{}: no PAR INDEX content (no scores, targets or tasks, and no mention of cải cách hành chính)", display));
  }
  return out;
}

namespace {

// How long a batch of ingested documents may hold the database's write lock, in documents
// and in time: other writers wait for it (up to the busy timeout), readers never do.
constexpr int k_batch_documents = 64;
constexpr auto k_batch_time = std::chrono::milliseconds(250);
constexpr auto k_batch_wait = std::chrono::milliseconds(50); // for the next file, holding the lock

// Files a folder copied from Windows or macOS carries that are nobody's document: left out
// quietly, like hidden files, rather than warned about one by one.
bool is_known_junk(const std::string& name) {
  std::string lower;
  for (char c : name) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower == "thumbs.db" || lower == "desktop.ini" || lower == "ehthumbs.db" ||
         lower.rfind("~$", 0) == 0; // Office's lock files
}

const char* kind_of(std::filesystem::file_type t) {
  switch (t) {
  case std::filesystem::file_type::fifo: return "a FIFO";
  case std::filesystem::file_type::socket: return "a socket";
  case std::filesystem::file_type::block: return "a block device";
  case std::filesystem::file_type::character: return "a character device";
  default: return "not a regular file";
  }
}

bool inside(const std::filesystem::path& p, const std::filesystem::path& root) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *q != *r) return false;
  return true;
}

} // namespace

Expanded expand(const std::vector<std::string>& inputs, bool recursive, bool follow) {
  Expanded out;
  std::set<std::filesystem::path> seen;
  auto skip = [&](const std::filesystem::path& f, const std::string& why) {
    out.skipped.push_back(FileResult{f.string(), Outcome::skipped, fmt::format("{}: skipped: {}", f.string(), why), {}, std::nullopt});
  };
  for (const auto& in : inputs) {
    if (in == "-") { out.files.emplace_back("-"); continue; }
    std::filesystem::path p(in);
    std::error_code ec;
    if (!std::filesystem::is_directory(p, ec)) {
      out.files.push_back(p); // missing/unreadable files fail later with their own message
      continue;
    }
    const std::filesystem::path root = std::filesystem::weakly_canonical(p, ec);
    std::vector<std::filesystem::path> found;
    // An explicit walk, so that each thing left out is said: a folder that cannot be read,
    // a FIFO or device, a link out of the tree (followed only with --follow). Links to
    // folders are never followed, so a link loop cannot trap the walk.
    std::vector<std::filesystem::path> dirs{p};
    while (!dirs.empty()) {
      std::filesystem::path dir = std::move(dirs.back());
      dirs.pop_back();
      std::filesystem::directory_iterator it(dir, ec), end;
      if (ec) {
        if (dir == p)
          out.skipped.push_back(FileResult{in, Outcome::failed, fmt::format("{}: cannot list directory: {}", in, ec.message()), {}, std::nullopt});
        else
          skip(dir, fmt::format("cannot read folder ({})", ec.message()));
        ec.clear();
        continue;
      }
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        const std::filesystem::path& e = it->path();
        std::string name = e.filename().string();
        if (name.rfind('.', 0) == 0 || is_known_junk(name)) continue; // hidden files, junk
        auto st = it->symlink_status(ec);
        if (ec) { skip(e, ec.message()); ec.clear(); continue; }
        if (std::filesystem::is_directory(st)) {
          if (recursive) dirs.push_back(e);
          continue;
        }
        if (std::filesystem::is_symlink(st)) {
          auto target = std::filesystem::status(e, ec);
          if (ec || !std::filesystem::exists(target)) { skip(e, "broken link"); ec.clear(); continue; }
          if (std::filesystem::is_directory(target)) {
            if (recursive) skip(e, "link to a folder (not followed)");
            continue;
          }
          if (!std::filesystem::is_regular_file(target)) { skip(e, fmt::format("link to {}", kind_of(target.type()))); continue; }
          auto real = std::filesystem::canonical(e, ec);
          if (ec) { skip(e, ec.message()); ec.clear(); continue; }
          if (!follow && !inside(real, root)) {
            skip(e, fmt::format("link to a file outside the folder ({}; --follow reads it)", real.string()));
            continue;
          }
          found.push_back(e);
          continue;
        }
        if (!std::filesystem::is_regular_file(st)) { skip(e, kind_of(st.type())); continue; }
        found.push_back(e);
      }
      if (ec) {
        skip(dir, fmt::format("cannot read folder ({})", ec.message()));
        ec.clear();
      }
    }
    std::sort(found.begin(), found.end());
    for (auto& f : found) {
      auto canon = std::filesystem::weakly_canonical(f, ec);
      if (!seen.insert(ec ? f : canon).second) continue;
      if (source::detect_type(f, {}) == source::FileType::unsupported) {
        skip(f, "unsupported file type");
        continue;
      }
      out.files.push_back(f);
    }
  }
  return out;
}

Pipeline::Pipeline(store::Store& store, Options options)
  : m_store(store), m_options(std::move(options)) {
  // Loaded before the first file so that a malformed catalogue stops the batch at once.
  if (!m_options.catalogue) m_options.catalogue = &criteria::Catalogue::default_catalogue();
  m_store.set_interrupt(stop_overdue);
}

Pipeline::~Pipeline() { m_store.set_interrupt({}); }

void Pipeline::ready() {
  // Cheap: engines start when a page first needs OCR. Made for text files too, since a file
  // named .txt may turn out to be a PDF or an image.
  if (!m_reader) m_reader = m_options.make_reader ? m_options.make_reader() : source::make_default_reader();
  if (m_options.restore && !m_restorer_loaded) {
    m_restorer = restore::load_default();
    m_restorer_loaded = true;
  }
}

Pipeline::Attempt Pipeline::attempt(const std::string& path, std::uint64_t order) const {
  Attempt a;
  try {
    Options options = m_options;
    options.read.order = order;
    if (m_options.page_progress)
      options.read.progress = [this, &path](int done, int total) { m_options.page_progress(path, done, total); };
    if (!m_options.isolate.empty())
      a.prepared = prepare_isolated(m_options.isolate, path, shown_name(m_options, path));
    else
      a.prepared = prepare(path, shown_name(m_options, path), m_reader.get(), m_restorer.get(), options);
  } catch (...) {
    a.error = std::current_exception();
  }
  return a;
}

FileResult Pipeline::finish(const std::string& path, Attempt attempt) {
  const std::string shown = shown_name(m_options, path);
  FileResult r{shown, Outcome::failed, {}, {}, {}};
  try {
    if (attempt.error) std::rethrow_exception(attempt.error);
    const Prepared& prepared = *attempt.prepared;
    const Document& doc = prepared.document;
    r.id = doc.id;
    r.scores = static_cast<int>(doc.scores.size());
    r.tasks = static_cast<int>(doc.tasks.size());
    r.targets = static_cast<int>(doc.targets.size());
    r.indices = static_cast<int>(doc.indices.size());
    r.references = static_cast<int>(doc.references.size());
    r.warnings = prepared.warnings;
    if (stop_requested()) throw InterruptedError("interrupted");
    r.outcome = m_store.insert(doc, prepared.pages) ? Outcome::added : Outcome::unchanged;
  } catch (const InputError& e) {
    r.outcome = Outcome::failed;
    r.message = e.what();
  } catch (const StoreError&) {
    // A stop that cut the insert short (Store::set_interrupt) is a stop, not a database fault.
    if (stop_requested()) throw InterruptedError("interrupted");
    throw;
  } catch (const Error&) {
    throw; // the database, a missing dependency or a stop: the batch ends
  } catch (const std::bad_alloc&) {
    // The file's own cost (nothing of it was stored): the batch goes on with the next file.
    r.outcome = Outcome::failed;
    r.message = fmt::format("{}: out of memory reading this file", shown);
  } catch (const std::exception& e) {
    // A fault in reading one file costs that file, not the rest of the folder.
    r.outcome = Outcome::failed;
    r.message = fmt::format("{}: cannot read: {}", shown, e.what());
  }
  return r;
}

FileResult Pipeline::ingest(const std::string& path) {
  if (stop_requested()) throw InterruptedError("interrupted");
  ready();
  return finish(path, attempt(path, 0));
}

void Pipeline::ingest_all(const std::vector<std::string>& paths,
                          const std::function<void(const FileResult&)>& each) {
  if (stop_requested()) throw InterruptedError("interrupted");
  // Readers and the restoration model are set up here, before any file is read on a thread.
  ready();
  // Files are read ahead, as many at a time as there are page workers: pages of the next file
  // start on a core the current file no longer needs (its last pages, a one-page scan), and
  // text files are extracted in parallel. The OCR reader never runs more pages at once than
  // its workers. Results are stored and reported in the order of `paths`, so the database and
  // the output are the same as one file at a time.
  //
  // Documents are committed in batches (Store::begin_batch), each in its own savepoint: one
  // commit and one full-text statement per document were half the cost of a text ingest. A
  // file is reported once its batch is committed, so what was reported is what is stored.
  const auto ahead = static_cast<std::size_t>(m_options.read.workers());
  std::deque<std::pair<std::string, std::future<Attempt>>> inflight;
  std::vector<FileResult> unreported;
  auto opened = std::chrono::steady_clock::now();
  auto commit = [&] {
    std::vector<FileResult> done = std::move(unreported);
    unreported.clear();
    m_store.commit_batch(); // when this throws, the files of `done` were not stored: never reported
    for (const FileResult& r : done) each(r);
    opened = std::chrono::steady_clock::now();
  };
  m_store.begin_batch();
  try {
    std::size_t next = 0;
    while (next < paths.size() || !inflight.empty()) {
      while (next < paths.size() && inflight.size() < ahead && !stop_requested()) {
        const std::string& p = paths[next];
        inflight.emplace_back(p, std::async(std::launch::async, [this, p, next] { return attempt(p, next); }));
        ++next;
      }
      if (inflight.empty()) throw InterruptedError("interrupted");
      auto [path, future] = std::move(inflight.front());
      inflight.pop_front();
      // No lock is held while a file is still being read (an OCR'd scan takes seconds); a
      // text file is read in milliseconds, and committing for each one would undo the batch.
      if (future.wait_for(k_batch_wait) != std::future_status::ready) commit();
      // A StoreError, DependencyError or InterruptedError ends the batch here; the files still
      // being read stop at their next page (or finish it) before `inflight` is destroyed.
      unreported.push_back(finish(path, future.get()));
      if (m_store.batch_size() >= k_batch_documents ||
          std::chrono::steady_clock::now() - opened >= k_batch_time)
        commit();
    }
    commit();
  } catch (...) {
    // The files finished before the stop are stored and reported (unless the commit runs past
    // the stop's grace, and is rolled back); then the stop goes on.
    try {
      commit();
    } catch (...) {
    }
    try {
      m_store.end_batch();
    } catch (...) {
    }
    try {
      throw;
    } catch (const StoreError&) {
      if (stop_requested()) throw InterruptedError("interrupted");
      throw;
    }
  }
  m_store.end_batch();
}

namespace {

// A document's records by key, each as its JSON without the key (what a rebuild compares).
std::map<std::string, std::string> records_by_key(const Document& doc) {
  std::map<std::string, std::string> out;
  records::Json j = records::to_json(doc);
  for (const char* array : {"scores", "indices", "targets", "tasks", "references"})
    for (auto rec : j[array]) {
      std::string key = rec.value("key", "");
      rec.erase("key");
      out[key] = rec.dump();
    }
  return out;
}

} // namespace

std::vector<RebuildResult> rebuild(store::Store& store, const Options& options, bool dry_run) {
  std::shared_ptr<const restore::Restorer> restorer;
  if (options.restore) restorer = restore::load_default();
  std::map<std::string, std::vector<Correction>> corrections;
  for (auto& c : store.corrections()) corrections[c.doc_id].push_back(std::move(c));
  std::vector<RebuildResult> out;
  for (const auto& summary : store.summaries()) {
    if (stop_requested()) throw InterruptedError("interrupted");
    auto old = store.extracted(summary.id);
    if (!old) continue;
    // The stored text is what was read (after OCR and any restoration then): restoration runs
    // again only when it still looks unmarked, as ingest decides it.
    std::vector<PageText> pages = store.text(summary.id);
    std::string all;
    for (const auto& p : pages) all += p.text + "\n";
    int changed = 0;
    bool restored = false;
    if (restorer && restore::needs_restoration(all)) {
      for (auto& p : pages) {
        auto r = restorer->restore(p.text);
        p.text = std::move(r.text);
        changed += r.changed;
      }
      restored = true;
    }
    Document doc = extract::extract(pages, &g_stop);
    doc.id = old->id;
    doc.source = old->source;
    doc.pipeline = old->pipeline;
    doc.pipeline.pages = static_cast<int>(pages.size());
    if (restored) {
      doc.pipeline.restored = true;
      doc.pipeline.restored_syllables += changed;
    }
    if (options.catalogue) criteria::complete(doc, *options.catalogue);
    assign_keys(doc);

    RebuildResult r;
    r.id = doc.id;
    r.source = doc.source;
    auto before = records_by_key(*old), after = records_by_key(doc);
    for (const auto& [key, rec] : after) {
      auto it = before.find(key);
      if (it == before.end()) ++r.added;
      else if (it->second != rec) ++r.changed;
    }
    for (const auto& [key, rec] : before)
      if (!after.count(key)) ++r.removed;
    if (auto it = corrections.find(doc.id); it != corrections.end()) {
      records::Json j = records::to_json(doc);
      auto missing = records::apply(j, it->second);
      for (const auto& c : it->second)
        if (missing.count(c.id)) r.orphaned.push_back(c);
    }
    if (!dry_run) store.replace(doc);
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace parindex::ingest
