#include "sim/scenario/model_error.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "sim/check/golden.hpp"
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
  doc.finish();
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError(goldens_at, "step_time.goldens", quote_value(dir) + " is not a directory");
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.size() > 14 && name.compare(name.size() - 14, 14, ".expected.toml") == 0) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
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
  double mean = 0;
  for (const auto& r : me.residuals) mean += std::log(r.factor);
  mean /= double(n);
  double ss = 0;
  for (const auto& r : me.residuals) ss += (std::log(r.factor) - mean) * (std::log(r.factor) - mean);
  me.median = std::exp(mean);
  me.sigma = std::sqrt(ss / double(n - 1));
  Distribution d;
  d.kind = Distribution::Kind::Lognormal;
  d.median = me.median;
  d.sigma = me.sigma;
  me.step_time.nominal = 1.0;
  me.step_time.dist = d;
  me.step_time.key_path = "model_error.step_time";
  me.step_time.dim = Dimension::Count;
  return me;
}

}  // namespace ascendsim
