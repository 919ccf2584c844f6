// PDF pages with poppler-cpp: the text layer when a page has one, else a grey rendering at the
// resolution of the page's scanned image.
#include "engine.hpp"
#include "sources.hpp"

#include <parindex/error.hpp>
#include <parindex/ocr.hpp>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <fmt/core.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cmath>
#include <cctype>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

namespace parindex::ocr {

void check_pixels(const std::string& display, int page, long long w, long long h) {
  if (w == -2 || h == -2)
    throw InputError(fmt::format("{}: page {}: an image's size cannot be checked (its /Width or "
                                 "/Height is in a compressed object)", display, page));
  if (w <= 0 || h <= 0 || w * h > k_max_page_pixels)
    throw InputError(fmt::format("{}: page {} is too large ({} × {} px, limit {} MP)", display,
                                 page, w, h, k_max_page_pixels / 1'000'000));
}

namespace {

// poppler's messages while a page renders (under poppler_mutex): kept, not printed, so that a
// page whose image cannot be decoded says so instead of rendering blank and reading as "no
// PAR INDEX content".
std::vector<std::string>& poppler_messages() {
  static std::vector<std::string> m;
  return m;
}
void quiet_poppler(const std::string& message, void*) {
  auto& m = poppler_messages();
  if (m.size() < 16) m.push_back(message);
}

// The kind of image a poppler message is about, if it is a decoding failure.
std::optional<std::string> undecodable(const std::vector<std::string>& messages) {
  for (const auto& m : messages) {
    // (Checked in this order: poppler says "JPEG 2000", "JP2" or "OpenJPEG" for JPX.)
    for (std::pair<const char*, const char*> k :
         {std::pair{"JBIG2", "JBIG2"}, {"JPX", "JPX"}, {"JPEG2000", "JPX"}, {"JPEG 2000", "JPX"},
          {"JP2", "JPX"}, {"OpenJPEG", "JPX"}, {"JPEG", "JPEG"}, {"DCT", "JPEG"},
          {"CCITT", "CCITT"}, {"Flate", "Flate"}, {"LZW", "LZW"}})
      if (m.find(k.first) != std::string::npos) return std::string(k.second);
  }
  return std::nullopt;
}

// True when a grey rendering holds no ink at all (every pixel near white).
bool blank(const poppler::image& img) {
  const char* data = img.const_data();
  for (int y = 0; y < img.height(); y += 2) {
    const auto* row = reinterpret_cast<const unsigned char*>(data + static_cast<std::size_t>(y) * img.bytes_per_row());
    for (int x = 0; x < img.width(); x += 2)
      if (row[x] < 200) return false;
  }
  return true;
}

// poppler's global state is not documented as thread-safe: every call into it goes through
// this lock. Rendering is a small share of a page's time next to recognition.
std::mutex& poppler_mutex() {
  static std::mutex m;
  return m;
}

// A whole number at `p` after any white space (capped at a billion); p moves past it. False,
// and p past the white space only, when no digit is there.
bool read_whole(std::string_view s, std::size_t& p, long long& v) {
  while (p < s.size() && std::isspace(static_cast<unsigned char>(s[p]))) ++p;
  v = 0;
  bool any = false;
  while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p])) && v < 1'000'000'000) {
    v = v * 10 + (s[p++] - '0');
    any = true;
  }
  return any;
}

// The whole number of object `num gen` ("6 0 obj 30000 endobj"), or -1 when the object is
// not written plainly in the file (inside a compressed object stream, or missing).
long long indirect_int(std::string_view bytes, long long num, long long gen) {
  const std::string head = fmt::format("{} {} obj", num, gen);
  for (auto p = bytes.find(head); p != std::string_view::npos; p = bytes.find(head, p + 1)) {
    if (p > 0 && std::isdigit(static_cast<unsigned char>(bytes[p - 1]))) continue; // "16 0 obj"
    std::size_t i = 0;
    long long v = 0;
    if (read_whole(bytes.substr(p + head.size(), 64), i, v)) return v;
  }
  return -1;
}

// The value of `key` in an image dictionary: a whole number written there, or one an indirect
// reference ("/Width 6 0 R") points to. -1 when absent, -2 when it cannot be known from the
// bytes (a reference into a compressed object stream), so the caller refuses the page.
long long size_after(std::string_view bytes, std::string_view dict, std::string_view key) {
  auto p = dict.find(key);
  if (p == std::string_view::npos) return -1;
  p += key.size();
  long long v = 0, gen = 0;
  if (!read_whole(dict, p, v)) return -1;
  auto save = p;
  if (read_whole(dict, p, gen)) {
    while (p < dict.size() && std::isspace(static_cast<unsigned char>(dict[p]))) ++p;
    if (p < dict.size() && dict[p] == 'R') {
      long long r = indirect_int(bytes, v, gen);
      return r >= 0 ? r : -2;
    }
  }
  p = save;
  return v;
}

// Image XObjects are streams, so their dictionaries are never compressed in object streams:
// /Width and /Height can be read from the raw bytes without decoding anything (following an
// indirect reference when the size is one: a 22 KB JPEG declared 6 0 R wide once got past
// the limit and took 6.9 GB to decode).
struct ImageSize {
  long long w = 0, h = 0;
};
std::vector<ImageSize> scan_images(std::string_view bytes) {
  std::vector<ImageSize> sizes;
  for (std::string_view key : {"/Subtype/Image", "/Subtype /Image"}) {
    for (auto p = bytes.find(key); p != std::string_view::npos; p = bytes.find(key, p + 1)) {
      auto start = bytes.rfind("<<", p);
      if (start == std::string_view::npos || p - start > 2000) start = p > 600 ? p - 600 : 0;
      auto dict = bytes.substr(start, 1200);
      auto end = dict.find("stream");
      if (end != std::string_view::npos) dict = dict.substr(0, end);
      long long w = size_after(bytes, dict, "/Width"), h = size_after(bytes, dict, "/Height");
      if (w == -2 || h == -2) sizes.push_back({-2, -2});
      else if (w > 0 && h > 0) sizes.push_back({w, h});
    }
  }
  return sizes;
}

// How deep a PDF's content streams nest graphics states ("q" … "Q"). poppler keeps a copy
// of the state for each open "q" (about 5.5 KB with its clip and the renderer's own): a
// page nesting 200,000 deep took 1.1 GB, a 2 KB file. The PDF reference's own limit is 28;
// no real document comes near this one.
constexpr int k_max_graphics_depth = 4096;
// Inflated bytes looked at in all (a bomb of compressed zeros stops the check here, and
// poppler's own limits then apply).
constexpr std::size_t k_max_inflated = 256u << 20;

bool pdf_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool pdf_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
         c == '/' || c == '%';
}

// The deepest "q" nesting of one content stream's operators (strings, names, comments and
// inline images skipped), stopping once past the limit.
int graphics_depth(std::string_view s) {
  int depth = 0, deepest = 0;
  std::size_t i = 0, n = s.size();
  while (i < n && deepest <= k_max_graphics_depth) {
    char c = s[i];
    if (pdf_space(c)) {
      ++i;
    } else if (c == '%') {
      while (i < n && s[i] != '\n' && s[i] != '\r') ++i;
    } else if (c == '(') {
      int open = 0;
      for (; i < n; ++i) {
        if (s[i] == '\\') ++i;
        else if (s[i] == '(') ++open;
        else if (s[i] == ')' && --open == 0) break;
      }
      ++i;
    } else if (c == '<' && i + 1 < n && s[i + 1] != '<') {
      auto end = s.find('>', i);
      i = end == std::string_view::npos ? n : end + 1;
    } else if (pdf_delimiter(c)) {
      ++i;
      if (c == '/')
        while (i < n && !pdf_space(s[i]) && !pdf_delimiter(s[i])) ++i;
    } else {
      std::size_t start = i;
      while (i < n && !pdf_space(s[i]) && !pdf_delimiter(s[i])) ++i;
      std::string_view op = s.substr(start, i - start);
      if (op == "q") {
        deepest = std::max(deepest, ++depth);
      } else if (op == "Q") {
        depth = std::max(0, depth - 1);
      } else if (op == "ID") { // inline image data, up to " EI"
        auto end = s.find("EI", i);
        while (end != std::string_view::npos && !(pdf_space(s[end - 1]) && (end + 2 >= n || pdf_space(s[end + 2]))))
          end = s.find("EI", end + 2);
        i = end == std::string_view::npos ? n : end + 2;
      }
    }
  }
  return deepest;
}

// Inflates a FlateDecode stream, at most `budget` bytes of it (less is returned when the
// data is damaged: what came out is still looked at).
std::string inflate_some(std::string_view in, std::size_t budget) {
  std::string out;
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(std::min<std::size_t>(in.size(), UINT32_MAX));
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK && out.size() < budget) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (z.avail_out == sizeof buf) break; // no progress
  }
  inflateEnd(&z);
  return out;
}

// Refuses a PDF whose content streams (page contents, form XObjects; raw or FlateDecode)
// nest graphics states deeper than poppler can afford, before poppler renders any of it.
void check_graphics_depth(std::string_view bytes, const std::string& display) {
  std::size_t inflated = 0;
  for (auto p = bytes.find("stream"); p != std::string_view::npos; p = bytes.find("stream", p + 6)) {
    if (p >= 3 && bytes.substr(p - 3, 3) == "end") continue;
    std::size_t data = p + 6;
    if (data < bytes.size() && bytes[data] == '\r') ++data;
    if (data < bytes.size() && bytes[data] == '\n') ++data;
    else if (data >= bytes.size() || bytes[data - 1] != '\r') continue; // "stream" inside other text
    auto dict_start = bytes.rfind("<<", p);
    if (dict_start == std::string_view::npos) continue;
    auto dict = bytes.substr(dict_start, p - dict_start);
    auto end = bytes.find("endstream", data);
    if (end == std::string_view::npos) end = bytes.size();
    auto body = bytes.substr(data, end - data);
    // Images, fonts, cross-reference and object streams hold no operators.
    bool other = false;
    for (std::string_view k : {"/Image", "/Length1", "/Length2", "/Length3", "/FontFile", "/XRef", "/ObjStm",
                               "/Type1C", "/CIDFontType0C", "/OpenType", "/DCTDecode", "/JPXDecode", "/JBIG2Decode",
                               "/CCITTFaxDecode"})
      if (dict.find(k) != std::string_view::npos) other = true;
    if (!other) {
      int depth = 0;
      if (dict.find("/Filter") == std::string_view::npos) {
        depth = graphics_depth(body);
      } else if (dict.find("/FlateDecode") != std::string_view::npos && inflated < k_max_inflated) {
        std::string plain = inflate_some(body, k_max_inflated - inflated);
        inflated += plain.size();
        depth = graphics_depth(plain);
      }
      if (depth > k_max_graphics_depth)
        throw InputError(fmt::format("{}: page content nests graphics states more than {} deep (a PDF bomb): "
                                     "not read", display, k_max_graphics_depth));
    }
    p = end;
  }
}

// Physical layout keeps table columns apart; the gaps between them (3+ spaces) become TABs,
// as in text input, and centring and indentation go.
std::string tidy_layout(const std::vector<char>& bytes) {
  std::string text;
  std::string_view all(bytes.data(), bytes.size());
  for (std::size_t start = 0; start <= all.size();) {
    auto end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    auto line = all.substr(start, end - start);
    start = end + 1;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    for (std::size_t i = 0; i < line.size();) {
      if (line[i] == '\f') { // poppler ends a page's text with a form feed
        ++i;
        continue;
      }
      if (line[i] != ' ') {
        text += line[i++];
        continue;
      }
      std::size_t j = i;
      while (j < line.size() && line[j] == ' ') ++j;
      text += j - i >= 3 ? '\t' : ' ';
      i = j;
    }
    if (end < all.size() || !line.empty()) text += '\n';
  }
  return text;
}

std::string to_string(const poppler::ustring& u) {
  auto b = u.to_utf8();
  return std::string(b.begin(), b.end());
}

// A born-digital page with ruled tables: the rules are found on a small rendering, the text
// between tables is read in physical layout, and each table cell gathers the words whose
// centre falls in it, so a row is one line of TAB-separated cells as in a scan or text input.
// nullopt when the page has no ruled table.
std::optional<std::string> text_with_tables(poppler::page& page) {
  constexpr int k_dpi = 100;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  auto rect = page.page_rect();
  if (rect.width() * rect.height() * k_dpi * k_dpi / (72.0 * 72.0) > k_max_page_pixels)
    return std::nullopt;
  poppler::image img = renderer.render_page(&page, k_dpi, k_dpi);
  if (!img.is_valid()) return std::nullopt;
  PixPtr pix(pixCreate(img.width(), img.height(), 8));
  if (!pix) return std::nullopt;
  auto* dst = reinterpret_cast<char*>(pixGetData(pix.get()));
  for (int y = 0; y < img.height(); ++y)
    std::memcpy(dst + static_cast<std::size_t>(y) * pixGetWpl(pix.get()) * 4,
                img.const_data() + static_cast<std::size_t>(y) * img.bytes_per_row(), img.width());
  pixEndianByteSwap(pix.get());
  auto tables = find_tables(pix.get(), k_dpi);
  if (tables.empty()) return std::nullopt;

  const double pt = 72.0 / k_dpi; // points per pixel
  struct Word {
    double x, y, h;
    std::string text;
  };
  std::vector<Word> words;
  for (const auto& box : page.text_list()) {
    auto r = box.bbox();
    words.push_back({r.x() + r.width() / 2, r.y() + r.height() / 2, r.height(), to_string(box.text())});
  }
  std::string out;
  double y = 0;
  for (std::size_t i = 0; i <= tables.size(); ++i) {
    double end = i < tables.size() ? tables[i].box->y * pt : rect.height();
    if (end > y) {
      poppler::rectf strip(0, y, rect.width(), end - y);
      auto b = page.text(strip, poppler::page::physical_layout).to_utf8();
      out += tidy_layout(b);
    }
    if (i == tables.size()) break;
    for (const auto& row : tables[i].rows) {
      std::string line;
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (c) line += '\t';
        const auto& cell = row[c];
        double x0 = cell.x * pt, y0 = cell.y * pt, x1 = (cell.x + cell.w) * pt,
               y1 = (cell.y + cell.h) * pt;
        std::vector<const Word*> in;
        for (const auto& w : words)
          if (w.x >= x0 && w.x < x1 && w.y >= y0 && w.y < y1) in.push_back(&w);
        // Reading order inside the cell: lines top to bottom (same line when the centres are
        // within half a word height), words left to right.
        std::sort(in.begin(), in.end(), [](const Word* a, const Word* b) {
          if (std::abs(a->y - b->y) > std::min(a->h, b->h) / 2) return a->y < b->y;
          return a->x < b->x;
        });
        std::string cell_text;
        for (const Word* w : in) {
          if (!cell_text.empty()) cell_text += ' ';
          cell_text += w->text;
        }
        line += cell_text;
      }
      if (line.find_first_not_of('\t') != std::string::npos) out += line + '\n';
    }
    y = std::max(y, (tables[i].box->y + tables[i].box->h) * pt);
  }
  return out;
}

class PdfSource final : public PageSource {
public:
  PdfSource(const std::string& display, std::string_view bytes) : m_display(display) {
    auto head = bytes.substr(0, 1024);
    if (head.find("%PDF-") == std::string_view::npos)
      throw InputError(display + ": not a PDF file");
    if (bytes.substr(bytes.size() > 2048 ? bytes.size() - 2048 : 0).find("%%EOF") ==
        std::string_view::npos)
      throw InputError(display + ": truncated PDF (no end-of-file marker)");
    std::lock_guard lock(poppler_mutex());
    poppler::set_debug_error_function(quiet_poppler, nullptr);
    m_doc.reset(poppler::document::load_from_raw_data(bytes.data(),
                                                      static_cast<int>(bytes.size())));
    if (!m_doc) throw InputError(display + ": corrupt PDF (cannot be parsed)");
    if (m_doc->is_locked()) throw InputError(display + ": encrypted PDF (password required)");
    m_pages = m_doc->pages();
    if (m_pages <= 0) throw InputError(display + ": PDF has no pages");
    m_images = scan_images(bytes);
    check_graphics_depth(bytes, display);
  }

  int pages() const override { return m_pages; }

  std::optional<std::string> text(int index) override {
    std::lock_guard lock(poppler_mutex());
    std::unique_ptr<poppler::page> page(m_doc->create_page(index));
    if (!page) throw InputError(fmt::format("{}: page {} cannot be read", m_display, index + 1));
    auto bytes = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
    std::string text = tidy_layout(bytes);
    // A page whose text layer holds no more than a page number is treated as a scan.
    auto ink = std::count_if(text.begin(), text.end(),
                             [](char c) { return !std::isspace(static_cast<unsigned char>(c)); });
    if (ink < 10) return std::nullopt;
    check_images(index); // looking for ruled tables renders the page
    if (auto with_tables = text_with_tables(*page)) return with_tables;
    return text;
  }

  PageImage image(int index) override {
    std::lock_guard lock(poppler_mutex());
    std::unique_ptr<poppler::page> page(m_doc->create_page(index));
    if (!page) throw InputError(fmt::format("{}: page {} cannot be read", m_display, index + 1));
    check_images(index);
    auto rect = page->page_rect();
    double w_in = rect.width() / 72.0, h_in = rect.height() / 72.0;
    if (page->orientation() == poppler::page::landscape ||
        page->orientation() == poppler::page::seascape)
      std::swap(w_in, h_in);
    // The scan's own resolution: the widest image over the page width (one image a page).
    int dpi = 300;
    long long widest = 0;
    for (const auto& im : m_images) widest = std::max(widest, im.w);
    if (widest > 0 && w_in > 0)
      dpi = std::clamp(static_cast<int>(std::lround(widest / w_in)), 100, 600);
    check_pixels(m_display, index + 1, std::llround(w_in * dpi), std::llround(h_in * dpi));

    poppler::page_renderer renderer;
    renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler_messages().clear();
    poppler::image img = renderer.render_page(page.get(), dpi, dpi);
    if (!img.is_valid())
      throw InputError(fmt::format("{}: page {} cannot be rendered", m_display, index + 1));
    if (auto kind = undecodable(poppler_messages()); kind && blank(img))
      throw InputError(fmt::format("{}: page {}: undecodable image ({})", m_display, index + 1, *kind));
    PageImage out;
    out.dpi = dpi;
    out.pix.reset(pixCreate(img.width(), img.height(), 8));
    if (!out.pix) throw InputError(fmt::format("{}: page {}: out of memory", m_display, index + 1));
    pixSetResolution(out.pix.get(), dpi, dpi);
    const char* src = img.const_data();
    auto* dst = reinterpret_cast<char*>(pixGetData(out.pix.get()));
    int wpl = pixGetWpl(out.pix.get());
    for (int y = 0; y < img.height(); ++y)
      std::memcpy(dst + static_cast<std::size_t>(y) * wpl * 4,
                  src + static_cast<std::size_t>(y) * img.bytes_per_row(), img.width());
    // Leptonica keeps bytes in 32-bit words in host order: convert from plain byte order.
    pixEndianByteSwap(out.pix.get());
    return out;
  }

private:
  // Rendering a page decodes its images at full size: each is checked against the limit first.
  void check_images(int index) const {
    for (const auto& im : m_images) check_pixels(m_display, index + 1, im.w, im.h);
  }

  std::string m_display;
  std::unique_ptr<poppler::document> m_doc;
  int m_pages = 0;
  std::vector<ImageSize> m_images;
};

} // namespace

std::unique_ptr<PageSource> open_pdf(const std::string& display, std::string_view bytes) {
  return std::make_unique<PdfSource>(display, bytes);
}

} // namespace parindex::ocr
