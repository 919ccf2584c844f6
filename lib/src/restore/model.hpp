// Internal to the restore stage: the syllable n-gram model, its file format and its lookups.
//
// File layout (little-endian, every section 8-byte aligned; memory-mapped, never parsed):
//   Header
//   vocab offsets    uint32[n_vocab + 1]    into the string blob
//   vocab blob       char[]                syllables, lower case, NFC, tone on "hòa"-style vowel
//   unigram logp     float[n_vocab]
//   bigram starts    uint32[n_vocab + 1]    bigrams (v, *) are entries [starts[v], starts[v+1])
//   bigram entries   uint32[n_bigrams]      Entry, sorted by w within a context
//   bigram back-off  float[n_vocab]         log10 weight of the unseen followers of v
//   context table    uint64[context_slots]  (u, v) → its trigram run; open addressing, linear
//                                           probing; (key + 1) << 32 | offset, 0 = empty
//   trigram runs     uint32[trigram_words]  at offset: a count, the context's log10 back-off
//                                           weight (float bits), then count Entry, sorted
// An Entry is w << 16 | quantised log10 probability. Scoring a beam node's candidates costs
// one context probe and one bigram index, then searches within a short run already in cache.
// logp are log10 conditional probabilities of interpolated Kneser-Ney (tools/parindex-lm):
// P(w | u v) is the trigram's entry, else the context's weight times P(w | v), which is the
// bigram's entry, else v's weight times P(w). Id 0 is <s>/unknown context, id 1 is <num>.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace parindex::restore {

inline constexpr char k_model_magic[8] = {'P', 'X', 'L', 'M', '0', '0', '0', '2'};
inline constexpr std::uint32_t k_model_version = 2;
inline constexpr std::uint32_t k_num_id = 1; // every number is this token
inline constexpr unsigned k_id_bits = 15;     // syllable ids are below 2^15
inline constexpr std::uint32_t k_max_vocab = 1u << k_id_bits;
inline constexpr float k_logp_floor = -12.0f; // quantised log10 probabilities span [floor, 0]

inline std::uint64_t bigram_key(std::uint64_t a, std::uint64_t b) { return a << k_id_bits | b; }
inline std::uint64_t trigram_key(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return a << (2 * k_id_bits) | b << k_id_bits | c;
}
// The key of an n-gram's context: its ids but the last.
inline std::uint64_t context_of(std::uint64_t key) { return key >> k_id_bits; }
inline std::uint32_t last_of(std::uint64_t key) { return static_cast<std::uint32_t>(key & (k_max_vocab - 1)); }

// Quantised log10 probabilities, shared by the writer and the reader.
inline std::uint32_t pack_entry(std::uint32_t w, float logp) {
  float q = logp / k_logp_floor * 65535.0f;
  auto v = static_cast<std::uint32_t>(q < 0 ? 0 : q > 65535 ? 65535 : q + 0.5f);
  return w << 16 | v;
}
inline float entry_logp(std::uint32_t e) { return static_cast<float>(e & 0xFFFF) * (k_logp_floor / 65535.0f); }
inline std::uint64_t slot_hash(std::uint64_t key, std::uint64_t slots) {
  return (key * 0x9E3779B97F4A7C15ull) >> (64 - __builtin_ctzll(slots));
}

struct ModelHeader {
  char magic[8];
  std::uint32_t version;
  std::uint32_t n_vocab;
  std::uint64_t n_bigrams;
  std::uint64_t n_trigrams;
  std::uint64_t context_slots; // a power of two
  std::uint64_t trigram_words; // counts and entries of the trigram runs
  std::uint64_t blob_bytes;
  float reserved; // 0
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
  // The runs of n-grams that follow u v and v: found once per beam node, then asked for
  // each candidate.
  struct Context {
    const std::uint32_t* tri = nullptr; // entries following (u, v), sorted by w
    const std::uint32_t* tri_end = nullptr;
    const std::uint32_t* bi = nullptr; // entries following v
    const std::uint32_t* bi_end = nullptr;
    float tri_backoff = 0; // log10 weights of back-off from (u, v) and from v
    float bi_backoff = 0;
  };
  // `min_backoff` bounds the back-off weights from below: where the observed word itself is
  // uncertain (OCR), "this context never saw it" is weaker evidence.
  Context context(std::uint32_t u, std::uint32_t v, float min_backoff = -1e30f) const;
  // Asks the CPU to fetch the slot context(u, v) will read: issued for a whole beam before
  // its lookups, the cache misses overlap instead of queueing.
  void prefetch(std::uint32_t u, std::uint32_t v) const {
    __builtin_prefetch(m_ctx + slot_hash(bigram_key(u, v), m_header->context_slots));
  }
  // log10 P(w | u v) with stupid back-off.
  float logp(const Context& c, std::uint32_t w) const;
  // The same, for candidates asked in increasing id order: each search starts where the
  // last one ended, so a long run (the words after "của") is not searched from its start.
  float logp_ascending(Context& c, std::uint32_t w) const;
  float logp(std::uint32_t u, std::uint32_t v, std::uint32_t w, float min_backoff = -1e30f) const {
    return logp(context(u, v, min_backoff), w);
  }
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
  const std::uint32_t* m_bi_starts = nullptr;
  const std::uint32_t* m_bi = nullptr;
  const float* m_bi_backoff = nullptr;
  const std::uint64_t* m_ctx = nullptr;
  const std::uint32_t* m_tri = nullptr;
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::uint32_t>, KeyHash, std::equal_to<>> m_by_key;
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
  std::vector<float> bigram_backoff;                     // by v; empty: none
  std::unordered_map<std::uint64_t, float> context_backoff; // by (u, v); absent: 0
  float unk_logp = -7.0f;
};
void write_model(const std::string& path, const ModelData& data);

} // namespace parindex::restore
