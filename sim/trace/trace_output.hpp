// Picks a trace writer from a file name's extension (.json Chrome/Perfetto, .paje Paje, .csv CSV)
// and writes a trace atomically. `step`, `train` and `serve --trace FILE` call write_trace_file.
#pragma once
#include <memory>
#include <string>

#include "sim/trace/span.hpp"

namespace ascendsim {

// Throws InputError (key "--trace-out") naming the accepted extensions when `path` has none of them.
std::unique_ptr<TraceWriter> make_trace_writer(const std::string& path);
// make_trace_writer(path)->render(trace), written through write_file_atomic.
void write_trace_file(const std::string& path, const Trace& trace);

}  // namespace ascendsim
