// Record keys: which record it is, never what it says.
#include "keys.hpp"

#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>
#include <openssl/evp.h>

namespace parindex::records {

std::string sha256_hex(std::string_view bytes) {
  // The algorithm is fetched once and the context kept per thread: OpenSSL 3 looks the
  // algorithm up in its providers on every EVP_Digest(EVP_sha256()), which cost more than
  // hashing a record key (some 16,000 instructions a call).
  static EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  struct Ctx {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Ctx() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Ctx c;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!sha256 || !c.ctx || EVP_DigestInit_ex(c.ctx, sha256, nullptr) != 1 ||
      EVP_DigestUpdate(c.ctx, bytes.data(), bytes.size()) != 1 || EVP_DigestFinal_ex(c.ctx, md, &len) != 1)
    throw Error(ErrorCategory::dependency, "sha256 unavailable (OpenSSL)");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(hex[md[i] >> 4]);
    out.push_back(hex[md[i] & 15]);
  }
  return out;
}

namespace {

constexpr std::size_t k_key_digits = 12;

// A value of the identity as text: folded strings (restoring a mark keeps the key), numbers
// as JSON writes them, nothing for null.
std::string part(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return text::fold(v.get<std::string>());
  return v.dump();
}

const Json& field(const Json& rec, const char* name) {
  static const Json null = nullptr;
  auto it = rec.find(name);
  return it == rec.end() ? null : *it;
}

} // namespace

// The fields that say which record it is, never what it says: of a score its index, unit,
// year and code (its title when it has no code); of an index row its index, unit, year,
// component and name; of a target its index, year, component and indicator; of a task its
// text; of a reference its kind and number; and of every record the page and line.
std::string identity(const std::string& type, const Json& rec) {
  std::vector<const char*> names;
  if (type == "score") {
    names = {"index", "unit", "year"};
    names.push_back(field(rec, "code").is_null() ? "title" : "code");
  } else if (type == "index") {
    names = {"index", "unit", "year", "component", "name"};
  } else if (type == "target") {
    names = {"index", "year", "component", "indicator"};
  } else if (type == "task") {
    names = {"text"};
  } else {
    names = {"kind", "number"};
  }
  std::string out;
  for (const char* n : names) out += std::string(n) + "=" + part(field(rec, n)) + "\x1f";
  const Json& where = field(rec, "where");
  if (where.is_object())
    out += fmt::format("@{}:{}", where.value("page", 1), where.value("line", 1));
  return out;
}

std::string key_of(const std::string& doc_id, const std::string& type, const std::string& identity,
                   TakenKeys& taken) {
  std::string base = doc_id + "\x1e" + type + "\x1e" + identity;
  // Every counter below next[base] is taken (keys are only ever added): the same keys as
  // trying from 0, without hashing them again.
  int& n = taken.next[base];
  for (;; ++n) {
    std::string key = sha256_hex(n == 0 ? base : fmt::format("{}\x1e#{}", base, n)).substr(0, k_key_digits);
    if (taken.keys.insert(key).second) {
      ++n;
      return key;
    }
  }
}

const char* array_of(const std::string& type) {
  if (type == "score") return "scores";
  if (type == "index") return "indices";
  if (type == "target") return "targets";
  if (type == "task") return "tasks";
  if (type == "reference") return "references";
  return nullptr;
}

std::string added_key(const std::string& doc_id, const std::string& type, const Json& record,
                      TakenKeys& taken) {
  return key_of(doc_id, type, "added\x1f" + identity(type, record), taken);
}

} // namespace parindex::records

namespace parindex {

void assign_keys(Document& doc, records::Json& j) {
  // Through the records' JSON shape, so that a key is the same whether it is made here or
  // from a stored record.
  records::TakenKeys taken;
  auto fill = [&](auto& list, const char* type) {
    records::Json& arr = j[records::array_of(type)];
    for (std::size_t i = 0; i < list.size(); ++i) {
      list[i].rev.key = records::key_of(doc.id, type, records::identity(type, arr[i]), taken);
      arr[i]["key"] = list[i].rev.key; // in place: "key" comes first in every record
    }
  };
  fill(doc.scores, "score");
  fill(doc.indices, "index");
  fill(doc.targets, "target");
  fill(doc.tasks, "task");
  fill(doc.references, "reference");
}

void assign_keys(Document& doc) {
  records::Json j = records::to_json(doc);
  assign_keys(doc, j);
}

} // namespace parindex
