// Loader for kind = "deployment" files. Every number a planner may vary (request lengths, MTP
// acceptance) is a Param; layout integers are checked against each other with located errors.
#include "sim/serving/deployment.hpp"

#include <filesystem>
#include <tuple>

#include "sim/platform/chip_catalogue.hpp"

namespace ascendsim {

namespace {

Precision read_precision(const Section& s, const std::string& key, Precision fallback) {
  if (!s.has(key)) return fallback;
  const std::string text = s.string(key);
  if (auto p = parse_precision(text)) return *p;
  s.error(key, "expected a precision (BF16, FP16, FP8, MXFP8, HiF8, FP4, MXFP4, INT8), found " + quote_value(text));
  return fallback;
}

PoolLayout read_pool(const Section& s) {
  PoolLayout p;
  p.instances = s.integer("instances", 0, 1L << 20);
  p.npus_per_instance = s.integer("npus_per_instance", 0, 1L << 20);
  p.ep = s.integer("ep", 0, 1L << 24);
  p.shared_expert_ranks = s.integer_or("shared_expert_ranks", 0, 0, 1L << 24);
  p.redundant_experts = s.integer_or("redundant_experts", 0, 0, 1L << 24);
  if (p.instances < 1) s.error("instances", "expected at least 1 instance, found " + std::to_string(p.instances));
  if (p.npus_per_instance < 1)
    s.error("npus_per_instance", "expected at least 1 NPU per instance, found " + std::to_string(p.npus_per_instance));
  if (p.ep < 1) s.error("ep", "expected an expert-parallel degree of at least 1, found " + std::to_string(p.ep));
  if (p.shared_expert_ranks >= p.ep && p.ep >= 1 && p.shared_expert_ranks > 0)
    s.error("shared_expert_ranks", "expected fewer shared-expert ranks than ep = " + std::to_string(p.ep) +
                                       ", found " + std::to_string(p.shared_expert_ranks));
  return p;
}

}  // namespace

Deployment load_deployment(const std::string& path, std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides);
  Section root = doc.root();
  Deployment d;
  d.file = path;
  root.choice("kind", {"deployment"});
  d.name = root.string("name");
  if (root.has("model")) {
    d.model_file = root.path_ref("model", "model file");
  }
  d.chip = root.string("chip");
  const ChipCatalogue cat = load_chip_catalogue();
  const Chip* chip = nullptr;
  if (cat.chips.count(d.chip)) chip = &cat.chips.at(d.chip);
  else if (!d.chip.empty()) root.error("chip", "unknown chip \"" + d.chip + "\" (not in " + cat.path + ")");
  d.dies_per_npu = chip ? chip->dies : 1;

  Section pre = root.table("prefill");
  d.prefill = read_pool(pre);
  d.prefill_batch_tokens = pre.integer_or("batch_tokens", 16384, 0, 1L << 30);
  if (d.prefill_batch_tokens < 1) pre.error("batch_tokens", "expected at least 1 token per prefill batch, found 0");
  d.prefill_ep_at = pre.location("ep");

  Section dec = root.table("decode");
  d.decode = read_pool(dec);
  d.batch_limit_per_npu = dec.integer("batch_limit", 0, 1L << 20);
  if (d.batch_limit_per_npu < 1)
    dec.error("batch_limit", "expected a decode batch limit of at least 1 request per NPU, found " +
                                 std::to_string(d.batch_limit_per_npu));
  d.decode_ep_at = dec.location("ep");
  d.batch_limit_at = dec.location("batch_limit");
  for (auto [sec, pool, what] : {std::tuple{&pre, &d.prefill, "prefill"}, std::tuple{&dec, &d.decode, "decode"}}) {
    const long ranks = pool->npus_per_instance * d.dies_per_npu;
    if (pool->ep >= 1 && ranks >= 1 && ranks % pool->ep != 0)
      sec->error("ep", std::string("expected an expert-parallel degree that divides the ") + what + " instance's " +
                           std::to_string(ranks) + " dies (" + std::to_string(pool->npus_per_instance) + " NPUs x " +
                           std::to_string(d.dies_per_npu) + " dies), found " + std::to_string(pool->ep));
  }

  Section prec = root.table("precision");
  d.weight_precision = read_precision(prec, "weights", Precision::INT8);
  d.kv_precision = read_precision(prec, "kv_cache", Precision::BF16);
  d.precision_at = prec.location("weights");
  if (chip && !chip->supports(d.weight_precision))
    prec.error("weights", std::string("chip ") + d.chip + " has no " + precision_name(d.weight_precision) +
                              " rate; expected one of the precisions in its [peak] table");

  if (auto mtp = root.table_opt("mtp")) {
    d.mtp_draft_tokens = mtp->integer("draft_tokens", 0, 8);
    d.mtp_acceptance = mtp->param("acceptance", Dimension::Fraction, 0, 1);
    d.mtp_at = mtp->location("draft_tokens");
  }
  Section req = root.table("requests");
  d.input_tokens = req.param("input_tokens", Dimension::Count, 1, 1e8);
  d.output_tokens = req.param("output_tokens", Dimension::Count, 1, 1e8);
  doc.finish();
  return d;
}

}  // namespace ascendsim
