// What an interrupted process must undo. SIGINT and SIGTERM end ascendsim with status 130 / 143
// after the handler (1) kills the process group of every SimGrid child still running and
// (2) removes every temporary path registered here (files first, then directories). The handler
// only calls async-signal-safe functions (kill, unlink, rmdir, _exit) on slots filled beforehand,
// so it is safe whatever thread it interrupts. SIGKILL cannot be handled: children die through
// PR_SET_PDEATHSIG (simgrid_process.cpp) and staging left behind is removed by the next run.
#pragma once
#include <sys/types.h>

#include <string>

namespace ascendsim {

// Installs the SIGINT/SIGTERM handlers and ignores SIGXFSZ (a file-size limit then fails the write
// with EFBIG, which is reported, instead of killing the process). Called once, by main().
void install_interrupt_handlers();

// A path the signal handler removes if the process is interrupted while it exists. Register it
// BEFORE creating the file or directory, and release() it once it is published or removed. The
// destructor releases too. At most 64 paths at a time; beyond that registration is a no-op.
class InterruptCleanup {
 public:
  InterruptCleanup() = default;
  InterruptCleanup(const std::string& path, bool is_directory);
  ~InterruptCleanup() { release(); }
  InterruptCleanup(const InterruptCleanup&) = delete;
  InterruptCleanup& operator=(const InterruptCleanup&) = delete;
  InterruptCleanup(InterruptCleanup&& o) noexcept : slot_(o.slot_) { o.slot_ = -1; }
  InterruptCleanup& operator=(InterruptCleanup&& o) noexcept;
  void release();

 private:
  int slot_ = -1;
};

// Process groups the handler kills with SIGKILL (a SimGrid child leads its own group).
void register_child_group(pid_t pgid);
void unregister_child_group(pid_t pgid);

}  // namespace ascendsim
