// Generates a database of N synthetic documents (default 100,000) through the public store
// API, for bench/query_bench.sh. Deterministic: the same N gives the same database.
//
//   build/bench/gen_db OUT.db [N]
//
// ~700 invented units (100 districts, 600 communes) in 30 provinces, years 2019-2025; each
// document is a plan or a results report with 8-20 scores (some below their maximum), a
// component-index table, targets, 3-10 tasks with leads, partners, deadlines and some
// recurrences, two cited documents, and a page of text (the lines its records were read from)
// for full-text search.
#include <parindex/records.hpp>
#include <parindex/store.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

using namespace parindex;

namespace {

const std::vector<std::string> k_syllables = {
  "An", "Bình", "Cao", "Đông", "Hòa", "Hưng", "Khánh", "Lộc", "Long", "Minh", "Nam", "Ninh",
  "Phú", "Phúc", "Quang", "Sơn", "Tân", "Thạnh", "Thành", "Thuận", "Tiến", "Trung", "Vĩnh",
  "Xuân", "Yên", "Mỹ", "Lạc", "Hải", "Đức", "Giang", "Hồng", "Kim", "Lâm", "Mai", "Nghĩa",
  "Phong", "Quý", "Tường", "Uyên", "Việt"};

const std::vector<std::string> k_provinces = {
  "Tuyên Quang", "Lạng Sơn", "Lai Châu", "Đồng Tháp", "Bắc Giang", "Hà Giang", "Cao Bằng",
  "Yên Bái", "Thái Nguyên", "Phú Thọ", "Hòa Bình", "Sơn La", "Điện Biên", "Nghệ An", "Hà Tĩnh",
  "Quảng Bình", "Quảng Trị", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
  "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Long An", "Tiền Giang", "An Giang"};

const std::vector<std::string> k_components = {
  "Công tác chỉ đạo, điều hành cải cách hành chính", "Cải cách thể chế",
  "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính", "Cải cách chế độ công vụ",
  "Cải cách tài chính công", "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
  "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội"};

const std::vector<std::string> k_agencies = {
  "Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch", "Phòng Văn hóa và Thông tin",
  "Văn phòng HĐND và UBND huyện", "Phòng Tài nguyên và Môi trường", "Phòng Giáo dục và Đào tạo",
  "Phòng Y tế", "Phòng Kinh tế và Hạ tầng", "Phòng Lao động - Thương binh và Xã hội"};

const std::vector<std::string> k_topics = {
  "tuyên truyền cải cách hành chính", "kiểm tra công tác cải cách hành chính",
  "rà soát văn bản quy phạm pháp luật", "công khai thủ tục hành chính", "hồ sơ trực tuyến toàn trình",
  "giải quyết hồ sơ đúng hạn", "đánh giá chất lượng phục vụ", "số hóa hồ sơ, kết quả giải quyết",
  "thanh toán trực tuyến phí, lệ phí", "giải ngân vốn đầu tư công", "đào tạo, bồi dưỡng công chức",
  "sắp xếp tổ chức bộ máy", "văn bản điện tử có ký số", "sáng kiến cải cách hành chính"};

struct Criterion {
  std::string code;
  int component;
  double max;
  std::string title;
};

std::vector<Criterion> make_criteria() {
  std::vector<Criterion> out;
  const double maxima[] = {0.5, 1, 1.5, 2, 3};
  int t = 0;
  for (int c = 1; c <= 8; ++c)
    for (int m = 1; m <= 6; ++m)
      for (int k = 0; k <= (m % 3 == 0 ? 2 : 0); ++k) {
        std::string code = k ? fmt::format("{}.{}.{}", c, m, k) : fmt::format("{}.{}", c, m);
        out.push_back({code, c, maxima[(c + m + k) % 5], "Tiêu chí về " + k_topics[t++ % k_topics.size()]});
      }
  return out;
}

std::string iso(int y, int m, int d) { return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d); }
std::string human(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  for (char& c : s)
    if (c == '.') c = ',';
  return s;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: gen_db OUT.db [N]\n";
    return 2;
  }
  const std::filesystem::path out = argv[1];
  const int n = argc > 2 ? std::atoi(argv[2]) : 100000;
  std::mt19937_64 rng(20261123);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };

  struct Unit {
    std::string name, level, province;
  };
  std::vector<Unit> units;
  for (int i = 0; units.size() < 700; ++i) {
    const auto& a = k_syllables[i % k_syllables.size()];
    const auto& b = k_syllables[(i * 7 + i / k_syllables.size()) % k_syllables.size()];
    if (a == b) continue;
    units.push_back({a + " " + b, units.size() < 100 ? "huyện" : "xã", k_provinces[units.size() % k_provinces.size()]});
  }
  const auto criteria = make_criteria();

  std::filesystem::remove(out);
  std::filesystem::remove(out.string() + "-wal");
  std::filesystem::remove(out.string() + "-shm");
  auto t0 = std::chrono::steady_clock::now();
  {
  store::Store st(out);
  for (int i = 0; i < n; ++i) {
    const Unit& u = units[i % units.size()];
    const int year = 2019 + (i / static_cast<int>(units.size())) % 7;
    const bool plan = i % 2 == 0;
    Document d;
    d.id = fmt::format("{:064x}", static_cast<unsigned long long>(i) * 2654435761ull + 1);
    d.source = fmt::format("synthetic/{}/{}-{}.pdf", u.province, year, i);
    d.kind = plan ? "plan" : "report";
    d.number = fmt::format("{}/{}-UBND", 1 + pick(400), plan ? "KH" : "BC");
    d.issuer = (u.level == "huyện" ? "UBND huyện " : "UBND xã ") + u.name;
    d.unit = u.name;
    d.unit_level = u.level;
    d.province = u.province;
    d.issued_on = iso(year + 1, 1 + pick(12), 1 + pick(28));
    d.title = fmt::format("{} Chỉ số cải cách hành chính năm {} của {} {}",
                          plan ? "Kế hoạch khắc phục" : "Báo cáo kết quả", year, u.level, u.name);
    d.assessed_year = year;
    if (plan) d.plan_year = year + 1;
    d.signer = "Nguyễn Văn " + k_syllables[pick(static_cast<int>(k_syllables.size()))];
    d.pipeline.input = chance(0.7) ? "pdf-scanned" : "text";
    std::string page;
    int line = 1;
    auto add_line = [&](const std::string& s) {
      page += s + "\n";
      return Where{1, line++};
    };
    add_line(text::to_nfc(*d.title));
    // Scores: some criteria, most at their maximum, some below.
    const int n_scores = 8 + pick(13);
    double total = 0;
    for (int k = 0; k < n_scores; ++k) {
      const Criterion& c = criteria[pick(static_cast<int>(criteria.size()))];
      Score s;
      s.code = c.code;
      s.component = c.component;
      s.title = c.title;
      s.year = year;
      s.max = c.max;
      s.self = c.max;
      s.appraised = chance(0.35) ? std::floor(c.max * pick(4)) / 4 : c.max;
      total += *s.appraised;
      s.where = add_line(fmt::format("Tiêu chí {}. {}: Tự chấm {}/{}. Thẩm định {}/{}.", c.code, c.title,
                                     human(*s.self), human(c.max), human(*s.appraised), human(c.max)));
      d.scores.push_back(std::move(s));
    }
    Score whole;
    whole.title = "Chỉ số CCHC";
    whole.year = year;
    whole.self = 70 + pick(30);
    whole.appraised = *whole.self - pick(8);
    whole.where = add_line(fmt::format("Tổng điểm tự đánh giá: {}; kết quả thẩm định: {}.", human(*whole.self),
                                       human(*whole.appraised)));
    d.scores.push_back(whole);
    // The component-index table.
    for (int c = 1; c <= 8; ++c) {
      IndexRow r;
      r.component = c;
      r.name = k_components[c - 1];
      r.year = year;
      r.percent = 50 + pick(5000) / 100.0;
      r.rank = 1 + pick(12);
      r.where = add_line(fmt::format("{}\t{}\t{}%\t{}", c, r.name, human(*r.percent), *r.rank));
      d.indices.push_back(std::move(r));
    }
    IndexRow tot;
    tot.name = "Tổng cộng";
    tot.year = year;
    tot.percent = *whole.appraised;
    tot.rank = 1 + pick(12);
    tot.where = add_line(fmt::format("Tổng cộng\t\t{}%\t{}", human(*tot.percent), *tot.rank));
    d.indices.push_back(tot);
    if (plan) {
      for (int c : {0, 1 + pick(8), 1 + pick(8)}) {
        Target t;
        t.indicator = c ? k_components[c - 1] : "Chỉ số CCHC";
        if (c) t.component = c;
        t.year = year + 1;
        t.op = c ? ">" : ">=";
        t.value = 75 + pick(20);
        t.lead = k_agencies[pick(static_cast<int>(k_agencies.size()))];
        t.where = add_line(fmt::format("Phấn đấu {} năm {} đạt {} {}%.", t.indicator, year + 1, t.op, t.value));
        d.targets.push_back(std::move(t));
      }
    }
    const int n_tasks = 3 + pick(8);
    for (int k = 0; k < n_tasks; ++k) {
      Task t;
      const auto& topic = k_topics[pick(static_cast<int>(k_topics.size()))];
      t.text = "Thực hiện " + topic;
      t.lead = k_agencies[pick(static_cast<int>(k_agencies.size()))];
      t.partners = {k_agencies[pick(static_cast<int>(k_agencies.size()))], "UBND các xã, thị trấn"};
      t.codes = {criteria[pick(static_cast<int>(criteria.size()))].code};
      int r = pick(10);
      if (r == 0) t.recurrence = "monthly", t.day_of_month = 2 + pick(20);
      else if (r == 1) t.recurrence = "quarterly";
      else if (r == 2) t.recurrence = "continuous";
      else t.due = iso(year + 1, 1 + pick(12), 1 + pick(28));
      t.where = add_line(fmt::format("Giao {} chủ trì, phối hợp với {} {}{}.", *t.lead, t.partners[0], topic,
                                     t.due ? ", hoàn thành trước " + *t.due : ""));
      d.tasks.push_back(std::move(t));
    }
    for (int k = 0; k < 2; ++k) {
      Reference ref;
      ref.kind = k ? "Quyết định" : "Kế hoạch";
      ref.number = fmt::format("{}/{}-UBND", 1 + pick(900), k ? "QĐ" : "KH");
      ref.date = iso(year, 1 + pick(12), 1 + pick(28));
      ref.issuer = "UBND tỉnh " + u.province;
      d.references.push_back(std::move(ref));
    }
    st.insert(d, {{1, page, std::nullopt}});
    if ((i + 1) % 10000 == 0) std::cerr << fmt::format("{} documents\n", i + 1);
  }
  } // closing the store checkpoints the WAL into the file
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::error_code ec;
  auto bytes = std::filesystem::file_size(out, ec);
  std::cout << fmt::format("generated {} documents in {:.1f} s ({:.0f} documents/s); {} bytes, {:.0f} bytes per document\n",
                           n, secs, n / secs, bytes, static_cast<double>(bytes) / n);
  return 0;
}
