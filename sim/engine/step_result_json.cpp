// The `ascendsim step --json` document and its inverse (the disk cache stores this text). Doubles
// are written by nlohmann-json with round-trip precision, so a cached result reads back identical.
#include <nlohmann/json.hpp>

#include "sim/engine/step_executor.hpp"

namespace ascendsim {

std::string step_result_json(const StepResult& r) {
  const StepBreakdown& b = r.breakdown;
  const MemoryBreakdown& m = r.memory_worst;
  nlohmann::json j{
      {"chips", r.chips},
      {"step_time_s", r.step_time_s},
      {"tokens_per_step", r.tokens_per_step},
      {"tokens_per_s", r.tokens_per_s},
      {"mfu", r.mfu},
      {"mfu_vs_precision_peak", r.mfu_vs_precision_peak},
      {"model_flops_per_step", r.model_flops_per_step},
      {"expert_imbalance", r.expert_imbalance},
      {"breakdown",
       {{"compute_s", b.compute_s}, {"tp_s", b.tp_s}, {"ep_s", b.ep_s}, {"pp_s", b.pp_s}, {"dp_s", b.dp_s},
        {"bubble_s", b.bubble_s}, {"optimizer_s", b.optimizer_s}}},
      {"memory_per_chip_GiB", r.memory_per_chip_GiB},
      {"hbm_capacity_GiB", r.hbm_capacity_GiB},
      {"fits_memory", r.fits_memory},
      {"memory_worst_stage",
       {{"stage", m.stage}, {"params_on_chip", m.params_on_chip}, {"weights_B", m.weights_B},
        {"gradients_B", m.gradients_B}, {"master_B", m.master_B}, {"optimizer_states_B", m.optimizer_states_B},
        {"activations_B", m.activations_B}, {"microbatches_in_flight", m.microbatches_in_flight},
        {"total_B", m.total_B}, {"capacity_B", m.capacity_B}}},
      {"checkpoint_bytes", r.checkpoint_bytes},
      {"pp_boundary", r.pp_boundary},
      {"pp_hop_s", r.pp_hop_s},
      {"patterns_simulated", r.patterns_simulated},
      {"platform_xml", r.platform_xml},
      {"from_cache", r.from_cache}};
  return j.dump(2);
}

std::optional<StepResult> step_result_from_json(const std::string& text) {
  try {
    const auto j = nlohmann::json::parse(text);
    StepResult r;
    r.chips = j.at("chips").get<long>();
    r.step_time_s = j.at("step_time_s").get<double>();
    r.tokens_per_step = j.at("tokens_per_step").get<double>();
    r.tokens_per_s = j.at("tokens_per_s").get<double>();
    r.mfu = j.at("mfu").get<double>();
    r.mfu_vs_precision_peak = j.at("mfu_vs_precision_peak").get<double>();
    r.model_flops_per_step = j.at("model_flops_per_step").get<double>();
    r.expert_imbalance = j.value("expert_imbalance", 1.0);
    const auto& b = j.at("breakdown");
    r.breakdown = StepBreakdown{b.at("compute_s").get<double>(), b.at("tp_s").get<double>(), b.at("ep_s").get<double>(),
                                b.at("pp_s").get<double>(),      b.at("dp_s").get<double>(), b.at("bubble_s").get<double>(),
                                b.at("optimizer_s").get<double>()};
    r.memory_per_chip_GiB = j.at("memory_per_chip_GiB").get<double>();
    r.hbm_capacity_GiB = j.at("hbm_capacity_GiB").get<double>();
    r.fits_memory = j.at("fits_memory").get<bool>();
    const auto& m = j.at("memory_worst_stage");
    MemoryBreakdown& w = r.memory_worst;
    w.stage = m.at("stage").get<long>();
    w.params_on_chip = m.at("params_on_chip").get<double>();
    w.weights_B = m.at("weights_B").get<double>();
    w.gradients_B = m.at("gradients_B").get<double>();
    w.master_B = m.at("master_B").get<double>();
    w.optimizer_states_B = m.at("optimizer_states_B").get<double>();
    w.activations_B = m.at("activations_B").get<double>();
    w.microbatches_in_flight = m.at("microbatches_in_flight").get<double>();
    w.total_B = m.at("total_B").get<double>();
    w.capacity_B = m.at("capacity_B").get<double>();
    r.checkpoint_bytes = j.at("checkpoint_bytes").get<double>();
    r.pp_boundary = j.at("pp_boundary").get<long>();
    r.pp_hop_s = j.at("pp_hop_s").get<double>();
    r.patterns_simulated = j.at("patterns_simulated").get<std::vector<std::string>>();
    r.platform_xml = j.at("platform_xml").get<std::string>();
    r.from_cache = j.at("from_cache").get<bool>();
    return r;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace ascendsim
