// The calendar as input: phases (with a duration) and milestones (zero duration) joined by
// finish-to-start dependencies with optional lags, earliest-start constraints, observed dates and
// deadlines, blackout windows a milestone cannot fall in (the Two Sessions, 2026-03-04..03-12),
// and a publication window. Durations may be numbers, distributions, or computed by a callback.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/config/input_error.hpp"
#include "sim/config/param.hpp"
#include "sim/config/toml_reader.hpp"

namespace ascendsim {

struct TimelineDependency {
  std::string node;  // predecessor: this node starts after it finishes
  Param lag_s{0.0};  // extra wait after the predecessor finishes (seconds; may be negative)
  SourceLocation where;  // of the `after` entry, for located errors
};

struct TimelineNode {
  std::string name;
  bool milestone = false;            // zero duration
  Param duration_s{0.0};             // phases: duration in seconds (ignored when computed)
  bool computed = false;             // duration comes from the DurationFn callback (run level)
  std::vector<TimelineDependency> after;
  std::optional<Param> not_before_day;  // earliest start (days since 1970-01-01), e.g. hardware ready
  std::optional<long> observed_day;     // milestone seen on this day (must be reached by then)
  std::optional<long> deadline_day;     // must be reached by this day
  SourceLocation where;                 // for located errors
  std::string key_path;                 // "calendar.milestones.2"
};

// A window of whole days [first_day, last_day] inside which the listed nodes cannot start; a node
// that would start inside it slides to last_day + 1 (the first day after the window).
struct BlackoutWindow {
  std::string name;
  long first_day = 0;
  long last_day = 0;
  std::vector<std::string> applies_to;
};

// Where a launch may happen: the launch milestone starts no earlier than opens_day and, when
// closes_day is given, must be reached by it (a deadline).
struct PublicationWindow {
  std::string milestone;
  long opens_day = 0;
  std::optional<long> closes_day;
};

struct TimelineGraph {
  std::vector<TimelineNode> nodes;   // in file order: phases first, then milestones
  std::vector<BlackoutWindow> blackouts;
  std::optional<PublicationWindow> publication;
  std::string final_milestone;       // the node whose date the sensitivity ranks (default: latest)
  std::string launch_ready;          // its deadline defaults to the last day of the blackout windows
  std::string file;                  // for located errors raised while scheduling

  const TimelineNode* find(const std::string& name) const;
};

// Reads a calendar section (the [calendar] table of a kind = "timeline" file or of a scenario):
//   final = "launch"                 launch_ready = "ready-to-launch"
//   [[calendar.phases]]     name, duration = "45d" | computed = true, after = [...],
//                           lag = { pred = "2d" }, not_before = date-param, deadline = date
//   [[calendar.milestones]] name, after, lag, not_before, observed = date, deadline = date
//   [[calendar.blackouts]]  name, first = date, last = date, applies_to = [...]
//   [calendar.publication]  milestone, opens = date, closes = date (optional)
// Dependencies and cycles are checked here (located InputError naming the cycle or the name).
TimelineGraph load_timeline_graph(const Section& calendar);
// A whole kind = "timeline" file (its [calendar] section).
TimelineGraph load_timeline_file(const std::string& path, std::vector<Override>* overrides = nullptr);

// Throws a located InputError when a dependency names no node or the graph has a cycle
// (the message lists the cycle: "a -> b -> c -> a"). Called by the loader and by schedule_timeline.
void check_timeline_graph(const TimelineGraph& g);

// The problems check_timeline_graph would throw, without throwing: node index, key, message.
struct TimelineProblem {
  std::size_t node = 0;
  std::string key;  // "after", "not_before", ...
  std::string message;
};
std::vector<TimelineProblem> find_timeline_problems(const TimelineGraph& g);

}  // namespace ascendsim
