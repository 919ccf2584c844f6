// Pre-processing, ruled-table detection and Tesseract recognition of one page.
#include "engine.hpp"

#include <parindex/error.hpp>

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <sstream>

namespace parindex::ocr {

namespace {

std::string trim(std::string_view s) {
  const auto* ws = " \t\r\n\f\v";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

// Runs of indices whose value reaches `min`, as their centres: one centre per ruled line.
std::vector<int> line_centres(Numa* counts, double min) {
  std::vector<int> centres;
  int n = numaGetCount(counts);
  int start = -1;
  for (int i = 0; i <= n; ++i) {
    l_int32 v = 0;
    if (i < n) numaGetIValue(counts, i, &v);
    bool on = i < n && v >= min;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      centres.push_back((start + i - 1) / 2);
      start = -1;
    }
  }
  return centres;
}

struct NumaDeleter {
  void operator()(Numa* n) const noexcept { numaDestroy(&n); }
};
using NumaPtr = std::unique_ptr<Numa, NumaDeleter>;

// Dots per inch as the sizes below are written for.
int scaled(int dpi, double inches) { return std::max(3, static_cast<int>(dpi * inches)); }


// The part of a table cell worth reading: the box around the components at least a tenth of
// an inch tall (letters, digits), grown by a margin that takes in their tone marks, dots and
// commas. Dust specks far from any letter fall outside it; nothing is erased. nullopt when the
// cell has no letters.
std::optional<BoxPtr> ink_box(Pix* gray, int dpi, int thresh, int* letters) {
  PixPtr bin(pixThresholdToBinary(gray, thresh));
  if (!bin) return std::nullopt;
  BoxaPtr boxes(pixConnComp(bin.get(), nullptr, 8));
  if (!boxes) return std::nullopt;
  const int min_h = std::max(4, dpi / 20), margin = std::max(6, dpi / 12);
  int x0 = INT32_MAX, y0 = INT32_MAX, x1 = -1, y1 = -1;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x, y, w, h;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    if (h < min_h) continue;
    ++*letters;
    x0 = std::min(x0, x);
    y0 = std::min(y0, y);
    x1 = std::max(x1, x + w);
    y1 = std::max(y1, y + h);
  }
  if (x1 < 0) return std::nullopt;
  int W = pixGetWidth(gray), H = pixGetHeight(gray);
  // A lone glyph (a rank, a row number) has no dots or commas beside it: a narrow side margin
  // keeps dust next to it out of the picture. Marks above and below stay in.
  const int side = *letters == 1 ? std::max(3, dpi / 50) : margin;
  x0 = std::max(0, x0 - side);
  y0 = std::max(0, y0 - margin);
  x1 = std::min(W, x1 + side);
  y1 = std::min(H, y1 + margin);
  return BoxPtr(boxCreate(x0, y0, x1 - x0, y1 - y0));
}

} // namespace

std::string tessdata_dir() {
  if (const char* p = std::getenv("TESSDATA_PREFIX"); p && *p) return p;
  for (const char* d : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tessdata",
                        "/usr/local/share/tessdata"})
    if (std::filesystem::is_directory(d)) return d;
  return {};
}

std::string package_for(const std::string& model) {
  if (model == "vie") return "tesseract-ocr-vie";
  if (model == "Vietnamese") return "tesseract-ocr-script-viet";
  return "tesseract-ocr-" + model;
}

std::optional<double> Recognised::mean_confidence() const {
  if (word_confidences.empty()) return std::nullopt;
  double sum = std::accumulate(word_confidences.begin(), word_confidences.end(), 0.0);
  return sum / static_cast<double>(word_confidences.size());
}

PixPtr deskew(Pix* gray) {
  l_float32 angle = 0, conf = 0;
  // Skew search on a 2× reduction: accurate to well under 0.1° at 200–300 dpi.
  PixPtr deskewed(pixFindSkewAndDeskew(gray, 2, &angle, &conf));
  return deskewed ? std::move(deskewed) : PixPtr(pixClone(gray));
}

// A page whose paper is one flat grey level (a clean render or a good scan) gains nothing
// from denoising or background normalisation; on a real scan, noise spreads the paper over
// many levels and the commonest level holds a few percent of the pixels.
bool is_clean(Pix* gray) {
  struct NumaFree {
    void operator()(Numa* n) const noexcept { numaDestroy(&n); }
  };
  std::unique_ptr<Numa, NumaFree> hist(pixGetGrayHistogram(gray, 4));
  if (!hist) return false;
  l_float32 top = 0, total = 0;
  numaGetMax(hist.get(), &top, nullptr);
  numaGetSum(hist.get(), &total);
  return total > 0 && top / total > 0.5f;
}

PixPtr denoise(Pix* gray, int dpi) {
  // A 3×3 median removes sensor noise and JPEG ringing but keeps strokes, dots and tone marks
  // (no connected component is ever removed). It also erases one-pixel table rules, so
  // tables are found before it. Above 400 dpi the same physical size is 5×5.
  if (dpi < 150) return PixPtr(pixClone(gray));
  if (dpi >= 400) {
    PixPtr smooth(pixMedianFilter(gray, 5, 5));
    return smooth ? std::move(smooth) : PixPtr(pixClone(gray));
  }
  return median3(gray);
}

std::vector<Table> find_tables(Pix* gray, int dpi) {
  std::vector<Table> tables;
  // Rules are thin (one pixel at 200 dpi) and lighter than text after blur: threshold them
  // halfway between the text threshold and the paper.
  l_int32 thresh = 128, fg = 0, bg = 255;
  pixSplitDistributionFgBg(gray, 0.5f, 1, &thresh, &fg, &bg, nullptr);
  PixPtr bin(pixThresholdToBinary(gray, std::min(250, (thresh + bg) / 2)));
  if (!bin) return tables;
  // Rules are long straight runs: opening with a long line element keeps them and drops text.
  // Closing first bridges the small gaps noise leaves in a thin rule; the final dilation
  // gathers a slightly slanted rule into one band of rows (or columns).
  // (The composite bricks are the same operations, several times faster for long elements.)
  PixPtr hor_closed(pixCloseBrick(nullptr, bin.get(), 7, 1));
  PixPtr ver_closed(pixCloseBrick(nullptr, bin.get(), 1, 7));
  if (!hor_closed || !ver_closed) return tables;
  PixPtr hor(pixOpenCompBrick(nullptr, hor_closed.get(), scaled(dpi, 0.5), 1));
  PixPtr ver(pixOpenCompBrick(nullptr, ver_closed.get(), 1, scaled(dpi, 0.2)));
  if (!hor || !ver) return tables;
  pixDilateBrick(hor.get(), hor.get(), 1, 5);
  pixDilateBrick(ver.get(), ver.get(), 5, 1);
  PixPtr grid(pixOr(nullptr, hor.get(), ver.get()));
  PixPtr joined(pixDilateBrick(nullptr, grid.get(), 5, 5));
  BoxaPtr boxes(pixConnComp(joined.get(), nullptr, 8));
  if (!boxes) return tables;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    BoxPtr box(boxaGetBox(boxes.get(), i, L_COPY));
    l_int32 bx, by, bw, bh;
    boxGetGeometry(box.get(), &bx, &by, &bw, &bh);
    if (bw < scaled(dpi, 1.5) || bh < scaled(dpi, 0.2)) continue;
    PixPtr h_clip(pixClipRectangle(hor.get(), box.get(), nullptr));
    NumaPtr rows(pixCountPixelsByRow(h_clip.get(), nullptr));
    std::vector<int> ys = line_centres(rows.get(), 0.6 * bw);
    if (ys.size() < 2) continue;
    Table table;
    int inset = std::max(3, dpi / 50);
    struct Band {
      int top, bottom;
      std::vector<int> xs;
    };
    std::vector<Band> bands;
    for (std::size_t r = 0; r + 1 < ys.size(); ++r) {
      int top = by + ys[r], bottom = by + ys[r + 1];
      if (bottom - top < 2 * inset + 4) continue;
      BoxPtr band(boxCreate(bx, top, bw, bottom - top));
      PixPtr v_clip(pixClipRectangle(ver.get(), band.get(), nullptr));
      NumaPtr cols(pixCountPixelsByColumn(v_clip.get()));
      bands.push_back({top, bottom, line_centres(cols.get(), 0.6 * (bottom - top))});
    }
    // A column rule crosses most rows (merged cells interrupt it in a few); a stroke of text
    // that passed for a rule is in one row only. Keep the rules found in at least half the
    // rows (and in two, when there are two or more).
    const int tolerance = std::max(3, dpi / 40);
    auto seen_in = [&](int x) {
      int n = 0;
      for (const auto& b : bands)
        n += std::any_of(b.xs.begin(), b.xs.end(), [&](int v) { return std::abs(v - x) <= tolerance; });
      return n;
    };
    const int need = std::max<int>(std::min<int>(2, bands.size()), (bands.size() + 1) / 2);
    for (const auto& b : bands) {
      std::vector<int> xs;
      for (int x : b.xs)
        if (seen_in(x) >= need) xs.push_back(x);
      if (xs.size() < 2) continue;
      std::vector<Table::Cell> cells;
      for (std::size_t c = 0; c + 1 < xs.size(); ++c) {
        int left = bx + xs[c], right = bx + xs[c + 1];
        if (right - left < 2 * inset + 4) continue;
        cells.push_back({left + inset, b.top + inset, right - left - 2 * inset,
                         b.bottom - b.top - 2 * inset});
      }
      if (!cells.empty()) table.rows.push_back(std::move(cells));
    }
    bool has_columns = std::any_of(table.rows.begin(), table.rows.end(),
                                   [](const auto& r) { return r.size() >= 2; });
    if (!has_columns) continue;
    table.box = std::move(box);
    tables.push_back(std::move(table));
  }
  std::sort(tables.begin(), tables.end(), [](const Table& a, const Table& b) {
    return a.box->y < b.box->y;
  });
  return tables;
}

Engine::Engine(const Options& options) : m_api(std::make_unique<tesseract::TessBaseAPI>()),
                                         m_options(options) {
  std::string dir = tessdata_dir();
  std::string file = m_options.model + ".traineddata";
  if (dir.empty() || !std::filesystem::exists(std::filesystem::path(dir) / file))
    throw DependencyError(fmt::format(
      "tesseract model '{}' not found ({}): install the Debian package {}", m_options.model,
      dir.empty() ? file : (std::filesystem::path(dir) / file).string(),
      package_for(m_options.model)));
  if (m_api->Init(dir.c_str(), m_options.model.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
    throw DependencyError(fmt::format("tesseract cannot load model '{}' from {}: reinstall {}",
                                      m_options.model, dir, package_for(m_options.model)));
  m_api->SetVariable("debug_file", "/dev/null");
  // Sauvola's local threshold copes with scanner noise and uneven paper far better than the
  // default global Otsu: 1.96% -> 1.38% CER on noisy seeds 000-002, and a little faster.
  m_api->SetVariable("thresholding_method", "2");
}

Engine::~Engine() {
  if (m_osd_api) m_osd_api->End();
  if (m_api) m_api->End();
}

// Recognises what was set on m_api; appends its text to `text`, confidences to `out`.
void Engine::recognise_region(Recognised& out, std::string& text) {
  recognise_with(*m_api, out, text);
}

void Engine::recognise_with(tesseract::TessBaseAPI& api, Recognised& out, std::string& text) {
  if (api.Recognize(nullptr) != 0) return;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (it) {
    it->Begin();
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      out.word_confidences.push_back(it->Confidence(tesseract::RIL_WORD));
    } while (it->Next(tesseract::RIL_WORD));
  }
  std::unique_ptr<char[]> utf8(api.GetUTF8Text());
  if (utf8) text += utf8.get();
}

// Tesseract's `vie` LSTM model reads a glyph without neighbours badly (on seed 003's rank
// column, "4" became "1", "Á" or nothing); the `eng` model, installed with tesseract-ocr
// itself, reads lone digits and Latin letters well. Loaded on the first such cell; when it is
// missing, `vie` reads them.
tesseract::TessBaseAPI* Engine::glyph_api() {
  if (m_glyph_tried) return m_glyph_api.get();
  m_glyph_tried = true;
  std::string dir = tessdata_dir();
  if (dir.empty() || !std::filesystem::exists(std::filesystem::path(dir) / "eng.traineddata"))
    return nullptr;
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  if (api->Init(dir.c_str(), "eng", tesseract::OEM_LSTM_ONLY) != 0) return nullptr;
  api->SetVariable("debug_file", "/dev/null");
  api->SetVariable("thresholding_method", "2");
  api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  // A lone glyph in a table is a row number, a rank, a roman numeral or a mark: without the
  // whitelist a "5" came out as "s)".
  api->SetVariable("tessedit_char_whitelist", "0123456789IVXLABCDabcdx+-");
  m_glyph_api = std::move(api);
  return m_glyph_api.get();
}

// Dust next to a cell's text comes out as a stray ":", "-", "ˆ" or quote at either end.
static std::string strip_stray_marks(const std::string& cell) {
  // A token made only of ASCII punctuation (not %) or of these symbols.
  static constexpr std::string_view k_symbols[] = {"ˆ", "˜", "‘", "’", "“", "”", "¡", "¿",
                                                   "«", "»", "•", "…", "–", "—", "¬", "·"};
  auto stray = [](std::string_view token) {
    if (token.empty() || token.size() > 6) return false;
    while (!token.empty()) {
      unsigned char c = token.front();
      if (c < 0x80) {
        if (!std::ispunct(c) || c == '%') return false;
        token.remove_prefix(1);
        continue;
      }
      bool known = false;
      for (auto sym : k_symbols)
        if (token.substr(0, sym.size()) == sym) {
          token.remove_prefix(sym.size());
          known = true;
          break;
        }
      if (!known) return false;
    }
    return true;
  };
  std::vector<std::string_view> tokens;
  std::string_view rest(cell);
  while (!rest.empty()) {
    auto b = rest.find_first_not_of(' ');
    if (b == std::string_view::npos) break;
    rest.remove_prefix(b);
    auto e = rest.find(' ');
    tokens.push_back(rest.substr(0, e));
    rest.remove_prefix(e == std::string_view::npos ? rest.size() : e);
  }
  std::size_t first = 0, last = tokens.size();
  while (last - first > 1 && stray(tokens[first])) ++first;
  while (last - first > 1 && stray(tokens[last - 1])) --last;
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (!out.empty()) out += ' ';
    out += tokens[i];
  }
  return out;
}

// Layout analysis sometimes merges a speck of noise above a line into one of its words, which
// then comes out as garbage with confidence near 0 ("ˆSÊAAEAMGn)" for "31/12/2024)" on noisy
// seed 000, page 4) although the line itself is legible. Such a line is read again on its own
// (single-line mode) from a box fitted to its legible words, and the new reading replaces the
// old one when Tesseract is more confident of it. Only lines with such a word pay for this.
void Engine::reread_weak_lines(Pix* image, int dpi, std::string& text) {
  constexpr float k_weak = 20; // word confidence below which a word is garbage, not a misread
  struct Line {
    std::string text;
    int left = 0, right = 0, top = 1 << 30, bottom = 0;
    bool weak = false;
    float conf = 0;
    int words = 0, good = 0;
  };
  std::vector<Line> lines;
  {
    std::unique_ptr<tesseract::ResultIterator> it(m_api->GetIterator());
    if (!it) return;
    it->Begin();
    do {
      if (it->Empty(tesseract::RIL_WORD)) continue;
      if (lines.empty() || it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
        Line l;
        std::unique_ptr<char[]> t(it->GetUTF8Text(tesseract::RIL_TEXTLINE));
        if (t) l.text = trim(t.get());
        int x0, y0, x1, y1;
        it->BoundingBox(tesseract::RIL_TEXTLINE, &x0, &y0, &x1, &y1);
        l.left = x0;
        l.right = x1;
        lines.push_back(std::move(l));
      }
      Line& l = lines.back();
      float c = it->Confidence(tesseract::RIL_WORD);
      l.conf += c;
      ++l.words;
      if (c < k_weak) {
        l.weak = true;
        continue;
      }
      int x0, y0, x1, y1;
      it->BoundingBox(tesseract::RIL_WORD, &x0, &y0, &x1, &y1);
      l.top = std::min(l.top, y0);
      l.bottom = std::max(l.bottom, y1);
      ++l.good;
    } while (it->Next(tesseract::RIL_WORD));
  }
  std::size_t cursor = 0;
  for (const Line& l : lines) {
    if (l.text.empty()) continue;
    std::size_t at = text.find(l.text, cursor);
    if (at == std::string::npos) continue;
    cursor = at + l.text.size();
    if (!l.weak || l.good < 2) continue;
    const int h = l.bottom - l.top, pad_y = std::max(2, h / 4), pad_x = std::max(4, dpi / 40);
    BoxPtr box(boxCreate(std::max(0, l.left - pad_x), std::max(0, l.top - pad_y),
                         l.right - l.left + 2 * pad_x, h + 2 * pad_y));
    PixPtr crop(pixClipRectangle(image, box.get(), nullptr));
    if (!crop) continue;
    l_int32 paper = 255;
    pixGetRankValue(crop.get(), 1, 0.9f, reinterpret_cast<l_uint32*>(&paper));
    PixPtr framed(pixAddBorder(crop.get(), std::max(8, dpi / 20), static_cast<l_uint32>(paper)));
    m_api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    m_api->SetImage(framed.get());
    m_api->SetSourceResolution(dpi);
    Recognised again;
    std::string reread;
    recognise_with(*m_api, again, reread);
    reread = trim(reread);
    auto mean = again.mean_confidence();
    if (reread.empty() || !mean || *mean <= l.conf / l.words + 5) continue;
    text.replace(at, l.text.size(), reread);
    cursor = at + reread.size();
  }
}

// One table: a line per row, cells joined by TAB, a cell's wrapped lines joined by a space.
std::string Engine::read_table(const Table& table, Pix* image, int dpi, Recognised& out) {
  std::string rows;
  m_api->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  const int pad = std::max(8, dpi / 20);
  for (const auto& row : table.rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c) line += '\t';
      const auto& cell = row[c];
      BoxPtr cb(boxCreate(cell.x, cell.y, cell.w, cell.h));
      PixPtr gray(pixClipRectangle(image, cb.get(), nullptr));
      if (!gray) continue;
      int letters = 0;
      auto ink = ink_box(gray.get(), dpi, (m_thresh + m_paper) / 2, &letters);
      if (!ink) continue; // an empty cell (perhaps with dust)
      PixPtr text_part(pixClipRectangle(gray.get(), ink->get(), nullptr));
      // Tesseract reads a small image best with a margin of paper around it.
      PixPtr framed(pixAddBorder(text_part.get(), pad, m_paper));
      // Short cells (numbers, ranks, a word) read better at twice the size; text cells do not
      // need it and would cost a quarter more time.
      int scale = letters <= 8 && dpi < 250 ? 2 : 1;
      if (scale > 1) framed.reset(pixScaleGrayLI(framed.get(), scale, scale));
      // A lone digit ("4", a rank) is lost by line recognition more often than not.
      std::string text;
      tesseract::TessBaseAPI* glyph = letters == 1 ? glyph_api() : nullptr;
      if (glyph) {
        // The glyph alone, without the room left above and below for tone marks (which
        // `eng` cannot read anyway) where dust sits; its own noisy paper around it.
        const int side = std::max(3, dpi / 50), extra = std::max(6, dpi / 12) - side;
        l_int32 bx, by, bw, bh;
        boxGetGeometry(ink->get(), &bx, &by, &bw, &bh);
        int top = std::min(extra, std::max(0, bh - 1) / 3);
        BoxPtr tight(boxCreate(bx, by + top, bw, std::max(1, bh - 2 * top)));
        PixPtr glyph_part(pixClipRectangle(gray.get(), tight.get(), nullptr));
        PixPtr glyph_img(pixAddBorder(glyph_part.get(), pad, m_paper));
        if (scale > 1) glyph_img.reset(pixScaleGrayLI(glyph_img.get(), scale, scale));
        glyph->SetImage(glyph_img.get());
        glyph->SetSourceResolution(dpi * scale);
        recognise_with(*glyph, out, text);
      }
      m_api->SetPageSegMode(letters == 1 ? tesseract::PSM_SINGLE_CHAR : tesseract::PSM_SINGLE_BLOCK);
      m_api->SetImage(framed.get());
      m_api->SetSourceResolution(dpi * scale);
      if (trim(text).empty()) recognise_region(out, text);
      if (trim(text).empty()) {
        m_api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
        recognise_region(out, text);
      }
      std::string flat;
      std::istringstream lines(text);
      for (std::string l; std::getline(lines, l);) {
        l = trim(l);
        if (l.empty()) continue;
        if (!flat.empty()) flat += ' ';
        flat += l;
      }
      line += strip_stray_marks(flat);
    }
    rows += line;
    rows += '\n';
  }
  return rows;
}

// Below this mean word confidence a page may be upside down or sideways: the scan fixture
// reads at 95 upright and at 40 turned 180°. Only such pages have their orientation asked,
// so an upright page costs nothing more.
constexpr double k_orientation_doubt = 60;

Recognised Engine::recognise(const PageImage& page) {
  Recognised out = recognise_as_is(page);
  auto mean = out.mean_confidence();
  if (!m_options.preprocess || !mean || *mean >= k_orientation_doubt) return out;
  if (auto turned = turned_upright(page)) {
    Recognised again = recognise_as_is(*turned);
    auto better = again.mean_confidence();
    if (better && *better > *mean) return again;
  }
  return out;
}

// Tesseract's orientation and script model (osd.traineddata, Debian tesseract-ocr-osd),
// loaded on the first page that reads badly; nullptr when it is not installed.
tesseract::TessBaseAPI* Engine::osd_api() {
  if (m_osd_tried) return m_osd_api.get();
  m_osd_tried = true;
  std::string dir = tessdata_dir();
  if (dir.empty() || !std::filesystem::exists(std::filesystem::path(dir) / "osd.traineddata"))
    return nullptr;
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  if (api->Init(dir.c_str(), "osd", tesseract::OEM_TESSERACT_ONLY) != 0) return nullptr;
  api->SetVariable("debug_file", "/dev/null");
  api->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  m_osd_api = std::move(api);
  return m_osd_api.get();
}

// The page turned upright, when Tesseract is reasonably sure it is not (orientation
// confidence 2 or more: about 13 for a page turned 90°, 180° or 270°).
std::optional<PageImage> Engine::turned_upright(const PageImage& page) {
  tesseract::TessBaseAPI* osd = osd_api();
  if (!osd) return std::nullopt;
  osd->SetImage(page.pix.get());
  osd->SetSourceResolution(page.dpi);
  int degrees = 0;
  float confidence = 0, script_confidence = 0;
  const char* script = nullptr;
  bool found = osd->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
  osd->Clear();
  if (!found || degrees % 360 == 0 || confidence < 2.0f) return std::nullopt;
  // `degrees` is how far the image is turned clockwise: turn it back.
  int quarters = ((360 - degrees % 360) / 90) % 4;
  PixPtr upright(pixRotateOrth(page.pix.get(), quarters));
  if (!upright) return std::nullopt;
  PageImage out;
  out.pix = std::move(upright);
  out.dpi = page.dpi;
  return out;
}

Recognised Engine::recognise_as_is(const PageImage& page) {
  Recognised out;
  PixPtr straight = m_options.preprocess ? deskew(page.pix.get()) : PixPtr(pixClone(page.pix.get()));
  std::vector<Table> tables;
  if (m_options.tables) tables = find_tables(straight.get(), page.dpi);
  if (!tables.empty()) {
    // Page-wide ink threshold and paper level: a nearly empty cell has no histogram to split.
    l_int32 fg = 0;
    m_thresh = 128;
    m_paper = 255;
    pixSplitDistributionFgBg(straight.get(), 0.5f, 1, &m_thresh, &fg, &m_paper, nullptr);
  }
  // Body text gains from the median (2.95% → 2.33% CER on noisy seed 000); table cells lose
  // the thin strokes of "%" and lone digits to it, so cells are read from the undenoised page.
  const bool clean = is_clean(straight.get());
  PixPtr image = m_options.preprocess && !clean ? denoise(straight.get(), page.dpi)
                                                : PixPtr(pixClone(straight.get()));
  if (m_options.preprocess && !clean) {
    // Flattens uneven illumination before Tesseract's (Sauvola) thresholding: on noisy seeds
    // 000-002, 1.38% -> 1.28% CER.
    PixPtr flat(pixBackgroundNormSimple(image.get(), nullptr, nullptr));
    if (flat) image = std::move(flat);
  }
  const int dpi_body = page.dpi;

  m_api->SetImage(image.get());
  m_api->SetSourceResolution(dpi_body);
  std::vector<std::string> pieces;
  if (tables.empty()) {
    m_api->SetPageSegMode(tesseract::PSM_AUTO);
    recognise_region(out, pieces.emplace_back());
    reread_weak_lines(image.get(), dpi_body, pieces.back());
  } else {
    // The page as full-width strips between tables, each strip then the table below it.
    const int w = pixGetWidth(straight.get()), h = pixGetHeight(straight.get());
    int y = 0;
    for (std::size_t i = 0; i <= tables.size(); ++i) {
      int end = i < tables.size() ? tables[i].box->y : h;
      if (end - y > page.dpi / 10) {
        m_api->SetPageSegMode(tesseract::PSM_AUTO);
        BoxPtr sb(boxCreate(0, y, w, end - y));
        PixPtr strip(pixClipRectangle(image.get(), sb.get(), nullptr));
        m_api->SetImage(strip.get());
        m_api->SetSourceResolution(dpi_body);
        recognise_region(out, pieces.emplace_back());
        reread_weak_lines(strip.get(), dpi_body, pieces.back());
      }
      if (i == tables.size()) break;
      pieces.push_back(read_table(tables[i], straight.get(), page.dpi, out));
      y = std::max(y, tables[i].box->y + tables[i].box->h);
    }
  }

  for (const auto& p : pieces) {
    std::istringstream lines(p);
    for (std::string l; std::getline(lines, l);) {
      // Keep TABs inside table rows; drop blank lines and edge spaces.
      while (!l.empty() && (l.back() == ' ' || l.back() == '\r')) l.pop_back();
      auto b = l.find_first_not_of(' ');
      if (b == std::string::npos) continue;
      if (l.find_first_not_of(" \t") == std::string::npos) continue;
      out.text += l.substr(b);
      out.text += '\n';
    }
  }
  return out;
}

} // namespace parindex::ocr
