// Reporting regimes write their duties as a list under one introduction: who reports, then one
// item per period with its deadline. The item's period word gives the recurrence; the
// introduction gives the lead.
#include "duties.hpp"

#include <parindex/text.hpp>

#include <cctype>

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

namespace {

// The verbs an assignment goes on with, after its lead.
constexpr std::string_view k_verbs[] = {
  " to chuc ", " thuc hien ", " trien khai ", " tiep tuc ", " quan triet ", " chu dong ",
  " tham muu ", " xay dung ", " ra soat ", " kiem tra ", " theo doi ", " tuyen truyen ",
  " khan truong ", " nghiem tuc ", " tap trung ", " phoi hop ", " bao cao ", " giup "};

std::size_t first_verb(const std::string& f, std::size_t from) {
  std::size_t best = std::string::npos;
  for (auto v : k_verbs) {
    std::size_t k = f.find(v, from);
    if (k != std::string::npos && k < best) best = k;
  }
  return best;
}

bool add_assignment(const Para& p, std::size_t lead_b, std::size_t lead_e, std::size_t text_b, Document& d) {
  std::string lead = trim(slice(p, lead_b, lead_e - lead_b));
  while (!lead.empty() && (lead.back() == ',' || lead.back() == ':')) lead.pop_back();
  int words = count_words(lead);
  if (words < 2 || words > 20) return false;
  Task t;
  t.lead = trim(lead);
  t.text = trim(slice(p, text_b, std::string::npos));
  while (!t.text.empty() && (t.text.back() == '.' || t.text.back() == ';')) t.text.pop_back();
  if (count_words(t.text) < 3) return false;
  t.where = where_at(p, lead_b);
  d.tasks.push_back(std::move(t));
  return true;
}

} // namespace

bool read_assignment(const Para& p, Document& d) {
  const std::string& f = p.f;
  // A plan or a report assigns with "Giao … chủ trì" and its tables; these forms are how
  // decisions and news assign.
  bool plan = d.kind && (*d.kind == "plan" || *d.kind == "report");
  // "… yêu cầu <lead> <verb> …", "… requested <lead> to <verb> …"
  for (std::string_view ask : {" yeu cau ", " de nghi ", " requested ", " asked ", " directed "}) {
    if (plan) break;
    std::size_t k = f.find(ask);
    if (k == std::string::npos) continue;
    std::size_t b = k + ask.size();
    bool english = ask[1] != 'y' && ask[1] != 'd' ? true : ask == " directed ";
    std::size_t e = english ? f.find(" to ", b) : first_verb(f, b);
    if (e == std::string::npos || e - b > 160) continue;
    if (add_assignment(p, b, e, e + 1, d)) return true;
  }
  // "<lead> có trách nhiệm <text>" at the start of a sentence or an article ("Điều 2.").
  if (std::size_t k = f.find(" co trach nhiem "); !plan && k != std::string::npos && k < 160) {
    std::size_t b = 0;
    if (f.rfind("dieu ", 0) == 0) {
      std::size_t dot = f.find(". ");
      if (dot != std::string::npos && dot < k) b = dot + 2;
    }
    if (b < p.u.size() && text::is_upper(p.u[b]) && add_assignment(p, b, k, k + 1, d)) return true;
  }
  // "1. Sở, ban, ngành, Ủy ban nhân dân quận-huyện …: thực hiện …"
  if (std::size_t colon = f.find(':'); colon != std::string::npos && colon < 160) {
    std::size_t b = 0;
    while (b < f.size() && (std::isdigit(static_cast<unsigned char>(f[b])) || f[b] == '.' || f[b] == ' ' ||
                            f[b] == '-' || f[b] == ')'))
      ++b;
    bool agency = f.compare(b, 3, "so,") == 0 || f.compare(b, 3, "so ") == 0 || f.compare(b, 5, "ubnd ") == 0 ||
                  f.compare(b, 8, "uy ban n") == 0 || f.compare(b, 4, "cac ") == 0 || f.compare(b, 6, "phong ") == 0;
    // The lead is a list of agencies, not a sentence of its own; schedules stay with the
    // deadline rules.
    bool sentence = first_verb(f, b) < colon || f.find(" bao cao", b) < colon;
    if (agency && !sentence && b < colon && first_verb(f, colon) == colon + 1 && !parse_date_text(f) &&
        add_assignment(p, b, colon, colon + 2, d))
      return true;
  }
  // "1. Sở, ban, ngành, Ủy ban nhân dân quận-huyện, xã, phường, thị trấn thực hiện đúng yêu
  // cầu …": in a plan's or a decision's numbered list, an item that opens with agencies and
  // goes straight on to what they do assigns it to them. A report's numbered items tell what
  // was done, and are left.
  bool assigns = d.kind && (*d.kind == "plan" || *d.kind == "decision");
  if (assigns && !f.empty() && std::isdigit(static_cast<unsigned char>(f[0]))) {
    std::size_t b = 0;
    while (b < f.size() && std::isdigit(static_cast<unsigned char>(f[b]))) ++b;
    if (b < f.size() && (f[b] == '.' || f[b] == ')') && b + 1 < f.size() && f[b + 1] == ' ') {
      b += 2;
      bool agency = f.compare(b, 3, "so,") == 0 || f.compare(b, 5, "ubnd ") == 0 ||
                    f.compare(b, 8, "uy ban n") == 0 || f.compare(b, 6, "phong ") == 0 ||
                    (f.compare(b, 3, "so ") == 0 && b + 3 < p.u.size() && text::is_upper(p.u[b + 3]));
      for (std::string_view k : {"cac so", "cac co quan", "cac don vi", "cac phong", "cac ban", "cac dia phuong"})
        agency = agency || (f.compare(b, k.size(), k) == 0 && b + k.size() < f.size() &&
                            (f[b + k.size()] == ' ' || f[b + k.size()] == ',') &&
                            // "các sở", not "các số liệu"
                            (k != "cac so" || p.u[b + 5] == U'ở' || p.u[b + 5] == U'Ở'));
      std::size_t v = first_verb(f, b);
      // Schedules ("… báo cáo … vào ngày 15/6/2024") stay with the deadline rules.
      if (agency && v != std::string::npos && v < b + 160 && f.find(':', b) > v && text::is_upper(p.u[b]) &&
          !parse_date_text(f) && add_assignment(p, b, v, v + 1, d))
        return true;
    }
  }
  return false;
}

} // namespace parindex::extract
