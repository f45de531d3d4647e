// The per-draw table of a Monte Carlo run (`run --per-draw FILE`): one row per draw with the draw
// index, the verdict (fits, bool), the margin (margin_days, number), every sampled input by its key
// path (typed: numbers in the base unit named by the column's suffix, dates as ISO strings), and
// every milestone's date (ISO). The same columns as CSV (pandas.read_csv) or as a JSON array of
// flat records (pandas.read_json), so neither needs converters. Column names:
//   draw, fits, margin_days, <key path>[_s|_B|_Bps|_flops], date:<milestone>
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/timeline/montecarlo.hpp"

namespace ascendsim {

// The column of a sampled input: its key path, with the base unit appended for dimensioned values.
std::string draw_input_column(const DrawInput& in);

std::string render_draws_csv(const std::vector<DrawResult>& draws);
std::string render_draws_json(const std::vector<DrawResult>& draws);

// Flat records with the same keys in the same order in every row, as the per-draw CSV (header from
// the first row; numbers with round-trip precision, booleans true/false, null an empty cell) or as
// a JSON array. `sweep --per-draw` renders its rows with these, so both commands write one format.
std::string render_records_csv(const std::vector<nlohmann::ordered_json>& rows);
std::string render_records_json(const std::vector<nlohmann::ordered_json>& rows);

}  // namespace ascendsim
