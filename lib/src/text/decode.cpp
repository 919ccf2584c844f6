// Bytes → clean text: UTF-8 / UTF-16 and the legacy Vietnamese encodings users still receive
// (TCVN3 "ABC", VNI-Windows, VIQR, Windows-1258), detected by how Vietnamese each decoding
// looks.
#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include "vowels.hpp"

#include <fmt/core.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <unordered_map>

namespace parindex::text {

namespace {

// --- TCVN3 (TCVN 5712:1993, VN3 — the ".VnTime" fonts) -----------------------------------
// Bytes 0xA1–0xFE; capitals with tone marks have no codes of their own (the "H" fonts draw
// the lower-case codes as capitals), so they decode as lower case.
const std::array<char32_t, 256>& tcvn3_table() {
  static const auto table = [] {
    std::array<char32_t, 256> t{};
    for (int i = 0; i < 128; ++i) t[i] = static_cast<char32_t>(i);
    for (int i = 128; i < 256; ++i) t[i] = 0xFFFD;
    const std::pair<unsigned char, char32_t> map[] = {
      {0xA1, U'Ă'}, {0xA2, U'Â'}, {0xA3, U'Ê'}, {0xA4, U'Ô'}, {0xA5, U'Ơ'}, {0xA6, U'Ư'},
      {0xA7, U'Đ'}, {0xA8, U'ă'}, {0xA9, U'â'}, {0xAA, U'ê'}, {0xAB, U'ô'}, {0xAC, U'ơ'},
      {0xAD, U'ư'}, {0xAE, U'đ'},
      {0xB5, U'à'}, {0xB6, U'ả'}, {0xB7, U'ã'}, {0xB8, U'á'}, {0xB9, U'ạ'},
      {0xBB, U'ằ'}, {0xBC, U'ẳ'}, {0xBD, U'ẵ'}, {0xBE, U'ắ'}, {0xC6, U'ặ'},
      {0xC7, U'ầ'}, {0xC8, U'ẩ'}, {0xC9, U'ẫ'}, {0xCA, U'ấ'}, {0xCB, U'ậ'},
      {0xCC, U'è'}, {0xCE, U'ẻ'}, {0xCF, U'ẽ'}, {0xD0, U'é'}, {0xD1, U'ẹ'},
      {0xD2, U'ề'}, {0xD3, U'ể'}, {0xD4, U'ễ'}, {0xD5, U'ế'}, {0xD6, U'ệ'},
      {0xD7, U'ì'}, {0xD8, U'ỉ'}, {0xDC, U'ĩ'}, {0xDD, U'í'}, {0xDE, U'ị'},
      {0xDF, U'ò'}, {0xE1, U'ỏ'}, {0xE2, U'õ'}, {0xE3, U'ó'}, {0xE4, U'ọ'},
      {0xE5, U'ồ'}, {0xE6, U'ổ'}, {0xE7, U'ỗ'}, {0xE8, U'ố'}, {0xE9, U'ộ'},
      {0xEA, U'ờ'}, {0xEB, U'ở'}, {0xEC, U'ỡ'}, {0xED, U'ớ'}, {0xEE, U'ợ'},
      {0xEF, U'ù'}, {0xF1, U'ủ'}, {0xF2, U'ũ'}, {0xF3, U'ú'}, {0xF4, U'ụ'},
      {0xF5, U'ừ'}, {0xF6, U'ử'}, {0xF7, U'ữ'}, {0xF8, U'ứ'}, {0xF9, U'ự'},
      {0xFA, U'ỳ'}, {0xFB, U'ỷ'}, {0xFC, U'ỹ'}, {0xFD, U'ý'}, {0xFE, U'ỵ'},
      {0xA0, U'\u00A0'}};
    for (auto [b, c] : map) t[b] = c;
    return t;
  }();
  return table;
}

std::u32string decode_tcvn3(std::string_view bytes) {
  const auto& t = tcvn3_table();
  std::u32string out;
  out.reserve(bytes.size());
  for (unsigned char b : bytes) out.push_back(t[b]);
  return out;
}

// --- VNI-Windows -------------------------------------------------------------------------
// A base letter followed by mark bytes drawn from Windows-1252: tone (ù sắc, ø huyền, û hỏi,
// õ ngã, ï nặng), shape (â circumflex, ê breve) or both in one byte (á à å ã ä for â+tone,
// é è ú ü ë for ă+tone). ô/ö are ơ/ư, ñ is đ, and i has its own toned letters.
enum Shape { none, circumflex, breve, horn };

struct Mark {
  Shape shape;
  int tone; // 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng
};

std::optional<Mark> vni_mark(unsigned char b) {
  switch (b) {
  case 0xF9: case 0xD9: return Mark{none, 1};
  case 0xF8: case 0xD8: return Mark{none, 2};
  case 0xFB: case 0xDB: return Mark{none, 3};
  case 0xF5: case 0xD5: return Mark{none, 4};
  case 0xEF: case 0xCF: return Mark{none, 5};
  case 0xEE: case 0xCE: return Mark{none, 5}; // ỵ
  case 0xE2: case 0xC2: return Mark{circumflex, 0};
  case 0xE1: case 0xC1: return Mark{circumflex, 1};
  case 0xE0: case 0xC0: return Mark{circumflex, 2};
  case 0xE5: case 0xC5: return Mark{circumflex, 3};
  case 0xE3: case 0xC3: return Mark{circumflex, 4};
  case 0xE4: case 0xC4: return Mark{circumflex, 5};
  case 0xEA: case 0xCA: return Mark{breve, 0};
  case 0xE9: case 0xC9: return Mark{breve, 1};
  case 0xE8: case 0xC8: return Mark{breve, 2};
  case 0xFA: case 0xDA: return Mark{breve, 3};
  case 0xFC: case 0xDC: return Mark{breve, 4};
  case 0xEB: case 0xCB: return Mark{breve, 5};
  default: return std::nullopt;
  }
}

// Index of a (base, shape) pair into the vowel tables (vowels.hpp).
constexpr const auto& k_lower = k_lower_vowels;
constexpr const auto& k_upper = k_upper_vowels;
// Our tone order (sắc, huyền, hỏi, ngã, nặng) is the tables' column order 1..5.

int vowel_row(char32_t base, Shape shape) {
  switch (base) {
  case U'a': return shape == circumflex ? 2 : shape == breve ? 1 : 0;
  case U'e': return shape == circumflex ? 4 : 3;
  case U'i': return 5;
  case U'o': return shape == circumflex ? 7 : shape == horn ? 8 : 6;
  case U'u': return shape == horn ? 10 : 9;
  case U'y': return 11;
  default: return -1;
  }
}

std::u32string decode_vni(std::string_view bytes) {
  std::u32string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    unsigned char b = bytes[i];
    char32_t base = 0;
    bool upper = false;
    Shape shape = none;
    int tone = 0;
    if (b < 0x80) {
      char c = static_cast<char>(b);
      char low = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      if (low == 'a' || low == 'e' || low == 'i' || low == 'o' || low == 'u' || low == 'y') {
        base = static_cast<char32_t>(low);
        upper = c != low;
      } else {
        out.push_back(b);
        continue;
      }
    } else {
      switch (b) {
      case 0xF4: base = U'o'; shape = horn; break; // ô → ơ
      case 0xD4: base = U'o'; shape = horn; upper = true; break;
      case 0xF6: base = U'u'; shape = horn; break; // ö → ư
      case 0xD6: base = U'u'; shape = horn; upper = true; break;
      case 0xF1: out.push_back(U'đ'); continue;
      case 0xD1: out.push_back(U'Đ'); continue;
      case 0xED: out.push_back(U'í'); continue;
      case 0xEC: out.push_back(U'ì'); continue;
      case 0xE6: out.push_back(U'ỉ'); continue;
      case 0xF3: out.push_back(U'ĩ'); continue;
      case 0xF2: out.push_back(U'ị'); continue;
      case 0xCD: out.push_back(U'Í'); continue;
      case 0xCC: out.push_back(U'Ì'); continue;
      case 0xC6: out.push_back(U'Ỉ'); continue;
      case 0xD3: out.push_back(U'Ĩ'); continue;
      case 0xD2: out.push_back(U'Ị'); continue;
      case 0xA0: out.push_back(U'\u00A0'); continue;
      default: out.push_back(0xFFFD); continue;
      }
    }
    // Up to two mark bytes follow: a shape and a tone, or one byte carrying both.
    for (int k = 0; k < 2 && i + 1 < bytes.size(); ++k) {
      auto m = vni_mark(static_cast<unsigned char>(bytes[i + 1]));
      if (!m) break;
      if (m->shape != none && shape != none) break;
      if (m->tone != 0 && tone != 0) break;
      if (m->shape != none) shape = m->shape;
      if (m->tone != 0) tone = m->tone;
      ++i;
    }
    int row = vowel_row(base, shape);
    if (row < 0) row = vowel_row(base, none);
    out.push_back((upper ? k_upper : k_lower)[row][tone]);
  }
  return out;
}

// --- VIQR ---------------------------------------------------------------------------------
// ASCII with marks after the letter: ' sắc, ` huyền, ? hỏi, ~ ngã, . nặng, ^ circumflex,
// ( breve, + horn; dd is đ. A backslash keeps the next character literal.
int viqr_tone(char c) {
  switch (c) {
  case '\'': return 1;
  case '`': return 2;
  case '?': return 3;
  case '~': return 4;
  case '.': return 5;
  default: return 0;
  }
}

std::u32string decode_viqr(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) { out.push_back(static_cast<unsigned char>(s[++i])); continue; }
    char low = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((low == 'd') && i + 1 < s.size() && (s[i + 1] == 'd' || s[i + 1] == 'D') &&
        (i == 0 || !is_letter(s[i - 1]) || true)) {
      // "dd" is đ only at the start of a syllable.
      if (i == 0 || !is_letter(s[i - 1])) {
        out.push_back(c == 'D' ? U'Đ' : U'đ');
        ++i;
        continue;
      }
    }
    int row = -1;
    if (low == 'a' || low == 'e' || low == 'i' || low == 'o' || low == 'u' || low == 'y')
      row = vowel_row(static_cast<char32_t>(low), none);
    if (row < 0) { out.push_back(static_cast<unsigned char>(c)); continue; }
    Shape shape = none;
    int tone = 0;
    std::size_t j = i + 1;
    if (j < s.size()) {
      char m = s[j];
      if (m == '^' && (low == 'a' || low == 'e' || low == 'o')) { shape = circumflex; ++j; }
      else if (m == '(' && low == 'a') { shape = breve; ++j; }
      else if (m == '+' && (low == 'o' || low == 'u')) { shape = horn; ++j; }
    }
    if (j < s.size() && viqr_tone(s[j])) {
      // A '.' or '?' that ends a sentence is punctuation: a tone mark is followed by a letter
      // or by the end of a word that has more letters before it.
      bool sentence_end = (s[j] == '.' || s[j] == '?') &&
                          (j + 1 >= s.size() || s[j + 1] == ' ' || s[j + 1] == '\n') &&
                          shape == none && !(i > 0 && is_letter(s[i - 1]));
      if (!sentence_end) { tone = viqr_tone(s[j]); ++j; }
    }
    row = vowel_row(static_cast<char32_t>(low), shape);
    out.push_back((c != low ? k_upper : k_lower)[row][tone]);
    i = j - 1;
  }
  return out;
}

// --- ICU converters (UTF-16, Windows-1258) -------------------------------------------------
std::string icu_decode(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  std::string out;
  u.toUTF8String(out);
  (void)status;
  return out;
}

// --- scoring ------------------------------------------------------------------------------
// Share of words that look like Vietnamese: every letter Vietnamese, at most one tone mark,
// no replacement characters; words with marks count double (they are the evidence).
double vietnamese_score(std::u32string_view u, int* words = nullptr) {
  static const std::u32string_view toned = U"áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ";
  static const std::u32string_view plain_marked = U"ăâêôơưđĂÂÊÔƠƯĐ";
  double good = 0, total = 0;
  std::size_t i = 0;
  while (i < u.size()) {
    char32_t c = u[i];
    bool letter = (c < 0x80 && ((c | 32) >= 'a' && (c | 32) <= 'z')) || c >= 0xC0;
    if (!letter || c == 0xFFFD || c == 0xD7 || c == 0xF7) {
      if (c == 0xFFFD || (c >= 0x80 && c < 0xC0)) total += 2; // a symbol where letters were
      ++i;
      continue;
    }
    std::size_t j = i;
    int tones = 0, marks = 0;
    bool foreign = false;
    while (j < u.size()) {
      char32_t d = u[j];
      bool l = (d < 0x80 && ((d | 32) >= 'a' && (d | 32) <= 'z')) || (d >= 0xC0 && d != 0xD7 && d != 0xF7 && d != 0xFFFD);
      if (!l) break;
      if (d >= 0x80) {
        if (toned.find(d) != std::u32string_view::npos) ++tones;
        else if (plain_marked.find(d) != std::u32string_view::npos) ++marks;
        else foreign = true;
      }
      ++j;
    }
    double weight = (tones || marks || foreign) ? 2 : 1;
    total += weight;
    if (words) ++*words;
    if (!foreign && tones <= 1 && j - i <= 7) good += weight;
    i = j;
  }
  return total > 0 ? good / total : 0;
}

bool looks_like_viqr(std::string_view s) {
  // Vowel + tone/shape marks inside words: "Vie^.t", "ha`nh", "ca?i".
  int hits = 0, words = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    char c = s[i] | 32;
    if (c == ' ') ++words;
    bool vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    if (!vowel) continue;
    char m = s[i + 1];
    if (m == '^' || m == '(' || m == '+' || m == '`' || m == '~' || m == '\'' ||
        ((m == '?' || m == '.') && i + 2 < s.size() && std::isalpha(static_cast<unsigned char>(s[i + 2]))))
      ++hits;
  }
  return hits >= 3 && hits * 10 >= words;
}

std::string finish(std::string_view utf8) {
  std::string s;
  s.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (utf8[i] == '\r') {
      s.push_back('\n');
      if (i + 1 < utf8.size() && utf8[i + 1] == '\n') ++i;
    } else {
      s.push_back(utf8[i]);
    }
  }
  return normalize_tones(to_nfc(without_bidi_controls(s)));
}

bool is_binary(std::string_view bytes) {
  std::size_t control = 0;
  for (unsigned char c : bytes) {
    if (c == 0) return true;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 20 > bytes.size() + 20; // more than ~5% control characters
}

std::optional<std::string> utf16(std::string_view bytes) {
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE)
    return icu_decode(bytes.substr(2), "UTF-16LE");
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF)
    return icu_decode(bytes.substr(2), "UTF-16BE");
  // Without a BOM: mostly-ASCII UTF-16 has a NUL in every other byte.
  if (bytes.size() >= 16) {
    std::size_t even = 0, odd = 0, n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t(1);
    for (std::size_t i = 0; i < n; i += 2) {
      if (bytes[i] == 0) ++even;
      if (bytes[i + 1] == 0) ++odd;
    }
    if (odd * 10 > n / 2 * 6 && even * 10 < n / 2) return icu_decode(bytes, "UTF-16LE");
    if (even * 10 > n / 2 * 6 && odd * 10 < n / 2) return icu_decode(bytes, "UTF-16BE");
  }
  return std::nullopt;
}

} // namespace

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

std::optional<Decoded> repair_legacy_layer(std::string_view utf8) {
  // Back to the bytes the old font drew: Latin-1, and Windows-1252's symbols in 0x80-0x9F.
  static const std::pair<char32_t, unsigned char> cp1252[] = {
    {U'€', 0x80}, {U'‚', 0x82}, {U'ƒ', 0x83}, {U'„', 0x84}, {U'…', 0x85}, {U'†', 0x86},
    {U'‡', 0x87}, {U'ˆ', 0x88}, {U'‰', 0x89}, {U'Š', 0x8A}, {U'‹', 0x8B}, {U'Œ', 0x8C},
    {U'Ž', 0x8E}, {U'‘', 0x91}, {U'’', 0x92}, {U'“', 0x93}, {U'”', 0x94}, {U'•', 0x95},
    {U'–', 0x96}, {U'—', 0x97}, {U'˜', 0x98}, {U'™', 0x99}, {U'š', 0x9A}, {U'›', 0x9B},
    {U'œ', 0x9C}, {U'ž', 0x9E}, {U'Ÿ', 0x9F}};
  std::u32string u = to_u32(utf8);
  std::string bytes;
  bytes.reserve(u.size());
  bool high = false;
  for (char32_t c : u) {
    if (c < 0x100) {
      bytes.push_back(static_cast<char>(c));
      high |= c >= 0x80;
      continue;
    }
    auto it = std::find_if(std::begin(cp1252), std::end(cp1252), [&](const auto& p) { return p.first == c; });
    if (it == std::end(cp1252)) return std::nullopt; // a character no old font maps to
    bytes.push_back(static_cast<char>(it->second));
    high = true;
  }
  if (!high) return std::nullopt;
  double now = vietnamese_score(u);
  std::u32string tcvn = decode_tcvn3(bytes), vni = decode_vni(bytes);
  double st = vietnamese_score(tcvn), sv = vietnamese_score(vni);
  double best = std::max(st, sv);
  if (best < 0.6 || best < now + 0.2) return std::nullopt;
  if (st >= sv) return Decoded{finish(to_utf8(tcvn)), Encoding::tcvn3};
  return Decoded{finish(to_utf8(vni)), Encoding::vni};
}

double vietnamese_share(std::string_view utf8, int min_words, bool* enough) {
  int words = 0;
  double share = vietnamese_score(to_u32(utf8), &words);
  if (enough) *enough = words >= min_words;
  return share;
}

Encoding parse_encoding(std::string_view name) {
  for (auto e : {Encoding::automatic, Encoding::utf8, Encoding::utf16, Encoding::tcvn3,
                 Encoding::vni, Encoding::viqr, Encoding::cp1258})
    if (encoding_name(e) == name) return e;
  throw UsageError(fmt::format("unknown encoding '{}' (auto, utf-8, utf-16, tcvn3, vni, viqr or cp1258)", name));
}

Decoded decode(std::string_view bytes, Encoding forced) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    if (forced == Encoding::automatic) forced = Encoding::utf8;
  }
  if (forced == Encoding::utf16 || forced == Encoding::automatic) {
    if (auto s = utf16(bytes)) {
      if (is_binary(*s)) throw InputError("binary data, not text");
      return {finish(*s), Encoding::utf16};
    }
    if (forced == Encoding::utf16) return {finish(icu_decode(bytes, "UTF-16LE")), Encoding::utf16};
  }
  if (is_binary(bytes)) throw InputError("binary data, not text");
  switch (forced) {
  case Encoding::utf8:
    if (!is_valid_utf8(bytes)) throw InputError("not valid UTF-8 text");
    return {finish(bytes), Encoding::utf8};
  case Encoding::tcvn3: return {finish(to_utf8(decode_tcvn3(bytes))), Encoding::tcvn3};
  case Encoding::vni: return {finish(to_utf8(decode_vni(bytes))), Encoding::vni};
  case Encoding::viqr: return {finish(to_utf8(decode_viqr(bytes))), Encoding::viqr};
  case Encoding::cp1258: return {finish(icu_decode(bytes, "windows-1258")), Encoding::cp1258};
  default: break;
  }
  bool ascii = std::all_of(bytes.begin(), bytes.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    if (looks_like_viqr(bytes)) return {finish(to_utf8(decode_viqr(bytes))), Encoding::viqr};
    return {finish(bytes), Encoding::utf8};
  }
  if (is_valid_utf8(bytes)) return {finish(bytes), Encoding::utf8};
  // Not UTF-8: the legacy encoding whose decoding reads most like Vietnamese.
  std::u32string tcvn = decode_tcvn3(bytes), vni = decode_vni(bytes);
  std::u32string cp = to_u32(icu_decode(bytes, "windows-1258"));
  cp = to_u32(to_nfc(to_utf8(cp)));
  double st = vietnamese_score(tcvn), sv = vietnamese_score(vni), sc = vietnamese_score(cp);
  double best = std::max({st, sv, sc});
  if (best < 0.6)
    throw InputError(fmt::format("not valid UTF-8 text, and no Vietnamese legacy encoding fits (best {:.0f}% of words)", best * 100));
  if (best == sv) return {finish(to_utf8(vni)), Encoding::vni};
  if (best == st) return {finish(to_utf8(tcvn)), Encoding::tcvn3};
  return {finish(to_utf8(cp)), Encoding::cp1258};
}

} // namespace parindex::text
