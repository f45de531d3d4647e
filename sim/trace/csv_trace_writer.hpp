// CSV trace for pandas or a spreadsheet (RFC 4180 quoting): header
// resource,category,name,start_s,end_s[,start_date,end_date],<one column per attr key>, one span per
// line. Attr columns appear in first-appearance order; an empty cell means the span lacks that attr.
#pragma once
#include <string_view>

#include "sim/trace/span.hpp"

namespace ascendsim {

class CsvTraceWriter : public TraceWriter {
 public:
  std::string render(const Trace& trace) const override;
  const char* extension() const override { return ".csv"; }
};

// Reads a file written by CsvTraceWriter back (for tests and tools). Attrs come back in column
// order, empty cells dropped; origin_day is recovered from the date columns when present.
// Throws InputError (file "<csv>", line = record number) on a malformed file.
Trace read_trace_csv(std::string_view text);

}  // namespace ascendsim
