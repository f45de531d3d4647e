// Per-component failure rates (failures per component-hour) and how many components a job of N
// chips uses. Loaded from a `kind = "failures"` TOML file; the shipped platforms/failure-rates.toml
// derives its rates from Meta's research-cluster study and the Llama 3 breakdown (see that file).
#pragma once
#include <array>
#include <string>

#include "sim/config/param.hpp"
#include "sim/config/toml_reader.hpp"

namespace ascendsim {

enum class Component { Accelerator, Hbm, Host, Link, Switch, Software, Storage };
constexpr int kComponentCount = 7;
const char* component_name(Component c);  // "accelerator", "hbm", "host", "link", "switch", "software", "storage"
// True for classes whose failure takes a host out until it is repaired (accelerator, HBM, host).
bool component_removes_host(Component c);

struct ComponentRate {
  Param rate_per_component_hour{0.0};
  double components_per_chip = 0;  // e.g. host: 1/8 with 8 chips per host
  double components_per_job = 0;   // e.g. storage: one shared file system
};

struct FailureRates {
  std::array<ComponentRate, kComponentCount> classes{};
  std::string source;  // the file's `source`, reported with results
  const ComponentRate& of(Component c) const { return classes[static_cast<int>(c)]; }
  ComponentRate& of(Component c) { return classes[static_cast<int>(c)]; }
  // Failures per hour of a job on `chips` chips, for one class and in total (nominal rates).
  double class_rate_per_hour(Component c, double chips) const;
  double total_rate_per_hour(double chips) const;
};

// Reads the seven component tables from a section (the root of a failures file). Errors are
// recorded in the document (negative rate, unknown component table = unknown key, missing class).
FailureRates read_failure_rates(const Section& root);
// The shipped rates file for a chip family, relative to the repository root: Ascend chips (catalogue
// names "ascend-*") use platforms/failure-rates-ascend.toml, every other chip
// platforms/failure-rates.toml (measured on NVIDIA clusters).
std::string default_failure_rates_file(const std::string& chip);

// Loads a `kind = "failures"` file; throws InputError with every located problem.
// `overrides` (--set) apply to the file itself, key paths as written in it.
FailureRates load_failure_rates(const std::string& path, std::vector<Override>* overrides = nullptr);

}  // namespace ascendsim
