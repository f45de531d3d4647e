#include "sim/trace/chrome_trace_writer.hpp"

#include <nlohmann/json.hpp>

#include "sim/trace/trace_rows.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

namespace {

// One event per line keeps a multi-gigabyte step trace greppable and streamable.
void emit(std::string& out, bool& first, const nlohmann::ordered_json& ev) {
  out += first ? "\n" : ",\n";
  first = false;
  out += ev.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::ordered_json meta(const char* what, int pid, int tid, const nlohmann::ordered_json& args) {
  nlohmann::ordered_json ev;
  ev["ph"] = "M";
  ev["name"] = what;
  ev["ts"] = 0;
  ev["pid"] = pid;
  ev["tid"] = tid;
  ev["args"] = args;
  return ev;
}

}  // namespace

std::string ChromeTraceWriter::render(const Trace& trace) const {
  const RowIndex rows = index_rows(trace);
  std::string out = "{\"displayTimeUnit\":\"ms\",";
  if (trace.origin_day) out += "\"otherData\":{\"origin_date\":\"" + format_date(*trace.origin_day) + "\"},";
  out += "\"traceEvents\":[";
  bool first = true;
  // Perfetto shows JSON times from the trace's start ("4d 2h"), with no way to show calendar dates
  // (it needs a protobuf clock snapshot for that): calendar traces name t = 0 in every process.
  const std::string origin_note = trace.origin_day ? " (t=0 is " + format_date(*trace.origin_day) + " 00:00 UTC)" : "";
  for (std::size_t g = 0; g < rows.groups.size(); ++g) {
    const int pid = static_cast<int>(g) + 1;
    emit(out, first, meta("process_name", pid, 0, {{"name", rows.groups[g].name + origin_note}}));
    emit(out, first, meta("process_sort_index", pid, 0, {{"sort_index", pid}}));
    for (std::size_t r = 0; r < rows.groups[g].rows.size(); ++r) {
      const int tid = static_cast<int>(r) + 1;
      emit(out, first, meta("thread_name", pid, tid, {{"name", rows.groups[g].rows[r]}}));
      emit(out, first, meta("thread_sort_index", pid, tid, {{"sort_index", tid}}));
    }
  }
  for (std::size_t i = 0; i < trace.spans.size(); ++i) {
    const Span& s = trace.spans[i];
    nlohmann::ordered_json ev;
    ev["name"] = s.name;
    if (trace.origin_day && s.instant()) ev["name"] = s.name + " (" + date_at(*trace.origin_day, s.start_s) + ")";
    ev["cat"] = s.category;
    ev["ph"] = s.instant() ? "i" : "X";
    ev["ts"] = s.start_s * 1e6;
    if (!s.instant()) ev["dur"] = (s.end_s - s.start_s) * 1e6;
    else ev["s"] = "t";  // thread-scoped instant: drawn on the resource's own row
    ev["pid"] = rows.span_rows[i].first + 1;
    ev["tid"] = rows.span_rows[i].second + 1;
    nlohmann::ordered_json args = nlohmann::ordered_json::object();
    args["resource"] = s.resource;
    if (trace.origin_day) {
      args["start_date"] = date_at(*trace.origin_day, s.start_s);
      if (!s.instant()) args["end_date"] = date_at(*trace.origin_day, s.end_s);
    }
    for (const auto& [k, v] : s.attrs) args[k] = v;
    ev["args"] = args;
    emit(out, first, ev);
  }
  // Counter tracks in one more process, after every span group.
  const int counter_pid = static_cast<int>(rows.groups.size()) + 1;
  if (!trace.counters.empty()) {
    emit(out, first, meta("process_name", counter_pid, 0, {{"name", "counters" + origin_note}}));
    emit(out, first, meta("process_sort_index", counter_pid, 0, {{"sort_index", counter_pid}}));
  }
  for (const Counter& c : trace.counters)
    for (const auto& [t_s, value] : c.points) {
      nlohmann::ordered_json ev;
      ev["name"] = c.name;
      ev["ph"] = "C";
      ev["ts"] = t_s * 1e6;
      ev["pid"] = counter_pid;
      ev["tid"] = 0;
      ev["args"] = {{c.series, value}};
      emit(out, first, ev);
    }
  out += "\n]}\n";
  return out;
}

}  // namespace ascendsim
