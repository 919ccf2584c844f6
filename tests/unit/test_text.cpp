#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <doctest/doctest.h>

using namespace parindex;

TEST_CASE("text::fold") {
  CHECK(text::fold("Cải cách hành chính") == "cai cach hanh chinh");
  CHECK(text::fold("ĐỒNG THÁP") == "dong thap");
  // One folded character per code point, so positions map back.
  CHECK(text::fold("Lấp Vò").size() == text::to_u32("Lấp Vò").size());
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
