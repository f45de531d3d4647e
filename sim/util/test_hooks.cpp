// See test_hooks.hpp.
#include "sim/util/test_hooks.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace ascendsim {

namespace {

long env_long(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 10) : 0;
}

}  // namespace

int output_write_point(const char* what) {
  static std::atomic<long> count{0};
  static const long pause_at = env_long("ASCENDSIM_TEST_WRITE_PAUSE_AFTER");
  static const long fail_at = env_long("ASCENDSIM_TEST_WRITE_FAIL_AFTER");
  static const bool print = env_long("ASCENDSIM_TEST_WRITE_POINTS") != 0;
  const long n = ++count;
  if (print) std::fprintf(stderr, "write point %ld: %s\n", n, what);
  if (n == pause_at) ::raise(SIGSTOP);
  return n == fail_at ? ENOSPC : 0;
}

void simgrid_child_test_pause() {
  if (env_long("ASCENDSIM_TEST_CHILD_PAUSE") != 0) ::raise(SIGSTOP);
}

}  // namespace ascendsim
