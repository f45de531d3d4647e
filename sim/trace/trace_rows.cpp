#include "sim/trace/trace_rows.hpp"

#include <charconv>
#include <cmath>
#include <map>

#include "sim/util/date.hpp"

namespace ascendsim {

RowKey row_key(const Span& span) {
  for (const auto& [k, v] : span.attrs)
    if (k == "group") return {v, span.resource};
  const auto slash = span.resource.rfind('/');
  if (slash != std::string::npos) return {span.resource.substr(0, slash), span.resource.substr(slash + 1)};
  std::size_t end = 0;
  while (end < span.resource.size() && span.resource[end] != ' ' &&
         !(span.resource[end] >= '0' && span.resource[end] <= '9'))
    ++end;
  std::string group = span.resource.substr(0, end);
  if (group.empty()) group = span.resource.empty() ? std::string("(none)") : span.resource;
  return {group, span.resource};
}

RowIndex index_rows(const Trace& trace) {
  RowIndex out;
  std::map<std::string, int> group_of;
  std::vector<std::map<std::string, int>> row_of;
  out.span_rows.reserve(trace.spans.size());
  for (const auto& s : trace.spans) {
    RowKey key = row_key(s);
    auto [g, new_group] = group_of.try_emplace(key.group, static_cast<int>(out.groups.size()));
    if (new_group) {
      out.groups.push_back({key.group, {}});
      row_of.emplace_back();
    }
    const int gi = g->second;
    auto [r, new_row] = row_of[gi].try_emplace(key.row, static_cast<int>(out.groups[gi].rows.size()));
    if (new_row) out.groups[gi].rows.push_back(key.row);
    out.span_rows.emplace_back(gi, r->second);
  }
  return out;
}

std::string format_double(double value) {
  if (value == 0) return "0";  // also folds -0
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, res.ptr);
}

std::string date_at(long origin_day, double seconds) {
  return format_date_floor(static_cast<double>(origin_day) + seconds / 86400.0);
}

}  // namespace ascendsim
