#include "sim/timeline/draw_table.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "sim/util/csv_field.hpp"
#include "sim/util/date.hpp"

namespace ascendsim {

namespace {

// Columns in a fixed order: the draw, the verdict, inputs by key path (sorted), milestones in
// calendar order. Draws that did not read an input (a branch not taken) leave its cell null.
std::vector<std::string> input_columns(const std::vector<DrawResult>& draws) {
  std::map<std::string, int> seen;
  for (const auto& d : draws)
    for (const auto& in : d.inputs) seen.emplace(draw_input_column(in), 0);
  std::vector<std::string> out;
  for (const auto& [k, v] : seen) out.push_back(k);
  return out;
}

nlohmann::ordered_json row_json(const DrawResult& d, std::size_t index, const std::vector<std::string>& inputs) {
  nlohmann::ordered_json r;
  r["draw"] = index;
  r["fits"] = d.fits;
  r["margin_days"] = d.margin_days;
  std::map<std::string, nlohmann::ordered_json> by_column;
  for (const auto& in : d.inputs)
    by_column[draw_input_column(in)] = in.dim == Dimension::Date ? nlohmann::ordered_json(format_date_floor(in.value))
                                                                 : nlohmann::ordered_json(in.value);
  for (const auto& c : inputs) r[c] = by_column.count(c) ? by_column[c] : nlohmann::ordered_json(nullptr);
  for (const auto& m : d.milestones) r["date:" + m.name] = format_date_floor(m.day);
  return r;
}

}  // namespace

std::string draw_input_column(const DrawInput& in) {
  switch (in.dim) {
    case Dimension::Time: return in.key_path + "_s";
    case Dimension::DataSize: return in.key_path + "_B";
    case Dimension::Bandwidth: return in.key_path + "_Bps";
    case Dimension::FlopRate: return in.key_path + "_flops";
    case Dimension::Fraction:
    case Dimension::Count:
    case Dimension::Date: return in.key_path;
  }
  return in.key_path;
}

std::string render_records_json(const std::vector<nlohmann::ordered_json>& rows) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : rows) out.push_back(r);
  return out.dump(2) + "\n";
}

std::string render_records_csv(const std::vector<nlohmann::ordered_json>& rows) {
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (i == 0) {
      bool first = true;
      for (const auto& [k, v] : r.items()) { out += (first ? "" : ",") + csv_field(k); first = false; }
      out += "\n";
    }
    bool first = true;
    for (const auto& [k, v] : r.items()) {
      const std::string cell = v.is_null() ? "" : v.is_string() ? csv_field(v.get<std::string>()) : v.dump();
      out += (first ? "" : ",") + cell;
      first = false;
    }
    out += "\n";
  }
  return out;
}

namespace {

std::vector<nlohmann::ordered_json> draw_records(const std::vector<DrawResult>& draws) {
  const auto inputs = input_columns(draws);
  std::vector<nlohmann::ordered_json> rows;
  for (std::size_t i = 0; i < draws.size(); ++i) rows.push_back(row_json(draws[i], i, inputs));
  return rows;
}

}  // namespace

std::string render_draws_json(const std::vector<DrawResult>& draws) { return render_records_json(draw_records(draws)); }

std::string render_draws_csv(const std::vector<DrawResult>& draws) { return render_records_csv(draw_records(draws)); }

}  // namespace ascendsim
