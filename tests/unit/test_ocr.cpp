// The ocr stage on small fixtures from tests/data (regenerate with tests/data/make_fixtures.sh).
// Real-Tesseract cases are labelled "[tesseract]" and skip when the `vie` model is missing.
#include <parindex/error.hpp>
#include <parindex/ocr.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using namespace parindex;

namespace {

std::filesystem::path data(const char* name) {
  return std::filesystem::path(PARINDEX_SOURCE_DIR) / "tests" / "data" / name;
}

source::PageReader& reader() {
  static auto r = ocr::make_reader({});
  return *r;
}

source::ReadResult read(const char* name, int jobs = 0) {
  source::ReadOptions options;
  options.jobs = jobs;
  return ocr::read_file(reader(), data(name), options);
}

std::string input_error(const char* name) {
  try {
    read(name);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

bool has_vie() {
  try {
    read("ocr_two_pages.tif", 1);
    return true;
  } catch (const DependencyError& e) {
    MESSAGE("skipped: " << e.what());
    return false;
  }
}

} // namespace

TEST_CASE("ocr::born-digital PDF is read from its text layer without OCR") {
  auto r = read("ocr_vector.pdf");
  CHECK(r.input == "pdf-text");
  REQUIRE(r.pages.size() == 1);
  CHECK(r.pages[0].page == 1);
  CHECK_FALSE(r.pages[0].confidence.has_value()); // no recognition happened
  const auto& t = r.pages[0].text;
  CHECK(t.find("Kế hoạch số 417/KH-UBND ngày 14/3/2025") != std::string::npos);
  CHECK(t.find("Tiêu chí 2.3.1 đạt 1,75/2 điểm; tiêu chí 7.4.2 Không đạt") != std::string::npos);
  CHECK(t.rfind("KẾ HOẠCH\n", 0) == 0); // centring spaces removed
}

TEST_CASE("ocr::ruled table of a born-digital PDF gives one TAB-separated line per row") {
  auto r = read("ocr_table_vector.pdf");
  CHECK(r.input == "pdf-text");
  REQUIRE(r.pages.size() == 1);
  const auto& t = r.pages[0].text;
  CHECK_MESSAGE(t.find("STT\tChỉ số thành phần\tNăm 2025\tMục tiêu\n"
                       "1\tCải cách thể chế\t91,25%\tTrên 93%\n"
                       "2\tCải cách tài chính công\t64,5%\tTrên 70%\n") != std::string::npos, t);
  CHECK(t.find("Giao Phòng Nội vụ theo dõi.") > t.find("Trên 70%"));
}

TEST_CASE("ocr::scanned page keeps its numbers and codes [tesseract]") {
  if (!has_vie()) return;
  auto r = read("ocr_scan.pdf");
  CHECK(r.input == "pdf-scanned");
  REQUIRE(r.pages.size() == 1);
  REQUIRE(r.pages[0].confidence.has_value());
  CHECK(*r.pages[0].confidence > 70);
  const auto& t = r.pages[0].text;
  for (const char* s : {"417/KH-UBND", "14/3/2025", "81,37/100", "79,25", "06/14", "2.3.1",
                        "1,75/2", "7.4.2", "Không đạt", "86,4%", "25/11/2025", "SIPAS"})
    CHECK_MESSAGE(t.find(s) != std::string::npos, s << " missing from:\n" << t);
}

TEST_CASE("ocr::a page scanned upside down or sideways is turned upright first [tesseract]") {
  if (!has_vie()) return;
  if (!std::filesystem::exists("/usr/share/tesseract-ocr/5/tessdata/osd.traineddata")) {
    MESSAGE("skipped: Tesseract's orientation model (tesseract-ocr-osd) is not installed");
    return;
  }
  for (const char* name : {"ocr_scan_upside_down.pdf", "ocr_scan_sideways.pdf"}) {
    auto r = read(name);
    REQUIRE(r.pages.size() == 1);
    REQUIRE(r.pages[0].confidence.has_value());
    CHECK_MESSAGE(*r.pages[0].confidence > 70, name);
    const auto& t = r.pages[0].text;
    for (const char* s : {"417/KH-UBND", "14/3/2025", "81,37/100", "79,25", "7.4.2", "86,4%", "SIPAS"})
      CHECK_MESSAGE(t.find(s) != std::string::npos, s << " missing from " << name << ":\n" << t);
  }
}

TEST_CASE("ocr::multi-page bitonal TIFF gives one page each [tesseract]") {
  if (!has_vie()) return;
  auto r = read("ocr_two_pages.tif", 2);
  CHECK(r.input == "image");
  REQUIRE(r.pages.size() == 2);
  CHECK(r.pages[0].page == 1);
  CHECK(r.pages[1].page == 2);
  CHECK(r.pages[0].text.find("HOẠCH") != std::string::npos);
  CHECK(r.pages[1].text.find("2.3.1") != std::string::npos);
}

TEST_CASE("ocr::DOCX paragraphs, table rows and footnotes in order") {
  auto r = read("ocr_sample.docx");
  CHECK(r.input == "docx");
  REQUIRE(r.pages.size() == 1);
  CHECK(r.pages[0].text == "Xã Minh Sơn đạt 81,37 điểm1\n"
                           "STT\tChỉ số thành phần\tNăm 2024\n"
                           "1\tCải cách thể chế\t96,5%\n"
                           "Giao Văn phòng chủ trì.\n"
                           "1 Kế hoạch số 417/KH-UBND ngày 14/3/2025.\n");
}

TEST_CASE("ocr::bad inputs are input errors naming the file and the reason") {
  auto has = [](const std::string& what, const char* file, const char* reason) {
    CHECK_MESSAGE(what.find(file) != std::string::npos, what);
    CHECK_MESSAGE(what.find(reason) != std::string::npos, what);
  };
  has(input_error("ocr_encrypted.pdf"), "ocr_encrypted.pdf: ", "encrypted PDF (password required)");
  has(input_error("ocr_truncated.pdf"), "ocr_truncated.pdf: ", "truncated PDF");
  has(input_error("ocr_zero_pages.pdf"), "ocr_zero_pages.pdf: ", "PDF has no pages");
  has(input_error("ocr_not_a_pdf.pdf"), "ocr_not_a_pdf.pdf: ", "not a PDF file");
  // Refused from the size alone, before anything is rendered or decoded.
  has(input_error("ocr_huge_page.pdf"), "ocr_huge_page.pdf: ", "page 1 is too large (30000 × 30000 px");
  // The same when the image's /Width and /Height are indirect objects ("6 0 R").
  has(input_error("ocr_indirect_size.pdf"), "ocr_indirect_size.pdf: ", "page 1 is too large (30000 × 30000 px");
  has(input_error("ocr_forged_header.png"), "ocr_forged_header.png: ", "too large (40000 × 40000 px");
  has(input_error("ocr_sample.txt"), "ocr_sample.txt: ", "not a PDF, image or DOCX file");
  has(input_error("no_such_file.pdf"), "no_such_file.pdf: ", "cannot open file");
}

TEST_CASE("ocr::a missing model is a dependency error naming the Debian package") {
  ocr::Options options;
  options.model = "nonexistent_model";
  auto r = ocr::make_reader(options);
  source::ReadOptions ro;
  ro.jobs = 1;
  try {
    ocr::read_file(*r, data("ocr_two_pages.tif"), ro);
    FAIL("no DependencyError");
  } catch (const DependencyError& e) {
    CHECK(std::string(e.what()).find("tesseract-ocr-nonexistent_model") != std::string::npos);
  }
  // A text layer needs no model.
  CHECK(ocr::read_file(*r, data("ocr_vector.pdf"), ro).input == "pdf-text");
}
