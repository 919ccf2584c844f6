#include "cli.hpp"

#include <parindex/ingest.hpp>
#include <parindex/store.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace parindex::cli {

std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

Registration::Registration(const char* name, int order,
                           std::function<Action(CLI::App&, Globals&)> setup) {
  registry().push_back({name, order, std::move(setup)});
}

void add_format_option(CLI::App& sub, std::string& format) {
  sub.add_option("--format,-f", format, "Output format: table, json, csv or ndjson")
    ->check(CLI::IsMember({"table", "json", "csv", "ndjson"}))
    ->default_val("table");
}

void write_stdout(std::string_view s) {
  if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout) != 0) {
    if (errno == EPIPE) std::_Exit(0);
    throw Error(ErrorCategory::input, std::string("standard output: ") + std::strerror(errno));
  }
}

void warn(const std::string& message) {
  fmt::print(stderr, "parindex: warning: {}\n", message);
}

bool use_color(const Globals& g, int fd) {
  if (g.color == "always") return true;
  if (g.color == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(fd);
}

int exit_code_for(const Error& e) {
  switch (e.category()) {
  case ErrorCategory::dependency: return k_exit_dependency;
  case ErrorCategory::interrupted: return k_exit_interrupted;
  default: return k_exit_error;
  }
}

} // namespace parindex::cli

namespace {
extern "C" void on_signal(int) { parindex::ingest::request_stop(); }
} // namespace

int main(int argc, char** argv) {
  using namespace parindex::cli;
  std::signal(SIGPIPE, SIG_IGN);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  CLI::App app{"parindex — read PAR INDEX plans and reports into a database, then query it"};
  app.set_version_flag("--version", std::string("parindex ") + PARINDEX_CLI_VERSION);
  app.require_subcommand(1);
  app.fallthrough(); // global options may follow the subcommand: `parindex gaps --db x.db`
  Globals globals;
  app.add_option("--db", globals.db,
                 "Database file (default: $PARINDEX_DB, else ./parindex.db)");
  app.add_flag("--quiet,-q", globals.quiet, "No progress or warnings on stderr");
  app.add_option("--color", globals.color, "Colour: auto, always or never")
    ->check(CLI::IsMember({"auto", "always", "never"}));

  auto& commands = registry();
  std::sort(commands.begin(), commands.end(),
            [](const Command& a, const Command& b) { return a.order < b.order; });
  std::vector<std::pair<CLI::App*, Action>> actions;
  for (auto& c : commands) {
    CLI::App* sub = app.add_subcommand(c.name);
    actions.emplace_back(sub, c.setup(*sub, globals));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : k_exit_error;
  }
  if (globals.db.empty()) globals.db = parindex::store::default_path().string();

  try {
    for (auto& [sub, action] : actions)
      if (sub->parsed()) return action();
  } catch (const parindex::Error& e) {
    fmt::print(stderr, "parindex: error: {}\n", e.what());
    return exit_code_for(e);
  } catch (const std::exception& e) {
    fmt::print(stderr, "parindex: error: {}\n", e.what());
    return k_exit_error;
  }
  return k_exit_error;
}
