// DOCX with libzip and pugixml: body paragraphs and tables in document order, then footnotes.
#include "sources.hpp"

#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <pugixml.hpp>
#include <zip.h>

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace parindex::ocr {

namespace {

struct ZipCloser {
  void operator()(zip_t* z) const noexcept { zip_discard(z); }
};

// Reads one member, or nullopt when the archive has no such member.
std::optional<std::string> member(zip_t* zip, const char* name, const std::string& display) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name, 0, &st) != 0) return std::nullopt;
  // Word documents are small; a member that inflates past this is a zip bomb.
  constexpr zip_uint64_t k_max_member = 256ull << 20;
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > k_max_member)
    throw InputError(display + ": DOCX member " + name + " is too large");
  zip_file_t* f = zip_fopen(zip, name, 0);
  if (!f) throw InputError(display + ": corrupt DOCX (cannot open " + name + ")");
  std::string data(st.size, '\0');
  zip_int64_t n = zip_fread(f, data.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size)
    throw InputError(display + ": corrupt DOCX (cannot read " + name + ")");
  return data;
}

bool is(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

// All the text of one document goes through here, so that it is counted against the limit
// the text input has: a small, well-compressed document.xml can still expand to gigabytes.
// Inside a table cell (flat), line and cell breaks become spaces: a cell is one field of its row.
class Writer {
public:
  Writer(std::string& out, const std::string& display) : m_out(out), m_display(display) {}
  void put(std::string_view s, bool flat) {
    std::size_t at = m_out.size();
    m_out += s;
    if (flat)
      for (std::size_t i = at; i < m_out.size(); ++i)
        if (m_out[i] == '\n' || m_out[i] == '\t') m_out[i] = ' ';
    check();
  }
  void put(char c, bool flat) {
    m_out += flat && (c == '\n' || c == '\t') ? ' ' : c;
    check();
  }
  std::size_t size() const { return m_out.size(); }
  void truncate(std::size_t n) { m_out.resize(n); }

private:
  void check() const {
    if (m_out.size() > text::k_max_text_bytes)
      throw InputError(fmt::format("{}: DOCX text too large (the limit is {} MB of text)", m_display,
                                   text::k_max_text_bytes / (1024 * 1024)));
  }
  std::string& m_out;
  const std::string& m_display;
};

// What a node's children are read as.
enum class Kind {
  block, // body, footnote, w:sdtContent: paragraphs (one line each), tables, content controls
  runs,  // a paragraph or anything inside one: w:t, w:tab → TAB, w:br → newline, …
  table, // w:tr children, one line each
  row,   // w:tc children, TAB between them
  cell,  // paragraphs and nested tables, a space between the non-empty ones
};
// What happens once a node's children are all read.
enum class Close { nothing, newline, part };

struct Frame {
  Kind kind;
  pugi::xml_node next; // the next child to read
  bool flat;           // inside a table cell
  Close close = Close::nothing;
  std::size_t part_start = 0; // Close::part: where the part's text starts …
  std::size_t separator = 0;  // … and where the space before it was written
  bool first = true;          // Kind::row: no cell written yet
};

// Reads the children of `root` as `kind` into `w`. Documents nest as deep as they like
// (w:r in w:r in w:r …, tables in cells in tables, content controls in content controls), so
// this walks with a stack on the heap, never recursion: 100,000 levels are a 2 KB file.
// (pugixml's parser and its document's destructor are iterative too.)
void walk(const pugi::xml_node& root, Kind kind, Writer& w) {
  std::vector<Frame> stack;
  stack.push_back({kind, root.first_child(), false});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (!f.next) {
      Frame done = f;
      stack.pop_back();
      if (done.close == Close::newline) w.put('\n', done.flat);
      else if (done.close == Close::part && w.size() == done.part_start) w.truncate(done.separator);
      continue;
    }
    pugi::xml_node child = f.next;
    f.next = child.next_sibling();
    const bool flat = f.flat;
    switch (f.kind) {
    case Kind::block:
      if (is(child, "w:p")) stack.push_back({Kind::runs, child.first_child(), flat, Close::newline});
      else if (is(child, "w:tbl")) stack.push_back({Kind::table, child.first_child(), flat});
      else if (is(child, "w:sdt"))
        stack.push_back({Kind::block, child.child("w:sdtContent").first_child(), flat});
      break;
    case Kind::runs:
      if (is(child, "w:t")) w.put(std::string_view(child.text().get()), flat);
      else if (is(child, "w:tab")) w.put('\t', flat);
      else if (is(child, "w:br") || is(child, "w:cr")) w.put('\n', flat);
      else if (is(child, "w:footnoteReference")) w.put(std::string_view(child.attribute("w:id").value()), flat);
      else if (is(child, "w:delText") || is(child, "w:instrText")) break;
      else if (child.first_child()) stack.push_back({Kind::runs, child.first_child(), flat});
      break;
    case Kind::table:
      if (is(child, "w:tr")) stack.push_back({Kind::row, child.first_child(), flat, Close::newline});
      break;
    case Kind::row:
      if (!is(child, "w:tc")) break;
      if (!f.first) w.put('\t', flat);
      f.first = false;
      // `f` is not used past this point: push_back may move it.
      stack.push_back({Kind::cell, child.first_child(), true, Close::nothing, w.size()});
      break;
    case Kind::cell: {
      bool paragraph = is(child, "w:p");
      if (!paragraph && !is(child, "w:tbl")) break;
      std::size_t separator = w.size();
      if (w.size() > f.part_start) w.put(' ', true); // part_start of a cell: where it starts
      stack.push_back({paragraph ? Kind::runs : Kind::table, child.first_child(), true, Close::part,
                       w.size(), separator});
      break;
    }
    }
  }
}

pugi::xml_document parse(const std::string& xml, const std::string& display, const char* name) {
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size()))
    throw InputError(display + ": corrupt DOCX (" + name + " is not XML)");
  return doc;
}

} // namespace

std::string read_docx(const std::string& display, std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) throw InputError(display + ": corrupt DOCX (not a zip archive)");
  std::unique_ptr<zip_t, ZipCloser> zip(zip_open_from_source(src, ZIP_RDONLY, &err));
  if (!zip) {
    zip_source_free(src);
    throw InputError(display + ": corrupt DOCX (not a zip archive)");
  }
  auto body_xml = member(zip.get(), "word/document.xml", display);
  if (!body_xml) throw InputError(display + ": not a DOCX file (no word/document.xml)");
  std::string out;
  Writer w(out, display);
  auto doc = parse(*body_xml, display, "word/document.xml");
  walk(doc.child("w:document").child("w:body"), Kind::block, w);
  if (auto notes_xml = member(zip.get(), "word/footnotes.xml", display)) {
    auto notes = parse(*notes_xml, display, "word/footnotes.xml");
    for (auto fn : notes.child("w:footnotes").children("w:footnote")) {
      // Separators and continuation notices are not footnotes.
      if (std::string_view type = fn.attribute("w:type").value(); !type.empty()) continue;
      w.put(std::string_view(fn.attribute("w:id").value()), false);
      w.put(' ', false);
      std::size_t start = w.size();
      walk(fn, Kind::block, w);
      if (w.size() == start) w.put('\n', false);
    }
  }
  return out;
}

} // namespace parindex::ocr
