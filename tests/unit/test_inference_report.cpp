// The inference report's pure parts: prior and posterior densities on shared bins (worked out by
// hand on evenly spaced draws), and the three charts' marks (one outline per density, two bars per
// choice, one marker per observed date).
#include <catch2/catch.hpp>

#include <numeric>

#include "sim/infer/posterior_density.hpp"
#include "sim/trace/infer_charts.hpp"

using namespace ascendsim;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("prior and posterior densities on shared bins, by hand", "[infer][report]") {
  // Draws 0.5, 1.5, ..., 999.5; the posterior keeps the lower half (weight 1 below 500, else 0).
  std::vector<double> v, w;
  for (int i = 0; i < 1000; ++i) {
    v.push_back(i + 0.5);
    w.push_back(i < 500 ? 1.0 : 0.0);
  }
  const auto d = prior_posterior_density(v, w, 10);
  REQUIRE(d);
  // Quantiles of evenly weighted draws interpolate at (k - 0.5) / n (Hyndman-Fan 5): the prior's
  // 0.5% is the k = 5.5th value, 5.0, its 99.5% the 995.5th, 995.0; the posterior's (500 draws)
  // 0.5% is the 3rd value, 2.5. The bins span the union: [2.5, 995].
  CHECK(d->lo == Approx(2.5));
  CHECK(d->hi == Approx(995.0));
  // Outside: 0.5 and 1.5 below, 995.5 .. 999.5 above: 7 of 1,000 prior draws; 2 of 500 posterior.
  CHECK(d->prior_outside == Approx(0.007));
  CHECK(d->posterior_outside == Approx(0.004));
  const double width = (995.0 - 2.5) / 10;
  const double prior_area = std::accumulate(d->prior.begin(), d->prior.end(), 0.0) * width;
  const double post_area = std::accumulate(d->posterior.begin(), d->posterior.end(), 0.0) * width;
  CHECK(prior_area == Approx(1 - 0.007));
  CHECK(post_area == Approx(1 - 0.004));
  // Bin 0 is [2.5, 101.75): draws 2.5 .. 101.5, 100 of them: prior 100 / (1000 width), posterior
  // 100 / (500 width). Bin 9 lies above 500: no posterior weight.
  CHECK(d->prior[0] == Approx(100.0 / (1000 * width)));
  CHECK(d->posterior[0] == Approx(100.0 / (500 * width)));
  CHECK(d->posterior[9] == 0.0);
  // A constant has nothing to draw; no weight anywhere gives a prior and an empty posterior.
  CHECK_FALSE(prior_posterior_density({3, 3, 3}, {1, 1, 1}, 10));
  const auto none = prior_posterior_density({1, 2, 3, 4}, {0, 0, 0, 0}, 2);
  REQUIRE(none);
  CHECK(none->posterior == std::vector<double>{0, 0});
}

TEST_CASE("inference charts draw one mark per density, choice and observation", "[infer][report]") {
  ReportDensity dn;
  dn.input = "fleet.org_share";
  dn.axis_title = "percent";
  dn.lo = 0;
  dn.hi = 100;
  dn.prior = {0.01, 0.01};
  dn.posterior = {0.02, 0};
  dn.prior_interval = {10, 50, 90};
  const std::string no_post = density_svg(dn);
  CHECK(count_of(no_post, "<path class=\"density-prior\"") == 1);
  CHECK(count_of(no_post, "<path class=\"density-posterior\"") == 0);
  dn.posterior_interval = ReportInterval{5, 25, 45};
  const std::string both = density_svg(dn);
  CHECK(count_of(both, "<path class=\"density-posterior\"") == 1);
  CHECK(count_of(both, "class=\"density-band prior-band\"") == 1);
  CHECK(count_of(both, "class=\"density-band posterior-band\"") == 1);
  CHECK(both.find("KS 0.00") != std::string::npos);
  dn.hi = dn.lo;  // no range: nothing drawn
  CHECK(density_svg(dn).empty());

  const std::vector<ReportChoice> cs{{"alternative", "a", 0.4, 0.9}, {"alternative", "b", 0.6, 0.1}};
  const std::string bars = choice_bars_svg(cs, 1150);
  CHECK(count_of(bars, "<rect class=\"choice-prior\"") == 2);
  CHECK(count_of(bars, "<rect class=\"choice-posterior\"") == 2);
  CHECK(bars.find(">90.0%</text>") != std::string::npos);
  CHECK(bars.find(">40.0%</text>") != std::string::npos);

  std::vector<ReportPredictive> rows(2);
  rows[0].milestone = "checkpoint-0211";
  rows[0].prior = {20480, 20490, 20500};
  rows[0].posterior = ReportInterval{20470, 20475, 20485};
  rows[0].observed_day = 20495;
  rows[1].milestone = "ready";
  rows[1].prior = {20500, 20510, 20520};
  const std::string dates = predictive_dates_svg(rows, 1150);
  CHECK(count_of(dates, "<rect class=\"predictive-prior\"") == 2);
  CHECK(count_of(dates, "<rect class=\"predictive-posterior\"") == 1);
  CHECK(count_of(dates, "<path class=\"observed-marker\"") == 1);
}
