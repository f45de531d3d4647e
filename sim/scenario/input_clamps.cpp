#include "sim/scenario/input_clamps.hpp"

#include <cmath>

#include "sim/util/date.hpp"

namespace ascendsim {

std::vector<std::string> input_clamps(const Scenario& s, const Schedule& nominal) {
  std::vector<std::string> out;
  for (const TimelineNode& n : s.calendar.nodes) {
    if (!n.not_before_day) continue;
    const ScheduledNode* sn = nominal.find(n.name);
    if (!sn || sn->driver.rfind("after:", 0) != 0) continue;
    const double wanted = n.not_before_day->nominal;
    if (!(sn->start_day > wanted + 1e-9)) continue;
    const std::string by = sn->driver.substr(6);
    const std::string path = n.not_before_day->key_path.empty() ? n.name + ".not_before" : n.not_before_day->key_path;
    out.push_back(path + " = " + format_date(std::lround(std::floor(wanted))) + " is overruled by " + by + " (" +
                  format_date_floor(sn->start_day) + "): " + n.name + " is on " + format_date_floor(sn->start_day));
  }
  return out;
}

std::string work_start_path(const Scenario& s) {
  const TimelineNode* p = s.calendar.find(s.pretraining_phase);
  const TimelineNode* m = p && p->after.size() == 1 ? s.calendar.find(p->after.front().node) : nullptr;
  if (!m)
    throw InputError(SourceLocation{"--start", 0, 0}, "",
                     "the phase \"" + s.pretraining_phase + "\" of " + s.file +
                         " does not follow exactly one milestone; set its start with --set calendar.milestones.NAME.not_before=DATE");
  return std::string("calendar.") + (m->milestone ? "milestones." : "phases.") + m->name + ".not_before";
}

}  // namespace ascendsim
