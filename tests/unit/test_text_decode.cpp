// Decoding of the encodings users receive, from byte literals written for the test.
#include <parindex/error.hpp>
#include <parindex/text.hpp>

#include <doctest/doctest.h>

using namespace parindex;
using text::Encoding;

namespace {
std::string bytes(std::initializer_list<int> list) {
  std::string s;
  for (int b : list) s.push_back(static_cast<char>(b));
  return s;
}
} // namespace

TEST_CASE("text::decode TCVN3 (ABC)") {
  // "Chỉ số cải cách hành chính – Phòng Nội vụ, Đồng Tháp" in TCVN3.
  std::string s = "Ch" + bytes({0xD8}) + " s" + bytes({0xE8}) + " c" + bytes({0xB6}) + "i c" +
                  bytes({0xB8}) + "ch h" + bytes({0xB5}) + "nh ch" + bytes({0xDD}) + "nh, Ph" +
                  bytes({0xDF}) + "ng N" + bytes({0xE9}) + "i v" + bytes({0xF4}) + ", " +
                  bytes({0xA7, 0xE5}) + "ng Th" + bytes({0xB8}) + "p. Thu" + bytes({0xF7}) + "ng " +
                  bytes({0xAE}) + "i" + bytes({0xD5}) + "u m" + bytes({0xAD, 0xEA}) + "i.";
  auto d = text::decode(s);
  CHECK(d.encoding == Encoding::tcvn3);
  CHECK(d.text == "Chỉ số cải cách hành chính, Phòng Nội vụ, Đồng Tháp. Thuững điếu mười.");
  CHECK(text::decode(s, Encoding::tcvn3).text == d.text);
}

TEST_CASE("text::decode VNI-Windows") {
  // "Chỉ số cải cách hành chính, Phòng Nội vụ, Đồng Tháp, người, Hòa" in VNI.
  std::string s = "Ch" + bytes({0xE6}) + " so" + bytes({0xE1}) + " ca" + bytes({0xFB}) + "i ca" +
                  bytes({0xF9}) + "ch ha" + bytes({0xF8}) + "nh ch" + bytes({0xED}) + "nh, Pho" +
                  bytes({0xF8}) + "ng No" + bytes({0xE4}) + "i vu" + bytes({0xEF}) + ", " +
                  bytes({0xD1}) + "o" + bytes({0xE0}) + "ng Tha" + bytes({0xF9}) + "p, ng" +
                  bytes({0xF6, 0xF4, 0xF8}) + "i, Ho" + bytes({0xF8}) + "a, ca" + bytes({0xEA, 0xF9}) + "t";
  auto d = text::decode(s);
  CHECK(d.encoding == Encoding::vni);
  CHECK(d.text == "Chỉ số cải cách hành chính, Phòng Nội vụ, Đồng Tháp, người, Hòa, cắt");
}

TEST_CASE("text::decode VIQR") {
  auto d = text::decode("Chi? so^' ca?i ca'ch ha`nh chi'nh cu?a huye^.n DDo^`ng Hy?. Ho^`i dda^`u, ngu+o+`i da^n.\n");
  CHECK(d.encoding == Encoding::viqr);
  CHECK(d.text == "Chỉ số cải cách hành chính của huyện Đồng Hỷ. Hồi đầu, người dân.\n");
}

TEST_CASE("text::decode Windows-1258 (combining tone marks)") {
  // "Chỉ số cải cách" with the tones as combining bytes: ỉ = i + 0xD2, ố = ô + 0xEC.
  std::string s = "Ch" + std::string("i") + bytes({0xD2}) + " s" + bytes({0xF4, 0xEC}) + " ca" +
                  bytes({0xD2}) + "i ca" + bytes({0xEC}) + "ch ha" + bytes({0xCC}) + "nh, " +
                  bytes({0xD0}) + bytes({0xF4, 0xCC}) + "ng Tha" + bytes({0xEC}) + "p";
  auto d = text::decode(s, Encoding::cp1258);
  CHECK(d.text == "Chỉ số cải cách hành, Đồng Tháp");
  auto a = text::decode(s);
  CHECK(a.encoding == Encoding::cp1258);
  CHECK(a.text == d.text);
}

TEST_CASE("text::decode UTF-8 and UTF-16") {
  CHECK(text::decode("\xEF\xBB\xBFKế hoạch\r\nsố 1\r").text == "Kế hoạch\nsố 1\n");
  CHECK(text::decode("hoà thuỷ").text == "hòa thủy"); // one tone placement
  std::string le = bytes({0xFF, 0xFE}) + std::string("K\0\xBF\x1E \0h\0o\0", 10);
  auto d = text::decode(le);
  CHECK(d.encoding == Encoding::utf16);
  CHECK(d.text == "Kế ho");
  // Plain ASCII without VIQR marks stays as it is.
  CHECK(text::decode("Chi so CCHC 2024. Ok?").text == "Chi so CCHC 2024. Ok?");
}

TEST_CASE("text::decode rejects what is not text") {
  CHECK_THROWS_WITH_AS(text::decode(std::string("ab\0cd", 5)), "binary data, not text", InputError);
  std::string control(200, '\x01');
  CHECK_THROWS_AS(text::decode(control), InputError);
  CHECK_THROWS_AS(text::decode("abc\xC3", Encoding::utf8), InputError);
  CHECK_THROWS_AS(text::parse_encoding("koi8"), UsageError);
}

TEST_CASE("text::tokenize") {
  auto t = text::tokenize("Tiêu chí 3.5.3.2: 1,5/2 điểm\ntheo 104/KH-UBND ngày 22/3/2024, 91,44%");
  REQUIRE(t.size() >= 12);
  CHECK(t[0].text == "Tiêu");
  CHECK(t[0].kind == text::TokenKind::syllable);
  CHECK(t[2].text == "3.5.3.2");
  CHECK(t[2].kind == text::TokenKind::code);
  CHECK(t[3].kind == text::TokenKind::punct);
  auto find = [&](const std::string& s) {
    for (const auto& x : t)
      if (x.text == s) return x;
    FAIL("no token " << s);
    return t[0];
  };
  CHECK(find("104/KH-UBND").kind == text::TokenKind::doc_number);
  CHECK(find("104/KH-UBND").line == 2);
  CHECK(find("104/KH-UBND").column == 6);
  CHECK(find("22/3/2024").kind == text::TokenKind::date);
  CHECK(find("91,44%").kind == text::TokenKind::number);
  CHECK(text::tokenize("2.429 hồ sơ")[0].kind == text::TokenKind::number);
}
