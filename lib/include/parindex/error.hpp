// parindex/error.hpp — the one error model of the library.
//
// Every failure the library reports is a parindex::Error with a category; the CLI maps the
// category to its documented exit code. "Not found" is never an error: functions that look
// something up return std::optional.
#pragma once

#include <stdexcept>
#include <string>

namespace parindex {

enum class ErrorCategory {
  usage,       // the caller asked for something impossible (bad option value, unknown document)
  input,       // a file is unreadable, corrupt, encrypted, too large, not a document
  dependency,  // a required data file or model is missing (e.g. tesseract's `vie` model)
  store,       // the database cannot be opened, is locked, or is from a newer schema
  interrupted, // SIGINT/SIGTERM arrived; the current document was rolled back
};

class Error : public std::runtime_error {
public:
  Error(ErrorCategory category, const std::string& message)
    : std::runtime_error(message), m_category(category) {}
  ErrorCategory category() const noexcept { return m_category; }

private:
  ErrorCategory m_category;
};

// Message convention: "<file>: <reason>" when a file is involved, lower case, no final period.
struct UsageError : Error {
  explicit UsageError(const std::string& m) : Error(ErrorCategory::usage, m) {}
};
struct InputError : Error {
  explicit InputError(const std::string& m) : Error(ErrorCategory::input, m) {}
};
struct DependencyError : Error {
  explicit DependencyError(const std::string& m) : Error(ErrorCategory::dependency, m) {}
};
struct StoreError : Error {
  explicit StoreError(const std::string& m) : Error(ErrorCategory::store, m) {}
};
struct InterruptedError : Error {
  explicit InterruptedError(const std::string& m) : Error(ErrorCategory::interrupted, m) {}
};

} // namespace parindex
