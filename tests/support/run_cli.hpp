// Runs the built `ascendsim` with arguments (from the repo root, where ctest runs tests) and
// returns its exit status and combined stdout+stderr: the one helper CLI tests share.
#pragma once
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace ascendsim::testing {

struct CliRun {
  int status;       // exit status; -1 when killed by a signal
  std::string out;  // stdout and stderr together
};

inline CliRun run_cli(const std::string& args) {
  const std::string cmd = std::string(ASCENDSIM_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (p && fgets(buf.data(), buf.size(), p)) out += buf.data();
  const int st = p ? pclose(p) : -1;
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

}  // namespace ascendsim::testing
