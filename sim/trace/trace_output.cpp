#include "sim/trace/trace_output.hpp"

#include <filesystem>

#include "sim/config/input_error.hpp"
#include "sim/trace/chrome_trace_writer.hpp"
#include "sim/trace/csv_trace_writer.hpp"
#include "sim/trace/paje_trace_writer.hpp"
#include "sim/trace/output_guard.hpp"

namespace ascendsim {

std::unique_ptr<TraceWriter> make_trace_writer(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".json") return std::make_unique<ChromeTraceWriter>();
  if (ext == ".paje") return std::make_unique<PajeTraceWriter>();
  if (ext == ".csv") return std::make_unique<CsvTraceWriter>();
  throw InputError(SourceLocation{path, 0, 0}, "--trace-out",
                   "expected a file ending in .json (Chrome/Perfetto), .paje (Paje/ViTE) or .csv, found '" +
                       (ext.empty() ? std::string("no extension") : ext) + "'");
}

void check_trace_file(const std::string& path, const std::string& option, bool force) {
  (void)make_trace_writer(path);
  check_may_write(path, option, force, ForceMeans::ReplaceNamedFile);
}

void write_trace_file(const std::string& path, const Trace& trace, const std::string& option, bool force) {
  const auto writer = make_trace_writer(path);
  write_output_file(path, writer->render(trace), option, force);
}

}  // namespace ascendsim
