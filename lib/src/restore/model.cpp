#include "model.hpp"

#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace parindex::restore {

namespace {

std::size_t align8(std::size_t n) { return (n + 7) & ~std::size_t(7); }

template <class T> const T* at(const char* base, std::size_t& off, std::size_t count) {
  const T* p = reinterpret_cast<const T*>(base + off);
  off = align8(off + sizeof(T) * count);
  return p;
}

} // namespace

std::string normalize_syllable(std::string_view s) {
  std::u32string u = text::to_u32(text::normalize_tones(text::to_nfc(s)));
  for (auto& c : u) c = text::to_lower(c);
  return text::to_utf8(u);
}

std::string fold_key(std::string_view s) { return text::fold(s); }

Model::Model(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw DependencyError(fmt::format("{}: cannot open restoration model: {}", path, std::strerror(errno)));
  struct stat st {};
  if (fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) < sizeof(ModelHeader)) {
    ::close(fd);
    throw DependencyError(fmt::format("{}: not a restoration model (too short)", path));
  }
  m_size = static_cast<std::size_t>(st.st_size);
  m_map = mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (m_map == MAP_FAILED) {
    m_map = nullptr;
    throw DependencyError(fmt::format("{}: cannot map restoration model", path));
  }
  const char* base = static_cast<const char*>(m_map);
  m_header = reinterpret_cast<const ModelHeader*>(base);
  if (std::memcmp(m_header->magic, k_model_magic, 8) != 0 || m_header->version != k_model_version)
    throw DependencyError(fmt::format("{}: not a parindex restoration model (or another version)", path));
  std::size_t off = align8(sizeof(ModelHeader));
  const auto& h = *m_header;
  auto pow2 = [](std::uint64_t n) { return n >= 1024 && (n & (n - 1)) == 0 && n < (1ull << 40); };
  if (h.n_vocab < 2 || h.n_vocab > k_max_vocab || !pow2(h.context_slots) || h.blob_bytes > m_size ||
      h.n_bigrams > m_size || h.trigram_words > m_size)
    throw DependencyError(fmt::format("{}: not a parindex restoration model (bad header)", path));
  std::size_t need = off + align8(4 * (h.n_vocab + 1)) + align8(h.blob_bytes) + align8(4 * h.n_vocab) +
                     align8(4 * (h.n_vocab + 1)) + align8(4 * h.n_bigrams) + align8(4 * h.n_vocab) +
                     8 * h.context_slots + 4 * h.trigram_words;
  if (need > m_size) throw DependencyError(fmt::format("{}: truncated restoration model", path));
  m_offsets = at<std::uint32_t>(base, off, h.n_vocab + 1);
  m_blob = at<char>(base, off, h.blob_bytes);
  m_uni = at<float>(base, off, h.n_vocab);
  m_bi_starts = at<std::uint32_t>(base, off, h.n_vocab + 1);
  m_bi = at<std::uint32_t>(base, off, h.n_bigrams);
  m_bi_backoff = at<float>(base, off, h.n_vocab);
  m_ctx = at<std::uint64_t>(base, off, h.context_slots);
  m_tri = at<std::uint32_t>(base, off, h.trigram_words);
  // Vocabulary and bigram offsets are checked once here; trigram runs (a table too large to
  // read at load) are checked when found.
  bool ok = m_offsets[h.n_vocab] <= h.blob_bytes && m_bi_starts[h.n_vocab] <= h.n_bigrams;
  for (std::uint32_t i = 0; ok && i < h.n_vocab; ++i)
    ok = m_offsets[i] <= m_offsets[i + 1] && m_bi_starts[i] <= m_bi_starts[i + 1];
  if (!ok) throw DependencyError(fmt::format("{}: not a parindex restoration model (bad offsets)", path));
  m_by_key.reserve(m_header->n_vocab);
  m_ids.reserve(m_header->n_vocab);
  for (std::uint32_t i = 2; i < m_header->n_vocab; ++i) {
    std::string_view w = word(i);
    m_ids.emplace(w, i);
    m_by_key[fold_key(w)].push_back(i);
  }
}

Model::~Model() {
  if (m_map) munmap(m_map, m_size);
}

std::string_view Model::word(std::uint32_t id) const {
  return {m_blob + m_offsets[id], m_offsets[id + 1] - m_offsets[id]};
}

const std::vector<std::uint32_t>& Model::candidates(std::string_view key) const {
  static const std::vector<std::uint32_t> none;
  auto it = m_by_key.find(key);
  return it == m_by_key.end() ? none : it->second;
}

std::uint32_t Model::id(std::string_view syllable) const {
  auto it = m_ids.find(syllable);
  return it == m_ids.end() ? 0 : it->second;
}

Model::Context Model::context(std::uint32_t u, std::uint32_t v, float min_backoff) const {
  Context c;
  c.bi = m_bi + m_bi_starts[v];
  c.bi_end = m_bi + m_bi_starts[v + 1];
  c.bi_backoff = std::max(m_bi_backoff[v], min_backoff);
  std::uint64_t key = bigram_key(u, v) + 1, slots = m_header->context_slots, mask = slots - 1;
  std::uint64_t i = slot_hash(key - 1, slots);
  for (std::uint64_t n = 0; n < slots; ++n, i = (i + 1) & mask) { // bounded: a damaged file may have no empty slot
    std::uint64_t s = m_ctx[i];
    if (s == 0) break;
    if (s >> 32 == key) {
      std::uint64_t at = s & 0xFFFFFFFFu, words = m_header->trigram_words;
      if (at + 1 < words && m_tri[at] <= words - at - 2) {
        std::memcpy(&c.tri_backoff, m_tri + at + 1, sizeof(float));
        c.tri_backoff = std::max(c.tri_backoff, min_backoff);
        c.tri = m_tri + at + 2;
        c.tri_end = c.tri + m_tri[at];
      }
      break;
    }
  }
  return c;
}

float Model::logp(const Context& c, std::uint32_t w) const {
  Context from_start = c;
  return logp_ascending(from_start, w);
}

float Model::logp_ascending(Context& c, std::uint32_t w) const {
  if (w == 0) return m_header->unk_logp;
  c.tri = std::lower_bound(c.tri, c.tri_end, w << 16);
  if (c.tri != c.tri_end && *c.tri >> 16 == w) return entry_logp(*c.tri);
  c.bi = std::lower_bound(c.bi, c.bi_end, w << 16);
  if (c.bi != c.bi_end && *c.bi >> 16 == w) return c.tri_backoff + entry_logp(*c.bi);
  return c.tri_backoff + c.bi_backoff + m_uni[w];
}

void write_model(const std::string& path, const ModelData& d) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(fmt::format("{}: cannot write model", path));
  auto pad = [&] {
    auto pos = static_cast<std::size_t>(out.tellp());
    static const char zeros[8] = {};
    out.write(zeros, static_cast<std::streamsize>(align8(pos) - pos));
  };
  std::string blob;
  std::vector<std::uint32_t> offsets;
  for (const auto& w : d.vocab) {
    offsets.push_back(static_cast<std::uint32_t>(blob.size()));
    blob += w;
  }
  offsets.push_back(static_cast<std::uint32_t>(blob.size()));
  if (d.vocab.size() > k_max_vocab)
    throw InputError(fmt::format("{}: {} syllables, more than the format's {}", path, d.vocab.size(), k_max_vocab));
  // Bigrams by their first id; trigrams in runs per context, each behind a count.
  std::vector<std::uint32_t> bi_starts(d.vocab.size() + 1, 0), bi;
  for (const auto& [key, logp] : d.bigrams) {
    ++bi_starts[context_of(key) + 1];
    bi.push_back(pack_entry(last_of(key), logp));
  }
  for (std::size_t i = 1; i < bi_starts.size(); ++i) bi_starts[i] += bi_starts[i - 1];
  std::vector<std::pair<std::uint64_t, std::uint32_t>> runs; // context key, offset
  std::vector<std::uint32_t> tri;
  for (const auto& [key, logp] : d.trigrams) {
    if (runs.empty() || runs.back().first != context_of(key)) {
      runs.emplace_back(context_of(key), static_cast<std::uint32_t>(tri.size()));
      tri.push_back(0);
      auto it = d.context_backoff.find(context_of(key));
      float weight = it == d.context_backoff.end() ? 0.0f : it->second;
      std::uint32_t bits;
      std::memcpy(&bits, &weight, sizeof bits);
      tri.push_back(bits);
    }
    ++tri[runs.back().second];
    tri.push_back(pack_entry(last_of(key), logp));
  }
  std::uint64_t slots = 1024; // load factor at most 1/2
  while (slots < runs.size() * 2) slots *= 2;
  std::vector<std::uint64_t> ctx(slots, 0);
  for (const auto& [key, offset] : runs) {
    std::uint64_t i = slot_hash(key, slots);
    while (ctx[i] != 0) i = (i + 1) & (slots - 1);
    ctx[i] = (key + 1) << 32 | offset;
  }
  ModelHeader h{};
  std::memcpy(h.magic, k_model_magic, 8);
  h.version = k_model_version;
  h.n_vocab = static_cast<std::uint32_t>(d.vocab.size());
  h.n_bigrams = d.bigrams.size();
  h.n_trigrams = d.trigrams.size();
  h.context_slots = slots;
  h.trigram_words = tri.size();
  h.blob_bytes = blob.size();
  h.unk_logp = d.unk_logp;
  auto put = [&](const auto& v) {
    out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(v[0])));
    pad();
  };
  out.write(reinterpret_cast<const char*>(&h), sizeof h);
  pad();
  put(offsets);
  put(blob);
  put(d.unigram);
  put(bi_starts);
  put(bi);
  std::vector<float> bi_backoff = d.bigram_backoff;
  bi_backoff.resize(d.vocab.size(), 0.0f);
  put(bi_backoff);
  put(ctx);
  put(tri);
  if (!out) throw InputError(fmt::format("{}: write failed", path));
}

} // namespace parindex::restore
