// Schedules the milestone graph: earliest start and finish of every node (forward pass in
// Boost.Graph topological order), blackout sliding, slack against observed dates and deadlines
// (negative = late), the critical path to the final milestone, and the verdict (fits or not, by
// the worst slack in days). Durations come from the graph's Params or from a callback.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/param_sampler.hpp"
#include "sim/timeline/timeline_graph.hpp"

namespace ascendsim {

// Duration in days of a node marked `computed`, given the day it starts (fractional days since
// 1970-01-01). The run level plugs in here (pretraining on the fleet available at its start).
using DurationFn = std::function<double(const TimelineNode& node, double start_day)>;

struct ScheduledNode {
  std::string name;
  bool milestone = false;
  double start_day = 0;         // earliest start (days since 1970-01-01, fractional)
  double finish_day = 0;        // start + duration (= start for a milestone)
  double duration_days = 0;
  std::string driver;           // what set the start: "after:NAME", "not_before", "publication"
  std::string slid_by;          // blackout window that pushed the start, if any
  std::optional<double> limit_day;  // observed date or deadline the finish is held to
  std::string limit_kind;           // "observed", "deadline", "blackout-end" (launch-ready), "publication"
  std::optional<double> slack_days; // limit - finish; negative = late
  bool critical = false;
};

struct Schedule {
  std::vector<ScheduledNode> nodes;        // in the graph's order
  std::vector<std::string> critical_path;  // earliest first, ending at the final milestone
  std::string final_milestone;
  double final_day = 0;
  bool fits = true;                        // every limited node has slack >= 0
  std::optional<double> margin_days;       // the worst slack (absent when nothing is limited)
  std::string worst_node;                  // the node with the worst slack
  const ScheduledNode* find(const std::string& name) const;
};

// Throws a located InputError for graph errors (cycle, unknown dependency), for a computed node
// without a callback, and for a negative duration.
Schedule schedule_timeline(const TimelineGraph& g, ParamSampler& values, const DurationFn& computed = {});

}  // namespace ascendsim
