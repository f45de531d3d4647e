// The progress board: every active phase in creation order, one mutex, drawn on stderr only.
#include "sim/util/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <vector>

namespace ascendsim {

namespace {
std::atomic<ProgressMode> g_mode{ProgressMode::Never};
using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
}  // namespace

struct ProgressBoard {
  std::mutex mu;
  std::vector<Progress*> active;
  bool on_screen = false;  // a terminal line is drawn and not yet ended
  Clock::time_point last_draw{};
  bool tty = isatty(STDERR_FILENO) != 0;

  static ProgressBoard& get() {
    static ProgressBoard b;
    return b;
  }

  std::size_t columns() const {
    winsize w{};
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 10) return w.ws_col;
    return 120;
  }

  // Caller holds mu.
  void draw_terminal(Clock::time_point now, bool force) {
    if (!force && on_screen && now - last_draw < std::chrono::milliseconds(100)) return;
    std::string line;
    for (const Progress* p : active) {
      if (!line.empty()) line += " | ";
      line += Progress::format_line(p->label_, p->done_, p->total_, seconds(now - p->start_), p->detail_);
    }
    const std::size_t width = columns() - 1;
    if (line.size() > width) line.resize(width);
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
    on_screen = !line.empty();
    last_draw = now;
  }

  void update(Progress* p, Clock::time_point now) {
    if (tty) {
      draw_terminal(now, false);
    } else if (now - p->last_line_ >= std::chrono::seconds(1)) {
      p->last_line_ = now;
      const std::string line = Progress::format_line(p->label_, p->done_, p->total_, seconds(now - p->start_), p->detail_);
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }
};

void set_progress_mode(ProgressMode mode) { g_mode = mode; }
ProgressMode progress_mode() { return g_mode; }
bool progress_enabled() {
  const ProgressMode m = g_mode;
  return m == ProgressMode::Always || (m == ProgressMode::Auto && ProgressBoard::get().tty);
}

std::string Progress::format_duration(double s) {
  if (!(s >= 0) || !std::isfinite(s)) return "?";
  char buf[32];
  const long t = std::lround(s);
  if (t < 60) std::snprintf(buf, sizeof buf, "%lds", t);
  else if (t < 3600) std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t % 3600) / 60);
  return buf;
}

std::string Progress::format_line(const std::string& label, std::uint64_t done, std::uint64_t total, double elapsed_s,
                                  const std::string& detail) {
  char buf[160];
  std::string out = label + " ";
  if (total > 0) {
    std::snprintf(buf, sizeof buf, "%llu/%llu (%d%%)", static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(total),
                  static_cast<int>(100.0 * static_cast<double>(std::min(done, total)) / static_cast<double>(total)));
  } else {
    std::snprintf(buf, sizeof buf, "%llu", static_cast<unsigned long long>(done));
  }
  out += buf;
  if (elapsed_s > 0 && done > 0) {
    const double rate = static_cast<double>(done) / elapsed_s;
    std::snprintf(buf, sizeof buf, rate >= 10 ? " %.0f/s" : " %.2g/s", rate);
    out += buf;
    if (total > done) out += " ETA " + format_duration(static_cast<double>(total - done) / rate);
  }
  out += " " + format_duration(elapsed_s) + " elapsed";
  if (!detail.empty()) out += " (" + detail + ")";
  return out;
}

Progress::Progress(std::string label, std::uint64_t total) : label_(std::move(label)), total_(total) {
  if (!progress_enabled()) return;
  ProgressBoard& b = ProgressBoard::get();
  std::lock_guard<std::mutex> lock(b.mu);
  start_ = Clock::now();
  last_line_ = start_;  // first periodic line after a second
  active_ = true;
  b.active.push_back(this);
  if (b.tty) b.draw_terminal(start_, true);
}

Progress::~Progress() { finish(); }

std::uint64_t Progress::done() const {
  std::lock_guard<std::mutex> lock(ProgressBoard::get().mu);
  return done_;
}

void Progress::advance(std::uint64_t n) {
  if (!active_) return;
  ProgressBoard& b = ProgressBoard::get();
  std::lock_guard<std::mutex> lock(b.mu);
  if (!active_) return;
  done_ += n;
  b.update(this, Clock::now());
}

void Progress::detail(const std::string& text) {
  if (!active_) return;
  ProgressBoard& b = ProgressBoard::get();
  std::lock_guard<std::mutex> lock(b.mu);
  if (!active_) return;
  detail_ = text;
  b.update(this, Clock::now());
}

void Progress::finish() {
  if (!active_) return;
  ProgressBoard& b = ProgressBoard::get();
  std::lock_guard<std::mutex> lock(b.mu);
  if (!active_) return;
  active_ = false;
  b.active.erase(std::remove(b.active.begin(), b.active.end(), this), b.active.end());
  const Clock::time_point now = Clock::now();
  const double elapsed = seconds(now - start_);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%llu%s%s", static_cast<unsigned long long>(done_), total_ > 0 ? "/" : "",
                total_ > 0 ? std::to_string(total_).c_str() : "");
  const std::string done_line = label_ + " done: " + buf + " in " + format_duration(elapsed);
  if (b.tty) {
    if (b.on_screen) std::fputs("\r\033[K", stderr);
    b.on_screen = false;
    // A phase that took a while leaves a line behind; quick ones vanish (Always: every phase does).
    if (elapsed >= 1.0 || g_mode == ProgressMode::Always) std::fprintf(stderr, "%s\n", done_line.c_str());
    if (!b.active.empty()) b.draw_terminal(now, true);
    std::fflush(stderr);
  } else {
    std::fprintf(stderr, "%s\n", done_line.c_str());
  }
}

}  // namespace ascendsim
