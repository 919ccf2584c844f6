#include "helpers.hpp"

#include <parindex/records.hpp>

using namespace parindex;

namespace {

Document two_scores(const std::string& id) {
  Document d;
  d.id = id;
  d.source = "x.txt";
  d.unit = "Sông Mây";
  Score s;
  s.code = "1.3";
  s.year = 2023;
  s.self = 2;
  s.appraised = 1;
  s.max = 2;
  s.where = {1, 10};
  d.scores.push_back(s);
  s.code = "1.6";
  s.self = 1;
  s.appraised = 0;
  s.max = 1;
  s.where = {1, 12};
  d.scores.push_back(s);
  Task t;
  t.text = "Kiểm tra công tác cải cách hành chính";
  t.due = "2024-09-30";
  t.where = {1, 20};
  d.tasks.push_back(t);
  return d;
}

} // namespace

TEST_CASE("records::keys depend on identity and line, not on values, and are unique") {
  Document a = two_scores(std::string(64, 'a'));
  assign_keys(a);
  CHECK(a.scores[0].rev.key.size() == 12);
  CHECK(a.scores[0].rev.key != a.scores[1].rev.key);
  Document b = two_scores(std::string(64, 'a'));
  b.scores[0].appraised = 2;        // another value: the same record
  b.scores[0].title = "Kiểm tra";   // a title beside its code does not name it
  assign_keys(b);
  CHECK(b.scores[0].rev.key == a.scores[0].rev.key);
  Document c = two_scores(std::string(64, 'a'));
  c.tasks[0].text = "Kiem tra cong tac cai cach hanh chinh"; // restored marks keep the key
  assign_keys(c);
  CHECK(c.tasks[0].rev.key == a.tasks[0].rev.key);
  c.scores[0].where.line = 11; // read from another line: another record
  assign_keys(c);
  CHECK(c.scores[0].rev.key != a.scores[0].rev.key);
  Document other = two_scores(std::string(64, 'b')); // another document
  assign_keys(other);
  CHECK(other.scores[0].rev.key != a.scores[0].rev.key);
  // Two records with the same identity still get two keys, the same on every run.
  Document twins = two_scores(std::string(64, 'a'));
  twins.scores.push_back(twins.scores[0]);
  assign_keys(twins);
  CHECK(twins.scores[0].rev.key == a.scores[0].rev.key);
  CHECK(twins.scores[2].rev.key != twins.scores[0].rev.key);
  Document again = twins;
  assign_keys(again);
  CHECK(again.scores[2].rev.key == twins.scores[2].rev.key);
}
