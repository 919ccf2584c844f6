// The ingest pipeline over many files: reading ahead on threads must not change what is
// stored or reported, nor its order.
#include "helpers.hpp"

#include <parindex/store.hpp>

#include <fstream>

using namespace parindex;

namespace {

struct Seen {
  std::string path;
  ingest::Outcome outcome;
  std::string id, message;
  int scores, tasks, indices;
  bool operator==(const Seen&) const = default;
};

std::vector<std::string> batch(const testing::TempDir& tmp) {
  auto samples = testing::source_dir() / "samples";
  std::ofstream(tmp.path / "empty.txt").flush();
  return {
    (samples / "nam-khieu-2025-bao-cao-scan.pdf").string(), // OCR: the slowest, first
    (samples / "song-may-2024-ke-hoach-khac-phuc.txt").string(),
    (tmp.path / "empty.txt").string(),
    (samples / "song-may-2024-ket-qua-chi-so.txt").string(),
    (samples / "song-may-2024-ke-hoach-khac-phuc.txt").string(), // again: unchanged
    (samples / "song-may-2025-ke-hoach-khac-phuc.txt").string(),
  };
}

Seen seen(const ingest::FileResult& r) {
  return {r.path, r.outcome, r.id.value_or(""), r.message, r.scores, r.tasks, r.indices};
}

} // namespace

TEST_CASE("ingest::a batch read ahead is stored and reported in order, as one file at a time [tesseract]") {
  testing::TempDir tmp;
  auto paths = batch(tmp);
  ingest::Options options;
  options.read.jobs = 2;

  std::vector<Seen> one_by_one, ahead;
  {
    store::Store st(tmp.path / "one.db");
    ingest::Pipeline pipeline(st, options);
    for (const auto& p : paths) one_by_one.push_back(seen(pipeline.ingest(p)));
  }
  {
    store::Store st(tmp.path / "ahead.db");
    ingest::Pipeline pipeline(st, options);
    pipeline.ingest_all(paths, [&](const ingest::FileResult& r) { ahead.push_back(seen(r)); });
  }
  REQUIRE(ahead.size() == paths.size());
  CHECK(ahead == one_by_one);
  for (std::size_t i = 0; i < paths.size(); ++i) CHECK(ahead[i].path == paths[i]);
  using O = ingest::Outcome;
  CHECK(ahead[0].outcome == O::added);
  CHECK(ahead[0].scores == 3); // the scanned commune report, through OCR
  CHECK(ahead[1].outcome == O::added);
  CHECK(ahead[2].outcome == O::failed);
  CHECK(ahead[2].message == paths[2] + ": empty file");
  CHECK(ahead[3].outcome == O::added);
  CHECK(ahead[3].indices == 6);
  CHECK(ahead[4].outcome == O::unchanged);
  CHECK(ahead[4].id == ahead[1].id);
  CHECK(ahead[5].outcome == O::added);

  store::Store a(tmp.path / "ahead.db", store::Mode::read_only);
  store::Store b(tmp.path / "one.db", store::Mode::read_only);
  auto ids = [](const store::Store& s) {
    std::vector<std::string> v;
    for (const auto& d : s.documents()) v.push_back(d.id);
    return v;
  };
  CHECK(ids(a) == ids(b));
  CHECK(ids(a).size() == 4);
}
