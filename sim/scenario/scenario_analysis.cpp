#include "sim/scenario/scenario_analysis.hpp"

namespace ascendsim {

std::uint64_t draw_run_seed(Rng& draw_rng) { return draw_rng.fork(0x52554E).next_u64(); }

ScenarioAnalysis analyse_scenario(const Scenario& s, StepProvider& steps, const AnalysisOptions& options) {
  ScenarioAnalysis a;
  a.seed = s.seed;
  ParamSampler nominal;
  a.nominal = evaluate_scenario(s, steps, nominal, EvaluateOptions{s.seed, true});
  for (const InverseQuestion& q : s.inverse)
    if (options.inverse && !nominal.resolved(q.input))
      throw InputError(SourceLocation{s.file, 0, 0}, "inverse." + q.name + ".input",
                       "no input of this scenario has the key path " + quote_value(q.input));
  if (options.draws > 0) {
    a.draws = run_draws(static_cast<std::uint64_t>(options.draws), options.threads, s.seed,
                        [&](std::uint64_t, Rng& rng) {
                          ParamSampler values(rng);
                          const EvaluateOptions eo{draw_run_seed(rng), false};
                          return to_draw_result(evaluate_scenario(s, steps, values, eo).schedule);
                        },
                        options.progress);
    a.montecarlo = summarize_draws(a.draws);
  }
  if (options.sensitivity) {
    a.sensitivity = sensitivity([&](ParamSampler& values) {
      return evaluate_scenario(s, steps, values, EvaluateOptions{s.seed, false}).schedule.final_day;
    });
  }
  if (options.inverse) {
    for (const InverseQuestion& q : s.inverse) {
      InverseAnswer ans{q, {}};
      ans.boundary = bisect_boundary(q.fits_at, q.fails_at, [&](double x) {
        ParamSampler values;
        values.set_override(q.input, x);
        return evaluate_scenario(s, steps, values, EvaluateOptions{s.seed, false}).schedule.fits;
      }, q.tolerance);
      a.inverse.push_back(ans);
    }
  }
  return a;
}

}  // namespace ascendsim
