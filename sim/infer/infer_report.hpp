// What `ascendsim infer` prints: the terminal summary and the JSON document (schema in
// docs/schema.md "infer"). Both are rendered from one InferResult, so they carry the same numbers.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "sim/infer/infer_run.hpp"

namespace ascendsim {

// A value of the given dimension as shown to a person: dates as ISO days, fractions as percent.
std::string format_infer_value(double v, Dimension dim);
// "2026-01-04 [2025-12-20, 2026-01-19]": median [10%, 90%].
std::string format_infer_interval(const Interval80& i, Dimension dim);
// A posterior-minus-prior shift: "+3.5 d", "-12 pt", "+1.2e+03".
std::string format_infer_shift(double shift, Dimension dim);
// What an observation says: "milestones.checkpoint-0211 on or before 2026-02-11 (lag uniform on 0..60 d)".
std::string format_observation(const Observation& o);

std::string render_infer_text(const PriorSet& priors, const Evidence& evidence, const InferResult& r, std::size_t top_inputs = 10);
nlohmann::ordered_json infer_json(const PriorSet& priors, const Evidence& evidence, const InferResult& r);

}  // namespace ascendsim
