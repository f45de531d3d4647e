#include "sim/infer/infer_parts.hpp"

#include <algorithm>
#include <utility>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/util/hash.hpp"

namespace ascendsim {

std::string infer_part_name(const ShardSpec& shard) {
  return "infer-part-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) + ".json";
}

std::string render_infer_part(const PriorSet& priors, const Evidence& evidence, const InferDraws& d,
                              const ShardSpec& shard) {
  nlohmann::ordered_json j;
  j["kind"] = "infer-part";
  j["schema_version"] = 1;
  j["priors"] = priors.path;
  j["priors_fnv1a64"] = hash_file_hex(priors.path);
  j["evidence"] = evidence.path;
  j["evidence_fnv1a64"] = hash_file_hex(evidence.path);
  j["seed"] = d.seed;
  j["draws"] = d.total_draws;
  j["shard"] = {shard.index, shard.count};
  j["milestones"] = d.milestones;
  nlohmann::ordered_json dims = nlohmann::ordered_json::object();
  for (const auto& [k, dim] : d.input_dims) dims[k] = int(dim);
  j["input_dims"] = dims;
  j["steps_simulated"] = d.steps_simulated;
  j["steps_from_cache"] = d.steps_from_cache;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < d.index.size(); ++i) {
    const DrawOutputs& o = d.outputs[i];
    nlohmann::ordered_json fleet = nlohmann::ordered_json::array();
    for (const auto& [day, chips] : o.fleet) fleet.push_back({day, chips});
    rows.push_back({{"draw", d.index[i]}, {"numbers", o.numbers}, {"labels", o.labels}, {"fleet", fleet}});
  }
  j["rows"] = rows;
  return j.dump() + "\n";
}

namespace {

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, "", "cannot read this part file");
  std::stringstream ss;
  ss << in.rdbuf();
  try {
    return nlohmann::json::parse(ss.str());
  } catch (const std::exception& e) {
    throw InputError(SourceLocation{path, 0, 0}, "", std::string("not JSON: ") + e.what());
  }
}

}  // namespace

bool is_infer_part(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string head(200, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(std::size_t(in.gcount()));
  return head.find("\"kind\":\"infer-part\"") != std::string::npos;
}

MergedInference merge_infer_parts(const std::vector<std::string>& paths) {
  if (paths.empty()) throw InputError(SourceLocation{"merge", 0, 0}, "", "no part files given");
  MergedInference m;
  InferDraws all;
  std::vector<char> seen;
  long count = 0;
  std::vector<std::pair<std::uint64_t, DrawOutputs>> rows;
  for (const std::string& p : paths) {
    const nlohmann::json j = read_json(p);
    try {
      if (j.at("kind") != "infer-part") throw InputError(SourceLocation{p, 0, 0}, "kind", "not an inference part file");
      const std::string priors = j.at("priors"), evidence = j.at("evidence");
      const int k = j.at("shard").at(0), mm = j.at("shard").at(1);
      if (seen.empty()) {
        if (hash_file_hex(priors) != j.at("priors_fnv1a64"))
          throw InputError(SourceLocation{p, 0, 0}, "priors", quote_value(priors) + " changed since this part was drawn");
        if (hash_file_hex(evidence) != j.at("evidence_fnv1a64"))
          throw InputError(SourceLocation{p, 0, 0}, "evidence", quote_value(evidence) + " changed since this part was drawn");
        m.priors = load_prior_set(priors);
        m.evidence = load_evidence(evidence);
        all.seed = j.at("seed");
        all.total_draws = j.at("draws");
        all.milestones = j.at("milestones").get<std::vector<std::string>>();
        for (const auto& [key, dim] : j.at("input_dims").items()) all.input_dims[key] = Dimension(dim.get<int>());
        count = mm;
        seen.assign(std::size_t(mm), 0);
      } else if (priors != m.priors.path || evidence != m.evidence.path || j.at("seed") != all.seed ||
                 j.at("draws") != all.total_draws || mm != count) {
        throw InputError(SourceLocation{p, 0, 0}, "", "this part belongs to another run (priors, evidence, seed, draws or shard count differ from " +
                                                          paths.front() + ")");
      }
      if (k < 1 || k > count || seen[std::size_t(k - 1)])
        throw InputError(SourceLocation{p, 0, 0}, "shard", "shard " + std::to_string(k) + " of " + std::to_string(count) +
                                                               (k >= 1 && k <= count ? " is given twice" : " is out of range"));
      seen[std::size_t(k - 1)] = 1;
      for (const auto& [key, dim] : j.at("input_dims").items()) all.input_dims[key] = Dimension(dim.get<int>());
      all.steps_simulated += j.at("steps_simulated").get<long>();
      all.steps_from_cache += j.at("steps_from_cache").get<long>();
      for (const auto& r : j.at("rows")) {
        DrawOutputs o;
        o.numbers = r.at("numbers").get<std::map<std::string, double>>();
        o.labels = r.at("labels").get<std::map<std::string, std::string>>();
        for (const auto& f : r.at("fleet")) o.fleet.emplace_back(f.at(0).get<long>(), f.at(1).get<long>());
        rows.emplace_back(r.at("draw").get<std::uint64_t>(), std::move(o));
      }
    } catch (const nlohmann::json::exception& e) {
      throw InputError(SourceLocation{p, 0, 0}, "", std::string("malformed part file: ") + e.what());
    }
  }
  for (std::size_t k = 0; k < seen.size(); ++k)
    if (!seen[k])
      throw InputError(SourceLocation{"merge", 0, 0}, "", "shard " + std::to_string(k + 1) + " of " + std::to_string(count) +
                                                            " is missing");
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (long(rows.size()) != all.total_draws)
    throw InputError(SourceLocation{"merge", 0, 0}, "", "the parts hold " + std::to_string(rows.size()) + " draws, the run has " +
                                                          std::to_string(all.total_draws));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].first != i)
      throw InputError(SourceLocation{"merge", 0, 0}, "", "draw " + std::to_string(i) + " is missing or given twice");
    all.index.push_back(rows[i].first);
    all.outputs.push_back(std::move(rows[i].second));
  }
  m.result = weigh_inference(std::move(all), m.evidence);
  return m;
}

}  // namespace ascendsim
