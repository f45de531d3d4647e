// Loader for kind = "training": reads through Section (located, typed, unknown keys are errors),
// resolves the model path next to the file, then runs the plan checks so a bad plan never loads.
#include "sim/workload/training_plan.hpp"

#include <filesystem>

#include "sim/config/toml_reader.hpp"
#include "sim/workload/expert_balance.hpp"
#include "sim/workload/plan_check.hpp"

namespace ascendsim {

const char* schedule_name(PipelineSchedule s) {
  switch (s) {
    case PipelineSchedule::OneFOneB: return "1f1b";
    case PipelineSchedule::Interleaved: return "interleaved";
    case PipelineSchedule::DualPipe: return "dualpipe";
  }
  return "?";
}

const char* optimizer_name(OptimizerKind o) { return o == OptimizerKind::Muon ? "muon" : "adamw"; }

SourceLocation TrainingPlan::at(const std::string& key_path) const {
  auto it = where.find(key_path);
  if (it != where.end()) return it->second;
  return SourceLocation{file.empty() ? "<plan>" : file, 0, 0};
}

MicrobatchShape TrainingPlan::microbatch() const {
  MicrobatchShape mb;
  mb.sequences = micro_batch_sequences;
  mb.seq_len = seq_len;
  mb.tp = tp;
  mb.ep = ep;
  mb.sequence_parallel = sequence_parallel;
  mb.precision = precision;
  mb.routing_skew = routing_skew;
  return mb;
}

TrainingPlan load_training(const std::string& path, std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides, "training");
  Section root = doc.root();
  TrainingPlan p;
  p.file = path;
  root.choice("kind", {"training"});
  const std::string model_file = root.path_ref("model", "model file");
  auto note = [&](const Section& s, const std::string& key) { p.where[s.key_path(key)] = s.location(key); };
  note(root, "model");

  Section tr = root.table("training");
  p.tokens = tr.quantity("tokens", Dimension::Count, 1);
  p.seq_len = tr.integer("sequence_length", 1, 1L << 30);
  const bool by_tokens = tr.has("global_batch_tokens"), by_seqs = tr.has("global_batch_sequences");
  if (by_tokens == by_seqs) {
    tr.error("", "give exactly one of global_batch_tokens and global_batch_sequences");
  } else if (by_seqs) {
    p.global_batch_sequences = tr.integer("global_batch_sequences", 1);
    note(tr, "global_batch_sequences");
  } else {
    const double bt = tr.quantity("global_batch_tokens", Dimension::Count, 1);
    note(tr, "global_batch_tokens");
    const double seqs = bt / double(p.seq_len);
    if (!root.failed() && seqs != double(long(seqs)))
      tr.error("global_batch_tokens", "global batch of " + std::to_string(long(bt)) +
                                          " tokens is not a whole number of sequences of " +
                                          std::to_string(p.seq_len) + " tokens");
    p.global_batch_sequences = long(seqs);
  }
  const std::string prec = tr.string("precision");
  note(tr, "precision");
  if (auto pr = parse_precision(prec)) p.precision = *pr;
  else if (!root.failed())
    tr.error("precision", "unknown precision \"" + prec + "\" (expected BF16, FP16, FP8, MXFP8, HiF8, FP4, MXFP4 or INT8)");
  p.optimizer = tr.choice("optimizer", {"adamw", "muon"}) == "muon" ? OptimizerKind::Muon : OptimizerKind::AdamW;
  p.gradient_reduce_bytes = tr.choice("gradient_reduce_precision", {"FP32", "BF16"}, std::string("FP32")) == "BF16" ? 2 : 4;
  p.dispatch_bytes = tr.choice("dispatch_precision", {"BF16", "FP8"}, std::string("BF16")) == "FP8" ? 1 : 2;
  p.routing_skew = tr.number_or("routing_skew", kDefaultRoutingSkew, 0, 10);

  Section par = root.table("parallel");
  for (const char* k : {"chips", "tp", "pp", "dp", "ep", "virtual_stages", "micro_batch_sequences", "microbatches",
                        "schedule", "zero_stage", "first_stage_extra_slots", "last_stage_extra_slots"})
    note(par, k);
  p.chips = par.integer("chips", 1);
  p.tp = par.integer("tp", 1, 1L << 20);
  p.pp = par.integer("pp", 1, 1L << 20);
  p.dp = par.integer("dp", 1);
  p.ep = par.integer_or("ep", 1, 1, 1L << 20);
  p.virtual_stages = par.integer_or("virtual_stages", 1, 1, 1024);
  p.micro_batch_sequences = par.integer("micro_batch_sequences", 1, 1L << 20);
  p.microbatches = par.integer_or("microbatches", 0, 0);
  const std::string sched = par.choice("schedule", {"1f1b", "interleaved", "dualpipe"});
  p.schedule = sched == "interleaved" ? PipelineSchedule::Interleaved
               : sched == "dualpipe"  ? PipelineSchedule::DualPipe
                                      : PipelineSchedule::OneFOneB;
  p.zero_stage = int(par.integer("zero_stage", 0, 3));
  const std::string rc = par.choice("recompute", {"none", "selective", "full"});
  p.recompute = rc == "full" ? RecomputeKind::Full : rc == "selective" ? RecomputeKind::Selective : RecomputeKind::None;
  p.sequence_parallel = par.boolean_or("sequence_parallel", p.tp > 1);
  p.first_stage_extra_slots = par.integer_or("first_stage_extra_slots", 0, 0, 64);
  p.last_stage_extra_slots = par.integer_or("last_stage_extra_slots", 0, 0, 64);

  if (auto ov = root.table_opt("overlap")) {
    p.overlap.tp_comm = ov->boolean_or("tp_comm", p.overlap.tp_comm);
    const std::string dpr = ov->choice("dp_reduce", {"buckets", "last_op", "none"}, std::string("buckets"));
    p.overlap.dp_buckets = dpr == "buckets";
    p.overlap.dp_exposed = dpr == "none";
    p.overlap.ep_combined_1f1b =
        ov->choice("ep_comm", {"none", "combined_1f1b"}, std::string("none")) == "combined_1f1b";
    p.overlap.zero_prefetch = ov->boolean_or("zero_prefetch", p.overlap.zero_prefetch);
    p.overlap.dualpipe_steady_only = ov->choice("dualpipe_pairing", {"steady", "all"}, std::string("steady")) == "steady";
    p.overlap.compute_slowdown = ov->number_or("compute_slowdown", p.overlap.compute_slowdown, 0, 0.99);
  }
  if (auto mem = root.table_opt("memory")) {
    p.weight_bytes = mem->number_or("weight_bytes", 2, 0.5, 8);
    p.gradient_bytes = mem->number_or("gradient_bytes", 4, 0.5, 8);
    p.master_bytes = mem->number_or("master_bytes", 4, 0, 8);
    p.optimizer_state_bytes = mem->number_or("optimizer_state_bytes", 4, 0.5, 8);
    p.activation_cache_bytes = mem->number_or("activation_cache_bytes", 2, 0.5, 4);
  }
  doc.finish();

  p.model_file = model_file;
  p.model = load_model(p.model_file, overrides);
  check_plan(p);
  return p;
}

}  // namespace ascendsim
