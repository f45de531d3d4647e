// `ascendsim serve` (request-level serving simulation, or the largest decode batch under a TPOT
// limit) and `ascendsim demand` (chips and months of supply for a token demand). Registers the
// "deployment" validator. Pipeline: load inputs -> fit EP all-to-all on the platform (SimGrid, one
// call) -> pure serving model -> print.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/serving_economics_report.hpp"
#include "sim/config/units.hpp"
#include "sim/platform/platform_info.hpp"
#include "sim/serving/ep_alltoall.hpp"
#include "sim/serving/kv_capacity.hpp"
#include "sim/serving/price_list.hpp"
#include "sim/serving/serving_sim.hpp"
#include "sim/serving/token_demand.hpp"
#include "sim/supply/supply_file.hpp"
#include "sim/trace/trace_output.hpp"

namespace ascendsim::cli {

namespace {

KindRegistrar prices_kind{{"prices", [](const std::string& path) {
  load_price_list(path, load_chip_catalogue(validate_catalogue()));
}}};

KindRegistrar deployment_kind{{"deployment", [](const std::string& path) {
  const Deployment d = load_deployment(path);
  if (!d.model_file.empty()) {
    const ChipCatalogue cat = load_chip_catalogue(validate_catalogue());
    make_serving_model(load_model(d.model_file), cat.find(d.chip), d, serving_efficiency(cat));
  }
}}};

double time_option(const std::string& opt, const std::string& text) {
  std::string why;
  const auto v = parse_quantity(text, Dimension::Time, &why);
  if (!v || !(*v > 0))
    throw InputError(SourceLocation{opt, 0, 0}, "", "expected a positive time such as 50ms, found " + quote_value(text) +
                                                       (why.empty() ? "" : " (" + why + ")"));
  return *v;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Loaded {
  PlatformInfo info;
  ModelShape model;
  Deployment dep;
  ServingModel s;
  EpCommFit fit;
};

// Loads platform, model and deployment (default: workloads/serve/<model>_<platform>.toml), checks
// they agree, and fits the EP all-to-all on the platform.
Loaded load_all(const std::string& platform_arg, const std::string& workload, const std::string& deployment,
                const std::string& catalogue) {
  Loaded L;
  ChipCatalogue cat = load_chip_catalogue(catalogue);
  const PlatformArg pa = load_platform_arg(platform_arg, cat, nullptr, true);
  const std::string& platform = pa.xml;
  L.info = pa.is_xml ? read_platform_info(platform) : platform_info(pa.spec);
  L.model = load_model(workload);
  std::string dep_path = deployment;
  if (dep_path.empty()) {
    dep_path = "workloads/serve/" + lower(L.model.name) + "_" + L.info.name + ".toml";
    if (!std::filesystem::exists(dep_path))
      throw InputError(SourceLocation{"--deployment", 0, 0}, "deployment",
                       "no --deployment given and no default deployment " + dep_path + " for model " + L.model.name +
                           " on platform " + L.info.name);
  }
  L.dep = load_deployment(dep_path);
  if (!L.dep.model_file.empty()) {
    const ModelShape dm = load_model(L.dep.model_file);
    if (dm.name != L.model.name)
      throw InputError(SourceLocation{dep_path, 0, 0}, "model",
                       "deployment is for model " + dm.name + ", --workload is " + L.model.name);
  }
  const std::string chip = L.info.chip_types.empty() ? "" : L.info.chip_types.front();
  if (chip != L.dep.chip)
    throw InputError(SourceLocation{dep_path, 0, 0}, "chip",
                     "deployment is for chip " + L.dep.chip + ", platform " + L.info.name + " has " + chip);
  L.s = make_serving_model(L.model, cat.find(chip), L.dep, serving_efficiency(cat));
  L.fit = fit_ep_alltoall(platform, L.s);
  L.s.decode_a2a = L.fit.decode;
  L.s.prefill_a2a = L.fit.prefill;
  return L;
}

nlohmann::json pct(const Percentiles& p) { return {{"p50", p.p50}, {"p90", p.p90}, {"p99", p.p99}, {"mean", p.mean}}; }

nlohmann::json step_json(const DecodeStep& st) {
  return {{"requests_per_die", st.requests_per_die}, {"tokens_per_die", st.tokens_per_die},
          {"linear_s", st.linear_s}, {"attention_s", st.attention_s}, {"experts_s", st.experts_s},
          {"dispatch_s", st.dispatch_s}, {"combine_s", st.combine_s}, {"mtp_s", st.mtp_s}, {"step_s", st.time_s},
          {"serial_s", st.serial_s}, {"pipelined_s", st.pipelined_s}, {"microbatches", st.microbatches},
          {"messages_per_layer", st.messages_per_layer}, {"experts_touched_per_die", st.experts_touched}};
}

// Largest decode batch per NPU (up to what HBM holds) whose steady-state TPOT is under the limit, at
// the mean context of a request over its decode (input + output / 2).
struct TpotPoint {
  long batch_per_npu = 0;
  double context_tokens = 0;
  DecodeStep step;
  double tpot_s = 0, tokens_per_s_per_npu = 0;
  long max_batch_per_npu = 0;
};
// The step at a given batch per NPU (serve --decode-batch), at the same mean context.
TpotPoint at_batch(const ServingModel& s, long batch_per_npu) {
  TpotPoint p;
  const double dies = std::max(1, s.chip.dies);
  p.context_tokens = s.dep.input_tokens.nominal + s.dep.output_tokens.nominal / 2.0;
  p.max_batch_per_npu = kv_limited_batch_per_npu(s, s.dep.input_tokens.nominal + s.dep.output_tokens.nominal);
  p.batch_per_npu = batch_per_npu;
  p.step = decode_step(s, double(batch_per_npu) / dies, p.context_tokens);
  p.tpot_s = tpot_s(s, p.step);
  p.tokens_per_s_per_npu = double(batch_per_npu) / p.tpot_s;
  return p;
}
TpotPoint search_tpot(const ServingModel& s, double limit_s) {
  TpotPoint p;
  const double dies = std::max(1, s.chip.dies);
  p.context_tokens = s.dep.input_tokens.nominal + s.dep.output_tokens.nominal / 2.0;
  p.max_batch_per_npu = kv_limited_batch_per_npu(s, s.dep.input_tokens.nominal + s.dep.output_tokens.nominal);
  // The batch with the most tokens/s among those under the limit (ties: the larger batch). Step
  // time grows with the batch, so the scan stops at the first batch over the limit; throughput
  // need not grow with it (a GEMM that needs one more tile row costs a whole wave), and a looser
  // limit must never give less throughput than a tighter one.
  for (long b = 1; b <= p.max_batch_per_npu; ++b) {
    const DecodeStep st = decode_step(s, double(b) / dies, p.context_tokens);
    const double tpot = tpot_s(s, st);
    if (tpot > limit_s) break;
    const double rate = double(b) / tpot;
    if (rate < p.tokens_per_s_per_npu) continue;
    p.batch_per_npu = b;
    p.step = st;
    p.tpot_s = tpot;
    p.tokens_per_s_per_npu = rate;
  }
  return p;
}

Registrar serve_reg{{"serve", "Serving simulation: throughput per chip, TTFT/TPOT percentiles, decode batch; or the largest batch under a TPOT limit",
                     60, [](CLI::App& sub) {
  struct Opts {
    std::string platform, workload, deployment, trace, trace_out, tpot_limit, catalogue = kDefaultChipCatalogue;
    std::string prices = kDefaultPriceList;
    double rate = 0;
    long requests = 10000, decode_batch = 0, context = 0;
    std::uint64_t seed = 1;
    bool json = false, force = false;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("--platform", o->platform, kPlatformHelp)->required();
  sub.add_option("--workload", o->workload, "model file (kind = \"model\")")->required();
  sub.add_option("--deployment", o->deployment, "deployment file (default workloads/serve/<model>_<platform>.toml)");
  sub.add_option("--catalogue", o->catalogue, kCatalogueHelp);
  sub.add_option("--prices", o->prices, kPricesHelp);
  auto* rate = sub.add_option("--rate", o->rate, "Poisson arrival rate, requests/s");
  auto* trace = sub.add_option("--arrivals", o->trace, "request arrivals CSV (input): arrival_s,input_tokens,output_tokens");
  rate->excludes(trace);
  add_renamed(sub, "--trace", "renamed: the request arrivals CSV (input) is --arrivals FILE; the output trace is --trace-out FILE");
  add_count(sub, "--requests", o->requests, "requests to simulate with --rate (default 10000)", 1);
  auto* tl = sub.add_option("--tpot-limit", o->tpot_limit, "TPOT limit, e.g. 50ms; without --rate/--arrivals: the batch with the most tokens/s under it");
  auto* db = add_count(sub, "--decode-batch", o->decode_batch, "TPOT and tokens/s at this decode batch per NPU (no search)", 1);
  db->excludes(tl)->excludes(rate)->excludes(trace);
  auto* ctx = add_count(sub, "--context", o->context,
                        "tokens a request holds at the end of decode (prompt = this - the deployment's output tokens); "
                        "the KV cache per die then limits the batch", 2);
  ctx->excludes(rate)->excludes(trace);
  add_count(sub, "--seed", o->seed, "seed of the arrival and length draws (default 1)");
  sub.add_option("--trace-out", o->trace_out, "write prefill batches and decode steps as a trace (.json/.csv/.paje)");
  sub.add_flag("--force", o->force, "let --trace-out replace an existing file ascendsim did not write");
  sub.add_flag("--json", o->json, "machine-readable output");
  return [o]() -> int {
    if (!o->trace_out.empty()) check_trace_file(o->trace_out, "--trace-out", o->force);  // before the work
    std::optional<double> limit;
    if (!o->tpot_limit.empty()) limit = time_option("--tpot-limit", o->tpot_limit);
    if (o->requests < 1) throw InputError(SourceLocation{"--requests", 0, 0}, "", "expected at least 1 request");
    Loaded L = load_all(o->platform, o->workload, o->deployment, o->catalogue);
    if (o->context > 0) {  // long context: the prompt grows, the output length stays the deployment's
      const double out_len = L.s.dep.output_tokens.nominal;
      if (!(double(o->context) > out_len))
        throw InputError(SourceLocation{"--context", 0, 0}, "",
                         "expected more tokens than the deployment's " + std::to_string(std::lround(out_len)) + " output tokens");
      L.s.dep.input_tokens = Param(double(o->context) - out_len);
      L.dep.input_tokens = L.s.dep.input_tokens;
    }
    const ServingModel& s = L.s;
    const Deployment& d = L.dep;
    const double decode_npus = double(d.decode.instances * d.decode.npus_per_instance);
    const double prefill_npus = double(d.prefill.instances * d.prefill.npus_per_instance);
    nlohmann::json out;
    out["platform"] = L.info.name;
    out["model"] = L.model.name;
    out["deployment"] = d.name;
    out["chip"] = d.chip;
    out["tokens_per_step"] = s.tokens_per_step;
    out["kv_bytes_per_token"] = s.kv_bytes_per_token;
    out["decode_weight_bytes_per_die"] = s.decode_weight_bytes_per_die;
    out["ep_alltoall"] = {{"decode_latency_s", s.decode_a2a.latency_s},
                          {"decode_die_Bps", s.decode_a2a.seconds_per_byte > 0 ? 1.0 / s.decode_a2a.seconds_per_byte : 0.0},
                          {"prefill_latency_s", s.prefill_a2a.latency_s},
                          {"prefill_die_Bps", s.prefill_a2a.seconds_per_byte > 0 ? 1.0 / s.prefill_a2a.seconds_per_byte : 0.0},
                          {"simulated_messages", L.fit.simulated_messages}};
    const double prefill_rate = prefill_tokens_per_s_per_npu(s, std::lround(d.input_tokens.nominal));
    if (o->rate <= 0 && o->trace.empty()) {
      const bool fixed = o->decode_batch > 0;
      const TpotPoint p = fixed ? at_batch(s, o->decode_batch) : search_tpot(s, limit.value_or(0.050));
      out["mode"] = fixed ? "decode-batch" : "tpot-limit";
      if (!fixed) out["tpot_limit_s"] = limit.value_or(0.050);
      out["context_tokens"] = p.context_tokens;
      out["decode_batch"] = {{"per_npu", p.batch_per_npu}, {"max_per_npu_hbm", p.max_batch_per_npu}};
      out["tpot_s"] = {{"p50", p.tpot_s}, {"p90", p.tpot_s}, {"p99", p.tpot_s}, {"mean", p.tpot_s}};
      out["output_tokens_per_s_per_chip"] = p.tokens_per_s_per_npu;
      out["input_tokens_per_s_per_chip"] = prefill_rate;
      out["per_chip_note"] = "output: per decode NPU at the batch found; input: per prefill NPU at a full prefill batch";
      out["decode_step"] = step_json(p.step);
      const double full_ctx = d.input_tokens.nominal + d.output_tokens.nominal;
      const ContextSplit cs = prefill_context_split(s, std::lround(d.input_tokens.nominal), prefill_rate);
      out["context"] = {{"tokens_at_end_of_decode", full_ctx}, {"prompt_tokens", cs.prompt_tokens},
                        {"kv_bytes_per_request", full_ctx * s.kv_bytes_per_token},
                        {"hbm_per_die_B", s.die.hbm_capacity_B.nominal},
                        {"kv_limited_requests_per_die", kv_limited_requests_per_die(s, full_ctx)},
                        {"prefill_split", {{"chunk_tokens_per_die", cs.chunk_tokens}, {"context_parallel_dies", cs.cp_dies},
                                           {"instance_dies", cs.instance_dies}, {"instances_spanned", cs.instances_spanned},
                                           {"prefill_s", cs.prefill_s},
                                           {"note", "chunks of batch_tokens per die, one per die; the KV exchange between "
                                                    "chunks is taken as hidden under compute"}}}};
      {
        const long len = std::lround(d.input_tokens.nominal);
        const double per_die = double(d.prefill_batch_tokens) / std::max(1, s.chip.dies);
        const long seqs = std::max(1L, static_cast<long>(std::floor(per_die / double(std::max(1L, len)))));
        const PrefillBatch pb = prefill_batch(s, seqs, len);
        out["prefill_batch"] = {{"sequences_per_die", seqs}, {"kernels_s", pb.compute_s}, {"ep_comm_s", pb.comm_s},
                                {"serial_s", pb.serial_s}, {"pipelined_s", pb.pipelined_s},
                                {"microbatches", pb.microbatches}, {"batch_s", pb.time_s}};
      }
      const double in_len = d.input_tokens.nominal, out_len = d.output_tokens.nominal;
      char mix[96];
      std::snprintf(mix, sizeof mix, "of %.0f input : %.0f output tokens per request", in_len, out_len);
      const EconomicsReport econ = economics_report(o->prices, o->catalogue, s.chip, prefill_rate, p.tokens_per_s_per_npu,
                                                    out_len / (in_len + out_len), mix);
      out["economics"] = economics_json(econ);
      if (o->json) { print_json(out.dump(2)); return 0; }
      std::printf("%s on %s (%s)\n", L.model.name.c_str(), L.info.name.c_str(), d.name.c_str());
      if (fixed)
        std::printf("decode batch %ld per NPU at %.0f context tokens (HBM allows %ld)\n", p.batch_per_npu,
                    p.context_tokens, p.max_batch_per_npu);
      else
        std::printf("TPOT limit %.1f ms at %.0f context tokens: decode batch %ld per NPU (HBM allows %ld)\n",
                    1e3 * limit.value_or(0.05), p.context_tokens, p.batch_per_npu, p.max_batch_per_npu);
      std::printf("  TPOT %.2f ms, step %.2f ms (linear %.2f, attention %.2f, experts %.2f, dispatch %.2f, combine %.2f; MTP %.2f)\n",
                  1e3 * p.tpot_s, 1e3 * p.step.time_s, 1e3 * p.step.linear_s, 1e3 * p.step.attention_s,
                  1e3 * p.step.experts_s, 1e3 * p.step.dispatch_s, 1e3 * p.step.combine_s, 1e3 * p.step.mtp_s);
      std::printf("  output %.0f tokens/s per decode NPU; prefill %.0f input tokens/s per prefill NPU\n",
                  p.tokens_per_s_per_npu, prefill_rate);
      {
        const auto& c = out["context"];
        std::printf("  KV cache: %.6g requests per die fit at %.0f tokens (%.6g GB of HBM per die - %.6g GB weights) / "
                    "(%.0f B per token x %.0f tokens)\n",
                    c["kv_limited_requests_per_die"].get<double>(), full_ctx, s.die.hbm_capacity_B.nominal / 1e9,
                    s.decode_weight_bytes_per_die / 1e9, s.kv_bytes_per_token, full_ctx);
        std::printf("  prefill of one %ld-token prompt: %ld chunk(s) of %ld tokens on %ld die(s) (context parallelism %ld; "
                    "%ld prefill instance(s) of %ld dies), %.6g s\n",
                    cs.prompt_tokens, cs.cp_dies, cs.chunk_tokens, cs.cp_dies, cs.cp_dies, cs.instances_spanned,
                    cs.instance_dies, cs.prefill_s);
      }
      print_economics(econ);
      return 0;
    }
    const std::vector<Request> reqs = o->trace.empty() ? poisson_requests(d, o->rate, o->requests, Rng(o->seed))
                                                       : load_request_trace(o->trace);
    if (reqs.empty()) throw InputError(SourceLocation{o->trace, 0, 0}, "", "trace holds no requests");
    const ServingRun run = simulate_serving(s, reqs, !o->trace_out.empty());
    std::vector<double> ttft, tpot;
    double in = 0, outt = 0, sojourn = 0;
    long met = 0, multi = 0;
    for (const auto& r : run.requests) {
      ttft.push_back(r.ttft_s());
      if (r.output_tokens > 1) {
        tpot.push_back(r.tpot_s());
        ++multi;
        if (limit && r.tpot_s() <= *limit) ++met;
      }
      in += double(r.input_tokens);
      outt += double(r.output_tokens);
      sojourn += r.done_s - r.arrival_s;
    }
    const double span = run.end_s - run.start_s;
    const double chips = decode_npus + prefill_npus;
    out["mode"] = "simulate";
    out["requests"] = static_cast<long>(reqs.size());
    out["seed"] = o->seed;
    if (o->rate > 0) out["rate_per_s"] = o->rate;
    out["chips"] = chips;
    out["span_s"] = span;
    out["output_tokens_per_s"] = outt / span;
    out["input_tokens_per_s"] = in / span;
    out["output_tokens_per_s_per_chip"] = outt / span / chips;
    out["input_tokens_per_s_per_chip"] = in / span / chips;
    out["output_tokens_per_s_per_decode_chip"] = outt / span / decode_npus;
    out["input_tokens_per_s_per_prefill_chip"] = in / span / prefill_npus;
    out["ttft_s"] = pct(percentiles(ttft));
    out["tpot_s"] = pct(percentiles(tpot));
    if (limit) out["tpot_limit_met_fraction"] = multi ? double(met) / double(multi) : 1.0;
    out["decode_batch"] = {{"mean_per_npu", run.decode_batch_mean_per_npu},
                           {"max_per_npu", run.decode_batch_max_per_npu},
                           {"limit_per_npu", d.batch_limit_per_npu},
                           {"occupancy", run.decode_batch_mean_per_npu / double(d.batch_limit_per_npu)}};
    out["littles_law"] = {{"time_average_in_system", time_average_in_system(run)},
                          {"arrival_rate_per_s", double(reqs.size()) / span},
                          {"mean_time_in_system_s", sojourn / double(reqs.size())}};
    out["prefill_batches"] = run.prefill_batches;
    out["decode_steps"] = run.decode_steps;
    out["prefill_capacity_input_tokens_per_s"] = prefill_rate * prefill_npus;
    const EconomicsReport econ = economics_report(o->prices, o->catalogue, s.chip, in / span / prefill_npus,
                                                  outt / span / decode_npus, outt / (in + outt),
                                                  "of the simulated requests (idle pool time included)");
    out["economics"] = economics_json(econ);
    if (!o->trace_out.empty()) write_trace_file(o->trace_out, run.trace, "--trace-out", o->force);
    if (o->json) { print_json(out.dump(2)); return 0; }
    std::printf("%s on %s (%s): %zu requests over %.1f s\n", L.model.name.c_str(), L.info.name.c_str(), d.name.c_str(),
                reqs.size(), span);
    std::printf("  throughput: %.0f output + %.0f input tokens/s = %.1f + %.1f per chip (%g chips)\n", outt / span,
                in / span, outt / span / chips, in / span / chips, chips);
    const auto pt = percentiles(ttft), pp = percentiles(tpot);
    std::printf("  TTFT p50 %.3f s, p90 %.3f s, p99 %.3f s\n", pt.p50, pt.p90, pt.p99);
    std::printf("  TPOT p50 %.2f ms, p90 %.2f ms, p99 %.2f ms\n", 1e3 * pp.p50, 1e3 * pp.p90, 1e3 * pp.p99);
    std::printf("  decode batch per NPU: mean %.1f, max %.1f, limit %ld (occupancy %.0f%%)\n",
                run.decode_batch_mean_per_npu, run.decode_batch_max_per_npu, d.batch_limit_per_npu,
                100.0 * run.decode_batch_mean_per_npu / double(d.batch_limit_per_npu));
    print_economics(econ);
    return 0;
  };
}, "ascendsim serve --platform platforms/cloudmatrix384.xml --workload workloads/deepseek-v3.toml --tpot-limit 50ms"}};

// First platform under platforms/ (sorted) whose chip is `chip`.
std::string platform_for_chip(const std::string& chip) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator("platforms"))
    if (e.path().extension() == ".xml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    const PlatformInfo info = read_platform_info(f);
    if (!info.chip_types.empty() && info.chip_types.front() == chip && info.supernodes == 1) return f;
  }
  throw InputError(SourceLocation{"--chip", 0, 0}, "chip", "no single-supernode platform under platforms/ has chip " + chip);
}

Registrar demand_reg{{"demand", "Chips (and months of supply) needed to serve a token demand", 61, [](CLI::App& sub) {
  struct Opts {
    double tokens_per_day = 0, utilisation = 1.0, rate = 0, input_rate = 0;
    std::optional<double> share;
    std::string chip = "ascend-910c", platform, workload = "workloads/deepseek-v3.toml", deployment, supply, scenario;
    std::string catalogue = kDefaultChipCatalogue, prices = kDefaultPriceList;
    std::string tpot_limit = "50ms";
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("--tokens-per-day", o->tokens_per_day, "demand, tokens per day (e.g. 180e12)")->required();
  sub.add_option("--output-share", o->share, "fraction of the tokens that are output (decode) tokens (an assumption)");
  sub.add_option("--utilisation", o->utilisation, "average utilisation of the fleet (default 1)");
  auto* chip = sub.add_option("--chip", o->chip, "chip whose simulated rates size the fleet (default ascend-910c)");
  auto* rate = sub.add_option("--rate-per-chip", o->rate, "output tokens/s per chip instead of simulating");
  rate->excludes(chip);
  sub.add_option("--input-rate-per-chip", o->input_rate, "input tokens/s per prefill chip (with --rate-per-chip and --output-share)");
  sub.add_option("--platform", o->platform, "platform for the simulated rates (default: the single-supernode platform of --chip)");
  sub.add_option("--workload", o->workload, "model for the simulated rates (default workloads/deepseek-v3.toml)");
  sub.add_option("--deployment", o->deployment, "deployment for the simulated rates");
  sub.add_option("--catalogue", o->catalogue, kCatalogueHelp);
  sub.add_option("--prices", o->prices, kPricesHelp);
  sub.add_option("--tpot-limit", o->tpot_limit, "TPOT limit for the simulated decode rate (default 50ms)");
  auto* supply = sub.add_option("--supply", o->supply, "supply file (kind = \"supply\") for months of output");
  sub.add_option("--scenario", o->scenario, "scenario of the supply file")->needs(supply);
  sub.add_flag("--json", o->json, "machine-readable output");
  return [o]() -> int {
    DemandInput in;
    in.tokens_per_day = o->tokens_per_day;
    in.utilisation = o->utilisation;
    in.output_share = o->share;
    nlohmann::json out;
    double wafer_eq = 1.0;
    std::string chip_name = o->chip;
    if (o->rate > 0 || o->input_rate > 0) {
      in.decode_rate_per_chip = o->rate;
      in.prefill_rate_per_chip = o->input_rate;
      out["rates"] = "given";
      if (o->rate > 0 && !o->share) out["method"] = "every token at the given per-chip rate (seeds/000 section 3)";
    } else {
      const std::string platform = o->platform.empty() ? platform_for_chip(o->chip) : o->platform;
      const Loaded L = load_all(platform, o->workload, o->deployment, o->catalogue);
      chip_name = L.dep.chip;
      const TpotPoint p = search_tpot(L.s, time_option("--tpot-limit", o->tpot_limit));
      in.decode_rate_per_chip = p.tokens_per_s_per_npu;
      in.prefill_rate_per_chip = prefill_tokens_per_s_per_npu(L.s, std::lround(L.dep.input_tokens.nominal));
      if (!in.output_share) {
        in.output_share = 0.2;
        out["output_share_assumption"] =
            "20% of tokens are output tokens (not measured for China's token mix; pass --output-share)";
      }
      out["rates"] = "simulated";
      out["platform"] = L.info.name;
      out["deployment"] = L.dep.name;
      out["decode_batch_per_npu"] = p.batch_per_npu;
    }
    if (in.output_share) out["output_share"] = *in.output_share;
    const DemandResult r = token_demand(in);
    const ChipCatalogue cat = load_chip_catalogue(o->catalogue);
    if (cat.chips.count(chip_name)) wafer_eq = cat.chips.at(chip_name).ascend_wafer_equivalent;
    // Cost per token of the fleet: utilisation stretches the chip-time per token (rate x utilisation).
    std::optional<EconomicsReport> econ;
    if (cat.chips.count(chip_name)) {
      const double share = in.output_share.value_or(1.0);
      char mix[80];
      std::snprintf(mix, sizeof mix, "of the demand (%.4g%% output tokens)", 100 * share);
      econ = economics_report(o->prices, o->catalogue, cat.chips.at(chip_name),
                              share < 1 ? in.prefill_rate_per_chip * o->utilisation : 0,
                              share > 0 ? in.decode_rate_per_chip * o->utilisation : 0, share, mix);
      out["economics"] = economics_json(*econ);
      if (econ->priced) {
        out["economics"]["fleet_usd_per_day"] = r.chips * econ->econ.chip_hour_usd * 24;
        if (econ->has_energy) out["economics"]["fleet_MW"] = r.chips * econ->econ.power_per_chip_W * econ->econ.pue / 1e6;
      }
    }
    out["chip"] = chip_name;
    out["tokens_per_s"] = r.tokens_per_s;
    out["input_tokens_per_s"] = r.input_tokens_per_s;
    out["output_tokens_per_s"] = r.output_tokens_per_s;
    out["utilisation"] = o->utilisation;
    out["decode_rate_per_chip"] = in.decode_rate_per_chip;
    out["prefill_rate_per_chip"] = in.prefill_rate_per_chip;
    out["decode_chips"] = r.decode_chips;
    out["prefill_chips"] = r.prefill_chips;
    out["chips"] = r.chips;
    out["chips_910c_equivalent"] = r.chips * wafer_eq;
    if (!o->supply.empty()) {
      const SupplyFile f = load_supply_file(o->supply);
      const SupplyScenario* scn = o->scenario.empty() ? (f.scenarios.empty() ? nullptr : &f.scenarios.front()) : f.find(o->scenario);
      if (!scn) throw InputError(SourceLocation{"--scenario", 0, 0}, "", "no scenario \"" + o->scenario + "\" in " + o->supply);
      out["scenario"] = scn->name;
      out["months_of_output"] = months_of_output(r.chips * wafer_eq, *scn);
    }
    if (o->json) { print_json(out.dump(2)); return 0; }
    std::printf("demand %.4g tokens/day = %.4g tokens/s (%.4g input, %.4g output)\n", o->tokens_per_day, r.tokens_per_s,
                r.input_tokens_per_s, r.output_tokens_per_s);
    std::printf("rates per chip (%s): decode %.1f output tokens/s, prefill %.1f input tokens/s; utilisation %.0f%%\n",
                out["rates"].get<std::string>().c_str(), in.decode_rate_per_chip, in.prefill_rate_per_chip,
                100 * o->utilisation);
    std::printf("chips needed: %.4g (%.4g prefill + %.4g decode) %s\n", r.chips, r.prefill_chips, r.decode_chips, chip_name.c_str());
    if (out.contains("months_of_output"))
      std::printf("months of %s output: %.2f\n", out["scenario"].get<std::string>().c_str(), out["months_of_output"].get<double>());
    if (econ) {
      print_economics(*econ);
      if (out["economics"].contains("fleet_usd_per_day"))
        std::printf("  fleet: $%.6g per day", out["economics"]["fleet_usd_per_day"].get<double>());
      if (out["economics"].contains("fleet_MW")) std::printf(", %.6g MW at the meter", out["economics"]["fleet_MW"].get<double>());
      if (out["economics"].contains("fleet_usd_per_day")) std::printf("\n");
    }
    return 0;
  };
}, "ascendsim demand --tokens-per-day 180e12 --rate-per-chip 538 --utilisation 0.5"}};

}  // namespace

}  // namespace ascendsim::cli
