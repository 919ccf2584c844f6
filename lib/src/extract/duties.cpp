// Reporting regimes write their duties as a list under one introduction: who reports, then one
// item per period with its deadline. The item's period word gives the recurrence; the
// introduction gives the lead.
#include "duties.hpp"

#include <parindex/text.hpp>

namespace parindex::extract {

namespace {

bool has(const std::string& f, std::string_view k) { return f.find(k) != std::string::npos; }

std::optional<std::string> recurrence_of(const std::string& f) {
  // The period the item is about, as written after "đối với báo cáo định kỳ …" or at the start.
  if (has(f, "hang thang") || has(f, "hang thang") || has(f, "bao cao thang")) return "monthly";
  if (has(f, "hang quy") || has(f, "bao cao quy") || has(f, "cuoi quy")) return "quarterly";
  if (has(f, "6 thang") || has(f, "06 thang") || has(f, "06 (sau) thang") || has(f, "sau thang") ||
      has(f, "nua nam"))
    return "half-yearly";
  if (has(f, "hang nam") || has(f, "ca nam") || has(f, "bao cao nam")) return "yearly";
  return std::nullopt;
}

std::string strip_enumeration(std::string s) {
  // "(1) ", "1. ", "a) ", "- "
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '-' || s[i] == '+')) ++i;
  if (i < s.size() && s[i] == '(') {
    std::size_t j = s.find(')', i);
    if (j != std::string::npos && j - i <= 4) i = j + 1;
  }
  return trim(s.substr(i));
}

} // namespace

std::optional<std::string> duty_intro(const Para& p) {
  const std::string& f = p.f;
  if (f.empty() || !has(f, "bao cao")) return std::nullopt;
  bool intro = f.back() == ':' || (p.u.size() < 160 && has(f, "che do bao cao"));
  if (!intro) return std::nullopt;
  // The lead runs to the verb of reporting.
  std::size_t end = std::string::npos;
  for (std::string_view verb : {" gui bao cao", " thuc hien che do bao cao", " bao cao dinh ky", " gui "}) {
    std::size_t k = f.find(verb);
    if (k != std::string::npos && k < end) end = k;
  }
  if (end == std::string::npos) return std::nullopt;
  std::size_t start = 0;
  for (std::string_view lead_in : {"thoi han ", "thoi gian "}) {
    std::size_t k = f.find(lead_in);
    if (k != std::string::npos && k < end && k < 12) start = k + lead_in.size();
  }
  std::string lead = strip_enumeration(slice(p, start, end - start));
  // A heading in capitals ("CƠ SỞ IN KHỐI TRUNG ƯƠNG THỰC HIỆN …"): "Cơ sở in khối trung ương".
  std::string first = strip_enumeration(lead);
  if (count_words(first) < 2 || count_words(first) > 20) return std::nullopt;
  // What reports, not the act of reporting: "gửi báo cáo:" names nobody.
  if (text::fold(first).find("bao cao") != std::string::npos) return std::nullopt;
  {
    static const re::Regex roman(R"(^\s*[ivx]+\.\s*)");
    re::Match m;
    std::string ff = text::fold(first);
    if (re::search(ff, m, roman)) first = text::to_utf8(text::to_u32(first).substr(m.length(0)));
  }
  return trim(first);
}

bool read_reporting_duty(const Para& p, const std::optional<std::string>& lead, Document& d) {
  const std::string& f = p.f;
  if (!lead) return false;
  bool deadline = has(f, "cham nhat") || has(f, "truoc ngay") || has(f, "vao ngay");
  if (!deadline) return false;
  auto rec = recurrence_of(f);
  if (!rec) return false;
  Task t;
  t.lead = lead;
  t.recurrence = rec;
  t.text = strip_enumeration(text::to_utf8(p.u));
  while (!t.text.empty() && (t.text.back() == ';' || t.text.back() == '.' || t.text.back() == ','))
    t.text.pop_back();
  // A full date with its year is the due date; "trước ngày 10/07 của năm báo cáo" recurs.
  if (auto date = parse_date_text(f)) t.due = date;
  t.where = p.where;
  d.tasks.push_back(std::move(t));
  return true;
}

} // namespace parindex::extract
