// Chrome trace-event JSON (opens in Perfetto and chrome://tracing): one complete "X" event per span
// in microseconds, an instant "i" event per zero-length span, and "M" metadata events naming each
// process (a resource group) and thread (a resource row). Format: Google's "Trace Event Format" doc.
#pragma once
#include "sim/trace/span.hpp"

namespace ascendsim {

class ChromeTraceWriter : public TraceWriter {
 public:
  std::string render(const Trace& trace) const override;
  const char* extension() const override { return ".json"; }
};

}  // namespace ascendsim
