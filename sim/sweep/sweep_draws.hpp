// The per-draw table of a Monte Carlo sweep (`sweep --per-draw FILE`, `merge --per-draw FILE`):
// one row per draw with every sampled input and every milestone date, in the format of
// `run --per-draw` (sim/timeline/draw_table.hpp). A sweep of a scenario writes exactly the bytes
// `run --draws N --per-draw` writes for the same seed; a grid sweep puts the grid point and its axis
// values (typed) in front: point, <axis path>..., draw, fits, margin_days, <sampled>..., date:<m>...
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "sim/sweep/sweep_table.hpp"

namespace ascendsim {

// Rows of the table's Monte Carlo draws (rows with draw >= 0), in item order. Inputs a draw did not
// read are null, as in run --per-draw.
std::vector<nlohmann::ordered_json> sweep_draw_records(const SweepTable& t);

}  // namespace ascendsim
