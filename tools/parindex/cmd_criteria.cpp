#include "cli.hpp"

#include <parindex/text.hpp>

#include <parindex/criteria.hpp>

namespace parindex::cli {
namespace {

struct CriteriaArgs {
  std::string format = "table";
  std::string province, level, code;
  int year = 0;
};

Action setup(CLI::App& app, Globals&) {
  auto a = std::make_shared<CriteriaArgs>();
  app.description("List the criteria catalogue: codes, maxima and titles of each framework");
  add_format_option(app, a->format);
  app.add_option("--province", a->province, "Only frameworks that apply to this province")
    ->transform([](const std::string& in) { return text::to_nfc(in); });
  app.add_option("--level", a->level, "Only frameworks that apply to this level (tỉnh, huyện, xã)")
    ->transform([](const std::string& in) -> std::string {
      // Accents, case and normalisation ignored: "huyen", "HUYỆN" and NFD input are "huyện".
      std::string f = text::fold(text::to_nfc(in));
      if (f == "tinh") return "tỉnh";
      if (f == "huyen") return "huyện";
      if (f == "xa") return "xã";
      throw CLI::ValidationError("'" + in + "' is not tỉnh, huyện or xã");
    });
  app.add_option("--year,-y", a->year, "Only frameworks that apply to this assessed year");
  app.add_option("--code", a->code, "Only this code and the codes below it (e.g. 7.3)");
  return [a]() {
    const auto& cat = criteria::Catalogue::default_catalogue();
    auto opt = [](const std::string& v) { return v.empty() ? std::nullopt : std::optional<std::string>(v); };
    auto frameworks = cat.select(opt(a->province), opt(a->level),
                                 a->year ? std::optional<int>(a->year) : std::nullopt);
    if (frameworks.empty()) {
      std::string dirs;
      for (const auto& d : criteria::Catalogue::default_dirs()) dirs += (dirs.empty() ? "" : ":") + d.string();
      warn("no criteria framework matches (catalogue: " + dirs + ")");
      return k_exit_found;
    }
    bool any = a->code.empty();
    for (const auto* f : frameworks)
      for (const auto& c : f->criteria)
        any = any || c.code == a->code || c.code.rfind(a->code + ".", 0) == 0;
    if (!any) {
      warn("no criterion " + a->code + " in the frameworks that match");
      return k_exit_found;
    }
    write_stdout(render::criteria(frameworks, a->code, render::parse_format(a->format)));
    return k_exit_ok;
  };
}

const Registration reg{"criteria", 45, setup};

} // namespace
} // namespace parindex::cli
