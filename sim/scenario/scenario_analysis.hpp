// Everything `ascendsim run` computes for a scenario: the deterministic evaluation (every input at
// its nominal value, the scenario's seed for the failure stream), and when asked for, seeded Monte
// Carlo draws (probability of fitting, milestone date percentiles), the one-at-a-time sensitivity
// of the final milestone (tornado), and inverse questions answered by bisection.
#pragma once
#include <optional>
#include <vector>

#include "sim/scenario/scenario_run.hpp"
#include "sim/timeline/montecarlo.hpp"
#include "sim/timeline/sensitivity.hpp"

namespace ascendsim {

struct AnalysisOptions {
  long draws = 0;           // Monte Carlo draws (0: none)
  unsigned threads = 1;     // the result does not depend on it
  bool sensitivity = false;
  bool inverse = true;      // answer the scenario's [[inverse]] questions
  // Progress of draws, sensitivity and bisection goes through sim/util/progress.hpp.
};

struct InverseAnswer {
  InverseQuestion question;
  BoundaryResult boundary;
};

struct ScenarioAnalysis {
  ScenarioOutcome nominal;
  std::vector<DrawResult> draws;          // in draw order
  std::optional<SweepSummary> montecarlo;
  std::optional<SensitivityResult> sensitivity;
  std::vector<InverseAnswer> inverse;
  std::uint64_t seed = 0;
};

// The run-level seed of Monte Carlo draw k, derived from the draw's own stream.
std::uint64_t draw_run_seed(Rng& draw_rng);

ScenarioAnalysis analyse_scenario(const Scenario& s, StepProvider& steps, const AnalysisOptions& options);

}  // namespace ascendsim
