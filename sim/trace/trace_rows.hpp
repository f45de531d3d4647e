// How a span's resource string maps to a process (group) and a thread (row) in trace viewers, plus
// the shared number and date formatting every writer uses. Rules are documented in
// docs/trace-report.md; the order of groups and rows is the order they first appear in the trace.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace/span.hpp"

namespace ascendsim {

// A resource's place in a viewer: `group` is the process (Perfetto) / top container (Paje),
// `row` the thread / leaf container. Rules, first that applies:
//   1. attr "group" on the span            -> group = that value, row = resource
//   2. resource "A/B" (split at the last /) -> group = "A",        row = "B"
//   3. otherwise                            -> group = leading word of resource ("chip 17" -> "chip",
//                                              "phase pretraining" -> "phase"), row = resource
struct RowKey {
  std::string group;
  std::string row;
};
RowKey row_key(const Span& span);

// Groups and rows numbered in first-appearance order (1-based, as trace viewers expect).
struct RowIndex {
  struct Group {
    std::string name;
    std::vector<std::string> rows;
  };
  std::vector<Group> groups;
  // Per span of the trace it was built from: (group index, row index), both 0-based.
  std::vector<std::pair<int, int>> span_rows;
};
RowIndex index_rows(const Trace& trace);

// Shortest decimal text that reads back to exactly `value` ("0.1", "1e-06", "3600").
std::string format_double(double value);
// For calendar traces: the date (YYYY-MM-DD) that contains `seconds` after the origin day.
std::string date_at(long origin_day, double seconds);

}  // namespace ascendsim
