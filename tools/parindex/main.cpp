#include "cli.hpp"

#include <parindex/criteria.hpp>
#include <parindex/ingest.hpp>
#include <parindex/ocr.hpp>
#include <parindex/restore.hpp>
#include <parindex/store.hpp>
#include <parindex/text.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <semaphore.h>
#include <pthread.h>
#include <time.h>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

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

void add_format_option(CLI::App& sub, std::string& format, std::string& output, const char* default_format) {
  sub.add_option("--format,-f", format, "Output format: table, json, csv, ndjson or xlsx")
    ->check(CLI::IsMember({"table", "json", "csv", "ndjson", "xlsx"}))
    ->default_val(default_format);
  sub.add_option("--output,-o", output, "Write to FILE instead of standard output")->type_name("FILE");
}

namespace {

// Writes PATH.tmp piece by piece, then renames it over PATH; on any failure PATH.tmp is
// removed and PATH left as it was.
void stream_file(const std::string& path, const std::function<void(const Sink&)>& produce) {
  std::string tmp = path + ".tmp";
  auto error = [&](int err) {
    return InputError(fmt::format("{}: cannot write ({})", path, std::strerror(err ? err : EIO)));
  };
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  try {
    if (!out) throw error(errno);
    produce([&](std::string_view piece) {
      out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
      if (!out) throw error(errno);
    });
    out.close();
    if (!out) throw error(errno);
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw error(errno);
  } catch (...) {
    out.close();
    std::remove(tmp.c_str());
    throw;
  }
}

} // namespace

void write_file(const std::string& path, std::string_view bytes) {
  stream_file(path, [&](const Sink& sink) { sink(bytes); });
}

void stream_output(const std::string& output, render::Format format, const std::function<void(const Sink&)>& produce) {
  if (!output.empty()) return stream_file(output, produce);
  if (format == render::Format::xlsx && isatty(STDOUT_FILENO))
    throw UsageError("--format xlsx writes a binary workbook: give -o FILE.xlsx or redirect standard output");
  produce([](std::string_view piece) { write_stdout(piece); });
}

void write_output(std::string_view bytes, const std::string& output, render::Format format) {
  stream_output(output, format, [&](const Sink& sink) { sink(bytes); });
}

void write_stdout(std::string_view s) {
  if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout) != 0) {
    if (errno == EPIPE) std::_Exit(0);
    throw Error(ErrorCategory::input, std::string("standard output: ") + std::strerror(errno));
  }
}

std::string require_known_unit(const store::Store& store, const std::string& unit) {
  if (auto known = store.unit(unit)) return known->unit;
  // Not there: the closest name for the hint, from the whole list.
  std::string want = text::fold(text::to_nfc(unit));
  std::u32string w = text::to_u32(want);
  std::string closest;
  std::size_t best = std::string::npos;
  for (const auto& u : store.units()) {
    std::string have = text::fold(u.unit);
    if (have == want) return u.unit;
    // Edit distance on the folded names, for the hint.
    std::u32string h = text::to_u32(have);
    std::vector<std::size_t> row(h.size() + 1);
    for (std::size_t j = 0; j <= h.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= w.size(); ++i) {
      std::size_t diag = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= h.size(); ++j) {
        std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (w[i - 1] == h[j - 1] ? 0 : 1)});
        diag = up;
      }
    }
    if (row[h.size()] < best) {
      best = row[h.size()];
      closest = u.unit;
    }
  }
  if (best != std::string::npos && best <= std::max<std::size_t>(2, w.size() / 3))
    throw UsageError(fmt::format("unit '{}' is not in the database; did you mean '{}'?", unit, closest));
  throw UsageError(fmt::format("unit '{}' is not in the database (see 'parindex units')", unit));
}

void warn(const std::string& message) {
  fmt::print(stderr, "parindex: warning: {}\n", parindex::text::visible(message));
}

void add_ocr_option(CLI::App& sub, std::string& mode) {
  sub.add_option("--ocr", mode,
                 "PDF pages with a text layer: auto (read the layer, recognise it when it is not "
                 "Vietnamese), always (recognise every page) or never (layers only)")
    ->check(CLI::IsMember({"auto", "always", "never"}));
}

source::OcrMode parse_ocr_mode(const std::string& mode) {
  if (mode == "always") return source::OcrMode::always;
  if (mode == "never") return source::OcrMode::never;
  return source::OcrMode::automatic;
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

// Tables fit the terminal they are printed on ($COLUMNS, else the terminal's own width) and
// are never cut on a pipe; colour follows use_color() for standard output.
void style_tables(const Globals& g) {
  render::TableStyle style;
  style.color = use_color(g, STDOUT_FILENO);
  if (isatty(STDOUT_FILENO)) {
    winsize ws{};
    const char* columns = std::getenv("COLUMNS");
    if (columns && std::atoi(columns) > 0) style.width = static_cast<std::size_t>(std::atoi(columns));
    else if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) style.width = ws.ws_col;
    else style.width = 80;
  }
  render::set_table_style(style);
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

// SIGINT and SIGTERM ask the work to stop: ingest stops between pages, files and the steps of
// a paragraph, and cuts a long database statement short (its transaction rolled back). What
// cannot be asked (a library call that runs for seconds, building a huge document's JSON) is
// left behind by the watchdog: 0.8 s after the signal it ends the process with status 130.
// Leaving then is safe: a transaction not committed is rolled back by SQLite on the next open
// and by the PostgreSQL server when the connection drops, so nothing half-written stays.
sem_t g_stop_signal;
std::atomic<bool> g_error_printed{false}; // so that the watchdog does not say it twice
constexpr long k_stop_bound_ns = 800'000'000;

extern "C" void on_signal(int) {
  parindex::ingest::request_stop();
  sem_post(&g_stop_signal); // async-signal-safe
}

extern "C" void* stop_watchdog(void*) {
  while (sem_wait(&g_stop_signal) != 0) {
  }
  timespec left{0, k_stop_bound_ns};
  while (nanosleep(&left, &left) != 0) {
  }
  static const char message[] = "parindex: error: interrupted\n";
  if (!g_error_printed) {
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
  }
  _exit(parindex::cli::k_exit_interrupted);
}

// On a small stack of its own (it only waits): the isolated reader's memory budget
// (ingest --isolate) counts address space, and it does not run one at all.
void start_stop_watchdog() {
  sem_init(&g_stop_signal, 0, 0);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  pthread_create(&thread, &attr, stop_watchdog, nullptr);
  pthread_attr_destroy(&attr);
}

} // namespace

namespace {

// What a bug report needs: the program, the database schema and records contract it writes,
// the data it loaded and the engines it links.
std::string version_text() {
  std::string out = fmt::format("parindex {}\ndatabase schema {}, records contract parindex.records/1\n",
                                PARINDEX_CLI_VERSION, parindex::store::k_schema_version);
  if (auto m = parindex::restore::default_model_info())
    out += fmt::format("restoration model {} ({} syllables, {} bigrams, {} trigrams): {}\n", m->format,
                       m->syllables, m->bigrams, m->trigrams, m->path);
  else
    out += "restoration model: not installed (set PARINDEX_DATA)\n";
  try {
    const auto& cat = parindex::criteria::Catalogue::default_catalogue();
    std::string dirs;
    for (const auto& d : parindex::criteria::Catalogue::default_dirs())
      dirs += (dirs.empty() ? "" : ":") + d.string();
    out += fmt::format("criteria catalogue: {} frameworks in {}\n", cat.frameworks().size(), dirs);
  } catch (const parindex::Error& e) {
    out += fmt::format("criteria catalogue: {}\n", e.what());
  }
  out += fmt::format("{}, sqlite {}, libpq {}", parindex::ocr::engine_versions(), parindex::store::sqlite_version(),
                     parindex::store::libpq_version());
  return out;
}

} // namespace

// Options that take a value, and the values some of them take.
std::string bash_completion(const CLI::App& app) {
  auto words = [](const CLI::App& a, bool with_values) {
    std::string flags, valued;
    for (const CLI::Option* o : a.get_options()) {
      if (o->check_lname("help")) continue; // --help is offered once, with the globals
      for (const auto& n : o->get_lnames()) (o->get_expected_min() > 0 ? valued : flags) += " --" + n;
      for (const auto& n : o->get_snames()) (o->get_expected_min() > 0 ? valued : flags) += " -" + n;
    }
    return with_values ? valued : flags + valued;
  };
  std::string subs, cases, valued_all;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group().empty()) continue; // hidden
    subs += " " + sub->get_name();
    std::string opts = words(*sub, false);
    valued_all += words(*sub, true);
    for (const CLI::App* inner : sub->get_subcommands({})) { // `db copy`: its name and options
      opts += " " + inner->get_name() + words(*inner, false);
      valued_all += words(*inner, true);
    }
    cases += fmt::format("    {}) opts=\"{}\" ;;\n", sub->get_name(), opts);
  }
  std::string globals = words(app, false);
  return fmt::format(R"sh(# bash completion for parindex; generated by `parindex completion bash`.
_parindex() {{
  local cur prev sub="" i opts
  cur=${{COMP_WORDS[COMP_CWORD]}}
  prev=${{COMP_WORDS[COMP_CWORD-1]}}
  for ((i = 1; i < COMP_CWORD; i++)); do
    case " {subs} " in *" ${{COMP_WORDS[i]}} "*) sub=${{COMP_WORDS[i]}}; break ;; esac
  done
  case $prev in
    --format|-f) COMPREPLY=($(compgen -W "table json csv ndjson xlsx" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --encoding) COMPREPLY=($(compgen -W "auto utf-8 utf-16 tcvn3 vni viqr cp1258" -- "$cur")); return ;;
    --level) COMPREPLY=($(compgen -W "tỉnh huyện xã" -- "$cur")); return ;;
    --group|-g) COMPREPLY=($(compgen -W "unit year component unit,year unit,year,component year,component" -- "$cur")); return ;;
    --db|--ics|--output|-o|--model) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case " {valued} " in *" $prev "*) COMPREPLY=(); return ;; esac
  if [[ -z $sub ]]; then
    COMPREPLY=($(compgen -W "{subs} {globals} --help" -- "$cur"))
    return
  fi
  case $sub in
{cases}  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts {globals} --help" -- "$cur"))
  else
    case $sub in ingest|ocr|restore) COMPREPLY=($(compgen -f -- "$cur")) ;; esac
  fi
}}
complete -o filenames -o bashdefault -F _parindex parindex
)sh",
                     fmt::arg("subs", subs), fmt::arg("globals", globals), fmt::arg("cases", cases),
                     fmt::arg("valued", valued_all + words(app, true)));
}

int main(int argc, char** argv) {
  using namespace parindex::cli;
  std::signal(SIGPIPE, SIG_IGN);
  // The isolated reader (`__read`, started by ingest --isolate) is stopped by its parent.
  if (!(argc > 1 && std::string_view(argv[1]) == "__read")) start_stop_watchdog();
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  CLI::App app{"parindex — read PAR INDEX plans and reports into a database, then query it"};
  app.set_version_flag("--version", version_text, "Print the version, with the schema, model and engine versions");
  app.require_subcommand(1);
  app.fallthrough(); // global options may follow the subcommand: `parindex gaps --db x.db`
  Globals globals;
  app.add_option("--db", globals.db,
                 "Database: a SQLite file or a PostgreSQL connection string (default: $PARINDEX_DB, else ./parindex.db)");
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

  // `parindex completion bash`: the bash completion script, generated from the options
  // declared above so that it never falls behind them (the build installs its output).
  CLI::App* completion = app.add_subcommand("completion", "Print the bash completion script")->group("");
  std::string shell = "bash";
  completion->add_option("shell", shell, "Shell (bash)")->check(CLI::IsMember({"bash"}));
  actions.emplace_back(completion, [&app]() {
    write_stdout(bash_completion(app));
    return k_exit_ok;
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version go out as CLI11 writes them; every usage error in the one format
    // of parindex's errors, on one line, with exit status 2.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::string what = e.what();
    if (argc > 1 && argv[1][0] != '-') {
      bool known = false;
      for (const auto* sub : app.get_subcommands({}))
        if (sub->get_name() == argv[1]) known = true;
      if (!known) what = fmt::format("'{}' is not a parindex command", argv[1]);
    } else if (argc == 1 || what == "A subcommand is required") {
      what = "a command is required";
    }
    fmt::print(stderr, "parindex: error: {} (see 'parindex --help')\n", parindex::text::visible(what));
    return k_exit_error;
  }
  if (globals.db.empty()) globals.db = parindex::store::default_path().string();
  parindex::cli::style_tables(globals);

  try {
    for (auto& [sub, action] : actions)
      if (sub->parsed()) return action();
  } catch (const parindex::Error& e) {
    g_error_printed = true;
    fmt::print(stderr, "parindex: error: {}\n", parindex::text::visible(e.what()));
    return exit_code_for(e);
  } catch (const std::exception& e) {
    g_error_printed = true;
    fmt::print(stderr, "parindex: error: {}\n", parindex::text::visible(e.what()));
    return k_exit_error;
  }
  return k_exit_error;
}
