// See child_measure.hpp. Linux: wait4 returns the child's rusage including its reaped children;
// ru_maxrss is in KiB.
#include "sim/bench/child_measure.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace ascendsim {

namespace {

ChildMeasure measure(const std::function<void()>& in_child, const EnvList& env) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("bench: pipe failed: ") + std::strerror(errno));
  std::fflush(stdout);
  std::fflush(stderr);
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("bench: fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    // Dies with bench (the forking thread waits for it below, so it outlives it; docs/outputs.md).
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    close(fds[0]);
    dup2(fds[1], STDOUT_FILENO);
    close(fds[1]);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    in_child();  // never returns
    _exit(127);
  }
  close(fds[1]);
  ChildMeasure m;
  char buf[65536];
  for (;;) {
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) m.out.append(buf, size_t(n));
    else if (n == 0 || errno != EINTR) break;
  }
  close(fds[0]);
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  m.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  m.peak_rss_GiB = double(ru.ru_maxrss) / (1024.0 * 1024.0);
  m.cpu_s = double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + 1e-6 * double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
  if (WIFEXITED(status)) m.exit_status = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) m.signal = WTERMSIG(status);
  return m;
}

}  // namespace

ChildMeasure measure_exec(const std::string& exe, const std::vector<std::string>& argv, const EnvList& env) {
  return measure(
      [&] {
        std::vector<char*> args;
        args.push_back(const_cast<char*>(exe.c_str()));
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(exe.c_str(), args.data());
        std::fprintf(stderr, "bench: cannot run %s: %s\n", exe.c_str(), std::strerror(errno));
        _exit(127);
      },
      env);
}

ChildMeasure measure_function(const std::function<std::string()>& fn, const EnvList& env) {
  return measure(
      [&] {
        int code = 0;
        try {
          const std::string text = fn();
          std::fwrite(text.data(), 1, text.size(), stdout);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "ascendsim bench: error: %s\n", e.what());
          code = 2;
        }
        std::fflush(stdout);
        _exit(code);
      },
      env);
}

}  // namespace ascendsim
