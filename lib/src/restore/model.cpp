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

float find(const std::uint64_t* keys, const float* vals, std::uint64_t n, std::uint64_t key, bool& found) {
  const std::uint64_t* end = keys + n;
  const std::uint64_t* it = std::lower_bound(keys, end, key);
  found = it != end && *it == key;
  return found ? vals[it - keys] : 0.0f;
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
  std::size_t need = off + 4 * (m_header->n_vocab + 1) + m_header->blob_bytes + 4 * m_header->n_vocab +
                     12 * m_header->n_bigrams + 12 * m_header->n_trigrams;
  if (need > m_size) throw DependencyError(fmt::format("{}: truncated restoration model", path));
  m_offsets = at<std::uint32_t>(base, off, m_header->n_vocab + 1);
  m_blob = at<char>(base, off, m_header->blob_bytes);
  m_uni = at<float>(base, off, m_header->n_vocab);
  m_bi_keys = at<std::uint64_t>(base, off, m_header->n_bigrams);
  m_bi = at<float>(base, off, m_header->n_bigrams);
  m_tri_keys = at<std::uint64_t>(base, off, m_header->n_trigrams);
  m_tri = at<float>(base, off, m_header->n_trigrams);
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
  auto it = m_by_key.find(std::string(key));
  return it == m_by_key.end() ? none : it->second;
}

std::uint32_t Model::id(std::string_view syllable) const {
  auto it = m_ids.find(syllable);
  return it == m_ids.end() ? 0 : it->second;
}

float Model::logp(std::uint32_t u, std::uint32_t v, std::uint32_t w) const {
  if (w == 0) return m_header->unk_logp;
  bool found = false;
  float p = find(m_tri_keys, m_tri, m_header->n_trigrams, trigram_key(u, v, w), found);
  if (found) return p;
  p = find(m_bi_keys, m_bi, m_header->n_bigrams, bigram_key(v, w), found);
  if (found) return m_header->backoff + p;
  return 2 * m_header->backoff + m_uni[w];
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
  ModelHeader h{};
  std::memcpy(h.magic, k_model_magic, 8);
  h.version = k_model_version;
  h.n_vocab = static_cast<std::uint32_t>(d.vocab.size());
  h.n_bigrams = d.bigrams.size();
  h.n_trigrams = d.trigrams.size();
  h.blob_bytes = blob.size();
  h.backoff = d.backoff;
  h.unk_logp = d.unk_logp;
  out.write(reinterpret_cast<const char*>(&h), sizeof h);
  pad();
  out.write(reinterpret_cast<const char*>(offsets.data()), static_cast<std::streamsize>(offsets.size() * 4));
  pad();
  out.write(blob.data(), static_cast<std::streamsize>(blob.size()));
  pad();
  out.write(reinterpret_cast<const char*>(d.unigram.data()), static_cast<std::streamsize>(d.unigram.size() * 4));
  pad();
  for (auto* grams : {&d.bigrams, &d.trigrams}) {
    for (const auto& [k, v] : *grams) out.write(reinterpret_cast<const char*>(&k), 8);
    pad();
    for (const auto& [k, v] : *grams) out.write(reinterpret_cast<const char*>(&v), 4);
    pad();
  }
  if (!out) throw InputError(fmt::format("{}: write failed", path));
}

} // namespace parindex::restore
