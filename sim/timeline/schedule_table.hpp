// The verdict table every command prints for a schedule: milestone, start, date, limit (observed
// date or deadline), slack, critical, and what set the date; then the critical path and verdict.
#pragma once
#include <string>

#include "sim/timeline/calendar.hpp"

namespace ascendsim {

std::string schedule_table_text(const Schedule& s);

}  // namespace ascendsim
