// Images with Leptonica: PNG, JPEG, TIFF (every page of a multi-page TIFF) and the other
// formats Leptonica reads. Sizes come from the header before anything is decoded.
#include "sources.hpp"

#include <parindex/error.hpp>

#include <fmt/core.h>

#include <cstdio>
#include <vector>

namespace parindex::ocr {

namespace {

const auto* as_bytes(std::string_view s) { return reinterpret_cast<const l_uint8*>(s.data()); }

PixPtr to_gray8(Pix* pix) {
  if (pixGetDepth(pix) == 16) {
    PixPtr p8(pixConvert16To8(pix, L_MS_BYTE));
    return p8 ? PixPtr(pixConvertTo8(p8.get(), 0)) : nullptr;
  }
  if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
    // Transparent areas are paper.
    PixPtr flat(pixAlphaBlendUniform(pix, 0xffffff00));
    return flat ? PixPtr(pixConvertTo8(flat.get(), 0)) : nullptr;
  }
  return PixPtr(pixConvertTo8(pix, 0));
}

class ImageSource final : public PageSource {
public:
  ImageSource(const std::string& display, std::string_view bytes)
    : m_display(display), m_bytes(bytes) {
    l_int32 format = IFF_UNKNOWN;
    if (bytes.size() < 12 || findFileFormatBuffer(as_bytes(bytes), &format) != 0 ||
        format == IFF_UNKNOWN)
      throw InputError(display + ": unsupported image format");
    m_tiff = format == IFF_TIFF || (format >= IFF_TIFF_PACKBITS && format <= IFF_TIFF_JPEG);
    if (m_tiff) {
      FILE* f = fmemopen(const_cast<char*>(bytes.data()), bytes.size(), "rb");
      l_int32 n = 0;
      if (!f || tiffGetCount(f, &n) != 0 || n <= 0) {
        if (f) std::fclose(f);
        throw InputError(display + ": undecodable TIFF image");
      }
      std::fclose(f);
      m_pages = n;
    } else {
      m_pages = 1;
    }
  }

  int pages() const override { return m_pages; }

  PageImage image(int index) override {
    l_int32 w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, format = 0;
    bool ok = m_tiff ? readHeaderMemTiff(as_bytes(m_bytes), m_bytes.size(), index, &w, &h, &bps,
                                         &spp, &res, &cmap, &format) == 0
                     : pixReadHeaderMem(as_bytes(m_bytes), m_bytes.size(), &format, &w, &h,
                                        &bps, &spp, &cmap) == 0;
    if (!ok) throw InputError(fmt::format("{}: undecodable image (page {})", m_display, index + 1));
    check_pixels(m_display, index + 1, w, h);
    PixPtr pix(m_tiff ? pixReadMemTiff(as_bytes(m_bytes), m_bytes.size(), index)
                      : pixReadMem(as_bytes(m_bytes), m_bytes.size()));
    if (!pix) throw InputError(fmt::format("{}: undecodable image (page {})", m_display, index + 1));
    // The header can lie about the size; the decoded image cannot.
    check_pixels(m_display, index + 1, pixGetWidth(pix.get()), pixGetHeight(pix.get()));
    PageImage out;
    out.dpi = pixGetXRes(pix.get()) >= 50 && pixGetXRes(pix.get()) <= 1200 ? pixGetXRes(pix.get())
                                                                           : 300;
    out.pix = to_gray8(pix.get());
    if (!out.pix)
      throw InputError(fmt::format("{}: unsupported image depth (page {})", m_display, index + 1));
    return out;
  }

private:
  std::string m_display;
  std::string_view m_bytes;
  bool m_tiff = false;
  int m_pages = 0;
};

} // namespace

std::unique_ptr<PageSource> open_image(const std::string& display, std::string_view bytes) {
  return std::make_unique<ImageSource>(display, bytes);
}

} // namespace parindex::ocr
