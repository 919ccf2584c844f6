// Internal to the extract stage: the periodic reporting duties of a reporting regime.
#pragma once

#include "common.hpp"

#include <optional>
#include <string>

namespace parindex::extract {

// The agency an introduction names before its list of deadlines: "(1) Thời hạn các cơ quan,
// tổ chức … gửi báo cáo định kỳ đến …:" → "các cơ quan, tổ chức …". nullopt when the
// paragraph introduces no reporting duties.
std::optional<std::string> duty_intro(const Para& p);

// A list item of a reporting regime: "- Chậm nhất ngày 15 (mười lăm) của tháng báo cáo đối với
// báo cáo định kỳ hằng tháng;", "- Báo cáo 6 tháng đầu năm gửi trước ngày 10/07 …". Appends a
// task with `lead`, its recurrence and, when a full date is written, its due date.
bool read_reporting_duty(const Para& p, const std::optional<std::string>& lead, Document& d);

// An assignment written without "Giao … chủ trì": "UBND tỉnh yêu cầu các cơ quan, đơn vị …
// tổ chức …", "Ban Chỉ đạo … có trách nhiệm giúp …", "1. Sở, ban, ngành …: thực hiện …",
// "… requested all departments … to review …". Appends a task with the lead it names.
bool read_assignment(const Para& p, Document& d);

} // namespace parindex::extract
