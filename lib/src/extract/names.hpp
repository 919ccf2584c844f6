// Internal to the extract stage: Vietnamese personal names, as a signature writes them.
#pragma once

#include <string>

namespace parindex::extract {

// Whether `folded` (text::fold of one word) is a Vietnamese surname: Nguyễn, Trương, Đỗ …
bool is_surname(const std::string& folded);

// A signer's name with the marks a restorer cannot know from context put right: the surname
// in its one written form when the text's form is no surname ("Trường" → "Trương"), and a
// middle "Thi"/"Van" written without marks as "Thị"/"Văn". Other words are kept as written.
std::string person_name(const std::string& name);

} // namespace parindex::extract
