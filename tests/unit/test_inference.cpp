// Inference from evidence (issue 19): importance sampling checked on cases with known answers.
// - ESS, weighted quantiles and the KS test on hand-worked samples;
// - a conjugate normal case against its closed-form posterior;
// - a one-sided "existed by" case against its closed form (a truncated uniform);
// - simulation-based calibration (Talts et al. 2018, arXiv 1804.06788): in each of 200 trials the
//   truth is drawn from the prior, its output turned into evidence by the same generative model the
//   likelihood states, and the truth's rank in the posterior recorded: the ranks must be uniform
//   (KS at the 1% level) and the 80% interval must hold the truth in 80% +- 6% of trials. A point-
//   date likelihood on the same data (the bias the issue warns of) must fail the same test.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/infer/importance.hpp"
#include "sim/infer/likelihood.hpp"
#include "sim/infer/posterior.hpp"
#include "sim/util/rng.hpp"

using namespace ascendsim;

TEST_CASE("Effective sample size, weighted quantiles and CDF by hand", "[infer]") {
  CHECK(effective_sample_size({1, 1, 1, 1}) == Approx(4));
  CHECK(effective_sample_size({1, 0, 0, 0}) == Approx(1));
  CHECK(effective_sample_size({2, 1}) == Approx(9.0 / 5.0));  // (2+1)^2 / (4+1)
  CHECK(effective_sample_size({0, 0}) == 0);
  // Equal weights: values sit at (i + 1/2)/n = 0.125, 0.375, 0.625, 0.875.
  const std::vector<double> v{4, 1, 3, 2}, ones{1, 1, 1, 1};
  CHECK(weighted_quantile(v, ones, 0.5) == Approx(2.5));
  CHECK(weighted_quantile(v, ones, 0.375) == Approx(2));
  CHECK(weighted_quantile(v, ones, 0.05) == Approx(1));
  CHECK(weighted_quantile(v, ones, 0.95) == Approx(4));
  // Weight 3 on the value 4: positions 1/12, 3/12, 5/12 and (3 + 1.5)/6 = 0.75.
  CHECK(weighted_quantile(v, {3, 1, 1, 1}, 0.75) == Approx(4));
  CHECK(weighted_quantile(v, {0, 1, 1, 1}, 0.5) == Approx(2));  // weight 0 does not count
  CHECK(weighted_cdf(v, ones, 2.5) == Approx(0.5));
  CHECK(weighted_cdf(v, ones, 2) == Approx(0.375));  // half the tie
  CHECK_THROWS(weighted_quantile(v, {0, 0, 0, 0}, 0.5));
  CHECK(weighted_ks_distance(v, ones, ones) == Approx(0));
  CHECK(weighted_ks_distance(v, ones, {0, 1, 0, 0}) == Approx(0.75));  // all mass on 1 vs F(1) = 1/4
}

TEST_CASE("KS uniformity test on samples with known answers", "[infer]") {
  std::vector<double> grid;
  for (int i = 0; i < 200; ++i) grid.push_back((i + 0.5) / 200);
  CHECK(ks_uniform_test(grid).d == Approx(0.0025));
  CHECK(ks_uniform_test(grid).p_value > 0.99);
  std::vector<double> low(200, 0.1);
  CHECK(ks_uniform_test(low).d == Approx(0.9));
  CHECK(ks_uniform_test(low).p_value < 1e-10);
  // D = 0.1 with n = 100: lambda = (10 + 0.12 + 0.011) * 0.1 = 1.0131, Q_KS = 0.2562 (tables of
  // Kolmogorov's distribution: Q(1.0) = 0.2700, Q(1.05) = 0.2202).
  std::vector<double> shifted;
  for (int i = 0; i < 100; ++i) shifted.push_back(std::min(1.0, i / 100.0 + 0.1));  // x_i - i/n = 0.1
  const KsTest t = ks_uniform_test(shifted);
  CHECK(t.d == Approx(0.1).margin(1e-6));
  CHECK(t.p_value == Approx(0.2562).margin(0.003));
}

namespace {

Observation normal_obs(const std::string& output, double observed, double sd) {
  Observation o;
  o.name = "measured";
  o.output = output;
  o.kind = LikelihoodKind::Normal;
  o.observed = observed;
  o.sd = sd;
  return o;
}

Observation existed_by(const std::string& output, double observed, double max_lag) {
  Observation o;
  o.name = "seen";
  o.output = output;
  o.kind = LikelihoodKind::ExistedBy;
  o.observed = observed;
  o.max_lag_days = max_lag;
  return o;
}

}  // namespace

TEST_CASE("Conjugate normal: importance sampling reproduces the closed-form posterior", "[infer]") {
  // Prior theta ~ N(0, 1); y | theta ~ N(theta, 0.5^2); y = 1.2. Posterior precision 1 + 4 = 5:
  // mean 4 * 1.2 / 5 = 0.96, sd sqrt(1/5) = 0.44721.
  const Observation y = normal_obs("inputs.theta", 1.2, 0.5);
  Rng rng(7);
  std::vector<double> theta, w;
  for (int i = 0; i < 200000; ++i) {
    DrawOutputs d;
    d.numbers["inputs.theta"] = rng.normal(0, 1);
    theta.push_back(d.numbers["inputs.theta"]);
    w.push_back(observation_likelihood(y, d));
  }
  double sw = 0, m = 0, m2 = 0;
  for (std::size_t i = 0; i < theta.size(); ++i) sw += w[i], m += w[i] * theta[i], m2 += w[i] * theta[i] * theta[i];
  m /= sw;
  const double sd = std::sqrt(m2 / sw - m * m);
  CHECK(m == Approx(0.96).margin(0.01));
  CHECK(sd == Approx(0.44721).margin(0.01));
  // The posterior median of a normal is its mean; the 10% point is mean - 1.28155 sd = 0.38688.
  CHECK(weighted_quantile(theta, w, 0.5) == Approx(0.96).margin(0.01));
  CHECK(weighted_quantile(theta, w, 0.1) == Approx(0.38688).margin(0.015));
}

TEST_CASE("Existed-by evidence: the posterior is the prior truncated at the observed date", "[infer]") {
  // theta ~ U(0, 100) days of delay; the milestone is reached on day 20000 + theta; it was seen on
  // day 20060 (lag <= 1000 d): theta | seen ~ U(0, 60): median 30, 10% 6, 90% 54, acceptance 60%.
  const Observation seen = existed_by("milestones.m", 20060, 1000);
  Rng rng(11);
  std::vector<WeightedDraw> draws;
  for (int i = 0; i < 100000; ++i) {
    WeightedDraw d;
    const double theta = rng.uniform(0, 100);
    d.outputs.numbers["inputs.theta"] = theta;
    d.outputs.numbers["milestones.m"] = 20000 + theta;
    d.weight = observation_likelihood(seen, d.outputs);
    draws.push_back(d);
  }
  const InferenceSummary s = summarize_inference(draws, {{"inputs.theta", Dimension::Count}}, {"milestones.m"});
  CHECK(s.acceptance_rate == Approx(0.6).margin(0.005));
  REQUIRE(s.inputs.size() == 1);
  REQUIRE(s.inputs[0].posterior);
  CHECK(s.inputs[0].posterior->p50 == Approx(30).margin(0.5));
  CHECK(s.inputs[0].posterior->p10 == Approx(6).margin(0.5));
  CHECK(s.inputs[0].posterior->p90 == Approx(54).margin(0.5));
  CHECK(s.inputs[0].prior.p50 == Approx(50).margin(0.5));
  CHECK(s.inputs[0].shift == Approx(-20).margin(0.7));
  // KS distance of U(0, 60) from U(0, 100): sup |x/60 - x/100| at x = 60: 1 - 0.6 = 0.4.
  CHECK(s.inputs[0].ks_distance == Approx(0.4).margin(0.01));
  CHECK(s.ess == Approx(60000).margin(600));
  CHECK_FALSE(s.suggested_draws);
}

namespace {

// One SBC trial set: the generative model is theta ~ U(0, 100), alternative A or B (offset 0 or
// 20 d, prior 1/2 each), milestone day = 20000 + theta + offset, observed = milestone + lag with
// lag ~ U(0, 30). `point_date` replaces the stated likelihood by a normal around the observed
// date (sd 3 d), which ignores that a sighting comes after the fact.
struct Sbc {
  std::vector<double> ranks;
  double coverage80 = 0;
};

Sbc run_sbc(bool point_date) {
  Sbc out;
  const int trials = 200, draws = 2000;
  long covered = 0;
  Rng master(20260424);
  for (int t = 0; t < trials; ++t) {
    Rng rng = master.fork(std::uint64_t(t));
    const double truth = rng.uniform(0, 100);
    const double offset = rng.uniform01() < 0.5 ? 0.0 : 20.0;
    const double observed = 20000 + truth + offset + rng.uniform(0, 30);
    const Observation ob = point_date ? normal_obs("milestones.m", observed, 3.0) : existed_by("milestones.m", observed, 30);
    std::vector<double> theta, w;
    for (int k = 0; k < draws; ++k) {
      DrawOutputs d;
      const double th = rng.uniform(0, 100);
      const double off = rng.uniform01() < 0.5 ? 0.0 : 20.0;
      d.numbers["milestones.m"] = 20000 + th + off;
      theta.push_back(th);
      w.push_back(observation_likelihood(ob, d));
    }
    out.ranks.push_back(weighted_cdf(theta, w, truth));
    if (truth >= weighted_quantile(theta, w, 0.1) && truth <= weighted_quantile(theta, w, 0.9)) ++covered;
  }
  out.coverage80 = double(covered) / trials;
  return out;
}

}  // namespace

TEST_CASE("Simulation-based calibration: ranks uniform and 80% intervals cover 80% of truths", "[infer][sbc]") {
  const Sbc ok = run_sbc(false);
  const KsTest ks = ks_uniform_test(ok.ranks);
  INFO("KS D " << ks.d << " p " << ks.p_value << ", coverage " << ok.coverage80);
  CHECK(ks.p_value > 0.01);
  CHECK(ok.coverage80 >= 0.74);
  CHECK(ok.coverage80 <= 0.86);
  // The test has power: a point-date likelihood on the same data puts the truth too early.
  const Sbc biased = run_sbc(true);
  const KsTest kb = ks_uniform_test(biased.ranks);
  INFO("point-date KS D " << kb.d << " p " << kb.p_value << ", coverage " << biased.coverage80);
  CHECK(kb.p_value < 0.01);
}

TEST_CASE("Low effective sample size is a warning with a suggested draw count", "[infer]") {
  std::vector<WeightedDraw> draws(1000);
  for (std::size_t i = 0; i < draws.size(); ++i) {
    draws[i].outputs.numbers["inputs.x"] = double(i);
    draws[i].weight = i < 20 ? 1.0 : 0.0;  // ESS 20
  }
  const InferenceSummary s = summarize_inference(draws, {{"inputs.x", Dimension::Count}}, {});
  CHECK(s.ess == Approx(20));
  REQUIRE(s.suggested_draws);
  CHECK(*s.suggested_draws == 20000);  // 2 x 200 / (20 / 1000)
}

TEST_CASE("Categorical and conditional observations", "[infer]") {
  Observation o;
  o.name = "ascend-used";
  o.output = "pretraining.chip";
  o.kind = LikelihoodKind::Categorical;
  o.probability = {{"ascend-950pr", 1.0}, {"ascend-910c", 1.0}};
  o.otherwise = 0.1;
  DrawOutputs d;
  d.labels["pretraining.chip"] = "nvidia-h800";
  CHECK(observation_likelihood(o, d) == Approx(0.1));
  d.labels["pretraining.chip"] = "ascend-910c";
  CHECK(observation_likelihood(o, d) == Approx(1.0));
  // A fleet bound that applies only to one chip, read on a date from the fleet's steps.
  Observation f;
  f.name = "not-at-scale";
  f.output = "fleet.usable_chips";
  f.kind = LikelihoodKind::AtMost;
  f.bound = 8192;
  f.on_day = 20600;
  f.only_if_output = "pretraining.chip";
  f.only_if_equals = "ascend-950pr";
  d.fleet = {{20500, 4000}, {20600, 9000}, {20700, 20000}};
  CHECK(observation_likelihood(f, d) == 1.0);  // the draw trained on 910C: does not apply
  d.labels["pretraining.chip"] = "ascend-950pr";
  CHECK(observation_likelihood(f, d) == 0.0);  // 9,000 chips on day 20600
  f.on_day = 20599;
  CHECK(observation_likelihood(f, d) == 1.0);  // 4,000 the day before
  Observation missing = o;
  missing.output = "pretraining.chipz";
  CHECK_THROWS_AS(observation_likelihood(missing, d), InputError);
}
