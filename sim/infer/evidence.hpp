// An evidence file (kind = "evidence"): what was observed, each observation naming an output of a
// scenario evaluation and its likelihood, with its source. `ascendsim infer` weights prior draws by
// the product of these likelihoods (sim/infer/importance.hpp).
//
//   kind = "evidence"
//   calendar_file = "../calendar/v4-observed.toml"  # observed dates are read from here by name
//   [[observation]]
//   name = "checkpoint-0211-seen"
//   output = "milestones.checkpoint-0211"        # see draw_outputs.hpp for the output names
//   likelihood = "existed_by"                    # the model's earliest date is on or before the
//   observed_milestone = "checkpoint-0211"       #   observed date, by a lag uniform on [0, max_lag]
//   max_lag = "90d"
//   source = "..."
//
// Likelihoods (every one explicit, so importance sampling is exact):
//   existed_by   date outputs: L = 1/max_lag when 0 <= observed - model <= max_lag, else 0. A
//                sighting or a release says the thing existed by then, not that it was made then.
//   at_most / at_least   numeric outputs: L = 1 when value <= bound (>= bound), else 0.
//   normal       numeric outputs measured with an error: Gaussian density of observed - value, sd.
//   categorical  string outputs: L = probability[value] (values not listed: `otherwise`, default 0).
// Any observation may apply only when another output has a value (`only_if = { output = "...",
// equals = "..." }`); elsewhere its likelihood is 1.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/input_error.hpp"

namespace ascendsim {

enum class LikelihoodKind { ExistedBy, AtMost, AtLeast, Normal, Categorical };

struct Observation {
  std::string name, output, source;
  LikelihoodKind kind = LikelihoodKind::ExistedBy;
  double observed = 0;      // existed_by: the observed day (days since 1970-01-01); normal: the value
  double max_lag_days = 0;  // existed_by
  double bound = 0;         // at_most / at_least
  double sd = 0;            // normal
  std::map<std::string, double> probability;  // categorical: P(observation | value)
  double otherwise = 0;                       // categorical: for values not listed
  std::optional<long> on_day;                 // outputs read on a date (fleet.usable_chips)
  std::string only_if_output, only_if_equals;
  SourceLocation where;
};

struct Evidence {
  std::string path;
  std::vector<Observation> observations;
};

// Throws InputError, located at the file, line and key.
Evidence load_evidence(const std::string& path);

const char* likelihood_kind_name(LikelihoodKind k);

}  // namespace ascendsim
