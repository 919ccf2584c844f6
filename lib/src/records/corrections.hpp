// Internal: corrections on a document's JSON (records::to_json shape). The
// store applies them on every read; the field table here is the one place that says which
// fields a record type has and what values they take.
#pragma once

#include "keys.hpp"

#include <set>
#include <string>
#include <vector>

namespace parindex::records {

// "score", "index", "target", "task" or "reference" from that name or its plural; throws
// UsageError.
std::string record_type(const std::string& name);
bool has_field(const std::string& type, const std::string& field);
// FIELD=VALUE as typed → the JSON value: numbers "1,5" or "1.5", whole numbers, dates
// YYYY-MM-DD, Đạt/Không đạt or true/false, lists separated by ';', "null" or nothing to clear.
// Throws UsageError naming the field, the value and what was expected.
Json parse_field(const std::string& type, const std::string& field, const std::string& value);
// Throws UsageError when `fields` lack what names a record of `type` (a score's code or
// title, a task's text …).
void require_identity(const std::string& type, const Json& fields);
// A whole record of `type` with `fields` over the defaults; `where` page 0 line 0 (no source).
Json new_record(const std::string& type, const Json& fields);
// Applies `list` (entry order; other documents' corrections are skipped) to `doc`, whose
// records carry their keys. Returns the ids of the corrections whose record is not there.
std::set<long long> apply(Json& doc, const std::vector<Correction>& list);
// {key, document, action, type, field, old, new, note, time, user, orphaned}
Json to_json(const Correction& c);

} // namespace parindex::records
