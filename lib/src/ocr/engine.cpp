// Pre-processing, ruled-table detection and Tesseract recognition of one page.
#include "engine.hpp"

#include <parindex/error.hpp>

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <fmt/core.h>

#include <algorithm>
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

PixPtr binarise(Pix* gray) {
  Pix* bin = nullptr;
  // One tile covering the page: a global Otsu threshold.
  if (pixOtsuAdaptiveThreshold(gray, pixGetWidth(gray), pixGetHeight(gray), 0, 0, 0.1f,
                               nullptr, &bin) != 0 || !bin)
    return PixPtr(pixConvertTo1(gray, 128));
  return PixPtr(bin);
}

// Dots per inch as the sizes below are written for.
int scaled(int dpi, double inches) { return std::max(3, static_cast<int>(dpi * inches)); }

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

} // namespace

std::optional<double> Recognised::mean_confidence() const {
  if (word_confidences.empty()) return std::nullopt;
  double sum = std::accumulate(word_confidences.begin(), word_confidences.end(), 0.0);
  return sum / static_cast<double>(word_confidences.size());
}

PixPtr preprocess(Pix* gray, int dpi) {
  l_float32 angle = 0, conf = 0;
  // Skew search on a 2× reduction: accurate to well under 0.1° at 200–300 dpi.
  PixPtr deskewed(pixFindSkewAndDeskew(gray, 2, &angle, &conf));
  if (!deskewed) deskewed.reset(pixClone(gray));
  // A 3×3 median removes sensor noise and JPEG ringing without touching strokes, dots or
  // tone marks (they are wider than one pixel at ≥ 150 dpi); no connected component is ever
  // removed. Above 400 dpi the same physical size is 5×5.
  int k = dpi >= 400 ? 5 : 3;
  if (dpi < 150) return deskewed;
  PixPtr smooth(pixMedianFilter(deskewed.get(), k, k));
  return smooth ? std::move(smooth) : std::move(deskewed);
}

std::vector<Table> find_tables(Pix* gray, int dpi) {
  std::vector<Table> tables;
  PixPtr bin = binarise(gray);
  if (!bin) return tables;
  // Rules are long straight runs: opening with a long line element keeps them and drops text.
  PixPtr hor(pixOpenBrick(nullptr, bin.get(), scaled(dpi, 0.5), 1));
  PixPtr ver(pixOpenBrick(nullptr, bin.get(), 1, scaled(dpi, 0.2)));
  if (!hor || !ver) return tables;
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
    for (std::size_t r = 0; r + 1 < ys.size(); ++r) {
      int top = by + ys[r], bottom = by + ys[r + 1];
      if (bottom - top < 2 * inset + 4) continue;
      BoxPtr band(boxCreate(bx, top, bw, bottom - top));
      PixPtr v_clip(pixClipRectangle(ver.get(), band.get(), nullptr));
      NumaPtr cols(pixCountPixelsByColumn(v_clip.get()));
      std::vector<int> xs = line_centres(cols.get(), 0.6 * (bottom - top));
      if (xs.size() < 2) continue;
      std::vector<Table::Cell> cells;
      for (std::size_t c = 0; c + 1 < xs.size(); ++c) {
        int left = bx + xs[c], right = bx + xs[c + 1];
        if (right - left < 2 * inset + 4) continue;
        cells.push_back({left + inset, top + inset, right - left - 2 * inset,
                         bottom - top - 2 * inset});
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
}

Engine::~Engine() {
  if (m_api) m_api->End();
}

// Recognises what was set on m_api; appends text lines to `text`, confidences to `out`.
void Engine::recognise_region(Pix*, int, int, Recognised& out, std::string& text) {
  if (m_api->Recognize(nullptr) != 0) return;
  std::unique_ptr<tesseract::ResultIterator> it(m_api->GetIterator());
  if (!it) return;
  it->Begin();
  do {
    if (it->Empty(tesseract::RIL_WORD)) continue;
    out.word_confidences.push_back(it->Confidence(tesseract::RIL_WORD));
  } while (it->Next(tesseract::RIL_WORD));
  std::unique_ptr<char[]> utf8(m_api->GetUTF8Text());
  if (utf8) text += utf8.get();
}

Recognised Engine::recognise(const PageImage& page) {
  Recognised out;
  PixPtr image = m_options.preprocess ? preprocess(page.pix.get(), page.dpi)
                                      : PixPtr(pixClone(page.pix.get()));
  std::vector<Table> tables;
  if (m_options.tables) tables = find_tables(image.get(), page.dpi);

  // Text outside the tables, block by block, with each block's top edge.
  struct Piece {
    int top;
    std::string text;
  };
  std::vector<Piece> pieces;
  {
    PixPtr masked(pixCopy(nullptr, image.get()));
    for (const auto& t : tables) pixSetInRectArbitrary(masked.get(), t.box.get(), 255);
    m_api->SetPageSegMode(tesseract::PSM_AUTO);
    m_api->SetImage(masked.get());
    m_api->SetSourceResolution(page.dpi);
    if (m_api->Recognize(nullptr) == 0) {
      std::unique_ptr<tesseract::ResultIterator> it(m_api->GetIterator());
      if (it) {
        it->Begin();
        do {
          if (it->Empty(tesseract::RIL_WORD)) continue;
          out.word_confidences.push_back(it->Confidence(tesseract::RIL_WORD));
        } while (it->Next(tesseract::RIL_WORD));
        it->Begin();
        do {
          if (it->Empty(tesseract::RIL_BLOCK)) continue;
          int l, t, r, b;
          it->BoundingBox(tesseract::RIL_BLOCK, &l, &t, &r, &b);
          std::unique_ptr<char[]> utf8(it->GetUTF8Text(tesseract::RIL_BLOCK));
          if (utf8) pieces.push_back({t, utf8.get()});
        } while (it->Next(tesseract::RIL_BLOCK));
      }
    }
  }

  // Tables cell by cell on the unmasked image: one row per line, cells joined by TAB.
  if (!tables.empty()) {
    PixPtr bin = binarise(image.get());
    m_api->SetImage(image.get());
    m_api->SetSourceResolution(page.dpi);
    m_api->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
    // Dust specks are a few pixels; the smallest glyph ("1", ".") is far more ink than this.
    const double min_ink = 40.0 * page.dpi * page.dpi / (200.0 * 200.0);
    for (const auto& t : tables) {
      std::string rows;
      for (const auto& row : t.rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
          const auto& cell = row[c];
          if (c) line += '\t';
          BoxPtr cb(boxCreate(cell.x, cell.y, cell.w, cell.h));
          l_int32 ink = 0;
          PixPtr cpix(pixClipRectangle(bin.get(), cb.get(), nullptr));
          if (cpix) pixCountPixels(cpix.get(), &ink, nullptr);
          if (ink < min_ink) continue;
          m_api->SetRectangle(cell.x, cell.y, cell.w, cell.h);
          std::string text;
          recognise_region(nullptr, page.dpi, 0, out, text);
          // A cell's wrapped lines are one value.
          std::string flat;
          std::istringstream lines(text);
          for (std::string l; std::getline(lines, l);) {
            l = trim(l);
            if (l.empty()) continue;
            if (!flat.empty()) flat += ' ';
            flat += l;
          }
          line += flat;
        }
        rows += line;
        rows += '\n';
      }
      pieces.push_back({t.box->y, std::move(rows)});
    }
    // Blocks come in Tesseract's reading order; a table goes before the first block below it.
    std::vector<Piece> ordered;
    std::size_t n_text = pieces.size() - tables.size();
    std::size_t next_table = n_text;
    for (std::size_t i = 0; i < n_text; ++i) {
      while (next_table < pieces.size() && pieces[next_table].top < pieces[i].top)
        ordered.push_back(std::move(pieces[next_table++]));
      ordered.push_back(std::move(pieces[i]));
    }
    while (next_table < pieces.size()) ordered.push_back(std::move(pieces[next_table++]));
    pieces = std::move(ordered);
  }

  for (const auto& p : pieces) {
    std::istringstream lines(p.text);
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
