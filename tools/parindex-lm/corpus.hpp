// Reading training and evaluation text: plain files or .xz (liblzma), line by line, and the
// syllable tokens the model counts. Shared by the model builder and the restoration bench.
#pragma once

#include <lzma.h>

#include <cstdio>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace parindex::lm {

// Calls `line` for every line of `path` (decompressed when it ends in .xz).
inline void for_each_line(const std::string& path, const std::function<void(std::string_view)>& line) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error(path + ": cannot open");
  bool xz = path.size() > 3 && path.compare(path.size() - 3, 3, ".xz") == 0;
  std::string pending;
  auto feed = [&](const char* data, std::size_t n) {
    pending.append(data, n);
    std::size_t start = 0, nl;
    while ((nl = pending.find('\n', start)) != std::string::npos) {
      line(std::string_view(pending).substr(start, nl - start));
      start = nl + 1;
    }
    pending.erase(0, start);
  };
  std::vector<char> in(1 << 16), out(1 << 18);
  if (!xz) {
    std::size_t n;
    while ((n = std::fread(in.data(), 1, in.size(), f)) > 0) feed(in.data(), n);
  } else {
    lzma_stream s = LZMA_STREAM_INIT;
    if (lzma_stream_decoder(&s, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
      throw std::runtime_error(path + ": lzma init failed");
    lzma_action action = LZMA_RUN;
    s.next_in = nullptr;
    s.avail_in = 0;
    while (true) {
      if (s.avail_in == 0 && action == LZMA_RUN) {
        s.next_in = reinterpret_cast<const uint8_t*>(in.data());
        s.avail_in = std::fread(in.data(), 1, in.size(), f);
        if (s.avail_in == 0) action = LZMA_FINISH;
      }
      s.next_out = reinterpret_cast<uint8_t*>(out.data());
      s.avail_out = out.size();
      lzma_ret r = lzma_code(&s, action);
      feed(out.data(), out.size() - s.avail_out);
      if (r == LZMA_STREAM_END) break;
      if (r != LZMA_OK) {
        lzma_end(&s);
        std::fclose(f);
        throw std::runtime_error(path + ": xz data is corrupt");
      }
    }
    lzma_end(&s);
  }
  if (!pending.empty()) line(pending);
  std::fclose(f);
}

} // namespace parindex::lm
