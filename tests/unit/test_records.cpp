#include "helpers.hpp"

#include <parindex/records.hpp>
#include <parindex/render.hpp>

#include <set>

using namespace parindex;

TEST_CASE("records::keys depend on identity and line, not on values, and are unique") {
  Document a = testing::two_scores(std::string(64, 'a'));
  assign_keys(a);
  CHECK(a.scores[0].rev.key.size() == 12);
  CHECK(a.scores[0].rev.key != a.scores[1].rev.key);
  Document b = testing::two_scores(std::string(64, 'a'));
  b.scores[0].appraised = 2;        // another value: the same record
  b.scores[0].title = "Kiểm tra";   // a title beside its code does not name it
  assign_keys(b);
  CHECK(b.scores[0].rev.key == a.scores[0].rev.key);
  Document c = testing::two_scores(std::string(64, 'a'));
  c.tasks[0].text = "Kiem tra cong tac cai cach hanh chinh"; // restored marks keep the key
  assign_keys(c);
  CHECK(c.tasks[0].rev.key == a.tasks[0].rev.key);
  c.scores[0].where.line = 11; // read from another line: another record
  assign_keys(c);
  CHECK(c.scores[0].rev.key != a.scores[0].rev.key);
  Document other = testing::two_scores(std::string(64, 'b')); // another document
  assign_keys(other);
  CHECK(other.scores[0].rev.key != a.scores[0].rev.key);
  // Two records with the same identity still get two keys, the same on every run.
  Document twins = testing::two_scores(std::string(64, 'a'));
  twins.scores.push_back(twins.scores[0]);
  assign_keys(twins);
  CHECK(twins.scores[0].rev.key == a.scores[0].rev.key);
  CHECK(twins.scores[2].rev.key != twins.scores[0].rev.key);
  Document again = twins;
  assign_keys(again);
  CHECK(again.scores[2].rev.key == twins.scores[2].rev.key);
  // A record repeated thousands of times (one paragraph of the same sentence): each copy its
  // own key, the first ones as with few copies.
  Document many = twins;
  many.scores.resize(3000, twins.scores[0]);
  assign_keys(many);
  std::set<std::string> keys;
  for (const auto& s : many.scores) keys.insert(s.rev.key);
  CHECK(keys.size() == many.scores.size());
  CHECK(many.scores[0].rev.key == twins.scores[0].rev.key);
  CHECK(many.scores[2].rev.key == twins.scores[2].rev.key);
}

TEST_CASE("records::export streams the same bytes as it would write whole") {
  std::vector<Document> docs = {testing::two_scores(std::string(64, 'a')), testing::two_scores(std::string(64, 'b'))};
  for (auto& d : docs) assign_keys(d);
  for (auto format : {render::Format::json, render::Format::ndjson, render::Format::csv}) {
    for (std::size_t n : {0u, 1u, 2u}) {
      std::vector<Document> some(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(n));
      std::string streamed;
      int pieces = 0;
      render::DocumentStream out(format, [&](std::string_view s) { streamed += s; ++pieces; });
      for (const auto& d : some) out.add(d);
      out.finish();
      CHECK(streamed == render::documents(some, format));
      // JSON and NDJSON go out a document at a time; CSV is made whole at the end.
      if (format != render::Format::csv && n == 2) CHECK(pieces >= 2);
    }
  }
}
