#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <doctest/doctest.h>

using namespace parindex;

TEST_CASE("text::fold") {
  CHECK(text::fold("Cải cách hành chính") == "cai cach hanh chinh");
  CHECK(text::fold("ĐỒNG THÁP") == "dong thap");
  // One folded character per code point, so positions map back.
  CHECK(text::fold("Lấp Vò").size() == text::to_u32("Lấp Vò").size());
  // Punctuation that matters to the rules, and what is not a letter.
  CHECK(text::fold("“Tỷ lệ” – ≥ 85% … ‘x’") == "\"ty le\" - } 85% . 'x'");
  CHECK(text::fold("\u1EF9\u1EF8\u0111") == "yyd"); // ỹ Ỹ đ: the last of the vowel range
  CHECK(text::fold("日本") == "??");
}

TEST_CASE("text::to_u32 and to_utf8 on bad bytes") {
  // A bad byte is one U+FFFD and reading goes on at the next byte.
  CHECK(text::to_u32("a\xFF" "b") == std::u32string(U"a\uFFFDb"));
  CHECK(text::to_u32("\xE1\xBA") == std::u32string(U"\uFFFD\uFFFD")); // cut short
  CHECK(text::to_u32("\xE1\x41") == std::u32string(U"\uFFFDA"));
  CHECK(text::fold("a\xFF" "b") == "a?b");
  CHECK(text::to_utf8(U"Việt \U0001F600") == "Việt \xF0\x9F\x98\x80");
  CHECK(text::to_utf8(text::to_u32("Lấp Vò, Đồng Tháp")) == "Lấp Vò, Đồng Tháp");
}

TEST_CASE("text::normalize_tones") {
  CHECK(text::normalize_tones("hoà thuỷ hoá khoẻ") == "hòa thủy hóa khỏe");
  CHECK(text::normalize_tones("HOÀ") == "HÒA");
  // Closed syllables and qu-/gi- keep their marks where they are.
  CHECK(text::normalize_tones("hoàn thuyền quý giả") == "hoàn thuyền quý giả");
  CHECK(text::normalize_tones("Văn hóa") == "Văn hóa");
}

TEST_CASE("text::to_nfc") {
  // "ệ" written as e + circumflex + dot below (NFD) becomes one code point.
  CHECK(text::to_nfc("Vi\x65\xCC\x82\xCC\xA3t") == "Việt");
}

TEST_CASE("text::is_valid_utf8") {
  CHECK(text::is_valid_utf8("Việt Nam"));
  CHECK_FALSE(text::is_valid_utf8("\xC0\xAF"));  // overlong '/'
  CHECK_FALSE(text::is_valid_utf8("\xED\xA0\x80")); // surrogate
  CHECK_FALSE(text::is_valid_utf8("abc\xE1\xBA"));  // truncated
}

TEST_CASE("text::title_case") {
  CHECK(text::title_case("HUYỆN LẤP VÒ") == "Huyện Lấp Vò");
}

TEST_CASE("text::decode rejects binary") {
  CHECK_THROWS_AS(text::decode(std::string("ab\0cd", 5)), InputError);
}

TEST_CASE("text::clean_ocr undoes the slips that break structure, and nothing else") {
  using parindex::text::clean_ocr;
  CHECK(clean_ocr("-_ Thời gian thực hiện kể từ ngày 01/7/2024.") == "- Thời gian thực hiện kể từ ngày 01/7/2024.");
  CHECK(clean_ocr("__ HI, TỔ CHỨC THỰC HIỆN") == "III. TỔ CHỨC THỰC HIỆN");
  CHECK(clean_ocr("Il. NHIỆM VỤ VÀ GIẢI PHÁP") == "II. NHIỆM VỤ VÀ GIẢI PHÁP");
  CHECK(clean_ocr("+ Giao cho .UBND các xã, thị trấn") == "+ Giao cho UBND các xã, thị trấn");
  CHECK(clean_ocr("đơn vị trực thuộc; UBND-các xã") == "đơn vị trực thuộc; UBND các xã");
  // Left alone: a real Roman heading, a misread numeral before ordinary text, hyphenated
  // abbreviations, decimals and dates, a dash bullet.
  CHECK(clean_ocr("III. TỔ CHỨC THỰC HIỆN") == "III. TỔ CHỨC THỰC HIỆN");
  CHECK(clean_ocr("Hl, như vậy là đạt") == "Hl, như vậy là đạt");
  CHECK(clean_ocr("phát triển KT-XH, HĐND-UBND huyện") == "phát triển KT-XH, HĐND-UBND huyện");
  CHECK(clean_ocr("đạt 0,5 điểm ngày 31/12/2024.") == "đạt 0,5 điểm ngày 31/12/2024.");
  CHECK(clean_ocr("- Giao Phòng Nội vụ chủ trì\n2. Tiếp") == "- Giao Phòng Nội vụ chủ trì\n2. Tiếp");
}

TEST_CASE("text::visible and bidirectional controls") {
  CHECK(text::visible("Sông Mây") == "Sông Mây"); // nothing to escape
  CHECK(text::visible("a\x1B[2Jb") == "a\\x1B[2Jb");
  CHECK(text::visible("x\ny\tz\r") == "x\\ny\\tz\\r");
  CHECK(text::visible("\x7F") == "\\x7F");
  CHECK(text::visible("c1\xC2\x9B" "2J") == "c1\\u009B2J");             // C1 CSI
  CHECK(text::visible("Sông\xE2\x80\xAEMây") == "Sông\\u202EMây");      // RLO
  CHECK(text::visible("bad\xFF" "byte") == "bad\\xFFbyte");
  CHECK(text::visible("\xEF\xBF\xBD") == "\xEF\xBF\xBD"); // a real U+FFFD is a character
  CHECK(text::without_bidi_controls("Sông\xE2\x80\xAE Mây\xE2\x81\xA6") == "Sông Mây");
  CHECK(text::without_bidi_controls("“Tỷ lệ” – 85%") == "“Tỷ lệ” – 85%");
  CHECK(text::without_bidi_controls("\xE2\x80\x8F" "A\xD8\x9C\xE2\x80") == "A\xE2\x80"); // at the start; cut short at the end
}
