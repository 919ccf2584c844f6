// parindex/text.hpp — Vietnamese text: UTF-8, NFC, legacy encodings, tone placement,
// syllables, accent folding. Every other stage receives text that went through decode().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parindex::text {

// The most text one document may carry: text files larger than this are refused before they
// are read, and a DOCX whose extracted text grows past it is refused too (plans are < 1 MB).
inline constexpr std::size_t k_max_text_bytes = 16ull * 1024 * 1024;

enum class Encoding { automatic, utf8, utf16, tcvn3, vni, viqr, cp1258 };

// Name as accepted by --encoding: "auto", "utf-8", "utf-16", "tcvn3", "vni", "viqr", "cp1258".
std::string_view encoding_name(Encoding e);
// Throws UsageError for an unknown name.
Encoding parse_encoding(std::string_view name);

struct Decoded {
  std::string text;  // UTF-8, NFC, one tone placement (see normalize_tones), '\n' line ends
  Encoding encoding; // what the bytes were read as
};

// Turns the bytes of a text file into clean text. With Encoding::automatic it reads UTF-8
// (BOM optional), UTF-16 with a BOM, and the legacy Vietnamese encodings TCVN3 (ABC),
// VNI-Windows, VIQR and Windows-1258, choosing the one whose decoding looks most like
// Vietnamese. Throws InputError (message without the file name; callers prefix it) when the
// bytes are binary or no encoding fits.
Decoded decode(std::string_view bytes, Encoding forced = Encoding::automatic);

// A PDF text layer drawn with an old Vietnamese font (TCVN3/ABC, VNI) comes out of the PDF
// reader as Latin-1 look-alikes ("KÕ ho¹ch c¶i c¸ch"): taken back to those bytes and decoded
// in the legacy encoding that reads most like Vietnamese, when that reads clearly better.
// Nullopt when the text is not such a layer (plain ASCII, already Vietnamese, other scripts).
std::optional<Decoded> repair_legacy_layer(std::string_view utf8);
// Share of words that read as Vietnamese (or plain unmarked Latin), 0..1, and whether there
// were enough words to tell (at least `min_words`).
double vietnamese_share(std::string_view utf8, int min_words, bool* enough = nullptr);

// A number as documents write it for people: decimal comma, at most three decimals, no
// trailing zeros ("1,5", "86,12", "2"). render::human_number and messages use it.
std::string human_number(double v);

bool is_valid_utf8(std::string_view s);
std::string to_nfc(std::string_view utf8);

// Official documents place the tone on the first vowel of open "oa", "oe", "uy" syllables
// ("hòa", "thủy", "hóa"); this moves marks written the new way ("hoà", "thuỷ") there. Other
// letters are kept as they are.
std::string normalize_tones(std::string_view utf8_nfc);

// Accent folding for search and matching: lower case, marks removed, đ → d. One output
// character per input code point, so positions in the folded text map back one to one.
std::string fold(std::string_view utf8);
std::u32string to_u32(std::string_view utf8);
std::string to_utf8(std::u32string_view s);
// fold() of a single code point: an ASCII character ('?' for a non-ASCII symbol it can't fold).
char fold_char(char32_t c);
bool is_upper(char32_t c);
bool is_letter(char32_t c);
char32_t to_lower(char32_t c);
char32_t to_upper(char32_t c);
// "HUYỆN LẤP VÒ" → "Huyện Lấp Vò".
std::string title_case(std::string_view utf8);

// Text for a terminal: every control character a value could carry (C0 including tab and
// newline, DEL, C1) and every bidirectional control (U+202E …) written as a visible escape
// ("\x1B", "\n", "\u202E"), so a document's values or a file's name can neither drive the
// terminal nor break a one-line message. JSON and CSV keep exact values; tables, errors and
// progress go through this. Bad UTF-8 bytes are shown as "\xNN" too. `keep_tab` leaves tabs
// as they are, for a line of text shown whole (search results, like grep).
std::string visible(std::string_view utf8, bool keep_tab = false);
// Whether c is a bidirectional control (U+061C, U+200E/F, U+202A..E, U+2066..9).
bool is_bidi_control(char32_t c);
// The text without its bidirectional controls: Vietnamese has no use for them, and in a unit
// name or a source they only disguise it ("\u202Egnaht goD" shown as "Đồng Tháp"-like text).
std::string without_bidi_controls(std::string_view utf8);

// --- tokens --------------------------------------------------------------------------
enum class TokenKind {
  syllable, // a run of letters: "cải", "UBND", "TTHC"
  number,   // "85", "1,5", "14.5", "2.429", "91,44%"
  code,     // a criterion code with 2–4 parts: "1.4.2", "3.5.3.2"
  doc_number, // "104/KH-UBND", "45/2016/QĐ-TTg", "08-NQ/TU"
  date,     // "02/2024", "22/3/2024"
  punct,
};

struct Token {
  TokenKind kind;
  std::string text;  // as written
  std::size_t line;  // 1-based line number in the input
  std::size_t column; // 1-based column in code points
};

// Splits text into syllables, numbers, codes, document numbers, dates and punctuation,
// keeping each one's line and column. Spaces are not tokens.
std::vector<Token> tokenize(std::string_view utf8);

// Share of syllable tokens that are Vietnamese-looking but carry no diacritic, over all
// letter syllables of 2+ letters (0..1). Text typed without marks, or OCR'd with a non-Vietnamese
// model, scores high; ordinary Vietnamese prose scores around 0.3.
double unmarked_share(std::string_view utf8);

// True when the text is English prose (provincial news in English): its share of English
// function words ("of", "and", "the", "with"…, none of them a Vietnamese syllable when
// unmarked) is high. English is never "restored" and is read with English phrasing.
bool is_english(std::string_view utf8);

// Undoes the OCR slips that break a document's structure without changing its words, line by
// line: noise before a bullet or at the start of a line ("-_ Thời gian", "__ III."), a Roman
// numeral read with H, l, 1 or | ("HI, TỔ CHỨC THỰC HIỆN" → "III. TỔ CHỨC THỰC HIỆN", only
// before a heading in capitals), a stray dot or quote glued to a capitalised word ("cho
// .UBND" → "cho UBND"), and a hyphen glued between an abbreviation and a word in small letters
// ("UBND-các xã" → "UBND các xã"). Applied to recognised text only, never to text layers.
std::string clean_ocr(std::string_view utf8);

} // namespace parindex::text
