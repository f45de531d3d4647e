// Cache key of a step: a flat "name=value" text of every input; numbers in %.17g so that two
// different doubles never print alike.
#include "sim/engine/step_key.hpp"

#include <cstdio>
#include <sstream>

#include "sim/util/hash.hpp"
#include "sim/workload/param_count.hpp"

namespace ascendsim {

namespace {
std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}
}  // namespace

std::string step_cache_key(const TrainingPlan& p, const Chip& c, const ChipCatalogue& cat, const PlatformSpec& s) {
  std::ostringstream k;
  k << "step-v2\n";
  // Model: the file's bytes when it has one, plus the shape numbers the cost model reads most.
  k << "model.file_hash=" << (p.model_file.empty() ? std::string("") : hash_file_hex(p.model_file)) << '\n';
  const ModelShape& m = p.model;
  const ParamCount pc = count_params(m);
  k << "model=" << m.name << ' ' << m.layers << ' ' << m.hidden << ' ' << m.vocab << ' ' << m.heads << ' '
    << m.dense_layers << ' ' << m.dense_ffn << ' ' << m.routed_experts << ' ' << m.shared_experts << ' ' << m.top_k
    << ' ' << m.expert_ffn << ' ' << m.expert_groups << ' ' << m.max_groups_per_token << ' ' << m.mtp_depth << ' ' << m.residual_streams << ' ' << int(m.attention) << ' '
    << num(pc.total) << ' ' << num(pc.active) << '\n';
  k << "training=" << num(p.tokens) << ' ' << p.seq_len << ' ' << p.global_batch_sequences << ' '
    << precision_name(p.precision) << ' ' << optimizer_name(p.optimizer) << ' ' << p.gradient_reduce_bytes << ' '
    << p.dispatch_bytes << ' ' << num(p.routing_skew) << '\n';
  k << "overlap=" << p.overlap.tp_comm << ' ' << p.overlap.dp_buckets << ' ' << p.overlap.zero_prefetch << ' '
    << p.overlap.dualpipe_steady_only << ' ' << num(p.overlap.compute_slowdown) << ' ' << p.overlap.dp_exposed << ' '
    << p.overlap.ep_combined_1f1b << '\n';
  k << "parallel=" << p.chips << ' ' << p.tp << ' ' << p.pp << ' ' << p.dp << ' ' << p.ep << ' ' << p.virtual_stages
    << ' ' << p.micro_batch_sequences << ' ' << p.microbatches << ' ' << schedule_name(p.schedule) << ' '
    << p.zero_stage << ' ' << int(p.recompute) << ' ' << p.sequence_parallel << ' ' << p.first_stage_extra_slots
    << ' ' << p.last_stage_extra_slots << '\n';
  k << "memory=" << num(p.weight_bytes) << ' ' << num(p.gradient_bytes) << ' ' << num(p.master_bytes) << ' '
    << num(p.optimizer_state_bytes) << ' ' << num(p.activation_cache_bytes) << '\n';
  k << "chip=" << c.name << ' ' << num(c.hbm_capacity_B.nominal) << ' ' << num(c.hbm_bandwidth_Bps.nominal) << ' '
    << num(c.scaleup_bandwidth_Bps.nominal) << ' ' << num(c.scaleout_bandwidth_Bps.nominal);
  for (const auto& [prec, peak] : c.peak_flops) k << ' ' << precision_name(prec) << ':' << num(peak.nominal);
  k << " gemm:" << c.gemm.cores << ' ' << c.gemm.tile_m << ' ' << c.gemm.tile_n << ' ' << c.gemm.min_tile_m;
  k << '\n';
  k << "efficiency=" << num(cat.efficiency.matmul.nominal) << ' ' << num(cat.efficiency.attention.nominal) << ' '
    << num(cat.efficiency.hbm.nominal) << ' ' << num(cat.efficiency.network.nominal) << '\n';
  k << "platform=" << s.name << ' ' << s.chip << ' ' << s.chips_per_node << ' ' << s.nodes_per_rack << ' '
    << s.racks_per_supernode << ' ' << s.supernodes << ' ' << num(s.scaleup_bandwidth_Bps) << ' '
    << num(s.scaleup_port_latency_s) << ' ' << num(s.scaleup_switch_latency_s) << ' '
    << num(s.scaleout_bandwidth_Bps) << ' ' << num(s.scaleout_port_latency_s) << ' '
    << num(s.scaleout_switch_latency_s) << ' ' << s.supernodes_per_group << ' ' << s.groups_per_pod << ' '
    << num(s.pod_oversubscription) << ' ' << num(s.node_storage_bandwidth_Bps) << ' ' << num(s.storage_latency_s)
    << ' ' << num(s.storage_system_bandwidth_Bps) << '\n';
  return k.str();
}

}  // namespace ascendsim
