// The divisibility rules a real framework (Megatron-LM, DeepSeek's HAI-LLM as described in the V3
// report) enforces before it starts; a plan that breaks one cannot run, so it is an input error.
#include "sim/workload/plan_check.hpp"

#include <string>

namespace ascendsim {

static std::string S(long v) { return std::to_string(v); }

std::vector<Diagnostic> plan_problems(const TrainingPlan& p) {
  std::vector<Diagnostic> out;
  auto bad = [&](const std::string& key, const std::string& msg) { out.push_back({p.at(key), key, msg}); };
  const ModelShape& m = p.model;
  const std::string model = m.name.empty() ? "the model" : m.name;

  if (p.tp * p.pp * p.dp != p.chips)
    bad("parallel.chips", "tp (" + S(p.tp) + ") x pp (" + S(p.pp) + ") x dp (" + S(p.dp) + ") = " +
                              S(p.tp * p.pp * p.dp) + ", not the " + S(p.chips) + " chips of the plan");
  if (m.heads % p.tp != 0)
    bad("parallel.tp", model + " has " + S(m.heads) + " query heads, not divisible by tp (" + S(p.tp) + ")");
  if (m.attention == AttentionKind::GQA && m.gqa.kv_heads % p.tp != 0)
    bad("parallel.tp", model + " has " + S(m.gqa.kv_heads) + " KV heads, not divisible by tp (" + S(p.tp) + ")");
  if (m.dense_layers > 0 && m.dense_ffn % p.tp != 0)
    bad("parallel.tp", model + " dense FFN width " + S(m.dense_ffn) + " is not divisible by tp (" + S(p.tp) + ")");
  if (m.is_moe()) {
    if (m.routed_experts % p.ep != 0)
      bad("parallel.ep", model + " has " + S(m.routed_experts) + " routed experts, not divisible by ep (" + S(p.ep) + ")");
    if ((p.dp * p.tp) % p.ep != 0)
      bad("parallel.ep", "ep (" + S(p.ep) + ") must divide dp x tp (" + S(p.dp) + " x " + S(p.tp) + " = " +
                             S(p.dp * p.tp) + "): expert groups are carved from the data- and tensor-parallel ranks");
  } else if (p.ep != 1) {
    bad("parallel.ep", model + " is dense (no routed experts), so ep must be 1, found " + S(p.ep));
  }

  const long slots = m.layers + p.first_stage_extra_slots + p.last_stage_extra_slots;
  const long chunks = p.pp * p.virtual_stages;
  if (slots % chunks != 0)
    bad(p.virtual_stages > 1 ? "parallel.virtual_stages" : "parallel.pp",
        model + "'s " + S(m.layers) + " layers + " + S(p.first_stage_extra_slots) + " + " +
            S(p.last_stage_extra_slots) + " extra slots = " + S(slots) + " pipeline slots do not divide into pp (" +
            S(p.pp) + ") x virtual_stages (" + S(p.virtual_stages) + ") = " + S(chunks) + " chunks");

  const std::string batch_key = p.where.count("training.global_batch_tokens") ? "training.global_batch_tokens"
                                                                              : "training.global_batch_sequences";
  if (p.global_batch_sequences % p.dp != 0) {
    bad(batch_key, "global batch of " + S(p.global_batch_sequences) + " sequences does not divide over dp (" + S(p.dp) + ")");
  } else if (p.sequences_per_dp_rank() % p.micro_batch_sequences != 0) {
    bad("parallel.micro_batch_sequences", S(p.sequences_per_dp_rank()) + " sequences per data-parallel rank (" +
                                              S(p.global_batch_sequences) + " / dp " + S(p.dp) +
                                              ") do not divide into microbatches of " + S(p.micro_batch_sequences));
  } else if (p.microbatches != 0 && p.microbatches != p.derived_microbatches()) {
    bad("parallel.microbatches", "microbatches = " + S(p.microbatches) + " but the batch gives " +
                                     S(p.global_batch_sequences) + " / dp " + S(p.dp) + " / micro_batch_sequences " +
                                     S(p.micro_batch_sequences) + " = " + S(p.derived_microbatches()));
  }
  const long mbs = p.global_batch_sequences % p.dp == 0 ? p.derived_microbatches() : 0;

  switch (p.schedule) {
    case PipelineSchedule::OneFOneB:
      if (p.virtual_stages != 1)
        bad("parallel.virtual_stages", "the 1f1b schedule has one chunk per stage; found virtual_stages = " +
                                           S(p.virtual_stages) + " (use schedule = \"interleaved\")");
      break;
    case PipelineSchedule::Interleaved:
      if (p.virtual_stages < 2)
        bad("parallel.virtual_stages", "the interleaved schedule needs virtual_stages >= 2, found " + S(p.virtual_stages));
      if (mbs > 0 && p.pp > 1 && mbs % p.pp != 0)
        bad("parallel.microbatches", "the interleaved schedule needs microbatches (" + S(mbs) +
                                         ") to be a multiple of pp (" + S(p.pp) + ")");
      break;
    case PipelineSchedule::DualPipe:
      if (p.virtual_stages != 1)
        bad("parallel.virtual_stages", "dualpipe holds one stage per direction; found virtual_stages = " + S(p.virtual_stages));
      if (p.pp % 2 != 0)
        bad("parallel.pp", "dualpipe needs an even pp (two directions), found " + S(p.pp));
      if (mbs > 0 && (mbs % 2 != 0 || mbs < p.pp))
        bad("parallel.microbatches", "dualpipe needs an even number of microbatches >= pp (" + S(p.pp) + "), found " + S(mbs));
      break;
  }
  return out;
}

void check_plan(const TrainingPlan& p) {
  auto problems = plan_problems(p);
  if (!problems.empty()) throw InputError(problems);
}

void check_precision(const TrainingPlan& p, const Chip& chip) {
  if (chip.supports(p.precision)) return;
  std::string have;
  for (const auto& [prec, rate] : chip.peak_flops) have += std::string(have.empty() ? "" : ", ") + precision_name(prec);
  throw InputError(p.at("training.precision"), "training.precision",
                   std::string(precision_name(p.precision)) + " requested but " +
                       (chip.display_name.empty() ? chip.name : chip.display_name) + " has no " +
                       precision_name(p.precision) + " rate (it supports " + (have.empty() ? "none" : have) + ")");
}

}  // namespace ascendsim
