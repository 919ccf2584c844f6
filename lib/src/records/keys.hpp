// Internal: record keys (parindex::assign_keys) on the records' JSON shape.
#pragma once

#include "json.hpp"

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

namespace parindex::records {

// The sha256 of `bytes` in lower-case hex (64 digits): document ids, and record keys' prefix.
std::string sha256_hex(std::string_view bytes);

// "scores" for "score", … ; nullptr for an unknown type.
const char* array_of(const std::string& type);
// The fields of a record (records::to_json shape) that say which record it is, folded, with
// the page and line it was read from.
std::string identity(const std::string& type, const Json& record);
// The keys a document's records already have, and for each identity the first counter that
// was not yet tried: a document that repeats one record N times costs N hashes, not N²/2.
struct TakenKeys {
  std::set<std::string> keys;
  std::unordered_map<std::string, int> next;
  void insert(std::string key) { keys.insert(std::move(key)); }
};

// 12 hex digits of a sha256 over document, type and identity; a key already `taken` takes
// the next counter. The key is added to `taken`.
std::string key_of(const std::string& doc_id, const std::string& type, const std::string& identity,
                   TakenKeys& taken);
// The key of a record a correction adds (its identity, marked as added).
std::string added_key(const std::string& doc_id, const std::string& type, const Json& record,
                      TakenKeys& taken);

} // namespace parindex::records

namespace parindex {

// assign_keys with the document's records::to_json already made: the keys go into `j` too,
// so that `j` is the keyed document's JSON without a second to_json.
void assign_keys(Document& doc, records::Json& j);

} // namespace parindex
