// The default PageReader: pages spread over worker threads, one reused Tesseract engine each.
#include "engine.hpp"
#include "sources.hpp"

#include <parindex/error.hpp>
#include <parindex/text.hpp>
#include <parindex/ingest.hpp>
#include <parindex/ocr.hpp>

#include <fmt/core.h>

#include <dlfcn.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <set>
#include <thread>

namespace parindex::ocr {

namespace {

// libgomp reads OMP_THREAD_LIMIT when it is loaded, before main(): setting it here only
// reaches child processes. What does reach Tesseract's parallel regions is max-active-levels
// = 0 in the thread that starts them (a per-thread setting), which runs every region with one
// thread: 2 workers on 2 cores went from 12.5 s to 3.6 s for 2 pages. Looked up at run time:
// only a Tesseract built with OpenMP has libgomp.
void limit_openmp() {
  using SetLevels = void (*)(int);
  if (auto f = reinterpret_cast<SetLevels>(dlsym(RTLD_DEFAULT, "omp_set_max_active_levels")))
    f(0);
}

// The page workers of one reader, shared by every file it reads at the same time: at most
// `capacity` pages are rendered and recognised at once, and a free worker goes to the waiting
// page of the earliest file (lowest order). So reading ahead keeps the cores busy at the end
// of a file (its last pages, a one-page file) without ever running more pages than cores.
class PageSlots {
public:
  void set_capacity(int n) {
    std::lock_guard lock(m_mutex);
    if (m_capacity == 0) m_capacity = m_free = std::max(1, n);
  }
  int capacity() {
    std::lock_guard lock(m_mutex);
    return m_capacity;
  }
  void acquire(std::uint64_t order) {
    std::unique_lock lock(m_mutex);
    auto me = m_waiting.insert(order);
    m_cv.wait(lock, [&] { return m_free > 0 && *m_waiting.begin() == order; });
    m_waiting.erase(me);
    --m_free;
    if (m_free > 0) m_cv.notify_all(); // the next waiter may go too
  }
  void release() {
    {
      std::lock_guard lock(m_mutex);
      ++m_free;
    }
    m_cv.notify_all();
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::multiset<std::uint64_t> m_waiting;
  int m_capacity = 0, m_free = 0;
};

class DefaultReader final : public source::PageReader {
public:
  explicit DefaultReader(Options options) : m_options(std::move(options)) {
    // Tesseract's OpenMP would fight our page-level threads for the cores.
    setenv("OMP_THREAD_LIMIT", "1", 1);
    limit_openmp();
    setMsgSeverity(L_SEVERITY_NONE); // Leptonica reports failures through return values
  }

  source::ReadResult read(const std::filesystem::path& path, std::string_view bytes,
                          source::FileType type, const source::ReadOptions& options) override {
    std::string display = path.string() == "-" ? "standard input" : path.string();
    source::ReadResult result;
    if (type == source::FileType::docx) {
      result.input = "docx";
      result.pages.push_back({1, read_docx(display, bytes), std::nullopt});
      return result;
    }
    std::unique_ptr<PageSource> src;
    if (type == source::FileType::pdf) src = open_pdf(display, bytes);
    else if (type == source::FileType::image) src = open_image(display, bytes);
    else throw InputError(display + ": not a PDF, image or DOCX file");

    const int n = src->pages();
    result.pages.resize(n);
    std::vector<char> recognised(n, 0);
    m_slots.set_capacity(options.workers());
    const int jobs = std::min(m_slots.capacity(), n);

    std::atomic<int> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex; // guards first_error, done and the progress callback
    std::exception_ptr first_error;
    int done = 0;

    auto worker = [&] {
      limit_openmp(); // the setting belongs to the calling thread
      try {
        for (int i; !stop && (i = next++) < n;) {
          Slot slot(m_slots, options.order);
          if (ingest::stop_requested()) {
            stop = true;
            throw InterruptedError(display + ": interrupted");
          }
          PageText& page = result.pages[i];
          page.page = i + 1;
          if (type == source::FileType::pdf && options.ocr != source::OcrMode::always) {
            if (auto text = src->text(i)) {
              std::string layer = std::move(*text);
              if (auto fixed = text::repair_legacy_layer(layer)) {
                layer = std::move(fixed->text);
                std::lock_guard lock(mutex);
                result.encoding = std::string(text::encoding_name(fixed->encoding));
              }
              bool enough = false;
              double share = text::vietnamese_share(layer, 20, &enough);
              if (options.ocr == source::OcrMode::automatic && enough && share < 0.5) {
                std::lock_guard lock(mutex);
                result.warnings.push_back(fmt::format(
                  "page {}: the text layer does not read as Vietnamese ({:.0f}% of words; an unknown "
                  "font encoding?); the page was recognised instead", i + 1, share * 100));
              } else {
                page.text = std::move(layer);
              }
            }
          }
          if (page.text.empty() && (options.ocr != source::OcrMode::never || type != source::FileType::pdf)) {
            // Engines go back to the pool after each page: there are never more of them
            // than page workers, however many files are being read.
            Lease engine(*this);
            PageImage image = src->image(i);
            if (!image.warning.empty()) {
              std::lock_guard lock(mutex);
              result.warnings.push_back(std::move(image.warning));
            }
            Recognised r = engine->recognise(image);
            page.text = std::move(r.text);
            page.confidence = r.mean_confidence();
            recognised[i] = 1;
          }
          std::lock_guard lock(mutex);
          ++done;
          if (options.progress) options.progress(done, n);
        }
      } catch (...) {
        stop = true;
        std::lock_guard lock(mutex);
        if (!first_error) first_error = std::current_exception();
      }
    };

    if (jobs <= 1) {
      worker();
    } else {
      std::vector<std::jthread> threads;
      for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);
    }
    if (first_error) std::rethrow_exception(first_error);

    int ocr_pages = 0;
    for (char r : recognised) ocr_pages += r;
    if (type == source::FileType::image) result.input = "image";
    else result.input = ocr_pages > 0 ? "pdf-scanned" : "pdf-text";
    return result;
  }

private:
  struct Slot {
    Slot(PageSlots& s, std::uint64_t order) : slots(s) { slots.acquire(order); }
    ~Slot() { slots.release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    PageSlots& slots;
  };
  struct Lease {
    explicit Lease(DefaultReader& r) : reader(r), engine(r.acquire()) {}
    ~Lease() { reader.release(std::move(engine)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Engine* operator->() const { return engine.get(); }
    DefaultReader& reader;
    std::unique_ptr<Engine> engine;
  };

  // Engines outlive a read(): initialising one costs ~0.3 s, reusing it nothing.
  std::unique_ptr<Engine> acquire() {
    {
      std::lock_guard lock(m_pool_mutex);
      if (!m_pool.empty()) {
        auto e = std::move(m_pool.back());
        m_pool.pop_back();
        return e;
      }
    }
    return std::make_unique<Engine>(m_options);
  }
  void release(std::unique_ptr<Engine> engine) {
    std::lock_guard lock(m_pool_mutex);
    m_pool.push_back(std::move(engine));
  }

  Options m_options;
  PageSlots m_slots;
  std::mutex m_pool_mutex;
  std::vector<std::unique_ptr<Engine>> m_pool;
};

} // namespace

std::unique_ptr<source::PageReader> make_reader(const Options& options) {
  return std::make_unique<DefaultReader>(options);
}

source::ReadResult read_file(source::PageReader& reader, const std::filesystem::path& path,
                             const source::ReadOptions& options) {
  std::string bytes;
  std::string display = path.string();
  if (display == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(display + ": cannot open file");
    bytes.assign(std::istreambuf_iterator<char>(in), {});
    if (in.bad()) throw InputError(display + ": read error");
  }
  auto type = source::detect_type(path, std::string_view(bytes).substr(0, 4096));
  if (type == source::FileType::text || type == source::FileType::unsupported)
    throw InputError(display + ": not a PDF, image or DOCX file");
  return reader.read(path, bytes, type, options);
}

} // namespace parindex::ocr

namespace parindex::source {

std::unique_ptr<PageReader> make_default_reader() { return ocr::make_reader({}); }

} // namespace parindex::source
