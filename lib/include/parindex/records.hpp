// parindex/records.hpp — the records of `parindex.records/1` (../shared/contract/records.md).
//
// Plain value types: what the extractor fills, the store keeps and the query layer returns.
// Unknown values are std::nullopt (JSON null), never guessed. Text is UTF-8 NFC.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parindex {

inline constexpr const char* k_records_schema = "parindex.records/1";

struct Where {
  int page = 1; // 1-based; 1 for text input
  int line = 1; // 1-based within the page
};

// What every record carries beside its values (added fields). `key` names the record across
// re-extraction (assign_keys); `corrected` is true when a stored correction changed or added
// it (`parindex correct`), `added` when a correction added it, and `original` holds the
// extracted values of the fields corrections changed, each as JSON text ("1.5", "null").
struct Revision {
  std::string key;
  bool corrected = false;
  bool added = false;
  std::map<std::string, std::string> original;
};

struct Score {
  std::optional<std::string> code; // "1.4.2"; nullopt for a named criterion or a total
  std::optional<int> component;    // PAR component 1..8
  std::optional<std::string> title;
  std::optional<int> year;
  std::optional<double> self;      // tự đánh giá / tự chấm
  std::optional<double> appraised; // thẩm định, or a plain "đạt x/y điểm"
  std::optional<double> max;
  std::optional<bool> passed;      // "Đạt" / "Không đạt"
  std::optional<std::string> note;
  std::string index = "PAR INDEX"; // which index the score belongs to (added field)
  // The unit whose result this is, when it is not the document's own (a ranking lists many);
  // nullopt means the document's unit. unit_level: tỉnh | huyện | xã | sở | bộ.
  std::optional<std::string> unit;
  std::optional<std::string> unit_level;
  Where where;
  Revision rev; // key, corrected, original (added fields)
};

struct IndexRow {
  std::optional<int> component; // nullopt for SIPAS and for the total
  std::string name;
  std::optional<int> year;
  std::optional<double> percent;
  std::optional<int> rank;
  std::optional<int> of;
  std::string index = "PAR INDEX"; // "PAR INDEX", "SIPAS", "PAPI", "PCI", "DDCI", "DTI", "766"
  std::optional<std::string> unit;       // as on Score
  std::optional<std::string> unit_level;
  Where where;
  Revision rev; // key, corrected, original (added fields)
};

struct Target {
  std::string indicator;
  std::optional<int> component;
  std::optional<int> year;
  std::string op = "="; // ">=", ">", "=", "<=", "<"
  double value = 0;
  std::string unit = "%"; // "%", "rank", "điểm" or the document's word
  std::optional<std::string> lead; // who is responsible, when the document says (added field)
  std::string index = "PAR INDEX"; // the index the target is about (added field)
  Where where;
  Revision rev; // key, corrected, original (added fields)
};

struct Period {
  std::string from; // YYYY-MM-DD
  std::string to;
};

struct Task {
  std::string text;
  std::optional<std::string> lead;
  std::vector<std::string> partners;
  std::vector<std::string> codes;
  std::optional<std::string> due;   // YYYY-MM-DD
  std::optional<std::string> start; // YYYY-MM-DD
  std::optional<std::string> recurrence; // continuous|monthly|quarterly|half-yearly|yearly
  std::optional<Period> period;
  std::optional<int> day_of_month; // "chậm nhất vào ngày 02 hằng tháng" → 2 (added field)
  Where where;
  Revision rev; // key, corrected, original (added fields)
};

struct Reference {
  std::string kind;   // Kế hoạch, Quyết định, Nghị định, Công văn, …
  std::optional<std::string> number;
  std::optional<std::string> date; // YYYY-MM-DD
  std::optional<std::string> issuer;
  Where where; // added field
  Revision rev; // key, corrected, original (added fields)
};

struct Pipeline {
  std::string input = "text"; // pdf-scanned | pdf-text | image | docx | text
  int pages = 1;
  std::optional<double> ocr_confidence;
  bool restored = false;
  int restored_syllables = 0;
  std::optional<std::string> encoding; // the detected source encoding (added field)
  std::optional<std::string> criteria; // catalogue framework that filled or checked scores (added field)
};

struct Document {
  std::string id;     // sha256 of the source bytes, hex
  std::string source; // path as given to ingest
  std::optional<std::string> kind; // plan | report | decision | other
  std::optional<std::string> number;
  std::optional<std::string> issuer;
  std::optional<std::string> unit;
  std::optional<std::string> unit_level; // tỉnh | huyện | xã
  std::optional<std::string> province;
  std::optional<std::string> issued_on; // YYYY-MM-DD
  std::optional<std::string> title;
  std::optional<int> assessed_year;
  std::optional<int> plan_year;
  std::optional<std::string> signer;
  Pipeline pipeline;
  std::vector<Score> scores;
  std::vector<IndexRow> indices;
  std::vector<Target> targets;
  std::vector<Task> tasks;
  std::vector<Reference> references;
};

// The text of one page as read (after decoding, OCR and restoration), kept in the store.
struct PageText {
  int page = 1;
  std::string text;
  std::optional<double> confidence; // mean OCR word confidence, 0..100
};

// Fills `rev.key` of every record of `doc`: the first 12 hex digits of a sha256 over the
// document id, the record type and the record's identity (index, unit, year, code or title;
// indicator; task text; reference kind and number; folded, so that restoring a word's marks
// keeps it) and the page and line it was read from, never its values. A second record with
// the same identity gets the next free key of its own (a counter in the hash), in document
// order, so keys are unique within a document and the same on every run.
void assign_keys(Document& doc);

// A change an officer made to the records (`parindex correct`), kept apart from the
// extracted records (which it never overwrites) and applied on every read. Values are JSON
// text: "1.5", "\"2024-11-30\"", "null"; an added record's fields are one JSON object.
struct Correction {
  long long id = 0;       // order of entry in this database
  std::string key;        // the record's key; for add, the key the new record gets
  std::string doc_id;
  std::string action;     // set | drop | add
  std::string type;       // score | index | target | task | reference
  std::optional<std::string> field;     // set: the field changed
  std::optional<std::string> old_value; // set: the value it had before; drop: the record
  std::optional<std::string> new_value; // set: the new value; add: the record's fields
  std::optional<std::string> note;
  std::string time;       // ISO 8601 UTC, when it was made
  std::string user;       // $USER of whoever made it
  bool orphaned = false;  // its record (or document) is not in the database (any more)
};

// Corrections read back from the JSON `parindex corrections --format json` prints (an array
// of {key, document, action, type, field, old, new, note, time, user}); `what` names the
// input in errors. Throws InputError.
std::vector<Correction> parse_corrections(std::string_view json, const std::string& what);

} // namespace parindex
