// Extraction on short texts written for the test: each pattern users rely on, and the
// look-alikes that must not be taken for scores, codes or deadlines.
#include "helpers.hpp"

#include <parindex/error.hpp>

#include <algorithm>

using namespace parindex;
using testing::extract_text;

TEST_CASE("extract::scores written in the common ways") {
  SUBCASE("self and appraised with maxima, decimal comma and point") {
    auto d = extract_text("Tiêu chí 2.3.1. Kiểm tra văn bản: Tự đánh giá 1,5/2. Kết quả thẩm định 0.75/2.\n");
    REQUIRE(d.scores.size() == 1);
    CHECK(d.scores[0].code == "2.3.1");
    CHECK(d.scores[0].component == 2);
    CHECK(d.scores[0].title == "Kiểm tra văn bản");
    CHECK(d.scores[0].self == 1.5);
    CHECK(d.scores[0].appraised == 0.75);
    CHECK(d.scores[0].max == 2);
  }
  SUBCASE("TC and TCTP abbreviations, four-level codes") {
    auto d = extract_text("TCTP 5.2.1.3. Tuyển dụng công chức. Tự chấm 0,5/0,5. Thẩm định 0/0,5.\n");
    REQUIRE(d.scores.size() == 1);
    CHECK(d.scores[0].code == "5.2.1.3");
    CHECK(d.scores[0].appraised == 0);
  }
  SUBCASE("parenthesised results named by the text before them") {
    auto d = extract_text("- Cải thiện tiêu chí tài chính: Giải ngân vốn đầu tư công (0,75/1 điểm); Tự chủ đơn vị sự nghiệp (00/0,5 điểm).\n");
    REQUIRE(d.scores.size() == 2);
    CHECK(d.scores[0].title == "Giải ngân vốn đầu tư công");
    CHECK(d.scores[0].appraised == 0.75);
    CHECK(d.scores[0].max == 1);
    CHECK(d.scores[1].title == "Tự chủ đơn vị sự nghiệp");
    CHECK(d.scores[1].appraised == 0);
    CHECK(d.scores[1].max == 0.5);
  }
  SUBCASE("đạt x/y điểm") {
    auto d = extract_text("- Báo cáo định kỳ đúng hạn (đạt 0,4/0,5 điểm trừ 0,1 điểm).\n");
    REQUIRE(d.scores.size() == 1);
    CHECK(d.scores[0].appraised == 0.4);
    CHECK(d.scores[0].max == 0.5);
  }
  SUBCASE("pass/fail") {
    auto d = extract_text("Tại tiêu chí 6.4. Công khai ngân sách (kết quả Không đạt). Lý do: Công khai chậm.\n");
    REQUIRE(d.scores.size() == 1);
    CHECK(d.scores[0].passed == false);
    CHECK(d.scores[0].note == "Công khai chậm");
  }
}

TEST_CASE("extract::look-alikes are not scores") {
  auto d = extract_text(
    "1.1. Mục đích\n"
    "Thực hiện Quyết định số 876/QĐ-BNV ngày 10/11/2022 của Bộ Nội vụ.\n"
    "Đã kiểm tra 19/19 xã, hoàn thành 42/43 nhiệm vụ, tiếp nhận 2.429 hồ sơ, thu 858,92 tỷ đồng.\n"
    "Xếp thứ 8/18 về thu hút đầu tư.\n");
  CHECK(d.scores.empty());
  CHECK(d.tasks.empty());
  CHECK(d.indices.empty()); // a rank of something that is not the PAR INDEX
  REQUIRE(d.references.size() == 1);
  CHECK(d.references[0].number == "876/QĐ-BNV");
  CHECK(d.references[0].date == "2022-11-10");
  CHECK(d.references[0].issuer == "Bộ Nội vụ");
}

TEST_CASE("extract::\"cơ quan chủ trì\" as a notion is not a task; an agency that leads is") {
  auto d = extract_text(
    "KẾ HOẠCH\nCải cách hành chính năm 2024\n"
    "Phân công rõ cơ quan chủ trì, cơ quan phối hợp và thời hạn hoàn thành từng nhiệm vụ.\n\n"
    "Xác định đơn vị chủ trì và thời gian thực hiện cụ thể cho từng nội dung.\n\n"
    "Phòng Nội vụ chủ trì, phối hợp với Văn phòng HĐND và UBND huyện kiểm tra cải cách hành chính, hoàn thành trước ngày 30/9/2024.\n\n"
    "Các cơ quan chủ trì rà soát thủ tục hành chính thuộc lĩnh vực quản lý.\n");
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].lead == "Phòng Nội vụ");
  CHECK_FALSE(d.tasks[0].partners.empty());
  CHECK(d.tasks[0].due == "2024-09-30");
  CHECK(d.tasks[1].lead == "Các cơ quan"); // the agencies in general: still told to act
}

TEST_CASE("extract::tasks, deadlines and what is not a deadline") {
  auto d = extract_text(
    "Ngày 08/02/2024, UBND tỉnh ban hành Kế hoạch số 12/KH-UBND.\n"
    "- Giao Phòng Tư pháp chủ trì, phối hợp với Phòng Nội vụ, UBND các xã, thị trấn rà soát văn bản quy phạm pháp luật.\n"
    "- Thời gian thực hiện: hoàn thành trước ngày 15/10/2024.\n"
    "- Giao Trung tâm Văn hóa, Thể thao và Truyền thông tuyên truyền cải cách hành chính hằng tháng.\n"
    "Báo cáo Quý 2 vào ngày 15/6/2024 (số liệu tính từ ngày 15/3/2024 đến 14/6/2024).\n");
  REQUIRE(d.tasks.size() == 3);
  CHECK(d.tasks[0].lead == "Phòng Tư pháp");
  CHECK(d.tasks[0].partners == std::vector<std::string>{"Phòng Nội vụ", "UBND các xã, thị trấn"});
  CHECK(d.tasks[0].due == "2024-10-15");
  CHECK(d.tasks[0].text == "Rà soát văn bản quy phạm pháp luật.");
  CHECK(d.tasks[0].where.line == 2);
  CHECK(d.tasks[1].lead == "Trung tâm Văn hóa, Thể thao và Truyền thông");
  CHECK(d.tasks[1].recurrence == "monthly");
  CHECK(d.tasks[2].due == "2024-06-15");
  REQUIRE(d.tasks[2].period);
  CHECK(d.tasks[2].period->from == "2024-03-15");
  CHECK(d.tasks[2].period->to == "2024-06-14");
  for (const auto& t : d.tasks) CHECK(t.due != "2024-02-08"); // an issuance date
}

TEST_CASE("extract::targets with operators") {
  auto d = extract_text(
    "KẾ HOẠCH\nCải cách hành chính năm 2024\n"
    "- Chỉ số CCHC của huyện năm 2024 đạt từ 85% trở lên.\n"
    "- Tỷ lệ hồ sơ trực tuyến đạt tối thiểu 40%.\n"
    "- Tỷ lệ hồ sơ trễ hạn dưới 2%.\n"
    "- Kết quả năm 2023 (đạt 97,5%) được duy trì.\n");
  auto find = [&](const std::string& op, double v) {
    return std::find_if(d.targets.begin(), d.targets.end(),
                        [&](const Target& t) { return t.op == op && t.value == v; });
  };
  REQUIRE(find(">=", 85) != d.targets.end());
  CHECK(find(">=", 85)->indicator == "Chỉ số CCHC");
  CHECK(find(">=", 85)->year == 2024);
  REQUIRE(find(">=", 40) != d.targets.end());
  CHECK(find(">=", 40)->indicator == "Tỷ lệ hồ sơ trực tuyến");
  CHECK(find("<", 2) != d.targets.end());
  CHECK(find("=", 97.5) == d.targets.end()); // a measurement in parentheses
}

TEST_CASE("extract::targets the aim named just after the figure") {
  auto d = extract_text(
    "Kết quả đo lường sự hài lòng tại tỉnh Hòa Bình năm 2023\n\n"
    "Các cơ quan cần nỗ lực hơn nữa để đạt mức hài lòng của người dân từ 85% trở lên vào năm 2026 "
    "theo mục tiêu của tỉnh. Năm 2023, mức hài lòng chung đạt 81,2% so với mục tiêu của năm.\n");
  CHECK(d.kind == "other");
  REQUIRE(d.targets.size() == 1);
  CHECK(d.targets[0].op == ">=");
  CHECK(d.targets[0].value == 85);
  CHECK(d.targets[0].unit == "%");
  CHECK(d.targets[0].index == "SIPAS");
  CHECK(d.targets[0].year == 2026);
}

TEST_CASE("extract::targets in a paragraph that assigns, outside the assigning sentence") {
  auto d = extract_text(
    "Tỉnh Hòa Bình triển khai đo lường sự hài lòng năm 2024\n\n"
    "Chương trình của tỉnh đặt ra mục tiêu bảo đảm sự hài lòng của người dân, doanh nghiệp đối "
    "với cơ quan nhà nước đạt mức trên 90% vào năm 2027. Để thực hiện, UBND tỉnh giao Sở Nội vụ "
    "chủ trì tổ chức khảo sát, bảo đảm tối thiểu 95% phiếu hợp lệ.\n");
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].lead == "Sở Nội vụ");
  REQUIRE(d.targets.size() == 1);
  CHECK(d.targets[0].op == ">");
  CHECK(d.targets[0].value == 90);
  CHECK(d.targets[0].index == "SIPAS"); // named by the sentence, not by the clause
  CHECK(d.targets[0].year == 2027);
}

TEST_CASE("extract::targets in counts of agencies and units") {
  auto d = extract_text(
    "Tỉnh Hòa Bình kiểm tra công tác cải cách hành chính năm 2025\n\n"
    "Theo kế hoạch, đoàn kiểm tra sẽ làm việc tại ít nhất 4 cơ quan cấp tỉnh; 3 đơn vị sự nghiệp "
    "và tối thiểu 07 xã trong năm 2025. Mỗi đoàn có ít nhất 03 thành viên, làm việc ít nhất 02 "
    "ngày tại mỗi đơn vị.\n");
  REQUIRE(d.targets.size() == 2);
  CHECK(d.targets[0].op == ">=");
  CHECK(d.targets[0].value == 4);
  CHECK(d.targets[0].unit == "cơ quan");
  CHECK(d.targets[0].indicator == "Số cơ quan cấp tỉnh");
  CHECK(d.targets[0].where.line == 3);
  CHECK(d.targets[1].op == ">=");
  CHECK(d.targets[1].value == 7);
  CHECK(d.targets[1].unit == "xã");
  CHECK(d.targets[1].year == 2025);
}

TEST_CASE("extract::targets for each index a count of indices names next") {
  auto d = extract_text(
    "Tỉnh Hòa Bình đặt mục tiêu cho các chỉ số năm 2026\n\n"
    "Tại hội nghị, Tỉnh ủy đề ra mục tiêu đến hết năm 2026, tỉnh Hòa Bình tăng ít nhất 5 bậc xếp "
    "hạng cả 2 chỉ số. Đó là Chỉ số hài lòng SIPAS và Chỉ số năng lực cạnh tranh PCI.\n");
  REQUIRE(d.targets.size() == 2);
  CHECK(d.targets[0].index == "SIPAS");
  CHECK(d.targets[1].index == "PCI");
  for (const auto& t : d.targets) {
    CHECK(t.op == ">=");
    CHECK(t.value == 5);
    CHECK(t.unit == "bậc");
    CHECK(t.year == 2026);
  }
}

TEST_CASE("extract::metadata from a header") {
  auto d = extract_text(
    "ỦY BAN NHÂN DÂN\nXÃ HÒA AN\n\nSố: 07/KH-UBND\n\nHòa An, ngày 09 tháng 01 năm 2025\n\n"
    "KẾ HOẠCH\nCải cách hành chính năm 2025 của xã Hòa An, tỉnh Cao Bằng\n\n"
    "Tiêu chí 3.1. Công khai TTHC: Tự chấm 1/1. Thẩm định 0,5/1.\n\n"
    "CHỦ TỊCH\n\nLê Văn Tám\n");
  CHECK(d.kind == "plan");
  CHECK(d.number == "07/KH-UBND");
  CHECK(d.issued_on == "2025-01-09");
  CHECK(d.unit == "Hòa An");
  CHECK(d.unit_level == "xã");
  CHECK(d.issuer == "UBND xã Hòa An");
  CHECK(d.province == "Cao Bằng");
  CHECK(d.plan_year == 2025);
  CHECK(d.assessed_year == 2024);
  CHECK(d.signer == "Lê Văn Tám");
  REQUIRE(d.scores.size() == 1);
  CHECK(d.scores[0].year == 2024);
}

TEST_CASE("extract::the signer when the scan lost the title line") {
  const std::string head =
    "ỦY BAN NHÂN DÂN\nHUYỆN SÔNG MÂY\n\nSố: 21/KH-UBND\n\nKẾ HOẠCH\nCải cách hành chính năm 2025\n\n"
    "Tiêu chí 3.1. Công khai TTHC: Tự chấm 1/1. Thẩm định 0,5/1.\n\n";
  // "Nơi nhận:" shares its line with "TM. ỦY BAN NHÂN DÂN"; the stamp's debris joins the
  // name's line; the restorer read "Trương" as "Trường" and left "Thi" unmarked.
  auto d = extract_text(head + "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên;\n- Lưu: VT.\n\n"
                               ". *‘—1“.a\nTrường Thi Hoa\n");
  CHECK(d.signer == "Trương Thị Hoa");
  // A name under its title keeps the marks it was written with.
  auto typed = extract_text(head + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLã Văn Thi\n");
  CHECK(typed.signer == "Lã Văn Thi");
  // Recipients and agencies after the title are not names; without a surname nobody signed.
  auto none = extract_text(head + "TM. ỦY BAN NHÂN DÂN\n- Như trên;\n\nPhòng Nội Vụ\n\nBan Dân Vận\n");
  CHECK_FALSE(none.signer);
}

TEST_CASE("extract::metadata from a header written on one line") {
  auto d = extract_text(
    "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
    "Số: 12/2024/QĐUBND Hòa Bình, ngày 05 tháng 3 năm 2024 QUYẾT ĐỊNH BAN HÀNH QUY ĐỊNH VỀ "
    "CHẾ ĐỘ BÁO CÁO ĐỊNH KỲ Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n");
  CHECK(d.kind == "decision");
  CHECK(d.number == "12/2024/QĐUBND"); // the hyphen lost, as sites often print it
  CHECK(d.issued_on == "2024-03-05");
}

TEST_CASE("extract::metadata a plan whose header was not kept") {
  SUBCASE("its opening issues it") {
    auto d = extract_text(
      "Thực hiện Quyết định số 210/QĐ-UBND ngày 02/02/2024 của UBND tỉnh về cải cách hành chính,\n"
      "Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:\n\n"
      "Nâng cao chất lượng giải quyết thủ tục hành chính trên địa bàn huyện.\n");
    CHECK(d.kind == "plan");
    CHECK_FALSE(d.number);
  }
  SUBCASE("news of a plan is news") {
    auto d = extract_text(
      "Ngày 12/3/2024, UBND tỉnh Hòa Bình đã ban hành Quyết định số 88/QĐ-UBND về việc ban hành "
      "Kế hoạch cải cách hành chính năm 2024, với các nội dung như sau:\n\n"
      "Theo đó, các sở, ngành tập trung cải thiện Chỉ số CCHC.\n");
    CHECK(d.kind == "other");
  }
}

TEST_CASE("extract::metadata an excerpt that opens at a list") {
  SUBCASE("a list that is no section of a plan") {
    auto d = extract_text(
      "I. Danh sách cơ sở dữ liệu cấp tỉnh\n\n"
      "II. CÁC CƠ SỞ GỬI BÁO CÁO ĐỊNH KỲ\n\n"
      "- Báo cáo năm gửi trước ngày 15/01 của năm sau.\n");
    CHECK(d.kind == "other");
  }
  SUBCASE("the body of a plan") {
    auto d = extract_text(
      "1. Cải cách thủ tục hành chính\n"
      "- 100% thủ tục hành chính được công khai đúng quy định.\n");
    CHECK_FALSE(d.kind);
  }
  SUBCASE("a section of a plan") {
    auto d = extract_text("I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n- Nâng cao chất lượng phục vụ.\n");
    CHECK_FALSE(d.kind);
  }
}

TEST_CASE("extract::metadata the heading of a circular, a resolution or a directive") {
  auto d = extract_text(
    "BỘ NỘI VỤ\n\nSố: 9/2023/TT-BNV\n\nHà Nội, ngày 20 tháng 11 năm 2023\n\n"
    "THÔNG TƯ\n\nQuy định chế độ báo cáo thống kê\n");
  CHECK(d.kind == "other");
  CHECK(d.title == "Quy định chế độ báo cáo thống kê");
}

TEST_CASE("extract::metadata a header number with the blank before its slash") {
  auto d = extract_text(
    "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "XÃ HÒA AN Độc lập - Tự do - Hạnh phúc\n"
    "Số: 05 /KH-UBND Hòa An, ngày 06 tháng 01 năm 2025\n"
    "KẾ HOẠCH\nCải cách hành chính xã Hòa An năm 2025\n");
  CHECK(d.number == "05/KH-UBND");
  CHECK(d.kind == "plan");
  CHECK(d.issued_on == "2025-01-06");
  auto t = extract_text("BỘ NỘI VỤ\n\nSố: 9 /2023/TT-BNV Hà Nội, ngày 20 tháng 11 năm 2023\n\nTHÔNG TƯ\n");
  CHECK(t.number == "9/2023/TT-BNV");
  CHECK(t.kind == "other");
}

TEST_CASE("extract::metadata a header number in the cell after its label") {
  auto d = extract_text(
    "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n|\nSố:\n15/2024/QĐ-UBND\n|\nHòa Bình, ngày 08 tháng 02 năm 2024\n|\n"
    "QUYẾT ĐỊNH\nBan hành quy định chế độ báo cáo định kỳ\n");
  CHECK(d.number == "15/2024/QĐ-UBND");
  CHECK(d.kind == "decision");
  CHECK(d.issued_on == "2024-02-08");
}

TEST_CASE("extract::references a kind qualified before its number") {
  auto d = extract_text(
    "Xét đề nghị của Sở Nội vụ tại Tờ trình số 210/TTr-SNV ngày 02 tháng 5 năm 2024 và Báo cáo "
    "thẩm định số 31/BCTĐ-STP ngày 20 tháng 4 năm 2024 của Sở Tư pháp.\n");
  REQUIRE(d.references.size() == 2);
  CHECK(d.references[1].kind == "Báo cáo");
  CHECK(d.references[1].number == "31/BCTĐ-STP");
  CHECK(d.references[1].date == "2024-04-20");
}

TEST_CASE("extract::references a number cited without its kind word") {
  auto d = extract_text(
    "Thực hiện 45/KH-UBND ngày 03/01/2025 của UBND huyện về cải cách hành chính;\n"
    "ố 11/2023/NĐ-CP ngày 15 tháng 3 năm 2023 của Chính phủ quy định về chế độ báo cáo;\n"
    "Theo đề nghị của Sở Nội vụ (2231/SNV-CCHC ngày 28/9/2024).\n");
  REQUIRE(d.references.size() == 2);
  CHECK(d.references[0].kind == "Kế hoạch");
  CHECK(d.references[0].number == "45/KH-UBND");
  CHECK(d.references[0].date == "2025-01-03");
  CHECK(d.references[1].kind == "Nghị định");
  CHECK(d.references[1].number == "11/2023/NĐ-CP");
  CHECK(d.references[1].date == "2023-03-15");
}

TEST_CASE("extract::component_from_name") {
  CHECK(extract::component_from_name("Công tác chỉ đạo, điều hành CCHC") == 1);
  CHECK(extract::component_from_name("Cải cách thể chế") == 2);
  CHECK(extract::component_from_name("CẢI CÁCH THỦ TỤC HÀNH CHÍNH") == 3);
  CHECK(extract::component_from_name("Cải cách tổ chức bộ máy hành chính") == 4);
  CHECK(extract::component_from_name("Cải cách chế độ công vụ") == 5);
  CHECK(extract::component_from_name("Cải cách tài chính công") == 6);
  CHECK(extract::component_from_name("Xây dựng chính quyền điện tử, chính quyền số") == 7);
  CHECK(extract::component_from_name("Tác động của CCHC đến phát triển KT-XH") == 8);
  CHECK_FALSE(extract::component_from_name("Mục đích, yêu cầu"));
}

TEST_CASE("extract::monthly reporting duty") {
  auto d = extract_text("+ Báo cáo tháng: chậm nhất vào ngày 05 hằng tháng (số liệu tính từ ngày 01 đến ngày cuối cùng của tháng trước).\n");
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].recurrence == "monthly");
  CHECK(d.tasks[0].day_of_month == 5);
  CHECK_FALSE(d.tasks[0].due);
}

TEST_CASE("extract::fuzz regressions do not crash") {
  // Inputs libFuzzer found (tests/fuzz/regressions/fuzz_extract/): each once made extraction
  // throw out of a noexcept path.
  auto dir = testing::source_dir() / "tests/fuzz/regressions/fuzz_extract";
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string bytes = testing::read_file(e.path());
    try {
      auto text = text::decode(bytes).text;
      CHECK_NOTHROW(extract::extract({{1, text, std::nullopt}}));
    } catch (const InputError&) {
    }
    ++n;
  }
  CHECK(n >= 1);
}

TEST_CASE("extract::a task runs on across a page break, past the margin and the page number") {
  // Page 1 ends mid-sentence, then blank margin and a page number; page 2 opens with one.
  std::vector<parindex::PageText> pages = {
    {1, "KẾ HOẠCH\nKhắc phục các tiêu chí bị trừ điểm Chỉ số cải cách hành chính năm 2023\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Giao cho Phòng Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch này, định kỳ 6\n\n\n  3  \n",
     std::nullopt},
    {2, "- 4 -\n\ntháng, 9 tháng, năm (trước 31/12/2024) báo cáo Chủ tịch UBND huyện.\n"
        "2. Giao cho Phòng Tư pháp rà soát văn bản, hoàn thành trước 30/11/2024.\n",
     std::nullopt}};
  auto d = parindex::extract::extract(pages);
  REQUIRE(d.tasks.size() == 2);
  CHECK(d.tasks[0].lead == "Phòng Nội vụ");
  CHECK(d.tasks[0].due == "2024-12-31");
  CHECK(d.tasks[0].recurrence == "half-yearly");
  CHECK(d.tasks[0].where.page == 1);
  CHECK(d.tasks[0].where.line == 5);
  CHECK(d.tasks[1].lead == "Phòng Tư pháp");
  CHECK(d.tasks[1].due == "2024-11-30");
  CHECK(d.tasks[1].where.page == 2);
  CHECK(d.tasks[1].where.line == 4);
}
