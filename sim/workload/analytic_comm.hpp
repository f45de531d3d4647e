// A closed-form estimate of a step's exposed communication, for ranking plan candidates before
// they are simulated (plan_search.hpp): bandwidth-only collective times (ring all-reduce 2(g−1)/g of
// the buffer, all-gather / reduce-scatter / all-to-all (g−1)/g, send/recv the message), TP over
// the chip's scale-up links, EP / PP / DP over its scale-out link, exposed per the plan's
// [overlap] options with the same rules as step_compose (hidden parts pay compute_slowdown). No
// latency, no contention, no topology: `plan` simulates the candidates it ranks first.
#pragma once
#include "sim/platform/chip.hpp"
#include "sim/workload/step_cost.hpp"

namespace ascendsim {

// Bandwidth-only time of one collective of `v` on links of `link_Bps` per direction (0 → 0).
double bandwidth_time_s(const CommVolume& v, double link_Bps);

// Exposed communication time added to `cost.analytic_compute_time_s`: the busiest stage's
// per-microbatch TP / EP / PP / ZeRO-3 exposure times (microbatches + bubble), plus the DP tail.
double analytic_exposed_comm_s(const TrainingPlan& p, const StepCost& cost, const Chip& chip);

}  // namespace ascendsim
