// Internal to the text stage: the Vietnamese vowels, 12 bases × 6 tones (none, sắc, huyền,
// hỏi, ngã, nặng), in lower and upper case.
#pragma once

#include <array>
#include <string_view>

namespace parindex::text {

inline constexpr std::array<std::u32string_view, 12> k_lower_vowels = {
  U"aáàảãạ", U"ăắằẳẵặ", U"âấầẩẫậ", U"eéèẻẽẹ", U"êếềểễệ", U"iíìỉĩị",
  U"oóòỏõọ", U"ôốồổỗộ", U"ơớờởỡợ", U"uúùủũụ", U"ưứừửữự", U"yýỳỷỹỵ"};
inline constexpr std::array<std::u32string_view, 12> k_upper_vowels = {
  U"AÁÀẢÃẠ", U"ĂẮẰẲẴẶ", U"ÂẤẦẨẪẬ", U"EÉÈẺẼẸ", U"ÊẾỀỂỄỆ", U"IÍÌỈĨỊ",
  U"OÓÒỎÕỌ", U"ÔỐỒỔỖỘ", U"ƠỚỜỞỠỢ", U"UÚÙỦŨỤ", U"ƯỨỪỬỮỰ", U"YÝỲỶỸỴ"};

} // namespace parindex::text
