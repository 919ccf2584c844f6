// Placeholder until the OCR stage lands: scanned input is refused with a dependency error.
#include <parindex/error.hpp>
#include <parindex/source.hpp>

namespace parindex::source {

std::unique_ptr<PageReader> make_default_reader() {
  struct Refusing : PageReader {
    ReadResult read(const std::filesystem::path& path, std::string_view, FileType,
                    const ReadOptions&) override {
      throw DependencyError(path.string() + ": this build cannot read PDFs or images yet");
    }
  };
  return std::make_unique<Refusing>();
}

} // namespace parindex::source
