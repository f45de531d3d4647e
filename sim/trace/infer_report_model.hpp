// What the inference report (`infer --out DIR`, report.html) shows, as plain data: the inference
// fills it (sim/infer/infer_html.cpp), the charts (infer_charts.hpp) only draw it. Values are in
// display units already (percent, days, dates as days since 1970-01-01).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace ascendsim {

struct ReportInterval {
  double p10 = 0, p50 = 0, p90 = 0;
};

// One input's prior and posterior densities on shared equal-width bins over [lo, hi].
struct ReportDensity {
  std::string input;                 // key path, "fleet.org_share"
  std::string axis_title;            // "share (%)", "date", "chips"
  bool dates = false;                // values are days since 1970-01-01
  double lo = 0, hi = 0;
  std::vector<double> prior, posterior;  // densities per display unit, one per bin
  ReportInterval prior_interval;
  std::optional<ReportInterval> posterior_interval;
  double ks_distance = 0;
};

// A discrete choice's prior and posterior probability ("alternative" = "ascend-950pr").
struct ReportChoice {
  std::string output, value;
  double prior = 0, posterior = 0;
};

// A milestone's prior and posterior-predictive 80% intervals against its observed date.
struct ReportPredictive {
  std::string milestone;
  ReportInterval prior;
  std::optional<ReportInterval> posterior;
  std::optional<double> observed_day;
};

}  // namespace ascendsim
