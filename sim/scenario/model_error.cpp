#include "sim/scenario/model_error.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <tuple>

#include "sim/check/golden.hpp"
#include "sim/check/serving_case.hpp"
#include "sim/config/toml_reader.hpp"

namespace ascendsim {

namespace {

// The published quantities a residual is taken from, best first, and whether they are
// throughput-like (inverse to step time).
struct Comparable {
  const char* path;
  bool throughput;
};
constexpr Comparable kComparable[] = {{"pretraining.mfu", true},
                                      {"pretraining.step_time_s", false},
                                      {"pretraining.tokens_per_s", true},
                                      {"pretraining.run.chip_hours_per_trillion_tokens", false}};

// Median exp(mean ln f) and sample sd of ln f.
std::pair<double, double> lognormal_fit(const std::vector<ModelResidual>& rs) {
  const std::size_t n = rs.size();
  double mean = 0;
  for (const auto& r : rs) mean += std::log(r.factor);
  mean /= double(n);
  double ss = 0;
  for (const auto& r : rs) ss += (std::log(r.factor) - mean) * (std::log(r.factor) - mean);
  return {std::exp(mean), std::sqrt(ss / double(n - 1))};
}

Param lognormal_param(double median, double sigma, const std::string& key_path) {
  Distribution d;
  d.kind = Distribution::Kind::Lognormal;
  d.median = median;
  d.sigma = sigma;
  Param p;
  p.nominal = 1.0;
  p.dist = d;
  p.key_path = key_path;
  p.dim = Dimension::Count;
  return p;
}

std::vector<std::string> files_ending(const std::string& dir, const std::string& suffix) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The serving suite's predicted cases as residuals (sim/check/serving_case.hpp).
std::vector<ModelResidual> serving_residuals(const std::string& dir, const SourceLocation& at) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError(at, "serving_time.cases", quote_value(dir) + " is not a directory");
  std::vector<ModelResidual> out;
  for (const std::string& f : files_ending(dir, ".toml")) {
    const ServingCase c = load_serving_case(f);
    if (c.rule != "10%") continue;  // the fitted point, and cases reported outside the rule
    ModelResidual r;
    r.golden = fs::path(f).filename().string();
    r.field = c.key;
    r.simulated = c.expected;
    r.published = c.published;
    if (!(r.simulated > 0) || !(r.published > 0)) continue;
    const bool rate = c.key.find("tokens_per_s") != std::string::npos;
    const bool time = c.key.rfind("tpot_s", 0) == 0 || c.key.rfind("ttft_s", 0) == 0;
    if (!rate && !time)
      throw InputError(at, "serving_time.cases", f + ": key " + quote_value(c.key) +
                                                     " is neither a time per token (tpot_s.*, ttft_s.*) nor a rate (*tokens_per_s*)");
    r.factor = rate ? r.simulated / r.published : r.published / r.simulated;
    out.push_back(r);
  }
  return out;
}

}  // namespace

ModelError load_model_error(const std::string& path) {
  TomlDocument doc = TomlDocument::load(path);
  Section root = doc.root();
  ModelError me;
  me.path = path;
  root.choice("kind", {"model-error"});
  Section st = root.table("step_time");
  const std::string dir = resolve_against(path, st.string("goldens"));
  const std::vector<std::string> fitted = st.strings("fitted");
  const SourceLocation goldens_at = st.location("goldens"), fitted_at = st.location("fitted");
  std::optional<std::string> cases_dir;
  SourceLocation cases_at;
  if (auto sv = root.table_opt("serving_time")) {
    cases_dir = resolve_against(path, sv->string("cases"));
    cases_at = sv->location("cases");
  }
  doc.finish();
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError(goldens_at, "step_time.goldens", quote_value(dir) + " is not a directory");
  const std::vector<std::string> files = files_ending(dir, ".expected.toml");
  for (const std::string& f : fitted)
    if (std::none_of(files.begin(), files.end(), [&](const std::string& p) { return fs::path(p).filename() == f; }))
      throw InputError(fitted_at, "step_time.fitted", "no golden file " + quote_value(f) + " in " + dir);
  for (const std::string& g : files) {
    const std::string name = fs::path(g).filename().string();
    if (std::find(fitted.begin(), fitted.end(), name) != fitted.end()) continue;
    const GoldenFile gf = load_golden(g);
    std::map<std::string, double> sim;
    for (const GoldenField& f : gf.fields) {
      try {
        sim[f.path] = std::stod(f.expected_text);
      } catch (const std::exception&) {
      }
    }
    for (const Comparable& c : kComparable) {
      const auto pub = std::find_if(gf.published.begin(), gf.published.end(), [&](const PublishedValue& p) { return p.path == c.path; });
      const auto s = sim.find(c.path);
      if (pub == gf.published.end() || s == sim.end()) continue;
      ModelResidual r;
      r.golden = name;
      r.field = c.path;
      r.simulated = s->second;
      r.published = std::stod(pub->value_text);
      if (!(r.simulated > 0) || !(r.published > 0)) continue;
      r.factor = c.throughput ? r.simulated / r.published : r.published / r.simulated;
      me.residuals.push_back(r);
      break;
    }
  }
  const std::size_t n = me.residuals.size();
  if (n < 3)
    throw InputError(goldens_at, "step_time.goldens",
                     "needs at least 3 predicted cases with a published MFU, step time, tokens/s or chip-hours to fit a "
                     "spread; found " + std::to_string(n) + " in " + dir);
  std::tie(me.median, me.sigma) = lognormal_fit(me.residuals);
  me.step_time = lognormal_param(me.median, me.sigma, "model_error.step_time");
  if (cases_dir) {
    me.serving_residuals = serving_residuals(*cases_dir, cases_at);
    if (me.serving_residuals.size() < 3)
      throw InputError(cases_at, "serving_time.cases",
                       "needs at least 3 serving cases under the 10% rule to fit a spread; found " +
                           std::to_string(me.serving_residuals.size()) + " in " + *cases_dir);
    std::tie(me.serving_median, me.serving_sigma) = lognormal_fit(me.serving_residuals);
    me.serving_time = lognormal_param(me.serving_median, me.serving_sigma, "model_error.serving_time");
  }
  return me;
}

}  // namespace ascendsim
