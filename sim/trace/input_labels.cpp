#include "sim/trace/input_labels.hpp"

#include <cctype>
#include <vector>

namespace ascendsim {

namespace {

struct Entry {
  std::string_view segment;  // a path's last segment, or last segments ("line_defaults.start")
  std::string_view label;
};

// Inputs named by their own last segment (supply, failures, run policy, step model).
constexpr Entry kNamed[] = {
    {"org_share", "Organisation's share of supply"},
    {"supply.start", "Wafer-start date"},         // canonical path (ascendsim keys)
    {"line_defaults.start", "Wafer-start date"},  // the supply file's own spelling
    {"lead_time", "Fab-to-rack lead time"},
    {"ramp_months", "Ramp to full output"},
    {"wafer_equivalent_per_chip", "Wafers per chip (910C = 1)"},
    {"wafers_per_month", "Wafer starts per month"},
    {"wpm", "Wafer starts per month"},
    {"good_dies_per_wafer", "Good dies per wafer"},
    {"yield", "Yield"},
    {"mfu", "MFU"},
    {"checkpoint_interval", "Checkpoint interval"},
    {"restart_time", "Restart time"},
    {"straggler_slowdown", "Straggler slowdown"},
    {"tokens", "Training tokens"},
};

// Inputs named after the calendar entry they belong to: <entry>.<segment>.
constexpr Entry kOfEntry[] = {
    {"not_before", ""},  // a milestone's earliest date: the milestone's own name ("Work start")
    {"duration", " duration"},
    {"deadline", " deadline"},
    {"observed", " (observed date)"},
};

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  for (std::size_t at = 0;;) {
    const std::size_t dot = path.find('.', at);
    out.push_back(path.substr(at, dot == std::string_view::npos ? std::string_view::npos : dot - at));
    if (dot == std::string_view::npos) return out;
    at = dot + 1;
  }
}

bool is_index(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "work-start" -> "Work start", "sft_rl" -> "Sft rl".
std::string humanize(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c == '-' || c == '_') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace

std::string input_display_name(std::string_view key_path) {
  const auto seg = split(key_path);
  const std::string_view last = seg.back();
  if (seg.size() >= 2) {
    const std::string_view entry = seg[seg.size() - 2];
    for (const auto& e : kOfEntry)
      if (last == e.segment) {
        // An index ("milestones.0") names no entry: the path is clearer than a made-up name.
        if (is_index(entry)) return std::string(key_path);
        return humanize(entry) + std::string(e.label);
      }
  }
  for (const auto& e : kNamed) {
    const std::size_t n = e.segment.size();
    if (key_path.size() >= n && key_path.substr(key_path.size() - n) == e.segment &&
        (key_path.size() == n || key_path[key_path.size() - n - 1] == '.'))
      return std::string(e.label);
  }
  return std::string(key_path);
}

}  // namespace ascendsim
