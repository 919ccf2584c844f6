// Internal to the restore stage: the syllable n-gram model, its file format and its lookups.
//
// File layout (little-endian, every section 8-byte aligned; memory-mapped, never parsed):
//   Header
//   vocab offsets  uint32[n_vocab + 1]   into the string blob
//   vocab blob     char[]               syllables, lower case, NFC, tone on "hòa"-style vowel
//   unigram logp   float[n_vocab]
//   bigram keys    uint64[n_bigrams]    (w1 << 21 | w2), sorted
//   bigram logp    float[n_bigrams]
//   trigram keys   uint64[n_trigrams]   (w1 << 42 | w2 << 21 | w3), sorted
//   trigram logp   float[n_trigrams]
// logp are log10 conditional probabilities; id 0 is <s>/unknown context, id 1 is <num>.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace parindex::restore {

inline constexpr char k_model_magic[8] = {'P', 'X', 'L', 'M', '0', '0', '0', '1'};
inline constexpr std::uint32_t k_model_version = 1;
inline constexpr std::uint32_t k_num_id = 1; // every number is this token

struct ModelHeader {
  char magic[8];
  std::uint32_t version;
  std::uint32_t n_vocab;
  std::uint64_t n_bigrams;
  std::uint64_t n_trigrams;
  std::uint64_t blob_bytes;
  float backoff; // log10 penalty per back-off step
  float unk_logp; // log10 probability of an unknown syllable
};

class Model {
public:
  // Maps the file; throws DependencyError when it is missing or not a model.
  explicit Model(const std::string& path);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  std::uint32_t vocab_size() const { return m_header->n_vocab; }
  std::string_view word(std::uint32_t id) const;
  // Syllables whose folded letters (no marks, lower case, đ→d) are `key`; empty if none.
  const std::vector<std::uint32_t>& candidates(std::string_view key) const;
  std::uint32_t id(std::string_view syllable) const; // 0 when unknown
  // log10 P(w | u v) with stupid back-off.
  float logp(std::uint32_t u, std::uint32_t v, std::uint32_t w) const;
  std::size_t file_bytes() const { return m_size; }
  std::uint64_t bigrams() const { return m_header->n_bigrams; }
  std::uint64_t trigrams() const { return m_header->n_trigrams; }

private:
  void* m_map = nullptr;
  std::size_t m_size = 0;
  const ModelHeader* m_header = nullptr;
  const std::uint32_t* m_offsets = nullptr;
  const char* m_blob = nullptr;
  const float* m_uni = nullptr;
  const std::uint64_t* m_bi_keys = nullptr;
  const float* m_bi = nullptr;
  const std::uint64_t* m_tri_keys = nullptr;
  const float* m_tri = nullptr;
  std::unordered_map<std::string, std::vector<std::uint32_t>> m_by_key;
  std::unordered_map<std::string_view, std::uint32_t> m_ids;
};

// Lower case, NFC, official tone placement: the form syllables are counted and stored in.
std::string normalize_syllable(std::string_view utf8);
// Folded letters of a syllable: "Điểm" → "diem".
std::string fold_key(std::string_view utf8);

// Writes a model file from counts (used by tools/parindex-lm).
struct ModelData {
  std::vector<std::string> vocab; // id order; vocab[0] is "<s>"
  std::vector<float> unigram;
  std::vector<std::pair<std::uint64_t, float>> bigrams;  // sorted by key
  std::vector<std::pair<std::uint64_t, float>> trigrams; // sorted by key
  float backoff = -0.4f;
  float unk_logp = -7.0f;
};
void write_model(const std::string& path, const ModelData& data);

inline std::uint64_t bigram_key(std::uint64_t a, std::uint64_t b) { return a << 21 | b; }
inline std::uint64_t trigram_key(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return a << 42 | b << 21 | c;
}

} // namespace parindex::restore
