// Inputs that another input overrules: a milestone or phase whose `not_before` date is later-bound
// by what it comes after (the work start set to 2025-11-15 but hardware ready on 2025-11-27), so
// the date the user gave is not the date used. `run` prints each as a warning on stderr.
#pragma once
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/timeline/calendar.hpp"

namespace ascendsim {

// One line per clamped input, e.g. "calendar.milestones.work-start.not_before = 2025-11-15 is
// overruled by hardware-ready (2025-11-27): work-start is on 2025-11-27".
std::vector<std::string> input_clamps(const Scenario& s, const Schedule& nominal);

// The canonical path of the work start (`not_before` of the node the pretraining phase follows),
// what `run --start DATE` sets; throws InputError when the phase does not follow exactly one node.
std::string work_start_path(const Scenario& s);

}  // namespace ascendsim
