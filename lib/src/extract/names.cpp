// Vietnamese surnames are a closed set of about a hundred; the common ones below cover nearly
// every signer of an administrative document. Hand-made for parindex (no third-party list).
// Where two surnames fold alike (Lã/La, Đặng/Đăng), the more common is the written form, and a
// text that writes the other keeps it.
#include "names.hpp"

#include <parindex/text.hpp>

#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace parindex::extract {

namespace {

const std::unordered_map<std::string_view, std::string_view>& surnames() {
  static const std::unordered_map<std::string_view, std::string_view> table = {
    {"nguyen", "Nguyễn"}, {"tran", "Trần"}, {"le", "Lê"}, {"pham", "Phạm"}, {"hoang", "Hoàng"},
    {"huynh", "Huỳnh"}, {"phan", "Phan"}, {"vu", "Vũ"}, {"vo", "Võ"}, {"dang", "Đặng"},
    {"bui", "Bùi"}, {"do", "Đỗ"}, {"ho", "Hồ"}, {"ngo", "Ngô"}, {"duong", "Dương"}, {"ly", "Lý"},
    {"truong", "Trương"}, {"dinh", "Đinh"}, {"lam", "Lâm"}, {"dao", "Đào"}, {"mai", "Mai"},
    {"cao", "Cao"}, {"luu", "Lưu"}, {"ta", "Tạ"}, {"ha", "Hà"}, {"chau", "Châu"}, {"thai", "Thái"},
    {"to", "Tô"}, {"doan", "Đoàn"}, {"luong", "Lương"}, {"trinh", "Trịnh"}, {"vuong", "Vương"},
    {"kieu", "Kiều"}, {"mac", "Mạc"}, {"tang", "Tăng"}, {"giang", "Giang"}, {"trieu", "Triệu"},
    {"than", "Thân"}, {"nong", "Nông"}, {"tong", "Tống"}, {"hua", "Hứa"}, {"phung", "Phùng"},
    {"chu", "Chu"}, {"lai", "Lại"}, {"dam", "Đàm"}, {"quach", "Quách"}, {"khuc", "Khúc"},
    {"luc", "Lục"}, {"la", "La"}, {"kim", "Kim"}, {"thach", "Thạch"}, {"au", "Âu"}, {"lo", "Lò"},
    {"dong", "Đồng"}, {"nghiem", "Nghiêm"}, {"ton", "Tôn"}, {"quan", "Quan"}, {"lu", "Lữ"},
    {"hau", "Hầu"}, {"diep", "Diệp"}, {"ung", "Ưng"}, {"van", "Văn"}, {"hang", "Hàng"},
    {"khong", "Khổng"}, {"tieu", "Tiêu"}, {"ninh", "Ninh"}, {"ong", "Ông"}, {"bach", "Bạch"},
    {"uong", "Uông"}, {"hong", "Hồng"}, {"yen", "Yên"}, {"kha", "Kha"}};
  return table;
}

// Written forms that are surnames too, though another form of their folding is the common one.
const std::unordered_set<std::string_view>& other_surnames() {
  static const std::unordered_set<std::string_view> forms = {"Lã", "Đăng", "Lư", "Đồ"};
  return forms;
}

bool unmarked(const std::u32string& w) {
  for (char32_t c : w)
    if (c >= 0x80) return false;
  return true;
}

} // namespace

bool is_surname(const std::string& folded) { return surnames().count(folded) != 0; }

std::string person_name(const std::string& name) {
  std::u32string u = text::to_u32(name);
  std::vector<std::u32string> words;
  std::u32string cur;
  for (char32_t c : u) {
    if (c == U' ') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(cur);
  if (words.size() < 2) return name;
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = text::to_utf8(words[i]);
    std::string f = text::fold(w);
    if (i == 0) {
      auto it = surnames().find(f);
      if (it != surnames().end() && w != it->second && !other_surnames().count(w)) w = it->second;
    } else if (i + 1 < words.size() && unmarked(words[i])) {
      if (f == "thi") w = "Thị";
      else if (f == "van") w = "Văn";
    }
    if (i) out.push_back(' ');
    out += w;
  }
  return out;
}

} // namespace parindex::extract
