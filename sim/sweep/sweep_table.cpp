#include "sim/sweep/sweep_table.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include <toml++/toml.h>

#include "sim/config/input_error.hpp"
#include "sim/config/units.hpp"
#include "sim/util/csv_field.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim {

namespace {

nlohmann::json node_json(const toml::node& n) {
  if (auto v = n.as_integer()) return v->get();
  if (auto v = n.as_floating_point()) return v->get();
  if (auto v = n.as_boolean()) return v->get();
  if (auto v = n.as_date()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(v->get().year), int(v->get().month), int(v->get().day));
    return std::string(buf);
  }
  if (auto v = n.as_string()) {
    const std::string text = v->get();
    if (!text.empty() && text.back() == '%')
      if (auto f = parse_quantity(text, Dimension::Fraction)) return *f;
    return text;
  }
  if (auto a = n.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : *a) out.push_back(node_json(e));
    return out;
  }
  return nullptr;  // tables, times: not produced by sweep axes; the caller keeps the TOML text
}

// A typed value as one CSV cell: numbers with round-trip precision, true/false, ISO dates, text.
std::string csv_cell(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_field(v.get<std::string>());
  return csv_field(v.dump());
}

// Part files keep the axis values as TOML text (merge re-renders exactly) and outputs typed.
nlohmann::ordered_json rows_json(const SweepTable& t, bool part) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& r : t.rows) {
    nlohmann::ordered_json row;
    row["item"] = r.item;
    row["point"] = r.point;
    row["draw"] = r.draw;
    nlohmann::ordered_json in = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < r.inputs.size(); ++i)
      in[t.axis_paths[i]] = part ? nlohmann::ordered_json(r.inputs[i]) : nlohmann::ordered_json(typed_toml_value(r.inputs[i]));
    row["inputs"] = in;
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [k, v] : r.outputs) out[k] = v;
    row["outputs"] = out;
    nlohmann::ordered_json sampled = nlohmann::ordered_json::object();
    for (const auto& [k, v] : r.sampled) sampled[k] = nlohmann::ordered_json::parse(v.dump());
    row["sampled"] = sampled;
    rows.push_back(row);
  }
  return rows;
}

nlohmann::ordered_json header_json(const SweepTable& t) {
  nlohmann::ordered_json j;
  j["schema_version"] = kSchemaVersion;
  j["format"] = "ascendsim-sweep/2";
  j["sweep"] = t.identity;
  j["sweep_file"] = t.sweep_file;
  j["scenario"] = t.scenario_path;
  j["seed"] = t.seed;
  j["items_total"] = t.items_total;
  j["axes"] = t.axis_paths;
  return j;
}

}  // namespace

nlohmann::json typed_toml_value(const std::string& toml_text) {
  try {
    const toml::table tbl = toml::parse("v = " + toml_text);
    if (const toml::node* n = tbl.get("v"))
      if (auto j = node_json(*n); !j.is_null()) return j;
  } catch (const toml::parse_error&) {
  }
  return toml_text;
}

std::string render_sweep_csv(const SweepTable& t) {
  std::string out = "item,point,draw";
  for (const auto& a : t.axis_paths) out += "," + csv_field(a);
  // Sampled inputs (Monte Carlo rows): the union over rows, sorted; a draw that did not read one
  // leaves its cell empty.
  std::set<std::string> sampled;
  for (const auto& r : t.rows)
    for (const auto& [k, v] : r.sampled) sampled.insert(k);
  for (const auto& k : sampled) out += "," + csv_field(k);
  if (!t.rows.empty())
    for (const auto& [k, v] : t.rows.front().outputs) out += "," + csv_field(k);
  out += "\n";
  for (const auto& r : t.rows) {
    out += std::to_string(r.item) + "," + std::to_string(r.point) + "," + std::to_string(r.draw);
    for (const auto& v : r.inputs) out += "," + csv_cell(typed_toml_value(v));
    for (const auto& k : sampled) {
      const auto it = std::find_if(r.sampled.begin(), r.sampled.end(), [&](const auto& e) { return e.first == k; });
      out += "," + (it == r.sampled.end() ? std::string() : csv_cell(it->second));
    }
    for (const auto& [k, v] : r.outputs) out += "," + csv_cell(v);
    out += "\n";
  }
  return out;
}

std::string render_sweep_json(const SweepTable& t) {
  auto j = header_json(t);
  j["rows"] = rows_json(t, false);
  j["provenance"] = nlohmann::ordered_json::parse(t.provenance.is_null() ? "null" : t.provenance.dump());
  return j.dump(2) + "\n";
}

std::string render_part_json(const SweepTable& t, const ShardSpec& shard) {
  auto j = header_json(t);
  j["format"] = "ascendsim-sweep-part/2";
  j["shard"] = std::to_string(shard.index) + "/" + std::to_string(shard.count);
  j["rows"] = rows_json(t, true);
  return j.dump(2) + "\n";
}

SweepTable read_part_json(const std::string& path, ShardSpec* shard) {
  std::ifstream in(path);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, "", "file not found");
  note_input_file(path);  // merge's provenance lists the parts it read, with their hashes
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(SourceLocation{path, 0, 0}, "", std::string("not a sweep part (JSON error: ") + e.what() + ")");
  }
  try {
    if (j.at("format") == "ascendsim-sweep-part/1")
      throw InputError(SourceLocation{path, 1, 1}, "format",
                       "is a part file of an older ascendsim (ascendsim-sweep-part/1, outputs as strings); rerun the shard");
    if (j.at("format") != "ascendsim-sweep-part/2") throw InputError(SourceLocation{path, 1, 1}, "format", "not an ascendsim sweep part");
    SweepTable t;
    t.identity = j.at("sweep").get<std::string>();
    t.sweep_file = j.at("sweep_file").get<std::string>();
    t.scenario_path = j.at("scenario").get<std::string>();
    t.seed = j.at("seed").get<std::uint64_t>();
    t.items_total = j.at("items_total").get<std::size_t>();
    t.axis_paths = j.at("axes").get<std::vector<std::string>>();
    *shard = parse_shard(j.at("shard").get<std::string>());
    for (const auto& r : j.at("rows")) {
      SweepRow row;
      row.item = r.at("item").get<std::size_t>();
      row.point = r.at("point").get<std::size_t>();
      row.draw = r.at("draw").get<int>();
      for (const auto& a : t.axis_paths) row.inputs.push_back(r.at("inputs").at(a).get<std::string>());
      for (const auto& [k, v] : r.at("outputs").items()) row.outputs.emplace_back(k, nlohmann::json::parse(v.dump()));
      for (const auto& [k, v] : r.at("sampled").items()) row.sampled.emplace_back(k, nlohmann::json::parse(v.dump()));
      t.rows.push_back(std::move(row));
    }
    return t;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(SourceLocation{path, 0, 0}, "", std::string("malformed sweep part: ") + e.what());
  }
}

SweepTable merge_parts(const std::vector<std::string>& part_paths) {
  if (part_paths.empty()) throw InputError(SourceLocation{"merge", 0, 0}, "", "no part files given");
  std::vector<Diagnostic> problems;
  SweepTable merged;
  std::map<int, std::string> shard_files;
  int shard_count = 0;
  std::string first;
  for (const auto& p : part_paths) {
    ShardSpec shard;
    SweepTable t = read_part_json(p, &shard);
    if (first.empty()) {
      first = p;
      merged = t;
      merged.rows.clear();
      shard_count = shard.count;
    } else if (t.identity != merged.identity || t.seed != merged.seed) {
      problems.push_back({SourceLocation{p, 0, 0}, "sweep",
                          "comes from a different sweep file or seed than " + first + " (" + t.identity + " vs " +
                              merged.identity + ")"});
      continue;
    } else if (shard.count != shard_count) {
      problems.push_back({SourceLocation{p, 0, 0}, "shard",
                          "is shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count) + " but " + first +
                              " splits the sweep into " + std::to_string(shard_count)});
      continue;
    }
    if (auto [it, fresh] = shard_files.emplace(shard.index, p); !fresh) {
      problems.push_back({SourceLocation{p, 0, 0}, "shard",
                          "duplicates shard " + std::to_string(shard.index) + "/" + std::to_string(shard_count) +
                              " already read from " + it->second});
      continue;
    }
    for (auto& r : t.rows) merged.rows.push_back(std::move(r));
  }
  for (int k = 1; k <= shard_count; ++k)
    if (!shard_files.count(k))
      problems.push_back({SourceLocation{"merge", 0, 0}, "shard",
                          "shard " + std::to_string(k) + "/" + std::to_string(shard_count) +
                              " is missing (rerun it alone with --shard " + std::to_string(k) + "/" +
                              std::to_string(shard_count) + ")"});
  if (!problems.empty()) throw InputError(std::move(problems));
  std::sort(merged.rows.begin(), merged.rows.end(), [](const SweepRow& a, const SweepRow& b) { return a.item < b.item; });
  for (std::size_t i = 0; i < merged.rows.size(); ++i)
    if (merged.rows[i].item != i)
      throw InputError(SourceLocation{"merge", 0, 0}, "rows",
                       "work item " + std::to_string(i) + " is missing or duplicated across the parts");
  if (merged.rows.size() != merged.items_total)
    throw InputError(SourceLocation{"merge", 0, 0}, "rows",
                     "parts hold " + std::to_string(merged.rows.size()) + " of " + std::to_string(merged.items_total) +
                         " work items");
  return merged;
}

}  // namespace ascendsim
