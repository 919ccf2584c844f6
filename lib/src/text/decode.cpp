// Minimal decode: UTF-8 (BOM optional). The legacy encodings land with the text stage's
// decoder; this keeps the pipeline whole until then.
#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

namespace parindex::text {

std::string_view encoding_name(Encoding e) {
  switch (e) {
  case Encoding::automatic: return "auto";
  case Encoding::utf8: return "utf-8";
  case Encoding::utf16: return "utf-16";
  case Encoding::tcvn3: return "tcvn3";
  case Encoding::vni: return "vni";
  case Encoding::viqr: return "viqr";
  case Encoding::cp1258: return "cp1258";
  }
  return "auto";
}

Encoding parse_encoding(std::string_view name) {
  for (auto e : {Encoding::automatic, Encoding::utf8, Encoding::utf16, Encoding::tcvn3,
                 Encoding::vni, Encoding::viqr, Encoding::cp1258})
    if (encoding_name(e) == name) return e;
  throw UsageError(fmt::format("unknown encoding '{}'", name));
}

Decoded decode(std::string_view bytes, Encoding forced) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.find('\0') != std::string_view::npos) throw InputError("binary data, not text");
  if (!is_valid_utf8(bytes)) throw InputError("not valid UTF-8 text");
  std::string s;
  s.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r') {
      s.push_back('\n');
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else {
      s.push_back(bytes[i]);
    }
  }
  return {normalize_tones(to_nfc(s)), Encoding::utf8};
}

std::vector<Token> tokenize(std::string_view) { return {}; }

double unmarked_share(std::string_view utf8) {
  std::u32string u = to_u32(utf8);
  int words = 0, plain = 0;
  std::size_t i = 0;
  while (i < u.size()) {
    if (!is_letter(u[i])) { ++i; continue; }
    std::size_t j = i;
    bool marked = false;
    while (j < u.size() && is_letter(u[j])) {
      if (u[j] >= 0x80) marked = true;
      ++j;
    }
    if (j - i >= 2) {
      ++words;
      if (!marked) ++plain;
    }
    i = j;
  }
  return words ? static_cast<double>(plain) / words : 0.0;
}

} // namespace parindex::text
