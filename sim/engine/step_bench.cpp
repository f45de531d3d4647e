// Times simulate_step on the two benchmark cases with the cache off; peak RSS from getrusage of
// this process and of its reaped children (each SimGrid run is a forked child).
#include "sim/engine/step_bench.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>

#include "sim/engine/step_executor.hpp"

namespace ascendsim {

std::vector<StepBenchCase> bench_step_level(const std::string& root) {
  const ChipCatalogue cat = load_chip_catalogue(root + "/platforms/chips.toml");
  struct Case {
    const char* name;
    const char* spec;
    const char* workload;
    double target;
  };
  const Case cases[] = {
      {"deepseek-v3 on 2,048 H800", "/platforms/specs/h800-2048.toml", "/workloads/deepseek-v3-train.toml", 2.0},
      {"deepseek-v4-pro on Atlas 950 (8,192 chips)", "/platforms/specs/atlas950-superpod.toml",
       "/workloads/deepseek-v4-pro-train.toml", 10.0},
  };
  std::vector<StepBenchCase> out;
  for (const auto& c : cases) {
    StepRequest rq;
    rq.plan = load_training(root + c.workload);
    rq.catalogue = &cat;
    rq.platform = platform_for_chips(load_platform_spec(root + c.spec, cat), rq.plan.chips);
    rq.use_cache = false;
    const auto t0 = std::chrono::steady_clock::now();
    const StepResult r = simulate_step(rq);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rusage self{}, kids{};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &kids);
    const double rss_kB = double(std::max(self.ru_maxrss, kids.ru_maxrss));
    out.push_back(StepBenchCase{c.name, wall, rss_kB / (1024.0 * 1024.0), r.step_time_s, c.target});
  }
  return out;
}

}  // namespace ascendsim
