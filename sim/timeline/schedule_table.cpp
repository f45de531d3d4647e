#include "sim/timeline/schedule_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "sim/util/date.hpp"

namespace ascendsim {

namespace {
void appendf(std::string& out, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void appendf(std::string& out, const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  out += buf;
}
}  // namespace

std::string schedule_table_text(const Schedule& s) {
  std::string out;
  std::size_t w = 9;
  for (const auto& n : s.nodes) w = std::max(w, n.name.size());
  const int width = static_cast<int>(w);
  appendf(out, "%-*s  %-10s  %-10s  %-10s  %9s  %-8s  %s\n", width, "milestone", "start", "date", "limit", "slack_d",
          "critical", "set by");
  for (const auto& n : s.nodes) {
    char slack[32] = "n/a";  // no limit: slack does not apply (JSON null, "n/a" in the HTML)
    if (n.slack_days) std::snprintf(slack, sizeof slack, "%+.1f", *n.slack_days);
    const std::string by = n.slid_by.empty() ? n.driver : n.driver + ", slid by " + n.slid_by;
    appendf(out, "%-*s  %-10s  %-10s  %-10s  %9s  %-8s  %s\n", width, n.name.c_str(),
            format_date_floor(n.start_day).c_str(), format_date_floor(n.finish_day).c_str(),
            n.limit_day ? format_date_floor(*n.limit_day).c_str() : "", slack, n.critical ? "yes" : "", by.c_str());
  }
  std::string path;
  for (const auto& p : s.critical_path) path += (path.empty() ? "" : " -> ") + p;
  appendf(out, "critical path: %s\n", path.c_str());
  if (s.margin_days)
    appendf(out, "verdict: %s by %.1f days (worst: %s)\n", s.fits ? "FITS" : "DOES NOT FIT", std::fabs(*s.margin_days),
            s.worst_node.c_str());
  else
    appendf(out, "verdict: FITS (no observed date or deadline to hold)\n");
  return out;
}

}  // namespace ascendsim
