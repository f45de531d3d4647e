// Chip selection for big step traces: a full step of thousands of chips is gigabytes, so the user
// keeps all chips, one chip per node, or a list. A pure function over spans; spans on rows that are
// not chips (node, supernode, phase, link) are always kept.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sim/trace/span.hpp"

namespace ascendsim {

struct ChipSelection {
  enum class Mode { all, one_per_node, list };
  Mode mode = Mode::all;
  std::vector<long> chips;   // Mode::list: chip ids to keep
  int chips_per_node = 0;    // Mode::one_per_node when a span names no node: node = chip / chips_per_node
};

// "all", "one-per-node", or a list "0,8,16-23" (ranges inclusive). Throws InputError (key
// `option`, e.g. "--trace-chips") on anything else.
ChipSelection parse_chip_selection(const std::string& text, const std::string& option = "--trace-chips");

// The chip a span sits on: attr "chip" if present, else the number after the last "chip " in the
// resource ("node 3/chip 17" -> 17); nullopt for non-chip rows.
std::optional<long> span_chip(const Span& span);
// The node a span sits on: attr "node", else the number after "node " in the resource.
std::optional<long> span_node(const Span& span);

// Keeps the selected chips' spans (one_per_node keeps the lowest chip id seen on each node).
// Throws InputError for one_per_node when a chip span names no node and chips_per_node is 0.
Trace select_chips(const Trace& trace, const ChipSelection& selection);

}  // namespace ascendsim
