#include "sim/scenario/scenario_analysis.hpp"

#include "sim/config/overrides.hpp"
#include "sim/util/progress.hpp"

namespace ascendsim {

std::uint64_t draw_run_seed(Rng& draw_rng) { return draw_rng.fork(0x52554E).next_u64(); }

ScenarioAnalysis analyse_scenario(const Scenario& s, StepProvider& steps, const AnalysisOptions& options) {
  ScenarioAnalysis a;
  a.seed = s.seed;
  ParamSampler nominal;
  a.nominal = evaluate_scenario(s, steps, nominal, EvaluateOptions{s.seed, true});
  for (const InverseQuestion& q : s.inverse)
    if (options.inverse && !nominal.resolved(q.input)) {
      const std::vector<std::string> known(nominal.resolved_paths().begin(), nominal.resolved_paths().end());
      std::string hint;
      for (const auto& c : closest(q.input, known)) hint += (hint.empty() ? " (did you mean " : " or ") + c;
      throw InputError(SourceLocation{s.file, 0, 0}, "inverse." + q.name + ".input",
                       "no numeric input of this scenario has the key path " + quote_value(q.input) +
                           (hint.empty() ? std::string(" (see `ascendsim keys " + s.file + "`)") : hint + "?)"));
    }
  if (options.draws > 0) {
    a.draws = run_draws(static_cast<std::uint64_t>(options.draws), options.threads, s.seed,
                        [&](std::uint64_t, Rng& rng) {
                          ParamSampler values(rng);
                          const EvaluateOptions eo{draw_run_seed(rng), false};
                          DrawResult d = to_draw_result(evaluate_scenario(s, steps, values, eo).schedule);
                          const auto seen = values.uncertain_seen();  // by key path, sorted
                          for (const auto& [key, param] : seen) d.inputs.push_back({key, param.dim, values.value(param)});
                          return d;
                        });
    a.montecarlo = summarize_draws(a.draws);
  }
  if (options.sensitivity) {
    // Each uncertain input is evaluated at its low and high, plus the baseline; the count of
    // inputs is known only once the sampler has seen them, so the total stays open.
    Progress sens("sensitivity evaluations", 0);
    a.sensitivity = sensitivity([&](ParamSampler& values) {
      sens.advance();
      return evaluate_scenario(s, steps, values, EvaluateOptions{s.seed, false}).schedule.final_day;
    });
  }
  if (options.inverse && !s.inverse.empty()) {
    Progress bisect("inverse questions (bisection)", s.inverse.size());
    for (const InverseQuestion& q : s.inverse) {
      InverseAnswer ans{q, {}};
      bisect.detail(q.name);
      ans.boundary = bisect_boundary(q.fits_at, q.fails_at, [&](double x) {
        ParamSampler values;
        values.set_override(q.input, x);
        return evaluate_scenario(s, steps, values, EvaluateOptions{s.seed, false}).schedule.fits;
      }, q.tolerance);
      a.inverse.push_back(ans);
      bisect.advance();
    }
  }
  return a;
}

}  // namespace ascendsim
