// See interrupt.hpp. The registries are fixed arrays of atomics: a slot is claimed (0 -> 1),
// filled, then marked ready (2); the handler reads only ready slots, so it never sees half a path.
#include "sim/util/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace ascendsim {

namespace {

constexpr int kSlots = 64;
constexpr std::size_t kPathMax = 4096;

struct PathSlot {
  std::atomic<int> state{0};  // 0 free, 1 being filled or emptied, 2 ready
  bool directory = false;
  char path[kPathMax];
};

PathSlot g_paths[kSlots];
std::atomic<pid_t> g_children[kSlots];

void on_interrupt(int sig) {
  for (auto& c : g_children) {
    const pid_t pg = c.load();
    if (pg > 0) {
      ::kill(-pg, SIGKILL);
      ::kill(pg, SIGKILL);  // in case the child had not yet moved into its own group
    }
  }
  for (int pass = 0; pass < 2; ++pass)  // files, then the (now empty) directories
    for (auto& s : g_paths)
      if (s.state.load() == 2 && s.directory == (pass == 1)) (pass == 0 ? ::unlink(s.path) : ::rmdir(s.path));
  ::_exit(128 + sig);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigfillset(&sa.sa_mask);  // no second signal interrupts the cleanup
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  ::signal(SIGXFSZ, SIG_IGN);
}

InterruptCleanup::InterruptCleanup(const std::string& path, bool is_directory) {
  if (path.size() + 1 > kPathMax) return;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (!g_paths[i].state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(g_paths[i].path, path.c_str(), path.size() + 1);
    g_paths[i].directory = is_directory;
    g_paths[i].state.store(2);
    slot_ = i;
    return;
  }
}

InterruptCleanup& InterruptCleanup::operator=(InterruptCleanup&& o) noexcept {
  if (this != &o) {
    release();
    slot_ = o.slot_;
    o.slot_ = -1;
  }
  return *this;
}

void InterruptCleanup::release() {
  if (slot_ < 0) return;
  g_paths[slot_].state.store(1);
  g_paths[slot_].state.store(0);
  slot_ = -1;
}

void register_child_group(pid_t pgid) {
  for (auto& c : g_children) {
    pid_t expected = 0;
    if (c.compare_exchange_strong(expected, pgid)) return;
  }
}

void unregister_child_group(pid_t pgid) {
  for (auto& c : g_children) {
    pid_t expected = pgid;
    if (c.compare_exchange_strong(expected, 0)) return;
  }
}

}  // namespace ascendsim
