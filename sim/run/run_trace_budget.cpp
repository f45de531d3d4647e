#include "sim/run/run_trace_budget.hpp"

#include <algorithm>

namespace ascendsim {

void RunTraceBudget::emit(Group& g) {
  if (g.count == 0) return;
  if (g.count > 1) {
    g.span.name = g.span.category + " x" + std::to_string(g.count);
    g.span.attrs = {{"merged_events", std::to_string(g.count)}};
  }
  trace_->add(std::move(g.span));
  g = Group{};
  if (++merged_spans_ % std::max<std::size_t>(1, full_ / 4) == 0) merge_ *= 2;
}

void RunTraceBudget::add(Span s) {
  if (trace_->spans.size() < full_ && open_.empty()) {
    trace_->add(std::move(s));
    return;
  }
  ++merged_events_;
  Group& g = open_[{s.resource, s.category}];
  if (g.count == 0) {
    g.span = std::move(s);
  } else {
    g.span.start_s = std::min(g.span.start_s, s.start_s);
    g.span.end_s = std::max(g.span.end_s, s.end_s);
  }
  if (++g.count >= merge_) emit(g);
}

void RunTraceBudget::flush() {
  for (auto& [key, g] : open_) emit(g);
  open_.clear();
}

}  // namespace ascendsim
