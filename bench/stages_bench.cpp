// Text-ingest cost by stage: prints figures, never passes or fails.
//
//   build/bench/stages_bench [SEEDS_DIR] [COPIES]
//
// Reads seeds 000-003 (default ../shared/seeds) and runs each stage of a text ingest over
// COPIES copies of each (default 100), timing each stage on its own thread's CPU clock:
// decode (UTF-8 check, NFC, tone placement), extract (text to records) and store (one SQLite
// savepoint per document, 64 to a commit as ingest does, into a fresh database in a
// temporary directory). Prints
// microseconds per document and documents per CPU second for each stage, and for the three
// together. bench/extract_bench.sh measures the whole `parindex ingest` (file reading,
// hashing and threads included); this one says where its time goes.
#include <parindex/extract.hpp>
#include <parindex/store.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace parindex;

namespace {

double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

int main(int argc, char** argv) {
  std::filesystem::path seeds = argc > 1 ? argv[1] : PARINDEX_SOURCE_DIR "/../shared/seeds";
  int copies = argc > 2 ? std::stoi(argv[2]) : 100;
  std::vector<std::string> inputs;
  for (const char* n : {"000_", "001_", "002_", "003_"}) {
    if (!std::filesystem::is_directory(seeds)) break;
    for (const auto& e : std::filesystem::directory_iterator(seeds)) {
      std::string name = e.path().filename().string();
      if (name.rfind(n, 0) == 0 && e.path().extension() == ".txt") inputs.push_back(read_file(e.path()));
    }
  }
  if (inputs.empty()) {
    fmt::print("skipped: no seeds 000-003 in {}\n", seeds.string());
    return 0;
  }
  auto dir = std::filesystem::temp_directory_path() / fmt::format("stages_bench.{}", ::getpid());
  std::filesystem::create_directories(dir);
  double t_decode = 0, t_extract = 0, t_store = 0;
  long long docs = 0, bytes = 0;
  {
    store::Store db(dir / "bench.db");
    db.begin_batch(); // as `parindex ingest` stores a folder: 64 documents per commit
    for (int i = 0; i < copies; ++i) {
      for (const std::string& seed : inputs) {
        std::string in = seed + fmt::format("\nBản sao {} của tài liệu.\n", i);
        bytes += static_cast<long long>(in.size());
        double t0 = cpu_now();
        text::Decoded d = text::decode(in);
        double t1 = cpu_now();
        std::vector<PageText> pages{PageText{1, std::move(d.text), std::nullopt}};
        Document doc = extract::extract(pages);
        double t2 = cpu_now();
        doc.id = fmt::format("{:064x}", docs);
        doc.source = fmt::format("copy-{}.txt", docs);
        db.insert(doc, pages);
        if (db.batch_size() >= 64) db.commit_batch();
        double t3 = cpu_now();
        t_decode += t1 - t0;
        t_extract += t2 - t1;
        t_store += t3 - t2;
        ++docs;
      }
    }
    double t0 = cpu_now();
    db.end_batch();
    t_store += cpu_now() - t0;
  }
  std::filesystem::remove_all(dir);
  auto line = [&](const char* name, double t) {
    fmt::print("{:<8} {:>8.0f} µs/doc {:>9.1f} docs/CPU-s\n", name, t / docs * 1e6, docs / t);
  };
  fmt::print("{} documents, {:.1f} KB each on average\n", docs, bytes / 1024.0 / docs);
  line("decode", t_decode);
  line("extract", t_extract);
  line("store", t_store);
  line("total", t_decode + t_extract + t_store);
  return 0;
}
