#include <parindex/error.hpp>
#include <parindex/query.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <tuple>

namespace parindex::query {

namespace {

using namespace std::chrono;

year_month_day parse(const std::string& iso) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3)
    throw UsageError(fmt::format("'{}' is not a date (YYYY-MM-DD)", iso));
  year_month_day ymd{year{y}, month{m}, day{d}};
  if (!ymd.ok()) throw UsageError(fmt::format("'{}' is not a date (YYYY-MM-DD)", iso));
  return ymd;
}

std::string format(year_month_day ymd) {
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

bool mentions(const Task& t, const std::string& folded_agency) {
  if (t.lead && text::fold(*t.lead).find(folded_agency) != std::string::npos) return true;
  return std::any_of(t.partners.begin(), t.partners.end(), [&](const std::string& p) {
    return text::fold(p).find(folded_agency) != std::string::npos;
  });
}

// ICS text: escape \ ; , and newlines (RFC 5545 3.3.11).
std::string ics_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') { out.push_back('\\'); out.push_back(c); }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') continue;
    else out.push_back(c);
  }
  return out;
}

// Lines longer than 75 octets fold onto continuation lines starting with a space, never inside
// a UTF-8 sequence (RFC 5545 3.1).
std::string ics_line(const std::string& s) {
  std::string out;
  std::size_t i = 0, limit = 75;
  while (s.size() - i > limit) {
    std::size_t cut = i + limit;
    while (cut > i && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    out += s.substr(i, cut - i) + "\r\n ";
    i = cut;
    limit = 74; // the leading space counts
  }
  return out + s.substr(i) + "\r\n";
}

} // namespace

std::string add_days(const std::string& iso, int days) {
  return format(year_month_day{sys_days{parse(iso)} + std::chrono::days{days}});
}

std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return fmt::format("{:04d}-{:02d}-{:02d}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::vector<Deadline> deadlines(const store::Store& store, const DeadlineOptions& o) {
  year_month_day as_of = parse(o.as_of);
  std::string from, to;
  if (o.within_days) {
    from = o.as_of;
    to = add_days(o.as_of, *o.within_days);
  }
  std::string agency = o.agency ? text::fold(*o.agency) : std::string();
  std::vector<Deadline> out;
  store::TaskFilter filter;
  filter.unit = o.unit;
  filter.year_of_undated = static_cast<int>(as_of.year());
  if (!agency.empty()) filter.agency = agency;
  if (o.within_days) {
    filter.due_from = from;
    filter.due_to = to;
  }
  if (o.overdue && (!filter.due_to || o.as_of < *filter.due_to)) filter.due_to = o.as_of;
  for (auto& row : store.tasks(filter)) {
    const Task& t = row.task;
    if (!agency.empty() && !mentions(t, agency)) continue;
    std::vector<std::string> dates;
    if (t.due) dates.push_back(*t.due);
    else if (t.recurrence) {
      int y = row.plan_year ? *row.plan_year : static_cast<int>(as_of.year());
      if (*t.recurrence == "monthly") {
        unsigned day = t.day_of_month ? static_cast<unsigned>(*t.day_of_month) : 1;
        for (unsigned m = 1; m <= 12; ++m) {
          year_month_day ymd{year{y}, month{m}, std::chrono::day{day}};
          if (!ymd.ok()) ymd = year_month_day{year_month_day_last{year{y}, month_day_last{month{m}}}};
          dates.push_back(format(ymd));
        }
      } else if (*t.recurrence == "quarterly") {
        for (unsigned m : {3u, 6u, 9u, 12u}) dates.push_back(format(year_month_day{year{y}, month{m}, std::chrono::day{15}}));
      } else if (*t.recurrence == "half-yearly") {
        for (unsigned m : {6u, 12u}) dates.push_back(format(year_month_day{year{y}, month{m}, std::chrono::day{15}}));
      }
    }
    for (const auto& date : dates) {
      bool overdue = date < o.as_of;
      if (o.overdue && !overdue) continue;
      if (o.within_days && (date < from || date > to)) continue;
      Deadline d;
      d.date = date;
      d.status = overdue ? "overdue" : "due";
      d.document = row.document;
      d.seq = row.seq;
      d.unit = row.unit;
      d.source = row.source;
      d.task = t;
      out.push_back(std::move(d));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) {
    return std::tie(a.date, a.unit, a.document, a.seq) < std::tie(b.date, b.unit, b.document, b.seq);
  });
  return out;
}

namespace {

std::string ics_day(const std::string& iso) { return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2); }

// The RRULE that yields exactly `dates` (sorted, the first being DTSTART) for a task that
// recurs every `months` months on one day of the month, or every N days; empty when no one
// rule does (a day clamped at a month's end, a gap): the dates then go in an RDATE.
std::string rule_for(const std::vector<std::string>& dates, const std::string& recurrence) {
  if (dates.size() < 2) return {};
  int months = recurrence == "monthly" ? 1 : recurrence == "quarterly" ? 3
             : recurrence == "half-yearly" ? 6 : recurrence == "yearly" ? 12 : 0;
  if (months == 0) return {};
  auto ym = [](const std::string& d) { return std::stoi(d.substr(0, 4)) * 12 + std::stoi(d.substr(5, 2)) - 1; };
  const std::string day = dates[0].substr(8, 2);
  for (std::size_t i = 1; i < dates.size(); ++i)
    if (dates[i].substr(8, 2) != day || ym(dates[i]) - ym(dates[i - 1]) != months) return {};
  if (months == 12) return fmt::format("RRULE:FREQ=YEARLY;COUNT={}", dates.size());
  return fmt::format("RRULE:FREQ=MONTHLY;INTERVAL={};COUNT={}", months, dates.size());
}

} // namespace

std::string to_ics(const std::vector<Deadline>& ds) {
  std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//parindex//deadlines//VI\r\nCALSCALE:GREGORIAN\r\n";
  // A recurring task is one event: its dates in this window under one RRULE (or, when no one
  // rule gives them, an RDATE list); a dated task is an event of its own.
  std::vector<std::vector<const Deadline*>> events;
  std::map<std::pair<std::string, int>, std::size_t> recurring;
  for (const auto& d : ds) {
    if (d.task.recurrence && !d.task.recurrence->empty()) {
      auto key = std::make_pair(d.document, d.seq);
      auto [it, fresh] = recurring.emplace(key, events.size());
      if (fresh) events.emplace_back();
      events[it->second].push_back(&d);
    } else {
      events.push_back({&d});
    }
  }
  for (auto& group : events) {
    std::sort(group.begin(), group.end(), [](const Deadline* a, const Deadline* b) { return a->date < b->date; });
    const Deadline& d = *group.front();
    std::string day = ics_day(d.date);
    std::string next = add_days(d.date, 1);
    std::string end = ics_day(next);
    std::string summary = d.task.text.size() > 200 ? text::to_utf8(text::to_u32(d.task.text).substr(0, 120)) + "…" : d.task.text;
    std::string desc = d.task.text;
    if (d.task.lead) desc += "\nChủ trì: " + *d.task.lead;
    if (!d.task.partners.empty()) {
      desc += "\nPhối hợp: ";
      for (std::size_t i = 0; i < d.task.partners.size(); ++i) desc += (i ? "; " : "") + d.task.partners[i];
    }
    desc += fmt::format("\nNguồn: {} (trang {}, dòng {})", d.source.value_or(d.document), d.task.where.page, d.task.where.line);
    out += "BEGIN:VEVENT\r\n";
    // The first date keeps a dated task's UID as before; a recurring one's is the task's.
    out += ics_line(group.size() > 1 || d.task.recurrence
                      ? fmt::format("UID:{}-{}@parindex", d.document.substr(0, 16), d.seq)
                      : fmt::format("UID:{}-{}-{}@parindex", d.document.substr(0, 16), d.seq, day));
    // DTSTAMP must be present; the due date itself keeps re-exports byte-identical.
    out += ics_line("DTSTAMP:" + day + "T000000Z");
    out += ics_line("DTSTART;VALUE=DATE:" + day);
    out += ics_line("DTEND;VALUE=DATE:" + end);
    if (group.size() > 1) {
      std::vector<std::string> dates;
      for (const Deadline* x : group) dates.push_back(x->date);
      std::string rule = rule_for(dates, *d.task.recurrence);
      if (!rule.empty()) {
        out += ics_line(rule);
      } else {
        std::string rdate = "RDATE;VALUE=DATE:";
        for (std::size_t i = 1; i < dates.size(); ++i) rdate += (i > 1 ? "," : "") + ics_day(dates[i]);
        out += ics_line(rdate);
      }
    }
    out += ics_line("SUMMARY:" + ics_escape((d.unit ? *d.unit + ": " : std::string()) + summary));
    out += ics_line("DESCRIPTION:" + ics_escape(desc));
    out += "END:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

} // namespace parindex::query
