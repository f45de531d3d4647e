// Chrome trace-event JSON (opens in Perfetto and chrome://tracing): one complete "X" event per span
// in microseconds, an instant "i" event per zero-length span, and "M" metadata events naming each
// process (a resource group) and thread (a resource row), and a "C" event per counter point in a
// "counters" process (Perfetto draws one counter track per name and value key). Calendar traces
// (origin_day set) name their t = 0 date in every process name, since Perfetto cannot show calendar
// dates for JSON traces; instants carry the date in their name, spans in args. Format: Google's
// "Trace Event Format" doc.
#pragma once
#include "sim/trace/span.hpp"

namespace ascendsim {

class ChromeTraceWriter : public TraceWriter {
 public:
  std::string render(const Trace& trace) const override;
  const char* extension() const override { return ".json"; }
};

}  // namespace ascendsim
