// Images with Leptonica: PNG, JPEG, TIFF (every page of a multi-page TIFF) and the other
// formats Leptonica reads. Sizes come from the header before anything is decoded.
#include "sources.hpp"

#include <parindex/error.hpp>

#include <fmt/core.h>
#include <png.h>
// jpeglib.h needs FILE and size_t declared first.
#include <cstdio>
#include <jpeglib.h>

#include <csetjmp>
#include <cstdint>
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

// The resolution a PNG's pHYs chunk gives (pixels per metre), in dots per inch; 0 when none.
int png_dpi(std::string_view bytes) {
  auto be32 = [&](std::size_t at) {
    return (std::uint32_t(static_cast<unsigned char>(bytes[at])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(bytes[at + 1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(bytes[at + 2])) << 8) |
           std::uint32_t(static_cast<unsigned char>(bytes[at + 3]));
  };
  for (std::size_t at = 8; at + 8 <= bytes.size();) {
    std::uint32_t len = be32(at);
    std::string_view type = bytes.substr(at + 4, 4);
    if (type == "IDAT" || type == "IEND" || len > bytes.size()) break; // pHYs comes before
    if (type == "pHYs" && len == 9 && at + 17 <= bytes.size() && bytes[at + 16] == 1)
      return static_cast<int>(be32(at + 8) * 0.0254 + 0.5);
    at += 12 + std::size_t(len);
  }
  return 0;
}

// A PNG through libpng's simplified API: its errors come back as a message (the reader
// Leptonica sets up lets libpng print "libpng error: …" on standard error first), and the
// image arrives as 8-bit grey with alpha, laid on white paper here.
PixPtr read_png(const std::string& display, int page, std::string_view bytes, int& dpi) {
  // Freed on every way out (png_image_free does nothing once finish_read has freed it).
  struct Image {
    png_image image{};
    ~Image() { png_image_free(&image); }
  } guard;
  png_image& image = guard.image;
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    throw InputError(fmt::format("{}: undecodable image (page {}: PNG: {})", display, page, image.message));
  check_pixels(display, page, image.width, image.height);
  image.format = PNG_FORMAT_GA;
  std::vector<png_byte> buf(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, buf.data(), 0, nullptr))
    throw InputError(fmt::format("{}: undecodable image (page {}: PNG: {})", display, page, image.message));
  PixPtr pix(pixCreate(static_cast<l_int32>(image.width), static_cast<l_int32>(image.height), 8));
  if (!pix) throw std::bad_alloc();
  l_uint32* data = pixGetData(pix.get());
  l_int32 wpl = pixGetWpl(pix.get());
  for (png_uint_32 y = 0; y < image.height; ++y) {
    const png_byte* row = buf.data() + std::size_t(y) * image.width * 2;
    l_uint32* line = data + std::size_t(y) * wpl;
    for (png_uint_32 x = 0; x < image.width; ++x) {
      unsigned g = row[2 * x], a = row[2 * x + 1];
      SET_DATA_BYTE(line, x, (g * a + 255 * (255 - a) + 127) / 255); // transparent is paper
    }
  }
  int res = png_dpi(bytes);
  dpi = res >= 50 && res <= 1200 ? res : 300;
  return pix;
}

// A JPEG through libjpeg with an error manager of our own: libjpeg's default one prints
// "Corrupt JPEG data: …" on standard error and exits the process on a fatal error. A fatal
// error comes back as the file's one error; a warning (damaged data libjpeg decodes around,
// grey where the data is missing) becomes the page's warning, and the page is read.
struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  std::string message; // the fatal error, else the first warning
};

void jpeg_fail(j_common_ptr cinfo) {
  auto* e = reinterpret_cast<JpegErrors*>(cinfo->err);
  char buf[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, buf);
  e->message = buf;
  std::longjmp(e->jump, 1);
}

void jpeg_note(j_common_ptr cinfo, int level) {
  if (level >= 0) return; // trace messages
  auto* e = reinterpret_cast<JpegErrors*>(cinfo->err);
  if (cinfo->err->num_warnings++ == 0) {
    char buf[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, buf);
    e->message = buf;
  }
}

// Decodes to 8-bit grey. Nothing with a destructor lives between setjmp and a longjmp: the
// buffers are the caller's and are set up before the jump point.
struct JpegDecode {
  jpeg_decompress_struct cinfo{};
  JpegErrors errors;
  std::vector<JSAMPLE> row; // sized by the caller, before any jump point
  bool created = false;
  ~JpegDecode() {
    if (created) jpeg_destroy_decompress(&cinfo);
  }
};

bool jpeg_header(JpegDecode& d, std::string_view bytes) {
  d.cinfo.err = jpeg_std_error(&d.errors.mgr);
  d.errors.mgr.error_exit = jpeg_fail;
  d.errors.mgr.emit_message = jpeg_note;
  if (setjmp(d.errors.jump)) return false;
  jpeg_create_decompress(&d.cinfo);
  d.created = true;
  jpeg_mem_src(&d.cinfo, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&d.cinfo, TRUE);
  d.cinfo.out_color_space = JCS_GRAYSCALE;
  return true;
}

bool jpeg_pixels(JpegDecode& d, Pix* pix) {
  if (setjmp(d.errors.jump)) return false;
  jpeg_start_decompress(&d.cinfo);
  l_uint32* data = pixGetData(pix);
  l_int32 wpl = pixGetWpl(pix);
  if (d.cinfo.output_width > d.row.size() || d.cinfo.output_components != 1) {
    d.errors.message = "unexpected output size";
    return false;
  }
  JSAMPROW rows[1] = {d.row.data()};
  while (d.cinfo.output_scanline < d.cinfo.output_height) {
    JDIMENSION y = d.cinfo.output_scanline;
    if (jpeg_read_scanlines(&d.cinfo, rows, 1) != 1) break;
    l_uint32* line = data + std::size_t(y) * wpl;
    for (JDIMENSION x = 0; x < d.cinfo.output_width; ++x) SET_DATA_BYTE(line, x, d.row[x]);
  }
  jpeg_finish_decompress(&d.cinfo);
  return true;
}

PageImage read_jpeg(const std::string& display, int page, std::string_view bytes) {
  JpegDecode d;
  auto failed = [&] {
    return InputError(fmt::format("{}: undecodable image (page {}: JPEG: {})", display, page,
                                  d.errors.message.empty() ? "damaged data" : d.errors.message));
  };
  if (!jpeg_header(d, bytes)) throw failed();
  check_pixels(display, page, d.cinfo.image_width, d.cinfo.image_height);
  PixPtr pix(pixCreate(static_cast<l_int32>(d.cinfo.image_width),
                       static_cast<l_int32>(d.cinfo.image_height), 8));
  if (!pix) throw std::bad_alloc();
  pixSetAllArbitrary(pix.get(), 255); // rows a damaged file never delivers stay paper
  d.row.resize(d.cinfo.image_width);
  if (!jpeg_pixels(d, pix.get())) throw failed();
  PageImage out;
  int res = 0;
  if (d.cinfo.saw_JFIF_marker && d.cinfo.density_unit == 1) res = d.cinfo.X_density;
  else if (d.cinfo.saw_JFIF_marker && d.cinfo.density_unit == 2) res = static_cast<int>(d.cinfo.X_density * 2.54 + 0.5);
  out.dpi = res >= 50 && res <= 1200 ? res : 300;
  if (d.errors.mgr.num_warnings > 0)
    out.warning = fmt::format("page {}: damaged JPEG data, read as far as it goes ({})", page,
                              d.errors.message);
  out.pix = std::move(pix);
  return out;
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
    m_png = format == IFF_PNG;
    m_jpeg = format == IFF_JFIF_JPEG;
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
    if (m_png) {
      PageImage out;
      out.pix = read_png(m_display, index + 1, m_bytes, out.dpi);
      return out;
    }
    if (m_jpeg) return read_jpeg(m_display, index + 1, m_bytes);
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
  bool m_png = false;
  bool m_jpeg = false;
  bool m_tiff = false;
  int m_pages = 0;
};

} // namespace

std::unique_ptr<PageSource> open_image(const std::string& display, std::string_view bytes) {
  return std::make_unique<ImageSource>(display, bytes);
}

} // namespace parindex::ocr
