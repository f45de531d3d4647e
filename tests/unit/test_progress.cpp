// The progress reporter (sim/util/progress.hpp): the line format worked out by hand, thread-safe
// counting from many threads, and nothing at all when the mode is Never (the library default).
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "sim/util/progress.hpp"

using namespace ascendsim;

TEST_CASE("Progress lines show done/total, percent, rate and ETA", "[progress]") {
  // 50 of 200 in 10 s: 25%, 5 per second, 150 left at 5/s = 30 s.
  CHECK(Progress::format_line("Monte Carlo draws", 50, 200, 10.0, "") ==
        "Monte Carlo draws 50/200 (25%) 5/s ETA 30s 10s elapsed");
  // 120 of 1000 in 14.8 s: 8.1/s, 880 / 8.108 = 108.5 s = 1m49s (rounded); detail in brackets.
  CHECK(Progress::format_line("Monte Carlo draws", 120, 1000, 14.8, "job of 4096 chips") ==
        "Monte Carlo draws 120/1000 (12%) 8.1/s ETA 1m49s 15s elapsed (job of 4096 chips)");
  // An open total shows the count and rate only; 30 in 2 s = 15/s.
  CHECK(Progress::format_line("step simulations", 30, 0, 2.0, "") == "step simulations 30 15/s 2s elapsed");
  CHECK(Progress::format_line("sweep runs", 0, 10, 0.0, "") == "sweep runs 0/10 (0%) 0s elapsed");
  CHECK(Progress::format_duration(187) == "3m07s");
  CHECK(Progress::format_duration(7500) == "2h05m");
  CHECK(Progress::format_duration(59.4) == "59s");
}

TEST_CASE("Progress counts from many threads, and is inert when off", "[progress]") {
  set_progress_mode(ProgressMode::Never);
  {
    Progress off("off", 10);
    off.advance(5);
    CHECK(off.done() == 0);  // never registered: no counting, no output
  }
  set_progress_mode(ProgressMode::Always);
  {
    Progress p("unit-test threads", 4000);
    std::vector<std::thread> pool;
    for (int t = 0; t < 4; ++t)
      pool.emplace_back([&p] {
        for (int i = 0; i < 1000; ++i) p.advance();
      });
    for (auto& t : pool) t.join();
    CHECK(p.done() == 4000);
  }
  set_progress_mode(ProgressMode::Never);
  CHECK_FALSE(progress_enabled());
}
