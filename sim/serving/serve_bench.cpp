// See serve_bench.hpp. Arrivals at 80% of the deployment's prefill capacity (the binding pool for
// 4K-token prompts), so queues stay finite and every request completes.
#include "sim/serving/serve_bench.hpp"

#include <chrono>

#include "sim/platform/platform_info.hpp"
#include "sim/serving/ep_alltoall.hpp"
#include "sim/serving/serving_sim.hpp"

namespace ascendsim {

ServeBenchResult bench_serve(long requests) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  const std::string platform = "platforms/cloudmatrix384.xml";
  const Deployment dep = load_deployment("workloads/serve/deepseek-v3_cloudmatrix384.toml");
  const ChipCatalogue cat = load_chip_catalogue();
  ServingModel s = make_serving_model(load_model("workloads/deepseek-v3.toml"), cat.find(dep.chip), dep,
                                      serving_efficiency(cat));
  const auto t1 = clock::now();
  const EpCommFit fit = fit_ep_alltoall(platform, s);
  s.decode_a2a = fit.decode;
  s.prefill_a2a = fit.prefill;
  const auto t2 = clock::now();
  const long len = static_cast<long>(dep.input_tokens.nominal);
  const double rate = 0.8 * prefill_tokens_per_s_per_npu(s, len) * double(dep.prefill.instances * dep.prefill.npus_per_instance) /
                      dep.input_tokens.nominal;
  const ServingRun run = simulate_serving(s, poisson_requests(dep, rate, requests, Rng(1)));
  const auto t3 = clock::now();
  ServeBenchResult r;
  r.requests = requests;
  r.fit_seconds = std::chrono::duration<double>(t2 - t1).count();
  r.simulate_seconds = std::chrono::duration<double>(t3 - t2).count();
  r.total_seconds = std::chrono::duration<double>(t3 - t0).count();
  double out = 0;
  for (const auto& q : run.requests) out += double(q.output_tokens);
  const double chips = double(dep.decode.instances * dep.decode.npus_per_instance +
                              dep.prefill.instances * dep.prefill.npus_per_instance);
  r.output_tokens_per_s_per_chip = out / (run.end_s - run.start_s) / chips;
  return r;
}

}  // namespace ascendsim
