// Picks a trace writer from a file name's extension (.json Chrome/Perfetto, .paje Paje, .csv CSV)
// and writes a trace atomically, never over a file ascendsim did not write unless forced. `step`, `train` and `serve --trace FILE` call write_trace_file.
#pragma once
#include <memory>
#include <string>

#include "sim/trace/span.hpp"

namespace ascendsim {

// Throws InputError (key "--trace-out") naming the accepted extensions when `path` has none of them.
std::unique_ptr<TraceWriter> make_trace_writer(const std::string& path);
// Before the work: a known extension, and `path` may be written (check_may_write in output_guard.hpp:
// an existing file ascendsim did not write is refused under `option` unless `force`).
void check_trace_file(const std::string& path, const std::string& option, bool force);
// make_trace_writer(path)->render(trace), written through write_output_file (same refusal).
void write_trace_file(const std::string& path, const Trace& trace, const std::string& option, bool force);

}  // namespace ascendsim
