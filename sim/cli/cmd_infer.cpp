// `ascendsim infer PRIORS --evidence FILE [--draws N] [--shard K/M --out DIR] [--json]`: what the
// evidence implies. Draws from the priors (a scenario, or an alternatives file of scenarios with
// prior weights), weights each draw by the likelihood of every observation (importance sampling,
// exact), and prints prior vs posterior for every uncertain input, the posterior of each choice,
// the posterior-predictive milestone dates against the observed ones, the acceptance rate and the
// effective sample size (docs/inference.md).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "sim/cli/cli_args.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/infer_outputs.hpp"
#include "sim/infer/infer_parts.hpp"
#include "sim/infer/infer_report.hpp"
#include "sim/trace/output_dir.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/util/provenance.hpp"

namespace ascendsim::cli {

namespace {

KindRegistrar evidence_kind{{"evidence", [](const std::string& path) { (void)load_evidence(path); }}};
KindRegistrar alternatives_kind{{"alternatives", [](const std::string& path) {
  const PriorSet p = load_prior_set(path);
  for (const Alternative& a : p.alternatives) (void)load_scenario(a.scenario_path);
}}};

Registrar reg{{"infer", "Condition a scenario's priors (or several alternative scenarios) on observed evidence: "
                        "posterior of every input and choice, and what must have been true",
               7, [](CLI::App& sub) {
  struct Opts {
    std::string priors, evidence, shard, out;
    bool force = false;
    long draws = 1000;
    std::optional<unsigned> threads;
    std::optional<std::uint64_t> seed;
    bool json = false, no_cache = false;
    std::size_t top = 10;
  };
  auto o = std::make_shared<Opts>();
  sub.add_option("priors", o->priors, "a scenario (kind = \"scenario\") or an alternatives file (kind = \"alternatives\")")->required();
  sub.add_option("--evidence", o->evidence, "evidence file (kind = \"evidence\"), e.g. timelines/evidence/v4.toml")->required();
  add_count(sub, "--draws", o->draws, "prior draws (default 1000)");
  add_count(sub, "--threads", o->threads, "threads (default 2; the result does not depend on it)");
  add_count(sub, "--seed", o->seed, "seed of the draws (default: the priors file's)");
  add_count(sub, "--top", o->top, "inputs listed in the terminal summary (default 10; --json has all)");
  sub.add_flag("--json", o->json, "print the result as JSON");
  sub.add_flag("--no-cache", o->no_cache, "re-simulate steps instead of reading the step cache");
  sub.add_option("--shard", o->shard, "draw only shard K of M (K/M: draws with index % M == K - 1) and write "
                                      "DIR/infer-part-K-of-M.json; `ascendsim merge` combines the parts");
  sub.add_option("-o,--out", o->out, "write infer.json and report.html (prior vs posterior densities, choices, predictive "
                                     "dates) into this directory; with --shard, the part file");
  sub.add_flag("--force", o->force, "write into --out beside files ascendsim did not write (never replaces them)");
  return [o]() -> int {
    if (o->draws < 1) throw InputError(SourceLocation{"--draws", 0, 0}, "", "needs at least 1 draw");
    const PriorSet priors = load_prior_set(o->priors);
    const Evidence evidence = load_evidence(o->evidence);
    InferOptions io;
    io.draws = o->draws;
    io.threads = o->threads.value_or(2);
    io.use_cache = !o->no_cache;
    io.seed = o->seed;
    if (!o->shard.empty()) {
      const ShardSpec shard = parse_shard(o->shard);
      if (o->out.empty()) throw InputError(SourceLocation{"--shard", 0, 0}, "--out", "a shard writes its part file into --out DIR");
      OutputDir out(o->out, o->force);  // refuse a foreign directory before the work
      const std::string name = infer_part_name(shard);
      out.claim({name});
      const InferDraws d = draw_inference(priors, evidence, io, &shard);
      out.write(name, render_infer_part(priors, evidence, d, shard));
      std::printf("wrote %s (%zu of %ld draws)\n", out.path(name).c_str(), d.index.size(), o->draws);
      return 0;
    }
    std::optional<OutputDir> out;
    if (!o->out.empty()) {
      out.emplace(o->out, o->force);  // refuse a foreign directory before the work
      out->claim(kInferFiles);
    }
    const InferResult r = run_inference(priors, evidence, io);
    ProvenanceFacts pf;
    pf.options["draws"] = o->draws;
    if (o->seed) pf.options["seed"] = *o->seed;
    pf.options["no_cache"] = o->no_cache;
    pf.threads = io.threads;
    pf.cache = step_cache_facts(io.use_cache);
    pf.cache.steps_from_cache = r.steps_from_cache;
    pf.cache.steps_simulated = r.steps_simulated;
    print_infer_outputs(priors, evidence, r, provenance_json(pf), o->json, o->top, out ? &*out : nullptr);
    return 0;
  };
}, "ascendsim infer timelines/evidence/v4-hardware-priors.toml --evidence timelines/evidence/v4.toml --draws 200 --out /tmp/v4-infer"}};

}  // namespace

}  // namespace ascendsim::cli
