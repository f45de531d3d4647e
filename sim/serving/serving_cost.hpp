// Per-iteration cost of serving, from the same roofline cost model as training (sim/workload): a
// decode step on one die (weights + KV cache streamed, MLA / V4 compressed attention over the cache,
// the die's local experts, EP dispatch/combine), a prefill batch on one instance, the KV transfer.
// Efficiency factors come from platforms/chips.toml [efficiency] (serving_* keys), calibrated once.
#pragma once
#include <string>

#include "sim/platform/chip_catalogue.hpp"
#include "sim/serving/deployment.hpp"
#include "sim/workload/model_shape.hpp"
#include "sim/workload/roofline.hpp"

namespace ascendsim {

// Achievable fractions for serving kernels (platforms/chips.toml [efficiency], serving_* keys).
struct ServingEfficiency {
  double matmul = 1;     // INT8/BF16 GEMMs in decode and prefill
  double attention = 1;  // attention core (MLA decode kernel)
  double hbm = 1;        // HBM streaming in decode kernels
  double dispatch = 1;   // EP token dispatch: fraction of the simulated all-to-all speed reached
  double combine = 1;    // EP combine
  double step = 1;       // the one fitted serving factor: fraction of the summed kernel (compute) times reached
  double network = 1;    // bulk transfers (KV cache prefill -> decode): catalogue `network`
  EfficiencyFactors roofline() const { return {matmul, attention, hbm}; }
};
ServingEfficiency serving_efficiency(const ChipCatalogue& cat);  // nominal values

// Time of one all-to-all among the EP ranks of a pool as a function of the bytes each rank sends:
// latency_s + bytes * seconds_per_byte. Fitted exactly from two SimGrid runs (CM02 direct
// all-to-all is affine in size), see cmd_serve.cpp; zero for ep = 1.
struct AllToAllModel {
  double latency_s = 0;
  double seconds_per_byte = 0;
  double time_s(double bytes_per_rank) const { return bytes_per_rank > 0 ? latency_s + bytes_per_rank * seconds_per_byte : 0; }
};

struct ServingModel {
  ModelShape model;
  Chip chip;  // one package (NPU)
  Chip die;   // one die: peaks, HBM capacity and bandwidth, scale-up divided by chip.dies
  Deployment dep;
  ServingEfficiency eff;
  AllToAllModel decode_a2a;   // per EP rank (die) of the decode pool
  AllToAllModel prefill_a2a;  // per EP rank of a prefill instance
  double kv_bytes_per_token = 0;           // all layers (+ MTP layer), at the KV precision
  double decode_weight_bytes_per_die = 0;  // resident weights on the busiest decode die
  double tokens_per_step = 1;              // output tokens per request per decode step (MTP: 1 + a + a^2 ...)
  long decode_dies = 0;                    // per decode instance
  long prefill_dies = 0;                   // per prefill instance
  double layers_of_kind[4] = {0, 0, 0, 0}; // decode attention layers by LayerAttention (+ MTP drafts)
  double moe_layers_of_kind[4] = {0, 0, 0, 0};  // the MoE layers among them (their attention overlaps EP traffic)
  double mtp_layers_of_kind[4] = {0, 0, 0, 0};
  double moe_layers = 0;                   // MoE layers of the main model
  double dispatch_message_s = 0;           // per destination rank (ep_traffic.hpp, from serving_dispatch)
  double combine_message_s = 0;            // per destination rank (from serving_combine)
};

// Builds the model; throws located InputError when the deployment does not fit the model or chip:
// EP vs experts, the weight precision on this chip, batch limit x context over die HBM.
ServingModel make_serving_model(const ModelShape& m, const Chip& chip, const Deployment& dep,
                                const ServingEfficiency& eff);

// Bytes each EP rank sends in one dispatch / combine for `tokens` tokens on it (7,168-byte INT8
// hidden + 512 B of scales = 7.5 KB per token and destination, as CloudMatrix-Infer; combine BF16).
double dispatch_bytes_per_rank(const ServingModel& s, double tokens);
double combine_bytes_per_rank(const ServingModel& s, double tokens);

// A decode step from its parts (docs/serving.md "Decode step"). Kernel times (linear, attention,
// experts) are roofline times before the fitted `serving_step` factor; dispatch/combine are the
// simulated all-to-all plus the per-message cost. time_s = min(serial, pipelined):
//   serial    = kernels / step + dispatch + combine
//   pipelined = two microbatches of half the batch, each MoE layer's EP traffic of one microbatch
//               overlapping the other's kernels (CloudMatrix-Infer's decode microbatch pipeline,
//               arXiv 2506.12708): weights are read once per microbatch, so it only pays at large batch.
struct DecodeStep {
  double requests_per_die = 0;
  double tokens_per_die = 0;  // requests x (1 + draft tokens): every draft is verified
  double linear_s = 0;        // projections, dense FFN, norms, head (weights streamed)
  double attention_s = 0;     // attention core over the KV cache
  double experts_s = 0;       // local routed / shared experts (slowest die kind)
  double dispatch_s = 0, combine_s = 0;  // wire time + messages x per-message cost, all MoE layers
  double mtp_s = 0;           // draft module runs (included in the above)
  double messages_per_layer = 0;  // destination ranks of one die's dispatch in one MoE layer
  double experts_touched = 0;     // local experts of a routed die that get >= 1 token (weights read)
  double serial_s = 0, pipelined_s = 0;
  int microbatches = 1;       // 2 when the pipeline is the faster
  double time_s = 0;
  // Parts the pipeline needs (main model only; the MTP draft runs after it, unpipelined).
  double dense_kernels_s = 0, moe_kernels_s = 0, moe_comm_s = 0;            // full batch, no attention
  double half_dense_kernels_s = 0, half_moe_kernels_s = 0, half_moe_comm_s = 0;  // one of two microbatches
  double mtp_kernels_s = 0, mtp_comm_s = 0, mtp_attention_s = 0, moe_attention_s = 0;
};

// One decode step of an instance whose dies each hold `requests_per_die` requests with
// `mean_context_tokens` tokens of KV cache each (balanced data-parallel attention).
DecodeStep decode_step(const ServingModel& s, double requests_per_die, double mean_context_tokens);
// The same step split for the request-level simulation: everything but the attention core depends
// only on the batch (cached per batch); the attention core also on the context length.
DecodeStep decode_step_without_attention(const ServingModel& s, double requests_per_die);
double decode_attention_s(const ServingModel& s, double requests_per_die, double mean_context_tokens);
// Adds the attention core at `mean_context_tokens` to a step from decode_step_without_attention and
// combines the parts (serial or pipelined): what the request-level simulation calls per step.
DecodeStep with_attention(const ServingModel& s, DecodeStep st, double mean_context_tokens);
double tpot_s(const ServingModel& s, const DecodeStep& step);  // step time / tokens_per_step

// compute_s: kernel times before the fitted factor; comm_s: EP traffic. time_s = min(serial,
// pipelined) as in decode (prefill: two microbatches of half the sequences, when there are >= 2).
struct PrefillBatch {
  double compute_s = 0, comm_s = 0, time_s = 0;
  double serial_s = 0, pipelined_s = 0;
  int microbatches = 1;
};
// A prefill batch in which each die of an instance processes `sequences_per_die` sequences of
// `seq_len` tokens (data-parallel attention: a sequence is not split across dies).
PrefillBatch prefill_batch(const ServingModel& s, long sequences_per_die, long seq_len);
// Input tokens per second per NPU of a prefill instance at full batch for requests of `seq_len`.
double prefill_tokens_per_s_per_npu(const ServingModel& s, long seq_len);

// KV cache of `input_tokens` moved prefill -> decode over the chip's scale-up link.
double kv_transfer_s(const ServingModel& s, double input_tokens);

}  // namespace ascendsim
