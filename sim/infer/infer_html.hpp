// The inference report `infer --out DIR` (and `merge` of infer parts) writes as report.html: for
// every sampled input its prior and posterior densities overlaid, the posterior of each discrete
// choice against its prior, the posterior-predictive milestone dates against the observed ones,
// and the summary the terminal prints (acceptance, effective sample size, observations). Built
// from the same InferResult as the terminal and JSON output, with the same value formatting, so
// the three agree; self-contained and byte-deterministic like the timeline report.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "sim/infer/infer_run.hpp"
#include "sim/trace/infer_report_model.hpp"

namespace ascendsim {

// Bins of each input's density chart.
constexpr int kDensityBins = 24;

// One input's densities in display units (percent for fractions, days for times, dates as days).
// std::nullopt when the input took one value only in its draws (nothing to draw).
std::optional<ReportDensity> input_density(const InferResult& r, const QuantityPosterior& q, int bins = kDensityBins);

std::string render_infer_html(const PriorSet& priors, const Evidence& evidence, const InferResult& r,
                              const nlohmann::json& provenance);

}  // namespace ascendsim
