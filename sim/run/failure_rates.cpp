// Loader for per-component failure rates (kind = "failures"); scaling by the job's component counts.
#include "sim/run/failure_rates.hpp"

namespace ascendsim {

const char* component_name(Component c) {
  static const char* names[kComponentCount] = {"accelerator", "hbm",      "host",   "link",
                                               "switch",      "software", "storage"};
  return names[static_cast<int>(c)];
}

bool component_removes_host(Component c) {
  return c == Component::Accelerator || c == Component::Hbm || c == Component::Host;
}

double FailureRates::class_rate_per_hour(Component c, double chips) const {
  const ComponentRate& r = of(c);
  return r.rate_per_component_hour.nominal * (r.components_per_chip * chips + r.components_per_job);
}

double FailureRates::total_rate_per_hour(double chips) const {
  double sum = 0;
  for (int i = 0; i < kComponentCount; ++i) sum += class_rate_per_hour(static_cast<Component>(i), chips);
  return sum;
}

std::string default_failure_rates_file(const std::string& chip) {
  return chip.rfind("ascend-", 0) == 0 ? "platforms/failure-rates-ascend.toml" : "platforms/failure-rates.toml";
}

FailureRates read_failure_rates(const Section& root) {
  FailureRates rates;
  rates.source = root.string_or("source", "");
  for (int i = 0; i < kComponentCount; ++i) {
    const auto c = static_cast<Component>(i);
    const auto opt = root.table_opt(component_name(c));
    if (!opt) {
      if (!root.has(component_name(c)))
        root.error(component_name(c), "missing table: every class (accelerator, hbm, host, link, switch, software, "
                                      "storage) must be given; use rate_per_component_hour = 0 to exclude one");
      continue;
    }
    const Section& t = *opt;
    ComponentRate& r = rates.of(c);
    r.rate_per_component_hour = t.param("rate_per_component_hour", Dimension::Count, 0.0, 1.0);
    r.components_per_chip = t.number_or("components_per_chip", 0.0, 0.0, 1e6);
    r.components_per_job = t.number_or("components_per_job", 0.0, 0.0, 1e9);
    if (!t.has("components_per_chip") && !t.has("components_per_job"))
      t.error("", "expected components_per_chip or components_per_job (how many of this component a job uses)");
  }
  return rates;
}

FailureRates load_failure_rates(const std::string& path, std::vector<Override>* overrides) {
  TomlDocument doc = TomlDocument::load(path, overrides);
  Section root = doc.root();
  root.choice("kind", {"failures"});
  FailureRates rates = read_failure_rates(root);
  doc.finish();
  return rates;
}

}  // namespace ascendsim
