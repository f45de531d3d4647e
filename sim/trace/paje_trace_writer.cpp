#include "sim/trace/paje_trace_writer.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "sim/trace/trace_rows.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

namespace {

// Event ids and field lists follow SimGrid's Paje output (src/instr/instr_paje_header.cpp).
const char* const kHeader =
    "%EventDef PajeDefineContainerType 0\n%       Alias string\n%       Type string\n%       Name string\n%EndEventDef\n"
    "%EventDef PajeDefineStateType 2\n%       Alias string\n%       Type string\n%       Name string\n%EndEventDef\n"
    "%EventDef PajeDefineEventType 3\n%       Alias string\n%       Type string\n%       Name string\n%EndEventDef\n"
    "%EventDef PajeDefineEntityValue 5\n%       Alias string\n%       Type string\n%       Name string\n%       Color color\n%EndEventDef\n"
    "%EventDef PajeCreateContainer 6\n%       Time date\n%       Alias string\n%       Type string\n%       Container string\n%       Name string\n%EndEventDef\n"
    "%EventDef PajeDestroyContainer 7\n%       Time date\n%       Type string\n%       Name string\n%EndEventDef\n"
    "%EventDef PajeSetState 10\n%       Time date\n%       Type string\n%       Container string\n%       Value string\n%EndEventDef\n"
    "%EventDef PajePushState 11\n%       Time date\n%       Type string\n%       Container string\n%       Value string\n%EndEventDef\n"
    "%EventDef PajePopState 12\n%       Time date\n%       Type string\n%       Container string\n%EndEventDef\n"
    "%EventDef PajeNewEvent 17\n%       Time date\n%       Type string\n%       Container string\n%       Value string\n%EndEventDef\n";

// Paje strings are double-quoted with no escape syntax: quotes and line breaks cannot appear.
std::string q(const std::string& text) {
  std::string out = "\"";
  for (char c : text) out += (c == '"') ? '\'' : (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  return out + "\"";
}

// Fixed palette (RGB in 0..1, Paje's colour syntax), assigned to categories in appearance order.
const char* const kColors[] = {"0.12 0.47 0.71", "1.0 0.50 0.05", "0.17 0.63 0.17", "0.84 0.15 0.16",
                               "0.58 0.40 0.74", "0.55 0.34 0.29", "0.89 0.47 0.76", "0.50 0.50 0.50",
                               "0.74 0.74 0.13", "0.09 0.75 0.81"};

struct Timed {
  double time;
  std::string line;
};

}  // namespace

std::string PajeTraceWriter::render(const Trace& trace) const {
  const RowIndex rows = index_rows(trace);
  // Categories -> state types, in first-appearance order.
  std::map<std::string, int> cat_index;
  std::vector<std::string> cats;
  for (const auto& s : trace.spans)
    if (!s.instant() && cat_index.try_emplace(s.category, static_cast<int>(cats.size())).second) cats.push_back(s.category);

  // Lane assignment per (group,row,category): first lane whose open stack admits the span.
  std::vector<int> order(trace.spans.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const Span &x = trace.spans[a], &y = trace.spans[b];
    if (x.start_s != y.start_s) return x.start_s < y.start_s;
    return x.end_s > y.end_s;  // outer span first when two start together
  });
  struct LaneState { std::vector<double> open_ends; };
  std::map<std::tuple<int, int, int>, std::vector<LaneState>> lanes;
  std::vector<int> lane_of(trace.spans.size(), 0);
  std::map<std::pair<int, int>, int> lane_count;  // (group,row) -> lanes needed
  for (int i : order) {
    const Span& s = trace.spans[i];
    const auto [g, r] = rows.span_rows[i];
    if (s.instant()) continue;
    auto& ls = lanes[{g, r, cat_index[s.category]}];
    int chosen = -1;
    for (std::size_t l = 0; l < ls.size() && chosen < 0; ++l) {
      auto& st = ls[l].open_ends;
      while (!st.empty() && st.back() <= s.start_s) st.pop_back();
      if (st.empty() || st.back() >= s.end_s) chosen = static_cast<int>(l);
    }
    if (chosen < 0) {
      chosen = static_cast<int>(ls.size());
      ls.emplace_back();
    }
    ls[chosen].open_ends.push_back(s.end_s);
    lane_of[i] = chosen;
    int& n = lane_count[{g, r}];
    n = std::max(n, chosen + 1);
  }

  double t_end = 0;
  for (const auto& s : trace.spans) t_end = std::max(t_end, s.end_s);
  double t_begin = 0;
  for (const auto& s : trace.spans) t_begin = std::min(t_begin, s.start_s);

  std::string out;
  out += "# ascendsim trace: Paje format (pajeng pj_dump, ViTE). Times in seconds";
  if (trace.origin_day) out += "; time 0 = " + format_date(*trace.origin_day) + " 00:00";
  out += "\n";
  out += kHeader;
  out += "0 CT_G 0 \"group\"\n0 CT_R CT_G \"row\"\n";
  for (std::size_t c = 0; c < cats.size(); ++c) out += "2 ST" + std::to_string(c) + " CT_R " + q(cats[c]) + "\n";
  out += "3 ET CT_R \"instant\"\n";
  const std::string t0 = format_double(t_begin);
  auto cont = [](std::size_t g, std::size_t r, int lane) {
    return "C" + std::to_string(g) + "_" + std::to_string(r) + "_" + std::to_string(lane);
  };
  for (std::size_t g = 0; g < rows.groups.size(); ++g) {
    out += "6 " + t0 + " G" + std::to_string(g) + " CT_G 0 " + q(rows.groups[g].name) + "\n";
    for (std::size_t r = 0; r < rows.groups[g].rows.size(); ++r) {
      const int n = std::max(1, lane_count[{static_cast<int>(g), static_cast<int>(r)}]);
      for (int l = 0; l < n; ++l) {
        std::string name = rows.groups[g].rows[r];
        if (l > 0) name += " #" + std::to_string(l + 1);
        out += "6 " + t0 + " " + cont(g, r, l) + " CT_R G" + std::to_string(g) + " " + q(name) + "\n";
      }
    }
  }
  // Entity values: declared per category for the span names seen, so viewers colour by category.
  // Aliases are "V<n>" (unique across state types); pushes refer to the alias, as SimGrid does.
  std::map<std::pair<int, std::string>, std::string> value_alias;
  for (const auto& s : trace.spans) {
    if (s.instant()) continue;
    const int c = cat_index[s.category];
    auto [it, fresh] = value_alias.try_emplace({c, s.name}, "V" + std::to_string(value_alias.size() + 1));
    if (fresh) out += "5 " + it->second + " ST" + std::to_string(c) + " " + q(s.name) + " \"" + kColors[c % 10] + "\"\n";
  }

  // Per span a push and a pop (or one new event), then a stable sort by time. Within one time, pops
  // come before pushes so back-to-back spans on one lane never overlap; among pushes at one time the
  // outer span (sorted first above) is pushed first; among pops the inner (later pushed) pops first.
  std::vector<Timed> events;
  std::vector<Timed> pops, pushes;
  for (int i : order) {
    const Span& s = trace.spans[i];
    const auto [g, r] = rows.span_rows[i];
    if (s.instant()) {
      std::string value = s.name;
      if (trace.origin_day) value += " (" + date_at(*trace.origin_day, s.start_s) + ")";
      pushes.push_back({s.start_s, "17 " + format_double(s.start_s) + " ET " + cont(g, r, 0) + " " + q(value) + "\n"});
      continue;
    }
    const int ci = cat_index[s.category];
    const std::string type = "ST" + std::to_string(ci);
    const std::string c = cont(g, r, lane_of[i]);
    const std::string& value = value_alias[{ci, s.name}];
    pushes.push_back({s.start_s, "11 " + format_double(s.start_s) + " " + type + " " + c + " " + value + "\n"});
    pops.push_back({s.end_s, "12 " + format_double(s.end_s) + " " + type + " " + c + "\n"});
  }
  // Pops: later-pushed first among equal end times (reverse of push order).
  std::reverse(pops.begin(), pops.end());
  std::stable_sort(pops.begin(), pops.end(), [](const Timed& a, const Timed& b) { return a.time < b.time; });
  events.reserve(pops.size() + pushes.size());
  std::size_t p = 0, u = 0;
  while (p < pops.size() || u < pushes.size()) {
    if (u == pushes.size() || (p < pops.size() && pops[p].time <= pushes[u].time)) events.push_back(std::move(pops[p++]));
    else events.push_back(std::move(pushes[u++]));
  }
  for (const auto& e : events) out += e.line;
  const std::string te = format_double(t_end);
  for (std::size_t g = rows.groups.size(); g-- > 0;) {
    for (std::size_t r = rows.groups[g].rows.size(); r-- > 0;) {
      const int n = std::max(1, lane_count[{static_cast<int>(g), static_cast<int>(r)}]);
      for (int l = n; l-- > 0;) out += "7 " + te + " CT_R " + cont(g, r, l) + "\n";
    }
    out += "7 " + te + " CT_G G" + std::to_string(g) + "\n";
  }
  return out;
}

}  // namespace ascendsim
