#include <parindex/source.hpp>

#include <algorithm>
#include <cctype>
#include <thread>

namespace parindex::source {

int ReadOptions::workers() const {
  return jobs > 0 ? jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

FileType detect_type(const std::filesystem::path& path, std::string_view head) {
  // Content first: a ".txt" that is really a PDF or an image is read as what it is.
  if (head.substr(0, 5) == "%PDF-") return FileType::pdf;
  if (head.substr(0, 8) == "\x89PNG\r\n\x1a\n" || head.substr(0, 3) == "\xFF\xD8\xFF" ||
      head.substr(0, 4) == "II*\0" || head.substr(0, 4) == "MM\0*")
    return FileType::image;
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".txt" || ext == ".text" || ext.empty()) return FileType::text;
  if (ext == ".pdf") return FileType::pdf;
  if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" ||
      ext == ".pnm" || ext == ".pgm" || ext == ".bmp")
    return FileType::image;
  if (ext == ".docx") return FileType::docx;
  return FileType::unsupported;
}

} // namespace parindex::source
