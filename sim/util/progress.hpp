// One progress reporter for every phase that can take more than a second (step simulations, Monte
// Carlo draws, sensitivity swings, bisection, sweeps, golden checks). Usage:
//
//     Progress p("Monte Carlo draws", n);   // a phase with a known total (0: total unknown)
//     for (...) { ...; p.advance(); }       // thread-safe: call from any thread
//     p.detail("job of 4096 chips");        // optional: what runs right now
//                                           // the destructor (or p.finish()) ends the phase
//
// It writes only to stderr and never to stdout or files, so outputs do not depend on it. What it
// shows: every active phase (outermost first) with done/total, percent, rate and ETA, e.g.
//     Monte Carlo draws 120/1000 (12%) 8.1/s ETA 1m49s | step simulations 3 (job of 4096 chips)
// On a terminal the line is redrawn in place (at most 10 times a second); otherwise (mode Always
// with stderr not a terminal) one line is printed per phase at most once a second, plus one line
// when each phase ends. Library code creates phases freely: the mode is Never unless the program
// (sim/cli/main.cpp: --progress auto|always|never, --quiet) turns it on.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace ascendsim {

enum class ProgressMode { Never, Auto, Always };  // Auto: on when stderr is a terminal

void set_progress_mode(ProgressMode mode);
ProgressMode progress_mode();
bool progress_enabled();  // the mode resolved against isatty(stderr)

class Progress {
 public:
  Progress(std::string label, std::uint64_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void advance(std::uint64_t n = 1);
  void detail(const std::string& text);  // shown after the counts until replaced
  void finish();                         // ends the phase (idempotent)
  std::uint64_t done() const;            // counted so far (0 when progress is off)

  // Formatting, pure and exposed for tests: "LABEL done/total (P%) R/s ETA T [detail]".
  static std::string format_line(const std::string& label, std::uint64_t done, std::uint64_t total,
                                 double elapsed_s, const std::string& detail);
  static std::string format_duration(double seconds);  // "45s", "3m07s", "2h05m"

 private:
  friend struct ProgressBoard;
  std::string label_, detail_;
  std::uint64_t total_ = 0, done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_line_{};
  std::atomic<bool> active_{false};  // read without the board's lock on the fast path
};

}  // namespace ascendsim
