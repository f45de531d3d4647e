#include "sim/trace/chip_filter.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "sim/config/input_error.hpp"

namespace ascendsim {

namespace {

std::optional<long> parse_long(std::string_view s) {
  long v = 0;
  auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<long> tagged_number(const Span& span, const std::string& tag) {
  for (const auto& [k, v] : span.attrs)
    if (k == tag) return parse_long(v);
  const std::string needle = tag + " ";
  std::size_t at = span.resource.rfind(needle);
  // Must start a word: "supernode 0" is not "node 0".
  while (at != std::string::npos && at > 0 && span.resource[at - 1] != '/' && span.resource[at - 1] != ' ')
    at = at == 0 ? std::string::npos : span.resource.rfind(needle, at - 1);
  if (at == std::string::npos) return std::nullopt;
  std::size_t b = at + needle.size(), e = b;
  while (e < span.resource.size() && span.resource[e] >= '0' && span.resource[e] <= '9') ++e;
  return parse_long(std::string_view(span.resource).substr(b, e - b));
}

}  // namespace

std::optional<long> span_chip(const Span& span) { return tagged_number(span, "chip"); }
std::optional<long> span_node(const Span& span) { return tagged_number(span, "node"); }

ChipSelection parse_chip_selection(const std::string& text, const std::string& option) {
  ChipSelection sel;
  if (text == "all") return sel;
  if (text == "one-per-node") {
    sel.mode = ChipSelection::Mode::one_per_node;
    return sel;
  }
  sel.mode = ChipSelection::Mode::list;
  auto bad = [&](const std::string& part) {
    return InputError(SourceLocation{"<command line>", 0, 0}, option,
                      "expected 'all', 'one-per-node' or a chip list like '0,8,16-23', found '" + text +
                          "' (bad item '" + part + "')");
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t comma = std::min(text.find(',', pos), text.size());
    const std::string part = text.substr(pos, comma - pos);
    const std::size_t dash = part.find('-');
    if (dash == std::string::npos) {
      const auto v = parse_long(part);
      if (!v || *v < 0) throw bad(part);
      sel.chips.push_back(*v);
    } else {
      const auto lo = parse_long(std::string_view(part).substr(0, dash));
      const auto hi = parse_long(std::string_view(part).substr(dash + 1));
      if (!lo || !hi || *lo < 0 || *hi < *lo) throw bad(part);
      for (long c = *lo; c <= *hi; ++c) sel.chips.push_back(c);
    }
    pos = comma + 1;
  }
  std::sort(sel.chips.begin(), sel.chips.end());
  sel.chips.erase(std::unique(sel.chips.begin(), sel.chips.end()), sel.chips.end());
  return sel;
}

Trace select_chips(const Trace& trace, const ChipSelection& selection) {
  if (selection.mode == ChipSelection::Mode::all) return trace;
  std::set<long> keep;
  if (selection.mode == ChipSelection::Mode::list) {
    keep.insert(selection.chips.begin(), selection.chips.end());
  } else {
    std::map<long, long> lowest;  // node -> lowest chip
    for (const auto& s : trace.spans) {
      const auto chip = span_chip(s);
      if (!chip) continue;
      std::optional<long> node = span_node(s);
      if (!node) {
        if (selection.chips_per_node <= 0)
          throw InputError(SourceLocation{"<trace>", 0, 0}, "--trace-chips",
                           "one-per-node needs the node of '" + s.resource +
                               "' (attr \"node\" or a \"node N/chip M\" resource) or chips_per_node");
        node = *chip / selection.chips_per_node;
      }
      auto [it, fresh] = lowest.try_emplace(*node, *chip);
      if (!fresh) it->second = std::min(it->second, *chip);
    }
    for (const auto& [node, chip] : lowest) keep.insert(chip);
  }
  Trace out;
  out.origin_day = trace.origin_day;
  for (const auto& s : trace.spans) {
    const auto chip = span_chip(s);
    if (!chip || keep.count(*chip)) out.spans.push_back(s);
  }
  return out;
}

}  // namespace ascendsim
