// The outputs of one evaluated draw that evidence can name, and the likelihood of an observation
// given them (pure: no simulation). Output names:
//   milestones.NAME            the milestone's date (days since 1970-01-01)
//   pretraining.duration_days  wait for chips + training
//   pretraining.job_chips      the job size training started with
//   fleet.usable_chips         usable chips on the observation's `on` date (the supply model's fleet)
//   inputs.KEY                 a sampled input by its key path (base unit: days for dates, fractions)
//   alternative                the alternative scenario the draw took (a name)
//   pretraining.chip           the chip type pretraining ran on (a catalogue name)
//   training.ascend_used       "yes" when pretraining or any post-training phase ran on an Ascend
//                              chip (a phase's own hardware counts), else "no"
#pragma once
#include <map>
#include <string>
#include <vector>

#include "sim/infer/evidence.hpp"

namespace ascendsim {

struct DrawOutputs {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> labels;
  std::vector<std::pair<long, long>> fleet;  // (day, usable chips) steps, by day
};

// Usable chips on `day`: the last step at or before it (0 before the first).
long fleet_on(const DrawOutputs& d, long day);

// P(observation | outputs) up to a constant factor shared by every draw. Throws InputError at the
// observation's output key when the draw has no such output (the message lists the names there are).
double observation_likelihood(const Observation& o, const DrawOutputs& d);

// The product over every observation.
double evidence_likelihood(const Evidence& e, const DrawOutputs& d);

}  // namespace ascendsim
