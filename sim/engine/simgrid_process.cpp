// Fork-per-simulation runner and the byte codec for its results (see simgrid_process.hpp).
#include "sim/engine/simgrid_process.hpp"

#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <stdexcept>

#include "sim/config/input_error.hpp"
#include "sim/util/interrupt.hpp"
#include "sim/util/test_hooks.hpp"

namespace ascendsim {

void ByteWriter::u64(unsigned long long v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
void ByteWriter::f64(double v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
void ByteWriter::str(const std::string& s) { u64(s.size()); out_ += s; }

void ByteReader::take(void* dst, std::size_t n) {
  if (pos_ + n > in_.size()) throw std::runtime_error("simulation child: truncated result");
  std::memcpy(dst, in_.data() + pos_, n);
  pos_ += n;
}
unsigned long long ByteReader::u64() { unsigned long long v; take(&v, sizeof v); return v; }
double ByteReader::f64() { double v; take(&v, sizeof v); return v; }
std::string ByteReader::str() {
  const auto n = u64();
  if (pos_ + n > in_.size()) throw std::runtime_error("simulation child: truncated result");
  std::string s = in_.substr(pos_, n);
  pos_ += n;
  return s;
}

namespace {

enum Status : unsigned long long { Ok = 0, Input = 1, InvalidArgument = 2, Other = 3 };

void write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t w = ::write(fd, data.data() + done, data.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    done += static_cast<std::size_t>(w);
  }
}

}  // namespace

std::string run_simgrid_in_child(const std::function<std::string()>& body) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  std::cout.flush();
  std::cerr.flush();
  const pid_t parent = ::getpid();
  // SIGINT/SIGTERM stay blocked in this thread across fork, so the child never runs the parent's
  // handler (which would remove the parent's staging) before it resets it; other threads, or this
  // one right after, still take them.
  sigset_t block, saved;
  sigemptyset(&block);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGTERM);
  ::pthread_sigmask(SIG_BLOCK, &block, &saved);
  const pid_t pid = ::fork();
  if (pid != 0) ::pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {  // child: simulate, report, _exit without running the parent's atexit handlers
    // Die with the parent. PDEATHSIG fires when the thread that forked exits; that thread is the
    // one blocked below in read() and waitpid() until this child ends, so it outlives the child.
    // The parent may have died before prctl: then getppid() is no longer `parent`.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    ::setpgid(0, 0);  // its own group, which the parent's SIGINT/SIGTERM handler kills
    ::signal(SIGINT, SIG_DFL);  // the parent's handler would remove the parent's files
    ::signal(SIGTERM, SIG_DFL);
    ::pthread_sigmask(SIG_SETMASK, &saved, nullptr);
    simgrid_child_test_pause();
    ::close(fds[0]);
    ByteWriter w;
    try {
      const std::string result = body();
      w.u64(Ok);
      w.str(result);
    } catch (const InputError& e) {
      w.u64(Input);
      w.u64(e.diagnostics().size());
      for (const auto& d : e.diagnostics()) {
        w.str(d.where.file);
        w.u64(static_cast<unsigned long long>(d.where.line));
        w.u64(static_cast<unsigned long long>(d.where.column));
        w.str(d.key_path);
        w.str(d.message);
      }
    } catch (const std::invalid_argument& e) {
      w.u64(InvalidArgument);
      w.str(e.what());
    } catch (const std::exception& e) {
      w.u64(Other);
      w.str(e.what());
    }
    write_all(fds[1], w.bytes());
    ::close(fds[1]);
    std::cout.flush();
    std::cerr.flush();
    ::_exit(0);
  }
  ::setpgid(pid, pid);  // also here, so the group exists before register_child_group whatever runs first
  register_child_group(pid);
  ::close(fds[1]);
  std::string data;
  char buf[65536];
  while (true) {
    const ssize_t r = ::read(fds[0], buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    data.append(buf, static_cast<std::size_t>(r));
  }
  ::close(fds[0]);
  // Before waitpid: until it is reaped the pid cannot be reused, so the handler never kills a stranger.
  unregister_child_group(pid);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (WIFSIGNALED(status))
    throw std::runtime_error("SimGrid simulation child died with signal " + std::to_string(WTERMSIG(status)));
  if (data.empty()) throw std::runtime_error("SimGrid simulation child returned no result");
  ByteReader rd(data);
  switch (rd.u64()) {
    case Ok: return rd.str();
    case Input: {
      std::vector<Diagnostic> ds(rd.u64());
      for (auto& d : ds) {
        d.where.file = rd.str();
        d.where.line = static_cast<int>(rd.u64());
        d.where.column = static_cast<int>(rd.u64());
        d.key_path = rd.str();
        d.message = rd.str();
      }
      throw InputError(ds);
    }
    case InvalidArgument: throw std::invalid_argument(rd.str());
    default: throw std::runtime_error(rd.str());
  }
}

}  // namespace ascendsim
