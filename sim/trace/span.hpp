// The one trace record every level emits (DESIGN.md): {resource, category, name, start_s, end_s,
// attrs}. A span with start_s == end_s is an instant (a failure, a milestone). Writers turn a Trace
// into Chrome/Perfetto JSON, Paje, CSV or HTML and never reach into simulator state.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ascendsim {

struct Span {
  std::string resource;  // row: "chip 17", "node 3", "phase pretraining", "supernode 0"
  std::string category;  // "compute", "comm.tp", "checkpoint", "failure", "milestone", ...
  std::string name;
  double start_s = 0;
  double end_s = 0;
  std::vector<std::pair<std::string, std::string>> attrs;
  bool instant() const { return end_s == start_s; }
};

// A counter track (Chrome trace "ph":"C", a Perfetto counter track): a step series whose value holds
// from each point's time until the next. Track `name` ("supply"), value `series` ("usable_chips").
struct Counter {
  std::string name;
  std::string series;
  std::vector<std::pair<double, double>> points;  // (time_s, value), time ascending
};

struct Trace {
  std::vector<Span> spans;
  std::vector<Counter> counters;
  // Calendar-level traces: time zero is this date (days since 1970-01-01); writers show dates.
  std::optional<long> origin_day;
  void add(Span s) { spans.push_back(std::move(s)); }
  void append(const Trace& other) {
    spans.insert(spans.end(), other.spans.begin(), other.spans.end());
    counters.insert(counters.end(), other.counters.begin(), other.counters.end());
  }
};

class TraceWriter {
 public:
  virtual ~TraceWriter() = default;
  virtual std::string render(const Trace& trace) const = 0;
  virtual const char* extension() const = 0;  // ".json", ".paje", ".csv"
};

}  // namespace ascendsim
