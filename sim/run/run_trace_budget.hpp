// Bounded run traces. A run with millions of failures must not keep every span (4.47 M
// interruptions once took 7.4 GB): the run's statistics are counters in RunResult, and the trace
// keeps the first kFullSpans spans as they are; after that, spans of one (resource, category) are
// merged into one span per group of `merge` consecutive events ("failure x64"), and the group size
// doubles each time another kFullSpans/4 merged spans have been written. A run under the limit
// (every shipped scenario) gets exactly the spans it always had.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <utility>

#include "sim/trace/span.hpp"

namespace ascendsim {

class RunTraceBudget {
 public:
  static constexpr std::size_t kFullSpans = 200'000;
  explicit RunTraceBudget(Trace* trace, std::size_t full_spans = kFullSpans) : trace_(trace), full_(full_spans) {}
  void add(Span s);
  // Writes the groups still open (call once, when the run ends).
  void flush();
  std::size_t merged_events() const { return merged_events_; }

 private:
  struct Group {
    Span span;
    std::size_t count = 0;
  };
  void emit(Group& g);
  Trace* trace_;
  std::size_t full_;
  std::size_t merge_ = 64, merged_spans_ = 0, merged_events_ = 0;
  std::map<std::pair<std::string, std::string>, Group> open_;
};

}  // namespace ascendsim
