// The CLI is glue: each cmd_*.cpp registers one subcommand, parses its options, calls one
// library function and renders the result. No parsing logic or SQL lives here.
#pragma once

#include <parindex/error.hpp>
#include <parindex/render.hpp>
#include <parindex/store.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace parindex::cli {

// Documented exit codes (man/parindex.1, EXIT STATUS).
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_found = 1;       // --fail-on-gaps and friends
inline constexpr int k_exit_error = 2;       // usage, input or store error
inline constexpr int k_exit_warnings = 3;    // finished, but some inputs were skipped or failed
inline constexpr int k_exit_dependency = 4;  // missing dependency or data (no `vie` model)
inline constexpr int k_exit_interrupted = 130;

struct Globals {
  std::string db;        // --db (default: store::default_path())
  bool quiet = false;    // --quiet
  std::string color = "auto"; // --color auto|always|never
};

// What a subcommand's callback returns: the exit code.
using Action = std::function<int()>;

struct Registration {
  // `order` sorts subcommands in --help; `setup` adds the subcommand to `app` and returns
  // the action to run when it is chosen.
  Registration(const char* name, int order,
               std::function<Action(CLI::App& app, Globals& globals)> setup);
};

struct Command {
  std::string name;
  int order;
  std::function<Action(CLI::App&, Globals&)> setup;
};
std::vector<Command>& registry();

// --ocr auto|always|never (ingest, ocr): when PDF pages with a text layer are recognised.
void add_ocr_option(CLI::App& sub, std::string& mode);
source::OcrMode parse_ocr_mode(const std::string& mode);

// --format option shared by every read command.
void add_format_option(CLI::App& sub, std::string& format);

// --format for the commands whose results go to spreadsheets (export, gaps, diff, deadlines):
// also xlsx; and --output/-o FILE.
void add_format_option(CLI::App& sub, std::string& format, std::string& output,
                       const char* default_format = "table");
// A command's output: to `output` when given (written beside it and renamed, so a reader never
// sees half of it and a failed write keeps the old file), else to stdout. An xlsx workbook is
// not written to a terminal: that is a usage error asking for -o FILE.
void write_output(std::string_view bytes, const std::string& output, render::Format format);
// The same, for output made piece by piece: `produce` calls its argument with each piece.
using Sink = std::function<void(std::string_view)>;
void stream_output(const std::string& output, render::Format format, const std::function<void(const Sink&)>& produce);
// `bytes` to `path`, through PATH.tmp and a rename; InputError naming the path on failure.
void write_file(const std::string& path, std::string_view bytes);

// Prints to stdout; a closed pipe (EPIPE) ends the program quietly with status 0.
void write_stdout(std::string_view s);
void warn(const std::string& message);  // "parindex: warning: …" on stderr
// The rule for --unit on every command: a unit no row or document of the database has
// (compared accent- and case-insensitively, NFD or NFC) is a usage error naming the closest
// known unit. Returns the unit as the database writes it.
std::string require_known_unit(const store::Store& store, const std::string& unit);
bool use_color(const Globals& g, int fd);
void style_tables(const Globals& g); // render::set_table_style from the terminal, --color and NO_COLOR

} // namespace parindex::cli
