// DOCX with libzip and pugixml: body paragraphs and tables in document order, then footnotes.
#include "sources.hpp"

#include <parindex/error.hpp>

#include <pugixml.hpp>
#include <zip.h>

#include <cstring>
#include <memory>

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

// Text of a run container (paragraph, hyperlink, …): w:t, w:tab → TAB, w:br → newline.
void runs_text(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    if (is(child, "w:t")) out += child.text().get();
    else if (is(child, "w:tab")) out += '\t';
    else if (is(child, "w:br") || is(child, "w:cr")) out += '\n';
    else if (is(child, "w:footnoteReference")) out += child.attribute("w:id").value();
    else if (is(child, "w:delText") || is(child, "w:instrText")) continue;
    else runs_text(child, out);
  }
}

std::string paragraph_text(const pugi::xml_node& p) {
  std::string s;
  runs_text(p, s);
  return s;
}

std::string flatten(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  return s;
}

void block_text(const pugi::xml_node& parent, std::string& out);

void table_text(const pugi::xml_node& tbl, std::string& out) {
  for (auto tr : tbl.children("w:tr")) {
    std::string row;
    bool first = true;
    for (auto tc : tr.children("w:tc")) {
      if (!first) row += '\t';
      first = false;
      std::string cell;
      for (auto p : tc.children()) {
        std::string part;
        if (is(p, "w:p")) part = paragraph_text(p);
        else if (is(p, "w:tbl")) {
          block_text(tc, part);
          part = flatten(part);
        } else continue;
        if (part.empty()) continue;
        if (!cell.empty()) cell += ' ';
        cell += flatten(part);
      }
      row += cell;
    }
    out += row;
    out += '\n';
  }
}

void block_text(const pugi::xml_node& parent, std::string& out) {
  for (auto child : parent.children()) {
    if (is(child, "w:p")) {
      out += paragraph_text(child);
      out += '\n';
    } else if (is(child, "w:tbl")) {
      table_text(child, out);
    } else if (is(child, "w:sdt")) {
      block_text(child.child("w:sdtContent"), out);
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
  auto doc = parse(*body_xml, display, "word/document.xml");
  block_text(doc.child("w:document").child("w:body"), out);
  if (auto notes_xml = member(zip.get(), "word/footnotes.xml", display)) {
    auto notes = parse(*notes_xml, display, "word/footnotes.xml");
    for (auto fn : notes.child("w:footnotes").children("w:footnote")) {
      // Separators and continuation notices are not footnotes.
      if (std::string_view type = fn.attribute("w:type").value(); !type.empty()) continue;
      std::string text;
      block_text(fn, text);
      out += fn.attribute("w:id").value();
      out += ' ';
      out += text.empty() ? "\n" : text;
    }
  }
  return out;
}

} // namespace parindex::ocr
