#include "sim/sweep/sweep_draws.hpp"

#include <set>
#include <string>

namespace ascendsim {

std::vector<nlohmann::ordered_json> sweep_draw_records(const SweepTable& t) {
  std::set<std::string> sampled;  // sorted, as run --per-draw sorts its input columns
  for (const auto& r : t.rows)
    if (r.draw >= 0)
      for (const auto& [k, v] : r.sampled) sampled.insert(k);
  std::vector<nlohmann::ordered_json> out;
  for (const auto& r : t.rows) {
    if (r.draw < 0) continue;
    nlohmann::ordered_json row;
    if (!t.axis_paths.empty()) {
      row["point"] = r.point;
      for (std::size_t a = 0; a < t.axis_paths.size(); ++a)
        row[t.axis_paths[a]] = a < r.inputs.size() ? nlohmann::ordered_json::parse(typed_toml_value(r.inputs[a]).dump())
                                                   : nlohmann::ordered_json(nullptr);
    }
    row["draw"] = r.draw;
    nlohmann::ordered_json dates = nlohmann::ordered_json::object();
    for (const auto& [k, v] : r.outputs) {
      if (k == "fits" || k == "margin_days") row[k] = nlohmann::ordered_json::parse(v.dump());
      else if (k.rfind("date:", 0) == 0) dates[k] = nlohmann::ordered_json::parse(v.dump());
    }
    for (const auto& k : sampled) {
      nlohmann::ordered_json cell = nullptr;
      for (const auto& [sk, sv] : r.sampled)
        if (sk == k) cell = nlohmann::ordered_json::parse(sv.dump());
      row[k] = cell;
    }
    for (const auto& [k, v] : dates.items()) row[k] = v;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace ascendsim
