// Paje trace (SimGrid's native trace format; read by pajeng's pj_dump and by ViTE): a header of
// %EventDef blocks, then container types (root > group > row), one state type per span category,
// one event type for instants, containers, push/pop states and new events in time order.
#pragma once
#include "sim/trace/span.hpp"

namespace ascendsim {

class PajeTraceWriter : public TraceWriter {
 public:
  // Spans of one category on one row must nest or be disjoint for a Paje state stack; a span that
  // overlaps without nesting goes to an extra row "<row> #2", "#3", ... (first-fit, in start order).
  std::string render(const Trace& trace) const override;
  const char* extension() const override { return ".paje"; }
};

}  // namespace ascendsim
