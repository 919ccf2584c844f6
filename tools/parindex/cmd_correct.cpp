#include "cli.hpp"

#include <parindex/store.hpp>

#include <fmt/core.h>

#include <filesystem>

namespace parindex::cli {
namespace {

struct CorrectArgs {
  std::string target, add, note;
  std::vector<std::string> set, fields;
  bool drop = false;
};

std::pair<std::string, std::string> assignment(const std::string& s) {
  auto eq = s.find('=');
  if (eq == std::string::npos || eq == 0)
    throw UsageError(fmt::format("'{}': expected FIELD=VALUE", s));
  return {s.substr(0, eq), s.substr(eq + 1)};
}

Action setup(CLI::App& app, Globals& g) {
  auto a = std::make_shared<CorrectArgs>();
  app.description("Correct a record (by its key), drop it, or add one the extractor missed");
  app.add_option("target", a->target, "Record key (--set, --drop) or document id (--add)")->required();
  app.add_option("fields", a->fields, "FIELD=VALUE of the record --add adds");
  auto* set = app.add_option("--set,-s", a->set, "FIELD=VALUE to set (repeatable; numbers 1,5 or 1.5, dates YYYY-MM-DD, null clears)");
  auto* drop = app.add_flag("--drop", a->drop, "Drop the record: it is not read any more");
  auto* add = app.add_option("--add", a->add, "Add a record of this type (score, index, target, task, reference) to the document");
  app.add_option("--note,-n", a->note, "Why (kept with the correction)");
  set->excludes(drop)->excludes(add);
  drop->excludes(add);
  return [a, &g]() {
    store::CorrectionRequest r;
    r.target = a->target;
    if (!a->note.empty()) r.note = a->note;
    if (!a->set.empty()) {
      r.action = "set";
      for (const auto& s : a->set) r.values.push_back(assignment(s));
    } else if (a->drop) {
      r.action = "drop";
    } else if (!a->add.empty()) {
      r.action = "add";
      r.type = a->add;
      for (const auto& s : a->fields) r.values.push_back(assignment(s));
    } else {
      throw UsageError("correct: give --set FIELD=VALUE, --drop or --add TYPE FIELD=VALUE...");
    }
    if (r.action != "add" && !a->fields.empty())
      throw UsageError(fmt::format("'{}': FIELD=VALUE goes after --set (or use --add)", a->fields[0]));
    if (!store::is_server(g.db) && !std::filesystem::exists(g.db))
      throw StoreError(fmt::format("{}: no such database (run 'parindex ingest' first, or pass --db)", g.db));
    store::Store store(g.db);
    auto made = store.correct(r);
    write_stdout(render::corrections(made, render::Format::table));
    return k_exit_ok;
  };
}

const Registration reg{"correct", 70, setup};

} // namespace
} // namespace parindex::cli
