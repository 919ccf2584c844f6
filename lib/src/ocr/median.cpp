// The 3×3 median of an 8 bpp page, the one pixel loop of the ocr stage that is ours.
// Compiled with the vectoriser on in every build type (lib/CMakeLists.txt): at -O2, GCC 12
// leaves the sorting network scalar and the median cost 6.7% of a noisy page's CPU.
#include "engine.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace parindex::ocr {

namespace {

// Leptonica keeps an 8 bpp row as 32-bit words with the leftmost pixel in the most
// significant byte: on a little-endian host the bytes of each word are reversed in memory.
void unpack_row(const l_uint32* words, int wpl, std::uint8_t* bytes) {
  for (int i = 0; i < wpl; ++i) {
    std::uint32_t w = words[i];
    if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap32(w);
    std::memcpy(bytes + 4 * static_cast<std::size_t>(i), &w, 4);
  }
}

void pack_row(const std::uint8_t* bytes, int wpl, l_uint32* words) {
  for (int i = 0; i < wpl; ++i) {
    std::uint32_t w;
    std::memcpy(&w, bytes + 4 * static_cast<std::size_t>(i), 4);
    if constexpr (std::endian::native == std::endian::little) w = __builtin_bswap32(w);
    words[i] = w;
  }
}

} // namespace

// Paeth's 19-comparison median-of-9 network, branch-free so that the loop over x becomes
// vector min/max. Edge pixels are copied.
PixPtr median3(Pix* gray) {
  const int w = pixGetWidth(gray), h = pixGetHeight(gray);
  PixPtr out(pixCopy(nullptr, gray));
  if (!out || w < 3 || h < 3 || pixGetDepth(gray) != 8) return out;
  const int wpl = pixGetWpl(gray);
  const l_uint32* src = pixGetData(gray);
  l_uint32* dst = pixGetData(out.get());
  const std::size_t stride = 4 * static_cast<std::size_t>(wpl);
  std::vector<std::uint8_t> buf(4 * stride);
  std::uint8_t* rows[3] = {buf.data(), buf.data() + stride, buf.data() + 2 * stride};
  std::uint8_t* med = buf.data() + 3 * stride;
  unpack_row(src, wpl, rows[0]);
  unpack_row(src + wpl, wpl, rows[1]);
  for (int y = 1; y + 1 < h; ++y) {
    unpack_row(src + static_cast<std::size_t>(y + 1) * wpl, wpl, rows[(y + 1) % 3]);
    const std::uint8_t* __restrict a = rows[(y - 1) % 3];
    const std::uint8_t* __restrict b = rows[y % 3];
    const std::uint8_t* __restrict c = rows[(y + 1) % 3];
    std::uint8_t* __restrict m = med;
    m[0] = b[0];
    m[w - 1] = b[w - 1];
    for (int x = 1; x + 1 < w; ++x) {
      std::uint8_t p0 = a[x - 1], p1 = a[x], p2 = a[x + 1], p3 = b[x - 1], p4 = b[x],
                   p5 = b[x + 1], p6 = c[x - 1], p7 = c[x], p8 = c[x + 1];
#define PARINDEX_SORT2(i, j)                                                                    \
  {                                                                                             \
    std::uint8_t lo = std::min(p##i, p##j);                                                     \
    p##j = std::max(p##i, p##j);                                                                \
    p##i = lo;                                                                                  \
  }
      PARINDEX_SORT2(1, 2) PARINDEX_SORT2(4, 5) PARINDEX_SORT2(7, 8) PARINDEX_SORT2(0, 1)
      PARINDEX_SORT2(3, 4) PARINDEX_SORT2(6, 7) PARINDEX_SORT2(1, 2) PARINDEX_SORT2(4, 5)
      PARINDEX_SORT2(7, 8) PARINDEX_SORT2(0, 3) PARINDEX_SORT2(5, 8) PARINDEX_SORT2(4, 7)
      PARINDEX_SORT2(3, 6) PARINDEX_SORT2(1, 4) PARINDEX_SORT2(2, 5) PARINDEX_SORT2(4, 7)
      PARINDEX_SORT2(4, 2) PARINDEX_SORT2(6, 4) PARINDEX_SORT2(4, 2)
#undef PARINDEX_SORT2
      m[x] = p4;
    }
    // Padding bytes past the width keep the source's values.
    std::copy(b + w, b + stride, m + w);
    pack_row(med, wpl, dst + static_cast<std::size_t>(y) * wpl);
  }
  return out;
}

} // namespace parindex::ocr
