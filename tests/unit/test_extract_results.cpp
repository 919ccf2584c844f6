// Results in prose, press releases and reporting regimes: a corpus of phrases written for the
// test (invented units and figures, in the ways real PAR texts write them), each with the
// records it must give and the look-alikes it must not.
#include "helpers.hpp"

#include <algorithm>

using namespace parindex;
using testing::extract_text;

namespace {

const IndexRow* row(const Document& d, const std::string& unit, const std::string& index = "PAR INDEX") {
  for (const auto& r : d.indices)
    if (r.index == index && r.unit && text::fold(*r.unit) == text::fold(unit)) return &r;
  return nullptr;
}

const Score* score(const Document& d, const std::string& unit, const std::string& index = "PAR INDEX") {
  for (const auto& s : d.scores)
    if (s.index == index && s.unit && text::fold(*s.unit) == text::fold(unit)) return &s;
  return nullptr;
}

} // namespace

TEST_CASE("extract::results a ranking of many units, one row each") {
  auto d = extract_text(
    "Sông Lam: công bố Chỉ số cải cách hành chính năm 2023\n\n"
    "12/03/2024 - 09:15\n\n"
    "Đối với cấp huyện: huyện Đồi Thông có tổng số điểm đạt được 91.27 điểm, chỉ số cải cách "
    "hành chính đạt 91.27% đứng vị trí thứ nhất; huyện Bến Sỏi có tổng số điểm đạt được 89.5 "
    "điểm, chỉ số cải cách hành chính đạt 89.5% đứng vị trí thứ hai; huyện Khe Lau có tổng số "
    "điểm đạt được 80.12 điểm, chỉ số cải cách hành chính đạt 80.12% đứng vị trí cuối bảng trong "
    "tổng số 14 huyện, thị xã.\n");
  CHECK(d.kind == "other");
  CHECK(d.issued_on == "2024-03-12");
  CHECK(d.assessed_year == 2023);
  const IndexRow* a = row(d, "Đồi Thông");
  REQUIRE(a);
  CHECK(a->percent == 91.27);
  CHECK(a->rank == 1);
  CHECK(a->of == 14);
  CHECK(a->year == 2023);
  CHECK(a->unit_level == "huyện");
  const IndexRow* c = row(d, "Khe Lau");
  REQUIRE(c);
  CHECK(c->rank == 14); // "cuối bảng trong tổng số 14"
  const Score* b = score(d, "Bến Sỏi");
  REQUIRE(b);
  CHECK(b->appraised == 89.5);
  CHECK_FALSE(b->max);
  CHECK(b->where.line == 5); // the figure's own line
  CHECK(d.targets.empty());   // results are never targets
}

TEST_CASE("extract::results the index the sentence names, changes and bands left out") {
  auto d = extract_text(
    "Kết quả Chỉ số hài lòng năm 2023 (SIPAS) của tỉnh Quảng Trị đạt 82,15%, xếp thứ 20/63, "
    "tăng 4 bậc so với năm 2022; Chỉ số cải cách hành chính xếp hạng 31/63, tăng 1,2 điểm.\n"
    "Nhóm A gồm các tỉnh đạt từ 90% trở lên.\n");
  const IndexRow* sipas = nullptr;
  const IndexRow* par = nullptr;
  for (const auto& r : d.indices) {
    if (r.index == "SIPAS") sipas = &r;
    if (r.index == "PAR INDEX") par = &r;
  }
  REQUIRE(sipas);
  CHECK(sipas->percent == 82.15);
  CHECK(sipas->rank == 20);
  CHECK(sipas->of == 63);
  CHECK(sipas->year == 2023);
  REQUIRE(par);
  CHECK(par->rank == 31);
  CHECK_FALSE(par->percent);
  CHECK(d.indices.size() == 2); // "tăng 4 bậc", "tăng 1,2 điểm", "từ 90% trở lên" give nothing
  CHECK(d.scores.empty());
  CHECK(d.targets.empty());
}

TEST_CASE("extract::results the year of a parenthesis stays inside it") {
  auto d = extract_text(
    "Chỉ số CCHC năm 2023 của tỉnh Hà Tĩnh đạt 88,10/100 điểm (năm 2022 đạt 85,40 điểm), trong "
    "đó điểm thẩm định 60,5/68 điểm (điểm tự đánh giá: 62,75/68 điểm).\n");
  auto find = [&](double v) {
    return std::find_if(d.scores.begin(), d.scores.end(), [&](const Score& s) { return s.appraised == v; });
  };
  REQUIRE(find(88.10) != d.scores.end());
  CHECK(find(88.10)->max == 100);
  CHECK(find(88.10)->year == 2023);
  REQUIRE(find(85.40) != d.scores.end());
  CHECK(find(85.40)->year == 2022);
  REQUIRE(find(60.5) != d.scores.end());
  CHECK(find(60.5)->year == 2023);
  CHECK(find(60.5)->self == 62.75); // the parenthesis completes the appraised score
}

TEST_CASE("extract::results English news is read in English and never restored") {
  auto d = extract_text(
    "Binh Dinh province ranks 12th in the 2024 administrative reform index\n"
    "The Binh Dinh province achieved 88.40 percent, ranked 12th out of 63 provinces and cities "
    "in 2024, up 5 places compared to 2023. In 2023, Binh Dinh reached 86.02 percent.\n");
  CHECK(d.kind == "other");
  CHECK(d.unit == "Binh Dinh"); // the unit the headline names, as written
  CHECK(d.unit_level == "tỉnh");
  // The document's own unit: its rows carry no unit of their own.
  auto it = std::find_if(d.indices.begin(), d.indices.end(), [](const IndexRow& x) { return x.percent == 88.40; });
  REQUIRE(it != d.indices.end());
  const IndexRow* r = &*it;
  CHECK_FALSE(r->unit);
  CHECK(r->percent == 88.40);
  CHECK(r->rank == 12);
  CHECK(r->of == 63);
  CHECK(r->year == 2024);
  bool earlier = std::any_of(d.indices.begin(), d.indices.end(), [](const IndexRow& x) {
    return x.year == 2023 && x.percent == 86.02;
  });
  CHECK(earlier);
  CHECK(text::is_english("The province achieved 88.40 percent and ranked 12th out of 63 provinces, "
                         "which was the best result of the region."));
  CHECK_FALSE(text::is_english("Chi so cai cach hanh chinh cua tinh dat 88,40 diem va xep thu 12."));
}

TEST_CASE("extract::results the headline's unit when the next line runs on from it") {
  auto d = extract_text(
    "Chỉ số chuyển đổi số năm 2023, Hòa Bình xếp hạng 30/63 tỉnh, thành phố\n"
    "Lượt xem: 120\n"
    "Tại hội nghị, Bộ Thông tin và Truyền thông công bố kết quả. Hòa Bình xếp hạng 30/63 tỉnh, thành phố.\n");
  CHECK(d.kind == "other");
  CHECK(d.unit == "Hòa Bình");
  CHECK(d.unit_level == "tỉnh");
  CHECK(d.province == "Hòa Bình");
}

TEST_CASE("extract::results figures that are not results") {
  auto d = extract_text(
    "KẾ HOẠCH\nCải cách hành chính năm 2025\n"
    "- Giao Phòng Nội vụ chủ trì, bảo đảm 100% văn bản điện tử được ký số.\n"
    "- Phát huy vai trò của người đứng đầu các cơ quan, đơn vị.\n"
    "- Tiếp nhận hồ sơ vào thứ 3, thứ 5 hàng tuần.\n"
    "- Giá trị trung bình Chỉ số CCHC của vùng Tây Nguyên đạt 84,2%.\n");
  CHECK(d.indices.empty());
  CHECK(d.scores.empty());
}

TEST_CASE("extract::results a reporting regime's periodic duties") {
  auto d = extract_text(
    "QUYẾT ĐỊNH\nQuy định chế độ báo cáo định kỳ về cải cách hành chính\n"
    "(1) Thời hạn các phòng chuyên môn thuộc UBND huyện gửi báo cáo định kỳ về Phòng Nội vụ:\n"
    "- Chậm nhất ngày 12 của tháng báo cáo đối với báo cáo định kỳ hằng tháng;\n"
    "- Chậm nhất ngày 14 của tháng cuối quý đối với báo cáo định kỳ hằng quý;\n"
    "- Chậm nhất ngày 10 tháng 12 đối với báo cáo định kỳ hằng năm.\n");
  REQUIRE(d.tasks.size() == 3);
  CHECK(d.tasks[0].recurrence == "monthly");
  CHECK(d.tasks[1].recurrence == "quarterly");
  CHECK(d.tasks[2].recurrence == "yearly");
  for (const auto& t : d.tasks) {
    CHECK(t.lead == "các phòng chuyên môn thuộc UBND huyện");
    CHECK_FALSE(t.due); // a day of every period, not a date
  }
}

TEST_CASE("extract::results a legal-text card and a title that names the document") {
  auto d = extract_text(
    "Quyết định 15/2024/QĐ-UBND quy định chế độ báo cáo cải cách hành chính tỉnh Bình Phước\n"
    "Số hiệu: | 15/2024/QĐ-UBND | Loại văn bản: | Quyết định |\n"
    "Ngày ban hành: | 04/03/2024 | Người ký: | Trần Văn An |\n"
    "Căn cứ Nghị định số 09/2019/NĐ-CP ngày 24 tháng 01 năm 2019 của Chính phủ;\n");
  CHECK(d.number == "15/2024/QĐ-UBND");
  CHECK(d.kind == "decision");
  CHECK(d.issued_on == "2024-03-04");
  CHECK(d.signer == "Trần Văn An");
  REQUIRE(d.references.size() == 1); // the document never cites itself
  CHECK(d.references[0].number == "09/2019/NĐ-CP");
  CHECK(d.references[0].date == "2019-01-24"); // a date written in words
}

TEST_CASE("extract::results the signer of a card written on one line or as label and cell") {
  // "Nơi ban hành: … Người ký: …" on one line: the name runs to the next label.
  auto one_line = extract_text(
    "Số hiệu: 312/KH-UBND Loại văn bản: Kế hoạch\n"
    "Nơi ban hành: Tỉnh Sông Mây Người ký: Nguyễn Thị Bình\n"
    "Ngày ban hành: 18/07/2024 Ngày hiệu lực: Đã biết\n"
    "KẾ HOẠCH\nCải thiện Chỉ số cải cách hành chính năm 2024\n");
  CHECK(one_line.signer == "Nguyễn Thị Bình");
  // "Người ký | Lê Văn Hải |": the label without its colon, the name in the next cell.
  auto cells = extract_text(
    "Số hiệu | 29/2022/QĐ-UBND |\nNgười ký | Lê Văn Hải |\nLĩnh vực | Bộ máy hành chính |\n"
    "QUYẾT ĐỊNH\nBan hành Quy chế chế độ báo cáo cải cách hành chính\n");
  CHECK(cells.signer == "Lê Văn Hải");
  // A sentence that mentions a signer names nobody.
  auto prose = extract_text(
    "KẾ HOẠCH\nCải cách hành chính năm 2024\nNgười ký văn bản chịu trách nhiệm về nội dung.\n");
  CHECK_FALSE(prose.signer);
}

TEST_CASE("extract::results one kind, several numbers, one date") {
  auto d = extract_text(
    "KẾ HOẠCH\nCải cách hành chính năm 2024\n"
    "Căn cứ Quyết định số: 301/QĐ-BNV, 302/QĐ-BNV ngày 12/4/2024 của Bộ Nội vụ;\n");
  REQUIRE(d.references.size() == 2);
  CHECK(d.references[0].number == "301/QĐ-BNV");
  CHECK(d.references[1].number == "302/QĐ-BNV");
  CHECK(d.references[0].date == "2024-04-12");
  CHECK(d.references[1].date == "2024-04-12");
  CHECK_FALSE(d.number); // a cited "Quyết định số:" is not the plan's own number
}

TEST_CASE("extract::results the date and issuer of 'Ngày …, X ban hành' go to the list it issues") {
  auto d = extract_text(
    "KẾ HOẠCH\nNâng cao Chỉ số cải cách hành chính năm 2025\n\n"
    "Ngày 14/4/2025, Bộ Nội vụ ban hành Quyết định số 511/QĐ-BNV về Chỉ số hài lòng năm 2024; "
    "Quyết định số 512/QĐ-BNV về Chỉ số cải cách hành chính năm 2024. Thực hiện Kế hoạch số "
    "77/KH-UBND của UBND tỉnh, UBND huyện ban hành Kế hoạch.\n"
    "Nhằm khắc phục hạn chế, ngày 20/5/2025 UBND tỉnh Sông Lam đã ban hành Quyết định số "
    "900/QĐ-UBND về các giải pháp nâng cao chỉ số.\n");
  REQUIRE(d.references.size() == 4);
  CHECK(d.references[0].date == "2025-04-14");
  CHECK(d.references[1].number == "512/QĐ-BNV");
  CHECK(d.references[1].date == "2025-04-14"); // listed after ";" in the same sentence
  CHECK(d.references[1].issuer == "Bộ Nội vụ");
  CHECK_FALSE(d.references[2].date);           // another sentence: its date is not written
  CHECK(d.references[3].number == "900/QĐ-UBND");
  CHECK(d.references[3].date == "2025-05-20"); // the date in the middle of a sentence
}

TEST_CASE("extract::results 'lần lượt' and 'respectively' pair units and figures in order") {
  auto d = extract_text(
    "Sông Lam: công bố Chỉ số chuyển đổi số năm 2024\n\n"
    "Chỉ số DTI cấp tỉnh năm 2024, tỉnh Sông Lam dẫn đầu, Đà Nẵng và Quảng Ninh lần lượt xếp thứ 2 "
    "và 3. Ở khối bộ, Bộ Khoa học và Công nghệ vươn lên dẫn đầu.\n");
  const IndexRow* a = row(d, "Đà Nẵng", "DTI");
  const IndexRow* b = row(d, "Quảng Ninh", "DTI");
  REQUIRE(a);
  REQUIRE(b);
  CHECK(a->rank == 2);
  CHECK(b->rank == 3);
  CHECK(a->year == 2024);
  const IndexRow* m = row(d, "Bộ Khoa học và Công nghệ", "DTI"); // "và" inside a ministry's name
  REQUIRE(m);
  CHECK(m->rank == 1);
  CHECK(m->unit_level == "bộ");
  auto e = extract_text(
    "Song Lam improves its PAR Index\n\n"
    "In the PAR Index 2024, Hai Phong and Quang Ninh ranked 2nd and 3rd, respectively.\n");
  const IndexRow* h = row(e, "Hai Phong");
  const IndexRow* q = row(e, "Quang Ninh");
  REQUIRE(h);
  REQUIRE(q);
  CHECK(h->rank == 2);
  CHECK(q->rank == 3);
  // Counts that differ are not paired: no rank is guessed.
  auto f = extract_text(
    "Sông Lam: công bố Chỉ số chuyển đổi số năm 2024\n\n"
    "Chỉ số DTI năm 2024, Đà Nẵng, Huế và Quảng Ninh lần lượt xếp thứ 2 và 3.\n");
  CHECK_FALSE(row(f, "Huế", "DTI"));
}

TEST_CASE("extract::results pillars of the DTI, 'đều', 'thuộc về' and lists of leaders") {
  auto d = extract_text(
    "Sông Lam tăng 4 bậc trong đánh giá chuyển đổi số\n\n"
    "Bộ TT&TT công bố xếp hạng mức độ chuyển đổi số (DTI) năm 2024.\n\n"
    "Năm 2024, TP.Đà Nẵng tiếp tục là địa phương dẫn đầu cả nước.\n\n"
    "Ở vị trí thứ 2 là Quảng Ninh; trong đó, cả 3 trụ cột, gồm: Chính quyền số, kinh tế số và xã "
    "hội số đều xếp vị trí thứ 2/63 tỉnh, thành phố. Vị trí thứ 3 trong bảng xếp hạng thuộc về TP.Huế.\n\n"
    "Các tỉnh tiếp theo có Chỉ số DTI đứng đầu năm 2024, gồm: Lạng Sơn, Cần Thơ, Hà Nội.\n\n"
    "Tỉnh Sông Lam xếp vị trí thứ 17/63. Trong đó, chính quyền số ở vị trí thứ 12, kinh tế số ở "
    "vị trí thứ 19 trong 63 tỉnh, thành phố.\n");
  const IndexRow* dn = row(d, "Đà Nẵng", "DTI");
  REQUIRE(dn);
  CHECK(dn->rank == 1); // "là địa phương dẫn đầu"
  const IndexRow* hue = row(d, "TP.Huế", "DTI");
  REQUIRE(hue);
  CHECK(hue->rank == 3); // "thuộc về"
  CHECK(hue->unit_level == "tỉnh");
  int qn_pillars = 0;
  for (const auto& r : d.indices)
    if (r.unit && *r.unit == "Quảng Ninh" && r.rank == 2 && r.of == 63) ++qn_pillars;
  CHECK(qn_pillars == 3); // each pillar listed before "đều"
  CHECK_FALSE(row(d, "Lạng Sơn", "DTI"));
  for (const auto& r : d.indices) CHECK_FALSE((!r.unit && r.rank == 1)); // a list, not a rank
  bool cqs = false, kts = false;
  for (const auto& r : d.indices) {
    if (r.unit) continue;
    if (r.name == "Chính quyền số" && r.rank == 12 && r.of == 63) cqs = true;
    if (r.name == "Kinh tế số" && r.rank == 19 && r.of == 63) kts = true;
  }
  CHECK(cqs);
  CHECK(kts);
}

TEST_CASE("extract::results one predicate for a list, a lead said again in full, a headline of many") {
  auto e = extract_text(
    "Justice ministry, Song Lam province lead public administrative reform index\n"
    "VGP - The Ministry of Justice and the northern province of Quang Ninh ranked first in the PAR "
    "Index ranking in 2024.\n\n"
    "Among localities, Quang Ninh ranked first with 92.05 percent, followed by Hai Phong with 91.2 percent.\n");
  CHECK_FALSE(e.unit); // a headline naming two units is about a ranking, not one of them
  const IndexRow* moj = row(e, "Ministry of Justice");
  REQUIRE(moj);
  CHECK(moj->rank == 1);
  CHECK(moj->unit_level == "bộ");
  int qn = 0;
  for (const auto& r : e.indices)
    if (r.unit && *r.unit == "Quang Ninh") {
      ++qn;
      CHECK(r.rank == 1);
      CHECK(r.percent == doctest::Approx(92.05)); // the lead's "ranked first" is this row
    }
  CHECK(qn == 1);
}

TEST_CASE("extract::results comparisons, years of 'from … to', shared indices, highest and lowest") {
  SUBCASE("a figure after 'so với' a unit is that unit's; 'ngôi vị quán quân' is the first") {
    auto d = extract_text(
      "Kết quả Chỉ số cải cách hành chính năm 2025\n\n"
      "Theo kết quả xếp hạng chỉ số PAR INDEX năm 2025 thì tỉnh Sông Mây lần đầu lên ngôi vị quán "
      "quân, với kết quả đạt 92.40%, cao hơn 0.5% so với đơn vị xếp vị trí thứ 2 là tỉnh Đồi Cát "
      "(đạt 91.90%).\n");
    const IndexRow* a = row(d, "Sông Mây");
    REQUIRE(a);
    CHECK(a->rank == 1);
    CHECK(a->percent == doctest::Approx(92.40));
    const IndexRow* b = row(d, "Đồi Cát");
    REQUIRE(b);
    CHECK(b->rank == 2);
    CHECK(b->percent == doctest::Approx(91.90));
  }
  SUBCASE("'Từ vị trí 63 của năm 2020': the year right after the figure; 'theo công bố của' is a source") {
    auto d = extract_text(
      "Chỉ số cải cách hành chính năm 2025 của tỉnh Sông Mây tăng 20 bậc\n\n"
      "Theo công bố của Bộ Nội vụ, tỉnh Sông Mây đứng thứ 40/63 về Chỉ số CCHC năm 2025. Từ vị "
      "trí 60 của năm 2024, chỉ số PAR INDEX của tỉnh Sông Mây năm 2025 tăng 20 bậc.\n");
    CHECK(d.indices.size() == 2);
    bool before = false, now = false;
    for (const auto& r : d.indices) {
      CHECK_FALSE(r.unit); // the document's own unit, never "Bộ Nội vụ"
      before = before || (r.rank == 60 && r.year == 2024);
      now = now || (r.rank == 40 && r.of == 63 && r.year == 2025);
    }
    CHECK(before);
    CHECK(now);
  }
  SUBCASE("English 'from … to': the first figure is the year before when no year follows it") {
    auto d = extract_text(
      "Communes of Song May district improve their administrative reform rankings\n"
      "The district People's Committee announced the administrative reform index of its communes "
      "for 2025, which was better than in the years before for most of them.\n\n"
      "Ha Lam commune dropped from 4th place to 11th place out of 18 communes in 2025. Tan Lap "
      "commune rose from the bottom of the table in 2024 to 6th place in 2025.\n");
    const IndexRow* h4 = nullptr;
    const IndexRow* h11 = nullptr;
    for (const auto& r : d.indices)
      if (r.unit == std::optional<std::string>("Ha Lam")) (r.rank == 4 ? h4 : h11) = &r;
    REQUIRE(h4);
    REQUIRE(h11);
    CHECK(h4->year == 2024);
    CHECK(h11->year == 2025);
    CHECK(h11->of == 18);
    const IndexRow* t = row(d, "Tan Lap");
    REQUIRE(t);
    CHECK(t->rank == 6);
    CHECK(t->year == 2025); // "the bottom of the table in 2024" has no number
  }
  SUBCASE("'ở cả Chỉ số CCHC và Chỉ số hài lòng': one rank for each index named") {
    auto d = extract_text(
      "Tỉnh Sông Mây dẫn đầu hai chỉ số năm 2025\n\n"
      "Năm 2025, tỉnh Sông Mây đoạt vị trí quán quân ở cả Chỉ số cải cách hành chính và Chỉ số hài "
      "lòng của người dân, trong khi tỉnh Đồi Cát đứng ở vị trí thứ 3.\n");
    int first = 0;
    for (const auto& r : d.indices)
      if (r.rank == 1 && (!r.unit || *r.unit == "Sông Mây")) first += r.index == "PAR INDEX" || r.index == "SIPAS";
    CHECK(first == 2);
    const IndexRow* c = row(d, "Đồi Cát");
    REQUIRE(c); // the next unit's figure is the first index's
    CHECK(c->rank == 3);
  }
  SUBCASE("'cao nhất' and 'thấp nhất' of a count; a band is not a result; parts of a score keep its index") {
    auto d = extract_text(
      "Kết quả Chỉ số CCHC năm 2025 của các bộ\n\n"
      "Có 9/15 bộ có Chỉ số CCHC năm 2025 trên mức trung bình. Bộ Thủy lợi đạt Chỉ số CCHC năm "
      "2025 cao nhất với kết quả là 90,11%, cao hơn 15,2% so với Bộ Hàng hải, đơn vị có kết quả "
      "chỉ số năm 2025 thấp nhất, với giá trị là 74,91%.\n\n"
      "Bộ Địa chất nằm trong nhóm B - nhóm các bộ đạt kết quả Chỉ số từ 80% - 90%.\n\n"
      "Chỉ số PAR INDEX năm 2025 của Bộ Địa chất đạt 85,10 điểm, trong đó điểm đánh giá tác động "
      "đạt 30,1/38.5 điểm (gồm Chỉ số SIPAS đạt 8,1/10 điểm; khảo sát lãnh đạo quản lý đạt 17,5/22 "
      "điểm).\n");
    const IndexRow* hi = row(d, "Bộ Thủy lợi");
    REQUIRE(hi);
    CHECK(hi->rank == 1);
    CHECK(hi->of == 15);
    const IndexRow* lo = row(d, "Bộ Hàng hải");
    REQUIRE(lo);
    CHECK(lo->rank == 15);
    CHECK(lo->percent == doctest::Approx(74.91));
    for (const auto& r : d.indices) CHECK(r.percent != 90.0); // "từ 80% - 90%" is a band
    bool sipas = false, survey = false;
    for (const auto& s : d.scores) {
      sipas = sipas || (s.index == "SIPAS" && s.appraised == 8.1);
      survey = survey || (s.index == "PAR INDEX" && s.appraised == 17.5 && s.max == 22);
    }
    CHECK(sipas);
    CHECK(survey);
  }
  SUBCASE("'compared to 2023 (57/63)': the parenthesis is that year's, the figures before stay") {
    auto d = extract_text(
      "Song May province improves its satisfaction index\n"
      "The provincial People's Committee said that the results of the index were announced on "
      "Monday and that the province will keep improving its services in the coming years.\n\n"
      "In the SIPAS 2025, Song May province achieved 83.10%, ranked 30/63 provinces and cities "
      "nationwide, up 12 places compared to 2024 (42/63), up 3.2% compared to 2024 (79.90%), "
      "ranked 5/13 provinces and cities in the Mekong Delta.\n");
    const IndexRow* now = nullptr;
    const IndexRow* before = nullptr;
    for (const auto& r : d.indices) (r.year == 2025 ? now : before) = &r;
    CHECK(d.indices.size() == 2); // one row a year; the regional rank left out
    REQUIRE(now);
    REQUIRE(before);
    CHECK(now->percent == doctest::Approx(83.10));
    CHECK(now->rank == 30);
    CHECK(before->year == 2024);
    CHECK(before->percent == doctest::Approx(79.90));
    CHECK(before->rank == 42);
  }
}

TEST_CASE("extract::results a scale is not a score; English agencies and communes named after provinces") {
  auto d = extract_text(
    "Chỉ số CCHC năm 2025 của tỉnh Sông Mây\n\n"
    "Chỉ số CCHC cấp tỉnh được dùng để đánh giá 63 tỉnh, với 8 lĩnh vực. Tổng điểm đánh giá là 100 "
    "điểm, trong đó, 32 điểm là đánh giá qua điều tra xã hội học.\n");
  CHECK(d.scores.empty());
  auto e = extract_text(
    "Song May announces the 2025 Public Administration Reform Index\n"
    "The Provincial People's Committee has issued a decision announcing the 2025 PAR Index for "
    "its departments, agencies and communes under its authority.\n\n"
    "Accordingly, the Department of Justice kept its leading position with a PAR Index score of "
    "90.12%. It was followed by the Provincial People’s Committee Office with 89.70%, and the "
    "Provincial Inspectorate ranked third with 89.02%. Quang Ninh Commune ranked first among "
    "communes with 84.10%.\n");
  const IndexRow* office = row(e, "Provincial People’s Committee Office");
  REQUIRE(office);
  CHECK(office->unit_level == "sở");
  CHECK(office->percent == doctest::Approx(89.70));
  const IndexRow* insp = row(e, "Provincial Inspectorate");
  REQUIRE(insp);
  CHECK(insp->rank == 3);
  const IndexRow* qn = row(e, "Quang Ninh");
  REQUIRE(qn);
  CHECK(qn->unit_level == "xã"); // a commune, though a province has its name
}

TEST_CASE("extract::results a plan's numbered item that opens with its agencies") {
  auto d = extract_text(
    "KẾ HOẠCH\nĐánh giá sự hài lòng năm 2025\n\n"
    "1. Sở, ban, ngành, Ủy ban nhân dân các huyện, thị trấn thực hiện đúng tiến độ tại Kế hoạch này.\n"
    "2. Các số liệu báo cáo phải thống nhất về phương pháp tính.\n");
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].lead == "Sở, ban, ngành, Ủy ban nhân dân các huyện, thị trấn");
  CHECK(d.tasks[0].text == "thực hiện đúng tiến độ tại Kế hoạch này");
  CHECK(d.tasks[0].where.line == 4);
}

TEST_CASE("extract::results assignments without 'Giao … chủ trì'") {
  auto d = extract_text(
    "Sông Lam triển khai cải cách hành chính năm 2025\n\n"
    "UBND tỉnh yêu cầu các sở, ban, ngành và UBND các huyện tổ chức quán triệt kết quả Chỉ số "
    "cải cách hành chính năm 2024.\n");
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].lead == "các sở, ban, ngành và UBND các huyện");
  CHECK_FALSE(d.tasks[0].due);
  auto e = extract_text(
    "QUYẾT ĐỊNH\nBan hành Kế hoạch cải cách hành chính\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2025.\n\n"
    "Điều 2. Ban Chỉ đạo cải cách hành chính huyện có trách nhiệm theo dõi, đôn đốc việc thực hiện kế hoạch.\n");
  REQUIRE(e.tasks.size() == 1);
  CHECK(e.tasks[0].lead == "Ban Chỉ đạo cải cách hành chính huyện");
}
