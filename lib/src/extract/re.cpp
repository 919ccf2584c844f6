#define PCRE2_CODE_UNIT_WIDTH 8
#include "re.hpp"

#include <pcre2.h>

#include <stdexcept>

namespace parindex::extract::re {

namespace {

// Bounds on one match: backtracking steps and JIT stack. A rule that needs more than this on
// one paragraph reads nothing there, which is the contract of the extractor on odd text.
constexpr uint32_t k_match_limit = 2'000'000;

struct ThreadState {
  pcre2_match_data* data = pcre2_match_data_create(Match::k_groups, nullptr);
  pcre2_match_context* context = [] {
    pcre2_match_context* c = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(c, k_match_limit);
    return c;
  }();
  pcre2_jit_stack* stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
  ThreadState() { pcre2_jit_stack_assign(context, nullptr, stack); }
  ~ThreadState() {
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};

ThreadState& state() {
  thread_local ThreadState s;
  return s;
}

} // namespace

Regex::Regex(std::string_view pattern) {
  int err = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   0, &err, &offset, nullptr);
  if (code == nullptr) {
    PCRE2_UCHAR buf[256];
    pcre2_get_error_message(err, buf, sizeof buf);
    throw std::logic_error("extract: bad pattern at " + std::to_string(offset) + ": " +
                           reinterpret_cast<const char*>(buf) + ": " + std::string(pattern));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); // without JIT (unsupported CPU) it still matches
  m_code = code;
}

Regex::~Regex() { pcre2_code_free(static_cast<pcre2_code*>(m_code)); }

bool search_from(std::string_view subject, std::size_t start, Match& m, const Regex& re) {
  ThreadState& st = state();
  int rc = pcre2_match(static_cast<pcre2_code*>(re.code()),
                       reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), start, 0,
                       st.data, st.context);
  if (rc <= 0) return false; // no match, or a limit reached: both read as "no match"
  const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(st.data);
  for (std::size_t i = 0; i < Match::k_groups; ++i) {
    if (static_cast<int>(i) < rc && ov[2 * i] != PCRE2_UNSET) {
      m.m_sub[i] = {subject.substr(ov[2 * i], ov[2 * i + 1] - ov[2 * i]), true};
      m.m_pos[i] = ov[2 * i];
    } else {
      m.m_sub[i] = {};
      m.m_pos[i] = 0;
    }
  }
  return true;
}

} // namespace parindex::extract::re
