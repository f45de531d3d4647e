// StepProvider under threads (issue 17 item 3): the lock is held only to find a job size's entry, so
// threads asking for different sizes simulate in parallel and threads asking for the same size wait
// for the one simulation. Checked: every thread gets the same result object for its size, each size
// is simulated once, and the results equal those of a provider asked one size at a time.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/step_provider.hpp"

using namespace ascendsim;

TEST_CASE("StepProvider: concurrent askers share one simulation per job size", "[scenario][steps][threads]") {
  const Scenario s = load_scenario("timelines/reference/deepseek-v3-h800.toml");
  StepProvider sequential(s, false);
  const long a = sequential.replica_chips() * 2, b = sequential.replica_chips() * 4;
  REQUIRE(sequential.job_chips(a) == a);
  REQUIRE(sequential.job_chips(b) == b);
  const double step_a = sequential.step_for(a).step_time_s;
  const double step_b = sequential.step_for(b).step_time_s;
  CHECK(sequential.simulations() == 2);

  StepProvider shared(s, false);
  std::vector<const StepResult*> got(6, nullptr);
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] { got[t] = &shared.step_for(t % 2 ? b : a); });
  for (auto& th : threads) th.join();
  CHECK(shared.simulations() == 2);
  for (int t = 0; t < 6; ++t) {
    REQUIRE(got[t] != nullptr);
    CHECK(got[t] == got[t % 2]);  // one result object per size
    CHECK(got[t]->step_time_s == (t % 2 ? step_b : step_a));
    CHECK(got[t]->chips == (t % 2 ? b : a));
  }
}
