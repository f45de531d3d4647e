// Runs one benchmark case in a child process and measures it: wall time (steady clock from fork
// to reaping) and peak resident memory from wait4's rusage (ru_maxrss: the child's own peak, or
// that of a descendant it reaped, such as a forked SimGrid run), so each case's memory is its own.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ascendsim {

struct ChildMeasure {
  int exit_status = -1;      // exit code, or -1 when killed by a signal
  int signal = 0;            // the signal that ended it, if any
  double wall_s = 0;
  double peak_rss_GiB = 0;   // ru_maxrss of the reaped child (covers its reaped descendants)
  double cpu_s = 0;          // user + system CPU of the child and its reaped descendants
  std::string out;           // everything the child wrote to stdout
};

using EnvList = std::vector<std::pair<std::string, std::string>>;

// fork + execv(exe, argv) with `env` set in the child; stdout captured, stderr inherited.
ChildMeasure measure_exec(const std::string& exe, const std::vector<std::string>& argv, const EnvList& env);

// fork, set `env`, call `fn` in the child; its returned text is the child's stdout. A child that
// throws reports exit status 2 with the message on stderr. The child leaves with _exit.
ChildMeasure measure_function(const std::function<std::string()>& fn, const EnvList& env);

}  // namespace ascendsim
