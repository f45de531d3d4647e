// Runs one kind = "sft" / "rl" post-training phase through the run level's own event model: its
// units (SFT steps, RL policy updates each with its share of a rollout) take the place of
// pretraining steps in a run of their own on the phase's job, with the pretraining's failure rates,
// checkpoint policy, restart and repair times. Called by the run level at the post-training site.
#pragma once
#include <cstddef>

#include "sim/run/run_model.hpp"

namespace ascendsim {

struct PostTrainingRun {
  PostTrainingOutcome outcome;
  bool never_finishes = false;
  std::string never_reason;
};

// `chips`: the phase's job (its own `chips`, else the pretraining's final job). The phase keeps that
// size: a failure that leaves fewer usable chips waits for the repair. `index` (the phase's place
// in the policy) seeds its own failure stream. Throws std::invalid_argument for an "rl" phase when
// the inputs carry no rollout function.
PostTrainingRun simulate_post_training_work(const RunInputs& in, const PostTrainingPhase& phase, long chips,
                                            std::size_t index);

struct PhaseFleet;  // sim/run/phase_fleet.hpp

// Any post-training phase placed on `chips` of its hardware (`fleet`: nullptr = the pretraining
// job's platform): sft / rl as work (above, on that fleet's steps when it has its own), the
// token-equivalent and chip-hour forms as productive time from the step level stretched by
// `effective_training_ratio` (the pretraining's).
PostTrainingRun run_post_training_phase(const RunInputs& in, const PostTrainingPhase& phase, long chips, std::size_t index,
                                        const PhaseFleet* fleet, double effective_training_ratio);

}  // namespace ascendsim
