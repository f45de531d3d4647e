// Checks a parallel plan against its model and chip count: degrees multiply to the chips, layers
// divide into pipeline chunks, heads divide by TP, experts by EP, the global batch into microbatches,
// the schedule's own rules, and the chip's support for the precision. Every failure names the numbers.
#pragma once
#include <vector>

#include "sim/workload/training_plan.hpp"

namespace ascendsim {

// Every problem, each located at the plan key it concerns (empty: the plan is legal).
std::vector<Diagnostic> plan_problems(const TrainingPlan& p);
// Throws InputError listing plan_problems(p), if any.
void check_plan(const TrainingPlan& p);
// Throws InputError at training.precision when the chip has no peak rate for the plan's precision.
void check_precision(const TrainingPlan& p, const Chip& chip);

}  // namespace ascendsim
