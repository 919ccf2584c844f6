// Reading one file in a child process (`ingest --isolate`): the child runs prepare() under a
// memory budget and prints the result as JSON; a crash, an abort inside a library (poppler
// aborts when malloc fails) or the budget running out costs that file only, reported by
// name, and the batch goes on.
#include <parindex/error.hpp>
#include <parindex/ingest.hpp>

#include "records/json.hpp"

#include <fmt/core.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace parindex::ingest {

namespace {

using records::Json;

// What a child may print: the 16 MB text limit, its JSON escaping and the records beside it.
constexpr std::size_t k_max_child_output = 256u << 20;
constexpr std::size_t k_max_child_errors = 64u << 10;

const char* category_name(ErrorCategory c) {
  switch (c) {
  case ErrorCategory::usage: return "usage";
  case ErrorCategory::input: return "input";
  case ErrorCategory::dependency: return "dependency";
  case ErrorCategory::store: return "store";
  case ErrorCategory::interrupted: return "interrupted";
  }
  return "input";
}

[[noreturn]] void rethrow(const std::string& category, const std::string& message) {
  if (category == "usage") throw UsageError(message);
  if (category == "dependency") throw DependencyError(message);
  if (category == "store") throw StoreError(message);
  if (category == "interrupted") throw InterruptedError(message);
  throw InputError(message);
}

std::string signal_name(int sig) {
  switch (sig) {
  case SIGSEGV: return "SIGSEGV";
  case SIGABRT: return "SIGABRT";
  case SIGBUS: return "SIGBUS";
  case SIGFPE: return "SIGFPE";
  case SIGILL: return "SIGILL";
  case SIGKILL: return "SIGKILL";
  case SIGXCPU: return "SIGXCPU";
  default: return fmt::format("signal {}", sig);
  }
}

struct Fd {
  int fd = -1;
  ~Fd() { close(); }
  void close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

} // namespace

std::string prepared_to_json(const Prepared& p) {
  Json j;
  j["document"] = records::to_json(p.document);
  Json pages = Json::array();
  for (const auto& page : p.pages)
    pages.push_back(Json{{"page", page.page}, {"text", page.text},
                         {"confidence", page.confidence ? Json(*page.confidence) : Json()}});
  j["pages"] = std::move(pages);
  j["warnings"] = p.warnings;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string error_to_json(const Error& e) {
  return Json{{"error", Json{{"category", category_name(e.category())}, {"message", e.what()}}}}.dump(
    -1, ' ', false, Json::error_handler_t::replace);
}

Prepared prepared_from_json(std::string_view s) {
  Json j = Json::parse(s);
  if (auto it = j.find("error"); it != j.end())
    rethrow(it->value("category", "input"), it->value("message", "the reader failed"));
  Prepared p;
  p.document = records::document_from_json(j.at("document"));
  for (const Json& page : j.at("pages")) {
    PageText t;
    t.page = page.value("page", 1);
    t.text = page.value("text", "");
    if (page.contains("confidence") && page["confidence"].is_number())
      t.confidence = page["confidence"].get<double>();
    p.pages.push_back(std::move(t));
  }
  for (const Json& w : j.value("warnings", Json::array())) p.warnings.push_back(w.get<std::string>());
  return p;
}

Prepared prepare_isolated(const std::vector<std::string>& command, const std::filesystem::path& path,
                          const std::string& display) {
  std::vector<std::string> args = command;
  args.push_back("--display");
  args.push_back(display);
  args.push_back("--");
  args.push_back(path.string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  Fd out_r{out[0]}, out_w{out[1]};
  if (pipe2(err, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  Fd err_r{err[0]}, err_w{err[1]};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_w.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_w.fd, STDERR_FILENO);
  if (path == "-") {
    // Standard input is the child's: it reads the document as the parent would have.
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  }
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw DependencyError(fmt::format("{}: cannot start the isolated reader {}: {}", display, args[0],
                                      std::strerror(rc)));
  out_w.close();
  err_w.close();

  std::string output, errors;
  bool too_much = false, stopped = false;
  pollfd fds[2] = {{out_r.fd, POLLIN, 0}, {err_r.fd, POLLIN, 0}};
  char buf[65536];
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    int n = poll(fds, 2, 100);
    if (n < 0 && errno != EINTR) break;
    if (stop_requested() && !stopped) {
      stopped = true;
      kill(pid, SIGTERM);
    }
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || !(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t got = read(fds[k].fd, buf, sizeof buf);
      if (got <= 0) {
        fds[k].fd = -1;
        continue;
      }
      std::string& into = k == 0 ? output : errors;
      std::size_t cap = k == 0 ? k_max_child_output : k_max_child_errors;
      if (into.size() + static_cast<std::size_t>(got) > cap) {
        if (k == 0 && !too_much) {
          too_much = true;
          kill(pid, SIGKILL);
        }
        continue;
      }
      into.append(buf, static_cast<std::size_t>(got));
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (stopped || stop_requested()) throw InterruptedError("interrupted");
  if (too_much) throw InputError(fmt::format("{}: the isolated reader printed more than {} MB", display,
                                             k_max_child_output >> 20));
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    throw InputError(fmt::format("{}: the reader {} on this file ({}){}", display,
                                 sig == SIGKILL || sig == SIGABRT ? "was stopped" : "crashed",
                                 signal_name(sig),
                                 sig == SIGABRT || sig == SIGKILL
                                   ? ": it ran out of its memory budget or hit a fault"
                                   : ""));
  }
  if (output.empty()) {
    std::string first = errors.substr(0, errors.find('\n'));
    throw InputError(fmt::format("{}: the isolated reader exited with status {}{}{}", display,
                                 WEXITSTATUS(status), first.empty() ? "" : ": ", first));
  }
  try {
    return prepared_from_json(output);
  } catch (const Json::exception& e) {
    throw InputError(fmt::format("{}: the isolated reader's output is not readable ({})", display, e.what()));
  }
}

} // namespace parindex::ingest
